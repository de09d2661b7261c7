/*
 * report_sheet.h — what the report's sheet writers share: the inputs read
 * (report.c), formats, the plain sheet and wrapped text helpers (report.c),
 * the table sheets (report_tables.c), and the data quality and validation
 * sheets (report_quality.c).
 */
#ifndef LSCB_REPORT_SHEET_H
#define LSCB_REPORT_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>
#include "common/lscb.h"
#include "common/template.h"
#include "output/xlsx_check.h"   /* every libxlsxwriter call checked */

struct fmts {
    lxw_format *title, *sub, *head, *num, *pct, *note, *small, *label, *right;
    lxw_format *head_r;     /* a header over figures: right-aligned */
    lxw_format *small_wrap; /* a note under a table, wrapped over the page */
    lxw_format *rate;       /* a rate per 10,000: 0.0 */
    lxw_format *date;       /* a month: Apr-23 */
    lxw_format *date_head;  /* a month as a header (transposed tables) */
    lxw_format *tot_label, *tot_num, *tot_pct, *tot_rate;  /* a Total row */
    lxw_format *label_top, *num_top; /* beside wrapped text: at the top of the row, as it */
    lxw_format *title_plain; /* a title that overflows (plain sheets: column A is narrow) */
    lxw_format *sub_wrap;    /* the line under a plain sheet's title, wrapped over its columns */
    lxw_format *band[6];   /* fills for NI bands 1 (worst) to 5 (best) */
    lxw_format *band_pct[6]; /* the same over a percentage */
    lxw_format *band_wrap[6]; /* the same, wrapped (the key's cells: "High 4: 15<17.21") */
};

/* A CSV read whole: rows of fields (report.c). */
struct grid {
    char ***cells;      /* rows of fields */
    size_t *ncell;
    size_t n;
    const char *name;
};

/* csv_read callback appending a row to a struct grid; frees with
 * report_grid_release. */
lscb_err report_on_cell_row(void *ctx, char **f, size_t n, long line, struct lscb_error *e);
void report_grid_release(struct grid *g);
/* The column of g's header row named name, or -1; a cell of row r, column
 * c, "" where the row is short or c is -1 (borrowed). */
int report_grid_col(const struct grid *g, const char *name);
const char *report_grid_cell(const struct grid *g, size_t r, int c);

/* One band of data/ni-bands.csv. */
struct ni_band {
    char indicator[8];
    char measure[40];
    char side[8];           /* Low or High */
    int band;
    double lower, upper;
    bool upper_inclusive;
};

/* A sheet with a title in A1, column A 34 wide and B 100 wide, landscape. */
lxw_worksheet *plain_sheet(lxw_workbook *wb, const char *name, const char *title,
                           const struct fmts *f);

/* Wrapped text in column B with a row height that shows all of it
 * (libxlsxwriter does not fit rows): about 105 characters a line. */
void write_wrapped(lxw_worksheet *ws, int row, const char *text, lxw_format *f);

/* Wrapped text merged across columns 0 to lastcol (about width_chars
 * characters wide), its row tall enough to show it; returns the row's
 * height in points. */
double write_wrapped_across(lxw_worksheet *ws, int row, int lastcol, double width_chars,
                            const char *text, lxw_format *f);

struct reject_count {
    char entity[24], rule[8];
    long n;
};

/* rejects.csv counted by entity and rule; TABLES/validation-summary.csv
 * (lscb-stats: the year's return, from the warehouse) by rule */
struct quality {
    struct reject_count *rejects;
    size_t nrejects;
    bool have_rejects;
    long *vfails;            /* per vrules[] entry */
    bool have_validation;
};

/* Reads either file when present (rejects NULL: not given). */
lscb_err quality_read(struct quality *q, const char *rejects, const char *tables,
                      struct lscb_error *e);
void quality_release(struct quality *q);

void write_quality(lxw_workbook *wb, const struct quality *q, const struct fmts *f);
void write_validation(lxw_workbook *wb, const struct quality *q, const struct fmts *f);

struct bench_book;

struct inputs {
    struct grid tables[TPL_MAX_TABLES];
    struct grid bench_notes;        /* benchmarks-notes.csv, if any */
    struct grid narrative;          /* table, sheet, paragraph */
    struct grid dashboard;          /* dashboard.csv: measure, this_year, last_year */
    struct grid benchmarks;         /* benchmarks.csv, if any */
    struct quality q;               /* rejects and validation failures */
    struct bench_book *bb;          /* benchmark indicator sheets, left-out tables
                                     * (report_bench.h; never NULL once read) */
    char la[8];
    char **src;
    size_t nsrc;
    struct ni_band *bands;
    size_t nbands;
};

/* One sheet per template table: the table (header over figures, real
 * percentages and month dates, a Total row in bold), its charts (counts,
 * rates and percentages each on their own axes, from zero), its note and
 * source, all on one landscape page (report_tables.c). */
void write_table(lxw_workbook *wb, const struct report_template *t,
                 const struct tpl_table *tb, const struct grid *g, const struct inputs *in,
                 int year, const struct fmts *f);

/* Writes the line under a sheet's title into BUF (N bytes): the authority
 * by name where the benchmark tables give it, else by code, and the census
 * year's period.  One wording for every sheet (report.c). */
void report_year_line(const struct inputs *in, int year, char *buf, size_t n);

/* The Dashboard sheet: the headline indicators (report_dashboard.c). */
void write_dashboard(lxw_workbook *wb, const struct inputs *in, int year, const struct fmts *f);

/* Whether an NI band applies: the report's key as read here (NI64: lower is
 * better, so only the High side of its key, whose Low side repeats NI65's). */
bool ni_band_applies(const struct ni_band *b);

#endif
