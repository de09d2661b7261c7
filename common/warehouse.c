/* warehouse.c — see warehouse.h. */
#define _POSIX_C_SOURCE 200809L
#include "warehouse.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

lscb_err wh_exec(sqlite3 *db, const char *sql, struct lscb_error *e)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        lscb_fail(e, LSCB_ESYS, "warehouse: %s (in: %.80s)", msg ? msg : sqlite3_errmsg(db),
                  sql);
        sqlite3_free(msg);
        return LSCB_ESYS;
    }
    return LSCB_OK;
}

/* Appends the column list "la_code, census_year, source_file, source_line,
 * f1, f2..." (with SQL types when typed) to buf. */
static void columns(char *buf, size_t cap, const struct entity_def *d, bool typed)
{
    size_t k = strlen(buf);
    k += (size_t)snprintf(buf + k, cap - k, "%s",
                          typed ? "la_code TEXT NOT NULL, census_year INTEGER NOT NULL, "
                                  "source_file TEXT, source_line INTEGER"
                                : "la_code, census_year, source_file, source_line");
    for (size_t i = 0; i < entity_nnorm(d) && k < cap; i++)
        k += (size_t)snprintf(buf + k, cap - k, ", %s%s", d->fields[i].name,
                              typed ? (d->fields[i].type == FT_COUNT ? " INTEGER" : " TEXT")
                                    : "");
}

static lscb_err create_schema(sqlite3 *db, struct lscb_error *e)
{
    char sql[2048];
    lscb_err rc = wh_exec(db,
                          "CREATE TABLE IF NOT EXISTS load_log (la_code TEXT NOT NULL, "
                          "census_year INTEGER NOT NULL, source_file TEXT, records INTEGER, "
                          "kind TEXT NOT NULL DEFAULT 'census', "
                          "PRIMARY KEY (la_code, census_year, source_file));"
                          /* failures of DfE's validation rules per census return
                           * (counts only: validation.csv lists the records) */
                          "CREATE TABLE IF NOT EXISTS validation_count (la_code TEXT NOT NULL, "
                          "census_year INTEGER NOT NULL, rule TEXT NOT NULL, failures INTEGER, "
                          "PRIMARY KEY (la_code, census_year, rule))",
                          e);
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        for (int merged = 0; merged < 2 && rc == LSCB_OK; merged++) {
            snprintf(sql, sizeof sql, "CREATE TABLE IF NOT EXISTS %s%s (", merged ? "" : "census_",
                     d->name);
            columns(sql, sizeof sql, d, true);
            strncat(sql, ")", sizeof sql - strlen(sql) - 1);
            rc = wh_exec(db, sql, e);
        }
    }
    return rc;
}

lscb_err wh_open(const char *path, bool writable, sqlite3 **db, struct lscb_error *e)
{
    *db = NULL;
    if (writable) {
        /* create it owner-only before SQLite does, with its default mode */
        int fd = open(path, O_WRONLY | O_CREAT, 0600);
        if (fd < 0)
            return lscb_fail(e, LSCB_ESYS, "%s: cannot create warehouse: %s", path,
                             strerror(errno));
        close(fd);
    } else if (access(path, R_OK) != 0) {
        return lscb_fail(e, LSCB_EINPUT, "%s: no warehouse (run lscb-load first): %s", path,
                         strerror(errno));
    }
    int flags = writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(path, db, flags, NULL) != SQLITE_OK) {
        lscb_fail(e, LSCB_ESYS, "%s: cannot open warehouse: %s", path,
                  *db ? sqlite3_errmsg(*db) : "out of memory");
        sqlite3_close(*db);
        *db = NULL;
        return LSCB_ESYS;
    }
    sqlite3_busy_timeout(*db, 10000);
    if (!writable)
        return LSCB_OK;
    lscb_err rc = wh_exec(*db, "PRAGMA foreign_keys=OFF; PRAGMA synchronous=FULL", e);
    if (rc == LSCB_OK)
        rc = create_schema(*db, e);
    if (rc != LSCB_OK) {
        sqlite3_close(*db);
        *db = NULL;
    }
    return rc;
}

void wh_close(sqlite3 *db)
{
    if (db)
        sqlite3_close(db);
}

/* The record key: an aggregate return's items are per year, so its year is
 * part of the key; a census record is one record across census years. */
static void key_list(char *buf, size_t cap, const struct entity_def *d)
{
    size_t k = (size_t)snprintf(buf, cap, "%s",
                                d->kind == KIND_CPR3 ? "la_code, census_year" : "la_code");
    for (size_t i = 0; i < d->nkey && k < cap; i++)
        k += (size_t)snprintf(buf + k, cap - k, ", %s", d->fields[i].name);
}

lscb_err wh_index(sqlite3 *db, struct lscb_error *e)
{
    char sql[1024], keys[512];
    lscb_err rc = LSCB_OK;
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        key_list(keys, sizeof keys, d);
        snprintf(sql, sizeof sql,
                 "CREATE INDEX IF NOT EXISTS census_%s_year ON census_%s (la_code, census_year);"
                 "CREATE INDEX IF NOT EXISTS census_%s_key ON census_%s (%s, census_year);"
                 "CREATE INDEX IF NOT EXISTS %s_key ON %s (%s);",
                 d->name, d->name, d->name, d->name, keys, d->name, d->name, keys);
        rc = wh_exec(db, sql, e);
    }
    return rc;
}

/* How many census years an entity holds for an authority (quoted). */
static int distinct_years(sqlite3 *db, const char *table, const char *qla)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(DISTINCT census_year) FROM census_%s WHERE "
             "la_code = %s", table, qla);
    sqlite3_stmt *st;
    int n = 2;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return n;
}

lscb_err wh_merge_la(sqlite3 *db, const char *la, struct lscb_error *e)
{
    char sql[4096], cols[1024], keys[512];
    lscb_err rc = LSCB_OK;
    /* la codes are checked to be 3 digits by extract; quote anyway */
    char *q = sqlite3_mprintf("%Q", la);
    if (!q)
        return lscb_fail(e, LSCB_ESYS, "warehouse: out of memory");
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        cols[0] = '\0';
        columns(cols, sizeof cols, d, false);
        key_list(keys, sizeof keys, d);
        /* one version per record already (one return, or a per-year kind):
         * a plain copy, no sort */
        bool one = d->kind == KIND_CPR3 || distinct_years(db, d->name, q) <= 1;
        if (one)
            snprintf(sql, sizeof sql,
                     "DELETE FROM %s WHERE la_code = %s;"
                     "INSERT INTO %s (%s) SELECT %s FROM census_%s WHERE la_code = %s;",
                     d->name, q, d->name, cols, cols, d->name, q);
        else
            snprintf(sql, sizeof sql,
                     "DELETE FROM %s WHERE la_code = %s;"
                     "INSERT INTO %s (%s) SELECT %s FROM (SELECT *, row_number() OVER "
                     "(PARTITION BY %s ORDER BY census_year DESC) AS rn FROM census_%s "
                     "WHERE la_code = %s) WHERE rn = 1;",
                     d->name, q, d->name, cols, cols, keys, d->name, q);
        rc = wh_exec(db, sql, e);
    }
    sqlite3_free(q);
    return rc;
}
