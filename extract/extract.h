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
#include "common/record_sink.h"

/* One return read (a row of the staged census.csv). */
struct extract_return {
    int input;                 /* its index in extract_opts.inputs */
    const char *path, *la;
    const char *reference_date, *header_year;   /* as found ("" if none) */
    int year;
    long records;
    enum return_kind kind;
};

struct extract_opts {
    const char *outdir;        /* staged directory (created), or NULL: no staged files */
    const char *const *inputs; /* input paths */
    int ninputs;
    const char *la;            /* LA code when a file's header has none */
    int year;                  /* census year when a file's header has none */
    bool quiet;                /* no reconciliation line */
    struct lscb_notes *notes;  /* gets the reconciliation line (unless quiet)
                                * and warnings, for the main to print; NULL: dropped */
    /* lscb-run's one pass: each record is also handed to tee (after it is
     * staged), and each return, once read, to on_return (NULL: none) */
    record_fn tee;
    void *tee_ctx;
    lscb_err (*on_return)(void *ctx, const struct extract_return *r, struct lscb_error *e);
    void *return_ctx;
};

struct extract_result {
    long read, wrote, rejected;
};

/* Runs the stage.  Borrows opts.  Errors: LSCB_EINPUT (a bad input file;
 * e names it and the line), LSCB_ESYS. */
lscb_err extract_run(const struct extract_opts *opts, struct extract_result *res,
                     struct lscb_error *e);

/* What an input holds, from its start, for lscb-run's one pass to know
 * which returns no later input repeats. */
enum peek_what {
    PEEK_UNKNOWN,   /* anything (a CSV extract, unreadable, malformed) */
    PEEK_STRATEGY,  /* a strategy discussion extract: records of year LOCAL_EXTRACT_YEAR only */
    PEEK_CENSUS,    /* a census XML return of authority la, census year year */
};
struct extract_peek {
    enum peek_what what;
    char la[8];
    int year;
};

/* Reads the start of path (a census XML's header, up to its first record);
 * la as extract_opts.la.  Never fails: what it cannot tell is PEEK_UNKNOWN
 * (the read proper reports what is wrong). */
void extract_peek(const char *path, const char *la, struct extract_peek *out);

#endif
