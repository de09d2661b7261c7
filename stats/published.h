/*
 * published.h — published DfE figures for every authority, region and
 * England, read through the column map (map.csv in the published
 * directory, else the bundled data/published/map.csv, whose file paths
 * follow ../shared/data/external: release, file, layout, year, column,
 * measure, part).
 *
 * Layouts: "wide" (the 2010-2017 underlying data: a row per authority and
 * England, the census year fixed per file, thousands separators), "ees"
 * (Explore Education Statistics: time_period, geographic_level, codes).
 * Parts: value, numerator, numerator+ (summed), denominator, population
 * (measure "*": the denominator of every rate in the row).  The symbols
 * c x z u k : .. . - and "low" mark a value as suppressed or missing; such
 * values are kept, flagged, and left out of comparisons.  Rates and
 * percentages a release gives only as counts are computed (population from
 * the ONS file in the same directory when the release has none), rounded
 * half up.  Every value keeps its release: releases disagree after
 * population revisions; the latest release in the map wins.
 */
#ifndef LSCB_PUBLISHED_H
#define LSCB_PUBLISHED_H

#include <stdbool.h>
#include <stddef.h>

#include "common/lscb.h"

enum pub_level { PUB_LA, PUB_REGION, PUB_ENGLAND };

struct pub_value {
    enum pub_level level;
    char code[12];          /* LA "205", region "E13000001", England "E92000001" */
    char region[12];        /* an LA's region code, if known */
    int year;               /* census year */
    const char *measure;    /* from measure_defs */
    int release;            /* index into pub_set.releases; higher is newer */
    bool has_value, has_num, has_den, suppressed, computed;
    char den_from;          /* 'f' the file's row, 'r' the release's ONS file,
                               'o' another release's ONS file */
    double value;
    double num, den;
    char published[32];     /* the value as printed, for checks */
    long line;              /* in the release's file */
};

struct pub_set {
    struct pub_value *v;
    size_t n, cap;
    char releases[64][96];
    char files[64][256];
    int nreleases;
    /* LA code -> region code, from the ONS population file */
    char la_region[400][2][12];
    int nla_region;
    /* code (LA or region) -> name, from the same file */
    char names[420][2][64];
    int nnames;
    /* while loading: v's index by (code, year, measure, release), so parts
     * of one value from rows far apart meet in one row (open addressing;
     * slots hold index + 1, 0 empty) */
    size_t *slots;
    size_t nslots;
};

/* Reads dir/map.csv and every file it names.  Errors: LSCB_EINPUT naming
 * the file, line and column; LSCB_ESYS. */
lscb_err pub_load(const char *dir, struct pub_set *p, struct lscb_error *e);
void pub_release(struct pub_set *p);

/* Sorts the values for pub_get; pub_load does it.  Call after adding
 * values by hand. */
void pub_index(struct pub_set *p);

/* The newest value of a measure for a code and year with a value (not
 * suppressed), or NULL. */
const struct pub_value *pub_get(const struct pub_set *p, const char *code, int year,
                                const char *measure);

/* Every release's value of a measure for a code and year (suppressed ones
 * too), oldest release first: *n of them from the returned pointer (NULL
 * when none).  Borrowed from p. */
const struct pub_value *pub_all(const struct pub_set *p, const char *code, int year,
                                const char *measure, size_t *n);

/* The name of an LA or region code, or the code itself. */
const char *pub_name(const struct pub_set *p, const char *code);

/* An LA's region code, or "" if unknown. */
const char *pub_region_of(const struct pub_set *p, const char *la);

/* Recomputes every published rate from its published count and population
 * (rounded half up to 1 dp).  Each exception is written to fp as CSV
 * (release, line, code, year, measure, published, recomputed, reason) with
 * its reason: "rounded" (the release rounds its counts or populations, or
 * prints the rate as a whole number, and the published rate lies within
 * that rounding), "population revised" (the
 * release's own population is not held, a later one was used), or
 * "unexplained".  Returns how many rates were checked; counts[3] gets the
 * exceptions by reason in that order. */
#include <stdio.h>
long pub_check_rates(const struct pub_set *p, FILE *fp, long counts[3]);

#endif
