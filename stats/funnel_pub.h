/*
 * funnel_pub.h — funnel plots and significance (funnel.h) for the
 * benchmark indicators, from the published tables: the authority against
 * England's value and its neighbours' aggregate, its trend over the last
 * five years, and the funnel of every authority for a year.
 *
 * An indicator is plotted when it is a percentage (binomial limits; x: its
 * denominator, e.g. referrals for re-referrals) or a rate per 10,000
 * children (Poisson limits; x: children aged 0-17).  Each authority's
 * point needs its numerator and denominator: the newest release that
 * publishes both; a rate published without its count (LAIT) gets the count
 * from the rate and the population (rate x population / 10,000, rounded to
 * a whole number, said in the point's note).  Suppressed and missing
 * values are left out of the plot and listed, with why, in the CSV.
 *
 * Outputs (in the tables directory):
 *   funnels.csv                  one row per plotted indicator: measure,
 *                                year, points, left_out, england, the two
 *                                files, note
 *   funnel-MEASURE-YEAR.csv      every authority: la_code, la_name, role
 *                                (authority, neighbour, other), numerator,
 *                                denominator, value, the four limits at its
 *                                denominator, significance, beyond_998, note
 *   funnel-MEASURE-YEAR-limits.csv  the limits over the range of the
 *                                denominator (for the chart's lines)
 */
#ifndef LSCB_FUNNEL_PUB_H
#define LSCB_FUNNEL_PUB_H

#include "stats/benchmarks.h"
#include "common/config.h"
#include "stats/funnel.h"
#include "stats/published.h"

/* Whether a measure gets a funnel, and its kind and scale (100 or 10,000). */
bool funnel_measure(const char *measure, enum funnel_kind *kind, double *scale);

/* How counts were worked out where a release gives the value alone. */
enum funnel_derived {
    FD_NONE,        /* published */
    FD_RATE,        /* a rate: its count from the rate and the population */
    FD_PCT_RATE,    /* a percentage: its denominator from that count's rate and the
                     * population (NI64: plans ended), its numerator from the % */
    FD_PCT_COUNT    /* a percentage: its denominator the published count the
                     * registry names (den_of: NI68's referrals), numerator from the % */
};

/* The counts behind code's value for a measure and year (see above);
 * *derived says how they were worked out, FD_NONE when published. */
bool funnel_counts(const struct pub_set *p, const char *code, int year, const char *measure,
                   double *num, double *den, enum funnel_derived *derived);

/* The words for d: a row's note ("count worked out from the published rate
 * and population"), or (row false) what follows "counts worked out from the
 * published " in the funnel's note.  Borrowed; "" for FD_NONE. */
const char *funnel_derived_note(enum funnel_derived d, bool row);

/* Everything significance says of the authority for one measure and year. */
struct funnel_result {
    bool applies;                 /* a percentage or rate */
    enum funnel_kind kind;
    double scale;
    bool have;                    /* the authority's numerator and denominator */
    double num, den;
    struct funnel_limits4 lim;    /* around England at den, on the measure's scale */
    struct funnel_cmp en, sn;     /* against England, against the neighbours */
    const char *why_en, *why_sn;  /* why not compared ("" if compared) */
    struct funnel_trend trend;    /* last five years */
    const char *trend_test;       /* "chi-square for trend", "Poisson regression", "" */
    const char *why_trend;
};

/* own: the authority's values from its census returns (may be NULL);
 * sn_value: the neighbours' aggregate on the measure's scale, NAN if none;
 * polarity 'h', 'l' or 'n' is not needed here (see funnel_judgement). */
void funnel_result_get(const struct pub_set *p, const struct own_value *own, size_t nown,
                       const char *la, const char *measure, int year, double sn_value,
                       struct funnel_result *out);

/* The columns benchmarks.csv gains (appended after DESIGN's), and one
 * row's fields: FUNNEL_BENCH_NCOLS strings of at most 48 bytes. */
#define FUNNEL_BENCH_HEADER                                                              \
    "numerator,denominator,lcl_998,lcl_95,ucl_95,ucl_998,sig_england,sig_england_level,"  \
    "vs_england,sig_sn,sig_sn_level,vs_sn,not_compared,trend_test,trend_years,"           \
    "trend_change,trend_p,trend"
#define FUNNEL_BENCH_NCOLS 18
void funnel_bench_fields(const struct funnel_result *r, char polarity,
                         char fields[FUNNEL_BENCH_NCOLS][48]);

/* For the narrative: the comparison with England as a clause (", a
 * significantly higher figure than England's (99.8% limits), which is
 * worse" ... or "" when not compared), with the neighbours ("" unless
 * significant), and a sentence on the trend ("" when not tested); "rising"
 * and "significantly" appear only when the tests say so. */
void funnel_phrase_england(const struct funnel_result *r, char polarity, char *buf, size_t cap);
void funnel_phrase_sn(const struct funnel_result *r, char polarity, char *buf, size_t cap);
void funnel_phrase_trend(const struct funnel_result *r, int year, char *buf, size_t cap);

/* Writes funnels.csv and the two files of every plotted indicator for the
 * latest year up to `year` in which some authority has its counts.
 * Errors: LSCB_ESYS writing. */
lscb_err funnel_write(const struct pub_set *p, const struct lscb_config *cfg,
                      const struct own_value *own, size_t nown, int year, const char *outdir,
                      struct lscb_error *e);

#endif
