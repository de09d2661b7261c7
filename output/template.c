/* template.c — see template.h.  Parsing by libinih. */
#define _POSIX_C_SOURCE 200809L
#include "template.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "measures.h"
#include "paths.h"

struct parse {
    struct report_template *t;
    struct tpl_table *cur;
    bool in_report;
    char err[300];
};

static bool copy(char *dst, size_t cap, const char *v)
{
    if (strlen(v) >= cap)
        return false;
    memcpy(dst, v, strlen(v) + 1);
    return true;
}

static const char *const dimensions[] = {"category", "duration", "age", "gender", "ethnicity",
                                         NULL};

static int on_kv(void *user, const char *section, const char *name, const char *value)
{
    struct parse *p = user;
    struct report_template *t = p->t;
    if (!name) /* new section (INI_CALL_HANDLER_ON_NEW_SECTION builds) */
        return 1;
    if (!strcmp(section, "report")) {
        if (!strcmp(name, "title") && copy(t->title, sizeof t->title, value))
            return 1;
        snprintf(p->err, sizeof p->err, "unknown or too long key '%s' in [report]", name);
        return 0;
    }
    if (strncmp(section, "table:", 6) != 0 || !section[6]) {
        snprintf(p->err, sizeof p->err, "unknown section [%s] (expected [report] or [table:ID])",
                 section);
        return 0;
    }
    if (!p->cur || strcmp(p->cur->id, section + 6) != 0) {
        for (int i = 0; i < t->ntables; i++)
            if (!strcmp(t->tables[i].id, section + 6)) {
                snprintf(p->err, sizeof p->err, "table [%s] is defined twice", section);
                return 0;
            }
        if (t->ntables == TPL_MAX_TABLES) {
            snprintf(p->err, sizeof p->err, "more than %d tables", TPL_MAX_TABLES);
            return 0;
        }
        p->cur = &t->tables[t->ntables++];
        memset(p->cur, 0, sizeof *p->cur);
        if (!copy(p->cur->id, sizeof p->cur->id, section + 6)) {
            snprintf(p->err, sizeof p->err, "table id too long");
            return 0;
        }
    }
    struct tpl_table *tb = p->cur;
    if (!strcmp(name, "sheet")) {
        if (!*value || !copy(tb->sheet, sizeof tb->sheet, value) || strpbrk(value, "[]:*?/\\")) {
            snprintf(p->err, sizeof p->err, "sheet name '%s' must be 1-31 characters without "
                     "[ ] : * ? / \\", value);
            return 0;
        }
        for (int i = 0; i < t->ntables - 1; i++)
            if (!strcmp(t->tables[i].sheet, value)) {
                snprintf(p->err, sizeof p->err, "sheet name '%s' is used twice", value);
                return 0;
            }
    } else if (!strcmp(name, "title")) {
        if (!copy(tb->title, sizeof tb->title, value)) {
            snprintf(p->err, sizeof p->err, "title too long");
            return 0;
        }
    } else if (!strcmp(name, "note")) {
        if (!copy(tb->note, sizeof tb->note, value)) {
            snprintf(p->err, sizeof p->err, "note too long");
            return 0;
        }
    } else if (!strcmp(name, "measures")) {
        char buf[400];
        if (!copy(buf, sizeof buf, value)) {
            snprintf(p->err, sizeof p->err, "measures list too long");
            return 0;
        }
        tb->nmeasures = 0;
        for (char *s = buf; s;) {
            char *comma = strchr(s, ',');
            if (comma)
                *comma = '\0';
            while (*s == ' ')
                s++;
            size_t n = strlen(s);
            while (n && s[n - 1] == ' ')
                s[--n] = '\0';
            if (!measure_def_find(s)) {
                snprintf(p->err, sizeof p->err, "unknown measure '%s'", s);
                return 0;
            }
            if (tb->nmeasures == TPL_MAX_MEASURES) {
                snprintf(p->err, sizeof p->err, "more than %d measures", TPL_MAX_MEASURES);
                return 0;
            }
            copy(tb->measures[tb->nmeasures++], sizeof tb->measures[0], s);
            s = comma ? comma + 1 : NULL;
        }
    } else if (!strcmp(name, "breakdown")) {
        bool ok = false;
        for (int i = 0; dimensions[i]; i++)
            ok |= !strcmp(dimensions[i], value);
        if (!ok) {
            snprintf(p->err, sizeof p->err, "unknown breakdown '%s' (category, duration, age, "
                     "gender, ethnicity)", value);
            return 0;
        }
        copy(tb->breakdown, sizeof tb->breakdown, value);
    } else if (!strcmp(name, "period")) {
        if (!strcmp(value, "year"))
            tb->period = TPL_YEAR;
        else if (!strcmp(value, "quarter"))
            tb->period = TPL_QUARTER;
        else if (!strcmp(value, "month"))
            tb->period = TPL_MONTH;
        else {
            snprintf(p->err, sizeof p->err, "unknown period '%s' (year, quarter, month)", value);
            return 0;
        }
    } else if (!strcmp(name, "share")) {
        if (!strcmp(value, "yes"))
            tb->share = true;
        else if (!strcmp(value, "no"))
            tb->share = false;
        else {
            snprintf(p->err, sizeof p->err, "share must be yes or no, not '%s'", value);
            return 0;
        }
    } else {
        snprintf(p->err, sizeof p->err, "unknown key '%s' in [%s]", name, section);
        return 0;
    }
    return 1;
}

lscb_err template_load(const char *path, struct report_template *t, struct lscb_error *e)
{
    memset(t, 0, sizeof *t);
    struct parse p = {.t = t};
    FILE *fp = fopen(path, "r");
    if (!fp)
        return lscb_fail(e, LSCB_EINPUT, "%s: cannot open template: %s", path, strerror(errno));
    int line = ini_parse_file(fp, on_kv, &p);
    fclose(fp);
    if (line != 0)
        return lscb_fail(e, LSCB_EINPUT, "%s:%d: %s", path, line,
                         p.err[0] ? p.err : "malformed line (expected [section] or key = value)");
    if (t->ntables == 0)
        return lscb_fail(e, LSCB_EINPUT, "%s: template declares no [table:ID] sections", path);
    for (int i = 0; i < t->ntables; i++) {
        struct tpl_table *tb = &t->tables[i];
        const char *miss = !tb->sheet[0] ? "sheet" : !tb->title[0] ? "title"
                                                  : !tb->nmeasures ? "measures" : NULL;
        if (miss)
            return lscb_fail(e, LSCB_EINPUT, "%s: table [table:%s] has no %s", path, tb->id, miss);
        if (tb->breakdown[0] && tb->period != TPL_YEAR)
            return lscb_fail(e, LSCB_EINPUT, "%s: table [table:%s]: a breakdown table shows the "
                             "year end; remove period or breakdown", path, tb->id);
    }
    return LSCB_OK;
}

char *template_find(const char *name)
{
    size_t n = strlen(name);
    if (strchr(name, '/') || (n > 4 && !strcmp(name + n - 4, ".ini")))
        return access(name, R_OK) == 0 ? lscb_xstrdup(name) : NULL;
    char file[300];
    snprintf(file, sizeof file, "%s.ini", name);
    return lscb_find_file("LSCB_TEMPLATE_DIR", "templates", file);
}
