/* test_whmerge.c — the SQLite merge by hash map (whmerge.h) gives exactly
 * the rows of the window SQL it replaces (row_number() over each key by
 * census year, newest first), through the merged views (schema version 2):
 * several years with repeated keys, NULL and empty key fields, other
 * authorities in the tables, a key twice in one year (the window's way), a
 * census table whose columns are in another order, and the list of
 * superseded rows itself (a year loaded again, VACUUM).  The keys the one
 * pass gathers (whkeys.h) give the same rows: random keys over years given
 * out of order, dates at the packing's ends, and each way the gathered keys
 * must be set aside (a key the packing refuses, a second authority, rows
 * the stream did not insert, a rowid out of sequence, a key twice in a
 * year). */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "common/text.h"
#include "common/warehouse.h"
#include "common/whdb.h"
#include "common/whkeys.h"
#include "common/whmerge.h"

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

/* a new file at path made by the SQL create (no warehouse yet) */
static void make_file(const char *create)
{
    assert_int_equal(text_fmt(path, sizeof path, "/tmp/test_whmerge_XXXXXX"), 0);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    sqlite3 *lite;
    assert_int_equal(sqlite3_open(path, &lite), SQLITE_OK);
    assert_int_equal(sqlite3_exec(lite, create, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(lite);
}

/* a warehouse whose census table was made first by create (a warehouse of
 * another shape, as one altered by hand) */
static struct whdb *open_wh_made(const char *create)
{
    make_file(create);
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

/* load_log's row for la's return of year (every load writes one with its
 * rows: the merge counts an authority's years there) */
static void logged(struct whdb *db, const char *la, int year)
{
    char sql[256];
    assert_int_equal(text_fmt(sql, sizeof sql, "INSERT OR IGNORE INTO load_log (la_code, "
                              "census_year, source_file, records) VALUES ('%s', %d, 'r%d.xml', 0)",
                              la, year, year), 0);
    exec_ok(db, sql);
}

/* census_episode rows: keys (child_id, referral_date) repeated across
 * three years, a NULL and an empty referral date, two authorities */
static void fill_episodes(struct whdb *db)
{
    logged(db, "999", 2022);
    logged(db, "999", 2023);
    logged(db, "999", 2024);
    logged(db, "888", 2022);
    logged(db, "888", 2024);
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
    assert_int_equal(wh_merge_la(db, "999", NULL, &e), LSCB_OK);
    assert_int_equal(wh_merge_la(db, "888", NULL, &e), LSCB_OK);
    /* again: the old merged rows replaced, not doubled */
    assert_int_equal(wh_merge_la(db, "999", NULL, &e), LSCB_OK);
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
    exec_ok(db, "DELETE FROM load_log WHERE la_code = '888'");
    exec_ok(db, "CREATE INDEX census_episode_year ON census_episode (la_code, census_year)");
    char *want = window_merge(db, "999");
    struct lscb_error e = {0};
    exec_ok(db, "BEGIN");
    assert_int_equal(wh_merge_la(db, "999", NULL, &e), LSCB_OK);
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
    assert_int_equal(wh_merge_la(db, "999", NULL, &e), LSCB_OK);
    exec_ok(db, "COMMIT");
    char *got = dump(db, "SELECT count(*), count(DISTINCT child_id || '|' || "
                         "coalesce(referral_date, '<null>')) FROM episode WHERE child_id IS "
                         "NOT NULL AND la_code = '999'");
    assert_string_equal(got, "5|5\n");
    free(got);
    close_wh(db);
}

/* one census year: nothing superseded; a census table made by hand, its
 * columns in another order and without census_row, is made again with it
 * and read by name, not by position */
static void test_copy_column_order(void **st)
{
    (void)st;
    struct whdb *db = open_wh_made("CREATE TABLE census_strategy (la_code TEXT NOT NULL, "
                                   "census_year INTEGER NOT NULL, source_file TEXT, "
                                   "source_line BIGINT, outcome TEXT, discussion_date TEXT, "
                                   "child_id TEXT)");
    struct lscb_error e = {0};
    exec_ok(db, "INSERT INTO census_strategy (la_code, census_year, source_file, source_line, "
                "child_id, discussion_date, outcome) VALUES ('999', 0, 's.csv', 2, 'c1', "
                "'2024-01-02', 'S47')");
    exec_ok(db, "BEGIN");
    assert_int_equal(wh_merge_la(db, "999", NULL, &e), LSCB_OK);
    exec_ok(db, "COMMIT");
    char *got = dump(db, "SELECT child_id, discussion_date, outcome FROM strategy");
    assert_string_equal(got, "c1|2024-01-02|S47\n");
    free(got);
    /* and a table of the warehouse's own making */
    exec_ok(db, "INSERT INTO census_child (la_code, census_year, source_file, source_line, "
                "child_id, gender, ethnicity) VALUES ('999', 2024, 'c.xml', 3, 'c1', '1', 'WBRI')");
    exec_ok(db, "BEGIN");
    assert_int_equal(wh_merge_la(db, "999", NULL, &e), LSCB_OK);
    exec_ok(db, "COMMIT");
    got = dump(db, "SELECT * FROM child");
    assert_string_equal(got, "999|2024|c.xml|3|c1|<null>|<null>|1|<null>|WBRI|<null>\n");
    free(got);
    close_wh(db);
}

/* The list of superseded rows is each authority's versions but the latest
 * (the window's row numbers above 1), and only those; the merged view is
 * the census table less them.  A census year loaded again (its rows
 * deleted, new ones given the numbers SQLite frees at the top) and merged
 * again leaves no stale entry; VACUUM and a dump keep the view's rows
 * (census_row is an INTEGER PRIMARY KEY, which both keep; an implicit
 * rowid VACUUM may renumber). */
static void test_superseded_list(void **st)
{
    (void)st;
    struct whdb *db = open_wh();
    fill_episodes(db);
    struct lscb_error e = {0};
    exec_ok(db, "BEGIN");
    assert_int_equal(wh_merge_la(db, "999", NULL, &e), LSCB_OK);
    assert_int_equal(wh_merge_la(db, "888", NULL, &e), LSCB_OK);
    exec_ok(db, "COMMIT");
    const char *rn_sql = "SELECT census_row, la_code FROM (SELECT census_row, la_code, "
                         "row_number() OVER (PARTITION BY la_code, child_id, referral_date "
                         "ORDER BY census_year DESC) AS rn FROM census_episode) WHERE rn > 1 "
                         "ORDER BY census_row";
    char *want = dump(db, rn_sql);
    char *got = dump(db, "SELECT census_row, la_code FROM census_episode_superseded ORDER BY 1");
    assert_string_equal(got, want);
    /* 999: c1's 2022 version, c2's 2022 and 2023, c3's NULL date's 2022,
     * the NULL child's 2022; 888: c1's 2022 */
    char *n = dump(db, "SELECT count(*), sum(la_code = '888') FROM census_episode_superseded");
    assert_string_equal(n, "6|1\n");
    free(n);
    free(want);
    free(got);
    /* 999's 2024 return loaded again, without c2: c2's 2023 version is the
     * latest again */
    exec_ok(db, "BEGIN");
    exec_ok(db, "DELETE FROM census_episode WHERE la_code = '999' AND census_year = 2024");
    exec_ok(db, "INSERT INTO census_episode (" EP_COLS ") VALUES "
                "('999', 2024, 'c2.xml', 8, 'c4', '2023-09-09', '1A', 'N4', NULL, NULL, NULL, "
                "'0'),"
                "('999', 2024, 'c2.xml', 9, NULL, '2021-01-01', '1B', 'N4', NULL, NULL, NULL, "
                "'0')");
    assert_int_equal(wh_merge_la(db, "999", NULL, &e), LSCB_OK);
    exec_ok(db, "COMMIT");
    want = dump(db, rn_sql);
    got = dump(db, "SELECT census_row, la_code FROM census_episode_superseded ORDER BY 1");
    assert_string_equal(got, want);
    free(got);
    free(want);
    char *view = dump(db, "SELECT " EP_COLS " FROM episode ORDER BY " EP_COLS);
    want = window_merge(db, "999");
    char *w888 = window_merge(db, "888");
    got = dump(db, "SELECT " EP_COLS " FROM episode WHERE la_code = '999' ORDER BY " EP_COLS);
    assert_string_equal(got, want);
    assert_non_null(strstr(got, "999|2023|b.xml|7|c2|2021-07-01|2B|N9"));
    free(got);
    free(want);
    exec_ok(db, "VACUUM");
    got = dump(db, "SELECT " EP_COLS " FROM episode ORDER BY " EP_COLS);
    assert_string_equal(got, view);
    assert_non_null(strstr(got, w888));
    free(got);
    free(w888);
    free(view);
    close_wh(db);
}

/* What the stats read the merged rows FROM (wh_sources_open): in scan
 * mode the census table whole less the listed rows, by a function walking
 * the list; the same rows as the view, in the scan's order and read
 * backwards (the list then searched, not walked); otherwise the view. */
static void test_sources(void **st)
{
    (void)st;
    struct whdb *db = open_wh();
    fill_episodes(db);
    struct lscb_error e = {0};
    exec_ok(db, "BEGIN");
    assert_int_equal(wh_merge_la(db, "999", NULL, &e), LSCB_OK);
    assert_int_equal(wh_merge_la(db, "888", NULL, &e), LSCB_OK);
    exec_ok(db, "COMMIT");
    char *view = dump(db, "SELECT " EP_COLS " FROM episode ORDER BY " EP_COLS);
    struct wh_sources *src = NULL;
    assert_int_equal(wh_sources_open(db, true, &src, &e), LSCB_OK);
    const char *from = wh_sources_from(src, ENT_EPISODE);
    assert_non_null(strstr(from, "census_episode NOT INDEXED"));
    char sql[1024];
    /* the census rows the view shows, in each order the rows may be read */
    const char *orders[] = {"census_row", "census_row DESC", "census_row"};
    for (size_t i = 0; i < sizeof orders / sizeof *orders; i++) {
        assert_int_equal(text_fmt(sql, sizeof sql, "SELECT " EP_COLS " FROM census_episode "
                                  "WHERE census_row NOT IN (SELECT census_row FROM "
                                  "census_episode_superseded) ORDER BY %s", orders[i]), 0);
        char *want = dump(db, sql);
        assert_int_equal(text_fmt(sql, sizeof sql, "SELECT " EP_COLS " FROM %s ORDER BY %s",
                                  from, orders[i]), 0);
        char *got = dump(db, sql);
        assert_string_equal(got, want);
        free(got);
        free(want);
    }
    assert_int_equal(text_fmt(sql, sizeof sql, "SELECT " EP_COLS " FROM %s ORDER BY " EP_COLS,
                              from), 0);
    char *sorted = dump(db, sql);
    assert_string_equal(sorted, view);
    free(sorted);
    /* the six superseded versions are not among them */
    assert_int_equal(text_fmt(sql, sizeof sql, "SELECT count(*) FROM %s", from), 0);
    char *n = dump(db, sql);
    assert_string_equal(n, "7\n");
    free(n);
    wh_sources_free(src);
    assert_int_equal(wh_sources_open(db, false, &src, &e), LSCB_OK);
    assert_string_equal(wh_sources_from(src, ENT_EPISODE), "episode");
    wh_sources_free(src);
    free(view);
    close_wh(db);
}

/* A census year of one kind with a key twice in it (a warehouse edited by
 * hand) keeps both rows, as a one-year merge always did: the years counted
 * are the census returns', not an aggregate return's of other years. */
static void test_years_of_kind(void **st)
{
    (void)st;
    struct whdb *db = open_wh();
    logged(db, "999", 2024);
    exec_ok(db, "INSERT INTO load_log (la_code, census_year, source_file, records, kind) VALUES "
                "('999', 2010, 'cpr3.csv', 1, 'cpr3'), ('999', 2011, 'cpr3.csv', 1, 'cpr3')");
    exec_ok(db, "INSERT INTO census_episode (" EP_COLS ") VALUES "
                "('999', 2024, 'c.xml', 5, 'c2', '2021-07-01', '2B', 'N3', NULL, NULL, NULL, '0'),"
                "('999', 2024, 'c.xml', 6, 'c2', '2021-07-01', '2B', 'N7', NULL, NULL, NULL, '0')");
    struct lscb_error e = {0};
    exec_ok(db, "BEGIN");
    assert_int_equal(wh_merge_la(db, "999", NULL, &e), LSCB_OK);
    exec_ok(db, "COMMIT");
    char *got = dump(db, "SELECT count(*) FROM episode");
    assert_string_equal(got, "2\n");
    free(got);
    close_wh(db);
}

/* A census table made by hand is made again with census_row, its columns
 * quoted as the identifiers they are: a name holding a quote and SQL runs
 * nothing, and its rows keep their numbers; a declared type that is not a
 * plain one is refused with the table and column named. */
static void test_upgrade_names(void **st)
{
    (void)st;
    struct whdb *db = open_wh_made(
        "CREATE TABLE census_strategy (la_code TEXT NOT NULL, census_year INTEGER NOT NULL, "
        "source_file TEXT, source_line BIGINT, child_id TEXT, discussion_date TEXT, "
        "outcome TEXT, \"x\"\" TEXT); CREATE TABLE pwned(x); --\" VARCHAR(8));"
        "INSERT INTO census_strategy (rowid, la_code, census_year, child_id) VALUES "
        "(7, '999', 0, 'c1')");
    char *got = dump(db, "SELECT census_row, child_id, (SELECT count(*) FROM sqlite_master "
                         "WHERE name = 'pwned') FROM census_strategy");
    assert_string_equal(got, "7|c1|0\n");
    free(got);
    got = dump(db, "SELECT type FROM pragma_table_info('census_strategy') WHERE name LIKE 'x%'");
    assert_string_equal(got, "VARCHAR(8)\n");
    free(got);
    close_wh(db);

    make_file("CREATE TABLE census_child (la_code TEXT, y \"TEXT); DROP TABLE x; --\")");
    struct whdb *bad = NULL;
    struct lscb_error e = {0};
    assert_int_equal(wh_open(path, true, &bad, &e), LSCB_EINPUT);
    assert_non_null(strstr(e.msg, "table census_child: column y is declared"));
    unlink(path);
}

/* ---- the keys the one pass gathers (whkeys.h) ---- */

/* census_<ent> rows inserted one by one, as the load stream does, each
 * also given to k (when k is not NULL) */
struct ins {
    struct whdb *db;
    sqlite3_stmt *st;
    enum entity_id ent;
    struct whkeys *k;
    int line;
};

static void ins_open(struct ins *in, struct whdb *db, enum entity_id ent, struct whkeys *k)
{
    const struct entity_def *d = &entity_defs[ent];
    char sql[512];
    int cut = text_fmt(sql, sizeof sql, "INSERT INTO census_%s (la_code, census_year, "
                       "source_file, source_line", d->name);
    for (size_t i = 0; i < d->nkey; i++)
        cut |= text_append(sql, sizeof sql, ", %s", d->fields[i].name);
    cut |= text_append(sql, sizeof sql, ") VALUES (?, ?, 'f.xml', ?");
    for (size_t i = 0; i < d->nkey; i++)
        cut |= text_append(sql, sizeof sql, ", ?");
    cut |= text_append(sql, sizeof sql, ")");
    assert_int_equal(cut, 0);
    *in = (struct ins){db, NULL, ent, k, 0};
    assert_int_equal(sqlite3_prepare_v2(whdb_sqlite(db), sql, -1, &in->st, NULL), SQLITE_OK);
}

/* one row: key values as the stream binds them ("" for none: NULL) */
static void ins_row(struct ins *in, const char *la, int year, const char *const *key)
{
    const struct entity_def *d = &entity_defs[in->ent];
    sqlite3_reset(in->st);
    sqlite3_bind_text(in->st, 1, la, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(in->st, 2, year);
    sqlite3_bind_int(in->st, 3, ++in->line);
    for (size_t i = 0; i < d->nkey; i++) {
        if (key[i] && *key[i])
            sqlite3_bind_text(in->st, (int)i + 4, key[i], -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(in->st, (int)i + 4);
    }
    assert_int_equal(sqlite3_step(in->st), SQLITE_DONE);
    int64_t rowid = sqlite3_last_insert_rowid(whdb_sqlite(in->db));
    logged(in->db, la, year);
    if (in->k)
        whkeys_add(in->k, in->ent, la, key, year, rowid);
}

static void ins_close(struct ins *in)
{
    sqlite3_finalize(in->st);
}

/* the window SQL's rows for ent and la, and the merged table's */
static char *window_of(struct whdb *db, enum entity_id ent, const char *la)
{
    const struct entity_def *d = &entity_defs[ent];
    char keys[256], sql[1024];
    int cut = text_fmt(keys, sizeof keys, "la_code");
    for (size_t i = 0; i < d->nkey; i++)
        cut |= text_append(keys, sizeof keys, ", %s", d->fields[i].name);
    cut |= text_fmt(sql, sizeof sql, "SELECT census_year, source_line FROM (SELECT *, "
                    "row_number() OVER (PARTITION BY %s ORDER BY census_year DESC) AS rn FROM "
                    "census_%s WHERE la_code = '%s') WHERE rn = 1 ORDER BY 1, 2", keys, d->name,
                    la);
    assert_int_equal(cut, 0);
    return dump(db, sql);
}

static char *merged_of(struct whdb *db, enum entity_id ent, const char *la)
{
    char sql[256];
    assert_int_equal(text_fmt(sql, sizeof sql, "SELECT census_year, source_line FROM %s WHERE "
                              "la_code = '%s' ORDER BY 1, 2", entity_defs[ent].name, la), 0);
    return dump(db, sql);
}

/* merges la and checks the rows are the window's; used: the gathered keys
 * of ent were taken (the merge frees what it takes), else left as they
 * were */
static void merge_and_check(struct whdb *db, struct whkeys *k, enum entity_id ent,
                            const char *la, bool used)
{
    char *want = window_of(db, ent, la);
    size_t n;
    bool had = whkeys_have(k, ent, la, &n);
    struct lscb_error e = {0};
    exec_ok(db, "CREATE INDEX IF NOT EXISTS census_episode_year ON census_episode (la_code, "
                "census_year)");
    exec_ok(db, "BEGIN");
    assert_int_equal(wh_merge_la(db, la, k, &e), LSCB_OK);
    exec_ok(db, "COMMIT");
    char *got = merged_of(db, ent, la);
    assert_string_equal(got, want);
    assert_true(strchr(want, '\n'));   /* rows to compare */
    assert_int_equal(whkeys_have(k, ent, la, &n), used ? false : had);
    assert_true(had || !used);
    free(want);
    free(got);
}

static const char *const kids[] = {
    "00000000000000000000000000000000", "ffffffffffffffffffffffffffffffff",
    "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210",
    "0123456789abcdef0123456789abcdee", "a0000000000000000000000000000000",
};
/* dates at the packing's ends and the day/month borders it packs apart */
static const char *const dates[] = {
    "", "1900-01-01", "2075-12-31", "2021-01-31", "2021-02-01", "2021-02-31", "2021-03-01",
    "2021-12-31", "2022-01-01", "2024-02-29", "1999-12-31",
};
#define NK (sizeof kids / sizeof *kids)
#define ND (sizeof dates / sizeof *dates)

/* random rows of ent over the years in the order given, no key twice in a
 * year (as the transform guarantees) */
static void random_rows(struct ins *in, const char *la, const int *years, int nyears,
                        unsigned seed)
{
    const struct entity_def *d = &entity_defs[in->ent];
    srand(seed);
    for (int y = 0; y < nyears; y++) {
        static unsigned char seen[NK][ND][ND][ND];
        memset(seen, 0, sizeof seen);
        for (int r = 0; r < 150; r++) {
            size_t c = (size_t)rand() % NK, a = (size_t)rand() % ND, b = (size_t)rand() % ND,
                   x = (size_t)rand() % ND;
            if (d->nkey < 3)
                b = 0;
            if (d->nkey < 4)
                x = 0;
            if (d->nkey < 2)
                a = 0;
            if (seen[c][a][b][x]++)
                continue;
            const char *key[4] = {kids[c], dates[a], dates[b], dates[x]};
            ins_row(in, la, years[y], key);
        }
    }
}

static void test_gathered_keys(void **st)
{
    (void)st;
    static const enum entity_id ents[] = {ENT_CHILD, ENT_EPISODE, ENT_ASSESSMENT,
                                          ENT_CPP_REVIEW};
    static const int years[] = {2024, 2022, 2023};   /* the files out of order */
    for (size_t t = 0; t < sizeof ents / sizeof *ents; t++) {
        struct whdb *db = open_wh();
        struct whkeys *k = whkeys_new();
        struct ins in;
        if (t % 2)   /* the table empty as the stream began: rows not counted */
            whkeys_set_empty(k, ents[t]);
        ins_open(&in, db, ents[t], k);
        random_rows(&in, "999", years, 3, 7 + (unsigned)t);
        ins_close(&in);
        size_t n;
        assert_true(whkeys_have(k, ents[t], "999", &n));
        assert_int_equal(n, in.line);
        merge_and_check(db, k, ents[t], "999", true);
        whkeys_free(k);
        close_wh(db);
    }
    /* a child with dates next to each other in two years, a child for each
     * pair: each its own key, packed apart (alone, so that no key twice in
     * a year sends the merge to the window's SQL and hides a packing that
     * joins them) */
    for (size_t t = 1; t < sizeof ents / sizeof *ents; t++) {
        static const char *const next[][2] = {
            {"2021-01-31", "2021-02-01"}, {"2021-02-31", "2021-03-01"},
            {"2021-12-31", "2022-01-01"}, {"1999-12-31", "2000-01-01"},
            {"1900-01-02", "1900-01-03"}, {"2075-12-30", "2075-12-31"},
            {"", "1900-01-01"}, {"2021-01-15", "2021-02-15"}, {"2021-06-15", "2022-06-15"},
        };
        struct whdb *db = open_wh();
        struct whkeys *k = whkeys_new();
        struct ins in;
        ins_open(&in, db, ents[t], k);
        for (size_t p = 0; p < sizeof next / sizeof *next; p++)
            for (int v = 0; v < 2; v++) {
                char kid[33];
                assert_int_equal(text_fmt(kid, sizeof kid, "%032zx", p + 1), 0);
                const char *key[4] = {kid, next[p][v], next[p][v], next[p][v]};
                ins_row(&in, "999", 2022 + v, key);
            }
        ins_close(&in);
        merge_and_check(db, k, ents[t], "999", true);
        char *got = merged_of(db, ents[t], "999");
        size_t lines = 0;
        for (const char *c = got; *c; c++)
            lines += *c == '\n';
        assert_int_equal(lines, 2 * sizeof next / sizeof *next);
        free(got);
        whkeys_free(k);
        close_wh(db);
    }
}

/* keys the packing refuses: the merge reads the table instead */
static void test_gathered_refused(void **st)
{
    (void)st;
    static const char *const bad[][2] = {
        {"0123456789ABCDEF0123456789ABCDEF", "2021-01-01"},   /* upper case */
        {"0123456789abcdef0123456789abcde", "2021-01-01"},    /* 31 digits */
        {"0123456789abcdef0123456789abcdef0", "2021-01-01"},  /* 33 */
        {"", "2021-01-01"},                                   /* no child */
        {"0123456789abcdef0123456789abcdef", "2076-01-01"},   /* past 2075 */
        {"0123456789abcdef0123456789abcdef", "1899-12-31"},
        {"0123456789abcdef0123456789abcdef", "2021-13-01"},
        {"0123456789abcdef0123456789abcdef", "2021-01-32"},
        {"0123456789abcdef0123456789abcdef", "2021-01-00"},
        {"0123456789abcdef0123456789abcdef", "2021-1-01"},
        {"0123456789abcdef0123456789abcdef", "2021/01/01"},
        {"0123456789abcdef0123456789abcdef", "2021-01-01 "},
    };
    static const int years[] = {2022, 2023};
    for (size_t t = 0; t < sizeof bad / sizeof *bad; t++) {
        struct whdb *db = open_wh();
        struct whkeys *k = whkeys_new();
        struct ins in;
        ins_open(&in, db, ENT_EPISODE, k);
        random_rows(&in, "999", years, 2, 3);
        ins_row(&in, "999", 2023, bad[t]);
        ins_close(&in);
        size_t n;
        if (whkeys_have(k, ENT_EPISODE, "999", &n))
            fail_msg("case %zu (%s, %s): gathered", t, bad[t][0], bad[t][1]);
        merge_and_check(db, k, ENT_EPISODE, "999", false);
        whkeys_free(k);
        close_wh(db);
    }
}

/* a second authority sets everything aside; rows the stream did not insert
 * (an earlier run's year) are not taken for its; a rowid out of sequence;
 * a key twice in a year (the window decides, from the gathered keys) */
static void test_gathered_set_aside(void **st)
{
    (void)st;
    static const int y2[] = {2022, 2023}, y1[] = {2024};
    struct whdb *db = open_wh();
    struct whkeys *k = whkeys_new();
    struct ins in;
    size_t n;
    ins_open(&in, db, ENT_EPISODE, k);
    random_rows(&in, "999", y2, 2, 11);
    random_rows(&in, "888", y1, 1, 12);
    ins_close(&in);
    assert_false(whkeys_have(k, ENT_EPISODE, "999", &n));
    assert_false(whkeys_have(k, ENT_EPISODE, "888", &n));
    merge_and_check(db, k, ENT_EPISODE, "999", false);
    merge_and_check(db, k, ENT_EPISODE, "888", false);
    whkeys_free(k);
    close_wh(db);

    /* an earlier run's 2022 in the table, this run's 2023 and 2024 gathered */
    db = open_wh();
    ins_open(&in, db, ENT_EPISODE, NULL);
    random_rows(&in, "999", y2, 1, 13);
    ins_close(&in);
    k = whkeys_new();
    ins_open(&in, db, ENT_EPISODE, k);
    static const int y34[] = {2023, 2024};
    random_rows(&in, "999", y34, 2, 14);
    ins_close(&in);
    assert_true(whkeys_have(k, ENT_EPISODE, "999", &n));
    assert_true(n > 0);
    merge_and_check(db, k, ENT_EPISODE, "999", false);
    whkeys_free(k);
    close_wh(db);

    /* a row inserted between two gathered ones, not given to the keys, and
     * one gathered row deleted: as many rows as keys, but not theirs */
    db = open_wh();
    k = whkeys_new();
    ins_open(&in, db, ENT_EPISODE, k);
    random_rows(&in, "999", y2, 1, 15);
    in.k = NULL;
    const char *key[2] = {kids[0], "2020-06-06"};
    ins_row(&in, "999", 2023, key);
    in.k = k;
    random_rows(&in, "999", y34, 1, 16);
    ins_close(&in);
    exec_ok(db, "DELETE FROM census_episode WHERE rowid = 1");
    assert_false(whkeys_have(k, ENT_EPISODE, "999", &n));
    merge_and_check(db, k, ENT_EPISODE, "999", false);
    whkeys_free(k);
    close_wh(db);

    /* a key twice in 2023: taken, then the window's SQL, one row a key */
    db = open_wh();
    k = whkeys_new();
    ins_open(&in, db, ENT_EPISODE, k);
    random_rows(&in, "999", y2, 2, 17);
    key[1] = "2019-01-01";
    ins_row(&in, "999", 2023, key);
    ins_row(&in, "999", 2023, key);
    ins_close(&in);
    assert_true(whkeys_have(k, ENT_EPISODE, "999", &n));
    struct lscb_error e = {0};
    exec_ok(db, "BEGIN");
    assert_int_equal(wh_merge_la(db, "999", k, &e), LSCB_OK);
    exec_ok(db, "COMMIT");
    assert_false(whkeys_have(k, ENT_EPISODE, "999", &n));
    char *got = dump(db, "SELECT count(*) - count(DISTINCT child_id || '|' || "
                         "coalesce(referral_date, '<null>')) FROM episode");
    assert_string_equal(got, "0\n");
    free(got);
    whkeys_free(k);
    close_wh(db);
}

/* the marking itself, without a warehouse: the latest year's row of each
 * key, and no giving up when no key is twice in a year (the merge would
 * still be right by the window's SQL, only slow: the tests above cannot
 * tell) */
static void test_mark(void **st)
{
    (void)st;
    struct whkeys *k = whkeys_new();
    const char *a22[2] = {kids[2], "2021-05-01"}, *b22[2] = {kids[3], "2021-05-01"};
    const char *a23[2] = {kids[2], "2021-05-01"}, *a23b[2] = {kids[2], "2022-01-09"};
    const char *b24[2] = {kids[3], "2021-05-01"}, *a21[2] = {kids[2], "2021-05-01"};
    whkeys_add(k, ENT_EPISODE, "999", a22, 2022, 10);   /* superseded by 12 */
    whkeys_add(k, ENT_EPISODE, "999", b22, 2022, 11);   /* superseded by 14 */
    whkeys_add(k, ENT_EPISODE, "999", a23, 2023, 12);
    whkeys_add(k, ENT_EPISODE, "999", a23b, 2023, 13);
    whkeys_add(k, ENT_EPISODE, "999", b24, 2024, 14);
    whkeys_add(k, ENT_EPISODE, "999", a21, 2021, 15);   /* an older year, given last */
    size_t n;
    assert_true(whkeys_have(k, ENT_EPISODE, "999", &n));
    assert_int_equal(n, 6);
    unsigned char *keep = NULL;
    uint32_t max = 0;
    size_t keys = 0;
    assert_true(whkeys_mark(k, ENT_EPISODE, &keep, &max, &keys));
    assert_int_equal(keys, 3);
    assert_int_equal(max, 15);
    char got[8] = "";
    for (int r = 10; r <= 15; r++)
        got[r - 10] = (keep[r / 8] >> (r % 8) & 1) ? '1' : '0';
    assert_string_equal(got, "001110");   /* a's 2023 rows, b's 2024 */
    free(keep);
    assert_false(whkeys_have(k, ENT_EPISODE, "999", &n));   /* used once */
    whkeys_free(k);
}

/* a census table whose child_id is not TEXT (a warehouse altered by hand):
 * two pseudonyms all of digits are one number there, one key to the
 * window; the kept keys (two texts, two keys) are not used */
static void test_gathered_not_text(void **st)
{
    (void)st;
    struct whdb *db = open_wh_made("CREATE TABLE census_episode (la_code TEXT NOT NULL, "
                                   "census_year INTEGER NOT NULL, source_file TEXT, "
                                   "source_line BIGINT, child_id INTEGER, referral_date TEXT, "
                                   "referral_source TEXT, primary_need TEXT, closure_date TEXT, "
                                   "closure_reason TEXT, date_initial_cpc TEXT, "
                                   "referral_nfa TEXT)");
    struct whkeys *k = whkeys_new();
    struct ins in;
    ins_open(&in, db, ENT_EPISODE, k);
    const char *a[2] = {"11111111111111111111111111111111", "2021-05-01"};
    const char *b[2] = {"11111111111111111111111111111112", "2021-05-01"};
    ins_row(&in, "999", 2022, a);
    ins_row(&in, "999", 2023, b);
    ins_close(&in);
    char *one = dump(db, "SELECT count(DISTINCT child_id) FROM census_episode");
    assert_string_equal(one, "1\n");   /* one number to SQLite */
    free(one);
    merge_and_check(db, k, ENT_EPISODE, "999", false);
    whkeys_free(k);
    close_wh(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_several_years),
        cmocka_unit_test(test_alone),
        cmocka_unit_test(test_twice_in_a_year),
        cmocka_unit_test(test_copy_column_order),
        cmocka_unit_test(test_superseded_list),
        cmocka_unit_test(test_upgrade_names),
        cmocka_unit_test(test_sources),
        cmocka_unit_test(test_years_of_kind),
        cmocka_unit_test(test_gathered_keys),
        cmocka_unit_test(test_gathered_refused),
        cmocka_unit_test(test_gathered_set_aside),
        cmocka_unit_test(test_gathered_not_text),
        cmocka_unit_test(test_mark),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
