/*
 * cpp.c — child protection plan measures (DESIGN.md "Measures").
 *
 * cpp_open counts children (not plans) with a plan open on the end date D:
 * start <= D < end (or no end).  A child with two open plans counts once,
 * described by the later-starting plan.  Started/ended count plans.
 * Counted from the plans by date (sweep.h) and, per date asked for, the
 * list of the children on a plan then, kept for every breakdown of it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "common/bands.h"
#include "stats/measures.h"
#include "stats/sweep.h"

const char *cpp_duration_band(lscb_date start, lscb_date d)
{
    return bands_default_duration.b[band_duration(&bands_default_duration, start, d)].label;
}

const char *cpp_age_band(lscb_date birth, lscb_date expected, lscb_date d)
{
    int k = band_age(&bands_default_age, birth, expected, d);
    return k < 0 ? "not known" : bands_default_age.b[k].label;
}

const char *ethnicity_group(const char *code)
{
    return ethnic_labels[ethnic_index(code)];
}

bool cpp_reviews_in_time(const lscb_date *reviews, size_t n, lscb_date start, lscb_date d,
                         lscb_date known_from)
{
    lscb_date due = date_add_months(start, 3);
    lscb_date last = start;
    size_t k = 0;
    if (start < known_from && due < known_from) {
        /* reviews before known_from are not known */
        last = known_from - 1;
        due = date_add_months(known_from, 6);
    }
    while (due <= d) {
        /* the next review after the last one (reviews are ascending) */
        while (k < n && reviews[k] <= last)
            k++;
        if (k == n || reviews[k] > due)
            return false;
        last = reviews[k];
        due = date_add_months(last, 6);
    }
    return true;
}

static bool open_on(const struct plan *p, lscb_date d)
{
    return p->start <= d && (p->end == DATE_NONE || p->end > d);
}

/* The children on a plan on one date: each child's last open plan (plans
 * are ordered by child, then start), in plan order; NI67 over them for
 * the history it was worked out with. */
struct open_day {
    lscb_date d;
    uint32_t *plan;
    size_t n;
    bool have67;
    lscb_date known_from;
    long base67, ok67;
    struct day_tally *tally;   /* the breakdowns counted so far */
    size_t ntally;
};

/* One breakdown of a day's children: the tables, the narrative and the
 * measures ask for the same ones. */
struct day_tally {
    int dim;                   /* enum dim */
    bool banded;               /* bands used (duration, age): compared whole */
    struct band_set bands;
    long counts[BANDS_MAX], outside;
};

/* The plans by start and by end date, with the properties the flows count
 * worked out once; the dates asked for so far. */
struct cpp_sweep {
    struct evset started;      /* by start: 0 second or subsequent, 1 within 12 months
                                * of the previous plan's end */
    struct evset ended;        /* by end: 0 lasted 2 years or more */
    bool any_unknown_age;      /* a child with neither birth nor expected date */
    bool used[N_GENDER_CODE];  /* the gender codes the authority's data uses */
    struct open_day *days;
    size_t ndays, capdays;
};

void cpp_sweep_free(struct cpp_sweep *c)
{
    if (!c)
        return;
    evset_free(&c->started);
    evset_free(&c->ended);
    for (size_t i = 0; i < c->ndays; i++) {
        free(c->days[i].plan);
        free(c->days[i].tally);
    }
    free(c->days);
    free(c);
}

/* Not yet born on d: no date of birth but an expected one, or born after d
 * (the age bands' "unborn" too). */
static bool unborn_on(const struct plan *p, lscb_date d)
{
    return p->birth == DATE_NONE ? p->expected != DATE_NONE : p->birth > d;
}

/* The child's previous plan: the latest one before v[i] in (child, start)
 * order that started earlier (a plan starting the same day under another
 * referral is not a previous plan, but one before both is). */
static const struct plan *previous_plan(const struct plan *v, size_t i)
{
    for (size_t j = i; j-- > 0 && v[j].child == v[i].child;)
        if (v[j].start < v[i].start)
            return &v[j];
    return NULL;
}

static struct cpp_sweep *cpp_sweep_build(const struct la_data *d)
{
    struct cpp_sweep *c = lscb_xcalloc(1, sizeof *c);
    const struct plan *v = d->plans.v;
    struct ev *ev = lscb_xmalloc((d->plans.n ? d->plans.n : 1) * sizeof *ev);
    for (size_t i = 0; i < d->plans.n; i++) {
        const struct plan *p = &v[i];
        const struct plan *prev = previous_plan(v, i);
        bool repeat = p->previous > 0 || prev;
        bool within12 = prev && prev->end != DATE_NONE && prev->end <= p->start &&
                        p->start <= date_add_months(prev->end, 12);
        ev[i] = (struct ev){p->start, (uint32_t)i, (repeat ? 1u : 0) | (within12 ? 2u : 0)};
    }
    evset_build(&c->started, ev, d->plans.n, 2);
    for (size_t i = 0; i < d->plans.n; i++) {
        const struct plan *p = &v[i];
        ev[i] = (struct ev){p->end, (uint32_t)i,
                            p->end != DATE_NONE && p->start != DATE_NONE &&
                                    p->end - p->start + 1 >= 730
                                ? 1u
                                : 0};
    }
    evset_build(&c->ended, ev, d->plans.n, 1);
    free(ev);
    /* rows every period has alike: the unknown-age row and the gender codes
     * appear when the authority's data uses them at all */
    for (size_t i = 0; i < d->plans.n; i++) {
        const struct plan *p = &v[i];
        c->any_unknown_age |= p->birth == DATE_NONE && p->expected == DATE_NONE;
        if (p->gender_code >= 0)
            c->used[p->gender_code] = true;
        if (unborn_on(p, p->start))   /* on a plan before birth: 0 on some dates */
            c->used[gender_code_index("0")] = true;
    }
    return c;
}

/* Fills day with the children on a plan on day->d. */
static void open_day_fill(const struct la_data *d, struct open_day *day)
{
    const struct plan *v = d->plans.v;
    size_t cap = 0;
    day->n = 0;
    day->plan = NULL;
    for (size_t i = 0; i < d->plans.n;) {
        /* the child's plans are v[i..j): its last open one describes it */
        size_t j = i, last = SIZE_MAX;
        for (; j < d->plans.n && v[j].child == v[i].child; j++)
            if (open_on(&v[j], day->d))
                last = j;
        if (last != SIZE_MAX) {
            if (day->n == cap) {
                cap = cap ? 2 * cap : 1024;
                day->plan = lscb_xrealloc(day->plan, cap * sizeof *day->plan);
            }
            day->plan[day->n++] = (uint32_t)last;
        }
        i = j;
    }
}

/* The sweep of d's plans: d's own, built once, or (records built by hand)
 * a new one in *tmp for the caller to free. */
static struct cpp_sweep *cpp_sweep_get(const struct la_data *d, struct cpp_sweep **tmp)
{
    struct cpp_sweep **slot = sweep_cpp_slot(d);
    *tmp = NULL;
    if (!slot)
        return *tmp = cpp_sweep_build(d);
    if (!*slot)
        *slot = cpp_sweep_build(d);
    return *slot;
}

/* The children on a plan on `end`, kept in the sweep. */
static struct open_day *open_day_get(const struct la_data *d, struct cpp_sweep *c,
                                     lscb_date end)
{
    for (size_t i = 0; i < c->ndays; i++)
        if (c->days[i].d == end)
            return &c->days[i];
    if (c->ndays == c->capdays) {
        c->capdays = c->capdays ? 2 * c->capdays : 16;
        c->days = lscb_xrealloc(c->days, c->capdays * sizeof *c->days);
    }
    struct open_day *day = &c->days[c->ndays++];
    memset(day, 0, sizeof *day);
    day->d = end;
    open_day_fill(d, day);
    return day;
}

/* The sex code of a child on d: as returned, except that a child not yet
 * born on d is 0 (not known) on that date, as DfE codes unborn children,
 * whatever a later return (after the birth) says. */
static int gender_code_on(const struct plan *p, lscb_date d)
{
    return unborn_on(p, d) ? gender_code_index("0") : p->gender_code;
}

static int gender_group_on(const struct plan *p, lscb_date d)
{
    return unborn_on(p, d) ? gender_group_index("0") : p->gender_group;
}

enum dim { DIM_CATEGORY, DIM_ETHNICITY, DIM_GENDER, DIM_GENDER_CODE, DIM_DURATION, DIM_AGE,
           DIM_NONE };

static enum dim dim_of(const char *dim)
{
    static const char *const names[] = {"category", "ethnicity", "gender", "gender_code",
                                        "duration", "age"};
    for (int k = 0; k < DIM_NONE; k++)
        if (!strcmp(dim, names[k]))
            return (enum dim)k;
    return DIM_NONE;
}

/* counts[k] per band of the children of day; returns the total */
static long tally(const struct la_data *d, struct open_day *day, const char *dimname,
                  const struct band_set *bands, long counts[BANDS_MAX], long *outside)
{
    enum dim dim = dim_of(dimname);
    bool banded = (dim == DIM_DURATION || dim == DIM_AGE) && bands;
    for (size_t i = 0; i < day->ntally; i++) {
        const struct day_tally *t = &day->tally[i];
        if (t->dim == (int)dim && t->banded == banded &&
            (!banded || !memcmp(&t->bands, bands, sizeof *bands))) {
            memcpy(counts, t->counts, BANDS_MAX * sizeof *counts);
            if (outside)
                *outside = t->outside;
            return (long)day->n;
        }
    }
    memset(counts, 0, BANDS_MAX * sizeof *counts);
    long out = 0;
    lscb_date end = day->d;
    for (size_t i = 0; i < day->n; i++) {
        const struct plan *p = &d->plans.v[day->plan[i]];
        int k = -1;
        switch (dim) {
        case DIM_CATEGORY: k = p->category; break;
        case DIM_ETHNICITY: k = p->ethnic; break;
        case DIM_GENDER: k = gender_group_on(p, end); break;
        case DIM_GENDER_CODE: k = gender_code_on(p, end); break;
        case DIM_DURATION: k = band_duration(bands, p->start, end); break;
        case DIM_AGE: k = band_age(bands, p->birth, p->expected, end); break;
        case DIM_NONE: break;
        }
        if (k >= 0)
            counts[k]++;
        else
            out++;
    }
    if (outside)
        *outside = out;
    if ((dim != DIM_DURATION && dim != DIM_AGE) || banded) {   /* no bands: nothing kept */
        day->tally = lscb_xrealloc(day->tally, (day->ntally + 1) * sizeof *day->tally);
        struct day_tally *t = &day->tally[day->ntally++];
        memset(t, 0, sizeof *t);
        t->dim = (int)dim;
        t->banded = banded;
        if (banded)
            t->bands = *bands;
        memcpy(t->counts, counts, BANDS_MAX * sizeof *counts);
        t->outside = out;
    }
    return (long)day->n;
}

long cpp_open_breakdown(const struct la_data *d, lscb_date end, const char *dim,
                        const struct band_set *bands, long counts[BANDS_MAX], long *outside)
{
    struct cpp_sweep *tmp;
    struct cpp_sweep *c = cpp_sweep_get(d, &tmp);
    long total = tally(d, open_day_get(d, c, end), dim, bands, counts, outside);
    cpp_sweep_free(tmp);
    return total;
}

/* NI67 over the children on a plan on day->d: those whose plan started
 * 3 months or more before, and of them those reviewed in time. */
static void reviews_on(const struct la_data *d, struct open_day *day, lscb_date known_from)
{
    if (day->have67 && day->known_from == known_from)
        return;
    long base = 0, ok = 0;
    for (size_t i = 0; i < day->n; i++) {
        const struct plan *p = &d->plans.v[day->plan[i]];
        if (date_add_months(p->start, 3) > day->d)
            continue;
        base++;
        ok += cpp_reviews_in_time(d->reviews.v + p->rev_first, p->rev_n, p->start, day->d,
                                  known_from);
    }
    day->have67 = true;
    day->known_from = known_from;
    day->base67 = base;
    day->ok67 = ok;
}

static void put_breakdown(struct measure_out *out, lscb_date start, lscb_date end,
                          const char *dim, const char *const *labels, int n, const long *counts,
                          const bool *show)
{
    for (int k = 0; k < n; k++)
        if (!show || show[k])
            measure_count(out, "cpp_open", start, end, dim, labels[k], counts[k]);
}

/* Children on a plan at `end`, with DESIGN's default breakdowns, the rate
 * and NI67. */
static void open_plans(const struct la_data *d, struct cpp_sweep *sw,
                       const struct measure_ctx *ctx, lscb_date start, lscb_date end,
                       struct measure_out *out)
{
    long c[BANDS_MAX], outside;
    const char *labels[BANDS_MAX];
    struct open_day *day = open_day_get(d, sw, end);
    long total = tally(d, day, "category", NULL, c, NULL);
    measure_count(out, "cpp_open", start, end, NULL, NULL, total);
    put_breakdown(out, start, end, "category", category_labels, N_CATEGORY, c, NULL);

    tally(d, day, "duration", &bands_default_duration, c, NULL);
    for (int k = 0; k < bands_default_duration.n; k++)
        labels[k] = bands_default_duration.b[k].label;
    put_breakdown(out, start, end, "duration", labels, bands_default_duration.n, c, NULL);

    tally(d, day, "age", &bands_default_age, c, &outside);
    for (int k = 0; k < bands_default_age.n; k++)
        labels[k] = bands_default_age.b[k].label;
    put_breakdown(out, start, end, "age", labels, bands_default_age.n, c, NULL);
    if (sw->any_unknown_age)
        measure_count(out, "cpp_open", start, end, "age", "not known", outside);
    tally(d, day, "gender_code", NULL, c, NULL);
    put_breakdown(out, start, end, "gender", gender_code_labels, N_GENDER_CODE, c, sw->used);
    tally(d, day, "ethnicity", NULL, c, NULL);
    put_breakdown(out, start, end, "ethnicity", ethnic_labels, N_ETHNIC, c, NULL);

    measure_rate(out, "cpp_rate", start, end, total, ctx->population);
    reviews_on(d, day, ctx->history_start);
    measure_pct(out, "cpp_reviewed_in_time_pct", start, end, day->ok67, day->base67);
}

/* Plans started and ended in the period, repeats (NI65, within 12 months)
 * and long plans ended (NI64). */
static void plan_flows(const struct cpp_sweep *sw, const struct measure_ctx *ctx, lscb_date s,
                       lscb_date e, struct measure_out *out)
{
    size_t lo, hi;
    evset_range(&sw->ended, s, e, &lo, &hi);
    long ended = (long)(hi - lo), long_ended = evset_sum(&sw->ended, 0, lo, hi);
    evset_range(&sw->started, s, e, &lo, &hi);
    long started = (long)(hi - lo), repeat = evset_sum(&sw->started, 0, lo, hi),
         within12 = evset_sum(&sw->started, 1, lo, hi);
    measure_count(out, "cpp_started", s, e, NULL, NULL, started);
    measure_rate(out, "cpp_started_rate", s, e, started, ctx->population);
    measure_count(out, "cpp_ended", s, e, NULL, NULL, ended);
    measure_rate(out, "cpp_ended_rate", s, e, ended, ctx->population);
    measure_count(out, "cpp_change", s, e, NULL, NULL, started - ended);
    measure_pct(out, "cpp_second_or_subsequent_pct", s, e, repeat, started);
    measure_count(out, "cpp_repeat_within_12m", s, e, NULL, NULL, within12);
    measure_pct(out, "cpp_repeat_within_12m_pct", s, e, within12, repeat);
    measure_pct(out, "cpp_ended_2y_plus_pct", s, e, long_ended, ended);
}

void measures_cpp(const struct la_data *d, const struct measure_ctx *ctx, lscb_date start,
                  lscb_date end, struct measure_out *out)
{
    struct cpp_sweep *tmp;
    struct cpp_sweep *sw = cpp_sweep_get(d, &tmp);
    open_plans(d, sw, ctx, start, end, out);
    plan_flows(sw, ctx, start, end, out);
    cpp_sweep_free(tmp);
}
