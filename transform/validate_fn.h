/*
 * validate_fn.h — the SQL functions the validation rules call (d, ys, ye, b,
 * wd, prevwd, weekend, inset, listbad, listdup, listcount, listhas, upn,
 * alnum; see transform/validate_rules.c) and the context they read.
 */
#ifndef LSCB_VALIDATE_FN_H
#define LSCB_VALIDATE_FN_H

#include <sqlite3.h>
#include <stdbool.h>
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

/* The list functions in C (the SQL ones call them): a ';'-separated list
 * (NULL: none) of at most 32 items, each compared on its first 15 bytes.
 * VL_BAD: 1 if an item is not in set; VL_DUP: 1 if an item repeats;
 * VL_COUNT: the items; VL_HAS: 1 if code is an item. */
enum vlist_op { VL_BAD, VL_DUP, VL_COUNT, VL_HAS };
struct code_set;
int vlist(const char *s, enum vlist_op op, const struct code_set *set, const char *code);

/* true if characters 2-4 of UPN u are not a recognised LA code. */
bool vupn_bad_la(const struct vctx *v, const char *u);

/* Registers every function on db with v as their data; 0 on success. */
int validate_register_functions(sqlite3 *db, struct vctx *v);

#endif
