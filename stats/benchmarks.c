/* benchmarks.c — see benchmarks.h. */
#define _POSIX_C_SOURCE 200809L
#include "stats/benchmarks.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/csvio.h"
#include "stats/funnel_pub.h"
#include "common/measure_defs.h"
#include "common/paths.h"
#include "common/text.h"

/* ---- statistical neighbours ---- */

struct snload {
    const char *la, *path;
    int model;
    char (*out)[8];
    int *n;
    int c_la, c_sn[10];
    bool header;
};

static lscb_err on_sn(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct snload *s = ctx;
    if (!s->header) {
        s->header = true;
        s->c_la = -1;
        for (int k = 0; k < 10; k++)
            s->c_sn[k] = -1;
        for (size_t i = 0; i < n; i++) {
            if (!strcmp(f[i], s->model == 2021 ? "LA num" : "old_la_code"))
                s->c_la = (int)i;
            for (int k = 0; k < 10; k++) {
                char name[16];
                if (s->model == 2021)
                    snprintf(name, sizeof name, "SN%d", k + 1);
                else
                    snprintf(name, sizeof name, "SN_%d", k + 1);
                if (!strcmp(f[i], name))
                    s->c_sn[k] = (int)i;
            }
        }
        for (int k = 0; k < 10; k++)
            if (s->c_sn[k] < 0 || s->c_la < 0)
                return lscb_fail(e, LSCB_EINPUT, "%s:%ld: not a %d statistical-neighbour file "
                                 "(columns missing)", s->path, line, s->model);
        return LSCB_OK;
    }
    if ((size_t)s->c_la >= n || strcmp(f[s->c_la], s->la))
        return LSCB_OK;
    for (int k = 0; k < 10; k++) {
        const char *c = (size_t)s->c_sn[k] < n ? f[s->c_sn[k]] : "";
        if (strlen(c) != 3 || strspn(c, "0123456789") != 3)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: neighbour %d of LA %s: '%s' is not an LA "
                             "code", s->path, line, k + 1, s->la, c);
        memcpy(s->out[(*s->n)++], c, 4); /* 3 digits, checked above */
    }
    return LSCB_OK;
}

lscb_err sn_load(const char *dir, int model, const char *la, char out[][8], int *n,
                 struct lscb_error *e)
{
    *n = 0;
    const char *file = model == 2021
                           ? "dfe-statistical-neighbours/New_Statistical_Neighbour_Groupings_April_2021.csv"
                           : "dfe-statistical-neighbours/sn_model_2025_wide.csv";
    char *path = path_join(dir, file);
    struct snload s = {.la = la, .path = path, .model = model, .out = out, .n = n};
    lscb_err rc = csv_read_path(path, on_sn, &s, e);
    free(path);
    return rc;
}

/* ---- polarity: the measure registry's ---- */

static char polarity_of(const char *m)
{
    const struct measure_def *md = measure_def_find(m);
    return md ? md->polarity : 'n';
}

/* ---- the computations ---- */

/* Wilson 95% interval for x of n, as percentages. */
static void wilson(double x, double n, double *lo, double *hi)
{
    double z = 1.959963984540054, p = x / n, z2 = z * z;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
    *lo = 100 * (centre - half);
    *hi = 100 * (centre + half);
}

/* Exact Poisson 95% interval for a count, as a rate per 10,000 of pop. */
static void poisson(double count, double pop, double *lo, double *hi)
{
    double l = count > 0 ? gsl_cdf_chisq_Pinv(0.025, 2 * count) / 2 : 0;
    double u = gsl_cdf_chisq_Pinv(0.975, 2 * count + 2) / 2;
    *lo = l / pop * 10000;
    *hi = u / pop * 10000;
}

static void fmt(char *buf, size_t cap, double v, int dp)
{
    /* half up, away from representation error */
    double scale = pow(10, dp);
    double r = floor(fabs(v) * scale + 0.5 + 1e-9) / scale;
    text_number(buf, cap, v < 0 ? -r : r, dp); /* cap >= 25: never cut */
}

static const struct own_value *own_get(const struct own_value *own, size_t n, const char *m,
                                       int year)
{
    for (size_t i = 0; i < n; i++)
        if (own[i].year == year && !strcmp(own[i].measure, m))
            return &own[i];
    return NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

struct bench_ctx {
    const struct pub_set *p;
    const struct lscb_config *cfg;
    const struct own_value *own;
    size_t nown;
    char neighbours[CFG_MAX_CODES][8];
    int nneighbours;
    char region[12];
    double *all;                 /* scratch: every LA's value */
    char *rsource;               /* the last region and England notes (text_xappend): */
    char *esource;               /* every release that disagrees is named */
};

/* The authority's value for a measure and year: its own returns first. */
static bool la_value(const struct bench_ctx *b, const char *m, int year, double *v, double *num,
                     double *den, bool *has_nd, const char **source, int *release)
{
    const struct own_value *o = own_get(b->own, b->nown, m, year);
    *release = -1;
    if (o) {
        *v = o->value;
        *num = o->num;
        *den = o->den;
        *has_nd = o->has_num && o->has_den;
        *source = o->source ? o->source : "computed from the authority's census returns";
        return true;
    }
    const struct pub_value *pv = pub_get(b->p, b->cfg->la, year, m);
    if (!pv)
        return false;
    *v = pv->value;
    *num = pv->num;
    *den = pv->den;
    *has_nd = pv->has_num && pv->has_den;
    if (!*has_nd) {
        /* LAIT prints values only: the counts of another release that
         * printed the same value give its interval */
        size_t n = 0;
        const struct pub_value *all = pub_all(b->p, b->cfg->la, year, m, &n);
        for (size_t i = n; i-- > 0 && !*has_nd;)
            if (all[i].has_value && !all[i].suppressed && all[i].has_num && all[i].has_den &&
                fabs(all[i].value - pv->value) < 0.05) {
                *num = all[i].num;
                *den = all[i].den;
                *has_nd = true;
            }
    }
    *source = b->p->releases[pv->release];
    *release = pv->release;
    return true;
}

/* Writes into buf the release a published figure was taken from and, when
 * older releases printed another value for it, what they printed (the
 * newest release wins: later releases carry revised returns and
 * populations). */
static const char *release_note(const struct bench_ctx *b, const struct pub_value *pv,
                                const char *m, char **slot)
{
    const struct measure_def *md = measure_def_find(m);
    int dp = md && measure_is_ratio(md) ? 1 : 0;
    free(*slot);
    *slot = lscb_xstrdup(b->p->releases[pv->release]);
    size_t n = 0;
    const struct pub_value *all = pub_all(b->p, pv->code, pv->year, m, &n);
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        const struct pub_value *o = &all[i];
        if (o == pv || !o->has_value || o->suppressed || fabs(o->value - pv->value) < 0.05)
            continue;
        text_xappend(slot, "%s%s gives %.*f", first ? " (newest; " : "; ",
                     b->p->releases[o->release], dp, o->value);
        first = false;
    }
    if (!first)
        text_xappend(slot, ")");
    return *slot;
}

/* The region's value: the release's regional row, else the sum of its
 * authorities' numerators over their denominators. */
static bool region_value(struct bench_ctx *b, const char *m, int year, double *v,
                         const char **source, int *release)
{
    const struct pub_value *pv = pub_get(b->p, b->region, year, m);
    *release = -1;
    if (pv) {
        *v = pv->value;
        *release = pv->release;
        *source = release_note(b, pv, m, &b->rsource);
        return true;
    }
    const struct measure_def *md = measure_def_find(m);
    if (!md || !measure_is_ratio(md) || !b->region[0])
        return false;
    /* members whose counts are suppressed or missing are left out; the
     * note says how many were used */
    double num = 0, den = 0;
    int members = 0, used = 0;
    for (int i = 0; i < b->p->nla_region; i++) {
        if (strcmp(b->p->la_region[i][1], b->region))
            continue;
        members++;
        const struct pub_value *lv = pub_get(b->p, b->p->la_region[i][0], year, m);
        if (!lv || !lv->has_num || !lv->has_den)
            continue;
        num += lv->num;
        den += lv->den;
        used++;
    }
    if (!used || den <= 0 || used * 2 < members)
        return false;
    *v = num / den * (measure_def_is_rate(md) ? 10000 : 100);
    free(b->rsource);
    b->rsource = text_xfmt("aggregated from %d of the region's %d authorities' published counts",
                           used, members);
    *source = b->rsource;
    return true;
}

/* Everything benchmarks.csv says of one measure and year. */
struct bench_row {
    bool have;                 /* the authority has a value */
    double value, num, den;
    bool has_nd;
    const char *source, *rsource;
    int nsn;
    double sn_mean, sn_median;
    char used[CFG_MAX_CODES * 4 + 1];
    bool have_region, have_england;
    double region, england;
    int rank, rank_of;         /* among the authorities of rank_release */
    int rank_release;          /* the release ranked in, -1 none */
    int la_release, region_release, england_release;   /* -1: not from a release */
    char pol;
    const char *esource;       /* England's release, with any disagreement */
    char quartile;             /* 'A'-'D' or 0 */
    bool ci;
    double lo, hi;
    bool trend;
    double slope;
};

static void compute(struct bench_ctx *b, const char *m, int year, struct bench_row *r)
{
    memset(r, 0, sizeof *r);
    r->source = r->rsource = "";
    int la_release;
    r->have = la_value(b, m, year, &r->value, &r->num, &r->den, &r->has_nd, &r->source,
                       &la_release);
    r->esource = "";
    r->rank_release = r->england_release = -1;
    r->la_release = la_release;
    const struct pub_value *eng = pub_get(b->p, "E92000001", year, m);
    if (eng) {
        r->england_release = eng->release;
        r->have_england = true;
        r->england = eng->value;
        r->esource = release_note(b, eng, m, &b->esource);
    }
    double sn[CFG_MAX_CODES];
    for (int i = 0; i < b->nneighbours; i++) {
        const struct pub_value *pv = pub_get(b->p, b->neighbours[i], year, m);
        if (!pv)
            continue; /* suppressed or missing: left out, counted by nsn */
        sn[r->nsn++] = pv->value;
        strncat(r->used, b->neighbours[i], sizeof r->used - strlen(r->used) - 1);
        strncat(r->used, " ", sizeof r->used - strlen(r->used) - 1);
    }
    if (r->nsn) {
        r->sn_mean = gsl_stats_mean(sn, 1, (size_t)r->nsn);
        qsort(sn, (size_t)r->nsn, sizeof sn[0], cmp_double);
        r->sn_median = gsl_stats_median_from_sorted_data(sn, 1, (size_t)r->nsn);
    }
    r->have_region = region_value(b, m, year, &r->region, &r->rsource, &r->region_release);
    char pol = polarity_of(m);
    r->pol = pol;
    const struct measure_def *md = measure_def_find(m);
    bool ranked = false;
    for (size_t i = 0; i < b->p->n && r->have && !ranked; i++) {
        const struct pub_value *pv = &b->p->v[i];
        ranked = pv->level == PUB_LA && pv->year == year && !strcmp(pv->measure, m) &&
                 pv->has_value && !pv->suppressed && strcmp(pv->code, b->cfg->la);
    }
    if (r->have && ranked) {
        /* rank among the local authorities of one release (never England
         * or a region): the release the authority's value came from, else
         * (a value computed from its own returns) the newest release with
         * authorities' values for the year */
        int rel = la_release;
        for (size_t i = 0; i < b->p->n && rel < 0; i++) {
            const struct pub_value *pv = &b->p->v[i];
            if (pv->level == PUB_LA && pv->year == year && !strcmp(pv->measure, m) &&
                pv->has_value && !pv->suppressed)
                rel = pv->release;
        }
        for (size_t i = 0; i < b->p->n && la_release < 0; i++) {
            const struct pub_value *pv = &b->p->v[i];
            if (pv->level == PUB_LA && pv->year == year && !strcmp(pv->measure, m) &&
                pv->has_value && !pv->suppressed && pv->release > rel)
                rel = pv->release;
        }
        r->rank_release = rel;
        size_t nall = 0;
        for (size_t i = 0; i < b->p->n; i++) {
            const struct pub_value *pv = &b->p->v[i];
            if (pv->level != PUB_LA || pv->year != year || pv->release != rel ||
                !pv->has_value || pv->suppressed || strcmp(pv->measure, m) ||
                strcmp(pv->code, b->cfg->la) == 0)
                continue;
            b->all[nall++] = pv->value;
        }
        b->all[nall++] = r->value;
        gsl_sort(b->all, 1, nall);
        int better = 0;
        for (size_t i = 0; i < nall; i++)
            better += pol == 'h' ? b->all[i] > r->value : b->all[i] < r->value;
        r->rank = better + 1;
        r->rank_of = (int)nall;
        if (pol != 'n' && nall >= 4) {
            double v = r->value;
            double q1 = gsl_stats_quantile_from_sorted_data(b->all, 1, nall, 0.25);
            double q2 = gsl_stats_quantile_from_sorted_data(b->all, 1, nall, 0.50);
            double q3 = gsl_stats_quantile_from_sorted_data(b->all, 1, nall, 0.75);
            r->quartile = pol == 'h' ? (v >= q3 ? 'A' : v >= q2 ? 'B' : v >= q1 ? 'C' : 'D')
                                     : (v <= q1 ? 'A' : v <= q2 ? 'B' : v <= q3 ? 'C' : 'D');
        }
    }
    if (r->have) {
        if (r->has_nd && r->den > 0 && md && measure_is_ratio(md)) {
            if (md->unit == MU_RATE)
                poisson(r->num, r->den, &r->lo, &r->hi);
            else
                wilson(r->num, r->den, &r->lo, &r->hi);
            r->ci = true;
        }
    }
    double xs[64], ys[64];
    size_t nt = 0;
    for (int y = year - 30; y <= year && nt < 64; y++) {
        double tv, tn, td;
        bool nd;
        const char *src;
        int trel;
        if (la_value(b, m, y, &tv, &tn, &td, &nd, &src, &trel)) {
            xs[nt] = y;
            ys[nt++] = tv;
        }
    }
    double c0, cov00, cov01, cov11, sumsq;
    if (nt >= 3 && gsl_fit_linear(xs, 1, ys, 1, nt, &c0, &r->slope, &cov00, &cov01, &cov11,
                                  &sumsq) == 0)
        r->trend = true;
}

static void one_row(struct bench_ctx *b, FILE *out, FILE *notes, const char *m, int year)
{
    struct bench_row r;
    compute(b, m, year, &r);
    if (!r.have && !r.nsn && !r.have_england)
        return;
    const struct measure_def *md = measure_def_find(m);
    int dp = md && measure_is_ratio(md) ? 1 : 0;
    char s_v[32] = "", s_mean[32] = "", s_med[32] = "", s_cnt[12], s_reg[32] = "",
         s_eng[32] = "", s_rank[12] = "", s_of[12] = "", s_q[2] = {r.quartile, 0}, s_lo[32] = "",
         s_hi[32] = "", s_tr[32] = "", yb[12];
    if (r.have)
        fmt(s_v, sizeof s_v, r.value, dp);
    if (r.have && r.rank_of > 0) { /* no other authority's value: no rank */
        snprintf(s_rank, sizeof s_rank, "%d", r.rank);
        snprintf(s_of, sizeof s_of, "%d", r.rank_of);
    }
    snprintf(s_cnt, sizeof s_cnt, "%d", r.nsn);
    if (r.nsn) {
        fmt(s_mean, sizeof s_mean, r.sn_mean, 1);
        fmt(s_med, sizeof s_med, r.sn_median, 1);
    }
    if (r.have_region)
        fmt(s_reg, sizeof s_reg, r.region, dp);
    if (r.have_england)
        fmt(s_eng, sizeof s_eng, r.england, dp);
    if (r.ci) {
        fmt(s_lo, sizeof s_lo, r.lo, 1);
        fmt(s_hi, sizeof s_hi, r.hi, 1);
    }
    if (r.trend)
        fmt(s_tr, sizeof s_tr, r.slope, 2);
    snprintf(yb, sizeof yb, "%d", year);
    double agg = b->cfg->sn_median ? r.sn_median : r.sn_mean;
    /* DESIGN's 16 columns, then the funnel plot's significance and trend
     * (funnel_pub.h), appended so existing readers keep working */
    struct funnel_result fr;
    funnel_result_get(b->p, b->own, b->nown, b->cfg->la, m, year, r.nsn ? agg : NAN, &fr);
    char ff[FUNNEL_BENCH_NCOLS][48];
    funnel_bench_fields(&fr, polarity_of(m), ff);
    const char *row[16 + FUNNEL_BENCH_NCOLS] = {m,     yb,    b->cfg->la, s_v,  s_mean, s_med,
                                                s_cnt, b->region, s_reg, s_eng, s_rank, s_of,
                                                s_q,   s_lo,  s_hi,  s_tr};
    for (int i = 0; i < FUNNEL_BENCH_NCOLS; i++)
        row[16 + i] = ff[i];
    csv_put_text_row(out, row, 16 + FUNNEL_BENCH_NCOLS);
    const char *d_sn = !r.ci || !r.nsn ? "" : (agg < r.lo || agg > r.hi) ? "yes" : "no";
    const char *d_en = !r.ci || !r.have_england ? ""
                       : (r.england < r.lo || r.england > r.hi) ? "yes" : "no";
    char among[160] = "";
    if (r.have && r.rank_release >= 0)
        snprintf(among, sizeof among, "%d local authorities with a value in %.95s", r.rank_of,
                 b->p->releases[r.rank_release]);
    const char *nrow[] = {m,    yb,   b->cfg->la, r.have ? r.source : "", r.rsource, r.used,
                          d_sn, d_en, r.esource,  among};
    csv_put_text_row(notes, nrow, 10);
}

/* ---- lookups for the template's tables ---- */

struct bench *bench_open(const struct pub_set *p, const struct lscb_config *cfg,
                         const struct own_value *own, size_t nown, struct lscb_error *e)
{
    (void)e;   /* nothing fails here but memory, which exits (lscb.h) */
    struct bench_ctx *b = lscb_xcalloc(1, sizeof *b);
    b->p = p;
    b->cfg = cfg;
    b->own = own;
    b->nown = nown;
    b->all = lscb_xmalloc((p->n + 2) * sizeof *b->all);
    memcpy(b->neighbours, cfg->neighbours, sizeof b->neighbours);
    b->nneighbours = cfg->nneighbours;
    const char *region = cfg->region[0] ? cfg->region : pub_region_of(p, cfg->la);
    memcpy(b->region, region, strlen(region) + 1); /* char[12] both, or "" */
    return (struct bench *)b;
}

void bench_close(struct bench *bench)
{
    struct bench_ctx *b = (struct bench_ctx *)bench;
    if (!b)
        return;
    free(b->all);
    free(b->rsource);
    free(b->esource);
    free(b);
}

bool bench_value(struct bench *bench, const char *measure, int year, const char *who,
                 double *v)
{
    struct bench_ctx *b = (struct bench_ctx *)bench;
    if (!strcmp(who, "la") || !strcmp(who, "sn") || !strcmp(who, "region") ||
        !strcmp(who, "england")) {
        struct bench_row r;
        compute(b, measure, year, &r);
        switch (who[0]) {
        case 'l': *v = r.value; return r.have;
        case 's': *v = b->cfg->sn_median ? r.sn_median : r.sn_mean; return r.nsn > 0;
        case 'r': *v = r.region; return r.have_region;
        default: *v = r.england; return r.have_england;
        }
    }
    if (!strcmp(who, b->cfg->la)) {
        double n, d;
        bool nd;
        const char *src;
        int rel;
        return la_value(b, measure, year, v, &n, &d, &nd, &src, &rel);
    }
    const struct pub_value *pv = pub_get(b->p, who, year, measure);
    if (!pv)
        return false;
    *v = pv->value;
    return true;
}

int bench_differs(struct bench *bench, const char *measure, int year, const char *who)
{
    struct bench_ctx *b = (struct bench_ctx *)bench;
    struct bench_row r;
    compute(b, measure, year, &r);
    if (!r.ci)
        return -1;
    double x;
    if (!strcmp(who, "england")) {
        if (!r.have_england)
            return -1;
        x = r.england;
    } else {
        if (!r.nsn)
            return -1;
        x = b->cfg->sn_median ? r.sn_median : r.sn_mean;
    }
    return x < r.lo || x > r.hi;
}

void bench_funnel(struct bench *bench, const char *measure, int year,
                  struct funnel_result *out)
{
    struct bench_ctx *b = (struct bench_ctx *)bench;
    struct bench_row r;
    compute(b, measure, year, &r);
    double agg = b->cfg->sn_median ? r.sn_median : r.sn_mean;
    funnel_result_get(b->p, b->own, b->nown, b->cfg->la, measure, year, r.nsn ? agg : NAN, out);
}

char bench_polarity(struct bench *bench, const char *measure)
{
    (void)bench;
    return polarity_of(measure);
}

void bench_fig_get(struct bench *bench, const char *measure, int year, struct bench_fig *f)
{
    struct bench_ctx *b = (struct bench_ctx *)bench;
    struct bench_row r;
    compute(b, measure, year, &r);
    memset(f, 0, sizeof *f);
    f->have = r.have;
    f->value = r.value;
    f->la_release = r.la_release;
    f->la_source = r.have ? r.source : "";
    f->nsn = r.nsn;
    f->sn_agg = b->cfg->sn_median ? r.sn_median : r.sn_mean;
    f->have_region = r.have_region;
    f->region = r.region;
    f->region_release = r.region_release;
    f->region_source = r.rsource;
    f->have_england = r.have_england;
    f->england = r.england;
    f->england_release = r.england_release;
    f->rank = r.rank;
    f->rank_of = r.rank_of;
    f->rank_release = r.rank_release;
    f->quartile = r.quartile;
    f->polarity = r.pol;
    f->ci = r.ci;
    f->lo = r.lo;
    f->hi = r.hi;
    f->trend = r.trend;
    f->slope = r.slope;
}

const char *bench_region(const struct bench *bench)
{
    return ((const struct bench_ctx *)bench)->region;
}

lscb_err benchmarks_write(const struct pub_set *p, const struct lscb_config *cfg,
                          const struct own_value *own, size_t nown, const char *outdir,
                          struct lscb_error *e)
{
    struct bench_ctx *b = (struct bench_ctx *)bench_open(p, cfg, own, nown, e);
    if (!b)
        return e->code ? e->code : LSCB_ESYS;
    lscb_err rc = LSCB_OK;
    struct afile out = {0}, notes = {0};
    char *op = path_join(outdir, "benchmarks.csv"), *np = path_join(outdir,
                                                                     "benchmarks-notes.csv");
    rc = afile_open(&out, op, e);
    if (rc == LSCB_OK)
        rc = afile_open(&notes, np, e);
    if (rc == LSCB_OK) {
        fputs("measure,year,la_code,value,sn_mean,sn_median,sn_count,region_code,region_value,"
              "england_value,rank,rank_of,quartile,ci_low,ci_high,trend_slope,"
              FUNNEL_BENCH_HEADER "\n", out.fp);
        fputs("measure,year,la_code,value_source,region_source,neighbours_with_a_value,"
              "differs_from_sn,differs_from_england,england_source,ranked_among\n", notes.fp);
        int ymin = 9999, ymax = 0;
        for (size_t i = 0; i < p->n; i++) {
            ymin = p->v[i].year < ymin ? p->v[i].year : ymin;
            ymax = p->v[i].year > ymax ? p->v[i].year : ymax;
        }
        for (size_t i = 0; i < nown; i++) {
            ymin = own[i].year < ymin ? own[i].year : ymin;
            ymax = own[i].year > ymax ? own[i].year : ymax;
        }
        for (size_t k = 0; k < measure_defs_count; k++) {
            const char *m = measure_defs[k].name;
            bool any = false;
            for (size_t i = 0; i < p->n && !any; i++)
                any = !strcmp(p->v[i].measure, m);
            if (!any)
                continue;
            for (int y = ymin; y <= ymax; y++)
                one_row(b, out.fp, notes.fp, m, y);
        }
        rc = afile_commit(&out, e);
        if (rc == LSCB_OK)
            rc = afile_commit(&notes, e);
    }
    afile_abort(&out);
    afile_abort(&notes);
    free(op);
    free(np);
    bench_close((struct bench *)b);
    return rc;
}
