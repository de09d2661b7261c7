/*
 * report.c — see report.h.
 *
 * The report lays out what lscb-stats computed: each template table's
 * tables/ID.csv (checked against the template's header, so stale tables
 * are refused), with number formats from the measure definitions, NI
 * bands as conditional formats, and a Notes sheet.
 */
#define _POSIX_C_SOURCE 200809L
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "csvio.h"
#include "date.h"
#include "measure_defs.h"
#include "paths.h"
#include "template.h"
#include "report_sheet.h"

/* ---- inputs ---- */

struct grid {
    char ***cells;      /* rows of fields */
    size_t *ncell;
    size_t n;
    const char *name;
};

static lscb_err on_cell_row(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)line;
    (void)e;
    struct grid *g = ctx;
    g->cells = lscb_xrealloc(g->cells, (g->n + 1) * sizeof *g->cells);
    g->ncell = lscb_xrealloc(g->ncell, (g->n + 1) * sizeof *g->ncell);
    g->cells[g->n] = lscb_xmalloc((n ? n : 1) * sizeof(char *));
    for (size_t i = 0; i < n; i++)
        g->cells[g->n][i] = lscb_xstrdup(f[i]);
    g->ncell[g->n++] = n;
    return LSCB_OK;
}

static void grid_release(struct grid *g)
{
    for (size_t r = 0; r < g->n; r++) {
        for (size_t i = 0; i < g->ncell[r]; i++)
            free(g->cells[r][i]);
        free(g->cells[r]);
    }
    free(g->cells);
    free(g->ncell);
    memset(g, 0, sizeof *g);
}

struct ni_band {
    char measure[40];
    int band;
    double lower, upper;
    bool upper_inclusive;
};


struct inputs {
    struct grid tables[TPL_MAX_TABLES];
    struct grid bench_notes;        /* benchmarks-notes.csv, if any */
    struct grid narrative;          /* table, sheet, sentence */
    struct quality q;               /* rejects and validation failures */
    char la[8];
    char **src;
    size_t nsrc;
    struct ni_band *bands;
    size_t nbands;
};

static lscb_err on_source(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)line;
    (void)e;
    struct inputs *in = ctx;
    if (n != 5 || !strcmp(f[0], "la_code"))
        return LSCB_OK;
    char buf[700];
    int y = atoi(f[1]);
    if (!strcmp(f[4], "cpr3"))
        snprintf(buf, sizeof buf, "CPR3 child protection return for LA %s, year ending 31 March "
                 "%d: %s, %s items", f[0], y, f[2], f[3]);
    else if (y == 0)
        snprintf(buf, sizeof buf, "Local strategy discussion extract for LA %s: %s, %s records",
                 f[0], f[2], f[3]);
    else
        snprintf(buf, sizeof buf, "Children in need census return for LA %s, %d-%02d "
                 "(reference date 31 March %d): %s, %s records", f[0], y - 1, y % 100, y, f[2],
                 f[3]);
    snprintf(in->la, sizeof in->la, "%s", f[0]);
    in->src = lscb_xrealloc(in->src, (in->nsrc + 1) * sizeof *in->src);
    in->src[in->nsrc++] = lscb_xstrdup(buf);
    return LSCB_OK;
}

static lscb_err on_band(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct inputs *in = ctx;
    if (!strcmp(f[0], "indicator"))
        return LSCB_OK;
    char *end1, *end2;
    double lo = n == 7 ? strtod(f[4], &end1) : 0, hi = n == 7 ? strtod(f[5], &end2) : 0;
    if (n != 7 || *end1 || *end2 || atoi(f[3]) < 1)
        return lscb_fail(e, LSCB_EINPUT, "ni-bands.csv:%ld: expected indicator, measure, side, "
                         "band, lower, upper, upper_inclusive", line);
    in->bands = lscb_xrealloc(in->bands, (in->nbands + 1) * sizeof *in->bands);
    struct ni_band *b = &in->bands[in->nbands++];
    snprintf(b->measure, sizeof b->measure, "%s", f[1]);
    b->band = atoi(f[3]);
    b->lower = lo;
    b->upper = hi;
    b->upper_inclusive = !strcmp(f[6], "yes");
    return LSCB_OK;
}

static void inputs_release(struct inputs *in)
{
    grid_release(&in->narrative);
    grid_release(&in->bench_notes);
    quality_release(&in->q);
    for (int i = 0; i < TPL_MAX_TABLES; i++)
        grid_release(&in->tables[i]);
    for (size_t i = 0; i < in->nsrc; i++)
        free(in->src[i]);
    free(in->src);
    free(in->bands);
}

/* Reads tables/ID.csv for every table and checks its header. */
static lscb_err read_tables(const struct report_opts *opts, const struct report_template *t,
                            struct inputs *in, struct lscb_error *e)
{
    for (int i = 0; i < t->ntables; i++) {
        const struct tpl_table *tb = &t->tables[i];
        char name[64];
        snprintf(name, sizeof name, "%s.csv", tb->id);
        char *path = path_join(opts->tables, name);
        struct grid *g = &in->tables[i];
        lscb_err rc = csv_read_path(path, on_cell_row, g, e);
        if (rc == LSCB_EINPUT && access(path, R_OK) != 0)
            rc = lscb_fail(e, LSCB_EINPUT, "%s: missing: run lscb-stats with the same template",
                           path);
        if (rc == LSCB_OK) {
            struct tpl_col cols[TPL_MAX_COLS];
            char msg[200];
            int nc = tpl_columns(t, tb, cols, msg, sizeof msg);
            bool same = g->n > 0 && nc >= 0 && g->ncell[0] == (size_t)nc;
            for (int c = 0; same && c < nc; c++)
                same = !strcmp(g->cells[0][c], cols[c].label);
            if (!same)
                rc = lscb_fail(e, LSCB_EINPUT, "%s:1: header does not match [table:%s] of %s: "
                               "run lscb-stats with the same template", path, tb->id, t->path);
        }
        free(path);
        if (rc)
            return rc;
    }
    char *spath = path_join(opts->tables, "sources.csv");
    lscb_err rc = access(spath, R_OK) == 0 ? csv_read_path(spath, on_source, in, e) : LSCB_OK;
    free(spath);
    if (rc)
        return rc;
    char *bnpath = path_join(opts->tables, "benchmarks-notes.csv");
    rc = access(bnpath, R_OK) == 0 ? csv_read_path(bnpath, on_cell_row, &in->bench_notes, e)
                                   : LSCB_OK;
    free(bnpath);
    if (rc)
        return rc;
    char *npath = path_join(opts->tables, "narrative.csv");
    rc = access(npath, R_OK) == 0 ? csv_read_path(npath, on_cell_row, &in->narrative, e)
                                  : LSCB_OK;
    free(npath);
    if (rc)
        return rc;
    rc = quality_read(&in->q, opts->rejects, opts->tables, e);
    if (rc)
        return rc;
    char *bpath = lscb_find_file("LSCB_DATA_DIR", "data", "ni-bands.csv");
    if (bpath)
        rc = csv_read_path(bpath, on_band, in, e);
    free(bpath);
    return rc;
}

/* ---- layout ---- */


static void ni_bands(lxw_worksheet *ws, const struct inputs *in, const char *measure, int r0,
                     int c0, int r1, int c1, const struct fmts *f)
{
    for (size_t i = 0; i < in->nbands; i++) {
        const struct ni_band *b = &in->bands[i];
        if (strcmp(b->measure, measure) || b->band < 1 || b->band > 5)
            continue;
        lxw_conditional_format cf = {0};
        cf.type = LXW_CONDITIONAL_TYPE_CELL;
        cf.criteria = LXW_CONDITIONAL_CRITERIA_BETWEEN;
        cf.min_value = b->lower;
        /* values have one decimal: "< upper" is "<= upper - 0.05" */
        cf.max_value = b->upper_inclusive ? b->upper : b->upper - 0.05;
        cf.format = f->band[b->band];
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

static void put_string(const struct place *p, int r, int c, const char *v, lxw_format *f)
{
    int rr = p->transpose ? c : r, cc = p->transpose ? r : c;
    worksheet_write_string(p->ws, (lxw_row_t)(p->top + rr), (lxw_col_t)cc, v, f);
}

static void put_value(const struct place *p, int r, int c, const char *v, lxw_format *f,
                      lxw_format *text)
{
    int rr = p->transpose ? c : r, cc = p->transpose ? r : c;
    char *end;
    double x = strtod(v, &end);
    if (!*v)
        worksheet_write_blank(p->ws, (lxw_row_t)(p->top + rr), (lxw_col_t)cc, f);
    else if (*end) /* "c": suppressed for publication */
        worksheet_write_string(p->ws, (lxw_row_t)(p->top + rr), (lxw_col_t)cc, v, text);
    else
        worksheet_write_number(p->ws, (lxw_row_t)(p->top + rr), (lxw_col_t)cc, x, f);
}

/* A native chart of a table's counts (not its percentages or totals),
 * below the table.  Categories are the row labels (the column labels of a
 * transposed table). */
static int write_chart(lxw_workbook *wb, lxw_worksheet *ws, const struct tpl_table *tb,
                       const struct tpl_col *cols, int nc, int nr, int top, int at_row)
{
    static const uint8_t types[] = {0, LXW_CHART_LINE, LXW_CHART_COLUMN,
                                    LXW_CHART_COLUMN_STACKED, LXW_CHART_BAR, LXW_CHART_PIE};
    if (tb->chart == TPL_CHART_NONE || nr < 2)
        return at_row;
    /* data rows, without a Total row */
    int last = nr - 1;
    if (tb->rows == TPL_ROWS_BREAKDOWN && tb->total)
        last--;
    if (last < 1)
        return at_row;
    lxw_chart *ch = workbook_add_chart(wb, types[tb->chart]);
    int series = 0;
    for (int c = 1; c < nc; c++) {
        bool total_col = tb->breakdown[0] && tb->rows != TPL_ROWS_BREAKDOWN && tb->total &&
                         c == nc - 1;
        if (cols[c].pct || total_col)
            continue;
        if (tb->chart == TPL_CHART_PIE && series == 1)
            break;
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        if (tb->transpose) {
            chart_series_set_categories(se, tb->sheet, (lxw_row_t)top, 1, (lxw_row_t)top,
                                        (lxw_col_t)last);
            chart_series_set_values(se, tb->sheet, (lxw_row_t)(top + c), 1,
                                    (lxw_row_t)(top + c), (lxw_col_t)last);
            chart_series_set_name_range(se, tb->sheet, (lxw_row_t)(top + c), 0);
        } else {
            chart_series_set_categories(se, tb->sheet, (lxw_row_t)(top + 1), 0,
                                        (lxw_row_t)(top + last), 0);
            chart_series_set_values(se, tb->sheet, (lxw_row_t)(top + 1), (lxw_col_t)c,
                                    (lxw_row_t)(top + last), (lxw_col_t)c);
            chart_series_set_name_range(se, tb->sheet, (lxw_row_t)top, (lxw_col_t)c);
        }
        series++;
    }
    if (series == 0)
        return at_row;
    chart_title_set_name(ch, tb->title);
    lxw_chart_font tf = {.size = 10, .bold = LXW_TRUE};
    chart_title_set_name_font(ch, &tf);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options co = {.x_scale = 1.6, .y_scale = 1.3};
    worksheet_insert_chart_opt(ws, (lxw_row_t)at_row, 0, ch, &co);
    return at_row + 21;
}

static void write_table(lxw_workbook *wb, const struct report_template *t,
                        const struct tpl_table *tb, const struct grid *g,
                        const struct inputs *in, int year, const struct fmts *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, tb->sheet);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_paper(ws, 9);
    worksheet_write_string(ws, 0, 0, tb->title, f->title);
    char sub[160];
    snprintf(sub, sizeof sub, "Local authority %s, 1 April %d to 31 March %d", in->la,
             year - 1, year);
    worksheet_write_string(ws, 1, 0, sub, f->sub);
    struct tpl_col cols[TPL_MAX_COLS];
    char msg[200];
    int nc = tpl_columns(t, tb, cols, msg, sizeof msg);
    int nr = (int)g->n; /* header + data rows */
    const int top = 3;
    struct place p = {ws, top, tb->transpose};
    int width_cols = tb->transpose ? nr : nc, height = tb->transpose ? nc : nr;
    worksheet_freeze_panes(ws, (lxw_row_t)(top + 1), 1);
    worksheet_set_column(ws, 0, 0, tb->transpose ? 34 : 22, NULL);
    int width = width_cols > 8 ? 10 : 14;
    worksheet_set_column(ws, 1, (lxw_col_t)(width_cols > 1 ? width_cols - 1 : 1), width, NULL);
    if (!tb->transpose) {
        /* a header row tall enough for its longest wrapped label */
        size_t lines = 1;
        for (int c = 1; c < nc; c++) {
            size_t l = strlen(cols[c].label) / (size_t)(width - 2) + 1;
            if (l > lines)
                lines = l;
        }
        worksheet_set_row(ws, top, 13.0 * (double)lines + 4, NULL);
    }
    for (int c = 0; c < nc; c++)
        put_string(&p, 0, c, cols[c].label, tb->transpose && c ? f->label : f->head);
    for (int r = 1; r < nr; r++) {
        put_string(&p, r, 0, g->cells[r][0], tb->transpose ? f->head : f->label);
        for (int c = 1; c < (int)g->ncell[r] && c < nc; c++)
            put_value(&p, r, c, g->cells[r][c], cols[c].pct ? f->pct : f->num, f->right);
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
    row = write_chart(wb, ws, tb, cols, nc, nr, top, row);
    if (tb->note[0])
        worksheet_write_string(ws, (lxw_row_t)row++, 0, tb->note, f->small);
    worksheet_write_string(ws, (lxw_row_t)row, 0,
                           "Source: children in need census returns; definitions on the "
                           "Definitions sheet.", f->small);
}

void write_wrapped(lxw_worksheet *ws, int row, const char *text, lxw_format *f)
{
    size_t lines = strlen(text) / 105 + 1;
    worksheet_set_row(ws, (lxw_row_t)row, 12.0 * (double)lines + 2, NULL);
    worksheet_write_string(ws, (lxw_row_t)row, 1, text, f);
}

static bool template_uses(const struct report_template *t, const char *measure)
{
    for (int k = 0; k < t->ntables; k++) {
        const struct tpl_table *tb = &t->tables[k];
        if (tb->breakdown[0] && !strcmp(measure, "cpp_open"))
            return true;
        for (int m = 0; m < tb->ncolumns; m++)
            if (!strcmp(tb->columns[m].measure, measure))
                return true;
    }
    return false;
}

lxw_worksheet *plain_sheet(lxw_workbook *wb, const char *name, const char *title,
                           const struct fmts *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_paper(ws, 9);
    worksheet_set_column(ws, 0, 0, 34, NULL);
    worksheet_set_column(ws, 1, 1, 100, f->note);
    worksheet_write_string(ws, 0, 0, title, f->title);
    return ws;
}

/* The first sheet: every other sheet, linked. */
static void write_contents(lxw_workbook *wb, const struct report_template *t,
                           const struct inputs *in, int year, const struct fmts *f)
{
    lxw_worksheet *ws = plain_sheet(wb, "Contents", t->title[0] ? t->title : "Report", f);
    char sub[160];
    snprintf(sub, sizeof sub, "Local authority %s, 1 April %d to 31 March %d", in->la, year - 1,
             year);
    worksheet_write_string(ws, 1, 0, sub, f->sub);
    worksheet_write_string(ws, 3, 0, "Sheet", f->head);
    worksheet_write_string(ws, 3, 1, "What it shows", f->head);
    int row = 4;
    char url[128];
    for (int i = 0; i < t->ntables; i++, row++) {
        snprintf(url, sizeof url, "internal:'%s'!A1", t->tables[i].sheet);
        worksheet_write_url_opt(ws, (lxw_row_t)row, 0, url, NULL, t->tables[i].sheet, NULL);
        worksheet_write_string(ws, (lxw_row_t)row, 1, t->tables[i].title, f->note);
    }
    static const char *const extra[][2] = {
        {"Narrative", "Draft sentences for each table, to edit (also narrative.md)"},
        {"Data quality", "Records that could not be used, by rule (listed in rejects.csv)"},
        {"Validation", "Failures of DfE's CIN census validation rules, by rule (listed in "
                       "validation.csv)"},
        {"Definitions", "What each measure counts, and the conventions"},
        {"Sources", "The returns and files each figure rests on"}};
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++, row++) {
        snprintf(url, sizeof url, "internal:'%s'!A1", extra[i][0]);
        worksheet_write_url_opt(ws, (lxw_row_t)row, 0, url, NULL, extra[i][0], NULL);
        worksheet_write_string(ws, (lxw_row_t)row, 1, extra[i][1], f->note);
    }
}

static void write_narrative(lxw_workbook *wb, const struct inputs *in, const struct fmts *f)
{
    lxw_worksheet *ws = plain_sheet(wb, "Narrative", "Draft sentences", f);
    worksheet_write_string(ws, 1, 0,
                           "Drafted from the figures for the author to edit. A difference "
                           "from England or the neighbours is called significant only when "
                           "it lies outside the authority's 95% interval.", f->sub);
    worksheet_write_string(ws, 3, 0, "Sheet", f->head);
    worksheet_write_string(ws, 3, 1, "Sentence", f->head);
    int row = 4;
    for (size_t r = 1; r < in->narrative.n; r++, row++) {
        if (in->narrative.ncell[r] != 3)
            continue;
        worksheet_write_string(ws, (lxw_row_t)row, 0, in->narrative.cells[r][1], f->note);
        write_wrapped(ws, row, in->narrative.cells[r][2], f->note);
    }
}

static void write_definitions(lxw_workbook *wb, const struct report_template *t,
                              const struct inputs *in, const struct fmts *f)
{
    lxw_worksheet *ws = plain_sheet(wb, "Definitions", "Definitions", f);
    worksheet_write_string(ws, 2, 0, "Measure", f->head);
    worksheet_write_string(ws, 2, 1, "Definition", f->head);
    int row = 3;
    for (size_t i = 0; i < measure_defs_count; i++) {
        if (!template_uses(t, measure_defs[i].name))
            continue;
        worksheet_write_string(ws, (lxw_row_t)row, 0, measure_defs[i].title, f->note);
        write_wrapped(ws, row, measure_defs[i].definition, f->note);
        row++;
    }
    row++;
    worksheet_write_string(ws, (lxw_row_t)row++, 0, "Conventions", f->head);
    write_wrapped(ws, row++,
                  "Year Y runs from 1 April Y-1 to 31 March Y. A plan or episode returned in "
                  "several census years is counted once, as the latest census returned it. "
                  "Working days are Monday to Friday less England and Wales bank holidays. "
                  "Percentages and rates are rounded half up to one decimal place from "
                  "unrounded counts. Records rejected by the checks are listed, with the "
                  "reason, in rejects.csv beside this workbook.", f->note);
    bool any_ni = false;
    for (int k = 0; k < t->ntables; k++)
        any_ni |= t->tables[k].ni_bands;
    if (any_ni)
        write_wrapped(ws, row++,
                      "National indicator values are coloured by the Key to NI Bands of the "
                      "2011-12 report (data/ni-bands.csv): the band numbers as the report "
                      "gives them, from red for band 1 to green for band 5, on either side "
                      "(Low and High) of the range. For NI64 the report's key overlaps itself "
                      "(a printing error): the first band that holds a value is used.", f->note);
    (void)in;
}

static void write_sources(lxw_workbook *wb, const struct inputs *in, const struct fmts *f)
{
    lxw_worksheet *ws = plain_sheet(wb, "Sources", "Sources", f);
    worksheet_write_string(ws, 2, 0, "Source", f->head);
    worksheet_write_string(ws, 2, 1, "Detail", f->head);
    int row = 3;
    for (size_t i = 0; i < in->nsrc; i++, row++) {
        worksheet_write_string(ws, (lxw_row_t)row, 0, "Child-level return", f->note);
        write_wrapped(ws, row, in->src[i], f->note);
    }
    /* the releases every comparator came from (benchmarks-notes.csv) */
    const struct grid *bn = &in->bench_notes;
    for (size_t r = 1; r < bn->n; r++) {
        for (int col = 3; col <= 4; col++) {
            if (bn->ncell[r] < 5 || !bn->cells[r][col][0])
                continue;
            const char *src = bn->cells[r][col];
            bool seen = false;
            for (size_t q = 1; q < r && !seen; q++)
                for (int c2 = 3; c2 <= 4 && !seen; c2++)
                    seen = bn->ncell[q] >= 5 && !strcmp(bn->cells[q][c2], src);
            for (int c2 = 3; c2 < col && !seen; c2++)
                seen = !strcmp(bn->cells[r][c2], src);
            if (seen)
                continue;
            worksheet_write_string(ws, (lxw_row_t)row, 0, "Benchmark figures", f->note);
            write_wrapped(ws, row++, src, f->note);
        }
    }
    worksheet_write_string(ws, (lxw_row_t)row, 0, "Population", f->note);
    write_wrapped(ws, row++,
                  "Office for National Statistics mid-year estimates of children aged 0 to 17, "
                  "as used by the Department for Education: mid-(Y-1) for census year Y. "
                  "Contains public sector information licensed under the Open Government "
                  "Licence v3.0.", f->note);
    worksheet_write_string(ws, (lxw_row_t)row, 0, "Bank holidays", f->note);
    write_wrapped(ws, row++,
                  "England and Wales bank holidays 2000-2030 with the one-off and moved days "
                  "(data/bank-holidays-england-wales.csv).", f->note);
}

static void make_formats(lxw_workbook *wb, struct fmts *f)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 13);
    f->sub = workbook_add_format(wb);
    format_set_italic(f->sub);
    f->head = workbook_add_format(wb);
    format_set_bold(f->head);
    format_set_text_wrap(f->head);
    format_set_align(f->head, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_bottom(f->head, LXW_BORDER_THIN);
    format_set_bg_color(f->head, 0xDCE6F1);
    f->num = workbook_add_format(wb);
    format_set_num_format(f->num, "#,##0");
    f->pct = workbook_add_format(wb);
    format_set_num_format(f->pct, "0.0");
    f->right = workbook_add_format(wb);
    format_set_align(f->right, LXW_ALIGN_RIGHT);
    f->label = workbook_add_format(wb);
    format_set_align(f->label, LXW_ALIGN_LEFT);
    f->note = workbook_add_format(wb);
    format_set_text_wrap(f->note);
    format_set_font_size(f->note, 9);
    format_set_align(f->note, LXW_ALIGN_VERTICAL_TOP);
    f->small = workbook_add_format(wb);
    format_set_font_size(f->small, 9);
    static const lxw_color_t fills[6] = {0, 0xF4B6B6, 0xF8CBAD, 0xFFE699, 0xD9EAD3, 0xA9D08E};
    f->band[0] = NULL;
    for (int i = 1; i <= 5; i++) {
        f->band[i] = workbook_add_format(wb);
        format_set_bg_color(f->band[i], fills[i]);
    }
}

lscb_err report_run(const struct report_opts *opts, struct lscb_error *e)
{
    struct report_template *t = calloc(1, sizeof *t);
    struct inputs *in = calloc(1, sizeof *in);
    if (!t || !in) {
        free(t);
        free(in);
        return lscb_fail(e, LSCB_ESYS, "out of memory");
    }
    lscb_err rc = LSCB_OK;
    char *tpath = template_find(opts->tpl);
    if (!tpath)
        rc = lscb_fail(e, LSCB_EINPUT, "template '%s' not found (looked in $LSCB_TEMPLATE_DIR, "
                       "templates/ and the installed share directory)", opts->tpl);
    if (rc == LSCB_OK)
        rc = template_load(tpath, t, e);
    if (rc == LSCB_OK)
        rc = read_tables(opts, t, in, e);

    char *tmp = NULL;
    if (rc == LSCB_OK) {
        size_t n = strlen(opts->out) + 32;
        tmp = lscb_xmalloc(n);
        snprintf(tmp, n, "%s.tmp%ld", opts->out, (long)getpid());
        lxw_workbook_options wo = {.constant_memory = 0, .tmpdir = NULL};
        lxw_workbook *wb = workbook_new_opt(tmp, &wo);
        if (!wb) {
            rc = lscb_fail(e, LSCB_ESYS, "%s: cannot create workbook", opts->out);
        } else {
            lxw_doc_properties props = {0};
            char title[300];
            snprintf(title, sizeof title, "%s %d-%02d", t->title[0] ? t->title : "Report",
                     opts->year - 1, opts->year % 100);
            props.title = title;
            props.author = "lscb-stats";
            /* a fixed creation time: identical inputs, identical bytes */
            props.created = (time_t)census_year_end(opts->year) * 86400;
            workbook_set_properties(wb, &props);
            struct fmts f;
            make_formats(wb, &f);
            write_contents(wb, t, in, opts->year, &f);
            for (int i = 0; i < t->ntables; i++)
                write_table(wb, t, &t->tables[i], &in->tables[i], in, opts->year, &f);
            write_narrative(wb, in, &f);
            write_quality(wb, &in->q, &f);
            write_validation(wb, &in->q, &f);
            write_definitions(wb, t, in, &f);
            write_sources(wb, in, &f);
            lxw_error xe = workbook_close(wb);
            if (xe != LXW_NO_ERROR)
                rc = lscb_fail(e, LSCB_ESYS, "%s: cannot write workbook: %s", opts->out,
                               lxw_strerror(xe));
        }
        lscb_crash_point("report-before-rename");
        if (rc == LSCB_OK && chmod(tmp, 0600) != 0)
            rc = lscb_fail(e, LSCB_ESYS, "%s: cannot set permissions: %s", opts->out,
                           strerror(errno));
        if (rc == LSCB_OK && rename(tmp, opts->out) != 0)
            rc = lscb_fail(e, LSCB_ESYS, "%s: cannot rename into place: %s", opts->out,
                           strerror(errno));
        if (rc != LSCB_OK)
            unlink(tmp);
    }
    if (rc == LSCB_OK && !opts->quiet)
        fprintf(stderr, "lscb-report: read %d, wrote %d, rejected 0 (tables in, sheets out)\n",
                t->ntables, t->ntables + 6);
    free(tmp);
    free(tpath);
    inputs_release(in);
    free(in);
    free(t);
    return rc;
}
