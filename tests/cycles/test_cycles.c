/*
 * Unit tests of the reporting-cycles plugin: the cycle file (parse <->
 * serialise, errors naming file and line, unknown fields), due rules and
 * period labels, and the schedule over a hand-built model: due dates from
 * the first meeting of a body in a month (and the fallback), the window
 * that decides which period a fulfilment counts for, and every status at
 * its boundaries.
 */
#include <stdio.h>
#include <stdlib.h>
#include "helpers.h"
#include "cycles.h"

static const char cycle_md[] = "---\n"
                               "name: Annual report of the HCSSG to Cabinet\n"
                               "owner: hcssg\n"
                               "to: cabinet\n"
                               "period: annual\n"
                               "due: first meeting of cabinet in December\n"
                               "basis: Cabinet decision (c)\n"
                               "statutory: crime-and-disorder\n"
                               "review_of: snh-csp\n"
                               "since: 2019\n"
                               "until: 2030\n"
                               "---\n"
                               "\n"
                               "Notes.\n"
                               "\n"
                               "## Report template\n"
                               "\n"
                               "### Purpose\n";

static void test_cycles_file__round_trip(void **state)
{
    struct cycle *c = NULL;
    struct govern_buf out = GOVERN_BUF_INIT;
    assert_ok(cycle_parse(&c, "hcssg-cabinet-report", cycle_md, strlen(cycle_md)));
    assert_string_equal(c->name, "Annual report of the HCSSG to Cabinet");
    assert_string_equal(c->owner, "hcssg");
    assert_int_equal(c->kind, CYCLE_ANNUAL);
    assert_int_equal(c->due.month, 12);
    assert_string_equal(c->due.body, "cabinet");
    assert_int_equal(c->since, 2019);
    assert_int_equal(c->until, 2030);
    assert_string_equal(c->path, "cycles/hcssg-cabinet-report.md");
    assert_string_equal(cycle_template(c), "### Purpose\n");
    assert_ok(cycle_serialize(&out, c));
    assert_string_equal(out.ptr, cycle_md);
    govern_buf_free(&out);
    cycle_free(c);
}

static void fails(const char *from, const char *to, const char *needle)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    const char *p = strstr(cycle_md, from);
    assert_non_null(p);
    govern_buf_put(&b, cycle_md, (size_t)(p - cycle_md));
    govern_buf_puts(&b, to);
    govern_buf_puts(&b, p + strlen(from));
    struct cycle *c = NULL;
    assert_err(cycle_parse(&c, "x", b.ptr, b.len), GOVERN_EINVAL, needle);
    assert_null(c);
    govern_buf_free(&b);
}

static void test_cycles_file__errors_name_file_and_line(void **state)
{
    fails("owner: hcssg\n", "owner: hcssg\nvenue: x\n", "cycles/x.md:4: unknown field 'venue'");
    fails("period: annual", "period: weekly", "cycles/x.md:5: unknown period 'weekly'");
    fails("cabinet in December", "cabinet in Decembr", "cycles/x.md:6: due rule");
    fails("due: first meeting of cabinet in December", "due: 02-30", "cycles/x.md:6:");
    fails("due: first meeting of cabinet in December", "due: 02-29", "02-29");
    fails("due: first meeting of cabinet in December", "due: first meeting of ../x in May",
          "cycles/x.md:6:");
    fails("since: 2019", "since: 2019-H1", "cycles/x.md:10: field 'since'");
    fails("until: 2030", "until: 2018", "cycles/x.md:11: 'until' is before 'since'");
    fails("statutory: crime-and-disorder", "statutory: health", "cycles/x.md:8:");
    fails("statutory: crime-and-disorder\n", "", "needs 'statutory");
    fails("name: Annual report of the HCSSG to Cabinet\n", "", "missing field 'name'");
    fails("to: cabinet", "to: Cabinet Office", "cycles/x.md:4: field 'to'");
    struct cycle *c = NULL;
    assert_err(cycle_parse(&c, "review-2021", cycle_md, strlen(cycle_md)), GOVERN_EINVAL,
               "may not end like a period");
    assert_err(cycle_parse(&c, "review-2021-h2", cycle_md, strlen(cycle_md)), GOVERN_EINVAL,
               "may not end like a period");
}

static void test_cycles_rules__due_and_periods(void **state)
{
    struct cycle_due d;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(cycle_due_parse(&d, "12-01"));
    assert_int_equal(d.month, 12);
    assert_int_equal(d.day, 1);
    assert_null(d.body);
    assert_ok(cycle_due_parse(&d, "FIRST meeting of cdjsc in september"));
    assert_ok(cycle_due_format(&b, &d));
    assert_string_equal(b.ptr, "first meeting of cdjsc in September");
    free(d.body);
    assert_err(cycle_due_parse(&d, "13-01"), GOVERN_EINVAL, "not a day of every year");
    assert_err(cycle_due_parse(&d, "1-01"), GOVERN_EINVAL, "neither");
    assert_err(cycle_due_parse(&d, "first meeting of cdjsc in Sept"), GOVERN_EINVAL,
               "'Sept' is not a month");
    assert_err(cycle_due_parse(&d, "last meeting of cdjsc in September"), GOVERN_EINVAL, "neither");
    int s;
    char label[16];
    assert_ok(cycle_period_parse(&s, "2021-h2", CYCLE_SIX_MONTHLY));
    cycle_period_label(label, s, CYCLE_SIX_MONTHLY);
    assert_string_equal(label, "2021-H2");
    assert_ok(cycle_period_parse(&s, "2021-Q4", CYCLE_QUARTERLY));
    cycle_period_label(label, s, CYCLE_QUARTERLY);
    assert_string_equal(label, "2021-Q4");
    assert_err(cycle_period_parse(&s, "2021-Q5", CYCLE_QUARTERLY), GOVERN_EINVAL, "2021-Q5");
    assert_err(cycle_period_parse(&s, "2021-H1", CYCLE_ANNUAL), GOVERN_EINVAL, "annual");
    govern_buf_free(&b);
}

/* ------------------------------------------------------ the schedule */

struct fixture {
    struct govern_model m;
    struct cycle *c;
};

static void add_meeting(struct fixture *f, const char *id, const char *date, const char *status,
                        const char *fulfils)
{
    char text[512];
    snprintf(text, sizeof(text), "---\nuid: u%zu@govern\ndate: %s\nstatus: %s\n%s---\n",
             f->m.n_meetings, date, status, strcmp(status, "cancelled") ? "" : "reason: storm\n");
    size_t n = f->m.n_meetings + 1;
    f->m.meetings = realloc(f->m.meetings, n * sizeof(*f->m.meetings));
    f->m.agendas = realloc(f->m.agendas, n * sizeof(*f->m.agendas));
    assert_ok(govern_meeting_parse(&f->m.meetings[n - 1], id, text, strlen(text)));
    f->m.agendas[n - 1] = NULL;
    if (fulfils) {
        snprintf(text, sizeof(text),
                 "---\nitems:\n- title: Apologies\n  standard: apologies\n- title: Annual "
                 "report\n  fulfils: %s\n---\n",
                 fulfils);
        assert_ok(govern_agenda_parse(&f->m.agendas[n - 1], id, text, strlen(text)));
    }
    f->m.n_meetings = n;
}

static void fixture_cycle(struct fixture *f, const char *due, const char *period)
{
    char text[512];
    snprintf(text, sizeof(text),
             "---\nname: R\nowner: hcssg\nto: cabinet\nperiod: %s\ndue: %s\n---\n", period, due);
    assert_ok(cycle_parse(&f->c, "report", text, strlen(text)));
}

static void fixture_free(struct fixture *f)
{
    for (size_t i = 0; i < f->m.n_meetings; i++) {
        govern_meeting_free(f->m.meetings[i]);
        govern_agenda_free(f->m.agendas[i]);
    }
    free(f->m.meetings);
    free(f->m.agendas);
    cycle_free(f->c);
}

static govern_date D(const char *s)
{
    govern_date d;
    assert_ok(govern_date_parse(&d, s));
    return d;
}

static void test_cycles_schedule__first_meeting_and_fallback(void **state)
{
    struct fixture f = {0};
    fixture_cycle(&f, "first meeting of cabinet in December", "annual");
    add_meeting(&f, "cabinet/2021-12-03", "2021-12-03", "cancelled", NULL);
    add_meeting(&f, "hcssg/2021-12-04", "2021-12-04", "held", NULL);
    add_meeting(&f, "cabinet/2021-12-07", "2021-12-07", "held", "report");
    govern_date due;
    enum cycle_due_source src;
    long mt;
    cycle_due_date(&due, &src, &mt, f.c, &f.m, 2021);
    assert_int_equal(due, D("2021-12-07")); /* the cancelled and other bodies' do not count */
    assert_int_equal(src, CYCLE_DUE_MEETING);
    assert_int_equal(mt, 2);
    cycle_due_date(&due, &src, &mt, f.c, &f.m, 2022);
    assert_int_equal(due, D("2022-12-01"));
    assert_int_equal(src, CYCLE_DUE_FALLBACK);
    assert_int_equal(mt, -1);
    fixture_free(&f);
}

static void test_cycles_schedule__six_monthly_and_quarterly_months(void **state)
{
    struct fixture f = {0};
    fixture_cycle(&f, "08-31", "six-monthly");
    govern_date due;
    enum cycle_due_source src;
    long mt;
    cycle_due_date(&due, &src, &mt, f.c, &f.m, 2024 * 2 + 0);
    assert_int_equal(due, D("2024-02-29")); /* day kept within the month */
    cycle_due_date(&due, &src, &mt, f.c, &f.m, 2024 * 2 + 1);
    assert_int_equal(due, D("2024-08-31"));
    cycle_free(f.c);
    fixture_cycle(&f, "11-15", "quarterly");
    cycle_due_date(&due, &src, &mt, f.c, &f.m, 2024 * 4 + 0);
    assert_int_equal(due, D("2024-02-15"));
    cycle_due_date(&due, &src, &mt, f.c, &f.m, 2024 * 4 + 3);
    assert_int_equal(due, D("2024-11-15"));
    fixture_free(&f);
}

/* Due 12-01 each year: 2020-12-01 and 2021-12-01 are 365 days apart, so the
 * 2021 window starts at 2020-12-01 + 183 = 2021-06-02 (182 days before
 * 2021-12-01, one less than after 2020-12-01). */
static void test_cycles_schedule__nearest_due_date(void **state)
{
    struct fixture f = {0};
    fixture_cycle(&f, "12-01", "annual");
    assert_int_equal(cycle_period_at(f.c, &f.m, D("2021-06-01")), 2020);
    assert_int_equal(cycle_period_at(f.c, &f.m, D("2021-06-02")), 2021);
    assert_int_equal(cycle_period_at(f.c, &f.m, D("2021-12-01")), 2021);
    assert_int_equal(cycle_period_at(f.c, &f.m, D("2022-01-15")), 2021);
    struct cycle_period p;
    cycle_period_compute(&p, f.c, &f.m, 2021, D("2021-01-01"));
    assert_int_equal(p.start, D("2021-06-02"));
    assert_int_equal(p.end, D("2022-06-01"));
    fixture_free(&f);
}

static enum cycle_state state_on(struct fixture *f, int serial, const char *as_of)
{
    struct cycle_period p;
    cycle_period_compute(&p, f->c, &f->m, serial, D(as_of));
    return p.state;
}

static void test_cycles_schedule__status_boundaries(void **state)
{
    struct fixture f = {0};
    fixture_cycle(&f, "12-01", "annual");
    assert_int_equal(state_on(&f, 2021, "2021-11-02"), CYCLE_NOT_DUE);  /* 29 days before */
    assert_int_equal(state_on(&f, 2021, "2021-11-03"), CYCLE_DUE_SOON); /* 28 days before */
    assert_int_equal(state_on(&f, 2021, "2021-12-01"), CYCLE_DUE_SOON); /* due today */
    assert_int_equal(state_on(&f, 2021, "2021-12-02"), CYCLE_OVERDUE);
    assert_int_equal(state_on(&f, 2021, "2022-06-01"), CYCLE_OVERDUE); /* last day of window */
    assert_int_equal(state_on(&f, 2021, "2022-06-02"), CYCLE_MISSED);
    add_meeting(&f, "cabinet/2021-12-01", "2021-12-01", "held", "report");
    add_meeting(&f, "cabinet/2023-01-10", "2023-01-10", "held", "report");
    add_meeting(&f, "cabinet/2024-11-20", "2024-11-20", "scheduled", "report");
    add_meeting(&f, "cabinet/2025-11-20", "2025-11-20", "cancelled", "report");
    add_meeting(&f, "cabinet/2026-03-01", "2026-03-01", "held", "report-2025");
    assert_int_equal(state_on(&f, 2021, "2021-12-01"), CYCLE_ON_TIME);
    assert_int_equal(state_on(&f, 2022, "2023-02-01"), CYCLE_LATE);
    /* planned on a scheduled meeting still to come: not fulfilled yet */
    struct cycle_period p;
    cycle_period_compute(&p, f.c, &f.m, 2024, D("2024-11-05"));
    assert_int_equal(p.state, CYCLE_DUE_SOON);
    assert_int_equal(p.planned.meeting, 2);
    assert_int_equal(p.fulfilled.meeting, -1);
    assert_int_equal(state_on(&f, 2024, "2024-11-20"), CYCLE_ON_TIME);
    /* a cancelled meeting fulfils nothing; an explicit period counts however far */
    cycle_period_compute(&p, f.c, &f.m, 2025, D("2026-12-31"));
    assert_int_equal(p.state, CYCLE_LATE);
    assert_int_equal(p.fulfilled.meeting, 4);
    assert_true(p.fulfilled.explicit_period);
    assert_int_equal(state_on(&f, 2023, "2024-11-01"), CYCLE_MISSED);
    assert_int_equal(cycle_first_period(f.c, &f.m, D("2026-12-31")), 2021);
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cycles_file__round_trip),
        cmocka_unit_test(test_cycles_file__errors_name_file_and_line),
        cmocka_unit_test(test_cycles_rules__due_and_periods),
        cmocka_unit_test(test_cycles_schedule__first_meeting_and_fallback),
        cmocka_unit_test(test_cycles_schedule__six_monthly_and_quarterly_months),
        cmocka_unit_test(test_cycles_schedule__nearest_due_date),
        cmocka_unit_test(test_cycles_schedule__status_boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
