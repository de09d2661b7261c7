#!/bin/sh
# End-to-end tests against a real PostgreSQL server: LSCB_TEST_PG names a
# database the tests may empty (a libpq URI, e.g.
# postgresql:///lscb_test?host=/var/run/postgresql).  .ci/run starts a local
# server and sets it; without it these tests are skipped.  Run by
# tests/e2e/run.sh.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=$ROOT/${BUILD:-build}
if [ -z "${LSCB_TEST_PG:-}" ]; then
    echo "skip PostgreSQL tests (LSCB_TEST_PG not set; .ci/run sets it)"
    exit 0
fi
PG=$LSCB_TEST_PG
T=$(mktemp -d /tmp/lscb-pg.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }
export LSCB_PSEUDONYM_KEY="a shared key for the region, not a secret"
q() { psql -X -A -t -q "$PG" -c "$1"; }

if ! q "DROP SCHEMA public CASCADE; CREATE SCHEMA public" >"$T/psql" 2>&1; then
    fail "PostgreSQL server not reachable at $PG"; cat "$T/psql"
    echo "pg: $fails failure(s)"; exit 1
fi

# An empty database is not a warehouse yet: exit 1 with a message.
"$B"/lscb-stats --warehouse "$PG" --year 2024 --out "$T/empty" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'not a warehouse yet' "$T/err" && pass "an empty database: exit 1, 'not a warehouse yet'" ||
    { fail "empty database (rc=$rc)"; cat "$T/err"; }

# Two authorities of a region, three census years each, in one warehouse.
"$B"/lscb-synth -q --out "$T/a" --years 2022-2024 --children 3000 --seed 7 --la 318
"$B"/lscb-synth -q --out "$T/b" --years 2022-2024 --children 2000 --seed 8 --la 319
for la in 318 319; do
    d=$T/a; [ $la = 319 ] && d=$T/b
    if "$B"/lscb-run --year 2024 --la $la --warehouse "$PG" --workdir "$T/pg$la" \
        "$d"/cin-2022.xml "$d"/cin-2023.xml "$d"/cin-2024.xml >"$T/out" 2>&1 &&
        "$B"/lscb-run --year 2024 --la $la --workdir "$T/sq$la" \
        "$d"/cin-2022.xml "$d"/cin-2023.xml "$d"/cin-2024.xml >"$T/out2" 2>&1; then
        if diff -r "$T/pg$la/tables" "$T/sq$la/tables" >"$T/diff"; then
            pass "LA $la: every table from PostgreSQL equals SQLite's ($(wc -l <"$T/pg$la/tables/measures.csv") measure rows)"
        else
            fail "LA $la: PostgreSQL and SQLite differ"; head -20 "$T/diff"
        fi
        cmp -s "$T/pg$la/report-2024.xlsx" "$T/sq$la/report-2024.xlsx" &&
            pass "LA $la: byte-identical workbooks" || fail "LA $la: workbooks differ"
    else
        fail "LA $la runs"; cat "$T/out" "$T/out2"
    fi
done
[ "$(q "SELECT count(DISTINCT la_code) FROM load_log")" = 2 ] &&
    [ "$(q "SELECT count(*) FROM census_child WHERE child_id LIKE 'SYN%'")" = 0 ] &&
    pass "one warehouse, two authorities, pseudonyms only" || fail "warehouse contents"

# Each keeps its own years: reloading 319's 2024 leaves 318 as it was.
cp "$T/pg318/tables/measures.csv" "$T/m318"
before319=$(q "SELECT count(*) FROM census_episode WHERE la_code = '319' AND census_year = 2024")
"$B"/lscb-run --year 2024 --la 319 --warehouse "$PG" --workdir "$T/pg319" "$T"/b/cin-2024.xml >/dev/null 2>&1 &&
    "$B"/lscb-run --year 2024 --la 318 --warehouse "$PG" --workdir "$T/pg318" >/dev/null 2>&1 &&
    [ "$(q "SELECT count(*) FROM census_episode WHERE la_code = '319' AND census_year = 2024")" = "$before319" ] &&
    [ "$(q "SELECT count(*) FROM load_log WHERE la_code = '319'")" = 3 ] &&
    cmp -s "$T/m318" "$T/pg318/tables/measures.csv" &&
    pass "reloading 319's 2024 replaces it ($before319 episodes, not doubled) and leaves 318's figures" ||
    fail "319's reload or 318's figures"

# The region: counts pooled over both authorities, rates over their summed
# populations.
if "$B"/lscb-run --year 2024 --la 318,319 --warehouse "$PG" --workdir "$T/region" >"$T/out" 2>&1; then
    ok=1
    for m in cpp_open referrals cpp_started icpc; do
        a=$(awk -F, -v m=$m '$1 == m && $3 == "2023-04-01" && $4 == "2024-03-31" && $5 == "" { print $6 }' "$T/pg318/tables/measures.csv")
        b=$(awk -F, -v m=$m '$1 == m && $3 == "2023-04-01" && $4 == "2024-03-31" && $5 == "" { print $6 }' "$T/pg319/tables/measures.csv")
        r=$(awk -F, -v m=$m '$1 == m && $3 == "2023-04-01" && $4 == "2024-03-31" && $5 == "" { print $6 }' "$T/region/tables/measures.csv")
        [ -n "$a" ] && [ -n "$b" ] && [ "$r" = "$((a + b))" ] || { ok=0; echo "  $m: $a + $b != $r"; }
    done
    [ $ok = 1 ] && pass "regional aggregate: cpp_open, referrals, cpp_started, icpc are the sums" ||
        fail "regional aggregate"
else
    fail "regional aggregate run"; cat "$T/out"
fi

# A load killed before its commit leaves the warehouse as it was.
before=$(q "SELECT count(*) FROM census_episode")
LSCB_CRASH_AT=load-before-rename "$B"/lscb-run --year 2024 --la 318 --warehouse "$PG" \
    --workdir "$T/pgcrash" "$T"/a/cin-2023.xml "$T"/b/cin-2024.xml >/dev/null 2>&1
rc=$?
after=$(q "SELECT count(*) FROM census_episode")
[ $rc -ne 0 ] && [ "$before" = "$after" ] && pass "a load killed before its commit changes nothing ($after episodes)" ||
    fail "killed load: rc=$rc, $before -> $after"
"$B"/lscb-run --year 2024 --la 318 --warehouse "$PG" --workdir "$T/pg318" >/dev/null 2>&1 &&
    cmp -s "$T/m318" "$T/pg318/tables/measures.csv" && pass "and the next run gives the same figures" || fail "after the kill"

# A run that fails or is killed after its load (in the stats, the report,
# the validation, or with a directory in an output's way) leaves the
# warehouse as it was: the load is committed with the run's other outputs.
snap() { q "SELECT la_code, census_year, records FROM load_log ORDER BY 1, 2; SELECT count(*) FROM census_episode; SELECT count(*) FROM validation_count" | md5sum; }
"$B"/lscb-synth -q --out "$T/c" --years 2024 --children 300 --seed 9 --la 320
before=$(snap)
ok=1
"$B"/lscb-run --year 2030 --la 320 --warehouse "$PG" --workdir "$T/pgfail" "$T"/c/cin-2024.xml >/dev/null 2>"$T/err"
rc=$?; [ $rc -eq 1 ] && [ "$(snap)" = "$before" ] || { ok=0; echo "  a year with no return: exit $rc $(cat "$T/err")"; }
for at in report-before-rename validator commit-pg; do
    LSCB_JOBS=2 LSCB_CRASH_AT=$at "$B"/lscb-run --year 2024 --la 320 --warehouse "$PG" --workdir "$T/pgfail" "$T"/c/cin-2024.xml >/dev/null 2>&1
    rc=$?; [ $rc -ne 0 ] && [ "$(snap)" = "$before" ] || { ok=0; echo "  killed at $at: exit $rc, warehouse changed"; }
done
mkdir -p "$T/pgfail/validation.csv/x"
"$B"/lscb-run --year 2024 --la 320 --warehouse "$PG" --workdir "$T/pgfail" "$T"/c/cin-2024.xml >/dev/null 2>"$T/err"
rc=$?; [ $rc -eq 3 ] && [ "$(snap)" = "$before" ] || { ok=0; echo "  a directory in the way: exit $rc $(cat "$T/err")"; }
rm -rf "$T/pgfail/validation.csv"
"$B"/lscb-run --year 2024 --la 320 --warehouse "$PG" --workdir "$T/pgfail" "$T"/c/cin-2024.xml >/dev/null 2>"$T/err"
rc=$?
[ $ok = 1 ] && [ $rc -eq 0 ] && [ "$(snap)" != "$before" ] && [ "$(q "SELECT count(*) FROM load_log WHERE la_code = '320'")" = 1 ] &&
    pass "runs failing or killed after their load leave PostgreSQL as it was; the run that succeeds loads" ||
    fail "PostgreSQL after a failed run: final exit $rc $(cat "$T/err")"

# Connection errors name the warehouse but never the password.
"$B"/lscb-stats --warehouse "postgresql://lscb:s3cret@127.0.0.1:1/none" --year 2024 --out "$T/x" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'cannot connect' "$T/err" && ! grep -q s3cret "$T/err" &&
    pass "an unreachable server: exit 1, message without the password" || { fail "connection error (rc=$rc)"; cat "$T/err"; }

echo "pg: $fails failure(s)"
[ $fails -eq 0 ]
