/*
 * csvio.c — atomic output files, CSV writing, and the libcsv-based reader.
 *
 * libcsv pitfalls handled here (STYLE.md): a stray quote makes libcsv buffer
 * the rest of the file as one field, so the size of its buffer is checked
 * after each chunk; a BOM would land in the first header, so it is removed
 * before parsing; unquoted fields would be trimmed of spaces, so the space
 * function is replaced by one that says no character is a space.
 */
#define _POSIX_C_SOURCE 200809L
#include "common/csvio.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = lscb_xmalloc(a + b + 2);
    memcpy(p, dir, a);
    size_t k = a;
    if (a && dir[a - 1] != '/')
        p[k++] = '/';
    memcpy(p + k, name, b + 1);
    return p;
}

lscb_err mkdir_p(const char *path, struct lscb_error *e)
{
    char *p = lscb_xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST) {
            lscb_fail(e, LSCB_ESYS, "%s: cannot create directory: %s", p, strerror(errno));
            free(p);
            return LSCB_ESYS;
        }
        *s = '/';
    }
    if (mkdir(p, 0700) != 0 && errno != EEXIST) {
        lscb_fail(e, LSCB_ESYS, "%s: cannot create directory: %s", p, strerror(errno));
        free(p);
        return LSCB_ESYS;
    }
    free(p);
    return LSCB_OK;
}

lscb_err afile_open(struct afile *af, const char *path, struct lscb_error *e)
{
    memset(af, 0, sizeof *af);
    size_t n = strlen(path) + 16;
    af->tmp = lscb_xmalloc(n);
    memcpy(af->tmp, path, n - 16);
    memcpy(af->tmp + n - 16, ".tmpXXXXXX", 11); /* sized for it above */
    int fd = mkstemp(af->tmp);
    if (fd < 0) {
        lscb_fail(e, LSCB_ESYS, "%s: cannot create: %s", path, strerror(errno));
        free(af->tmp);
        af->tmp = NULL;
        return LSCB_ESYS;
    }
    af->fp = fdopen(fd, "w");
    if (!af->fp) {
        lscb_fail(e, LSCB_ESYS, "%s: cannot open: %s", path, strerror(errno));
        close(fd);
        unlink(af->tmp);
        free(af->tmp);
        af->tmp = NULL;
        return LSCB_ESYS;
    }
    af->path = lscb_xstrdup(path);
    return LSCB_OK;
}

void afile_abort(struct afile *af)
{
    if (af->fp)
        fclose(af->fp);
    if (af->tmp)
        unlink(af->tmp);
    free(af->tmp);
    free(af->path);
    memset(af, 0, sizeof *af);
}

lscb_err afile_commit(struct afile *af, struct lscb_error *e)
{
    int err = 0;
    if (fflush(af->fp) != 0 || ferror(af->fp))
        err = errno ? errno : EIO;
    if (!err && fsync(fileno(af->fp)) != 0)
        err = errno;
    if (fclose(af->fp) != 0 && !err)
        err = errno ? errno : EIO;
    af->fp = NULL;
    if (!err && rename(af->tmp, af->path) != 0)
        err = errno;
    if (err) {
        lscb_fail(e, LSCB_ESYS, "%s: cannot write: %s", af->path, strerror(err));
        afile_abort(af);
        return LSCB_ESYS;
    }
    free(af->tmp);
    free(af->path);
    memset(af, 0, sizeof *af);
    return LSCB_OK;
}

/* csv_put with fp's lock held by the caller (flockfile): once a program
 * has a second thread, every putc takes the stream's lock otherwise. */
static void put_locked(FILE *fp, const char *s, bool first)
{
    if (!first)
        putc_unlocked(',', fp);
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, fp);
        return;
    }
    putc_unlocked('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            putc_unlocked('"', fp);
        putc_unlocked(*s, fp);
    }
    putc_unlocked('"', fp);
}

void csv_put(FILE *fp, const char *s, bool first)
{
    flockfile(fp);
    put_locked(fp, s, first);
    funlockfile(fp);
}

void csv_put_row(FILE *fp, const char *const *fields, size_t n)
{
    flockfile(fp);
    for (size_t i = 0; i < n; i++)
        put_locked(fp, fields[i], i == 0);
    putc_unlocked('\n', fp);
    funlockfile(fp);
}

bool csv_text_is_formula(const char *s)
{
    if (!s || !*s || !strchr("=+-@\t\r", s[0]))
        return false;
    if (s[0] == '+' || s[0] == '-') {
        /* a plain number (-3, +1.5, -2e-3) is a number, not a formula */
        char *end;
        errno = 0;
        double v = strtod(s, &end);
        (void)v;
        if (end != s && *end == '\0' && errno != ERANGE && !strpbrk(s, "xXpPnNiI"))
            return false;
    }
    return true;
}

/* A cell csv_put_text writes with a leading apostrophe: a formula, or text
 * that is apostrophes before one (so that csv_text_unescape gives back
 * exactly what was written, whatever it was). */
static bool needs_mark(const char *s)
{
    while (*s == '\'')
        s++;
    return csv_text_is_formula(s);
}

void csv_put_text(FILE *fp, const char *s, bool first)
{
    if (!s || !needs_mark(s)) {
        csv_put(fp, s, first);
        return;
    }
    /* OWASP: a leading apostrophe makes a spreadsheet show the cell as
     * text; quoted always, so a tab or CR cannot start the field */
    if (!first)
        putc(',', fp);
    fputs("\"'", fp);
    for (; *s; s++) {
        if (*s == '"')
            putc('"', fp);
        putc(*s, fp);
    }
    putc('"', fp);
}

void csv_put_text_row(FILE *fp, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        csv_put_text(fp, fields[i], i == 0);
    putc('\n', fp);
}

void csv_text_unescape(char *s)
{
    if (s && s[0] == '\'' && needs_mark(s + 1))
        memmove(s, s + 1, strlen(s));
}

/* ---- reader ---- */

#define CSV_MAX_FIELDS 1024
#define CSV_MAX_FIELD_BYTES (1 << 20)
/* a row of many long fields is held whole until its end: bounded too (a
 * census row is a few hundred bytes) */
#define CSV_MAX_ROW_BYTES (8 << 20)

struct rdstate {
    char *fields[CSV_MAX_FIELDS];
    size_t off[CSV_MAX_FIELDS];   /* each field's start in buf */
    char *buf;                    /* the row's fields, NUL-separated */
    size_t used, cap;
    size_t nf;
    bool too_many;
    long line;        /* current physical line (1-based) */
    long row_line;    /* line the current record started on */
    bool row_started;
    csv_row_fn fn;
    void *ctx;
    lscb_err rc;
    struct lscb_error *e;
    const char *name;
};

static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

static void on_field(void *s, size_t len, void *data)
{
    struct rdstate *st = data;
    if (st->rc != LSCB_OK)
        return;
    if (!st->row_started) {
        st->row_started = true;
    }
    if (st->nf >= CSV_MAX_FIELDS) {
        st->too_many = true;
        return;
    }
    if (st->used + len + 1 > CSV_MAX_ROW_BYTES) {
        st->rc = lscb_fail(st->e, LSCB_EINPUT, "%s:%ld: a row longer than %d bytes", st->name,
                           st->row_line, CSV_MAX_ROW_BYTES);
        return;
    }
    /* one buffer for the row, reused: no allocation per field */
    if (st->used + len + 1 > st->cap) {
        st->cap = (st->used + len + 1) * 2;
        st->buf = lscb_xrealloc(st->buf, st->cap);
    }
    if (len)
        memcpy(st->buf + st->used, s, len);
    st->buf[st->used + len] = '\0';
    st->off[st->nf++] = st->used;
    st->used += len + 1;
}

static void clear_fields(struct rdstate *st)
{
    st->nf = 0;
    st->used = 0;
    st->too_many = false;
    st->row_started = false;
}

static void on_row(int c, void *data)
{
    (void)c;
    struct rdstate *st = data;
    if (st->rc == LSCB_OK) {
        if (st->too_many)
            st->rc = lscb_fail(st->e, LSCB_EINPUT, "%s:%ld: more than %d fields in a row",
                               st->name, st->row_line, CSV_MAX_FIELDS);
        else {
            for (size_t i = 0; i < st->nf; i++)
                st->fields[i] = st->buf + st->off[i];
            st->rc = st->fn(st->ctx, st->fields, st->nf, st->row_line, st->e);
        }
    }
    clear_fields(st);
}

/* Feeds bytes to libcsv one line-ending at a time so the record's starting
 * line is known: row_line is set when a record begins. */
static int feed(struct csv_parser *p, struct rdstate *st, const char *buf, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (!st->row_started && p->pstate == 0) /* ROW_NOT_BEGUN */
            st->row_line = st->line;
        const char *nl = memchr(buf + i, '\n', n - i);
        size_t k = nl ? (size_t)(nl - (buf + i)) + 1 : n - i;
        if (csv_parse(p, buf + i, k, on_field, on_row, st) != k)
            return -1;
        if (nl)
            st->line++;
        i += k;
        if (st->rc != LSCB_OK)
            return 0;
    }
    return 0;
}

lscb_err csv_read(lscb_read_fn rd, void *rctx, const char *name, csv_row_fn fn,
                  void *ctx, struct lscb_error *e)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return lscb_fail(e, LSCB_ESYS, "%s: cannot initialise CSV parser", name);
    /* libcsv trims spaces and tabs around unquoted fields by default: keep
     * them, so " 2022-01-01" is reported rather than silently mended. */
    csv_set_space_func(&p, no_space);
    struct rdstate st = {.line = 1, .row_line = 1, .fn = fn, .ctx = ctx,
                         .rc = LSCB_OK, .e = e, .name = name};
    char buf[65536];
    bool first = true;
    lscb_err rc = LSCB_OK;
    for (;;) {
        long n = rd(rctx, buf, sizeof buf);
        /* the first three bytes decide the BOM: gather them even from a
         * source that hands out one byte at a time */
        while (first && n > 0 && n < 3) {
            long m = rd(rctx, buf + n, sizeof buf - (size_t)n);
            if (m <= 0)
                break;
            n += m;
        }
        if (n < 0) {
            rc = lscb_fail(e, LSCB_ESYS, "%s: read error: %s", name, strerror(errno));
            break;
        }
        if (n == 0)
            break;
        const char *b = buf;
        size_t len = (size_t)n;
        if (first && len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) {
            b += 3;
            len -= 3;
        }
        first = false;
        if (feed(&p, &st, b, len) != 0) {
            rc = lscb_fail(e, LSCB_EINPUT, "%s:%ld: malformed CSV (%s)", name, st.line,
                           csv_strerror(csv_error(&p)));
            break;
        }
        if (st.rc != LSCB_OK) {
            rc = st.rc;
            break;
        }
        if (csv_get_buffer_size(&p) > CSV_MAX_FIELD_BYTES) {
            rc = lscb_fail(e, LSCB_EINPUT,
                           "%s:%ld: field longer than %d bytes: unterminated quote?",
                           name, st.row_line, CSV_MAX_FIELD_BYTES);
            break;
        }
    }
    if (rc == LSCB_OK) {
        if (csv_fini(&p, on_field, on_row, &st) != 0)
            rc = lscb_fail(e, LSCB_EINPUT, "%s:%ld: malformed CSV at end of file "
                           "(unterminated quote?)", name, st.row_line);
        else
            rc = st.rc;
    }
    clear_fields(&st);
    free(st.buf);
    csv_free(&p);
    return rc;
}

long lscb_read_stdio(void *ctx, char *buf, size_t cap)
{
    FILE *fp = ctx;
    size_t n = fread(buf, 1, cap, fp);
    if (n == 0 && ferror(fp))
        return -1;
    return (long)n;
}

lscb_err csv_read_path(const char *path, csv_row_fn fn, void *ctx, struct lscb_error *e)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return lscb_fail(e, LSCB_EINPUT, "%s: cannot open: %s", path, strerror(errno));
    lscb_err rc = csv_read(lscb_read_stdio, fp, path, fn, ctx, e);
    fclose(fp);
    return rc;
}

/* csv_read_path_text: each field unescaped before fn sees it */
struct text_rd {
    csv_row_fn fn;
    void *ctx;
};

static lscb_err on_text_row(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct text_rd *t = ctx;
    for (size_t i = 0; i < n; i++)
        csv_text_unescape(f[i]);
    return t->fn(t->ctx, f, n, line, e);
}

lscb_err csv_read_path_text(const char *path, csv_row_fn fn, void *ctx, struct lscb_error *e)
{
    struct text_rd t = {fn, ctx};
    return csv_read_path(path, on_text_row, &t, e);
}
