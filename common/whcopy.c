/* whcopy.c — see whcopy.h. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE   /* realpath */
#include "common/whcopy.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/csvio.h"

int whcopy_lock(const char *path, const char *what, struct lscb_error *e)
{
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        lscb_fail(e, LSCB_ESYS, "%s: cannot create lock file: %s", path, strerror(errno));
        return -1;
    }
    long wait = 3600;
    const char *w = getenv("LSCB_LOCK_WAIT");
    if (w && *w) {
        char *end;
        long v = strtol(w, &end, 10);
        if (!*end && v >= 0)
            wait = v;
    }
    /* a loader holds it for a whole run: wait for it in steps of 0.1 s */
    for (long tenths = 0;; tenths++) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return fd;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            lscb_fail(e, LSCB_ESYS, "%s: cannot lock: %s", path, strerror(errno));
            break;
        }
        if (tenths >= wait * 10) {
            lscb_fail(e, LSCB_ESYS, "%s: another run has been loading into it for %ld s; try "
                      "again when it has finished", what, wait);
            break;
        }
        nanosleep(&(struct timespec){0, 100000000L}, NULL);
    }
    close(fd);
    return -1;
}

/* Removes the working copies loaders that were killed left beside target
 * (we hold the lock, so no live loader has one); regular files only. */
static void remove_stale_copies(const char *target)
{
    char *d = lscb_xstrdup(target), *b = lscb_xstrdup(target);
    const char *dir = dirname(d), *base = basename(b);
    size_t bl = strlen(base);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dh = dfd >= 0 ? fdopendir(dfd) : NULL;
    if (dh) {
        struct dirent *de;
        while ((de = readdir(dh)) != NULL) {
            const char *n = de->d_name;
            if (strncmp(n, base, bl) || strncmp(n + bl, ".loading", 8))
                continue;
            struct stat st;
            if (fstatat(dirfd(dh), n, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
                unlinkat(dirfd(dh), n, 0);
        }
        closedir(dh);
    } else if (dfd >= 0) {
        close(dfd);
    }
    free(d);
    free(b);
}

static lscb_err sqlite_fail(struct lscb_error *e, sqlite3 *db, const char *name, const char *what)
{
    return lscb_fail(e, LSCB_ESYS, "warehouse %s: %s: %s", name, what,
                     db ? sqlite3_errmsg(db) : "out of memory");
}

/* The warehouse in rollback mode, its hot journal (if any) rolled back, the
 * RESERVED lock held; then copied page by page into c->copy. */
static lscb_err snapshot(struct whcopy *c, struct lscb_error *e)
{
    sqlite3 *src = NULL, *dst = NULL;
    if (sqlite3_open_v2(c->target, &src, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        lscb_err rc = sqlite_fail(e, src, c->target, "cannot open");
        sqlite3_close(src);
        return rc;
    }
    c->src = src;
    sqlite3_busy_timeout(src, 10000);
    sqlite3_stmt *st = NULL;
    const char *mode = NULL;
    if (sqlite3_prepare_v2(src, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        mode = (const char *)sqlite3_column_text(st, 0);
    bool wal = mode && !strcmp(mode, "wal");
    if (!mode) {
        lscb_err rc = sqlite_fail(e, src, c->target, "cannot read");
        sqlite3_finalize(st);
        return rc;
    }
    sqlite3_finalize(st);
    /* WAL: another connection's log would be replayed into the renamed copy;
     * SQLite turns WAL off only when no one else has the file open */
    if (wal && sqlite3_exec(src, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK)
        return lscb_fail(e, LSCB_ESYS, "warehouse %s: another program has it open in WAL mode "
                         "(%s-wal): close it and run again", c->target, c->target);
    if (wal && sqlite3_prepare_v2(src, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK) {
        const char *m = sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0)
                                                       : NULL;
        wal = !m || !strcmp(m, "wal");
        sqlite3_finalize(st);
        if (wal)
            return lscb_fail(e, LSCB_ESYS, "warehouse %s: another program has it open in WAL "
                             "mode (%s-wal): close it and run again", c->target, c->target);
    }
    /* no other writer from here to the rename: its change would be lost */
    if (sqlite3_exec(src, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return sqlite_fail(e, src, c->target, "another program is writing to it");
    lscb_crash_point("warehouse-copy");
    if (sqlite3_open_v2(c->copy, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        lscb_err rc = sqlite_fail(e, dst, c->copy, "cannot open");
        sqlite3_close(dst);
        return rc;
    }
    /* a connection in a write transaction cannot be a backup's source: a
     * second one reads (a SHARED lock beside our RESERVED one) */
    sqlite3 *rd = NULL;
    int s = sqlite3_open_v2(c->target, &rd, SQLITE_OPEN_READONLY, NULL);
    sqlite3_backup *bk = s == SQLITE_OK ? sqlite3_backup_init(dst, "main", rd, "main") : NULL;
    if (bk) {
        s = sqlite3_backup_step(bk, -1);
        sqlite3_backup_finish(bk);
    }
    lscb_err rc = LSCB_OK;
    if (s != SQLITE_DONE)
        rc = lscb_fail(e, s == SQLITE_NOTADB ? LSCB_EINPUT : LSCB_ESYS,
                       "warehouse %s: cannot copy: %s", c->target,
                       bk ? sqlite3_errstr(s) : sqlite3_errmsg(rd ? rd : dst));
    sqlite3_close(rd);
    if (sqlite3_close(dst) != SQLITE_OK && rc == LSCB_OK)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot write the copy", c->copy);
    return rc;
}

lscb_err whcopy_begin(struct whcopy *c, const char *warehouse, int follow_link,
                      struct lscb_error *e)
{
    memset(c, 0, sizeof *c);
    c->lockfd = -1;
    struct stat st;
    bool exists = lstat(warehouse, &st) == 0;
    if (exists && S_ISLNK(st.st_mode)) {
        if (!follow_link)
            return lscb_fail(e, LSCB_EINPUT, "%s: the warehouse is a symbolic link: name the "
                             "file it points to with --warehouse", warehouse);
        c->target = realpath(warehouse, NULL);
        if (!c->target)
            return lscb_fail(e, LSCB_EINPUT, "%s: a symbolic link to nothing: %s", warehouse,
                             strerror(errno));
    } else {
        c->target = lscb_xstrdup(warehouse);
    }
    char *lockp = lscb_xmalloc(strlen(c->target) + 8);
    memcpy(lockp, c->target, strlen(c->target));
    memcpy(lockp + strlen(c->target), ".lock", 6); /* sized for it above */
    c->lockfd = whcopy_lock(lockp, c->target, e);
    free(lockp);
    if (c->lockfd < 0) {
        whcopy_release(c);
        return LSCB_ESYS;
    }
    /* looked at again under the lock: the loader before us may have made it */
    exists = stat(c->target, &st) == 0;
    lscb_err rc = LSCB_OK;
    if (exists && !S_ISREG(st.st_mode))
        rc = lscb_fail(e, LSCB_EINPUT, "%s: the warehouse is not a file", c->target);
    else if (exists && !(st.st_mode & S_IWUSR))
        rc = lscb_fail(e, LSCB_EINPUT, "%s: the warehouse is read-only (mode %03o): make it "
                       "writable to load into it", c->target, (unsigned)(st.st_mode & 0777));
    if (rc) {
        whcopy_release(c);
        return rc;
    }
    remove_stale_copies(c->target);
    size_t n = strlen(c->target) + 16;
    c->copy = lscb_xmalloc(n);
    memcpy(c->copy, c->target, n - 16);
    memcpy(c->copy + n - 16, ".loading-XXXXXX", 16); /* sized for it above */
    int fd = mkstemp(c->copy);
    if (fd < 0) {
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot create a working copy: %s", c->target,
                       strerror(errno));
        free(c->copy);
        c->copy = NULL;
        whcopy_release(c);
        return rc;
    }
    /* the warehouse's own mode (a group may read it), never others' */
    if (exists && fchmod(fd, st.st_mode & 0660) != 0)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot set its mode: %s", c->copy, strerror(errno));
    close(fd);
    if (rc == LSCB_OK && exists && st.st_size > 0)
        rc = snapshot(c, e);
    if (rc)
        whcopy_release(c);
    return rc;
}

lscb_err whcopy_commit(struct whcopy *c, struct lscb_error *e)
{
    lscb_err rc = LSCB_OK;
    int fd = open(c->copy, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot write: %s", c->copy, strerror(errno));
    if (fd >= 0)
        close(fd);
    lscb_crash_point("warehouse-before-rename");
    if (rc == LSCB_OK && rename(c->copy, c->target) != 0)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot put the warehouse in place: %s", c->target,
                       strerror(errno));
    if (rc == LSCB_OK) {
        free(c->copy);
        c->copy = NULL;
        char *d = lscb_xstrdup(c->target);
        int dfd = open(dirname(d), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        free(d);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    whcopy_release(c);
    return rc;
}

lscb_err whcopy_prepare(struct whcopy *c, unsigned long long *ino, struct lscb_error *e)
{
    lscb_err rc = LSCB_OK;
    int fd = open(c->copy, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot write: %s", c->copy, strerror(errno));
    if (fd >= 0)
        close(fd);
    struct stat st;
    *ino = stat(c->target, &st) == 0 ? (unsigned long long)st.st_ino : 0;
    lscb_crash_point("warehouse-before-rename");
    return rc;
}

void whcopy_forget(struct whcopy *c)
{
    free(c->copy);
    c->copy = NULL;
    whcopy_release(c);
}

void whcopy_release(struct whcopy *c)
{
    if (c->copy)
        unlink(c->copy);
    /* the old file's RESERVED lock: nothing was written through it, so
     * closing leaves no journal */
    if (c->src) {
        sqlite3_exec(c->src, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(c->src);
    }
    if (c->lockfd >= 0)
        close(c->lockfd);
    free(c->copy);
    free(c->target);
    memset(c, 0, sizeof *c);
    c->lockfd = -1;
}
