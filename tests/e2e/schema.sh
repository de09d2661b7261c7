#!/bin/sh
# Warehouse schema versions: warehouses made before versioning (by commit
# fe58194, kept as SQL dumps in tests/data/warehouse) are read as they are,
# upgraded by the next load, and give the figures a fresh warehouse gives; a
# warehouse of a newer version is refused.  With LSCB_TEST_PG, the same on
# PostgreSQL.  Run by tests/e2e/run.sh.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=$ROOT/${BUILD:-build}
T=$(mktemp -d /tmp/lscb-schema.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }
# the fixtures' key (not a secret: synthetic data)
export LSCB_PSEUDONYM_KEY='fixture-key-not-secret-0001'
FX=$ROOT/tests/data/warehouse
HAND=$ROOT/tests/cases/hand/inputs
ERA=$ROOT/tests/cases/era2012/inputs
version() { sqlite3 "$1" "SELECT value FROM warehouse_meta WHERE name = 'schema_version'"; }

# The figures the inputs of the fixtures give in a warehouse made now.
"$B"/lscb-run --year 2024 --la 205 --workdir "$T/new" "$HAND"/* >/dev/null 2>&1 &&
    "$B"/lscb-run --year 2012 --la 205 --warehouse "$T/new/warehouse.sqlite" --workdir "$T/new12" \
        "$ERA"/* >/dev/null 2>&1 &&
    "$B"/lscb-stats --warehouse "$T/new/warehouse.sqlite" --year 2024 --la 205 --out "$T/fresh" \
        >/dev/null 2>&1 || fail "fresh warehouse from the fixtures' inputs"
[ "$(version "$T/new/warehouse.sqlite")" = "$(sed -n 's/^#define WH_SCHEMA_VERSION //p' "$ROOT/common/warehouse.c")" ] &&
    pass "a new warehouse records its schema version" || fail "new warehouse: no schema_version row"

# 1. An unversioned SQLite warehouse is read as it is, and not changed.
sqlite3 "$T/old.sqlite" <"$FX/v0-fe58194.sql"
sum0=$(sqlite3 "$T/old.sqlite" .dump | md5sum)
if "$B"/lscb-stats --warehouse "$T/old.sqlite" --year 2024 --la 205 --out "$T/old" >"$T/out" 2>&1 &&
    cmp -s "$T/fresh/measures.csv" "$T/old/measures.csv" &&
    [ "$(sqlite3 "$T/old.sqlite" .dump | md5sum)" = "$sum0" ]; then
    pass "an unversioned warehouse (fe58194) gives a fresh one's measures, read-only and untouched"
else
    fail "reading the unversioned warehouse"; cat "$T/out"; diff "$T/fresh/measures.csv" "$T/old/measures.csv" | head
fi

# 2. A load upgrades it; the figures stay the same, and the merged rows
# too: version 2's views (census rows less those superseded) hold the rows
# the old merged tables held (the load gives the 2012 rows again, from
# files named otherwise: source_file left out of the comparison).
merged_rows() {
    for t in child episode assessment cin_plan s47 cpp cpp_review strategy initial_assessment \
        core_assessment cpr3; do
        sqlite3 "$1" "SELECT '$t', * FROM $t" | awk -F'|' -v OFS='|' '{ $4 = ""; print }'
    done | LC_ALL=C sort
}
merged_rows "$T/old.sqlite" >"$T/merged-v0"
if "$B"/lscb-run --year 2012 --la 205 --warehouse "$T/old.sqlite" --workdir "$T/up" "$ERA"/* \
        >"$T/out" 2>&1 &&
    [ "$(version "$T/old.sqlite")" = "$(version "$T/new/warehouse.sqlite")" ] &&
    "$B"/lscb-stats --warehouse "$T/old.sqlite" --year 2024 --la 205 --out "$T/old2" >/dev/null 2>&1 &&
    cmp -s "$T/fresh/measures.csv" "$T/old2/measures.csv" &&
    merged_rows "$T/old.sqlite" >"$T/merged-v2" && [ -s "$T/merged-v0" ] &&
    cmp -s "$T/merged-v0" "$T/merged-v2" &&
    [ "$(sqlite3 "$T/old.sqlite" "SELECT type FROM sqlite_master WHERE name = 'episode'")" = view ] &&
    [ "$(sqlite3 "$T/old.sqlite" "SELECT count(*) FROM census_child_superseded")" -gt 0 ]; then
    pass "a load upgrades the unversioned warehouse to version $(version "$T/old.sqlite"); same measures, same $(wc -l <"$T/merged-v2") merged rows, $(sqlite3 "$T/old.sqlite" "SELECT count(*) FROM census_child_superseded") child versions superseded"
else
    fail "upgrading the unversioned warehouse"; cat "$T/out"; diff "$T/merged-v0" "$T/merged-v2" | head
fi

# 2b. An analyst's view over a census table survives the upgrade (the
# census tables are made again, under their own names), and still reads.
sqlite3 "$T/view.sqlite" <"$FX/v0-fe58194.sql"
sqlite3 "$T/view.sqlite" "CREATE VIEW my_children AS SELECT child_id FROM census_child;
    CREATE VIEW my_plans AS SELECT child_id FROM census_cpp"
n0=$(sqlite3 "$T/view.sqlite" "SELECT count(*) FROM my_children")
if "$B"/lscb-run --year 2012 --la 205 --warehouse "$T/view.sqlite" --workdir "$T/vw" "$ERA"/* \
        >"$T/out" 2>&1 &&
    [ "$(version "$T/view.sqlite")" = "$(version "$T/new/warehouse.sqlite")" ] &&
    [ "$(sqlite3 "$T/view.sqlite" "SELECT count(*) FROM my_children")" = "$n0" ] &&
    sqlite3 "$T/view.sqlite" "SELECT count(*) FROM my_plans" >/dev/null 2>&1 &&
    [ -z "$(sqlite3 "$T/view.sqlite" "SELECT name FROM sqlite_master WHERE name LIKE '%_v1'")" ]; then
    pass "an analyst's views over census tables survive the upgrade ($n0 children still read)"
else
    fail "upgrade with an analyst's view"; cat "$T/out"
fi

# 3. A column the entity schema has and an old warehouse lacks is added.
sqlite3 "$T/col.sqlite" <"$FX/v0-fe58194.sql"
sqlite3 "$T/col.sqlite" "ALTER TABLE child DROP COLUMN disabilities; ALTER TABLE census_child DROP COLUMN disabilities"
if "$B"/lscb-run --year 2024 --la 205 --warehouse "$T/col.sqlite" --workdir "$T/colw" "$HAND"/* \
        >"$T/out" 2>&1 &&
    [ "$(sqlite3 "$T/col.sqlite" "SELECT count(*) FROM pragma_table_info('census_child') WHERE name = 'disabilities'")" = 1 ] &&
    cmp -s "$T/fresh/measures.csv" "$T/colw/tables/measures.csv"; then
    pass "a column missing from an old warehouse is added by the upgrade"
else
    fail "adding a missing column"; cat "$T/out"
fi

# 4. A newer warehouse is refused, read or written, and left alone.
cp "$T/new/warehouse.sqlite" "$T/future.sqlite"
sqlite3 "$T/future.sqlite" "UPDATE warehouse_meta SET value = '99' WHERE name = 'schema_version'"
sum0=$(md5sum <"$T/future.sqlite")
"$B"/lscb-stats --warehouse "$T/future.sqlite" --year 2024 --la 205 --out "$T/f1" >/dev/null 2>"$T/err"
rc1=$?
"$B"/lscb-run --year 2024 --la 205 --warehouse "$T/future.sqlite" --workdir "$T/f2" "$HAND"/* \
    >/dev/null 2>"$T/err2"
rc2=$?
[ $rc1 -eq 1 ] && [ $rc2 -eq 1 ] && grep -q 'schema version 99, newer' "$T/err" &&
    grep -q 'schema version 99, newer' "$T/err2" && [ "$(md5sum <"$T/future.sqlite")" = "$sum0" ] &&
    pass "a warehouse of a newer schema version: exit 1, '$(cut -c1-70 "$T/err")...', untouched" ||
    { fail "newer schema version: rc=$rc1/$rc2"; cat "$T/err" "$T/err2"; }

# 4a. A database failure while reading is exit 3 with the database's
# message, never "year not loaded" (exit 1): load_log without its kind
# column makes the year query fail.
sqlite3 "$T/broken.sqlite" <"$FX/v0-fe58194.sql"
sqlite3 "$T/broken.sqlite" "ALTER TABLE load_log DROP COLUMN kind"
"$B"/lscb-stats --warehouse "$T/broken.sqlite" --year 2024 --la 205 --out "$T/b1" >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 3 ] && grep -q 'kind' "$T/err" && ! grep -q 'census return is loaded' "$T/err" &&
    pass "a failing warehouse query: exit 3, '$(cut -c1-90 "$T/err")'" ||
    { fail "database failure while reading: rc=$rc"; cat "$T/err"; }

# 5. PostgreSQL: the unversioned warehouse fe58194 made there.
if [ -n "${LSCB_TEST_PG:-}" ]; then
    PG=$LSCB_TEST_PG
    q() { psql -X -A -t -q "$PG" -c "$1"; }
    if q "DROP SCHEMA public CASCADE; CREATE SCHEMA public" >"$T/psql" 2>&1 &&
        psql -X -q -v ON_ERROR_STOP=1 "$PG" -f "$FX/v0-fe58194-pg.sql" >>"$T/psql" 2>&1 &&
        "$B"/lscb-stats --warehouse "$PG" --year 2024 --la 205 --out "$T/pgold" >"$T/out" 2>&1 &&
        cmp -s "$T/fresh/measures.csv" "$T/pgold/measures.csv" &&
        [ -z "$(q "SELECT value FROM warehouse_meta WHERE name = 'schema_version'")" ] &&
        "$B"/lscb-run --year 2012 --la 205 --warehouse "$PG" --workdir "$T/pgup" "$ERA"/* \
            >>"$T/out" 2>&1 &&
        [ "$(q "SELECT value FROM warehouse_meta WHERE name = 'schema_version'")" = "$(sed -n 's/^#define WH_SCHEMA_VERSION_PG //p' "$ROOT/common/warehouse.c")" ] &&
        "$B"/lscb-stats --warehouse "$PG" --year 2024 --la 205 --out "$T/pgold2" >>"$T/out" 2>&1 &&
        cmp -s "$T/fresh/measures.csv" "$T/pgold2/measures.csv"; then
        pass "PostgreSQL: the unversioned warehouse (fe58194) is read as it is, upgraded by a load, same measures"
    else
        fail "PostgreSQL unversioned warehouse"; cat "$T/psql" "$T/out"
    fi
    q "UPDATE warehouse_meta SET value = '99' WHERE name = 'schema_version'"
    "$B"/lscb-stats --warehouse "$PG" --year 2024 --la 205 --out "$T/pgf" >/dev/null 2>"$T/err"
    rc=$?
    [ $rc -eq 1 ] && grep -q 'schema version 99, newer' "$T/err" &&
        pass "PostgreSQL: a newer schema version is refused (exit 1)" || { fail "PostgreSQL newer version: rc=$rc"; cat "$T/err"; }
    q "DROP SCHEMA public CASCADE; CREATE SCHEMA public" >/dev/null 2>&1
fi

echo "schema: $fails failure(s)"
[ $fails -eq 0 ]
