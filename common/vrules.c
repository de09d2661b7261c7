/*
 * vrules.c — DfE's 2025-26 CIN census validation rules as data
 * (common/vrules.h): code, error or query, module, field, DfE's message
 * word for word (data/validation-rules.tsv), and what the pipeline does
 * with a failing record.  The validation (transform/) runs them: each
 * rule's SQL, the reference, is transform/validate_rules.c, in this
 * table's order (checked when the SQL rules start and by test_validate);
 * the C rules refer to them by their place here.  The statistics' summary
 * and the workbook's Validation sheet read this table alone.
 */
#include "common/vrules.h"

#include <string.h>

#define FLOWS "Flows on: the record counts in the measures as returned"
#define QUERY_ONLY "Flows on: a query to check; no measure changes"
#define NO_MEASURE "Flows on: no measure uses this item"
#define RETURN_LEVEL "Return-level check: no record changes"
#define CASCADE " and with it every record under it (T04): none of them counts in any measure"

const struct vrule vrules[] = {
    {"100", false, "Header", "ReferenceDate", "Reference Date is incorrect",
     "Flows on: the census year is taken from the reference date"},
    {"1103", false, "Assessments", "AssessmentActualStartDate",
     "The assessment start date cannot be before the referral date", FLOWS},
    {"1104", false, "CINdetails", "DateOfInitialCPC",
     "The date of the initial child protection conference cannot be before the referral date",
     FLOWS},
    {"1105", false, "ChildProtectionPlans", "CPPstartDate",
     "The child protection plan start date cannot be before the referral date", FLOWS},
    {"1510", false, "ChildIdentifiers", "UPN",
     "UPN invalid (wrong check letter at character 1)", NO_MEASURE},
    {"1520", false, "ChildIdentifiers", "UPN", "More than one record with the same UPN.",
     NO_MEASURE},
    {"1530", false, "ChildIdentifiers", "UPN",
     "UPN invalid (characters 2-4 not a recognised LA code)", NO_MEASURE},
    {"1540", false, "ChildIdentifiers", "UPN",
     "UPN invalid (characters 5-12 not all numeric)", NO_MEASURE},
    {"1550", false, "ChildIdentifiers", "UPN",
     "UPN invalid (character 13 not a recognised value)", NO_MEASURE},
    {"1560Q", true, "ChildIdentifiers", "FormerUPN",
     "Please check and either amend or provide a reason: Former UPN wrongly formatted",
     QUERY_ONLY},
    {"1570", false, "ChildIdentifiers", "LAchildID",
     "LA Child ID must not be longer than 20 characters",
     "Flows on (IDs up to 64 characters are kept; longer ones are rejected, T07)"},
    {"1580", false, "ChildIdentifiers", "LAchildID",
     "LA Child ID must not contain any non-alphanumeric characters",
     "Flows on (an ID with a control character is rejected, T07)"},
    {"2883", false, "CINdetails", "CPPstartDate",
     "There are more child protection plans starting than initial conferences taking place",
     "Flows on: plans count as started; icpc_to_cpp_pct counts only plans that start on a "
     "conference date"},
    {"2884", false, "CINdetails", "DateOfInitialCPC",
     "An initial child protection conference is recorded at both the S47 and CIN Details "
     "level and it should only be recorded in one",
     "Flows on: the conference is counted once (icpc)"},
    {"2885", false, "ChildProtectionPlans", "CPPstartDate",
     "Child protection plan shown as starting a different day to the initial child "
     "protection conference.",
     "Flows on: the plan counts as started, but not in icpc_to_cpp_pct"},
    {"2886Q", true, "ChildIdentifiers", "Sex",
     "Please check and either amend or provide a reason: Percentage of children with no sex "
     "recorded is more than 2% (excluding unborns)",
     RETURN_LEVEL},
    {"2887Q", true, "Disabilities", "Disability",
     "Please check and either amend or provide a reason: Less than 8 disability codes have "
     "been used in your return",
     RETURN_LEVEL},
    {"2888Q", true, "Disabilities", "Disability",
     "Please check and either amend or provide a reason: Only one disability code is "
     "recorded per child and multiple disabilities should be recorded where possible.",
     RETURN_LEVEL},
    {"2889", false, "Section47", "S47ActualStartDate",
     "The S47 start date cannot be before the referral date.", FLOWS},
    {"2990", false, "CINdetails", "ReasonForClosure",
     "Activity is recorded against a case marked as ‘Case closed after assessment, no "
     "further action’ or 'case closed after assessment, referred to early help'.",
     FLOWS},
    {"2991Q", true, "Section47", "S47ActualStartDate",
     "Please check and either amend data or provide a reason: A Section 47 module is recorded "
     "and there is no assessment on the episode",
     QUERY_ONLY},
    {"4000", false, "CINPlanDates", "CINPlanStartDate",
     "CIN Plan details provided for a referral with no further action", NO_MEASURE},
    {"4001", false, "CINPlanDates", "CINPlanEndDate",
     "A CIN Plan cannot run concurrently with a Child Protection Plan", NO_MEASURE},
    {"4003", false, "Reviews", "CPPreviewDate",
     "A CPP review date is shown as being held at the same time as an open CIN Plan.",
     FLOWS},
    {"4004", false, "CINPlanDates", "CINPlanEndDate",
     "This child is showing more than one open CIN Plan, i.e. with no End Date", NO_MEASURE},
    {"4008", false, "CINPlanDates", "CINPlanStartDate",
     "CIN Plan shown as starting after the child’s Date of Death.", NO_MEASURE},
    {"4009Q", true, "CINPlanDates", "CINPlanEndDate",
     "CIN Plan cannot end after the child’s Date of Death", QUERY_ONLY},
    {"4010", false, "CINPlanDates", "CINPlanStartDate",
     "CIN Plan start date is missing or out of data collection period",
     "Missing: rejected by the transform (T01); out of period: flows on (no measure uses "
     "CIN plans)"},
    {"4011", false, "CINPlanDates", "CINPlanEndDate", "CIN Plan End Date earlier than Start Date",
     "Rejected by the transform (T06); no measure uses CIN plans"},
    {"4012Q", true, "CINPlanDates", "CINPlanEndDate",
     "Please check and either amend or provide a reason: CIN Plan shown as starting and "
     "ending on the same day",
     QUERY_ONLY},
    {"4013", false, "CINPlanDates", "CINPlanEndDate",
     "CIN Plan end date must fall within the census year", NO_MEASURE},
    {"4014", false, "CINPlanDates", "CINPlanStartDate", "CIN Plan data contains overlapping dates",
     NO_MEASURE},
    {"4015", false, "CINPlanDates", "CINPlanStartDate",
     "The CIN Plan start date cannot be before the referral date", NO_MEASURE},
    {"4016", false, "CINPlanDates", "CINPlanStartDate",
     "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
     NO_MEASURE},
    {"4017", false, "CINPlanDates", "CINPlanEndDate",
     "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
     NO_MEASURE},
    {"4180", false, "ChildIdentifiers", "Sex", "Sex must be provided and equal M, F, or U",
     "Flows on with the sex left empty (T01/T03 no longer reject): left out of the gender breakdown only"},
    {"4220", false, "ChildCharacteristics", "Ethnicity",
     "Ethnicity is missing or invalid (see Ethnicity table)",
     "Flows on with the ethnicity left empty: counted as Not known in the ethnicity breakdown"},
    {"8500", false, "ChildIdentifiers", "LAchildID", "LA Child ID missing",
     "Rejected by the transform (T01): the record cannot be linked to anything"},
    {"8510", false, "ChildIdentifiers", "LAchildID",
     "More than one child record with the same LA Child ID",
     "The first record stands; later ones are rejected by the transform (T05)"},
    {"8520", false, "ChildIdentifiers", "PersonBirthDate",
     "Date of Birth is after data collection period (must be on or before the end of the "
     "census period)",
     FLOWS},
    {"8525Q", true, "ChildIdentifiers", "PersonBirthDate",
     "Either Date of Birth or Expected Date of Birth must be provided (but not both)",
     QUERY_ONLY},
    {"8530Q", true, "ChildIdentifiers", "ExpectedPersonBirthDate",
     "Please check and either amend data or provide a reason: Expected Date of Birth is "
     "outside the expected range for this census (March to December of the Census Year end)",
     QUERY_ONLY},
    {"8535Q", true, "ChildIdentifiers", "PersonDeathDate",
     "Please check and either amend data or provide a reason: Child’s date of death should "
     "not be prior to the date of birth",
     QUERY_ONLY},
    {"8540", false, "Disabilities", "Disability",
     "Child’s disability is missing or invalid (see Disability table)",
     "Flows on: an invalid list is left empty; no measure uses disabilities"},
    {"8545Q", true, "ChildIdentifiers", "PersonDeathDate",
     "Please check and either amend data or provide a reason: Child's date of death should be "
     "within the census year",
     QUERY_ONLY},
    {"8555Q", true, "CINdetails", "CINreferralDate",
     "Child cannot be referred after its recorded date of death", QUERY_ONLY},
    {"8565", false, "CINdetails", "CINclosureDate", "Activity shown after a case has been closed",
     FLOWS},
    {"8568", false, "CINdetails", "ReferralNFA", "RNFA flag is missing or invalid",
     "Flows on with the flag left empty; no measure uses it"},
    {"8569Q", true, "CINdetails", "ReferralNFA",
     "A case with referral date before one working day prior to the collection start date "
     "must not be flagged as a no further action case",
     QUERY_ONLY},
    {"8585Q", true, "CINdetails", "ReasonForClosure",
     "Please check and either amend or provide a reason: CIN episode shows Died as the "
     "Closure Reason, however child has no recorded Date of Death",
     QUERY_ONLY},
    {"8590", false, "Child", "CINdetails", "Child does not have a recorded CIN episode.",
     "Flows on: a child with no episode counts in no measure"},
    {"8600", false, "CINdetails", "CINreferralDate",
     "Child referral date missing or after data collection period",
     "Missing or not a date: rejected by the transform (T01, T02)" CASCADE "; after 31 "
     "March: flows on, counted in the year it falls in"},
    {"8606", false, "CINdetails", "CINreferralDate",
     "Child referral date is more than 40 weeks before DOB or expected DOB", FLOWS},
    {"8608", false, "Assessments", "AssessmentActualStartDate",
     "Assessment Start Date cannot be later than its End Date",
     "Rejected by the transform (T06): the assessment counts in no measure"},
    {"8610", false, "CINdetails", "PrimaryNeedCode",
     "Primary Need code is missing for a referral which led to further action.", NO_MEASURE},
    {"8614", false, "Assessments", "AssessmentFactors",
     "Parental or child factors at assessment should only be present for a completed "
     "assessment.",
     FLOWS},
    {"8615", false, "Section47", "S47ActualStartDate",
     "Section 47 Enquiry Start Date must be present and cannot be later than the date of the "
     "initial Child Protection Conference",
     "Rejected by the transform (T01 missing, T06 after the conference): counts in no measure"},
    {"8620", false, "CINdetails", "CINclosureDate",
     "CIN Closure Date present and does not fall within the Census year", FLOWS},
    {"8630", false, "CINdetails", "CINclosureDate",
     "CIN Closure Date is before CIN Referral Date for the same CIN episode",
     "Rejected by the transform (T06)" CASCADE},
    {"8640", false, "CINdetails", "ReasonForClosure",
     "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code "
     "set)",
     "Flows on with the reason left empty; no measure uses it"},
    {"8650", false, "CINdetails", "PrimaryNeedCode",
     "Primary Need Code invalid (see Primary Need table in CIN census code set)",
     "Flows on with the code left empty; no measure uses it"},
    {"8670Q", true, "Assessments", "AssessmentAuthorisationDate",
     "Please check and either amend data or provide a reason: Assessment started more than 45 "
     "working days before the end of the census year. However, there is no Assessment end "
     "date.",
     QUERY_ONLY},
    {"8675Q", true, "Section47", "DateOfInitialCPC",
     "Please check and either amend data or provide a reason: S47 Enquiry started more than "
     "15 working days before the end of the census year. However, there is no date of "
     "Initial Child Protection Conference.",
     QUERY_ONLY},
    {"8696", false, "Assessments", "AssessmentAuthorisationDate",
     "Assessment end date must fall within the census year",
     "Flows on: counted as completed in the period its date falls in"},
    {"8715", false, "Section47", "DateOfInitialCPC",
     "Date of Initial Child Protection Conference must fall within the census year",
     "Flows on: counted in the period its date falls in"},
    {"8720", false, "ChildProtectionPlans", "CPPstartDate",
     "Child Protection Plan Start Date missing or out of data collection period",
     "Missing: rejected by the transform (T01); after 31 March: flows on, counted in the "
     "period it falls in"},
    {"8730", false, "ChildProtectionPlans", "NumberOfPreviousCPP",
     "Total Number of previous Child Protection Plans missing",
     "Rejected by the transform (T01): the plan and its reviews count in no measure"},
    {"8736", false, "Assessments", "AssessmentActualStartDate",
     "For an Assessment that has not been completed, the start date must fall within the "
     "census year",
     FLOWS},
    {"8740", false, "Section47", "S47ActualStartDate",
     "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by "
     "the end of the census year, the start date must fall within the census year",
     FLOWS},
    {"8750", false, "ChildIdentifiers", "Sex", "Sex must equal U for an unborn child",
     "Flows on: counted by the sex returned"},
    {"8770Q", true, "ChildIdentifiers", "UPN",
     "Please check and either amend data or provide a reason: UPN is missing or reason UPN is "
     "missing or is UN1 for a child who is of school age.",
     QUERY_ONLY},
    {"8772", false, "ChildIdentifiers", "UPNunknown",
     "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN "
     "details is a referral going on to further action",
     NO_MEASURE},
    {"8775Q", true, "ChildIdentifiers", "PersonBirthDate",
     "Please check and either amend data or provide a reason: Child is over 25 years old",
     QUERY_ONLY},
    {"8790", false, "Disabilities", "Disability",
     "Disability information includes both None and other values", FLOWS},
    {"8794", false, "Disabilities", "Disability",
     "Child has two or more disabilities with the same code", FLOWS},
    {"8805", false, "CINdetails", "ReasonForClosure",
     "A CIN case cannot have a CIN closure date without a Reason for Closure", FLOWS},
    {"8810", false, "CINdetails", "CINclosureDate",
     "A CIN case cannot have a Reason for Closure without a CIN Closure Date",
     "Flows on: the episode is open"},
    {"8815", false, "CINdetails", "CINclosureDate",
     "More than one open CIN Details episode (a module with no CIN Closure Date) has been "
     "provided for this child and case is not a referral with no further action.",
     FLOWS},
    {"8816", false, "CINdetails", "CINclosureDate",
     "An open CIN episode is shown and case is not a referral with no further action, but it "
     "is not the latest episode.",
     FLOWS},
    {"8820", false, "CINdetails", "CINreferralDate",
     "The dates on the CIN episodes for this child overlap", FLOWS},
    {"8825Q", true, "CINdetails", "ReasonForClosure",
     "Please check and either amend data or provide a reason: Reason for Closure code RC8 "
     "(case closed after assessment) or RC9 (case closed after assessment, referred to early "
     "help) has been returned but there is no assessment present for the episode.",
     QUERY_ONLY},
    {"8831", false, "CINdetails", "ReferralNFA",
     "Activity is recorded against a case marked as a referral with no further action",
     FLOWS},
    {"8832", false, "CINdetails", "ReferralNFA",
     "Child Protection details provided for a referral with no further action.", FLOWS},
    {"8839", false, "Section47", "DateOfInitialCPC",
     "Within one CINDetails group there are 2 or more open S47 Assessments", FLOWS},
    {"8840", false, "ChildProtectionPlans", "CPPendDate",
     "Child Protection Plan cannot start and end on the same day", FLOWS},
    {"8841", false, "Reviews", "CPPreviewDate",
     "The review date cannot be on the same day or before the Child protection Plan start "
     "date.",
     "Flows on: NI67 judges the reviews as returned"},
    {"8842Q", true, "Reviews", "CPPreviewDate",
     "Please check and either amend or provide a reason: Review Record has a missing date",
     "Rejected by the transform (T01): NI67 judges the plan without it"},
    {"8863Q", true, "Assessments", "AssessmentActualStartDate",
     "An Assessment is shown as starting when there is another Assessment ongoing.",
     QUERY_ONLY},
    {"8866", false, "CINdetails", "ReferralSource",
     "Source of Referral is missing or an invalid code",
     "Flows on with the source left empty; no measure uses it"},
    {"8867", false, "Assessments", "AssessmentAuthorisationDate",
     "CIN episode is shown as closed, however Assessment is not shown as completed", FLOWS},
    {"8868", false, "Section47", "DateOfInitialCPC",
     "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed "
     "by ICPC date or ICPC not required flag",
     FLOWS},
    {"8869", false, "Assessments", "AssessmentFactors",
     "The assessment factors code “21” cannot be used in conjunction with any other "
     "assessment factors.",
     FLOWS},
    {"8870Q", true, "Section47", "InitialCPCtarget",
     "Please check and either amend or provide a reason: The Target Date for Initial Child "
     "Protection Conference should not be a weekend",
     QUERY_ONLY},
    {"8873Q", true, "CINdetails", "ReasonForClosure",
     "Please check and either amend data or provide a reason: When there is only one "
     "assessment on the episode and the factors code “21 No factors identified” has been "
     "used for the completed assessment, the reason for closure ‘RC8’ or 'RC9' should be "
     "used.",
     QUERY_ONLY},
    {"8875", false, "Section47", "DateOfInitialCPC",
     "The Date of Initial Child Protection Conference cannot be a weekend", FLOWS},
    {"8890", false, "Section47", "S47ActualStartDate",
     "A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry "
     "ongoing",
     FLOWS},
    {"8896", false, "Assessments", "AssessmentAuthorisationDate",
     "Within one CINDetails group there are 2 or more open Assessments groups", FLOWS},
    {"8897Q", true, "Assessments", "AssessmentFactors",
     "Parental or child factors at assessment information is missing from a completed "
     "assessment",
     QUERY_ONLY},
    {"8898", false, "Assessments", "AssessmentFactors",
     " The assessment has more than one parental or child factors with the same code", FLOWS},
    {"8905", false, "ChildProtectionPlans", "InitialCategoryOfAbuse",
     "Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN "
     "Census code set)",
     "Flows on with the category left empty; no measure uses the initial category"},
    {"8910", false, "ChildProtectionPlans", "LatestCategoryOfAbuse",
     "Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN "
     "Census code set)",
     "Flows on with the category left empty: left out of the category breakdown only"},
    {"8915", false, "ChildProtectionPlans", "CPPstartDate",
     "Child Protection Plan shown as starting after the child’s Date of Death", FLOWS},
    {"8920", false, "ChildProtectionPlans", "CPPendDate",
     "Child Protection Plan cannot end after the child’s Date of Death", FLOWS},
    {"8925", false, "ChildProtectionPlans", "CPPendDate",
     "Child Protection Plan End Date earlier than Start Date",
     "Rejected by the transform (T06): the plan and its reviews count in no measure"},
    {"8930", false, "ChildProtectionPlans", "CPPendDate",
     "Child Protection Plan End Date must fall within the census year",
     "Flows on: counted as ended in the period its date falls in"},
    {"8935", false, "ChildProtectionPlans", "CPPendDate",
     "This child is showing more than one open Child Protection plan, i.e. with no End Date",
     "Flows on: cpp_open counts the child once"},
    {"8940", false, "ChildProtectionPlans", "CPPstartDate",
     "Child Protection Plan data contains overlapping dates",
     "Flows on: cpp_open counts the child once"},
    {"8945Q", true, "Assessments", "AssessmentFactors",
     "Please check and either amend data or provide a reason: the assessment factors code "
     "'18A' should not be used ('18B' or '18C' should be used instead)",
     QUERY_ONLY},
    {"8950Q", true, "Assessments", "AssessmentFactors",
     "Please check and either amend data or provide a reason: the assessment factors code "
     "'19A' should not be used ('19B' or '19C' should be used instead)",
     QUERY_ONLY},
};

const size_t vrules_count = sizeof vrules / sizeof vrules[0];

const struct vrule *vrule_find(const char *code)
{
    for (size_t i = 0; i < vrules_count; i++)
        if (!strcmp(vrules[i].code, code))
            return &vrules[i];
    return NULL;
}
