/* notes.c — see notes.h. */
#define _POSIX_C_SOURCE 200809L
#include "common/notes.h"

#include <stdarg.h>
#include <stdlib.h>

#include "common/lscb.h"

void notes_add(struct lscb_notes *notes, const char *fmt, ...)
{
    if (!notes)
        return;
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        return;
    char *s = lscb_xmalloc((size_t)len + 1);
    va_start(ap, fmt);
    int again = vsnprintf(s, (size_t)len + 1, fmt, ap);
    va_end(ap);
    if (again != len) { /* cannot happen with the same arguments; never a cut note */
        free(s);
        return;
    }
    if (notes->n == notes->cap) {
        notes->cap = notes->cap ? 2 * notes->cap : 8;
        notes->line = lscb_xrealloc(notes->line, notes->cap * sizeof *notes->line);
    }
    notes->line[notes->n++] = s;
}

void notes_print(const struct lscb_notes *notes, FILE *fp)
{
    for (size_t i = 0; notes && i < notes->n; i++)
        fprintf(fp, "%s\n", notes->line[i]);
}

void notes_release(struct lscb_notes *notes)
{
    for (size_t i = 0; i < notes->n; i++)
        free(notes->line[i]);
    free(notes->line);
    notes->line = NULL;
    notes->n = notes->cap = 0;
}
