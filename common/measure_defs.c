/*
 * measure_defs.c — the measure registry (measure_defs.h): every measure's
 * name, title, definition, unit, snapshot or flow, polarity, narrative
 * sentence, how it stands to other rows, and what the benchmark sheets,
 * funnel plots and NI summary say of it.  The computations are in stats/
 * (flow.c, cpp.c, cpr3.c).
 */
#include "common/measure_defs.h"

#include <string.h>

#include "common/text.h"

const struct measure_def measure_defs[] = {
    {.name = "referrals",
     .title = "Referrals",
     .definition = "CIN episodes with a referral date (CINreferralDate) in the period.",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'n',
     .polarity_why = "a count: more or fewer is not better in itself",
     .sentence = "there were %s referrals",
     .short_title = "Referrals",
     .compared_as = "referral_rate"},
    {.name = "re_referrals",
     .title = "Re-referrals",
     .definition = "Referrals in the period of a child who had another referral in the 12 "
                  "calendar months before it (on or after the date 12 months earlier, "
                  "before the referral date); referrals held from earlier census years "
                  "count.",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'l',
     .polarity_why = "fewer children coming back",
     .sentence = "there were %s re-referrals",
     .short_title = "Re-referrals"},
    {.name = "re_referral_pct",
     .title = "% re-referrals",
     .definition = "Re-referrals as a percentage of referrals.",
     .unit = MU_PCT, .snapshot = false, .polarity = 'l',
     .polarity_why = "DfE and LAIT: lower is better",
     .num_of = "re_referrals", .den_of = "referrals",
     .sentence = "%s%% of referrals were re-referrals within 12 months of an earlier one",
     .short_title = "Re-referrals %",
     .den_title = "Referrals in the year"},
    {.name = "referral_rate",
     .title = "Referrals per 10,000 children",
     .definition = "Referrals per 10,000 children aged 0-17 (ONS mid-year estimate for the "
                  "middle of the year before the census year ends).",
     .unit = MU_RATE, .snapshot = false, .polarity = 'n',
     .polarity_why = "demand and thresholds differ: neither end is better",
     .num_of = "referrals",
     .sentence = "there were %s referrals per 10,000 children",
     .short_title = "Referral rate"},
    {.name = "referral_assessed_pct",
     .title = "% referrals assessed",
     .definition = "Referrals in the period whose CIN episode has at least one assessment "
                  "returned, as a percentage of referrals in the period (the report's \"% "
                  "referrals to assessment\"; an addition to DESIGN.md).",
     .unit = MU_PCT, .snapshot = false, .polarity = 'n',
     .den_of = "referrals",
     .sentence = "%s%% of referrals went on to an assessment",
     .short_title = "Referrals to assessment %",
     .den_title = "Referrals"},
    {.name = "assessments_completed",
     .title = "Assessments completed",
     .definition = "Assessments with an authorisation (completion) date in the period.",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'n',
     .sentence = "%s assessments were completed",
     .short_title = "Assessments"},
    {.name = "assessment_timely_pct",
     .title = "% assessments within 45 working days",
     .definition = "Of assessments completed in the period, the percentage authorised within "
                  "45 working days of their start (working days after the start up to and "
                  "including the authorisation).",
     .unit = MU_PCT, .snapshot = false, .polarity = 'h',
     .polarity_why = "more assessments on time",
     .sentence = "%s%% of assessments were completed within 45 working days",
     .short_title = "Assessments in 45 days %",
     .den_title = "Assessments completed"},
    {.name = "initial_assessments",
     .title = "Initial assessments completed",
     .definition = "2010-13 era: initial assessments with a completion date in the period; "
                  "empty when no initial assessments are held.",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'n',
     .sentence = "%s initial assessments were completed",
     .short_title = "Initial assessments",
     .replaced_by = "assessments completed (single assessments)"},
    {.name = "initial_assessment_timely_pct",
     .title = "% initial assessments within 7 or 10 working days",
     .definition = "2010-13 era: of initial assessments completed in the period, the "
                  "percentage completed within 7 working days of their start (10 from the "
                  "2010-11 census year on: periods ending after 31 March 2010).",
     .unit = MU_PCT, .snapshot = false, .polarity = 'h',
     .polarity_why = "NI59: more initial assessments in time",
     .sentence = "%s%% of initial assessments were completed in time",
     .short_title = "Initial assessments in time %",
     .replaced_by = "% assessments within 45 working days (single assessments)",
     .den_title = "Initial assessments completed"},
    {.name = "core_assessments",
     .title = "Core assessments completed",
     .definition = "2010-13 era: core assessments with a completion date in the period; "
                  "empty when no core assessments are held.",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'n',
     .sentence = "%s core assessments were completed",
     .short_title = "Core assessments",
     .replaced_by = "assessments completed (single assessments)",
     .compared_as = "core_assessment_rate"},
    {.name = "core_assessment_timely_pct",
     .title = "% core assessments within 35 working days",
     .definition = "2010-13 era: of core assessments completed in the period, the percentage "
                  "completed within 35 working days of their start.",
     .unit = MU_PCT, .snapshot = false, .polarity = 'h',
     .polarity_why = "more core assessments within 35 working days",
     .sentence = "%s%% of core assessments were completed within 35 working days",
     .short_title = "Core assessments 35 days %",
     .replaced_by = "% assessments within 45 working days (single assessments)",
     .den_title = "Core assessments completed"},
    {.name = "strategy_discussions",
     .title = "Strategy discussions",
     .definition = "Strategy discussions held in the period, from the local strategy "
                  "discussion extract (the census does not hold them); empty when no "
                  "extract was loaded.",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'n',
     .sentence = "%s strategy discussions were held"},
    {.name = "strategy_to_s47",
     .title = "Strategy discussions leading to S47",
     .definition = "Strategy discussions held in the period whose outcome is S47 (a section "
                  "47 enquiry); empty when no extract was loaded.",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'n',
     .sentence = "%s strategy discussions led to a section 47 enquiry"},
    {.name = "s47_started",
     .title = "Section 47 enquiries started",
     .definition = "Section 47 enquiries with a start date (S47ActualStartDate) in the "
                  "period.",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'n',
     .sentence = "%s section 47 enquiries were started",
     .short_title = "S47 enquiries",
     .compared_as = "s47_rate"},
    {.name = "s47_to_icpc_pct",
     .title = "% section 47 enquiries leading to a conference",
     .definition = "Section 47 enquiries started in the period whose initial conference has "
                  "been held (a DateOfInitialCPC returned in the Section47 module), as a "
                  "percentage of section 47 enquiries started in the period (an addition to "
                  "DESIGN.md for table 4.65).",
     .unit = MU_PCT, .snapshot = false, .polarity = 'n',
     .den_of = "s47_started",
     .sentence = "%s%% of section 47 enquiries led to an initial child protection "
                 "conference",
     .den_title = "Section 47 enquiries"},
    {.name = "s47_rate",
     .title = "Section 47 enquiries per 10,000 children",
     .definition = "Section 47 enquiries started in the period per 10,000 children aged "
                  "0-17.",
     .unit = MU_RATE, .snapshot = false, .polarity = 'n',
     .num_of = "s47_started",
     .sentence = "there were %s section 47 enquiries per 10,000 children",
     .short_title = "S47 rate"},
    {.name = "icpc",
     .title = "Initial child protection conferences",
     .definition = "Initial child protection conferences held in the period: a "
                  "DateOfInitialCPC returned in a Section47 module or at CINdetails level, "
                  "each child and date counted once.",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'n',
     .sentence = "%s initial child protection conferences were held",
     .short_title = "ICPCs",
     .compared_as = "icpc_rate"},
    {.name = "icpc_within_15wd_pct",
     .title = "% conferences within 15 working days",
     .definition = "Of conferences held in the period that follow a returned section 47 "
                  "enquiry, the percentage held 15 working days or fewer after the enquiry "
                  "started (a same-day conference is 0). Conferences with no section 47 "
                  "start returned are left out.",
     .unit = MU_PCT, .snapshot = false, .polarity = 'h',
     .polarity_why = "more conferences on time",
     .sentence = "%s%% of initial conferences were held within 15 working days of the "
                 "section 47 enquiry starting",
     .short_title = "ICPC within 15 days %",
     .den_title = "Initial child protection conferences"},
    {.name = "icpc_to_cpp_pct",
     .title = "% conferences leading to a plan",
     .definition = "Of conferences held in the period, the percentage followed by a child "
                  "protection plan for the same child starting on the conference date.",
     .unit = MU_PCT, .snapshot = false, .polarity = 'n',
     .den_of = "icpc",
     .sentence = "%s%% of initial conferences led to a child protection plan",
     .den_title = "Initial child protection conferences"},
    {.name = "icpc_rate",
     .title = "Initial conferences per 10,000 children",
     .definition = "Initial child protection conferences held in the period per 10,000 "
                  "children aged 0-17.",
     .unit = MU_RATE, .snapshot = false, .polarity = 'n',
     .num_of = "icpc",
     .sentence = "there were %s initial child protection conferences per 10,000 children",
     .short_title = "ICPC rate"},
    {.name = "cpp_open",
     .title = "Children subject to a child protection plan",
     .definition = "Children with a child protection plan open on the period end date: plan "
                  "start date on or before that date and no end date, or an end date after "
                  "it. A child with two plans counts once. Breakdowns: latest category of "
                  "abuse; time on the plan at that date (0-3m: up to 3 months; 3-6m: over 3 "
                  "up to 6 months; 6-12m: over 6, under 12 months; 12-24m: 12 months, under "
                  "24; 24m+: 24 months or more, months added with month-end clamping); age "
                  "in completed years; gender as returned; ethnic group.",
     .unit = MU_COUNT, .snapshot = true, .polarity = 'n',
     .inflow = "cpp_started", .outflow = "cpp_ended", .breakdowns = true,
     .sentence = "there were %s children subject to a child protection plan",
     .short_title = "Children on plans",
     .compared_as = "cpp_rate"},
    {.name = "cpp_rate",
     .title = "Children on a plan per 10,000",
     .definition = "Children subject to a plan on the period end date per 10,000 children "
                  "aged 0-17.",
     .unit = MU_RATE, .snapshot = true, .polarity = 'n',
     .num_of = "cpp_open",
     .sentence = "there were %s children subject to a plan per 10,000 children",
     .short_title = "Plan rate"},
    {.name = "cpp_started",
     .title = "Child protection plans started",
     .definition = "Child protection plans with a start date in the period (plans, not "
                  "children).",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'n',
     .sentence = "%s child protection plans were started",
     .short_title = "Plans started",
     .compared_as = "cpp_started_rate"},
    {.name = "cpp_started_rate",
     .title = "Plans started per 10,000 children",
     .definition = "Child protection plans started in the period per 10,000 children aged "
                  "0-17.",
     .unit = MU_RATE, .snapshot = false, .polarity = 'n',
     .num_of = "cpp_started",
     .sentence = "%s child protection plans were started per 10,000 children",
     .short_title = "Plans started rate"},
    {.name = "cpp_ended",
     .title = "Child protection plans ended",
     .definition = "Child protection plans with an end date in the period (plans, not "
                  "children).",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'n',
     .sentence = "%s child protection plans ended",
     .short_title = "Plans ended",
     .compared_as = "cpp_ended_rate"},
    {.name = "cpp_ended_rate",
     .title = "Plans ended per 10,000 children",
     .definition = "Child protection plans ended in the period per 10,000 children aged "
                   "0-17.",
     .unit = MU_RATE, .snapshot = false, .polarity = 'n',
     .sentence = "%s child protection plans ended per 10,000 children",
     .short_title = "Plans ended rate"},
    {.name = "cpp_change",
     .title = "Change in plans",
     .definition = "Plans started minus plans ended in the period (an addition to DESIGN.md "
                  "for table 4.63).",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'n',
     .diff_of = {"cpp_started", "cpp_ended"},
     .sentence = "plans started outnumbered plans ended by %s"},
    {.name = "cpp_second_or_subsequent_pct",
     .title = "% second or subsequent plans (NI65)",
     .definition = "Of plans started in the period, the percentage where the child had a "
                  "plan before: NumberOfPreviousCPP above 0, or an earlier plan of the "
                  "child held in the warehouse. The numerator is the number of such repeat "
                  "plans.",
     .unit = MU_PCT, .snapshot = false, .polarity = 'l',
     .polarity_why = "NI65: fewer repeat plans (the 2011-12 report's good range is 10-15)",
     .den_of = "cpp_started",
     .sentence = "%s%% of new plans were for a child who had been on a plan before (NI65)",
     .short_title = "Repeat plans % (NI65)",
     .den_title = "Plans started in the year",
     .ni = "NI65",
     .ni_definition = "% of children who became the subject of a CPP at any time during the "
                      "year, who had previously been the subject of a CPP",
     .ni_good = "10 < 15 good performance"},
    {.name = "cpp_repeat_within_12m",
     .title = "Repeat plans within 12 months",
     .definition = "Plans started in the period within 12 months of the end of the child's "
                  "previous plan (start on or before the previous end date plus 12 months).",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'l',
     .sentence = "%s new plans began within 12 months of the child's previous plan ending"},
    {.name = "cpp_repeat_within_12m_pct",
     .title = "% repeat plans within 12 months of the previous",
     .definition = "Repeat plans within 12 months as a percentage of second or subsequent "
                  "plans started in the period (an addition to DESIGN.md for table 4.67 of "
                  "the 2011-12 report).",
     .unit = MU_PCT, .snapshot = false, .polarity = 'l',
     .num_of = "cpp_repeat_within_12m", .den_of = "cpp_second_or_subsequent_pct#num",
     .sentence = "%s%% of repeat plans began within 12 months of the previous plan ending"},
    {.name = "cpp_ended_2y_plus_pct",
     .title = "% plans ended after 2 years or more (NI64)",
     .definition = "Of plans ended in the period, the percentage that lasted 2 years or "
                  "more: end date minus start date plus 1 is 730 days or more.",
     .unit = MU_PCT, .snapshot = false, .polarity = 'l',
     .polarity_why = "NI64: fewer long plans",
     .den_of = "cpp_ended",
     .sentence = "%s%% of the plans that ended had lasted two years or more (NI64)",
     .short_title = "Ended after 2y+ % (NI64)",
     .den_title = "Plans ended",
     .den_rate = "cpp_ended_rate",
     .ni = "NI64",
     .ni_definition = "% of children ceasing to be the subject of a CPP during the year ending "
                      "31 March, who had been the subject of a CPP continuously for two years "
                      "or longer",
     .ni_good = "Typified by a lower percentage"},
    {.name = "cpp_reviewed_in_time_pct",
     .title = "% plans reviewed in time (NI67)",
     .definition = "Of children with a plan open on the period end date that started at "
                  "least 3 months before it, the percentage whose every review due by then "
                  "was on time: the first by the start date plus 3 months, each next by the "
                  "previous review plus 6 months.",
     .unit = MU_PCT, .snapshot = true, .polarity = 'h',
     .polarity_why = "NI67: more reviews on time",
     .sentence = "%s%% of children on a plan for three months or more had had every review "
                 "on time (NI67)",
     .short_title = "Reviews in time % (NI67)",
     .den_title = "Children on a plan for 3 months or more at 31 March",
     .ni = "NI67",
     .ni_definition = "% of children with a CPP at 31 March who at that date had had a Plan "
                      "continuously for at least the previous 3 months, whose case was "
                      "reviewed within the required timescales",
     .ni_good = "100%"},
    /* Benchmark-only measures (benchmark_only): the published tables hold
     * them and lscb-stats derives the authority's own figure from the rows
     * above (stats.c, own_derived) for the benchmark sheets; they are not
     * rows of measures.csv. */
    {.name = "core_assessment_rate",
     .title = "Core assessments per 10,000 children",
     .definition = "2010-14 era: core assessments completed in the year per 10,000 children "
                  "aged 0-17 (published tables; the 2011-12 report's 4.74).",
     .unit = MU_RATE, .snapshot = false, .polarity = 'n', .benchmark_only = true,
     .sentence = "there were %s core assessments per 10,000 children",
     .short_title = "Core assessment rate",
     .replaced_by = "assessments completed (single assessments)"},
    {.name = "cpp_first_time",
     .title = "Children starting a plan for the first time",
     .definition = "Plans started in the year less second or subsequent plans (the 2011-12 "
                  "report's \"1st time registered\").",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'n', .benchmark_only = true,
     .sentence = "%s children started a plan for the first time",
     .short_title = "First-time plans"},
    {.name = "cpp_ended_2y_plus",
     .title = "Plans ended after 2 years or more",
     .definition = "Plans ended in the year that had lasted 2 years or more (the numerator "
                  "of NI64).",
     .unit = MU_COUNT, .snapshot = false, .polarity = 'n', .benchmark_only = true,
     .polarity_why = "a count",
     .sentence = "%s plans that ended had lasted two years or more",
     .short_title = "Ended after 2y+",
     .compared_as = "cpp_ended_2y_plus_pct"},
    {.name = "cpp_cat_neg_pct",
     .title = "% of plans at 31 March: neglect",
     .definition = "Children on a plan at 31 March whose latest category of abuse is "
                  "neglect, as a percentage of children on a plan.",
     .unit = MU_PCT, .snapshot = true, .polarity = 'n', .benchmark_only = true,
     .sentence = "%s%% of plans were for neglect",
     .short_title = "Plans - neglect %",
     .den_title = "Children on a plan at 31 March"},
    {.name = "cpp_cat_phy_pct",
     .title = "% of plans at 31 March: physical abuse",
     .definition = "As for neglect, latest category physical abuse.",
     .unit = MU_PCT, .snapshot = true, .polarity = 'n', .benchmark_only = true,
     .sentence = "%s%% of plans were for physical abuse",
     .short_title = "Plans - physical abuse %",
     .den_title = "Children on a plan at 31 March"},
    {.name = "cpp_cat_sab_pct",
     .title = "% of plans at 31 March: sexual abuse",
     .definition = "As for neglect, latest category sexual abuse.",
     .unit = MU_PCT, .snapshot = true, .polarity = 'n', .benchmark_only = true,
     .sentence = "%s%% of plans were for sexual abuse",
     .short_title = "Plans - sexual abuse %",
     .den_title = "Children on a plan at 31 March"},
    {.name = "cpp_cat_emo_pct",
     .title = "% of plans at 31 March: emotional abuse",
     .definition = "As for neglect, latest category emotional abuse.",
     .unit = MU_PCT, .snapshot = true, .polarity = 'n', .benchmark_only = true,
     .sentence = "%s%% of plans were for emotional abuse",
     .short_title = "Plans - emotional abuse %",
     .den_title = "Children on a plan at 31 March"},
    {.name = "cpp_cat_mul_pct",
     .title = "% of plans at 31 March: multiple categories",
     .definition = "As for neglect, latest category multiple.",
     .unit = MU_PCT, .snapshot = true, .polarity = 'n', .benchmark_only = true,
     .sentence = "%s%% of plans were under multiple categories",
     .short_title = "Plans - multiple %",
     .den_title = "Children on a plan at 31 March"},
};
const size_t measure_defs_count = sizeof measure_defs / sizeof measure_defs[0];

const struct measure_def *measure_def_find(const char *name)
{
    for (size_t i = 0; i < measure_defs_count; i++)
        if (!strcmp(measure_defs[i].name, name))
            return &measure_defs[i];
    return NULL;
}


const struct measure_def *measure_def_breakdowns(void)
{
    for (size_t i = 0; i < measure_defs_count; i++)
        if (measure_defs[i].breakdowns)
            return &measure_defs[i];
    return &measure_defs[0]; /* not reached: measure_defs_check requires one */
}

static const struct measure_def *find_in(const struct measure_def *defs, size_t n,
                                         const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(defs[i].name, name))
            return &defs[i];
    return NULL;
}

/* name names a count row, or (hash allowed) "M#num" of a percentage row */
static bool names_count(const struct measure_def *defs, size_t n, const char *name, bool hash)
{
    const char *h = strchr(name, '#');
    if (h) {
        char base[64];
        if (!hash || strcmp(h, "#num") || (size_t)(h - name) >= sizeof base)
            return false;
        memcpy(base, name, (size_t)(h - name));
        base[h - name] = '\0';
        const struct measure_def *md = find_in(defs, n, base);
        return md && md->unit == MU_PCT;
    }
    const struct measure_def *md = find_in(defs, n, name);
    return md && md->unit == MU_COUNT;
}

bool measure_defs_check_table(const struct measure_def *defs, size_t n, char *msg, size_t cap)
{
    int nbreak = 0;
    for (size_t i = 0; i < n; i++) {
        const struct measure_def *md = &defs[i];
        if (strlen(md->name) > MEASURE_NAME_MAX || strlen(md->title) > MEASURE_TITLE_MAX) {
            text_fmt_cut(msg, cap, "%s: name longer than %d or title longer than %d characters",
                         md->name, MEASURE_NAME_MAX, MEASURE_TITLE_MAX);
            return false;
        }
        if (find_in(defs, i, md->name)) {
            text_fmt_cut(msg, cap, "%s: two rows", md->name);
            return false;
        }
        const char *refs[6] = {md->num_of, md->den_of, md->diff_of[0], md->diff_of[1],
                               md->inflow, md->outflow};
        static const char *const what[6] = {"num_of", "den_of", "diff_of", "diff_of",
                                            "inflow", "outflow"};
        for (int k = 0; k < 6; k++)
            if (refs[k] && !names_count(defs, n, refs[k], k == 1)) {
                text_fmt_cut(msg, cap, "%s: %s '%s' is not a count of the registry", md->name,
                             what[k], refs[k]);
                return false;
            }
        if ((md->num_of && md->unit == MU_COUNT) || (md->den_of && md->unit != MU_PCT) ||
            ((md->diff_of[0] || md->inflow || md->breakdowns) && md->unit != MU_COUNT) ||
            (!md->diff_of[0] != !md->diff_of[1]) || (!md->inflow != !md->outflow) ||
            (md->inflow && !md->snapshot)) {
            text_fmt_cut(msg, cap, "%s: its fields do not fit its unit", md->name);
            return false;
        }
        const struct measure_def *ca = md->compared_as ? find_in(defs, n, md->compared_as)
                                                       : NULL;
        if (md->compared_as && (!ca || ca->unit == MU_COUNT || md->unit != MU_COUNT)) {
            text_fmt_cut(msg, cap, "%s: compared_as '%s' is not a rate or percentage of the "
                         "registry, or %s is not a count", md->name, md->compared_as, md->name);
            return false;
        }
        const struct measure_def *dr = md->den_rate ? find_in(defs, n, md->den_rate) : NULL;
        if (md->den_rate && (!dr || dr->unit != MU_RATE || md->unit != MU_PCT)) {
            text_fmt_cut(msg, cap, "%s: den_rate '%s' is not a rate of the registry, or %s is "
                         "not a percentage", md->name, md->den_rate, md->name);
            return false;
        }
        if ((md->short_title && strlen(md->short_title) > MEASURE_SHORT_MAX) ||
            (md->den_title && md->unit != MU_PCT) ||
            (!md->ni != !md->ni_definition || !md->ni != !md->ni_good)) {
            text_fmt_cut(msg, cap, "%s: short_title longer than %d characters, den_title on "
                         "a row that is no percentage, or ni without its definition and good "
                         "performance", md->name, MEASURE_SHORT_MAX);
            return false;
        }
        nbreak += md->breakdowns;
    }
    if (nbreak != 1) {
        text_fmt_cut(msg, cap, "%d rows have .breakdowns (one should)", nbreak);
        return false;
    }
    return true;
}

bool measure_defs_check(char *msg, size_t cap)
{
    return measure_defs_check_table(measure_defs, measure_defs_count, msg, cap);
}
