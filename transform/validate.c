/* validate.c — see validate.h.  The rules themselves: validate_rules.c; the
 * SQL functions they call: validate_fn.c. */
#define _POSIX_C_SOURCE 200809L
#include "transform/validate.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/csvio.h"
#include "common/date.h"
#include "common/paths.h"
#include "common/progress.h"
#include "common/records.h"
#include "common/strset.h"
#include "transform/validate_fn.h"
#include "common/workdays.h"
#include "common/text.h"
#include "common/record_sink.h"
#include "transform/vstream.h"
#include "transform/vstream_int.h"

struct census_reader {
    struct vstream *vs;
    bool header;
};

/* ---- loading the staged records ---------------------------------------- */

struct loader {
    struct progress *prog;
    sqlite3 *db;
    sqlite3_stmt *st;
    const char *fname;
    size_t ncols;
    const struct entity_def *staged;   /* a staged entity file: its last column is
                                        * the extractor's problem */
    bool header;
};

static lscb_err exec(sqlite3 *db, const char *sql, struct lscb_error *e)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        lscb_err rc = lscb_fail(e, LSCB_ESYS, "validation database: %s", msg ? msg : "error");
        sqlite3_free(msg);
        return rc;
    }
    return LSCB_OK;
}

static lscb_err on_staged(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct loader *l = ctx;
    if (!l->header) {
        l->header = true;
        return LSCB_OK;
    }
    if (n != l->ncols)   /* the transform rejects it (T09); nothing to validate */
        return LSCB_OK;
    struct rec_problem p;
    if (l->staged && !rec_problem_parse(f[n - 1], l->staged, &p))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: column %s: '%s' is not a problem the "
                         "extractor writes", l->fname, line, REC_PROBLEM_COLUMN, f[n - 1]);
    if (l->staged && p.kind == REC_BAD_ROW)   /* likewise (T09) */
        return LSCB_OK;
    sqlite3_reset(l->st);
    for (size_t i = 0; i < n; i++) {
        long v;
        if ((i == REC_SOURCE_LINE || i == REC_YEAR) && !text_long(f[i], &v))
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: %s '%s' is not a number (not a staged "
                             "file?)", l->fname, line, i == REC_YEAR ? "census year" : "line",
                             f[i]);
        if (i == REC_SOURCE_LINE || i == REC_YEAR)
            sqlite3_bind_int64(l->st, (int)i + 1, v);
        else if (!f[i][0])
            sqlite3_bind_null(l->st, (int)i + 1);
        else
            sqlite3_bind_text(l->st, (int)i + 1, f[i], -1, SQLITE_STATIC);
    }
    if (sqlite3_step(l->st) != SQLITE_DONE)
        return lscb_fail(e, LSCB_ESYS, "%s:%ld: validation database: %s", l->fname, line,
                         sqlite3_errmsg(l->db));
    if (l->prog)
        progress_tick(l->prog, l->prog->records + 1, 0);
    return LSCB_OK;
}

static lscb_err load_table(sqlite3 *db, const char *path, const char *table,
                           const char *const *cols, size_t ncols,
                           const struct entity_def *staged, struct progress *prog,
                           struct lscb_error *e)
{
    /* the statements whole, however many columns (text_xappend: never cut) */
    char *sql = text_xfmt("CREATE TABLE %s (", table);
    for (size_t i = 0; i < ncols; i++)
        text_xappend(&sql, "%s%s", i ? "," : "", cols[i]);
    text_xappend(&sql, ")");
    lscb_err rc = exec(db, sql, e);
    free(sql);
    if (rc)
        return rc;
    sql = text_xfmt("INSERT INTO %s VALUES (", table);
    for (size_t i = 0; i < ncols; i++)
        text_xappend(&sql, "%s?", i ? "," : "");
    text_xappend(&sql, ")");
    struct loader l = {.prog = prog, .db = db, .fname = path, .ncols = ncols, .staged = staged};
    int prc = sqlite3_prepare_v2(db, sql, -1, &l.st, NULL);
    free(sql);
    if (prc != SQLITE_OK)
        return lscb_fail(e, LSCB_ESYS, "validation database: %s", sqlite3_errmsg(db));
    if (access(path, R_OK) != 0)
        rc = lscb_fail(e, LSCB_EINPUT, "%s: missing staged file (run lscb-extract first)", path);
    else
        rc = csv_read_path(path, on_staged, &l, e);
    sqlite3_finalize(l.st);
    return rc;
}

/* census.csv: file, la, year, reference_date, records, kind[, header_year] */
static lscb_err on_census_row(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct loader *l = ctx;
    if (!l->header) {
        l->header = true;
        return LSCB_OK;
    }
    if (n < 6)
        return LSCB_OK;   /* the load stops on it with file and line */
    sqlite3_reset(l->st);
    for (size_t i = 0; i < 7; i++) {
        if (i < n && f[i][0])
            sqlite3_bind_text(l->st, (int)i + 1, f[i], -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(l->st, (int)i + 1);
    }
    if (sqlite3_step(l->st) != SQLITE_DONE)
        return lscb_fail(e, LSCB_ESYS, "%s:%ld: validation database: %s", l->fname, line,
                         sqlite3_errmsg(l->db));
    return LSCB_OK;
}

static lscb_err load_staged(sqlite3 *db, const char *indir, bool show_progress,
                            struct lscb_error *e)
{
    struct progress prog;
    progress_start(&prog, "validation: reading", 0);
    prog.on &= show_progress;
    lscb_err rc = exec(db, "BEGIN", e);
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        if (d->kind != KIND_CENSUS)
            continue;
        const char *cols[REC_NCTX + ENTITY_MAX_FIELDS + 1] = {"file", "line", "la", "year"};
        for (size_t i = 0; i < d->nfields; i++)
            cols[REC_NCTX + i] = d->fields[i].name;
        cols[REC_NCTX + d->nfields] = REC_PROBLEM_COLUMN;
        char *name = text_xfmt("%s.csv", d->name);
        char *p = path_join(indir, name);
        free(name);
        rc = load_table(db, p, d->name, cols, REC_NCTX + d->nfields + 1, d, &prog, e);
        free(p);
        if (rc == LSCB_OK && d->nkey > 0) {
            /* A module's records are found by their episode (SAME_EP: the
             * child and the referral date), so the referral date is in the
             * index: with the child alone, a child of 10,000 episodes made
             * every per-episode rule scan all 10,000 for each one. */
            bool by_ep = k != ENT_CHILD && entity_field(d, "referral_date") >= 0;
            char *sql = text_xfmt("CREATE INDEX %s_child ON %s (la, year, child_id%s)", d->name,
                                  d->name, by_ep ? ", referral_date" : "");
            rc = exec(db, sql, e);
            free(sql);
        }
        if (rc == LSCB_OK && k == ENT_CHILD)   /* rule 1520: UPNs shared */
            rc = exec(db, "CREATE INDEX child_upn ON child (la, year, upn)", e);
    }
    progress_done(&prog);
    if (rc == LSCB_OK) {
        char *p = path_join(indir, "census.csv");
        rc = exec(db, "CREATE TABLE census_raw (file, la, year, reference_date, records, kind, "
                      "header_year)", e);
        struct loader l = {.db = db, .fname = p, .ncols = 7};
        if (rc == LSCB_OK &&
            sqlite3_prepare_v2(db, "INSERT INTO census_raw VALUES (?,?,?,?,?,?,?)", -1, &l.st,
                               NULL) != SQLITE_OK)
            rc = lscb_fail(e, LSCB_ESYS, "validation database: %s", sqlite3_errmsg(db));
        if (rc == LSCB_OK && access(p, R_OK) != 0)
            rc = lscb_fail(e, LSCB_EINPUT, "%s: missing staged file (run lscb-extract first)", p);
        else if (rc == LSCB_OK)
            rc = csv_read_path(p, on_census_row, &l, e);
        sqlite3_finalize(l.st);
        free(p);
    }
    if (rc == LSCB_OK)
        rc = exec(db, "CREATE VIEW census AS SELECT file, la, CAST(year AS INTEGER) AS year, "
                      "reference_date, header_year FROM census_raw WHERE kind = 'census';"
                      /* one row per return (a CSV extract comes as several files) */
                      "CREATE VIEW returns AS SELECT la, year, min(file) AS file FROM census "
                      "GROUP BY la, year;"
                      "COMMIT",
                  e);
    return rc;
}

/* ---- running the rules ------------------------------------------------- */

/* Fields whose values validation.csv never shows: they identify a child or
 * give a date of birth or death. */
static bool withheld(const char *field)
{
    static const char *const w[] = {"UPN", "FormerUPN", "PersonBirthDate",
                                    "ExpectedPersonBirthDate", "PersonDeathDate", NULL};
    for (const char *const *p = w; *p; p++)
        if (!strcmp(*p, field))
            return true;
    return false;
}

static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static lscb_err run_rule(sqlite3 *db, const struct vrule *r, const char *sql, FILE *out,
                         sqlite3_stmt *tally, long *fails, long long *steps,
                         struct lscb_error *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return lscb_fail(e, LSCB_ESYS, "validation rule %s: %s", r->code, sqlite3_errmsg(db));
    int s;
    *fails = 0;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        const char *value = withheld(r->field) ? "" : col(st, 5);
        /* a rule checked at two levels names the module of each row */
        const char *module = sqlite3_column_count(st) > 6 && col(st, 6)[0] ? col(st, 6)
                                                                            : r->module;
        const char *row[] = {r->code,    r->query ? "query" : "error", col(st, 2), col(st, 3),
                             col(st, 4), module, r->field, value, r->message, col(st, 0),
                             col(st, 1), r->action};
        csv_put_text_row(out, row, 12);
        (*fails)++;
        sqlite3_reset(tally);
        sqlite3_bind_value(tally, 1, sqlite3_column_value(st, 2));
        sqlite3_bind_value(tally, 2, sqlite3_column_value(st, 3));
        sqlite3_bind_text(tally, 3, r->code, -1, SQLITE_STATIC);
        if (sqlite3_step(tally) != SQLITE_DONE) {
            sqlite3_finalize(st);
            return lscb_fail(e, LSCB_ESYS, "validation database: %s", sqlite3_errmsg(db));
        }
    }
    lscb_err rc = LSCB_OK;
    if (s != SQLITE_DONE)
        rc = lscb_fail(e, LSCB_ESYS, "validation rule %s: %s", r->code, sqlite3_errmsg(db));
    if (steps)
        *steps = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 0);
    sqlite3_finalize(st);
    return rc;
}

static lscb_err load_la_codes(struct strset *set, struct lscb_error *e);

/* Failures per census return and rule, zeros included, so a return with
 * none is told apart from one never validated. */
static lscb_err write_counts(sqlite3 *db, const char *path, struct lscb_error *e)
{
    struct afile af;
    memset(&af, 0, sizeof af);
    lscb_err rc = afile_open(&af, path, e);
    if (rc)
        return rc;
    fputs("la_code,census_year,rule,failures\n", af.fp);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT DISTINCT la, year FROM census ORDER BY la, year", -1, &st,
                           NULL) != SQLITE_OK) {
        afile_abort(&af);
        return lscb_fail(e, LSCB_ESYS, "validation database: %s", sqlite3_errmsg(db));
    }
    sqlite3_stmt *cnt;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM fails WHERE la = ? AND year = ? AND "
                           "rule = ?", -1, &cnt, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        afile_abort(&af);
        return lscb_fail(e, LSCB_ESYS, "validation database: %s", sqlite3_errmsg(db));
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *la = col(st, 0), *year = col(st, 1);
        for (size_t i = 0; i < vrules_count; i++) {
            sqlite3_reset(cnt);
            sqlite3_bind_text(cnt, 1, la, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(cnt, 2, sqlite3_column_int(st, 1));
            sqlite3_bind_text(cnt, 3, vrules[i].code, -1, SQLITE_STATIC);
            char n[24] = "0";
            if (sqlite3_step(cnt) == SQLITE_ROW)
                snprintf(n, sizeof n, "%lld", (long long)sqlite3_column_int64(cnt, 0));
            const char *row[] = {la, year, vrules[i].code, n};
            csv_put_text_row(af.fp, row, 4);
        }
    }
    sqlite3_finalize(cnt);
    sqlite3_finalize(st);
    return afile_commit(&af, e);
}

bool validate_rules_check(char *msg, size_t cap)
{
    if (vrule_sqls_count != vrules_count) {
        text_fmt_cut(msg, cap, "validate_rules.c has %zu rules, common/vrules.c %zu",
                     vrule_sqls_count, vrules_count);
        return false;
    }
    for (size_t i = 0; i < vrules_count; i++)
        if (strcmp(vrule_sqls[i].code, vrules[i].code)) {
            text_fmt_cut(msg, cap, "validate_rules.c's row %zu is rule %s, common/vrules.c's %s",
                         i + 1, vrule_sqls[i].code, vrules[i].code);
            return false;
        }
    return true;
}

static int sql_cancelled(void *cancel)
{
    return atomic_load((const atomic_bool *)cancel);
}

/* The rules as SQL over a scratch database: the reference the C rules
 * (vstream.c) are checked against; LSCB_VALIDATE_ENGINE=sql runs it. */
static lscb_err validate_run_sql(const struct validate_opts *o, struct validate_result *res,
                                 struct lscb_error *e)
{
    memset(res, 0, sizeof *res);
    char why[256];
    if (!validate_rules_check(why, sizeof why))
        return lscb_fail(e, LSCB_ESYS, "the SQL rules out of step with the rule table: %s", why);
    if (o->only && !vrule_find(o->only))
        return lscb_fail(e, LSCB_EUSAGE, "no validation rule %s", o->only);
    struct vctx v;
    memset(&v, 0, sizeof v);
    if (o->period_end) {
        int y, m, d;
        if (!date_parse_iso(o->period_end, &v.pe_end))
            return lscb_fail(e, LSCB_EUSAGE, "--period-end: '%s' is not a YYYY-MM-DD date",
                             o->period_end);
        date_to_ymd(v.pe_end, &y, &m, &d);
        v.pe_year = y;
        v.pe_start = date_add_months(v.pe_end, -12) + 1;   /* the year ending then */
    }
    strset_init(&v.la_codes);
    lscb_err rc = wd_load_default(&v.cal, e);
    if (rc == LSCB_OK)
        rc = load_la_codes(&v.la_codes, e);
    /* the scratch database sits beside the output and goes when done */
    /* a new name, created owner-only (it holds every child's identifiers):
     * no planted file or link can be opened in its place */
    char *dbpath = text_xfmt("%s.db.tmpXXXXXX", o->out);
    int dbfd = rc == LSCB_OK ? mkstemp(dbpath) : -1;
    if (rc == LSCB_OK && dbfd < 0)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot create: %s", dbpath, strerror(errno));
    if (dbfd >= 0)
        close(dbfd);
    else
        dbpath[0] = '\0';
    sqlite3 *db = NULL;
    if (rc == LSCB_OK && sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                         NULL) != SQLITE_OK)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot create: %s", dbpath,
                       db ? sqlite3_errmsg(db) : "out of memory");
    /* stopped from another thread: the step under way fails SQLITE_INTERRUPT */
    if (rc == LSCB_OK && o->cancel)
        sqlite3_progress_handler(db, 10000, sql_cancelled, (void *)o->cancel);
    if (rc == LSCB_OK && validate_register_functions(db, &v) != 0)
        rc = lscb_fail(e, LSCB_ESYS, "validation database: %s", sqlite3_errmsg(db));
    if (rc == LSCB_OK)
        rc = exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                      "PRAGMA temp_store = FILE; PRAGMA cache_size = -32768", e);
    if (rc == LSCB_OK)
        rc = load_staged(db, o->indir, !o->no_progress, e);
    struct afile af;
    memset(&af, 0, sizeof af);
    if (rc == LSCB_OK)
        rc = afile_open(&af, o->out, e);
    if (rc == LSCB_OK)
        fputs("rule,type,la_code,census_year,child_id,module,field,value,message,source_file,"
              "source_line,action\n", af.fp);
    sqlite3_stmt *tally = NULL;
    struct progress rules_prog;
    progress_start(&rules_prog, "validation", 0);
    rules_prog.on &= !o->no_progress;
    /* one transaction for the failures' tally: a statement each would lock
     * and write the scratch file once per failure */
    if (rc == LSCB_OK)
        rc = exec(db, "CREATE TABLE fails (la, year, rule); BEGIN", e);
    if (rc == LSCB_OK &&
        sqlite3_prepare_v2(db, "INSERT INTO fails VALUES (?, ?, ?)", -1, &tally, NULL) != SQLITE_OK)
        rc = lscb_fail(e, LSCB_ESYS, "validation database: %s", sqlite3_errmsg(db));
    for (size_t i = 0; i < vrules_count && rc == LSCB_OK; i++) {
        if (o->only && strcmp(o->only, vrules[i].code))
            continue;
        long n = 0;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (rules_prog.on) {
            fprintf(stderr, "\rvalidation: rule %zu of %zu (%s) ", i + 1, vrules_count,
                    vrules[i].code);
            fflush(stderr);
        }
        rc = run_rule(db, &vrules[i], vrule_sqls[i].sql, af.fp, tally, &n,
                      o->steps ? &o->steps[i] : NULL, e);
        if (rc != LSCB_OK && v.cal_error[0])   /* the input's dates, not the system */
            rc = lscb_fail(e, LSCB_EINPUT, "validation rule %s: %s", vrules[i].code,
                           v.cal_error);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (getenv("LSCB_TIMING"))
            notes_add(o->notes, "validation: rule %s: %ld failures, %.2f s", vrules[i].code, n,
                    (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
        if (vrules[i].query)
            res->queries += n;
        else
            res->errors += n;
        res->rules_failed += n > 0;
    }
    if (rules_prog.on)
        rules_prog.last = rules_prog.t0 + 1;   /* the line was written: clear it */
    progress_done(&rules_prog);
    sqlite3_finalize(tally);
    if (rc == LSCB_OK)
        rc = exec(db, "CREATE INDEX fails_rule ON fails (la, year, rule); COMMIT", e);
    if (rc == LSCB_OK && o->counts)
        rc = write_counts(db, o->counts, e);
    if (rc == LSCB_OK)
        rc = afile_commit(&af, e);
    afile_abort(&af);
    if (db)
        sqlite3_close(db);
    if (dbpath[0])
        unlink(dbpath);
    free(dbpath);
    wd_release(&v.cal);
    strset_release(&v.la_codes);
    if (rc == LSCB_OK && !o->quiet)
        notes_add(o->notes, "validation: %ld errors, %ld queries, %ld of %zu rules failed (%s)",
                res->errors, res->queries, res->rules_failed, o->only ? (size_t)1 : vrules_count,
                o->out);
    return rc;
}

static lscb_err on_la_code(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)line;
    (void)e;
    if (n >= 1 && f[0][0] != '#' && strcmp(f[0], "la_code") != 0)
        strset_add(ctx, f[0]);
    return LSCB_OK;
}

static lscb_err load_la_codes(struct strset *set, struct lscb_error *e)
{
    char *p = lscb_find_file("LSCB_DATA_DIR", "data", "la-codes.csv");
    if (!p)
        return lscb_fail(e, LSCB_ESYS, "la-codes.csv not found (set LSCB_DATA_DIR, or install "
                         "the data directory)");
    lscb_err rc = csv_read_path(p, on_la_code, set, e);
    free(p);
    return rc;
}

/* ---- the streaming engine over a staged directory ----------------------- */

/* A CSV reader that hands out one row at a time (the staged files are read
 * side by side, a child at a time): RFC 4180 as csv_put writes it, quoted
 * fields with doubled quotes and line breaks, CRLF or LF.  Rows are cut in
 * place in a buffer read 1 MB at a time; a row without quotes is split at
 * its commas, one with quotes unquoted in place. */
struct pull {
    FILE *fp;
    char *path;
    char *buf;
    size_t pos, end, cap;   /* unread bytes are buf[pos, end) */
    bool eof;
    char **f;
    size_t nf, fcap;
    long line, next_line;   /* the row's first line; the next row's */
};

static void pull_field(struct pull *p, char *s)
{
    if (p->nf == p->fcap) {
        p->fcap = p->fcap ? p->fcap * 2 : 32;
        p->f = lscb_xrealloc(p->f, p->fcap * sizeof *p->f);
    }
    p->f[p->nf++] = s;
}

/* Reads more bytes (moving the unread ones to the front); false at the end. */
static bool pull_fill(struct pull *p, struct lscb_error *e, lscb_err *rc)
{
    if (p->eof)
        return false;
    if (p->pos > 0) {
        memmove(p->buf, p->buf + p->pos, p->end - p->pos);
        p->end -= p->pos;
        p->pos = 0;
    }
    if (p->cap - p->end < (1u << 19)) {
        p->cap = p->cap ? p->cap * 2 : (1u << 20);
        p->buf = lscb_xrealloc(p->buf, p->cap + 1);
    }
    size_t n = fread(p->buf + p->end, 1, p->cap - p->end, p->fp);
    if (n == 0) {
        p->eof = true;
        if (ferror(p->fp))
            *rc = lscb_fail(e, LSCB_ESYS, "%s: cannot read", p->path);
        return false;
    }
    p->end += n;
    return true;
}

/* 1: a row in p->f[0..nf) (valid until the next call); 0: end of file or
 * *rc set */
static int pull_row(struct pull *p, struct lscb_error *e, lscb_err *rc)
{
    for (;;) {
        /* the row: up to a line break outside quotes */
        size_t i = p->pos, quotes = 0;
        bool any_quote = false, found = false;
        while (!found) {
            char *nl = p->end > i ? memchr(p->buf + i, '\n', p->end - i) : NULL;
            size_t stop = nl ? (size_t)(nl - p->buf) : p->end;
            for (char *q = stop > i ? memchr(p->buf + i, '"', stop - i) : NULL; q;
                 q = memchr(q + 1, '"', p->buf + stop - (q + 1))) {
                quotes++;
                any_quote = true;
            }
            if (nl && quotes % 2 == 0) {
                i = stop;
                found = true;
            } else if (nl) {
                i = stop + 1;   /* a line break inside quotes: go on */
            } else {
                size_t q0 = quotes;
                if (!pull_fill(p, e, rc)) {
                    if (*rc)
                        return 0;
                    if (p->pos == p->end)
                        return 0;
                    if (q0 % 2) {
                        *rc = lscb_fail(e, LSCB_EINPUT, "%s:%ld: unterminated quoted field",
                                        p->path, p->next_line);
                        return 0;
                    }
                    i = p->end;   /* the last row has no line break */
                    found = true;
                } else {   /* rescan the row from its start */
                    quotes = 0, any_quote = false;
                    i = p->pos;
                }
            }
        }
        char *row = p->buf + p->pos, *rend = p->buf + i;
        p->line = p->next_line;
        for (char *q = row; q < rend; q++)
            p->next_line += *q == '\n';
        p->next_line += i < p->end;   /* the row's own line break */
        p->pos = i < p->end ? i + 1 : i;
        if (rend > row && rend[-1] == '\r')
            rend--;
        *rend = '\0';
        if (rend == row)   /* an empty line: no row */
            continue;
        p->nf = 0;
        if (!any_quote) {
            pull_field(p, row);
            for (char *q = row; (q = memchr(q, ',', (size_t)(rend - q))) != NULL; q++) {
                *q = '\0';
                pull_field(p, q + 1);
            }
            return 1;
        }
        /* quoted fields: unquoted in place (the text only shrinks) */
        char *r = row, *w = row;
        for (;;) {
            char *start = w;
            if (r < rend && *r == '"') {
                r++;
                for (;;) {
                    if (r >= rend) {
                        *rc = lscb_fail(e, LSCB_EINPUT, "%s:%ld: unterminated quoted field",
                                        p->path, p->line);
                        return 0;
                    }
                    if (*r == '"') {
                        if (r + 1 < rend && r[1] == '"') {
                            *w++ = '"';
                            r += 2;
                            continue;
                        }
                        r++;
                        break;
                    }
                    *w++ = *r++;
                }
            }
            while (r < rend && *r != ',')
                *w++ = *r++;
            pull_field(p, start);
            if (r >= rend) {
                *w = '\0';
                break;
            }
            *w++ = '\0';
            r++;
        }
        return 1;
    }
}

struct staged_file {
    struct pull p;
    const struct entity_def *d;
    enum entity_id ent;
    bool have;           /* p holds a row not yet given */
    bool eof;
};

static lscb_err staged_open(struct staged_file *s, const char *indir, enum entity_id k,
                            struct lscb_error *e)
{
    memset(s, 0, sizeof *s);
    s->ent = k;
    s->d = &entity_defs[k];
    char name[64];
    if (text_fmt(name, sizeof name, "%s.csv", s->d->name) != 0)
        return lscb_fail(e, LSCB_ESYS, "entity name too long: %s", s->d->name);
    s->p.path = path_join(indir, name);
    s->p.next_line = 1;
    s->p.fp = fopen(s->p.path, "r");
    if (!s->p.fp)
        return lscb_fail(e, LSCB_EINPUT, "%s: missing staged file (run lscb-extract first)",
                         s->p.path);
    lscb_err rc = LSCB_OK;
    if (!pull_row(&s->p, e, &rc))   /* the header */
        s->eof = true;
    return rc;
}

static void staged_close(struct staged_file *s)
{
    if (s->p.fp)
        fclose(s->p.fp);
    free(s->p.path);
    free(s->p.buf);
    free(s->p.f);
}

/* Loads the next row into s (s->have), unless at the end. */
static lscb_err staged_next(struct staged_file *s, struct lscb_error *e)
{
    lscb_err rc = LSCB_OK;
    if (!s->have && !s->eof) {
        if (pull_row(&s->p, e, &rc))
            s->have = true;
        else
            s->eof = true;
    }
    return rc;
}

/* Gives the row held to the validation (as the scratch loader took it:
 * rows of the wrong width or that the extractor found bad are the
 * transform's, T09), and lets it go. */
static lscb_err staged_give(struct staged_file *s, struct vstream *vs, struct lscb_error *e)
{
    s->have = false;
    size_t n = s->p.nf, ncols = REC_NCTX + s->d->nfields + 1;
    char **f = s->p.f;
    if (n != ncols)
        return LSCB_OK;
    struct rec_problem pr;
    if (!rec_problem_parse(f[n - 1], s->d, &pr))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: column %s: '%s' is not a problem the "
                         "extractor writes", s->p.path, s->p.line, REC_PROBLEM_COLUMN, f[n - 1]);
    if (pr.kind == REC_BAD_ROW)
        return LSCB_OK;
    long v;
    for (int i = REC_SOURCE_LINE; i <= REC_YEAR; i += REC_YEAR - REC_SOURCE_LINE)
        if (!text_long(f[i], &v))
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: %s '%s' is not a number (not a staged "
                             "file?)", s->p.path, s->p.line,
                             i == REC_YEAR ? "census year" : "line", f[i]);
    return vstream_record(vs, s->ent, (const char *const *)f, &pr, e);
}

/* the row's child: LA, year and ID as found (a short row has none) */
static bool same_child(const struct staged_file *a, const struct staged_file *b)
{
    if (a->p.nf <= REC_NCTX || b->p.nf <= REC_NCTX)
        return a->p.nf <= REC_NCTX && b->p.nf <= REC_NCTX;
    return !strcmp(a->p.f[REC_LA], b->p.f[REC_LA]) && !strcmp(a->p.f[REC_YEAR], b->p.f[REC_YEAR]) &&
           !strcmp(a->p.f[REC_NCTX], b->p.f[REC_NCTX]);
}

/* One pass over the staged files: each child with the module records that
 * follow it in every file (the extractor writes a child's records
 * together, in the child file's order); rows out of that order are given
 * at the end, and the engine asks for a replay if a child came apart. */
static lscb_err feed_staged(const char *indir, struct vstream *vs, bool replay,
                            const atomic_bool *cancel, struct lscb_error *e)
{
    struct staged_file s[VS_NENT];
    int opened = 0;
    lscb_err rc = LSCB_OK;
    for (int k = 0; k < VS_NENT && rc == LSCB_OK; k++, opened++)
        rc = staged_open(&s[k], indir, (enum entity_id)k, e);
    while (rc == LSCB_OK && !replay) {
        if (cancel && atomic_load(cancel)) {
            rc = lscb_fail(e, LSCB_ESYS, "validation stopped");
            break;
        }
        rc = staged_next(&s[ENT_CHILD], e);
        if (rc || !s[ENT_CHILD].have)
            break;
        for (int k = ENT_EPISODE; k < VS_NENT && rc == LSCB_OK; k++) {
            for (;;) {
                rc = staged_next(&s[k], e);
                if (rc || !s[k].have || !same_child(&s[ENT_CHILD], &s[k]))
                    break;
                rc = staged_give(&s[k], vs, e);
                if (rc)
                    break;
            }
        }
        if (rc == LSCB_OK)
            rc = staged_give(&s[ENT_CHILD], vs, e);
        if (rc == LSCB_OK)
            rc = vstream_end_child(vs, e);
    }
    /* what is left (all of it on a replay) */
    for (int k = 0; k < VS_NENT && rc == LSCB_OK; k++) {
        for (;;) {
            rc = staged_next(&s[k], e);
            if (rc || !s[k].have)
                break;
            rc = staged_give(&s[k], vs, e);
            if (rc)
                break;
        }
    }
    if (rc == LSCB_OK)
        rc = vstream_end_child(vs, e);
    for (int k = 0; k < opened; k++)
        staged_close(&s[k]);
    return rc;
}

static lscb_err on_census_vs(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)line;
    struct census_reader *r = ctx;
    if (!r->header) {
        r->header = true;
        return LSCB_OK;
    }
    if (n < 6)
        return LSCB_OK;   /* the load stops on it with file and line */
    return vstream_census(r->vs, f[0], f[1], f[2], f[3], f[5], n > 6 ? f[6] : NULL, e);
}

lscb_err validate_run(const struct validate_opts *o, struct validate_result *res,
                      struct lscb_error *e)
{
    const char *engine = getenv("LSCB_VALIDATE_ENGINE");
    if (engine && !strcmp(engine, "sql"))
        return validate_run_sql(o, res, e);
    memset(res, 0, sizeof *res);
    struct vstream *vs = NULL;
    struct vstream_opts vo = {.only = o->only, .period_end = o->period_end, .work = o->steps};
    lscb_err rc = vstream_open(&vs, &vo, e);
    char *p = path_join(o->indir, "census.csv");
    if (rc == LSCB_OK && access(p, R_OK) != 0)
        rc = lscb_fail(e, LSCB_EINPUT, "%s: missing staged file (run lscb-extract first)", p);
    struct census_reader cr = {.vs = vs};
    if (rc == LSCB_OK)
        rc = csv_read_path(p, on_census_vs, &cr, e);
    free(p);
    bool replay = false;
    if (rc == LSCB_OK)
        rc = feed_staged(o->indir, vs, false, o->cancel, e);
    if (rc == LSCB_OK)
        rc = vstream_end_input(vs, &replay, e);
    if (rc == LSCB_OK && replay) {
        if (!o->quiet)
            notes_add(o->notes, "validation: some children's records were not together (the "
                      "same LA child ID twice in a return, or a CSV extract's modules in "
                      "another order): those children are judged on a second read");
        rc = feed_staged(o->indir, vs, true, o->cancel, e);
        if (rc == LSCB_OK)
            rc = vstream_end_input(vs, &replay, e);
    }
    if (rc == LSCB_OK)
        rc = vstream_finish(vs, o->out, o->counts, res, e);
    vstream_free(vs);
    if (rc == LSCB_OK && !o->quiet)
        notes_add(o->notes, "validation: %ld errors, %ld queries, %ld of %zu rules failed (%s)",
                  res->errors, res->queries, res->rules_failed,
                  o->only ? (size_t)1 : vrules_count, o->out);
    return rc;
}
