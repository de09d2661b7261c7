/* upn.c — see upn.h. */
#include "common/upn.h"

#include <ctype.h>
#include <string.h>

static const char check_letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

static int letter_value(char c)
{
    const char *p = c ? strchr(check_letters, c) : NULL;
    return p ? (int)(p - check_letters) : -1;
}

bool upn_bad_digits(const char *u)
{
    size_t n = strlen(u);
    for (size_t i = 4; i < 12; i++)
        if (i >= n || !isdigit((unsigned char)u[i]))
            return true;
    return false;
}

bool upn_bad_last(const char *u)
{
    size_t n = strlen(u);
    if (n != 13)
        return true;
    return !isdigit((unsigned char)u[12]) && letter_value(u[12]) < 0;
}

char upn_check_letter(const char *body)
{
    int sum = 0;
    for (int i = 0; i < 12 && body[i]; i++) {
        int v = isdigit((unsigned char)body[i]) ? body[i] - '0' : letter_value(body[i]);
        sum += (v < 0 ? 0 : v) * (i + 2);
    }
    return check_letters[sum % 23];
}

bool upn_bad_check_letter(const char *u)
{
    if (strlen(u) != 13 || upn_bad_last(u))
        return false;
    for (int i = 1; i < 12; i++)
        if (!isdigit((unsigned char)u[i]))
            return false;   /* characters 2-12 faulty: rules 1530/1540 say so */
    return u[0] != upn_check_letter(u + 1);
}

bool upn_badly_formed(const char *u)
{
    if (strlen(u) != 13 || letter_value(u[0]) < 0)
        return true;
    for (int i = 1; i < 4; i++)
        if (!isdigit((unsigned char)u[i]))
            return true;
    return upn_bad_digits(u) || upn_bad_last(u) || upn_bad_check_letter(u);
}

