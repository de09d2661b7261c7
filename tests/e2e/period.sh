#!/bin/sh
# --period-end (issue 14): a part-year extract, its header ReferenceDate not
# 31 March, is validated over the year ending that date, as the community
# validator does; without the option the census year (1 April to 31 March)
# stands and rule 100 asks for 31 March.  Run by `make check` (BUILD names
# the build directory; PERIOD_BIN=DIR runs it against other binaries).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${PERIOD_BIN:-$ROOT/${BUILD:-build}}
T=$(mktemp -d /tmp/lscb-period.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }
# tests/e2e/data/part-year-2024-09-30.xml (ReferenceDate 2024-09-30): A1
# closed 2024-08-15; B2 closed 2023-09-15; C3 referred 2024-05-20 with an
# assessment open since 2024-06-03.
X=$ROOT/tests/e2e/data/part-year-2024-09-30.xml
rules() { awk -F, 'NR > 1 { print $1 " " $5 }' "$1" | tr '\n' ';'; }
"$B"/lscb-extract --out "$T/st" "$X" 2>"$T/err" || { fail "extract"; cat "$T/err"; }

# the census year 1 April 2023 to 31 March 2024: the reference date is wrong
# (100), A1's closure (8620), C3's referral (8600) and open assessment (8736)
# fall after it
"$B"/lscb-transform --in "$T/st" --validation "$T/v1.csv" 2>"$T/err"
got=$(rules "$T/v1.csv")
[ "$got" = "100 ;2887Q ;8600 C3;8620 A1;8736 C3;" ] &&
    pass "default: the census year ending 31 March (rule 100 wants 31 March)" ||
    { fail "default period: $got"; cat "$T/err"; }

# the year ending 30 September 2024: B2's closure falls before it (8620), C3's
# assessment has been open more than 45 working days at its end (8670Q)
"$B"/lscb-transform --in "$T/st" --validation "$T/v2.csv" --period-end 2024-09-30 2>"$T/err"
got=$(rules "$T/v2.csv")
[ "$got" = "2887Q ;8620 B2;8670Q C3;" ] &&
    pass "--period-end 2024-09-30: the year ending then (reference date accepted)" ||
    { fail "--period-end: $got"; cat "$T/err"; }

# lscb-run passes it to the validation
"$B"/lscb-run --year 2024 --workdir "$T/w" --period-end 2024-09-30 "$X" >"$T/out" 2>&1
got=$(rules "$T/w/validation.csv")
[ "$got" = "2887Q ;8620 B2;8670Q C3;" ] && pass "lscb-run --period-end: the same validation" ||
    { fail "lscb-run --period-end: $got"; cat "$T/out"; }

# a date that is not one: usage (exit 2), nothing written
"$B"/lscb-transform --in "$T/st" --validation "$T/v3.csv" --period-end 2024-09-31 2>"$T/err"
rc=$?
"$B"/lscb-run --year 2024 --workdir "$T/w3" --period-end 30/09/2024 "$X" >/dev/null 2>"$T/err2"
rc2=$?
[ $rc -eq 2 ] && [ $rc2 -eq 2 ] && grep -q 'period-end' "$T/err" && [ ! -e "$T/v3.csv" ] &&
    [ ! -e "$T/w3" ] && pass "--period-end that is not a date: exit 2, nothing written" ||
    { fail "bad --period-end (rc=$rc, $rc2)"; cat "$T/err" "$T/err2"; }

echo "period: $fails failure(s)"
[ "$fails" -eq 0 ]
