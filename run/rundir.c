/* rundir.c — see rundir.h.  Every path below the work directory is reached
 * with the *at() calls from a descriptor of the work directory, and nothing
 * is opened through a symbolic link (O_NOFOLLOW, AT_SYMLINK_NOFOLLOW). */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE   /* mkdtemp */
#include "run/rundir.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/csvio.h"
#include "common/records.h"
#include "common/whcopy.h"
#include "common/text.h"

#define MARKER ".commit"

/* XXXXXX as mkstemp and mkdtemp fill it: six letters or digits. */
static bool six_alnum(const char *n)
{
    for (int i = 0; i < 6; i++)
        if (!isalnum((unsigned char)n[i]))
            return false;
    return n[6] == '\0';
}

static int open_dir_at(int at, const char *name)
{
    return openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* The names in directory at/name (never through a symbolic link), without
 * "." and "..", sorted; and the directory, open, in *dfd when dfd is not
 * NULL (close it).  Every walk of a directory here reads it through this
 * once, then acts on the names.  Returns 0 or an errno; free with
 * names_free either way. */
struct names {
    char **v;
    size_t n;
};

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_dir(int at, const char *name, struct names *out, int *dfd)
{
    memset(out, 0, sizeof *out);
    if (dfd)
        *dfd = -1;
    int fd = open_dir_at(at, name);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        int err = errno;
        if (fd >= 0)
            close(fd);
        return err;
    }
    size_t cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (out->n == cap) {
            cap = cap ? cap * 2 : 16;
            out->v = lscb_xrealloc(out->v, cap * sizeof *out->v);
        }
        out->v[out->n++] = lscb_xstrdup(de->d_name);
    }
    if (out->n > 1)
        qsort(out->v, out->n, sizeof *out->v, cmp_name);
    if (dfd)
        *dfd = dup(dirfd(d));
    closedir(d);
    if (dfd && *dfd < 0)
        return errno;
    return 0;
}

static void names_free(struct names *nm)
{
    for (size_t i = 0; i < nm->n; i++)
        free(nm->v[i]);
    free(nm->v);
    memset(nm, 0, sizeof *nm);
}

/* Removes at/name: a directory with what is in it (depth levels below;
 * ALL_LEVELS for a directory of the run's own, which must go whole),
 * anything else (a file, a symbolic link) by itself. */
#define ALL_LEVELS 64
static void remove_tree(int at, const char *name, int depth)
{
    struct stat st;
    if (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlinkat(at, name, 0);
        return;
    }
    struct names nm;
    int fd;
    if (list_dir(at, name, &nm, &fd) == 0) {
        for (size_t i = 0; i < nm.n; i++) {
            if (depth > 0)
                remove_tree(fd, nm.v[i], depth - 1);
            else
                unlinkat(fd, nm.v[i], 0);
        }
    }
    names_free(&nm);
    if (fd >= 0)
        close(fd);
    unlinkat(at, name, AT_REMOVEDIR);
}

static bool intermediate_name(const char *n);

void rundir_remove_dir(const char *workdir, const char *name)
{
    int wfd = open(workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (wfd < 0)
        return;
    struct stat st;
    if (fstatat(wfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
        unlinkat(wfd, name, 0);   /* a link there goes itself, never what it names */
    struct names nm;
    int dfd;
    if (list_dir(wfd, name, &nm, &dfd) == 0) {
        /* the files the stages wrote, the user's own: anything else there
         * (an analyst's notes) stays, and so does the directory then */
        for (size_t i = 0; i < nm.n; i++)
            if (intermediate_name(nm.v[i]) &&
                fstatat(dfd, nm.v[i], &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
                st.st_uid == geteuid())
                unlinkat(dfd, nm.v[i], 0);
        unlinkat(wfd, name, AT_REMOVEDIR);
    }
    names_free(&nm);
    if (dfd >= 0)
        close(dfd);
    close(wfd);
}

/* WORKDIR/.run-XXXXXX as mkdtemp makes it: six letters or digits. */
static bool is_run_dir_name(const char *n)
{
    if (strncmp(n, ".run-", 5) || strlen(n) != 11)
        return false;
    for (int i = 5; i < 11; i++)
        if (!isalnum((unsigned char)n[i]))
            return false;
    return true;
}

/* rfd, opened (O_NOFOLLOW) as a run directory: one this program made, a
 * directory of the user running that no one else can enter (mkdtemp's
 * 0700).  Anything else under the name is left alone. */
static bool is_own_run_dir(int rfd)
{
    struct stat st;
    return fstat(rfd, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid() &&
           !(st.st_mode & 077);
}

/* The files extract and transform write into staged/ and normalized/
 * (ENTITY.csv, census.csv, validation_counts.csv) and their temporary
 * files: the only names removed from a kept intermediate directory. */
static bool intermediate_name(const char *n)
{
    size_t len = strlen(n);
    const char *t = strstr(n, ".csv");
    if (!t)
        return false;
    size_t stem = (size_t)(t - n);
    if (t[4] && (strncmp(t + 4, ".tmp", 4) || len != stem + 14 || !six_alnum(t + 8)))
        return false;
    if ((stem == 6 && !strncmp(n, "census", 6)) ||
        (stem == 17 && !strncmp(n, "validation_counts", 17)))
        return true;
    for (int k = 0; k < ENT_COUNT; k++)
        if (strlen(entity_defs[k].name) == stem && !strncmp(n, entity_defs[k].name, stem))
            return true;
    return false;
}

static void fsync_parent(const char *path)
{
    char *d = lscb_xstrdup(path);
    char *slash = strrchr(d, '/');
    if (slash)
        *slash = '\0';
    int dfd = open(slash ? (d[0] ? d : "/") : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    free(d);
}

static bool exists_at(int at, const char *name)
{
    struct stat st;
    return fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* The outputs of run directory rfd, whose names are outs (list_dir's),
 * into work directory wfd; each step can be done again after a kill (it
 * looks at what is still in the run directory).  Returns 0 or an errno. */
static int move_outputs(int wfd, int rfd, const struct names *outs)
{
    int err = 0;
    bool first = true;
    for (size_t i = 0; i < outs->n && !err; i++) {
        const char *n = outs->v[i];
        if (n[0] == '.')
            continue;   /* ., .., the marker, the run's own files, old tables */
        struct stat st;
        if (fstatat(rfd, n, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            /* the work directory's own goes aside first, whole */
            char old[300];
            snprintf(old, sizeof old, ".old-%.255s", n);   /* NAME_MAX 255 */
            if (exists_at(wfd, n)) {
                remove_tree(rfd, old, ALL_LEVELS);
                struct stat ws;
                if (fstatat(wfd, n, &ws, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(ws.st_mode))
                    unlinkat(wfd, n, 0);
                else if (renameat(wfd, n, rfd, old) != 0)
                    err = errno;
            }
            if (!err && renameat(rfd, n, wfd, n) != 0)
                err = errno;
        } else if (S_ISREG(st.st_mode)) {
            if (renameat(rfd, n, wfd, n) != 0)
                err = errno;
        }
        if (first)
            lscb_crash_point("commit-outputs");
        first = false;
    }
    if (!err && fsync(wfd) != 0)
        err = errno;
    return err;
}

/* The names of files a killed older version left beside the outputs, and
 * only those: an output's temporary file (OUTPUT.tmpXXXXXX, afile_open's),
 * the workbook's (report-Y[-NAME].xlsx.tmpPID), the validation's scratch
 * database (validation.csv.db.tmp[XXXXXX]) and its counts
 * (.validation-counts.csv[.tmpXXXXXX]).  Anything else that merely holds
 * ".tmp" is someone's file and is left alone. */
static bool stale_name(const char *n)
{
    if (!strcmp(n, "validation.csv.db.tmp") || !strcmp(n, ".validation-counts.csv"))
        return true;
    const char *t = strstr(n, ".tmp");
    if (!t || t == n)
        return false;
    size_t stem = (size_t)(t - n);
    const char *rest = t + 4;
    /* report-2024.xlsx.tmp4242 (a process id) */
    if (!strncmp(n, "report-", 7) && stem > 12 && !strncmp(t - 5, ".xlsx", 5) && *rest &&
        strspn(rest, "0123456789") == strlen(rest))
        return true;
    if (!six_alnum(rest))
        return false;
    static const char *const exts[] = {".csv", ".xlsx", ".md", ".key", ".db"};
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t el = strlen(exts[i]);
        if (stem > el && !strncmp(t - el, exts[i], el))
            return true;
    }
    return false;
}

/* Removes dfd's files named as a killed run's temporary files, only when
 * they are regular files of the user running (never a link, never another
 * user's file in a shared work directory). */
static void remove_stale_files(int dfd)
{
    struct names nm;
    if (list_dir(dfd, ".", &nm, NULL) == 0) {
        for (size_t i = 0; i < nm.n; i++) {
            struct stat st;
            if (stale_name(nm.v[i]) && fstatat(dfd, nm.v[i], &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                S_ISREG(st.st_mode) && st.st_uid == geteuid())
                unlinkat(dfd, nm.v[i], 0);
        }
    }
    names_free(&nm);
}

/* An output file of the run (outs: run directory rfd's names) whose place
 * in the work directory is taken by something that is not a file (a
 * directory an operator made): found before the marker, so that the run
 * changes nothing.  Returns its name, or NULL. */
static const char *find_obstacle(int wfd, int rfd, const struct names *outs)
{
    for (size_t i = 0; i < outs->n; i++) {
        const char *n = outs->v[i];
        struct stat st, ws;
        if (n[0] == '.' || fstatat(rfd, n, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st.st_mode) || fstatat(wfd, n, &ws, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISDIR(ws.st_mode))
            return n;
    }
    return NULL;
}

/* The warehouse step of a commit, from the marker (rfd's MARKER): its
 * first line the working copy's absolute path (TARGET.loading-XXXXXX), its
 * second the inode the warehouse had when the copy was taken (0: none).
 * Renames the copy over the warehouse under the warehouse's lock, unless
 * another loader has put a newer warehouse there since (then the copy
 * goes, with a warning).  An empty marker: no SQLite warehouse copy. */
static lscb_err finish_warehouse(int rfd, struct lscb_error *e)
{
    int fd = openat(rfd, MARKER, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return lscb_fail(e, LSCB_ESYS, "commit marker: cannot open: %s", strerror(errno));
    char buf[4200];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0)
        return lscb_fail(e, LSCB_ESYS, "commit marker: cannot read: %s", strerror(errno));
    buf[n] = '\0';
    if (n == 0)
        return LSCB_OK;
    char *nl = strchr(buf, '\n');
    size_t sl = strlen(".loading-XXXXXX");
    char *suffix = nl && (size_t)(nl - buf) > sl ? nl - sl : NULL;
    /* .pending- (this version), .loading- (markers of the one before) */
    if (!suffix || (strncmp(suffix, ".pending-", 9) && strncmp(suffix, ".loading-", 9)))
        return lscb_fail(e, LSCB_ESYS, "commit marker: not one this program wrote");
    *nl = '\0';
    unsigned long long ino = strtoull(nl + 1, NULL, 10);
    char *target = lscb_xstrdup(buf);
    target[suffix - buf] = '\0';
    lscb_err rc = LSCB_OK;
    struct stat cs, ts;
    if (lstat(buf, &cs) == 0 && S_ISREG(cs.st_mode)) {
        int lfd = whcopy_lock(target, e);
        if (lfd < 0) {
            rc = LSCB_ESYS;
        } else {
            unsigned long long now = stat(target, &ts) == 0 ? (unsigned long long)ts.st_ino : 0;
            if (now != ino) {
                fprintf(stderr, "lscb-run: warning: %s: another loader changed the warehouse "
                        "after a killed run copied it; that run's load is dropped\n", target);
                unlink(buf);
                whcopy_note_drop(buf);
            } else if (rename(buf, target) != 0) {
                rc = lscb_fail(e, LSCB_ESYS, "%s: cannot put the warehouse in place: %s",
                               target, strerror(errno));
            } else {
                whcopy_note_drop(buf);
            }
            close(lfd);
        }
    }
    /* no copy: it was renamed already (killed after the rename) */
    free(target);
    return rc;
}

lscb_err rundir_recover(const char *workdir, struct lscb_error *e)
{
    int wfd = open(workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (wfd < 0)
        return LSCB_OK;
    struct names runs;
    if (list_dir(wfd, ".", &runs, NULL) != 0) {
        names_free(&runs);
        close(wfd);
        return LSCB_OK;
    }
    lscb_err rc = LSCB_OK;
    for (size_t i = 0; i < runs.n && rc == LSCB_OK; i++) {
        const char *name = runs.v[i];
        if (!is_run_dir_name(name))
            continue;
        int rfd = open_dir_at(wfd, name);
        if (rfd < 0)
            continue;   /* not a directory (or not ours to open): left alone */
        if (!is_own_run_dir(rfd)) {
            close(rfd);
            continue;   /* not one this program made (another user's, a 0755 one) */
        }
        if (exists_at(rfd, MARKER)) {
            /* a committed run: rolled forward whole, or kept for the next try */
            struct names outs;
            int err = list_dir(rfd, ".", &outs, NULL);
            /* nothing moved while something is in an output's way: the
             * run directory stays whole (its key too) for the next try */
            if (!err && find_obstacle(wfd, rfd, &outs))
                err = EISDIR;
            if (!err)
                err = move_outputs(wfd, rfd, &outs);
            names_free(&outs);
            if (err)
                rc = lscb_fail(e, LSCB_ESYS, "%s/%s: a killed run's outputs cannot be put in "
                               "place (%s); it is kept: clear the way and run again",
                               workdir, name, strerror(err));
            if (rc == LSCB_OK)
                rc = finish_warehouse(rfd, e);
        }
        close(rfd);
        if (rc == LSCB_OK)
            remove_tree(wfd, name, ALL_LEVELS);
    }
    names_free(&runs);
    if (rc) {
        close(wfd);
        return rc;
    }
    remove_stale_files(wfd);
    int tfd = open_dir_at(wfd, "tables");
    if (tfd >= 0) {
        remove_stale_files(tfd);
        close(tfd);
    }
    close(wfd);
    return LSCB_OK;
}

/* tables/ of the run begins as the work directory's: what the stats do not
 * write again is kept, what they remove goes (hard links: the work
 * directory's files themselves are never written). */
static lscb_err link_tables(int wfd, int rfd, const char *workdir_name,
                             struct lscb_error *e)
{
    if (mkdirat(rfd, "tables", 0700) != 0)
        return lscb_fail(e, LSCB_ESYS, "cannot create the run's tables directory: %s",
                         strerror(errno));
    struct names nm;
    int wt;
    int err = list_dir(wfd, "tables", &nm, &wt);
    if (err == ENOENT) {
        names_free(&nm);
        return LSCB_OK;   /* none yet (a link was refused before) */
    }
    int rt = open_dir_at(rfd, "tables");
    lscb_err rc = LSCB_OK;
    if (err || rt < 0)
        rc = lscb_fail(e, LSCB_ESYS, "tables: cannot read: %s", strerror(err ? err : errno));
    for (size_t i = 0; i < nm.n && rc == LSCB_OK; i++) {
        const char *n = nm.v[i];
        struct stat st;
        if (fstatat(wt, n, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        /* tables/ is replaced whole: what the program never writes there
         * (a sub-folder, a link) would go with it, so the run stops */
        if (!S_ISREG(st.st_mode)) {
            rc = lscb_fail(e, LSCB_EINPUT, "%s/tables/%s: a %s in tables/, which lscb-run "
                           "replaces whole at each run: move it out of tables/ and run "
                           "again (nothing was changed)", workdir_name, n,
                           S_ISDIR(st.st_mode) ? "folder" : S_ISLNK(st.st_mode) ?
                           "symbolic link" : "special file");
            break;
        }
        if (n[0] == '.')
            continue;
        if (linkat(wt, n, rt, n, 0) != 0)
            rc = lscb_fail(e, LSCB_ESYS, "tables/%s: cannot link into the run directory: %s",
                           n, strerror(errno));
    }
    names_free(&nm);
    if (wt >= 0)
        close(wt);
    if (rt >= 0)
        close(rt);
    return rc;
}

void rundir_drop(const struct rundir *r, const char *name)
{
    int rfd = r->dir ? open(r->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
    if (rfd >= 0) {
        remove_tree(rfd, name, ALL_LEVELS);
        close(rfd);
    }
}

lscb_err rundir_create(struct rundir *r, const char *workdir, struct lscb_error *e)
{
    memset(r, 0, sizeof *r);
    r->workdir = lscb_xstrdup(workdir);
    r->dir = path_join(workdir, ".run-XXXXXX");
    if (!mkdtemp(r->dir)) {
        lscb_err rc = lscb_fail(e, LSCB_ESYS, "%s: cannot create the run directory: %s",
                                workdir, strerror(errno));
        free(r->dir);
        r->dir = NULL;
        rundir_discard(r);
        return rc;
    }
    int wfd = open(workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rfd = open(r->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    lscb_err rc = wfd < 0 || rfd < 0
                      ? lscb_fail(e, LSCB_ESYS, "%s: cannot open: %s", r->dir, strerror(errno))
                      : link_tables(wfd, rfd, workdir, e);
    if (wfd >= 0)
        close(wfd);
    if (rfd >= 0)
        close(rfd);
    if (rc)
        rundir_discard(r);
    return rc;
}

char *rundir_path(const struct rundir *r, const char *name)
{
    return path_join(r->dir, name);
}

/* Lists the run directory's outputs into outs and checks nothing is in
 * their way (find_obstacle): the commit reads the run directory once. */
static lscb_err check_way(const struct rundir *r, int wfd, int rfd, struct names *outs,
                          struct lscb_error *e)
{
    int err = list_dir(rfd, ".", outs, NULL);
    if (err)
        return lscb_fail(e, LSCB_ESYS, "%s: cannot read: %s", r->dir, strerror(err));
    const char *bad = find_obstacle(wfd, rfd, outs);
    if (bad)
        return lscb_fail(e, LSCB_ESYS, "%s/%s: is a directory where the run writes a file: "
                         "nothing was changed; move it away and run again", r->workdir, bad);
    return LSCB_OK;
}

lscb_err rundir_check(const struct rundir *r, struct lscb_error *e)
{
    int wfd = open(r->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rfd = open(r->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct names outs = {0};
    lscb_err rc = wfd < 0 || rfd < 0
                      ? lscb_fail(e, LSCB_ESYS, "%s: cannot open: %s", r->dir, strerror(errno))
                      : check_way(r, wfd, rfd, &outs, e);
    names_free(&outs);
    if (wfd >= 0)
        close(wfd);
    if (rfd >= 0)
        close(rfd);
    return rc;
}

lscb_err rundir_commit(struct rundir *r, const char *whcopy, unsigned long long whino,
                       struct lscb_error *e)
{
    int wfd = open(r->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rfd = open(r->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (wfd < 0 || rfd < 0) {
        lscb_err rc = lscb_fail(e, LSCB_ESYS, "%s: cannot open: %s", r->dir, strerror(errno));
        if (wfd >= 0)
            close(wfd);
        if (rfd >= 0)
            close(rfd);
        return rc;
    }
    /* before the marker: a directory where an output file goes would stop
     * the commit half-way, so it stops the run with nothing changed */
    struct names outs = {0};
    lscb_err crc = check_way(r, wfd, rfd, &outs, e);
    if (crc) {
        names_free(&outs);
        close(wfd);
        close(rfd);
        return crc;
    }
    int err = 0;
    /* the marker names the warehouse copy: from here on the next run
     * finishes what a kill interrupts (files, the key among them, then the
     * warehouse) */
    char *real = whcopy ? realpath(whcopy, NULL) : NULL;
    if (whcopy && !real)
        err = errno;
    int mfd = err ? -1 : openat(rfd, MARKER, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (!err && mfd < 0)
        err = errno;
    if (!err && real && dprintf(mfd, "%s\n%llu\n", real, whino) < 0)
        err = errno ? errno : EIO;
    if (!err && (fsync(mfd) != 0 || fsync(rfd) != 0))
        err = errno;
    if (mfd >= 0)
        close(mfd);
    if (err) {
        unlinkat(rfd, MARKER, 0);
        names_free(&outs);
        free(real);
        close(wfd);
        close(rfd);
        return lscb_fail(e, LSCB_ESYS, "%s: cannot write the commit marker: %s", r->dir,
                         strerror(err));
    }
    lscb_crash_point("commit-begin");
    err = move_outputs(wfd, rfd, &outs);
    names_free(&outs);
    lscb_err rc = err ? lscb_fail(e, LSCB_ESYS, "%s: cannot put the outputs in place: %s",
                                  r->workdir, strerror(err))
                      : LSCB_OK;
    if (rc == LSCB_OK && real) {
        lscb_crash_point("commit-warehouse");
        size_t tl = strlen(real) - strlen(".loading-XXXXXX");
        char *target = lscb_xstrdup(real);
        target[tl] = '\0';
        if (rename(real, target) != 0) {
            rc = lscb_fail(e, LSCB_ESYS, "%s: cannot put the warehouse in place: %s", target,
                           strerror(errno));
        } else {
            fsync_parent(target);
            whcopy_note_drop(real);
        }
        free(target);
    }
    free(real);
    close(rfd);
    if (rc == LSCB_OK) {
        char *base = strrchr(r->dir, '/');
        remove_tree(wfd, base ? base + 1 : r->dir, ALL_LEVELS);
    }
    close(wfd);
    /* on failure the directory stays, marker and all, for the next run */
    free(r->dir);
    r->dir = NULL;
    return rc;
}

void rundir_discard(struct rundir *r)
{
    if (r->dir && r->workdir) {
        int wfd = open(r->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (wfd >= 0) {
            char *base = strrchr(r->dir, '/');
            remove_tree(wfd, base ? base + 1 : r->dir, ALL_LEVELS);
            close(wfd);
        }
    }
    free(r->dir);
    free(r->workdir);
    memset(r, 0, sizeof *r);
}
