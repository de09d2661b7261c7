/*
 * measure_defs.h — the measures' names, titles and definitions (DESIGN.md
 * "Measures"), shared by stats, templates and the report.
 */
#ifndef LSCB_MEASURE_DEFS_H
#define LSCB_MEASURE_DEFS_H

#include <stdbool.h>
#include <stddef.h>

struct measure_def {
    const char *name;
    const char *title;
    const char *definition;
    bool percentage;        /* value is a percentage or rate, not a count */
    bool snapshot;          /* describes the period's end date, not the period */
    const char *sentence;   /* narrative clause, "%s" where the value goes */
};

extern const struct measure_def measure_defs[];
extern const size_t measure_defs_count;

/* The definition of a measure by name, or NULL. */
const struct measure_def *measure_def_find(const char *name);

#endif
