/*
 * pipeline.h — lscb-run: the stages chained into a work directory, as
 * DESIGN.md's command-line contract says.
 *
 *   WORKDIR/staged/          lscb-extract output   } removed after a successful
 *   WORKDIR/normalized/      lscb-transform output } run (they name children)
 *   WORKDIR/pseudonym.key    the key of the warehouse's pseudonyms
 *   WORKDIR/rejects.csv      records that could not be used, and why
 *   WORKDIR/warehouse.sqlite the warehouse (kept between runs), unless
 *                            --warehouse or the configuration names another
 *                            (a PostgreSQL one shared by several authorities)
 *   WORKDIR/tables/          measures.csv, sources.csv
 *   WORKDIR/report-YYYY.xlsx the workbook
 *
 * With no INPUT the existing warehouse is reported on again; with no INPUT,
 * no warehouse and published tables, the benchmarks and a workbook of the
 * sheets published tables fill are written (the others named in
 * tables/left-out.csv, on its Contents sheet and in left_out).  A run holds an
 * exclusive lock on WORKDIR/.lscb-run.lock; a second concurrent run stops.
 */
#ifndef LSCB_PIPELINE_H
#define LSCB_PIPELINE_H

#include <stdbool.h>
#include "common/lscb.h"
#include "common/notes.h"

struct pipeline_opts {
    int year;                 /* 0: the census year of the newest return given */
    const char *la;
    const char *tpl;          /* template name (default dfe) */
    const char *const *tpls;  /* or several: one workbook each (report-Y.xlsx for the
                                 first, report-Y-NAME.xlsx for the others) */
    int ntpls;
    const char *population;   /* ONS 0-17 population file, NULL: bundled */
    const char *published;    /* published DfE tables (map.csv), or NULL */
    const char *config;       /* authority configuration, or NULL */
    const char *workdir;
    const char *warehouse;    /* SQLite path or postgresql:// URI; NULL: the config's
                                 warehouse, else WORKDIR/warehouse.sqlite */
    const char *const *inputs;
    int ninputs;
    bool verbose;             /* stage reconciliation lines on stderr */
    bool publish;             /* publication profile: suppression in the tables */
    bool keep_intermediate;   /* keep staged/ and normalized/ (they name children) */
    const char *period_end;   /* validation of a part-year extract: the year ending
                                 this date (validate.h), NULL: the census year */
};

struct pipeline_result {
    struct lscb_notes notes;  /* stage lines (verbose) and warnings, to print;
                                 free with notes_release */
    int year;                 /* the census year reported on */
    long records_read, records_rejected;
    char cpp_open[16];        /* children on plans at 31 March YYYY */
    char report[4096];        /* workbook path ("" when benchmarks only) */
    bool benchmarks_only;     /* no child-level data: published figures only */
    char left_out[2048];      /* then: the template's sheets left out, comma-separated */
};

lscb_err pipeline_run(const struct pipeline_opts *opts, struct pipeline_result *res,
                      struct lscb_error *e);

/* The files of an inputs directory (regular, not hidden), sorted, as new
 * strings in a new array (free each, then the array).  Errors: LSCB_EINPUT
 * (unreadable, no files). */
lscb_err pipeline_list_inputs(const char *dir, char ***out, int *n, struct lscb_error *e);

#endif
