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

#include "measures.h"

static const char *const category_labels[] = {"NEG", "PHY", "SAB", "EMO", "MUL"};
static const char *const duration_labels[] = {"0-3m", "3-6m", "6-12m", "12-24m", "24m+"};
static const char *const age_labels[] = {"unborn", "under 1", "1-4", "5-9", "10-15", "16+"};
static const char *const ethnic_labels[] = {"White", "Mixed", "Asian", "Black", "Other",
                                            "Not known"};
static const char *const gender_labels[] = {"1", "2", "0", "9", "M", "F", "U"};

#define NL(a) (sizeof(a) / sizeof((a)[0]))

const char *cpp_duration_band(lscb_date start, lscb_date d)
{
    if (d <= date_add_months(start, 3))
        return "0-3m";
    if (d <= date_add_months(start, 6))
        return "3-6m";
    if (d < date_add_months(start, 12))
        return "6-12m";
    if (d < date_add_months(start, 24))
        return "12-24m";
    return "24m+";
}

const char *cpp_age_band(lscb_date birth, lscb_date expected, lscb_date d)
{
    if (birth == DATE_NONE)
        return expected != DATE_NONE ? "unborn" : "not known";
    if (birth > d)
        return "unborn";
    int y = date_years_between(birth, d);
    if (y < 1)
        return "under 1";
    if (y <= 4)
        return "1-4";
    if (y <= 9)
        return "5-9";
    if (y <= 15)
        return "10-15";
    return "16+";
}

const char *ethnicity_group(const char *code)
{
    if (!strcmp(code, "CHNE") || !strcmp(code, "OOTH"))
        return "Other";
    switch (code[0]) {
    case 'W': return "White";
    case 'M': return "Mixed";
    case 'A': return "Asian";
    case 'B': return "Black";
    default: return "Not known";   /* REFU, NOBT */
    }
}

bool cpp_reviews_in_time(const lscb_date *reviews, size_t n, lscb_date start, lscb_date d)
{
    lscb_date due = date_add_months(start, 3);
    lscb_date last = start;
    size_t k = 0;
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

static size_t label_index(const char *const *labels, size_t n, const char *v)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(labels[i], v))
            return i;
    return n;
}

static bool open_on(const struct plan *p, lscb_date d)
{
    return p->start <= d && (p->end == DATE_NONE || p->end > d);
}

/* Children on a plan at `end`, with the breakdowns and NI67. */
static void open_plans(const struct la_data *d, const struct measure_ctx *ctx, lscb_date start,
                       lscb_date end, struct measure_out *out)
{
    const struct plan *v = d->plans.v;
    size_t n = d->plans.n;
    long total = 0, review_base = 0, review_ok = 0, age_unknown = 0;
    long cat[NL(category_labels)] = {0}, dur[NL(duration_labels)] = {0};
    long age[NL(age_labels)] = {0}, eth[NL(ethnic_labels)] = {0};
    long gen[NL(gender_labels)] = {0};
    bool gender_used[NL(gender_labels)] = {false}, any_unknown_age = false;

    for (size_t i = 0; i < n; i++) {
        const struct plan *p = &v[i];
        size_t k = label_index(gender_labels, NL(gender_labels), p->gender);
        if (k < NL(gender_labels))
            gender_used[k] = true;
        any_unknown_age |= p->birth == DATE_NONE && p->expected == DATE_NONE;
        if (!open_on(p, end))
            continue;
        /* the child's last open plan describes the child */
        bool later = false;
        for (size_t j = i + 1; j < n && !strcmp(v[j].child_id, p->child_id); j++)
            later |= open_on(&v[j], end);
        if (later)
            continue;
        total++;
        k = label_index(category_labels, NL(category_labels), p->category);
        if (k < NL(category_labels))
            cat[k]++;
        dur[label_index(duration_labels, NL(duration_labels), cpp_duration_band(p->start, end))]++;
        k = label_index(age_labels, NL(age_labels), cpp_age_band(p->birth, p->expected, end));
        if (k < NL(age_labels))
            age[k]++;
        else
            age_unknown++;
        eth[label_index(ethnic_labels, NL(ethnic_labels), ethnicity_group(p->ethnicity))]++;
        k = label_index(gender_labels, NL(gender_labels), p->gender);
        if (k < NL(gender_labels))
            gen[k]++;
        if (date_add_months(p->start, 3) <= end) {
            review_base++;
            review_ok += cpp_reviews_in_time(d->reviews.v + p->rev_first, p->rev_n, p->start,
                                             end);
        }
    }
    measure_count(out, "cpp_open", start, end, NULL, NULL, total);
    for (size_t k = 0; k < NL(category_labels); k++)
        measure_count(out, "cpp_open", start, end, "category", category_labels[k], cat[k]);
    for (size_t k = 0; k < NL(duration_labels); k++)
        measure_count(out, "cpp_open", start, end, "duration", duration_labels[k], dur[k]);
    for (size_t k = 0; k < NL(age_labels); k++)
        measure_count(out, "cpp_open", start, end, "age", age_labels[k], age[k]);
    /* rows every period has alike: the gender codes and the unknown-age row
     * appear when the authority's data uses them at all */
    if (any_unknown_age)
        measure_count(out, "cpp_open", start, end, "age", "not known", age_unknown);
    for (size_t k = 0; k < NL(gender_labels); k++)
        if (gender_used[k])
            measure_count(out, "cpp_open", start, end, "gender", gender_labels[k], gen[k]);
    for (size_t k = 0; k < NL(ethnic_labels); k++)
        measure_count(out, "cpp_open", start, end, "ethnicity", ethnic_labels[k], eth[k]);
    measure_rate(out, "cpp_rate", start, end, total, ctx->population);
    measure_pct(out, "cpp_reviewed_in_time_pct", start, end, review_ok, review_base);
}

/* Plans started and ended in the period, repeats (NI65, within 12 months)
 * and long plans ended (NI64). */
static void plan_flows(const struct la_data *d, lscb_date s, lscb_date e,
                       struct measure_out *out)
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
        /* the child's previous plan: the one before it in (child, start) order */
        const struct plan *prev = i > 0 && !strcmp(v[i - 1].child_id, p->child_id) &&
                                          v[i - 1].start < p->start ? &v[i - 1] : NULL;
        if (p->previous > 0 || prev)
            repeat++;
        if (prev && prev->end != DATE_NONE && prev->end <= p->start &&
            p->start <= date_add_months(prev->end, 12))
            within12++;
    }
    measure_count(out, "cpp_started", s, e, NULL, NULL, started);
    measure_count(out, "cpp_ended", s, e, NULL, NULL, ended);
    measure_pct(out, "cpp_second_or_subsequent_pct", s, e, repeat, started);
    measure_count(out, "cpp_repeat_within_12m", s, e, NULL, NULL, within12);
    measure_pct(out, "cpp_repeat_within_12m_pct", s, e, within12, repeat);
    measure_pct(out, "cpp_ended_2y_plus_pct", s, e, long_ended, ended);
}

void measures_cpp(const struct la_data *d, const struct measure_ctx *ctx, lscb_date start,
                  lscb_date end, struct measure_out *out)
{
    open_plans(d, ctx, start, end, out);
    plan_flows(d, start, end, out);
}
