/*
 * tables.c — see tables.h.
 *
 * Each table is built as a grid of cells (text and the facts each gives
 * away, publication.h); under --publish the whole publication is
 * suppressed together (stats.c) before the grids are written.
 */
#define _POSIX_C_SOURCE 200809L
#include "stats/tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "common/csvio.h"
#include "stats/publication.h"
#include "common/text.h"

#define MAX_CELLS ((TPL_MAX_ROWS + 6) * (TPL_MAX_COLS + 2 * TPL_MAX_COLUMNS + BANDS_MAX))

/* A computed table: each cell's text, whether the table shows it, and the
 * facts it gives away (publication.h). */
struct grid {
    char text[MAX_CELLS][32];
    bool shown[MAX_CELLS];
    struct pubfig fig[MAX_CELLS];
    int ncells;
    int row_first[TPL_MAX_ROWS + 7]; /* first cell of each row (+ Total, outturns) */
    char row_label[TPL_MAX_ROWS + 7][128];
    int nrows;
};

static const struct pubfig no_fig = {{-1, -1}, 0};

static void cell(struct grid *g, const char *text, bool shown, struct pubfig fig)
{
    int i = g->ncells++;
    /* every caller's text is a char[32] or shorter: never cut (were it,
     * the "..." would show) */
    text_fmt_cut(g->text[i], sizeof g->text[i], "%s", text);
    g->shown[i] = shown;
    g->fig[i] = fig;
}

static void new_row(struct grid *g, const char *label)
{
    char *out = g->row_label[g->nrows];
    if (text_fmt(out, sizeof g->row_label[0], "%s", label))   /* cut visibly */
        memcpy(out + sizeof g->row_label[0] - 4, "...", 4);
    g->row_first[g->nrows++] = g->ncells;
}

/* A band's count and/or its percentage of the total at `on` (label NULL:
 * the total). */
static void band_cells(struct grid *g, const struct tpl_table *tb, struct dz *z,
                       const char *label, lscb_date on, long c, long total)
{
    char t[32];
    snprintf(t, sizeof t, "%ld", c);
    if (tb->values != TPL_VALUES_PCT)
        cell(g, t, true, pub_band(z, tb->breakdown, label, on, c));
    if (tb->values != TPL_VALUES_COUNT) {
        char p[32];
        fmt_ratio_1dp(p, sizeof p, c, total, 100);
        struct pubfig pf = no_fig;
        if (z)
            pf = pub_share(z, pub_band_fact(z, tb->breakdown, label, on, c),
                           pub_band_fact(z, tb->breakdown, NULL, on, total), p);
        cell(g, p, true, pf);
    }
}

/* Counts in the table's column order (order = for fixed-label breakdowns). */
static void reorder(const struct tpl_table *tb, const struct band_set *bs, long counts[BANDS_MAX],
                    int nl)
{
    if (bs || !tb->norder)
        return;
    long tmp[BANDS_MAX];
    for (int k = 0; k < nl; k++)
        tmp[k] = counts[tpl_breakdown_canon(tb, k)];
    memcpy(counts, tmp, (size_t)nl * sizeof *counts);
}

static const struct measure_row *find_row(const struct measure_out *o, const char *measure)
{
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->v[i].measure, measure) && !o->v[i].breakdown[0])
            return &o->v[i];
    return NULL;
}

/* One row of a table of measures. */
static void measure_row_cells(struct grid *g, const struct tpl_table *tb,
                              const struct measure_out *o, struct dz *z)
{
    for (int c = 0; c < tb->ncolumns; c++) {
        const struct tpl_measure_ref *ref = &tb->columns[c];
        const struct measure_row *m = find_row(o, ref->measure);
        if (!m) {
            cell(g, "", true, no_fig);
            continue;
        }
        char value[32], numer[24], denom[24];   /* the cells' text */
        measure_row_text(m, value, numer, denom);
        if (ref->part == TPL_NUMERATOR || ref->part == TPL_DENOMINATOR) {
            bool isnum = ref->part == TPL_NUMERATOR;
            cell(g, isnum ? numer : denom, true,
                 pub_measure(z, m, isnum ? "numerator" : "denominator"));
        } else {
            cell(g, value, true, pub_measure(z, m, ""));
        }
    }
}

static void period_table(struct grid *g, const struct report_template *t,
                         const struct tpl_table *tb, const struct la_data *d,
                         const struct measure_ctx *ctx, int year, struct dz *z)
{
    struct tpl_row rows[TPL_MAX_ROWS];
    int nrows = tpl_period_rows(tb, year, rows);
    const struct band_set *bs = tpl_bandset(t, tb);
    const char *labels[BANDS_MAX];
    int nl = tb->breakdown[0] ? tpl_breakdown_labels(t, tb, labels) : 0;
    for (int r = 0; r < nrows; r++) {
        new_row(g, rows[r].label);
        if (tb->breakdown[0]) {
            long counts[BANDS_MAX], outside = 0;
            lscb_date on = rows[r].end;
            long total = cpp_open_breakdown(d, on, tb->breakdown, bs, counts, &outside);
            reorder(tb, bs, counts, nl);
            for (int k = 0; k < nl; k++)
                band_cells(g, tb, z, labels[k], on, counts[k], total);
            if (tb->total) {
                char tt[32];
                snprintf(tt, sizeof tt, "%ld", total);
                cell(g, tt, true, pub_band(z, tb->breakdown, NULL, on, total));
            }
            pub_bands_total(z, tb->breakdown, labels, nl, on, outside);
        } else {
            struct measure_out o = {0};
            measures_period(d, ctx, rows[r].start, rows[r].end, &o);
            measure_row_cells(g, tb, &o, z);
            measure_out_release(&o);
        }
    }
    if (tb->total_row && nrows > 0) {
        /* the measures over every row's period: percentages from the summed
         * counts, as the report's Total rows have them */
        new_row(g, "Total");
        struct measure_out o = {0};
        measures_period(d, ctx, rows[0].start, rows[nrows - 1].end, &o);
        for (size_t i = 0; i < o.n; i++) {
            /* a count on a date has no total over the year */
            const struct measure_def *md = measure_def_find(o.v[i].measure);
            if (md && md->snapshot)
                o.v[i].has_value = o.v[i].has_num = o.v[i].has_den = false;
        }
        measure_row_cells(g, tb, &o, z);
        measure_out_release(&o);
    }
    for (int k = 1; k <= tb->outturns; k++) {
        /* the years before, as far as the warehouse holds them */
        char label[40];
        snprintf(label, sizeof label, "%d-%02d outturn", year - k - 1, (year - k) % 100);
        new_row(g, label);
        struct measure_out o = {0};
        if (ctx->history_start != DATE_NONE && ctx->history_start <= census_year_start(year - k))
            measures_period(d, ctx, census_year_start(year - k), census_year_end(year - k), &o);
        measure_row_cells(g, tb, &o, z);
        measure_out_release(&o);
    }
}

static void breakdown_table(struct grid *g, const struct report_template *t,
                            const struct tpl_table *tb, const struct la_data *d, int year,
                            struct dz *z)
{
    const char *labels[BANDS_MAX];
    int nl = tpl_breakdown_labels(t, tb, labels);
    long counts[BANDS_MAX], outside = 0;
    const struct band_set *bs = tpl_bandset(t, tb);
    lscb_date on = census_year_end(year);
    long total = cpp_open_breakdown(d, on, tb->breakdown, bs, counts, &outside);
    reorder(tb, bs, counts, nl);
    for (int k = 0; k < nl; k++) {
        new_row(g, labels[k]);
        band_cells(g, tb, z, labels[k], on, counts[k], total);
    }
    if (tb->total) {
        new_row(g, "Total");
        band_cells(g, tb, z, NULL, on, total, total);
    }
    pub_bands_total(z, tb->breakdown, labels, nl, on, outside);
}

/* A benchmark value as text: percentages and rates to 1 dp. */
static void bench_cell(struct grid *g, const struct table_bench *tbb, const char *measure,
                       int year, const char *who)
{
    double v;
    char t[32] = "";
    if (tbb && tbb->b && bench_value(tbb->b, measure, year, who, &v)) {
        const struct measure_def *md = measure_def_find(measure);
        /* half up to the measure's places */
        double scale = md && measure_is_ratio(md) ? 10 : 1;
        double r = floor(v * scale + 0.5 + 1e-9) / scale;
        text_number(t, sizeof t, r, md && measure_is_ratio(md) ? 1 : 0); /* never cut */
    } else if (tbb && tbb->b && tbb->p) {
        /* a figure the release suppressed: its own symbol (c, x, ..), as
         * printed, not a blank that reads as "no figure published" */
        const char *code = !strcmp(who, "region")    ? bench_region(tbb->b)
                           : !strcmp(who, "england") ? "E92000001"
                           : !strcmp(who, "la") && tbb->cfg ? tbb->cfg->la
                                                            : who;
        size_t n = 0;
        const struct pub_value *pv =
            code && strcmp(who, "sn") ? pub_all(tbb->p, code, year, measure, &n) : NULL;
        for (size_t i = 0; pv && i < n; i++) /* ascending release: the newest last */
            if (pv[i].suppressed && pv[i].published[0])
                text_fmt_cut(t, sizeof t, "%s", pv[i].published);
    }
    cell(g, t, true, no_fig);
}

/* The authority, its neighbours, region and England over the years. */
static void years_table(struct grid *g, const struct tpl_table *tb,
                        const struct table_bench *tbb, int year)
{
    for (int k = 0; k < tb->years; k++) {
        int y = year - tb->years + 1 + k;
        char label[16];
        snprintf(label, sizeof label, "%d-%02d", y - 1, y % 100);
        new_row(g, label);
        for (int c = 0; c < tb->ncolumns; c++)
            for (int s = 0; s < tb->nseries; s++)
                bench_cell(g, tbb, tb->columns[c].measure, y, tb->series[s]);
    }
}

/* The configured comparators, the region, England and the authority. */
static void comparators_table(struct grid *g, const struct tpl_table *tb,
                              const struct table_bench *tbb, int year)
{
    int y = tb->previous_year ? year - 1 : year;
    if (tb->latest_year && tbb && tbb->b) {
        /* the latest year the published tables hold England's figure for
         * the last column (a breakdown's share: all columns come together) */
        double v;
        const char *m = tb->columns[tb->ncolumns - 1].measure;
        while (y > 1990 && !bench_value(tbb->b, m, y, "england", &v))
            y--;
    }
    if (!tbb || !tbb->cfg) {
        new_row(g, "(no published tables given)");
        for (int c = 0; c < tb->ncolumns; c++)
            cell(g, "", true, no_fig);
        return;
    }
    const char *who[CFG_MAX_CODES + 3];
    int n = 0;
    for (int i = 0; i < tbb->cfg->ncomparators; i++)
        who[n++] = tbb->cfg->comparators[i];
    who[n++] = "region";
    who[n++] = "england";
    who[n++] = tbb->cfg->la;
    for (int i = 0; i < n; i++) {
        const char *label = !strcmp(who[i], "region")    ? pub_name(tbb->p, bench_region(tbb->b))
                            : !strcmp(who[i], "england") ? "England"
                                                         : pub_name(tbb->p, who[i]);
        new_row(g, label);
        for (int c = 0; c < tb->ncolumns; c++)
            bench_cell(g, tbb, tb->columns[c].measure, y, who[i]);
    }
    if (tb->latest_year) {
        /* the year shown is not the report's: the table says which */
        char label[40];
        snprintf(label, sizeof label, "At 31 March %d (latest)", y);
        new_row(g, label);
        for (int c = 0; c < tb->ncolumns; c++)
            cell(g, "", true, no_fig);
    }
}

static void write_grid(FILE *fp, const struct grid *g, const struct dz *z)
{
    for (int r = 0; r < g->nrows; r++) {
        csv_put_text(fp, g->row_label[r], true);
        int end = r + 1 < g->nrows ? g->row_first[r + 1] : g->ncells;
        for (int i = g->row_first[r]; i < end; i++)
            if (g->shown[i])
                csv_put_text(fp, pub_hidden(z, g->fig[i]) ? "c" : g->text[i], false);
        putc('\n', fp);
    }
}

/* The header of a table's CSV where it says more than the template can:
 * a transposed table's rows are its periods (the sheet's corner label sits
 * over the indicators), and a series table names the authority, the
 * neighbours' aggregate and the region as its sheet does, not
 * "Authority" and "Region".  lscb-report accepts either. */
static void csv_labels(const struct tpl_table *tb, const struct table_bench *tbb,
                       struct tpl_col *cols, int ncol)
{
    if (tb->transpose && tb->rows != TPL_ROWS_YEARS && ncol > 0)
        text_fmt_cut(cols[0].label, sizeof cols[0].label, "Period");
    if (tb->rows != TPL_ROWS_YEARS || tb->ncolumns != 1 || !tbb || !tbb->cfg || !tbb->b ||
        !tbb->p)
        return;
    for (int k = 0; k < tb->nseries && 1 + k < ncol; k++) {
        const char *s = tb->series[k], *name = NULL;
        if (!strcmp(s, "la"))
            name = pub_name(tbb->p, tbb->cfg->la);
        else if (!strcmp(s, "region") && bench_region(tbb->b))
            name = pub_name(tbb->p, bench_region(tbb->b));
        if (!strcmp(s, "sn"))
            text_fmt_cut(cols[1 + k].label, sizeof cols[1 + k].label,
                         "Statistical neighbours (%s)", tbb->cfg->sn_median ? "median" : "mean");
        else if (name && name[0])
            text_fmt_cut(cols[1 + k].label, sizeof cols[1 + k].label, "%s", name);
    }
}

/* OUTDIR/ID.csv: the template's column labels, then the grid (suppressed by
 * z where given), written whole or not at all.  The labels come from a
 * template an operator may not have written: a label a spreadsheet would
 * run as a formula is written as text (csv_put_text). */
static lscb_err put_table_csv(const char *outdir, const char *id, const struct tpl_col *cols,
                              int ncol, const struct grid *g, const struct dz *z,
                              struct lscb_error *e)
{
    char name[64];
    if (text_fmt(name, sizeof name, "%s.csv", id) != 0)
        return lscb_fail(e, LSCB_EINPUT, "table id '%s' is too long for a file name", id);
    char *path = path_join(outdir, name);
    struct afile af;
    lscb_err rc = afile_open(&af, path, e);
    free(path);
    if (rc)
        return rc;
    for (int c = 0; c < ncol; c++)
        csv_put_text(af.fp, cols[c].label, c == 0);
    putc('\n', af.fp);
    write_grid(af.fp, g, z);
    return afile_commit(&af, e);
}

lscb_err tables_write_published(const struct report_template *t, int year,
                                const struct table_bench *tbb, const char *outdir,
                                struct lscb_error *e)
{
    struct grid *g = lscb_xcalloc(1, sizeof *g);
    char *lpath = path_join(outdir, "left-out.csv");
    struct afile lo = {0};
    lscb_err rc = afile_open(&lo, lpath, e);
    free(lpath);
    if (rc == LSCB_OK)
        fputs("table,sheet,reason\n", lo.fp);
    for (int i = 0; i < t->ntables && rc == LSCB_OK; i++) {
        const struct tpl_table *tb = &t->tables[i];
        if (tb->rows != TPL_ROWS_YEARS && tb->rows != TPL_ROWS_COMPARATORS) {
            const char *row[] = {tb->id, tb->sheet, "needs the authority's child-level census "
                                                    "returns"};
            csv_put_text_row(lo.fp, row, 3);
            continue;
        }
        struct tpl_col cols[TPL_MAX_COLS];
        char msg[200];
        int ncol = tpl_columns(t, tb, cols, msg, sizeof msg);
        if (ncol < 0) {
            rc = lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: %s", t->path, tb->id, msg);
            break;
        }
        g->ncells = g->nrows = 0;
        if (tb->rows == TPL_ROWS_YEARS)
            years_table(g, tb, tbb, year);
        else
            comparators_table(g, tb, tbb, year);
        csv_labels(tb, tbb, cols, ncol);
        rc = put_table_csv(outdir, tb->id, cols, ncol, g, NULL, e);
    }
    if (rc == LSCB_OK)
        rc = afile_commit(&lo, e);
    afile_abort(&lo);
    free(g);
    return rc;
}

struct table_set {
    struct grid *g[TPL_MAX_TABLES];
    int n;
    struct table_bench tbb;    /* borrowed from tables_build's caller, for the headers */
    bool have_tbb;
};

lscb_err tables_build(const struct report_template *t, const struct la_data *d,
                      const struct measure_ctx *ctx, int year,
                      const struct table_bench *tbb, struct dz *z, struct table_set **out,
                      struct lscb_error *e)
{
    struct table_set *ts = lscb_xcalloc(1, sizeof *ts);
    *out = ts;
    if (tbb) {
        ts->tbb = *tbb;
        ts->have_tbb = true;
    }
    for (int i = 0; i < t->ntables; i++) {
        const struct tpl_table *tb = &t->tables[i];
        struct tpl_col cols[TPL_MAX_COLS];
        char msg[200];
        if (tpl_columns(t, tb, cols, msg, sizeof msg) < 0)
            return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: %s", t->path, tb->id, msg);
        struct grid *g = ts->g[ts->n++] = lscb_xmalloc(sizeof *g);
        g->ncells = g->nrows = 0;
        if (tb->rows == TPL_ROWS_BREAKDOWN)
            breakdown_table(g, t, tb, d, year, z);
        else if (tb->rows == TPL_ROWS_YEARS)
            years_table(g, tb, tbb, year);
        else if (tb->rows == TPL_ROWS_COMPARATORS)
            comparators_table(g, tb, tbb, year);
        else
            period_table(g, t, tb, d, ctx, year, z);
    }
    return LSCB_OK;
}

lscb_err tables_save(const struct table_set *ts, const struct report_template *t,
                     const struct dz *z, const char *outdir, struct lscb_error *e)
{
    lscb_err rc = LSCB_OK;
    for (int i = 0; i < ts->n && rc == LSCB_OK; i++) {
        const struct tpl_table *tb = &t->tables[i];
        struct tpl_col cols[TPL_MAX_COLS];
        char msg[200];
        int ncol = tpl_columns(t, tb, cols, msg, sizeof msg);
        csv_labels(tb, ts->have_tbb ? &ts->tbb : NULL, cols, ncol);
        rc = put_table_csv(outdir, tb->id, cols, ncol, ts->g[i], z, e);
    }
    return rc;
}

void tables_free(struct table_set *ts)
{
    if (!ts)
        return;
    for (int i = 0; i < ts->n; i++)
        free(ts->g[i]);
    free(ts);
}

lscb_err tables_manifest_write(const char *outdir, const struct report_template *t, int year,
                               const char *la, bool publish, struct lscb_error *e)
{
    const char *base = strrchr(t->path, '/');
    base = base ? base + 1 : t->path;
    char y[16];
    snprintf(y, sizeof y, "%d", year);
    char *path = path_join(outdir, "manifest.csv");
    struct afile af;
    lscb_err rc = afile_open(&af, path, e);
    free(path);
    if (rc)
        return rc;
    fputs("template,year,la_code,publish\n", af.fp);
    const char *f[] = {base, y, la, publish ? "yes" : "no"};
    csv_put_text_row(af.fp, f, 4);
    return afile_commit(&af, e);
}
