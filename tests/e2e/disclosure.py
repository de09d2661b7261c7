#!/usr/bin/python3
"""disclosure.py — try to undo the publication profile (--publish).

Usage: disclosure.py TEMPLATE.ini PUBLISHED_TABLES_DIR TRUTH_TABLES_DIR POPULATION

A black-box attacker.  It reads the template (what each cell of each table
counts, and over which period), the tables and narrative written under
--publish, and the same tables written without it (the truth, to confirm
that a value worked out is the hidden one).  From everything shown it works
out what it can, with what any reader knows:

  - a flow over several months is the sum of its months (a year, a quarter,
    the report's two-month rows, the year to date, a Total row);
  - a breakdown's bands add up to its Total, which is the number of
    children on a plan that day (shown elsewhere too);
  - plans started less plans ended is the change; and the children on a
    plan at a month end are those at 31 March before plus the plans started
    less the plans ended since;
  - a percentage gives its numerator from its denominator and back; a rate
    per 10,000 gives its count (the population is published);
  - the narrative's figures for the year and the year before.

Every printed total and difference is tried at once: the relations are
solved exactly (rational Gaussian elimination), so any hidden count that a
chain of sums and differences determines is found.  Exit 1, naming each
hidden value found and how, if any; 0 otherwise.
"""
import configparser
import csv
import os
import re
import sys
from datetime import date, timedelta
from fractions import Fraction

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# what a percentage's parts count, where another measure counts it
PCT_PARTS = {
    "re_referral_pct": ("re_referrals", "referrals"),
    "referral_assessed_pct": (None, "referrals"),
    "s47_to_icpc_pct": (None, "s47_started"),
    "icpc_to_cpp_pct": (None, "icpc"),
    "cpp_second_or_subsequent_pct": (None, "cpp_started"),
    "cpp_repeat_within_12m_pct": ("cpp_repeat_within_12m", "cpp_second_or_subsequent_pct#num"),
    "cpp_ended_2y_plus_pct": (None, "cpp_ended"),
}
RATES = {"referral_rate": "referrals", "s47_rate": "s47_started", "icpc_rate": "icpc",
         "cpp_rate": "cpp_open", "cpp_started_rate": "cpp_started"}
SNAPSHOT = {"cpp_open", "cpp_rate", "cpp_reviewed_in_time_pct"}
# the narrative's sentences on counts (the measures' own words)
NARRATIVE = [
    (r"there were ([\d,c]+) referrals\b", "referrals"),
    (r"there were ([\d,c]+) re-referrals", "re_referrals"),
    (r"([\d,c]+) assessments were completed", "assessments_completed"),
    (r"([\d,c]+) strategy discussions were held", "strategy_discussions"),
    (r"([\d,c]+) strategy discussions led to", "strategy_to_s47"),
    (r"([\d,c]+) section 47 enquiries were started", "s47_started"),
    (r"([\d,c]+) initial child protection conferences were held", "icpc"),
    (r"([\d,c]+) child protection plans were started", "cpp_started"),
    (r"([\d,c]+) child protection plans ended", "cpp_ended"),
    (r"([\d,c]+) new plans began within 12 months", "cpp_repeat_within_12m"),
    (r"there were ([\d,c]+) children subject to a child protection plan", "cpp_open"),
]


def month_end(y, m):
    return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)


def census_start(year):
    return date(year - 1, 4, 1)


def census_end(year):
    return date(year, 3, 31)


def months_between(s, e):
    """The month ends from s's month to e's."""
    out, y, m = [], s.year, s.month
    while date(y, m, 1) <= e:
        out.append((date(y, m, 1), month_end(y, m)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def period_rows(tb, year):
    ys = census_start(year)
    rows = tb.get("rows", "year")
    if rows == "year":
        return [(ys, census_end(year))]
    if rows in ("months", "ytd"):
        out = []
        for s, e in months_between(ys, census_end(year)):
            out.append((ys if rows == "ytd" else s, e))
        return out
    if rows == "quarters":
        ms = months_between(ys, census_end(year))
        return [(ms[3 * q][0], ms[3 * q + 2][1]) for q in range(4)]
    if rows == "list":
        out = []
        for name in tb["months"].split():
            m = MONTHS.index(name) + 1
            y = ys.year if m >= 4 else ys.year + 1
            e = month_end(y, m)
            s = out[-1][1] + timedelta(days=1) if out else date(y, m, 1)
            if s > e:
                s = date(y, m, 1)
            out.append((s, e))
        return out
    return []


class Model:
    def __init__(self):
        self.known = {}      # fact -> Fraction
        self.hidden = {}     # fact -> (true value, where)
        self.rels = []       # list of {fact: coef}

    def fact(self, q, s, e, snap):
        return (q, None, e) if snap else (q, s, e)

    def flow(self, q, s, e):
        """A flow fact, tied to its months."""
        f = (q, s, e)
        ms = months_between(s, e)
        if len(ms) > 1 and s.day == 1 and (e + timedelta(days=1)).day == 1:
            rel = {f: Fraction(1)}
            for a, b in ms:
                rel[(q, a, b)] = rel.get((q, a, b), 0) - 1
            self.rels.append(rel)
        return f

    def open_at(self, d):
        f = ("cpp_open", None, d)
        if (d + timedelta(days=1)).day == 1:
            cy = d.year + 1 if d.month >= 4 else d.year
            anchor = census_end(cy - 1)
            if d != anchor:
                rel = {f: Fraction(1), ("cpp_open", None, anchor): Fraction(-1)}
                for a, b in months_between(anchor + timedelta(days=1), d):
                    rel[("cpp_started", a, b)] = rel.get(("cpp_started", a, b), 0) - 1
                    rel[("cpp_ended", a, b)] = rel.get(("cpp_ended", a, b), 0) + 1
                self.rels.append(rel)
        return f

    def count(self, q, s, e):
        if q in SNAPSHOT or q.startswith("cpp_open") or q.startswith("cpp_reviewed"):
            return self.open_at(e) if q == "cpp_open" else (q, None, e)
        return self.flow(q, s, e)

    def see(self, f, shown, truth, where):
        if shown in ("", None):
            return
        if shown == "c":
            if truth not in ("", "c", None):
                self.hidden[f] = (Fraction(truth), where)
        else:
            self.known[f] = Fraction(shown)


def parts(measure):
    num, den = PCT_PARTS.get(measure, (None, None))
    return num or measure + "#num", den or measure + "#den"


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def tables(model, tpl, pub, truth, year, population):
    for sec in tpl.sections():
        if not sec.startswith("table:"):
            continue
        tb = tpl[sec]
        tid = sec[6:]
        rows_kind = tb.get("rows", "year")
        if rows_kind in ("years", "comparators"):
            continue  # published DfE figures, not the authority's counts
        P = read_csv(os.path.join(pub, tid + ".csv"))
        T = read_csv(os.path.join(truth, tid + ".csv"))
        values = tb.get("values", "count")
        has_total = tb.get("total", "yes") == "yes"
        bd = tb.get("breakdown", "")
        bandset = tb.get("bands", "default")
        if rows_kind == "breakdown":
            d = census_end(year)
            nb = len(P) - 1 - (1 if has_total else 0)
            for k in range(1, len(P)):
                band = ("cpp_open", f"{bd}/{bandset}#{k - 1}", d) if k <= nb else model.open_at(d)
                c = 1
                if values != "pct":
                    model.see(band, P[k][c], T[k][c], f"{tid}:{P[k][0]}")
                    c += 1
                if values != "count":
                    pct(model, band, model.open_at(d), P[k][c], T[k][c], f"{tid}:{P[k][0]} %")
            if has_total:
                rel = {model.open_at(d): Fraction(-1)}
                for k in range(nb):
                    rel[("cpp_open", f"{bd}/{bandset}#{k}", d)] = Fraction(1)
                model.rels.append(rel)
            continue
        prow = period_rows(tb, year)
        cols = [c.strip() for c in tb.get("columns", "").replace("\n", " ").split(",") if c.strip()]
        for r in range(1, len(P)):
            label = P[r][0]
            if r - 1 < len(prow):
                s, e = prow[r - 1]
            elif label == "Total":
                s, e = prow[0][0], prow[-1][1]
            elif label.endswith("outturn"):
                y = int(label[:4]) + 1
                s, e = census_start(y), census_end(y)
            else:
                continue
            where = f"{tid}:{label}"
            if bd:
                c, nb = 1, 0
                band_facts = []
                while c < len(P[0]) and not (has_total and c == len(P[0]) - 1):
                    band = ("cpp_open", f"{bd}/{bandset}#{nb}", e)
                    band_facts.append(band)
                    if values != "pct":
                        model.see(band, P[r][c], T[r][c], where)
                        c += 1
                    if values != "count":
                        pct(model, band, model.open_at(e), P[r][c], T[r][c], where + " %")
                        c += 1
                    nb += 1
                if has_total:
                    model.see(model.open_at(e), P[r][-1], T[r][-1], where + " Total")
                rel = {model.open_at(e): Fraction(-1)}
                for b in band_facts:
                    rel[b] = Fraction(1)
                if bd != "age":  # children of no age band (not known) make age bands short
                    model.rels.append(rel)
                continue
            for c, col in enumerate(cols, start=1):
                measure, _, part = col.partition(":")
                shown, true = P[r][c], T[r][c]
                if part:
                    num, den = parts(measure)
                    q = num if part == "numerator" else den
                    model.see(model.count(q, s, e), shown, true, where)
                elif measure == "cpp_change":
                    f = model.count("cpp_change", s, e)
                    model.rels.append({f: Fraction(1), model.count("cpp_started", s, e): Fraction(-1),
                                       model.count("cpp_ended", s, e): Fraction(1)})
                    if shown not in ("", "c"):
                        model.known[f] = Fraction(shown)
                elif measure in RATES:
                    f = model.count(RATES[measure], s, e)
                    if shown not in ("", "c"):
                        model.known[f] = Fraction(round(float(shown) * population / 10000))
                    elif shown == "c":
                        pass  # the count, if hidden, is hidden where it is shown
                elif measure.endswith("_pct"):
                    num, den = parts(measure)
                    pct(model, model.count(num, s, e), model.count(den, s, e), shown, true, where)
                else:
                    model.see(model.count(measure, s, e), shown, true, where)


def pct(model, num, den, shown, true, where):
    """A percentage shown: num = p/100 x den (rounded: the attacker takes the
    nearest whole number, exact while den < 1000)."""
    if shown in ("", "c", None):
        return
    model.rels.append({num: Fraction(1), den: -Fraction(shown) / 100, "pct": Fraction(0)})


def narrative(model, path, year):
    if not os.path.exists(path):
        return
    for row in read_csv(path)[1:]:
        text = row[-1]
        for sentence in re.split(r"(?<=\.) ", text):
            when = re.match(r"(In (\d{4})-\d\d|At 31 March (\d{4}))", sentence)
            if not when:
                continue
            y = int(when.group(2)) + 1 if when.group(2) else int(when.group(3))
            for pat, q in NARRATIVE:
                m = re.search(pat, sentence)
                if not m:
                    continue
                v = m.group(1).replace(",", "")
                if v != "c":
                    model.known[model.count(q, census_start(y), census_end(y))] = Fraction(v)
                prev = re.search(r"(?:from|against) ([\d,]+) (?:in (\d{4})-\d\d|a year earlier)",
                                 sentence)
                if prev:
                    py = int(prev.group(2)) + 1 if prev.group(2) else y - 1
                    model.known[model.count(q, census_start(py), census_end(py))] = \
                        Fraction(prev.group(1).replace(",", ""))


def solve(model):
    """Every unknown the shown facts determine: rational RREF of the
    relations over the unknowns.  Returns {fact: value}."""
    rows = []
    for rel in model.rels:
        row, rhs = {}, Fraction(0)
        for f, c in rel.items():
            if f == "pct" or c == 0:
                continue
            if f in model.known:
                rhs -= c * model.known[f]
            else:
                row[f] = row.get(f, 0) + c
        row = {f: c for f, c in row.items() if c != 0}
        if row:
            rows.append((row, rhs))
    # sparse Gauss-Jordan
    pivots = {}  # fact -> (row, rhs) with coefficient 1 on fact
    for row, rhs in rows:
        row = dict(row)
        for f in list(row):
            if f in pivots and f in row:
                c = row[f]
                prow, prhs = pivots[f]
                for g, v in prow.items():
                    row[g] = row.get(g, 0) - c * v
                    if row[g] == 0:
                        del row[g]
                rhs -= c * prhs
        if not row:
            continue
        f = next(iter(row))
        c = row[f]
        row = {g: v / c for g, v in row.items()}
        rhs /= c
        for g, (prow, prhs) in list(pivots.items()):
            if f in prow:
                k = prow[f]
                nrow = dict(prow)
                for h, v in row.items():
                    nrow[h] = nrow.get(h, 0) - k * v
                    if nrow[h] == 0:
                        del nrow[h]
                pivots[g] = (nrow, prhs - k * rhs)
        pivots[f] = (row, rhs)
    return {f: rhs for f, (row, rhs) in pivots.items() if len(row) == 1}


def main():
    tpl_path, pub, truth, population = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    year = int(sys.argv[5]) if len(sys.argv) > 5 else 2024
    tpl = configparser.ConfigParser(interpolation=None, strict=False,
                                    inline_comment_prefixes=None, comment_prefixes=(";",))
    tpl.optionxform = str
    tpl.read(tpl_path)
    model = Model()
    tables(model, tpl, pub, truth, year, population)
    narrative(model, os.path.join(pub, "narrative.csv"), year)
    found = solve(model)
    leaks = 0
    for f, (true, where) in sorted(model.hidden.items(), key=lambda x: str(x)):
        if f in found and abs(found[f] - true) < Fraction(1, 2):
            leaks += 1
            print(f"leak: {where} shows c, but the publication gives {f[0]} "
                  f"{f[1] or ''}..{f[2]} = {found[f]}")
    print(f"disclosure: {len(model.hidden)} hidden values, {len(model.known)} shown, "
          f"{len(model.rels)} relations; {leaks} worked out")
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main())
