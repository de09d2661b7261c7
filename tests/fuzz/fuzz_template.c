/* fuzz_template.c — libFuzzer target: the template parser (libinih) and the
 * authority configuration parser on any bytes; a template that loads must
 * give sheets the report can add (report_check_sheets). */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "common/config.h"
#include "output/report.h"
#include "common/template.h"

static struct report_template t;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/lscb-fuzz-tpl-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    struct lscb_error e = {0};
    if (template_load(path, &t, &e) == LSCB_OK) {
        /* driven through the report: every sheet of a template that loads
         * can be added to the workbook (a reserved or duplicate name that
         * the loader let through made the report crash) */
        if (report_check_sheets(&t, &e) != LSCB_OK) {
            fprintf(stderr, "template loaded but the report refuses it: %s\n", e.msg);
            abort();
        }
        struct tpl_col cols[TPL_MAX_COLS];
        char msg[200];
        for (int i = 0; i < t.ntables; i++) {
            tpl_columns(&t, &t.tables[i], cols, msg, sizeof msg);
            struct tpl_row rows[TPL_MAX_ROWS];
            tpl_period_rows(&t.tables[i], 2024, rows);
        }
    }
    struct lscb_config c;
    config_defaults(&c);
    config_load(path, &c, &e);
    unlink(path);
    return 0;
}
