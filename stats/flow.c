/*
 * flow.c — the work before a plan: referrals and re-referrals, assessments,
 * section 47 enquiries, initial conferences (DESIGN.md "Measures").
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"
#include "stats/measures.h"
#include "stats/sweep.h"

/* Working days from a to b, or -1 when the calendar cannot place a date
 * (noted in ctx->fault, for the run to stop on). */
static int wd_count(const struct measure_ctx *ctx, lscb_date a, lscb_date b, const char *what)
{
    int wd = wd_between(ctx->cal, a, b);
    if (wd < 0 && ctx->fault && ctx->fault->n++ == 0) {
        char x[11], y[11];
        date_format_iso(a, x);
        date_format_iso(b, y);
        text_fmt_cut(ctx->fault->msg, sizeof ctx->fault->msg, "%s from %s to %s: working days "
                     "cannot be counted outside %d-%d (the bank-holiday calendar)", what, x, y,
                     WD_FIRST_YEAR, WD_LAST_YEAR);
    }
    return wd;
}

/* The records by the date each measure counts them on, with their
 * properties worked out once (working days with the calendar they were
 * counted with).  A record the calendar cannot time is noted as a fault
 * only when a period asked for counts it, as before. */
struct flow_sweep {
    const struct wd_calendar *cal;
    struct evset ref;         /* episodes by referral: 0 re-referral, 1 assessed */
    struct evset asmt;        /* assessments by completion: 0 timed, 1 in 45 wd, 2 fault */
    struct evset legacy[2];   /* initial, core by completion: 0 timed, 1 in 7 / 35 wd,
                               * 2 in 10 wd (initial), 3 fault */
    struct evset s47;         /* section 47s by start: 0 conference */
    struct evset conf;        /* conferences by date: 0 timed, 1 in 15 wd, 2 plan that
                               * day, 3 fault */
    struct evset strat;       /* strategy discussions by date: 0 to S47 */
};

void flow_sweep_free(struct flow_sweep *f)
{
    if (!f)
        return;
    evset_free(&f->ref);
    evset_free(&f->asmt);
    evset_free(&f->legacy[0]);
    evset_free(&f->legacy[1]);
    evset_free(&f->s47);
    evset_free(&f->conf);
    evset_free(&f->strat);
    free(f);
}

/* A re-referral: the child's previous referral (episodes are ordered by
 * child, then date) falls on or after this date minus 12 months. */
static bool re_referral(const struct la_data *d, size_t i)
{
    const struct episode *ep = &d->episodes.v[i];
    if (i == 0)
        return false;
    const struct episode *prev = &d->episodes.v[i - 1];
    return prev->child == ep->child && prev->ref < ep->ref &&
           prev->ref >= date_add_months(ep->ref, -12);
}

/* 0 timed, 1 within `limit`, 2 within `limit2` (0: none), 3 fault */
static unsigned timing(const struct wd_calendar *cal, lscb_date a, lscb_date b, int limit,
                       int limit2)
{
    int wd = wd_between(cal, a, b);
    if (wd < 0)
        return 1u << 3;
    return 1u | (wd <= limit ? 2u : 0) | (limit2 && wd <= limit2 ? 4u : 0);
}

static struct flow_sweep *flow_sweep_build(const struct la_data *d,
                                           const struct wd_calendar *cal)
{
    struct flow_sweep *f = lscb_xcalloc(1, sizeof *f);
    f->cal = cal;
    size_t most = d->episodes.n;
    most = d->assessments.n > most ? d->assessments.n : most;
    most = d->initial.n > most ? d->initial.n : most;
    most = d->core.n > most ? d->core.n : most;
    most = d->s47s.n > most ? d->s47s.n : most;
    most = d->conferences.n > most ? d->conferences.n : most;
    most = d->strategies.n > most ? d->strategies.n : most;
    struct ev *v = lscb_xmalloc((most ? most : 1) * sizeof *v);
    for (size_t i = 0; i < d->episodes.n; i++)
        v[i] = (struct ev){d->episodes.v[i].ref, (uint32_t)i,
                           (re_referral(d, i) ? 1u : 0) | (d->episodes.v[i].assessed ? 2u : 0)};
    evset_build(&f->ref, v, d->episodes.n, 2);
    for (size_t i = 0; i < d->assessments.n; i++) {
        const struct assessment *a = &d->assessments.v[i];
        /* timed, in 45, -, fault: made 0, 1, 2 */
        unsigned t = a->auth == DATE_NONE ? 0 : timing(cal, a->start, a->auth, 45, 0);
        v[i] = (struct ev){a->auth, (uint32_t)i, (t & 3u) | (t >> 3) << 2};
    }
    evset_build(&f->asmt, v, d->assessments.n, 3);
    for (int k = 0; k < 2; k++) {
        const struct legacy_assessment *la = k ? d->core.v : d->initial.v;
        size_t n = k ? d->core.n : d->initial.n;
        for (size_t i = 0; i < n; i++) {
            unsigned t = la[i].done == DATE_NONE
                             ? 0
                             : timing(cal, la[i].start, la[i].done, k ? 35 : 7, k ? 0 : 10);
            v[i] = (struct ev){la[i].done, (uint32_t)i, t};
        }
        evset_build(&f->legacy[k], v, n, 4);
    }
    for (size_t i = 0; i < d->s47s.n; i++)
        v[i] = (struct ev){d->s47s.v[i].start, (uint32_t)i, d->s47s.v[i].conference ? 1u : 0};
    evset_build(&f->s47, v, d->s47s.n, 1);
    for (size_t i = 0; i < d->conferences.n; i++) {
        const struct conference *c = &d->conferences.v[i];
        unsigned t = 0;
        if (c->s47_start != DATE_NONE && c->date != DATE_NONE) {
            unsigned w = timing(cal, c->s47_start, c->date, 15, 0);
            t = (w & 3u) | (w & 8u);   /* timed, in 15, fault */
        }
        if (c->date != DATE_NONE && la_find_plan(d, c->child, c->date))
            t |= 4u;
        v[i] = (struct ev){c->date, (uint32_t)i, t};
    }
    evset_build(&f->conf, v, d->conferences.n, 4);
    for (size_t i = 0; i < d->strategies.n; i++)
        v[i] = (struct ev){d->strategies.v[i].date, (uint32_t)i,
                           d->strategies.v[i].to_s47 ? 1u : 0};
    evset_build(&f->strat, v, d->strategies.n, 1);
    free(v);
    return f;
}

/* The records' sweep: d's own (built once), or a new one for records built
 * by hand (*tmp, for the caller to free). */
static const struct flow_sweep *flow_sweep_get(const struct la_data *d,
                                               const struct measure_ctx *ctx,
                                               struct flow_sweep **tmp)
{
    struct flow_sweep **slot = sweep_flow_slot(d);
    *tmp = NULL;
    if (!slot)
        return *tmp = flow_sweep_build(d, ctx->cal);
    if (*slot && (*slot)->cal != ctx->cal) {
        flow_sweep_free(*slot);
        *slot = NULL;
    }
    if (!*slot)
        *slot = flow_sweep_build(d, ctx->cal);
    return *slot;
}

/* The records of [lo, hi) the calendar could not time (property col) are
 * noted as faults, as counting each did: the first in the order SQL gave
 * them (by LA child ID, then the child's records in array order) says
 * which.  child(d, i) is record i's child. */
static void note_faults(const struct measure_ctx *ctx, const struct evset *s, int col,
                        size_t lo, size_t hi, uint32_t (*child)(const struct la_data *, uint32_t),
                        lscb_date (*from)(const struct la_data *, uint32_t),
                        lscb_date (*to)(const struct la_data *, uint32_t),
                        const struct la_data *d, const char *what)
{
    long k = evset_sum(s, col, lo, hi);
    if (k == 0 || !ctx->fault)
        return;
    if (ctx->fault->n == 0) {
        uint32_t first = UINT32_MAX;
        for (size_t i = lo; i < hi; i++) {
            if (!evset_has(s, col, i))
                continue;
            int c = first == UINT32_MAX ? -1 : strcmp(la_child_id(d, child(d, s->idx[i])),
                                                      la_child_id(d, child(d, first)));
            if (c < 0 || (c == 0 && s->idx[i] < first))
                first = s->idx[i];
        }
        wd_count(ctx, from(d, first), to(d, first), what);   /* notes it: n becomes 1 */
        k--;
    }
    ctx->fault->n += k;
}

static uint32_t asmt_child(const struct la_data *d, uint32_t i) { return d->assessments.v[i].child; }
static uint32_t ini_child(const struct la_data *d, uint32_t i) { return d->initial.v[i].child; }
static uint32_t core_child(const struct la_data *d, uint32_t i) { return d->core.v[i].child; }
static uint32_t conf_child(const struct la_data *d, uint32_t i) { return d->conferences.v[i].child; }
static lscb_date asmt_from(const struct la_data *d, uint32_t i) { return d->assessments.v[i].start; }
static lscb_date asmt_to(const struct la_data *d, uint32_t i) { return d->assessments.v[i].auth; }
static lscb_date ini_from(const struct la_data *d, uint32_t i) { return d->initial.v[i].start; }
static lscb_date ini_to(const struct la_data *d, uint32_t i) { return d->initial.v[i].done; }
static lscb_date core_from(const struct la_data *d, uint32_t i) { return d->core.v[i].start; }
static lscb_date core_to(const struct la_data *d, uint32_t i) { return d->core.v[i].done; }
static lscb_date conf_from(const struct la_data *d, uint32_t i)
{
    return d->conferences.v[i].s47_start;
}
static lscb_date conf_to(const struct la_data *d, uint32_t i) { return d->conferences.v[i].date; }

/* Referrals in the period and those that are re-referrals. */
static void referrals(const struct flow_sweep *f, const struct measure_ctx *ctx, lscb_date s,
                      lscb_date e, struct measure_out *out)
{
    size_t lo, hi;
    evset_range(&f->ref, s, e, &lo, &hi);
    long n = (long)(hi - lo), re = evset_sum(&f->ref, 0, lo, hi),
         assessed = evset_sum(&f->ref, 1, lo, hi);
    measure_count(out, "referrals", s, e, NULL, NULL, n);
    measure_count(out, "re_referrals", s, e, NULL, NULL, re);
    measure_pct(out, "re_referral_pct", s, e, re, n);
    measure_rate(out, "referral_rate", s, e, n, ctx->population);
    measure_pct(out, "referral_assessed_pct", s, e, assessed, n);
}

/* Assessments completed in the period, and those within 45 working days of
 * their start.  One whose dates fall outside the holiday calendar cannot be
 * timed: noted as a fault (the run stops on it). */
static void assessments(const struct la_data *d, const struct flow_sweep *f,
                        const struct measure_ctx *ctx, lscb_date s, lscb_date e,
                        struct measure_out *out)
{
    size_t lo, hi;
    evset_range(&f->asmt, s, e, &lo, &hi);
    note_faults(ctx, &f->asmt, 2, lo, hi, asmt_child, asmt_from, asmt_to, d, "an assessment");
    measure_count(out, "assessments_completed", s, e, NULL, NULL, (long)(hi - lo));
    measure_pct(out, "assessment_timely_pct", s, e, evset_sum(&f->asmt, 1, lo, hi),
                evset_sum(&f->asmt, 0, lo, hi));
}

static void s47_and_conferences(const struct la_data *d, const struct flow_sweep *f,
                                const struct measure_ctx *ctx, lscb_date s, lscb_date e,
                                struct measure_out *out)
{
    size_t lo, hi;
    evset_range(&f->s47, s, e, &lo, &hi);
    long started = (long)(hi - lo), conferenced = evset_sum(&f->s47, 0, lo, hi);
    evset_range(&f->conf, s, e, &lo, &hi);
    note_faults(ctx, &f->conf, 3, lo, hi, conf_child, conf_from, conf_to, d,
                "a section 47 enquiry to its conference");
    long held = (long)(hi - lo), timed = evset_sum(&f->conf, 0, lo, hi),
         within = evset_sum(&f->conf, 1, lo, hi), to_plan = evset_sum(&f->conf, 2, lo, hi);
    measure_count(out, "s47_started", s, e, NULL, NULL, started);
    measure_pct(out, "s47_to_icpc_pct", s, e, conferenced, started);
    measure_rate(out, "s47_rate", s, e, started, ctx->population);
    measure_count(out, "icpc", s, e, NULL, NULL, held);
    measure_rate(out, "icpc_rate", s, e, held, ctx->population);
    measure_pct(out, "icpc_within_15wd_pct", s, e, within, timed);
    measure_pct(out, "icpc_to_cpp_pct", s, e, to_plan, held);
}

/* 2010-13 era assessments: completed in the period, and in time (initial:
 * 7 working days, 10 for periods ending after 31 March 2010; core: 35). */
static void legacy(const struct la_data *d, const struct flow_sweep *f,
                   const struct measure_ctx *ctx, lscb_date s, lscb_date e,
                   struct measure_out *out)
{
    static const struct {
        const char *count, *pct;
        int kind;
    } kinds[] = {{"initial_assessments", "initial_assessment_timely_pct", 0},
                 {"core_assessments", "core_assessment_timely_pct", 1}};
    for (int k = 0; k < 2; k++) {
        size_t n = kinds[k].kind ? d->core.n : d->initial.n;
        if (n == 0) {
            measure_missing(out, kinds[k].count, s, e);
            measure_missing(out, kinds[k].pct, s, e);
            continue;
        }
        /* column 1: within 7 (initial) or 35 (core); 2: within 10 */
        int col = kinds[k].kind ? 1 : e > date_from_ymd(2010, 3, 31) ? 2 : 1;
        const struct evset *ev = &f->legacy[kinds[k].kind];
        size_t lo, hi;
        evset_range(ev, s, e, &lo, &hi);
        note_faults(ctx, ev, 3, lo, hi, kinds[k].kind ? core_child : ini_child,
                    kinds[k].kind ? core_from : ini_from,
                    kinds[k].kind ? core_to : ini_to, d,
                    kinds[k].kind ? "a core assessment" : "an initial assessment");
        measure_count(out, kinds[k].count, s, e, NULL, NULL, (long)(hi - lo));
        measure_pct(out, kinds[k].pct, s, e, evset_sum(ev, col, lo, hi),
                    evset_sum(ev, 0, lo, hi));
    }
}

/* Strategy discussions come from a local extract; without one the counts
 * are unknown, not zero. */
static void strategy(const struct la_data *d, const struct flow_sweep *f, lscb_date s,
                     lscb_date e, struct measure_out *out)
{
    if (d->strategies.n == 0) {
        measure_missing(out, "strategy_discussions", s, e);
        measure_missing(out, "strategy_to_s47", s, e);
        return;
    }
    size_t lo, hi;
    evset_range(&f->strat, s, e, &lo, &hi);
    measure_count(out, "strategy_discussions", s, e, NULL, NULL, (long)(hi - lo));
    measure_count(out, "strategy_to_s47", s, e, NULL, NULL, evset_sum(&f->strat, 0, lo, hi));
}

void measures_flow(const struct la_data *d, const struct measure_ctx *ctx, lscb_date start,
                   lscb_date end, struct measure_out *out)
{
    struct flow_sweep *tmp;
    const struct flow_sweep *f = flow_sweep_get(d, ctx, &tmp);
    referrals(f, ctx, start, end, out);
    assessments(d, f, ctx, start, end, out);
    legacy(d, f, ctx, start, end, out);
    strategy(d, f, start, end, out);
    s47_and_conferences(d, f, ctx, start, end, out);
    flow_sweep_free(tmp);
}
