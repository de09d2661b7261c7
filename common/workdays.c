/* workdays.c — see workdays.h.  A cumulative count per day makes every
 * query two array reads. */
#define _POSIX_C_SOURCE 200809L
#include "workdays.h"

#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "paths.h"

#define MAXH 2048

struct hload {
    lscb_date h[MAXH];
    int n;
    bool header;
    const char *path;
};

static lscb_err on_row(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct hload *hl = ctx;
    if (!hl->header) {
        hl->header = true;
        if (n < 1 || strcmp(f[0], "date"))
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: expected a header 'date,name'", hl->path,
                             line);
        return LSCB_OK;
    }
    lscb_date d;
    if (n < 1 || !date_parse_iso(f[0], &d))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field date: '%s' is not a YYYY-MM-DD date",
                         hl->path, line, n ? f[0] : "");
    if (hl->n == MAXH)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: more than %d holidays", hl->path, line, MAXH);
    hl->h[hl->n++] = d;
    return LSCB_OK;
}

static int cmp_date(const void *a, const void *b)
{
    lscb_date x = *(const lscb_date *)a, y = *(const lscb_date *)b;
    return (x > y) - (x < y);
}

lscb_err wd_load(const char *path, struct wd_calendar *c, struct lscb_error *e)
{
    memset(c, 0, sizeof *c);
    struct hload *hl = calloc(1, sizeof *hl);
    if (!hl)
        return lscb_fail(e, LSCB_ESYS, "out of memory");
    hl->path = path;
    lscb_err rc = csv_read_path(path, on_row, hl, e);
    if (rc == LSCB_OK && hl->n == 0)
        rc = lscb_fail(e, LSCB_EINPUT, "%s: no holidays listed", path);
    if (rc != LSCB_OK) {
        free(hl);
        return rc;
    }
    qsort(hl->h, (size_t)hl->n, sizeof hl->h[0], cmp_date);
    int y0, y1, m, d;
    date_to_ymd(hl->h[0], &y0, &m, &d);
    date_to_ymd(hl->h[hl->n - 1], &y1, &m, &d);
    c->first = date_from_ymd(y0, 1, 1);
    c->last = date_from_ymd(y1, 12, 31);
    size_t days = (size_t)(c->last - c->first + 1);
    c->cum = lscb_xmalloc(days * sizeof *c->cum);
    int k = 0, total = 0;
    for (size_t i = 0; i < days; i++) {
        lscb_date t = c->first + (lscb_date)i;
        bool hol = false;
        while (k < hl->n && hl->h[k] < t)
            k++;
        if (k < hl->n && hl->h[k] == t)
            hol = true;
        if (date_weekday(t) < 5 && !hol)
            total++;
        c->cum[i] = total;
    }
    free(hl);
    return LSCB_OK;
}

lscb_err wd_load_default(struct wd_calendar *c, struct lscb_error *e)
{
    char *p = lscb_find_file("LSCB_DATA_DIR", "data", "bank-holidays-england-wales.csv");
    if (!p)
        return lscb_fail(e, LSCB_ESYS, "bank-holidays-england-wales.csv not found (set "
                         "LSCB_DATA_DIR, or install the data directory)");
    lscb_err rc = wd_load(p, c, e);
    free(p);
    return rc;
}

void wd_release(struct wd_calendar *c)
{
    free(c->cum);
    memset(c, 0, sizeof *c);
}

int wd_between(const struct wd_calendar *c, lscb_date a, lscb_date b)
{
    if (!c->cum || a < c->first || a > c->last || b < c->first || b > c->last)
        return -1;
    if (b <= a)
        return 0;
    return c->cum[b - c->first] - c->cum[a - c->first];
}

bool wd_is_working(const struct wd_calendar *c, lscb_date d)
{
    if (!c->cum || d < c->first || d > c->last)
        return false;
    int prev = d == c->first ? 0 : c->cum[d - c->first - 1];
    return c->cum[d - c->first] > prev;
}
