/*
 * report_funnel.h — the funnel plot of each benchmark indicator in the
 * workbook (issue 19), from what lscb-stats wrote (stats/funnel_pub.h):
 * TABLES/funnels.csv, the points and limits files it names, and the
 * significance and trend columns of benchmarks.csv.
 *
 * Each funnel is a native scatter chart: every authority a point (x: the
 * denominator, log scale; y: the value), England's value as the centre
 * line, the 95% (dashed) and 99.8% (dotted) control limits as lines, the
 * authority ringed and named, its statistical neighbours marked with a
 * diamond.  Points are coloured by significance against England with the
 * Okabe-Ito colour-blind-safe palette and told apart by shape as well
 * (triangle higher, circle similar, square lower), so the plot reads in
 * greyscale; a key under the chart says so in words.  Beneath it, the
 * authority's comparison with England and its neighbours and the test for
 * trend, year by year, in cells filled the same way.
 *
 * Each funnel is drawn on its indicator's sheet (report_bench.h); the
 * chart's data lives on a hidden "Funnel data" sheet (one block per
 * indicator), written after the indicator sheets.
 */
#ifndef LSCB_REPORT_FUNNEL_H
#define LSCB_REPORT_FUNNEL_H

#include <stdbool.h>
#include <xlsxwriter.h>

#include "common/lscb.h"
#include "output/report_sheet.h"

struct funnels;

/* Reads the funnels in tables (none: an empty set, not an error).
 * Returns a new set; free with funnels_free.  Errors: LSCB_EINPUT naming a
 * malformed file. */
lscb_err funnels_read(const char *tables, struct funnels **out, struct lscb_error *e);
void funnels_free(struct funnels *fs);

/* How many indicators have a funnel. */
int funnels_count(const struct funnels *fs);

/* Whether measure has a funnel with points to draw. */
bool funnel_has(const struct funnels *fs, const char *measure);

/* Where a funnel goes on its host sheet (an indicator sheet). */
struct funnel_place {
    const double *colw;   /* the host's column widths, in characters (borrowed) */
    int ncol;             /* how many columns the host uses */
    int chart_rows;       /* the chart's height in rows of 15 points (at least 12) */
};

/* Adds the funnel of measure to ws from row: a heading, the chart as wide
 * as the host's columns (up to 2.6 times its height), its key in words
 * (shapes and fills, lines, the authority and neighbours, how many
 * authorities were plotted and how many left out and why), and the
 * authority's comparison and trend year by year, in columns laid over the
 * host's.  Returns the next free row (row unchanged when measure has no
 * funnel), the last column used in *lastcol and the rows' height in points
 * in *height.  The funnel is then placed: write_funnel_sheets puts its
 * numbers on the data sheet. */
int funnel_section(lxw_workbook *wb, lxw_worksheet *ws, struct funnels *fs,
                   const char *measure, int row, const struct funnel_place *pl,
                   const struct fmts *f, int *lastcol, double *height);

/* After every indicator sheet: one sheet per funnel not placed on one
 * ("Funnel MEASURE"), then the hidden data sheet with the numbers of every
 * chart drawn (each chart refers to it).  Returns how many sheets of
 * funnels it added. */
int write_funnel_sheets(lxw_workbook *wb, struct funnels *fs, const struct fmts *f);

/* Significance cells for other sheets (the Dashboard): the funnel sheets'
 * fills, made for wb (index 0 not compared, 1 lower, 2 similar, 3 higher),
 * the index of benchmarks.csv's sig_england or sig_sn text, and the cell's
 * words from its sig, level and vs columns ("\u25b2 higher (99.8%), worse"). */
void funnel_sig_formats(lxw_workbook *wb, lxw_format *out[4]);
int funnel_sig_index(const char *sig);
void funnel_sig_words(char *buf, size_t cap, const char *sig, const char *level,
                      const char *vs);

#endif
