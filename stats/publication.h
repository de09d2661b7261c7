/*
 * publication.h — the facts each published figure rests on, for
 * suppression over the whole publication (disclose.h).
 *
 * Every figure the tables, their CSVs and the narrative show is mapped to
 * the counts it gives away: a count is itself; a percentage gives its
 * numerator and its denominator (shown beside each other, or elsewhere, one
 * and the percentage give the other); a rate per 10,000 gives its count
 * (the population is published).  Counts are keyed by what they count and
 * their period, so the same count shown on two sheets is one fact.  The
 * relations a reader knows are added as facts appear: a flow over several
 * months is the sum of its months; children on a plan at a month end are
 * those at the census year's start plus plans started less plans ended
 * since; bands add up to their total; the change is started less ended.
 */
#ifndef LSCB_PUBLICATION_H
#define LSCB_PUBLICATION_H

#include <stdbool.h>

#include "common/date.h"
#include "common/disclose.h"
#include "stats/measures.h"

/* The facts one figure shows (none for a figure the suppression leaves
 * alone: empty, or not a count of the authority's records). */
struct pubfig {
    int f[2];
    int n;
};

/* The figure of measures.csv row m (part "" for its value, "numerator" or
 * "denominator"), registered and published in z.  Returns its facts. */
struct pubfig pub_measure(struct dz *z, const struct measure_row *m, const char *part);

/* Children on a plan at `on` in a breakdown's band (label), or the total
 * (label NULL), shown. */
struct pubfig pub_band(struct dz *z, const char *dim, const char *label, lscb_date on,
                       long value);

/* The fact of a band (label NULL: the total) without showing it. */
int pub_band_fact(struct dz *z, const char *dim, const char *label, lscb_date on, long value);

/* A percentage pct (as printed, 1 dp) of num over den: both are sensitive,
 * and while neither is hidden the reader knows num = pct/100 x den.  The
 * figure is hidden when either is. */
struct pubfig pub_share(struct dz *z, int num_fact, int den_fact, const char *pct);

/* The relation between a breakdown's bands at `on` and the total: counts
 * of labels[0..n-1], and `outside` (children no band takes; unpublished). */
void pub_bands_total(struct dz *z, const char *dim, const char *const *labels, int n,
                     lscb_date on, long outside);

/* Whether a figure is hidden (z may be NULL: nothing is). */
bool pub_hidden(const struct dz *z, struct pubfig g);

#endif
