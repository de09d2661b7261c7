/* stats_oracle.c — the measures as lscb-stats computed them before they were
 * computed from compact arrays (commit 4431f21: stats/ladata.c, flow.c and
 * cpp.c, each table read in SQL order into structs of strings, every period
 * a scan of every record), kept verbatim but renamed (o_*) as the oracle
 * test_stats_sweep.c compares the product with.  Not linked into the
 * product: included by that test only. */
#define O_CHILD_ID_CAP 72

struct o_plan {
    char child_id[O_CHILD_ID_CAP];
    lscb_date start, end;          /* end DATE_NONE while open */
    char category[4];              /* LatestCategoryOfAbuse */
    int previous;                  /* NumberOfPreviousCPP */
    lscb_date birth, expected;     /* DATE_NONE when not given */
    char gender[2];
    char ethnicity[5];
    size_t rev_first, rev_n;       /* its reviews in la_data.reviews, ascending */
};

struct o_episode {
    char child_id[O_CHILD_ID_CAP];
    lscb_date ref, close;          /* close DATE_NONE while open */
    bool assessed;                 /* at least one assessment returned */
};

struct o_assessment {
    lscb_date start, auth;         /* auth DATE_NONE while open */
};

/* A 2010-13 era initial or core assessment. */
struct o_legacy_assessment {
    lscb_date start, done;         /* done DATE_NONE while open */
};

/* One CPR3 item of one year. */
struct o_cpr3_item {
    int year;
    char item[32];
    long value;
};

struct o_strategy {
    lscb_date date;
    bool to_s47;                   /* outcome S47 */
};

struct o_s47 {
    lscb_date start;
    bool conference;               /* its DateOfInitialCPC is returned */
};

/* An initial child protection conference: from a Section47 module or the
 * CINdetails-level DateOfInitialCPC, each (child, date) once.  s47_start is
 * the latest S47 start on or before it, DATE_NONE when no section 47 of
 * that child returned it. */
struct o_conference {
    char child_id[O_CHILD_ID_CAP];
    lscb_date date, s47_start;
};

#define O_ARRAY(type, name) \
    struct {                 \
        type *v;             \
        size_t n, cap;       \
    } name

struct o_la_data {
    char la[256];              /* an LA code, or several comma-separated (aggregate) */
    O_ARRAY(struct o_plan, plans);            /* by child, then start */
    O_ARRAY(struct o_episode, episodes);      /* by child, then referral date */
    O_ARRAY(struct o_assessment, assessments);
    O_ARRAY(struct o_s47, s47s);
    O_ARRAY(struct o_conference, conferences); /* by child, then date */
    O_ARRAY(lscb_date, reviews);
    O_ARRAY(struct o_strategy, strategies);   /* empty: no extract loaded */
    O_ARRAY(struct o_legacy_assessment, initial);
    O_ARRAY(struct o_legacy_assessment, core);
    O_ARRAY(struct o_cpr3_item, cpr3);
    long reviews_unattached;                 /* reviews whose plan is not held */
};

/* The plan of a child starting on `start` (plans are sorted by child, then
 * start), or NULL; the episode of a child referred on `ref`, or NULL. */
static struct o_plan *o_la_find_plan(const struct o_la_data *d, const char *child, lscb_date start);
static struct o_episode *o_la_find_episode(const struct o_la_data *d, const char *child, lscb_date ref);

/* Reads one authority's merged records, which must not change after (the
 * measures computed from them are kept in d->memo: not in the oracle).  Release with
 * o_la_data_release. */
static lscb_err o_la_data_load(struct whdb *db, const char *la, struct o_la_data *d, struct lscb_error *e);
static void o_la_data_release(struct o_la_data *d);

/* Appends to a O_ARRAY, growing it; returns the new zeroed element. */
#define O_PUSH(arr) \
    ((arr).n == (arr).cap \
         ? ((arr).cap = (arr).cap ? 2 * (arr).cap : 256, \
            (arr).v = lscb_xrealloc((arr).v, (arr).cap * sizeof *(arr).v), 0) \
         : 0, \
     memset(&(arr).v[(arr).n], 0, sizeof *(arr).v), &(arr).v[(arr).n++])
static lscb_date col_date(struct whq *st, int i)
{
    const char *s = whq_text(st, i);
    lscb_date d;
    return s && date_parse_iso(s, &d) ? d : DATE_NONE;
}

/* snprintf(buf, cap, "%s", s) as the old code wrote it: cut to cap - 1 */
static void o_copy(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(s);
    n = n < cap - 1 ? n : cap - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
}

static void col_text(struct whq *st, int i, char *buf, size_t cap)
{
    const char *s = whq_text(st, i);
    o_copy(buf, cap, s ? s : "");
}

typedef void (*row_fn)(struct o_la_data *d, struct whq *st);

/* Runs sql, a format with one %s for the authorities ('201','202'). */
static lscb_err query(struct whdb *db, const char *fmt, const char *in_list, struct o_la_data *d,
                      row_fn fn, struct lscb_error *e)
{
    char sql[1024];
    if (text_fmt(sql, sizeof sql, fmt, in_list))
        return lscb_fail(e, LSCB_EUSAGE, "statement too long");
    struct whq *st;
    lscb_err rc = whdb_prepare(db, sql, &st, e);
    if (rc)
        return rc;
    int s;
    while ((s = whq_step(st, e)) == 1)
        fn(d, st);
    whq_free(st);
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
    const struct o_plan *p = elem;
    int c = strcmp(p->child_id, key->child);
    return c ? c : (p->start > key->t) - (p->start < key->t);
}

static int cmp_episode(const void *elem, const struct child_date *key)
{
    const struct o_episode *ep = elem;
    int c = strcmp(ep->child_id, key->child);
    return c ? c : (ep->ref > key->t) - (ep->ref < key->t);
}

static struct o_plan *o_la_find_plan(const struct o_la_data *d, const char *child, lscb_date start)
{
    struct child_date key = {child, start};
    size_t i = lower_bound(d->plans.v, d->plans.n, sizeof *d->plans.v, cmp_plan, &key);
    return i < d->plans.n && cmp_plan(&d->plans.v[i], &key) == 0 ? &d->plans.v[i] : NULL;
}

static struct o_episode *o_la_find_episode(const struct o_la_data *d, const char *child, lscb_date ref)
{
    struct child_date key = {child, ref};
    size_t i = lower_bound(d->episodes.v, d->episodes.n, sizeof *d->episodes.v, cmp_episode,
                           &key);
    return i < d->episodes.n && cmp_episode(&d->episodes.v[i], &key) == 0 ? &d->episodes.v[i]
                                                                          : NULL;
}

static void plan_row(struct o_la_data *d, struct whq *st)
{
    struct o_plan *p = O_PUSH(d->plans);
    col_text(st, 0, p->child_id, sizeof p->child_id);
    p->start = col_date(st, 1);
    p->end = col_date(st, 2);
    col_text(st, 3, p->category, sizeof p->category);
    p->previous = (int)whq_int(st, 4);
    p->birth = col_date(st, 5);
    p->expected = col_date(st, 6);
    col_text(st, 7, p->gender, sizeof p->gender);
    col_text(st, 8, p->ethnicity, sizeof p->ethnicity);
}

static void episode_row(struct o_la_data *d, struct whq *st)
{
    struct o_episode *ep = O_PUSH(d->episodes);
    col_text(st, 0, ep->child_id, sizeof ep->child_id);
    ep->ref = col_date(st, 1);
    ep->close = col_date(st, 2);
    lscb_date icpc = col_date(st, 3);
    if (icpc != DATE_NONE) {
        struct o_conference *c = O_PUSH(d->conferences);
        o_copy(c->child_id, sizeof c->child_id, ep->child_id);
        c->date = icpc;
        c->s47_start = DATE_NONE;
    }
}

static void assessment_row(struct o_la_data *d, struct whq *st)
{
    struct o_assessment *a = O_PUSH(d->assessments);
    a->start = col_date(st, 0);
    a->auth = col_date(st, 1);
    /* mark its episode */
    char child[O_CHILD_ID_CAP];
    col_text(st, 2, child, sizeof child);
    struct o_episode *ep = o_la_find_episode(d, child, col_date(st, 3));
    if (ep)
        ep->assessed = true;
}

static void s47_row(struct o_la_data *d, struct whq *st)
{
    struct o_s47 *s = O_PUSH(d->s47s);
    s->start = col_date(st, 1);
    lscb_date icpc = col_date(st, 2);
    s->conference = icpc != DATE_NONE;
    if (icpc != DATE_NONE) {
        struct o_conference *c = O_PUSH(d->conferences);
        col_text(st, 0, c->child_id, sizeof c->child_id);
        c->date = icpc;
        c->s47_start = s->start;
    }
}

/* attach each review to its plan by (child, start) */
static void review_row(struct o_la_data *d, struct whq *st)
{
    char child[O_CHILD_ID_CAP];
    col_text(st, 0, child, sizeof child);
    lscb_date start = col_date(st, 1), rev = col_date(st, 2);
    struct o_plan *p = o_la_find_plan(d, child, start);
    if (!p) {
        d->reviews_unattached++; /* counted and reported by lscb-stats */
        return;
    }
    lscb_date *r = O_PUSH(d->reviews);
    *r = rev;
    if (p->rev_n == 0)
        p->rev_first = d->reviews.n - 1;
    p->rev_n++;
}

static void strategy_row(struct o_la_data *d, struct whq *st)
{
    struct o_strategy *s = O_PUSH(d->strategies);
    s->date = col_date(st, 0);
    const char *o = whq_text(st, 1);
    s->to_s47 = o && !strcmp(o, "S47");
}

static void initial_row(struct o_la_data *d, struct whq *st)
{
    struct o_legacy_assessment *a = O_PUSH(d->initial);
    a->start = col_date(st, 0);
    a->done = col_date(st, 1);
}

static void core_row(struct o_la_data *d, struct whq *st)
{
    struct o_legacy_assessment *a = O_PUSH(d->core);
    a->start = col_date(st, 0);
    a->done = col_date(st, 1);
}

static void cpr3_row(struct o_la_data *d, struct whq *st)
{
    struct o_cpr3_item *c = O_PUSH(d->cpr3);
    c->year = (int)whq_int(st, 0);
    col_text(st, 1, c->item, sizeof c->item);
    c->value = (long)whq_int(st, 2);
}

static int cmp_conf(const void *a, const void *b)
{
    const struct o_conference *x = a, *y = b;
    int c = strcmp(x->child_id, y->child_id);
    if (c)
        return c;
    if (x->date != y->date)
        return (x->date > y->date) - (x->date < y->date);
    /* the conference with the latest S47 start first; none last */
    return (x->s47_start < y->s47_start) - (x->s47_start > y->s47_start);
}

static void dedupe_conferences(struct o_la_data *d)
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

static lscb_err o_la_data_load(struct whdb *db, const char *la, struct o_la_data *d, struct lscb_error *e)
{
    memset(d, 0, sizeof *d);
    o_copy(d->la, sizeof d->la, la);
    /* one authority, or several (a regional aggregate: "201,202,...") */
    char in[512];
    if (wh_in_list(la, in, sizeof in) < 0)
        return lscb_fail(e, LSCB_EUSAGE, "'%s' is not an LA code or a list of them", la);
    lscb_err rc = query(db,
                        "SELECT p.child_id, p.start_date, p.end_date, p.latest_category, "
                        "p.previous_plans, c.birth_date, c.expected_birth_date, c.gender, "
                        "c.ethnicity FROM cpp p LEFT JOIN child c ON c.la_code = p.la_code AND "
                        "c.child_id = p.child_id WHERE p.la_code IN (%s) "
                        "ORDER BY p.child_id, p.start_date, p.referral_date",
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
    if (rc != LSCB_OK)
        o_la_data_release(d);
    return rc;
}

static void o_la_data_release(struct o_la_data *d)
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
    memset(d, 0, sizeof *d);
}
static bool in(lscb_date t, lscb_date a, lscb_date b)
{
    return t != DATE_NONE && t >= a && t <= b;
}

/* Working days from a to b, or -1 when the calendar cannot place a date
 * (noted in ctx->fault, for the run to stop on). */
static int wd_count(const struct measure_ctx *ctx, lscb_date a, lscb_date b, const char *what)
{
    int wd = wd_between(ctx->cal, a, b);
    if (wd < 0 && ctx->fault && ctx->fault->n++ == 0) {
        char x[11], y[11];
        date_format_iso(a, x);
        date_format_iso(b, y);
        text_fmt_cut(ctx->fault->msg, sizeof ctx->fault->msg, "%s from %s to %s: working days "
                     "cannot be counted outside %d-%d (the bank-holiday calendar)", what, x, y,
                     WD_FIRST_YEAR, WD_LAST_YEAR);
    }
    return wd;
}

/* Referrals in the period and those that are re-referrals: the child's
 * previous referral (episodes are ordered by child, then date) falls on or
 * after this date minus 12 months. */
static void referrals(const struct o_la_data *d, const struct measure_ctx *ctx, lscb_date s,
                      lscb_date e, struct measure_out *out)
{
    long n = 0, re = 0, assessed = 0;
    for (size_t i = 0; i < d->episodes.n; i++) {
        const struct o_episode *ep = &d->episodes.v[i];
        if (!in(ep->ref, s, e))
            continue;
        n++;
        assessed += ep->assessed;
        if (i > 0) {
            const struct o_episode *prev = &d->episodes.v[i - 1];
            if (!strcmp(prev->child_id, ep->child_id) && prev->ref < ep->ref &&
                prev->ref >= date_add_months(ep->ref, -12))
                re++;
        }
    }
    measure_count(out, "referrals", s, e, NULL, NULL, n);
    measure_count(out, "re_referrals", s, e, NULL, NULL, re);
    measure_pct(out, "re_referral_pct", s, e, re, n);
    measure_rate(out, "referral_rate", s, e, n, ctx->population);
    measure_pct(out, "referral_assessed_pct", s, e, assessed, n);
}

/* Assessments completed in the period, and those within 45 working days of
 * their start.  One whose dates fall outside the holiday calendar cannot be
 * timed: noted as a fault (the run stops on it). */
static void assessments(const struct o_la_data *d, const struct measure_ctx *ctx, lscb_date s,
                        lscb_date e, struct measure_out *out)
{
    long done = 0, timed = 0, timely = 0;
    for (size_t i = 0; i < d->assessments.n; i++) {
        const struct o_assessment *a = &d->assessments.v[i];
        if (!in(a->auth, s, e))
            continue;
        done++;
        int wd = wd_count(ctx, a->start, a->auth, "an assessment");
        if (wd < 0)
            continue;
        timed++;
        timely += wd <= 45;
    }
    measure_count(out, "assessments_completed", s, e, NULL, NULL, done);
    measure_pct(out, "assessment_timely_pct", s, e, timely, timed);
}

static void s47_and_conferences(const struct o_la_data *d, const struct measure_ctx *ctx,
                                lscb_date s, lscb_date e, struct measure_out *out)
{
    long started = 0, conferenced = 0;
    for (size_t i = 0; i < d->s47s.n; i++)
        if (in(d->s47s.v[i].start, s, e)) {
            started++;
            conferenced += d->s47s.v[i].conference;
        }
    long held = 0, timed = 0, within = 0, to_plan = 0;
    for (size_t i = 0; i < d->conferences.n; i++) {
        const struct o_conference *c = &d->conferences.v[i];
        if (!in(c->date, s, e))
            continue;
        held++;
        if (c->s47_start != DATE_NONE) {
            int wd = wd_count(ctx, c->s47_start, c->date,
                              "a section 47 enquiry to its conference");
            if (wd >= 0) {
                timed++;
                within += wd <= 15;
            }
        }
        to_plan += o_la_find_plan(d, c->child_id, c->date) != NULL;
    }
    measure_count(out, "s47_started", s, e, NULL, NULL, started);
    measure_pct(out, "s47_to_icpc_pct", s, e, conferenced, started);
    measure_rate(out, "s47_rate", s, e, started, ctx->population);
    measure_count(out, "icpc", s, e, NULL, NULL, held);
    measure_rate(out, "icpc_rate", s, e, held, ctx->population);
    measure_pct(out, "icpc_within_15wd_pct", s, e, within, timed);
    measure_pct(out, "icpc_to_cpp_pct", s, e, to_plan, held);
}

/* 2010-13 era assessments: completed in the period, and in time (initial:
 * 7 working days, 10 for periods ending after 31 March 2010; core: 35). */
static void legacy(const struct o_la_data *d, const struct measure_ctx *ctx, lscb_date s,
                   lscb_date e, struct measure_out *out)
{
    static const struct {
        const char *count, *pct;
        int kind;
    } kinds[] = {{"initial_assessments", "initial_assessment_timely_pct", 0},
                 {"core_assessments", "core_assessment_timely_pct", 1}};
    for (int k = 0; k < 2; k++) {
        const struct o_legacy_assessment *v = kinds[k].kind ? d->core.v : d->initial.v;
        size_t n = kinds[k].kind ? d->core.n : d->initial.n;
        if (n == 0) {
            measure_missing(out, kinds[k].count, s, e);
            measure_missing(out, kinds[k].pct, s, e);
            continue;
        }
        int limit = kinds[k].kind ? 35 : e > date_from_ymd(2010, 3, 31) ? 10 : 7;
        long done = 0, timed = 0, timely = 0;
        for (size_t i = 0; i < n; i++) {
            if (!in(v[i].done, s, e))
                continue;
            done++;
            int wd = wd_count(ctx, v[i].start, v[i].done, kinds[k].kind ? "a core assessment"
                                                                         : "an initial assessment");
            if (wd < 0)
                continue;
            timed++;
            timely += wd <= limit;
        }
        measure_count(out, kinds[k].count, s, e, NULL, NULL, done);
        measure_pct(out, kinds[k].pct, s, e, timely, timed);
    }
}

/* Strategy discussions come from a local extract; without one the counts
 * are unknown, not zero. */
static void strategy(const struct o_la_data *d, lscb_date s, lscb_date e, struct measure_out *out)
{
    if (d->strategies.n == 0) {
        measure_missing(out, "strategy_discussions", s, e);
        measure_missing(out, "strategy_to_s47", s, e);
        return;
    }
    long n = 0, to_s47 = 0;
    for (size_t i = 0; i < d->strategies.n; i++)
        if (in(d->strategies.v[i].date, s, e)) {
            n++;
            to_s47 += d->strategies.v[i].to_s47;
        }
    measure_count(out, "strategy_discussions", s, e, NULL, NULL, n);
    measure_count(out, "strategy_to_s47", s, e, NULL, NULL, to_s47);
}

static void o_measures_flow(const struct o_la_data *d, const struct measure_ctx *ctx, lscb_date start,
                   lscb_date end, struct measure_out *out)
{
    referrals(d, ctx, start, end, out);
    assessments(d, ctx, start, end, out);
    legacy(d, ctx, start, end, out);
    strategy(d, start, end, out);
    s47_and_conferences(d, ctx, start, end, out);
}
static bool o_reviews_in_time(const lscb_date *reviews, size_t n, lscb_date start, lscb_date d,
                         lscb_date known_from)
{
    lscb_date due = date_add_months(start, 3);
    lscb_date last = start;
    size_t k = 0;
    if (start < known_from && due < known_from) {
        /* reviews before known_from are not known */
        last = known_from - 1;
        due = date_add_months(known_from, 6);
    }
    while (due <= d) {
        /* the next review after the last one (reviews are ascending) */
        while (k < n && reviews[k] <= last)
            k++;
        if (k == n || reviews[k] > due)
            return false;
        last = reviews[k];
        due = date_add_months(last, 6);
    }
    return true;
}

static bool open_on(const struct o_plan *p, lscb_date d)
{
    return p->start <= d && (p->end == DATE_NONE || p->end > d);
}

/* Calls fn for each child with a plan open on d, with the child's last open
 * plan (plans are ordered by child, then start). */
static void each_open_child(const struct o_la_data *d, lscb_date end,
                            void (*fn)(const struct o_plan *p, void *ctx), void *ctx)
{
    const struct o_plan *v = d->plans.v;
    for (size_t i = 0; i < d->plans.n; i++) {
        if (!open_on(&v[i], end))
            continue;
        bool later = false;
        for (size_t j = i + 1; j < d->plans.n && !strcmp(v[j].child_id, v[i].child_id); j++)
            later |= open_on(&v[j], end);
        if (!later)
            fn(&v[i], ctx);
    }
}

struct tally {
    const char *dim;
    const struct band_set *bands;
    lscb_date end;
    long *counts;
    long total, outside;
};

/* Not yet born on d: no date of birth but an expected one, or born after d
 * (the age bands' "unborn" too). */
static bool unborn_on(const struct o_plan *p, lscb_date d)
{
    return p->birth == DATE_NONE ? p->expected != DATE_NONE : p->birth > d;
}

/* The sex code of a child on d: as returned, except that a child not yet
 * born on d is 0 (not known) on that date, as DfE codes unborn children,
 * whatever a later return (after the birth) says. */
static const char *gender_on(const struct o_plan *p, lscb_date d)
{
    return unborn_on(p, d) ? "0" : p->gender;
}

static void tally_one(const struct o_plan *p, void *ctx)
{
    struct tally *t = ctx;
    int k = -1;
    if (!strcmp(t->dim, "category"))
        k = category_index(p->category);
    else if (!strcmp(t->dim, "ethnicity"))
        k = ethnic_index(p->ethnicity);
    else if (!strcmp(t->dim, "gender"))
        k = gender_group_index(gender_on(p, t->end));
    else if (!strcmp(t->dim, "gender_code"))
        k = gender_code_index(gender_on(p, t->end));
    else if (!strcmp(t->dim, "duration"))
        k = band_duration(t->bands, p->start, t->end);
    else if (!strcmp(t->dim, "age"))
        k = band_age(t->bands, p->birth, p->expected, t->end);
    t->total++;
    if (k >= 0)
        t->counts[k]++;
    else
        t->outside++;
}

static long o_cpp_open_breakdown(const struct o_la_data *d, lscb_date end, const char *dim,
                        const struct band_set *bands, long counts[BANDS_MAX], long *outside)
{
    memset(counts, 0, BANDS_MAX * sizeof *counts);
    struct tally t = {dim, bands, end, counts, 0, 0};
    each_open_child(d, end, tally_one, &t);
    if (outside)
        *outside = t.outside;
    return t.total;
}

struct review_tally {
    const struct o_la_data *d;
    lscb_date end, known_from;
    long base, ok;
};

static void review_one(const struct o_plan *p, void *ctx)
{
    struct review_tally *r = ctx;
    if (date_add_months(p->start, 3) > r->end)
        return;
    r->base++;
    r->ok += o_reviews_in_time(r->d->reviews.v + p->rev_first, p->rev_n, p->start, r->end,
                                 r->known_from);
}

static void put_breakdown(struct measure_out *out, lscb_date start, lscb_date end,
                          const char *dim, const char *const *labels, int n, const long *counts,
                          const bool *show)
{
    for (int k = 0; k < n; k++)
        if (!show || show[k])
            measure_count(out, "cpp_open", start, end, dim, labels[k], counts[k]);
}

/* Children on a plan at `end`, with DESIGN's default breakdowns, the rate
 * and NI67. */
static void open_plans(const struct o_la_data *d, const struct measure_ctx *ctx, lscb_date start,
                       lscb_date end, struct measure_out *out)
{
    long c[BANDS_MAX], outside;
    const char *labels[BANDS_MAX];
    long total = o_cpp_open_breakdown(d, end, "category", NULL, c, NULL);
    measure_count(out, "cpp_open", start, end, NULL, NULL, total);
    put_breakdown(out, start, end, "category", category_labels, N_CATEGORY, c, NULL);

    o_cpp_open_breakdown(d, end, "duration", &bands_default_duration, c, NULL);
    for (int k = 0; k < bands_default_duration.n; k++)
        labels[k] = bands_default_duration.b[k].label;
    put_breakdown(out, start, end, "duration", labels, bands_default_duration.n, c, NULL);

    o_cpp_open_breakdown(d, end, "age", &bands_default_age, c, &outside);
    for (int k = 0; k < bands_default_age.n; k++)
        labels[k] = bands_default_age.b[k].label;
    put_breakdown(out, start, end, "age", labels, bands_default_age.n, c, NULL);
    /* rows every period has alike: the unknown-age row and the gender codes
     * appear when the authority's data uses them at all */
    bool any_unknown_age = false, used[N_GENDER_CODE] = {false};
    for (size_t i = 0; i < d->plans.n; i++) {
        const struct o_plan *p = &d->plans.v[i];
        any_unknown_age |= p->birth == DATE_NONE && p->expected == DATE_NONE;
        int k = gender_code_index(p->gender);
        if (k >= 0)
            used[k] = true;
        if (unborn_on(p, p->start))   /* on a plan before birth: 0 on some dates */
            used[gender_code_index("0")] = true;
    }
    if (any_unknown_age)
        measure_count(out, "cpp_open", start, end, "age", "not known", outside);
    o_cpp_open_breakdown(d, end, "gender_code", NULL, c, NULL);
    put_breakdown(out, start, end, "gender", gender_code_labels, N_GENDER_CODE, c, used);
    o_cpp_open_breakdown(d, end, "ethnicity", NULL, c, NULL);
    put_breakdown(out, start, end, "ethnicity", ethnic_labels, N_ETHNIC, c, NULL);

    measure_rate(out, "cpp_rate", start, end, total, ctx->population);
    struct review_tally r = {d, end, ctx->history_start, 0, 0};
    each_open_child(d, end, review_one, &r);
    measure_pct(out, "cpp_reviewed_in_time_pct", start, end, r.ok, r.base);
}

/* The child's previous plan: the latest one before v[i] in (child, start)
 * order that started earlier (a plan starting the same day under another
 * referral is not a previous plan, but one before both is). */
static const struct o_plan *previous_plan(const struct o_plan *v, size_t i)
{
    for (size_t j = i; j-- > 0 && !strcmp(v[j].child_id, v[i].child_id);)
        if (v[j].start < v[i].start)
            return &v[j];
    return NULL;
}

/* Plans started and ended in the period, repeats (NI65, within 12 months)
 * and long plans ended (NI64). */
static void plan_flows(const struct o_la_data *d, const struct measure_ctx *ctx, lscb_date s,
                       lscb_date e, struct measure_out *out)
{
    const struct o_plan *v = d->plans.v;
    long started = 0, ended = 0, repeat = 0, within12 = 0, long_ended = 0;
    for (size_t i = 0; i < d->plans.n; i++) {
        const struct o_plan *p = &v[i];
        if (p->end != DATE_NONE && p->end >= s && p->end <= e) {
            ended++;
            long_ended += p->end - p->start + 1 >= 730;
        }
        if (p->start < s || p->start > e)
            continue;
        started++;
        const struct o_plan *prev = previous_plan(v, i);
        if (p->previous > 0 || prev)
            repeat++;
        if (prev && prev->end != DATE_NONE && prev->end <= p->start &&
            p->start <= date_add_months(prev->end, 12))
            within12++;
    }
    measure_count(out, "cpp_started", s, e, NULL, NULL, started);
    measure_rate(out, "cpp_started_rate", s, e, started, ctx->population);
    measure_count(out, "cpp_ended", s, e, NULL, NULL, ended);
    measure_rate(out, "cpp_ended_rate", s, e, ended, ctx->population);
    measure_count(out, "cpp_change", s, e, NULL, NULL, started - ended);
    measure_pct(out, "cpp_second_or_subsequent_pct", s, e, repeat, started);
    measure_count(out, "cpp_repeat_within_12m", s, e, NULL, NULL, within12);
    measure_pct(out, "cpp_repeat_within_12m_pct", s, e, within12, repeat);
    measure_pct(out, "cpp_ended_2y_plus_pct", s, e, long_ended, ended);
}

static void o_measures_cpp(const struct o_la_data *d, const struct measure_ctx *ctx, lscb_date start,
                  lscb_date end, struct measure_out *out)
{
    open_plans(d, ctx, start, end, out);
    plan_flows(d, ctx, start, end, out);
}

/* every measure of one period, as measures_period computed it (no memo) */
static void o_measures_period(const struct o_la_data *d, const struct measure_ctx *ctx,
                              lscb_date start, lscb_date end, struct measure_out *out)
{
    o_measures_flow(d, ctx, start, end, out);
    o_measures_cpp(d, ctx, start, end, out);
}
