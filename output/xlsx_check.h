/*
 * xlsx_check.h — every libxlsxwriter call of the report checked, without a
 * check at each of its ~450 call sites.
 *
 * Why: a worksheet_* call that fails (a string past Excel's 32,767
 * characters, a row or column out of range, no memory) returns an error and
 * writes nothing; ignored, the workbook is written without that cell and
 * nobody knows.  Each function below that returns an lxw_error, or a
 * pointer that is NULL on failure, is redefined as a macro that calls it
 * and records the first failure (the call, file and line); the workbook's
 * writer resets the record when it begins a workbook and asks for it before
 * closing, and the run fails (nothing written) instead of publishing a
 * workbook with a hole.  The calls return what they returned before.
 *
 * Include this (report_sheet.h does) after <xlsxwriter.h> (it includes it
 * first): a macro seen before the library's own declarations would rewrite
 * them.  The record is per process: one workbook is written at a time.
 */
#ifndef LSCB_XLSX_CHECK_H
#define LSCB_XLSX_CHECK_H

#include <xlsxwriter.h>
#include "common/lscb.h"

/* Forgets any failure recorded: call when a workbook begins.  (With
 * LSCB_XLSX_FAIL_AT=N, for the tests, the workbook's Nth checked call that
 * returns an lxw_error fails.) */
void xlsx_check_reset(void);

/* LSCB_OK, or LSCB_ESYS with e naming the first failed call and why
 * (out names the workbook in the message). */
lscb_err xlsx_check_result(const char *out, struct lscb_error *e);

/* The recorders: return err / p as given. */
lxw_error xlsx_check_err(lxw_error err, const char *call, const char *file, int line);
void *xlsx_check_ptr(void *p, const char *call, const char *file, int line);

#define XLSX_ERR_(f, ...) xlsx_check_err((f)(__VA_ARGS__), #f, __FILE__, __LINE__)
#define XLSX_PTR_(type, f, ...) ((type *)xlsx_check_ptr((f)(__VA_ARGS__), #f, __FILE__, __LINE__))

#define worksheet_write_string(...) XLSX_ERR_(worksheet_write_string, __VA_ARGS__)
#define worksheet_write_number(...) XLSX_ERR_(worksheet_write_number, __VA_ARGS__)
#define worksheet_write_blank(...) XLSX_ERR_(worksheet_write_blank, __VA_ARGS__)
#define worksheet_write_formula(...) XLSX_ERR_(worksheet_write_formula, __VA_ARGS__)
#define worksheet_write_datetime(...) XLSX_ERR_(worksheet_write_datetime, __VA_ARGS__)
#define worksheet_write_boolean(...) XLSX_ERR_(worksheet_write_boolean, __VA_ARGS__)
#define worksheet_write_url(...) XLSX_ERR_(worksheet_write_url, __VA_ARGS__)
#define worksheet_write_url_opt(...) XLSX_ERR_(worksheet_write_url_opt, __VA_ARGS__)
#define worksheet_write_comment(...) XLSX_ERR_(worksheet_write_comment, __VA_ARGS__)
#define worksheet_set_column(...) XLSX_ERR_(worksheet_set_column, __VA_ARGS__)
#define worksheet_set_column_opt(...) XLSX_ERR_(worksheet_set_column_opt, __VA_ARGS__)
#define worksheet_set_row(...) XLSX_ERR_(worksheet_set_row, __VA_ARGS__)
#define worksheet_set_row_opt(...) XLSX_ERR_(worksheet_set_row_opt, __VA_ARGS__)
#define worksheet_merge_range(...) XLSX_ERR_(worksheet_merge_range, __VA_ARGS__)
#define worksheet_print_area(...) XLSX_ERR_(worksheet_print_area, __VA_ARGS__)
#define worksheet_insert_chart(...) XLSX_ERR_(worksheet_insert_chart, __VA_ARGS__)
#define worksheet_insert_chart_opt(...) XLSX_ERR_(worksheet_insert_chart_opt, __VA_ARGS__)
#define worksheet_conditional_format_range(...) \
    XLSX_ERR_(worksheet_conditional_format_range, __VA_ARGS__)
#define workbook_set_properties(...) XLSX_ERR_(workbook_set_properties, __VA_ARGS__)
#define workbook_define_name(...) XLSX_ERR_(workbook_define_name, __VA_ARGS__)
#define chart_series_set_labels_custom(...) XLSX_ERR_(chart_series_set_labels_custom, __VA_ARGS__)
#define chart_legend_delete_series(...) XLSX_ERR_(chart_legend_delete_series, __VA_ARGS__)

#define workbook_add_worksheet(...) XLSX_PTR_(lxw_worksheet, workbook_add_worksheet, __VA_ARGS__)
#define workbook_add_chart(...) XLSX_PTR_(lxw_chart, workbook_add_chart, __VA_ARGS__)
#define workbook_add_format(...) XLSX_PTR_(lxw_format, workbook_add_format, __VA_ARGS__)
#define chart_add_series(...) XLSX_PTR_(lxw_chart_series, chart_add_series, __VA_ARGS__)

#endif
