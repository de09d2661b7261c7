/*
 * csvio.h — CSV writing into atomically committed files, and a streaming
 * CSV reader over libcsv.
 *
 * Output files are written to a temporary name beside the target and renamed
 * into place by afile_commit, so a reader never sees half a file and a killed
 * run leaves the previous file intact.  Files are created mode 0600: they can
 * hold a child's LA ID.
 */
#ifndef LSCB_CSVIO_H
#define LSCB_CSVIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "common/lscb.h"

struct afile {
    FILE *fp;
    char *path;   /* final name */
    char *tmp;    /* temporary name while writing */
};

/* Opens a temporary file beside path for writing.  On error returns LSCB_ESYS
 * and fills e.  The afile must be committed or aborted. */
lscb_err afile_open(struct afile *af, const char *path, struct lscb_error *e);

/* Flushes, fsyncs, closes and renames into place.  On error the temporary is
 * removed and LSCB_ESYS returned (a full disk shows up here). */
lscb_err afile_commit(struct afile *af, struct lscb_error *e);

/* Closes and removes the temporary file; safe on a zeroed or aborted afile. */
void afile_abort(struct afile *af);

/* Writes one CSV field (quoted when it holds a comma, quote, CR or LF),
 * preceded by a comma unless first. */
void csv_put(FILE *fp, const char *s, bool first);

/* Writes n fields and a newline. */
void csv_put_row(FILE *fp, const char *const *fields, size_t n);

/* true if s would be taken as a formula by a spreadsheet opening the CSV:
 * it begins with = + - @ tab or CR and is not a plain number (OWASP's CSV
 * injection list). */
bool csv_text_is_formula(const char *s);

/* csv_put for a CSV a person opens in Excel (rejects.csv, validation.csv, every
 * sources.csv): a field csv_text_is_formula is written with a leading
 * apostrophe ("'=HYPERLINK(...)"), so it shows as the text it is and never
 * runs.  Intermediate files use csv_put: their values must stay as found. */
void csv_put_text(FILE *fp, const char *s, bool first);
void csv_put_text_row(FILE *fp, const char *const *fields, size_t n);

/* The other way, in place: a field csv_put_text marked loses its leading
 * apostrophe ("'=HYPERLINK(...)" is "=HYPERLINK(...)" again), anything else
 * is left as it is; unescaping what csv_put_text wrote always gives back
 * the value it was given (text beginning with apostrophes before a formula
 * gets one more). */
void csv_text_unescape(char *s);

/* ---- reading ---- */

/* Called for each record.  fields[i] are NUL-terminated and borrowed for
 * the call only; line is the 1-based line the record starts on.  Return
 * LSCB_OK to go on; anything else stops the read and is returned. */
typedef lscb_err (*csv_row_fn)(void *ctx, char **fields, size_t n, long line,
                               struct lscb_error *e);

/* Byte source: fills buf with up to cap bytes, returns the count, 0 at end,
 * -1 on error (errno set). */
typedef long (*lscb_read_fn)(void *ctx, char *buf, size_t cap);

/* Reads CSV from a byte source, strictly (libcsv CSV_STRICT): a UTF-8 BOM is
 * dropped, unquoted fields are kept as found (not trimmed), CRLF or LF end a
 * row, a record longer than max_field bytes in one field (an unterminated
 * quote) stops with LSCB_EINPUT naming the line.  name is used in messages. */
lscb_err csv_read(lscb_read_fn rd, void *rctx, const char *name, csv_row_fn fn,
                  void *ctx, struct lscb_error *e);

/* csv_read over a file path. */
lscb_err csv_read_path(const char *path, csv_row_fn fn, void *ctx,
                       struct lscb_error *e);

/* csv_read_path for a CSV written with csv_put_text (everything under
 * tables/, rejects.csv, validation.csv): each field csv_text_unescape'd. */
lscb_err csv_read_path_text(const char *path, csv_row_fn fn, void *ctx,
                            struct lscb_error *e);

/* Byte source over a stdio stream (ctx is the FILE *). */
long lscb_read_stdio(void *ctx, char *buf, size_t cap);

/* Makes directory path and its parents (mode 0700 for new ones). */
lscb_err mkdir_p(const char *path, struct lscb_error *e);

/* Joins a directory and a name into a new string; free with free(). */
char *path_join(const char *dir, const char *name);

#endif
