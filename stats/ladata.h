/*
 * ladata.h — one authority's records, read from the warehouse's merged
 * tables once, for all the measures of all periods.
 */
#ifndef LSCB_LADATA_H
#define LSCB_LADATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/date.h"
#include "common/lscb.h"
#include "common/whdb.h"

/* The longest LA child ID (pseudonym) the warehouse may hold, plus one:
 * a longer one is refused (la_data_load). */
#define CHILD_ID_CAP 72

/* Each record names its child by a number (la_data.children): equal
 * numbers, the same child.  A loaded authority's children are numbered in
 * the order the child table holds them; records are ordered by child
 * number, then by date as SQL ordered them.  No measure depends on the
 * order of the children, only on a child's records being together and in
 * date order (la_child_id gives the ID where a message must name the
 * first of several in SQL's order). */
struct plan {
    uint32_t child;
    lscb_date start, end;          /* end DATE_NONE while open */
    lscb_date referral;            /* its episode's: orders plans starting together */
    lscb_date birth, expected;     /* DATE_NONE when not given */
    int previous;                  /* NumberOfPreviousCPP */
    signed char category;          /* category_index of LatestCategoryOfAbuse */
    signed char ethnic;            /* ethnic_index of the ethnicity code */
    signed char gender_code;       /* gender_code_index of the sex code as returned */
    signed char gender_group;      /* gender_group_index of it */
    size_t rev_first, rev_n;       /* its reviews in la_data.reviews, ascending */
};

/* Sets a plan's codes from the text the warehouse holds ("" when none). */
void la_plan_codes(struct plan *p, const char *category, const char *gender,
                   const char *ethnicity);

struct episode {
    uint32_t child;
    lscb_date ref, close;          /* close DATE_NONE while open */
    bool assessed;                 /* at least one assessment returned */
};

struct assessment {
    uint32_t child;
    lscb_date ref;                 /* its episode's referral date */
    lscb_date start, auth;         /* auth DATE_NONE while open */
};

/* A 2010-13 era initial or core assessment. */
struct legacy_assessment {
    uint32_t child;
    lscb_date ref;
    lscb_date start, done;         /* done DATE_NONE while open */
};

/* One CPR3 item of one year. */
struct cpr3_item {
    int year;
    char item[32];
    long value;
};

struct strategy {
    lscb_date date;
    bool to_s47;                   /* outcome S47 */
};

struct s47 {
    lscb_date start;
    bool conference;               /* its DateOfInitialCPC is returned */
};

/* An initial child protection conference: from a Section47 module or the
 * CINdetails-level DateOfInitialCPC, each (child, date) once.  s47_start is
 * the latest S47 start on or before it, DATE_NONE when no section 47 of
 * that child returned it. */
struct conference {
    uint32_t child;
    lscb_date date, s47_start;
};

#define LA_ARRAY(type, name) \
    struct {                 \
        type *v;             \
        size_t n, cap;       \
    } name

/* The children's numbers by LA child ID (pseudonym): a hash table over
 * one block of the IDs' text.  The table is kept while records are added
 * (la_child); la_data_load frees it once the records are read, and keeps
 * the text (la_child_id). */
struct la_children {
    char *text;                /* the IDs, each NUL-terminated */
    size_t text_n, text_cap;
    size_t *at, at_cap;        /* an ID's offset in text, by number */
    struct la_child_slot {
        uint32_t hash;         /* the ID's hash's high half */
        uint32_t num;          /* number + 1; 0: empty */
    } *slot;
    size_t n, cap;             /* numbers given; slots (a power of two) */
    size_t hashed;             /* numbers below it are in the hash table */
};

struct la_data {
    char la[256];              /* an LA code, or several comma-separated (aggregate) */
    LA_ARRAY(struct plan, plans);            /* by child, then start, then referral */
    LA_ARRAY(struct episode, episodes);      /* by child, then referral date */
    LA_ARRAY(struct assessment, assessments); /* by child, referral, start */
    LA_ARRAY(struct s47, s47s);
    LA_ARRAY(struct conference, conferences); /* by child, then date */
    LA_ARRAY(lscb_date, reviews);
    LA_ARRAY(struct strategy, strategies);   /* empty: no extract loaded */
    LA_ARRAY(struct legacy_assessment, initial); /* by child, referral, start */
    LA_ARRAY(struct legacy_assessment, core);
    LA_ARRAY(struct cpr3_item, cpr3);
    long reviews_unattached;                 /* reviews whose plan is not held */
    struct la_children children;
    struct period_memo *memo;  /* what the measures computed so far (measures.c): the
                                  rows of each period asked for (the tables, the long
                                  series and the narrative ask for the same periods
                                  again) and the records sorted by date for them; NULL:
                                  nothing kept (records built by hand, which may change
                                  between calls).  Owned; la_data_release frees it. */
};

/* The number of the child with LA child ID `id`, a new one if the child is
 * new (in the order first seen). */
uint32_t la_child(struct la_data *d, const char *id);

/* The LA child ID (pseudonym) of child number `child`; borrowed. */
const char *la_child_id(const struct la_data *d, uint32_t child);

/* The plan of a child starting on `start` (plans are sorted by child, then
 * start: the first of several), or NULL; the episode of a child referred
 * on `ref`, or NULL. */
struct plan *la_find_plan(const struct la_data *d, uint32_t child, lscb_date start);
struct episode *la_find_episode(const struct la_data *d, uint32_t child, lscb_date ref);

/* Reads one authority's merged records, which must not change after (the
 * measures computed from them are kept in d->memo).  Each table is read
 * once, in one pass in storage order (an SQLite warehouse holding only the
 * authorities asked for is read without its indexes: a table scan, not a
 * look-up per row), and sorted here.  Release with la_data_release. */
lscb_err la_data_load(struct whdb *db, const char *la, struct la_data *d, struct lscb_error *e);
void la_data_release(struct la_data *d);

/* Appends to a LA_ARRAY, growing it; returns the new zeroed element. */
#define LA_PUSH(arr)                                                                  \
    ((arr).n == (arr).cap                                                             \
         ? ((arr).cap = (arr).cap ? 2 * (arr).cap : 256,                              \
            (arr).v = lscb_xrealloc((arr).v, (arr).cap * sizeof *(arr).v), 0)         \
         : 0,                                                                         \
     memset(&(arr).v[(arr).n], 0, sizeof *(arr).v), &(arr).v[(arr).n++])

#endif
