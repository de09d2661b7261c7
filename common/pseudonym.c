/* pseudonym.c — see pseudonym.h. */
#define _POSIX_C_SOURCE 200809L
#include "common/pseudonym.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The key file must be the owner's own, a regular file readable by no one
 * else: whoever reads it can link pseudonyms to children.  Opened without
 * following a link; read whole (a key longer than PSEUDONYM_KEY_MAX is an
 * error, never cut). */
static lscb_err read_key(const char *path, struct pseudonym_key *k, struct lscb_error *e)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return lscb_fail(e, errno == ENOENT ? LSCB_EINPUT : LSCB_ESYS,
                         "%s: cannot read the pseudonym key: %s%s", path, strerror(errno),
                         errno == ELOOP ? " (a symbolic link: name the file itself)" : "");
    struct stat st;
    lscb_err rc = LSCB_OK;
    if (fstat(fd, &st) != 0)
        rc = lscb_fail(e, LSCB_ESYS, "%s: %s", path, strerror(errno));
    else if (!S_ISREG(st.st_mode))
        rc = lscb_fail(e, LSCB_EINPUT, "%s: the pseudonym key is not a regular file", path);
    else if (st.st_uid != geteuid())
        rc = lscb_fail(e, LSCB_EINPUT, "%s: the pseudonym key belongs to another user (uid "
                       "%ld): it must be the running user's own", path, (long)st.st_uid);
    else if (st.st_mode & 077)
        rc = lscb_fail(e, LSCB_EINPUT, "%s: the pseudonym key is readable or writable by "
                       "others (mode %03o): chmod 600 it", path, (unsigned)(st.st_mode & 0777));
    ssize_t n = 0;
    if (rc == LSCB_OK) {
        /* one byte more than the largest key: a longer one is seen */
        unsigned char buf[PSEUDONYM_KEY_MAX + 1];
        size_t got = 0;
        while (got < sizeof buf && (n = read(fd, buf + got, sizeof buf - got)) > 0)
            got += (size_t)n;
        if (n < 0)
            rc = lscb_fail(e, LSCB_ESYS, "%s: cannot read the pseudonym key: %s", path,
                           strerror(errno));
        else if (got < 16)
            rc = lscb_fail(e, LSCB_EINPUT, "%s: pseudonym key shorter than 16 bytes", path);
        else if (got > PSEUDONYM_KEY_MAX)
            rc = lscb_fail(e, LSCB_EINPUT, "%s: pseudonym key longer than %d bytes", path,
                           PSEUDONYM_KEY_MAX);
        else {
            memcpy(k->key, buf, got);
            k->len = got;
        }
        memset(buf, 0, sizeof buf);
    }
    close(fd);
    return rc;
}

static lscb_err new_key(const char *path, struct lscb_error *e)
{
    unsigned char key[32];
    int r = open("/dev/urandom", O_RDONLY);
    if (r < 0 || read(r, key, sizeof key) != (ssize_t)sizeof key) {
        if (r >= 0)
            close(r);
        return lscb_fail(e, LSCB_ESYS, "cannot read /dev/urandom for a pseudonym key");
    }
    close(r);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return lscb_fail(e, LSCB_ESYS, "%s: cannot create the pseudonym key: %s", path,
                         strerror(errno));
    lscb_err rc = LSCB_OK;
    if (write(fd, key, sizeof key) != (ssize_t)sizeof key || fsync(fd) != 0)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot write the pseudonym key: %s", path,
                       strerror(errno));
    if (close(fd) != 0 && rc == LSCB_OK)
        rc = lscb_fail(e, LSCB_ESYS, "%s: cannot write the pseudonym key", path);
    if (rc != LSCB_OK)
        unlink(path);
    return rc;
}

lscb_err pseudonym_key_load(const char *key_file, int create, struct pseudonym_key *k,
                            struct lscb_error *e)
{
    memset(k, 0, sizeof *k);
    const char *env = getenv("LSCB_PSEUDONYM_KEY");
    if (env && *env) {
        size_t n = strlen(env);
        if (n < 16)
            return lscb_fail(e, LSCB_EINPUT, "LSCB_PSEUDONYM_KEY is shorter than 16 characters");
        if (n > PSEUDONYM_KEY_MAX)
            return lscb_fail(e, LSCB_EINPUT, "LSCB_PSEUDONYM_KEY is longer than %d characters",
                             PSEUDONYM_KEY_MAX);
        k->len = n;
        memcpy(k->key, env, k->len);
        return LSCB_OK;
    }
    if (!key_file)
        return lscb_fail(e, LSCB_EUSAGE, "no pseudonym key: set LSCB_PSEUDONYM_KEY or give a "
                         "key file");
    struct stat st;
    if (create && lstat(key_file, &st) != 0 && errno == ENOENT) {
        lscb_err rc = new_key(key_file, e);
        if (rc)
            return rc;
    }
    return read_key(key_file, k, e);
}

void pseudonym_of(const struct pseudonym_key *k, const char *la, const char *child_id,
                  char out[PSEUDONYM_LEN + 1])
{
    struct hmac_sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    hmac_sha256_set_key(&ctx, k->len, k->key);
    hmac_sha256_update(&ctx, strlen(la), (const uint8_t *)la);
    hmac_sha256_update(&ctx, 1, (const uint8_t *)"|");
    hmac_sha256_update(&ctx, strlen(child_id), (const uint8_t *)child_id);
    hmac_sha256_digest(&ctx, sizeof digest, digest);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < PSEUDONYM_LEN / 2; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[PSEUDONYM_LEN] = '\0';
}
