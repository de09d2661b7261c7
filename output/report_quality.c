/*
 * report_quality.c — the Data quality sheet (rejects.csv counted by kind of
 * record and rule) and the Validation sheet (validation.csv counted by DfE
 * rule, with what happens to a failing record).  Neither shows a child's
 * identifier: the CSV files beside the workbook list the records.
 */
#define _POSIX_C_SOURCE 200809L
#include "output/report_sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/csvio.h"
#include "common/paths.h"
#include "common/reject_rules.h"
#include "common/util.h"
#include "common/vrules.h"
#include "common/text.h"

static lscb_err on_reject(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct quality *q = ctx;
    if (line == 1 && n > 0 && !strcmp(f[0], "source_file"))
        return LSCB_OK;
    if (n != 8)
        return lscb_fail(e, LSCB_EINPUT, "rejects.csv:%ld: expected 8 columns", line);
    for (size_t i = 0; i < q->nrejects; i++)
        if (!strcmp(q->rejects[i].entity, f[2]) && !strcmp(q->rejects[i].rule, f[5])) {
            q->rejects[i].n++;
            return LSCB_OK;
        }
    q->rejects = lscb_xrealloc(q->rejects, (q->nrejects + 1) * sizeof *q->rejects);
    struct reject_count *r = &q->rejects[q->nrejects++];
    if (text_fmt(r->entity, sizeof r->entity, "%s", f[2]) ||
        text_fmt(r->rule, sizeof r->rule, "%s", f[5]))
        return lscb_fail(e, LSCB_EINPUT, "rejects.csv:%ld: entity '%s' or rule '%s' longer than "
                         "%zu or %zu characters", line, f[2], f[5], sizeof r->entity - 1,
                         sizeof r->rule - 1);
    r->n = 1;
    return LSCB_OK;
}

static lscb_err on_summary(void *ctx, char **f, size_t n, long line, struct lscb_error *e)
{
    struct quality *q = ctx;
    if (line == 1 && n > 0 && !strcmp(f[0], "rule"))
        return LSCB_OK;
    const struct vrule *r = n == 3 ? vrule_find(f[0]) : NULL;
    long fails;
    if (!r || !text_long(f[2], &fails) || fails < 0)
        return lscb_fail(e, LSCB_EINPUT, "validation-summary.csv:%ld: expected rule, type, "
                         "failures with a rule of the 2025-26 set", line);
    q->vfails[r - vrules] += fails;
    return LSCB_OK;
}

lscb_err quality_read(struct quality *q, const char *rejects, const char *tables,
                      struct lscb_error *e)
{
    memset(q, 0, sizeof *q);
    q->vfails = lscb_xmalloc(vrules_count * sizeof *q->vfails);
    memset(q->vfails, 0, vrules_count * sizeof *q->vfails);
    lscb_err rc = LSCB_OK;
    if (rejects && access(rejects, R_OK) == 0) {
        q->have_rejects = true;
        rc = csv_read_path_text(rejects, on_reject, q, e);
    }
    char *summary = path_join(tables, "validation-summary.csv");
    if (rc == LSCB_OK && access(summary, R_OK) == 0) {
        q->have_validation = true;
        rc = csv_read_path_text(summary, on_summary, q, e);
    }
    free(summary);
    return rc;
}

void quality_release(struct quality *q)
{
    free(q->rejects);
    free(q->vfails);
    memset(q, 0, sizeof *q);
}

void write_quality(lxw_workbook *wb, const struct quality *q, const struct fmts *f)
{
    lxw_worksheet *ws = plain_sheet(wb, TPL_SHEET_QUALITY, "Data quality", f);
    if (!ws)
        return;   /* a name libxlsxwriter refused: report_check_sheets says which */
    worksheet_set_column(ws, 1, 1, 14, NULL);
    worksheet_set_column(ws, 2, 2, 10, NULL);
    worksheet_set_column(ws, 3, 3, 70, f->note);
    if (!q->have_rejects) {
        worksheet_write_string(ws, 2, 0, "No rejects file was given to the report.", f->note);
        return;
    }
    write_wrapped_across(ws, 1, 3, 128 / 1.2,
                         "Records that could not be used, by kind and rule; each one is "
                         "listed with its file, line, LA child ID and field in rejects.csv. "
                         "DfE's validation rules are on the Validation sheet.",
                         f->sub_wrap);
    worksheet_write_string(ws, 3, 0, "Records of", f->head);
    worksheet_write_string(ws, 3, 1, "Rule", f->head);
    worksheet_write_string(ws, 3, 2, "Records", f->head);
    worksheet_write_string(ws, 3, 3, "Meaning", f->head);
    int row = 4;
    long total = 0;
    for (size_t i = 0; i < q->nrejects; i++, row++) {
        const struct reject_count *r = &q->rejects[i];
        const char *meaning = "";
        for (size_t k = 0; k < reject_rules_count; k++)
            if (!strcmp(reject_rules[k].code, r->rule))
                meaning = reject_rules[k].meaning;
        worksheet_write_string(ws, (lxw_row_t)row, 0, r->entity, NULL);
        worksheet_write_string(ws, (lxw_row_t)row, 1, r->rule, NULL);
        worksheet_write_number(ws, (lxw_row_t)row, 2, (double)r->n, f->num);
        worksheet_write_string(ws, (lxw_row_t)row, 3, meaning, f->note);
        total += r->n;
    }
    worksheet_write_string(ws, (lxw_row_t)row, 0, "All rejected records", f->label);
    worksheet_write_number(ws, (lxw_row_t)row, 2, (double)total, f->num);
}

void write_validation(lxw_workbook *wb, const struct quality *q, const struct fmts *f)
{
    lxw_worksheet *ws = plain_sheet(wb, TPL_SHEET_VALIDATION, "Validation (DfE CIN census rules "
                                    "2025-26)", f);
    if (!ws)
        return;   /* a name libxlsxwriter refused: report_check_sheets says which */
    worksheet_set_column(ws, 0, 0, 8, NULL);
    worksheet_set_column(ws, 1, 1, 7, NULL);
    worksheet_set_column(ws, 2, 2, 9, NULL);
    worksheet_set_column(ws, 3, 3, 24, f->note);
    worksheet_set_column(ws, 4, 4, 60, f->note);
    worksheet_set_column(ws, 5, 5, 50, f->note);
    if (!q->have_validation) {
        worksheet_write_string(ws, 2, 0, "This year's return was not validated (loaded "
                               "without lscb-transform --validation, or before validation "
                               "existed): load it again with lscb-run to validate it.", f->note);
        return;
    }
    /* wrapped over the table's width: running on, it made the page print
     * at half size */
    write_wrapped_across(ws, 1, 5, 158 / 1.2,
                         "Records of this year's census return failing each rule; "
                         "validation.csv, written when the return was loaded, lists every "
                         "one with its LA child ID, field, file and line. Validation drops "
                         "nothing: the last column says what the pipeline does with a "
                         "failing record.", f->sub_wrap);
    static const char *const head[] = {"Rule", "Type", "Failures", "Module / field", "Message",
                                       "What happens to a failing record"};
    for (int c = 0; c < 6; c++)
        worksheet_write_string(ws, 3, (lxw_col_t)c, head[c], f->head);
    int row = 4;
    long errors = 0, queries = 0;
    size_t passed = 0;
    for (size_t i = 0; i < vrules_count; i++) {
        const struct vrule *r = &vrules[i];
        if (q->vfails[i] == 0) {
            passed++;
            continue;
        }
        char where[96];
        text_fmt_cut(where, sizeof where, "%s / %s", r->module, r->field); /* a label */
        /* at the top of the row, beside the wrapped message */
        worksheet_write_string(ws, (lxw_row_t)row, 0, r->code, f->label_top);
        worksheet_write_string(ws, (lxw_row_t)row, 1, r->query ? "query" : "error",
                               f->label_top);
        worksheet_write_number(ws, (lxw_row_t)row, 2, (double)q->vfails[i], f->num_top);
        worksheet_write_string(ws, (lxw_row_t)row, 3, where, f->note);
        worksheet_write_string(ws, (lxw_row_t)row, 4, r->message, f->note);
        worksheet_write_string(ws, (lxw_row_t)row, 5, r->action, f->note);
        worksheet_set_row(ws, (lxw_row_t)row, 12.0 * (double)(strlen(r->message) / 70 + 1) + 2,
                          NULL);
        if (r->query)
            queries += q->vfails[i];
        else
            errors += q->vfails[i];
        row++;
    }
    char line[160];
    snprintf(line, sizeof line, "%zu of %zu rules: no failures", passed, vrules_count);
    worksheet_write_string(ws, (lxw_row_t)row++, 0, line, f->label);
    worksheet_write_string(ws, (lxw_row_t)row, 0, "Errors", f->label);
    worksheet_write_number(ws, (lxw_row_t)row++, 2, (double)errors, f->num);
    worksheet_write_string(ws, (lxw_row_t)row, 0, "Queries", f->label);
    worksheet_write_number(ws, (lxw_row_t)row, 2, (double)queries, f->num);
}
