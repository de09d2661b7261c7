/*
 * tables.h — the template's tables, computed: tables/ID.csv per
 * [table:ID], header row as tpl_columns() gives it, one row per period or
 * band, values formatted as in measures.csv (counts; percentages rounded
 * half up to 1 dp from unrounded counts; "" when undefined).
 */
#ifndef LSCB_TABLES_H
#define LSCB_TABLES_H

#include "ladata.h"
#include "lscb.h"
#include "measures.h"
#include "template.h"

/* What the benchmark tables (rows = years, comparators) read. */
#include "benchmarks.h"
struct table_bench {
    struct bench *b;
    const struct lscb_config *cfg;
    const struct pub_set *p;
};

/* Writes every table of t for census year Y into outdir; with publish,
 * DfE's suppression (suppress.h): small counts and what would reveal them
 * are written as "c". */
#include <stdbool.h>
lscb_err tables_write(const struct report_template *t, const struct la_data *d,
                      const struct measure_ctx *ctx, int year, bool publish,
                      const struct table_bench *tb_bench, const char *outdir,
                      struct lscb_error *e);

#endif
