/*
 * onepass.h — lscb-run's extract, transform and load in one pass over the
 * inputs, on both cores.
 *
 * The stages run alone (lscb-extract, lscb-transform, lscb-load) hand each
 * other CSV files; here the records go from the reader (record_sink.h)
 * through the transform's rules (transform_stream) to the load
 * (load_stream) without them: this thread parses and judges, a second one
 * inserts into the SQLite working copy, the two joined by a bounded queue of
 * record batches (a few MB at most).  The outputs are the files': the same
 * rejects.csv, the same warehouse rows.
 *
 * When the transform says its outcome could differ from the files' order
 * (transform.h: a child given twice with a rejected copy, a CSV extract's
 * modules before its children), result.exact is false, the working copy
 * holds an unfinished load, and the caller must start again from the staged
 * files (the stages' way).
 *
 * Errors come back as values from either thread; nothing is printed and
 * nothing forked.
 */
#ifndef LSCB_ONEPASS_H
#define LSCB_ONEPASS_H

#include <stdbool.h>
#include "common/lscb.h"
#include "common/notes.h"

struct onepass_opts {
    const char *const *inputs;
    int ninputs;
    const char *la;            /* --la: for a file whose header has none */
    const char *staged;        /* also write the staged files here, or NULL */
    const char *validation;    /* DfE's rules as the records pass (vstream.h, on
                                  the load's thread): validation.csv, or NULL */
    const char *counts;        /* and the counts file (validate.h) */
    const char *period_end;    /* as validate_opts.period_end */
    const char *rejects;       /* rejects.csv (committed when done) */
    const char *warehouse;     /* the SQLite working copy (whcopy.h) */
    const char *key_file;      /* pseudonym key, made when missing */
    bool threads;              /* load on a second thread (else in turn) */
    bool quiet;
    struct lscb_notes *notes;  /* the stages' reconciliation lines */
};

struct onepass_result {
    long read, rejected;       /* the transform's */
    long loaded;               /* rows inserted */
    int newest_census;         /* census year of the newest census return read (0: none) */
    int newest_any;            /* of any return */
    bool exact;                /* false: start again from the staged files */
};

lscb_err onepass_run(const struct onepass_opts *o, struct onepass_result *r,
                     struct lscb_error *e);

#endif
