/*
 * text.h — strict number parsing and checked formatting, for every stage
 * (STYLE.md's banned list: no atoi/atof, no unchecked snprintf).
 *
 * The parsers take the whole string or nothing: no leading or trailing
 * space, no trailing junk, no overflow (ERANGE); they leave *out alone
 * and return false otherwise.  They borrow s, which may be NULL (false).
 */
#ifndef LSCB_TEXT_H
#define LSCB_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Base-10 integer, optional sign. */
bool text_long(const char *s, long *out);

/* Base-10 integer within lo..hi. */
bool text_int_range(const char *s, long lo, long hi, int *out);

/* A finite decimal number (strtod's syntax less hex, inf and nan). */
bool text_double(const char *s, double *out);

/* v in base 10 into out (TEXT_LONG_CAP bytes hold any long): what
 * snprintf's "%ld" writes, for the hot paths that number every record (a
 * quarter of a microsecond less each).  Returns out. */
#define TEXT_LONG_CAP 24
char *text_from_long(char out[TEXT_LONG_CAP], long v);

/* snprintf into buf of cap bytes; returns 0 when the whole text fit, -1
 * when it was cut short or could not be formatted (buf then holds the cut
 * text, or "").  Callers treat -1 as an error of their own kind. */
int text_fmt(char *buf, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), warn_unused_result));

/* For messages, where a cut is better than nothing: like text_fmt, and a
 * cut text ends in "..." so the reader sees it was cut (cap >= 4). */
void text_fmt_cut(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The whole text, never cut: returns a new string; free with free().  Out
 * of memory ends the program as lscb_xmalloc does. */
char *text_xfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* v with dp decimals ("12.5"), for a cell or a CSV field: a value too
 * wide for cap that way (a published 1e30 in a char[24]) is written to 17
 * significant digits in exponent form instead, the same number, never
 * cut.  cap >= 25 holds every double so; below that buf may be left ""
 * (never a cut figure). */
void text_number(char *buf, size_t cap, double v, int dp);

/* A growing string, never cut: appends the text to *s, a string from
 * malloc or NULL (then the text alone), replacing *s with the result (free
 * with free()).  For lists and paragraphs no fixed buffer can bound.  Out
 * of memory ends the program as lscb_xmalloc does. */
void text_xappend(char **s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Like text_fmt, appending to the string already in buf. */
int text_append(char *buf, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), warn_unused_result));

/* Makes s valid UTF-8 for a workbook (libxlsxwriter writes strings as they
 * are, and one bad byte makes sharedStrings.xml unreadable): every byte not
 * part of a well-formed sequence (a Latin-1 file name, a multibyte
 * character cut short by a fixed-size field) and every control character
 * but tab, LF and CR becomes '?'.  In place; the length never changes. */
void text_utf8_clean(char *s);

#endif
