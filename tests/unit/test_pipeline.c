/* test_pipeline.c — extract -> transform -> load on hand-built returns:
 * rejects and their cascade, merging of records returned in two census
 * years (latest wins), and reloading a year without duplicates. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sqlite3.h>
#include "testutil.h"
#include "extract/extract.h"
#include "load/load.h"
#include "transform/transform.h"
#include "common/pseudonym.h"
#include "common/warehouse.h"

#define HEAD(y)                                                                           \
    "<Message><Header><CollectionDetails><Year>" y "</Year><ReferenceDate>" y "-03-31"    \
    "</ReferenceDate></CollectionDetails><Source><LEA>205</LEA></Source></Header>"        \
    "<Children>\n"
#define TAIL "</Children></Message>\n"
#define CHILD(id, eth)                                                                    \
    "<Child><ChildIdentifiers><LAchildID>" id "</LAchildID><PersonBirthDate>2015-01-01"   \
    "</PersonBirthDate><GenderCurrent>1</GenderCurrent></ChildIdentifiers>"               \
    "<ChildCharacteristics><Ethnicity>" eth "</Ethnicity></ChildCharacteristics>\n"
#define EPISODE(ref, closure)                                                             \
    "<CINdetails><CINreferralDate>" ref "</CINreferralDate><ReferralSource>4"             \
    "</ReferralSource>" closure "<ReferralNFA>false</ReferralNFA>\n"
#define PLAN(start, end)                                                                  \
    "<ChildProtectionPlans><CPPstartDate>" start "</CPPstartDate>" end                    \
    "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG"      \
    "</LatestCategoryOfAbuse><NumberOfPreviousCPP>0</NumberOfPreviousCPP>"                \
    "</ChildProtectionPlans>\n"

/* 2023: K1's episode and plan open at 31 March 2023 (no end dates yet). */
static const char y2023[] =
    HEAD("2023")
    CHILD("K1", "WBRI") EPISODE("2022-09-01", "") PLAN("2022-10-01", "") "</CINdetails></Child>\n"
    CHILD("K2", "BAFR") EPISODE("2023-01-05", "<CINclosureDate>2023-02-01</CINclosureDate>"
                                "<ReasonForClosure>RC8</ReasonForClosure>")
    "</CINdetails></Child>\n" TAIL;

/* 2024: the same episode and plan, now closed; K3 has a bad ethnicity code
 * (kept with the code left empty) and an impossible referral date (episode
 * rejected, its plan follows it out); K4 is returned twice (the second copy
 * is a duplicate); K5's plan ends before it starts. */
static const char y2024[] =
    HEAD("2024")
    CHILD("K1", "WBRI") EPISODE("2022-09-01", "<CINclosureDate>2023-12-01</CINclosureDate>"
                                "<ReasonForClosure>RC7</ReasonForClosure>")
    PLAN("2022-10-01", "<CPPendDate>2023-11-20</CPPendDate>") "</CINdetails></Child>\n"
    CHILD("K3", "XXXX") EPISODE("2023-02-30", "") PLAN("2023-06-01", "") "</CINdetails></Child>\n"
    CHILD("K4", "WOTH") EPISODE("2023-07-01", "") "</CINdetails></Child>\n"
    CHILD("K4", "WOTH") EPISODE("2023-07-02", "") "</CINdetails></Child>\n"
    CHILD("K5", "AIND") EPISODE("2023-08-01", "") PLAN("2023-09-01",
                                "<CPPendDate>2023-08-15</CPPendDate>") "</CINdetails></Child>\n"
    TAIL;

static char dir[64];

static char *P(const char *name)
{
    return path_join(dir, name);
}

static void write_file(const char *name, const char *text)
{
    char *p = P(name);
    FILE *fp = fopen(p, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    free(p);
}

/* Runs sql with every 'K<digit>' replaced by that child's pseudonym (the
 * warehouse holds no LA child ID). */
static long q(const char *sql_in)
{
    char *sql = NULL;   /* grown whole: a query cut short tests nothing */
    text_xappend(&sql, "%s", "");
    for (const char *s = sql_in; *s; s++) {
        if (s[0] == '\'' && s[1] == 'K' && s[2] >= '0' && s[2] <= '9' && s[3] == '\'') {
            struct pseudonym_key key;
            struct lscb_error e = {0};
            assert_int_equal(pseudonym_key_load(NULL, 0, &key, &e), LSCB_OK);
            char id[3] = {s[1], s[2], 0}, p[PSEUDONYM_LEN + 1];
            pseudonym_of(&key, "205", id, p);
            text_xappend(&sql, "'%s'", p);
            s += 3;
        } else {
            text_xappend(&sql, "%c", *s);
        }
    }
    char *w = P("w.sqlite");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(w, &db), SQLITE_OK);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    free(w);
    free(sql);
    return v;
}

static void run(const char *const *inputs, int n, struct transform_result *tr)
{
    char *st = P("staged"), *no = P("norm"), *rj = P("rejects.csv"), *w = P("w.sqlite");
    struct lscb_error e = {0};
    struct extract_opts xo = {.outdir = st, .inputs = inputs, .ninputs = n, .quiet = true};
    struct extract_result xr;
    if (extract_run(&xo, &xr, &e) != LSCB_OK)
        fail_msg("extract: %s", e.msg);
    struct transform_opts to = {.indir = st, .outdir = no, .rejects = rj, .quiet = true};
    if (transform_run(&to, tr, &e) != LSCB_OK)
        fail_msg("transform: %s", e.msg);
    assert_int_equal(tr->read, xr.wrote);
    assert_int_equal(tr->read, tr->wrote + tr->rejected);
    struct load_opts lo = {.indir = no, .warehouse = w, .quiet = true};
    struct load_result lr;
    if (load_run(&lo, &lr, &e) != LSCB_OK)
        fail_msg("load: %s", e.msg);
    free(st), free(no), free(rj), free(w);
}

static char *slurp(const char *name)
{
    char *p = P(name);
    FILE *fp = fopen(p, "r");
    assert_non_null(fp);
    char *buf = calloc(1, 1 << 16);
    size_t n = fread(buf, 1, (1 << 16) - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    free(p);
    return buf;
}

static void test_merge_rejects_reload(void **state)
{
    (void)state;
    setenv("LSCB_PSEUDONYM_KEY", "a test key, not a secret", 1);
    assert_int_equal(text_fmt(dir, sizeof dir, "/tmp/lscb-test-XXXXXX"), 0);
    assert_non_null(mkdtemp(dir));
    write_file("cin-2023.xml", y2023);
    write_file("cin-2024.xml", y2024);
    char *a = P("cin-2023.xml"), *b = P("cin-2024.xml");
    const char *both[] = {a, b};
    struct transform_result tr;
    run(both, 2, &tr);

    /* 2023: 2 children, 2 episodes, 1 plan = 5; 2024: 5 children, 5
     * episodes, 3 plans = 13.  Rejected: K3's episode and its plan (T02:
     * the referral date is in both keys), the second K4 child (T05; its episode has another referral date
     * and stays, attached to K4), K5's plan (T06).  K3 stays, its ethnicity
     * 'XXXX' left empty (a code only a breakdown reads). */
    assert_int_equal(tr.read, 18);
    assert_int_equal(tr.blanked, 1);
    char *rej = slurp("rejects.csv");
    assert_null(strstr(rej, ",child,205,K3,"));
    assert_non_null(strstr(rej, ",episode,205,K3,T02,referral_date,'2023-02-30' is not a valid "
                                "date"));
    assert_non_null(strstr(rej, ",cpp,205,K3,T02,referral_date,"));   /* its key too */
    assert_non_null(strstr(rej, ",child,205,K4,T05,child_id,"));
    assert_non_null(strstr(rej, ",cpp,205,K5,T06,end_date,end_date 2023-08-15 is before "
                                "start_date 2023-09-01"));
    if (tr.rejected != 4)
        fail_msg("rejects:\n%s", rej);
    free(rej);

    /* K1's plan returned in both years is one row, with the 2024 end date */
    assert_int_equal(q("SELECT count(*) FROM census_cpp WHERE child_id='K1'"), 2);
    assert_int_equal(q("SELECT count(*) FROM cpp WHERE child_id='K1'"), 1);
    assert_int_equal(q("SELECT count(*) FROM cpp WHERE child_id='K1' AND "
                       "end_date='2023-11-20' AND census_year=2024"), 1);
    assert_int_equal(q("SELECT count(*) FROM episode WHERE child_id='K1' AND "
                       "closure_date='2023-12-01'"), 1);
    /* K2 only in 2023, kept */
    assert_int_equal(q("SELECT count(*) FROM episode WHERE child_id='K2'"), 1);
    assert_int_equal(q("SELECT count(*) FROM child"), 5);   /* K1 K2 K3 K4 K5 */
    assert_int_equal(q("SELECT count(*) FROM child WHERE ethnicity IS NULL"), 1);   /* K3 */
    assert_int_equal(q("SELECT count(*) FROM cpp"), 1);     /* K3's and K5's rejected */

    /* loading 2024 again replaces it: nothing doubles */
    const char *one[] = {b};
    run(one, 1, &tr);
    assert_int_equal(q("SELECT count(*) FROM census_cpp"), 2);
    assert_int_equal(q("SELECT count(*) FROM census_episode"), 2 + 4);
    assert_int_equal(q("SELECT count(*) FROM cpp"), 1);
    assert_int_equal(q("SELECT count(*) FROM episode"), 5); /* K1 K2 K4 K4 K5 */
    assert_int_equal(q("SELECT count(*) FROM load_log"), 2);
    /* no LA child ID in the warehouse, anywhere */
    assert_int_equal(q("SELECT count(*) FROM census_child WHERE child_id LIKE 'K%'"), 0);
    assert_int_equal(q("SELECT count(*) FROM child WHERE length(child_id) = 32"), 5);
    /* another key is refused */
    setenv("LSCB_PSEUDONYM_KEY", "another key altogether", 1);
    {
        char *no = P("norm"), *w = P("w.sqlite");
        struct lscb_error e = {0};
        struct load_opts lo = {.indir = no, .warehouse = w, .quiet = true};
        struct load_result lr;
        assert_int_equal(load_run(&lo, &lr, &e), LSCB_EINPUT);
        assert_non_null(strstr(e.msg, "pseudonym key is not the one"));
        free(no), free(w);
    }
    setenv("LSCB_PSEUDONYM_KEY", "a test key, not a secret", 1);

    /* a corrected 2024 return without K1: its 2023 version comes back */
    write_file("cin-2024.xml", HEAD("2024") CHILD("K9", "WBRI") EPISODE("2023-05-05", "")
                               "</CINdetails></Child>\n" TAIL);
    run(one, 1, &tr);
    assert_int_equal(q("SELECT count(*) FROM cpp WHERE child_id='K1' AND end_date IS NULL "
                       "AND census_year=2023"), 1);
    free(a), free(b);
    char cmd[128];
    assert_int_equal(text_fmt(cmd, sizeof cmd, "rm -rf %s", dir), 0);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_rejects_reload),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
