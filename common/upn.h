/*
 * upn.h — unique pupil number checks (DfE's UPN guide), shared by the
 * validation rules (transform/validate_fn.c) and the synthetic returns
 * (synth/), which must make UPNs the rules accept.
 */
#ifndef LSCB_UPN_H
#define LSCB_UPN_H

#include <stdbool.h>

/* UPN checks (DfE's UPN guide): each returns true when the fault is there.
 * The check letter is only judged when characters 2-13 are well formed. */
bool upn_bad_check_letter(const char *upn);
bool upn_bad_digits(const char *upn);     /* characters 5-12 not all numeric */
bool upn_bad_last(const char *upn);       /* character 13 not 0-9 or a check letter */
bool upn_badly_formed(const char *upn);   /* any of the above, or not 13 characters */

/* The check letter of characters 2-13 (twelve digits, or eleven and a
 * check letter): DfE's weights 2-13, remainder mod 23. */
char upn_check_letter(const char *body12);

#endif
