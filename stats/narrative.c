/* narrative.c — see narrative.h. */
#define _POSIX_C_SOURCE 200809L
#include "narrative.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "csvio.h"
#include "funnel_pub.h"

#define SENTENCE 512

static const struct measure_row *year_row(const struct measure_out *o, const char *measure)
{
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->v[i].measure, measure) && !o->v[i].breakdown[0])
            return &o->v[i];
    return NULL;
}

/* "1,718" from "1718"; other text unchanged. */
static void thousands(char *out, size_t cap, const char *v)
{
    size_t n = strcspn(v, ".");
    bool digits = n > 3 && strspn(v + (v[0] == '-'), "0123456789") == n - (v[0] == '-');
    if (!digits) {
        snprintf(out, cap, "%s", v);
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < n && k + 2 < cap; i++) {
        if (i && v[0] != '-' && (n - i) % 3 == 0)
            out[k++] = ',';
        out[k++] = v[i];
    }
    snprintf(out + k, cap - k, "%s", v + n);
}

/* One sentence on a measure: the year, against the year before if known. */
static void measure_sentence(char *buf, size_t cap, const struct measure_def *md,
                             const struct measure_row *now, const struct measure_row *before,
                             int year)
{
    char v[40], clause[300];
    thousands(v, sizeof v, now->value);
    snprintf(clause, sizeof clause, md->sentence, v);
    char when[64];
    /* "In 2023-24, 179 plans were started": a comma before a figure */
    const char *comma = md->sentence[0] == '%' ? "," : "";
    if (md->snapshot)
        snprintf(when, sizeof when, "At 31 March %d%s", year, comma);
    else
        snprintf(when, sizeof when, "In %d-%02d%s", year - 1, year % 100, comma);
    if (!before || !before->value[0]) {
        snprintf(buf, cap, "%s %s.", when, clause);
        return;
    }
    char b[40];
    thousands(b, sizeof b, before->value);
    double x = strtod(now->value, NULL), y = strtod(before->value, NULL);
    const char *unit = md->unit == MU_PCT ? "%" : "";
    if (x == y)
        snprintf(buf, cap, "%s %s, the same as %s.", when, clause,
                 md->snapshot ? "a year earlier" : "the year before");
    else if (md->snapshot)
        snprintf(buf, cap, "%s %s, %s from %s%s a year earlier.", when, clause,
                 x > y ? "up" : "down", b, unit);
    else
        snprintf(buf, cap, "%s %s, %s from %s%s in %d-%02d.", when, clause,
                 x > y ? "up" : "down", b, unit, year - 2, (year - 1) % 100);
}

static const char *const category_names[][2] = {
    {"NEG", "neglect"}, {"PHY", "physical abuse"}, {"SAB", "sexual abuse"},
    {"EMO", "emotional abuse"}, {"MUL", "multiple categories"}};

static const char *readable(const char *dim, const char *label)
{
    if (!strcmp(dim, "category"))
        for (size_t i = 0; i < sizeof category_names / sizeof category_names[0]; i++)
            if (!strcmp(category_names[i][0], label))
                return category_names[i][1];
    return label;
}

static const char *dimension_phrase(const char *dim)
{
    if (!strcmp(dim, "category"))
        return "the most common latest category of abuse was";
    if (!strcmp(dim, "duration"))
        return "the largest group by time on the plan was";
    if (!strcmp(dim, "age"))
        return "the largest age group was";
    if (!strcmp(dim, "gender"))
        return "the largest group by gender was";
    return "the largest ethnic group was";
}

/* The largest band of a breakdown on 31 March. */
static void breakdown_sentence(char *buf, size_t cap, const struct report_template *t,
                               const struct tpl_table *tb, const struct la_data *d, int year)
{
    const char *labels[BANDS_MAX];
    int nl = tpl_breakdown_labels(t, tb, labels);
    long counts[BANDS_MAX];
    long total = cpp_open_breakdown(d, census_year_end(year), tb->breakdown, tpl_bandset(t, tb),
                                    counts, NULL);
    if (total == 0 || nl == 0) {
        snprintf(buf, cap, "At 31 March %d no child was subject to a child protection plan.",
                 year);
        return;
    }
    int best = 0;
    for (int k = 0; k < nl; k++) {
        long c = counts[tpl_breakdown_canon(tb, k)];
        if (c > counts[tpl_breakdown_canon(tb, best)])
            best = k;
    }
    long c = counts[tpl_breakdown_canon(tb, best)];
    char pct[32];
    fmt_ratio_1dp(pct, sizeof pct, c, total, 100);
    snprintf(buf, cap, "At 31 March %d %s %s%s: %ld of the %ld children on a plan (%s%%).",
             year, dimension_phrase(tb->breakdown), readable(tb->breakdown, labels[best]),
             !strcmp(tb->breakdown, "duration") || !strcmp(tb->breakdown, "age") ? " (band)" : "",
             c, total, pct);
}

/* The authority against England and its neighbours, from the benchmarks. */
static int bench_sentence(char *buf, size_t cap, const struct tpl_table *tb,
                          const struct table_bench *tbb, int year)
{
    if (!tbb || !tbb->b || tb->ncolumns == 0)
        return 0;
    const char *m = tb->columns[0].measure;
    const struct measure_def *md = measure_def_find(m);
    double la, en, sn;
    if (!md || !bench_value(tbb->b, m, year, "la", &la) ||
        !bench_value(tbb->b, m, year, "england", &en))
        return 0;
    bool have_sn = bench_value(tbb->b, m, year, "sn", &sn);
    /* significance from the funnel plot's exact limits, trend from its
     * test (funnel_pub.h): never "significantly" or "rising" otherwise */
    struct funnel_result fr;
    bench_funnel(tbb->b, m, year, &fr);
    char pol = bench_polarity(tbb->b, m), sig_en[160], sig_sn[120], trend[200];
    funnel_phrase_england(&fr, pol, sig_en, sizeof sig_en);
    funnel_phrase_sn(&fr, pol, sig_sn, sizeof sig_sn);
    funnel_phrase_trend(&fr, year, trend, sizeof trend);
    const char *unit = md->unit == MU_PCT ? "%" : "";
    char a[32], b[32], c[32], title[128];
    snprintf(title, sizeof title, "%s", md->title);
    if (title[0] >= 'A' && title[0] <= 'Z' && title[1] >= 'a' && title[1] <= 'z')
        title[0] = (char)(title[0] - 'A' + 'a');
    snprintf(a, sizeof a, "%.1f%s", floor(la * 10 + 0.5) / 10, unit);
    snprintf(b, sizeof b, "%.1f%s", floor(en * 10 + 0.5) / 10, unit);
    snprintf(c, sizeof c, "%.1f%s", floor(sn * 10 + 0.5) / 10, unit);
    int k = snprintf(buf, cap, "In %d-%02d the authority's %s was %s, %s England's %s%s", year - 1,
                     year % 100, title, a, la > en ? "above" : la < en ? "below" : "the same as",
                     b, sig_en);
    if (have_sn && k > 0 && (size_t)k < cap)
        k += snprintf(buf + k, cap - (size_t)k, "; its statistical neighbours averaged %s%s.",
                      c, sig_sn);
    else if (k > 0 && (size_t)k < cap)
        k += snprintf(buf + k, cap - (size_t)k, ".");
    if (k > 0 && (size_t)k < cap)
        snprintf(buf + k, cap - (size_t)k, "%s", trend);
    return 1;
}

lscb_err narrative_write(const struct report_template *t, const struct la_data *d,
                         const struct measure_ctx *ctx, int year,
                         const struct table_bench *tbb, const char *outdir,
                         struct lscb_error *e)
{
    struct measure_out now = {0}, before = {0};
    measures_period(d, ctx, census_year_start(year), census_year_end(year), &now);
    bool have_before = ctx->history_start != DATE_NONE &&
                       ctx->history_start <= census_year_start(year - 1);
    if (have_before)
        measures_period(d, ctx, census_year_start(year - 1), census_year_end(year - 1), &before);

    char *cpath = path_join(outdir, "narrative.csv");
    char *mpath = path_join(outdir, "narrative.md");
    struct afile csv, md;
    memset(&md, 0, sizeof md);
    lscb_err rc = afile_open(&csv, cpath, e);
    if (rc == LSCB_OK)
        rc = afile_open(&md, mpath, e);
    if (rc == LSCB_OK) {
        fputs("table,sheet,sentence\n", csv.fp);
        fprintf(md.fp, "# %s %d-%02d: draft sentences\n\nLocal authority %s. Drafted from the "
                "figures for the author to edit. Changes from the year before are not tested "
                "for significance; a difference from England or the statistical neighbours is "
                "called significant only when the authority lies beyond the funnel plot's exact "
                "control limits (95%%, or 99.8%% where said), and a trend rising or falling only "
                "when the test for trend over five years gives p < 0.05.\n", t->title[0] ? t->title : "Report", year - 1, year % 100, d->la);
        for (int i = 0; i < t->ntables; i++) {
            const struct tpl_table *tb = &t->tables[i];
            char sentences[3][SENTENCE];
            int ns = 0;
            if (tb->rows == TPL_ROWS_YEARS || tb->rows == TPL_ROWS_COMPARATORS) {
                ns += bench_sentence(sentences[ns], SENTENCE, tb, tbb,
                                     tb->previous_year ? year - 1 : year);
            } else if (tb->breakdown[0]) {
                breakdown_sentence(sentences[ns++], SENTENCE, t, tb, d, year);
            } else {
                for (int c = 0; c < tb->ncolumns && ns < 2; c++) {
                    const struct measure_def *mdf = measure_def_find(tb->columns[c].measure);
                    if (!mdf || tb->columns[c].part != TPL_VALUE || !strcmp(mdf->name, "cpp_change"))
                        continue;
                    const struct measure_row *r = year_row(&now, mdf->name);
                    if (!r || !r->value[0])
                        continue;
                    measure_sentence(sentences[ns++], SENTENCE, mdf, r,
                                     have_before ? year_row(&before, mdf->name) : NULL, year);
                }
            }
            fprintf(md.fp, "\n## %s\n\n", tb->title);
            for (int k = 0; k < ns; k++) {
                const char *f[] = {tb->id, tb->sheet, sentences[k]};
                csv_put_row(csv.fp, f, 3);
                fprintf(md.fp, "%s%s", k ? " " : "", sentences[k]);
            }
            fputs(ns ? "\n" : "(nothing to say: no figures for the year)\n", md.fp);
        }
        rc = afile_commit(&csv, e);
        if (rc == LSCB_OK)
            rc = afile_commit(&md, e);
    }
    afile_abort(&csv);
    afile_abort(&md);
    free(cpath);
    free(mpath);
    measure_out_release(&now);
    measure_out_release(&before);
    return rc;
}
