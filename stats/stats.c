/* stats.c — see stats.h. */
#define _POSIX_C_SOURCE 200809L
#include "stats/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/csvio.h"
#include "stats/ladata.h"
#include "stats/measures.h"
#include "common/paths.h"
#include "stats/population.h"
#include "stats/bench_sheets.h"
#include "stats/dashboard.h"
#include "stats/benchmarks.h"
#include "stats/funnel_pub.h"
#include "common/config.h"
#include "stats/cpr3.h"
#include "stats/narrative.h"
#include "stats/published.h"
#include "stats/tables.h"
#include "common/template.h"
#include "common/text.h"
#include "common/vrules.h"
#include "common/warehouse.h"
#include "common/workdays.h"

/* Picks the authority: the named one (or several, comma-separated, for an
 * aggregate of them), or the only one loaded. */
static lscb_err pick_la(struct whdb *db, const char *want, char *la, size_t cap,
                        struct lscb_error *e)
{
    /* no load_log: not a warehouse (yet); a database that fails to answer
     * is a failure of the system (exit 3), never taken for that */
    bool have = false;
    lscb_err rc = wh_table_exists(db, "load_log", &have, e);
    if (rc)
        return rc;
    if (!have)
        return lscb_fail(e, LSCB_EINPUT, "%s is not a warehouse yet, or not one of this "
                         "tool's (no load_log table: load some census returns first)",
                         whdb_name(db));
    struct whq *st;
    rc = whdb_prepare(db, "SELECT DISTINCT la_code FROM load_log ORDER BY la_code", &st, e);
    if (rc)
        return rc;
    int s;
    int n = 0;
    char first[16] = "", *codes = NULL;
    size_t ncodes = 0;
    while ((s = whq_step(st, e)) == 1) {
        const char *v = whq_text(st, 0);
        if (!v)
            continue;
        size_t len = strlen(v);
        if (n++ == 0 && len < sizeof first)
            memcpy(first, v, len + 1); /* a longer code is not one: --la names it */
        codes = lscb_xrealloc(codes, ncodes + len + 2);
        codes[ncodes] = ',';
        memcpy(codes + ncodes + 1, v, len + 1);
        ncodes += len + 1;
    }
    whq_free(st);
    if (s < 0) {
        free(codes);
        return LSCB_ESYS;
    }
    if (n == 0) {
        free(codes);
        return lscb_fail(e, LSCB_EINPUT, "the warehouse holds no census returns (load some "
                         "first)");
    }
    if (want) {
        char buf[512];
        if (text_fmt(buf, sizeof buf, "%s", want)) {
            free(codes);
            return lscb_fail(e, LSCB_EUSAGE, "too many LA codes in --la");
        }
        for (char *save = NULL, *c = strtok_r(buf, ",", &save); c;
             c = strtok_r(NULL, ",", &save)) {
            char needle[32];
            char *hay = lscb_xmalloc(ncodes + 2);
            memcpy(hay, codes, ncodes);
            memcpy(hay + ncodes, ",", 2);
            bool found = !text_fmt(needle, sizeof needle, ",%s,", c) && strstr(hay, needle);
            free(hay);
            if (!found) {
                free(codes);
                return lscb_fail(e, LSCB_EINPUT, "the warehouse holds no census returns for LA "
                                 "%s", c);
            }
        }
        free(codes);
        if (text_fmt(la, cap, "%s", want))
            return lscb_fail(e, LSCB_EUSAGE, "too many LA codes in --la");
        return LSCB_OK;
    }
    free(codes);
    if (n > 1)
        return lscb_fail(e, LSCB_EUSAGE, "the warehouse holds %d authorities: name one with "
                         "--la (or several, comma-separated, for their aggregate)", n);
    if (!first[0] || text_fmt(la, cap, "%s", first))
        return lscb_fail(e, LSCB_EINPUT, "the warehouse's LA code is not one (longer than %zu "
                         "characters)", sizeof first - 1);
    return LSCB_OK;
}

static lscb_err write_sources(struct whdb *db, const char *la, const char *path,
                              struct lscb_error *e)
{
    char in[512], sql[768];
    if (wh_in_list(la, in, sizeof in) < 0)
        return lscb_fail(e, LSCB_EUSAGE, "'%s' is not a list of LA codes", la);
    if (text_fmt(sql, sizeof sql, "SELECT la_code, census_year, source_file, records, kind FROM "
                 "load_log WHERE la_code IN (%s) ORDER BY kind, census_year, la_code, source_file",
                 in))
        return lscb_fail(e, LSCB_EUSAGE, "too many LA codes in --la");
    struct whq *st;
    lscb_err rc = whdb_prepare(db, sql, &st, e);
    if (rc)
        return rc;
    struct afile af;
    rc = afile_open(&af, path, e);
    if (rc) {
        whq_free(st);
        return rc;
    }
    fputs("la_code,census_year,source_file,records,kind\n", af.fp);
    int s;
    while ((s = whq_step(st, e)) == 1) {
        const char *f[5];
        for (int i = 0; i < 5; i++) {
            const char *v = whq_text(st, i);
            f[i] = v ? v : "";
        }
        csv_put_text_row(af.fp, f, 5);
    }
    whq_free(st);
    if (s < 0) {
        afile_abort(&af);
        return LSCB_ESYS;
    }
    return afile_commit(&af, e);
}

/* tables/validation-summary.csv: the year's validation failures by rule
 * (rule, type, failures; summed over the authorities of an aggregate), when
 * its return was validated; otherwise no file (and any earlier one goes),
 * which the workbook reports. */
static lscb_err write_validation_summary(struct whdb *db, const char *la, int year,
                                         const char *path, struct lscb_error *e)
{
    unlink(path);
    char in[512], sql[768];
    if (wh_in_list(la, in, sizeof in) < 0)
        return lscb_fail(e, LSCB_EUSAGE, "'%s' is not a list of LA codes", la);
    if (text_fmt(sql, sizeof sql, "SELECT rule, sum(failures) FROM validation_count WHERE "
                 "la_code IN (%s) AND census_year = ? GROUP BY rule", in))
        return lscb_fail(e, LSCB_EUSAGE, "too many LA codes in --la");
    struct whq *st;
    bool have = false;
    lscb_err trc = wh_table_exists(db, "validation_count", &have, e);
    /* a warehouse made before validation has no such table: not validated */
    if (trc != LSCB_OK || !have)
        return trc;
    trc = whdb_prepare(db, sql, &st, e);
    if (trc)
        return trc;
    whq_bind_int(st, 1, year);
    long *fails = lscb_xcalloc(vrules_count, sizeof *fails);
    bool any = false;
    int s;
    while ((s = whq_step(st, e)) == 1) {
        const char *rule = whq_text(st, 0);
        const struct vrule *r = rule ? vrule_find(rule) : NULL;
        if (!r)
            continue;   /* a rule of another release: not shown */
        fails[r - vrules] = (long)whq_int(st, 1);
        any = true;
    }
    whq_free(st);
    lscb_err rc = s < 0 ? e->code : LSCB_OK;
    if (rc == LSCB_OK && any) {
        struct afile af;
        rc = afile_open(&af, path, e);
        if (rc == LSCB_OK) {
            fputs("rule,type,failures\n", af.fp);
            for (size_t i = 0; i < vrules_count; i++) {
                char n[24];
                snprintf(n, sizeof n, "%ld", fails[i]);
                const char *f[] = {vrules[i].code, vrules[i].query ? "query" : "error", n};
                csv_put_text_row(af.fp, f, 3);
            }
            rc = afile_commit(&af, e);
        }
    }
    free(fails);
    return rc;
}

lscb_err stats_validation_summary(const char *warehouse, const char *la, int year,
                                  const char *dir, struct lscb_error *e)
{
    struct whdb *db = NULL;
    lscb_err rc = wh_open(warehouse, false, &db, e);
    char *path = path_join(dir, "validation-summary.csv");
    if (rc == LSCB_OK)
        rc = write_validation_summary(db, la, year, path, e);
    free(path);
    wh_close(db);
    return rc;
}

/* 1 April of the first census year loaded for the authority (the latest
 * first year of an aggregate's authorities: their common history) in
 * *start, DATE_NONE if none. */
static lscb_err history_start(struct whdb *db, const char *la, lscb_date *start,
                              struct lscb_error *e)
{
    char in[512], sql[768];
    *start = DATE_NONE;
    if (wh_in_list(la, in, sizeof in) < 0)
        return lscb_fail(e, LSCB_EUSAGE, "'%s' is not a list of LA codes", la);
    if (text_fmt(sql, sizeof sql, "SELECT max(f) FROM (SELECT min(census_year) AS f FROM "
                 "load_log WHERE la_code IN (%s) AND kind = 'census' GROUP BY la_code) AS m", in))
        return lscb_fail(e, LSCB_EUSAGE, "too many LA codes in --la");
    long long first;
    lscb_err rc = whdb_query_int(db, sql, NULL, NULL, &first, e);
    if (rc == LSCB_OK && first)
        *start = census_year_start((int)first);
    return rc;
}

/* *loaded = whether every authority of la has its census return for the year */
static lscb_err year_loaded(struct whdb *db, const char *la, int year, bool *loaded,
                            struct lscb_error *e)
{
    char in[512], sql[768];
    *loaded = false;
    int n = wh_in_list(la, in, sizeof in);
    if (n < 0)
        return lscb_fail(e, LSCB_EUSAGE, "'%s' is not a list of LA codes", la);
    if (text_fmt(sql, sizeof sql, "SELECT count(DISTINCT la_code) FROM load_log WHERE "
                 "la_code IN (%s) AND census_year = ? AND kind = 'census'", in))
        return lscb_fail(e, LSCB_EUSAGE, "too many LA codes in --la");
    long long have, y = year;
    lscb_err rc = whdb_query_int(db, sql, NULL, &y, &have, e);
    *loaded = rc == LSCB_OK && have == n;
    return rc;
}

/* Census years loaded for the authority (every one of an aggregate's), in
 * a new array *years of *n (free it), with room for extra more. */
static lscb_err loaded_years(struct whdb *db, const char *la, size_t extra, int **years,
                             size_t *n, struct lscb_error *e)
{
    char in[512], sql[768];
    *years = NULL;
    *n = 0;
    int nla = wh_in_list(la, in, sizeof in);
    if (nla < 0)
        return lscb_fail(e, LSCB_EUSAGE, "'%s' is not a list of LA codes", la);
    if (text_fmt(sql, sizeof sql, "SELECT census_year FROM load_log WHERE la_code IN (%s) AND "
                 "kind = 'census' GROUP BY census_year HAVING count(DISTINCT la_code) = %d "
                 "ORDER BY census_year", in, nla))
        return lscb_fail(e, LSCB_EUSAGE, "too many LA codes in --la");
    struct whq *st;
    lscb_err rc = whdb_prepare(db, sql, &st, e);
    if (rc)
        return rc;
    size_t cap = 16 + extra;
    *years = lscb_xmalloc(cap * sizeof **years);
    int s;
    while ((s = whq_step(st, e)) == 1) {
        if (*n + extra == cap) {
            cap *= 2;
            *years = lscb_xrealloc(*years, cap * sizeof **years);
        }
        (*years)[(*n)++] = (int)whq_int(st, 0);
    }
    whq_free(st);
    return s < 0 ? e->code : LSCB_OK;
}

static lscb_err year_population(const struct stats_opts *opts, int year, const char *la,
                                long *pop, struct lscb_error *e);

/* A year-row measure's value, numerator or denominator (part v, n, d) from
 * o, or -1. */
static double row_part(const struct measure_out *o, const char *m, const char *bd, char part)
{
    for (size_t k = 0; k < o->n; k++) {
        const struct measure_row *r = &o->v[k];
        if (strcmp(r->measure, m) || strcmp(r->breakdown, bd))
            continue;
        if (part == 'n')
            return r->has_num ? (double)r->num : -1;
        if (part == 'd')
            return r->has_den ? (double)r->den : -1;
        double v;
        return measure_row_value(r, &v) ? v : -1;
    }
    return -1;
}

static void push_own(struct own_value **own, size_t *n, const char *m, int y, bool cpr3,
                     double v, double num, double den)
{
    const struct measure_def *md = measure_def_find(m);
    if (!md)
        return;
    *own = lscb_xrealloc(*own, (*n + 1) * sizeof **own);
    struct own_value *ov = &(*own)[(*n)++];
    memset(ov, 0, sizeof *ov);
    ov->measure = md->name;
    ov->year = y;
    ov->source = cpr3 ? "the authority's CPR3 return"
                      : "computed from the authority's census returns";
    char buf[32];
    if (den > 0 && measure_is_ratio(md)) {
        /* rounded half up from the counts, as every measure */
        fmt_ratio_1dp(buf, sizeof buf, (long)llround(num), (long)llround(den),
                      md->unit == MU_RATE ? 10000 : 100);
        v = strtod(buf, NULL);
        ov->has_num = ov->has_den = true;
    }
    ov->value = v;
    ov->num = num;
    ov->den = den;
}

/* The benchmark measures the published tables hold that measures.csv does
 * not (measure_defs.c): derived from the year's rows, so the authority's
 * own figures stand beside its neighbours'. */
static void own_derived(const struct measure_out *o, long pop, struct own_value **own,
                        size_t *n, int y, bool cpr3)
{
    double started = row_part(o, "cpp_started", "", 'v');
    double repeat = row_part(o, "cpp_second_or_subsequent_pct", "", 'n');
    if (started >= 0 && repeat >= 0 && started >= repeat)
        push_own(own, n, "cpp_first_time", y, cpr3, started - repeat, 0, 0);
    double long_ended = row_part(o, "cpp_ended_2y_plus_pct", "", 'n');
    if (long_ended >= 0)
        push_own(own, n, "cpp_ended_2y_plus", y, cpr3, long_ended, 0, 0);
    double core = row_part(o, "core_assessments", "", 'v');
    if (core >= 0 && pop > 0)
        push_own(own, n, "core_assessment_rate", y, cpr3, 0, core, (double)pop);
    double open = row_part(o, "cpp_open", "", 'v');
    static const char *const cats[][2] = {{"NEG", "cpp_cat_neg_pct"}, {"PHY", "cpp_cat_phy_pct"},
                                          {"SAB", "cpp_cat_sab_pct"}, {"EMO", "cpp_cat_emo_pct"},
                                          {"MUL", "cpp_cat_mul_pct"}};
    for (size_t i = 0; i < 5 && open > 0; i++) {
        char bd[32];
        snprintf(bd, sizeof bd, "category=%.3s", cats[i][0]); /* codes of 3 */
        double c = row_part(o, "cpp_open", bd, 'v');
        if (c >= 0)
            push_own(own, n, cats[i][1], y, cpr3, 0, c, open);
    }
}

/* The authority's own yearly values, for benchmarks. */
static lscb_err own_values(const struct stats_opts *opts, struct whdb *db, const struct la_data *d,
                           const struct measure_ctx *base, struct own_value **own, size_t *n,
                           struct lscb_error *e)
{
    int *years;
    size_t ny;
    *own = NULL;
    *n = 0;
    /* room for every CPR3 item's year, before (or without) the census */
    lscb_err yrc = loaded_years(db, d->la, d->cpr3.n, &years, &ny, e);
    if (yrc)
        return yrc;
    for (size_t i = 0; i < d->cpr3.n; i++) {
        bool seen = false;
        for (size_t k = 0; k < ny; k++)
            seen |= years[k] == d->cpr3.v[i].year || years[k] == -d->cpr3.v[i].year;
        if (!seen)
            years[ny++] = -d->cpr3.v[i].year; /* negative: from CPR3 */
    }
    for (size_t i = 0; i < ny; i++) {
        struct measure_ctx ctx = *base;
        bool from_cpr3 = years[i] < 0;
        int y = from_cpr3 ? -years[i] : years[i];
        lscb_err rc = year_population(opts, y, d->la, &ctx.population, e);
        if (rc) {
            free(years);
            return rc;
        }
        struct measure_out o = {0};
        if (from_cpr3)
            cpr3_measures(d, y, ctx.population, &o);
        else
            measures_period(d, &ctx, census_year_start(y), census_year_end(y), &o);
        own_derived(&o, ctx.population, own, n, y, from_cpr3);
        for (size_t k = 0; k < o.n; k++) {
            const struct measure_row *r = &o.v[k];
            double value;
            if (r->breakdown[0] || !measure_row_value(r, &value))
                continue;
            *own = lscb_xrealloc(*own, (*n + 1) * sizeof **own);
            struct own_value *ov = &(*own)[(*n)++];
            ov->measure = r->measure;
            ov->year = y;
            ov->source = from_cpr3 ? "the authority's CPR3 return"
                                   : "computed from the authority's census returns";
            ov->value = value;
            ov->has_num = r->has_num;
            ov->has_den = r->has_den;
            ov->num = r->has_num ? (double)r->num : 0;
            ov->den = r->has_den ? (double)r->den : 0;
        }
        measure_out_release(&o);
    }
    free(years);
    return LSCB_OK;
}

/* The configuration, published tables and neighbours the benchmarks and
 * the template's benchmark tables use. */
struct bench_inputs {
    struct lscb_config cfg;
    struct pub_set *p;
    struct bench *b;
};

static lscb_err bench_inputs_open(const struct stats_opts *opts, const char *la,
                                  const struct own_value *own, size_t nown,
                                  struct bench_inputs *bi, struct lscb_error *e)
{
    memset(bi, 0, sizeof *bi);
    config_defaults(&bi->cfg);
    lscb_err rc = opts->config ? config_load(opts->config, &bi->cfg, e) : LSCB_OK;
    if (rc)
        return rc;
    if (la && text_fmt(bi->cfg.la, sizeof bi->cfg.la, "%s", la))
        return lscb_fail(e, LSCB_EUSAGE, "benchmarks: one authority, not '%s'", la);
    if (!bi->cfg.la[0])
        return lscb_fail(e, LSCB_EUSAGE, "no authority for the benchmarks: give --la or la = "
                         "in the configuration");
    bi->p = lscb_xcalloc(1, sizeof *bi->p);
    rc = pub_load(opts->published, bi->p, e);
    if (rc == LSCB_OK && bi->cfg.sn_model)
        rc = sn_load(opts->published, bi->cfg.sn_model, bi->cfg.la, bi->cfg.neighbours,
                     &bi->cfg.nneighbours, e);
    if (rc == LSCB_OK && bi->cfg.nneighbours == 0 && !opts->quiet)
        notes_add(opts->notes, "lscb-stats: note: LA %s has no statistical neighbours in the %d "
                  "model; sn_count is 0", bi->cfg.la, bi->cfg.sn_model);
    if (rc == LSCB_OK) {
        bi->b = bench_open(bi->p, &bi->cfg, own, nown, e);
        if (!bi->b)
            rc = e->code ? e->code : LSCB_ESYS;
    }
    return rc;
}

static void bench_inputs_close(struct bench_inputs *bi)
{
    bench_close(bi->b);
    if (bi->p)
        pub_release(bi->p);
    free(bi->p);
    memset(bi, 0, sizeof *bi);
}

/* The population for the year: from opts->population (which must hold the
 * authority: a file given for the purpose that lacks it is an error), else
 * from the bundled ONS file (missing: rates left empty). */
static lscb_err year_population(const struct stats_opts *opts, int year, const char *la,
                                long *pop, struct lscb_error *e)
{
    *pop = -1;
    char *path = opts->population ? lscb_xstrdup(opts->population)
                                  : lscb_find_file("LSCB_DATA_DIR", "data",
                                                   "ons-population-0-17.csv");
    if (!path)
        return LSCB_OK;
    struct population p;
    lscb_err rc = population_load(path, &p, e);
    if (rc == LSCB_OK) {
        /* an aggregate's population is the sum of its authorities' */
        char buf[256];
        if (text_fmt(buf, sizeof buf, "%s", la))
            return lscb_fail(e, LSCB_EUSAGE, "too many LA codes in --la");
        *pop = 0;
        for (char *save = NULL, *c = strtok_r(buf, ",", &save); c && *pop >= 0;
             c = strtok_r(NULL, ",", &save)) {
            long v = population_get(&p, c, year - 1);
            *pop = v < 0 ? -1 : *pop + v;
        }
        if (*pop < 0 && opts->population && year == opts->year)
            rc = lscb_fail(e, LSCB_EINPUT, "%s: no mid-%d population for LA %s (rates per "
                           "10,000 need it)", path, year - 1, la);
        population_release(&p);
    }
    free(path);
    return rc;
}

/* A working-day count the calendar could not give stops the run (exit 1):
 * a timeliness figure must never go quietly empty. */
static lscb_err wd_fault_check(const struct wd_fault *f, struct lscb_error *e)
{
    if (f->n == 0)
        return LSCB_OK;
    return lscb_fail(e, LSCB_EINPUT, "%s (%ld count(s) in all); correct the dates in the "
                     "census return", f->msg, f->n);
}

lscb_err stats_run(const struct stats_opts *opts, struct stats_result *res,
                   struct lscb_error *e)
{
    memset(res, 0, sizeof *res);
    struct whdb *db = NULL;
    struct la_data data = {0};
    struct wd_calendar cal = {0};
    struct measure_out out = {0};
    struct afile af = {0};
    char *path = NULL;
    struct wd_fault fault = {0};
    struct measure_ctx ctx = {.cal = &cal, .fault = &fault, .population = -1};
    struct report_template *tpl = lscb_xcalloc(1, sizeof *tpl);
    const char *tname = opts->tpl ? opts->tpl : "dfe";
    char *tpath = template_find(tname);
    lscb_err rc = tpath ? template_load(tpath, tpl, e)
                        : lscb_fail(e, LSCB_EINPUT, "template '%s' not found (looked in "
                                    "$LSCB_TEMPLATE_DIR, templates/ and the installed share "
                                    "directory)", tname);
    free(tpath);
    if (rc == LSCB_OK && opts->published && access(opts->warehouse, R_OK) != 0) {
        /* no child-level data: benchmarks from published tables only */
        struct bench_inputs bi;
        rc = bench_inputs_open(opts, opts->la, NULL, 0, &bi, e);
        if (rc == LSCB_OK)
            rc = mkdir_p(opts->outdir, e);
        if (rc == LSCB_OK)
            rc = benchmarks_write(bi.p, &bi.cfg, NULL, 0, opts->outdir, e);
        if (rc == LSCB_OK)
            rc = dashboard_write_published(bi.b, opts->year, opts->outdir, e);
        if (rc == LSCB_OK)
            rc = funnel_write(bi.p, &bi.cfg, NULL, 0, opts->year, opts->outdir, e);
        if (rc == LSCB_OK)
            rc = bench_sheets_write(bi.b, bi.p, &bi.cfg, NULL, 0, tpl, opts->year, opts->outdir,
                                    e);
        if (rc == LSCB_OK)
            rc = tables_write_published(tpl, opts->year, &(struct table_bench){bi.b, &bi.cfg,
                                                                               bi.p},
                                        opts->outdir, e);
        if (rc == LSCB_OK)
            rc = tables_manifest_write(opts->outdir, tpl, opts->year, bi.cfg.la, false, e);
        bench_inputs_close(&bi);
        if (rc == LSCB_OK && !opts->quiet)
            notes_add(opts->notes, "lscb-stats: no warehouse: benchmarks from published tables "
                      "only");
        free(tpl);
        return rc;
    }
    if (rc == LSCB_OK)
        rc = wh_open(opts->warehouse, false, &db, e);
    if (rc == LSCB_OK)
        rc = pick_la(db, opts->la, out.la, sizeof out.la, e);
    bool loaded = false;
    if (rc == LSCB_OK)
        rc = year_loaded(db, out.la, opts->year, &loaded, e);
    if (rc == LSCB_OK && !loaded)
        rc = lscb_fail(e, LSCB_EINPUT, "no %d census return is loaded for LA %s: figures at 31 "
                       "March %d would be incomplete (give that year's census file)",
                       opts->year, out.la, opts->year);
    if (rc == LSCB_OK)
        rc = history_start(db, out.la, &ctx.history_start, e);
    if (rc == LSCB_OK)
        rc = year_population(opts, opts->year, out.la, &ctx.population, e);
    if (rc == LSCB_OK)
        rc = wd_load_default(&cal, e);
    if (rc == LSCB_OK)
        rc = la_data_load(db, out.la, &data, e);
    if (rc == LSCB_OK && data.reviews_unattached > 0)
        notes_add(opts->notes, "lscb-stats: warning: LA %s: %ld plan review(s) in the warehouse "
                  "belong to no plan held there (child and plan start date do not match a "
                  "plan); they are left out of cpp_reviewed_in_time_pct", out.la,
                  data.reviews_unattached);
    if (rc == LSCB_OK)
        rc = mkdir_p(opts->outdir, e);
    if (rc == LSCB_OK) {
        measures_year(&data, &ctx, opts->year, &out);
        rc = wd_fault_check(&fault, e);
        /* the years a CPR3 return gives (before the census), as year rows */
        for (size_t i = 0; i < data.cpr3.n && rc == LSCB_OK; i++) {
            int y = data.cpr3.v[i].year;
            if (y == opts->year || (i > 0 && data.cpr3.v[i - 1].year == y))
                continue;
            rc = year_loaded(db, out.la, y, &loaded, e);
            if (rc != LSCB_OK || loaded)
                continue;
            long pop = -1;
            rc = year_population(opts, y, out.la, &pop, e);
            if (rc == LSCB_OK)
                cpr3_measures(&data, y, pop, &out);
        }
        path = path_join(opts->outdir, "measures.csv");
        if (rc == LSCB_OK)
            rc = afile_open(&af, path, e);
    }
    if (rc == LSCB_OK) {
        measure_out_write(af.fp, &out);
        rc = afile_commit(&af, e);
    }
    if (rc == LSCB_OK) {
        free(path);
        path = path_join(opts->outdir, "sources.csv");
        rc = write_sources(db, out.la, path, e);
    }
    if (rc == LSCB_OK) {
        free(path);
        path = path_join(opts->outdir, "validation-summary.csv");
        rc = write_validation_summary(db, out.la, opts->year, path, e);
    }
    struct own_value *own = NULL;
    size_t nown = 0;
    struct bench_inputs bi = {0};
    if (rc == LSCB_OK && opts->published) {
        rc = own_values(opts, db, &data, &ctx, &own, &nown, e);
        if (rc == LSCB_OK)
            rc = wd_fault_check(&fault, e);
        if (rc == LSCB_OK)
            rc = bench_inputs_open(opts, out.la, own, nown, &bi, e);
    }
    struct table_bench tbb = {bi.b, &bi.cfg, bi.p};
    /* under --publish every figure of the tables and the narrative is
     * registered first, suppressed together, then written */
    struct dz *pub = opts->publish ? dz_new() : NULL;
    struct table_set *ts = NULL;
    const struct table_bench *tbp = opts->published ? &tbb : NULL;
    /* the year before, with its own population for its rates */
    struct measure_ctx ctx_before = ctx;
    if (rc == LSCB_OK)
        rc = year_population(opts, opts->year - 1, out.la, &ctx_before.population, e);
    if (rc == LSCB_OK)
        rc = tables_build(tpl, &data, &ctx, opts->year, tbp, pub, &ts, e);
    if (rc == LSCB_OK)   /* the tables' periods: before anything is written */
        rc = wd_fault_check(&fault, e);
    if (rc == LSCB_OK && pub) {
        rc = narrative_write(tpl, &data, &ctx, &ctx_before, opts->year, tbp, pub, true,
                             opts->outdir, e);
        if (rc == LSCB_OK)
            rc = dashboard_write(&data, &ctx, &ctx_before, opts->year, pub, true,
                                 opts->outdir, e);
        dz_suppress(pub);
    }
    if (rc == LSCB_OK)
        rc = tables_save(ts, tpl, pub, opts->outdir, e);
    if (rc == LSCB_OK)
        rc = narrative_write(tpl, &data, &ctx, &ctx_before, opts->year, tbp, pub, false,
                             opts->outdir, e);
    if (rc == LSCB_OK)
        rc = dashboard_write(&data, &ctx, &ctx_before, opts->year, pub, false, opts->outdir, e);
    if (rc == LSCB_OK)
        rc = tables_manifest_write(opts->outdir, tpl, opts->year, out.la, opts->publish, e);
    tables_free(ts);
    dz_free(pub);
    if (rc == LSCB_OK)   /* the narrative's and the dashboard's periods too */
        rc = wd_fault_check(&fault, e);
    if (rc == LSCB_OK && opts->published)
        rc = benchmarks_write(bi.p, &bi.cfg, own, nown, opts->outdir, e);
    if (rc == LSCB_OK && opts->published)
        rc = funnel_write(bi.p, &bi.cfg, own, nown, opts->year, opts->outdir, e);
    if (rc == LSCB_OK && opts->published)
        rc = bench_sheets_write(bi.b, bi.p, &bi.cfg, own, nown, tpl, opts->year, opts->outdir, e);
    bench_inputs_close(&bi);
    free(own);
    res->plans = (long)data.plans.n;
    memcpy(res->la, out.la, sizeof res->la); /* both char[LA_LIST_MAX] */
    res->rows = (long)out.n;
    if (rc == LSCB_OK && !opts->quiet)
        notes_add(opts->notes, "lscb-stats: read %ld, wrote %ld, rejected 0 (plans in, measure "
                  "rows out)", res->plans, res->rows);
    afile_abort(&af);
    free(path);
    measure_out_release(&out);
    la_data_release(&data);
    wd_release(&cal);
    wh_close(db);
    free(tpl);
    return rc;
}
