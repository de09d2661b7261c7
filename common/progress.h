/*
 * progress.h — progress of a long stage: records and bytes done, counted by
 * the library and shown by whatever display a main installs
 * (progress_set_display; util.h's progress_terminal writes one stderr line
 * rewritten at most twice a second).  Without a display, nothing is shown:
 * the library never prints.
 */
#ifndef LSCB_PROGRESS_H
#define LSCB_PROGRESS_H

#include <stdbool.h>

struct progress {
    bool on;             /* a display is installed and wants this stage */
    const char *stage;
    double t0, last;
    long long total;     /* bytes expected, 0 if unknown */
    long records;
    long long bytes;
};

/* A display: first asked, as the stage starts, whether it shows it
 * (p->last == p->t0, done false: print nothing, return false to stay off);
 * then called at most twice a second while the stage runs (done false),
 * and once at its end (done true) if it was called in between.  Borrows p;
 * the return value counts only on the first call. */
typedef bool progress_display_fn(const struct progress *p, bool done);

/* Installs the display for the whole process (NULL: none, the default).
 * For mains: a process-level choice, like the locale. */
void progress_set_display(progress_display_fn *fn);

/* Starts counting for stage; total is the bytes expected (0: unknown). */
void progress_start(struct progress *p, const char *stage, long long total);

/* Cheap to call for every record: the clock is read every 1,024 calls. */
void progress_tick(struct progress *p, long records, long long bytes);

/* Ends the stage (the display clears its line). */
void progress_done(struct progress *p);

#endif
