/*
 * vrules.h — DfE's CIN census validation rules as data: code, error or
 * query, module, field, message and what the pipeline does with a failing
 * record (the table: common/vrules.c).  The validation runs them (in C,
 * transform/vrules_child.c and vstream.c, which refer to the rules by their
 * place in this table and check it when they start; in SQL, the C rules'
 * reference, transform/validate_rules.c, in this table's order); the
 * statistics' summary (stats/) and the workbook's Validation sheet
 * (output/) read this table alone, so they need nothing of transform/.
 */
#ifndef LSCB_VRULES_H
#define LSCB_VRULES_H

#include <stdbool.h>
#include <stddef.h>

struct vrule {
    const char *code;      /* DfE code, "Q" suffix for queries */
    bool query;            /* QUERY (true) or ERROR */
    const char *module;    /* census module (XML element) reported; a rule
                              checked at two levels names each row's module
                              in its query's seventh column */
    const char *field;     /* data item (XML element) reported */
    const char *message;   /* DfE's message, word for word */
    const char *action;    /* what the pipeline does with a failing record */
};

extern const struct vrule vrules[];
extern const size_t vrules_count;

/* A rule by code, or NULL. */
const struct vrule *vrule_find(const char *code);

#endif
