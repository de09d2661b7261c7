/* testutil.h — helpers shared by the cmocka tests. */
#ifndef LSCB_TESTUTIL_H
#define LSCB_TESTUTIL_H

#include <setjmp.h>
#include <stdio.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "common/csvio.h"
#include "common/workdays.h"
#include "common/text.h"

/* Copies s into the array dst whole, or fails the test: a fixture value
 * cut short would test something else. */
#define T_COPY(dst, s) assert_int_equal(text_fmt((dst), sizeof(dst), "%s", (s)), 0)

/* The bundled bank-holiday calendar, for tests that count working days:
 * use cal_setup / cal_teardown as the group's setup and teardown. */
static struct wd_calendar cal;

static inline int cal_setup(void **st)
{
    (void)st;
    struct lscb_error e = {0};
    if (wd_load_default(&cal, &e) != LSCB_OK) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    return 0;
}

static inline int cal_teardown(void **st)
{
    (void)st;
    wd_release(&cal);
    return 0;
}

/* A byte source over a memory buffer, handing out at most `chunk` bytes a
 * call (to exercise buffer boundaries). */
struct membuf {
    const char *p;
    size_t n, off, chunk;
};

static inline long membuf_read(void *ctx, char *buf, size_t cap)
{
    struct membuf *m = ctx;
    size_t k = m->n - m->off;
    if (k > cap)
        k = cap;
    if (m->chunk && k > m->chunk)
        k = m->chunk;
    memcpy(buf, m->p + m->off, k);
    m->off += k;
    return (long)k;
}

#endif
