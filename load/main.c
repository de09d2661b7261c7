/* lscb-load — command line over load_run(). */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>

#include "load/load.h"
#include "common/util.h"

static const char usage[] =
    "Usage: lscb-load --in NORMALISED_DIR --warehouse WH\n"
    "Loads normalised records (from lscb-transform) into the warehouse WH, an\n"
    "SQLite file or a PostgreSQL database named by a postgresql:// URI (libpq),\n"
    "(an SQLite file is created if missing), one transaction per authority and\n"
    "census year (PostgreSQL: one for the whole load).\n"
    "Loading a year again replaces it; an episode or plan returned in several\n"
    "census years is kept once, the latest census winning.  LA child IDs are\n"
    "stored as keyed pseudonyms (HMAC-SHA256): the key comes from the environment\n"
    "variable LSCB_PSEUDONYM_KEY (16 characters or more) or --key-file.\n"
    "\n"
    "  --key-file FILE  the pseudonym key (created, owner-only, if missing)\n"
    "  -q, --quiet   no reconciliation line\n"
    "  -h, --help    this help\n"
    "Exit status: 0 done, 1 bad input, 2 usage, 3 system error.\n";

int main(int argc, char **argv)
{
    lscb_process_init();
    progress_set_display(progress_terminal);
    struct load_opts o = {0};
    static const struct option lo[] = {
        {"in", required_argument, NULL, 'i'}, {"warehouse", required_argument, NULL, 'w'},
        {"key-file", required_argument, NULL, 'k'},
        {"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "qh", lo, NULL)) != -1) {
        switch (c) {
        case 'i': o.indir = optarg; break;
        case 'w': o.warehouse = optarg; break;
        case 'k': o.key_file = optarg; o.create_key = true; break;
        case 'q': o.quiet = true; break;
        case 'h': fputs(usage, stdout); return lscb_process_finish(0);
        default: return usage_error("lscb-load", NULL, usage);
        }
    }
    if (!o.indir || !o.warehouse || optind != argc)
        return usage_error("lscb-load", "--in and --warehouse are required", usage);
    struct load_result r;
    struct lscb_error e = {0};
    struct lscb_notes notes = {0};
    o.notes = &notes;
    lscb_err rc = load_run(&o, &r, &e);
    notes_print(&notes, stderr);
    notes_release(&notes);
    return stage_exit("lscb-load", rc, &e);
}
