/*
 * Output helpers shared by the CLI and plugins: aligned text tables, CSV
 * (RFC 4180), HTML escaping, Markdown to safe HTML (cmark-gfm, raw HTML
 * omitted), and a small standalone HTML page frame.  All deterministic.
 */
#ifndef GOVERN_RENDER_H
#define GOVERN_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"

struct govern_table;

int govern_table_new(struct govern_table **out, size_t n_cols, const char *const *headers);
/* Adds a row of n_cols cells (NULL cells print as ""). */
int govern_table_row(struct govern_table *t, const char *const *cells);
/* Colour for the row's first cell on a terminal: NULL or an ANSI SGR code like "31". */
int govern_table_row_color(struct govern_table *t, const char *const *cells, const char *sgr);
/* Aligned columns separated by two spaces (widths in UTF-8 characters). */
int govern_table_render(struct govern_buf *out, const struct govern_table *t, bool color);
size_t govern_table_rows(const struct govern_table *t);
/* What each column holds, for xlsx: one letter a column, 't' text, 'd' a
 * date (YYYY-MM-DD, written as a typed date), 'n' a whole number.  Without
 * this every cell is text (so a minute number "6/19" never becomes a date). */
int govern_table_types(struct govern_table *t, const char *types);
/* The table as CSV (govern_csv_row) with its headers in snake_case. */
int govern_table_render_csv(struct govern_buf *out, const struct govern_table *t);
/* The table as an xlsx workbook of one sheet (named sheet): headers in
 * snake_case, bold and frozen, typed cells per govern_table_types.  The
 * same table gives the same bytes. */
int govern_table_render_xlsx(struct govern_buf *out, const struct govern_table *t,
                             const char *sheet);
/* "text", "csv" or "xlsx". */
int govern_table_render_as(struct govern_buf *out, const struct govern_table *t, const char *format,
                           bool color, const char *sheet);
/* The width text tables must fit (the terminal's; 0, the default: no
 * limit), set once by the CLI: the widest columns are cut, ending in "~". */
void govern_table_set_terminal_width(size_t columns);
void govern_table_free(struct govern_table *t);

/* One CSV field, quoted when it holds a comma, quote, CR or LF; a field a
 * spreadsheet would read as a formula (first character = + - @, tab or CR,
 * unless it is a plain number) gets a leading apostrophe. */
int govern_csv_field(struct govern_buf *out, const char *s);
/* A CSV record of n fields ending in CRLF. */
int govern_csv_row(struct govern_buf *out, size_t n, const char *const *fields);

int govern_html_escape(struct govern_buf *out, const char *s);
/* Markdown to HTML with GFM tables, strikethrough, autolinks and task lists;
 * raw HTML and unsafe links are dropped.  Input is capped in size. */
int govern_markdown_to_html(struct govern_buf *out, const char *markdown);
/* Escapes text for use inside Markdown (a table cell or a line). */
int govern_md_escape(struct govern_buf *out, const char *s);
/* Appends Markdown text with its ATX headings (`# ...`) moved down so that
 * the highest becomes level top (1-6), e.g. a report's own headings under
 * the agenda item that carries it; deeper levels stop at 6.  Headings in
 * fenced code are left alone; setext headings (underlined) are not moved. */
int govern_md_nest_headings(struct govern_buf *out, const char *md, int top);
int govern_html_page_begin(struct govern_buf *out, const char *title);
int govern_html_page_end(struct govern_buf *out);
/* A whole HTML page titled title (escaped) holding markdown rendered as by
 * govern_markdown_to_html: the html format of a document kept as Markdown. */
int govern_markdown_page(struct govern_buf *out, const char *title, const char *markdown);

/* Display width of a UTF-8 string in characters. */
size_t govern_utf8_width(const char *s);

#endif
