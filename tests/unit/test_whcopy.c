/* test_whcopy.c — the working copy's background sync (whcopy_flush_start)
 * changes nothing a run sees: the copy written, synced on its thread while
 * more is written, then renamed into place (whcopy_commit) or put aside
 * (whcopy_prepare) holds every write, before and after the sync started;
 * a copy released after the sync started is removed and the warehouse left
 * as it was; a second start, and a start on a released whcopy, do nothing.
 * (The thread is joined on every path: make valgrind and make asan run
 * these too.) */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <dirent.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/whcopy.h"

static char dir[64], target[96];

static int setup(void **st)
{
    (void)st;
    T_COPY(dir, "/tmp/test_whcopy_XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    return text_fmt(target, sizeof target, "%s/warehouse.db", dir) ? -1 : 0;
}

/* the files left in dir, besides the warehouse and its lock */
static int others_in_dir(void)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
            strcmp(de->d_name, "warehouse.db") && strcmp(de->d_name, "warehouse.db.lock"))
            n++;
    closedir(d);
    return n;
}

/* the descriptors this process has open (the background sync's is closed
 * when its thread is joined) */
static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    assert_non_null(d);
    int n = 0;
    while (readdir(d) != NULL)
        n++;
    closedir(d);
    return n;
}

static int teardown(void **st)
{
    (void)st;
    char cmd[128];
    if (text_fmt(cmd, sizeof cmd, "rm -rf '%s'", dir) || system(cmd) != 0)
        return -1;
    return 0;
}

static void exec_on(const char *file, const char *sql)
{
    sqlite3 *lite;
    assert_int_equal(sqlite3_open(file, &lite), SQLITE_OK);
    char *err = NULL;
    int s = sqlite3_exec(lite, sql, NULL, NULL, &err);
    if (s != SQLITE_OK)
        fail_msg("%s: %s", sql, err ? err : "?");
    sqlite3_close(lite);
}

/* count(*) of table in file, -1 when there is no such table */
static long long rows_in(const char *file, const char *table)
{
    sqlite3 *lite;
    assert_int_equal(sqlite3_open_v2(file, &lite, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    char sql[128];
    assert_int_equal(text_fmt(sql, sizeof sql, "SELECT count(*) FROM %s", table), 0);
    sqlite3_stmt *st;
    long long n = -1;
    if (sqlite3_prepare_v2(lite, sql, -1, &st, NULL) == SQLITE_OK) {
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(lite);
    return n;
}

/* a copy holding big (1000 rows of 1 kB: pages for the sync to write),
 * the sync started, then small written after it */
static void begin_and_write(struct whcopy *c)
{
    struct lscb_error e = {0};
    assert_int_equal(whcopy_begin(c, target, 0, &e), LSCB_OK);
    assert_non_null(c->copy);
    exec_on(c->copy, "CREATE TABLE big (v); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
            "SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO big SELECT randomblob(1000) "
            "FROM n");
    whcopy_flush_start(c);
    assert_non_null(c->flush);
    void *first = c->flush;
    whcopy_flush_start(c);   /* started already: nothing more */
    assert_ptr_equal(c->flush, first);
    exec_on(c->copy, "CREATE TABLE small (v); INSERT INTO small VALUES (1), (2)");
}

static void test_flush_then_commit(void **st)
{
    (void)st;
    struct whcopy c = {.lockfd = -1};
    struct lscb_error e = {0};
    int fds = open_fds();
    begin_and_write(&c);
    assert_int_equal(whcopy_commit(&c, &e), LSCB_OK);
    assert_null(c.flush);
    assert_int_equal(open_fds(), fds);
    assert_null(c.copy);
    assert_int_equal(rows_in(target, "big"), 1000);
    assert_int_equal(rows_in(target, "small"), 2);
    assert_int_equal(others_in_dir(), 0);
}

static void test_flush_then_release(void **st)
{
    (void)st;
    exec_on(target, "CREATE TABLE old (v); INSERT INTO old VALUES (7)");
    struct whcopy c = {.lockfd = -1};
    int fds = open_fds();
    begin_and_write(&c);
    whcopy_release(&c);
    assert_null(c.flush);
    assert_int_equal(open_fds(), fds);
    /* the warehouse as it was, the copy gone */
    assert_int_equal(rows_in(target, "old"), 1);
    assert_int_equal(rows_in(target, "big"), -1);
    assert_int_equal(others_in_dir(), 0);
    /* released: a start does nothing */
    whcopy_flush_start(&c);
    assert_null(c.flush);
}

static void test_flush_then_prepare(void **st)
{
    (void)st;
    struct whcopy c = {.lockfd = -1};
    struct lscb_error e = {0};
    int fds = open_fds();
    begin_and_write(&c);
    unsigned long long ino = 1;
    assert_int_equal(whcopy_prepare(&c, dir, &ino, &e), LSCB_OK);
    assert_null(c.flush);
    assert_int_equal(ino, 0);   /* no warehouse yet */
    assert_non_null(strstr(c.copy, ".pending-"));
    assert_int_equal(rows_in(c.copy, "big"), 1000);
    assert_int_equal(rows_in(c.copy, "small"), 2);
    whcopy_release(&c);   /* the pending copy and its note go */
    assert_int_equal(open_fds(), fds);
    struct stat sb;
    assert_int_not_equal(stat(target, &sb), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_flush_then_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flush_then_release, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flush_then_prepare, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
