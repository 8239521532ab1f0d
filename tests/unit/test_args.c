/*
 * Unit tests of core/args.c: the table-driven option parser every command
 * uses (--name VALUE, --name=VALUE, -x VALUE, flags, repeatable options,
 * "--", subcommands), with usage errors as GOVERN_EUSAGE.
 */
#include <stdlib.h>
#include "helpers.h"

static const struct govern_opt spec[] = {
    {"committee", 'c', GOVERN_OPT_VALUE, "SLUG", "the committee"},
    {"from", 0, GOVERN_OPT_VALUE, "DATE", "first date"},
    {"json", 0, GOVERN_OPT_FLAG, NULL, "JSON output"},
    {"verbose", 'v', GOVERN_OPT_FLAG, NULL, "say more"},
    {"member", 'm', GOVERN_OPT_MULTI, "NAME", "a member"},
    {NULL, 0, 0, NULL, NULL},
};

/* Parses a NULL-terminated list of arguments. */
static int parse(struct govern_args *a, const char *const *argv)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    return govern_args_parse(a, spec, argc, (char **)argv);
}

static void test_args__value_forms(void **state)
{
    (void)state;
    struct govern_args a;
    const char *const v1[] = {"--committee=csg", "--from", "2021-03-01", NULL};
    assert_ok(parse(&a, v1));
    assert_string_equal(govern_args_get(&a, "committee"), "csg");
    assert_string_equal(govern_args_get(&a, "from"), "2021-03-01");
    assert_false(govern_args_flag(&a, "json"));
    assert_int_equal(a.positional.count, 0);
    govern_args_free(&a);

    const char *const v2[] = {"-c", "snh-csp", NULL};
    assert_ok(parse(&a, v2));
    assert_string_equal(govern_args_get(&a, "committee"), "snh-csp");
    govern_args_free(&a);

    /* last one wins; an empty value is a value; a value may start with '-' */
    const char *const v3[] = {"--committee", "a", "--committee=b", "--from=", "-c", "-x", NULL};
    assert_ok(parse(&a, v3));
    assert_string_equal(govern_args_get(&a, "committee"), "-x");
    assert_string_equal(govern_args_get(&a, "from"), "");
    govern_args_free(&a);

    /* '=' inside the value */
    const char *const v4[] = {"--from=a=b", NULL};
    assert_ok(parse(&a, v4));
    assert_string_equal(govern_args_get(&a, "from"), "a=b");
    govern_args_free(&a);
}

static void test_args__flags(void **state)
{
    (void)state;
    struct govern_args a;
    const char *const v[] = {"--json", "-v", NULL};
    assert_ok(parse(&a, v));
    assert_true(govern_args_flag(&a, "json"));
    assert_true(govern_args_flag(&a, "verbose"));
    assert_null(govern_args_get(&a, "committee"));
    assert_null(govern_args_get(&a, "no-such-option"));
    govern_args_free(&a);

    const char *const bad[] = {"--json=yes", NULL};
    assert_err(parse(&a, bad), GOVERN_EUSAGE, "'--json' takes no value");
}

static void test_args__repeatable(void **state)
{
    (void)state;
    struct govern_args a;
    const char *const v[] = {"--member", "Cllr A", "--member=Cllr B", "-m", "Cllr C", NULL};
    assert_ok(parse(&a, v));
    const struct govern_strlist *l = govern_args_multi(&a, "member");
    assert_non_null(l);
    assert_int_equal(l->count, 3);
    assert_string_equal(l->items[0], "Cllr A");
    assert_string_equal(l->items[1], "Cllr B");
    assert_string_equal(l->items[2], "Cllr C");
    assert_int_equal(govern_args_multi(&a, "committee")->count, 0);
    assert_null(govern_args_multi(&a, "nope"));
    govern_args_free(&a);
}

static void test_args__unknown_option_is_usage_error(void **state)
{
    (void)state;
    struct govern_args a;
    const char *const v1[] = {"--nope", NULL};
    assert_err(parse(&a, v1), GOVERN_EUSAGE, "unknown option '--nope'");
    const char *const v2[] = {"--nope=3", NULL};
    assert_err(parse(&a, v2), GOVERN_EUSAGE, "unknown option '--nope'");
    const char *const v3[] = {"-x", NULL};
    assert_err(parse(&a, v3), GOVERN_EUSAGE, "unknown option '-x'");
    const char *const v4[] = {"-ccsg", NULL}; /* no bundling or attached values */
    assert_err(parse(&a, v4), GOVERN_EUSAGE, "unknown option '-ccsg'");
    const char *const v5[] = {"--commit", "csg", NULL}; /* no abbreviations */
    assert_err(parse(&a, v5), GOVERN_EUSAGE, "unknown option '--commit'");
    const char *const v6[] = {"--", NULL};
    assert_ok(parse(&a, v6));
    govern_args_free(&a);
    const char *const v7[] = {"--=x", NULL};
    assert_err(parse(&a, v7), GOVERN_EUSAGE, "unknown option");
    /* after an error the struct is empty and freeing it again is harmless */
    assert_null(a.values);
    govern_args_free(&a);
}

static void test_args__missing_value_is_usage_error(void **state)
{
    (void)state;
    struct govern_args a;
    const char *const v1[] = {"--from", NULL};
    assert_err(parse(&a, v1), GOVERN_EUSAGE, "'--from' needs a value (DATE)");
    const char *const v2[] = {"x", "-c", NULL};
    assert_err(parse(&a, v2), GOVERN_EUSAGE, "'--committee' needs a value");
}

static void test_args__double_dash_ends_options(void **state)
{
    (void)state;
    struct govern_args a;
    const char *const v[] = {"one", "--json", "two", "--", "--committee", "-c", "--", "-", NULL};
    assert_ok(parse(&a, v));
    assert_true(govern_args_flag(&a, "json"));
    assert_null(govern_args_get(&a, "committee"));
    assert_int_equal(a.positional.count, 6);
    assert_string_equal(a.positional.items[0], "one");
    assert_string_equal(a.positional.items[1], "two");
    assert_string_equal(a.positional.items[2], "--committee");
    assert_string_equal(a.positional.items[3], "-c");
    assert_string_equal(a.positional.items[4], "--");
    assert_string_equal(a.positional.items[5], "-");
    govern_args_free(&a);
    /* a lone "-" is an argument (stdin) */
    const char *const v2[] = {"-", NULL};
    assert_ok(parse(&a, v2));
    assert_int_equal(a.positional.count, 1);
    govern_args_free(&a);
}

static void test_args__positional_counts(void **state)
{
    (void)state;
    struct govern_args a;
    const char *const v[] = {"csg", "2021-03-01", NULL};
    assert_ok(parse(&a, v));
    assert_ok(govern_args_positional(&a, 1, 2, "meeting add COMMITTEE [DATE]"));
    assert_err(govern_args_positional(&a, 3, 3, "x A B C"), GOVERN_EUSAGE,
               "missing argument; usage: x A B C");
    assert_err(govern_args_positional(&a, 0, 1, "x [A]"), GOVERN_EUSAGE,
               "unexpected argument '2021-03-01'");
    govern_args_free(&a);
}

static void test_args__no_spec(void **state)
{
    (void)state;
    struct govern_args a;
    char *v[] = {"x", "--y", NULL};
    assert_ok(govern_args_parse(&a, NULL, 1, v));
    assert_int_equal(a.positional.count, 1);
    govern_args_free(&a);
    assert_err(govern_args_parse(&a, NULL, 2, v), GOVERN_EUSAGE, "unknown option '--y'");
    assert_ok(govern_args_parse(&a, spec, 0, v));
    govern_args_free(&a);
}

static int ran_list(struct govern_invocation *inv, struct govern_args *a)
{
    (void)inv;
    (void)a;
    return 0;
}

static int ran_default(struct govern_invocation *inv)
{
    (void)inv;
    return 0;
}

static const struct govern_opt list_spec[] = {
    {"json", 0, GOVERN_OPT_FLAG, NULL, "JSON output"},
    {NULL, 0, 0, NULL, NULL},
};
static const struct govern_opt import_spec[] = {
    {"dry-run", 'n', GOVERN_OPT_FLAG, NULL, "change nothing"},
    {NULL, 0, 0, NULL, NULL},
};
static const struct govern_opt report_spec[] = {
    {"commit", 0, GOVERN_OPT_FLAG, NULL, "save it"},
    {NULL, 0, 0, NULL, NULL},
};
static const struct govern_subcommand subs[] = {
    {"add", NULL, NULL, spec, GOVERN_CMD_STORE | GOVERN_CMD_WRITES, ran_list, NULL, NULL},
    {"list", NULL, NULL, list_spec, GOVERN_CMD_STORE, ran_list, NULL, NULL},
    {"show", NULL, NULL, NULL, GOVERN_CMD_STORE, ran_list, NULL, NULL},
    {"import", NULL, NULL, import_spec, GOVERN_CMD_STORE | GOVERN_CMD_WRITES, ran_list, NULL,
     "dry-run"},
    {"report", NULL, NULL, report_spec, GOVERN_CMD_STORE, ran_list, "commit", NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

/* the subcommand argv[0] names, or the usage error naming the nearest */
static void test_args__subcommand(void **state)
{
    (void)state;
    const struct govern_command cmd = {.name = "x", .usage = "govern x ...", .subcommands = subs};
    const struct govern_subcommand *sc = NULL;
    char *v[] = {"show", "csg", NULL};
    assert_ok(govern_command_subcommand(&sc, &cmd, 2, v));
    assert_non_null(sc);
    assert_string_equal(sc->name, "show");
    assert_err(govern_command_subcommand(&sc, &cmd, 0, v), GOVERN_EUSAGE,
               "missing subcommand; usage: govern x add|list|show|import|report ... (govern help "
               "x)");
    assert_null(sc);
    char *w[] = {"shw", NULL};
    assert_err(govern_command_subcommand(&sc, &cmd, 1, w), GOVERN_EUSAGE,
               "unknown subcommand 'shw'; did you mean 'show'?");
    char *far[] = {"frobnicate", NULL};
    assert_err(govern_command_subcommand(&sc, &cmd, 1, far), GOVERN_EUSAGE,
               "unknown subcommand 'frobnicate'; usage: govern x add|list|show|import|report");
    /* an option first is no subcommand: an error unless the command has a run of its own */
    char *opt[] = {"--json", NULL};
    assert_err(govern_command_subcommand(&sc, &cmd, 1, opt), GOVERN_EUSAGE,
               "unknown subcommand '--json'");
    const struct govern_command with_run = {.name = "y", .run = ran_default, .subcommands = subs};
    sc = subs;
    assert_ok(govern_command_subcommand(&sc, &with_run, 1, opt));
    assert_null(sc);
    assert_ok(govern_command_subcommand(&sc, &with_run, 0, opt));
    assert_null(sc);
    assert_err(govern_command_subcommand(&sc, &with_run, 1, far), GOVERN_EUSAGE,
               "unknown subcommand 'frobnicate'");
    /* a command without subcommands has none to choose */
    const struct govern_command plain = {.name = "z", .run = ran_default};
    sc = subs;
    assert_ok(govern_command_subcommand(&sc, &plain, 1, far));
    assert_null(sc);
}

/* each subcommand's own options; its own store and write flags */
static void test_args__subcommand_options_and_flags(void **state)
{
    (void)state;
    const struct govern_command cmd = {.name = "x", .flags = GOVERN_CMD_RAW, .subcommands = subs};
    struct govern_args a;
    /* --json belongs to list, not to show */
    char *list[] = {"list", "--json", NULL};
    assert_ok(govern_args_parse(&a, subs[1].options, 2, list));
    assert_true(govern_args_flag(&a, "json"));
    assert_false(govern_args_flag(&a, "from"));
    assert_null(govern_args_multi(&a, "member"));
    assert_int_equal(govern_command_flags(&cmd, &subs[1], &a), GOVERN_CMD_STORE);
    govern_args_free(&a);
    char *show[] = {"show", "ID", "--json", NULL};
    assert_err(govern_args_parse(&a, subs[2].options, 3, show), GOVERN_EUSAGE,
               "unknown option '--json'");
    assert_int_equal(govern_command_flags(&cmd, &subs[0], NULL),
                     GOVERN_CMD_STORE | GOVERN_CMD_WRITES);
    assert_int_equal(govern_command_flags(&cmd, NULL, NULL), GOVERN_CMD_RAW);
    /* import writes but for --dry-run; report reads but for --commit */
    char *dry[] = {"import", "f.ics", "-n", NULL};
    assert_ok(govern_args_parse(&a, subs[3].options, 3, dry));
    assert_int_equal(govern_command_flags(&cmd, &subs[3], &a), GOVERN_CMD_STORE);
    govern_args_free(&a);
    assert_ok(govern_args_parse(&a, subs[3].options, 2, dry));
    assert_int_equal(govern_command_flags(&cmd, &subs[3], &a),
                     GOVERN_CMD_STORE | GOVERN_CMD_WRITES);
    govern_args_free(&a);
    char *commit[] = {"report", "--commit", NULL};
    assert_ok(govern_args_parse(&a, subs[4].options, 2, commit));
    assert_int_equal(govern_command_flags(&cmd, &subs[4], &a),
                     GOVERN_CMD_STORE | GOVERN_CMD_WRITES);
    govern_args_free(&a);
    assert_ok(govern_args_parse(&a, subs[4].options, 1, commit));
    assert_int_equal(govern_command_flags(&cmd, &subs[4], &a), GOVERN_CMD_STORE);
    govern_args_free(&a);
}

/* "did you mean": the nearest by edit distance, or a prefix; nothing far off */
static void test_args__suggest(void **state)
{
    (void)state;
    static const char *const cmds[] = {"agenda", "action", "actions", "meeting", "member"};
    assert_string_equal(govern_suggest("meting", cmds, 5), "meeting");
    assert_string_equal(govern_suggest("agneda", cmds, 5), "agenda");
    assert_string_equal(govern_suggest("ag", cmds, 5), "agenda");
    assert_string_equal(govern_suggest("memebr", cmds, 5), "member");
    assert_null(govern_suggest("zzzzzz", cmds, 5));
    assert_null(govern_suggest("", cmds, 5));
    struct govern_args a;
    char *typo[] = {"--form", "2021-01-01", NULL};
    assert_err(govern_args_parse(&a, spec, 2, typo), GOVERN_EUSAGE,
               "unknown option '--form'; did you mean '--from'?");
}

/* British and American spellings of an option are the same option */
static void test_args__spelling_variants(void **state)
{
    (void)state;
    static const struct govern_opt o[] = {
        {"organisation", 0, GOVERN_OPT_VALUE, "ORG", "the body"},
        {"color", 0, GOVERN_OPT_FLAG, NULL, "colour"},
        {NULL, 0, 0, NULL, NULL},
    };
    struct govern_args a;
    char *v[] = {"--organization", "Hart DC", "--colour", NULL};
    assert_ok(govern_args_parse(&a, o, 3, v));
    assert_string_equal(govern_args_get(&a, "organisation"), "Hart DC");
    assert_true(govern_args_flag(&a, "color"));
    govern_args_free(&a);
    char *w[] = {"--organizations", "x", NULL};
    assert_err(govern_args_parse(&a, o, 2, w), GOVERN_EUSAGE, "did you mean '--organisation'?");
}

static void test_args__help(void **state)
{
    (void)state;
    struct govern_buf out = GOVERN_BUF_INIT;
    assert_ok(govern_args_help(&out, spec));
    assert_contains(out.ptr, "Options:");
    assert_contains(out.ptr, "-c, --committee SLUG");
    assert_contains(out.ptr, "    --from DATE");
    assert_contains(out.ptr, "    --json ");
    assert_contains(out.ptr, "a member (repeatable)");
    assert_not_contains(out.ptr, "(null)");
    govern_buf_free(&out);
    static const struct govern_opt none[] = {{NULL, 0, 0, NULL, NULL}};
    assert_ok(govern_args_help(&out, none));
    assert_null(out.ptr);
}

static void test_args__date(void **state)
{
    (void)state;
    struct govern_args a;
    const char *given[] = {"--from", "2021-06-14", NULL};
    assert_ok(parse(&a, given));
    govern_date d = GOVERN_DATE_NONE;
    assert_ok(govern_args_date(&d, &a, "from"));
    assert_int_equal(d, ymd(2021, 6, 14));
    govern_args_free(&a);
    const char *absent[] = {"--json", NULL};
    assert_ok(parse(&a, absent));
    d = ymd(2020, 1, 1);
    assert_ok(govern_args_date(&d, &a, "from"));
    assert_int_equal(d, ymd(2020, 1, 1));
    govern_args_free(&a);
    const char *bad[] = {"--from", "2021-02-30", NULL};
    assert_ok(parse(&a, bad));
    assert_err(govern_args_date(&d, &a, "from"), GOVERN_EINVAL, "--from: ");
    govern_args_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_args__value_forms),
        cmocka_unit_test(test_args__flags),
        cmocka_unit_test(test_args__repeatable),
        cmocka_unit_test(test_args__unknown_option_is_usage_error),
        cmocka_unit_test(test_args__missing_value_is_usage_error),
        cmocka_unit_test(test_args__double_dash_ends_options),
        cmocka_unit_test(test_args__positional_counts),
        cmocka_unit_test(test_args__no_spec),
        cmocka_unit_test(test_args__subcommand),
        cmocka_unit_test(test_args__subcommand_options_and_flags),
        cmocka_unit_test(test_args__help),
        cmocka_unit_test(test_args__suggest),
        cmocka_unit_test(test_args__spelling_variants),
        cmocka_unit_test(test_args__date),
    };
    return cmocka_run_group_tests_name("args", tests, NULL, NULL);
}
