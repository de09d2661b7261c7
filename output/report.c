/* report.c — see report.h. */
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
#include "measures.h"
#include "template.h"

struct mrow {
    char *measure, *start, *end, *breakdown, *value;
};

struct mtable {
    struct mrow *v;
    size_t n, cap;
    char la[8];
    bool header;
    /* sources.csv */
    char **src;
    size_t nsrc;
};

static lscb_err on_measure(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct mtable *t = ctx;
    if (!t->header) {
        t->header = true;
        if (n != 8 || strcmp(f[0], "measure"))
            return lscb_fail(e, LSCB_EINPUT, "measures.csv:%ld: not a measures file", line);
        return LSCB_OK;
    }
    if (n != 8)
        return lscb_fail(e, LSCB_EINPUT, "measures.csv:%ld: expected 8 columns, found %zu", line,
                         n);
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 512;
        t->v = lscb_xrealloc(t->v, t->cap * sizeof *t->v);
    }
    struct mrow *r = &t->v[t->n++];
    r->measure = lscb_xstrdup(f[0]);
    r->start = lscb_xstrdup(f[2]);
    r->end = lscb_xstrdup(f[3]);
    r->breakdown = lscb_xstrdup(f[4]);
    r->value = lscb_xstrdup(f[5]);
    snprintf(t->la, sizeof t->la, "%s", f[1]);
    return LSCB_OK;
}

static lscb_err on_source(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)line;
    (void)e;
    struct mtable *t = ctx;
    if (n != 4 || !strcmp(f[0], "la_code"))
        return LSCB_OK;
    char buf[700];
    int y = atoi(f[1]);
    snprintf(buf, sizeof buf, "Children in need census return for LA %s, %d-%02d (reference "
             "date 31 March %d): %s, %s records", f[0], y - 1, y % 100, y, f[2], f[3]);
    t->src = lscb_xrealloc(t->src, (t->nsrc + 1) * sizeof *t->src);
    t->src[t->nsrc++] = lscb_xstrdup(buf);
    return LSCB_OK;
}

static void mtable_release(struct mtable *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].measure);
        free(t->v[i].start);
        free(t->v[i].end);
        free(t->v[i].breakdown);
        free(t->v[i].value);
    }
    free(t->v);
    for (size_t i = 0; i < t->nsrc; i++)
        free(t->src[i]);
    free(t->src);
}

static const struct mrow *find(const struct mtable *t, const char *measure, const char *start,
                               const char *end, const char *breakdown)
{
    for (size_t i = 0; i < t->n; i++) {
        const struct mrow *r = &t->v[i];
        if (!strcmp(r->measure, measure) && !strcmp(r->start, start) && !strcmp(r->end, end) &&
            !strcmp(r->breakdown, breakdown))
            return r;
    }
    return NULL;
}

struct fmts {
    lxw_format *title, *sub, *head, *num, *pct, *bold_num, *bold, *note, *small;
};

static void write_value(lxw_worksheet *ws, int row, int col, const struct mrow *r,
                        lxw_format *f)
{
    if (!r || !r->value[0]) {
        worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f);
        return;
    }
    worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, strtod(r->value, NULL), f);
}

static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static void period_label(char *buf, size_t cap, enum tpl_period p, lscb_date s, lscb_date e)
{
    int y, m, d, y2, m2, d2;
    date_to_ymd(s, &y, &m, &d);
    date_to_ymd(e, &y2, &m2, &d2);
    if (p == TPL_MONTH)
        snprintf(buf, cap, "%s %d", month_names[m - 1], y);
    else if (p == TPL_QUARTER)
        snprintf(buf, cap, "%s-%s %d", month_names[m - 1], month_names[m2 - 1], y2);
    else
        snprintf(buf, cap, "%d-%02d", y, y2 % 100);
}

static void write_table(lxw_workbook *wb, const struct tpl_table *tb, const struct mtable *mt,
                        int year, const struct fmts *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, tb->sheet);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_paper(ws, 9);
    worksheet_write_string(ws, 0, 0, tb->title, f->title);
    char sub[160], ys[11], ye[11];
    lscb_date s = census_year_start(year), e = census_year_end(year);
    date_format_iso(s, ys);
    date_format_iso(e, ye);
    snprintf(sub, sizeof sub, "Local authority %s, 1 April %d to 31 March %d", mt->la, year - 1,
             year);
    worksheet_write_string(ws, 1, 0, sub, f->sub);
    int hr = 3, row = 4;
    worksheet_freeze_panes(ws, (lxw_row_t)(hr + 1), 0);
    worksheet_set_row(ws, (lxw_row_t)hr, 45, NULL);
    worksheet_set_column(ws, 0, 0, 26, NULL);
    worksheet_set_column(ws, 1, (lxw_col_t)(tb->nmeasures + 1), 18, NULL);
    if (tb->breakdown[0]) {
        char head[40];
        snprintf(head, sizeof head, "%c%s", tb->breakdown[0] - 32, tb->breakdown + 1);
        worksheet_write_string(ws, (lxw_row_t)hr, 0, head, f->head);
        for (int m = 0; m < tb->nmeasures; m++)
            worksheet_write_string(ws, (lxw_row_t)hr, (lxw_col_t)(1 + m),
                                   measure_def_find(tb->measures[m])->title, f->head);
        if (tb->share)
            worksheet_write_string(ws, (lxw_row_t)hr, (lxw_col_t)(1 + tb->nmeasures),
                                   "% of total", f->head);
        char prefix[40];
        snprintf(prefix, sizeof prefix, "%s=", tb->breakdown);
        const struct mrow *total = find(mt, tb->measures[0], ys, ye, "");
        double tv = total && total->value[0] ? strtod(total->value, NULL) : 0;
        for (size_t i = 0; i < mt->n; i++) {
            const struct mrow *r = &mt->v[i];
            if (strcmp(r->measure, tb->measures[0]) || strcmp(r->start, ys) ||
                strcmp(r->end, ye) || strncmp(r->breakdown, prefix, strlen(prefix)))
                continue;
            worksheet_write_string(ws, (lxw_row_t)row, 0, r->breakdown + strlen(prefix), NULL);
            for (int m = 0; m < tb->nmeasures; m++)
                write_value(ws, row, 1 + m, find(mt, tb->measures[m], ys, ye, r->breakdown),
                            f->num);
            if (tb->share) {
                if (tv > 0 && r->value[0])
                    worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(1 + tb->nmeasures),
                                           strtod(r->value, NULL) / tv, f->pct);
                else
                    worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)(1 + tb->nmeasures),
                                          f->pct);
            }
            row++;
        }
        worksheet_write_string(ws, (lxw_row_t)row, 0, "Total", f->bold);
        for (int m = 0; m < tb->nmeasures; m++)
            write_value(ws, row, 1 + m, find(mt, tb->measures[m], ys, ye, ""), f->bold_num);
        row++;
    } else {
        worksheet_write_string(ws, (lxw_row_t)hr, 0, "Period", f->head);
        for (int m = 0; m < tb->nmeasures; m++)
            worksheet_write_string(ws, (lxw_row_t)hr, (lxw_col_t)(1 + m),
                                   measure_def_find(tb->measures[m])->title, f->head);
        int step = tb->period == TPL_MONTH ? 1 : tb->period == TPL_QUARTER ? 3 : 12;
        for (int k = 0; k < 12; k += step) {
            lscb_date ps = date_add_months(s, k), pe = date_add_months(s, k + step) - 1;
            char a[11], b[11], label[40];
            date_format_iso(ps, a);
            date_format_iso(pe, b);
            period_label(label, sizeof label, tb->period, ps, pe);
            worksheet_write_string(ws, (lxw_row_t)row, 0, label, NULL);
            for (int m = 0; m < tb->nmeasures; m++)
                write_value(ws, row, 1 + m, find(mt, tb->measures[m], a, b, ""), f->num);
            row++;
        }
    }
    row++;
    /* notes run on to the right (not wrapped in the narrow first column) */
    if (tb->note[0])
        worksheet_write_string(ws, (lxw_row_t)row++, 0, tb->note, f->small);
    worksheet_write_string(ws, (lxw_row_t)row, 0,
                           "Source: children in need census returns; definitions on the Notes "
                           "sheet.", f->small);
}

/* Writes wrapped text in column B with a row height that shows all of it
 * (libxlsxwriter does not fit rows to wrapped text): about 105 characters
 * a line at width 100 and 9 points. */
static void write_wrapped(lxw_worksheet *ws, int row, const char *text, lxw_format *f)
{
    size_t lines = strlen(text) / 105 + 1;
    worksheet_set_row(ws, (lxw_row_t)row, 12.0 * (double)lines + 2, NULL);
    worksheet_write_string(ws, (lxw_row_t)row, 1, text, f);
}

static void write_notes(lxw_workbook *wb, const struct report_template *t,
                        const struct mtable *mt, const struct fmts *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Notes");
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_paper(ws, 9);
    worksheet_set_column(ws, 0, 0, 24, NULL);
    worksheet_set_column(ws, 1, 1, 100, f->note);
    worksheet_write_string(ws, 0, 0, "Definitions and sources", f->title);
    worksheet_write_string(ws, 2, 0, "Measure", f->head);
    worksheet_write_string(ws, 2, 1, "Definition", f->head);
    int row = 3;
    for (size_t i = 0; i < measure_defs_count; i++) {
        bool used = false;
        for (int k = 0; k < t->ntables; k++)
            for (int m = 0; m < t->tables[k].nmeasures; m++)
                used |= !strcmp(t->tables[k].measures[m], measure_defs[i].name);
        if (!used)
            continue;
        worksheet_write_string(ws, (lxw_row_t)row, 0, measure_defs[i].name, f->note);
        write_wrapped(ws, row, measure_defs[i].definition, f->note);
        row++;
    }
    row++;
    worksheet_write_string(ws, (lxw_row_t)row++, 0, "Data sources", f->head);
    for (size_t i = 0; i < mt->nsrc; i++)
        write_wrapped(ws, row++, mt->src[i], f->note);
    row++;
    worksheet_write_string(ws, (lxw_row_t)row++, 0, "Conventions", f->head);
    write_wrapped(ws, row++,
                  "Year Y runs from 1 April Y-1 to 31 March Y. A plan or episode returned in "
                  "several census years is counted once, as the latest census returned it. "
                  "Working days are Monday to Friday less England and Wales bank holidays. "
                  "Percentages and rates are rounded half up to one decimal place from "
                  "unrounded counts. Records rejected by the checks are listed, with the "
                  "reason, in rejects.csv beside this workbook.", f->note);
}

lscb_err report_run(const struct report_opts *opts, struct lscb_error *e)
{
    struct report_template *t = calloc(1, sizeof *t);
    struct mtable mt = {0};
    if (!t)
        return lscb_fail(e, LSCB_ESYS, "out of memory");
    lscb_err rc = LSCB_OK;
    char *tpath = template_find(opts->tpl);
    if (!tpath)
        rc = lscb_fail(e, LSCB_EINPUT, "template '%s' not found (looked in $LSCB_TEMPLATE_DIR, "
                       "templates/ and the installed share directory)", opts->tpl);
    if (rc == LSCB_OK)
        rc = template_load(tpath, t, e);
    char *mpath = path_join(opts->tables, "measures.csv");
    char *spath = path_join(opts->tables, "sources.csv");
    if (rc == LSCB_OK)
        rc = csv_read_path(mpath, on_measure, &mt, e);
    if (rc == LSCB_OK && access(spath, R_OK) == 0)
        rc = csv_read_path(spath, on_source, &mt, e);
    if (rc == LSCB_OK && mt.n == 0)
        rc = lscb_fail(e, LSCB_EINPUT, "%s: no measures to report", mpath);

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
            props.created = (time_t)census_year_end(opts->year) * 86400;
            workbook_set_properties(wb, &props);
            struct fmts f;
            f.title = workbook_add_format(wb);
            format_set_bold(f.title);
            format_set_font_size(f.title, 13);
            f.sub = workbook_add_format(wb);
            format_set_italic(f.sub);
            f.head = workbook_add_format(wb);
            format_set_bold(f.head);
            format_set_text_wrap(f.head);
            format_set_bottom(f.head, LXW_BORDER_THIN);
            format_set_bg_color(f.head, 0xDCE6F1);
            f.num = workbook_add_format(wb);
            format_set_num_format(f.num, "#,##0");
            f.pct = workbook_add_format(wb);
            format_set_num_format(f.pct, "0.0%");
            f.bold_num = workbook_add_format(wb);
            format_set_num_format(f.bold_num, "#,##0");
            format_set_bold(f.bold_num);
            format_set_top(f.bold_num, LXW_BORDER_THIN);
            f.bold = workbook_add_format(wb);
            format_set_bold(f.bold);
            format_set_top(f.bold, LXW_BORDER_THIN);
            f.note = workbook_add_format(wb);
            format_set_text_wrap(f.note);
            format_set_font_size(f.note, 9);
            format_set_align(f.note, LXW_ALIGN_VERTICAL_TOP);
            f.small = workbook_add_format(wb);
            format_set_font_size(f.small, 9);
            for (int i = 0; i < t->ntables; i++)
                write_table(wb, &t->tables[i], &mt, opts->year, &f);
            write_notes(wb, t, &mt, &f);
            lxw_error xe = workbook_close(wb);
            if (xe != LXW_NO_ERROR)
                rc = lscb_fail(e, LSCB_ESYS, "%s: cannot write workbook: %s", opts->out,
                               lxw_strerror(xe));
        }
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
        fprintf(stderr, "lscb-report: read %zu, wrote %d, rejected 0 (measure rows in, tables "
                "out)\n", mt.n, t->ntables);
    free(tmp);
    free(mpath);
    free(spath);
    free(tpath);
    mtable_release(&mt);
    free(t);
    return rc;
}
