/*
 * strset.h — a set of strings (open addressing, FNV-1a, the hash kept beside
 * each key so most probes compare numbers), used for record keys:
 * duplicates within a return, parents that were rejected or written.  Keys
 * are copied into large blocks, not one allocation each.
 */
#ifndef LSCB_STRSET_H
#define LSCB_STRSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strset_slot {
    uint64_t hash;
    const char *key;   /* NULL: empty */
};

struct strset {
    struct strset_slot *slots;
    size_t cap;    /* power of two */
    size_t count;
    char **blocks; /* key storage */
    size_t nblocks, block_used;
};

void strset_init(struct strset *s);
/* Adds a copy of key; returns true if it was new, false if already there. */
bool strset_add(struct strset *s, const char *key);
/* As strset_add: the set's copy of key when it was new (it stays where it
 * is until strset_release), NULL when key was already there. */
const char *strset_add_stored(struct strset *s, const char *key);
bool strset_has(const struct strset *s, const char *key);
/* Frees every key and the table; the set may be re-initialised. */
void strset_release(struct strset *s);

#endif
