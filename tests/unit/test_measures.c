/* test_measures.c — child protection plan measures on hand-built plans.
 * Every expected figure here is worked out by hand in the comments. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"
#include "measures.h"

static lscb_date D(const char *s)
{
    lscb_date d;
    if (!s)
        return DATE_NONE;
    assert_true(date_parse_iso(s, &d));
    return d;
}

static void add(struct plan_set *s, const char *child, const char *start, const char *end,
                const char *cat, const char *birth, const char *expected, const char *gender,
                const char *eth)
{
    s->v = realloc(s->v, (s->n + 1) * sizeof *s->v);
    struct plan *p = &s->v[s->n++];
    memset(p, 0, sizeof *p);
    snprintf(p->child_id, sizeof p->child_id, "%s", child);
    p->start = D(start);
    p->end = D(end);
    snprintf(p->category, sizeof p->category, "%s", cat);
    p->birth = D(birth);
    p->expected = D(expected);
    snprintf(p->gender, sizeof p->gender, "%s", gender);
    snprintf(p->ethnicity, sizeof p->ethnicity, "%s", eth);
}

/* value of a row of the year 2023-04-01..2024-03-31 */
static const char *V(const struct measure_out *o, const char *measure, const char *bd)
{
    lscb_date s = D("2023-04-01"), e = D("2024-03-31");
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->v[i].measure, measure) && !strcmp(o->v[i].breakdown, bd) &&
            o->v[i].start == s && o->v[i].end == e)
            return o->v[i].value;
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
    struct plan_set s = {0};
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
    measures_cpp(&s, D("2023-04-01"), D("2024-03-31"), &o);
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
    free(s.v);
}

static void test_year_has_quarters_and_months(void **st)
{
    (void)st;
    struct plan_set s = {0};
    add(&s, "A", "2023-06-30", "2023-07-01", "NEG", "2015-06-01", NULL, "1", "WBRI");
    struct measure_out o = {0};
    measures_year(&s, 2024, &o);
    /* 1 year + 4 quarters + 12 months periods, each with 2 + 25 rows */
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
            assert_string_equal(r->value, "1");
            found++;
        }
        if (r->end == D("2023-07-31")) {
            assert_string_equal(r->value, "0");
            found++;
        }
    }
    assert_int_equal(found, 3); /* Q1, June, July */
    measure_out_release(&o);
    free(s.v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duration_bands),  cmocka_unit_test(test_age_bands),
        cmocka_unit_test(test_ethnic_groups),   cmocka_unit_test(test_ratio_rounding),
        cmocka_unit_test(test_cpp_year_edges),  cmocka_unit_test(test_year_has_quarters_and_months),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
