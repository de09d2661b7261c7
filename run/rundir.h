/*
 * rundir.h — lscb-run's outputs made in a private directory of the work
 * directory and put in place together at the end.
 *
 * Why: DESIGN.md's contract says a run that does not exit 0 leaves every
 * output exactly as it was, and that nothing the run creates is readable by
 * others.  Every stage therefore writes into WORKDIR/.run-XXXXXX (mode
 * 0700, made by mkdtemp, so no planted link or file can be in it): staged/,
 * normalized/, rejects.csv, validation.csv, tables/ (begun as hard links to
 * WORKDIR/tables, so files the stats remove go too), the workbook.  A failed
 * run removes the directory; a successful one writes a marker (.commit) and
 * then renames each output over its old self; tables/ is swapped whole.  A
 * run killed after the marker is finished by the next run in the work
 * directory (rundir_recover), one killed before it is discarded, so the
 * outputs are always all of one run.
 *
 * Files in the run directory whose names begin with '.' are the run's own
 * (not outputs); subdirectories other than tables/, staged/ and normalized/
 * are never made.
 */
#ifndef LSCB_RUNDIR_H
#define LSCB_RUNDIR_H

#include "common/lscb.h"

struct rundir {
    char *workdir;
    char *dir;      /* WORKDIR/.run-XXXXXX, NULL when none */
};

/* Under the work directory's lock: finishes the commit of a run killed
 * after its marker, removes what runs killed before it left (their run
 * directories and, from older versions, temporary files beside the
 * outputs).  Never follows a symbolic link.  A marked run directory whose
 * outputs cannot be put in place (a directory in the way) is kept, with
 * LSCB_ESYS and a message naming it: never deleted with the key in it. */
lscb_err rundir_recover(const char *workdir, struct lscb_error *e);

/* Makes the run directory (and its tables/ with hard links to the work
 * directory's tables).  On error nothing is left. */
lscb_err rundir_create(struct rundir *r, const char *workdir, struct lscb_error *e);

/* A new string: the run directory's path for name (free()). */
char *rundir_path(const struct rundir *r, const char *name);

/* What rundir_commit checks first: nothing in an output's way (a directory
 * where a file goes); LSCB_ESYS naming it, else LSCB_OK.  For a warehouse
 * committed just before the marker (PostgreSQL). */
lscb_err rundir_check(const struct rundir *r, struct lscb_error *e);

/* Puts every output in place: first a check that nothing is in the way
 * (else an error and nothing changed), then the marker (naming whcopy, the
 * SQLite warehouse's working copy, NULL when none, and whino, the
 * warehouse's inode when copied), then each file (the pseudonym key among
 * them), tables/ and any staged/ or normalized/, then the warehouse copy
 * renamed over the warehouse (the caller still holding its lock).  Then
 * removes the run directory.  On error after the marker it stays and the
 * next run finishes the job. */
lscb_err rundir_commit(struct rundir *r, const char *whcopy, unsigned long long whino,
                       struct lscb_error *e);

/* Removes the run directory and all in it (a failed run); safe on a zeroed
 * or committed rundir.  Frees r's strings. */
void rundir_discard(struct rundir *r);

/* Removes the run directory's name (its staged/ or normalized/) whole. */
void rundir_drop(const struct rundir *r, const char *name);

/* Removes WORKDIR/name, a staged/ or normalized/ a run kept: the files the
 * stages write there (ENTITY.csv, census.csv, validation_counts.csv and
 * their temporary files) when they are the user's own regular files, then
 * the directory if that left it empty.  Never follows a symbolic link: a
 * link there is removed itself. */
void rundir_remove_dir(const char *workdir, const char *name);

#endif
