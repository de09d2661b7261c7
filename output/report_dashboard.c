/*
 * report_dashboard.c — the Dashboard sheet (see report_sheet.h).
 *
 * One row per headline indicator (tables/dashboard.csv, written by
 * lscb-stats): this year, last year, the direction of travel read with
 * the measure's polarity, the statistical neighbours and England from
 * benchmarks.csv when it is there (the census year, else the latest year
 * before it that England has, named), and a colour: the NI band for NI64,
 * NI65 and NI67 (the report's key, as read in report_tables.c), else the
 * quartile band A (best) to D among all authorities.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "common/measure_defs.h"
#include "common/text.h"
#include "output/report_sheet.h"
#include "output/report_funnel.h"

/* The benchmarks row of measure m in year y (with an England value), or -1. */
static int brow(const struct grid *b, const char *m, int y)
{
    int cm = report_grid_col(b, "measure"), cy = report_grid_col(b, "year"),
        ce = report_grid_col(b, "england_value");
    if (cm < 0 || cy < 0 || ce < 0)
        return -1;
    char ys[12];
    snprintf(ys, sizeof ys, "%d", y);
    for (size_t r = 1; r < b->n; r++)
        if (b->ncell[r] == b->ncell[0] && !strcmp(b->cells[r][cm], m) &&
            !strcmp(b->cells[r][cy], ys) && b->cells[r][ce][0])
            return (int)r;
    return -1;
}

/* The NI band of value v (a percentage) for measure m, or 0. */
static int ni_band_of(const struct inputs *in, const char *m, double v, const char **side)
{
    for (size_t i = 0; i < in->nbands; i++) {
        const struct ni_band *b = &in->bands[i];
        if (strcmp(b->measure, m) || !ni_band_applies(b))
            continue;
        bool below = b->upper_inclusive ? v <= b->upper : v < b->upper - 0.05 + 1e-9;
        if (v >= b->lower && below) {
            *side = b->side;
            return b->band;
        }
    }
    return 0;
}

static void put_fig(lxw_worksheet *ws, int row, int col, const char *v,
                    const struct measure_def *md, const struct fmts *f)
{
    char *end;
    double x = strtod(v, &end);
    if (!v[0])
        worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f->num);
    else if (*end)
        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, v, f->right);
    else if (md && md->unit == MU_PCT)
        worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, x / 100, f->pct);
    else if (md && md->unit == MU_RATE)
        worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, x, f->rate);
    else
        worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, x, f->num);
}

/* A note under the table, wrapped inside the printed width (about 5
 * pixels a character at 9 points over the page's 1,000 or so). */
static void note_line(lxw_worksheet *ws, int row, int last_col, const char *text,
                      const struct fmts *f)
{
    int lines = (int)strlen(text) * 5 / 1000 + 1;
    worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row, (lxw_col_t)last_col, text,
                          f->small_wrap);
    worksheet_set_row(ws, (lxw_row_t)row, 12.0 * lines + 1, NULL);
}

void write_dashboard(lxw_workbook *wb, const struct inputs *in, int year, const struct fmts *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, TPL_SHEET_DASHBOARD);
    if (!ws)
        return;   /* a name libxlsxwriter refused: report_check_sheets says which */
    /* one landscape page read at (nearly) 100%: the text columns wrap in
     * widths that add up to the page's, the readings of the bands are said
     * once under the table (a column repeating them made the page print at
     * about half size) */
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
    worksheet_fit_to_pages(ws, 1, 0);
    static const double widths[] = {30, 9, 9, 14, 11, 9, 11, 14, 17, 17};
    for (int c = 0; c < 10; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    /* significance against England and the neighbours, filled as the
     * funnel sheets are (report_funnel.h) */
    lxw_format *sigf[4];
    funnel_sig_formats(wb, sigf);
    lxw_format *wrapf = workbook_add_format(wb), *dirf = workbook_add_format(wb);
    format_set_text_wrap(wrapf);
    format_set_indent(dirf, 1); /* apart from last year's figure, right-aligned beside it */
    /* the comparators' year centred: right-aligned, "2023-24" ran into the
     * band beside it ("year Band", "2023-24 Quartile A") */
    lxw_format *headc = workbook_add_format(wb), *yearc = workbook_add_format(wb);
    format_set_bold(headc);
    format_set_text_wrap(headc);
    format_set_align(headc, LXW_ALIGN_CENTER);
    format_set_align(headc, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_bottom(headc, LXW_BORDER_THIN);
    format_set_bg_color(headc, 0xDCE6F1);
    format_set_align(yearc, LXW_ALIGN_CENTER);
    /* the direction's heading indented as its cells ("2022-23Direction of") */
    lxw_format *headi = workbook_add_format(wb);
    format_set_bold(headi);
    format_set_text_wrap(headi);
    format_set_indent(headi, 1);
    format_set_align(headi, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_bottom(headi, LXW_BORDER_THIN);
    format_set_bg_color(headi, 0xDCE6F1);
    for (int k = 0; k < 4; k++) /* this call's own formats: the funnel sheets' are apart */
        format_set_text_wrap(sigf[k]);
    const struct grid *bm = &in->benchmarks;
    int cse = report_grid_col(bm, "sig_england"), cle = report_grid_col(bm, "sig_england_level"),
        cve = report_grid_col(bm, "vs_england"), css = report_grid_col(bm, "sig_sn"),
        cls = report_grid_col(bm, "sig_sn_level"), cvs = report_grid_col(bm, "vs_sn");
    /* over the table's width: the title format wraps, column A alone cut it */
    worksheet_merge_range(ws, 0, 0, 0, 9, "Dashboard: headline indicators", f->title);
    worksheet_set_row(ws, 0, 18, NULL);
    char sub[200];
    report_year_line(in, year, sub, sizeof sub);
    worksheet_write_string(ws, 1, 0, sub, f->sub);
    const struct grid *d = &in->dashboard, *b = &in->benchmarks;
    if (d->n == 0) {
        worksheet_write_string(ws, 3, 0, "(no dashboard.csv in the tables: run lscb-stats)",
                               f->note);
        return;
    }
    char h1[16], h2[16];
    snprintf(h1, sizeof h1, "%d-%02d", year - 1, year % 100);
    snprintf(h2, sizeof h2, "%d-%02d", year - 2, (year - 1) % 100);
    static const char *const heads[] = {"Indicator", NULL, NULL, "Direction of travel",
                                        "Statistical neighbours", "England",
                                        "Comparators' year", "Band",
                                        "Against England (funnel limits)",
                                        "Against neighbours (funnel limits)"};
    const int top = 3;
    worksheet_set_row(ws, top, 42, NULL);
    for (int c = 0; c < (cse >= 0 ? 10 : 8); c++)
        worksheet_write_string(ws, top, (lxw_col_t)c, c == 1 ? h1 : c == 2 ? h2 : heads[c],
                               c == 6   ? headc
                               : c == 3 ? headi
                               : c == 0 || c >= 7 ? f->head : f->head_r);
    int csn = report_grid_col(b, "sn_mean"), cen = report_grid_col(b, "england_value"),
        cq = report_grid_col(b, "quartile");
    int row = top + 1;
    bool any_bench = false, any_ni = false;
    int qyear = 0; /* the year of the first quartile shown, for the key */
    for (size_t r = 1; r < d->n; r++, row++) {
        if (d->ncell[r] != 3)
            continue;
        const char *m = d->cells[r][0], *now = d->cells[r][1], *before = d->cells[r][2];
        const struct measure_def *md = measure_def_find(m);
        /* two lines: a long title or a funnel reading wraps */
        worksheet_set_row(ws, (lxw_row_t)row, 26, NULL);
        worksheet_write_string(ws, (lxw_row_t)row, 0, md ? md->title : m, wrapf);
        put_fig(ws, row, 1, now, md, f);
        put_fig(ws, row, 2, before, md, f);
        /* direction of travel, read with the measure's polarity */
        char *e1, *e2;
        double x = strtod(now, &e1), y = strtod(before, &e2);
        char dir[48] = "";
        if (now[0] && before[0] && !*e1 && !*e2) {
            char pol = md ? md->polarity : 'n';
            const char *way = x > y ? "up" : x < y ? "down" : "no change";
            const char *judge = x == y || pol == 'n' ? ""
                                : (x > y) == (pol == 'h') ? ", better" : ", worse";
            snprintf(dir, sizeof dir, "%.4s%.9s%.8s",
                     x > y ? "\xE2\x96\xB2 " : x < y ? "\xE2\x96\xBC " : "", way, judge);
        }
        worksheet_write_string(ws, (lxw_row_t)row, 3, dir, dirf);
        /* comparators: the census year, else the latest year England has */
        int br = -1, by = year;
        for (; by > year - 4 && br < 0; by--)
            br = brow(b, m, by);
        by++;
        if (br >= 0) {
            any_bench = true;
            if (qyear == 0)
                qyear = by;
            if (csn >= 0)
                put_fig(ws, row, 4, b->cells[br][csn], md, f);
            if (cen >= 0)
                put_fig(ws, row, 5, b->cells[br][cen], md, f);
            char yl[16];
            snprintf(yl, sizeof yl, "%d-%02d", by - 1, by % 100);
            worksheet_write_string(ws, (lxw_row_t)row, 6, yl, yearc);
            const int cs[2][3] = {{cse, cle, cve}, {css, cls, cvs}};
            for (int k = 0; k < 2 && cse >= 0; k++) {
                const char *sg = cs[k][0] >= 0 ? b->cells[br][cs[k][0]] : "",
                           *lv = cs[k][1] >= 0 ? b->cells[br][cs[k][1]] : "",
                           *vs = cs[k][2] >= 0 ? b->cells[br][cs[k][2]] : "";
                if (!sg[0])
                    continue; /* a count: no funnel */
                char words[64];
                funnel_sig_words(words, sizeof words, sg, lv, vs);
                worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(8 + k), words,
                                       sigf[funnel_sig_index(sg)]);
            }
        }
        /* the band: NI band for the national indicators, else the quartile */
        const char *side = "";
        int nb = now[0] && !*e1 ? ni_band_of(in, m, x, &side) : 0;
        if (nb > 0) {
            char t[32];
            snprintf(t, sizeof t, "NI band %d (%.7s)", nb, side);    /* a char[8] */
            worksheet_write_string(ws, (lxw_row_t)row, 7, t, f->band[nb]);
            any_ni = true;
        } else if (br >= 0 && cq >= 0 && b->cells[br][cq][0]) {
            static const int fill[] = {5, 4, 3, 1}; /* A best (green) to D (red) */
            int q = b->cells[br][cq][0] - 'A';
            char t[32];
            text_fmt_cut(t, sizeof t, "Quartile %s", b->cells[br][cq]); /* 'A' to 'D' */
            worksheet_write_string(ws, (lxw_row_t)row, 7, t,
                                   q >= 0 && q < 4 ? f->band[fill[q]] : f->label);
        }
    }
    row++;
    int last_col = cse >= 0 ? 9 : 7;
    note_line(ws, row++, last_col,
              any_bench
              ? "Neighbours: the mean of the statistical neighbours; neighbours, "
                "England and quartile bands from the published DfE tables "
                "(benchmarks.csv), in the year named."
              : "No published tables were given (lscb-run --published): "
                "neighbours, England and quartile bands are left empty.", f);
    if (any_ni)
        note_line(ws, row++, last_col,
                  "Band of NI64, NI65 and NI67: the 2011-12 report's Key to NI "
                  "Bands, 5 best (green) to 1 worst (red); NI64 is read by the High "
                  "side of its key only, lower being better (see the 4.73 sheet "
                  "or Definitions).", f);
    if (qyear > 0) {
        char q[256];
        text_fmt_cut(q, sizeof q, "Band of the other indicators: the quartile among all local "
                 "authorities in the comparators' year (%d-%02d for most), A the best quarter "
                 "(green) to D the worst (red), by the measure's polarity.", qyear - 1,
                 qyear % 100);
        note_line(ws, row++, last_col, q, f);
    }
    note_line(ws, row++, last_col,
              "This year and last: computed from the census returns where they are "
              "loaded, else the authority's published figures.", f);
    note_line(ws, row++, last_col,
              "Direction of travel: this year against last, better or worse by "
              "the measure's polarity (none for plans started and ended, or "
              "NI65 whose good range is 10 to 15%). c: suppressed for "
              "publication.", f);
    if (cse >= 0)
        note_line(ws, row++, last_col,
                  "Against England and neighbours: beyond the funnel plot's exact "
                  "95% limits (99.8% where said) at the authority's own "
                  "denominator; \xE2\x96\xB2 higher (blue), \xE2\x96\xA0 lower "
                  "(orange), \xE2\x97\x8F similar (grey); better or worse by "
                  "the measure's polarity. See the funnel plots on the indicator sheets.", f);
    worksheet_print_area(ws, 0, 0, (lxw_row_t)row, (lxw_col_t)last_col);
}
