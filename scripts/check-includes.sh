#!/bin/sh
# No stage includes another stage's header: with -I. only and includes
# written "dir/name.h", a file in common/ includes only common/, a stage
# (extract, transform, load, stats, output, synth) only common/ and itself;
# run/ is the driver that chains the stages and may include them.  Exit 1
# naming each offending line.  Run by `make check`.
cd "$(dirname "$0")/.." || exit 3
bad=0
tmp=$(mktemp) || exit 3
for f in common/*.[ch] extract/*.[ch] transform/*.[ch] load/*.[ch] stats/*.[ch] \
         output/*.[ch] synth/*.[ch] run/*.[ch]; do
    d=${f%%/*}
    grep -n '^#include "' "$f" | while IFS= read -r line; do
        inc=$(printf '%s\n' "$line" | sed 's/.*#include "\([^"]*\)".*/\1/')
        dir=${inc%%/*}
        if [ "$dir" = "$inc" ]; then
            echo "$f:${line%%:*}: \"$inc\" names no directory (write \"dir/$inc\")"
            echo x
        elif [ "$d" = run ] || [ "$dir" = common ] || [ "$dir" = "$d" ]; then
            :
        else
            echo "$f:${line%%:*}: $d/ reaches into $dir/ (\"$inc\"): move what both need to common/"
            echo x
        fi
    done
done >"$tmp"
grep -v '^x$' "$tmp"
grep -q '^x$' "$tmp" && bad=1
rm -f "$tmp"
[ $bad -eq 0 ] && echo "includes: no stage reaches into another"
exit $bad
