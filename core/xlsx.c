/*
 * Spreadsheets: a table written as an xlsx workbook through libxlsxwriter.
 * Dates are typed cells with a date format, whole numbers are numbers, and
 * everything else is a text cell (so "6/19" stays a minute number and
 * "=2+3" stays text: a text cell is never a formula).  libxlsxwriter writes
 * to a file, so the workbook goes through a private temporary file; its
 * creation time is fixed, so the same rows give the same bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "govern/date.h"
#include "govern/error.h"
#include "govern/render.h"
#include "xlsx.h"

#define XLSX_MAX_BYTES (64 * 1024 * 1024)
#define XLSX_COL_MAX_WIDTH 60

static int cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *v, char type,
                lxw_format *date_fmt)
{
    govern_date d;
    int y, m, day;
    if (!*v)
        return 0;
    if (type == 'd' && strlen(v) == 10 && !govern_date_parse(&d, v)) {
        govern_date_to_ymd(d, &y, &m, &day);
        lxw_datetime dt = {y, m, day, 0, 0, 0};
        return worksheet_write_datetime(ws, r, c, &dt, date_fmt) != LXW_NO_ERROR;
    }
    char *end;
    errno = 0;
    long long n = type == 'n' ? strtoll(v, &end, 10) : 0;
    if (type == 'n' && !errno && *end == '\0' && end != v)
        return worksheet_write_number(ws, r, c, (double)n, NULL) != LXW_NO_ERROR;
    return worksheet_write_string(ws, r, c, v, NULL) != LXW_NO_ERROR;
}

static int fill(lxw_workbook *wb, const char *sheet, size_t n_cols, size_t n_rows,
                const char *const *headers, const char *const *cells, const char *types)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    lxw_format *bold = workbook_add_format(wb), *date_fmt = workbook_add_format(wb);
    if (!ws || !bold || !date_fmt)
        return 1;
    format_set_bold(bold);
    format_set_num_format(date_fmt, "yyyy-mm-dd");
    int bad = 0;
    for (size_t c = 0; c < n_cols && !bad; c++) {
        size_t w = strlen(headers[c]);
        for (size_t r = 0; r + 1 < n_rows; r++) {
            size_t l = govern_utf8_width(cells[r * n_cols + c]);
            w = l > w ? l : w;
        }
        w = w > XLSX_COL_MAX_WIDTH ? XLSX_COL_MAX_WIDTH : w < 10 ? 10 : w;
        bad = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)w + 1, NULL) ||
              worksheet_write_string(ws, 0, (lxw_col_t)c, headers[c], bold);
    }
    for (size_t r = 0; r + 1 < n_rows && !bad; r++)
        for (size_t c = 0; c < n_cols && !bad; c++)
            bad = cell(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, cells[r * n_cols + c],
                       types ? types[c] : 't', date_fmt);
    worksheet_freeze_panes(ws, 1, 0);
    if (n_cols && !bad)
        bad = worksheet_autofilter(ws, 0, 0, (lxw_row_t)(n_rows ? n_rows - 1 : 0),
                                   (lxw_col_t)(n_cols - 1)) != LXW_NO_ERROR;
    return bad;
}

static int read_back(struct govern_buf *out, FILE *f)
{
    char chunk[65536];
    size_t n, total = 0;
    rewind(f);
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if ((total += n) > XLSX_MAX_BYTES)
            return govern_error_set(GOVERN_EIO, "the spreadsheet is larger than %d MiB",
                                    XLSX_MAX_BYTES >> 20);
        int rc = govern_buf_put(out, chunk, n);
        if (rc)
            return rc;
    }
    return ferror(f) ? govern_error_set(GOVERN_EIO, "cannot read the spreadsheet back") : 0;
}

int govern_xlsx_write(struct govern_buf *out, const char *sheet, size_t n_cols, size_t n_rows,
                      const char *const *headers, const char *const *cells, const char *types)
{
    const char *tmp = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof(path), "%s/govern-xlsx.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return govern_error_set(GOVERN_EIO, "cannot make a temporary file in %s: %s",
                                tmp && *tmp ? tmp : "/tmp", strerror(errno));
    FILE *f = fdopen(fd, "rb");
    lxw_workbook_options wo = {.constant_memory = 0, .tmpdir = NULL, .use_zip64 = 0};
    lxw_workbook *wb = f ? workbook_new_opt(path, &wo) : NULL;
    int rc = 0;
    if (!wb) {
        rc = govern_error_set(GOVERN_ENOMEM, "cannot start the spreadsheet");
    } else {
        lxw_doc_properties props = {.created = 946684800}; /* 2000-01-01: same bytes */
        workbook_set_properties(wb, &props);
        if (fill(wb, sheet ? sheet : "govern", n_cols, n_rows, headers, cells, types))
            rc = govern_error_set(GOVERN_EIO, "cannot write the spreadsheet");
        lxw_error e = workbook_close(wb);
        if (!rc && e != LXW_NO_ERROR)
            rc = govern_error_set(GOVERN_EIO, "cannot write the spreadsheet: %s", lxw_strerror(e));
        if (!rc)
            rc = read_back(out, f);
    }
    if (f)
        fclose(f);
    else
        close(fd);
    unlink(path);
    return rc;
}
