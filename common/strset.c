/* strset.c — see strset.h. */
#include "common/strset.h"

#include <stdlib.h>
#include <string.h>

#include "common/lscb.h"

#define BLOCK (1u << 20)

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    /* mix the high bits down: the table uses the low ones */
    return h ^ (h >> 29);
}

void strset_init(struct strset *s)
{
    memset(s, 0, sizeof *s);
    s->cap = 64;
    s->slots = lscb_xmalloc(s->cap * sizeof *s->slots);
    memset(s->slots, 0, s->cap * sizeof *s->slots);
}

static size_t find(const struct strset_slot *slots, size_t cap, uint64_t h, const char *key)
{
    size_t i = h & (cap - 1);
    while (slots[i].key && (slots[i].hash != h || strcmp(slots[i].key, key) != 0))
        i = (i + 1) & (cap - 1);
    return i;
}

static void grow(struct strset *s)
{
    size_t ncap = s->cap * 2;
    struct strset_slot *n = lscb_xmalloc(ncap * sizeof *n);
    memset(n, 0, ncap * sizeof *n);
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i].key) {
            size_t j = s->slots[i].hash & (ncap - 1);
            while (n[j].key)
                j = (j + 1) & (ncap - 1);
            n[j] = s->slots[i];
        }
    free(s->slots);
    s->slots = n;
    s->cap = ncap;
}

static const char *store(struct strset *s, const char *key)
{
    size_t n = strlen(key) + 1;
    if (n > BLOCK)
        return lscb_xstrdup(key); /* never: keys are short */
    if (!s->nblocks || s->block_used + n > BLOCK) {
        s->blocks = lscb_xrealloc(s->blocks, (s->nblocks + 1) * sizeof *s->blocks);
        s->blocks[s->nblocks++] = lscb_xmalloc(BLOCK);
        s->block_used = 0;
    }
    char *p = s->blocks[s->nblocks - 1] + s->block_used;
    memcpy(p, key, n);
    s->block_used += n;
    return p;
}

const char *strset_add_stored(struct strset *s, const char *key)
{
    /* at most 3/4 full: the hash beside each key makes a longer probe
     * cheap, and the table is most of the transform's memory */
    if ((s->count + 1) * 4 > s->cap * 3)
        grow(s);
    uint64_t h = fnv1a(key);
    size_t i = find(s->slots, s->cap, h, key);
    if (s->slots[i].key)
        return NULL;
    s->slots[i].hash = h;
    s->slots[i].key = store(s, key);
    s->count++;
    return s->slots[i].key;
}

bool strset_add(struct strset *s, const char *key)
{
    return strset_add_stored(s, key) != NULL;
}

bool strset_has(const struct strset *s, const char *key)
{
    uint64_t h = fnv1a(key);
    return s->slots[find(s->slots, s->cap, h, key)].key != NULL;
}

void strset_release(struct strset *s)
{
    free(s->slots);
    for (size_t i = 0; i < s->nblocks; i++)
        free(s->blocks[i]);
    free(s->blocks);
    memset(s, 0, sizeof *s);
}
