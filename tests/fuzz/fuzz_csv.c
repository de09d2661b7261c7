/* fuzz_csv.c — libFuzzer target: the CSV reader (libcsv, BOM, stray
 * quotes, line numbers) and the census CSV module reader on any bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "extract/census_csv.h"
#include "common/csvio.h"
#include "fuzz_mem.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mem m = {data, size, 0, 7}; /* small reads: every buffer boundary */
    struct lscb_error e = {0};
    csv_read(fuzz_mem_read, &m, "fuzz.csv", row, NULL, &e);
    /* the census module reader, as the header would choose */
    char first[256];
    size_t k = 0;
    while (k < size && k < sizeof first - 1 && data[k] != '\n')
        first[k] = (char)data[k], k++;
    first[k] = '\0';
    struct cin_xml_opts o = {"205", 2024, census_csv_sniff(first)};
    if (o.csv_entity != ENT_COUNT) {
        struct mem m2 = {data, size, 0, 7};
        struct cin_xml_info info;
        census_csv_read(fuzz_mem_read, &m2, "fuzz.csv", &o, fuzz_touch_record, NULL, &info, &e);
    }
    return 0;
}
