/* timing.c — see timing.h. */
#define _POSIX_C_SOURCE 200809L
#include "common/timing.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static double seconds(clockid_t c)
{
    struct timespec ts;
    if (clock_gettime(c, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double tv(struct timeval t)
{
    return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

/* the first mark's clock: marks come from two threads */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static double t0;
static bool started;

void timing_mark(struct lscb_notes *notes, const char *what)
{
    const char *on = getenv("LSCB_TIMING");
    if (!on || !*on)
        return;
    double now = seconds(CLOCK_MONOTONIC);
    pthread_mutex_lock(&mu);
    if (!started) {
        started = true;
        t0 = now;
    }
    double wall = now - t0;
    struct rusage ru;
    double cpu = getrusage(RUSAGE_SELF, &ru) == 0 ? tv(ru.ru_utime) + tv(ru.ru_stime) : 0;
    notes_add(notes, "timing: %s: wall %.2f s, CPU %.2f s (this thread %.2f s)", what, wall,
              cpu, seconds(CLOCK_THREAD_CPUTIME_ID));
    pthread_mutex_unlock(&mu);
}
