/*
 * cin_xml.c — the census XML state machine, on libxml2's SAX2 push parser.
 *
 * SAX, not xmlTextReader: on a 376 MB return a bare reader pass takes 5.5 s
 * and a bare SAX pass 0.9 s (make bench).  The parser is fed 64 KB at a
 * time from the byte source, so memory does not grow with the file; it runs
 * with XML_PARSE_NONET and without NOENT or DTDLOAD, and a DOCTYPE or an
 * entity reference stops it.  Element names come interned from the parser's
 * dictionary, so matching them is comparing pointers.
 *
 * The state machine walks elements in document order keeping a stack of
 * element names.  A record opens at its element (Child, CINdetails, Assessments,
 * CINPlanDates, Section47, ChildProtectionPlans, Reviews/CPPreviewDate) and
 * is emitted at its end tag, with the parent's key fields (LA child ID,
 * referral date, plan start date) copied in at that moment.  Leaf elements
 * are mapped by (parent element, element name), so DateOfInitialCPC under
 * CINdetails and under Section47 land in different records.  Unknown
 * elements (e.g. 2025-26 PreProceedingsandFGDM) are skipped.
 */
#define _POSIX_C_SOURCE 200809L
#include "extract/cin_xml.h"
#include "extract/census_items.h"
#include "common/text.h"

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define MAXF ENTITY_MAX_FIELDS

struct rec {
    bool open;
    long line;
    char f[MAXF][CIN_FIELD_CAP];
    bool set[MAXF];
    struct rec_problem problem;   /* the first thing wrong with it */
};

/* Record-opening element and the element it must sit in. */
static const struct {
    const char *parent, *name;
    enum entity_id ent;
} openers[] = {
    {"Children", "Child", ENT_CHILD},
    {"Child", "CINdetails", ENT_EPISODE},
    {"CINdetails", "Assessments", ENT_ASSESSMENT},
    {"CINdetails", "CINPlanDates", ENT_CIN_PLAN},
    {"CINdetails", "Section47", ENT_S47},
    {"CINdetails", "ChildProtectionPlans", ENT_CPP},
    {"Reviews", "CPPreviewDate", ENT_CPP_REVIEW},
    {"CINdetails", "InitialAssessments", ENT_INITIAL_ASSESSMENT},
    {"CINdetails", "CoreAssessments", ENT_CORE_ASSESSMENT},
};

enum hdr { HDR_NONE, HDR_LEA, HDR_YEAR, HDR_REFDATE };

#define MAX_ITEMS 64
#define N_OPENERS (sizeof openers / sizeof openers[0])

struct state {
    xmlParserCtxtPtr ctxt;
    const char *name;
    lscb_err rc;                 /* the first error of the state machine */
    struct lscb_error *e;
    /* interned names: items and openers, parent and element */
    const xmlChar *item_parent[MAX_ITEMS], *item_name[MAX_ITEMS];
    int item_field[MAX_ITEMS];
    const xmlChar *open_parent[16], *open_name[16];
    const xmlChar *n_message, *n_source, *n_lea, *n_details, *n_year, *n_refdate;
    /* element name -> the items and openers with that name (pointer hash) */
    struct {
        const xmlChar *name;
        signed char items[4], openers[2];
    } by_name[256];
    const char *stack[CIN_MAX_DEPTH + 1];
    int depth;
    struct rec recs[ENT_COUNT];
    /* current leaf target */
    char *cur;
    struct rec *cur_rec;     /* the record cur is a field of (NULL: the header) */
    int cur_field;
    bool cur_list;
    bool cur_overflow;
    size_t cur_len;
    enum hdr hdr;
    char hdr_lea[CIN_FIELD_CAP], hdr_year[CIN_FIELD_CAP], hdr_ref[CIN_FIELD_CAP];
    bool saw_root;
    const struct cin_xml_opts *opts;
    struct cin_xml_info *info;
    record_fn fn;
    void *ctx;
    /* first libxml2 error */
    bool xml_failed;
    int xml_line;
    int xml_code;
    char xml_msg[512];
    bool at_end;             /* the input's end has been given to the parser */
    bool xml_at_end;         /* the first error came with the input's end */
    int xml_depth;           /* elements open when it came */
    char xml_open[64];       /* the innermost of them */
    /* provenance strings */
    char linebuf[TEXT_LONG_CAP];
    char yearbuf[TEXT_LONG_CAP];
};

static void on_xml_error(void *arg, xmlErrorPtr err)
{
    struct state *st = arg;
    if (!err || err->level < XML_ERR_ERROR || st->xml_failed)
        return;
    st->xml_failed = true;
    st->xml_line = err->line;
    st->xml_code = err->code;
    st->xml_at_end = st->at_end;
    st->xml_depth = st->depth;
    if (st->depth > 0)
        text_fmt_cut(st->xml_open, sizeof st->xml_open, "%s", st->stack[st->depth - 1]);
    text_fmt_cut(st->xml_msg, sizeof st->xml_msg, "%s", err->message ? err->message : "XML error");
    for (char *c = st->xml_msg; *c; c++)
        if (*c == '\n')
            *c = ' ';
    size_t n = strlen(st->xml_msg);
    while (n && (st->xml_msg[n - 1] == '\n' || st->xml_msg[n - 1] == ' '))
        st->xml_msg[--n] = '\0';
}

static const char *parent_name(const struct state *st)
{
    return st->depth > 0 ? st->stack[st->depth - 1] : "";
}

static long line_now(const struct state *st)
{
    return st->ctxt ? xmlSAX2GetLineNumber(st->ctxt) : 0;
}

static void rec_clear(struct rec *r)
{
    memset(r, 0, sizeof *r);
}

static void copy_bounded(char *dst, size_t cap, const char *v)
{
    size_t n = strnlen(v, cap - 1);
    memmove(dst, v, n);
    dst[n] = '\0';
}

static void set_value(char *dst, const char *v)
{
    copy_bounded(dst, CIN_FIELD_CAP, v);
}

/* Copies the ancestors' key fields (LA child ID, referral date, plan start)
 * into a record about to be emitted.  The ancestors are still open. */
static void inherit_keys(struct state *st, enum entity_id ent)
{
    const struct entity_def *d = &entity_defs[ent];
    struct rec *r = &st->recs[ent];
    if (d->nparent >= 1)
        set_value(r->f[0], st->recs[ENT_CHILD].f[0]);
    if (d->nparent >= 2)
        set_value(r->f[1], st->recs[ENT_EPISODE].f[1]);
    if (d->nparent >= 3)
        set_value(r->f[2], st->recs[ENT_CPP].f[2]);
}

static lscb_err emit(struct state *st, enum entity_id ent, struct lscb_error *e)
{
    const struct entity_def *d = &entity_defs[ent];
    struct rec *r = &st->recs[ent];
    const char *row[REC_NCTX + MAXF];
    inherit_keys(st, ent);
    text_from_long(st->linebuf, r->line);
    text_from_long(st->yearbuf, st->info->year);
    row[REC_SOURCE_FILE] = st->name;
    row[REC_SOURCE_LINE] = st->linebuf;
    row[REC_LA] = st->info->la;
    row[REC_YEAR] = st->yearbuf;
    for (size_t i = 0; i < d->nfields; i++)
        row[REC_NCTX + i] = r->f[i];
    r->open = false;
    st->info->records[ent]++;
    return st->fn(st->ctx, ent, row, &r->problem, e);
}

static bool parse_year(const char *s, int *out)
{
    if (strlen(s) < 4)
        return false;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        y = y * 10 + (s[i] - '0');
    }
    if (s[4] != '\0' && s[4] != '-')
        return false;
    *out = y;
    return y >= 1990 && y <= 2100;
}

/* Fixes LA and census year once the header is over (first Child). */
static lscb_err settle_header(struct state *st, long line, struct lscb_error *e)
{
    struct cin_xml_info *in = st->info;
    if (in->year)
        return LSCB_OK;
    const char *lea = st->hdr_lea[0] ? st->hdr_lea : st->opts->la;
    if (!lea || !*lea)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: no LA code: the header has no "
                         "Header/Source/LEA (give --la CODE)", st->name, line);
    if (strlen(lea) != 3 || strspn(lea, "0123456789") != 3 ||
        text_fmt(in->la, sizeof in->la, "%s", lea))
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field LEA: '%s' is not a 3-digit LA code",
                         st->name, line, lea);
    copy_bounded(in->reference_date, sizeof in->reference_date, st->hdr_ref);
    copy_bounded(in->header_year, sizeof in->header_year, st->hdr_year);
    /* The reference date decides which records a return holds, so it wins
     * over Year when both are present (public samples disagree). */
    int y = 0;
    if (st->hdr_ref[0]) {
        if (!parse_year(st->hdr_ref, &y))
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field ReferenceDate: '%s' is not a date",
                             st->name, line, st->hdr_ref);
    } else if (st->hdr_year[0]) {
        if (!parse_year(st->hdr_year, &y))
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: field Year: '%s' is not a census year",
                             st->name, line, st->hdr_year);
    } else if (st->opts->year) {
        y = st->opts->year;
    } else {
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: no census year: the header has neither "
                         "Year nor ReferenceDate", st->name, line);
    }
    in->year = y;
    return LSCB_OK;
}

/* The slot of an interned name in by_name (open addressing on the pointer). */
static size_t name_slot(struct state *st, const xmlChar *name)
{
    size_t h = ((uintptr_t)name >> 4) & 255;
    while (st->by_name[h].name && st->by_name[h].name != name)
        h = (h + 1) & 255;
    st->by_name[h].name = name;
    return h;
}

static size_t name_find(const struct state *st, const xmlChar *name)
{
    size_t h = ((uintptr_t)name >> 4) & 255;
    while (st->by_name[h].name && st->by_name[h].name != name)
        h = (h + 1) & 255;
    return st->by_name[h].name ? h : 256;
}

static lscb_err start_element(struct state *st, const char *name, long line,
                              struct lscb_error *e)
{
    const char *parent = parent_name(st);
    if (st->depth == 0) {
        if (st->saw_root || (const xmlChar *)name != st->n_message)
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: root element is <%s>, expected <Message> "
                             "(not a CIN census file)", st->name, line, name);
        st->saw_root = true;
    }
    if (st->depth >= CIN_MAX_DEPTH)
        return lscb_fail(e, LSCB_EINPUT, "%s:%ld: elements nested deeper than %d at <%s>",
                         st->name, line, CIN_MAX_DEPTH, name);
    st->stack[st->depth++] = name;
    st->cur = NULL;
    st->cur_rec = NULL;
    const xmlChar *xn = (const xmlChar *)name, *xp = (const xmlChar *)parent;

    if (xp == st->n_source && xn == st->n_lea)
        st->hdr = HDR_LEA, st->cur = st->hdr_lea;
    else if (xp == st->n_details && xn == st->n_year)
        st->hdr = HDR_YEAR, st->cur = st->hdr_year;
    else if (xp == st->n_details && xn == st->n_refdate)
        st->hdr = HDR_REFDATE, st->cur = st->hdr_ref;
    if (st->cur) {
        st->cur[0] = '\0';
        st->cur_len = 0;
        st->cur_list = false;
        st->cur_overflow = false;
        return LSCB_OK;
    }

    size_t slot = name_find(st, xn);
    if (slot == 256)
        return LSCB_OK; /* an element no record or field is made of */
    for (int k = 0; k < 2; k++) {
        int i = st->by_name[slot].openers[k];
        if (i < 0 || xp != st->open_parent[i])
            continue;
        enum entity_id ent = openers[i].ent;
        if (ent == ENT_CHILD) {
            lscb_err rc = settle_header(st, line, e);
            if (rc)
                return rc;
            for (int r = 0; r < ENT_COUNT; r++)
                rec_clear(&st->recs[r]);
        } else {
            rec_clear(&st->recs[ent]);
        }
        st->recs[ent].open = true;
        st->recs[ent].line = line;
        break;
    }

    for (int k = 0; k < 4; k++) {
        int i = st->by_name[slot].items[k];
        if (i < 0 || xp != st->item_parent[i])
            continue;
        const struct census_item *lf = &census_items[i];
        struct rec *r = &st->recs[lf->ent];
        if (!r->open)
            break;
        int fi = st->item_field[i];
        const struct field_def *fd = &entity_defs[lf->ent].fields[fi];
        st->cur_list = fd->type == FT_LIST;
        st->cur_overflow = false;
        if (r->set[fi] && !st->cur_list) {
            /* A repeated single-valued element: keep neither value. */
            r->f[fi][0] = '\0';
            if (r->problem.kind == REC_FINE)
                r->problem = (struct rec_problem){.kind = REC_REPEATED, .field = fi};
            st->cur = NULL;
            break;
        }
        st->cur = r->f[fi];
        st->cur_rec = r;
        st->cur_field = fi;
        if (st->cur_list && r->set[fi]) {
            st->cur_len = strlen(st->cur);
            if (st->cur_len + 1 < CIN_FIELD_CAP) {
                st->cur[st->cur_len++] = ';';
                st->cur[st->cur_len] = '\0';
            } else {
                st->cur_overflow = true;
            }
        } else {
            st->cur[0] = '\0';
            st->cur_len = 0;
        }
        r->set[fi] = true;
        break;
    }
    return LSCB_OK;
}

static void trim_value(char *s)
{
    size_t n = strlen(s), a = 0;
    while (a < n && strchr(" \t\r\n", s[a]))
        a++;
    while (n > a && strchr(" \t\r\n", s[n - 1]))
        n--;
    memmove(s, s + a, n - a);
    s[n - a] = '\0';
}

static lscb_err end_element(struct state *st, struct lscb_error *e)
{
    if (st->depth == 0)
        return LSCB_OK;
    const char *name = st->stack[--st->depth];
    const char *parent = parent_name(st);
    if (st->cur) {
        if (st->cur_overflow && !st->cur_rec) {
            return lscb_fail(e, LSCB_EINPUT, "%s:%ld: <%s> in the header is longer than %d "
                             "bytes", st->name, line_now(st), name, CIN_FIELD_CAP - 1);
        } else if (st->cur_overflow) {
            /* kept as far as it went; the record is rejected (T07) */
            struct rec *r = st->cur_rec;
            if (r->problem.kind == REC_FINE)
                r->problem = (struct rec_problem){.kind = REC_TOO_LONG, .field = st->cur_field};
        } else if (st->cur_list) {
            /* trim the item just appended */
            char *item = strrchr(st->cur, ';');
            item = item ? item + 1 : st->cur;
            trim_value(item);
        } else {
            trim_value(st->cur);
        }
        st->cur = NULL;
    }
    for (size_t i = 0; i < N_OPENERS; i++) {
        if ((const xmlChar *)name != st->open_name[i] ||
            (const xmlChar *)parent != st->open_parent[i])
            continue;
        if (st->recs[openers[i].ent].open)
            return emit(st, openers[i].ent, e);
    }
    return LSCB_OK;
}

static void add_text(struct state *st, const char *text, size_t n)
{
    if (!st->cur || st->cur_overflow)
        return;
    if (st->cur_len + n >= CIN_FIELD_CAP) {
        /* keep what fits, cut at a character boundary; the record is
         * marked REC_TOO_LONG at the element's end */
        size_t k = CIN_FIELD_CAP - 1 - st->cur_len;
        while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80)
            k--;
        memcpy(st->cur + st->cur_len, text, k);
        st->cur_len += k;
        st->cur[st->cur_len] = '\0';
        st->cur_overflow = true;
        return;
    }
    memcpy(st->cur + st->cur_len, text, n);
    st->cur_len += n;
    st->cur[st->cur_len] = '\0';
}

/* ---- SAX callbacks: each stops the parser at the first error ---- */

static void fail_stop(struct state *st, lscb_err rc)
{
    st->rc = rc;
    xmlStopParser(st->ctxt);
}

static void sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                      const xmlChar *uri, int nns, const xmlChar **ns, int nattr, int ndef,
                      const xmlChar **attrs)
{
    (void)prefix, (void)uri, (void)nns, (void)ns, (void)nattr, (void)ndef, (void)attrs;
    struct state *st = ctx;
    if (st->rc)
        return;
    lscb_err rc = start_element(st, (const char *)localname, line_now(st), st->e);
    if (rc)
        fail_stop(st, rc);
}

static void sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                    const xmlChar *uri)
{
    (void)localname, (void)prefix, (void)uri;
    struct state *st = ctx;
    if (st->rc)
        return;
    lscb_err rc = end_element(st, st->e);
    if (rc)
        fail_stop(st, rc);
}

static void sax_text(void *ctx, const xmlChar *ch, int len)
{
    struct state *st = ctx;
    if (!st->rc && len > 0)
        add_text(st, (const char *)ch, (size_t)len);
}

static void sax_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    (void)name, (void)ext, (void)sys;
    struct state *st = ctx;
    if (st->rc)
        return;
    fail_stop(st, lscb_fail(st->e, LSCB_EINPUT, "%s:%ld: document has a DOCTYPE declaration; "
                            "census files must not have one (refused for safety: entities and "
                            "external DTDs)", st->name, line_now(st)));
}

static void sax_reference(void *ctx, const xmlChar *name)
{
    struct state *st = ctx;
    if (st->rc)
        return;
    fail_stop(st, lscb_fail(st->e, LSCB_EINPUT, "%s:%ld: entity reference &%s; refused",
                            st->name, line_now(st), name));
}

static xmlEntityPtr sax_entity(void *ctx, const xmlChar *name)
{
    (void)ctx;
    (void)name;
    return NULL; /* no entity but the five predefined ones */
}

/* Interns the names the state machine compares; false if the item table
 * outgrew this reader's fixed tables (a build error, never silent). */
static bool intern_names(struct state *st)
{
    if (census_items_count > MAX_ITEMS)
        return false;
    xmlDictPtr d = st->ctxt->dict;
#define I(s) xmlDictLookup(d, BAD_CAST(s), -1)
    st->n_message = I("Message");
    st->n_source = I("Source");
    st->n_lea = I("LEA");
    st->n_details = I("CollectionDetails");
    st->n_year = I("Year");
    st->n_refdate = I("ReferenceDate");
    for (size_t i = 0; i < census_items_count; i++) {
        st->item_parent[i] = I(census_items[i].parent);
        st->item_name[i] = I(census_items[i].name);
        st->item_field[i] = entity_field(&entity_defs[census_items[i].ent],
                                         census_items[i].field);
    }
    for (size_t i = 0; i < N_OPENERS; i++) {
        st->open_parent[i] = I(openers[i].parent);
        st->open_name[i] = I(openers[i].name);
    }
#undef I
    for (size_t i = 0; i < 256; i++) {
        memset(st->by_name[i].items, -1, sizeof st->by_name[i].items);
        memset(st->by_name[i].openers, -1, sizeof st->by_name[i].openers);
    }
    for (size_t i = 0; i < census_items_count; i++) {
        size_t h = name_slot(st, st->item_name[i]);
        int k = 0;
        while (k < 4 && st->by_name[h].items[k] >= 0)
            k++;
        if (k == 4)
            return false;   /* five items of one element name */
        st->by_name[h].items[k] = (signed char)i;
    }
    for (size_t i = 0; i < N_OPENERS; i++) {
        size_t h = name_slot(st, st->open_name[i]);
        int k = 0;
        while (k < 2 && st->by_name[h].openers[k] >= 0)
            k++;
        if (k == 2)
            return false;
        st->by_name[h].openers[k] = (signed char)i;
    }
    return true;
}

lscb_err cin_xml_read(lscb_read_fn rd, void *rctx, const char *name,
                      const struct cin_xml_opts *opts, record_fn fn, void *ctx,
                      struct cin_xml_info *info, struct lscb_error *e)
{
    static const struct cin_xml_opts no_opts = {NULL, 0, ENT_COUNT};
    struct state *st = lscb_xcalloc(1, sizeof *st);
    memset(info, 0, sizeof *info);
    st->name = name;
    st->opts = opts ? opts : &no_opts;
    st->info = info;
    st->fn = fn;
    st->ctx = ctx;
    st->e = e;

    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = sax_start;
    sax.endElementNs = sax_end;
    sax.characters = sax_text;
    sax.ignorableWhitespace = sax_text;
    sax.cdataBlock = sax_text;
    sax.internalSubset = sax_doctype;
    sax.externalSubset = sax_doctype;
    sax.reference = sax_reference;
    sax.getEntity = sax_entity;
    sax.serror = on_xml_error;

    char buf[65536];
    long total = 0;
    long n = rd(rctx, buf, 4);
    if (n < 0) {
        free(st);
        return lscb_fail(e, LSCB_ESYS, "%s: read error", name);
    }
    total += n;
    st->ctxt = xmlCreatePushParserCtxt(&sax, st, buf, (int)n, name);
    if (!st->ctxt) {
        free(st);
        return lscb_fail(e, LSCB_ESYS, "%s: cannot create XML parser", name);
    }
    /* NONET: never fetch; no NOENT, no DTDLOAD, no HUGE */
    xmlCtxtUseOptions(st->ctxt, XML_PARSE_NONET);
    if (!intern_names(st))
        st->rc = lscb_fail(e, LSCB_ESYS, "census XML reader: census_items.c has more items "
                           "(or more of one name) than its tables hold (MAX_ITEMS %d)",
                           MAX_ITEMS);
    while (!st->rc && !st->xml_failed) {
        n = rd(rctx, buf, sizeof buf);
        if (n < 0) {
            st->rc = lscb_fail(e, LSCB_ESYS, "%s: read error", name);
            break;
        }
        total += n;
        st->at_end = n == 0;
        xmlParseChunk(st->ctxt, buf, (int)n, n == 0);
        if (n == 0)
            break;
    }
    lscb_err rc = st->rc;
    if (rc == LSCB_OK && (st->xml_failed || !st->ctxt->wellFormed)) {
        if (st->xml_failed && (st->xml_code == XML_ERR_DOCUMENT_EMPTY || total == 0))
            rc = lscb_fail(e, LSCB_EINPUT, "%s:%d: empty document or no root element "
                           "(malformed XML: %s)", name, st->xml_line, st->xml_msg);
        /* libxml2's words for a file that stops part-way ("Extra content at
         * the end of the document", "Premature end of data") do not say so */
        else if (st->xml_failed && st->xml_at_end && st->xml_depth > 0)
            rc = lscb_fail(e, LSCB_EINPUT, "%s:%d: the file ends inside <%s> with %d element%s "
                           "still open: it looks cut short (an incomplete copy, download or "
                           "export) or malformed; get the whole return again (malformed XML: "
                           "%s)", name, st->xml_line, st->xml_open, st->xml_depth,
                           st->xml_depth == 1 ? "" : "s", st->xml_msg);
        else if (st->xml_failed && st->xml_at_end && !st->saw_root)
            rc = lscb_fail(e, LSCB_EINPUT, "%s:%d: the file ends before its first element is "
                           "complete: it looks cut short (an incomplete copy, download or "
                           "export) or malformed; get the whole return again (malformed XML: "
                           "%s)", name, st->xml_line, st->xml_msg);
        else if (st->xml_failed && st->saw_root && st->xml_depth == 0 &&
                 st->xml_code == XML_ERR_DOCUMENT_END)
            rc = lscb_fail(e, LSCB_EINPUT, "%s:%d: more after the census's closing </Message>: "
                           "the file looks malformed (two returns joined, or text appended); "
                           "give each return as a file of its own (malformed XML: %s)", name,
                           st->xml_line, st->xml_msg);
        else if (st->xml_failed)
            rc = lscb_fail(e, LSCB_EINPUT, "%s:%d: malformed XML: %s (the file looks malformed "
                           "or cut short: check it opens whole in an XML viewer)", name,
                           st->xml_line, st->xml_msg);
        else
            rc = lscb_fail(e, LSCB_EINPUT, "%s:%ld: malformed XML", name, line_now(st));
    }
    if (rc == LSCB_OK && !st->saw_root)
        rc = lscb_fail(e, LSCB_EINPUT, "%s:1: empty document or no root element", name);
    if (rc == LSCB_OK && info->year == 0)
        rc = settle_header(st, line_now(st), e);
    xmlFreeDoc(st->ctxt->myDoc);
    xmlFreeParserCtxt(st->ctxt);
    free(st);
    return rc;
}
