/*
 * measure_defs.c — every measure's name, title and definition, the text the
 * workbook's Definitions sheet and the narrative use.  The computations are in
 * stats/ (flow.c, cpp.c); a measure added there is added here.
 */
#include "measure_defs.h"

#include <string.h>

const struct measure_def measure_defs[] = {
    {"referrals", "Referrals",
     "CIN episodes with a referral date (CINreferralDate) in the period.", false, false,
     "there were %s referrals"},
    {"re_referrals", "Re-referrals",
     "Referrals in the period of a child who had another referral in the 12 calendar months "
     "before it (on or after the date 12 months earlier, before the referral date); referrals "
     "held from earlier census years count.", false, false,
     "there were %s re-referrals"},
    {"re_referral_pct", "% re-referrals", "Re-referrals as a percentage of referrals.", true, false,
     "%s%% of referrals were re-referrals within 12 months of an earlier one"},
    {"referral_rate", "Referrals per 10,000 children",
     "Referrals per 10,000 children aged 0-17 (ONS mid-year estimate for the middle of the "
     "year before the census year ends).", true, false,
     "there were %s referrals per 10,000 children"},
    {"referral_assessed_pct", "% referrals assessed",
     "Referrals in the period whose CIN episode has at least one assessment returned, as a "
     "percentage of referrals in the period (the report's \"% referrals to assessment\"; an "
     "addition to DESIGN.md).", true, false,
     "%s%% of referrals went on to an assessment"},
    {"assessments_completed", "Assessments completed",
     "Assessments with an authorisation (completion) date in the period.", false, false,
     "%s assessments were completed"},
    {"assessment_timely_pct", "% assessments within 45 working days",
     "Of assessments completed in the period, the percentage authorised within 45 working days "
     "of their start (working days after the start up to and including the authorisation).",
     true, false,
     "%s%% of assessments were completed within 45 working days"},
    {"initial_assessments", "Initial assessments completed",
     "2010-13 era: initial assessments with a completion date in the period; empty when no "
     "initial assessments are held.", false, false, "%s initial assessments were completed"},
    {"initial_assessment_timely_pct", "% initial assessments within 7 or 10 working days",
     "2010-13 era: of initial assessments completed in the period, the percentage completed "
     "within 7 working days of their start (10 from the 2010-11 census year on: periods ending "
     "after 31 March 2010).", true, false,
     "%s%% of initial assessments were completed in time"},
    {"core_assessments", "Core assessments completed",
     "2010-13 era: core assessments with a completion date in the period; empty when no core "
     "assessments are held.", false, false, "%s core assessments were completed"},
    {"core_assessment_timely_pct", "% core assessments within 35 working days",
     "2010-13 era: of core assessments completed in the period, the percentage completed "
     "within 35 working days of their start.", true, false,
     "%s%% of core assessments were completed within 35 working days"},
    {"strategy_discussions", "Strategy discussions",
     "Strategy discussions held in the period, from the local strategy discussion extract "
     "(the census does not hold them); empty when no extract was loaded.", false, false,
     "%s strategy discussions were held"},
    {"strategy_to_s47", "Strategy discussions leading to S47",
     "Strategy discussions held in the period whose outcome is S47 (a section 47 enquiry); "
     "empty when no extract was loaded.", false, false,
     "%s strategy discussions led to a section 47 enquiry"},
    {"s47_started", "Section 47 enquiries started",
     "Section 47 enquiries with a start date (S47ActualStartDate) in the period.", false, false,
     "%s section 47 enquiries were started"},
    {"s47_to_icpc_pct", "% section 47 enquiries leading to a conference",
     "Section 47 enquiries started in the period whose initial conference has been held (a "
     "DateOfInitialCPC returned in the Section47 module), as a percentage of section 47 "
     "enquiries started in the period (an addition to DESIGN.md for table 4.65).", true, false,
     "%s%% of section 47 enquiries led to an initial child protection conference"},
    {"s47_rate", "Section 47 enquiries per 10,000 children",
     "Section 47 enquiries started in the period per 10,000 children aged 0-17.", true, false,
     "there were %s section 47 enquiries per 10,000 children"},
    {"icpc", "Initial child protection conferences",
     "Initial child protection conferences held in the period: a DateOfInitialCPC returned in "
     "a Section47 module or at CINdetails level, each child and date counted once.", false, false,
     "%s initial child protection conferences were held"},
    {"icpc_within_15wd_pct", "% conferences within 15 working days",
     "Of conferences held in the period that follow a returned section 47 enquiry, the "
     "percentage held 15 working days or fewer after the enquiry started (a same-day "
     "conference is 0). Conferences with no section 47 start returned are left out.", true, false,
     "%s%% of initial conferences were held within 15 working days of the section 47 enquiry starting"},
    {"icpc_to_cpp_pct", "% conferences leading to a plan",
     "Of conferences held in the period, the percentage followed by a child protection plan "
     "for the same child starting on the conference date.", true, false,
     "%s%% of initial conferences led to a child protection plan"},
    {"icpc_rate", "Initial conferences per 10,000 children",
     "Initial child protection conferences held in the period per 10,000 children aged 0-17.",
     true, false, "there were %s initial child protection conferences per 10,000 children"},
    {"cpp_open", "Children subject to a child protection plan",
     "Children with a child protection plan open on the period end date: plan start date on "
     "or before that date and no end date, or an end date after it. A child with two plans "
     "counts once. Breakdowns: latest category of abuse; time on the plan at that date "
     "(0-3m: up to 3 months; 3-6m: over 3 up to 6 months; 6-12m: over 6, under 12 months; "
     "12-24m: 12 months, under 24; 24m+: 24 months or more, months added with month-end "
     "clamping); age in completed years; gender as returned; ethnic group.", false, true,
     "there were %s children subject to a child protection plan"},
    {"cpp_rate", "Children on a plan per 10,000",
     "Children subject to a plan on the period end date per 10,000 children aged 0-17.", true, true,
     "there were %s children subject to a plan per 10,000 children"},
    {"cpp_started", "Child protection plans started",
     "Child protection plans with a start date in the period (plans, not children).", false, false,
     "%s child protection plans were started"},
    {"cpp_started_rate", "Plans started per 10,000 children",
     "Child protection plans started in the period per 10,000 children aged 0-17.", true,
     false, "%s child protection plans were started per 10,000 children"},
    {"cpp_ended", "Child protection plans ended",
     "Child protection plans with an end date in the period (plans, not children).", false, false,
     "%s child protection plans ended"},
    {"cpp_change", "Change in plans",
     "Plans started minus plans ended in the period (an addition to DESIGN.md for table "
     "4.63).", false, false,
     "plans started outnumbered plans ended by %s"},
    {"cpp_second_or_subsequent_pct", "% second or subsequent plans (NI65)",
     "Of plans started in the period, the percentage where the child had a plan before: "
     "NumberOfPreviousCPP above 0, or an earlier plan of the child held in the warehouse. "
     "The numerator is the number of such repeat plans.", true, false,
     "%s%% of new plans were for a child who had been on a plan before (NI65)"},
    {"cpp_repeat_within_12m", "Repeat plans within 12 months",
     "Plans started in the period within 12 months of the end of the child's previous plan "
     "(start on or before the previous end date plus 12 months).", false, false,
     "%s new plans began within 12 months of the child's previous plan ending"},
    {"cpp_repeat_within_12m_pct", "% repeat plans within 12 months of the previous",
     "Repeat plans within 12 months as a percentage of second or subsequent plans started in "
     "the period (an addition to DESIGN.md for table 4.67 of the 2011-12 report).", true, false,
     "%s%% of repeat plans began within 12 months of the previous plan ending"},
    {"cpp_ended_2y_plus_pct", "% plans ended after 2 years or more (NI64)",
     "Of plans ended in the period, the percentage that lasted 2 years or more: end date "
     "minus start date plus 1 is 730 days or more.", true, false,
     "%s%% of the plans that ended had lasted two years or more (NI64)"},
    {"cpp_reviewed_in_time_pct", "% plans reviewed in time (NI67)",
     "Of children with a plan open on the period end date that started at least 3 months "
     "before it, the percentage whose every review due by then was on time: the first by "
     "the start date plus 3 months, each next by the previous review plus 6 months.", true, true,
     "%s%% of children on a plan for three months or more had had every review on time (NI67)"},
};
const size_t measure_defs_count = sizeof measure_defs / sizeof measure_defs[0];

const struct measure_def *measure_def_find(const char *name)
{
    for (size_t i = 0; i < measure_defs_count; i++)
        if (!strcmp(measure_defs[i].name, name))
            return &measure_defs[i];
    return NULL;
}

