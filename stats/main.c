/* lscb-stats — command line over stats_run(). */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "stats/stats.h"
#include "common/disclose.h"
#include "common/util.h"

static const char usage[] =
    "Usage: lscb-stats --warehouse WH --year YYYY --out TABLES_DIR [--la CODE]\n"
    "Computes the measures of census year YYYY (1 April YYYY-1 to 31 March YYYY),\n"
    "for the year, each quarter and each month, from the warehouse and writes\n"
    "TABLES_DIR/measures.csv (measure, la_code, period_start, period_end,\n"
    "breakdown, value, numerator, denominator), TABLES_DIR/sources.csv (the\n"
    "census returns loaded) and one TABLES_DIR/ID.csv per template table.\n"
    "\n"
    "  --warehouse WH  an SQLite file or a postgresql:// URI (libpq)\n"
    "  --la CODE     authority (needed when the warehouse holds several); several\n"
    "                comma-separated (201,202) give their aggregate\n"
    "  --published DIR  published DfE tables with their map.csv (e.g. the bundled\n"
    "                data/published): writes TABLES_DIR/benchmarks.csv and\n"
    "                benchmarks-notes.csv; without a warehouse, only those\n"
    "  --config FILE authority configuration (INI: la, sn_model, neighbours,\n"
    "                sn_aggregate, region, comparators)\n"
    "  --publish     publication profile: in the template tables, counts of 1 to 5\n"
    "                and what would reveal them are shown as c (measures.csv is not\n"
    "                suppressed: it is for internal use)\n"
    "  --template NAME  templates/NAME.ini or an .ini path (default dfe): its\n"
    "                tables are computed into TABLES_DIR/ID.csv\n"
    "  --population FILE  ONS mid-year 0-17 estimates (DfE layout) for rates per\n"
    "                10,000; default the bundled data/ons-population-0-17.csv\n"
    "  -q, --quiet   no reconciliation line\n"
    "  -h, --help    this help\n"
    "Exit status: 0 done, 1 no data for that authority and year, 2 usage,\n"
    "3 system error.\n";

int main(int argc, char **argv)
{
    lscb_process_init();
    if (getenv("LSCB_DZ_TRACE"))
        dz_set_trace(trace_to_stderr);
    struct stats_opts o = {0};
    static const struct option lo[] = {
        {"warehouse", required_argument, NULL, 'w'}, {"out", required_argument, NULL, 'o'},
        {"year", required_argument, NULL, 'y'}, {"la", required_argument, NULL, 'l'},
        {"population", required_argument, NULL, 'P'},
        {"template", required_argument, NULL, 'T'},
        {"publish", no_argument, NULL, 'B'},
        {"published", required_argument, NULL, 'D'}, {"config", required_argument, NULL, 'C'},
        {"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "qh", lo, NULL)) != -1) {
        switch (c) {
        case 'w': o.warehouse = optarg; break;
        case 'o': o.outdir = optarg; break;
        case 'y':
            if (!parse_year_arg(optarg, &o.year))
                return usage_error("lscb-stats", "--year wants a year like 2024", usage);
            break;
        case 'l': o.la = optarg; break;
        case 'P': o.population = optarg; break;
        case 'T': o.tpl = optarg; break;
        case 'B': o.publish = true; break;
        case 'D': o.published = optarg; break;
        case 'C': o.config = optarg; break;
        case 'q': o.quiet = true; break;
        case 'h': fputs(usage, stdout); return lscb_process_finish(0);
        default: return usage_error("lscb-stats", NULL, usage);
        }
    }
    if (!o.warehouse || !o.outdir || !o.year || optind != argc)
        return usage_error("lscb-stats", "--warehouse, --year and --out are required", usage);
    struct stats_result r;
    struct lscb_error e = {0};
    struct lscb_notes notes = {0};
    o.notes = &notes;
    lscb_err rc = stats_run(&o, &r, &e);
    notes_print(&notes, stderr);
    notes_release(&notes);
    return stage_exit("lscb-stats", rc, &e);
}
