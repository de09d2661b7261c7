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

/* Checks one staged value against its field definition.  On success writes
 * the normalised value into out (cap bytes) and returns NULL; otherwise
 * returns the rule code ("T01".."T03", "T07", "T08" or "T09") and writes a
 * message into msg. */
struct field_def;
const char *transform_field(const struct field_def *fd, const char *value, char *out,
                            size_t cap, char *msg, size_t msgcap);

#endif
