/*
 * disclose.h — suppression over a whole publication (DfE's rule: counts of
 * 1 to 5 are hidden, and so is anything from which a hidden count could be
 * worked out).
 *
 * A publication is a set of facts (counts: referrals in July, children on
 * a plan at 31 March by category, the numerator of a percentage...) tied
 * by linear relations that any reader knows (a year is the sum of its
 * months; bands add up to their total; started minus ended is the change;
 * the children on plans at a date are those at the year's start plus the
 * plans started less those ended since).  Some facts are published,
 * wherever they appear: a sheet, a CSV, a sentence of the narrative.  A
 * hidden fact is safe only if no combination of the shown facts and the
 * relations determines it; dz_suppress() hides the small counts, then hides
 * further shown facts until that holds for every hidden one (exact linear
 * algebra over each connected group of unknowns, so sums and differences
 * across tables, and chains of them, are all covered).
 */
#ifndef LSCB_DISCLOSE_H
#define LSCB_DISCLOSE_H

#include <stdbool.h>
#include <stddef.h>

struct dz;

/* A new, empty publication; free with dz_free. */
struct dz *dz_new(void);
void dz_free(struct dz *z);

/* The fact named key (any text that identifies it): found, or added.
 * value < 0 means "value not known here" (a fact only related to others);
 * a known value replaces an unknown one.  Returns its index. */
int dz_fact(struct dz *z, const char *key, long value);

/* The fact is shown somewhere in the publication (known to every reader
 * unless hidden). */
void dz_show(struct dz *z, int fact);

/* The fact is a count of children or records: hidden when 1 to 5, and
 * never to be worked out once hidden.  (A change, started less ended, is
 * shown but not sensitive; a percentage's numerator is sensitive though
 * perhaps not shown.) */
void dz_sensitive(struct dz *z, int fact);

/* A relation every reader knows: sum of coef[i] * fact[i] = 0. */
void dz_relation(struct dz *z, int n, const int *facts, const double *coefs);

/* A relation the reader knows only while none of guard[] is hidden: a
 * percentage p of num over den is num - p/100 * den = 0, shown unless num
 * or den is hidden. */
void dz_relation_guarded(struct dz *z, int n, const int *facts, const double *coefs,
                         int nguard, const int *guard);

/* Hides every sensitive fact of value 1 to 5, then further facts (the
 * smallest non-zero first, in the relation that gives a hidden one away)
 * until no hidden sensitive fact is determined; then shows again each of
 * those further facts (the largest first) that nothing needs, so that
 * every one left hidden protects a count.  Returns how many are hidden. */
int dz_suppress(struct dz *z);

/* Where dz_suppress says why each secondary cell went, a line at a time
 * (borrowed for the call): NULL, the default, nowhere.  For mains
 * (LSCB_DZ_TRACE=1): the library never prints. */
typedef void dz_trace_fn(const char *line);
void dz_set_trace(dz_trace_fn *fn);

/* Hides one fact (as a caller's own rule would). */
void dz_hide(struct dz *z, int fact);

/* Shows a hidden fact again: for tests of whether a hidden cell is needed
 * (dz_suppress does the same in its second pass). */
void dz_unhide_for_test(struct dz *z, int fact);

bool dz_hidden(const struct dz *z, int fact);
bool dz_shown(const struct dz *z, int fact);
long dz_value(const struct dz *z, int fact);
const char *dz_key(const struct dz *z, int fact);
int dz_count(const struct dz *z);

/* A hidden sensitive fact that the shown facts and the relations
 * determine, or -1: what dz_suppress() prevents, exposed for tests. */
int dz_leak(const struct dz *z);

#endif
