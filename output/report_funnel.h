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
 * The chart's data lives on a hidden "Funnel data" sheet (one block per
 * indicator), added the first time a funnel is drawn.
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

/* Adds the funnel of measure (chart, key, significance table) to ws from
 * row, using columns 0 to 9; returns the next free row, or row unchanged
 * when measure has no funnel.  The funnel is then marked as placed. */
int funnel_section(lxw_workbook *wb, lxw_worksheet *ws, struct funnels *fs,
                   const char *measure, int row, const struct fmts *f);

/* One sheet per funnel not yet placed on another sheet ("Funnel - TITLE").
 * Returns how many sheets it added; their names are in names (up to max). */
int write_funnel_sheets(lxw_workbook *wb, struct funnels *fs, const struct fmts *f);

/* Significance cells for other sheets (the Dashboard): the funnel sheets'
 * fills, made for wb (index 0 not compared, 1 lower, 2 similar, 3 higher),
 * the index of benchmarks.csv's sig_england or sig_sn text, and the cell's
 * words from its sig, level and vs columns ("\u25b2 higher (99.8%), worse"). */
void funnel_sig_formats(lxw_workbook *wb, lxw_format *out[4]);
int funnel_sig_index(const char *sig);
void funnel_sig_words(char *buf, size_t cap, const char *sig, const char *level,
                      const char *vs);

/* A workbook of the funnels alone (a contents sheet, then one sheet per
 * funnel), for a run from published tables with no census returns, which
 * writes no report: out is written through an owner-only temporary file
 * renamed into place.  Writes nothing and returns LSCB_OK when tables has no
 * funnels (*written false).  Errors: LSCB_EINPUT, LSCB_ESYS. */
lscb_err funnel_workbook_write(const char *tables, int year, const char *out, bool *written,
                               struct lscb_error *e);

#endif
