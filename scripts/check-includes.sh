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

# every C file of the tree outside tests/ and the build folders
find . -path ./tests -prune -o -path './build*' -prune -o -path ./.git -prune -o \
    -type f \( -name '*.c' -o -name '*.h' \) -print | sed 's|^\./||' | LC_ALL=C sort |
while IFS= read -r f; do
    d=${f%%/*}
    case " $STAGES " in
    *" $d "*) ;;
    *) echo "$f: a C file outside the stage folders ($STAGES): put it in one"; continue ;;
    esac
    grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]' "$f" |
    while IFS= read -r line; do
        n=${line%%:*}
        inc=$(printf '%s\n' "$line" | sed 's/^[^#]*#[[:space:]]*include[[:space:]]*["<]\([^">]*\)[">].*/\1/')
        dir=${inc%%/*}
        open=$(printf '%s\n' "$line" | sed 's/^[^#]*#[[:space:]]*include[[:space:]]*\(.\).*/\1/')
        case "$open" in
        '<')
            # a system header; one naming a folder of the tree is a reach-in
            case " $STAGES " in
            *" $dir "*) [ "$dir" != "$inc" ] || continue ;;
            *) continue ;;
            esac ;;
        esac
        case "/$inc/" in
        */../*|*/./*)
            echo "$f:$n: \"$inc\": write the path from the top of the tree, without . or .."
            continue ;;
        esac
        if [ "$dir" = "$inc" ]; then
            echo "$f:$n: \"$inc\" names no directory (write \"dir/$inc\")"
        elif [ "$d" = run ] || [ "$dir" = common ] || [ "$dir" = "$d" ]; then
            :
        else
            echo "$f:$n: $d/ reaches into $dir/ (\"$inc\"): move what both need to common/"
        fi
    done
    case "$f" in
    */main.c) ;;
    *.c) grep -nE '(^|[^A-Za-z0-9_])(fork|vfork|execl|execlp|execle|execv|execvp|execvpe|execve|popen|posix_spawnp?|system|daemon)[[:space:]]*\(' "$f" |
         while IFS= read -r line; do
             echo "$f:${line%%:*}: the library starts no process (${line#*:}): process control belongs to a main"
         done ;;
    esac
done >"$tmp"

# the include path: the top of the tree only
grep -nE -- '-I[[:space:]]*(\./)?('"$(echo $STAGES | tr ' ' '|')"')\b|-iquote' Makefile |
    sed 's/^/Makefile:/; s/$/: only -I. may name the tree (a folder on the include path hides a reach-in)/' >>"$tmp"

if [ -s "$tmp" ]; then
    cat "$tmp"
    exit 1
fi
echo "includes: no stage reaches into another; the library starts no process"
exit 0
