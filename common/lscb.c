/* lscb.c — error values, allocation and process-level set-up. */
#define _POSIX_C_SOURCE 200809L
#include "common/lscb.h"

#include <limits.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <signal.h>
#include <sys/stat.h>

lscb_err lscb_fail(struct lscb_error *e, lscb_err code, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        e->code = code;
        int n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
        if (n < 0 || (size_t)n >= sizeof e->msg)   /* a cut message says so */
            memcpy(e->msg + sizeof e->msg - 4, "...", 4);
    }
    return code;
}

int lscb_exit_code(lscb_err code)
{
    switch (code) {
    case LSCB_OK: return 0;
    case LSCB_EINPUT: return 1;
    case LSCB_EUSAGE: return 2;
    case LSCB_ESYS: return 3;
    }
    return 3;
}

static void oom(void)
{
    fputs("lscb: out of memory\n", stderr);
    exit(3);
}

void *lscb_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *lscb_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom();
    return q;
}

void *lscb_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

char *lscb_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = lscb_xmalloc(n);
    memcpy(p, s, n);
    return p;
}

int lscb_process_init(void)
{
    /* Never let a decimal-comma locale near number formatting. */
    setlocale(LC_ALL, "C");
    gsl_set_error_handler_off();
    /* every file a stage creates names children or their pseudonyms:
     * owner-only, whatever creates it (SQLite's scratch files, libraries'
     * temporaries, a work directory the operator made 0755) */
    umask(077);
#ifdef __GLIBC__
    /* A run frees and makes again tables of tens of megabytes (each
     * return's keys, each file's validation state): keep freed memory in
     * the process for the next, rather than give it back and fault it in
     * again.  Blocks up to 32 MB (glibc's largest threshold) from the heap,
     * and the heap never trimmed: a three-England-size-year run's page
     * faults 343,000 to 163,000, a year's 135,000 to 94,000 (peak memory
     * 418 to 412 MB, and 314 to 341 MB); on a machine whose memory comes
     * from its host on first touch (about 14 us a page), 2.5 s of the
     * three years. */
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, INT_MAX);
#endif
    return 0;
}

int lscb_process_finish(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fputs("lscb: error writing standard output\n", stderr);
        return code ? code : 3;
    }
    return code;
}

void lscb_crash_point(const char *name)
{
    const char *at = getenv("LSCB_CRASH_AT");
    if (at && !strcmp(at, name))
        raise(SIGKILL);
}
