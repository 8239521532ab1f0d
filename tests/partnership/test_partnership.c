/*
 * Unit tests of the partnership plugin: the rating matrix (seed 003's
 * footnote cell by cell, the Medium-Medium decision, 3x3 and 5x5 matrices
 * from govern.yaml and every way a configured matrix can be wrong), the risk
 * file (round trip, errors naming file and line, the public form of an
 * exempt risk), and the core's priorities file (round trip, ids, the
 * quarterly reports owed).
 */
#include <stdio.h>
#include <stdlib.h>
#include "helpers.h"
#include "partnership.h"

static int rating(const struct risk_matrix *m, const char *i, const char *p)
{
    return risk_rating_of(m, risk_level_find(m, i), risk_level_find(m, p));
}

static const char *rname(const struct risk_matrix *m, const char *i, const char *p)
{
    int r = rating(m, i, p);
    return r >= 0 ? m->rating_name[r] : "(none)";
}

/* Every cell of seed 003's footnote, and Medium-Medium. */
static void test_matrix__default_is_seed_003(void **state)
{
    struct risk_matrix m;
    risk_matrix_default(&m);
    assert_string_equal(rname(&m, "H", "H"), "Unacceptable");
    assert_string_equal(rname(&m, "H", "M"), "High");
    assert_string_equal(rname(&m, "H", "L"), "Medium");
    assert_string_equal(rname(&m, "M", "H"), "High");
    assert_string_equal(rname(&m, "M", "L"), "Medium");
    assert_string_equal(rname(&m, "L", "H"), "Medium");
    assert_string_equal(rname(&m, "L", "M"), "Medium");
    assert_string_equal(rname(&m, "L", "L"), "Low");
    assert_string_equal(rname(&m, "M", "M"), "Medium"); /* not in the footnote */
    assert_string_equal(rname(&m, "high", "Low"), "Medium"); /* names, any case */
    assert_int_equal(risk_level_find(&m, "X"), -1);
    assert_int_equal(risk_rating_of(&m, -1, 0), -1);
    assert_int_equal(risk_rating_of(&m, 3, 0), -1);
    assert_int_equal(risk_rating_find(&m, "u"), 3);
    assert_int_equal(risk_rating_find(&m, "Unacceptable"), 3);
    assert_int_equal(risk_rating_find(&m, "Severe"), -1);
    assert_int_equal(m.agenda_above, 0);
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(risk_matrix_text(&b, &m));
    assert_string_equal(b.ptr, "High High Unacceptable; High Medium High; High Low Medium; "
                               "Medium High High; Medium Medium Medium; Medium Low Medium; "
                               "Low High Medium; Low Medium Medium; Low Low Low");
    govern_buf_free(&b);
}

static int from_yaml(struct risk_matrix *m, const char *yaml)
{
    struct govern_config *cfg = NULL;
    int rc = govern_config_parse(&cfg, "govern.yaml", yaml, strlen(yaml));
    if (!rc)
        rc = risk_matrix_from_config(m, cfg);
    govern_config_free(cfg);
    return rc;
}

#define HEAD "format: 1\nbody: Test\nplugins:\n  partnership:\n"
#define LEVELS3 "    levels:\n      L: Low\n      M: Medium\n      H: High\n"
#define RATINGS3 "    ratings:\n      G: Green\n      A: Amber\n      R: Red\n"

static void test_matrix__config_3x3(void **state)
{
    struct risk_matrix m;
    assert_ok(from_yaml(&m, HEAD LEVELS3 RATINGS3 "    matrix:\n"
                                                 "      L: {L: G, M: G, H: A}\n"
                                                 "      M: {L: G, M: A, H: R}\n"
                                                 "      H: {L: A, M: R, H: R}\n"
                                                 "    risk_log_above: Amber\n"));
    assert_int_equal(m.n_levels, 3);
    assert_int_equal(m.n_ratings, 3);
    assert_string_equal(rname(&m, "M", "M"), "Amber");
    assert_string_equal(rname(&m, "H", "H"), "Red");
    assert_int_equal(m.agenda_above, 1);
    /* no section, or only the threshold: the default matrix */
    assert_ok(from_yaml(&m, "format: 1\nbody: Test\n"));
    assert_string_equal(rname(&m, "M", "M"), "Medium");
    assert_ok(from_yaml(&m, HEAD "    risk_log_above: High\n"));
    assert_int_equal(m.agenda_above, 2);
}

static void test_matrix__config_5x5(void **state)
{
    struct risk_matrix m;
    assert_ok(from_yaml(&m, HEAD "    levels: {1: Rare, 2: Unlikely, 3: Possible, 4: Likely, "
                                 "5: Almost certain}\n"
                                 "    ratings: {L: Low, M: Medium, H: High, E: Extreme}\n"
                                 "    matrix:\n"
                                 "      1: {1: L, 2: L, 3: L, 4: M, 5: M}\n"
                                 "      2: {1: L, 2: L, 3: M, 4: M, 5: H}\n"
                                 "      3: {1: L, 2: M, 3: M, 4: H, 5: H}\n"
                                 "      4: {1: M, 2: M, 3: H, 4: H, 5: E}\n"
                                 "      5: {1: M, 2: H, 3: H, 4: E, 5: E}\n"));
    assert_int_equal(m.n_levels, 5);
    assert_string_equal(rname(&m, "5", "5"), "Extreme");
    assert_string_equal(rname(&m, "Likely", "rare"), "Medium");
    assert_string_equal(rname(&m, "3", "3"), "Medium");
}

/* Every way a configured matrix can be wrong, each naming govern.yaml and
 * its line. */
static void test_matrix__config_errors(void **state)
{
    struct risk_matrix m;
    assert_err(from_yaml(&m, HEAD "    levels: {L: Low, H: High}\n" RATINGS3
                                  "    matrix: {L: {L: G, H: A}, H: {L: A, H: R}}\n"),
               GOVERN_EINVAL, "govern.yaml:5: plugins.partnership.levels: a map of 3 or 5");
    assert_err(from_yaml(&m, HEAD LEVELS3 RATINGS3 "    matrix:\n"
                                                  "      L: {L: G, M: G, H: A}\n"
                                                  "      M: {L: G, M: A}\n"
                                                  "      H: {L: A, M: R, H: R}\n"),
               GOVERN_EINVAL, "govern.yaml:15: plugins.partnership.matrix: impact 'M' must map");
    assert_err(from_yaml(&m, HEAD LEVELS3 RATINGS3 "    matrix:\n"
                                                  "      L: {L: G, M: G, H: A}\n"
                                                  "      M: {L: G, M: X, H: R}\n"
                                                  "      H: {L: A, M: R, H: R}\n"),
               GOVERN_EINVAL, "impact 'M', probability 'M': not one of the ratings");
    assert_err(from_yaml(&m, HEAD LEVELS3 RATINGS3 "    matrix:\n"
                                                  "      L: {L: G, M: G, H: A}\n"
                                                  "      Q: {L: G, M: A, H: R}\n"
                                                  "      H: {L: A, M: R, H: R}\n"),
               GOVERN_EINVAL, "'Q' is not a impact level");
    assert_err(from_yaml(&m, HEAD LEVELS3 RATINGS3 "    matrix:\n"
                                                  "      L: {L: G, M: G, H: A}\n"
                                                  "      L: {L: G, M: A, H: R}\n"
                                                  "      H: {L: A, M: R, H: R}\n"),
               GOVERN_EINVAL, "duplicate key 'L'");
    /* a rating that falls as impact rises */
    assert_err(from_yaml(&m, HEAD LEVELS3 RATINGS3 "    matrix:\n"
                                                  "      L: {L: G, M: A, H: A}\n"
                                                  "      M: {L: G, M: G, H: R}\n"
                                                  "      H: {L: A, M: R, H: R}\n"),
               GOVERN_EINVAL, "impact 'M', probability 'M' is rated Green, lower than impact 'L'");
    assert_err(from_yaml(&m, HEAD LEVELS3 RATINGS3), GOVERN_EINVAL,
               "a matrix needs all of 'levels', 'ratings' and 'matrix'");
    assert_err(from_yaml(&m, HEAD "    risk_log_above: Severe\n"), GOVERN_EINVAL,
               "risk_log_above: not one of the ratings");
    assert_err(from_yaml(&m, HEAD "    colour: red\n"), GOVERN_EINVAL, "unknown field 'colour'");
    assert_err(from_yaml(&m, HEAD LEVELS3 "    ratings: {G: Green, A: Green}\n"
                                          "    matrix: {}\n"),
               GOVERN_EINVAL, "'A' is listed twice");
    assert_err(from_yaml(&m, "format: 1\nbody: Test\nplugins:\n  partnership: [1]\n"),
               GOVERN_EINVAL, "plugins.partnership must be a map");
}

static const char risk_md[] = "---\n"
                              "id: CSG-R-002\n"
                              "committee: csg\n"
                              "impact: H\n"
                              "probability: M\n"
                              "owner: Community Safety Manager\n"
                              "counter: Weekly review\n"
                              "priority: csg-2021-23/1\n"
                              "exempt: 3\n"
                              "state: In place\n"
                              "status: open\n"
                              "created: 2021-01-04\n"
                              "updated: 2021-02-01\n"
                              "log:\n"
                              "- date: 2021-01-04\n"
                              "  by: A Clerk\n"
                              "  impact: H\n"
                              "  probability: L\n"
                              "  rating: Medium\n"
                              "- date: 2021-02-01\n"
                              "  by: A Clerk\n"
                              "  impact: H\n"
                              "  probability: M\n"
                              "  rating: High\n"
                              "  state: In place\n"
                              "---\n"
                              "\n"
                              "Contract with the CCTV provider.\n";

static void test_risk__round_trip_and_public_form(void **state)
{
    struct risk_matrix m;
    struct risk *r = NULL, *p = NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    risk_matrix_default(&m);
    assert_ok(risk_parse(&r, "risks/CSG-R-002.md", risk_md, strlen(risk_md), &m));
    assert_int_equal(r->rating, 2); /* High, read from the matrix */
    assert_int_equal(r->n_log, 2);
    assert_string_equal(r->log[0].rating, "Medium");
    assert_ok(risk_serialize(&b, r));
    assert_string_equal(b.ptr, risk_md);
    assert_ok(risk_public(&p, r));
    assert_string_equal(p->id, "CSG-R-002");
    assert_int_equal(p->rating, 2);
    assert_null(p->owner);
    assert_null(p->counter);
    assert_null(p->impact);
    assert_null(p->state);
    assert_null(p->priority);
    assert_int_equal(p->n_log, 0);
    assert_contains(p->text, "paragraph 3 of Part 1 of Schedule 12A");
    assert_null(strstr(p->text, "CCTV"));
    govern_buf_free(&b);
    risk_free(r);
    risk_free(p);
}

static void risk_fails(const char *from, const char *to, const char *needle)
{
    struct risk_matrix m;
    struct risk *r = NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    const char *at = strstr(risk_md, from);
    risk_matrix_default(&m);
    assert_non_null(at);
    govern_buf_put(&b, risk_md, (size_t)(at - risk_md));
    govern_buf_puts(&b, to);
    govern_buf_puts(&b, at + strlen(from));
    assert_err(risk_parse(&r, "risks/CSG-R-002.md", b.ptr, b.len, &m), GOVERN_EINVAL, needle);
    assert_null(r);
    govern_buf_free(&b);
}

static void test_risk__errors(void **state)
{
    risk_fails("impact: H\nprobability", "impact: X\nprobability",
               "risks/CSG-R-002.md:4: field 'impact' must be one of the matrix's levels");
    risk_fails("probability: M\n", "", "a risk has both 'impact' and 'probability', or neither");
    risk_fails("status: open", "status: shut", ":11: field 'status' must be open or closed");
    risk_fails("exempt: 3", "exempt: 8", ":9: field 'exempt' must be a whole number from 1 to 7");
    risk_fails("id: CSG-R-002", "id: CSG-R-003", "the risk CSG-R-003 must be in risks/CSG-R-003.md");
    risk_fails("id: CSG-R-002", "id: CSG-2021-002", "not a risk id");
    risk_fails("- date: 2021-02-01", "- date: 2020-12-01", "must not go back in time");
    risk_fails("owner: Community Safety Manager", "owner: \"Two\\nlines\"",
               "field 'owner' must be on one line");
    risk_fails("Contract with the CCTV provider.\n", "", "the risk has no description");
    risk_fails("state: In place\n", "colour: red\n", "unknown field 'colour'");
    assert_true(risk_id_valid("HCSSG-R-001"));
    assert_true(risk_id_valid("POLICY-RESOURCES-R-1234"));
    assert_false(risk_id_valid("HCSSG-R-01"));
    assert_false(risk_id_valid("hcssg-R-001"));
    assert_false(risk_id_valid("-R-001"));
    assert_false(risk_id_valid("../R-001"));
}

static const char prio_md[] = "---\n"
                              "committee: csg\n"
                              "period: 2021-23\n"
                              "from: 2021-12-20\n"
                              "to: 2023-12-31\n"
                              "agreed: csg/2021-12-20\n"
                              "until: 2022-Q3\n"
                              "areas_of_focus:\n"
                              "- Trauma informed approaches\n"
                              "priorities:\n"
                              "- number: 1\n"
                              "  title: Exploitation and serious violence\n"
                              "  co_sponsors:\n"
                              "  - name: Chief Superintendent\n"
                              "    organisation: Hampshire Constabulary\n"
                              "  - name: Director of Public Health\n"
                              "  focus:\n"
                              "  - county lines\n"
                              "  reports:\n"
                              "  - quarter: 2022-Q1\n"
                              "    received: csg/2022-03-21\n"
                              "  - quarter: 2022-Q2\n"
                              "    due: 2022-07-15\n"
                              "- number: 2\n"
                              "  title: Violence against women and girls\n"
                              "---\n"
                              "\n"
                              "Notes.\n";

static void test_priorities__round_trip_and_reports_owed(void **state)
{
    struct govern_priority_set *s = NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_priority_set_parse(&s, "csg-2021-23", prio_md, strlen(prio_md)));
    assert_int_equal(s->count, 2);
    assert_string_equal(s->items[0].id, "csg-2021-23/1");
    assert_string_equal(s->items[0].co_sponsors[0].organisation, "Hampshire Constabulary");
    assert_null(s->items[0].co_sponsors[1].organisation);
    assert_ok(govern_priority_set_serialize(&b, s));
    assert_string_equal(b.ptr, prio_md);
    struct govern_report_due *r = NULL;
    size_t n = 0;
    /* whole quarters from 2021-12-20: 2022-Q1 first; until 2022-Q3 */
    assert_ok(govern_priority_reports_owed(&r, &n, s, &s->items[0]));
    assert_int_equal(n, 3);
    assert_int_equal(r[0].year, 2022);
    assert_int_equal(r[0].quarter, 1);
    assert_non_null(r[0].entry);
    char d[11];
    govern_date_format(d, r[1].due);
    assert_string_equal(d, "2022-07-15"); /* the entry's own due date */
    govern_date_format(d, r[2].due);
    assert_string_equal(d, "2022-09-30"); /* the quarter's last day */
    assert_null(r[2].entry);
    free(r);
    struct govern_priority_sets sets = {&s, 1};
    assert_non_null(govern_priority_find(&sets, "csg-2021-23/2", NULL));
    assert_null(govern_priority_find(&sets, "csg-2021-23/3", NULL));
    govern_buf_free(&b);
    govern_priority_set_free(s);
}

static void prio_fails(const char *id, const char *from, const char *to, const char *needle)
{
    struct govern_priority_set *s = NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    const char *at = strstr(prio_md, from);
    assert_non_null(at);
    govern_buf_put(&b, prio_md, (size_t)(at - prio_md));
    govern_buf_puts(&b, to);
    govern_buf_puts(&b, at + strlen(from));
    assert_err(govern_priority_set_parse(&s, id, b.ptr, b.len), GOVERN_EINVAL, needle);
    assert_null(s);
    govern_buf_free(&b);
}

static void test_priorities__errors(void **state)
{
    prio_fails("csg-2021-22", "period", "period", "must be priorities/csg-2021-23.md");
    prio_fails("csg-2021-23", "until: 2022-Q3", "until: 2022-Q5",
               "priorities/csg-2021-23.md:7: field 'until': '2022-Q5' is not a quarter");
    prio_fails("csg-2021-23", "to: 2023-12-31", "to: 2020-12-31", "field 'to' is before");
    prio_fails("csg-2021-23", "- number: 2", "- number: 1", "priority number 1 is used twice");
    prio_fails("csg-2021-23", "  - quarter: 2022-Q2", "  - quarter: 2022-Q1",
               "the report for 2022-Q1 is listed twice");
    prio_fails("csg-2021-23", "received: csg/2022-03-21", "received: 2022-03-21",
               "field 'received'");
    prio_fails("csg-2021-23", "  title: Violence against women and girls\n", "",
               "missing field 'title'");
    int y, q;
    assert_err(govern_quarter_parse(&y, &q, "2022-Q0"), GOVERN_EINVAL, "not a quarter");
    assert_err(govern_quarter_parse(&y, &q, "22-Q1"), GOVERN_EINVAL, "not a quarter");
    assert_ok(govern_quarter_parse(&y, &q, "2023-Q4"));
    assert_int_equal(y * 10 + q, 20234);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matrix__default_is_seed_003),
        cmocka_unit_test(test_matrix__config_3x3),
        cmocka_unit_test(test_matrix__config_5x5),
        cmocka_unit_test(test_matrix__config_errors),
        cmocka_unit_test(test_risk__round_trip_and_public_form),
        cmocka_unit_test(test_risk__errors),
        cmocka_unit_test(test_priorities__round_trip_and_reports_owed),
        cmocka_unit_test(test_priorities__errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
