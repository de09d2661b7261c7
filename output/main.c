/* lscb-report — command line over report_run(). */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "output/report.h"
#include "common/csvio.h"
#include "common/lscb.h"
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
    "                   (default: the rejects.csv beside DIR, as lscb-run lays\n"
    "                   out its work directory, when there is one: the same\n"
    "                   workbook as the run's)\n"
    "  --no-rejects     no rejects file: the Data quality sheet says so\n"

    "  -q, --quiet      no reconciliation line\n"
    "  -h, --help       this help\n"
    "Exit status: 0 done, 1 bad input (template or tables), 2 usage, 3 system error.\n";

/* DIR/../rejects.csv as lscb-run lays out a work directory (WORKDIR/tables
 * beside WORKDIR/rejects.csv, committed together), when it is a file: a new
 * string, or NULL. */
static char *rejects_beside(const char *tables)
{
    size_t n = strlen(tables);
    while (n > 1 && tables[n - 1] == '/')
        n--;
    size_t base = n;
    while (base > 0 && tables[base - 1] != '/')
        base--;
    /* the last component '.' or '..' names a directory whose parent is not
     * the text before it (--tables . is the current directory, whose
     * rejects.csv is ../rejects.csv): go up through the file system */
    size_t last = n - base;
    char *p;
    if ((last == 1 && tables[base] == '.') ||
        (last == 2 && tables[base] == '.' && tables[base + 1] == '.')) {
        p = path_join(tables, "../rejects.csv");
    } else {
        static const char tail[] = "rejects.csv";
        p = lscb_xmalloc(base + sizeof tail);
        memcpy(p, tables, base);
        memcpy(p + base, tail, sizeof tail);
    }
    struct stat st;
    if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
        return p;
    free(p);
    return NULL;
}

int main(int argc, char **argv)
{
    lscb_process_init();
    struct report_opts o = {.tpl = "dfe"};
    static const struct option lo[] = {
        {"tables", required_argument, NULL, 't'}, {"out", required_argument, NULL, 'o'},
        {"year", required_argument, NULL, 'y'}, {"template", required_argument, NULL, 'T'},
        {"rejects", required_argument, NULL, 'r'}, {"no-rejects", no_argument, NULL, 'N'},
        {"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    bool no_rejects = false;
    while ((c = getopt_long(argc, argv, "qh", lo, NULL)) != -1) {
        switch (c) {
        case 't': o.tables = optarg; break;
        case 'o': o.out = optarg; break;
        case 'T': o.tpl = optarg; break;
        case 'r': o.rejects = optarg; break;
        case 'N': no_rejects = true; break;
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
    if (no_rejects && o.rejects)
        return usage_error("lscb-report", "--rejects and --no-rejects: give one", usage);
    struct lscb_error e = {0};
    struct lscb_notes notes = {0};
    o.notes = &notes;
    char *beside = no_rejects || o.rejects ? NULL : rejects_beside(o.tables);
    if (beside) {
        o.rejects = beside;
        if (!o.quiet)
            notes_add(&notes, "lscb-report: rejects counted from %s (beside the tables, as "
                      "lscb-run keeps them; --rejects FILE for another, --no-rejects for none)",
                      beside);
    }
    lscb_err rc = report_run(&o, &e);
    free(beside);
    notes_print(&notes, stderr);
    notes_release(&notes);
    return stage_exit("lscb-report", rc, &e);
}
