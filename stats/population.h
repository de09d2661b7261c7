/*
 * population.h — ONS mid-year estimates of children aged 0 to 17, the
 * denominators of rates per 10,000 (mid-(Y-1) for census year Y).
 *
 * Reads DfE's layout (time_period, geographic_level, old_la_code,
 * population_estimate, ...; columns found by name, any order, BOM or not).
 */
#ifndef LSCB_POPULATION_H
#define LSCB_POPULATION_H

#include "common/lscb.h"

struct pop_entry {
    char la[8];      /* 3-digit LA code; "E92" for England */
    int mid_year;
    long count;
};

struct population {
    struct pop_entry *v;
    size_t n, cap;
};

/* Loads a population file.  Errors: LSCB_EINPUT naming file, line and
 * field; LSCB_ESYS. */
lscb_err population_load(const char *path, struct population *p, struct lscb_error *e);

/* The estimate for an authority in a mid-year, or -1. */
long population_get(const struct population *p, const char *la, int mid_year);

void population_release(struct population *p);

#endif
