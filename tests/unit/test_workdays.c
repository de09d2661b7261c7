/* test_workdays.c — the bank-holiday calendar and working-day counts. */
#include <stdio.h>
#include "testutil.h"
#include "workdays.h"


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
    };
    for (size_t i = 0; i < sizeof hols / sizeof hols[0]; i++)
        if (wd_is_working(&cal, D(hols[i])))
            fail_msg("%s should be a bank holiday", hols[i]);
    /* the days the moved holidays used to be are working days */
    assert_true(wd_is_working(&cal, D("2012-05-28")));
    assert_true(wd_is_working(&cal, D("2022-05-30")));
    assert_true(wd_is_working(&cal, D("2020-05-04")));
    assert_true(wd_is_working(&cal, D("2023-05-09")));
    assert_false(wd_is_working(&cal, D("2023-05-06"))); /* Saturday */
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
    /* backwards: 0; outside the calendar: -1 */
    assert_int_equal(wd_between(&cal, D("2024-03-01"), D("2024-02-01")), 0);
    assert_int_equal(wd_between(&cal, D("1999-12-01"), D("2000-01-10")), -1);
    assert_int_equal(wd_between(&cal, D("2030-12-01"), D("2031-01-10")), -1);
}

static void test_bad_file(void **st)
{
    (void)st;
    struct wd_calendar c;
    struct lscb_error e = {0};
    FILE *fp = fopen("/tmp/lscb-bad-hol.csv", "w");
    assert_non_null(fp);
    fputs("date,name\n2023-01-02,New Year\n2023-02-30,Nonsense\n", fp);
    fclose(fp);
    assert_int_equal(wd_load("/tmp/lscb-bad-hol.csv", &c, &e), LSCB_EINPUT);
    assert_non_null(strstr(e.msg, "lscb-bad-hol.csv:3: field date: '2023-02-30'"));
    remove("/tmp/lscb-bad-hol.csv");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_off_and_moved_holidays),
        cmocka_unit_test(test_counting),
        cmocka_unit_test(test_bad_file),
    };
    return cmocka_run_group_tests(tests, cal_setup, cal_teardown);
}
