/*
 * validate.h — the DfE children in need census validation rules (2025-26
 * rule set: 83 errors, 26 queries), run over the staged records.
 *
 * The staged files hold the values as found, so every rule sees what the
 * authority returned, including values the transform goes on to reject.
 * validate_run reads them once, a child at a time, and runs the rules in C
 * (transform/vstream.h); each rule is also one SQL query
 * (transform/validate_rules.c), the reference the C is tested against,
 * run instead over a scratch SQLite copy of the records beside the output
 * when LSCB_VALIDATE_ENGINE=sql.  Both give the same lines.  Every failure
 * is one row of validation.csv:
 *
 *   rule,type,la_code,census_year,child_id,module,field,value,message,
 *   source_file,source_line,action
 *
 * (action: what the pipeline does with the failing record, the rule's).
 *
 * The value is left empty for fields that identify a child (UPN, former
 * UPN) or give a date of birth or death.  Validation never drops or changes
 * a record: what happens to a failing record is the rule's `action`, which
 * the workbook's Validation sheet shows beside the count of failures.
 */
#ifndef LSCB_VALIDATE_H
#define LSCB_VALIDATE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include "common/lscb.h"
#include "common/notes.h"
#include "common/vrules.h"

struct validate_opts {
    const char *indir;     /* staged directory (entity files and census.csv) */
    const char *out;       /* validation.csv */
    const char *counts;    /* or NULL: la_code,census_year,rule,failures for every
                              census return and rule (zeros too), no identifiers:
                              the load keeps them in the warehouse */
    const char *only;      /* run this rule only (tests), or NULL for all */
    const char *period_end; /* YYYY-MM-DD, or NULL: the returns of that date's
                              census year (the reference date's year) are a
                              part-year extract judged over the year ending
                              that date, not 1 April to 31 March (rule 100
                              then wants that reference date) */
    long long *steps;      /* or NULL: vrules_count entries, each rule's work
                              (the C rules: records, sort comparisons and
                              look-ups counted; the SQL rules: SQLite
                              virtual-machine steps), for tests of how a rule's
                              work grows with a child's records, free of
                              timing noise */
    bool quiet;
    bool no_progress;      /* no progress lines: run beside a stage that shows its own */
    const atomic_bool *cancel; /* or NULL: once another thread sets it, the
                                * validation stops at its next child (C rules)
                                * or SQLite step (SQL rules) with LSCB_ESYS,
                                * nothing written */
    struct lscb_notes *notes;  /* gets the reconciliation line (unless quiet)
                                * and warnings, for the main to print; NULL: dropped */
};

struct validate_result {
    long errors, queries;  /* failing rows */
    long rules_failed;     /* rules with at least one failure */
};

lscb_err validate_run(const struct validate_opts *opts, struct validate_result *res,
                      struct lscb_error *e);

/* Each rule's SQL (validate_rules.c), row i for vrules[i]: SELECT file,
 * line, la, year, child_id, value[, module] of each failing record. */
struct vrule_sql {
    const char *code;      /* vrules[i].code: the two tables kept in step */
    const char *sql;
};
extern const struct vrule_sql vrule_sqls[];
extern const size_t vrule_sqls_count;

/* true when vrule_sqls holds vrules' codes in vrules' order; else false
 * with the first difference in msg (cap bytes).  The SQL rules check it
 * when they start; test_validate too. */
bool validate_rules_check(char *msg, size_t cap);

#endif
