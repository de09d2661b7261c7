/* lscb-synth — command line over synth_run(). */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "synth/synth.h"
#include "common/util.h"
#include "common/text.h"

static const char usage[] =
    "Usage: lscb-synth --out DIR [--la CODE] [--years FIRST-LAST] [--children N]\n"
    "                  [--seed N] [--truth FILE]\n"
    "Writes a synthetic authority's children in need census returns,\n"
    "DIR/cin-YYYY.xml for each census year, as it would have returned them on\n"
    "each 31 March.  Deterministic: the same options give the same files.\n"
    "No real child's data is involved.\n"
    "\n"
    "  --la CODE           3-digit LA code (default 999)\n"
    "  --years FIRST-LAST  census years (default 2022-2024)\n"
    "  --children N        children simulated (default 1,300 per simulated year,\n"
    "                      like an inner London borough)\n"
    "  --seed N            random seed (default 1)\n"
    "  --truth FILE        also write every plan as the warehouse should hold it\n"
    "  --format FMT        xml (default), csv (DIR/csv-YYYY/<module>.csv, the\n"
    "                      census items as CSV extracts) or both\n"
    "  -q, --quiet         no summary line\n"
    "  -h, --help          this help\n";

int main(int argc, char **argv)
{
    lscb_process_init();
    struct synth_opts o = {.seed = 1, .la = "999", .first_year = 2022, .last_year = 2024,
                           .xml = true};
    static const struct option lo[] = {
        {"out", required_argument, NULL, 'o'}, {"la", required_argument, NULL, 'l'},
        {"years", required_argument, NULL, 'y'}, {"children", required_argument, NULL, 'c'},
        {"seed", required_argument, NULL, 's'}, {"truth", required_argument, NULL, 't'},
        {"format", required_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    long v;
    while ((c = getopt_long(argc, argv, "qh", lo, NULL)) != -1) {
        switch (c) {
        case 'o': o.outdir = optarg; break;
        case 'l':
            if (strlen(optarg) != 3 || strspn(optarg, "0123456789") != 3)
                return usage_error("lscb-synth", "--la wants a 3-digit code", usage);
            o.la = optarg;
            break;
        case 'y': {
            char a[8] = "", b[8] = "";
            const char *dash = strchr(optarg, '-');
            bool cut; /* a cut year would be taken for another */
            if (dash && dash - optarg < 8) {
                memcpy(a, optarg, (size_t)(dash - optarg));
                cut = text_fmt(b, sizeof b, "%s", dash + 1) != 0;
            } else {
                cut = text_fmt(a, sizeof a, "%s", optarg) || text_fmt(b, sizeof b, "%s", optarg);
            }
            if (cut || !parse_year_arg(a, &o.first_year) || !parse_year_arg(b, &o.last_year) ||
                o.first_year > o.last_year)
                return usage_error("lscb-synth", "--years wants FIRST-LAST, e.g. 2022-2024",
                                   usage);
            break;
        }
        case 'c':
            if (!parse_long_arg(optarg, &v) || v < 1 || v > 20000000)
                return usage_error("lscb-synth", "--children wants 1 to 20000000", usage);
            o.children = v;
            break;
        case 's':
            if (!parse_long_arg(optarg, &v) || v < 0)
                return usage_error("lscb-synth", "--seed wants a number >= 0", usage);
            o.seed = (uint64_t)v;
            break;
        case 't': o.truth = optarg; break;
        case 'f':
            o.xml = !strcmp(optarg, "xml") || !strcmp(optarg, "both");
            o.csv = !strcmp(optarg, "csv") || !strcmp(optarg, "both");
            if (!o.xml && !o.csv)
                return usage_error("lscb-synth", "--format wants xml, csv or both", usage);
            break;
        case 'q': o.quiet = true; break;
        case 'h': fputs(usage, stdout); return lscb_process_finish(0);
        default: return usage_error("lscb-synth", NULL, usage);
        }
    }
    if (!o.outdir || optind != argc)
        return usage_error("lscb-synth", "--out is required", usage);
    struct lscb_error e = {0};
    struct lscb_notes notes = {0};
    o.notes = &notes;
    lscb_err rc = synth_run(&o, &e);
    notes_print(&notes, stderr);
    notes_release(&notes);
    return stage_exit("lscb-synth", rc, &e);
}
