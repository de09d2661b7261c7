/*
 * validate_rules.c — the 2025-26 CIN census validation rules, one SQL query
 * each, in DfE's order and with DfE's messages (data/validation-rules.tsv).
 *
 * The tables are the staged entity files, values as found (NULL when
 * empty): child, episode (CINdetails), assessment, cin_plan, s47, cpp,
 * cpp_review, each with file, line, la, year (census year) and the fields of
 * common/records.c; census has one row per census return (reference_date,
 * header_year as found).  A module's records link to their episode by
 * (la, year, child_id, referral_date), reviews to their plan by
 * cpp_start_date.  Every query returns file, line, la, year, child_id, value
 * of each failing record, and a rule checked at two levels (1104, 8715,
 * 8875: CINdetails and Section47) a seventh column, the module of the
 * record reported (validation.csv's module column; else the rule's).  Helpers (validate.c): d(x) the date or NULL;
 * ys(y)/ye(y) 1 April / 31 March of census year y; b(x) 1/0/NULL;
 * wd(a,b) working days a < d <= b; prevwd(x); weekend(x); inset/listbad/
 * listdup/listcount/listhas for code sets; upn(x, fault); alnum(x).
 *
 * Where DfE's wording leaves a choice, the comment beside the rule says what
 * was chosen; tests/validation/rules.txt has a passing and a failing case
 * of every rule.  Each row is a rule's code and its query, in the order of
 * common/vrules.c (the rules' code, type, module, field, message and
 * action, which the stats and the workbook read without transform/):
 * validate_rules_check holds the two in step.
 */
#include "transform/validate.h"

#include <string.h>

#define SEL(t, v) "SELECT " t ".file, " t ".line, " t ".la, " t ".year, " t ".child_id, " v " "
/* the same, naming the module of the record reported (rules at two levels) */
#define SELM(t, v, m) "SELECT " t ".file, " t ".line, " t ".la, " t ".year, " t ".child_id, " v \
    ", '" m "' "
#define SAME_CHILD(a, b) a ".la = " b ".la AND " a ".year = " b ".year AND " a ".child_id = " b ".child_id"
#define SAME_EP(a, b) SAME_CHILD(a, b) " AND " a ".referral_date = " b ".referral_date"
#define IN_YEAR(x, t) "(d(" x ") BETWEEN ys(" t ".year) AND ye(" t ".year))"
#define OUT_YEAR(x, t) "(d(" x ") < ys(" t ".year) OR d(" x ") > ye(" t ".year))"
/* a S47 still waiting for its conference */
#define S47_OPEN(s) "(" s ".date_initial_cpc IS NULL AND IFNULL(b(" s ".icpc_not_required), 0) = 0)"
/* unborn: no date of birth, an expected one */
#define UNBORN(c) "(" c ".birth_date IS NULL AND " c ".expected_birth_date IS NOT NULL)"

/* Rules comparing a child's records with each other sort the child's
 * records and sweep them once (window functions), never join every record
 * with every other: a child with 10,000 episodes would take 10^8 steps.
 * Each gives the rowids of the failing records, and the rule selects them
 * in file order, as the pairwise query did.  BY_CHILD partitions as
 * SAME_CHILD joins (a record without LA or ID matches nothing); 'z' sorts
 * after every date.  Only the records of children with something to
 * compare go into the sweep (OF_CHILD_IN: one look-up in the child index
 * each): most children have one record of a kind, and a window buffers
 * every row it is given. */
#define BY_CHILD "PARTITION BY la, year, child_id"
#define HAS_CHILD "la IS NOT NULL AND child_id IS NOT NULL"
/* the row of table t (unaliased) has a record of the same child in table
 * other; in its own table, another record */
#define OF_CHILD_IN(t, other)                                                                   \
    "EXISTS (SELECT 1 FROM " other " o WHERE o.la = " t ".la AND o.year = " t ".year AND "       \
    "o.child_id = " t ".child_id)"
#define OF_CHILD_IN_SAME(t)                                                                     \
    "EXISTS (SELECT 1 FROM " t " o WHERE o.la = " t ".la AND o.year = " t ".year AND "           \
    "o.child_id = " t ".child_id AND o.rowid <> " t ".rowid)"
/* records of table t starting (later, or the same day and later in the
 * file) while an earlier record of the child runs: its start is before the
 * end the earlier record gives by `end` (an SQL expression over t's
 * columns, NULL for none).  Only valid dates take part, and they sort as
 * their text: ordered by the column itself, the child index (la, year,
 * child_id, start, rowid) gives the order without a sort. */
#define STARTS_WHILE_EARLIER_RUNS(t, start, end)                                              \
    "SELECT id FROM (SELECT rowid AS id, d(" start ") AS s, max(" end ") OVER (" BY_CHILD      \
    " ORDER BY " start ", rowid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS m "       \
    "FROM " t " WHERE " HAS_CHILD " AND d(" start ") IS NOT NULL AND " OF_CHILD_IN_SAME(t)   \
    ") WHERE s < m"
/* records of table pt whose date `point` falls in a span [start_date,
 * end_date) of table st for the same child (no end: still open; an end that
 * is not a date: no span): spans sort before points on the same day, and a
 * point is inside when the latest end of the spans begun by then is after
 * it */
#define POINT_IN_SPANS(pt, point, st) POINT_IN_SPANS_TO(pt, point, st, "'z'")
/* the same, an open span ending (exclusive) at open_end, an SQL expression
 * over the span's row */
#define POINT_IN_SPANS_TO(pt, point, st, open_end)                                              \
    "SELECT id FROM (SELECT id, k, kind, max(e) OVER (" BY_CHILD " ORDER BY k, kind ROWS "       \
    "UNBOUNDED PRECEDING) AS m FROM (SELECT NULL AS id, la, year, child_id, d(start_date) AS k, " \
    "0 AS kind, CASE WHEN end_date IS NULL THEN " open_end " ELSE d(end_date) END AS e FROM " st \
    " WHERE " OF_CHILD_IN(st, pt) " UNION ALL SELECT rowid, la, year, child_id, d(" point "), 1, " \
    "NULL FROM " pt " WHERE " OF_CHILD_IN(pt, st) ") WHERE " HAS_CHILD " AND k IS NOT NULL) "     \
    "WHERE kind = 1 AND m > k"
/* records of table st (start_date, end_date present) with a start_date of
 * table pt strictly inside (start, end), for the same child: points sort
 * before spans on the same day, and the first point after a span's start
 * decides */
#define SPAN_AROUND_START(st, pt)                                                               \
    "SELECT id FROM (SELECT id, kind, e, min(CASE WHEN kind = 0 THEN k END) OVER (" BY_CHILD     \
    " ORDER BY k, kind ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS np FROM (SELECT "     \
    "NULL AS id, la, year, child_id, d(start_date) AS k, 0 AS kind, NULL AS e FROM " pt         \
    " WHERE " OF_CHILD_IN(pt, st) " UNION ALL SELECT rowid, la, year, child_id, d(start_date), " \
    "1, d(end_date) FROM " st " WHERE end_date IS NOT NULL AND " OF_CHILD_IN(st, pt) ") WHERE "  \
    HAS_CHILD " AND k IS NOT NULL) WHERE kind = 1 AND np < e"
/* records of table t (start_date, end_date) whose [start, end) meets
 * another's, both with valid dates that differ (a one-day record takes no
 * part).  A record with no end date is still open: its span runs to the
 * reference date, ye(year), inclusive (DfE 4014/8940: "<StartDate> and
 * <ReferenceDate> if <EndDate> is not present"); one starting after the
 * reference date has no span (its start is out of the period).  An end
 * that is not a date gives no span.  Among records ending after they
 * start, a record meets
 * an earlier-starting one when the latest earlier end is after its start,
 * and a later one when the next start is before its end.  A record ending
 * before it starts meets only a record strictly around it: those pairs are
 * joined, from the (rare) reversed records. */
/* the end of record a's span: its end date or, open, the day after the
 * reference date (an end that is not a date: NULL, no span) */
#define SPAN_END(a)                                                                             \
    "CASE WHEN " a "end_date IS NULL THEN date(ye(" a "year), '+1 day') ELSE d(" a "end_date) END"
#define REVERSED_PAIRS(t, id)                                                                   \
    "SELECT " id " FROM " t " r CROSS JOIN " t " n ON " SAME_CHILD("n", "r") " WHERE "          \
    "d(r.end_date) < d(r.start_date) AND d(n.start_date) < " SPAN_END("n.") " AND "             \
    "d(r.start_date) < " SPAN_END("n.") " AND d(n.start_date) < d(r.end_date)"
#define OVERLAPPING(t)                                                                          \
    "SELECT id FROM (SELECT id, s, e, max(e) OVER (" BY_CHILD " ORDER BY s, id ROWS BETWEEN "    \
    "UNBOUNDED PRECEDING AND 1 PRECEDING) AS pm, lead(s) OVER (" BY_CHILD " ORDER BY s, id) "   \
    "AS ns FROM (SELECT rowid AS id, la, year, child_id, d(start_date) AS s, " SPAN_END("")     \
    " AS e FROM " t " WHERE " HAS_CHILD " AND " OF_CHILD_IN_SAME(t) ") WHERE s < e) WHERE "     \
    "pm > s OR ns < e UNION " REVERSED_PAIRS(t, "r.rowid") " UNION " REVERSED_PAIRS(t, "n.rowid")


const struct vrule_sql vrule_sqls[] = {
    /* The reference date must be 31 March of the collection year (header Year;
     * a return without Year is judged on its reference date alone), or, for a
     * part-year extract validated with --period-end, that date.  CSV extracts
     * carry no header and are not judged. */
    {"100",
     "SELECT file, NULL, la, year, NULL, reference_date FROM census WHERE reference_date IS "
     "NOT NULL AND (d(reference_date) IS NULL OR reference_date <> ye(year) OR "
     "(header_year IS NOT NULL AND substr(reference_date, 1, 4) <> header_year))"},
    {"1103",
     SEL("a", "a.start_date") "FROM assessment a WHERE d(a.start_date) < d(a.referral_date)"},
    /* both levels: CINdetails and Section47, each row naming its module */
    {"1104",
     SELM("e", "e.date_initial_cpc", "CINdetails") "FROM episode e WHERE "
     "d(e.date_initial_cpc) < d(e.referral_date) UNION ALL "
     SELM("s", "s.date_initial_cpc", "Section47") "FROM s47 s WHERE d(s.date_initial_cpc) < "
     "d(s.referral_date)"},
    {"1105",
     SEL("p", "p.start_date") "FROM cpp p WHERE d(p.start_date) < d(p.referral_date)"},
    {"1510",
     SEL("c", "NULL") "FROM child c WHERE upn(c.upn, 'check')"},
    {"1520",
     SEL("c", "NULL") "FROM child c WHERE c.upn IS NOT NULL AND EXISTS (SELECT 1 FROM child "
     "o WHERE o.la = c.la AND o.year = c.year AND o.upn = c.upn AND o.rowid <> c.rowid)"},
    /* a recognised LA code: data/la-codes.csv, English and Welsh authorities
     * and DfE's pseudo-LA codes 001-005 and 701-708 */
    {"1530",
     SEL("c", "NULL") "FROM child c WHERE c.upn IS NOT NULL AND upn(c.upn, 'la')"},
    /* a UPN shorter than 12 characters has characters 5-12 missing: this rule */
    {"1540",
     SEL("c", "NULL") "FROM child c WHERE c.upn IS NOT NULL AND upn(c.upn, 'digits')"},
    /* character 13 is a digit or a check letter (temporary UPNs); a UPN not
     * 13 characters long has no recognisable 13th: this rule */
    {"1550",
     SEL("c", "NULL") "FROM child c WHERE c.upn IS NOT NULL AND upn(c.upn, 'last')"},
    /* wrongly formatted: not 13 characters, a letter not a check letter,
     * characters 2-12 not digits, a bad 13th or a wrong check letter */
    {"1560Q",
     SEL("c", "NULL") "FROM child c WHERE c.former_upn IS NOT NULL AND "
     "upn(c.former_upn, 'format')"},
    {"1570",
     SEL("c", "c.child_id") "FROM child c WHERE length(c.child_id) > 20"},
    {"1580",
     SEL("c", "c.child_id") "FROM child c WHERE c.child_id IS NOT NULL AND NOT "
     "alnum(c.child_id)"},
    /* per episode: plans starting in the year against conferences held in the
     * year at either level */
    {"2883",
     "SELECT e.file, e.line, e.la, e.year, e.child_id, np || ' plans, ' || nc || ' "
     "conferences' FROM (SELECT e.*, (SELECT count(*) FROM cpp p WHERE " SAME_EP("p", "e")
     " AND " IN_YEAR("p.start_date", "p") ") AS np, (SELECT count(*) FROM s47 s WHERE "
     SAME_EP("s", "e") " AND " IN_YEAR("s.date_initial_cpc", "s") ") + IFNULL(" IN_YEAR(
         "e.date_initial_cpc", "e") ", 0) AS nc FROM episode e) e WHERE np > nc"},
    /* the same conference date at CINdetails level and in one of the
     * episode's Section47 modules */
    {"2884",
     SEL("e", "e.date_initial_cpc") "FROM episode e WHERE e.date_initial_cpc IS NOT NULL AND "
     "EXISTS (SELECT 1 FROM s47 s WHERE " SAME_EP("s", "e") " AND s.date_initial_cpc = "
     "e.date_initial_cpc)"},
    /* plans starting in the census year need a conference (either level) of
     * their episode on their start date; earlier plans' conferences are in
     * earlier returns */
    {"2885",
     SEL("p", "p.start_date") "FROM cpp p WHERE " IN_YEAR("p.start_date", "p")
     " AND NOT EXISTS (SELECT 1 FROM s47 s WHERE " SAME_EP("s", "p") " AND "
     "d(s.date_initial_cpc) = d(p.start_date)) AND NOT EXISTS (SELECT 1 FROM episode e "
     "WHERE " SAME_EP("e", "p") " AND d(e.date_initial_cpc) = d(p.start_date))"},
    /* no sex recorded: Sex U, or (no Sex) GenderCurrent 0 or 9 of earlier
     * schemas, or neither returned; unborn children left out of both counts */
    {"2886Q",
     "SELECT k.file, NULL, k.la, k.year, NULL, printf('%.1f%%', 100.0 * nu / n) FROM returns "
     "k JOIN (SELECT la, year, count(*) AS n, sum(sex = 'U' OR (sex IS NULL AND "
     "(gender IS NULL OR gender IN ('0', '9')))) AS nu FROM child c WHERE NOT " UNBORN("c") " GROUP BY la, year) g ON g.la = "
     "k.la AND g.year = k.year WHERE 100.0 * nu > 2.0 * n"},
    /* codes other than NONE, over the whole return */
    {"2887Q",
     "WITH RECURSIVE split(la, year, code, rest) AS (SELECT la, year, NULL, disabilities || "
     "';' FROM child WHERE disabilities IS NOT NULL UNION ALL SELECT la, year, substr(rest, "
     "1, instr(rest, ';') - 1), substr(rest, instr(rest, ';') + 1) FROM split WHERE rest <> "
     "'') SELECT k.file, NULL, k.la, k.year, NULL, (SELECT count(DISTINCT code) FROM split s "
     "WHERE s.la = k.la AND s.year = k.year AND code IS NOT NULL AND code <> 'NONE') || ' "
     "codes' AS v FROM returns k WHERE (SELECT count(DISTINCT code) FROM split s WHERE s.la "
     "= k.la AND s.year = k.year AND code IS NOT NULL AND code <> 'NONE') < 8"},
    /* fires when some child has a disability other than NONE and no child
     * has two or more */
    {"2888Q",
     "SELECT k.file, NULL, k.la, k.year, NULL, NULL FROM returns k WHERE EXISTS (SELECT 1 "
     "FROM child c WHERE c.la = k.la AND c.year = k.year AND c.disabilities IS NOT NULL AND "
     "NOT listhas(c.disabilities, 'NONE')) AND NOT EXISTS (SELECT 1 FROM child c WHERE c.la "
     "= k.la AND c.year = k.year AND listcount(c.disabilities) > 1)"},
    {"2889",
     SEL("s", "s.start_date") "FROM s47 s WHERE d(s.start_date) < d(s.referral_date)"},
    /* DfE: an episode closed RC8/RC9 cannot have a Section47, a protection
     * plan, a CINdetails-level DateOfInitialCPC or a CIN plan (assessments
     * are what RC8/RC9 close after) */
    {"2990",
     SEL("e", "e.closure_reason") "FROM episode e WHERE e.closure_reason IN ('RC8', 'RC9') "
     "AND (e.date_initial_cpc IS NOT NULL OR EXISTS (SELECT 1 FROM cin_plan x WHERE "
     SAME_EP("x", "e") ") OR EXISTS (SELECT 1 "
     "FROM s47 x WHERE " SAME_EP("x", "e") ") OR EXISTS (SELECT 1 FROM cpp x WHERE "
     SAME_EP("x", "e") "))"},
    {"2991Q",
     SEL("s", "s.start_date") "FROM s47 s WHERE NOT EXISTS (SELECT 1 FROM assessment a WHERE "
     SAME_EP("a", "s") ")"},
    {"4000",
     SEL("x", "x.start_date") "FROM cin_plan x WHERE EXISTS (SELECT 1 FROM episode e WHERE "
     SAME_EP("e", "x") " AND b(e.referral_nfa) = 1)"},
    /* DfE: an episode with a plan that has no CPPendDate cannot also have a
     * CIN plan with no CINPlanEndDate (both open); each such CIN plan is
     * reported.  4016 covers a CIN plan starting inside a plan. */
    {"4001",
     SEL("x", "x.start_date") "FROM cin_plan x WHERE x.end_date IS NULL AND EXISTS (SELECT 1 "
     "FROM cpp p WHERE " SAME_EP("p", "x") " AND p.end_date IS NULL)"},
    /* review strictly inside an open CIN plan: start <= review < end (or no end) */
    {"4003",
     SEL("r", "r.review_date") "FROM cpp_review r WHERE r.rowid IN ("
     POINT_IN_SPANS("cpp_review", "review_date", "cin_plan") ")"},
    {"4004",
     SEL("x", "x.start_date") "FROM cin_plan x WHERE x.end_date IS NULL AND EXISTS (SELECT 1 "
     "FROM cin_plan y WHERE " SAME_CHILD("y", "x") " AND y.end_date IS NULL AND y.rowid <> "
     "x.rowid)"},
    {"4008",
     SEL("x", "x.start_date") "FROM cin_plan x WHERE EXISTS (SELECT 1 FROM child c WHERE "
     SAME_CHILD("c", "x") " AND d(x.start_date) > d(c.death_date))"},
    {"4009Q",
     SEL("x", "x.end_date") "FROM cin_plan x WHERE EXISTS (SELECT 1 FROM child c WHERE "
     SAME_CHILD("c", "x") " AND d(x.end_date) > d(c.death_date))"},
    /* out of period: after 31 March (a plan open on 1 April started before) */
    {"4010",
     SEL("x", "x.start_date") "FROM cin_plan x WHERE d(x.start_date) IS NULL OR "
     "d(x.start_date) > ye(x.year)"},
    {"4011",
     SEL("x", "x.end_date") "FROM cin_plan x WHERE d(x.end_date) < d(x.start_date)"},
    {"4012Q",
     SEL("x", "x.end_date") "FROM cin_plan x WHERE d(x.end_date) = d(x.start_date)"},
    {"4013",
     SEL("x", "x.end_date") "FROM cin_plan x WHERE x.end_date IS NOT NULL AND "
     "(d(x.end_date) IS NULL OR " OUT_YEAR("x.end_date", "x") ")"},
    /* DfE: where there is more than one CINplanDates group, the start of
     * each cannot fall within another's start to end or, with no end, its
     * start to the reference date.  Read: two CIN plans of the child
     * overlap as [start, end), an open plan (no end date) running to 31
     * March inclusive, so a plan starting while an open one runs fails;
     * a plan may start the day another ends; both plans are reported */
    {"4014",
     SEL("x", "x.start_date") "FROM cin_plan x WHERE x.rowid IN (" OVERLAPPING("cin_plan") ")"},
    {"4015",
     SEL("x", "x.start_date") "FROM cin_plan x WHERE d(x.start_date) < d(x.referral_date)"},
    /* 4016 (DfE): a CIN plan's start cannot fall within any of the child's
     * plans, from CPPstartDate to CPPendDate or, with no end, to the
     * reference date, unless it is that plan's end date: CPP start <= CIN
     * start < CPP end, or CPP start <= CIN start <= 31 March.  4017: a plan
     * starts inside a CIN plan that has an end date (CIN start < CPP start <
     * CIN end).  4001 covers both open in one episode. */
    {"4016",
     SEL("x", "x.start_date") "FROM cin_plan x WHERE x.rowid IN ("
     POINT_IN_SPANS_TO("cin_plan", "start_date", "cpp", "date(ye(year), '+1 day')") ")"},
    {"4017",
     SEL("x", "x.end_date") "FROM cin_plan x WHERE x.rowid IN ("
     SPAN_AROUND_START("cin_plan", "cpp") ")"},
    /* Sex and GenderCurrent are staged apart: Sex must be M, F or U; a return
     * of an earlier schema gives GenderCurrent instead, which must be 1, 2, 0
     * or 9 (accepted in place of Sex).  Neither given, or either outside its
     * own codes (<Sex>1</Sex>, <GenderCurrent>M</GenderCurrent>), fails. */
    {"4180",
     SEL("c", "IFNULL(c.sex, c.gender)") "FROM child c WHERE (c.sex IS NULL AND c.gender IS "
     "NULL) OR c.sex NOT IN ('M', 'F', 'U') OR c.gender NOT IN ('1', '2', '0', '9')"},
    {"4220",
     SEL("c", "c.ethnicity") "FROM child c WHERE NOT inset(c.ethnicity, 'ethnicity')"},
    {"8500",
     "SELECT file, line, la, year, NULL, NULL FROM child WHERE child_id IS NULL"},
    /* every record of the ID is reported; the transform keeps the first */
    {"8510",
     SEL("c", "c.child_id") "FROM child c WHERE c.child_id IS NOT NULL AND EXISTS (SELECT 1 "
     "FROM child o WHERE " SAME_CHILD("o", "c") " AND o.rowid <> c.rowid)"},
    {"8520",
     SEL("c", "NULL") "FROM child c WHERE d(c.birth_date) > ye(c.year)"},
    {"8525Q",
     SEL("c", "NULL") "FROM child c WHERE (c.birth_date IS NULL) = (c.expected_birth_date IS "
     "NULL)"},
    /* 1 March to 31 December of the year the census year ends */
    {"8530Q",
     SEL("c", "NULL") "FROM child c WHERE c.expected_birth_date IS NOT NULL AND "
     "(d(c.expected_birth_date) IS NULL OR d(c.expected_birth_date) NOT BETWEEN "
     "printf('%04d-03-01', c.year) AND printf('%04d-12-31', c.year))"},
    {"8535Q",
     SEL("c", "NULL") "FROM child c WHERE d(c.death_date) < d(c.birth_date)"},
    /* DfE: for a child with a date of birth and at least one referral with
     * ReferralNFA false (or 0), Disability must be present and every code
     * valid; unborn children and NFA-only children are not judged */
    {"8540",
     SEL("c", "c.disabilities") "FROM child c WHERE c.birth_date IS NOT NULL AND EXISTS "
     "(SELECT 1 FROM episode e WHERE " SAME_CHILD("e", "c") " AND b(e.referral_nfa) = 0) AND "
     "(c.disabilities IS NULL OR listbad(c.disabilities, 'disability'))"},
    {"8545Q",
     SEL("c", "NULL") "FROM child c WHERE c.death_date IS NOT NULL AND (d(c.death_date) IS "
     "NULL OR " OUT_YEAR("c.death_date", "c") ")"},
    {"8555Q",
     SEL("e", "e.referral_date") "FROM episode e WHERE EXISTS (SELECT 1 FROM child c WHERE "
     SAME_CHILD("c", "e") " AND d(e.referral_date) > d(c.death_date))"},
    /* any date of the episode's modules after its closure date */
    {"8565",
     "SELECT e.file, e.line, e.la, e.year, e.child_id, e.closure_date FROM episode e WHERE "
     "d(e.closure_date) IS NOT NULL AND (EXISTS (SELECT 1 FROM assessment a WHERE "
     SAME_EP("a", "e") " AND (d(a.start_date) > d(e.closure_date) OR d(a.authorisation_date) > "
     "d(e.closure_date))) OR EXISTS (SELECT 1 FROM cin_plan x WHERE " SAME_EP("x", "e")
     " AND (d(x.start_date) > d(e.closure_date) OR d(x.end_date) > d(e.closure_date))) OR "
     "EXISTS (SELECT 1 FROM s47 s WHERE " SAME_EP("s", "e") " AND (d(s.start_date) > "
     "d(e.closure_date) OR d(s.date_initial_cpc) > d(e.closure_date))) OR EXISTS (SELECT 1 "
     "FROM cpp p WHERE " SAME_EP("p", "e") " AND (d(p.start_date) > d(e.closure_date) OR "
     "d(p.end_date) > d(e.closure_date))) OR EXISTS (SELECT 1 FROM cpp_review r WHERE "
     SAME_EP("r", "e") " AND d(r.review_date) > d(e.closure_date)) OR d(e.date_initial_cpc) "
     "> d(e.closure_date))"},
    {"8568",
     SEL("e", "e.referral_nfa") "FROM episode e WHERE b(e.referral_nfa) IS NULL"},
    /* referral before the last working day before 1 April, flagged NFA */
    {"8569Q",
     SEL("e", "e.referral_date") "FROM episode e WHERE b(e.referral_nfa) = 1 AND "
     "d(e.referral_date) < prevwd(ys(e.year))"},
    {"8585Q",
     SEL("e", "e.closure_reason") "FROM episode e WHERE e.closure_reason = 'RC2' AND NOT "
     "EXISTS (SELECT 1 FROM child c WHERE " SAME_CHILD("c", "e") " AND c.death_date IS NOT "
     "NULL)"},
    {"8590",
     SEL("c", "NULL") "FROM child c WHERE NOT EXISTS (SELECT 1 FROM episode e WHERE "
     SAME_CHILD("e", "c") ")"},
    {"8600",
     SEL("e", "e.referral_date") "FROM episode e WHERE d(e.referral_date) IS NULL OR "
     "d(e.referral_date) > ye(e.year)"},
    /* 40 weeks = 280 days before the date of birth, or the expected one */
    {"8606",
     SEL("e", "e.referral_date") "FROM episode e WHERE EXISTS (SELECT 1 FROM child c WHERE "
     SAME_CHILD("c", "e") " AND d(e.referral_date) < date(IFNULL(d(c.birth_date), "
     "d(c.expected_birth_date)), '-280 days'))"},
    {"8608",
     SEL("a", "a.start_date") "FROM assessment a WHERE d(a.start_date) > "
     "d(a.authorisation_date)"},
    {"8610",
     SEL("e", "NULL") "FROM episode e WHERE b(e.referral_nfa) = 0 AND e.primary_need IS "
     "NULL"},
    {"8614",
     SEL("a", "a.factors") "FROM assessment a WHERE a.factors IS NOT NULL AND "
     "a.authorisation_date IS NULL"},
    /* for an enquiry with a conference: start missing, or after it */
    {"8615",
     SEL("s", "s.start_date") "FROM s47 s WHERE d(s.start_date) IS NULL OR "
     "d(s.start_date) > d(s.date_initial_cpc)"},
    {"8620",
     SEL("e", "e.closure_date") "FROM episode e WHERE e.closure_date IS NOT NULL AND "
     "(d(e.closure_date) IS NULL OR " OUT_YEAR("e.closure_date", "e") ")"},
    {"8630",
     SEL("e", "e.closure_date") "FROM episode e WHERE d(e.closure_date) < "
     "d(e.referral_date)"},
    {"8640",
     SEL("e", "e.closure_reason") "FROM episode e WHERE e.closure_reason IS NOT NULL AND NOT "
     "inset(e.closure_reason, 'closure')"},
    {"8650",
     SEL("e", "e.primary_need") "FROM episode e WHERE e.primary_need IS NOT NULL AND NOT "
     "inset(e.primary_need, 'need')"},
    {"8670Q",
     SEL("a", "a.start_date") "FROM assessment a WHERE a.authorisation_date IS NULL AND "
     "wd(a.start_date, ye(a.year)) > 45"},
    /* no conference and the ICPC-not-required flag not set */
    {"8675Q",
     SEL("s", "s.start_date") "FROM s47 s WHERE " S47_OPEN("s") " AND wd(s.start_date, "
     "ye(s.year)) > 15"},
    {"8696",
     SEL("a", "a.authorisation_date") "FROM assessment a WHERE a.authorisation_date IS NOT "
     "NULL AND (d(a.authorisation_date) IS NULL OR " OUT_YEAR("a.authorisation_date", "a")
     ")"},
    /* both levels, each row naming its module.  DfE's text names the
     * Section47 item only; the literal reading checks the CINdetails-level
     * DateOfInitialCPC too (the same data item, returned at that level) */
    {"8715",
     SELM("s", "s.date_initial_cpc", "Section47") "FROM s47 s WHERE s.date_initial_cpc IS "
     "NOT NULL AND (d(s.date_initial_cpc) IS NULL OR " OUT_YEAR("s.date_initial_cpc", "s")
     ") UNION ALL " SELM("e", "e.date_initial_cpc", "CINdetails") "FROM episode e WHERE "
     "e.date_initial_cpc IS NOT NULL AND (d(e.date_initial_cpc) IS NULL OR "
     OUT_YEAR("e.date_initial_cpc", "e") ")"},
    {"8720",
     SEL("p", "p.start_date") "FROM cpp p WHERE d(p.start_date) IS NULL OR d(p.start_date) > "
     "ye(p.year)"},
    {"8730",
     SEL("p", "NULL") "FROM cpp p WHERE p.previous_plans IS NULL"},
    {"8736",
     SEL("a", "a.start_date") "FROM assessment a WHERE a.authorisation_date IS NULL AND "
     "d(a.start_date) IS NOT NULL AND " OUT_YEAR("a.start_date", "a")},
    /* no conference held (whatever the not-required flag says) */
    {"8740",
     SEL("s", "s.start_date") "FROM s47 s WHERE s.date_initial_cpc IS NULL AND "
     "d(s.start_date) IS NOT NULL AND " OUT_YEAR("s.start_date", "s")},
    /* Sex U; a return of an earlier schema without Sex: GenderCurrent 0 (not
     * known) or 9 (not specified) */
    {"8750",
     SEL("c", "IFNULL(c.sex, c.gender)") "FROM child c WHERE " UNBORN("c") " AND NOT "
     "(IFNULL(c.sex, '') = 'U' OR (c.sex IS NULL AND IFNULL(c.gender, '') IN ('0', '9')))"},
    /* school age: 6 to 15 on the reference date (born after 31 March Y-16 and
     * on or before 31 March Y-6) */
    {"8770Q",
     SEL("c", "NULL") "FROM child c WHERE d(c.birth_date) <= date(ye(c.year), '-6 years') AND "
     "d(c.birth_date) > date(ye(c.year), '-16 years') AND c.upn IS NULL AND "
     "IFNULL(c.upn_unknown, 'UN1') = 'UN1'"},
    {"8772",
     SEL("c", "c.upn_unknown") "FROM child c WHERE c.upn_unknown = 'UN7' AND EXISTS (SELECT "
     "1 FROM episode e WHERE " SAME_CHILD("e", "c") " AND b(e.referral_nfa) = 0)"},
    /* DfE: born more than 25 years before the reference date, and an
     * episode not closed, or closed after the 25th birthday (a child with
     * no episode is rule 8590's) */
    {"8775Q",
     SEL("c", "NULL") "FROM child c WHERE d(c.birth_date) < date(ye(c.year), '-25 years') AND "
     "EXISTS (SELECT 1 FROM episode e WHERE " SAME_CHILD("e", "c") " AND (e.closure_date IS "
     "NULL OR d(e.closure_date) > date(d(c.birth_date), '+25 years')))"},
    {"8790",
     SEL("c", "c.disabilities") "FROM child c WHERE listhas(c.disabilities, 'NONE') AND "
     "replace(replace(c.disabilities, 'NONE', ''), ';', '') <> ''"},
    {"8794",
     SEL("c", "c.disabilities") "FROM child c WHERE listdup(c.disabilities)"},
    {"8805",
     SEL("e", "e.closure_date") "FROM episode e WHERE e.closure_date IS NOT NULL AND "
     "e.closure_reason IS NULL"},
    {"8810",
     SEL("e", "e.closure_reason") "FROM episode e WHERE e.closure_reason IS NOT NULL AND "
     "e.closure_date IS NULL"},
    /* open: no closure date; NFA referrals (flag true) are left out */
    {"8815",
     SEL("e", "e.referral_date") "FROM episode e WHERE e.closure_date IS NULL AND "
     "IFNULL(b(e.referral_nfa), 0) = 0 AND EXISTS (SELECT 1 FROM episode o WHERE "
     SAME_CHILD("o", "e") " AND o.rowid <> e.rowid AND o.closure_date IS NULL AND "
     "IFNULL(b(o.referral_nfa), 0) = 0)"},
    /* (the raw comparison, implied by the dates', lets the index seek to
     * the later referrals: valid dates sort as their text does) */
    {"8816",
     SEL("e", "e.referral_date") "FROM episode e WHERE e.closure_date IS NULL AND "
     "IFNULL(b(e.referral_nfa), 0) = 0 AND EXISTS (SELECT 1 FROM episode o WHERE "
     SAME_CHILD("o", "e") " AND o.referral_date > e.referral_date AND d(o.referral_date) > "
     "d(e.referral_date))"},
    /* a later (or same-day) referral before this episode's closure, or while
     * it is open; the later episode is reported */
    {"8820",
     SEL("e", "e.referral_date") "FROM episode e WHERE e.rowid IN ("
     STARTS_WHILE_EARLIER_RUNS("episode", "referral_date", "IFNULL(d(closure_date), '9999-12-31')") ")"},
    {"8825Q",
     SEL("e", "e.closure_reason") "FROM episode e WHERE e.closure_reason IN ('RC8', 'RC9') "
     "AND NOT EXISTS (SELECT 1 FROM assessment a WHERE " SAME_EP("a", "e") ")"},
    /* DfE: an NFA episode cannot have an AssessmentActualStartDate or
     * AssessmentAuthorisationDate, an S47ActualStartDate or a (CINdetails-
     * level) DateOfInitialCPC.  CIN plans are rule 4000's, plans 8832's. */
    {"8831",
     SEL("e", "e.referral_nfa") "FROM episode e WHERE b(e.referral_nfa) = 1 AND "
     "(e.date_initial_cpc IS NOT NULL OR EXISTS (SELECT 1 FROM assessment x WHERE "
     SAME_EP("x", "e") " AND (x.start_date IS NOT NULL OR x.authorisation_date IS NOT NULL)) "
     "OR EXISTS (SELECT 1 FROM s47 x WHERE " SAME_EP("x", "e") " AND x.start_date IS NOT "
     "NULL))"},
    /* DfE: no protection plan module in an NFA episode (a CINdetails-level
     * conference is 8831's) */
    {"8832",
     SEL("e", "e.referral_nfa") "FROM episode e WHERE b(e.referral_nfa) = 1 AND EXISTS "
     "(SELECT 1 FROM cpp x WHERE " SAME_EP("x", "e") ")"},
    {"8839",
     SEL("s", "s.start_date") "FROM s47 s WHERE " S47_OPEN("s") " AND EXISTS (SELECT 1 FROM "
     "s47 o WHERE " SAME_EP("o", "s") " AND o.rowid <> s.rowid AND " S47_OPEN("o") ")"},
    {"8840",
     SEL("p", "p.end_date") "FROM cpp p WHERE d(p.end_date) = d(p.start_date)"},
    {"8841",
     SEL("r", "r.review_date") "FROM cpp_review r WHERE d(r.review_date) <= "
     "d(r.cpp_start_date)"},
    {"8842Q",
     SEL("r", "NULL") "FROM cpp_review r WHERE r.review_date IS NULL"},
    /* across the child's episodes: one starts (later, or same day and later
     * in the file) while an earlier one has no end date or ends after it */
    {"8863Q",
     SEL("a", "a.start_date") "FROM assessment a WHERE a.rowid IN ("
     STARTS_WHILE_EARLIER_RUNS("assessment", "start_date", "IFNULL(d(authorisation_date), '9999-12-31')") ")"},
    {"8866",
     SEL("e", "e.referral_source") "FROM episode e WHERE NOT inset(e.referral_source, "
     "'source')"},
    {"8867",
     SEL("a", "a.start_date") "FROM assessment a WHERE a.authorisation_date IS NULL AND "
     "EXISTS (SELECT 1 FROM episode e WHERE " SAME_EP("e", "a") " AND e.closure_date IS NOT "
     "NULL)"},
    {"8868",
     SEL("s", "s.start_date") "FROM s47 s WHERE " S47_OPEN("s") " AND EXISTS (SELECT 1 FROM "
     "episode e WHERE " SAME_EP("e", "s") " AND e.closure_date IS NOT NULL)"},
    {"8869",
     SEL("a", "a.factors") "FROM assessment a WHERE listhas(a.factors, '21') AND "
     "listcount(a.factors) > 1"},
    {"8870Q",
     SEL("s", "s.icpc_target_date") "FROM s47 s WHERE weekend(s.icpc_target_date) = 1"},
    /* the episode is closed, its only assessment completed with factors
     * exactly "21", and the reason is not RC8/RC9.  DfE's text does not say
     * whether an open episode (no reason yet) is judged: the literal reading
     * judges only a reason for closure that is there, so open episodes pass */
    {"8873Q",
     SEL("e", "e.closure_reason") "FROM episode e WHERE e.closure_date IS NOT NULL AND "
     "IFNULL(e.closure_reason, '') NOT IN ('RC8', 'RC9') AND (SELECT count(*) FROM "
     "assessment a WHERE " SAME_EP("a", "e") ") = 1 AND EXISTS (SELECT 1 FROM assessment a "
     "WHERE " SAME_EP("a", "e") " AND a.authorisation_date IS NOT NULL AND a.factors = "
     "'21')"},
    /* both levels, each row naming its module; as 8715, the literal
     * reading checks the CINdetails-level conference date too */
    {"8875",
     SELM("s", "s.date_initial_cpc", "Section47") "FROM s47 s WHERE "
     "weekend(s.date_initial_cpc) = 1 UNION ALL " SELM("e", "e.date_initial_cpc", "CINdetails")
     "FROM episode e WHERE weekend(e.date_initial_cpc) = 1"},
    /* across the child's episodes: an enquiry starts (later, or same day and
     * later in the file) while another waits for its conference or before
     * the other's conference date */
    {"8890",
     SEL("s", "s.start_date") "FROM s47 s WHERE s.rowid IN ("
     STARTS_WHILE_EARLIER_RUNS("s47", "start_date", "CASE WHEN " S47_OPEN("s47") " THEN 'z' ELSE "
     "d(date_initial_cpc) END") ")"},
    {"8896",
     SEL("a", "a.start_date") "FROM assessment a WHERE a.authorisation_date IS NULL AND "
     "EXISTS (SELECT 1 FROM assessment o WHERE " SAME_EP("o", "a") " AND o.rowid <> a.rowid "
     "AND o.authorisation_date IS NULL)"},
    {"8897Q",
     SEL("a", "a.authorisation_date") "FROM assessment a WHERE a.authorisation_date IS NOT "
     "NULL AND a.factors IS NULL"},
    {"8898",
     SEL("a", "a.factors") "FROM assessment a WHERE listdup(a.factors)"},
    {"8905",
     SEL("p", "p.initial_category") "FROM cpp p WHERE NOT inset(p.initial_category, "
     "'category')"},
    {"8910",
     SEL("p", "p.latest_category") "FROM cpp p WHERE NOT inset(p.latest_category, "
     "'category')"},
    {"8915",
     SEL("p", "p.start_date") "FROM cpp p WHERE EXISTS (SELECT 1 FROM child c WHERE "
     SAME_CHILD("c", "p") " AND d(p.start_date) > d(c.death_date))"},
    {"8920",
     SEL("p", "p.end_date") "FROM cpp p WHERE EXISTS (SELECT 1 FROM child c WHERE "
     SAME_CHILD("c", "p") " AND d(p.end_date) > d(c.death_date))"},
    {"8925",
     SEL("p", "p.end_date") "FROM cpp p WHERE d(p.end_date) < d(p.start_date)"},
    {"8930",
     SEL("p", "p.end_date") "FROM cpp p WHERE p.end_date IS NOT NULL AND (d(p.end_date) IS "
     "NULL OR " OUT_YEAR("p.end_date", "p") ")"},
    {"8935",
     SEL("p", "p.start_date") "FROM cpp p WHERE p.end_date IS NULL AND EXISTS (SELECT 1 FROM "
     "cpp o WHERE " SAME_CHILD("o", "p") " AND o.rowid <> p.rowid AND o.end_date IS NULL)"},
    /* as 4014 (DfE's text the same for ChildProtectionPlans): [start, end)
     * of two plans of the child meet, an open plan (no end date) running
     * to 31 March inclusive; both are reported.  Two open plans fail here
     * as well as 8935 */
    {"8940",
     SEL("p", "p.start_date") "FROM cpp p WHERE p.rowid IN (" OVERLAPPING("cpp") ")"},
    {"8945Q",
     SEL("a", "a.factors") "FROM assessment a WHERE listhas(a.factors, '18A')"},
    {"8950Q",
     SEL("a", "a.factors") "FROM assessment a WHERE listhas(a.factors, '19A')"},
};


const size_t vrule_sqls_count = sizeof vrule_sqls / sizeof vrule_sqls[0];
