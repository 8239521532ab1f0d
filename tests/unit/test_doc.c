/*
 * Unit tests of core/doc.c: front matter fences, the body and its first
 * line, limits (size, depth, nodes), refusal of anchors, aliases, tags and
 * duplicate keys, UTF-8 validation, scalars staying strings, the typed field
 * accessors and key lines, and the emitter (emit -> parse gives the same tree and body).
 */
#include <stdio.h>
#include <stdlib.h>
#include "helpers.h"

static struct govern_doc *parse_ok(const char *text)
{
    struct govern_doc *d = NULL;
    assert_ok(govern_doc_parse(&d, "csg/committee.md", text, strlen(text)));
    assert_non_null(d);
    assert_non_null(d->meta);
    assert_int_equal(d->meta->kind, GOVERN_NODE_MAP);
    return d;
}

static const char *scalar(const struct govern_doc *d, const char *key)
{
    const struct govern_node *n = govern_node_get(d->meta, key);
    assert_non_null(n);
    assert_int_equal(n->kind, GOVERN_NODE_SCALAR);
    return n->scalar;
}

/* Parses text (as a document with front matter) expecting failure whose message contains
 * every needle. */
static void parse_fails(const char *text, size_t len, const char *needle1, const char *needle2)
{
    struct govern_doc *d = NULL;
    int rc = govern_doc_parse(&d, "csg/committee.md", text, len);
    if (rc != GOVERN_EINVAL) {
        print_error("expected EINVAL for:\n%s\ngot %d (%s)\n", text, rc, govern_error_last());
        govern_doc_free(d);
        fail();
    }
    assert_null(d);
    assert_contains(govern_error_last(), needle1);
    if (needle2)
        assert_contains(govern_error_last(), needle2);
}

/* ------------------------------------------------------------- fences */

static void test_doc__split_front_matter_and_body(void **state)
{
    (void)state;
    struct govern_doc *d = parse_ok("---\nname: Community Safety Strategy Group\nshort_name: "
                                    "HCSSG\n---\n\n# Terms of reference\n\nText.\n");
    assert_string_equal(scalar(d, "name"), "Community Safety Strategy Group");
    assert_string_equal(scalar(d, "short_name"), "HCSSG");
    assert_string_equal(d->body, "\n# Terms of reference\n\nText.\n");
    assert_int_equal(d->body_line, 5);
    assert_string_equal(d->path, "csg/committee.md");
    assert_int_equal(govern_node_get(d->meta, "short_name")->line, 3);
    assert_int_equal(d->meta->key_lines[0], 2);
    govern_doc_free(d);
}

static void test_doc__body_line_counts_front_matter_lines(void **state)
{
    (void)state;
    struct govern_doc *d = parse_ok("---\na: 1\nb:\n  - x\n  - y\n---\nfirst body line\n");
    assert_int_equal(d->body_line, 7);
    assert_string_equal(d->body, "first body line\n");
    govern_doc_free(d);
    /* no body at all */
    d = parse_ok("---\na: 1\n---");
    assert_string_equal(d->body, "");
    assert_int_equal(d->body_line, 4);
    govern_doc_free(d);
}

static void test_doc__empty_front_matter_is_an_empty_map(void **state)
{
    (void)state;
    struct govern_doc *d = parse_ok("---\n---\nBody\n");
    assert_int_equal(d->meta->n, 0);
    assert_string_equal(d->body, "Body\n");
    assert_int_equal(d->body_line, 3);
    govern_doc_free(d);
    d = parse_ok("---\n# only a comment\n---\n");
    assert_int_equal(d->meta->n, 0);
    govern_doc_free(d);
}

static void test_doc__dots_close_the_front_matter(void **state)
{
    (void)state;
    struct govern_doc *d = parse_ok("---\na: 1\n...\nBody\n");
    assert_string_equal(scalar(d, "a"), "1");
    assert_string_equal(d->body, "Body\n");
    govern_doc_free(d);
}

static void test_doc__refuses_missing_fence(void **state)
{
    (void)state;
    const char *t = "name: x\n";
    parse_fails(t, strlen(t), "csg/committee.md:1:", "no front matter");
    t = "\n---\nname: x\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:1:", "no front matter");
    t = "----\nname: x\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:1:", "no front matter");
    t = "--- name: x\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:1:", "no front matter");
    parse_fails("", 0, "csg/committee.md:1:", "no front matter");
}

static void test_doc__refuses_unclosed_fence(void **state)
{
    (void)state;
    const char *t = "---\nname: x\n";
    parse_fails(t, strlen(t), "csg/committee.md:1:", "not closed");
    t = "---\nname: x\n--";
    parse_fails(t, strlen(t), "csg/committee.md:1:", "not closed");
    t = "---\nname: x\n ---\n";
    parse_fails(t, strlen(t), "csg/committee.md:1:", "not closed");
}

static void test_doc__crlf_line_endings(void **state)
{
    (void)state;
    struct govern_doc *d =
        parse_ok("---\r\nname: CSP\r\nquorum: 3\r\n---\r\nBody line\r\nsecond\r\n");
    assert_string_equal(scalar(d, "name"), "CSP");
    assert_string_equal(scalar(d, "quorum"), "3");
    assert_string_equal(d->body, "Body line\r\nsecond\r\n");
    assert_int_equal(d->body_line, 5);
    assert_int_equal(govern_node_get(d->meta, "quorum")->line, 3);
    govern_doc_free(d);
    /* errors still name the right line with CRLF */
    const char *t = "---\r\na: 1\r\nb: 2\r\na: 3\r\n---\r\n";
    parse_fails(t, strlen(t), "csg/committee.md:4:", "duplicate key 'a'");
}

static void test_doc__fence_may_have_trailing_spaces(void **state)
{
    (void)state;
    struct govern_doc *d = parse_ok("--- \na: 1\n---\t\nBody\n");
    assert_string_equal(d->body, "Body\n");
    govern_doc_free(d);
}

/* ---------------------------------------------------------- errors: lines */

static void test_doc__key_line_and_one_line(void **state)
{
    (void)state;
    struct govern_doc *d = parse_ok("---\nname: CSG\ntitle: \"two\\nlines\"\n---\n");
    assert_int_equal(govern_node_key_line(d->meta, "name"), 2);
    assert_int_equal(govern_node_key_line(d->meta, "title"), 3);
    assert_int_equal(govern_node_key_line(d->meta, "absent"), d->meta->line);
    assert_int_equal(govern_node_key_line(NULL, "name"), 0);
    assert_ok(govern_node_one_line(d, d->meta, "name", scalar(d, "name")));
    assert_ok(govern_node_one_line(d, d->meta, "absent", NULL));
    assert_err(govern_node_one_line(d, d->meta, "title", scalar(d, "title")), GOVERN_EINVAL,
               "csg/committee.md:3: field 'title' must be on one line");
    govern_doc_free(d);
}

static void test_doc__syntax_error_names_path_and_line(void **state)
{
    (void)state;
    const char *t = "---\nname: x\nmembers: [a, b\nquorum: 3\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:", "invalid YAML");
    t = "---\na: 1\nb: 2\n  c: 3\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:4:", "invalid YAML");
}

static void test_doc__refuses_duplicate_keys_naming_second(void **state)
{
    (void)state;
    const char *t = "---\nname: a\nkind: committee\nname: b\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:4:", "duplicate key 'name'");
    /* in a nested map */
    t = "---\nmembers:\n  - name: A\n    role: chair\n    role: member\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:5:", "duplicate key 'role'");
    /* a quoted key is the same key */
    t = "---\nname: a\n\"name\": b\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:3:", "duplicate key 'name'");
    /* plain YAML: line numbers start at 1 */
    struct govern_doc *d = NULL;
    t = "a: 1\nb: 2\na: 3\n";
    assert_err(govern_doc_parse_yaml(&d, "govern.yaml", t, strlen(t)), GOVERN_EINVAL,
               "govern.yaml:3: duplicate key 'a'");
    assert_null(d);
}

static void test_doc__refuses_anchors(void **state)
{
    (void)state;
    const char *t = "---\na: &x 1\nb: 2\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:2:", "anchors");
    t = "---\na: &x\n  k: v\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:2:", "anchors");
    t = "---\na: &x [1]\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:2:", "anchors");
}

static void test_doc__refuses_aliases(void **state)
{
    (void)state;
    const char *t = "---\na: 1\nb: *x\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:3:", "aliases");
    t = "---\nlist:\n  - 1\n  - *ref\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:4:", "aliases");
}

static void test_doc__refuses_tags(void **state)
{
    (void)state;
    const char *t = "---\na: 1\nb: !!str 2\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:3:", "tags");
    t = "---\na: !custom x\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:2:", "tags");
    t = "---\na: !!map {k: v}\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:2:", "tags");
    t = "---\na: !!seq [1]\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:2:", "tags");
    t = "---\n!!map\na: 1\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:", "tags");
}

static void test_doc__refuses_non_map_documents(void **state)
{
    (void)state;
    const char *t = "---\n- a\n- b\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:2:", "map of fields");
    t = "---\njust text\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:2:", "map of fields");
    /* keys must be plain text */
    t = "---\n? [a, b]\n: c\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:2:", "map keys");
    t = "---\n~: c\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:2:", "map keys");
    /* one YAML document only */
    struct govern_doc *d = NULL;
    t = "a: 1\n---\nb: 2\n";
    assert_err(govern_doc_parse_yaml(&d, "govern.yaml", t, strlen(t)), GOVERN_EINVAL,
               "govern.yaml:2: more than one YAML document");
}

/* ---------------------------------------------------------------- limits */

/* A front matter nesting `depth` collections: the root map, then maps "a:". */
static char *nested_maps(int depth)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    govern_buf_puts(&b, "---\n");
    for (int i = 1; i < depth; i++)
        govern_buf_printf(&b, "%*sa:\n", 2 * (i - 1), "");
    govern_buf_printf(&b, "%*sleaf: x\n---\n", 2 * (depth - 1), "");
    return govern_buf_detach(&b);
}

static void test_doc__nesting_up_to_max_depth(void **state)
{
    (void)state;
    char *t = nested_maps(GOVERN_DOC_MAX_DEPTH);
    struct govern_doc *d = parse_ok(t);
    const struct govern_node *n = d->meta;
    for (int i = 1; i < GOVERN_DOC_MAX_DEPTH; i++)
        n = govern_node_get(n, "a");
    assert_non_null(n);
    assert_string_equal(govern_node_get(n, "leaf")->scalar, "x");
    govern_doc_free(d);
    free(t);
    /* the shape the header describes: map > seq > map > seq > map > scalar */
    d = parse_ok("---\nmembers:\n  - name: A\n    roles:\n      - x: y\n---\n");
    govern_doc_free(d);
}

static void test_doc__refuses_nesting_deeper_than_max(void **state)
{
    (void)state;
    char *t = nested_maps(GOVERN_DOC_MAX_DEPTH + 1);
    char line[32];
    /* the 7th map starts at the key on line 8 */
    snprintf(line, sizeof(line), "csg/committee.md:%d:", GOVERN_DOC_MAX_DEPTH + 2);
    parse_fails(t, strlen(t), line, "nesting deeper");
    free(t);
    /* flow sequences count too; a huge nest is refused quickly */
    struct govern_buf b = GOVERN_BUF_INIT;
    govern_buf_puts(&b, "---\na: ");
    for (int i = 0; i < 100000; i++)
        govern_buf_putc(&b, '[');
    govern_buf_puts(&b, "\n---\n");
    parse_fails(b.ptr, b.len, "csg/committee.md:2:", "nesting deeper");
    govern_buf_free(&b);
}

static void test_doc__refuses_too_many_nodes(void **state)
{
    (void)state;
    /* 11 lists of 9500 items: over GOVERN_DOC_MAX_NODES, each list under the
     * per-collection limit */
    struct govern_buf b = GOVERN_BUF_INIT;
    govern_buf_puts(&b, "---\n");
    for (int k = 0; k < 11; k++) {
        govern_buf_printf(&b, "k%d: [", k);
        for (int i = 0; i < 9500; i++)
            govern_buf_puts(&b, i ? ",a" : "a");
        govern_buf_puts(&b, "]\n");
    }
    govern_buf_puts(&b, "---\n");
    assert_true(b.len < GOVERN_DOC_MAX_BYTES);
    parse_fails(b.ptr, b.len, "csg/committee.md:", "too many YAML nodes");
    govern_buf_free(&b);
}

static void test_doc__collection_limit_names_path_and_line(void **state)
{
    (void)state;
    /* one list of 10001 entries: refused, and (like every other limit) the message
     * names the file and the line */
    struct govern_buf b = GOVERN_BUF_INIT;
    govern_buf_puts(&b, "---\nname: x\nitems: [");
    for (int i = 0; i < 10001; i++)
        govern_buf_puts(&b, i ? ",a" : "a");
    govern_buf_puts(&b, "]\n---\n");
    parse_fails(b.ptr, b.len, "entries", "csg/committee.md:3:");
    govern_buf_free(&b);
}

static void test_doc__refuses_oversize(void **state)
{
    (void)state;
    size_t len = GOVERN_DOC_MAX_BYTES + 1;
    char *t = malloc(len);
    assert_non_null(t);
    memcpy(t, "---\na: 1\n---\n", 13);
    memset(t + 13, 'x', len - 13);
    parse_fails(t, len, "csg/committee.md:1:", "too large");
    struct govern_doc *d = NULL;
    memset(t, '#', len);
    assert_err(govern_doc_parse_yaml(&d, "govern.yaml", t, len), GOVERN_EINVAL,
               "govern.yaml:1: file is too large");
    memcpy(t, "---\na: 1\n---\n", 13);
    /* exactly the limit is fine */
    assert_ok(govern_doc_parse(&d, "csg/committee.md", t, GOVERN_DOC_MAX_BYTES));
    assert_int_equal(strlen(d->body), GOVERN_DOC_MAX_BYTES - 13);
    govern_doc_free(d);
    free(t);
}

/* ------------------------------------------------------------ text checks */

static void test_doc__refuses_nul_and_control_characters(void **state)
{
    (void)state;
    static const char nul[] = "---\na: b\0c\n---\n";
    parse_fails(nul, sizeof(nul) - 1, "csg/committee.md:2:", "NUL");
    static const char nul_body[] = "---\na: b\n---\nline\n\0\n";
    parse_fails(nul_body, sizeof(nul_body) - 1, "csg/committee.md:5:", "NUL");
    const char *t = "---\na: b\nc: \x01\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:3:", "control character 0x01");
    t = "---\na: b\n---\nbell \x07 in body\n";
    parse_fails(t, strlen(t), "csg/committee.md:4:", "control character 0x07");
    t = "---\na: \x1b[31m\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:2:", "control character 0x1b");
    /* tabs and CR are text */
    assert_ok(govern_utf8_check("x", "a\tb\r\n", 5));
}

static void test_doc__refuses_invalid_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *bytes, *what;
    } bad[] = {
        {"\xC0\xAF", "overlong 2-byte '/'"},
        {"\xC1\xBF", "overlong 2-byte"},
        {"\xE0\x80\xAF", "overlong 3-byte '/'"},
        {"\xF0\x80\x80\xAF", "overlong 4-byte '/'"},
        {"\xED\xA0\x80", "surrogate U+D800"},
        {"\xED\xBF\xBF", "surrogate U+DFFF"},
        {"\xF4\x90\x80\x80", "above U+10FFFF"},
        {"\xF5\x80\x80\x80", "F5 lead byte"},
        {"\xFF", "FF byte"},
        {"\x80", "lone continuation byte"},
        {"\xE2\x28\xA1", "bad continuation"},
        {"\xC3", "truncated 2-byte at end"},
        {"\xE2\x82", "truncated 3-byte at end"},
        {"\xF0\x9F\x98", "truncated 4-byte at end"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char t[64];
        int n = snprintf(t, sizeof(t), "---\nok: yes\nname: %s", bad[i].bytes);
        struct govern_doc *d = NULL;
        int rc = govern_doc_parse(&d, "csg/committee.md", t, (size_t)n);
        if (rc != GOVERN_EINVAL || !strstr(govern_error_last(), "csg/committee.md:3:") ||
            !strstr(govern_error_last(), "UTF-8")) {
            print_error("%s: got %d '%s'\n", bad[i].what, rc, govern_error_last());
            govern_doc_free(d);
            fail();
        }
        assert_int_equal(govern_utf8_check("p", bad[i].bytes, strlen(bad[i].bytes)), GOVERN_EINVAL);
    }
    /* truncated in the middle of a line */
    const char *t = "---\nname: \xE2\x82 x\n---\n";
    parse_fails(t, strlen(t), "csg/committee.md:2:", "UTF-8");
    /* valid sequences at every length, and the extremes */
    const char *good = "---\nname: \xC2\xA3 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBD "
                       "\xF4\x8F\xBF\xBF \xED\x9F\xBF \xEE\x80\x80\n---\n";
    struct govern_doc *d = parse_ok(good);
    assert_string_equal(scalar(d, "name"), "\xC2\xA3 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBD "
                                           "\xF4\x8F\xBF\xBF \xED\x9F\xBF \xEE\x80\x80");
    govern_doc_free(d);
}

/* ------------------------------------------------------- scalars are strings */

static void test_doc__scalars_stay_strings(void **state)
{
    (void)state;
    struct govern_doc *d = parse_ok("---\ntime: 10:00\nvoting: no\nflag: yes\nt: true\n"
                                    "n: 012\nf: 1e3\nhex: 0x1F\nd: 2021-03-01\nsexa: 1:30:00\n"
                                    "dot: .inf\nnan: .NaN\ny: y\n---\n");
    assert_string_equal(scalar(d, "time"), "10:00");
    assert_string_equal(scalar(d, "voting"), "no");
    assert_string_equal(scalar(d, "flag"), "yes");
    assert_string_equal(scalar(d, "t"), "true");
    assert_string_equal(scalar(d, "n"), "012");
    assert_string_equal(scalar(d, "f"), "1e3");
    assert_string_equal(scalar(d, "hex"), "0x1F");
    assert_string_equal(scalar(d, "d"), "2021-03-01");
    assert_string_equal(scalar(d, "sexa"), "1:30:00");
    assert_string_equal(scalar(d, "dot"), ".inf");
    assert_string_equal(scalar(d, "nan"), ".NaN");
    assert_string_equal(scalar(d, "y"), "y");
    assert_false(govern_node_get(d->meta, "time")->quoted);
    govern_doc_free(d);
}

static void test_doc__plain_null_forms_are_null(void **state)
{
    (void)state;
    struct govern_doc *d = parse_ok("---\na:\nb: ~\nc: null\nd: Null\ne: NULL\nf: nULL\n---\n");
    for (const char *k = "abcde"; *k; k++) {
        char key[2] = {*k, 0};
        const struct govern_node *n = govern_node_get(d->meta, key);
        assert_non_null(n);
        assert_int_equal(n->kind, GOVERN_NODE_NULL);
    }
    assert_string_equal(scalar(d, "f"), "nULL"); /* not a YAML null */
    govern_doc_free(d);
}

static void test_doc__quoted_null_is_a_string(void **state)
{
    (void)state;
    struct govern_doc *d = parse_ok("---\na: \"null\"\nb: '~'\nc: \"\"\nd: ''\ne: \"no\"\n---\n");
    assert_string_equal(scalar(d, "a"), "null");
    assert_true(govern_node_get(d->meta, "a")->quoted);
    assert_string_equal(scalar(d, "b"), "~");
    assert_string_equal(scalar(d, "c"), "");
    assert_string_equal(scalar(d, "d"), "");
    assert_string_equal(scalar(d, "e"), "no");
    assert_true(govern_node_get(d->meta, "e")->quoted);
    govern_doc_free(d);
}

static void test_doc__block_scalars(void **state)
{
    (void)state;
    struct govern_doc *d = parse_ok("---\nlit: |\n  one\n  two\nfold: >\n  one\n  two\n"
                                    "strip: |-\n  x\n---\n");
    assert_string_equal(scalar(d, "lit"), "one\ntwo\n");
    assert_string_equal(scalar(d, "fold"), "one two\n");
    assert_string_equal(scalar(d, "strip"), "x");
    govern_doc_free(d);
}

/* ----------------------------------------------------------- accessors */

static void test_doc__field_accessors(void **state)
{
    (void)state;
    struct govern_doc *d = parse_ok("---\nname: CSG\nquorum: 3\nbad: x3\nbig: 99999\n"
                                    "voting: no\nmaybe: perhaps\ndate: 2021-03-01\n"
                                    "baddate: 2021-02-30\ntime: 10:30\nbadtime: 25:00\n"
                                    "list: [a]\nempty: ''\nnothing:\n---\n");
    const struct govern_node *m = d->meta;
    char *s = NULL;
    int i = -1;
    bool b = true;
    assert_ok(govern_node_str(&s, d, m, "name", true));
    assert_string_equal(s, "CSG");
    free(s);
    assert_ok(govern_node_str(&s, d, m, "absent", false));
    assert_null(s);
    assert_ok(govern_node_str(&s, d, m, "nothing", false));
    assert_null(s);
    assert_err(govern_node_str(&s, d, m, "absent", true), GOVERN_EINVAL,
               "csg/committee.md:2: missing field 'absent'");
    assert_err(govern_node_str(&s, d, m, "nothing", true), GOVERN_EINVAL,
               "csg/committee.md:14: missing field 'nothing'");
    assert_err(govern_node_str(&s, d, m, "empty", true), GOVERN_EINVAL,
               "csg/committee.md:13: field 'empty' is empty");
    assert_err(govern_node_str(&s, d, m, "list", false), GOVERN_EINVAL,
               "csg/committee.md:12: field 'list' must be a single value");
    assert_ok(govern_node_int(&i, d, m, "quorum", true, 1, 100));
    assert_int_equal(i, 3);
    assert_err(govern_node_int(&i, d, m, "bad", true, 1, 100), GOVERN_EINVAL,
               "csg/committee.md:4: field 'bad' must be a whole number");
    assert_err(govern_node_int(&i, d, m, "big", true, 1, 100), GOVERN_EINVAL,
               "csg/committee.md:5:");
    assert_ok(govern_node_bool(&b, d, m, "voting", true));
    assert_false(b);
    assert_ok(govern_node_bool(&b, d, m, "absent", true));
    assert_true(b);
    assert_err(govern_node_bool(&b, d, m, "maybe", true), GOVERN_EINVAL,
               "csg/committee.md:7: field 'maybe' must be true or false");
    assert_ok(govern_node_date(&i, d, m, "date", true));
    assert_int_equal(i, ymd(2021, 3, 1));
    assert_err(govern_node_date(&i, d, m, "baddate", true), GOVERN_EINVAL,
               "csg/committee.md:9: field 'baddate'");
    assert_ok(govern_node_time(&i, d, m, "time", true));
    assert_int_equal(i, 630);
    assert_err(govern_node_time(&i, d, m, "badtime", true), GOVERN_EINVAL,
               "csg/committee.md:11: field 'badtime'");
    static const char *const allowed[] = {"name", "quorum", NULL};
    assert_err(govern_node_check_keys(d, m, allowed), GOVERN_EINVAL,
               "csg/committee.md:4: unknown field 'bad'");
    assert_err(govern_doc_error(d, 42, "custom %s", "message"), GOVERN_EINVAL,
               "csg/committee.md:42: custom message");
    govern_doc_free(d);
}

/* -------------------------------------------------------------- emitter */

/* Emits meta and body, parses the result, and checks the same tree and body come back
 * and that emitting again gives the same bytes. */
static void round_trip(const struct govern_node *meta, const char *body)
{
    struct govern_buf out = GOVERN_BUF_INIT, again = GOVERN_BUF_INIT;
    assert_ok(govern_doc_emit(&out, meta, body));
    struct govern_doc *d = NULL;
    int rc = govern_doc_parse(&d, "x.md", out.ptr, out.len);
    if (rc) {
        print_error("emitted text does not parse (%s):\n%s\n", govern_error_last(), out.ptr);
        fail();
    }
    if (!govern_node_equal(meta, d->meta, false)) {
        print_error("tree differs after emit and parse:\n%s\n", out.ptr);
        fail();
    }
    if (strcmp(d->body, body ? body : "") != 0) {
        print_error("body differs: got [%s] from:\n%s\n", d->body, out.ptr);
        fail();
    }
    assert_ok(govern_doc_emit(&again, d->meta, d->body));
    assert_string_equal(again.ptr, out.ptr);
    govern_doc_free(d);
    govern_buf_free(&out);
    govern_buf_free(&again);

    /* and as plain YAML */
    assert_ok(govern_yaml_emit(&out, meta));
    assert_ok(govern_doc_parse_yaml(&d, "x.yaml", out.ptr, out.len));
    if (!govern_node_equal(meta, d->meta, false)) {
        print_error("YAML tree differs after emit and parse:\n%s\n", out.ptr);
        fail();
    }
    govern_doc_free(d);
    govern_buf_free(&out);
}

static const char *const tricky_strings[] = {
    "plain",
    "null",
    "Null",
    "NULL",
    "~",
    "",
    "true",
    "no",
    "yes",
    "10:00",
    "012",
    "1e3",
    "2021-03-01",
    "a: b",
    "key: value # not a comment",
    "# not a comment",
    "a #b",
    "- not a list",
    "-",
    "---",
    "...",
    "[x]",
    "{x: y}",
    "'single'",
    "\"double\"",
    " leading space",
    "trailing space ",
    "@at",
    "`tick",
    "%percent",
    "*star",
    "&amp",
    "!bang",
    "|pipe",
    ">gt",
    "?q",
    "Zoë Brontë, Cllr Ünal — «quoted» 日本語 \xF0\x9F\x98\x80",
    "\xC2\xA3"
    "100",
    "tab\there",
    "back\\slash",
    "cr\rinside",
    "line one\nline two",
    "line one\nline two\n",
    "\nleading newline",
    "  indented first line\nsecond",
    "trailing spaces  \non a line",
    "a\n\nb\n",
    "x\n---\ny",
    "x\n...\ny",
    "word ",
    "\xE2\x80\xA8line separator",
    "\xC2\x85next line",
    "\xEF\xBB\xBF"
    "bom",
};

#define N_TRICKY (sizeof(tricky_strings) / sizeof(tricky_strings[0]))

static void test_doc__emit_round_trip_simple(void **state)
{
    (void)state;
    struct govern_node *m = govern_node_new_map();
    assert_non_null(govern_node_add_str(m, "name", "Safer North Hampshire CSP"));
    assert_non_null(govern_node_add_int(m, "quorum", 5));
    assert_non_null(govern_node_add_bool(m, "private", true));
    assert_non_null(govern_node_add_date(m, "date", ymd(2020, 1, 16)));
    assert_non_null(govern_node_add_time(m, "time", 14 * 60));
    assert_ptr_equal(govern_node_add_str(m, "absent", NULL), m); /* not written */
    assert_ptr_equal(govern_node_add_date(m, "absent", GOVERN_DATE_NONE), m);
    assert_ptr_equal(govern_node_add_time(m, "absent", GOVERN_TIME_NONE), m);
    struct govern_node *seq = govern_node_add_seq(m, "members");
    struct govern_node *e = govern_node_add_map(seq, NULL);
    govern_node_add_str(e, "name", "Cllr A");
    govern_node_add_str(e, "role", "chair");
    e = govern_node_add_map(seq, NULL);
    govern_node_add_str(e, "name", "Cllr B");
    govern_node_add_seq(m, "empty_list");
    govern_node_add_map(m, "empty_map");
    assert_int_equal(m->n, 8);

    struct govern_buf out = GOVERN_BUF_INIT;
    assert_ok(govern_doc_emit(&out, m, "Body.\n"));
    assert_string_equal(out.ptr, "---\n"
                                 "name: Safer North Hampshire CSP\n"
                                 "quorum: 5\n"
                                 "private: true\n"
                                 "date: 2020-01-16\n"
                                 "time: 14:00\n"
                                 "members:\n"
                                 "- name: Cllr A\n"
                                 "  role: chair\n"
                                 "- name: Cllr B\n"
                                 "empty_list: []\n"
                                 "empty_map: {}\n"
                                 "---\n"
                                 "Body.\n");
    govern_buf_free(&out);
    round_trip(m, "Body.\n");
    round_trip(m, NULL);
    govern_node_free(m);

    /* an empty map */
    m = govern_node_new_map();
    assert_ok(govern_doc_emit(&out, m, NULL));
    struct govern_doc *d = NULL;
    assert_ok(govern_doc_parse(&d, "x.md", out.ptr, out.len));
    assert_int_equal(d->meta->n, 0);
    govern_doc_free(d);
    govern_buf_free(&out);
    round_trip(m, "text\n");
    govern_node_free(m);
}

static void test_doc__emit_round_trip_tricky_values(void **state)
{
    (void)state;
    /* each string alone as a value, then all together in a map, a list, and as keys */
    for (size_t i = 0; i < N_TRICKY; i++) {
        struct govern_node *m = govern_node_new_map();
        govern_node_add_str(m, "before", "x");
        govern_node_add_str(m, "value", tricky_strings[i]);
        govern_node_add_str(m, "after", "y");
        round_trip(m, "Body\n");
        govern_node_free(m);
    }
    struct govern_node *m = govern_node_new_map();
    struct govern_node *seq = govern_node_add_seq(m, "list");
    struct govern_node *sub = govern_node_add_map(m, "map");
    for (size_t i = 0; i < N_TRICKY; i++) {
        char key[16];
        snprintf(key, sizeof(key), "k%zu", i);
        govern_node_add_str(m, key, tricky_strings[i]);
        govern_node_add_str(seq, NULL, tricky_strings[i]);
        struct govern_node *e = govern_node_add_map(seq, NULL);
        govern_node_add_str(e, "v", tricky_strings[i]);
        if (!strchr(tricky_strings[i], '\n'))
            govern_node_add_str(sub, tricky_strings[i], "value");
    }
    govern_node_add_str(m, "last", "z");
    round_trip(m, "# Body\n\nWith --- and ... lines\n---\n...\n");
    govern_node_free(m);
}

static void test_doc__emit_null_node_round_trip(void **state)
{
    (void)state;
    struct govern_doc *d = parse_ok("---\na:\nb: \"null\"\nc: [~, x, '']\n---\n");
    struct govern_buf out = GOVERN_BUF_INIT;
    assert_ok(govern_doc_emit(&out, d->meta, d->body));
    struct govern_doc *d2 = NULL;
    assert_ok(govern_doc_parse(&d2, "x.md", out.ptr, out.len));
    assert_true(govern_node_equal(d->meta, d2->meta, false));
    assert_int_equal(govern_node_get(d2->meta, "a")->kind, GOVERN_NODE_NULL);
    assert_int_equal(govern_node_get(d2->meta, "b")->kind, GOVERN_NODE_SCALAR);
    assert_string_equal(govern_node_get(d2->meta, "b")->scalar, "null");
    govern_doc_free(d2);
    govern_doc_free(d);
    govern_buf_free(&out);
}

static void test_doc__emit_long_and_many_line_strings(void **state)
{
    (void)state;
    struct govern_buf big = GOVERN_BUF_INIT;
    for (int i = 0; i < 200; i++)
        govern_buf_printf(&big, "word%d ", i);
    struct govern_buf lines = GOVERN_BUF_INIT;
    for (int i = 0; i < 200; i++)
        govern_buf_printf(&lines, "Line %d of the minutes: RESOLVED that %d/19 stands.\n", i, i);
    struct govern_node *m = govern_node_new_map();
    govern_node_add_str(m, "long", big.ptr);
    govern_node_add_str(m, big.ptr, "long key");
    govern_node_add_str(m, "lines", lines.ptr);
    govern_node_add_str(m, "end", "x");
    round_trip(m, "Body\n");
    govern_node_free(m);
    govern_buf_free(&big);
    govern_buf_free(&lines);
}

static void test_doc__emit_trailing_blank_lines_keep_body(void **state)
{
    (void)state;
    /* a multi-line value that ends in a blank line, written last: libyaml closes
     * such a document with "...", which must not end the front matter early (the
     * "---" fence would then become part of the body, and grow on every save) */
    struct govern_node *m = govern_node_new_map();
    govern_node_add_str(m, "title", "x");
    govern_node_add_str(m, "reason", "Room unavailable.\n\n");
    round_trip(m, "Notes.\n");
    govern_node_free(m);
    m = govern_node_new_map();
    govern_node_add_str(m, "only_newline", "\n");
    round_trip(m, "Notes.\n");
    govern_node_free(m);
    /* not only when last: any such value anywhere in the tree */
    m = govern_node_new_map();
    struct govern_node *items = govern_node_add_seq(m, "items");
    struct govern_node *it = govern_node_add_map(items, NULL);
    govern_node_add_str(it, "title", "Annual report");
    govern_node_add_str(it, "text", "Paragraph.\n\n");
    govern_node_add_str(m, "after", "y");
    round_trip(m, "Notes.\n");
    govern_node_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_doc__split_front_matter_and_body),
        cmocka_unit_test(test_doc__body_line_counts_front_matter_lines),
        cmocka_unit_test(test_doc__empty_front_matter_is_an_empty_map),
        cmocka_unit_test(test_doc__dots_close_the_front_matter),
        cmocka_unit_test(test_doc__refuses_missing_fence),
        cmocka_unit_test(test_doc__refuses_unclosed_fence),
        cmocka_unit_test(test_doc__crlf_line_endings),
        cmocka_unit_test(test_doc__fence_may_have_trailing_spaces),
        cmocka_unit_test(test_doc__key_line_and_one_line),
        cmocka_unit_test(test_doc__syntax_error_names_path_and_line),
        cmocka_unit_test(test_doc__refuses_duplicate_keys_naming_second),
        cmocka_unit_test(test_doc__refuses_anchors),
        cmocka_unit_test(test_doc__refuses_aliases),
        cmocka_unit_test(test_doc__refuses_tags),
        cmocka_unit_test(test_doc__refuses_non_map_documents),
        cmocka_unit_test(test_doc__nesting_up_to_max_depth),
        cmocka_unit_test(test_doc__refuses_nesting_deeper_than_max),
        cmocka_unit_test(test_doc__refuses_too_many_nodes),
        cmocka_unit_test(test_doc__collection_limit_names_path_and_line),
        cmocka_unit_test(test_doc__refuses_oversize),
        cmocka_unit_test(test_doc__refuses_nul_and_control_characters),
        cmocka_unit_test(test_doc__refuses_invalid_utf8),
        cmocka_unit_test(test_doc__scalars_stay_strings),
        cmocka_unit_test(test_doc__plain_null_forms_are_null),
        cmocka_unit_test(test_doc__quoted_null_is_a_string),
        cmocka_unit_test(test_doc__block_scalars),
        cmocka_unit_test(test_doc__field_accessors),
        cmocka_unit_test(test_doc__emit_round_trip_simple),
        cmocka_unit_test(test_doc__emit_round_trip_tricky_values),
        cmocka_unit_test(test_doc__emit_null_node_round_trip),
        cmocka_unit_test(test_doc__emit_long_and_many_line_strings),
        cmocka_unit_test(test_doc__emit_trailing_blank_lines_keep_body),
    };
    return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
