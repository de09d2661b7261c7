/*
 * report.c — see report.h.
 *
 * The report lays out what lscb-stats computed: each template table's
 * tables/ID.csv (checked against the template's header, so stale tables
 * are refused), with number formats from the measure definitions, NI
 * bands as conditional formats, and the sheets report.h lists.
 */
#define _POSIX_C_SOURCE 200809L
#include "output/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "common/csvio.h"
#include "common/date.h"
#include "common/measure_defs.h"
#include "common/paths.h"
#include "common/template.h"
#include "output/report_sheet.h"
#include "output/report_funnel.h"
#include "common/text.h"
#include "output/report_bench.h"

/* ---- inputs ---- */

lscb_err report_on_cell_row(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)line;
    (void)e;
    struct grid *g = ctx;
    g->cells = lscb_xrealloc(g->cells, (g->n + 1) * sizeof *g->cells);
    g->ncell = lscb_xrealloc(g->ncell, (g->n + 1) * sizeof *g->ncell);
    g->cells[g->n] = lscb_xmalloc((n ? n : 1) * sizeof(char *));
    for (size_t i = 0; i < n; i++) {
        /* file names and values as found: a workbook takes UTF-8 only */
        g->cells[g->n][i] = lscb_xstrdup(f[i]);
        text_utf8_clean(g->cells[g->n][i]);
    }
    g->ncell[g->n++] = n;
    return LSCB_OK;
}

int report_grid_col(const struct grid *g, const char *name)
{
    if (!g->n)
        return -1;
    for (size_t i = 0; i < g->ncell[0]; i++)
        if (!strcmp(g->cells[0][i], name))
            return (int)i;
    return -1;
}

const char *report_grid_cell(const struct grid *g, size_t r, int c)
{
    return r < g->n && c >= 0 && (size_t)c < g->ncell[r] ? g->cells[r][c] : "";
}

void report_grid_release(struct grid *g)
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

static lscb_err on_source(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct inputs *in = ctx;
    if (n != 5 || !strcmp(f[0], "la_code"))
        return LSCB_OK;
    char *buf;
    int y;
    if (!text_int_range(f[1], 0, 2100, &y))
        return lscb_fail(e, LSCB_EINPUT, "sources.csv:%ld: year '%s' is not a year", line, f[1]);
    /* the file by its name: where it lay on the analyst's machine is no
     * part of the publication */
    const char *slash = strrchr(f[2], '/');
    const char *file = slash ? slash + 1 : f[2];
    if (text_fmt(in->la, sizeof in->la, "%s", f[0]))
        return lscb_fail(e, LSCB_EINPUT, "sources.csv:%ld: LA code '%s' longer than %zu "
                         "characters", line, f[0], sizeof in->la - 1);
    /* the file's whole name, however long */
    if (!strcmp(f[4], "cpr3"))
        buf = text_xfmt("CPR3 child protection return for LA %s, year ending 31 March %d: %s, "
                        "%s items", f[0], y, file, f[3]);
    else if (y == 0)
        buf = text_xfmt("Local strategy discussion extract for LA %s: %s, %s records", f[0],
                        file, f[3]);
    else
        buf = text_xfmt("Children in need census return for LA %s, %d-%02d (reference date 31 "
                        "March %d): %s, %s records", f[0], y - 1, y % 100, y, file, f[3]);
    /* the file name as the system gave it (any bytes) */
    text_utf8_clean(buf);
    in->src = lscb_xrealloc(in->src, (in->nsrc + 1) * sizeof *in->src);
    in->src[in->nsrc++] = buf;
    return LSCB_OK;
}

static lscb_err on_band(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct inputs *in = ctx;
    if (!strcmp(f[0], "indicator"))
        return LSCB_OK;
    double lo, hi;
    int band;
    if (n != 7 || !text_double(f[4], &lo) || !text_double(f[5], &hi) ||
        !text_int_range(f[3], 1, 5, &band))
        return lscb_fail(e, LSCB_EINPUT, "ni-bands.csv:%ld: expected indicator, measure, side, "
                         "band, lower, upper, upper_inclusive", line);
    in->bands = lscb_xrealloc(in->bands, (in->nbands + 1) * sizeof *in->bands);
    struct ni_band *b = &in->bands[in->nbands++];
    if (text_fmt(b->indicator, sizeof b->indicator, "%s", f[0]) ||
        text_fmt(b->measure, sizeof b->measure, "%s", f[1]) ||
        text_fmt(b->side, sizeof b->side, "%s", f[2]))
        return lscb_fail(e, LSCB_EINPUT, "ni-bands.csv:%ld: indicator, measure or side longer "
                         "than %zu, %zu or %zu characters", line, sizeof b->indicator - 1,
                         sizeof b->measure - 1, sizeof b->side - 1);
    b->band = band;
    b->lower = lo;
    b->upper = hi;
    b->upper_inclusive = !strcmp(f[6], "yes");
    return LSCB_OK;
}

static void inputs_release(struct inputs *in)
{
    report_grid_release(&in->narrative);
    report_grid_release(&in->dashboard);
    report_grid_release(&in->benchmarks);
    report_grid_release(&in->bench_notes);
    quality_release(&in->q);
    if (in->bb)
        bench_book_release(in->bb);
    free(in->bb);
    for (int i = 0; i < TPL_MAX_TABLES; i++)
        report_grid_release(&in->tables[i]);
    for (size_t i = 0; i < in->nsrc; i++)
        free(in->src[i]);
    free(in->src);
    free(in->bands);
}

/* tables/manifest.csv (lscb-stats): the template and year the tables were
 * computed for must be the ones asked for.  Tables without one (written
 * before it existed) are checked by their headers only. */
static lscb_err check_manifest(const struct report_opts *opts, const struct report_template *t,
                               struct lscb_error *e)
{
    char *path = path_join(opts->tables, "manifest.csv");
    struct grid m = {0};
    lscb_err rc = access(path, R_OK) == 0 ? csv_read_path_text(path, report_on_cell_row, &m, e)
                                          : LSCB_OK;
    if (rc == LSCB_OK && m.n >= 2 && m.ncell[1] >= 2) {
        const char *base = strrchr(t->path, '/');
        base = base ? base + 1 : t->path;
        char y[16];
        snprintf(y, sizeof y, "%d", opts->year);
        if (strcmp(m.cells[1][0], base))
            rc = lscb_fail(e, LSCB_EINPUT, "%s: these tables were computed with the template "
                           "%s, not %s: run lscb-stats --template %s first", path,
                           m.cells[1][0], base, opts->tpl);
        else if (strcmp(m.cells[1][1], y))
            rc = lscb_fail(e, LSCB_EINPUT, "%s: these tables are for %s, not %d: run lscb-stats "
                           "--year %d first", path, m.cells[1][1], opts->year, opts->year);
    }
    report_grid_release(&m);
    free(path);
    return rc;
}

/* Reads tables/ID.csv for every table and checks its header. */
static lscb_err read_tables(const struct report_opts *opts, const struct report_template *t,
                            struct inputs *in, struct lscb_error *e)
{
    lscb_err mrc = check_manifest(opts, t, e);
    if (mrc)
        return mrc;
    in->bb = lscb_xcalloc(1, sizeof *in->bb);
    lscb_err brc = bench_book_read(opts->tables, in->bb, e);
    if (brc)
        return brc;
    for (int i = 0; i < t->ntables; i++) {
        const struct tpl_table *tb = &t->tables[i];
        if (bench_book_left_out(in->bb, tb->id))
            continue; /* no child-level data: the Contents sheet says so */
        char name[64];
        snprintf(name, sizeof name, "%.47s.csv", tb->id);   /* a char[48] */
        char *path = path_join(opts->tables, name);
        struct grid *g = &in->tables[i];
        lscb_err rc = csv_read_path_text(path, report_on_cell_row, g, e);
        if (rc == LSCB_EINPUT && access(path, R_OK) != 0)
            rc = lscb_fail(e, LSCB_EINPUT, "%s: missing: run lscb-stats with the same template",
                           path);
        if (rc == LSCB_OK) {
            struct tpl_col cols[TPL_MAX_COLS];
            char msg[200];
            int nc = tpl_columns(t, tb, cols, msg, sizeof msg);
            bool same = g->n > 0 && nc >= 0 && g->ncell[0] == (size_t)nc;
            for (int c = 0; same && c < nc; c++)
                same = !strcmp(g->cells[0][c], cols[c].label) ||
                       /* lscb-stats names a transposed table's periods and a series
                        * table's authority, neighbours and region (tables.c) */
                       (c == 0 && tb->transpose && !strcmp(g->cells[0][c], "Period")) ||
                       (c > 0 && tb->rows == TPL_ROWS_YEARS && g->cells[0][c][0]);
            if (!same)
                rc = lscb_fail(e, LSCB_EINPUT, "%s:1: header does not match [table:%s] of %s: "
                               "run lscb-stats with the same template", path, tb->id, t->path);
        }
        free(path);
        if (rc)
            return rc;
    }
    char *spath = path_join(opts->tables, "sources.csv");
    lscb_err rc = access(spath, R_OK) == 0 ? csv_read_path_text(spath, on_source, in, e) : LSCB_OK;
    free(spath);
    if (rc)
        return rc;
    char *bnpath = path_join(opts->tables, "benchmarks-notes.csv");
    rc = access(bnpath, R_OK) == 0 ? csv_read_path_text(bnpath, report_on_cell_row, &in->bench_notes, e)
                                   : LSCB_OK;
    free(bnpath);
    if (rc)
        return rc;
    static const char *const optional[] = {"dashboard.csv", "benchmarks.csv"};
    struct grid *og[] = {&in->dashboard, &in->benchmarks};
    for (int i = 0; i < 2 && rc == LSCB_OK; i++) {
        char *opath = path_join(opts->tables, optional[i]);
        rc = access(opath, R_OK) == 0 ? csv_read_path_text(opath, report_on_cell_row, og[i], e)
                                      : LSCB_OK;
        free(opath);
    }
    if (rc)
        return rc;
    char *npath = path_join(opts->tables, "narrative.csv");
    rc = access(npath, R_OK) == 0 ? csv_read_path_text(npath, report_on_cell_row, &in->narrative, e)
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

void write_wrapped(lxw_worksheet *ws, int row, const char *text, lxw_format *f)
{
    size_t lines = strlen(text) / 125 + 1; /* 9 points in 100 characters' width */
    worksheet_set_row(ws, (lxw_row_t)row, 12.0 * (double)lines + 2, NULL);
    worksheet_write_string(ws, (lxw_row_t)row, 1, text, f);
}

double write_wrapped_across(lxw_worksheet *ws, int row, int lastcol, double width_chars,
                            const char *text, lxw_format *f)
{
    size_t lines = (size_t)((double)strlen(text) / (width_chars * 1.1)) + 1;
    double h = 12.5 * (double)lines + 1;
    worksheet_set_row(ws, (lxw_row_t)row, h, NULL);
    if (lastcol > 0)
        worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row, (lxw_col_t)lastcol, text, f);
    else
        worksheet_write_string(ws, (lxw_row_t)row, 0, text, f);
    return h;
}

static bool template_uses(const struct report_template *t, const char *measure)
{
    for (int k = 0; k < t->ntables; k++) {
        const struct tpl_table *tb = &t->tables[k];
        if (tb->breakdown[0] && !strcmp(measure, measure_def_breakdowns()->name))
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
    if (!ws)
        return NULL;
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_paper(ws, 9);
    worksheet_set_column(ws, 0, 0, 34, NULL);
    worksheet_set_column(ws, 1, 1, 100, f->note);
    /* not the wrapping title format: in a sheet that narrows column A
     * (Validation) it was cut to "Validati" */
    worksheet_write_string(ws, 0, 0, title, f->title_plain);
    return ws;
}

void report_year_line(const struct inputs *in, int year, char *buf, size_t n)
{
    const char *name = in->bb && in->bb->la_name[0] ? in->bb->la_name : NULL;
    int cut = name ? text_fmt(buf, n, "%s, 1 April %d to 31 March %d", name, year - 1, year)
                   : text_fmt(buf, n, "Local authority %s, 1 April %d to 31 March %d", in->la,
                              year - 1, year);
    if (cut)   /* a name past the buffer: the period still shows */
        text_fmt_cut(buf, n, "1 April %d to 31 March %d", year - 1, year);
}

/* One line of the Contents: a sheet and what it shows. */
struct toc_entry {
    const char *sheet, *what;
};

/* What a sheet shows, less what its name already says: "4.74 Benchmark
 * Data: Referrals Rate ..." under the sheet "4.74 Referral rate" is
 * "Referrals Rate ...", "Benchmark: Referrals" under "B Referrals"
 * "Referrals". */
static const char *toc_what(const char *sheet, const char *title)
{
    const char *colon = strstr(title, ": ");
    size_t w = strcspn(sheet, " ");
    if (colon && w > 0 && (!strncmp(sheet, title, w) || (sheet[0] == 'B' && w == 1 &&
                                                          !strncmp(title, "Benchmark", 9))))
        return colon + 2;
    return title;
}

/* The first sheet: every other sheet, linked, in two blocks side by side
 * so that it prints on one page (as one list of 60 sheets it took two). */
static void write_contents(lxw_workbook *wb, const struct report_template *t,
                           const struct inputs *in, int year, const struct fmts *f)
{
    lxw_worksheet *ws =
        plain_sheet(wb, TPL_SHEET_CONTENTS, t->title[0] ? t->title : "Report", f);
    if (!ws)
        return;   /* a name libxlsxwriter refused: report_check_sheets says which */
    worksheet_fit_to_pages(ws, 1, 1);
    worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
    /* sheet, what it shows, a gap, sheet, what it shows */
    static const double widths[5] = {24, 46, 2, 24, 46};
    for (int c = 0; c < 5; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    lxw_format *link = workbook_add_format(wb), *what = workbook_add_format(wb);
    format_set_font_color(link, LXW_COLOR_BLUE);
    format_set_underline(link, LXW_UNDERLINE_SINGLE);
    format_set_align(link, LXW_ALIGN_VERTICAL_CENTER);
    format_set_font_size(what, 9);
    format_set_text_wrap(what);
    format_set_align(what, LXW_ALIGN_VERTICAL_CENTER);
    char sub[200];
    report_year_line(in, year, sub, sizeof sub);
    worksheet_write_string(ws, 1, 0, sub, f->sub);

    struct toc_entry e[TPL_MAX_TABLES + 64 + 8];
    size_t n = 0;
    e[n++] = (struct toc_entry){TPL_SHEET_DASHBOARD, "The headline indicators: this year, last "
                                "year, direction of travel, neighbours, England, band"};
    for (int i = 0; i < t->ntables; i++)
        if (!bench_book_left_out(in->bb, t->tables[i].id))
            e[n++] = (struct toc_entry){t->tables[i].sheet,
                                        toc_what(t->tables[i].sheet, t->tables[i].title)};
    const char *bsheets[64], *btitles[64];
    size_t nb = bench_book_extra(in->bb, t, bsheets, btitles, 64);
    for (size_t i = 0; i < nb; i++)
        e[n++] = (struct toc_entry){bsheets[i], toc_what(bsheets[i], btitles[i])};
    static const struct toc_entry extra[] = {
        {TPL_SHEET_NARRATIVE, "A draft paragraph for each table, to edit (also narrative.md)"},
        {TPL_SHEET_QUALITY, "Records that could not be used, by rule (listed in rejects.csv)"},
        {TPL_SHEET_VALIDATION, "Failures of DfE's CIN census validation rules, by rule (listed in "
                       "validation.csv)"},
        {TPL_SHEET_DEFINITIONS, "What each measure counts, and the conventions"},
        {TPL_SHEET_SOURCES, "The returns and files each figure rests on"}};
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        e[n++] = extra[i];

    size_t half = (n + 1) / 2;
    const int top = 3;
    for (int b = 0; b < 2 && (b == 0 || half < n); b++) {
        worksheet_write_string(ws, top, (lxw_col_t)(3 * b), "Sheet", f->head);
        worksheet_write_string(ws, top, (lxw_col_t)(3 * b + 1), "What it shows", f->head);
    }
    /* each row as tall as the longer of its two descriptions (about 64
     * characters a line at 9 points in 46 columns): LibreOffice does not
     * fit them, and a second line ran over the next row */
    for (size_t i = 0; i < half; i++) {
        size_t len = strlen(e[i].what);
        if (i + half < n && strlen(e[i + half].what) > len)
            len = strlen(e[i + half].what);
        size_t lines = len / 64 + 1;
        worksheet_set_row(ws, (lxw_row_t)(top + 1 + i), lines > 1 ? 11.5 * (double)lines + 2 : 15,
                          NULL);
    }
    char url[128];
    for (size_t i = 0; i < n; i++) {
        lxw_row_t r = (lxw_row_t)(top + 1 + (i < half ? i : i - half));
        lxw_col_t c = (lxw_col_t)(i < half ? 0 : 3);
        snprintf(url, sizeof url, "internal:'%.31s'!A1", e[i].sheet); /* Excel's 31 */
        worksheet_write_url_opt(ws, r, c, url, link, e[i].sheet, NULL);
        worksheet_write_string(ws, r, (lxw_col_t)(c + 1), e[i].what, what);
    }
    int row = top + 1 + (int)half;
    if (in->bb->nleft_out) {
        /* a run from published tables alone: what it could not fill */
        char *buf = lscb_xstrdup("Left out (they need the authority's child-level census "
                                 "returns): ");
        for (size_t i = 0; i < in->bb->nleft_out; i++)
            text_xappend(&buf, "%s%s", i ? ", " : "", in->bb->left_out_sheet[i]);
        row++;
        worksheet_write_string(ws, (lxw_row_t)row++, 0, "Left out", f->head);
        write_wrapped_across(ws, row, 4, 118, buf, what);
        free(buf);
    }
}

static void write_narrative(lxw_workbook *wb, const struct inputs *in, const struct fmts *f)
{
    lxw_worksheet *ws = plain_sheet(wb, TPL_SHEET_NARRATIVE, "Draft paragraphs", f);
    if (!ws)
        return;   /* a name libxlsxwriter refused: report_check_sheets says which */
    /* wrapped over the sheet's columns (11-point italic: about 1.2 of a
     * column's characters each): running on, it made the page print small */
    write_wrapped_across(ws, 1, 1, 134 / 1.2,
                         "Drafted from the figures for the author to edit. A difference "
                         "from England or the neighbours is called significant only when "
                         "the authority lies beyond the funnel plot's control limits; a "
                         "trend rising or falling only when its test gives p < 0.05.",
                         f->sub_wrap);
    worksheet_write_string(ws, 3, 0, "Sheet", f->head);
    worksheet_write_string(ws, 3, 1, "Paragraph (c: suppressed for publication)", f->head);
    int row = 4;
    for (size_t r = 1; r < in->narrative.n; r++, row++) {
        if (in->narrative.ncell[r] != 3)
            continue;
        worksheet_write_string(ws, (lxw_row_t)row, 0, in->narrative.cells[r][1], f->note);
        write_wrapped(ws, row, in->narrative.cells[r][2], f->note);
    }
}

/* cpp_open's definition with the breakdowns this template shows, in its
 * own bands (the registry's text describes DfE's duration bands, which an
 * lscb-2011 workbook does not use). */
static char *cpp_open_definition(const struct report_template *t, const char *registry)
{
    const char *cut = strstr(registry, " Breakdowns:");
    char *out = text_xfmt("%.*s", (int)(cut ? (size_t)(cut - registry) : strlen(registry)),
                          registry);
    bool seen_dim[8] = {false};
    static const char *const dims[] = {"category", "duration", "age", "gender", "ethnicity"};
    bool first = true;
    for (int i = 0; i < t->ntables; i++) {
        const struct tpl_table *tb = &t->tables[i];
        int d = -1;
        for (int j = 0; j < 5; j++)
            if (!strcmp(tb->breakdown, dims[j]))
                d = j;
        if (d < 0 || seen_dim[d])
            continue;
        seen_dim[d] = true;
        text_xappend(&out, "%s", first ? " Breakdowns in this workbook: " : "; ");
        first = false;
        const struct band_set *bs = tpl_bandset(t, tb);
        if (d == 0)
            text_xappend(&out, "latest category of abuse");
        else if (d == 3)
            text_xappend(&out, "gender as returned");
        else if (d == 4)
            text_xappend(&out, "ethnic group");
        else if (bs && bs->method == BANDS_DFE_DURATION)
            text_xappend(&out, "time on the plan at that date in DfE's bands (0-3m: up to 3 "
                         "months; 3-6m: over 3 up to 6 months; 6-12m: over 6, under 12 months; "
                         "12-24m: 12 months, under 24; 24m+: 24 months or more, months added "
                         "with month-end clamping)");
        else if (bs) {
            text_xappend(&out, "%s (", bs->method == BANDS_AGE_YEARS
                                           ? "age in completed years at that date"
                                           : "completed months on the plan at that date");
            for (int b = 0; b < bs->n; b++)
                text_xappend(&out, "%s%s%s", b ? ", " : "", bs->b[b].label,
                             bs->b[b].unborn ? " including unborn" : "");
            text_xappend(&out, ")");
        }
    }
    if (!first)
        text_xappend(&out, ".");
    return out;
}

static void write_definitions(lxw_workbook *wb, const struct report_template *t,
                              const struct inputs *in, const struct fmts *f)
{
    lxw_worksheet *ws = plain_sheet(wb, TPL_SHEET_DEFINITIONS, "Definitions", f);
    if (!ws)
        return;   /* a name libxlsxwriter refused: report_check_sheets says which */
    worksheet_write_string(ws, 2, 0, "Measure", f->head);
    worksheet_write_string(ws, 2, 1, "Definition", f->head);
    int row = 3;
    for (size_t i = 0; i < measure_defs_count; i++) {
        if (!template_uses(t, measure_defs[i].name))
            continue;
        worksheet_write_string(ws, (lxw_row_t)row, 0, measure_defs[i].title, f->note);
        if (measure_defs[i].breakdowns) {
            char *def = cpp_open_definition(t, measure_defs[i].definition);
            write_wrapped(ws, row, def, f->note);
            free(def);
        } else {
            write_wrapped(ws, row, measure_defs[i].definition, f->note);
        }
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
                      "(its Low side repeats NI65's; High 4 is 0<10): lower is better for "
                      "NI64, so only its High side is used, under 10% its best band (4), "
                      "20% or more its worst (1), as on the 4.73 sheet.", f->note);
    (void)in;
}

static void write_sources(lxw_workbook *wb, const struct inputs *in, const struct fmts *f)
{
    lxw_worksheet *ws = plain_sheet(wb, TPL_SHEET_SOURCES, "Sources", f);
    if (!ws)
        return;   /* a name libxlsxwriter refused: report_check_sheets says which */
    worksheet_write_string(ws, 2, 0, "Source", f->head);
    worksheet_write_string(ws, 2, 1, "Detail", f->head);
    int row = 3;
    for (size_t i = 0; i < in->nsrc; i++, row++) {
        worksheet_write_string(ws, (lxw_row_t)row, 0, "Child-level return", f->note);
        write_wrapped(ws, row, in->src[i], f->note);
    }
    /* the releases every comparator came from (benchmarks-notes.csv), by
     * name: "(newest; ...)" remarks and computed or aggregated values left
     * to the notes file */
    const struct grid *bn = &in->bench_notes;
    char **seen = NULL;
    size_t nseen = 0;
    for (size_t r = 1; r < bn->n; r++) {
        for (size_t col = 0; col < bn->ncell[r] && col < bn->ncell[0]; col++) {
            const char *h = bn->cells[0][col];
            if (strcmp(h, "value_source") && strcmp(h, "region_source") &&
                strcmp(h, "england_source"))
                continue;
            const char *src = bn->cells[r][col];
            if (!src[0] || (src[0] >= 'a' && src[0] <= 'z'))
                continue;
            /* the remark starts " (newest; ...": a release's own name may hold
             * brackets ("SFR (OSR26/2011) underlying data", "LAIT (Local
             * Authority Interactive Tool) 2025"), which a cut at the first
             * " (" reduced to "SFR" and "LAIT" */
            const char *paren = strstr(src, " (newest");
            char *name = text_xfmt("%.*s", (int)(paren ? (size_t)(paren - src) : strlen(src)),
                                   src);
            bool dup = false;
            for (size_t q = 0; q < nseen && !dup; q++)
                dup = !strcmp(seen[q], name);
            if (dup) {
                free(name);
                continue;
            }
            seen = lscb_xrealloc(seen, (nseen + 1) * sizeof *seen);
            seen[nseen++] = name;
            worksheet_write_string(ws, (lxw_row_t)row, 0, "Benchmark figures", f->note);
            write_wrapped(ws, row++, name, f->note);
        }
    }
    for (size_t q = 0; q < nseen; q++)
        free(seen[q]);
    free(seen);
    worksheet_write_string(ws, (lxw_row_t)row, 0, "Population", f->note);
    write_wrapped(ws, row++,
                  "Office for National Statistics mid-year estimates of children aged 0 to 17, "
                  "as used by the Department for Education: mid-(Y-1) for census year Y. "
                  "Contains public sector information licensed under the Open Government "
                  "Licence v3.0.", f->note);
    worksheet_write_string(ws, (lxw_row_t)row, 0, "Bank holidays", f->note);
    write_wrapped(ws, row++,
                  "England and Wales bank holidays computed for each year by their standing "
                  "rules (Easter by the computus, substitute days for weekends), with the "
                  "one-off and moved days of data/bank-holidays-changes.csv.", f->note);
}

static void make_formats(lxw_workbook *wb, struct fmts *f)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 13);
    format_set_text_wrap(f->title);
    format_set_align(f->title, LXW_ALIGN_VERTICAL_TOP);
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
    f->head_r = workbook_add_format(wb);
    format_set_bold(f->head_r);
    format_set_text_wrap(f->head_r);
    format_set_align(f->head_r, LXW_ALIGN_RIGHT);
    format_set_align(f->head_r, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_bottom(f->head_r, LXW_BORDER_THIN);
    format_set_bg_color(f->head_r, 0xDCE6F1);
    f->pct = workbook_add_format(wb);
    format_set_num_format(f->pct, "0.0%");
    f->rate = workbook_add_format(wb);
    format_set_num_format(f->rate, "0.0");
    f->date = workbook_add_format(wb);
    format_set_num_format(f->date, "mmm-yy");
    format_set_align(f->date, LXW_ALIGN_LEFT);
    f->date_head = workbook_add_format(wb);
    format_set_num_format(f->date_head, "mmm-yy");
    format_set_bold(f->date_head);
    format_set_align(f->date_head, LXW_ALIGN_RIGHT);
    format_set_bottom(f->date_head, LXW_BORDER_THIN);
    format_set_bg_color(f->date_head, 0xDCE6F1);
    lxw_format **tot[] = {&f->tot_label, &f->tot_num, &f->tot_pct, &f->tot_rate};
    static const char *const tot_fmt[] = {NULL, "#,##0", "0.0%", "0.0"};
    for (int i = 0; i < 4; i++) {
        *tot[i] = workbook_add_format(wb);
        format_set_bold(*tot[i]);
        format_set_top(*tot[i], LXW_BORDER_THIN);
        if (tot_fmt[i])
            format_set_num_format(*tot[i], tot_fmt[i]);
    }
    f->right = workbook_add_format(wb);
    format_set_align(f->right, LXW_ALIGN_RIGHT);
    f->label = workbook_add_format(wb);
    format_set_align(f->label, LXW_ALIGN_LEFT);
    f->note = workbook_add_format(wb);
    format_set_text_wrap(f->note);
    format_set_font_size(f->note, 9);
    format_set_align(f->note, LXW_ALIGN_VERTICAL_TOP);
    f->label_top = workbook_add_format(wb);
    format_set_align(f->label_top, LXW_ALIGN_VERTICAL_TOP);
    f->num_top = workbook_add_format(wb);
    format_set_num_format(f->num_top, "#,##0");
    format_set_align(f->num_top, LXW_ALIGN_VERTICAL_TOP);
    f->sub_wrap = workbook_add_format(wb);
    format_set_italic(f->sub_wrap);
    format_set_text_wrap(f->sub_wrap);
    format_set_align(f->sub_wrap, LXW_ALIGN_VERTICAL_TOP);
    f->title_plain = workbook_add_format(wb);
    format_set_bold(f->title_plain);
    format_set_font_size(f->title_plain, 13);
    f->small = workbook_add_format(wb);
    format_set_font_size(f->small, 9);
    f->small_wrap = workbook_add_format(wb);
    format_set_font_size(f->small_wrap, 9);
    format_set_text_wrap(f->small_wrap);
    format_set_align(f->small_wrap, LXW_ALIGN_VERTICAL_TOP);
    static const lxw_color_t fills[6] = {0, 0xF4B6B6, 0xF8CBAD, 0xFFE699, 0xD9EAD3, 0xA9D08E};
    f->band[0] = f->band_pct[0] = f->band_wrap[0] = NULL;
    for (int i = 1; i <= 5; i++) {
        f->band[i] = workbook_add_format(wb);
        format_set_bg_color(f->band[i], fills[i]);
        format_set_font_size(f->band[i], 9);
        f->band_pct[i] = workbook_add_format(wb);
        format_set_bg_color(f->band_pct[i], fills[i]);
        f->band_wrap[i] = workbook_add_format(wb);
        format_set_bg_color(f->band_wrap[i], fills[i]);
        format_set_font_size(f->band_wrap[i], 9);
        format_set_text_wrap(f->band_wrap[i]);
        format_set_align(f->band_wrap[i], LXW_ALIGN_VERTICAL_TOP);
    }
}

lscb_err report_check_sheets(const struct report_template *t, struct lscb_error *e)
{
    /* a scratch workbook, never closed, so never written */
    lxw_workbook *wb = workbook_new("/dev/null");
    lscb_err rc = LSCB_OK;
    int n = t->ntables;
    for (int i = 0; tpl_reserved_sheets[i]; i++)
        n++;
    for (int i = 0; i < n && rc == LSCB_OK; i++) {
        const char *name = i < t->ntables ? t->tables[i].sheet
                                          : tpl_reserved_sheets[i - t->ntables];
        lxw_error xe = workbook_validate_sheet_name(wb, name);
        if (xe == LXW_NO_ERROR && !workbook_add_worksheet(wb, name))
            xe = LXW_ERROR_MEMORY_MALLOC_FAILED;
        if (xe != LXW_NO_ERROR)
            rc = lscb_fail(e, LSCB_EINPUT, "%s: sheet '%s': %s%s", t->path, name,
                           lxw_strerror(xe), i < t->ntables ? "" : " (the workbook's own)");
    }
    lxw_workbook_free(wb);
    return rc;
}

lscb_err report_run(const struct report_opts *opts, struct lscb_error *e)
{
    struct report_template *t = lscb_xcalloc(1, sizeof *t);
    struct inputs *in = lscb_xcalloc(1, sizeof *in);
    lscb_err rc = LSCB_OK;
    char *tpath = template_find(opts->tpl);
    if (!tpath)
        rc = lscb_fail(e, LSCB_EINPUT, "template '%s' not found (looked in $LSCB_TEMPLATE_DIR, "
                       "templates/ and the installed share directory)", opts->tpl);
    if (rc == LSCB_OK)
        rc = template_load(tpath, t, e);
    if (rc == LSCB_OK)
        rc = report_check_sheets(t, e);
    if (rc == LSCB_OK)
        rc = read_tables(opts, t, in, e);
    struct funnels *fs = NULL;
    if (rc == LSCB_OK)
        rc = funnels_read(opts->tables, &fs, e);

    char *tmp = NULL;
    if (rc == LSCB_OK) {
        /* a new, unpredictable name made owner-only with O_EXCL (mkstemp):
         * libxlsxwriter then opens our own file, never a link planted under
         * a name it could guess */
        tmp = text_xfmt("%s.tmpXXXXXX", opts->out);
        int fd = mkstemp(tmp);
        if (fd < 0) {
            rc = lscb_fail(e, LSCB_ESYS, "%s: cannot create: %s", opts->out, strerror(errno));
            free(tmp);
            tmp = NULL;
        } else {
            close(fd);
        }
        lxw_workbook_options wo = {.constant_memory = 0, .tmpdir = NULL};
        lxw_workbook *wb = tmp ? workbook_new_opt(tmp, &wo) : NULL;
        if (!tmp) {
            /* rc says why */
        } else if (!wb) {
            rc = lscb_fail(e, LSCB_ESYS, "%s: cannot create workbook", opts->out);
        } else {
            xlsx_check_reset();
            lxw_doc_properties props = {0};
            char title[300];
            snprintf(title, sizeof title, "%.199s %d-%02d", t->title[0] ? t->title : "Report",
                     opts->year - 1, opts->year % 100);
            props.title = title;
            props.author = "lscb-stats";
            /* a fixed creation time: identical inputs, identical bytes */
            props.created = (time_t)census_year_end(opts->year) * 86400;
            workbook_set_properties(wb, &props);
            struct fmts f;
            make_formats(wb, &f);
            write_contents(wb, t, in, opts->year, &f);
            write_dashboard(wb, in, opts->year, &f);
            for (int i = 0; i < t->ntables; i++) {
                const struct tpl_table *tb = &t->tables[i];
                if (bench_book_left_out(in->bb, tb->id))
                    continue;
                /* rows = years: the LAIT-style indicator sheet (report_bench.c) */
                if (tb->rows == TPL_ROWS_YEARS && bench_sheet_write(wb, in->bb, tb->id, fs, &f))
                    continue;
                write_table(wb, t, tb, &in->tables[i], in, opts->year, &f);
            }
            bench_sheets_extra(wb, in->bb, t, fs, &f);
            write_funnel_sheets(wb, fs, &f);
            write_narrative(wb, in, &f);
            write_quality(wb, &in->q, &f);
            write_validation(wb, &in->q, &f);
            write_definitions(wb, t, in, &f);
            write_sources(wb, in, &f);
            rc = xlsx_check_result(opts->out, e);
            lxw_error xe = workbook_close(wb);
            if (rc == LSCB_OK && xe != LXW_NO_ERROR)
                rc = lscb_fail(e, LSCB_ESYS, "%s: cannot write workbook: %s", opts->out,
                               lxw_strerror(xe));
        }
        lscb_crash_point("report-before-rename");
        if (rc == LSCB_OK && rename(tmp, opts->out) != 0)
            rc = lscb_fail(e, LSCB_ESYS, "%s: cannot rename into place: %s", opts->out,
                           strerror(errno));
        if (rc != LSCB_OK && tmp)
            unlink(tmp);
    }
    if (rc == LSCB_OK && !opts->quiet)
        notes_add(opts->notes, "lscb-report: read %d, wrote %d, rejected 0 (tables in, sheets out)",
                t->ntables, t->ntables + 7);
    free(tmp);
    free(tpath);
    funnels_free(fs);
    inputs_release(in);
    free(in);
    free(t);
    return rc;
}
