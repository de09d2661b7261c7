/*
 * cin_xml.h — streaming reader of the DfE children in need census XML.
 *
 * Reads any schema year from 2016-17 to 2025-26 with libxml2's SAX2 push
 * parser, fed 64 KB at a time (no network, no entity substitution, no DTD
 * loading; a document with a DOCTYPE is refused), so memory does not grow
 * with the file.  Each record
 * (child, CIN episode, assessment, CIN plan, section 47, plan, plan review)
 * is handed to a record_fn (record_sink.h) as a row of strings laid out as
 * records.h says, values as found, with the file and the line of its
 * element and what was wrong with it (a value too long, an element
 * repeated).
 */
#ifndef LSCB_CIN_XML_H
#define LSCB_CIN_XML_H

#include "common/csvio.h"
#include "common/lscb.h"
#include "common/record_sink.h"
#include "common/records.h"

/* Largest value kept for one field, with its NUL; a longer one is cut there
 * and its record marked REC_TOO_LONG. */
#define CIN_FIELD_CAP 128
/* Deepest element nesting accepted (the schema needs 6). */
#define CIN_MAX_DEPTH 32

struct cin_xml_opts {
    const char *la;      /* LA code if the header has none (NULL: required) */
    int year;            /* census year if the header has none (0: required) */
    enum entity_id csv_entity; /* census_csv_read: the module (from its sniff) */
};

struct cin_xml_info {
    char la[8];                 /* LEA from the header (or opts) */
    int year;                   /* census year: Header Year, else ReferenceDate's year */
    char reference_date[11];    /* as found, may be empty */
    char header_year[8];        /* CollectionDetails/Year as found, may be empty */
    long records[ENT_COUNT];    /* records passed to the callback */
};

/* Reads one census document from rd.  name is the file name used in
 * provenance and messages.  Returns LSCB_OK, LSCB_EINPUT for a document that
 * is not well-formed, has a DOCTYPE, the wrong root, no LA or year, or nests
 * too deeply (e names file and line), or whatever the callback returned. */
lscb_err cin_xml_read(lscb_read_fn rd, void *rctx, const char *name,
                      const struct cin_xml_opts *opts, record_fn fn, void *ctx,
                      struct cin_xml_info *info, struct lscb_error *e);

#endif
