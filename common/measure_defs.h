/*
 * measure_defs.h — the measure registry: one row per measure (DESIGN.md
 * "Measures"), read by everything that names a measure: the computations
 * (stats/flow.c, cpp.c, cpr3.c), templates (a column naming no measure is
 * an error when the template is read), the published-table map (likewise),
 * the tables and the Definitions sheet (title, definition, unit), the
 * narrative (sentence, snapshot), and the benchmarks (unit, polarity).
 *
 * Adding a measure: one row in measure_defs.c, its computation (one call of
 * measure_count / measure_pct / measure_rate with the row's name), and a
 * test.  test_measures checks that every row is computed and every computed
 * row has an entry here, so a misspelt name fails the build's tests.
 */
#ifndef LSCB_MEASURE_DEFS_H
#define LSCB_MEASURE_DEFS_H

#include <stdbool.h>
#include <stddef.h>

enum measure_unit {
    MU_COUNT,   /* an integer count */
    MU_PCT,     /* a percentage of a numerator over a denominator, 1 dp */
    MU_RATE,    /* per 10,000 children aged 0-17, 1 dp */
};

/* A template's measure field holds 39 characters; a sheet id or title built
 * from a name or title is sized by these (measure_defs_check holds to them). */
#define MEASURE_NAME_MAX 39
#define MEASURE_TITLE_MAX 120

struct measure_def {
    const char *name;           /* as in measures.csv, templates and map.csv; at most
                                 * MEASURE_NAME_MAX characters (measure_defs_check) */
    const char *title;          /* column heading; at most MEASURE_TITLE_MAX */
    const char *definition;     /* what it counts, for the Definitions sheet */
    enum measure_unit unit;
    bool snapshot;              /* describes the period's end date, not the period */
    char polarity;              /* which end is better, for ranks and quartile
                                 * bands (A best): 'h' high, 'l' low, 'n' neither
                                 * (no band) */
    const char *polarity_why;   /* the reason, or NULL */
    const char *sentence;       /* narrative clause, "%s" where the value goes */
    bool benchmark_only;        /* published tables only: lscb-stats derives the
                                 * authority's figure for the benchmarks from the
                                 * computed rows; not a row of measures.csv */
    /* How the measure stands to others (names of other rows, checked by
     * measure_defs_check), for the publication's suppression
     * (stats/publication.c), the narrative and the Definitions sheet: */
    const char *num_of;         /* MU_PCT: the count its numerator is, NULL its own
                                 * (re_referrals); MU_RATE: the count it is of */
    const char *den_of;         /* MU_PCT: the count its denominator is, NULL its own;
                                 * "M#num" for another percentage's numerator */
    const char *diff_of[2];     /* a difference, [0] less [1] over the same period
                                 * (cpp_change): not a count of children */
    const char *inflow, *outflow; /* a snapshot count moved between two dates by
                                   * these flows (children on plans: started, ended) */
    bool breakdowns;            /* the count the templates' breakdowns (category,
                                 * age, duration, ...) split */
    /* For the benchmark sheets and funnel plots (stats/bench_sheets.c,
     * funnel_pub.c; output/report_bench.c, report_funnel.c) and the NI
     * summary (output/report_tables.c), checked by measure_defs_check: */
    const char *short_title;    /* a benchmark sheet's name ("B " goes before it:
                                 * MEASURE_SHORT_MAX characters at most), or NULL:
                                 * the name */
    const char *replaced_by;    /* a series that ended: the measure that replaced
                                 * it, in words, or NULL */
    const char *den_title;      /* MU_PCT: what its denominator counts, a funnel
                                 * plot's x axis, or NULL ("Denominator") */
    const char *compared_as;    /* MU_COUNT: the rate or percentage row whose sheet
                                 * compares it across authorities with a funnel
                                 * plot (a count grows with size), or NULL */
    const char *den_rate;       /* MU_PCT published alone: a rate row of the count
                                 * that is its denominator, from which its funnel
                                 * plot derives that count, or NULL */
    const char *ni;             /* the National Indicator it is ("NI64"), or NULL */
    const char *ni_definition;  /* with .ni: the NI's definition, and */
    const char *ni_good;        /* what good performance is, for the NI summary */
};

#define MEASURE_SHORT_MAX 29

extern const struct measure_def measure_defs[];
extern const size_t measure_defs_count;

/* The definition of a measure by name, or NULL. */
const struct measure_def *measure_def_find(const char *name);

/* The row whose .breakdowns is set (children on plans): never NULL. */
const struct measure_def *measure_def_breakdowns(void);

/* Checks the registry itself: names unique, every name a row gives in
 * num_of, den_of, diff_of, inflow or outflow a row of the right kind (a
 * count, or "M#num" of a percentage), compared_as a rate or percentage and
 * den_rate a rate, the benchmark and NI fields on rows of the unit they
 * fit, exactly one .breakdowns row.  false
 * with the first fault in msg (cap bytes) otherwise.  Run by test_measures,
 * so a misspelt name in a row fails the build's tests. */
bool measure_defs_check(char *msg, size_t cap);

/* The same for a table of n rows (borrowed), for the tests. */
bool measure_defs_check_table(const struct measure_def *defs, size_t n, char *msg, size_t cap);

/* true for percentages and rates (one decimal place), false for counts. */
static inline bool measure_is_ratio(const struct measure_def *md)
{
    return md->unit != MU_COUNT;
}

/* true if md (which may be NULL) is a rate per 10,000. */
static inline bool measure_def_is_rate(const struct measure_def *md)
{
    return md && md->unit == MU_RATE;
}

#endif
