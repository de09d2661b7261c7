# truth_measures.awk — the year's cpp_open, cpp_started and cpp_ended rows
# derived from lscb-synth's truth file (every plan as the warehouse should
# hold it), independently of the code under test: its own date arithmetic,
# written from DESIGN.md's definitions.
#
#   awk -F, -v LA=999 -v Y=2024 -f truth_measures.awk truth.csv
#
# Prints rows in measures.csv's layout for 1 April Y-1 to 31 March Y.

function leap(y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
function mdays(y, m) { return m == 2 ? (leap(y) ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31 }
# ISO date plus n months, clamped to the month's end
function addm(s, n,    y, m, d, i, ny, nm, dim) {
    y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
    i = y * 12 + m - 1 + n; ny = int(i / 12); nm = i - ny * 12 + 1
    dim = mdays(ny, nm); if (d > dim) d = dim
    return sprintf("%04d-%02d-%02d", ny, nm, d)
}
function age(b, d,    a) {
    a = substr(d, 1, 4) - substr(b, 1, 4)
    if (substr(d, 6, 5) < substr(b, 6, 5)) a--
    return a
}
function row(bd, v) { printf "cpp_open,%s,%s,%s,%s,%d,,\n", LA, S, E, bd, v }
BEGIN {
    S = sprintf("%04d-04-01", Y - 1); E = sprintf("%04d-03-31", Y)
    ncat = split("NEG PHY SAB EMO MUL", cats, " ")
    ndur = split("0-3m 3-6m 6-12m 12-24m 24m+", durs, " ")
    nage = split("unborn|under 1|1-4|5-9|10-15|16+", ages, "|")
    ngen = split("1 2 0 9 M F U", gens, " ")
    neth = split("White Mixed Asian Black Other Not known", eths, " ")
    eths[5] = "Other"; eths[6] = "Not known"; neth = 6
}
NR == 1 { next }
{
    child = $1; st = $2; en = $3; cat = $4; birth = $5; xb = $6; g = $7; eth = $8
    gpresent[g] = 1
    # on a plan before birth: the gender row 0 appears (DESIGN: unborn is 0)
    if (birth == "" ? xb != "" : birth > st) gpresent["0"] = 1
    if (st >= S && st <= E) started++
    if (en != "" && en >= S && en <= E) ended++
    if (!(st <= E && (en == "" || en > E))) next
    # one row per child: keep the latest-starting open plan
    if (child in pstart && pstart[child] > st) next
    pstart[child] = st; pcat[child] = cat; pbirth[child] = birth; pexp[child] = xb
    pgen[child] = g; peth[child] = eth
}
END {
    for (c in pstart) {
        total++
        n_cat[pcat[c]]++
        st = pstart[c]
        if (E <= addm(st, 3)) b = "0-3m"; else if (E <= addm(st, 6)) b = "3-6m"
        else if (E < addm(st, 12)) b = "6-12m"; else if (E < addm(st, 24)) b = "12-24m"
        else b = "24m+"
        n_dur[b]++
        if (pbirth[c] == "" || pbirth[c] > E) a = "unborn"
        else { y = age(pbirth[c], E); a = y < 1 ? "under 1" : y <= 4 ? "1-4" : y <= 9 ? "5-9" : y <= 15 ? "10-15" : "16+" }
        n_age[a]++
        # a child not yet born on E is 0 (not known) on that date
        n_gen[(pbirth[c] == "" ? pexp[c] != "" : pbirth[c] > E) ? "0" : pgen[c]]++
        e = peth[c]; f = substr(e, 1, 1)
        grp = (e == "CHNE" || e == "OOTH") ? "Other" : f == "W" ? "White" : f == "M" ? "Mixed" : f == "A" ? "Asian" : f == "B" ? "Black" : "Not known"
        n_eth[grp]++
    }
    row("", total)
    for (i = 1; i <= ncat; i++) row("category=" cats[i], n_cat[cats[i]])
    for (i = 1; i <= ndur; i++) row("duration=" durs[i], n_dur[durs[i]])
    for (i = 1; i <= nage; i++) row("age=" ages[i], n_age[ages[i]])
    for (i = 1; i <= ngen; i++) if (gens[i] in gpresent) row("gender=" gens[i], n_gen[gens[i]])
    for (i = 1; i <= neth; i++) row("ethnicity=" eths[i], n_eth[eths[i]])
    printf "cpp_started,%s,%s,%s,,%d,,\n", LA, S, E, started
    printf "cpp_ended,%s,%s,%s,,%d,,\n", LA, S, E, ended
}
