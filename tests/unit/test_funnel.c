/* test_funnel.c — funnel plot limits, significance and tests for trend,
 * against values worked by hand from the published formulas (closed forms
 * where the formulas have one, printed statistical tables elsewhere, and
 * the defining identity of each exact interval checked with GSL's binomial
 * and Poisson distribution functions, which do not use the inverses under
 * test). */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include "testutil.h"
#include "stats/funnel.h"

#define NEAR(x, want, tol) assert_true(fabs((x) - (want)) <= (tol))

/* The exact intervals themselves, against printed tables and closed
 * forms: Clopper-Pearson 0 of 10 is 0 to 1 - 0.025^(1/10) = 0.308497; 1 of
 * 20 is 1 - 0.975^(1/20) = 0.0012651 to 0.2487; 10 of 20 is 0.2720 to
 * 0.7280.  Exact Poisson for a count of 10 (per unit, n = 1): chi-square
 * tables X2(20, 0.025) = 9.591, X2(22, 0.975) = 36.781, X2(20, 0.001) =
 * 5.921, X2(22, 0.999) = 48.268, halved; for 0, the upper bound is -ln(a/2)
 * (the chi-square with 2 df is an exponential). */
static void test_exact_intervals(void **st)
{
    (void)st;
    double lo, hi;
    funnel_ci(FUNNEL_PROPORTION, 0, 10, 0.95, &lo, &hi);
    NEAR(lo, 0, 0);
    NEAR(hi, 1 - pow(0.025, 0.1), 1e-9);
    NEAR(hi, 0.308497, 1e-6);
    funnel_ci(FUNNEL_PROPORTION, 0, 10, 0.998, &lo, &hi);
    NEAR(hi, 1 - pow(0.001, 0.1), 1e-9);      /* 0.498813 */
    funnel_ci(FUNNEL_PROPORTION, 1, 20, 0.95, &lo, &hi);
    NEAR(lo, 1 - pow(0.975, 1.0 / 20), 1e-9);
    NEAR(hi, 0.2487, 1e-4);
    funnel_ci(FUNNEL_PROPORTION, 10, 20, 0.95, &lo, &hi);
    NEAR(lo, 0.2720, 1e-4);
    NEAR(hi, 0.7280, 1e-4);
    funnel_ci(FUNNEL_RATE, 10, 1, 0.95, &lo, &hi);
    NEAR(lo, 9.591 / 2, 1e-3);
    NEAR(hi, 36.781 / 2, 1e-3);
    funnel_ci(FUNNEL_RATE, 10, 1, 0.998, &lo, &hi);
    NEAR(lo, 5.921 / 2, 1e-3);
    NEAR(hi, 48.268 / 2, 1e-3);
    funnel_ci(FUNNEL_RATE, 0, 1, 0.95, &lo, &hi);
    NEAR(hi, log(40), 1e-9);                  /* 3.688879 */
    funnel_ci(FUNNEL_RATE, 0, 1, 0.998, &lo, &hi);
    NEAR(hi, log(1000), 1e-9);                /* 6.907755 */
}

/* Where GSL's beta inverse fails (NAN for 310.4 of 1,388: the interval's
 * upper bound at q = 0.975, a = 311.4, b = 1077.6), the interval is still
 * found and satisfies its defining relation. */
static void test_beta_inverse_fallback(void **st)
{
    (void)st;
    double lo, hi, x = 1388 * 0.223644;
    funnel_ci(FUNNEL_PROPORTION, x, 1388, 0.95, &lo, &hi);
    assert_false(isnan(lo) || isnan(hi));
    NEAR(gsl_cdf_beta_P(hi, x + 1, 1388 - x), 0.975, 1e-9);
    NEAR(gsl_cdf_beta_P(lo, x, 1388 - x + 1), 0.025, 1e-9);
    assert_true(lo < 0.223644 && hi > 0.223644 && hi - lo < 0.05);
}

/* The control limits, worked back from the intervals above: the upper
 * limit around a target is the count whose interval starts at the target,
 * the lower limit the count whose interval ends there.  So a target of
 * 0.2720 at n = 20 has its upper 95% limit at 10 of 20 (50%); 0.7280 its
 * lower; a target of 4.7955 events has its upper 95% limit at 10 events,
 * 18.3904 its lower, and at 99.8% 2.9605 and 24.134.  Closed forms: a
 * target of 1 - 0.025^(1/10) at n = 10 has its lower 95% limit at 0 events,
 * 0.025^(1/10) its upper at all 10. */
static void test_limits_by_hand(void **st)
{
    (void)st;
    double lo, hi;
    funnel_limits(FUNNEL_PROPORTION, 0.2720, 20, 0.95, &lo, &hi);
    NEAR(hi, 0.5, 5e-4);
    funnel_limits(FUNNEL_PROPORTION, 0.7280, 20, 0.95, &lo, &hi);
    NEAR(lo, 0.5, 5e-4);
    funnel_limits(FUNNEL_PROPORTION, 1 - pow(0.025, 0.1), 10, 0.95, &lo, &hi);
    NEAR(lo, 0, 1e-6);
    funnel_limits(FUNNEL_PROPORTION, pow(0.025, 0.1), 10, 0.95, &lo, &hi);
    NEAR(hi, 1, 1e-6);
    funnel_limits(FUNNEL_PROPORTION, 1 - pow(0.975, 1.0 / 20), 20, 0.95, &lo, &hi);
    NEAR(hi, 1.0 / 20, 1e-6);                 /* 1 of 20 */
    funnel_limits(FUNNEL_PROPORTION, 1 - pow(0.999, 1.0 / 20), 20, 0.998, &lo, &hi);
    NEAR(hi, 1.0 / 20, 1e-6);
    funnel_limits(FUNNEL_RATE, 9.591 / 2, 1, 0.95, &lo, &hi);
    NEAR(hi, 10, 5e-3);
    funnel_limits(FUNNEL_RATE, 36.781 / 2, 1, 0.95, &lo, &hi);
    NEAR(lo, 10, 5e-3);
    funnel_limits(FUNNEL_RATE, 5.921 / 2, 1, 0.998, &lo, &hi);
    NEAR(hi, 10, 5e-3);
    funnel_limits(FUNNEL_RATE, 48.268 / 2, 1, 0.998, &lo, &hi);
    NEAR(lo, 10, 5e-3);
    /* ln 40 expected: the lower 95% limit is 0 events; ln 1000 at 99.8% */
    funnel_limits(FUNNEL_RATE, log(40), 1, 0.95, &lo, &hi);
    NEAR(lo, 0, 1e-6);
    funnel_limits(FUNNEL_RATE, log(1000), 1, 0.998, &lo, &hi);
    NEAR(lo, 0, 1e-6);
}

/* At both levels and many sizes, the limits and the intervals agree: at
 * the upper limit x_u the interval of x_u starts at the target, at the
 * lower limit x_l it ends there (to 1e-7 of the target); where a limit is
 * at 0 or n, not even the extreme count is significant. */
static void test_limits_invert_intervals(void **st)
{
    (void)st;
    const double ns[] = {12, 50, 300, 2500, 40000};
    const double ts[] = {0.1, 0.24, 0.5, 0.9};
    const double levels[] = {0.95, 0.998};
    for (size_t i = 0; i < 5; i++)
        for (size_t j = 0; j < 4; j++)
            for (size_t k = 0; k < 2; k++)
                for (int kind = 0; kind < 2; kind++) {
                    enum funnel_kind fk = kind ? FUNNEL_RATE : FUNNEL_PROPORTION;
                    double n = ns[i], t = ts[j] / (kind ? 100 : 1);
                    double lo, hi, clo, chi;
                    funnel_limits(fk, t, n, levels[k], &lo, &hi);
                    assert_true(lo < t && t < hi);
                    funnel_ci(fk, hi * n, n, levels[k], &clo, &chi);
                    if (fk == FUNNEL_PROPORTION && hi == 1)
                        assert_true(clo <= t); /* even n of n is within chance */
                    else
                        NEAR(clo, t, 1e-7 * t);
                    funnel_ci(fk, lo * n, n, levels[k], &clo, &chi);
                    if (lo == 0)
                        assert_true(chi >= t); /* even none is within chance */
                    else
                        NEAR(chi, t, 1e-7 * t);
                }
}

/* For a small n the exact limits are not the normal ones: 1 of 20
 * expected (5%), the normal lower limit is below zero (0.05 - 1.96 x
 * 0.0487 = -0.0455) where the exact one is 0 (no events at all is within
 * chance: the interval of 0 of 20 reaches 16.8%), and the normal upper
 * limit 0.1455 is too low; by n = 100,000 they agree to 3 decimal places. */
static void test_exact_differs_from_normal_when_small(void **st)
{
    (void)st;
    double lo, hi, nlo, nhi;
    funnel_limits(FUNNEL_PROPORTION, 0.05, 20, 0.95, &lo, &hi);
    funnel_limits_normal(FUNNEL_PROPORTION, 0.05, 20, 0.95, &nlo, &nhi);
    NEAR(nlo, 0.05 - 1.959964 * sqrt(0.05 * 0.95 / 20), 1e-6);
    assert_true(nlo < 0);
    NEAR(lo, 0, 0);
    assert_true(hi - nhi > 0.02);
    funnel_limits(FUNNEL_PROPORTION, 0.05, 20, 0.998, &lo, &hi);
    funnel_limits_normal(FUNNEL_PROPORTION, 0.05, 20, 0.998, &nlo, &nhi);
    NEAR(nhi, 0.05 + 3.090232 * sqrt(0.05 * 0.95 / 20), 1e-6);
    assert_true(hi - nhi > 0.03);
    /* a rate: 2 events expected (n = 10,000 at 2 per 10,000) */
    funnel_limits(FUNNEL_RATE, 2e-4, 10000, 0.95, &lo, &hi);
    funnel_limits_normal(FUNNEL_RATE, 2e-4, 10000, 0.95, &nlo, &nhi);
    assert_true(nlo < 0);
    NEAR(lo, 0, 0);
    /* large n: the same to 3 dp */
    funnel_limits(FUNNEL_PROPORTION, 0.2, 100000, 0.95, &lo, &hi);
    funnel_limits_normal(FUNNEL_PROPORTION, 0.2, 100000, 0.95, &nlo, &nhi);
    NEAR(lo, nlo, 1e-3);
    NEAR(hi, nhi, 1e-3);
}

/* Small counts keep their discreteness: 357 children at 41.4 per 10,000
 * expect 1.48; none is P(0) = e^-1.48 = 0.23, not significantly low (the
 * lower limits are 0 and 0 is on them), while 6 is beyond the upper 95%
 * limit (P(X >= 6) = 0.004) but not the 99.8% one. */
static void test_small_counts(void **st)
{
    (void)st;
    struct funnel_limits4 l;
    struct funnel_cmp c;
    funnel_limits4(FUNNEL_RATE, 41.4e-4, 357, &l);
    NEAR(l.lo95, 0, 0);
    NEAR(l.lo998, 0, 0);
    funnel_classify(0, &l, &c);
    assert_int_equal(c.sig, FSIG_SIMILAR);
    funnel_classify(6.0 / 357, &l, &c);
    assert_int_equal(c.sig, FSIG_HIGHER);
    assert_false(c.beyond998);
}

/* A point exactly on a limit is within it; the next double beyond is not. */
static void test_point_on_a_limit(void **st)
{
    (void)st;
    struct funnel_limits4 l;
    struct funnel_cmp c;
    funnel_limits4(FUNNEL_PROPORTION, 0.2, 150, &l);
    funnel_classify(l.hi95, &l, &c);
    assert_int_equal(c.sig, FSIG_SIMILAR);
    funnel_classify(nextafter(l.hi95, 1), &l, &c);
    assert_int_equal(c.sig, FSIG_HIGHER);
    assert_false(c.beyond998);
    funnel_classify(l.lo95, &l, &c);
    assert_int_equal(c.sig, FSIG_SIMILAR);
    funnel_classify(l.hi998, &l, &c);
    assert_int_equal(c.sig, FSIG_HIGHER);
    assert_false(c.beyond998);
    funnel_classify(nextafter(l.hi998, 1), &l, &c);
    assert_true(c.beyond998);
    funnel_classify(nextafter(l.lo998, 0), &l, &c);
    assert_int_equal(c.sig, FSIG_LOWER);
    assert_true(c.beyond998);
    /* a value NAN (suppressed) or limits NAN (no denominator): not compared */
    funnel_classify(NAN, &l, &c);
    assert_int_equal(c.sig, FSIG_NOT_COMPARED);
    funnel_limits4(FUNNEL_PROPORTION, 0.2, 0, &l);
    funnel_classify(0.2, &l, &c);
    assert_int_equal(c.sig, FSIG_NOT_COMPARED);
    assert_string_equal(funnel_sig_name(c.sig), "not compared");
}

static void test_polarity(void **st)
{
    (void)st;
    assert_string_equal(funnel_judgement(FSIG_HIGHER, 'h'), "better");
    assert_string_equal(funnel_judgement(FSIG_HIGHER, 'l'), "worse");
    assert_string_equal(funnel_judgement(FSIG_LOWER, 'l'), "better");
    assert_string_equal(funnel_judgement(FSIG_LOWER, 'h'), "worse");
    assert_string_equal(funnel_judgement(FSIG_HIGHER, 'n'), "");
    assert_string_equal(funnel_judgement(FSIG_SIMILAR, 'h'), "");
    assert_string_equal(funnel_judgement(FSIG_NOT_COMPARED, 'l'), "");
}

/* Chi-square for trend, by hand: 5 years of 100, 10 12 14 16 18 events.
 * pbar = 70/500 = 0.14, xbar = 3, T = 10(-2)+12(-1)+16(1)+18(2) = 20,
 * sum n (x - xbar)^2 = 100 x 10 = 1000, chi2 = 400 / (0.14 x 0.86 x 1000)
 * = 3.3223, p = 0.0683: not significant.  Ten times the numbers: chi2 =
 * 33.223, p < 0.001: rising, 2 points a year. */
static void test_trend_proportion(void **st)
{
    (void)st;
    double y[] = {2020, 2021, 2022, 2023, 2024}, r[] = {10, 12, 14, 16, 18},
           n[] = {100, 100, 100, 100, 100};
    struct funnel_trend t;
    funnel_trend_proportion(y, r, n, 5, &t);
    assert_true(t.tested);
    assert_int_equal(t.years, 5);
    NEAR(t.stat, 400 / (0.14 * 0.86 * 1000), 1e-9);
    NEAR(t.stat, 3.3223, 1e-4);
    NEAR(t.p, 0.0683, 1e-4);
    NEAR(t.change, 2.0, 1e-9);
    assert_string_equal(funnel_trend_word(&t), "no significant change");
    for (int i = 0; i < 5; i++) {
        r[i] *= 10;
        n[i] *= 10;
    }
    funnel_trend_proportion(y, r, n, 5, &t);
    NEAR(t.stat, 33.223, 1e-3);
    assert_true(t.p < 0.001);
    assert_string_equal(funnel_trend_word(&t), "rising");
    /* a year with no denominator (suppressed) is left out */
    n[2] = 0;
    funnel_trend_proportion(y, r, n, 5, &t);
    assert_int_equal(t.years, 4);
    /* one year only: not tested */
    funnel_trend_proportion(y, r, n, 1, &t);
    assert_false(t.tested);
    assert_string_equal(funnel_trend_word(&t), "not tested");
}

/* Poisson regression, two years by hand: log mu = log n + a + b x gives
 * b = ln(c1/c0) (equal populations), se(b) = sqrt(1/c0 + 1/c1).  100 then
 * 150: b = ln 1.5 = 0.405465, se = 0.129099, z = 3.1408, p = 0.00168. */
static void test_trend_rate(void **st)
{
    (void)st;
    double y[] = {2023, 2024}, c[] = {100, 150}, pop[] = {40000, 40000};
    struct funnel_trend t;
    funnel_trend_rate(y, c, pop, 2, &t);
    assert_true(t.tested);
    NEAR(t.change, 50.0, 1e-6);
    NEAR(sqrt(t.stat), log(1.5) / sqrt(1.0 / 100 + 1.0 / 150), 1e-6);
    NEAR(t.p, 0.00168, 1e-5);
    assert_string_equal(funnel_trend_word(&t), "rising");
    /* five years at the same rate with different populations: b = 0 */
    double y5[] = {2020, 2021, 2022, 2023, 2024}, c5[] = {100, 110, 120, 130, 140},
           p5[] = {10000, 11000, 12000, 13000, 14000};
    funnel_trend_rate(y5, c5, p5, 5, &t);
    assert_true(t.tested);
    NEAR(t.change, 0, 1e-6);
    NEAR(t.p, 1, 1e-6);
    assert_string_equal(funnel_trend_word(&t), "no significant change");
    /* a falling series */
    double c6[] = {150, 140, 120, 100, 95};
    funnel_trend_rate(y5, c6, p5, 5, &t);
    assert_true(t.tested && t.change < 0 && t.p < 0.05);
    assert_string_equal(funnel_trend_word(&t), "falling");
    /* no events at all: not tested */
    double z[] = {0, 0};
    funnel_trend_rate(y, z, pop, 2, &t);
    assert_false(t.tested);
}

int main(void)
{
    gsl_set_error_handler_off(); /* as every main does: errors come back as NAN */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_intervals),
        cmocka_unit_test(test_beta_inverse_fallback),
        cmocka_unit_test(test_limits_by_hand),
        cmocka_unit_test(test_limits_invert_intervals),
        cmocka_unit_test(test_exact_differs_from_normal_when_small),
        cmocka_unit_test(test_small_counts),
        cmocka_unit_test(test_point_on_a_limit),
        cmocka_unit_test(test_polarity),
        cmocka_unit_test(test_trend_proportion),
        cmocka_unit_test(test_trend_rate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
