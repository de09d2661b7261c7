/*
 * measures.c — the measure table (names, titles, definitions), the row
 * helpers and the periods.  The measures themselves are in flow.c (work
 * before a plan) and cpp.c (plans).
 */
#define _POSIX_C_SOURCE 200809L
#include "measures.h"

#include <stdlib.h>
#include <string.h>

const struct measure_def measure_defs[] = {
    {"referrals", "Referrals",
     "CIN episodes with a referral date (CINreferralDate) in the period.", false},
    {"re_referrals", "Re-referrals",
     "Referrals in the period of a child who had another referral in the 12 calendar months "
     "before it (on or after the date 12 months earlier, before the referral date); referrals "
     "held from earlier census years count.", false},
    {"re_referral_pct", "% re-referrals", "Re-referrals as a percentage of referrals.", true},
    {"referral_rate", "Referrals per 10,000 children",
     "Referrals per 10,000 children aged 0-17 (ONS mid-year estimate for the middle of the "
     "year before the census year ends).", true},
    {"assessments_completed", "Assessments completed",
     "Assessments with an authorisation (completion) date in the period.", false},
    {"assessment_timely_pct", "% assessments within 45 working days",
     "Of assessments completed in the period, the percentage authorised within 45 working days "
     "of their start (working days after the start up to and including the authorisation).",
     true},
    {"s47_started", "Section 47 enquiries started",
     "Section 47 enquiries with a start date (S47ActualStartDate) in the period.", false},
    {"icpc", "Initial child protection conferences",
     "Initial child protection conferences held in the period: a DateOfInitialCPC returned in "
     "a Section47 module or at CINdetails level, each child and date counted once.", false},
    {"icpc_within_15wd_pct", "% conferences within 15 working days",
     "Of conferences held in the period that follow a returned section 47 enquiry, the "
     "percentage held 15 working days or fewer after the enquiry started (a same-day "
     "conference is 0). Conferences with no section 47 start returned are left out.", true},
    {"icpc_to_cpp_pct", "% conferences leading to a plan",
     "Of conferences held in the period, the percentage followed by a child protection plan "
     "for the same child starting on the conference date.", true},
    {"cpp_open", "Children subject to a child protection plan",
     "Children with a child protection plan open on the period end date: plan start date on "
     "or before that date and no end date, or an end date after it. A child with two plans "
     "counts once. Breakdowns: latest category of abuse; time on the plan at that date "
     "(0-3m: up to 3 months; 3-6m: over 3 up to 6 months; 6-12m: over 6, under 12 months; "
     "12-24m: 12 months, under 24; 24m+: 24 months or more, months added with month-end "
     "clamping); age in completed years; gender as returned; ethnic group.", false},
    {"cpp_rate", "Children on a plan per 10,000",
     "Children subject to a plan on the period end date per 10,000 children aged 0-17.", true},
    {"cpp_started", "Child protection plans started",
     "Child protection plans with a start date in the period (plans, not children).", false},
    {"cpp_ended", "Child protection plans ended",
     "Child protection plans with an end date in the period (plans, not children).", false},
    {"cpp_second_or_subsequent_pct", "% second or subsequent plans (NI65)",
     "Of plans started in the period, the percentage where the child had a plan before: "
     "NumberOfPreviousCPP above 0, or an earlier plan of the child held in the warehouse. "
     "The numerator is the number of such repeat plans.", true},
    {"cpp_repeat_within_12m", "Repeat plans within 12 months",
     "Plans started in the period within 12 months of the end of the child's previous plan "
     "(start on or before the previous end date plus 12 months).", false},
    {"cpp_repeat_within_12m_pct", "% repeat plans within 12 months of the previous",
     "Repeat plans within 12 months as a percentage of second or subsequent plans started in "
     "the period (an addition to DESIGN.md for table 4.67 of the 2011-12 report).", true},
    {"cpp_ended_2y_plus_pct", "% plans ended after 2 years or more (NI64)",
     "Of plans ended in the period, the percentage that lasted 2 years or more: end date "
     "minus start date plus 1 is 730 days or more.", true},
    {"cpp_reviewed_in_time_pct", "% plans reviewed in time (NI67)",
     "Of children with a plan open on the period end date that started at least 3 months "
     "before it, the percentage whose every review due by then was on time: the first by "
     "the start date plus 3 months, each next by the previous review plus 6 months.", true},
};
const size_t measure_defs_count = sizeof measure_defs / sizeof measure_defs[0];

const struct measure_def *measure_def_find(const char *name)
{
    for (size_t i = 0; i < measure_defs_count; i++)
        if (!strcmp(measure_defs[i].name, name))
            return &measure_defs[i];
    return NULL;
}

void fmt_ratio_1dp(char *buf, size_t cap, long num, long den, long scale)
{
    if (den <= 0 || num < 0) {
        buf[0] = '\0';
        return;
    }
    /* tenths = round half up (num * scale * 10 / den), in integers */
    long long t = ((long long)num * scale * 20 + den) / (2LL * den);
    snprintf(buf, cap, "%lld.%lld", t / 10, t % 10);
}

static struct measure_row *add_row(struct measure_out *out, const char *measure,
                                   lscb_date start, lscb_date end, const char *dim,
                                   const char *label)
{
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 256;
        out->v = lscb_xrealloc(out->v, out->cap * sizeof *out->v);
    }
    struct measure_row *r = &out->v[out->n++];
    memset(r, 0, sizeof *r);
    r->measure = measure;
    r->start = start;
    r->end = end;
    if (dim)
        snprintf(r->breakdown, sizeof r->breakdown, "%s=%s", dim, label);
    return r;
}

void measure_count(struct measure_out *out, const char *measure, lscb_date start,
                   lscb_date end, const char *dim, const char *label, long count)
{
    struct measure_row *r = add_row(out, measure, start, end, dim, label);
    snprintf(r->value, sizeof r->value, "%ld", count);
}

void measure_pct(struct measure_out *out, const char *measure, lscb_date start, lscb_date end,
                 long num, long den)
{
    struct measure_row *r = add_row(out, measure, start, end, NULL, NULL);
    fmt_ratio_1dp(r->value, sizeof r->value, num, den, 100);
    snprintf(r->numerator, sizeof r->numerator, "%ld", num);
    snprintf(r->denominator, sizeof r->denominator, "%ld", den);
}

void measure_rate(struct measure_out *out, const char *measure, lscb_date start, lscb_date end,
                  long num, long population)
{
    struct measure_row *r = add_row(out, measure, start, end, NULL, NULL);
    snprintf(r->numerator, sizeof r->numerator, "%ld", num);
    if (population > 0) {
        fmt_ratio_1dp(r->value, sizeof r->value, num, population, 10000);
        snprintf(r->denominator, sizeof r->denominator, "%ld", population);
    }
}

void measures_period(const struct la_data *d, const struct measure_ctx *ctx, lscb_date start,
                     lscb_date end, struct measure_out *out)
{
    measures_flow(d, ctx, start, end, out);
    measures_cpp(d, ctx, start, end, out);
}

void measures_year(const struct la_data *d, const struct measure_ctx *ctx, int year,
                   struct measure_out *out)
{
    lscb_date ys = census_year_start(year);
    measures_period(d, ctx, ys, census_year_end(year), out);
    for (int q = 0; q < 4; q++)
        measures_period(d, ctx, date_add_months(ys, 3 * q), date_add_months(ys, 3 * q + 3) - 1,
                        out);
    for (int m = 0; m < 12; m++)
        measures_period(d, ctx, date_add_months(ys, m), date_add_months(ys, m + 1) - 1, out);
}

void measure_out_write(FILE *fp, const struct measure_out *out)
{
    fputs("measure,la_code,period_start,period_end,breakdown,value,numerator,denominator\n", fp);
    for (size_t i = 0; i < out->n; i++) {
        const struct measure_row *r = &out->v[i];
        char s[11], e[11];
        date_format_iso(r->start, s);
        date_format_iso(r->end, e);
        const char *f[] = {r->measure, out->la, s, e, r->breakdown, r->value, r->numerator,
                           r->denominator};
        csv_put_row(fp, f, 8);
    }
}

void measure_out_release(struct measure_out *out)
{
    free(out->v);
    out->v = NULL;
    out->n = out->cap = 0;
}
