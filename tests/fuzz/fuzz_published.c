/* fuzz_published.c — libFuzzer target: a published table through the
 * column map (EES layout), and the ONS population reader. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stats/population.h"
#include "stats/published.h"
#include "common/text.h"

static char dir[64];

static void put(const char *name, const void *data, size_t n)
{
    char *path = text_xfmt("%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    free(path);
    if (!fp)
        return;
    fwrite(data, 1, n, fp);
    fclose(fp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/lscb-fuzz-pub-XXXXXX");
        if (!mkdtemp(dir))
            return 0;
    }
    static const char map[] =
        "release,file,layout,year,column,measure,part\n"
        "R,t.csv,ees,-,CPP_subsequent_percent,cpp_second_or_subsequent_pct,value\n"
        "R,t.csv,ees,-,CPP_subsequent,cpp_second_or_subsequent_pct,numerator\n"
        "R,t.csv,ees,-,CPP_start,cpp_second_or_subsequent_pct,denominator\n";
    put("map.csv", map, sizeof map - 1);
    put("t.csv", data, size);
    struct pub_set *p = calloc(1, sizeof *p);
    struct lscb_error e = {0};
    if (p && pub_load(dir, p, &e) == LSCB_OK) {
        long counts[3];
        pub_check_rates(p, NULL, counts);
        pub_get(p, "205", 2024, "cpp_second_or_subsequent_pct");
        pub_release(p);
    }
    free(p);
    char *path = text_xfmt("%s/t.csv", dir);
    struct population pop;
    if (population_load(path, &pop, &e) == LSCB_OK)
        population_release(&pop);
    free(path);
    return 0;
}
