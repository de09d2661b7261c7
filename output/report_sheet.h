/*
 * report_sheet.h — what the report's sheet writers share: formats, the
 * plain sheet and wrapped text helpers (report.c), and the data quality and
 * validation sheets (report_quality.c).
 */
#ifndef LSCB_REPORT_SHEET_H
#define LSCB_REPORT_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>
#include "lscb.h"

struct fmts {
    lxw_format *title, *sub, *head, *num, *pct, *note, *small, *label, *right;
    lxw_format *band[6];   /* fills for NI bands 1 (worst) to 5 (best) */
};

/* A sheet with a title in A1, column A 34 wide and B 100 wide, landscape. */
lxw_worksheet *plain_sheet(lxw_workbook *wb, const char *name, const char *title,
                           const struct fmts *f);

/* Wrapped text in column B with a row height that shows all of it
 * (libxlsxwriter does not fit rows): about 105 characters a line. */
void write_wrapped(lxw_worksheet *ws, int row, const char *text, lxw_format *f);

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

#endif
