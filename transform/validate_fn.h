/*
 * validate_fn.h — the SQL functions the validation rules call (d, ys, ye, b,
 * wd, prevwd, weekend, inset, listbad, listdup, listcount, listhas, upn,
 * alnum; see transform/validate_rules.c) and the context they read.
 */
#ifndef LSCB_VALIDATE_FN_H
#define LSCB_VALIDATE_FN_H

#include <sqlite3.h>
#include "common/strset.h"
#include "common/workdays.h"

struct vctx {
    struct wd_calendar cal;
    struct strset la_codes;
    int pe_year;           /* census year judged over the year ending pe_end
                              (--period-end), 0: none */
    lscb_date pe_start, pe_end;
    char cal_error[160];   /* a working-day count the calendar cannot give:
                              the rule's query stops with this message */
};

/* Registers every function on db with v as their data; 0 on success. */
int validate_register_functions(sqlite3 *db, struct vctx *v);

#endif
