/* vstream.c — see vstream.h.  The rules on one child: vrules_child.c. */
#define _POSIX_C_SOURCE 200809L
#include "transform/vstream.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/csvio.h"
#include "common/date.h"
#include "common/paths.h"
#include "common/text.h"
#include "transform/validate.h"
#include "transform/vstream_int.h"

/* ---- storage ------------------------------------------------------------ */

/* Strings copied into large blocks; reset keeps the first block. */
struct arena {
    char **blocks;
    size_t nblocks, used, cap;   /* used/cap of the last block */
};
#define ARENA_BLOCK (1u << 16)

static char *arena_copy(struct arena *a, const char *s, size_t n)
{
    if (!a->nblocks || a->used + n + 1 > a->cap) {
        size_t cap = n + 1 > ARENA_BLOCK ? n + 1 : ARENA_BLOCK;
        a->blocks = lscb_xrealloc(a->blocks, (a->nblocks + 1) * sizeof *a->blocks);
        a->blocks[a->nblocks++] = lscb_xmalloc(cap);
        a->used = 0, a->cap = cap;
    }
    char *p = a->blocks[a->nblocks - 1] + a->used;
    memcpy(p, s, n);
    p[n] = '\0';
    a->used += n + 1;
    return p;
}

static char *arena_str(struct arena *a, const char *s)
{
    return s ? arena_copy(a, s, strlen(s)) : NULL;
}

static void arena_reset(struct arena *a)
{
    for (size_t i = 1; i < a->nblocks; i++)
        free(a->blocks[i]);
    if (a->nblocks > 1) {
        char *first = a->blocks[0];
        a->nblocks = 1;
        a->blocks[0] = first;
        a->cap = ARENA_BLOCK;
    }
    a->used = 0;
}

static void arena_free(struct arena *a)
{
    for (size_t i = 0; i < a->nblocks; i++)
        free(a->blocks[i]);
    free(a->blocks);
    memset(a, 0, sizeof *a);
}

/* A map from strings (no NUL inside) to 0, 1, 2, ... in order of arrival. */
struct kmap {
    struct kslot { uint64_t hash; uint32_t idx; uint32_t used; } *slots;   /* used: length + 1 */
    size_t cap, count;
    const char **keys;
    struct arena store;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h ^ (h >> 29);
}

/* The index of key (n bytes); *added tells whether it is new. */
static size_t kmap_put(struct kmap *m, const char *key, size_t n, bool *added)
{
    if (!m->cap || (m->count + 1) * 4 > m->cap * 3) {   /* at most 3/4 full */
        size_t ncap = m->cap ? m->cap * 2 : 1024;
        struct kslot *ns = lscb_xcalloc(ncap, sizeof *ns);
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->slots[i].used)
                continue;
            size_t j = m->slots[i].hash & (ncap - 1);
            while (ns[j].used)
                j = (j + 1) & (ncap - 1);
            ns[j] = m->slots[i];
        }
        free(m->slots);
        m->slots = ns, m->cap = ncap;
        m->keys = lscb_xrealloc(m->keys, ncap / 4 * 3 * sizeof *m->keys);
    }
    uint64_t h = hash_bytes(key, n);
    size_t j = h & (m->cap - 1);
    while (m->slots[j].used) {
        struct kslot *s = &m->slots[j];
        if (s->hash == h && s->used == n + 1 && !memcmp(m->keys[s->idx], key, n)) {
            *added = false;
            return s->idx;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->slots[j] = (struct kslot){h, (uint32_t)m->count, (uint32_t)n + 1};
    m->keys[m->count] = arena_copy(&m->store, key, n);
    *added = true;
    return m->count++;
}

/* The index of key, or SIZE_MAX if absent. */
static size_t kmap_get(const struct kmap *m, const char *key, size_t n)
{
    if (!m->cap)
        return SIZE_MAX;
    uint64_t h = hash_bytes(key, n);
    for (size_t j = h & (m->cap - 1); m->slots[j].used; j = (j + 1) & (m->cap - 1)) {
        const struct kslot *s = &m->slots[j];
        if (s->hash == h && s->used == n + 1 && !memcmp(m->keys[s->idx], key, n))
            return s->idx;
    }
    return SIZE_MAX;
}

static void kmap_free(struct kmap *m)
{
    free(m->slots);
    free(m->keys);
    arena_free(&m->store);
    memset(m, 0, sizeof *m);
}

/* "a\x1fb\x1fc" (NULL parts empty) into *buf (grown as needed); the
 * length.  Written by hand: it is made for every child record. */
static size_t key3(char **buf, size_t *cap, const char *a, long b, const char *c)
{
    size_t la = a ? strlen(a) : 0, lc = c ? strlen(c) : 0, need = la + lc + 24;
    if (need > *cap) {
        *cap = need * 2;
        *buf = lscb_xrealloc(*buf, *cap);
    }
    char *p = *buf;
    memcpy(p, a ? a : "", la);
    p += la;
    *p++ = '\x1f';
    char num[24];
    size_t k = 0;
    unsigned long v = b < 0 ? 0UL - (unsigned long)b : (unsigned long)b;
    do
        num[k++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    if (b < 0)
        *p++ = '-';
    while (k > 0)
        *p++ = num[--k];
    *p++ = '\x1f';
    memcpy(p, c ? c : "", lc);
    p += lc;
    *p = '\0';
    return (size_t)(p - *buf);
}

/* ---- the state ---------------------------------------------------------- */

struct vfail {
    unsigned long long seq;
    uint32_t group;      /* the judgement of a child (dropped if it came apart), or NOKEY */
    uint16_t rule;
    uint8_t part;
    bool no_line;
    bool year_null;
    int file;
    long line, year;
    const char *la, *child, *value, *module;
};
#define NOKEY UINT32_MAX

struct keyinfo {          /* one child key (LA, year, ID); 32 bytes */
    uint32_t nchild;      /* child records with it (8510) */
    uint32_t group;       /* its judgement */
    int file;             /* the first child record's file, place and line */
    uint8_t state;        /* 0 not judged, 1 judged, 2 came apart: judged after a replay */
    unsigned long long seq;
    long line;
};

struct upninfo {          /* one (LA, year, UPN): 1520; 32 bytes */
    uint32_t n;
    int file;             /* the first child record's file, place, line and ID */
    unsigned long long seq;
    long line;
    const char *child;
};

struct retinfo {          /* one (LA, year) of the child records: 2886Q-2888Q */
    long n, nu;
    int ncodes;
    const char *codes[8];   /* in rets.store */
    bool single, multi;
};

struct census_row {
    int file;
    const char *la;       /* NULL: none */
    long year;
    bool year_null;
    const char *ref, *header_year;
};

struct pend {             /* a record waiting for its child to be complete */
    int ent;
    size_t idx;
};

struct vstream {
    struct vstream_opts o;
    int only;             /* rule index, or -1 */
    struct vctx v;
    bool v_live;
    struct kmap files, las;   /* interned source files, LA codes */
    /* pending records */
    struct arena parena;
    struct vrec *prec[VS_NENT];
    size_t pn[VS_NENT], pcap[VS_NENT];
    /* the children */
    struct kmap keys;
    struct keyinfo *ki;
    size_t kicap;
    struct kmap upns;
    struct upninfo *ui;
    size_t uicap;
    struct kmap rets;
    struct retinfo *ri;
    size_t ricap;
    struct census_row *census;
    size_t ncensus, censuscap;
    unsigned long long seq[VS_NENT];
    /* the failures */
    struct vfail *fails;
    size_t nfails, failcap;
    struct arena fstore;
    uint32_t cur_group;   /* the judgement under way, or NOKEY */
    uint32_t ngroups;
    uint8_t *gdrop;       /* judgements dropped: their child came apart */
    size_t gdropcap;
    /* The keys and UPNs of the return (LA, year) being read: each return's
     * are dropped when the next begins, so memory follows the largest
     * return, not the run.  A return met again later (closed) is judged
     * again whole after a replay (apart). */
    bool have_ret;
    char *ret_la;
    long ret_year;
    struct kmap closed, apart, splits;   /* returns; returns; child keys */
    /* replay */
    char *kbuf;           /* key3's */
    size_t kcap;
    int last_file;        /* the last record's source file (most are the same) */
    int phase;            /* 0 first pass, 1 replaying, 2 done */
    size_t nsplit;
    struct arena rarena;  /* the replay's records of children that came apart */
    struct vrec *rrec[VS_NENT];
    size_t rn[VS_NENT], rcap[VS_NENT];
};

struct vctx *vs_ctx(struct vstream *vs)
{
    return &vs->v;
}

bool vs_rule_on(const struct vstream *vs, enum vr i)
{
    return vs->only < 0 || vs->only == (int)i;
}

void vs_work(struct vstream *vs, enum vr i, long long n)
{
    if (vs->o.work)
        vs->o.work[i] += n;
}

lscb_err vs_cal_fail(struct vstream *vs, enum vr i, lscb_date t, const struct vrec *x,
                     const char *field, struct lscb_error *e)
{
    char buf[11];
    date_format_iso(t, buf);
    /* the record that stopped the run, so that it can be corrected: its
     * file, line, LA child ID and the field the date came from (never a
     * date of birth: these rules count from module dates and the year's) */
    return lscb_fail(e, LSCB_EINPUT, "%s:%ld: LA child ID %s, field %s: validation rule %s: "
                     "working days cannot be counted from or to %s: the bank-holiday calendar "
                     "covers %d to %d", x->file >= 0 ? vs->files.keys[x->file] : "?", x->line,
                     x->f[0] ? x->f[0] : "(none)", field, vrules[i].code, buf, WD_FIRST_YEAR,
                     WD_LAST_YEAR);
}

static int intern(struct kmap *m, const char *s)
{
    bool added;
    return (int)kmap_put(m, s ? s : "", s ? strlen(s) : 0, &added);
}

/* the interned copy of s */
static const char *intern_str(struct kmap *m, const char *s)
{
    int i = intern(m, s);
    return m->keys[i];
}

static void add_fail(struct vstream *vs, struct vfail *f)
{
    if (vs->only >= 0 && f->rule != vs->only)
        return;
    if (vs->nfails == vs->failcap) {
        vs->failcap = vs->failcap ? vs->failcap * 2 : 1024;
        vs->fails = lscb_xrealloc(vs->fails, vs->failcap * sizeof *vs->fails);
    }
    vs->fails[vs->nfails++] = *f;
}

void vs_fail(struct vstream *vs, enum vr i, int p, const struct vrec *x, const char *m,
             const char *v)
{
    if (vs->only >= 0 && (int)i != vs->only)
        return;
    struct vfail f = {.seq = x->seq, .group = vs->cur_group, .rule = (uint16_t)i,
                      .part = (uint8_t)p, .file = x->file, .line = x->line, .year = x->year,
                      .la = x->la ? intern_str(&vs->las, x->la) : NULL,
                      .child = arena_str(&vs->fstore, x->f[0]),
                      .value = arena_str(&vs->fstore, v), .module = m};
    add_fail(vs, &f);
}

/* ---- opening ------------------------------------------------------------ */

static const char *const vr_codes[VR_N] = {
    "100", "1103", "1104", "1105", "1510", "1520", "1530", "1540", "1550", "1560Q", "1570",
    "1580", "2883", "2884", "2885", "2886Q", "2887Q", "2888Q", "2889", "2990", "2991Q", "4000",
    "4001", "4003", "4004", "4008", "4009Q", "4010", "4011", "4012Q", "4013", "4014", "4015",
    "4016", "4017", "4180", "4220", "8500", "8510", "8520", "8525Q", "8530Q", "8535Q", "8540",
    "8545Q", "8555Q", "8565", "8568", "8569Q", "8585Q", "8590", "8600", "8606", "8608", "8610",
    "8614", "8615", "8620", "8630", "8640", "8650", "8670Q", "8675Q", "8696", "8715", "8720",
    "8730", "8736", "8740", "8750", "8770Q", "8772", "8775Q", "8790", "8794", "8805", "8810",
    "8815", "8816", "8820", "8825Q", "8831", "8832", "8839", "8840", "8841", "8842Q", "8863Q",
    "8866", "8867", "8868", "8869", "8870Q", "8873Q", "8875", "8890", "8896", "8897Q", "8898",
    "8905", "8910", "8915", "8920", "8925", "8930", "8935", "8940", "8945Q", "8950Q"};

static lscb_err on_la_code(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)line;
    (void)e;
    if (n >= 1 && f[0][0] != '#' && strcmp(f[0], "la_code") != 0)
        strset_add(ctx, f[0]);
    return LSCB_OK;
}

static lscb_err load_la_codes(struct strset *set, struct lscb_error *e)
{
    char *p = lscb_find_file("LSCB_DATA_DIR", "data", "la-codes.csv");
    if (!p)
        return lscb_fail(e, LSCB_ESYS, "la-codes.csv not found (set LSCB_DATA_DIR, or install "
                         "the data directory)");
    lscb_err rc = csv_read_path(p, on_la_code, set, e);
    free(p);
    return rc;
}

lscb_err vstream_open(struct vstream **out, const struct vstream_opts *o, struct lscb_error *e)
{
    struct vstream *vs = lscb_xcalloc(1, sizeof *vs);
    *out = vs;
    vs->o = *o;
    vs->only = -1;
    vs->last_file = -1;
    /* the rules' indexes are vrules' own: the two tables must agree */
    if (vrules_count != VR_N)
        return lscb_fail(e, LSCB_ESYS, "validation: %zu rules in the table, %d in C",
                         vrules_count, (int)VR_N);
    for (size_t i = 0; i < VR_N; i++)
        if (strcmp(vrules[i].code, vr_codes[i]))
            return lscb_fail(e, LSCB_ESYS, "validation: rule %zu is %s in the table, %s in C", i,
                             vrules[i].code, vr_codes[i]);
    static const struct { enum entity_id ent; int idx; const char *name; } fields[] = {
        {ENT_CHILD, C_ID, "child_id"}, {ENT_CHILD, C_BIRTH, "birth_date"},
        {ENT_CHILD, C_EXPBIRTH, "expected_birth_date"}, {ENT_CHILD, C_GENDER, "gender"},
        {ENT_CHILD, C_DEATH, "death_date"}, {ENT_CHILD, C_ETH, "ethnicity"},
        {ENT_CHILD, C_DIS, "disabilities"}, {ENT_CHILD, C_UPN, "upn"},
        {ENT_CHILD, C_FUPN, "former_upn"}, {ENT_CHILD, C_UPNUNK, "upn_unknown"},
        {ENT_CHILD, C_SEX, "sex"}, {ENT_EPISODE, E_REF, "referral_date"},
        {ENT_EPISODE, E_SRC, "referral_source"}, {ENT_EPISODE, E_NEED, "primary_need"},
        {ENT_EPISODE, E_CLOSE, "closure_date"}, {ENT_EPISODE, E_REASON, "closure_reason"},
        {ENT_EPISODE, E_ICPC, "date_initial_cpc"}, {ENT_EPISODE, E_NFA, "referral_nfa"},
        {ENT_ASSESSMENT, A_REF, "referral_date"}, {ENT_ASSESSMENT, A_START, "start_date"},
        {ENT_ASSESSMENT, A_AUTH, "authorisation_date"}, {ENT_ASSESSMENT, A_FACT, "factors"},
        {ENT_CIN_PLAN, P_REF, "referral_date"}, {ENT_CIN_PLAN, P_START, "start_date"},
        {ENT_CIN_PLAN, P_END, "end_date"}, {ENT_S47, S_REF, "referral_date"},
        {ENT_S47, S_START, "start_date"}, {ENT_S47, S_TARGET, "icpc_target_date"},
        {ENT_S47, S_ICPC, "date_initial_cpc"}, {ENT_S47, S_NOTREQ, "icpc_not_required"},
        {ENT_CPP, K_REF, "referral_date"}, {ENT_CPP, K_START, "start_date"},
        {ENT_CPP, K_END, "end_date"}, {ENT_CPP, K_INIT, "initial_category"},
        {ENT_CPP, K_LATEST, "latest_category"}, {ENT_CPP, K_PREV, "previous_plans"},
        {ENT_CPP_REVIEW, R_REF, "referral_date"}, {ENT_CPP_REVIEW, R_CPPSTART, "cpp_start_date"},
        {ENT_CPP_REVIEW, R_DATE, "review_date"}};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (entity_field(&entity_defs[fields[i].ent], fields[i].name) != fields[i].idx)
            return lscb_fail(e, LSCB_ESYS, "validation: %s.%s has moved",
                             entity_defs[fields[i].ent].name, fields[i].name);
    for (int k = ENT_EPISODE; k < VS_NENT; k++)
        if (entity_field(&entity_defs[k], "child_id") != 0)
            return lscb_fail(e, LSCB_ESYS, "validation: %s.child_id has moved",
                             entity_defs[k].name);
    if (o->only) {
        for (size_t i = 0; i < VR_N; i++)
            if (!strcmp(vrules[i].code, o->only))
                vs->only = (int)i;
        if (vs->only < 0)
            return lscb_fail(e, LSCB_EUSAGE, "no validation rule %s", o->only);
    }
    if (o->period_end) {
        int y, m, d;
        if (!date_parse_iso(o->period_end, &vs->v.pe_end))
            return lscb_fail(e, LSCB_EUSAGE, "--period-end: '%s' is not a YYYY-MM-DD date",
                             o->period_end);
        date_to_ymd(vs->v.pe_end, &y, &m, &d);
        vs->v.pe_year = y;
        vs->v.pe_start = date_add_months(vs->v.pe_end, -12) + 1;   /* the year ending then */
    }
    strset_init(&vs->v.la_codes);
    vs->v_live = true;
    lscb_err rc = wd_load_default(&vs->v.cal, e);
    if (rc == LSCB_OK)
        rc = load_la_codes(&vs->v.la_codes, e);
    vs->cur_group = NOKEY;
    vs->last_file = -1;
    return rc;
}

void vstream_free(struct vstream *vs)
{
    if (!vs)
        return;
    if (vs->v_live) {
        wd_release(&vs->v.cal);
        strset_release(&vs->v.la_codes);
    }
    kmap_free(&vs->files);
    kmap_free(&vs->las);
    kmap_free(&vs->keys);
    kmap_free(&vs->upns);
    kmap_free(&vs->rets);
    kmap_free(&vs->closed);
    kmap_free(&vs->apart);
    kmap_free(&vs->splits);
    free(vs->gdrop);
    free(vs->ret_la);
    arena_free(&vs->parena);
    arena_free(&vs->rarena);
    arena_free(&vs->fstore);
    for (int k = 0; k < VS_NENT; k++) {
        free(vs->prec[k]);
        free(vs->rrec[k]);
    }
    free(vs->ki);
    free(vs->ui);
    free(vs->ri);
    free(vs->census);
    free(vs->fails);
    free(vs->kbuf);
    free(vs);
}

/* ---- census returns ----------------------------------------------------- */

lscb_err vstream_census(struct vstream *vs, const char *file, const char *la, const char *year,
                        const char *reference_date, const char *kind, const char *header_year,
                        struct lscb_error *e)
{
    (void)e;
    if (!kind || strcmp(kind, "census"))
        return LSCB_OK;
    if (vs->ncensus == vs->censuscap) {
        vs->censuscap = vs->censuscap ? vs->censuscap * 2 : 16;
        vs->census = lscb_xrealloc(vs->census, vs->censuscap * sizeof *vs->census);
    }
    struct census_row *c = &vs->census[vs->ncensus++];
    memset(c, 0, sizeof *c);
    c->file = intern(&vs->files, file);
    c->la = la && *la ? intern_str(&vs->las, la) : NULL;
    /* CAST(year AS INTEGER): the leading number, 0 if none; NULL if empty */
    c->year_null = !year || !*year;
    c->year = c->year_null ? 0 : strtol(year, NULL, 10);
    c->ref = reference_date && *reference_date ? arena_str(&vs->fstore, reference_date) : NULL;
    c->header_year = header_year && *header_year ? arena_str(&vs->fstore, header_year) : NULL;
    return LSCB_OK;
}

/* ---- records ------------------------------------------------------------ */

static struct vrec *rec_copy(struct arena *a, struct vrec **arr, size_t *n, size_t *cap,
                             enum entity_id ent, const char *const *row, long line, long year,
                             unsigned long long seq, int file)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *arr = lscb_xrealloc(*arr, *cap * sizeof **arr);
    }
    struct vrec *x = &(*arr)[(*n)++];
    const struct entity_def *d = &entity_defs[ent];
    x->seq = seq, x->file = file, x->line = line, x->year = year;
    x->key = UINT_MAX;
    x->la = row[REC_LA][0] ? arena_str(a, row[REC_LA]) : NULL;
    for (size_t i = 0; i < ENTITY_MAX_FIELDS; i++) {
        const char *s = i < d->nfields ? row[REC_NCTX + i] : NULL;
        x->f[i] = s && *s ? arena_str(a, s) : NULL;
        x->d[i] = DATE_NONE;
        x->b[i] = -1;
        if (!x->f[i])
            continue;
        if (d->fields[i].type == FT_DATE) {
            lscb_date t;
            if (date_parse_iso(x->f[i], &t))
                x->d[i] = t;
        } else if (d->fields[i].type == FT_BOOL) {
            x->b[i] = (signed char)parse_census_bool(x->f[i]);
        }
    }
    return x;
}

static void grow_info(void **arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return;
    size_t ncap = *cap ? *cap : 1024;
    while (ncap < need)
        ncap *= 2;
    *arr = lscb_xrealloc(*arr, ncap * size);
    memset((char *)*arr + *cap * size, 0, (ncap - *cap) * size);
    *cap = ncap;
}

/* Forgets the keys and UPNs (a new return, or the replay). */
static void forget_children(struct vstream *vs)
{
    kmap_free(&vs->keys);
    kmap_free(&vs->upns);
    free(vs->ki);
    free(vs->ui);
    vs->ki = NULL, vs->ui = NULL;
    vs->kicap = vs->uicap = 0;
}

/* What a child record adds to the rules across children and returns. */
static void child_seen(struct vstream *vs, struct vrec *c)
{
    bool added;
    /* 8510: every child record of an ID given more than once is reported; the
     * transform keeps the first */
    if (c->la && c->f[C_ID]) {
        size_t n = key3(&vs->kbuf, &vs->kcap, c->la, c->year, c->f[C_ID]);
        size_t k = kmap_put(&vs->keys, vs->kbuf, n, &added);
        grow_info((void **)&vs->ki, &vs->kicap, k + 1, sizeof *vs->ki);
        c->key = (unsigned)k;
        struct keyinfo *ki = &vs->ki[k];
        uint32_t save = vs->cur_group;
        vs->cur_group = NOKEY;
        if (ki->nchild == 0) {
            ki->seq = c->seq, ki->file = c->file, ki->line = c->line;
        } else {
            if (ki->nchild == 1) {
                struct vrec first = *c;
                first.seq = ki->seq, first.file = ki->file, first.line = ki->line;
                vs_fail(vs, V8510, 0, &first, NULL, c->f[C_ID]);
            }
            vs_fail(vs, V8510, 0, c, NULL, c->f[C_ID]);
        }
        ki->nchild++;
        vs->cur_group = save;
    }
    /* 1520: every child record of a UPN given more than once in a return */
    if (c->la && c->f[C_UPN]) {
        size_t n = key3(&vs->kbuf, &vs->kcap, c->la, c->year, c->f[C_UPN]);
        size_t k = kmap_put(&vs->upns, vs->kbuf, n, &added);
        grow_info((void **)&vs->ui, &vs->uicap, k + 1, sizeof *vs->ui);
        struct upninfo *u = &vs->ui[k];
        uint32_t save = vs->cur_group;
        vs->cur_group = NOKEY;
        if (u->n == 0) {
            u->seq = c->seq, u->file = c->file, u->line = c->line;
            u->child = arena_str(&vs->upns.store, c->f[C_ID]);
        } else {
            if (u->n == 1) {
                struct vrec first = *c;
                first.seq = u->seq, first.file = u->file, first.line = u->line;
                first.f[C_ID] = u->child;
                vs_fail(vs, V1520, 0, &first, NULL, NULL);
            }
            vs_fail(vs, V1520, 0, c, NULL, NULL);
        }
        u->n++;
        vs->cur_group = save;
    }
    /* 2886Q-2888Q: what the return's children add up to */
    if (c->la) {
        size_t n = key3(&vs->kbuf, &vs->kcap, c->la, c->year, NULL);
        size_t k = kmap_put(&vs->rets, vs->kbuf, n, &added);
        grow_info((void **)&vs->ri, &vs->ricap, k + 1, sizeof *vs->ri);
        struct retinfo *r = &vs->ri[k];
        const char *sex = c->f[C_SEX], *g = c->f[C_GENDER];
        bool unborn = !c->f[C_BIRTH] && c->f[C_EXPBIRTH];
        if (!unborn) {
            r->n++;
            r->nu += (sex && !strcmp(sex, "U")) ||
                     (!sex && (!g || !strcmp(g, "0") || !strcmp(g, "9")));
        }
        const char *dis = c->f[C_DIS];
        if (dis) {
            if (!vlist(dis, VL_HAS, NULL, "NONE"))
                r->single = true;
            /* 2887Q's split: every ';'-separated item, empty ones too */
            for (const char *p = dis; r->ncodes < 8;) {
                size_t len = strcspn(p, ";");
                bool none = len == 4 && !strncmp(p, "NONE", 4), have = false;
                for (int j = 0; !none && j < r->ncodes; j++)
                    have |= strlen(r->codes[j]) == len && !strncmp(r->codes[j], p, len);
                if (!none && !have)
                    r->codes[r->ncodes++] = arena_copy(&vs->rets.store, p, len);
                if (!p[len])
                    break;
                p += len + 1;
            }
        }
        if (vlist(dis, VL_COUNT, NULL, NULL) > 1)
            r->multi = true;
    }
}

static lscb_err judge_pending(struct vstream *vs, struct lscb_error *e);

/* The records move on to return (la, year): the last one's children are
 * judged and its keys forgotten. */
static lscb_err new_return(struct vstream *vs, const char *la, long year, struct lscb_error *e)
{
    lscb_err rc = judge_pending(vs, e);
    if (rc)
        return rc;
    bool added;
    if (vs->have_ret) {
        size_t n = key3(&vs->kbuf, &vs->kcap, vs->ret_la, vs->ret_year, NULL);
        kmap_put(&vs->closed, vs->kbuf, n, &added);
    }
    forget_children(vs);
    free(vs->ret_la);
    vs->ret_la = lscb_xstrdup(la);
    vs->ret_year = year;
    vs->have_ret = true;
    size_t n = key3(&vs->kbuf, &vs->kcap, la, year, NULL);
    if (kmap_get(&vs->closed, vs->kbuf, n) != SIZE_MAX)   /* met before: judged again whole */
        kmap_put(&vs->apart, vs->kbuf, n, &added);
    return LSCB_OK;
}

lscb_err vstream_record(void *ctx, enum entity_id ent, const char *const *row,
                        const struct rec_problem *problem, struct lscb_error *e)
{
    struct vstream *vs = ctx;
    if ((int)ent >= VS_NENT || entity_defs[ent].kind != KIND_CENSUS || vs->phase == 2)
        return LSCB_OK;
    if (problem && problem->kind == REC_BAD_ROW)   /* the transform rejects it (T09) */
        return LSCB_OK;
    long line, year;
    if (!text_long(row[REC_SOURCE_LINE], &line))
        return lscb_fail(e, LSCB_EINPUT, "%s: line '%s' is not a number", row[REC_SOURCE_FILE],
                         row[REC_SOURCE_LINE]);
    if (!text_long(row[REC_YEAR], &year))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: census year '%s' is not a number",
                         row[REC_SOURCE_FILE], line, row[REC_YEAR]);
    unsigned long long seq = vs->seq[ent]++;
    int file = vs->last_file;
    if (file < 0 || strcmp(vs->files.keys[file], row[REC_SOURCE_FILE]))
        file = vs->last_file = intern(&vs->files, row[REC_SOURCE_FILE]);
    const char *la = row[REC_LA], *id = row[REC_NCTX];
    if (vs->phase == 1) {
        /* keep the records of the returns and children that came apart */
        bool keep = false, whole = false;
        size_t n;
        if (la[0] && vs->apart.count) {
            n = key3(&vs->kbuf, &vs->kcap, la, year, NULL);
            keep = whole = kmap_get(&vs->apart, vs->kbuf, n) != SIZE_MAX;
        }
        if (!keep && la[0] && id[0] && vs->splits.count) {
            n = key3(&vs->kbuf, &vs->kcap, la, year, id);
            keep = kmap_get(&vs->splits, vs->kbuf, n) != SIZE_MAX;
        }
        if (keep) {
            struct vrec *x = rec_copy(&vs->rarena, &vs->rrec[ent], &vs->rn[ent],
                                      &vs->rcap[ent], ent, row, line, year, seq, file);
            if (whole && ent == ENT_CHILD)
                child_seen(vs, x);
        }
        return LSCB_OK;
    }
    if (la[0] && (!vs->have_ret || year != vs->ret_year || strcmp(la, vs->ret_la))) {
        lscb_err rc = new_return(vs, la, year, e);
        if (rc)
            return rc;
    }
    struct vrec *x = rec_copy(&vs->parena, &vs->prec[ent], &vs->pn[ent], &vs->pcap[ent], ent,
                              row, line, year, seq, file);
    if (ent == ENT_CHILD)
        child_seen(vs, x);
    return LSCB_OK;
}

/* ---- judging children --------------------------------------------------- */

static int cmp_pend_key(const struct vrec *a, const struct vrec *b)
{
    int c = strcmp(a->la ? a->la : "", b->la ? b->la : "");
    if (!c)
        c = a->year < b->year ? -1 : a->year > b->year;
    if (!c)
        c = strcmp(a->f[0] ? a->f[0] : "", b->f[0] ? b->f[0] : "");
    return c;
}

static _Thread_local struct vstream *g_vs;   /* qsort's context (per thread) */
static int cmp_pend(const void *pa, const void *pb)
{
    const struct pend *a = pa, *b = pb;
    const struct vrec *x = &g_vs->prec[a->ent][a->idx], *y = &g_vs->prec[b->ent][b->idx];
    int c = cmp_pend_key(x, y);
    if (!c)
        c = a->ent - b->ent;
    if (!c)
        c = x->seq < y->seq ? -1 : x->seq > y->seq;
    return c;
}

/* Judges the records of one child (or one unlinked record: group NOKEY). */
static lscb_err judge(struct vstream *vs, struct vgroup *g, uint32_t group,
                      struct lscb_error *e)
{
    vs->cur_group = group;
    lscb_err rc = vrules_child(vs, g, e);
    vs->cur_group = NOKEY;
    return rc;
}

static lscb_err judge_pending(struct vstream *vs, struct lscb_error *e)
{
    size_t total = 0;
    for (int k = 0; k < VS_NENT; k++)
        total += vs->pn[k];
    if (!total)
        return LSCB_OK;
    struct pend *p = lscb_xmalloc(total * sizeof *p);
    size_t n = 0;
    for (int k = 0; k < VS_NENT; k++)
        for (size_t i = 0; i < vs->pn[k]; i++)
            p[n++] = (struct pend){k, i};
    bool one_key = true;
    for (size_t i = 1; i < n && one_key; i++)
        one_key = !cmp_pend_key(&vs->prec[p[0].ent][p[0].idx], &vs->prec[p[i].ent][p[i].idx]);
    if (!one_key) {
        g_vs = vs;
        qsort(p, n, sizeof *p, cmp_pend);
    }
    struct vrec **ptrs = lscb_xmalloc(n * sizeof *ptrs);
    lscb_err rc = LSCB_OK;
    for (size_t i = 0; i < n && rc == LSCB_OK;) {
        const struct vrec *first = &vs->prec[p[i].ent][p[i].idx];
        size_t j = i + 1;
        while (j < n && !cmp_pend_key(first, &vs->prec[p[j].ent][p[j].idx]))
            j++;
        struct vgroup g;
        memset(&g, 0, sizeof g);
        for (size_t t = i; t < j; t++)
            ptrs[t] = &vs->prec[p[t].ent][p[t].idx];
        bool keyed = first->la && first->f[0];
        if (!keyed) {   /* each links to nothing: judged alone */
            for (size_t t = i; t < j && rc == LSCB_OK; t++) {
                memset(&g, 0, sizeof g);
                g.r[p[t].ent] = &ptrs[t];
                g.n[p[t].ent] = 1;
                rc = judge(vs, &g, NOKEY, e);
            }
            i = j;
            continue;
        }
        /* entities in order, each in stream order (sorted above) */
        for (size_t t = i; t < j; t++) {
            int k = p[t].ent;
            if (!g.r[k])
                g.r[k] = &ptrs[t];
            g.n[k]++;
        }
        g.keyed = true;
        size_t key = UINT_MAX;
        for (size_t t = i; t < j && key == UINT_MAX; t++)   /* the child's, found before */
            key = ptrs[t]->key;
        if (key == UINT_MAX) {
            size_t kl = key3(&vs->kbuf, &vs->kcap, first->la, first->year, first->f[0]);
            bool added;
            key = kmap_put(&vs->keys, vs->kbuf, kl, &added);
        }
        grow_info((void **)&vs->ki, &vs->kicap, key + 1, sizeof *vs->ki);
        struct keyinfo *ki = &vs->ki[key];
        if (ki->state == 0) {
            ki->state = 1;
            ki->group = vs->ngroups++;
            grow_info((void **)&vs->gdrop, &vs->gdropcap, vs->ngroups, 1);
            rc = judge(vs, &g, ki->group, e);
        } else if (ki->state == 1) {   /* came apart: judged again after a replay */
            ki->state = 2;
            vs->gdrop[ki->group] = 1;
            size_t kl = key3(&vs->kbuf, &vs->kcap, first->la, first->year, first->f[0]);
            bool added;
            kmap_put(&vs->splits, vs->kbuf, kl, &added);
            vs->nsplit++;
        }
        i = j;
    }
    free(ptrs);
    free(p);
    for (int k = 0; k < VS_NENT; k++)
        vs->pn[k] = 0;
    arena_reset(&vs->parena);
    return rc;
}

lscb_err vstream_end_child(struct vstream *vs, struct lscb_error *e)
{
    if (vs->phase != 0)
        return LSCB_OK;
    return judge_pending(vs, e);
}

lscb_err vstream_end_input(struct vstream *vs, bool *replay, struct lscb_error *e)
{
    *replay = false;
    if (vs->phase == 0) {
        lscb_err rc = judge_pending(vs, e);
        if (rc)
            return rc;
        if (vs->nsplit || vs->apart.count) {
            /* the first judgement of those children and returns goes */
            size_t k = 0;
            for (size_t i = 0; i < vs->nfails; i++) {
                const struct vfail *f = &vs->fails[i];
                if (f->group != NOKEY && vs->gdrop[f->group])
                    continue;
                if (f->la && vs->apart.count) {
                    size_t n = key3(&vs->kbuf, &vs->kcap, f->la, f->year, NULL);
                    if (kmap_get(&vs->apart, vs->kbuf, n) != SIZE_MAX)
                        continue;
                }
                vs->fails[k++] = *f;
            }
            vs->nfails = k;
            /* an apart return's sums are made again */
            for (size_t i = 0; i < vs->rets.count; i++)
                if (kmap_get(&vs->apart, vs->rets.keys[i], strlen(vs->rets.keys[i])) != SIZE_MAX)
                    memset(&vs->ri[i], 0, sizeof vs->ri[i]);
            forget_children(vs);
            memset(vs->seq, 0, sizeof vs->seq);
            vs->phase = 1;
            *replay = true;
            return LSCB_OK;
        }
        vs->phase = 2;
        return LSCB_OK;
    }
    if (vs->phase == 1) {
        /* the children that came apart, each on all its records */
        /* reuse the pending machinery: the replayed records become pending */
        for (int k = 0; k < VS_NENT; k++) {
            struct vrec *t = vs->prec[k];
            size_t tc = vs->pcap[k];
            vs->prec[k] = vs->rrec[k], vs->pn[k] = vs->rn[k], vs->pcap[k] = vs->rcap[k];
            vs->rrec[k] = t, vs->rn[k] = 0, vs->rcap[k] = tc;
        }
        lscb_err rc = judge_pending(vs, e);
        arena_reset(&vs->rarena);
        vs->phase = 2;
        return rc;
    }
    return LSCB_OK;
}

/* ---- the return-level rules and the output ------------------------------ */

static int cmp_la(const char *a, const char *b)
{
    if (!a || !b)
        return a ? 1 : b ? -1 : 0;   /* NULL first */
    return strcmp(a, b);
}

static int cmp_census(const void *pa, const void *pb)
{
    const struct census_row *a = *(const struct census_row *const *)pa,
                            *b = *(const struct census_row *const *)pb;
    int c = cmp_la(a->la, b->la);
    if (!c && a->year_null != b->year_null)
        c = a->year_null ? -1 : 1;
    if (!c)
        c = a->year < b->year ? -1 : a->year > b->year;
    return c;
}

static int cmp_fail(const void *pa, const void *pb)
{
    const struct vfail *a = pa, *b = pb;
    if (a->rule != b->rule)
        return a->rule < b->rule ? -1 : 1;
    if (a->part != b->part)
        return a->part < b->part ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void return_fail(struct vstream *vs, enum vr rule, unsigned long long seq,
                        const struct census_row *c, const char *value)
{
    struct vfail f = {.seq = seq, .group = NOKEY, .rule = (uint16_t)rule, .no_line = true,
                      .year_null = c->year_null, .file = c->file, .year = c->year, .la = c->la,
                      .value = arena_str(&vs->fstore, value)};
    add_fail(vs, &f);
}

static const struct retinfo *ret_of(struct vstream *vs, const char *la, long year)
{
    if (!la)
        return NULL;
    size_t n = key3(&vs->kbuf, &vs->kcap, la, year, NULL);
    bool added;
    size_t k = kmap_put(&vs->rets, vs->kbuf, n, &added);
    grow_info((void **)&vs->ri, &vs->ricap, k + 1, sizeof *vs->ri);
    return &vs->ri[k];
}

static void return_rules(struct vstream *vs)
{
    /* 100: the reference date must be 31 March of the collection year (header
     * Year; a return without Year is judged on its reference date alone), or,
     * for a part-year extract validated with --period-end, that date.  CSV
     * extracts carry no header and are not judged.  Every census row, in
     * census.csv's order */
    for (size_t i = 0; i < vs->ncensus; i++) {
        const struct census_row *c = &vs->census[i];
        lscb_date t;
        if (!c->ref)
            continue;
        lscb_date end = vs->v.pe_year && c->year == vs->v.pe_year ? vs->v.pe_end
                                                                    : census_year_end((int)c->year);
        char ye[11];
        date_format_iso(end, ye);
        /* substr(reference_date, 1, 4) <> header_year, as text */
        bool year_differs = false;
        if (c->header_year) {
            size_t rl = strlen(c->ref) < 4 ? strlen(c->ref) : 4;
            year_differs = strlen(c->header_year) != rl || strncmp(c->ref, c->header_year, rl);
        }
        if (!date_parse_iso(c->ref, &t) || strcmp(c->ref, ye) || year_differs)
            return_fail(vs, V100, i, c, c->ref);
    }
    /* the returns: one per LA and year, named by the least file name */
    const struct census_row **r = lscb_xmalloc((vs->ncensus + 1) * sizeof *r);
    for (size_t i = 0; i < vs->ncensus; i++)
        r[i] = &vs->census[i];
    qsort(r, vs->ncensus, sizeof *r, cmp_census);
    unsigned long long seq = 0;
    for (size_t i = 0; i < vs->ncensus;) {
        size_t j = i + 1;
        struct census_row k = *r[i];
        while (j < vs->ncensus && !cmp_census(&r[i], &r[j])) {
            if (strcmp(vs->files.keys[r[j]->file], vs->files.keys[k.file]) < 0)
                k.file = r[j]->file;
            j++;
        }
        i = j;
        const struct retinfo *ri = k.year_null ? NULL : ret_of(vs, k.la, k.year);
        /* 2886Q: no sex recorded: Sex U, or (no Sex) GenderCurrent 0 or 9 of
         * earlier schemas, or neither returned; unborn children left out of
         * both counts */
        if (ri && ri->n > 0 && 100.0 * (double)ri->nu > 2.0 * (double)ri->n) {
            /* SQLite's printf('%.1f%%'): halves round up (31.25 is 31.3), so
             * tenths are counted exactly, not by C's printf (31.2) */
            long long t = (2000LL * ri->nu + ri->n) / (2LL * ri->n);
            char buf[48];
            snprintf(buf, sizeof buf, "%lld.%lld%%", t / 10, t % 10);
            return_fail(vs, V2886Q, seq, &k, buf);
        }
        /* 2887Q: codes other than NONE, over the whole return */
        int ncodes = ri ? ri->ncodes : 0;
        if (ncodes < 8) {
            char buf[32];
            snprintf(buf, sizeof buf, "%d codes", ncodes);
            return_fail(vs, V2887Q, seq, &k, buf);
        }
        /* 2888Q: fires when some child has a disability other than NONE and no
         * child has two or more */
        if (ri && ri->single && !ri->multi)
            return_fail(vs, V2888Q, seq, &k, NULL);
        seq++;
    }
    free(r);
}

/* Fields whose values validation.csv never shows: they identify a child or
 * give a date of birth or death. */
static bool withheld(const char *field)
{
    static const char *const w[] = {"UPN", "FormerUPN", "PersonBirthDate",
                                    "ExpectedPersonBirthDate", "PersonDeathDate", NULL};
    for (const char *const *p = w; *p; p++)
        if (!strcmp(*p, field))
            return true;
    return false;
}

static lscb_err write_counts(struct vstream *vs, const char *path, struct lscb_error *e)
{
    struct afile af;
    memset(&af, 0, sizeof af);
    lscb_err rc = afile_open(&af, path, e);
    if (rc)
        return rc;
    fputs("la_code,census_year,rule,failures\n", af.fp);
    /* failures per (LA, year, rule) */
    struct kmap m;
    memset(&m, 0, sizeof m);
    long *cnt = NULL;
    size_t cntcap = 0;
    bool added;
    for (size_t i = 0; i < vs->nfails; i++) {
        const struct vfail *f = &vs->fails[i];
        if (!f->la || f->year_null)
            continue;
        size_t n = key3(&vs->kbuf, &vs->kcap, f->la, f->year, vrules[f->rule].code);
        size_t k = kmap_put(&m, vs->kbuf, n, &added);
        grow_info((void **)&cnt, &cntcap, k + 1, sizeof *cnt);
        cnt[k]++;
    }
    const struct census_row **r = lscb_xmalloc((vs->ncensus + 1) * sizeof *r);
    for (size_t i = 0; i < vs->ncensus; i++)
        r[i] = &vs->census[i];
    qsort(r, vs->ncensus, sizeof *r, cmp_census);
    for (size_t i = 0; i < vs->ncensus; i++) {
        if (i && !cmp_census(&r[i - 1], &r[i]))
            continue;
        char year[24] = "";
        if (!r[i]->year_null)
            snprintf(year, sizeof year, "%ld", r[i]->year);
        for (size_t j = 0; j < vrules_count; j++) {
            char n[24] = "0";
            if (r[i]->la && !r[i]->year_null) {
                size_t kl = key3(&vs->kbuf, &vs->kcap, r[i]->la, r[i]->year, vrules[j].code);
                size_t k = kmap_put(&m, vs->kbuf, kl, &added);
                grow_info((void **)&cnt, &cntcap, k + 1, sizeof *cnt);   /* new: zero */
                snprintf(n, sizeof n, "%ld", cnt[k]);
            }
            const char *row[] = {r[i]->la ? r[i]->la : "", year, vrules[j].code, n};
            csv_put_row(af.fp, row, 4);
        }
    }
    free(r);
    free(cnt);
    kmap_free(&m);
    return afile_commit(&af, e);
}

lscb_err vstream_finish(struct vstream *vs, const char *out, const char *counts,
                        struct validate_result *res, struct lscb_error *e)
{
    memset(res, 0, sizeof *res);
    bool replay;
    if (vs->phase != 2) {
        lscb_err rc = vstream_end_input(vs, &replay, e);
        if (rc)
            return rc;
        if (replay)
            return lscb_fail(e, LSCB_ESYS, "validation: the records must be given again "
                             "(vstream_end_input) before the output is written");
    }
    return_rules(vs);
    qsort(vs->fails, vs->nfails, sizeof *vs->fails, cmp_fail);
    struct afile af;
    memset(&af, 0, sizeof af);
    lscb_err rc = afile_open(&af, out, e);
    if (rc)
        return rc;
    fputs("rule,type,la_code,census_year,child_id,module,field,value,message,source_file,"
          "source_line,action\n", af.fp);
    bool *failed = lscb_xcalloc(vrules_count, 1);
    for (size_t i = 0; i < vs->nfails; i++) {
        const struct vfail *f = &vs->fails[i];
        const struct vrule *r = &vrules[f->rule];
        char year[24] = "", line[24] = "";
        if (!f->year_null)
            snprintf(year, sizeof year, "%ld", f->year);
        if (!f->no_line)
            snprintf(line, sizeof line, "%ld", f->line);
        const char *value = withheld(r->field) || !f->value ? "" : f->value;
        const char *row[] = {r->code, r->query ? "query" : "error", f->la ? f->la : "", year,
                             f->child ? f->child : "", f->module ? f->module : r->module,
                             r->field, value, r->message, vs->files.keys[f->file], line,
                             r->action};
        csv_put_text_row(af.fp, row, 12);
        if (r->query)
            res->queries++;
        else
            res->errors++;
        failed[f->rule] = true;
    }
    for (size_t i = 0; i < vrules_count; i++)
        res->rules_failed += failed[i];
    free(failed);
    if (counts)
        rc = write_counts(vs, counts, e);
    if (rc == LSCB_OK)
        rc = afile_commit(&af, e);
    afile_abort(&af);
    return rc;
}
