/*
 * test_validate_scale.c — no validation rule is quadratic in a child's
 * records.  One child with N episodes, each with an assessment, a CIN
 * plan, a section 47 enquiry, a protection plan and a review, is validated
 * with N and with 4N; every rule's work (the C engine counts the records,
 * sort comparisons and look-ups each rule makes: free of the machine's
 * timing noise) may grow about 4 times, as a sort and sweep does, never 16
 * times, as comparing every record with every other did (8820, 8940, 8565,
 * 2883 and others took 26-109 s for a child with 10,000 records under the
 * SQL rules).  Two shapes: episodes one after another, none overlapping
 * (the pairwise rules find nothing and used to look at every pair), and
 * every record left open.  Beside the counts, which only see what the
 * engine counts, the whole validation's CPU time (the process's own, not
 * the wall clock: other work on the machine does not add to it) for 4N
 * must stay under 10 times that for N, the best of three runs each.
 * make bench times the 10,000 cases.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"
#include "common/date.h"
#include "common/record_sink.h"
#include "common/records.h"
#include "transform/validate.h"
#include "common/text.h"

/* text_fmt, which must not cut */
#define FMT(buf, ...) assert_int_equal(text_fmt(buf, sizeof buf, __VA_ARGS__), 0)

/* Stages one child with n episodes in dir (created). */
static void stage_child(const char *dir, int n, bool open)
{
    FILE *f[ENT_COUNT] = {0};
    for (int k = 0; k < ENT_COUNT; k++) {
        if (entity_defs[k].kind != KIND_CENSUS)
            continue;
        char p[128];
        FMT(p, "%s/%s.csv", dir, entity_defs[k].name);
        f[k] = fopen(p, "w");
        assert_non_null(f[k]);
        rec_put_staged_header(f[k], &entity_defs[k]);
    }
    char p[128];
    FMT(p, "%s/census.csv", dir);
    FILE *c = fopen(p, "w");
    assert_non_null(c);
    fputs("source_file,la_code,census_year,reference_date,records,kind,header_year\n"
          "big.xml,205,2024,2024-03-31,1,census,2024\n", c);
    assert_int_equal(fclose(c), 0);
    lscb_date last = date_from_ymd(2024, 2, 29);
    char birth[11];
    date_format_iso(last - 3 * n - 100, birth);
    fprintf(f[ENT_CHILD], "big.xml,1,205,2024,BIG1,%s,,M,,WBRI,NONE,,,UN5,\n", birth);
    int line = 2;
    for (int i = n - 1; i >= 0; i--) {
        char r[11], e[11];
        date_format_iso(last - 3 * i, r);
        date_format_iso(last - 3 * i + 1, e);
        const char *end = open ? "" : e;
        fprintf(f[ENT_EPISODE], "big.xml,%d,205,2024,BIG1,%s,1A,N1,%s,%s,,false,\n", line++, r,
                end, open ? "" : "RC1");
        fprintf(f[ENT_ASSESSMENT], "big.xml,%d,205,2024,BIG1,%s,%s,,%s,1A,\n", line++, r, r, end);
        fprintf(f[ENT_CIN_PLAN], "big.xml,%d,205,2024,BIG1,%s,%s,%s,\n", line++, r, r,
                open ? "" : r);
        fprintf(f[ENT_S47], "big.xml,%d,205,2024,BIG1,%s,%s,%s,%s,false,\n", line++, r, r, r,
                open ? "" : r);
        fprintf(f[ENT_CPP], "big.xml,%d,205,2024,BIG1,%s,%s,%s,NEG,NEG,0,\n", line++, r, r, end);
        fprintf(f[ENT_CPP_REVIEW], "big.xml,%d,205,2024,BIG1,%s,%s,%s,\n", line++, r, r, e);
    }
    for (int k = 0; k < ENT_COUNT; k++)
        if (f[k])
            assert_int_equal(fclose(f[k]), 0);
}

static void rule_steps(int n, bool open, long long *steps)
{
    char dir[] = "/tmp/lscb-test-vscale-XXXXXX";
    assert_non_null(mkdtemp(dir));
    stage_child(dir, n, open);
    char out[128];
    FMT(out, "%s/validation.csv", dir);
    struct validate_opts o = {.indir = dir, .out = out, .quiet = true, .steps = steps};
    struct validate_result r;
    struct lscb_error e = {0};
    if (validate_run(&o, &r, &e) != LSCB_OK)
        fail_msg("%s", e.msg);
    char cmd[160];
    FMT(cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static double cpu_seconds(void)
{
    struct timespec t;
    assert_int_equal(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t), 0);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* the least CPU time of three validations of one child with n episodes */
static double best_cpu(int n, bool open)
{
    char dir[] = "/tmp/lscb-test-vscale-XXXXXX";
    assert_non_null(mkdtemp(dir));
    stage_child(dir, n, open);
    char out[128];
    FMT(out, "%s/validation.csv", dir);
    double best = 1e9;
    for (int i = 0; i < 3; i++) {
        struct validate_opts o = {.indir = dir, .out = out, .quiet = true};
        struct validate_result r;
        struct lscb_error e = {0};
        double t0 = cpu_seconds();
        if (validate_run(&o, &r, &e) != LSCB_OK)
            fail_msg("%s", e.msg);
        double t = cpu_seconds() - t0;
        if (t < best)
            best = t;
    }
    char cmd[160];
    FMT(cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    return best;
}

static void check_cpu_growth(bool open)
{
    enum { N = 1000 };   /* 4N episodes, 3 days apart, start in 1991 */
    double small = best_cpu(N, open), big = best_cpu(4 * N, open);
    fprintf(stderr, "validation CPU time (%s): %d episodes %.3f s, %d episodes %.3f s (%.1fx)\n",
            open ? "open" : "one after another", N, small, 4 * N, big, big / small);
    assert_true(big < 10 * small + 0.01);
}

static void check_growth(bool open)
{
    enum { N = 250 };
    long long *small = calloc(vrules_count, sizeof *small);
    long long *big = calloc(vrules_count, sizeof *big);
    assert_true(small && big);
    rule_steps(N, open, small);
    rule_steps(4 * N, open, big);
    int bad = 0;
    long long total = 0;
    for (size_t i = 0; i < vrules_count; i++) {
        total += big[i];
        /* 4 times the records: a linear rule grows 4 times, n log n a
         * little more; 16 is every pair.  The constant covers a rule's
         * fixed cost. */
        if (big[i] > 6 * small[i] + 10000) {
            fprintf(stderr, "rule %s (%s): %lld steps for %d episodes, %lld for %d\n",
                    vrules[i].code, open ? "open" : "one after another", small[i], N, big[i],
                    4 * N);
            bad++;
        }
    }
    assert_true(total > 100L * N);   /* the count is real: the rules did run */
    free(small);
    free(big);
    assert_int_equal(bad, 0);
    check_cpu_growth(open);
}

static void test_no_rule_quadratic_in_episodes(void **st)
{
    (void)st;
    check_growth(false);
}

static void test_no_rule_quadratic_in_open_records(void **st)
{
    (void)st;
    check_growth(true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_rule_quadratic_in_episodes),
        cmocka_unit_test(test_no_rule_quadratic_in_open_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
