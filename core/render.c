/*
 * Output helpers shared by the CLI and plugins: aligned text tables, CSV
 * (RFC 4180, CRLF), HTML escaping and pages, Markdown to safe HTML with
 * cmark-gfm.  Nothing here depends on the locale or the clock.
 */
#include <stdlib.h>
#include <string.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include "govern/error.h"
#include "govern/render.h"
#include "xlsx.h"

#define MARKDOWN_MAX_BYTES (256 * 1024)

struct govern_table {
    size_t n_cols;
    char **cells; /* rows * n_cols, row 0 the header */
    char **colors;
    size_t rows, cap;
    char *types; /* one letter a column (xlsx), or NULL */
};

/* The terminal's width for text tables (0: no limit), set by the CLI. */
static size_t terminal_width;

void govern_table_set_terminal_width(size_t columns)
{
    terminal_width = columns;
}

size_t govern_utf8_width(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

static int table_add(struct govern_table *t, const char *const *cells, const char *sgr)
{
    if (t->rows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        char **c = realloc(t->cells, cap * t->n_cols * sizeof(*c));
        if (!c)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        t->cells = c;
        char **k = realloc(t->colors, cap * sizeof(*k));
        if (!k)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        t->colors = k;
        t->cap = cap;
    }
    for (size_t i = 0; i < t->n_cols; i++) {
        const char *v = cells[i] ? cells[i] : "";
        /* one line per cell */
        char *copy = strdup(v); /* kept whole for CSV and xlsx; text shows one line */
        if (!copy)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        t->cells[t->rows * t->n_cols + i] = copy;
    }
    t->colors[t->rows] = sgr ? strdup(sgr) : NULL;
    t->rows++;
    return 0;
}

int govern_table_new(struct govern_table **out, size_t n_cols, const char *const *headers)
{
    struct govern_table *t = calloc(1, sizeof(*t));
    if (!t)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    t->n_cols = n_cols;
    int rc = table_add(t, headers, NULL);
    if (rc) {
        govern_table_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

int govern_table_row(struct govern_table *t, const char *const *cells)
{
    return table_add(t, cells, NULL);
}

int govern_table_row_color(struct govern_table *t, const char *const *cells, const char *sgr)
{
    return table_add(t, cells, sgr);
}

size_t govern_table_rows(const struct govern_table *t)
{
    return t->rows - 1;
}

/* Narrows the widest columns (never below 8 or their header) until a row
 * fits in width; cells cut there end in "~". */
static void fit_widths(size_t *w, const struct govern_table *t, size_t width)
{
    for (;;) {
        size_t total = 0, widest = t->n_cols;
        for (size_t c = 0; c < t->n_cols; c++) {
            size_t floor = govern_utf8_width(t->cells[c]);
            total += w[c] + (c ? 2 : 0);
            if (w[c] > (floor < 8 ? 8 : floor) && (widest == t->n_cols || w[c] > w[widest]))
                widest = c;
        }
        if (total <= width || widest == t->n_cols)
            return;
        w[widest]--; /* one at a time: the widest columns give way evenly */
    }
}

/* A cell on one line, cut to at most w characters. */
static int put_cell(struct govern_buf *out, const char *cell, size_t w, size_t *shown)
{
    size_t n = govern_utf8_width(cell), keep = n > w ? w - 1 : n, chars = 0;
    int rc = 0;
    for (const char *p = cell; *p && !rc; p++) {
        if ((*p & 0xC0) != 0x80 && chars++ == keep)
            break;
        rc = govern_buf_putc(out, *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
    }
    if (!rc && n > w)
        rc = govern_buf_putc(out, '~');
    *shown = n > w ? w : n;
    return rc;
}

int govern_table_render(struct govern_buf *out, const struct govern_table *t, bool color)
{
    size_t *w = calloc(t->n_cols, sizeof(*w));
    if (!w)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t r = 0; r < t->rows; r++)
        for (size_t c = 0; c < t->n_cols; c++) {
            size_t cw = govern_utf8_width(t->cells[r * t->n_cols + c]);
            if (cw > w[c])
                w[c] = cw;
        }
    if (terminal_width)
        fit_widths(w, t, terminal_width);
    int rc = 0;
    for (size_t r = 0; r < t->rows && !rc; r++) {
        for (size_t c = 0; c < t->n_cols && !rc; c++) {
            const char *cell = t->cells[r * t->n_cols + c];
            bool paint = color && ((r == 0) || (c == 0 && t->colors[r]));
            size_t shown = 0;
            if (paint)
                rc = govern_buf_printf(out, "\033[%sm", r == 0 ? "1" : t->colors[r]);
            if (!rc)
                rc = put_cell(out, cell, w[c], &shown);
            if (!rc && paint)
                rc = govern_buf_puts(out, "\033[0m");
            if (c + 1 < t->n_cols) {
                size_t pad = w[c] - shown + 2;
                for (size_t k = 0; k < pad && !rc; k++)
                    rc = govern_buf_putc(out, ' ');
            }
        }
        /* never trailing spaces, even when the last cells are empty */
        while (!rc && out->len && out->ptr[out->len - 1] == ' ')
            out->ptr[--out->len] = '\0';
        if (!rc)
            rc = govern_buf_putc(out, '\n');
    }
    free(w);
    return rc;
}

int govern_table_types(struct govern_table *t, const char *types)
{
    free(t->types);
    t->types = NULL;
    if (types && strlen(types) != t->n_cols)
        return govern_error_set(GOVERN_EINVAL, "table types '%s': %zu columns expected", types,
                                t->n_cols);
    if (types && !(t->types = strdup(types)))
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    return 0;
}

/* A header as a snake_case field name: "DUE DATE" -> due_date. */
static int snake_case(struct govern_buf *out, const char *s)
{
    int rc = 0;
    bool sep = false;
    size_t start = out->len;
    for (const unsigned char *p = (const unsigned char *)s; *p && !rc; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z')) {
            if (sep && out->len > start)
                rc = govern_buf_putc(out, '_');
            if (!rc)
                rc = govern_buf_putc(out, (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p));
            sep = false;
        } else {
            sep = true;
        }
    }
    return rc;
}

int govern_table_render_csv(struct govern_buf *out, const struct govern_table *t)
{
    int rc = 0;
    for (size_t r = 0; r < t->rows && !rc; r++) {
        for (size_t c = 0; c < t->n_cols && !rc; c++) {
            if (c)
                rc = govern_buf_putc(out, ',');
            if (!rc && r == 0)
                rc = snake_case(out, t->cells[c]);
            else if (!rc)
                rc = govern_csv_field(out, t->cells[r * t->n_cols + c]);
        }
        if (!rc)
            rc = govern_buf_puts(out, "\r\n");
    }
    return rc;
}

int govern_table_render_xlsx(struct govern_buf *out, const struct govern_table *t,
                             const char *sheet)
{
    struct govern_buf head = GOVERN_BUF_INIT;
    char **hdr = calloc(t->n_cols ? t->n_cols : 1, sizeof(*hdr));
    int rc = hdr ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t c = 0; c < t->n_cols && !rc; c++) {
        govern_buf_clear(&head);
        if (!(rc = snake_case(&head, t->cells[c])) && !(hdr[c] = strdup(head.ptr ? head.ptr : "")))
            rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    if (!rc)
        rc = govern_xlsx_write(out, sheet, t->n_cols, t->rows, (const char *const *)hdr,
                               (const char *const *)t->cells + t->n_cols, t->types);
    for (size_t c = 0; hdr && c < t->n_cols; c++)
        free(hdr[c]);
    free(hdr);
    govern_buf_free(&head);
    return rc;
}

int govern_table_render_as(struct govern_buf *out, const struct govern_table *t, const char *format,
                           bool color, const char *sheet)
{
    if (!strcmp(format, "csv"))
        return govern_table_render_csv(out, t);
    if (!strcmp(format, "xlsx"))
        return govern_table_render_xlsx(out, t, sheet);
    return govern_table_render(out, t, color);
}

void govern_table_free(struct govern_table *t)
{
    if (!t)
        return;
    free(t->types);
    for (size_t i = 0; i < t->rows * t->n_cols; i++)
        free(t->cells[i]);
    for (size_t i = 0; i < t->rows; i++)
        free(t->colors[i]);
    free(t->cells);
    free(t->colors);
    free(t);
}

/* A signed decimal number ("-3", "+1.5"), which a spreadsheet reads as one. */
static bool plain_number(const char *s)
{
    const char *p = s + (*s == '-' || *s == '+');
    bool digit = false, dot = false;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digit = true;
        else if (*p == '.' && !dot)
            dot = true;
        else
            return false;
    }
    return digit;
}

int govern_csv_field(struct govern_buf *out, const char *s)
{
    if (!s)
        s = "";
    /* a cell a spreadsheet would take for a formula (=, +, -, @, tab, CR
     * first) starts with an apostrophe instead: CSV injection */
    bool formula = *s && strchr("=+-@\t\r", *s) && !plain_number(s);
    if (!formula && !strpbrk(s, ",\"\r\n"))
        return govern_buf_puts(out, s);
    int rc = govern_buf_putc(out, '"');
    if (!rc && formula)
        rc = govern_buf_putc(out, '\'');
    for (const char *p = s; *p && !rc; p++)
        rc = *p == '"' ? govern_buf_puts(out, "\"\"") : govern_buf_putc(out, *p);
    return rc ? rc : govern_buf_putc(out, '"');
}

int govern_csv_row(struct govern_buf *out, size_t n, const char *const *fields)
{
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        if (i)
            rc = govern_buf_putc(out, ',');
        if (!rc)
            rc = govern_csv_field(out, fields[i]);
    }
    return rc ? rc : govern_buf_puts(out, "\r\n");
}

int govern_html_escape(struct govern_buf *out, const char *s)
{
    int rc = 0;
    for (const char *p = s ? s : ""; *p && !rc; p++) {
        switch (*p) {
        case '&':
            rc = govern_buf_puts(out, "&amp;");
            break;
        case '<':
            rc = govern_buf_puts(out, "&lt;");
            break;
        case '>':
            rc = govern_buf_puts(out, "&gt;");
            break;
        case '"':
            rc = govern_buf_puts(out, "&quot;");
            break;
        case '\'':
            rc = govern_buf_puts(out, "&#39;");
            break;
        default:
            rc = govern_buf_putc(out, *p);
        }
    }
    return rc;
}

int govern_md_escape(struct govern_buf *out, const char *s)
{
    int rc = 0;
    for (const char *p = s ? s : ""; *p && !rc; p++) {
        /* brackets are escaped, so "(", ")" and "!" cannot start a link or
         * an image and stay as they are, readable in the Markdown */
        if (strchr("\\`*_[]<>#+|~", *p))
            rc = govern_buf_putc(out, '\\');
        if (!rc)
            rc = govern_buf_putc(out, (*p == '\n' || *p == '\r') ? ' ' : *p);
    }
    return rc;
}

int govern_markdown_to_html(struct govern_buf *out, const char *markdown)
{
    static const char *const exts[] = {"table", "strikethrough", "autolink", "tagfilter",
                                       "tasklist"};
    size_t len = markdown ? strlen(markdown) : 0;
    if (len > MARKDOWN_MAX_BYTES)
        return govern_error_set(GOVERN_EINVAL, "Markdown text too large to render (%zu bytes)",
                                len);
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    if (!parser)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
        if (e)
            cmark_parser_attach_syntax_extension(parser, e);
    }
    cmark_parser_feed(parser, markdown ? markdown : "", len);
    cmark_node *doc = cmark_parser_finish(parser);
    char *html =
        cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
    int rc = html ? govern_buf_puts(out, html) : govern_error_set(GOVERN_ENOMEM, "out of memory");
    free(html);
    cmark_node_free(doc);
    cmark_parser_free(parser);
    return rc;
}

int govern_html_page_begin(struct govern_buf *out, const char *title)
{
    int rc = govern_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta "
                                  "charset=\"utf-8\">\n<title>");
    if (!rc)
        rc = govern_html_escape(out, title);
    if (!rc)
        rc = govern_buf_puts(
            out, "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;"
                 "line-height:1.4}table{border-collapse:collapse}td,th{border:1px solid #999;"
                 "padding:.2em .5em;text-align:left}.exempt{color:#555}.red{color:#b00}"
                 ".amber{color:#a60}.green{color:#070}</style>\n</head>\n<body>\n");
    return rc;
}

int govern_html_page_end(struct govern_buf *out)
{
    return govern_buf_puts(out, "</body>\n</html>\n");
}

int govern_markdown_page(struct govern_buf *out, const char *title, const char *markdown)
{
    int rc = govern_html_page_begin(out, title);
    if (!rc)
        rc = govern_markdown_to_html(out, markdown);
    return rc ? rc : govern_html_page_end(out);
}

/* The level of an ATX heading line (1-6), or 0. */
static int atx_level(const char *line, const char **hashes)
{
    const char *p = line;
    for (int i = 0; i < 3 && *p == ' '; i++)
        p++;
    int n = 0;
    while (p[n] == '#')
        n++;
    if (n < 1 || n > 6 || (p[n] != ' ' && p[n] != '\t' && p[n] != '\n' && p[n] != '\r' && p[n]))
        return 0;
    *hashes = p;
    return n;
}

/* Opening or closing code fence: its character and length (0: not a fence). */
static size_t fence_of(const char *line, char *ch)
{
    const char *p = line;
    for (int i = 0; i < 3 && *p == ' '; i++)
        p++;
    if (*p != '`' && *p != '~')
        return 0;
    size_t n = 0;
    while (p[n] == *p)
        n++;
    if (n < 3)
        return 0;
    *ch = *p;
    return n;
}

/* One pass over the lines: without out, finds the highest heading level
 * outside fenced code; with out, appends the text with headings shifted. */
static int nest_pass(struct govern_buf *out, const char *md, int *min_level, int shift)
{
    char open_ch = 0, ch;
    size_t open_len = 0;
    for (const char *line = md; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line + 1) : strlen(line);
        size_t f = fence_of(line, &ch);
        const char *hashes = NULL;
        int level = 0;
        if (open_len) {
            if (f >= open_len && ch == open_ch)
                open_len = 0;
        } else if (f) {
            open_ch = ch, open_len = f;
        } else {
            level = atx_level(line, &hashes);
        }
        if (out) {
            int rc = 0;
            if (level && shift) {
                int to = level + shift > 6 ? 6 : level + shift;
                rc = govern_buf_put(out, line, (size_t)(hashes - line));
                for (int i = 0; !rc && i < to; i++)
                    rc = govern_buf_put(out, "#", 1);
                if (!rc)
                    rc = govern_buf_put(out, hashes + level, len - (size_t)(hashes + level - line));
            } else {
                rc = govern_buf_put(out, line, len);
            }
            if (rc)
                return rc;
        } else if (level && level < *min_level) {
            *min_level = level;
        }
        line += len;
    }
    return 0;
}

int govern_md_nest_headings(struct govern_buf *out, const char *md, int top)
{
    if (!md)
        return 0;
    if (top < 1 || top > 6)
        return govern_error_set(GOVERN_EINVAL, "heading level %d is not 1-6", top);
    int min_level = 7;
    nest_pass(NULL, md, &min_level, 0);
    int shift = min_level <= 6 && top > min_level ? top - min_level : 0;
    return nest_pass(out, md, &min_level, shift);
}
