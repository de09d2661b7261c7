/* test_text.c — strict number parsing and checked formatting (text.h). */
#include "testutil.h"
#include "common/text.h"

#include <limits.h>

static void test_long(void **st)
{
    (void)st;
    long v = 7;
    assert_true(text_long("2024", &v));
    assert_int_equal(v, 2024);
    assert_true(text_long("-12", &v));
    assert_int_equal(v, -12);
    v = 7;
    /* atoi would give 20, 0, 0, 12 and a wrapped value for these */
    assert_false(text_long("20x", &v));
    assert_false(text_long("", &v));
    assert_false(text_long(NULL, &v));
    assert_false(text_long(" 12", &v));
    assert_false(text_long("12 ", &v));
    assert_false(text_long("99999999999999999999999", &v));
    assert_int_equal(v, 7);   /* left alone */
}

static void test_int_range(void **st)
{
    (void)st;
    int y = 0;
    assert_true(text_int_range("2012", 1990, 2100, &y));
    assert_int_equal(y, 2012);
    assert_false(text_int_range("1989", 1990, 2100, &y));
    assert_false(text_int_range("2101", 1990, 2100, &y));
    assert_false(text_int_range("4294969308", 1990, 2100, &y)); /* 2012 mod 2^32 */
    assert_int_equal(y, 2012);
}

static void test_double(void **st)
{
    (void)st;
    double d = 0;
    assert_true(text_double("12.5", &d));
    assert_true(d == 12.5);
    assert_true(text_double("-0.25", &d));
    assert_true(text_double("1e3", &d));
    assert_true(d == 1000.0);
    assert_false(text_double("12.5%", &d));
    assert_false(text_double("0x10", &d));
    assert_false(text_double("nan", &d));
    assert_false(text_double("inf", &d));
    assert_false(text_double("1e999", &d));
    assert_false(text_double(" 1", &d));
    assert_false(text_double("", &d));
    assert_true(d == 1000.0);
}

static void test_fmt(void **st)
{
    (void)st;
    char b[8];
    assert_int_equal(text_fmt(b, sizeof b, "%s", "1234567"), 0);
    assert_string_equal(b, "1234567");
    assert_int_equal(text_fmt(b, sizeof b, "%s", "12345678"), -1);   /* cut */
    assert_string_equal(b, "1234567");
    assert_int_equal(text_fmt(b, 0, "x"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long),
        cmocka_unit_test(test_int_range),
        cmocka_unit_test(test_double),
        cmocka_unit_test(test_fmt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
