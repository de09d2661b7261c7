/* onepass.c — see onepass.h. */
#define _POSIX_C_SOURCE 200809L
#include "run/onepass.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/records.h"
#include "common/text.h"
#include "common/timing.h"
#include "extract/extract.h"
#include "load/load.h"
#include "transform/transform.h"
#include "transform/validate.h"
#include "transform/vstream.h"

/* A batch of messages: each a header, then n NUL-terminated strings.  Big
 * enough that the threads meet rarely, few enough that the queue stays
 * small (QUEUE_DEPTH batches waiting, at most). */
#define BATCH_BYTES (256 * 1024)
#define QUEUE_DEPTH 8

enum msg_type {
    MSG_RECORD,   /* a normalised record, for the load */
    MSG_RAW,      /* a record as read, for the validation: a struct rec_problem, then values */
    MSG_RETURN,   /* a return read: file, LA, year, records, reference date, header year */
};

struct msg_hdr {
    uint8_t type;    /* enum msg_type */
    uint8_t code;    /* MSG_RECORD: the entity; MSG_RETURN: the return kind */
    uint16_t n;      /* strings */
    uint32_t len;    /* bytes of strings */
};

struct batch {
    char *buf;
    size_t used;
};

struct queue {
    pthread_mutex_t mu;
    pthread_cond_t can_put, can_get;
    struct batch *slot[QUEUE_DEPTH];
    int head, count;
    struct batch *pool[QUEUE_DEPTH + 2];   /* emptied batches, for reuse */
    int npool;
    bool done;        /* the producer has put its last batch */
    bool stop;        /* the producer failed: the loader stops */
    bool failed;      /* the loader failed: err says why */
    struct lscb_error err;
};

struct onepass {
    const struct onepass_opts *o;
    struct onepass_result *r;
    struct load_stream *ls;
    struct transform_stream *ts;
    struct vstream *vs;          /* the validation, or NULL */
    struct queue q;
    struct batch *cur;   /* being filled (threads only) */
    struct extract_peek *peek;   /* each input's, from its start */
    double loader_cpu;           /* the loader thread's CPU time, at its end (timing.h) */
};

static struct batch *batch_get(struct queue *q)
{
    struct batch *b = NULL;
    pthread_mutex_lock(&q->mu);
    if (q->npool > 0)
        b = q->pool[--q->npool];
    pthread_mutex_unlock(&q->mu);
    if (!b) {
        b = lscb_xmalloc(sizeof *b);
        b->buf = lscb_xmalloc(BATCH_BYTES);
    }
    b->used = 0;
    return b;
}

static void batch_free(struct batch *b)
{
    if (b) {
        free(b->buf);
        free(b);
    }
}

/* Hands a full batch to the loader, waiting while the queue is full; the
 * loader's failure when it has failed. */
static lscb_err queue_put(struct queue *q, struct batch *b, struct lscb_error *e)
{
    pthread_mutex_lock(&q->mu);
    while (q->count == QUEUE_DEPTH && !q->failed)
        pthread_cond_wait(&q->can_put, &q->mu);
    lscb_err rc = LSCB_OK;
    if (q->failed) {
        *e = q->err;
        rc = q->err.code ? q->err.code : LSCB_ESYS;
        batch_free(b);
    } else {
        q->slot[(q->head + q->count) % QUEUE_DEPTH] = b;
        q->count++;
        pthread_cond_signal(&q->can_get);
    }
    pthread_mutex_unlock(&q->mu);
    return rc;
}

/* The next batch for the loader; NULL when there is none to come. */
static struct batch *queue_get(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    while (q->count == 0 && !q->done && !q->stop)
        pthread_cond_wait(&q->can_get, &q->mu);
    struct batch *b = NULL;
    if (!q->stop && q->count > 0) {
        b = q->slot[q->head];
        q->head = (q->head + 1) % QUEUE_DEPTH;
        q->count--;
        pthread_cond_signal(&q->can_put);
    }
    pthread_mutex_unlock(&q->mu);
    return b;
}

static void queue_recycle(struct queue *q, struct batch *b)
{
    pthread_mutex_lock(&q->mu);
    if (q->npool < (int)(sizeof q->pool / sizeof *q->pool)) {
        q->pool[q->npool++] = b;
        b = NULL;
    }
    pthread_mutex_unlock(&q->mu);
    batch_free(b);
}

/* One message to the loader: in turn, or into the batch being filled. */

static lscb_err apply(struct onepass *p, enum msg_type type, int code,
                      const struct rec_problem *pr, const char *const *s, size_t n,
                      struct lscb_error *e)
{
    if (type == MSG_RECORD)
        return load_stream_record(p->ls, (enum entity_id)code, s, n, e);
    if (type == MSG_RAW) {
        /* a row the extractor found malformed is the transform's (T09) */
        lscb_err rc = pr->kind == REC_BAD_ROW ? LSCB_OK
                      : vstream_record(p->vs, (enum entity_id)code, s, pr, e);
        /* a census XML child's record is its last */
        if (rc == LSCB_OK && code == ENT_CHILD)
            rc = vstream_end_child(p->vs, e);
        return rc;
    }
    int year;
    long records;
    if (n != 6 || !text_int_range(s[2], 0, 2100, &year) || !text_long(s[3], &records))
        return lscb_fail(e, LSCB_ESYS, "one pass: a malformed return message");
    lscb_err rc = load_stream_return(p->ls, s[0], s[1], year, records, (enum return_kind)code, e);
    if (rc == LSCB_OK && p->vs)
        rc = vstream_census(p->vs, s[0], s[1], s[2], s[4],
                            return_kind_name((enum return_kind)code), s[5], e);
    /* the tests' kill half-way through a load */
    lscb_crash_point("load-year");
    return rc;
}

/* One message to the loader: in turn, or into the batch being filled. */
static lscb_err deliver(struct onepass *p, enum msg_type type, int code,
                        const struct rec_problem *pr, const char *const *s, size_t n,
                        struct lscb_error *e)
{
    if (!p->o->threads)
        return apply(p, type, code, pr, s, n, e);
    /* each value's length once: for the size, then the copy */
    size_t lens[UINT8_MAX + 1];
    if (n > UINT8_MAX)
        return lscb_fail(e, LSCB_EINPUT, "%s: a record of %zu values, more than the one pass "
                         "carries", n ? s[0] : "?", n);
    size_t len = type == MSG_RAW ? sizeof *pr : 0;
    for (size_t i = 0; i < n; i++) {
        lens[i] = strlen(s[i]) + 1;
        len += lens[i];
    }
    struct msg_hdr h = {.type = (uint8_t)type, .code = (uint8_t)code, .n = (uint16_t)n,
                        .len = (uint32_t)len};
    if (sizeof h + len > BATCH_BYTES)
        return lscb_fail(e, LSCB_EINPUT, "%s: a record of %zu bytes, more than the one pass "
                         "carries", n ? s[0] : "?", len);
    if (p->cur->used + sizeof h + len > BATCH_BYTES) {
        lscb_err rc = queue_put(&p->q, p->cur, e);
        p->cur = NULL;
        if (rc)
            return rc;
        p->cur = batch_get(&p->q);
    }
    char *w = p->cur->buf + p->cur->used;
    memcpy(w, &h, sizeof h);
    w += sizeof h;
    if (type == MSG_RAW) {
        memcpy(w, pr, sizeof *pr);
        w += sizeof *pr;
    }
    for (size_t i = 0; i < n; i++) {
        memcpy(w, s[i], lens[i]);
        w += lens[i];
    }
    p->cur->used += sizeof h + len;
    return LSCB_OK;
}

/* The loader thread: every batch's messages in order. */
static void *loader_main(void *arg)
{
    struct onepass *p = arg;
    struct lscb_error e = {0};
    lscb_err rc = LSCB_OK;
    struct batch *b;
    while (rc == LSCB_OK && (b = queue_get(&p->q)) != NULL) {
        size_t off = 0;
        while (rc == LSCB_OK && off < b->used) {
            struct msg_hdr h;
            memcpy(&h, b->buf + off, sizeof h);
            off += sizeof h;
            const char *s[UINT8_MAX + 1];
            const char *c = b->buf + off;
            struct rec_problem pr = {.kind = REC_FINE, .field = -1};
            if (h.type == MSG_RAW) {
                memcpy(&pr, c, sizeof pr);
                c += sizeof pr;
            }
            if (h.n > UINT8_MAX) {
                rc = lscb_fail(&e, LSCB_ESYS, "one pass: a message of %u values", h.n);
                break;
            }
            for (unsigned i = 0; i < h.n; i++) {
                s[i] = c;
                c += strlen(c) + 1;
            }
            off += h.len;
            rc = apply(p, (enum msg_type)h.type, h.code, &pr, s, h.n, &e);
        }
        queue_recycle(&p->q, b);
    }
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
        p->loader_cpu = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
    if (rc != LSCB_OK) {
        pthread_mutex_lock(&p->q.mu);
        p->q.failed = true;
        p->q.err = e;
        p->q.err.code = rc;
        pthread_cond_broadcast(&p->q.can_put);
        pthread_mutex_unlock(&p->q.mu);
    }
    return NULL;
}

/* The transform's written records, on to the loader. */
static lscb_err on_norm(void *ctx, enum entity_id ent, const char *const *row, size_t n,
                        struct lscb_error *e)
{
    return deliver(ctx, MSG_RECORD, (int)ent, NULL, row, n, e);
}

/* An input read: its held records judged, then the return to the loader. */
static lscb_err on_return(void *ctx, const struct extract_return *x, struct lscb_error *e)
{
    struct onepass *p = ctx;
    lscb_err rc = transform_stream_end_input(p->ts, e);
    if (rc)
        return rc;
    if (x->kind == KIND_CENSUS && x->year > p->r->newest_census)
        p->r->newest_census = x->year;
    if (x->year > p->r->newest_any)
        p->r->newest_any = x->year;
    char year[16], records[24];
    snprintf(year, sizeof year, "%d", x->year);
    /* a census return that no later input can hold: its keys are dropped
     * (memory holds one year's, not every year's) */
    bool later = x->kind != KIND_CENSUS;
    for (int j = x->input + 1; j < p->o->ninputs && !later; j++)
        later = p->peek[j].what == PEEK_UNKNOWN ||
                (p->peek[j].what == PEEK_CENSUS && p->peek[j].year == x->year &&
                 !strcmp(p->peek[j].la, x->la));
    if (!later)
        transform_stream_forget(p->ts, x->la, year);
    snprintf(records, sizeof records, "%ld", x->records);
    const char *s[] = {x->path, x->la, year, records, x->reference_date, x->header_year};
    return deliver(p, MSG_RETURN, (int)x->kind, NULL, s, 6, e);
}

/* A record as read: to the validation (on the loader's thread), then to
 * the transform. */
static lscb_err on_raw(void *ctx, enum entity_id ent, const char *const *row,
                       const struct rec_problem *problem, struct lscb_error *e)
{
    struct onepass *p = ctx;
    if (p->vs && entity_defs[ent].kind == KIND_CENSUS) {
        lscb_err rc = deliver(p, MSG_RAW, (int)ent, problem, row,
                              REC_NCTX + entity_defs[ent].nfields, e);
        if (rc)
            return rc;
    }
    return transform_stream_record(p->ts, ent, row, problem, e);
}

/* A replay's record: the validation's only. */
static lscb_err on_replay(void *ctx, enum entity_id ent, const char *const *row,
                          const struct rec_problem *problem, struct lscb_error *e)
{
    struct onepass *p = ctx;
    if (problem->kind == REC_BAD_ROW || entity_defs[ent].kind != KIND_CENSUS)
        return LSCB_OK;
    return vstream_record(p->vs, ent, row, problem, e);
}

/* The validation's end: a replay when a child's records came apart
 * (vstream.h), then validation.csv and the counts. */
static lscb_err validation_finish(struct onepass *p, struct lscb_error *e)
{
    const struct onepass_opts *o = p->o;
    bool replay = false;
    lscb_err rc = vstream_end_input(p->vs, &replay, e);
    if (rc == LSCB_OK && replay) {
        struct extract_opts xo = {.inputs = o->inputs, .ninputs = o->ninputs, .la = o->la,
                                  .quiet = true, .tee = on_replay, .tee_ctx = p};
        struct extract_result xr;
        rc = extract_run(&xo, &xr, e);
        if (rc == LSCB_OK)
            rc = vstream_end_input(p->vs, &replay, e);
    }
    struct validate_result vr;
    lscb_crash_point("validator");   /* the tests' kill before validation.csv is made */
    if (rc == LSCB_OK)
        rc = vstream_finish(p->vs, o->validation, o->counts, &vr, e);
    if (rc == LSCB_OK && !o->quiet)
        notes_add(o->notes, "validation: %ld errors, %ld queries, %ld of %zu rules failed (%s)",
                  vr.errors, vr.queries, vr.rules_failed, vrules_count, o->validation);
    return rc;
}

lscb_err onepass_run(const struct onepass_opts *o, struct onepass_result *r,
                     struct lscb_error *e)
{
    memset(r, 0, sizeof *r);
    struct onepass *p = lscb_xcalloc(1, sizeof *p);
    p->o = o;
    p->r = r;
    struct load_opts lo = {.warehouse = o->warehouse, .key_file = o->key_file,
                           .create_key = true, .in_place = true, .quiet = o->quiet,
                           .notes = o->notes, .gather_keys = o->ninputs > 1};
    p->peek = lscb_xcalloc((size_t)(o->ninputs > 0 ? o->ninputs : 1), sizeof *p->peek);
    for (int i = 1; i < o->ninputs; i++)
        extract_peek(o->inputs[i], o->la, &p->peek[i]);
    lscb_err rc = load_stream_open(&lo, &p->ls, e);
    if (rc == LSCB_OK && o->validation) {
        struct vstream_opts vo = {.period_end = o->period_end};
        rc = vstream_open(&p->vs, &vo, e);
    }
    if (rc == LSCB_OK)
        rc = transform_stream_open(o->rejects, o->quiet, o->notes, on_norm, p, &p->ts, e);
    pthread_t loader;
    bool started = false;
    if (rc == LSCB_OK && o->threads) {
        pthread_mutex_init(&p->q.mu, NULL);
        pthread_cond_init(&p->q.can_put, NULL);
        pthread_cond_init(&p->q.can_get, NULL);
        p->cur = batch_get(&p->q);
        if (pthread_create(&loader, NULL, loader_main, p) != 0)
            rc = lscb_fail(e, LSCB_ESYS, "cannot start the loading thread");
        else
            started = true;
    }
    if (rc == LSCB_OK) {
        struct extract_opts xo = {.outdir = o->staged, .inputs = o->inputs,
                                  .ninputs = o->ninputs, .la = o->la, .quiet = o->quiet,
                                  .notes = o->notes, .tee = on_raw, .tee_ctx = p,
                                  .on_return = on_return, .return_ctx = p};
        struct extract_result xr;
        rc = extract_run(&xo, &xr, e);
        timing_mark(o->notes, "one pass: inputs read");
    }
    struct transform_result tr = {0};
    if (rc == LSCB_OK)
        rc = transform_stream_finish(p->ts, &tr, &r->exact, e);
    r->read = tr.read;
    r->rejected = tr.rejected;
    if (started) {
        /* the last batch, or a stop when this side failed (an outcome
         * that is not exact still goes through: the validation reads it) */
        bool go_on = rc == LSCB_OK && (r->exact || p->vs);
        if (go_on) {
            rc = queue_put(&p->q, p->cur, e);
            p->cur = NULL;
        }
        pthread_mutex_lock(&p->q.mu);
        p->q.done = true;
        p->q.stop = !go_on || rc != LSCB_OK;
        pthread_cond_broadcast(&p->q.can_get);
        pthread_mutex_unlock(&p->q.mu);
        pthread_join(loader, NULL);
        timing_mark(o->notes, "one pass: loader thread joined");
        if (getenv("LSCB_TIMING"))
            notes_add(o->notes, "timing: the loader thread's CPU %.2f s", p->loader_cpu);
        if (rc == LSCB_OK && p->q.failed) {
            *e = p->q.err;
            rc = p->q.err.code;
        }
        batch_free(p->cur);
        for (int i = 0; i < p->q.count; i++)
            batch_free(p->q.slot[(p->q.head + i) % QUEUE_DEPTH]);
        for (int i = 0; i < p->q.npool; i++)
            batch_free(p->q.pool[i]);
        pthread_mutex_destroy(&p->q.mu);
        pthread_cond_destroy(&p->q.can_put);
        pthread_cond_destroy(&p->q.can_get);
    }
    if (rc == LSCB_OK && p->vs)
        rc = validation_finish(p, e);
    timing_mark(o->notes, "one pass: validation.csv written");
    /* the transform's and the validation's keys go before the merge
     * needs its own (peak memory) */
    transform_stream_free(p->ts);
    p->ts = NULL;
    vstream_free(p->vs);
    p->vs = NULL;
    if (rc == LSCB_OK && r->exact) {
        struct load_result lr;
        rc = load_stream_finish(p->ls, &lr, e);
        r->loaded = lr.wrote;
        if (rc == LSCB_OK && !o->quiet)
            notes_add(o->notes, "lscb-load: read %ld, wrote %ld, rejected 0 (%d census year%s)",
                      lr.read, lr.wrote, lr.years, lr.years == 1 ? "" : "s");
    }
    transform_stream_free(p->ts);
    load_stream_free(p->ls);
    vstream_free(p->vs);
    free(p->peek);
    free(p);
    return rc;
}
