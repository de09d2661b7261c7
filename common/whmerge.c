/* whmerge.c — see whmerge.h. */
#define _POSIX_C_SOURCE 200809L
#include "common/whmerge.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"

/* ---- a map from a record's key (its key columns' values, typed) to the
 * census row holding its latest version ---- */

#define BLOCK_BITS 20
#define BLOCK (1u << BLOCK_BITS)

struct kslot {
    uint32_t hash;
    uint32_t ref;    /* where the key is: block << BLOCK_BITS | offset, plus 1; 0: empty */
    uint32_t rowid;  /* the census row of the latest version */
    int32_t year;    /* its census year */
};

struct kmap {
    struct kslot *slots;
    size_t cap, count;     /* cap a power of two */
    char **blocks;         /* the keys: a 4-byte length, then the bytes */
    size_t nblocks, used;  /* bytes used of the last block */
    char *buf;             /* the key being looked at */
    size_t len, bufcap;
    bool give_up;          /* past what the map holds (32-bit references and rowids),
                              or a key twice in one census year: the window's SQL */
    uint32_t max_rowid;
    uint32_t first_rowid;  /* the gathered keys: la's first row */
    unsigned char *keep;   /* a bit per rowid: the rows kept */
};

static void kmap_init(struct kmap *m)
{
    memset(m, 0, sizeof *m);
    m->cap = 1024;
    m->slots = lscb_xcalloc(m->cap, sizeof *m->slots);
}

static void kmap_release(struct kmap *m)
{
    free(m->slots);
    for (size_t i = 0; i < m->nblocks; i++)
        free(m->blocks[i]);
    free(m->blocks);
    free(m->buf);
    free(m->keep);
    memset(m, 0, sizeof *m);
}

static void put(struct kmap *m, const void *p, size_t n)
{
    if (m->len + n > m->bufcap) {
        m->bufcap = (m->len + n) * 2 + 64;
        m->buf = lscb_xrealloc(m->buf, m->bufcap);
    }
    memcpy(m->buf + m->len, p, n);
    m->len += n;
}

/* Appends one value to the key being made: its type, then (unless NULL)
 * its length and text, so two keys are equal exactly when SQLite's
 * PARTITION BY finds them equal (same types, same bytes: BINARY). */
static void put_value(struct kmap *m, int type, const unsigned char *text, int bytes)
{
    unsigned char t = (unsigned char)type;
    put(m, &t, 1);
    if (type == SQLITE_NULL)
        return;
    uint32_t n = bytes > 0 ? (uint32_t)bytes : 0;
    put(m, &n, sizeof n);
    if (n)
        put(m, text, n);
}

static uint32_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ULL;
    }
    return (uint32_t)(h ^ (h >> 32));
}

/* The slot of the key in m->buf: its own, or the empty one it would take. */
static size_t find(const struct kmap *m, uint32_t h)
{
    size_t i = h & (m->cap - 1);
    for (; m->slots[i].ref; i = (i + 1) & (m->cap - 1)) {
        if (m->slots[i].hash != h)
            continue;
        uint32_t r = m->slots[i].ref - 1, len;
        const char *k = m->blocks[r >> BLOCK_BITS] + (r & (BLOCK - 1));
        memcpy(&len, k, sizeof len);
        if (len == m->len && !memcmp(k + sizeof len, m->buf, len))
            break;
    }
    return i;
}

static void grow(struct kmap *m)
{
    size_t ncap = m->cap * 2;
    struct kslot *n = lscb_xcalloc(ncap, sizeof *n);
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].ref) {
            size_t j = m->slots[i].hash & (ncap - 1);
            while (n[j].ref)
                j = (j + 1) & (ncap - 1);
            n[j] = m->slots[i];
        }
    free(m->slots);
    m->slots = n;
    m->cap = ncap;
}

/* The key in m->buf seen in census row rowid of census year: the latest
 * year's row kept. */
static void kmap_see(struct kmap *m, int year, long long rowid)
{
    if (rowid < 1 || rowid > UINT32_MAX) {
        m->give_up = true;
        return;
    }
    if ((uint32_t)rowid > m->max_rowid)
        m->max_rowid = (uint32_t)rowid;
    if ((m->count + 1) * 4 > m->cap * 3)
        grow(m);
    uint32_t h = hash_bytes(m->buf, m->len);
    size_t i = find(m, h);
    struct kslot *sl = &m->slots[i];
    if (sl->ref) {
        if (year == sl->year)
            m->give_up = true;   /* two versions in one year */
        else if (year > sl->year)
            *sl = (struct kslot){sl->hash, sl->ref, (uint32_t)rowid, year};
        return;
    }
    size_t need = sizeof(uint32_t) + m->len;
    if (need > BLOCK || (m->nblocks >= (1u << (32 - BLOCK_BITS)) - 1 && m->used + need > BLOCK)) {
        m->give_up = true;
        return;
    }
    if (!m->nblocks || m->used + need > BLOCK) {
        m->blocks = lscb_xrealloc(m->blocks, (m->nblocks + 1) * sizeof *m->blocks);
        m->blocks[m->nblocks++] = lscb_xmalloc(BLOCK);
        m->used = 0;
    }
    char *p = m->blocks[m->nblocks - 1] + m->used;
    uint32_t len = (uint32_t)m->len;
    memcpy(p, &len, sizeof len);
    memcpy(p + sizeof len, m->buf, m->len);
    *sl = (struct kslot){h, (uint32_t)(((m->nblocks - 1) << BLOCK_BITS) + m->used + 1),
                         (uint32_t)rowid, year};
    m->used += need;
    m->count++;
}

/* The rows kept, a bit per rowid; the keys are no longer needed. */
static void kmap_mark(struct kmap *m)
{
    m->keep = lscb_xcalloc((size_t)m->max_rowid / 8 + 1, 1);
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].ref)
            m->keep[m->slots[i].rowid / 8] |= (unsigned char)(1u << (m->slots[i].rowid % 8));
    free(m->slots);
    m->slots = NULL;
    for (size_t i = 0; i < m->nblocks; i++)
        free(m->blocks[i]);
    free(m->blocks);
    m->blocks = NULL;
    m->nblocks = 0;
}

/* lscb_merge_keep(rowid): 1 for a row holding its key's latest version. */
static void keep_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const struct kmap *m = sqlite3_user_data(cx);
    sqlite3_int64 r = sqlite3_value_int64(argv[0]);
    sqlite3_result_int(cx, r >= 1 && r <= m->max_rowid && (m->keep[r / 8] >> (r % 8) & 1));
}

/* ---- the merge ---- */

static lscb_err fail(sqlite3 *lite, const char *what, struct lscb_error *e)
{
    return lscb_fail(e, LSCB_ESYS, "warehouse %s: %s: %s", sqlite3_db_filename(lite, "main"),
                     what, sqlite3_errmsg(lite));
}

static lscb_err exec(sqlite3 *lite, const char *sql, struct lscb_error *e)
{
    return sqlite3_exec(lite, sql, NULL, NULL, NULL) == SQLITE_OK ? LSCB_OK
                                                                  : fail(lite, sql, e);
}

/* *yes = the statement gives a row. */
static lscb_err any_row(sqlite3 *lite, const char *sql, const char *la, bool *yes,
                        struct lscb_error *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(lite, sql, -1, &st, NULL) != SQLITE_OK)
        return fail(lite, sql, e);
    if (la)
        sqlite3_bind_text(st, 1, la, -1, SQLITE_STATIC);
    int s = sqlite3_step(st);
    *yes = s == SQLITE_ROW;
    sqlite3_finalize(st);
    return s == SQLITE_ROW || s == SQLITE_DONE ? LSCB_OK : fail(lite, sql, e);
}

/* *alone = la is the only authority the warehouse's load_log names (every
 * load writes its rows and its load_log row in one transaction): its census
 * rows are then every row of the tables, read whole, and counted without a
 * look-up (a warehouse of one authority has no (la_code, census_year)
 * index: wh_index_census). */
static lscb_err la_alone(sqlite3 *lite, const char *la, bool *alone, struct lscb_error *e)
{
    bool others = true;
    lscb_err rc = any_row(lite, "SELECT 1 FROM load_log WHERE la_code <> ? LIMIT 1", la, &others,
                          e);
    *alone = !others;
    return rc;
}

/* *text = every key column of census_<d> is declared TEXT, as the
 * warehouse makes them: the stored values are the texts bound, so equal
 * texts (what whkeys packs alike) are equal values.  (A column of another
 * affinity could turn two texts of digits into one number.) */
static lscb_err keys_text(sqlite3 *lite, const struct entity_def *d, bool *text,
                          struct lscb_error *e)
{
    char table[64];
    const char *sql = "SELECT type = 'TEXT' FROM pragma_table_info(?) WHERE name = ?";
    sqlite3_stmt *st;
    *text = true;
    if (text_fmt(table, sizeof table, "census_%s", d->name))
        return lscb_fail(e, LSCB_ESYS, "%s: table name too long", d->name);
    if (sqlite3_prepare_v2(lite, sql, -1, &st, NULL) != SQLITE_OK)
        return fail(lite, sql, e);
    int s = SQLITE_DONE;
    for (size_t i = 0; i < d->nkey && *text; i++) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, d->fields[i].name, -1, SQLITE_STATIC);
        s = sqlite3_step(st);
        *text = s == SQLITE_ROW && sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
    return s == SQLITE_ROW || s == SQLITE_DONE ? LSCB_OK : fail(lite, sql, e);
}

/* *rows = how many census rows of la's census_<d> holds. */
static lscb_err count_rows(sqlite3 *lite, const struct entity_def *d, const char *la,
                           bool alone, long long *rows, struct lscb_error *e)
{
    /* la alone in the table: SQLite counts the table's rows without
     * reading them */
    char sql[256];
    if (alone ? text_fmt(sql, sizeof sql, "SELECT count(*) FROM census_%s", d->name)
              : text_fmt(sql, sizeof sql, "SELECT count(*) FROM census_%s WHERE la_code = ?",
                         d->name))
        return lscb_fail(e, LSCB_ESYS, "%s: statement too long", d->name);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(lite, sql, -1, &st, NULL) != SQLITE_OK)
        return fail(lite, sql, e);
    if (!alone)
        sqlite3_bind_text(st, 1, la, -1, SQLITE_STATIC);
    int s = sqlite3_step(st);
    *rows = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return s == SQLITE_ROW ? LSCB_OK : fail(lite, sql, e);
}

/* The keys the one pass gathered (whkeys.h), when they are every row of
 * la's in the census table (the table may hold earlier years loaded by
 * another run; when it was empty as the stream began, they are, and the
 * rows need no counting): *used true, the rows to keep marked in m, *rows
 * la's rows (-1 when not counted). */
static lscb_err gathered_keys(sqlite3 *lite, const struct entity_def *d, const char *la,
                              bool alone, struct whkeys *pre, struct kmap *m, long long *rows,
                              bool *used, struct lscb_error *e)
{
    *used = false;
    *rows = -1;
    int ent = 0;
    while (ent < ENT_COUNT && &entity_defs[ent] != d)
        ent++;
    size_t n;
    /* (n 0: none of la's gathered, the rows another authority's) */
    if (!pre || ent == ENT_COUNT || !whkeys_have(pre, (enum entity_id)ent, la, &n) || !n)
        return LSCB_OK;
    bool text;
    lscb_err rc = keys_text(lite, d, &text, e);
    if (rc || !text)
        return rc;
    if (whkeys_was_empty(pre, (enum entity_id)ent))
        *rows = (long long)n;
    else
        rc = count_rows(lite, d, la, alone, rows, e);
    if (rc || *rows < 0 || (size_t)*rows != n)
        return rc;
    if (!whkeys_mark(pre, (enum entity_id)ent, &m->keep, &m->max_rowid, &m->count))
        m->give_up = true;
    /* la's rows are the ones the one pass inserted, numbered in sequence */
    m->first_rowid = m->max_rowid - (uint32_t)(n - 1);
    *used = true;
    return LSCB_OK;
}

/* Lists the rows first_rowid..max_rowid of la that m does not keep (the
 * gathered keys: those rows are every one of la's, so the census table
 * need not be read); *listed how many. */
static lscb_err list_unkept(sqlite3 *lite, const struct entity_def *d, const char *la,
                            const struct kmap *m, long long *listed, struct lscb_error *e)
{
    char sql[160];
    *listed = 0;
    if (text_fmt(sql, sizeof sql, "INSERT INTO census_%s_superseded (census_row, la_code) "
                 "VALUES (?, ?)", d->name))
        return lscb_fail(e, LSCB_ESYS, "%s: statement too long", d->name);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(lite, sql, -1, &st, NULL) != SQLITE_OK)
        return fail(lite, sql, e);
    sqlite3_bind_text(st, 2, la, -1, SQLITE_STATIC);
    int s = SQLITE_DONE;
    for (uint64_t r = m->first_rowid; r <= m->max_rowid && s == SQLITE_DONE; r++) {
        if (m->keep[r / 8] >> (r % 8) & 1)
            continue;
        sqlite3_bind_int64(st, 1, (sqlite3_int64)r);
        s = sqlite3_step(st);
        sqlite3_reset(st);
        ++*listed;
    }
    sqlite3_finalize(st);
    return s == SQLITE_DONE ? LSCB_OK : fail(lite, sql, e);
}

/* Reads every key of la's census rows with its census year into m. */
static lscb_err read_keys(sqlite3 *lite, const struct entity_def *d, const char *la,
                          bool alone, struct kmap *m, struct lscb_error *e)
{
    char sql[2048];
    int cut = text_fmt(sql, sizeof sql, "SELECT census_year, census_row");
    for (size_t i = 0; i < d->nkey; i++)
        cut |= text_append(sql, sizeof sql, ", %s", d->fields[i].name);
    cut |= text_append(sql, sizeof sql, " FROM census_%s%s WHERE la_code = ?", d->name,
                       alone ? " NOT INDEXED" : "");
    if (cut)
        return lscb_fail(e, LSCB_ESYS, "%s: key statement too long", d->name);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(lite, sql, -1, &st, NULL) != SQLITE_OK)
        return fail(lite, sql, e);
    sqlite3_bind_text(st, 1, la, -1, SQLITE_STATIC);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW && !m->give_up) {
        m->len = 0;
        for (int i = 2; i < 2 + (int)d->nkey; i++) {
            int t = sqlite3_column_type(st, i);
            const unsigned char *v = t == SQLITE_NULL ? NULL : sqlite3_column_text(st, i);
            put_value(m, t, v, t == SQLITE_NULL ? 0 : sqlite3_column_bytes(st, i));
        }
        kmap_see(m, sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1));
    }
    sqlite3_finalize(st);
    return s == SQLITE_ROW || s == SQLITE_DONE ? LSCB_OK : fail(lite, sql, e);
}

/* Lists la's census rows that the keys read into m do not keep (marked
 * first); *listed how many. */
static lscb_err list_by_scan(sqlite3 *lite, const struct entity_def *d, const char *la,
                             bool alone, struct kmap *m, long long *listed, struct lscb_error *e)
{
    char sql[512];
    kmap_mark(m);
    if (text_fmt(sql, sizeof sql, "INSERT INTO census_%s_superseded (census_row, la_code) "
                 "SELECT census_row, la_code FROM census_%s%s WHERE NOT "
                 "lscb_merge_keep(census_row) AND la_code = '%s'", d->name, d->name,
                 alone ? " NOT INDEXED" : "", la))
        return lscb_fail(e, LSCB_ESYS, "%s: merge statement too long", d->name);
    if (sqlite3_create_function(lite, "lscb_merge_keep", 1, SQLITE_UTF8, m, keep_fn, NULL,
                                NULL) != SQLITE_OK)
        return fail(lite, "lscb_merge_keep", e);
    lscb_err rc = exec(lite, sql, e);
    *listed = sqlite3_changes64(lite);
    sqlite3_create_function(lite, "lscb_merge_keep", 1, SQLITE_UTF8, NULL, NULL, NULL, NULL);
    return rc;
}

/* Lists la's superseded rows by the window's SQL: every version but each
 * key's latest (its row number 1). */
static lscb_err window_supersede(sqlite3 *lite, const struct entity_def *d, const char *la,
                                 const char *keys, struct lscb_error *e)
{
    char sql[2048];
    if (text_fmt(sql, sizeof sql, "INSERT INTO census_%s_superseded (census_row, la_code) "
                 "SELECT census_row, la_code FROM (SELECT census_row, la_code, row_number() OVER "
                 "(PARTITION BY %s ORDER BY census_year DESC) AS rn FROM census_%s WHERE "
                 "la_code = '%s') AS v WHERE rn > 1 ORDER BY census_row", d->name, keys, d->name,
                 la))
        return lscb_fail(e, LSCB_ESYS, "%s: merge statement too long", d->name);
    return exec(lite, sql, e);
}

lscb_err whmerge_entity(struct whdb *db, const struct entity_def *d, const char *la,
                        const char *keys, long years, struct whkeys *pre, struct lscb_error *e)
{
    sqlite3 *lite = whdb_sqlite(db);
    char sql[1024];
    if (!lite)
        return lscb_fail(e, LSCB_ESYS, "whmerge: not an SQLite warehouse");
    /* la's list goes: all of it at once (SQLite's truncation, no row by
     * row deletion) when it holds no other authority's */
    bool others = true;
    if (text_fmt(sql, sizeof sql, "SELECT 1 FROM census_%s_superseded WHERE la_code <> ? "
                 "LIMIT 1", d->name))
        return lscb_fail(e, LSCB_ESYS, "%s: statement too long", d->name);
    lscb_err rc = any_row(lite, sql, la, &others, e);
    if (rc == LSCB_OK && (others ? text_fmt(sql, sizeof sql, "DELETE FROM census_%s_superseded "
                                            "WHERE la_code = '%s'", d->name, la)
                                 : text_fmt(sql, sizeof sql, "DELETE FROM census_%s_superseded",
                                            d->name)))
        rc = lscb_fail(e, LSCB_ESYS, "%s: statement too long", d->name);
    if (rc == LSCB_OK)
        rc = exec(lite, sql, e);
    /* one version per record (one census year, or a kind whose records
     * are per year): none superseded */
    if (rc || years <= 1 || d->kind == KIND_CPR3)
        return rc;
    bool alone = false, used = false;
    long long rows = -1;
    rc = la_alone(lite, la, &alone, e);
    struct kmap m;
    kmap_init(&m);
    if (rc == LSCB_OK)
        rc = gathered_keys(lite, d, la, alone, pre, &m, &rows, &used, e);
    if (rc == LSCB_OK && !used && rows < 0)
        rc = count_rows(lite, d, la, alone, &rows, e);
    if (rc == LSCB_OK && !used)
        rc = read_keys(lite, d, la, alone, &m, e);
    if (rc == LSCB_OK && m.give_up) {
        kmap_release(&m);
        return window_supersede(lite, d, la, keys, e);
    }
    size_t kept = m.count;
    long long listed = 0;
    if (rc == LSCB_OK && used)
        rc = list_unkept(lite, d, la, &m, &listed, e);
    else if (rc == LSCB_OK)
        rc = list_by_scan(lite, d, la, alone, &m, &listed, e);
    /* a row kept a key, as the window's row number 1 */
    if (rc == LSCB_OK && rows - listed != (long long)kept)
        rc = lscb_fail(e, LSCB_ESYS, "warehouse %s: merging authority %s's %s: %lld rows kept "
                       "for %zu records (census rows whose authority load_log does not name?)",
                       sqlite3_db_filename(lite, "main"), la, d->name, rows - listed, kept);
    kmap_release(&m);
    return rc;
}
