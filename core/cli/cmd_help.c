/*
 * govern help [COMMAND]: the command list, or one command's usage, help
 * text and options, from the registry (so plugin commands are included);
 * --public-outputs lists the outputs registered as public.
 */
#include <string.h>
#include "cli.h"

/* One line per registered public output and format: what the leak test
 * (tests/cli/t0430-public-outputs.sh) runs. */
static int public_outputs(struct govern_invocation *inv)
{
    size_t n = govern_registry_public_output_count(inv->registry);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const struct govern_public_output *p = govern_registry_public_output_at(inv->registry, i);
        if (!govern_registry_command(inv->registry, p->command, NULL))
            return govern_error_set(GOVERN_EPLUGIN, "public output of unknown command '%s'",
                                    p->command);
        const char *f = p->formats;
        do {
            size_t len = f ? strcspn(f, " ") : 0;
            rc = govern_buf_printf(inv->out, "%s%s%s%s%.*s\n", p->command, *p->args ? " " : "",
                                   p->args, len ? " --format " : "", (int)len, f ? f : "");
            f = f && f[len] ? f + len + 1 : NULL;
        } while (f && !rc);
    }
    return rc;
}

static int run(struct govern_invocation *inv)
{
    struct govern_buf *o = inv->out;
    if (inv->argc == 1 && !strcmp(inv->argv[0], "--public-outputs"))
        return public_outputs(inv);
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
    .usage = "govern help [COMMAND | --public-outputs]",
    .help = "Also available as 'govern COMMAND --help'.\n"
            "--public-outputs lists every output registered as public (one invocation and\n"
            "format a line, with placeholders such as {meeting}): the suite runs each on a\n"
            "store full of exempt and private markers (docs/plugins.md).",
    .options = NULL,
    .flags = 0,
    .run = run,
};
