/*
 * workdays.h — working days: Monday to Friday less England and Wales bank
 * holidays, from data/bank-holidays-england-wales.csv.
 *
 * "Within N working days after start" counts the working days d with
 * start < d <= event, so an event on the start day is 0 (DESIGN.md).
 */
#ifndef LSCB_WORKDAYS_H
#define LSCB_WORKDAYS_H

#include <stdbool.h>
#include "date.h"
#include "lscb.h"

struct wd_calendar {
    lscb_date first, last;   /* whole years covered by the holiday file */
    int *cum;                /* cum[i]: working days in [first, first + i] */
};

/* Loads the holiday file (date,name rows).  Years from the first to the
 * last holiday's year are covered.  Errors: LSCB_EINPUT (file:line: bad
 * date), LSCB_ESYS.  Release with wd_release. */
lscb_err wd_load(const char *path, struct wd_calendar *c, struct lscb_error *e);

/* Loads the bundled calendar (see paths.h for where it is looked for). */
lscb_err wd_load_default(struct wd_calendar *c, struct lscb_error *e);

void wd_release(struct wd_calendar *c);

/* Working days d with a < d <= b (0 when b <= a); -1 when a or b is outside
 * the calendar's years. */
int wd_between(const struct wd_calendar *c, lscb_date a, lscb_date b);

/* true for a Monday-Friday that is not a bank holiday (false outside). */
bool wd_is_working(const struct wd_calendar *c, lscb_date d);

#endif
