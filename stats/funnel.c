/* funnel.c — see funnel.h for the method and its sources. */
#include "stats/funnel.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

/* The beta quantile.  GSL's gsl_cdf_beta_Pinv fails to converge for some
 * large parameters (it returns NAN for q = 0.975, a = 311.4, b = 1077.6: a
 * 1,388-referral authority at England's 22.4%), so its answer is checked
 * against the beta distribution function, which is reliable, and found by
 * bisection on that function when it is wrong or missing. */
static double beta_quantile(double q, double a, double b)
{
    double x = gsl_cdf_beta_Pinv(q, a, b);
    if (isfinite(x) && x >= 0 && x <= 1 && fabs(gsl_cdf_beta_P(x, a, b) - q) < 1e-10)
        return x;
    double lo = 0, hi = 1;
    for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
        double mid = (lo + hi) / 2;
        if (gsl_cdf_beta_P(mid, a, b) < q)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

/* The chi-square quantile, checked the same way (GSL's gamma inverse has
 * not failed here, but a NAN limit would silently drop a comparison). */
static double chisq_quantile(double q, double df)
{
    double x = gsl_cdf_chisq_Pinv(q, df);
    if (isfinite(x) && x >= 0 && fabs(gsl_cdf_chisq_P(x, df) - q) < 1e-10)
        return x;
    double lo = 0, hi = df + 10 * sqrt(2 * df) + 100;
    for (int i = 0; i < 400 && hi - lo > 1e-12 * (1 + hi); i++) {
        double mid = (lo + hi) / 2;
        if (gsl_cdf_chisq_P(mid, df) < q)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

void funnel_ci(enum funnel_kind k, double x, double n, double level, double *lo, double *hi)
{
    *lo = *hi = NAN;
    double a = 1 - level;
    if (!(n > 0) || !(level > 0 && level < 1) || !(x >= 0) ||
        (k == FUNNEL_PROPORTION && x > n))
        return;
    if (k == FUNNEL_PROPORTION) {
        /* Clopper-Pearson: the beta quantiles */
        *lo = x <= 0 ? 0 : beta_quantile(a / 2, x, n - x + 1);
        *hi = x >= n ? 1 : beta_quantile(1 - a / 2, x + 1, n - x);
    } else {
        /* exact Poisson: the chi-square quantiles, halved */
        *lo = (x <= 0 ? 0 : chisq_quantile(a / 2, 2 * x) / 2) / n;
        *hi = chisq_quantile(1 - a / 2, 2 * x + 2) / 2 / n;
    }
}

/* The probability, under the interval's distribution, that the true value
 * lies at or below target, for an observed count x: the interval's lower
 * bound is at target where this is a/2, its upper bound where it is
 * 1 - a/2.  (The beta and chi-square distribution functions: the same
 * relations the quantiles in funnel_ci invert, here solved for x.) */
static double below_lower(enum funnel_kind k, double target, double n, double x)
{
    return k == FUNNEL_PROPORTION ? gsl_cdf_beta_P(target, x, n - x + 1)
                                  : gsl_cdf_chisq_P(2 * n * target, 2 * x);
}

static double below_upper(enum funnel_kind k, double target, double n, double x)
{
    return k == FUNNEL_PROPORTION ? gsl_cdf_beta_P(target, x + 1, n - x)
                                  : gsl_cdf_chisq_P(2 * n * target, 2 * x + 2);
}

/* The count x in [lo, hi] where f(x) = q, f decreasing in x. */
static double solve(double (*f)(enum funnel_kind, double, double, double), enum funnel_kind k,
                    double target, double n, double q, double lo, double hi)
{
    for (int i = 0; i < 100 && hi - lo > 1e-10 * (1 + hi); i++) {
        double mid = (lo + hi) / 2;
        if (f(k, target, n, mid) > q)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

void funnel_limits(enum funnel_kind k, double target, double n, double level, double *lo,
                   double *hi)
{
    *lo = *hi = NAN;
    double a = 1 - level;
    if (!(n > 0) || !(level > 0 && level < 1) || !(target >= 0) ||
        (k == FUNNEL_PROPORTION && target > 1))
        return;
    /* a bracket for each limit: the expected count plus or minus 12
     * standard deviations and 30 (a 99.8% limit is about 3 deviations out;
     * the margin covers the skew of small counts), within 0..n for a
     * proportion; narrow brackets keep the bisection short */
    double e = n * target, sd = sqrt(k == FUNNEL_PROPORTION ? e * (1 - target) : e);
    double top = e + 12 * sd + 30, bottom = e - 12 * sd - 30;
    if (k == FUNNEL_PROPORTION && top > n)
        top = n;
    if (bottom < 0)
        bottom = 0;
    double eps = 1e-9 * (1 + top);
    /* upper: the count whose interval's lower bound is the target */
    double xu;
    if (target <= 0)
        xu = 0;
    else if (k == FUNNEL_PROPORTION && below_lower(k, target, n, n) > a / 2)
        xu = n; /* even all n would not be significantly higher */
    else
        xu = solve(below_lower, k, target, n, a / 2, bottom > eps ? bottom : eps, top);
    /* lower: the count whose interval's upper bound is the target */
    double xl;
    if (below_upper(k, target, n, 0) < 1 - a / 2)
        xl = 0; /* even none would not be significantly lower */
    else if (k == FUNNEL_PROPORTION && target >= 1)
        xl = n;
    else
        xl = solve(below_upper, k, target, n, 1 - a / 2, bottom,
                   k == FUNNEL_PROPORTION && top > n - eps ? n - eps : top);
    *lo = xl / n;
    *hi = xu / n;
}

void funnel_limits_normal(enum funnel_kind k, double target, double n, double level,
                          double *lo, double *hi)
{
    *lo = *hi = NAN;
    if (!(n > 0) || !(level > 0 && level < 1) || !(target >= 0))
        return;
    double z = gsl_cdf_ugaussian_Pinv(1 - (1 - level) / 2);
    double var = k == FUNNEL_PROPORTION ? target * (1 - target) : target;
    double half = z * sqrt(var / n);
    *lo = target - half;
    *hi = target + half;
}

void funnel_limits4(enum funnel_kind k, double target, double n, struct funnel_limits4 *out)
{
    funnel_limits(k, target, n, FUNNEL_LEVEL_95, &out->lo95, &out->hi95);
    funnel_limits(k, target, n, FUNNEL_LEVEL_998, &out->lo998, &out->hi998);
}

void funnel_classify(double value, const struct funnel_limits4 *l, struct funnel_cmp *out)
{
    out->sig = FSIG_NOT_COMPARED;
    out->beyond998 = false;
    if (isnan(value) || isnan(l->lo95) || isnan(l->hi95) || isnan(l->lo998) ||
        isnan(l->hi998))
        return;
    /* strictly beyond: a value on the limit is within it */
    if (value > l->hi95) {
        out->sig = FSIG_HIGHER;
        out->beyond998 = value > l->hi998;
    } else if (value < l->lo95) {
        out->sig = FSIG_LOWER;
        out->beyond998 = value < l->lo998;
    } else {
        out->sig = FSIG_SIMILAR;
    }
}

const char *funnel_sig_name(enum funnel_sig s)
{
    switch (s) {
    case FSIG_LOWER: return "lower";
    case FSIG_SIMILAR: return "similar";
    case FSIG_HIGHER: return "higher";
    default: return "not compared";
    }
}

const char *funnel_judgement(enum funnel_sig s, char polarity)
{
    if ((s != FSIG_HIGHER && s != FSIG_LOWER) || (polarity != 'h' && polarity != 'l'))
        return "";
    return (s == FSIG_HIGHER) == (polarity == 'h') ? "better" : "worse";
}

void funnel_trend_proportion(const double *year, const double *num, const double *den,
                             size_t n, struct funnel_trend *out)
{
    *out = (struct funnel_trend){0};
    double sn = 0, sr = 0, snx = 0;
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(den[i] > 0) || !(num[i] >= 0))
            continue;
        sn += den[i];
        sr += num[i];
        snx += den[i] * year[i];
        used++;
    }
    if (used < 2)
        return;
    double pbar = sr / sn, xbar = snx / sn, t = 0, sxx = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(den[i] > 0) || !(num[i] >= 0))
            continue;
        t += num[i] * (year[i] - xbar);
        sxx += den[i] * (year[i] - xbar) * (year[i] - xbar);
    }
    if (!(pbar > 0 && pbar < 1) || !(sxx > 0))
        return;
    out->tested = true;
    out->years = (int)used;
    out->stat = t * t / (pbar * (1 - pbar) * sxx);
    out->p = gsl_cdf_chisq_Q(out->stat, 1);
    out->change = 100 * t / sxx; /* the weighted least-squares slope of p on x */
}

void funnel_trend_rate(const double *year, const double *count, const double *pop, size_t n,
                       struct funnel_trend *out)
{
    *out = (struct funnel_trend){0};
    double sc = 0, sp = 0, sx = 0;
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(pop[i] > 0) || !(count[i] >= 0))
            continue;
        sc += count[i];
        sp += pop[i];
        sx += year[i];
        used++;
    }
    if (used < 2 || !(sc > 0))
        return;
    /* centre the years: the intercept and slope are then nearly orthogonal */
    double xc = sx / (double)used;
    double a = log(sc / sp), b = 0, vb = NAN;
    bool converged = false;
    for (int it = 0; it < 100 && !converged; it++) {
        double g0 = 0, g1 = 0, i00 = 0, i01 = 0, i11 = 0;
        for (size_t i = 0; i < n; i++) {
            if (!(pop[i] > 0) || !(count[i] >= 0))
                continue;
            double x = year[i] - xc, mu = pop[i] * exp(a + b * x);
            g0 += count[i] - mu;
            g1 += x * (count[i] - mu);
            i00 += mu;
            i01 += x * mu;
            i11 += x * x * mu;
        }
        double det = i00 * i11 - i01 * i01;
        if (!(det > 0))
            return;
        double da = (i11 * g0 - i01 * g1) / det, db = (i00 * g1 - i01 * g0) / det;
        a += da;
        b += db;
        vb = i00 / det;
        converged = fabs(da) < 1e-12 && fabs(db) < 1e-12;
        if (!isfinite(a) || !isfinite(b) || fabs(b) > 50)
            return; /* all events at one end: the slope runs off to infinity */
    }
    if (!converged || !(vb > 0))
        return;
    out->tested = true;
    out->years = (int)used;
    out->stat = b * b / vb;
    out->p = gsl_cdf_chisq_Q(out->stat, 1);
    out->change = 100 * (exp(b) - 1);
}

const char *funnel_trend_word(const struct funnel_trend *t)
{
    if (!t->tested)
        return "not tested";
    if (t->p >= 0.05)
        return "no significant change";
    return t->change > 0 ? "rising" : t->change < 0 ? "falling" : "no significant change";
}
