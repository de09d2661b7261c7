/* util.c — see util.h. */
#define _POSIX_C_SOURCE 200809L
#include "common/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool parse_long_arg(const char *s, long *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno == ERANGE || *end != '\0')
        return false;
    *out = v;
    return true;
}

bool parse_year_arg(const char *s, int *out)
{
    long v;
    if (!parse_long_arg(s, &v) || v < 1990 || v > 2100)
        return false;
    *out = (int)v;
    return true;
}

const char *next_token(const char **cursor, const char *seps, size_t *len)
{
    const char *s = *cursor;
    while (*s && (strchr(seps, *s) || *s == ' '))
        s++;
    if (!*s) {
        *cursor = s;
        return NULL;
    }
    size_t n = strcspn(s, seps);
    *cursor = s + n;
    while (n && s[n - 1] == ' ')
        n--;
    *len = n;
    return s;
}

int usage_error(const char *prog, const char *msg, const char *usage)
{
    if (msg)
        fprintf(stderr, "%s: %s\n", prog, msg);
    fputs(usage, stderr);
    return 2;
}

int stage_exit(const char *prog, lscb_err rc, const struct lscb_error *e)
{
    if (rc != LSCB_OK)
        fprintf(stderr, "%s: %s\n", prog, e->msg);
    return lscb_process_finish(lscb_exit_code(rc));
}

bool progress_terminal(const struct progress *p, bool done)
{
    if (done) {
        fputs("\r\033[K", stderr);
        return true;
    }
    if (p->last == p->t0) /* the stage starts: shown on a terminal only */
        return isatty(STDERR_FILENO) && !getenv("LSCB_NO_PROGRESS");
    double secs = p->last - p->t0 > 0 ? p->last - p->t0 : 1e-9;
    if (p->total > 0)
        fprintf(stderr, "\r%s: %ld records, %lld of %lld MB (%d%%), %.0f MB/s, %.0f records/s ",
                p->stage, p->records, p->bytes / 1000000, p->total / 1000000,
                (int)(100.0 * (double)p->bytes / (double)p->total),
                (double)p->bytes / 1e6 / secs, (double)p->records / secs);
    else
        fprintf(stderr, "\r%s: %ld records, %.0f records/s ", p->stage, p->records,
                (double)p->records / secs);
    fflush(stderr);
    return true;
}

void trace_to_stderr(const char *line)
{
    fprintf(stderr, "%s\n", line);
}
