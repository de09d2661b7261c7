/*
 * whmerge.h — an SQLite warehouse's list of superseded census rows of one
 * entity for one authority: every version but the latest census year's of
 * each record.  The merged relation is a view of the census rows not
 * listed (warehouse.c, schema version 2), so a merge writes no row twice:
 * it lists the few versions a later census replaced.
 *
 * wh_merge_la's portable SQL numbers each record's versions with a window
 * function: SQLite sorts every version of every record, whole rows, through
 * temporary files (three England-size years: 36 s of a 97 s run).  Here the
 * keys alone are read once into a hash map (key -> its latest census year),
 * or taken from what the one pass gathered (whkeys.h), and the rows whose
 * year is not their key's latest are listed by one INSERT ... SELECT
 * filtered through that map.  The census tables hold one version of a key
 * per (authority, census year) (the transform rejects a second copy in a
 * return, T05, and a return loaded again replaces the old one), so the rows
 * kept are exactly the window's row number 1; should a table ever hold two,
 * the window's SQL lists them instead.  A record held in one census year
 * only (one return, or a kind whose records are per year) has nothing
 * superseded.
 */
#ifndef LSCB_WHMERGE_H
#define LSCB_WHMERGE_H

#include <stdbool.h>

#include "common/lscb.h"
#include "common/records.h"
#include "common/whdb.h"
#include "common/whkeys.h"

/* Lists d's superseded census rows of authority la (an LA code of letters
 * and digits) in census_<d>_superseded of the SQLite warehouse db, inside
 * the caller's transaction, after deleting la's old list.  keys is the
 * record key's column list, la_code first (the window's PARTITION BY),
 * years how many census years load_log names for la (at least those
 * census_<d> holds; 0 or 1: none superseded).  Whether la is the
 * warehouse's only authority is read from load_log too.  pre, when not NULL, holds the keys the one pass gathered
 * (whkeys.h): used instead of reading the table's when they are all of
 * la's rows, and d's freed.  Borrows everything; LSCB_ESYS with e filled
 * on failure. */
lscb_err whmerge_entity(struct whdb *db, const struct entity_def *d, const char *la,
                        const char *keys, long years, struct whkeys *pre, struct lscb_error *e);

#endif
