/* test_whmerge.c — the SQLite merge by hash map (whmerge.h) gives exactly
 * the rows of the window SQL it replaces (row_number() over each key by
 * census year, newest first): several years with repeated keys, NULL and
 * empty key fields, other authorities in the tables, a key twice in one
 * year (the window's way), and tables whose columns are in another order
 * (the whole-record copy must not be used then). */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "common/text.h"
#include "common/warehouse.h"
#include "common/whdb.h"

static char path[64];

static struct whdb *open_wh(void)
{
    assert_int_equal(text_fmt(path, sizeof path, "/tmp/test_whmerge_XXXXXX"), 0);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    struct whdb *db = NULL;
    struct lscb_error e = {0};
    assert_int_equal(wh_open(path, true, &db, &e), LSCB_OK);
    return db;
}

static void close_wh(struct whdb *db)
{
    wh_close(db);
    unlink(path);
}

static void exec_ok(struct whdb *db, const char *sql)
{
    struct lscb_error e = {0};
    if (wh_exec(db, sql, &e) != LSCB_OK)
        fail_msg("%s: %s", sql, e.msg);
}

/* every row of the query, sorted, one line each, into a new string */
static char *dump(struct whdb *db, const char *sql)
{
    sqlite3 *lite = whdb_sqlite(db);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(lite, sql, -1, &st, NULL), SQLITE_OK);
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            const unsigned char *v = sqlite3_column_text(st, i);
            int t = sqlite3_column_type(st, i);
            int w = snprintf(out + len, cap - len, "%s%s", i ? "|" : "",
                             t == SQLITE_NULL ? "<null>" : (const char *)v);
            assert_true(w >= 0 && (size_t)w < cap - len);
            len += (size_t)w;
        }
        assert_true(len + 2 < cap);
        out[len++] = '\n';
        out[len] = '\0';
    }
    sqlite3_finalize(st);
    return out;
}

#define EP_COLS "la_code, census_year, source_file, source_line, child_id, referral_date, " \
                "referral_source, primary_need, closure_date, closure_reason, " \
                "date_initial_cpc, referral_nfa"

/* census_episode rows: keys (child_id, referral_date) repeated across
 * three years, a NULL and an empty referral date, two authorities */
static void fill_episodes(struct whdb *db)
{
    exec_ok(db, "INSERT INTO census_episode (" EP_COLS ") VALUES "
                "('999', 2022, 'a.xml', 1, 'c1', '2021-05-01', '1A', 'N1', NULL, NULL, NULL, '0'),"
                "('999', 2023, 'b.xml', 1, 'c1', '2021-05-01', '1A', 'N1', '2022-06-01', 'RC1', "
                "NULL, '0'),"
                "('999', 2022, 'a.xml', 2, 'c2', '2021-07-01', '2B', 'N2', NULL, NULL, NULL, '0'),"
                "('999', 2024, 'c.xml', 5, 'c2', '2021-07-01', '2B', 'N3', '2024-01-01', 'RC2', "
                "NULL, '0'),"
                "('999', 2023, 'b.xml', 7, 'c2', '2021-07-01', '2B', 'N9', NULL, NULL, NULL, '0'),"
                "('999', 2022, 'a.xml', 3, 'c3', NULL, '3C', 'N1', NULL, NULL, NULL, '1'),"
                "('999', 2023, 'b.xml', 3, 'c3', NULL, '3D', 'N1', NULL, NULL, NULL, '1'),"
                "('999', 2023, 'b.xml', 4, 'c3', '', '3E', 'N1', NULL, NULL, NULL, '1'),"
                "('999', 2024, 'c.xml', 8, 'c4', '2023-09-09', '1A', 'N4', NULL, NULL, NULL, '0'),"
                "('999', 2022, 'a.xml', 9, NULL, '2021-01-01', '1A', 'N4', NULL, NULL, NULL, '0'),"
                "('999', 2024, 'c.xml', 9, NULL, '2021-01-01', '1B', 'N4', NULL, NULL, NULL, '0'),"
                "('888', 2022, 'x.xml', 1, 'c1', '2021-05-01', '9Z', 'N8', NULL, NULL, NULL, '0'),"
                "('888', 2024, 'y.xml', 1, 'c1', '2021-05-01', '9Y', 'N8', NULL, NULL, NULL, '0')");
}

/* the window SQL the merge replaces, for one authority */
static char *window_merge(struct whdb *db, const char *la)
{
    char sql[1024];
    int cut = text_fmt(sql, sizeof sql, "SELECT " EP_COLS " FROM (SELECT *, row_number() OVER "
                       "(PARTITION BY la_code, child_id, referral_date ORDER BY census_year "
                       "DESC) AS rn FROM census_episode WHERE la_code = '%s') WHERE rn = 1 "
                       "ORDER BY " EP_COLS, la);
    assert_int_equal(cut, 0);
    return dump(db, sql);
}

static void test_several_years(void **st)
{
    (void)st;
    struct whdb *db = open_wh();
    fill_episodes(db);
    char *want999 = window_merge(db, "999"), *want888 = window_merge(db, "888");
    struct lscb_error e = {0};
    exec_ok(db, "BEGIN");
    assert_int_equal(wh_merge_la(db, "999", &e), LSCB_OK);
    assert_int_equal(wh_merge_la(db, "888", &e), LSCB_OK);
    /* again: the old merged rows replaced, not doubled */
    assert_int_equal(wh_merge_la(db, "999", &e), LSCB_OK);
    exec_ok(db, "COMMIT");
    char *got999 = dump(db, "SELECT " EP_COLS " FROM episode WHERE la_code = '999' ORDER BY "
                            EP_COLS);
    char *got888 = dump(db, "SELECT " EP_COLS " FROM episode WHERE la_code = '888' ORDER BY "
                            EP_COLS);
    assert_string_equal(got999, want999);
    assert_string_equal(got888, want888);
    /* c2's 2024 version, c3's 2023 NULL date apart from its empty one */
    assert_non_null(strstr(got999, "999|2024|c.xml|5|c2|2021-07-01|2B|N3"));
    assert_non_null(strstr(got999, "999|2023|b.xml|3|c3|<null>|3D"));
    free(want999);
    free(want888);
    free(got999);
    free(got888);
    close_wh(db);
}

/* one authority alone: the map reads the table whole (NOT INDEXED) */
static void test_alone(void **st)
{
    (void)st;
    struct whdb *db = open_wh();
    fill_episodes(db);
    exec_ok(db, "DELETE FROM census_episode WHERE la_code = '888'");
    exec_ok(db, "CREATE INDEX census_episode_year ON census_episode (la_code, census_year)");
    char *want = window_merge(db, "999");
    struct lscb_error e = {0};
    exec_ok(db, "BEGIN");
    assert_int_equal(wh_merge_la(db, "999", &e), LSCB_OK);
    exec_ok(db, "COMMIT");
    char *got = dump(db, "SELECT " EP_COLS " FROM episode ORDER BY " EP_COLS);
    assert_string_equal(got, want);
    free(want);
    free(got);
    close_wh(db);
}

/* a key twice in one census year (the transform never writes that; a
 * warehouse edited by hand might hold it): one row for it, as the window */
static void test_twice_in_a_year(void **st)
{
    (void)st;
    struct whdb *db = open_wh();
    fill_episodes(db);
    exec_ok(db, "INSERT INTO census_episode (" EP_COLS ") VALUES "
                "('999', 2024, 'c.xml', 6, 'c2', '2021-07-01', '2B', 'N7', NULL, NULL, NULL, '0')");
    struct lscb_error e = {0};
    exec_ok(db, "BEGIN");
    assert_int_equal(wh_merge_la(db, "999", &e), LSCB_OK);
    exec_ok(db, "COMMIT");
    char *got = dump(db, "SELECT count(*), count(DISTINCT child_id || '|' || "
                         "coalesce(referral_date, '<null>')) FROM episode WHERE child_id IS NOT NULL");
    assert_string_equal(got, "5|5\n");
    free(got);
    close_wh(db);
}

/* one census year: a copy; a census table whose columns are in another
 * order than the merged table's is copied by name, not by position */
static void test_copy_column_order(void **st)
{
    (void)st;
    assert_int_equal(text_fmt(path, sizeof path, "/tmp/test_whmerge_XXXXXX"), 0);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    sqlite3 *lite;
    assert_int_equal(sqlite3_open(path, &lite), SQLITE_OK);
    assert_int_equal(sqlite3_exec(lite, "CREATE TABLE census_strategy (la_code TEXT NOT NULL, "
                                  "census_year INTEGER NOT NULL, source_file TEXT, source_line "
                                  "BIGINT, outcome TEXT, discussion_date TEXT, child_id TEXT)",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(lite);
    struct whdb *db = NULL;
    struct lscb_error e = {0};
    assert_int_equal(wh_open(path, true, &db, &e), LSCB_OK);
    exec_ok(db, "INSERT INTO census_strategy (la_code, census_year, source_file, source_line, "
                "child_id, discussion_date, outcome) VALUES ('999', 0, 's.csv', 2, 'c1', "
                "'2024-01-02', 'S47')");
    exec_ok(db, "BEGIN");
    assert_int_equal(wh_merge_la(db, "999", &e), LSCB_OK);
    exec_ok(db, "COMMIT");
    char *got = dump(db, "SELECT child_id, discussion_date, outcome FROM strategy");
    assert_string_equal(got, "c1|2024-01-02|S47\n");
    free(got);
    /* and with the same columns: the whole records, the same values */
    exec_ok(db, "INSERT INTO census_child (la_code, census_year, source_file, source_line, "
                "child_id, gender, ethnicity) VALUES ('999', 2024, 'c.xml', 3, 'c1', '1', 'WBRI')");
    exec_ok(db, "BEGIN");
    assert_int_equal(wh_merge_la(db, "999", &e), LSCB_OK);
    exec_ok(db, "COMMIT");
    got = dump(db, "SELECT * FROM child");
    assert_string_equal(got, "999|2024|c.xml|3|c1|<null>|<null>|1|<null>|WBRI|<null>\n");
    free(got);
    close_wh(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_several_years),
        cmocka_unit_test(test_alone),
        cmocka_unit_test(test_twice_in_a_year),
        cmocka_unit_test(test_copy_column_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
