/* pseudonym.c — see pseudonym.h. */
#define _POSIX_C_SOURCE 200809L
#include "pseudonym.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static lscb_err read_key(const char *path, struct pseudonym_key *k, struct lscb_error *e)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return lscb_fail(e, errno == ENOENT ? LSCB_EINPUT : LSCB_ESYS,
                         "%s: cannot read the pseudonym key: %s", path, strerror(errno));
    ssize_t n = read(fd, k->key, sizeof k->key);
    close(fd);
    if (n < 16)
        return lscb_fail(e, LSCB_EINPUT, "%s: pseudonym key shorter than 16 bytes", path);
    k->len = (size_t)n;
    return LSCB_OK;
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
        k->len = n < sizeof k->key ? n : sizeof k->key;
        memcpy(k->key, env, k->len);
        return LSCB_OK;
    }
    if (!key_file)
        return lscb_fail(e, LSCB_EUSAGE, "no pseudonym key: set LSCB_PSEUDONYM_KEY or give a "
                         "key file");
    if (create && access(key_file, F_OK) != 0) {
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
