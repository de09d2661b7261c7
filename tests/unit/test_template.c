/* test_template.c — template parsing: the shipped templates, and mistakes
 * reported with file, line and what is wrong. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"
#include "common/template.h"

static struct report_template t;

static void load_shipped(const char *name, int want_tables)
{
    struct lscb_error e = {0};
    char *p = template_find(name);
    if (!p)
        fail_msg("template %s not found", name);
    if (template_load(p, &t, &e) != LSCB_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(t.ntables, want_tables);
    free(p);
}

static void test_shipped(void **st)
{
    (void)st;
    load_shipped("dfe", 12);
    load_shipped("lscb-2011", 25);
    /* the 2011 duration bands: completed months */
    const struct tpl_table *tb = NULL;
    for (int i = 0; i < t.ntables; i++)
        if (!strcmp(t.tables[i].id, "t4_70"))
            tb = &t.tables[i];
    assert_non_null(tb);
    const struct band_set *bs = tpl_bandset(&t, tb);
    assert_non_null(bs);
    assert_int_equal(bs->method, BANDS_COMPLETED_MONTHS);
    assert_int_equal(bs->n, 7);
    assert_string_equal(bs->b[5].label, "2 - 4 yrs");
    assert_int_equal(bs->b[6].hi, -1);
    /* list rows: bi-monthly month ends, each from the previous row's end */
    struct tpl_row rows[TPL_MAX_ROWS];
    int n = tpl_period_rows(tb, 2012, rows);
    assert_int_equal(n, 7);
    char a[11], b[11];
    date_format_iso(rows[0].start, a);
    date_format_iso(rows[0].end, b);
    assert_string_equal(a, "2011-04-01");
    assert_string_equal(b, "2011-04-30");
    date_format_iso(rows[1].start, a);
    date_format_iso(rows[1].end, b);
    assert_string_equal(a, "2011-05-01");
    assert_string_equal(b, "2011-06-30");
    assert_string_equal(rows[1].label, "Jun-11");
    date_format_iso(rows[6].end, b);
    assert_string_equal(b, "2012-03-31");
}

static void expect_error(const char *text, const char *want)
{
    FILE *fp = fopen("/tmp/lscb-t.ini", "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    struct lscb_error e = {0};
    assert_int_equal(template_load("/tmp/lscb-t.ini", &t, &e), LSCB_EINPUT);
    if (!strstr(e.msg, want))
        fail_msg("message '%s' lacks '%s'", e.msg, want);
    remove("/tmp/lscb-t.ini");
}

#define TABLE "[table:a]\nsheet = A\ntitle = A\n"

static void test_mistakes(void **st)
{
    (void)st;
    expect_error("[report]\ntitle = x\n" TABLE "columns = cpp_open, nonsense\n",
                 "lscb-t.ini:6: unknown measure 'nonsense'");
    expect_error(TABLE "rows = weekly\n", "lscb-t.ini:4: unknown rows 'weekly'");
    expect_error(TABLE "colums = cpp_open\n", "lscb-t.ini:4: unknown key 'colums'");
    expect_error(TABLE "columns = cpp_started:numerator\n", "is a count");
    expect_error("[bands:b]\nmethod = completed_months\n0 - 3 = 3 0\n" TABLE
                 "rows = breakdown\nbreakdown = duration\nbands = b\n",
                 "lscb-t.ini:3: band '0 - 3'");
    expect_error(TABLE "rows = breakdown\nbreakdown = age\nbands = missing\n",
                 "no [bands:missing]");
    expect_error("[bands:m]\nmethod = completed_months\n0 - 3 = 0 3\n" TABLE
                 "rows = breakdown\nbreakdown = age\nbands = m\n", "is for durations");
    expect_error(TABLE "rows = months\nbreakdown = category\norder = NEG, PHY\n",
                 "order lists 2 labels; category has 5");
    expect_error(TABLE "columns = cpp_open, cpp_started\nlabels = a | b\n",
                 "labels gives 2 labels, the table has 3 columns");
    expect_error(TABLE "rows = list\ncolumns = cpp_open\n", "rows = list needs months");
    expect_error(TABLE "rows = list\nmonths = Apr Foo\ncolumns = cpp_open\n",
                 "lscb-t.ini:5: unknown month 'Foo'");
    expect_error("[table:a]\nsheet = A\ntitle = A\ncolumns = cpp_open\n"
                 "[table:b]\nsheet = A\n", "lscb-t.ini:6: sheet name 'A' is used twice");
    expect_error("[table:a]\nsheet = A\ntitle = A\ncolumns = cpp_open\n"
                 "[table:b]\nsheet = a\n", "lscb-t.ini:6: sheet name 'a' is used twice");
    /* the workbook's own sheets, in any case */
    expect_error("[table:a]\nsheet = validation\n", "sheet name 'validation' is the workbook's own");
    expect_error("[table:a]\nsheet = SOURCES\n", "sheet name 'SOURCES' is the workbook's own");
    expect_error("[table:a]\nsheet = Funnel cpp_rate\n", "is the workbook's own");
    for (int i = 0; tpl_reserved_sheets[i]; i++)
        assert_true(tpl_sheet_reserved(tpl_reserved_sheets[i]));
    assert_false(tpl_sheet_reserved("Referrals"));
    expect_error("[nonsense]\nx = 1\n", "lscb-t.ini:2: unknown section [nonsense]");
    expect_error("this is not ini\n", "lscb-t.ini:1:");
    expect_error("[report]\ntitle = x\n", "declares no [table:ID]");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped),
        cmocka_unit_test(test_mistakes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
