/*
 * Unit tests of the operations layer (core/ops/, include/govern/ops.h),
 * called as a plugin would, without the CLI: each test starts a store with
 * one committee in a fresh temporary directory.  They check what each
 * operation writes and returns, and that a refused request (bad input, a
 * rule, an agenda the clerk must correct first) writes nothing at all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "helpers.h"

static const char config_text[] = "format: 1\nbody: Test Borough Council\nnotice_days: 5\n";

struct fixture {
    char root[64];
    struct govern_store *s;
};

static long commit_time = 1700000000;

static void next_time(void)
{
    char t[32];
    snprintf(t, sizeof(t), "%ld", commit_time += 60);
    setenv("GOVERN_COMMIT_TIME", t, 1);
}

struct put {
    const char *path, *data;
};

static int put_fn(struct govern_change *chg, struct govern_snapshot *head, void *ctx)
{
    const struct put *p = ctx;
    (void)head;
    int rc = govern_change_put(chg, p->path, p->data, strlen(p->data));
    return rc ? rc : govern_change_message(chg, "Put %s", p->path);
}

static void put_file(struct govern_store *s, const char *path, const char *data)
{
    struct put p = {path, data};
    struct govern_commit_info info;
    next_time();
    assert_ok(govern_store_transact(&info, s, put_fn, &p));
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    strcpy(f->root, "/tmp/govern-ops-XXXXXX");
    if (!mkdtemp(f->root)) {
        free(f);
        return -1;
    }
    setenv("GOVERN_AUTHOR_NAME", "Test Clerk", 1);
    setenv("GOVERN_AUTHOR_EMAIL", "clerk@example.gov.uk", 1);
    next_time();
    if (govern_store_init(&f->s, f->root, config_text, "Start the store")) {
        free(f);
        return -1;
    }
    put_file(f->s, "planning/committee.md",
             "---\nname: Planning Committee\nkind: committee\n---\n");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    govern_store_free(f->s);
    test_remove_tree(f->root);
    free(f);
    return 0;
}

/* ------------------------------------------------------------- helpers */

static size_t commit_count(struct govern_store *s)
{
    struct govern_log log = {0};
    assert_ok(govern_store_log(&log, s, NULL, "", 0));
    size_t n = log.count;
    govern_log_free(&log);
    return n;
}

static char *read_text(struct govern_store *s, const char *path)
{
    struct govern_snapshot *snap = NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_store_snapshot(&snap, s, NULL));
    int rc = govern_snapshot_read(&b, snap, path);
    govern_snapshot_free(snap);
    if (rc) {
        govern_buf_free(&b);
        return NULL;
    }
    return govern_buf_detach(&b);
}

static struct govern_agenda *agenda(struct govern_store *s, const char *id)
{
    struct govern_snapshot *snap = NULL;
    struct govern_agenda *a = NULL;
    assert_ok(govern_store_snapshot(&snap, s, NULL));
    assert_ok(govern_agenda_load(&a, snap, id));
    govern_snapshot_free(snap);
    return a;
}

/* A meeting of planning on day, 19:00 to 21:00; returns its id. */
static void new_meeting(struct govern_store *s, govern_date day, char id[160])
{
    struct govern_ops_meeting_new r = {.version = GOVERN_OPS_MEETING_NEW_VERSION,
                                       .committee = "planning",
                                       .date = day,
                                       .time = 19 * 60,
                                       .end = 21 * 60,
                                       .location = "Council Chamber",
                                       .as_of = ymd(2026, 1, 5)};
    struct govern_ops_result res;
    next_time();
    assert_ok(govern_ops_meeting_new(&res, s, &r));
    assert_int_equal(strlen(res.commit), 40);
    snprintf(id, 160, "%s", res.meeting);
}

static int add_one(struct govern_ops_result *res, struct govern_store *s, const char *id,
                   const struct govern_agenda_item *it, size_t position, const char *report)
{
    struct govern_ops_agenda_add r = {.version = GOVERN_OPS_AGENDA_ADD_VERSION,
                                      .meeting = id,
                                      .items = it,
                                      .n_items = 1,
                                      .position = position,
                                      .report_text = report};
    next_time();
    return govern_ops_agenda_add(res, s, &r);
}

/* --------------------------------------------------------------- tests */

static void test_ops__meeting_new_then_agenda_add_with_report(void **state)
{
    struct fixture *f = *state;
    char id[160];
    new_meeting(f->s, ymd(2026, 3, 10), id);
    assert_string_equal(id, "planning/2026-03-10");
    struct govern_agenda *a = agenda(f->s, id);
    size_t before = a->n_items;
    govern_agenda_free(a);

    struct govern_agenda_item it = {.title = "Budget 2026/27", .purpose = "To agree the budget."};
    struct govern_ops_result res;
    assert_ok(add_one(&res, f->s, id, &it, 0, "# Budget\n\nThe figures.\n"));
    assert_int_equal(res.item, before + 1);
    assert_int_equal(strlen(res.commit), 40);
    char want[200];
    snprintf(want, sizeof(want), "Add item %zu to the agenda of %s: Budget 2026/27", before + 1,
             id);
    assert_string_equal(res.summary, want);

    a = agenda(f->s, id);
    assert_int_equal(a->n_items, before + 1);
    assert_string_equal(a->items[before].title, "Budget 2026/27");
    assert_string_equal(a->items[before].report, "budget-2026-27.md");
    govern_agenda_free(a);
    char *report = read_text(f->s, "planning/2026-03-10/reports/budget-2026-27.md");
    assert_string_equal(report, "# Budget\n\nThe figures.\n");
    free(report);
}

static void test_ops__agenda_position_move_and_remove(void **state)
{
    struct fixture *f = *state;
    char id[160];
    new_meeting(f->s, ymd(2026, 3, 10), id);
    struct govern_agenda_item it = {.title = "First business"};
    struct govern_ops_result res;
    assert_ok(add_one(&res, f->s, id, &it, 2, "report\n"));
    assert_int_equal(res.item, 2);
    struct govern_agenda *a = agenda(f->s, id);
    assert_string_equal(a->items[1].title, "First business");
    size_t n = a->n_items;
    govern_agenda_free(a);

    struct govern_ops_agenda_change mv = {
        .version = GOVERN_OPS_AGENDA_CHANGE_VERSION, .meeting = id, .from = 2, .to = n};
    next_time();
    assert_ok(govern_ops_agenda_move(&res, f->s, &mv));
    a = agenda(f->s, id);
    assert_string_equal(a->items[n - 1].title, "First business");
    govern_agenda_free(a);

    /* removing the item removes the report no other item names */
    struct govern_ops_agenda_change rm = {
        .version = GOVERN_OPS_AGENDA_CHANGE_VERSION, .meeting = id, .from = n};
    next_time();
    assert_ok(govern_ops_agenda_remove(&res, f->s, &rm));
    assert_contains(res.summary, "Remove agenda item");
    a = agenda(f->s, id);
    assert_int_equal(a->n_items, n - 1);
    govern_agenda_free(a);
    assert_null(read_text(f->s, "planning/2026-03-10/reports/first-business.md"));
}

/* Refused requests write nothing: not a commit, not a byte. */
static void test_ops__refused_requests_write_nothing(void **state)
{
    struct fixture *f = *state;
    char id[160];
    new_meeting(f->s, ymd(2026, 3, 10), id);
    size_t commits = commit_count(f->s);
    char *before = read_text(f->s, "planning/2026-03-10/agenda.md");
    struct govern_ops_result res;

    struct govern_agenda_item two_lines = {.title = "Budget\nand more"};
    assert_err(add_one(&res, f->s, id, &two_lines, 0, NULL), GOVERN_EINVAL, "one line");
    struct govern_agenda_item no_reason = {.title = "Late item", .urgent = "yes"};
    assert_err(add_one(&res, f->s, id, &no_reason, 0, NULL), GOVERN_EINVAL, "rule urgent");
    struct govern_agenda_item fine = {.title = "Late item"};
    /* found wrong inside the transaction: the report was already put */
    assert_err(add_one(&res, f->s, id, &fine, 99, "text\n"), GOVERN_EINVAL, "--position 99");
    assert_err(add_one(&res, f->s, "planning/2026-03-11", &fine, 0, NULL), GOVERN_ENOTFOUND, NULL);
    struct govern_ops_agenda_edit ed = {.version = GOVERN_OPS_AGENDA_EDIT_VERSION,
                                        .meeting = id,
                                        .item = 40,
                                        .title = "New title",
                                        .exempt = -1};
    assert_err(govern_ops_agenda_edit(&res, f->s, &ed), GOVERN_EINVAL, "no item 40");

    struct govern_ops_meeting_change c = {.version = GOVERN_OPS_MEETING_CHANGE_VERSION,
                                          .meeting = id};
    assert_err(govern_ops_meeting_cancel(&res, f->s, &c), GOVERN_EUSAGE, "--reason");
    c.as_of = ymd(2026, 3, 9);
    assert_err(govern_ops_meeting_held(&res, f->s, &c), GOVERN_EINVAL, "rule meeting-held");
    c.given = GOVERN_OPS_GIVEN_END;
    c.end = 18 * 60;
    assert_err(govern_ops_meeting_reschedule(&res, f->s, &c), GOVERN_EINVAL, "--end");

    /* a request of another version is refused, never misread */
    struct govern_ops_agenda_change mv = {
        .version = GOVERN_OPS_AGENDA_CHANGE_VERSION + 1, .meeting = id, .from = 1, .to = 2};
    assert_err(govern_ops_agenda_move(&res, f->s, &mv), GOVERN_EINVAL, "request version");

    assert_int_equal(commit_count(f->s), commits);
    char *after = read_text(f->s, "planning/2026-03-10/agenda.md");
    assert_string_equal(after, before);
    assert_null(read_text(f->s, "planning/2026-03-10/reports/late-item.md"));
    free(before);
    free(after);
}

/* An agenda holding a paragraph the clerk must correct is never rewritten,
 * also when a plugin adds to it inside its own change set. */
static int add_in_fn(struct govern_change *chg, struct govern_snapshot *head, void *ctx)
{
    static const struct govern_agenda_item it = {
        .title = "Cycle report", .report = "cycle.md", .source = "test"};
    struct govern_ops_agenda_add r = {.version = GOVERN_OPS_AGENDA_ADD_VERSION,
                                      .meeting = ctx,
                                      .items = &it,
                                      .n_items = 1,
                                      .report_text = "Draft.\n"};
    struct govern_ops_result res;
    int rc = govern_ops_agenda_add_in(&res, chg, head, &r);
    return rc ? rc : govern_change_message(chg, "Add the cycle report (item %zu)", res.item);
}

static void test_ops__add_in_keeps_the_paragraph_guard(void **state)
{
    struct fixture *f = *state;
    char id[160];
    struct govern_commit_info info;
    new_meeting(f->s, ymd(2026, 3, 10), id);
    next_time();
    assert_ok(govern_store_transact(&info, f->s, add_in_fn, id));
    struct govern_log log = {0};
    assert_ok(govern_store_log(&log, f->s, NULL, "", 1));
    assert_contains(log.entries[0].summary, "Add the cycle report (item");
    govern_log_free(&log);
    char *report = read_text(f->s, "planning/2026-03-10/reports/cycle.md");
    assert_string_equal(report, "Draft.\n");
    free(report);

    put_file(f->s, "planning/2026-03-10/agenda.md",
             "---\nitems:\n- title: Land sale\n  exempt: 8\n---\n");
    size_t commits = commit_count(f->s);
    next_time();
    assert_err(govern_store_transact(&info, f->s, add_in_fn, id), GOVERN_EINVAL,
               "invalid exempt paragraph");
    assert_int_equal(commit_count(f->s), commits);
}

static void test_ops__publish_short_notice_warns(void **state)
{
    struct fixture *f = *state;
    char id[160];
    new_meeting(f->s, ymd(2026, 3, 10), id);
    struct govern_ops_agenda_change p = {
        .version = GOVERN_OPS_AGENDA_CHANGE_VERSION, .meeting = id, .date = ymd(2026, 3, 9)};
    struct govern_ops_result res;
    next_time();
    assert_ok(govern_ops_agenda_publish(&res, f->s, &p));
    assert_contains(res.warnings.ptr, "rule notice");
    govern_ops_result_free(&res);
    assert_string_equal(res.summary,
                        "Publish the agenda of planning/2026-03-10 on Monday 9 March 2026");
    struct govern_agenda *a = agenda(f->s, id);
    assert_int_equal(a->published, ymd(2026, 3, 9));
    govern_agenda_free(a);
    next_time();
    assert_err(govern_ops_agenda_publish(&res, f->s, &p), GOVERN_EINVAL, "already published");
    assert_null(res.warnings.ptr);
}

static void test_ops__reschedule_moves_the_end_and_bumps_sequence(void **state)
{
    struct fixture *f = *state;
    char id[160];
    new_meeting(f->s, ymd(2026, 3, 10), id);
    struct govern_ops_meeting_change r = {.version = GOVERN_OPS_MEETING_CHANGE_VERSION,
                                          .meeting = id,
                                          .given = GOVERN_OPS_GIVEN_DATE | GOVERN_OPS_GIVEN_TIME,
                                          .date = ymd(2026, 3, 12),
                                          .time = 18 * 60};
    struct govern_ops_result res;
    next_time();
    assert_ok(govern_ops_meeting_reschedule(&res, f->s, &r));
    assert_string_equal(res.summary,
                        "Reschedule meeting planning/2026-03-10 to Thursday 12 March 2026");
    struct govern_snapshot *snap = NULL;
    struct govern_meeting *m = NULL;
    assert_ok(govern_store_snapshot(&snap, f->s, NULL));
    assert_ok(govern_meeting_load(&m, snap, id));
    assert_int_equal(m->date, ymd(2026, 3, 12));
    assert_int_equal(m->time, 18 * 60);
    assert_int_equal(m->end, 20 * 60);
    assert_int_equal(m->sequence, 1);
    govern_meeting_free(m);
    govern_snapshot_free(snap);

    struct govern_ops_meeting_change c = {
        .version = GOVERN_OPS_MEETING_CHANGE_VERSION, .meeting = id, .reason = "Not quorate"};
    next_time();
    assert_ok(govern_ops_meeting_cancel(&res, f->s, &c));
    next_time();
    assert_err(govern_ops_meeting_cancel(&res, f->s, &c), GOVERN_EINVAL, "already cancelled");
}

static int minutes_op(int (*op)(struct govern_ops_result *, struct govern_store *,
                                const struct govern_ops_minutes *),
                      struct govern_ops_result *res, struct govern_store *s,
                      const struct govern_ops_minutes *r)
{
    next_time();
    govern_ops_result_free(res);
    return op(res, s, r);
}

/* From the agenda to the approved record; then the minutes never change. */
static void test_ops__minutes_draft_attend_text_approve(void **state)
{
    struct fixture *f = *state;
    char first[160], later[160];
    new_meeting(f->s, ymd(2026, 3, 10), first);
    new_meeting(f->s, ymd(2026, 4, 14), later);
    struct govern_ops_result res = {0};
    struct govern_ops_minutes r = {
        .version = GOVERN_OPS_MINUTES_VERSION, .meeting = first, .as_of = ymd(2026, 3, 10)};
    assert_ok(minutes_op(govern_ops_minutes_draft, &res, f->s, &r));
    assert_contains(res.summary, "Draft the minutes of planning/2026-03-10 (1/25 to");
    assert_int_equal(strlen(res.commit), 40);

    /* a name in the members' lists who is not a serving member: a warning */
    struct govern_strlist names[GOVERN_ATTENDANCE_LISTS];
    memset(names, 0, sizeof(names));
    assert_ok(govern_strlist_add(&names[GOVERN_PRESENT], "Councillor Smith"));
    r.names = names;
    assert_ok(minutes_op(govern_ops_minutes_attend, &res, f->s, &r));
    assert_string_equal(res.summary, "Minutes of planning/2026-03-10: attendance of 1 person");
    assert_contains(res.warnings.ptr, "Councillor Smith is not a member of planning");
    govern_strlist_free(&names[GOVERN_PRESENT]);
    r.names = NULL;

    r.minute = 1;
    r.text = "The Committee appointed a Chair.";
    assert_ok(minutes_op(govern_ops_minutes_text, &res, f->s, &r));
    assert_string_equal(res.summary,
                        "Minutes of planning/2026-03-10: write the text of minute 1/25");

    struct govern_ops_meeting_change held = {
        .version = GOVERN_OPS_MEETING_CHANGE_VERSION, .meeting = later, .as_of = ymd(2026, 4, 14)};
    next_time();
    assert_ok(govern_ops_meeting_held(&res, f->s, &held));
    r.at = later;
    r.presiding = "Councillor Jones";
    r.as_of = ymd(2026, 4, 14);
    assert_ok(minutes_op(govern_ops_minutes_approve, &res, f->s, &r));
    assert_string_equal(res.summary,
                        "Approve the minutes of planning/2026-03-10 at planning/2026-04-14");
    struct govern_agenda *a = agenda(f->s, later);
    bool linked = false;
    for (size_t i = 0; i < a->n_items; i++)
        linked = linked || str_eq(a->items[i].minutes_of, first);
    assert_true(linked);
    govern_agenda_free(a);

    size_t commits = commit_count(f->s);
    r.add_title = "A correction";
    assert_err(minutes_op(govern_ops_minutes_add, &res, f->s, &r), GOVERN_EFROZEN, "never change");
    r.text = "Changed.";
    assert_err(minutes_op(govern_ops_minutes_text, &res, f->s, &r), GOVERN_EFROZEN, NULL);
    assert_int_equal(commit_count(f->s), commits);
    govern_ops_result_free(&res);
}

static void test_ops__minutes_rules_refuse_before_reading(void **state)
{
    struct fixture *f = *state;
    char id[160];
    new_meeting(f->s, ymd(2026, 3, 10), id);
    size_t commits = commit_count(f->s);
    struct govern_ops_result res = {0};
    struct govern_declaration d = {.member = "Councillor Smith",
                                   .minute = 1,
                                   .kind = GOVERN_INTEREST_PECUNIARY,
                                   .dispensation = "yes"};
    struct govern_ops_minutes r = {
        .version = GOVERN_OPS_MINUTES_VERSION, .meeting = id, .decl = &d};
    assert_err(minutes_op(govern_ops_minutes_declare, &res, f->s, &r), GOVERN_EINVAL,
               "rule interest");
    /* no minutes yet */
    d.dispensation = NULL;
    assert_err(minutes_op(govern_ops_minutes_declare, &res, f->s, &r), GOVERN_ENOTFOUND,
               "has no minutes yet");
    struct govern_vote v = {0};
    r.vote = &v;
    assert_err(minutes_op(govern_ops_minutes_vote, &res, f->s, &r), GOVERN_EUSAGE, "--for");
    assert_int_equal(commit_count(f->s), commits);
    govern_ops_result_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ops__meeting_new_then_agenda_add_with_report, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ops__agenda_position_move_and_remove, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ops__refused_requests_write_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ops__add_in_keeps_the_paragraph_guard, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ops__publish_short_notice_warns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ops__reschedule_moves_the_end_and_bumps_sequence,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_ops__minutes_draft_attend_text_approve, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ops__minutes_rules_refuse_before_reading, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
