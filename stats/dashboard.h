/*
 * dashboard.h — the headline indicators of the workbook's Dashboard sheet
 * (as analysts know them from the DfE's ChAT): referral rate, re-referrals,
 * assessments in time, section 47 rate, conferences in 15 days, plan rate,
 * NI65, NI64, NI67, plans started and ended, each for the census year and
 * the year before, computed from the warehouse.  Written to
 * tables/dashboard.csv (measure,this_year,last_year); lscb-report adds the
 * neighbours, England and the quartile band from benchmarks.csv.
 */
#ifndef LSCB_DASHBOARD_H
#define LSCB_DASHBOARD_H

#include <stdbool.h>

#include "common/disclose.h"
#include "stats/ladata.h"
#include "common/lscb.h"
#include "stats/measures.h"

/* The measures shown, in order. */
extern const char *const dashboard_measures[];
extern const int dashboard_nmeasures;

/* Computes and writes outdir/dashboard.csv (ctx_before: the year before's
 * context, its population for the rates).  z (may be NULL): the
 * publication; with declare_only the figures are registered in it and
 * nothing is written, else figures z hides are written "c".  The year
 * before is empty when its census is not loaded. */
lscb_err dashboard_write(const struct la_data *d, const struct measure_ctx *ctx,
                         const struct measure_ctx *ctx_before, int year, struct dz *z,
                         bool declare_only, const char *outdir, struct lscb_error *e);

/* A run from published tables alone (no warehouse): writes
 * outdir/dashboard.csv with the authority's published figures for the
 * census year and the year before (b: borrowed), empty where no release
 * has one, so the Dashboard is not left blank. */
struct bench;
lscb_err dashboard_write_published(struct bench *b, int year, const char *outdir,
                                   struct lscb_error *e);

#endif
