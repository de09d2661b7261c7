/*
 * paths.h — finding the project's run-time files (templates, data) from an
 * installed binary or the build tree.
 */
#ifndef LSCB_PATHS_H
#define LSCB_PATHS_H

/* Finds subdir/file: first in the directory named by environment variable
 * env (if set and not NULL), then <binary dir>/../subdir (build tree), then
 * <binary dir>/../share/lscb-stats/subdir (installed), then
 * LSCB_DATADIR/subdir.  Returns a new string (free()) or NULL. */
char *lscb_find_file(const char *env, const char *subdir, const char *file);

#endif
