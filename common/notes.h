/*
 * notes.h — what a library function has to tell the user besides its
 * result (a stage's "read N, wrote M, rejected K" line, a warning), kept
 * for the main to print: library code does not print.  (Progress lines on
 * a terminal are the one exception: progress.h.)
 */
#ifndef LSCB_NOTES_H
#define LSCB_NOTES_H

#include <stddef.h>
#include <stdio.h>

struct lscb_notes {
    char **line;
    size_t n, cap;
};

/* Adds a line (no newline); a NULL notes drops it. */
void notes_add(struct lscb_notes *notes, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes every line, each with a newline; NULL is fine. */
void notes_print(const struct lscb_notes *notes, FILE *fp);

/* Frees the lines; the notes may be used again. */
void notes_release(struct lscb_notes *notes);

#endif
