/*
 * whdb.h — the warehouse's database, SQLite or PostgreSQL behind one small
 * interface, so the load and the statistics are written once.
 *
 * A target naming a postgresql:// or postgres:// URI (libpq's connection
 * string) is a PostgreSQL warehouse, shared by several authorities; anything
 * else is the path of an SQLite file.  Statements use '?' placeholders (made
 * $1, $2 ... for PostgreSQL) and portable SQL; values travel as text, so
 * both give the same answers to the same queries.  Bulk loading goes
 * through whdb_copy_*: prepared inserts on SQLite, COPY ... FROM STDIN (CSV)
 * on PostgreSQL.
 */
#ifndef LSCB_WHDB_H
#define LSCB_WHDB_H

#include <stdbool.h>
#include <stddef.h>
#include "common/lscb.h"

enum whdb_kind { WHDB_SQLITE, WHDB_PG };

struct whdb;
struct whq;

/* lscb-run's one transaction over a PostgreSQL warehouse: whdb_hold
 * connects to target and begins a transaction; every whdb_open of the same
 * target until whdb_hold_commit or whdb_hold_release is that session (the
 * load's writes seen by the stats before they are committed), and the
 * callers' BEGIN / COMMIT / ROLLBACK become savepoints of it.  So a run that
 * fails after its load, or is killed, leaves the warehouse as it was: the
 * server rolls back what was never committed.  whdb_hold_commit commits it
 * and closes the session (LSCB_ESYS if the commit fails: nothing was
 * changed); whdb_hold_release rolls back; both safe when nothing is held.
 * One held session per process. */
lscb_err whdb_hold(const char *target, struct lscb_error *e);
lscb_err whdb_hold_commit(struct lscb_error *e);
void whdb_hold_release(void);

/* true if target names a PostgreSQL warehouse */
bool whdb_is_pg(const char *target);

/* Turns off what SQLite does that this program never uses (its memory
 * statistics, a global lock per allocation); whdb_open calls it, and
 * whatever opens SQLite first should (whcopy.c).  Idempotent. */
void whdb_tune_sqlite(void);

/* Opens a connection, for one thread at a time (SQLite's NOMUTEX: a
 * caller that hands it to another thread makes sure they never use it at
 * once, e.g. by pthread_create and pthread_join).  SQLite: the file is created (0600) when writable,
 * must exist otherwise.  PostgreSQL: read-only sessions when not writable. */
lscb_err whdb_open(const char *target, bool writable, struct whdb **db, struct lscb_error *e);
void whdb_close(struct whdb *db);
enum whdb_kind whdb_kind(const struct whdb *db);

/* An SQLite warehouse's connection (NULL for PostgreSQL), for what only
 * SQLite can do (whmerge.h); borrowed, owned by db. */
struct sqlite3;
struct sqlite3 *whdb_sqlite(struct whdb *db);

/* The warehouse as it may be named in messages: the SQLite path, or the
 * PostgreSQL URI without its password. */
const char *whdb_name(const struct whdb *db);

/* Runs SQL without results (several statements separated by ';'). */
lscb_err whdb_exec(struct whdb *db, const char *sql, struct lscb_error *e);

/* The column type of text columns: TEXT, or TEXT COLLATE "C" on PostgreSQL
 * so that ORDER BY sorts as SQLite does (bytewise). */
const char *whdb_text_type(const struct whdb *db);

lscb_err whdb_prepare(struct whdb *db, const char *sql, struct whq **q, struct lscb_error *e);
/* 1-based; NULL or "" binds SQL NULL for text */
void whq_bind_text(struct whq *q, int i, const char *v);
/* The same for a value that stays where it is until the next whq_step has
 * returned (SQLite reads it there, without copying it first: a bulk
 * load's rows); len its strlen. */
void whq_bind_text_borrowed(struct whq *q, int i, const char *v, size_t len);
void whq_bind_int(struct whq *q, int i, long long v);
/* 1: a row; 0: done; -1: error (e filled) */
int whq_step(struct whq *q, struct lscb_error *e);
/* the current row's column (0-based): NULL when SQL NULL */
const char *whq_text(struct whq *q, int col);
long long whq_int(struct whq *q, int col);
/* SQLite: the rowid of the row the last INSERT through q's connection
 * made; -1 for PostgreSQL */
long long whq_last_rowid(struct whq *q);
/* ready to step again, bindings kept */
void whq_reset(struct whq *q);
void whq_free(struct whq *q);

/* One integer from sql (its first row's first column; 0 when it gives no
 * row or NULL), with ?1 bound to text when text is not NULL, and the next
 * parameter to *num when num is not NULL: the warehouse's count and year
 * look-ups.  LSCB_OK, or the query's error (a database failure: LSCB_ESYS,
 * never taken for "none"). */
lscb_err whdb_query_int(struct whdb *db, const char *sql, const char *text,
                        const long long *num, long long *out, struct lscb_error *e);

/* Bulk load into table (columns cols): rows of n text values, "" is NULL. */
lscb_err whdb_copy_begin(struct whdb *db, const char *table, const char *const *cols,
                         size_t n, struct lscb_error *e);
lscb_err whdb_copy_row(struct whdb *db, const char *const *values, struct lscb_error *e);
lscb_err whdb_copy_end(struct whdb *db, struct lscb_error *e);

#endif
