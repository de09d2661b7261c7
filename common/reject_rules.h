/*
 * reject_rules.h — the transform's rules T01-T10 (transform.h says when
 * each applies): the codes rejects.csv carries and what they mean, for help
 * texts and the workbook's Data quality sheet.
 */
#ifndef LSCB_REJECT_RULES_H
#define LSCB_REJECT_RULES_H

#include <stddef.h>

/* The rules, code and what they mean, for help texts and the workbook's
 * data quality sheet. */
struct reject_rule {
    const char *code;
    const char *meaning;
};
extern const struct reject_rule reject_rules[];
extern const size_t reject_rules_count;

#endif
