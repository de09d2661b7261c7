/*
 * cpp.c — child protection plan measures (DESIGN.md "Measures").
 *
 * cpp_open counts children (not plans) with a plan open on the end date D:
 * start <= D < end (or no end).  A child with two open plans counts once,
 * described by the later-starting plan.  Started/ended count plans.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "common/bands.h"
#include "stats/measures.h"

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

/* Calls fn for each child with a plan open on d, with the child's last open
 * plan (plans are ordered by child, then start). */
static void each_open_child(const struct la_data *d, lscb_date end,
                            void (*fn)(const struct plan *p, void *ctx), void *ctx)
{
    const struct plan *v = d->plans.v;
    for (size_t i = 0; i < d->plans.n; i++) {
        if (!open_on(&v[i], end))
            continue;
        bool later = false;
        for (size_t j = i + 1; j < d->plans.n && !strcmp(v[j].child_id, v[i].child_id); j++)
            later |= open_on(&v[j], end);
        if (!later)
            fn(&v[i], ctx);
    }
}

struct tally {
    const char *dim;
    const struct band_set *bands;
    lscb_date end;
    long *counts;
    long total, outside;
};

/* Not yet born on d: no date of birth but an expected one, or born after d
 * (the age bands' "unborn" too). */
static bool unborn_on(const struct plan *p, lscb_date d)
{
    return p->birth == DATE_NONE ? p->expected != DATE_NONE : p->birth > d;
}

/* The sex code of a child on d: as returned, except that a child not yet
 * born on d is 0 (not known) on that date, as DfE codes unborn children,
 * whatever a later return (after the birth) says. */
static const char *gender_on(const struct plan *p, lscb_date d)
{
    return unborn_on(p, d) ? "0" : p->gender;
}

static void tally_one(const struct plan *p, void *ctx)
{
    struct tally *t = ctx;
    int k = -1;
    if (!strcmp(t->dim, "category"))
        k = category_index(p->category);
    else if (!strcmp(t->dim, "ethnicity"))
        k = ethnic_index(p->ethnicity);
    else if (!strcmp(t->dim, "gender"))
        k = gender_group_index(gender_on(p, t->end));
    else if (!strcmp(t->dim, "gender_code"))
        k = gender_code_index(gender_on(p, t->end));
    else if (!strcmp(t->dim, "duration"))
        k = band_duration(t->bands, p->start, t->end);
    else if (!strcmp(t->dim, "age"))
        k = band_age(t->bands, p->birth, p->expected, t->end);
    t->total++;
    if (k >= 0)
        t->counts[k]++;
    else
        t->outside++;
}

long cpp_open_breakdown(const struct la_data *d, lscb_date end, const char *dim,
                        const struct band_set *bands, long counts[BANDS_MAX], long *outside)
{
    memset(counts, 0, BANDS_MAX * sizeof *counts);
    struct tally t = {dim, bands, end, counts, 0, 0};
    each_open_child(d, end, tally_one, &t);
    if (outside)
        *outside = t.outside;
    return t.total;
}

struct review_tally {
    const struct la_data *d;
    lscb_date end, known_from;
    long base, ok;
};

static void review_one(const struct plan *p, void *ctx)
{
    struct review_tally *r = ctx;
    if (date_add_months(p->start, 3) > r->end)
        return;
    r->base++;
    r->ok += cpp_reviews_in_time(r->d->reviews.v + p->rev_first, p->rev_n, p->start, r->end,
                                 r->known_from);
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
static void open_plans(const struct la_data *d, const struct measure_ctx *ctx, lscb_date start,
                       lscb_date end, struct measure_out *out)
{
    long c[BANDS_MAX], outside;
    const char *labels[BANDS_MAX];
    long total = cpp_open_breakdown(d, end, "category", NULL, c, NULL);
    measure_count(out, "cpp_open", start, end, NULL, NULL, total);
    put_breakdown(out, start, end, "category", category_labels, N_CATEGORY, c, NULL);

    cpp_open_breakdown(d, end, "duration", &bands_default_duration, c, NULL);
    for (int k = 0; k < bands_default_duration.n; k++)
        labels[k] = bands_default_duration.b[k].label;
    put_breakdown(out, start, end, "duration", labels, bands_default_duration.n, c, NULL);

    cpp_open_breakdown(d, end, "age", &bands_default_age, c, &outside);
    for (int k = 0; k < bands_default_age.n; k++)
        labels[k] = bands_default_age.b[k].label;
    put_breakdown(out, start, end, "age", labels, bands_default_age.n, c, NULL);
    /* rows every period has alike: the unknown-age row and the gender codes
     * appear when the authority's data uses them at all */
    bool any_unknown_age = false, used[N_GENDER_CODE] = {false};
    for (size_t i = 0; i < d->plans.n; i++) {
        const struct plan *p = &d->plans.v[i];
        any_unknown_age |= p->birth == DATE_NONE && p->expected == DATE_NONE;
        int k = gender_code_index(p->gender);
        if (k >= 0)
            used[k] = true;
        if (unborn_on(p, p->start))   /* on a plan before birth: 0 on some dates */
            used[gender_code_index("0")] = true;
    }
    if (any_unknown_age)
        measure_count(out, "cpp_open", start, end, "age", "not known", outside);
    cpp_open_breakdown(d, end, "gender_code", NULL, c, NULL);
    put_breakdown(out, start, end, "gender", gender_code_labels, N_GENDER_CODE, c, used);
    cpp_open_breakdown(d, end, "ethnicity", NULL, c, NULL);
    put_breakdown(out, start, end, "ethnicity", ethnic_labels, N_ETHNIC, c, NULL);

    measure_rate(out, "cpp_rate", start, end, total, ctx->population);
    struct review_tally r = {d, end, ctx->history_start, 0, 0};
    each_open_child(d, end, review_one, &r);
    measure_pct(out, "cpp_reviewed_in_time_pct", start, end, r.ok, r.base);
}

/* The child's previous plan: the latest one before v[i] in (child, start)
 * order that started earlier (a plan starting the same day under another
 * referral is not a previous plan, but one before both is). */
static const struct plan *previous_plan(const struct plan *v, size_t i)
{
    for (size_t j = i; j-- > 0 && !strcmp(v[j].child_id, v[i].child_id);)
        if (v[j].start < v[i].start)
            return &v[j];
    return NULL;
}

/* Plans started and ended in the period, repeats (NI65, within 12 months)
 * and long plans ended (NI64). */
static void plan_flows(const struct la_data *d, const struct measure_ctx *ctx, lscb_date s,
                       lscb_date e, struct measure_out *out)
{
    const struct plan *v = d->plans.v;
    long started = 0, ended = 0, repeat = 0, within12 = 0, long_ended = 0;
    for (size_t i = 0; i < d->plans.n; i++) {
        const struct plan *p = &v[i];
        if (p->end != DATE_NONE && p->end >= s && p->end <= e) {
            ended++;
            long_ended += p->end - p->start + 1 >= 730;
        }
        if (p->start < s || p->start > e)
            continue;
        started++;
        const struct plan *prev = previous_plan(v, i);
        if (p->previous > 0 || prev)
            repeat++;
        if (prev && prev->end != DATE_NONE && prev->end <= p->start &&
            p->start <= date_add_months(prev->end, 12))
            within12++;
    }
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
    open_plans(d, ctx, start, end, out);
    plan_flows(d, ctx, start, end, out);
}
