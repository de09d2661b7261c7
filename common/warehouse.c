/* warehouse.c — see warehouse.h. */
#define _POSIX_C_SOURCE 200809L
#include "common/warehouse.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "common/text.h"
#include "common/whmerge.h"

lscb_err wh_exec(struct whdb *db, const char *sql, struct lscb_error *e)
{
    return whdb_exec(db, sql, e);
}

/* Appends the column list "la_code, census_year, source_file, source_line,
 * f1, f2..." (with SQL types when typed) to buf. */
static int columns(char *buf, size_t cap, const struct entity_def *d, const char *text)
{
    int cut = text ? text_append(buf, cap, "la_code %s NOT NULL, census_year INTEGER NOT "
                                 "NULL, source_file %s, source_line BIGINT", text, text)
                   : text_append(buf, cap, "la_code, census_year, source_file, source_line");
    for (size_t i = 0; i < entity_nnorm(d) && !cut; i++) {
        cut = text_append(buf, cap, ", %s", d->fields[i].name);
        if (text && !cut)
            cut = text_append(buf, cap, " %s", d->fields[i].type == FT_COUNT ? "INTEGER" : text);
    }
    return cut;
}

static lscb_err create_schema(struct whdb *db, struct lscb_error *e)
{
    char sql[2048];
    const char *t = whdb_text_type(db);
    bool sqlite = whdb_kind(db) == WHDB_SQLITE;
    int cut = text_fmt(sql, sizeof sql,
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
    lscb_err rc = cut ? lscb_fail(e, LSCB_ESYS, "schema statement too long") : wh_exec(db, sql, e);
    /* SQLite: the census versions, each numbered for good (census_row, an
     * INTEGER PRIMARY KEY: kept by VACUUM and by a dump), and the numbers
     * of the versions a later census superseded; the merged relations are
     * views (make_views).  PostgreSQL: the merged relations are tables. */
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        cut = text_fmt(sql, sizeof sql, "CREATE TABLE IF NOT EXISTS census_%s (", d->name) ||
              columns(sql, sizeof sql, d, t) ||
              text_append(sql, sizeof sql, "%s)", sqlite ? ", census_row INTEGER PRIMARY KEY"
                                                           : "");
        if (!cut && sqlite)
            cut = text_append(sql, sizeof sql, "; CREATE TABLE IF NOT EXISTS census_%s_superseded "
                              "(census_row INTEGER PRIMARY KEY, la_code TEXT NOT NULL)",
                              d->name);
        else if (!cut)
            cut = text_append(sql, sizeof sql, "; CREATE TABLE IF NOT EXISTS %s (", d->name) ||
                  columns(sql, sizeof sql, d, t) || text_append(sql, sizeof sql, ")");
        rc = cut ? lscb_fail(e, LSCB_ESYS, "%s: schema statement too long", d->name)
                 : wh_exec(db, sql, e);
    }
    return rc;
}

/* SQLite: each merged relation as a view of its census versions less the
 * superseded ones, remade with the columns of records.c (an older
 * warehouse's merged table dropped). */
static lscb_err make_views(struct whdb *db, struct lscb_error *e)
{
    lscb_err rc = LSCB_OK;
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        char sql[2048];
        bool table = false;
        rc = wh_table_exists(db, d->name, &table, e);
        int cut = text_fmt(sql, sizeof sql, "DROP %s IF EXISTS %s; CREATE VIEW %s AS SELECT ",
                           table ? "TABLE" : "VIEW", d->name, d->name) ||
                  columns(sql, sizeof sql, d, NULL) ||
                  text_append(sql, sizeof sql, " FROM census_%s WHERE census_row NOT IN (SELECT "
                              "census_row FROM census_%s_superseded)", d->name, d->name);
        if (rc == LSCB_OK)
            rc = cut ? lscb_fail(e, LSCB_ESYS, "%s: view statement too long", d->name)
                     : wh_exec(db, sql, e);
    }
    return rc;
}

/* Schema versions, kept in the warehouse_meta row 'schema_version':
 *   0  no such row: the warehouses made before versioning (to commit
 *      fe58194, 2026-11-30; tests/data/warehouse/v0-fe58194*.sql are two);
 *   1  the row exists; every entity table has every column of records.c;
 *   2  SQLite: each census table numbers its rows (census_row, INTEGER
 *      PRIMARY KEY), census_<entity>_superseded lists the rows a later
 *      census superseded, and each merged relation is a view of the census
 *      rows not listed (a one-year load wrote every row twice, a three-year
 *      one copied 4.9 million rows: 2.7 s of a 19 s England-size run).
 *      PostgreSQL stays at version 1 (its schema did not change: an older
 *      lscb-stats still reads it).
 * Adding a column to an entity is: bump WH_SCHEMA_VERSION and
 * WH_SCHEMA_VERSION_PG (the missing columns are then added to old
 * warehouses, as NULL, by add_columns); any other change also adds a step
 * to upgrade().  A reader accepts versions WH_SCHEMA_MIN_READ to its
 * kind's latest: raise the minimum when the queries need what a step
 * adds. */
#define WH_SCHEMA_VERSION 2
#define WH_SCHEMA_VERSION_PG 1
#define WH_SCHEMA_MIN_READ 0

int wh_schema_version(void)
{
    return WH_SCHEMA_VERSION;
}

/* The version this program writes for db's kind. */
static int latest(const struct whdb *db)
{
    return whdb_kind(db) == WHDB_PG ? WH_SCHEMA_VERSION_PG : WH_SCHEMA_VERSION;
}

/* *yes = whether the table exists (in PostgreSQL's current schema). */
lscb_err wh_table_exists(struct whdb *db, const char *table, bool *yes, struct lscb_error *e)
{
    const char *sql = whdb_kind(db) == WHDB_PG
                          ? "SELECT count(*) FROM information_schema.tables WHERE "
                            "table_schema = current_schema() AND table_name = ?"
                          : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?";
    long long n;
    lscb_err rc = whdb_query_int(db, sql, table, NULL, &n, e);
    *yes = rc == LSCB_OK && n > 0;
    return rc;
}

/* *version = the warehouse's schema version (0 when it has no row). */
static lscb_err read_version(struct whdb *db, int *version, struct lscb_error *e)
{
    struct whq *q;
    lscb_err rc = whdb_prepare(db, "SELECT value FROM warehouse_meta WHERE name = "
                               "'schema_version'", &q, e);
    if (rc)
        return rc;
    int s = whq_step(q, e);
    long v = 0;
    if (s == 1 && !text_long(whq_text(q, 0), &v))
        s = -2;
    whq_free(q);
    if (s == -1)
        return e->code;
    if (s == -2 || v < 0 || v > 1000000)
        return lscb_fail(e, LSCB_EINPUT, "warehouse %s: its schema_version is not a number",
                         whdb_name(db));
    *version = (int)v;
    return LSCB_OK;
}

static lscb_err check_version(struct whdb *db, int v, int min, struct lscb_error *e)
{
    if (v > latest(db))
        return lscb_fail(e, LSCB_EINPUT, "warehouse %s has schema version %d, newer than this "
                         "program's %d: use the lscb-stats that wrote it, or a newer one",
                         whdb_name(db), v, latest(db));
    if (v < min)
        return lscb_fail(e, LSCB_EINPUT, "warehouse %s has schema version %d, older than this "
                         "program reads (%d): load a return into it once to upgrade it",
                         whdb_name(db), v, min);
    return LSCB_OK;
}

/* Adds to each existing entity table the columns of records.c it lacks
 * (NULL in the rows already there). */
static lscb_err add_columns(struct whdb *db, struct lscb_error *e)
{
    const char *sql = whdb_kind(db) == WHDB_PG
                          ? "SELECT count(*) FROM information_schema.columns WHERE "
                            "table_schema = current_schema() AND table_name = ? AND "
                            "column_name = ?"
                          : "SELECT count(*) FROM pragma_table_info(?) WHERE name = ?";
    struct whq *q;
    lscb_err rc = whdb_prepare(db, sql, &q, e);
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        for (int merged = 0; merged < 2 && rc == LSCB_OK; merged++) {
            char table[64];
            bool is_table = true;
            if (text_fmt(table, sizeof table, "%s%s", merged ? "" : "census_", d->name))
                rc = lscb_fail(e, LSCB_ESYS, "table name too long: %s", d->name);
            else   /* a merged view is remade by make_views */
                rc = wh_table_exists(db, table, &is_table, e);
            if (!is_table)
                continue;
            for (size_t i = 0; i < entity_nnorm(d) && rc == LSCB_OK; i++) {
                whq_reset(q);
                whq_bind_text(q, 1, table);
                whq_bind_text(q, 2, d->fields[i].name);
                int s = whq_step(q, e);
                if (s < 0) {
                    rc = e->code;
                } else if (s == 1 && whq_int(q, 0) == 0) {
                    char alter[256];
                    if (text_fmt(alter, sizeof alter, "ALTER TABLE %s ADD COLUMN %s %s",
                                      table, d->fields[i].name,
                                      d->fields[i].type == FT_COUNT ? "INTEGER"
                                                                    : whdb_text_type(db)))
                        rc = lscb_fail(e, LSCB_ESYS, "column name too long: %s",
                                       d->fields[i].name);
                    else
                        rc = wh_exec(db, alter, e);
                }
            }
        }
    }
    whq_free(q);
    return rc;
}

/* Appends name to buf as an SQL identifier: in double quotes, each double
 * quote in it doubled. */
static int quoted(char *buf, size_t cap, const char *name)
{
    int cut = text_append(buf, cap, "\"");
    for (const char *c = name; *c && !cut; c++)
        cut = text_append(buf, cap, *c == '"' ? "\"\"" : "%c", *c);
    return cut || text_append(buf, cap, "\"");
}

/* true for a declared type made of letters, digits, spaces, parentheses
 * and commas ("TEXT", "VARCHAR(16)", "DECIMAL(10, 2)", ""). */
static bool plain_type(const char *t)
{
    for (; *t; t++)
        if (!((*t >= 'A' && *t <= 'Z') || (*t >= 'a' && *t <= 'z') || (*t >= '0' && *t <= '9') ||
              *t == ' ' || *t == '(' || *t == ')' || *t == ',' || *t == '_'))
            return false;
    return true;
}

/* The columns of table, in order, into names ("a", "b") and decls ("a"
 * TEXT NOT NULL, "b" BIGINT), each at most cap bytes; a declared type
 * other than plain_type's is refused (LSCB_EINPUT: the SQL is run as
 * text). */
static lscb_err table_columns(struct whdb *db, const char *table, char *names, char *decls,
                              size_t cap, struct lscb_error *e)
{
    struct whq *q;
    lscb_err rc = whdb_prepare(db, "SELECT name, type, \"notnull\" FROM pragma_table_info(?) "
                               "ORDER BY cid", &q, e);
    if (rc)
        return rc;
    whq_bind_text(q, 1, table);
    names[0] = decls[0] = '\0';
    int s, cut = 0;
    for (bool first = true; (s = whq_step(q, e)) == 1 && rc == LSCB_OK; first = false) {
        const char *name = whq_text(q, 0), *type = whq_text(q, 1);
        if (!plain_type(type ? type : ""))
            rc = lscb_fail(e, LSCB_EINPUT, "warehouse %s: table %s: column %s is declared %s, "
                           "which this upgrade does not copy", whdb_name(db), table,
                           name ? name : "", type);
        cut |= text_append(names, cap, "%s", first ? "" : ", ") ||
               quoted(names, cap, name ? name : "") ||
               text_append(decls, cap, "%s", first ? "" : ", ") ||
               quoted(decls, cap, name ? name : "") ||
               text_append(decls, cap, " %s%s", type ? type : "",
                           whq_int(q, 2) ? " NOT NULL" : "");
    }
    whq_free(q);
    if (rc)
        return rc;
    if (s < 0)
        return e->code;
    return cut ? lscb_fail(e, LSCB_ESYS, "%s: too many columns", table) : LSCB_OK;
}

/* SQLite, from version 0 or 1 to 2 (or a census table made by hand): each
 * census table without census_row made again with it, its columns as they
 * were declared and its rows keeping their rowids; *renumbered when one
 * was. */
static lscb_err number_census_rows(struct whdb *db, bool *renumbered, struct lscb_error *e)
{
    lscb_err rc = LSCB_OK;
    *renumbered = false;
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const char *n = entity_defs[k].name;
        char table[64], sql[4096], names[1024], decls[1024];
        long long has = 0;
        if (text_fmt(table, sizeof table, "census_%s", n))
            return lscb_fail(e, LSCB_ESYS, "table name too long: %s", n);
        rc = whdb_query_int(db, "SELECT count(*) FROM pragma_table_info(?) WHERE name = "
                            "'census_row'", table, NULL, &has, e);
        if (rc == LSCB_OK && !has)
            rc = table_columns(db, table, names, decls, sizeof names, e);
        if (rc || has)
            continue;
        int cut = text_fmt(sql, sizeof sql, "ALTER TABLE %s RENAME TO %s_v1; CREATE TABLE %s "
                           "(%s, census_row INTEGER PRIMARY KEY); INSERT INTO %s (%s, census_row) "
                           "SELECT %s, rowid FROM %s_v1 ORDER BY rowid; DROP TABLE %s_v1",
                           table, table, table, decls, table, names, names, table, table);
        rc = cut ? lscb_fail(e, LSCB_ESYS, "%s: upgrade statement too long", n)
                 : wh_exec(db, sql, e);
        *renumbered = true;
    }
    return rc;
}

/* Lists the superseded census rows of every authority loaded. */
static lscb_err supersede_all(struct whdb *db, struct lscb_error *e)
{
    struct whq *q;
    lscb_err rc = whdb_prepare(db, "SELECT DISTINCT la_code FROM load_log ORDER BY la_code", &q,
                               e);
    if (rc)
        return rc;
    size_t n = 0, cap = 0;
    char (*las)[17] = NULL;
    int s;
    while ((s = whq_step(q, e)) == 1) {
        const char *la = whq_text(q, 0);
        if (!la || !wh_code_ok(la)) {
            whq_free(q);
            free(las);
            return lscb_fail(e, LSCB_EINPUT, "warehouse %s: load_log names '%s', not an LA code",
                             whdb_name(db), la ? la : "");
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            las = lscb_xrealloc(las, cap * sizeof *las);
        }
        memcpy(las[n++], la, strlen(la) + 1);   /* wh_code_ok: at most 16 */
    }
    whq_free(q);
    rc = s < 0 ? e->code : LSCB_OK;
    for (size_t i = 0; i < n && rc == LSCB_OK; i++)
        rc = wh_merge_la(db, las[i], NULL, e);
    free(las);
    return rc;
}

/* Creates the schema of a new warehouse, or brings an older one up to
 * its kind's latest version, in one transaction (PostgreSQL: under a lock, as
 * several loads may open one warehouse at once). */
static lscb_err upgrade(struct whdb *db, struct lscb_error *e)
{
    bool pg = whdb_kind(db) == WHDB_PG, existed = false;
    lscb_err rc = wh_exec(db, pg ? "BEGIN; SELECT pg_advisory_xact_lock(7142015)"
                                 : "BEGIN IMMEDIATE", e);
    if (rc)
        return rc;
    rc = wh_table_exists(db, "load_log", &existed, e);
    int v = latest(db);
    if (rc == LSCB_OK)
        rc = create_schema(db, e);
    if (rc == LSCB_OK && existed)
        rc = read_version(db, &v, e);
    if (rc == LSCB_OK)
        rc = check_version(db, v, 0, e);
    /* the steps from older versions, in order */
    if (rc == LSCB_OK && v < latest(db))
        rc = add_columns(db, e);
    bool sqlite = whdb_kind(db) == WHDB_SQLITE, renumbered = false;
    /* a rename that leaves the views (an analyst's, over a census table)
     * naming the table as they did: the new table takes the name */
    if (rc == LSCB_OK && sqlite && (v < 2 || !existed))
        rc = wh_exec(db, "PRAGMA legacy_alter_table = ON", e);
    if (rc == LSCB_OK && sqlite && (v < 2 || !existed))
        rc = number_census_rows(db, &renumbered, e);
    if (sqlite && (v < 2 || !existed)) {
        struct lscb_error off_e;
        lscb_err off = wh_exec(db, "PRAGMA legacy_alter_table = OFF", &off_e);
        if (rc == LSCB_OK && off) {
            *e = off_e;
            rc = off;
        }
    }
    if (rc == LSCB_OK && sqlite && (v < latest(db) || !existed))
        rc = make_views(db, e);
    /* (the indexes went with the old tables: an authority of several is
     * found by them) */
    if (rc == LSCB_OK && renumbered)
        rc = wh_index_census(db, e);
    if (rc == LSCB_OK && renumbered)
        rc = supersede_all(db, e);
    /* a new warehouse records its version too (lscb-load's had none until
     * a second writer opened it) */
    if (rc == LSCB_OK && (v != latest(db) || !existed)) {
        char sql[256];
        if (text_fmt(sql, sizeof sql, "INSERT INTO warehouse_meta VALUES ('schema_version', "
                          "'%d') ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                          latest(db)))
            rc = lscb_fail(e, LSCB_ESYS, "schema version statement too long");
        else
            rc = wh_exec(db, sql, e);
    }
    struct lscb_error ignored;
    if (rc == LSCB_OK)
        rc = wh_exec(db, "COMMIT", e);
    else
        wh_exec(db, "ROLLBACK", &ignored);
    return rc;
}

lscb_err wh_open(const char *target, bool writable, struct whdb **db, struct lscb_error *e)
{
    lscb_err rc = whdb_open(target, writable, db, e);
    if (rc)
        return rc;
    if (writable && whdb_kind(*db) == WHDB_SQLITE)
        rc = wh_exec(*db, "PRAGMA foreign_keys=OFF; PRAGMA synchronous=FULL", e);
    if (rc == LSCB_OK && writable) {
        rc = upgrade(*db, e);
    } else if (rc == LSCB_OK) {
        /* a file that is no warehouse yet is refused by the caller, which
         * says so */
        bool meta = false;
        int v = 0;
        rc = wh_table_exists(*db, "warehouse_meta", &meta, e);
        if (rc == LSCB_OK && meta)
            rc = read_version(*db, &v, e);
        if (rc == LSCB_OK && meta)
            rc = check_version(*db, v, WH_SCHEMA_MIN_READ, e);
    }
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
static int key_list(char *buf, size_t cap, const struct entity_def *d)
{
    if (text_fmt(buf, cap, "%s", d->kind == KIND_CPR3 ? "la_code, census_year" : "la_code"))
        return -1;
    for (size_t i = 0; i < d->nkey; i++) {
        size_t k = strlen(buf);
        if (text_fmt(buf + k, cap - k, ", %s", d->fields[i].name))
            return -1;
    }
    return 0;
}

/* *several = the warehouse holds more than one authority's returns. */
static lscb_err several_las(struct whdb *db, bool *several, struct lscb_error *e)
{
    long long n = 0;
    lscb_err rc = whdb_query_int(db, "SELECT count(DISTINCT la_code) FROM load_log", NULL, NULL,
                                 &n, e);
    *several = n > 1;
    return rc;
}

lscb_err wh_index(struct whdb *db, struct lscb_error *e)
{
    char sql[2048], keys[512];
    bool sqlite = whdb_kind(db) == WHDB_SQLITE;
    lscb_err rc = sqlite ? wh_index_census(db, e) : LSCB_OK;
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        int cut = key_list(keys, sizeof keys, d);
        if (cut)
            ;
        else if (sqlite)
            cut = text_fmt(sql, sizeof sql, "DROP INDEX IF EXISTS census_%s_key", d->name);
        else
            cut = text_fmt(sql, sizeof sql,
                     "CREATE INDEX IF NOT EXISTS census_%s_year ON census_%s (la_code, "
                     "census_year);"
                     "CREATE INDEX IF NOT EXISTS census_%s_key ON census_%s (%s, census_year);"
                     "CREATE INDEX IF NOT EXISTS %s_key ON %s (%s);",
                     d->name, d->name, d->name, d->name, keys, d->name, d->name, keys);
        rc = cut ? lscb_fail(e, LSCB_ESYS, "%s: index statement too long", d->name)
                 : wh_exec(db, sql, e);
    }
    return rc;
}

lscb_err wh_index_census(struct whdb *db, struct lscb_error *e)
{
    bool several = true;
    lscb_err rc = whdb_kind(db) == WHDB_SQLITE ? several_las(db, &several, e) : LSCB_OK;
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK && several; k++) {
        char sql[256];
        if (text_fmt(sql, sizeof sql, "CREATE INDEX IF NOT EXISTS census_%s_year ON census_%s "
                     "(la_code, census_year)", entity_defs[k].name, entity_defs[k].name))
            return lscb_fail(e, LSCB_ESYS, "table name too long: %s", entity_defs[k].name);
        rc = wh_exec(db, sql, e);
    }
    return rc;
}

struct gone {
    sqlite3_int64 *v;   /* the superseded census_rows, ascending */
    size_t n, cap;
    size_t at;          /* where the last look-up ended: a scan asks in order */
};

struct wh_sources {
    struct whdb *db;
    bool function;                    /* lscb_merged_row registered */
    char from[ENT_COUNT][160];
    struct gone gone[ENT_COUNT];
};

/* lscb_merged_row(k, census_row): 0 for a row a later census superseded. */
static void merged_row_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    struct wh_sources *src = sqlite3_user_data(cx);
    sqlite3_int64 k = sqlite3_value_int64(argv[0]), r = sqlite3_value_int64(argv[1]);
    if (k < 0 || k >= ENT_COUNT) {
        sqlite3_result_error(cx, "lscb_merged_row: no such entity", -1);
        return;
    }
    struct gone *g = &src->gone[k];
    /* forward from the last answer (the table is read in census_row
     * order), else a binary search */
    if (g->at > 0 && g->v[g->at - 1] >= r) {
        size_t lo = 0, hi = g->n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (g->v[mid] < r)
                lo = mid + 1;
            else
                hi = mid;
        }
        g->at = lo;
    }
    while (g->at < g->n && g->v[g->at] < r)
        g->at++;
    sqlite3_result_int(cx, !(g->at < g->n && g->v[g->at] == r));
}

/* Reads census_<d>_superseded into src->gone[k]. */
static lscb_err read_superseded(struct wh_sources *src, int k, struct lscb_error *e)
{
    char sql[160];
    struct whq *q;
    struct gone *g = &src->gone[k];
    if (text_fmt(sql, sizeof sql, "SELECT census_row FROM census_%s_superseded ORDER BY "
                 "census_row", entity_defs[k].name))
        return lscb_fail(e, LSCB_ESYS, "table name too long: %s", entity_defs[k].name);
    lscb_err rc = whdb_prepare(src->db, sql, &q, e);
    if (rc)
        return rc;
    int s;
    while ((s = whq_step(q, e)) == 1) {
        if (g->n == g->cap) {
            g->cap = g->cap ? 2 * g->cap : 4096;
            g->v = lscb_xrealloc(g->v, g->cap * sizeof *g->v);
        }
        g->v[g->n++] = whq_int(q, 0);
    }
    whq_free(q);
    return s < 0 ? e->code : LSCB_OK;
}

lscb_err wh_sources_open(struct whdb *db, bool scan, struct wh_sources **out,
                         struct lscb_error *e)
{
    struct wh_sources *src = lscb_xcalloc(1, sizeof *src);
    src->db = db;
    bool sqlite = whdb_kind(db) == WHDB_SQLITE, listed = false;
    lscb_err rc = sqlite ? wh_table_exists(db, "census_child_superseded", &listed, e) : LSCB_OK;
    if (rc == LSCB_OK && sqlite && listed && scan) {
        if (sqlite3_create_function(whdb_sqlite(db), "lscb_merged_row", 2, SQLITE_UTF8, src,
                                    merged_row_fn, NULL, NULL) != SQLITE_OK)
            rc = lscb_fail(e, LSCB_ESYS, "warehouse %s: lscb_merged_row: %s", whdb_name(db),
                           sqlite3_errmsg(whdb_sqlite(db)));
        else
            src->function = true;
    }
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const char *name = entity_defs[k].name;
        int cut;
        if (src->function) {
            rc = read_superseded(src, k, e);
            cut = text_fmt(src->from[k], sizeof src->from[k], "(SELECT * FROM census_%s NOT "
                           "INDEXED WHERE lscb_merged_row(%d, census_row))", name, k);
        } else {
            cut = text_fmt(src->from[k], sizeof src->from[k], "%s%s", name,
                           scan && sqlite && !listed ? " NOT INDEXED" : "");
        }
        if (rc == LSCB_OK && cut)
            rc = lscb_fail(e, LSCB_ESYS, "%s: statement too long", name);
    }
    if (rc) {
        wh_sources_free(src);
        src = NULL;
    }
    *out = src;
    return rc;
}

const char *wh_sources_from(const struct wh_sources *src, enum entity_id k)
{
    return src->from[k];
}

void wh_sources_free(struct wh_sources *src)
{
    if (!src)
        return;
    if (src->function)
        sqlite3_create_function(whdb_sqlite(src->db), "lscb_merged_row", 2, SQLITE_UTF8, NULL,
                                NULL, NULL, NULL);
    for (int k = 0; k < ENT_COUNT; k++)
        free(src->gone[k].v);
    free(src);
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
    memcpy(buf, las, strlen(las) + 1); /* fits: checked above */
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

/* *n = how many census years an entity holds for an authority: each the
 * next after the last, a seek in the (la_code, census_year) index (a
 * count(DISTINCT) reads every entry: half a second a table for three
 * England-size years). */
static lscb_err distinct_years(struct whdb *db, const char *table, const char *la, long *n,
                               struct lscb_error *e)
{
    char sql[256];
    if (text_fmt(sql, sizeof sql, "SELECT min(census_year) FROM census_%s WHERE la_code = ? "
                 "AND census_year > ?", table))
        return lscb_fail(e, LSCB_ESYS, "table name too long: %s", table);
    struct whq *q;
    lscb_err rc = whdb_prepare(db, sql, &q, e);
    if (rc)
        return rc;
    *n = 0;
    long long after = -1;
    for (;;) {
        whq_reset(q);
        whq_bind_text(q, 1, la);
        whq_bind_int(q, 2, after);
        int s = whq_step(q, e);
        if (s < 0) {
            rc = e->code;
            break;
        }
        if (s == 0 || !whq_text(q, 0))
            break;
        after = whq_int(q, 0);
        ++*n;
    }
    whq_free(q);
    return rc;
}

/* *n = how many census years load_log names for an authority's returns of
 * kind: at least the years an entity of that kind holds (each row's year
 * is its return's), read without the (la_code, census_year) index a
 * warehouse of one authority does without. */
static lscb_err logged_years(struct whdb *db, const char *la, enum return_kind kind, long *n,
                             struct lscb_error *e)
{
    char sql[160];
    long long v = 0;
    if (text_fmt(sql, sizeof sql, "SELECT count(DISTINCT census_year) FROM load_log WHERE "
                 "la_code = ? AND kind = '%s'", return_kind_name(kind)))
        return lscb_fail(e, LSCB_ESYS, "load_log statement too long");
    lscb_err rc = whdb_query_int(db, sql, la, NULL, &v, e);
    *n = (long)v;
    return rc;
}

lscb_err wh_merge_la(struct whdb *db, const char *la, struct whkeys *pre, struct lscb_error *e)
{
    char sql[4096], cols[1024], keys[512];
    bool sqlite = whdb_kind(db) == WHDB_SQLITE;
    long logged[KIND_CPR3 + 1];
    lscb_err rc = LSCB_OK;
    /* la codes are checked to be 3 digits by extract: letters and digits
     * only here, so the literal needs no escaping */
    if (!wh_code_ok(la))
        return lscb_fail(e, LSCB_EINPUT, "warehouse: '%s' is not an LA code", la);
    for (int kind = 0; kind <= KIND_CPR3 && rc == LSCB_OK && sqlite; kind++)
        rc = logged_years(db, la, (enum return_kind)kind, &logged[kind], e);
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        if (key_list(keys, sizeof keys, d))
            return lscb_fail(e, LSCB_ESYS, "%s: key list too long", d->name);
        /* SQLite: the superseded rows listed (whmerge.h) */
        if (sqlite) {
            rc = whmerge_entity(db, d, la, keys, logged[d->kind], pre, e);
            continue;
        }
        /* one version per record already (one return, or a per-year kind):
         * a plain copy, no sort */
        long years = 0;
        if (d->kind != KIND_CPR3)
            rc = distinct_years(db, d->name, la, &years, e);
        if (rc != LSCB_OK)
            break;
        cols[0] = '\0';
        if (columns(cols, sizeof cols, d, NULL))
            return lscb_fail(e, LSCB_ESYS, "%s: column list too long", d->name);
        int cut;
        if (years <= 1)
            cut = text_fmt(sql, sizeof sql,
                     "DELETE FROM %s WHERE la_code = '%s';"
                     "INSERT INTO %s (%s) SELECT %s FROM census_%s WHERE la_code = '%s';",
                     d->name, la, d->name, cols, cols, d->name, la);
        else
            cut = text_fmt(sql, sizeof sql,
                     "DELETE FROM %s WHERE la_code = '%s';"
                     "INSERT INTO %s (%s) SELECT %s FROM (SELECT *, row_number() OVER "
                     "(PARTITION BY %s ORDER BY census_year DESC) AS rn FROM census_%s "
                     "WHERE la_code = '%s') AS v WHERE rn = 1;",
                     d->name, la, d->name, cols, cols, keys, d->name, la);
        rc = cut ? lscb_fail(e, LSCB_ESYS, "%s: merge statement too long", d->name)
                 : wh_exec(db, sql, e);
    }
    return rc;
}
