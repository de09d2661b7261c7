#!/bin/sh
# overlong.sh — a value longer than the field that holds it is refused with
# a message naming it, never cut into something else (issue 15: every
# snprintf's truncation handled).  Each case fails on the code before the
# audit, which cut the value and exited 0.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B="$ROOT/${BUILD:-build}"
T=$(mktemp -d /tmp/lscb-overlong.XXXXXX)
trap 'rm -rf "$T"' EXIT
failures=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }

W="$T/w"
LSCB_JOBS=2 "$B"/lscb-run --year 2024 --la 205 --template lscb-2011 --published "$ROOT/data/published" \
    --workdir "$W" "$ROOT"/tests/cases/hand/inputs/* >"$T/out" 2>&1 || { fail "hand case"; cat "$T/out"; exit 1; }

# 1. A child ID in the warehouse longer than lscb-stats' field: cut, two
# children could become one.
cp "$W/warehouse.sqlite" "$T/longid.sqlite"
sqlite3 "$T/longid.sqlite" "UPDATE census_cpp SET child_id = child_id || printf('%.80c', 'x')
    WHERE census_row = (SELECT min(census_row) FROM census_cpp WHERE census_row NOT IN
        (SELECT census_row FROM census_cpp_superseded))"
"$B"/lscb-stats -q --warehouse "$T/longid.sqlite" --year 2024 --out "$T/longid" 2>"$T/err"
[ $? -eq 1 ] && grep -q 'warehouse holds a value longer than its field (a child ID has at most 71' "$T/err" &&
    pass "an overlong child ID in the warehouse: exit 1 naming it, not cut" ||
    { fail "overlong child ID in the warehouse"; cat "$T/err"; }

# 2. An authority's name in a funnel file longer than the data sheet's
# field: was plotted under its first 63 characters.
cp -r "$W/tables" "$T/t2"
f=$(cd "$T/t2" && ls funnel-*-2024.csv | grep -v limits | head -1)
ln=$(awk -F, 'NR > 1 && $6 != "" { print NR; exit }' "$T/t2/$f")
sed -i "${ln}s/^\([^,]*\),[^,]*,/\1,An authority whose name runs well past the sixty-three characters a point holds,/" "$T/t2/$f"
"$B"/lscb-report -q --tables "$T/t2" --year 2024 --template lscb-2011 --out "$T/t2/r.xlsx" 2>"$T/err"
[ $? -eq 1 ] && grep -q "$f:$ln: column la_name: 'An authority whose name runs.*' longer than 63 characters" "$T/err" &&
    [ ! -e "$T/t2/r.xlsx" ] &&
    pass "an overlong authority name in a funnel file: exit 1 naming file, line and column" ||
    { fail "overlong name in a funnel file"; cat "$T/err"; }

# 3. A population file whose old_la_code holds a 9-character code: was cut
# to 7 ('E090000'), an authority matching nothing, exit 0.
{ head -1 "$ROOT/data/ons-population-0-17.csv"; grep -m3 ',205,' "$ROOT/data/ons-population-0-17.csv"
  echo "2023,Reporting year,Local authority,E92000001,England,E12000007,London,E09000013,E09000013,Hammersmith and Fulham,Children aged 0 to 17 years,40000"
} >"$T/pop.csv"
"$B"/lscb-stats -q --warehouse "$W/warehouse.sqlite" --year 2024 --population "$T/pop.csv" \
    --out "$T/pop" 2>"$T/err"
[ $? -eq 1 ] && grep -q "pop.csv:5: LA code 'E09000013' longer than 7 characters" "$T/err" &&
    pass "a 9-character code in a population file's old_la_code: exit 1 naming file and line" ||
    { fail "overlong code in a population file"; cat "$T/err"; }

echo "overlong: $failures failure(s)"
[ $failures -eq 0 ]
