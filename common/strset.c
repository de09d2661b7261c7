/* strset.c — see strset.h. */
#include "strset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lscb.h"

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

void strset_init(struct strset *s)
{
    s->cap = 64;
    s->count = 0;
    s->slots = lscb_xmalloc(s->cap * sizeof *s->slots);
    memset(s->slots, 0, s->cap * sizeof *s->slots);
}

static size_t find(char **slots, size_t cap, const char *key)
{
    size_t i = fnv1a(key) & (cap - 1);
    while (slots[i] && strcmp(slots[i], key) != 0)
        i = (i + 1) & (cap - 1);
    return i;
}

static void grow(struct strset *s)
{
    size_t ncap = s->cap * 2;
    char **n = lscb_xmalloc(ncap * sizeof *n);
    memset(n, 0, ncap * sizeof *n);
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i])
            n[find(n, ncap, s->slots[i])] = s->slots[i];
    free(s->slots);
    s->slots = n;
    s->cap = ncap;
}

bool strset_add(struct strset *s, const char *key)
{
    if ((s->count + 1) * 2 > s->cap)
        grow(s);
    size_t i = find(s->slots, s->cap, key);
    if (s->slots[i])
        return false;
    s->slots[i] = lscb_xstrdup(key);
    s->count++;
    return true;
}

bool strset_has(const struct strset *s, const char *key)
{
    return s->slots[find(s->slots, s->cap, key)] != NULL;
}

void strset_release(struct strset *s)
{
    if (!s->slots)
        return;
    for (size_t i = 0; i < s->cap; i++)
        free(s->slots[i]);
    free(s->slots);
    s->slots = NULL;
    s->cap = s->count = 0;
}
