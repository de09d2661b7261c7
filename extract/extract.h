/*
 * extract.h — lscb-extract: raw inputs to staged records.
 *
 * Detects each input's kind from its content (a census XML document starts
 * with '<' after an optional BOM and white space), reads it, and writes one
 * staged CSV per entity into outdir (values as found, with provenance) plus
 * census.csv listing each input's LA, census year and record count.  All
 * outputs are committed together only when every input was read: a file that
 * stops the run leaves no staged output.
 */
#ifndef LSCB_EXTRACT_H
#define LSCB_EXTRACT_H

#include <stdbool.h>
#include "common/lscb.h"
#include "common/notes.h"

struct extract_opts {
    const char *outdir;        /* staged directory (created) */
    const char *const *inputs; /* input paths */
    int ninputs;
    const char *la;            /* LA code when a file's header has none */
    int year;                  /* census year when a file's header has none */
    bool quiet;                /* no reconciliation line */
    struct lscb_notes *notes;  /* gets the reconciliation line (unless quiet)
                                * and warnings, for the main to print; NULL: dropped */
};

struct extract_result {
    long read, wrote, rejected;
};

/* Runs the stage.  Borrows opts.  Errors: LSCB_EINPUT (a bad input file;
 * e names it and the line), LSCB_ESYS. */
lscb_err extract_run(const struct extract_opts *opts, struct extract_result *res,
                     struct lscb_error *e);

#endif
