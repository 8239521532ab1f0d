/*
 * Unit tests of core/public.c loading only what its caller asks for
 * (govern_public_model_opts): a model without minutes reads no minutes.md,
 * yet the view still answers for minutes exactly (the agenda's exempt flag
 * included), and a later call asking for minutes fills the model in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "helpers.h"

struct fixture {
    char root[64];
    struct govern_store *s;
    struct govern_snapshot *snap;
};

static void put(const char *root, const char *path, const char *text)
{
    char full[256], *slash;
    snprintf(full, sizeof(full), "%s/%s", root, path);
    for (slash = strchr(full + strlen(root) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(full, 0755);
        *slash = '/';
    }
    FILE *f = fopen(full, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static const char minutes_md[] =
    "---\nmeeting: audit/2020-01-16\nstatus: draft\nyear: 2019\npresent:\n- name: Cllr A\n"
    "items:\n- number: 1\n  title: Open business\n  agenda_item: 1\n"
    "- number: 2\n  title: A contract\n  agenda_item: 2\n"
    "- number: 3\n  title: Staffing\n  exempt: 1\n---\n\n"
    "## 1/19 Open business\n\nNoted.\n\n## 2/19 A contract\n\nAgreed.\n\n"
    "## 3/19 Staffing\n\nAgreed.\n";

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    strcpy(f->root, "/tmp/govern-unit-XXXXXX");
    if (!f || !mkdtemp(f->root))
        return -1;
    setenv("GOVERN_AUTHOR_NAME", "Test Clerk", 1);
    setenv("GOVERN_AUTHOR_EMAIL", "clerk@example.gov.uk", 1);
    if (govern_store_init(&f->s, f->root, "format: 1\nbody: Test Council\n", "Create"))
        return -1;
    put(f->root, "audit/committee.md",
        "---\nname: Audit\nmembers:\n- name: Cllr A\n  role: chair\n---\n");
    put(f->root, "audit/2020-01-16/meeting.md",
        "---\nuid: a@govern\ndate: 2020-01-16\nstatus: held\n---\n");
    put(f->root, "audit/2020-01-16/agenda.md",
        "---\npublished: 2020-01-01\nitems:\n- title: Open business\n"
        "- title: A contract\n  exempt: 3\n---\n");
    put(f->root, "audit/2020-01-16/minutes.md", minutes_md);
    if (govern_store_snapshot(&f->snap, f->s, NULL))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[128];
    govern_snapshot_free(f->snap);
    govern_store_free(f->s);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->root);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

/* The view on 1 February 2020 and its model, loaded without minutes. */
static struct govern_public *open_without_minutes(struct fixture *f, const struct govern_model **m)
{
    struct govern_public *p = NULL;
    struct govern_model_opts o = GOVERN_MODEL_OPTS_INIT;
    o.parts = GOVERN_MODEL_AGENDAS;
    assert_ok(govern_public_open(&p, f->snap, ymd(2020, 2, 1)));
    assert_ok(govern_public_model_opts(m, p, &o));
    return p;
}

static void test_public__a_model_without_minutes_still_answers_for_them(void **state)
{
    struct fixture *f = *state;
    const struct govern_model *m = NULL;
    struct govern_public *p = open_without_minutes(f, &m);
    int para = -5;
    assert_int_equal(m->n_meetings, 1);
    assert_null(m->minutes);
    assert_non_null(m->agendas[0]);
    /* asked about a minute, the view reads the minutes then */
    assert_false(govern_public_withheld(p, "audit/2020-01-16", "1", &para));
    assert_true(govern_public_withheld(p, "audit/2020-01-16", "2/19", &para));
    assert_int_equal(para, 3); /* the agenda item's flag, not the minute's */
    assert_true(govern_public_withheld(p, "audit/2020-01-16", "3", &para));
    assert_int_equal(para, 1);
    assert_true(govern_public_withheld(p, "audit/2020-01-16", "4", &para));
    /* asking for everything fills the same model in */
    const struct govern_model *full = NULL;
    assert_ok(govern_public_model(&full, p));
    assert_ptr_equal(full, m);
    assert_non_null(full->minutes);
    assert_non_null(full->minutes[0]);
    assert_int_equal(full->minutes[0]->items[1].exempt, 3);
    assert_null(full->minutes[0]->items[1].text);
    assert_non_null(full->minutes[0]->items[0].text);
    govern_public_free(p);
}

static void test_public__minutes_not_asked_for_are_not_read(void **state)
{
    struct fixture *f = *state;
    const struct govern_model *m = NULL;
    int para;
    /* broken minutes: a model without them does not notice */
    put(f->root, "audit/2020-01-16/minutes.md", "---\nmeeting: [\n");
    struct govern_public *p = open_without_minutes(f, &m);
    assert_non_null(m);
    assert_int_equal(govern_public_warnings(p)->count, 0);
    /* ... until a minute is asked about: then withheld, with a warning */
    assert_true(govern_public_withheld(p, "audit/2020-01-16", "1", &para));
    assert_int_equal(govern_public_warnings(p)->count, 1);
    assert_contains(govern_public_warnings(p)->items[0], "minutes.md");
    govern_public_free(p);
    put(f->root, "audit/2020-01-16/minutes.md", minutes_md);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_public__a_model_without_minutes_still_answers_for_them,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_public__minutes_not_asked_for_are_not_read, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("public", tests, NULL, NULL);
}
