/*
 * Unit tests of core/minutes.c: parsing the minutes format (attendance,
 * declarations, approval, items, sections matched to headings outside
 * fenced code, RESOLVED parts), errors that name the file and line, a
 * stable canonical form, the public form of exempt minutes, editing
 * (attendance moves, declarations), validation, numbering through the
 * municipal year in a real store, and the agenda's minutes_of field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "helpers.h"

#define ID "cdjsc/2019-12-16"

static const char minutes_md[] =
    "---\n"
    "meeting: cdjsc/2019-12-16\n"
    "status: draft\n"
    "year: 2019\n"
    "started: \"18:30\"\n"
    "ended: \"20:38\"\n"
    "present:\n"
    "- name: Councillor R Gardiner\n"
    "- name: Councillor Q Sub\n"
    "  substitute_for: Councillor P Collings\n"
    "apologies:\n"
    "- name: Councillor M Smith\n"
    "- name: Nerys Jones\n"
    "  title: Senior Probation Officer\n"
    "absent:\n"
    "- name: Councillor Z\n"
    "also_present:\n"
    "- name: Carrie Ryan\n"
    "  title: Community Safety Manager, Safer North Hampshire\n"
    "declarations:\n"
    "- member: Councillor A Crawford\n"
    "  minute: 6\n"
    "  kind: pecuniary\n"
    "  interest: Employed by a partner agency\n"
    "  dispensation: Granted by the Monitoring Officer on 1 December 2019\n"
    "  took_part: false\n"
    "items:\n"
    "- number: 5\n"
    "  title: Appointment of Chair\n"
    "  agenda_item: 1\n"
    "- number: 6\n"
    "  title: Performance review of Safer North Hampshire Strategic CSP 2018-19\n"
    "  agenda_item: 6\n"
    "  exempt: 3\n"
    "---\n"
    "\n"
    "Preamble text.\n"
    "\n"
    "## 5/19 Appointment of Chair\n"
    "\n"
    "Councillor Miller was elected as Chair for the 2019/20 municipal year.\n"
    "\n"
    "```\n"
    "## 9/19 Not a heading inside a fence\n"
    "RESOLVED:\n"
    "1. not a resolution\n"
    "```\n"
    "\n"
    "## 6/19 Performance review of Safer North Hampshire Strategic CSP 2018-19\n"
    "\n"
    "SECRET-MINUTE-TEXT about the bidders.\n"
    "\n"
    "**RESOLVED:**\n"
    "\n"
    "1. That the committee is satisfied with the\n"
    "   review of the partnership.\n"
    "2. That the comments of the committee be considered by the respective councils.\n"
    "\n"
    "- [ ] ACTION: Circulate the list of agencies @{Safer North Hampshire CSP} due:2020-03-31\n";

static void test_minutes__parse_example(void **state)
{
    (void)state;
    struct govern_minutes *m = NULL;
    assert_ok(govern_minutes_parse(&m, ID, minutes_md, strlen(minutes_md)));
    assert_string_equal(m->meeting, ID);
    assert_string_equal(m->path, ID "/minutes.md");
    assert_int_equal(m->status, GOVERN_MINUTES_DRAFT);
    assert_int_equal(m->year, 2019);
    assert_int_equal(m->started, 18 * 60 + 30);
    assert_int_equal(m->ended, 20 * 60 + 38);
    assert_int_equal(m->people[GOVERN_PRESENT].count, 2);
    assert_int_equal(m->people[GOVERN_PRESENT].line, 7);
    assert_string_equal(m->people[GOVERN_PRESENT].items[1].substitute_for, "Councillor P Collings");
    assert_int_equal(m->people[GOVERN_APOLOGIES].count, 2);
    assert_string_equal(m->people[GOVERN_APOLOGIES].items[1].title, "Senior Probation Officer");
    assert_int_equal(m->people[GOVERN_ABSENT].count, 1);
    assert_int_equal(m->people[GOVERN_ALSO_PRESENT].count, 1);
    assert_int_equal(m->n_declarations, 1);
    assert_int_equal(m->declarations[0].kind, GOVERN_INTEREST_PECUNIARY);
    assert_int_equal(m->declarations[0].minute, 6);
    assert_int_equal(m->declarations[0].line, 21);
    assert_false(m->declarations[0].took_part);
    assert_int_equal(m->n_items, 2);
    assert_int_equal(m->items[0].number, 5);
    assert_int_equal(m->items[0].agenda_item, 1);
    assert_int_equal(m->items[1].exempt, 3);
    assert_string_equal(m->preamble, "Preamble text.");
    /* the heading inside the fence is text of minute 5, not a minute */
    assert_contains(m->items[0].text, "## 9/19 Not a heading inside a fence");
    assert_int_equal(m->items[0].resolutions.count, 0);
    assert_int_equal(m->items[0].heading_line, 39);
    assert_int_equal(m->items[1].resolutions.count, 2);
    assert_string_equal(m->items[1].resolutions.items[0],
                        "That the committee is satisfied with the review of the partnership.");
    assert_string_equal(m->items[1].resolutions.items[1],
                        "That the comments of the committee be considered by the respective "
                        "councils.");
    assert_contains(m->items[1].text, "- [ ] ACTION: Circulate");
    assert_null(m->approved.at);
    govern_minutes_free(m);
}

static void test_minutes__resolved_spellings(void **state)
{
    (void)state;
    const char *spellings[] = {"RESOLVED:", "RESOLVED", "Resolved:", "**RESOLVED:**",
                               "**RESOLVED**:"};
    for (size_t i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++) {
        char text[1024];
        snprintf(text, sizeof(text),
                 "---\nmeeting: " ID "\nyear: 2019\nitems:\n- number: 1\n  title: A\n---\n\n"
                 "## 1/19 A\n\nDiscussion.\n\n%s\n\n1) First part.\n2) Second part\nlazy "
                 "continued.\n\nAfter the list.\n",
                 spellings[i]);
        struct govern_minutes *m = NULL;
        assert_ok(govern_minutes_parse(&m, ID, text, strlen(text)));
        assert_int_equal(m->items[0].resolutions.count, 2);
        assert_string_equal(m->items[0].resolutions.items[0], "First part.");
        assert_string_equal(m->items[0].resolutions.items[1], "Second part lazy continued.");
        govern_minutes_free(m);
    }
    /* "Resolved that..." in running text is not a RESOLVED block */
    const char *t = "---\nmeeting: " ID "\nyear: 2019\nitems:\n- number: 1\n  title: A\n---\n\n"
                    "## 1/19 A\n\nIt was resolved that:\n\n1. Not a part.\n";
    struct govern_minutes *m = NULL;
    assert_ok(govern_minutes_parse(&m, ID, t, strlen(t)));
    assert_int_equal(m->items[0].resolutions.count, 0);
    govern_minutes_free(m);
}

/* One section "## 1/19 A" with body, parsed; the minutes (caller frees). */
static struct govern_minutes *one_section(const char *body)
{
    char text[2048];
    snprintf(text, sizeof(text),
             "---\nmeeting: " ID "\nyear: 2019\nitems:\n- number: 1\n  title: A\n---\n\n"
             "## 1/19 A\n\n%s",
             body);
    struct govern_minutes *m = NULL;
    assert_ok(govern_minutes_parse(&m, ID, text, strlen(text)));
    return m;
}

static void test_minutes__resolved_layouts_of_the_seeds(void **state)
{
    (void)state;
    /* seed 002: RESOLVED:, a blank line, the introduction, the numbered list */
    struct govern_minutes *m =
        one_section("RESOLVED:\n\nThat the Select Committee:\n\n1.    Note the establishment."
                    "\n\n2.    Note the work programme.\n\n3.    Request a further update.\n");
    assert_int_equal(m->items[0].resolutions.count, 3);
    assert_string_equal(m->items[0].resolutions.items[0], "Note the establishment.");
    assert_string_equal(m->items[0].resolutions.items[2], "Request a further update.");
    govern_minutes_free(m);
    /* seed 004: **Resolved:** and a bullet list of numbered parts */
    m = one_section("**Resolved:**\n\n- 1) That the committee is satisfied.\n- 2) That the "
                    "comments be considered.\n\n- [ ] ACTION: Not a part @X due:2020-01-01\n");
    assert_int_equal(m->items[0].resolutions.count, 2);
    assert_string_equal(m->items[0].resolutions.items[1], "That the comments be considered.");
    govern_minutes_free(m);
    /* on the same line */
    m = one_section("RESOLVED: That the report be noted.\n\nThe meeting ended.\n");
    assert_int_equal(m->items[0].resolutions.count, 1);
    assert_string_equal(m->items[0].resolutions.items[0], "That the report be noted.");
    govern_minutes_free(m);
    m = one_section("RESOLVED that the report be noted\nand published.\n");
    assert_int_equal(m->items[0].resolutions.count, 1);
    assert_string_equal(m->items[0].resolutions.items[0],
                        "that the report be noted and published.");
    govern_minutes_free(m);
    m = one_section("RESOLVED: That the Committee:\n\n1. Agree A.\n2. Agree B.\n");
    assert_int_equal(m->items[0].resolutions.count, 2);
    govern_minutes_free(m);
    /* a paragraph after the keyword */
    m = one_section("RESOLVED:\n\nThat the plan be agreed.\n");
    assert_int_equal(m->items[0].resolutions.count, 1);
    assert_string_equal(m->items[0].resolutions.items[0], "That the plan be agreed.");
    govern_minutes_free(m);
    /* prose that starts with the word is not a resolution */
    m = one_section("Resolved issues were discussed.\n");
    assert_int_equal(m->items[0].resolutions.count, 0);
    govern_minutes_free(m);
}

static void test_minutes__resolved_not_understood_is_an_error(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "Text.\n\nRESOLVED:\n",
        "Text.\n\nRESOLVED:\n\n### Next\n",
        "Text.\n\nRESOLVED:\n\nThat the Committee:\n\nThe meeting ended.\n",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char text[1024];
        snprintf(text, sizeof(text),
                 "---\nmeeting: " ID "\nyear: 2019\nitems:\n- number: 1\n  title: A\n---\n\n"
                 "## 1/19 A\n\n%s",
                 bad[i]);
        struct govern_minutes *m = NULL;
        assert_int_equal(govern_minutes_parse(&m, ID, text, strlen(text)), GOVERN_EINVAL);
        /* the RESOLVED line: line 13 of the file */
        assert_non_null(strstr(govern_error_last(), "minutes.md:13: "));
        assert_non_null(strstr(govern_error_last(), "RESOLVED"));
    }
}

static void test_minutes__round_trip_is_stable(void **state)
{
    (void)state;
    struct govern_minutes *m = NULL, *m2 = NULL;
    struct govern_buf a = GOVERN_BUF_INIT, b = GOVERN_BUF_INIT;
    assert_ok(govern_minutes_parse(&m, ID, minutes_md, strlen(minutes_md)));
    assert_ok(govern_minutes_serialize(&a, m));
    assert_ok(govern_minutes_parse(&m2, ID, a.ptr, a.len));
    assert_ok(govern_minutes_serialize(&b, m2));
    assert_string_equal(a.ptr, b.ptr);
    assert_contains(a.ptr, "started: 18:30\n");
    assert_contains(a.ptr, "\n## 6/19 Performance review");
    assert_int_equal(m2->items[1].resolutions.count, 2);
    assert_string_equal(m2->items[0].text, m->items[0].text);
    assert_string_equal(m2->preamble, "Preamble text.");
    govern_minutes_free(m);
    govern_minutes_free(m2);
    govern_buf_free(&a);
    govern_buf_free(&b);

    /* a fresh draft: empty lists and empty sections */
    const char *d = "---\nmeeting: " ID "\nyear: 2019\nitems:\n- number: 1\n  title: A\n"
                    "- number: 2\n  title: B\n---\n\n## 1/19 A\n\n## 2/19 B\n";
    assert_ok(govern_minutes_parse(&m, ID, d, strlen(d)));
    assert_null(m->items[0].text);
    assert_ok(govern_minutes_serialize(&a, m));
    assert_ok(govern_minutes_parse(&m2, ID, a.ptr, a.len));
    assert_ok(govern_minutes_serialize(&b, m2));
    assert_string_equal(a.ptr, b.ptr);
    assert_contains(a.ptr, "status: draft\n");
    assert_contains(a.ptr, "apologies: []\n");
    assert_contains(a.ptr, "\n## 1/19 A\n\n## 2/19 B\n");
    govern_minutes_free(m);
    govern_minutes_free(m2);
    govern_buf_free(&a);
    govern_buf_free(&b);
}

static void expect_error(const char *text, const char *needle)
{
    struct govern_minutes *m = NULL;
    int rc = govern_minutes_parse(&m, ID, text, strlen(text));
    if (rc != GOVERN_EINVAL || !strstr(govern_error_last(), needle)) {
        print_error("expected an error containing '%s', got %d: '%s'\n", needle, rc,
                    govern_error_last());
        fail();
    }
    govern_minutes_free(m);
}

#define HEAD "---\nmeeting: " ID "\nyear: 2019\n"

static void test_minutes__errors_name_the_line(void **state)
{
    (void)state;
    expect_error(HEAD "venue: Deanes\n---\n", ID "/minutes.md:4: unknown field 'venue'");
    expect_error("---\nmeeting: other/2019-12-16\nyear: 2019\n---\n",
                 ID "/minutes.md:2: field 'meeting' is 'other/2019-12-16'");
    expect_error(HEAD "status: signed\n---\n", ":4: field 'status' must be draft or approved");
    expect_error(HEAD "status: approved\n---\n", ":4: approved minutes need an 'approved' block");
    expect_error(HEAD "approved:\n  at: cdjsc/2020-09-21\n  date: 2020-09-21\n---\n",
                 ":4: draft minutes cannot have an 'approved' block");
    expect_error(HEAD "approved:\n  at: x\n  date: 2020-09-21\n---\n", ":5:");
    expect_error(HEAD "status: approved\napproved:\n  at: cdjsc/2020-09-21\n  date: 2021-02-30\n"
                      "---\n",
                 ":7:");
    expect_error(HEAD "present:\n- name: A\n  role: chair\n---\n", ":6: unknown field 'role'");
    expect_error(HEAD "apologies:\n- name: A\n  substitute_for: B\n---\n",
                 ":6: 'substitute_for' is only for people present");
    expect_error(HEAD "declarations:\n- member: A\n  minute: 1\n  kind: financial\n---\n",
                 ":7: invalid kind 'financial'");
    expect_error(HEAD "declarations:\n- member: A\n  minute: 1\n  kind: other\n  took_part: "
                      "maybe\n---\n",
                 ":7: invalid kind");
    expect_error(HEAD "items:\n- number: 1\n  title: A\n  exempt: 8\n---\n\n## 1/19 A\n", ":7:");
    /* headings: wrong title, wrong year, missing, extra, malformed */
    expect_error(HEAD "items:\n- number: 1\n  title: A\n---\n\n## 1/19 B\n",
                 ":9: heading '## 1/19 B' does not match item 1 of 'items' (line 5): expected "
                 "'## 1/19 A'");
    expect_error(HEAD "items:\n- number: 1\n  title: A\n---\n\n## 1/20 A\n", ":9: heading");
    expect_error(HEAD "items:\n- number: 1\n  title: A\n---\n\ntext\n",
                 ":5: item 1/19 'A' has no heading");
    expect_error(HEAD "items:\n- number: 1\n  title: A\n---\n\n```\n## 1/19 A\n```\n",
                 ":5: item 1/19 'A' has no heading");
    expect_error(HEAD "items:\n- number: 1\n  title: A\n---\n\n## 1/19 A\n\n## 2/19 B\n",
                 ":11: heading '## 2/19 B' has no entry in 'items'");
    expect_error(HEAD "---\n\n## Other business\n",
                 ":6: a level-2 heading must be '## N/YY Title'");
    expect_error(HEAD "year: 2020\n---\n", "duplicate key 'year'");
    expect_error("---\nmeeting: " ID "\n---\n", "'year'");
}

static void test_minutes__public_form_drops_exempt_text(void **state)
{
    (void)state;
    struct govern_minutes *m = NULL, *p = NULL;
    assert_ok(govern_minutes_parse(&m, ID, minutes_md, strlen(minutes_md)));
    assert_ok(govern_minutes_public(&p, m));
    assert_int_equal(p->n_items, 2);
    assert_non_null(p->items[0].text);
    assert_string_equal(p->items[1].title, m->items[1].title);
    assert_int_equal(p->items[1].exempt, 3);
    assert_int_equal(p->items[1].number, 6);
    assert_null(p->items[1].text);
    assert_int_equal(p->items[1].resolutions.count, 0);
    assert_int_equal(p->people[GOVERN_PRESENT].count, 2);
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_minutes_serialize(&b, p));
    assert_not_contains(b.ptr, "SECRET-MINUTE-TEXT");
    assert_not_contains(b.ptr, "satisfied");
    govern_buf_free(&b);
    govern_minutes_free(p);
    govern_minutes_free(m);
}

static void test_minutes__editing_and_validation(void **state)
{
    (void)state;
    struct govern_minutes *m = NULL;
    assert_ok(govern_minutes_parse(&m, ID, minutes_md, strlen(minutes_md)));
    assert_ok(govern_minutes_validate(m));
    /* moving a person: out of apologies, into present */
    assert_ok(govern_minutes_attend(m, GOVERN_PRESENT, "Councillor M Smith", NULL, NULL));
    assert_int_equal(m->people[GOVERN_APOLOGIES].count, 1);
    assert_int_equal(m->people[GOVERN_PRESENT].count, 3);
    assert_ok(govern_minutes_attend(m, GOVERN_ABSENT, "Councillor M Smith", "Cllr", NULL));
    assert_int_equal(m->people[GOVERN_PRESENT].count, 2);
    assert_int_equal(m->people[GOVERN_ABSENT].count, 2);
    struct govern_declaration d = {.member = "Councillor R Gardiner",
                                   .minute = 5,
                                   .kind = GOVERN_INTEREST_NON_REGISTRABLE,
                                   .took_part = true};
    assert_ok(govern_minutes_declare(m, &d));
    assert_ok(govern_minutes_validate(m));
    d.minute = 7;
    assert_ok(govern_minutes_declare(m, &d));
    assert_err(govern_minutes_validate(m), GOVERN_EINVAL, "names minute 7");
    govern_minutes_free(m);

    const char *twice = HEAD "present:\n- name: A\napologies:\n- name: A\n---\n";
    assert_ok(govern_minutes_parse(&m, ID, twice, strlen(twice)));
    assert_err(govern_minutes_validate(m), GOVERN_EINVAL, ID "/minutes.md:7: 'A' is listed twice");
    assert_ok(govern_minutes_append(m, 1, "Added", 0, 0));
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_minutes_serialize(&b, m));
    assert_contains(b.ptr, "- number: 1\n  title: Added\n");
    assert_contains(b.ptr, "## 1/19 Added\n");
    govern_buf_free(&b);
    govern_minutes_free(m);

    /* gaps parse (check reports them) but a write refuses them */
    const char *gap = HEAD "items:\n- number: 1\n  title: A\n- number: 3\n  title: B\n---\n\n"
                           "## 1/19 A\n\n## 3/19 B\n";
    assert_ok(govern_minutes_parse(&m, ID, gap, strlen(gap)));
    assert_err(govern_minutes_validate(m), GOVERN_EINVAL,
               ID "/minutes.md:7: minute number 3 should be 2");
    govern_minutes_free(m);

    assert_string_equal(govern_interest_kind_name(GOVERN_INTEREST_OTHER_REGISTRABLE),
                        "other-registrable");
    enum govern_interest_kind k;
    assert_ok(govern_interest_kind_parse(&k, "non-registrable"));
    assert_int_equal(k, GOVERN_INTEREST_NON_REGISTRABLE);
    assert_err(govern_interest_kind_parse(&k, "Pecuniary"), GOVERN_EINVAL, "invalid kind");
    char *tag = govern_minutes_tag(ID);
    assert_string_equal(tag, "minutes/" ID);
    free(tag);
}

static void test_minutes__agenda_minutes_of(void **state)
{
    (void)state;
    const char *t = "---\nitems:\n- title: Minutes of the meeting held on 16 December 2019\n"
                    "  standard: minutes\n  minutes_of: cdjsc/2019-12-16\n---\n";
    struct govern_agenda *a = NULL, *a2 = NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_agenda_parse(&a, "cdjsc/2020-09-21", t, strlen(t)));
    assert_string_equal(a->items[0].minutes_of, "cdjsc/2019-12-16");
    assert_ok(govern_agenda_serialize(&b, a));
    assert_string_equal(b.ptr, t);
    assert_ok(govern_agenda_public(&a2, a));
    assert_string_equal(a2->items[0].minutes_of, "cdjsc/2019-12-16");
    govern_agenda_free(a2);
    govern_agenda_free(a);
    govern_buf_free(&b);
    const char *bad = "---\nitems:\n- title: M\n  minutes_of: ../etc\n---\n";
    assert_err(govern_agenda_parse(&a, "cdjsc/2020-09-21", bad, strlen(bad)), GOVERN_EINVAL,
               "cdjsc/2020-09-21/agenda.md:4: field 'minutes_of'");
}

/* ------------------------------------------------- numbering in a store */

struct put_ctx {
    const char *const *files; /* path, content, path, content, ..., NULL */
};

static int put_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    (void)head;
    struct put_ctx *c = vctx;
    for (size_t i = 0; c->files[i]; i += 2) {
        int rc = govern_change_put(chg, c->files[i], c->files[i + 1], strlen(c->files[i + 1]));
        if (rc)
            return rc;
    }
    return govern_change_message(chg, "fixture");
}

#define MEETING(date) "---\nuid: u-" date "@govern\ndate: " date "\nstatus: held\n---\n"
#define MINS(id, year, first, second)                                                              \
    "---\nmeeting: " id "\nyear: 20" year "\nitems:\n- number: " first "\n  title: A\n"            \
    "- number: " second "\n  title: B\n---\n\n## " first "/" year " A\n\n## " second "/" year      \
    " B\n"

static void test_minutes__numbering_runs_on_through_the_year(void **state)
{
    (void)state;
    char root[] = "/tmp/govern-unit-minutes-XXXXXX";
    assert_non_null(mkdtemp(root));
    char dir[128];
    snprintf(dir, sizeof(dir), "%s/store", root);
    setenv("GOVERN_AUTHOR_NAME", "Test Clerk", 1);
    setenv("GOVERN_AUTHOR_EMAIL", "clerk@example.gov.uk", 1);
    setenv("GOVERN_COMMIT_TIME", "1600000000", 1);
    struct govern_store *s = NULL;
    assert_ok(govern_store_init(&s, dir, "format: 1\nbody: Test\n", "init"));
    static const char *const files[] = {
        "c/committee.md",
        "---\nname: C\n---\n",
        "c/2019-06-01/meeting.md",
        MEETING("2019-06-01"),
        "c/2019-06-01/minutes.md",
        MINS("c/2019-06-01", "19", "1", "2"),
        "c/2019-09-01/meeting.md",
        MEETING("2019-09-01"),
        "c/2019-09-01/minutes.md",
        "---\nmeeting: c/2019-09-01\nyear: 2019\nitems:\n- number: 3\n  title: A\n"
        "- number: 4\n  title: B\n---\n\n## 3/19 A\n\n## 4/19 B\n",
        "c/2019-12-01/meeting.md",
        MEETING("2019-12-01"),
        "c/2020-03-01/meeting.md",
        MEETING("2020-03-01"),
        "c/2020-03-01/minutes.md",
        "---\nmeeting: c/2020-03-01\nyear: 2019\nitems:\n- number: 5\n  title: A\n---\n\n"
        "## 5/19 A\n",
        "c/2020-06-01/meeting.md",
        MEETING("2020-06-01"),
        "d/committee.md",
        "---\nname: D\n---\n",
        "d/2019-12-01/meeting.md",
        MEETING("2019-12-01"),
        NULL};
    struct put_ctx pc = {files};
    struct govern_commit_info info;
    assert_ok(govern_store_transact(&info, s, put_fn, &pc));
    struct govern_snapshot *snap = NULL;
    struct govern_config *cfg = NULL;
    assert_ok(govern_store_snapshot(&snap, s, "HEAD"));
    assert_ok(govern_config_load(&cfg, snap));
    struct govern_meeting *m = NULL;
    int n = 0;
    char *later = NULL;
    /* between 4/19 and 5/19: numbers continue from the latest earlier minutes */
    assert_ok(govern_meeting_load(&m, snap, "c/2019-12-01"));
    assert_ok(govern_minutes_next_number(&n, snap, cfg, m));
    assert_int_equal(n, 5);
    assert_ok(govern_minutes_later(&later, snap, cfg, m));
    assert_string_equal(later, "c/2020-03-01");
    free(later);
    govern_meeting_free(m);
    /* the first meeting of the year */
    assert_ok(govern_meeting_load(&m, snap, "c/2019-06-01"));
    assert_ok(govern_minutes_next_number(&n, snap, cfg, m));
    assert_int_equal(n, 1);
    govern_meeting_free(m);
    /* a new municipal year (1 May) starts again at 1 */
    assert_ok(govern_meeting_load(&m, snap, "c/2020-06-01"));
    assert_ok(govern_minutes_next_number(&n, snap, cfg, m));
    assert_int_equal(n, 1);
    assert_ok(govern_minutes_later(&later, snap, cfg, m));
    assert_null(later);
    govern_meeting_free(m);
    /* another committee has its own numbers */
    assert_ok(govern_meeting_load(&m, snap, "d/2019-12-01"));
    assert_ok(govern_minutes_next_number(&n, snap, cfg, m));
    assert_int_equal(n, 1);
    govern_meeting_free(m);
    /* the whole model carries the minutes beside the meetings */
    struct govern_model *model = NULL;
    assert_ok(govern_model_load(&model, snap, NULL));
    long i = govern_model_meeting_index(model, "c/2019-09-01");
    assert_true(i >= 0);
    assert_non_null(model->minutes[i]);
    assert_int_equal(model->minutes[i]->items[0].number, 3);
    assert_null(model->minutes[govern_model_meeting_index(model, "c/2019-12-01")]);
    struct govern_diags d = {0};
    assert_ok(govern_check_minutes(&d, model, snap, s, ymd(2020, 7, 1)));
    assert_int_equal(d.count, 0);
    govern_diags_free(&d);
    /* committees by slug, meetings by date range */
    assert_non_null(govern_model_committee(model, "d"));
    assert_null(govern_model_committee(model, "e"));
    size_t lo, hi;
    govern_model_meeting_range(&lo, &hi, model, ymd(2019, 9, 1), ymd(2019, 12, 1));
    assert_int_equal(hi - lo, 3); /* c/2019-09-01, c/2019-12-01, d/2019-12-01 */
    assert_int_equal(model->meetings[lo]->date, ymd(2019, 9, 1));
    govern_model_meeting_range(&lo, &hi, model, ymd(2021, 1, 1), GOVERN_DATE_NONE);
    assert_int_equal(hi, lo);
    govern_model_free(model);
    /* a command that needs no minutes does not read them */
    struct govern_model_opts mo = GOVERN_MODEL_OPTS_INIT;
    mo.parts = GOVERN_MODEL_AGENDAS;
    assert_ok(govern_model_load_opts(&model, snap, NULL, &mo));
    assert_int_equal(model->n_meetings, 6);
    assert_null(model->minutes);
    assert_true(govern_model_meeting_index(model, "d/2019-12-01") >= 0);
    govern_model_free(model);
    govern_config_free(cfg);
    govern_snapshot_free(snap);
    govern_store_free(s);
    test_remove_tree(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minutes__parse_example),
        cmocka_unit_test(test_minutes__resolved_spellings),
        cmocka_unit_test(test_minutes__round_trip_is_stable),
        cmocka_unit_test(test_minutes__errors_name_the_line),
        cmocka_unit_test(test_minutes__public_form_drops_exempt_text),
        cmocka_unit_test(test_minutes__editing_and_validation),
        cmocka_unit_test(test_minutes__agenda_minutes_of),
        cmocka_unit_test(test_minutes__numbering_runs_on_through_the_year),
        cmocka_unit_test(test_minutes__resolved_layouts_of_the_seeds),
        cmocka_unit_test(test_minutes__resolved_not_understood_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
