/*
 * narrative.h — a drafted paragraph for each template table, in the report's
 * register ("At 31 March 2012 there were 137 children subject to a child
 * protection plan, down from 152 a year earlier."), for the author to edit.
 *
 * Direction and size come from the figures: the year against the year
 * before when that year's census is loaded.  A difference from England or
 * the statistical neighbours is mentioned as significant only when the
 * authority lies beyond the funnel plot's exact control limits around it
 * ("significantly higher than England (99.8% limits)"), and a trend only
 * when the test for trend over five years gives p < 0.05 (funnel_pub.h).
 * Written to tables/narrative.csv (table, sheet, paragraph) and tables/narrative.md.
 */
#ifndef LSCB_NARRATIVE_H
#define LSCB_NARRATIVE_H

#include "stats/ladata.h"
#include "common/lscb.h"
#include "stats/measures.h"
#include "stats/tables.h"
#include "common/template.h"

/* ctx_before: the year before's context (its population for its rates).
 * One paragraph per table: its main point, the change on last year, and,
 * from the benchmarks (tbb, may be NULL), the authority against England
 * and its neighbours; no sentence appears twice in the narrative.  z (may
 * be NULL): the publication; the figures the narrative shows are
 * registered in it, and any it hides are written "c".  declare_only:
 * register the figures and write nothing (the pass before the
 * suppression). */
#include <stdbool.h>
#include "common/disclose.h"
lscb_err narrative_write(const struct report_template *t, const struct la_data *d,
                         const struct measure_ctx *ctx, const struct measure_ctx *ctx_before,
                         int year,
                         const struct table_bench *tbb, struct dz *z, bool declare_only,
                         const char *outdir, struct lscb_error *e);

#endif
