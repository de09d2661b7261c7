/* lscb-run — the pipeline driver cron calls (DESIGN.md command-line contract). */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "common/config.h"
#include "common/date.h"
#include "run/pipeline.h"
#include "common/disclose.h"
#include "common/util.h"

static const char usage[] =
    "Usage: lscb-run --year YYYY --workdir DIR [--la CODE] [--template NAME]\n"
    "                [--config FILE] [--published DIR] [--period-end DATE] [INPUT ...]\n"
    "       lscb-run --config FILE     (a whole yearly run: the file's [run] section)\n"
    "Runs extract, transform, load, stats and report for census year YYYY\n"
    "(1 April YYYY-1 to 31 March YYYY) into DIR:\n"
    "  DIR/tables/measures.csv   every measure for the year, quarters and months\n"
    "  DIR/report-YYYY.xlsx      the workbook\n"
    "  DIR/rejects.csv           records that could not be used, and why\n"
    "  DIR/warehouse.sqlite      the warehouse (kept; loading a year again replaces it)\n"
    "  DIR/validation.csv        failures of DfE's CIN census validation rules\n"
    "INPUTs are children in need census XML files of any years (2016-17 on); give\n"
    "every year you hold so plans and episodes spanning several years are complete.\n"
    "With no INPUT the existing warehouse is reported on again.\n"
    "\n"
    "  --la CODE        authority, when the files or warehouse hold several; with\n"
    "                   no INPUT, several comma-separated (201,202,...) give\n"
    "                   their aggregate (counts pooled, populations summed)\n"
    "  --warehouse WH   the warehouse: an SQLite file, or postgresql://... (libpq\n"
    "                   URI) for one shared by several authorities (default\n"
    "                   the configuration's warehouse, else DIR/warehouse.sqlite)\n"
    "  --template NAME  report layout, templates/NAME.ini (default dfe)\n"
    "  --population FILE  ONS mid-year 0-17 estimates for rates per 10,000\n"
    "                   (default the bundled data/ons-population-0-17.csv)\n"
    "  --config FILE    authority configuration (INI [authority]: la, sn_model\n"
    "                   2021/2025/list, neighbours, sn_aggregate, region,\n"
    "                   comparators, warehouse; [run]: inputs (a directory),\n"
    "                   workdir, templates, published, population, publish,\n"
    "                   year).  The command line wins over the file; without a\n"
    "                   year the newest return's census year is reported on\n"
    "  --published DIR  published DfE tables with their map.csv (the bundled\n"
    "                   data/published, or ../shared/data/external with a map):\n"
    "                   DIR/tables/benchmarks.csv against neighbours, region and\n"
    "                   England; with no INPUT and no warehouse, only that\n"
    "  --publish        publication profile: DfE's suppression in the workbook and\n"
    "                   tables (counts of 1 to 5 as c, with secondary suppression);\n"
    "                   off by default, for internal use\n"
    "  --period-end DATE  validate a part-year extract: returns of DATE's year are\n"
    "                   judged by DfE's rules over the year ending DATE (rule 100\n"
    "                   then wants DATE as the reference date); default the census\n"
    "                   year ending 31 March\n"
    "  --keep-intermediate  run the transform and the load on files, as the stage\n"
    "                   binaries do, and keep DIR/staged and DIR/normalized (they\n"
    "                   hold LA child IDs); otherwise the records go from the\n"
    "                   inputs to the warehouse in one pass, on two threads\n"
    "  -v, --verbose    each stage's 'read N, wrote M, rejected K' line on stderr\n"
    "  -h, --help       this help\n"
    "On success prints one summary line.  Exit status: 0 success; 1 bad input\n"
    "that stopped the run (the message names file and line); 2 usage; 3 internal\n"
    "or system error.  A failed run changes nothing: every output and the\n"
    "warehouse stay as they were.\n";

int main(int argc, char **argv)
{
    lscb_process_init();
    if (getenv("LSCB_DZ_TRACE"))
        dz_set_trace(trace_to_stderr);
    progress_set_display(progress_terminal);
    struct pipeline_opts o = {0};
    const char *published = NULL, *config = NULL;
    static const struct option lo[] = {
        {"year", required_argument, NULL, 'y'}, {"la", required_argument, NULL, 'l'},
        {"template", required_argument, NULL, 'T'},
        {"population", required_argument, NULL, 'P'}, {"workdir", required_argument, NULL, 'w'},
        {"config", required_argument, NULL, 'c'}, {"published", required_argument, NULL, 'p'},
        {"verbose", no_argument, NULL, 'v'}, {"publish", no_argument, NULL, 'B'},
        {"keep-intermediate", no_argument, NULL, 'K'}, {"help", no_argument, NULL, 'h'},
        {"warehouse", required_argument, NULL, 'W'},
        {"period-end", required_argument, NULL, 'E'},
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "vh", lo, NULL)) != -1) {
        switch (c) {
        case 'y':
            if (!parse_year_arg(optarg, &o.year))
                return usage_error("lscb-run", "--year wants a year like 2024", usage);
            break;
        case 'l': o.la = optarg; break;
        case 'T': o.tpl = optarg; break;
        case 'P': o.population = optarg; break;
        case 'w': o.workdir = optarg; break;
        case 'c': config = optarg; break;
        case 'p': published = optarg; break;
        case 'v': o.verbose = true; break;
        case 'B': o.publish = true; break;
        case 'K': o.keep_intermediate = true; break;
        case 'W': o.warehouse = optarg; break;
        case 'E': {
            lscb_date pe;
            if (!date_parse_iso(optarg, &pe))
                return usage_error("lscb-run", "--period-end wants a date like 2024-09-30",
                                   usage);
            o.period_end = optarg;
            break;
        }
        case 'h': fputs(usage, stdout); return lscb_process_finish(0);
        default: return usage_error("lscb-run", NULL, usage);
        }
    }
    /* a configuration with a [run] section holds the whole yearly run: the
     * command line wins over it */
    struct lscb_config cfg;
    config_defaults(&cfg);
    struct lscb_error e = {0};
    if (config && config_load(config, &cfg, &e) != LSCB_OK) {
        fprintf(stderr, "lscb-run: %s\n", e.msg);
        return lscb_process_finish(lscb_exit_code(e.code));
    }
    if (!o.workdir && cfg.workdir[0])
        o.workdir = cfg.workdir;
    if (!o.year)
        o.year = cfg.year;
    if (!o.la && cfg.la[0])
        o.la = cfg.la;
    if (!published && cfg.published[0])
        published = cfg.published;
    if (!o.population && cfg.population[0])
        o.population = cfg.population;
    o.publish = o.publish || cfg.publish;
    const char *tpls[CFG_MAX_TEMPLATES];
    if (!o.tpl && cfg.ntemplates > 0) {
        for (int i = 0; i < cfg.ntemplates; i++)
            tpls[i] = cfg.templates[i];
        o.tpls = tpls;
        o.ntpls = cfg.ntemplates;
    }
    if (!o.workdir)
        return usage_error("lscb-run", "--workdir (or workdir in the configuration's [run]) "
                           "is required", usage);
    o.published = published;
    o.config = config;
    o.inputs = (const char *const *)argv + optind;
    o.ninputs = argc - optind;
    char **listed = NULL;
    int nlisted = 0;
    if (o.ninputs == 0 && cfg.inputs[0]) {
        if (pipeline_list_inputs(cfg.inputs, &listed, &nlisted, &e) != LSCB_OK) {
            fprintf(stderr, "lscb-run: %s\n", e.msg);
            return lscb_process_finish(lscb_exit_code(e.code));
        }
        o.inputs = (const char *const *)listed;
        o.ninputs = nlisted;
    }
    struct pipeline_result r;
    lscb_err rc = pipeline_run(&o, &r, &e);
    notes_print(&r.notes, stderr);
    notes_release(&r.notes);
    for (int i = 0; i < nlisted; i++)
        free(listed[i]);
    free(listed);
    if (rc != LSCB_OK) {
        fprintf(stderr, "lscb-run: %s\n", e.msg);
        return lscb_process_finish(lscb_exit_code(rc));
    }
    if (r.benchmarks_only)
        printf("lscb-run: %d: no child-level data; from published tables: %s and "
               "%s/tables/benchmarks.csv; left out (they need census returns): %s\n",
               r.year, r.report, o.workdir, r.left_out[0] ? r.left_out : "none");
    else
        printf("lscb-run: %d: %ld records read, %ld rejected (see rejects.csv); %s children on "
               "a plan at 31 March %d; wrote %s%s\n", r.year, r.records_read,
               r.records_rejected, r.cpp_open[0] ? r.cpp_open : "?", r.year, r.report,
               published ? " and tables/benchmarks.csv" : "");
    return lscb_process_finish(0);
}
