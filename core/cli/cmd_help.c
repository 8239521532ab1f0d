/*
 * govern help [COMMAND]: the command list, or one command's usage, help
 * text and options, from the registry (so plugin commands are included).
 */
#include <string.h>
#include "cli.h"

static int run(struct govern_invocation *inv)
{
    struct govern_buf *o = inv->out;
    if (inv->argc > 1)
        return govern_error_set(GOVERN_EUSAGE, "usage: govern help [COMMAND]");
    if (inv->argc == 1) {
        const struct govern_command *c = govern_registry_command(inv->registry, inv->argv[0], NULL);
        if (!c)
            return govern_error_set(GOVERN_EUSAGE, "'%s' is not a govern command", inv->argv[0]);
        govern_buf_printf(o, "govern %s: %s\n\nUsage: %s\n", c->name, c->summary,
                          c->usage ? c->usage : c->name);
        if (c->help)
            govern_buf_printf(o, "\n%s\n", c->help);
        govern_args_help(o, c->options);
        if (!strcmp(c->name, "check")) {
            size_t n = govern_registry_check_count(inv->registry);
            if (n)
                govern_buf_puts(o, "\nRules from plugins:\n");
            for (size_t i = 0; i < n; i++) {
                const struct govern_check_rule *r = govern_registry_check_at(inv->registry, i);
                govern_buf_printf(o, "  %-24s %s\n", r->name, r->summary ? r->summary : "");
            }
        }
        govern_buf_puts(o, "\nGlobal options: -C DIR, --rev REV, --store PATH, --as-of DATE, "
                           "--format FMT, --color, --no-color (NO_COLOR is honoured).\n");
        return 0;
    }
    govern_buf_puts(o, "govern: meeting governance and minutes, kept as Markdown in git.\n\n"
                       "Usage: govern [-C DIR] [--rev REV] [--as-of DATE] [--format FMT] "
                       "COMMAND [ARGS]\n\nCommands:\n");
    size_t n = govern_registry_command_count(inv->registry);
    for (size_t i = 0; i < n; i++) {
        const struct govern_command *c = govern_registry_command_at(inv->registry, i);
        govern_buf_printf(o, "  %-12s %s\n", c->name, c->summary ? c->summary : "");
    }
    govern_buf_puts(o, "\nRun 'govern help COMMAND' for a command's options.\n"
                       "Exit codes: 0 ok, 1 failure or problems found, 2 usage error.\n");
    return 0;
}

const struct govern_command cmd_help = {
    .name = "help",
    .summary = "list the commands, or explain one",
    .usage = "govern help [COMMAND]",
    .help = "Also available as 'govern COMMAND --help'.",
    .options = NULL,
    .flags = 0,
    .run = run,
};
