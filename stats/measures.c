/*
 * measures.c — the rows of measures.csv: adding, formatting and writing
 * them, and the periods.  The names, titles and definitions are in
 * common/measure_defs.c; the computations in flow.c (work before a plan),
 * cpp.c (plans) and cpr3.c (aggregate returns).
 */
#define _POSIX_C_SOURCE 200809L
#include "stats/measures.h"
#include "common/text.h"
#include "stats/sweep.h"

#include <stdlib.h>
#include <string.h>

static long long tenths(long num, long den, long scale);

void fmt_ratio_1dp(char *buf, size_t cap, long num, long den, long scale)
{
    if (den <= 0 || num < 0) {
        buf[0] = '\0';
        return;
    }
    long long t = tenths(num, den, scale);
    /* 23 bytes at most (every caller's cap is 32): "", never a cut figure */
    if (text_fmt(buf, cap, "%lld.%lld", t / 10, t % 10))
        buf[0] = '\0';
}

static struct measure_row *add_row(struct measure_out *out, const char *measure,
                                   lscb_date start, lscb_date end, const char *dim,
                                   const char *label)
{
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 256;
        out->v = lscb_xrealloc(out->v, out->cap * sizeof *out->v);
    }
    struct measure_row *r = &out->v[out->n++];
    memset(r, 0, sizeof *r);
    r->measure = measure;
    r->start = start;
    r->end = end;
    if (dim)
        /* a dimension (char[24]) and a band label (char[40]): 63 bytes at
         * most, never cut; were it, the "..." would show in measures.csv */
        text_fmt_cut(r->breakdown, sizeof r->breakdown, "%s=%s", dim, label);
    return r;
}

void measure_count(struct measure_out *out, const char *measure, lscb_date start,
                   lscb_date end, const char *dim, const char *label, long count)
{
    struct measure_row *r = add_row(out, measure, start, end, dim, label);
    r->has_value = true;
    r->count = count;
}

void measure_missing(struct measure_out *out, const char *measure, lscb_date start,
                     lscb_date end)
{
    add_row(out, measure, start, end, NULL, NULL);
}

void measure_pct(struct measure_out *out, const char *measure, lscb_date start, lscb_date end,
                 long num, long den)
{
    struct measure_row *r = add_row(out, measure, start, end, NULL, NULL);
    r->scale = 100;
    r->has_num = r->has_den = true;
    r->num = num;
    r->den = den;
    r->has_value = den > 0 && num >= 0;
}

void measure_rate(struct measure_out *out, const char *measure, lscb_date start, lscb_date end,
                  long num, long population)
{
    struct measure_row *r = add_row(out, measure, start, end, NULL, NULL);
    r->scale = 10000;
    r->has_num = true;
    r->num = num;
    if (population > 0) {
        r->has_den = true;
        r->den = population;
        r->has_value = num >= 0;
    }
}

/* tenths of num / den x scale, rounded half up, in integers */
static long long tenths(long num, long den, long scale)
{
    return ((long long)num * scale * 20 + den) / (2LL * den);
}

bool measure_row_value(const struct measure_row *r, double *v)
{
    if (!r->has_value)
        return false;
    *v = r->scale ? (double)tenths(r->num, r->den, r->scale) / 10 : (double)r->count;
    return true;
}

void measure_row_text(const struct measure_row *r, char value[32], char num[24], char den[24])
{
    value[0] = num[0] = den[0] = '\0';
    if (r->has_value && r->scale)
        fmt_ratio_1dp(value, 32, r->num, r->den, r->scale);
    else if (r->has_value)
        snprintf(value, 32, "%ld", r->count);
    if (r->has_num)
        snprintf(num, 24, "%ld", r->num);
    if (r->has_den)
        snprintf(den, 24, "%ld", r->den);
}

/* One period's rows, for the context they were computed in. */
struct memo_entry {
    lscb_date start, end;
    struct measure_ctx ctx;
    struct measure_row *rows;
    size_t n;
};

struct period_memo {
    struct memo_entry *v;
    size_t n, cap;
    struct flow_sweep *flow;   /* the records by date (sweep.h), built on first use */
    struct cpp_sweep *cpp;
};

struct flow_sweep **sweep_flow_slot(const struct la_data *d)
{
    return d->memo ? &d->memo->flow : NULL;
}

struct cpp_sweep **sweep_cpp_slot(const struct la_data *d)
{
    return d->memo ? &d->memo->cpp : NULL;
}

struct period_memo *period_memo_new(void)
{
    struct period_memo *m = lscb_xmalloc(sizeof *m);
    memset(m, 0, sizeof *m);
    return m;
}

void period_memo_free(struct period_memo *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++)
        free(m->v[i].rows);
    free(m->v);
    flow_sweep_free(m->flow);
    cpp_sweep_free(m->cpp);
    free(m);
}

static void append_rows(struct measure_out *out, const struct measure_row *rows, size_t n)
{
    if (out->n + n > out->cap) {
        while (out->n + n > out->cap)
            out->cap = out->cap ? out->cap * 2 : 256;
        out->v = lscb_xrealloc(out->v, out->cap * sizeof *out->v);
    }
    if (n)
        memcpy(out->v + out->n, rows, n * sizeof *rows);
    out->n += n;
}

void measures_period(const struct la_data *d, const struct measure_ctx *ctx, lscb_date start,
                     lscb_date end, struct measure_out *out)
{
    struct period_memo *m = d->memo;
    for (size_t i = 0; m && i < m->n; i++) {
        const struct memo_entry *x = &m->v[i];
        if (x->start == start && x->end == end && x->ctx.cal == ctx->cal &&
            x->ctx.population == ctx->population && x->ctx.history_start == ctx->history_start) {
            append_rows(out, x->rows, x->n);
            return;
        }
    }
    size_t first = out->n;
    measures_flow(d, ctx, start, end, out);
    measures_cpp(d, ctx, start, end, out);
    if (!m)
        return;
    if (m->n == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 32;
        m->v = lscb_xrealloc(m->v, m->cap * sizeof *m->v);
    }
    struct memo_entry *x = &m->v[m->n++];
    x->start = start;
    x->end = end;
    x->ctx = *ctx;
    x->n = out->n - first;
    x->rows = lscb_xmalloc((x->n ? x->n : 1) * sizeof *x->rows);
    if (x->n)
        memcpy(x->rows, out->v + first, x->n * sizeof *x->rows);
}

void measures_year(const struct la_data *d, const struct measure_ctx *ctx, int year,
                   struct measure_out *out)
{
    lscb_date ys = census_year_start(year);
    measures_period(d, ctx, ys, census_year_end(year), out);
    for (int q = 0; q < 4; q++)
        measures_period(d, ctx, date_add_months(ys, 3 * q), date_add_months(ys, 3 * q + 3) - 1,
                        out);
    for (int m = 0; m < 12; m++)
        measures_period(d, ctx, date_add_months(ys, m), date_add_months(ys, m + 1) - 1, out);
}

void measure_out_write(FILE *fp, const struct measure_out *out)
{
    fputs("measure,la_code,period_start,period_end,breakdown,value,numerator,denominator\n", fp);
    /* an aggregate of several authorities is named 318+319 */
    char la[sizeof out->la];
    memcpy(la, out->la, sizeof la);
    for (char *c = la; *c; c++)
        if (*c == ',')
            *c = '+';
    for (size_t i = 0; i < out->n; i++) {
        const struct measure_row *r = &out->v[i];
        char s[11], e[11];
        date_format_iso(r->start, s);
        date_format_iso(r->end, e);
        char v[32], nu[24], de[24];
        measure_row_text(r, v, nu, de);
        const char *f[] = {r->measure, la, s, e, r->breakdown, v, nu, de};
        csv_put_text_row(fp, f, 8);
    }
}

void measure_out_release(struct measure_out *out)
{
    free(out->v);
    out->v = NULL;
    out->n = out->cap = 0;
}
