/* report_bench.c — see report_bench.h. */
#define _POSIX_C_SOURCE 200809L
#include "output/report_bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/csvio.h"
#include "common/measure_defs.h"
#include "common/paths.h"
#include "common/text.h"
#include "output/report_funnel.h"

/* bench-index.csv columns */
enum { IX_ID, IX_MEASURE, IX_SHEET, IX_TITLE, IX_UNIT, IX_POLARITY, IX_NEIGHBOURS, IX_LA_NAME,
       IX_REGION_NAME, IX_SOURCE, IX_PERIOD, IX_NOTE, IX_N };

/* the columns after the neighbours' aggregate in bench-ID.csv */
#define TAIL_COLS 9   /* region, England, Rank, Of, Band, low, high, trend + aggregate */

struct bench_entry {
    char *ix[IX_N];
    struct grid g;            /* bench-ID.csv: rows of fields, header first */
};

struct index_load {
    struct bench_book *bb;
    const char *path;
};

static lscb_err on_index(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct index_load *il = ctx;
    if (line == 1)
        return LSCB_OK;
    if (n != IX_N)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: %zu fields, expected %d (run lscb-stats "
                         "again)", il->path, line, n, IX_N);
    struct bench_book *bb = il->bb;
    bb->v = lscb_xrealloc(bb->v, (bb->n + 1) * sizeof *bb->v);
    struct bench_entry *be = &bb->v[bb->n++];
    memset(be, 0, sizeof *be);
    for (int i = 0; i < IX_N; i++)
        be->ix[i] = lscb_xstrdup(f[i]);
    if (text_fmt(bb->la_name, sizeof bb->la_name, "%s", f[IX_LA_NAME]))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field la_name: '%s' longer than %zu characters",
                         il->path, line, f[IX_LA_NAME], sizeof bb->la_name - 1);
    return LSCB_OK;
}

static lscb_err on_left_out(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)e;
    struct bench_book *bb = ctx;
    if (line == 1 || n < 2)
        return LSCB_OK;
    bb->left_out = lscb_xrealloc(bb->left_out, (bb->nleft_out + 1) * sizeof *bb->left_out);
    bb->left_out_sheet = lscb_xrealloc(bb->left_out_sheet,
                                       (bb->nleft_out + 1) * sizeof *bb->left_out_sheet);
    bb->left_out[bb->nleft_out] = lscb_xstrdup(f[0]);
    bb->left_out_sheet[bb->nleft_out++] = lscb_xstrdup(f[1]);
    return LSCB_OK;
}

static lscb_err on_tline(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)e;
    struct bench_book *bb = ctx;
    if (line == 1 || n != 3)
        return LSCB_OK;
    bb->tlines = lscb_xrealloc(bb->tlines, (bb->ntlines + 3) * sizeof *bb->tlines);
    for (int i = 0; i < 3; i++)
        bb->tlines[bb->ntlines++] = lscb_xstrdup(f[i]);
    return LSCB_OK;
}

const char *bench_table_line(const struct bench_book *bb, const char *id, int which)
{
    for (size_t i = 0; i + 2 < bb->ntlines; i += 3)
        if (!strcmp(bb->tlines[i], id))
            return bb->tlines[i + 1 + (which ? 1 : 0)];
    return NULL;
}

lscb_err bench_book_read(const char *tables, struct bench_book *bb, struct lscb_error *e)
{
    memset(bb, 0, sizeof *bb);
    char *ipath = path_join(tables, "bench-index.csv");
    struct index_load il = {bb, ipath};
    lscb_err rc = access(ipath, R_OK) == 0 ? csv_read_path_text(ipath, on_index, &il, e) : LSCB_OK;
    free(ipath);
    for (size_t i = 0; i < bb->n && rc == LSCB_OK; i++) {
        struct bench_entry *be = &bb->v[i];
        char *name = text_xfmt("bench-%s.csv", be->ix[IX_ID]);
        char *path = path_join(tables, name);
        free(name);
        rc = csv_read_path_text(path, report_on_cell_row, &be->g, e);
        int nn = atoi(be->ix[IX_NEIGHBOURS]);
        /* Year, authority, neighbours, aggregate, then the tail */
        size_t want = (size_t)(2 + nn + TAIL_COLS);
        for (size_t r = 0; r < be->g.n && rc == LSCB_OK; r++)
            if (be->g.ncell[r] != want)
                rc = lscb_fail(e, LSCB_EINPUT, "%s:%zu: %zu fields, expected %zu (run "
                               "lscb-stats again)", path, r + 1, be->g.ncell[r], want);
        if (rc == LSCB_OK && be->g.n < 2)
            rc = lscb_fail(e, LSCB_EINPUT, "%s: no years", path);
        free(path);
    }
    char *tpath = path_join(tables, "bench-tables.csv");
    if (rc == LSCB_OK && access(tpath, R_OK) == 0)
        rc = csv_read_path_text(tpath, on_tline, bb, e);
    free(tpath);
    char *lpath = path_join(tables, "left-out.csv");
    if (rc == LSCB_OK && access(lpath, R_OK) == 0)
        rc = csv_read_path_text(lpath, on_left_out, bb, e);
    free(lpath);
    if (rc)
        bench_book_release(bb);
    return rc;
}

void bench_book_release(struct bench_book *bb)
{
    for (size_t i = 0; i < bb->n; i++) {
        struct bench_entry *be = &bb->v[i];
        for (int k = 0; k < IX_N; k++)
            free(be->ix[k]);
        report_grid_release(&be->g);
    }
    free(bb->v);
    for (size_t i = 0; i < bb->nleft_out; i++) {
        free(bb->left_out[i]);
        free(bb->left_out_sheet[i]);
    }
    free(bb->left_out);
    free(bb->left_out_sheet);
    for (size_t i = 0; i < bb->ntlines; i++)
        free(bb->tlines[i]);
    free(bb->tlines);
    memset(bb, 0, sizeof *bb);
}

bool bench_book_left_out(const struct bench_book *bb, const char *id)
{
    for (size_t i = 0; i < bb->nleft_out; i++)
        if (!strcmp(bb->left_out[i], id))
            return true;
    return false;
}

static const struct bench_entry *find(const struct bench_book *bb, const char *id)
{
    for (size_t i = 0; i < bb->n; i++)
        if (!strcmp(bb->v[i].ix[IX_ID], id))
            return &bb->v[i];
    return NULL;
}

/* A4 landscape less the sheet's margins (0.4 inch each side, 0.5 top and
 * bottom), in points */
#define PAGE_W_PT (841.9 - 2 * 0.4 * 72)
#define PAGE_H_PT (595.3 - 2 * 0.5 * 72)

/* A column's width in points: Excel's characters of the default font (7
 * pixels each, plus 5) at 96 pixels to the inch */
static double col_pt(double chars)
{
    return (chars * 7 + 5) * 0.75;
}

/* Counts no funnel can compare: the rate or percentage whose sheet has
 * it (the registry's compared_as), or NULL. */
static const char *rate_of(const char *count)
{
    const struct measure_def *md = measure_def_find(count);
    return md ? md->compared_as : NULL;
}

static const struct bench_entry *find_measure(const struct bench_book *bb, const char *measure)
{
    for (size_t i = 0; i < bb->n; i++)
        if (!strcmp(bb->v[i].ix[IX_MEASURE], measure))
            return &bb->v[i];
    return NULL;
}

/* Why an indicator sheet has no funnel plot, in words. */
static void no_funnel_line(const struct bench_book *bb, const struct bench_entry *be,
                           bool count, char *buf, size_t cap)
{
    if (!count) {
        text_fmt_cut(buf, cap, "No funnel plot: the published tables give fewer than 10 "
                 "authorities both parts of this figure (numerator and denominator) in any "
                 "year, or no England value, so no authority is compared with England here.");
        return;
    }
    const char *r = rate_of(be->ix[IX_MEASURE]);
    const struct bench_entry *re = r ? find_measure(bb, r) : NULL;
    if (re)
        text_fmt_cut(buf, cap, "No funnel plot: a count grows with the authority's size, so it is "
                 "not compared with England; the sheet '%s' compares it as %s, with its funnel "
                 "plot.", re->ix[IX_SHEET], !strcmp(re->ix[IX_UNIT], "pct") ? "a percentage"
                                                                        : "a rate");
    else
        text_fmt_cut(buf, cap, "No funnel plot: a count grows with the authority's size, so it is "
                 "not compared with England (the funnel plots are on the rate and percentage "
                 "sheets).");
}

bool bench_sheet_write(lxw_workbook *wb, const struct bench_book *bb, const char *id,
                       struct funnels *fs, const struct fmts *f)
{
    const struct bench_entry *be = find(bb, id);
    if (!be)
        return false;
    int nn = atoi(be->ix[IX_NEIGHBOURS]);
    int ncol = 2 + nn + TAIL_COLS;
    int c_agg = 2 + nn, c_region = c_agg + 1, c_eng = c_agg + 2, c_rank = c_agg + 3,
        c_band = c_agg + 5, c_lo = c_agg + 6, c_trend = c_agg + 8;
    bool count = !strcmp(be->ix[IX_UNIT], "count");

    /* formats of this sheet */
    lxw_format *val = workbook_add_format(wb), *la = workbook_add_format(wb),
               *whole = workbook_add_format(wb), *trend = workbook_add_format(wb),
               *head = workbook_add_format(wb), *head_la = workbook_add_format(wb),
               *wrap = workbook_add_format(wb), *one_dp = workbook_add_format(wb),
               *title = workbook_add_format(wb), *band[4];
    /* values as published (12.9 is 12.9%, not a fraction): one decimal */
    format_set_num_format(one_dp, "0.0");
    format_set_bold(title);
    format_set_font_size(title, 13);
    format_set_num_format(val, count ? "#,##0" : "0.0");
    format_set_num_format(la, count ? "#,##0" : "0.0");
    format_set_bold(la);
    format_set_bg_color(la, 0xFFF2CC);
    format_set_num_format(whole, "0");
    format_set_num_format(trend, "0.00");
    format_set_bold(head);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_RIGHT); /* upright, over its figures */
    format_set_align(head, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_bottom(head, LXW_BORDER_THIN);
    format_set_bg_color(head, 0xDCE6F1);
    format_set_font_size(head, 9);
    /* names up the page: across, "Kensington and Chelsea" and nine others
     * made 22 columns print at two-thirds size; upright, each column is as
     * wide as its figures */
    format_set_rotation(head, 90);
    format_set_bold(head_la);
    format_set_text_wrap(head_la);
    format_set_align(head_la, LXW_ALIGN_RIGHT);
    format_set_align(head_la, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_bottom(head_la, LXW_BORDER_THIN);
    format_set_bg_color(head_la, 0xFFE699);
    format_set_font_size(head_la, 9);
    format_set_rotation(head_la, 90);
    format_set_text_wrap(wrap);
    format_set_font_size(wrap, 9);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    /* A best (green) to D worst (red) */
    static const lxw_color_t fills[4] = {0x63BE7B, 0xC6E0B4, 0xFFD966, 0xF8696B};
    for (int i = 0; i < 4; i++) {
        band[i] = workbook_add_format(wb);
        format_set_bg_color(band[i], fills[i]);
        format_set_bold(band[i]);
        format_set_align(band[i], LXW_ALIGN_CENTER);
    }

    lxw_worksheet *ws = workbook_add_worksheet(wb, be->ix[IX_SHEET]);
    if (!ws)
        return true; /* a name the workbook refuses (lscb-stats writes none) */
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
    /* the columns' widths, in characters, as set */
    double *colw = lscb_xcalloc((size_t)ncol, sizeof *colw);
    for (int c = 0; c < ncol; c++)
        colw[c] = c == 0 ? 8 : c == 1 ? 9 : c <= c_eng ? (count ? 8 : 7)
                  : c <= c_band ? 5 : 6.5;
    double width_chars = 0, width_pt = 0;
    for (int c = 0; c < ncol; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, colw[c], NULL);
        width_chars += colw[c];
        width_pt += col_pt(colw[c]);
    }

    /* unwrapped: it runs over the empty cells to its right */
    worksheet_write_string(ws, 0, 0, be->ix[IX_TITLE], title);
    char *sub = text_xfmt("%s against its statistical neighbours, %s and England. %s.",
             be->ix[IX_LA_NAME][0] ? be->ix[IX_LA_NAME] : "The authority",
             be->ix[IX_REGION_NAME][0] ? be->ix[IX_REGION_NAME] : "its region",
             be->ix[IX_PERIOD]);
    worksheet_write_string(ws, 1, 0, sub, f->sub);
    free(sub);

    const int top = 3;
    const double head_pt = 80; /* two lines of 17 characters up the page */
    worksheet_set_row(ws, top, head_pt, NULL);
    for (int c = 0; c < ncol; c++)
        worksheet_write_string(ws, top, (lxw_col_t)c, be->g.cells[0][c],
                               c == 0 ? f->head : c == 1 ? head_la : head);
    int nr = (int)be->g.n - 1;
    for (int r = 1; r <= nr; r++) {
        char **row = be->g.cells[r];
        lxw_row_t xr = (lxw_row_t)(top + r);
        worksheet_write_string(ws, xr, 0, row[0], f->label);
        for (int c = 1; c < ncol; c++) {
            const char *v = row[c];
            if (!*v) {
                worksheet_write_blank(ws, xr, (lxw_col_t)c, NULL);
                continue;
            }
            if (c == c_band) {
                int k = v[0] - 'A';
                worksheet_write_string(ws, xr, (lxw_col_t)c, v,
                                       k >= 0 && k < 4 ? band[k] : NULL);
                continue;
            }
            double x = strtod(v, NULL);
            lxw_format *fm = c == 1                         ? la
                             : c == c_rank || c == c_rank + 1 ? whole
                             : c == c_trend                 ? trend
                                                            : val;
            if (c == c_agg || c == c_lo || c == c_lo + 1)
                fm = c == c_agg && count ? val : one_dp;
            worksheet_write_number(ws, xr, (lxw_col_t)c, x, fm);
        }
    }

    /* the line chart: authority, neighbours' aggregate, region, England */
    int chart_row = top + nr + 2;
    lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_LINE);
    const int series_cols[] = {1, c_agg, c_region, c_eng};
    /* a count's region and England are totals, hundreds of times the
     * authority's: on the same axis they would flatten its line (and
     * libxlsxwriter 1.1.4 has no secondary axis), so the chart of a count
     * shows the authority and its neighbours, the table the totals */
    int nseries = count ? 2 : 4;
    for (int i = 0; i < nseries; i++) {
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(se, be->ix[IX_SHEET], (lxw_row_t)(top + 1), 0,
                                    (lxw_row_t)(top + nr), 0);
        chart_series_set_values(se, be->ix[IX_SHEET], (lxw_row_t)(top + 1),
                                (lxw_col_t)series_cols[i], (lxw_row_t)(top + nr),
                                (lxw_col_t)series_cols[i]);
        chart_series_set_name_range(se, be->ix[IX_SHEET], (lxw_row_t)top,
                                    (lxw_col_t)series_cols[i]);
        chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
        lxw_chart_line ln = {.width = i == 0 ? 2.75 : 1.75};
        chart_series_set_line(se, &ln);
    }
    char *ctitle = text_xfmt("%s%s", be->ix[IX_TITLE],
                             count ? " (region and England are totals: in the table)" : "");
    chart_title_set_name(ch, ctitle);
    free(ctitle);
    lxw_chart_font tf = {.size = 10, .bold = LXW_TRUE};
    chart_title_set_name_font(ch, &tf);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);
    /* the value axis from zero (fitted to the figures, % referrals assessed
     * ran from 99.3 to 100.1 and made 99.6 look a collapse), a percentage's
     * to at most 100 */
    double vmax = 0;
    for (int r = 1; r <= nr; r++)
        for (int i = 0; i < nseries; i++) {
            char *end;
            const char *v = be->g.cells[r][series_cols[i]];
            double x = strtod(v, &end);
            if (*v && !*end && x > vmax)
                vmax = x;
        }
    chart_axis_set_min(ch->y_axis, 0);
    if (!strcmp(be->ix[IX_UNIT], "pct"))
        chart_axis_set_max(ch->y_axis, vmax > 90 || vmax <= 0 ? 100 : ceil(vmax / 10) * 10);
    else if (vmax < 5)
        chart_axis_set_max(ch->y_axis, 5);
    chart_axis_major_gridlines_set_visible(ch->y_axis, LXW_TRUE);
    /* the table's width less the year column, 17 rows (340 pixels) high:
     * with the table it fills the page's height at the width's scale */
    const int chart_h = 17;
    double px = width_pt / 0.75 - col_pt(colw[0]) / 0.75;
    lxw_chart_options co = {.x_scale = px / 480.0, .y_scale = chart_h * 20 / 288.0};
    worksheet_insert_chart_opt(ws, (lxw_row_t)chart_row, 1, ch, &co);
    int row = chart_row + chart_h + 1;

    int lastcol = ncol - 1;
    /* page 1's height: 15-point rows, the header row, the wrapped lines */
    double h1 = 15.0 * (row - 1) + head_pt;
    h1 += write_wrapped_across(ws, row++, lastcol, width_chars, be->ix[IX_NOTE], wrap);
    /* the whole source and period, however many releases they name */
    char *src = text_xfmt("Source: %s.", be->ix[IX_SOURCE]);
    h1 += write_wrapped_across(ws, row++, lastcol, width_chars, src, wrap);
    free(src);
    char *per = text_xfmt("Period: %s.", be->ix[IX_PERIOD]);
    h1 += write_wrapped_across(ws, row++, lastcol, width_chars, per, wrap);
    free(per);
    if (!funnel_has(fs, be->ix[IX_MEASURE])) {
        char why[400];
        no_funnel_line(bb, be, count, why, sizeof why);
        write_wrapped_across(ws, row++, lastcol, width_chars, why, wrap);
        worksheet_fit_to_pages(ws, 1, 1);
        worksheet_print_area(ws, 0, 0, (lxw_row_t)(row - 1), (lxw_col_t)lastcol);
        free(colw);
        return true;
    }
    /* the funnel plot on a second page: the table and its chart on the
     * first.  One print scale for both (Excel ignores manual page breaks on
     * a sheet fitted to pages): the largest at which the width and the
     * first page fit, the chart then as tall as the second page allows. */
    double s0 = fmin(1.0, fmin(PAGE_W_PT / width_pt, PAGE_H_PT / h1));
    const double rest_pt = 300; /* the funnel's heading, key and table */
    int chart_rows = (int)((PAGE_H_PT / s0 - rest_pt) / 15);
    chart_rows = chart_rows < 18 ? 18 : chart_rows > 40 ? 40 : chart_rows;
    struct funnel_place pl = {colw, ncol, chart_rows};
    int top2 = row + 1, last = lastcol;
    double h2;
    row = funnel_section(wb, ws, fs, be->ix[IX_MEASURE], top2, &pl, f, &last, &h2);
    double wide = width_pt;
    for (int c = ncol; c <= last; c++)
        wide += col_pt(8.43);
    double s = fmin(s0, fmin(PAGE_W_PT / wide, PAGE_H_PT / h2));
    /* 8% to spare: LibreOffice, even with Calibri's metrics (Carlito),
     * draws columns a few per cent wider than Excel's pixel model */
    int pct = (int)(s * 92);
    worksheet_set_print_scale(ws, (uint16_t)(pct < 10 ? 10 : pct > 100 ? 100 : pct));
    lxw_row_t breaks[] = {(lxw_row_t)top2, 0};
    worksheet_set_h_pagebreaks(ws, breaks);
    worksheet_print_area(ws, 0, 0, (lxw_row_t)(row - 1), (lxw_col_t)last);
    free(colw);
    return true;
}

static bool template_has(const struct report_template *t, const char *id)
{
    for (int i = 0; t && i < t->ntables; i++)
        if (!strcmp(t->tables[i].id, id))
            return true;
    return false;
}

size_t bench_book_extra(const struct bench_book *bb, const struct report_template *t,
                        const char **sheets, const char **titles, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < bb->n && n < max; i++) {
        if (template_has(t, bb->v[i].ix[IX_ID]))
            continue;
        sheets[n] = bb->v[i].ix[IX_SHEET];
        titles[n++] = bb->v[i].ix[IX_TITLE];
    }
    return n;
}

void bench_sheets_extra(lxw_workbook *wb, const struct bench_book *bb,
                        const struct report_template *t, struct funnels *fs,
                        const struct fmts *f)
{
    for (size_t i = 0; i < bb->n; i++)
        if (!template_has(t, bb->v[i].ix[IX_ID]))
            bench_sheet_write(wb, bb, bb->v[i].ix[IX_ID], fs, f);
}
