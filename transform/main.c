/* lscb-transform — command line over transform_run(). */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>

#include "common/csvio.h"
#include "common/date.h"
#include "transform/transform.h"
#include "transform/validate.h"
#include "common/util.h"

static const char usage[] =
    "Usage: lscb-transform --in STAGED_DIR --out NORMALISED_DIR --rejects FILE\n"
    "                      [--validation FILE]\n"
    "       lscb-transform --in STAGED_DIR --validation FILE [--rule CODE]\n"
    "                      [--period-end DATE]\n"
    "Checks staged records (from lscb-extract) and writes typed, normalised\n"
    "records, one CSV per entity, to NORMALISED_DIR.  Records that cannot be\n"
    "used go to FILE (rejects.csv: source_file, source_line, entity, la_code,\n"
    "child_id, rule, field, message) with the rule they break:\n"
    "  T01 required value missing      T02 not a valid YYYY-MM-DD date\n"
    "  T03 code not in the code set    T04 parent record rejected\n"
    "  T05 duplicate in the same return T06 dates out of order\n"
    "  T07 value too long or repeated  T08 not a valid boolean or count\n"
    "  T09 wrong number of columns      T10 no parent record in the return\n"
    "Prints 'read N, wrote M, rejected K' to stderr (N = M + K).\n"
    "\n"
    "  --validation FILE  also run DfE's 2025-26 CIN census validation rules (83\n"
    "                     errors, 26 queries) over the staged records and write each\n"
    "                     failure to FILE (rule, type, la_code, census_year,\n"
    "                     child_id, module, field, value, message, source_file,\n"
    "                     source_line, action: what happens to the record).\n"
    "                     Validation reports; it drops nothing.\n"
    "                     Without --out and --rejects: validation only.\n"
    "  --rule CODE        validation only, that rule only (e.g. 8840, 2886Q)\n"
    "  --period-end DATE  validate a part-year extract: the returns of DATE's year\n"
    "                     are judged over the year ending DATE (YYYY-MM-DD), and\n"
    "                     rule 100 wants DATE as their reference date; default the\n"
    "                     census year, 1 April to 31 March\n"
    "  --list-rules       print every validation rule (code, type, module, field,\n"
    "                     message, what happens to a failing record) as CSV\n"
    "  -q, --quiet   no reconciliation line\n"
    "  -h, --help    this help\n"
    "Exit status: 0 done, 1 bad input, 2 usage, 3 system error.\n";

static void list_rules(void)
{
    puts("rule,type,module,field,message,action");
    for (size_t i = 0; i < vrules_count; i++) {
        const struct vrule *v = &vrules[i];
        const char *row[] = {v->code, v->query ? "query" : "error", v->module, v->field,
                             v->message, v->action};
        csv_put_row(stdout, row, 6);
    }
}

int main(int argc, char **argv)
{
    lscb_process_init();
    progress_set_display(progress_terminal);
    struct transform_opts o = {0};
    const char *rule = NULL;
    static const struct option lo[] = {
        {"in", required_argument, NULL, 'i'}, {"out", required_argument, NULL, 'o'},
        {"rejects", required_argument, NULL, 'r'}, {"quiet", no_argument, NULL, 'q'},
        {"validation", required_argument, NULL, 'v'}, {"rule", required_argument, NULL, 'u'},
        {"list-rules", no_argument, NULL, 'l'}, {"period-end", required_argument, NULL, 'e'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "qh", lo, NULL)) != -1) {
        switch (c) {
        case 'i': o.indir = optarg; break;
        case 'o': o.outdir = optarg; break;
        case 'r': o.rejects = optarg; break;
        case 'v': o.validation = optarg; break;
        case 'u': rule = optarg; break;
        case 'e': o.period_end = optarg; break;
        case 'l': list_rules(); return lscb_process_finish(0);
        case 'q': o.quiet = true; break;
        case 'h': fputs(usage, stdout); return lscb_process_finish(0);
        default: return usage_error("lscb-transform", NULL, usage);
        }
    }
    struct transform_result r;
    struct lscb_error e = {0};
    struct lscb_notes notes = {0};
    o.notes = &notes;
    lscb_err rc;
    if (rule && !o.validation)
        return usage_error("lscb-transform", "--rule needs --validation", usage);
    lscb_date pe;
    if (o.period_end && !o.validation)
        return usage_error("lscb-transform", "--period-end needs --validation", usage);
    if (o.period_end && !date_parse_iso(o.period_end, &pe))
        return usage_error("lscb-transform", "--period-end wants a date like 2024-09-30", usage);
    if (o.indir && o.validation && (rule || (!o.outdir && !o.rejects)) && optind == argc) {
        /* validation only (all rules, or one): no normalised output */
        struct validate_opts vo = {.indir = o.indir, .out = o.validation, .only = rule,
                                   .quiet = o.quiet, .period_end = o.period_end,
                                   .notes = &notes};
        struct validate_result vr;
        rc = validate_run(&vo, &vr, &e);
        notes_print(&notes, stderr);
        notes_release(&notes);
        return stage_exit("lscb-transform", rc, &e);
    }
    if (!o.indir || !o.outdir || !o.rejects || optind != argc)
        return usage_error("lscb-transform", "--in, --out and --rejects are required", usage);
    rc = transform_run(&o, &r, &e);
    notes_print(&notes, stderr);
    notes_release(&notes);
    return stage_exit("lscb-transform", rc, &e);
}
