/* funnel_pub.c — see funnel_pub.h. */
#define _POSIX_C_SOURCE 200809L
#include "stats/funnel_pub.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/csvio.h"
#include "common/measure_defs.h"
#include "common/text.h"

#define ENGLAND "E92000001"
#define TREND_YEARS 5
#define TREND_MIN_YEARS 3

bool funnel_measure(const char *measure, enum funnel_kind *kind, double *scale)
{
    const struct measure_def *md = measure_def_find(measure);
    if (!md || !measure_is_ratio(md))
        return false;
    bool rate = md->unit == MU_RATE;
    *kind = rate ? FUNNEL_RATE : FUNNEL_PROPORTION;
    *scale = rate ? 10000 : 100;
    return true;
}

/* The population aged 0-17 behind any published rate of code for the year. */
static bool population_of(const struct pub_set *p, const char *code, int year, double *pop)
{
    for (size_t k = 0; k < measure_defs_count; k++) {
        if (measure_defs[k].unit != MU_RATE)
            continue;
        size_t n;
        const struct pub_value *g = pub_all(p, code, year, measure_defs[k].name, &n);
        for (size_t i = n; i-- > 0;)
            if (g[i].has_den && g[i].den > 0) {
                *pop = g[i].den;
                return true;
            }
    }
    return false;
}

const char *funnel_derived_note(enum funnel_derived d, bool row)
{
    static const char *const how[][2] = {
        {"", ""},
        {"rate and population", "count worked out from the published rate and population"},
        {"percentage, the rate of its denominator and the population",
         "counts worked out from the published percentage, the rate of its denominator and "
         "the population"},
        {"percentage and the published count of its denominator",
         "counts worked out from the published percentage and the published count of its "
         "denominator"}};
    return how[d][row ? 1 : 0];
}

/* The published count of code's measure m for the year (newest release
 * first), when not suppressed and above 0. */
static bool published_count(const struct pub_set *p, const char *code, int year, const char *m,
                            double *out)
{
    size_t n;
    const struct pub_value *g = pub_all(p, code, year, m, &n);
    for (size_t i = n; i-- > 0;)
        if (!g[i].suppressed && g[i].has_value && g[i].value > 0) {
            *out = g[i].value;
            return true;
        }
    return false;
}

bool funnel_counts(const struct pub_set *p, const char *code, int year, const char *measure,
                   double *num, double *den, enum funnel_derived *derived)
{
    *derived = FD_NONE;
    size_t n;
    const struct pub_value *g = pub_all(p, code, year, measure, &n);
    /* newest release last: the newest with both parts wins */
    for (size_t i = n; i-- > 0;)
        if (!g[i].suppressed && g[i].has_num && g[i].has_den && g[i].den > 0) {
            *num = g[i].num;
            *den = g[i].den;
            return true;
        }
    const struct measure_def *md = measure_def_find(measure);
    if (md && md->unit == MU_PCT) {
        const struct pub_value *v = pub_get(p, code, year, measure);
        if (!v || v->suppressed || !v->has_value)
            return false;
        /* a percentage published alone: its denominator the count the
         * registry names (NI68's referrals), where published; else a rate
         * another release publishes of it: NI64's plans ended, from LAIT's
         * rate of plans ceasing (DeRegCPR) and the population */
        double d = 0;
        enum funnel_derived how = FD_NONE, dd;
        if (md->den_of && !strchr(md->den_of, '#') &&
            published_count(p, code, year, md->den_of, &d))
            how = FD_PCT_COUNT;
        double pop;
        if (how == FD_NONE && md->den_rate &&
            funnel_counts(p, code, year, md->den_rate, &d, &pop, &dd) && d > 0)
            how = FD_PCT_RATE;
        if (how == FD_NONE)
            return false;
        *den = d;
        *num = floor(v->value * d / 100 + 0.5);
        *derived = how;
        return true;
    }
    if (!measure_def_is_rate(md))
        return false;
    const struct pub_value *v = pub_get(p, code, year, measure);
    double pop;
    if (!v || !population_of(p, code, year, &pop))
        return false;
    *num = floor(v->value * pop / 10000 + 0.5);
    *den = pop;
    *derived = FD_RATE;
    return true;
}

static const struct own_value *own_find(const struct own_value *own, size_t nown,
                                        const char *m, int year)
{
    for (size_t i = 0; i < nown; i++)
        if (own[i].year == year && !strcmp(own[i].measure, m))
            return &own[i];
    return NULL;
}

/* The authority's counts: its own returns first, then the releases. */
static bool la_counts(const struct pub_set *p, const struct own_value *own, size_t nown,
                      const char *la, const char *m, int year, double *num, double *den,
                      enum funnel_derived *derived)
{
    *derived = FD_NONE;
    const struct own_value *o = own_find(own, nown, m, year);
    if (o) {
        if (!o->has_num || !o->has_den || !(o->den > 0))
            return false;
        *num = o->num;
        *den = o->den;
        return true;
    }
    return funnel_counts(p, la, year, m, num, den, derived);
}

/* England's value as a proportion or per child: its counts where
 * published, else its published value. */
static bool england_target(const struct pub_set *p, const char *m, int year, double scale,
                           double *t)
{
    double num, den;
    enum funnel_derived derived;
    if (funnel_counts(p, ENGLAND, year, m, &num, &den, &derived) && derived == FD_NONE) {
        *t = num / den;
        return true;
    }
    const struct pub_value *v = pub_get(p, ENGLAND, year, m);
    if (!v)
        return false;
    *t = v->value / scale;
    return true;
}

static const char *why_no_counts(const struct pub_set *p, const char *code, const char *m,
                                  int year)
{
    size_t n;
    const struct pub_value *g = pub_all(p, code, year, m, &n);
    bool suppressed = false, value = false;
    for (size_t i = 0; i < n; i++) {
        suppressed |= g[i].suppressed;
        value |= g[i].has_value && !g[i].suppressed;
    }
    return value ? "no published denominator" : suppressed ? "suppressed" : "no value";
}

void funnel_result_get(const struct pub_set *p, const struct own_value *own, size_t nown,
                       const char *la, const char *m, int year, double sn_value,
                       struct funnel_result *r)
{
    memset(r, 0, sizeof *r);
    r->why_en = r->why_sn = r->why_trend = r->trend_test = "";
    r->lim = (struct funnel_limits4){NAN, NAN, NAN, NAN};
    r->applies = funnel_measure(m, &r->kind, &r->scale);
    if (!r->applies) {
        r->why_en = r->why_sn = r->why_trend = "a count, not a rate or percentage";
        return;
    }
    enum funnel_derived derived;
    r->have = la_counts(p, own, nown, la, m, year, &r->num, &r->den, &derived);
    double t;
    if (!r->have) {
        r->why_en = r->why_sn = own_find(own, nown, m, year) ? "no denominator"
                                                             : why_no_counts(p, la, m, year);
    } else {
        double value = r->num / r->den;
        struct funnel_limits4 l;
        if (england_target(p, m, year, r->scale, &t)) {
            funnel_limits4(r->kind, t, r->den, &l);
            funnel_classify(value, &l, &r->en);
            r->lim = (struct funnel_limits4){l.lo998 * r->scale, l.lo95 * r->scale,
                                             l.hi95 * r->scale, l.hi998 * r->scale};
        } else {
            r->why_en = "no England value";
        }
        if (!isnan(sn_value)) {
            funnel_limits4(r->kind, sn_value / r->scale, r->den, &l);
            funnel_classify(value, &l, &r->sn);
        } else {
            r->why_sn = "no neighbour with a value";
        }
    }
    /* the last five years */
    double ys[TREND_YEARS], nums[TREND_YEARS], dens[TREND_YEARS];
    size_t nt = 0;
    for (int y = year - TREND_YEARS + 1; y <= year; y++)
        if (la_counts(p, own, nown, la, m, y, &nums[nt], &dens[nt], &derived))
            ys[nt++] = y;
    if (nt < TREND_MIN_YEARS) {
        r->why_trend = "fewer than 3 of the last 5 years have counts";
        return;
    }
    if (r->kind == FUNNEL_PROPORTION) {
        r->trend_test = "chi-square for trend";
        funnel_trend_proportion(ys, nums, dens, nt, &r->trend);
    } else {
        r->trend_test = "Poisson regression";
        funnel_trend_rate(ys, nums, dens, nt, &r->trend);
    }
    if (!r->trend.tested)
        r->why_trend = "the test cannot be computed (no events, or all at one end)";
}

/* cap >= 25: every caller's is 32 or 48, so a figure is never cut */
static void put_num(char *buf, size_t cap, double v, int dp)
{
    if (isnan(v))
        buf[0] = 0;
    else
        text_number(buf, cap, v, dp);
}

/* Copies one of this file's fixed texts (the longest, "neighbours: no
 * neighbour with a value", is 37 bytes) into a field of 48: a longer one
 * added later shows its cut ("...") in benchmarks.csv. */
static void put_text(char f[48], const char *pre, const char *s)
{
    text_fmt_cut(f, 48, "%s%s", pre, s);
}

void funnel_bench_fields(const struct funnel_result *r, char polarity,
                         char f[FUNNEL_BENCH_NCOLS][48])
{
    for (int i = 0; i < FUNNEL_BENCH_NCOLS; i++)
        f[i][0] = 0;
    if (!r->applies)
        return;
    if (r->have) {
        put_num(f[0], 48, r->num, 0);
        put_num(f[1], 48, r->den, 0);
    }
    put_num(f[2], 48, r->lim.lo998, 2);
    put_num(f[3], 48, r->lim.lo95, 2);
    put_num(f[4], 48, r->lim.hi95, 2);
    put_num(f[5], 48, r->lim.hi998, 2);
    const struct funnel_cmp *c[2] = {&r->en, &r->sn};
    for (int k = 0; k < 2; k++) {
        put_text(f[6 + 3 * k], "", funnel_sig_name(c[k]->sig));
        if (c[k]->sig == FSIG_HIGHER || c[k]->sig == FSIG_LOWER)
            put_text(f[7 + 3 * k], "", c[k]->beyond998 ? "99.8" : "95");
        put_text(f[8 + 3 * k], "", funnel_judgement(c[k]->sig, polarity));
    }
    if (r->why_en[0])
        put_text(f[12], "", r->why_en);
    else if (r->why_sn[0])
        put_text(f[12], "neighbours: ", r->why_sn);
    put_text(f[13], "", r->trend_test);
    if (r->trend.tested) {
        snprintf(f[14], sizeof f[14], "%d", r->trend.years);
        put_num(f[15], 48, r->trend.change, 2);
        put_num(f[16], 48, r->trend.p, 4);
    }
    put_text(f[17], "", funnel_trend_word(&r->trend));
}

/* ---- phrases for the narrative ---- */

static const char *level_name(const struct funnel_cmp *c)
{
    return c->beyond998 ? "99.8%" : "95%";
}

void funnel_phrase_england(const struct funnel_result *r, char polarity, char *buf, size_t cap)
{
    buf[0] = 0;
    if (!r->applies || !r->have || r->en.sig == FSIG_NOT_COMPARED)
        return;
    if (r->en.sig == FSIG_SIMILAR) {
        text_fmt_cut(buf, cap, ", not a significant difference (within the 95%% limits)");
        return;
    }
    const char *j = funnel_judgement(r->en.sig, polarity);
    text_fmt_cut(buf, cap, ", significantly %s than England (%s limits)%s%s",
             r->en.sig == FSIG_HIGHER ? "higher" : "lower", level_name(&r->en),
             j[0] ? ", which is " : "", j);
}

void funnel_phrase_sn(const struct funnel_result *r, char polarity, char *buf, size_t cap)
{
    buf[0] = 0;
    if (!r->applies || !r->have || (r->sn.sig != FSIG_HIGHER && r->sn.sig != FSIG_LOWER))
        return;
    const char *j = funnel_judgement(r->sn.sig, polarity);
    text_fmt_cut(buf, cap, " (the authority significantly %s, %s limits%s%s)",
             r->sn.sig == FSIG_HIGHER ? "higher" : "lower", level_name(&r->sn),
             j[0] ? ", " : "", j);
}

void funnel_phrase_trend(const struct funnel_result *r, int year, char *buf, size_t cap)
{
    buf[0] = 0;
    if (!r->trend.tested)
        return;
    char p[24];
    if (r->trend.p < 0.001)
        snprintf(p, sizeof p, "p < 0.001");
    else
        text_fmt_cut(p, sizeof p, "p = %.3f", r->trend.p); /* a probability: 9 bytes */
    const char *w = funnel_trend_word(&r->trend);
    static const char *const count[] = {"", "", "two", "three", "four", "five"};
    const char *ny = r->trend.years >= 2 && r->trend.years <= 5 ? count[r->trend.years] : "few";
    if (!strcmp(w, "rising") || !strcmp(w, "falling"))
        text_fmt_cut(buf, cap, " Over the %s years to %d-%02d it was %s (%s, %s).", ny, year - 1,
                 year % 100, w, r->trend_test, p);
    else
        text_fmt_cut(buf, cap, " Over the %s years to %d-%02d it showed no significant trend (%s, "
                 "%s).", ny, year - 1, year % 100, r->trend_test, p);
}

/* ---- the funnel of every authority ---- */

static bool is_neighbour(const struct lscb_config *cfg, const char *code)
{
    for (int i = 0; i < cfg->nneighbours; i++)
        if (!strcmp(cfg->neighbours[i], code))
            return true;
    return false;
}

/* The authorities with any value (or suppression) for m and year, each
 * once: the set is sorted by code, measure, year. */
static size_t la_codes(const struct pub_set *p, const char *m, int year, const char **codes)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++) {
        const struct pub_value *v = &p->v[i];
        if (v->level != PUB_LA || v->year != year || strcmp(v->measure, m))
            continue;
        if (n && !strcmp(codes[n - 1], v->code))
            continue;
        codes[n++] = v->code;
    }
    return n;
}

static lscb_err write_one(const struct pub_set *p, const struct lscb_config *cfg,
                          const struct own_value *own, size_t nown, const char *m, int year,
                          enum funnel_kind kind, double scale, double target, const char *outdir,
                          FILE *index, const char **codes, struct lscb_error *e)
{
    char *name = text_xfmt("funnel-%s-%d.csv", m, year);
    char *lname = text_xfmt("funnel-%s-%d-limits.csv", m, year);
    char *path = path_join(outdir, name), *lpath = path_join(outdir, lname);
    struct afile af = {0}, lf = {0};
    lscb_err rc = afile_open(&af, path, e);
    if (rc == LSCB_OK)
        rc = afile_open(&lf, lpath, e);
    if (rc != LSCB_OK)
        goto done;
    fputs("la_code,la_name,role,numerator,denominator,value,lcl_998,lcl_95,ucl_95,ucl_998,"
          "significance,beyond_998,note\n", af.fp);
    size_t nc = la_codes(p, m, year, codes);
    bool la_listed = false;
    for (size_t i = 0; i < nc; i++)
        la_listed |= !strcmp(codes[i], cfg->la);
    if (!la_listed && own_find(own, nown, m, year))
        codes[nc++] = cfg->la;
    int points = 0, suppressed = 0, noden = 0, derived_n = 0;
    enum funnel_derived derived_how = FD_NONE;
    bool mixed = false;
    double xmin = INFINITY, xmax = 0;
    for (size_t i = 0; i < nc; i++) {
        const char *code = codes[i];
        bool self = !strcmp(code, cfg->la);
        double num = 0, den = 0;
        enum funnel_derived derived = FD_NONE;
        bool have;
        if (self)
            have = la_counts(p, own, nown, code, m, year, &num, &den, &derived);
        else
            have = funnel_counts(p, code, year, m, &num, &den, &derived);
        char s_num[32] = "", s_den[32] = "", s_v[32] = "", s_l[4][32] = {"", "", "", ""};
        char *why_note = NULL;
        const char *sig = "", *b998 = "", *note = "";
        if (have) {
            struct funnel_limits4 l;
            struct funnel_cmp c;
            funnel_limits4(kind, target, den, &l);
            funnel_classify(num / den, &l, &c);
            sig = funnel_sig_name(c.sig);
            b998 = c.sig == FSIG_HIGHER || c.sig == FSIG_LOWER ? (c.beyond998 ? "yes" : "no")
                                                                : "";
            put_num(s_num, sizeof s_num, num, 0);
            put_num(s_den, sizeof s_den, den, 0);
            put_num(s_v, sizeof s_v, num / den * scale, 3);
            double lv[4] = {l.lo998, l.lo95, l.hi95, l.hi998};
            for (int k = 0; k < 4; k++)
                put_num(s_l[k], sizeof s_l[k], lv[k] * scale, 3);
            points++;
            xmin = den < xmin ? den : xmin;
            xmax = den > xmax ? den : xmax;
            if (derived != FD_NONE) {
                derived_n++;
                mixed |= derived_how != FD_NONE && derived_how != derived;
                derived_how = derived;
                note = funnel_derived_note(derived, true);
            }
        } else {
            const char *why = why_no_counts(p, code, m, year);
            suppressed += !strcmp(why, "suppressed");
            noden += strcmp(why, "suppressed") != 0;
            note = why_note = text_xfmt("%s: left out of the plot", why);
        }
        const char *role = self ? "authority" : is_neighbour(cfg, code) ? "neighbour" : "other";
        const char *row[] = {code, pub_name(p, code), role, s_num, s_den, s_v, s_l[0], s_l[1],
                             s_l[2], s_l[3], sig, b998, note};
        csv_put_text_row(af.fp, row, 13);   /* names from published files */
        free(why_note);
    }
    /* the limits over the range of x, evenly on a log scale */
    fputs("denominator,centre,lcl_998,lcl_95,ucl_95,ucl_998\n", lf.fp);
    if (points) {
        double lo = xmin * 0.8 < 1 ? 1 : xmin * 0.8, hi = xmax * 1.05;
        const int steps = 80;
        for (int k = 0; k <= steps; k++) {
            double x = lo * pow(hi / lo, (double)k / steps);
            struct funnel_limits4 l;
            funnel_limits4(kind, target, x, &l);
            fprintf(lf.fp, "%.1f,%.4f,%.4f,%.4f,%.4f,%.4f\n", x, target * scale,
                    l.lo998 * scale, l.lo95 * scale, l.hi95 * scale, l.hi998 * scale);
        }
    }
    char why[80] = "", s_eng[32], s_pts[16], s_out[16], s_year[12];
    if (suppressed + noden)
        snprintf(why, sizeof why, " (%d suppressed, %d without a published denominator)",
                 suppressed, noden);
    char *how = derived_n ? text_xfmt("; %d counts worked out from the published %s", derived_n,
                                      mixed ? "percentage and its denominator (each row's "
                                              "note says how)"
                                            : funnel_derived_note(derived_how, false))
                          : NULL;
    char *note = text_xfmt("%d authorities left out%s%s", suppressed + noden, why,
                           how ? how : "");
    free(how);
    put_num(s_eng, sizeof s_eng, target * scale, 3);
    snprintf(s_pts, sizeof s_pts, "%d", points);
    snprintf(s_out, sizeof s_out, "%d", suppressed + noden);
    snprintf(s_year, sizeof s_year, "%d", year);
    const char *irow[] = {m, s_year, s_pts, s_out, s_eng, name, lname, note};
    csv_put_text_row(index, irow, 8);
    free(note);
    rc = afile_commit(&af, e);
    if (rc == LSCB_OK)
        rc = afile_commit(&lf, e);
done:
    afile_abort(&af);
    afile_abort(&lf);
    free(path);
    free(lpath);
    free(name);
    free(lname);
    return rc;
}

lscb_err funnel_write(const struct pub_set *p, const struct lscb_config *cfg,
                      const struct own_value *own, size_t nown, int year, const char *outdir,
                      struct lscb_error *e)
{
    const char **codes = lscb_xcalloc(p->n + 1, sizeof *codes);
    struct afile idx = {0};
    char *ipath = path_join(outdir, "funnels.csv");
    lscb_err rc = afile_open(&idx, ipath, e);
    if (rc == LSCB_OK)
        fputs("measure,year,points,left_out,england,points_file,limits_file,note\n", idx.fp);
    for (size_t k = 0; k < measure_defs_count && rc == LSCB_OK; k++) {
        const char *m = measure_defs[k].name;
        enum funnel_kind kind;
        double scale, target;
        if (!funnel_measure(m, &kind, &scale))
            continue;
        /* the latest year up to `year` with enough points for a funnel,
         * among the years the releases hold for the measure (one pass) */
        unsigned long held = 0;
        for (size_t i = 0; i < p->n; i++) {
            const struct pub_value *v = &p->v[i];
            if (v->level == PUB_LA && v->year <= year && v->year > year - 16 &&
                !(held >> (year - v->year) & 1) && !strcmp(v->measure, m))
                held |= 1UL << (year - v->year);
        }
        for (int y = year; y > year - 16; y--) {
            if (!(held >> (year - y) & 1))
                continue;
            size_t nc = la_codes(p, m, y, codes);
            int with = 0;
            for (size_t i = 0; i < nc && with < 10; i++) {
                double num, den;
                enum funnel_derived d;
                with += funnel_counts(p, codes[i], y, m, &num, &den, &d);
            }
            if (with < 10 || !england_target(p, m, y, scale, &target))
                continue;
            rc = write_one(p, cfg, own, nown, m, y, kind, scale, target, outdir, idx.fp, codes,
                           e);
            break;
        }
    }
    if (rc == LSCB_OK)
        rc = afile_commit(&idx, e);
    afile_abort(&idx);
    free(ipath);
    free(codes);
    return rc;
}
