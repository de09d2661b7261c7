/* load.c — see load.h. */
#define _POSIX_C_SOURCE 200809L
#include "load/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "common/csvio.h"
#include "common/progress.h"
#include "common/pseudonym.h"
#include "common/records.h"
#include "common/warehouse.h"
#include "common/text.h"
#include "common/timing.h"
#include "common/whcopy.h"

#define MAX_YEARS 256

struct la_year {
    char la[8];
    char year[12];
    int nyear;                /* year as a number */
    char file[512];
    long records;
    int kind;                 /* enum return_kind */
};

struct census_list {
    struct la_year items[MAX_YEARS];
    int n;
    bool header;
};

/* The warehouse remembers a check value of its key: another key would
 * give other pseudonyms and split every child in two. */
static lscb_err check_key(struct whdb *db, const struct pseudonym_key *key, const char *name,
                          struct lscb_error *e)
{
    char check[PSEUDONYM_LEN + 1];
    pseudonym_of(key, "lscb", "key check", check);
    struct whq *q;
    lscb_err rc = whdb_prepare(db, "SELECT value FROM warehouse_meta WHERE name = 'key_check'",
                               &q, e);
    if (rc)
        return rc;
    bool differs = false, found = false;
    int s = whq_step(q, e);
    if (s == 1) {
        found = true;
        const char *v = whq_text(q, 0);
        differs = !v || strcmp(v, check);
    }
    whq_free(q);
    if (s < 0)
        return LSCB_ESYS;
    if (differs)
        return lscb_fail(e, LSCB_EINPUT, "%s: the pseudonym key is not the one this "
                         "warehouse was built with (LSCB_PSEUDONYM_KEY or the key file): "
                         "use that key, or load every year into a new warehouse", name);
    if (!found) {
        rc = whdb_prepare(db, "INSERT INTO warehouse_meta VALUES ('key_check', ?)", &q, e);
        if (rc == LSCB_OK) {
            whq_bind_text(q, 1, check);
            if (whq_step(q, e) < 0)
                rc = LSCB_ESYS;
            whq_free(q);
        }
    }
    return rc;
}

static lscb_err on_census(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct census_list *cl = ctx;
    if (!cl->header) {
        cl->header = true;
        return LSCB_OK;
    }
    /* the 7th column (header Year) is new in 0.2; earlier files have 6 */
    if ((n != 6 && n != 7) || return_kind_parse(f[5]) < 0)
        return lscb_fail(e, LSCB_EINPUT, "census.csv:%ld: expected 6 or 7 columns, the 6th a "
                         "return kind (census, strategy, cpr3)", line);
    if (cl->n >= MAX_YEARS)
        return lscb_fail(e, LSCB_EINPUT, "census.csv:%ld: more than %d inputs", line, MAX_YEARS);
    struct la_year *y = &cl->items[cl->n++];
    if (text_fmt(y->la, sizeof y->la, "%s", f[1]) ||
        text_fmt(y->year, sizeof y->year, "%s", f[2]) ||
        text_fmt(y->file, sizeof y->file, "%s", f[0]))
        return lscb_fail(e, LSCB_EINPUT, "census.csv:%ld: LA, year or file name too long", line);
    int year;
    if (!text_long(f[4], &y->records) || y->records < 0 || !text_int_range(f[2], 0, 2100, &year))
        return lscb_fail(e, LSCB_EINPUT, "census.csv:%ld: year '%s' or record count '%s' is not "
                         "a number", line, f[2], f[4]);
    y->nyear = year;
    y->kind = return_kind_parse(f[5]);
    return LSCB_OK;
}

struct ins {
    struct progress *prog;
    long before;
    const struct pseudonym_key *key;
    struct whdb *db;
    const struct entity_def *d;
    const char *la, *year;
    bool header;
    long rows;                /* data rows in the file */
    long wrote;               /* of them, this return's */
    /* the last child's pseudonym: a child's rows follow each other in a
     * normalised file, and its HMAC is made once */
    char last_child[80], last_pseudo[PSEUDONYM_LEN + 1];
};

/* Per entity: rows in its normalised file and rows loaded, so a record that
 * belongs to no return listed in census.csv is an error, not lost. */
struct tally {
    bool counted[ENT_COUNT];
    long rows[ENT_COUNT], loaded[ENT_COUNT];
};

static lscb_err on_row(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct ins *in = ctx;
    if (!in->header) {
        in->header = true;
        return LSCB_OK;
    }
    if (n != REC_NCTX + entity_nnorm(in->d))
        return lscb_fail(e, LSCB_EINPUT, "%s.csv:%ld: expected %zu columns, found %zu",
                         in->d->name, line, REC_NCTX + entity_nnorm(in->d), n);
    in->rows++;
    if (strcmp(f[REC_LA], in->la) || strcmp(f[REC_YEAR], in->year))
        return LSCB_OK;
    const char *v[REC_NCTX + ENTITY_MAX_FIELDS] = {f[REC_LA], f[REC_YEAR], f[REC_SOURCE_FILE],
                                                  f[REC_SOURCE_LINE]};
    for (size_t i = 0; i < entity_nnorm(in->d); i++) {
        v[REC_NCTX + i] = f[REC_NCTX + i];
        if (!strcmp(in->d->fields[i].name, "child_id") && *f[REC_NCTX + i]) {
            /* the warehouse never holds the LA child ID (in->la is every
             * row's here: the others were passed over above) */
            if (!in->last_child[0] || strcmp(in->last_child, f[REC_NCTX + i])) {
                pseudonym_of(in->key, f[REC_LA], f[REC_NCTX + i], in->last_pseudo);
                if (text_fmt(in->last_child, sizeof in->last_child, "%s", f[REC_NCTX + i]))
                    in->last_child[0] = '\0';   /* too long to remember: made each time */
            }
            v[REC_NCTX + i] = in->last_pseudo;
        }
    }
    lscb_err rc = whdb_copy_row(in->db, v, e);
    if (rc)
        return rc;
    in->wrote++;
    progress_tick(in->prog, in->before + in->wrote, 0);
    return LSCB_OK;
}

/* Runs a statement whose parameters are the authority, the year and, when
 * the statement has a third, text. */
static lscb_err exec_la_year(struct whdb *db, const char *sql, const char *la, int year,
                             const char *text, struct lscb_error *e)
{
    struct whq *q;
    lscb_err rc = whdb_prepare(db, sql, &q, e);
    if (rc)
        return rc;
    whq_bind_text(q, 1, la);
    whq_bind_int(q, 2, year);
    if (text)
        whq_bind_text(q, 3, text);
    if (whq_step(q, e) < 0)
        rc = LSCB_ESYS;
    whq_free(q);
    return rc;
}

static lscb_err store_counts(struct whdb *db, const char *path, const struct la_year *only,
                             struct lscb_error *e);

/* The return's validation failure counts replace the earlier ones; a return
 * loaded without validation keeps none (the workbook then says so). */
static lscb_err load_validation_counts(struct whdb *db, const char *indir,
                                       const struct la_year *y, struct lscb_error *e)
{
    lscb_err rc = exec_la_year(db, "DELETE FROM validation_count WHERE la_code = ? AND "
                               "census_year = ?", y->la, y->nyear, NULL, e);
    char *path = path_join(indir, "validation_counts.csv");
    if (rc == LSCB_OK && access(path, R_OK) == 0)
        rc = store_counts(db, path, y, e);
    free(path);
    return rc;
}

static lscb_err load_year(struct whdb *db, const struct pseudonym_key *key, const char *indir,
                          const struct census_list *cl, const struct la_year *y, long *wrote,
                          struct progress *prog, struct tally *t, struct lscb_error *e)
{
    char sql[256];
    lscb_err rc = LSCB_OK;
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        if ((int)d->kind != y->kind)
            continue; /* another kind of return for the same year stays */
        char table[64], name[64];
        if (text_fmt(sql, sizeof sql, "DELETE FROM census_%s WHERE la_code = ? AND "
                     "census_year = ?", d->name) ||
            text_fmt(table, sizeof table, "census_%s", d->name) ||
            text_fmt(name, sizeof name, "%s.csv", d->name)) {
            rc = lscb_fail(e, LSCB_ESYS, "entity name %s too long", d->name);
            break;
        }
        rc = exec_la_year(db, sql, y->la, y->nyear, NULL, e);
        if (rc)
            break;
        const char *cols[REC_NCTX + ENTITY_MAX_FIELDS] = {"la_code", "census_year",
                                                          "source_file", "source_line"};
        for (size_t i = 0; i < entity_nnorm(d); i++)
            cols[REC_NCTX + i] = d->fields[i].name;
        rc = whdb_copy_begin(db, table, cols, REC_NCTX + entity_nnorm(d), e);
        if (rc)
            break;
        struct ins in = {.prog = prog, .before = prog->records, .key = key, .db = db, .d = d,
                         .la = y->la, .year = y->year};
        char *path = path_join(indir, name);
        rc = csv_read_path(path, on_row, &in, e);
        free(path);
        lscb_err rc2 = whdb_copy_end(db, e);
        if (rc == LSCB_OK)
            rc = rc2;
        *wrote += in.wrote;
        t->counted[k] = true;
        t->rows[k] = in.rows;
        t->loaded[k] += in.wrote;
    }
    if (rc == LSCB_OK && y->kind == KIND_CENSUS)
        rc = load_validation_counts(db, indir, y, e);
    if (rc == LSCB_OK)
        rc = exec_la_year(db, "DELETE FROM load_log WHERE la_code = ? AND census_year = ? AND "
                          "kind = ?", y->la, y->nyear, return_kind_name(y->kind), e);
    /* every input of this return (a CSV extract comes as several files) */
    for (int j = 0; j < cl->n && rc == LSCB_OK; j++) {
        const struct la_year *x = &cl->items[j];
        if (strcmp(x->la, y->la) || strcmp(x->year, y->year) || x->kind != y->kind)
            continue;
        struct whq *q;
        /* the same file named twice in one return counts once */
        rc = exec_la_year(db, "DELETE FROM load_log WHERE la_code = ? AND census_year = ? AND "
                          "source_file = ?", x->la, x->nyear, x->file, e);
        if (rc == LSCB_OK)
            rc = whdb_prepare(db, "INSERT INTO load_log VALUES (?, ?, ?, ?, ?)", &q, e);
        if (rc == LSCB_OK) {
            whq_bind_text(q, 1, x->la);
            whq_bind_int(q, 2, x->nyear);
            whq_bind_text(q, 3, x->file);
            whq_bind_int(q, 4, x->records);
            whq_bind_text(q, 5, return_kind_name(x->kind));
            if (whq_step(q, e) < 0)
                rc = LSCB_ESYS;
            whq_free(q);
        }
    }
    return rc;
}

struct vfile {
    struct whdb *db;
    const struct la_year *only;   /* that return's rows only, or all */
    const char *path;
    bool header;
    char la[16], year[8];
    struct whq *del, *ins;
};

static lscb_err on_vfile(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct vfile *v = ctx;
    if (!v->header) {
        v->header = true;
        return LSCB_OK;
    }
    int year;
    long failures;
    if (n != 4 || !wh_code_ok(f[0]) || !text_int_range(f[1], 0, 2100, &year) ||
        !text_long(f[3], &failures))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: expected la_code, census_year, rule, "
                         "failures (the LA code as letters and digits, the others numbers)",
                         v->path, line);
    if (v->only && (strcmp(f[0], v->only->la) || strcmp(f[1], v->only->year)))
        return LSCB_OK;
    if (strcmp(v->la, f[0]) || strcmp(v->year, f[1])) {
        if (text_fmt(v->la, sizeof v->la, "%s", f[0]) ||
            text_fmt(v->year, sizeof v->year, "%s", f[1]))
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: LA code or year too long", v->path, line);
        whq_reset(v->del);
        whq_bind_text(v->del, 1, f[0]);
        whq_bind_int(v->del, 2, year);
        if (whq_step(v->del, e) < 0)
            return LSCB_ESYS;
    }
    whq_reset(v->ins);
    whq_bind_text(v->ins, 1, f[0]);
    whq_bind_int(v->ins, 2, year);
    whq_bind_text(v->ins, 3, f[2]);
    whq_bind_int(v->ins, 4, failures);
    return whq_step(v->ins, e) < 0 ? LSCB_ESYS : LSCB_OK;
}

/* Commits the open transaction when rc is LSCB_OK, else rolls it back;
 * closes db (NULL is fine).  Returns rc, or the commit's failure. */
static lscb_err end_tx(struct whdb *db, lscb_err rc, struct lscb_error *e)
{
    if (rc == LSCB_OK)
        rc = wh_exec(db, "COMMIT", e);
    else if (db)
        whdb_exec(db, "ROLLBACK", &(struct lscb_error){0});
    wh_close(db);
    return rc;
}

/* Each return's counts in the file (or only's) replace its earlier ones. */
static lscb_err store_counts(struct whdb *db, const char *path, const struct la_year *only,
                             struct lscb_error *e)
{
    struct vfile v = {.db = db, .only = only, .path = path};
    lscb_err rc = whdb_prepare(db, "DELETE FROM validation_count WHERE la_code = ? AND "
                               "census_year = ?", &v.del, e);
    if (rc == LSCB_OK)
        rc = whdb_prepare(db, "INSERT INTO validation_count VALUES (?,?,?,?)", &v.ins, e);
    if (rc == LSCB_OK)
        rc = csv_read_path(path, on_vfile, &v, e);
    whq_free(v.del);
    whq_free(v.ins);
    return rc;
}

lscb_err load_validation_counts_file(const char *warehouse, const char *path,
                                     struct lscb_error *e)
{
    if (access(path, R_OK) != 0)
        return lscb_fail(e, LSCB_ESYS, "%s: no validation counts", path);
    struct whdb *db = NULL;
    lscb_err rc = wh_open(warehouse, true, &db, e);
    if (rc == LSCB_OK)
        rc = wh_exec(db, whdb_kind(db) == WHDB_PG ? "BEGIN" : "BEGIN IMMEDIATE", e);
    if (rc == LSCB_OK)
        rc = store_counts(db, path, NULL, e);
    return end_tx(db, rc, e);
}

static lscb_err on_count(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)f, (void)n, (void)e;
    if (line > 1)
        (*(long *)ctx)++;
    return LSCB_OK;
}

/* read N = wrote M: every row of every normalised file was loaded under a
 * return of census.csv (files of a kind no return names are counted too). */
static lscb_err reconcile(const char *indir, const struct tally *t, struct load_result *res,
                          struct lscb_error *e)
{
    res->read = 0;
    for (int k = 0; k < ENT_COUNT; k++) {
        long rows = t->rows[k];
        char name[64];
        if (text_fmt(name, sizeof name, "%s.csv", entity_defs[k].name))
            return lscb_fail(e, LSCB_ESYS, "entity name %s too long", entity_defs[k].name);
        char *path = path_join(indir, name);
        lscb_err rc = LSCB_OK;
        if (!t->counted[k]) {
            rows = 0;
            if (access(path, R_OK) == 0)
                rc = csv_read_path(path, on_count, &rows, e);
        }
        if (rc == LSCB_OK && rows != t->loaded[k])
            rc = lscb_fail(e, LSCB_EINPUT, "%s: %ld of its %ld records belong to no authority "
                           "and census year that census.csv lists: nothing was loaded (give the "
                           "stage's census.csv with its records)", path, rows - t->loaded[k],
                           rows);
        free(path);
        if (rc)
            return rc;
        res->read += rows;
    }
    return LSCB_OK;
}

/* Every return of the list and the merged rows of their authorities. */
static lscb_err load_all(struct whdb *db, const struct pseudonym_key *key,
                         const struct load_opts *opts, const struct census_list *cl,
                         struct load_result *res, bool per_year_tx, struct lscb_error *e)
{
    lscb_err rc = LSCB_OK;
    struct tally t;
    memset(&t, 0, sizeof t);
    struct progress prog;
    progress_start(&prog, "lscb-load", 0);
    for (int i = 0; i < cl->n && rc == LSCB_OK; i++) {
        const struct la_year *y = &cl->items[i];
        if (!wh_code_ok(y->la))
            return lscb_fail(e, LSCB_EINPUT, "census.csv: '%s' is not an LA code", y->la);
        /* two inputs for the same (authority, year) are loaded together */
        bool seen = false;
        for (int j = 0; j < i; j++)
            if (!strcmp(cl->items[j].la, y->la) && !strcmp(cl->items[j].year, y->year) &&
                cl->items[j].kind == y->kind)
                seen = true;
        if (seen)
            continue;
        if (per_year_tx)
            rc = wh_exec(db, "BEGIN IMMEDIATE", e);
        long wrote = 0;
        if (rc == LSCB_OK)
            rc = load_year(db, key, opts->indir, cl, y, &wrote, &prog, &t, e);
        if (per_year_tx) {
            if (rc == LSCB_OK)
                rc = wh_exec(db, "COMMIT", e);
            else
                whdb_exec(db, "ROLLBACK", &(struct lscb_error){0});
        }
        res->wrote += wrote;
        res->years++;
        lscb_crash_point("load-year");
    }
    progress_done(&prog);
    if (rc == LSCB_OK)
        rc = reconcile(opts->indir, &t, res, e);
    /* the merged rows of every authority loaded: once, at the end, the
     * census indexes (several authorities) before them */
    if (rc == LSCB_OK)
        rc = wh_index_census(db, e);
    for (int i = 0; i < cl->n && rc == LSCB_OK; i++) {
        bool seen = false;
        for (int j = 0; j < i; j++)
            seen |= !strcmp(cl->items[j].la, cl->items[i].la);
        if (seen)
            continue;
        if (per_year_tx)
            rc = wh_exec(db, "BEGIN IMMEDIATE", e);
        if (rc == LSCB_OK)
            rc = wh_merge_la(db, cl->items[i].la, NULL, e);
        if (per_year_tx && rc == LSCB_OK)
            rc = wh_exec(db, "COMMIT", e);
    }
    if (rc == LSCB_OK)
        rc = wh_index(db, e);
    return rc;
}

/* PostgreSQL: the whole load is one transaction, so a failure or a kill
 * leaves the warehouse as it was; loads into one warehouse take turns (the
 * lock), other authorities' readers carry on. */
static lscb_err load_pg(const struct load_opts *opts, const struct census_list *cl,
                        const struct pseudonym_key *key, struct load_result *res,
                        struct lscb_error *e)
{
    struct whdb *db = NULL;
    lscb_err rc = wh_open(opts->warehouse, true, &db, e);
    if (rc == LSCB_OK)
        rc = wh_exec(db, "BEGIN; LOCK TABLE load_log IN SHARE ROW EXCLUSIVE MODE", e);
    if (rc == LSCB_OK)
        rc = check_key(db, key, whdb_name(db), e);
    if (rc == LSCB_OK)
        rc = load_all(db, key, opts, cl, res, false, e);
    lscb_crash_point("load-before-rename");
    return end_tx(db, rc, e);
}

lscb_err load_run(const struct load_opts *opts, struct load_result *res, struct lscb_error *e)
{
    memset(res, 0, sizeof *res);
    struct census_list *cl = lscb_xcalloc(1, sizeof *cl);
    char *cpath = path_join(opts->indir, "census.csv");
    lscb_err rc = csv_read_path(cpath, on_census, cl, e);
    free(cpath);
    struct pseudonym_key key;
    if (rc == LSCB_OK)
        rc = pseudonym_key_load(opts->key_file, opts->create_key, &key, e);
    if (rc == LSCB_OK && whdb_is_pg(opts->warehouse)) {
        rc = load_pg(opts, cl, &key, res, e);
        goto done;
    }
    /* SQLite: load into a copy (whcopy.h) and rename it into place at the
     * end: a run killed half-way leaves the previous warehouse as it was.
     * lscb-run makes the copy itself and commits it with its other outputs. */
    struct whdb *db = NULL;
    struct whcopy wc = {.lockfd = -1};
    const char *into = opts->warehouse;
    if (rc == LSCB_OK && !opts->in_place) {
        rc = whcopy_begin(&wc, opts->warehouse, 1, e);
        into = wc.copy;
    }
    if (rc == LSCB_OK)
        rc = wh_open(into, true, &db, e);
    /* the working copy needs no journal: a failure discards the copy */
    if (rc == LSCB_OK)
        rc = wh_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                     "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536", e);
    if (rc == LSCB_OK)
        rc = check_key(db, &key, opts->warehouse, e);
    if (rc == LSCB_OK)
        rc = load_all(db, &key, opts, cl, res, true, e);
    wh_close(db);
    db = NULL;
    lscb_crash_point("load-before-rename");
    if (!opts->in_place) {
        if (rc == LSCB_OK)
            rc = whcopy_commit(&wc, e);
        whcopy_release(&wc);
    }
done:
    free(cl);
    if (rc == LSCB_OK && !opts->quiet)
        notes_add(opts->notes, "lscb-load: read %ld, wrote %ld, rejected 0 (%d census year%s)",
                res->read, res->wrote, res->years, res->years == 1 ? "" : "s");
    return rc;
}

/* ---- the stream (lscb-run's one pass) ---- */

struct load_stream {
    struct whdb *db;
    struct pseudonym_key key;
    struct whq *ins[ENT_COUNT];
    struct census_list *returns;   /* as on_return gives them: load_log's rows */
    struct census_list *seen;      /* (authority, year, kind) of the records: replaced */
    int last;                      /* seen's index of the last record's return */
    struct lscb_notes *notes;      /* timing marks (timing.h) */
    int child_field[ENT_COUNT];    /* each entity's child_id field, or -1 */
    char last_la[16], last_child[80], last_pseudo[PSEUDONYM_LEN + 1];
    long wrote;
    struct whkeys *keys;           /* the rows' keys, for the merge (whkeys.h) */
    bool had_rows[ENT_COUNT];      /* census_<entity> held rows when the stream began */
};

/* The index in ls->seen of a return, its earlier versions deleted when it
 * is new; -1 with e filled on failure. */
static int stream_seen(struct load_stream *ls, const char *la, const char *year, int kind,
                       struct lscb_error *e)
{
    struct census_list *s = ls->seen;
    for (int i = 0; i < s->n; i++)
        if (s->items[i].kind == kind && !strcmp(s->items[i].la, la) &&
            !strcmp(s->items[i].year, year))
            return i;
    int nyear;
    if (!wh_code_ok(la)) {
        lscb_fail(e, LSCB_EINPUT, "census.csv: '%s' is not an LA code", la);
        return -1;
    }
    if (!text_int_range(year, 0, 2100, &nyear)) {
        lscb_fail(e, LSCB_EINPUT, "census year '%s' is not a number", year);
        return -1;
    }
    if (s->n >= MAX_YEARS) {
        lscb_fail(e, LSCB_EINPUT, "more than %d returns in one run", MAX_YEARS);
        return -1;
    }
    struct la_year *y = &s->items[s->n];
    memset(y, 0, sizeof *y);
    if (text_fmt(y->la, sizeof y->la, "%s", la) || text_fmt(y->year, sizeof y->year, "%s", year)) {
        lscb_fail(e, LSCB_EINPUT, "LA code '%.20s' or year '%.20s' too long", la, year);
        return -1;
    }
    y->nyear = nyear;
    y->kind = kind;
    /* another kind of return for the same year stays */
    for (int k = 0; k < ENT_COUNT; k++) {
        const struct entity_def *d = &entity_defs[k];
        char sql[256];
        /* a table empty when the stream began holds only the stream's
         * rows, and none of this return's yet: nothing to delete (a new
         * warehouse has no index yet, so the delete would read every row
         * of the years already loaded) */
        if ((int)d->kind != kind || !ls->had_rows[k])
            continue;
        if (text_fmt(sql, sizeof sql, "DELETE FROM census_%s WHERE la_code = ? AND "
                     "census_year = ?", d->name)) {
            lscb_fail(e, LSCB_ESYS, "census_%s: statement too long", d->name);
            return -1;
        }
        if (exec_la_year(ls->db, sql, la, nyear, NULL, e))
            return -1;
    }
    return s->n++;
}

lscb_err load_stream_open(const struct load_opts *opts, struct load_stream **lsp,
                          struct lscb_error *e)
{
    struct load_stream *ls = lscb_xcalloc(1, sizeof *ls);
    *lsp = ls;
    ls->returns = lscb_xcalloc(1, sizeof *ls->returns);
    ls->seen = lscb_xcalloc(1, sizeof *ls->seen);
    ls->last = -1;
    ls->notes = opts->notes;
    ls->keys = opts->gather_keys ? whkeys_new() : NULL;
    for (int k = 0; k < ENT_COUNT; k++)
        ls->child_field[k] = entity_field(&entity_defs[k], "child_id");
    if (whdb_is_pg(opts->warehouse) || !opts->in_place)
        return lscb_fail(e, LSCB_EUSAGE, "the load stream loads an SQLite working copy only");
    lscb_err rc = pseudonym_key_load(opts->key_file, opts->create_key, &ls->key, e);
    if (rc == LSCB_OK)
        rc = wh_open(opts->warehouse, true, &ls->db, e);
    /* the working copy needs no journal: a failure discards the copy */
    if (rc == LSCB_OK)
        rc = wh_exec(ls->db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                     "PRAGMA cache_size=-65536", e);
    if (rc == LSCB_OK)
        rc = check_key(ls->db, &ls->key, opts->warehouse, e);
    if (rc == LSCB_OK)
        rc = wh_exec(ls->db, "BEGIN IMMEDIATE", e);
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        char sql[128];
        long long any = 0;
        if (text_fmt(sql, sizeof sql, "SELECT EXISTS (SELECT 1 FROM census_%s)",
                     entity_defs[k].name))
            rc = lscb_fail(e, LSCB_ESYS, "census_%s: statement too long", entity_defs[k].name);
        else
            rc = whdb_query_int(ls->db, sql, NULL, NULL, &any, e);
        ls->had_rows[k] = any != 0;
        if (!any)
            whkeys_set_empty(ls->keys, (enum entity_id)k);
    }
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        char sql[1024];
        int cut = text_fmt(sql, sizeof sql, "INSERT INTO census_%s (la_code, census_year, "
                           "source_file, source_line", d->name);
        for (size_t i = 0; i < entity_nnorm(d); i++)
            cut |= text_append(sql, sizeof sql, ", %s", d->fields[i].name);
        for (size_t i = 0; i < REC_NCTX + entity_nnorm(d); i++)
            cut |= text_append(sql, sizeof sql, "%s", i ? ", ?" : ") VALUES (?");
        cut |= text_append(sql, sizeof sql, ")");
        if (cut)
            rc = lscb_fail(e, LSCB_ESYS, "census_%s: insert statement too long", d->name);
        else
            rc = whdb_prepare(ls->db, sql, &ls->ins[k], e);
    }
    return rc;
}

lscb_err load_stream_record(struct load_stream *ls, enum entity_id ent, const char *const *f,
                            size_t n, struct lscb_error *e)
{
    const struct entity_def *d = &entity_defs[ent];
    if (n != REC_NCTX + entity_nnorm(d))
        return lscb_fail(e, LSCB_ESYS, "%s: %zu values, expected %zu", d->name, n,
                         REC_NCTX + entity_nnorm(d));
    const struct la_year *y = ls->last >= 0 ? &ls->seen->items[ls->last] : NULL;
    if (!y || (int)d->kind != y->kind || strcmp(y->la, f[REC_LA]) ||
        strcmp(y->year, f[REC_YEAR])) {
        ls->last = stream_seen(ls, f[REC_LA], f[REC_YEAR], (int)d->kind, e);
        if (ls->last < 0)
            return e->code;
    }
    struct whq *q = ls->ins[ent];
    whq_reset(q);
    /* the values stay in the caller's row until the insert is done */
    static const int ctx[REC_NCTX] = {REC_LA, REC_YEAR, REC_SOURCE_FILE, REC_SOURCE_LINE};
    for (int i = 0; i < REC_NCTX; i++)
        whq_bind_text_borrowed(q, i + 1, f[ctx[i]], strlen(f[ctx[i]]));
    int child = ls->child_field[ent];
    const char *key[ENTITY_MAX_FIELDS];
    for (size_t i = 0; i < entity_nnorm(d); i++) {
        const char *v = f[REC_NCTX + i];
        if ((int)i == child && *v) {
            /* the warehouse never holds the LA child ID; a child's records
             * come together, so its pseudonym is made once */
            if (strcmp(ls->last_child, v) || strcmp(ls->last_la, f[REC_LA])) {
                pseudonym_of(&ls->key, f[REC_LA], v, ls->last_pseudo);
                if (text_fmt(ls->last_child, sizeof ls->last_child, "%s", v) ||
                    text_fmt(ls->last_la, sizeof ls->last_la, "%s", f[REC_LA]))
                    ls->last_child[0] = '\0';   /* too long to remember: made each time */
            }
            v = ls->last_pseudo;
        }
        whq_bind_text_borrowed(q, (int)(REC_NCTX + i + 1), v, strlen(v));
        if (i < ENTITY_MAX_FIELDS)
            key[i] = v;
    }
    if (whq_step(q, e) < 0)
        return LSCB_ESYS;
    if (ls->keys && d->nkey <= ENTITY_MAX_FIELDS)
        whkeys_add(ls->keys, ent, f[REC_LA], key, ls->seen->items[ls->last].nyear,
                   whq_last_rowid(q));
    ls->wrote++;
    return LSCB_OK;
}

lscb_err load_stream_return(struct load_stream *ls, const char *file, const char *la, int year,
                            long records, enum return_kind kind, struct lscb_error *e)
{
    struct census_list *cl = ls->returns;
    if (cl->n >= MAX_YEARS)
        return lscb_fail(e, LSCB_EINPUT, "more than %d inputs", MAX_YEARS);
    struct la_year *y = &cl->items[cl->n];
    memset(y, 0, sizeof *y);
    if (text_fmt(y->la, sizeof y->la, "%s", la) || text_fmt(y->file, sizeof y->file, "%s", file))
        return lscb_fail(e, LSCB_EINPUT, "%s: LA code or file name too long", file);
    snprintf(y->year, sizeof y->year, "%d", year);
    y->nyear = year;
    y->records = records;
    y->kind = (int)kind;
    cl->n++;
    /* a return without records replaces its earlier versions too */
    return stream_seen(ls, y->la, y->year, y->kind, e) < 0 ? e->code : LSCB_OK;
}

lscb_err load_stream_finish(struct load_stream *ls, struct load_result *res,
                            struct lscb_error *e)
{
    memset(res, 0, sizeof *res);
    const struct census_list *cl = ls->returns;
    lscb_err rc = LSCB_OK;
    /* every record under a return that was read (as the files' reconcile) */
    for (int i = 0; i < ls->seen->n && rc == LSCB_OK; i++) {
        const struct la_year *s = &ls->seen->items[i];
        bool found = false;
        for (int j = 0; j < cl->n; j++)
            found |= !strcmp(cl->items[j].la, s->la) && !strcmp(cl->items[j].year, s->year) &&
                     cl->items[j].kind == s->kind;
        if (!found)
            rc = lscb_fail(e, LSCB_EINPUT, "records of authority %s, year %s belong to no "
                           "return read: nothing was loaded", s->la, s->year);
    }
    for (int i = 0; i < cl->n && rc == LSCB_OK; i++) {
        const struct la_year *y = &cl->items[i];
        bool dup = false;
        for (int j = 0; j < i; j++)
            dup |= !strcmp(cl->items[j].la, y->la) && !strcmp(cl->items[j].year, y->year) &&
                   cl->items[j].kind == y->kind;
        if (dup)
            continue;
        /* lscb-run stores the validation's counts once they are done */
        if (y->kind == KIND_CENSUS)
            rc = exec_la_year(ls->db, "DELETE FROM validation_count WHERE la_code = ? AND "
                              "census_year = ?", y->la, y->nyear, NULL, e);
        if (rc == LSCB_OK)
            rc = exec_la_year(ls->db, "DELETE FROM load_log WHERE la_code = ? AND census_year "
                              "= ? AND kind = ?", y->la, y->nyear, return_kind_name(y->kind), e);
        for (int j = 0; j < cl->n && rc == LSCB_OK; j++) {
            const struct la_year *x = &cl->items[j];
            if (strcmp(x->la, y->la) || strcmp(x->year, y->year) || x->kind != y->kind)
                continue;
            struct whq *q;
            rc = exec_la_year(ls->db, "DELETE FROM load_log WHERE la_code = ? AND census_year "
                              "= ? AND source_file = ?", x->la, x->nyear, x->file, e);
            if (rc == LSCB_OK)
                rc = whdb_prepare(ls->db, "INSERT INTO load_log VALUES (?, ?, ?, ?, ?)", &q, e);
            if (rc == LSCB_OK) {
                whq_bind_text(q, 1, x->la);
                whq_bind_int(q, 2, x->nyear);
                whq_bind_text(q, 3, x->file);
                whq_bind_int(q, 4, x->records);
                whq_bind_text(q, 5, return_kind_name(x->kind));
                if (whq_step(q, e) < 0)
                    rc = LSCB_ESYS;
                whq_free(q);
            }
        }
        res->years++;
    }
    timing_mark(ls->notes, "load: load_log written");
    /* the merged rows of every authority loaded, the census indexes
     * (several authorities) before them */
    if (rc == LSCB_OK)
        rc = wh_index_census(ls->db, e);
    timing_mark(ls->notes, "load: census years indexed");
    for (int i = 0; i < cl->n && rc == LSCB_OK; i++) {
        bool dup = false;
        for (int j = 0; j < i; j++)
            dup |= !strcmp(cl->items[j].la, cl->items[i].la);
        if (!dup)
            rc = wh_merge_la(ls->db, cl->items[i].la, ls->keys, e);
    }
    whkeys_free(ls->keys);   /* the children's numbers too */
    ls->keys = NULL;
    timing_mark(ls->notes, "load: merged rows made");
    if (rc == LSCB_OK)
        rc = wh_index(ls->db, e);
    timing_mark(ls->notes, "load: indexes made");
    lscb_crash_point("load-before-rename");
    if (rc == LSCB_OK)
        rc = wh_exec(ls->db, "COMMIT", e);
    timing_mark(ls->notes, "load: committed");
    res->read = res->wrote = ls->wrote;
    return rc;
}

void load_stream_free(struct load_stream *ls)
{
    if (!ls)
        return;
    for (int k = 0; k < ENT_COUNT; k++)
        whq_free(ls->ins[k]);
    whkeys_free(ls->keys);
    wh_close(ls->db);
    memset(&ls->key, 0, sizeof ls->key);
    free(ls->returns);
    free(ls->seen);
    free(ls);
}
