/* local_csv.c — see local_csv.h. */
#define _POSIX_C_SOURCE 200809L
#include "extract/local_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/records.h"
#include "common/text.h"

static const char *const columns[] = {"la_child_id", "strategy_discussion_date", "outcome"};
#define NCOLS 3

bool strategy_csv_sniff(const char *first_line)
{
    return strstr(first_line, "strategy_discussion_date") != NULL &&
           strstr(first_line, "la_child_id") != NULL;
}

struct sstate {
    const char *name, *la;
    int col[NCOLS];
    size_t ncol;
    bool header;
    record_fn fn;
    void *ctx;
    long records;
};

/* Finds each named column in a header row; returns the first name missing,
 * or NULL when all are there. */
static const char *map_columns(char **f, size_t n, const char *const *names, int ncols,
                               int *col)
{
    for (int c = 0; c < ncols; c++) {
        col[c] = -1;
        for (size_t i = 0; i < n; i++)
            if (!strcmp(f[i], names[c]))
                col[c] = (int)i;
        if (col[c] < 0)
            return names[c];
    }
    return NULL;
}

static lscb_err on_row(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct sstate *st = ctx;
    if (!st->header) {
        st->header = true;
        st->ncol = n;
        const char *missing = map_columns(f, n, columns, NCOLS, st->col);
        if (missing)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: column '%s' is missing from the header "
                             "(a strategy discussion extract needs la_child_id, "
                             "strategy_discussion_date, outcome)", st->name, line, missing);
        return LSCB_OK;
    }
    char linebuf[24], year[8];
    snprintf(linebuf, sizeof linebuf, "%ld", line);
    snprintf(year, sizeof year, "%d", LOCAL_EXTRACT_YEAR);
    const char *row[REC_NCTX + NCOLS] = {st->name, linebuf, st->la, year};
    struct rec_problem p = {.kind = REC_FINE, .field = -1};
    if (n != st->ncol)
        p = (struct rec_problem){.kind = REC_BAD_ROW, .field = -1, .ncols = (long)n,
                                 .want = (long)st->ncol};
    for (int c = 0; c < NCOLS; c++) {
        /* a short or long row: keep the child ID (if there) so the analyst
         * can find it; the row is rejected (T09) */
        char *v = n == st->ncol                      ? f[st->col[c]]
                  : c == 0 && (size_t)st->col[0] < n ? f[st->col[0]]
                                                     : NULL;
        row[REC_NCTX + c] = v ? v : "";
        if (v && strlen(v) >= CIN_FIELD_CAP) {
            v[CIN_FIELD_CAP - 1] = '\0';   /* cut as the XML reader cuts */
            if (p.kind == REC_FINE)
                p = (struct rec_problem){.kind = REC_TOO_LONG, .field = c};
        }
    }
    st->records++;
    return st->fn(st->ctx, ENT_STRATEGY, row, &p, e);
}

lscb_err strategy_csv_read(lscb_read_fn rd, void *rctx, const char *name, const char *la,
                           record_fn fn, void *ctx, long *records, struct lscb_error *e)
{
    *records = 0;
    if (!la || strlen(la) != 3 || strspn(la, "0123456789") != 3)
        return lscb_fail(e, LSCB_EINPUT, "%s:1: a strategy discussion extract names no "
                         "authority: give --la CODE (3 digits)", name);
    struct sstate st = {.name = name, .la = la, .fn = fn, .ctx = ctx};
    lscb_err rc = csv_read(rd, rctx, name, on_row, &st, e);
    if (rc == LSCB_OK && !st.header)
        rc = lscb_fail(e, LSCB_EINPUT, "%s:1: empty file (no header)", name);
    *records = st.records;
    return rc;
}

/* ---- CPR3 ---- */

static const char *const cpr3_columns[] = {"year", "la_code", "item", "value"};

bool cpr3_csv_sniff(const char *first_line)
{
    return strstr(first_line, "la_code") && strstr(first_line, "item") &&
           strstr(first_line, "value") && strstr(first_line, "year") &&
           !strstr(first_line, "measure");
}

#define CPR3_MAX_RETURNS 256

struct c3state {
    const char *name;
    int col[4];
    size_t ncol;
    bool header;
    record_fn fn;
    void *ctx;
    char la[CPR3_MAX_RETURNS][8];
    int year[CPR3_MAX_RETURNS];
    long records[CPR3_MAX_RETURNS];
    int nret;
};

static lscb_err on_cpr3(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct c3state *st = ctx;
    if (!st->header) {
        st->header = true;
        st->ncol = n;
        const char *missing = map_columns(f, n, cpr3_columns, 4, st->col);
        if (missing)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: column '%s' is missing (a CPR3 file "
                             "needs year, la_code, item, value)", st->name, line, missing);
        return LSCB_OK;
    }
    if (n != st->ncol)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: %zu fields, the header has %zu", st->name,
                         line, n, st->ncol);
    const char *la = f[st->col[1]], *ys = f[st->col[0]];
    if (strlen(la) != 3 || strspn(la, "0123456789") != 3)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field la_code: '%s' is not a 3-digit LA code",
                         st->name, line, la);
    int year;
    if (strlen(ys) != 4 || !text_int_range(ys, 1990, 2100, &year))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field year: '%s' is not a year (the year "
                         "ending 31 March)", st->name, line, ys);
    int k = 0;
    while (k < st->nret && (st->year[k] != year || strcmp(st->la[k], la)))
        k++;
    if (k == st->nret) {
        if (st->nret == CPR3_MAX_RETURNS)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: more than %d returns in one file",
                             st->name, line, CPR3_MAX_RETURNS);
        if (text_fmt(st->la[k], sizeof st->la[k], "%s", la))
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: LA '%s' longer than %zu characters",
                             st->name, line, la, sizeof st->la[k] - 1);
        st->year[k] = year;
        st->records[k] = 0;
        st->nret++;
    }
    st->records[k]++;
    char linebuf[24], yb[12];
    snprintf(linebuf, sizeof linebuf, "%ld", line);
    snprintf(yb, sizeof yb, "%d", year);
    const char *row[REC_NCTX + 2] = {st->name, linebuf, la, yb, f[st->col[2]], f[st->col[3]]};
    const struct rec_problem fine = {.kind = REC_FINE, .field = -1};
    return st->fn(st->ctx, ENT_CPR3, row, &fine, e);
}

lscb_err cpr3_csv_read(lscb_read_fn rd, void *rctx, const char *name, record_fn fn,
                       void *ctx, void (*ret)(void *rctx, const char *path, const char *la,
                                              int year, long records),
                       void *retctx, struct lscb_error *e)
{
    struct c3state *st = lscb_xcalloc(1, sizeof *st);
    st->name = name;
    st->fn = fn;
    st->ctx = ctx;
    lscb_err rc = csv_read(rd, rctx, name, on_cpr3, st, e);
    if (rc == LSCB_OK && !st->header)
        rc = lscb_fail(e, LSCB_EINPUT, "%s:1: empty file (no header)", name);
    for (int k = 0; k < st->nret && rc == LSCB_OK; k++)
        ret(retctx, name, st->la[k], st->year[k], st->records[k]);
    free(st);
    return rc;
}
