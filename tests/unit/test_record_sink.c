/* test_record_sink.c — a reader's problems travel beside the values: the
 * staged column's text and back, and the transform's rule for each. */
#include "testutil.h"
#include "common/record_sink.h"

static void roundtrip(const struct rec_problem *p, const char *want)
{
    const struct entity_def *d = &entity_defs[ENT_CHILD];
    char buf[64];
    assert_int_equal(rec_problem_format(p, d, buf, sizeof buf), 0);
    assert_string_equal(buf, want);
    struct rec_problem q;
    assert_true(rec_problem_parse(buf, d, &q));
    assert_int_equal(q.kind, p->kind);
    if (p->kind == REC_TOO_LONG || p->kind == REC_REPEATED)
        assert_int_equal(q.field, p->field);
    if (p->kind == REC_BAD_ROW) {
        assert_int_equal(q.ncols, p->ncols);
        assert_int_equal(q.want, p->want);
    }
}

static void test_format_and_parse(void **st)
{
    (void)st;
    const struct entity_def *d = &entity_defs[ENT_CHILD];
    int id = entity_field(d, "child_id"), g = entity_field(d, "gender");
    roundtrip(&(struct rec_problem){.kind = REC_FINE, .field = -1}, "");
    roundtrip(&(struct rec_problem){.kind = REC_TOO_LONG, .field = id}, "too_long child_id");
    roundtrip(&(struct rec_problem){.kind = REC_REPEATED, .field = g}, "repeated gender");
    roundtrip(&(struct rec_problem){.kind = REC_BAD_ROW, .field = -1, .ncols = 3, .want = 4},
              "bad_row 3 of 4");
    /* anything else is not a problem the extractor writes */
    struct rec_problem q;
    assert_false(rec_problem_parse("#BADROW", d, &q));
    assert_false(rec_problem_parse("too_long no_such_field", d, &q));
    assert_false(rec_problem_parse("bad_row 3", d, &q));
    assert_false(rec_problem_parse("bad_row x of 4", d, &q));
    assert_false(rec_problem_parse("toolong child_id", d, &q));
}

static void test_rules(void **st)
{
    (void)st;
    const struct entity_def *d = &entity_defs[ENT_CHILD];
    const char *field;
    char msg[128];
    struct rec_problem p = {.kind = REC_FINE, .field = -1};
    assert_null(rec_problem_rule(&p, d, &field, msg, sizeof msg));
    p = (struct rec_problem){.kind = REC_TOO_LONG, .field = entity_field(d, "child_id")};
    assert_string_equal(rec_problem_rule(&p, d, &field, msg, sizeof msg), "T07");
    assert_string_equal(field, "child_id");
    p = (struct rec_problem){.kind = REC_BAD_ROW, .field = -1, .ncols = 5, .want = 7};
    assert_string_equal(rec_problem_rule(&p, d, &field, msg, sizeof msg), "T09");
    assert_string_equal(field, "");
    assert_string_equal(msg, "row has 5 columns, the header has 7");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_and_parse),
        cmocka_unit_test(test_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
