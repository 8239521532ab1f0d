/*
 * Private to libgovern: one sheet of rows written as an xlsx workbook with
 * libxlsxwriter (render.c's govern_table_render_xlsx is the public face).
 */
#ifndef GOVERN_XLSX_H
#define GOVERN_XLSX_H

#include <stddef.h>
#include "govern/buf.h"

/* Appends the workbook to out: headers (n_cols) bold and frozen, then
 * n_rows - 1 rows of cells (row-major); types as govern_table_types. */
int govern_xlsx_write(struct govern_buf *out, const char *sheet, size_t n_cols, size_t n_rows,
                      const char *const *headers, const char *const *cells, const char *types);

#endif
