/*
 * local_csv.h — local CSV extracts of what the census does not hold.
 *
 * Strategy discussions (documented in README.md): a header row naming
 *   la_child_id, strategy_discussion_date, outcome
 * in any order (other columns ignored), UTF-8 with or without a BOM, CRLF
 * or LF, quoted fields allowed.  outcome is S47 (led to a section 47
 * enquiry), NFA, CIN or OTHER.  Dates are checked in lscb-transform like
 * every other date.  The file names no authority: --la gives it.
 */
#ifndef LSCB_LOCAL_CSV_H
#define LSCB_LOCAL_CSV_H

#include <stdbool.h>

#include "extract/cin_xml.h"
#include "common/csvio.h"
#include "common/lscb.h"

/* true if the first line of a file (without BOM) looks like a strategy
 * discussion extract's header. */
bool strategy_csv_sniff(const char *first_line);

/* Reads a strategy discussion extract, handing each row to fn as a staged
 * ENT_STRATEGY record (census_year LOCAL_EXTRACT_YEAR).  A row with the
 * wrong number of columns is staged as REC_BAD_ROW for transform to
 * reject with its line.  Errors: LSCB_EINPUT (no LA, a required column
 * missing, malformed CSV), LSCB_ESYS. */
lscb_err strategy_csv_read(lscb_read_fn rd, void *rctx, const char *name, const char *la,
                           record_fn fn, void *ctx, long *records, struct lscb_error *e);

/* CPR3 aggregate returns (the child protection returns before the census),
 * documented in README.md: a header row naming year, la_code, item, value
 * (any order); year is the year ending 31 March; items:
 * children_on_plans_31_march, registrations, deregistrations,
 * previously_registered, deregistered_2y_plus, referrals, re_referrals,
 * initial_assessments, core_assessments.  Each row becomes an ENT_CPR3
 * record of its LA and year; ret is called once per (LA, year) read. */
bool cpr3_csv_sniff(const char *first_line);
lscb_err cpr3_csv_read(lscb_read_fn rd, void *rctx, const char *name, record_fn fn,
                       void *ctx, void (*ret)(void *rctx, const char *path, const char *la,
                                              int year, long records),
                       void *retctx, struct lscb_error *e);

#endif
