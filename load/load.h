/*
 * load.h — lscb-load: normalised records into the warehouse.
 *
 * One transaction per (authority, census year) found in the normalised
 * census.csv: that year's earlier versions are deleted, its records inserted
 * with prepared statements, and the authority's merged rows rebuilt
 * (latest census wins: in SQLite its superseded rows listed, whmerge.h;
 * in PostgreSQL its merged tables), then committed.  The load works on a copy of the
 * warehouse renamed into place at the end (whcopy.h: one loader at a time,
 * journal and WAL handled), so a failure or a kill at any point leaves the
 * previous warehouse as it was.  Indexes are
 * created after the inserts.  The LA child ID is stored as a keyed
 * pseudonym (pseudonym.h); a key other than the warehouse's is refused.
 */
#ifndef LSCB_LOAD_H
#define LSCB_LOAD_H

#include <stdbool.h>
#include "common/lscb.h"
#include "common/notes.h"
#include "common/records.h"

struct load_opts {
    const char *indir;      /* normalised directory */
    const char *warehouse;  /* SQLite file (created) or postgresql:// URI */
    const char *key_file;   /* pseudonym key (pseudonym.h), unless LSCB_PSEUDONYM_KEY */
    bool create_key;        /* create key_file with a new key if missing */
    bool in_place;          /* SQLite: warehouse is the caller's working copy
                               (whcopy.h): load into it as it is, no copy */
    bool quiet;
    bool gather_keys;       /* the stream: keep the rows' keys for the merge
                               (whkeys.h), worth it when the run reads several
                               census years */
    struct lscb_notes *notes;  /* gets the reconciliation line (unless quiet)
                                * and warnings, for the main to print; NULL: dropped */
};

struct load_result {
    long read, wrote, rejected;
    int years;              /* (authority, census year) pairs loaded */
};

lscb_err load_run(const struct load_opts *opts, struct load_result *res, struct lscb_error *e);

/* Stores validation failure counts (validate.h's counts file: la_code,
 * census_year, rule, failures) in the warehouse, replacing those of each
 * return it names, in one transaction.  lscb-run uses it when the rules ran
 * beside the transform and the load. */
lscb_err load_validation_counts_file(const char *warehouse, const char *path,
                                     struct lscb_error *e);

/* ---- the stream: lscb-run's one pass ----
 *
 * The same load, record by record as the transform writes them, into an
 * SQLite working copy (opts.in_place; PostgreSQL loads the normalised files
 * with COPY): one transaction; a return's earlier versions are deleted when
 * its first record (or the return itself) arrives; load_log, the merged
 * rows and the indexes at the end, once.  A failure leaves the copy for
 * the caller to discard. */
struct load_stream;

/* Opens the warehouse and the key and begins the transaction.  *ls is set
 * even on failure: free it with load_stream_free. */
lscb_err load_stream_open(const struct load_opts *opts, struct load_stream **ls,
                          struct lscb_error *e);
/* One normalised record (REC_NCTX + entity_nnorm values, borrowed). */
lscb_err load_stream_record(struct load_stream *ls, enum entity_id ent, const char *const *row,
                            size_t n, struct lscb_error *e);
/* One return read (a row of census.csv). */
lscb_err load_stream_return(struct load_stream *ls, const char *file, const char *la, int year,
                            long records, enum return_kind kind, struct lscb_error *e);
/* load_log, the merged rows, the indexes; commits. */
lscb_err load_stream_finish(struct load_stream *ls, struct load_result *res,
                            struct lscb_error *e);
void load_stream_free(struct load_stream *ls);

#endif
