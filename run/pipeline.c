/* pipeline.c — see pipeline.h. */
#define _POSIX_C_SOURCE 200809L
#include "pipeline.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "config.h"
#include "whdb.h"
#include "csvio.h"
#include "date.h"
#include "extract.h"
#include "load.h"
#include "report.h"
#include "stats.h"
#include "transform.h"

/* Removes the files of a directory we wrote (no subdirectories), then it. */
static void remove_dir_files(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char *p = path_join(dir, de->d_name);
        unlink(p);
        free(p);
    }
    closedir(d);
    rmdir(dir);
}

/* Reads the year's cpp_open total back from measures.csv for the summary. */
struct find_open {
    char want_end[11], want_start[11];
    char *out;
    size_t cap;
};

static lscb_err on_mrow(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)line;
    (void)e;
    struct find_open *fo = ctx;
    if (n == 8 && !strcmp(f[0], "cpp_open") && !strcmp(f[2], fo->want_start) &&
        !strcmp(f[3], fo->want_end) && !f[4][0])
        snprintf(fo->out, fo->cap, "%s", f[5]);
    return LSCB_OK;
}

lscb_err pipeline_run(const struct pipeline_opts *o, struct pipeline_result *res,
                      struct lscb_error *e)
{
    memset(res, 0, sizeof *res);
    lscb_err rc = mkdir_p(o->workdir, e);
    if (rc)
        return rc;
    char *lockp = path_join(o->workdir, ".lscb-run.lock");
    int lockfd = open(lockp, O_RDWR | O_CREAT, 0600);
    free(lockp);
    if (lockfd < 0)
        return lscb_fail(e, LSCB_ESYS, "%s: cannot create lock file: %s", o->workdir,
                         strerror(errno));
    if (flock(lockfd, LOCK_EX | LOCK_NB) != 0) {
        close(lockfd);
        return lscb_fail(e, LSCB_ESYS, "%s: another lscb-run is using this work directory; "
                         "try again when it has finished", o->workdir);
    }
    char *staged = path_join(o->workdir, "staged");
    char *norm = path_join(o->workdir, "normalized");
    char *rejects = path_join(o->workdir, "rejects.csv");
    char *validation = path_join(o->workdir, "validation.csv");
    char *wh = NULL;
    if (o->warehouse) {
        wh = lscb_xstrdup(o->warehouse);
    } else if (o->config) {
        struct lscb_config cfg;
        config_defaults(&cfg);
        rc = config_load(o->config, &cfg, e);
        if (rc) {
            close(lockfd);
            return rc;
        }
        if (cfg.warehouse[0])
            wh = lscb_xstrdup(cfg.warehouse);
    }
    if (!wh)
        wh = path_join(o->workdir, "warehouse.sqlite");
    char *tables = path_join(o->workdir, "tables");
    bool quiet = !o->verbose;

    if (o->ninputs > 0) {
        struct extract_opts xo = {.outdir = staged, .inputs = o->inputs,
                                  .ninputs = o->ninputs, .la = o->la, .quiet = quiet};
        struct extract_result xr;
        rc = extract_run(&xo, &xr, e);
        if (rc == LSCB_OK) {
            struct transform_opts to = {.indir = staged, .outdir = norm, .rejects = rejects,
                                        .validation = validation, .quiet = quiet};
            struct transform_result tr;
            rc = transform_run(&to, &tr, e);
            res->records_read = tr.read;
            res->records_rejected = tr.rejected;
        }
        if (rc == LSCB_OK) {
            char *keyf = path_join(o->workdir, "pseudonym.key");
            struct load_opts lo = {.indir = norm, .warehouse = wh, .key_file = keyf,
                                   .create_key = true, .quiet = quiet};
            struct load_result lr;
            rc = load_run(&lo, &lr, e);
            free(keyf);
        }
    } else if (!whdb_is_pg(wh) && access(wh, R_OK) != 0) {
        if (o->published)
            res->benchmarks_only = true;
        else
            rc = lscb_fail(e, LSCB_EUSAGE, "no INPUT given and no warehouse in %s yet: give "
                           "the census files to load (or --published for benchmarks only)",
                           o->workdir);
    }
    if (rc == LSCB_OK) {
        struct stats_opts so = {.warehouse = wh, .outdir = tables, .year = o->year,
                                .la = o->la, .population = o->population, .tpl = o->tpl,
                                .publish = o->publish, .published = o->published,
                                .config = o->config, .quiet = quiet};
        struct stats_result sr;
        rc = stats_run(&so, &sr, e);
    }
    if (rc == LSCB_OK && !res->benchmarks_only) {
        char name[32];
        snprintf(name, sizeof name, "report-%d.xlsx", o->year);
        char *out = path_join(o->workdir, name);
        snprintf(res->report, sizeof res->report, "%s", out);
        struct report_opts ro = {.tables = tables, .tpl = o->tpl ? o->tpl : "dfe",
                                 .year = o->year, .out = out, .rejects = rejects,
                                 .quiet = quiet};
        rc = report_run(&ro, e);
        free(out);
    }
    if (rc == LSCB_OK && !res->benchmarks_only) {
        struct find_open fo = {.out = res->cpp_open, .cap = sizeof res->cpp_open};
        date_format_iso(census_year_start(o->year), fo.want_start);
        date_format_iso(census_year_end(o->year), fo.want_end);
        char *mp = path_join(tables, "measures.csv");
        rc = csv_read_path(mp, on_mrow, &fo, e);
        free(mp);
    }
    /* the intermediate files name children: gone once the warehouse holds
     * their pseudonyms (kept with --keep-intermediate, for debugging) */
    if (rc == LSCB_OK && !o->keep_intermediate) {
        remove_dir_files(staged);
        remove_dir_files(norm);
    }
    free(staged);
    free(norm);
    free(rejects);
    free(validation);
    free(wh);
    free(tables);
    close(lockfd);
    return rc;
}
