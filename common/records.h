/*
 * records.h — the census entities every stage passes along, defined once.
 *
 * Each entity is a flat row: four provenance/context columns
 * (source_file, source_line, la_code, census_year) followed by the entity's
 * own fields.  Staged files (extract) and normalised files (transform) have
 * the same columns; staged values are as found, normalised ones are checked
 * (ISO dates, codes from the code sets, booleans as 0/1).  The first nkey
 * fields identify a record within an authority; the first nparent of those
 * identify its parent record.
 */
#ifndef LSCB_RECORDS_H
#define LSCB_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

enum field_type {
    FT_ID,     /* LA child ID: non-empty, at most 64 bytes, printable */
    FT_DATE,   /* YYYY-MM-DD */
    FT_CODE,   /* one value of a code set */
    FT_LIST,   /* ';'-separated values of a code set */
    FT_BOOL,   /* true/false/TRUE/FALSE/0/1 -> 0/1 */
    FT_COUNT,  /* non-negative integer */
};

struct code_set {
    const char *name;
    const char *const *codes;   /* NULL-terminated */
};

struct field_def {
    const char *name;           /* column name in staged/normalised files */
    enum field_type type;
    bool required;
    const struct code_set *codes;  /* FT_CODE, FT_LIST */
    bool soft;                  /* missing or not in its code set: the value is left
                                   empty and the record kept (it feeds at most a
                                   breakdown; DfE's validation rule names it) */
};

enum entity_id {
    ENT_CHILD,
    ENT_EPISODE,
    ENT_ASSESSMENT,
    ENT_CIN_PLAN,
    ENT_S47,
    ENT_CPP,
    ENT_CPP_REVIEW,
    ENT_STRATEGY,       /* local extract: strategy discussions (not in the census) */
    ENT_INITIAL_ASSESSMENT, /* 2010-13 era: initial assessments */
    ENT_CORE_ASSESSMENT,    /* 2010-13 era: core assessments */
    ENT_CPR3,           /* CPR3 aggregate return: one item of one year */
    ENT_COUNT
};

/* What kind of return a record belongs to: loading a return replaces the
 * earlier records of its kind for that authority and year only. */
enum return_kind { KIND_CENSUS, KIND_STRATEGY, KIND_CPR3 };

/* The most fields any entity has (the transform sizes its buffers by it;
 * tests/unit/test_transform.c checks every entity against it). */
#define ENTITY_MAX_FIELDS 11

struct entity_def {
    const char *name;           /* file stem and table name */
    const char *xml_element;    /* element the record comes from */
    size_t nfields;
    const struct field_def *fields;
    size_t nkey;                /* leading fields forming the key */
    size_t nparent;             /* leading fields forming the parent's key */
    enum entity_id parent;      /* meaningful when nparent > 0 */
    int order_lo, order_hi;     /* fields that must satisfy lo <= hi, or -1 */
    enum return_kind kind;
    size_t nstaged_only;        /* trailing fields only staged files carry: the
                                   validation rules read them, the normalised
                                   files and the warehouse never hold them */
};

/* Fields the normalised files and the warehouse carry (the leading ones). */
static inline size_t entity_nnorm(const struct entity_def *d)
{
    return d->nfields - d->nstaged_only;
}

/* The name of a return kind as census.csv writes it, and back (-1 if none). */
const char *return_kind_name(enum return_kind k);
int return_kind_parse(const char *s);

/* census_year of records from local extracts that belong to no census
 * return (strategy discussions): loading such a file replaces them all. */
#define LOCAL_EXTRACT_YEAR 0

/* Number of provenance/context columns before an entity's fields. */
#define REC_NCTX 4
enum { REC_SOURCE_FILE, REC_SOURCE_LINE, REC_LA, REC_YEAR };

extern const struct entity_def entity_defs[ENT_COUNT];

/* Index of a field by name in an entity, or -1. */
int entity_field(const struct entity_def *d, const char *name);

/* Writes the header row (context columns + the first nfields fields) of an
 * entity file: d->nfields for staged files, entity_nnorm(d) for normalised. */
#include <stdio.h>
void entity_put_header(FILE *fp, const struct entity_def *d, size_t nfields);

/* true if code is a member of the set. */
bool code_in_set(const struct code_set *set, const char *code);

/* Code sets (union over the schema years 2016-17 to 2025-26). */
extern const struct code_set codes_gender, codes_sex, codes_ethnicity, codes_category,
    codes_referral_source, codes_primary_need, codes_closure_reason,
    codes_disability, codes_assessment_factor, codes_strategy_outcome, codes_cpr3_item;

/* Boolean spellings the schemas allow: returns 1, 0, or -1 if not one. */
int parse_census_bool(const char *s);

#endif
