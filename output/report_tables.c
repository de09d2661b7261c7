/*
 * report_tables.c — one sheet per template table (see report_sheet.h).
 *
 * Each sheet prints on one landscape A4 page: the table, then its charts
 * side by side below it, then the note and the source line, inside a print
 * area scaled to fit one page.  Figures keep their type: counts as
 * numbers, percentages as fractions with a 0.0% format (the report prints
 * 45.3%), rates per 10,000 with 0.0, months as dates shown Apr-23.  Counts,
 * rates and percentages never share an axis: each kind present gets its
 * own chart, every value axis starting at zero.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "common/date.h"
#include "common/measure_defs.h"
#include "common/text.h"
#include "output/report_bench.h"
#include "output/report_sheet.h"
#include "common/template.h"

/* Excel's day number of 1970-01-01 */
#define EXCEL_EPOCH 25569

bool ni_band_applies(const struct ni_band *b)
{
    /* The report's key gives NI64 a Low side 0<3 ... 10<15 identical to
     * NI65's and a High side 0<10 (band 4) ... 20<=100 (band 1) that
     * overlaps it; its definition says good performance is "typified by a
     * lower percentage".  Read that way only the High side describes NI64:
     * 0 to under 10 is its best band (4), 20 or more its worst (1). */
    if (!strcmp(b->indicator, "NI64") && !strcmp(b->side, "Low"))
        return false;
    return b->band >= 1 && b->band <= 5;
}

static void ni_bands(lxw_worksheet *ws, const struct inputs *in, const char *measure, int r0,
                     int c0, int r1, int c1, const struct fmts *f)
{
    /* an empty cell (no figure) is no band, though Excel compares it as 0 */
    lxw_conditional_format blank = {.type = LXW_CONDITIONAL_TYPE_BLANKS, .format = f->pct,
                                    .stop_if_true = LXW_TRUE};
    worksheet_conditional_format_range(ws, (lxw_row_t)r0, (lxw_col_t)c0, (lxw_row_t)r1,
                                       (lxw_col_t)c1, &blank);
    for (size_t i = 0; i < in->nbands; i++) {
        const struct ni_band *b = &in->bands[i];
        if (strcmp(b->measure, measure) || !ni_band_applies(b))
            continue;
        lxw_conditional_format cf = {0};
        cf.type = LXW_CONDITIONAL_TYPE_CELL;
        cf.criteria = LXW_CONDITIONAL_CRITERIA_BETWEEN;
        /* cells hold fractions with one decimal of a percentage: "< upper"
         * is "<= upper - 0.05 points" */
        cf.min_value = b->lower / 100;
        cf.max_value = (b->upper_inclusive ? b->upper : b->upper - 0.05) / 100;
        cf.format = f->band_pct[b->band];
        cf.stop_if_true = LXW_TRUE;
        worksheet_conditional_format_range(ws, (lxw_row_t)r0, (lxw_col_t)c0, (lxw_row_t)r1,
                                           (lxw_col_t)c1, &cf);
    }
}

/* Cell placement: a transposed table swaps rows and columns below the
 * title rows. */
struct place {
    lxw_worksheet *ws;
    int top;
    bool transpose;
};

static void at(const struct place *p, int r, int c, lxw_row_t *row, lxw_col_t *col)
{
    *row = (lxw_row_t)(p->top + (p->transpose ? c : r));
    *col = (lxw_col_t)(p->transpose ? r : c);
}

static void put_string(const struct place *p, int r, int c, const char *v, lxw_format *f)
{
    lxw_row_t row;
    lxw_col_t col;
    at(p, r, c, &row, &col);
    worksheet_write_string(p->ws, row, col, v, f);
}

/* A figure as a number (a percentage as its fraction), "c" as text. */
static void put_value(const struct place *p, int r, int c, const char *v, bool pct,
                      lxw_format *f, lxw_format *text)
{
    lxw_row_t row;
    lxw_col_t col;
    at(p, r, c, &row, &col);
    char *end;
    double x = strtod(v, &end);
    if (!*v)
        worksheet_write_blank(p->ws, row, col, f);
    else if (*end) /* "c": suppressed for publication */
        worksheet_write_string(p->ws, row, col, v, text);
    else
        worksheet_write_number(p->ws, row, col, pct ? x / 100 : x, f);
}

/* The kind of figure a column holds: what may share a chart's axis.  A
 * count at the period's end (children on plans, about 200) and counts in
 * the period (plans started and ended, about 40 a quarter) are both
 * numbers, but on one axis the flows lay flat along its foot. */
enum kind { KIND_COUNT, KIND_STOCK, KIND_RATE, KIND_RATE_MINOR, KIND_PCT, NKINDS };

static enum kind col_kind(const struct tpl_col *c)
{
    return !c->pct  ? (c->stock ? KIND_STOCK : KIND_COUNT)
           : c->rate ? (c->minor ? KIND_RATE_MINOR : KIND_RATE)
                     : KIND_PCT;
}

/* Comparator tables (4.65's local benchmark): a rate of a quarter or less
 * of the largest rate's size is charted apart (referrals per 10,000, about
 * 800, left conferences and plans per 10,000, about 40, as slivers). */
static void mark_minor_rates(const struct tpl_table *tb, const struct grid *g,
                             struct tpl_col *cols, int nc)
{
    if (tb->rows != TPL_ROWS_COMPARATORS)
        return;
    double max[TPL_MAX_COLS] = {0}, top = 0;
    for (int c = 1; c < nc; c++) {
        if (!cols[c].pct || !cols[c].rate)
            continue;
        for (size_t r = 1; r < g->n; r++) {
            char *end;
            const char *v = c < (int)g->ncell[r] ? g->cells[r][c] : "";
            double x = strtod(v, &end);
            if (*v && !*end && x > max[c])
                max[c] = x;
        }
        if (max[c] > top)
            top = max[c];
    }
    for (int c = 1; c < nc; c++)
        cols[c].minor = cols[c].pct && cols[c].rate && max[c] > 0 && max[c] * 4 <= top;
}

static bool is_total_col(const struct tpl_table *tb, int c, int nc)
{
    return tb->breakdown[0] && tb->rows != TPL_ROWS_BREAKDOWN && tb->total && c == nc - 1;
}

/* Pixels of a column w characters wide (Calibri 11, as Excel counts). */
static int col_px(double w)
{
    return (int)(w * 7 + 5 + 0.5);
}

struct chart_plan {
    int nkinds;
    enum kind kinds[NKINDS];
};

/* The charts a table gets: one per kind of figure it holds (counts in the
 * period, counts at its end, rates, percentages), in that order.  A breakdown's percentages restate
 * its counts, so a table with both charts the counts only; a pie shows
 * one series of counts. */
static struct chart_plan plan_charts(const struct tpl_table *tb, const struct tpl_col *cols,
                                     int nc, int ndata)
{
    struct chart_plan pl = {0};
    if (tb->chart == TPL_CHART_NONE || ndata < 1)
        return pl;
    bool has[NKINDS] = {false};
    for (int c = 1; c < nc; c++)
        if (!is_total_col(tb, c, nc))
            has[col_kind(&cols[c])] = true;
    if (tb->breakdown[0] && has[KIND_COUNT])
        has[KIND_PCT] = false;
    if (tb->chart == TPL_CHART_PIE)
        has[KIND_RATE] = has[KIND_RATE_MINOR] = has[KIND_PCT] = false;
    for (int k = 0; k < NKINDS; k++)
        if (has[k])
            pl.kinds[pl.nkinds++] = (enum kind)k;
    return pl;
}

/* A chart's title beside the table's others; both_counts: the table
 * charts counts in and at the end of its periods apart. */
static const char *kind_title(enum kind k, bool both_counts, enum tpl_rows rows)
{
    if (both_counts && (k == KIND_COUNT || k == KIND_STOCK)) {
        static const char *const in[] = {"Numbers in the month", "Numbers in the quarter",
                                         "Numbers in the period"};
        static const char *const at[] = {"Numbers at the month end", "Numbers at the quarter end",
                                         "Numbers at the period end"};
        int i = rows == TPL_ROWS_MONTHS ? 0 : rows == TPL_ROWS_QUARTERS ? 1 : 2;
        return k == KIND_COUNT ? in[i] : at[i];
    }
    return k == KIND_COUNT || k == KIND_STOCK ? "Numbers"
           : k == KIND_RATE                   ? "Rates per 10,000 children"
           : k == KIND_RATE_MINOR             ? "Rates per 10,000 children (the smaller)"
                                              : "Percentages";
}

/* The charts read a block of their own to the right of the print area
 * (chart_data): the table's figures as numbers with a suppressed "c" left
 * blank, and the row labels as text.  Over the table's own cells a chart
 * would plot "c" as zero, and over month dates LibreOffice and Excel make
 * the category axis a date axis (libxlsxwriter 1.1.4 writes c:auto), which
 * spaces bi-monthly columns a month apart with a gap between each. */
static void chart_data(lxw_worksheet *ws, const struct grid *g, const struct tpl_col *cols,
                       int nc, int top, int col0, const struct fmts *f)
{
    worksheet_write_string(ws, (lxw_row_t)(top - 1), (lxw_col_t)col0,
                           "Chart data: the table's figures as the charts read them "
                           "(suppressed figures blank, months as text)", f->small);
    for (size_t r = 0; r < g->n; r++)
        for (int c = 0; c < nc && c < (int)g->ncell[r]; c++) {
            lxw_row_t row = (lxw_row_t)(top + (int)r);
            lxw_col_t col = (lxw_col_t)(col0 + c);
            const char *v = g->cells[r][c];
            char *end;
            double x = strtod(v, &end);
            if (r == 0 || c == 0)
                worksheet_write_string(ws, row, col, r == 0 ? cols[c].label : v,
                                       r == 0 ? f->head_r : f->label);
            else if (v[0] && !*end) {
                enum kind k = col_kind(&cols[c]);
                worksheet_write_number(ws, row, col, k == KIND_PCT ? x / 100 : x,
                                       k == KIND_PCT                          ? f->pct
                                       : k == KIND_RATE || k == KIND_RATE_MINOR ? f->rate
                                                                                : f->num);
            }
        }
}

/* The value axis of a chart of one kind of figure, fitted to what it
 * shows (returns whether it shows any figure): percentages from 0 to at most 100% (an empty series must not
 * stretch it: LibreOffice then ran it to 1200%), counts in whole steps
 * when they are small (a #,##0 axis from 0 to 1 in halves read 0, 1, 1). */
static bool fit_value_axis(lxw_chart_axis *val, const struct grid *g, const struct tpl_table *tb,
                           const struct tpl_col *cols, int nc, int first, int last,
                           enum kind kind, bool stacked)
{
    double max = 0, min = 0;
    bool any = false;
    for (int r = first; r <= last && r < (int)g->n; r++) {
        double sum = 0;
        for (int c = 1; c < nc && c < (int)g->ncell[r]; c++) {
            if (is_total_col(tb, c, nc) || col_kind(&cols[c]) != kind)
                continue;
            char *end;
            double x = strtod(g->cells[r][c], &end);
            if (!g->cells[r][c][0] || *end)
                continue;
            any = true;
            if (x < min)
                min = x;
            if (kind == KIND_PCT)
                x /= 100;
            sum = stacked ? sum + x : (x > sum ? x : sum);
        }
        if (sum > max)
            max = sum;
    }
    /* a change (4.63: plans started less ended) may fall below zero: an
     * axis from zero hid August's -12 */
    if (min < 0)
        return any;
    chart_axis_set_min(val, 0);
    if (kind == KIND_PCT) {
        /* tenths of 100%, at least 10%, never beyond 100% */
        double top = any ? (double)(long)(max * 10 + 0.999) / 10 : 1;
        chart_axis_set_max(val, top < 0.1 ? 0.1 : top > 1 ? 1 : top);
    } else if (!any || max < 5) {
        chart_axis_set_max(val, 5);
        chart_axis_set_major_unit(val, 1);
    }
    return any;
}

/* One chart of a table's columns of one kind, over the chart data block
 * at column col0 (chart_data), rows first..last. */
static lxw_chart *make_chart(lxw_workbook *wb, const struct tpl_table *tb, const struct grid *g,
                             const struct tpl_col *cols, int nc, int first, int last, int top,
                             int col0, enum kind kind, bool first_chart, bool several,
                             bool both_counts)
{
    static const uint8_t types[] = {0, LXW_CHART_LINE, LXW_CHART_COLUMN,
                                    LXW_CHART_COLUMN_STACKED, LXW_CHART_BAR, LXW_CHART_PIE};
    bool periods = tb->rows != TPL_ROWS_BREAKDOWN && tb->rows != TPL_ROWS_COMPARATORS;
    /* the template's type for the first chart; a further chart of a
     * period table is a line (a percentage over time), else columns */
    uint8_t type = first_chart ? types[tb->chart] : periods ? LXW_CHART_LINE : LXW_CHART_COLUMN;
    if (kind != KIND_COUNT && kind != KIND_STOCK && type == LXW_CHART_COLUMN_STACKED)
        type = periods ? LXW_CHART_LINE : LXW_CHART_COLUMN;
    /* a breakdown's shares over time (4.72): each period's bar adds up to
     * 100%, bands side by side would be six bars a month */
    if (type == LXW_CHART_BAR && kind == KIND_PCT && tb->breakdown[0] && periods)
        type = LXW_CHART_BAR_STACKED;
    /* authorities' names read across, down the side: as columns their
     * slanted names and a legend of five rates left the plot a strip */
    if (tb->rows == TPL_ROWS_COMPARATORS && type == LXW_CHART_COLUMN)
        type = LXW_CHART_BAR;
    bool stacked = type == LXW_CHART_COLUMN_STACKED || type == LXW_CHART_BAR_STACKED;
    bool bar = type == LXW_CHART_BAR || type == LXW_CHART_BAR_STACKED;
    lxw_chart *ch = workbook_add_chart(wb, type);
    if (!ch)
        return NULL;
    int series = 0, one = 0;
    for (int c = 1; c < nc; c++) {
        if (is_total_col(tb, c, nc) || col_kind(&cols[c]) != kind)
            continue;
        if (type == LXW_CHART_PIE && series == 1)
            break;
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        if (!se)
            return NULL;
        chart_series_set_categories(se, tb->sheet, (lxw_row_t)(top + first), (lxw_col_t)col0,
                                    (lxw_row_t)(top + last), (lxw_col_t)col0);
        chart_series_set_values(se, tb->sheet, (lxw_row_t)(top + first), (lxw_col_t)(col0 + c),
                                (lxw_row_t)(top + last), (lxw_col_t)(col0 + c));
        chart_series_set_name_range(se, tb->sheet, (lxw_row_t)top, (lxw_col_t)(col0 + c));
        if (type == LXW_CHART_LINE) {
            lxw_chart_marker mk = {.type = LXW_CHART_MARKER_AUTOMATIC};
            chart_series_set_marker_type(se, mk.type);
        }
        series++;
        one = c;
    }
    /* a suppressed figure is a gap in a line, not a fall to zero */
    chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);
    const char *title = several ? kind_title(kind, both_counts, tb->rows) : tb->title;
    char empty_title[300];
    lxw_chart_font tf = {.size = 10, .bold = LXW_TRUE};
    chart_title_set_name_font(ch, &tf);
    /* one series in a chart of a third of the page: its name is the title
     * (a legend of "Children subject to a child protection plan" ran over
     * the chart's edge) */
    if (several && series == 1 && type != LXW_CHART_PIE) {
        title = cols[one].label;
        chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    } else {
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    }
    if (type != LXW_CHART_PIE) {
        /* the value axis of a bar chart is its x axis */
        lxw_chart_axis *val = bar ? ch->x_axis : ch->y_axis;
        /* every figure suppressed (--publish): the frame says so, rather
         * than an empty chart the author must explain or delete */
        if (!fit_value_axis(val, g, tb, cols, nc, first, last, kind, stacked)) {
            text_fmt_cut(empty_title, sizeof empty_title,
                         "%s: every figure suppressed for publication", title);
            title = empty_title;
        }
        if (kind == KIND_PCT)
            chart_axis_set_num_format(val, "0%");
        else
            chart_axis_set_num_format(val, "#,##0");
        chart_axis_major_gridlines_set_visible(val, LXW_TRUE);
        /* twelve month labels in a chart of half the page or less wrap
         * ("Apr-" over "23") or crowd: label every other one (Excel) and
         * slant them (LibreOffice, which labels every category) */
        if (several && !bar && last - first + 1 > 7) {
            chart_axis_set_interval_unit(ch->x_axis, 2);
            lxw_chart_font lf = {.rotation = -45, .size = 8};
            chart_axis_set_num_font(ch->x_axis, &lf);
        }
        if (bar) {
            /* the first row at the top, as the table reads, with the value
             * axis still along the bottom */
            chart_axis_set_reverse(ch->y_axis);
            chart_axis_set_crossing_max(ch->y_axis);
        }
    }
    chart_title_set_name(ch, title);
    return ch;
}

/* The 4.73 page's keys: the report's "Summary of NI definitions" and "Key
 * to NI Bands" (as read here: see ni_band_applies).  Returns the next row. */
static int write_ni_keys(lxw_worksheet *ws, const struct tpl_table *tb,
                         const struct inputs *in, int row, double colw, const struct fmts *f)
{
    /* the table's measures that are National Indicators (the registry's
     * .ni), in NI order */
    const struct measure_def *ni[TPL_MAX_COLUMNS];
    int nni = 0;
    for (int c = 0; c < tb->ncolumns && nni < TPL_MAX_COLUMNS; c++) {
        const struct measure_def *md = measure_def_find(tb->columns[c].measure);
        bool seen = false;
        for (int k = 0; k < nni; k++)
            seen |= ni[k] == md;
        if (md && md->ni && !seen)
            ni[nni++] = md;
    }
    for (int i = 1; i < nni; i++)
        for (int k = i; k > 0 && strcmp(ni[k - 1]->ni, ni[k]->ni) > 0; k--) {
            const struct measure_def *t = ni[k];
            ni[k] = ni[k - 1];
            ni[k - 1] = t;
        }
    row++;
    worksheet_write_string(ws, (lxw_row_t)row++, 0, "Summary of NI definitions", f->sub);
    worksheet_write_string(ws, (lxw_row_t)row, 0, "NI", f->head);
    worksheet_merge_range(ws, (lxw_row_t)row, 1, (lxw_row_t)row, 7, "Definition", f->head);
    worksheet_merge_range(ws, (lxw_row_t)row, 8, (lxw_row_t)row, 10, "Good performance", f->head);
    row++;
    for (int k = 0; k < nni; k++) {
        /* tall enough for the definition wrapped over columns B-H (about 5.5
         * pixels a character at 9 points): a fixed two lines cut NI64's */
        int lines = (int)(strlen(ni[k]->ni_definition) * 11 / 2) / (7 * col_px(colw)) + 1;
        worksheet_set_row(ws, (lxw_row_t)row, 12.0 * lines + 4, NULL);
        worksheet_write_string(ws, (lxw_row_t)row, 0, ni[k]->ni, f->label_top);
        worksheet_merge_range(ws, (lxw_row_t)row, 1, (lxw_row_t)row, 7, ni[k]->ni_definition,
                              f->note);
        worksheet_merge_range(ws, (lxw_row_t)row, 8, (lxw_row_t)row, 10, ni[k]->ni_good,
                              f->note);
        row++;
    }
    row++;
    worksheet_write_string(ws, (lxw_row_t)row++, 0,
                           "Key to NI Bands (the colours of the figures above)", f->sub);
    worksheet_write_string(ws, (lxw_row_t)row, 0, "NI", f->head);
    worksheet_merge_range(ws, (lxw_row_t)row, 1, (lxw_row_t)row, 10,
                          "Bands, from the report's key: 5 best (green) to 1 worst (red); "
                          "Low and High sides of the range", f->head);
    row++;
    for (int k = 0; k < nni; k++) {
        /* a band's text wraps in its cell: running on, "High 4: 15<17.21"
         * was cut by the next band's fill */
        worksheet_set_row(ws, (lxw_row_t)row, 25, NULL);
        worksheet_write_string(ws, (lxw_row_t)row, 0, ni[k]->ni, f->label_top);
        int col = 1;
        for (size_t i = 0; i < in->nbands && col <= 10; i++) {
            const struct ni_band *b = &in->bands[i];
            if (strcmp(b->measure, ni[k]->name) || !ni_band_applies(b))
                continue;
            char t[64];   /* a side of char[8], two %g of 13 at most */
            if (b->lower == b->upper)
                snprintf(t, sizeof t, "%.7s %d: %g", b->side, b->band, b->lower);
            else
                snprintf(t, sizeof t, "%.7s %d: %g<%.1s%g", b->side, b->band, b->lower,
                         b->upper_inclusive ? "=" : "", b->upper);
            worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col++, t,
                                   f->band_wrap[b->band]);
        }
        row++;
    }
    worksheet_write_string(ws, (lxw_row_t)row++, 0,
                           "NI64's key as printed in the 2011-12 report overlaps itself (its Low "
                           "side repeats NI65's; High 4 is 0<10). Lower is better for NI64, so "
                           "only its High side is used: under 10% is its best band (4), 20% or "
                           "more its worst (1).",
                           f->small);
    return row;
}

/* A note under a table: wrapped inside the printed width (about 5 pixels a
 * character at 9 points), so that a long one is neither cut at the print
 * area's edge nor widens the page. */
static void small_line(lxw_worksheet *ws, int row, const char *text, int last_col,
                       int print_px, const struct fmts *f)
{
    int lines = (int)(strlen(text) * 5) / (print_px > 0 ? print_px : 1) + 1;
    if (last_col > 0)
        worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row, (lxw_col_t)last_col, text,
                              f->small_wrap);
    else
        worksheet_write_string(ws, (lxw_row_t)row, 0, text, f->small_wrap);
    worksheet_set_row(ws, (lxw_row_t)row, 12.0 * lines + 1, NULL);
}

/* The table's rows as the page shows them (borrowing g's cells; free the
 * view's two arrays): an outturn of a year before the first return loaded
 * has no figure (4.73's 2020-21 from returns of 2022-2024), and an empty
 * column on the page is one the author deletes by hand.  The table's CSV
 * keeps the row. */
static struct grid page_rows(const struct grid *g)
{
    struct grid v = {.cells = lscb_xcalloc(g->n + 1, sizeof *v.cells),
                     .ncell = lscb_xcalloc(g->n + 1, sizeof *v.ncell), .name = g->name};
    for (size_t r = 0; r < g->n; r++) {
        const char *label = g->ncell[r] ? g->cells[r][0] : "";
        size_t len = strlen(label);
        bool empty = r > 0 && len > 8 && !strcmp(label + len - 8, " outturn");
        for (size_t c = 1; empty && c < g->ncell[r]; c++)
            empty = !g->cells[r][c][0];
        if (empty)
            continue;
        v.cells[v.n] = g->cells[r];
        v.ncell[v.n++] = g->ncell[r];
    }
    return v;
}

void write_table(lxw_workbook *wb, const struct report_template *t,
                 const struct tpl_table *tb, const struct grid *g_all, const struct inputs *in,
                 int year, const struct fmts *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, tb->sheet);
    if (!ws)
        return;   /* a name libxlsxwriter refused: report_check_sheets says which */
    struct grid view = page_rows(g_all);
    const struct grid *g = &view;
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
    worksheet_fit_to_pages(ws, 1, 1);
    char sub[400];
    const char *bsrc = in->bb ? bench_table_line(in->bb, tb->id, 0) : NULL;
    if (bsrc) /* a comparator table: the year and the releases it shows */
        text_fmt_cut(sub, sizeof sub, "%s beside its comparators, region and England. %s.",
                 in->bb->la_name, bench_table_line(in->bb, tb->id, 1));
    else
        report_year_line(in, year, sub, sizeof sub);
    worksheet_write_string(ws, 1, 0, sub, f->sub);
    struct tpl_col cols[TPL_MAX_COLS];
    char msg[200];
    int nc = tpl_columns(t, tb, cols, msg, sizeof msg);
    mark_minor_rates(tb, g, cols, nc);
    int nr = (int)g->n; /* header + data rows */
    const int top = 3;
    struct place p = {ws, top, tb->transpose};
    int width_cols = tb->transpose ? nr : nc, height = tb->transpose ? nc : nr;
    worksheet_freeze_panes(ws, (lxw_row_t)(top + 1), 1);
    double w0 = tb->transpose ? 34 : 22, w = width_cols > 8 ? 10 : 14;
    if (tb->transpose) {
        /* periods across (4.73: twelve months and three outturns): each
         * column as wide as its longest header word ("outturn"), a figure
         * "100.0%" fits in 8; column A as its longest indicator.  At 34 and
         * 10 the page printed at three-quarters size */
        w = 8;
        for (int r = 1; r < nr; r++)
            for (const char *q = g->cells[r][0]; *q;) {
                size_t n = strcspn(q, " ");
                if ((double)n + 2 > w && n < 16)
                    w = (double)n + 2;
                q += n;
                q += strspn(q, " ");
            }
        w0 = 12;
        for (int c = 0; c < nc; c++) {
            /* the corner's heading wraps on two lines, as the outturns'
             * ("Local Authority" over "Indicator"); the indicators' names
             * do not wrap */
            size_t n = c ? strlen(cols[c].label) : (strlen(cols[c].label) + 1) / 2 + 4;
            if ((double)n + 2 > w0)
                w0 = n + 2 > 34 ? 34 : (double)n + 2;
        }
    } else {
        /* no header word broken across lines ("Indetermina" over "te") */
        for (int c = 1; c < nc; c++)
            for (const char *q = cols[c].label; *q;) {
                size_t n = strcspn(q, " ");
                if ((double)n + 2 > w && n < 16) /* bold: a little wider */
                    w = (double)n + 2;
                q += n;
                q += strspn(q, " ");
            }
    }
    worksheet_set_column(ws, 0, 0, w0, NULL);
    worksheet_set_column(ws, 1, (lxw_col_t)(width_cols > 12 ? width_cols - 1 : 12), w, NULL);
    if (!tb->transpose) {
        /* a header row tall enough for its longest wrapped label */
        size_t lines = 1;
        for (int c = 1; c < nc; c++) {
            size_t l = strlen(cols[c].label) / (size_t)(w - 2) + 1;
            if (l > lines)
                lines = l;
        }
        worksheet_set_row(ws, top, 13.0 * (double)lines + 4, NULL);
    }
    /* months as dates where the row is a month's end */
    struct tpl_row prow[TPL_MAX_ROWS];
    int nprow = tb->rows == TPL_ROWS_QUARTERS || tb->rows == TPL_ROWS_YEAR
                    ? 0 : tpl_period_rows(tb, year, prow);
    for (int c = 0; c < nc; c++)
        put_string(&p, 0, c, cols[c].label,
                   tb->transpose ? (c ? f->label : f->head) : (c ? f->head_r : f->head));
    int last_data = nr - 1;
    for (int r = 1; r < nr; r++) {
        bool total = !strcmp(g->cells[r][0], "Total");
        if (total && r == nr - 1)
            last_data = r - 1;
        const char *label = g->cells[r][0];
        if (r - 1 < nprow && !strcmp(label, prow[r - 1].label)) {
            lxw_row_t row;
            lxw_col_t col;
            at(&p, r, 0, &row, &col);
            worksheet_write_number(ws, row, col, (double)prow[r - 1].end + EXCEL_EPOCH,
                                   tb->transpose ? f->date_head : f->date);
        } else {
            put_string(&p, r, 0, label,
                       total ? f->tot_label : tb->transpose ? f->head_r : f->label);
        }
        for (int c = 1; c < (int)g->ncell[r] && c < nc; c++) {
            enum kind k = col_kind(&cols[c]);
            lxw_format *fm = k == KIND_PCT    ? (total ? f->tot_pct : f->pct)
                             : k == KIND_RATE || k == KIND_RATE_MINOR
                                 ? (total ? f->tot_rate : f->rate)
                                              : (total ? f->tot_num : f->num);
            put_value(&p, r, c, g->cells[r][c], k == KIND_PCT, fm, f->right);
        }
    }
    if (tb->ni_bands && !tb->breakdown[0] && nr > 1)
        for (int c = 0; c < tb->ncolumns; c++) {
            if (tb->columns[c].part != TPL_VALUE)
                continue;
            if (tb->transpose)
                ni_bands(ws, in, tb->columns[c].measure, top + c + 1, 1, top + c + 1, nr - 1,
                         f);
            else
                ni_bands(ws, in, tb->columns[c].measure, top + 1, c + 1, top + nr - 1, c + 1,
                         f);
        }
    int row = top + height + 1;
    /* the table's width in pixels: the charts take at least 760 */
    int table_px = col_px(w0) + (width_cols - 1) * col_px(w);
    int span_px = table_px > 760 ? table_px : 760;
    /* data rows: without a Total row, and without outturns after the months */
    int first = 1, last = last_data;
    if (tb->outturns && nprow > 0 && last > nprow)
        last = nprow;
    /* the print area's last column: the table, or the charts' width */
    int last_col = width_cols - 1, px = col_px(w0);
    for (int c = 1; px < span_px; c++) {
        px += col_px(w);
        if (c > last_col)
            last_col = c;
    }
    if (tb->ni_bands && last_col < 10)
        last_col = 10;
    struct chart_plan pl = plan_charts(tb, cols, nc, last - first + 1);
    int print_px = col_px(w0) + last_col * col_px(w);
    /* a narrow table of many rows (the dfe Indicators: three columns, a
     * year of months and three outturns) has its one chart beside it: below
     * it, with 4.73's keys under that, the page printed at 60% */
    const int gap = 12;
    bool beside = !tb->transpose && pl.nkinds == 1 && nr >= 10 &&
                  print_px - table_px - gap >= 480;
    if (beside) {
        int col0 = last_col + 2;
        chart_data(ws, g, cols, nc, top, col0, f);
        lxw_chart *ch = make_chart(wb, tb, g, cols, nc, first, last, top, col0, pl.kinds[0],
                                   true, false, false);
        if (ch) {
            /* as tall as the table: its header row, then 20-pixel rows */
            double head_px = 0;
            size_t lines = 1;
            for (int c = 1; c < nc; c++) {
                size_t l = strlen(cols[c].label) / (size_t)(w - 2) + 1;
                if (l > lines)
                    lines = l;
            }
            head_px = (13.0 * (double)lines + 4) * 4 / 3;
            int h = (int)head_px + (nr - 1) * 20;
            int cw = print_px - table_px - gap;
            lxw_chart_options co = {.x_offset = gap, .y_offset = 0,
                                    .x_scale = cw / 480.0, .y_scale = h / 288.0,
                                    .object_position = LXW_OBJECT_DONT_MOVE_DONT_SIZE};
            worksheet_insert_chart_opt(ws, (lxw_row_t)top, (lxw_col_t)width_cols, ch, &co);
        }
    } else if (pl.nkinds > 0) {
        /* 4.73's keys take a third of the page under its chart */
        const int h = tb->rows == TPL_ROWS_COMPARATORS ? 380 : tb->ni_bands ? 230 : 300;
        int col0 = last_col + 2; /* the chart data, beyond the print area */
        chart_data(ws, g, cols, nc, top, col0, f);
        int cw = (span_px - gap * (pl.nkinds - 1)) / pl.nkinds;
        for (int k = 0; k < pl.nkinds; k++) {
            lxw_chart *ch = make_chart(wb, tb, g, cols, nc, first, last, top, col0,
                                       pl.kinds[k], k == 0, pl.nkinds > 1,
                                       pl.nkinds > 1 && pl.kinds[0] == KIND_COUNT &&
                                           pl.kinds[1] == KIND_STOCK);
            if (!ch)
                continue;
            lxw_chart_options co = {.x_offset = (int32_t)(k * (cw + gap)), .y_offset = 4,
                                    .x_scale = cw / 480.0, .y_scale = h / 288.0,
                                    .object_position = LXW_OBJECT_DONT_MOVE_DONT_SIZE};
            worksheet_insert_chart_opt(ws, (lxw_row_t)row, 0, ch, &co);
        }
        row += (h + 8) / 20 + 1; /* default rows are 20 pixels */
    }
    if (tb->note[0])
        small_line(ws, row++, tb->note, last_col, print_px, f);
    if (tb->ni_bands && !tb->breakdown[0])
        row = write_ni_keys(ws, tb, in, row, w, f);
    /* a symbol in a figure's place: ours ("c", --publish) on the tables
     * computed from the returns, the release's own (c, x, .., ...) on the
     * tables of published figures */
    bool bench_table = tb->rows == TPL_ROWS_YEARS || tb->rows == TPL_ROWS_COMPARATORS;
    bool any_sym = false;
    for (int r = 1; r < nr && !any_sym; r++)
        for (size_t c = 1; c < g->ncell[r] && !any_sym; c++) {
            char *end;
            const char *v = g->cells[r][c];
            (void)strtod(v, &end);
            any_sym = v[0] && *end;
        }
    if (any_sym && bench_table)
        small_line(ws, row++,
                   "Symbols as the release printed them (DfE's conventions): c confidential "
                   "(suppressed); x suppressed (statistical first releases) or not available "
                   "(Explore Education Statistics); .. and : not available; z and . not "
                   "applicable; - nil; u low reliability; k rounds to zero.", last_col, print_px,
                   f);
    else if (any_sym)
        small_line(ws, row++,
                   "c: suppressed for publication: a count of 1 to 5, a figure from which such "
                   "a count could be worked out (with any other figure of the workbook), or a "
                   "percentage of one.", last_col, print_px, f);
    char *srcline = text_xfmt("Source: %s; definitions on the Definitions sheet.",
             bsrc          ? bsrc
             : bench_table ? "published DfE tables (none were given: run with --published)"
                           : "children in need census returns");
    small_line(ws, row, srcline, last_col, print_px, f);
    free(srcline);
    worksheet_print_area(ws, 0, 0, (lxw_row_t)row, (lxw_col_t)last_col);
    /* the title wraps inside the printed width (about 9 pixels a
     * character at 13 points bold) */
    int title_lines = (int)(strlen(tb->title) * 9) / print_px + 1;
    if (last_col > 0)
        worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)last_col, tb->title, f->title);
    else
        worksheet_write_string(ws, 0, 0, tb->title, f->title);
    worksheet_set_row(ws, 0, 18.0 * title_lines, NULL);
    free(view.cells);
    free(view.ncell);
}
