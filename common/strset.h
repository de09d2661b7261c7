/*
 * strset.h — a set of strings (open addressing, FNV-1a), used for record
 * keys: duplicates within a return and parents that were rejected.
 */
#ifndef LSCB_STRSET_H
#define LSCB_STRSET_H

#include <stdbool.h>
#include <stddef.h>

struct strset {
    char **slots;
    size_t cap;    /* power of two */
    size_t count;
};

void strset_init(struct strset *s);
/* Adds a copy of key; returns true if it was new, false if already there. */
bool strset_add(struct strset *s, const char *key);
bool strset_has(const struct strset *s, const char *key);
/* Frees every key and the table; the set may be re-initialised. */
void strset_release(struct strset *s);

#endif
