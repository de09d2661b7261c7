/* test_workdays.c — the bank-holiday calendar (computed by rule, one-offs
 * from data) and working-day counts. */
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"
#include "common/workdays.h"


static lscb_date D(const char *s)
{
    lscb_date d;
    assert_true(date_parse_iso(s, &d));
    return d;
}

static void test_one_off_and_moved_holidays(void **st)
{
    (void)st;
    static const char *const hols[] = {
        "1981-07-29", /* royal wedding */
        "1995-05-08", /* early May moved to VE day */
        "1999-12-31", /* millennium */
        "2011-04-29", /* royal wedding */
        "2012-06-04", "2012-06-05", /* spring moved, diamond jubilee */
        "2020-05-08", /* early May moved to VE day */
        "2022-06-02", "2022-06-03", /* spring moved, platinum jubilee */
        "2022-09-19", /* state funeral */
        "2023-05-08", /* coronation */
        "2002-06-03", "2002-06-04", /* golden jubilee */
        "2024-03-29", "2024-04-01", /* Easter 2024 */
        "2022-12-27", /* Christmas on a Sunday: substitute Tuesday */
        "2021-12-27", "2021-12-28", /* Christmas on a Saturday */
        "2022-01-03", /* New Year on a Saturday */
        "2000-01-03", "2030-12-25",
        "2037-12-28", /* Boxing Day 2037 on a Saturday: Monday 28 */
        "2038-04-23", "2038-04-26", /* Easter 2038 on 25 April, the latest it can be */
        "2039-01-03", /* New Year 2039 on a Saturday */
    };
    for (size_t i = 0; i < sizeof hols / sizeof hols[0]; i++)
        if (wd_is_working(&cal, D(hols[i])))
            fail_msg("%s should be a bank holiday", hols[i]);
    /* the days the moved holidays used to be are working days */
    assert_true(wd_is_working(&cal, D("1995-05-01")));
    assert_true(wd_is_working(&cal, D("2002-05-27")));
    assert_true(wd_is_working(&cal, D("2012-05-28")));
    assert_true(wd_is_working(&cal, D("2022-05-30")));
    assert_true(wd_is_working(&cal, D("2020-05-04")));
    assert_true(wd_is_working(&cal, D("2023-05-09")));
    assert_false(wd_is_working(&cal, D("2023-05-06"))); /* Saturday */
}

/* checked against a second algorithm (Oudin 1940, as Tondering gives it) */
static void test_easter(void **st)
{
    (void)st;
    static const struct {
        int year;
        const char *date;
    } e[] = {{1978, "1978-03-26"}, {1999, "1999-04-04"}, {2000, "2000-04-23"},
             {2024, "2024-03-31"}, {2025, "2025-04-20"}, {2038, "2038-04-25"},
             {2285, "2285-03-22"}, {9999, "9999-03-28"}};
    for (size_t i = 0; i < sizeof e / sizeof e[0]; i++)
        assert_int_equal(wd_easter(e[i].year), D(e[i].date));
}

static void test_counting(void **st)
{
    (void)st;
    /* same day: 0 */
    assert_int_equal(wd_between(&cal, D("2023-05-10"), D("2023-05-10")), 0);
    /* Friday to the next Friday across two Monday holidays (1 and 8 May 2023) */
    assert_int_equal(wd_between(&cal, D("2023-04-28"), D("2023-05-12")), 8);
    /* Fri 2 Jun 2023 + 15 working days = Fri 23 Jun (no holiday) */
    assert_int_equal(wd_between(&cal, D("2023-06-02"), D("2023-06-23")), 15);
    /* over the 2022 jubilee: Wed 1 Jun to Wed 22 Jun = 15 - 2 holidays = 13 */
    assert_int_equal(wd_between(&cal, D("2022-06-01"), D("2022-06-22")), 13);
    /* a leap day is an ordinary Thursday */
    assert_int_equal(wd_between(&cal, D("2024-02-28"), D("2024-03-01")), 2);
    /* backwards: 0 */
    assert_int_equal(wd_between(&cal, D("2024-03-01"), D("2024-02-01")), 0);
    /* across the old file's end (2030) and the millennium: computed */
    assert_int_equal(wd_between(&cal, D("2030-12-01"), D("2031-01-10")), 27);
    assert_int_equal(wd_between(&cal, D("1999-12-01"), D("2000-01-10")), 24);
    /* Christmas 2037: Fri 25, Sat 26 (Boxing Day moves to Mon 28); Fri 1 Jan
     * 2038.  Thu 24 Dec to Thu 7 Jan: 10 weekdays less 25, 28, 1 = 7 */
    assert_int_equal(wd_between(&cal, D("2037-12-24"), D("2038-01-07")), 7);
    /* a whole year: 2038 has 261 weekdays and 8 weekday holidays */
    assert_int_equal(wd_between(&cal, D("2037-12-31"), D("2038-12-31")), 253);
    /* the last day a date can have */
    assert_int_equal(wd_between(&cal, D("9999-12-24"), D("9999-12-31")), 3);
    /* outside the calendar's years: -1, for the caller to report */
    assert_int_equal(wd_between(&cal, D("1977-12-01"), D("1978-01-10")), -1);
    assert_false(wd_covers(&cal, D("1977-12-31")));
    assert_true(wd_covers(&cal, D("1978-01-01")));
    assert_false(wd_is_working(&cal, D("1977-12-30")));
}

/* The computed calendar gives, year by year, exactly the days of
 * data/bank-holidays-england-wales.csv (2000-2030, built by hand from the
 * proclamations), names aside. */
static void test_equals_the_published_list(void **st)
{
    (void)st;
    char *dir = getenv("LSCB_DATA_DIR");
    char path[512];
    assert_int_equal(text_fmt(path, sizeof path, "%s/bank-holidays-england-wales.csv", dir ? dir : "data"), 0);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    static lscb_date listed[64][16];
    size_t nlisted[64] = {0};
    char buf[256];
    int y0 = 9999, y1 = 0, line = 0;
    while (fgets(buf, sizeof buf, fp)) {
        if (line++ == 0)
            continue;
        buf[10] = '\0';
        lscb_date d = D(buf);
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        assert_true(y >= 2000 && y < 2064 && nlisted[y - 2000] < 16);
        listed[y - 2000][nlisted[y - 2000]++] = d;
        y0 = y < y0 ? y : y0;
        y1 = y > y1 ? y : y1;
    }
    fclose(fp);
    assert_int_equal(y0, 2000);
    assert_int_equal(y1, 2030);
    for (int y = y0; y <= y1; y++) {
        lscb_date got[16];
        size_t n = wd_holidays(&cal, y, got, 16);
        size_t k = nlisted[y - 2000];
        bool same = n == k;
        for (size_t i = 0; same && i < n; i++)
            same = got[i] == listed[y - 2000][i];
        if (!same) {
            char a[11];
            for (size_t i = 0; i < n; i++)
                date_format_iso(got[i], a), fprintf(stderr, " computed %s\n", a);
            fail_msg("%d: %zu holidays computed, %zu listed, or different days", y, n, k);
        }
    }
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

/* A new proclamation is a line of the changes file, no recompiling; a
 * mistake in the file names its line. */
static void test_changes_file(void **st)
{
    (void)st;
    const char *p = "/tmp/lscb-test-hol-changes.csv";
    struct wd_calendar c;
    struct lscb_error e = {0};
    write_file(p, "date,change,name\n2040-05-07,remove,early May moved\n"
                  "2040-05-11,add,a proclamation\n");
    assert_int_equal(wd_load(p, &c, &e), LSCB_OK);
    assert_true(wd_is_working(&c, D("2040-05-07")));
    assert_false(wd_is_working(&c, D("2040-05-11")));
    assert_int_equal(wd_between(&c, D("2040-05-04"), D("2040-05-11")), 4);
    wd_release(&c);
    static const struct {
        const char *text, *msg;
    } bad[] = {
        {"date,change,name\n2023-01-02,add,x\n2023-02-30,add,y\n",
         "lscb-test-hol-changes.csv:2: field change: 2023-01-02 is already a bank holiday"},
        {"date,change,name\n2023-02-30,add,y\n",
         "lscb-test-hol-changes.csv:2: field date: '2023-02-30' is not a YYYY-MM-DD date"},
        {"date,change,name\n2023-03-01,remove,z\n",
         "lscb-test-hol-changes.csv:2: field change: 2023-03-01 is not a bank holiday to remove"},
        {"date,change,name\n2023-03-04,add,z\n",
         "lscb-test-hol-changes.csv:2: field change: 2023-03-04 is a Saturday or Sunday"},
        {"date,change,name\n2023-03-06,move,z\n",
         "lscb-test-hol-changes.csv:2: field change: 'move' is not add or remove"},
        {"date,change,name\n1970-03-06,add,z\n",
         "lscb-test-hol-changes.csv:2: field date: 1970-03-06 is outside the calendar's years"},
        {"date,name\n2023-03-06,z\n",
         "lscb-test-hol-changes.csv:1: expected a header 'date,change,name'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&e, 0, sizeof e);
        write_file(p, bad[i].text);
        assert_int_equal(wd_load(p, &c, &e), LSCB_EINPUT);
        if (!strstr(e.msg, bad[i].msg))
            fail_msg("got '%s', expected '%s'", e.msg, bad[i].msg);
        wd_release(&c);
    }
    remove(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_off_and_moved_holidays),
        cmocka_unit_test(test_easter),
        cmocka_unit_test(test_counting),
        cmocka_unit_test(test_equals_the_published_list),
        cmocka_unit_test(test_changes_file),
    };
    return cmocka_run_group_tests(tests, cal_setup, cal_teardown);
}
