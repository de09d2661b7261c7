/*
 * test_vstream.c — the C rules (transform/vstream.c, vrules_child.c) give
 * exactly the lines of the SQL rules (transform/validate_rules.c, run over
 * a scratch database with LSCB_VALIDATE_ENGINE=sql): validation.csv and the
 * counts file byte for byte, on randomised staged returns built to hit the
 * rules' corners: values from small pools (so referral dates, IDs and UPNs
 * repeat), dates that are not dates, empty values, booleans of every
 * spelling, several returns, IDs given twice, and module files in the
 * child file's order (as the extractor writes them) or shuffled (as a CSV
 * extract may come: children judged after a replay), leap days, bank
 * holidays and the year's edges, module records that link to no child
 * record, and every fourth return judged as a part year ending on 29
 * February (--period-end).  Also the streaming interface driven directly,
 * one child at a time, against the staged run.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "common/record_sink.h"
#include "common/records.h"
#include "common/text.h"
#include "transform/validate.h"
#include "transform/vstream.h"

/* text_fmt, which must not cut */
#define FMT(buf, ...) assert_int_equal(text_fmt(buf, sizeof buf, __VA_ARGS__), 0)

static unsigned long long rng_state;
static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rng_state >> 33) % n);
}
#define PICK(a) ((a)[rnd(sizeof(a) / sizeof((a)[0]))])

static const char *const dates[] = {
    "2021-05-04", "2022-03-31", "2022-04-01", "2022-12-25", "2023-03-31", "2023-04-01",
    "2023-04-02", "2023-06-01", "2023-06-03", "2023-06-20", "2023-07-03", "2023-09-12",
    "2023-11-30", "2024-01-06", "2024-02-29", "2024-03-29", "2024-03-31", "2024-04-01",
    "2024-06-01", "2023-02-30", "notadate", "", "",
    /* leap days, bank holidays, the year's edges, dates as a system may give them */
    "2024-02-28", "2024-03-01", "2023-05-01", "2023-05-08", "2023-12-26", "2024-01-01",
    "2024-03-30", "2022-02-29", "2023-6-1", "2023-06-01T00:00:00", "9999-12-31", "2000-02-29"};
static const char *const births[] = {"1990-01-01", "1997-04-01", "2008-05-05", "2012-09-01",
                                     "2015-06-01", "2018-01-01", "2023-05-01", "2024-06-01",
                                     "2024-13-01", "", "", "2024-02-29", "2020-02-29", "2018-02-28",
                                     "2018-03-01", "2008-02-29", "2008-03-01", "1999-03-31",
                                     "1999-04-01"};
static const char *const ids[] = {"A1", "A2", "A3", "B1", "B2", "C1", "C2", "D1", "E1", "F1",
                                  "G1", "H1", "I1", "J1", "K1", "L1", "M1", "N1", "",
                                  "ABCDEFGHIJKLMNOPQRSTUV", "a-b", "X\xc3\xa9", "a1", " A1", "=1+1",
                                  "q,\"x\"", "\xff\xfe"};
static const char *const upns[] = {"A123456789123", "P123456789123", "Y201000000001",
                                   "X709123456781", "K004123456781", "Y20100", "", "", ""};
static const char *const bools[] = {"true", "false", "1", "0", "TRUE", "maybe", ""};

struct gen {
    FILE *f[ENT_COUNT];
    long line;
    const char *la;
    long year;
    /* shuffled mode: rows kept and written in random order */
    char **rows[ENT_COUNT];
    size_t nrows[ENT_COUNT];
    bool shuffle;
};

static void put(struct gen *g, enum entity_id ent, const char **vals)
{
    const struct entity_def *d = &entity_defs[ent];
    char lnum[24], year[24];
    FMT(lnum, "%ld", ++g->line);
    FMT(year, "%ld", g->year);
    const char *row[REC_NCTX + ENTITY_MAX_FIELDS + 1] = {rnd(9) ? "r1.xml" : "r2.xml", lnum,
                                                         g->la, year};
    for (size_t i = 0; i < d->nfields; i++)
        row[REC_NCTX + i] = vals[i] ? vals[i] : "";
    /* now and then a module record that links to no child record: an ID
     * no child has, another authority's or another year's */
    char oyear[24];
    if (ent != ENT_CHILD && rnd(40) == 0) {
        unsigned k = rnd(3);
        if (k == 0)
            row[REC_NCTX] = "ORPHAN";
        else if (k == 1)
            row[2] = "207";
        else {
            FMT(oyear, "%ld", g->year == 2024 ? 2023L : 2024L);
            row[3] = oyear;
        }
    }
    row[REC_NCTX + d->nfields] = rnd(40) ? "" : rnd(2) ? "bad_row 3 of 5" : "too_long child_id";
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_non_null(m);
    csv_put_row(m, row, REC_NCTX + d->nfields + 1);
    assert_int_equal(fclose(m), 0);
    if (!g->shuffle || ent == ENT_CHILD) {
        fputs(buf, g->f[ent]);
        free(buf);
        return;
    }
    g->rows[ent] = realloc(g->rows[ent], (g->nrows[ent] + 1) * sizeof *g->rows[ent]);
    assert_non_null(g->rows[ent]);
    g->rows[ent][g->nrows[ent]++] = buf;
}

/* A staged directory of random returns. */
static void generate(const char *dir, unsigned seed, bool shuffle)
{
    rng_state = seed * 2654435761ULL + 7;
    struct gen g;
    memset(&g, 0, sizeof g);
    g.shuffle = shuffle;
    for (int k = 0; k < ENT_COUNT; k++) {
        if (entity_defs[k].kind != KIND_CENSUS)
            continue;
        char p[256];
        FMT(p, "%s/%s.csv", dir, entity_defs[k].name);
        g.f[k] = fopen(p, "w");
        assert_non_null(g.f[k]);
        rec_put_staged_header(g.f[k], &entity_defs[k]);
    }
    char p[256];
    FMT(p, "%s/census.csv", dir);
    FILE *c = fopen(p, "w");
    assert_non_null(c);
    fputs("source_file,la_code,census_year,reference_date,records,kind,header_year\n", c);
    static const char *const las[] = {"205", "206", ""};
    static const char *const refs[] = {"2024-03-31", "2024-03-31", "2024-03-30", "", "bad"};
    static const char *const hys[] = {"2024", "2024", "", "2023", "20"};
    int nret = 1 + (int)rnd(3);
    for (int r = 0; r < nret; r++) {
        const char *la = PICK(las);
        long y = rnd(3) ? 2024 : 2023;
        char ref[16], hy[8];
        FMT(ref, "%s", PICK(refs));
        if (y == 2023 && !strcmp(ref, "2024-03-31"))
            FMT(ref, "2023-03-31");
        FMT(hy, "%s", PICK(hys));
        fprintf(c, "%s,%s,%ld,%s,0,%s,%s\n", rnd(2) ? "r1.xml" : "r2.xml", la, y, ref,
                rnd(8) ? "census" : "strategy", hy);
    }
    assert_int_equal(fclose(c), 0);
    int nchild = 20 + (int)rnd(60);
    for (int i = 0; i < nchild; i++) {
        if (seed % 3) {   /* children of the returns mixed: returns met again */
            g.la = rnd(12) ? "205" : PICK(las);
            g.year = rnd(6) ? 2024 : 2023;
        } else {          /* one return after another, as files are read */
            g.la = i < nchild / 3 ? "205" : i < 2 * nchild / 3 ? "206" : "205";
            g.year = i < 2 * nchild / 3 ? 2024 : 2023;
        }
        const char *id = PICK(ids);
        int nep = (int)rnd(5);
        for (int ep = 0; ep < nep; ep++) {
            const char *ref = rnd(8) ? PICK(dates) : "2023-06-01";
            for (int a = (int)rnd(3); a > 0; a--) {
                static const char *const fac[] = {"1A", "21", "21;1A", "18A", "19A;19A", "",
                                                  "1A;2B"};
                const char *v[] = {id, rnd(6) ? ref : PICK(dates), PICK(dates), "",
                                   rnd(3) ? PICK(dates) : "", PICK(fac)};
                put(&g, ENT_ASSESSMENT, v);
            }
            for (int a = (int)rnd(3); a > 0; a--) {
                const char *v[] = {id, ref, PICK(dates), rnd(2) ? PICK(dates) : ""};
                put(&g, ENT_CIN_PLAN, v);
            }
            for (int a = (int)rnd(3); a > 0; a--) {
                const char *v[] = {id, ref, PICK(dates), PICK(dates), rnd(2) ? PICK(dates) : "",
                                   PICK(bools)};
                put(&g, ENT_S47, v);
            }
            for (int a = (int)rnd(3); a > 0; a--) {
                static const char *const cat[] = {"NEG", "PHY", "XXX", ""};
                const char *start = PICK(dates);
                const char *v[] = {id, ref, start, rnd(2) ? PICK(dates) : "", PICK(cat),
                                   PICK(cat), rnd(5) ? "0" : ""};
                put(&g, ENT_CPP, v);
                for (int r = (int)rnd(3); r > 0; r--) {
                    const char *w[] = {id, ref, start, PICK(dates)};
                    put(&g, ENT_CPP_REVIEW, w);
                }
            }
            static const char *const src[] = {"1A", "1B", "ZZ", ""};
            static const char *const need[] = {"N1", "N4", "N99", ""};
            static const char *const reason[] = {"RC1", "RC2", "RC8", "RC9", "RCX", ""};
            const char *v[] = {id, ref, PICK(src), PICK(need), rnd(2) ? PICK(dates) : "",
                               PICK(reason), rnd(3) ? "" : PICK(dates), PICK(bools)};
            put(&g, ENT_EPISODE, v);
        }
        static const char *const gender[] = {"1", "2", "0", "9", "M", "", ""};
        static const char *const sex[] = {"M", "F", "U", "1", "", ""};
        static const char *const eth[] = {"WBRI", "XXX", ""};
        static const char *const dis[] = {"NONE", "MOB;HAND", "NONE;MOB", "MOB;MOB", "",
                                          "LD;", "MOB", "HAND", "PC", "INC", "COMM", "LD",
                                          "AUT", "VIS", "HEAR", "BEH", "CON", "DDA"};
        static const char *const unk[] = {"UN1", "UN5", "UN7", ""};
        const char *v[] = {id, PICK(births), rnd(4) ? "" : PICK(dates), PICK(gender),
                           rnd(5) ? "" : PICK(dates), PICK(eth), PICK(dis), PICK(upns),
                           PICK(upns), PICK(unk), PICK(sex)};
        put(&g, ENT_CHILD, v);
    }
    for (int k = 0; k < ENT_COUNT; k++) {
        for (size_t i = g.nrows[k]; i > 1; i--) {   /* Fisher-Yates */
            size_t j = rnd((unsigned)i);
            char *t = g.rows[k][i - 1];
            g.rows[k][i - 1] = g.rows[k][j];
            g.rows[k][j] = t;
        }
        for (size_t i = 0; i < g.nrows[k]; i++) {
            fputs(g.rows[k][i], g.f[k]);
            free(g.rows[k][i]);
        }
        free(g.rows[k]);
        if (g.f[k])
            assert_int_equal(fclose(g.f[k]), 0);
    }
}

/* LSCB_TEST_ROUNDS (make valgrind: fewer), at most dflt */
static unsigned test_rounds(unsigned dflt)
{
    const char *env = getenv("LSCB_TEST_ROUNDS");
    long n;
    return env && text_long(env, &n) && n > 0 && n < (long)dflt ? (unsigned)n : dflt;
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_non_null(m);
    int ch;
    while ((ch = getc(fp)) != EOF)
        putc(ch, m);
    fclose(fp);
    assert_int_equal(fclose(m), 0);
    return buf;
}

static void run_engine(const char *dir, const char *engine, const char *tag,
                       const char *period_end)
{
    char out[256], counts[256];
    FMT(out, "%s/validation-%s.csv", dir, tag);
    FMT(counts, "%s/counts-%s.csv", dir, tag);
    if (engine)
        setenv("LSCB_VALIDATE_ENGINE", engine, 1);
    else
        unsetenv("LSCB_VALIDATE_ENGINE");
    struct validate_opts o = {.indir = dir, .out = out, .counts = counts, .quiet = true,
                              .period_end = period_end};
    struct validate_result r;
    struct lscb_error e = {0};
    if (validate_run(&o, &r, &e) != LSCB_OK)
        fail_msg("%s engine: %s", tag, e.msg);
    unsetenv("LSCB_VALIDATE_ENGINE");
}

/* 1 if the two files differ (and says where) */
static int differ(const char *dir, const char *what, unsigned seed, bool shuffle)
{
    char a[256], b[256];
    FMT(a, "%s/%s-c.csv", dir, what);
    FMT(b, "%s/%s-sql.csv", dir, what);
    char *x = slurp(a), *y = slurp(b);
    int bad = strcmp(x, y) != 0;
    if (bad) {
        size_t i = 0;
        while (x[i] && x[i] == y[i])
            i++;
        size_t l = i;
        while (l > 0 && x[l - 1] != '\n')
            l--;
        fprintf(stderr, "seed %u (%s): %s.csv differs at byte %zu:\n C:   %.200s\n SQL: %.200s\n",
                seed, shuffle ? "shuffled" : "in order", what, i, x + l, y + l);
    }
    free(x);
    free(y);
    return bad;
}

static void test_c_rules_give_the_sql_rules_lines(void **st)
{
    (void)st;
    int bad = 0;
    long lines = 0;
    /* LSCB_TEST_ROUNDS: fewer returns under valgrind (make valgrind) */
    unsigned rounds = test_rounds(40);
    for (unsigned seed = 1; seed <= rounds; seed++) {
        for (int sh = 0; sh < 2; sh++) {
            char dir[] = "/tmp/lscb-test-vstream-XXXXXX";
            assert_non_null(mkdtemp(dir));
            generate(dir, seed, sh);
            /* every fourth seed a part year ending on a leap day (--period-end) */
            const char *pe = seed % 4 == 0 ? "2024-02-29" : NULL;
            run_engine(dir, NULL, "c", pe);
            run_engine(dir, "sql", "sql", pe);
            bad += differ(dir, "validation", seed, sh);
            bad += differ(dir, "counts", seed, sh);
            char p[256];
            FMT(p, "%s/validation-c.csv", dir);
            char *t = slurp(p);
            for (char *q = t; *q; q++)
                lines += *q == '\n';
            free(t);
            char cmd[160];
            FMT(cmd, "rm -rf '%s'", dir);
            if (getenv("LSCB_TEST_KEEP"))   /* to look at a difference */
                fprintf(stderr, "seed %u: %s\n", seed, dir);
            else
                assert_int_equal(system(cmd), 0);
        }
    }
    fprintf(stderr, "vstream: %u random returns, %ld failure lines, C and SQL the same\n",
            2 * rounds, lines);
    assert_true(lines > 500L * rounds);   /* the returns do fail the rules */
    assert_int_equal(bad, 0);
}

/* The streaming interface as lscb-run's one pass drives it: records one
 * child at a time, straight from the rows, then a replay when asked. */
struct feed {
    struct vstream *vs;
    enum entity_id ent;
    bool header;
};

static lscb_err on_row(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)line;
    struct feed *fd = ctx;
    if (!fd->header) {
        fd->header = true;
        return LSCB_OK;
    }
    const struct entity_def *d = &entity_defs[fd->ent];
    struct rec_problem pr;
    if (n != REC_NCTX + d->nfields + 1 || !rec_problem_parse(f[n - 1], d, &pr))
        return LSCB_OK;
    lscb_err rc = vstream_record(fd->vs, fd->ent, (const char *const *)f, &pr, e);
    if (rc == LSCB_OK && fd->ent == ENT_CHILD)
        rc = vstream_end_child(fd->vs, e);
    return rc;
}

static lscb_err on_census(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)line;
    struct feed *fd = ctx;
    if (!fd->header) {
        fd->header = true;
        return LSCB_OK;
    }
    return n < 6 ? LSCB_OK : vstream_census(fd->vs, f[0], f[1], f[2], f[3], f[5],
                                            n > 6 ? f[6] : NULL, e);
}

static void feed_all(struct vstream *vs, const char *dir)
{
    struct lscb_error e = {0};
    /* modules first, then children: the order the census XML gives */
    for (int k = ENT_CPP_REVIEW; k >= ENT_CHILD; k--) {
        char p[256];
        FMT(p, "%s/%s.csv", dir, entity_defs[k].name);
        struct feed fd = {.vs = vs, .ent = (enum entity_id)k};
        if (csv_read_path(p, on_row, &fd, &e) != LSCB_OK)
            fail_msg("%s", e.msg);
    }
}

static void test_stream_interface(void **st)
{
    (void)st;
    int bad = 0;
    unsigned rounds = test_rounds(10);
    for (unsigned seed = 1; seed <= rounds; seed++) {
        char dir[] = "/tmp/lscb-test-vstream-XXXXXX";
        assert_non_null(mkdtemp(dir));
        generate(dir, seed, false);
        run_engine(dir, "sql", "sql", NULL);
        struct vstream *vs = NULL;
        struct vstream_opts o = {0};
        struct lscb_error e = {0};
        if (vstream_open(&vs, &o, &e) != LSCB_OK)
            fail_msg("%s", e.msg);
        char p[256];
        FMT(p, "%s/census.csv", dir);
        struct feed fd = {.vs = vs};
        assert_int_equal(csv_read_path(p, on_census, &fd, &e), LSCB_OK);
        /* every module record comes before its child here, so all of them
         * pend until the first child: each child comes apart */
        feed_all(vs, dir);
        bool replay;
        assert_int_equal(vstream_end_input(vs, &replay, &e), LSCB_OK);
        if (replay) {
            feed_all(vs, dir);
            assert_int_equal(vstream_end_input(vs, &replay, &e), LSCB_OK);
            assert_false(replay);
        }
        char out[256], counts[256];
        FMT(out, "%s/validation-c.csv", dir);
        FMT(counts, "%s/counts-c.csv", dir);
        struct validate_result r;
        if (vstream_finish(vs, out, counts, &r, &e) != LSCB_OK)
            fail_msg("%s", e.msg);
        vstream_free(vs);
        bad += differ(dir, "validation", seed, false);
        bad += differ(dir, "counts", seed, false);
        char cmd[160];
        FMT(cmd, "rm -rf '%s'", dir);
        assert_int_equal(system(cmd), 0);
    }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_c_rules_give_the_sql_rules_lines),
        cmocka_unit_test(test_stream_interface),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
