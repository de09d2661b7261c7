/* published.c — see published.h. */
#define _POSIX_C_SOURCE 200809L
#include "stats/published.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/csvio.h"
#include "common/paths.h"
#include "common/measure_defs.h"
#include "stats/measures.h"
#include "common/text.h"

#define MAXMAP 1024
#define MAXCOL 1024

struct map_row {
    int release;
    int file;
    char layout[8];
    int year;
    char column[64];
    const char *measure;    /* NULL for "*" */
    char part[16];
};

struct mapload {
    struct pub_set *p;
    struct map_row rows[MAXMAP];
    int n;
    const char *path;
};

static lscb_err on_map(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct mapload *m = ctx;
    if (line == 1)
        return LSCB_OK;
    if (n != 7)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: expected release, file, layout, year, column, "
                         "measure, part", m->path, line);
    if (m->n == MAXMAP)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: more than %d rows", m->path, line, MAXMAP);
    struct pub_set *p = m->p;
    struct map_row *r = &m->rows[m->n];
    int ri = -1;
    for (int i = 0; i < p->nreleases; i++)
        if (!strcmp(p->releases[i], f[0]))
            ri = i;
    if (ri < 0) {
        if (p->nreleases == 64)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: too many releases", m->path, line);
        ri = p->nreleases++;
        if (text_fmt(p->releases[ri], sizeof p->releases[ri], "%s", f[0]))
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field release: '%s' longer than %zu "
                         "characters", m->path, line, f[0], sizeof p->releases[ri] - 1);
    }
    r->release = ri;
    if (text_fmt(r->layout, sizeof r->layout, "%s", f[2]) || (strcmp(r->layout, "wide") && strcmp(r->layout, "ees") && strcmp(r->layout, "ons") &&
        strcmp(r->layout, "lait")))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field layout: '%s' (wide, ees, lait or ons)",
                         m->path, line, f[2]);
    r->year = 0;
    if (strcmp(f[3], "-") && !text_int_range(f[3], 1990, 2100, &r->year))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field year: '%s' is not a year (or -)",
                         m->path, line, f[3]);
    if (text_fmt(r->column, sizeof r->column, "%s", f[4]))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field column: '%s' longer than %zu "
                         "characters", m->path, line, f[4], sizeof r->column - 1);
    if (strcmp(f[5], "*")) {
        const struct measure_def *md = measure_def_find(f[5]);
        if (!md)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field measure: unknown measure '%s'",
                             m->path, line, f[5]);
        r->measure = md->name;
    }
    if (text_fmt(r->part, sizeof r->part, "%s", f[6]) ||
        (strcmp(r->part, "value") && strcmp(r->part, "numerator") &&
         strcmp(r->part, "numerator+") && strcmp(r->part, "denominator") &&
         strcmp(r->part, "population")))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field part: '%s'", m->path, line, f[6]);
    /* files, in order of first mention */
    int k = -1;
    for (int i = 0; i < 64 && p->files[i][0]; i++)
        if (!strcmp(p->files[i], f[1]))
            k = i;
    if (k < 0) {
        for (k = 0; k < 64 && p->files[k][0]; k++)
            ;
        if (k == 64)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: too many files", m->path, line);
        if (text_fmt(p->files[k], sizeof p->files[k], "%s", f[1]))
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field file: '%s' longer than %zu "
                         "characters", m->path, line, f[1], sizeof p->files[k] - 1);
    }
    r->file = k;
    m->n++;
    return LSCB_OK;
}

/* ---- values ---- */

static const char *const symbols[] = {"c", "x", "z", "u", "k", ":", "..", ".", "-", "low",
                                      NULL};

/* Parses a published number ("2,579", "47.3"); 1 ok, 0 empty, -1 symbol,
 * -2 not a number. */
static int parse_number(const char *s, double *out)
{
    if (!*s)
        return 0;
    for (int i = 0; symbols[i]; i++)
        if (!strcmp(s, symbols[i]))
            return -1;
    char buf[48];
    size_t k = 0;
    for (const char *c = s; *c && k + 1 < sizeof buf; c++)
        if (*c != ',')
            buf[k++] = *c;
    buf[k] = '\0';
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (errno || *end || end == buf)
        return -2;
    *out = v;
    return 1;
}

static struct pub_value *slot(struct pub_set *p, enum pub_level level, const char *code,
                              int year, const char *measure, int release)
{
    /* FNV-1a over the key; measure is the registry's pointer */
    uint64_t h = 1469598103934665603ULL;
    for (const char *c = code; *c; c++)
        h = (h ^ (unsigned char)*c) * 1099511628211ULL;
    h = (h ^ (uint64_t)(unsigned)year) * 1099511628211ULL;
    h = (h ^ (uint64_t)(uintptr_t)measure) * 1099511628211ULL;
    h = (h ^ (uint64_t)(unsigned)release) * 1099511628211ULL;
    if (2 * (p->n + 1) > p->nslots) {   /* grow: at most half full */
        size_t ns = p->nslots ? 2 * p->nslots : 8192;
        free(p->slots);
        p->slots = lscb_xcalloc(ns, sizeof *p->slots);
        p->nslots = ns;
        for (size_t i = 0; i < p->n; i++) {   /* rehash */
            const struct pub_value *w = &p->v[i];
            uint64_t g = 1469598103934665603ULL;
            for (const char *c = w->code; *c; c++)
                g = (g ^ (unsigned char)*c) * 1099511628211ULL;
            g = (g ^ (uint64_t)(unsigned)w->year) * 1099511628211ULL;
            g = (g ^ (uint64_t)(uintptr_t)w->measure) * 1099511628211ULL;
            g = (g ^ (uint64_t)(unsigned)w->release) * 1099511628211ULL;
            size_t k = (size_t)g & (ns - 1);
            while (p->slots[k])
                k = (k + 1) & (ns - 1);
            p->slots[k] = i + 1;
        }
    }
    size_t k = (size_t)h & (p->nslots - 1);
    for (; p->slots[k]; k = (k + 1) & (p->nslots - 1)) {
        struct pub_value *v = &p->v[p->slots[k] - 1];
        if (v->year == year && v->measure == measure && v->release == release &&
            !strcmp(v->code, code))
            return v;
    }
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 4096;
        p->v = lscb_xrealloc(p->v, p->cap * sizeof *p->v);
    }
    p->slots[k] = p->n + 1;
    struct pub_value *v = &p->v[p->n++];
    memset(v, 0, sizeof *v);
    v->level = level;
    memcpy(v->code, code, strlen(code) + 1); /* the callers' codes are char[12] too */
    v->year = year;
    v->measure = measure;
    v->release = release;
    return v;
}

struct fileload {
    struct pub_set *p;
    const struct mapload *m;
    int file;
    const char *path;
    int colmap[MAXCOL][8];     /* map rows per column, -1 terminated */
    int c_level, c_code, c_time, c_la, c_region, c_name;
    int c_short, c_years, c_area, c_values, c_lanum;   /* lait */
    size_t ncol;
    const char *layout;
    int year;                  /* wide: fixed */
};

/* LAIT names its regions (LA Number 980-990); their ONS codes. */
static const char *lait_region_code(const char *name)
{
    static const char *const regions[][2] = {
        {"North East", "E12000001"},      {"North West", "E12000002"},
        {"Yorkshire and the Humber", "E12000003"}, {"Yorkshire and The Humber", "E12000003"},
        {"East Midlands", "E12000004"},   {"West Midlands", "E12000005"},
        {"East of England", "E12000006"}, {"London", "E12000007"},
        {"South East", "E12000008"},      {"South West", "E12000009"},
        {"London (Inner)", "E13000001"},  {"Inner London", "E13000001"},
        {"London (Outer)", "E13000002"},  {"Outer London", "E13000002"}};
    for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++)
        if (!strcmp(name, regions[i][0]))
            return regions[i][1];
    return NULL;
}

/* LAIT's long layout: a row per measure code, authority and year. */
static lscb_err lait_header(struct fileload *fl, char **f, size_t n, struct lscb_error *e)
{
    fl->c_short = fl->c_years = fl->c_area = fl->c_values = fl->c_lanum = -1;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(f[i], "Short Desc"))
            fl->c_short = (int)i;
        else if (!strcmp(f[i], "Years"))
            fl->c_years = (int)i;
        else if (!strcmp(f[i], "LA and Regions"))
            fl->c_area = (int)i;
        else if (!strcmp(f[i], "Values"))
            fl->c_values = (int)i;
        else if (!strcmp(f[i], "LA Number"))
            fl->c_lanum = (int)i;
    }
    if (fl->c_short < 0 || fl->c_years < 0 || fl->c_area < 0 || fl->c_values < 0 ||
        fl->c_lanum < 0)
        return lscb_fail(e, LSCB_EINPUT, "%s:1: not a LAIT extract (needs Short Desc, Years, "
                         "LA and Regions, Values, LA Number)", fl->path);
    fl->ncol = n;
    return LSCB_OK;
}

static lscb_err lait_row(struct fileload *fl, char **f, size_t n, long line,
                         struct lscb_error *e)
{
    if (n != fl->ncol)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: %zu fields, the header has %zu", fl->path,
                         line, n, fl->ncol);
    const char *code = f[fl->c_lanum], *area = f[fl->c_area];
    enum pub_level level;
    char key[12];
    /* LAIT numbers England 970 and the regions 980-990 like authorities:
     * they are told apart by name, and never ranked with the authorities */
    const char *region = lait_region_code(area);
    if (!strcmp(area, "England"))
        level = PUB_ENGLAND, snprintf(key, sizeof key, "E92000001");
    else if (region)
        level = PUB_REGION, memcpy(key, region, strlen(region) + 1); /* a code of 9 */
    else if (strlen(code) == 3 && strspn(code, "0123456789") == 3 && strcmp(code, "970") < 0)
        level = PUB_LA, memcpy(key, code, 4);
    else
        return LSCB_OK; /* another aggregate LAIT may add: not an authority */
    int year;
    if (!text_int_range(f[fl->c_years], 1990, 2100, &year))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field Years: '%s' is not a year", fl->path,
                         line, f[fl->c_years]);
    for (int r = 0; r < fl->m->n; r++) {
        const struct map_row *mr = &fl->m->rows[r];
        if (mr->file != fl->file || !mr->measure || strcmp(mr->column, f[fl->c_short]))
            continue;
        struct pub_value *v = slot(fl->p, level, key, year, mr->measure, mr->release);
        v->line = line;
        double x;
        int rc = parse_number(f[fl->c_values], &x);
        if (rc == -2)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: Values: '%s' is neither a number nor a "
                             "DfE symbol", fl->path, line, f[fl->c_values]);
        if (rc == 1 && !strcmp(mr->part, "numerator")) {
            v->num = x;
            v->has_num = true;
        } else if (rc == 1 && !strcmp(mr->part, "denominator")) {
            v->den = x;
            v->has_den = true;
        } else if (rc == 1) {
            /* LAIT stores binary floats (32.200000000000003): one decimal */
            v->value = floor(x * 10 + 0.5) / 10;
            v->has_value = true;
            text_number(v->published, sizeof v->published, v->value, 1); /* never cut */
        } else if (rc == -1 && !strcmp(mr->part, "value")) {
            v->suppressed = true;
            /* the release's own symbol, shown where the value would be */
            text_fmt_cut(v->published, sizeof v->published, "%s", f[fl->c_values]);
        }
    }
    return LSCB_OK;
}

static lscb_err file_header(struct fileload *fl, char **f, size_t n, struct lscb_error *e)
{
    if (fl->layout && !strcmp(fl->layout, "lait"))
        return lait_header(fl, f, n, e);
    if (n > MAXCOL)
        return lscb_fail(e, LSCB_EINPUT, "%s:1: more than %d columns", fl->path, MAXCOL);
    fl->ncol = n;
    fl->c_level = fl->c_code = fl->c_time = fl->c_la = fl->c_region = -1;
    for (size_t i = 0; i < n; i++) {
        fl->colmap[i][0] = -1;
        if (!strcmp(f[i], "geog_l") || !strcmp(f[i], "geographic_level"))
            fl->c_level = (int)i;
        else if (!strcmp(f[i], "geog_c"))
            fl->c_code = (int)i;
        else if (!strcmp(f[i], "time_period"))
            fl->c_time = (int)i;
        else if (!strcmp(f[i], "old_la_code"))
            fl->c_la = (int)i;
        else if (!strcmp(f[i], "region_code"))
            fl->c_region = (int)i;
    }
    for (int r = 0; r < fl->m->n; r++) {
        const struct map_row *mr = &fl->m->rows[r];
        if (mr->file != fl->file)
            continue;
        fl->layout = mr->layout;
        fl->year = mr->year;
        size_t i = 0;
        while (i < n && strcmp(f[i], mr->column))
            i++;
        if (i == n)
            return lscb_fail(e, LSCB_EINPUT, "%s:1: no column '%s' (map.csv names it for %s)",
                             fl->path, mr->column, mr->measure ? mr->measure : "population");
        int k = 0;
        while (k < 7 && fl->colmap[i][k] >= 0)
            k++;
        if (k == 7)
            return lscb_fail(e, LSCB_EINPUT, "%s:1: column '%s' mapped too often", fl->path,
                             mr->column);
        fl->colmap[i][k] = r;
        fl->colmap[i][k + 1] = -1;
    }
    bool wide = !strcmp(fl->layout, "wide");
    if (wide ? (fl->c_level < 0 || fl->c_code < 0)
             : (fl->c_level < 0 || fl->c_time < 0 || fl->c_la < 0 || fl->c_region < 0))
        return lscb_fail(e, LSCB_EINPUT, "%s:1: not a %s-layout file (its geography or year "
                         "columns are missing)", fl->path, fl->layout);
    return LSCB_OK;
}

static lscb_err on_file_row(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct fileload *fl = ctx;
    if (fl->ncol == 0)
        return file_header(fl, f, n, e);
    if (!strcmp(fl->layout, "lait"))
        return lait_row(fl, f, n, line, e);
    if (n != fl->ncol)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: %zu fields, the header has %zu", fl->path,
                         line, n, fl->ncol);
    enum pub_level level;
    char code[12], region[12] = "";
    bool cut = false;
    int year = fl->year;
    const char *lv = f[fl->c_level];
    if (!strcmp(fl->layout, "wide")) {
        if (!strcmp(lv, "National"))
            level = PUB_ENGLAND, snprintf(code, sizeof code, "E92000001");
        else if (!strcmp(lv, "LA"))
            level = PUB_LA, cut = text_fmt(code, sizeof code, "%s", f[fl->c_code]);
        else
            return LSCB_OK;
    } else {
        if (!text_int_range(f[fl->c_time], 1990, 2100, &year))
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field time_period: '%s' is not a year",
                             fl->path, line, f[fl->c_time]);
        if (!strcmp(lv, "National"))
            level = PUB_ENGLAND, snprintf(code, sizeof code, "E92000001");
        else if (!strcmp(lv, "Regional"))
            level = PUB_REGION, cut = text_fmt(code, sizeof code, "%s", f[fl->c_region]);
        else if (!strcmp(lv, "Local authority"))
            level = PUB_LA, cut = text_fmt(code, sizeof code, "%s", f[fl->c_la]) ||
                                  text_fmt(region, sizeof region, "%s", f[fl->c_region]);
        else
            return LSCB_OK;
    }
    if (cut)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: an area code longer than %zu characters",
                         fl->path, line, sizeof code - 1);
    if (!code[0])
        return LSCB_OK;
    double pop = -1;
    /* first pass: the population of the row */
    for (size_t i = 0; i < n; i++)
        for (int k = 0; fl->colmap[i][k] >= 0; k++)
            if (!strcmp(fl->m->rows[fl->colmap[i][k]].part, "population")) {
                double v;
                if (parse_number(f[i], &v) == 1)
                    pop = v;
            }
    for (size_t i = 0; i < n; i++) {
        for (int k = 0; fl->colmap[i][k] >= 0; k++) {
            const struct map_row *mr = &fl->m->rows[fl->colmap[i][k]];
            if (!mr->measure)
                continue;
            struct pub_value *v = slot(fl->p, level, code, year, mr->measure, mr->release);
            if (region[0])
                memcpy(v->region, region, sizeof region); /* both char[12] */
            v->line = line;
            double x = 0;
            int rc = parse_number(f[i], &x);
            if (rc == -2)
                return lscb_fail(e, LSCB_EINPUT, "%s:%ld: column %s: '%s' is neither a number "
                                 "nor a DfE symbol", fl->path, line, mr->column, f[i]);
            if (!strcmp(mr->part, "value")) {
                if (rc == 1) {
                    v->has_value = true;
                    v->value = x;
                    if (text_fmt(v->published, sizeof v->published, "%s", f[i]))
                        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: column %s: '%s' longer than "
                                         "%zu characters", fl->path, line, mr->column, f[i],
                                         sizeof v->published - 1);
                } else if (rc == -1) {
                    v->suppressed = true;
                    text_fmt_cut(v->published, sizeof v->published, "%s", f[i]);
                }
            } else if (!strcmp(mr->part, "numerator") || !strcmp(mr->part, "numerator+")) {
                if (rc == 1) {
                    v->num = (mr->part[9] == '+' && v->has_num) ? v->num + x : x;
                    v->has_num = true;
                } else if (rc == -1) {
                    v->suppressed = true;
                    if (!v->published[0]) /* a share of a suppressed count: its symbol */
                        text_fmt_cut(v->published, sizeof v->published, "%s", f[i]);
                }
            } else if (!strcmp(mr->part, "denominator")) {
                if (rc == 1) {
                    v->den = x;
                    v->has_den = true;
                }
            }
            const struct measure_def *md = measure_def_find(mr->measure);
            if (pop > 0 && md && md->unit == MU_RATE && !v->has_den) {
                v->den = pop;
                v->has_den = true;
                v->den_from = 'f';
            }
        }
    }
    return LSCB_OK;
}

/* LA -> region, from the ONS population file. */
static lscb_err on_ons(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct pub_set *p = ctx;
    const int max_names = (int)(sizeof p->names / sizeof p->names[0]);
    const int max_las = (int)(sizeof p->la_region / sizeof p->la_region[0]);
    if (line == 1 || n < 12)
        return LSCB_OK;
    /* names: region_code(5) region_name(6), old_la_code(7) la_name(9) */
    const char *nc = !strcmp(f[2], "Regional") ? f[5] : !strcmp(f[2], "Local authority") ? f[7]
                                                                                         : "";
    const char *nn = !strcmp(f[2], "Regional") ? f[6] : f[9];
    if (nc[0] && strcmp(pub_name(p, nc), nc) == 0) {
        if (p->nnames == max_names)
            return lscb_fail(e, LSCB_EINPUT, "ONS population:%ld: more than %d areas named",
                             line, max_names);
        text_fmt_cut(p->names[p->nnames][0], sizeof p->names[0][0], "%s", nc);
        text_fmt_cut(p->names[p->nnames][1], sizeof p->names[0][1], "%s", nn);
        p->nnames++;
    }
    /* time_period, ..., geographic_level(2), ..., region_code(5), old_la_code(7) */
    if (strcmp(f[2], "Local authority") || !f[7][0] || !f[5][0])
        return LSCB_OK;
    for (int i = 0; i < p->nla_region; i++)
        if (!strcmp(p->la_region[i][0], f[7]))
            return LSCB_OK;
    if (p->nla_region == max_las)
        return lscb_fail(e, LSCB_EINPUT, "ONS population:%ld: more than %d authorities", line,
                         max_las);
    if (text_fmt(p->la_region[p->nla_region][0], sizeof p->la_region[0][0], "%s", f[7]) ||
        text_fmt(p->la_region[p->nla_region][1], sizeof p->la_region[0][1], "%s", f[5]))
        return lscb_fail(e, LSCB_EINPUT, "ONS population:%ld: code '%s' or '%s' is too long",
                         line, f[7], f[5]);
    p->nla_region++;
    return LSCB_OK;
}

const char *pub_name(const struct pub_set *p, const char *code)
{
    for (int i = 0; i < p->nnames; i++)
        if (!strcmp(p->names[i][0], code))
            return p->names[i][1];
    return code;
}

const char *pub_region_of(const struct pub_set *p, const char *la)
{
    for (int i = 0; i < p->nla_region; i++)
        if (!strcmp(p->la_region[i][0], la))
            return p->la_region[i][1];
    return "";
}

/* Population for rates a release gives only as counts: ONS mid-(Y-1). */
struct onspop {
    char code[12];
    int year;
    double count;
};

struct onsload {
    struct onspop *v;
    size_t n, cap;
    const char *path;           /* borrowed, for messages */
};

static lscb_err on_ons_pop(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct onsload *o = ctx;
    if (line == 1 || n < 12)
        return LSCB_OK;
    const char *code = !strcmp(f[2], "National") ? "E92000001"
                       : !strcmp(f[2], "Regional") ? f[5]
                       : !strcmp(f[2], "Local authority") ? f[7] : "";
    double v;
    if (!code[0] || parse_number(f[11], &v) != 1)
        return LSCB_OK;
    if (o->n == o->cap) {
        o->cap = o->cap ? 2 * o->cap : 1024;
        o->v = lscb_xrealloc(o->v, o->cap * sizeof *o->v);
    }
    if (text_fmt(o->v[o->n].code, sizeof o->v[o->n].code, "%s", code))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: area code '%s' longer than %zu characters",
                         o->path, line, code, sizeof o->v[o->n].code - 1);
    if (!text_int_range(f[0], 1990, 2100, &o->v[o->n].year))
        return lscb_fail(e, LSCB_EINPUT, "ONS population:%ld: year '%s' is not a year", line, f[0]);
    o->v[o->n].count = v;
    o->n++;
    return LSCB_OK;
}

static double ons_get1(const struct onsload *o, const char *code, int year)
{
    for (size_t i = 0; i < o->n; i++)
        if (o->v[i].year == year && !strcmp(o->v[i].code, code))
            return o->v[i].count;
    return -1;
}

/* Values are kept sorted by (code, measure, year, release) once loaded, so
 * a lookup is a binary search. */
static int key_cmp(const struct pub_value *v, const char *code, const char *measure, int year)
{
    int c = strcmp(v->code, code);
    if (c)
        return c;
    c = strcmp(v->measure, measure);
    if (c)
        return c;
    return (v->year > year) - (v->year < year);
}

static int cmp_value(const void *a, const void *b)
{
    const struct pub_value *x = a, *y = b;
    int c = key_cmp(x, y->code, y->measure, y->year);
    return c ? c : (x->release > y->release) - (x->release < y->release);
}

/* A release's own population, else the newest release's that has one. */
static double ons_get(const struct onsload *per_release, int nreleases, int release,
                      const char *code, int year)
{
    double v = ons_get1(&per_release[release], code, year);
    for (int r = nreleases - 1; v < 0 && r >= 0; r--)
        v = ons_get1(&per_release[r], code, year);
    return v;
}

lscb_err pub_load(const char *dir, struct pub_set *p, struct lscb_error *e)
{
    memset(p, 0, sizeof *p);
    struct mapload *m = lscb_xcalloc(1, sizeof *m);
    struct fileload *fl = lscb_xcalloc(1, sizeof *fl);
    m->p = p;
    /* the directory's own map, else the bundled one (whose paths follow the
     * layout of ../shared/data/external) */
    char *mpath = path_join(dir, "map.csv");
    if (access(mpath, R_OK) != 0) {
        char *bundled = lscb_find_file("LSCB_DATA_DIR", "data", "published/map.csv");
        if (bundled) {
            free(mpath);
            mpath = bundled;
        }
    }
    m->path = mpath;
    lscb_err rc = csv_read_path(mpath, on_map, m, e);
    struct onsload ons[64];
    memset(ons, 0, sizeof ons);
    for (int k = 0; k < 64 && p->files[k][0] && rc == LSCB_OK; k++) {
        char *path = path_join(dir, p->files[k]);
        int ons_release = -1;
        for (int r = 0; r < m->n; r++)
            if (m->rows[r].file == k && !strcmp(m->rows[r].layout, "ons"))
                ons_release = m->rows[r].release;
        if (ons_release >= 0) {
            /* a population file: regions, and the release's denominators */
            rc = csv_read_path(path, on_ons, p, e);
            ons[ons_release].path = path;
            if (rc == LSCB_OK)
                rc = csv_read_path(path, on_ons_pop, &ons[ons_release], e);
            ons[ons_release].path = NULL;
            free(path);
            continue;
        }
        memset(fl, 0, sizeof *fl);
        fl->p = p;
        fl->m = m;
        fl->file = k;
        fl->path = path;
        for (int r = 0; r < m->n; r++)
            if (m->rows[r].file == k)
                fl->layout = m->rows[r].layout;
        rc = csv_read_path(path, on_file_row, fl, e);
        free(path);
    }
    /* fill what releases give only as counts */
    for (size_t i = 0; i < p->n && rc == LSCB_OK; i++) {
        struct pub_value *v = &p->v[i];
        if (v->level == PUB_LA && !v->region[0]) {
            const char *rg = pub_region_of(p, v->code); /* "" or a char[12] */
            memcpy(v->region, rg, strlen(rg) + 1);
        }
        const struct measure_def *md = measure_def_find(v->measure);
        bool rate = measure_def_is_rate(md);
        if (rate && v->has_num && !v->has_den) {
            /* the release's own mid-(Y-1) population */
            double pop = ons_get1(&ons[v->release], v->code, v->year - 1);
            v->den_from = 'r';
            if (pop < 0) {
                pop = ons_get(ons, p->nreleases, v->release, v->code, v->year - 1);
                v->den_from = 'o';
            }
            if (pop > 0) {
                v->den = pop;
                v->has_den = true;
            }
        }
        if (!v->has_value && !v->suppressed && v->has_num && v->has_den && v->den > 0) {
            char buf[32];
            fmt_ratio_1dp(buf, sizeof buf, (long)llround(v->num), (long)llround(v->den),
                          rate ? 10000 : 100);
            v->value = strtod(buf, NULL);
            v->has_value = true;
            v->computed = true;
        }
    }
    for (int r = 0; r < 64; r++)
        free(ons[r].v);
    /* children starting a plan for the first time (the 2011-12 report's
     * "1st time registered"): plans started less second or subsequent
     * ones, from the release that gives both */
    const struct measure_def *first = measure_def_find("cpp_first_time");
    for (size_t i = 0, n0 = p->n; i < n0 && rc == LSCB_OK && first; i++) {
        struct pub_value v = p->v[i]; /* a copy: slot() may move the array */
        if (strcmp(v.measure, "cpp_second_or_subsequent_pct") || !v.has_num || !v.has_den ||
            v.den < v.num)
            continue;
        struct pub_value *f = slot(p, v.level, v.code, v.year, first->name, v.release);
        memcpy(f->region, v.region, sizeof f->region);
        f->line = v.line;
        f->value = v.den - v.num;
        f->has_value = f->computed = true;
        text_number(f->published, sizeof f->published, f->value, 0);   /* never cut */
    }
    if (rc == LSCB_OK)
        pub_index(p);
    free(mpath);
    free(m);
    free(fl);
    if (rc != LSCB_OK)
        pub_release(p);
    return rc;
}

void pub_release(struct pub_set *p)
{
    free(p->v);
    free(p->slots);
    memset(p, 0, sizeof *p);
}

void pub_index(struct pub_set *p)
{
    /* sorting moves the values: the load's index is done with */
    free(p->slots);
    p->slots = NULL;
    p->nslots = 0;
    if (p->n > 1)
        qsort(p->v, p->n, sizeof *p->v, cmp_value);
}

const struct pub_value *pub_get(const struct pub_set *p, const char *code, int year,
                                const char *measure)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (key_cmp(&p->v[mid], code, measure, year) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    const struct pub_value *best = NULL;
    for (size_t i = lo; i < p->n && key_cmp(&p->v[i], code, measure, year) == 0; i++)
        if (p->v[i].has_value && !p->v[i].suppressed)
            best = &p->v[i]; /* ascending release: the last is the newest */
    return best;
}

const struct pub_value *pub_all(const struct pub_set *p, const char *code, int year,
                                const char *measure, size_t *n)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (key_cmp(&p->v[mid], code, measure, year) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t k = lo;
    while (k < p->n && key_cmp(&p->v[k], code, measure, year) == 0)
        k++;
    *n = k - lo;
    return *n ? &p->v[lo] : NULL;
}

/* The rounding unit a published figure seems to have: 100 or 10 when it
 * ends in zeros (national counts and some populations are rounded), else 1. */
static double unit_of(double x)
{
    long v = (long)llround(x);
    return v % 100 == 0 ? 100 : v % 10 == 0 ? 10 : 1;
}

/* true if some count and population within their rounding give the
 * published rate. */
static bool within_rounding(double num, double den, double published)
{
    double un = unit_of(num), ud = unit_of(den);
    if (un == 1 && ud == 1)
        return false;
    double lo = (num - un / 2) / (den + ud / 2) * 10000;
    double hi = (num + un / 2) / (den - ud / 2) * 10000;
    return published >= lo - 0.05 && published <= hi + 0.05;
}

long pub_check_rates(const struct pub_set *p, FILE *fp, long counts[3])
{
    long checked = 0;
    counts[0] = counts[1] = counts[2] = 0;
    for (size_t i = 0; i < p->n; i++) {
        const struct pub_value *v = &p->v[i];
        if (!measure_def_is_rate(measure_def_find(v->measure)) || v->computed || !v->has_value || !v->has_num ||
            !v->has_den || v->den <= 0)
            continue;
        checked++;
        char re[32];
        fmt_ratio_1dp(re, sizeof re, (long)llround(v->num), (long)llround(v->den), 10000);
        if (fabs(strtod(re, NULL) - v->value) < 1e-9)
            continue;
        /* a rate printed as a whole number (England in 2009-10) */
        bool whole = !strchr(v->published, '.') &&
                     fabs(floor(strtod(re, NULL) + 0.5) - v->value) < 1e-9;
        int why = whole || within_rounding(v->num, v->den, v->value) ? 0
                  : v->den_from == 'o'                                ? 1
                                                                      : 2;
        static const char *const reasons[] = {"rounded", "population revised", "unexplained"};
        counts[why]++;
        if (fp)
            fprintf(fp, "%s,%ld,%s,%d,%s,%s,%s,%s\n", p->releases[v->release], v->line, v->code,
                    v->year, v->measure, v->published, re, reasons[why]);
    }
    return checked;
}
