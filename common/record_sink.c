/* record_sink.c — see record_sink.h. */
#include "common/record_sink.h"

#include <stdio.h>
#include <string.h>

#include "common/text.h"

void rec_put_staged_header(FILE *fp, const struct entity_def *d)
{
    fputs("source_file,source_line,la_code,census_year", fp);
    for (size_t i = 0; i < d->nfields; i++) {
        putc(',', fp);
        fputs(d->fields[i].name, fp);
    }
    fputs("," REC_PROBLEM_COLUMN "\n", fp);
}

int rec_problem_format(const struct rec_problem *p, const struct entity_def *d, char *buf,
                       size_t cap)
{
    switch (p->kind) {
    case REC_FINE:
        return text_fmt(buf, cap, "%s", "");
    case REC_TOO_LONG:
    case REC_REPEATED:
        return text_fmt(buf, cap, "%s %s", p->kind == REC_TOO_LONG ? "too_long" : "repeated",
                        d->fields[p->field].name);
    case REC_BAD_ROW:
        return text_fmt(buf, cap, "bad_row %ld of %ld", p->ncols, p->want);
    }
    return -1;
}

bool rec_problem_parse(const char *s, const struct entity_def *d, struct rec_problem *p)
{
    *p = (struct rec_problem){.kind = REC_FINE, .field = -1};
    if (!*s)
        return true;
    const char *sp = strchr(s, ' ');
    if (!sp)
        return false;
    size_t k = (size_t)(sp - s);
    if ((k == 8 && !strncmp(s, "too_long", 8)) || (k == 8 && !strncmp(s, "repeated", 8))) {
        int f = entity_field(d, sp + 1);
        if (f < 0)
            return false;
        p->kind = s[0] == 't' ? REC_TOO_LONG : REC_REPEATED;
        p->field = f;
        return true;
    }
    if (k == 7 && !strncmp(s, "bad_row", 7)) {
        char a[24], b[24];
        const char *of = strstr(sp + 1, " of ");
        if (!of || (size_t)(of - sp - 1) >= sizeof a || strlen(of + 4) >= sizeof b)
            return false;
        memcpy(a, sp + 1, (size_t)(of - sp - 1));
        a[of - sp - 1] = '\0';
        memcpy(b, of + 4, strlen(of + 4) + 1); /* fits: checked above */
        if (!text_long(a, &p->ncols) || !text_long(b, &p->want))
            return false;
        p->kind = REC_BAD_ROW;
        return true;
    }
    return false;
}

const char *rec_problem_rule(const struct rec_problem *p, const struct entity_def *d,
                             const char **field, char *msg, size_t cap)
{
    *field = "";
    switch (p->kind) {
    case REC_FINE:
        return NULL;
    case REC_TOO_LONG:
        *field = d->fields[p->field].name;
        text_fmt_cut(msg, cap, "value longer than the census allows");
        return "T07";
    case REC_REPEATED:
        *field = d->fields[p->field].name;
        text_fmt_cut(msg, cap, "element given more than once");
        return "T07";
    case REC_BAD_ROW:
        text_fmt_cut(msg, cap, "row has %ld columns, the header has %ld", p->ncols, p->want);
        return "T09";
    }
    return NULL;
}
