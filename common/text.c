/* text.c — see text.h. */
#define _POSIX_C_SOURCE 200809L
#include "common/text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/lscb.h"

/* strtol and strtod skip leading space; the whole string must be the number */
static bool starts_ok(const char *s)
{
    return s && *s && !isspace((unsigned char)*s);
}

char *text_from_long(char out[TEXT_LONG_CAP], long v)
{
    char tmp[TEXT_LONG_CAP];
    size_t n = 0;
    /* the magnitude as unsigned: -LONG_MIN does not fit a long */
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    size_t k = 0;
    if (v < 0)
        out[k++] = '-';
    while (n)
        out[k++] = tmp[--n];
    out[k] = '\0';
    return out;
}

bool text_long(const char *s, long *out)
{
    if (!starts_ok(s))
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno == ERANGE || end == s || *end != '\0')
        return false;
    *out = v;
    return true;
}

bool text_int_range(const char *s, long lo, long hi, int *out)
{
    long v;
    if (!text_long(s, &v) || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

bool text_double(const char *s, double *out)
{
    if (!starts_ok(s) || strpbrk(s, "xXnNiI"))   /* hex, nan, inf */
        return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno == ERANGE || end == s || *end != '\0' || !isfinite(v))
        return false;
    *out = v;
    return true;
}

static int vfmt(char *buf, size_t cap, const char *fmt, va_list ap)
{
    if (cap == 0)
        return -1;
    int n = vsnprintf(buf, cap, fmt, ap);
    if (n < 0) {
        buf[0] = '\0';
        return -1;
    }
    return (size_t)n < cap ? 0 : -1;
}

int text_fmt(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vfmt(buf, cap, fmt, ap);
    va_end(ap);
    return rc;
}

void text_fmt_cut(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vfmt(buf, cap, fmt, ap);
    va_end(ap);
    if (rc && cap >= 4) {
        size_t k = strlen(buf);
        if (k + 4 > cap)
            k = cap - 4;
        memcpy(buf + k, "...", 4);
    }
}

char *text_xfmt(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        len = 0; /* an encoding error: the empty string, as text_fmt gives */
    char *s = lscb_xmalloc((size_t)len + 1);
    va_start(ap, fmt);
    int again = vsnprintf(s, (size_t)len + 1, fmt, ap);
    va_end(ap);
    if (again != len)
        s[0] = '\0';
    return s;
}

void text_number(char *buf, size_t cap, double v, int dp)
{
    if (text_fmt(buf, cap, "%.*f", dp, v) && text_fmt(buf, cap, "%.17g", v) && cap)
        buf[0] = '\0';
}

void text_xappend(char **s, const char *fmt, ...)
{
    size_t had = *s ? strlen(*s) : 0;
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        len = 0; /* an encoding error: nothing appended, as text_xfmt gives "" */
    char *out = lscb_xrealloc(*s, had + (size_t)len + 1);
    out[had] = '\0';
    va_start(ap, fmt);
    if (len)
        vsnprintf(out + had, (size_t)len + 1, fmt, ap);
    va_end(ap);
    *s = out;
}

int text_append(char *buf, size_t cap, const char *fmt, ...)
{
    size_t k = strnlen(buf, cap);
    if (k >= cap)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    int rc = vfmt(buf + k, cap - k, fmt, ap);
    va_end(ap);
    return rc;
}

void text_utf8_clean(char *s)
{
    unsigned char *p = (unsigned char *)s;
    while (*p) {
        size_t len = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3
                                   : (*p & 0xF8) == 0xF0 ? 4 : 0;
        bool ok = len > 0;
        for (size_t i = 1; ok && i < len; i++)
            ok = (p[i] & 0xC0) == 0x80;
        if (ok && len > 1) {
            /* shortest form, no surrogates, nothing past U+10FFFF */
            unsigned long c = p[0] & (0x7F >> len);
            for (size_t i = 1; i < len; i++)
                c = c << 6 | (p[i] & 0x3F);
            static const unsigned long min[5] = {0, 0, 0x80, 0x800, 0x10000};
            ok = c >= min[len] && c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF);
        }
        if (ok && len == 1 && *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
            ok = false;
        if (!ok) {
            *p++ = '?';
            continue;
        }
        p += len;
    }
}
