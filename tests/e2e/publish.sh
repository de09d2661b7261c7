#!/bin/sh
# publish.sh — the publication profile holds over the whole publication.
#
# A property test: small synthetic authorities (many counts of 1 to 5), a
# few fixed seeds and one drawn at random (printed, to re-run it with
# LSCB_PUBLISH_SEEDS), each published under both templates; then
# tests/e2e/disclosure.py, a black-box attacker, tries every printed total
# and difference (across sheets, CSVs and the narrative) against the same
# tables written without suppression, and must find no hidden value.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B="$ROOT/${BUILD:-build}"
T=$(mktemp -d /tmp/lscb-publish.XXXXXX)
trap 'rm -rf "$T"' EXIT
PY=/usr/bin/python3
failures=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }

if [ ! -x "$PY" ]; then
    echo "skip publication property test (no /usr/bin/python3)"
    exit 0
fi
seeds=${LSCB_PUBLISH_SEEDS:-"5 23 $(od -An -N2 -tu2 /dev/urandom | tr -d ' ')"}
for seed in $seeds; do
    children=$((200 + seed % 1000))
    W="$T/s$seed"
    "$B"/lscb-synth -q --out "$W/census" --years 2022-2024 --children "$children" --seed "$seed" \
        --la 318
    if ! "$B"/lscb-run --year 2024 --workdir "$W/run" --population "$W/census/population.csv" \
        "$W"/census/cin-*.xml >"$T/out" 2>&1; then
        fail "seed $seed: run"; cat "$T/out"; continue
    fi
    for tpl in dfe lscb-2011; do
        for mode in pub truth; do
            flag=""
            [ "$mode" = pub ] && flag=--publish
            # shellcheck disable=SC2086
            "$B"/lscb-stats -q --warehouse "$W/run/warehouse.sqlite" --year 2024 --template "$tpl" \
                --population "$W/census/population.csv" $flag --out "$W/$tpl-$mode" >"$T/out" 2>&1 ||
                { fail "seed $seed $tpl $mode"; cat "$T/out"; }
        done
        pop=$(awk -F, '$1 == "referral_rate" && $3 == "2023-04-01" && $4 == "2024-03-31" && $5 == "" { print $8 }' \
            "$W/$tpl-truth/measures.csv")
        hidden=$(cat "$W/$tpl-pub"/*.csv | grep -o ',c\b' | wc -l)
        if "$PY" "$ROOT/tests/e2e/disclosure.py" "$ROOT/templates/$tpl.ini" "$W/$tpl-pub" \
            "$W/$tpl-truth" "$pop" 2024 >"$T/attack" 2>&1 && [ "$hidden" -gt 0 ]; then
            pass "publish: seed $seed ($children children), $tpl: $(tail -1 "$T/attack")"
        else
            fail "publish: seed $seed ($children children), $tpl: hidden values worked out (re-run with LSCB_PUBLISH_SEEDS=$seed)"
            head -20 "$T/attack"
        fi
        # nothing small shows anywhere
        # (4.63's last column is the change, started less ended: not a count)
        small=$(awk -F, 'FNR > 1 { n = FILENAME ~ /t4_63/ ? NF - 1 : NF
                for (i = 2; i <= n; i++) if ($i ~ /^[1-5]$/) print FILENAME ": " $0 }' \
            "$W/$tpl-pub"/*.csv | grep -v 'benchmarks\|measures.csv\|sources.csv\|validation' | head -3)
        [ -z "$small" ] || fail "publish: seed $seed $tpl: a count of 1 to 5 shows: $small"
    done
done
echo "publish: $failures failure(s)"
[ "$failures" -eq 0 ]
