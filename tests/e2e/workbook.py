#!/usr/bin/python3
"""workbook.py — the workbook as an author pastes from it.

Usage: workbook.py TEMPLATE.ini WORKBOOK.xlsx TABLES_DIR [PDF]

Reads the workbook with openpyxl (Debian's python3-openpyxl) and checks,
for every table of the template: headers over figures right-aligned;
percentages stored as fractions with a 0.0% format, rates 0.0, counts
#,##0; month rows as dates; the Total rows the template asks for; a chart
where the template asks for one (in the package's drawings); 4.73's key
and outturns.  The Dashboard's figures must equal measures.csv (this year)
and benchmarks.csv (last year, neighbours, England) when present.  With a
PDF (LibreOffice's rendering of the workbook), each table sheet must be on
one page: its title and its last line (the source) on the same page, and
the next page starting another sheet (or, for an indicator sheet, its
funnel plot on a second page).  Prints one line per failure; exit 1
if any.
"""
import configparser
import csv
import datetime
import html
import os
import re
import subprocess
import sys
import zipfile

import openpyxl

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)


def template(path):
    tpl = configparser.ConfigParser(interpolation=None, strict=False, comment_prefixes=(";",))
    tpl.optionxform = str
    tpl.read(path)
    out = []
    for sec in tpl.sections():
        if sec.startswith("table:"):
            tb = dict(tpl[sec])
            tb["id"] = sec[6:]
            out.append(tb)
    return out


def charts_by_sheet(xlsx):
    """Sheet name -> number of charts in its drawing."""
    z = zipfile.ZipFile(xlsx)
    wb = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
    target.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    out = {}
    for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+"[^>]*r:id="(rId\d+)"', wb):
        name = name.replace("&amp;", "&")
        sheet = "xl/" + target[rid]
        srels = sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"
        n = 0
        if srels in z.namelist():
            for d in re.findall(r'Target="\.\./drawings/([^"]+)"', z.read(srels).decode()):
                drels = "xl/drawings/_rels/" + d + ".rels"
                if drels in z.namelist():
                    n += len(re.findall(r"charts/chart\d+\.xml", z.read(drels).decode()))
        out[name] = n
    return out


def col_width(ws, c):
    """Column c's width in characters as set (openpyxl keeps a range of
    columns set together under its first letter; libxlsxwriter adds 0.71)."""
    for d in ws.column_dimensions.values():
        if d.min and d.max and d.min <= c <= d.max and d.width:
            return round(d.width - 0.7109375, 2) if d.width % 1 else d.width
    return 8.43


def chart_xml_by_sheet(xlsx):
    """Sheet name -> the XML of each chart in its drawing."""
    z = zipfile.ZipFile(xlsx)
    wb = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
    target.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    out = {}
    for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+"[^>]*r:id="(rId\d+)"', wb):
        name = name.replace("&amp;", "&")
        sheet = "xl/" + target[rid]
        srels = sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"
        out[name] = []
        if srels not in z.namelist():
            continue
        for d in re.findall(r'Target="\.\./drawings/([^"]+)"', z.read(srels).decode()):
            drels = "xl/drawings/_rels/" + d + ".rels"
            if drels in z.namelist():
                for c in re.findall(r"charts/(chart\d+\.xml)", z.read(drels).decode()):
                    out[name].append(z.read("xl/charts/" + c).decode())
    return out


def ref_cells(wb, ref):
    """The cells of a chart reference such as 'Sheet name'!$A$5:$A$11."""
    m = re.match(r"^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$", ref)
    sheet = m.group(1).replace("''", "'")
    a = f"{m.group(2)}{m.group(3)}"
    b = f"{m.group(4)}{m.group(5)}" if m.group(4) else a
    return [c for row in wb[sheet][a:b] for c in row]


def measure_registry():
    """Measure title -> (name, unit, snapshot) from common/measure_defs.c."""
    src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common",
                            "measure_defs.c"), encoding="utf-8").read()
    out = {}
    for block in re.split(r"\{\s*\.name\s*=", src)[1:]:
        name = re.match(r'\s*"([^"]+)"', block)
        title = re.search(r'\.title\s*=\s*"([^"]+)"', block)
        unit = re.search(r"\.unit\s*=\s*(MU_\w+)", block)
        snap = re.search(r"\.snapshot\s*=\s*(true|false)", block)
        if name and title and unit:
            out[title.group(1)] = (name.group(1), unit.group(1),
                                   bool(snap) and snap.group(1) == "true")
    return out


def chart_checks(wb, tables, xml):
    """Charts over the table sheets: categories are text (a date axis spaces
    bi-monthly columns with gaps), values are numbers or blank (a suppressed
    'c' plots as zero), a percentage axis runs from 0 to at most 100% (an
    empty series stretched it to 1200%)."""
    n = 0
    reg = measure_registry()
    for tb in tables:
        if tb.get("rows") == "years":
            continue
        for ch in xml.get(tb["sheet"], []):
            n += 1
            # children on plans at the period's end (about 200) and plans
            # started and ended in it (about 40 a quarter) on one axis: the
            # flows lay flat along its foot
            kinds = set()
            for ref in re.findall(r"<c:tx>\s*<c:strRef>\s*<c:f>([^<]+)</c:f>", ch):
                for cell in ref_cells(wb, html.unescape(ref)):
                    m = reg.get(str(cell.value))
                    if m and m[1] == "MU_COUNT":
                        kinds.add("at the period's end" if m[2] else "in the period")
            if len(kinds) > 1:
                fail(f"{tb['sheet']}: one chart's axis holds counts at the period's end and "
                     f"counts in the period (their scales differ)")
            for ref in re.findall(r"<c:cat>.*?<c:f>([^<]+)</c:f>", ch, re.S):
                for cell in ref_cells(wb, html.unescape(ref)):
                    if not isinstance(cell.value, str):
                        fail(f"{tb['sheet']}: chart category {cell.coordinate} is "
                             f"{cell.value!r}, not text")
                        break
            vals = [c for ref in re.findall(r"<c:val>.*?<c:f>([^<]+)</c:f>", ch, re.S)
                    for c in ref_cells(wb, html.unescape(ref))]
            if vals and all(c.value is None for c in vals) and \
                    "every figure suppressed" not in ch:
                fail(f"{tb['sheet']}: a chart with no figure (all suppressed) that does not "
                     f"say so")
            for ref in re.findall(r"<c:val>.*?<c:f>([^<]+)</c:f>", ch, re.S):
                for cell in ref_cells(wb, html.unescape(ref)):
                    if isinstance(cell.value, str):
                        fail(f"{tb['sheet']}: chart value {cell.coordinate} is text "
                             f"{cell.value!r} (plotted as zero)")
                        break
            if tb.get("rows") == "comparators":
                # bars of one axis of like size: referrals per 10,000 (about
                # 800) left conferences per 10,000 (about 40) as slivers
                tops = []
                for ref in re.findall(r"<c:val>.*?<c:f>([^<]+)</c:f>", ch, re.S):
                    v = [c.value for c in ref_cells(wb, html.unescape(ref))
                         if isinstance(c.value, (int, float))]
                    if v and max(v) > 0:
                        tops.append(max(v))
                if len(tops) > 1 and max(tops) >= 4 * min(tops):
                    fail(f"{tb['sheet']}: one chart's bars run from {min(tops):g} to "
                         f"{max(tops):g} on one axis (the small ones are slivers)")
            if tb.get("rows") == "comparators" and '<c:barDir val="bar"/>' not in ch:
                fail(f"{tb['sheet']}: the authorities' chart is not horizontal bars (their "
                     f"names slanted under columns left the plot a strip)")
            cats = re.findall(r"<c:cat>.*?<c:f>([^<]+)</c:f>", ch, re.S)
            ncat = len(ref_cells(wb, html.unescape(cats[0]))) if cats else 0
            if len(xml.get(tb["sheet"], [])) > 1 and ncat > 7 and "<c:barDir val=\"bar\"/>" \
                    not in ch:
                cat_ax = re.search(r"<c:catAx>.*?</c:catAx>", ch, re.S)
                if not cat_ax or "rot=" not in cat_ax.group(0):
                    fail(f"{tb['sheet']}: {ncat} category labels in a chart of half the page "
                         f"or less, not slanted (they wrapped 'Apr-' over '23')")
            # an axis from zero hid 4.63's negative change (plans started
            # less ended)
            nums = [c.value for c in vals if isinstance(c.value, (int, float))]
            for ax in re.findall(r"<c:valAx>.*?</c:valAx>", ch, re.S):
                mn = re.search(r'<c:min val="([^"]+)"', ax)
                if mn and nums and min(nums) < float(mn.group(1)):
                    fail(f"{tb['sheet']}: a chart's axis starts at {mn.group(1)}, above its "
                         f"figure {min(nums)} (hidden)")
            for ax in re.findall(r"<c:valAx>.*?</c:valAx>", ch, re.S):
                if 'formatCode="0%"' not in ax:
                    continue
                mx = re.search(r'<c:max val="([^"]+)"', ax)
                mn = re.search(r'<c:min val="([^"]+)"', ax)
                if not mx or not mn or float(mx.group(1)) > 1 or float(mn.group(1)) != 0:
                    fail(f"{tb['sheet']}: a percentage axis not fitted within 0-100% "
                         f"(min {mn and mn.group(1)}, max {mx and mx.group(1)})")
    return n


def indicator_axis_checks(wb, xml):
    """The line chart of an indicator sheet (4.74, B ...): its value axis from
    zero, a percentage's to at most 100 (fitted to the figures, % referrals
    assessed ran from 99.3 to 100.1 and 99.6 looked a collapse)."""
    n = 0
    for name, charts in xml.items():
        for ch in charts:
            if "<c:lineChart>" not in ch or "<c:scatterChart>" in ch:
                continue
            ws = wb[name]
            if not re.match(r"(4\.74 |Benchmark)", str(ws.cell(1, 1).value or "")):
                continue
            n += 1
            ax = re.search(r"<c:valAx>.*?</c:valAx>", ch, re.S)
            mn = ax and re.search(r'<c:min val="([^"]+)"', ax.group(0))
            if not mn or float(mn.group(1)) != 0:
                fail(f"{name}: its chart's value axis does not start at zero")
    return n


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def table_checks(wb, tables, charts):
    for tb in tables:
        if tb["sheet"] not in wb.sheetnames:
            continue  # left out of a run from published tables alone (left_out_checks)
        ws = wb[tb["sheet"]]
        rows = tb.get("rows", "year")
        transpose = tb.get("transpose") == "yes"
        top = 4  # header row (1-based)
        if rows in ("years", "comparators"):
            continue
        if tb.get("chart", "none") != "none" and charts.get(tb["sheet"], 0) == 0:
            fail(f"{tb['sheet']}: the template asks for a chart; the sheet has none")
        if transpose:
            # 4.73: months across, indicators down
            heads = [ws.cell(top, c).value for c in range(2, ws.max_column + 1)]
            if not any(isinstance(h, datetime.datetime) for h in heads):
                fail(f"{tb['sheet']}: month headers are not dates")
            for r in range(top + 1, top + 1 + len(tb.get("columns", "").split(","))):
                for c in range(2, 14):
                    cell = ws.cell(r, c)
                    if isinstance(cell.value, (int, float)):
                        if cell.number_format != "0.0%" or not 0 <= cell.value <= 1:
                            fail(f"{tb['sheet']}!{cell.coordinate}: {cell.value} "
                                 f"{cell.number_format} is not a percentage as a fraction")
            if tb.get("outturns"):
                # the years before as far as the warehouse holds them: at
                # most the template's, none without a figure (a 2020-21
                # column stood empty over returns of 2022-2024)
                outs = [c for c in range(1, ws.max_column + 1)
                        if str(ws.cell(top, c).value).endswith("outturn")]
                if len(outs) > int(tb["outturns"]):
                    fail(f"{tb['sheet']}: at most {tb['outturns']} outturn columns expected")
                nind = len(tb.get("columns", "").split(","))
                for c in outs:
                    if all(ws.cell(r, c).value in (None, "") for r in range(top + 1,
                                                                            top + 1 + nind)):
                        fail(f"{tb['sheet']}: the column '{ws.cell(top, c).value}' has no "
                             f"figure")
            if tb.get("ni_bands") == "yes":
                alltext = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
                for want in ("Key to NI Bands", "Summary of NI definitions", "High 4: 0<10"):
                    if want not in alltext:
                        fail(f"{tb['sheet']}: no '{want}' on the sheet")
                # a band of the key that does not fit its cell wraps (beside
                # the next band's fill, running on cut it)
                for row in ws.iter_rows():
                    for cell in row:
                        v = cell.value
                        if isinstance(v, str) and re.match(r"(Low|High) \d: ", v) and \
                                len(v) > col_width(ws, cell.column) and \
                                not cell.alignment.wrap_text:
                            fail(f"{tb['sheet']}!{cell.coordinate}: the key's '{v}' is cut "
                                 f"at its cell's edge")
            continue
        ncol = 1
        while ws.cell(top, ncol + 1).value not in (None, ""):
            ncol += 1
        for c in range(2, ncol + 1):
            h = ws.cell(top, c)
            width = col_width(ws, c)
            long_word = max((w for w in str(h.value).split()), key=len, default="")
            if len(long_word) < 16 and len(long_word) + 2 > width:
                fail(f"{tb['sheet']}!{h.coordinate}: header word '{long_word}' is wider than "
                     f"its column ({width:.0f}) and breaks across lines")
            if h.alignment.horizontal != "right":
                fail(f"{tb['sheet']}!{h.coordinate}: header '{h.value}' over figures is not "
                     f"right-aligned ({h.alignment.horizontal})")
        r = top + 1
        labels = []
        while ws.cell(r, 1).value not in (None, ""):
            label = ws.cell(r, 1).value
            labels.append(label)
            if str(label).endswith("outturn") and \
                    all(ws.cell(r, c).value in (None, "") for c in range(2, ncol + 1)):
                fail(f"{tb['sheet']}!A{r}: the row '{label}' has no figure")
            if rows in ("months", "list", "ytd") and label != "Total" \
                    and not str(label).endswith("outturn") \
                    and not isinstance(label, datetime.datetime):
                fail(f"{tb['sheet']}!A{r}: month label '{label}' is not a date")
            for c in range(2, ncol + 1):
                cell = ws.cell(r, c)
                head = str(ws.cell(top, c).value)
                if not isinstance(cell.value, (int, float)):
                    continue
                fmt = cell.number_format
                if fmt == "0.0%":
                    if not 0 <= cell.value <= 1.0000001:
                        fail(f"{tb['sheet']}!{cell.coordinate}: percentage {cell.value} not a "
                             f"fraction")
                elif fmt not in ("#,##0", "0.0"):
                    fail(f"{tb['sheet']}!{cell.coordinate}: format {fmt}")
                if "%" in head and not head.endswith((": number", ": out of")) \
                        and fmt != "0.0%":
                    fail(f"{tb['sheet']}!{cell.coordinate}: '{head}' is a percentage, "
                         f"format {fmt}")
            r += 1
        if tb.get("total_row") == "yes":
            if "Total" not in labels:
                fail(f"{tb['sheet']}: no Total row")
            else:
                tr = top + 1 + labels.index("Total")
                if not ws.cell(tr, 1).font.b:
                    fail(f"{tb['sheet']}: Total row not bold")


def csv_checks(wb, tables, tables_dir):
    """Each table's CSV names its columns as its sheet does: a series table
    (4.74) the authority, the neighbours' aggregate and the region by name
    (it said 'Authority' and 'Region'); a comparator table (4.65, 4.69)
    shows a figure the release suppressed with the release's own symbol,
    not a blank."""
    for tb in tables:
        path = os.path.join(tables_dir, tb["id"] + ".csv")
        if tb["sheet"] not in wb.sheetnames or not os.path.exists(path):
            continue
        rows = read_csv(path)
        ws = wb[tb["sheet"]]
        if tb.get("rows") == "years":
            heads = {str(c.value) for row in ws.iter_rows(min_row=1, max_row=8) for c in row
                     if c.value is not None}
            for h in rows[0][1:]:
                if h not in heads:
                    fail(f"{tb['id']}.csv: column '{h}' is not a column of the sheet "
                         f"{tb['sheet']}")
        if tb.get("rows") == "comparators" and os.path.exists(
                os.path.join(tables_dir, "benchmarks.csv")):
            for r in rows[1:]:
                if r[0].startswith("At 31 March") or r[0].startswith("("):
                    continue
                for c, v in enumerate(r[1:], 1):
                    if v == "":
                        fail(f"{tb['id']}.csv: {r[0]}, {rows[0][c]}: blank (a suppressed "
                             f"published figure shows the release's symbol)")


def layout_checks(wb):
    """Titles and rows as printed: a title in a wrapping cell narrower than
    itself is cut ("Validati"); a figure beside a wrapped message sits at
    the top of its row, as the message does."""
    merged = {name: [str(r) for r in wb[name].merged_cells.ranges] for name in wb.sheetnames}
    for name in wb.sheetnames:
        ws = wb[name]
        a1 = ws.cell(1, 1)
        if not isinstance(a1.value, str) or not a1.alignment.wrap_text:
            continue
        if any(r.startswith("A1:") for r in merged[name]):
            continue
        width = col_width(ws, 1)
        if len(a1.value) > width * 1.1:
            fail(f"{name}: its title '{a1.value}' wraps inside column A ({width:.0f} wide) "
                 f"and is cut")
    # the line under a title runs on past the sheet's columns, and the
    # page shrinks to take it in, unless it wraps over them
    for name in ("Narrative", "Data quality", "Validation"):
        if name not in wb.sheetnames:
            continue
        ws = wb[name]
        a2 = ws.cell(2, 1)
        if not isinstance(a2.value, str) or a2.alignment.wrap_text:
            continue
        width = sum(col_width(ws, c) for c in range(1, ws.max_column + 1))
        if len(a2.value) > width:
            fail(f"{name}: the line under its title ({len(a2.value)} characters) runs past "
                 f"its columns ({width:.0f}) and shrinks the page")
    if "Validation" in wb.sheetnames:
        ws = wb["Validation"]
        for r in range(5, ws.max_row + 1):
            msg = ws.cell(r, 5)
            if not msg.value or not msg.alignment.wrap_text:
                continue
            for c in (1, 2, 3):
                cell = ws.cell(r, c)
                if cell.value is not None and cell.alignment.vertical != "top":
                    fail(f"Validation!{cell.coordinate}: '{cell.value}' at the "
                         f"{cell.alignment.vertical or 'bottom'} of a row whose message is at "
                         f"the top")
                    return


def dashboard_checks(wb, tables_dir, year):
    if "Dashboard" not in wb.sheetnames:
        fail("no Dashboard sheet")
        return
    if wb.sheetnames[1] != "Dashboard":
        fail(f"Dashboard is sheet {wb.sheetnames.index('Dashboard') + 1}, not the second")
    ws = wb["Dashboard"]
    # where the benchmark tables name the authority, every sheet's line under
    # its title names it, the Dashboard's too (it once said "Local authority 205")
    index = os.path.join(tables_dir, "bench-index.csv")
    if os.path.exists(index):
        for name in wb.sheetnames:
            sub = wb[name].cell(2, 1).value
            if isinstance(sub, str) and sub.startswith("Local authority "):
                fail(f"{name}: '{sub}' does not name the authority the benchmarks name")
    # printed at (nearly) 100%: the columns of the print area fit a landscape
    # A4 page (about 150 characters); a 50-wide "Reading" column once made
    # it print at half size
    pa = ws.print_area
    pa = pa[0] if isinstance(pa, (list, tuple)) else pa
    last = re.search(r":\$?([A-Z]+)\$?\d+", pa or "")
    if last:
        lastc = openpyxl.utils.column_index_from_string(last.group(1))
        width = sum(col_width(ws, c) for c in range(1, lastc + 1))
        if width > 150:
            fail(f"Dashboard: its columns are {width:.0f} characters wide; the page holds "
                 f"about 150 at 100%")
    if not os.path.exists(os.path.join(tables_dir, "dashboard.csv")):
        fail("no dashboard.csv: the Dashboard is empty")
        return 0
    dash = read_csv(os.path.join(tables_dir, "dashboard.csv"))[1:]
    bpath = os.path.join(tables_dir, "benchmarks.csv")
    bench = {}
    if os.path.exists(bpath):
        b = read_csv(bpath)
        h = b[0]
        for row in b[1:]:
            bench[(row[0], int(row[1]))] = dict(zip(h, row))
    meas = {}
    mpath = os.path.join(tables_dir, "measures.csv")
    if os.path.exists(mpath):
        for row in read_csv(mpath)[1:]:
            if row[2] == f"{year - 1}-04-01" and row[3] == f"{year}-03-31" and row[4] == "":
                meas[row[0]] = row[5]
    else:
        # a run from published tables alone: this year is the published figure
        for (m, y), row in bench.items():
            if y == year and row.get("value"):
                meas[m] = row["value"]
        shown = sum(1 for m, now, before in dash if now)
        if shown < len(dash) // 2:
            fail(f"Dashboard of a run from published tables: {shown} of {len(dash)} "
                 f"indicators have a figure")
    checked = compared = 0
    for i, (m, now, before) in enumerate(dash):
        r = 5 + i
        cell = ws.cell(r, 2)
        want = meas.get(m, "")
        if now == "c":  # suppressed for publication: the sheet shows c too
            if cell.value != "c":
                fail(f"Dashboard {m}: dashboard.csv says c, the sheet {cell.value!r}")
            continue
        if now != want and not (now and want and abs(float(now) - float(want)) < 0.051):
            fail(f"dashboard.csv {m} this year {now!r}, measures.csv {want!r}")
        if want:
            got = cell.value
            if cell.number_format == "0.0%":
                got = round(got * 100, 1)
            if got is None or abs(float(got) - float(want)) > 0.051:
                fail(f"Dashboard {m}: this year {cell.value} ({cell.number_format}), "
                     f"measures.csv {want}")
            checked += 1
        ylabel = ws.cell(r, 7).value
        if ylabel:
            by = int(ylabel[:4]) + 1
            row = bench.get((m, by))
            if not row:
                fail(f"Dashboard {m}: comparators of {ylabel}, benchmarks.csv has none")
                continue
            for col, key in ((5, "sn_mean"), (6, "england_value")):
                v = ws.cell(r, col).value
                if ws.cell(r, col).number_format == "0.0%":
                    v = round(v * 100, 6)
                if row[key] and (v is None or abs(float(v) - float(row[key])) > 1e-6):
                    fail(f"Dashboard {m}: {key} {v}, benchmarks.csv {row[key]}")
            prev = bench.get((m, year - 1))
            if prev and prev.get("value") and before:
                if abs(float(before) - float(prev["value"])) > 0.051:
                    fail(f"Dashboard {m}: last year {before}, benchmarks.csv {prev['value']}")
            compared += 1
    print(f"dashboard: {checked} figures equal measures.csv, {compared} compared with "
          f"benchmarks.csv")
    return compared


def page_scales(pdf):
    """Each page's print scale: the height of its first word, a sheet's
    13-point title, against that title's at 100% (Carlito, as LibreOffice
    sets it: 1.30 times the point size)."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True,
                         text=True).stdout
    scales = []
    for page in out.split("<page ")[1:]:
        w = re.search(r'<word xMin="[^"]+" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)"', page)
        scales.append((float(w.group(2)) - float(w.group(1))) / (13 * 1.30) if w else 1.0)
    return scales


def page_checks(pdf, tables):
    n = int(re.search(r"Pages:\s+(\d+)",
                      subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout)
            .group(1))
    pages = []
    for p in range(1, n + 1):
        t = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-layout", pdf, "-"],
                           capture_output=True, text=True).stdout
        pages.append(re.sub(r"\s+", "", t))
    key = lambda title: re.sub(r"\s+", "", title)[:60]
    titles = [key(tb["title"]) for tb in tables]
    source = key("Source: children in need census returns")
    found = []
    for tb, k in zip(tables, titles):
        on = [i for i, p in enumerate(pages) if p.startswith(k)]
        if len(on) != 1:
            fail(f"{tb['sheet']}: title found on {len(on)} pages of {pdf}")
            found.append(None)
            continue
        found.append(on[0])
        if tb.get("rows") in ("years", "comparators"):
            # benchmark sheets name the published releases they draw on
            page = pages[on[0]]
            if "Source:" not in page or source in page:
                fail(f"{tb['sheet']}: its source line (the releases) is not on its page "
                     f"({on[0] + 1})")
        elif source not in pages[on[0]]:
            fail(f"{tb['sheet']}: its source line is not on its page ({on[0] + 1})")
    # the table sheets are consecutive in the workbook: one page each, and
    # an indicator sheet with a funnel plot a second page, the funnel's
    # (tests/e2e/funnel_sheets.py checks which have one)
    two = 0
    for i in range(len(found) - 1):
        if found[i] is None or found[i + 1] is None or found[i + 1] == found[i] + 1:
            continue
        if (found[i + 1] == found[i] + 2 and tables[i].get("rows") == "years" and
                pages[found[i] + 1].startswith("Funnelplot:")):
            two += 1
            continue
        fail(f"{tables[i]['sheet']}: takes {found[i + 1] - found[i]} pages "
             f"({found[i] + 1} to {found[i + 1]})")
    # printed large enough to read: 4.73 printed at 72%, the indicator
    # sheets at 65%, the dfe Indicators at 61% (fitted to one page)
    scales = page_scales(pdf)
    small = []
    for i, p in enumerate(pages):
        if i in found or p.startswith(("Benchmark:", "Funnelplot:")):
            if i < len(scales) and scales[i] < 0.75:
                small.append(f"{i + 1} ({p[:30]}) at {scales[i]:.0%}")
    if small:
        fail(f"pages printed below 75%: {'; '.join(small)}")
    # the Contents on one page: the Dashboard the second
    if len(pages) > 1 and pages[0] and not pages[1].startswith("Dashboard"):
        fail(f"Contents: takes more than one page (page 2 starts '{pages[1][:30]}')")
    print(f"pages: {n} in {os.path.basename(pdf)}, {len(tables)} table sheets each on one page"
          f"{f' ({two} with their funnel plot on a second)' if two else ''}")


def main():
    tpl_path, xlsx, tables_dir = sys.argv[1:4]
    pdf = sys.argv[4] if len(sys.argv) > 4 else None
    tables = template(tpl_path)
    wb = openpyxl.load_workbook(xlsx)
    year = int(re.search(r"(\d{4})\.xlsx$", xlsx).group(1)) if re.search(r"\d{4}\.xlsx$", xlsx) \
        else 2024
    table_checks(wb, tables, charts_by_sheet(xlsx))
    xml = chart_xml_by_sheet(xlsx)
    print(f"charts: {chart_checks(wb, tables, xml)} checked, "
          f"{indicator_axis_checks(wb, xml)} indicator charts from zero")
    csv_checks(wb, tables, tables_dir)
    layout_checks(wb)
    dashboard_checks(wb, tables_dir, year)
    if pdf:
        # the sheets a run from published tables alone leaves out have no page
        page_checks(pdf, [tb for tb in tables if tb["sheet"] in wb.sheetnames])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
