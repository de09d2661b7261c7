/*
 * funnel.h — funnel plots, significance and tests for trend for the
 * benchmark indicators (issue 19): is a difference from England, or from
 * the statistical neighbours, more than chance?  Is a trend real?
 *
 * The method is that of England's public health profiles (Fingertips) and
 * Spiegelhalter, "Funnel plots for comparing institutional performance",
 * Statistics in Medicine 24 (2005) 1185-1202: an authority's value is
 * plotted against its denominator n (its "precision") and compared with
 * control limits around the England value at 95% ("2 sigma") and 99.8%
 * ("3 sigma") coverage, which narrow as n grows.
 *
 * The limits are exact and say the same as Fingertips' comparison with
 * England (is England's value outside the authority's own exact interval?):
 * the upper limit at n is the count x whose exact interval's lower bound is
 * the target, the lower limit the count whose upper bound is the target,
 * the intervals being
 *
 *   proportion (Clopper-Pearson)  B^-1(a/2; x, n-x+1)   to  B^-1(1-a/2; x+1, n-x)
 *   rate (exact Poisson, Ulm 1990) X2^-1(a/2; 2x) / 2n  to  X2^-1(1-a/2; 2x+2) / 2n
 *
 * (a = 1 - level; B^-1 the beta quantile, gsl_cdf_beta_Pinv; X2^-1 the
 * chi-square quantile, gsl_cdf_chisq_Pinv: funnel_ci).  The limits solve
 * those relations for x, continuously, by bisection on the beta and
 * chi-square distribution functions (the same relations; the quantile
 * functions would have to be nested inside the search).  So a point is
 * beyond a limit exactly when its own exact interval excludes the target,
 * and the discreteness of small counts is respected: with 1.5 children
 * expected, none is not "significantly low" (P(0) = 0.22), which limits
 * drawn as the interval of the expected count would say it is.  A value
 * exactly on a limit is inside it (not significant).
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

/* The exact interval of x events in n (see above), on the scale of target
 * (a proportion, or events per unit of n); NAN if n <= 0 or x is out of
 * range. */
void funnel_ci(enum funnel_kind k, double x, double n, double level, double *lo, double *hi);

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
