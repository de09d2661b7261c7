/* progress.c — see progress.h. */
#define _POSIX_C_SOURCE 200809L
#include "common/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(struct progress *p, const char *stage, long long total)
{
    p->on = isatty(STDERR_FILENO) && !getenv("LSCB_NO_PROGRESS");
    p->stage = stage;
    p->t0 = p->last = now();
    p->total = total;
    p->records = 0;
    p->bytes = 0;
}

void progress_tick(struct progress *p, long records, long long bytes)
{
    p->records = records;
    p->bytes = bytes;
    if (!p->on || (records & 1023) != 0)
        return;
    double t = now();
    if (t - p->last < 0.5)
        return;
    p->last = t;
    double secs = t - p->t0 > 0 ? t - p->t0 : 1e-9;
    if (p->total > 0)
        fprintf(stderr, "\r%s: %ld records, %lld of %lld MB (%d%%), %.0f MB/s, %.0f records/s ",
                p->stage, records, bytes / 1000000, p->total / 1000000,
                (int)(100.0 * (double)bytes / (double)p->total), (double)bytes / 1e6 / secs,
                (double)records / secs);
    else
        fprintf(stderr, "\r%s: %ld records, %.0f records/s ", p->stage, records,
                (double)records / secs);
    fflush(stderr);
}

void progress_done(struct progress *p)
{
    if (p->on && p->last > p->t0)
        fputs("\r\033[K", stderr);
    p->on = false;
}
