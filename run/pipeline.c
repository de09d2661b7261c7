/* pipeline.c — see pipeline.h. */
#define _POSIX_C_SOURCE 200809L
#include "pipeline.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "csvio.h"
#include "date.h"
#include "extract.h"
#include "load.h"
#include "report.h"
#include "stats.h"
#include "transform.h"
#include "validate.h"
#include "whdb.h"
#include "text.h"

/* Removes the files of WORKDIR/name that the run wrote (no subdirectories),
 * then the directory, never following a symbolic link: the directory is
 * opened with O_NOFOLLOW relative to the work directory and its entries
 * unlinked relative to it, so a link planted there is removed itself and
 * whatever it points to is left alone. */
static void remove_stage_dir(const char *workdir, const char *name)
{
    int wfd = open(workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (wfd < 0)
        return;
    int dfd = openat(wfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL)
            if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
                unlinkat(dirfd(d), de->d_name, 0);
        closedir(d);
        unlinkat(wfd, name, AT_REMOVEDIR);
    } else if (dfd >= 0) {
        close(dfd);
    }
    close(wfd);
}

/* The run writes into WORKDIR/staged, normalized and tables: each must be
 * missing or a directory of its own, never a symbolic link (through one the
 * run would write, and its clean-up delete, outside the work directory). */
static lscb_err check_own_dirs(const char *workdir, struct lscb_error *e)
{
    static const char *const names[] = {"staged", "normalized", "tables"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char *p = path_join(workdir, names[i]);
        struct stat st;
        lscb_err rc = LSCB_OK;
        if (lstat(p, &st) == 0 && !S_ISDIR(st.st_mode))
            rc = lscb_fail(e, LSCB_ESYS, "%s: is %s, not a directory of the work directory: "
                           "lscb-run writes only inside its work directory; remove it", p,
                           S_ISLNK(st.st_mode) ? "a symbolic link" : "a file");
        else if (lstat(p, &st) != 0 && errno != ENOENT)
            rc = lscb_fail(e, LSCB_ESYS, "%s: %s", p, strerror(errno));
        free(p);
        if (rc)
            return rc;
    }
    return LSCB_OK;
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

/* The validation rules in a child process (the other core), or in this one
 * when there is one core or LSCB_JOBS=1 (also what the valgrind run uses:
 * a forked child would report its parent's memory as lost). */
struct validator {
    bool started;
    pid_t pid;         /* the child, or 0 when run in-process */
    int fd;            /* the child's error message, if it fails */
    lscb_err rc;       /* in-process result */
    struct lscb_error err;
};

static bool serial_jobs(void)
{
    const char *j = getenv("LSCB_JOBS");
    long n;
    if (j && *j)
        return !text_long(j, &n) || n <= 1;   /* not a number: the safe way */
    return sysconf(_SC_NPROCESSORS_ONLN) < 2;
}

static lscb_err validator_start(struct validator *v, const char *staged, const char *out,
                                const char *counts, bool quiet, struct lscb_error *e)
{
    struct validate_opts vo = {.indir = staged, .out = out, .counts = counts, .quiet = quiet};
    struct validate_result vr;
    v->started = true;
    if (serial_jobs()) {
        v->pid = 0;
        v->rc = validate_run(&vo, &vr, &v->err);
        return LSCB_OK;
    }
    int p[2];
    if (pipe(p) != 0)
        return lscb_fail(e, LSCB_ESYS, "cannot create a pipe: %s", strerror(errno));
    fflush(NULL);
    v->pid = fork();
    if (v->pid < 0) {
        close(p[0]);
        close(p[1]);
        v->started = false;
        return lscb_fail(e, LSCB_ESYS, "cannot start the validation: %s", strerror(errno));
    }
    if (v->pid == 0) {
        close(p[0]);
        /* gone with its parent (a killed run); no second progress line */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        setenv("LSCB_NO_PROGRESS", "1", 1);
        struct lscb_error ve = {0};
        lscb_err rc = validate_run(&vo, &vr, &ve);
        if (rc != LSCB_OK) {
            ssize_t w = write(p[1], ve.msg, strlen(ve.msg));
            (void)w;
        }
        close(p[1]);
        _exit(rc == LSCB_OK ? 0 : 10 + (int)rc);
    }
    close(p[1]);
    v->fd = p[0];
    return LSCB_OK;
}

static lscb_err validator_wait(struct validator *v, bool abandon, struct lscb_error *e)
{
    if (!v->started)
        return LSCB_OK;
    v->started = false;
    if (v->pid == 0) {   /* ran in-process */
        if (abandon || !e || v->rc == LSCB_OK)
            return LSCB_OK;
        return lscb_fail(e, v->rc, "validation: %s", v->err.msg);
    }
    if (abandon)
        kill(v->pid, SIGTERM);
    char msg[sizeof e->msg];
    ssize_t n = read(v->fd, msg, sizeof msg - 1);
    msg[n > 0 ? n : 0] = '\0';
    close(v->fd);
    int status = 0;
    while (waitpid(v->pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (abandon || !e)
        return LSCB_OK;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return LSCB_OK;
    if (WIFEXITED(status) && WEXITSTATUS(status) > 10)
        return lscb_fail(e, (lscb_err)(WEXITSTATUS(status) - 10), "validation: %s", msg);
    if (WIFSIGNALED(status))
        return lscb_fail(e, LSCB_ESYS, "validation: stopped by signal %d", WTERMSIG(status));
    return lscb_fail(e, LSCB_ESYS, "validation: the process exited with status %d",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
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
    rc = check_own_dirs(o->workdir, e);
    if (rc) {
        close(lockfd);
        return rc;
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

    struct validator v = {0};
    char *counts = path_join(o->workdir, ".validation-counts.csv");
    if (o->ninputs > 0) {
        struct extract_opts xo = {.outdir = staged, .inputs = o->inputs,
                                  .ninputs = o->ninputs, .la = o->la, .quiet = quiet};
        struct extract_result xr;
        rc = extract_run(&xo, &xr, e);
        /* DfE's validation rules read the staged records too: on the
         * other core, while the transform, the load and the stats run */
        if (rc == LSCB_OK)
            rc = validator_start(&v, staged, validation, counts, quiet, e);
        if (rc == LSCB_OK) {
            struct transform_opts to = {.indir = staged, .outdir = norm, .rejects = rejects,
                                        .quiet = quiet};
            struct transform_result tr;
            rc = transform_run(&to, &tr, e);
            res->records_read = tr.read;
            res->records_rejected = tr.rejected;
        }
        char *keyf = path_join(o->workdir, "pseudonym.key");
        if (rc == LSCB_OK) {
            struct load_opts lo = {.indir = norm, .warehouse = wh, .key_file = keyf,
                                   .create_key = true, .quiet = quiet};
            struct load_result lr;
            rc = load_run(&lo, &lr, e);
        }
        free(keyf);
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
        /* the validation's counts, once it is done (validation.csv is worth
         * having even when the stats stopped on the input), and the year's
         * summary */
        if (v.started) {
            struct lscb_error ve = {0};
            lscb_err vrc = validator_wait(&v, false, &ve);
            if (vrc == LSCB_OK)
                vrc = load_validation_counts_file(wh, counts, &ve);
            if (vrc == LSCB_OK && rc == LSCB_OK)
                vrc = stats_validation_summary(wh, sr.la, o->year, tables, &ve);
            if (rc == LSCB_OK && vrc != LSCB_OK) {
                rc = vrc;
                *e = ve;
            }
        }
    }
    validator_wait(&v, true, NULL);   /* a run that stopped early: stop it too */
    unlink(counts);
    free(counts);
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
        remove_stage_dir(o->workdir, "staged");
        remove_stage_dir(o->workdir, "normalized");
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
