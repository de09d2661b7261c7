/* fuzz_cin_xml.c — libFuzzer target: the census XML reader on any bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cin_xml.h"

struct mem {
    const uint8_t *p;
    size_t n, off;
};

static long rd(void *ctx, char *buf, size_t cap)
{
    struct mem *m = ctx;
    size_t k = m->n - m->off < cap ? m->n - m->off : cap;
    memcpy(buf, m->p + m->off, k);
    m->off += k;
    return (long)k;
}

static lscb_err sink(void *ctx, enum entity_id ent, const char *const *row,
                     struct lscb_error *e)
{
    (void)ctx;
    (void)e;
    /* touch every field: a bad pointer shows under ASan */
    size_t total = 0;
    for (size_t i = 0; i < REC_NCTX + entity_defs[ent].nfields; i++)
        total += strlen(row[i]);
    return total > (size_t)-2 ? LSCB_ESYS : LSCB_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mem m = {data, size, 0};
    struct cin_xml_opts o = {"205", 2024, ENT_COUNT};
    struct cin_xml_info info;
    struct lscb_error e = {0};
    cin_xml_read(rd, &m, "fuzz.xml", &o, sink, NULL, &info, &e);
    return 0;
}
