/* paths.c — see paths.h. */
#define _POSIX_C_SOURCE 200809L
#include "common/paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/csvio.h"

#ifndef LSCB_DATADIR
#define LSCB_DATADIR "/usr/local/share/lscb-stats"
#endif

static char *try_dir(const char *dir, const char *sub, const char *file)
{
    char *d = sub ? path_join(dir, sub) : lscb_xstrdup(dir);
    char *p = path_join(d, file);
    free(d);
    if (access(p, R_OK) == 0)
        return p;
    free(p);
    return NULL;
}

char *lscb_find_file(const char *env, const char *subdir, const char *file)
{
    const char *ev = env ? getenv(env) : NULL;
    char *hit = ev && *ev ? try_dir(ev, NULL, file) : NULL;
    if (hit)
        return hit;
    char exe[4096];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k > 0) {
        exe[k] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char *up = path_join(exe, "..");
            hit = try_dir(up, subdir, file);
            free(up);
            if (hit)
                return hit;
            up = path_join(exe, "../share/lscb-stats");
            hit = try_dir(up, subdir, file);
            free(up);
            if (hit)
                return hit;
        }
    }
    return try_dir(LSCB_DATADIR, subdir, file);
}
