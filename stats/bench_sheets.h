/*
 * bench_sheets.h — the data of the workbook's benchmark indicator sheets
 * (LAIT-style): one per benchmark indicator, laid out by output/report_bench.c.
 *
 *   TABLES/bench-index.csv   id, measure, sheet, title, unit, polarity,
 *                            neighbours, la_name, region_name, source,
 *                            period, note (one row per sheet, in order)
 *   TABLES/bench-ID.csv      Year, the authority (named), each statistical
 *                            neighbour (named), the neighbours' mean or
 *                            median, the region (named), England, Rank, Of,
 *                            Band, 95% low, 95% high, Trend per year
 *
 *   TABLES/bench-tables.csv  id, source, period of each template table with
 *                            rows = comparators (the releases its figures
 *                            come from, the census year shown)
 *
 * A template table with rows = years gives the sheet of its first measure
 * (id = the table's id, its sheet name, title, years and note); every other
 * measure the published tables hold for the authority or England (a
 * comparison needs them) gets a sheet "B <short name>" of
 * cfg->benchmark_years years.
 * A series that ended before the years shown (initial and core
 * assessments, 2014) shows its last years instead and its note names the
 * measure that replaced it.  The source line names every release a figure
 * on the sheet came from; the period line the years it spans.
 */
#ifndef LSCB_BENCH_SHEETS_H
#define LSCB_BENCH_SHEETS_H

#include "stats/benchmarks.h"
#include "common/config.h"
#include "common/lscb.h"
#include "stats/published.h"
#include "common/template.h"

/* Writes bench-index.csv and the bench-ID.csv files into outdir for
 * census year `year`.  own: the authority's own values (may be NULL).
 * Borrows everything.  Errors: LSCB_ESYS (writing). */
lscb_err bench_sheets_write(struct bench *b, const struct pub_set *p,
                            const struct lscb_config *cfg, const struct own_value *own,
                            size_t nown, const struct report_template *t, int year,
                            const char *outdir, struct lscb_error *e);

#endif
