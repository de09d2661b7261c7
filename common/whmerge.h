/*
 * whmerge.h — an SQLite warehouse's merged table of one entity for one
 * authority (the latest census year's version of each record), built
 * without sorting every version.
 *
 * wh_merge_la's portable SQL numbers each record's versions with a window
 * function: SQLite sorts every version of every record, whole rows, through
 * temporary files (three England-size years: 36 s of a 97 s run).  Here the
 * keys alone are read once into a hash map (key -> its latest census year),
 * and the rows whose year is their key's latest are copied by one INSERT
 * ... SELECT filtered through that map.  The census tables hold one version
 * of a key per (authority, census year) (the transform rejects a second
 * copy in a return, T05, and a return loaded again replaces the old one), so
 * that is exactly the window's row number 1; should a table ever hold two,
 * the rows copied outnumber the keys and the window's SQL runs instead.
 *
 * A record held in one census year only (one return, or a kind whose
 * records are per year) is copied whole; when the authority is the
 * warehouse's only one and both tables have the same columns in the same
 * order, by SQLite's transfer of whole records (INSERT INTO t SELECT * FROM
 * u, no decoding of values): a third of the time of a copy column by column.
 */
#ifndef LSCB_WHMERGE_H
#define LSCB_WHMERGE_H

#include <stdbool.h>

#include "common/lscb.h"
#include "common/records.h"
#include "common/whdb.h"
#include "common/whkeys.h"

/* Replaces d's merged rows of authority la (an LA code of letters and
 * digits) in the SQLite warehouse db, inside the caller's transaction:
 * *done true.  cols is the column list of both tables, years how many
 * census years census_<d> holds for la (0 or 1: a copy).  pre, when not
 * NULL, holds the keys the one pass gathered (whkeys.h): used instead of
 * reading the table's when they are all of la's rows, and d's freed.
 * *done false, with
 * la's merged rows deleted, when the census table holds two versions of a
 * record in one year: the caller's window SQL merges it.  Borrows
 * everything; LSCB_ESYS with e filled on failure. */
lscb_err whmerge_entity(struct whdb *db, const struct entity_def *d, const char *la,
                        const char *cols, long years, struct whkeys *pre, bool *done,
                        struct lscb_error *e);

/* *same = tables a and b of the SQLite warehouse db have the same columns
 * (names and declared types) in the same order: when they do, and the
 * authority is alone, a one-year merge copies whole records.  False for a
 * table that does not exist. */
lscb_err whmerge_same_columns(struct whdb *db, const char *a, const char *b, bool *same,
                              struct lscb_error *e);

#endif
