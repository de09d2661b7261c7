#!/bin/sh
# The stage boundaries, checked where the compiler cannot (run by
# `make check`; tests/e2e/includes.sh plants each fault and sees it fail):
#
# - No stage includes another stage's header: with -I. only and includes
#   written "dir/name.h", a file in common/ includes only common/, a stage
#   (extract, transform, load, stats, output, synth) only common/ and
#   itself; run/ is the driver that chains the stages and may include them.
#   Every #include counts, however spaced (`#  include`), quoted or in
#   angle brackets; a path with ".." or no directory is refused (a name
#   without a directory is found beside the file, so it would hide a
#   reach-in); a C file in a folder that is no stage is refused.
# - The Makefile puts no folder of the tree on the include path but the
#   top (-I.), so nothing else can find another stage's headers.
# - The library starts no process (fork, exec, system, popen, spawn):
#   process control belongs to the mains (STYLE.md).
#
# Usage: check-includes.sh [ROOT] (default: this tree).  Exit 1 naming each
# offending line.
ROOT=${1:-$(dirname "$0")/..}
cd "$ROOT" || exit 3
STAGES="common extract transform load stats output synth run"
tmp=$(mktemp) || exit 3
trap 'rm -f "$tmp"' EXIT

# every C file of the tree outside tests/ and the build folders, read by
# one awk
find . -path ./tests -prune -o -path './build*' -prune -o -path ./.git -prune -o \
    -type f \( -name '*.c' -o -name '*.h' \) -print | sed 's|^\./||' | LC_ALL=C sort |
xargs awk -v stages="$STAGES" '
BEGIN { n = split(stages, s, " "); for (i = 1; i <= n; i++) stage[s[i]] = 1 }
# the line without comments and string literals (incomment carries a
# comment over lines), for the process check
function code_of(line,    out, i, c, n) {
    out = ""; n = length(line)
    for (i = 1; i <= n; i++) {
        c = substr(line, i, 1)
        if (incomment) {
            if (c == "*" && substr(line, i + 1, 1) == "/") { incomment = 0; i++ }
        } else if (c == "/" && substr(line, i + 1, 1) == "*") {
            incomment = 1; i++
        } else if (c == "/" && substr(line, i + 1, 1) == "/") {
            break
        } else if (c == "\"") {
            for (i++; i <= n && substr(line, i, 1) != "\""; i++)
                if (substr(line, i, 1) == "\\") i++
            out = out "\"\""
        } else {
            out = out c
        }
    }
    return out
}
FNR == 1 {
    incomment = 0
    f = FILENAME; d = f; sub(/\/.*/, "", d)
    known = (d in stage)
    if (!known) print f ": a C file outside the stage folders (" stages "): put it in one"
    lib = (f ~ /\.c$/) && (f !~ /(^|\/)main\.c$/)
}
!known { next }
/^[ \t]*#[ \t]*include[ \t]*["<]/ {
    line = $0
    sub(/^[ \t]*#[ \t]*include[ \t]*/, "", line)
    open = substr(line, 1, 1)
    inc = substr(line, 2); sub(/[">].*/, "", inc)
    dir = inc; sub(/\/.*/, "", dir)
    if (open == "<" && (!(dir in stage) || dir == inc)) next
    if (("/" inc "/") ~ /\/\.\.?\//) {
        print f ":" FNR ": \"" inc "\": write the path from the top of the tree, without . or .."
    } else if (dir == inc) {
        print f ":" FNR ": \"" inc "\" names no directory (write \"dir/" inc "\")"
    } else if (d != "run" && dir != "common" && dir != d) {
        print f ":" FNR ": " d "/ reaches into " dir "/ (\"" inc "\"): move what both need to common/"
    }
    next
}
{
    code = code_of($0)
    if (lib && code ~ /(^|[^A-Za-z0-9_])(fork|vfork|execl|execlp|execle|execv|execvp|execvpe|execve|popen|posix_spawnp?|system|daemon)[ \t]*\(/)
        print f ":" FNR ": the library starts no process (" $0 "): process control belongs to a main"
}
' >"$tmp"

# the include path: the top of the tree only
grep -nE -- '-I[[:space:]]*(\./)?('"$(echo $STAGES | tr ' ' '|')"')\b|-iquote' Makefile |
    sed 's/^/Makefile:/; s/$/: only -I. may name the tree (a folder on the include path hides a reach-in)/' >>"$tmp"

if [ -s "$tmp" ]; then
    cat "$tmp"
    exit 1
fi
echo "includes: no stage reaches into another; the library starts no process"
exit 0
