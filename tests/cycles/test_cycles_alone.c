/*
 * The cycles plugin stands alone: this executable is built from the whole
 * of the plugin's static library (link_whole) and libgovern, and nothing
 * else (tests/cycles/meson.build), so it links only while the plugin reads
 * the action register through the core (govern/action.h) rather than
 * another plugin's library.  It then loads the plugin into a registry as
 * the CLI does and finds its command and check rule.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "govern/govern.h"
#include "govern/sys/registry.h"

extern const struct govern_plugin govern_builtin_cycles;

static void test_cycles_alone__registers_without_the_actions_plugin(void **state)
{
    (void)state;
    struct govern_registry *reg = NULL;
    assert_int_equal(govern_registry_new(&reg), 0);
    assert_int_equal(govern_registry_add(reg, &govern_builtin_cycles, "builtin"), 0);
    void *st = NULL;
    const struct govern_command *cmd = govern_registry_command(reg, "cycle", &st);
    assert_non_null(cmd);
    assert_string_equal(cmd->name, "cycle");
    /* no "action" command: the actions plugin is not in this executable */
    assert_null(govern_registry_command(reg, "actions", &st));
    assert_true(govern_registry_check_count(reg) >= 1);
    govern_registry_free(reg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cycles_alone__registers_without_the_actions_plugin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
