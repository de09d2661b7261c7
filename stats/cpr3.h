/*
 * cpr3.h — the measures a CPR3 aggregate return gives, for the years before
 * the census: children on plans at 31 March (cpp_open, cpp_rate), plans
 * started and ended, second or subsequent plans (previously registered of
 * registrations), plans ended after 2 years or more, referrals,
 * re-referrals (of referrals) and their rate, initial and core assessments.
 * The same helpers as measures.c, so rounding and layout are the same.
 */
#ifndef LSCB_CPR3_H
#define LSCB_CPR3_H

#include <stdbool.h>
#include "stats/ladata.h"
#include "stats/measures.h"

/* Appends the year's measures from its CPR3 return (population: children
 * 0-17 mid-(Y-1), -1 if unknown). */
void cpr3_measures(const struct la_data *d, int year, long population, struct measure_out *out);

#endif
