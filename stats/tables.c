/* tables.c — see tables.h. */
#define _POSIX_C_SOURCE 200809L
#include "tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"

static const struct measure_row *find_row(const struct measure_out *o, const char *measure)
{
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->v[i].measure, measure) && !o->v[i].breakdown[0])
            return &o->v[i];
    return NULL;
}

/* Appends the band cells of one breakdown (counts and/or % of the total). */
static int band_cells(const struct tpl_table *tb, const long *counts, int nl, long total,
                      char cells[][32], int n)
{
    for (int k = 0; k < nl; k++) {
        long c = counts[k];
        if (tb->values != TPL_VALUES_PCT)
            snprintf(cells[n++], 32, "%ld", c);
        if (tb->values != TPL_VALUES_COUNT)
            fmt_ratio_1dp(cells[n++], 32, c, total, 100);
    }
    return n;
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

static void put_cells(FILE *fp, const char *label, char cells[][32], int n)
{
    csv_put(fp, label, true);
    for (int i = 0; i < n; i++)
        csv_put(fp, cells[i], false);
    putc('\n', fp);
}

static void period_table(const struct report_template *t, const struct tpl_table *tb,
                         const struct la_data *d, const struct measure_ctx *ctx, int year,
                         FILE *fp)
{
    struct tpl_row rows[TPL_MAX_ROWS];
    int nrows = tpl_period_rows(tb, year, rows);
    const struct band_set *bs = tpl_bandset(t, tb);
    const char *labels[BANDS_MAX];
    int nl = tb->breakdown[0] ? tpl_breakdown_labels(t, tb, labels) : 0;
    for (int r = 0; r < nrows; r++) {
        char cells[TPL_MAX_COLS][32];
        int n = 0;
        if (tb->breakdown[0]) {
            long counts[BANDS_MAX];
            long total = cpp_open_breakdown(d, rows[r].end, tb->breakdown, bs, counts, NULL);
            reorder(tb, bs, counts, nl);
            n = band_cells(tb, counts, nl, total, cells, n);
            if (tb->total)
                snprintf(cells[n++], 32, "%ld", total);
        } else {
            struct measure_out o = {0};
            measures_period(d, ctx, rows[r].start, rows[r].end, &o);
            for (int c = 0; c < tb->ncolumns; c++) {
                const struct measure_row *m = find_row(&o, tb->columns[c].measure);
                const char *v = !m                                         ? ""
                                : tb->columns[c].part == TPL_NUMERATOR     ? m->numerator
                                : tb->columns[c].part == TPL_DENOMINATOR   ? m->denominator
                                                                           : m->value;
                snprintf(cells[n++], 32, "%s", v);
            }
            measure_out_release(&o);
        }
        put_cells(fp, rows[r].label, cells, n);
    }
}

static void breakdown_table(const struct report_template *t, const struct tpl_table *tb,
                            const struct la_data *d, int year, FILE *fp)
{
    const char *labels[BANDS_MAX];
    int nl = tpl_breakdown_labels(t, tb, labels);
    long counts[BANDS_MAX];
    const struct band_set *bs = tpl_bandset(t, tb);
    long total = cpp_open_breakdown(d, census_year_end(year), tb->breakdown, bs, counts, NULL);
    reorder(tb, bs, counts, nl);
    for (int k = 0; k < nl; k++) {
        char cells[2][32];
        int n = band_cells(tb, &counts[k], 1, total, cells, 0);
        put_cells(fp, labels[k], cells, n);
    }
    if (tb->total) {
        char cells[2][32];
        int n = band_cells(tb, &total, 1, total, cells, 0);
        put_cells(fp, "Total", cells, n);
    }
}

lscb_err tables_write(const struct report_template *t, const struct la_data *d,
                      const struct measure_ctx *ctx, int year, const char *outdir,
                      struct lscb_error *e)
{
    lscb_err rc = LSCB_OK;
    for (int i = 0; i < t->ntables && rc == LSCB_OK; i++) {
        const struct tpl_table *tb = &t->tables[i];
        struct tpl_col cols[TPL_MAX_COLS];
        char msg[200];
        int ncol = tpl_columns(t, tb, cols, msg, sizeof msg);
        if (ncol < 0)
            return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: %s", t->path, tb->id, msg);
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
        if (tb->rows == TPL_ROWS_BREAKDOWN)
            breakdown_table(t, tb, d, year, af.fp);
        else
            period_table(t, tb, d, ctx, year, af.fp);
        rc = afile_commit(&af, e);
    }
    return rc;
}
