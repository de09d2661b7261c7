/*
 * tables.c — see tables.h.
 *
 * Each table is built as a grid of cells (text and, for suppression, the
 * count behind it), then suppressed when publishing, then written.  Counts
 * a table does not show but whose percentages it does (values = pct) are
 * kept as shadow cells so a percentage of a small count is hidden too.
 */
#define _POSIX_C_SOURCE 200809L
#include "tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "csvio.h"
#include "suppress.h"

#define MAX_CELLS ((TPL_MAX_ROWS + 6) * (TPL_MAX_COLS + 2 * TPL_MAX_COLUMNS + BANDS_MAX))

struct grid {
    struct sup_cell sup[MAX_CELLS];
    char text[MAX_CELLS][32];
    bool shown[MAX_CELLS];
    int ncells;
    int row_first[TPL_MAX_ROWS + 7]; /* first cell of each row (+ Total, outturns) */
    char row_label[TPL_MAX_ROWS + 7][40];
    int nrows;
    struct sup_line lines[TPL_MAX_ROWS + 8];
    int nlines;
};

static int cell(struct grid *g, const char *text, bool shown, bool count, long value, int pct_of)
{
    int i = g->ncells++;
    snprintf(g->text[i], sizeof g->text[i], "%s", text);
    g->shown[i] = shown;
    g->sup[i] = (struct sup_cell){.value = value, .count = count, .pct_of = pct_of,
                                  .hidden = false};
    return i;
}

static int count_cell(struct grid *g, long v, bool shown)
{
    char t[32];
    snprintf(t, sizeof t, "%ld", v);
    return cell(g, t, shown, true, v, -1);
}

static void new_row(struct grid *g, const char *label)
{
    snprintf(g->row_label[g->nrows], sizeof g->row_label[0], "%s", label);
    g->row_first[g->nrows++] = g->ncells;
}

/* A band's count and/or its percentage of the total; returns the count's
 * index (a shadow cell when only the percentage is shown). */
static int band_cells(struct grid *g, const struct tpl_table *tb, long c, long total)
{
    int ci = count_cell(g, c, tb->values != TPL_VALUES_PCT);
    if (tb->values != TPL_VALUES_COUNT) {
        char p[32];
        fmt_ratio_1dp(p, sizeof p, c, total, 100);
        cell(g, p, true, false, 0, ci);
    }
    return ci;
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

static long num(const char *s)
{
    return s[0] ? strtol(s, NULL, 10) : 0;
}

/* One row of a table of measures. */
static void measure_row_cells(struct grid *g, const struct tpl_table *tb,
                              const struct measure_out *o)
{
    int started = -1, ended = -1, change = -1;
    for (int c = 0; c < tb->ncolumns; c++) {
        const struct tpl_measure_ref *ref = &tb->columns[c];
        const struct measure_def *md = measure_def_find(ref->measure);
        const struct measure_row *m = find_row(o, ref->measure);
        if (!m) {
            cell(g, "", true, false, 0, -1);
            continue;
        }
        if (ref->part == TPL_NUMERATOR || ref->part == TPL_DENOMINATOR) {
            const char *v = ref->part == TPL_NUMERATOR ? m->numerator : m->denominator;
            cell(g, v, true, v[0] != '\0', num(v), -1);
        } else if (md && measure_is_ratio(md)) {
            /* a percentage or rate hides with a small numerator or base */
            int ni = count_cell(g, num(m->numerator), false);
            int di = count_cell(g, num(m->denominator), false);
            int pi = cell(g, m->value, true, false, 0, ni);
            long den = num(m->denominator);
            if (den >= 1 && den <= 5)
                g->sup[pi].pct_of = di;
        } else {
            int i = cell(g, m->value, true, m->value[0] != '\0' && strcmp(ref->measure, "cpp_change"),
                         num(m->value), -1);
            if (!strcmp(ref->measure, "cpp_started"))
                started = i;
            else if (!strcmp(ref->measure, "cpp_ended"))
                ended = i;
            else if (!strcmp(ref->measure, "cpp_change"))
                change = i;
        }
    }
    /* started - ended = change: two of the three give the third */
    if (change >= 0 && started >= 0 && ended >= 0) {
        struct sup_line *l = &g->lines[g->nlines++];
        l->n = 2;
        l->members[0] = ended;
        l->members[1] = change;
        l->total = started;
    }
}

static void period_table(struct grid *g, const struct report_template *t,
                         const struct tpl_table *tb, const struct la_data *d,
                         const struct measure_ctx *ctx, int year)
{
    struct tpl_row rows[TPL_MAX_ROWS];
    int nrows = tpl_period_rows(tb, year, rows);
    const struct band_set *bs = tpl_bandset(t, tb);
    const char *labels[BANDS_MAX];
    int nl = tb->breakdown[0] ? tpl_breakdown_labels(t, tb, labels) : 0;
    for (int r = 0; r < nrows; r++) {
        new_row(g, rows[r].label);
        if (tb->breakdown[0]) {
            long counts[BANDS_MAX];
            long total = cpp_open_breakdown(d, rows[r].end, tb->breakdown, bs, counts, NULL);
            reorder(tb, bs, counts, nl);
            struct sup_line *l = &g->lines[g->nlines++];
            l->n = 0;
            for (int k = 0; k < nl; k++)
                l->members[l->n++] = band_cells(g, tb, counts[k], total);
            l->total = count_cell(g, total, tb->total);
            if (!tb->total)
                l->total = -1; /* not shown: nothing to subtract from */
        } else {
            struct measure_out o = {0};
            measures_period(d, ctx, rows[r].start, rows[r].end, &o);
            measure_row_cells(g, tb, &o);
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
                o.v[i].value[0] = o.v[i].numerator[0] = o.v[i].denominator[0] = '\0';
        }
        measure_row_cells(g, tb, &o);
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
        measure_row_cells(g, tb, &o);
        measure_out_release(&o);
    }
}

static void breakdown_table(struct grid *g, const struct report_template *t,
                            const struct tpl_table *tb, const struct la_data *d, int year)
{
    const char *labels[BANDS_MAX];
    int nl = tpl_breakdown_labels(t, tb, labels);
    long counts[BANDS_MAX];
    const struct band_set *bs = tpl_bandset(t, tb);
    long total = cpp_open_breakdown(d, census_year_end(year), tb->breakdown, bs, counts, NULL);
    reorder(tb, bs, counts, nl);
    struct sup_line *l = &g->lines[g->nlines++];
    l->n = 0;
    for (int k = 0; k < nl; k++) {
        new_row(g, labels[k]);
        l->members[l->n++] = band_cells(g, tb, counts[k], total);
    }
    new_row(g, "Total");
    l->total = band_cells(g, tb, total, total);
    if (!tb->total) {
        /* the Total row is not written: it must not leak either */
        g->nrows--;
        l->total = -1;
    }
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
        snprintf(t, sizeof t, md && measure_is_ratio(md) ? "%.1f" : "%.0f", r);
    }
    cell(g, t, true, false, 0, -1);
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
    if (!tbb || !tbb->cfg) {
        new_row(g, "(no published tables given)");
        for (int c = 0; c < tb->ncolumns; c++)
            cell(g, "", true, false, 0, -1);
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
}

static void write_grid(FILE *fp, const struct grid *g)
{
    for (int r = 0; r < g->nrows; r++) {
        csv_put(fp, g->row_label[r], true);
        int end = r + 1 < g->nrows ? g->row_first[r + 1] : g->ncells;
        for (int i = g->row_first[r]; i < end; i++)
            if (g->shown[i])
                csv_put(fp, g->sup[i].hidden ? "c" : g->text[i], false);
        putc('\n', fp);
    }
}

lscb_err tables_write(const struct report_template *t, const struct la_data *d,
                      const struct measure_ctx *ctx, int year, bool publish,
                      const struct table_bench *tbb, const char *outdir, struct lscb_error *e)
{
    struct grid *g = malloc(sizeof *g);
    if (!g)
        return lscb_fail(e, LSCB_ESYS, "out of memory");
    lscb_err rc = LSCB_OK;
    for (int i = 0; i < t->ntables && rc == LSCB_OK; i++) {
        const struct tpl_table *tb = &t->tables[i];
        struct tpl_col cols[TPL_MAX_COLS];
        char msg[200];
        int ncol = tpl_columns(t, tb, cols, msg, sizeof msg);
        if (ncol < 0) {
            rc = lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: %s", t->path, tb->id, msg);
            break;
        }
        g->ncells = g->nrows = g->nlines = 0;
        if (tb->rows == TPL_ROWS_BREAKDOWN)
            breakdown_table(g, t, tb, d, year);
        else if (tb->rows == TPL_ROWS_YEARS)
            years_table(g, tb, tbb, year);
        else if (tb->rows == TPL_ROWS_COMPARATORS)
            comparators_table(g, tb, tbb, year);
        else
            period_table(g, t, tb, d, ctx, year);
        if (publish)
            suppress(g->sup, g->ncells, g->lines, g->nlines);
        char name[64];
        snprintf(name, sizeof name, "%s.csv", tb->id);
        char *path = path_join(outdir, name);
        struct afile af;
        rc = afile_open(&af, path, e);
        free(path);
        if (rc)
            break;
        for (int c = 0; c < ncol; c++)
            csv_put(af.fp, cols[c].label, c == 0);
        putc('\n', af.fp);
        write_grid(af.fp, g);
        rc = afile_commit(&af, e);
    }
    free(g);
    return rc;
}
