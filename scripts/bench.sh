#!/bin/sh
# make bench: an England-size synthetic census through every stage, timed,
# beside a bare libxml2 SAX pass over the same file; the whole lscb-run on
# one year and on three (how cost grows with history; the two measured in
# turn, run by run); one child with
# 10,000 referrals and one with 10,000 episodes; an authority-size run.
# Each figure is the median of BENCH_RUNS runs (default 3; the spread is
# shown), and every time is also given as a multiple of the bare SAX pass
# measured in the same bench run.  Peak memory is the largest of the runs.
set -eu
B=${1:-build}
D=$B/bench
CHILDREN=${BENCH_CHILDREN:-1700000}
RUNS=${BENCH_RUNS:-3}
mkdir -p "$D"
if [ ! -s "$D/england/cin-2022.xml" ] || [ ! -s "$D/england/cin-2024.xml" ]; then
    echo "bench: generating an England-size census ($CHILDREN children simulated, 2022-2024)..."
    rm -rf "$D/england"
    "$B"/lscb-synth -q --out "$D/england" --years 2022-2024 --children "$CHILDREN" --seed 2024
fi
X=$D/england/cin-2024.xml
MB=$(( $(stat -c %s "$X") / 1000000 ))
KIDS=$(grep -c '<Child>' "$X")
export LSCB_PSEUDONYM_KEY=bench-key-not-a-secret
T=$D/time.txt

# measure LABEL PREP CMD...: runs PREP (a shell command, e.g. removing the
# last run's output) then CMD, RUNS times; prints "median min max peak_kb"
measure() {
    label=$1 prep=$2
    shift 2
    : >"$D/runs.txt"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        sh -c "$prep"
        /usr/bin/time -f "%e %M" -o "$T" "$@" >/dev/null 2>"$D/err.txt" ||
            { echo "bench: $label failed:" >&2; cat "$D/err.txt" >&2; return 1; }
        cat "$T" >>"$D/runs.txt"
        i=$((i + 1))
    done
    sort -n "$D/runs.txt" | awk '{ s[NR] = $1; if ($2 > kb) kb = $2 }
        END { printf "%s %s %s %d\n", s[int((NR + 1) / 2)], s[1], s[NR], kb }'
}

# measure_pair PREP_A CMD_A PREP_B CMD_B (commands as shell text): A then B
# in turn, RUNS times, so that both meet the same moments of a shared
# machine (run one after the other, a slow minute falls on one of them
# only); prints A's "median min max peak_kb", then B's, on two lines
measure_pair() {
    : >"$D/runs-a.txt"
    : >"$D/runs-b.txt"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        for side in a b; do
            if [ $side = a ]; then prep=$1 cmd=$2; else prep=$3 cmd=$4; fi
            sh -c "$prep"
            /usr/bin/time -f "%e %M" -o "$T" sh -c "exec $cmd" >/dev/null 2>"$D/err.txt" ||
                { echo "bench: $cmd failed:" >&2; cat "$D/err.txt" >&2; return 1; }
            cat "$T" >>"$D/runs-$side.txt"
        done
        i=$((i + 1))
    done
    for side in a b; do
        sort -n "$D/runs-$side.txt" | awk '{ s[NR] = $1; if ($2 > kb) kb = $2 }
            END { printf "%s %s %s %d\n", s[int((NR + 1) / 2)], s[1], s[NR], kb }'
    done
}

SAX=
# row LABEL RECORDS median min max kb
row() {
    awk -v l="$1" -v r="$2" -v s="$3" -v lo="$4" -v hi="$5" -v kb="$6" -v m="$MB" -v sax="$SAX" \
        'BEGIN { printf "%-22s %7.2f %12s %6.0f %10.0f %8d %7s\n", l, s,
                 sprintf("%.2f-%.2f", lo, hi), (s > 0 ? m / s : 0), (s > 0 ? r / s : 0),
                 kb / 1024, (sax > 0 ? sprintf("%.1fx", s / sax) : "1.0x") }'
}

rm -rf "$D/w"
mkdir -p "$D/w"
echo "bench: one census year, $MB MB, $KIDS children ($(nproc) cores, load average" \
    "$(cut -d' ' -f1-3 /proc/loadavg)); median of $RUNS runs each"
printf '%-22s %7s %12s %6s %10s %8s %7s\n' stage median "min-max" MB/s records/s "peak MB" "x SAX"
r=$(measure sax true "$B"/bench/sax "$X")
set -- $r; SAX=$1
row "SAX (bare)" 0 "$@"
r=$(measure extract "rm -rf '$D/w/staged'" "$B"/lscb-extract -q --out "$D/w/staged" "$X")
set -- $r
EXT=$1
REC=$(( $(cat "$D"/w/staged/*.csv | wc -l) - $(ls "$D"/w/staged/*.csv | wc -l) ))
row extract "$REC" "$@"
r=$(measure transform "rm -rf '$D/w/norm'" "$B"/lscb-transform -q --in "$D/w/staged" \
    --out "$D/w/norm" --rejects "$D/w/rejects.csv")
set -- $r
row transform "$REC" "$@"
r=$(measure validate true "$B"/lscb-transform -q --in "$D/w/staged" --validation \
    "$D/w/validation.csv")
set -- $r
row "validate" "$REC" "$@"
r=$(measure load "rm -f '$D/w/warehouse.sqlite'" "$B"/lscb-load -q --in "$D/w/norm" \
    --warehouse "$D/w/warehouse.sqlite")
set -- $r
row load "$REC" "$@"
r=$(measure stats "rm -rf '$D/w/tables'" "$B"/lscb-stats -q --warehouse "$D/w/warehouse.sqlite" \
    --year 2024 --out "$D/w/tables")
set -- $r
row stats "$REC" "$@"
r=$(measure report true "$B"/lscb-report -q --tables "$D/w/tables" --year 2024 \
    --out "$D/w/report.xlsx")
set -- $r
row report 0 "$@"
# one year and three, in turn (measure_pair)
Y3="$D/england/cin-2022.xml $D/england/cin-2023.xml $X"
MB3=$(( $(cat $Y3 | wc -c) / 1000000 ))
r=$(measure_pair "rm -rf '$D/run'" "$B/lscb-run --year 2024 --la 999 --workdir $D/run $X" \
    "rm -rf '$D/run3'" "$B/lscb-run --year 2024 --la 999 --workdir $D/run3 $Y3")
R3=$(echo "$r" | sed -n 2p)
# each run's three years over the one year run just before it
PAIRS=$(paste -d' ' "$D/runs-a.txt" "$D/runs-b.txt" | awk '{ printf "%.2f\n", $3 / $1 }' |
    sort -n | awk '{ r[NR] = $1 } END { printf "%s (%s-%s)", r[int((NR + 1) / 2)], r[1], r[NR] }')
set -- $(echo "$r" | sed -n 1p)
ONE=$1
row "whole lscb-run" "$REC" "$@"
# the same run with the transform and the load on files (the stages' way)
r=$(measure lscb-run-files "rm -rf '$D/runf'" "$B"/lscb-run --keep-intermediate --year 2024 \
    --la 999 --workdir "$D/runf" "$X")
set -- $r
row "lscb-run on files" "$REC" "$@"
# the one pass and the stages on files give the same outputs on this return
same=yes
for f in rejects.csv validation.csv; do cmp -s "$D/run/$f" "$D/runf/$f" || same="no ($f)"; done
diff -r "$D/run/tables" "$D/runf/tables" >/dev/null || same="no (tables)"
dumpwh() {
    for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
        echo "== $t"
        sqlite3 "$1" "SELECT * FROM \"$t\"" | LC_ALL=C sort
    done | md5sum
}
[ "$(dumpwh "$D/run/warehouse.sqlite")" = "$(dumpwh "$D/runf/warehouse.sqlite")" ] ||
    same="no (warehouse rows)"
echo "one pass = stages on files (rejects.csv, validation.csv, tables, warehouse rows): $same"
set -- $R3
THREE=$1
MB1=$MB; MB=$MB3
row "lscb-run, 3 years" 0 "$@"
MB=$MB1
echo "extract's speed against the bare SAX pass: $(awk -v a="$SAX" -v b="$EXT" \
    'BEGIN { printf "%.0f%%", 100 * a / b }')"
echo "whole lscb-run: $(awk -v a="$ONE" -v s="$SAX" 'BEGIN { printf "%.1f", a / s }')x the bare" \
    "SAX pass (target 8x); three years ($MB3 MB): $(awk -v a="$THREE" -v b="$ONE" \
    'BEGIN { printf "%.2f", a / b }')x one year (target 3x; run by run, each three-year run over the" \
    "one-year run before it: median $PAIRS)"
rm -rf "$D/la"
"$B"/lscb-synth -q --out "$D/la/in" --years 2022-2024 --children 3000 --seed 3
r=$(measure la "rm -rf '$D/la/run'" "$B"/lscb-run --year 2024 --workdir "$D/la/run" \
    "$D"/la/in/cin-2022.xml "$D"/la/in/cin-2023.xml "$D"/la/in/cin-2024.xml)
set -- $r
echo "authority-size run (3,000 children, three years): $1 s (median; $2-$3), peak $(( $4 / 1024 )) MB" \
    "(target under 0.5 s)"
for kind in referrals episodes; do
    ./scripts/big-child.sh "$kind" 10000 "$D/big-$kind.xml"
    r=$(measure "big-$kind" "rm -rf '$D/big-$kind'" "$B"/lscb-run --year 2024 --workdir \
        "$D/big-$kind" "$D/big-$kind.xml")
    set -- $r
    echo "one child with 10,000 $kind (lscb-run): $1 s (median; $2-$3), peak $(( $4 / 1024 )) MB" \
        "(target under 2 s)"
done
