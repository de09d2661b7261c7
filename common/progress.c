/* progress.c — see progress.h. */
#define _POSIX_C_SOURCE 200809L
#include "common/progress.h"

#include <stddef.h>
#include <time.h>

static progress_display_fn *display;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_set_display(progress_display_fn *fn)
{
    display = fn;
}

void progress_start(struct progress *p, const char *stage, long long total)
{
    p->stage = stage;
    p->t0 = p->last = now();
    p->total = total;
    p->records = 0;
    p->bytes = 0;
    p->on = display && display(p, false);
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
    display(p, false);
}

void progress_done(struct progress *p)
{
    if (p->on && p->last > p->t0)
        display(p, true);
    p->on = false;
}
