/*
 * benchmarks.h — the authority against its statistical neighbours, its
 * region and England (DESIGN.md "Benchmarks"), from published DfE tables.
 *
 * benchmarks.csv has exactly DESIGN's columns.  Beside it,
 * benchmarks-notes.csv says, per row, where the authority's value came from
 * (computed from its census returns, or the release), where the region's
 * came from, which neighbours had a value, and whether the authority
 * differs from its neighbours' aggregate and from England beyond its
 * interval.
 *
 * Rank and quartile band follow the measure's polarity (measure_defs.h; A best;
 * neutral measures get no band); ties share the better rank.  Quantiles as
 * R type 7.  Intervals (95%): Wilson for percentages, exact Poisson (GSL
 * chi-square inverse) for rates per 10,000.  Trend: least-squares slope per
 * year over the authority's values up to that year (3 years or more).
 */
#ifndef LSCB_BENCHMARKS_H
#define LSCB_BENCHMARKS_H

#include "common/config.h"
#include "common/lscb.h"
#include "stats/published.h"

/* A value the authority's own census returns give (computed). */
struct own_value {
    const char *measure;
    const char *source;    /* "computed from ...", "the authority's CPR3 return" */
    int year;
    double value, num, den;
    bool has_num, has_den;
};

/* The neighbours of an authority in a published SN model (2021 or 2025)
 * in dir; returns how many (0 if the LA is not in the model).  Errors:
 * LSCB_EINPUT naming the file. */
lscb_err sn_load(const char *dir, int model, const char *la, char out[][8], int *n,
                 struct lscb_error *e);

/* Writes benchmarks.csv and benchmarks-notes.csv into outdir for cfg->la
 * against cfg->neighbours (the caller fills them from the model or list). */
lscb_err benchmarks_write(const struct pub_set *p, const struct lscb_config *cfg,
                          const struct own_value *own, size_t nown, const char *outdir,
                          struct lscb_error *e);

/* Lookups for the template's series and comparator tables.  who: "la",
 * "sn" (the configured aggregate), "region", "england", or an LA code.
 * bench_value returns false when there is no value. */
struct bench;
struct bench *bench_open(const struct pub_set *p, const struct lscb_config *cfg,
                         const struct own_value *own, size_t nown, struct lscb_error *e);
bool bench_value(struct bench *b, const char *measure, int year, const char *who, double *v);
const char *bench_region(const struct bench *b);
/* 1 if "england" or "sn" lies outside the authority's 95% interval, 0 if
 * inside, -1 if there is no interval or no comparator. */
int bench_differs(struct bench *b, const char *measure, int year, const char *who);
void bench_close(struct bench *b);

/* The funnel plot's significance and trend for the authority (funnel_pub.h):
 * against England and the configured neighbours' aggregate. */
struct funnel_result;
void bench_funnel(struct bench *b, const char *measure, int year, struct funnel_result *out);
/* 'h', 'l' or 'n' from data/measure-polarity.csv. */
char bench_polarity(struct bench *b, const char *measure);
/* Everything known of one measure and year, for an indicator sheet.
 * Releases index pub_set.releases; -1 when the figure is not from a
 * release (computed from the authority's returns, or a region aggregated
 * from its members).  Strings are borrowed from b and valid until the next
 * call. */
struct bench_fig {
    bool have;                 /* the authority has a value */
    double value;
    int la_release;
    const char *la_source;
    int nsn;                   /* neighbours with a value */
    double sn_agg;             /* their mean or median, per the configuration */
    bool have_region, have_england;
    double region, england;
    int region_release, england_release;
    const char *region_source;
    int rank, rank_of, rank_release;   /* among local authorities of one release */
    char quartile;             /* 'A' (best) to 'D', 0 none */
    char polarity;             /* 'h' higher is better, 'l' lower, 'n' neither */
    bool ci;
    double lo, hi;             /* 95% interval */
    bool trend;
    double slope;              /* least-squares change per year */
};
void bench_fig_get(struct bench *b, const char *measure, int year, struct bench_fig *f);

#endif
