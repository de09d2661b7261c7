/* ladata.c — see ladata.h. */
#define _POSIX_C_SOURCE 200809L
#include "stats/ladata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/bands.h"
#include "stats/measures.h"
#include "common/text.h"
#include "common/warehouse.h"

/* ---- the children's numbers ---- */

static uint64_t id_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* the slot holding id, or the empty slot where it goes: the hash kept in
 * the slot spares most comparisons of text */
static size_t child_slot(const struct la_children *c, const char *id, uint64_t h)
{
    size_t mask = c->cap - 1, i = (size_t)h & mask;
    uint32_t h32 = (uint32_t)(h >> 32);
    while (c->slot[i].num &&
           (c->slot[i].hash != h32 || strcmp(c->text + c->at[c->slot[i].num - 1], id) != 0))
        i = (i + 1) & mask;
    return i;
}

/* Puts every number into the hash table (at most half full), those added
 * by children_push since the last call, or all of them into a larger one. */
static void children_index(struct la_children *c)
{
    if (c->hashed == c->n && 2 * (c->n + 1) <= c->cap)
        return;
    size_t from = c->hashed;
    if (2 * (c->n + 1) > c->cap) {
        size_t cap = c->cap ? c->cap : 1024;
        while (2 * (c->n + 1) > cap)
            cap *= 2;
        free(c->slot);
        c->slot = lscb_xcalloc(cap, sizeof *c->slot);
        c->cap = cap;
        from = 0;
    }
    size_t mask = c->cap - 1;
    for (size_t k = from; k < c->n; k++) {
        uint64_t h = id_hash(c->text + c->at[k]);
        size_t i = (size_t)h & mask;
        while (c->slot[i].num)
            i = (i + 1) & mask;
        c->slot[i].hash = (uint32_t)(h >> 32);
        c->slot[i].num = (uint32_t)k + 1;
    }
    c->hashed = c->n;
}

/* A new number for id, not yet in the hash table (the caller knows the ID
 * is new: the child table holds each child once). */
static uint32_t children_push(struct la_children *c, const char *id)
{
    size_t len = strlen(id) + 1;
    if (c->text_n + len > c->text_cap) {
        while (c->text_n + len > c->text_cap)
            c->text_cap = c->text_cap ? 2 * c->text_cap : 1 << 16;
        c->text = lscb_xrealloc(c->text, c->text_cap);
    }
    if (c->n >= UINT32_MAX - 1)   /* 4 billion children: past any memory anyway */
        lscb_xmalloc(SIZE_MAX);    /* says "out of memory" and exits 3 */
    memcpy(c->text + c->text_n, id, len);
    if (c->n == c->at_cap) {
        c->at_cap = c->at_cap ? 2 * c->at_cap : 1024;
        c->at = lscb_xrealloc(c->at, c->at_cap * sizeof *c->at);
    }
    c->at[c->n] = c->text_n;
    c->text_n += len;
    return (uint32_t)c->n++;
}

uint32_t la_child(struct la_data *d, const char *id)
{
    struct la_children *c = &d->children;
    children_index(c);
    uint64_t h = id_hash(id);
    size_t i = child_slot(c, id, h);
    if (c->slot[i].num)
        return c->slot[i].num - 1;
    uint32_t k = children_push(c, id);
    c->slot[i].hash = (uint32_t)(h >> 32);
    c->slot[i].num = k + 1;
    c->hashed = c->n;
    return k;
}

/* The number of a child, looked for first at the cursor and the child after
 * it: the tables list a child's records together, children in the order of
 * the child table (the census's), so most rows need no hash look-up (a
 * random read of memory for each). */
static uint32_t child_near(struct la_data *d, const char *id, size_t *cur)
{
    const struct la_children *c = &d->children;
    /* a table of some children only (plans, section 47s) skips a few */
    for (size_t k = *cur; k < c->n && k <= *cur + 32; k++)
        if (c->text[c->at[k]] == id[0] && !strcmp(c->text + c->at[k], id)) {
            *cur = k;
            return (uint32_t)k;
        }
    uint32_t k = la_child(d, id);
    *cur = k;
    return k;
}

const char *la_child_id(const struct la_data *d, uint32_t child)
{
    return child < d->children.n ? d->children.text + d->children.at[child] : "";
}

static void children_release(struct la_children *c)
{
    free(c->text);
    free(c->at);
    free(c->slot);
    memset(c, 0, sizeof *c);
}

void la_plan_codes(struct plan *p, const char *category, const char *gender,
                   const char *ethnicity)
{
    p->category = (signed char)category_index(category);
    p->ethnic = (signed char)ethnic_index(ethnicity);
    p->gender_code = (signed char)gender_code_index(gender);
    p->gender_group = (signed char)gender_group_index(gender);
}

/* ---- reading ---- */

static lscb_date col_date(struct whq *st, int i)
{
    const char *s = whq_text(st, i);
    lscb_date d;
    return s && date_parse_iso(s, &d) ? d : DATE_NONE;
}

static const char *col_str(struct whq *st, int i)
{
    const char *s = whq_text(st, i);
    return s ? s : "";
}

/* A code into a field of cap bytes; false (and buf cut) when it is
 * longer: the run stops on it, as a cut code could read as another. */
static bool copy_fits(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(s);
    bool fits = n < cap;
    n = fits ? n : cap - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return fits;
}

/* A child ID the measures take: at most CHILD_ID_CAP - 1 characters (a
 * pseudonym is 32).  The numbers would hold any length, but the limit is
 * the warehouse's contract with lscb-stats (a longer one is refused, exit
 * 1, whatever reads it). */
static bool id_fits(const char *id)
{
    return strlen(id) < CHILD_ID_CAP;
}

struct load {
    struct la_data *d;
    struct demo {                   /* a child's details, by number, for its plans */
        lscb_date birth, expected;
        char gender[2];
        char ethnicity[5];
        bool too_long;              /* gender or ethnicity longer than its field */
    } *demo;
    size_t ndemo;
    struct rv {                     /* a review before it finds its plan */
        uint32_t child;
        lscb_date start, date;
    } *rv;
    size_t nrv, caprv;
    size_t cur;                     /* the last row's child (child_near) */
};

/* false when a value did not fit its field */
typedef bool (*row_fn)(struct load *l, struct whq *st);

/* Runs sql, a format with %s for what entity k's rows are read FROM
 * (wh_sources_open) and then the authorities ('201','202'). */
static lscb_err query(struct whdb *db, const struct wh_sources *src, enum entity_id k,
                      const char *fmt, const char *in_list, struct load *l, row_fn fn,
                      struct lscb_error *e)
{
    char sql[1024];
    if (text_fmt(sql, sizeof sql, fmt, wh_sources_from(src, k), in_list))
        return lscb_fail(e, LSCB_EUSAGE, "too many LA codes in --la");
    struct whq *st;
    lscb_err rc = whdb_prepare(db, sql, &st, e);
    if (rc)
        return rc;
    int s;
    bool fits = true;
    l->cur = 0;
    while (fits && (s = whq_step(st, e)) == 1)
        fits = fn(l, st);
    whq_free(st);
    if (!fits)
        return lscb_fail(e, LSCB_EINPUT, "the warehouse holds a value longer than its field (a "
                         "child ID has at most %d characters, a code fewer) in a row of: %s",
                         CHILD_ID_CAP - 1, sql);
    return s < 0 ? LSCB_ESYS : LSCB_OK;
}

static int cmp_date(lscb_date a, lscb_date b)
{
    return (a > b) - (a < b);
}

static int cmp_u32(uint32_t a, uint32_t b)
{
    return (a > b) - (a < b);
}

struct plan *la_find_plan(const struct la_data *d, uint32_t child, lscb_date start)
{
    size_t lo = 0, hi = d->plans.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const struct plan *p = &d->plans.v[mid];
        int c = p->child != child ? cmp_u32(p->child, child) : cmp_date(p->start, start);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->plans.n && d->plans.v[lo].child == child && d->plans.v[lo].start == start
               ? &d->plans.v[lo]
               : NULL;
}

struct episode *la_find_episode(const struct la_data *d, uint32_t child, lscb_date ref)
{
    size_t lo = 0, hi = d->episodes.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const struct episode *ep = &d->episodes.v[mid];
        int c = ep->child != child ? cmp_u32(ep->child, child) : cmp_date(ep->ref, ref);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->episodes.n && d->episodes.v[lo].child == child &&
                   d->episodes.v[lo].ref == ref
               ? &d->episodes.v[lo]
               : NULL;
}

static bool child_row(struct load *l, struct whq *st)
{
    /* each child once: numbered in order, hashed when first looked up */
    uint32_t k = children_push(&l->d->children, col_str(st, 0));
    if (k >= l->ndemo) {
        size_t n = l->ndemo ? l->ndemo : 1024;
        while (n <= k)
            n *= 2;
        l->demo = lscb_xrealloc(l->demo, n * sizeof *l->demo);
        for (size_t i = l->ndemo; i < n; i++)
            l->demo[i] = (struct demo){DATE_NONE, DATE_NONE, "", "", false};
        l->ndemo = n;
    }
    struct demo *c = &l->demo[k];
    c->birth = col_date(st, 1);
    c->expected = col_date(st, 2);
    /* both copied, whether or not the first fits */
    bool gender_fits = copy_fits(c->gender, sizeof c->gender, col_str(st, 3));
    bool ethnicity_fits = copy_fits(c->ethnicity, sizeof c->ethnicity, col_str(st, 4));
    c->too_long = !gender_fits || !ethnicity_fits;
    return true;
}

static bool plan_row(struct load *l, struct whq *st)
{
    struct plan *p = LA_PUSH(l->d->plans);
    const char *id = col_str(st, 0);
    if (!id_fits(id))
        return false;
    p->child = child_near(l->d, id, &l->cur);
    p->start = col_date(st, 1);
    p->end = col_date(st, 2);
    p->previous = (int)whq_int(st, 4);
    p->referral = col_date(st, 5);
    /* the child's details as the old LEFT JOIN gave them: "" when none */
    const struct demo *c = p->child < l->ndemo ? &l->demo[p->child] : NULL;
    p->birth = c ? c->birth : DATE_NONE;
    p->expected = c ? c->expected : DATE_NONE;
    char cat[4];
    if (!copy_fits(cat, sizeof cat, col_str(st, 3)) || (c && c->too_long))
        return false;
    la_plan_codes(p, cat, c ? c->gender : "", c ? c->ethnicity : "");
    return true;
}

static bool review_row(struct load *l, struct whq *st)
{
    const char *id = col_str(st, 0);
    if (!id_fits(id))
        return false;
    if (l->nrv == l->caprv) {
        l->caprv = l->caprv ? 2 * l->caprv : 1024;
        l->rv = lscb_xrealloc(l->rv, l->caprv * sizeof *l->rv);
    }
    struct rv *r = &l->rv[l->nrv++];
    r->child = child_near(l->d, id, &l->cur);
    r->start = col_date(st, 1);
    r->date = col_date(st, 2);
    return true;
}

static bool episode_row(struct load *l, struct whq *st)
{
    struct la_data *d = l->d;
    const char *id = col_str(st, 0);
    if (!id_fits(id))
        return false;
    struct episode *ep = LA_PUSH(d->episodes);
    ep->child = child_near(d, id, &l->cur);
    ep->ref = col_date(st, 1);
    ep->close = col_date(st, 2);
    lscb_date icpc = col_date(st, 3);
    if (icpc != DATE_NONE) {
        struct conference *c = LA_PUSH(d->conferences);
        c->child = ep->child;
        c->date = icpc;
        c->s47_start = DATE_NONE;
    }
    return true;
}

static bool assessment_row(struct load *l, struct whq *st)
{
    const char *id = col_str(st, 0);
    if (!id_fits(id))
        return false;
    struct assessment *a = LA_PUSH(l->d->assessments);
    a->child = child_near(l->d, id, &l->cur);
    a->ref = col_date(st, 1);
    a->start = col_date(st, 2);
    a->auth = col_date(st, 3);
    return true;
}

static bool s47_row(struct load *l, struct whq *st)
{
    struct la_data *d = l->d;
    struct s47 *s = LA_PUSH(d->s47s);
    s->start = col_date(st, 1);
    lscb_date icpc = col_date(st, 2);
    s->conference = icpc != DATE_NONE;
    if (icpc != DATE_NONE) {
        const char *id = col_str(st, 0);
        if (!id_fits(id))
            return false;
        struct conference *c = LA_PUSH(d->conferences);
        c->child = child_near(d, id, &l->cur);
        c->date = icpc;
        c->s47_start = s->start;
    }
    return true;
}

static bool strategy_row(struct load *l, struct whq *st)
{
    struct strategy *s = LA_PUSH(l->d->strategies);
    s->date = col_date(st, 0);
    s->to_s47 = !strcmp(col_str(st, 1), "S47");
    return true;
}

static void legacy_row(struct legacy_assessment *a, struct load *l, struct whq *st)
{
    a->child = child_near(l->d, col_str(st, 0), &l->cur);
    a->ref = col_date(st, 1);
    a->start = col_date(st, 2);
    a->done = col_date(st, 3);
}

static bool initial_row(struct load *l, struct whq *st)
{
    legacy_row(LA_PUSH(l->d->initial), l, st);
    return true;
}

static bool core_row(struct load *l, struct whq *st)
{
    legacy_row(LA_PUSH(l->d->core), l, st);
    return true;
}

static bool cpr3_row(struct load *l, struct whq *st)
{
    struct cpr3_item *c = LA_PUSH(l->d->cpr3);
    c->year = (int)whq_int(st, 0);
    c->value = (long)whq_int(st, 2);
    return copy_fits(c->item, sizeof c->item, col_str(st, 1));
}

/* ---- the orders the measures rely on ---- */

static int cmp_plan(const void *a, const void *b)
{
    const struct plan *x = a, *y = b;
    if (x->child != y->child)
        return cmp_u32(x->child, y->child);
    if (x->start != y->start)
        return cmp_date(x->start, y->start);
    return cmp_date(x->referral, y->referral);
}

static int cmp_episode(const void *a, const void *b)
{
    const struct episode *x = a, *y = b;
    return x->child != y->child ? cmp_u32(x->child, y->child) : cmp_date(x->ref, y->ref);
}

static int cmp_assessment(const void *a, const void *b)
{
    const struct assessment *x = a, *y = b;
    if (x->child != y->child)
        return cmp_u32(x->child, y->child);
    return x->ref != y->ref ? cmp_date(x->ref, y->ref) : cmp_date(x->start, y->start);
}

static int cmp_legacy(const void *a, const void *b)
{
    const struct legacy_assessment *x = a, *y = b;
    if (x->child != y->child)
        return cmp_u32(x->child, y->child);
    return x->ref != y->ref ? cmp_date(x->ref, y->ref) : cmp_date(x->start, y->start);
}

static int cmp_rv(const void *a, const void *b)
{
    const struct rv *x = a, *y = b;
    if (x->child != y->child)
        return cmp_u32(x->child, y->child);
    return x->start != y->start ? cmp_date(x->start, y->start) : cmp_date(x->date, y->date);
}

static int cmp_conf(const void *a, const void *b)
{
    const struct conference *x = a, *y = b;
    if (x->child != y->child)
        return cmp_u32(x->child, y->child);
    if (x->date != y->date)
        return cmp_date(x->date, y->date);
    /* the conference with the latest S47 start first; none last */
    return (x->s47_start < y->s47_start) - (x->s47_start > y->s47_start);
}

/* Sorts records whose first member is their child's number (below
 * `nchild`) by cmp: a counting sort by child, then each child's few
 * records by cmp (they arrive mostly in order: a census lists a child's
 * records together, by date).  The merged tables hold one row per key, so
 * the keys compared never tie and the order is the one SQL's ORDER BY on
 * them gave. */
static uint32_t child_of(const void *rec)
{
    uint32_t k;
    memcpy(&k, rec, sizeof k);
    return k;
}

static void sort_by(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *),
                    size_t nchild)
{
    char *v = base;
    size_t i = 1;
    while (i < n && cmp(v + (i - 1) * size, v + i * size) < 0)
        i++;
    if (i >= n)
        return;   /* already in order */
    size_t *start = lscb_xcalloc(nchild + 1, sizeof *start);
    for (i = 0; i < n; i++)
        start[child_of(v + i * size) + 1]++;
    for (size_t k = 0; k < nchild; k++)
        start[k + 1] += start[k];
    char *out = lscb_xmalloc(n * size);
    for (i = 0; i < n; i++)
        memcpy(out + start[child_of(v + i * size)]++ * size, v + i * size, size);
    free(start);
    /* each child's run: insertion sort when short (a child's records are
     * few and mostly in order), else qsort (one child with 10,000) */
    char *tmp = lscb_xmalloc(size);
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && child_of(out + b * size) == child_of(out + a * size); b++)
            ;
        if (b - a > 32) {
            qsort(out + a * size, b - a, size, cmp);
            continue;
        }
        for (i = a + 1; i < b; i++) {
            if (cmp(out + (i - 1) * size, out + i * size) <= 0)
                continue;
            size_t j = i;
            memcpy(tmp, out + i * size, size);
            while (j > a && cmp(out + (j - 1) * size, tmp) > 0) {
                memcpy(out + j * size, out + (j - 1) * size, size);
                j--;
            }
            memcpy(out + j * size, tmp, size);
        }
    }
    memcpy(v, out, n * size);
    free(tmp);
    free(out);
}

/* Each review (child, plan start, date) once, attached to its plan: the
 * first held with that child and start. */
static void attach_reviews(struct load *l)
{
    struct la_data *d = l->d;
    sort_by(l->rv, l->nrv, sizeof *l->rv, cmp_rv, d->children.n);
    for (size_t i = 0; i < l->nrv; i++) {
        const struct rv *r = &l->rv[i];
        if (i > 0 && !cmp_rv(&l->rv[i - 1], r))
            continue;
        struct plan *p = la_find_plan(d, r->child, r->start);
        if (!p) {
            d->reviews_unattached++; /* counted and reported by lscb-stats */
            continue;
        }
        lscb_date *rev = LA_PUSH(d->reviews);
        *rev = r->date;
        if (p->rev_n == 0)
            p->rev_first = d->reviews.n - 1;
        p->rev_n++;
    }
}

static void mark_assessed(struct la_data *d)
{
    for (size_t i = 0; i < d->assessments.n; i++) {
        const struct assessment *a = &d->assessments.v[i];
        struct episode *ep = la_find_episode(d, a->child, a->ref);
        if (ep)
            ep->assessed = true;
    }
}

static void dedupe_conferences(struct la_data *d)
{
    sort_by(d->conferences.v, d->conferences.n, sizeof *d->conferences.v, cmp_conf,
            d->children.n);
    size_t k = 0;
    for (size_t i = 0; i < d->conferences.n; i++) {
        if (k && d->conferences.v[k - 1].child == d->conferences.v[i].child &&
            d->conferences.v[k - 1].date == d->conferences.v[i].date)
            continue;
        d->conferences.v[k++] = d->conferences.v[i];
    }
    d->conferences.n = k;
}

/* The arrays to their size: they grew by doubling, and three census years
 * of England are some hundreds of MB. */
#define SHRINK(arr)                                                              \
    do {                                                                         \
        if ((arr).n && (arr).n < (arr).cap) {                                    \
            (arr).v = lscb_xrealloc((arr).v, (arr).n * sizeof *(arr).v);         \
            (arr).cap = (arr).n;                                                 \
        }                                                                        \
    } while (0)

static void shrink_all(struct la_data *d)
{
    SHRINK(d->plans);
    SHRINK(d->episodes);
    SHRINK(d->assessments);
    SHRINK(d->s47s);
    SHRINK(d->conferences);
    SHRINK(d->reviews);
    SHRINK(d->strategies);
    SHRINK(d->initial);
    SHRINK(d->core);
    struct la_children *c = &d->children;
    if (c->n) {
        c->text = lscb_xrealloc(c->text, c->text_n);
        c->text_cap = c->text_n;
        c->at = lscb_xrealloc(c->at, c->n * sizeof *c->at);
        c->at_cap = c->n;
    }
}

/* *scan when an SQLite warehouse holds no other authority: each table is
 * then read whole, in storage order, which is several times quicker than a
 * look-up of every row through an index (wh_sources_open). */
static lscb_err scan_mode(struct whdb *db, int nla, bool *scan, struct lscb_error *e)
{
    *scan = false;
    if (whdb_kind(db) != WHDB_SQLITE)
        return LSCB_OK;
    struct whq *st;
    lscb_err rc = whdb_prepare(db, "SELECT count(DISTINCT la_code) FROM load_log", &st, e);
    if (rc)
        return rc;
    int s = whq_step(st, e);
    if (s == 1 && whq_int(st, 0) <= nla)
        *scan = true;
    whq_free(st);
    return s < 0 ? LSCB_ESYS : LSCB_OK;
}

lscb_err la_data_load(struct whdb *db, const char *la, struct la_data *d, struct lscb_error *e)
{
    memset(d, 0, sizeof *d);
    /* one authority, or several (a regional aggregate: "201,202,...") */
    char in[512];
    int nla = wh_in_list(la, in, sizeof in);
    if (nla < 0)
        return lscb_fail(e, LSCB_EUSAGE, "'%s' is not an LA code or a list of them", la);
    if (text_fmt(d->la, sizeof d->la, "%s", la))
        return lscb_fail(e, LSCB_EUSAGE, "the list of LA codes '%s' is longer than %zu "
                         "characters", la, sizeof d->la - 1);
    bool scan = false;
    struct wh_sources *src = NULL;
    struct load l = {.d = d};
    lscb_err rc = scan_mode(db, nla, &scan, e);
    if (rc == LSCB_OK)
        rc = wh_sources_open(db, scan, &src, e);
    /* the children's numbers in the child table's order */
    if (rc == LSCB_OK)
        rc = query(db, src, ENT_CHILD, "SELECT child_id, birth_date, expected_birth_date, "
                   "gender, ethnicity FROM %s WHERE la_code IN (%s)", in, &l, child_row, e);
    shrink_all(d);   /* each array to its size as soon as it is whole: a lower peak */
    if (rc == LSCB_OK)
        rc = query(db, src, ENT_CPP, "SELECT child_id, start_date, end_date, latest_category, "
                   "previous_plans, referral_date FROM %s WHERE la_code IN (%s)", in, &l,
                   plan_row, e);
    free(l.demo);
    l.demo = NULL;
    l.ndemo = 0;
    if (rc == LSCB_OK) {
        sort_by(d->plans.v, d->plans.n, sizeof *d->plans.v, cmp_plan, d->children.n);
        shrink_all(d);
        rc = query(db, src, ENT_CPP_REVIEW, "SELECT child_id, cpp_start_date, review_date "
                   "FROM %s WHERE la_code IN (%s)", in, &l, review_row, e);
    }
    /* reviews of plans sharing a (child, start) under two referrals would
     * be counted twice: each review date is kept once */
    if (rc == LSCB_OK)
        attach_reviews(&l);
    free(l.rv);
    if (rc == LSCB_OK)
        rc = query(db, src, ENT_EPISODE, "SELECT child_id, referral_date, closure_date, "
                   "date_initial_cpc FROM %s WHERE la_code IN (%s)", in, &l, episode_row, e);
    if (rc == LSCB_OK) {
        sort_by(d->episodes.v, d->episodes.n, sizeof *d->episodes.v, cmp_episode,
                d->children.n);
        shrink_all(d);
        rc = query(db, src, ENT_ASSESSMENT, "SELECT child_id, referral_date, start_date, "
                   "authorisation_date FROM %s WHERE la_code IN (%s)", in, &l, assessment_row,
                   e);
    }
    if (rc == LSCB_OK) {
        sort_by(d->assessments.v, d->assessments.n, sizeof *d->assessments.v, cmp_assessment,
                d->children.n);
        shrink_all(d);
        mark_assessed(d);
        rc = query(db, src, ENT_S47, "SELECT child_id, start_date, date_initial_cpc FROM %s "
                   "WHERE la_code IN (%s)", in, &l, s47_row, e);
    }
    if (rc == LSCB_OK)
        rc = query(db, src, ENT_STRATEGY, "SELECT discussion_date, outcome FROM %s WHERE "
                   "la_code IN (%s)", in, &l, strategy_row, e);
    if (rc == LSCB_OK)
        rc = query(db, src, ENT_INITIAL_ASSESSMENT, "SELECT child_id, referral_date, "
                   "start_date, completion_date FROM %s WHERE la_code IN (%s)", in, &l,
                   initial_row, e);
    if (rc == LSCB_OK)
        rc = query(db, src, ENT_CORE_ASSESSMENT, "SELECT child_id, referral_date, "
                   "start_date, completion_date FROM %s WHERE la_code IN (%s)", in, &l, core_row,
                   e);
    if (rc == LSCB_OK)
        rc = query(db, src, ENT_CPR3, "SELECT census_year, item, sum(value) FROM %s WHERE "
                   "la_code IN (%s) GROUP BY census_year, item ORDER BY census_year, item", in,
                   &l, cpr3_row, e);
    if (rc == LSCB_OK) {
        sort_by(d->initial.v, d->initial.n, sizeof *d->initial.v, cmp_legacy, d->children.n);
        sort_by(d->core.v, d->core.n, sizeof *d->core.v, cmp_legacy, d->children.n);
        dedupe_conferences(d);
        shrink_all(d);
        /* the records hold the numbers: the hash table goes, the IDs stay
         * for the order of messages (la_child_id) */
        free(d->children.slot);
        d->children.slot = NULL;
        d->children.cap = d->children.hashed = 0;
        d->memo = period_memo_new();
    }
    wh_sources_free(src);
    if (rc != LSCB_OK)
        la_data_release(d);
    return rc;
}

void la_data_release(struct la_data *d)
{
    free(d->plans.v);
    free(d->episodes.v);
    free(d->assessments.v);
    free(d->s47s.v);
    free(d->conferences.v);
    free(d->reviews.v);
    free(d->strategies.v);
    free(d->initial.v);
    free(d->core.v);
    free(d->cpr3.v);
    children_release(&d->children);
    period_memo_free(d->memo);
    memset(d, 0, sizeof *d);
}
