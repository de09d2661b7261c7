/*
 * sweep.h — records sorted by the date a measure counts them on, with the
 * running count of each property (re-referral, on time ...), so that a
 * count over any period is two binary searches and a subtraction.
 * Built once per authority's records (kept on la_data.memo) for every
 * period the run asks for: the year, its quarters and months, the
 * templates' periods, the years before.  Internal to stats/.
 */
#ifndef LSCB_SWEEP_H
#define LSCB_SWEEP_H

#include <stddef.h>
#include <stdint.h>

#include "common/date.h"
#include "stats/ladata.h"

#define EV_MAXCOL 4

/* An event: the date it is counted on, its record (index in its array),
 * its properties (bit c: column c). */
struct ev {
    lscb_date t;
    uint32_t idx;
    unsigned flags;
};

struct evset {
    size_t n;
    lscb_date *t;        /* ascending; ties in record order */
    uint32_t *idx;       /* each event's record */
    int ncol;
    uint32_t *cum;       /* cum[k * ncol + c]: events before the k-th with property c */
};

/* Builds s from v[0..n) (reordered; events on DATE_NONE left out: they fall
 * in no period).  Free with evset_free (a zeroed evset is fine). */
void evset_build(struct evset *s, struct ev *v, size_t n, int ncol);
void evset_free(struct evset *s);

/* The events on dates a..b (inclusive): [*lo, *hi). */
void evset_range(const struct evset *s, lscb_date a, lscb_date b, size_t *lo, size_t *hi);

/* How many of the events [lo, hi) have property col. */
long evset_sum(const struct evset *s, int col, size_t lo, size_t hi);

/* Whether the k-th event has property col. */
int evset_has(const struct evset *s, int col, size_t k);

/* The measures' precomputed records (flow.c, cpp.c), kept on d->memo.  The
 * slot is NULL when d->memo is (records built by hand, which may change
 * between calls: the caller builds and frees its own each time). */
struct flow_sweep;
struct cpp_sweep;
struct flow_sweep **sweep_flow_slot(const struct la_data *d);
struct cpp_sweep **sweep_cpp_slot(const struct la_data *d);
void flow_sweep_free(struct flow_sweep *f);
void cpp_sweep_free(struct cpp_sweep *c);

#endif
