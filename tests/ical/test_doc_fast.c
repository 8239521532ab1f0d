/*
 * The front matter fast path (core/doc.c, fast_yaml) against libyaml: for
 * every record of the repository's own store (meetings/), for meetings and
 * agendas written by govern's serializers, for hand-written edge cases and
 * for thousands of seeded one-byte and one-line edits of all of these,
 * govern_doc_parse() must give exactly what the libyaml-only parser gives:
 * the same return code and message, or the same tree (kinds, text, quoting,
 * keys, line numbers) and body.  The canonical samples must really take the
 * fast path (mode 2), so the comparison is not vacuous.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <dirent.h>
#include <sys/stat.h>
#include "govern/govern.h"
#include "core/testing.h"

static const char *store_dir = "meetings";

static size_t compared, fast_taken;

/* Both paths on text: same code and message, or same document. */
static void same(const char *text, size_t len)
{
    struct govern_doc *a = NULL, *b = NULL, *c = NULL;
    int ra = govern_doc_parse_mode(&a, "x/meeting.md", text, len, GOVERN_PARSE_LIBYAML);
    char msg_a[1024];
    snprintf(msg_a, sizeof(msg_a), "%s", ra ? govern_error_last() : "");
    int rb = govern_doc_parse_mode(&b, "x/meeting.md", text, len, GOVERN_PARSE_AUTO);
    const char *msg_b = rb ? govern_error_last() : "";
    if (ra != rb || strcmp(msg_a, msg_b))
        fail_msg("different results for:\n%.*s\nlibyaml: %d %s\ndefault: %d %s", (int)len, text, ra,
                 msg_a, rb, msg_b);
    if (!ra) {
        if (!govern_node_equal(a->meta, b->meta, true) || strcmp(a->body, b->body) ||
            a->body_line != b->body_line)
            fail_msg("different trees for:\n%.*s", (int)len, text);
        if (govern_doc_parse_mode(&c, "x/meeting.md", text, len, GOVERN_PARSE_FAST_ONLY) == 0)
            fast_taken++;
    }
    compared++;
    govern_doc_free(a);
    govern_doc_free(b);
    govern_doc_free(c);
}

static void must_be_fast(const char *text)
{
    struct govern_doc *d = NULL;
    int rc = govern_doc_parse_mode(&d, "x/meeting.md", text, strlen(text), GOVERN_PARSE_FAST_ONLY);
    if (rc)
        fail_msg("not taken by the fast path (%s):\n%s", govern_error_last(), text);
    govern_doc_free(d);
    same(text, strlen(text));
}

/* Seeded edits of text: each byte replaced, or a line inserted. */
static void mutate(const char *text)
{
    static const char *const bytes[] = {" ", "-", ":",  "#",    "\n",       "\t", "\"", "'",  "a",
                                        "[", "~", "\r", "\x7f", "\xc2\x85", ": ", "- ", "  ", "{"};
    static const char *const lines[] = {
        "# a comment\n", "\n",           "  x\n",   "    more text\n", "- item\n",  "key:\n",
        "uid: again\n",  "title: 'q'\n", "  - a\n", "null: x\n",       "a: b: c\n", "...\n"};
    size_t len = strlen(text);
    char *buf = malloc(len + 64);
    unsigned seed = 12345;
    for (size_t i = 0; i < len; i++) {
        seed = seed * 1103515245u + 12345u;
        const char *r = bytes[(seed >> 16) % (sizeof(bytes) / sizeof(*bytes))];
        size_t rl = strlen(r);
        memcpy(buf, text, i);
        memcpy(buf + i, r, rl);
        memcpy(buf + i + rl, text + i + 1, len - i - 1);
        same(buf, len - 1 + rl);
    }
    for (size_t i = 0; i < len; i++) {
        if (i && text[i - 1] != '\n')
            continue;
        for (size_t k = 0; k < sizeof(lines) / sizeof(*lines); k++) {
            size_t ll = strlen(lines[k]);
            memcpy(buf, text, i);
            memcpy(buf + i, lines[k], ll);
            memcpy(buf + i + ll, text + i, len - i);
            same(buf, len + ll);
        }
        /* the line deleted */
        const char *nl = strchr(text + i, '\n');
        size_t skip = nl ? (size_t)(nl - (text + i)) + 1 : len - i;
        memcpy(buf, text, i);
        memcpy(buf + i, text + i + skip, len - i - skip);
        same(buf, len - skip);
    }
    free(buf);
}

static const char *const canonical[] = {
    "---\nuid: a@govern\ndate: 2024-03-14\ntime: 10:00\nend: 12:30\n"
    "location: Council Chamber, Deanes; Basingstoke \\ \"Room 1\"\nstatus: scheduled\n"
    "sequence: 0\n---\n",
    "---\npublished: 1999-12-01\nitems:\n- title: Apologies for absence\n  standard: apologies\n"
    "- title: Declarations of interest\n  purpose: To enable Members to disclose any "
    "interests.\n- title: Contract award\n  exempt: 3\n---\n\nBody text\n",
    "---\nmeeting: cdjsc/2019-12-16\nstatus: draft\nyear: 2019\npresent:\n- name: Cllr R G\n"
    "- name: Cllr Q Sub\n  substitute_for: Cllr P C\nitems:\n- number: 1\n  title: Chair\n"
    "  agenda_item: 1\n---\n## 1/19 Chair\n",
    "---\nid: X-2019-001\nraised_in:\n  meeting: cdjsc/2019-12-16\n  minute: 6/19\n"
    "referred_to:\n- hcssg\nlog:\n- date: 2020-01-10\n  by: Test Clerk\n  note: Chased\n---\n",
    "---\nname: Zoë O'Brien — Comité de Sécurité ✓ 𝄞\ntitle: Children's Services No 1, C#\n"
    "url: https://example.org/a:b?c=d#e\n---\n",
    "---\nitems:\n  - a\n  - b\nmap:\n    x: y\n    z:\n    - w\n---\n",
};

/* Edge cases, both ways: each must give the same result on both paths. */
static const char *const edges[] = {
    "---\n---\n",
    "---\na: null\n---\n",
    "---\na: ~\n---\n",
    "---\na:\nb: c\n---\n",
    "---\na: 'quoted'\n---\n",
    "---\na: b # comment\n---\n",
    "---\na: b\na: c\n---\n",
    "---\na: [1, 2]\n---\n",
    "---\na: b\n  continued\n---\n",
    "---\na:\n- b\n-\n- c\n---\n",
    "---\na:\n- - b\n---\n",
    "---\na: b\r\n---\n",
    "---\na: \tb\n---\n",
    "---\na: b \n---\n",
    "---\n- a\n---\n",
    "---\nA: b\n---\n",
    "---\nnull: b\n---\n",
    "---\na: &x b\n---\n",
    "---\na: !t b\n---\n",
    "---\na: |\n  text\n---\n",
    "---\na: -1\n---\n",
    "---\na: b:\n---\n",
    "---\na: \xef\xbb\xbf"
    "b\n---\n",
    "---\na: b\xc2\x85"
    "c\n---\n",
    "---\na: b\x7f\n---\n",
    "---\na: \xef\xbf\xbe\n---\n",
    "---\nitems:\n- title: a\n   purpose: b\n---\n",
    "---\nitems:\n- title: a\n purpose: b\n---\n",
    "---\nitems:\n- title: a\n  title: b\n---\n",
    "---\na:\n  b: c\n d: e\n---\n",
    "---\na: b\n...\nbody\n",
    "---\na: b\n--- \nbody\n",
    "---\na: b\n---",
    "---\r\na: b\r\n---\r\n",
};

static void test_doc_fast__canonical_samples_take_the_fast_path(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(canonical) / sizeof(*canonical); i++)
        must_be_fast(canonical[i]);
}

static void test_doc_fast__edge_cases_agree(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(edges) / sizeof(*edges); i++)
        same(edges[i], strlen(edges[i]));
}

static void test_doc_fast__edits_agree(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(canonical) / sizeof(*canonical); i++)
        mutate(canonical[i]);
}

/* What govern's own serializers write is in the canonical form. */
static void test_doc_fast__serialized_records_take_the_fast_path(void **state)
{
    (void)state;
    struct govern_meeting *m = NULL;
    assert_int_equal(govern_meeting_parse(&m, "csg/2024-03-14", canonical[0], strlen(canonical[0])),
                     0);
    free(m->title);
    m->title = strdup("Annual review: 2024, the \"big\" one");
    m->reason = strdup("Storm — no quorum");
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_int_equal(govern_meeting_serialize(&b, m), 0);
    same(b.ptr, b.len); /* quoted: libyaml either way */
    govern_buf_clear(&b);
    free(m->title);
    m->title = strdup("Annual review");
    assert_int_equal(govern_meeting_serialize(&b, m), 0);
    must_be_fast(b.ptr);
    mutate(b.ptr);
    govern_meeting_free(m);

    struct govern_agenda *a = NULL;
    assert_int_equal(govern_agenda_parse(&a, "csg/2024-03-14", canonical[1], strlen(canonical[1])),
                     0);
    govern_buf_clear(&b);
    assert_int_equal(govern_agenda_serialize(&b, a), 0);
    must_be_fast(b.ptr);
    mutate(b.ptr);
    govern_agenda_free(a);
    govern_buf_free(&b);
}

static void walk(const char *dir, size_t *files)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st))
            continue;
        if (S_ISDIR(st.st_mode)) {
            walk(path, files);
        } else if (strlen(path) > 3 && !strcmp(path + strlen(path) - 3, ".md")) {
            FILE *f = fopen(path, "rb");
            if (!f)
                continue;
            char *text = malloc((size_t)st.st_size + 1);
            size_t n = fread(text, 1, (size_t)st.st_size, f);
            fclose(f);
            text[n] = '\0';
            same(text, n);
            (*files)++;
            free(text);
        }
    }
    closedir(d);
}

static void test_doc_fast__the_repository_store_agrees(void **state)
{
    (void)state;
    size_t files = 0, before = fast_taken;
    walk(store_dir, &files);
    assert_true(files >= 10);
    assert_true(fast_taken > before); /* most of govern's own files */
}

int main(int argc, char **argv)
{
    if (argc > 1)
        store_dir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_doc_fast__canonical_samples_take_the_fast_path),
        cmocka_unit_test(test_doc_fast__edge_cases_agree),
        cmocka_unit_test(test_doc_fast__edits_agree),
        cmocka_unit_test(test_doc_fast__serialized_records_take_the_fast_path),
        cmocka_unit_test(test_doc_fast__the_repository_store_agrees),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fprintf(stderr, "%zu documents compared, %zu read by the fast path\n", compared, fast_taken);
    return rc;
}
