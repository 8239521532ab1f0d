/*
 * Unit tests of the action register (core/action*.c) and the actions
 * plugin: the document parser's two paths (the canonical form's fast path
 * and libyaml, chosen through core/testing.h) give the same register,
 * validation messages name
 * file and line, ids and RAG, the minutes scanner and rewriter, the listing
 * JSON is byte for byte what jansson writes, and the minutes hook run
 * through a real store transaction.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "../unit/helpers.h"
#include "actions.h"
#include "core/testing.h"

/* What jansson writes for the JSON in a (read back and written again with
 * the layout of govern_json_write): the same bytes when a's layout is
 * jansson's, and when a is valid JSON at all. */
static void assert_jansson_bytes(const struct govern_buf *a)
{
    json_error_t err;
    json_t *v = json_loads(a->ptr, 0, &err);
    if (!v)
        print_error("not JSON: %s at line %d\n%s\n", err.text, err.line, a->ptr);
    assert_non_null(v);
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_json_write(&b, v, 0));
    assert_string_equal(a->ptr, b.ptr);
    govern_buf_free(&b);
}

static const char canonical[] = "---\n"
                                "id: CDJSC-2019-001\n"
                                "committee: cdjsc\n"
                                "raised_in:\n"
                                "  meeting: cdjsc/2019-12-16\n"
                                "  minute: 6/19\n"
                                "owner: Safer North Hampshire CSP\n"
                                "due: 2020-03-31\n"
                                "status: in-progress\n"
                                "referred_to:\n"
                                "- hcssg\n"
                                "- csg\n"
                                "created: 2019-12-16\n"
                                "updated: 2020-01-10\n"
                                "log:\n"
                                "- date: 2020-01-10\n"
                                "  by: Test Clerk\n"
                                "  status: in-progress\n"
                                "  due: 2020-04-30\n"
                                "  note: Chased by email\n"
                                "---\n"
                                "\n"
                                "Circulate the list of agencies.\n";

/* Parses text with the given mode into r (text copied: parsing writes into it). */
static int parse(struct govern_action_register *r, const char *text, enum govern_parse_mode mode)
{
    char *copy = strdup(text);
    int rc = govern_action_parse_mode(r, "actions/CDJSC-2019-001.md", copy, strlen(copy), mode);
    free(copy);
    return rc;
}

static void ser(struct govern_buf *b, const struct govern_action *a)
{
    govern_buf_clear(b);
    assert_ok(govern_action_serialize(b, a));
}

static void test_actions_register__fast_and_full_agree(void **state)
{
    (void)state;
    struct govern_action_register fast, full;
    govern_action_register_init(&fast);
    govern_action_register_init(&full);
    assert_ok(parse(&fast, canonical, GOVERN_PARSE_FAST_ONLY));
    assert_ok(parse(&full, canonical, GOVERN_PARSE_LIBYAML));
    struct govern_buf a = GOVERN_BUF_INIT, b = GOVERN_BUF_INIT;
    ser(&a, &fast.items[0]);
    ser(&b, &full.items[0]);
    assert_string_equal(a.ptr, b.ptr);
    /* govern writes the canonical form: serialising gives the file back */
    assert_string_equal(a.ptr, canonical);
    const struct govern_action *x = &fast.items[0], *y = &full.items[0];
    assert_int_equal(x->line_id, y->line_id);
    assert_int_equal(x->line_meeting, y->line_meeting);
    assert_int_equal(x->line_referred, y->line_referred);
    assert_int_equal(x->log[0].line, y->log[0].line);
    assert_int_equal(x->n_referred, 2);
    assert_string_equal(x->text, "Circulate the list of agencies.");
    govern_buf_free(&a);
    govern_buf_free(&b);
    govern_action_register_clear(&fast);
    govern_action_register_clear(&full);
}

/* Files the fast path must leave to the parser, and the same result or the
 * same error either way. */
static void test_actions_register__non_canonical_same_result(void **state)
{
    (void)state;
    static const char *const variants[] = {
        /* quoted value, comment, flow list, CRLF-free but odd spacing */
        "---\nid: CDJSC-2019-001\ncommittee: cdjsc\nowner: 'Chief: Constable'\nstatus: open\n"
        "created: 2019-12-16\nreferred_to: [hcssg]\n---\nText\n",
        "---\nid: CDJSC-2019-001 # comment\ncommittee: cdjsc\nowner: X\nstatus: open\n"
        "created: 2019-12-16\n---\nText\n",
        "---\nid: CDJSC-2019-001\ncommittee: cdjsc\nowner: X\nstatus: open\ncreated: 2019-12-16\n"
        "due: ~\nlog: []\n---\n\nText\n",
        /* errors */
        "---\nid: CDJSC-2019-001\ncommittee: cdjsc\nowner: X\nstatus: closed\ncreated: "
        "2019-12-16\n---\nText\n",
        "---\nid: CDJSC-2019-001\ncommittee: cdjsc\nowner: X\nstatus: open\ncreated: "
        "2019-12-16\ndue: 2021-02-30\n---\nText\n",
        "---\nid: CDJSC-2019-001\ncommittee: cdjsc\nowner: X\nstatus: open\nstatus: done\n"
        "created: 2019-12-16\n---\nText\n",
        "---\nid: CDJSC-2019-001\ncommittee: cdjsc\nowner: X\nstatus: open\ncreated: "
        "2019-12-16\nvenue: y\n---\nText\n",
        "---\nid: CDJSC-2019-001\ncommittee: cdjsc\nowner: X\nstatus: open\ncreated: "
        "2019-12-16\n---\n\n\n",
        "---\nid: cdjsc-1\ncommittee: cdjsc\nowner: X\nstatus: open\ncreated: 2019-12-16\n---\nT\n",
        "---\nid: CDJSC-2019-001\ncommittee: cdjsc\nowner: X\nstatus: open\ncreated: "
        "2019-12-16\nlog:\n- date: 2020-01-01\n  status: done\n---\nText\n",
        "---\nid: CDJSC-2019-001\ncommittee: cdjsc\nowner: X\nstatus: open\ncreated: "
        "2019-12-16\nreferred_to:\n- Bad Slug\n---\nText\n",
        /* the priority tag: canonical, quoted, malformed */
        "---\nid: CDJSC-2019-001\ncommittee: cdjsc\nowner: X\nstatus: open\n"
        "priority: hcssg-2021-23/1\ncreated: 2019-12-16\n---\nText\n",
        "---\nid: CDJSC-2019-001\ncommittee: cdjsc\nowner: X\nstatus: open\n"
        "priority: 'hcssg-2021-23/12'\ncreated: 2019-12-16\n---\nText\n",
        "---\nid: CDJSC-2019-001\ncommittee: cdjsc\nowner: X\nstatus: open\n"
        "priority: hcssg-2021-23\ncreated: 2019-12-16\n---\nText\n",
        "---\nid: CDJSC-2019-001\ncommittee: cdjsc\nowner: X\nstatus: open\n"
        "priority: [a/1]\ncreated: 2019-12-16\n---\nText\n",
    };
    for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
        struct govern_action_register r0, r1;
        govern_action_register_init(&r0);
        govern_action_register_init(&r1);
        int rc0 = parse(&r0, variants[i], GOVERN_PARSE_AUTO);
        char msg0[512];
        snprintf(msg0, sizeof(msg0), "%s", govern_error_last());
        int rc1 = parse(&r1, variants[i], GOVERN_PARSE_LIBYAML);
        if (rc0 != rc1 || (rc0 && strcmp(msg0, govern_error_last()))) {
            print_error("variant %zu: auto %d '%s' vs parser %d '%s'\n", i, rc0, msg0, rc1,
                        govern_error_last());
            fail();
        }
        if (!rc0) {
            struct govern_buf a = GOVERN_BUF_INIT, b = GOVERN_BUF_INIT;
            ser(&a, &r0.items[0]);
            ser(&b, &r1.items[0]);
            assert_string_equal(a.ptr, b.ptr);
            govern_buf_free(&a);
            govern_buf_free(&b);
        }
        govern_action_register_clear(&r0);
        govern_action_register_clear(&r1);
    }
}

static void test_actions_register__errors_name_line(void **state)
{
    (void)state;
    struct govern_action_register r;
    govern_action_register_init(&r);
    char *bad = strdup(canonical);
    char *p = strstr(bad, "due: 2020-03-31");
    memcpy(p, "due: 2021-02-30", 15);
    assert_err(parse(&r, bad, GOVERN_PARSE_AUTO), GOVERN_EINVAL,
               "actions/CDJSC-2019-001.md:8: field 'due'");
    p = strstr(bad, "status: in-progress");
    memcpy(p, "status: finished!! ", 19);
    memcpy(strstr(bad, "due: 2021-02-30"), "due: 2021-02-28", 15);
    assert_err(parse(&r, bad, GOVERN_PARSE_AUTO), GOVERN_EINVAL,
               ":9: field 'status': invalid status");
    free(bad);
    assert_int_equal(r.count, 0);
    govern_action_register_clear(&r);
}

static void test_actions_register__rag_boundaries(void **state)
{
    (void)state;
    struct govern_action a = {.status = GOVERN_ACTION_OPEN};
    govern_date as_of;
    govern_date_parse(&as_of, "2020-05-01");
    int over;
    a.due = as_of;
    assert_int_equal(govern_action_rag(&a, as_of, &over), GOVERN_RAG_AMBER);
    assert_int_equal(over, 0);
    a.due = as_of + 14;
    assert_int_equal(govern_action_rag(&a, as_of, &over), GOVERN_RAG_AMBER);
    a.due = as_of + 15;
    assert_int_equal(govern_action_rag(&a, as_of, &over), GOVERN_RAG_GREEN);
    a.due = as_of - 1;
    assert_int_equal(govern_action_rag(&a, as_of, &over), GOVERN_RAG_RED);
    assert_int_equal(over, 1);
    a.status = GOVERN_ACTION_DONE;
    assert_int_equal(govern_action_rag(&a, as_of, &over), GOVERN_RAG_GREEN);
    a.due = GOVERN_DATE_NONE;
    a.status = GOVERN_ACTION_OPEN;
    assert_int_equal(govern_action_rag(&a, as_of, &over), GOVERN_RAG_GREEN);
}

static void test_actions_register__ids(void **state)
{
    (void)state;
    assert_true(govern_action_id_valid("CDJSC-2019-001"));
    assert_true(govern_action_id_valid("POLICY-RESOURCES-2021-1000"));
    assert_false(govern_action_id_valid("cdjsc-2019-001"));
    assert_false(govern_action_id_valid("CDJSC-2019-01"));
    assert_false(govern_action_id_valid("CDJSC-19-001"));
    assert_false(govern_action_id_valid("-2019-001"));
    assert_false(govern_action_id_valid("../../x-2019-001"));
    assert_true(govern_action_priority_id_valid("hcssg-2021-23/1"));
    assert_true(govern_action_priority_id_valid("csg-2008-09/99"));
    assert_false(govern_action_priority_id_valid("hcssg-2021-23/0"));
    assert_false(govern_action_priority_id_valid("hcssg-2021-23/01"));
    assert_false(govern_action_priority_id_valid("hcssg-2021-23/100"));
    assert_false(govern_action_priority_id_valid("hcssg-2021-23/"));
    assert_false(govern_action_priority_id_valid("/1"));
    assert_false(govern_action_priority_id_valid("a/b/1"));
    assert_false(govern_action_priority_id_valid("a b/1"));
    assert_false(govern_action_priority_id_valid(NULL));
}

static void test_actions_register__json_matches_jansson(void **state)
{
    (void)state;
    struct govern_action_register r;
    govern_action_register_init(&r);
    assert_ok(parse(&r, canonical, GOVERN_PARSE_AUTO));
    assert_ok(parse(&r,
                    "---\nid: CDJSC-2019-002\ncommittee: cdjsc\nowner: \"A \\\"B\\\"\\t\\\\ "
                    "é\"\nstatus: open\ncreated: 2019-12-16\n---\n\nLine one,\n"
                    "\"two\"\n",
                    0));
    assert_ok(parse(&r,
                    "---\nid: CDJSC-2019-003\ncommittee: cdjsc\nowner: X\nstatus: open\n"
                    "priority: hcssg-2021-23/2\ncreated: 2019-12-16\n---\n\nTagged\n",
                    0));
    govern_date as_of;
    govern_date_parse(&as_of, "2020-05-01");
    struct govern_buf a = GOVERN_BUF_INIT;
    assert_ok(actions_render_json(&a, &r, as_of, NULL));
    assert_jansson_bytes(&a);
    assert_contains(a.ptr, "\"owner\": \"A \\\"B\\\"\\t\\\\ é\"");
    assert_contains(a.ptr, "\"priority\": \"hcssg-2021-23/2\"");
    /* action show: the full object, log included */
    for (size_t i = 0; i < r.count; i++) {
        govern_buf_clear(&a);
        assert_ok(actions_render_one(&a, &r.items[i], as_of, "json"));
        assert_jansson_bytes(&a);
        assert_contains(a.ptr, "\"log\": [");
    }
    govern_buf_clear(&a);
    struct govern_action_register empty;
    govern_action_register_init(&empty);
    assert_ok(actions_render_json(&a, &empty, as_of, NULL));
    assert_jansson_bytes(&a);
    assert_string_equal(a.ptr, "{\n  \"as_of\": \"2020-05-01\",\n  \"actions\": []\n}\n");
    govern_buf_free(&a);
    govern_action_register_clear(&r);
}

/* ------------------------------------------------------------- minutes */

static const char minutes[] =
    "---\nmeeting: cdjsc/2019-12-16\nstatus: draft\nyear: 2019\n---\n\n"
    "Preamble.\n\n"
    "## 1/19 Appointment of Chair\n\n"
    "Councillor Miller was elected.\n\n"
    "```\n- [ ] ACTION: not an action inside a fence @Nobody\n## 9/19 Not a heading\n```\n\n"
    "## 6/19 Performance review\n\n"
    "- [ ] ACTION: Circulate the list of agencies @{Safer North Hampshire CSP} due:2020-03-31\n"
    "  * [x] ACTION: Send the slides @Hampshire-Constabulary\n"
    "- [ ] ACTION CDJSC-2019-001: Already registered @{X} due:2020-01-01\n"
    "- [ ] Not an action\n"
    "- [ ] ACTION: Report back due:2020-06-30 @Carrie\n";

static void test_actions_minutes__scan(void **state)
{
    (void)state;
    struct actions_minutes_scan s;
    assert_ok(actions_minutes_scan(&s, "cdjsc/2019-12-16/minutes.md", minutes));
    assert_int_equal(s.count, 4);
    assert_string_equal(s.items[0].minute_label, "6/19");
    assert_string_equal(s.items[0].text, "Circulate the list of agencies");
    assert_string_equal(s.items[0].owner, "Safer North Hampshire CSP");
    assert_false(s.items[0].done);
    char d[11];
    govern_date_format(d, s.items[0].due);
    assert_string_equal(d, "2020-03-31");
    assert_true(s.items[1].done);
    assert_string_equal(s.items[1].owner, "Hampshire-Constabulary");
    assert_int_equal(s.items[1].due, GOVERN_DATE_NONE);
    assert_string_equal(s.items[2].id, "CDJSC-2019-001");
    assert_string_equal(s.items[3].owner, "Carrie");
    assert_string_equal(s.items[3].text, "Report back");

    char *ids[4] = {"CDJSC-2019-002", "CDJSC-2019-003", NULL, "CDJSC-2019-004"};
    struct govern_buf out = GOVERN_BUF_INIT;
    assert_ok(actions_minutes_rewrite(&out, minutes, &s, ids));
    assert_contains(out.ptr, "\n- [ ] ACTION CDJSC-2019-002: Circulate the list of agencies "
                             "@{Safer North Hampshire CSP} due:2020-03-31\n");
    assert_contains(out.ptr, "\n  * [x] ACTION CDJSC-2019-003: Send the slides "
                             "@{Hampshire-Constabulary}\n");
    assert_contains(out.ptr, "- [ ] ACTION CDJSC-2019-004: Report back @{Carrie} due:2020-06-30\n");
    assert_contains(out.ptr, "- [ ] ACTION: not an action inside a fence @Nobody\n");
    /* a rewritten text scans as registered: nothing left to register */
    struct actions_minutes_scan s2;
    assert_ok(actions_minutes_scan(&s2, "m.md", out.ptr));
    for (size_t i = 0; i < s2.count; i++)
        assert_non_null(s2.items[i].id);
    actions_minutes_scan_free(&s2);
    actions_minutes_scan_free(&s);
    govern_buf_free(&out);
}

static void test_actions_minutes__bad_lines(void **state)
{
    (void)state;
    struct actions_minutes_scan s;
    assert_err(actions_minutes_scan(&s, "c/2019-12-16/minutes.md",
                                    "## 1/19 X\n\n- [ ] ACTION: Do it due:2021-02-30 @Me\n"),
               GOVERN_EINVAL, "c/2019-12-16/minutes.md:3: due date '2021-02-30'");
    assert_err(actions_minutes_scan(&s, "m.md", "## 1/19 X\n- [ ] ACTION: Do it due:2021-01-30\n"),
               GOVERN_EINVAL, "m.md:2: the action has no owner");
    assert_err(actions_minutes_scan(&s, "m.md", "## 1/19 X\n- [ ] ACTION: @Me\n"), GOVERN_EINVAL,
               "m.md:2: the action has no text");
    assert_err(actions_minutes_scan(&s, "m.md", "Intro\n- [ ] ACTION: Do @Me\n## 1/19 X\n"),
               GOVERN_EINVAL, "m.md:2: an action must be inside a minute");
    assert_err(actions_minutes_scan(&s, "m.md", "## 1/19 X\n- [ ] ACTION: Do @{}\n"), GOVERN_EINVAL,
               "m.md:2:");
}

/* ------------------------------------------------------------- hook */

struct put_ctx {
    const char *const *files; /* path, content, ... NULL */
    const char *event_subject;
    bool fire;
};

static int put_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct put_ctx *c = vctx;
    for (size_t i = 0; c->files && c->files[i]; i += 2) {
        int rc = govern_change_put(chg, c->files[i], c->files[i + 1], strlen(c->files[i + 1]));
        if (rc)
            return rc;
    }
    if (c->fire) {
        govern_date d;
        govern_date_parse(&d, "2019-12-20");
        int rc = actions_minutes_hook(GOVERN_EVENT_MINUTES_DRAFTED, c->event_subject, chg, head, d,
                                      NULL);
        if (rc)
            return rc;
    }
    return govern_change_message(chg, "test");
}

static void test_actions_hook__registers_in_the_same_commit(void **state)
{
    (void)state;
    char root[] = "/tmp/govern-actions-hook.XXXXXX";
    assert_non_null(mkdtemp(root));
    setenv("GOVERN_AUTHOR_NAME", "Test Clerk", 1);
    setenv("GOVERN_AUTHOR_EMAIL", "clerk@example.org", 1);
    struct govern_store *s = NULL;
    assert_ok(govern_store_init(&s, root, "format: 1\nbody: Test Council\n", "init"));
    static const char *const setup[] = {
        "cdjsc/committee.md", "---\nname: Joint Scrutiny\nshort_name: CDJSC\n---\n",
        "cdjsc/2019-12-16/meeting.md",
        "---\nuid: 0e0e0e0e-0000-4000-8000-000000000000@govern\ndate: 2019-12-16\n---\n", NULL};
    struct put_ctx c1 = {setup, NULL, false};
    struct govern_commit_info info;
    assert_ok(govern_store_transact(&info, s, put_fn, &c1));

    /* a bad line fails the whole write, naming minutes.md and the line */
    static const char *const bad[] = {"cdjsc/2019-12-16/minutes.md",
                                      "## 6/19 Review\n\n- [ ] ACTION: Do it due:2020-13-01 @X\n",
                                      NULL};
    struct put_ctx c2 = {bad, "cdjsc/2019-12-16", true};
    assert_err(govern_store_transact(&info, s, put_fn, &c2), GOVERN_EINVAL,
               "cdjsc/2019-12-16/minutes.md:3: due date");
    struct govern_snapshot *snap = NULL;
    assert_ok(govern_store_snapshot(&snap, s, "HEAD"));
    assert_false(govern_snapshot_exists(snap, "cdjsc/2019-12-16/minutes.md"));
    govern_snapshot_free(snap);

    static const char *const good[] = {"cdjsc/2019-12-16/minutes.md", minutes + 0, NULL};
    struct put_ctx c3 = {good, "cdjsc/2019-12-16", true};
    assert_ok(govern_store_transact(&info, s, put_fn, &c3));
    assert_ok(govern_store_snapshot(&snap, s, "HEAD"));
    struct govern_action_register r;
    govern_action_register_init(&r);
    assert_ok(govern_action_load_all(&r, snap, NULL, NULL, NULL));
    /* CDJSC-2019-001 is named in the minutes but has no file: the serial goes on from the files */
    assert_int_equal(r.count, 3);
    assert_string_equal(r.items[0].id, "CDJSC-2019-001");
    assert_string_equal(r.items[0].minute, "6/19");
    assert_string_equal(r.items[0].meeting, "cdjsc/2019-12-16");
    assert_int_equal(r.items[1].status, GOVERN_ACTION_DONE);
    struct govern_buf m = GOVERN_BUF_INIT;
    assert_ok(govern_snapshot_read(&m, snap, "cdjsc/2019-12-16/minutes.md"));
    assert_contains(m.ptr, "- [ ] ACTION CDJSC-2019-001: Circulate the list of agencies");
    assert_contains(m.ptr, "* [x] ACTION CDJSC-2019-002: Send the slides");
    govern_snapshot_free(snap);
    govern_action_register_clear(&r);

    /* firing again registers nothing new */
    static const char *const none[] = {NULL};
    struct put_ctx c4 = {none, "cdjsc/2019-12-16", true};
    assert_ok(govern_store_transact(&info, s, put_fn, &c4));
    assert_ok(govern_store_snapshot(&snap, s, "HEAD"));
    govern_action_register_init(&r);
    assert_ok(govern_action_load_all(&r, snap, NULL, NULL, NULL));
    assert_int_equal(r.count, 3);
    govern_action_register_clear(&r);
    govern_snapshot_free(snap);
    govern_buf_free(&m);
    govern_store_free(s);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_actions_register__fast_and_full_agree),
        cmocka_unit_test(test_actions_register__non_canonical_same_result),
        cmocka_unit_test(test_actions_register__errors_name_line),
        cmocka_unit_test(test_actions_register__rag_boundaries),
        cmocka_unit_test(test_actions_register__ids),
        cmocka_unit_test(test_actions_register__json_matches_jansson),
        cmocka_unit_test(test_actions_minutes__scan),
        cmocka_unit_test(test_actions_minutes__bad_lines),
        cmocka_unit_test(test_actions_hook__registers_in_the_same_commit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
