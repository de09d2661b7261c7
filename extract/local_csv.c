/* local_csv.c — see local_csv.h. */
#define _POSIX_C_SOURCE 200809L
#include "local_csv.h"

#include <stdio.h>
#include <string.h>

#include "records.h"

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
    cin_record_fn fn;
    void *ctx;
    long records;
};

static lscb_err on_row(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct sstate *st = ctx;
    if (!st->header) {
        st->header = true;
        st->ncol = n;
        for (int c = 0; c < NCOLS; c++) {
            st->col[c] = -1;
            for (size_t i = 0; i < n; i++)
                if (!strcmp(f[i], columns[c]))
                    st->col[c] = (int)i;
            if (st->col[c] < 0)
                return lscb_fail(e, LSCB_EINPUT, "%s:%ld: column '%s' is missing from the "
                                 "header (a strategy discussion extract needs la_child_id, "
                                 "strategy_discussion_date, outcome)", st->name, line,
                                 columns[c]);
        }
        return LSCB_OK;
    }
    char linebuf[24], year[8];
    snprintf(linebuf, sizeof linebuf, "%ld", line);
    snprintf(year, sizeof year, "%d", LOCAL_EXTRACT_YEAR);
    const char *row[REC_NCTX + NCOLS] = {st->name, linebuf, st->la, year};
    for (int c = 0; c < NCOLS; c++) {
        /* a short or long row: keep the child ID (if there) so the analyst
         * can find it; the other values mark the row for rejection */
        const char *v = n == st->ncol                  ? f[st->col[c]]
                        : c == 0 && (size_t)st->col[0] < n ? f[st->col[0]]
                                                           : "#BADROW";
        row[REC_NCTX + c] = strlen(v) >= CIN_FIELD_CAP ? "#TOOLONG" : v;
    }
    st->records++;
    return st->fn(st->ctx, ENT_STRATEGY, row, e);
}

lscb_err strategy_csv_read(lscb_read_fn rd, void *rctx, const char *name, const char *la,
                           cin_record_fn fn, void *ctx, long *records, struct lscb_error *e)
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
