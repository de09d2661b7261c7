/*
 * narrative.h — drafted sentences for each template table, in the report's
 * register ("At 31 March 2012 there were 137 children subject to a child
 * protection plan, down from 152 a year earlier."), for the author to edit.
 *
 * Direction and size come from the figures: the year against the year
 * before when that year's census is loaded.  No difference is called
 * significant: that needs the benchmark intervals, which are not built yet.
 * Written to tables/narrative.csv (table, sentence) and tables/narrative.md.
 */
#ifndef LSCB_NARRATIVE_H
#define LSCB_NARRATIVE_H

#include "ladata.h"
#include "lscb.h"
#include "measures.h"
#include "template.h"

lscb_err narrative_write(const struct report_template *t, const struct la_data *d,
                         const struct measure_ctx *ctx, int year, const char *outdir,
                         struct lscb_error *e);

#endif
