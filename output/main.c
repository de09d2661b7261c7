/* lscb-report — command line over report_run(). */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>

#include "output/report.h"
#include "common/util.h"

static const char usage[] =
    "Usage: lscb-report --tables DIR --year YYYY --out FILE.xlsx [--template NAME]\n"
    "Writes the annual report workbook from the template's tables as lscb-stats\n"
    "computed them (DIR/ID.csv, DIR/narrative.csv, DIR/sources.csv): Contents,\n"
    "one sheet per table with its chart, Narrative, Data quality, Definitions,\n"
    "Sources.  Identical inputs give byte-identical workbooks.\n"
    "\n"
    "  --template NAME  templates/NAME.ini, or a path to an .ini file (default dfe)\n"
    "  --rejects FILE   rejects.csv, counted by rule on the Data quality sheet\n"

    "  -q, --quiet      no reconciliation line\n"
    "  -h, --help       this help\n"
    "Exit status: 0 done, 1 bad input (template or tables), 2 usage, 3 system error.\n";

int main(int argc, char **argv)
{
    lscb_process_init();
    struct report_opts o = {.tpl = "dfe"};
    static const struct option lo[] = {
        {"tables", required_argument, NULL, 't'}, {"out", required_argument, NULL, 'o'},
        {"year", required_argument, NULL, 'y'}, {"template", required_argument, NULL, 'T'},
        {"rejects", required_argument, NULL, 'r'},
        {"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "qh", lo, NULL)) != -1) {
        switch (c) {
        case 't': o.tables = optarg; break;
        case 'o': o.out = optarg; break;
        case 'T': o.tpl = optarg; break;
        case 'r': o.rejects = optarg; break;
        case 'y':
            if (!parse_year_arg(optarg, &o.year))
                return usage_error("lscb-report", "--year wants a year like 2024", usage);
            break;
        case 'q': o.quiet = true; break;
        case 'h': fputs(usage, stdout); return lscb_process_finish(0);
        default: return usage_error("lscb-report", NULL, usage);
        }
    }
    if (!o.tables || !o.out || !o.year || optind != argc)
        return usage_error("lscb-report", "--tables, --year and --out are required", usage);
    struct lscb_error e = {0};
    struct lscb_notes notes = {0};
    o.notes = &notes;
    lscb_err rc = report_run(&o, &e);
    notes_print(&notes, stderr);
    notes_release(&notes);
    return stage_exit("lscb-report", rc, &e);
}
