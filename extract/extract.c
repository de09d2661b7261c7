/* extract.c — see extract.h. */
#define _POSIX_C_SOURCE 200809L
#include "extract/extract.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "extract/cin_xml.h"
#include "extract/census_csv.h"
#include "extract/local_csv.h"
#include "common/csvio.h"
#include "common/progress.h"
#include "common/records.h"
#include "common/text.h"
#include "common/text.h"

struct out {
    const struct extract_opts *opts;
    struct afile files[ENT_COUNT];
    int input;                /* the index of the input being read */
    lscb_err ret_rc;          /* on_return's failure, from a callback that has none */
    struct lscb_error *ret_e;
    struct afile census;
    long wrote;
    FILE *in;                 /* the input being read, for progress */
    long long done_bytes;     /* of the inputs before it */
    struct progress prog;
};

static lscb_err on_record(void *ctx, enum entity_id ent, const char *const *row,
                          const struct rec_problem *problem, struct lscb_error *e)
{
    struct out *o = ctx;
    const struct entity_def *d = &entity_defs[ent];
    if (o->files[ent].fp) {
        const char *f[REC_NCTX + ENTITY_MAX_FIELDS + 1];
        char ptext[128];
        if (rec_problem_format(problem, d, ptext, sizeof ptext))
            return lscb_fail(e, LSCB_ESYS, "%s: problem text too long", d->name);
        memcpy(f, row, (REC_NCTX + d->nfields) * sizeof *f);
        f[REC_NCTX + d->nfields] = ptext;
        csv_put_row(o->files[ent].fp, f, REC_NCTX + d->nfields + 1);
    }
    if (o->opts->tee) {
        lscb_err rc = o->opts->tee(o->opts->tee_ctx, ent, row, problem, e);
        if (rc)
            return rc;
    }
    o->wrote++;
    if (o->prog.on && (o->wrote & 1023) == 0 && o->in)
        progress_tick(&o->prog, o->wrote, o->done_bytes + ftello(o->in));
    return LSCB_OK;
}

/* Reads the first non-blank byte after an optional UTF-8 BOM (-1 if none)
 * and the first line, to tell the kind of input. */
static int first_byte(FILE *fp, char *line, size_t cap)
{
    unsigned char b[4096];
    size_t n = fread(b, 1, sizeof b, fp);
    size_t i = 0;
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        i = 3;
    size_t k = 0;
    for (size_t j = i; j < n && b[j] != '\n' && b[j] != '\r' && k + 1 < cap; j++)
        line[k++] = (char)b[j];
    line[k] = '\0';
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
        i++;
    rewind(fp);
    return i < n ? b[i] : -1;
}

static void census_row(struct out *o, const char *path, const char *la, int year,
                       const char *refdate, const char *hdr_year, long total,
                       enum return_kind kind)
{
    char y[12], count[24];
    snprintf(y, sizeof y, "%d", year);
    snprintf(count, sizeof count, "%ld", total);
    const char *row[] = {path, la, y, refdate, count, return_kind_name(kind), hdr_year};
    if (o->census.fp)
        csv_put_row(o->census.fp, row, 7);
    if (o->opts->on_return && o->ret_rc == LSCB_OK) {
        struct extract_return r = {.input = o->input, .path = path, .la = la,
                                   .reference_date = refdate, .header_year = hdr_year,
                                   .year = year, .records = total, .kind = kind};
        o->ret_rc = o->opts->on_return(o->opts->return_ctx, &r, o->ret_e);
    }
}

static void cpr3_return(void *ctx, const char *path, const char *la, int year, long records)
{
    census_row(ctx, path, la, year, "", "", records, KIND_CPR3);
}

static lscb_err read_input(const struct extract_opts *opts, const char *path, struct out *o,
                           struct lscb_error *e)
{
    FILE *fp = fopen(path, "rb");
    o->in = fp;
    if (!fp)
        return lscb_fail(e, LSCB_EINPUT, "%s: cannot open: %s", path, strerror(errno));
    char line[1024];
    int c = first_byte(fp, line, sizeof line);
    if (c != '<' && c >= 0 && strategy_csv_sniff(line)) {
        long n = 0;
        lscb_err rc = strategy_csv_read(lscb_read_stdio, fp, path, opts->la, on_record, o, &n,
                                        e);
        fclose(fp);
        if (rc == LSCB_OK)
            census_row(o, path, opts->la, LOCAL_EXTRACT_YEAR, "", "", n, KIND_STRATEGY);
        return rc;
    }
    if (c != '<' && c >= 0 && cpr3_csv_sniff(line)) {
        lscb_err rc = cpr3_csv_read(lscb_read_stdio, fp, path, on_record, o, cpr3_return, o, e);
        fclose(fp);
        return rc;
    }
    struct cin_xml_opts xo = {opts->la, opts->year, ENT_COUNT};
    struct cin_xml_info info;
    lscb_err rc;
    if (c != '<' && c >= 0 && (xo.csv_entity = census_csv_sniff(line)) != ENT_COUNT) {
        rc = census_csv_read(lscb_read_stdio, fp, path, &xo, on_record, o, &info, e);
        fclose(fp);
        if (rc != LSCB_OK)
            return rc;
        census_row(o, path, info.la, info.year, "", "", info.records[xo.csv_entity], KIND_CENSUS);
        return LSCB_OK;
    }
    if (c != '<') {
        fclose(fp);
        if (c < 0)
            return lscb_fail(e, LSCB_EINPUT, "%s:1: empty file", path);
        return lscb_fail(e, LSCB_EINPUT, "%s:1: not a CIN census XML file (it does not start "
                         "with '<'), a census module CSV extract (a header with LAchildID and "
                         "the module's columns) nor a strategy discussion extract", path);
    }
    rc = cin_xml_read(lscb_read_stdio, fp, path, &xo, on_record, o, &info, e);
    fclose(fp);
    if (rc != LSCB_OK)
        return rc;
    long total = 0;
    for (int k = 0; k < ENT_COUNT; k++)
        total += info.records[k];
    census_row(o, path, info.la, info.year, info.reference_date, info.header_year, total,
               KIND_CENSUS);
    return LSCB_OK;
}

lscb_err extract_run(const struct extract_opts *opts, struct extract_result *res,
                     struct lscb_error *e)
{
    struct out o;
    memset(&o, 0, sizeof o);
    memset(res, 0, sizeof *res);
    o.opts = opts;
    o.ret_e = e;
    lscb_err rc = opts->outdir ? mkdir_p(opts->outdir, e) : LSCB_OK;
    if (rc)
        return rc;
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK && opts->outdir; k++) {
        char name[64];
        if (text_fmt(name, sizeof name, "%s.csv", entity_defs[k].name)) {
            rc = lscb_fail(e, LSCB_ESYS, "entity name %s too long", entity_defs[k].name);
            break;
        }
        char *p = path_join(opts->outdir, name);
        rc = afile_open(&o.files[k], p, e);
        free(p);
        if (rc == LSCB_OK)
            rec_put_staged_header(o.files[k].fp, &entity_defs[k]);
    }
    if (rc == LSCB_OK && opts->outdir) {
        char *p = path_join(opts->outdir, "census.csv");
        rc = afile_open(&o.census, p, e);
        free(p);
        if (rc == LSCB_OK)
            fputs("source_file,la_code,census_year,reference_date,records,kind,header_year\n",
                  o.census.fp);
    }
    long long total = 0;
    struct stat sb;
    for (int i = 0; i < opts->ninputs; i++)
        if (stat(opts->inputs[i], &sb) == 0)
            total += sb.st_size;
    progress_start(&o.prog, "lscb-extract", total);
    for (int i = 0; i < opts->ninputs && rc == LSCB_OK; i++) {
        o.input = i;
        rc = read_input(opts, opts->inputs[i], &o, e);
        if (rc == LSCB_OK)
            rc = o.ret_rc;
        o.in = NULL;
        if (stat(opts->inputs[i], &sb) == 0)
            o.done_bytes += sb.st_size;
    }
    progress_done(&o.prog);
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK && opts->outdir; k++)
        rc = afile_commit(&o.files[k], e);
    if (rc == LSCB_OK && opts->outdir)
        rc = afile_commit(&o.census, e);
    for (int k = 0; k < ENT_COUNT; k++)
        afile_abort(&o.files[k]);
    afile_abort(&o.census);
    if (rc != LSCB_OK)
        return rc;
    res->read = res->wrote = o.wrote;
    if (!opts->quiet)
        notes_add(opts->notes, "lscb-extract: read %ld, wrote %ld, rejected 0", o.wrote, o.wrote);
    return LSCB_OK;
}

/* Stops a census XML read at its first record: the header is settled. */
static lscb_err stop_at_first(void *ctx, enum entity_id ent, const char *const *row,
                              const struct rec_problem *problem, struct lscb_error *e)
{
    (void)ent, (void)row, (void)problem, (void)e;
    *(bool *)ctx = true;
    return LSCB_EUSAGE;
}

void extract_peek(const char *path, const char *la, struct extract_peek *out)
{
    memset(out, 0, sizeof *out);
    out->what = PEEK_UNKNOWN;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return;
    char line[1024];
    int c = first_byte(fp, line, sizeof line);
    if (c != '<' && c >= 0 && strategy_csv_sniff(line)) {
        out->what = PEEK_STRATEGY;
    } else if (c == '<') {
        struct cin_xml_opts xo = {la, 0, ENT_COUNT};
        struct cin_xml_info info;
        struct lscb_error ignored = {0};
        bool stopped = false;
        lscb_err rc = cin_xml_read(lscb_read_stdio, fp, path, &xo, stop_at_first, &stopped,
                                   &info, &ignored);
        /* stopped at a record, or read whole (no child): the header's */
        if ((stopped || rc == LSCB_OK) && info.year &&
            !text_fmt(out->la, sizeof out->la, "%s", info.la)) {
            out->what = PEEK_CENSUS;
            out->year = info.year;
        }
    }
    fclose(fp);
}
