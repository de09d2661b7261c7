/* census_csv.c — see census_csv.h. */
#define _POSIX_C_SOURCE 200809L
#include "extract/census_csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"
#include "extract/census_items.h"

#define MAXCOLS 64

/* Key columns every module row carries to name its parent records. */
static const struct {
    const char *column;
    const char *field;
    size_t min_nparent;     /* entities with at least this many parent keys */
} keys[] = {
    {"LAchildID", "child_id", 0},
    {"CINreferralDate", "referral_date", 2},
    {"CPPstartDate", "cpp_start_date", 3},
};

/* The column that identifies each module in a header. */
static const struct {
    enum entity_id ent;
    const char *column;
} markers[] = {
    {ENT_CPP_REVIEW, "CPPreviewDate"},   {ENT_ASSESSMENT, "AssessmentActualStartDate"},
    {ENT_INITIAL_ASSESSMENT, "InitialAssessmentStartDate"},
    {ENT_CORE_ASSESSMENT, "CoreAssessmentStartDate"},
    {ENT_CIN_PLAN, "CINPlanStartDate"},  {ENT_S47, "S47ActualStartDate"},
    {ENT_CPP, "InitialCategoryOfAbuse"}, {ENT_EPISODE, "ReferralSource"},
    {ENT_CHILD, "Ethnicity"},
};

/* true if the comma-separated header line has exactly this column */
static bool has_column(const char *line, const char *col)
{
    size_t n = strlen(col);
    for (const char *s = line; (s = strstr(s, col)) != NULL; s += n) {
        bool start = s == line || s[-1] == ',' || s[-1] == '"';
        bool end = s[n] == '\0' || s[n] == ',' || s[n] == '"' || s[n] == '\r';
        if (start && end)
            return true;
    }
    return false;
}

enum entity_id census_csv_sniff(const char *first_line)
{
    if (!has_column(first_line, "LAchildID"))
        return ENT_COUNT;
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++)
        if (has_column(first_line, markers[i].column))
            return markers[i].ent;
    return ENT_COUNT;
}

/* Field index of a column for an entity, or -1. */
static int column_field(enum entity_id ent, const char *col)
{
    const struct entity_def *d = &entity_defs[ent];
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strcmp(keys[i].column, col) &&
            (keys[i].min_nparent == 0 || d->nparent >= keys[i].min_nparent))
            return entity_field(d, keys[i].field);
    for (size_t i = 0; i < census_items_count; i++)
        if (census_items[i].ent == ent && !strcmp(census_items[i].name, col))
            return entity_field(d, census_items[i].field);
    return -1;
}

/* The CSV column of a field, for messages. */
static const char *field_column(enum entity_id ent, const char *field)
{
    const struct entity_def *d = &entity_defs[ent];
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strcmp(keys[i].field, field) &&
            (keys[i].min_nparent == 0 || d->nparent >= keys[i].min_nparent))
            return keys[i].column;
    for (size_t i = 0; i < census_items_count; i++)
        if (census_items[i].ent == ent && !strcmp(census_items[i].field, field))
            return census_items[i].name;
    return field;
}

struct cstate {
    const char *name;
    enum entity_id ent;
    const struct cin_xml_opts *opts;
    record_fn fn;
    void *ctx;
    struct cin_xml_info *info;
    size_t ncol;
    int field_of[MAXCOLS];      /* column -> field index, -1 for LEA/year columns */
    int col_lea, col_year, col_ref;
    bool header;
    char la[8];
    int year;
};

static lscb_err header(struct cstate *st, char **f, size_t n, long line, struct lscb_error *e)
{
    const struct entity_def *d = &entity_defs[st->ent];
    if (n > MAXCOLS)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: more than %d columns", st->name, line, MAXCOLS);
    st->ncol = n;
    st->col_lea = st->col_year = st->col_ref = -1;
    bool seen[16] = {false};
    for (size_t i = 0; i < n; i++) {
        st->field_of[i] = -1;
        if (!strcmp(f[i], "LEA")) {
            st->col_lea = (int)i;
            continue;
        }
        if (!strcmp(f[i], "CensusYear")) {
            st->col_year = (int)i;
            continue;
        }
        if (!strcmp(f[i], "ReferenceDate")) {
            st->col_ref = (int)i;
            continue;
        }
        int fi = column_field(st->ent, f[i]);
        if (fi < 0)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: column '%s' is not a census item of the "
                             "%s module (see README.md for the columns)", st->name, line, f[i],
                             d->name);
        if (seen[fi])
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: column '%s' is given twice", st->name,
                             line, f[i]);
        seen[fi] = true;
        st->field_of[i] = fi;
    }
    /* the key fields must be there */
    for (size_t k = 0; k < d->nkey; k++)
        if (!seen[k])
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: the %s module needs a column %s",
                             st->name, line, d->name, field_column(st->ent, d->fields[k].name));
    return LSCB_OK;
}

/* The LA and census year of a row; fixed by the first row, constant after. */
static lscb_err row_context(struct cstate *st, char **f, long line, struct lscb_error *e)
{
    const char *la = st->col_lea >= 0 ? f[st->col_lea] : st->opts->la;
    if (!la || strlen(la) != 3 || strspn(la, "0123456789") != 3)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field LEA: '%s' is not a 3-digit LA code "
                         "(give an LEA column or --la)", st->name, line, la ? la : "");
    int year = 0;
    const char *ys = st->col_year >= 0 ? f[st->col_year] : st->col_ref >= 0 ? f[st->col_ref]
                                                                            : NULL;
    if (ys) {
        char *end;
        errno = 0;
        long v = strtol(ys, &end, 10);
        if (errno || (st->col_year >= 0 ? *end != '\0' : *end != '-') || v < 1990 || v > 2100)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field %s: '%s' is not a census year",
                             st->name, line, st->col_year >= 0 ? "CensusYear" : "ReferenceDate",
                             ys);
        year = (int)v;
    } else {
        year = st->opts->year;
    }
    if (!year)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: no census year: give a CensusYear column or "
                         "--census-year", st->name, line);
    if (!st->year) {
        if (text_fmt(st->la, sizeof st->la, "%s", la))
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: LA '%s' longer than %zu characters",
                             st->name, line, la, sizeof st->la - 1);
        st->year = year;
    } else if (st->year != year || strcmp(st->la, la)) {
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: LEA %s census year %d differs from the file's "
                         "first row (%s, %d): give one return per file", st->name, line, la,
                         year, st->la, st->year);
    }
    return LSCB_OK;
}

static lscb_err on_row(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct cstate *st = ctx;
    if (!st->header) {
        st->header = true;
        return header(st, f, n, line, e);
    }
    const struct entity_def *d = &entity_defs[st->ent];
    bool bad = n != st->ncol;
    if (!bad) {
        lscb_err rc = row_context(st, f, line, e);
        if (rc)
            return rc;
    } else if (!st->year) {
        /* a broken first row: context from the options, if any */
        if (text_fmt(st->la, sizeof st->la, "%s", st->opts->la ? st->opts->la : ""))
            return lscb_fail(e, LSCB_EUSAGE, "--la %s: longer than %zu characters", st->opts->la,
                             sizeof st->la - 1);
        st->year = st->opts->year;
    }
    const char *row[REC_NCTX + 16];
    char linebuf[24], year[12];
    snprintf(linebuf, sizeof linebuf, "%ld", line);
    snprintf(year, sizeof year, "%d", st->year);
    row[REC_SOURCE_FILE] = st->name;
    row[REC_SOURCE_LINE] = linebuf;
    row[REC_LA] = st->la;
    row[REC_YEAR] = year;
    struct rec_problem p = {.kind = REC_FINE, .field = -1};
    if (bad)
        p = (struct rec_problem){.kind = REC_BAD_ROW, .field = -1, .ncols = (long)n,
                                 .want = (long)st->ncol};
    for (size_t i = 0; i < d->nfields; i++)
        row[REC_NCTX + i] = "";
    if (bad) {
        /* keep the child ID, if it can be found, for the analyst */
        for (size_t i = 0; i < st->ncol && i < n; i++)
            if (st->field_of[i] == 0) {
                if (strlen(f[i]) >= CIN_FIELD_CAP)
                    f[i][CIN_FIELD_CAP - 1] = '\0';
                row[REC_NCTX] = f[i];
            }
    } else {
        for (size_t i = 0; i < n; i++)
            if (st->field_of[i] >= 0) {
                row[REC_NCTX + st->field_of[i]] = f[i];
                if (strlen(f[i]) >= CIN_FIELD_CAP) {
                    f[i][CIN_FIELD_CAP - 1] = '\0';   /* cut as the XML reader cuts */
                    if (p.kind == REC_FINE)
                        p = (struct rec_problem){.kind = REC_TOO_LONG, .field = st->field_of[i]};
                }
            }
    }
    st->info->records[st->ent]++;
    return st->fn(st->ctx, st->ent, row, &p, e);
}

lscb_err census_csv_read(lscb_read_fn rd, void *rctx, const char *name,
                         const struct cin_xml_opts *opts, record_fn fn, void *ctx,
                         struct cin_xml_info *info, struct lscb_error *e)
{
    memset(info, 0, sizeof *info);
    struct cstate *st = lscb_xcalloc(1, sizeof *st);
    st->name = name;
    st->opts = opts;
    st->fn = fn;
    st->ctx = ctx;
    st->info = info;
    st->ent = ENT_COUNT;
    /* the caller sniffed the module from the header line */
    lscb_err rc = LSCB_OK;
    st->ent = opts->csv_entity;
    if (st->ent >= ENT_COUNT)
        rc = lscb_fail(e, LSCB_EINPUT, "%s:1: not a census module extract", name);
    if (rc == LSCB_OK)
        rc = csv_read(rd, rctx, name, on_row, st, e);
    if (rc == LSCB_OK && !st->header)
        rc = lscb_fail(e, LSCB_EINPUT, "%s:1: empty file (no header)", name);
    if (rc == LSCB_OK && !st->year) {
        /* a header and no rows: still a return, if we know whose */
        if (opts->la && opts->year) {
            if (text_fmt(st->la, sizeof st->la, "%s", opts->la))
                rc = lscb_fail(e, LSCB_EUSAGE, "--la %s: longer than %zu characters", opts->la,
                               sizeof st->la - 1);
            st->year = opts->year;
        } else {
            rc = lscb_fail(e, LSCB_EINPUT, "%s:2: no rows, and no --la and --census-year to "
                           "say whose return it is", name);
        }
    }
    memcpy(info->la, st->la, sizeof info->la); /* both char[8] */
    info->year = st->year;
    free(st);
    return rc;
}
