/* sweep.c — see sweep.h. */
#define _POSIX_C_SOURCE 200809L
#include "stats/sweep.h"

#include <stdlib.h>
#include <string.h>

#include "common/lscb.h"

/* Sorts by date, ties in record order: a counting sort over the days the
 * dates span (a census history spans a few thousand), else qsort. */
static int cmp_ev(const void *a, const void *b)
{
    const struct ev *x = a, *y = b;
    if (x->t != y->t)
        return (x->t > y->t) - (x->t < y->t);
    return (x->idx > y->idx) - (x->idx < y->idx);
}

static void sort_events(struct ev *v, size_t n)
{
    if (n < 2)
        return;
    lscb_date lo = v[0].t, hi = v[0].t;
    bool in_order = true;
    for (size_t i = 1; i < n; i++) {
        lo = v[i].t < lo ? v[i].t : lo;
        hi = v[i].t > hi ? v[i].t : hi;
        in_order &= cmp_ev(&v[i - 1], &v[i]) < 0;
    }
    if (in_order)
        return;
    long long span = (long long)hi - lo + 1;
    if (span > 4 * (long long)n + 65536) {
        qsort(v, n, sizeof *v, cmp_ev);
        return;
    }
    /* records are added in index order, so a stable sort by date keeps
     * ties in record order (else qsort above orders them) */
    bool idx_order = true;
    for (size_t i = 1; i < n && idx_order; i++)
        idx_order = v[i - 1].idx < v[i].idx;
    if (!idx_order) {
        qsort(v, n, sizeof *v, cmp_ev);
        return;
    }
    size_t *count = lscb_xcalloc((size_t)span + 1, sizeof *count);
    for (size_t i = 0; i < n; i++)
        count[v[i].t - lo + 1]++;
    for (long long k = 1; k <= span; k++)
        count[k] += count[k - 1];
    struct ev *out = lscb_xmalloc(n * sizeof *out);
    for (size_t i = 0; i < n; i++)
        out[count[v[i].t - lo]++] = v[i];
    memcpy(v, out, n * sizeof *v);
    free(out);
    free(count);
}

void evset_build(struct evset *s, struct ev *v, size_t n, int ncol)
{
    memset(s, 0, sizeof *s);
    s->ncol = ncol;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].t != DATE_NONE)
            v[k++] = v[i];
    n = k;
    sort_events(v, n);
    s->n = n;
    s->t = lscb_xmalloc((n ? n : 1) * sizeof *s->t);
    s->idx = lscb_xmalloc((n ? n : 1) * sizeof *s->idx);
    s->cum = lscb_xcalloc((n + 1) * (size_t)(ncol ? ncol : 1), sizeof *s->cum);
    for (size_t i = 0; i < n; i++) {
        s->t[i] = v[i].t;
        s->idx[i] = v[i].idx;
        for (int c = 0; c < ncol; c++)
            s->cum[(i + 1) * ncol + c] = s->cum[i * ncol + c] + ((v[i].flags >> c) & 1u);
    }
}

void evset_free(struct evset *s)
{
    free(s->t);
    free(s->idx);
    free(s->cum);
    memset(s, 0, sizeof *s);
}

/* the first event on or after t */
static size_t first_from(const struct evset *s, lscb_date t)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->t[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void evset_range(const struct evset *s, lscb_date a, lscb_date b, size_t *lo, size_t *hi)
{
    *lo = first_from(s, a);
    *hi = b == DATE_NONE || b < a ? *lo : b == 2147483647 ? s->n : first_from(s, b + 1);
    if (*hi < *lo)
        *hi = *lo;
}

long evset_sum(const struct evset *s, int col, size_t lo, size_t hi)
{
    return (long)s->cum[hi * s->ncol + col] - (long)s->cum[lo * s->ncol + col];
}

int evset_has(const struct evset *s, int col, size_t k)
{
    return (int)(s->cum[(k + 1) * s->ncol + col] - s->cum[k * s->ncol + col]);
}
