/* test_suppress.c — DfE suppression: no small count left showing, none
 * recoverable from a total, percentages of hidden counts hidden. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"
#include "suppress.h"

/* A DfE-style duration row: five bands, each count with its percentage,
 * and the Total.  Cells: count k at 2k, its % at 2k+1, Total at 10. */
static int row_cells(struct sup_cell *c, struct sup_line *l, const long v[5])
{
    long total = 0;
    l->n = 0;
    for (int k = 0; k < 5; k++) {
        c[2 * k] = (struct sup_cell){.value = v[k], .count = true, .pct_of = -1};
        c[2 * k + 1] = (struct sup_cell){.value = 0, .count = false, .pct_of = 2 * k};
        l->members[l->n++] = 2 * k;
        total += v[k];
    }
    c[10] = (struct sup_cell){.value = total, .count = true, .pct_of = -1};
    l->total = 10;
    return 11;
}

static void check_row(const struct sup_cell *c, const struct sup_line *l)
{
    for (int k = 0; k < 5; k++) {
        long v = c[2 * k].value;
        if (v >= 1 && v <= 5)
            assert_true(c[2 * k].hidden);
        assert_int_equal(c[2 * k + 1].hidden, c[2 * k].hidden);
    }
    assert_false(suppress_leaks(c, l, 1));
}

static void test_one_small_count(void **st)
{
    (void)st;
    struct sup_cell c[11];
    struct sup_line l;
    const long v[5] = {12, 3, 40, 25, 9};
    int n = row_cells(c, &l, v);
    suppress(c, n, &l, 1);
    check_row(c, &l);
    /* 3 hidden, and the next smallest (9) to protect it; 12, 40, 25 shown */
    assert_true(c[2].hidden && c[8].hidden);
    assert_false(c[0].hidden || c[4].hidden || c[6].hidden || c[10].hidden);
}

static void test_small_count_with_zeros(void **st)
{
    (void)st;
    struct sup_cell c[11];
    struct sup_line l;
    const long v[5] = {0, 4, 0, 0, 30};
    int n = row_cells(c, &l, v);
    suppress(c, n, &l, 1);
    check_row(c, &l);
    /* the only non-zero partner is 30: it goes, not a zero */
    assert_true(c[2].hidden && c[8].hidden);
    assert_false(c[0].hidden);
}

static void test_small_total(void **st)
{
    (void)st;
    struct sup_cell c[11];
    struct sup_line l;
    const long v[5] = {0, 0, 3, 0, 0};
    int n = row_cells(c, &l, v);
    suppress(c, n, &l, 1);
    check_row(c, &l);
    assert_true(c[4].hidden && c[10].hidden);
}

/* Many random rows, and tables whose rows share a column total: every
 * result must leave nothing small showing and nothing recoverable. */
static void test_random_tables(void **st)
{
    (void)st;
    srand(20240331);
    for (int trial = 0; trial < 5000; trial++) {
        /* 4 rows x 5 bands, row totals; a Total row with column totals */
        enum { R = 4, B = 5 };
        struct sup_cell c[(R + 1) * (B + 1)];
        struct sup_line lines[R + 1 + B + 1];
        int nl = 0;
        long colsum[B + 1] = {0};
        for (int r = 0; r < R; r++) {
            long tot = 0;
            for (int b = 0; b < B; b++) {
                long v = rand() % 4 == 0 ? 0 : rand() % (trial % 2 ? 9 : 40);
                c[r * (B + 1) + b] = (struct sup_cell){.value = v, .count = true, .pct_of = -1};
                tot += v;
                colsum[b] += v;
            }
            c[r * (B + 1) + B] = (struct sup_cell){.value = tot, .count = true, .pct_of = -1};
            colsum[B] += tot;
            struct sup_line *l = &lines[nl++];
            l->n = B;
            for (int b = 0; b < B; b++)
                l->members[b] = r * (B + 1) + b;
            l->total = r * (B + 1) + B;
        }
        for (int b = 0; b <= B; b++) {
            c[R * (B + 1) + b] = (struct sup_cell){.value = colsum[b], .count = true,
                                                   .pct_of = -1};
            struct sup_line *l = &lines[nl++];
            l->n = R;
            for (int r = 0; r < R; r++)
                l->members[r] = r * (B + 1) + b;
            l->total = R * (B + 1) + b;
        }
        int ncells = (R + 1) * (B + 1);
        suppress(c, ncells, lines, nl);
        for (int i = 0; i < ncells; i++)
            if (c[i].value >= 1 && c[i].value <= 5 && !c[i].hidden)
                fail_msg("trial %d: count %ld at %d left showing", trial, c[i].value, i);
        if (suppress_leaks(c, lines, nl))
            fail_msg("trial %d: a hidden count can be recovered from a total", trial);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_small_count),
        cmocka_unit_test(test_small_count_with_zeros),
        cmocka_unit_test(test_small_total),
        cmocka_unit_test(test_random_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
