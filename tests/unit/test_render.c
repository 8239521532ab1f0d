/*
 * Unit tests of core/render.c: CSV per RFC 4180 (CRLF records), aligned
 * text tables with UTF-8 widths, HTML escaping and page frames, Markdown
 * escaping, and Markdown to HTML that drops raw HTML and unsafe links.
 */
#include <stdlib.h>
#include "helpers.h"

/* ------------------------------------------------------------------ CSV */

static void csv_field_is(const char *in, const char *want)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_csv_field(&b, in));
    assert_string_equal(b.ptr ? b.ptr : "", want);
    govern_buf_free(&b);
}

static void test_render__csv_quoting(void **state)
{
    (void)state;
    csv_field_is("plain", "plain");
    csv_field_is("", "");
    csv_field_is(NULL, "");
    csv_field_is("with space", "with space");
    csv_field_is(" padded ", " padded "); /* spaces are part of the field */
    csv_field_is("a,b", "\"a,b\"");
    csv_field_is("say \"hi\"", "\"say \"\"hi\"\"\"");
    csv_field_is("\"", "\"\"\"\"");
    csv_field_is("two\nlines", "\"two\nlines\"");
    csv_field_is("cr\rhere", "\"cr\rhere\"");
    csv_field_is("crlf\r\n", "\"crlf\r\n\"");
    csv_field_is("Zoë; £100", "Zoë; £100");
    csv_field_is("'single'", "'single'");
}

static void test_render__csv_rows_end_in_crlf(void **state)
{
    (void)state;
    struct govern_buf b = GOVERN_BUF_INIT;
    const char *const header[] = {"date", "committee", "title"};
    const char *const row[] = {"2020-01-16", "snh-csp", "Annual review, \"CSP\"\nwith notes"};
    const char *const empty[] = {NULL, "", NULL};
    assert_ok(govern_csv_row(&b, 3, header));
    assert_ok(govern_csv_row(&b, 3, row));
    assert_ok(govern_csv_row(&b, 3, empty));
    assert_ok(govern_csv_row(&b, 0, empty));
    assert_string_equal(b.ptr, "date,committee,title\r\n"
                               "2020-01-16,snh-csp,\"Annual review, \"\"CSP\"\"\nwith notes\"\r\n"
                               ",,\r\n"
                               "\r\n");
    govern_buf_free(&b);
}

/* ---------------------------------------------------------------- tables */

static void test_render__table_aligns_utf8_by_characters(void **state)
{
    (void)state;
    const char *const headers[] = {"Name", "Role", "Organisation"};
    const char *const r1[] = {"Zoë Brontë", "chair", "Hart"};
    const char *const r2[] = {"Cllr Ünal", "vice-chair", "Basingstoke"};
    const char *const r3[] = {"李雷", "member", "Rushmoor Borough Council"};
    struct govern_table *t = NULL;
    assert_ok(govern_table_new(&t, 3, headers));
    assert_int_equal(govern_table_rows(t), 0);
    assert_ok(govern_table_row(t, r1));
    assert_ok(govern_table_row(t, r2));
    assert_ok(govern_table_row(t, r3));
    assert_int_equal(govern_table_rows(t), 3);
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_table_render(&b, t, false));
    /* widths count characters, not bytes */
    assert_string_equal(b.ptr, "Name        Role        Organisation\n"
                               "Zoë Brontë  chair       Hart\n"
                               "Cllr Ünal   vice-chair  Basingstoke\n"
                               "李雷          member      Rushmoor Borough Council\n");
    govern_buf_free(&b);
    govern_table_free(t);
}

static void test_render__table_last_column_not_padded(void **state)
{
    (void)state;
    const char *const headers[] = {"A", "Long header"};
    const char *const r1[] = {"xxxxx", "y"};
    struct govern_table *t = NULL;
    assert_ok(govern_table_new(&t, 2, headers));
    assert_ok(govern_table_row(t, r1));
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_table_render(&b, t, false));
    assert_string_equal(b.ptr, "A      Long header\nxxxxx  y\n");
    govern_buf_free(&b);
    govern_table_free(t);
}

static void test_render__table_no_trailing_spaces_with_empty_last_cell(void **state)
{
    (void)state;
    /* render.c: "trailing spaces never: the last column is not padded" - also when the
     * last cell is empty (NULL or ""), the separator before it must not be written */
    const char *const headers[] = {"Name", "Organisation"};
    const char *const r1[] = {"Cllr A", NULL};
    const char *const r2[] = {"Cllr Bee", ""};
    struct govern_table *t = NULL;
    assert_ok(govern_table_new(&t, 2, headers));
    assert_ok(govern_table_row(t, r1));
    assert_ok(govern_table_row(t, r2));
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_table_render(&b, t, false));
    assert_string_equal(b.ptr, "Name      Organisation\nCllr A\nCllr Bee\n");
    govern_buf_free(&b);
    govern_table_free(t);
}

static void test_render__table_cells_are_one_line(void **state)
{
    (void)state;
    const char *const headers[] = {"Title", "N"};
    const char *const r1[] = {"two\nlines\tand\rcr", "1"};
    struct govern_table *t = NULL;
    assert_ok(govern_table_new(&t, 2, headers));
    assert_ok(govern_table_row(t, r1));
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_table_render(&b, t, false));
    assert_string_equal(b.ptr, "Title             N\ntwo lines and cr  1\n");
    govern_buf_free(&b);
    govern_table_free(t);
}

static void test_render__table_colour(void **state)
{
    (void)state;
    const char *const headers[] = {"Action", "Due"};
    const char *const r1[] = {"Overdue", "2020-01-01"};
    const char *const r2[] = {"Fine", "2030-01-01"};
    struct govern_table *t = NULL;
    assert_ok(govern_table_new(&t, 2, headers));
    assert_ok(govern_table_row_color(t, r1, "31"));
    assert_ok(govern_table_row(t, r2));
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_table_render(&b, t, true));
    /* the header bold, the first cell of a coloured row in colour; widths ignore codes */
    assert_string_equal(b.ptr, "\033[1mAction\033[0m   \033[1mDue\033[0m\n"
                               "\033[31mOverdue\033[0m  2020-01-01\n"
                               "Fine     2030-01-01\n");
    govern_buf_clear(&b);
    assert_ok(govern_table_render(&b, t, false));
    assert_not_contains(b.ptr, "\033");
    govern_buf_free(&b);
    govern_table_free(t);
}

static void test_render__utf8_width(void **state)
{
    (void)state;
    assert_int_equal(govern_utf8_width(""), 0);
    assert_int_equal(govern_utf8_width(NULL), 0);
    assert_int_equal(govern_utf8_width("abc"), 3);
    assert_int_equal(govern_utf8_width("Zoë"), 3);
    assert_int_equal(govern_utf8_width("£€\xF0\x9F\x98\x80"), 3);
}

/* -------------------------------------------------------- nested headings */

static void test_render__md_nest_headings(void **state)
{
    (void)state;
    struct govern_buf b = GOVERN_BUF_INIT;
    const char *md = "# Report\n\ntext # not a heading\n\n## Context\n"
                     "```\n# code stays\n```\n   ### Detail ###\n#not a heading\n"
                     "###### Six\n";
    assert_ok(govern_md_nest_headings(&b, md, 5));
    assert_string_equal(b.ptr, "##### Report\n\ntext # not a heading\n\n###### Context\n"
                               "```\n# code stays\n```\n   ###### Detail ###\n#not a heading\n"
                               "###### Six\n");
    /* already deep enough: unchanged; no headings: unchanged */
    govern_buf_clear(&b);
    assert_ok(govern_md_nest_headings(&b, "#### Deep\n", 2));
    assert_string_equal(b.ptr, "#### Deep\n");
    govern_buf_clear(&b);
    assert_ok(govern_md_nest_headings(&b, "plain\n~~~\n# in tilde fence\n~~~\n", 3));
    assert_string_equal(b.ptr, "plain\n~~~\n# in tilde fence\n~~~\n");
    /* an unclosed fence runs to the end; a missing final newline is kept */
    govern_buf_clear(&b);
    assert_ok(govern_md_nest_headings(&b, "# A\n````\n# B\n```\n# C", 2));
    assert_string_equal(b.ptr, "## A\n````\n# B\n```\n# C");
    assert_int_equal(govern_md_nest_headings(&b, "# A", 7), GOVERN_EINVAL);
    govern_buf_free(&b);
}

/* ------------------------------------------------------------------ HTML */

static void test_render__html_escape(void **state)
{
    (void)state;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_html_escape(&b, "<a href=\"x\">'Tom & Jerry'</a>"));
    assert_string_equal(b.ptr, "&lt;a href=&quot;x&quot;&gt;&#39;Tom &amp; Jerry&#39;&lt;/a&gt;");
    govern_buf_clear(&b);
    assert_ok(govern_html_escape(&b, "Zoë £5 &amp;"));
    assert_string_equal(b.ptr, "Zoë £5 &amp;amp;");
    govern_buf_clear(&b);
    assert_ok(govern_html_escape(&b, NULL));
    assert_string_equal(b.ptr ? b.ptr : "", "");
    govern_buf_free(&b);
}

static void test_render__html_page_frame(void **state)
{
    (void)state;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_html_page_begin(&b, "Agenda <script>alert(1)</script> & more"));
    assert_ok(govern_html_page_end(&b));
    assert_true(strncmp(b.ptr, "<!DOCTYPE html>\n<html lang=\"en-GB\">", 35) == 0);
    assert_contains(b.ptr,
                    "<title>Agenda &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</title>");
    assert_not_contains(b.ptr, "<script");
    assert_contains(b.ptr, "<meta charset=\"utf-8\">");
    size_t n = strlen(b.ptr);
    assert_string_equal(b.ptr + n - 16, "</body>\n</html>\n");
    govern_buf_free(&b);
}

static void test_render__markdown_page(void **state)
{
    (void)state;
    struct govern_buf b = GOVERN_BUF_INIT, want = GOVERN_BUF_INIT;
    assert_ok(govern_markdown_page(&b, "Minutes & <more>", "# Minutes\n\n<script>x</script>\n"));
    assert_ok(govern_html_page_begin(&want, "Minutes & <more>"));
    assert_ok(govern_markdown_to_html(&want, "# Minutes\n\n<script>x</script>\n"));
    assert_ok(govern_html_page_end(&want));
    assert_string_equal(b.ptr, want.ptr);
    assert_contains(b.ptr, "<h1>Minutes</h1>");
    assert_not_contains(b.ptr, "<script");
    govern_buf_free(&want);
    govern_buf_free(&b);
}

static void test_render__md_escape(void **state)
{
    (void)state;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_md_escape(&b, "*bold* _x_ [link](y) <b> | a # b\nnext"));
    assert_string_equal(b.ptr, "\\*bold\\* \\_x\\_ \\[link\\](y) \\<b\\> \\| a \\# b next");
    /* escaped text renders as the same text, not as markup */
    struct govern_buf html = GOVERN_BUF_INIT;
    assert_ok(govern_markdown_to_html(&html, b.ptr));
    assert_string_equal(html.ptr, "<p>*bold* _x_ [link](y) &lt;b&gt; | a # b next</p>\n");
    govern_buf_free(&html);
    govern_buf_free(&b);
}

/* -------------------------------------------------------------- Markdown */

static char *md(const char *in)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_markdown_to_html(&b, in));
    return govern_buf_detach(&b);
}

static void test_render__markdown_basic(void **state)
{
    (void)state;
    char *h = md("# Minutes\n\n**RESOLVED** that the report be *noted*.\n\n- one\n- two\n");
    assert_string_equal(h, "<h1>Minutes</h1>\n<p><strong>RESOLVED</strong> that the report be "
                           "<em>noted</em>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
    free(h);
    h = md("");
    assert_string_equal(h, "");
    free(h);
    h = md(NULL);
    assert_string_equal(h, "");
    free(h);
}

static void test_render__markdown_gfm_extensions(void **state)
{
    (void)state;
    char *h = md("| Risk | Rating |\n|---|---|\n| Funding | 12 |\n");
    assert_contains(h, "<table>");
    assert_contains(h, "<th>Risk</th>");
    assert_contains(h, "<td>12</td>");
    free(h);
    h = md("~~withdrawn~~");
    assert_contains(h, "<del>withdrawn</del>");
    free(h);
    h = md("- [x] done\n- [ ] open\n");
    assert_contains(h, "checked=\"\"");
    assert_contains(h, "type=\"checkbox\"");
    free(h);
    h = md("See www.hants.gov.uk for papers.");
    assert_contains(h, "<a href=\"http://www.hants.gov.uk\">www.hants.gov.uk</a>");
    free(h);
}

static void test_render__markdown_drops_raw_html(void **state)
{
    (void)state;
    static const char *const hostile[] = {
        "<script>alert(1)</script>",
        "Text <script>alert(1)</script> inline",
        "<img src=x onerror=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "para\n\n<div onclick=\"x()\">block</div>\n",
        "<style>body{display:none}</style>",
        "<b onmouseover=alert(1)>bold</b>",
        "<!-- comment --><svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
    };
    for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
        char *h = md(hostile[i]);
        assert_not_contains(h, "<script");
        assert_not_contains(h, "<img");
        assert_not_contains(h, "<iframe");
        assert_not_contains(h, "<div");
        assert_not_contains(h, "<style");
        assert_not_contains(h, "<svg");
        assert_not_contains(h, "onerror");
        assert_not_contains(h, "onclick=");
        assert_not_contains(h, "onmouseover=");
        assert_not_contains(h, "javascript:");
        free(h);
    }
    char *h = md("<script>alert(1)</script>");
    assert_string_equal(h, "<!-- raw HTML omitted -->\n");
    free(h);
    /* code keeps the text, escaped */
    h = md("`<script>`");
    assert_string_equal(h, "<p><code>&lt;script&gt;</code></p>\n");
    free(h);
}

static void test_render__markdown_drops_unsafe_links(void **state)
{
    (void)state;
    static const char *const hostile[] = {
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x](  javascript:alert(1) )",
        "[x](vbscript:msgbox)",
        "[x](file:///etc/passwd)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](javascript:alert(1))",
        "<javascript:alert(1)>",
        "[x][r]\n\n[r]: javascript:alert(1)\n",
        "[x](&#106;avascript:alert(1))",
    };
    for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
        char *h = md(hostile[i]);
        assert_not_contains(h, "href=\"javascript");
        assert_not_contains(h, "href=\"JavaScript");
        assert_not_contains(h, "href=\"vbscript");
        assert_not_contains(h, "href=\"file");
        assert_not_contains(h, "href=\"data");
        assert_not_contains(h, "src=\"javascript");
        free(h);
    }
    /* ordinary links stay */
    char *h = md("[papers](https://democracy.hants.gov.uk/ieListDocuments.aspx?CId=1&MId=2)");
    assert_string_equal(h, "<p><a href=\"https://democracy.hants.gov.uk/"
                           "ieListDocuments.aspx?CId=1&amp;MId=2\">papers</a></p>\n");
    free(h);
    h = md("[mail](mailto:clerk@example.gov.uk)");
    assert_contains(h, "href=\"mailto:clerk@example.gov.uk\"");
    free(h);
}

static void test_render__markdown_size_cap(void **state)
{
    (void)state;
    size_t cap = 256 * 1024;
    char *big = malloc(cap + 2);
    assert_non_null(big);
    memset(big, 'a', cap + 1);
    big[cap + 1] = '\0';
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_err(govern_markdown_to_html(&b, big), GOVERN_EINVAL, "too large");
    assert_null(b.ptr);
    big[cap] = '\0';
    assert_ok(govern_markdown_to_html(&b, big));
    assert_int_equal(b.len, cap + strlen("<p></p>\n"));
    govern_buf_free(&b);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render__csv_quoting),
        cmocka_unit_test(test_render__csv_rows_end_in_crlf),
        cmocka_unit_test(test_render__table_aligns_utf8_by_characters),
        cmocka_unit_test(test_render__table_last_column_not_padded),
        cmocka_unit_test(test_render__table_no_trailing_spaces_with_empty_last_cell),
        cmocka_unit_test(test_render__table_cells_are_one_line),
        cmocka_unit_test(test_render__table_colour),
        cmocka_unit_test(test_render__utf8_width),
        cmocka_unit_test(test_render__html_escape),
        cmocka_unit_test(test_render__html_page_frame),
        cmocka_unit_test(test_render__markdown_page),
        cmocka_unit_test(test_render__md_escape),
        cmocka_unit_test(test_render__markdown_basic),
        cmocka_unit_test(test_render__markdown_gfm_extensions),
        cmocka_unit_test(test_render__markdown_drops_raw_html),
        cmocka_unit_test(test_render__markdown_drops_unsafe_links),
        cmocka_unit_test(test_render__markdown_size_cap),
        cmocka_unit_test(test_render__md_nest_headings),
    };
    return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
