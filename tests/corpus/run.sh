#!/bin/sh
# The bad-input corpus: every case in expected.tsv must end with its exit
# code and message, never crash (no exit above 3, no signal), and a case
# that stops the run must leave no report or tables behind.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=$ROOT/${BUILD:-build}
C=$ROOT/tests/corpus/cases
T=$(mktemp -d /tmp/lscb-corpus.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
n=0

# a good run, for the tables and warehouse some cases need
"$B"/lscb-run --year 2024 --la 205 --workdir "$T/good" "$ROOT"/tests/cases/hand/inputs/* >/dev/null 2>&1 ||
    { echo "FAIL corpus: the good run failed"; exit 1; }

# the big cases, and a file that looks like a workbook, are made here
# rather than committed
{
    printf '<?xml version="1.0"?>\n<Message><Header><CollectionDetails><Year>2024</Year></CollectionDetails><Source><LEA>205</LEA></Source></Header><Children><Child><ChildIdentifiers><LAchildID>'
    head -c 52428800 /dev/zero | tr '\0' 'A'
    printf '</LAchildID></ChildIdentifiers></Child></Children></Message>\n'
} >"$T/gen-50mb-text-node.xml"
{
    printf 'LAchildID,Ethnicity,GenderCurrent,LEA,CensusYear\nC1,'
    head -c 2000000 /dev/zero | tr '\0' 'x'
    printf ',1,205,2024\n'
} >"$T/gen-2mb-csv-field.csv"
{ printf 'PK\003\004'; head -c 200 /dev/zero; } >"$T/gen-zip.xlsx"
printf 'gen-50mb-text-node.xml\trun\t0\tT07\ngen-2mb-csv-field.csv\trun\t1\tlonger than\ngen-zip.xlsx\trun\t1\tnot a CIN census\n' >"$T/extra.tsv"

check() { # name how code expect path
    name=$1; how=$2; code=$3; expect=$4; path=$5
    W=$T/w-$name
    mkdir -p "$W"
    case $how in
    run)
        "$B"/lscb-run --year 2024 --la 205 --workdir "$W/run" "$path" >"$W/out" 2>"$W/err" ;;
    run+census)
        "$B"/lscb-run --year 2024 --la 205 --workdir "$W/run" "$path" \
            "$ROOT"/tests/cases/hand/inputs/cin-2023.xml "$ROOT"/tests/cases/hand/inputs/cin-2024.xml \
            >"$W/out" 2>"$W/err" ;;
    census+run)   # the case after the census returns: their records are there first
        "$B"/lscb-run --year 2024 --la 205 --workdir "$W/run" \
            "$ROOT"/tests/cases/hand/inputs/cin-2023.xml "$ROOT"/tests/cases/hand/inputs/cin-2024.xml \
            "$path" >"$W/out" 2>"$W/err" ;;
    template)
        "$B"/lscb-report --tables "$T/good/tables" --year 2024 --out "$W/x.xlsx" --template "$path" >"$W/out" 2>"$W/err" ;;
    published)
        mkdir -p "$W/pub/dfe-ees-cin-2025"
        cp "$path" "$W/pub/dfe-ees-cin-2025/d3.csv"
        printf 'release,file,layout,year,column,measure,part\nR,dfe-ees-cin-2025/d3.csv,ees,-,CPP_subsequent_percent,cpp_second_or_subsequent_pct,value\nR,dfe-ees-cin-2025/d3.csv,ees,-,CPP_subsequent,cpp_second_or_subsequent_pct,numerator\n' >"$W/pub/map.csv"
        printf '[authority]\nla = 205\nsn_model = list\nneighbours = 206\n' >"$W/cfg.ini"
        "$B"/lscb-stats --warehouse "$W/none.sqlite" --year 2024 --la 205 --published "$W/pub" \
            --config "$W/cfg.ini" --out "$W/t" >"$W/out" 2>"$W/err" ;;
    population)
        "$B"/lscb-stats --warehouse "$T/good/warehouse.sqlite" --year 2024 --la 205 --population "$path" \
            --out "$W/t" >"$W/out" 2>"$W/err" ;;
    neighbours)
        mkdir -p "$W/pub/dfe-statistical-neighbours"
        cp "$path" "$W/pub/dfe-statistical-neighbours/New_Statistical_Neighbour_Groupings_April_2021.csv"
        printf 'release,file,layout,year,column,measure,part\n' >"$W/pub/map.csv"
        "$B"/lscb-stats --warehouse "$W/none.sqlite" --year 2024 --la 205 --published "$W/pub" \
            --out "$W/t" >"$W/out" 2>"$W/err" ;;
    config)
        "$B"/lscb-stats --warehouse "$W/none.sqlite" --year 2024 --published "$ROOT/data/published" \
            --config "$path" --out "$W/t" >"$W/out" 2>"$W/err" ;;
    esac
    rc=$?
    n=$((n + 1))
    ok=1
    [ "$rc" -eq "$code" ] || ok=0
    if [ -n "$expect" ]; then
        if [ "$code" -eq 0 ]; then
            cat "$W/run/rejects.csv" "$W/run/validation.csv" 2>/dev/null |
                grep -qF -- "$expect" || ok=0
        else
            grep -qF -- "$expect" "$W/err" || ok=0
        fi
    fi
    # a run that stopped on bad input leaves nothing behind
    [ "$rc" -le 3 ] || ok=0 # a crash or a signal
    if [ "$how" = run ] && [ "$rc" -ne 0 ] && { [ -e "$W/run/report-2024.xlsx" ] || [ -e "$W/run/tables" ]; }; then
        ok=0
    fi
    if [ $ok -eq 0 ]; then
        fails=$((fails + 1))
        echo "FAIL corpus $name ($how): exit $rc, want $code '$expect'; stderr: $(head -c 300 "$W/err")"
    fi
    rm -rf "$W"
}

while IFS="$(printf '\t')" read -r name how code expect; do
    case $name in '#'*|'') continue ;; esac
    check "$name" "$how" "$code" "$expect" "$C/$name"
done <"$ROOT/tests/corpus/expected.tsv"
while IFS="$(printf '\t')" read -r name how code expect; do
    check "$name" "$how" "$code" "$expect" "$T/$name"
done <"$T/extra.tsv"
echo "corpus: $n cases, $fails failure(s)"
[ $fails -eq 0 ]
