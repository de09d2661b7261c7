#!/bin/sh
# make bench: an England-size synthetic census through every stage, timed,
# beside a bare libxml2 SAX pass over the same file; then an authority-size
# run.  Prints seconds, MB/s, records/s and peak resident memory per stage.
# The figures are measurements of this machine at this moment: quote
# medians of several runs when comparing.
set -eu
B=${1:-build}
D=$B/bench
CHILDREN=${BENCH_CHILDREN:-1400000}
mkdir -p "$D"
if [ ! -s "$D/england/cin-2024.xml" ]; then
    echo "bench: generating an England-size census ($CHILDREN children simulated, 2023-2024)..."
    "$B"/lscb-synth -q --out "$D/england" --years 2023-2024 --children "$CHILDREN" --seed 2024
fi
X=$D/england/cin-2024.xml
MB=$(( $(stat -c %s "$X") / 1000000 ))
KIDS=$(grep -c '<Child>' "$X")
export LSCB_PSEUDONYM_KEY=bench-key-not-a-secret
T=$D/time.txt
measure() { # label command...
    label=$1; shift
    /usr/bin/time -f "%e %M" -o "$T" "$@" >/dev/null 2>&1 || { echo "bench: $label failed"; exit 1; }
    read -r secs kb <"$T"
    echo "$label $secs $kb"
}
rm -rf "$D/w"
mkdir -p "$D/w"
echo "bench: one census year, $MB MB, $KIDS children ($(nproc) cores)"
printf '%-12s %8s %9s %12s %9s\n' stage seconds MB/s records/s "peak MB"
row() { # label secs kb records
    mbs=$(awk -v m="$MB" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? m / s : 0) }')
    rps=$(awk -v r="$4" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }')
    printf '%-12s %8s %9s %12s %9s\n' "$1" "$2" "$mbs" "$rps" "$(( $3 / 1024 ))"
}
set -- $(measure sax "$B"/bench/sax "$X"); sax=$2; row "SAX (bare)" "$2" "$3" 0
set -- $(measure extract "$B"/lscb-extract -q --out "$D/w/staged" "$X"); ext=$2
REC=$(( $(cat "$D"/w/staged/*.csv | wc -l) - 13 ))
row extract "$2" "$3" "$REC"
set -- $(measure transform "$B"/lscb-transform -q --in "$D/w/staged" --out "$D/w/norm" --rejects "$D/w/rejects.csv")
row transform "$2" "$3" "$REC"
set -- $(measure validate "$B"/lscb-transform -q --in "$D/w/staged" --validation "$D/w/validation.csv")
row "validate" "$2" "$3" "$REC"
set -- $(measure load "$B"/lscb-load -q --in "$D/w/norm" --warehouse "$D/w/warehouse.sqlite")
row load "$2" "$3" "$REC"
set -- $(measure stats "$B"/lscb-stats -q --warehouse "$D/w/warehouse.sqlite" --year 2024 --out "$D/w/tables")
row stats "$2" "$3" "$REC"
set -- $(measure report "$B"/lscb-report -q --tables "$D/w/tables" --year 2024 --out "$D/w/report.xlsx")
row report "$2" "$3" 0
rm -rf "$D/run"
set -- $(measure lscb-run "$B"/lscb-run --year 2024 --la 999 --workdir "$D/run" "$X")
row "whole run" "$2" "$3" "$REC"
echo "extract against the bare SAX pass: $(awk -v a="$sax" -v b="$ext" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
rm -rf "$D/la"
"$B"/lscb-synth -q --out "$D/la/in" --years 2022-2024 --children 3000 --seed 3
set -- $(measure la "$B"/lscb-run --year 2024 --workdir "$D/la/run" "$D"/la/in/cin-2022.xml \
    "$D"/la/in/cin-2023.xml "$D"/la/in/cin-2024.xml)
echo "authority-size run (3,000 children, three years): $2 s, peak $(( $3 / 1024 )) MB"
for kind in referrals episodes; do
    ./scripts/big-child.sh "$kind" 10000 "$D/big-$kind.xml"
    rm -rf "$D/big-$kind"
    set -- $(measure "big-$kind" "$B"/lscb-run --year 2024 --workdir "$D/big-$kind" "$D/big-$kind.xml")
    echo "one child with 10,000 $kind (lscb-run): $2 s, peak $(( $3 / 1024 )) MB (target under 2 s)"
done
