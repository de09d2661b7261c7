/* sax.c — the yardstick for lscb-extract: a bare libxml2 SAX pass over a
 * file (no entity substitution, no network), counting elements. */
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

static long elements;

static void start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    (void)ctx;
    (void)name;
    (void)atts;
    elements++;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: sax FILE\n", stderr);
        return 2;
    }
    xmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.startElement = start;
    if (xmlSAXUserParseFile(&h, NULL, argv[1]) != 0) {
        fprintf(stderr, "sax: %s: parse error\n", argv[1]);
        return 1;
    }
    printf("%ld elements\n", elements);
    return 0;
}
