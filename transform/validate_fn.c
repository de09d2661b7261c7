/*
 * validate_fn.c — what the validation rules' SQL calls: UPN checks and the
 * helper functions registered on the scratch database (validate_fn.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "transform/validate_fn.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "common/date.h"
#include "common/records.h"
#include "common/upn.h"
#include "transform/validate.h"

/* ---- SQL helper functions ---------------------------------------------- */


static const char *arg_text(sqlite3_value *v)
{
    return sqlite3_value_type(v) == SQLITE_NULL ? NULL : (const char *)sqlite3_value_text(v);
}

static bool arg_date(sqlite3_value *v, lscb_date *out)
{
    const char *s = arg_text(v);
    return s && date_parse_iso(s, out);
}

static void result_date(sqlite3_context *cx, lscb_date d)
{
    char buf[11];
    date_format_iso(d, buf);
    sqlite3_result_text(cx, buf, -1, SQLITE_TRANSIENT);
}

/* d(x): x if a valid YYYY-MM-DD date, else NULL */
static void f_d(sqlite3_context *cx, int n, sqlite3_value **a)
{
    (void)n;
    lscb_date d;
    if (arg_date(a[0], &d))
        result_date(cx, d);
    else
        sqlite3_result_null(cx);
}

/* ys(year), ye(year): first and last day of census year (1 April, 31 March),
 * or of the year ending --period-end for that date's census year */
static void f_ys(sqlite3_context *cx, int n, sqlite3_value **a)
{
    (void)n;
    struct vctx *v = sqlite3_user_data(cx);
    int y = sqlite3_value_int(a[0]);
    result_date(cx, v->pe_year && y == v->pe_year ? v->pe_start : census_year_start(y));
}

static void f_ye(sqlite3_context *cx, int n, sqlite3_value **a)
{
    (void)n;
    struct vctx *v = sqlite3_user_data(cx);
    int y = sqlite3_value_int(a[0]);
    result_date(cx, v->pe_year && y == v->pe_year ? v->pe_end : census_year_end(y));
}

/* b(x): 1, 0, or NULL when not a boolean of any schema year */
static void f_b(sqlite3_context *cx, int n, sqlite3_value **a)
{
    (void)n;
    const char *s = arg_text(a[0]);
    int v = s ? parse_census_bool(s) : -1;
    if (v < 0)
        sqlite3_result_null(cx);
    else
        sqlite3_result_int(cx, v);
}

/* A date the calendar cannot place stops the rule: a working-day rule that
 * quietly passed would hide it (the message says which date). */
static void cal_fail(sqlite3_context *cx, struct vctx *v, lscb_date t)
{
    char buf[11];
    date_format_iso(t, buf);
    snprintf(v->cal_error, sizeof v->cal_error, "working days cannot be counted from or to %.10s: "
             "the bank-holiday calendar covers %d to %d", buf, WD_FIRST_YEAR, WD_LAST_YEAR);
    sqlite3_result_error(cx, v->cal_error, -1);
}

/* wd(a, b): working days d with a < d <= b; NULL if either is not a date;
 * an error outside the calendar */
static void f_wd(sqlite3_context *cx, int n, sqlite3_value **a)
{
    (void)n;
    struct vctx *v = sqlite3_user_data(cx);
    lscb_date x, y;
    if (!arg_date(a[0], &x) || !arg_date(a[1], &y)) {
        sqlite3_result_null(cx);
        return;
    }
    if (!wd_covers(&v->cal, x) || !wd_covers(&v->cal, y)) {
        cal_fail(cx, v, wd_covers(&v->cal, x) ? y : x);
        return;
    }
    sqlite3_result_int(cx, wd_between(&v->cal, x, y));
}

/* prevwd(x): the last working day before x; NULL if x is not a date; an
 * error outside the calendar */
static void f_prevwd(sqlite3_context *cx, int n, sqlite3_value **a)
{
    (void)n;
    struct vctx *v = sqlite3_user_data(cx);
    lscb_date x;
    if (!arg_date(a[0], &x)) {
        sqlite3_result_null(cx);
        return;
    }
    lscb_date d = x - 1;
    while (wd_covers(&v->cal, d) && !wd_is_working(&v->cal, d))
        d--;
    if (!wd_covers(&v->cal, d) || !wd_covers(&v->cal, x))
        cal_fail(cx, v, wd_covers(&v->cal, x) ? d : x);
    else
        result_date(cx, d);
}

/* weekend(x): 1 if Saturday or Sunday, 0 if not, NULL if not a date */
static void f_weekend(sqlite3_context *cx, int n, sqlite3_value **a)
{
    (void)n;
    lscb_date d;
    if (!arg_date(a[0], &d)) {
        sqlite3_result_null(cx);
        return;
    }
    int w = date_weekday(d);   /* 0 Monday .. 6 Sunday */
    sqlite3_result_int(cx, w >= 5);
}

static const struct code_set *set_named(const char *name)
{
    static const struct {
        const char *name;
        const struct code_set *set;
    } sets[] = {{"ethnicity", &codes_ethnicity},     {"category", &codes_category},
                {"source", &codes_referral_source}, {"need", &codes_primary_need},
                {"closure", &codes_closure_reason}, {"disability", &codes_disability},
                {"factor", &codes_assessment_factor}};
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
        if (!strcmp(sets[i].name, name))
            return sets[i].set;
    return NULL;
}

/* The item of a ';' list at s: its length, and *next the item after it
 * (NULL at the end; a trailing ';' ends the list). */
static size_t list_item(const char *s, const char **next)
{
    const char *semi = strchr(s, ';');
    *next = semi && semi[1] ? semi + 1 : NULL;
    return semi ? (size_t)(semi - s) : strlen(s);
}

/* vlist: validate_fn.h.  Every item is seen whole, however many and however
 * long (they were copied into 32 items of 15 characters: a 33rd went
 * uncounted, and two long items alike in their first 15 were duplicates). */
int vlist(const char *s, enum vlist_op op, const struct code_set *set, const char *code)
{
    int count = 0, r = 0;
    const char *next;
    for (const char *p = s && *s ? s : NULL; p; p = next) {
        size_t len = list_item(p, &next);
        count++;
        if (op == VL_BAD && set) {
            char one[16];   /* a code set's codes are short: a longer item is in none */
            if (len < sizeof one)
                memcpy(one, p, len), one[len] = '\0';
            if (len >= sizeof one || !code_in_set(set, one))
                r = 1;
        } else if (op == VL_DUP) {
            const char *after;
            for (const char *q = next; q && !r; q = after) {
                size_t ql = list_item(q, &after);
                r = ql == len && !memcmp(p, q, len);
            }
        } else if (op != VL_COUNT && code && strlen(code) == len && !memcmp(p, code, len)) {
            r = 1;
        }
    }
    return op == VL_COUNT ? count : r;
}

/* listbad(x, set): 1 if an item is not in the set; listdup(x): 1 if an item
 * repeats; listcount(x): items; listhas(x, code): 1 if code is an item */
static void list_fn(sqlite3_context *cx, sqlite3_value **a, enum vlist_op op)
{
    const char *s = arg_text(a[0]);
    const struct code_set *set = op == VL_BAD ? set_named((const char *)sqlite3_value_text(a[1]))
                                              : NULL;
    const char *code = op == VL_HAS ? (const char *)sqlite3_value_text(a[1]) : NULL;
    sqlite3_result_int(cx, vlist(s, op, set, code));
}

static void f_listbad(sqlite3_context *cx, int n, sqlite3_value **a)
{
    (void)n;
    list_fn(cx, a, VL_BAD);
}
static void f_listdup(sqlite3_context *cx, int n, sqlite3_value **a)
{
    (void)n;
    list_fn(cx, a, VL_DUP);
}
static void f_listcount(sqlite3_context *cx, int n, sqlite3_value **a)
{
    (void)n;
    list_fn(cx, a, VL_COUNT);
}
static void f_listhas(sqlite3_context *cx, int n, sqlite3_value **a)
{
    (void)n;
    list_fn(cx, a, VL_HAS);
}

/* inset(x, set): 1 if x is a code of the set */
static void f_inset(sqlite3_context *cx, int n, sqlite3_value **a)
{
    (void)n;
    const char *s = arg_text(a[0]);
    const struct code_set *set = set_named((const char *)sqlite3_value_text(a[1]));
    sqlite3_result_int(cx, s && set && code_in_set(set, s));
}

/* vupn_bad_la: validate_fn.h */
bool vupn_bad_la(const struct vctx *v, const char *u)
{
    char la[4] = {0};
    if (strlen(u) >= 4)
        memcpy(la, u + 1, 3);
    return !strset_has(&v->la_codes, la);
}

/* upn(x, what): 1 if the UPN has the fault: 'check', 'la', 'digits', 'last',
 * 'format' (any) */
static void f_upn(sqlite3_context *cx, int n, sqlite3_value **a)
{
    (void)n;
    struct vctx *v = sqlite3_user_data(cx);
    const char *u = arg_text(a[0]);
    const char *what = (const char *)sqlite3_value_text(a[1]);
    if (!u || !what) {
        sqlite3_result_int(cx, 0);
        return;
    }
    int r;
    if (!strcmp(what, "check")) {
        r = upn_bad_check_letter(u);
    } else if (!strcmp(what, "la")) {
        r = vupn_bad_la(v, u);
    } else if (!strcmp(what, "digits")) {
        r = upn_bad_digits(u);
    } else if (!strcmp(what, "last")) {
        r = upn_bad_last(u);
    } else {
        r = upn_badly_formed(u);
    }
    sqlite3_result_int(cx, r);
}

/* alnum(x): 1 if x is letters and digits only */
static void f_alnum(sqlite3_context *cx, int n, sqlite3_value **a)
{
    (void)n;
    const char *s = arg_text(a[0]);
    int r = s != NULL;
    for (; s && *s; s++)
        if (!isalnum((unsigned char)*s))
            r = 0;
    sqlite3_result_int(cx, r);
}

int validate_register_functions(sqlite3 *db, struct vctx *v)
{
    static const struct {
        const char *name;
        int nargs;
        void (*fn)(sqlite3_context *, int, sqlite3_value **);
    } fns[] = {{"d", 1, f_d},           {"ys", 1, f_ys},
               {"ye", 1, f_ye},         {"b", 1, f_b},
               {"wd", 2, f_wd},         {"prevwd", 1, f_prevwd},
               {"weekend", 1, f_weekend}, {"listbad", 2, f_listbad},
               {"listdup", 1, f_listdup}, {"listcount", 1, f_listcount},
               {"listhas", 2, f_listhas}, {"inset", 2, f_inset},
               {"upn", 2, f_upn},       {"alnum", 1, f_alnum}};
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (sqlite3_create_function(db, fns[i].name, fns[i].nargs,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC, v, fns[i].fn, NULL,
                                    NULL) != SQLITE_OK)
            return -1;
    return 0;
}

