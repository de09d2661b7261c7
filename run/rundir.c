/* rundir.c — see rundir.h.  Every path below the work directory is reached
 * with the *at() calls from a descriptor of the work directory, and nothing
 * is opened through a symbolic link (O_NOFOLLOW, AT_SYMLINK_NOFOLLOW). */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE   /* mkdtemp */
#include "run/rundir.h"

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

#define MARKER ".commit"

static int open_dir_at(int at, const char *name)
{
    return openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* Removes at/name: a directory with what is in it (depth levels below),
 * anything else (a file, a symbolic link) by itself. */
static void remove_tree(int at, const char *name, int depth)
{
    struct stat st;
    if (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlinkat(at, name, 0);
        return;
    }
    int fd = open_dir_at(at, name);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (depth > 0)
            remove_tree(dirfd(d), de->d_name, depth - 1);
        else
            unlinkat(dirfd(d), de->d_name, 0);
    }
    closedir(d);
    unlinkat(at, name, AT_REMOVEDIR);
}

void rundir_remove_dir(const char *workdir, const char *name)
{
    int wfd = open(workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (wfd < 0)
        return;
    remove_tree(wfd, name, 0);
    close(wfd);
}

static bool exists_at(int at, const char *name)
{
    struct stat st;
    return fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* The outputs of run directory rfd into work directory wfd; each step can
 * be done again after a kill (it looks at what is still in the run
 * directory).  Returns 0 or an errno. */
static int move_outputs(int wfd, int rfd)
{
    int dfd = open_dir_at(rfd, ".");
    DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
    if (!d) {
        int err = errno;
        if (dfd >= 0)
            close(dfd);
        return err;
    }
    int err = 0;
    bool first = true;
    struct dirent *de;
    while (!err && (de = readdir(d)) != NULL) {
        const char *n = de->d_name;
        if (n[0] == '.')
            continue;   /* ., .., the marker, the run's own files, old tables */
        struct stat st;
        if (fstatat(rfd, n, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            /* the work directory's own goes aside first, whole */
            char old[300];
            snprintf(old, sizeof old, ".old-%s", n);
            if (exists_at(wfd, n)) {
                remove_tree(rfd, old, 1);
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
    closedir(d);
    if (!err && fsync(wfd) != 0)
        err = errno;
    return err;
}

/* Names a killed older version left beside the outputs: temporary files
 * (name.tmpXXXXXX, report-Y.xlsx.tmpPID, validation.csv.db.tmp) and the
 * validation counts. */
static bool stale_name(const char *n)
{
    return strstr(n, ".tmp") != NULL || !strncmp(n, ".validation-counts.csv", 22);
}

static void remove_stale_files(int dfd)
{
    int fd = open_dir_at(dfd, ".");
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        struct stat st;
        if (stale_name(de->d_name) &&
            fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
            unlinkat(dfd, de->d_name, 0);
    }
    closedir(d);
}

void rundir_recover(const char *workdir)
{
    int wfd = open(workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (wfd < 0)
        return;
    int fd = open_dir_at(wfd, ".");
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        close(wfd);
        return;
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strncmp(de->d_name, ".run-", 5))
            continue;
        int rfd = open_dir_at(wfd, de->d_name);
        if (rfd >= 0) {
            if (exists_at(rfd, MARKER))
                move_outputs(wfd, rfd);
            close(rfd);
        }
        remove_tree(wfd, de->d_name, 2);
    }
    closedir(d);
    remove_stale_files(wfd);
    int tfd = open_dir_at(wfd, "tables");
    if (tfd >= 0) {
        remove_stale_files(tfd);
        close(tfd);
    }
    close(wfd);
}

/* tables/ of the run begins as the work directory's: what the stats do not
 * write again is kept, what they remove goes (hard links: the work
 * directory's files themselves are never written). */
static lscb_err link_tables(int wfd, int rfd, struct lscb_error *e)
{
    if (mkdirat(rfd, "tables", 0700) != 0)
        return lscb_fail(e, LSCB_ESYS, "cannot create the run's tables directory: %s",
                         strerror(errno));
    int wt = open_dir_at(wfd, "tables");
    if (wt < 0)
        return LSCB_OK;   /* none yet (a link was refused before) */
    int rt = open_dir_at(rfd, "tables");
    DIR *d = rt >= 0 ? fdopendir(wt) : NULL;
    lscb_err rc = LSCB_OK;
    if (!d) {
        rc = lscb_fail(e, LSCB_ESYS, "tables: cannot read: %s", strerror(errno));
        close(wt);
    } else {
        struct dirent *de;
        while (rc == LSCB_OK && (de = readdir(d)) != NULL) {
            struct stat st;
            if (de->d_name[0] == '.' ||
                fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
                !S_ISREG(st.st_mode))
                continue;
            if (linkat(dirfd(d), de->d_name, rt, de->d_name, 0) != 0)
                rc = lscb_fail(e, LSCB_ESYS, "tables/%s: cannot link into the run directory: %s",
                               de->d_name, strerror(errno));
        }
        closedir(d);
    }
    if (rt >= 0)
        close(rt);
    return rc;
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
                      : link_tables(wfd, rfd, e);
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

lscb_err rundir_commit(struct rundir *r, struct lscb_error *e)
{
    int wfd = open(r->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rfd = open(r->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int err = wfd < 0 || rfd < 0 ? errno : 0;
    /* from the marker on, the next run finishes what a kill interrupts */
    int mfd = err ? -1 : openat(rfd, MARKER, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (!err && (mfd < 0 || fsync(mfd) != 0 || fsync(rfd) != 0))
        err = errno;
    if (mfd >= 0)
        close(mfd);
    lscb_crash_point("commit-begin");
    if (!err)
        err = move_outputs(wfd, rfd);
    lscb_err rc = err ? lscb_fail(e, LSCB_ESYS, "%s: cannot put the outputs in place: %s",
                                  r->workdir, strerror(err))
                      : LSCB_OK;
    if (rfd >= 0)
        close(rfd);
    if (wfd >= 0) {
        if (rc == LSCB_OK) {
            char *base = strrchr(r->dir, '/');
            remove_tree(wfd, base ? base + 1 : r->dir, 2);
        }
        close(wfd);
    }
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
            remove_tree(wfd, base ? base + 1 : r->dir, 2);
            close(wfd);
        }
    }
    free(r->dir);
    free(r->workdir);
    memset(r, 0, sizeof *r);
}
