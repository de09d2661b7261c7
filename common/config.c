/* config.c — see config.h. */
#define _POSIX_C_SOURCE 200809L
#include "common/config.h"

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/text.h"
#include "common/util.h"
#include "common/whdb.h"

struct cparse {
    struct lscb_config *c;
    char err[200];
};

static bool la_code(const char *s, size_t n)
{
    return n == 3 && strspn(s, "0123456789") >= 3;
}

static bool region_code(const char *s)
{
    return strlen(s) == 9 && (!strncmp(s, "E1200000", 8) ? s[8] >= '1' && s[8] <= '9'
                              : !strncmp(s, "E1300000", 8) && (s[8] == '1' || s[8] == '2'));
}

/* "207, 212 213" -> codes */
static int code_list(const char *v, char out[][8], int *n, char *err, size_t cap)
{
    *n = 0;
    size_t len;
    for (const char *cur = v, *s; (s = next_token(&cur, " ,", &len)) != NULL;) {
        if (!la_code(s, len)) {
            text_fmt_cut(err, cap, "'%.*s' is not a 3-digit LA code", (int)len, s);
            return 0;
        }
        if (*n == CFG_MAX_CODES) {
            text_fmt_cut(err, cap, "more than %d codes", CFG_MAX_CODES);
            return 0;
        }
        memcpy(out[*n], s, len); /* la_code: 3 digits */
        out[(*n)++][len] = '\0';
    }
    return 1;
}

static int path_kv(struct cparse *p, const char *name, const char *value, char *out, size_t cap)
{
    if (!*value || strlen(value) >= cap) {
        text_fmt_cut(p->err, sizeof p->err, "%s: a path of 1 to %zu characters", name, cap - 1);
        return 0;
    }
    memcpy(out, value, strlen(value) + 1); /* fits: checked above */
    return 1;
}

/* [run]: a whole yearly run (config.h) */
static int run_kv(struct cparse *p, const char *name, const char *value)
{
    struct lscb_config *c = p->c;
    if (!strcmp(name, "inputs"))
        return path_kv(p, name, value, c->inputs, sizeof c->inputs);
    if (!strcmp(name, "workdir"))
        return path_kv(p, name, value, c->workdir, sizeof c->workdir);
    if (!strcmp(name, "published"))
        return path_kv(p, name, value, c->published, sizeof c->published);
    if (!strcmp(name, "population"))
        return path_kv(p, name, value, c->population, sizeof c->population);
    if (!strcmp(name, "publish")) {
        if (strcmp(value, "yes") && strcmp(value, "no")) {
            text_fmt_cut(p->err, sizeof p->err, "publish: '%s' (yes or no)", value);
            return 0;
        }
        c->publish = !strcmp(value, "yes");
        return 1;
    }
    if (!strcmp(name, "year")) {
        if (!parse_year_arg(value, &c->year)) {
            text_fmt_cut(p->err, sizeof p->err, "year: '%s' is not a year like 2024", value);
            return 0;
        }
        return 1;
    }
    if (!strcmp(name, "templates")) {
        c->ntemplates = 0;
        size_t len;
        for (const char *cur = value, *s; (s = next_token(&cur, ",", &len)) != NULL;) {
            if (c->ntemplates == CFG_MAX_TEMPLATES || len == 0 ||
                len >= sizeof c->templates[0]) {
                snprintf(p->err, sizeof p->err, "templates: at most %d names of at most %zu "
                         "characters", CFG_MAX_TEMPLATES, sizeof c->templates[0] - 1);
                return 0;
            }
            memcpy(c->templates[c->ntemplates], s, len); /* fits: checked above */
            c->templates[c->ntemplates++][len] = '\0';
        }
        if (!c->ntemplates) {
            snprintf(p->err, sizeof p->err, "templates: name at least one");
            return 0;
        }
        return 1;
    }
    text_fmt_cut(p->err, sizeof p->err, "unknown key '%s' in [run] (inputs, workdir, templates, "
                 "published, population, publish, year)", name);
    return 0;
}

static int on_kv(void *user, const char *section, const char *name, const char *value)
{
    struct cparse *p = user;
    struct lscb_config *c = p->c;
    if (!name)
        return 1;
    if (p->err[0])
        return 0; /* libinih goes on after a mistake: the first is reported */
    if (!strcmp(section, "run"))
        return run_kv(p, name, value);
    if (strcmp(section, "authority")) {
        text_fmt_cut(p->err, sizeof p->err, "unknown section [%s] (expected [authority] or [run])",
                     section);
        return 0;
    }
    if (!strcmp(name, "la")) {
        if (!la_code(value, strlen(value))) {
            text_fmt_cut(p->err, sizeof p->err, "la: '%s' is not a 3-digit LA code", value);
            return 0;
        }
        memcpy(c->la, value, 4); /* la_code: 3 digits and the NUL */
    } else if (!strcmp(name, "sn_model")) {
        if (!strcmp(value, "2021"))
            c->sn_model = 2021;
        else if (!strcmp(value, "2025"))
            c->sn_model = 2025;
        else if (!strcmp(value, "list"))
            c->sn_model = 0;
        else {
            text_fmt_cut(p->err, sizeof p->err, "sn_model: '%s' (2021, 2025 or list)", value);
            return 0;
        }
    } else if (!strcmp(name, "neighbours")) {
        return code_list(value, c->neighbours, &c->nneighbours, p->err, sizeof p->err);
    } else if (!strcmp(name, "comparators")) {
        return code_list(value, c->comparators, &c->ncomparators, p->err, sizeof p->err);
    } else if (!strcmp(name, "sn_aggregate")) {
        if (strcmp(value, "mean") && strcmp(value, "median")) {
            text_fmt_cut(p->err, sizeof p->err, "sn_aggregate: '%s' (mean or median)", value);
            return 0;
        }
        c->sn_median = !strcmp(value, "median");
    } else if (!strcmp(name, "warehouse")) {
        if (!*value || strlen(value) >= sizeof c->warehouse) {
            snprintf(p->err, sizeof p->err, "warehouse: a file path or postgresql:// URI of at "
                     "most %zu characters", sizeof c->warehouse - 1);
            return 0;
        }
        memcpy(c->warehouse, value, strlen(value) + 1); /* fits: checked above */
    } else if (!strcmp(name, "benchmark_years")) {
        char *end;
        long v = strtol(value, &end, 10);
        if (end == value || *end || v < 2 || v > 30) {
            text_fmt_cut(p->err, sizeof p->err, "benchmark_years: '%s' (2 to 30)", value);
            return 0;
        }
        c->benchmark_years = (int)v;
    } else if (!strcmp(name, "region")) {
        /* ONS's codes of the English regions and of Inner and Outer London:
         * the published tables' regional rows; anything else would match no
         * row (and reached benchmarks.csv as written) */
        if (!region_code(value)) {
            text_fmt_cut(p->err, sizeof p->err, "region: '%.40s' is not an ONS region code "
                         "(E12000001 to E12000009, or E13000001 Inner and E13000002 Outer "
                         "London)", value);
            return 0;
        }
        memcpy(c->region, value, 10);   /* 9 characters and the NUL */
    } else {
        text_fmt_cut(p->err, sizeof p->err, "unknown key '%s'", name);
        return 0;
    }
    return 1;
}

void config_defaults(struct lscb_config *c)
{
    memset(c, 0, sizeof *c);
    c->sn_model = 2021;
    c->benchmark_years = 7;
}

/* A relative path of the file is relative to the file's own directory (as
 * the README says): cron runs from / or $HOME, not from where the file is.
 * false when the result does not fit. */
static bool resolve_path(const char *dir, size_t dlen, char *v, size_t cap)
{
    if (!v[0] || v[0] == '/' || dlen == 0)
        return true;
    size_t vl = strlen(v);
    if (dlen + 1 + vl >= cap)
        return false;
    memmove(v + dlen + 1, v, vl + 1);
    memcpy(v, dir, dlen);
    v[dlen] = '/';
    return true;
}

static lscb_err resolve_paths(const char *path, struct lscb_config *c, struct lscb_error *e)
{
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) + (slash == path) : 0;
    struct cfg_path {
        const char *key;
        char *v;
        size_t cap;
    } f[4 + CFG_MAX_TEMPLATES] = {
        {"inputs", c->inputs, sizeof c->inputs},
        {"workdir", c->workdir, sizeof c->workdir},
        {"published", c->published, sizeof c->published},
        {"population", c->population, sizeof c->population},
    };
    int n = 4;
    /* a template given as a file (a name with '/' or ending .ini), not a name */
    for (int i = 0; i < c->ntemplates; i++) {
        size_t tl = strlen(c->templates[i]);
        if (strchr(c->templates[i], '/') || (tl > 4 && !strcmp(c->templates[i] + tl - 4, ".ini")))
            f[n++] = (struct cfg_path){"templates", c->templates[i], sizeof c->templates[i]};
    }
    for (int i = 0; i < n; i++)
        if (!resolve_path(path, dlen, f[i].v, f[i].cap))
            return lscb_fail(e, LSCB_EINPUT, "%s: %s: '%s' made relative to the "
                             "configuration's directory is longer than %zu characters: give "
                             "an absolute path", path, f[i].key, f[i].v, f[i].cap - 1);
    if (c->warehouse[0] && !whdb_is_pg(c->warehouse) &&
        !resolve_path(path, dlen, c->warehouse, sizeof c->warehouse))
        return lscb_fail(e, LSCB_EINPUT, "%s: warehouse: '%s' made relative to the "
                         "configuration's directory is too long: give an absolute path", path,
                         c->warehouse);
    return LSCB_OK;
}

lscb_err config_load(const char *path, struct lscb_config *c, struct lscb_error *e)
{
    struct cparse p = {.c = c};
    /* the configuration names the work directory and the warehouse, so it
     * decides what a run writes and removes: trusted only when no one but
     * the user running (or root) can have written it, like the key; never
     * a directory or a FIFO (O_NONBLOCK: opening one does not hang) */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return lscb_fail(e, LSCB_EINPUT, "%s: cannot open configuration: %s", path,
                         strerror(errno));
    struct stat st;
    lscb_err rc = LSCB_OK;
    if (fstat(fd, &st) != 0)
        rc = lscb_fail(e, LSCB_EINPUT, "%s: cannot read configuration: %s", path,
                       strerror(errno));
    else if (!S_ISREG(st.st_mode))
        rc = lscb_fail(e, LSCB_EINPUT, "%s: the configuration is not a regular file (a "
                       "directory, FIFO or device): give the .ini file itself", path);
    else if (st.st_uid != geteuid() && st.st_uid != 0)
        rc = lscb_fail(e, LSCB_EINPUT, "%s: the configuration belongs to another user (uid "
                       "%u): it decides what a run writes and removes, so only your own (or "
                       "root's) is used", path, (unsigned)st.st_uid);
    else if (st.st_mode & 022)
        rc = lscb_fail(e, LSCB_EINPUT, "%s: the configuration is writable by group or others "
                       "(mode %03o): it decides what a run writes and removes; chmod go-w it",
                       path, (unsigned)(st.st_mode & 0777));
    FILE *fp = rc == LSCB_OK ? fdopen(fd, "r") : NULL;
    if (!fp) {
        if (rc == LSCB_OK)
            rc = lscb_fail(e, LSCB_ESYS, "%s: cannot read configuration: %s", path,
                           strerror(errno));
        close(fd);
        return rc;
    }
    int line = ini_parse_file(fp, on_kv, &p);
    fclose(fp);
    if (line)
        return lscb_fail(e, LSCB_EINPUT, "%s:%d: %s", path, line,
                         p.err[0] ? p.err : "malformed line (expected [section] or key = value)");
    if (c->sn_model == 0 && c->nneighbours == 0)
        return lscb_fail(e, LSCB_EINPUT, "%s: sn_model = list needs neighbours = ...", path);
    return resolve_paths(path, c, e);
}
