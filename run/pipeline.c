/* pipeline.c — see pipeline.h. */
#define _POSIX_C_SOURCE 200809L
#include "run/pipeline.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/config.h"
#include "common/csvio.h"
#include "common/date.h"
#include "extract/extract.h"
#include "load/load.h"
#include "common/pseudonym.h"
#include "output/report.h"
#include "run/onepass.h"
#include "run/rundir.h"
#include "stats/stats.h"
#include "common/template.h"
#include "common/text.h"
#include "common/timing.h"
#include "transform/transform.h"
#include "transform/validate.h"
#include "common/whcopy.h"
#include "common/whdb.h"
#include "common/text.h"

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
    struct find_open *fo = ctx;
    if (n == 8 && !strcmp(f[0], "cpp_open") && !strcmp(f[2], fo->want_start) &&
        !strcmp(f[3], fo->want_end) && !f[4][0] && text_fmt(fo->out, fo->cap, "%s", f[5]))
        return lscb_fail(e, LSCB_EINPUT, "measures.csv:%ld: cpp_open's value '%s' longer than "
                         "%zu characters", line, f[5], fo->cap - 1);
    return LSCB_OK;
}

/* The sheets a run from published tables alone left out (left-out.csv). */
static lscb_err on_left_out(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)e;
    struct pipeline_result *res = ctx;
    if (line == 1 || n < 2)
        return LSCB_OK;
    /* a line of the run's message: a list past it ends in "..." */
    if (text_append(res->left_out, sizeof res->left_out, "%s%s", res->left_out[0] ? ", " : "",
                    f[1]))
        memcpy(res->left_out + sizeof res->left_out - 4, "...", 4);
    return LSCB_OK;
}

/* DfE's validation rules over the staged files, on a thread of their own
 * (the other core) beside the transform, the load and the stats, or in
 * sequence when there is one core or LSCB_JOBS=1.  Either way in this
 * process: the library starts no process, and the validation's notes join
 * the run's for lscb-run's main to print. */
struct validator {
    bool started;
    bool threaded;         /* a thread is running it (join it) */
    pthread_t th;
    atomic_bool cancel;    /* set to stop it early (a run that failed) */
    struct validate_opts vo;
    struct validate_result vr;
    lscb_err rc;
    struct lscb_error err;
    struct lscb_notes notes;   /* the thread's own, joined to the run's when done */
};

static bool serial_jobs(void)
{
    const char *j = getenv("LSCB_JOBS");
    long n;
    if (j && *j)
        return !text_long(j, &n) || n <= 1;   /* not a number: the safe way */
    return sysconf(_SC_NPROCESSORS_ONLN) < 2;
}

static void *validator_main(void *arg)
{
    struct validator *v = arg;
    lscb_crash_point("validator");
    v->rc = validate_run(&v->vo, &v->vr, &v->err);
    return NULL;
}

static lscb_err validator_start(struct validator *v, const char *staged, const char *out,
                                const char *counts, const char *period_end, bool quiet,
                                struct lscb_notes *notes, struct lscb_error *e)
{
    v->vo = (struct validate_opts){.indir = staged, .out = out, .counts = counts,
                                   .quiet = quiet, .period_end = period_end};
    v->started = true;
    v->threaded = false;
    if (serial_jobs()) {
        v->vo.notes = notes;
        lscb_crash_point("validator");
        v->rc = validate_run(&v->vo, &v->vr, &v->err);
        return LSCB_OK;
    }
    /* the stats show their own progress lines; the notes are this thread's */
    atomic_init(&v->cancel, false);
    v->vo.cancel = &v->cancel;
    v->vo.no_progress = true;
    v->vo.notes = &v->notes;
    int err = pthread_create(&v->th, NULL, validator_main, v);
    if (err != 0) {
        v->started = false;
        return lscb_fail(e, LSCB_ESYS, "cannot start the validation: %s", strerror(err));
    }
    v->threaded = true;
    return LSCB_OK;
}

/* Waits for the validation (abandon: stops it first, and drops its
 * result); its notes are added to notes.  LSCB_OK, or its error. */
static lscb_err validator_wait(struct validator *v, bool abandon, struct lscb_notes *notes,
                               struct lscb_error *e)
{
    if (!v->started)
        return LSCB_OK;
    v->started = false;
    if (v->threaded) {
        if (abandon)
            atomic_store(&v->cancel, true);
        pthread_join(v->th, NULL);
        v->threaded = false;
        for (size_t i = 0; i < v->notes.n && !abandon; i++)
            notes_add(notes, "%s", v->notes.line[i]);
        notes_release(&v->notes);
    }
    if (abandon || !e || v->rc == LSCB_OK)
        return LSCB_OK;
    return lscb_fail(e, v->rc, "validation: %s", v->err.msg);
}

/* The templates of the run: --template, or the configuration's list, or
 * dfe; the first one's workbook is report-Y.xlsx. */
static int ntemplates(const struct pipeline_opts *o)
{
    return o->ntpls > 0 ? o->ntpls : 1;
}

static const char *template_name(const struct pipeline_opts *o, int k)
{
    return o->ntpls > 0 ? o->tpls[k] : o->tpl ? o->tpl : "dfe";
}

/* report-Y.xlsx for the first template, report-Y-NAME.xlsx for the others
 * (NAME the template's file name without directory and .ini, whole: two
 * long names alike in their first 100 characters are two workbooks).
 * Returns a new string; free with free(). */
static char *report_name(const struct pipeline_opts *o, int k, int year)
{
    if (k == 0)
        return text_xfmt("report-%d.xlsx", year);
    const char *t = template_name(o, k), *slash = strrchr(t, '/');
    const char *base = slash ? slash + 1 : t;
    size_t n = strlen(base);
    if (n > 4 && !strcmp(base + n - 4, ".ini"))
        n -= 4;
    return text_xfmt("report-%d-%.*s.xlsx", year, (int)n, base);
}

/* The census year of the newest return extracted (staged census.csv:
 * source_file, la_code, census_year, ..., kind): a census return's if there
 * is one, else any return's.  0 when there is none. */
struct newest {
    int census, any;
};

static lscb_err on_census_row(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)e;
    struct newest *nw = ctx;
    int y;
    if (line == 1 || n < 6 || !text_int_range(f[2], 1990, 2100, &y))
        return LSCB_OK;
    if (y > nw->any)
        nw->any = y;
    if (!strcmp(f[5], "census") && y > nw->census)
        nw->census = y;
    return LSCB_OK;
}

static lscb_err newest_year(const char *staged, int *year, struct lscb_error *e)
{
    struct newest nw = {0, 0};
    char *p = path_join(staged, "census.csv");
    lscb_err rc = csv_read_path(p, on_census_row, &nw, e);
    free(p);
    *year = nw.census ? nw.census : nw.any;
    if (rc == LSCB_OK && !*year)
        rc = lscb_fail(e, LSCB_EINPUT, "no census year in the inputs: give --year");
    return rc;
}

/* SQLite opens paths of at most 511 bytes (made absolute first): a work
 * directory or warehouse path too long for the files the run makes in or
 * beside it would fail half-way through, so it is refused first. */
static lscb_err check_path_len(const char *what, const char *path, size_t extra,
                               struct lscb_error *e)
{
    size_t n = strlen(path);
    char cwd[4096];
    if (path[0] != '/' && getcwd(cwd, sizeof cwd))
        n += strlen(cwd) + 1;
    if (n + extra > 511)
        return lscb_fail(e, LSCB_EUSAGE, "%s %.60s...: %zu bytes long as an absolute path; "
                         "SQLite opens paths of at most 511 bytes and the run adds up to %zu: "
                         "give one of at most %zu bytes", what, path, n, extra, 511 - extra);
    return LSCB_OK;
}

/* What an input is when the run begins: the file, its size and time.  The
 * one pass reads an input again (a child whose records came apart, an
 * order-dependent return) and the stages read it once more: a file
 * replaced or still being written meanwhile would give the warehouse one
 * version and validation.csv another, so a change stops the run. */
struct input_stamp {
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
    bool ok;
};

static struct input_stamp *inputs_stamp(const struct pipeline_opts *o)
{
    struct input_stamp *s = lscb_xcalloc((size_t)(o->ninputs > 0 ? o->ninputs : 1), sizeof *s);
    for (int i = 0; i < o->ninputs; i++) {
        struct stat st;
        if (stat(o->inputs[i], &st) == 0)
            s[i] = (struct input_stamp){st.st_dev, st.st_ino, st.st_size, st.st_mtim, true};
    }
    return s;
}

static lscb_err inputs_unchanged(const struct pipeline_opts *o, const struct input_stamp *s,
                                 struct lscb_error *e)
{
    for (int i = 0; i < o->ninputs; i++) {
        struct stat st;
        if (stat(o->inputs[i], &st) != 0 || !s[i].ok || st.st_dev != s[i].dev ||
            st.st_ino != s[i].ino || st.st_size != s[i].size ||
            st.st_mtim.tv_sec != s[i].mtime.tv_sec || st.st_mtim.tv_nsec != s[i].mtime.tv_nsec)
            return lscb_fail(e, LSCB_EINPUT, "%s: the file changed while the run was reading it "
                             "(replaced, or still being written): nothing was changed; run again "
                             "once it is complete", o->inputs[i]);
    }
    return LSCB_OK;
}

/* Everything that can be checked before anything is touched: the
 * configuration, the template, the population file, the inputs (regular
 * files: a pipe or FIFO cannot be read twice and would hang the run) and
 * the pseudonym key.  A run that fails later changes nothing either (its
 * outputs are made in a run directory, rundir.h), but these fail fast. */
static lscb_err check_args(const struct pipeline_opts *o, struct lscb_config *cfg,
                           struct lscb_error *e)
{
    config_defaults(cfg);
    lscb_err rc = o->config ? config_load(o->config, cfg, e) : LSCB_OK;
    /* WORKDIR/.run-XXXXXX/validation.csv.db.tmpXXXXXX-journal */
    if (rc == LSCB_OK)
        rc = check_path_len("work directory", o->workdir, 50, e);
    /* WAREHOUSE.loading-XXXXXX-journal */
    const char *wh = o->warehouse ? o->warehouse : cfg->warehouse;
    if (rc == LSCB_OK && wh[0] && !whdb_is_pg(wh))
        rc = check_path_len("warehouse", wh, 24, e);
    if (rc == LSCB_OK && !o->year && o->ninputs == 0)
        rc = lscb_fail(e, LSCB_EUSAGE, "--year is needed when there is no INPUT (else the "
                       "year is the census year of the newest return given)");
    for (int k = 0; k < ntemplates(o) && rc == LSCB_OK; k++) {
        const char *tname = template_name(o, k);
        char *tpath = template_find(tname);
        if (!tpath)
            rc = lscb_fail(e, LSCB_EINPUT, "template '%s' not found (looked in "
                           "$LSCB_TEMPLATE_DIR, templates/ and the installed share directory)",
                           tname);
        if (rc == LSCB_OK) {
            struct report_template *t = lscb_xcalloc(1, sizeof *t);
            rc = template_load(tpath, t, e);
            free(t);
        }
        free(tpath);
    }
    if (rc == LSCB_OK && o->population && access(o->population, R_OK) != 0)
        rc = lscb_fail(e, LSCB_EINPUT, "%s: cannot read the population file: %s", o->population,
                       strerror(errno));
    for (int i = 0; i < o->ninputs && rc == LSCB_OK; i++) {
        int fd = open(o->inputs[i], O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        struct stat st;
        if (fd < 0)
            rc = lscb_fail(e, LSCB_EINPUT, "%s: cannot open: %s", o->inputs[i], strerror(errno));
        else if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
            rc = lscb_fail(e, LSCB_EINPUT, "%s: not a regular file (a directory, pipe, FIFO or "
                           "device): give the census files themselves", o->inputs[i]);
        if (fd >= 0)
            close(fd);
    }
    if (rc == LSCB_OK && o->ninputs > 0) {
        char *keyf = path_join(o->workdir, "pseudonym.key");
        struct pseudonym_key k;
        /* LSCB_PSEUDONYM_KEY, or a key file the work directory has */
        const char *env = getenv("LSCB_PSEUDONYM_KEY");
        if ((env && *env) || access(keyf, F_OK) == 0)
            rc = pseudonym_key_load(keyf, 0, &k, e);
        memset(&k, 0, sizeof k);
        free(keyf);
    }
    return rc;
}

/* --la CODE with census returns of other authorities among the inputs:
 * they are loaded (a warehouse may hold several authorities, and --la picks
 * the one reported on), and a note names each, so none is taken for part of
 * the report.  When no input is CODE's and every one is another
 * authority's return, the run would load them and then find nothing to
 * report: it stops first, nothing changed.  Only what extract_peek can tell
 * from a file's start counts (census XML returns; a CSV extract names its
 * authority row by row). */
static lscb_err check_input_las(const struct pipeline_opts *o, struct lscb_notes *notes,
                                struct lscb_error *e)
{
    if (!o->la || strchr(o->la, ',') || o->ninputs == 0)
        return LSCB_OK;
    int others = 0, first_other = -1;
    bool all_other = true;
    struct extract_peek *pk = lscb_xcalloc((size_t)o->ninputs, sizeof *pk);
    for (int i = 0; i < o->ninputs; i++) {
        extract_peek(o->inputs[i], o->la, &pk[i]);
        if (pk[i].what == PEEK_CENSUS && strcmp(pk[i].la, o->la)) {
            if (first_other < 0)
                first_other = i;
            others++;
        } else {
            all_other = false;
        }
    }
    lscb_err rc = LSCB_OK;
    if (all_other)
        rc = lscb_fail(e, LSCB_EINPUT, "none of the inputs is a return of LA %s (--la): %s is "
                       "LA %s's%s; give LA %s's returns, or --la %s to report on those; nothing "
                       "was changed", o->la, o->inputs[first_other], pk[first_other].la,
                       others > 1 ? ", and the others are other authorities' too" : "",
                       o->la, pk[first_other].la);
    for (int i = 0; i < o->ninputs && rc == LSCB_OK; i++)
        if (pk[i].what == PEEK_CENSUS && strcmp(pk[i].la, o->la))
            notes_add(notes, "lscb-run: %s: a return of LA %s, not of LA %s (--la): loaded into "
                      "the warehouse, but not in this report (run with --la %s for that)",
                      o->inputs[i], pk[i].la, o->la, pk[i].la);
    free(pk);
    return rc;
}

/* Takes WORKDIR/.lscb-run.lock (never through a symbolic link); -1 with e
 * filled when another run holds it. */
static int lock_workdir(const char *workdir, struct lscb_error *e)
{
    char *lockp = path_join(workdir, ".lscb-run.lock");
    int fd = open(lockp, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    free(lockp);
    if (fd < 0) {
        lscb_fail(e, LSCB_ESYS, "%s: cannot create lock file: %s", workdir, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        lscb_fail(e, LSCB_ESYS, "%s: another lscb-run is using this work directory; try again "
                  "when it has finished", workdir);
        return -1;
    }
    /* and the directory itself: a lock file can be deleted under a run */
    if (whcopy_hold_dir(workdir, e) != LSCB_OK) {
        close(fd);
        return -1;
    }
    return fd;
}

/* The transform and the load on files, as the stages run alone: staged
 * records to normalised files (and rejects.csv), then into the warehouse
 * (an SQLite one through a working copy, made here into *wc). */
static lscb_err stages_on_files(const char *staged, const char *norm, const char *rejects,
                                const char *wh, bool wh_named, bool pg, const char *keyf,
                                bool quiet, struct whcopy *wc, const char **whuse,
                                struct pipeline_result *res, struct lscb_error *e)
{
    struct transform_opts to = {.indir = staged, .outdir = norm, .rejects = rejects,
                                .quiet = quiet, .notes = &res->notes};
    struct transform_result tr;
    lscb_err rc = transform_run(&to, &tr, e);
    res->records_read = tr.read;
    res->records_rejected = tr.rejected;
    /* an SQLite warehouse: a copy, committed with the other outputs; a
     * PostgreSQL one: one transaction, committed with them too */
    if (rc == LSCB_OK && !pg) {
        rc = whcopy_begin(wc, wh, wh_named, e);
        *whuse = wc->copy;
    } else if (rc == LSCB_OK) {
        rc = whdb_hold(wh, e);
    }
    if (rc == LSCB_OK) {
        struct load_opts lo = {.indir = norm, .warehouse = *whuse, .key_file = keyf,
                               .create_key = true, .in_place = !pg, .quiet = quiet,
                               .notes = &res->notes};
        struct load_result lr;
        rc = load_run(&lo, &lr, e);
    }
    return rc;
}

lscb_err pipeline_run(const struct pipeline_opts *o, struct pipeline_result *res,
                      struct lscb_error *e)
{
    memset(res, 0, sizeof *res);
    timing_mark(&res->notes, "start");
    struct lscb_config cfg;
    lscb_err rc = check_args(o, &cfg, e);
    if (rc == LSCB_OK)
        rc = check_input_las(o, &res->notes, e);
    if (rc == LSCB_OK)
        rc = mkdir_p(o->workdir, e);
    if (rc)
        return rc;
    int lockfd = lock_workdir(o->workdir, e);
    if (lockfd < 0)
        return LSCB_ESYS;
    /* what a killed run left: finished if it had begun to commit, else gone */
    rc = rundir_recover(o->workdir, e);
    if (rc == LSCB_OK)
        rc = check_own_dirs(o->workdir, e);
    struct rundir rd = {0};
    if (rc == LSCB_OK)
        rc = rundir_create(&rd, o->workdir, e);
    if (rc) {
        close(lockfd);
        whcopy_unhold_dir();
        return rc;
    }
    /* the warehouse named (a link to it followed), else the work directory's */
    bool wh_named = o->warehouse || cfg.warehouse[0];
    char *wh = o->warehouse ? lscb_xstrdup(o->warehouse)
               : cfg.warehouse[0] ? lscb_xstrdup(cfg.warehouse)
                                  : path_join(o->workdir, "warehouse.sqlite");
    bool pg = whdb_is_pg(wh);
    char *staged = rundir_path(&rd, "staged");
    char *norm = rundir_path(&rd, "normalized");
    char *rejects = rundir_path(&rd, "rejects.csv");
    char *validation = rundir_path(&rd, "validation.csv");
    char *tables = rundir_path(&rd, "tables");
    char *counts = rundir_path(&rd, ".validation-counts.csv");
    /* a new key is made in the run directory and kept only with the warehouse */
    char *keyf = path_join(o->workdir, "pseudonym.key");
    struct stat kst;
    if (lstat(keyf, &kst) != 0) {
        free(keyf);
        keyf = rundir_path(&rd, "pseudonym.key");
    }
    struct whcopy wc = {.lockfd = -1};
    const char *whuse = wh;      /* what the stages read and write */
    bool quiet = !o->verbose;

    struct validator v = {0};
    struct input_stamp *stamps = inputs_stamp(o);
    int year = o->year;   /* 0: the newest return's, once extracted */
    /* LSCB_VALIDATE_ENGINE=sql: DfE's rules as SQL over the staged files
     * (validate.h), on a thread beside the stats */
    const char *engine = getenv("LSCB_VALIDATE_ENGINE");
    bool sql_rules = engine && !strcmp(engine, "sql");
    bool counts_ready = false;   /* the validation's counts file is written */
    if (o->ninputs > 0 && !pg && !o->keep_intermediate) {
        /* one pass: the records from the inputs through the transform's
         * and the validation's rules into the warehouse's working copy, on
         * both cores; no staged or normalised files */
        rc = whcopy_begin(&wc, wh, wh_named, e);
        whuse = wc.copy;
        timing_mark(&res->notes, "working copy made");
        struct onepass_opts po = {.inputs = o->inputs, .ninputs = o->ninputs, .la = o->la,
                                  .staged = sql_rules ? staged : NULL, .rejects = rejects,
                                  .validation = sql_rules ? NULL : validation,
                                  .counts = counts, .period_end = o->period_end,
                                  .warehouse = wc.copy, .key_file = keyf,
                                  .threads = !serial_jobs(), .quiet = quiet,
                                  .notes = &res->notes};
        struct onepass_result pr = {0};
        if (rc == LSCB_OK)
            rc = onepass_run(&po, &pr, e);
        timing_mark(&res->notes, "one pass done");
        /* the copy's pages to disk while the stats read it */
        if (rc == LSCB_OK)
            whcopy_flush_start(&wc);
        res->records_read = pr.read;
        res->records_rejected = pr.rejected;
        if (rc == LSCB_OK && !year) {
            year = pr.newest_census >= 1990 ? pr.newest_census
                   : pr.newest_any >= 1990 ? pr.newest_any : 0;
            if (!year)
                rc = lscb_fail(e, LSCB_EINPUT, "no census year in the inputs: give --year");
        }
        /* an outcome the files' order could change: the stages on the
         * staged files, from a fresh copy */
        if (rc == LSCB_OK && pr.exact && !quiet)
            notes_add(&res->notes, "lscb-run: extract, transform and load in one pass%s",
                      po.threads ? " (the load on a second thread)" : "");
        if (rc == LSCB_OK && !pr.exact) {
            if (!quiet)
                notes_add(&res->notes, "lscb-run: the transform's outcome could depend on the "
                          "order of the files (a child given twice with a rejected copy, or a "
                          "CSV extract's modules before its children): the transform and the "
                          "load ran again on the staged files");
            whcopy_release(&wc);
            if (!sql_rules) {   /* the staged files, read again */
                struct extract_opts xo = {.outdir = staged, .inputs = o->inputs,
                                          .ninputs = o->ninputs, .la = o->la, .quiet = true};
                struct extract_result xr;
                rc = extract_run(&xo, &xr, e);
            }
            if (rc == LSCB_OK)
                rc = stages_on_files(staged, norm, rejects, wh, wh_named, pg, keyf, quiet, &wc,
                                     &whuse, res, e);
        }
        if (rc == LSCB_OK && sql_rules)
            rc = validator_start(&v, staged, validation, counts, o->period_end, quiet,
                                 &res->notes, e);
        counts_ready = rc == LSCB_OK && !sql_rules;
    } else if (o->ninputs > 0) {
        struct extract_opts xo = {.outdir = staged, .inputs = o->inputs,
                                  .ninputs = o->ninputs, .la = o->la, .quiet = quiet,
                                  .notes = &res->notes};
        struct extract_result xr;
        rc = extract_run(&xo, &xr, e);
        if (rc == LSCB_OK && !year)
            rc = newest_year(staged, &year, e);
        /* DfE's validation rules read the staged records too: on the
         * other core, while the transform, the load and the stats run */
        if (rc == LSCB_OK)
            rc = validator_start(&v, staged, validation, counts, o->period_end, quiet,
                                 &res->notes, e);
        if (rc == LSCB_OK)
            rc = stages_on_files(staged, norm, rejects, wh, wh_named, pg, keyf, quiet, &wc,
                                 &whuse, res, e);
    } else if (!pg && access(wh, R_OK) != 0) {
        if (o->published)
            res->benchmarks_only = true;
        else
            rc = lscb_fail(e, LSCB_EUSAGE, "no INPUT given and no warehouse in %s yet: give "
                           "the census files to load (or --published for benchmarks only)",
                           o->workdir);
    }
    /* every read of the inputs is done: each was the same file throughout */
    if (rc == LSCB_OK)
        rc = inputs_unchanged(o, stamps, e);
    /* each template's tables and workbook; the first one's last, so that
     * tables/ is left as the first template computed it */
    for (int k = ntemplates(o) - 1; k >= 0 && rc == LSCB_OK; k--) {
        const char *tname = template_name(o, k);
        struct stats_opts so = {.warehouse = whuse, .outdir = tables, .year = year,
                                .la = o->la, .population = o->population, .tpl = tname,
                                .publish = o->publish, .published = o->published,
                                .config = o->config, .quiet = quiet, .notes = &res->notes};
        struct stats_result sr;
        rc = stats_run(&so, &sr, e);
        timing_mark(&res->notes, "stats done");
        /* the validation's counts, once it is done, and the year's summary */
        if (rc == LSCB_OK && (v.started || counts_ready)) {
            counts_ready = false;
            rc = validator_wait(&v, false, &res->notes, e);
            timing_mark(&res->notes, "validation waited for");
            if (rc == LSCB_OK)
                rc = load_validation_counts_file(whuse, counts, e);
            timing_mark(&res->notes, "validation counts loaded");
            if (rc == LSCB_OK)
                rc = stats_validation_summary(whuse, sr.la, year, tables, e);
            timing_mark(&res->notes, "validation counts stored");
        }
        /* a run from published tables alone writes the workbook too: the
         * sheets they fill (the others are named on its Contents sheet) */
        if (rc == LSCB_OK) {
            char *name = report_name(o, k, year);
            char *out = rundir_path(&rd, name);
            if (k == 0) {
                char *final = path_join(o->workdir, name);
                if (text_fmt(res->report, sizeof res->report, "%s", final))
                    rc = lscb_fail(e, LSCB_EUSAGE, "--workdir: the workbook's path '%s' is longer "
                                   "than %zu characters", final, sizeof res->report - 1);
                free(final);
            }
            free(name);
            /* with no INPUT, the rejects of the run that loaded the warehouse */
            char *old_rejects = path_join(o->workdir, "rejects.csv");
            struct report_opts ro = {.tables = tables, .tpl = tname, .year = year, .out = out,
                                     .rejects = o->ninputs > 0 ? rejects : old_rejects,
                                     .quiet = quiet, .notes = &res->notes};
            if (rc == LSCB_OK)
                rc = report_run(&ro, e);
            timing_mark(&res->notes, "report done");
            free(out);
            free(old_rejects);
        }
    }
    validator_wait(&v, true, NULL, NULL);   /* a run that stopped early: stop it too */
    unlink(counts);
    free(counts);
    if (rc == LSCB_OK && res->benchmarks_only) {
        char *lp = path_join(tables, "left-out.csv");
        rc = csv_read_path_text(lp, on_left_out, res, e);
        free(lp);
    }
    res->year = year;
    if (rc == LSCB_OK && !res->benchmarks_only) {
        struct find_open fo = {.out = res->cpp_open, .cap = sizeof res->cpp_open};
        date_format_iso(census_year_start(year), fo.want_start);
        date_format_iso(census_year_end(year), fo.want_end);
        char *mp = path_join(tables, "measures.csv");
        rc = csv_read_path_text(mp, on_mrow, &fo, e);
        free(mp);
    }
    /* the intermediate files name children: gone once the warehouse holds
     * their pseudonyms (kept with --keep-intermediate, for debugging) */
    if (!o->keep_intermediate) {
        rundir_drop(&rd, "staged");
        rundir_drop(&rd, "normalized");
    }
    /* every output at once: the files (the key among them), then the
     * warehouse, rolled forward from the marker after a kill (rundir.h) */
    unsigned long long whino = 0;
    if (rc == LSCB_OK && wc.copy)
        rc = whcopy_prepare(&wc, rd.dir, &whino, e);
    timing_mark(&res->notes, "working copy set aside");
    /* nothing in an output's way, then the PostgreSQL load committed: a
     * kill between this and the marker leaves the warehouse loaded and the
     * files as they were (loading again replaces those years) */
    if (rc == LSCB_OK && pg)
        rc = rundir_check(&rd, e);
    if (rc == LSCB_OK && pg)
        lscb_crash_point("commit-pg");
    if (rc == LSCB_OK)
        rc = whdb_hold_commit(e);
    whdb_hold_release();
    if (rc == LSCB_OK) {
        rc = rundir_commit(&rd, wc.copy, whino, e);
        /* renamed, or named by a marker kept for the next run */
        if (rd.dir == NULL && wc.copy)
            whcopy_forget(&wc);
    }
    timing_mark(&res->notes, "committed");
    if (rc == LSCB_OK && !o->keep_intermediate) {
        rundir_remove_dir(o->workdir, "staged");
        rundir_remove_dir(o->workdir, "normalized");
    }
    whcopy_release(&wc);
    rundir_discard(&rd);
    free(stamps);
    free(staged);
    free(norm);
    free(rejects);
    free(validation);
    free(keyf);
    free(wh);
    free(tables);
    close(lockfd);
    whcopy_unhold_dir();
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

lscb_err pipeline_list_inputs(const char *dir, char ***out, int *n, struct lscb_error *e)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return lscb_fail(e, LSCB_EINPUT, "%s: cannot read the inputs directory: %s", dir,
                         strerror(errno));
    char **v = NULL;
    int k = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;   /* hidden files, and an editor's or a copy's leftovers */
        char *p = path_join(dir, de->d_name);
        struct stat st;
        if (stat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(p);
            continue;
        }
        v = lscb_xrealloc(v, (size_t)(k + 1) * sizeof *v);
        v[k++] = p;
    }
    closedir(d);
    if (k == 0) {
        free(v);
        return lscb_fail(e, LSCB_EINPUT, "%s: the inputs directory holds no files", dir);
    }
    qsort(v, (size_t)k, sizeof *v, cmp_str);
    *out = v;
    *n = k;
    return LSCB_OK;
}
