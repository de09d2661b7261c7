/*
 * workdays.h — working days: Monday to Friday less England and Wales bank
 * holidays.
 *
 * The holidays are computed for every year from WD_FIRST_YEAR to
 * WD_LAST_YEAR by their standing rules (Banking and Financial Dealings Act
 * 1971 and the proclamations since 1978): New Year's Day, Good Friday and
 * Easter Monday (Easter by the Gregorian computus), the first and last
 * Mondays of May, the last Monday of August, Christmas Day and Boxing Day,
 * a holiday on a Saturday or Sunday moving to the next weekday not already
 * a holiday.  One-off and moved holidays (2011-04-29, 2012-06-04/05,
 * 2020-05-08, 2022-06-02/03, 2022-09-19, 2023-05-08 ...) are data, in
 * data/bank-holidays-changes.csv (date,change,name; change is add or
 * remove), so a new proclamation needs no recompiling.
 *
 * "Within N working days after start" counts the working days d with
 * start < d <= event, so an event on the start day is 0 (DESIGN.md).  A date
 * outside the calendar's years cannot be placed: wd_between says so (-1)
 * and its callers treat that as an error, never as an empty figure.
 */
#ifndef LSCB_WORKDAYS_H
#define LSCB_WORKDAYS_H

#include <stdbool.h>
#include <stddef.h>
#include "common/date.h"
#include "common/lscb.h"

/* 1978: the first year of today's rules (the early May bank holiday);
 * 9999: the last year a date can have (date.h). */
#define WD_FIRST_YEAR 1978
#define WD_LAST_YEAR 9999

struct wd_calendar {
    lscb_date first, last;   /* 1 January WD_FIRST_YEAR, 31 December WD_LAST_YEAR */
    lscb_date *hol;          /* the bank holidays on Monday-Friday, ascending */
    size_t nhol;
};

/* Computes the calendar and applies the changes file at changes_path (NULL:
 * none).  Errors: LSCB_EINPUT (file:line: a bad date, an unknown change, a
 * removal of a day that is no holiday, an addition on a weekend or on a
 * holiday, a date outside the years), LSCB_ESYS.  Release with wd_release
 * (also after a failure). */
lscb_err wd_load(const char *changes_path, struct wd_calendar *c, struct lscb_error *e);

/* The bundled changes (data/bank-holidays-changes.csv; see paths.h for
 * where it is looked for). */
lscb_err wd_load_default(struct wd_calendar *c, struct lscb_error *e);

void wd_release(struct wd_calendar *c);

/* true if d falls in the calendar's years. */
bool wd_covers(const struct wd_calendar *c, lscb_date d);

/* Working days d with a < d <= b (0 when b <= a); -1 when a or b is outside
 * the calendar's years (an error for the caller to report). */
int wd_between(const struct wd_calendar *c, lscb_date a, lscb_date b);

/* true for a Monday-Friday that is not a bank holiday (false outside). */
bool wd_is_working(const struct wd_calendar *c, lscb_date d);

/* Writes the year's weekday bank holidays, ascending, into out (at most
 * cap); returns how many there are (0 for a year outside the calendar). */
size_t wd_holidays(const struct wd_calendar *c, int year, lscb_date *out, size_t cap);

/* Easter Sunday of a Gregorian year (the anonymous computus). */
lscb_date wd_easter(int year);

#endif
