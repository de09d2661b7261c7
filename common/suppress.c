/* suppress.c — see suppress.h. */
#include "suppress.h"

static int hidden_in(const struct sup_cell *c, const struct sup_line *l)
{
    int k = l->total >= 0 && c[l->total].hidden;
    for (int i = 0; i < l->n; i++)
        k += c[l->members[i]].hidden;
    return k;
}

bool suppress_leaks(const struct sup_cell *cells, const struct sup_line *lines, int nlines)
{
    for (int i = 0; i < nlines; i++)
        if (lines[i].total >= 0 && hidden_in(cells, &lines[i]) == 1)
            return true;
    return false;
}

/* The member to hide next on a line: the smallest shown non-zero count,
 * else the smallest shown one (a zero), else the total. */
static int pick(const struct sup_cell *c, const struct sup_line *l)
{
    int best = -1;
    for (int pass = 0; pass < 2 && best < 0; pass++)
        for (int i = 0; i < l->n; i++) {
            int m = l->members[i];
            if (c[m].hidden || (pass == 0 && c[m].value == 0))
                continue;
            if (best < 0 || c[m].value < c[best].value)
                best = m;
        }
    if (best < 0 && l->total >= 0 && !c[l->total].hidden)
        best = l->total;
    return best;
}

int suppress(struct sup_cell *cells, int ncells, const struct sup_line *lines, int nlines)
{
    int hidden = 0;
    for (int i = 0; i < ncells; i++)
        if (cells[i].count && cells[i].value >= 1 && cells[i].value <= 5 && !cells[i].hidden) {
            cells[i].hidden = true;
            hidden++;
        }
    /* each pass hides at least one more cell or stops, so this ends */
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < nlines; i++) {
            if (lines[i].total < 0 || hidden_in(cells, &lines[i]) != 1)
                continue;
            int m = pick(cells, &lines[i]);
            if (m >= 0) {
                cells[m].hidden = true;
                hidden++;
                changed = true;
            }
        }
    }
    for (int i = 0; i < ncells; i++)
        if (cells[i].pct_of >= 0 && cells[cells[i].pct_of].hidden && !cells[i].hidden) {
            cells[i].hidden = true;
            hidden++;
        }
    return hidden;
}
