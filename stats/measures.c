/*
 * measures.c — child protection plan measures (DESIGN.md "Measures").
 *
 * cpp_open counts children (not plans) with a plan open on the end date D:
 * start <= D < end (or no end).  A child with two open plans counts once,
 * described by the later-starting plan.  cpp_started / cpp_ended count plans.
 */
#define _POSIX_C_SOURCE 200809L
#include "measures.h"

#include <stdlib.h>
#include <string.h>

const struct measure_def measure_defs[] = {
    {"cpp_open", "Children subject to a child protection plan",
     "Children with a child protection plan open on the period end date: plan start date on "
     "or before that date and no end date, or an end date after it. A child with two plans "
     "counts once. Breakdowns: latest category of abuse; time on the plan at that date "
     "(0-3m: up to 3 months; 3-6m: over 3 up to 6 months; 6-12m: over 6, under 12 months; "
     "12-24m: 12 months, under 24; 24m+: 24 months or more, months added with month-end "
     "clamping); age in completed years; gender as returned; ethnic group."},
    {"cpp_started", "Child protection plans started",
     "Child protection plans with a start date in the period (plans, not children)."},
    {"cpp_ended", "Child protection plans ended",
     "Child protection plans with an end date in the period (plans, not children)."},
};
const size_t measure_defs_count = sizeof measure_defs / sizeof measure_defs[0];

const struct measure_def *measure_def_find(const char *name)
{
    for (size_t i = 0; i < measure_defs_count; i++)
        if (!strcmp(measure_defs[i].name, name))
            return &measure_defs[i];
    return NULL;
}

static const char *const category_labels[] = {"NEG", "PHY", "SAB", "EMO", "MUL"};
static const char *const duration_labels[] = {"0-3m", "3-6m", "6-12m", "12-24m", "24m+"};
static const char *const age_labels[] = {"unborn", "under 1", "1-4", "5-9", "10-15", "16+"};
static const char *const ethnic_labels[] = {"White", "Mixed", "Asian", "Black", "Other",
                                            "Not known"};
static const char *const gender_labels[] = {"1", "2", "0", "9", "M", "F", "U"};

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

void fmt_ratio_1dp(char *buf, size_t cap, long num, long den, long scale)
{
    if (den <= 0) {
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

static void add_count(struct measure_out *out, const char *measure, lscb_date start,
                      lscb_date end, const char *dim, const char *label, long count)
{
    struct measure_row *r = add_row(out, measure, start, end, dim, label);
    snprintf(r->value, sizeof r->value, "%ld", count);
}

static size_t label_index(const char *const *labels, size_t n, const char *v)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(labels[i], v))
            return i;
    return n;
}

#define NL(a) (sizeof(a) / sizeof((a)[0]))

void measures_cpp(const struct plan_set *set, lscb_date start, lscb_date end,
                  struct measure_out *out)
{
    long total = 0, started = 0, ended = 0;
    long cat[NL(category_labels)] = {0}, dur[NL(duration_labels)] = {0};
    long age[NL(age_labels)] = {0}, eth[NL(ethnic_labels)] = {0};
    long gen[NL(gender_labels)] = {0}, age_unknown = 0;

    for (size_t i = 0; i < set->n; i++) {
        const struct plan *p = &set->v[i];
        if (p->start >= start && p->start <= end)
            started++;
        if (p->end != DATE_NONE && p->end >= start && p->end <= end)
            ended++;
    }
    /* plans are ordered by child then start: the last open plan of each
     * child describes it */
    for (size_t i = 0; i < set->n; i++) {
        const struct plan *p = &set->v[i];
        bool open = p->start <= end && (p->end == DATE_NONE || p->end > end);
        if (!open)
            continue;
        bool later = false;
        for (size_t j = i + 1; j < set->n && !strcmp(set->v[j].child_id, p->child_id); j++)
            if (set->v[j].start <= end && (set->v[j].end == DATE_NONE || set->v[j].end > end))
                later = true;
        if (later)
            continue;
        total++;
        size_t k = label_index(category_labels, NL(category_labels), p->category);
        if (k < NL(category_labels))
            cat[k]++;
        dur[label_index(duration_labels, NL(duration_labels), cpp_duration_band(p->start, end))]++;
        const char *ab = cpp_age_band(p->birth, p->expected, end);
        k = label_index(age_labels, NL(age_labels), ab);
        if (k < NL(age_labels))
            age[k]++;
        else
            age_unknown++;
        eth[label_index(ethnic_labels, NL(ethnic_labels), ethnicity_group(p->ethnicity))]++;
        k = label_index(gender_labels, NL(gender_labels), p->gender);
        if (k < NL(gender_labels))
            gen[k]++;
    }
    add_count(out, "cpp_open", start, end, NULL, NULL, total);
    for (size_t k = 0; k < NL(category_labels); k++)
        add_count(out, "cpp_open", start, end, "category", category_labels[k], cat[k]);
    for (size_t k = 0; k < NL(duration_labels); k++)
        add_count(out, "cpp_open", start, end, "duration", duration_labels[k], dur[k]);
    for (size_t k = 0; k < NL(age_labels); k++)
        add_count(out, "cpp_open", start, end, "age", age_labels[k], age[k]);
    bool any_unknown_age = false;
    for (size_t i = 0; i < set->n; i++)
        any_unknown_age |= set->v[i].birth == DATE_NONE && set->v[i].expected == DATE_NONE;
    if (any_unknown_age)
        add_count(out, "cpp_open", start, end, "age", "not known", age_unknown);
    /* the gender codes the authority's data uses at all, so every period
     * has the same rows */
    bool present[NL(gender_labels)] = {false};
    for (size_t i = 0; i < set->n; i++) {
        size_t k = label_index(gender_labels, NL(gender_labels), set->v[i].gender);
        if (k < NL(gender_labels))
            present[k] = true;
    }
    for (size_t k = 0; k < NL(gender_labels); k++)
        if (present[k])
            add_count(out, "cpp_open", start, end, "gender", gender_labels[k], gen[k]);
    for (size_t k = 0; k < NL(ethnic_labels); k++)
        add_count(out, "cpp_open", start, end, "ethnicity", ethnic_labels[k], eth[k]);
    add_count(out, "cpp_started", start, end, NULL, NULL, started);
    add_count(out, "cpp_ended", start, end, NULL, NULL, ended);
}

void measures_year(const struct plan_set *set, int year, struct measure_out *out)
{
    lscb_date ys = census_year_start(year);
    measures_cpp(set, ys, census_year_end(year), out);
    for (int q = 0; q < 4; q++)
        measures_cpp(set, date_add_months(ys, 3 * q), date_add_months(ys, 3 * q + 3) - 1, out);
    for (int m = 0; m < 12; m++)
        measures_cpp(set, date_add_months(ys, m), date_add_months(ys, m + 1) - 1, out);
}

void measure_out_write(FILE *fp, const struct measure_out *out)
{
    fputs("measure,la_code,period_start,period_end,breakdown,value,numerator,denominator\n", fp);
    for (size_t i = 0; i < out->n; i++) {
        const struct measure_row *r = &out->v[i];
        char s[11], e[11];
        date_format_iso(r->start, s);
        date_format_iso(r->end, e);
        const char *f[] = {r->measure, out->la, s, e, r->breakdown, r->value, r->numerator,
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

static lscb_date col_date(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    lscb_date d;
    return s && date_parse_iso(s, &d) ? d : DATE_NONE;
}

static void col_text(sqlite3_stmt *st, int i, char *buf, size_t cap)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    snprintf(buf, cap, "%s", s ? s : "");
}

lscb_err plan_set_load(sqlite3 *db, const char *la, struct plan_set *set, struct lscb_error *e)
{
    memset(set, 0, sizeof *set);
    static const char sql[] =
        "SELECT p.child_id, p.start_date, p.end_date, p.latest_category, c.birth_date, "
        "c.expected_birth_date, c.gender, c.ethnicity FROM cpp p LEFT JOIN child c "
        "ON c.la_code = p.la_code AND c.child_id = p.child_id WHERE p.la_code = ? "
        "ORDER BY p.child_id, p.start_date";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return lscb_fail(e, LSCB_ESYS, "warehouse: %s", sqlite3_errmsg(db));
    sqlite3_bind_text(st, 1, la, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (set->n == set->cap) {
            set->cap = set->cap ? set->cap * 2 : 1024;
            set->v = lscb_xrealloc(set->v, set->cap * sizeof *set->v);
        }
        struct plan *p = &set->v[set->n++];
        col_text(st, 0, p->child_id, sizeof p->child_id);
        p->start = col_date(st, 1);
        p->end = col_date(st, 2);
        col_text(st, 3, p->category, sizeof p->category);
        p->birth = col_date(st, 4);
        p->expected = col_date(st, 5);
        col_text(st, 6, p->gender, sizeof p->gender);
        col_text(st, 7, p->ethnicity, sizeof p->ethnicity);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        plan_set_release(set);
        return lscb_fail(e, LSCB_ESYS, "warehouse: reading plans: %s", sqlite3_errmsg(db));
    }
    return LSCB_OK;
}

void plan_set_release(struct plan_set *set)
{
    free(set->v);
    memset(set, 0, sizeof *set);
}
