/*
 * stats.h — lscb-stats: the warehouse to tables/measures.csv (and
 * tables/sources.csv, the census returns each figure rests on).
 */
#ifndef LSCB_STATS_H
#define LSCB_STATS_H

#include <stdbool.h>
#include "common/lscb.h"
#include "common/notes.h"

struct stats_opts {
    const char *warehouse;
    const char *outdir;     /* tables directory (created) */
    int year;               /* census year Y: 1 April Y-1 to 31 March Y */
    const char *la;         /* NULL: the warehouse's only authority */
    const char *population; /* ONS 0-17 population file; NULL: the bundled one */
    const char *tpl;        /* template name or path; NULL: dfe */
    bool publish;           /* suppress small numbers in the template tables */
    const char *published;  /* published DfE tables (map.csv); NULL: no benchmarks */
    const char *config;     /* authority configuration (INI), or NULL */
    bool quiet;
    struct lscb_notes *notes;  /* gets the reconciliation line (unless quiet)
                                * and warnings, for the main to print; NULL: dropped */
};

struct stats_result {
    long plans;             /* plans read */
    long rows;              /* measure rows written */
    char la[256];           /* the authority (or comma-separated aggregate) */
};

/* With published tables and no warehouse, only benchmarks.csv is written
 * (the authority from la or the configuration).
 * Errors: LSCB_EINPUT when the warehouse has no data for the authority and
 * year (nothing loaded, or year Y's census missing), LSCB_EUSAGE when it
 * holds several authorities and none was named, LSCB_ESYS. */
lscb_err stats_run(const struct stats_opts *opts, struct stats_result *res,
                   struct lscb_error *e);

/* Writes DIR/validation-summary.csv for the year from the warehouse's
 * validation counts (or removes it when the return was not validated):
 * lscb-run calls it again once its parallel validation has stored them. */
lscb_err stats_validation_summary(const char *warehouse, const char *la, int year,
                                  const char *dir, struct lscb_error *e);

#endif
