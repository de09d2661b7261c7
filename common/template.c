/* template.c — see template.h.  Parsing by libinih. */
#define _POSIX_C_SOURCE 200809L
#include "common/template.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/measure_defs.h"
#include "common/paths.h"
#include "common/util.h"
#include "common/text.h"

struct parse {
    struct report_template *t;
    char last_key[64];          /* for continuation lines */
    char joined[1200];
    struct tpl_table *cur;
    struct band_set *curbands;
    char section[128];
    int line;          /* last line handled (approximate for new sections) */
    char err[300];
};

static bool copy(char *dst, size_t cap, const char *v)
{
    size_t n = strlen(v);
    if (n >= cap)
        return false;
    memcpy(dst, v, n + 1);
    return true;
}

static const char *const dimensions[] = {"category", "duration", "age", "gender", "ethnicity",
                                         NULL};
static const char *const month_abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* The first mistake is the one reported (libinih goes on after it). */
#define FAIL(...) (p->err[0] ? 0 : (text_fmt_cut(p->err, sizeof p->err, __VA_ARGS__), 0))

static int parse_int(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || v < 0 || v > 1200)
        return 0;
    *out = (int)v;
    return (int)(end - s);
}

static int band_kv(struct parse *p, const char *name, const char *value)
{
    struct band_set *bs = p->curbands;
    if (!strcmp(name, "method")) {
        if (!strcmp(value, "dfe_duration"))
            bs->method = BANDS_DFE_DURATION;
        else if (!strcmp(value, "completed_months"))
            bs->method = BANDS_COMPLETED_MONTHS;
        else if (!strcmp(value, "age_years"))
            bs->method = BANDS_AGE_YEARS;
        else
            return FAIL("unknown band method '%s' (dfe_duration, completed_months, age_years)",
                        value);
        return 1;
    }
    if (bs->n == BANDS_MAX)
        return FAIL("more than %d bands", BANDS_MAX);
    struct band *b = &bs->b[bs->n];
    memset(b, 0, sizeof *b);
    if (!copy(b->label, sizeof b->label, name))
        return FAIL("band label '%s' too long", name);
    if (!strncmp(value, "unborn", 6) && (value[6] == '\0' || value[6] == ' ')) {
        b->unborn = true;
        value += 6;
        while (*value == ' ')
            value++;
        if (!*value) {
            bs->n++;
            return 1;
        }
    }
    b->ranged = true;
    int k = parse_int(value, &b->lo);
    if (!k)
        return FAIL("band '%s': expected 'LO HI' (whole numbers, HI may be +), 'unborn' or "
                    "'unborn LO HI', got '%s'", name, value);
    const char *rest = value + k;
    while (*rest == ' ')
        rest++;
    if (!strcmp(rest, "+")) {
        b->hi = -1;
    } else {
        int k2 = parse_int(rest, &b->hi);
        if (!k2 || rest[k2] || b->hi < b->lo)
            return FAIL("band '%s': expected 'LO HI' with HI >= LO or '+', got '%s'", name,
                        value);
    }
    bs->n++;
    return 1;
}

static int measure_list(struct parse *p, struct tpl_table *tb, const char *value)
{
    char buf[600];
    if (!copy(buf, sizeof buf, value))
        return FAIL("columns list too long");
    tb->ncolumns = 0;
    for (char *s = buf; s;) {
        char *comma = strchr(s, ',');
        if (comma)
            *comma = '\0';
        while (*s == ' ')
            s++;
        size_t n = strlen(s);
        while (n && s[n - 1] == ' ')
            s[--n] = '\0';
        if (!n && !comma) /* a trailing comma (the value continues below) */
            break;
        if (tb->ncolumns == TPL_MAX_COLUMNS)
            return FAIL("more than %d columns", TPL_MAX_COLUMNS);
        struct tpl_measure_ref *c = &tb->columns[tb->ncolumns];
        c->part = TPL_VALUE;
        char *colon = strchr(s, ':');
        if (colon) {
            *colon = '\0';
            if (!strcmp(colon + 1, "numerator"))
                c->part = TPL_NUMERATOR;
            else if (!strcmp(colon + 1, "denominator"))
                c->part = TPL_DENOMINATOR;
            else
                return FAIL("'%s:%s': after ':' expected numerator or denominator", s, colon + 1);
        }
        const struct measure_def *md = measure_def_find(s);
        if (!md)
            return FAIL("unknown measure '%s'", s);
        if (c->part != TPL_VALUE && !measure_is_ratio(md))
            return FAIL("'%s' is a count: it has no numerator or denominator", s);
        copy(c->measure, sizeof c->measure, s);
        tb->ncolumns++;
        s = comma ? comma + 1 : NULL;
    }
    return 1;
}

const char *const tpl_reserved_sheets[] = {
    TPL_SHEET_CONTENTS, TPL_SHEET_DASHBOARD, TPL_SHEET_NARRATIVE, TPL_SHEET_QUALITY, TPL_SHEET_VALIDATION,
    TPL_SHEET_DEFINITIONS, TPL_SHEET_SOURCES, TPL_SHEET_FUNNEL_DATA, NULL};

bool tpl_sheet_reserved(const char *name)
{
    for (int i = 0; tpl_reserved_sheets[i]; i++)
        if (!strcasecmp(name, tpl_reserved_sheets[i]))
            return true;
    return !strncasecmp(name, TPL_SHEET_FUNNEL_PREFIX, strlen(TPL_SHEET_FUNNEL_PREFIX));
}

static int table_kv(struct parse *p, const char *name, const char *value)
{
    struct tpl_table *tb = p->cur;
    struct report_template *t = p->t;
    if (!strcmp(name, "sheet")) {
        /* Excel's rules, as libxlsxwriter checks them (found by the template
         * fuzz target through report_check_sheets) */
        size_t vl = strlen(value);
        if (!*value || !copy(tb->sheet, sizeof tb->sheet, value) || strpbrk(value, "[]:*?/\\") ||
            value[0] == '\'' || value[vl - 1] == '\'')
            return FAIL("sheet name '%s' must be 1-31 characters without [ ] : * ? / \\, "
                        "not beginning or ending with an apostrophe", value);
        /* Excel (and libxlsxwriter) compare sheet names without case */
        for (int i = 0; i < t->ntables - 1; i++)
            if (!strcasecmp(t->tables[i].sheet, value))
                return FAIL("sheet name '%s' is used twice (case does not count)", value);
        if (tpl_sheet_reserved(value))
            return FAIL("sheet name '%s' is the workbook's own (Contents, Dashboard, "
                        "Narrative, Data quality, Validation, Definitions, Sources, Funnel ...; "
                        "case does not count)", value);
    } else if (!strcmp(name, "title")) {
        if (!copy(tb->title, sizeof tb->title, value))
            return FAIL("title too long");
    } else if (!strcmp(name, "chart")) {
        static const char *const kinds[] = {"none", "line", "column", "stacked", "bar", "pie"};
        for (int i = 0; i < 6; i++)
            if (!strcmp(value, kinds[i])) {
                tb->chart = (enum tpl_chart)i;
                return 1;
            }
        return FAIL("unknown chart '%s' (line, column, stacked, bar, pie, none)", value);
    } else if (!strcmp(name, "order")) {
        if (!copy(tb->order_raw, sizeof tb->order_raw, value))
            return FAIL("order too long");
    } else if (!strcmp(name, "labels")) {
        if (!copy(tb->labels, sizeof tb->labels, value))
            return FAIL("labels too long");
    } else if (!strcmp(name, "note")) {
        if (!copy(tb->note, sizeof tb->note, value))
            return FAIL("note too long");
    } else if (!strcmp(name, "columns")) {
        return measure_list(p, tb, value);
    } else if (!strcmp(name, "rows")) {
        static const char *const kinds[] = {"months", "quarters", "year", "ytd", "list",
                                            "breakdown", "years", "comparators"};
        for (int i = 0; i < 8; i++)
            if (!strcmp(value, kinds[i])) {
                tb->rows = (enum tpl_rows)i;
                return 1;
            }
        return FAIL("unknown rows '%s' (months, quarters, year, ytd, list, breakdown, years, "
                    "comparators)", value);
    } else if (!strcmp(name, "years")) {
        int k = parse_int(value, &tb->years);
        if (!k || value[k] || tb->years < 1 || tb->years > TPL_MAX_ROWS)
            return FAIL("years must be 1 to %d, not '%s'", TPL_MAX_ROWS, value);
    } else if (!strcmp(name, "series")) {
        tb->nseries = 0;
        size_t len;
        for (const char *cur = value, *s; (s = next_token(&cur, " ,", &len)) != NULL;) {
            bool ok = (len == 2 && (!strncmp(s, "la", 2) || !strncmp(s, "sn", 2))) ||
                      (len == 6 && !strncmp(s, "region", 6)) ||
                      (len == 7 && !strncmp(s, "england", 7));
            if (!ok || tb->nseries == 4)
                return FAIL("series: '%.*s' (la, sn, region, england)", (int)len, s);
            memcpy(tb->series[tb->nseries], s, len); /* at most 7: checked above */
            tb->series[tb->nseries++][len] = '\0';
        }
    } else if (!strcmp(name, "year")) {
        if (strcmp(value, "current") && strcmp(value, "previous") && strcmp(value, "latest"))
            return FAIL("year must be current, previous or latest, not '%s'", value);
        tb->previous_year = !strcmp(value, "previous");
        tb->latest_year = !strcmp(value, "latest");
    } else if (!strcmp(name, "months")) {
        tb->nmonths = 0;
        size_t len;
        for (const char *cur = value, *s; (s = next_token(&cur, " ,", &len)) != NULL;) {
            int m = -1;
            for (int i = 0; i < 12; i++)
                if (len == 3 && !strncmp(s, month_abbr[i], 3))
                    m = i + 1;
            if (m < 0)
                return FAIL("unknown month '%.*s' (Jan ... Dec)", (int)len, s);
            if (tb->nmonths == 12)
                return FAIL("more than 12 months");
            tb->months[tb->nmonths++] = m;
        }
    } else if (!strcmp(name, "breakdown")) {
        bool ok = false;
        for (int i = 0; dimensions[i]; i++)
            ok |= !strcmp(dimensions[i], value);
        if (!ok)
            return FAIL("unknown breakdown '%s' (category, duration, age, gender, ethnicity)",
                        value);
        copy(tb->breakdown, sizeof tb->breakdown, value);
    } else if (!strcmp(name, "bands")) {
        if (!copy(tb->bands, sizeof tb->bands, value))
            return FAIL("band set name too long");
    } else if (!strcmp(name, "values")) {
        if (!strcmp(value, "count"))
            tb->values = TPL_VALUES_COUNT;
        else if (!strcmp(value, "pct"))
            tb->values = TPL_VALUES_PCT;
        else if (!strcmp(value, "both"))
            tb->values = TPL_VALUES_BOTH;
        else
            return FAIL("values must be count, pct or both, not '%s'", value);
    } else if (!strcmp(name, "outturns")) {
        char *end;
        long n = strtol(value, &end, 10);
        if (*end || end == value || n < 0 || n > 5)
            return FAIL("outturns must be a number of years from 0 to 5, not '%s'", value);
        tb->outturns = (int)n;
    } else if (!strcmp(name, "total") || !strcmp(name, "ni_bands") ||
               !strcmp(name, "transpose") || !strcmp(name, "total_row")) {
        bool v;
        if (!strcmp(value, "yes"))
            v = true;
        else if (!strcmp(value, "no"))
            v = false;
        else
            return FAIL("%s must be yes or no, not '%s'", name, value);
        if (!strcmp(name, "total"))
            tb->total = v;
        else if (!strcmp(name, "total_row"))
            tb->total_row = v;
        else if (!strcmp(name, "transpose"))
            tb->transpose = v;
        else
            tb->ni_bands = v;
    } else {
        return FAIL("unknown key '%s' in [table:%s]", name, tb->id);
    }
    return 1;
}

static int on_kv(void *user, const char *section, const char *name, const char *value)
{
    struct parse *p = user;
    struct report_template *t = p->t;
    if (!name)
        return 1;
    /* An indented line continues the previous key (libinih passes it as the
     * same key again): join the pieces with a space and apply the whole. */
    if (!strcmp(p->section, section) && !strcmp(p->last_key, name) && p->joined[0]) {
        size_t k = strlen(p->joined);
        if (k + 1 + strlen(value) >= sizeof p->joined)
            return FAIL("value of '%s' too long", name);
        p->joined[k] = ' ';
        memcpy(p->joined + k + 1, value, strlen(value) + 1);
        value = p->joined;
    } else {
        if (text_fmt(p->last_key, sizeof p->last_key, "%s", name))
            return FAIL("key '%s' too long", name);
        if (strlen(value) >= sizeof p->joined)
            return FAIL("value of '%s' too long", name);
        memcpy(p->joined, value, strlen(value) + 1);
        value = p->joined;
    }
    if (!strcmp(section, "report")) {
        if (!strcmp(name, "title") && copy(t->title, sizeof t->title, value))
            return 1;
        return FAIL("unknown or too long key '%s' in [report]", name);
    }
    bool is_table = !strncmp(section, "table:", 6) && section[6];
    bool is_bands = !strncmp(section, "bands:", 6) && section[6];
    if (!is_table && !is_bands)
        return FAIL("unknown section [%s] (expected [report], [bands:NAME] or [table:ID])",
                    section);
    if (strcmp(p->section, section) != 0) {
        if (text_fmt(p->section, sizeof p->section, "%s", section))
            return FAIL("section name [%s] too long", section);
        p->cur = NULL;
        p->curbands = NULL;
        if (is_table) {
            for (int i = 0; i < t->ntables; i++)
                if (!strcmp(t->tables[i].id, section + 6))
                    return FAIL("[%s] is defined twice", section);
            if (t->ntables == TPL_MAX_TABLES)
                return FAIL("more than %d tables", TPL_MAX_TABLES);
            p->cur = &t->tables[t->ntables++];
            memset(p->cur, 0, sizeof *p->cur);
            p->cur->total = true;
            p->cur->rows = TPL_ROWS_YEAR;
            p->cur->years = 7;
            p->cur->nseries = 3;
            memcpy(p->cur->series[0], "la", 3);
            memcpy(p->cur->series[1], "sn", 3);
            memcpy(p->cur->series[2], "england", 8);
            if (!copy(p->cur->id, sizeof p->cur->id, section + 6) ||
                strspn(section + 6, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(section + 6))
                return FAIL("table id '%s' must be lower-case letters, digits and _ (at most 47)",
                            section + 6);
        } else {
            for (int i = 0; i < t->nbandsets; i++)
                if (!strcmp(t->bandsets[i].name, section + 6))
                    return FAIL("[%s] is defined twice", section);
            if (t->nbandsets == TPL_MAX_BANDSETS)
                return FAIL("more than %d band sets", TPL_MAX_BANDSETS);
            p->curbands = &t->bandsets[t->nbandsets++];
            memset(p->curbands, 0, sizeof *p->curbands);
            p->curbands->method = BANDS_COMPLETED_MONTHS;
            if (!copy(p->curbands->name, sizeof p->curbands->name, section + 6))
                return FAIL("band set name too long");
        }
    }
    if (!p->cur && !p->curbands)
        return 0; /* the section itself was refused: its keys are not read */
    return p->cur ? table_kv(p, name, value) : band_kv(p, name, value);
}

/* Checks that can only be made once the whole table is read. */
static lscb_err check_table(const char *path, const struct report_template *t,
                            struct tpl_table *tb, struct lscb_error *e)
{
    const char *miss = !tb->sheet[0] ? "sheet" : !tb->title[0] ? "title" : NULL;
    if (miss)
        return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s] has no %s", path, tb->id, miss);
    if (tb->rows == TPL_ROWS_BREAKDOWN && !tb->breakdown[0])
        return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: rows = breakdown needs breakdown = "
                         "...", path, tb->id);
    if (!tb->breakdown[0] && tb->ncolumns == 0)
        return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s] has neither columns nor a breakdown",
                         path, tb->id);
    if (tb->total_row && (tb->breakdown[0] || (tb->rows != TPL_ROWS_MONTHS &&
                                               tb->rows != TPL_ROWS_QUARTERS &&
                                               tb->rows != TPL_ROWS_LIST)))
        return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: total_row needs rows = months, "
                         "quarters or list and columns of measures", path, tb->id);
    if (tb->outturns && tb->rows != TPL_ROWS_YTD)
        return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: outturns needs rows = ytd", path,
                         tb->id);
    if (tb->breakdown[0] && tb->ncolumns)
        return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: give columns or a breakdown, not "
                         "both", path, tb->id);
    if ((tb->rows == TPL_ROWS_YEARS || tb->rows == TPL_ROWS_COMPARATORS) &&
        (tb->breakdown[0] || tb->ncolumns == 0))
        return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: rows = years or comparators takes "
                         "columns (measures), not a breakdown", path, tb->id);
    if (tb->rows == TPL_ROWS_LIST && tb->nmonths == 0)
        return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: rows = list needs months = ...",
                         path, tb->id);
    if (tb->order_raw[0]) {
        const char *const *fixed = NULL;
        int nfixed = 0;
        if (!strcmp(tb->breakdown, "category"))
            fixed = category_labels, nfixed = N_CATEGORY;
        else if (!strcmp(tb->breakdown, "ethnicity"))
            fixed = ethnic_labels, nfixed = N_ETHNIC;
        else if (!strcmp(tb->breakdown, "gender"))
            fixed = gender_group_labels, nfixed = N_GENDER_GROUP;
        if (!fixed)
            return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: order applies to category, "
                             "ethnicity and gender breakdowns (bands set their own order)",
                             path, tb->id);
        struct tpl_table *w = tb;
        w->norder = 0;
        size_t len;
        for (const char *cur = tb->order_raw, *s; (s = next_token(&cur, ",", &len)) != NULL;) {
            int k = -1;
            for (int i = 0; i < nfixed; i++)
                if (strlen(fixed[i]) == len && !strncmp(fixed[i], s, len))
                    k = i;
            if (k < 0)
                return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: order: '%.*s' is not a %s "
                                 "label", path, tb->id, (int)len, s, tb->breakdown);
            if (w->norder == BANDS_MAX)
                return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: order too long", path, tb->id);
            w->order[w->norder++] = k;
        }
        if (w->norder != nfixed)
            return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: order lists %d labels; %s has %d",
                             path, tb->id, w->norder, tb->breakdown, nfixed);
    }
    struct tpl_col cols[TPL_MAX_COLS];
    char msg[200];
    if (tpl_columns(t, tb, cols, msg, sizeof msg) < 0)
        return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: %s", path, tb->id, msg);
    if (tb->bands[0]) {
        bool dur = !strcmp(tb->breakdown, "duration"), age = !strcmp(tb->breakdown, "age");
        if (!dur && !age)
            return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: bands apply to duration or age "
                             "breakdowns only", path, tb->id);
        const struct band_set *bs = NULL;
        for (int i = 0; i < t->nbandsets; i++)
            if (!strcmp(t->bandsets[i].name, tb->bands))
                bs = &t->bandsets[i];
        if (!bs)
            return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: no [bands:%s] in the template",
                             path, tb->id, tb->bands);
        if (age != (bs->method == BANDS_AGE_YEARS))
            return lscb_fail(e, LSCB_EINPUT, "%s: [table:%s]: [bands:%s] is for %s, not %s",
                             path, tb->id, tb->bands, age ? "durations" : "ages",
                             tb->breakdown);
        if (bs->n == 0 && bs->method != BANDS_DFE_DURATION)
            return lscb_fail(e, LSCB_EINPUT, "%s: [bands:%s] lists no bands", path, bs->name);
    }
    return LSCB_OK;
}

lscb_err template_load(const char *path, struct report_template *t, struct lscb_error *e)
{
    memset(t, 0, sizeof *t);
    if (text_fmt(t->path, sizeof t->path, "%s", path))
        return lscb_fail(e, LSCB_EINPUT, "%.200s...: template path longer than %zu characters",
                         path, sizeof t->path - 1);
    struct parse *p = lscb_xcalloc(1, sizeof *p);
    p->t = t;
    FILE *fp = fopen(path, "r");
    if (!fp) {
        free(p);
        return lscb_fail(e, LSCB_EINPUT, "%s: cannot open template: %s", path, strerror(errno));
    }
    int line = ini_parse_file(fp, on_kv, p);
    lscb_err rc = LSCB_OK;
    if (line != 0 && !p->err[0]) {
        /* libinih reads at most INI_MAX_LINE (200) characters a line and
         * takes the rest as the next line: name the long one */
        rewind(fp);
        char buf[4096];
        size_t prev = 0, cur = 0;
        for (int i = 1; i <= line && fgets(buf, sizeof buf, fp); i++) {
            prev = cur;
            cur = strlen(buf);
        }
        if (cur >= 199 || prev >= 199) {
            if (cur < 199)
                line--;
            snprintf(p->err, sizeof p->err, "line longer than 199 characters: continue the "
                     "value on the next line, indented");
        }
    }
    fclose(fp);
    if (line != 0)
        rc = lscb_fail(e, LSCB_EINPUT, "%s:%d: %s", path, line,
                       p->err[0] ? p->err : "malformed line (expected [section] or key = value)");
    else if (t->ntables == 0)
        rc = lscb_fail(e, LSCB_EINPUT, "%s: template declares no [table:ID] sections", path);
    for (int i = 0; i < t->ntables && rc == LSCB_OK; i++)
        rc = check_table(path, t, &t->tables[i], e);
    for (int i = 0; i < t->nbandsets && rc == LSCB_OK; i++)
        if (t->bandsets[i].method == BANDS_DFE_DURATION)
            t->bandsets[i] = bands_default_duration;
    free(p);
    return rc;
}

char *template_find(const char *name)
{
    size_t n = strlen(name);
    if (strchr(name, '/') || (n > 4 && !strcmp(name + n - 4, ".ini")))
        return access(name, R_OK) == 0 ? lscb_xstrdup(name) : NULL;
    char file[300];
    if (text_fmt(file, sizeof file, "%s.ini", name))
        return NULL; /* no such template: the caller names it */
    return lscb_find_file("LSCB_TEMPLATE_DIR", "templates", file);
}

const struct band_set *tpl_bandset(const struct report_template *t, const struct tpl_table *tb)
{
    for (int i = 0; tb->bands[0] && i < t->nbandsets; i++)
        if (!strcmp(t->bandsets[i].name, tb->bands))
            return &t->bandsets[i];
    if (!strcmp(tb->breakdown, "duration"))
        return &bands_default_duration;
    if (!strcmp(tb->breakdown, "age"))
        return &bands_default_age;
    return NULL;
}

static void month_label(char *buf, size_t cap, lscb_date d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    text_fmt_cut(buf, cap, "%s-%02d", month_abbr[m - 1], y % 100);
}

int tpl_period_rows(const struct tpl_table *tb, int year, struct tpl_row rows[TPL_MAX_ROWS])
{
    lscb_date ys = census_year_start(year), ye = census_year_end(year);
    int n = 0;
    switch (tb->rows) {
    case TPL_ROWS_YEAR:
        rows[0].start = ys;
        rows[0].end = ye;
        snprintf(rows[0].label, sizeof rows[0].label, "%d-%02d", year - 1, year % 100);
        return 1;
    case TPL_ROWS_MONTHS:
    case TPL_ROWS_YTD:
        for (int m = 0; m < 12; m++, n++) {
            rows[n].start = tb->rows == TPL_ROWS_YTD ? ys : date_add_months(ys, m);
            rows[n].end = date_add_months(ys, m + 1) - 1;
            month_label(rows[n].label, sizeof rows[n].label, rows[n].end);
        }
        return n;
    case TPL_ROWS_QUARTERS:
        for (int q = 0; q < 4; q++, n++) {
            rows[n].start = date_add_months(ys, 3 * q);
            rows[n].end = date_add_months(ys, 3 * q + 3) - 1;
            char a[16], b[16];
            month_label(a, sizeof a, rows[n].start);
            month_label(b, sizeof b, rows[n].end);
            text_fmt_cut(rows[n].label, sizeof rows[n].label, "%.3s to %s", a, b);
        }
        return n;
    case TPL_ROWS_LIST:
        for (int i = 0; i < tb->nmonths; i++, n++) {
            /* the month end of that month within the census year */
            int m = tb->months[i];
            int offset = (m - 4 + 12) % 12;        /* April is month 0 */
            rows[n].end = date_add_months(ys, offset + 1) - 1;
            rows[n].start = n == 0 ? date_add_months(ys, offset) : rows[n - 1].end + 1;
            if (rows[n].start > rows[n].end)       /* months out of order */
                rows[n].start = date_add_months(ys, offset);
            month_label(rows[n].label, sizeof rows[n].label, rows[n].end);
        }
        (void)ye;
        return n;
    case TPL_ROWS_BREAKDOWN:
    case TPL_ROWS_YEARS:
    case TPL_ROWS_COMPARATORS:
        return 0;
    }
    return 0;
}


int tpl_breakdown_labels(const struct report_template *t, const struct tpl_table *tb,
                         const char *labels[BANDS_MAX])
{
    const struct band_set *bs = tpl_bandset(t, tb);
    if (bs) {
        for (int i = 0; i < bs->n; i++)
            labels[i] = bs->b[i].label;
        return bs->n;
    }
    const char *const *src = NULL;
    int n = 0;
    if (!strcmp(tb->breakdown, "category"))
        src = category_labels, n = N_CATEGORY;
    else if (!strcmp(tb->breakdown, "ethnicity"))
        src = ethnic_labels, n = N_ETHNIC;
    else if (!strcmp(tb->breakdown, "gender"))
        src = gender_group_labels, n = N_GENDER_GROUP;
    for (int i = 0; i < n; i++)
        labels[i] = src[tpl_breakdown_canon(tb, i)];
    return n;
}

int tpl_breakdown_canon(const struct tpl_table *tb, int k)
{
    return tb->norder ? tb->order[k] : k;
}

static const char *const dimension_titles[][2] = {
    {"category", "Category of abuse"}, {"duration", "Time on the plan"}, {"age", "Age"},
    {"gender", "Gender"}, {"ethnicity", "Ethnic group"}};

static const char *dimension_title(const char *dim)
{
    for (size_t i = 0; i < sizeof dimension_titles / sizeof dimension_titles[0]; i++)
        if (!strcmp(dimension_titles[i][0], dim))
            return dimension_titles[i][1];
    return dim;
}

int tpl_columns(const struct report_template *t, const struct tpl_table *tb,
                struct tpl_col cols[TPL_MAX_COLS], char *msg, size_t msgcap)
{
    /* Column headings are cut to the label's 96 bytes with a visible "...":
     * a heading that long is already unreadable in a printed table. */
    int n = 0;
    memset(cols, 0, TPL_MAX_COLS * sizeof *cols);
    text_fmt_cut(cols[n++].label, sizeof cols[0].label, "%s",
                 tb->rows == TPL_ROWS_BREAKDOWN      ? dimension_title(tb->breakdown)
                 : tb->rows == TPL_ROWS_YEARS        ? "Year"
                 : tb->rows == TPL_ROWS_COMPARATORS  ? "Local authority"
                                                     : "Period");
    if (tb->rows == TPL_ROWS_YEARS) {
        static const char *const names[][2] = {{"la", "Authority"},
                                               {"sn", "Statistical neighbours"},
                                               {"region", "Region"},
                                               {"england", "England"}};
        for (int i = 0; i < tb->ncolumns; i++) {
            const struct measure_def *md = measure_def_find(tb->columns[i].measure);
            for (int k = 0; k < tb->nseries && md && n < TPL_MAX_COLS; k++) {
                const char *who = tb->series[k];
                for (size_t j = 0; j < 4; j++)
                    if (!strcmp(names[j][0], tb->series[k]))
                        who = names[j][1];
                struct tpl_col *c = &cols[n++];
                c->pct = measure_is_ratio(md);
                c->rate = md->unit == MU_RATE;
                if (tb->ncolumns == 1)
                    text_fmt_cut(c->label, sizeof c->label, "%s", who);
                else
                    text_fmt_cut(c->label, sizeof c->label, "%s: %s", md->title, who);
            }
        }
    } else if (!tb->breakdown[0]) {
        for (int i = 0; i < tb->ncolumns; i++) {
            const struct measure_def *md = measure_def_find(tb->columns[i].measure);
            struct tpl_col *c = &cols[n++];
            if (!md)
                continue;
            c->pct = measure_is_ratio(md) && tb->columns[i].part == TPL_VALUE;
            c->rate = c->pct && md->unit == MU_RATE;
            c->stock = !c->pct && md->snapshot;
            text_fmt_cut(c->label, sizeof c->label, "%s%s", md->title,
                         tb->columns[i].part == TPL_NUMERATOR     ? ": number"
                         : tb->columns[i].part == TPL_DENOMINATOR ? ": out of"
                                                                   : "");
        }
    } else if (tb->rows == TPL_ROWS_BREAKDOWN) {
        if (tb->values != TPL_VALUES_PCT)
            text_fmt_cut(cols[n++].label, sizeof cols[0].label, "Number");
        if (tb->values != TPL_VALUES_COUNT) {
            cols[n].pct = true;
            text_fmt_cut(cols[n++].label, sizeof cols[0].label, "%%");
        }
    } else {
        const char *labels[BANDS_MAX];
        int nl = tpl_breakdown_labels(t, tb, labels);
        for (int i = 0; i < nl; i++) {
            if (tb->values != TPL_VALUES_PCT)
                text_fmt_cut(cols[n++].label, sizeof cols[0].label, "%s", labels[i]);
            if (tb->values != TPL_VALUES_COUNT) {
                cols[n].pct = true;
                text_fmt_cut(cols[n++].label, sizeof cols[0].label, "%s %%", labels[i]);
            }
        }
        if (tb->total)
            text_fmt_cut(cols[n++].label, sizeof cols[0].label, "Total");
    }
    if (tb->labels[0]) {
        int k = 0;
        for (const char *s = tb->labels; s; k++) {
            const char *bar = strchr(s, '|');
            size_t len = bar ? (size_t)(bar - s) : strlen(s);
            while (len && *s == ' ')
                s++, len--;
            while (len && s[len - 1] == ' ')
                len--;
            if (k < n)
                text_fmt_cut(cols[k].label, sizeof cols[0].label, "%.*s", (int)len, s);
            s = bar ? bar + 1 : NULL;
        }
        if (k != n) {
            text_fmt_cut(msg, msgcap, "labels gives %d labels, the table has %d columns", k, n);
            return -1;
        }
    }
    return n;
}
