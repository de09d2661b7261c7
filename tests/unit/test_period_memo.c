/*
 * test_period_memo.c — measures_period keeps each period's rows in the
 * records' memo (stats computes a period once, however many tables ask for
 * it): the rows it hands back are those a fresh computation gives, for the
 * same period and context, and a change of period or population is
 * computed anew, never served from the memo.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "stats/measures.h"

static lscb_date D(const char *s)
{
    lscb_date d;
    assert_true(date_parse_iso(s, &d));
    return d;
}

static void referral(struct la_data *d, const char *child, const char *ref)
{
    struct episode *ep = LA_PUSH(d->episodes);
    ep->child = la_child(d, child);
    ep->ref = D(ref);
    ep->close = DATE_NONE;
}

static void fill(struct la_data *d)
{
    referral(d, "A", "2023-04-03");
    referral(d, "A", "2023-09-01");   /* a re-referral */
    referral(d, "B", "2023-06-15");
    referral(d, "C", "2024-01-10");
}

static void assert_same(const struct measure_out *a, const struct measure_out *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        assert_string_equal(a->v[i].measure, b->v[i].measure);
        assert_int_equal(a->v[i].start, b->v[i].start);
        assert_int_equal(a->v[i].end, b->v[i].end);
        assert_string_equal(a->v[i].breakdown, b->v[i].breakdown);
        char va[32], na[24], da[24], vb[32], nb[24], db[24];
        measure_row_text(&a->v[i], va, na, da);
        measure_row_text(&b->v[i], vb, nb, db);
        assert_string_equal(va, vb);
        assert_string_equal(na, nb);
        assert_string_equal(da, db);
    }
}

static const char *value(const struct measure_out *o, const char *measure)
{
    static char v[32];
    char n[24], d[24];
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->v[i].measure, measure) && !o->v[i].breakdown[0]) {
            measure_row_text(&o->v[i], v, n, d);
            return v;
        }
    fail_msg("no %s", measure);
    return NULL;
}

static void test_memo_gives_what_a_fresh_computation_gives(void **st)
{
    (void)st;
    struct la_data memo = {0}, fresh = {0};
    fill(&memo);
    fill(&fresh);
    memo.memo = period_memo_new();
    lscb_date ys = D("2023-04-01"), ye = D("2024-03-31");
    struct measure_ctx c1 = {.cal = &cal, .population = 1000, .history_start = D("2022-04-01")};
    struct measure_ctx c2 = {.cal = &cal, .population = 4000, .history_start = D("2022-04-01")};
    struct measure_out a = {0}, b = {0}, want = {0};
    /* a year, a quarter, the year again (from the memo), both appended */
    measures_period(&memo, &c1, ys, ye, &a);
    measures_period(&memo, &c1, ys, D("2023-06-30"), &a);
    measures_period(&memo, &c1, ys, ye, &a);
    measures_period(&fresh, &c1, ys, ye, &want);
    measures_period(&fresh, &c1, ys, D("2023-06-30"), &want);
    measures_period(&fresh, &c1, ys, ye, &want);
    assert_same(&a, &want);
    assert_string_equal(value(&a, "referrals"), "4");
    assert_string_equal(value(&a, "re_referrals"), "1");
    assert_string_equal(value(&a, "referral_rate"), "40.0");   /* 4 per 1,000 */
    /* another population: the rate follows it */
    measures_period(&memo, &c2, ys, ye, &b);
    assert_string_equal(value(&b, "referral_rate"), "10.0");
    measure_out_release(&want);
    measures_period(&fresh, &c2, ys, ye, &want);
    assert_same(&b, &want);
    measure_out_release(&a);
    measure_out_release(&b);
    measure_out_release(&want);
    la_data_release(&memo);
    la_data_release(&fresh);
    assert_null(memo.memo);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memo_gives_what_a_fresh_computation_gives),
    };
    return cmocka_run_group_tests(tests, cal_setup, cal_teardown);
}
