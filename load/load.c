/* load.c — see load.h. */
#define _POSIX_C_SOURCE 200809L
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "csvio.h"
#include "pseudonym.h"
#include "records.h"
#include "warehouse.h"

#define MAX_YEARS 256

struct la_year {
    char la[8];
    char year[8];
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
static lscb_err check_key(sqlite3 *db, const struct pseudonym_key *key, const char *name,
                          struct lscb_error *e)
{
    char check[PSEUDONYM_LEN + 1];
    pseudonym_of(key, "lscb", "key check", check);
    lscb_err rc = wh_exec(db, "CREATE TABLE IF NOT EXISTS warehouse_meta (name TEXT PRIMARY KEY, "
                          "value TEXT)", e);
    sqlite3_stmt *st;
    if (rc == LSCB_OK && sqlite3_prepare_v2(db, "SELECT value FROM warehouse_meta WHERE name = "
                                            "'key_check'", -1, &st, NULL) == SQLITE_OK) {
        bool differs = false, found = false;
        if (sqlite3_step(st) == SQLITE_ROW) {
            found = true;
            const char *v = (const char *)sqlite3_column_text(st, 0);
            differs = !v || strcmp(v, check);
        }
        sqlite3_finalize(st);
        if (differs)
            return lscb_fail(e, LSCB_EINPUT, "%s: the pseudonym key is not the one this "
                             "warehouse was built with (LSCB_PSEUDONYM_KEY or the key file): "
                             "use that key, or load every year into a new warehouse", name);
        if (!found) {
            char *q = sqlite3_mprintf("INSERT INTO warehouse_meta VALUES ('key_check', %Q)",
                                      check);
            rc = wh_exec(db, q, e);
            sqlite3_free(q);
        }
    }
    return rc;
}

/* Copies the warehouse (if there is one) to the file being loaded, owner
 * only, synced. */
static lscb_err copy_file(const char *from, const char *to, struct lscb_error *e)
{
    int in = open(from, O_RDONLY);
    if (in < 0)
        return errno == ENOENT ? LSCB_OK
                               : lscb_fail(e, LSCB_ESYS, "%s: cannot read: %s", from,
                                           strerror(errno));
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0) {
        close(in);
        return lscb_fail(e, LSCB_ESYS, "%s: cannot create: %s", to, strerror(errno));
    }
    char buf[1 << 16];
    ssize_t n;
    lscb_err rc = LSCB_OK;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0) {
                rc = lscb_fail(e, LSCB_ESYS, "%s: cannot write: %s", to, strerror(errno));
                break;
            }
            off += w;
        }
        if (rc)
            break;
    }
    if (n < 0 && rc == LSCB_OK)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot read: %s", from, strerror(errno));
    if (rc == LSCB_OK && fsync(out) != 0)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot write: %s", to, strerror(errno));
    close(in);
    if (close(out) != 0 && rc == LSCB_OK)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot write: %s", to, strerror(errno));
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
    snprintf(y->la, sizeof y->la, "%s", f[1]);
    snprintf(y->year, sizeof y->year, "%s", f[2]);
    snprintf(y->file, sizeof y->file, "%s", f[0]);
    y->records = strtol(f[4], NULL, 10);
    y->kind = return_kind_parse(f[5]);
    return LSCB_OK;
}

struct ins {
    const struct pseudonym_key *key;
    sqlite3 *db;
    sqlite3_stmt *st;
    const struct entity_def *d;
    const char *la, *year;
    bool header;
    long wrote;
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
    if (strcmp(f[REC_LA], in->la) || strcmp(f[REC_YEAR], in->year))
        return LSCB_OK;
    sqlite3_stmt *st = in->st;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, f[REC_LA], -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, atoi(f[REC_YEAR]));
    sqlite3_bind_text(st, 3, f[REC_SOURCE_FILE], -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, strtol(f[REC_SOURCE_LINE], NULL, 10));
    for (size_t i = 0; i < entity_nnorm(in->d); i++) {
        const char *v = f[REC_NCTX + i];
        char pseudo[PSEUDONYM_LEN + 1];
        if (!strcmp(in->d->fields[i].name, "child_id") && *v) {
            /* the warehouse never holds the LA child ID */
            pseudonym_of(in->key, f[REC_LA], v, pseudo);
            v = pseudo;
        }
        if (!*v)
            sqlite3_bind_null(st, (int)(5 + i));
        else if (in->d->fields[i].type == FT_COUNT)
            sqlite3_bind_int64(st, (int)(5 + i), strtol(v, NULL, 10));
        else
            sqlite3_bind_text(st, (int)(5 + i), v, -1, SQLITE_TRANSIENT);
    }
    if (sqlite3_step(st) != SQLITE_DONE)
        return lscb_fail(e, LSCB_ESYS, "warehouse: insert into census_%s failed: %s",
                         in->d->name, sqlite3_errmsg(in->db));
    in->wrote++;
    return LSCB_OK;
}

struct vcounts {
    sqlite3 *db;
    sqlite3_stmt *st;
    const struct la_year *y;
    bool header;
};

static lscb_err on_vcount(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct vcounts *v = ctx;
    if (!v->header) {
        v->header = true;
        return LSCB_OK;
    }
    if (n != 4)
        return lscb_fail(e, LSCB_EINPUT, "validation_counts.csv:%ld: expected 4 columns", line);
    if (strcmp(f[0], v->y->la) || strcmp(f[1], v->y->year))
        return LSCB_OK;
    sqlite3_reset(v->st);
    sqlite3_bind_text(v->st, 1, f[0], -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(v->st, 2, atoi(f[1]));
    sqlite3_bind_text(v->st, 3, f[2], -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(v->st, 4, strtol(f[3], NULL, 10));
    if (sqlite3_step(v->st) != SQLITE_DONE)
        return lscb_fail(e, LSCB_ESYS, "warehouse: insert into validation_count failed: %s",
                         sqlite3_errmsg(v->db));
    return LSCB_OK;
}

/* The return's validation failure counts replace the earlier ones; a return
 * loaded without validation keeps none (the workbook then says so). */
static lscb_err load_validation_counts(sqlite3 *db, const char *indir, const struct la_year *y,
                                       struct lscb_error *e)
{
    char *q = sqlite3_mprintf("DELETE FROM validation_count WHERE la_code = %Q AND "
                              "census_year = %s", y->la, y->year);
    lscb_err rc = wh_exec(db, q, e);
    sqlite3_free(q);
    char *path = path_join(indir, "validation_counts.csv");
    struct vcounts v = {.db = db, .y = y};
    if (rc == LSCB_OK && access(path, R_OK) == 0) {
        if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO validation_count VALUES (?,?,?,?)", -1,
                               &v.st, NULL) != SQLITE_OK)
            rc = lscb_fail(e, LSCB_ESYS, "warehouse: %s", sqlite3_errmsg(db));
        else
            rc = csv_read_path(path, on_vcount, &v, e);
        sqlite3_finalize(v.st);
    }
    free(path);
    return rc;
}

static lscb_err load_year(sqlite3 *db, const struct pseudonym_key *key, const char *indir,
                          const struct census_list *cl, const struct la_year *y, long *wrote,
                          struct lscb_error *e)
{
    char sql[2048];
    lscb_err rc = LSCB_OK;
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        if ((int)d->kind != y->kind)
            continue; /* another kind of return for the same year stays */
        char *q = sqlite3_mprintf("DELETE FROM census_%s WHERE la_code = %Q AND census_year = %s",
                                  d->name, y->la, y->year);
        rc = wh_exec(db, q, e);
        sqlite3_free(q);
        if (rc)
            break;
        size_t len = (size_t)snprintf(sql, sizeof sql, "INSERT INTO census_%s VALUES (?,?,?,?",
                                      d->name);
        for (size_t i = 0; i < entity_nnorm(d); i++)
            len += (size_t)snprintf(sql + len, sizeof sql - len, ",?");
        snprintf(sql + len, sizeof sql - len, ")");
        struct ins in = {.key = key, .db = db, .d = d, .la = y->la, .year = y->year};
        if (sqlite3_prepare_v2(db, sql, -1, &in.st, NULL) != SQLITE_OK)
            return lscb_fail(e, LSCB_ESYS, "warehouse: %s", sqlite3_errmsg(db));
        char name[64];
        snprintf(name, sizeof name, "%s.csv", d->name);
        char *path = path_join(indir, name);
        rc = csv_read_path(path, on_row, &in, e);
        free(path);
        sqlite3_finalize(in.st);
        *wrote += in.wrote;
    }
    if (rc == LSCB_OK && y->kind == KIND_CENSUS)
        rc = load_validation_counts(db, indir, y, e);
    if (rc == LSCB_OK) {
        char *q = sqlite3_mprintf("DELETE FROM load_log WHERE la_code = %Q AND census_year = %s "
                                  "AND kind = %Q", y->la, y->year, return_kind_name(y->kind));
        rc = wh_exec(db, q, e);
        sqlite3_free(q);
    }
    /* every input of this return (a CSV extract comes as several files) */
    for (int j = 0; j < cl->n && rc == LSCB_OK; j++) {
        const struct la_year *x = &cl->items[j];
        if (strcmp(x->la, y->la) || strcmp(x->year, y->year) || x->kind != y->kind)
            continue;
        char *q = sqlite3_mprintf("INSERT OR REPLACE INTO load_log VALUES (%Q, %s, %Q, %ld, %Q)",
                                  x->la, x->year, x->file, x->records,
                                  return_kind_name(x->kind));
        rc = wh_exec(db, q, e);
        sqlite3_free(q);
    }
    return rc;
}

lscb_err load_run(const struct load_opts *opts, struct load_result *res, struct lscb_error *e)
{
    memset(res, 0, sizeof *res);
    struct census_list *cl = calloc(1, sizeof *cl);
    if (!cl)
        return lscb_fail(e, LSCB_ESYS, "out of memory");
    char *cpath = path_join(opts->indir, "census.csv");
    lscb_err rc = csv_read_path(cpath, on_census, cl, e);
    free(cpath);
    /* Load into a copy and rename it into place at the end: a run killed
     * half-way leaves the previous warehouse as it was. */
    sqlite3 *db = NULL;
    size_t tn = strlen(opts->warehouse) + 16;
    char *tmp = lscb_xmalloc(tn);
    snprintf(tmp, tn, "%s.loading", opts->warehouse);
    unlink(tmp);
    if (rc == LSCB_OK)
        rc = copy_file(opts->warehouse, tmp, e);
    struct pseudonym_key key;
    if (rc == LSCB_OK)
        rc = pseudonym_key_load(opts->key_file, opts->create_key, &key, e);
    if (rc == LSCB_OK)
        rc = wh_open(tmp, true, &db, e);
    /* the working copy needs no journal: a failure discards the copy */
    if (rc == LSCB_OK)
        rc = wh_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                     "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536", e);
    if (rc == LSCB_OK)
        rc = check_key(db, &key, opts->warehouse, e);
    for (int i = 0; i < cl->n && rc == LSCB_OK; i++) {
        const struct la_year *y = &cl->items[i];
        /* two inputs for the same (authority, year) are loaded together */
        bool seen = false;
        for (int j = 0; j < i; j++)
            if (!strcmp(cl->items[j].la, y->la) && !strcmp(cl->items[j].year, y->year) &&
                cl->items[j].kind == y->kind)
                seen = true;
        if (seen)
            continue;
        rc = wh_exec(db, "BEGIN IMMEDIATE", e);
        long wrote = 0;
        if (rc == LSCB_OK)
            rc = load_year(db, &key, opts->indir, cl, y, &wrote, e);
        if (rc == LSCB_OK)
            rc = wh_exec(db, "COMMIT", e);
        else
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        res->wrote += wrote;
        res->years++;
        lscb_crash_point("load-year");
    }
    /* the merged tables of every authority loaded: once, at the end, in one
     * transaction each (the copy is renamed into place only after) */
    for (int i = 0; i < cl->n && rc == LSCB_OK; i++) {
        bool seen = false;
        for (int j = 0; j < i; j++)
            seen |= !strcmp(cl->items[j].la, cl->items[i].la);
        if (seen)
            continue;
        rc = wh_exec(db, "BEGIN IMMEDIATE", e);
        if (rc == LSCB_OK)
            rc = wh_merge_la(db, cl->items[i].la, e);
        if (rc == LSCB_OK)
            rc = wh_exec(db, "COMMIT", e);
    }
    if (rc == LSCB_OK)
        rc = wh_index(db, e);
    if (db && sqlite3_close(db) != SQLITE_OK && rc == LSCB_OK)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot close the warehouse: %s", tmp,
                       sqlite3_errmsg(db));
    db = NULL;
    lscb_crash_point("load-before-rename");
    if (rc == LSCB_OK && rename(tmp, opts->warehouse) != 0)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot put the warehouse in place: %s",
                       opts->warehouse, strerror(errno));
    if (rc != LSCB_OK)
        unlink(tmp);
    free(tmp);
    free(cl);
    res->read = res->wrote;
    if (rc == LSCB_OK && !opts->quiet)
        fprintf(stderr, "lscb-load: read %ld, wrote %ld, rejected 0 (%d census year%s)\n",
                res->read, res->wrote, res->years, res->years == 1 ? "" : "s");
    return rc;
}
