/* workdays.c — see workdays.h.  The weekday holidays of every year are
 * computed once into one ascending array (about 64,000 dates); a count of
 * working days is the weekdays between two dates, by arithmetic, less the
 * holidays between them, by two binary searches. */
#define _POSIX_C_SOURCE 200809L
#include "common/workdays.h"

#include <stdlib.h>
#include <string.h>

#include "common/csvio.h"
#include "common/paths.h"

#define PER_YEAR 8   /* the standing rules give eight holidays a year */

lscb_date wd_easter(int y)
{
    /* the anonymous Gregorian algorithm (Meeus/Jones/Butcher) */
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return date_from_ymd(y, month, day);
}

/* the first Monday on or after t */
static lscb_date monday_from(lscb_date t)
{
    return t + (7 - date_weekday(t)) % 7;
}

static bool weekend(lscb_date t)
{
    return date_weekday(t) >= 5;
}

static bool taken(const lscb_date *v, size_t n, lscb_date t)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == t)
            return true;
    return false;
}

/* Days fixed by date (New Year; Christmas and Boxing Day) that fall on a
 * weekend move to the next weekday not already a holiday: Christmas on a
 * Saturday gives Monday 27 and Tuesday 28, on a Sunday Monday 26 (Boxing
 * Day) and Tuesday 27. */
static size_t add_fixed(lscb_date *v, size_t n, const lscb_date *days, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (!weekend(days[i]))
            v[n++] = days[i];
    for (size_t i = 0; i < k; i++) {
        if (!weekend(days[i]))
            continue;
        lscb_date t = days[i] + 1;
        while (weekend(t) || taken(v, n, t))
            t++;
        v[n++] = t;
    }
    return n;
}

static int cmp_date(const void *a, const void *b)
{
    lscb_date x = *(const lscb_date *)a, y = *(const lscb_date *)b;
    return (x > y) - (x < y);
}

/* The year's holidays by the standing rules, unsorted; returns the count. */
static size_t rule_holidays(int y, lscb_date *v)
{
    size_t n = 0;
    lscb_date ny = date_from_ymd(y, 1, 1);
    n = add_fixed(v, n, &ny, 1);
    lscb_date easter = wd_easter(y);
    v[n++] = easter - 2;                                  /* Good Friday */
    v[n++] = easter + 1;                                  /* Easter Monday */
    v[n++] = monday_from(date_from_ymd(y, 5, 1));        /* early May */
    v[n++] = monday_from(date_from_ymd(y, 5, 25));       /* spring: last Monday of May */
    v[n++] = monday_from(date_from_ymd(y, 8, 25));       /* summer: last Monday of August */
    lscb_date xmas[2] = {date_from_ymd(y, 12, 25), date_from_ymd(y, 12, 26)};
    return add_fixed(v, n, xmas, 2);
}

struct cload {
    struct wd_calendar *c;
    size_t cap;
    bool header;
    const char *path;
};

static long find(const struct wd_calendar *c, lscb_date t)
{
    size_t lo = 0, hi = c->nhol;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->hol[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->nhol && c->hol[lo] == t ? (long)lo : -1;
}

/* holidays <= t */
static size_t upto(const struct wd_calendar *c, lscb_date t)
{
    size_t lo = 0, hi = c->nhol;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->hol[mid] <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static lscb_err on_change(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct cload *cl = ctx;
    struct wd_calendar *c = cl->c;
    if (!cl->header) {
        cl->header = true;
        if (n < 2 || strcmp(f[0], "date") || strcmp(f[1], "change"))
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: expected a header 'date,change,name'",
                             cl->path, line);
        return LSCB_OK;
    }
    lscb_date d;
    if (n < 2 || !date_parse_iso(f[0], &d))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field date: '%s' is not a YYYY-MM-DD date",
                         cl->path, line, n ? f[0] : "");
    if (!wd_covers(c, d))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field date: %s is outside the calendar's "
                         "years (%d-%d)", cl->path, line, f[0], WD_FIRST_YEAR, WD_LAST_YEAR);
    long at = find(c, d);
    if (!strcmp(f[1], "remove")) {
        if (at < 0)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field change: %s is not a bank holiday "
                             "to remove", cl->path, line, f[0]);
        memmove(c->hol + at, c->hol + at + 1, (c->nhol - (size_t)at - 1) * sizeof c->hol[0]);
        c->nhol--;
    } else if (!strcmp(f[1], "add")) {
        if (weekend(d) || at >= 0)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field change: %s is %s", cl->path, line,
                             f[0], at >= 0 ? "already a bank holiday" : "a Saturday or Sunday");
        if (c->nhol == cl->cap) {
            cl->cap += 64;
            c->hol = lscb_xrealloc(c->hol, cl->cap * sizeof c->hol[0]);
        }
        size_t k = upto(c, d);
        memmove(c->hol + k + 1, c->hol + k, (c->nhol - k) * sizeof c->hol[0]);
        c->hol[k] = d;
        c->nhol++;
    } else {
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field change: '%s' is not add or remove",
                         cl->path, line, f[1]);
    }
    return LSCB_OK;
}

lscb_err wd_load(const char *changes_path, struct wd_calendar *c, struct lscb_error *e)
{
    memset(c, 0, sizeof *c);
    c->first = date_from_ymd(WD_FIRST_YEAR, 1, 1);
    c->last = date_from_ymd(WD_LAST_YEAR, 12, 31);
    size_t cap = (size_t)(WD_LAST_YEAR - WD_FIRST_YEAR + 1) * PER_YEAR + 64;
    c->hol = lscb_xmalloc(cap * sizeof c->hol[0]);
    for (int y = WD_FIRST_YEAR; y <= WD_LAST_YEAR; y++) {
        lscb_date v[PER_YEAR];
        size_t k = rule_holidays(y, v);
        qsort(v, k, sizeof v[0], cmp_date);
        memcpy(c->hol + c->nhol, v, k * sizeof v[0]);
        c->nhol += k;
    }
    if (!changes_path)
        return LSCB_OK;
    struct cload cl = {.c = c, .cap = cap, .path = changes_path};
    return csv_read_path(changes_path, on_change, &cl, e);
}

lscb_err wd_load_default(struct wd_calendar *c, struct lscb_error *e)
{
    memset(c, 0, sizeof *c);
    char *p = lscb_find_file("LSCB_DATA_DIR", "data", "bank-holidays-changes.csv");
    if (!p)
        return lscb_fail(e, LSCB_ESYS, "bank-holidays-changes.csv not found (set "
                         "LSCB_DATA_DIR, or install the data directory)");
    lscb_err rc = wd_load(p, c, e);
    free(p);
    return rc;
}

void wd_release(struct wd_calendar *c)
{
    free(c->hol);
    memset(c, 0, sizeof *c);
}

bool wd_covers(const struct wd_calendar *c, lscb_date d)
{
    return c->hol && d != DATE_NONE && d >= c->first && d <= c->last;
}

/* Monday to Friday in [first - weekday(first), t]: whole weeks give 5 */
static long weekdays_upto(const struct wd_calendar *c, lscb_date t)
{
    lscb_date monday = c->first - date_weekday(c->first);
    long n = (long)t - monday + 1;
    long r = n % 7;
    return n / 7 * 5 + (r < 5 ? r : 5);
}

int wd_between(const struct wd_calendar *c, lscb_date a, lscb_date b)
{
    if (!wd_covers(c, a) || !wd_covers(c, b))
        return -1;
    if (b <= a)
        return 0;
    long w = weekdays_upto(c, b) - weekdays_upto(c, a);
    return (int)(w - (long)(upto(c, b) - upto(c, a)));
}

bool wd_is_working(const struct wd_calendar *c, lscb_date d)
{
    return wd_covers(c, d) && !weekend(d) && find(c, d) < 0;
}

size_t wd_holidays(const struct wd_calendar *c, int year, lscb_date *out, size_t cap)
{
    if (year < WD_FIRST_YEAR || year > WD_LAST_YEAR || !c->hol)
        return 0;
    size_t lo = upto(c, date_from_ymd(year, 1, 1) - 1), hi = upto(c, date_from_ymd(year, 12, 31));
    for (size_t i = lo; i < hi && i - lo < cap; i++)
        out[i - lo] = c->hol[i];
    return hi - lo;
}
