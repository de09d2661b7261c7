/* whcopy.c — see whcopy.h. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE   /* realpath */
#include "common/whcopy.h"
#include "common/whdb.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/csvio.h"
#include "common/text.h"

/* The directory this process holds locked for its whole run
 * (whcopy_hold_dir), -1 when none. */
static int held_dir = -1;

static bool same_file(int a, int b)
{
    struct stat sa, sb;
    return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

int whcopy_lock(const char *target, struct lscb_error *e)
{
    /* the warehouse's directory, never deleted while the warehouse is in it
     * (a lock file could be: a second loader would then lock a new one) */
    char *d = lscb_xstrdup(target);
    const char *dir = dirname(d);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        lscb_fail(e, LSCB_ESYS, "%s: cannot open the warehouse's directory to lock it: %s", dir,
                  strerror(errno));
        free(d);
        return -1;
    }
    /* the work directory this process has locked already (a flock on a
     * second descriptor of it would wait for ourselves) */
    if (held_dir >= 0 && same_file(fd, held_dir)) {
        free(d);
        return fd;
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
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
            free(d);
            return fd;
        }
        if (errno != EWOULDBLOCK && errno != EINTR) {
            lscb_fail(e, LSCB_ESYS, "%s: cannot lock: %s", dir, strerror(errno));
            break;
        }
        if (tenths >= wait * 10) {
            lscb_fail(e, LSCB_ESYS, "%s: another lscb-run has held %s for %ld s (loading into "
                      "a warehouse there, or running in that work directory); try again when "
                      "it has finished", target, dir, wait);
            break;
        }
        nanosleep(&(struct timespec){0, 100000000L}, NULL);
    }
    free(d);
    close(fd);
    return -1;
}

lscb_err whcopy_hold_dir(const char *dir, struct lscb_error *e)
{
    whcopy_unhold_dir();
    char *inside = text_xfmt("%s/.", dir);
    int fd = whcopy_lock(inside, e);
    free(inside);
    if (fd < 0)
        return LSCB_ESYS;
    held_dir = fd;
    return LSCB_OK;
}

void whcopy_unhold_dir(void)
{
    if (held_dir >= 0)
        close(held_dir);
    held_dir = -1;
}

/* NAME.pending-XXXXXX.run: the run directory of a copy put aside to commit */
static char *note_path(const char *pending)
{
    return text_xfmt("%s.run", pending);
}

void whcopy_note_drop(const char *pending)
{
    char *np = note_path(pending);
    unlink(np);
    free(np);
}

/* A copy a killed run put aside to commit (dfd/name, TARGET.pending-XXXXXX):
 * put in place if its run had begun to commit (its marker is there), else
 * removed.  The run is dead: it held the lock we hold now. */
static lscb_err settle_pending(int dfd, const char *dir, const char *name, const char *target,
                               struct lscb_error *e)
{
    char *np = note_path(name);
    char rundir[4200];
    ssize_t n = -1;
    int fd = openat(dfd, np, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid())
        n = read(fd, rundir, sizeof rundir - 1);
    if (fd >= 0)
        close(fd);
    lscb_err rc = LSCB_OK;
    if (n <= 1 || rundir[0] != '/' || rundir[n - 1] != '\n') {
        rc = lscb_fail(e, LSCB_ESYS, "%s/%s: a killed run's warehouse copy whose note (%s) is "
                       "missing or damaged: whether it was committed cannot be told; if the "
                       "run that made it was finished by a later run in its work directory, "
                       "remove it, else rename it over %s", dir, name, np, target);
        free(np);
        return rc;
    }
    rundir[n - 1] = '\0';
    size_t rl = strlen(rundir);
    char marker[4300];
    bool committed = rl < 4200 && !text_fmt(marker, sizeof marker, "%s/.commit", rundir) &&
                     lstat(marker, &st) == 0 && S_ISREG(st.st_mode);
    if (committed) {
        const char *tb = strrchr(target, '/');
        if (renameat(dfd, name, dfd, tb ? tb + 1 : target) != 0)
            rc = lscb_fail(e, LSCB_ESYS, "%s: cannot put a killed run's committed load in "
                           "place: %s", target, strerror(errno));
        else
            fsync(dfd);
    } else {
        unlinkat(dfd, name, 0);
    }
    if (rc == LSCB_OK)
        unlinkat(dfd, np, 0);
    free(np);
    return rc;
}

/* Under the lock: the working copies killed loaders left beside target go;
 * a copy a killed run had put aside to commit is settled first (never lost:
 * another work directory's loader used to remove it as stale).  Regular
 * files of the user running only. */
static lscb_err settle_copies(const char *target, struct lscb_error *e)
{
    char *d = lscb_xstrdup(target), *b = lscb_xstrdup(target);
    const char *dir = dirname(d), *base = basename(b);
    size_t bl = strlen(base);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dh = dfd >= 0 ? fdopendir(dfd) : NULL;
    lscb_err rc = LSCB_OK;
    if (dh) {
        struct dirent *de;
        while (rc == LSCB_OK && (de = readdir(dh)) != NULL) {
            const char *n = de->d_name;
            if (strncmp(n, base, bl))
                continue;
            const char *sfx = n + bl;
            /* a killed loader's copy, and the journal SQLite kept beside it */
            bool loading = !strncmp(sfx, ".loading-", 9) &&
                           (strlen(sfx) == 15 || !strcmp(sfx + 15, "-journal") ||
                            !strcmp(sfx + 15, "-wal") || !strcmp(sfx + 15, "-shm"));
            bool pending = !strncmp(sfx, ".pending-", 9) && strlen(sfx) == 15;
            bool note = !strncmp(sfx, ".pending-", 9) && strlen(sfx) == 19 &&
                        !strcmp(sfx + 15, ".run");
            struct stat st;
            if ((!loading && !pending && !note) ||
                fstatat(dirfd(dh), n, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
                st.st_uid != geteuid())
                continue;
            if (loading)
                unlinkat(dirfd(dh), n, 0);
            else if (pending)
                rc = settle_pending(dirfd(dh), dir, n, target, e);
        }
        /* notes whose copy is gone (killed between the note and the rename) */
        rewinddir(dh);
        while (rc == LSCB_OK && (de = readdir(dh)) != NULL) {
            const char *n = de->d_name, *sfx = n + bl;
            struct stat st;
            if (!strncmp(n, base, bl) && !strncmp(sfx, ".pending-", 9) && strlen(sfx) == 19 &&
                !strcmp(sfx + 15, ".run") &&
                fstatat(dirfd(dh), n, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
                st.st_uid == geteuid()) {
                char copy[300];
                if (!text_fmt(copy, sizeof copy, "%.*s", (int)(strlen(n) - 4), n) &&
                    fstatat(dirfd(dh), copy, &st, AT_SYMLINK_NOFOLLOW) != 0)
                    unlinkat(dirfd(dh), n, 0);
            }
        }
        closedir(dh);
    } else if (dfd >= 0) {
        close(dfd);
    }
    free(d);
    free(b);
    return rc;
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
    whdb_tune_sqlite();
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
    c->lockfd = whcopy_lock(c->target, e);
    if (c->lockfd < 0) {
        whcopy_release(c);
        return LSCB_ESYS;
    }
    lscb_err rc = LSCB_OK;
    /* SQLite opens these beside the warehouse by name: through a link it
     * would play another file into the warehouse as its journal, or write
     * through it */
    static const char *const side[] = {"-journal", "-wal", "-shm"};
    for (size_t i = 0; rc == LSCB_OK && i < sizeof side / sizeof *side; i++) {
        char *sp = text_xfmt("%s%s", c->target, side[i]);
        struct stat ss;
        if (lstat(sp, &ss) == 0 && !S_ISREG(ss.st_mode))
            rc = lscb_fail(e, LSCB_EINPUT, "%s: is %s, not SQLite's own file: SQLite would read "
                           "and write the warehouse's %s through it; remove it (nothing was "
                           "changed)", sp, S_ISLNK(ss.st_mode) ? "a symbolic link" :
                           S_ISDIR(ss.st_mode) ? "a directory" : "a special file", side[i] + 1);
        else if (lstat(sp, &ss) == 0 && ss.st_uid != geteuid())
            rc = lscb_fail(e, LSCB_EINPUT, "%s: belongs to another user (uid %u): SQLite would "
                           "play it into the warehouse as its %s; remove it if it is not a "
                           "crashed writer's of yours (nothing was changed)", sp,
                           (unsigned)ss.st_uid, side[i] + 1);
        free(sp);
    }
    /* a killed run's committed load is put in place before we copy */
    if (rc == LSCB_OK)
        rc = settle_copies(c->target, e);
    /* looked at again under the lock (and a killed run's load settled): the
     * loader before us may have made it */
    exists = stat(c->target, &st) == 0;
    if (rc == LSCB_OK && exists && !S_ISREG(st.st_mode))
        rc = lscb_fail(e, LSCB_EINPUT, "%s: the warehouse is not a file", c->target);
    else if (rc == LSCB_OK && exists && !(st.st_mode & S_IWUSR))
        rc = lscb_fail(e, LSCB_EINPUT, "%s: the warehouse is read-only (mode %03o): make it "
                       "writable to load into it", c->target, (unsigned)(st.st_mode & 0777));
    if (rc) {
        whcopy_release(c);
        return rc;
    }
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

/* ---- the background sync ---- */

struct flush {
    pthread_t thread;
    int fd;    /* the copy, opened before the thread starts */
    int err;   /* the sync's errno; 0 when it succeeded */
};

static void *flush_main(void *arg)
{
    struct flush *f = arg;
    f->err = fdatasync(f->fd) == 0 ? 0 : errno;
    return NULL;
}

void whcopy_flush_start(struct whcopy *c)
{
    if (!c->copy || c->flush)
        return;
    struct flush *f = lscb_xcalloc(1, sizeof *f);
    f->fd = open(c->copy, O_RDONLY | O_CLOEXEC);
    if (f->fd >= 0 && pthread_create(&f->thread, NULL, flush_main, f) == 0) {
        c->flush = f;
        return;
    }
    if (f->fd >= 0)
        close(f->fd);
    free(f);
}

/* Waits for the background sync: its errno, 0 when none failed.  (The
 * kernel reports a failed write-back once, to the sync that meets it: the
 * sync at the rename could miss an error this one saw.) */
static int flush_join(struct whcopy *c)
{
    struct flush *f = c->flush;
    if (!f)
        return 0;
    pthread_join(f->thread, NULL);
    close(f->fd);
    int err = f->err;
    free(f);
    c->flush = NULL;
    return err;
}

/* Syncs the copy (after its background sync, whose error counts too). */
static lscb_err sync_copy(struct whcopy *c, struct lscb_error *e)
{
    int err = flush_join(c);
    int fd = open(c->copy, O_RDONLY | O_CLOEXEC);
    if (!err && (fd < 0 || fsync(fd) != 0))
        err = errno;
    if (fd >= 0)
        close(fd);
    return err ? lscb_fail(e, LSCB_ESYS, "%s: cannot write: %s", c->copy, strerror(err))
               : LSCB_OK;
}

lscb_err whcopy_commit(struct whcopy *c, struct lscb_error *e)
{
    lscb_err rc = sync_copy(c, e);
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

lscb_err whcopy_prepare(struct whcopy *c, const char *rundir, unsigned long long *ino,
                        struct lscb_error *e)
{
    lscb_err rc = sync_copy(c, e);
    struct stat st;
    *ino = stat(c->target, &st) == 0 ? (unsigned long long)st.st_ino : 0;
    lscb_crash_point("warehouse-before-rename");
    /* aside as TARGET.pending-XXXXXX with a note naming the run directory,
     * so that a loader from another work directory settles it (from the
     * run's marker) instead of removing it as a killed loader's copy */
    size_t cl = strlen(c->copy);
    char *pending = lscb_xstrdup(c->copy);
    memcpy(pending + cl - 15, ".pending-", 9);
    char *np = note_path(pending);
    char *real = rc == LSCB_OK ? realpath(rundir, NULL) : NULL;
    if (rc == LSCB_OK && !real)
        rc = lscb_fail(e, LSCB_ESYS, "%s: %s", rundir, strerror(errno));
    int nfd = rc == LSCB_OK ? open(np, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                                   0600) : -1;
    if (rc == LSCB_OK && (nfd < 0 || dprintf(nfd, "%s\n", real) < 0 || fsync(nfd) != 0))
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot write: %s", np, strerror(errno));
    if (nfd >= 0)
        close(nfd);
    if (rc == LSCB_OK && rename(c->copy, pending) != 0)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot rename: %s", c->copy, strerror(errno));
    if (rc == LSCB_OK) {
        free(c->copy);
        c->copy = pending;
        pending = NULL;
        char *d = lscb_xstrdup(c->target);
        int dfd = open(dirname(d), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        free(d);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    } else if (nfd >= 0) {
        unlink(np);
    }
    free(real);
    free(np);
    free(pending);
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
    flush_join(c);
    if (c->copy) {
        unlink(c->copy);
        whcopy_note_drop(c->copy);
    }
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
