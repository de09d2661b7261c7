/*
 * records.c — entity and code-set tables.  Adding a field to the census model
 * is one line here plus its XML mapping in extract/cin_xml.c.
 */
#include "common/records.h"

#include <string.h>

/* GenderCurrent (schemas to 2024-25) and Sex (2025-26 on) are separate
 * items with separate codes (rule 4180) */
static const char *const gender_v[] = {"1", "2", "0", "9", NULL};
static const char *const sex_v[] = {"M", "F", "U", NULL};
static const char *const ethnicity_v[] = {
    "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
    "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT", NULL};
static const char *const category_v[] = {"NEG", "PHY", "SAB", "EMO", "MUL", NULL};
static const char *const refsrc_v[] = {
    "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4",
    "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10", NULL};
static const char *const need_v[] = {"N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7",
                                     "N8", "N9", NULL};
static const char *const closure_v[] = {"RC1", "RC2", "RC3", "RC4", "RC5", "RC6",
                                        "RC7", "RC8", "RC9", NULL};
static const char *const disability_v[] = {"NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD",
                                           "HEAR", "VIS", "BEH", "CON", "AUT", "DDA", NULL};
static const char *const factor_v[] = {
    "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B",
    "5C", "6A", "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A",
    "13A", "14A", "15A", "16A", "17A", "18A", "18B", "18C", "19A", "19B", "19C", "20",
    "21", "22A", "23A", "24A", NULL};

static const char *const cpr3_v[] = {
    "children_on_plans_31_march", "registrations", "deregistrations", "previously_registered",
    "deregistered_2y_plus", "referrals", "re_referrals", "initial_assessments",
    "core_assessments", NULL};
const struct code_set codes_cpr3_item = {"CPR3 item", cpr3_v};
static const char *const strategy_v[] = {"S47", "NFA", "CIN", "OTHER", NULL};
const struct code_set codes_strategy_outcome = {"strategy discussion outcome (S47, NFA, CIN, "
                                                "OTHER)", strategy_v};
const struct code_set codes_gender = {"GenderCurrent (1/2/0/9)", gender_v};
const struct code_set codes_sex = {"Sex (M/F/U)", sex_v};
const struct code_set codes_ethnicity = {"ethnicity", ethnicity_v};
const struct code_set codes_category = {"category of abuse", category_v};
const struct code_set codes_referral_source = {"referral source", refsrc_v};
const struct code_set codes_primary_need = {"primary need", need_v};
const struct code_set codes_closure_reason = {"reason for closure", closure_v};
const struct code_set codes_disability = {"disability", disability_v};
const struct code_set codes_assessment_factor = {"assessment factor", factor_v};

static const struct field_def child_f[] = {
    {"child_id", FT_ID, true, NULL, false},
    {"birth_date", FT_DATE, false, NULL, false},
    {"expected_birth_date", FT_DATE, false, NULL, false},
    {"gender", FT_CODE, true, &codes_gender, true},
    {"death_date", FT_DATE, false, NULL, false},
    {"ethnicity", FT_CODE, true, &codes_ethnicity, true},
    {"disabilities", FT_LIST, false, &codes_disability, true},
    /* staged only (validation rules 1510-1560Q, 8770Q, 8772): never normalised */
    {"upn", FT_ID, false, NULL, false},
    {"former_upn", FT_ID, false, NULL, false},
    {"upn_unknown", FT_ID, false, NULL, false},
    /* Sex (2025-26 on), staged apart from GenderCurrent so rules 4180 and
     * 8750 judge each by its own codes; the transform carries it on as
     * gender when GenderCurrent is absent */
    {"sex", FT_CODE, false, &codes_sex, true},
};
static const struct field_def episode_f[] = {
    {"child_id", FT_ID, true, NULL, false},
    {"referral_date", FT_DATE, true, NULL, false},
    {"referral_source", FT_CODE, true, &codes_referral_source, true},
    {"primary_need", FT_CODE, false, &codes_primary_need, true},
    {"closure_date", FT_DATE, false, NULL, false},
    {"closure_reason", FT_CODE, false, &codes_closure_reason, true},
    {"date_initial_cpc", FT_DATE, false, NULL, false},
    {"referral_nfa", FT_BOOL, true, NULL, true},
};
static const struct field_def assessment_f[] = {
    {"child_id", FT_ID, true, NULL, false},
    {"referral_date", FT_DATE, true, NULL, false},
    {"start_date", FT_DATE, true, NULL, false},
    {"internal_review_date", FT_DATE, false, NULL, false},
    {"authorisation_date", FT_DATE, false, NULL, false},
    {"factors", FT_LIST, false, &codes_assessment_factor, false},
};
static const struct field_def cin_plan_f[] = {
    {"child_id", FT_ID, true, NULL, false},
    {"referral_date", FT_DATE, true, NULL, false},
    {"start_date", FT_DATE, true, NULL, false},
    {"end_date", FT_DATE, false, NULL, false},
};
static const struct field_def s47_f[] = {
    {"child_id", FT_ID, true, NULL, false},
    {"referral_date", FT_DATE, true, NULL, false},
    {"start_date", FT_DATE, true, NULL, false},
    {"icpc_target_date", FT_DATE, false, NULL, false},
    {"date_initial_cpc", FT_DATE, false, NULL, false},
    {"icpc_not_required", FT_BOOL, true, NULL, false},
};
static const struct field_def cpp_f[] = {
    {"child_id", FT_ID, true, NULL, false},
    {"referral_date", FT_DATE, true, NULL, false},
    {"start_date", FT_DATE, true, NULL, false},
    {"end_date", FT_DATE, false, NULL, false},
    {"initial_category", FT_CODE, true, &codes_category, true},
    {"latest_category", FT_CODE, true, &codes_category, true},
    {"previous_plans", FT_COUNT, true, NULL, false},
};
static const struct field_def review_f[] = {
    {"child_id", FT_ID, true, NULL, false},
    {"referral_date", FT_DATE, true, NULL, false},
    {"cpp_start_date", FT_DATE, true, NULL, false},
    {"review_date", FT_DATE, true, NULL, false},
};

static const struct field_def strategy_f[] = {
    {"child_id", FT_ID, true, NULL, false},
    {"discussion_date", FT_DATE, true, NULL, false},
    {"outcome", FT_CODE, true, &codes_strategy_outcome, false},
};

static const struct field_def initial_f[] = {
    {"child_id", FT_ID, true, NULL, false},
    {"referral_date", FT_DATE, true, NULL, false},
    {"start_date", FT_DATE, true, NULL, false},
    {"completion_date", FT_DATE, false, NULL, false},
};
static const struct field_def core_f[] = {
    {"child_id", FT_ID, true, NULL, false},
    {"referral_date", FT_DATE, true, NULL, false},
    {"start_date", FT_DATE, true, NULL, false},
    {"completion_date", FT_DATE, false, NULL, false},
};
static const struct field_def cpr3_f[] = {
    {"item", FT_CODE, true, &codes_cpr3_item, false},
    {"value", FT_COUNT, true, NULL, false},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

const struct entity_def entity_defs[ENT_COUNT] = {
    [ENT_CHILD] = {"child", "Child", N(child_f), child_f, 1, 0, ENT_CHILD, 1, 4, KIND_CENSUS, 4},
    [ENT_EPISODE] = {"episode", "CINdetails", N(episode_f), episode_f, 2, 1, ENT_CHILD, 1, 4, KIND_CENSUS, 0},
    [ENT_ASSESSMENT] = {"assessment", "Assessments", N(assessment_f), assessment_f, 3, 2,
                        ENT_EPISODE, 2, 4, KIND_CENSUS, 0},
    [ENT_CIN_PLAN] = {"cin_plan", "CINPlanDates", N(cin_plan_f), cin_plan_f, 3, 2,
                      ENT_EPISODE, 2, 3, KIND_CENSUS, 0},
    [ENT_S47] = {"s47", "Section47", N(s47_f), s47_f, 3, 2, ENT_EPISODE, 2, 4, KIND_CENSUS, 0},
    [ENT_CPP] = {"cpp", "ChildProtectionPlans", N(cpp_f), cpp_f, 3, 2, ENT_EPISODE, 2, 3, KIND_CENSUS, 0},
    [ENT_CPP_REVIEW] = {"cpp_review", "CPPreviewDate", N(review_f), review_f, 4, 3, ENT_CPP,
                        2, 3, KIND_CENSUS, 0},
    [ENT_STRATEGY] = {"strategy", "(strategy discussion CSV)", N(strategy_f), strategy_f, 2, 0,
                      ENT_CHILD, -1, -1, KIND_STRATEGY, 0},
    [ENT_INITIAL_ASSESSMENT] = {"initial_assessment", "InitialAssessments", N(initial_f),
                                initial_f, 3, 2, ENT_EPISODE, 2, 3, KIND_CENSUS, 0},
    [ENT_CORE_ASSESSMENT] = {"core_assessment", "CoreAssessments", N(core_f), core_f, 3, 2,
                             ENT_EPISODE, 2, 3, KIND_CENSUS, 0},
    [ENT_CPR3] = {"cpr3", "(CPR3 return CSV)", N(cpr3_f), cpr3_f, 1, 0, ENT_CHILD, -1, -1,
                  KIND_CPR3, 0},
};

const char *return_kind_name(enum return_kind k)
{
    return k == KIND_STRATEGY ? "strategy" : k == KIND_CPR3 ? "cpr3" : "census";
}

int return_kind_parse(const char *s)
{
    return !strcmp(s, "census") ? KIND_CENSUS : !strcmp(s, "strategy") ? KIND_STRATEGY
                                : !strcmp(s, "cpr3")                  ? KIND_CPR3
                                                                      : -1;
}

int entity_field(const struct entity_def *d, const char *name)
{
    for (size_t i = 0; i < d->nfields; i++)
        if (strcmp(d->fields[i].name, name) == 0)
            return (int)i;
    return -1;
}

void entity_put_header(FILE *fp, const struct entity_def *d, size_t nfields)
{
    fputs("source_file,source_line,la_code,census_year", fp);
    for (size_t i = 0; i < nfields; i++) {
        putc(',', fp);
        fputs(d->fields[i].name, fp);
    }
    putc('\n', fp);
}

bool code_in_set(const struct code_set *set, const char *code)
{
    for (const char *const *c = set->codes; *c; c++)
        if (strcmp(*c, code) == 0)
            return true;
    return false;
}

int parse_census_bool(const char *s)
{
    if (!strcmp(s, "1") || !strcmp(s, "true") || !strcmp(s, "TRUE"))
        return 1;
    if (!strcmp(s, "0") || !strcmp(s, "false") || !strcmp(s, "FALSE"))
        return 0;
    return -1;
}
