/* whdb.c — see whdb.h. */
#define _POSIX_C_SOURCE 200809L
#include "common/text.h"
#include "common/whdb.h"

#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/util.h"

#define MAX_PARAMS 32

struct whdb {
    enum whdb_kind kind;
    sqlite3 *lite;
    PGconn *pg;
    char name[512];
    /* bulk load in progress */
    sqlite3_stmt *copy_st;
    size_t copy_n;
    char *line;          /* PostgreSQL COPY line buffer */
    size_t line_cap;
    bool held;           /* the run's held session (whdb_hold): not closed here */
};

/* The PostgreSQL session lscb-run holds from its load to its commit
 * (whdb_hold); NULL when none. */
static struct {
    PGconn *pg;
    char *target;
} held;

struct whq {
    struct whdb *db;
    sqlite3_stmt *st;                /* SQLite */
    char *sql;                       /* PostgreSQL: with $n */
    int nparams;
    char *params[MAX_PARAMS];
    PGresult *res;
    int row, nrows;
    bool done;
};

bool whdb_is_pg(const char *t)
{
    return t && (!strncmp(t, "postgresql://", 13) || !strncmp(t, "postgres://", 11));
}

/* the URI without a password (user:secret@ -> user@), for messages only:
 * a cut name ends in "..." */
static void redact(const char *uri, char *out, size_t cap)
{
    const char *scheme = strstr(uri, "://");
    const char *at = strchr(uri, '@');
    const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
    if (scheme && at && colon && colon < at)
        text_fmt_cut(out, cap, "%.*s:***%s", (int)(colon - uri), uri, at);
    else
        text_fmt_cut(out, cap, "%s", uri);
    /* and password=... in the query part */
    char *pw = strstr(out, "password=");
    if (pw) {
        char *end = strchr(pw, '&');
        text_fmt_cut(pw, cap - (size_t)(pw - out), "password=***%s", end ? end : "");
    }
}

static lscb_err pg_fail(struct whdb *db, struct lscb_error *e, const char *what)
{
    const char *m = db->pg ? PQerrorMessage(db->pg) : "out of memory";
    size_t n = strcspn(m, "\n");
    return lscb_fail(e, LSCB_ESYS, "warehouse %s: %s: %.*s", db->name, what, (int)n, m);
}

/* SQLite's memory statistics take a global mutex on every allocation (7%
 * of a one-pass load's time, perf); nothing here reads them.  Only possible
 * before SQLite is first used: later calls change nothing. */
static void tune_once(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

void whdb_tune_sqlite(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, tune_once);
}

lscb_err whdb_open(const char *target, bool writable, struct whdb **out, struct lscb_error *e)
{
    *out = NULL;
    struct whdb *db = lscb_xcalloc(1, sizeof *db);
    if (whdb_is_pg(target)) {
        db->kind = WHDB_PG;
        redact(target, db->name, sizeof db->name);
        if (held.pg && !strcmp(held.target, target)) {
            /* the run's one transaction: what it loaded, uncommitted */
            db->pg = held.pg;
            db->held = true;
            *out = db;
            return LSCB_OK;
        }
        db->pg = PQconnectdb(target);
        if (!db->pg || PQstatus(db->pg) != CONNECTION_OK) {
            lscb_err rc = pg_fail(db, e, "cannot connect");
            e->code = LSCB_EINPUT;
            rc = LSCB_EINPUT;
            whdb_close(db);
            return rc;
        }
        lscb_err rc = whdb_exec(db, "SET client_min_messages = warning; SET datestyle = ISO", e);
        if (rc == LSCB_OK && !writable)
            rc = whdb_exec(db, "SET default_transaction_read_only = on", e);
        if (rc) {
            whdb_close(db);
            return rc;
        }
        *out = db;
        return LSCB_OK;
    }
    db->kind = WHDB_SQLITE;
    text_fmt_cut(db->name, sizeof db->name, "%s", target);
    if (writable) {
        /* create it owner-only before SQLite does, with its default mode */
        int fd = open(target, O_WRONLY | O_CREAT, 0600);
        if (fd < 0) {
            lscb_err rc = lscb_fail(e, LSCB_ESYS, "%s: cannot create warehouse: %s", target,
                                    strerror(errno));
            free(db);
            return rc;
        }
        close(fd);
    } else if (access(target, R_OK) != 0) {
        lscb_err rc = lscb_fail(e, LSCB_EINPUT, "%s: no warehouse (run lscb-load first): %s",
                                target, strerror(errno));
        free(db);
        return rc;
    }
    whdb_tune_sqlite();
    /* a connection is used by one thread at a time (lscb-run's one pass
     * hands its load's to a second thread and back, never at once), so it
     * needs no mutex of its own: one lock and unlock less per SQLite call */
    int flags = (writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
                SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(target, &db->lite, flags, NULL) != SQLITE_OK) {
        lscb_err rc = lscb_fail(e, LSCB_ESYS, "%s: cannot open warehouse: %s", target,
                                db->lite ? sqlite3_errmsg(db->lite) : "out of memory");
        whdb_close(db);
        return rc;
    }
    sqlite3_busy_timeout(db->lite, 10000);
    /* a new file gets 16 KB pages (SQLite's default is 4 KB): a quarter of
     * the reads, writes and B-tree pages for the same rows (the merge and
     * the indexes of an England-size year: 2.9 to 2.3 s of CPU, 13 to 7 s
     * of wall time on a loaded machine); an existing warehouse keeps its
     * own (the pragma changes only an empty file) */
    if (writable && sqlite3_exec(db->lite, "PRAGMA page_size = 16384", NULL, NULL, NULL) !=
                        SQLITE_OK) {
        lscb_err rc = lscb_fail(e, LSCB_ESYS, "%s: cannot set the page size: %s", target,
                                sqlite3_errmsg(db->lite));
        whdb_close(db);
        return rc;
    }
    *out = db;
    return LSCB_OK;
}

void whdb_close(struct whdb *db)
{
    if (!db)
        return;
    if (db->copy_st)
        sqlite3_finalize(db->copy_st);
    if (db->lite)
        sqlite3_close(db->lite);
    if (db->pg && !db->held)
        PQfinish(db->pg);
    free(db->line);
    free(db);
}

lscb_err whdb_hold(const char *target, struct lscb_error *e)
{
    if (held.pg)
        return lscb_fail(e, LSCB_ESYS, "warehouse: a session is held already");
    struct whdb *db = NULL;
    lscb_err rc = whdb_open(target, true, &db, e);
    if (rc == LSCB_OK)
        rc = whdb_exec(db, "BEGIN", e);
    if (rc) {
        whdb_close(db);
        return rc;
    }
    held.pg = db->pg;
    held.target = lscb_xstrdup(target);
    db->pg = NULL;
    whdb_close(db);
    return LSCB_OK;
}

lscb_err whdb_hold_commit(struct lscb_error *e)
{
    if (!held.pg)
        return LSCB_OK;
    struct whdb db = {.kind = WHDB_PG, .pg = held.pg};
    redact(held.target, db.name, sizeof db.name);
    PGresult *r = PQexec(held.pg, "COMMIT");
    /* COMMIT of a transaction that failed reports success and rolls back */
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK && !strcmp(PQcmdStatus(r), "COMMIT");
    PQclear(r);
    lscb_err rc = ok ? LSCB_OK : pg_fail(&db, e, "cannot commit the run's load");
    PQfinish(held.pg);
    free(held.target);
    held.pg = NULL;
    held.target = NULL;
    return rc;
}

void whdb_hold_release(void)
{
    if (!held.pg)
        return;
    PQclear(PQexec(held.pg, "ROLLBACK"));
    PQfinish(held.pg);
    free(held.target);
    held.pg = NULL;
    held.target = NULL;
}

struct sqlite3 *whdb_sqlite(struct whdb *db)
{
    return db->kind == WHDB_SQLITE ? db->lite : NULL;
}

enum whdb_kind whdb_kind(const struct whdb *db)
{
    return db->kind;
}

const char *whdb_name(const struct whdb *db)
{
    return db->name;
}

const char *whdb_text_type(const struct whdb *db)
{
    return db->kind == WHDB_PG ? "TEXT COLLATE \"C\"" : "TEXT";
}

/* In the held session a caller's own transaction is a savepoint of the
 * run's: "BEGIN..." begins one, "COMMIT" releases it, "ROLLBACK" undoes it;
 * everything stays uncommitted until whdb_hold_commit.  Returns the SQL to
 * run (sql itself, or buf). */
static const char *held_sql(const char *sql, char *buf, size_t cap)
{
    if (!strncmp(sql, "BEGIN", 5) && (sql[5] == '\0' || sql[5] == ';' || sql[5] == ' ')) {
        const char *rest = sql + 5 + strcspn(sql + 5, ";");
        int n = snprintf(buf, cap, "SAVEPOINT lscb_tx%s", rest);
        return n > 0 && (size_t)n < cap ? buf : NULL;
    }
    if (!strcmp(sql, "COMMIT"))
        return "RELEASE SAVEPOINT lscb_tx";
    if (!strcmp(sql, "ROLLBACK"))
        return "ROLLBACK TO SAVEPOINT lscb_tx; RELEASE SAVEPOINT lscb_tx";
    return sql;
}

lscb_err whdb_exec(struct whdb *db, const char *sql, struct lscb_error *e)
{
    if (db->kind == WHDB_PG) {
        char buf[512];
        if (db->held && !(sql = held_sql(sql, buf, sizeof buf)))
            return lscb_fail(e, LSCB_ESYS, "warehouse %s: statement too long", db->name);
        PGresult *r = PQexec(db->pg, sql);
        ExecStatusType s = PQresultStatus(r);
        PQclear(r);
        if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
            return pg_fail(db, e, "statement failed");
        return LSCB_OK;
    }
    char *msg = NULL;
    if (sqlite3_exec(db->lite, sql, NULL, NULL, &msg) != SQLITE_OK) {
        lscb_err rc = lscb_fail(e, LSCB_ESYS, "warehouse %s: %s", db->name,
                                msg ? msg : "error");
        sqlite3_free(msg);
        return rc;
    }
    return LSCB_OK;
}

lscb_err whdb_prepare(struct whdb *db, const char *sql, struct whq **out, struct lscb_error *e)
{
    *out = NULL;
    struct whq *q = lscb_xcalloc(1, sizeof *q);
    q->db = db;
    if (db->kind == WHDB_SQLITE) {
        if (sqlite3_prepare_v2(db->lite, sql, -1, &q->st, NULL) != SQLITE_OK) {
            lscb_err rc = lscb_fail(e, LSCB_ESYS, "warehouse %s: %s", db->name,
                                    sqlite3_errmsg(db->lite));
            free(q);
            return rc;
        }
        *out = q;
        return LSCB_OK;
    }
    /* '?' outside quotes becomes $n */
    size_t len = strlen(sql);
    q->sql = lscb_xmalloc(len * 3 + 1);
    char *o = q->sql;
    bool quoted = false;
    for (const char *p = sql; *p; p++) {
        if (*p == '\'')
            quoted = !quoted;
        if (*p == '?' && !quoted) {
            if (q->nparams >= MAX_PARAMS) {
                free(q->sql);
                free(q);
                return lscb_fail(e, LSCB_ESYS, "warehouse: more than %d parameters", MAX_PARAMS);
            }
            o += sprintf(o, "$%d", ++q->nparams);
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    *out = q;
    return LSCB_OK;
}

void whq_bind_text(struct whq *q, int i, const char *v)
{
    if (q->db->kind == WHDB_SQLITE) {
        if (!v || !*v)
            sqlite3_bind_null(q->st, i);
        else
            sqlite3_bind_text(q->st, i, v, -1, SQLITE_TRANSIENT);
        return;
    }
    if (i < 1 || i > MAX_PARAMS)
        return;
    free(q->params[i - 1]);
    q->params[i - 1] = v && *v ? lscb_xstrdup(v) : NULL;
}

void whq_bind_text_borrowed(struct whq *q, int i, const char *v, size_t len)
{
    if (q->db->kind != WHDB_SQLITE || len > INT32_MAX) {
        whq_bind_text(q, i, v);
        return;
    }
    if (!v || !len)
        sqlite3_bind_null(q->st, i);
    else
        sqlite3_bind_text(q->st, i, v, (int)len, SQLITE_STATIC);
}

void whq_bind_int(struct whq *q, int i, long long v)
{
    if (q->db->kind == WHDB_SQLITE) {
        sqlite3_bind_int64(q->st, i, v);
        return;
    }
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    whq_bind_text(q, i, buf);
}

lscb_err whdb_query_int(struct whdb *db, const char *sql, const char *text,
                        const long long *num, long long *out, struct lscb_error *e)
{
    *out = 0;
    struct whq *q;
    lscb_err rc = whdb_prepare(db, sql, &q, e);
    if (rc)
        return rc;
    int i = 1;
    if (text)
        whq_bind_text(q, i++, text);
    if (num)
        whq_bind_int(q, i, *num);
    int s = whq_step(q, e);
    if (s == 1)
        *out = whq_int(q, 0);
    whq_free(q);
    return s < 0 ? e->code : LSCB_OK;
}

int whq_step(struct whq *q, struct lscb_error *e)
{
    if (q->db->kind == WHDB_SQLITE) {
        int s = sqlite3_step(q->st);
        if (s == SQLITE_ROW)
            return 1;
        if (s == SQLITE_DONE)
            return 0;
        lscb_fail(e, LSCB_ESYS, "warehouse %s: %s", q->db->name, sqlite3_errmsg(q->db->lite));
        return -1;
    }
    if (!q->res && !q->done) {
        q->res = PQexecParams(q->db->pg, q->sql, q->nparams, NULL,
                              (const char *const *)q->params, NULL, NULL, 0);
        ExecStatusType s = PQresultStatus(q->res);
        if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
            pg_fail(q->db, e, "query failed");
            PQclear(q->res);
            q->res = NULL;
            return -1;
        }
        q->nrows = s == PGRES_TUPLES_OK ? PQntuples(q->res) : 0;
        q->row = -1;
    }
    if (q->done || ++q->row >= q->nrows) {
        q->done = true;
        return 0;
    }
    return 1;
}

const char *whq_text(struct whq *q, int col)
{
    if (q->db->kind == WHDB_SQLITE)
        return (const char *)sqlite3_column_text(q->st, col);
    if (!q->res || q->row < 0 || q->row >= q->nrows || PQgetisnull(q->res, q->row, col))
        return NULL;
    return PQgetvalue(q->res, q->row, col);
}

long long whq_int(struct whq *q, int col)
{
    if (q->db->kind == WHDB_SQLITE)
        return sqlite3_column_int64(q->st, col);
    const char *v = whq_text(q, col);
    return v ? strtoll(v, NULL, 10) : 0;
}

long long whq_last_rowid(struct whq *q)
{
    return q->db->kind == WHDB_SQLITE ? sqlite3_last_insert_rowid(q->db->lite) : -1;
}

void whq_reset(struct whq *q)
{
    if (q->db->kind == WHDB_SQLITE) {
        sqlite3_reset(q->st);
        return;
    }
    PQclear(q->res);
    q->res = NULL;
    q->done = false;
    q->row = -1;
    q->nrows = 0;
}

void whq_free(struct whq *q)
{
    if (!q)
        return;
    if (q->st)
        sqlite3_finalize(q->st);
    PQclear(q->res);
    for (int i = 0; i < MAX_PARAMS; i++)
        free(q->params[i]);
    free(q->sql);
    free(q);
}

lscb_err whdb_copy_begin(struct whdb *db, const char *table, const char *const *cols, size_t n,
                         struct lscb_error *e)
{
    char sql[4096];
    int cut = text_fmt(sql, sizeof sql, "%s %s (", db->kind == WHDB_PG ? "COPY" : "INSERT INTO",
                       table);
    for (size_t i = 0; i < n; i++)
        cut |= text_append(sql, sizeof sql, "%s%s", i ? ", " : "", cols[i]);
    if (db->kind == WHDB_PG)
        cut |= text_append(sql, sizeof sql, ") FROM STDIN WITH (FORMAT csv)");
    else {
        cut |= text_append(sql, sizeof sql, ") VALUES (");
        for (size_t i = 0; i < n; i++)
            cut |= text_append(sql, sizeof sql, "%s?", i ? "," : "");
        cut |= text_append(sql, sizeof sql, ")");
    }
    if (cut)
        return lscb_fail(e, LSCB_ESYS, "warehouse %s: loading %s: statement longer than %zu "
                         "bytes", db->name, table, sizeof sql);
    db->copy_n = n;
    if (db->kind == WHDB_PG) {
        PGresult *r = PQexec(db->pg, sql);
        ExecStatusType s = PQresultStatus(r);
        PQclear(r);
        if (s != PGRES_COPY_IN)
            return pg_fail(db, e, "COPY failed");
        return LSCB_OK;
    }
    if (sqlite3_prepare_v2(db->lite, sql, -1, &db->copy_st, NULL) != SQLITE_OK)
        return lscb_fail(e, LSCB_ESYS, "warehouse %s: %s", db->name, sqlite3_errmsg(db->lite));
    return LSCB_OK;
}

static void line_put(struct whdb *db, size_t *k, char c)
{
    if (*k + 1 >= db->line_cap) {
        db->line_cap = db->line_cap ? db->line_cap * 2 : 4096;
        db->line = lscb_xrealloc(db->line, db->line_cap);
    }
    db->line[(*k)++] = c;
}

lscb_err whdb_copy_row(struct whdb *db, const char *const *v, struct lscb_error *e)
{
    if (db->kind == WHDB_SQLITE) {
        sqlite3_reset(db->copy_st);
        for (size_t i = 0; i < db->copy_n; i++) {
            if (!v[i] || !*v[i])
                sqlite3_bind_null(db->copy_st, (int)i + 1);
            else
                sqlite3_bind_text(db->copy_st, (int)i + 1, v[i], -1, SQLITE_STATIC);
        }
        if (sqlite3_step(db->copy_st) != SQLITE_DONE)
            return lscb_fail(e, LSCB_ESYS, "warehouse %s: insert failed: %s", db->name,
                             sqlite3_errmsg(db->lite));
        return LSCB_OK;
    }
    /* CSV: an empty unquoted field is NULL; values are always quoted */
    size_t k = 0;
    for (size_t i = 0; i < db->copy_n; i++) {
        if (i)
            line_put(db, &k, ',');
        if (!v[i] || !*v[i])
            continue;
        line_put(db, &k, '"');
        for (const char *p = v[i]; *p; p++) {
            if (*p == '"')
                line_put(db, &k, '"');
            line_put(db, &k, *p);
        }
        line_put(db, &k, '"');
    }
    line_put(db, &k, '\n');
    if (PQputCopyData(db->pg, db->line, (int)k) != 1)
        return pg_fail(db, e, "COPY failed");
    return LSCB_OK;
}

lscb_err whdb_copy_end(struct whdb *db, struct lscb_error *e)
{
    if (db->kind == WHDB_SQLITE) {
        sqlite3_finalize(db->copy_st);
        db->copy_st = NULL;
        return LSCB_OK;
    }
    if (PQputCopyEnd(db->pg, NULL) != 1)
        return pg_fail(db, e, "COPY failed");
    PGresult *r;
    lscb_err rc = LSCB_OK;
    while ((r = PQgetResult(db->pg)) != NULL) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == LSCB_OK)
            rc = pg_fail(db, e, "COPY failed");
        PQclear(r);
    }
    return rc;
}
