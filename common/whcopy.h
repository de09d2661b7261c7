/*
 * whcopy.h — an SQLite warehouse changed as a working copy renamed into
 * place, one loader at a time.
 *
 * Why a copy: a load that fails or is killed half-way must leave the
 * warehouse as it was, and a load is many transactions.  Why not a byte
 * copy: a warehouse may have a hot rollback journal (a writer killed while
 * committing) or a write-ahead log beside it; copied without them the copy
 * misses committed data, and a stale journal or WAL left beside the renamed
 * copy is replayed into it ("invalid page number").  So the copy is taken
 * through SQLite (the backup API), which rolls a hot journal back first, and
 * a warehouse in WAL mode is turned back to rollback mode, which SQLite only
 * allows when no other program has it open (else the load is refused).
 *
 * Who may write: the warehouse's directory is locked (flock) from the copy
 * to the rename, so
 * several work directories sharing one warehouse take turns and each load
 * starts from the one before; the warehouse itself is held with SQLite's
 * RESERVED lock (readers go on, no other writer) until the rename.
 */
#ifndef LSCB_WHCOPY_H
#define LSCB_WHCOPY_H

#include "common/lscb.h"

struct whcopy {
    char *target;   /* the warehouse file (a symbolic link's target when named through one) */
    char *copy;     /* the working copy beside it (mode of the warehouse, never for others) */
    int lockfd;     /* target.lock, flock'ed; -1 when not held */
    void *src;      /* sqlite3 * on target, RESERVED lock held; NULL when none */
    void *flush;    /* the copy's background sync (whcopy_flush_start); NULL when none */
};

/* Takes target.lock (waiting up to LSCB_LOCK_WAIT seconds, default 3600,
 * for another loader), removes copies killed loaders left, and makes a new
 * copy of the warehouse (an empty file when there is none yet).
 * follow_link: a warehouse named through a symbolic link is its target
 * (else a link is refused: a work directory's own warehouse is never one).
 * Errors: LSCB_EINPUT (not a file, read-only), LSCB_ESYS (the lock, WAL in
 * use by another program, I/O).  On error nothing is held; on success
 * release with whcopy_commit or whcopy_release. */
lscb_err whcopy_begin(struct whcopy *c, const char *warehouse, int follow_link,
                      struct lscb_error *e);

/* Starts writing the copy's pages to disk on a thread of its own, while
 * the run goes on reading it (the stats): the sync before the rename then
 * finds little left to write.  Call once the copy's big writes are done
 * (later writes are synced at the rename as ever).  Nothing is reported
 * here: an error of the background sync fails whcopy_commit or
 * whcopy_prepare, and one that cannot start leaves the whole sync to them. */
void whcopy_flush_start(struct whcopy *c);

/* Syncs the copy, renames it over the warehouse (the one step at which the
 * warehouse changes) and syncs the directory; then releases c. */
lscb_err whcopy_commit(struct whcopy *c, struct lscb_error *e);

/* For a commit done by someone else (lscb-run's rundir_commit renames the
 * copy after the other outputs and its marker): syncs the copy and returns
 * in *ino the warehouse's inode now (0: none yet), which the marker records
 * so that a later roll-forward never puts the copy over another loader's
 * newer warehouse.  Then puts the copy aside as TARGET.pending-XXXXXX
 * (c->copy is that name after) with a note TARGET.pending-XXXXXX.run naming
 * rundir: a loader from another work directory that finds it after a kill
 * puts it in place if rundir holds its commit marker, else removes it (a
 * killed run's committed load is never lost).  Drop the note with
 * whcopy_note_drop once the copy is renamed into place. */
lscb_err whcopy_prepare(struct whcopy *c, const char *rundir, unsigned long long *ino,
                        struct lscb_error *e);

/* Removes the note of a pending copy (its path), after its rename. */
void whcopy_note_drop(const char *pending);

/* The copy is no longer c's to remove (renamed into place, or left for the
 * next run to roll forward); then releases c. */
void whcopy_forget(struct whcopy *c);

/* Removes the copy (if not committed) and releases the locks; safe on a
 * zeroed, committed or released whcopy. */
void whcopy_release(struct whcopy *c);

/* Takes the warehouse target's lock: flock on its directory (exclusive),
 * waiting up to LSCB_LOCK_WAIT seconds.  A directory, not a lock file: a
 * lock file deleted while held lets a second loader in; the directory
 * cannot go while the warehouse is in it.  (Loaders of several warehouses
 * in one directory take turns too.)  Returns the descriptor or -1 with e
 * filled. */
int whcopy_lock(const char *target, struct lscb_error *e);

/* lscb-run's work directory locked for the whole run: flock on the
 * directory itself (waiting as whcopy_lock does), so that a second run in
 * it waits even when the lock file was deleted under the first (it used to
 * go ahead and remove the first run's directory as a killed run's).  Held
 * by the process: whcopy_lock of a warehouse in that directory returns at
 * once.  whcopy_unhold_dir releases it (safe when nothing is held). */
lscb_err whcopy_hold_dir(const char *dir, struct lscb_error *e);
void whcopy_unhold_dir(void);

#endif
