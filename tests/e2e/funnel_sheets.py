#!/usr/bin/python3
"""funnel_sheets.py TABLES_DIR WORKBOOK [PDF]: each indicator sheet carries
its funnel plot (issue 19).

For every indicator sheet of tables/bench-index.csv whose measure
tables/funnels.csv lists with points: the sheet's own drawing holds one
scatter chart (the funnel) beside its line chart, whose point series hold
as many points as funnels.csv plotted; the sheet says how many were plotted
and what was left out (funnels.csv's note) and has the key, whose three
fills stay apart in greyscale (luminance at least 40 of 255 apart).  A
sheet without a funnel says why ("No funnel plot: ...").  No other sheet
draws a funnel, and the chart data sheet is hidden.  With a PDF
(LibreOffice's rendering): a sheet with a funnel takes two pages, the second
beginning "Funnel plot:" with the key and the note; one without takes one.
Prints what it checked; exits 1 on any difference.
"""
import csv
import os
import re
import subprocess
import sys
import zipfile

import openpyxl

tables, book = sys.argv[1], sys.argv[2]
pdf = sys.argv[3] if len(sys.argv) > 3 else None
bad = []


def rows(name):
    with open(os.path.join(tables, name), newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


index = rows("bench-index.csv")
funnels = {f["measure"]: f for f in rows("funnels.csv") if int(f["points"]) > 0}

z = zipfile.ZipFile(book)
wbx = z.read("xl/workbook.xml").decode()
rels = z.read("xl/_rels/workbook.xml.rels").decode()
target = {}
for m in re.finditer(r"<Relationship [^>]*>", rels):
    i, t = re.search(r'Id="([^"]+)"', m.group(0)), re.search(r'Target="([^"]+)"', m.group(0))
    target[i.group(1)] = t.group(1)


def sheet_charts(name):
    """The chart XMLs drawn on sheet `name`."""
    m = re.search(r'<sheet name="%s" sheetId="\d+"[^>]*r:id="(rId\d+)"'
                  % re.escape(name.replace("&", "&amp;")), wbx)
    if not m:
        return None
    sheet = "xl/" + target[m.group(1)]
    srels = sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"
    out = []
    if srels in z.namelist():
        for d in re.findall(r'Target="\.\./drawings/([^"]+)"', z.read(srels).decode()):
            drels = "xl/drawings/_rels/" + d + ".rels"
            if drels in z.namelist():
                for c in re.findall(r"charts/chart\d+\.xml", z.read(drels).decode()):
                    out.append(z.read("xl/" + c).decode())
    return out


def luminance(rgb):
    r, g, b = int(rgb[-6:-4], 16), int(rgb[-4:-2], 16), int(rgb[-2:], 16)
    return 0.299 * r + 0.587 * g + 0.114 * b


wb = openpyxl.load_workbook(book)
with_funnel = without = 0
for e in index:
    sheet, m = e["sheet"], e["measure"]
    if sheet not in wb.sheetnames:
        continue
    ws = wb[sheet]
    text = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    charts = sheet_charts(sheet) or []
    scatter = [c for c in charts if "<c:scatterChart>" in c]
    if m not in funnels:
        without += 1
        if scatter:
            bad.append(f"{sheet}: a funnel plot, but funnels.csv has none for {m}")
        if not any(t.startswith("No funnel plot: ") for t in text):
            bad.append(f"{sheet}: no funnel plot and no line saying why")
        continue
    with_funnel += 1
    f = funnels[m]
    if len(scatter) != 1 or len(charts) != 2:
        bad.append(f"{sheet}: {len(scatter)} scatter charts of {len(charts)} charts, want 1 of 2")
        continue
    # the point series: each <c:ser> with markers and no line; the limit
    # lines have <c:marker><c:symbol val="none"/>
    npts = 0
    for ser in re.findall(r"<c:ser>.*?</c:ser>", scatter[0], re.S):
        if '<c:symbol val="none"/>' in ser:
            continue
        pc = re.search(r"<c:yVal>.*?<c:ptCount val=\"(\d+)\"/>", ser, re.S)
        ref = re.search(r"<c:yVal><c:numRef><c:f>[^!]*!\$B\$(\d+):\$B\$(\d+)</c:f>", ser)
        if pc:
            npts += int(pc.group(1))
        elif ref:
            npts += int(ref.group(2)) - int(ref.group(1)) + 1
    # England's line and the authority's circle black, as the key says:
    # libxlsxwriter takes 0x000000 as no colour, and LibreOffice drew
    # England's line in the palette's blue, the higher points' colour
    sers = re.findall(r"<c:ser>.*?</c:ser>", scatter[0], re.S)
    eng = [x for x in sers if re.search(r"<c:v>England</c:v>", x)]
    if not eng or not re.search(r'<a:ln[^>]*>\s*<a:solidFill>\s*<a:srgbClr val="000000"',
                                eng[0]):
        bad.append(f"{sheet}: England's line is not drawn black")
    auth = [x for x in sers if '<c:dLbls>' in x]
    if auth and not re.search(r'<c:marker>.*?<a:solidFill>\s*<a:srgbClr val="000000"',
                              auth[-1], re.S):
        bad.append(f"{sheet}: the authority's circle is not filled black")
    # the x axis names what is counted, on its log scale (it said
    # 'Denominator')
    xt = re.search(r"<c:valAx>.*?<c:title>.*?<a:t>([^<]*)</a:t>", scatter[0], re.S)
    if not xt or "Denominator" in xt.group(1) or "log scale" not in xt.group(1):
        bad.append(f"{sheet}: the funnel's x axis title "
                   f"{xt.group(1) if xt else None!r} does not name what is counted on its "
                   f"log scale")
    if npts != int(f["points"]):
        bad.append(f"{sheet}: {npts} points drawn, funnels.csv plotted {f['points']}")
    said = f"Plotted: {f['points']} authorities. Left out of the plot: {f['note'] or 'none'}."
    if not any(said in t for t in text):
        bad.append(f"{sheet}: does not say {said!r}")
    key = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value in ("\u25b2 higher", "\u25cf similar", "\u25a0 lower"):
                key[c.value] = c.fill.fgColor.rgb if c.fill and c.fill.fill_type else None
    if len(key) != 3 or None in key.values():
        bad.append(f"{sheet}: the key's three filled cells not found ({key})")
    else:
        lum = sorted(luminance(v) for v in key.values())
        if min(b - a for a, b in zip(lum, lum[1:])) < 40:
            bad.append(f"{sheet}: the key's fills are too close in greyscale ({lum})")

extra = [s for s in wb.sheetnames if s.startswith("Funnel ") and s != "Funnel data"]
if extra:
    bad.append(f"funnels on sheets of their own: {extra}")
if with_funnel and ("Funnel data" not in wb.sheetnames or
                    wb["Funnel data"].sheet_state != "hidden"):
    bad.append("no hidden 'Funnel data' sheet")

pages_said = ""
if pdf:
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
    pages = [re.sub(r"\s+", "", subprocess.run(
        ["pdftotext", "-f", str(p), "-l", str(p), "-layout", pdf, "-"],
        capture_output=True, text=True).stdout) for p in range(1, n + 1)]
    order = [e for e in index if e["sheet"] in wb.sheetnames]
    for e in order:
        title = re.sub(r"\s+", "", e["title"])[:50]
        on = [i for i, p in enumerate(pages) if p.startswith(title)]
        if len(on) != 1:
            bad.append(f"{e['sheet']}: its title on {len(on)} pages")
            continue
        nxt = pages[on[0] + 1] if on[0] + 1 < n else ""
        if e["measure"] in funnels:
            if not (nxt.startswith("Funnelplot:") and "Key" in nxt and
                    "Leftoutoftheplot:" in nxt):
                bad.append(f"{e['sheet']}: the page after its table is not its funnel plot "
                           f"with its key and note ({nxt[:60]!r})")
            after = pages[on[0] + 2] if on[0] + 2 < n else ""
            if after.startswith("Funnelplot:") or "Leftoutoftheplot:" in after:
                bad.append(f"{e['sheet']}: its funnel runs onto a third page")
        elif nxt.startswith("Funnelplot:"):
            bad.append(f"{e['sheet']}: a funnel page after a sheet with no funnel")
    pages_said = f"; rendered: {with_funnel} sheets on two pages, {without} on one"

for b in bad:
    print("FAIL " + b)
if bad:
    sys.exit(1)
print(f"{with_funnel} indicator sheets with their funnel plot, key and note, "
      f"{without} saying why they have none{pages_said}")
