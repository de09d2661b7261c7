/* test_benchmarks.c — published tables and the benchmark statistics. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "testutil.h"
#include "stats/benchmarks.h"
#include "stats/funnel_pub.h"
#include "common/measure_defs.h"
#include "stats/published.h"

static char *data_path(const char *rel)
{
    const char *d = getenv("LSCB_DATA_DIR");
    return path_join(d ? d : "data", rel);
}

static void test_report_2010_11_figures(void **st)
{
    (void)st;
    struct pub_set *p = calloc(1, sizeof *p);
    struct lscb_error e = {0};
    char *dir = data_path("published");
    if (pub_load(dir, p, &e) != LSCB_OK)
        fail_msg("%s", e.msg);
    /* the 2011-12 report's own 2010-11 figures, from the 2010-11 release */
    const struct pub_value *v = pub_get(p, "205", 2011, "cpp_rate");
    assert_non_null(v);
    assert_true(v->value == 47.3);
    v = pub_get(p, "205", 2011, "cpp_second_or_subsequent_pct");
    assert_non_null(v);
    assert_true(v->value == 29.0);
    v = pub_get(p, "E92000001", 2011, "cpp_second_or_subsequent_pct");
    assert_non_null(v);
    assert_true(v->value == 13.3);
    /* its local benchmark table: referrals per 10,000, H&F 581 */
    v = pub_get(p, "205", 2011, "referral_rate");
    assert_non_null(v);
    assert_true(v->value == 581.0);

    /* every published rate recomputed: the exceptions that are not
     * explained by rounding or a revised population are exactly the listed
     * inconsistencies of the releases */
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    long counts[3];
    long checked = pub_check_rates(p, fp, counts);
    fclose(fp);
    assert_true(checked > 10000);
    char *want_path = getenv("LSCB_TEST_DATA") ? path_join(getenv("LSCB_TEST_DATA"),
                                                           "published-rate-exceptions.csv")
                                               : lscb_xstrdup("tests/data/published-rate-exceptions.csv");
    FILE *w = fopen(want_path, "r");
    assert_non_null(w);
    char line[512];
    long listed = 0;
    while (fgets(line, sizeof line, w)) {
        if (!strncmp(line, "release,", 8))
            continue;
        /* release,line,code,year,measure,published,recomputed,reason */
        char key[256];
        int commas = 0;
        size_t k = 0;
        for (; line[k] && commas < 7; k++)
            commas += line[k] == ',';
        assert_int_equal(text_fmt(key, sizeof key, "%.*sunexplained", (int)k, line), 0);
        if (!strstr(buf, key))
            fail_msg("listed exception not found: %s", key);
        listed++;
    }
    fclose(w);
    assert_int_equal(counts[2], listed);
    free(want_path);
    free(buf);
    free(dir);
    pub_release(p);
    free(p);
}

/* A hand-made set: 8 authorities, one measure, one year. */
static void put(struct pub_set *p, enum pub_level level, const char *code, const char *region,
                const char *measure, double value, double num, double den, bool suppressed)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        p->v = realloc(p->v, p->cap * sizeof *p->v);
    }
    struct pub_value *v = &p->v[p->n++];
    memset(v, 0, sizeof *v);
    v->level = level;
    T_COPY(v->code, code);
    T_COPY(v->region, region);
    v->year = 2024;
    v->measure = measure_def_find(measure)->name;
    v->has_value = !suppressed;
    v->suppressed = suppressed;
    v->value = value;
    v->num = num;
    v->den = den;
    v->has_num = num > 0;
    v->has_den = den > 0;
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char *b = calloc(1, 1 << 16);
    size_t n = fread(b, 1, (1 << 16) - 1, fp);
    b[n] = '\0';
    fclose(fp);
    return b;
}

static void test_statistics(void **st)
{
    (void)st;
    struct pub_set *p = calloc(1, sizeof *p);
    assert_int_equal(text_fmt(p->releases[0], sizeof p->releases[0], "test release"), 0);
    p->nreleases = 1;
    const char *m = "cpp_second_or_subsequent_pct"; /* polarity: low is better */
    /* the authority: 20 of 100 = 20.0% */
    put(p, PUB_LA, "100", "R1", m, 20.0, 20, 100, false);
    /* neighbours: 101 10.0, 102 30.0, 103 suppressed, 104 missing (no row),
     * 105 20.0 (a tie with the authority) */
    put(p, PUB_LA, "101", "R1", m, 10.0, 10, 100, false);
    put(p, PUB_LA, "102", "R1", m, 30.0, 30, 100, false);
    put(p, PUB_LA, "103", "R1", m, 0, 0, 0, true);
    put(p, PUB_LA, "105", "R2", m, 20.0, 20, 100, false);
    /* others: 106 40.0, 107 5.0 */
    put(p, PUB_LA, "106", "R2", m, 40.0, 40, 100, false);
    put(p, PUB_LA, "107", "R2", m, 5.0, 5, 100, false);
    put(p, PUB_REGION, "R1", "", m, 18.0, 0, 0, false);
    put(p, PUB_ENGLAND, "E92000001", "", m, 24.0, 0, 0, false);
    pub_index(p);
    struct lscb_config cfg;
    config_defaults(&cfg);
    assert_int_equal(text_fmt(cfg.la, sizeof cfg.la, "100"), 0);
    assert_int_equal(text_fmt(cfg.region, sizeof cfg.region, "R1"), 0);
    const char *nb[] = {"101", "102", "103", "104", "105"};
    for (int i = 0; i < 5; i++)
        T_COPY(cfg.neighbours[i], nb[i]);
    cfg.nneighbours = 5;
    char dir[] = "/tmp/lscb-bench-XXXXXX";
    assert_non_null(mkdtemp(dir));
    struct lscb_error e = {0};
    if (benchmarks_write(p, &cfg, NULL, 0, dir, &e) != LSCB_OK)
        fail_msg("%s", e.msg);
    char *out = path_join(dir, "benchmarks.csv");
    char *b = slurp(out);
    /* SN: 10, 30, 20 (103 suppressed, 104 missing): mean 20.0, median 20.0,
     * count 3.  Region 18.0, England 24.0.  Values of all authorities:
     * 5 10 20 20 30 40; lower is better: 2 better than 20 -> rank 3 of 6
     * (the tie with 105 shares it).  Quantiles (type 7) of 5 10 20 20 30 40:
     * q1 = 12.5, q2 = 20, q3 = 27.5: 20 <= q2 -> B.  Wilson 95% for 20/100:
     * 13.3 to 28.9. */
    /* then the funnel columns (issue 19): 20 of 100 against England's 24%
     * is inside the exact limits, 15.41 to 33.09 at 95%: the counts whose
     * Clopper-Pearson intervals end and start at 24% (printed tables: 15 of
     * 100 is 8.65-23.53%, 16 is 9.43-24.77%; 33 of 100 is 23.95-43.11%):
     * similar; so against the neighbours' 20.0 */
    if (!strstr(b, "cpp_second_or_subsequent_pct,2024,100,20.0,20.0,20.0,3,R1,18.0,24.0,3,6,B,"
                   "13.3,28.9,,20,100,11.18,15.41,33.09,38.32,similar,,,similar,,,,"))
        fail_msg("unexpected benchmarks:\n%s", b);
    free(b);
    /* notes: England 24.0 lies inside 13.3-28.9: not different */
    char *np = path_join(dir, "benchmarks-notes.csv");
    b = slurp(np);
    assert_non_null(strstr(b, ",101 102 105 ,no,no,"));
    free(b);

    /* the median aggregate, and an authority far from England */
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->v[i].code, "100")) {
            p->v[i].value = 45.0;
            p->v[i].num = 45;
        }
    cfg.sn_median = true;
    if (benchmarks_write(p, &cfg, NULL, 0, dir, &e) != LSCB_OK)
        fail_msg("%s", e.msg);
    b = slurp(out);
    /* 45 is the highest: rank 6 of 6, band D; Wilson 45/100: 35.6 to 54.8 */
    if (!strstr(b, ",100,45.0,20.0,20.0,3,R1,18.0,24.0,6,6,D,35.6,54.8,"))
        fail_msg("unexpected benchmarks:\n%s", b);
    /* 45 of 100 is beyond England's upper 99.8% limit (38.32) and the
     * neighbours' median's: higher, and worse (lower is better) */
    if (!strstr(b, ",45,100,11.18,15.41,33.09,38.32,higher,99.8,worse,higher,99.8,worse,"))
        fail_msg("unexpected funnel columns:\n%s", b);
    free(b);
    b = slurp(np);
    assert_non_null(strstr(b, ",yes,yes,")); /* SN median 20 and England 24 outside */
    free(b);

    /* a rate with polarity neutral: no band; exact Poisson for 9 in
     * 10,000: 4.1 to 17.1 per 10,000 */
    struct pub_set *q = calloc(1, sizeof *q);
    assert_int_equal(text_fmt(q->releases[0], sizeof q->releases[0], "test release"), 0);
    q->nreleases = 1;
    put(q, PUB_LA, "100", "R1", "cpp_rate", 9.0, 9, 10000, false);
    put(q, PUB_LA, "101", "R1", "cpp_rate", 12.0, 12, 10000, false);
    put(q, PUB_LA, "102", "R1", "cpp_rate", 3.0, 3, 10000, false);
    put(q, PUB_LA, "106", "R2", "cpp_rate", 30.0, 30, 10000, false);
    pub_index(q);
    if (benchmarks_write(q, &cfg, NULL, 0, dir, &e) != LSCB_OK)
        fail_msg("%s", e.msg);
    b = slurp(out);
    if (!strstr(b, "cpp_rate,2024,100,9.0,7.5,7.5,2,R1,,,2,4,,4.1,17.1,,9,10000,"))
        fail_msg("unexpected benchmarks:\n%s", b);
    free(b);
    char cmd[96];
    assert_int_equal(text_fmt(cmd, sizeof cmd, "rm -rf %s", dir), 0);
    assert_int_equal(system(cmd), 0);
    free(out);
    free(np);
    free(p->v);
    free(p);
    free(q->v);
    free(q);
}

/* The funnel of every authority (funnel_pub.h): suppressed values and
 * values without a denominator are left out of the plot and said so; a
 * rate published without its count gets it from the population. */
static void test_funnel_points(void **st)
{
    (void)st;
    struct pub_set *p = calloc(1, sizeof *p);
    assert_int_equal(text_fmt(p->releases[0], sizeof p->releases[0], "test release"), 0);
    p->nreleases = 1;
    const char *m = "re_referral_pct";
    put(p, PUB_LA, "100", "R1", m, 20.0, 20, 100, false);   /* the authority */
    put(p, PUB_LA, "101", "R1", m, 10.0, 10, 100, false);   /* a neighbour */
    put(p, PUB_LA, "103", "R1", m, 0, 0, 0, true);          /* suppressed */
    put(p, PUB_LA, "104", "R1", m, 15.0, 0, 0, false);      /* no denominator */
    put(p, PUB_LA, "110", "R2", m, 45.0, 45, 100, false);   /* far above */
    for (int i = 0; i < 9; i++) {
        char code[16];
        assert_int_equal(text_fmt(code, sizeof code, "%d", 120 + i), 0);
        put(p, PUB_LA, code, "R2", m, 24.0, 24, 100, false);
    }
    put(p, PUB_ENGLAND, "E92000001", "", m, 24.0, 2400, 10000, false);
    /* a rate published as a value only (as LAIT does), its population from
     * another rate of the same authority and year */
    for (int i = 0; i < 12; i++) {
        char code[16];
        assert_int_equal(text_fmt(code, sizeof code, "%d", 200 + i), 0);
        put(p, PUB_LA, code, "R2", "cpp_rate", 40.0, 0, 0, false);
        put(p, PUB_LA, code, "R2", "referral_rate", 500.0, 500, 10000, false);
    }
    /* NI64 published as a percentage alone (LAIT), its denominator (plans
     * ended) from the published rate of plans ending: 50 per 10,000 of
     * 10,000 children = 50 plans, 10% of them = 5 */
    for (int i = 0; i < 12; i++) {
        char code[16];
        assert_int_equal(text_fmt(code, sizeof code, "%d", 200 + i), 0);
        put(p, PUB_LA, code, "R2", "cpp_ended_rate", 50.0, 0, 0, false);
        put(p, PUB_LA, code, "R2", "cpp_ended_2y_plus_pct", 10.0, 0, 0, false);
    }
    put(p, PUB_ENGLAND, "E92000001", "", "cpp_ended_2y_plus_pct", 4.0, 0, 0, false);
    /* NI68 published as a percentage alone (the 2010-2014 releases), its
     * denominator the referrals the same release counts (the registry's
     * den_of): 61.5% of 1,000 referrals = 615; one authority's referrals
     * suppressed: left out, no denominator */
    for (int i = 0; i < 12; i++) {
        char code[16];
        assert_int_equal(text_fmt(code, sizeof code, "%d", 200 + i), 0);
        put(p, PUB_LA, code, "R2", "referral_assessed_pct", 61.5, 0, 0, false);
        put(p, PUB_LA, code, "R2", "referrals", i == 11 ? 0 : 1000, 0, 0, i == 11);
    }
    put(p, PUB_ENGLAND, "E92000001", "", "referral_assessed_pct", 66.0, 0, 0, false);
    put(p, PUB_ENGLAND, "E92000001", "", "cpp_rate", 41.0, 0, 0, false);
    put(p, PUB_ENGLAND, "E92000001", "", "referral_rate", 500.0, 0, 0, false);
    pub_index(p);
    struct lscb_config cfg;
    config_defaults(&cfg);
    assert_int_equal(text_fmt(cfg.la, sizeof cfg.la, "100"), 0);
    assert_int_equal(text_fmt(cfg.neighbours[0], 8, "101"), 0);
    assert_int_equal(text_fmt(cfg.neighbours[1], 8, "103"), 0);
    cfg.nneighbours = 2;
    char dir[] = "/tmp/lscb-funnel-XXXXXX";
    assert_non_null(mkdtemp(dir));
    struct lscb_error e = {0};
    if (funnel_write(p, &cfg, NULL, 0, 2024, dir, &e) != LSCB_OK)
        fail_msg("%s", e.msg);
    char *ip = path_join(dir, "funnels.csv");
    char *b = slurp(ip);
    if (!strstr(b, "re_referral_pct,2024,12,2,24.000,funnel-re_referral_pct-2024.csv,"
                   "funnel-re_referral_pct-2024-limits.csv,\"2 authorities left out (1 "
                   "suppressed, 1 without a published denominator)\"\n"))
        fail_msg("unexpected funnels.csv:\n%s", b);
    /* 40 per 10,000 of 10,000 children: 40 children, worked out */
    if (!strstr(b, "cpp_rate,2024,12,0,41.000,") ||
        !strstr(b, "; 12 counts worked out from the published rate and population"))
        fail_msg("unexpected funnels.csv:\n%s", b);
    free(b);
    char *pp = path_join(dir, "funnel-re_referral_pct-2024.csv");
    b = slurp(pp);
    assert_non_null(strstr(b, "\n100,100,authority,20,100,20.000,11.185,15.408,33.089,38.323,"
                              "similar,,\n"));
    assert_non_null(strstr(b, "\n101,101,neighbour,10,100,10.000,"));
    assert_non_null(strstr(b, "\n103,103,neighbour,,,,,,,,,,suppressed: left out of the plot\n"));
    assert_non_null(strstr(b, "\n104,104,other,,,,,,,,,,no published denominator: left out of "
                              "the plot\n"));
    assert_non_null(strstr(b, "\n110,110,other,45,100,45.000,11.185,15.408,33.089,38.323,"
                              "higher,yes,\n"));
    free(b);
    free(pp);
    pp = path_join(dir, "funnel-cpp_rate-2024.csv");
    b = slurp(pp);
    assert_non_null(strstr(b, "\n200,200,other,40,10000,40.000,"));
    assert_non_null(strstr(b, ",similar,,count worked out from the published rate and "
                              "population\n"));
    free(b);
    free(pp);
    pp = path_join(dir, "funnel-cpp_ended_2y_plus_pct-2024.csv");
    b = slurp(pp);
    assert_non_null(strstr(b, "\n200,200,other,5,50,10.000,"));
    assert_non_null(strstr(b, ",\"counts worked out from the published percentage, the rate of "
                              "its denominator and the population\"\n"));
    free(b);
    free(pp);
    pp = path_join(dir, "funnel-referral_assessed_pct-2024.csv");
    b = slurp(pp);
    assert_non_null(strstr(b, "\n200,200,other,615,1000,61.500,"));
    assert_non_null(strstr(b, ",counts worked out from the published percentage and the "
                              "published count of its denominator\n"));
    assert_non_null(strstr(b, "\n211,211,other,,,,,,,,,,no published denominator: left out of "
                              "the plot\n"));
    free(b);
    free(pp);
    b = slurp(ip);
    if (!strstr(b, "referral_assessed_pct,2024,11,1,66.000,") ||
        !strstr(b, "; 11 counts worked out from the published percentage and the published "
                   "count of its denominator\"\n"))
        fail_msg("unexpected funnels.csv:\n%s", b);
    free(b);
    /* the limits over the range of x: 81 points and a header */
    pp = path_join(dir, "funnel-re_referral_pct-2024-limits.csv");
    b = slurp(pp);
    int lines = 0;
    for (char *c = b; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 82);
    assert_non_null(strstr(b, "denominator,centre,lcl_998,lcl_95,ucl_95,ucl_998\n80.0,24.0000,"));
    free(b);
    free(pp);
    free(ip);
    char cmd[96];
    assert_int_equal(text_fmt(cmd, sizeof cmd, "rm -rf %s", dir), 0);
    assert_int_equal(system(cmd), 0);
    free(p->v);
    free(p);
}

/* The narrative's words follow the tests: "significantly" only beyond a
 * limit (and which one), "rising" only when the test for trend says so. */
static void test_narrative_phrases(void **st)
{
    (void)st;
    struct funnel_result r;
    memset(&r, 0, sizeof r);
    r.applies = r.have = true;
    r.trend_test = "chi-square for trend";
    char buf[200];
    r.en.sig = FSIG_SIMILAR;
    funnel_phrase_england(&r, 'l', buf, sizeof buf);
    assert_null(strstr(buf, "significantly"));
    assert_string_equal(buf, ", not a significant difference (within the 95% limits)");
    r.en.sig = FSIG_HIGHER;
    r.en.beyond998 = true;
    funnel_phrase_england(&r, 'n', buf, sizeof buf);
    assert_string_equal(buf, ", significantly higher than England (99.8% limits)");
    r.en.beyond998 = false;
    funnel_phrase_england(&r, 'l', buf, sizeof buf);
    assert_string_equal(buf, ", significantly higher than England (95% limits), which is worse");
    r.en.sig = FSIG_NOT_COMPARED;
    funnel_phrase_england(&r, 'l', buf, sizeof buf);
    assert_string_equal(buf, "");
    r.sn.sig = FSIG_SIMILAR;
    funnel_phrase_sn(&r, 'h', buf, sizeof buf);
    assert_string_equal(buf, "");
    r.sn.sig = FSIG_LOWER;
    funnel_phrase_sn(&r, 'h', buf, sizeof buf);
    assert_string_equal(buf, " (the authority significantly lower, 95% limits, worse)");
    /* trend: untested says nothing; p >= 0.05 is no trend whatever the slope */
    funnel_phrase_trend(&r, 2024, buf, sizeof buf);
    assert_string_equal(buf, "");
    r.trend = (struct funnel_trend){.tested = true, .years = 5, .change = 1.2, .p = 0.0683};
    funnel_phrase_trend(&r, 2024, buf, sizeof buf);
    assert_null(strstr(buf, "rising"));
    assert_string_equal(buf, " Over the five years to 2023-24 it showed no significant trend "
                             "(chi-square for trend, p = 0.068).");
    r.trend.p = 0.0004;
    funnel_phrase_trend(&r, 2024, buf, sizeof buf);
    assert_string_equal(buf, " Over the five years to 2023-24 it was rising (chi-square for "
                             "trend, p < 0.001).");
}

/* Ranks, bands and region values for Hammersmith and Fulham (205), worked
 * by hand from the LAIT extract (data/published/dfe-lait, a copy of
 * ../shared/data/external/dfe-lait/bds_long_0_cin_cp_subset.csv).
 *
 * Re-referrals within 12 months (Short Desc ReReferral), 2024: the
 * extract has 170 rows for the year: England (LA Number 970), 11 regions
 * (980-990: North East ... South West, with London (Inner) 987 and
 * London (Outer) 988) and 158 authorities, 9 of them "-" (Bournemouth,
 * Dorset and Poole (Pre LG), City of London, Cumbria, Hampshire,
 * Herefordshire, Isles of Scilly, Northamptonshire): 149 authorities with
 * a value.  Lowest first (lower is better): Westmorland and Furness 7.4,
 * Cumberland 10.7, Sutton 12.6, Shropshire 12.7, Hammersmith and Fulham
 * 12.9: 5th of 149.  Quartiles (R type 7) over the 149: q1 is the value at
 * position 1 + 148/4 = 38 = 17.7 (Ealing), so 12.9 <= q1: band A.  Region
 * (London (Inner), 987): 18.2; England (970): 22.4.  The 2021 neighbours
 * 212 213 202 207 206 309 203 315 870 210 have 20.6 15.6 18.6 20.3 15.9
 * 18.4 15.1 18.7 26.6 22.0: mean 191.8 / 10 = 19.18 -> 19.2, median
 * (18.6 + 18.7) / 2 = 18.65 -> 18.7.
 *
 * Plans ended after 2 years or more (CPPlans2yrs), 2023: 125 authorities
 * with a value; 89 below 5.4, and five at 5.4 (Derbyshire, Ealing,
 * Hammersmith and Fulham, Oldham, Sheffield) share rank 90.  q3 is the
 * value at position 1 + 124 * 3/4 = 94 = 5.4: 5.4 <= q3 (and > q2 = 3.9):
 * band C.  London (Inner) 4.2, England 3.9.
 *
 * Children on plans per 10,000 (CPP_rate): London (Inner) 2024 is 40.2
 * in LAIT (no other release has the region that year); 2016 is 43.0 in
 * LAIT, 40.9 in the EES 2022 tables: the newest (LAIT) wins and the notes
 * say what the older release gave. */
static bool starts(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

static void test_lait_ranks(void **st)
{
    (void)st;
    struct pub_set *p = calloc(1, sizeof *p);
    struct lscb_error e = {0};
    char *dir = data_path("published");
    if (pub_load(dir, p, &e) != LSCB_OK)
        fail_msg("%s", e.msg);
    struct lscb_config cfg;
    config_defaults(&cfg);
    assert_int_equal(text_fmt(cfg.la, sizeof cfg.la, "205"), 0);
    if (sn_load(dir, 2021, "205", cfg.neighbours, &cfg.nneighbours, &e) != LSCB_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(cfg.nneighbours, 10);
    char tmp[] = "/tmp/lscb-bench-XXXXXX";
    assert_non_null(mkdtemp(tmp));
    if (benchmarks_write(p, &cfg, NULL, 0, tmp, &e) != LSCB_OK)
        fail_msg("%s", e.msg);
    char *out = path_join(tmp, "benchmarks.csv"), *np = path_join(tmp, "benchmarks-notes.csv");
    FILE *fp = fopen(out, "r");
    assert_non_null(fp);
    char line[512];
    bool rr = false, long_plans = false, rate16 = false, rate24 = false;
    while (fgets(line, sizeof line, fp)) {
        rr |= starts(line, "re_referral_pct,2024,205,12.9,19.2,18.7,10,E13000001,18.2,22.4,5,149,A,");
        long_plans |= starts(line, "cpp_ended_2y_plus_pct,2023,205,5.4,") &&
                      strstr(line, ",E13000001,4.2,3.9,90,125,C,") != NULL;
        rate16 |= starts(line, "cpp_rate,2016,205,") && strstr(line, ",E13000001,43.0,");
        rate24 |= starts(line, "cpp_rate,2024,205,") && strstr(line, ",E13000001,40.2,");
    }
    fclose(fp);
    assert_true(rr);
    assert_true(long_plans);
    assert_true(rate16);
    assert_true(rate24);
    fp = fopen(np, "r");
    assert_non_null(fp);
    bool note16 = false, among = false;
    while (fgets(line, sizeof line, fp)) {
        note16 |= starts(line, "cpp_rate,2016,205,") &&
                  strstr(line, "LAIT (Local Authority Interactive Tool) 2025 (newest; ") &&
                  strstr(line, "EES Characteristics of children in need 2022 gives 40.9");
        among |= starts(line, "re_referral_pct,2024,205,") &&
                 strstr(line, ",149 local authorities with a value in LAIT (Local Authority "
                              "Interactive Tool) 2025\n");
    }
    fclose(fp);
    assert_true(note16);
    assert_true(among);
    char cmd[96];
    assert_int_equal(text_fmt(cmd, sizeof cmd, "rm -rf %s", tmp), 0);
    assert_int_equal(system(cmd), 0);
    free(out);
    free(np);
    free(dir);
    pub_release(p);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_2010_11_figures),
        cmocka_unit_test(test_statistics),
        cmocka_unit_test(test_funnel_points),
        cmocka_unit_test(test_narrative_phrases),
        cmocka_unit_test(test_lait_ranks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
