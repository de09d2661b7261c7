/* fuzz_csv.c — libFuzzer target: the CSV reader (libcsv, BOM, stray
 * quotes, line numbers) and the census CSV module reader on any bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "census_csv.h"
#include "csvio.h"

struct mem {
    const uint8_t *p;
    size_t n, off;
};

static long rd(void *ctx, char *buf, size_t cap)
{
    struct mem *m = ctx;
    size_t k = m->n - m->off < cap ? m->n - m->off : cap;
    if (k > 7)
        k = 7; /* small reads: every buffer boundary */
    memcpy(buf, m->p + m->off, k);
    m->off += k;
    return (long)k;
}

static lscb_err row(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)ctx;
    (void)line;
    (void)e;
    size_t t = 0;
    for (size_t i = 0; i < n; i++)
        t += strlen(f[i]);
    return t > (size_t)-2 ? LSCB_ESYS : LSCB_OK;
}

static lscb_err rec(void *ctx, enum entity_id ent, const char *const *r, struct lscb_error *e)
{
    (void)ctx;
    (void)e;
    size_t t = 0;
    for (size_t i = 0; i < REC_NCTX + entity_defs[ent].nfields; i++)
        t += strlen(r[i]);
    return t > (size_t)-2 ? LSCB_ESYS : LSCB_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mem m = {data, size, 0};
    struct lscb_error e = {0};
    csv_read(rd, &m, "fuzz.csv", row, NULL, &e);
    /* the census module reader, as the header would choose */
    char first[256];
    size_t k = 0;
    while (k < size && k < sizeof first - 1 && data[k] != '\n')
        first[k] = (char)data[k], k++;
    first[k] = '\0';
    struct cin_xml_opts o = {"205", 2024, census_csv_sniff(first)};
    if (o.csv_entity != ENT_COUNT) {
        struct mem m2 = {data, size, 0};
        struct cin_xml_info info;
        census_csv_read(rd, &m2, "fuzz.csv", &o, rec, NULL, &info, &e);
    }
    return 0;
}
