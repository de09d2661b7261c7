/*
 * ladata.h — one authority's records, read from the warehouse's merged
 * tables once, for all the measures of all periods.
 */
#ifndef LSCB_LADATA_H
#define LSCB_LADATA_H

#include <stdbool.h>
#include <stddef.h>

#include "common/date.h"
#include "common/lscb.h"
#include "common/whdb.h"

#define CHILD_ID_CAP 72

struct plan {
    char child_id[CHILD_ID_CAP];
    lscb_date start, end;          /* end DATE_NONE while open */
    char category[4];              /* LatestCategoryOfAbuse */
    int previous;                  /* NumberOfPreviousCPP */
    lscb_date birth, expected;     /* DATE_NONE when not given */
    char gender[2];
    char ethnicity[5];
    size_t rev_first, rev_n;       /* its reviews in la_data.reviews, ascending */
};

struct episode {
    char child_id[CHILD_ID_CAP];
    lscb_date ref, close;          /* close DATE_NONE while open */
    bool assessed;                 /* at least one assessment returned */
};

struct assessment {
    lscb_date start, auth;         /* auth DATE_NONE while open */
};

/* A 2010-13 era initial or core assessment. */
struct legacy_assessment {
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
    char child_id[CHILD_ID_CAP];
    lscb_date date, s47_start;
};

#define LA_ARRAY(type, name) \
    struct {                 \
        type *v;             \
        size_t n, cap;       \
    } name

struct la_data {
    char la[256];              /* an LA code, or several comma-separated (aggregate) */
    LA_ARRAY(struct plan, plans);            /* by child, then start */
    LA_ARRAY(struct episode, episodes);      /* by child, then referral date */
    LA_ARRAY(struct assessment, assessments);
    LA_ARRAY(struct s47, s47s);
    LA_ARRAY(struct conference, conferences); /* by child, then date */
    LA_ARRAY(lscb_date, reviews);
    LA_ARRAY(struct strategy, strategies);   /* empty: no extract loaded */
    LA_ARRAY(struct legacy_assessment, initial);
    LA_ARRAY(struct legacy_assessment, core);
    LA_ARRAY(struct cpr3_item, cpr3);
    long reviews_unattached;                 /* reviews whose plan is not held */
    struct period_memo *memo;  /* measures_period's results so far (measures.c): the
                                  tables, the long series and the narrative ask for the
                                  same periods again; NULL: none kept (records built by
                                  hand).  Owned; la_data_release frees it. */
};

/* The plan of a child starting on `start` (plans are sorted by child, then
 * start), or NULL; the episode of a child referred on `ref`, or NULL. */
struct plan *la_find_plan(const struct la_data *d, const char *child, lscb_date start);
struct episode *la_find_episode(const struct la_data *d, const char *child, lscb_date ref);

/* Reads one authority's merged records, which must not change after (the
 * measures computed from them are kept in d->memo).  Release with
 * la_data_release. */
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
