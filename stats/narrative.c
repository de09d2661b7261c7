/* narrative.c — see narrative.h. */
#define _POSIX_C_SOURCE 200809L
#include "stats/narrative.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "common/csvio.h"
#include "stats/funnel_pub.h"
#include "stats/publication.h"
#include "common/text.h"

/* Sentences and paragraphs are built with text_xfmt and grow as needed:
 * a sentence is never cut, whatever a template's labels or a published
 * figure hold. */
#define MAX_SENTENCES 256

/* What one paragraph is written with. */
struct narr {
    const struct report_template *t;
    const struct la_data *d;
    int year;
    const struct table_bench *tbb;
    struct dz *z;                   /* the publication, or NULL */
    struct measure_out now, before;
    bool have_before;
    char *used[MAX_SENTENCES];      /* every sentence written so far */
    int nused;
};

static const struct measure_row *year_row(const struct measure_out *o, const char *measure)
{
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->v[i].measure, measure) && !o->v[i].breakdown[0])
            return &o->v[i];
    return NULL;
}

/* "1,718" from "1718"; other text unchanged.  Returns a new string; free
 * with free(). */
static char *thousands(const char *v)
{
    size_t n = strcspn(v, ".");
    bool digits = n > 3 && strspn(v + (v[0] == '-'), "0123456789") == n - (v[0] == '-');
    if (!digits)
        return lscb_xstrdup(v);
    char *out = lscb_xmalloc(strlen(v) + n / 3 + 1); /* a comma per 3 digits at most */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && v[0] != '-' && (n - i) % 3 == 0)
            out[k++] = ',';
        out[k++] = v[i];
    }
    memcpy(out + k, v + n, strlen(v + n) + 1);
    return out;
}

/* Appends each sentence of s to the paragraph *para (a new string, grown
 * here) unless some table already has it (a sentence ends at ". " before a
 * capital). */
static void say(struct narr *n, char **para, const char *s)
{
    while (*s) {
        const char *end = s;
        while (*end && !(end[0] == '.' && end[1] == ' ' && end[2] >= 'A' && end[2] <= 'Z'))
            end++;
        size_t len = (size_t)(end - s) + (*end ? 1 : 0);
        char *one = text_xfmt("%.*s", (int)len, s);
        s = *end ? end + 2 : end;
        bool seen = false;
        for (int i = 0; i < n->nused && !seen; i++)
            seen = !strcmp(n->used[i], one);
        if (!seen) {
            char *joined = text_xfmt("%s%s%s", *para, **para ? " " : "", one);
            free(*para);
            *para = joined;
        }
        if (!seen && n->nused < MAX_SENTENCES)
            n->used[n->nused++] = one;
        else
            free(one);
    }
}

/* One sentence on a measure: the year, against the year before if known.
 * A figure the publication hides is written "c".  Returns a new string;
 * free with free(). */
static char *measure_sentence(struct narr *n, const struct measure_def *md,
                              const struct measure_row *now, const struct measure_row *before)
{
    int year = n->year;
    bool hide_now = pub_hidden(n->z, pub_measure(n->z, now, ""));
    bool hide_before = before && before->has_value &&
                       pub_hidden(n->z, pub_measure(n->z, before, ""));
    char text[32], nu[24], de[24];
    measure_row_text(now, text, nu, de);
    char *v = thousands(hide_now ? "c" : text);
    char *clause = text_xfmt(md->sentence, v);
    free(v);
    char when[40];
    if (md->snapshot)
        snprintf(when, sizeof when, "At 31 March %d", year);
    else
        snprintf(when, sizeof when, "In %d-%02d", year - 1, year % 100);
    /* "In 2023-24, 179 plans were started": a comma before a figure */
    const char *comma = md->sentence[0] == '%' ? "," : "";
    char *out;
    if (!before || !before->has_value) {
        out = text_xfmt("%s%s %s.", when, comma, clause);
        free(clause);
        return out;
    }
    measure_row_text(before, text, nu, de);
    char *b = thousands(hide_before ? "c" : text);
    double x = 0, y = 0;
    measure_row_value(now, &x);
    measure_row_value(before, &y);
    const char *unit = md->unit == MU_PCT ? "%" : "";
    const char *ago = md->snapshot ? "a year earlier" : NULL;
    char prev[32];
    snprintf(prev, sizeof prev, "in %d-%02d", year - 2, (year - 1) % 100);
    if (hide_now || hide_before)
        out = text_xfmt("%s%s %s, against %s%s %s.", when, comma, clause, b,
                        hide_before ? "" : unit, ago ? ago : prev);
    else if (x == y)
        out = text_xfmt("%s%s %s, the same as %s.", when, comma, clause,
                        ago ? ago : "the year before");
    else
        out = text_xfmt("%s%s %s, %s from %s%s %s.", when, comma, clause, x > y ? "up" : "down",
                        b, unit, ago ? ago : prev);
    free(clause);
    free(b);
    return out;
}

/* "8.0" from 7.96: half up to one decimal.  A new string (a published
 * figure may be as large as a double goes); free with free(). */
static char *one_dp(double v, const char *unit)
{
    return text_xfmt("%.1f%s", floor(v * 10 + 0.5 + 1e-9) / 10, unit);
}

/* The authority against England and its neighbours in the latest year (up
 * to Y) the benchmarks have both for: "In 2022-23, 11.9% of referrals were
 * re-referrals ..., against 21.5% in England and 18.0% among its
 * statistical neighbours."  Significance and trend come from the funnel
 * plot's exact limits and test for trend (funnel_pub.h), and are mentioned
 * only when significant: beyond the limits, or rising or falling. */
static char *bench_sentence(struct narr *n, const char *m, int year, bool follows)
{
    const struct table_bench *tbb = n->tbb;
    const struct measure_def *md = measure_def_find(m);
    /* counts are not compared: England's total says nothing of a borough */
    if (!tbb || !tbb->b || !md || !md->sentence || md->unit == MU_COUNT)
        return NULL;
    double la, en, sn;
    int y = year;
    while (y > year - 3 && !(bench_value(tbb->b, m, y, "la", &la) &&
                             bench_value(tbb->b, m, y, "england", &en)))
        y--;
    if (y == year - 3)
        return NULL;
    bool have_sn = bench_value(tbb->b, m, y, "sn", &sn);
    const char *unit = md->unit == MU_PCT ? "%" : "";
    char *a = one_dp(la, unit), *b = one_dp(en, unit), *c = one_dp(sn, unit);
    /* the clause without its own "%": the figure carries its unit */
    char *fmt = lscb_xmalloc(strlen(md->sentence) + 1);
    size_t k = 0;
    for (const char *s = md->sentence; *s; s++) {
        if (s[0] == '%' && s[1] == '%') {
            s++;
            continue;
        }
        fmt[k++] = *s;
    }
    fmt[k] = '\0';
    char *clause = text_xfmt(fmt, a);
    free(fmt);
    struct funnel_result fr;
    bench_funnel(tbb->b, m, y, &fr);
    char pol = bench_polarity(tbb->b, m), sig_en[160], sig_sn[120], trend[200];
    funnel_phrase_england(&fr, pol, sig_en, sizeof sig_en);
    funnel_phrase_sn(&fr, pol, sig_sn, sizeof sig_sn);
    funnel_phrase_trend(&fr, y, trend, sizeof trend);
    if (!strstr(sig_en, "significantly"))
        sig_en[0] = '\0';
    char *tr = NULL;        /* the trend said, or NULL for none */
    if (strstr(trend, "rising") || strstr(trend, "falling")) {
        /* "... it was falling": name what was, so that two measures'
         * trends never read the same */
        char *it = strstr(trend, " it was ");
        if (it) {
            /* "% re-referrals" reads as "the percentage of re-referrals" */
            char *title = text_xfmt("%s%s", md->title[0] == '%' ? "percentage of" : "",
                                    md->title[0] == '%' ? md->title + 1 : md->title);
            if (title[0] >= 'A' && title[0] <= 'Z' && title[1] >= 'a' && title[1] <= 'z')
                title[0] = (char)(title[0] - 'A' + 'a');
            tr = text_xfmt("%.*s the %s was %s", (int)(it - trend), trend, title, it + 8);
            free(title);
        } else {
            tr = lscb_xstrdup(trend);
        }
    }
    const char *comma = md->sentence[0] == '%' ? "," : "";
    const char *sn_and = have_sn ? " and " : "", *sn_v = have_sn ? c : "",
               *sn_who = have_sn ? " among its statistical neighbours" : "",
               *sn_sig = have_sn ? sig_sn : "";
    char *out;
    if (follows && y == year) /* the paragraph has just given the year's figure */
        out = text_xfmt("That compares with %s in England%s%s%s%s%s.%s", b, sig_en, sn_and, sn_v,
                        sn_who, sn_sig, tr ? tr : "");
    else
        out = text_xfmt("In %d-%02d%s %s, against %s in England%s%s%s%s%s.%s", y - 1, y % 100,
                        comma, clause, b, sig_en, sn_and, sn_v, sn_who, sn_sig, tr ? tr : "");
    free(a);
    free(b);
    free(c);
    free(clause);
    free(tr);
    return out;
}

static const char *const category_names[][2] = {
    {"NEG", "neglect"}, {"PHY", "physical abuse"}, {"SAB", "sexual abuse"},
    {"EMO", "emotional abuse"}, {"MUL", "multiple categories"}};

/* How a band reads in a sentence: "for 7 - 12 months", "aged 15 or over".
 * Returns a new string; free with free(). */
static char *band_phrase(const char *dim, const char *label)
{
    if (!strcmp(dim, "category")) {
        for (size_t i = 0; i < sizeof category_names / sizeof category_names[0]; i++)
            if (!strcmp(category_names[i][0], label))
                return text_xfmt("under %s", category_names[i][1]);
        return text_xfmt("under %s", label);
    } else if (!strcmp(dim, "duration")) {
        size_t n = strlen(label);
        bool plus = n && label[n - 1] == '+';
        char *core = text_xfmt("%.*s", (int)(plus ? n - 1 : n), label);
        size_t c = strlen(core);
        while (c && core[c - 1] == ' ')
            core[--c] = '\0';
        const char *unit = "months";
        if (c > 3 && !strcmp(core + c - 3, "yrs")) {
            core[c - 3] = '\0';
            unit = "years";
        } else if (c && core[c - 1] == 'm') {
            core[c - 1] = '\0';
        }
        c = strlen(core);
        while (c && core[c - 1] == ' ')
            core[--c] = '\0';
        char *out = text_xfmt("for %s %s%s", core, unit, plus ? " or more" : "");
        free(core);
        return out;
    } else if (!strcmp(dim, "age")) {
        size_t n = strlen(label);
        if (!strcmp(label, "unborn"))
            return lscb_xstrdup("not yet born");
        if (n && label[n - 1] == '+')
            return text_xfmt("aged %.*s or over",
                             (int)(n > 1 && label[n - 2] == ' ' ? n - 2 : n - 1), label);
        return text_xfmt("aged %s", label);
    } else if (!strcmp(dim, "gender")) {
        char *buf = text_xfmt("recorded as %s", label);
        for (char *p = buf; *p; p++)
            if (p >= buf + 12 && *p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        return buf;
    }
    if (!strcmp(label, "Not known"))
        return lscb_xstrdup("whose ethnicity is not known");
    return text_xfmt("of %s ethnicity", label);
}

/* The largest band of a breakdown on a date. */
static int largest(const struct report_template *t, const struct tpl_table *tb,
                   const long counts[BANDS_MAX], int nl)
{
    (void)t;
    int best = 0;
    for (int k = 0; k < nl; k++)
        if (counts[tpl_breakdown_canon(tb, k)] > counts[tpl_breakdown_canon(tb, best)])
            best = k;
    return best;
}

/* A breakdown: its largest band on 31 March, its share a year earlier; a
 * table over the months says how that band moved through the year. */
static void breakdown_paragraph(struct narr *n, char **para, const struct tpl_table *tb)
{
    const struct report_template *t = n->t;
    const char *labels[BANDS_MAX];
    int nl = tpl_breakdown_labels(t, tb, labels);
    long counts[BANDS_MAX], before[BANDS_MAX];
    lscb_date end = census_year_end(n->year);
    long total = cpp_open_breakdown(n->d, end, tb->breakdown, tpl_bandset(t, tb), counts, NULL);
    if (total == 0 || nl == 0) {
        char s[80];
        snprintf(s, sizeof s, "At 31 March %d no child was subject to a child protection plan.",
                 n->year);
        say(n, para, s);
        return;
    }
    int best = largest(t, tb, counts, nl);
    int canon = tpl_breakdown_canon(tb, best);
    long c = counts[canon];
    bool hide = pub_hidden(n->z, pub_band(n->z, tb->breakdown, labels[best], end, c)) ||
                pub_hidden(n->z, pub_band(n->z, tb->breakdown, NULL, end, total));
    char pct[32], cs[24], ts[24];
    fmt_ratio_1dp(pct, sizeof pct, c, total, 100);
    char *phrase = band_phrase(tb->breakdown, labels[best]);
    snprintf(cs, sizeof cs, "%ld", c);
    snprintf(ts, sizeof ts, "%ld", total);
    char *s = text_xfmt("At 31 March %d the largest group of children on a plan were "
                        "those %s: %s of %s (%s%%)", n->year, phrase, hide ? "c" : cs,
                        hide ? "c" : ts, hide ? "c" : pct);
    const char *against = "";
    char pp[32];
    if (n->have_before) {
        lscb_date prev = census_year_end(n->year - 1);
        long tb_prev = cpp_open_breakdown(n->d, prev, tb->breakdown, tpl_bandset(t, tb), before,
                                          NULL);
        bool hp = pub_hidden(n->z, pub_band(n->z, tb->breakdown, labels[best], prev,
                                            before[canon])) ||
                  pub_hidden(n->z, pub_band(n->z, tb->breakdown, NULL, prev, tb_prev));
        fmt_ratio_1dp(pp, sizeof pp, before[canon], tb_prev, 100);
        if (tb_prev > 0)
            against = hp ? "c" : pp;
    }
    char *whole = text_xfmt("%s%s%s%s.", s, against[0] ? ", against " : "", against,
                            against[0] ? "% a year earlier" : "");
    free(s);
    s = whole;
    /* over the months: the same band at the first row and the last */
    struct tpl_row rows[TPL_MAX_ROWS];
    int nr = tb->rows == TPL_ROWS_BREAKDOWN ? 0 : tpl_period_rows(tb, n->year, rows);
    if (nr < 2) {
        say(n, para, s);
        free(s);
        free(phrase);
        return;
    }
    long first[BANDS_MAX];
    long tf = cpp_open_breakdown(n->d, rows[0].end, tb->breakdown, tpl_bandset(t, tb), first,
                                 NULL);
    bool h1 = pub_hidden(n->z, pub_band(n->z, tb->breakdown, labels[best], rows[0].end,
                                        first[canon]));
    int y0, m0, d0;
    date_to_ymd(rows[0].end, &y0, &m0, &d0);
    static const char *const months[] = {"January", "February", "March", "April", "May",
                                         "June", "July", "August", "September", "October",
                                         "November", "December"};
    char f1[24];
    snprintf(f1, sizeof f1, "%ld", first[canon]);
    char *s2;
    /* the totals may be hidden too */
    if (pub_hidden(n->z, pub_band(n->z, tb->breakdown, NULL, rows[0].end, tf)) || hide)
        s2 = text_xfmt("Over the year the number of children on a plan %s went from "
                       "%s at the end of %s %d to %s at 31 March %d.", phrase, h1 ? "c" : f1,
                       months[m0 - 1], y0, hide ? "c" : cs, n->year);
    else
        s2 = text_xfmt("Over the year the number of children on a plan %s went from %s "
                       "at the end of %s %d to %s at 31 March %d, out of %ld and %ld children "
                       "on plans.", phrase, h1 ? "c" : f1, months[m0 - 1], y0, hide ? "c" : cs,
                       n->year, tf, total);
    /* a second table of the same breakdown says only what the first did not */
    bool said = false;
    for (int i = 0; i < n->nused && !said; i++)
        said = !strcmp(n->used[i], s);
    if (!said)
        say(n, para, s);
    say(n, para, s2);
    free(s);
    free(s2);
    free(phrase);
}

/* A table of measures: a sentence on each measure (the year, the change
 * on last year), then the first measure against England and the
 * neighbours. */
static void measures_paragraph(struct narr *n, char **para, const struct tpl_table *tb)
{
    int said = 0;
    const char *bench_m = NULL;
    for (int c = 0; c < tb->ncolumns && said < 3; c++) {
        const struct measure_def *md = measure_def_find(tb->columns[c].measure);
        /* a difference (started less ended) is said by the sentences on its parts */
        if (!md || tb->columns[c].part != TPL_VALUE || md->diff_of[0])
            continue;
        const struct measure_row *r = year_row(&n->now, md->name);
        if (!r || !r->has_value)
            continue;
        char *s = measure_sentence(n, md, r,
                                   n->have_before ? year_row(&n->before, md->name) : NULL);
        size_t before = strlen(*para);
        say(n, para, s);
        free(s);
        if (strlen(*para) != before)
            said++;
        if (!bench_m) {
            char *b = bench_sentence(n, md->name, n->year, strlen(*para) != before);
            if (b) {
                bench_m = md->name;
                say(n, para, b);
                free(b);
            }
        }
    }
}

/* A table of benchmarks (the long series, the comparators). */
static void bench_paragraph(struct narr *n, char **para, const struct tpl_table *tb)
{
    int y = tb->previous_year ? n->year - 1 : n->year;
    for (int c = 0; c < tb->ncolumns; c++) {
        char *s = bench_sentence(n, tb->columns[c].measure, y, false);
        if (s)
            say(n, para, s);
        free(s);
    }
}

lscb_err narrative_write(const struct report_template *t, const struct la_data *d,
                         const struct measure_ctx *ctx, const struct measure_ctx *ctx_before,
                         int year,
                         const struct table_bench *tbb, struct dz *z, bool declare_only,
                         const char *outdir, struct lscb_error *e)
{
    struct narr *n = lscb_xcalloc(1, sizeof *n);
    n->t = t;
    n->d = d;
    n->year = year;
    n->tbb = tbb;
    n->z = z;
    measures_period(d, ctx, census_year_start(year), census_year_end(year), &n->now);
    n->have_before = ctx->history_start != DATE_NONE &&
                     ctx->history_start <= census_year_start(year - 1);
    if (n->have_before)
        measures_period(d, ctx_before, census_year_start(year - 1), census_year_end(year - 1),
                        &n->before);

    char *cpath = path_join(outdir, "narrative.csv");
    char *mpath = path_join(outdir, "narrative.md");
    struct afile csv, md;
    memset(&csv, 0, sizeof csv);
    memset(&md, 0, sizeof md);
    lscb_err rc = LSCB_OK;
    if (!declare_only) {
        rc = afile_open(&csv, cpath, e);
        if (rc == LSCB_OK)
            rc = afile_open(&md, mpath, e);
    }
    if (rc == LSCB_OK) {
        if (!declare_only) {
            fputs("table,sheet,paragraph\n", csv.fp);
            fprintf(md.fp, "# %s %d-%02d: draft paragraphs\n\nLocal authority %s. Drafted from "
                    "the figures for the author to edit: one paragraph per table. Changes from "
                    "the year before are not tested for significance; a difference from England "
                    "or the statistical neighbours is called significant only when the "
                    "authority lies beyond the funnel plot's exact control limits (95%%, or "
                    "99.8%% where said), and a trend rising or falling only when the test for "
                    "trend over five years gives p < 0.05.%s\n",
                    t->title[0] ? t->title : "Report", year - 1, year % 100, d->la,
                    z ? " c: suppressed for publication." : "");
        }
        for (int i = 0; i < t->ntables; i++) {
            const struct tpl_table *tb = &t->tables[i];
            char *para = lscb_xstrdup("");
            if (tb->rows == TPL_ROWS_YEARS || tb->rows == TPL_ROWS_COMPARATORS)
                bench_paragraph(n, &para, tb);
            else if (tb->breakdown[0])
                breakdown_paragraph(n, &para, tb);
            else
                measures_paragraph(n, &para, tb);
            if (declare_only) {
                free(para);
                continue;
            }
            fprintf(md.fp, "\n## %s\n\n", tb->title);
            if (para[0]) {
                const char *f[] = {tb->id, tb->sheet, para};
                csv_put_text_row(csv.fp, f, 3);
                fprintf(md.fp, "%s\n", para);
            } else {
                fputs("(nothing new to say: the figures are in the table)\n", md.fp);
            }
            free(para);
        }
        if (!declare_only) {
            rc = afile_commit(&csv, e);
            if (rc == LSCB_OK)
                rc = afile_commit(&md, e);
        }
    }
    if (!declare_only) {
        afile_abort(&csv);
        afile_abort(&md);
    }
    free(cpath);
    free(mpath);
    for (int i = 0; i < n->nused; i++)
        free(n->used[i]);
    measure_out_release(&n->now);
    measure_out_release(&n->before);
    free(n);
    return rc;
}
