#!/bin/sh
# lscb-run's one pass (extract, transform and load streamed, the load on a
# second thread: run/onepass.h) against the stages on files: the stage
# binaries one after the other, and lscb-run --keep-intermediate (which runs
# them on files).  On a synthetic authority of 3,000 children over three
# years plus a return of edge cases, both give the same rejects.csv,
# validation.csv, tables and warehouse rows; a return whose outcome depends
# on the files' order (a child given twice, the second copy rejected) is
# noticed and run on files; a one-pass run killed half-way changes nothing.
# Run by `make check` (BUILD names the build directory).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=$ROOT/${BUILD:-build}
T=$(mktemp -d /tmp/lscb-onepass.XXXXXX)
trap '[ -n "${ONEPASS_KEEP:-}" ] || rm -rf "$T"' EXIT
fails=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }
export LSCB_PSEUDONYM_KEY=onepass-test-key-not-a-secret
unset LSCB_JOBS

# every table's rows, sorted (the order rows were inserted in is no output)
dump() {
    for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
        echo "== $t"
        sqlite3 "$1" "SELECT * FROM \"$t\"" | LC_ALL=C sort
    done
}

"$B"/lscb-synth -q --out "$T/in" --la 318 --years 2022-2024 --children 3000 --seed 7

# edge cases (authority 205, 2024): a child with a bad date of birth and
# its episode and plan (T02, T04 cascade), a child given twice (T05, its
# episode too), dates out of order (T06), a required value missing (T01),
# a code not in its set (soft: left empty), a repeated element (T07)
child() { # id, birth date, inner XML
    printf '<Child><ChildIdentifiers><LAchildID>%s</LAchildID><PersonBirthDate>%s</PersonBirthDate><GenderCurrent>1</GenderCurrent></ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>%s</Child>\n' "$1" "$2" "$3"
}
ep() { # referral date, closure date, inner XML
    printf '<CINdetails><CINreferralDate>%s</CINreferralDate><ReferralSource>4</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>%s<ReferralNFA>0</ReferralNFA>%s</CINdetails>' "$1" "${2:+<CINclosureDate>$2</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure>}" "$3"
}
cpp='<ChildProtectionPlans><CPPstartDate>2023-10-01</CPPstartDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse><NumberOfPreviousCPP>0</NumberOfPreviousCPP></ChildProtectionPlans>'
header() { # LA, year
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>%s</Year><ReferenceDate>%s-03-31</ReferenceDate></CollectionDetails><Source><SourceLevel>L</SourceLevel><LEA>%s</LEA></Source></Header><Children>\n' "$2" "$2" "$1"
}
{
    header 205 2024
    child E1 2015-01-02 "$(ep 2023-09-01 "" "$cpp")"
    child E2 2015-02-30 "$(ep 2023-09-02 "" "$cpp")"
    child E3 2016-03-04 "$(ep 2023-09-03 2023-12-01 "")"
    child E3 2016-03-04 "$(ep 2023-09-03 2023-12-01 "")"
    child E4 2016-05-06 "$(ep 2023-09-04 2023-08-01 "")"
    child E5 2017-07-08 "$(ep '' '' "")"
    child E6 2017-07-09 "$(ep 2023-09-05 '' '')" | sed 's/<Ethnicity>WBRI/<Ethnicity>XXXX/'
    child E7 2018-01-01 "$(ep 2023-09-06 '' '')" | sed 's|<ReferralNFA>0</ReferralNFA>|<ReferralNFA>0</ReferralNFA><ReferralNFA>1</ReferralNFA>|'
    child E8 2018-02-02 "$(ep 2023-09-07 '' "$cpp$cpp")"
    printf '</Children></Message>\n'
} >"$T/edge-2024.xml"
# a child given twice, the second copy rejected: its episode, judged before
# that copy arrives, would have met the rejection in the files' order
{
    header 206 2024
    child D1 2015-01-02 "$(ep 2023-09-01 "" "")"
    child D1 2015-13-02 "$(ep 2023-09-02 "" "")"
    child D2 2015-01-03 "$(ep 2023-09-03 "" "")"
    printf '</Children></Message>\n'
} >"$T/twice-2024.xml"

# compare NAME W1 W2: the outputs a user is given
same_outputs() {
    ok=1
    for f in rejects.csv validation.csv; do
        cmp -s "$2/$f" "$3/$f" || { ok=0; echo "  $f differs"; diff "$2/$f" "$3/$f" | head -5; }
    done
    diff -r "$2/tables" "$3/tables" >/dev/null || { ok=0; echo "  tables differ"; }
    dump "$2/warehouse.sqlite" >"$T/d1"
    dump "$3/warehouse.sqlite" >"$T/d2"
    cmp -s "$T/d1" "$T/d2" || { ok=0; echo "  warehouse rows differ"; diff "$T/d1" "$T/d2" | head -5; }
    [ $ok -eq 1 ] && pass "$1" || fail "$1"
}

set -- "$T"/in/cin-2022.xml "$T"/in/cin-2023.xml "$T"/in/cin-2024.xml "$T/edge-2024.xml" \
    "$ROOT"/tests/cases/hand/inputs/strategy.csv
# 1. the one pass (two threads), the stages on files, the one pass in turn
"$B"/lscb-run -v --la 318 --workdir "$T/one" "$@" >/dev/null 2>"$T/err1" ||
    { fail "one pass run"; cat "$T/err1"; }
grep -q "in one pass (the load on a second thread)" "$T/err1" &&
    pass "lscb-run loads in one pass, on two threads" ||
    { fail "no one-pass line"; cat "$T/err1"; }
"$B"/lscb-run --keep-intermediate --la 318 --workdir "$T/files" "$@" >/dev/null 2>&1 ||
    fail "run on files"
[ -s "$T/files/normalized/child.csv" ] && [ ! -e "$T/one/normalized" ] &&
    pass "--keep-intermediate runs the stages on files (normalized/ kept); the one pass writes none" ||
    fail "normalized/ expected with --keep-intermediate only"
grep -q ',E2,T02,birth_date' "$T/one/rejects.csv" && grep -q ',E3,T05,' "$T/one/rejects.csv" &&
    grep -q ',E2,T04,' "$T/one/rejects.csv" && grep -q ',E4,T06,' "$T/one/rejects.csv" &&
    pass "edge cases rejected (T02 and its T04 cascade, T05, T06)" ||
    { fail "edge-case rejects"; cat "$T/one/rejects.csv"; }
same_outputs "one pass = stages on files: rejects.csv, validation.csv, tables, warehouse rows" \
    "$T/one" "$T/files"
LSCB_JOBS=1 "$B"/lscb-run --la 318 --workdir "$T/serial" "$@" >/dev/null 2>&1 || fail "serial run"
same_outputs "one pass in one thread (LSCB_JOBS=1) = two threads" "$T/serial" "$T/one"

# 1b. one authority's three years: the one pass keeps the rows' keys as it
#     loads them and the merge uses them (common/whkeys.h); the stages on
#     files read them back from the tables: the same rows
set -- "$T"/in/cin-2022.xml "$T"/in/cin-2023.xml "$T"/in/cin-2024.xml \
    "$ROOT"/tests/cases/hand/inputs/strategy.csv
"$B"/lscb-run --la 318 --workdir "$T/k1" "$@" >/dev/null 2>&1 || fail "keys run"
"$B"/lscb-run --keep-intermediate --la 318 --workdir "$T/k2" "$@" >/dev/null 2>&1 ||
    fail "keys run on files"
same_outputs "three years of one authority: one pass (keys kept as loaded) = stages on files" \
    "$T/k1" "$T/k2"
# 1c. the same, into a warehouse that holds 2022 from an earlier run and
#     this run's 2023 and 2024: the kept keys are not all of the authority's
#     rows, so the merge reads the table's
for w in k3 k4; do
    mkdir -p "$T/$w"
    cp "$T/k1/warehouse.sqlite" "$T/$w/warehouse.sqlite"
done
"$B"/lscb-run --la 318 --workdir "$T/k3" "$T"/in/cin-2023.xml "$T"/in/cin-2024.xml \
    >/dev/null 2>&1 || fail "keys run, earlier year"
"$B"/lscb-run --keep-intermediate --la 318 --workdir "$T/k4" "$T"/in/cin-2023.xml \
    "$T"/in/cin-2024.xml >/dev/null 2>&1 || fail "keys run on files, earlier year"
same_outputs "2023 and 2024 onto a warehouse holding 2022: one pass = stages on files" \
    "$T/k3" "$T/k4"
[ "$(sqlite3 "$T/k3/warehouse.sqlite" "SELECT count(DISTINCT census_year) FROM census_child")" = 3 ] &&
    pass "the earlier run's 2022 is merged with this run's years" || fail "2022 lost"
set -- "$T"/in/cin-2022.xml "$T"/in/cin-2023.xml "$T"/in/cin-2024.xml "$T/edge-2024.xml" \
    "$ROOT"/tests/cases/hand/inputs/strategy.csv

# 2. the stage binaries one after another: the same rejects and rows
"$B"/lscb-extract -q --la 318 --out "$T/st/staged" "$@" &&
    "$B"/lscb-transform -q --in "$T/st/staged" --out "$T/st/norm" --rejects "$T/st/rejects.csv" &&
    "$B"/lscb-load -q --in "$T/st/norm" --warehouse "$T/st/wh.sqlite" || fail "stage binaries"
dump "$T/st/wh.sqlite" >"$T/d1"
dump "$T/one/warehouse.sqlite" >"$T/d2"
# lscb-load alone has no validation counts (lscb-run stores them after)
awk '/^== /{skip = ($2 == "validation_count")} !skip' "$T/d2" >"$T/d2b"
awk '/^== /{skip = ($2 == "validation_count")} !skip' "$T/d1" >"$T/d1b"
if cmp -s "$T/st/rejects.csv" "$T/one/rejects.csv" && cmp -s "$T/d1b" "$T/d2b"; then
    pass "one pass = lscb-extract, lscb-transform, lscb-load on files (rejects.csv, warehouse rows)"
else
    fail "stage binaries differ"; diff "$T/d1b" "$T/d2b" | head -5
fi

# 3. order-dependent: noticed, run on the staged files, the same outputs
set -- "$T/twice-2024.xml"
"$B"/lscb-run -v --la 206 --workdir "$T/tw1" "$@" >/dev/null 2>"$T/err2" || fail "twice run"
grep -q "ran again on the staged files" "$T/err2" &&
    pass "a child given twice with a rejected copy: the one pass notices, the stages run on files" ||
    { fail "fallback line missing"; cat "$T/err2"; }
"$B"/lscb-run --keep-intermediate --la 206 --workdir "$T/tw2" "$@" >/dev/null 2>&1 || fail "twice files"
grep -q ',D1,T04,' "$T/tw1/rejects.csv" &&
    pass "its episode follows the rejected copy out (T04), as on files" || fail "no T04 for D1"
same_outputs "order-dependent return: one pass (fallen back) = stages on files" "$T/tw1" "$T/tw2"

# 3b. a return given again after another year's: its keys are kept for it
#     (each return's keys are dropped only when no later input holds it)
set -- "$T"/in/cin-2023.xml "$T"/in/cin-2024.xml "$T"/in/cin-2023.xml
"$B"/lscb-run --la 318 --workdir "$T/again1" "$@" >/dev/null 2>&1 || fail "again run"
"$B"/lscb-run --keep-intermediate --la 318 --workdir "$T/again2" "$@" >/dev/null 2>&1 ||
    fail "again files"
n=$(grep -c ',T05,' "$T/again1/rejects.csv")
[ "$n" -gt 1000 ] && pass "2023 given again after 2024: its $n records are duplicates (T05)" ||
    fail "2023 again: only $n T05 rejects"
same_outputs "a return given twice: one pass = stages on files" "$T/again1" "$T/again2"

# 4. killed half-way through the one pass (after a return was loaded):
#    nothing changed, and a run after it succeeds
set -- "$T"/in/cin-2022.xml "$T"/in/cin-2023.xml "$T"/in/cin-2024.xml
snap() { (cd "$1" && find . -path './.run-*' -prune -o -type f ! -name '*.lock' ! -name '*.loading-*' -print | LC_ALL=C sort | xargs md5sum); }
before=$(snap "$T/one")
LSCB_CRASH_AT=load-year "$B"/lscb-run --la 318 --workdir "$T/one" "$@" >/dev/null 2>&1
rc=$?
after=$(snap "$T/one")
if [ $rc -eq 137 ] && [ "$before" = "$after" ]; then
    pass "one pass killed after loading a return: nothing in W changed"
else
    fail "killed one pass: rc=$rc, changed=$([ "$before" = "$after" ] && echo no || echo yes)"
fi
"$B"/lscb-run --la 318 --workdir "$T/one" "$@" >/dev/null 2>&1 && pass "a run after the kill succeeds" ||
    fail "run after kill"

# 5. an input replaced while the run has it: the one pass may read an input
#    again (a child whose records came apart, an order-dependent return),
#    so a changed file would give the warehouse one version and
#    validation.csv another.  The run waits here on the warehouse's lock
#    (held by flock on the warehouse's directory, a directory of its own:
#    the run holds its work directory locked from its start) while
#    cin-2023.xml is replaced: exit 1 naming the file, nothing changed.
mkdir "$T/chg" "$T/whd"
cp "$T/in/cin-2023.xml" "$T/chg/cin-2023.xml"
cp "$T/one/warehouse.sqlite" "$T/whd/warehouse.sqlite"
before=$(snap "$T/one"; snap "$T/whd")
flock "$T/whd" sh -c "touch '$T/held'; while [ ! -e '$T/release' ]; do sleep 0.1; done" &
holder=$!
n=0; while [ ! -e "$T/held" ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
"$B"/lscb-run --la 318 --workdir "$T/one" --warehouse "$T/whd/warehouse.sqlite" \
    "$T/chg/cin-2023.xml" "$T/in/cin-2024.xml" >/dev/null 2>"$T/err5" &
run=$!
n=0; while ! ls -d "$T"/one/.run-* >/dev/null 2>&1 && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
sleep 1
cp "$T/in/cin-2022.xml" "$T/chg/new.xml" && mv "$T/chg/new.xml" "$T/chg/cin-2023.xml"
touch "$T/release"
wait $run
rc=$?
wait $holder
after=$(snap "$T/one"; snap "$T/whd")
if [ $rc -eq 1 ] && [ "$before" = "$after" ] &&
    grep -q 'chg/cin-2023.xml: the file changed while the run was reading it' "$T/err5"; then
    pass "an input replaced during the run: exit 1 naming it, nothing in W changed"
else
    fail "input replaced during the run: rc=$rc, changed=$([ "$before" = "$after" ] && echo no || echo yes)"
    cat "$T/err5"
fi

echo "onepass: $fails failure(s)"
[ $fails -eq 0 ]
