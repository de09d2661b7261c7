/*
 * measures.h — the measures of DESIGN.md ("Measures"), each defined once,
 * and the measures.csv they are written to.
 *
 * An authority's records are read once (ladata.h); each measure is a
 * function of those records and a period [start, end]: flows count events
 * in the period, snapshots (cpp_open and what describes it) look at the
 * period's end date.
 */
#ifndef LSCB_MEASURES_H
#define LSCB_MEASURES_H

#include <stdbool.h>
#include <stdio.h>

#include "common/csvio.h"
#include "common/date.h"
#include "stats/ladata.h"
#include "common/measure_defs.h"
#include "common/lscb.h"
#include "common/workdays.h"

/* One row of measures.csv, typed: a count is an integer; a percentage or
 * rate is its numerator and denominator (value = num / den x scale), so
 * nothing is rounded before it is written.  Text is made only at the edge
 * (measure_row_text). */
struct measure_row {
    const char *measure;
    lscb_date start, end;
    char breakdown[64];
    long scale;            /* 0: a count; 100: a percentage; 10000: a rate */
    bool has_value;        /* false: undefined (zero denominator, unknown
                            * population, no data of that kind) */
    long count;            /* a count's value */
    bool has_num, has_den;
    long num, den;         /* a percentage's or rate's parts */
};

/* The row's value as a number: a count exactly, a percentage or rate
 * rounded half up to 1 dp (as written); false when undefined. */
bool measure_row_value(const struct measure_row *r, double *v);

/* The row's value, numerator and denominator as measures.csv writes them
 * ("" for what is not there). */
void measure_row_text(const struct measure_row *r, char value[32], char num[24],
                      char den[24]);

struct measure_out {
    char la[256];              /* an LA code, or several comma-separated (aggregate) */
    struct measure_row *v;
    size_t n, cap;
};

/* Working-day counts the calendar could not give (a date outside its
 * years): how many, and the first, said in words.  The run stops on it:
 * such a figure is never left empty quietly. */
struct wd_fault {
    long n;
    char msg[200];
};

/* What the measures need besides the records. */
struct measure_ctx {
    const struct wd_calendar *cal;
    struct wd_fault *fault;  /* where a count the calendar cannot give is
                              * noted (NULL: not noted; the record is left
                              * out of the percentage) */
    long population;        /* children 0-17, mid-(Y-1); -1 if unknown */
    lscb_date history_start; /* 1 April of the first census year loaded:
                              * reviews before it are not known */
};

/* Bands (DESIGN.md defaults).  Duration of a plan open on d; age band on d
 * ("unborn", "under 1", "1-4", "5-9", "10-15", "16+", or "not known" when
 * neither birth nor expected birth date is known); ethnic group of a code. */
const char *cpp_duration_band(lscb_date start, lscb_date d);
const char *cpp_age_band(lscb_date birth, lscb_date expected, lscb_date d);
const char *ethnicity_group(const char *code);

/* Children on a plan on `end` by a breakdown (category, ethnicity, gender
 * grouped, gender_code as returned, duration or age with `bands`): counts[k]
 * per label in bands.h / the band set's order.  Returns the total; *outside
 * (if not NULL) gets those no band takes. */
#include "common/bands.h"
long cpp_open_breakdown(const struct la_data *d, lscb_date end, const char *dim,
                        const struct band_set *bands, long counts[BANDS_MAX], long *outside);

/* NI67 for one plan: true if every review due by d was on time (first by
 * start + 3 months, each next by the previous review + 6 months).  For a
 * plan older than the history loaded (start before known_from), reviews
 * before known_from were never returned: the chain starts with the first
 * review on or after known_from, which must be held by known_from + 6
 * months (a necessary condition of the reviews before being on time). */
bool cpp_reviews_in_time(const lscb_date *reviews, size_t n, lscb_date start, lscb_date d,
                         lscb_date known_from);

/* Appends every measure for one period. */
void measures_period(const struct la_data *d, const struct measure_ctx *ctx, lscb_date start,
                     lscb_date end, struct measure_out *out);

/* The results of measures_period kept for a la_data (d->memo), so a period
 * is computed once however often it is asked for.  new: never NULL;
 * free: NULL is fine. */
struct period_memo *period_memo_new(void);
void period_memo_free(struct period_memo *m);

/* Appends every measure for census year Y: the year, each quarter, each month. */
void measures_year(const struct la_data *d, const struct measure_ctx *ctx, int year,
                   struct measure_out *out);

/* The measure groups measures_period calls (flow.c, cpp.c). */
void measures_flow(const struct la_data *d, const struct measure_ctx *ctx, lscb_date start,
                   lscb_date end, struct measure_out *out);
void measures_cpp(const struct la_data *d, const struct measure_ctx *ctx, lscb_date start,
                  lscb_date end, struct measure_out *out);

/* Row helpers: a count; a percentage (num/den x 100); a rate per 10,000
 * (den = population, -1 when unknown). */
void measure_count(struct measure_out *out, const char *measure, lscb_date start,
                   lscb_date end, const char *dim, const char *label, long count);
/* A count that cannot be given (no data of that kind loaded): empty value. */
void measure_missing(struct measure_out *out, const char *measure, lscb_date start,
                     lscb_date end);
void measure_pct(struct measure_out *out, const char *measure, lscb_date start, lscb_date end,
                 long num, long den);
void measure_rate(struct measure_out *out, const char *measure, lscb_date start, lscb_date end,
                  long num, long population);

/* Formats num/den * scale rounded half up to 1 dp into buf ("" if den <= 0). */
void fmt_ratio_1dp(char *buf, size_t cap, long num, long den, long scale);

/* Writes measures.csv (header + rows). */
void measure_out_write(FILE *fp, const struct measure_out *out);
void measure_out_release(struct measure_out *out);

#endif
