#!/bin/sh
# workbook.sh — the pages an author pastes, for both templates.
#
# A synthetic inner-London-size authority through both templates, and the
# hand case with the published tables (so the Dashboard has neighbours and
# England).  tests/e2e/workbook.py reads each workbook with openpyxl
# (alignment, number formats, dates, Total rows, charts, 4.73's keys, the
# Dashboard against measures.csv and benchmarks.csv) and, when LibreOffice
# and poppler-utils are installed, each PDF rendering (every table sheet on
# one page, an indicator sheet's funnel plot on a second).  H&F from
# published data alone: every indicator sheet has its funnel plot or says
# why not (tests/e2e/funnel_sheets.py).  Then: lscb-report refuses tables
# of another template; the Definitions sheet describes the template's own
# bands; Sources names files, not paths.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B="$ROOT/${BUILD:-build}"
T=$(mktemp -d /tmp/lscb-workbook.XXXXXX)
trap 'rm -rf "$T"' EXIT
PY=/usr/bin/python3
failures=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }

if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
    echo "skip workbook checks (no python3-openpyxl: scripts/deps.sh installs it)"
    exit 0
fi
render=1
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
    echo "skip LibreOffice page checks (soffice or pdfinfo not installed)"
    render=0
fi

"$B"/lscb-synth -q --out "$T/census" --years 2022-2024 --la 999 --seed 2024
W="$T/w"
"$B"/lscb-run --year 2024 --la 999 --workdir "$W" --population "$T/census/population.csv" \
    "$T"/census/cin-*.xml "$T/census/strategy.csv" >"$T/out" 2>&1 || { fail "synthetic run"; cat "$T/out"; }
mkdir -p "$T/dfe" "$T/lscb-2011"
cp "$W/report-2024.xlsx" "$T/dfe/report-2024.xlsx" && cp -r "$W/tables" "$T/dfe/tables"
"$B"/lscb-run --year 2024 --la 999 --workdir "$W" --template lscb-2011 \
    --population "$T/census/population.csv" >"$T/out" 2>&1 || { fail "lscb-2011 run"; cat "$T/out"; }
cp "$W/report-2024.xlsx" "$T/lscb-2011/report-2024.xlsx" && cp -r "$W/tables" "$T/lscb-2011/tables"
# the publication profile: its charts must leave a suppressed figure out,
# not plot it as zero (read, not rendered)
"$B"/lscb-run --year 2024 --la 999 --workdir "$W" --template lscb-2011 --publish \
    --population "$T/census/population.csv" >"$T/out" 2>&1 || { fail "--publish run"; cat "$T/out"; }
mkdir -p "$T/pub" && cp "$W/report-2024.xlsx" "$T/pub/report-2024.xlsx" && cp -r "$W/tables" "$T/pub/tables"
"$B"/lscb-run --year 2024 --template lscb-2011 --la 205 --published "$ROOT/data/published" \
    --workdir "$T/hand" "$ROOT"/tests/cases/hand/inputs/* >"$T/out" 2>&1 || { fail "hand run"; cat "$T/out"; }
mkdir -p "$T/bench" && cp "$T/hand/report-2024.xlsx" "$T/bench/" && cp -r "$T/hand/tables" "$T/bench/tables"
# a tiny authority published: charts whose every figure is suppressed say so
cp -r "$T/hand" "$T/handpubw"
"$B"/lscb-run --year 2024 --template lscb-2011 --la 205 --published "$ROOT/data/published" \
    --publish --workdir "$T/handpubw" >"$T/out" 2>&1 || { fail "hand --publish run"; cat "$T/out"; }
mkdir -p "$T/handpub" && cp "$T/handpubw/report-2024.xlsx" "$T/handpub/" &&
    cp -r "$T/handpubw/tables" "$T/handpub/tables"
# from published tables alone (no census): the Dashboard from the published
# figures, 4.69's comparators with the releases' symbols (read, not rendered)
"$B"/lscb-run --year 2024 --template lscb-2011 --la 205 --published "$ROOT/data/published" \
    --config "$ROOT/examples/hammersmith-and-fulham.ini" --workdir "$T/ponly" >"$T/out" 2>&1 ||
    { fail "published-only run"; cat "$T/out"; }

for case in dfe:dfe lscb-2011:lscb-2011 bench:lscb-2011 pub:lscb-2011 handpub:lscb-2011 \
    ponly:lscb-2011; do
    dir=${case%%:*}
    tpl=${case#*:}
    pdf=""
    if [ $render -eq 1 ] && [ "$dir" != pub ] && [ "$dir" != handpub ] && [ "$dir" != ponly ]; then
        # a profile of its own: another soffice of the same user (a second
        # test run) would otherwise make this one exit at once
        if timeout 300 soffice -env:UserInstallation="file://$T/lo-profile" --headless \
            --convert-to pdf --outdir "$T/$dir" "$T/$dir/report-2024.xlsx" >/dev/null 2>&1 &&
            [ -s "$T/$dir/report-2024.pdf" ]; then
            pdf="$T/$dir/report-2024.pdf"
        else
            fail "$dir: LibreOffice conversion"
        fi
    fi
    # shellcheck disable=SC2086
    if "$PY" "$ROOT/tests/e2e/workbook.py" "$ROOT/templates/$tpl.ini" "$T/$dir/report-2024.xlsx" \
        "$T/$dir/tables" $pdf >"$T/check" 2>&1; then
        pass "workbook $dir ($tpl): $(tr '\n' ';' <"$T/check")"
    else
        fail "workbook $dir ($tpl)"; cat "$T/check"
    fi
done

# issue 19: every indicator sheet carries its funnel plot (the hand case,
# and H&F from published data alone, the issue's example), rendered
"$B"/lscb-run --year 2024 --la 205 --published "$ROOT/data/published" \
    --config "$ROOT/examples/hammersmith-and-fulham.ini" --template lscb-2011 \
    --workdir "$T/hf" >"$T/out" 2>&1 || { fail "H&F published-only run"; cat "$T/out"; }
for dir in bench hf; do
    pdf=""
    if [ $render -eq 1 ]; then
        [ "$dir" = bench ] || timeout 300 soffice -env:UserInstallation="file://$T/lo-profile" \
            --headless --convert-to pdf --outdir "$T/$dir" "$T/$dir/report-2024.xlsx" >/dev/null 2>&1
        if [ -s "$T/$dir/report-2024.pdf" ]; then pdf="$T/$dir/report-2024.pdf"; else fail "$dir: no PDF"; fi
    fi
    # shellcheck disable=SC2086
    if "$PY" "$ROOT/tests/e2e/funnel_sheets.py" "$T/$dir/tables" "$T/$dir/report-2024.xlsx" $pdf \
        >"$T/check" 2>&1; then
        pass "funnel plots on the indicator sheets ($dir): $(tr '\n' ';' <"$T/check")"
    else
        fail "funnel plots on the indicator sheets ($dir)"; cat "$T/check"
    fi
done

# the narrative: one paragraph per table, no sentence twice, NI67 said, none
# of the old awkward phrasings
for dir in dfe lscb-2011 bench; do
    if "$PY" - "$T/$dir/tables/narrative.csv" >"$T/narr" 2>&1 <<'PY'
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))[1:]
seen, bad = {}, []
tables = [r[0] for r in rows]
if len(tables) != len(set(tables)):
    bad.append("a table has more than one paragraph")
for table, sheet, para in rows:
    for s in re.split(r"(?<=\.) (?=[A-Z])", para):
        if s in seen:
            bad.append(f"repeated in {seen[s]} and {table}: {s}")
        seen[s] = table
        if "(band)" in s or "the authority's %" in s:
            bad.append(f"awkward: {s}")
if not any("(NI67)" in r[2] for r in rows):
    bad.append("no NI67 sentence")
print("; ".join(bad) if bad else f"{len(rows)} paragraphs, {len(seen)} sentences, none repeated")
sys.exit(1 if bad else 0)
PY
    then
        pass "narrative $dir: $(cat "$T/narr")"
    else
        fail "narrative $dir: $(cat "$T/narr")"
    fi
done

# lscb-report on another template's tables: refused, with what to do
if "$B"/lscb-report --tables "$T/dfe/tables" --year 2024 --template lscb-2011 \
    --out "$T/stale.xlsx" >"$T/out" 2>&1; then
    fail "lscb-report built lscb-2011 from dfe tables"
elif grep -q "computed with the template dfe.ini, not lscb-2011.ini" "$T/out" && [ ! -e "$T/stale.xlsx" ]; then
    pass "lscb-report refuses another template's tables: $(head -c 150 "$T/out")"
else
    fail "stale tables: $(cat "$T/out")"
fi
if "$B"/lscb-report --tables "$T/dfe/tables" --year 2023 --out "$T/stale.xlsx" >"$T/out" 2>&1 ||
    ! grep -q "these tables are for 2024, not 2023" "$T/out"; then
    fail "lscb-report on another year's tables: $(cat "$T/out")"
else
    pass "lscb-report refuses another year's tables"
fi

# Definitions from the template used; Sources by file name
defs() { unzip -p "$1" xl/sharedStrings.xml; }
if defs "$T/lscb-2011/report-2024.xlsx" | grep -q 'completed months on the plan at that date (0 - 3, 4 - 6' &&
    ! defs "$T/lscb-2011/report-2024.xlsx" | grep -q '0-3m: up to 3 months' &&
    defs "$T/dfe/report-2024.xlsx" | grep -q '0-3m: up to 3 months'; then
    pass "Definitions describe each template's own duration bands"
else
    fail "Definitions: the lscb-2011 workbook describes other bands"
fi
if defs "$T/bench/report-2024.xlsx" | grep -q 'cin-2024.xml, 30 records' &&
    ! defs "$T/bench/report-2024.xlsx" | grep -q "$ROOT\|tests/cases/hand/inputs" ; then
    pass "Sources name returns by file name, not path"
else
    fail "Sources show paths"
fi
# the Definitions' conventions read NI64's key as the 4.73 sheet does
if defs "$T/lscb-2011/report-2024.xlsx" | grep -q 'NI64, so only its High side is used' &&
    ! defs "$T/lscb-2011/report-2024.xlsx" | grep -q 'the first band that holds a value'; then
    pass "Definitions read NI64's key as 4.73 does"
else
    fail "Definitions: NI64's key read otherwise than on 4.73"
fi
# releases by their whole names: a name holding brackets was cut to "SFR", "LAIT"
if defs "$T/ponly/report-2024.xlsx" | grep -q '<t>LAIT (Local Authority Interactive Tool) 2025</t>' &&
    ! defs "$T/ponly/report-2024.xlsx" | grep -q '<t>SFR</t>\|<t>LAIT</t>'; then
    pass "Sources name each release whole"
else
    fail "Sources: a release's name cut at its bracket"
fi
echo "workbook: $failures failure(s)"
[ "$failures" -eq 0 ]
