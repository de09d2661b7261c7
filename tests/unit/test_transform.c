/* test_transform.c — one field at a time through the transform rules. */
#include <stdio.h>
#include <string.h>
#include "testutil.h"
#include "common/records.h"
#include "transform/transform.h"

static const struct field_def *fd(enum entity_id ent, const char *name)
{
    int i = entity_field(&entity_defs[ent], name);
    assert_true(i >= 0);
    return &entity_defs[ent].fields[i];
}

static void ok(const struct field_def *f, const char *in, const char *want)
{
    char out[160], msg[200];
    const char *rule = transform_field(f, in, out, sizeof out, msg, sizeof msg);
    if (rule)
        fail_msg("'%s' for %s rejected: %s %s", in, f->name, rule, msg);
    assert_string_equal(out, want);
}

static void bad(const struct field_def *f, const char *in, const char *rule_want)
{
    char out[160], msg[200];
    const char *rule = transform_field(f, in, out, sizeof out, msg, sizeof msg);
    if (!rule)
        fail_msg("'%s' for %s accepted", in, f->name);
    assert_string_equal(rule, rule_want);
    assert_true(strlen(msg) > 0);
}

static void test_booleans_every_spelling(void **st)
{
    (void)st;
    const struct field_def *f = fd(ENT_EPISODE, "referral_nfa");
    ok(f, "true", "1");
    ok(f, "TRUE", "1");
    ok(f, "1", "1");
    ok(f, "false", "0");
    ok(f, "FALSE", "0");
    ok(f, "0", "0");
    bad(f, "True", "T08");
    bad(f, "yes", "T08");
    bad(f, "", "T01");
}

static void test_counts(void **st)
{
    (void)st;
    const struct field_def *f = fd(ENT_CPP, "previous_plans");
    ok(f, "0", "0");
    ok(f, "12", "12");
    bad(f, "-1", "T08");
    bad(f, "1.5", "T08");
    bad(f, "+2", "T08");
    bad(f, "two", "T08");
}

static void test_codes_and_dates(void **st)
{
    (void)st;
    ok(fd(ENT_CHILD, "gender"), "9", "9");
    bad(fd(ENT_CHILD, "gender"), "F", "T03");   /* GenderCurrent: 1/2/0/9 */
    ok(fd(ENT_CHILD, "sex"), "F", "F");         /* Sex: M/F/U */
    bad(fd(ENT_CHILD, "sex"), "1", "T03");
    bad(fd(ENT_CHILD, "sex"), "f", "T03");
    bad(fd(ENT_CHILD, "ethnicity"), "WBRI ", "T03");
    ok(fd(ENT_ASSESSMENT, "factors"), "18A;3A", "18A;3A");
    bad(fd(ENT_ASSESSMENT, "factors"), "18A;RB", "T03");
    ok(fd(ENT_CPP, "end_date"), "", "");            /* optional */
    bad(fd(ENT_CPP, "start_date"), "", "T01");      /* required */
    bad(fd(ENT_CPP, "start_date"), "2023-02-30", "T02");
    bad(fd(ENT_CPP, "start_date"), "31/03/2023", "T02");
    ok(fd(ENT_CPP, "start_date"), "2024-02-29", "2024-02-29");
    /* values are values: what once marked a problem is an ordinary ID now,
     * and an ordinary (invalid) code */
    ok(fd(ENT_CHILD, "child_id"), "#BADROW", "#BADROW");
    ok(fd(ENT_CHILD, "child_id"), "#TOOLONG", "#TOOLONG");
    bad(fd(ENT_CHILD, "gender"), "#REPEATED", "T03");
}

/* A value the output buffer cannot hold (a hand-edited staged file: the
 * extract caps values earlier) is rejected, never cut short. */
static void test_too_long_is_rejected_not_truncated(void **st)
{
    (void)st;
    char list[400] = "";
    for (int i = 0; i < 60; i++)
        strcat(list, i ? ";18A" : "18A"); /* 239 characters of valid codes */
    bad(fd(ENT_ASSESSMENT, "factors"), list, "T07");
    char out[8], msg[200];
    assert_string_equal(transform_field(fd(ENT_CHILD, "ethnicity"), "WBRI", out, 4, msg,
                                        sizeof msg), "T07");
    assert_null(transform_field(fd(ENT_CHILD, "ethnicity"), "WBRI", out, 5, msg, sizeof msg));
    assert_string_equal(out, "WBRI");
    for (int k = 0; k < ENT_COUNT; k++)
        assert_true(entity_defs[k].nfields <= ENTITY_MAX_FIELDS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_booleans_every_spelling),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_codes_and_dates),
        cmocka_unit_test(test_too_long_is_rejected_not_truncated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
