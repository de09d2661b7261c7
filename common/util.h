/*
 * util.h — small helpers: argument checks, usage errors and the end of a
 * stage main (usage_error and stage_exit print; they are for mains only),
 * and a tokenizer the library uses too.
 */
#ifndef LSCB_UTIL_H
#define LSCB_UTIL_H

#include <stdbool.h>

/* Parses a four-digit year 1990-2100 strictly; true on success. */
bool parse_year_arg(const char *s, int *out);

/* Parses a long strictly (whole string, no overflow); true on success. */
bool parse_long_arg(const char *s, long *out);

/* The next token of a list separated by any of seps, white space around
 * it skipped; NULL at the end.  *len gets its length; *cursor moves on. */
#include <stddef.h>
const char *next_token(const char **cursor, const char *seps, size_t *len);

/* Prints "prog: msg" (if msg) and the usage text to stderr; returns 2. */
int usage_error(const char *prog, const char *msg, const char *usage);

/* A progress display (progress.h) for mains: on when stderr is a terminal
 * and LSCB_NO_PROGRESS is not set (so cron and the tests see nothing);
 * records, MB and the rate on one line, cleared at the end. */
#include "common/progress.h"
bool progress_terminal(const struct progress *p, bool done);

/* Writes line and a newline to stderr: a trace sink for mains
 * (dz_set_trace). */
void trace_to_stderr(const char *line);

/* Ends a stage main: prints "prog: message" on failure, flushes stdout,
 * and returns the exit status for rc (0, 1, 2 or 3). */
#include "common/lscb.h"
int stage_exit(const char *prog, lscb_err rc, const struct lscb_error *e);

#endif
