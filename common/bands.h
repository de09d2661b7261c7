/*
 * bands.h — bands for the time a child has been on a plan and for age.
 *
 * A band set comes from a template ([bands:NAME]) or is one of DESIGN.md's
 * defaults.  Methods:
 *   dfe_duration      DfE's published bands, with DESIGN's exact edges
 *                     (0-3m: D <= start+3m; 3-6m: <= start+6m; 6-12m:
 *                     < start+12m; 12-24m: < start+24m; 24m+)
 *   completed_months  the largest k with start + k months <= D, banded by
 *                     inclusive ranges (as the 2011-12 report: 0-3, 4-6 ...)
 *   age_years         completed years on D, banded by inclusive ranges; a
 *                     band marked unborn takes children not yet born
 */
#ifndef LSCB_BANDS_H
#define LSCB_BANDS_H

#include <stdbool.h>
#include "common/date.h"

#define BANDS_MAX 16

enum band_method { BANDS_DFE_DURATION, BANDS_COMPLETED_MONTHS, BANDS_AGE_YEARS };

struct band {
    char label[40];
    bool ranged;         /* takes values lo..hi */
    int lo, hi;          /* inclusive; hi < 0: no upper end */
    bool unborn;         /* age_years: takes children not yet born */
};

struct band_set {
    char name[40];
    enum band_method method;
    struct band b[BANDS_MAX];
    int n;
};

/* DESIGN.md's defaults: DfE durations; ages unborn, under 1, 1-4, 5-9,
 * 10-15, 16+. */
extern const struct band_set bands_default_duration, bands_default_age;

/* Index of the band a plan started on `start` falls in on d, or -1. */
int band_duration(const struct band_set *s, lscb_date start, lscb_date d);

/* Index of the age band on d (birth or expected birth date), or -1 when
 * no band takes it (e.g. neither date known). */
int band_age(const struct band_set *s, lscb_date birth, lscb_date expected, lscb_date d);

/* Fixed breakdown labels, in table order: latest category of abuse; ethnic
 * group (DESIGN.md's grouping); gender grouped across the two code sets
 * (templates); gender codes as returned (measures.csv). */
#define N_CATEGORY 5
#define N_ETHNIC 6
#define N_GENDER_GROUP 4
#define N_GENDER_CODE 7
extern const char *const category_labels[N_CATEGORY];
extern const char *const ethnic_labels[N_ETHNIC];
extern const char *const gender_group_labels[N_GENDER_GROUP];
extern const char *const gender_code_labels[N_GENDER_CODE];

/* Index of a code's label in those lists, or -1. */
int category_index(const char *code);
int ethnic_index(const char *code);        /* by group of the ethnicity code */
int gender_group_index(const char *code);  /* 1/M, 2/F, 0/U, 9 */
int gender_code_index(const char *code);

/* Completed months from start to d: the largest k with start + k months <= d. */
int completed_months(lscb_date start, lscb_date d);

#endif
