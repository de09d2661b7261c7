/*
 * date.c — day-number arithmetic (Howard Hinnant's days_from_civil), strict
 * ISO parsing and month addition with end-of-month clamping.
 */
#include "common/date.h"

#include <stdio.h>
#include <string.h>

lscb_date date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_to_ymd(lscb_date t, int *y, int *m, int *d)
{
    int z = t + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int mm = mp + (mp < 10 ? 3 : -9);
    *y = yy + (mm <= 2);
    *m = mm;
    *d = dd;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
    return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
           d <= days_in_month(y, m);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool date_parse_iso(const char *s, lscb_date *out)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !date_valid_ymd(y, m, d))
        return false;
    *out = date_from_ymd(y, m, d);
    return true;
}

void date_format_iso(lscb_date t, char buf[static 11])
{
    if (t == DATE_NONE) {
        buf[0] = '\0';
        return;
    }
    int y, m, d;
    date_to_ymd(t, &y, &m, &d);
    unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
    buf[0] = (char)('0' + uy / 1000), buf[1] = (char)('0' + uy / 100 % 10);
    buf[2] = (char)('0' + uy / 10 % 10), buf[3] = (char)('0' + uy % 10);
    buf[4] = '-', buf[5] = (char)('0' + um / 10), buf[6] = (char)('0' + um % 10);
    buf[7] = '-', buf[8] = (char)('0' + ud / 10), buf[9] = (char)('0' + ud % 10);
    buf[10] = '\0';
}

lscb_date date_add_months(lscb_date t, int n)
{
    int y, m, d;
    date_to_ymd(t, &y, &m, &d);
    int idx = y * 12 + (m - 1) + n;
    int ny = idx >= 0 ? idx / 12 : (idx - 11) / 12;
    int nm = idx - ny * 12 + 1;
    int dim = days_in_month(ny, nm);
    return date_from_ymd(ny, nm, d > dim ? dim : d);
}

int date_years_between(lscb_date birth, lscb_date on)
{
    int by, bm, bd, oy, om, od;
    date_to_ymd(birth, &by, &bm, &bd);
    date_to_ymd(on, &oy, &om, &od);
    int years = oy - by;
    if (om < bm || (om == bm && od < bd))
        years--;
    return years;
}

int date_weekday(lscb_date t)
{
    /* 1970-01-01 was a Thursday (3). */
    int w = (t + 3) % 7;
    return w < 0 ? w + 7 : w;
}

lscb_date census_year_start(int year)
{
    return date_from_ymd(year - 1, 4, 1);
}

lscb_date census_year_end(int year)
{
    return date_from_ymd(year, 3, 31);
}
