/*
 * flow.c — the work before a plan: referrals and re-referrals, assessments,
 * section 47 enquiries, initial conferences (DESIGN.md "Measures").
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "common/text.h"
#include "stats/measures.h"

static bool in(lscb_date t, lscb_date a, lscb_date b)
{
    return t != DATE_NONE && t >= a && t <= b;
}

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

/* Referrals in the period and those that are re-referrals: the child's
 * previous referral (episodes are ordered by child, then date) falls on or
 * after this date minus 12 months. */
static void referrals(const struct la_data *d, const struct measure_ctx *ctx, lscb_date s,
                      lscb_date e, struct measure_out *out)
{
    long n = 0, re = 0, assessed = 0;
    for (size_t i = 0; i < d->episodes.n; i++) {
        const struct episode *ep = &d->episodes.v[i];
        if (!in(ep->ref, s, e))
            continue;
        n++;
        assessed += ep->assessed;
        if (i > 0) {
            const struct episode *prev = &d->episodes.v[i - 1];
            if (!strcmp(prev->child_id, ep->child_id) && prev->ref < ep->ref &&
                prev->ref >= date_add_months(ep->ref, -12))
                re++;
        }
    }
    measure_count(out, "referrals", s, e, NULL, NULL, n);
    measure_count(out, "re_referrals", s, e, NULL, NULL, re);
    measure_pct(out, "re_referral_pct", s, e, re, n);
    measure_rate(out, "referral_rate", s, e, n, ctx->population);
    measure_pct(out, "referral_assessed_pct", s, e, assessed, n);
}

/* Assessments completed in the period, and those within 45 working days of
 * their start.  One whose dates fall outside the holiday calendar cannot be
 * timed: noted as a fault (the run stops on it). */
static void assessments(const struct la_data *d, const struct measure_ctx *ctx, lscb_date s,
                        lscb_date e, struct measure_out *out)
{
    long done = 0, timed = 0, timely = 0;
    for (size_t i = 0; i < d->assessments.n; i++) {
        const struct assessment *a = &d->assessments.v[i];
        if (!in(a->auth, s, e))
            continue;
        done++;
        int wd = wd_count(ctx, a->start, a->auth, "an assessment");
        if (wd < 0)
            continue;
        timed++;
        timely += wd <= 45;
    }
    measure_count(out, "assessments_completed", s, e, NULL, NULL, done);
    measure_pct(out, "assessment_timely_pct", s, e, timely, timed);
}

static void s47_and_conferences(const struct la_data *d, const struct measure_ctx *ctx,
                                lscb_date s, lscb_date e, struct measure_out *out)
{
    long started = 0, conferenced = 0;
    for (size_t i = 0; i < d->s47s.n; i++)
        if (in(d->s47s.v[i].start, s, e)) {
            started++;
            conferenced += d->s47s.v[i].conference;
        }
    long held = 0, timed = 0, within = 0, to_plan = 0;
    for (size_t i = 0; i < d->conferences.n; i++) {
        const struct conference *c = &d->conferences.v[i];
        if (!in(c->date, s, e))
            continue;
        held++;
        if (c->s47_start != DATE_NONE) {
            int wd = wd_count(ctx, c->s47_start, c->date,
                              "a section 47 enquiry to its conference");
            if (wd >= 0) {
                timed++;
                within += wd <= 15;
            }
        }
        to_plan += la_find_plan(d, c->child_id, c->date) != NULL;
    }
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
static void legacy(const struct la_data *d, const struct measure_ctx *ctx, lscb_date s,
                   lscb_date e, struct measure_out *out)
{
    static const struct {
        const char *count, *pct;
        int kind;
    } kinds[] = {{"initial_assessments", "initial_assessment_timely_pct", 0},
                 {"core_assessments", "core_assessment_timely_pct", 1}};
    for (int k = 0; k < 2; k++) {
        const struct legacy_assessment *v = kinds[k].kind ? d->core.v : d->initial.v;
        size_t n = kinds[k].kind ? d->core.n : d->initial.n;
        if (n == 0) {
            measure_missing(out, kinds[k].count, s, e);
            measure_missing(out, kinds[k].pct, s, e);
            continue;
        }
        int limit = kinds[k].kind ? 35 : e > date_from_ymd(2010, 3, 31) ? 10 : 7;
        long done = 0, timed = 0, timely = 0;
        for (size_t i = 0; i < n; i++) {
            if (!in(v[i].done, s, e))
                continue;
            done++;
            int wd = wd_count(ctx, v[i].start, v[i].done, kinds[k].kind ? "a core assessment"
                                                                         : "an initial assessment");
            if (wd < 0)
                continue;
            timed++;
            timely += wd <= limit;
        }
        measure_count(out, kinds[k].count, s, e, NULL, NULL, done);
        measure_pct(out, kinds[k].pct, s, e, timely, timed);
    }
}

/* Strategy discussions come from a local extract; without one the counts
 * are unknown, not zero. */
static void strategy(const struct la_data *d, lscb_date s, lscb_date e, struct measure_out *out)
{
    if (d->strategies.n == 0) {
        measure_missing(out, "strategy_discussions", s, e);
        measure_missing(out, "strategy_to_s47", s, e);
        return;
    }
    long n = 0, to_s47 = 0;
    for (size_t i = 0; i < d->strategies.n; i++)
        if (in(d->strategies.v[i].date, s, e)) {
            n++;
            to_s47 += d->strategies.v[i].to_s47;
        }
    measure_count(out, "strategy_discussions", s, e, NULL, NULL, n);
    measure_count(out, "strategy_to_s47", s, e, NULL, NULL, to_s47);
}

void measures_flow(const struct la_data *d, const struct measure_ctx *ctx, lscb_date start,
                   lscb_date end, struct measure_out *out)
{
    referrals(d, ctx, start, end, out);
    assessments(d, ctx, start, end, out);
    legacy(d, ctx, start, end, out);
    strategy(d, start, end, out);
    s47_and_conferences(d, ctx, start, end, out);
}
