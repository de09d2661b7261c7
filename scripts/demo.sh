#!/bin/sh
# make demo: a synthetic inner-London-size authority, three census years,
# through the whole pipeline, under a real LA code (205, Hammersmith and
# Fulham) with the example configuration and the bundled published tables,
# so its benchmark sheets are full: the synthetic authority's own figures
# for 2022-2024 beside H&F's real statistical neighbours, Inner London and
# England (earlier years, and measures the census returns do not give, are
# H&F's published figures, as the sheets' source lines say).  Leaves
# demo/work/report-2024.xlsx and demo/work/tables/measures.csv.
set -eu
BUILD=${1:-build}
rm -rf demo
"$BUILD"/lscb-synth --out demo/census --years 2022-2024 --la 205 --seed 2024
PUB="--published data/published --config examples/hammersmith-and-fulham.ini"
"$BUILD"/lscb-run --verbose --year 2024 --la 205 $PUB --workdir demo/work \
    --population demo/census/population.csv demo/census/cin-2022.xml \
    demo/census/cin-2023.xml demo/census/cin-2024.xml demo/census/strategy.csv
# the same data laid out as section 4.6 of the 2011-12 report
"$BUILD"/lscb-run --year 2024 --la 205 $PUB --workdir demo/work --template lscb-2011 \
    --population demo/census/population.csv >/dev/null
mv demo/work/report-2024.xlsx demo/work/report-2024-lscb-2011.xlsx
"$BUILD"/lscb-run --year 2024 --la 205 $PUB --workdir demo/work \
    --population demo/census/population.csv >/dev/null
echo "demo: workbooks demo/work/report-2024.xlsx (dfe template) and"
echo "      demo/work/report-2024-lscb-2011.xlsx (section 4.6 layout, with the twelve"
echo "      benchmark series of 4.74); every measure in"
echo "      demo/work/tables/measures.csv; DfE validation failures (queries only: the"
echo "      synthetic returns break no error rule) in demo/work/validation.csv"
