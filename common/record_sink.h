/*
 * record_sink.h — how a reader of returns (census XML, CSV extracts, local
 * extracts, CPR3) hands each record on, with what it found wrong carried
 * beside the values, never inside them (a child ID that reads "#BADROW" is
 * just a child ID).
 *
 * The staged files extract writes have one column more than the entity's
 * fields, REC_PROBLEM_COLUMN, last: empty, or the reader's problem as
 * rec_problem_format writes it; the transform rejects such a record with
 * the problem's rule (T07 too long or repeated, T09 wrong column count).
 */
#ifndef LSCB_RECORD_SINK_H
#define LSCB_RECORD_SINK_H

#include <stdbool.h>
#include <stddef.h>

#include "common/lscb.h"
#include "common/records.h"

enum rec_problem_kind {
    REC_FINE,       /* nothing wrong */
    REC_TOO_LONG,   /* a value longer than the census allows (field) */
    REC_REPEATED,   /* a single-valued element given twice (field) */
    REC_BAD_ROW,    /* a CSV row with ncols columns, the header having want */
};

/* The first problem a reader found with a record. */
struct rec_problem {
    enum rec_problem_kind kind;
    int field;          /* REC_TOO_LONG, REC_REPEATED: the field's index */
    long ncols, want;   /* REC_BAD_ROW */
};

/* Receives one record: row has REC_NCTX + entity_defs[ent].nfields strings,
 * borrowed for the call, values as found (a REC_REPEATED field empty, a
 * REC_TOO_LONG one as far as the reader kept it); problem is borrowed, never
 * NULL.  Return LSCB_OK to continue. */
typedef lscb_err (*record_fn)(void *ctx, enum entity_id ent, const char *const *row,
                              const struct rec_problem *problem, struct lscb_error *e);

/* The staged files' last column. */
#define REC_PROBLEM_COLUMN "extract_problem"

/* Writes a staged file's header: the context columns, every field of d,
 * then REC_PROBLEM_COLUMN. */
#include <stdio.h>
void rec_put_staged_header(FILE *fp, const struct entity_def *d);

/* p as the staged column's text into buf: "" (REC_FINE), "too_long FIELD",
 * "repeated FIELD" or "bad_row N of M".  Returns -1 if buf is too small. */
int rec_problem_format(const struct rec_problem *p, const struct entity_def *d, char *buf,
                       size_t cap);

/* Parses that text for entity d; false if it is none of those. */
bool rec_problem_parse(const char *s, const struct entity_def *d, struct rec_problem *p);

/* The transform's rule for a problem ("T07" or "T09"; NULL for REC_FINE),
 * the field it names ("" for a row) and a message into msg. */
const char *rec_problem_rule(const struct rec_problem *p, const struct entity_def *d,
                             const char **field, char *msg, size_t cap);

#endif
