/*
 * funnel.h — funnel plots, significance and tests for trend for the
 * benchmark indicators (issue 19): is a difference from England, or from
 * the statistical neighbours, more than chance?  Is a trend real?
 *
 * The method is that of England's public health profiles (Fingertips) and
 * Spiegelhalter, "Funnel plots for comparing institutional performance",
 * Statistics in Medicine 24 (2005) 1185-1202: an authority's value is
 * plotted against its denominator (its "precision") and compared with
 * control limits around the England value at 95% ("2 sigma") and 99.8%
 * ("3 sigma") coverage, which narrow as the denominator grows.  The limits
 * are exact: for a proportion the binomial (Clopper-Pearson) interval, for
 * a rate the Poisson interval, each taken at the count expected at that
 * denominator, E = n x target (as the NHS-R FunnelPlotR package's exact
 * Poisson limits and PHE's exact Poisson interval, Ulm 1990):
 *
 *   proportion  lower = B^-1(a/2; E, n-E+1)      upper = B^-1(1-a/2; E+1, n-E)
 *   rate        lower = X2^-1(a/2; 2E) / 2n      upper = X2^-1(1-a/2; 2E+2) / 2n
 *
 * with a = 1 - level, B^-1 the beta quantile (gsl_cdf_beta_Pinv) and X2^-1
 * the chi-square quantile (gsl_cdf_chisq_Pinv).  For a whole E these are
 * the textbook exact intervals of E events in n; for a fractional E the
 * same formulas interpolate between them.  A value exactly on a limit is
 * inside it (not significant): only a value beyond a limit is.
 *
 * Everything here is pure arithmetic on doubles: no I/O, no allocation.
 */
#ifndef LSCB_FUNNEL_H
#define LSCB_FUNNEL_H

#include <stdbool.h>
#include <stddef.h>

enum funnel_kind {
    FUNNEL_PROPORTION,   /* numerator of denominator, target in [0, 1] */
    FUNNEL_RATE          /* events per unit of denominator (population) */
};

/* The two coverage levels of every funnel plot. */
#define FUNNEL_LEVEL_95 0.95
#define FUNNEL_LEVEL_998 0.998

/* Exact control limits at denominator n (> 0) around target (a proportion,
 * or events per unit of n), for the two-sided coverage level; on the same
 * scale as target.  n <= 0 or a target outside its range: NAN limits. */
void funnel_limits(enum funnel_kind k, double target, double n, double level, double *lo,
                   double *hi);

/* The normal approximation, target +- z sqrt(var / n) (var = t(1-t) for a
 * proportion, t for a rate), for comparison: it is what the exact limits
 * replace, and it fails for small n (a lower limit below zero). */
void funnel_limits_normal(enum funnel_kind k, double target, double n, double level,
                          double *lo, double *hi);

/* The four limits of a funnel at one denominator. */
struct funnel_limits4 {
    double lo998, lo95, hi95, hi998;
};
void funnel_limits4(enum funnel_kind k, double target, double n, struct funnel_limits4 *out);

enum funnel_sig {
    FSIG_NOT_COMPARED,   /* no value, no denominator, suppressed, no target */
    FSIG_LOWER,          /* below the lower 95% limit */
    FSIG_SIMILAR,        /* within the 95% limits, or exactly on one */
    FSIG_HIGHER          /* above the upper 95% limit */
};

struct funnel_cmp {
    enum funnel_sig sig;
    bool beyond998;      /* also beyond the 99.8% limit on that side */
};

/* Where value lies against the limits (same scale).  Exactly on a limit is
 * inside.  A NAN value or limit: not compared. */
void funnel_classify(double value, const struct funnel_limits4 *l, struct funnel_cmp *out);

/* "higher", "similar", "lower", "not compared". */
const char *funnel_sig_name(enum funnel_sig s);

/* With the measure's polarity ('h' higher is better, 'l' lower is better,
 * 'n' neutral): "better", "worse", or "" (similar, neutral or not
 * compared). */
const char *funnel_judgement(enum funnel_sig s, char polarity);

/* A test for trend over a few years (the caller picks them: the benchmark
 * uses the last five). */
struct funnel_trend {
    bool tested;
    int years;           /* years used */
    double change;       /* proportions: percentage points a year (the
                            weighted least-squares slope); rates: per cent a
                            year (100 (e^b - 1), b the Poisson slope) */
    double stat;         /* chi-square (1 df) or Wald z squared */
    double p;            /* two-sided p-value */
};

/* Chi-square test for trend in proportions (Armitage 1955; Altman,
 * Practical Statistics for Medical Research, 10.7.4): years as scores,
 * chi2 = T^2 / (pbar (1 - pbar) sum n_i (x_i - xbar)^2) with
 * T = sum r_i (x_i - xbar), xbar weighted by n_i.  Needs 2 years or more
 * with n_i > 0 and 0 < pbar < 1; otherwise not tested. */
void funnel_trend_proportion(const double *year, const double *num, const double *den,
                             size_t n, struct funnel_trend *out);

/* Poisson regression of counts on year with log(population) as offset,
 * log mu_i = log n_i + a + b x_i, fitted by Newton-Raphson; Wald test of
 * b = 0.  Needs 2 years or more with a positive population and a count in
 * total; otherwise (or if the fit does not converge) not tested. */
void funnel_trend_rate(const double *year, const double *count, const double *pop, size_t n,
                       struct funnel_trend *out);

/* "rising", "falling", "no significant change" (p >= 0.05) or "not tested". */
const char *funnel_trend_word(const struct funnel_trend *t);

#endif
