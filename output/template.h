/*
 * template.h — report templates (templates/NAME.ini), read at run time.
 *
 *   [report]
 *   title = Child protection                 ; workbook title
 *   [table:ID]                               ; one sheet per table, in file order
 *   sheet = CP plans by category             ; sheet name, <= 31 characters, unique
 *   title = Children subject to a plan ...   ; heading on the sheet
 *   measures = cpp_open                      ; comma-separated measure names
 *   breakdown = category                     ; rows are this dimension's labels (year end)
 *   period = month                           ; or rows are periods: year, quarter, month
 *   share = yes                              ; add a "% of total" column (breakdowns)
 *   note = text                              ; a note under the table
 *
 * A table has either a breakdown or a period other than year.  A mistake
 * stops with the file, the line and what is wrong.
 */
#ifndef LSCB_TEMPLATE_H
#define LSCB_TEMPLATE_H

#include <stdbool.h>
#include "lscb.h"

#define TPL_MAX_TABLES 48
#define TPL_MAX_MEASURES 8

enum tpl_period { TPL_YEAR, TPL_QUARTER, TPL_MONTH };

struct tpl_table {
    char id[48];
    char sheet[32];
    char title[200];
    char measures[TPL_MAX_MEASURES][40];
    int nmeasures;
    char breakdown[24];
    enum tpl_period period;
    bool share;
    char note[400];
};

struct report_template {
    char title[200];
    struct tpl_table tables[TPL_MAX_TABLES];
    int ntables;
};

/* Parses the template file at path into t.  Errors: LSCB_EINPUT (file:line:
 * what), LSCB_ESYS. */
lscb_err template_load(const char *path, struct report_template *t, struct lscb_error *e);

/* Finds the file for a template NAME (or returns NAME itself when it is a
 * path ending in .ini): $LSCB_TEMPLATE_DIR, then templates/ beside the
 * binary's directory (build tree), then PREFIX/share/lscb-stats/templates.
 * Returns a new string (free with free()) or NULL. */
char *template_find(const char *name);

#endif
