/* xlsx_check.c — see xlsx_check.h. */
#include "output/xlsx_check.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/text.h"

static struct {
    lxw_error err;       /* LXW_NO_ERROR: none yet */
    bool null;           /* a call returned NULL */
    const char *call, *file;
    int line;
    long count;
    long calls, fail_at;   /* LSCB_XLSX_FAIL_AT: the test's injected failure */
} first;

void xlsx_check_reset(void)
{
    first.err = LXW_NO_ERROR;
    first.null = false;
    first.call = first.file = NULL;
    first.line = 0;
    first.count = 0;
    first.calls = 0;
    /* for the tests, as LSCB_CRASH_AT: the Nth checked call of the
     * workbook fails as if libxlsxwriter had run out of memory */
    const char *at = getenv("LSCB_XLSX_FAIL_AT");
    if (!at || !text_long(at, &first.fail_at))
        first.fail_at = 0;
}

static void record(lxw_error err, bool null, const char *call, const char *file, int line)
{
    if (first.count++ == 0) {
        first.err = err;
        first.null = null;
        first.call = call;
        first.file = file;
        first.line = line;
    }
}

lxw_error xlsx_check_err(lxw_error err, const char *call, const char *file, int line)
{
    if (++first.calls == first.fail_at && err == LXW_NO_ERROR)
        err = LXW_ERROR_MEMORY_MALLOC_FAILED;
    if (err != LXW_NO_ERROR)
        record(err, false, call, file, line);
    return err;
}

void *xlsx_check_ptr(void *p, const char *call, const char *file, int line)
{
    if (!p)
        record(LXW_NO_ERROR, true, call, file, line);
    return p;
}

lscb_err xlsx_check_result(const char *out, struct lscb_error *e)
{
    if (first.count == 0)
        return LSCB_OK;
    return lscb_fail(e, LSCB_ESYS, "%s: cannot write workbook: %s failed (%s, %s:%d)%s%.0ld%s; "
                     "nothing was written", out, first.call,
                     first.null ? "no object returned" : lxw_strerror(first.err), first.file,
                     first.line, first.count > 1 ? ", and " : "",
                     first.count > 1 ? first.count - 1 : 0, first.count > 1 ? " more" : "");
}
