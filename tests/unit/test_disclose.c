/* test_disclose.c — suppression over a publication: no small count left
 * showing, none that the shown figures and what every reader knows
 * (totals, differences, percentages) determine. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"
#include "common/disclose.h"

/* A row of five bands and its Total, all shown and sensitive; returns the
 * facts (bands 0-4, Total 5). */
static void band_row(struct dz *z, const char *row, const long v[5], int f[6])
{
    long total = 0;
    char key[32];
    double coef[6];
    for (int k = 0; k < 5; k++) {
        assert_int_equal(text_fmt(key, sizeof key, "%s/b%d", row, k), 0);
        f[k] = dz_fact(z, key, v[k]);
        total += v[k];
        coef[k] = 1;
    }
    assert_int_equal(text_fmt(key, sizeof key, "%s/total", row), 0);
    f[5] = dz_fact(z, key, total);
    coef[5] = -1;
    for (int k = 0; k < 6; k++) {
        dz_show(z, f[k]);
        dz_sensitive(z, f[k]);
    }
    dz_relation(z, 6, f, coef);
}

static void no_small_shown(const struct dz *z)
{
    for (int i = 0; i < dz_count(z); i++)
        if (dz_value(z, i) >= 1 && dz_value(z, i) <= 5 && !dz_hidden(z, i) && dz_shown(z, i))
            fail_msg("%s = %ld left showing", dz_key(z, i), dz_value(z, i));
}

/* One row of five counts and its total, suppressed: which cells must be
 * hidden and which must stay shown (f[5] is the total).  No small count is
 * left showing and nothing can be worked out (dz_leak). */
static void test_one_row(void **st)
{
    (void)st;
    static const struct {
        long v[5];
        const char *hidden, *shown;   /* indices into f */
    } cases[] = {
        /* 3 hidden, and the next smallest (9) to protect it; 12, 40, 25 shown */
        {{12, 3, 40, 25, 9}, "14", "0235"},
        /* the only non-zero partner is 30: it goes, not a zero */
        {{0, 4, 0, 0, 30}, "14", "0"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct dz *z = dz_new();
        int f[6];
        band_row(z, "r", cases[k].v, f);
        dz_suppress(z);
        no_small_shown(z);
        assert_int_equal(dz_leak(z), -1);
        for (const char *c = cases[k].hidden; *c; c++)
            if (!dz_hidden(z, f[*c - '0']))
                fail_msg("case %zu: cell %c shown, should be hidden", k, *c);
        for (const char *c = cases[k].shown; *c; c++)
            if (dz_hidden(z, f[*c - '0']))
                fail_msg("case %zu: cell %c hidden, should be shown", k, *c);
        dz_free(z);
    }
}

/* The example: July's new plans hidden in the months, while the
 * narrative prints the year's total and another table the bi-monthly
 * July-August figure with August shown in the months.  Each route alone
 * gives July away. */
static void test_july(void **st)
{
    (void)st;
    struct dz *z = dz_new();
    static const long months[12] = {12, 12, 21, 5, 7, 9, 7, 14, 12, 17, 15, 9};
    int m[12], f[13];
    double coef[13];
    char key[32];
    long year = 0;
    for (int i = 0; i < 12; i++) {
        assert_int_equal(text_fmt(key, sizeof key, "started/m%d", i), 0);
        m[i] = dz_fact(z, key, months[i]);
        dz_show(z, m[i]);
        dz_sensitive(z, m[i]);
        f[i] = m[i];
        coef[i] = -1;
        year += months[i];
    }
    f[12] = dz_fact(z, "started/year", year); /* the narrative's figure */
    coef[12] = 1;
    dz_show(z, f[12]);
    dz_sensitive(z, f[12]);
    dz_relation(z, 13, f, coef);
    int jul_aug = dz_fact(z, "started/jul-aug", months[3] + months[4]);
    dz_show(z, jul_aug);
    dz_sensitive(z, jul_aug);
    int r[3] = {jul_aug, m[3], m[4]};
    const double rc[3] = {1, -1, -1};
    dz_relation(z, 3, r, rc);

    /* DfE's rule applied line by line would hide July and stop there */
    dz_hide(z, m[3]);
    assert_int_equal(dz_leak(z), m[3]);

    dz_suppress(z);
    no_small_shown(z);
    assert_int_equal(dz_leak(z), -1);
    assert_true(dz_hidden(z, m[3]));
    dz_free(z);
}

/* Three hidden cells each in two shown sums (a+b, a+c, b+c): no sum has a
 * single hidden member, yet together they give each one. */
static void test_chain(void **st)
{
    (void)st;
    struct dz *z = dz_new();
    int a = dz_fact(z, "a", 3), b = dz_fact(z, "b", 4), c = dz_fact(z, "c", 2);
    int ab = dz_fact(z, "a+b", 7), ac = dz_fact(z, "a+c", 5), bc = dz_fact(z, "b+c", 6);
    const int all[6] = {a, b, c, ab, ac, bc};
    for (int i = 0; i < 6; i++) {
        dz_show(z, all[i]);
        dz_sensitive(z, all[i]);
    }
    const double cf[3] = {1, 1, -1};
    int r1[3] = {a, b, ab}, r2[3] = {a, c, ac}, r3[3] = {b, c, bc};
    dz_relation(z, 3, r1, cf);
    dz_relation(z, 3, r2, cf);
    dz_relation(z, 3, r3, cf);
    dz_hide(z, a);
    dz_hide(z, b);
    dz_hide(z, c);
    assert_int_not_equal(dz_leak(z), -1);
    dz_suppress(z);
    assert_int_equal(dz_leak(z), -1);
    dz_free(z);
}

/* A percentage gives its numerator from a shown denominator; hidden with
 * its numerator, it no longer does. */
static void test_percentage(void **st)
{
    (void)st;
    struct dz *z = dz_new();
    int num = dz_fact(z, "repeat", 3), den = dz_fact(z, "started", 40);
    dz_show(z, den);
    dz_sensitive(z, den);
    dz_sensitive(z, num); /* shown only through the percentage */
    int f[2] = {num, den};
    const double c[2] = {1, -0.075}; /* 7.5% */
    dz_relation_guarded(z, 2, f, c, 2, f);
    dz_suppress(z);
    assert_true(dz_hidden(z, num));  /* the percentage goes with it */
    assert_false(dz_hidden(z, den));
    assert_int_equal(dz_leak(z), -1);
    dz_free(z);
}

/* A difference (started less ended) is shown but not a count: a change of
 * 2 stays, and it is not left to give a hidden count away. */
static void test_difference(void **st)
{
    (void)st;
    struct dz *z = dz_new();
    int s = dz_fact(z, "started", 12), e = dz_fact(z, "ended", 3), d = dz_fact(z, "change", 9);
    dz_show(z, s);
    dz_sensitive(z, s);
    dz_show(z, e);
    dz_sensitive(z, e);
    dz_show(z, d);
    int f[3] = {d, s, e};
    const double c[3] = {1, -1, 1};
    dz_relation(z, 3, f, c);
    dz_suppress(z);
    assert_true(dz_hidden(z, e));
    assert_true(dz_hidden(z, s) || dz_hidden(z, d));
    assert_int_equal(dz_leak(z), -1);
    struct dz *z2 = dz_new();
    int d2 = dz_fact(z2, "change", 2);
    dz_show(z2, d2);
    dz_suppress(z2);
    assert_false(dz_hidden(z2, d2));
    dz_free(z);
    dz_free(z2);
}

/* Many random tables whose rows share column totals: nothing small left
 * showing and nothing determined. */
static void test_random_tables(void **st)
{
    (void)st;
    srand(20240331);
    for (int trial = 0; trial < 2000; trial++) {
        enum { R = 4, B = 5 };
        struct dz *z = dz_new();
        int f[R + 1][B + 1];
        long colsum[B + 1] = {0};
        char key[32];
        for (int r = 0; r <= R; r++)
            for (int b = 0; b <= B; b++) {
                assert_int_equal(text_fmt(key, sizeof key, "%d/%d", r, b), 0);
                f[r][b] = dz_fact(z, key, -1);
                dz_show(z, f[r][b]);
                dz_sensitive(z, f[r][b]);
            }
        for (int r = 0; r < R; r++) {
            long tot = 0;
            for (int b = 0; b < B; b++) {
                long v = rand() % 4 == 0 ? 0 : rand() % (trial % 2 ? 9 : 40);
                assert_int_equal(text_fmt(key, sizeof key, "%d/%d", r, b), 0);
                dz_fact(z, key, v);
                tot += v;
                colsum[b] += v;
            }
            assert_int_equal(text_fmt(key, sizeof key, "%d/%d", r, B), 0);
            dz_fact(z, key, tot);
            colsum[B] += tot;
        }
        for (int b = 0; b <= B; b++) {
            assert_int_equal(text_fmt(key, sizeof key, "%d/%d", R, b), 0);
            dz_fact(z, key, colsum[b]);
        }
        double coef[B + 1];
        for (int r = 0; r <= R; r++) {
            for (int b = 0; b <= B; b++)
                coef[b] = b == B ? -1 : 1;
            dz_relation(z, B + 1, f[r], coef);
        }
        for (int b = 0; b <= B; b++) {
            int col[R + 1];
            double cc[R + 1];
            for (int r = 0; r <= R; r++) {
                col[r] = f[r][b];
                cc[r] = r == R ? -1 : 1;
            }
            dz_relation(z, R + 1, col, cc);
        }
        dz_suppress(z);
        no_small_shown(z);
        int leak = dz_leak(z);
        if (leak >= 0)
            fail_msg("trial %d: %s can be worked out", trial, dz_key(z, leak));
        /* and no more than needed: every cell hidden beyond the small
         * counts protects one (shown again, something hidden can be worked
         * out); the greedy choice alone left needless ones */
        for (int i = 0; i < dz_count(z); i++) {
            if (!dz_hidden(z, i) || (dz_value(z, i) >= 1 && dz_value(z, i) <= 5))
                continue;
            dz_unhide_for_test(z, i);
            bool needed = dz_leak(z) >= 0;
            dz_hide(z, i);
            if (!needed)
                fail_msg("trial %d: %s (%ld) hidden for nothing", trial, dz_key(z, i),
                         dz_value(z, i));
        }
        dz_free(z);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_row),
        cmocka_unit_test(test_july),
        cmocka_unit_test(test_chain),
        cmocka_unit_test(test_percentage),
        cmocka_unit_test(test_difference),
        cmocka_unit_test(test_random_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
