#!/bin/sh
# The working-day calendar has no end date (issue 14): census years after
# the old holiday file (2036-2038) and before it (1999) give every
# timeliness figure; a date the calendar cannot place stops the run with a
# clear message instead of leaving figures empty or rules passing.  Run by
# `make check` (BUILD names the build directory; CAL_BIN=DIR runs it against
# other binaries, e.g. an older build, to see it fail there).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${CAL_BIN:-$ROOT/${BUILD:-build}}
T=$(mktemp -d /tmp/lscb-calendar.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }

# Every period of year Y: assessment_timely_pct times every completed
# assessment (its denominator is assessments_completed, and the year has
# some), and the year's icpc_within_15wd_pct has a value.
timely() { # measures.csv, year
    awk -F, -v Y="$2" '
        $3 < (Y - 1) "-04-01" || $4 > Y "-03-31" || $5 != "" { next }
        $1 == "assessments_completed" { done[$3 "|" $4] = $6 }
        $1 == "assessment_timely_pct" { den[$3 "|" $4] = $8; val[$3 "|" $4] = $6 }
        $1 == "icpc_within_15wd_pct" && $3 == (Y - 1) "-04-01" && $4 == Y "-03-31" { icpc = $6 }
        END {
            n = 0
            for (k in done) {
                n++
                if (den[k] == "" && done[k] != 0 || den[k] != done[k] || (done[k] > 0 && val[k] == "")) {
                    print "period " k ": " done[k] " completed, " den[k] " timed"; bad = 1
                }
            }
            if (n != 17) { print n " periods, expected 17"; bad = 1 }
            if (done[(Y - 1) "-04-01|" Y "-03-31"] == 0) { print "no assessments"; bad = 1 }
            if (icpc == "") { print "icpc_within_15wd_pct empty"; bad = 1 }
            exit bad
        }' "$1"
}

# 1. Census years 2036-2038: every timeliness figure of every period.
"$B"/lscb-synth -q --out "$T/syn" --years 2036-2038 --children 800 --seed 5 --la 318
"$B"/lscb-run --year 2036 --workdir "$T/w" "$T"/syn/cin-*.xml >"$T/out" 2>&1 || { fail "2036 run"; cat "$T/out"; }
for y in 2036 2037 2038; do
    [ $y = 2036 ] || "$B"/lscb-run --year $y --workdir "$T/w" >"$T/out" 2>&1 || { fail "$y run"; cat "$T/out"; }
    timely "$T/w/tables/measures.csv" $y >"$T/why" && pass "census year $y: assessment and conference timeliness in every period" ||
        { fail "census year $y timeliness"; head -5 "$T/why"; }
done

# 2. 1999, before the old file's 2000.
"$B"/lscb-synth -q --out "$T/syn99" --years 1998-1999 --children 800 --seed 5 --la 318
if "$B"/lscb-run --year 1999 --workdir "$T/w99" "$T"/syn99/cin-*.xml >"$T/out" 2>&1 &&
    timely "$T/w99/tables/measures.csv" 1999 >"$T/why"; then
    pass "census year 1999: assessment and conference timeliness in every period"
else
    fail "census year 1999 timeliness"; cat "$T/out" "$T/why" | head -5
fi

# 3. A date the calendar cannot place (before 1978) stops the run (exit 1),
#    naming the date; nothing is written.
cat >"$T/old.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Message>
<Header><CollectionDetails><Year>2024</Year><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails><Source><LEA>205</LEA></Source></Header>
<Children>
<Child><ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-01-01</PersonBirthDate><Sex>F</Sex></ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>
<CINdetails><CINreferralDate>2023-05-01</CINreferralDate><ReferralSource>4</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>false</ReferralNFA>
<Assessments><AssessmentActualStartDate>1977-12-30</AssessmentActualStartDate><AssessmentAuthorisationDate>2023-06-01</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>1A</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>
</CINdetails>
</Child>
</Children>
</Message>
XML
"$B"/lscb-run --year 2024 --workdir "$T/wold" "$T/old.xml" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && grep -q '1977-12-30' "$T/err" && grep -q '1978-9999' "$T/err" &&
    [ ! -e "$T/wold/tables/measures.csv" ] && [ ! -e "$T/wold/report-2024.xlsx" ]; then
    pass "an assessment started before the calendar: exit 1, the date named, nothing written"
else
    fail "a date before the calendar (rc=$rc)"; cat "$T/err"
fi

# 4. The same for a working-day validation rule: an open assessment started
#    in 1977 (rule 8670Q counts its working days to 31 March); the message
#    names the record to correct: file, line, LA child ID and field.
sed -e 's|<AssessmentAuthorisationDate>2023-06-01</AssessmentAuthorisationDate>||' \
    -e 's|<FactorsIdentifiedAtAssessment>.*</FactorsIdentifiedAtAssessment>||' "$T/old.xml" >"$T/open.xml"
"$B"/lscb-extract --out "$T/st" "$T/open.xml" 2>"$T/err" || { fail "extract"; cat "$T/err"; }
"$B"/lscb-transform --in "$T/st" --validation "$T/v.csv" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && grep -q '8670Q' "$T/err" && grep -q '1977-12-30' "$T/err" && [ ! -e "$T/v.csv" ] &&
    grep -q 'open\.xml:[0-9][0-9]*: LA child ID C1, field AssessmentActualStartDate: ' "$T/err"; then
    pass "a working-day validation rule on a date before the calendar: exit 1, rule, date, file, line, child and field named"
else
    fail "validation on a date before the calendar (rc=$rc)"; cat "$T/err"
fi

# 4b. Only another rule asked for (--rule 1103): that date stops nothing,
#     as the SQL reference (which runs that rule alone) does; the same lines
"$B"/lscb-transform -q --in "$T/st" --validation "$T/v1103.csv" --rule 1103 2>"$T/err"
rc=$?
LSCB_VALIDATE_ENGINE=sql "$B"/lscb-transform -q --in "$T/st" --validation "$T/v1103-sql.csv" \
    --rule 1103 2>>"$T/err"
rc2=$?
if [ $rc -eq 0 ] && [ $rc2 -eq 0 ] && cmp -s "$T/v1103.csv" "$T/v1103-sql.csv"; then
    pass "--rule 1103 on that return: runs (exit 0), the same lines as the SQL reference"
else
    fail "--rule 1103 on a date before the calendar (rc=$rc, sql rc=$rc2)"; cat "$T/err"
fi

echo "calendar: $fails failure(s)"
[ "$fails" -eq 0 ]
