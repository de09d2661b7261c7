/*
 * census_items.h — the census data items by name, shared by the XML reader
 * (element within its parent element) and the CSV extract reader (column
 * named as the element).
 */
#ifndef LSCB_CENSUS_ITEMS_H
#define LSCB_CENSUS_ITEMS_H

#include <stddef.h>
#include "common/records.h"

struct census_item {
    const char *parent;      /* XML parent element */
    const char *name;        /* XML element; the CSV column */
    enum entity_id ent;
    const char *field;       /* field in records.h */
};

extern const struct census_item census_items[];
extern const size_t census_items_count;

#endif
