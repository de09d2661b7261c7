/* dashboard.c — see dashboard.h. */
#define _POSIX_C_SOURCE 200809L
#include "stats/dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/csvio.h"
#include "common/measure_defs.h"
#include "common/text.h"
#include "stats/benchmarks.h"
#include "stats/publication.h"

const char *const dashboard_measures[] = {
    "referral_rate",        "re_referral_pct",          "assessment_timely_pct",
    "s47_rate",             "icpc_within_15wd_pct",     "cpp_rate",
    "cpp_second_or_subsequent_pct", "cpp_ended_2y_plus_pct", "cpp_reviewed_in_time_pct",
    "cpp_started",          "cpp_ended",
};
const int dashboard_nmeasures = (int)(sizeof dashboard_measures / sizeof dashboard_measures[0]);

static const struct measure_row *year_row(const struct measure_out *o, const char *measure)
{
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->v[i].measure, measure) && !o->v[i].breakdown[0])
            return &o->v[i];
    return NULL;
}

/* A figure as written into buf: "" unknown, "c" hidden. */
static const char *figure(struct dz *z, const struct measure_row *r, char buf[32])
{
    char num[24], den[24];
    buf[0] = '\0';
    if (!r || !r->has_value)
        return buf;
    if (pub_hidden(z, pub_measure(z, r, "")))
        return "c";
    measure_row_text(r, buf, num, den);
    return buf;
}

lscb_err dashboard_write(const struct la_data *d, const struct measure_ctx *ctx,
                         const struct measure_ctx *ctx_before, int year, struct dz *z,
                         bool declare_only, const char *outdir, struct lscb_error *e)
{
    struct measure_out now = {0}, before = {0};
    measures_period(d, ctx, census_year_start(year), census_year_end(year), &now);
    bool have_before = ctx->history_start != DATE_NONE &&
                       ctx->history_start <= census_year_start(year - 1);
    if (have_before)
        measures_period(d, ctx_before, census_year_start(year - 1), census_year_end(year - 1),
                        &before);
    lscb_err rc = LSCB_OK;
    struct afile af;
    memset(&af, 0, sizeof af);
    char *path = path_join(outdir, "dashboard.csv");
    if (!declare_only) {
        rc = afile_open(&af, path, e);
        if (rc == LSCB_OK)
            fputs("measure,this_year,last_year\n", af.fp);
    }
    for (int i = 0; i < dashboard_nmeasures && rc == LSCB_OK; i++) {
        const char *m = dashboard_measures[i];
        char ba[32], bb[32];
        const char *a = figure(z, year_row(&now, m), ba);
        const char *b = have_before ? figure(z, year_row(&before, m), bb) : "";
        if (!declare_only) {
            const char *f[] = {m, a, b};
            csv_put_text_row(af.fp, f, 3);
        }
    }
    if (rc == LSCB_OK && !declare_only)
        rc = afile_commit(&af, e);
    if (!declare_only)
        afile_abort(&af);
    free(path);
    measure_out_release(&now);
    measure_out_release(&before);
    return rc;
}

/* A published figure as the census figures are written: counts whole,
 * percentages and rates to one decimal place. */
static const char *published_figure(struct bench *b, const char *m, int year, char buf[32])
{
    double v;
    buf[0] = '\0';
    if (!bench_value(b, m, year, "la", &v))
        return buf;
    const struct measure_def *md = measure_def_find(m);
    if (text_fmt(buf, 32, md && md->unit == MU_COUNT ? "%.0f" : "%.1f", v) != 0)
        buf[0] = '\0'; /* a figure beyond 30 digits: none rather than a cut one */
    return buf;
}

lscb_err dashboard_write_published(struct bench *b, int year, const char *outdir,
                                   struct lscb_error *e)
{
    struct afile af;
    memset(&af, 0, sizeof af);
    char *path = path_join(outdir, "dashboard.csv");
    lscb_err rc = afile_open(&af, path, e);
    if (rc == LSCB_OK)
        fputs("measure,this_year,last_year\n", af.fp);
    for (int i = 0; i < dashboard_nmeasures && rc == LSCB_OK; i++) {
        char ba[32], bb[32];
        const char *f[] = {dashboard_measures[i],
                           published_figure(b, dashboard_measures[i], year, ba),
                           published_figure(b, dashboard_measures[i], year - 1, bb)};
        csv_put_row(af.fp, f, 3);
    }
    if (rc == LSCB_OK)
        rc = afile_commit(&af, e);
    afile_abort(&af);
    free(path);
    return rc;
}
