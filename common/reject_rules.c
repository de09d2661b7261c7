/* reject_rules.c — see reject_rules.h. */
#include "common/reject_rules.h"

const struct reject_rule reject_rules[] = {
    {"T01", "a required value is missing"},
    {"T02", "not a valid date (YYYY-MM-DD)"},
    {"T03", "a code not in the census code set"},
    {"T04", "its parent record was rejected"},
    {"T05", "the same record twice in one return"},
    {"T06", "dates out of order (an end before its start)"},
    {"T07", "a value too long, or an element given twice"},
    {"T08", "not a valid boolean or whole number"},
    {"T09", "a row with the wrong number of columns"},
    {"T10", "no parent record in the same return"},
};
const size_t reject_rules_count = sizeof reject_rules / sizeof reject_rules[0];
