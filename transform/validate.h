/*
 * validate.h — the DfE children in need census validation rules (2025-26
 * rule set: 83 errors, 26 queries), run over the staged records.
 *
 * The staged files hold the values as found, so every rule sees what the
 * authority returned, including values the transform goes on to reject.
 * The records of each return (authority and census year) are copied into a
 * scratch SQLite database beside the output; each rule is one SQL query
 * (transform/validate_rules.c) over it, with helper functions for dates,
 * working days (the measures' calendar), code sets and UPNs.  Every failure
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

#include <stdbool.h>
#include <stddef.h>
#include "lscb.h"
#include "notes.h"

struct vrule {
    const char *code;      /* DfE code, "Q" suffix for queries */
    bool query;            /* QUERY (true) or ERROR */
    const char *module;    /* census module (XML element) reported; a rule
                              checked at two levels names each row's module
                              in its query's seventh column */
    const char *field;     /* data item (XML element) reported */
    const char *message;   /* DfE's message, word for word */
    const char *action;    /* what the pipeline does with a failing record */
    const char *sql;       /* SELECT file, line, la, year, child_id, value[, module] */
};

extern const struct vrule vrules[];
extern const size_t vrules_count;

/* A rule by code, or NULL. */
const struct vrule *vrule_find(const char *code);

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
    long long *steps;      /* or NULL: vrules_count entries, each rule's SQLite
                              virtual-machine steps (tests: the work a rule does
                              as a child's records grow, free of timing noise) */
    bool quiet;
    struct lscb_notes *notes;  /* gets the reconciliation line (unless quiet)
                                * and warnings, for the main to print; NULL: dropped */
};

struct validate_result {
    long errors, queries;  /* failing rows */
    long rules_failed;     /* rules with at least one failure */
};

lscb_err validate_run(const struct validate_opts *opts, struct validate_result *res,
                      struct lscb_error *e);

/* UPN checks (DfE's UPN guide): each returns true when the fault is there.
 * The check letter is only judged when characters 2-13 are well formed. */
bool upn_bad_check_letter(const char *upn);
bool upn_bad_digits(const char *upn);     /* characters 5-12 not all numeric */
bool upn_bad_last(const char *upn);       /* character 13 not 0-9 or a check letter */
bool upn_badly_formed(const char *upn);   /* any of the above, or not 13 characters */

/* The check letter of characters 2-13 (twelve digits, or eleven and a
 * check letter): DfE's weights 2-13, remainder mod 23. */
char upn_check_letter(const char *body12);

#endif
