/*
 * synth.h — lscb-synth: a deterministic synthetic authority.
 *
 * Simulates an authority's children from two years before the first census
 * year to the last: referrals and re-referrals, assessments, section 47
 * enquiries, initial conferences (some late), plans with reviews (some late),
 * categories that change, repeat plans, unborn children, episodes open
 * across several 31 Marches.  Writes one census XML per year exactly as the
 * authority would have returned it on that 31 March (end dates and reviews
 * after the reference date unknown; the record selection rules of DESIGN.md),
 * in the schema of that year (GenderCurrent/Sex, boolean spelling).
 *
 * With a truth file it also writes every plan as the warehouse should end up
 * holding it, so tests can derive expected figures independently.
 */
#ifndef LSCB_SYNTH_H
#define LSCB_SYNTH_H

#include <stdbool.h>
#include <stdint.h>
#include "common/lscb.h"
#include "common/notes.h"

struct synth_opts {
    uint64_t seed;
    const char *la;          /* 3-digit LA code */
    int first_year, last_year;  /* census years written */
    long children;           /* children simulated; 0 = about 1,300 per simulated year */
    const char *outdir;      /* cin-YYYY.xml files */
    const char *truth;       /* optional truth CSV of plans */
    bool xml, csv;           /* write cin-YYYY.xml; write csv-YYYY/<module>.csv */
    bool quiet;
    struct lscb_notes *notes;  /* gets the reconciliation line (unless quiet)
                                * and warnings, for the main to print; NULL: dropped */
};

lscb_err synth_run(const struct synth_opts *opts, struct lscb_error *e);

#endif
