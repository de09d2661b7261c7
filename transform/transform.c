/* transform.c — see transform.h. */
#define _POSIX_C_SOURCE 200809L
#include "transform/transform.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/csvio.h"
#include "common/date.h"
#include "common/progress.h"
#include "common/records.h"
#include "common/strset.h"
#include "transform/validate.h"
#include "common/record_sink.h"
#include "common/text.h"

#define VCAP 160


const char *transform_field(const struct field_def *fd, const char *v, char *out, size_t cap,
                            char *msg, size_t msgcap)
{
    out[0] = '\0';
    size_t len = strlen(v);
    if (len >= cap) {
        text_fmt_cut(msg, msgcap, "value longer than the census allows");
        return "T07";
    }
    if (!*v) {
        if (fd->required) {
            text_fmt_cut(msg, msgcap, "required value is missing");
            return "T01";
        }
        return NULL;
    }
    switch (fd->type) {
    case FT_ID: {
        size_t n = len;
        if (n > 64) {
            text_fmt_cut(msg, msgcap, "LA child ID longer than 64 characters");
            return "T07";
        }
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)v[i] < 0x20) {
                text_fmt_cut(msg, msgcap, "LA child ID has a control character");
                return "T07";
            }
        memcpy(out, v, len + 1);   /* len < cap: checked first */
        return NULL;
    }
    case FT_DATE: {
        lscb_date d;
        if (!date_parse_iso(v, &d)) {
            text_fmt_cut(msg, msgcap, "'%.40s' is not a valid date (YYYY-MM-DD)", v);
            return "T02";
        }
        date_format_iso(d, out);
        return NULL;
    }
    case FT_CODE:
        if (!code_in_set(fd->codes, v)) {
            text_fmt_cut(msg, msgcap, "'%.40s' is not in the %s code set", v, fd->codes->name);
            return "T03";
        }
        memcpy(out, v, len + 1);
        return NULL;
    case FT_LIST: {
        char buf[VCAP];
        if (len >= sizeof buf) {   /* every code of it checked, or none */
            text_fmt_cut(msg, msgcap, "list longer than %d characters", VCAP - 1);
            return "T07";
        }
        memcpy(buf, v, len + 1);
        char *save = buf, *item;
        while ((item = save) != NULL) {
            char *semi = strchr(item, ';');
            if (semi)
                *semi = '\0';
            save = semi ? semi + 1 : NULL;
            if (!code_in_set(fd->codes, item)) {
                text_fmt_cut(msg, msgcap, "'%.40s' is not in the %s code set", item, fd->codes->name);
                return "T03";
            }
        }
        memcpy(out, v, len + 1);
        return NULL;
    }
    case FT_BOOL: {
        int b = parse_census_bool(v);
        if (b < 0) {
            text_fmt_cut(msg, msgcap, "'%.40s' is not a boolean (true/false/1/0)", v);
            return "T08";
        }
        out[0] = b ? '1' : '0';   /* cap >= 2: v is not empty and shorter */
        out[1] = '\0';
        return NULL;
    }
    case FT_COUNT: {
        char *end;
        errno = 0;
        long n = strtol(v, &end, 10);
        if (errno || *end || n < 0 || n > 100000000 || v[0] == '+' || v[0] == ' ') {
            text_fmt_cut(msg, msgcap, "'%.40s' is not a whole number from 0", v);
            return "T08";
        }
        /* never cut: n's digits are no more than v's (no sign), and len < cap */
        if (text_fmt(out, cap, "%ld", n)) {
            text_fmt_cut(msg, msgcap, "value longer than the census allows");
            return "T07";
        }
        return NULL;
    }
    }
    return NULL;
}

/* What the rules keep across records, files and (in a stream) inputs: the
 * keys of the records written and rejected, per entity, and where each
 * entity's rejects and written records go. */
/* The keys of one return's records (authority and census year): every key
 * starts with them, so records of two returns never meet, and a return no
 * later input holds can be forgotten (transform_stream_forget). */
struct part {
    char la[16], year[16];
    struct strset rejected_keys[ENT_COUNT];  /* keys of rejected records (raw values) */
    struct strset written_keys[ENT_COUNT];   /* keys written: parents for the T04/T10
                                                checks, and duplicates (T05) */
    struct strset missing[ENT_COUNT];        /* stream: parent keys a record found
                                                neither written nor rejected (T10) */
    const char *last_written[ENT_COUNT];     /* a parent entity's last key written (its
                                                copy in written_keys): the one most of
                                                its children's records name, found
                                                without a look-up in the table */
};

/* What the rules keep across records, files and (in a stream) inputs: the
 * keys of the records written and rejected, per return and entity, and
 * where each entity's rejects and written records go. */
struct tcore {
    struct part **parts;
    size_t nparts;
    struct part *last;        /* the last record's */
    bool is_parent[ENT_COUNT];
    bool stream;              /* records arrive child by child (transform_stream) */
    bool inexact;             /* stream: a decision the files' order could change */
    FILE *rej[ENT_COUNT];     /* each entity's rejects */
    lscb_err (*put)(void *ctx, enum entity_id ent, const char *const *row, size_t n,
                    struct lscb_error *e);
    void *put_ctx;
    long read, wrote, rejected;
    long blanked;                   /* soft values left empty */
};

static void core_init(struct tcore *c)
{
    memset(c, 0, sizeof *c);
    for (int k = 0; k < ENT_COUNT; k++)
        if (entity_defs[k].nparent > 0)
            c->is_parent[entity_defs[k].parent] = true;
}

static void part_free(struct part *p)
{
    if (!p)
        return;
    for (int k = 0; k < ENT_COUNT; k++) {
        strset_release(&p->rejected_keys[k]);
        strset_release(&p->written_keys[k]);
        strset_release(&p->missing[k]);
    }
    free(p);
}

static void core_release(struct tcore *c)
{
    for (size_t i = 0; i < c->nparts; i++)
        part_free(c->parts[i]);
    free(c->parts);
    c->parts = NULL;
    c->nparts = 0;
    c->last = NULL;
}

/* The keys of the return (la, year), made when new. */
static struct part *part_of(struct tcore *c, const char *la, const char *year)
{
    if (c->last && !strcmp(c->last->la, la) && !strcmp(c->last->year, year))
        return c->last;
    for (size_t i = 0; i < c->nparts; i++)
        if (!strcmp(c->parts[i]->la, la) && !strcmp(c->parts[i]->year, year))
            return c->last = c->parts[i];
    struct part *p = lscb_xcalloc(1, sizeof *p);
    /* a longer LA code or year (never from the readers) shares a cut name:
     * sharing keys is what the files' way did for every return */
    text_fmt_cut(p->la, sizeof p->la, "%s", la);
    text_fmt_cut(p->year, sizeof p->year, "%s", year);
    for (int k = 0; k < ENT_COUNT; k++) {
        strset_init(&p->rejected_keys[k]);
        strset_init(&p->written_keys[k]);
        strset_init(&p->missing[k]);
    }
    c->parts = lscb_xrealloc(c->parts, (c->nparts + 1) * sizeof *c->parts);
    c->parts[c->nparts++] = p;
    return c->last = p;
}

/* Appends s at buf + k (after a '|' when bar) and returns the new length;
 * the caller sizes buf for the longest key (see make_key). */
static size_t put_part(char *buf, size_t k, size_t cap, const char *s, bool bar)
{
    if (bar && k + 1 < cap)
        buf[k++] = '|';
    size_t n = strlen(s);
    if (k + n >= cap)
        n = k < cap ? cap - k - 1 : 0;
    memcpy(buf + k, s, n);
    return k + n;
}

/* Builds "la|year|f0|f1..." for the first n fields of a row (or of the
 * normalised values when vals is given).  KEY_CAP holds the longest, an LA
 * code, a year and ENTITY_MAX_FIELDS values under VCAP, so keys are never
 * cut (two records cut to one key would pass for duplicates). */
#define KEY_CAP 2048
_Static_assert(16 + 8 + ENTITY_MAX_FIELDS * (VCAP + 1) < KEY_CAP, "KEY_CAP too small");
static void make_key(char *buf, size_t cap, const char *const *row, char vals[][VCAP], size_t n,
                     bool with_year)
{
    size_t k = put_part(buf, 0, cap, row[REC_LA], false);
    if (with_year)
        k = put_part(buf, k, cap, row[REC_YEAR], true);
    for (size_t i = 0; i < n; i++)
        k = put_part(buf, k, cap, vals ? vals[i] : row[REC_NCTX + i], true);
    buf[k] = '\0';
}

/* A date of birth or death is never written to rejects.csv (which names the
 * record by LA child ID and field): its message says what is wrong only. */
static bool private_field(const char *name)
{
    return !strcmp(name, "birth_date") || !strcmp(name, "expected_birth_date") ||
           !strcmp(name, "death_date");
}

static void put_reject(struct tcore *c, enum entity_id ent, const char *fname,
                       const char *const *row, size_t n, const char *rule, const char *field,
                       const char *msg)
{
    const char *child = n > REC_NCTX ? row[REC_NCTX] : "";
    const char *f[] = {n > REC_SOURCE_FILE ? row[REC_SOURCE_FILE] : fname,
                       n > REC_SOURCE_LINE ? row[REC_SOURCE_LINE] : "",
                       entity_defs[ent].name,
                       n > REC_LA ? row[REC_LA] : "",
                       child, rule, field, msg};
    csv_put_text_row(c->rej[ent], f, 8);
    c->rejected++;
}

/* One staged record with the right number of columns (the problem column
 * parsed) judged: written through c->put, or rejected with its rule. */
static lscb_err judge(struct tcore *c, enum entity_id ent, const char *fname,
                      const char *const *row, size_t n, const struct rec_problem *problem,
                      struct lscb_error *e)
{
    const struct entity_def *d = &entity_defs[ent];
    char vals[ENTITY_MAX_FIELDS][VCAP];
    char msg[200], key[KEY_CAP];
    /* staged-only fields (UPNs) are for the validation rules: not checked
     * here, not carried on */
    /* a child's sex: GenderCurrent (earlier schemas) as gender, else Sex
     * (2025-26 on, a staged-only field) judged by its own codes M/F/U */
    int gi = ent == ENT_CHILD ? entity_field(d, "gender") : -1;
    int si = ent == ENT_CHILD ? entity_field(d, "sex") : -1;
    bool use_sex = gi >= 0 && si >= 0 && !row[REC_NCTX + gi][0] && row[REC_NCTX + si][0];
    /* what the extractor found wrong, unless in a field only the
     * validation reads */
    if (problem->kind == REC_BAD_ROW || (problem->kind != REC_FINE &&
                                         ((size_t)problem->field < entity_nnorm(d) ||
                                          (use_sex && problem->field == si)))) {
        const char *field;
        const char *rule = rec_problem_rule(problem, d, &field, msg, sizeof msg);
        put_reject(c, ent, fname, row, n, rule, field, msg);
        goto rejected;
    }
    for (size_t i = 0; i < entity_nnorm(d); i++) {
        bool from_sex = use_sex && (int)i == gi;
        const char *rule = transform_field(from_sex ? &d->fields[si] : &d->fields[i],
                                           row[REC_NCTX + (from_sex ? (size_t)si : i)], vals[i],
                                           VCAP, msg, sizeof msg);
        if (rule && d->fields[i].soft && strcmp(rule, "T07") && strcmp(rule, "T09")) {
            /* a code only a breakdown (or no measure) reads: kept, left empty */
            vals[i][0] = '\0';
            c->blanked++;
            continue;
        }
        if (rule) {
            if (private_field(d->fields[i].name) && !strcmp(rule, "T02"))
                text_fmt_cut(msg, sizeof msg, "not a valid date (YYYY-MM-DD); the value is not shown");
            put_reject(c, ent, fname, row, n, rule, d->fields[i].name, msg);
            goto rejected;
        }
    }
    if (d->order_lo >= 0 && vals[d->order_lo][0] && vals[d->order_hi][0] &&
        strcmp(vals[d->order_hi], vals[d->order_lo]) < 0) {
        if (private_field(d->fields[d->order_hi].name) ||
            private_field(d->fields[d->order_lo].name))
            text_fmt_cut(msg, sizeof msg, "%s is before %s", d->fields[d->order_hi].name,
                     d->fields[d->order_lo].name);
        else
            text_fmt_cut(msg, sizeof msg, "%s %s is before %s %s", d->fields[d->order_hi].name,
                     vals[d->order_hi], d->fields[d->order_lo].name, vals[d->order_lo]);
        put_reject(c, ent, fname, row, n, "T06", d->fields[d->order_hi].name, msg);
        goto rejected;
    }
    struct part *pt = part_of(c, row[REC_LA], row[REC_YEAR]);
    if (d->nparent > 0) {
        make_key(key, sizeof key, row, vals, d->nparent, true);
        if (strset_has(&pt->rejected_keys[d->parent], key)) {
            text_fmt_cut(msg, sizeof msg, "its %s record was rejected", entity_defs[d->parent].name);
            put_reject(c, ent, fname, row, n, "T04", "", msg);
            goto rejected;
        }
        const char *last = pt->last_written[d->parent];
        if (!(last && !strcmp(last, key)) && !strset_has(&pt->written_keys[d->parent], key)) {
            /* a stream remembers it: a parent arriving later would have
             * been there for the files' order (parents' file first) */
            if (c->stream)
                strset_add(&pt->missing[d->parent], key);
            text_fmt_cut(msg, sizeof msg, "no %s record for it in the same return",
                     entity_defs[d->parent].name);
            put_reject(c, ent, fname, row, n, "T10", "", msg);
            goto rejected;
        }
    }
    make_key(key, sizeof key, row, vals, d->nkey, true);
    /* the written keys are the duplicates' too: the first copy stands */
    const char *stored = strset_add_stored(&pt->written_keys[ent], key);
    if (!stored) {
        text_fmt_cut(msg, sizeof msg, "same %s appears earlier in this return", d->name);
        put_reject(c, ent, fname, row, n, "T05", d->fields[d->nkey - 1].name, msg);
        /* the first copy stands; do not cascade */
        return LSCB_OK;
    }
    if (c->is_parent[ent])
        pt->last_written[ent] = stored;
    if (c->stream && c->is_parent[ent] && strset_has(&pt->missing[ent], key))
        c->inexact = true;
    {
        const char *f[REC_NCTX + ENTITY_MAX_FIELDS];
        for (size_t i = 0; i < REC_NCTX; i++)
            f[i] = row[i];
        for (size_t i = 0; i < entity_nnorm(d); i++)
            f[REC_NCTX + i] = vals[i];
        lscb_err rc = c->put(c->put_ctx, ent, f, REC_NCTX + entity_nnorm(d), e);
        if (rc)
            return rc;
        c->wrote++;
    }
    return LSCB_OK;
rejected:
    pt = part_of(c, row[REC_LA], row[REC_YEAR]);
    /* remember the raw key so children can follow their parent out */
    make_key(key, sizeof key, row, NULL, d->nkey, true);
    /* a stream: records that found this key written (or missing) earlier
     * would have found it rejected in the files' order */
    if (c->stream && c->is_parent[ent] &&
        (strset_has(&pt->written_keys[ent], key) || strset_has(&pt->missing[ent], key)))
        c->inexact = true;
    strset_add(&pt->rejected_keys[ent], key);
    return LSCB_OK;
}

struct tstate {
    struct tcore *core;
    enum entity_id ent;
    const char *fname;
    struct progress *prog;
    long before;                    /* records of earlier entity files */
    bool header_done;
};

static lscb_err put_file(void *ctx, enum entity_id ent, const char *const *row, size_t n,
                         struct lscb_error *e)
{
    struct afile *outs = ctx;
    (void)e;
    csv_put_row(outs[ent].fp, row, n);
    return LSCB_OK;
}

static lscb_err on_row(void *ctx, char **row, size_t n, long line, struct lscb_error *e)
{
    struct tstate *st = ctx;
    struct tcore *c = st->core;
    const struct entity_def *d = &entity_defs[st->ent];
    size_t want = REC_NCTX + d->nfields + 1;   /* and the extractor's problem */
    if (!st->header_done) {
        st->header_done = true;
        if (n != want || strcmp(row[0], "source_file") != 0 ||
            strcmp(row[n - 1], REC_PROBLEM_COLUMN) != 0)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: not a staged %s file (header has %zu "
                             "columns, expected %zu)", st->fname, line, d->name, n, want);
        return LSCB_OK;
    }
    c->read++;
    progress_tick(st->prog, c->read, 0);
    const char *const *crow = (const char *const *)row;
    if (n != want) {
        char m[96];
        snprintf(m, sizeof m, "row has %zu columns, expected %zu", n, want);
        put_reject(c, st->ent, st->fname, crow, n, "T09", "", m);
        return LSCB_OK;
    }
    struct rec_problem problem;
    if (!rec_problem_parse(row[n - 1], d, &problem))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: column %s: '%s' is not a problem the "
                         "extractor writes", st->fname, line, REC_PROBLEM_COLUMN, row[n - 1]);
    return judge(c, st->ent, st->fname, crow, n, &problem, e);
}

static void add_note(struct lscb_notes *notes, const struct transform_result *res)
{
    notes_add(notes, "lscb-transform: read %ld, wrote %ld, rejected %ld; %ld code%s "
              "missing or not in the code set left empty, records kept (each named by its "
              "DfE rule in validation.csv)", res->read,
              res->wrote, res->rejected, res->blanked, res->blanked == 1 ? "" : "s");
}

lscb_err transform_run(const struct transform_opts *opts, struct transform_result *res,
                       struct lscb_error *e)
{
    memset(res, 0, sizeof *res);
    lscb_err rc = mkdir_p(opts->outdir, e);
    if (rc)
        return rc;
    struct afile outs[ENT_COUNT], rej;
    memset(outs, 0, sizeof outs);
    memset(&rej, 0, sizeof rej);
    struct tcore *c = lscb_xmalloc(sizeof *c);
    core_init(c);
    c->put = put_file;
    c->put_ctx = outs;
    rc = afile_open(&rej, opts->rejects, e);
    if (rc == LSCB_OK)
        fputs(TRANSFORM_REJECTS_HEADER, rej.fp);
    for (int k = 0; k < ENT_COUNT; k++)
        c->rej[k] = rej.fp;
    struct progress prog;
    progress_start(&prog, "lscb-transform", 0);
    /* entity_defs is ordered parents first, so cascades see their parents */
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        const struct entity_def *d = &entity_defs[k];
        char name[64];
        snprintf(name, sizeof name, "%.59s.csv", d->name);   /* entity names are short */
        char *in = path_join(opts->indir, name);
        char *out = path_join(opts->outdir, name);
        struct stat sb;
        if (stat(in, &sb) != 0) {
            rc = lscb_fail(e, LSCB_EINPUT, "%s: missing staged file (run lscb-extract first)", in);
        } else {
            rc = afile_open(&outs[k], out, e);
        }
        if (rc == LSCB_OK) {
            entity_put_header(outs[k].fp, d, entity_nnorm(d));
            struct tstate st = {.core = c, .ent = (enum entity_id)k, .fname = in,
                                .prog = &prog};
            rc = csv_read_path(in, on_row, &st, e);
            if (rc == LSCB_OK && !st.header_done)
                rc = lscb_fail(e, LSCB_EINPUT, "%s:1: empty staged file (no header)", in);
        }
        free(in);
        free(out);
    }
    res->read = c->read;
    res->wrote = c->wrote;
    res->rejected = c->rejected;
    res->blanked = c->blanked;
    core_release(c);
    free(c);
    progress_done(&prog);
    /* census.csv travels with the records */
    if (rc == LSCB_OK) {
        char *in = path_join(opts->indir, "census.csv");
        char *out = path_join(opts->outdir, "census.csv");
        FILE *fi = fopen(in, "rb");
        struct afile af;
        memset(&af, 0, sizeof af);
        if (!fi)
            rc = lscb_fail(e, LSCB_EINPUT, "%s: cannot open: %s", in, strerror(errno));
        else
            rc = afile_open(&af, out, e);
        if (rc == LSCB_OK) {
            char buf[8192];
            size_t n;
            while ((n = fread(buf, 1, sizeof buf, fi)) > 0)
                fwrite(buf, 1, n, af.fp);
            if (ferror(fi))
                rc = lscb_fail(e, LSCB_ESYS, "%s: read error", in);
        }
        if (rc == LSCB_OK)
            rc = afile_commit(&af, e);
        afile_abort(&af);
        if (fi)
            fclose(fi);
        free(in);
        free(out);
    }
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++)
        rc = afile_commit(&outs[k], e);
    if (rc == LSCB_OK)
        rc = afile_commit(&rej, e);
    for (int k = 0; k < ENT_COUNT; k++)
        afile_abort(&outs[k]);
    afile_abort(&rej);
    if (rc == LSCB_OK && res->read != res->wrote + res->rejected)
        rc = lscb_fail(e, LSCB_ESYS, "reconciliation failed: read %ld, wrote %ld, rejected %ld",
                       res->read, res->wrote, res->rejected);
    if (rc == LSCB_OK && !opts->quiet)
        add_note(opts->notes, res);
    if (rc == LSCB_OK && opts->validation) {
        char *counts = path_join(opts->outdir, "validation_counts.csv");
        struct validate_opts vo = {.indir = opts->indir, .out = opts->validation,
                                   .counts = counts, .quiet = opts->quiet,
                                   .period_end = opts->period_end, .notes = opts->notes};
        struct validate_result vr;
        rc = validate_run(&vo, &vr, e);
        free(counts);
        res->validation_errors = vr.errors;
        res->validation_queries = vr.queries;
    }
    return rc;
}

/* ---- the stream ---- */

/* A record held until its child's are all in. */
struct held {
    enum entity_id ent;
    size_t off;                 /* its values, NUL-separated, in the arena */
    struct rec_problem problem;
};

/* Records held at most before they are judged without their Child record
 * (a CSV extract of one module has none). */
#define HOLD_MAX 65536

struct transform_stream {
    struct tcore core;
    struct afile rej;               /* rejects.csv */
    struct afile parts[ENT_COUNT];  /* each entity's rejects, joined in entity order */
    struct held *held;
    size_t nheld, capheld;
    char *arena;
    size_t used, cap;
    transform_norm_fn out;
    void *ctx;
    struct lscb_notes *notes;
    bool quiet;
};

static lscb_err put_stream(void *ctx, enum entity_id ent, const char *const *row, size_t n,
                           struct lscb_error *e)
{
    struct transform_stream *ts = ctx;
    return ts->out(ts->ctx, ent, row, n, e);
}

lscb_err transform_stream_open(const char *rejects, bool quiet, struct lscb_notes *notes,
                               transform_norm_fn out, void *ctx, struct transform_stream **tsp,
                               struct lscb_error *e)
{
    struct transform_stream *ts = lscb_xcalloc(1, sizeof *ts);
    core_init(&ts->core);
    ts->core.stream = true;
    ts->core.put = put_stream;
    ts->core.put_ctx = ts;
    ts->out = out;
    ts->ctx = ctx;
    ts->notes = notes;
    ts->quiet = quiet;
    lscb_err rc = afile_open(&ts->rej, rejects, e);
    if (rc == LSCB_OK)
        fputs(TRANSFORM_REJECTS_HEADER, ts->rej.fp);
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++) {
        size_t n = strlen(rejects) + strlen(".part-") + strlen(entity_defs[k].name) + 1;
        char *p = lscb_xmalloc(n);
        if (text_fmt(p, n, "%s.part-%s", rejects, entity_defs[k].name))
            rc = lscb_fail(e, LSCB_ESYS, "%s: name too long", rejects);   /* never: sized */
        else
            rc = afile_open(&ts->parts[k], p, e);
        free(p);
        ts->core.rej[k] = ts->parts[k].fp;
    }
    *tsp = ts;
    return rc;
}

/* Judges the held records, parents' entities first (each entity's in the
 * order they came), as the files would have had them. */
static lscb_err stream_flush(struct transform_stream *ts, struct lscb_error *e)
{
    lscb_err rc = LSCB_OK;
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++)
        for (size_t i = 0; i < ts->nheld && rc == LSCB_OK; i++) {
            struct held *h = &ts->held[i];
            if ((int)h->ent != k)
                continue;
            const struct entity_def *d = &entity_defs[k];
            const char *row[REC_NCTX + ENTITY_MAX_FIELDS];
            const char *p = ts->arena + h->off;
            for (size_t j = 0; j < REC_NCTX + d->nfields; j++) {
                row[j] = p;
                p += strlen(p) + 1;
            }
            ts->core.read++;
            rc = judge(&ts->core, h->ent, row[REC_SOURCE_FILE], row, REC_NCTX + d->nfields + 1,
                       &h->problem, e);
        }
    ts->nheld = 0;
    ts->used = 0;
    return rc;
}

lscb_err transform_stream_record(void *ctx, enum entity_id ent, const char *const *row,
                                 const struct rec_problem *problem, struct lscb_error *e)
{
    struct transform_stream *ts = ctx;
    const struct entity_def *d = &entity_defs[ent];
    size_t need = 0;
    for (size_t j = 0; j < REC_NCTX + d->nfields; j++)
        need += strlen(row[j]) + 1;
    if (ts->used + need > ts->cap) {
        ts->cap = (ts->used + need) * 2 + 4096;
        ts->arena = lscb_xrealloc(ts->arena, ts->cap);
    }
    if (ts->nheld == ts->capheld) {
        ts->capheld = ts->capheld ? ts->capheld * 2 : 256;
        ts->held = lscb_xrealloc(ts->held, ts->capheld * sizeof *ts->held);
    }
    ts->held[ts->nheld++] = (struct held){.ent = ent, .off = ts->used, .problem = *problem};
    for (size_t j = 0; j < REC_NCTX + d->nfields; j++) {
        size_t n = strlen(row[j]) + 1;
        memcpy(ts->arena + ts->used, row[j], n);
        ts->used += n;
    }
    /* a census XML child's record comes at its end tag, after its own */
    if (ent == ENT_CHILD || ts->nheld >= HOLD_MAX)
        return stream_flush(ts, e);
    return LSCB_OK;
}

lscb_err transform_stream_end_input(struct transform_stream *ts, struct lscb_error *e)
{
    return stream_flush(ts, e);
}

void transform_stream_forget(struct transform_stream *ts, const char *la, const char *year)
{
    struct tcore *c = &ts->core;
    for (size_t i = 0; i < c->nparts; i++)
        if (!strcmp(c->parts[i]->la, la) && !strcmp(c->parts[i]->year, year)) {
            if (c->last == c->parts[i])
                c->last = NULL;
            part_free(c->parts[i]);
            c->parts[i] = c->parts[--c->nparts];
            return;
        }
}

/* Appends the temporary file behind part to fp. */
static lscb_err append_part(struct afile *part, FILE *fp, struct lscb_error *e)
{
    if (fflush(part->fp) != 0 || fseek(part->fp, 0, SEEK_SET) != 0)
        return lscb_fail(e, LSCB_ESYS, "%s: %s", part->tmp, strerror(errno));
    (void)fp;
    FILE *in = fopen(part->tmp, "rb");
    if (!in)
        return lscb_fail(e, LSCB_ESYS, "%s: cannot open: %s", part->tmp, strerror(errno));
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, fp) != n)
            break;
    bool bad = ferror(in) || ferror(fp);
    fclose(in);
    return bad ? lscb_fail(e, LSCB_ESYS, "%s: cannot copy the rejects: %s", part->tmp,
                           strerror(errno))
               : LSCB_OK;
}

lscb_err transform_stream_finish(struct transform_stream *ts, struct transform_result *res,
                                 bool *exact, struct lscb_error *e)
{
    memset(res, 0, sizeof *res);
    lscb_err rc = stream_flush(ts, e);
    for (int k = 0; k < ENT_COUNT && rc == LSCB_OK; k++)
        rc = append_part(&ts->parts[k], ts->rej.fp, e);
    if (rc == LSCB_OK)
        rc = afile_commit(&ts->rej, e);
    res->read = ts->core.read;
    res->wrote = ts->core.wrote;
    res->rejected = ts->core.rejected;
    res->blanked = ts->core.blanked;
    *exact = !ts->core.inexact;
    if (rc == LSCB_OK && res->read != res->wrote + res->rejected)
        rc = lscb_fail(e, LSCB_ESYS, "reconciliation failed: read %ld, wrote %ld, rejected %ld",
                       res->read, res->wrote, res->rejected);
    if (rc == LSCB_OK && !ts->quiet && *exact)
        add_note(ts->notes, res);
    return rc;
}

void transform_stream_free(struct transform_stream *ts)
{
    if (!ts)
        return;
    afile_abort(&ts->rej);
    for (int k = 0; k < ENT_COUNT; k++)
        afile_abort(&ts->parts[k]);
    core_release(&ts->core);
    free(ts->held);
    free(ts->arena);
    free(ts);
}
