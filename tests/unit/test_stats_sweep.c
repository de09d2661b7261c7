/*
 * test_stats_sweep.c — the measures computed from compact arrays (each
 * table read once, records sorted by date with running counts: sweep.h)
 * against the oracle: the code they replaced (stats_oracle.c, every table
 * read in SQL's order into structs of strings, every period a scan of every
 * record).  Random synthetic authorities are written into an SQLite
 * warehouse, read by both, and every measure of many periods (years,
 * quarters, months, two-month periods, random ones) and every breakdown on
 * many dates must be the same, row for row, value for value, and so must
 * the calendar faults noted.  The records aim at the edges: leap days,
 * periods' first and last days, plans ending on 31 March, two plans of a
 * child starting on one day, unborn children, children without a child
 * record, episodes spanning census years, reviews returned twice or for no
 * plan held, dates outside the working-day calendar, an aggregate of two
 * authorities and one authority of two.
 *
 * LSCB_SWEEP_SEED=N runs seed N as well (the seed of a failure is printed).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "testutil.h"
#include "stats/measures.h"
#include "common/text.h"
#include "common/warehouse.h"

#include "stats_oracle.c"

static unsigned long long rng_state;

static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return n ? (unsigned)((rng_state >> 33) % n) : 0;
}

static lscb_date ymd(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

/* A date in 2018-2025, often on an edge: 28/29 February, 31 March,
 * 1 April, a month's first or last day. */
static lscb_date some_date(void)
{
    int y = 2018 + (int)rnd(8);
    switch (rnd(8)) {
    case 0: return date_valid_ymd(y, 2, 29) ? ymd(y, 2, 29) : ymd(y, 2, 28);
    case 1: return ymd(y, 3, 31);
    case 2: return ymd(y, 4, 1);
    case 3: return date_add_months(ymd(y, 1 + (int)rnd(12), 1), 1) - 1;
    default: return ymd(y, 1, 1) + (int)rnd(365);
    }
}

/* Days after d, often a whole number of months or 730 days (NI64's edge). */
static lscb_date later(lscb_date d)
{
    switch (rnd(6)) {
    case 0: return d + 729;
    case 1: return d + 728;
    case 2: return date_add_months(d, 3 * (int)rnd(9));
    case 3: return d;
    default: return d + (int)rnd(900);
    }
}

struct sql {
    char *v;
    size_t n, cap;
};

static void put(struct sql *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct sql *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[1024];
    int k = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    assert_true(k > 0 && (size_t)k < sizeof buf);
    if (s->n + (size_t)k + 1 > s->cap) {
        s->cap = (s->n + (size_t)k + 1) * 2;
        s->v = realloc(s->v, s->cap);
        assert_non_null(s->v);
    }
    memcpy(s->v + s->n, buf, (size_t)k + 1);
    s->n += (size_t)k;
}

/* 'YYYY-MM-DD' or NULL */
static const char *q(lscb_date d, char buf[16])
{
    if (d == DATE_NONE)
        return "NULL";
    char iso[11];
    date_format_iso(d, iso);
    assert_int_equal(text_fmt(buf, 16, "'%s'", iso), 0);
    return buf;
}

/* Statements ordered at random: the tables' storage order is not the
 * order the measures need. */
struct stmts {
    char **v;
    size_t n, cap;
};

static void stmt(struct stmts *st, struct sql *s)
{
    if (st->n == st->cap) {
        st->cap = st->cap ? 2 * st->cap : 256;
        st->v = realloc(st->v, st->cap * sizeof *st->v);
        assert_non_null(st->v);
    }
    st->v[st->n++] = s->v;
    memset(s, 0, sizeof *s);
}

static void shuffle_exec(struct whdb *db, struct stmts *st)
{
    for (size_t i = st->n; i > 1; i--) {
        size_t j = rnd((unsigned)i);
        char *t = st->v[i - 1];
        st->v[i - 1] = st->v[j];
        st->v[j] = t;
    }
    struct lscb_error e = {0};
    for (size_t i = 0; i < st->n; i++) {
        if (wh_exec(db, st->v[i], &e) != LSCB_OK)
            fail_msg("%s: %s", st->v[i], e.msg);
        free(st->v[i]);
    }
    st->n = 0;
}

static const char *const genders[] = {"1", "2", "0", "9", "M", "F", "U", "", "X"};
static const char *const ethnics[] = {"WBRI", "MWBC", "AIND", "BCRB", "CHNE", "OOTH",
                                      "REFU", "NOBT", "",     "ZZZZ", "WIRT"};
static const char *const categories[] = {"NEG", "PHY", "SAB", "EMO", "MUL", "", "XYZ"};

/* One authority's records. */
static void authority(struct whdb *db, const char *la, int children, bool legacy_era)
{
    struct stmts st = {0};
    struct sql s = {0};
    char b1[16], b2[16], b3[16], b4[16];
    for (int c = 0; c < children; c++) {
        char id[40];
        assert_int_equal(text_fmt(id, sizeof id, "%s%08x", la, rnd(0xFFFFFFFFu)), 0);
        lscb_date birth = rnd(6) ? some_date() - 365 * (int)rnd(18) : DATE_NONE;
        lscb_date expected = DATE_NONE;
        if (rnd(5) == 0) {   /* unborn at first: an expected date, born later or never */
            expected = some_date();
            birth = rnd(2) ? expected + (int)rnd(20) : DATE_NONE;
        }
        if (rnd(12)) {       /* else no child record: the plans' details are empty */
            put(&s, "INSERT INTO census_child (la_code, census_year, child_id, birth_date, "
                "expected_birth_date, gender, ethnicity) VALUES ('%s', 2024, '%s', %s, %s, "
                "'%s', '%s')", la, id, q(birth, b1), q(expected, b2), genders[rnd(9)],
                ethnics[rnd(11)]);
            stmt(&st, &s);
        }
        int nep = (int)rnd(5);
        lscb_date refs[8];
        int nref = 0;
        lscb_date ref = some_date() - 400;
        for (int k = 0; k < nep; k++) {
            ref = rnd(4) ? ref + 1 + (int)rnd(500) : date_add_months(ref, 12); /* 12 months: the edge */
            refs[nref++] = ref;
            lscb_date close = rnd(3) ? later(ref) : DATE_NONE;
            lscb_date icpc = rnd(4) == 0 ? ref + (int)rnd(40) : DATE_NONE;
            put(&s, "INSERT INTO census_episode (la_code, census_year, child_id, referral_date, "
                "closure_date, date_initial_cpc) VALUES ('%s', 2024, '%s', %s, %s, %s)", la, id,
                q(ref, b1), q(close, b2), q(icpc, b3));
            stmt(&st, &s);
            int na = (int)rnd(3);
            for (int a = 0; a < na; a++) {
                lscb_date start = ref + a * 3 + (int)rnd(3);
                if (rnd(60) == 0)
                    start = ymd(1975, 6, 1);   /* before the calendar: a fault */
                lscb_date auth = rnd(5) ? start + (int)rnd(90) : DATE_NONE;
                put(&s, "INSERT INTO census_assessment "
                    "(la_code, census_year, child_id, referral_date, "
                    "start_date, authorisation_date) VALUES ('%s', 2024, '%s', %s, %s, %s)", la,
                    id, q(ref, b1), q(start, b2), q(auth, b3));
                stmt(&st, &s);
            }
            if (rnd(3) == 0) {
                lscb_date s47 = ref + (int)rnd(10);
                if (rnd(80) == 0)
                    s47 = ymd(1977, 12, 30);
                lscb_date conf = rnd(3) ? (icpc != DATE_NONE && rnd(2) ? icpc : s47 + (int)rnd(30))
                                        : DATE_NONE;
                put(&s, "INSERT INTO census_s47 (la_code, census_year, child_id, referral_date, "
                    "start_date, date_initial_cpc) VALUES ('%s', 2024, '%s', %s, %s, %s)", la, id,
                    q(ref, b1), q(s47, b2), q(conf, b3));
                stmt(&st, &s);
                if (conf != DATE_NONE && rnd(2))
                    refs[nref++ % 8] = conf;   /* a plan may start on it */
            }
            if (legacy_era && rnd(2)) {
                lscb_date ls = ymd(2009 + (int)rnd(4), 1 + (int)rnd(12), 1 + (int)rnd(28));
                lscb_date ld = rnd(4) ? ls + (int)rnd(60) : DATE_NONE;
                put(&s, "INSERT INTO %s (la_code, census_year, child_id, referral_date, "
                    "start_date, completion_date) VALUES ('%s', 2013, '%s', %s, %s, %s)",
                    rnd(2) ? "census_initial_assessment" : "census_core_assessment", la, id,
                    q(ref, b1),
                    q(ls, b2), q(ld, b3));
                stmt(&st, &s);
            }
        }
        int nplan = rnd(2) ? (int)rnd(4) : 0;
        lscb_date start = nref ? refs[rnd((unsigned)nref)] : some_date();
        for (int k = 0; k < nplan; k++) {
            if (k > 0)
                start = rnd(5) == 0 ? start : start + 1 + (int)rnd(700);  /* same day: a tie */
            lscb_date end = rnd(3) ? later(start) : DATE_NONE;
            if (end != DATE_NONE && rnd(4) == 0) {   /* ending on 31 March */
                int y, m, dd;
                date_to_ymd(end, &y, &m, &dd);
                end = ymd(m > 3 ? y + 1 : y, 3, 31);
            }
            lscb_date pref = start - (int)rnd(3) - k * 1000;   /* distinct referral per plan */
            char prev[12];
            snprintf(prev, sizeof prev, "%d", (int)rnd(3));
            put(&s, "INSERT INTO census_cpp "
                "(la_code, census_year, child_id, referral_date, start_date, "
                "end_date, latest_category, previous_plans) VALUES ('%s', 2024, '%s', %s, %s, %s, "
                "'%s', %s)", la, id, q(pref, b1), q(start, b2), q(end, b3),
                categories[rnd(7)], rnd(6) ? prev : "NULL");
            stmt(&st, &s);
            lscb_date r = date_add_months(start, 3) + (int)rnd(7) - 3;
            for (int k2 = 0; k2 < 6 && rnd(5); k2++) {
                put(&s, "INSERT INTO census_cpp_review "
                    "(la_code, census_year, child_id, referral_date, "
                    "cpp_start_date, review_date) VALUES ('%s', 2024, '%s', %s, %s, %s)", la, id,
                    q(pref, b1), q(start, b2), q(r, b3));
                stmt(&st, &s);
                if (rnd(8) == 0) {   /* the same review under another referral */
                    put(&s, "INSERT INTO census_cpp_review "
                                "(la_code, census_year, child_id, "
                        "referral_date, cpp_start_date, review_date) VALUES ('%s', 2024, '%s', "
                        "%s, %s, %s)", la, id, q(pref - 1, b1), q(start, b2), q(r, b3));
                    stmt(&st, &s);
                }
                r = date_add_months(r, 6) + (int)rnd(9) - 6;
            }
            if (rnd(20) == 0) {   /* a review of a plan not held */
                put(&s, "INSERT INTO census_cpp_review "
                    "(la_code, census_year, child_id, referral_date, "
                    "cpp_start_date, review_date) VALUES ('%s', 2024, '%s', %s, %s, %s)", la, id,
                    q(pref, b1), q(start + 1, b2), q(start + 100, b4));
                stmt(&st, &s);
            }
        }
    }
    for (int k = 0; k < children / 4; k++) {
        put(&s, "INSERT INTO census_strategy "
                    "(la_code, census_year, child_id, discussion_date, outcome) "
            "VALUES ('%s', 2024, 'S%d', %s, '%s')", la, k, q(some_date(), b1),
            rnd(2) ? "S47" : "NFA");
        stmt(&st, &s);
    }
    put(&s, "INSERT INTO load_log (la_code, census_year, source_file, records) VALUES ('%s', "
        "2024, 'synthetic.xml', 1)", la);
    stmt(&st, &s);
    shuffle_exec(db, &st);
    free(st.v);
}

static bool same_row(const struct measure_row *a, const struct measure_row *b)
{
    return !strcmp(a->measure, b->measure) && a->start == b->start && a->end == b->end &&
           !strcmp(a->breakdown, b->breakdown) && a->scale == b->scale &&
           a->has_value == b->has_value && a->count == b->count && a->has_num == b->has_num &&
           a->has_den == b->has_den && a->num == b->num && a->den == b->den;
}

/* The periods asked of the records loaded last. */
static struct seen {
    lscb_date s, e, hist;
    long pop;
} seen[4096];
static size_t nseen;

static void compare_period(const struct o_la_data *od, const struct la_data *nd,
                           const struct measure_ctx *octx, const struct measure_ctx *nctx,
                           lscb_date s, lscb_date e, unsigned long long seed)
{
    struct measure_out a = {0}, b = {0};
    /* lscb-stats computed a period once (its memo): asked again, the
     * oracle's faults are not counted again */
    bool again = false;
    for (size_t i = 0; i < nseen && !again; i++)
        again = seen[i].s == s && seen[i].e == e && seen[i].hist == octx->history_start &&
                seen[i].pop == octx->population;
    if (!again) {
        assert_true(nseen < sizeof seen / sizeof *seen);
        seen[nseen++] = (struct seen){s, e, octx->history_start, octx->population};
    }
    struct wd_fault before = *octx->fault;
    o_measures_period(od, octx, s, e, &a);
    if (again)
        *octx->fault = before;
    measures_period(nd, nctx, s, e, &b);
    /* a measure added since the oracle was kept is left out of the
     * comparison: every measure the oracle computes must be there, alike */
    size_t k = 0;
    for (size_t i = 0; i < b.n; i++) {
        bool known = false;
        for (size_t j = 0; j < a.n && !known; j++)
            known = !strcmp(a.v[j].measure, b.v[i].measure);
        if (known)
            b.v[k++] = b.v[i];
    }
    b.n = k;
    char si[11], ei[11];
    date_format_iso(s, si);
    date_format_iso(e, ei);
    if (a.n != b.n)
        fail_msg("seed %llu, %s..%s: %zu rows, oracle %zu", seed, si, ei, b.n, a.n);
    for (size_t i = 0; i < a.n; i++)
        if (!same_row(&a.v[i], &b.v[i])) {
            char av[32], an[24], ad[24], bv[32], bn[24], bd[24];
            measure_row_text(&a.v[i], av, an, ad);
            measure_row_text(&b.v[i], bv, bn, bd);
            fail_msg("seed %llu, %s..%s: %s %s: %s (%s/%s), oracle %s %s: %s (%s/%s)", seed, si,
                     ei, b.v[i].measure, b.v[i].breakdown, bv, bn, bd, a.v[i].measure,
                     a.v[i].breakdown, av, an, ad);
        }
    if (octx->fault->n != nctx->fault->n || strcmp(octx->fault->msg, nctx->fault->msg))
        fail_msg("seed %llu, %s..%s: faults %ld '%s', oracle %ld '%s'", seed, si, ei,
                 nctx->fault->n, nctx->fault->msg, octx->fault->n, octx->fault->msg);
    measure_out_release(&a);
    measure_out_release(&b);
}

static struct band_set months_bands(void)
{
    /* completed months, as the 2011-12 report bands them */
    struct band_set bs = {.name = "months", .method = BANDS_COMPLETED_MONTHS, .n = 4};
    bs.b[0] = (struct band){"0-3", true, 0, 3, false};
    bs.b[1] = (struct band){"4-6", true, 4, 6, false};
    bs.b[2] = (struct band){"7-12", true, 7, 12, false};
    bs.b[3] = (struct band){"over 24", true, 25, -1, false};   /* 13-24 in none */
    return bs;
}

static void compare_breakdowns(const struct o_la_data *od, const struct la_data *nd, lscb_date on,
                               unsigned long long seed)
{
    static const char *const dims[] = {"category", "ethnicity", "gender", "gender_code",
                                       "duration", "age", "no_such_dimension"};
    struct band_set months = months_bands();
    const struct band_set *sets[] = {&bands_default_duration, &bands_default_age, &months};
    for (size_t k = 0; k < sizeof dims / sizeof *dims; k++)
        for (size_t b = 0; b < 3; b++) {
            long oc[BANDS_MAX], nc[BANDS_MAX], oo = -1, no = -1;
            long ot = o_cpp_open_breakdown(od, on, dims[k], sets[b], oc, &oo);
            long nt = cpp_open_breakdown(nd, on, dims[k], sets[b], nc, &no);
            char iso[11];
            date_format_iso(on, iso);
            if (ot != nt || oo != no || memcmp(oc, nc, sizeof oc))
                fail_msg("seed %llu: %s on %s (bands %zu): total %ld outside %ld, oracle %ld %ld",
                         seed, dims[k], iso, b, nt, no, ot, oo);
        }
}

/* One warehouse: authorities 801 (legacy era too) and 802. */
static void one_seed(unsigned long long seed)
{
    rng_state = seed;
    char path[] = "/tmp/lscb-sweep-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    struct lscb_error e = {0};
    struct whdb *db = NULL;
    if (wh_open(path, true, &db, &e) != LSCB_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(wh_exec(db, "PRAGMA synchronous=OFF; PRAGMA journal_mode=MEMORY", &e),
                     LSCB_OK);
    assert_int_equal(wh_exec(db, "BEGIN", &e), LSCB_OK);
    authority(db, "801", 120 + (int)rnd(120), true);
    authority(db, "802", 60 + (int)rnd(60), false);
    assert_int_equal(wh_exec(db, "COMMIT", &e), LSCB_OK);
    /* the key indexes, as every load leaves them: the oracle's ORDER BY
     * kept ties (two plans of a child starting on one day) in their order */
    if (wh_index(db, &e) != LSCB_OK)
        fail_msg("%s", e.msg);
    /* an aggregate of both (every authority: read by table scans), then each
     * alone (one of two: read through the key index) */
    static const char *const las[] = {"801,802", "801", "802"};
    for (size_t l = 0; l < 3; l++) {
        struct o_la_data od;
        struct la_data nd;
        if (o_la_data_load(db, las[l], &od, &e) != LSCB_OK || la_data_load(db, las[l], &nd, &e))
            fail_msg("%s", e.msg);
        assert_int_equal(od.plans.n, nd.plans.n);
        assert_int_equal(od.episodes.n, nd.episodes.n);
        assert_int_equal(od.conferences.n, nd.conferences.n);
        assert_int_equal(od.reviews.n, nd.reviews.n);
        assert_int_equal(od.reviews_unattached, nd.reviews_unattached);
        assert_true(nd.plans.n > 20 && nd.episodes.n > 50 && nd.conferences.n > 5);
        struct wd_fault of = {0}, nf = {0};
        nseen = 0;
        for (int h = 0; h < 2; h++) {
            lscb_date hist = h ? ymd(2021, 4, 1) : ymd(2017, 4, 1);
            long pop = h ? 23456 : -1;
            struct measure_ctx octx = {.cal = &cal, .fault = &of, .population = pop,
                                       .history_start = hist};
            struct measure_ctx nctx = octx;
            nctx.fault = &nf;
            for (int y = 2018; y <= 2026; y++) {
                lscb_date ys = census_year_start(y);
                compare_period(&od, &nd, &octx, &nctx, ys, census_year_end(y), seed);
                for (int m = 0; m < 12; m++) {
                    compare_period(&od, &nd, &octx, &nctx, date_add_months(ys, m),
                                   date_add_months(ys, m + 1) - 1, seed);
                    if (m % 3 == 0)
                        compare_period(&od, &nd, &octx, &nctx, date_add_months(ys, m),
                                       date_add_months(ys, m + 3) - 1, seed);
                    if (m % 2 == 0)
                        compare_period(&od, &nd, &octx, &nctx, date_add_months(ys, m),
                                       date_add_months(ys, m + 2) - 1, seed);
                }
                /* the year again: the kept rows */
                compare_period(&od, &nd, &octx, &nctx, ys, census_year_end(y), seed);
                compare_breakdowns(&od, &nd, census_year_end(y), seed);
            }
            for (int k = 0; k < 40; k++) {
                lscb_date a = some_date(), b = a + (int)rnd(800) - 20;
                compare_period(&od, &nd, &octx, &nctx, a, b, seed);
                compare_breakdowns(&od, &nd, some_date(), seed);
            }
            compare_period(&od, &nd, &octx, &nctx, ymd(2009, 4, 1), ymd(2010, 3, 31), seed);
            compare_period(&od, &nd, &octx, &nctx, ymd(2010, 4, 1), ymd(2013, 3, 31), seed);
        }
        o_la_data_release(&od);
        la_data_release(&nd);
    }
    wh_close(db);
    unlink(path);
}

static void test_sweep_equals_oracle(void **st)
{
    (void)st;
    static const unsigned long long seeds[] = {1, 2, 3, 20241, 77};
    size_t n = sizeof seeds / sizeof *seeds;
    /* LSCB_TEST_ROUNDS (make valgrind): fewer */
    const char *rounds = getenv("LSCB_TEST_ROUNDS");
    long r;
    if (rounds && text_long(rounds, &r) && r > 0 && (size_t)r < n)
        n = (size_t)r;
    for (size_t i = 0; i < n; i++)
        one_seed(seeds[i]);
    const char *more = getenv("LSCB_SWEEP_SEED");
    if (more && *more) {
        char *end;
        unsigned long long s = strtoull(more, &end, 10);
        assert_true(*end == '\0');
        one_seed(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sweep_equals_oracle),
    };
    return cmocka_run_group_tests(tests, cal_setup, cal_teardown);
}
