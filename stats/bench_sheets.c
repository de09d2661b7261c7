/* bench_sheets.c — see bench_sheets.h. */
#define _POSIX_C_SOURCE 200809L
#include "stats/bench_sheets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/csvio.h"
#include "common/measure_defs.h"
#include "common/paths.h"
#include "common/text.h"

#define MAX_SHEETS 64

struct spec {
    char id[48];
    const char *measure;
    char sheet[32];
    char title[200];
    int years;
    const char *tnote;   /* the template table's note, or "" */
};

static void fmt(char *buf, size_t cap, double v, int dp)
{
    double scale = pow(10, dp);
    double r = floor(fabs(v) * scale + 0.5 + 1e-9) / scale;
    text_number(buf, cap, v < 0 ? -r : r, dp); /* cap >= 25: never cut */
}

static bool own_has(const struct own_value *own, size_t n, const char *m, int year)
{
    for (size_t i = 0; i < n; i++)
        if (own[i].year == year && !strcmp(own[i].measure, m))
            return true;
    return false;
}

/* Whether the authority or England has a value for the measure in year. */
static bool year_has(const struct pub_set *p, const struct lscb_config *cfg,
                     const struct own_value *own, size_t nown, const char *m, int y)
{
    return own_has(own, nown, m, y) || pub_get(p, cfg->la, y, m) ||
           pub_get(p, "E92000001", y, m);
}

struct releases_used {
    bool rel[64];
    bool own, cpr3, aggregated;
};

static void note_release(struct releases_used *u, int r)
{
    if (r >= 0 && r < 64)
        u->rel[r] = true;
}

static lscb_err write_sheet(struct bench *b, const struct pub_set *p,
                            const struct lscb_config *cfg, const struct own_value *own,
                            size_t nown, const struct spec *s, int year, FILE *index,
                            const char *outdir, struct lscb_error *e)
{
    const char *m = s->measure;
    const struct measure_def *md = measure_def_find(m);
    int dp = md && measure_is_ratio(md) ? 1 : 0;
    bool rate = measure_def_is_rate(md);
    /* the years shown: the last s->years up to the report's year, or, for
     * a series that ended before them, its own last years */
    int last = year;
    bool any = false;
    for (int y = year - s->years + 1; y <= year && !any; y++)
        any = year_has(p, cfg, own, nown, m, y);
    bool ended = false;
    if (!any) {
        for (int y = year - s->years; y > 1990 && !ended; y--)
            if (year_has(p, cfg, own, nown, m, y)) {
                last = y;
                ended = true;
            }
    }
    int first = last - s->years + 1;
    char name[80];
    snprintf(name, sizeof name, "bench-%.47s.csv", s->id);  /* an id of 47 at most */
    char *path = path_join(outdir, name);
    struct afile af = {0};
    lscb_err rc = afile_open(&af, path, e);
    free(path);
    if (rc)
        return rc;
    const char *region = bench_region(b);
    const char *agg = cfg->sn_median ? "Statistical neighbours (median)"
                                     : "Statistical neighbours (mean)";
    csv_put_text(af.fp, "Year", true);
    csv_put_text(af.fp, pub_name(p, cfg->la), false);
    for (int i = 0; i < cfg->nneighbours; i++)
        csv_put_text(af.fp, pub_name(p, cfg->neighbours[i]), false);
    csv_put_text(af.fp, agg, false);
    csv_put_text(af.fp, region[0] ? pub_name(p, region) : "Region", false);
    static const char *const tail[] = {"England", "Rank", "Of", "Band", "95% low", "95% high",
                                       "Trend per year"};
    for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++)
        csv_put_text(af.fp, tail[i], false);
    putc('\n', af.fp);
    struct releases_used u = {0};
    char pol = 'n';
    for (int y = first; y <= last; y++) {
        struct bench_fig f;
        bench_fig_get(b, m, y, &f);
        pol = f.polarity;
        char label[16], t[32];
        snprintf(label, sizeof label, "%d-%02d", y - 1, y % 100);
        csv_put_text(af.fp, label, true);
        t[0] = '\0';
        if (f.have) {
            fmt(t, sizeof t, f.value, dp);
            note_release(&u, f.la_release);
            if (f.la_release < 0) {
                if (strstr(f.la_source, "CPR3"))
                    u.cpr3 = true;
                else
                    u.own = true;
            }
        }
        csv_put_text(af.fp, t, false);
        for (int i = 0; i < cfg->nneighbours; i++) {
            const struct pub_value *pv = pub_get(p, cfg->neighbours[i], y, m);
            t[0] = '\0';
            if (pv) {
                fmt(t, sizeof t, pv->value, dp);
                note_release(&u, pv->release);
            }
            csv_put_text(af.fp, t, false);
        }
        t[0] = '\0';
        if (f.nsn)
            fmt(t, sizeof t, f.sn_agg, 1);
        csv_put_text(af.fp, t, false);
        t[0] = '\0';
        if (f.have_region) {
            fmt(t, sizeof t, f.region, dp);
            note_release(&u, f.region_release);
            u.aggregated |= f.region_release < 0;
        }
        csv_put_text(af.fp, t, false);
        t[0] = '\0';
        if (f.have_england) {
            fmt(t, sizeof t, f.england, dp);
            note_release(&u, f.england_release);
        }
        csv_put_text(af.fp, t, false);
        char rk[16] = "", of[16] = "", band[2] = {f.quartile, 0}, lo[32] = "", hi[32] = "",
             tr[32] = "";
        if (f.have && f.rank_of > 0) {
            snprintf(rk, sizeof rk, "%d", f.rank);
            snprintf(of, sizeof of, "%d", f.rank_of);
            note_release(&u, f.rank_release);
        }
        if (f.ci) {
            fmt(lo, sizeof lo, f.lo, 1);
            fmt(hi, sizeof hi, f.hi, 1);
        }
        if (f.trend)
            fmt(tr, sizeof tr, f.slope, 2);
        const char *cells[] = {rk, of, band, lo, hi, tr};
        for (size_t i = 0; i < 6; i++)
            csv_put_text(af.fp, cells[i], false);
        putc('\n', af.fp);
    }
    rc = afile_commit(&af, e);
    if (rc)
        return rc;

    /* the index row: what the sheet's title, source, period and note say */
    /* every release named, however many: source and note grow */
    char *source = lscb_xstrdup(""), *note = NULL, period[120];
    for (int r = 0; r < p->nreleases && r < 64; r++)
        if (u.rel[r])
            text_xappend(&source, "%s%s", source[0] ? "; " : "", p->releases[r]);
    if (u.own)
        text_xappend(&source, "%sthe authority's figures computed from its children in need "
                     "census returns", source[0] ? "; " : "");
    if (u.cpr3)
        text_xappend(&source, "%sthe authority's CPR3 returns", source[0] ? "; " : "");
    if (u.aggregated)
        text_xappend(&source, "%sthe region aggregated from its authorities' published counts "
                     "where no regional figure is published", source[0] ? "; " : "");
    if (md && md->snapshot)
        snprintf(period, sizeof period, "Census years %d-%02d to %d-%02d (1 April to 31 March; "
                 "figures at 31 March)", first - 1, first % 100, last - 1, last % 100);
    else
        snprintf(period, sizeof period, "Census years %d-%02d to %d-%02d (1 April to 31 March)",
                 first - 1, first % 100, last - 1, last % 100);
    text_xappend(&note, "%s",
                 pol == 'h'   ? "Higher is better: rank 1 is the highest value; band A "
                                "is the best quarter of local authorities, D the worst. "
                 : pol == 'l' ? "Lower is better: rank 1 is the lowest value; band A "
                                "is the best quarter of local authorities, D the worst. "
                              : "Neither end is better for this measure: rank 1 is the "
                                "lowest value and no band is given. ");
    text_xappend(&note, "Ranks are among the local authorities "
                "with a value in one release (never England or a region); ties "
                "share the better rank. Neighbours: %s; their %s over those "
                "with a value. 95%% interval: %s. Trend: least-squares change per "
                "year over the authority's values to that year. ",
                cfg->sn_model ? (cfg->sn_model == 2025 ? "DfE's 2025 statistical "
                                                         "neighbour model"
                                                       : "DfE's 2021 statistical "
                                                         "neighbour model")
                              : "the configured list",
                cfg->sn_median ? "median" : "mean",
                !md || !measure_is_ratio(md) ? "none for counts"
                : rate                 ? "exact Poisson"
                                       : "Wilson");
    if (ended) {
        const char *rep = md ? md->replaced_by : NULL;
        if (rep)
            text_xappend(&note, "This series ended in %d-%02d, when single assessments replaced "
                         "initial and core assessments; the measure that replaced it: %s. ",
                         last - 1, last % 100, rep);
        else
            text_xappend(&note, "The published tables hold this series to %d-%02d only. ",
                         last - 1, last % 100);
    }
    text_xappend(&note, "%s", s->tnote);
    char nn[12];
    snprintf(nn, sizeof nn, "%d", cfg->nneighbours);
    const char *row[] = {s->id,
                         m,
                         s->sheet,
                         s->title,
                         !md || !measure_is_ratio(md) ? "count" : rate ? "rate" : "pct",
                         pol == 'h' ? "high" : pol == 'l' ? "low" : "neutral",
                         nn,
                         pub_name(p, cfg->la),
                         region[0] ? pub_name(p, region) : "",
                         source,
                         period,
                         note};
    csv_put_text_row(index, row, 12);
    free(source);
    free(note);
    return LSCB_OK;
}

/* The source and period lines of the template's comparator tables
 * (bench-tables.csv: id, source, period), from the releases their figures
 * come from. */
static void comparator_lines(struct bench *b, const struct pub_set *p,
                             const struct lscb_config *cfg, const struct report_template *t,
                             int year, FILE *fp)
{
    fputs("id,source,period\n", fp);
    for (int i = 0; t && i < t->ntables; i++) {
        const struct tpl_table *tb = &t->tables[i];
        if (tb->rows != TPL_ROWS_COMPARATORS || tb->ncolumns < 1)
            continue;
        int y = tb->previous_year ? year - 1 : year;
        double v;
        if (tb->latest_year)
            while (y > 1990 &&
                   !bench_value(b, tb->columns[tb->ncolumns - 1].measure, y, "england", &v))
                y--;
        struct releases_used u = {0};
        for (int c = 0; c < tb->ncolumns; c++) {
            const char *m = tb->columns[c].measure;
            struct bench_fig f;
            bench_fig_get(b, m, y, &f);
            if (f.have)
                note_release(&u, f.la_release);
            u.own |= f.have && f.la_release < 0;
            if (f.have_region)
                note_release(&u, f.region_release);
            u.aggregated |= f.have_region && f.region_release < 0;
            if (f.have_england)
                note_release(&u, f.england_release);
            for (int k = 0; k < cfg->ncomparators; k++) {
                const struct pub_value *pv = pub_get(p, cfg->comparators[k], y, m);
                if (pv)
                    note_release(&u, pv->release);
            }
        }
        char *source = lscb_xstrdup("");
        for (int r = 0; r < p->nreleases && r < 64; r++)
            if (u.rel[r])
                text_xappend(&source, "%s%s", source[0] ? "; " : "", p->releases[r]);
        if (u.own)
            text_xappend(&source, "%sthe authority's figures computed from its census returns",
                         source[0] ? "; " : "");
        if (u.aggregated)
            text_xappend(&source, "%sthe region aggregated from its authorities' published "
                         "counts", source[0] ? "; " : "");
        char period[120];
        snprintf(period, sizeof period, "Census year %d-%02d (1 April %d to 31 March %d)",
                 y - 1, y % 100, y - 1, y);
        const char *row[] = {tb->id, source, period};
        csv_put_text_row(fp, row, 3);
        free(source);
    }
}

lscb_err bench_sheets_write(struct bench *b, const struct pub_set *p,
                            const struct lscb_config *cfg, const struct own_value *own,
                            size_t nown, const struct report_template *t, int year,
                            const char *outdir, struct lscb_error *e)
{
    struct spec *specs = lscb_xcalloc(MAX_SHEETS, sizeof *specs);
    int n = 0;
    for (int i = 0; t && i < t->ntables && n < MAX_SHEETS; i++) {
        const struct tpl_table *tb = &t->tables[i];
        if (tb->rows != TPL_ROWS_YEARS || tb->ncolumns < 1)
            continue;
        const struct measure_def *md = measure_def_find(tb->columns[0].measure);
        if (!md)
            continue;
        struct spec *s = &specs[n++];
        /* the template's fields, of the same sizes */
        _Static_assert(sizeof s->id == sizeof tb->id && sizeof s->sheet == sizeof tb->sheet &&
                       sizeof s->title == sizeof tb->title, "spec holds a template table's");
        memcpy(s->id, tb->id, sizeof s->id);
        s->measure = md->name;
        memcpy(s->sheet, tb->sheet, sizeof s->sheet);
        memcpy(s->title, tb->title, sizeof s->title);
        s->years = tb->years > 0 ? tb->years : cfg->benchmark_years;
        s->tnote = tb->note;
    }
    int ntemplate = n;
    for (size_t k = 0; k < measure_defs_count && n < MAX_SHEETS; k++) {
        const char *m = measure_defs[k].name;
        bool shown = false;
        for (int i = 0; i < ntemplate; i++)
            shown |= !strcmp(specs[i].measure, m);
        bool any = false;
        for (int y = year + 1; y > 1990 && !any && !shown; y--)
            any = pub_get(p, cfg->la, y, m) || pub_get(p, "E92000001", y, m);
        if (shown || !any)
            continue;
        const char *sn = measure_defs[k].short_title;
        struct spec *s = &specs[n++];
        /* names and titles are bounded by measure_defs_check */
        _Static_assert(sizeof s->id > MEASURE_NAME_MAX + 2 &&
                       sizeof s->title > MEASURE_TITLE_MAX + 11, "spec fits a measure's");
        snprintf(s->id, sizeof s->id, "b_%.39s", m);
        s->measure = m;
        snprintf(s->sheet, sizeof s->sheet, "B %.29s", sn ? sn : m);
        for (char *c = s->sheet; *c; c++)
            if (strchr("[]:*?/\\'", *c))
                *c = '-'; /* characters a sheet name cannot hold */
        snprintf(s->title, sizeof s->title, "Benchmark: %.120s", measure_defs[k].title);
        s->years = cfg->benchmark_years > 0 ? cfg->benchmark_years : 7;
        s->tnote = "";
    }
    char *ipath = path_join(outdir, "bench-index.csv");
    struct afile idx = {0};
    lscb_err rc = afile_open(&idx, ipath, e);
    free(ipath);
    if (rc == LSCB_OK) {
        fputs("id,measure,sheet,title,unit,polarity,neighbours,la_name,region_name,source,"
              "period,note\n", idx.fp);
        for (int i = 0; i < n && rc == LSCB_OK; i++)
            rc = write_sheet(b, p, cfg, own, nown, &specs[i], year, idx.fp, outdir, e);
        if (rc == LSCB_OK)
            rc = afile_commit(&idx, e);
    }
    afile_abort(&idx);
    char *cpath = path_join(outdir, "bench-tables.csv");
    struct afile ct = {0};
    if (rc == LSCB_OK)
        rc = afile_open(&ct, cpath, e);
    free(cpath);
    if (rc == LSCB_OK) {
        comparator_lines(b, p, cfg, t, year, ct.fp);
        rc = afile_commit(&ct, e);
    }
    afile_abort(&ct);
    free(specs);
    return rc;
}
