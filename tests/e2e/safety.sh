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
snapshot() { (cd "$1" && find . -type f ! -name .lscb-run.lock | LC_ALL=C sort | xargs md5sum); }

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

echo "safety: $fails failure(s)"
[ $fails -eq 0 ]
