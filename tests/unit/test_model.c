/*
 * Unit tests of core/model.c and core/standard.c: parse <-> serialise round
 * trips for the configuration, committees, meetings and agendas; errors that
 * name the file and line; the public form of an agenda; agenda editing
 * bounds; meeting ids; agendas from templates; voting members on a date.
 */
#include <stdio.h>
#include <stdlib.h>
#include "helpers.h"

/* ------------------------------------------------------------- fixtures */

static const char committee_md[] =
    "---\n"
    "name: Safer North Hampshire Strategic Community Safety Partnership\n"
    "short_name: SNH\n"
    "kind: partnership\n"
    "quorum: 5\n"
    "cadence: quarterly\n"
    "members:\n"
    "- name: Cllr Ken Muschamp\n"
    "  role: chair\n"
    "  organisation: Rushmoor Borough Council\n"
    "- name: Cllr Maurice Sheehan\n"
    "  role: vice-chair\n"
    "  organisation: Rushmoor Borough Council\n"
    "- name: Hampshire Constabulary\n"
    "  role: member\n"
    "  title: District Commander\n"
    "- name: Army\n"
    "  role: co-opted\n"
    "  organisation: Aldershot Garrison\n"
    "- name: Hampshire Fire and Rescue\n"
    "  role: co-opted\n"
    "- name: Cllr Substitute\n"
    "  role: substitute\n"
    "- name: Community Safety Manager\n"
    "  role: officer\n"
    "- name: Cllr New\n"
    "  role: member\n"
    "  from: 2021-06-01\n"
    "- name: Cllr Gone\n"
    "  role: member\n"
    "  to: 2020-12-31\n"
    "- name: Observer\n"
    "  role: observer\n"
    "- name: Probation Service\n"
    "  role: member\n"
    "  voting: false\n"
    "- name: Army voting\n"
    "  role: co-opted\n"
    "  voting: true\n"
    "---\n"
    "\n"
    "The statutory community safety partnership for Basingstoke and Deane, Hart and\n"
    "Rushmoor.\n";

static const char meeting_md[] = "---\n"
                                 "uid: 2b1d3c4e-0000-4000-8000-000000000001@govern\n"
                                 "title: Annual meeting\n"
                                 "date: 2020-01-16\n"
                                 "time: 14:00\n"
                                 "end: 16:30\n"
                                 "location: Council Chamber, Rushmoor Borough Council\n"
                                 "status: held\n"
                                 "sequence: 2\n"
                                 "---\n"
                                 "\n"
                                 "Held in the Council Chamber.\n";

static const char agenda_md[] = "---\n"
                                "published: 2020-01-08\n"
                                "items:\n"
                                "- title: Apologies for absence and substitutions\n"
                                "  standard: apologies\n"
                                "- title: Declarations of interest\n"
                                "  standard: declarations\n"
                                "  purpose: To enable Members to disclose any interests.\n"
                                "- title: Minutes of the previous meeting\n"
                                "  standard: minutes\n"
                                "  report: minutes-2019-01-17.md\n"
                                "- title: Annual review of the CSP\n"
                                "  purpose: |\n"
                                "    To scrutinise the partnership's performance.\n"
                                "    Officers will present the strategic assessment.\n"
                                "  report: annual-review.md\n"
                                "  fulfils: csp-annual-review\n"
                                "  source: cycles\n"
                                "- title: Contract for CCTV monitoring\n"
                                "  purpose: SECRET-PURPOSE tender evaluation of bidders\n"
                                "  text: SECRET-TEXT the scores of each bidder\n"
                                "  report: SECRET-REPORT.md\n"
                                "  exempt: 3\n"
                                "  urgent: SECRET-URGENT the contract ends this month\n"
                                "  fulfils: secret-fulfils\n"
                                "  source: SECRET-SOURCE\n"
                                "- title: Urgent item\n"
                                "  urgent: The grant deadline falls before the next meeting.\n"
                                "---\n"
                                "\n"
                                "Agenda notes.\n";

static const char config_yaml[] = "format: 1\n"
                                  "body: Hampshire County Council\n"
                                  "timezone: Europe/London\n"
                                  "year_start: 04-01\n"
                                  "notice_days: 5\n"
                                  "notice_counting: working\n"
                                  "call_in_days: 3\n"
                                  "base_url: https://democracy.example.gov.uk/\n"
                                  "holidays:\n"
                                  "  add:\n"
                                  "  - 2021-03-10\n"
                                  "  - 2021-03-11\n"
                                  "  remove:\n"
                                  "  - 2021-12-27\n";

static struct govern_committee *committee_ok(const char *text)
{
    struct govern_committee *c = NULL;
    assert_ok(govern_committee_parse(&c, "snh-csp", text, strlen(text)));
    return c;
}

static struct govern_meeting *meeting_ok(const char *text)
{
    struct govern_meeting *m = NULL;
    assert_ok(govern_meeting_parse(&m, "snh-csp/2020-01-16", text, strlen(text)));
    return m;
}

static struct govern_agenda *agenda_ok(const char *text)
{
    struct govern_agenda *a = NULL;
    assert_ok(govern_agenda_parse(&a, "snh-csp/2020-01-16", text, strlen(text)));
    return a;
}

/* Replaces the first occurrence of from in text by to (a new string). */
static char *edit(const char *text, const char *from, const char *to)
{
    const char *p = strstr(text, from);
    assert_non_null(p);
    struct govern_buf b = GOVERN_BUF_INIT;
    govern_buf_put(&b, text, (size_t)(p - text));
    govern_buf_puts(&b, to);
    govern_buf_puts(&b, p + strlen(from));
    return govern_buf_detach(&b);
}

static void committee_fails(const char *text, const char *from, const char *to, const char *needle1,
                            const char *needle2)
{
    char *t = from ? edit(text, from, to) : strdup(text);
    struct govern_committee *c = NULL;
    int rc = govern_committee_parse(&c, "snh-csp", t, strlen(t));
    if (rc != GOVERN_EINVAL || !strstr(govern_error_last(), needle1) ||
        (needle2 && !strstr(govern_error_last(), needle2))) {
        print_error("expected EINVAL with '%s' '%s', got %d '%s' for:\n%s\n", needle1,
                    needle2 ? needle2 : "", rc, govern_error_last(), t);
        fail();
    }
    assert_null(c);
    free(t);
}

static void meeting_fails(const char *text, const char *from, const char *to, const char *needle1,
                          const char *needle2)
{
    char *t = edit(text, from, to);
    struct govern_meeting *m = NULL;
    int rc = govern_meeting_parse(&m, "snh-csp/2020-01-16", t, strlen(t));
    if (rc != GOVERN_EINVAL || !strstr(govern_error_last(), needle1) ||
        (needle2 && !strstr(govern_error_last(), needle2))) {
        print_error("expected EINVAL with '%s' '%s', got %d '%s' for:\n%s\n", needle1,
                    needle2 ? needle2 : "", rc, govern_error_last(), t);
        fail();
    }
    assert_null(m);
    free(t);
}

static void agenda_fails(const char *text, const char *from, const char *to, const char *needle1,
                         const char *needle2)
{
    char *t = edit(text, from, to);
    struct govern_agenda *a = NULL;
    int rc = govern_agenda_parse(&a, "snh-csp/2020-01-16", t, strlen(t));
    if (rc != GOVERN_EINVAL || !strstr(govern_error_last(), needle1) ||
        (needle2 && !strstr(govern_error_last(), needle2))) {
        print_error("expected EINVAL with '%s' '%s', got %d '%s' for:\n%s\n", needle1,
                    needle2 ? needle2 : "", rc, govern_error_last(), t);
        fail();
    }
    assert_null(a);
    free(t);
}

static void config_fails(const char *text, const char *needle1, const char *needle2)
{
    struct govern_config *c = NULL;
    int rc = govern_config_parse(&c, "govern.yaml", text, strlen(text));
    if (rc != GOVERN_EINVAL || !strstr(govern_error_last(), needle1) ||
        (needle2 && !strstr(govern_error_last(), needle2))) {
        print_error("expected EINVAL with '%s', got %d '%s' for:\n%s\n", needle1, rc,
                    govern_error_last(), text);
        fail();
    }
    assert_null(c);
}

/* ---------------------------------------------------------------- config */

static void test_model__config_defaults(void **state)
{
    (void)state;
    struct govern_config *c = NULL;
    const char *t = "body: Hampshire County Council\n";
    assert_ok(govern_config_parse(&c, "govern.yaml", t, strlen(t)));
    assert_int_equal(c->format, GOVERN_FORMAT_VERSION);
    assert_string_equal(c->body, "Hampshire County Council");
    assert_string_equal(c->timezone, "Europe/London");
    assert_int_equal(c->year_start_month, 5);
    assert_int_equal(c->year_start_day, 1);
    assert_int_equal(c->notice_days, 5);
    assert_int_equal(c->notice_counting, GOVERN_NOTICE_S243);
    assert_int_equal(c->call_in_days, 5);
    assert_null(c->base_url);
    assert_int_equal(c->holidays.n_extra, 0);
    /* the municipal year starts on 1 May */
    assert_int_equal(govern_config_year_start(c, ymd(2021, 3, 1)), ymd(2020, 5, 1));
    assert_int_equal(govern_config_year_start(c, ymd(2021, 5, 1)), ymd(2021, 5, 1));
    assert_int_equal(govern_config_year_start(c, ymd(2021, 4, 30)), ymd(2020, 5, 1));
    assert_int_equal(govern_config_year_start(NULL, ymd(2021, 12, 1)), ymd(2021, 5, 1));
    govern_config_free(c);
}

static void test_model__config_round_trip(void **state)
{
    (void)state;
    struct govern_config *c = NULL, *c2 = NULL;
    assert_ok(govern_config_parse(&c, "govern.yaml", config_yaml, strlen(config_yaml)));
    assert_int_equal(c->year_start_month, 4);
    assert_int_equal(c->notice_counting, GOVERN_NOTICE_WORKING);
    assert_int_equal(c->call_in_days, 3);
    assert_int_equal(c->holidays.n_extra, 2);
    assert_int_equal(c->holidays.extra[1], ymd(2021, 3, 11));
    assert_int_equal(c->holidays.n_removed, 1);
    assert_string_equal(c->base_url, "https://democracy.example.gov.uk/");
    struct govern_buf out = GOVERN_BUF_INIT, again = GOVERN_BUF_INIT;
    assert_ok(govern_config_serialize(&out, c));
    assert_string_equal(out.ptr, config_yaml); /* the canonical form */
    assert_ok(govern_config_parse(&c2, "govern.yaml", out.ptr, out.len));
    assert_ok(govern_config_serialize(&again, c2));
    assert_string_equal(again.ptr, out.ptr);
    assert_int_equal(govern_config_year_start(c2, ymd(2021, 3, 31)), ymd(2020, 4, 1));
    govern_config_free(c);
    govern_config_free(c2);
    govern_buf_free(&out);
    govern_buf_free(&again);
    /* govern_config_new gives the same defaults as parsing */
    assert_ok(govern_config_new(&c, "Hart District Council", "UTC"));
    assert_ok(govern_config_serialize(&out, c));
    assert_ok(govern_config_parse(&c2, "govern.yaml", out.ptr, out.len));
    assert_string_equal(c2->timezone, "UTC");
    assert_int_equal(c2->notice_days, 5);
    govern_config_free(c);
    govern_config_free(c2);
    govern_buf_free(&out);
}

static void test_model__config_round_trip_keeps_plugins(void **state)
{
    (void)state;
    /* serialising a loaded configuration must not drop the plugins' sections */
    const char *t = "body: Hampshire County Council\n"
                    "plugins:\n"
                    "  ical:\n"
                    "    calendar_name: Hampshire meetings\n";
    struct govern_config *c = NULL, *c2 = NULL;
    assert_ok(govern_config_parse(&c, "govern.yaml", t, strlen(t)));
    const struct govern_node *p = govern_config_plugin(c, "ical");
    assert_non_null(p);
    assert_string_equal(govern_node_get(p, "calendar_name")->scalar, "Hampshire meetings");
    assert_null(govern_config_plugin(c, "other"));
    struct govern_buf out = GOVERN_BUF_INIT;
    assert_ok(govern_config_serialize(&out, c));
    assert_ok(govern_config_parse(&c2, "govern.yaml", out.ptr, out.len));
    if (!govern_config_plugin(c2, "ical")) {
        print_error("plugins section lost by govern_config_serialize:\n%s\n", out.ptr);
        fail();
    }
    govern_config_free(c);
    govern_config_free(c2);
    govern_buf_free(&out);
}

static void test_model__config_errors_name_the_line(void **state)
{
    (void)state;
    config_fails("body: X\nnotice_dayz: 5\n", "govern.yaml:2:", "unknown field 'notice_dayz'");
    config_fails("format: 1\n", "govern.yaml:", "missing field 'body'");
    config_fails("body: X\nformat: 2\n", "govern.yaml:2:", "format 2");
    config_fails("body: X\ntimezone: Mars/Olympus_Mons\n", "govern.yaml:2:", "Mars/Olympus_Mons");
    config_fails("body: X\nyear_start: 13-01\n", "govern.yaml:2:", "year_start");
    config_fails("body: X\nyear_start: 02-30\n", "govern.yaml:2:", "year_start");
    config_fails("body: X\nyear_start: 5-1\n", "govern.yaml:2:", "year_start");
    config_fails("body: X\nnotice_counting: weekly\n", "govern.yaml:2:", "s243 or working");
    config_fails("body: X\nnotice_days: -1\n", "govern.yaml:2:", "notice_days");
    config_fails("body: X\nnotice_days: five\n", "govern.yaml:2:", "notice_days");
    config_fails("body: X\nholidays:\n  add: [2021-02-30]\n", "govern.yaml:3:", "2021-02-30");
    config_fails("body: X\nholidays:\n  added: []\n", "govern.yaml:3:", "unknown field 'added'");
    config_fails("body: X\nholidays: [2021-01-01]\n", "govern.yaml:2:", "holidays");
    config_fails("body: X\nplugins: [ical]\n", "govern.yaml:2:", "plugins");
    config_fails("body: \"two\\nlines\"\n", "govern.yaml:1:", "one line");
}

/* ------------------------------------------------------------ committees */

static void test_model__committee_parse(void **state)
{
    (void)state;
    struct govern_committee *c = committee_ok(committee_md);
    assert_string_equal(c->slug, "snh-csp");
    assert_string_equal(c->path, "snh-csp/committee.md");
    assert_string_equal(c->short_name, "SNH");
    assert_int_equal(c->kind, GOVERN_KIND_PARTNERSHIP);
    assert_int_equal(c->quorum, 5);
    assert_int_equal(c->n_members, 12);
    assert_int_equal(c->members[0].role, GOVERN_ROLE_CHAIR);
    assert_true(c->members[0].voting);
    assert_int_equal(c->members[0].line, 8);
    assert_int_equal(c->members[3].role, GOVERN_ROLE_CO_OPTED);
    assert_false(c->members[3].voting); /* co-opted: no vote by default */
    assert_false(c->members[10].voting);
    assert_true(c->members[11].voting);
    assert_int_equal(c->members[7].from, ymd(2021, 6, 1));
    assert_int_equal(c->members[7].to, GOVERN_DATE_NONE);
    assert_int_equal(c->members[8].to, ymd(2020, 12, 31));
    assert_false(c->has_template);
    assert_string_equal(c->description, "The statutory community safety partnership for "
                                        "Basingstoke and Deane, Hart and\nRushmoor.\n");
    govern_committee_free(c);
}

static void test_model__committee_round_trip(void **state)
{
    (void)state;
    struct govern_committee *c = committee_ok(committee_md), *c2 = NULL;
    struct govern_buf out = GOVERN_BUF_INIT, again = GOVERN_BUF_INIT;
    assert_ok(govern_committee_serialize(&out, c));
    assert_string_equal(out.ptr, committee_md); /* the fixture is in canonical form */
    assert_ok(govern_committee_parse(&c2, "snh-csp", out.ptr, out.len));
    assert_ok(govern_committee_serialize(&again, c2));
    assert_string_equal(again.ptr, out.ptr);
    govern_committee_free(c);
    govern_committee_free(c2);
    govern_buf_free(&out);
    govern_buf_free(&again);
}

static void test_model__committee_minimal_and_template_round_trip(void **state)
{
    (void)state;
    const char *t = "---\nname: Crime and Disorder Joint Scrutiny Committee\n---\n";
    struct govern_committee *c = committee_ok(t);
    assert_int_equal(c->kind, GOVERN_KIND_COMMITTEE);
    assert_int_equal(c->n_members, 0);
    assert_null(c->description);
    struct govern_buf out = GOVERN_BUF_INIT;
    assert_ok(govern_committee_serialize(&out, c));
    assert_string_equal(out.ptr, "---\nname: Crime and Disorder Joint Scrutiny Committee\nkind: "
                                 "committee\n---\n");
    govern_committee_free(c);
    govern_buf_free(&out);

    t = "---\n"
        "name: Community Safety Strategy Group\n"
        "short_name: HCSSG\n"
        "kind: partnership\n"
        "agenda_template:\n"
        "- title: Welcome and apologies\n"
        "  standard: apologies\n"
        "- title: Action log\n"
        "  purpose: |-\n"
        "    Review of the actions.\n"
        "    Each co-sponsor reports.\n"
        "- title: Notes of the last meeting\n"
        "  standard: minutes\n"
        "---\n";
    c = committee_ok(t);
    assert_true(c->has_template);
    assert_int_equal(c->n_template, 3);
    assert_string_equal(c->template_items[1].purpose,
                        "Review of the actions.\nEach co-sponsor reports.");
    assert_ok(govern_committee_serialize(&out, c));
    assert_string_equal(out.ptr, t);
    govern_committee_free(c);
    govern_buf_free(&out);

    /* an empty template is still a template (no standard items) */
    c = committee_ok("---\nname: X\nagenda_template: []\n---\n");
    assert_true(c->has_template);
    assert_int_equal(c->n_template, 0);
    assert_ok(govern_committee_serialize(&out, c));
    struct govern_committee *c2 = NULL;
    assert_ok(govern_committee_parse(&c2, "x", out.ptr, out.len));
    assert_true(c2->has_template);
    govern_committee_free(c);
    govern_committee_free(c2);
    govern_buf_free(&out);
}

static void test_model__committee_errors_name_the_line(void **state)
{
    (void)state;
    committee_fails(committee_md, "cadence: quarterly", "cadense: quarterly",
                    "snh-csp/committee.md:6:", "unknown field 'cadense'");
    committee_fails(committee_md, "  role: vice-chair", "  role: president",
                    "snh-csp/committee.md:12:", "invalid role 'president'");
    committee_fails(committee_md, "  title: District Commander", "  titel: District Commander",
                    "snh-csp/committee.md:16:", "unknown field 'titel'");
    committee_fails(committee_md, "kind: partnership", "kind: board",
                    "snh-csp/committee.md:4:", "invalid kind 'board'");
    committee_fails(committee_md, "short_name: SNH", "short_name: snh",
                    "snh-csp/committee.md:3:", "capital letters");
    committee_fails(committee_md, "quorum: 5", "quorum: 0", "snh-csp/committee.md:5:", "quorum");
    committee_fails(committee_md, "  to: 2020-12-31", "  to: 2020-12-31\n  from: 2021-01-01",
                    "snh-csp/committee.md:", "ends before starting");
    committee_fails(committee_md, "  from: 2021-06-01", "  from: 2021-06-31",
                    "snh-csp/committee.md:28:", "from");
    committee_fails(committee_md, "  voting: false", "  voting: nope",
                    "snh-csp/committee.md:36:", "voting");
    committee_fails(committee_md, "- name: Army\n", "- nom: Army\n",
                    "snh-csp/committee.md:17:", "unknown field 'nom'");
    committee_fails("---\nname: X\nmembers: Cllr A\n---\n", NULL, NULL,
                    "snh-csp/committee.md:3:", "must be a list");
    committee_fails("---\nname: X\nmembers:\n- Cllr A\n---\n", NULL, NULL,
                    "snh-csp/committee.md:4:", "must be a map");
    committee_fails("---\nname: X\nmembers:\n- role: chair\n---\n", NULL, NULL,
                    "snh-csp/committee.md:", "missing field 'name'");
    committee_fails("---\nname: X\nparent: ../up\n---\n", NULL, NULL,
                    "snh-csp/committee.md:3:", "../up");
    committee_fails("---\nname: X\nparent: actions\n---\n", NULL, NULL,
                    "snh-csp/committee.md:3:", "reserved");
    committee_fails("---\nname: X\nagenda_template:\n- title: A\n  standard: lunch\n---\n", NULL,
                    NULL, "snh-csp/committee.md:5:", "lunch");
    committee_fails("---\nname: X\nagenda_template:\n- title: \"A\\nB\"\n---\n", NULL, NULL,
                    "snh-csp/committee.md:4:", "one line");
    committee_fails("---\nkind: committee\n---\n", NULL, NULL,
                    "snh-csp/committee.md:", "missing field 'name'");
    committee_fails("---\nname: \"A\\nB\"\n---\n", NULL, NULL,
                    "snh-csp/committee.md:2:", "one line");
}

static void test_model__voting_count_by_date(void **state)
{
    (void)state;
    struct govern_committee *c = committee_ok(committee_md);
    /* 2020-01-16: chair, vice-chair, constabulary, Cllr Gone, Army voting = 5 (not the
     * co-opted without a vote, the substitute, the officer, the observer, Probation
     * (voting: false), or Cllr New, who starts in June 2021) */
    assert_int_equal(govern_committee_voting_count(c, ymd(2020, 1, 16)), 5);
    assert_int_equal(govern_committee_voting_count(c, ymd(2020, 12, 31)), 5); /* last day */
    assert_int_equal(govern_committee_voting_count(c, ymd(2021, 1, 1)), 4);
    assert_int_equal(govern_committee_voting_count(c, ymd(2021, 6, 1)), 5); /* first day */
    assert_true(govern_member_active(&c->members[7], ymd(2021, 6, 1)));
    assert_false(govern_member_active(&c->members[7], ymd(2021, 5, 31)));
    assert_true(govern_member_active(&c->members[0], ymd(1990, 1, 1)));
    /* a member added later counts from their start */
    struct govern_member m = {0};
    m.name = "Cllr Added";
    m.role = GOVERN_ROLE_MEMBER;
    m.voting = true;
    m.from = ymd(2022, 1, 1);
    m.to = GOVERN_DATE_NONE;
    assert_ok(govern_committee_add_member(c, &m));
    assert_int_equal(c->n_members, 13);
    assert_int_equal(govern_committee_voting_count(c, ymd(2021, 12, 31)), 5);
    assert_int_equal(govern_committee_voting_count(c, ymd(2022, 1, 1)), 6);
    govern_committee_free(c);
}

static void test_model__names_and_kinds(void **state)
{
    (void)state;
    for (int r = GOVERN_ROLE_CHAIR; r <= GOVERN_ROLE_OFFICER; r++) {
        enum govern_role back;
        assert_ok(govern_role_parse(&back, govern_role_name((enum govern_role)r)));
        assert_int_equal(back, r);
    }
    enum govern_role role;
    assert_err(govern_role_parse(&role, "Chair"), GOVERN_EINVAL, "invalid role");
    assert_err(govern_role_parse(&role, NULL), GOVERN_EINVAL, "invalid role");
    for (int k = GOVERN_KIND_COMMITTEE; k <= GOVERN_KIND_EXECUTIVE; k++) {
        enum govern_committee_kind back;
        assert_ok(govern_kind_parse(&back, govern_kind_name((enum govern_committee_kind)k)));
        assert_int_equal(back, k);
    }
    for (int s = GOVERN_STATUS_SCHEDULED; s <= GOVERN_STATUS_POSTPONED; s++) {
        enum govern_meeting_status back;
        assert_ok(govern_meeting_status_parse(
            &back, govern_meeting_status_name((enum govern_meeting_status)s)));
        assert_int_equal(back, s);
    }
    assert_true(govern_role_votes_by_default(GOVERN_ROLE_SUBSTITUTE));
    assert_false(govern_role_votes_by_default(GOVERN_ROLE_CO_OPTED));
    assert_false(govern_role_votes_by_default(GOVERN_ROLE_OFFICER));
    assert_true(govern_reserved_name("actions"));
    assert_true(govern_reserved_name("govern"));
    assert_false(govern_reserved_name("csg"));
    assert_ok(govern_slug_check("crime-and-disorder"));
    assert_err(govern_slug_check("public"), GOVERN_EINVAL, "reserved");
    assert_err(govern_slug_check("Csg"), GOVERN_EINVAL, NULL);
    assert_err(govern_slug_check("-csg"), GOVERN_EINVAL, NULL);
    assert_string_equal(govern_exempt_paragraph_text(3),
                        "Information relating to the financial or business affairs of any "
                        "particular person (including the authority holding that information)");
    assert_string_equal(govern_exempt_paragraph_text(0), "");
    assert_string_equal(govern_exempt_paragraph_text(8), "");
}

/* -------------------------------------------------------------- meetings */

static void test_model__meeting_parse_and_round_trip(void **state)
{
    (void)state;
    struct govern_meeting *m = meeting_ok(meeting_md), *m2 = NULL;
    assert_string_equal(m->id, "snh-csp/2020-01-16");
    assert_string_equal(m->committee, "snh-csp");
    assert_string_equal(m->path, "snh-csp/2020-01-16/meeting.md");
    assert_int_equal(m->date, ymd(2020, 1, 16));
    assert_int_equal(m->time, 14 * 60);
    assert_int_equal(m->end, 16 * 60 + 30);
    assert_int_equal(m->status, GOVERN_STATUS_HELD);
    assert_int_equal(m->sequence, 2);
    assert_false(m->private_);
    assert_string_equal(m->notes, "Held in the Council Chamber.\n");
    struct govern_buf out = GOVERN_BUF_INIT, again = GOVERN_BUF_INIT;
    assert_ok(govern_meeting_serialize(&out, m));
    assert_string_equal(out.ptr, meeting_md);
    assert_ok(govern_meeting_parse(&m2, "snh-csp/2020-01-16", out.ptr, out.len));
    assert_ok(govern_meeting_serialize(&again, m2));
    assert_string_equal(again.ptr, out.ptr);
    govern_meeting_free(m);
    govern_meeting_free(m2);
    govern_buf_free(&out);
    govern_buf_free(&again);

    /* a cancelled private meeting with a multi-line reason */
    const char *t = "---\n"
                    "uid: abc@govern\n"
                    "date: 2021-03-01\n"
                    "status: cancelled\n"
                    "sequence: 1\n"
                    "reason: |-\n"
                    "  Not quorate.\n"
                    "  Rescheduled: see 2021-03-08.\n"
                    "private: true\n"
                    "---\n";
    m = meeting_ok(t);
    assert_true(m->private_);
    assert_int_equal(m->time, GOVERN_TIME_NONE);
    assert_null(m->notes);
    assert_ok(govern_meeting_serialize(&out, m));
    assert_string_equal(out.ptr, t);
    govern_meeting_free(m);
    govern_buf_free(&out);
}

static void test_model__meeting_clear(void **state)
{
    (void)state;
    struct govern_meeting *m = meeting_ok(meeting_md);
    assert_true(m->lines.count > 0);
    govern_meeting_clear(m); /* frees every field (ASan/LSan would see a leak) */
    assert_null(m->id);
    assert_null(m->notes);
    assert_int_equal(m->lines.count, 0);
    govern_meeting_clear(m); /* twice is harmless */
    govern_meeting_clear(NULL);
    free(m);
}

static void test_model__meeting_notes_with_blank_lines_are_stable(void **state)
{
    (void)state;
    /* a reason ending in a blank line must not change the notes on each save */
    const char *t = "---\nuid: abc@govern\ndate: 2021-03-01\nstatus: postponed\nsequence: 1\n"
                    "reason: |+\n  Room unavailable.\n\n---\n\nNotes.\n";
    struct govern_meeting *m = meeting_ok(t);
    assert_string_equal(m->reason, "Room unavailable.\n\n");
    assert_string_equal(m->notes, "Notes.\n");
    for (int round = 0; round < 2; round++) {
        struct govern_buf out = GOVERN_BUF_INIT;
        assert_ok(govern_meeting_serialize(&out, m));
        govern_meeting_free(m);
        m = NULL;
        assert_ok(govern_meeting_parse(&m, "snh-csp/2020-01-16", out.ptr, out.len));
        if (!str_eq(m->notes, "Notes.\n")) {
            print_error("round %d: notes became [%s] from:\n%s\n", round, m->notes, out.ptr);
            govern_buf_free(&out);
            govern_meeting_free(m);
            fail();
        }
        govern_buf_free(&out);
    }
    govern_meeting_free(m);
}

static void test_model__meeting_errors_name_the_line(void **state)
{
    (void)state;
    meeting_fails(meeting_md, "location:", "venue:", "snh-csp/2020-01-16/meeting.md:7:",
                  "unknown field 'venue'");
    meeting_fails(meeting_md, "end: 16:30", "end: 13:30",
                  "snh-csp/2020-01-16/meeting.md:6:", "end time");
    meeting_fails(meeting_md, "end: 16:30", "end: 14:00",
                  "snh-csp/2020-01-16/meeting.md:6:", "end time");
    meeting_fails(meeting_md, "time: 14:00\n", "", "snh-csp/2020-01-16/meeting.md:5:", "end time");
    meeting_fails(meeting_md, "time: 14:00", "time: 25:00",
                  "snh-csp/2020-01-16/meeting.md:5:", "25:00");
    meeting_fails(meeting_md, "time: 14:00", "time: 2pm",
                  "snh-csp/2020-01-16/meeting.md:5:", "2pm");
    meeting_fails(meeting_md, "status: held", "status: adjourned",
                  "snh-csp/2020-01-16/meeting.md:8:", "invalid status 'adjourned'");
    meeting_fails(meeting_md, "date: 2020-01-16", "date: 2020-02-30",
                  "snh-csp/2020-01-16/meeting.md:4:", "2020-02-30");
    meeting_fails(meeting_md, "date: 2020-01-16\n", "",
                  "snh-csp/2020-01-16/meeting.md:", "missing field 'date'");
    meeting_fails(meeting_md, "uid: 2b1d", "uid: 2b 1d", "snh-csp/2020-01-16/meeting.md:2:", "uid");
    meeting_fails(meeting_md, "uid: 2b1d", "uid: 2b;1d", "snh-csp/2020-01-16/meeting.md:2:", "uid");
    meeting_fails(meeting_md, "sequence: 2", "sequence: -1",
                  "snh-csp/2020-01-16/meeting.md:9:", "sequence");
    meeting_fails(meeting_md, "title: Annual meeting", "title: \"Annual\\nmeeting\"",
                  "snh-csp/2020-01-16/meeting.md:3:", "one line");
    meeting_fails(meeting_md, "sequence: 2", "sequence: 2\nprivate: maybe",
                  "snh-csp/2020-01-16/meeting.md:10:", "private");
}

static void test_model__meeting_id_check(void **state)
{
    (void)state;
    static const char *const good[] = {"csg/2021-03-01", "csg/2021-03-01-2",
                                       "crime-and-disorder/2019-12-16", "a1/2020-02-29"};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        assert_ok(govern_meeting_id_check(good[i]));
    static const char *const bad[] = {
        "../x",
        "/abs",
        "a/b/c",
        "csg/2021-02-30",
        "actions/2021-03-01",
        "govern/2021-03-01",
        "CSG/2021-03-01",
        "csg/2021-03-01-",
        "csg/2021-03-01-x",
        "csg/2021-03-01x",
        "csg",
        "",
        "csg/",
        "/2021-03-01",
        "csg/..",
        "../2021-03-01",
        "csg/../2021-03-01",
        "csg/2021-03",
        "-csg/2021-03-01",
        ".csg/2021-03-01",
        "csg/2021-03-01/",
        "csg//2021-03-01",
        "csg/.2021-03-01",
        "c g/2021-03-01",
        "csg/2021-03-01-1-2",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (govern_meeting_id_check(bad[i]) != GOVERN_EINVAL) {
            print_error("accepted meeting id '%s'\n", bad[i]);
            fail();
        }
    }
    assert_int_equal(govern_meeting_id_check(NULL), GOVERN_EINVAL);
    char *p = govern_meeting_path("csg/2021-03-01", "agenda.md");
    assert_string_equal(p, "csg/2021-03-01/agenda.md");
    free(p);
}

static void test_model__meeting_new_uid(void **state)
{
    (void)state;
    char *a = NULL, *b = NULL;
    assert_ok(govern_meeting_new_uid(&a));
    assert_ok(govern_meeting_new_uid(&b));
    assert_int_equal(strlen(a), 36 + 7);
    assert_string_equal(a + 36, "@govern");
    assert_int_equal(a[14], '4'); /* version 4 */
    assert_string_not_equal(a, b);
    /* a fresh uid is accepted by the parser */
    char text[200];
    snprintf(text, sizeof(text), "---\nuid: %s\ndate: 2021-03-01\n---\n", a);
    struct govern_meeting *m = meeting_ok(text);
    assert_string_equal(m->uid, a);
    govern_meeting_free(m);
    free(a);
    free(b);
}

/* --------------------------------------------------------------- agendas */

static void test_model__agenda_parse_and_round_trip(void **state)
{
    (void)state;
    struct govern_agenda *a = agenda_ok(agenda_md), *a2 = NULL;
    assert_string_equal(a->meeting, "snh-csp/2020-01-16");
    assert_string_equal(a->path, "snh-csp/2020-01-16/agenda.md");
    assert_int_equal(a->published, ymd(2020, 1, 8));
    assert_int_equal(a->n_items, 6);
    assert_string_equal(a->items[0].standard, "apologies");
    assert_int_equal(a->items[0].line, 4);
    assert_string_equal(a->items[3].purpose, "To scrutinise the partnership's performance.\n"
                                             "Officers will present the strategic assessment.\n");
    assert_int_equal(a->items[4].exempt, 3);
    assert_string_equal(a->items[4].body, "SECRET-TEXT the scores of each bidder");
    assert_string_equal(a->items[5].urgent, "The grant deadline falls before the next meeting.");
    assert_string_equal(a->notes, "Agenda notes.\n");
    struct govern_buf out = GOVERN_BUF_INIT, again = GOVERN_BUF_INIT;
    assert_ok(govern_agenda_serialize(&out, a));
    assert_ok(govern_agenda_parse(&a2, "snh-csp/2020-01-16", out.ptr, out.len));
    assert_ok(govern_agenda_serialize(&again, a2));
    assert_string_equal(again.ptr, out.ptr);
    assert_int_equal(a2->n_items, 6);
    for (size_t i = 0; i < a->n_items; i++) {
        assert_str_eq_null(a->items[i].title, a2->items[i].title);
        assert_str_eq_null(a->items[i].purpose, a2->items[i].purpose);
        assert_str_eq_null(a->items[i].report, a2->items[i].report);
        assert_str_eq_null(a->items[i].urgent, a2->items[i].urgent);
        assert_str_eq_null(a->items[i].standard, a2->items[i].standard);
        assert_str_eq_null(a->items[i].fulfils, a2->items[i].fulfils);
        assert_str_eq_null(a->items[i].source, a2->items[i].source);
        assert_str_eq_null(a->items[i].body, a2->items[i].body);
        assert_int_equal(a->items[i].exempt, a2->items[i].exempt);
    }
    govern_agenda_free(a);
    govern_agenda_free(a2);
    govern_buf_free(&out);
    govern_buf_free(&again);

    /* an empty agenda */
    a = agenda_ok("---\n---\n");
    assert_int_equal(a->n_items, 0);
    assert_int_equal(a->published, GOVERN_DATE_NONE);
    assert_ok(govern_agenda_serialize(&out, a));
    assert_string_equal(out.ptr, "---\nitems: []\n---\n");
    govern_agenda_free(a);
    govern_buf_free(&out);
}

static void test_model__agenda_errors_name_the_line(void **state)
{
    (void)state;
    agenda_fails(agenda_md, "  source: cycles", "  sauce: cycles",
                 "snh-csp/2020-01-16/agenda.md:18:", "unknown field 'sauce'");
    agenda_fails(agenda_md, "  standard: minutes", "  standard: lunch",
                 "snh-csp/2020-01-16/agenda.md:10:", "lunch");
    agenda_fails(agenda_md, "- title: Urgent item", "- title: \"Urgent\\nitem\"",
                 "snh-csp/2020-01-16/agenda.md:", "one line");
    agenda_fails(agenda_md, "  report: annual-review.md", "  report: ../../etc/passwd",
                 "snh-csp/2020-01-16/agenda.md:16:", "report");
    agenda_fails(agenda_md, "  report: annual-review.md", "  report: /etc/passwd",
                 "snh-csp/2020-01-16/agenda.md:16:", "report");
    agenda_fails(agenda_md, "published: 2020-01-08", "published: 2020-01-32",
                 "snh-csp/2020-01-16/agenda.md:2:", "published");
    agenda_fails(agenda_md, "published: 2020-01-08", "publish: 2020-01-08",
                 "snh-csp/2020-01-16/agenda.md:2:", "unknown field 'publish'");
    agenda_fails(agenda_md, "- title: Urgent item\n", "- purpose: no title\n",
                 "snh-csp/2020-01-16/agenda.md:", "missing field 'title'");
    agenda_fails(agenda_md, "  fulfils: csp-annual-review", "  fulfils: ../cycles/x",
                 "snh-csp/2020-01-16/agenda.md:17:", "fulfils");
    agenda_fails("---\nitems: one\n---\n", "items: one", "items: one",
                 "snh-csp/2020-01-16/agenda.md:2:", "must be a list");
    agenda_fails("---\nitems:\n- just a string\n---\n",
                 "items:", "items:", "snh-csp/2020-01-16/agenda.md:3:", "must be a map");
}

static void test_model__agenda_exempt_out_of_range_is_kept_for_check(void **state)
{
    (void)state;
    /* exempt outside 1-7 is not a parse error: govern check reports it (-1) */
    char *t = edit(agenda_md, "  exempt: 3", "  exempt: 9");
    struct govern_agenda *a = agenda_ok(t);
    assert_int_equal(a->items[4].exempt, -1);
    govern_agenda_free(a);
    free(t);
    t = edit(agenda_md, "  exempt: 3", "  exempt: yes");
    a = agenda_ok(t);
    assert_int_equal(a->items[4].exempt, -1);
    govern_agenda_free(a);
    free(t);
}

static void test_model__agenda_public_keeps_only_title_and_paragraph(void **state)
{
    (void)state;
    struct govern_agenda *a = agenda_ok(agenda_md), *p = NULL;
    assert_ok(govern_agenda_public(&p, a));
    assert_int_equal(p->n_items, a->n_items);
    const struct govern_agenda_item *x = &p->items[4];
    assert_string_equal(x->title, "Contract for CCTV monitoring");
    assert_int_equal(x->exempt, 3);
    assert_null(x->purpose);
    assert_null(x->body);
    assert_null(x->report);
    assert_null(x->urgent);
    assert_null(x->fulfils);
    assert_null(x->source);
    assert_null(x->standard);
    /* open items are unchanged */
    assert_string_equal(p->items[3].purpose, a->items[3].purpose);
    assert_string_equal(p->items[3].report, "annual-review.md");
    assert_string_equal(p->items[5].urgent, a->items[5].urgent);
    assert_int_equal(p->published, a->published);
    assert_string_equal(p->meeting, a->meeting);
    /* nothing of the exempt item reaches the serialised public form */
    struct govern_buf out = GOVERN_BUF_INIT;
    assert_ok(govern_agenda_serialize(&out, p));
    assert_not_contains(out.ptr, "SECRET");
    assert_not_contains(out.ptr, "secret-fulfils");
    assert_contains(out.ptr, "Contract for CCTV monitoring");
    assert_contains(out.ptr, "exempt: 3");
    govern_buf_free(&out);
    govern_agenda_free(p);
    /* an invalid paragraph (-1) is treated as exempt too */
    a->items[4].exempt = -1;
    assert_ok(govern_agenda_public(&p, a));
    assert_null(p->items[4].purpose);
    govern_agenda_free(p);
    govern_agenda_free(a);
}

static void test_model__agenda_move_and_remove(void **state)
{
    (void)state;
    struct govern_agenda *a = agenda_ok(agenda_md);
    /* move the last item to the front, then back */
    assert_ok(govern_agenda_move(a, 5, 0));
    assert_string_equal(a->items[0].title, "Urgent item");
    assert_string_equal(a->items[1].title, "Apologies for absence and substitutions");
    assert_string_equal(a->items[5].title, "Contract for CCTV monitoring");
    assert_ok(govern_agenda_move(a, 0, 5));
    assert_string_equal(a->items[5].title, "Urgent item");
    assert_string_equal(a->items[0].title, "Apologies for absence and substitutions");
    assert_ok(govern_agenda_move(a, 2, 2));
    assert_string_equal(a->items[2].title, "Minutes of the previous meeting");
    assert_ok(govern_agenda_move(a, 1, 2));
    assert_string_equal(a->items[1].title, "Minutes of the previous meeting");
    assert_string_equal(a->items[2].title, "Declarations of interest");
    /* out of range */
    assert_err(govern_agenda_move(a, 6, 0), GOVERN_EINVAL, "no item 7");
    assert_err(govern_agenda_move(a, 0, 6), GOVERN_EINVAL, "no item 7");
    assert_err(govern_agenda_move(a, (size_t)-1, 0), GOVERN_EINVAL, NULL);
    assert_err(govern_agenda_remove(a, 6), GOVERN_EINVAL, "it has 6");
    assert_int_equal(a->n_items, 6);
    /* remove the middle, the last and the first */
    assert_ok(govern_agenda_remove(a, 3));
    assert_int_equal(a->n_items, 5);
    assert_string_equal(a->items[3].title, "Contract for CCTV monitoring");
    assert_ok(govern_agenda_remove(a, 4));
    assert_ok(govern_agenda_remove(a, 0));
    assert_int_equal(a->n_items, 3);
    assert_string_equal(a->items[0].title, "Minutes of the previous meeting");
    while (a->n_items)
        assert_ok(govern_agenda_remove(a, 0));
    assert_err(govern_agenda_remove(a, 0), GOVERN_EINVAL, NULL);
    assert_err(govern_agenda_move(a, 0, 0), GOVERN_EINVAL, NULL);
    /* append copies */
    struct govern_agenda_item it = {0};
    char title[] = "Any other business";
    it.title = title;
    assert_ok(govern_agenda_append(a, &it));
    title[0] = 'X';
    assert_string_equal(a->items[0].title, "Any other business");
    govern_agenda_free(a);
}

static void test_model__agenda_from_standard_items(void **state)
{
    (void)state;
    struct govern_committee *c = committee_ok(committee_md);
    struct govern_meeting *m = meeting_ok(meeting_md);
    struct govern_config *cfg = NULL;
    assert_ok(govern_config_new(&cfg, "Rushmoor Borough Council", "Europe/London"));
    struct govern_meeting prev = {0};
    prev.id = "snh-csp/2019-12-16";
    prev.date = ymd(2019, 12, 16);

    /* first of the year, with a previous meeting: all five */
    struct govern_agenda *a = NULL;
    assert_ok(govern_agenda_from_template(&a, c, m, &prev, true, cfg));
    assert_string_equal(a->meeting, "snh-csp/2020-01-16");
    assert_int_equal(a->published, GOVERN_DATE_NONE);
    assert_int_equal(a->n_items, 5);
    assert_string_equal(a->items[0].standard, "chair");
    assert_string_equal(a->items[0].title, "Appointment of Chair");
    assert_string_equal(a->items[0].purpose,
                        "To appoint a Chair of the Safer North Hampshire Strategic Community "
                        "Safety Partnership for the 2019/20 municipal year.");
    assert_string_equal(a->items[1].standard, "apologies");
    assert_string_equal(a->items[2].standard, "declarations");
    assert_string_equal(a->items[3].standard, "urgent");
    assert_string_equal(a->items[4].standard, "minutes");
    assert_string_equal(a->items[4].title, "Minutes of the meeting held on 16 December 2019");
    govern_agenda_free(a);

    /* not the first of the year, no previous meeting: no chair, no minutes */
    assert_ok(govern_agenda_from_template(&a, c, m, NULL, false, cfg));
    assert_int_equal(a->n_items, 3);
    for (size_t i = 0; i < a->n_items; i++) {
        assert_string_not_equal(a->items[i].standard, "chair");
        assert_string_not_equal(a->items[i].standard, "minutes");
    }
    govern_agenda_free(a);

    /* chair only, and minutes only */
    assert_ok(govern_agenda_from_template(&a, c, m, NULL, true, cfg));
    assert_int_equal(a->n_items, 4);
    assert_string_equal(a->items[0].standard, "chair");
    govern_agenda_free(a);
    assert_ok(govern_agenda_from_template(&a, c, m, &prev, false, cfg));
    assert_int_equal(a->n_items, 4);
    assert_string_equal(a->items[3].standard, "minutes");
    govern_agenda_free(a);

    /* the agenda it makes serialises and parses back */
    assert_ok(govern_agenda_from_template(&a, c, m, &prev, true, cfg));
    struct govern_buf out = GOVERN_BUF_INIT;
    assert_ok(govern_agenda_serialize(&out, a));
    struct govern_agenda *a2 = NULL;
    assert_ok(govern_agenda_parse(&a2, a->meeting, out.ptr, out.len));
    assert_int_equal(a2->n_items, 5);
    govern_agenda_free(a2);
    govern_agenda_free(a);
    govern_buf_free(&out);
    govern_config_free(cfg);
    govern_meeting_free(m);
    govern_committee_free(c);
}

static void test_model__agenda_from_committee_template(void **state)
{
    (void)state;
    const char *t = "---\n"
                    "name: Community Safety Strategy Group\n"
                    "agenda_template:\n"
                    "- title: Election of Chair\n"
                    "  standard: chair\n"
                    "- title: Welcome and apologies\n"
                    "  standard: apologies\n"
                    "- title: Notes of the last meeting\n"
                    "  standard: minutes\n"
                    "  purpose: To agree the notes.\n"
                    "- title: Action log\n"
                    "  purpose: Review of the actions.\n"
                    "---\n";
    struct govern_committee *c = committee_ok(t);
    struct govern_meeting *m = meeting_ok(meeting_md);
    struct govern_meeting prev = {0};
    prev.id = "snh-csp/2019-10-01";
    prev.date = ymd(2019, 10, 1);
    struct govern_agenda *a = NULL;
    assert_ok(govern_agenda_from_template(&a, c, m, &prev, true, NULL));
    assert_int_equal(a->n_items, 4);
    assert_string_equal(a->items[0].title, "Election of Chair");
    assert_contains(a->items[0].purpose, "2019/20 municipal year");
    /* the minutes item always names the meeting it confirms; the purpose is the template's */
    assert_string_equal(a->items[2].title, "Minutes of the meeting held on 1 October 2019");
    assert_string_equal(a->items[2].purpose, "To agree the notes.");
    assert_string_equal(a->items[3].title, "Action log");
    assert_null(a->items[3].standard);
    govern_agenda_free(a);
    assert_ok(govern_agenda_from_template(&a, c, m, NULL, false, NULL));
    assert_int_equal(a->n_items, 2);
    assert_string_equal(a->items[0].title, "Welcome and apologies");
    assert_string_equal(a->items[1].title, "Action log");
    govern_agenda_free(a);
    govern_meeting_free(m);
    govern_committee_free(c);
}

/* Page references: checked, printed as seed 004 prints them, kept by a
 * round trip, and refused with their line. */
static void test_model__agenda_pages(void **state)
{
    (void)state;
    char out[40];
    assert_int_equal(govern_pages_check("9-52"), 0);
    assert_int_equal(govern_pages_check("5"), 0);
    assert_int_equal(govern_pages_check("5-5"), 0);
    const char *bad[] = {"", "52-9", "0", "-3", "3-", "a", "1-2-3", "100000", " 5", "5 - 8"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_not_equal(govern_pages_check(bad[i]), 0);
    govern_pages_format(out, sizeof(out), "9-52");
    assert_string_equal(out, "Pages 9 - 52");
    govern_pages_format(out, sizeof(out), "5");
    assert_string_equal(out, "Page 5");

    const char *text = "---\nitems:\n- title: Review\n  pages: 9-52\n---\n";
    struct govern_agenda *a = NULL, *b = NULL;
    struct govern_buf buf = GOVERN_BUF_INIT;
    assert_int_equal(govern_agenda_parse(&a, "cdjsc/2020-09-21", text, strlen(text)), 0);
    assert_string_equal(a->items[0].pages, "9-52");
    assert_int_equal(govern_agenda_serialize(&buf, a), 0);
    assert_string_equal(buf.ptr, text);
    const char *wrong = "---\nitems:\n- title: Review\n  pages: 52-9\n---\n";
    assert_int_not_equal(govern_agenda_parse(&b, "cdjsc/2020-09-21", wrong, strlen(wrong)), 0);
    assert_non_null(strstr(govern_error_last(), "agenda.md:4:"));
    govern_buf_free(&buf);
    govern_agenda_free(a);
}

/* agenda add --from: items as in agenda.md, with report, source and
 * minutes_of refused at their item's line. */
static void test_model__agenda_items_file(void **state)
{
    (void)state;
    struct govern_agenda *a = NULL;
    const char *ok = "items:\n- title: One\n  pages: 5\n- title: Two\n  exempt: 3\n";
    assert_int_equal(govern_agenda_parse_items(&a, "c/2020-01-01", "f.yaml", ok, strlen(ok)), 0);
    assert_int_equal((int)a->n_items, 2);
    assert_int_equal(a->items[1].exempt, 3);
    govern_agenda_free(a);
    a = NULL;
    const char *bad[] = {"items:\n- title: One\n- title: Two\n  report: x.md\n",
                         "items:\n- title: One\n  source: actions\n", "items: []\n", "other: 1\n",
                         "items:\n- title: X\n  exempt: 8\n"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_not_equal(
            govern_agenda_parse_items(&a, "c/2020-01-01", "f.yaml", bad[i], strlen(bad[i])), 0);
        assert_null(a);
        assert_non_null(strstr(govern_error_last(), "f.yaml"));
    }
}

/* the versioned option structs a plugin passes in: an unknown version is
 * refused before anything is read, with the struct's name */
static void test_model__opts_version_checked(void **state)
{
    (void)state;
    struct govern_model *m = NULL;
    struct govern_model_opts mo = GOVERN_MODEL_OPTS_INIT;
    mo.version = 0;
    assert_err(govern_model_load_opts(&m, NULL, NULL, &mo), GOVERN_EINVAL,
               "struct govern_model_opts version 0, but this govern reads 1");
    mo.version = GOVERN_MODEL_OPTS_VERSION + 1;
    assert_err(govern_model_load_opts(&m, NULL, NULL, &mo), GOVERN_EINVAL,
               "start from GOVERN_MODEL_OPTS_INIT");
    assert_null(m);
    struct govern_meeting mt;
    memset(&mt, 0, sizeof(mt));
    struct govern_meeting_create_opts co = GOVERN_MEETING_CREATE_OPTS_INIT;
    co.version = 7;
    assert_err(govern_meeting_create(&mt, NULL, NULL, "audit", &co), GOVERN_EINVAL,
               "struct govern_meeting_create_opts version 7");
    struct govern_store *st = NULL;
    struct govern_store_opts so = GOVERN_STORE_OPTS_INIT;
    so.version = 2;
    assert_err(govern_store_open(&st, ".", &so), GOVERN_EINVAL,
               "struct govern_store_opts version 2, but this govern reads 1");
    assert_null(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model__config_defaults),
        cmocka_unit_test(test_model__agenda_pages),
        cmocka_unit_test(test_model__agenda_items_file),
        cmocka_unit_test(test_model__config_round_trip),
        cmocka_unit_test(test_model__config_round_trip_keeps_plugins),
        cmocka_unit_test(test_model__config_errors_name_the_line),
        cmocka_unit_test(test_model__committee_parse),
        cmocka_unit_test(test_model__committee_round_trip),
        cmocka_unit_test(test_model__committee_minimal_and_template_round_trip),
        cmocka_unit_test(test_model__committee_errors_name_the_line),
        cmocka_unit_test(test_model__voting_count_by_date),
        cmocka_unit_test(test_model__names_and_kinds),
        cmocka_unit_test(test_model__meeting_parse_and_round_trip),
        cmocka_unit_test(test_model__meeting_clear),
        cmocka_unit_test(test_model__meeting_notes_with_blank_lines_are_stable),
        cmocka_unit_test(test_model__meeting_errors_name_the_line),
        cmocka_unit_test(test_model__meeting_id_check),
        cmocka_unit_test(test_model__opts_version_checked),
        cmocka_unit_test(test_model__meeting_new_uid),
        cmocka_unit_test(test_model__agenda_parse_and_round_trip),
        cmocka_unit_test(test_model__agenda_errors_name_the_line),
        cmocka_unit_test(test_model__agenda_exempt_out_of_range_is_kept_for_check),
        cmocka_unit_test(test_model__agenda_public_keeps_only_title_and_paragraph),
        cmocka_unit_test(test_model__agenda_move_and_remove),
        cmocka_unit_test(test_model__agenda_from_standard_items),
        cmocka_unit_test(test_model__agenda_from_committee_template),
    };
    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
