/*
 * pseudonym.h — keyed pseudonyms for LA child IDs in the warehouse.
 *
 * The warehouse never holds a child's LA child ID: load replaces it by
 * HMAC-SHA256(key, LA code "|" LA child ID) (nettle), the first 16 bytes in
 * hex.  The same key gives the same pseudonym, so census years still merge;
 * without the key the ID cannot be recovered or checked.  The key comes from
 * LSCB_PSEUDONYM_KEY (16 to 256 characters), else from a key file
 * (lscb-run keeps WORKDIR/pseudonym.key, created once from /dev/urandom,
 * owner-only; a key file must be a regular file of the running user's, mode
 * 600 or stricter, 16 to 256 bytes, and is never read through a link).  Keys
 * are used whole: before 0.2 a key was cut to 64 bytes, so a warehouse built
 * with a longer one refuses the whole key (load it again).  Losing or changing the key means loading every year again.
 */
#ifndef LSCB_PSEUDONYM_H
#define LSCB_PSEUDONYM_H

#include <stddef.h>
#include "common/lscb.h"

#define PSEUDONYM_LEN 32    /* hex characters */

#define PSEUDONYM_KEY_MAX 256   /* bytes; HMAC hashes a key longer than 64 whole */

struct pseudonym_key {
    unsigned char key[PSEUDONYM_KEY_MAX];
    size_t len;
};

/* The key from LSCB_PSEUDONYM_KEY, else from key_file (created with a new
 * random key when create is set and it does not exist).  Errors:
 * LSCB_EINPUT (too short, unreadable), LSCB_ESYS. */
lscb_err pseudonym_key_load(const char *key_file, int create, struct pseudonym_key *k,
                            struct lscb_error *e);

/* Writes the pseudonym of (la, child_id) into out (PSEUDONYM_LEN + 1). */
void pseudonym_of(const struct pseudonym_key *k, const char *la, const char *child_id,
                  char out[PSEUDONYM_LEN + 1]);

#endif
