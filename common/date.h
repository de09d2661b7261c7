/*
 * date.h — calendar dates as day numbers.
 *
 * A date is the number of days since 1970-01-01 in the proleptic Gregorian
 * calendar (negative before), so differences are plain subtraction.  Parsing
 * is strict ISO 8601 extended (YYYY-MM-DD, nothing else, the day checked
 * against the month and leap year).  DATE_NONE stands for "no date".
 */
#ifndef LSCB_DATE_H
#define LSCB_DATE_H

#include <stdbool.h>

typedef int lscb_date;
#define DATE_NONE (-2147483647 - 1)

/* Days since 1970-01-01 for a valid y-m-d (no checking). */
lscb_date date_from_ymd(int y, int m, int d);

/* Splits a date into year, month (1-12), day (1-31). */
void date_to_ymd(lscb_date t, int *y, int *m, int *d);

/* true if y-m-d is a real calendar date with 1000 <= y <= 9999. */
bool date_valid_ymd(int y, int m, int d);

/* Parses exactly "YYYY-MM-DD"; true and *out set on success. */
bool date_parse_iso(const char *s, lscb_date *out);

/* Writes "YYYY-MM-DD" (11 bytes with the NUL) into buf; "" for DATE_NONE. */
void date_format_iso(lscb_date t, char buf[static 11]);

/* t plus n calendar months, the day clamped to the end of the target month
 * (30 Nov + 3 months = 28 or 29 Feb).  n may be negative. */
lscb_date date_add_months(lscb_date t, int n);

/* Completed years from birth to on (age on a date); negative if on < birth. */
int date_years_between(lscb_date birth, lscb_date on);

/* Day of week, 0 = Monday ... 6 = Sunday. */
int date_weekday(lscb_date t);

/* First day (1 April Y-1) and last day (31 March Y) of census year Y. */
lscb_date census_year_start(int year);
lscb_date census_year_end(int year);

#endif
