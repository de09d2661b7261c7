/* report_funnel.c — see report_funnel.h. */
#define _POSIX_C_SOURCE 200809L
#include "output/report_funnel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>

#include "common/csvio.h"
#include "common/date.h"
#include "common/measure_defs.h"
#include "common/text.h"

#define DATA_SHEET TPL_SHEET_FUNNEL_DATA
#define BENCH_YEARS 5

/* ---- reading (into the report's grids: report_sheet.h) ---- */

static int col(const struct grid *g, const char *name)
{
    return report_grid_col(g, name);
}

static const char *cell(const struct grid *g, size_t r, int c)
{
    return report_grid_cell(g, r, c);
}

enum { SIG_NC, SIG_LOWER, SIG_SIMILAR, SIG_HIGHER };

struct fpoint {
    char name[64];
    char role;           /* 'a' authority, 'n' neighbour, 'o' other */
    int sig;
    bool b998;
    double den, value;
    double lo998, hi998;  /* its 99.8% limits, NAN if not given */
};

struct flimit {
    double x, c, l998, l95, u95, u998;
};

/* the authority's row of benchmarks.csv for one year */
struct brow {
    int year;
    char value[32], england[32], sig_en[16], lvl_en[8], vs_en[8], sig_sn[16], lvl_sn[8],
        vs_sn[8], trend[32], trend_p[32], why[64];
};

/* A block of the data sheet: the points in A:B grouped, each authority
 * once (other authorities higher, similar, lower; the neighbours higher,
 * similar, lower; the authority), and the limits in E:J.  Each group's rows
 * in first / count.  Overlaid series are not used to mark the neighbours:
 * Excel and LibreOffice stack series in different orders. */
struct block {
    int r0;
    int first[7], count[7];
    int lim_first, lim_count;
};

struct funnel {
    char measure[40];
    int year, left_out;
    double england;
    char note[256];
    struct fpoint *pts;
    size_t npts;
    struct flimit *lim;
    size_t nlim;
    struct brow bench[BENCH_YEARS];
    int nbench;
    char la_name[64];     /* the authority's name, plotted or not */
    char la_note[160];    /* why it is left out of the plot, "" when plotted */
    bool placed;          /* drawn on a sheet: its block goes on the data sheet */
    struct block blk;     /* where its chart's numbers go on the data sheet */
};

struct funnels {
    struct funnel *v;
    int n;
    int data_next;        /* the data sheet's next free row (it is written last) */
    lxw_workbook *wb;     /* the workbook the formats below belong to */
    lxw_format *sig[4], *key_text, *key_wrap, *sub_wrap, *bold, *p4, *one_dp, *title;
};

/* Cell (r, c) of g, read from path, into a field of cap bytes: a value
 * longer than the field is an error naming file, line and column, never a
 * cut value on the sheet. */
static lscb_err copy_cell(char *dst, size_t cap, const struct grid *g, size_t r, int c,
                          const char *path, struct lscb_error *e)
{
    if (!text_fmt(dst, cap, "%s", cell(g, r, c)))
        return LSCB_OK;
    return lscb_fail(e, LSCB_EINPUT, "%s:%zu: column %s: '%s' longer than %zu characters",
                     path, r + 1, cell(g, 0, c), cell(g, r, c), cap - 1);
}

static double num(const char *s, bool *ok)
{
    char *end;
    double v = strtod(s, &end);
    *ok = *s && !*end && isfinite(v);
    return v;
}

static lscb_err read_points(const char *tables, const char *file, struct funnel *fu,
                            struct lscb_error *e)
{
    struct grid g = {0};
    char *path = path_join(tables, file);
    lscb_err rc = csv_read_path_text(path, report_on_cell_row, &g, e);
    int c_name = col(&g, "la_name"), c_role = col(&g, "role"), c_den = col(&g, "denominator"),
        c_v = col(&g, "value"), c_sig = col(&g, "significance"), c_b = col(&g, "beyond_998"),
        c_lo = col(&g, "lcl_998"), c_hi = col(&g, "ucl_998"), c_note = col(&g, "note");
    if (rc == LSCB_OK && (c_name < 0 || c_role < 0 || c_den < 0 || c_v < 0 || c_sig < 0))
        rc = lscb_fail(e, LSCB_EINPUT, "%s:1: not a funnel points file (columns missing)", path);
    fu->pts = g.n ? lscb_xmalloc(g.n * sizeof *fu->pts) : NULL;
    for (size_t r = 1; r < g.n && rc == LSCB_OK; r++) {
        bool ok1, ok2;
        double den = num(cell(&g, r, c_den), &ok1), v = num(cell(&g, r, c_v), &ok2);
        if (!strcmp(cell(&g, r, c_role), "authority")) {
            text_fmt_cut(fu->la_name, sizeof fu->la_name, "%s", cell(&g, r, c_name));
            if (!ok1 || !ok2)
                text_fmt_cut(fu->la_note, sizeof fu->la_note, "%s", cell(&g, r, c_note));
        }
        if (!ok1 || !ok2)
            continue; /* left out of the plot: the file's note says why */
        struct fpoint *p = &fu->pts[fu->npts++];
        rc = copy_cell(p->name, sizeof p->name, &g, r, c_name, path, e);
        const char *role = cell(&g, r, c_role), *sig = cell(&g, r, c_sig);
        p->role = !strcmp(role, "authority") ? 'a' : !strcmp(role, "neighbour") ? 'n' : 'o';
        p->sig = !strcmp(sig, "higher") ? SIG_HIGHER : !strcmp(sig, "lower") ? SIG_LOWER
                 : !strcmp(sig, "similar") ? SIG_SIMILAR : SIG_NC;
        p->b998 = !strcmp(cell(&g, r, c_b), "yes");
        p->den = den;
        p->value = v;
        bool ok3;
        p->lo998 = num(cell(&g, r, c_lo), &ok3);
        p->lo998 = ok3 ? p->lo998 : NAN;
        p->hi998 = num(cell(&g, r, c_hi), &ok3);
        p->hi998 = ok3 ? p->hi998 : NAN;
    }
    free(path);
    report_grid_release(&g);
    return rc;
}

static lscb_err read_limits(const char *tables, const char *file, struct funnel *fu,
                            struct lscb_error *e)
{
    struct grid g = {0};
    char *path = path_join(tables, file);
    lscb_err rc = csv_read_path_text(path, report_on_cell_row, &g, e);
    fu->lim = g.n ? lscb_xmalloc(g.n * sizeof *fu->lim) : NULL;
    for (size_t r = 1; r < g.n && rc == LSCB_OK; r++) {
        if (g.ncell[r] != 6) {
            rc = lscb_fail(e, LSCB_EINPUT, "%s:%zu: expected 6 fields", path, r + 1);
            break;
        }
        double v[6];
        bool ok = true, okk;
        for (int k = 0; k < 6; k++) {
            v[k] = num(g.cells[r][k], &okk);
            ok &= okk;
        }
        if (!ok)
            continue; /* a limit GSL could not give: a gap in the line */
        fu->lim[fu->nlim++] = (struct flimit){v[0], v[1], v[2], v[3], v[4], v[5]};
    }
    free(path);
    report_grid_release(&g);
    return rc;
}

/* The authority's significance and trend rows of benchmarks.csv (path). */
static lscb_err read_bench(const struct grid *b, const char *path, struct funnel *fu,
                           struct lscb_error *e)
{
    int c_m = col(b, "measure"), c_y = col(b, "year"), c_v = col(b, "value"),
        c_e = col(b, "england_value"), c_se = col(b, "sig_england"),
        c_le = col(b, "sig_england_level"), c_ve = col(b, "vs_england"),
        c_ss = col(b, "sig_sn"), c_ls = col(b, "sig_sn_level"), c_vs = col(b, "vs_sn"),
        c_t = col(b, "trend"), c_p = col(b, "trend_p"), c_w = col(b, "not_compared");
    if (c_m < 0 || c_y < 0 || c_se < 0)
        return LSCB_OK; /* an older benchmarks.csv: no significance columns */
    for (int y = fu->year - BENCH_YEARS + 1; y <= fu->year; y++)
        for (size_t r = 1; r < b->n; r++) {
            int ry;
            if (strcmp(cell(b, r, c_m), fu->measure) ||
                !text_int_range(cell(b, r, c_y), 1990, 2100, &ry) || ry != y)
                continue;
            struct brow *w = &fu->bench[fu->nbench++];
            w->year = y;
            struct { char *dst; size_t cap; int c; } f[] = {
                {w->value, sizeof w->value, c_v},     {w->england, sizeof w->england, c_e},
                {w->sig_en, sizeof w->sig_en, c_se},  {w->lvl_en, sizeof w->lvl_en, c_le},
                {w->vs_en, sizeof w->vs_en, c_ve},    {w->sig_sn, sizeof w->sig_sn, c_ss},
                {w->lvl_sn, sizeof w->lvl_sn, c_ls},  {w->vs_sn, sizeof w->vs_sn, c_vs},
                {w->trend, sizeof w->trend, c_t},     {w->trend_p, sizeof w->trend_p, c_p},
                {w->why, sizeof w->why, c_w}};
            for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) {
                lscb_err rc = copy_cell(f[k].dst, f[k].cap, b, r, f[k].c, path, e);
                if (rc)
                    return rc;
            }
            break;
        }
    return LSCB_OK;
}

lscb_err funnels_read(const char *tables, struct funnels **out, struct lscb_error *e)
{
    struct funnels *fs = lscb_xcalloc(1, sizeof *fs);
    *out = fs;
    char *ipath = path_join(tables, "funnels.csv");
    struct grid idx = {0}, bench = {0};
    lscb_err rc = access(ipath, R_OK) == 0 ? csv_read_path_text(ipath, report_on_cell_row, &idx, e)
                                           : LSCB_OK;
    char *bpath = path_join(tables, "benchmarks.csv");
    if (rc == LSCB_OK && idx.n > 1 && access(bpath, R_OK) == 0)
        rc = csv_read_path_text(bpath, report_on_cell_row, &bench, e);
    int c_m = col(&idx, "measure"), c_y = col(&idx, "year"), c_o = col(&idx, "left_out"),
        c_e = col(&idx, "england"), c_p = col(&idx, "points_file"),
        c_l = col(&idx, "limits_file"), c_n = col(&idx, "note");
    if (rc == LSCB_OK && idx.n && (c_m < 0 || c_y < 0 || c_p < 0 || c_l < 0 || c_e < 0))
        rc = lscb_fail(e, LSCB_EINPUT, "%s:1: not a funnels index (columns missing)", ipath);
    fs->v = idx.n ? lscb_xcalloc(idx.n, sizeof *fs->v) : NULL;
    for (size_t r = 1; r < idx.n && rc == LSCB_OK; r++) {
        struct funnel *fu = &fs->v[fs->n++];
        rc = copy_cell(fu->measure, sizeof fu->measure, &idx, r, c_m, ipath, e);
        if (rc)
            break;
        long left_out = 0;
        if (!text_int_range(cell(&idx, r, c_y), 1990, 2100, &fu->year) ||
            (c_o >= 0 && !text_long(cell(&idx, r, c_o), &left_out))) {
            rc = lscb_fail(e, LSCB_EINPUT, "%s:%zu: year '%s' or left_out '%s' is not a number",
                           ipath, r + 1, cell(&idx, r, c_y), c_o >= 0 ? cell(&idx, r, c_o) : "");
            break;
        }
        fu->left_out = (int)left_out;
        bool ok;
        fu->england = num(cell(&idx, r, c_e), &ok);
        rc = copy_cell(fu->note, sizeof fu->note, &idx, r, c_n, ipath, e);
        if (rc == LSCB_OK)
            rc = read_points(tables, cell(&idx, r, c_p), fu, e);
        if (rc == LSCB_OK)
            rc = read_limits(tables, cell(&idx, r, c_l), fu, e);
        if (rc == LSCB_OK)
            rc = read_bench(&bench, bpath, fu, e);
    }
    report_grid_release(&idx);
    report_grid_release(&bench);
    free(ipath);
    free(bpath);
    return rc;
}

void funnels_free(struct funnels *fs)
{
    if (!fs)
        return;
    for (int i = 0; i < fs->n; i++) {
        free(fs->v[i].pts);
        free(fs->v[i].lim);
    }
    free(fs->v);
    free(fs);
}

int funnels_count(const struct funnels *fs)
{
    return fs ? fs->n : 0;
}

/* ---- drawing ---- */

/* Okabe-Ito: blue and orange are told apart by every common colour
 * vision deficiency, and (dark, mid, light grey) in greyscale. */
#define C_HIGHER 0x0072B2
#define C_LOWER 0xE69F00
#define C_SIMILAR 0xBDBDBD
#define C_AUTHORITY LXW_COLOR_BLACK /* 0x000000 is "no colour" to libxlsxwriter */

static const char *const sig_label[4] = {"not compared", "\xE2\x96\xA0 lower",
                                         "\xE2\x97\x8F similar", "\xE2\x96\xB2 higher"};

void funnel_sig_formats(lxw_workbook *wb, lxw_format *out[4])
{
    const lxw_color_t fill[4] = {0, C_LOWER, 0xD9D9D9, C_HIGHER};
    for (int k = 0; k < 4; k++) {
        out[k] = workbook_add_format(wb);
        format_set_border(out[k], LXW_BORDER_THIN);
        format_set_border_color(out[k], 0xA6A6A6);
        if (k == SIG_NC) {
            format_set_italic(out[k]);
            format_set_font_color(out[k], 0x595959);
        } else {
            format_set_bg_color(out[k], fill[k]);
            format_set_bold(out[k]);
        }
        if (k == SIG_HIGHER)
            format_set_font_color(out[k], 0xFFFFFF); /* white on the dark blue */
    }
}

int funnel_sig_index(const char *sig)
{
    return !strcmp(sig, "higher") ? SIG_HIGHER : !strcmp(sig, "lower") ? SIG_LOWER
           : !strcmp(sig, "similar") ? SIG_SIMILAR : SIG_NC;
}

void funnel_sig_words(char *buf, size_t cap, const char *sig, const char *level,
                      const char *vs)
{
    int s = funnel_sig_index(sig);
    char lv[16] = "";
    if (level[0] && (s == SIG_HIGHER || s == SIG_LOWER))
        snprintf(lv, sizeof lv, " (%.7s%%)", level);   /* "99.8", from a char[8] */
    text_fmt_cut(buf, cap, "%s%s%s%s", sig_label[s], lv, vs[0] ? ", " : "", vs);
}

static void make_formats(struct funnels *fs, lxw_workbook *wb)
{
    if (fs->wb == wb)
        return;
    fs->wb = wb;
    funnel_sig_formats(wb, fs->sig);
    fs->key_text = workbook_add_format(wb);
    format_set_font_size(fs->key_text, 9);
    fs->key_wrap = workbook_add_format(wb);
    format_set_font_size(fs->key_wrap, 9);
    format_set_text_wrap(fs->key_wrap);
    format_set_align(fs->key_wrap, LXW_ALIGN_VERTICAL_TOP);
    fs->sub_wrap = workbook_add_format(wb);
    format_set_italic(fs->sub_wrap);
    format_set_text_wrap(fs->sub_wrap);
    format_set_align(fs->sub_wrap, LXW_ALIGN_VERTICAL_TOP);
    fs->bold = workbook_add_format(wb);
    format_set_bold(fs->bold);
    fs->p4 = workbook_add_format(wb);
    format_set_num_format(fs->p4, "0.0000");
    /* values as benchmarks.csv gives them (42.7 per 10,000, 12.9 per cent) */
    fs->one_dp = workbook_add_format(wb);
    format_set_num_format(fs->one_dp, "0.0");
    fs->title = workbook_add_format(wb);
    format_set_bold(fs->title);
    format_set_font_size(fs->title, 13);
}

static struct funnel *find(struct funnels *fs, const char *measure)
{
    for (int i = 0; fs && i < fs->n; i++)
        if (!strcmp(fs->v[i].measure, measure))
            return &fs->v[i];
    return NULL;
}

static bool is_rate(const char *m)
{
    const struct measure_def *md = measure_def_find(m);
    return md && md->unit == MU_RATE;
}

/* What x counts, for the axis (the registry's den_title): a new string,
 * free it. */
static char *x_title(const char *m)
{
    if (is_rate(m))
        return text_xfmt("Children aged 0-17 (ONS mid-year estimate; log scale)");
    const struct measure_def *md = measure_def_find(m);
    return text_xfmt("%s (log scale)", md && md->den_title ? md->den_title : "Denominator");
}

/* Whether point p belongs to group g of a block. */
static bool in_group(const struct fpoint *p, int g)
{
    static const int gsig[3] = {SIG_HIGHER, SIG_SIMILAR, SIG_LOWER};
    return g == 6 ? p->role == 'a' : p->sig == gsig[g % 3] && p->role == (g < 3 ? 'o' : 'n');
}

/* Places fu's block on the data sheet, below the blocks placed before. */
static void block_layout(struct funnels *fs, struct funnel *fu)
{
    struct block *b = &fu->blk;
    b->r0 = fs->data_next;
    int r = b->r0 + 2;
    for (int g = 0; g < 7; g++) {
        b->first[g] = r;
        for (size_t i = 0; i < fu->npts; i++)
            r += in_group(&fu->pts[i], g);
        b->count[g] = r - b->first[g];
    }
    b->lim_first = b->r0 + 2;
    b->lim_count = (int)fu->nlim;
    int end = r > b->lim_first + b->lim_count ? r : b->lim_first + b->lim_count;
    fs->data_next = end + 2;
}

/* Writes fu's block where block_layout placed it. */
static void block_write(lxw_worksheet *ds, const struct funnel *fu)
{
    const struct block *b = &fu->blk;
    char head[96];
    snprintf(head, sizeof head, "%.39s %d", fu->measure, fu->year);  /* a char[40] */
    worksheet_write_string(ds, (lxw_row_t)b->r0, 0, head, NULL);
    static const char *const cols[] = {"denominator", "value", "authority", "", "x", "england",
                                       "lcl_998", "lcl_95", "ucl_95", "ucl_998"};
    for (int c = 0; c < 10; c++)
        if (cols[c][0])
            worksheet_write_string(ds, (lxw_row_t)(b->r0 + 1), (lxw_col_t)c, cols[c], NULL);
    for (int g = 0; g < 7; g++) {
        int r = b->first[g];
        for (size_t i = 0; i < fu->npts; i++) {
            const struct fpoint *p = &fu->pts[i];
            if (!in_group(p, g))
                continue;
            worksheet_write_number(ds, (lxw_row_t)r, 0, p->den, NULL);
            worksheet_write_number(ds, (lxw_row_t)r, 1, p->value, NULL);
            worksheet_write_string(ds, (lxw_row_t)r, 2, p->name, NULL);
            r++;
        }
    }
    for (size_t i = 0; i < fu->nlim; i++) {
        const struct flimit *l = &fu->lim[i];
        double v[6] = {l->x, l->c, l->l998, l->l95, l->u95, l->u998};
        for (int k = 0; k < 6; k++)
            worksheet_write_number(ds, (lxw_row_t)(b->lim_first + (int)i), (lxw_col_t)(4 + k),
                                   v[k], NULL);
    }
}

static lxw_chart_series *xy(lxw_chart *ch, int first, int count, int xcol, int ycol)
{
    lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
    chart_series_set_categories(se, DATA_SHEET, (lxw_row_t)first, (lxw_col_t)xcol,
                                (lxw_row_t)(first + count - 1), (lxw_col_t)xcol);
    chart_series_set_values(se, DATA_SHEET, (lxw_row_t)first, (lxw_col_t)ycol,
                            (lxw_row_t)(first + count - 1), (lxw_col_t)ycol);
    return se;
}

static void limit_line(lxw_chart *ch, const struct block *b, int ycol, const char *name,
                       lxw_color_t color, double width, uint8_t dash)
{
    lxw_chart_series *se = xy(ch, b->lim_first, b->lim_count, 4, ycol);
    chart_series_set_name(se, name);
    chart_series_set_marker_type(se, LXW_CHART_MARKER_NONE);
    lxw_chart_line line = {.color = color, .width = (float)width, .dash_type = dash};
    chart_series_set_line(se, &line);
}

static const char *authority_name(const struct funnel *fu)
{
    return fu->la_name[0] ? fu->la_name : NULL;
}

static lxw_chart *make_chart(lxw_workbook *wb, const struct funnel *fu, const struct block *b,
                             const char *title)
{
    lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_SCATTER);
    if (!ch)
        return NULL;
    int16_t hide[8];
    int nh = 0, nseries = 0;
    /* the lines first, under the points; the lower limits share the upper
     * ones' legend entries */
    if (b->lim_count > 1) {
        limit_line(ch, b, 5, "England", LXW_COLOR_BLACK, 1.5, LXW_CHART_LINE_DASH_SOLID);
        limit_line(ch, b, 8, "95% limits", 0x404040, 1.0, LXW_CHART_LINE_DASH_DASH);
        limit_line(ch, b, 7, "95% lower", 0x404040, 1.0, LXW_CHART_LINE_DASH_DASH);
        limit_line(ch, b, 9, "99.8% limits", 0x404040, 1.25, LXW_CHART_LINE_DASH_ROUND_DOT);
        limit_line(ch, b, 6, "99.8% lower", 0x404040, 1.25, LXW_CHART_LINE_DASH_ROUND_DOT);
        hide[nh++] = 2;
        hide[nh++] = 4;
        nseries = 5;
    }
    static const char *const gname[6] = {
        "Higher than England (beyond 95% limit)", "Similar to England",
        "Lower than England (beyond 95% limit)",
        "Statistical neighbours (diamonds)", "", ""};
    const uint8_t gmark[3] = {LXW_CHART_MARKER_TRIANGLE, LXW_CHART_MARKER_CIRCLE,
                              LXW_CHART_MARKER_SQUARE};
    const lxw_color_t gfill[3] = {C_HIGHER, C_SIMILAR, C_LOWER},
                      gline[3] = {0x003F63, 0x404040, 0x7A5400};
    bool neighbour_named = false;
    for (int g = 0; g < 6; g++) {
        if (!b->count[g])
            continue;
        lxw_chart_series *se = xy(ch, b->first[g], b->count[g], 0, 1);
        bool nb = g >= 3;
        if (nb && neighbour_named && nh < 7)
            hide[nh++] = (int16_t)nseries; /* one legend entry for the neighbours */
        chart_series_set_name(se, nb ? gname[3] : gname[g]);
        neighbour_named |= nb;
        chart_series_set_marker_type(se, nb ? LXW_CHART_MARKER_DIAMOND : gmark[g % 3]);
        chart_series_set_marker_size(se, nb ? 10 : 6);
        lxw_chart_fill fill = {.color = gfill[g % 3]};
        lxw_chart_line ml = {.color = nb ? LXW_COLOR_BLACK : gline[g % 3], .width = nb ? 1.5f : 0.75f};
        chart_series_set_marker_fill(se, &fill);
        chart_series_set_marker_line(se, &ml);
        nseries++;
    }
    /* the authority: large, in its own colour, named */
    const char *la = authority_name(fu);
    if (b->count[6] && la) {
        int s = fu->pts[0].sig;
        for (size_t i = 0; i < fu->npts; i++)
            if (fu->pts[i].role == 'a')
                s = fu->pts[i].sig;
        int k = s == SIG_HIGHER ? 0 : s == SIG_LOWER ? 2 : 1;
        lxw_chart_series *se = xy(ch, b->first[6], b->count[6], 0, 1);
        chart_series_set_name(se, la);
        chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_size(se, 13);
        /* black, so it stands out of any cluster; its significance in its
         * label (and its edge, where Excel draws one) */
        lxw_chart_fill fill = {.color = C_AUTHORITY};
        lxw_chart_line ml = {.color = gfill[k] == C_SIMILAR ? 0x7F7F7F : gfill[k], .width = 2.5};
        chart_series_set_marker_fill(se, &fill);
        chart_series_set_marker_line(se, &ml);
        chart_series_set_labels(se);
        chart_series_set_labels_options(se, LXW_TRUE, LXW_FALSE, LXW_FALSE);
        char text[160];
        text_fmt_cut(text, sizeof text, "%s: %s", la, sig_label[s] + (s == SIG_NC ? 0 : 4));
        lxw_chart_data_label lab = {.value = text};
        lxw_chart_data_label *labs[] = {&lab, NULL};
        chart_series_set_labels_custom(se, labs);
        chart_series_set_labels_position(se, LXW_CHART_LABEL_POSITION_RIGHT);
        /* on white, framed: over a cluster of points and the England line
         * the name was unreadable */
        lxw_chart_fill lfill = {.color = LXW_COLOR_WHITE};
        lxw_chart_line lline = {.color = LXW_COLOR_BLACK, .width = 0.75};
        chart_series_set_labels_fill(se, &lfill);
        chart_series_set_labels_line(se, &lline);
        lxw_chart_font lf = {.bold = LXW_TRUE, .size = 9};
        chart_series_set_labels_font(se, &lf);
        nseries++;
    }
    (void)nseries;
    hide[nh] = -1;
    if (nh)
        chart_legend_delete_series(ch, hide);
    chart_title_set_name(ch, title);
    lxw_chart_font tf = {.size = 10, .bold = LXW_TRUE};
    chart_title_set_name_font(ch, &tf);
    char *xt = x_title(fu->measure);
    chart_axis_set_name(ch->x_axis, xt);
    free(xt);
    const struct measure_def *md = measure_def_find(fu->measure);
    chart_axis_set_name(ch->y_axis, md ? md->title : fu->measure);
    lxw_chart_font af = {.size = 9};
    chart_axis_set_name_font(ch->x_axis, &af);
    chart_axis_set_name_font(ch->y_axis, &af);
    chart_axis_set_log_base(ch->x_axis, 10);
    double xmin = INFINITY, xmax = 0;
    for (size_t i = 0; i < fu->npts; i++) {
        xmin = fu->pts[i].den < xmin ? fu->pts[i].den : xmin;
        xmax = fu->pts[i].den > xmax ? fu->pts[i].den : xmax;
    }
    if (fu->nlim) {
        xmin = fu->lim[0].x < xmin ? fu->lim[0].x : xmin;
        xmax = fu->lim[fu->nlim - 1].x > xmax ? fu->lim[fu->nlim - 1].x : xmax;
    }
    if (xmax > 0) {
        chart_axis_set_min(ch->x_axis, pow(10, floor(log10(xmin))));
        chart_axis_set_max(ch->x_axis, pow(10, ceil(log10(xmax))));
    }
    /* y: the points and their own 99.8% limits, so that the funnel's mouth
     * at the smallest denominators does not squash the plot (its lines run
     * off the top and bottom instead) */
    double ylo = INFINITY, yhi = -INFINITY;
    for (size_t i = 0; i < fu->npts; i++) {
        const struct fpoint *p = &fu->pts[i];
        double lo = isnan(p->lo998) ? p->value : fmin(p->value, p->lo998);
        double hi = isnan(p->hi998) ? p->value : fmax(p->value, p->hi998);
        ylo = fmin(ylo, lo);
        yhi = fmax(yhi, hi);
    }
    if (yhi > ylo) {
        double step = pow(10, floor(log10(yhi - ylo)));
        step = (yhi - ylo) / step < 3 ? step / 2 : step;
        double lo = floor(ylo / step) * step, hi = ceil(yhi / step) * step;
        chart_axis_set_min(ch->y_axis, lo < 0 ? 0 : lo);
        chart_axis_set_max(ch->y_axis, is_rate(fu->measure) || hi <= 100 ? hi : 100);
    }
    chart_axis_set_num_format(ch->x_axis, "#,##0");
    chart_axis_set_num_format(ch->y_axis, is_rate(fu->measure) ? "#,##0" : "0");
    lxw_chart_line grid = {.color = 0xE0E0E0, .width = 0.5};
    chart_axis_major_gridlines_set_visible(ch->y_axis, LXW_TRUE);
    chart_axis_major_gridlines_set_line(ch->y_axis, &grid);
    chart_axis_set_crossing_min(ch->y_axis);
    /* beside the plot: under it, its four rows took a third of the chart's
     * height once the page printed larger */
    chart_legend_set_position(ch, LXW_CHART_LEGEND_RIGHT);
    lxw_chart_font lgf = {.size = 8};
    chart_legend_set_font(ch, &lgf);
    return ch;
}

/* Where a section's columns fall on its host sheet: each logical column
 * spans host columns until it is `need` characters wide (columns past the
 * host's take the default width). */
struct spans {
    int c0[9], c1[9];
    int last;             /* the last column used */
    double width;         /* the host's width in characters, at least the spans' */
};

static void spans_make(const struct funnel_place *pl, struct spans *sp)
{
    static const double need[9] = {8, 8, 8, 18, 6, 18, 6, 21, 8};
    int c = 0;
    double used = 0;
    for (int k = 0; k < 9; k++) {
        sp->c0[k] = c;
        double w = 0;
        do {
            w += c < pl->ncol ? pl->colw[c] : 8.43;
            used += c < pl->ncol ? pl->colw[c] : 8.43;
            c++;
        } while (w < need[k] - 0.5);
        sp->c1[k] = c - 1;
    }
    sp->last = c - 1 > pl->ncol - 1 ? c - 1 : pl->ncol - 1;
    double host = 0;
    for (int i = 0; i < pl->ncol; i++)
        host += pl->colw[i];
    sp->width = host > used ? host : used;
}

/* A string in a logical column: merged where it spans more than one. */
static void put_text(lxw_worksheet *ws, const struct spans *sp, int row, int k, const char *text,
                     lxw_format *fmt)
{
    if (sp->c1[k] > sp->c0[k])
        worksheet_merge_range(ws, (lxw_row_t)row, (lxw_col_t)sp->c0[k], (lxw_row_t)row,
                              (lxw_col_t)sp->c1[k], text, fmt);
    else
        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)sp->c0[k], text, fmt);
}

static void put_number(lxw_worksheet *ws, const struct spans *sp, int row, int k, double v,
                       lxw_format *fmt)
{
    if (sp->c1[k] > sp->c0[k])
        worksheet_merge_range(ws, (lxw_row_t)row, (lxw_col_t)sp->c0[k], (lxw_row_t)row,
                              (lxw_col_t)sp->c1[k], "", fmt);
    worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)sp->c0[k], v, fmt);
}

/* The key under the chart, in words: the significance fills and shapes,
 * the lines, the authority and its neighbours, and what was left out of the
 * plot and why.  Returns the next row; adds the rows' heights to *h. */
static int write_key(lxw_worksheet *ws, struct funnels *fs, const struct funnel *fu,
                     const struct spans *sp, int row, double *h)
{
    const char *la = authority_name(fu);
    char buf[600];
    worksheet_write_string(ws, (lxw_row_t)row++, 0, "Key", fs->bold);
    *h += 15;
    const int order[3] = {SIG_HIGHER, SIG_SIMILAR, SIG_LOWER};
    static const char *const what[4] = {
        "", "Significantly lower than England: below the lower 95% control limit (square)",
        "Similar to England: within the 95% limits, or exactly on one (circle)",
        "Significantly higher than England: above the upper 95% control limit (triangle)"};
    struct spans two = *sp;
    two.c1[0] = sp->c1[1]; /* the key's label over the first two columns */
    for (int k = 0; k < 3; k++, row++) {
        put_text(ws, &two, row, 0, sig_label[order[k]], fs->sig[order[k]]);
        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(sp->c1[1] + 1), what[order[k]],
                               fs->key_text);
        *h += 15;
    }
    *h += write_wrapped_across(ws, row++, sp->last, sp->width,
                               "Lines: England's value (solid), 95% control limits (dashed), "
                               "99.8% limits (dotted): exact binomial (percentages) or Poisson "
                               "(rates); x on a log scale.", fs->key_wrap);
    if (fu->la_note[0])
        text_fmt_cut(buf, sizeof buf, "%s is not plotted (%s); diamonds: its statistical "
                     "neighbours, coloured by significance.", la, fu->la_note);
    else
        text_fmt_cut(buf, sizeof buf, "The large black circle, named: %s; diamonds: its "
                     "statistical neighbours, coloured by significance.",
                     la ? la : "the authority");
    *h += write_wrapped_across(ws, row++, sp->last, sp->width, buf, fs->key_wrap);
    text_fmt_cut(buf, sizeof buf, "Plotted: %zu authorities. Left out of the plot: %s. Every "
             "authority's figures, with the reason for each left out: "
             "tables/funnel-%s-%d.csv.", fu->npts,
             fu->note[0] ? fu->note : "none", fu->measure, fu->year);
    *h += write_wrapped_across(ws, row++, sp->last, sp->width, buf, fs->key_wrap);
    return row;
}

/* The authority year by year: value, England, the comparisons and the
 * trend.  Returns the next row; adds the rows' heights to *h. */
static int write_bench_table(lxw_worksheet *ws, struct funnels *fs, const struct funnel *fu,
                             const struct spans *sp, const struct fmts *f, int row, double *h)
{
    if (!fu->nbench)
        return row;
    const char *la = authority_name(fu);
    char buf[200];
    text_fmt_cut(buf, sizeof buf, "%s against England and its statistical neighbours (funnel "
             "limits at its own denominator)", la ? la : "The authority");
    worksheet_write_string(ws, (lxw_row_t)row++, 0, buf, fs->bold);
    static const char *const head[] = {"Year",          "Value",       "England",
                                       "vs England",    "Level",       "vs neighbours",
                                       "Level",         "Trend, last 5 years", "p"};
    for (int c = 0; c < 9; c++)
        put_text(ws, sp, row, c, head[c], f->head);
    row++;
    *h += 30;
    for (int i = 0; i < fu->nbench; i++, row++) {
        const struct brow *w = &fu->bench[i];
        snprintf(buf, sizeof buf, "%d-%02d", w->year - 1, w->year % 100);
        put_text(ws, sp, row, 0, buf, NULL);
        bool ok;
        double v = num(w->value, &ok);
        if (ok)
            put_number(ws, sp, row, 1, v, fs->one_dp);
        v = num(w->england, &ok);
        if (ok)
            put_number(ws, sp, row, 2, v, fs->one_dp);
        const char *sig[2] = {w->sig_en, w->sig_sn}, *vs[2] = {w->vs_en, w->vs_sn},
                   *lvl[2] = {w->lvl_en, w->lvl_sn};
        for (int k = 0; k < 2; k++) {
            int s = funnel_sig_index(sig[k]);
            snprintf(buf, sizeof buf, "%.20s%.2s%.7s", sig_label[s], vs[k][0] ? ", " : "",
                     vs[k]);   /* a label of this file's, a char[8] */
            put_text(ws, sp, row, 3 + 2 * k, buf, fs->sig[s]);
            if (lvl[k][0]) {
                snprintf(buf, sizeof buf, "%.7s%%", lvl[k]);     /* a char[8] */
                put_text(ws, sp, row, 4 + 2 * k, buf, NULL);
            }
        }
        put_text(ws, sp, row, 7, w->trend, NULL);
        v = num(w->trend_p, &ok);
        if (ok && v < 0.0001)
            put_text(ws, sp, row, 8, "<0.0001", f->right);
        else if (ok)
            put_number(ws, sp, row, 8, v, fs->p4);
        *h += 15;
    }
    *h += write_wrapped_across(ws, row++, sp->last, sp->width,
                               "Trend: chi-square test for trend (percentages) or Poisson "
                               "regression (rates) over the last five years; rising or falling "
                               "only where p < 0.05. Better or worse follows the measure's "
                               "polarity.", fs->key_wrap);
    return row;
}

bool funnel_has(const struct funnels *fs, const char *measure)
{
    for (int i = 0; fs && i < fs->n; i++)
        if (!strcmp(fs->v[i].measure, measure))
            return fs->v[i].npts > 0;
    return false;
}

int funnel_section(lxw_workbook *wb, lxw_worksheet *ws, struct funnels *fs,
                   const char *measure, int row, const struct funnel_place *pl,
                   const struct fmts *f, int *lastcol, double *height)
{
    *height = 0;
    struct funnel *fu = find(fs, measure);
    if (!fu || !fu->npts)
        return row;
    make_formats(fs, wb);
    block_layout(fs, fu);
    const struct measure_def *md = measure_def_find(measure);
    char title[200];
    text_fmt_cut(title, sizeof title, "%s, %d-%02d: every authority against England",
             md ? md->title : measure, fu->year - 1, fu->year % 100);
    lxw_chart *ch = make_chart(wb, fu, &fu->blk, title);
    if (!ch)
        return row;
    struct spans sp;
    spans_make(pl, &sp);
    *lastcol = sp.last;
    worksheet_write_string(ws, (lxw_row_t)row++, 0, "Funnel plot: is the difference from "
                           "England more than chance?", fs->title);
    *height += 18;
    *height += write_wrapped_across(ws, row++, sp.last, sp.width,
                                    "Each authority against control limits around England's "
                                    "value that narrow as its denominator grows (the method of "
                                    "England's public health profiles).", fs->sub_wrap);
    /* as wide as the sheet, up to 2.6 times its height: a funnel reads
     * best wide, but not as a strip */
    int rows = pl->chart_rows < 12 ? 12 : pl->chart_rows;
    double hpx = rows * 20.0, wpx = sp.width * 7.0;
    wpx = wpx > 2.6 * hpx ? 2.6 * hpx : wpx;
    lxw_chart_options co = {.x_scale = wpx / 480.0, .y_scale = hpx / 288.0};
    worksheet_insert_chart_opt(ws, (lxw_row_t)row, 0, ch, &co);
    row += rows + 1;
    *height += 15.0 * (rows + 1);
    row = write_key(ws, fs, fu, &sp, row, height);
    row++;
    *height += 15;
    row = write_bench_table(ws, fs, fu, &sp, f, row, height);
    fu->placed = true;
    return row;
}

/* A sheet name: at most 31 characters, none of []:*?/\ */
static void sheet_name(char *out, size_t cap, const char *measure)
{
    /* Excel allows 31 characters in a sheet name: a longer one is cut there,
     * on purpose (the sheet's title gives the measure whole) */
    size_t room = (cap < 32 ? cap : 32) - 1;
    if (text_fmt(out, cap, TPL_SHEET_FUNNEL_PREFIX "%s", measure) || strlen(out) > room)
        out[room] = '\0';
}

int write_funnel_sheets(lxw_workbook *wb, struct funnels *fs, const struct fmts *f)
{
    int added = 0;
    for (int i = 0; fs && i < fs->n; i++) {
        struct funnel *fu = &fs->v[i];
        if (fu->placed || !fu->npts)
            continue;
        char name[32];
        sheet_name(name, sizeof name, fu->measure);
        lxw_worksheet *ws = workbook_add_worksheet(wb, name);
        if (!ws)
            continue;
        worksheet_set_landscape(ws);
        worksheet_set_paper(ws, 9); /* A4 */
        worksheet_fit_to_pages(ws, 1, 1);
        static const double colw[9] = {10, 10, 10, 20, 7, 20, 7, 22, 8};
        for (int c = 0; c < 9; c++)
            worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, colw[c], NULL);
        const struct measure_def *md = measure_def_find(fu->measure);
        char title[200];
        text_fmt_cut(title, sizeof title, "%s, %d-%02d", md ? md->title : fu->measure,
                 fu->year - 1, fu->year % 100);
        make_formats(fs, wb);
        worksheet_write_string(ws, 0, 0, title, fs->title);
        struct funnel_place pl = {colw, 9, 24};
        int last = 8;
        double h;
        int end = funnel_section(wb, ws, fs, fu->measure, 2, &pl, f, &last, &h);
        worksheet_print_area(ws, 0, 0, (lxw_row_t)end, (lxw_col_t)last);
        added++;
    }
    /* the charts' numbers, last: one block per funnel drawn */
    bool any = false;
    for (int i = 0; fs && i < fs->n; i++)
        any |= fs->v[i].placed;
    lxw_worksheet *ds = any ? workbook_add_worksheet(wb, DATA_SHEET) : NULL;
    if (ds) {
        worksheet_hide(ds);
        for (int i = 0; i < fs->n; i++)
            if (fs->v[i].placed)
                block_write(ds, &fs->v[i]);
    }
    return added;
}
