/*
 * report.h — lscb-report: tables + a template to the annual report workbook.
 *
 * A Contents sheet linking every other, the Dashboard (tables/dashboard.csv),
 * one sheet per template table (title, header row, number formats, column
 * widths, frozen header, landscape fit-to-width, its chart), with published
 * tables the benchmark sheets and their funnel plots (report_bench.h,
 * report_funnel.h), then Narrative, Data quality (rejects.csv counted by
 * rule), Validation, Definitions (each measure's definition) and Sources
 * (the census returns the figures rest on); a run from published tables
 * alone names on Contents the sheets it leaves out.
 * The document's created time is fixed to the census reference date, so the
 * same inputs give byte-identical workbooks.  Written to a temporary file and
 * renamed into place.
 */
#ifndef LSCB_REPORT_H
#define LSCB_REPORT_H

#include <stdbool.h>
#include "common/lscb.h"
#include "common/notes.h"

struct report_opts {
    const char *tables;     /* directory with ID.csv per template table, sources.csv */
    const char *tpl;        /* template name or .ini path */
    int year;
    const char *out;        /* workbook path */
    const char *rejects;    /* rejects.csv for the data quality sheet, or NULL */
    bool quiet;
    struct lscb_notes *notes;  /* gets the reconciliation line (unless quiet)
                                * and warnings, for the main to print; NULL: dropped */
};

lscb_err report_run(const struct report_opts *opts, struct lscb_error *e);

/* Tries every sheet the workbook will have (the template's, then
 * tpl_reserved_sheets) on a scratch workbook: a name libxlsxwriter would
 * refuse (too long, a forbidden character, the same as another without
 * case) is LSCB_EINPUT naming the template and the sheet, instead of a
 * sheet missing from the workbook.  report_run calls it first; the template
 * fuzz target holds that every template that loads passes it. */
struct report_template;
lscb_err report_check_sheets(const struct report_template *t, struct lscb_error *e);

#endif
