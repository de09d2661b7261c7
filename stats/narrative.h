/*
 * narrative.h — drafted sentences for each template table, in the report's
 * register ("At 31 March 2012 there were 137 children subject to a child
 * protection plan, down from 152 a year earlier."), for the author to edit.
 *
 * Direction and size come from the figures: the year against the year
 * before when that year's census is loaded.  A difference from England or
 * the statistical neighbours is called significant only when the authority
 * lies beyond the funnel plot's exact control limits around it ("significantly
 * higher than England (99.8% limits)"), and a trend rising or falling only
 * when the test for trend over five years gives p < 0.05 (funnel_pub.h).
 * Written to tables/narrative.csv (table, sentence) and tables/narrative.md.
 */
#ifndef LSCB_NARRATIVE_H
#define LSCB_NARRATIVE_H

#include "ladata.h"
#include "lscb.h"
#include "measures.h"
#include "tables.h"
#include "template.h"

/* tbb may be NULL (no published tables): benchmark tables then get no
 * sentence. */
lscb_err narrative_write(const struct report_template *t, const struct la_data *d,
                         const struct measure_ctx *ctx, int year,
                         const struct table_bench *tbb, const char *outdir,
                         struct lscb_error *e);

#endif
