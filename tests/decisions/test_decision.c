/*
 * Unit tests of the decisions plugin's record (plugins/decisions/decision.c):
 * parse <-> serialise round trips, errors naming the file and line, the
 * lettered parts and fixed sections of the body, ids and slugs, the call-in
 * period over bank holidays, the status on a day and the public form.
 */
#include <stdio.h>
#include <stdlib.h>
#include "../unit/helpers.h"
#include "decisions.h"

static const char notice_md[] = "---\n"
                                "decision_maker: cabinet\n"
                                "committee: cabinet\n"
                                "meeting: cabinet/2021-12-07\n"
                                "date: 2021-12-07\n"
                                "title: Hampshire Community Safety Strategy Group\n"
                                "key: true\n"
                                "forward_plan_ref: FP-2021-42\n"
                                "reference: CAB-7\n"
                                "exempt: 3\n"
                                "conflicts: None\n"
                                "members_consulted_conflicts: Not applicable\n"
                                "dispensation: none\n"
                                "published: 2021-12-23\n"
                                "call_in_end: 2022-01-04\n"
                                "---\n"
                                "\n"
                                "## Decision\n"
                                "\n"
                                "That Cabinet:\n"
                                "\n"
                                "a) Note the establishment of the Group.\n"
                                "\n"
                                "b) Note the work on priorities, including:\n"
                                "\n"
                                "- County Lines\n"
                                "- radical extremism\n"
                                "\n"
                                "```\n"
                                "## not a heading\n"
                                "c) not a part\n"
                                "```\n"
                                "\n"
                                "c) Establish an annual cycle of reporting to Cabinet.\n"
                                "\n"
                                "## Reasons\n"
                                "\n"
                                "To outline the current position.\n"
                                "\n"
                                "## Other options considered and rejected\n"
                                "\n"
                                "None.\n"
                                "\n"
                                "## Statement\n"
                                "\n"
                                "I have considered the report.\n"
                                "\n"
                                "## Notes\n"
                                "\n"
                                "SECRET-NOTE\n";

static struct decision *parse_ok(const char *text)
{
    struct decision *d = NULL;
    assert_ok(decision_parse(&d, "2021-12-07-hcssg", text, strlen(text)));
    return d;
}

static void test_decision__parse_fields_and_parts(void **state)
{
    struct decision *d = parse_ok(notice_md);
    assert_string_equal(d->path, "decisions/2021-12-07-hcssg.md");
    assert_string_equal(d->maker, "cabinet");
    assert_string_equal(d->committee, "cabinet");
    assert_string_equal(d->meeting, "cabinet/2021-12-07");
    assert_int_equal(d->date, ymd(2021, 12, 7));
    assert_true(d->key);
    assert_string_equal(d->forward_plan_ref, "FP-2021-42");
    assert_int_equal(d->exempt, 3);
    assert_null(d->urgency);
    assert_int_equal(d->published, ymd(2021, 12, 23));
    assert_int_equal(d->call_in_end, ymd(2022, 1, 4));
    assert_string_equal(d->preamble, "That Cabinet:\n");
    assert_int_equal(d->n_parts, 3);
    assert_string_equal(d->parts[0], "Note the establishment of the Group.\n");
    /* a fenced block's heading and letter belong to part b) */
    assert_contains(d->parts[1],
                    "- radical extremism\n\n```\n## not a heading\nc) not a part\n```\n");
    assert_string_equal(d->parts[2], "Establish an annual cycle of reporting to Cabinet.\n");
    assert_string_equal(d->reasons, "To outline the current position.\n");
    assert_string_equal(d->rejected, "None.\n");
    assert_string_equal(d->statement, "I have considered the report.\n");
    assert_string_equal(d->notes, "SECRET-NOTE\n");
    assert_int_equal(d->line_key, 7);
    assert_int_equal(d->line_call_in_end, 15);
    decision_free(d);
}

static void test_decision__round_trip_is_canonical(void **state)
{
    struct decision *d = parse_ok(notice_md), *e = NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(decision_serialize(&b, d));
    assert_string_equal(b.ptr, notice_md);
    assert_ok(decision_parse(&e, d->id, b.ptr, b.len));
    assert_true(decision_equal(d, e));
    free(e->notes);
    e->notes = NULL;
    assert_false(decision_equal(d, e));
    decision_free(e);
    govern_buf_free(&b);
    decision_free(d);
}

static void test_decision__crlf_and_minimal(void **state)
{
    const char *t = "---\r\ndecision_maker: Executive Member for Adult Social Care\r\n"
                    "date: 2021-03-01\r\ntitle: Fees\r\n---\r\n\r\n## Decision\r\n\r\n"
                    "a) Agree the fees.\r\n";
    struct decision *d = parse_ok(t);
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_false(d->key);
    assert_int_equal(d->exempt, 0);
    assert_int_equal(d->published, GOVERN_DATE_NONE);
    assert_string_equal(d->parts[0], "Agree the fees.\n");
    assert_ok(decision_serialize(&b, d));
    assert_string_equal(b.ptr, "---\ndecision_maker: Executive Member for Adult Social Care\n"
                               "date: 2021-03-01\ntitle: Fees\nkey: false\n---\n\n## Decision\n\n"
                               "a) Agree the fees.\n");
    govern_buf_free(&b);
    decision_free(d);
}

/* Replaces the first occurrence of from in notice_md by to and parses it. */
static int parse_edited(const char *from, const char *to)
{
    const char *at = strstr(notice_md, from);
    assert_non_null(at);
    struct govern_buf b = GOVERN_BUF_INIT;
    govern_buf_put(&b, notice_md, (size_t)(at - notice_md));
    govern_buf_puts(&b, to);
    govern_buf_puts(&b, at + strlen(from));
    struct decision *d = NULL;
    int rc = decision_parse(&d, "2021-12-07-hcssg", b.ptr, b.len);
    decision_free(d);
    govern_buf_free(&b);
    return rc;
}

static void test_decision__errors_name_file_and_line(void **state)
{
    const char *P = "decisions/2021-12-07-hcssg.md:";
    char want[200];
    snprintf(want, sizeof(want), "%s5: field 'date'", P);
    assert_err(parse_edited("date: 2021-12-07", "date: 2021-02-30"), GOVERN_EINVAL, want);
    snprintf(want, sizeof(want), "%s3: unknown field 'venue'", P);
    assert_err(parse_edited("committee: cabinet\n", "venue: x\n"), GOVERN_EINVAL, want);
    snprintf(want, sizeof(want), "%s10: ", P);
    assert_err(parse_edited("exempt: 3", "exempt: 8"), GOVERN_EINVAL, want);
    assert_err(parse_edited("key: true", "key: maybe"), GOVERN_EINVAL, "7: field 'key'");
    assert_err(parse_edited("title: Hampshire Community Safety Strategy Group\n", ""),
               GOVERN_EINVAL, "'title'");
    assert_err(parse_edited("conflicts: None\n", "urgency: not applicable\n"), GOVERN_EINVAL,
               "11: field 'urgency' must state the reason");
    assert_err(parse_edited("committee: cabinet", "committee: Cabinet"), GOVERN_EINVAL,
               "3: field 'committee'");
    assert_err(parse_edited("meeting: cabinet/2021-12-07", "meeting: cabinet/7-12-2021"),
               GOVERN_EINVAL, "4: field 'meeting'");
    snprintf(want, sizeof(want), "%s44: unknown section '## Appendix'", P);
    assert_err(parse_edited("## Statement", "## Appendix"), GOVERN_EINVAL, want);
    assert_err(parse_edited("## Statement", "# Statement"), GOVERN_EINVAL,
               "unknown section '# Statement'");
    snprintf(want, sizeof(want), "%s40: section '## Reasons' appears twice", P);
    assert_err(parse_edited("## Other options considered and rejected", "## Reasons"),
               GOVERN_EINVAL, want);
    assert_err(parse_edited("## Statement", "## Decision"), GOVERN_EINVAL, "appears twice");
    assert_err(parse_edited("## Reasons\n\nTo outline the current position.\n\n"
                            "## Other options considered and rejected\n",
                            "## Other options considered and rejected\n\nx\n\n## Reasons\n"),
               GOVERN_EINVAL, "'## Reasons' is out of order");
    snprintf(want, sizeof(want), "%s18: text before the first section", P);
    assert_err(parse_edited("\n## Decision\n", "\nPreface.\n\n## Decision\n"), GOVERN_EINVAL, want);
    assert_err(parse_edited("a) Note the establishment", "Note the establishment"), GOVERN_EINVAL,
               "18: the decision has no parts");
    assert_err(parse_edited("c) Establish an annual cycle of reporting to Cabinet.", "c)"),
               GOVERN_EINVAL, "34: decision part c) is empty");
    /* a skipped letter is text of the previous part, not an error */
    assert_ok(parse_edited("c) Establish", "d) Establish"));
}

static void test_decision__no_decision_section(void **state)
{
    const char *t = "---\ndecision_maker: cabinet\ndate: 2021-03-01\ntitle: Fees\n---\n\n"
                    "## Reasons\n\nx\n";
    struct decision *d = NULL;
    assert_err(decision_parse(&d, "2021-03-01-fees", t, strlen(t)), GOVERN_EINVAL,
               "no '## Decision' section");
    const char *empty = "---\ndecision_maker: cabinet\ndate: 2021-03-01\ntitle: Fees\n---\n";
    assert_err(decision_parse(&d, "2021-03-01-fees", empty, strlen(empty)), GOVERN_EINVAL,
               "no '## Decision' section");
}

static void test_decision__ids_and_slugs(void **state)
{
    assert_ok(decision_id_check("2021-12-07-hcssg"));
    assert_err(decision_id_check("2021-02-30-x"), GOVERN_EINVAL, "invalid decision id");
    assert_err(decision_id_check("2021-12-07"), GOVERN_EINVAL, "invalid decision id");
    assert_err(decision_id_check("2021-12-07-../x"), GOVERN_EINVAL, "invalid decision id");
    assert_err(decision_id_check("2021-12-07-Upper"), GOVERN_EINVAL, "invalid decision id");
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(decision_title_slug(&b, "Hampshire Community Safety Strategy Group"));
    assert_string_equal(b.ptr, "hampshire-community-safety-strategy-group");
    govern_buf_clear(&b);
    assert_ok(decision_title_slug(&b, "  Fees & Charges: 2021/22!  "));
    assert_string_equal(b.ptr, "fees-charges-2021-22");
    govern_buf_clear(&b);
    /* transliterated (ICU), not dropped: it was "n-code" */
    assert_ok(decision_title_slug(&b, "Ünïcode ✓"));
    assert_string_equal(b.ptr, "unicode");
    govern_buf_clear(&b);
    assert_ok(decision_title_slug(&b, "Llŷr Ŵyn's Café"));
    assert_string_equal(b.ptr, "llyr-wyn-s-cafe");
    govern_buf_clear(&b);
    assert_ok(decision_title_slug(&b, "✓✓"));
    assert_string_equal(b.ptr, "decision");
    govern_buf_clear(&b);
    assert_ok(decision_title_slug(&b, "a very long title that goes on and on well past the limit "
                                      "of forty seven characters"));
    assert_string_equal(b.ptr, "a-very-long-title-that-goes-on-and-on-well-past");
    govern_buf_clear(&b);
    assert_ok(decision_title_slug(&b, "Hampshire County Strategy Group for Community Safety"));
    assert_string_equal(b.ptr, "hampshire-county-strategy-group-for-community");
    govern_buf_clear(&b);
    assert_ok(
        decision_title_slug(&b, "Supercalifragilisticexpialidocious-and-then-some-more-words"));
    assert_true(b.len <= DECISION_SLUG_MAX);
    assert_ok(govern_slug_check(b.ptr));
    govern_buf_clear(&b);
    assert_ok(decision_title_slug(&b, "x12345678901234567890123456789012345678901234567890"));
    assert_int_equal(b.len, DECISION_SLUG_MAX);
    govern_buf_free(&b);
}

static void test_decision__call_in_over_christmas(void **state)
{
    /* Thursday 23 December 2021: Fri 24 (1); Mon 27 and Tue 28 are the
     * Christmas and Boxing Day substitutes; 29, 30, 31 (2-4); Mon 3 January
     * is the New Year substitute; Tue 4 January (5). */
    assert_int_equal(decision_call_in_end(ymd(2021, 12, 23), 5, NULL), ymd(2022, 1, 4));
    /* an ordinary week: Monday 7 March 2022 -> Monday 14 March */
    assert_int_equal(decision_call_in_end(ymd(2022, 3, 7), 5, NULL), ymd(2022, 3, 14));
    /* Easter 2022: Thursday 14 April; Good Friday 15 and Easter Monday 18 skipped */
    assert_int_equal(decision_call_in_end(ymd(2022, 4, 14), 3, NULL), ymd(2022, 4, 21));
    assert_int_equal(decision_call_in_end(ymd(2022, 3, 7), 0, NULL), ymd(2022, 3, 7));
}

static void test_decision__status(void **state)
{
    struct decision *d = parse_ok(notice_md);
    enum decision_state st;
    govern_date when;
    struct govern_buf b = GOVERN_BUF_INIT;
    decision_status(&st, &when, d, ymd(2021, 12, 22), NULL);
    assert_int_equal(st, DECISION_DRAFT);
    decision_status(&st, &when, d, ymd(2021, 12, 23), NULL);
    assert_int_equal(st, DECISION_CALL_IN);
    assert_int_equal(when, ymd(2022, 1, 4));
    assert_ok(decision_status_text(&b, st, when));
    assert_string_equal(b.ptr, "call-in open until 2022-01-04");
    decision_status(&st, &when, d, ymd(2022, 1, 4), NULL);
    assert_int_equal(st, DECISION_CALL_IN);
    decision_status(&st, &when, d, ymd(2022, 1, 5), NULL);
    assert_int_equal(st, DECISION_IMPLEMENTABLE);
    assert_int_equal(when, ymd(2022, 1, 5));
    govern_buf_clear(&b);
    assert_ok(decision_status_text(&b, st, when));
    assert_string_equal(b.ptr, "implementable from 2022-01-05");
    d->urgency = strdup("The contract ends on Friday");
    decision_status(&st, &when, d, ymd(2021, 12, 23), NULL);
    assert_int_equal(st, DECISION_IMPLEMENTABLE);
    assert_int_equal(when, ymd(2021, 12, 23));
    free(d->urgency);
    d->urgency = NULL;
    d->call_in_end = GOVERN_DATE_NONE;
    decision_status(&st, &when, d, ymd(2022, 6, 1), NULL);
    assert_int_equal(st, DECISION_PUBLISHED);
    govern_buf_free(&b);
    decision_free(d);
}

static void test_decision__public_form(void **state)
{
    struct decision *d = parse_ok(notice_md), *p = NULL;
    /* not yet published on that day: no public form */
    assert_ok(decision_public(&p, d, NULL, ymd(2021, 12, 22)));
    assert_null(p);
    /* exempt: title, maker, date, paragraph only */
    assert_ok(decision_public(&p, d, NULL, ymd(2021, 12, 23)));
    assert_non_null(p);
    assert_string_equal(p->title, d->title);
    assert_string_equal(p->maker, "cabinet");
    assert_int_equal(p->exempt, 3);
    assert_int_equal(p->date, d->date);
    assert_int_equal(p->n_parts, 0);
    assert_null(p->preamble);
    assert_null(p->reasons);
    assert_null(p->rejected);
    assert_null(p->statement);
    assert_null(p->notes);
    assert_null(p->conflicts);
    assert_null(p->forward_plan_ref);
    assert_null(p->meeting);
    struct decision_view v = {p, "Cabinet", true, DECISION_DRAFT, GOVERN_DATE_NONE};
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(decision_render_md(&b, &v));
    assert_ok(decision_render_text(&b, &v));
    assert_ok(decision_render_html(&b, &v));
    assert_ok(decision_render_json(&b, &v));
    assert_contains(b.ptr, "paragraph 3 of Part 1 of Schedule 12A");
    assert_not_contains(b.ptr, "County Lines");
    assert_not_contains(b.ptr, "SECRET-NOTE");
    assert_not_contains(b.ptr, "outline the current position");
    govern_buf_free(&b);
    decision_free(p);
    /* open, but of a meeting no view proves public: withheld (fail closed) */
    d->exempt = 0;
    assert_ok(decision_public(&p, d, NULL, ymd(2022, 1, 1)));
    assert_int_equal(p->exempt, GOVERN_WITHHELD);
    assert_int_equal(p->n_parts, 0);
    assert_null(p->reasons);
    decision_free(p);
    /* open, not taken at a meeting: everything but the clerk's notes */
    free(d->meeting);
    d->meeting = NULL;
    assert_ok(decision_public(&p, d, NULL, ymd(2022, 1, 1)));
    assert_int_equal(p->n_parts, 3);
    assert_string_equal(p->reasons, d->reasons);
    assert_null(p->notes);
    decision_free(p);
    decision_free(d);
}

/* Whatever parses must round-trip: serialise, parse again, same record.  Run
 * over every truncation of the fixture and deterministic byte mutations of it
 * (a small fuzz in the unit suite; under ASan it also proves no overruns). */
static void round_trip_or_refuse(const char *text, size_t len)
{
    struct decision *d = NULL, *e = NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    if (decision_parse(&d, "2021-12-07-hcssg", text, len))
        return;
    assert_ok(decision_serialize(&b, d));
    if (b.len <= GOVERN_DOC_MAX_BYTES) {
        assert_ok(decision_parse(&e, d->id, b.ptr, b.len));
        if (!decision_equal(d, e)) {
            print_error("changed in serialise -> parse:\n%.*s\n---\n%s\n", (int)len, text, b.ptr);
            fail();
        }
    }
    decision_free(e);
    decision_free(d);
    govern_buf_free(&b);
}

static void test_decision__mutations_round_trip_or_fail_cleanly(void **state)
{
    size_t n = strlen(notice_md);
    char *copy = malloc(n + 1);
    assert_non_null(copy);
    for (size_t cut = 0; cut <= n; cut++) {
        memcpy(copy, notice_md, cut);
        round_trip_or_refuse(copy, cut);
    }
    static const char bytes[] = "\n\r #-:|`~abc)'\"\t\\\xc3\xff";
    uint32_t seed = 12345;
    for (int i = 0; i < 20000; i++) {
        memcpy(copy, notice_md, n + 1);
        for (int k = 0; k < 3; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % n;
            seed = seed * 1103515245u + 12345u;
            copy[at] = bytes[(seed >> 8) % (sizeof(bytes) - 1)];
        }
        round_trip_or_refuse(copy, n);
    }
    free(copy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decision__parse_fields_and_parts),
        cmocka_unit_test(test_decision__round_trip_is_canonical),
        cmocka_unit_test(test_decision__crlf_and_minimal),
        cmocka_unit_test(test_decision__errors_name_file_and_line),
        cmocka_unit_test(test_decision__no_decision_section),
        cmocka_unit_test(test_decision__ids_and_slugs),
        cmocka_unit_test(test_decision__call_in_over_christmas),
        cmocka_unit_test(test_decision__status),
        cmocka_unit_test(test_decision__public_form),
        cmocka_unit_test(test_decision__mutations_round_trip_or_fail_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
