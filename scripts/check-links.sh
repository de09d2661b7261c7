#!/bin/sh
# The stage boundaries at link time (check-includes.sh sees the includes):
# an object of common/ uses no symbol that a stage defines, and a stage's
# (extract, transform, load, stats, output, synth) none that another stage
# defines.  A header moved to common/ over a table still defined in a
# stage would pass the include check and fail here.  run/ chains the
# stages; main.o files are the binaries'.  Usage: check-links.sh [BUILD]
# (default build), after `make`.  Exit 1 naming each object and symbol.
B=${1:-build}
cd "$(dirname "$0")/.." || exit 3
STAGES="extract transform load stats output synth"
objs=""
for d in common $STAGES; do
    ls "$B/$d"/*.o >/dev/null 2>&1 || { echo "check-links: no objects in $B/$d (run make first)"; exit 3; }
    for o in "$B/$d"/*.o; do
        [ "${o##*/}" = main.o ] || objs="$objs $o"
    done
done
# nm -A: "object: value type name" (defined) or "object:  U name"
# shellcheck disable=SC2086
nm -A -g $objs | awk -v b="$B/" '
{
    obj = $1; sub(/:$/, "", obj)
    d = substr(obj, length(b) + 1); sub(/\/.*/, "", d)
    type = $(NF - 1); name = $NF
    if (type == "U") { use[++nu] = obj SUBSEP d SUBSEP name }
    else if (type ~ /^[TDRBC]$/ && d != "common") { owner[name] = d }
}
END {
    bad = 0
    for (i = 1; i <= nu; i++) {
        split(use[i], u, SUBSEP)
        if ((u[3] in owner) && owner[u[3]] != u[2]) {
            print u[1] ": uses " u[3] ", defined in " owner[u[3]] "/: move what both need to common/"
            bad = 1
        }
    }
    if (!bad) print "links: no stage uses another stage'"'"'s code"
    exit bad
}'
