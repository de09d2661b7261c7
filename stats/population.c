/* population.c — see population.h. */
#define _POSIX_C_SOURCE 200809L
#include "stats/population.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/csvio.h"
#include "common/text.h"

struct pload {
    struct population *p;
    const char *path;
    int c_year, c_level, c_la, c_pop;
    size_t ncol;
};

static int col(char **f, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(f[i], name))
            return (int)i;
    return -1;
}

static lscb_err on_row(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct pload *pl = ctx;
    if (pl->ncol == 0) {
        pl->c_year = col(f, n, "time_period");
        pl->c_level = col(f, n, "geographic_level");
        pl->c_la = col(f, n, "old_la_code");
        pl->c_pop = col(f, n, "population_estimate");
        if (pl->c_year < 0 || pl->c_level < 0 || pl->c_la < 0 || pl->c_pop < 0)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: not an ONS population file (needs "
                             "time_period, geographic_level, old_la_code, population_estimate)",
                             pl->path, line);
        pl->ncol = n;
        return LSCB_OK;
    }
    if (n != pl->ncol)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: %zu fields, the header has %zu", pl->path, line,
                         n, pl->ncol);
    const char *level = f[pl->c_level];
    const char *la = f[pl->c_la];
    char key[8];
    if (!strcmp(level, "National"))
        snprintf(key, sizeof key, "E92");
    else if (!strcmp(level, "Local authority") && la[0]) {
        if (text_fmt(key, sizeof key, "%s", la))
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: LA code '%s' longer than %zu characters "
                             "(the 3-digit code)", pl->path, line, la, sizeof key - 1);
    } else
        return LSCB_OK; /* regions: not needed for an authority's own rates */
    char *end;
    errno = 0;
    long year = strtol(f[pl->c_year], &end, 10);
    if (errno || *end || year < 1990 || year > 2100)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field time_period: '%s' is not a year",
                         pl->path, line, f[pl->c_year]);
    /* DfE's symbols for a value not available: the row says nothing */
    static const char *const symbols[] = {"x", "c", "z", "u", ":", "..", ".", "-", "", NULL};
    for (int i = 0; symbols[i]; i++)
        if (!strcmp(f[pl->c_pop], symbols[i]))
            return LSCB_OK;
    errno = 0;
    long count = strtol(f[pl->c_pop], &end, 10);
    if (errno || *end || count <= 0)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field population_estimate: '%s' is not a "
                         "positive whole number", pl->path, line, f[pl->c_pop]);
    struct population *p = pl->p;
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 256;
        p->v = lscb_xrealloc(p->v, p->cap * sizeof *p->v);
    }
    struct pop_entry *pe = &p->v[p->n++];
    _Static_assert(sizeof pe->la == sizeof key, "a key fits an entry");
    memcpy(pe->la, key, sizeof key);
    pe->mid_year = (int)year;
    pe->count = count;
    return LSCB_OK;
}

lscb_err population_load(const char *path, struct population *p, struct lscb_error *e)
{
    memset(p, 0, sizeof *p);
    struct pload pl = {.p = p, .path = path};
    lscb_err rc = csv_read_path(path, on_row, &pl, e);
    if (rc != LSCB_OK)
        population_release(p);
    return rc;
}

long population_get(const struct population *p, const char *la, int mid_year)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->v[i].mid_year == mid_year && !strcmp(p->v[i].la, la))
            return p->v[i].count;
    return -1;
}

void population_release(struct population *p)
{
    free(p->v);
    memset(p, 0, sizeof *p);
}
