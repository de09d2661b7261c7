/* synth.c — see synth.h.  All randomness from one splitmix64 stream. */
#define _POSIX_C_SOURCE 200809L
#include "synth/synth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/csvio.h"
#include "common/date.h"
#include "common/upn.h"

struct rng {
    uint64_t s;
};

static uint64_t next(struct rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* uniform in [lo, hi] */
static int uni(struct rng *r, int lo, int hi)
{
    return lo + (int)(next(r) % (uint64_t)(hi - lo + 1));
}

static bool chance(struct rng *r, int permille)
{
    return (int)(next(r) % 1000) < permille;
}

static int pick(struct rng *r, const int *weights, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += weights[i];
    int x = uni(r, 0, total - 1);
    for (int i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

static const char *const eth_codes[] = {"WBRI", "WIRI", "WOTH", "WROM", "MWBC", "MWBA", "MWAS",
                                        "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR",
                                        "BOTH", "CHNE", "OOTH", "REFU", "NOBT"};
static const int eth_w[] = {240, 20, 100, 5, 50, 20, 20, 50, 10, 10, 30, 30, 80, 120, 40, 5,
                            60, 10, 20};
static const char *const cat_codes[] = {"NEG", "EMO", "PHY", "SAB", "MUL"};
static const int cat_w[] = {450, 350, 90, 40, 70};
static const char *const src_codes[] = {"1A", "1B", "1C", "2A", "2B", "3A", "3B", "3C", "3D",
                                        "4", "5A", "5B", "6", "7", "8", "9", "10"};
static const int src_w[] = {50, 20, 10, 180, 30, 100, 40, 40, 10, 300, 60, 40, 40, 30, 20,
                            20, 10};

struct review_list {
    lscb_date *v;
    int n;
};

struct plan_s {
    lscb_date start, end;     /* end DATE_NONE: never ends in the simulation */
    int icat, lcat;
    int previous;
    struct review_list rev;
};

struct episode_s {
    lscb_date ref, close;     /* close DATE_NONE: open at the end */
    lscb_date strategy;       /* strategy discussion, DATE_NONE if none */
    int strategy_outcome;     /* 0 S47, 1 NFA, 2 CIN */
    int src, need, reason;
    lscb_date a_start, a_auth;
    bool has_s47;
    lscb_date s_start, icpc;  /* icpc DATE_NONE: none */
    bool icpc_not_required;
    bool cin_level_icpc;      /* conference returned at CINdetails level, no Section47
                                 module (an enquiry made elsewhere; rule 2884 forbids
                                 both) */
    bool has_plan;
    struct plan_s plan;
    const char *factors;      /* assessment factors returned ("21" with RC8) */
};

struct child_s {
    char id[24];              /* "SYN" and any long: never cut */
    lscb_date birth;
    int sex;                  /* 1 male, 2 female */
    int eth;
    char upn[14];             /* empty: none (unborn or under school age) */
    char disabilities[24];    /* ';' list of codes, NONE if none */
    struct episode_s *ep;
    int nep;
};

static void add_reviews(struct rng *r, struct plan_s *p, lscb_date horizon)
{
    lscb_date due = date_add_months(p->start, 3);
    lscb_date last = DATE_NONE;
    for (;;) {
        lscb_date d = chance(r, 60) ? due + uni(r, 1, 20) : due - uni(r, 0, 14);
        if (last != DATE_NONE && d <= last)
            d = last + 1;
        lscb_date stop = p->end != DATE_NONE ? p->end : horizon;
        if (d >= stop)
            break;
        p->rev.v = lscb_xrealloc(p->rev.v, (size_t)(p->rev.n + 1) * sizeof *p->rev.v);
        p->rev.v[p->rev.n++] = d;
        last = d;
        due = date_add_months(d, 6);
    }
}

static int plan_days(struct rng *r)
{
    int band = pick(r, (const int[]){500, 330, 130, 40}, 4);
    switch (band) {
    case 0: return uni(r, 60, 270);
    case 1: return uni(r, 270, 550);
    case 2: return uni(r, 550, 900);
    default: return uni(r, 900, 1500);
    }
}

/* the first weekday on or after d (DfE rules 8870Q, 8875: no conference or
 * target date on a weekend) */
static lscb_date weekday_from(lscb_date d)
{
    int w = date_weekday(d);
    return w == 5 ? d + 2 : w == 6 ? d + 1 : d;
}

static const char *const disability_codes[] = {"MOB", "HAND", "PC",  "INC", "COMM", "LD",
                                               "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"};
static const char *const factor_codes[] = {"1B", "2B", "3B", "4B", "5B", "6B", "7A", "8B",
                                           "9A", "10A", "11A", "12A", "13A", "14A", "15A",
                                           "16A", "17A", "18B", "19B", "20", "22A", "23A"};

/* What no measure reads, drawn from a stream of its own so the case
 * histories stay as they were: a UPN (valid check letter, the authority's
 * code) and the disabilities. */
static void child_details(struct child_s *c, long idx, uint64_t seed, const char *la)
{
    struct rng r = {seed ^ (0xD1B54A32D192ED03ULL * (uint64_t)(idx + 1))};
    char body[13];
    /* the allocating authority: this one, unless its code is not a real one
     * (the default 999), then Kensington and Chelsea's */
    const char *alloc = strcmp(la, "999") ? la : "207";
    unsigned long u = (unsigned long)idx;   /* idx >= 0: 3 + 8 + 1 characters */
    snprintf(body, sizeof body, "%.3s%08lu%lu", alloc, u % 100000000, u % 10);
    c->upn[0] = upn_check_letter(body);
    memcpy(c->upn + 1, body, 12);
    c->upn[13] = '\0';
    if (chance(&r, 850)) {
        snprintf(c->disabilities, sizeof c->disabilities, "NONE");
    } else {
        int a = uni(&r, 0, 11), b = uni(&r, 0, 11);
        if (a == b || chance(&r, 600))
            snprintf(c->disabilities, sizeof c->disabilities, "%.4s", disability_codes[a]);
        else
            snprintf(c->disabilities, sizeof c->disabilities, "%.4s;%.4s", disability_codes[a],
                     disability_codes[b]);
    }
}

static void simulate_child(struct rng *r, struct child_s *c, long idx, lscb_date sim_start,
                           lscb_date horizon)
{
    snprintf(c->id, sizeof c->id, "SYN%07ld", idx + 1);
    lscb_date first = sim_start + uni(r, 0, horizon - sim_start);
    bool unborn = chance(r, 40);
    int age_days = pick(r, (const int[]){200, 250, 250, 250, 50}, 5);
    int lo[] = {0, 365, 5 * 365, 10 * 365, 16 * 365}, hi[] = {364, 5 * 365 - 1, 10 * 365 - 1,
                                                               16 * 365 - 1, 18 * 365 - 30};
    c->birth = unborn ? first + uni(r, 20, 160) : first - uni(r, lo[age_days], hi[age_days]);
    c->sex = uni(r, 1, 2);
    c->eth = pick(r, eth_w, (int)(sizeof eth_w / sizeof eth_w[0]));
    int previous_plans = 0;
    lscb_date ref = first;
    while (ref <= horizon) {
        c->ep = lscb_xrealloc(c->ep, (size_t)(c->nep + 1) * sizeof *c->ep);
        struct episode_s *e = &c->ep[c->nep++];
        memset(e, 0, sizeof *e);
        e->ref = ref;
        e->src = pick(r, src_w, (int)(sizeof src_w / sizeof src_w[0]));
        e->need = uni(r, 1, 9);
        e->a_start = ref + uni(r, 0, 3);
        e->a_auth = e->a_start + uni(r, 7, 95);
        e->icpc = DATE_NONE;
        e->strategy = DATE_NONE;
        lscb_date close = e->a_auth + uni(r, 0, 60);
        e->reason = chance(r, 400) ? 8 : 7;
        /* a child who has had a plan is more likely to be enquired about again */
        if (chance(r, previous_plans > 0 ? 650 : 230)) {
            e->has_s47 = true;
            e->s_start = ref + uni(r, 0, 10);
            /* the strategy discussion that decided on the enquiry */
            e->strategy = e->s_start - uni(r, 0, 2);
            if (e->strategy < ref)
                e->strategy = ref;
            e->strategy_outcome = 0;
            if (chance(r, 470)) {
                e->icpc = weekday_from(e->s_start + (chance(r, 250) ? uni(r, 22, 45)
                                                                     : uni(r, 0, 21)));
                e->cin_level_icpc = chance(r, 150);
                if (chance(r, 860)) {
                    e->has_plan = true;
                    struct plan_s *p = &e->plan;
                    p->start = e->icpc;
                    p->end = p->start + plan_days(r);
                    p->icat = pick(r, cat_w, 5);
                    p->lcat = chance(r, 100) ? pick(r, cat_w, 5) : p->icat;
                    p->previous = previous_plans++;
                    add_reviews(r, p, horizon + 400);
                    close = p->end + uni(r, 0, 90);
                    e->reason = 7;
                }
            } else {
                e->icpc_not_required = true;
            }
        }
        if (!e->has_s47 && chance(r, 120)) {
            /* a discussion that led to no enquiry */
            e->strategy = ref + uni(r, 0, 5);
            e->strategy_outcome = chance(r, 500) ? 1 : 2;
        }
        if (close < e->a_auth)
            close = e->a_auth;
        /* no activity after the closure (8565); RC8 only for an episode that
         * went no further than the assessment (2990) */
        if (e->icpc != DATE_NONE && close < e->icpc)
            close = e->icpc;
        if (e->has_s47 && close < e->s_start)
            close = e->s_start;
        if (e->has_s47)
            e->reason = 7;
        e->factors = e->reason == 8 ? "21" : factor_codes[e->need * 2 % 22];
        e->close = close;
        /* re-referral: about one child in four comes back; more often a
         * child who has had a plan */
        if (!chance(r, previous_plans > 0 ? 450 : 260))
            break;
        ref = close + 1 + uni(r, 0, chance(r, 500) ? 365 : 1100);
    }
}

/* ---------------- census writing ---------------- */

static void put_date(FILE *fp, int indent, const char *tag, lscb_date d)
{
    char b[11];
    date_format_iso(d, b);
    fprintf(fp, "%*s<%s>%s</%s>\n", indent, "", tag, b, tag);
}

static const char *boolean(int year, bool v)
{
    return year >= 2025 ? (v ? "1" : "0") : (v ? "true" : "false");
}

static bool in(lscb_date d, lscb_date a, lscb_date b)
{
    return d != DATE_NONE && d >= a && d <= b;
}

/* What the return for census year [S, R] holds of an episode (DESIGN.md,
 * "What one census year's file contains"): shared by the XML and CSV
 * writers so both say the same. */
struct ep_view {
    bool closure;          /* closure date known by R */
    bool cin_icpc;         /* CINdetails-level DateOfInitialCPC returned */
    bool assessment, a_known;
    bool s47, c_known;
    bool plan, p_end;
};

static struct ep_view view_episode(const struct episode_s *e, lscb_date S, lscb_date R)
{
    struct ep_view v = {0};
    v.closure = e->close <= R;
    v.cin_icpc = e->cin_level_icpc && in(e->icpc, S, R);
    /* assessments completed in the year, or open and started in it */
    v.a_known = e->a_auth <= R;
    v.assessment = (v.a_known && e->a_auth >= S) || (!v.a_known && in(e->a_start, S, R));
    /* section 47s whose conference was in the year, or without one yet and
     * started in it */
    v.c_known = e->icpc != DATE_NONE && e->icpc <= R;
    v.s47 = e->has_s47 && !e->cin_level_icpc &&
            ((v.c_known && e->icpc >= S) || (!v.c_known && in(e->s_start, S, R)));
    /* plans open at any time in the year */
    v.plan = e->has_plan && e->plan.start <= R && (e->plan.end > R || e->plan.end >= S);
    v.p_end = v.plan && e->plan.end <= R;
    return v;
}

static bool icpc_not_required(const struct episode_s *e, lscb_date R)
{
    /* decided a month on, or when the episode closed (8868) */
    return e->icpc_not_required && (e->s_start + 30 <= R || e->close <= R);
}

static void write_episode(FILE *fp, int year, const struct episode_s *e, lscb_date S,
                          lscb_date R)
{
    struct ep_view v = view_episode(e, S, R);
    fputs("      <CINdetails>\n", fp);
    put_date(fp, 8, "CINreferralDate", e->ref);
    fprintf(fp, "        <ReferralSource>%s</ReferralSource>\n", src_codes[e->src]);
    fprintf(fp, "        <PrimaryNeedCode>N%d</PrimaryNeedCode>\n", e->need);
    if (v.closure) {
        put_date(fp, 8, "CINclosureDate", e->close);
        fprintf(fp, "        <ReasonForClosure>RC%d</ReasonForClosure>\n", e->reason);
    }
    if (v.cin_icpc)
        put_date(fp, 8, "DateOfInitialCPC", e->icpc);
    if (v.assessment) {
        fputs("        <Assessments>\n", fp);
        put_date(fp, 10, "AssessmentActualStartDate", e->a_start);
        if (v.a_known)
            put_date(fp, 10, "AssessmentAuthorisationDate", e->a_auth);
        if (v.a_known)   /* factors only for a completed assessment (8614) */
            fprintf(fp, "          <FactorsIdentifiedAtAssessment>\n"
                        "            <AssessmentFactors>%s</AssessmentFactors>\n"
                        "          </FactorsIdentifiedAtAssessment>\n", e->factors);
        fputs("        </Assessments>\n", fp);
    }
    if (v.s47) {
        fputs("        <Section47>\n", fp);
        put_date(fp, 10, "S47ActualStartDate", e->s_start);
        put_date(fp, 10, "InitialCPCtarget", weekday_from(e->s_start + 21));
        if (v.c_known)
            put_date(fp, 10, "DateOfInitialCPC", e->icpc);
        fprintf(fp, "          <ICPCnotRequired>%s</ICPCnotRequired>\n",
                boolean(year, icpc_not_required(e, R)));
        fputs("        </Section47>\n", fp);
    }
    fprintf(fp, "        <ReferralNFA>%s</ReferralNFA>\n", boolean(year, false));
    const struct plan_s *p = &e->plan;
    if (v.plan) {
        fputs("        <ChildProtectionPlans>\n", fp);
        put_date(fp, 10, "CPPstartDate", p->start);
        if (v.p_end)
            put_date(fp, 10, "CPPendDate", p->end);
        fprintf(fp, "          <InitialCategoryOfAbuse>%s</InitialCategoryOfAbuse>\n",
                cat_codes[p->icat]);
        fprintf(fp, "          <LatestCategoryOfAbuse>%s</LatestCategoryOfAbuse>\n",
                cat_codes[p->lcat]);
        fprintf(fp, "          <NumberOfPreviousCPP>%d</NumberOfPreviousCPP>\n", p->previous);
        int nrev = 0;
        for (int i = 0; i < p->rev.n; i++)
            nrev += in(p->rev.v[i], S, R);
        if (nrev) {
            fputs("          <Reviews>\n", fp);
            for (int i = 0; i < p->rev.n; i++)
                if (in(p->rev.v[i], S, R))
                    put_date(fp, 12, "CPPreviewDate", p->rev.v[i]);
            fputs("          </Reviews>\n", fp);
        }
        fputs("        </ChildProtectionPlans>\n", fp);
    }
    fputs("      </CINdetails>\n", fp);
}

/* a UPN for children aged 4 or more on the reference date (school age) */
static bool has_upn(const struct child_s *c, lscb_date R)
{
    return c->birth <= R && date_years_between(c->birth, R) >= 4;
}

static const char *gender_code(int year, const struct child_s *c, lscb_date R)
{
    bool born = c->birth <= R;
    if (year >= 2025)
        return !born ? "U" : c->sex == 1 ? "M" : "F";
    return !born ? "0" : c->sex == 1 ? "1" : "2";
}

static lscb_err write_census(const struct synth_opts *o, const struct child_s *cs, long n,
                             int year, struct lscb_error *e)
{
    char name[32];
    snprintf(name, sizeof name, "cin-%d.xml", year);
    char *path = path_join(o->outdir, name);
    struct afile af;
    lscb_err rc = afile_open(&af, path, e);
    free(path);
    if (rc)
        return rc;
    FILE *fp = af.fp;
    lscb_date S = census_year_start(year), R = census_year_end(year);
    fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Message>\n  <Header>\n"
                "    <CollectionDetails>\n      <Collection>CIN</Collection>\n"
                "      <Year>%d</Year>\n      <ReferenceDate>%d-03-31</ReferenceDate>\n"
                "    </CollectionDetails>\n    <Source>\n      <SourceLevel>L</SourceLevel>\n"
                "      <LEA>%s</LEA>\n      <SoftwareCode>lscb-synth</SoftwareCode>\n"
                "      <Release>" LSCB_VERSION "</Release>\n      <SerialNo>001</SerialNo>\n"
                "      <DateTime>%d-05-01T09:00:00</DateTime>\n    </Source>\n  </Header>\n"
                "  <Children>\n", year, year, o->la, year);
    for (long i = 0; i < n; i++) {
        const struct child_s *c = &cs[i];
        bool any = false;
        for (int k = 0; k < c->nep && !any; k++)
            any = c->ep[k].ref <= R && c->ep[k].close >= S;
        if (!any)
            continue;
        fputs("    <Child>\n      <ChildIdentifiers>\n", fp);
        fprintf(fp, "        <LAchildID>%s</LAchildID>\n", c->id);
        if (has_upn(c, R))
            fprintf(fp, "        <UPN>%s</UPN>\n", c->upn);
        else
            fprintf(fp, "        <UPNunknown>%s</UPNunknown>\n", c->birth > R ? "UN2" : "UN1");
        if (c->birth <= R)
            put_date(fp, 8, "PersonBirthDate", c->birth);
        else
            put_date(fp, 8, "ExpectedPersonBirthDate", c->birth);
        fprintf(fp, "        <%s>%s</%s>\n", year >= 2025 ? "Sex" : "GenderCurrent",
                gender_code(year, c, R), year >= 2025 ? "Sex" : "GenderCurrent");
        fputs("      </ChildIdentifiers>\n      <ChildCharacteristics>\n", fp);
        fprintf(fp, "        <Ethnicity>%s</Ethnicity>\n        <Disabilities>\n",
                eth_codes[c->eth]);
        for (const char *d = c->disabilities; *d;) {
            size_t len = strcspn(d, ";");
            fprintf(fp, "          <Disability>%.*s</Disability>\n", (int)len, d);
            d += len + (d[len] == ';');
        }
        fputs("        </Disabilities>\n      </ChildCharacteristics>\n", fp);
        for (int k = 0; k < c->nep; k++)
            if (c->ep[k].ref <= R && c->ep[k].close >= S)
                write_episode(fp, year, &c->ep[k], S, R);
        fputs("    </Child>\n", fp);
    }
    fputs("  </Children>\n</Message>\n", fp);
    return afile_commit(&af, e);
}

/* The same return as CSV extracts, one file per module in DIR/csv-YYYY/,
 * columns named as the census items.  To exercise the reader the files
 * differ in form as systems' exports do: the child file puts its columns in
 * another order, the episode file has a BOM and CRLF line ends, the plan
 * file quotes every field. */
enum { F_CHILD, F_EPISODE, F_ASSESS, F_S47, F_CPP, F_REVIEW, F_N };

struct csv_out {
    struct afile f[F_N];
    const char *eol[F_N];
    bool quote[F_N];
};

static void csv_line(struct csv_out *c, int which, const char *const *v, int n)
{
    FILE *fp = c->f[which].fp;
    for (int i = 0; i < n; i++) {
        if (i)
            putc(',', fp);
        if (c->quote[which])
            fprintf(fp, "\"%s\"", v[i]);
        else
            fputs(v[i], fp);
    }
    fputs(c->eol[which], fp);
}

static lscb_err write_census_csv(const struct synth_opts *o, const struct child_s *cs, long n,
                                 int year, struct lscb_error *e)
{
    static const char *const names[F_N] = {"child.csv", "episode.csv",
                                           "assessment.csv", "s47.csv", "cpp.csv",
                                           "cpp_review.csv"};
    char dir[64];
    snprintf(dir, sizeof dir, "csv-%d", year);
    char *d = path_join(o->outdir, dir);
    lscb_err rc = mkdir_p(d, e);
    struct csv_out c;
    memset(&c, 0, sizeof c);
    for (int i = 0; i < F_N && rc == LSCB_OK; i++) {
        char *p = path_join(d, names[i]);
        rc = afile_open(&c.f[i], p, e);
        free(p);
        c.eol[i] = i == F_EPISODE ? "\r\n" : "\n";
        c.quote[i] = i == F_CPP;
    }
    free(d);
    if (rc != LSCB_OK) {
        for (int i = 0; i < F_N; i++)
            afile_abort(&c.f[i]);
        return rc;
    }
    const char *gtag = year >= 2025 ? "Sex" : "GenderCurrent";
    fputs("\xEF\xBB\xBF", c.f[F_EPISODE].fp);
    {
        const char *h[] = {"Ethnicity", gtag, "LAchildID", "CensusYear", "PersonBirthDate",
                           "ExpectedPersonBirthDate", "LEA", "UPN", "UPNunknown", "Disability"};
        csv_line(&c, F_CHILD, h, 10);
        const char *he[] = {"LEA", "CensusYear", "LAchildID", "CINreferralDate",
                            "ReferralSource", "PrimaryNeedCode", "CINclosureDate",
                            "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA"};
        csv_line(&c, F_EPISODE, he, 10);
        const char *ha[] = {"LEA", "CensusYear", "LAchildID", "CINreferralDate",
                            "AssessmentActualStartDate", "AssessmentAuthorisationDate",
                            "AssessmentFactors"};
        csv_line(&c, F_ASSESS, ha, 7);
        const char *hs[] = {"LEA", "CensusYear", "LAchildID", "CINreferralDate",
                            "S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC",
                            "ICPCnotRequired"};
        csv_line(&c, F_S47, hs, 8);
        const char *hp[] = {"LEA", "CensusYear", "LAchildID", "CINreferralDate", "CPPstartDate",
                            "CPPendDate", "InitialCategoryOfAbuse", "LatestCategoryOfAbuse",
                            "NumberOfPreviousCPP"};
        csv_line(&c, F_CPP, hp, 9);
        const char *hr[] = {"LEA", "CensusYear", "LAchildID", "CINreferralDate", "CPPstartDate",
                            "CPPreviewDate"};
        csv_line(&c, F_REVIEW, hr, 6);
    }
    lscb_date S = census_year_start(year), R = census_year_end(year);
    char y[12];
    snprintf(y, sizeof y, "%d", year);
    for (long i = 0; i < n; i++) {
        const struct child_s *ch = &cs[i];
        bool any = false;
        for (int k = 0; k < ch->nep && !any; k++)
            any = ch->ep[k].ref <= R && ch->ep[k].close >= S;
        if (!any)
            continue;
        char b[11] = "", x[11] = "";
        date_format_iso(ch->birth <= R ? ch->birth : DATE_NONE, b);
        date_format_iso(ch->birth > R ? ch->birth : DATE_NONE, x);
        bool upn = has_upn(ch, R);
        const char *cv[] = {eth_codes[ch->eth], gender_code(year, ch, R), ch->id, y, b, x,
                            o->la, upn ? ch->upn : "", upn ? "" : ch->birth > R ? "UN2" : "UN1",
                            ch->disabilities};
        csv_line(&c, F_CHILD, cv, 10);
        for (int k = 0; k < ch->nep; k++) {
            const struct episode_s *ep = &ch->ep[k];
            if (!(ep->ref <= R && ep->close >= S))
                continue;
            struct ep_view v = view_episode(ep, S, R);
            char ref[11], cl[11] = "", rc9[16] = "", icpc[11] = "", src[8], need[16];
            date_format_iso(ep->ref, ref);
            if (v.closure) {
                date_format_iso(ep->close, cl);
                snprintf(rc9, sizeof rc9, "RC%d", ep->reason);
            }
            if (v.cin_icpc)
                date_format_iso(ep->icpc, icpc);
            snprintf(src, sizeof src, "%.2s", src_codes[ep->src]); /* codes of 2 */
            snprintf(need, sizeof need, "N%d", ep->need);
            const char *evals[] = {o->la, y, ch->id, ref, src, need, cl, rc9, icpc,
                                   boolean(year, false)};
            csv_line(&c, F_EPISODE, evals, 10);
            if (v.assessment) {
                char as[11], au[11] = "";
                date_format_iso(ep->a_start, as);
                if (v.a_known)
                    date_format_iso(ep->a_auth, au);
                const char *av[] = {o->la, y, ch->id, ref, as, au, v.a_known ? ep->factors : ""};
                csv_line(&c, F_ASSESS, av, 7);
            }
            if (v.s47) {
                char ss[11], tg[11], ic[11] = "";
                date_format_iso(ep->s_start, ss);
                date_format_iso(weekday_from(ep->s_start + 21), tg);
                if (v.c_known)
                    date_format_iso(ep->icpc, ic);
                const char *sv[] = {o->la, y, ch->id, ref, ss, tg, ic,
                                    boolean(year, icpc_not_required(ep, R))};
                csv_line(&c, F_S47, sv, 8);
            }
            if (v.plan) {
                const struct plan_s *p = &ep->plan;
                char ps[11], pe[11] = "", prev[12];
                date_format_iso(p->start, ps);
                if (v.p_end)
                    date_format_iso(p->end, pe);
                snprintf(prev, sizeof prev, "%d", p->previous);
                const char *pv[] = {o->la, y, ch->id, ref, ps, pe, cat_codes[p->icat],
                                    cat_codes[p->lcat], prev};
                csv_line(&c, F_CPP, pv, 9);
                for (int r = 0; r < p->rev.n; r++) {
                    if (!in(p->rev.v[r], S, R))
                        continue;
                    char rv[11];
                    date_format_iso(p->rev.v[r], rv);
                    const char *rvv[] = {o->la, y, ch->id, ref, ps, rv};
                    csv_line(&c, F_REVIEW, rvv, 6);
                }
            }
        }
    }
    for (int i = 0; i < F_N && rc == LSCB_OK; i++)
        rc = afile_commit(&c.f[i], e);
    for (int i = 0; i < F_N; i++)
        afile_abort(&c.f[i]);
    return rc;
}

/* Every plan returned in some census, as the merged warehouse should hold
 * it: end date only if known by the last reference date, the child's birth
 * date as last returned. */
static lscb_err write_truth(const struct synth_opts *o, const struct child_s *cs, long n,
                            struct lscb_error *e)
{
    struct afile af;
    lscb_err rc = afile_open(&af, o->truth, e);
    if (rc)
        return rc;
    lscb_date S = census_year_start(o->first_year), R = census_year_end(o->last_year);
    fputs("child_id,start_date,end_date,latest_category,birth_date,expected_birth_date,gender,"
          "ethnicity,previous_plans\n", af.fp);
    for (long i = 0; i < n; i++) {
        const struct child_s *c = &cs[i];
        for (int k = 0; k < c->nep; k++) {
            const struct plan_s *p = &c->ep[k].plan;
            if (!c->ep[k].has_plan || p->start > R || p->end < S)
                continue;
            /* the plan is returned only with its episode, which is open in
             * the same years, so both conditions agree */
            char s[11], en[11], b[11], x[11];
            date_format_iso(p->start, s);
            date_format_iso(p->end <= R ? p->end : DATE_NONE, en);
            date_format_iso(c->birth <= R ? c->birth : DATE_NONE, b);
            date_format_iso(c->birth > R ? c->birth : DATE_NONE, x);
            fprintf(af.fp, "%s,%s,%s,%s,%s,%s,%s,%s,%d\n", c->id, s, en, cat_codes[p->lcat], b,
                    x, gender_code(o->last_year, c, R), eth_codes[c->eth], p->previous);
        }
    }
    return afile_commit(&af, e);
}

/* The local strategy discussion extract (the census does not hold them). */
static lscb_err write_strategy(const struct synth_opts *o, const struct child_s *cs, long n,
                               struct lscb_error *e)
{
    static const char *const outcomes[] = {"S47", "NFA", "CIN"};
    char *path = path_join(o->outdir, "strategy.csv");
    struct afile af;
    lscb_err rc = afile_open(&af, path, e);
    free(path);
    if (rc)
        return rc;
    fputs("la_child_id,strategy_discussion_date,outcome\n", af.fp);
    lscb_date S = census_year_start(o->first_year), R = census_year_end(o->last_year);
    for (long i = 0; i < n; i++)
        for (int k = 0; k < cs[i].nep; k++) {
            const struct episode_s *ep = &cs[i].ep[k];
            if (ep->strategy == DATE_NONE || ep->strategy < S || ep->strategy > R)
                continue;
            char d[11];
            date_format_iso(ep->strategy, d);
            fprintf(af.fp, "%s,%s,%s\n", cs[i].id, d, outcomes[ep->strategy_outcome]);
        }
    return afile_commit(&af, e);
}

/* A population file in ONS/DfE layout for the synthetic authority, so
 * rates per 10,000 can be shown: an inner London borough's 0-17 count. */
static lscb_err write_population(const struct synth_opts *o, struct lscb_error *e)
{
    char *path = path_join(o->outdir, "population.csv");
    struct afile af;
    lscb_err rc = afile_open(&af, path, e);
    free(path);
    if (rc)
        return rc;
    fputs("time_period,time_identifier,geographic_level,country_code,country_name,"
          "region_code,region_name,old_la_code,new_la_code,la_name,age_group,"
          "population_estimate\n", af.fp);
    for (int y = o->first_year - 3; y < o->last_year; y++)
        fprintf(af.fp, "%d,Reporting year,Local authority,E92000001,England,E13000001,"
                "Inner London,%s,E09999999,Synthetic borough,Children aged 0 to 17 years,%d\n",
                y, o->la, 38000 + 150 * (y - o->first_year));
    return afile_commit(&af, e);
}

lscb_err synth_run(const struct synth_opts *o, struct lscb_error *e)
{
    if (o->first_year > o->last_year)
        return lscb_fail(e, LSCB_EUSAGE, "first year %d is after last year %d", o->first_year,
                         o->last_year);
    struct rng r = {o->seed * 0x2545F4914F6CDD1DULL + 1};
    lscb_date sim_start = census_year_start(o->first_year - 2);
    lscb_date horizon = census_year_end(o->last_year);
    long n = o->children > 0 ? o->children : 1300L * (o->last_year - o->first_year + 3);
    struct child_s *cs = lscb_xcalloc((size_t)n, sizeof *cs);
    for (long i = 0; i < n; i++) {
        simulate_child(&r, &cs[i], i, sim_start, horizon);
        child_details(&cs[i], i, o->seed, o->la);
    }
    lscb_err rc = mkdir_p(o->outdir, e);
    for (int y = o->first_year; y <= o->last_year && rc == LSCB_OK; y++) {
        if (o->xml)
            rc = write_census(o, cs, n, y, e);
        if (rc == LSCB_OK && o->csv)
            rc = write_census_csv(o, cs, n, y, e);
    }
    if (rc == LSCB_OK && o->truth)
        rc = write_truth(o, cs, n, e);
    if (rc == LSCB_OK)
        rc = write_population(o, e);
    if (rc == LSCB_OK)
        rc = write_strategy(o, cs, n, e);
    for (long i = 0; i < n; i++) {
        for (int k = 0; k < cs[i].nep; k++)
            free(cs[i].ep[k].plan.rev.v);
        free(cs[i].ep);
    }
    free(cs);
    if (rc == LSCB_OK && !o->quiet)
        notes_add(o->notes, "lscb-synth: %ld children simulated, census years %d to %d written "
                  "to %s", n, o->first_year, o->last_year, o->outdir);
    return rc;
}
