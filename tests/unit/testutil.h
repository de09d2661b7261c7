/* testutil.h — helpers shared by the cmocka tests. */
#ifndef LSCB_TESTUTIL_H
#define LSCB_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "csvio.h"

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
