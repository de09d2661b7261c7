/*
 * lscb.h — errors shared by every stage.
 *
 * A function returns LSCB_OK or an lscb_err code; the human message goes in
 * a struct lscb_error the caller owns.  A bad *record* is never an error of
 * the run: it becomes a row of rejects.csv (transform.h) or validation.csv
 * (validate.h).  Only file-level problems
 * (malformed XML, unreadable file) and system failures are errors.
 */
#ifndef LSCB_H
#define LSCB_H

#include <stdarg.h>
#include <stddef.h>

#define LSCB_VERSION "0.1.0"

typedef enum lscb_err {
    LSCB_OK = 0,
    LSCB_EINPUT,   /* bad input that stops the run: exit 1 */
    LSCB_EUSAGE,   /* wrong command line: exit 2 */
    LSCB_ESYS,     /* I/O, memory, database, library failure: exit 3 */
} lscb_err;

struct lscb_error {
    lscb_err code;
    char msg[1024];
};

/* Sets e (if not NULL) to code and a printf-style message; returns code. */
lscb_err lscb_fail(struct lscb_error *e, lscb_err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Process exit status for an error code (0, 1, 2 or 3). */
int lscb_exit_code(lscb_err code);

/* Allocation that never returns NULL: on exhaustion prints "out of memory"
 * and exits 3 (a batch run has nothing better to do, and the outputs are
 * written to temporary files, so nothing half-written is left).  Every
 * allocation of the project goes through these. */
void *lscb_xmalloc(size_t n);
void *lscb_xrealloc(void *p, size_t n);
void *lscb_xcalloc(size_t n, size_t size);
char *lscb_xstrdup(const char *s);

/* Program-wide setup every main() calls first: C numeric locale, GSL error
 * handler off, umask 077 (nothing a stage creates is readable by others).
 * Returns 0. */
int lscb_process_init(void);

/* Flushes and closes stdout, reporting a write error; returns exit code to
 * use (the given one, or 3 when stdout could not be written). */
int lscb_process_finish(int code);

/* Test hook for crash-safety tests: if the environment variable
 * LSCB_CRASH_AT names this point, the process kills itself (SIGKILL) here,
 * as cron's kill or a power cut would.  Does nothing otherwise. */
void lscb_crash_point(const char *name);

#endif
