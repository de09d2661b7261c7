/*
 * transform.h — lscb-transform: staged records to typed, checked records.
 *
 * For each entity file in the staged directory, every record is either
 * written to the normalised directory (dates strict ISO, codes from the code
 * sets, booleans 0/1, counts as integers) or written to rejects.csv with its
 * provenance, the rule broken, the field and a message.  A record whose
 * parent (the child of an episode, the episode of a plan, the plan of a
 * review) was rejected is rejected too (rule T04), so no orphan reaches the
 * warehouse.  read N = wrote M + rejected K, always.
 *
 * Rule codes: T01 required field missing; T02 not a valid ISO date;
 * T03 code not in the code set; T04 parent record rejected; T05 duplicate
 * record in the same return; T06 dates out of order (e.g. plan end before
 * start); T07 value too long or repeated; T08 not a valid boolean or count;
 * T09 malformed row (wrong number of columns); T10 no parent record in the
 * same return (a CSV extract's plan whose episode is not in the episode
 * extract, say).
 *
 * Codes that feed at most a breakdown (sex, ethnicity, disabilities,
 * referral source, primary need, reason for closure, RNFA flag, categories
 * of abuse: field_def.soft) are not a reason to lose the record: when
 * missing or not in the code set the value is left empty and the record
 * kept, counted in the summary line; DfE's validation rule lists it.
 */
#ifndef LSCB_TRANSFORM_H
#define LSCB_TRANSFORM_H

#include <stdbool.h>
#include "common/lscb.h"
#include "common/reject_rules.h"
#include "common/notes.h"
#include "common/records.h"


struct transform_opts {
    const char *indir;     /* staged directory */
    const char *outdir;    /* normalised directory (created) */
    const char *rejects;   /* rejects.csv path */
    const char *validation; /* validation.csv path (DfE rules, validate.h), or NULL */
    const char *period_end; /* validation over the year ending this date (validate.h) */
    bool quiet;
    struct lscb_notes *notes;  /* gets the reconciliation line (unless quiet)
                                * and warnings, for the main to print; NULL: dropped */
};

struct transform_result {
    long read, wrote, rejected;
    long blanked;          /* soft code values missing or invalid, left empty */
    long validation_errors, validation_queries;
};

lscb_err transform_run(const struct transform_opts *opts, struct transform_result *res,
                       struct lscb_error *e);

/* rejects.csv's header line. */
#define TRANSFORM_REJECTS_HEADER \
    "source_file,source_line,entity,la_code,child_id,rule,field,message\n"

/* ---- the same rules over a stream of records (lscb-run's one pass) ----
 *
 * Records come as the reader emits them (record_sink.h), a census XML
 * child's own records before its Child record.  The stream holds a child's
 * records until its Child record (or HOLD_MAX records, or the end of an
 * input) and judges them parents' entities first, so each record meets the
 * same rules, in each entity the same order, as transform_run over the
 * staged files; rejects.csv is written in the files' order (each entity's
 * rejects in a temporary file beside it until the end).  When the
 * outcome could differ from the files' (a parent arriving after a record
 * that looked for it, or a parent's key rejected after records found it
 * written: only a return with a child given twice, or a CSV extract whose
 * modules come before the children's), *exact is false at the end and the
 * caller runs the stages on files instead. */
typedef lscb_err (*transform_norm_fn)(void *ctx, enum entity_id ent, const char *const *row,
                                      size_t n, struct lscb_error *e);
struct transform_stream;
struct rec_problem;

/* Opens rejects (committed by transform_stream_finish); out receives each
 * normalised record (REC_NCTX + entity_nnorm fields, borrowed for the call).
 * *ts is set even on failure: free it with transform_stream_free. */
lscb_err transform_stream_open(const char *rejects, bool quiet, struct lscb_notes *notes,
                               transform_norm_fn out, void *ctx, struct transform_stream **ts,
                               struct lscb_error *e);
/* A record_fn (record_sink.h); ctx is the stream. */
lscb_err transform_stream_record(void *ctx, enum entity_id ent, const char *const *row,
                                 const struct rec_problem *problem, struct lscb_error *e);
/* An input is over: its held records are judged. */
lscb_err transform_stream_end_input(struct transform_stream *ts, struct lscb_error *e);
/* No record of the return (la, year) comes any more (the caller knows the
 * inputs left): its keys are dropped, so memory holds one return's keys,
 * not every year's.  Call it after transform_stream_end_input. */
void transform_stream_forget(struct transform_stream *ts, const char *la, const char *year);
/* Judges what is held, writes and commits rejects.csv, reconciles; the
 * reconciliation note is added only when *exact. */
lscb_err transform_stream_finish(struct transform_stream *ts, struct transform_result *res,
                                 bool *exact, struct lscb_error *e);
/* Removes the temporary files (and rejects.csv's, if not committed). */
void transform_stream_free(struct transform_stream *ts);

/* Checks one staged value against its field definition.  On success writes
 * the normalised value into out (cap bytes) and returns NULL; otherwise
 * returns the rule code ("T01".."T03", "T07", "T08" or "T09") and writes a
 * message into msg. */
struct field_def;
const char *transform_field(const struct field_def *fd, const char *value, char *out,
                            size_t cap, char *msg, size_t msgcap);

#endif
