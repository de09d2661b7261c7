/* test_cin_xml.c — the census XML reader on hand-written documents. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include "testutil.h"
#include "extract/cin_xml.h"

#define MAXR 64

struct got {
    int ent[MAXR];
    char row[MAXR][REC_NCTX + ENTITY_MAX_FIELDS][CIN_FIELD_CAP];
    struct rec_problem problem[MAXR];
    int n;
};

static lscb_err collect(void *ctx, enum entity_id ent, const char *const *row,
                        const struct rec_problem *problem, struct lscb_error *e)
{
    (void)e;
    struct got *g = ctx;
    assert_true(g->n < MAXR);
    g->ent[g->n] = (int)ent;
    g->problem[g->n] = *problem;
    for (size_t i = 0; i < REC_NCTX + entity_defs[ent].nfields; i++)
        assert_int_equal(text_fmt(g->row[g->n][i], CIN_FIELD_CAP, "%s", row[i]), 0);
    g->n++;
    return LSCB_OK;
}

static lscb_err readx(const char *xml, struct got *g, struct cin_xml_info *info,
                      struct lscb_error *e)
{
    memset(g, 0, sizeof *g);
    struct membuf m = {xml, strlen(xml), 0, 7};
    return cin_xml_read(membuf_read, &m, "t.xml", NULL, collect, g, info, e);
}

/* field value of record k by name */
static const char *F(const struct got *g, int k, const char *name)
{
    int i = entity_field(&entity_defs[g->ent[k]], name);
    assert_true(i >= 0);
    return g->row[k][REC_NCTX + i];
}

static int find(const struct got *g, enum entity_id ent, int nth)
{
    for (int k = 0; k < g->n; k++)
        if (g->ent[k] == (int)ent && nth-- == 0)
            return k;
    fail_msg("record %d of entity %d not found", nth, ent);
    return -1;
}

#define HEAD(year, ref)                                                                      \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Message>\n<Header><CollectionDetails>"     \
    "<Collection>CIN</Collection><Year>" year "</Year><ReferenceDate>" ref "</ReferenceDate>" \
    "</CollectionDetails><Source><LEA>205</LEA></Source></Header>\n<Children>\n"
#define TAIL "</Children>\n</Message>\n"

static const char doc_2017[] =
    HEAD("2017", "2017-03-31")
    "<Child>\n<ChildIdentifiers><LAchildID> C1 </LAchildID><PersonBirthDate>2010-05-01"
    "</PersonBirthDate><GenderCurrent>2</GenderCurrent></ChildIdentifiers>\n"
    "<ChildCharacteristics><Ethnicity>BAFR</Ethnicity><Disabilities><Disability>HAND"
    "</Disability><Disability>VIS</Disability></Disabilities></ChildCharacteristics>\n"
    "<CINdetails>\n<CINreferralDate>2016-06-01</CINreferralDate><ReferralSource>2A"
    "</ReferralSource><DateOfInitialCPC>2016-06-20</DateOfInitialCPC>\n"
    "<Assessments><AssessmentActualStartDate>2016-06-02</AssessmentActualStartDate>"
    "<FactorsIdentifiedAtAssessment/></Assessments>\n"
    "<Assessments><AssessmentActualStartDate>2016-09-02</AssessmentActualStartDate>"
    "<AssessmentAuthorisationDate>2016-10-01</AssessmentAuthorisationDate>"
    "<FactorsIdentifiedAtAssessment><AssessmentFactors>18A</AssessmentFactors>"
    "<AssessmentFactors>3A</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>\n"
    "<Section47><S47ActualStartDate>2016-06-05</S47ActualStartDate>"
    "<DateOfInitialCPC>2016-06-21</DateOfInitialCPC><ICPCnotRequired>FALSE</ICPCnotRequired>"
    "</Section47>\n"
    "<ReferralNFA>false</ReferralNFA>\n"
    "<ChildProtectionPlans><CPPstartDate>2016-06-21</CPPstartDate>"
    "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>EMO"
    "</LatestCategoryOfAbuse><NumberOfPreviousCPP>0</NumberOfPreviousCPP>"
    "<Reviews><CPPreviewDate>2016-09-20</CPPreviewDate><CPPreviewDate>2017-03-01"
    "</CPPreviewDate></Reviews></ChildProtectionPlans>\n"
    "</CINdetails>\n</Child>\n" TAIL;

static void test_2017_all_modules(void **st)
{
    (void)st;
    struct got g;
    struct cin_xml_info info;
    struct lscb_error e = {0};
    assert_int_equal(readx(doc_2017, &g, &info, &e), LSCB_OK);
    assert_string_equal(info.la, "205");
    assert_int_equal(info.year, 2017);
    assert_int_equal(info.records[ENT_CHILD], 1);
    assert_int_equal(info.records[ENT_EPISODE], 1);
    assert_int_equal(info.records[ENT_ASSESSMENT], 2);   /* repeated module */
    assert_int_equal(info.records[ENT_S47], 1);
    assert_int_equal(info.records[ENT_CPP], 1);
    assert_int_equal(info.records[ENT_CPP_REVIEW], 2);
    int c = find(&g, ENT_CHILD, 0);
    assert_string_equal(F(&g, c, "child_id"), "C1");   /* white space trimmed */
    assert_string_equal(F(&g, c, "gender"), "2");
    assert_string_equal(F(&g, c, "disabilities"), "HAND;VIS");
    assert_string_equal(g.row[c][REC_SOURCE_LINE], "5"); /* line of <Child> */
    int ep = find(&g, ENT_EPISODE, 0);
    assert_string_equal(F(&g, ep, "date_initial_cpc"), "2016-06-20"); /* CINdetails level */
    assert_string_equal(F(&g, ep, "referral_nfa"), "false");
    assert_string_equal(F(&g, ep, "child_id"), "C1");
    int s = find(&g, ENT_S47, 0);
    assert_string_equal(F(&g, s, "date_initial_cpc"), "2016-06-21"); /* Section47 level */
    assert_string_equal(F(&g, s, "icpc_not_required"), "FALSE");
    assert_string_equal(F(&g, s, "referral_date"), "2016-06-01");
    int a0 = find(&g, ENT_ASSESSMENT, 0), a1 = find(&g, ENT_ASSESSMENT, 1);
    assert_string_equal(F(&g, a0, "factors"), "");
    assert_string_equal(F(&g, a1, "factors"), "18A;3A");
    assert_string_equal(F(&g, a1, "authorisation_date"), "2016-10-01");
    int p = find(&g, ENT_CPP, 0);
    assert_string_equal(F(&g, p, "previous_plans"), "0");
    assert_string_equal(F(&g, p, "latest_category"), "EMO");
    assert_string_equal(F(&g, p, "end_date"), "");
    int r1 = find(&g, ENT_CPP_REVIEW, 1);
    assert_string_equal(F(&g, r1, "review_date"), "2017-03-01");
    assert_string_equal(F(&g, r1, "cpp_start_date"), "2016-06-21");
    assert_string_equal(F(&g, r1, "child_id"), "C1");
}

static const char doc_2026[] =
    HEAD("2026", "2026-03-31")
    "<Child><ChildIdentifiers><LAchildID>U1</LAchildID><ExpectedPersonBirthDate>2026-05-01"
    "</ExpectedPersonBirthDate><Sex>U</Sex></ChildIdentifiers><ChildCharacteristics>"
    "<Ethnicity>NOBT</Ethnicity></ChildCharacteristics>"
    "<CINdetails><CINreferralDate>2026-01-10</CINreferralDate><ReferralSource>5D"
    "</ReferralSource><CINPlanDates><CINPlanStartDate>2026-02-01</CINPlanStartDate>"
    "</CINPlanDates><ReferralNFA>0</ReferralNFA><ChildProtectionPlans><CPPstartDate>"
    "2026-02-10</CPPstartDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>"
    "<LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse><NumberOfPreviousCPP>1"
    "</NumberOfPreviousCPP></ChildProtectionPlans>"
    "<PreProceedingsandFGDM><PPStartDate>2026-02-01</PPStartDate></PreProceedingsandFGDM>"
    "</CINdetails>"
    "<CINdetails><CINreferralDate>2025-04-10</CINreferralDate><ReferralSource>1A"
    "</ReferralSource><CINclosureDate>2025-06-01</CINclosureDate><ReasonForClosure>RC9"
    "</ReasonForClosure><ReferralNFA>1</ReferralNFA></CINdetails></Child>" TAIL;

static void test_2026_sex_unborn_unknown_elements(void **st)
{
    (void)st;
    struct got g;
    struct cin_xml_info info;
    struct lscb_error e = {0};
    assert_int_equal(readx(doc_2026, &g, &info, &e), LSCB_OK);
    assert_int_equal(info.year, 2026);
    int c = find(&g, ENT_CHILD, 0);
    assert_string_equal(F(&g, c, "sex"), "U");      /* staged apart from GenderCurrent */
    assert_string_equal(F(&g, c, "gender"), "");
    assert_string_equal(F(&g, c, "birth_date"), "");
    assert_string_equal(F(&g, c, "expected_birth_date"), "2026-05-01");
    assert_int_equal(info.records[ENT_EPISODE], 2);
    assert_int_equal(info.records[ENT_CIN_PLAN], 1);
    int e1 = find(&g, ENT_EPISODE, 1);
    assert_string_equal(F(&g, e1, "referral_date"), "2025-04-10");
    assert_string_equal(F(&g, e1, "closure_reason"), "RC9");
    /* the plan keeps its own episode's referral date, not the next one's */
    int p = find(&g, ENT_CPP, 0);
    assert_string_equal(F(&g, p, "referral_date"), "2026-01-10");
}

static void expect_input_error(const char *xml, const char *needle)
{
    struct got g;
    struct cin_xml_info info;
    struct lscb_error e = {0};
    assert_int_equal(readx(xml, &g, &info, &e), LSCB_EINPUT);
    if (!strstr(e.msg, needle))
        fail_msg("message '%s' lacks '%s'", e.msg, needle);
    assert_non_null(strstr(e.msg, "t.xml:"));
}

static void test_hostile(void **st)
{
    (void)st;
    expect_input_error("<?xml version=\"1.0\"?>\n<!DOCTYPE Message [<!ENTITY a \"aaaa\">"
                       "<!ENTITY b \"&a;&a;&a;&a;\">]>\n<Message>&b;</Message>", "DOCTYPE");
    expect_input_error("<?xml version=\"1.0\"?>\n<!DOCTYPE Message SYSTEM "
                       "\"http://example.com/x.dtd\">\n<Message/>", "DOCTYPE");
    expect_input_error("<Message><Header>", "malformed XML");
    expect_input_error(HEAD("2024", "2024-03-31") "<Child>\n</Children>", "t.xml:6");
    expect_input_error(HEAD("2024", "2024-03-31") "<Child><ChildIdentifiers><LAchildID>\xE9\xE9"
                       "</LAchildID></ChildIdentifiers></Child>" TAIL,
                       "malformed XML");
    /* a file cut part-way, or two returns joined: said so, with file and
     * line (libxml2 alone says "Extra content at the end of the document") */
    {
        char cut[sizeof doc_2017];
        size_t at = (size_t)(strstr(doc_2017, "<ICPCnotRequired>") - doc_2017) + 17;
        memcpy(cut, doc_2017, at);
        cut[at] = '\0';
        expect_input_error(cut, "t.xml:12: the file ends inside <ICPCnotRequired> with 6 "
                                "elements still open: it looks cut short");
        char joined[2 * sizeof doc_2017];
        assert_true(snprintf(joined, sizeof joined, "%s%s", doc_2017, doc_2017 + 39) <
                    (int)sizeof joined);
        expect_input_error(joined, "more after the census's closing </Message>: the file "
                                   "looks malformed");
    }
    expect_input_error("<Root/>", "expected <Message>");
    expect_input_error("", "empty document");
    expect_input_error("<Message><Children><Child/></Children></Message>", "no LA code");
    expect_input_error("<Message>&undefined;</Message>", "t.xml:1");
    char deep[2000] = "<Message>";
    for (int i = 0; i < 40; i++)
        strcat(deep, "<a>");
    expect_input_error(deep, "nested deeper");
}

static void test_long_and_repeated_values(void **st)
{
    (void)st;
    char doc[4096];
    char longid[300];
    memset(longid, 'x', 299);
    longid[299] = '\0';
    assert_int_equal(text_fmt(doc, sizeof doc, HEAD("2024", "2024-03-31")
             "<Child><ChildIdentifiers><LAchildID>%s</LAchildID><GenderCurrent>1"
             "</GenderCurrent><GenderCurrent>2</GenderCurrent></ChildIdentifiers>"
             "</Child>" TAIL, longid), 0);
    struct got g;
    struct cin_xml_info info;
    struct lscb_error e = {0};
    assert_int_equal(readx(doc, &g, &info, &e), LSCB_OK);
    /* the problem travels beside the values: the first one found, the ID
     * cut at the cap, the repeated element kept as neither value */
    assert_int_equal(g.problem[0].kind, REC_TOO_LONG);
    assert_int_equal(g.problem[0].field, entity_field(&entity_defs[ENT_CHILD], "child_id"));
    assert_int_equal(strlen(F(&g, 0, "child_id")), CIN_FIELD_CAP - 1);
    assert_string_equal(F(&g, 0, "gender"), "");
    /* the repeat alone */
    assert_int_equal(text_fmt(doc, sizeof doc, HEAD("2024", "2024-03-31")
             "<Child><ChildIdentifiers><LAchildID>#BADROW</LAchildID><GenderCurrent>1"
             "</GenderCurrent><GenderCurrent>2</GenderCurrent></ChildIdentifiers>"
             "</Child>" TAIL), 0);
    assert_int_equal(readx(doc, &g, &info, &e), LSCB_OK);
    assert_int_equal(g.problem[0].kind, REC_REPEATED);
    assert_int_equal(g.problem[0].field, entity_field(&entity_defs[ENT_CHILD], "gender"));
    assert_string_equal(F(&g, 0, "child_id"), "#BADROW");   /* just an ID */
    /* a fine record has no problem */
    assert_int_equal(text_fmt(doc, sizeof doc, HEAD("2024", "2024-03-31")
             "<Child><ChildIdentifiers><LAchildID>C1</LAchildID></ChildIdentifiers>"
             "</Child>" TAIL), 0);
    assert_int_equal(readx(doc, &g, &info, &e), LSCB_OK);
    assert_int_equal(g.problem[0].kind, REC_FINE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_2017_all_modules),
        cmocka_unit_test(test_2026_sex_unborn_unknown_elements),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_long_and_repeated_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
