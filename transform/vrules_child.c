/*
 * vrules_child.c — DfE's rules on one child's records, in C, each giving
 * exactly the records its SQL in transform/validate_rules.c selects.  The
 * reading of DfE's text chosen for a rule is written beside its SQL there
 * (the rule table, with code, message, field and module, is that one) and
 * copied beside its C here; other comments say how the C gets the SQL's
 * answer.  Return-level rules (100, 2886Q-2888Q) and those across children
 * (1520, 8510) are vstream.c's.
 *
 * SQL's NULLs: an empty value is NULL (x->f[i] == NULL); d(x) is NULL for
 * anything but a valid YYYY-MM-DD (x->d[i] == DATE_NONE) and b(x) for
 * anything but a boolean (x->b[i] < 0); a comparison with NULL is false,
 * and so is its NOT.
 *
 * Nothing here compares every record with every other: records of one
 * episode (SAME_EP: the child and the referral date as found) are found by
 * sorting each module's records by referral date and looking the episode
 * up (binary search), with what the rules ask of an episode's modules
 * (counts, latest date) summed once per run of equal referral dates; rules
 * over a child's records of one kind sort them by date and sweep once.
 */
#define _POSIX_C_SOURCE 200809L
#include "transform/vstream_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/upn.h"
#include "common/workdays.h"

#define NONE DATE_NONE
#define DATE_Z INT_MAX   /* SQL's 'z': after every date */

static bool dlt(lscb_date a, lscb_date b)
{
    return a != NONE && b != NONE && a < b;
}
static bool deq(lscb_date a, lscb_date b)
{
    return a != NONE && b != NONE && a == b;
}
static bool streq(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}
/* a ∈ set (SQL IN: false for NULL) */
static bool in2(const char *a, const char *x, const char *y)
{
    return a && (!strcmp(a, x) || !strcmp(a, y));
}

static lscb_date ys(struct vstream *vs, long y)
{
    struct vctx *v = vs_ctx(vs);
    return v->pe_year && y == v->pe_year ? v->pe_start : census_year_start((int)y);
}
static lscb_date ye(struct vstream *vs, long y)
{
    struct vctx *v = vs_ctx(vs);
    return v->pe_year && y == v->pe_year ? v->pe_end : census_year_end((int)y);
}
/* IN_YEAR: d(x) BETWEEN ys AND ye */
static bool in_year(struct vstream *vs, lscb_date x, long y)
{
    return x != NONE && x >= ys(vs, y) && x <= ye(vs, y);
}
/* OUT_YEAR: d(x) < ys OR d(x) > ye (false for NULL) */
static bool out_year(struct vstream *vs, lscb_date x, long y)
{
    return x != NONE && (x < ys(vs, y) || x > ye(vs, y));
}
/* present, and not a date or outside the year */
static bool bad_or_out(struct vstream *vs, const struct vrec *x, int i)
{
    return x->f[i] && (x->d[i] == NONE || out_year(vs, x->d[i], x->year));
}

/* SQLite's date(x, '+N years'): the year moved, the month and day kept,
 * a day past the month's end carried into the next (29 February + 1 year
 * = 1 March).  NONE if the result leaves 1000-9999 (SQLite would give a
 * date there, but no census date can reach it). */
static lscb_date add_years(lscb_date t, int n)
{
    if (t == NONE)
        return NONE;
    int y, m, d;
    date_to_ymd(t, &y, &m, &d);
    y += n;
    if (y < 1000 || y > 9999)
        return NONE;
    return date_from_ymd(y, m, 1) + (d - 1);
}

/* S47_OPEN: no conference and the not-required flag not true */
static bool s47_open(const struct vrec *s)
{
    return !s->f[S_ICPC] && s->b[S_NOTREQ] != 1;
}
/* IFNULL(b(nfa), 0) = 0 */
static bool not_nfa(const struct vrec *e)
{
    return e->b[E_NFA] <= 0;
}

/* ---- one module's records of an episode ------------------------------ */

/* A kind's records with a referral date, sorted by (referral date as
 * found, key2 as found (NULL first), stream order); runs of equal
 * referral dates summed. */
struct run {
    size_t lo, hi;      /* [lo, hi) in v */
    long n, n1, n2, n3; /* counts, by kind (see build_runs) */
    lscb_date max;      /* latest date of the records (NONE: none) */
};
struct byep {
    const struct vrec **v;
    size_t n;
    int key2;           /* field sorted second, or -1 */
    struct run *runs;
    size_t nruns;
};

static int cmp_str(const char *a, const char *b)
{
    if (!a || !b)
        return a ? 1 : b ? -1 : 0;
    return strcmp(a, b);
}

static _Thread_local int g_key2;   /* qsort has no context; set just before each sort */
static int cmp_byep(const void *pa, const void *pb)
{
    const struct vrec *a = *(const struct vrec *const *)pa, *b = *(const struct vrec *const *)pb;
    int c = strcmp(a->f[1], b->f[1]);   /* field 1 is every module's referral_date */
    if (!c && g_key2 >= 0)
        c = cmp_str(a->f[g_key2], b->f[g_key2]);
    if (!c)
        c = a->seq < b->seq ? -1 : a->seq > b->seq;
    return c;
}

static long long nlogn(size_t n)
{
    long long k = 1;
    for (size_t m = n; m > 1; m >>= 1)
        k++;
    return (long long)n * k;
}

static void byep_build(struct byep *b, const struct vgroup *g, enum entity_id ent, int key2)
{
    memset(b, 0, sizeof *b);
    b->key2 = key2;
    if (!g->keyed || !g->n[ent])
        return;
    b->v = lscb_xmalloc(g->n[ent] * sizeof *b->v);
    for (size_t i = 0; i < g->n[ent]; i++)
        if (g->r[ent][i]->f[1])
            b->v[b->n++] = g->r[ent][i];
    g_key2 = key2;
    if (b->n > 1)
        qsort(b->v, b->n, sizeof *b->v, cmp_byep);
    b->runs = lscb_xmalloc((b->n ? b->n : 1) * sizeof *b->runs);
    for (size_t i = 0; i < b->n;) {
        size_t j = i + 1;
        while (j < b->n && !strcmp(b->v[j]->f[1], b->v[i]->f[1]))
            j++;
        struct run *r = &b->runs[b->nruns++];
        memset(r, 0, sizeof *r);
        r->lo = i, r->hi = j, r->max = NONE;
        i = j;
    }
}

static void byep_free(struct byep *b)
{
    free(b->v);
    free(b->runs);
}

/* The run of referral date ref, or NULL. */
static const struct run *byep_find(const struct byep *b, const char *ref)
{
    if (!ref)
        return NULL;
    size_t lo = 0, hi = b->nruns;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(b->v[b->runs[mid].lo]->f[1], ref);
        if (!c)
            return &b->runs[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* true if a record of run r has key2 equal to s (as found) */
static bool run_has_key2(const struct byep *b, const struct run *r, const char *s)
{
    if (!r || !s)
        return false;
    size_t lo = r->lo, hi = r->hi;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cmp_str(b->v[mid]->f[b->key2], s);
        if (!c)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

static void maxd(lscb_date *m, lscb_date d)
{
    if (d != NONE && (*m == NONE || d > *m))
        *m = d;
}

/* ---- sweeps over a child's records of one kind --------------------- */

struct item {
    lscb_date k, e;            /* start (sort key), end */
    unsigned long long seq;
    const struct vrec *x;
};

static int cmp_item(const void *pa, const void *pb)
{
    const struct item *a = pa, *b = pb;
    /* NONE (NULL) sorts first, as SQL's NULLs do */
    if (a->k != b->k)
        return a->k < b->k ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* STARTS_WHILE_EARLIER_RUNS: records (valid start) starting before the
 * latest end of the records sorted before them (start, then stream order);
 * end NONE takes no part. */
static void starts_while_earlier(struct vstream *vs, enum vr rule, struct item *it, size_t n,
                                 int vfield)
{
    if (n < 2)
        return;
    qsort(it, n, sizeof *it, cmp_item);
    vs_work(vs, rule, nlogn(n));
    lscb_date m = NONE;
    bool *bad = lscb_xcalloc(n, 1);
    for (size_t i = 0; i < n; i++) {
        if (m != NONE && it[i].k < m)
            bad[i] = true;
        maxd(&m, it[i].e);
    }
    /* reported in stream order */
    for (size_t i = 0; i < n; i++)
        if (bad[i])
            vs_fail(vs, rule, 0, it[i].x, NULL, it[i].x->f[vfield]);
    free(bad);
}

static int cmp_ptr_seq(const void *pa, const void *pb)
{
    const struct vrec *a = *(const struct vrec *const *)pa, *b = *(const struct vrec *const *)pb;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* OVERLAPPING: records of kind ent (fields start, end) whose [start, end)
 * meets another's, an open record (no end as found) running to the
 * reference date inclusive (SPAN_END: the day after ye(year)), an end that
 * is not a date giving no span.  The records with start < span end, sorted
 * by (start, stream order): pm the latest end of the rows before, ns the
 * next row's start; a row fails when pm > start or ns < end.  And every
 * pair of a reversed record (end < start, both dates) and an ordinary one
 * strictly around it. */
static lscb_date span_end(struct vstream *vs, const struct vrec *x, int fe)
{
    return x->f[fe] ? x->d[fe] : ye(vs, x->year) + 1;
}

static void overlapping(struct vstream *vs, enum vr rule, const struct vgroup *g,
                        enum entity_id ent, int fs, int fe, int vfield)
{
    size_t n = g->n[ent];
    if (!g->keyed || n < 2)
        return;
    struct item *it = lscb_xmalloc(n * sizeof *it);
    bool *hit = lscb_xcalloc(n, 1);   /* by place in g->r[ent]: stream order */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const struct vrec *x = g->r[ent][i];
        lscb_date e = span_end(vs, x, fe);
        if (dlt(x->d[fs], e))   /* seq carries the place here */
            it[m++] = (struct item){x->d[fs], e, i, x};
    }
    qsort(it, m, sizeof *it, cmp_item);   /* places follow stream order */
    vs_work(vs, rule, nlogn(n));
    lscb_date pm = NONE;
    for (size_t i = 0; i < m; i++) {
        lscb_date s = it[i].k, e = it[i].e;
        lscb_date ns = i + 1 < m ? it[i + 1].k : NONE;
        if (dlt(s, pm) || dlt(ns, e))
            hit[it[i].seq] = true;
        maxd(&pm, e);
    }
    /* REVERSED_PAIRS: rare; each reversed record against the others */
    for (size_t i = 0; i < n; i++) {
        const struct vrec *r = g->r[ent][i];
        if (!dlt(r->d[fe], r->d[fs]))
            continue;
        vs_work(vs, rule, (long long)n);
        for (size_t j = 0; j < n; j++) {
            const struct vrec *o = g->r[ent][j];
            lscb_date oe = span_end(vs, o, fe);
            if (dlt(o->d[fs], oe) && dlt(r->d[fs], oe) && dlt(o->d[fs], r->d[fe]))
                hit[i] = hit[j] = true;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (hit[i])
            vs_fail(vs, rule, 0, g->r[ent][i], NULL, g->r[ent][i]->f[vfield]);
    free(hit);
    free(it);
}

/* Points (records of pent, date pf) inside a span [start, end) of the
 * child's records of sent (span start valid; open_end for no end, NONE for
 * an end that is not a date): spans sorted by start, points by date; the
 * latest end of the spans begun by a point's date is after it. */
static void point_in_spans(struct vstream *vs, enum vr rule, const struct vgroup *g,
                           enum entity_id pent, int pf, enum entity_id sent, int sfs, int sfe,
                           lscb_date open_end, int vfield)
{
    if (!g->keyed || !g->n[pent] || !g->n[sent])
        return;
    struct item *sp = lscb_xmalloc(g->n[sent] * sizeof *sp);
    struct item *pt = lscb_xmalloc(g->n[pent] * sizeof *pt);
    size_t ns = 0, np = 0;
    for (size_t i = 0; i < g->n[sent]; i++) {
        const struct vrec *x = g->r[sent][i];
        if (x->d[sfs] != NONE)
            sp[ns++] = (struct item){x->d[sfs], x->f[sfe] ? x->d[sfe] : open_end, x->seq, x};
    }
    for (size_t i = 0; i < g->n[pent]; i++) {
        const struct vrec *x = g->r[pent][i];
        if (x->d[pf] != NONE)
            pt[np++] = (struct item){x->d[pf], NONE, x->seq, x};
    }
    qsort(sp, ns, sizeof *sp, cmp_item);
    qsort(pt, np, sizeof *pt, cmp_item);
    vs_work(vs, rule, nlogn(ns) + nlogn(np));
    const struct vrec **hit = lscb_xmalloc((np ? np : 1) * sizeof *hit);
    size_t nhit = 0, j = 0;
    lscb_date m = NONE;
    for (size_t i = 0; i < np; i++) {
        while (j < ns && sp[j].k <= pt[i].k)
            maxd(&m, sp[j++].e);
        if (m != NONE && m > pt[i].k)
            hit[nhit++] = pt[i].x;
    }
    qsort(hit, nhit, sizeof *hit, cmp_ptr_seq);
    for (size_t i = 0; i < nhit; i++)
        vs_fail(vs, rule, 0, hit[i], NULL, hit[i]->f[vfield]);
    free(hit);
    free(sp);
    free(pt);
}

static int cmp_date(const void *pa, const void *pb)
{
    lscb_date a = *(const lscb_date *)pa, b = *(const lscb_date *)pb;
    return a < b ? -1 : a > b;
}

/* 4017 (SPAN_AROUND_START): CIN plans with an end date as found whose
 * (start, end) has a plan's start strictly inside: the first plan start
 * after the CIN plan's start is before its end. */
static void span_around_start(struct vstream *vs, const struct vgroup *g)
{
    size_t nk = g->n[ENT_CPP];
    if (!g->keyed || !nk || !g->n[ENT_CIN_PLAN])
        return;
    lscb_date *st = lscb_xmalloc(nk * sizeof *st);
    size_t n = 0;
    for (size_t i = 0; i < nk; i++)
        if (g->r[ENT_CPP][i]->d[K_START] != NONE)
            st[n++] = g->r[ENT_CPP][i]->d[K_START];
    qsort(st, n, sizeof *st, cmp_date);
    vs_work(vs, V4017, nlogn(n) + nlogn(g->n[ENT_CIN_PLAN]));
    for (size_t i = 0; i < g->n[ENT_CIN_PLAN]; i++) {
        const struct vrec *x = g->r[ENT_CIN_PLAN][i];
        lscb_date s = x->d[P_START];
        if (!x->f[P_END] || s == NONE)
            continue;
        size_t lo = 0, hi = n;   /* first start > s */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (st[mid] <= s)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n && dlt(st[lo], x->d[P_END]))
            vs_fail(vs, V4017, 0, x, NULL, x->f[P_END]);
    }
    free(st);
}

/* ---- the rules ------------------------------------------------------- */

static lscb_err child_rules(struct vstream *vs, const struct vgroup *g, struct lscb_error *e)
{
    (void)e;
    struct vctx *v = vs_ctx(vs);
    /* what the child's other records give */
    long n_ep = (long)g->n[ENT_EPISODE];
    bool ep_fa = false;           /* an episode with b(nfa) = 0 */
    bool ep_open = false;         /* an episode with no closure date */
    lscb_date ep_maxclose = NONE;
    for (size_t i = 0; g->keyed && i < g->n[ENT_EPISODE]; i++) {
        const struct vrec *x = g->r[ENT_EPISODE][i];
        ep_fa |= x->b[E_NFA] == 0;
        ep_open |= !x->f[E_CLOSE];
        maxd(&ep_maxclose, x->d[E_CLOSE]);
    }
    if (!g->keyed)
        n_ep = 0;
    for (size_t i = 0; i < g->n[ENT_CHILD]; i++) {
        const struct vrec *c = g->r[ENT_CHILD][i];
        const char *upn = c->f[C_UPN];
        vs_work(vs, V1510, 1);
        if (upn && upn_bad_check_letter(upn))
            vs_fail(vs, V1510, 0, c, NULL, NULL);
        /* 1530: a recognised LA code: data/la-codes.csv, English and Welsh authorities
         * and DfE's pseudo-LA codes 001-005 and 701-708 */
        if (upn && vupn_bad_la(v, upn))
            vs_fail(vs, V1530, 0, c, NULL, NULL);
        /* 1540: a UPN shorter than 12 characters has characters 5-12 missing: this rule */
        if (upn && upn_bad_digits(upn))
            vs_fail(vs, V1540, 0, c, NULL, NULL);
        /* 1550: character 13 is a digit or a check letter (temporary UPNs); a UPN not 13
         * characters long has no recognisable 13th: this rule */
        if (upn && upn_bad_last(upn))
            vs_fail(vs, V1550, 0, c, NULL, NULL);
        /* 1560Q: wrongly formatted: not 13 characters, a letter not a check letter,
         * characters 2-12 not digits, a bad 13th or a wrong check letter */
        if (c->f[C_FUPN] && upn_badly_formed(c->f[C_FUPN]))
            vs_fail(vs, V1560Q, 0, c, NULL, NULL);
        const char *id = c->f[C_ID];
        if (id) {   /* length(): characters, not bytes */
            long chars = 0;
            for (const unsigned char *p = (const unsigned char *)id; *p; p++)
                chars += (*p & 0xC0) != 0x80;
            if (chars > 20)
                vs_fail(vs, V1570, 0, c, NULL, id);
            bool alnum = true;
            for (const unsigned char *p = (const unsigned char *)id; *p; p++)
                if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
                      (*p >= 'A' && *p <= 'Z')))
                    alnum = false;
            if (!alnum)
                vs_fail(vs, V1580, 0, c, NULL, id);
        }
        const char *sex = c->f[C_SEX], *gender = c->f[C_GENDER];
        const char *sg = sex ? sex : gender;
        /* 4180: Sex and GenderCurrent are staged apart: Sex must be M, F or U; a return
         * of an earlier schema gives GenderCurrent instead, which must be 1, 2, 0 or 9
         * (accepted in place of Sex). Neither given, or either outside its own codes
         * (<Sex>1</Sex>, <GenderCurrent>M</GenderCurrent>), fails. */
        if ((!sex && !gender) || (sex && !code_in_set(&codes_sex, sex)) ||
            (gender && !code_in_set(&codes_gender, gender)))
            vs_fail(vs, V4180, 0, c, NULL, sg);
        if (!(c->f[C_ETH] && code_in_set(&codes_ethnicity, c->f[C_ETH])))
            vs_fail(vs, V4220, 0, c, NULL, c->f[C_ETH]);
        if (!id)
            vs_fail(vs, V8500, 0, c, NULL, NULL);
        lscb_date yend = ye(vs, c->year);
        lscb_date birth = c->d[C_BIRTH], expb = c->d[C_EXPBIRTH], death = c->d[C_DEATH];
        if (dlt(yend, birth))
            vs_fail(vs, V8520, 0, c, NULL, NULL);
        if (!c->f[C_BIRTH] == !c->f[C_EXPBIRTH])
            vs_fail(vs, V8525Q, 0, c, NULL, NULL);
        /* 8530Q: 1 March to 31 December of the year the census year ends */
        if (c->f[C_EXPBIRTH] &&
            (expb == NONE || expb < date_from_ymd((int)c->year, 3, 1) ||
             expb > date_from_ymd((int)c->year, 12, 31)))
            vs_fail(vs, V8530Q, 0, c, NULL, NULL);
        if (dlt(death, birth))
            vs_fail(vs, V8535Q, 0, c, NULL, NULL);
        /* 8540: DfE: for a child with a date of birth and at least one referral with
         * ReferralNFA false (or 0), Disability must be present and every code valid; unborn
         * children and NFA-only children are not judged */
        if (c->f[C_BIRTH] && ep_fa &&
            (!c->f[C_DIS] || vlist(c->f[C_DIS], VL_BAD, &codes_disability, NULL)))
            vs_fail(vs, V8540, 0, c, NULL, c->f[C_DIS]);
        if (bad_or_out(vs, c, C_DEATH))
            vs_fail(vs, V8545Q, 0, c, NULL, NULL);
        if (!n_ep)
            vs_fail(vs, V8590, 0, c, NULL, NULL);
        bool unborn = !c->f[C_BIRTH] && c->f[C_EXPBIRTH];
        /* 8750: Sex U; a return of an earlier schema without Sex: GenderCurrent 0 (not
         * known) or 9 (not specified) */
        if (unborn && !(streq(sex, "U") || (!sex && in2(gender, "0", "9"))))
            vs_fail(vs, V8750, 0, c, NULL, sg);
        /* 8770Q: school age: 6 to 15 on the reference date (born after 31 March Y-16 and
         * on or before 31 March Y-6) */
        if (birth != NONE && birth <= add_years(yend, -6) && birth > add_years(yend, -16) &&
            !upn && (!c->f[C_UPNUNK] || !strcmp(c->f[C_UPNUNK], "UN1")))
            vs_fail(vs, V8770Q, 0, c, NULL, NULL);
        if (streq(c->f[C_UPNUNK], "UN7") && ep_fa)
            vs_fail(vs, V8772, 0, c, NULL, c->f[C_UPNUNK]);
        /* 8775Q: DfE: born more than 25 years before the reference date, and an episode
         * not closed, or closed after the 25th birthday (a child with no episode is rule
         * 8590's) */
        if (dlt(birth, add_years(yend, -25)) && n_ep &&
            (ep_open || dlt(add_years(birth, 25), ep_maxclose)))
            vs_fail(vs, V8775Q, 0, c, NULL, NULL);
        const char *dis = c->f[C_DIS];
        if (vlist(dis, VL_HAS, NULL, "NONE")) {
            bool other = false;   /* replace(replace(dis, 'NONE', ''), ';', '') <> '' */
            for (const char *p = dis; *p;) {
                if (!strncmp(p, "NONE", 4))
                    p += 4;
                else if (*p++ != ';')
                    other = true;
            }
            if (other)
                vs_fail(vs, V8790, 0, c, NULL, dis);
        }
        if (vlist(dis, VL_DUP, NULL, NULL))
            vs_fail(vs, V8794, 0, c, NULL, dis);
    }
    return LSCB_OK;
}

lscb_err vrules_child(struct vstream *vs, const struct vgroup *g, struct lscb_error *e)
{
    lscb_err rc = child_rules(vs, g, e);
    if (rc)
        return rc;
    /* the child records' dates the modules are judged against */
    lscb_date min_death = NONE, max_dob280 = NONE;
    bool has_death = false;
    for (size_t i = 0; g->keyed && i < g->n[ENT_CHILD]; i++) {
        const struct vrec *c = g->r[ENT_CHILD][i];
        if (c->d[C_DEATH] != NONE && (min_death == NONE || c->d[C_DEATH] < min_death))
            min_death = c->d[C_DEATH];
        has_death |= c->f[C_DEATH] != NULL;
        lscb_date dob = c->d[C_BIRTH] != NONE ? c->d[C_BIRTH] : c->d[C_EXPBIRTH];
        if (dob != NONE)
            maxd(&max_dob280, dob - 280);
    }
    struct byep ba, bp, bs, bk, br, be;
    byep_build(&ba, g, ENT_ASSESSMENT, -1);
    byep_build(&bp, g, ENT_CIN_PLAN, -1);
    byep_build(&bs, g, ENT_S47, S_ICPC);
    byep_build(&bk, g, ENT_CPP, -1);
    byep_build(&br, g, ENT_CPP_REVIEW, -1);
    byep_build(&be, g, ENT_EPISODE, E_ICPC);
    /* per episode (run of referral dates): assessments n, n1 started or
     * authorised, n2 open, n3 authorised with factors exactly 21 */
    for (size_t k = 0; k < ba.nruns; k++) {
        struct run *r = &ba.runs[k];
        for (size_t i = r->lo; i < r->hi; i++) {
            const struct vrec *x = ba.v[i];
            r->n++;
            r->n1 += x->f[A_START] || x->f[A_AUTH];
            r->n2 += !x->f[A_AUTH];
            r->n3 += x->f[A_AUTH] && streq(x->f[A_FACT], "21");
            maxd(&r->max, x->d[A_START]);
            maxd(&r->max, x->d[A_AUTH]);
        }
    }
    /* CIN plans: n, n2 open */
    for (size_t k = 0; k < bp.nruns; k++) {
        struct run *r = &bp.runs[k];
        for (size_t i = r->lo; i < r->hi; i++) {
            const struct vrec *x = bp.v[i];
            r->n++;
            r->n2 += !x->f[P_END];
            maxd(&r->max, x->d[P_START]);
            maxd(&r->max, x->d[P_END]);
        }
    }
    /* S47: n, n1 started, n2 open, n3 conference in the year */
    for (size_t k = 0; k < bs.nruns; k++) {
        struct run *r = &bs.runs[k];
        for (size_t i = r->lo; i < r->hi; i++) {
            const struct vrec *x = bs.v[i];
            r->n++;
            r->n1 += x->f[S_START] != NULL;
            r->n2 += s47_open(x);
            r->n3 += in_year(vs, x->d[S_ICPC], x->year);
            maxd(&r->max, x->d[S_START]);
            maxd(&r->max, x->d[S_ICPC]);
        }
    }
    /* plans: n, n2 open, n3 started in the year */
    for (size_t k = 0; k < bk.nruns; k++) {
        struct run *r = &bk.runs[k];
        for (size_t i = r->lo; i < r->hi; i++) {
            const struct vrec *x = bk.v[i];
            r->n++;
            r->n2 += !x->f[K_END];
            r->n3 += in_year(vs, x->d[K_START], x->year);
            maxd(&r->max, x->d[K_START]);
            maxd(&r->max, x->d[K_END]);
        }
    }
    for (size_t k = 0; k < br.nruns; k++) {
        struct run *r = &br.runs[k];
        for (size_t i = r->lo; i < r->hi; i++)
            maxd(&r->max, br.v[i]->d[R_DATE]);
    }
    /* episodes: n1 NFA, n2 closed */
    for (size_t k = 0; k < be.nruns; k++) {
        struct run *r = &be.runs[k];
        for (size_t i = r->lo; i < r->hi; i++) {
            const struct vrec *x = be.v[i];
            r->n++;
            r->n1 += x->b[E_NFA] == 1;
            r->n2 += x->f[E_CLOSE] != NULL;
        }
    }
    for (int k = ENT_EPISODE; k <= ENT_CPP_REVIEW; k++)
        vs_work(vs, V2883, nlogn(g->n[k]));

    /* ---- episodes ---- */
    long n_open_fa = 0;   /* 8815 */
    lscb_date max_ref = NONE;   /* 8816 */
    for (size_t i = 0; g->keyed && i < g->n[ENT_EPISODE]; i++) {
        const struct vrec *x = g->r[ENT_EPISODE][i];
        n_open_fa += !x->f[E_CLOSE] && not_nfa(x);
        maxd(&max_ref, x->d[E_REF]);
    }
    struct item *sweep = lscb_xmalloc((g->n[ENT_EPISODE] + g->n[ENT_ASSESSMENT] + g->n[ENT_S47] + 1) *
                                      sizeof *sweep);
    size_t nsw = 0;
    for (size_t i = 0; i < g->n[ENT_EPISODE]; i++) {
        const struct vrec *x = g->r[ENT_EPISODE][i];
        long y = x->year;
        const struct run *ra = byep_find(&ba, x->f[E_REF]), *rp = byep_find(&bp, x->f[E_REF]),
                         *rs = byep_find(&bs, x->f[E_REF]), *rk = byep_find(&bk, x->f[E_REF]),
                         *rr = byep_find(&br, x->f[E_REF]);
        vs_work(vs, V2883, 5);
        /* 1104: both levels: CINdetails and Section47, each row naming its module */
        if (dlt(x->d[E_ICPC], x->d[E_REF]))
            vs_fail(vs, V1104, 0, x, "CINdetails", x->f[E_ICPC]);
        long np = rk ? rk->n3 : 0, nc = (rs ? rs->n3 : 0) + in_year(vs, x->d[E_ICPC], y);
        /* 2883: per episode: plans starting in the year against conferences held in the
         * year at either level */
        if (np > nc) {
            char buf[64];
            snprintf(buf, sizeof buf, "%ld plans, %ld conferences", np, nc);
            vs_fail(vs, V2883, 0, x, NULL, buf);
        }
        /* 2884: the same conference date at CINdetails level and in one of the episode's
         * Section47 modules */
        if (x->f[E_ICPC] && run_has_key2(&bs, rs, x->f[E_ICPC]))
            vs_fail(vs, V2884, 0, x, NULL, x->f[E_ICPC]);
        bool rc89 = in2(x->f[E_REASON], "RC8", "RC9");
        /* 2990: DfE: an episode closed RC8/RC9 cannot have a Section47, a protection
         * plan, a CINdetails-level DateOfInitialCPC or a CIN plan (assessments are what RC8/RC9
         * close after) */
        if (rc89 && (x->f[E_ICPC] || rp || rs || rk))
            vs_fail(vs, V2990, 0, x, NULL, x->f[E_REASON]);
        if (g->keyed && dlt(min_death, x->d[E_REF]))
            vs_fail(vs, V8555Q, 0, x, NULL, x->f[E_REF]);
        lscb_date cl = x->d[E_CLOSE];
        if (cl != NONE) {
            lscb_date m = NONE;
            if (ra)
                maxd(&m, ra->max);
            if (rp)
                maxd(&m, rp->max);
            if (rs)
                maxd(&m, rs->max);
            if (rk)
                maxd(&m, rk->max);
            if (rr)
                maxd(&m, rr->max);
            maxd(&m, x->d[E_ICPC]);
            /* 8565: any date of the episode's modules after its closure date */
            if (m != NONE && m > cl)
                vs_fail(vs, V8565, 0, x, NULL, x->f[E_CLOSE]);
        }
        if (x->b[E_NFA] < 0)
            vs_fail(vs, V8568, 0, x, NULL, x->f[E_NFA]);
        if (x->b[E_NFA] == 1) {
            lscb_date s = ys(vs, y), d = s - 1;
            while (wd_covers(&vs_ctx(vs)->cal, d) && !wd_is_working(&vs_ctx(vs)->cal, d))
                d--;
            /* a date the calendar cannot place stops the run only when the rule
             * is run (--rule another: the SQL runs that one alone) */
            if (!wd_covers(&vs_ctx(vs)->cal, d) || !wd_covers(&vs_ctx(vs)->cal, s)) {
                if (vs_rule_on(vs, V8569Q))
                    return vs_cal_fail(vs, V8569Q, wd_covers(&vs_ctx(vs)->cal, s) ? d : s, x,
                                       "the census year's start (ReferenceDate)", e);
            } else if (dlt(x->d[E_REF], d)) {
                /* 8569Q: referral before the last working day before 1 April, flagged NFA */
                vs_fail(vs, V8569Q, 0, x, NULL, x->f[E_REF]);
            }
        }
        if (streq(x->f[E_REASON], "RC2") && !has_death)
            vs_fail(vs, V8585Q, 0, x, NULL, x->f[E_REASON]);
        if (x->d[E_REF] == NONE || x->d[E_REF] > ye(vs, y))
            vs_fail(vs, V8600, 0, x, NULL, x->f[E_REF]);
        /* 8606: 40 weeks = 280 days before the date of birth, or the expected one */
        if (g->keyed && dlt(x->d[E_REF], max_dob280))
            vs_fail(vs, V8606, 0, x, NULL, x->f[E_REF]);
        if (x->b[E_NFA] == 0 && !x->f[E_NEED])
            vs_fail(vs, V8610, 0, x, NULL, NULL);
        if (bad_or_out(vs, x, E_CLOSE))
            vs_fail(vs, V8620, 0, x, NULL, x->f[E_CLOSE]);
        if (dlt(x->d[E_CLOSE], x->d[E_REF]))
            vs_fail(vs, V8630, 0, x, NULL, x->f[E_CLOSE]);
        if (x->f[E_REASON] && !code_in_set(&codes_closure_reason, x->f[E_REASON]))
            vs_fail(vs, V8640, 0, x, NULL, x->f[E_REASON]);
        if (x->f[E_NEED] && !code_in_set(&codes_primary_need, x->f[E_NEED]))
            vs_fail(vs, V8650, 0, x, NULL, x->f[E_NEED]);
        /* 8715: both levels, each row naming its module. DfE's text names the Section47
         * item only; the literal reading checks the CINdetails-level DateOfInitialCPC too (the
         * same data item, returned at that level) */
        if (bad_or_out(vs, x, E_ICPC))
            vs_fail(vs, V8715, 1, x, "CINdetails", x->f[E_ICPC]);
        if (x->f[E_CLOSE] && !x->f[E_REASON])
            vs_fail(vs, V8805, 0, x, NULL, x->f[E_CLOSE]);
        if (x->f[E_REASON] && !x->f[E_CLOSE])
            vs_fail(vs, V8810, 0, x, NULL, x->f[E_REASON]);
        bool open_fa = !x->f[E_CLOSE] && not_nfa(x);
        /* 8815: open: no closure date; NFA referrals (flag true) are left out */
        if (open_fa && n_open_fa >= 2)
            vs_fail(vs, V8815, 0, x, NULL, x->f[E_REF]);
        /* 8816: (the raw comparison, implied by the dates', lets the index seek to the
         * later referrals: valid dates sort as their text does) */
        if (open_fa && g->keyed && dlt(x->d[E_REF], max_ref))
            vs_fail(vs, V8816, 0, x, NULL, x->f[E_REF]);
        if (g->keyed && x->d[E_REF] != NONE)
            sweep[nsw++] = (struct item){x->d[E_REF],
                                         x->d[E_CLOSE] != NONE ? x->d[E_CLOSE]
                                                               : date_from_ymd(9999, 12, 31),
                                         x->seq, x};
        if (rc89 && !ra)
            vs_fail(vs, V8825Q, 0, x, NULL, x->f[E_REASON]);
        /* 8831: DfE: an NFA episode cannot have an AssessmentActualStartDate or
         * AssessmentAuthorisationDate, an S47ActualStartDate or a (CINdetails- level)
         * DateOfInitialCPC. CIN plans are rule 4000's, plans 8832's. */
        if (x->b[E_NFA] == 1 && (x->f[E_ICPC] || (ra && ra->n1) || (rs && rs->n1)))
            vs_fail(vs, V8831, 0, x, NULL, x->f[E_NFA]);
        /* 8832: DfE: no protection plan module in an NFA episode (a CINdetails-level
         * conference is 8831's) */
        if (x->b[E_NFA] == 1 && rk)
            vs_fail(vs, V8832, 0, x, NULL, x->f[E_NFA]);
        if (!(x->f[E_SRC] && code_in_set(&codes_referral_source, x->f[E_SRC])))
            vs_fail(vs, V8866, 0, x, NULL, x->f[E_SRC]);
        /* 8873Q: the episode is closed, its only assessment completed with factors
         * exactly "21", and the reason is not RC8/RC9. DfE's text does not say whether an open
         * episode (no reason yet) is judged: the literal reading judges only a reason for
         * closure that is there, so open episodes pass */
        if (x->f[E_CLOSE] && !in2(x->f[E_REASON] ? x->f[E_REASON] : "", "RC8", "RC9") && ra &&
            ra->n == 1 && ra->n3 > 0)
            vs_fail(vs, V8873Q, 0, x, NULL, x->f[E_REASON]);
    }
    /* 8820: a later (or same-day) referral before this episode's closure, or
     * while it is open; the later episode is reported */
    if (g->keyed && g->n[ENT_EPISODE] > 1)
        starts_while_earlier(vs, V8820, sweep, nsw, E_REF);

    /* ---- assessments ---- */
    nsw = 0;
    for (size_t i = 0; i < g->n[ENT_ASSESSMENT]; i++) {
        const struct vrec *x = g->r[ENT_ASSESSMENT][i];
        long y = x->year;
        vs_work(vs, V8896, 2);
        if (dlt(x->d[A_START], x->d[A_REF]))
            vs_fail(vs, V1103, 0, x, NULL, x->f[A_START]);
        if (dlt(x->d[A_AUTH], x->d[A_START]))
            vs_fail(vs, V8608, 0, x, NULL, x->f[A_START]);
        if (x->f[A_FACT] && !x->f[A_AUTH])
            vs_fail(vs, V8614, 0, x, NULL, x->f[A_FACT]);
        if (!x->f[A_AUTH] && x->d[A_START] != NONE) {
            lscb_date a = x->d[A_START], b = ye(vs, y);
            struct wd_calendar *cal = &vs_ctx(vs)->cal;
            if (!wd_covers(cal, a) || !wd_covers(cal, b)) {
                if (vs_rule_on(vs, V8670Q))
                    return vs_cal_fail(vs, V8670Q, wd_covers(cal, a) ? b : a, x,
                                       wd_covers(cal, a) ? "the census year's end (ReferenceDate)"
                                                         : "AssessmentActualStartDate", e);
            } else if (wd_between(cal, a, b) > 45) {
                vs_fail(vs, V8670Q, 0, x, NULL, x->f[A_START]);
            }
        }
        if (bad_or_out(vs, x, A_AUTH))
            vs_fail(vs, V8696, 0, x, NULL, x->f[A_AUTH]);
        if (!x->f[A_AUTH] && out_year(vs, x->d[A_START], y))
            vs_fail(vs, V8736, 0, x, NULL, x->f[A_START]);
        if (g->keyed && x->d[A_START] != NONE)
            sweep[nsw++] = (struct item){x->d[A_START],
                                         x->d[A_AUTH] != NONE ? x->d[A_AUTH]
                                                              : date_from_ymd(9999, 12, 31),
                                         x->seq, x};
        const struct run *re = byep_find(&be, x->f[A_REF]);
        if (!x->f[A_AUTH] && re && re->n2)
            vs_fail(vs, V8867, 0, x, NULL, x->f[A_START]);
        const char *f = x->f[A_FACT];
        if (vlist(f, VL_HAS, NULL, "21") && vlist(f, VL_COUNT, NULL, NULL) > 1)
            vs_fail(vs, V8869, 0, x, NULL, f);
        const struct run *ra = byep_find(&ba, x->f[A_REF]);
        if (!x->f[A_AUTH] && ra && ra->n2 >= 2)
            vs_fail(vs, V8896, 0, x, NULL, x->f[A_START]);
        if (x->f[A_AUTH] && !f)
            vs_fail(vs, V8897Q, 0, x, NULL, x->f[A_AUTH]);
        if (vlist(f, VL_DUP, NULL, NULL))
            vs_fail(vs, V8898, 0, x, NULL, f);
        if (vlist(f, VL_HAS, NULL, "18A"))
            vs_fail(vs, V8945Q, 0, x, NULL, f);
        if (vlist(f, VL_HAS, NULL, "19A"))
            vs_fail(vs, V8950Q, 0, x, NULL, f);
    }
    /* 8863Q: across the child's episodes: one starts (later, or same day and
     * later in the file) while an earlier one has no end date or ends after it */
    if (g->keyed && g->n[ENT_ASSESSMENT] > 1)
        starts_while_earlier(vs, V8863Q, sweep, nsw, A_START);

    /* ---- CIN plans ---- */
    long n_open_p = 0;
    for (size_t i = 0; g->keyed && i < g->n[ENT_CIN_PLAN]; i++)
        n_open_p += !g->r[ENT_CIN_PLAN][i]->f[P_END];
    for (size_t i = 0; i < g->n[ENT_CIN_PLAN]; i++) {
        const struct vrec *x = g->r[ENT_CIN_PLAN][i];
        long y = x->year;
        vs_work(vs, V4004, 2);
        const struct run *re = byep_find(&be, x->f[P_REF]), *rk = byep_find(&bk, x->f[P_REF]);
        if (re && re->n1)
            vs_fail(vs, V4000, 0, x, NULL, x->f[P_START]);
        /* 4001: DfE: an episode with a plan that has no CPPendDate cannot also have a CIN
         * plan with no CINPlanEndDate (both open); each such CIN plan is reported. 4016 covers
         * a CIN plan starting inside a plan. */
        if (!x->f[P_END] && rk && rk->n2)
            vs_fail(vs, V4001, 0, x, NULL, x->f[P_START]);
        if (!x->f[P_END] && n_open_p >= 2)
            vs_fail(vs, V4004, 0, x, NULL, x->f[P_START]);
        if (g->keyed && dlt(min_death, x->d[P_START]))
            vs_fail(vs, V4008, 0, x, NULL, x->f[P_START]);
        if (g->keyed && dlt(min_death, x->d[P_END]))
            vs_fail(vs, V4009Q, 0, x, NULL, x->f[P_END]);
        /* 4010: out of period: after 31 March (a plan open on 1 April started before) */
        if (x->d[P_START] == NONE || x->d[P_START] > ye(vs, y))
            vs_fail(vs, V4010, 0, x, NULL, x->f[P_START]);
        if (dlt(x->d[P_END], x->d[P_START]))
            vs_fail(vs, V4011, 0, x, NULL, x->f[P_END]);
        if (deq(x->d[P_END], x->d[P_START]))
            vs_fail(vs, V4012Q, 0, x, NULL, x->f[P_END]);
        if (bad_or_out(vs, x, P_END))
            vs_fail(vs, V4013, 0, x, NULL, x->f[P_END]);
        if (dlt(x->d[P_START], x->d[P_REF]))
            vs_fail(vs, V4015, 0, x, NULL, x->f[P_START]);
    }
    /* 4014: two CIN plans of the child overlap as [start, end), an open plan
     * (no end date) running to 31 March inclusive, so a plan starting while an
     * open one runs fails; a plan may start the day another ends; both plans
     * are reported */
    overlapping(vs, V4014, g, ENT_CIN_PLAN, P_START, P_END, P_START);
    /* 4016: a CIN plan's start cannot fall within any of the child's plans,
     * from CPPstartDate to CPPendDate or, with no end, to the reference date,
     * unless it is that plan's end date: CPP start <= CIN start < CPP end, or
     * CPP start <= CIN start <= 31 March (open plans run to the day after) */
    if (g->keyed && g->n[ENT_CPP])
        point_in_spans(vs, V4016, g, ENT_CIN_PLAN, P_START, ENT_CPP, K_START, K_END,
                       ye(vs, g->r[ENT_CPP][0]->year) + 1, P_START);
    span_around_start(vs, g);

    /* ---- S47 ---- */
    nsw = 0;
    for (size_t i = 0; i < g->n[ENT_S47]; i++) {
        const struct vrec *x = g->r[ENT_S47][i];
        long y = x->year;
        vs_work(vs, V8839, 2);
        if (dlt(x->d[S_ICPC], x->d[S_REF]))
            vs_fail(vs, V1104, 1, x, "Section47", x->f[S_ICPC]);
        if (dlt(x->d[S_START], x->d[S_REF]))
            vs_fail(vs, V2889, 0, x, NULL, x->f[S_START]);
        if (!byep_find(&ba, x->f[S_REF]))
            vs_fail(vs, V2991Q, 0, x, NULL, x->f[S_START]);
        /* 8615: for an enquiry with a conference: start missing, or after it */
        if (x->d[S_START] == NONE || dlt(x->d[S_ICPC], x->d[S_START]))
            vs_fail(vs, V8615, 0, x, NULL, x->f[S_START]);
        bool open = s47_open(x);
        if (open && x->d[S_START] != NONE) {
            lscb_date a = x->d[S_START], b = ye(vs, y);
            struct wd_calendar *cal = &vs_ctx(vs)->cal;
            if (!wd_covers(cal, a) || !wd_covers(cal, b)) {
                if (vs_rule_on(vs, V8675Q))
                    return vs_cal_fail(vs, V8675Q, wd_covers(cal, a) ? b : a, x,
                                       wd_covers(cal, a) ? "the census year's end (ReferenceDate)"
                                                         : "S47ActualStartDate", e);
            } else if (wd_between(cal, a, b) > 15) {
                /* 8675Q: no conference and the ICPC-not-required flag not set */
                vs_fail(vs, V8675Q, 0, x, NULL, x->f[S_START]);
            }
        }
        if (bad_or_out(vs, x, S_ICPC))
            vs_fail(vs, V8715, 0, x, "Section47", x->f[S_ICPC]);
        /* 8740: no conference held (whatever the not-required flag says) */
        if (!x->f[S_ICPC] && out_year(vs, x->d[S_START], y))
            vs_fail(vs, V8740, 0, x, NULL, x->f[S_START]);
        const struct run *rs = byep_find(&bs, x->f[S_REF]), *re = byep_find(&be, x->f[S_REF]);
        if (open && rs && rs->n2 >= 2)
            vs_fail(vs, V8839, 0, x, NULL, x->f[S_START]);
        if (open && re && re->n2)
            vs_fail(vs, V8868, 0, x, NULL, x->f[S_START]);
        lscb_date t = x->d[S_TARGET];
        if (t != NONE && date_weekday(t) >= 5)
            vs_fail(vs, V8870Q, 0, x, NULL, x->f[S_TARGET]);
        lscb_date c = x->d[S_ICPC];
        /* 8875: both levels, each row naming its module; as 8715, the literal reading
         * checks the CINdetails-level conference date too */
        if (c != NONE && date_weekday(c) >= 5)
            vs_fail(vs, V8875, 0, x, "Section47", x->f[S_ICPC]);
        if (g->keyed && x->d[S_START] != NONE)
            sweep[nsw++] = (struct item){x->d[S_START], open ? DATE_Z : x->d[S_ICPC], x->seq, x};
    }
    /* 8890: across the child's episodes: an enquiry starts (later, or same day
     * and later in the file) while another waits for its conference or before
     * the other's conference date */
    if (g->keyed && g->n[ENT_S47] > 1)
        starts_while_earlier(vs, V8890, sweep, nsw, S_START);
    free(sweep);
    /* 8875's CINdetails level: after the Section47 rows (UNION ALL) */
    for (size_t i = 0; i < g->n[ENT_EPISODE]; i++) {
        const struct vrec *x = g->r[ENT_EPISODE][i];
        lscb_date c = x->d[E_ICPC];
        if (c != NONE && date_weekday(c) >= 5)
            vs_fail(vs, V8875, 1, x, "CINdetails", x->f[E_ICPC]);
    }

    /* ---- protection plans ---- */
    long n_open_k = 0;
    for (size_t i = 0; g->keyed && i < g->n[ENT_CPP]; i++)
        n_open_k += !g->r[ENT_CPP][i]->f[K_END];
    for (size_t i = 0; i < g->n[ENT_CPP]; i++) {
        const struct vrec *x = g->r[ENT_CPP][i];
        long y = x->year;
        vs_work(vs, V8935, 2);
        if (dlt(x->d[K_START], x->d[K_REF]))
            vs_fail(vs, V1105, 0, x, NULL, x->f[K_START]);
        if (in_year(vs, x->d[K_START], y) && x->f[K_START]) {
            /* a conference on the start date, either level: as found, a
             * valid date equals only itself */
            const struct run *rs = byep_find(&bs, x->f[K_REF]), *re = byep_find(&be, x->f[K_REF]);
            /* 2885: plans starting in the census year need a conference (either level) of
             * their episode on their start date; earlier plans' conferences are in earlier
             * returns */
            if (!run_has_key2(&bs, rs, x->f[K_START]) && !run_has_key2(&be, re, x->f[K_START]))
                vs_fail(vs, V2885, 0, x, NULL, x->f[K_START]);
        }
        if (x->d[K_START] == NONE || x->d[K_START] > ye(vs, y))
            vs_fail(vs, V8720, 0, x, NULL, x->f[K_START]);
        if (!x->f[K_PREV])
            vs_fail(vs, V8730, 0, x, NULL, NULL);
        if (deq(x->d[K_END], x->d[K_START]))
            vs_fail(vs, V8840, 0, x, NULL, x->f[K_END]);
        if (!(x->f[K_INIT] && code_in_set(&codes_category, x->f[K_INIT])))
            vs_fail(vs, V8905, 0, x, NULL, x->f[K_INIT]);
        if (!(x->f[K_LATEST] && code_in_set(&codes_category, x->f[K_LATEST])))
            vs_fail(vs, V8910, 0, x, NULL, x->f[K_LATEST]);
        if (g->keyed && dlt(min_death, x->d[K_START]))
            vs_fail(vs, V8915, 0, x, NULL, x->f[K_START]);
        if (g->keyed && dlt(min_death, x->d[K_END]))
            vs_fail(vs, V8920, 0, x, NULL, x->f[K_END]);
        if (dlt(x->d[K_END], x->d[K_START]))
            vs_fail(vs, V8925, 0, x, NULL, x->f[K_END]);
        if (bad_or_out(vs, x, K_END))
            vs_fail(vs, V8930, 0, x, NULL, x->f[K_END]);
        if (!x->f[K_END] && n_open_k >= 2)
            vs_fail(vs, V8935, 0, x, NULL, x->f[K_START]);
    }
    /* 8940: as 4014, [start, end) of two plans of the child meet, an open plan
     * running to 31 March inclusive; both are reported (two open plans fail
     * here as well as 8935) */
    overlapping(vs, V8940, g, ENT_CPP, K_START, K_END, K_START);

    /* ---- reviews ---- */
    for (size_t i = 0; i < g->n[ENT_CPP_REVIEW]; i++) {
        const struct vrec *x = g->r[ENT_CPP_REVIEW][i];
        vs_work(vs, V8841, 1);
        if (x->d[R_DATE] != NONE && x->d[R_CPPSTART] != NONE && x->d[R_DATE] <= x->d[R_CPPSTART])
            vs_fail(vs, V8841, 0, x, NULL, x->f[R_DATE]);
        if (!x->f[R_DATE])
            vs_fail(vs, V8842Q, 0, x, NULL, NULL);
    }
    /* 4003: review strictly inside an open CIN plan: start <= review < end (or
     * no end) */
    point_in_spans(vs, V4003, g, ENT_CPP_REVIEW, R_DATE, ENT_CIN_PLAN, P_START, P_END, DATE_Z,
                   R_DATE);

    byep_free(&ba);
    byep_free(&bp);
    byep_free(&bs);
    byep_free(&bk);
    byep_free(&br);
    byep_free(&be);
    return LSCB_OK;
}
