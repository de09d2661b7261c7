/*
 * suppress.h — DfE's suppression for publication.
 *
 * Counts of 1 to 5 are hidden ("c").  So that no hidden count can be worked
 * out from a total, every line (a set of counts that adds up to a total
 * shown beside them: a row of bands and its Total, a column and its Total
 * row) must hide none or at least two of its cells: where a line hides just
 * one, the smallest other count in it is hidden too (a non-zero one if
 * there is one), until no line hides exactly one.  A percentage of a hidden
 * count is hidden with it.
 */
#ifndef LSCB_SUPPRESS_H
#define LSCB_SUPPRESS_H

#include <stdbool.h>

#define SUP_MAX_LINE 24

struct sup_cell {
    long value;       /* the count (for a percentage: unused) */
    bool count;       /* a count of children or records */
    int pct_of;       /* for a percentage: the index of its count, else -1 */
    bool hidden;      /* out: shown as "c" */
};

/* cells[total] = sum of cells[members]; total may be -1 for a line whose
 * total is not shown (no secondary suppression needed on it). */
struct sup_line {
    int members[SUP_MAX_LINE];
    int n;
    int total;
};

/* Hides cells in place.  Returns how many cells were hidden. */
int suppress(struct sup_cell *cells, int ncells, const struct sup_line *lines, int nlines);

/* true if some hidden count could be recovered from a line (exactly one
 * hidden cell among a line's members and total): what suppress() prevents,
 * exposed for tests. */
bool suppress_leaks(const struct sup_cell *cells, const struct sup_line *lines, int nlines);

#endif
