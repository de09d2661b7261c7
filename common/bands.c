/* bands.c — see bands.h. */
#include "common/bands.h"

#include <string.h>

const struct band_set bands_default_duration = {
    "dfe_duration", BANDS_DFE_DURATION,
    {{"0-3m", false, 0, 0, false}, {"3-6m", false, 0, 0, false},
     {"6-12m", false, 0, 0, false}, {"12-24m", false, 0, 0, false},
     {"24m+", false, 0, 0, false}},
    5};

const struct band_set bands_default_age = {
    "dfe_age", BANDS_AGE_YEARS,
    {{"unborn", false, 0, 0, true}, {"under 1", true, 0, 0, false},
     {"1-4", true, 1, 4, false}, {"5-9", true, 5, 9, false}, {"10-15", true, 10, 15, false},
     {"16+", true, 16, -1, false}},
    6};

int completed_months(lscb_date start, lscb_date d)
{
    int sy, sm, sd, y, m, dd;
    date_to_ymd(start, &sy, &sm, &sd);
    date_to_ymd(d, &y, &m, &dd);
    int k = (y - sy) * 12 + (m - sm);
    if (k > 0 && date_add_months(start, k) > d)
        k--;
    return k < 0 ? 0 : k;
}

static int by_range(const struct band_set *s, int v)
{
    for (int i = 0; i < s->n; i++)
        if (s->b[i].ranged && v >= s->b[i].lo && (s->b[i].hi < 0 || v <= s->b[i].hi))
            return i;
    return -1;
}

int band_duration(const struct band_set *s, lscb_date start, lscb_date d)
{
    if (s->method == BANDS_DFE_DURATION) {
        if (d <= date_add_months(start, 3))
            return 0;
        if (d <= date_add_months(start, 6))
            return 1;
        if (d < date_add_months(start, 12))
            return 2;
        if (d < date_add_months(start, 24))
            return 3;
        return 4;
    }
    return by_range(s, completed_months(start, d));
}

int band_age(const struct band_set *s, lscb_date birth, lscb_date expected, lscb_date d)
{
    bool unborn = birth == DATE_NONE ? expected != DATE_NONE : birth > d;
    if (unborn) {
        for (int i = 0; i < s->n; i++)
            if (s->b[i].unborn)
                return i;
        return -1;
    }
    if (birth == DATE_NONE)
        return -1;
    return by_range(s, date_years_between(birth, d));
}

const char *const category_labels[N_CATEGORY] = {"NEG", "PHY", "SAB", "EMO", "MUL"};
const char *const ethnic_labels[N_ETHNIC] = {"White", "Mixed", "Asian", "Black", "Other",
                                             "Not known"};
const char *const gender_group_labels[N_GENDER_GROUP] = {"Male", "Female",
                                                         "Not known or unborn",
                                                         "Indeterminate"};
const char *const gender_code_labels[N_GENDER_CODE] = {"1", "2", "0", "9", "M", "F", "U"};

static int find(const char *const *labels, int n, const char *v)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(labels[i], v))
            return i;
    return -1;
}

int category_index(const char *code)
{
    return find(category_labels, N_CATEGORY, code);
}

int ethnic_index(const char *code)
{
    /* White (W*), Mixed (M*), Asian (A*), Black (B*), Other (CHNE, OOTH),
     * Not known (REFU, NOBT and anything else) */
    if (!strcmp(code, "CHNE") || !strcmp(code, "OOTH"))
        return 4;
    switch (code[0]) {
    case 'W': return 0;
    case 'M': return 1;
    case 'A': return 2;
    case 'B': return 3;
    default: return 5;
    }
}

int gender_group_index(const char *code)
{
    static const char *const groups[][2] = {{"1", "M"}, {"2", "F"}, {"0", "U"}, {"9", "9"}};
    for (int i = 0; i < N_GENDER_GROUP; i++)
        if (!strcmp(code, groups[i][0]) || !strcmp(code, groups[i][1]))
            return i;
    return -1;
}

int gender_code_index(const char *code)
{
    return find(gender_code_labels, N_GENDER_CODE, code);
}
