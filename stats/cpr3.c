/* cpr3.c — see cpr3.h. */
#define _POSIX_C_SOURCE 200809L
#include "stats/cpr3.h"

#include <string.h>

static bool item(const struct la_data *d, int year, const char *name, long *v)
{
    for (size_t i = 0; i < d->cpr3.n; i++)
        if (d->cpr3.v[i].year == year && !strcmp(d->cpr3.v[i].item, name)) {
            *v = d->cpr3.v[i].value;
            return true;
        }
    return false;
}

void cpr3_measures(const struct la_data *d, int year, long population, struct measure_out *out)
{
    lscb_date s = census_year_start(year), e = census_year_end(year);
    long open, reg, dereg, prev, long2, refs, rerefs, ia, ca;
    bool h_open = item(d, year, "children_on_plans_31_march", &open);
    bool h_reg = item(d, year, "registrations", &reg);
    bool h_dereg = item(d, year, "deregistrations", &dereg);
    bool h_refs = item(d, year, "referrals", &refs);
    if (h_refs) {
        measure_count(out, "referrals", s, e, NULL, NULL, refs);
        measure_rate(out, "referral_rate", s, e, refs, population);
        if (item(d, year, "re_referrals", &rerefs)) {
            measure_count(out, "re_referrals", s, e, NULL, NULL, rerefs);
            measure_pct(out, "re_referral_pct", s, e, rerefs, refs);
        }
    }
    if (item(d, year, "initial_assessments", &ia))
        measure_count(out, "initial_assessments", s, e, NULL, NULL, ia);
    if (item(d, year, "core_assessments", &ca))
        measure_count(out, "core_assessments", s, e, NULL, NULL, ca);
    if (h_open) {
        measure_count(out, "cpp_open", s, e, NULL, NULL, open);
        measure_rate(out, "cpp_rate", s, e, open, population);
    }
    if (h_reg) {
        measure_count(out, "cpp_started", s, e, NULL, NULL, reg);
        measure_rate(out, "cpp_started_rate", s, e, reg, population);
        if (item(d, year, "previously_registered", &prev))
            measure_pct(out, "cpp_second_or_subsequent_pct", s, e, prev, reg);
    }
    if (h_dereg) {
        measure_count(out, "cpp_ended", s, e, NULL, NULL, dereg);
        measure_rate(out, "cpp_ended_rate", s, e, dereg, population);
        if (item(d, year, "deregistered_2y_plus", &long2))
            measure_pct(out, "cpp_ended_2y_plus_pct", s, e, long2, dereg);
    }
}
