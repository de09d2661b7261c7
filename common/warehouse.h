/*
 * warehouse.h — the warehouse (an SQLite file, or a PostgreSQL database
 * shared by several authorities: whdb.h): schema and access shared by lscb-load
 * and lscb-stats.
 *
 * For each entity there are two tables with the entity's columns:
 *   census_<entity>  every record as returned, one version per census year;
 *   <entity>         one row per record key (authority + child + dates), the
 *                    latest census year's version, rebuilt by each load.
 * Loading a census year again replaces that year's versions, so nothing is
 * ever counted twice; a plan or episode returned in two years is one row.
 */
#ifndef LSCB_WAREHOUSE_H
#define LSCB_WAREHOUSE_H

#include <stdbool.h>

#include "common/lscb.h"
#include "common/records.h"
#include "common/whdb.h"
#include "common/whkeys.h"

/* Opens (an SQLite file is created mode 0600) the warehouse and ensures the schema.
 * writable=false opens read-only and fails if the file is missing.
 * Returns a new handle in *db; close with wh_close. */
lscb_err wh_open(const char *target, bool writable, struct whdb **db, struct lscb_error *e);

/* The schema version this program writes (warehouse_meta 'schema_version').
 * Opening to write upgrades an older warehouse (in one transaction); either
 * way a warehouse of a newer version is refused (LSCB_EINPUT), as is, read
 * only, one older than this program reads. */
int wh_schema_version(void);

/* *yes = whether the table exists (PostgreSQL: in the current schema). */
lscb_err wh_table_exists(struct whdb *db, const char *table, bool *yes, struct lscb_error *e);

/* Closes a handle; NULL is fine. */
void wh_close(struct whdb *db);

/* Runs SQL without results; on failure fills e (LSCB_ESYS) naming what. */
lscb_err wh_exec(struct whdb *db, const char *sql, struct lscb_error *e);

/* Creates the key indexes (idempotent).  Called after bulk inserts.  In
 * SQLite the census versions are indexed by authority and year only, and
 * only in a warehouse of several authorities (wh_index_census); their key
 * index served nothing but the merge (whmerge.h reads the keys once into a
 * hash map), and an older warehouse's is dropped.  The merged relations
 * are views there (schema version 2).  PostgreSQL: the census and merged
 * tables' key indexes too. */
lscb_err wh_index(struct whdb *db, struct lscb_error *e);

/* Creates the census tables' (la_code, census_year) indexes (idempotent),
 * before the merge, when the warehouse holds several authorities (its
 * load_log names them): the merge and the stats then find one authority's
 * rows by them.  A warehouse of one authority reads its tables whole and
 * counts its years in load_log: the indexes cost 0.5 s of a 6 s
 * England-size year and 1.5 s of three, for nothing. */
lscb_err wh_index_census(struct whdb *db, struct lscb_error *e);

/* Rebuilds the merged rows of one authority from its census versions:
 * for every key the row of the latest census year (SQLite: the others
 * listed as superseded; PostgreSQL: the merged tables rewritten).  Inside
 * the caller's transaction.  pre: the keys the one pass gathered as it
 * inserted the rows (whkeys.h), or NULL; what it uses of them is freed. */
lscb_err wh_merge_la(struct whdb *db, const char *la, struct whkeys *pre,
                     struct lscb_error *e);

/* What the stats read each entity's merged rows FROM. */
struct wh_sources;

/* SQLite, when scan (the stats want every row: the warehouse holds no
 * other authority): each census table read whole (NOT INDEXED), in storage
 * order, its superseded rows dropped by a function walking their sorted
 * list, read from census_<entity>_superseded: the view's rows, without
 * its look-up of every row in that table (0.15 us a row, a second of three
 * England-size years) or its read through the (la_code, census_year) index
 * (a view's rows are read so whatever the query says).  Otherwise the
 * merged views or tables by name; a warehouse of schema version 0 or 1
 * (read, not yet upgraded) has merged tables, read NOT INDEXED when scan.
 * Free with wh_sources_free before closing db. */
lscb_err wh_sources_open(struct whdb *db, bool scan, struct wh_sources **src,
                         struct lscb_error *e);

/* The FROM text of entity k. */
const char *wh_sources_from(const struct wh_sources *src, enum entity_id k);

void wh_sources_free(struct wh_sources *src);

/* true if s is a code safe in SQL text: 1-16 letters and digits */
bool wh_code_ok(const char *s);

/* "201,202" -> "'201','202'" in out; returns the number of codes, or -1 if
 * one is not a code (wh_code_ok) or out is too small. */
int wh_in_list(const char *las, char *out, size_t cap);

#endif
