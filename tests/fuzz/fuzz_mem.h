/* fuzz_mem.h — shared by the libFuzzer targets: a reader over the
 * fuzzer's bytes (in chunks of at most `chunk`, to hit every buffer
 * boundary) and a record sink that touches every field so that a bad
 * pointer shows under ASan. */
#ifndef LSCB_FUZZ_MEM_H
#define LSCB_FUZZ_MEM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/lscb.h"
#include "common/record_sink.h"
#include "common/records.h"

struct mem {
    const uint8_t *p;
    size_t n, off;
    size_t chunk; /* 0: as much as the caller asks */
};

static inline long fuzz_mem_read(void *ctx, char *buf, size_t cap)
{
    struct mem *m = ctx;
    size_t k = m->n - m->off < cap ? m->n - m->off : cap;
    if (m->chunk && k > m->chunk)
        k = m->chunk;
    memcpy(buf, m->p + m->off, k);
    m->off += k;
    return (long)k;
}

static inline lscb_err fuzz_touch_record(void *ctx, enum entity_id ent,
                                         const char *const *row,
                                         const struct rec_problem *problem,
                                         struct lscb_error *e)
{
    (void)ctx;
    (void)e;
    /* the problem names a field of the entity, or none */
    if (problem->kind != REC_FINE && problem->kind != REC_BAD_ROW &&
        (problem->field < 0 || (size_t)problem->field >= entity_defs[ent].nfields))
        return LSCB_ESYS;
    size_t total = 0;
    for (size_t i = 0; i < REC_NCTX + entity_defs[ent].nfields; i++)
        total += strlen(row[i]);
    return total > (size_t)-2 ? LSCB_ESYS : LSCB_OK;
}

#endif
