/*
 * census_items.c — the census data items: the XML element (within its
 * parent element) or CSV column of each field of each entity.  Adding a
 * census item is one line here and one in common/records.c.
 */
#include "extract/census_items.h"

const struct census_item census_items[] = {
    {"ChildIdentifiers", "LAchildID", ENT_CHILD, "child_id"},
    {"ChildIdentifiers", "PersonBirthDate", ENT_CHILD, "birth_date"},
    {"ChildIdentifiers", "ExpectedPersonBirthDate", ENT_CHILD, "expected_birth_date"},
    {"ChildIdentifiers", "GenderCurrent", ENT_CHILD, "gender"},
    {"ChildIdentifiers", "Sex", ENT_CHILD, "sex"},
    {"ChildIdentifiers", "PersonDeathDate", ENT_CHILD, "death_date"},
    {"ChildIdentifiers", "UPN", ENT_CHILD, "upn"},
    {"ChildIdentifiers", "FormerUPN", ENT_CHILD, "former_upn"},
    {"ChildIdentifiers", "UPNunknown", ENT_CHILD, "upn_unknown"},
    {"ChildCharacteristics", "Ethnicity", ENT_CHILD, "ethnicity"},
    {"Disabilities", "Disability", ENT_CHILD, "disabilities"},
    {"CINdetails", "CINreferralDate", ENT_EPISODE, "referral_date"},
    {"CINdetails", "ReferralSource", ENT_EPISODE, "referral_source"},
    {"CINdetails", "PrimaryNeedCode", ENT_EPISODE, "primary_need"},
    {"CINdetails", "CINclosureDate", ENT_EPISODE, "closure_date"},
    {"CINdetails", "ReasonForClosure", ENT_EPISODE, "closure_reason"},
    {"CINdetails", "DateOfInitialCPC", ENT_EPISODE, "date_initial_cpc"},
    {"CINdetails", "ReferralNFA", ENT_EPISODE, "referral_nfa"},
    {"Assessments", "AssessmentActualStartDate", ENT_ASSESSMENT, "start_date"},
    {"Assessments", "AssessmentInternalReviewDate", ENT_ASSESSMENT, "internal_review_date"},
    {"Assessments", "AssessmentAuthorisationDate", ENT_ASSESSMENT, "authorisation_date"},
    {"FactorsIdentifiedAtAssessment", "AssessmentFactors", ENT_ASSESSMENT, "factors"},
    {"CINPlanDates", "CINPlanStartDate", ENT_CIN_PLAN, "start_date"},
    {"CINPlanDates", "CINPlanEndDate", ENT_CIN_PLAN, "end_date"},
    {"Section47", "S47ActualStartDate", ENT_S47, "start_date"},
    {"Section47", "InitialCPCtarget", ENT_S47, "icpc_target_date"},
    {"Section47", "DateOfInitialCPC", ENT_S47, "date_initial_cpc"},
    {"Section47", "ICPCnotRequired", ENT_S47, "icpc_not_required"},
    {"ChildProtectionPlans", "CPPstartDate", ENT_CPP, "start_date"},
    {"ChildProtectionPlans", "CPPendDate", ENT_CPP, "end_date"},
    {"ChildProtectionPlans", "InitialCategoryOfAbuse", ENT_CPP, "initial_category"},
    {"ChildProtectionPlans", "LatestCategoryOfAbuse", ENT_CPP, "latest_category"},
    {"ChildProtectionPlans", "NumberOfPreviousCPP", ENT_CPP, "previous_plans"},
    {"Reviews", "CPPreviewDate", ENT_CPP_REVIEW, "review_date"},
    /* 2010-13 era: DfE did not publish these years' XML tags; these names
     * are this project's, for CSV extracts (and XML, should it turn up so) */
    {"InitialAssessments", "InitialAssessmentStartDate", ENT_INITIAL_ASSESSMENT, "start_date"},
    {"InitialAssessments", "InitialAssessmentCompletionDate", ENT_INITIAL_ASSESSMENT,
     "completion_date"},
    {"CoreAssessments", "CoreAssessmentStartDate", ENT_CORE_ASSESSMENT, "start_date"},
    {"CoreAssessments", "CoreAssessmentCompletionDate", ENT_CORE_ASSESSMENT,
     "completion_date"},
};

const size_t census_items_count = sizeof census_items / sizeof census_items[0];
