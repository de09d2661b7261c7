#!/usr/bin/python3
"""dashboard_sig.py TABLES_DIR WORKBOOK: the Dashboard's significance cells
(issue 19) say what benchmarks.csv says for that indicator and comparators'
year: the symbol and word of sig_england and sig_sn, the level and
better/worse, in a filled cell.  The Dashboard's rows follow dashboard.csv.
Prints how many cells were checked; exits 1 on the first difference."""
import csv, os, sys
import openpyxl

tables, book = sys.argv[1], sys.argv[2]
ws = openpyxl.load_workbook(book)["Dashboard"]
dash = list(csv.reader(open(os.path.join(tables, "dashboard.csv"), newline="")))[1:]
bench = list(csv.DictReader(open(os.path.join(tables, "benchmarks.csv"), newline="")))
head = [c.value for c in ws[4]]
if "Against England (funnel limits)" not in head:
    sys.exit("no 'Against England (funnel limits)' column on the Dashboard")
cols = {"england": head.index("Against England (funnel limits)"),
        "sn": head.index("Against neighbours (funnel limits)")}
cy = head.index("Comparators' year")
sym = {"higher": "\u25b2 higher", "lower": "\u25a0 lower", "similar": "\u25cf similar",
       "not compared": "not compared"}
checked = 0
for i, d in enumerate(dash):
    r = ws[5 + i]
    m, year = d[0], r[cy].value
    if not year:
        continue
    b = [x for x in bench if x["measure"] == m and int(x["year"]) == int(year[:4]) + 1]
    if len(b) != 1:
        sys.exit(f"Dashboard {m} {year}: {len(b)} benchmarks.csv rows")
    b = b[0]
    for who, c in cols.items():
        sig = b[f"sig_{who}"]
        want = None
        if sig:
            want = sym[sig]
            if sig in ("higher", "lower"):
                want += f" ({b[f'sig_{who}_level']}%)"
            if b[f"vs_{who}"]:
                want += ", " + b[f"vs_{who}"]
        if r[c].value != want:
            sys.exit(f"Dashboard {m} against {who}: {r[c].value!r}, benchmarks.csv says {want!r}")
        if want and sig != "not compared" and not (r[c].fill and r[c].fill.fill_type):
            sys.exit(f"Dashboard {m} against {who}: not filled")
        checked += want is not None
if checked < 6:
    sys.exit(f"only {checked} significance cells on the Dashboard")
print(checked)
