#!/usr/bin/env python3
"""Writes the bad-input corpus: tests/corpus/cases/* and tests/corpus/expected.tsv.

Each case is one file and one line of expected.tsv:
    name <TAB> how <TAB> exit code <TAB> what stderr (exit != 0) or rejects.csv (exit 0) must contain
how: "run" (lscb-run --la 205 with the file as its only input), "run+census"
(the same with the hand-built census returns too), "template"
(lscb-report with the file as template), "published" (lscb-stats
--published with the file as the one published table), "population",
"neighbours" (an SN model file), "config".
Run once by hand when the corpus changes; its output is committed (the
tests do not need Python)."""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "corpus")
CASES = os.path.join(OUT, "cases")
os.makedirs(CASES, exist_ok=True)
for f in os.listdir(CASES):
    os.remove(os.path.join(CASES, f))
rows = []

def case(name, data, how, code, expect):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(CASES, name), mode) as fh:
        fh.write(data)
    rows.append((name, how, str(code), expect))

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n<Header><CollectionDetails>'
        '<Year>2024</Year><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails>'
        '<Source><LEA>205</LEA></Source></Header>\n<Children>\n')
TAIL = '</Children>\n</Message>\n'

def child(cid="C1", birth="2015-01-01", gender="1", eth="WBRI", episodes=None):
    eps = episodes if episodes is not None else [episode()]
    return ('<Child><ChildIdentifiers><LAchildID>%s</LAchildID><PersonBirthDate>%s'
            '</PersonBirthDate><GenderCurrent>%s</GenderCurrent></ChildIdentifiers>'
            '<ChildCharacteristics><Ethnicity>%s</Ethnicity></ChildCharacteristics>\n%s'
            '</Child>\n' % (cid, birth, gender, eth, "".join(eps)))

def episode(ref="2023-05-01", closure="", extra="", nfa="false", src="4"):
    c = ('<CINclosureDate>%s</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure>'
         % closure) if closure else ""
    return ('<CINdetails><CINreferralDate>%s</CINreferralDate><ReferralSource>%s'
            '</ReferralSource>%s<ReferralNFA>%s</ReferralNFA>%s</CINdetails>\n'
            % (ref, src, c, nfa, extra))

def plan(start="2023-06-01", end="", icat="NEG", lcat="NEG", prev="0"):
    e = "<CPPendDate>%s</CPPendDate>" % end if end else ""
    return ('<ChildProtectionPlans><CPPstartDate>%s</CPPstartDate>%s<InitialCategoryOfAbuse>%s'
            '</InitialCategoryOfAbuse><LatestCategoryOfAbuse>%s</LatestCategoryOfAbuse>'
            '<NumberOfPreviousCPP>%s</NumberOfPreviousCPP></ChildProtectionPlans>'
            % (start, e, icat, lcat, prev))

GOOD = HEAD + child() + child("C2", episodes=[episode(extra=plan())]) + TAIL

# --- 1. truncated documents: every 37th byte of a good document
for i, cut in enumerate(range(40, len(GOOD) - 12, 37)):
    case("xml-truncated-%03d.xml" % i, GOOD[:cut], "run", 1, "malformed XML")

# --- 2. DOCTYPEs and entities
dtds = {
    "internal-subset": '<!DOCTYPE Message [<!ELEMENT Message ANY>]>',
    "billion-laughs": '<!DOCTYPE Message [<!ENTITY a "xxxxxxxxxx"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    "external-system": '<!DOCTYPE Message SYSTEM "file:///etc/passwd">',
    "external-public": '<!DOCTYPE Message PUBLIC "-//X//DTD X//EN" "http://example.com/x.dtd">',
    "external-entity": '<!DOCTYPE Message [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    "parameter-entity": '<!DOCTYPE Message [<!ENTITY % p SYSTEM "http://example.com/p.dtd"> %p;]>',
    "quadratic": '<!DOCTYPE Message [<!ENTITY a "' + "x" * 5000 + '">]>',
    "empty-doctype": '<!DOCTYPE Message>',
}
refs = {"billion-laughs": "&c;", "external-entity": "&xxe;", "quadratic": "&a;&a;&a;&a;"}
for name, dtd in dtds.items():
    body = GOOD.replace('<Message>', dtd + '\n<Message>', 1)
    if name in refs:
        body = body.replace('<LAchildID>C1</LAchildID>', '<LAchildID>%s</LAchildID>' % refs[name])
    # refused either at the DOCTYPE or, where libxml2 meets the entity first
    # while reading ahead, as malformed: never expanded, never fetched
    expect = "DOCTYPE"
    case("xml-doctype-%s.xml" % name, body, "run", 1, expect)
case("xml-undefined-entity.xml", GOOD.replace("C1</LAchildID>", "&nope;</LAchildID>"),
     "run", 1, "malformed XML")
case("xml-entity-in-header.xml", GOOD.replace("<LEA>205", "<LEA>&lea;205"), "run", 1,
     "malformed XML")

# --- 3. encodings
case("enc-latin1-byte.xml", GOOD.encode().replace(b"C1</LAchild", b"C\xe91</LAchild"), "run",
     1, "malformed XML")
case("enc-latin1-in-code.xml", GOOD.encode().replace(b"WBRI", b"WBR\xcd"), "run", 1,
     "malformed XML")
case("enc-overlong.xml", GOOD.encode().replace(b"C1</LAchild", b"C\xc0\xaf1</LAchild"), "run",
     1, "malformed XML")
case("enc-lone-continuation.xml", GOOD.encode().replace(b"<Children>", b"<Children>\x80"), "run",
     1, "malformed XML")
case("enc-truncated-sequence.xml", GOOD.encode().replace(b"C2</LAchild", b"C2\xe2\x82</LAchild"),
     "run", 1, "malformed XML")
case("enc-surrogate.xml", GOOD.encode().replace(b"C2</LAchild", b"C2\xed\xa0\x80</LAchild"),
     "run", 1, "malformed XML")
case("enc-nul-byte.xml", GOOD.encode().replace(b"<Children>", b"<Children>\x00"), "run", 1,
     "malformed XML")
case("enc-control-char.xml", GOOD.encode().replace(b"C1</LAchild", b"C\x011</LAchild"), "run",
     1, "malformed XML")
case("enc-utf16-bom.xml", b"\xff\xfe" + GOOD.encode("utf-16-le"), "run", 1, "")
case("enc-declared-utf16-is-utf8.xml", GOOD.replace('encoding="UTF-8"', 'encoding="UTF-16"'),
     "run", 1, "")
case("enc-mixed-latin1-declared-utf8.xml",
     GOOD.encode().replace(b"C1</LAchild", b"C\xe9\xc3\xa91</LAchild"), "run", 1, "malformed XML")
case("enc-bom-utf8-ok.xml", b"\xef\xbb\xbf" + GOOD.encode(), "run", 0, "")
case("enc-crlf-ok.xml", GOOD.replace("\n", "\r\n"), "run", 0, "")
case("enc-latin1-declared-ok.xml",
     GOOD.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1")
     .replace(b"C1</LAchild", b"C\xe91</LAchild"), "run", 0, "")

# --- 4. structure
case("struct-empty.xml", "", "run", 1, "empty")
case("struct-whitespace-only.xml", "   \n\t\n", "run", 1, "empty")
case("struct-bom-only.xml", b"\xef\xbb\xbf", "run", 1, "empty")
case("struct-wrong-root.xml", "<Return><Children/></Return>", "run", 1, "expected <Message>")
case("struct-html.xml", "<html><body>not a census</body></html>", "run", 1, "expected <Message>")
case("struct-two-roots.xml", GOOD + "<Message/>", "run", 1, "malformed XML")
case("struct-text-after-root.xml", GOOD + "trailing", "run", 1, "malformed XML")
case("struct-mismatched-tag.xml", GOOD.replace("</Child>", "</Chlid>", 1), "run", 1,
     "malformed XML")
case("struct-unclosed-attribute.xml", GOOD.replace("<Children>", '<Children a="1>'), "run", 1,
     "malformed XML")
case("struct-deep-nesting.xml", HEAD + "<x>" * 40 + "</x>" * 40 + TAIL, "run", 1,
     "nested deeper")
case("struct-very-deep-nesting.xml", HEAD + "<x>" * 3000 + "</x>" * 3000 + TAIL, "run", 1,
     "nested deeper")
case("struct-no-lea.xml", GOOD.replace("<Source><LEA>205</LEA></Source>", ""), "run", 0, "")
case("struct-bad-lea.xml", GOOD.replace("<LEA>205</LEA>", "<LEA>20X</LEA>"), "run", 1,
     "not a 3-digit LA code")
case("struct-no-year.xml", GOOD.replace("<Year>2024</Year><ReferenceDate>2024-03-31</ReferenceDate>",
     ""), "run", 1, "no census year")
case("struct-bad-reference-date.xml", GOOD.replace("<ReferenceDate>2024-03-31", "<ReferenceDate>31/03/2024"),
     "run", 1, "ReferenceDate")
case("struct-cdata-ok.xml", GOOD.replace("<LAchildID>C1</LAchildID>",
     "<LAchildID><![CDATA[C1]]></LAchildID>"), "run", 0, "")
case("struct-comments-ok.xml", GOOD.replace("<Children>", "<!-- a comment --><Children>"),
     "run", 0, "")
case("struct-pi-ok.xml", GOOD.replace("<Children>", "<?pi data?><Children>"), "run", 0, "")
case("struct-namespace-ok.xml", GOOD.replace("<Message>", '<Message xmlns="urn:x">'), "run", 0,
     "")
case("struct-not-xml.txt", "LAchildID;Ethnicity\nC1;WBRI\n", "run", 1, "not a CIN census")
case("struct-binary.bin", bytes(range(256)) * 4, "run", 1, "")
# a ZIP (a workbook given by mistake) is made by tests/corpus/run.sh: no
# workbook is committed

# --- 5. record-level problems: the run goes on, rejects.csv says why (a T rule),
# or, for a code only a breakdown reads, validation.csv does (a DfE rule: the
# record is kept with the code left empty)
def rec(name, body, rule):
    case("rec-%s.xml" % name, HEAD + body + TAIL, "run", 0, rule)

for d in ("2023-02-30", "31/03/2023", "2023-13-01", "2023-00-10", "2023-1-5", "20230501",
          " 2023-05-01x", "2023-04-31", "1900-02-29", "2023-05-01T00:00:00"):
    rec("date-%s" % d.replace("/", "_").replace(" ", "_").replace(":", "_"),
        child(episodes=[episode(ref=d)]), "T02")
rec("leap-ok", child(episodes=[episode(ref="2024-02-29")]), "")
for code in ("XXXX", "wbri", "W BRI"):
    rec("ethnicity-%s" % code.replace(" ", "_"), child(eth=code), "4220,error")
for g in ("5", "m", "Male"):
    rec("gender-%s" % g, child(gender=g), "4180,error")
for c in ("ABC", "neg", "NEGL"):
    rec("category-%s" % c, child(episodes=[episode(extra=plan(icat=c))]), "8905,error")
rec("source-99", child(episodes=[episode(src="99")]), "8866,error")
rec("nfa-yes", child(episodes=[episode(nfa="yes")]), "8568,error")
rec("previous-negative", child(episodes=[episode(extra=plan(prev="-1"))]), "T08")
rec("previous-text", child(episodes=[episode(extra=plan(prev="two"))]), "T08")
rec("plan-end-before-start", child(episodes=[episode(extra=plan("2023-06-01", "2023-05-01"))]),
    "T06")
rec("closure-before-referral", child(episodes=[episode("2023-05-01", "2023-04-01")]), "T06")
rec("death-before-birth", child().replace("</PersonBirthDate>",
    "</PersonBirthDate>").replace("<GenderCurrent>", "<PersonDeathDate>2010-01-01"
    "</PersonDeathDate><GenderCurrent>"), "T06")
rec("duplicate-child", child() + child(), "T05")
rec("duplicate-episode", child(episodes=[episode(), episode()]), "T05")
rec("duplicate-plan", child(episodes=[episode(extra=plan() + plan())]), "T05")
rec("missing-child-id", child(cid=""), "T01")
rec("missing-referral-date", child(episodes=[episode(ref="")]), "T01")
rec("missing-plan-start", child(episodes=[episode(extra=plan(start=""))]), "T01")
rec("repeated-element", child().replace("<GenderCurrent>1</GenderCurrent>",
    "<GenderCurrent>1</GenderCurrent><GenderCurrent>2</GenderCurrent>"), "T07")
rec("long-child-id", child(cid="X" * 200), "T07")
rec("cascade-bad-child", child(episodes=[episode(extra=plan())]).replace(
    "<PersonBirthDate>2015-01-01", "<PersonBirthDate>2015-02-30"), "T04")
rec("plan-without-conference-ok", child(episodes=[episode(extra=plan())]), "")
rec("unborn-ok", child().replace("<PersonBirthDate>2015-01-01</PersonBirthDate>",
    "<ExpectedPersonBirthDate>2024-06-01</ExpectedPersonBirthDate>"), "")
big = HEAD + child().replace("<LAchildID>C1</LAchildID>",
                             "<LAchildID>" + "Y" * 100000 + "</LAchildID>") + TAIL
case("rec-100k-text-node.xml", big, "run", 0, "T07")
# (a 50 MB text node and a 2 MB CSV field are made by tests/corpus/run.sh)

# --- 6. CSV extracts
CH = "LAchildID,Ethnicity,GenderCurrent,PersonBirthDate,LEA,CensusYear\n"
case("csv-wrong-column-count.csv", CH + "C1,WBRI,1,2015-01-01,205,2024\nC2,WBRI,1\n", "run", 0,
     "T09")
case("csv-extra-columns.csv", CH + "C1,WBRI,1,2015-01-01,205,2024\nC2,WBRI,1,2015-01-01,205,2024,extra\n",
     "run", 0, "T09")
case("csv-stray-quote.csv", CH + 'C1,"WBRI,1,2015-01-01,205,2024\n' + "C2,WBRI,1,2015-01-01,205,2024\n",
     "run", 1, "unterminated quote")
case("csv-quote-in-field.csv", CH + 'C1,WB"RI,1,2015-01-01,205,2024\n', "run", 1, "malformed CSV")
case("csv-embedded-newline-ok.csv", CH + '"C\n1",WBRI,1,2015-01-01,205,2024\n', "run", 0, "")
case("csv-bom-crlf-ok.csv", ("\ufeff" + CH + "C1,WBRI,1,2015-01-01,205,2024\n").replace("\n", "\r\n"),
     "run", 0, "")
case("csv-unknown-column.csv", CH.replace("PersonBirthDate", "PersonBrithDate") +
     "C1,WBRI,1,2015-01-01,205,2024\n", "run", 1, "is not a census item")
case("csv-duplicate-column.csv", "LAchildID,Ethnicity,Ethnicity,GenderCurrent\nC1,WBRI,WBRI,1\n",
     "run", 1, "given twice")
case("csv-missing-key.csv", "LAchildID,ReferralSource,ReferralNFA,LEA,CensusYear\nC1,4,0,205,2024\n",
     "run", 1, "needs a column CINreferralDate")
case("csv-two-years.csv", CH + "C1,WBRI,1,2015-01-01,205,2024\nC2,WBRI,1,2015-01-01,205,2023\n",
     "run", 1, "differs from the file's first row")
case("csv-bad-census-year.csv", CH + "C1,WBRI,1,2015-01-01,205,24\n", "run", 1,
     "is not a census year")
case("csv-spaces-kept.csv", CH + "C1, WBRI,1,2015-01-01,205,2024\n", "run", 0, "4220,error")
case("csv-bad-date.csv", CH + "C1,WBRI,1,31/03/2015,205,2024\n", "run", 0, "T02")
case("csv-orphan-plan.csv", "LAchildID,CINreferralDate,CPPstartDate,InitialCategoryOfAbuse,"
     "LatestCategoryOfAbuse,NumberOfPreviousCPP,LEA,CensusYear\nC9,2023-05-01,2023-06-01,NEG,NEG,0,205,2024\n",
     "run", 0, "T10")
case("csv-header-only.csv", CH, "run", 1, "")
case("csv-empty.csv", "", "run", 1, "empty")
case("csv-strategy-bad-outcome.csv", "la_child_id,strategy_discussion_date,outcome\nC1,2023-05-01,MAYBE\n",
     "run+census", 0, "T03")
case("csv-strategy-missing-column.csv", "la_child_id,strategy_discussion_date\nC1,2023-05-01\n",
     "run", 1, "")
case("csv-cpr3-bad-item.csv", "year,la_code,item,value\n2009,205,registrations,10\n2009,205,nonsense,5\n",
     "run+census", 0, "T03")
case("csv-cpr3-bad-value.csv", "year,la_code,item,value\n2009,205,registrations,ten\n", "run+census", 0,
     "T08")
case("csv-cpr3-bad-year.csv", "year,la_code,item,value\n09,205,registrations,10\n", "run", 1,
     "is not a year")
case("csv-cpr3-bad-la.csv", "year,la_code,item,value\n2009,Hammersmith,registrations,10\n", "run",
     1, "not a 3-digit LA code")

# --- 7. published tables, population, neighbours
PUB = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
       "region_name,old_la_code,new_la_code,la_name,category,CPP_subsequent_percent,"
       "CPP_subsequent,CPP_start\n")
ROW = "2024,Reporting year,Local authority,E92000001,England,E13000001,Inner London,205,E09000013,H&F,x,%s,%s,%s\n"
case("pub-unknown-symbol.csv", PUB + ROW % ("12.5", "5", "40") + ROW.replace("205", "206") %
     ("??", "5", "40"), "published", 1, "neither a number nor a DfE symbol")
case("pub-known-symbols-ok.csv", PUB + "".join(ROW.replace("205", str(300 + i)) % (s, s, "40")
     for i, s in enumerate(["c", "x", "z", "u", "k", ":", "..", ".", "-", "low"])), "published",
     0, "")
case("pub-thousands-ok.csv", PUB + ROW % ("12.5", '"1,205"', '"9,640"'), "published", 0, "")
case("pub-missing-column.csv", PUB.replace("CPP_subsequent_percent", "CPP_subsequent_pct") +
     ROW % ("12.5", "5", "40"), "published", 1, "no column 'CPP_subsequent_percent'")
case("pub-wrong-field-count.csv", PUB + "2024,Reporting year,Local authority\n", "published", 1,
     "fields, the header has")
case("pub-bad-year.csv", PUB + ROW.replace("2024,", "20X4,", 1) % ("1", "1", "1"), "published",
     1, "is not a year")
POP = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
       "region_name,old_la_code,new_la_code,la_name,age_group,population_estimate\n")
case("population-missing-la.csv", POP + "2023,Reporting year,Local authority,E92000001,England,"
     "E13000001,Inner London,206,E09000020,K&C,0-17,30000\n", "population", 1,
     "no mid-2023 population for LA 205")
case("population-bad-number.csv", POP + "2023,Reporting year,Local authority,E92000001,England,"
     "E13000001,Inner London,205,E09000013,H&F,0-17,lots\n", "population", 1,
     "population_estimate")
case("population-not-ons.csv", "year,la,count\n2023,205,30000\n", "population", 1,
     "not an ONS population file")
SN = "LA num,LA Name,LA number,GOInd,GOReg," + ",".join("SN%d,SNP" % i for i in range(1, 11)) + ",\n"
case("neighbours-unknown-la.csv", SN + "205,H&F,205,3,London (Inner)," +
     ",".join("%s,Close" % c for c in ["207", "ABC", "213", "202", "318", "209", "302", "314", "846", "868"]) + ",\n",
     "neighbours", 1, "is not an LA code")
case("neighbours-not-a-model.csv", "a,b,c\n1,2,3\n", "neighbours", 1,
     "not a 2021 statistical-neighbour file")
case("config-unknown-key.ini", "[authority]\nla = 205\nsn_modle = 2021\n", "config", 1,
     "unknown key 'sn_modle'")
case("config-bad-la.ini", "[authority]\nla = H&F\n", "config", 1, "not a 3-digit LA code")
case("config-list-without-neighbours.ini", "[authority]\nla = 205\nsn_model = list\n", "config",
     1, "needs neighbours")

# --- 8. broken templates
T = "[report]\ntitle = T\n[table:a]\nsheet = A\ntitle = A\n"
templates = {
    "unknown-measure": (T + "columns = cpp_opne\n", "unknown measure 'cpp_opne'"),
    "unknown-key": (T + "colums = cpp_open\n", "unknown key 'colums'"),
    "unknown-section": ("[tabel:a]\nsheet = A\n", "unknown section"),
    "no-tables": ("[report]\ntitle = T\n", "declares no [table:ID]"),
    "no-sheet": ("[table:a]\ntitle = A\ncolumns = cpp_open\n", "has no sheet"),
    "no-title": ("[table:a]\nsheet = A\ncolumns = cpp_open\n", "has no title"),
    "long-sheet": (T.replace("sheet = A", "sheet = " + "S" * 40) + "columns = cpp_open\n",
                   "must be 1-31 characters"),
    "bad-sheet-char": (T.replace("sheet = A", "sheet = A/B") + "columns = cpp_open\n",
                       "must be 1-31 characters"),
    "reserved-sheet": (T.replace("sheet = A", "sheet = Contents") + "columns = cpp_open\n",
                       "is the workbook's own"),
    # every sheet the workbook has itself, in any case (Excel ignores case):
    # the old code let these through and the report crashed adding its own
    "reserved-validation": (T.replace("sheet = A", "sheet = Validation") + "columns = cpp_open\n",
                            "is the workbook's own"),
    "reserved-lower-sources": (T.replace("sheet = A", "sheet = sources") + "columns = cpp_open\n",
                               "is the workbook's own"),
    "reserved-upper-contents": (T.replace("sheet = A", "sheet = CONTENTS") + "columns = cpp_open\n",
                                "is the workbook's own"),
    # Excel's rule the fuzz target found: libxlsxwriter refuses it
    "apostrophe-sheet": (T.replace("sheet = A", "sheet = 'A") + "columns = cpp_open\n",
                         "not beginning or ending with an apostrophe"),
    "reserved-funnel": (T.replace("sheet = A", "sheet = Funnel data") + "columns = cpp_open\n",
                        "is the workbook's own"),
    "duplicate-sheet": (T + "columns = cpp_open\n[table:b]\nsheet = A\n", "is used twice"),
    "duplicate-sheet-case": (T + "columns = cpp_open\n[table:b]\nsheet = a\ntitle = B\n"
                             "columns = cpp_open\n", "is used twice"),
    "duplicate-table": (T + "columns = cpp_open\n[table:b]\nsheet = B\n[table:a]\nsheet = C\n",
                        "defined twice"),
    "bad-id": ("[table:A B]\nsheet = A\n", "must be lower-case"),
    "bad-rows": (T + "rows = weekly\n", "unknown rows 'weekly'"),
    "bad-period-month": (T + "rows = list\nmonths = Apr Sept\ncolumns = cpp_open\n",
                         "unknown month 'Sept'"),
    "list-without-months": (T + "rows = list\ncolumns = cpp_open\n", "needs months"),
    "bad-breakdown": (T + "breakdown = colour\n", "unknown breakdown 'colour'"),
    "both-columns-and-breakdown": (T + "columns = cpp_open\nbreakdown = category\n",
                                   "not both"),
    "neither": (T + "rows = months\n", "neither columns nor a breakdown"),
    "breakdown-rows-without-breakdown": (T + "rows = breakdown\ncolumns = cpp_open\n",
                                         "rows = breakdown needs"),
    "numerator-of-count": (T + "columns = cpp_open:numerator\n", "is a count"),
    "bad-part": (T + "columns = cpp_rate:value\n", "expected numerator or denominator"),
    "bad-values": (T + "rows = breakdown\nbreakdown = age\nvalues = some\n",
                   "values must be count, pct or both"),
    "bad-bool": (T + "columns = cpp_open\ntotal = maybe\n", "must be yes or no"),
    "bad-chart": (T + "columns = cpp_open\nchart = 3d\n", "unknown chart '3d'"),
    "missing-bands": (T + "rows = breakdown\nbreakdown = age\nbands = nope\n",
                      "no [bands:nope]"),
    "bands-wrong-dimension": ("[bands:b]\nmethod = completed_months\n0 - 3 = 0 3\n" + T +
                              "rows = breakdown\nbreakdown = age\nbands = b\n",
                              "is for durations"),
    "bands-on-category": ("[bands:b]\nmethod = completed_months\n0 - 3 = 0 3\n" + T +
                          "rows = breakdown\nbreakdown = category\nbands = b\n",
                          "bands apply to duration or age"),
    "band-range-backwards": ("[bands:b]\nmethod = completed_months\n0 - 3 = 3 0\n", "band '0 - 3'"),
    "band-not-number": ("[bands:b]\nmethod = completed_months\nsmall = a b\n", "band 'small'"),
    "band-method": ("[bands:b]\nmethod = weeks\n", "unknown band method"),
    "empty-bands": ("[bands:b]\nmethod = completed_months\n" + T +
                    "rows = breakdown\nbreakdown = duration\nbands = b\n", "lists no bands"),
    "order-wrong-label": (T + "rows = breakdown\nbreakdown = category\norder = NEG, PHY, SAB, EMO, XXX\n",
                          "is not a category label"),
    "order-too-short": (T + "rows = breakdown\nbreakdown = category\norder = NEG\n",
                        "order lists 1 labels"),
    "order-on-age": (T + "rows = breakdown\nbreakdown = age\norder = unborn\n",
                     "order applies to category"),
    "labels-count": (T + "columns = cpp_open, cpp_started\nlabels = a | b\n",
                     "labels gives 2 labels"),
    "years-zero": (T + "rows = years\nyears = 0\ncolumns = cpp_rate\n", "years must be 1"),
    "bad-series": (T + "rows = years\nseries = la, county\ncolumns = cpp_rate\n",
                   "series: 'county'"),
    "bad-year": (T + "rows = comparators\nyear = next\ncolumns = cpp_rate\n",
                 "year must be current, previous or latest"),
    "years-with-breakdown": (T + "rows = years\nbreakdown = age\n", "takes columns"),
    "long-line": (T.replace("title = A", "title = " + "x" * 250) + "columns = cpp_open\n",
                  "line longer than"),
    "not-ini": ("this is not an ini file\n", "malformed line"),
    "too-many-columns": (T + "columns = " + ", ".join(["cpp_open"] * 13).replace(", ", ",\n    ") + "\n",
                         "more than 12 columns"),
}
for name, (text, msg) in templates.items():
    case("template-%s.ini" % name, text, "template", 1, msg)

with open(os.path.join(OUT, "expected.tsv"), "w") as fh:
    fh.write("# case\thow\texit\tmessage (stderr if exit != 0, else rejects.csv; empty: any)\n")
    for r in rows:
        fh.write("\t".join(r) + "\n")
print(len(rows), "cases")
