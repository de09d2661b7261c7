/*
 * vstream_int.h — what the streaming validation's engine (vstream.c) and
 * its rules (vrules_child.c) share: one child's records, and the way a rule
 * reports a failure.  Internal to transform/.
 */
#ifndef LSCB_VSTREAM_INT_H
#define LSCB_VSTREAM_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "common/date.h"
#include "common/lscb.h"
#include "common/records.h"
#include "transform/validate_fn.h"

/* Field positions (common/records.c; vstream_open checks them). */
enum { C_ID, C_BIRTH, C_EXPBIRTH, C_GENDER, C_DEATH, C_ETH, C_DIS, C_UPN, C_FUPN, C_UPNUNK,
       C_SEX };
enum { E_ID, E_REF, E_SRC, E_NEED, E_CLOSE, E_REASON, E_ICPC, E_NFA };
enum { A_ID, A_REF, A_START, A_IREV, A_AUTH, A_FACT };
enum { P_ID, P_REF, P_START, P_END };
enum { S_ID, S_REF, S_START, S_TARGET, S_ICPC, S_NOTREQ };
enum { K_ID, K_REF, K_START, K_END, K_INIT, K_LATEST, K_PREV };
enum { R_ID, R_REF, R_CPPSTART, R_DATE };

#define VS_NENT (ENT_CPP_REVIEW + 1)   /* the census entities: ENT_CHILD .. ENT_CPP_REVIEW */

/* One staged record, values as found (NULL: empty), each field's date
 * (DATE_NONE: empty or not a valid YYYY-MM-DD, SQL's d() NULL) and
 * boolean (-1: not one, b() NULL) worked out once. */
struct vrec {
    unsigned long long seq;   /* place in its entity's stream (file order) */
    int file;                 /* interned source file */
    long line;
    long year;
    unsigned key;             /* a child record's key in vstream.c's table, or UINT_MAX */
    const char *la;
    const char *f[ENTITY_MAX_FIELDS];
    lscb_date d[ENTITY_MAX_FIELDS];
    signed char b[ENTITY_MAX_FIELDS];
};

/* One child's records (or one record that links to nothing), each kind in
 * stream order. */
struct vgroup {
    struct vrec **r[VS_NENT];
    size_t n[VS_NENT];
    bool keyed;   /* LA and child ID present: the records may be compared */
};

/* The rules, as indexes of vrules (transform/validate_rules.c: the same
 * order; vstream_open checks it). */
enum vr { V100, V1103, V1104, V1105, V1510, V1520, V1530, V1540, V1550, V1560Q, V1570, V1580,
    V2883, V2884, V2885, V2886Q, V2887Q, V2888Q, V2889, V2990, V2991Q, V4000, V4001, V4003,
    V4004, V4008, V4009Q, V4010, V4011, V4012Q, V4013, V4014, V4015, V4016, V4017, V4180,
    V4220, V8500, V8510, V8520, V8525Q, V8530Q, V8535Q, V8540, V8545Q, V8555Q, V8565, V8568,
    V8569Q, V8585Q, V8590, V8600, V8606, V8608, V8610, V8614, V8615, V8620, V8630, V8640,
    V8650, V8670Q, V8675Q, V8696, V8715, V8720, V8730, V8736, V8740, V8750, V8770Q, V8772,
    V8775Q, V8790, V8794, V8805, V8810, V8815, V8816, V8820, V8825Q, V8831, V8832, V8839,
    V8840, V8841, V8842Q, V8863Q, V8866, V8867, V8868, V8869, V8870Q, V8873Q, V8875, V8890,
    V8896, V8897Q, V8898, V8905, V8910, V8915, V8920, V8925, V8930, V8935, V8940, V8945Q,
    V8950Q, VR_N };

struct vstream;

/* Reports record x failing rule i, part
 * p of a rule checked at two levels (0 else), naming module m (NULL: the
 * rule's), with value v (NULL: none). */
void vs_fail(struct vstream *vs, enum vr i, int p, const struct vrec *x, const char *m,
             const char *v);
/* Whether rule i is run (all are, or the one --rule names). */
bool vs_rule_on(const struct vstream *vs, enum vr i);
/* Adds n to rule i's work counter (when counting). */
void vs_work(struct vstream *vs, enum vr i, long long n);
struct vctx *vs_ctx(struct vstream *vs);
/* Stops the run with the calendar's message (a working-day rule on record
 * x, t the date the calendar cannot place, taken from field), naming x's
 * file, line and LA child ID and the field. */
lscb_err vs_cal_fail(struct vstream *vs, enum vr i, lscb_date t, const struct vrec *x,
                     const char *field, struct lscb_error *e);

/* Runs every rule on one child's records. */
lscb_err vrules_child(struct vstream *vs, const struct vgroup *g, struct lscb_error *e);

#endif
