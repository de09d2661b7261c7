/* whkeys.c — see whkeys.h. */
#define _POSIX_C_SOURCE 200809L
#include "common/whkeys.h"

#include <stdlib.h>
#include <string.h>

#include "common/lscb.h"
#include "common/pseudonym.h"

_Static_assert(PSEUDONYM_LEN == 32, "a pseudonym packs into 16 bytes");

#define MAX_DATES 3   /* the longest key: a plan review's child and three dates */

struct kent {                 /* a row as the merge sorts it */
    uint32_t child;           /* the child's number (whkeys.ids) */
    uint16_t d[MAX_DATES];    /* the key's dates packed (pack_date), 0 past the key */
    uint16_t year;            /* census year */
    uint32_t rowid;
};
_Static_assert(sizeof(struct kent) == 16, "16 bytes a row");

/* An entity's rows as gathered, in as little memory as they allow: a
 * child's number and the key's dates each; the rowids are consecutive (the
 * one pass only inserts, and an insert takes the table's largest rowid plus
 * one), the census years change once a file. */
#define RBITS 16              /* rows a block: 2^16 (blocks, not one array grown by
                                 realloc: no copies, nothing left behind in the
                                 loader thread's heap) */
#define RBLOCK ((size_t)1 << RBITS)

struct erows {
    uint32_t **child;         /* blocks of RBLOCK rows */
    uint16_t **dates;         /* nd a row, blocks of RBLOCK rows */
    size_t n, nblocks;
    int nd;                   /* the key's dates */
    uint32_t rowid0;          /* the first row's rowid: row i's is rowid0 + i */
    struct { size_t from; uint16_t year; } *years;   /* the year from row `from` on */
    size_t nyears, ycap;
    bool off;                 /* not gathered: the merge reads the table */
};

struct whkeys {
    char la[17];
    bool have_la;
    bool off;                 /* a second authority: nothing gathered */
    struct erows ent[ENT_COUNT];
    unsigned char **runs;     /* the pseudonym (16 bytes) of each run of rows of one
                                 child, in blocks of RBLOCK: a row holds its run's
                                 number; no look-up while the rows come */
    size_t nruns;
    uint32_t *num;            /* each run's child number, once made (number_children) */
    size_t nchildren;         /* the numbers are below it */
    char last_text[33];       /* the last run's pseudonym */
    bool have_last;
    bool empty[ENT_COUNT];    /* census_<entity> empty when the stream began */
};

/* Keys this file packs: the child's pseudonym, then dates only. */
static bool shaped(const struct entity_def *d)
{
    if (d->kind == KIND_CPR3 || d->nkey < 1 || d->nkey > 1 + MAX_DATES ||
        d->fields[0].type != FT_ID || strcmp(d->fields[0].name, "child_id"))
        return false;
    for (size_t i = 1; i < d->nkey; i++)
        if (d->fields[i].type != FT_DATE)
            return false;
    return true;
}

struct whkeys *whkeys_new(void)
{
    struct whkeys *k = lscb_xcalloc(1, sizeof *k);
    for (int e = 0; e < ENT_COUNT; e++) {
        k->ent[e].off = !shaped(&entity_defs[e]);
        k->ent[e].nd = k->ent[e].off ? 0 : (int)entity_defs[e].nkey - 1;
    }
    return k;
}

static void drop(struct erows *r)
{
    for (size_t b = 0; b < r->nblocks; b++) {
        free(r->child[b]);
        free(r->dates ? r->dates[b] : NULL);
    }
    free(r->child);
    free(r->dates);
    free(r->years);
    memset(r, 0, sizeof *r);
    r->off = true;
}

static void drop_all(struct whkeys *k)
{
    for (int e = 0; e < ENT_COUNT; e++)
        drop(&k->ent[e]);
    k->off = true;
}

void whkeys_free(struct whkeys *k)
{
    if (!k)
        return;
    drop_all(k);
    for (size_t b = 0; b < (k->nruns + RBLOCK - 1) / RBLOCK; b++)
        free(k->runs[b]);
    free(k->runs);
    free(k->num);
    free(k);
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The 16 bytes of a pseudonym of 32 lower-case hex digits; false for any
 * other text (upper case would pack like lower: refused). */
static bool unhex(const char *s, unsigned char out[16])
{
    if (!s)
        return false;
    for (int i = 0; i < 16; i++) {
        int hi = hexval(s[2 * i]);
        int lo = hi < 0 ? -1 : hexval(s[2 * i + 1]);
        if (lo < 0)
            return false;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return s[32] == '\0';
}

static bool digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (s[i] - '0');
    }
    return true;
}

/* 0 for no value; else 1 + (y - 1900) * 372 + (m - 1) * 31 + (d - 1), at
 * most 65,472 for 2075-12-31: one number for each text of the shape
 * YYYY-MM-DD with y 1900-2075, m 01-12, d 01-31, and no two texts alike.
 * false for any other text. */
static bool pack_date(const char *s, uint16_t *out)
{
    int y, m, d;
    if (!s || !*s) {
        *out = 0;
        return true;
    }
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
        !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d) || y < 1900 || y > 2075 || m < 1 ||
        m > 12 || d < 1 || d > 31)
        return false;
    *out = (uint16_t)(1 + (y - 1900) * 372 + (m - 1) * 31 + (d - 1));
    return true;
}

/* A new run of rows of the child whose pseudonym is id: its number in
 * *run; false past 2^32 - 1 runs. */
static bool new_run(struct whkeys *k, const unsigned char id[16], uint32_t *run)
{
    if (k->nruns >= UINT32_MAX)
        return false;
    size_t b = k->nruns >> RBITS;
    if ((k->nruns & (RBLOCK - 1)) == 0) {
        k->runs = lscb_xrealloc(k->runs, (b + 1) * sizeof *k->runs);
        k->runs[b] = lscb_xmalloc(RBLOCK * 16);
    }
    memcpy(k->runs[b] + (k->nruns & (RBLOCK - 1)) * 16, id, 16);
    *run = (uint32_t)k->nruns++;
    return true;
}

static const unsigned char *run_id(const struct whkeys *k, uint32_t run)
{
    return k->runs[run >> RBITS] + (run & (RBLOCK - 1)) * 16;
}

struct run_ref {               /* a run as number_children sorts them */
    unsigned char id[16];
    uint32_t run;
};

static int cmp_run(const void *pa, const void *pb)
{
    return memcmp(((const struct run_ref *)pa)->id, ((const struct run_ref *)pb)->id, 16);
}

/* Each run's child number (k->num), runs of one child alike: the runs
 * sorted by pseudonym, by their first two bytes into 65,536 buckets (a
 * pseudonym is a keyed hash: they spread evenly), then each bucket. */
static void number_children(struct whkeys *k)
{
    size_t n = k->nruns;
    size_t *at = lscb_xcalloc(65536 + 1, sizeof *at);
    struct run_ref *order = lscb_xmalloc((n ? n : 1) * sizeof *order);
    for (size_t r = 0; r < n; r++) {
        const unsigned char *id = run_id(k, (uint32_t)r);
        at[(id[0] << 8 | id[1]) + 1]++;
    }
    for (size_t b = 0; b < 65536; b++)
        at[b + 1] += at[b];
    for (size_t r = 0; r < n; r++) {
        const unsigned char *id = run_id(k, (uint32_t)r);
        struct run_ref *o = &order[at[id[0] << 8 | id[1]]++];
        memcpy(o->id, id, 16);
        o->run = (uint32_t)r;
    }
    /* at[b] is now where bucket b ends */
    for (size_t b = 0, from = 0; b < 65536; from = at[b++])
        if (at[b] - from > 1)
            qsort(order + from, at[b] - from, sizeof *order, cmp_run);
    free(at);
    /* a child's number: its first run's, so that the rows, in the order
     * they came, are mostly in the order of their numbers (whkeys_mark's
     * counting sort then writes nearly in sequence); numbers below nruns */
    k->num = lscb_xmalloc((n ? n : 1) * sizeof *k->num);
    k->nchildren = n;
    for (size_t a = 0, b; a < n; a = b) {
        uint32_t first = order[a].run;
        for (b = a + 1; b < n && !memcmp(order[b].id, order[a].id, 16); b++)
            if (order[b].run < first)
                first = order[b].run;
        for (size_t i = a; i < b; i++)
            k->num[order[i].run] = first;
    }
    free(order);
}

void whkeys_add(struct whkeys *k, enum entity_id ent, const char *la, const char *const *key,
                int year, long long rowid)
{
    if (k->off || (int)ent < 0 || ent >= ENT_COUNT || k->ent[ent].off)
        return;
    if (!k->have_la) {
        if (strlen(la) >= sizeof k->la) {
            drop_all(k);
            return;
        }
        memcpy(k->la, la, strlen(la) + 1);
        k->have_la = true;
    } else if (strcmp(k->la, la)) {
        drop_all(k);
        return;
    }
    struct erows *r = &k->ent[ent];
    uint16_t d[MAX_DATES];
    unsigned char id[16];
    uint32_t child;
    if (year < 0 || year > UINT16_MAX || rowid < 1 || rowid > UINT32_MAX ||
        (r->n && (uint64_t)rowid != (uint64_t)r->rowid0 + r->n) || !key[0]) {
        drop(r);
        return;
    }
    if (k->have_last && !strcmp(key[0], k->last_text))
        child = (uint32_t)(k->nruns - 1);
    else if (k->num || !unhex(key[0], id) || !new_run(k, id, &child)) {
        drop(r);   /* (no rows after the numbering: the merge has begun) */
        return;
    } else {
        memcpy(k->last_text, key[0], sizeof k->last_text);   /* 32 digits and '\0' */
        k->have_last = true;
    }
    for (int i = 0; i < r->nd; i++)
        if (!pack_date(key[i + 1], &d[i])) {
            drop(r);
            return;
        }
    if (!r->n)
        r->rowid0 = (uint32_t)rowid;
    if (!r->nyears || r->years[r->nyears - 1].year != year) {
        if (r->nyears == r->ycap) {
            r->ycap = r->ycap ? 2 * r->ycap : 8;
            r->years = lscb_xrealloc(r->years, r->ycap * sizeof *r->years);
        }
        r->years[r->nyears].from = r->n;
        r->years[r->nyears++].year = (uint16_t)year;
    }
    size_t b = r->n >> RBITS, i = r->n & (RBLOCK - 1);
    if (b == r->nblocks) {
        r->child = lscb_xrealloc(r->child, (b + 1) * sizeof *r->child);
        r->child[b] = lscb_xmalloc(RBLOCK * sizeof **r->child);
        if (r->nd) {
            r->dates = lscb_xrealloc(r->dates, (b + 1) * sizeof *r->dates);
            r->dates[b] = lscb_xmalloc(RBLOCK * (size_t)r->nd * sizeof **r->dates);
        }
        r->nblocks++;
    }
    r->child[b][i] = child;
    if (r->nd)
        memcpy(r->dates[b] + i * (size_t)r->nd, d, (size_t)r->nd * sizeof *d);
    r->n++;
}

bool whkeys_have(const struct whkeys *k, enum entity_id ent, const char *la, size_t *n)
{
    *n = 0;
    if (!k || k->off || (int)ent < 0 || ent >= ENT_COUNT || k->ent[ent].off)
        return false;
    /* the gathered rows are all one authority's (a row of another sets
     * every entity aside): none of la's were gathered when they are
     * another's, and the count of la's rows decides (whmerge.c) */
    if (k->have_la && !strcmp(k->la, la))
        *n = k->ent[ent].n;
    return true;
}

/* a before b: the key's dates, then the later census year first */
static bool before(const struct kent *a, const struct kent *b)
{
    for (int i = 0; i < MAX_DATES; i++)
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i];
    return a->year > b->year;
}

static int cmp_kent(const void *pa, const void *pb)
{
    const struct kent *a = pa, *b = pb;
    return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

static bool same_key(const struct kent *a, const struct kent *b)
{
    return a->child == b->child && !memcmp(a->d, b->d, sizeof a->d);
}

void whkeys_set_empty(struct whkeys *k, enum entity_id ent)
{
    if (k && (int)ent >= 0 && ent < ENT_COUNT)
        k->empty[ent] = true;
}

bool whkeys_was_empty(const struct whkeys *k, enum entity_id ent)
{
    return k && (int)ent >= 0 && ent < ENT_COUNT && k->empty[ent];
}

bool whkeys_mark(struct whkeys *k, enum entity_id ent, unsigned char **keep,
                 uint32_t *max_rowid, size_t *keys)
{
    struct erows *r = &k->ent[ent];
    if (!k->num)
        number_children(k);
    size_t n = r->n, nc = k->nchildren;
    *keep = NULL;
    *max_rowid = 0;
    *keys = 0;
    /* the rows by child (a counting sort: children are numbered densely),
     * then each child's few rows by key and year */
    size_t *at = lscb_xcalloc(nc + 1, sizeof *at);
    for (size_t i = 0; i < n; i++)
        at[k->num[r->child[i >> RBITS][i & (RBLOCK - 1)]] + 1]++;
    for (size_t c = 0; c < nc; c++)
        at[c + 1] += at[c];
    struct kent *s = lscb_xmalloc((n ? n : 1) * sizeof *s);
    for (size_t i = 0, y = 0; i < n; i++) {
        while (y + 1 < r->nyears && r->years[y + 1].from <= i)
            y++;
        size_t b = i >> RBITS, o = i & (RBLOCK - 1);
        struct kent x = {.child = k->num[r->child[b][o]], .year = r->years[y].year,
                         .rowid = r->rowid0 + (uint32_t)i};
        for (int j = 0; j < r->nd; j++)
            x.d[j] = r->dates[b][o * (size_t)r->nd + (size_t)j];
        s[at[x.child]++] = x;
    }
    if (n)
        *max_rowid = r->rowid0 + (uint32_t)(n - 1);
    drop(r);   /* used once */
    free(at);
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && s[b].child == s[a].child; b++)
            ;
        if (b - a > 16) {
            qsort(s + a, b - a, sizeof *s, cmp_kent);
            continue;
        }
        for (size_t i = a + 1; i < b; i++) {   /* insertion sort */
            struct kent x = s[i];
            size_t j = i;
            for (; j > a && before(&x, &s[j - 1]); j--)
                s[j] = s[j - 1];
            s[j] = x;
        }
    }
    unsigned char *bits = lscb_xcalloc((size_t)*max_rowid / 8 + 1, 1);
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        if (i > 0 && same_key(&s[i], &s[i - 1])) {
            ok = s[i].year != s[i - 1].year;   /* twice in one year: the window decides */
            continue;
        }
        bits[s[i].rowid / 8] |= (unsigned char)(1u << (s[i].rowid % 8));
        ++*keys;
    }
    free(s);
    if (!ok) {
        free(bits);
        *keys = 0;
        return false;
    }
    *keep = bits;
    return true;
}
