/*
 * warehouse.h — the SQLite warehouse: schema and access shared by lscb-load
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

#include <sqlite3.h>
#include <stdbool.h>

#include "lscb.h"
#include "records.h"

/* Opens (creating, mode 0600) the warehouse at path and ensures the schema.
 * writable=false opens read-only and fails if the file is missing.
 * Returns a new handle in *db; close with wh_close. */
lscb_err wh_open(const char *path, bool writable, sqlite3 **db, struct lscb_error *e);

/* Closes a handle; NULL is fine. */
void wh_close(sqlite3 *db);

/* Runs SQL without results; on failure fills e (LSCB_ESYS) naming what. */
lscb_err wh_exec(sqlite3 *db, const char *sql, struct lscb_error *e);

/* Creates the key indexes (idempotent).  Called after bulk inserts. */
lscb_err wh_index(sqlite3 *db, struct lscb_error *e);

/* Rebuilds the merged tables of one authority from its census versions:
 * for every key the row of the latest census year.  Inside the caller's
 * transaction. */
lscb_err wh_merge_la(sqlite3 *db, const char *la, struct lscb_error *e);

#endif
