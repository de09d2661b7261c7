#!/bin/sh
# make demo: a synthetic inner-London-size authority, three census years,
# through the whole pipeline.  Leaves demo/work/report-2024.xlsx and
# demo/work/tables/measures.csv.
set -eu
BUILD=${1:-build}
rm -rf demo
"$BUILD"/lscb-synth --out demo/census --years 2022-2024 --la 999 --seed 2024
"$BUILD"/lscb-run --verbose --year 2024 --workdir demo/work \
    --population demo/census/population.csv demo/census/cin-2022.xml \
    demo/census/cin-2023.xml demo/census/cin-2024.xml
echo "demo: workbook demo/work/report-2024.xlsx, measures demo/work/tables/measures.csv"
