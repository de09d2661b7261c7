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
 *   benchmark_years = 7            ; census years on each benchmark indicator sheet
 *
 * The 2007 neighbour list the 2011-12 report used is not published: give
 * it as sn_model = list.
 *
 * A [run] section makes the file a whole yearly run for lscb-run --config
 * (cron; examples/lscb.ini): what the command line would say.
 *
 *   [run]
 *   inputs = /srv/lscb/returns    ; a directory: its files are the INPUTs
 *   workdir = /srv/lscb/work      ; --workdir
 *   templates = dfe, lscb-2011    ; one workbook each (the first report-Y.xlsx,
 *                                 ; the others report-Y-NAME.xlsx)
 *   published = /usr/local/share/lscb-stats/data/published   ; --published
 *   population = FILE             ; --population
 *   publish = no                  ; --publish (yes/no)
 *   year = 2024                   ; --year; default the newest return's
 *
 * The command line wins over the file.  The [authority] la names the
 * authority (--la), also that of a strategy discussion extract.
 */
#ifndef LSCB_CONFIG_H
#define LSCB_CONFIG_H

#include <stdbool.h>
#include "common/lscb.h"

#define CFG_MAX_CODES 24
#define CFG_MAX_TEMPLATES 8

struct lscb_config {
    char la[8];
    int sn_model;                    /* 2021, 2025, or 0 for an explicit list */
    char neighbours[CFG_MAX_CODES][8];
    int nneighbours;
    bool sn_median;
    char region[12];
    char comparators[CFG_MAX_CODES][8];
    int ncomparators;
    int benchmark_years;             /* years on an indicator sheet (default 7) */
    char warehouse[512];             /* SQLite path or postgresql:// URI, "" default */
    /* [run] ("" / 0 when not given) */
    char inputs[512], workdir[512], published[512], population[512];
    char templates[CFG_MAX_TEMPLATES][64];
    int ntemplates;
    bool publish;
    int year;
};

/* Defaults: SN model 2021, mean, 7 benchmark years. */
void config_defaults(struct lscb_config *c);

/* Reads an INI file over the defaults.  Errors: LSCB_EINPUT "file:line:
 * what". */
lscb_err config_load(const char *path, struct lscb_config *c, struct lscb_error *e);

#endif
