/*
 * config.h — an authority's configuration (INI, libinih, as templates):
 *
 *   [authority]
 *   la = 205                       ; the authority's 3-digit code
 *   sn_model = 2021                ; statistical neighbours: 2021, 2025 or list
 *   neighbours = 207, 212, 213     ; sn_model = list: the neighbours' codes
 *   sn_aggregate = mean            ; mean (LAIT) or median (DfE dashboard)
 *   region = E13000001             ; region code (default: ONS's for the LA)
 *   comparators = 207, 212, 213, 208  ; named authorities for the local table
 *
 * The 2007 neighbour list the 2011-12 report used is not published: give
 * it as sn_model = list.
 */
#ifndef LSCB_CONFIG_H
#define LSCB_CONFIG_H

#include <stdbool.h>
#include "lscb.h"

#define CFG_MAX_CODES 24

struct lscb_config {
    char la[8];
    int sn_model;                    /* 2021, 2025, or 0 for an explicit list */
    char neighbours[CFG_MAX_CODES][8];
    int nneighbours;
    bool sn_median;
    char region[12];
    char comparators[CFG_MAX_CODES][8];
    int ncomparators;
    char warehouse[512];             /* SQLite path or postgresql:// URI, "" default */
};

/* Defaults: SN model 2021, mean. */
void config_defaults(struct lscb_config *c);

/* Reads an INI file over the defaults.  Errors: LSCB_EINPUT "file:line:
 * what". */
lscb_err config_load(const char *path, struct lscb_config *c, struct lscb_error *e);

#endif
