/* test_date.c — strict ISO dates, month arithmetic, ages. */
#include "testutil.h"
#include "common/date.h"

static lscb_date D(const char *s)
{
    lscb_date d;
    assert_true(date_parse_iso(s, &d));
    return d;
}

static void iso(lscb_date d, const char *want)
{
    char b[11];
    date_format_iso(d, b);
    assert_string_equal(b, want);
}

static void test_parse_strict(void **st)
{
    (void)st;
    lscb_date d;
    assert_true(date_parse_iso("2024-02-29", &d));
    iso(d, "2024-02-29");
    assert_false(date_parse_iso("2023-02-29", &d));   /* not a leap year */
    assert_false(date_parse_iso("2023-02-30", &d));
    assert_false(date_parse_iso("1900-02-29", &d));   /* century, not leap */
    assert_true(date_parse_iso("2000-02-29", &d));    /* 400-year leap */
    assert_false(date_parse_iso("31/03/2023", &d));
    assert_false(date_parse_iso("2023-3-31", &d));
    assert_false(date_parse_iso("2023-03-31 ", &d));
    assert_false(date_parse_iso(" 2023-03-31", &d));
    assert_false(date_parse_iso("2023-03-31T00:00:00", &d));
    assert_false(date_parse_iso("2023-13-01", &d));
    assert_false(date_parse_iso("2023-00-10", &d));
    assert_false(date_parse_iso("2023-04-31", &d));
    assert_false(date_parse_iso("", &d));
    assert_false(date_parse_iso("+023-04-01", &d));
}

static void test_day_numbers(void **st)
{
    (void)st;
    assert_int_equal(D("1970-01-01"), 0);
    assert_int_equal(D("2024-03-01") - D("2024-02-28"), 2);
    assert_int_equal(D("2023-03-01") - D("2023-02-28"), 1);
    assert_int_equal(D("2024-04-01") - D("2023-04-01"), 366);
    assert_int_equal(date_weekday(D("2024-03-29")), 4); /* Good Friday 2024: Friday */
    assert_int_equal(date_weekday(D("2023-05-08")), 0); /* coronation holiday: Monday */
}

static void test_roundtrip(void **st)
{
    (void)st;
    for (lscb_date t = D("1999-12-25"); t < D("2031-01-10"); t++) {
        char b[11];
        lscb_date u;
        date_format_iso(t, b);
        assert_true(date_parse_iso(b, &u));
        assert_int_equal(t, u);
    }
}

static void test_add_months_clamps(void **st)
{
    (void)st;
    iso(date_add_months(D("2023-11-30"), 3), "2024-02-29");
    iso(date_add_months(D("2022-11-30"), 3), "2023-02-28");
    iso(date_add_months(D("2024-01-31"), 1), "2024-02-29");
    iso(date_add_months(D("2024-02-29"), 12), "2025-02-28");
    iso(date_add_months(D("2024-03-31"), -1), "2024-02-29");
    iso(date_add_months(D("2023-04-01"), 3), "2023-07-01");
    iso(date_add_months(D("2023-12-15"), 24), "2025-12-15");
}

static void test_years_between(void **st)
{
    (void)st;
    assert_int_equal(date_years_between(D("2010-03-31"), D("2024-03-31")), 14);
    assert_int_equal(date_years_between(D("2010-04-01"), D("2024-03-31")), 13);
    /* born on a leap day: a year older on 1 March in common years */
    assert_int_equal(date_years_between(D("2020-02-29"), D("2021-02-28")), 0);
    assert_int_equal(date_years_between(D("2020-02-29"), D("2021-03-01")), 1);
    assert_int_equal(date_years_between(D("2024-03-31"), D("2024-03-31")), 0);
    assert_true(date_years_between(D("2024-04-02"), D("2024-03-31")) < 0);
}

static void test_census_year(void **st)
{
    (void)st;
    iso(census_year_start(2024), "2023-04-01");
    iso(census_year_end(2024), "2024-03-31");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_strict),      cmocka_unit_test(test_day_numbers),
        cmocka_unit_test(test_roundtrip),         cmocka_unit_test(test_add_months_clamps),
        cmocka_unit_test(test_years_between),     cmocka_unit_test(test_census_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
