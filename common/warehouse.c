/* warehouse.c — see warehouse.h. */
#define _POSIX_C_SOURCE 200809L
#include "warehouse.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

lscb_err wh_exec(struct whdb *db, const char *sql, struct lscb_error *e)
{
    return whdb_exec(db, sql, e);
}

/* Appends the column list "la_code, census_year, source_file, source_line,
 * f1, f2..." (with SQL types when typed) to buf. */
static void columns(char *buf, size_t cap, const struct entity_def *d, const char *text)
{
    size_t k = strlen(buf);
    if (text)
        k += (size_t)snprintf(buf + k, cap - k, "la_code %s NOT NULL, census_year INTEGER NOT "
                              "NULL, source_file %s, source_line BIGINT", text, text);
    else
        k += (size_t)snprintf(buf + k, cap - k, "la_code, census_year, source_file, "
                              "source_line");
    for (size_t i = 0; i < entity_nnorm(d) && k < cap; i++) {
        k += (size_t)snprintf(buf + k, cap - k, ", %s", d->fields[i].name);
        if (text)
            k += (size_t)snprintf(buf + k, cap - k, " %s",
                                  d->fields[i].type == FT_COUNT ? "INTEGER" : text);
    }
}

static lscb_err create_schema(struct whdb *db, struct lscb_error *e)
{
    char sql[2048];
    const char *t = whdb_text_type(db);
    snprintf(sql, sizeof sql,
             "CREATE TABLE IF NOT EXISTS warehouse_meta (name %s PRIMARY KEY, value %s);"
             "CREATE TABLE IF NOT EXISTS load_log (la_code %s NOT NULL, "
             "census_year INTEGER NOT NULL, source_file %s, records INTEGER, "
             "kind %s NOT NULL DEFAULT 'census', "
             "PRIMARY KEY (la_code, census_year, source_file));"
             /* failures of DfE's validation rules per census return
              * (counts only: validation.csv lists the records) */
             "CREATE TABLE IF NOT EXISTS validation_count (la_code %s NOT NULL, "
             "census_year INTEGER NOT NULL, rule %s NOT NULL, failures INTEGER, "
             "PRIMARY KEY (la_code, census_year, rule))",
             t, t, t, t, t, t, t);
    lscb_err rc = wh_exec(db, sql, e);
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        for (int merged = 0; merged < 2 && rc == LSCB_OK; merged++) {
            snprintf(sql, sizeof sql, "CREATE TABLE IF NOT EXISTS %s%s (", merged ? "" : "census_",
                     d->name);
            columns(sql, sizeof sql, d, t);
            strncat(sql, ")", sizeof sql - strlen(sql) - 1);
            rc = wh_exec(db, sql, e);
        }
    }
    return rc;
}

lscb_err wh_open(const char *target, bool writable, struct whdb **db, struct lscb_error *e)
{
    lscb_err rc = whdb_open(target, writable, db, e);
    if (rc || !writable)
        return rc;
    if (whdb_kind(*db) == WHDB_SQLITE)
        rc = wh_exec(*db, "PRAGMA foreign_keys=OFF; PRAGMA synchronous=FULL", e);
    if (rc == LSCB_OK)
        rc = create_schema(*db, e);
    if (rc != LSCB_OK) {
        whdb_close(*db);
        *db = NULL;
    }
    return rc;
}

void wh_close(struct whdb *db)
{
    whdb_close(db);
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

lscb_err wh_index(struct whdb *db, struct lscb_error *e)
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

bool wh_code_ok(const char *s)
{
    if (!*s || strlen(s) > 16)
        return false;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
            return false;
    return true;
}

int wh_in_list(const char *las, char *out, size_t cap)
{
    char buf[512];
    if (strlen(las) >= sizeof buf)
        return -1;
    snprintf(buf, sizeof buf, "%s", las);
    size_t k = 0;
    int n = 0;
    out[0] = '\0';
    for (char *save = NULL, *c = strtok_r(buf, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
        if (!wh_code_ok(c))
            return -1;
        int w = snprintf(out + k, cap - k, "%s'%s'", n ? "," : "", c);
        if (w < 0 || (size_t)w >= cap - k)
            return -1;
        k += (size_t)w;
        n++;
    }
    return n > 0 ? n : -1;
}

/* How many census years an entity holds for an authority. */
static int distinct_years(struct whdb *db, const char *table, const char *la)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(DISTINCT census_year) FROM census_%s WHERE "
             "la_code = ?", table);
    struct whq *q;
    struct lscb_error e = {0};
    int n = 2;
    if (whdb_prepare(db, sql, &q, &e) == LSCB_OK) {
        whq_bind_text(q, 1, la);
        if (whq_step(q, &e) == 1)
            n = (int)whq_int(q, 0);
        whq_free(q);
    }
    return n;
}

lscb_err wh_merge_la(struct whdb *db, const char *la, struct lscb_error *e)
{
    char sql[4096], cols[1024], keys[512];
    lscb_err rc = LSCB_OK;
    /* la codes are checked to be 3 digits by extract: letters and digits
     * only here, so the literal needs no escaping */
    if (!wh_code_ok(la))
        return lscb_fail(e, LSCB_EINPUT, "warehouse: '%s' is not an LA code", la);
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        cols[0] = '\0';
        columns(cols, sizeof cols, d, NULL);
        key_list(keys, sizeof keys, d);
        /* one version per record already (one return, or a per-year kind):
         * a plain copy, no sort */
        bool one = d->kind == KIND_CPR3 || distinct_years(db, d->name, la) <= 1;
        if (one)
            snprintf(sql, sizeof sql,
                     "DELETE FROM %s WHERE la_code = '%s';"
                     "INSERT INTO %s (%s) SELECT %s FROM census_%s WHERE la_code = '%s';",
                     d->name, la, d->name, cols, cols, d->name, la);
        else
            snprintf(sql, sizeof sql,
                     "DELETE FROM %s WHERE la_code = '%s';"
                     "INSERT INTO %s (%s) SELECT %s FROM (SELECT *, row_number() OVER "
                     "(PARTITION BY %s ORDER BY census_year DESC) AS rn FROM census_%s "
                     "WHERE la_code = '%s') AS v WHERE rn = 1;",
                     d->name, la, d->name, cols, cols, keys, d->name, la);
        rc = wh_exec(db, sql, e);
    }
    return rc;
}
