/*
 * timing.h — where a run's time goes: with LSCB_TIMING set, each mark adds
 * a note (notes.h) with the wall time since the first mark, the process's
 * CPU time (every thread's, user and system) and the calling thread's.
 * Without it a mark costs one getenv.  For finding what runs serially
 * (issue 18's profiling); the run's outputs never depend on it.
 */
#ifndef LSCB_TIMING_H
#define LSCB_TIMING_H

#include "common/notes.h"

/* Adds "timing: WHAT: wall W s, CPU C s (this thread T s)" to notes when
 * LSCB_TIMING is set; borrows both. */
void timing_mark(struct lscb_notes *notes, const char *what);

#endif
