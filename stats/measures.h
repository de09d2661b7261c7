/*
 * measures.h — the measures of DESIGN.md ("Measures"), each defined once,
 * and the measures.csv they are written to.
 *
 * Plans are read from the warehouse once per authority into a plan_set;
 * each measure is a function of that set and a period [start, end].
 */
#ifndef LSCB_MEASURES_H
#define LSCB_MEASURES_H

#include <stdbool.h>
#include <stdio.h>
#include <sqlite3.h>

#include "date.h"
#include "csvio.h"
#include "lscb.h"

struct plan {
    char child_id[72];
    lscb_date start, end;          /* end DATE_NONE while open */
    char category[4];              /* LatestCategoryOfAbuse */
    lscb_date birth, expected;     /* DATE_NONE when not given */
    char gender[2];
    char ethnicity[5];
};

struct plan_set {
    struct plan *v;                /* ordered by child_id, start */
    size_t n, cap;
};

/* One row of measures.csv.  value is text already formatted (count, or a
 * percentage/rate rounded half up to 1 dp); "" for an undefined value. */
struct measure_row {
    const char *measure;
    lscb_date start, end;
    char breakdown[64];
    char value[32];
    char numerator[24];
    char denominator[24];
};

struct measure_out {
    char la[8];
    struct measure_row *v;
    size_t n, cap;
};

/* A measure's name, title and definition, for notes and narrative. */
struct measure_def {
    const char *name;
    const char *title;
    const char *definition;
};
extern const struct measure_def measure_defs[];
extern const size_t measure_defs_count;
const struct measure_def *measure_def_find(const char *name);

/* Reads the merged plans of one authority, with each child's
 * characteristics.  Fills set (release with plan_set_release). */
lscb_err plan_set_load(sqlite3 *db, const char *la, struct plan_set *set, struct lscb_error *e);
void plan_set_release(struct plan_set *set);

/* Duration band of a plan open on d (DfE's published bands of DESIGN.md). */
const char *cpp_duration_band(lscb_date start, lscb_date d);
/* Age band on d: "unborn", "under 1", "1-4", "5-9", "10-15", "16+", or
 * "not known" when neither a birth nor an expected birth date was given. */
const char *cpp_age_band(lscb_date birth, lscb_date expected, lscb_date d);
/* Ethnic group of an ethnicity code: White, Mixed, Asian, Black, Other,
 * Not known. */
const char *ethnicity_group(const char *code);

/* Appends cpp_open (total and breakdowns) on the period's end date and
 * cpp_started / cpp_ended in the period. */
void measures_cpp(const struct plan_set *set, lscb_date start, lscb_date end,
                  struct measure_out *out);

/* Appends all measures for census year Y: the year, each quarter, each
 * month. */
void measures_year(const struct plan_set *set, int year, struct measure_out *out);

/* Formats num/den * scale rounded half up to 1 dp into buf ("" if den == 0). */
void fmt_ratio_1dp(char *buf, size_t cap, long num, long den, long scale);

/* Writes measures.csv (header + rows). */
void measure_out_write(FILE *fp, const struct measure_out *out);
void measure_out_release(struct measure_out *out);

#endif
