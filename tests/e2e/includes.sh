#!/bin/sh
# scripts/check-includes.sh can fail: each kind of reach-in it is meant to
# see is planted in a copy of the tree, one at a time, and the check must
# stop naming the file and line; the tree as it is passes.  Run by
# `make check`.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CHECK=${CHECK_INCLUDES:-$ROOT/scripts/check-includes.sh}
T=$(mktemp -d /tmp/lscb-includes.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }

fresh() {
    rm -rf "$T/tree" && mkdir -p "$T/tree" &&
        (cd "$ROOT" && cp -r common extract transform load stats output synth run Makefile "$T/tree/")
}
fresh
if sh "$CHECK" "$T/tree" >"$T/out" 2>&1; then
    pass "the tree as it is passes"
else
    fail "the tree as it is: $(head -3 "$T/out")"
fi

# file, text appended, what the message must hold
plant() {
    fresh
    printf '%s\n' "$2" >>"$T/tree/$1"
    if sh "$CHECK" "$T/tree" >"$T/out" 2>&1; then
        fail "planted in $1 '$2': the check passed"
    elif grep -q "$3" "$T/out"; then
        pass "planted in $1 '$2': $(head -1 "$T/out")"
    else
        fail "planted in $1 '$2': message '$(head -1 "$T/out")' lacks '$3'"
    fi
}
plant output/report_quality.c '#include "transform/validate.h"' 'output/report_quality.c:[0-9]*: output/ reaches into transform/'
plant stats/stats.c '#  include "output/report.h"' 'stats/stats.c:[0-9]*: stats/ reaches into output/'
plant stats/tables.c '	#include "transform/transform.h"' 'stats/tables.c:[0-9]*: stats/ reaches into transform/'
plant synth/synth.c '#include <transform/transform.h>' 'synth/synth.c:[0-9]*: synth/ reaches into transform/'
plant common/text.c '#include "common/../stats/stats.h"' 'common/text.c:[0-9]*: .*without . or ..'
plant output/report.c '#include "../stats/stats.h"' 'output/report.c:[0-9]*: .*without . or ..'
plant output/report.c '#include "report_sheet.h"' 'output/report.c:[0-9]*: "report_sheet.h" names no directory'
plant common/csvio.c '#include "stats/stats.h"' 'common/csvio.c:[0-9]*: common/ reaches into stats/'
plant run/pipeline.c 'static int f(void) { return fork(); }' 'run/pipeline.c:[0-9]*: the library starts no process'
plant stats/stats.c 'static int g(void) { return system("x"); }' 'stats/stats.c:[0-9]*: the library starts no process'
# words in a comment or a string are not calls
fresh
printf '/* a failure of the system (exit 3),\n * fork (x) */\nstatic const char *s = "popen(";\n' >>"$T/tree/stats/stats.c"
if sh "$CHECK" "$T/tree" >"$T/out" 2>&1; then pass "system ( and fork ( in a comment, popen( in a string: not calls"
else fail "a comment or string taken for a call: $(head -1 "$T/out")"; fi
fresh
mkdir -p "$T/tree/stats/sub" && echo '#include "output/report.h"' >"$T/tree/stats/sub/x.c"
if sh "$CHECK" "$T/tree" >"$T/out" 2>&1; then fail "a reach-in in stats/sub/x.c: the check passed"
else pass "a reach-in in a subfolder: $(head -1 "$T/out")"; fi
fresh
mkdir -p "$T/tree/lib" && echo 'int x;' >"$T/tree/lib/x.c"
if sh "$CHECK" "$T/tree" >"$T/out" 2>&1; then fail "a C file outside the stages: the check passed"
else pass "a C file outside the stage folders: $(head -1 "$T/out")"; fi
fresh
sed -i 's/-I\. /-I. -Istats /' "$T/tree/Makefile"
if sh "$CHECK" "$T/tree" >"$T/out" 2>&1; then fail "-Istats in the Makefile: the check passed"
else pass "a stage folder on the include path: $(head -1 "$T/out")"; fi

[ $fails -eq 0 ] || { echo "$fails failed"; exit 1; }
