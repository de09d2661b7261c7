/* ladata.c — see ladata.h. */
#define _POSIX_C_SOURCE 200809L
#include "stats/ladata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/measures.h"
#include "common/warehouse.h"
#include "common/text.h"

static lscb_date col_date(struct whq *st, int i)
{
    const char *s = whq_text(st, i);
    lscb_date d;
    return s && date_parse_iso(s, &d) ? d : DATE_NONE;
}

/* Column i into buf; false when the warehouse's value is longer than the
 * field (a child ID cut short would make two children one). */
static bool col_text(struct whq *st, int i, char *buf, size_t cap)
{
    const char *s = whq_text(st, i);
    return !text_fmt(buf, cap, "%s", s ? s : "");
}

/* false when a value did not fit its field */
typedef bool (*row_fn)(struct la_data *d, struct whq *st);

/* Runs sql, a format with one %s for the authorities ('201','202'). */
static lscb_err query(struct whdb *db, const char *fmt, const char *in_list, struct la_data *d,
                      row_fn fn, struct lscb_error *e)
{
    char *sql = text_xfmt(fmt, in_list);
    struct whq *st;
    lscb_err rc = whdb_prepare(db, sql, &st, e);
    if (rc) {
        free(sql);
        return rc;
    }
    int s;
    bool fits = true;
    while (fits && (s = whq_step(st, e)) == 1)
        fits = fn(d, st);
    whq_free(st);
    if (!fits) {
        rc = lscb_fail(e, LSCB_EINPUT, "the warehouse holds a value longer than its field (a "
                       "child ID has at most %d characters, a code fewer) in a row of: %s",
                       CHILD_ID_CAP - 1, sql);
        free(sql);
        return rc;
    }
    free(sql);
    return s < 0 ? LSCB_ESYS : LSCB_OK;
}

/* Finding a record of a child on a date in an array sorted by (child,
 * date): a lower bound with a comparison per record type. */
struct child_date {
    const char *child;
    lscb_date t;
};

static size_t lower_bound(const void *base, size_t n, size_t size,
                          int (*cmp)(const void *elem, const struct child_date *key),
                          const struct child_date *key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cmp((const char *)base + mid * size, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int cmp_plan(const void *elem, const struct child_date *key)
{
    const struct plan *p = elem;
    int c = strcmp(p->child_id, key->child);
    return c ? c : (p->start > key->t) - (p->start < key->t);
}

static int cmp_episode(const void *elem, const struct child_date *key)
{
    const struct episode *ep = elem;
    int c = strcmp(ep->child_id, key->child);
    return c ? c : (ep->ref > key->t) - (ep->ref < key->t);
}

struct plan *la_find_plan(const struct la_data *d, const char *child, lscb_date start)
{
    struct child_date key = {child, start};
    size_t i = lower_bound(d->plans.v, d->plans.n, sizeof *d->plans.v, cmp_plan, &key);
    return i < d->plans.n && cmp_plan(&d->plans.v[i], &key) == 0 ? &d->plans.v[i] : NULL;
}

struct episode *la_find_episode(const struct la_data *d, const char *child, lscb_date ref)
{
    struct child_date key = {child, ref};
    size_t i = lower_bound(d->episodes.v, d->episodes.n, sizeof *d->episodes.v, cmp_episode,
                           &key);
    return i < d->episodes.n && cmp_episode(&d->episodes.v[i], &key) == 0 ? &d->episodes.v[i]
                                                                          : NULL;
}

static bool plan_row(struct la_data *d, struct whq *st)
{
    struct plan *p = LA_PUSH(d->plans);
    p->start = col_date(st, 1);
    p->end = col_date(st, 2);
    p->previous = (int)whq_int(st, 4);
    p->birth = col_date(st, 5);
    p->expected = col_date(st, 6);
    return col_text(st, 0, p->child_id, sizeof p->child_id) &&
           col_text(st, 3, p->category, sizeof p->category) &&
           col_text(st, 7, p->gender, sizeof p->gender) &&
           col_text(st, 8, p->ethnicity, sizeof p->ethnicity);
}

static bool episode_row(struct la_data *d, struct whq *st)
{
    struct episode *ep = LA_PUSH(d->episodes);
    if (!col_text(st, 0, ep->child_id, sizeof ep->child_id))
        return false;
    ep->ref = col_date(st, 1);
    ep->close = col_date(st, 2);
    lscb_date icpc = col_date(st, 3);
    if (icpc != DATE_NONE) {
        struct conference *c = LA_PUSH(d->conferences);
        memcpy(c->child_id, ep->child_id, sizeof c->child_id); /* both CHILD_ID_CAP */
        c->date = icpc;
        c->s47_start = DATE_NONE;
    }
    return true;
}

static bool assessment_row(struct la_data *d, struct whq *st)
{
    struct assessment *a = LA_PUSH(d->assessments);
    a->start = col_date(st, 0);
    a->auth = col_date(st, 1);
    /* mark its episode */
    char child[CHILD_ID_CAP];
    if (!col_text(st, 2, child, sizeof child))
        return false;
    struct episode *ep = la_find_episode(d, child, col_date(st, 3));
    if (ep)
        ep->assessed = true;
    return true;
}

static bool s47_row(struct la_data *d, struct whq *st)
{
    struct s47 *s = LA_PUSH(d->s47s);
    s->start = col_date(st, 1);
    lscb_date icpc = col_date(st, 2);
    s->conference = icpc != DATE_NONE;
    if (icpc != DATE_NONE) {
        struct conference *c = LA_PUSH(d->conferences);
        c->date = icpc;
        c->s47_start = s->start;
        return col_text(st, 0, c->child_id, sizeof c->child_id);
    }
    return true;
}

/* attach each review to its plan by (child, start) */
static bool review_row(struct la_data *d, struct whq *st)
{
    char child[CHILD_ID_CAP];
    if (!col_text(st, 0, child, sizeof child))
        return false;
    lscb_date start = col_date(st, 1), rev = col_date(st, 2);
    struct plan *p = la_find_plan(d, child, start);
    if (!p) {
        d->reviews_unattached++; /* counted and reported by lscb-stats */
        return true;
    }
    lscb_date *r = LA_PUSH(d->reviews);
    *r = rev;
    if (p->rev_n == 0)
        p->rev_first = d->reviews.n - 1;
    p->rev_n++;
    return true;
}

static bool strategy_row(struct la_data *d, struct whq *st)
{
    struct strategy *s = LA_PUSH(d->strategies);
    s->date = col_date(st, 0);
    const char *o = whq_text(st, 1);
    s->to_s47 = o && !strcmp(o, "S47");
    return true;
}

static bool initial_row(struct la_data *d, struct whq *st)
{
    struct legacy_assessment *a = LA_PUSH(d->initial);
    a->start = col_date(st, 0);
    a->done = col_date(st, 1);
    return true;
}

static bool core_row(struct la_data *d, struct whq *st)
{
    struct legacy_assessment *a = LA_PUSH(d->core);
    a->start = col_date(st, 0);
    a->done = col_date(st, 1);
    return true;
}

static bool cpr3_row(struct la_data *d, struct whq *st)
{
    struct cpr3_item *c = LA_PUSH(d->cpr3);
    c->year = (int)whq_int(st, 0);
    c->value = (long)whq_int(st, 2);
    return col_text(st, 1, c->item, sizeof c->item);
}

static int cmp_conf(const void *a, const void *b)
{
    const struct conference *x = a, *y = b;
    int c = strcmp(x->child_id, y->child_id);
    if (c)
        return c;
    if (x->date != y->date)
        return (x->date > y->date) - (x->date < y->date);
    /* the conference with the latest S47 start first; none last */
    return (x->s47_start < y->s47_start) - (x->s47_start > y->s47_start);
}

static void dedupe_conferences(struct la_data *d)
{
    if (d->conferences.n > 1)
        qsort(d->conferences.v, d->conferences.n, sizeof *d->conferences.v, cmp_conf);
    size_t k = 0;
    for (size_t i = 0; i < d->conferences.n; i++) {
        if (k && !strcmp(d->conferences.v[k - 1].child_id, d->conferences.v[i].child_id) &&
            d->conferences.v[k - 1].date == d->conferences.v[i].date)
            continue;
        d->conferences.v[k++] = d->conferences.v[i];
    }
    d->conferences.n = k;
}

lscb_err la_data_load(struct whdb *db, const char *la, struct la_data *d, struct lscb_error *e)
{
    memset(d, 0, sizeof *d);
    /* one authority, or several (a regional aggregate: "201,202,...") */
    char in[512];
    if (wh_in_list(la, in, sizeof in) < 0)
        return lscb_fail(e, LSCB_EUSAGE, "'%s' is not an LA code or a list of them", la);
    if (text_fmt(d->la, sizeof d->la, "%s", la))
        return lscb_fail(e, LSCB_EUSAGE, "the list of LA codes '%s' is longer than %zu "
                         "characters", la, sizeof d->la - 1);
    lscb_err rc = query(db,
                        "SELECT p.child_id, p.start_date, p.end_date, p.latest_category, "
                        "p.previous_plans, c.birth_date, c.expected_birth_date, c.gender, "
                        "c.ethnicity FROM cpp p LEFT JOIN child c ON c.la_code = p.la_code AND "
                        "c.child_id = p.child_id WHERE p.la_code IN (%s) "
                        "ORDER BY p.child_id, p.start_date",
                        in, d, plan_row, e);
    /* reviews of plans sharing a (child, start) under two referrals would
     * be counted twice: keep each review date once */
    if (rc == LSCB_OK)
        rc = query(db,
                   "SELECT DISTINCT child_id, cpp_start_date, review_date FROM cpp_review "
                   "WHERE la_code IN (%s) ORDER BY child_id, cpp_start_date, review_date",
                   in, d, review_row, e);
    if (rc == LSCB_OK)
        rc = query(db,
                   "SELECT child_id, referral_date, closure_date, date_initial_cpc FROM episode "
                   "WHERE la_code IN (%s) ORDER BY child_id, referral_date",
                   in, d, episode_row, e);
    if (rc == LSCB_OK)
        rc = query(db, "SELECT start_date, authorisation_date, child_id, referral_date FROM "
                   "assessment WHERE la_code IN (%s)",
                   in, d, assessment_row, e);
    if (rc == LSCB_OK)
        rc = query(db, "SELECT child_id, start_date, date_initial_cpc FROM s47 WHERE la_code "
                   "IN (%s)", in, d, s47_row, e);
    if (rc == LSCB_OK)
        rc = query(db, "SELECT discussion_date, outcome FROM strategy WHERE la_code IN (%s)", in,
                   d, strategy_row, e);
    if (rc == LSCB_OK)
        rc = query(db, "SELECT start_date, completion_date FROM initial_assessment WHERE "
                   "la_code IN (%s)", in, d, initial_row, e);
    if (rc == LSCB_OK)
        rc = query(db, "SELECT start_date, completion_date FROM core_assessment WHERE "
                   "la_code IN (%s)", in, d, core_row, e);
    if (rc == LSCB_OK)
        rc = query(db, "SELECT census_year, item, sum(value) FROM cpr3 WHERE la_code IN (%s) "
                   "GROUP BY census_year, item ORDER BY census_year, item", in, d, cpr3_row, e);
    if (rc == LSCB_OK)
        dedupe_conferences(d);
    if (rc == LSCB_OK)
        d->memo = period_memo_new();
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
    period_memo_free(d->memo);
    memset(d, 0, sizeof *d);
}
