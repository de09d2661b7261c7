/*
 * test_validate.c — every DfE validation rule against its hand-built
 * fixture in tests/validation/rules.txt, plus the UPN check letter and the
 * rule list against data/validation-rules.tsv.
 *
 * Fixture format (one section per rule):
 *
 *   == 8840                      run rule 8840 over the records below
 *   census year=2024             a census return (la 205, year 2024,
 *                                reference_date 31 March, header_year year)
 *   child A gender=F             a child; later records belong to it
 *   episode referral_date=...    an episode; its modules follow
 *   ! cpp start_date=... end_date=...   '!' marks a record the rule must report
 *   ! s47 ... @Section47         ... and '@M' the module it must be reported in
 *
 * Every record line becomes a staged row whose source_line is its line in
 * rules.txt, and the test compares the lines validation.csv reports with
 * the marked ones, exactly.  Unset required fields take harmless defaults
 * (see defaults[]); '-' makes a field empty.  A section must mark at least
 * one record and leave at least one record of the same kind unmarked (a
 * return-level rule: an unmarked census line), so it shows the rule both
 * failing and passing.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "common/record_sink.h"
#include "common/csvio.h"
#include "common/records.h"
#include "common/upn.h"
#include "transform/validate.h"
#include "transform/validate_fn.h"
#include "common/text.h"
#include "extract/census_items.h"

#define FIXTURE "tests/validation/rules.txt"
#define MAXLINES 4096

static const struct {
    enum entity_id ent;
    const char *field, *value;
} defaults[] = {
    {ENT_CHILD, "birth_date", "2015-06-01"}, {ENT_CHILD, "sex", "M"},
    {ENT_CHILD, "ethnicity", "WBRI"},        {ENT_CHILD, "disabilities", "NONE"},
    {ENT_CHILD, "upn_unknown", "UN5"},
    {ENT_EPISODE, "referral_date", "2023-06-01"}, {ENT_EPISODE, "referral_source", "1A"},
    {ENT_EPISODE, "primary_need", "N1"},          {ENT_EPISODE, "referral_nfa", "false"},
    {ENT_ASSESSMENT, "start_date", "2023-06-02"}, {ENT_ASSESSMENT, "authorisation_date",
                                                   "2023-07-03"},
    {ENT_ASSESSMENT, "factors", "1A"},
    {ENT_CIN_PLAN, "start_date", "2023-07-03"},
    {ENT_S47, "start_date", "2023-06-05"},        {ENT_S47, "date_initial_cpc", "2023-06-20"},
    {ENT_S47, "icpc_not_required", "false"},
    {ENT_CPP, "start_date", "2023-06-20"},        {ENT_CPP, "initial_category", "NEG"},
    {ENT_CPP, "latest_category", "NEG"},          {ENT_CPP, "previous_plans", "0"},
    {ENT_CPP_REVIEW, "review_date", "2023-09-12"},
};

struct section {
    char code[16];
    int first_line;
    FILE *files[ENT_COUNT];
    FILE *census;
    char dir[64];
    bool marked[MAXLINES];
    char module[MAXLINES][24];          /* '@M': the module the report must name */
    int marked_kind[ENT_COUNT + 1];     /* marked records per kind (ENT_COUNT: census) */
    int unmarked_kind[ENT_COUNT + 1];
    char la[8], year[8], child[64], referral[16], cpp_start[16];
};

static enum entity_id entity_named(const char *name)
{
    for (int k = 0; k < ENT_COUNT; k++)
        if (!strcmp(entity_defs[k].name, name))
            return (enum entity_id)k;
    return ENT_COUNT;
}

static void open_section(struct section *s, const char *code, int line)
{
    memset(s, 0, sizeof *s);
    T_COPY(s->code, code);
    s->first_line = line;
    assert_int_equal(text_fmt(s->dir, sizeof s->dir, "/tmp/lscb-test-validate-XXXXXX"), 0);
    assert_non_null(mkdtemp(s->dir));
    for (int k = 0; k < ENT_COUNT; k++) {
        if (entity_defs[k].kind != KIND_CENSUS)
            continue;
        char p[128];
        assert_int_equal(text_fmt(p, sizeof p, "%s/%s.csv", s->dir, entity_defs[k].name), 0);
        s->files[k] = fopen(p, "w");
        assert_non_null(s->files[k]);
        rec_put_staged_header(s->files[k], &entity_defs[k]);
    }
    char p[128];
    assert_int_equal(text_fmt(p, sizeof p, "%s/census.csv", s->dir), 0);
    s->census = fopen(p, "w");
    assert_non_null(s->census);
    fputs("source_file,la_code,census_year,reference_date,records,kind,header_year\n", s->census);
}

/* value of key=... in the tokens, or NULL */
static const char *token_value(char **tok, int ntok, const char *key)
{
    size_t n = strlen(key);
    for (int i = 0; i < ntok; i++)
        if (!strncmp(tok[i], key, n) && tok[i][n] == '=')
            return tok[i] + n + 1;
    return NULL;
}

static void add_census(struct section *s, char **tok, int ntok, int line, bool mark)
{
    const char *la = token_value(tok, ntok, "la");
    const char *year = token_value(tok, ntok, "year");
    T_COPY(s->la, la ? la : "205");
    T_COPY(s->year, year ? year : "2024");
    char ref[16];
    assert_int_equal(text_fmt(ref, sizeof ref, "%s-03-31", s->year), 0);
    const char *r = token_value(tok, ntok, "reference_date");
    const char *h = token_value(tok, ntok, "header_year");
    if (r && !strcmp(r, "-"))
        r = "";
    if (h && !strcmp(h, "-"))
        h = "";
    /* a return-level failure is reported with the file name: the census
     * line is named by the file, here "rules.txt:LINE" */
    char file[64];
    assert_int_equal(text_fmt(file, sizeof file, "rules.txt:%d", line), 0);
    const char *row[] = {file, s->la, s->year, r ? r : ref, "0", "census", h ? h : s->year};
    csv_put_row(s->census, row, 7);
    s->marked[line] = mark;
    if (mark)
        s->marked_kind[ENT_COUNT]++;
    else
        s->unmarked_kind[ENT_COUNT]++;
}

static void add_record(struct section *s, enum entity_id ent, char **tok, int ntok, int line,
                       bool mark)
{
    const struct entity_def *d = &entity_defs[ent];
    const char *vals[ENTITY_MAX_FIELDS] = {0};
    int first = 0;
    if (ent == ENT_CHILD && ntok > 0 && !strchr(tok[0], '=')) {
        T_COPY(s->child, strcmp(tok[0], "-") ? tok[0] : "");
        first = 1;
    }
    for (size_t i = 0; i < d->nfields; i++) {
        const char *name = d->fields[i].name;
        const char *v = token_value(tok + first, ntok - first, name);
        if (!v && !strcmp(name, "child_id"))
            v = s->child;
        if (!v && !strcmp(name, "referral_date") && ent != ENT_EPISODE)
            v = s->referral;
        if (!v && !strcmp(name, "cpp_start_date"))
            v = s->cpp_start;
        for (size_t k = 0; !v && k < sizeof defaults / sizeof defaults[0]; k++)
            if (defaults[k].ent == ent && !strcmp(defaults[k].field, name))
                v = defaults[k].value;
        if (v && !strcmp(v, "-"))
            v = "";
        vals[i] = v ? v : "";
    }
    for (int i = first; i < ntok; i++) {
        char key[64];
        assert_int_equal(text_fmt(key, sizeof key, "%.*s", (int)strcspn(tok[i], "="), tok[i]), 0);
        if (entity_field(d, key) < 0)
            fail_msg("%s:%d: %s has no field %s", FIXTURE, line, d->name, key);
    }
    if (ent == ENT_EPISODE)
        T_COPY(s->referral, vals[entity_field(d, "referral_date")]);
    if (ent == ENT_CPP)
        T_COPY(s->cpp_start, vals[entity_field(d, "start_date")]);
    char lnum[16];
    assert_int_equal(text_fmt(lnum, sizeof lnum, "%d", line), 0);
    const char *row[REC_NCTX + ENTITY_MAX_FIELDS + 1] = {"rules.txt", lnum, s->la, s->year};
    for (size_t i = 0; i < d->nfields; i++)
        row[REC_NCTX + i] = vals[i];
    row[REC_NCTX + d->nfields] = "";   /* no extractor problem */
    csv_put_row(s->files[ent], row, REC_NCTX + d->nfields + 1);
    s->marked[line] = mark;
    if (mark)
        s->marked_kind[ent]++;
    else
        s->unmarked_kind[ent]++;
}

struct got {
    bool line[MAXLINES];
    int rows;
    const struct section *s;
    int wrong_module;
};

static lscb_err on_result(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    (void)e;
    struct got *g = ctx;
    if (line == 1)
        return LSCB_OK;
    assert_int_equal(n, 12);
    assert_true(f[11][0] != '\0');   /* what happens to the record */
    int l = atoi(f[10]);
    if (!f[10][0]) {   /* return-level: the census line is in the file name */
        const char *colon = strrchr(f[9], ':');
        assert_non_null(colon);
        l = atoi(colon + 1);
    }
    assert_true(l > 0 && l < MAXLINES);
    if (g->s->module[l][0] && strcmp(g->s->module[l], f[5])) {
        fprintf(stderr, "rule %s: %s:%d reported in module %s, expected %s\n", g->s->code,
                FIXTURE, l, f[5], g->s->module[l]);
        g->wrong_module++;
    }
    g->line[l] = true;
    g->rows++;
    return LSCB_OK;
}

static int close_section(struct section *s, int last_line)
{
    for (int k = 0; k < ENT_COUNT; k++)
        if (s->files[k])
            assert_int_equal(fclose(s->files[k]), 0);
    assert_int_equal(fclose(s->census), 0);
    char out[128];
    assert_int_equal(text_fmt(out, sizeof out, "%s/validation.csv", s->dir), 0);
    struct validate_opts o = {.indir = s->dir, .out = out, .only = s->code, .quiet = true};
    struct validate_result r;
    struct lscb_error e = {0};
    if (validate_run(&o, &r, &e) != LSCB_OK)
        fail_msg("rule %s: %s", s->code, e.msg);
    struct got g;
    memset(&g, 0, sizeof g);
    g.s = s;
    assert_int_equal(csv_read_path(out, on_result, &g, &e), LSCB_OK);
    int bad = g.wrong_module;
    for (int l = s->first_line; l <= last_line; l++) {
        if (s->marked[l] != g.line[l]) {
            fprintf(stderr, "rule %s: %s:%d %s\n", s->code, FIXTURE, l,
                    s->marked[l] ? "marked but not reported" : "reported but not marked");
            bad++;
        }
    }
    /* each line once (a record is reported at most once per rule) */
    int nmarked = 0;
    for (int l = s->first_line; l <= last_line; l++)
        nmarked += s->marked[l];
    if (g.rows != nmarked) {
        fprintf(stderr, "rule %s: %d rows reported for %d marked records\n", s->code, g.rows,
                nmarked);
        bad++;
    }
    bool shows_both = false;
    for (int k = 0; k <= ENT_COUNT; k++)
        if (s->marked_kind[k] > 0 && s->unmarked_kind[k] > 0)
            shows_both = true;
    if (!shows_both) {
        fprintf(stderr, "rule %s: the fixture needs a failing and a passing record of the same "
                        "kind\n", s->code);
        bad++;
    }
    char cmd[160];
    assert_int_equal(text_fmt(cmd, sizeof cmd, "rm -rf '%s'", s->dir), 0);
    assert_int_equal(system(cmd), 0);
    return bad;
}

static void test_every_rule_against_its_fixture(void **st)
{
    (void)st;
    FILE *fp = fopen(FIXTURE, "r");
    assert_non_null(fp);
    static struct section s;
    bool open = false, seen[200] = {false};
    char buf[1024];
    int line = 0, bad = 0, sections = 0;
    while (fgets(buf, sizeof buf, fp)) {
        line++;
        assert_true(line < MAXLINES);
        buf[strcspn(buf, "\r\n")] = '\0';
        char *hash = strchr(buf, '#');
        if (hash)
            *hash = '\0';
        char *tok[32];
        int ntok = 0;
        for (char *t = strtok(buf, " \t"); t && ntok < 32; t = strtok(NULL, " \t"))
            tok[ntok++] = t;
        if (ntok == 0)
            continue;
        if (!strcmp(tok[0], "==")) {
            if (open)
                bad += close_section(&s, line - 1);
            assert_true(ntok == 2);
            const struct vrule *r = vrule_find(tok[1]);
            if (!r)
                fail_msg("%s:%d: no rule %s", FIXTURE, line, tok[1]);
            size_t idx = (size_t)(r - vrules);
            if (seen[idx])
                fail_msg("%s:%d: rule %s has two sections", FIXTURE, line, tok[1]);
            seen[idx] = true;
            open_section(&s, tok[1], line);
            open = true;
            sections++;
            continue;
        }
        assert_true(open);
        bool mark = !strcmp(tok[0], "!");
        /* '@Module': the module the report must name (marked lines only) */
        for (int i = 0; i < ntok; i++)
            if (tok[i][0] == '@') {
                if (!mark)
                    fail_msg("%s:%d: '@' on a record not marked", FIXTURE, line);
                T_COPY(s.module[line], tok[i] + 1);
                memmove(tok + i, tok + i + 1, (size_t)(ntok - i - 1) * sizeof tok[0]);
                ntok--, i--;
            }
        char **t = tok + mark;
        int nt = ntok - mark;
        assert_true(nt >= 1);
        if (!strcmp(t[0], "census")) {
            add_census(&s, t + 1, nt - 1, line, mark);
        } else {
            enum entity_id ent = entity_named(t[0]);
            if (ent == ENT_COUNT)
                fail_msg("%s:%d: unknown record kind %s", FIXTURE, line, t[0]);
            if (!s.la[0])
                add_census(&s, NULL, 0, line, false), s.unmarked_kind[ENT_COUNT]--;
            add_record(&s, ent, t + 1, nt - 1, line, mark);
        }
    }
    if (open)
        bad += close_section(&s, line);
    fclose(fp);
    for (size_t i = 0; i < vrules_count; i++)
        if (!seen[i]) {
            fprintf(stderr, "rule %s has no fixture section\n", vrules[i].code);
            bad++;
        }
    fprintf(stderr, "validation fixtures: %d sections, %d problem(s)\n", sections, bad);
    assert_int_equal(bad, 0);
    assert_int_equal((size_t)sections, vrules_count);
}

/* The rule table carries exactly DfE's list: codes, types and messages. */
static void test_rules_match_dfe_list(void **st)
{
    (void)st;
    char *p = getenv("LSCB_DATA_DIR");
    char path[512];
    assert_int_equal(text_fmt(path, sizeof path, "%s/validation-rules.tsv", p ? p : "data"), 0);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char buf[1024];
    int n = 0, errors = 0, queries = 0;
    assert_non_null(fgets(buf, sizeof buf, fp));   /* header */
    while (fgets(buf, sizeof buf, fp)) {
        buf[strcspn(buf, "\r\n")] = '\0';
        char *code = strtok(buf, "\t"), *type = strtok(NULL, "\t"), *msg = strtok(NULL, "");
        assert_non_null(msg);
        const struct vrule *r = vrule_find(code);
        if (!r)
            fail_msg("rule %s of the DfE list is not implemented", code);
        assert_int_equal(r->query, !strcmp(type, "QUERY"));
        if (strcmp(r->message, msg))
            fail_msg("rule %s: message differs from DfE's:\n  %s\n  %s", code, r->message, msg);
        assert_true(r->action && *r->action && r->module && r->field &&
                    vrule_sqls[r - vrules].sql && *vrule_sqls[r - vrules].sql);
        n++;
        errors += !r->query;
        queries += r->query;
    }
    fclose(fp);
    assert_int_equal(n, 109);
    assert_int_equal(errors, 83);
    assert_int_equal(queries, 26);
    assert_int_equal((size_t)n, vrules_count);
    /* the SQL of each rule in the metadata's order (common/vrules.c) */
    char why[256];
    if (!validate_rules_check(why, sizeof why))
        fail_msg("%s", why);
}

/* A soft code the transform leaves empty is never lost silently: some
 * validation rule reports its census item. */
static void test_every_soft_field_has_a_rule(void **st)
{
    (void)st;
    int soft = 0;
    for (int k = 0; k < ENT_COUNT; k++) {
        const struct entity_def *d = &entity_defs[k];
        for (size_t i = 0; i < d->nfields; i++) {
            if (!d->fields[i].soft)
                continue;
            soft++;
            bool named = false;
            for (size_t c = 0; c < census_items_count && !named; c++) {
                const struct census_item *ci = &census_items[c];
                if ((int)ci->ent != k || strcmp(ci->field, d->fields[i].name))
                    continue;
                /* rule 4180 judges GenderCurrent, the earlier schemas' item
                 * in Sex's place, under Sex's name (DfE's rule text) */
                const char *item = !strcmp(ci->name, "GenderCurrent") ? "Sex" : ci->name;
                for (size_t r = 0; r < vrules_count && !named; r++)
                    named = !strcmp(vrules[r].field, item);
            }
            if (!named)
                fail_msg("%s.%s is left empty when invalid, but no rule reports it", d->name,
                         d->fields[i].name);
        }
    }
    assert_int_equal(soft, 10);
}

static void test_upn_check_letter(void **st)
{
    (void)st;
    /* A + 12 digits: weights 2..13 over characters 2-13, remainder mod 23
     * picks the letter from ABCDEFGHJKLMNPQRTUVWXYZ.  123456789123: sum 404,
     * 404 mod 23 = 13 -> P */
    assert_false(upn_bad_check_letter("P123456789123"));
    assert_true(upn_bad_check_letter("A123456789123"));
    /* 201000000001: 2*2 + 1*4 + 1*13 = 21 -> Y */
    assert_false(upn_bad_check_letter("Y201000000001"));
    /* temporary UPN, 13th a letter: A counts 0, so 20100000000A: 2*2+1*4 = 8 -> J */
    assert_false(upn_bad_check_letter("J20100000000A"));
    assert_false(upn_bad_last("J20100000000A"));
    assert_true(upn_bad_last("J20100000000I"));   /* I is never a check letter */
    assert_true(upn_bad_last("J2010000000"));     /* too short */
    assert_true(upn_bad_digits("J201000X0000A"));
    assert_false(upn_bad_digits("J20100000000A"));
    /* a faulty body is not judged on its check letter */
    assert_false(upn_bad_check_letter("A201000X00001"));
    assert_true(upn_badly_formed("A201000X00001"));
    assert_true(upn_badly_formed("1201000000001"));
    assert_false(upn_badly_formed("Y201000000001"));
}

/* A ';' list is judged on every item, whole: the old copy into 32 items of
 * 15 characters left a 33rd uncounted and made two long items alike in
 * their first 15 a repeat. */
static void test_vlist_whole_items(void **st)
{
    (void)st;
    char many[200] = "";
    for (int i = 0; i < 40; i++)
        assert_int_equal(text_append(many, sizeof many, "%s%c", i ? ";" : "", 'A' + i % 26 +
                                     (i >= 26 ? 6 : 0)), 0);
    assert_int_equal(vlist(many, VL_COUNT, NULL, NULL), 40);
    assert_int_equal(vlist("A;;B", VL_COUNT, NULL, NULL), 3);
    assert_int_equal(vlist("A;", VL_COUNT, NULL, NULL), 1);
    assert_int_equal(vlist("", VL_COUNT, NULL, NULL), 0);
    assert_int_equal(vlist("ABCDEFGHIJKLMNOP1;ABCDEFGHIJKLMNOP2", VL_DUP, NULL, NULL), 0);
    assert_int_equal(vlist("MOB;HAND;MOB", VL_DUP, NULL, NULL), 1);
    assert_int_equal(vlist("MOB;NONE", VL_HAS, NULL, "NONE"), 1);
    assert_int_equal(vlist("MOB;NONEX", VL_HAS, NULL, "NONE"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_upn_check_letter),
        cmocka_unit_test(test_vlist_whole_items),
        cmocka_unit_test(test_every_soft_field_has_a_rule),
        cmocka_unit_test(test_rules_match_dfe_list),
        cmocka_unit_test(test_every_rule_against_its_fixture),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
