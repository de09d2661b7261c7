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
#include "output/report_sheet.h"
#include "output/report_funnel.h"

/* The benchmarks row of measure m in year y (with an England value), or -1. */
static int brow(const struct grid *b, const char *m, int y)
{
    int cm = report_grid_col(b, "measure"), cy = report_grid_col(b, "year"),
        ce = report_grid_col(b, "england_value");
    if (cm < 0 || cy < 0 || ce < 0)
        return -1;
    char ys[8];
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

void write_dashboard(lxw_workbook *wb, const struct inputs *in, int year, const struct fmts *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, TPL_SHEET_DASHBOARD);
    if (!ws)
        return;   /* a name libxlsxwriter refused: report_check_sheets says which */
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 1);
    worksheet_set_column(ws, 0, 0, 44, NULL);
    worksheet_set_column(ws, 1, 5, 13, NULL);
    worksheet_set_column(ws, 6, 6, 16, NULL);
    worksheet_set_column(ws, 7, 7, 12, NULL);
    worksheet_set_column(ws, 8, 8, 50, f->note);
    worksheet_set_column(ws, 9, 10, 24, NULL);
    /* significance against England and the neighbours, filled as the
     * funnel sheets are (report_funnel.h) */
    lxw_format *sigf[4];
    funnel_sig_formats(wb, sigf);
    const struct grid *bm = &in->benchmarks;
    int cse = report_grid_col(bm, "sig_england"), cle = report_grid_col(bm, "sig_england_level"),
        cve = report_grid_col(bm, "vs_england"), css = report_grid_col(bm, "sig_sn"),
        cls = report_grid_col(bm, "sig_sn_level"), cvs = report_grid_col(bm, "vs_sn");
    worksheet_write_string(ws, 0, 0, "Dashboard: headline indicators", f->title);
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
                                        "Comparators' year", "Band", "Reading",
                                        "Against England (funnel limits)",
                                        "Against neighbours (funnel limits)"};
    const int top = 3;
    worksheet_set_row(ws, top, 30, NULL);
    for (int c = 0; c < (cse >= 0 ? 11 : 9); c++)
        worksheet_write_string(ws, top, (lxw_col_t)c, c == 1 ? h1 : c == 2 ? h2 : heads[c],
                               c == 0 || c == 3 || c >= 7 ? f->head : f->head_r);
    int csn = report_grid_col(b, "sn_mean"), cen = report_grid_col(b, "england_value"),
        cq = report_grid_col(b, "quartile");
    int row = top + 1;
    bool any_bench = false;
    for (size_t r = 1; r < d->n; r++, row++) {
        if (d->ncell[r] != 3)
            continue;
        const char *m = d->cells[r][0], *now = d->cells[r][1], *before = d->cells[r][2];
        const struct measure_def *md = measure_def_find(m);
        worksheet_write_string(ws, (lxw_row_t)row, 0, md ? md->title : m, f->label);
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
            snprintf(dir, sizeof dir, "%s%s%s", x > y ? "\xE2\x96\xB2 " : x < y ? "\xE2\x96\xBC " : "",
                     way, judge);
        }
        worksheet_write_string(ws, (lxw_row_t)row, 3, dir, f->label);
        /* comparators: the census year, else the latest year England has */
        int br = -1, by = year;
        for (; by > year - 4 && br < 0; by--)
            br = brow(b, m, by);
        by++;
        char reading[200] = "";
        if (br >= 0) {
            any_bench = true;
            if (csn >= 0)
                put_fig(ws, row, 4, b->cells[br][csn], md, f);
            if (cen >= 0)
                put_fig(ws, row, 5, b->cells[br][cen], md, f);
            char yl[16];
            snprintf(yl, sizeof yl, "%d-%02d", by - 1, by % 100);
            worksheet_write_string(ws, (lxw_row_t)row, 6, yl, f->right);
            const int cs[2][3] = {{cse, cle, cve}, {css, cls, cvs}};
            for (int k = 0; k < 2 && cse >= 0; k++) {
                const char *sg = cs[k][0] >= 0 ? b->cells[br][cs[k][0]] : "",
                           *lv = cs[k][1] >= 0 ? b->cells[br][cs[k][1]] : "",
                           *vs = cs[k][2] >= 0 ? b->cells[br][cs[k][2]] : "";
                if (!sg[0])
                    continue; /* a count: no funnel */
                char words[64];
                funnel_sig_words(words, sizeof words, sg, lv, vs);
                worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(9 + k), words,
                                       sigf[funnel_sig_index(sg)]);
            }
        }
        /* the band: NI band for the national indicators, else the quartile */
        const char *side = "";
        int nb = now[0] && !*e1 ? ni_band_of(in, m, x, &side) : 0;
        if (nb > 0) {
            char t[32];
            snprintf(t, sizeof t, "NI band %d (%s)", nb, side);
            worksheet_write_string(ws, (lxw_row_t)row, 7, t, f->band[nb]);
            snprintf(reading, sizeof reading, "The report's Key to NI Bands: 5 best, 1 worst%s",
                     !strcmp(m, "cpp_ended_2y_plus_pct") ? "; lower is better (High side of "
                                                           "the key only)" : "");
        } else if (br >= 0 && cq >= 0 && b->cells[br][cq][0]) {
            static const int fill[] = {5, 4, 3, 1}; /* A best (green) to D (red) */
            int q = b->cells[br][cq][0] - 'A';
            char t[32];
            snprintf(t, sizeof t, "Quartile %s", b->cells[br][cq]);
            worksheet_write_string(ws, (lxw_row_t)row, 7, t,
                                   q >= 0 && q < 4 ? f->band[fill[q]] : f->label);
            snprintf(reading, sizeof reading, "Among all authorities in %d-%02d: A is the best "
                     "quarter, D the worst", by - 1, by % 100);
        }
        worksheet_write_string(ws, (lxw_row_t)row, 8, reading, f->note);
    }
    row++;
    worksheet_write_string(ws, (lxw_row_t)row++, 0,
                           any_bench
                               ? "Neighbours: the mean of the statistical neighbours; neighbours, "
                                 "England and quartile bands from the published DfE tables "
                                 "(benchmarks.csv), in the year named."
                               : "No published tables were given (lscb-run --published): "
                                 "neighbours, England and quartile bands are left empty.",
                           f->small);
    worksheet_write_string(ws, (lxw_row_t)row++, 0,
                           "Direction of travel: this year against last, better or worse by "
                           "the measure's polarity (none for plans started and ended, or "
                           "NI65 whose good range is 10 to 15%). c: suppressed for "
                           "publication.", f->small);
    if (cse >= 0)
        worksheet_write_string(ws, (lxw_row_t)row++, 0,
                               "Against England and neighbours: beyond the funnel plot's exact "
                               "95% limits (99.8% where said) at the authority's own "
                               "denominator; \xE2\x96\xB2 higher (blue), \xE2\x96\xA0 lower "
                               "(orange), \xE2\x97\x8F similar (grey); better or worse by "
                               "the measure's polarity. See the Funnel sheets.", f->small);
    worksheet_print_area(ws, 0, 0, (lxw_row_t)row, cse >= 0 ? 10 : 8);
}
