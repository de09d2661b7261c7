/*
 * report_bench.h — the workbook's benchmark indicator sheets (LAIT-style),
 * from lscb-stats' TABLES/bench-index.csv and TABLES/bench-ID.csv (see
 * stats/bench_sheets.h), and TABLES/left-out.csv (template tables a run
 * from published tables alone cannot fill).
 *
 * Each indicator sheet prints on landscape A4: the title; the authority, region and years; a table by
 * year of the authority, each statistical neighbour by name, the
 * neighbours' mean or median, the region, England, the authority's rank of
 * N, its quartile band coloured A (best) to D by the measure's polarity,
 * its 95% interval and trend; a line chart of the authority, the
 * neighbours' aggregate, the region and England (for a count, whose region
 * and England are totals, the first two only); the note, the source
 * (the releases used) and the period (the years spanned), on one page;
 * then, for a rate or percentage with a funnel plot (report_funnel.h), the
 * funnel, its key and the authority's significance year by year on a
 * second page (a manual page break, one print scale for both).  A sheet
 * with no funnel says why on its one page (a count: the sheet of its rate).
 */
#ifndef LSCB_REPORT_BENCH_H
#define LSCB_REPORT_BENCH_H

#include <stdbool.h>
#include <xlsxwriter.h>

#include "common/lscb.h"
#include "output/report_sheet.h"
#include "common/template.h"

struct bench_entry;
struct funnels;

struct bench_book {
    struct bench_entry *v;
    size_t n;
    char **left_out;          /* template table ids left out, with their sheets */
    char **left_out_sheet;
    size_t nleft_out;
    char la_name[96];         /* the authority's name, "" if unknown */
    char **tlines;            /* bench-tables.csv: id, source, period per table */
    size_t ntlines;
};

/* Reads TABLES/bench-index.csv, each bench-ID.csv it lists, and
 * left-out.csv, when present (none present: an empty book).  Errors:
 * LSCB_EINPUT naming the file and line; LSCB_ESYS. */
lscb_err bench_book_read(const char *tables, struct bench_book *bb, struct lscb_error *e);
void bench_book_release(struct bench_book *bb);

/* The source and period lines of a comparator table (bench-tables.csv):
 * which 0 source, 1 period; NULL when not known.  Borrowed. */
const char *bench_table_line(const struct bench_book *bb, const char *id, int which);

/* Whether a template table was left out (no child-level data). */
bool bench_book_left_out(const struct bench_book *bb, const char *id);

/* Writes the indicator sheet of entry `id` (a template table's id, or
 * b_MEASURE), named as the index says.  Returns false, writing nothing,
 * when the book has no such entry. */
bool bench_sheet_write(lxw_workbook *wb, const struct bench_book *bb, const char *id,
                       struct funnels *fs, const struct fmts *f);

/* The entries no template table names, in index order: their sheet
 * names and titles (borrowed), at most max; returns how many. */
size_t bench_book_extra(const struct bench_book *bb, const struct report_template *t,
                        const char **sheets, const char **titles, size_t max);

/* Writes the sheets of bench_book_extra(), in order. */
void bench_sheets_extra(lxw_workbook *wb, const struct bench_book *bb,
                        const struct report_template *t, struct funnels *fs,
                        const struct fmts *f);

#endif
