/*
 * measures.c — the rows of measures.csv: adding, formatting and writing
 * them, and the periods.  The names, titles and definitions are in
 * common/measure_defs.c; the computations in flow.c (work before a plan),
 * cpp.c (plans) and cpr3.c (aggregate returns).
 */
#define _POSIX_C_SOURCE 200809L
#include "measures.h"

#include <stdlib.h>
#include <string.h>

void fmt_ratio_1dp(char *buf, size_t cap, long num, long den, long scale)
{
    if (den <= 0 || num < 0) {
        buf[0] = '\0';
        return;
    }
    /* tenths = round half up (num * scale * 10 / den), in integers */
    long long t = ((long long)num * scale * 20 + den) / (2LL * den);
    snprintf(buf, cap, "%lld.%lld", t / 10, t % 10);
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
        snprintf(r->breakdown, sizeof r->breakdown, "%s=%s", dim, label);
    return r;
}

void measure_count(struct measure_out *out, const char *measure, lscb_date start,
                   lscb_date end, const char *dim, const char *label, long count)
{
    struct measure_row *r = add_row(out, measure, start, end, dim, label);
    snprintf(r->value, sizeof r->value, "%ld", count);
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
    fmt_ratio_1dp(r->value, sizeof r->value, num, den, 100);
    snprintf(r->numerator, sizeof r->numerator, "%ld", num);
    snprintf(r->denominator, sizeof r->denominator, "%ld", den);
}

void measure_rate(struct measure_out *out, const char *measure, lscb_date start, lscb_date end,
                  long num, long population)
{
    struct measure_row *r = add_row(out, measure, start, end, NULL, NULL);
    snprintf(r->numerator, sizeof r->numerator, "%ld", num);
    if (population > 0) {
        fmt_ratio_1dp(r->value, sizeof r->value, num, population, 10000);
        snprintf(r->denominator, sizeof r->denominator, "%ld", population);
    }
}

void measures_period(const struct la_data *d, const struct measure_ctx *ctx, lscb_date start,
                     lscb_date end, struct measure_out *out)
{
    measures_flow(d, ctx, start, end, out);
    measures_cpp(d, ctx, start, end, out);
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
    snprintf(la, sizeof la, "%s", out->la);
    for (char *c = la; *c; c++)
        if (*c == ',')
            *c = '+';
    for (size_t i = 0; i < out->n; i++) {
        const struct measure_row *r = &out->v[i];
        char s[11], e[11];
        date_format_iso(r->start, s);
        date_format_iso(r->end, e);
        const char *f[] = {r->measure, la, s, e, r->breakdown, r->value, r->numerator,
                           r->denominator};
        csv_put_row(fp, f, 8);
    }
}

void measure_out_release(struct measure_out *out)
{
    free(out->v);
    out->v = NULL;
    out->n = out->cap = 0;
}
