/*
 * Unit tests of the output module and the buffers under it: a buffer keeps
 * its first error (later appends are no-ops, detach refuses), the array
 * growth helper, the --format choice and its one message, the JSON layout
 * and value helpers, and a built YAML tree whose add failed refusing to emit.
 */
#include <jansson.h>
#include <stdlib.h>
#include "helpers.h"

static void test_output__buf_error_sticks(void **state)
{
    (void)state;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_buf_puts(&b, "kept"));
    assert_int_equal(govern_buf_error(&b), 0);
    /* a size no allocator grants: the first error */
    assert_err(govern_buf_grow(&b, ((size_t)-1) / 2), GOVERN_ENOMEM, "out of memory");
    assert_int_equal(govern_buf_error(&b), GOVERN_ENOMEM);
    /* every later append is a no-op returning that error */
    assert_int_equal(govern_buf_puts(&b, " more"), GOVERN_ENOMEM);
    assert_int_equal(govern_buf_putc(&b, '!'), GOVERN_ENOMEM);
    assert_int_equal(govern_buf_printf(&b, "%d", 42), GOVERN_ENOMEM);
    assert_int_equal(govern_buf_grow(&b, 1), GOVERN_ENOMEM);
    assert_string_equal(b.ptr, "kept");
    assert_int_equal(b.len, 4);
    /* a failed buffer is not handed on as if it were whole */
    govern_error_clear();
    assert_null(govern_buf_detach(&b));
    assert_int_equal(govern_error_last_code(), GOVERN_ENOMEM);
    assert_null(b.ptr);
    assert_int_equal(govern_buf_error(&b), 0);
    /* clearing forgets the error */
    assert_err(govern_buf_grow(&b, ((size_t)-1) / 2), GOVERN_ENOMEM, NULL);
    govern_buf_clear(&b);
    assert_ok(govern_buf_puts(&b, "again"));
    assert_string_equal(b.ptr, "again");
    char *s = govern_buf_detach(&b);
    assert_string_equal(s, "again");
    free(s);
    assert_int_equal(govern_buf_error(NULL), 0);
}

static void test_output__array_grow(void **state)
{
    (void)state;
    int *items = NULL;
    size_t cap = 0, count = 0;
    for (int i = 0; i < 100; i++) {
        assert_ok(govern_array_grow(&items, &cap, count + 1, sizeof(*items)));
        assert_true(cap >= count + 1);
        items[count++] = i * 3;
    }
    for (int i = 0; i < 100; i++)
        assert_int_equal(items[i], i * 3);
    size_t before = cap;
    int *same = items;
    assert_ok(govern_array_grow(&items, &cap, 50, sizeof(*items)));
    assert_int_equal(cap, before);
    assert_ptr_equal(items, same);
    /* a size that overflows is refused and the array is kept */
    assert_err(govern_array_grow(&items, &cap, ((size_t)-1) / 4, sizeof(*items)), GOVERN_ENOMEM,
               "out of memory");
    assert_ptr_equal(items, same);
    assert_int_equal(cap, before);
    free(items);
}

static void test_output__format_choice(void **state)
{
    (void)state;
    static const char *const fmts[] = {"text", "json", "csv", NULL};
    const char *f = NULL;
    assert_ok(govern_output_format(&f, NULL, "text", fmts));
    assert_ptr_equal(f, fmts[0]);
    assert_ok(govern_output_format(&f, "csv", "text", fmts));
    assert_ptr_equal(f, fmts[2]);
    assert_err(govern_output_format(&f, "html", "text", fmts), GOVERN_EUSAGE,
               "unsupported --format 'html' (this command writes text, json, csv)");
    static const char *const md_only[] = {"md", NULL};
    assert_err(govern_output_format(&f, "JSON", "md", md_only), GOVERN_EUSAGE,
               "unsupported --format 'JSON' (this command writes md)");
}

static void test_output__json_layout(void **state)
{
    (void)state;
    struct govern_buf b = GOVERN_BUF_INIT;
    json_t *o = json_object();
    json_object_set_new(o, "zeta", govern_json_str("Zoë"));
    json_object_set_new(o, "absent", govern_json_str(NULL));
    json_object_set_new(o, "due", govern_json_date(ymd(2026, 3, 9)));
    json_object_set_new(o, "none", govern_json_date(GOVERN_DATE_NONE));
    assert_ok(govern_json_write(&b, json_incref(o), 0));
    assert_string_equal(b.ptr, "{\n  \"zeta\": \"Zoë\",\n  \"absent\": null,\n"
                               "  \"due\": \"2026-03-09\",\n  \"none\": null\n}\n");
    govern_buf_clear(&b);
    assert_ok(govern_json_write(&b, o, GOVERN_JSON_ASCII));
    assert_contains(b.ptr, "\"Zo\\u00EB\"");
    /* a value that could not be built is out of memory, and nothing is written */
    govern_buf_clear(&b);
    assert_err(govern_json_write(&b, NULL, 0), GOVERN_ENOMEM, "out of memory");
    assert_int_equal(b.len, 0);
    govern_buf_free(&b);
}

static void test_output__json_stream_is_jansson_layout(void **state)
{
    (void)state;
    struct govern_buf b = GOVERN_BUF_INIT;
    struct govern_json_stream js;
    govern_json_stream_init(&js, &b);
    govern_json_begin_object(&js, NULL);
    govern_json_put_str(&js, "text",
                        "quote \" back \\ tab \t nl \n cr \r bs \b ff \f vt \v us \x1f é");
    govern_json_put_str(&js, "none", NULL);
    govern_json_put_date(&js, "due", ymd(2020, 3, 31));
    govern_json_put_date(&js, "never", GOVERN_DATE_NONE);
    govern_json_put_int(&js, "zero", 0);
    govern_json_put_int(&js, "minus", -42);
    govern_json_begin_array(&js, "empty list");
    govern_json_end_array(&js);
    govern_json_begin_object(&js, "empty map");
    govern_json_end_object(&js);
    govern_json_begin_array(&js, "rows");
    govern_json_begin_object(&js, NULL);
    govern_json_put_int(&js, "n", 1);
    govern_json_begin_array(&js, "tags");
    govern_json_put_str(&js, NULL, "a");
    govern_json_put_str(&js, NULL, "b");
    govern_json_end_array(&js);
    govern_json_end_object(&js);
    govern_json_put_str(&js, NULL, "last");
    govern_json_end_array(&js);
    govern_json_end_object(&js);
    assert_ok(govern_json_stream_end(&js));
    /* jansson reads it back and writes the very same bytes */
    json_t *v = json_loads(b.ptr, 0, NULL);
    assert_non_null(v);
    struct govern_buf j = GOVERN_BUF_INIT;
    assert_ok(govern_json_write(&j, v, 0));
    assert_string_equal(b.ptr, j.ptr);
    assert_contains(b.ptr, "\\u000B us \\u001F é");
    assert_contains(b.ptr, "  \"empty list\": [],\n  \"empty map\": {},\n");
    assert_contains(b.ptr, "\"tags\": [\n        \"a\",\n        \"b\"\n      ]");
    govern_buf_free(&j);
    /* misuse is an error, not bad JSON */
    govern_buf_clear(&b);
    govern_json_stream_init(&js, &b);
    govern_json_begin_array(&js, NULL);
    assert_err(govern_json_stream_end(&js), GOVERN_EINVAL, "1 values open");
    govern_json_stream_init(&js, &b);
    govern_json_end_object(&js);
    assert_err(govern_json_stream_end(&js), GOVERN_EINVAL, "closed more than it opened");
    govern_json_stream_init(&js, &b);
    for (int i = 0; i <= GOVERN_JSON_MAX_DEPTH; i++)
        govern_json_begin_array(&js, NULL);
    assert_err(govern_json_stream_end(&js), GOVERN_EINVAL, "nested more than 16 deep");
    /* the buffer's first error is the stream's */
    govern_buf_free(&b);
    assert_err(govern_buf_grow(&b, ((size_t)-1) / 2), GOVERN_ENOMEM, NULL);
    govern_json_stream_init(&js, &b);
    govern_json_put_str(&js, NULL, "x");
    assert_int_equal(govern_json_stream_end(&js), GOVERN_ENOMEM);
    govern_buf_free(&b);
}

static void test_output__text_field_check(void **state)
{
    (void)state;
    assert_ok(govern_text_field_check("--owner", "Carrie Smith", 100, true));
    assert_ok(govern_text_field_check("--owner", NULL, 100, true));
    assert_ok(govern_text_field_check("--note", "two\nlines", 100, false));
    assert_err(govern_text_field_check("--owner", " \t\r\n", 100, true), GOVERN_EINVAL,
               "--owner is empty");
    assert_err(govern_text_field_check("--owner", "two\nlines", 100, true), GOVERN_EINVAL,
               "--owner must be one line");
    assert_err(govern_text_field_check("--owner", "abcdef", 5, true), GOVERN_EINVAL,
               "--owner is too long (6 bytes, limit 5)");
    assert_err(govern_text_field_check("--owner", "caf\xe9", 100, true), GOVERN_EINVAL,
               "--owner is not valid text");
}

static void test_output__node_add_failure_reaches_emit(void **state)
{
    (void)state;
    struct govern_node *root = govern_node_new_map();
    assert_non_null(root);
    struct govern_node *items = govern_node_add_seq(root, "items");
    assert_non_null(govern_node_add_str(items, NULL, "one"));
    /* an add into nothing (a failed add_map) adds nothing */
    assert_null(govern_node_add_str(NULL, "k", "v"));
    assert_null(govern_node_add_map(NULL, "k"));
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_yaml_emit(&b, root));
    assert_string_equal(b.ptr, "items:\n- one\n");
    /* a list takes 10,000 entries at most: the add that fails is not
     * checked here, and the emit of the whole tree must report it */
    for (int i = 1; i < 10000; i++)
        assert_non_null(govern_node_add_int(items, NULL, i));
    assert_null(govern_node_add_str(items, NULL, "one too many"));
    assert_int_equal(items->n, 10000);
    govern_buf_clear(&b);
    assert_err(govern_doc_emit(&b, root, NULL), GOVERN_EINVAL,
               "cannot write 'items': a field could not be added (too many entries)");
    govern_buf_free(&b);
    govern_node_free(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_output__buf_error_sticks),
        cmocka_unit_test(test_output__array_grow),
        cmocka_unit_test(test_output__format_choice),
        cmocka_unit_test(test_output__json_layout),
        cmocka_unit_test(test_output__json_stream_is_jansson_layout),
        cmocka_unit_test(test_output__text_field_check),
        cmocka_unit_test(test_output__node_add_failure_reaches_emit),
    };
    return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
