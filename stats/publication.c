/* publication.c — see publication.h. */
#define _POSIX_C_SOURCE 200809L
#include "stats/publication.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/measure_defs.h"
#include "common/text.h"

/* What a percentage's numerator and denominator count, and the count a
 * rate is of, are the registry's num_of and den_of (so the same count shown
 * as a column and as a denominator is one fact); the children on plans at
 * two dates are tied by its inflow and outflow, a change by its diff_of. */

static bool month_start(lscb_date d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return dd == 1;
}

static bool month_end(lscb_date d)
{
    return month_start(d + 1);
}

static int flow_fact(struct dz *z, const char *q, const char *bd, lscb_date s, lscb_date e,
                     long value);

/* Children on a plan at D: a snapshot, tied to the plans started and
 * ended since the census year's start (one plan a child at a time, which
 * the census rules require: a reader may assume it). */
static int open_total(struct dz *z, lscb_date d, long value)
{
    const struct measure_def *open = measure_def_breakdowns();
    char a[11];
    date_format_iso(d, a);
    char *key = text_xfmt("%s||@%s", open->name, a);
    int before = dz_count(z);
    int f = dz_fact(z, key, value);
    free(key);
    if (dz_count(z) == before || !month_end(d))
        return f;
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    int cy = m >= 4 ? y + 1 : y;               /* D's census year */
    lscb_date anchor = census_year_end(cy - 1);
    if (d == anchor)
        return f;
    char b[11];
    date_format_iso(anchor, b);
    key = text_xfmt("%s||@%s", open->name, b);
    int facts[2 + 2 * 12], n = 0;
    double coefs[2 + 2 * 12];
    facts[n] = f;
    coefs[n++] = 1;
    facts[n] = dz_fact(z, key, -1);
    free(key);
    coefs[n++] = -1;
    for (lscb_date ms = anchor + 1; ms <= d && n + 2 <= 2 + 2 * 12;) {
        lscb_date me = date_add_months(ms, 1) - 1;
        facts[n] = flow_fact(z, open->inflow, "", ms, me, -1);
        coefs[n++] = -1;
        facts[n] = flow_fact(z, open->outflow, "", ms, me, -1);
        coefs[n++] = 1;
        ms = me + 1;
    }
    dz_relation(z, n, facts, coefs);
    return f;
}

/* A count over a period: months tile it, so it is their sum. */
static int flow_fact(struct dz *z, const char *q, const char *bd, lscb_date s, lscb_date e,
                     long value)
{
    char a[11], b[11];
    date_format_iso(s, a);
    date_format_iso(e, b);
    char *key = text_xfmt("%s|%s|%s|%s", q, bd, a, b);
    int before = dz_count(z);
    int f = dz_fact(z, key, value);
    free(key);
    if (dz_count(z) == before || !month_start(s) || !month_end(e) ||
        date_add_months(s, 1) - 1 == e)
        return f;
    int facts[1 + 60], n = 0;
    double coefs[1 + 60];
    facts[n] = f;
    coefs[n++] = 1;
    for (lscb_date ms = s; ms <= e && n < 61;) {
        lscb_date me = date_add_months(ms, 1) - 1;
        facts[n] = flow_fact(z, q, bd, ms, me, -1);
        coefs[n++] = -1;
        ms = me + 1;
    }
    if (n < 61)
        dz_relation(z, n, facts, coefs);
    return f;
}

static int count_fact(struct dz *z, const char *q, const char *bd, bool snapshot,
                      lscb_date s, lscb_date e, long value)
{
    if (snapshot && !strcmp(q, measure_def_breakdowns()->name) && !bd[0])
        return open_total(z, e, value);
    if (snapshot) {
        char a[11];
        date_format_iso(e, a);
        char *key = text_xfmt("%s|%s|@%s", q, bd, a);
        int f = dz_fact(z, key, value);
        free(key);
        return f;
    }
    return flow_fact(z, q, bd, s, e, value);
}

/* A figure shown as it is: a count (sensitive unless a difference). */
static int shown_count(struct dz *z, const char *q, const char *bd, bool snap, lscb_date s,
                       lscb_date e, long value, bool sensitive)
{
    int f = count_fact(z, q, bd, snap, s, e, value);
    dz_show(z, f);
    if (sensitive)
        dz_sensitive(z, f);
    return f;
}

/* What a percentage's numerator or denominator, or a rate's numerator,
 * counts: another measure (the registry's num_of, den_of) or its own. */
static char *part_quantity(const struct measure_def *md, bool is_num)
{
    const char *other = is_num ? md->num_of : md->unit == MU_PCT ? md->den_of : NULL;
    return other ? lscb_xstrdup(other) : text_xfmt("%s#%s", md->name, is_num ? "num" : "den");
}

struct pubfig pub_share(struct dz *z, int num_fact, int den_fact, const char *pct)
{
    struct pubfig g = {{num_fact, den_fact}, 2};
    char *end;
    double p = strtod(pct, &end);
    if (!z || !pct[0] || *end)
        return g;
    dz_sensitive(z, num_fact);
    dz_sensitive(z, den_fact);
    int facts[2] = {num_fact, den_fact};
    double coefs[2] = {1, -p / 100};
    dz_relation_guarded(z, 2, facts, coefs, 2, facts);
    return g;
}

struct pubfig pub_measure(struct dz *z, const struct measure_row *m, const char *part)
{
    struct pubfig g = {{-1, -1}, 0};
    const struct measure_def *md = measure_def_find(m->measure);
    if (!z || !md)
        return g;
    char value[32], nu[24], de[24];
    measure_row_text(m, value, nu, de);
    bool snap = md->snapshot;
    bool is_num = !strcmp(part, "numerator"), is_den = !strcmp(part, "denominator");
    if (!measure_is_ratio(md)) {
        bool change = md->diff_of[0] != NULL;
        if (!m->has_value || (m->count < 0 && !change))
            return g;
        long x = m->count;
        g.f[g.n++] = shown_count(z, m->measure, m->breakdown, snap, m->start, m->end, x,
                                 !change);
        if (change) {
            /* change = [0] - [1] (started - ended) */
            int facts[3] = {g.f[0],
                            count_fact(z, md->diff_of[0], "", false, m->start, m->end, -1),
                            count_fact(z, md->diff_of[1], "", false, m->start, m->end, -1)};
            static const double coefs[3] = {1, -1, 1};
            dz_relation(z, 3, facts, coefs);
        }
        return g;
    }
    bool rate = md->unit == MU_RATE;
    char *qn = part_quantity(md, true), *qd = part_quantity(md, false);
    bool ok1 = m->has_num && m->num >= 0, ok2 = m->has_den && m->den >= 0;
    long xn = m->num, xd = m->den;
    if (is_num || is_den) {
        /* a rate's denominator is the published population */
        if ((is_num ? ok1 : ok2) && !(rate && is_den))
            g.f[g.n++] = shown_count(z, is_num ? qn : qd, m->breakdown, snap, m->start,
                                     m->end, is_num ? xn : xd, true);
    } else if (m->has_value && ok1 && rate) {
        /* the population is published: a rate gives its count away */
        g.f[g.n++] = shown_count(z, qn, m->breakdown, snap, m->start, m->end, xn, true);
    } else if (m->has_value && ok1 && ok2) {
        g = pub_share(z, count_fact(z, qn, m->breakdown, snap, m->start, m->end, xn),
                      count_fact(z, qd, m->breakdown, snap, m->start, m->end, xd), value);
    }
    free(qn);
    free(qd);
    return g;
}

int pub_band_fact(struct dz *z, const char *dim, const char *label, lscb_date on, long value)
{
    if (!label)
        return open_total(z, on, value);
    char *bd = text_xfmt("%s=%s", dim, label);
    int f = count_fact(z, measure_def_breakdowns()->name, bd, true, on, on, value);
    free(bd);
    return f;
}

struct pubfig pub_band(struct dz *z, const char *dim, const char *label, lscb_date on,
                       long value)
{
    struct pubfig g = {{-1, -1}, 0};
    if (!z)
        return g;
    g.f[g.n++] = pub_band_fact(z, dim, label, on, value);
    dz_show(z, g.f[0]);
    dz_sensitive(z, g.f[0]);
    return g;
}

void pub_bands_total(struct dz *z, const char *dim, const char *const *labels, int n,
                     lscb_date on, long outside)
{
    if (!z || n <= 0)
        return;
    int *facts = lscb_xmalloc((size_t)(n + 2) * sizeof *facts);
    double *coefs = lscb_xmalloc((size_t)(n + 2) * sizeof *coefs);
    int k = 0;
    for (int i = 0; i < n; i++) {
        char *bd = text_xfmt("%s=%s", dim, labels[i]);
        facts[k] = count_fact(z, measure_def_breakdowns()->name, bd, true, on, on, -1);
        free(bd);
        coefs[k++] = 1;
    }
    if (outside > 0) {
        /* children no band takes: not shown, so the bands do not add up */
        char *bd = text_xfmt("%s=(no band)", dim);
        facts[k] = count_fact(z, measure_def_breakdowns()->name, bd, true, on, on, outside);
        free(bd);
        coefs[k++] = 1;
    }
    facts[k] = open_total(z, on, -1);
    coefs[k++] = -1;
    dz_relation(z, k, facts, coefs);
    free(facts);
    free(coefs);
}

bool pub_hidden(const struct dz *z, struct pubfig g)
{
    if (!z)
        return false;
    for (int i = 0; i < g.n; i++)
        if (dz_hidden(z, g.f[i]))
            return true;
    return false;
}
