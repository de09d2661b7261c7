/*
 * census_csv.h — CSV extracts of the census data items, as case-management
 * systems export them: one CSV per module (child, CIN episode, assessment,
 * CIN plan, section 47, plan, plan review), each row one record, keyed by
 * LA child ID and its parent's dates.
 *
 * Columns are named as the census XML elements (LAchildID, CINreferralDate,
 * CPPstartDate, ...; README.md lists them per module), in any order, with
 * a header row; a module is recognised by its columns.  Optional columns
 * LEA and CensusYear (or ReferenceDate) say whose return and which census
 * year, else --la and --census-year do; one file holds one census year.
 * Lists (Disability, AssessmentFactors) are ';'-separated.  UTF-8 with or
 * without a BOM, CRLF or LF, quoted fields with commas and line breaks.  An
 * unknown column stops the file (a misspelt column would otherwise lose its
 * values silently); a row with the wrong number of columns is rejected by
 * lscb-transform with its line (T09).
 */
#ifndef LSCB_CENSUS_CSV_H
#define LSCB_CENSUS_CSV_H

#include "extract/cin_xml.h"
#include "common/csvio.h"
#include "common/lscb.h"
#include "common/records.h"

/* The entity a header line describes, or ENT_COUNT if none. */
enum entity_id census_csv_sniff(const char *first_line);

/* Reads one module extract.  info gets the LA, census year and record
 * count.  Errors: LSCB_EINPUT (file:line: what), LSCB_ESYS. */
lscb_err census_csv_read(lscb_read_fn rd, void *rctx, const char *name,
                         const struct cin_xml_opts *opts, record_fn fn, void *ctx,
                         struct cin_xml_info *info, struct lscb_error *e);

#endif
