/* lscb-extract — command line over extract_run(). */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "extract/extract.h"
#include "common/util.h"

static const char usage[] =
    "Usage: lscb-extract --out DIR [--la CODE] [--census-year YYYY] INPUT...\n"
    "Reads children in need census XML files (any schema year 2016-17 to 2025-26)\n"
    "and writes staged records, values as found with file and line, to DIR:\n"
    "one CSV per entity (child, episode, assessment, cin_plan, s47, cpp,\n"
    "cpp_review) and census.csv (LA, census year and record count per input).\n"
    "\n"
    "  --out DIR           staged directory (created if missing)\n"
    "  --la CODE           LA code for files whose header has no LEA\n"
    "  --census-year YYYY  census year for files whose header has none\n"
    "  -q, --quiet         no reconciliation line on stderr\n"
    "  -h, --help          this help\n"
    "\n"
    "Exit status: 0 done, 1 bad input (nothing written), 2 usage, 3 system error.\n";

int main(int argc, char **argv)
{
    lscb_process_init();
    progress_set_display(progress_terminal);
    struct extract_opts o = {0};
    static const struct option lo[] = {
        {"out", required_argument, NULL, 'o'}, {"la", required_argument, NULL, 'l'},
        {"census-year", required_argument, NULL, 'y'}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "qh", lo, NULL)) != -1) {
        switch (c) {
        case 'o': o.outdir = optarg; break;
        case 'l': o.la = optarg; break;
        case 'y':
            if (!parse_year_arg(optarg, &o.year))
                return usage_error("lscb-extract", "--census-year wants a year like 2024", usage);
            break;
        case 'q': o.quiet = true; break;
        case 'h': fputs(usage, stdout); return lscb_process_finish(0);
        default: return usage_error("lscb-extract", NULL, usage);
        }
    }
    if (!o.outdir || optind >= argc)
        return usage_error("lscb-extract", "--out and at least one INPUT are required", usage);
    o.inputs = (const char *const *)argv + optind;
    o.ninputs = argc - optind;
    struct extract_result r;
    struct lscb_error e = {0};
    struct lscb_notes notes = {0};
    o.notes = &notes;
    lscb_err rc = extract_run(&o, &r, &e);
    notes_print(&notes, stderr);
    notes_release(&notes);
    return stage_exit("lscb-extract", rc, &e);
}
