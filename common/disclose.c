/*
 * disclose.c — see disclose.h.
 *
 * Whether the shown facts determine a hidden one is a question of linear
 * algebra: move every shown fact of each relation to the right-hand side;
 * what is left is a system over the unknowns (hidden and never shown
 * facts), and an unknown h is determined exactly when the unit vector e_h
 * lies in the row space of that system.  In reduced row echelon form that
 * is: h's column holds a pivot whose row has no other non-zero entry.  The
 * unknowns fall into independent groups (connected through relations);
 * each group is reduced on its own, densely: groups are small (a measure's
 * months and periods; the plans' stock, flows and bands).  Coefficients are
 * small integers, so doubles with a tolerance are exact enough.
 */
#include "common/disclose.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/lscb.h"
#include "common/text.h"

struct fact {
    char *key;
    long value;             /* < 0: not known */
    bool shown, sensitive, hidden;
    int *rels;              /* relations it appears in */
    int nrels, caprels;
};

struct rel {
    int n;
    int *fact;
    double *coef;
    int guard[2];           /* known only while none of these is hidden */
    int nguard;
};

struct dz {
    struct fact *f;
    int nf, capf;
    struct rel *r;
    int nr, capr;
    int *slot;              /* hash table of fact indexes, -1 empty */
    size_t nslot;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

struct dz *dz_new(void)
{
    struct dz *z = lscb_xmalloc(sizeof *z);
    memset(z, 0, sizeof *z);
    z->nslot = 1024;
    z->slot = lscb_xmalloc(z->nslot * sizeof *z->slot);
    for (size_t i = 0; i < z->nslot; i++)
        z->slot[i] = -1;
    return z;
}

void dz_free(struct dz *z)
{
    if (!z)
        return;
    for (int i = 0; i < z->nf; i++) {
        free(z->f[i].key);
        free(z->f[i].rels);
    }
    for (int i = 0; i < z->nr; i++) {
        free(z->r[i].fact);
        free(z->r[i].coef);
    }
    free(z->f);
    free(z->r);
    free(z->slot);
    free(z);
}

static void rehash(struct dz *z)
{
    free(z->slot);
    z->nslot *= 2;
    z->slot = lscb_xmalloc(z->nslot * sizeof *z->slot);
    for (size_t i = 0; i < z->nslot; i++)
        z->slot[i] = -1;
    for (int k = 0; k < z->nf; k++) {
        size_t i = hash(z->f[k].key) & (z->nslot - 1);
        while (z->slot[i] >= 0)
            i = (i + 1) & (z->nslot - 1);
        z->slot[i] = k;
    }
}

int dz_fact(struct dz *z, const char *key, long value)
{
    size_t i = hash(key) & (z->nslot - 1);
    for (; z->slot[i] >= 0; i = (i + 1) & (z->nslot - 1)) {
        struct fact *f = &z->f[z->slot[i]];
        if (!strcmp(f->key, key)) {
            if (f->value < 0)
                f->value = value;
            return z->slot[i];
        }
    }
    if (z->nf == z->capf) {
        z->capf = z->capf ? 2 * z->capf : 256;
        z->f = lscb_xrealloc(z->f, (size_t)z->capf * sizeof *z->f);
    }
    int k = z->nf++;
    z->f[k] = (struct fact){.key = lscb_xstrdup(key), .value = value};
    z->slot[i] = k;
    if ((size_t)z->nf * 2 > z->nslot)
        rehash(z);
    return k;
}

void dz_show(struct dz *z, int fact)
{
    z->f[fact].shown = true;
}

void dz_sensitive(struct dz *z, int fact)
{
    z->f[fact].sensitive = true;
}

void dz_hide(struct dz *z, int fact)
{
    z->f[fact].hidden = true;
}

void dz_unhide_for_test(struct dz *z, int fact)
{
    z->f[fact].hidden = false;
}

bool dz_hidden(const struct dz *z, int fact)
{
    return z->f[fact].hidden;
}

bool dz_shown(const struct dz *z, int fact)
{
    return z->f[fact].shown;
}

long dz_value(const struct dz *z, int fact)
{
    return z->f[fact].value;
}

const char *dz_key(const struct dz *z, int fact)
{
    return z->f[fact].key;
}

int dz_count(const struct dz *z)
{
    return z->nf;
}

void dz_relation_guarded(struct dz *z, int n, const int *facts, const double *coefs,
                         int nguard, const int *guard)
{
    if (z->nr == z->capr) {
        z->capr = z->capr ? 2 * z->capr : 256;
        z->r = lscb_xrealloc(z->r, (size_t)z->capr * sizeof *z->r);
    }
    int k = z->nr++;
    struct rel *r = &z->r[k];
    r->n = n;
    r->fact = lscb_xmalloc((size_t)(n ? n : 1) * sizeof *r->fact);
    r->coef = lscb_xmalloc((size_t)(n ? n : 1) * sizeof *r->coef);
    memcpy(r->fact, facts, (size_t)n * sizeof *facts);
    memcpy(r->coef, coefs, (size_t)n * sizeof *coefs);
    r->nguard = nguard > 2 ? 2 : nguard;
    for (int i = 0; i < r->nguard; i++)
        r->guard[i] = guard[i];
    for (int i = 0; i < n; i++) {
        struct fact *f = &z->f[facts[i]];
        if (f->nrels == f->caprels) {
            f->caprels = f->caprels ? 2 * f->caprels : 4;
            f->rels = lscb_xrealloc(f->rels, (size_t)f->caprels * sizeof *f->rels);
        }
        f->rels[f->nrels++] = k;
    }
}

void dz_relation(struct dz *z, int n, const int *facts, const double *coefs)
{
    dz_relation_guarded(z, n, facts, coefs, 0, NULL);
}

static bool active(const struct dz *z, const struct rel *r)
{
    for (int i = 0; i < r->nguard; i++)
        if (z->f[r->guard[i]].hidden)
            return false;
    return true;
}

/* known to the reader */
static bool shown(const struct fact *f)
{
    return f->shown && !f->hidden;
}

static int find(int *parent, int i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

#define EPS 1e-9

/* Whether the unknowns of one group determine any hidden sensitive fact;
 * cols are the group's unknown facts.  Returns the first such, or -1. */
static int group_leak(const struct dz *z, const int *cols, int ncols, int *colof)
{
    /* the relations touching the group */
    int *rows = NULL, nrows = 0;
    for (int c = 0; c < ncols; c++) {
        const struct fact *f = &z->f[cols[c]];
        for (int k = 0; k < f->nrels; k++) {
            int r = f->rels[k];
            if (!active(z, &z->r[r]))
                continue;
            bool seen = false;
            for (int q = 0; q < nrows && !seen; q++)
                seen = rows[q] == r;
            if (!seen) {
                rows = lscb_xrealloc(rows, (size_t)(nrows + 1) * sizeof *rows);
                rows[nrows++] = r;
            }
        }
    }
    double *m = lscb_xmalloc((size_t)(nrows ? nrows : 1) * (size_t)ncols * sizeof *m);
    memset(m, 0, (size_t)(nrows ? nrows : 1) * (size_t)ncols * sizeof *m);
    for (int q = 0; q < nrows; q++) {
        const struct rel *r = &z->r[rows[q]];
        for (int i = 0; i < r->n; i++)
            if (!shown(&z->f[r->fact[i]]))
                m[(size_t)q * (size_t)ncols + (size_t)colof[r->fact[i]]] += r->coef[i];
    }
    /* reduced row echelon form */
    int rank = 0;
    for (int c = 0; c < ncols && rank < nrows; c++) {
        int best = -1;
        double bv = EPS;
        for (int q = rank; q < nrows; q++) {
            double v = fabs(m[(size_t)q * (size_t)ncols + (size_t)c]);
            if (v > bv) {
                bv = v;
                best = q;
            }
        }
        if (best < 0)
            continue;
        if (best != rank)
            for (int j = 0; j < ncols; j++) {
                double t = m[(size_t)best * (size_t)ncols + (size_t)j];
                m[(size_t)best * (size_t)ncols + (size_t)j] = m[(size_t)rank * (size_t)ncols + (size_t)j];
                m[(size_t)rank * (size_t)ncols + (size_t)j] = t;
            }
        double *pr = &m[(size_t)rank * (size_t)ncols];
        double pv = pr[c];
        for (int j = 0; j < ncols; j++)
            pr[j] /= pv;
        for (int q = 0; q < nrows; q++) {
            if (q == rank)
                continue;
            double *qr = &m[(size_t)q * (size_t)ncols];
            double fct = qr[c];
            if (fabs(fct) <= EPS)
                continue;
            for (int j = 0; j < ncols; j++)
                qr[j] -= fct * pr[j];
        }
        rank++;
    }
    /* h is determined when some row of the reduced form is e_h */
    int leak = -1;
    for (int c = 0; c < ncols && leak < 0; c++) {
        const struct fact *f = &z->f[cols[c]];
        if (!f->sensitive || !f->hidden)
            continue;
        int pr = -1;
        for (int q = 0; q < rank && pr < 0; q++)
            if (fabs(m[(size_t)q * (size_t)ncols + (size_t)c] - 1) <= EPS) {
                bool unit = true;
                for (int j = 0; j < ncols && unit; j++)
                    unit = j == c || fabs(m[(size_t)q * (size_t)ncols + (size_t)j]) <= EPS;
                if (unit)
                    pr = q;
            }
        if (pr >= 0)
            leak = cols[c];
    }
    free(m);
    free(rows);
    return leak;
}

int dz_leak(const struct dz *z)
{
    size_t n = (size_t)z->nf + 1; /* one spare: never zero */
    int *parent = lscb_xmalloc(n * sizeof *parent);
    int *colof = lscb_xmalloc(n * sizeof *colof);
    for (size_t i = 0; i < n; i++)
        parent[i] = (int)i;
    for (int k = 0; k < z->nr; k++) {
        const struct rel *r = &z->r[k];
        if (!active(z, r))
            continue;
        int first = -1;
        for (int i = 0; i < r->n; i++) {
            if (shown(&z->f[r->fact[i]]))
                continue;
            if (first < 0)
                first = find(parent, r->fact[i]);
            else
                parent[find(parent, r->fact[i])] = first;
            first = find(parent, first);
        }
    }
    /* the groups holding a hidden sensitive fact, each once */
    int leak = -1;
    int *cols = lscb_xmalloc(n * sizeof *cols);
    bool *done = lscb_xmalloc(n * sizeof *done);
    memset(done, 0, n * sizeof *done);
    for (int h = 0; h < z->nf && leak < 0; h++) {
        if (!z->f[h].sensitive || !z->f[h].hidden)
            continue;
        int root = find(parent, h);
        if (done[root])
            continue;
        done[root] = true;
        int ncols = 0;
        for (int i = 0; i < z->nf; i++)
            if (!shown(&z->f[i]) && find(parent, i) == root) {
                colof[i] = ncols;
                cols[ncols++] = i;
            }
        leak = group_leak(z, cols, ncols, colof);
    }
    free(done);
    free(cols);
    free(colof);
    free(parent);
    return leak;
}

/* Whether a can be hidden to break a derivation: a shown fact (its cells
 * then read c), or a sensitive one a guarded relation rests on (hiding it
 * hides the percentage that tells it). */
static bool candidate(const struct fact *f)
{
    return !f->hidden && (f->shown || f->sensitive);
}

/* a is a better fact to hide than b: the smallest non-zero first, then a
 * zero (hiding a zero protects little and says something) */
static bool better(const struct fact *a, const struct fact *b)
{
    long va = labs(a->value), vb = labs(b->value);
    bool za = va == 0, zb = vb == 0;
    if (za != zb)
        return !za;
    return va < vb;
}

/* The fact to hide so that h is no longer given away: in the active
 * relation through h with the fewest other unknowns (the likeliest to
 * determine it), the best candidate. */
static int pick(const struct dz *z, int h)
{
    const struct fact *fh = &z->f[h];
    int best = -1, best_unknowns = 0;
    for (int k = 0; k < fh->nrels; k++) {
        const struct rel *r = &z->r[fh->rels[k]];
        if (!active(z, r))
            continue;
        int unknowns = 0, cand = -1;
        for (int i = 0; i < r->n; i++) {
            const struct fact *f = &z->f[r->fact[i]];
            if (r->fact[i] == h)
                continue;
            if (!shown(f))
                unknowns++;
            if (candidate(f) && (cand < 0 || better(f, &z->f[cand])))
                cand = r->fact[i];
        }
        for (int i = 0; i < r->nguard; i++) {
            const struct fact *f = &z->f[r->guard[i]];
            if (r->guard[i] != h && candidate(f) && (cand < 0 || better(f, &z->f[cand])))
                cand = r->guard[i];
        }
        if (cand < 0)
            continue;
        if (best < 0 || unknowns < best_unknowns ||
            (unknowns == best_unknowns && better(&z->f[cand], &z->f[best]))) {
            best = cand;
            best_unknowns = unknowns;
        }
    }
    return best;
}

/* pick() for h, or, when every relation through h holds only unknowns,
 * for the nearest unknown (breadth first) that has a shown partner. */
static int pick_near(const struct dz *z, int h)
{
    int m = pick(z, h);
    if (m >= 0)
        return m;
    int *queue = lscb_xmalloc((size_t)z->nf * sizeof *queue);
    bool *seen = lscb_xmalloc((size_t)z->nf * sizeof *seen);
    memset(seen, 0, (size_t)z->nf * sizeof *seen);
    int head = 0, tail = 0;
    queue[tail++] = h;
    seen[h] = true;
    while (head < tail && m < 0) {
        const struct fact *f = &z->f[queue[head++]];
        for (int k = 0; k < f->nrels && m < 0; k++) {
            const struct rel *r = &z->r[f->rels[k]];
            for (int i = 0; i < r->n && m < 0; i++) {
                int g = r->fact[i];
                if (seen[g])
                    continue;
                seen[g] = true;
                queue[tail++] = g;
                m = pick(z, g);
            }
        }
    }
    free(queue);
    free(seen);
    return m;
}

static dz_trace_fn *trace;

void dz_set_trace(dz_trace_fn *fn)
{
    trace = fn;
}

/* Sorts facts[] largest value first (insertion sort: a few hundred). */
static void sort_by_value_desc(const struct dz *z, int *facts, int n)
{
    for (int i = 1; i < n; i++) {
        int k = facts[i], j = i;
        for (; j > 0 && labs(z->f[facts[j - 1]].value) < labs(z->f[k].value); j--)
            facts[j] = facts[j - 1];
        facts[j] = k;
    }
}

static void trace_line(char *line)
{
    if (line)
        trace(line);
    free(line);
}

int dz_suppress(struct dz *z)
{
    int primary = 0;
    for (int i = 0; i < z->nf; i++) {
        struct fact *f = &z->f[i];
        if (f->sensitive && !f->hidden && f->value >= 1 && f->value <= 5) {
            f->hidden = true;
            primary++;
        }
    }
    /* each round hides one more shown fact or stops, so this ends */
    int *second = NULL, nsecond = 0;
    bool stuck = false;
    for (int h; (h = dz_leak(z)) >= 0;) {
        int m = pick_near(z, h);
        if (m < 0 && trace) /* cannot happen: a determined fact needs a shown one */
            trace_line(text_xfmt("dz: %s given away, nothing to hide", z->f[h].key));
        if (m < 0) {
            stuck = true;
            break;
        }
        if (trace) /* why each secondary cell went */
            trace_line(text_xfmt("dz: %s given away: hiding %s (%ld)", z->f[h].key,
                                 z->f[m].key, z->f[m].value));
        z->f[m].hidden = true;
        second = lscb_xrealloc(second, (size_t)(nsecond + 1) * sizeof *second);
        second[nsecond++] = m;
    }
    /* The choice above is greedy: a cell hidden early to cover one count
     * is often made needless by cells hidden later for others.  Give each
     * secondary cell back, the largest first (the most worth showing),
     * and keep it shown when nothing hidden can then be worked out. */
    int restored = 0;
    if (!stuck && nsecond > 0) {
        sort_by_value_desc(z, second, nsecond);
        for (int i = 0; i < nsecond; i++) {
            z->f[second[i]].hidden = false;
            if (dz_leak(z) >= 0) {
                z->f[second[i]].hidden = true;
            } else {
                restored++;
                if (trace)
                    trace_line(text_xfmt("dz: %s (%ld) shown again: needless",
                                         z->f[second[i]].key, z->f[second[i]].value));
            }
        }
    }
    if (trace)
        trace_line(text_xfmt("dz: %d hidden as 1 to 5, %d more to protect them (%d of the "
                             "first choice's %d shown again)", primary, nsecond - restored,
                             restored, nsecond));
    free(second);
    return primary + nsecond - restored;
}
