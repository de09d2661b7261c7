/*
 * progress.h — progress of a long stage on a terminal: records and MB done
 * and the rate, on one stderr line rewritten at most twice a second.
 * Silent unless stderr is a terminal (so cron and the tests see nothing) or
 * when LSCB_NO_PROGRESS is set.
 */
#ifndef LSCB_PROGRESS_H
#define LSCB_PROGRESS_H

#include <stdbool.h>

struct progress {
    bool on;
    const char *stage;
    double t0, last;
    long long total;     /* bytes expected, 0 if unknown */
    long records;
    long long bytes;
};

/* Starts the line for stage; total is the bytes expected (0: unknown). */
void progress_start(struct progress *p, const char *stage, long long total);

/* Cheap to call for every record: the clock is read every 1,024 calls. */
void progress_tick(struct progress *p, long records, long long bytes);

/* Clears the line. */
void progress_done(struct progress *p);

#endif
