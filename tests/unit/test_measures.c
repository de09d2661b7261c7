/* test_measures.c — every measure on hand-built records.
 * Every expected figure here is worked out by hand in the comments. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"
#include "stats/measures.h"
#include "stats/cpr3.h"
#include "stats/dashboard.h"
#include "common/measure_defs.h"


static lscb_date D(const char *s)
{
    lscb_date d;
    if (!s)
        return DATE_NONE;
    assert_true(date_parse_iso(s, &d));
    return d;
}

/* plans must be added in (child, start) order, as the warehouse gives them */
static struct plan *add(struct la_data *s, const char *child, const char *start,
                        const char *end, const char *cat, const char *birth,
                        const char *expected, const char *gender, const char *eth)
{
    struct plan *p = LA_PUSH(s->plans);
    p->child = la_child(s, child);
    p->start = D(start);
    p->end = D(end);
    p->birth = D(birth);
    p->expected = D(expected);
    la_plan_codes(p, cat, gender, eth);
    return p;
}

/* a row's value as measures.csv writes it (a buffer per call, a few
 * calls in one expression at most) */
static const char *T(const struct measure_row *r)
{
    static char buf[8][32];
    static int k;
    char nu[24], de[24];
    char *v = buf[k++ % 8];
    measure_row_text(r, v, nu, de);
    return v;
}

/* value of a row of the year 2023-04-01..2024-03-31 */
static const char *V(const struct measure_out *o, const char *measure, const char *bd)
{
    lscb_date s = D("2023-04-01"), e = D("2024-03-31");
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->v[i].measure, measure) && !strcmp(o->v[i].breakdown, bd) &&
            o->v[i].start == s && o->v[i].end == e)
            return T(&o->v[i]);
    return "(missing)";
}

static void test_duration_bands(void **st)
{
    (void)st;
    /* start 2023-12-31: +3m = 2024-03-31 exactly -> still 0-3m (D <= start+3m) */
    assert_string_equal(cpp_duration_band(D("2023-12-31"), D("2024-03-31")), "0-3m");
    assert_string_equal(cpp_duration_band(D("2023-12-30"), D("2024-03-31")), "3-6m");
    /* 30 Nov + 3 months clamps to 29 Feb 2024 */
    assert_string_equal(cpp_duration_band(D("2023-11-30"), D("2024-02-29")), "0-3m");
    assert_string_equal(cpp_duration_band(D("2023-11-30"), D("2024-03-01")), "3-6m");
    /* 1 Oct + 6 months = 1 April, after D -> 3-6m; 30 Sep + 6m = 30 March -> 6-12m */
    assert_string_equal(cpp_duration_band(D("2023-10-01"), D("2024-03-31")), "3-6m");
    assert_string_equal(cpp_duration_band(D("2023-09-30"), D("2024-03-31")), "6-12m");
    /* exactly 12 months: 12-24m (start+12m <= D) */
    assert_string_equal(cpp_duration_band(D("2023-04-01"), D("2024-03-31")), "6-12m");
    assert_string_equal(cpp_duration_band(D("2023-03-31"), D("2024-03-31")), "12-24m");
    assert_string_equal(cpp_duration_band(D("2022-04-01"), D("2024-03-31")), "12-24m");
    assert_string_equal(cpp_duration_band(D("2022-03-31"), D("2024-03-31")), "24m+");
}

static void test_age_bands(void **st)
{
    (void)st;
    lscb_date d = D("2024-03-31");
    assert_string_equal(cpp_age_band(DATE_NONE, D("2024-05-01"), d), "unborn");
    assert_string_equal(cpp_age_band(D("2024-04-01"), DATE_NONE, d), "unborn");
    assert_string_equal(cpp_age_band(DATE_NONE, DATE_NONE, d), "not known");
    assert_string_equal(cpp_age_band(D("2024-03-31"), DATE_NONE, d), "under 1");
    assert_string_equal(cpp_age_band(D("2023-04-01"), DATE_NONE, d), "under 1");
    assert_string_equal(cpp_age_band(D("2023-03-31"), DATE_NONE, d), "1-4");
    assert_string_equal(cpp_age_band(D("2019-04-01"), DATE_NONE, d), "1-4");
    assert_string_equal(cpp_age_band(D("2019-03-31"), DATE_NONE, d), "5-9");
    assert_string_equal(cpp_age_band(D("2014-03-31"), DATE_NONE, d), "10-15");
    assert_string_equal(cpp_age_band(D("2008-04-01"), DATE_NONE, d), "10-15");
    assert_string_equal(cpp_age_band(D("2008-03-31"), DATE_NONE, d), "16+");
    /* leap-day birthday: 2020-02-29 is 4 on 2024-02-29, 3 the day before */
    assert_string_equal(cpp_age_band(D("2019-02-28"), DATE_NONE, D("2024-02-28")), "5-9");
}

static void test_ethnic_groups(void **st)
{
    (void)st;
    assert_string_equal(ethnicity_group("WBRI"), "White");
    assert_string_equal(ethnicity_group("WROM"), "White");
    assert_string_equal(ethnicity_group("MWBC"), "Mixed");
    assert_string_equal(ethnicity_group("ABAN"), "Asian");
    assert_string_equal(ethnicity_group("BCRB"), "Black");
    assert_string_equal(ethnicity_group("CHNE"), "Other");
    assert_string_equal(ethnicity_group("OOTH"), "Other");
    assert_string_equal(ethnicity_group("REFU"), "Not known");
    assert_string_equal(ethnicity_group("NOBT"), "Not known");
}

static void test_ratio_rounding(void **st)
{
    (void)st;
    char b[32];
    fmt_ratio_1dp(b, sizeof b, 1, 8, 100);   /* 12.5 */
    assert_string_equal(b, "12.5");
    fmt_ratio_1dp(b, sizeof b, 1, 16, 100);  /* 6.25 -> 6.3 (half up) */
    assert_string_equal(b, "6.3");
    fmt_ratio_1dp(b, sizeof b, 7, 27, 100);  /* 25.925.. -> 25.9 */
    assert_string_equal(b, "25.9");
    fmt_ratio_1dp(b, sizeof b, 137, 30668, 10000); /* 44.672... -> 44.7 */
    assert_string_equal(b, "44.7");
    fmt_ratio_1dp(b, sizeof b, 3, 0, 100);
    assert_string_equal(b, "");
}

static void test_cpp_year_edges(void **st)
{
    (void)st;
    struct la_data s = {0};
    /* A: ends 31 March 2024 -> not open on 31 March; ended in year */
    add(&s, "A", "2023-01-10", "2024-03-31", "NEG", "2015-06-01", NULL, "1", "WBRI");
    /* B: starts 1 April 2024 -> not open, not started in 2023-24 */
    add(&s, "B", "2024-04-01", NULL, "PHY", "2016-01-01", NULL, "2", "BAFR");
    /* C: two plans, the second open: counted once, as EMO, 0-3m */
    add(&s, "C", "2022-05-01", "2023-06-30", "NEG", "2012-04-01", NULL, "2", "MWBC");
    add(&s, "C", "2024-01-15", NULL, "EMO", "2012-04-01", NULL, "2", "MWBC");
    /* D: unborn, plan from 1 March 2024, open */
    add(&s, "D", "2024-03-01", NULL, "NEG", NULL, "2024-05-20", "0", "NOBT");
    /* E: open more than two years, starts 1 April 2023 boundary check elsewhere */
    add(&s, "E", "2021-11-30", NULL, "MUL", "2007-03-31", NULL, "1", "ABAN");
    /* F: starts 1 April 2023 (first day), still open: 6-12m */
    add(&s, "F", "2023-04-01", NULL, "SAB", "2020-02-29", NULL, "1", "CHNE");
    /* G: ended 1 April 2023 (in year); started before */
    add(&s, "G", "2022-10-01", "2023-04-01", "PHY", "2010-10-10", NULL, "2", "WOTH");
    struct measure_out o = {0};
    struct measure_ctx ctx = {.cal = &cal, .population = -1, .history_start = D("2000-04-01")};
    measures_cpp(&s, &ctx, D("2023-04-01"), D("2024-03-31"), &o);
    /* open on 31 March 2024: C, D, E, F */
    assert_string_equal(V(&o, "cpp_open", ""), "4");
    assert_string_equal(V(&o, "cpp_open", "category=EMO"), "1");
    assert_string_equal(V(&o, "cpp_open", "category=NEG"), "1");  /* D */
    assert_string_equal(V(&o, "cpp_open", "category=MUL"), "1");
    assert_string_equal(V(&o, "cpp_open", "category=SAB"), "1");
    assert_string_equal(V(&o, "cpp_open", "category=PHY"), "0");
    assert_string_equal(V(&o, "cpp_open", "duration=0-3m"), "2");  /* C, D */
    assert_string_equal(V(&o, "cpp_open", "duration=6-12m"), "1"); /* F */
    assert_string_equal(V(&o, "cpp_open", "duration=24m+"), "1");  /* E */
    assert_string_equal(V(&o, "cpp_open", "age=unborn"), "1");     /* D */
    assert_string_equal(V(&o, "cpp_open", "age=10-15"), "1");      /* C is 11 */
    assert_string_equal(V(&o, "cpp_open", "age=16+"), "1");        /* E turns 17 */
    assert_string_equal(V(&o, "cpp_open", "age=1-4"), "1");        /* F is 4 */
    assert_string_equal(V(&o, "cpp_open", "gender=2"), "1");
    assert_string_equal(V(&o, "cpp_open", "gender=1"), "2");
    assert_string_equal(V(&o, "cpp_open", "gender=0"), "1");
    assert_string_equal(V(&o, "cpp_open", "ethnicity=Mixed"), "1");
    assert_string_equal(V(&o, "cpp_open", "ethnicity=Not known"), "1");
    assert_string_equal(V(&o, "cpp_open", "ethnicity=Asian"), "1");
    assert_string_equal(V(&o, "cpp_open", "ethnicity=Other"), "1");
    assert_string_equal(V(&o, "cpp_open", "ethnicity=White"), "0");
    /* started in year: C2, D, F = 3; ended: A (31 Mar), C1 (30 Jun), G (1 Apr) = 3 */
    assert_string_equal(V(&o, "cpp_started", ""), "3");
    assert_string_equal(V(&o, "cpp_ended", ""), "3");
    measure_out_release(&o);
    la_data_release(&s);
}

static void test_year_has_quarters_and_months(void **st)
{
    (void)st;
    struct la_data s = {0};
    add(&s, "A", "2023-06-30", "2023-07-01", "NEG", "2015-06-01", NULL, "1", "WBRI");
    struct measure_out o = {0};
    struct measure_ctx ctx = {.cal = &cal, .population = -1, .history_start = D("2000-04-01")};
    measures_year(&s, &ctx, 2024, &o);
    /* 1 year + 4 quarters + 12 months periods, each with the same rows */
    size_t per = 0;
    for (size_t i = 0; i < o.n; i++)
        per += o.v[i].start == D("2023-04-01") && o.v[i].end == D("2024-03-31");
    assert_int_equal(o.n, per * 17);
    /* open at 30 June (end of Q1 and of June) but not at 31 July */
    int found = 0;
    for (size_t i = 0; i < o.n; i++) {
        const struct measure_row *r = &o.v[i];
        if (strcmp(r->measure, "cpp_open") || r->breakdown[0])
            continue;
        if (r->end == D("2023-06-30")) {
            assert_string_equal(T(r), "1");
            found++;
        }
        if (r->end == D("2023-07-31")) {
            assert_string_equal(T(r), "0");
            found++;
        }
    }
    assert_int_equal(found, 3); /* Q1, June, July */
    measure_out_release(&o);
    la_data_release(&s);
}


/* value, numerator and denominator of a row in [s, e] */
static const struct measure_row *R(const struct measure_out *o, const char *measure,
                                   const char *s, const char *e)
{
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->v[i].measure, measure) && !o->v[i].breakdown[0] &&
            o->v[i].start == D(s) && o->v[i].end == D(e))
            return &o->v[i];
    fail_msg("no row %s %s..%s", measure, s, e);
    return NULL;
}

static void expect(const struct measure_out *o, const char *measure, const char *value,
                   const char *num, const char *den)
{
    const struct measure_row *r = R(o, measure, "2023-04-01", "2024-03-31");
    char v[32], nu[24], de[24];
    measure_row_text(r, v, nu, de);
    if (strcmp(v, value) || strcmp(nu, num) || strcmp(de, den))
        fail_msg("%s: got value '%s' num '%s' den '%s', want '%s' '%s' '%s'", measure, v, nu, de,
                 value, num, den);
}

static void episode(struct la_data *d, const char *child, const char *ref)
{
    struct episode *ep = LA_PUSH(d->episodes);
    ep->child = la_child(d, child);
    ep->ref = D(ref);
    ep->close = DATE_NONE;
}

static void test_referrals(void **st)
{
    (void)st;
    struct la_data d = {0};
    /* R1: previous referral exactly 12 months before -> re-referral */
    episode(&d, "R1", "2022-06-15");
    episode(&d, "R1", "2023-06-15");
    /* R2: previous 12 months and 1 day before -> not */
    episode(&d, "R2", "2022-06-14");
    episode(&d, "R2", "2023-06-15");
    /* R3: leap day: 29 Feb 2024 - 12 months = 28 Feb 2023 (clamped): counts */
    episode(&d, "R3", "2023-02-28");
    episode(&d, "R3", "2024-02-29");
    /* R4: 27 Feb 2023 is before the window */
    episode(&d, "R4", "2023-02-27");
    episode(&d, "R4", "2024-02-29");
    /* R5: first referral only, on 31 March (in year) */
    episode(&d, "R5", "2024-03-31");
    /* R6: referral on 1 April 2024 is next year; the one before counts */
    episode(&d, "R6", "2023-04-01");
    episode(&d, "R6", "2024-04-01");
    struct measure_out o = {0};
    struct measure_ctx ctx = {.cal = &cal, .population = 30668,
                              .history_start = D("2000-04-01")};
    measures_flow(&d, &ctx, D("2023-04-01"), D("2024-03-31"), &o);
    /* in year: R1b R2b R3b R4b R5 R6a = 6; re-referrals R1b R3b = 2 */
    expect(&o, "referrals", "6", "", "");
    expect(&o, "re_referrals", "2", "", "");
    expect(&o, "re_referral_pct", "33.3", "2", "6");
    /* 6 / 30668 * 10000 = 1.956 -> 2.0 */
    expect(&o, "referral_rate", "2.0", "6", "30668");
    measure_out_release(&o);
    ctx.population = -1; /* unknown population: the rate is empty */
    measures_flow(&d, &ctx, D("2023-04-01"), D("2024-03-31"), &o);
    expect(&o, "referral_rate", "", "6", "");
    measure_out_release(&o);
    la_data_release(&d);
}

static void assessment(struct la_data *d, const char *start, const char *auth)
{
    struct assessment *a = LA_PUSH(d->assessments);
    a->start = D(start);
    a->auth = auth ? D(auth) : DATE_NONE;
}

static void test_assessments(void **st)
{
    (void)st;
    struct la_data d = {0};
    /* from Fri 21 Apr 2023, skipping the bank holidays of 1, 8 and 29 May:
     * Apr 24-28 = 5, May 2-5 = 9, 9-12 = 13, 15-19 = 18, 22-26 = 23,
     * 30 May-2 Jun = 27, Jun 5-9 = 32, 12-16 = 37, 19-23 = 42, 26, 27, 28 =
     * 45 on Wed 28 Jun; Thu 29 Jun is the 46th */
    assessment(&d, "2023-04-21", "2023-06-28");
    assessment(&d, "2023-04-21", "2023-06-29");
    assessment(&d, "2024-03-01", "2024-03-01"); /* same day: 0 */
    assessment(&d, "2023-03-01", NULL);          /* open: not completed */
    assessment(&d, "2023-01-01", "2023-03-31");  /* completed last year */
    struct measure_out o = {0};
    struct measure_ctx ctx = {.cal = &cal, .population = -1, .history_start = D("2000-04-01")};
    measures_flow(&d, &ctx, D("2023-04-01"), D("2024-03-31"), &o);
    expect(&o, "assessments_completed", "3", "", "");
    expect(&o, "assessment_timely_pct", "66.7", "2", "3");
    measure_out_release(&o);
    la_data_release(&d);
}

/* Census year 2038 (after the old holiday file's 2030): every timeliness
 * figure is there, counted over the computed holidays. */
static void test_timeliness_2038(void **st)
{
    (void)st;
    struct la_data d = {0};
    /* Thu 24 Dec 2037 to Thu 25 Feb 2038: 45 weekdays less Christmas (Fri
     * 25), Boxing Day moved to Mon 28, New Year (Fri 1 Jan) = 42: in time */
    assessment(&d, "2037-12-24", "2038-02-25");
    /* from Wed 2 Dec 2037: Thu 3 Dec .. Mon 8 Feb 2038 is 48 weekdays less 3
     * holidays = 45 (in time), Tue 9 Feb the 46th (late) */
    assessment(&d, "2037-12-02", "2038-02-08");
    assessment(&d, "2037-12-02", "2038-02-09");
    struct conference *c = LA_PUSH(d.conferences);
    c->child = la_child(&d, "K1");
    c->s47_start = D("2037-12-17");   /* Thu; 15 working days on: Tue 12 Jan 2038 */
    c->date = D("2038-01-12");
    struct measure_out o = {0};
    struct wd_fault fault = {0};
    struct measure_ctx ctx = {.cal = &cal, .fault = &fault, .population = -1,
                              .history_start = D("2000-04-01")};
    measures_flow(&d, &ctx, D("2037-04-01"), D("2038-03-31"), &o);
    const struct measure_row *a = R(&o, "assessment_timely_pct", "2037-04-01", "2038-03-31");
    assert_string_equal(T(a), "66.7");
    assert_true(a->has_den && a->den == 3);
    const struct measure_row *i = R(&o, "icpc_within_15wd_pct", "2037-04-01", "2038-03-31");
    assert_string_equal(T(i), "100.0");
    assert_int_equal(fault.n, 0);
    measure_out_release(&o);
    la_data_release(&d);
}

/* A date the calendar cannot place is a fault the run stops on, never a
 * figure quietly left out. */
static void test_calendar_fault(void **st)
{
    (void)st;
    struct la_data d = {0};
    assessment(&d, "1977-12-30", "2024-01-10");
    assessment(&d, "2024-01-02", "2024-01-10");
    struct measure_out o = {0};
    struct wd_fault fault = {0};
    struct measure_ctx ctx = {.cal = &cal, .fault = &fault, .population = -1,
                              .history_start = D("2000-04-01")};
    measures_flow(&d, &ctx, D("2023-04-01"), D("2024-03-31"), &o);
    assert_int_equal(fault.n, 1);
    assert_non_null(strstr(fault.msg, "an assessment from 1977-12-30 to 2024-01-10"));
    assert_non_null(strstr(fault.msg, "1978-9999"));
    measure_out_release(&o);
    la_data_release(&d);
}

/* value of a breakdown row of any period */
static const char *VB(const struct measure_out *o, const char *measure, const char *bd,
                      const char *s, const char *e)
{
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->v[i].measure, measure) && !strcmp(o->v[i].breakdown, bd) &&
            o->v[i].start == D(s) && o->v[i].end == D(e))
            return T(&o->v[i]);
    return "(missing)";
}

/* A child on a plan before birth is 0 (not known) in the gender breakdown
 * on a date before the birth, whatever the later return (after the birth)
 * says, and counts by that sex once born. */
static void test_unborn_gender_on_snapshot(void **st)
{
    (void)st;
    struct la_data s = {0};
    /* U: plan from 1 June 2023, born 15 November 2023; the 2024 return,
     * after the birth, says 1 (GenderCurrent male) */
    add(&s, "U", "2023-06-01", NULL, "NEG", "2023-11-15", NULL, "1", "WBRI");
    /* V: born long before, 2 */
    add(&s, "V", "2023-05-01", NULL, "NEG", "2015-01-01", NULL, "2", "WBRI");
    struct measure_out o = {0};
    struct measure_ctx ctx = {.cal = &cal, .population = -1, .history_start = D("2000-04-01")};
    measures_cpp(&s, &ctx, D("2023-07-01"), D("2023-09-30"), &o);   /* U unborn on 30 Sep */
    measures_cpp(&s, &ctx, D("2023-04-01"), D("2024-03-31"), &o);   /* born by 31 Mar */
    assert_string_equal(VB(&o, "cpp_open", "gender=0", "2023-07-01", "2023-09-30"), "1");
    assert_string_equal(VB(&o, "cpp_open", "gender=1", "2023-07-01", "2023-09-30"), "0");
    assert_string_equal(VB(&o, "cpp_open", "gender=2", "2023-07-01", "2023-09-30"), "1");
    assert_string_equal(VB(&o, "cpp_open", "age=unborn", "2023-07-01", "2023-09-30"), "1");
    assert_string_equal(VB(&o, "cpp_open", "gender=0", "2023-04-01", "2024-03-31"), "0");
    assert_string_equal(VB(&o, "cpp_open", "gender=1", "2023-04-01", "2024-03-31"), "1");
    /* the template's grouped breakdown too: Not known or unborn */
    long c[BANDS_MAX];
    assert_int_equal(cpp_open_breakdown(&s, D("2023-09-30"), "gender", NULL, c, NULL), 2);
    assert_int_equal(c[2], 1);   /* U */
    assert_int_equal(c[0], 0);   /* no Male yet */
    assert_int_equal(c[1], 1);   /* V */
    cpp_open_breakdown(&s, D("2024-03-31"), "gender", NULL, c, NULL);
    assert_int_equal(c[0], 1);
    assert_int_equal(c[2], 0);
    measure_out_release(&o);
    la_data_release(&s);
}

static void conference(struct la_data *d, const char *child, const char *date,
                       const char *s47)
{
    struct conference *c = LA_PUSH(d->conferences);
    c->child = la_child(d, child);
    c->date = D(date);
    c->s47_start = s47 ? D(s47) : DATE_NONE;
    if (s47) {
        struct s47 *s = LA_PUSH(d->s47s);
        s->start = D(s47);
    }
}

static void test_conferences(void **st)
{
    (void)st;
    struct la_data d = {0};
    /* C1: S47 Fri 28 Apr 2023, conference Mon 22 May: 14 working days
     * (1 and 8 May are bank holidays; without them it would be 16) */
    conference(&d, "C1", "2023-05-22", "2023-04-28");
    /* C2: conference Wed 24 May: 16 working days: late */
    conference(&d, "C2", "2023-05-24", "2023-04-28");
    /* C3: same-day conference: 0 working days */
    conference(&d, "C3", "2023-09-12", "2023-09-12");
    /* C4: conference returned only at CINdetails level: counted, not timed */
    conference(&d, "C4", "2023-10-02", NULL);
    /* C5: S47 started in March 2024, no conference */
    struct s47 *s = LA_PUSH(d.s47s);
    s->start = D("2024-03-20");
    /* plans: C1 and C4 start on the conference date, C3 the day after */
    add(&d, "C1", "2023-05-22", NULL, "NEG", "2015-01-01", NULL, "1", "WBRI");
    add(&d, "C3", "2023-09-13", NULL, "NEG", "2015-01-01", NULL, "1", "WBRI");
    add(&d, "C4", "2023-10-02", NULL, "NEG", "2015-01-01", NULL, "1", "WBRI");
    struct measure_out o = {0};
    struct measure_ctx ctx = {.cal = &cal, .population = -1, .history_start = D("2000-04-01")};
    measures_flow(&d, &ctx, D("2023-04-01"), D("2024-03-31"), &o);
    expect(&o, "s47_started", "4", "", "");
    expect(&o, "icpc", "4", "", "");
    expect(&o, "icpc_within_15wd_pct", "66.7", "2", "3"); /* C1, C3 of C1-C3 */
    expect(&o, "icpc_to_cpp_pct", "50.0", "2", "4");      /* C1, C4 */
    measure_out_release(&o);
    la_data_release(&d);
}

static void test_repeat_plans_and_ni64(void **st)
{
    (void)st;
    struct la_data d = {0};
    /* P1: an earlier plan held, yet NumberOfPreviousCPP 0: still a repeat;
     * started exactly 12 months after the previous end: within 12 months */
    add(&d, "P1", "2021-06-01", "2023-03-31", "NEG", "2015-01-01", NULL, "1", "WBRI");
    add(&d, "P1", "2024-03-31", NULL, "NEG", "2015-01-01", NULL, "1", "WBRI");
    /* P3: NumberOfPreviousCPP 2, no earlier plan held: a repeat, not timed */
    add(&d, "P3", "2023-07-01", NULL, "EMO", "2015-01-01", NULL, "2", "WBRI")->previous = 2;
    /* P4: previous ended 2022-10-01, new plan 2023-10-02: 12 months + 1 day */
    add(&d, "P4", "2021-10-01", "2022-10-01", "NEG", "2015-01-01", NULL, "1", "WBRI");
    add(&d, "P4", "2023-10-02", NULL, "NEG", "2015-01-01", NULL, "1", "WBRI");
    /* P5: first plan, NumberOfPreviousCPP 0 */
    add(&d, "P5", "2023-05-05", "2023-06-05", "NEG", "2015-01-01", NULL, "1", "WBRI");
    /* NI64: 2021-04-01 to 2023-03-31 (in year? no, ends 31 Mar 2023) -
     * so use P6: 2021-04-05 to 2023-04-04: 730 days exactly; P7 a day less */
    add(&d, "P6", "2021-04-05", "2023-04-04", "NEG", "2015-01-01", NULL, "1", "WBRI");
    add(&d, "P7", "2021-04-05", "2023-04-03", "NEG", "2015-01-01", NULL, "1", "WBRI");
    /* P8: two plans starting the same day under two referrals, after a plan
     * that ended 2023-01-01: both are repeats within 12 months (the earlier
     * plan is found past the same-day one) */
    add(&d, "P8", "2022-01-01", "2023-01-01", "NEG", "2015-01-01", NULL, "1", "WBRI");
    add(&d, "P8", "2023-06-01", NULL, "NEG", "2015-01-01", NULL, "1", "WBRI");
    add(&d, "P8", "2023-06-01", NULL, "PHY", "2015-01-01", NULL, "1", "WBRI");
    struct measure_out o = {0};
    struct measure_ctx ctx = {.cal = &cal, .population = -1, .history_start = D("2000-04-01")};
    measures_cpp(&d, &ctx, D("2023-04-01"), D("2024-03-31"), &o);
    /* started in year: P1b, P3, P4b, P5, P8b, P8c = 6;
     * repeats: P1b, P3, P4b, P8b, P8c = 5 */
    expect(&o, "cpp_started", "6", "", "");
    expect(&o, "cpp_second_or_subsequent_pct", "83.3", "5", "6");
    expect(&o, "cpp_repeat_within_12m", "3", "", "");          /* P1b, P8b, P8c */
    expect(&o, "cpp_repeat_within_12m_pct", "60.0", "3", "5");
    /* ended in year: P5, P6, P7 = 3 (P1a ended 31 Mar 2023: last year) */
    expect(&o, "cpp_ended", "3", "", "");
    expect(&o, "cpp_ended_2y_plus_pct", "33.3", "1", "3");     /* P6 */
    measure_out_release(&o);
    la_data_release(&d);
}

static void test_initial_assessment_days(void **st)
{
    (void)st;
    struct la_data d = {0};
    /* completed in 8 working days (Mon 1 to Wed 10 March 2010, and the same
     * span a year later): late in 2009-10 (7 days), in time from 2010-11 (10) */
    struct legacy_assessment *a = LA_PUSH(d.initial);
    a->start = D("2010-02-26");
    a->done = D("2010-03-10");
    a = LA_PUSH(d.initial);
    a->start = D("2011-02-25");
    a->done = D("2011-03-09");
    struct measure_out o = {0};
    struct measure_ctx ctx = {.cal = &cal, .population = -1, .history_start = D("2000-04-01")};
    measures_flow(&d, &ctx, D("2009-04-01"), D("2010-03-31"), &o);
    measures_flow(&d, &ctx, D("2010-04-01"), D("2011-03-31"), &o);
    const struct measure_row *r9 = R(&o, "initial_assessment_timely_pct", "2009-04-01",
                                     "2010-03-31");
    const struct measure_row *r0 = R(&o, "initial_assessment_timely_pct", "2010-04-01",
                                     "2011-03-31");
    assert_string_equal(T(r9), "0.0");
    assert_string_equal(T(r0), "100.0");
    /* no core assessments held: empty, not 0 */
    assert_string_equal(T(R(&o, "core_assessments", "2009-04-01", "2010-03-31")), "");
    measure_out_release(&o);
    la_data_release(&d);
}

static void with_reviews(struct la_data *d, struct plan *p, const char *const *revs, size_t n)
{
    p->rev_first = d->reviews.n;
    p->rev_n = n;
    for (size_t i = 0; i < n; i++)
        *LA_PUSH(d->reviews) = D(revs[i]);
}

static void test_reviews_ni67(void **st)
{
    (void)st;
    /* the rule itself: 30 Sep + 3 months = 30 Dec; the next review would be
     * due by 30 Jun 2024, after D */
    lscb_date r1[] = {D("2023-12-31")};
    assert_false(cpp_reviews_in_time(r1, 1, D("2023-09-30"), D("2024-03-31"), D("2022-04-01")));
    lscb_date on[] = {D("2023-12-30")};
    lscb_date late[] = {D("2024-01-01")};
    /* a plan from 2021 with history only from April 2022: the first review
     * known must be held by 1 Oct 2022, then every 6 months */
    lscb_date old_ok[] = {D("2022-09-30"), D("2023-03-30"), D("2023-09-29"), D("2024-03-28")};
    lscb_date old_late[] = {D("2022-10-02"), D("2023-03-30")};
    assert_true(cpp_reviews_in_time(old_ok, 4, D("2021-05-10"), D("2024-03-31"),
                                    D("2022-04-01")));
    assert_false(cpp_reviews_in_time(old_late, 2, D("2021-05-10"), D("2024-03-31"),
                                     D("2022-04-01")));
    assert_true(cpp_reviews_in_time(on, 1, D("2023-09-30"), D("2024-03-31"), D("2022-04-01")));
    assert_false(cpp_reviews_in_time(late, 1, D("2023-09-30"), D("2024-03-31"), D("2022-04-01")));

    struct la_data d = {0};
    /* V1: start 2023-06-15, review exactly 3 months later (15 Sep), next
     * exactly 6 months after that (15 Mar 2024): in time */
    static const char *const v1[] = {"2023-09-15", "2024-03-15"};
    with_reviews(&d, add(&d, "V1", "2023-06-15", NULL, "NEG", "2015-01-01", NULL, "1", "WBRI"),
                 v1, 2);
    /* V2: first review a day late (16 Sep) */
    static const char *const v2[] = {"2023-09-16", "2024-03-01"};
    with_reviews(&d, add(&d, "V2", "2023-06-15", NULL, "NEG", "2015-01-01", NULL, "1", "WBRI"),
                 v2, 2);
    /* V3: second review due 15 Mar 2024, held 16 Mar: late */
    static const char *const v3[] = {"2023-09-15", "2024-03-16"};
    with_reviews(&d, add(&d, "V3", "2023-06-15", NULL, "NEG", "2015-01-01", NULL, "1", "WBRI"),
                 v3, 2);
    /* V4: started 1 Jan 2024: + 3 months = 1 April, after D: not counted */
    add(&d, "V4", "2024-01-01", NULL, "NEG", "2015-01-01", NULL, "1", "WBRI");
    /* V5: started 31 Dec 2023: + 3 months = 31 Mar 2024 = D: counted, no
     * review yet: not in time */
    add(&d, "V5", "2023-12-31", NULL, "NEG", "2015-01-01", NULL, "1", "WBRI");
    /* V6: 30 Nov 2023 start: first review due 29 Feb 2024 (leap day clamp),
     * held 29 Feb: in time */
    static const char *const v6[] = {"2024-02-29"};
    with_reviews(&d, add(&d, "V6", "2023-11-30", NULL, "NEG", "2015-01-01", NULL, "1", "WBRI"),
                 v6, 1);
    struct measure_out o = {0};
    struct measure_ctx ctx = {.cal = &cal, .population = 40000, .history_start = D("2000-04-01")};
    measures_cpp(&d, &ctx, D("2023-04-01"), D("2024-03-31"), &o);
    expect(&o, "cpp_reviewed_in_time_pct", "40.0", "2", "5"); /* V1, V6 of V1-V3, V5, V6 */
    expect(&o, "cpp_open", "6", "", "");
    expect(&o, "cpp_rate", "1.5", "6", "40000");
    measure_out_release(&o);
    la_data_release(&d);
}


/* cpp_ended_rate: plans ended per 10,000 children 0-17.  Three plans end in
 * 2023-24 (one ended 31 March 2023, last year; one is open): 3 / 20,000 x
 * 10,000 = 1.5.  With no population known the rate is empty. */
static void test_plans_ended_rate(void **st)
{
    (void)st;
    struct la_data d = {0};
    add(&d, "E1", "2022-01-01", "2023-03-31", "NEG", "2015-01-01", NULL, "1", "WBRI");
    add(&d, "E2", "2022-06-01", "2023-04-01", "NEG", "2015-01-01", NULL, "1", "WBRI");
    add(&d, "E3", "2023-05-01", "2023-11-30", "PHY", "2015-01-01", NULL, "2", "WBRI");
    add(&d, "E4", "2023-07-01", "2024-03-31", "EMO", "2015-01-01", NULL, "2", "WBRI");
    add(&d, "E5", "2023-08-01", NULL, "EMO", "2015-01-01", NULL, "2", "WBRI");
    struct measure_out o = {0};
    struct measure_ctx ctx = {.cal = &cal, .population = 20000, .history_start = D("2000-04-01")};
    measures_cpp(&d, &ctx, D("2023-04-01"), D("2024-03-31"), &o);
    expect(&o, "cpp_ended", "3", "", "");
    expect(&o, "cpp_ended_rate", "1.5", "3", "20000");
    measure_out_release(&o);
    ctx.population = -1;
    measures_cpp(&d, &ctx, D("2023-04-01"), D("2024-03-31"), &o);
    expect(&o, "cpp_ended_rate", "", "3", "");
    measure_out_release(&o);
    la_data_release(&d);
}

/* The registry and the computations agree: every row the computations write
 * names a measure of the registry (a misspelt name would be a row nobody
 * can read), and every measure of the registry is computed (a row with no
 * computation would be an empty column), but for the benchmark-only measures
 * of the published tables, which never are.  CPR3 returns give the years before
 * the census; together with a census year every measure appears. */
static void test_registry_matches_computations(void **st)
{
    (void)st;
    struct la_data d = {0};
    add(&d, "R1", "2023-05-01", NULL, "NEG", "2015-01-01", NULL, "1", "WBRI");
    struct strategy *sd = LA_PUSH(d.strategies);
    sd->date = D("2023-06-01");
    sd->to_s47 = true;
    static const char *const items[] = {"children_on_plans_31_march", "registrations",
                                        "deregistrations", "previously_registered",
                                        "deregistered_2y_plus", "referrals", "re_referrals",
                                        "initial_assessments", "core_assessments"};
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        struct cpr3_item *c = LA_PUSH(d.cpr3);
        c->year = 2009;
        T_COPY(c->item, items[i]);
        c->value = 10;
    }
    struct measure_out o = {0};
    struct measure_ctx ctx = {.cal = &cal, .population = 20000, .history_start = D("2000-04-01")};
    measures_year(&d, &ctx, 2024, &o);
    cpr3_measures(&d, 2009, 20000, &o);
    for (size_t i = 0; i < o.n; i++)
        if (!measure_def_find(o.v[i].measure))
            fail_msg("computed measure '%s' is not in the registry (measure_defs.c)",
                     o.v[i].measure);
    for (size_t k = 0; k < measure_defs_count; k++) {
        bool found = false;
        for (size_t i = 0; i < o.n && !found; i++)
            found = !strcmp(o.v[i].measure, measure_defs[k].name);
        /* benchmark-only measures are published figures: never rows of
         * measures.csv (lscb-stats derives the authority's from these rows) */
        if (!found && !measure_defs[k].benchmark_only)
            fail_msg("measure '%s' of the registry is never computed", measure_defs[k].name);
        if (found && measure_defs[k].benchmark_only)
            fail_msg("measure '%s' is marked benchmark_only but computed",
                     measure_defs[k].name);
    }
    measure_out_release(&o);
    la_data_release(&d);
}

/* Values keep their type until written: a count is an integer, a
 * percentage its parts; the number and the text agree, rounded half up
 * from the counts (1 of 8 = 12.5%; 2 of 3 = 66.666... -> 66.7). */
/* The registry's references between rows (num_of, den_of, diff_of, inflow,
 * outflow) name rows of the right kind: the real table passes, and a
 * misspelt or wrong-kind name in a copy of it is caught. */
static void test_registry_references(void **st)
{
    (void)st;
    char msg[200] = "";
    assert_true(measure_defs_check(msg, sizeof msg));
    struct measure_def *t = malloc(measure_defs_count * sizeof *t);
    assert_non_null(t);
    memcpy(t, measure_defs, measure_defs_count * sizeof *t);
    struct measure_def *pct = NULL, *open = NULL, *change = NULL;
    for (size_t i = 0; i < measure_defs_count; i++) {
        if (!strcmp(t[i].name, "re_referral_pct"))
            pct = &t[i];
        if (t[i].breakdowns)
            open = &t[i];
        if (t[i].diff_of[0])
            change = &t[i];
    }
    assert_non_null(pct);
    assert_non_null(open);
    assert_non_null(change);
    assert_string_equal(pct->den_of, "referrals");
    const char *den = pct->den_of;
    pct->den_of = "referals";
    assert_false(measure_defs_check_table(t, measure_defs_count, msg, sizeof msg));
    assert_string_equal(msg, "re_referral_pct: den_of 'referals' is not a count of the registry");
    pct->den_of = "referral_rate"; /* a rate is not a count */
    assert_false(measure_defs_check_table(t, measure_defs_count, msg, sizeof msg));
    pct->den_of = den;
    const char *out = open->outflow;
    open->outflow = NULL;
    assert_false(measure_defs_check_table(t, measure_defs_count, msg, sizeof msg));
    assert_non_null(strstr(msg, "do not fit"));
    open->outflow = out;
    change->diff_of[1] = "cpp_endd";
    assert_false(measure_defs_check_table(t, measure_defs_count, msg, sizeof msg));
    change->diff_of[1] = "cpp_ended";
    open->breakdowns = false;
    assert_false(measure_defs_check_table(t, measure_defs_count, msg, sizeof msg));
    open->breakdowns = true;
    /* a name a template's field or a sheet id could not hold */
    const char *name = pct->name;
    pct->name = "re_referral_pct_of_all_referrals_in_year";   /* 40 */
    assert_false(measure_defs_check_table(t, measure_defs_count, msg, sizeof msg));
    assert_non_null(strstr(msg, "name longer than 39"));
    pct->name = name;
    assert_true(measure_defs_check_table(t, measure_defs_count, msg, sizeof msg));
    /* the benchmark and NI fields (compared_as, den_rate, short_title,
     * den_title, ni) that replaced tables keyed on measure names in
     * bench_sheets.c, funnel_pub.c, report_bench.c, report_funnel.c and
     * report_tables.c: a misspelt name is caught here, not an empty cell */
    struct measure_def *refs = NULL, *ni64 = NULL;
    for (size_t i = 0; i < measure_defs_count; i++) {
        if (!strcmp(t[i].name, "referrals"))
            refs = &t[i];
        if (!strcmp(t[i].name, "cpp_ended_2y_plus_pct"))
            ni64 = &t[i];
    }
    assert_non_null(refs);
    assert_non_null(ni64);
    assert_string_equal(refs->compared_as, "referral_rate");
    refs->compared_as = "referal_rate";
    assert_false(measure_defs_check_table(t, measure_defs_count, msg, sizeof msg));
    assert_string_equal(msg, "referrals: compared_as 'referal_rate' is not a rate or percentage "
                             "of the registry, or referrals is not a count");
    refs->compared_as = "cpp_open";   /* a count compares no count */
    assert_false(measure_defs_check_table(t, measure_defs_count, msg, sizeof msg));
    refs->compared_as = "referral_rate";
    assert_string_equal(ni64->den_rate, "cpp_ended_rate");
    ni64->den_rate = "cpp_ended";     /* a count, not a rate */
    assert_false(measure_defs_check_table(t, measure_defs_count, msg, sizeof msg));
    assert_non_null(strstr(msg, "den_rate 'cpp_ended' is not a rate"));
    ni64->den_rate = "cpp_ended_rate";
    const char *good = ni64->ni_good;
    ni64->ni_good = NULL;
    assert_false(measure_defs_check_table(t, measure_defs_count, msg, sizeof msg));
    ni64->ni_good = good;
    const char *st_ = ni64->short_title;
    ni64->short_title = "Plans ended after two years or more %";   /* over 29 */
    assert_false(measure_defs_check_table(t, measure_defs_count, msg, sizeof msg));
    ni64->short_title = st_;
    refs->den_title = "Referrals";    /* a count has no denominator */
    assert_false(measure_defs_check_table(t, measure_defs_count, msg, sizeof msg));
    refs->den_title = NULL;
    assert_true(measure_defs_check_table(t, measure_defs_count, msg, sizeof msg));
    /* the NIs of the 2011-12 report, each on its row */
    assert_string_equal(measure_def_find("cpp_second_or_subsequent_pct")->ni, "NI65");
    assert_string_equal(measure_def_find("cpp_reviewed_in_time_pct")->ni, "NI67");
    /* the Dashboard's list names registry rows */
    for (int i = 0; i < dashboard_nmeasures; i++)
        if (!measure_def_find(dashboard_measures[i]))
            fail_msg("dashboard measure '%s' is not in the registry", dashboard_measures[i]);
    assert_ptr_equal(measure_def_breakdowns(), measure_def_find("cpp_open"));
    free(t);
}

static void test_typed_values(void **st)
{
    (void)st;
    struct measure_out o = {0};
    lscb_date s = D("2023-04-01"), e = D("2024-03-31");
    measure_count(&o, "referrals", s, e, NULL, NULL, 1234567);
    measure_pct(&o, "re_referral_pct", s, e, 1, 8);
    measure_pct(&o, "icpc_to_cpp_pct", s, e, 2, 3);
    measure_pct(&o, "cpp_ended_2y_plus_pct", s, e, 0, 0);
    double v = 0;
    assert_int_equal(o.v[0].scale, 0);
    assert_int_equal(o.v[0].count, 1234567);
    assert_true(measure_row_value(&o.v[0], &v) && v == 1234567.0);
    assert_string_equal(T(&o.v[0]), "1234567");
    assert_int_equal(o.v[1].num, 1);
    assert_int_equal(o.v[1].den, 8);
    assert_true(measure_row_value(&o.v[1], &v) && v == 12.5);
    assert_string_equal(T(&o.v[1]), "12.5");
    assert_true(measure_row_value(&o.v[2], &v) && v == 66.7);
    assert_string_equal(T(&o.v[2]), "66.7");
    assert_false(measure_row_value(&o.v[3], &v));   /* zero denominator */
    assert_string_equal(T(&o.v[3]), "");
    measure_out_release(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duration_bands),  cmocka_unit_test(test_age_bands),
        cmocka_unit_test(test_ethnic_groups),   cmocka_unit_test(test_ratio_rounding),
        cmocka_unit_test(test_cpp_year_edges),  cmocka_unit_test(test_year_has_quarters_and_months),
        cmocka_unit_test(test_referrals),       cmocka_unit_test(test_assessments),
        cmocka_unit_test(test_conferences),     cmocka_unit_test(test_repeat_plans_and_ni64),
        cmocka_unit_test(test_reviews_ni67),    cmocka_unit_test(test_initial_assessment_days),
        cmocka_unit_test(test_plans_ended_rate),
        cmocka_unit_test(test_typed_values),    cmocka_unit_test(test_registry_references),
        cmocka_unit_test(test_registry_matches_computations),
        cmocka_unit_test(test_timeliness_2038), cmocka_unit_test(test_calendar_fault),
        cmocka_unit_test(test_unborn_gender_on_snapshot),
    };
    return cmocka_run_group_tests(tests, cal_setup, cal_teardown);
}
