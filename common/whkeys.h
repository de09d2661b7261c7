/*
 * whkeys.h — the census rows' record keys, gathered while the one pass
 * inserts them (load_stream_record), so that the merge of several census
 * years (whmerge.h) need not read every key back from the tables: for
 * three England-size years that read was half the merge (3.5 s of 7).
 *
 * Each row is kept in 16 bytes: its child's number (the child's pseudonym,
 * numbered in the order first seen), the dates of its key packed in 16 bits
 * each, its census year and its rowid.  The packing is exact, never a hash:
 * two keys pack the same exactly when their texts are equal, because only
 * texts of one shape are packed: a pseudonym of 32 lower-case hex digits
 * (pseudonym.h), a date YYYY-MM-DD of years 1900-2075, months 01-12, days
 * 01-31 (not checked against the calendar: equal texts, equal packs), or
 * no value.  Anything else (another shape of key, a second authority in the
 * run, a rowid past 32 bits) drops the entity's keys, and the merge reads
 * them from the table as it does for a load from files.  Equal texts are
 * equal values only in columns declared TEXT (as the warehouse makes
 * them): the merge checks that too (whmerge.c keys_text).
 */
#ifndef LSCB_WHKEYS_H
#define LSCB_WHKEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/records.h"

struct whkeys;

struct whkeys *whkeys_new(void);
void whkeys_free(struct whkeys *k);

/* Row rowid of census_<ent>, authority la, census year year, was inserted
 * with key values key[0..nkey-1] (NULL or "" for no value; key[0] the
 * child's pseudonym).  Borrows everything. */
void whkeys_add(struct whkeys *k, enum entity_id ent, const char *la, const char *const *key,
                int year, long long rowid);

/* true when every row of ent inserted for la was gathered: *n their
 * number (the merge checks the table holds no other rows of la). */
bool whkeys_have(const struct whkeys *k, enum entity_id ent, const char *la, size_t *n);

/* census_<ent> held no row when the stream began: the rows whkeys_have
 * counts are then every row the table holds, and the merge need not count
 * them. */
void whkeys_set_empty(struct whkeys *k, enum entity_id ent);
bool whkeys_was_empty(const struct whkeys *k, enum entity_id ent);

/* The rows to keep for ent, the latest census year's of each key: a bit
 * per rowid in *keep (malloc'd, *max_rowid + 1 bits), *keys how many keys;
 * ent's gathered rows are freed.  false, with nothing in *keep, when a key
 * is held twice in one census year (the window's SQL decides then). */
bool whkeys_mark(struct whkeys *k, enum entity_id ent, unsigned char **keep,
                 uint32_t *max_rowid, size_t *keys);

#endif
