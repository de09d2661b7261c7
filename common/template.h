/*
 * template.h — report templates (templates/NAME.ini), read at run time by
 * lscb-stats (which computes each table into tables/ID.csv) and lscb-report
 * (which lays them out).  Changing a band or adding a table needs no
 * recompiling.
 *
 *   [report]
 *   title = Child protection                ; workbook title
 *
 *   [bands:NAME]                            ; a band set for breakdown tables
 *   method = completed_months               ; or dfe_duration, age_years
 *   0 - 3 = 0 3                             ; LABEL = LO HI (inclusive); HI "+" open
 *   unborn = unborn                         ; age_years: children not yet born
 *   0 - 1 = unborn 0 1                      ; ... or unborn and ages 0 to 1 together
 *
 *   [table:ID]                              ; one sheet per table, in file order
 *   sheet = Category of abuse               ; <= 31 characters, unique without
 *                                           ; case, not the workbook's own
 *                                           ; (Contents, Validation...)
 *   title = Children subject to a plan ...  ; heading on the sheet
 *   rows = months                           ; months, quarters, year, ytd, list, breakdown,
 *                                           ;   years (benchmarks over years), comparators
 *   months = Apr Jun Aug Oct Dec Feb Mar    ; rows = list: these month ends in the year
 *   columns = cpp_started, cpp_ended        ; rows are periods: a measure per column,
 *                                           ;   measure:numerator / :denominator
 *   breakdown = category                    ; or: cpp_open by category, duration, age,
 *                                           ;   gender or ethnicity (columns per band
 *                                           ;   when rows are periods, rows per band
 *                                           ;   when rows = breakdown)
 *   bands = lscb2011_duration               ; band set for duration / age
 *   values = both                           ; band cells: count, pct (% of total), both
 *   total = yes                             ; a Total column / row (default yes)
 *   total_row = yes                         ; rows are periods of flows: a Total row,
 *                                           ;   the measures over all the rows' periods
 *   outturns = 3                            ; rows = ytd: the outturns of the 3 census
 *                                           ;   years before, after the months
 *   ni_bands = yes                          ; colour NI64/65/67 by the Key to NI Bands
 *   note = text                             ; a note under the table
 *   labels = Month | New CPP | ...          ; the header row's labels, first column
 *                                           ;   included (default: measure titles)
 *   order = EMO, NEG, PHY, SAB, MUL         ; category / ethnicity / gender label order
 *   transpose = yes                         ; the workbook shows periods as columns
 *   years = 7                               ; rows = years: the census years shown
 *   series = la, sn, england                ; rows = years: la, sn, region, england
 *   year = previous                         ; rows = comparators: current, previous or
 *                                           ;   latest (the latest year to the current
 *                                           ;   whose published tables hold England's
 *                                           ;   figure, named in a last row)
 *   chart = line                            ; a native chart of the table's counts:
 *                                           ;   line, column, stacked, bar, pie, none
 *
 * A line holds at most 199 characters: continue a long value on the next
 * line, indented (the pieces are joined with a space).
 *
 * rows = years and rows = comparators need published tables (--published):
 * the authority, its statistical neighbours' aggregate, its region and
 * England over the years (the report's 4.74), or the configured comparators,
 * the region, England and the authority in one year (its local benchmark
 * table).  Without them their cells are empty.
 *
 * Periods of rows: months = each month; quarters; year; ytd = 1 April to
 * each month end; list = the listed month ends, each row's period running
 * from the day after the previous row's end (the first: its own month).
 * Snapshot measures (cpp_open and its breakdowns, NI67) look at the row's
 * end date.  A mistake stops with the file, the line and what is wrong.
 */
#ifndef LSCB_TEMPLATE_H
#define LSCB_TEMPLATE_H

#include <stdbool.h>

#include "common/bands.h"
#include "common/date.h"
#include "common/lscb.h"

#define TPL_MAX_TABLES 48
#define TPL_MAX_COLUMNS 12
#define TPL_MAX_BANDSETS 8
#define TPL_MAX_ROWS 24

enum tpl_rows { TPL_ROWS_MONTHS, TPL_ROWS_QUARTERS, TPL_ROWS_YEAR, TPL_ROWS_YTD,
                TPL_ROWS_LIST, TPL_ROWS_BREAKDOWN, TPL_ROWS_YEARS, TPL_ROWS_COMPARATORS };
enum tpl_values { TPL_VALUES_COUNT, TPL_VALUES_PCT, TPL_VALUES_BOTH };
enum tpl_part { TPL_VALUE, TPL_NUMERATOR, TPL_DENOMINATOR };
enum tpl_chart { TPL_CHART_NONE, TPL_CHART_LINE, TPL_CHART_COLUMN, TPL_CHART_STACKED,
                 TPL_CHART_BAR, TPL_CHART_PIE };

struct tpl_measure_ref {
    char measure[40];
    enum tpl_part part;
};

struct tpl_table {
    char id[48];
    char sheet[32];
    char title[200];
    char note[400];
    enum tpl_rows rows;
    int months[12];                 /* rows = list: month numbers 1-12 */
    int nmonths;
    struct tpl_measure_ref columns[TPL_MAX_COLUMNS];
    int ncolumns;
    char breakdown[24];             /* "" or a dimension of cpp_open */
    char bands[40];                 /* band set name, "" for the default */
    enum tpl_values values;
    bool total;
    bool total_row;                 /* a Total row over the rows' periods (flows) */
    int outturns;                   /* rows = ytd: previous years' outturns shown */
    bool ni_bands;
    char labels[600];               /* '|'-separated header labels, or "" */
    char order_raw[200];            /* order = as written */
    int order[BANDS_MAX];           /* fixed-label breakdowns: canonical index per column */
    int norder;
    bool transpose;                 /* lay out with rows and columns swapped */
    enum tpl_chart chart;           /* a native chart of the table's counts */
    int years;                      /* rows = years: how many census years */
    char series[4][8];              /* rows = years: la, sn, region, england */
    int nseries;
    bool previous_year;             /* rows = comparators: the year before */
    bool latest_year;               /* rows = comparators: the latest published year */
};

struct report_template {
    char path[512];
    char title[200];
    struct tpl_table tables[TPL_MAX_TABLES];
    int ntables;
    struct band_set bandsets[TPL_MAX_BANDSETS];
    int nbandsets;
};

/* Parses the template at path.  Errors: LSCB_EINPUT "file:line: what",
 * LSCB_ESYS. */
lscb_err template_load(const char *path, struct report_template *t, struct lscb_error *e);

/* The sheets every workbook has besides the template's tables: the one list
 * the template loader checks names against and the report creates them
 * from.  Excel compares sheet names without case, and so do these. */
#define TPL_SHEET_CONTENTS "Contents"
#define TPL_SHEET_DASHBOARD "Dashboard"
#define TPL_SHEET_NARRATIVE "Narrative"
#define TPL_SHEET_QUALITY "Data quality"
#define TPL_SHEET_VALIDATION "Validation"
#define TPL_SHEET_DEFINITIONS "Definitions"
#define TPL_SHEET_SOURCES "Sources"
#define TPL_SHEET_FUNNEL_DATA "Funnel data"
#define TPL_SHEET_FUNNEL_PREFIX "Funnel "   /* "Funnel <measure>": funnel plots */
extern const char *const tpl_reserved_sheets[];   /* NULL-terminated */

/* true if name is one of tpl_reserved_sheets or begins with
 * TPL_SHEET_FUNNEL_PREFIX, ignoring case */
bool tpl_sheet_reserved(const char *name);

/* Finds a template by NAME (templates/NAME.ini, see paths.h) or returns
 * NAME when it is a path ending in .ini.  New string (free()) or NULL. */
char *template_find(const char *name);

/* The band set a breakdown table uses: its named set, else DESIGN's
 * default for the dimension; NULL for dimensions without bands. */
const struct band_set *tpl_bandset(const struct report_template *t, const struct tpl_table *tb);

/* A row of a period table. */
struct tpl_row {
    char label[40];
    lscb_date start, end;
};

/* The rows of a table whose rows are periods, for census year Y; returns
 * how many (0 for rows = breakdown). */
int tpl_period_rows(const struct tpl_table *tb, int year, struct tpl_row rows[TPL_MAX_ROWS]);

/* A column of a computed table (the first is the row label). */
struct tpl_col {
    char label[96];
    bool pct;                       /* a percentage or rate, not a count */
    bool rate;                      /* of those, a rate per 10,000 (not a %) */
    bool stock;                     /* a count at the period's end (children on
                                     * plans), not a count in the period: the two
                                     * never share a chart's axis */
    bool minor;                     /* the report's: a rate charted apart from
                                     * rates many times larger (zero here) */
};
#define TPL_MAX_COLS (2 * BANDS_MAX + 4)

/* The header of a table as stats writes it and the report lays it out.
 * Returns the number of columns, or -1 when labels = gives the wrong
 * number (msg says what). */
int tpl_columns(const struct report_template *t, const struct tpl_table *tb,
                struct tpl_col cols[TPL_MAX_COLS], char *msg, size_t msgcap);

/* The labels of a breakdown's rows or columns: a band set's labels, or the
 * fixed labels of category, gender, ethnicity.  Returns how many. */
int tpl_breakdown_labels(const struct report_template *t, const struct tpl_table *tb,
                         const char *labels[BANDS_MAX]);

/* The canonical index (in bands.h's fixed label lists) of a fixed-label
 * breakdown's k-th column, after order =. */
int tpl_breakdown_canon(const struct tpl_table *tb, int k);

#endif
