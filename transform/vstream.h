/*
 * vstream.h — DfE's CIN census validation rules (common/vrules.h) run in C
 * as the records stream past: no scratch database, one look at each
 * record, memory bounded by one child's records plus hash sets of keys.
 *
 * validate_run (transform/validate.h) drives it over a staged directory;
 * lscb-run's one pass drives it straight from the extractor's records.
 * Either way the lines of validation.csv are exactly those (and in the
 * order) of the SQL rules of transform/validate_rules.c, which stay the
 * rules' reference: LSCB_VALIDATE_ENGINE=sql runs them instead, and
 * tests/unit/test_vstream.c compares the two.
 *
 * Use, in this order:
 *
 *   vstream_open(&vs, &opts, e);
 *   vstream_census(vs, ...) for each census return (census.csv's rows, any
 *       time before vstream_end_input);
 *   for each child, in the order the return gives them:
 *       vstream_record(vs, ent, row, problem, e) for each of its records
 *           (the child's record and every module record under it, in any
 *           order; its signature is record_fn's, so the extractor can call
 *           it directly, e.g. through a sink that also writes or loads);
 *       vstream_end_child(vs, e): the child is complete; its rules run now
 *           and its records are freed.  (The census XML extractor emits a
 *           child's record last, at </Child>: call it after each ENT_CHILD
 *           record.)
 *   vstream_end_input(vs, &replay, e);
 *   if replay: feed every record again, in the same order, with
 *       vstream_record (vstream_end_child calls are optional: ignored),
 *       then vstream_end_input(vs, &replay, e) again (replay is then false);
 *   vstream_finish(vs, out, counts, &res, e): writes validation.csv (and the
 *       counts file); vstream_free(vs) always.
 *
 * What "a child" is.  The rules compare the records of one child: those
 * with the same LA, census year and LA child ID (records without an ID or
 * LA compare with nothing, as in the SQL).  Records given between two
 * vstream_end_child calls are grouped by that key, so a call that covers
 * several children is right, only less economical.  A child whose records
 * come in two separate groups (the same ID twice in a return, or a CSV
 * extract whose module files are not in the child file's order) cannot be
 * judged until everything has been seen: vstream_end_input then asks for
 * a replay, in which only those children's records are kept, and their
 * rules run on all their records together; the first judgement of them is
 * dropped.  Without duplicates, a census XML never needs one.
 *
 * Records: row has REC_NCTX + entity_defs[ent].nfields strings, values as
 * found ("" = missing), borrowed for the call; a record whose problem is
 * REC_BAD_ROW is not judged (the transform rejects it, T09).  Entities
 * that are not census modules (KIND_CENSUS) are ignored.
 *
 * Order of validation.csv: rule by rule (vrules' order), and within a rule
 * in the order of the records in their own entity's stream (the staged
 * file's order), whatever order the children were judged in.
 *
 * Not thread-safe; one vstream per thread.  Errors: LSCB_EINPUT (a staged
 * value that is not a number where one must be; a working-day count the
 * calendar cannot give), LSCB_ESYS (files), LSCB_EUSAGE (options).
 */
#ifndef LSCB_VSTREAM_H
#define LSCB_VSTREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "common/lscb.h"
#include "common/notes.h"
#include "common/record_sink.h"
#include "common/records.h"
#include "common/vrules.h"

struct vstream;

struct vstream_opts {
    const char *only;        /* run this rule only (tests), or NULL for all */
    const char *period_end;  /* as validate_opts.period_end, or NULL */
    long long *work;         /* or NULL: vrules_count counters, each rule's work
                                (records and comparisons it looked at), for
                                tests of growth free of timing noise */
};

/* Allocates *out (free with vstream_free, also after an error). */
lscb_err vstream_open(struct vstream **out, const struct vstream_opts *o, struct lscb_error *e);

/* One census return, census.csv's columns: source file, LA code, census
 * year, reference date (as found, "" if none), kind ("census" is judged;
 * other kinds are ignored), header year ("" or NULL if none).  Strings are
 * copied. */
lscb_err vstream_census(struct vstream *vs, const char *file, const char *la, const char *year,
                        const char *reference_date, const char *kind, const char *header_year,
                        struct lscb_error *e);

/* One staged record (see above); ctx is the struct vstream *.  Fits
 * record_fn. */
lscb_err vstream_record(void *ctx, enum entity_id ent, const char *const *row,
                        const struct rec_problem *problem, struct lscb_error *e);

/* The records given since the last call are complete children. */
lscb_err vstream_end_child(struct vstream *vs, struct lscb_error *e);

/* After the last record.  *replay: every record must be given again (see
 * above); false the second time. */
lscb_err vstream_end_input(struct vstream *vs, bool *replay, struct lscb_error *e);

/* Writes out (validation.csv; header and one line per failure) and, if
 * counts is not NULL, the failures per census return and rule (zeros too),
 * each atomically (afile).  res gets the totals. */
struct validate_result;
lscb_err vstream_finish(struct vstream *vs, const char *out, const char *counts,
                        struct validate_result *res, struct lscb_error *e);

void vstream_free(struct vstream *vs);

#endif
