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
#include "funnel.h"

#define NEAR(x, want, tol) assert_true(fabs((x) - (want)) <= (tol))

/* E = 0 and E = 1 have closed forms: B^-1(q; 1, n) = 1 - (1-q)^(1/n) and
 * B^-1(q; 1, n) for the upper limit of 0 events is 1 - (a/2)^(1/n). */
static void test_proportion_closed_forms(void **st)
{
    (void)st;
    double lo, hi;
    /* 0 of 10 expected (target 0): upper = 1 - 0.025^(1/10) = 0.308497 */
    funnel_limits(FUNNEL_PROPORTION, 0, 10, 0.95, &lo, &hi);
    NEAR(lo, 0, 0);
    NEAR(hi, 1 - pow(0.025, 0.1), 1e-9);
    NEAR(hi, 0.308497, 1e-6);
    /* 99.8%: 1 - 0.001^(1/10) = 1 - 10^-0.3 = 0.498813 */
    funnel_limits(FUNNEL_PROPORTION, 0, 10, 0.998, &lo, &hi);
    NEAR(hi, 0.498813, 1e-6);
    /* 1 of 20 expected (target 5%): lower = 1 - (1 - a/2)^(1/20) */
    funnel_limits(FUNNEL_PROPORTION, 0.05, 20, 0.95, &lo, &hi);
    NEAR(lo, 1 - pow(0.975, 1.0 / 20), 1e-9);    /* 0.0012651 */
    NEAR(lo, 0.0012651, 1e-7);
    NEAR(hi, 0.2487, 1e-4);                      /* Clopper-Pearson 1/20, printed tables */
    funnel_limits(FUNNEL_PROPORTION, 0.05, 20, 0.998, &lo, &hi);
    NEAR(lo, 1 - pow(0.999, 1.0 / 20), 1e-9);    /* 0.00005003 */
    /* 10 of 20 (target 50%): the printed Clopper-Pearson 95% interval */
    funnel_limits(FUNNEL_PROPORTION, 0.5, 20, 0.95, &lo, &hi);
    NEAR(lo, 0.2720, 1e-4);
    NEAR(hi, 0.7280, 1e-4);
    /* all of n expected: the upper limit is 1, the lower (a/2)^(1/n) */
    funnel_limits(FUNNEL_PROPORTION, 1, 10, 0.95, &lo, &hi);
    NEAR(hi, 1, 0);
    NEAR(lo, pow(0.025, 0.1), 1e-9);
}

/* The defining identities of the Clopper-Pearson interval of x of n:
 * P(X >= x | lower) = a/2 and P(X <= x | upper) = a/2, at both levels. */
static void test_proportion_identities(void **st)
{
    (void)st;
    const unsigned ns[] = {12, 50, 300, 2500};
    const double ts[] = {0.1, 0.24, 0.5};
    const double levels[] = {0.95, 0.998};
    for (size_t i = 0; i < 4; i++)
        for (size_t j = 0; j < 3; j++)
            for (size_t k = 0; k < 2; k++) {
                unsigned n = ns[i];
                double t = floor(ns[i] * ts[j]) / n; /* a whole expected count */
                unsigned x = (unsigned)llround(n * t);
                double lo, hi, a = 1 - levels[k];
                funnel_limits(FUNNEL_PROPORTION, t, n, levels[k], &lo, &hi);
                NEAR(gsl_cdf_binomial_Q(x - 1, lo, n), a / 2, 1e-9);
                NEAR(gsl_cdf_binomial_P(x, hi, n), a / 2, 1e-9);
                assert_true(lo < t && t < hi);
            }
}

/* Where GSL's beta inverse fails (NAN: 1,388 referrals at England's
 * 22.3644%), the limits are still found and satisfy the identities. */
static void test_beta_inverse_fallback(void **st)
{
    (void)st;
    double lo, hi;
    funnel_limits(FUNNEL_PROPORTION, 0.223644, 1388, 0.95, &lo, &hi);
    assert_false(isnan(lo) || isnan(hi));
    double e = 1388 * 0.223644;
    NEAR(gsl_cdf_beta_P(hi, e + 1, 1388 - e), 0.975, 1e-9);
    NEAR(gsl_cdf_beta_P(lo, e, 1388 - e + 1), 0.025, 1e-9);
    assert_true(lo < 0.223644 && hi > 0.223644 && hi - lo < 0.05);
}

/* For a small n the exact limits are not the normal ones: 1 of 20
 * expected, the normal lower limit is below zero (0.05 - 1.96 x 0.0487 =
 * -0.0455) and the upper too low (0.1455 against 0.2487); by n = 100,000
 * they agree to 4 decimal places. */
static void test_exact_differs_from_normal_when_small(void **st)
{
    (void)st;
    double lo, hi, nlo, nhi;
    funnel_limits(FUNNEL_PROPORTION, 0.05, 20, 0.95, &lo, &hi);
    funnel_limits_normal(FUNNEL_PROPORTION, 0.05, 20, 0.95, &nlo, &nhi);
    NEAR(nlo, 0.05 - 1.959964 * sqrt(0.05 * 0.95 / 20), 1e-6);
    assert_true(nlo < 0 && lo > 0);
    assert_true(hi - nhi > 0.1);
    funnel_limits(FUNNEL_PROPORTION, 0.05, 20, 0.998, &lo, &hi);
    funnel_limits_normal(FUNNEL_PROPORTION, 0.05, 20, 0.998, &nlo, &nhi);
    NEAR(nhi, 0.05 + 3.090232 * sqrt(0.05 * 0.95 / 20), 1e-6);
    assert_true(hi - nhi > 0.1);
    /* a rate: 2 events expected (n = 10,000 at 2 per 10,000) */
    funnel_limits(FUNNEL_RATE, 2e-4, 10000, 0.95, &lo, &hi);
    funnel_limits_normal(FUNNEL_RATE, 2e-4, 10000, 0.95, &nlo, &nhi);
    assert_true(nlo < 0 && lo > 0);
    /* large n: the same to 4 dp */
    funnel_limits(FUNNEL_PROPORTION, 0.2, 100000, 0.95, &lo, &hi);
    funnel_limits_normal(FUNNEL_PROPORTION, 0.2, 100000, 0.95, &nlo, &nhi);
    NEAR(lo, nlo, 1e-4);
    NEAR(hi, nhi, 1e-4);
}

/* Exact Poisson limits of a count: 0 expected has the closed form
 * upper = -ln(a/2) (the chi-square with 2 df is an exponential); 10
 * expected from printed chi-square tables: X2(20, 0.025) = 9.591,
 * X2(22, 0.975) = 36.781, X2(20, 0.001) = 5.921, X2(22, 0.999) = 48.268. */
static void test_poisson_count(void **st)
{
    (void)st;
    double lo, hi;
    /* as a rate per unit of n = 1: the count limits themselves */
    funnel_limits(FUNNEL_RATE, 0, 1, 0.95, &lo, &hi);
    NEAR(lo, 0, 0);
    NEAR(hi, log(40), 1e-9);          /* 3.688879 */
    funnel_limits(FUNNEL_RATE, 0, 1, 0.998, &lo, &hi);
    NEAR(hi, log(1000), 1e-9);        /* 6.907755 */
    funnel_limits(FUNNEL_RATE, 10, 1, 0.95, &lo, &hi);
    NEAR(lo, 9.591 / 2, 1e-3);        /* 4.7955 */
    NEAR(hi, 36.781 / 2, 1e-3);       /* 18.3904 */
    funnel_limits(FUNNEL_RATE, 10, 1, 0.998, &lo, &hi);
    NEAR(lo, 5.921 / 2, 1e-3);
    NEAR(hi, 48.268 / 2, 1e-3);
    /* 1 expected: lower = -ln(1 - a/2) */
    funnel_limits(FUNNEL_RATE, 1, 1, 0.95, &lo, &hi);
    NEAR(lo, -log(0.975), 1e-9);      /* 0.025318 */
    /* a rate per 10,000: 40,000 children at 45 per 10,000 expect 180;
     * the limits are the count limits of 180 over 40,000, and satisfy
     * P(X >= 180 | lower) = a/2 and P(X <= 180 | upper) = a/2 */
    const double levels[] = {0.95, 0.998};
    for (int k = 0; k < 2; k++) {
        double a = 1 - levels[k];
        funnel_limits(FUNNEL_RATE, 45.0 / 10000, 40000, levels[k], &lo, &hi);
        NEAR(gsl_cdf_poisson_Q(179, lo * 40000), a / 2, 1e-9);
        NEAR(gsl_cdf_poisson_P(180, hi * 40000), a / 2, 1e-9);
    }
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
        cmocka_unit_test(test_proportion_closed_forms),
        cmocka_unit_test(test_proportion_identities),
        cmocka_unit_test(test_beta_inverse_fallback),
        cmocka_unit_test(test_exact_differs_from_normal_when_small),
        cmocka_unit_test(test_poisson_count),
        cmocka_unit_test(test_point_on_a_limit),
        cmocka_unit_test(test_polarity),
        cmocka_unit_test(test_trend_proportion),
        cmocka_unit_test(test_trend_rate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
