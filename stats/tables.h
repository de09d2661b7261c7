/*
 * tables.h — the template's tables, computed: tables/ID.csv per
 * [table:ID], header row as tpl_columns() gives it, one row per period or
 * band, values formatted as in measures.csv (counts; percentages rounded
 * half up to 1 dp from unrounded counts; "" when undefined).
 */
#ifndef LSCB_TABLES_H
#define LSCB_TABLES_H

#include "stats/ladata.h"
#include "common/lscb.h"
#include "stats/measures.h"
#include "common/template.h"

/* What the benchmark tables (rows = years, comparators) read. */
#include "stats/benchmarks.h"
struct table_bench {
    struct bench *b;
    const struct lscb_config *cfg;
    const struct pub_set *p;
};

/* The tables of t for census year Y, computed (new; free with
 * tables_free).  z (may be NULL) gets the facts every cell shows, for the
 * publication's suppression (publication.h).  tbb (may be NULL) is
 * borrowed until tables_save, which names the series in the headers. */
#include <stdbool.h>
#include "common/disclose.h"
struct table_set;
lscb_err tables_build(const struct report_template *t, const struct la_data *d,
                      const struct measure_ctx *ctx, int year,
                      const struct table_bench *tb_bench, struct dz *z, struct table_set **out,
                      struct lscb_error *e);

/* Writes outdir/ID.csv for every table; a cell whose facts z hides (z may
 * be NULL) is written "c". */
lscb_err tables_save(const struct table_set *ts, const struct report_template *t,
                     const struct dz *z, const char *outdir, struct lscb_error *e);
void tables_free(struct table_set *ts);

/* Writes outdir/manifest.csv: the template file the tables were computed
 * with, the year, the authority and whether they are suppressed, so that
 * lscb-report refuses tables of another template or year. */
lscb_err tables_manifest_write(const char *outdir, const struct report_template *t, int year,
                               const char *la, bool publish, struct lscb_error *e);
/* With no child-level data: writes the tables of t that published tables
 * fill (rows = years, rows = comparators) and TABLES/left-out.csv (table,
 * sheet, reason) naming the others, which the report leaves out. */
lscb_err tables_write_published(const struct report_template *t, int year,
                                const struct table_bench *tbb, const char *outdir,
                                struct lscb_error *e);

#endif
