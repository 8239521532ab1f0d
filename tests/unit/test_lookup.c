/*
 * Unit tests of the model's indexes (core/model_priv.h): the year index
 * answers what govern_municipal_year_start answers, and the lookups of
 * `govern check`'s minutes rules grow linearly with the store, proved by
 * counting lookup steps (govern_lookup_steps) on a store of n meetings and
 * one of 4n, not by timing them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "core/model_priv.h"

static const char *const slugs[] = {"alpha", "beta", "gamma"};
#define N_COMMITTEES 3
#define MONTHS 10 /* meetings a year: May to February */

/* The id of committee c's meeting in month k (0 = May) of municipal year y. */
static void meeting_id(char *out, size_t n, int c, int y, int k)
{
    int month = 5 + k, year = y;
    if (month > 12) {
        month -= 12;
        year++;
    }
    snprintf(out, n, "%s/%04d-%02d-%02d", slugs[c], year, month, 10 + c);
}

static struct govern_meeting *meeting(int c, int y, int k)
{
    char id[64], text[400];
    meeting_id(id, sizeof(id), c, y, k);
    snprintf(text, sizeof(text), "---\nuid: %d-%d-%d@govern\ndate: %s\nstatus: held\n%s---\n", c, y,
             k, strchr(id, '/') + 1, k == 0 ? "annual: true\n" : "");
    struct govern_meeting *m = NULL;
    assert_ok(govern_meeting_parse(&m, id, text, strlen(text)));
    return m;
}

/* Minutes numbered on through the year, approved at the next meeting. */
static struct govern_minutes *minutes(int c, int y, int k, int years)
{
    char id[64], next[64], text[800], approved[200] = "";
    meeting_id(id, sizeof(id), c, y, k);
    bool last = y == 2000 + years - 1 && k == MONTHS - 1;
    if (!last) {
        meeting_id(next, sizeof(next), c, k + 1 < MONTHS ? y : y + 1, (k + 1) % MONTHS);
        snprintf(approved, sizeof(approved),
                 "approved:\n  at: %s\n  date: %s\n  presiding: Councillor A\n", next,
                 strchr(next, '/') + 1);
    }
    snprintf(text, sizeof(text),
             "---\nmeeting: %s\nstatus: %s\nyear: %d\npresent:\n- name: Councillor A\n"
             "%sitems:\n- number: %d\n  title: Business\n- number: %d\n  title: More\n---\n\n"
             "## %d/%02d Business\n\nNoted.\n\n## %d/%02d More\n\nNoted.\n",
             id, last ? "draft" : "approved", y, approved, 2 * k + 1, 2 * k + 2, 2 * k + 1, y % 100,
             2 * k + 2, y % 100);
    struct govern_minutes *mn = NULL;
    assert_ok(govern_minutes_parse(&mn, id, text, strlen(text)));
    return mn;
}

/* A model of three committees meeting monthly for `years` years from
 * 2000, every meeting with minutes. */
static struct govern_model *model(int years)
{
    struct govern_model *m = calloc(1, sizeof(*m));
    size_t n = (size_t)N_COMMITTEES * MONTHS * years, i = 0;
    assert_non_null(m);
    assert_ok(govern_config_new(&m->config, "Test Council", "Europe/London"));
    m->committees = calloc(N_COMMITTEES, sizeof(*m->committees));
    m->meetings = calloc(n, sizeof(*m->meetings));
    m->agendas = calloc(n, sizeof(*m->agendas));
    m->minutes = calloc(n, sizeof(*m->minutes));
    for (int c = 0; c < N_COMMITTEES; c++) {
        char text[200];
        snprintf(text, sizeof(text),
                 "---\nname: Committee %d\nkind: committee\nmembers:\n- name: Councillor A\n  "
                 "role: chair\n---\n",
                 c);
        assert_ok(govern_committee_parse(&m->committees[c], slugs[c], text, strlen(text)));
    }
    m->n_committees = N_COMMITTEES;
    for (int y = 2000; y < 2000 + years; y++)
        for (int k = 0; k < MONTHS; k++)
            for (int c = 0; c < N_COMMITTEES; c++, i++) {
                m->meetings[i] = meeting(c, y, k);
                m->minutes[i] = minutes(c, y, k, years);
            }
    m->n_meetings = n;
    assert_ok(govern_model_index(m));
    return m;
}

/* Steps the minutes rules take on a store of `years` years. */
static unsigned long steps_of_check(int years)
{
    struct govern_model *m = model(years);
    struct govern_diags d = {0};
    govern_lookup_steps = 0;
    assert_ok(govern_check_minutes(&d, m, NULL, NULL, ymd(2200, 1, 1)));
    unsigned long steps = govern_lookup_steps;
    for (size_t i = 0; i < d.count; i++)
        if (!strcmp(d.items[i].rule, "minutes") || !strcmp(d.items[i].rule, "approval"))
            fail_msg("%s:%d: %s", d.items[i].path, d.items[i].line, d.items[i].message);
    govern_diags_free(&d);
    govern_model_free(m);
    return steps;
}

static void test_lookup__check_minutes_is_linear_in_the_store(void **state)
{
    (void)state;
    unsigned long small = steps_of_check(5), large = steps_of_check(20);
    assert_true(small > 0);
    /* four times the meetings: at most 4.5 times the steps (a search per
     * meeting over all of them would be 16 times) */
    if (large * 2 > small * 9)
        fail_msg("%lu steps for 5 years, %lu for 20: not linear", small, large);
}

static void test_lookup__year_index_agrees_with_the_scan(void **state)
{
    (void)state;
    struct govern_model *m = model(4);
    /* a second annual meeting moved early, and one cancelled: the earliest
     * that is not cancelled starts the year */
    m->meetings[3 * MONTHS]->status = GOVERN_STATUS_CANCELLED;
    m->meetings[3 * MONTHS + 4]->annual = true;
    m->meetings[2 * 3 * MONTHS + 1]->annual = true;
    struct govern_year_index *ix = NULL;
    assert_ok(govern_year_index_build(&ix, m->config, m->meetings, m->n_meetings));
    for (size_t i = 0; i < m->n_meetings; i++)
        for (int shift = -400; shift <= 400; shift += 37) {
            const struct govern_meeting *mt = m->meetings[i];
            int l1 = 0, l2 = 0;
            govern_date d = mt->date + shift;
            govern_date a = govern_municipal_year_start(&l1, m->config, m->meetings, m->n_meetings,
                                                        mt->committee, d);
            govern_date b = govern_year_index_start(&l2, ix, mt->committee, d);
            assert_int_equal(a, b);
            assert_int_equal(l1, l2);
        }
    assert_int_equal(govern_year_index_start(NULL, ix, "nobody", ymd(2001, 6, 1)),
                     govern_config_year_start(m->config, ymd(2001, 6, 1)));
    govern_year_index_free(ix);
    govern_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup__check_minutes_is_linear_in_the_store),
        cmocka_unit_test(test_lookup__year_index_agrees_with_the_scan),
    };
    return cmocka_run_group_tests_name("lookup", tests, NULL, NULL);
}
