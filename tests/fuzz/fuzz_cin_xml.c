/* fuzz_cin_xml.c — libFuzzer target: the census XML reader on any bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "extract/cin_xml.h"
#include "fuzz_mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mem m = {data, size, 0, 0};
    struct cin_xml_opts o = {"205", 2024, ENT_COUNT};
    struct cin_xml_info info;
    struct lscb_error e = {0};
    cin_xml_read(fuzz_mem_read, &m, "fuzz.xml", &o, fuzz_touch_record, NULL, &info, &e);
    return 0;
}
