/*
 * Unit tests of core/rules.c and core/approval.c: what counts as a stated
 * reason for urgency, what counts as a granted dispensation, and the
 * approval of minutes at the next suitable meeting (Sch 12 para 41).
 */
#include <stdlib.h>
#include <string.h>
#include "helpers.h"

static void test_rules__reason_refuses_non_answers_in_any_case(void **state)
{
    (void)state;
    static const char *const bad[] = {NULL,
                                      "",
                                      "  ",
                                      "Yes",
                                      "yes",
                                      "YES",
                                      "true",
                                      "True",
                                      "n/a",
                                      "N/A",
                                      "none",
                                      "None",
                                      "Not applicable",
                                      "not applicable.",
                                      " no ",
                                      "-",
                                      "nil",
                                      "false"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_false(govern_reason_stated(bad[i]));
}

static void test_rules__reason_accepts_a_reason(void **state)
{
    (void)state;
    assert_true(govern_reason_stated("The contract expires before the next meeting"));
    assert_true(govern_reason_stated("Yesterday's flooding"));
    assert_true(govern_reason_stated("None of the options can wait: the deadline is 1 May"));
}

static void test_rules__dispensation_must_record_a_grant(void **state)
{
    (void)state;
    static const char *const bad[] = {
        NULL, "", "None granted", "none", "n/a", "no", "Not granted", "Grantedness", "Refused"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_false(govern_dispensation_granted(bad[i]));
    assert_true(
        govern_dispensation_granted("Granted by the Monitoring Officer on 1 December 2019"));
    assert_true(govern_dispensation_granted("granted"));
    assert_true(govern_dispensation_granted("  GRANTED: Standards Committee, 3 May 2021."));
    assert_true(govern_dispensation_granted("Granted, until May 2022"));
}

/* A committee "c" with meetings on the given days (held unless noted). */
struct fixture {
    struct govern_meeting m[4];
    struct govern_meeting *p[4];
    struct govern_agenda *a[4];
};

static void meeting(struct govern_meeting *m, const char *id, enum govern_meeting_status st)
{
    memset(m, 0, sizeof(*m));
    m->id = (char *)id;
    m->committee = strncmp(id, "o/", 2) ? "c" : "o";
    assert_ok(govern_date_parse(&m->date, strchr(id, '/') + 1));
    m->status = st;
}

static void test_rules__approval_at_the_next_suitable_meeting(void **state)
{
    (void)state;
    struct fixture f;
    memset(&f, 0, sizeof(f));
    meeting(&f.m[0], "c/2019-06-24", GOVERN_STATUS_HELD);
    meeting(&f.m[1], "c/2019-09-16", GOVERN_STATUS_HELD);
    meeting(&f.m[2], "o/2019-09-20", GOVERN_STATUS_HELD);
    meeting(&f.m[3], "c/2019-12-16", GOVERN_STATUS_HELD);
    for (int i = 0; i < 4; i++)
        f.p[i] = &f.m[i];
    struct govern_minutes mn;
    struct govern_person someone = {"Cllr A", NULL, NULL, 1};
    memset(&mn, 0, sizeof(mn));
    mn.people[GOVERN_PRESENT].items = &someone;
    mn.people[GOVERN_PRESENT].count = 1;
    char *why = NULL;
    govern_date today;
    assert_ok(govern_date_parse(&today, "2020-01-01"));
    /* lawful: the next meeting, held */
    assert_ok(govern_minutes_approval_problem(&why, &mn, f.p[0], f.p[1], f.p, f.a, 4, today));
    assert_null(why);
    /* skipped c/2019-09-16 */
    assert_ok(govern_minutes_approval_problem(&why, &mn, f.p[0], f.p[3], f.p, f.a, 4, today));
    assert_non_null(why);
    assert_non_null(strstr(why, "not the next suitable meeting"));
    free(why);
    /* another committee */
    assert_ok(govern_minutes_approval_problem(&why, &mn, f.p[0], f.p[2], f.p, f.a, 4, today));
    assert_non_null(why);
    assert_non_null(strstr(why, "is a meeting of o, not of c"));
    free(why);
    /* cancelled in between: c/2019-12-16 is then the next suitable one */
    f.m[1].status = GOVERN_STATUS_CANCELLED;
    assert_ok(govern_minutes_approval_problem(&why, &mn, f.p[0], f.p[3], f.p, f.a, 4, today));
    assert_null(why);
    /* ... but not before it is held, nor before its day */
    f.m[3].status = GOVERN_STATUS_SCHEDULED;
    assert_ok(govern_minutes_approval_problem(&why, &mn, f.p[0], f.p[3], f.p, f.a, 4, today));
    assert_non_null(why);
    free(why);
    f.m[3].status = GOVERN_STATUS_HELD;
    assert_ok(govern_date_parse(&today, "2019-12-01"));
    assert_ok(govern_minutes_approval_problem(&why, &mn, f.p[0], f.p[3], f.p, f.a, 4, today));
    assert_non_null(why);
    assert_non_null(strstr(why, "after today"));
    free(why);
    /* nobody present */
    assert_ok(govern_date_parse(&today, "2020-01-01"));
    mn.people[GOVERN_PRESENT].count = 0;
    assert_ok(govern_minutes_approval_problem(&why, &mn, f.p[0], f.p[3], f.p, f.a, 4, today));
    assert_non_null(why);
    assert_non_null(strstr(why, "record nobody present"));
    free(why);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules__reason_refuses_non_answers_in_any_case),
        cmocka_unit_test(test_rules__reason_accepts_a_reason),
        cmocka_unit_test(test_rules__dispensation_must_record_a_grant),
        cmocka_unit_test(test_rules__approval_at_the_next_suitable_meeting),
    };
    return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
