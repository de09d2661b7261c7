/* test_text.c — strict number parsing and checked formatting (text.h). */
#include "testutil.h"
#include "common/text.h"

#include <limits.h>
#include <stdlib.h>

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

/* text_from_long writes what snprintf's %ld does, at the edges too */
static void test_from_long(void **st)
{
    (void)st;
    const long v[] = {0, 7, -7, 10, 99, 100, 123456789, -1000000, LONG_MAX, LONG_MIN};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        char want[64], got[TEXT_LONG_CAP];
        snprintf(want, sizeof want, "%ld", v[i]);
        assert_string_equal(text_from_long(got, v[i]), want);
    }
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

/* text_number: a figure too wide for its buffer keeps its value, not its
 * first digits. */
static void test_number(void **st)
{
    (void)st;
    char b[25], small[8];
    text_number(b, sizeof b, 12.345, 1);
    assert_string_equal(b, "12.3");
    text_number(b, sizeof b, 1e30, 0);
    double back = 0;
    assert_true(text_double(b, &back));
    assert_true(back == 1e30);
    text_number(b, sizeof b, -1.2345678901234567e308, 2);
    assert_true(text_double(b, &back));
    assert_true(back == -1.2345678901234567e308);
    text_number(small, sizeof small, 123456789, 0);
    assert_string_equal(small, "");         /* too small even so: nothing, never "1234567" */
}

/* text_xappend grows a string past any fixed size, from NULL. */
static void test_xappend(void **st)
{
    (void)st;
    char *s = NULL;
    text_xappend(&s, "%s", "");
    assert_string_equal(s, "");
    for (int i = 0; i < 1000; i++)
        text_xappend(&s, "%s%d", i ? "; " : "", i);
    assert_int_equal(strlen(s), 2 * 999 + 10 + 90 * 2 + 900 * 3);
    assert_memory_equal(s, "0; 1; 2", 7);
    assert_string_equal(s + strlen(s) - 8, "998; 999");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long),
        cmocka_unit_test(test_int_range),
        cmocka_unit_test(test_from_long),
        cmocka_unit_test(test_double),
        cmocka_unit_test(test_fmt),
        cmocka_unit_test(test_xappend),
        cmocka_unit_test(test_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
