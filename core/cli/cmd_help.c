/*
 * govern help [COMMAND]: the command list, or one command's usage, help
 * text and options, from the registry (so plugin commands are included);
 * and what is generated from the same table: man pages, the table as JSON,
 * shell completion (docgen.c, completion.c).
 * --public-outputs lists the outputs registered as public.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const struct govern_opt opts[] = {
    {"man", 0, GOVERN_OPT_FLAG, NULL, "the man page (roff) of govern, or of COMMAND"},
    {"completion", 0, GOVERN_OPT_VALUE, "SHELL", "the completion script for bash or zsh"},
    {"json", 0, GOVERN_OPT_FLAG, NULL, "the command table (commands, options, usage) as JSON"},
    {"commands", 0, GOVERN_OPT_FLAG, NULL, "the command names, one a line"},
    {"public-outputs", 0, GOVERN_OPT_FLAG, NULL,
     "every output registered as public, one invocation and format a line"},
    {NULL, 0, 0, NULL, NULL},
};

static int one_command(struct govern_buf *o, const struct govern_registry *reg, const char *name)
{
    const struct govern_command *c = govern_registry_command(reg, name, NULL);
    if (!c)
        return govern_error_set(GOVERN_EUSAGE, "'%s' is not a govern command", name);
    govern_buf_printf(o, "govern %s: %s\n\nUsage: %s\n", c->name, c->summary,
                      c->usage ? c->usage : c->name);
    if (c->help)
        govern_buf_printf(o, "\n%s\n", c->help);
    govern_args_help(o, c->options);
    for (const struct govern_subcommand *sc = c->subcommands; sc && sc->name; sc++) {
        char title[128];
        snprintf(title, sizeof(title), "Options of '%s %s'", c->name, sc->name);
        govern_args_help_titled(o, sc->options, title);
    }
    if (!strcmp(c->name, "check")) {
        size_t n = govern_registry_check_count(reg);
        if (n)
            govern_buf_puts(o, "\nRules from plugins:\n");
        for (size_t i = 0; i < n; i++) {
            const struct govern_check_rule *r = govern_registry_check_at(reg, i);
            govern_buf_printf(o, "  %-24s %s\n", r->name, r->summary ? r->summary : "");
        }
    }
    return govern_buf_puts(o, "\nGlobal options: -C DIR, --rev REV, --store PATH, --as-of DATE, "
                              "--format FMT, -o/--output FILE, --color, --no-color, --no-pager "
                              "(see 'govern help').\n");
}

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
    struct govern_args a;
    int rc = govern_args_parse(&a, opts, inv->argc, inv->argv);
    if (rc)
        return rc;
    const char *shell = govern_args_get(&a, "completion");
    const char *name = a.positional.count ? a.positional.items[0] : NULL;
    if ((rc = govern_args_positional(&a, 0, 1, cmd_help.usage)))
        ;
    else if (govern_args_flag(&a, "man"))
        rc = cli_man_page(inv->out, inv->registry, name);
    else if (name && (shell || govern_args_flag(&a, "json") || govern_args_flag(&a, "commands") ||
                      govern_args_flag(&a, "public-outputs")))
        rc = govern_error_set(GOVERN_EUSAGE, "usage: %s", cmd_help.usage);
    else if (shell)
        rc = cli_completion(inv->out, inv->registry, shell);
    else if (govern_args_flag(&a, "json"))
        rc = cli_table_json(inv->out, inv->registry);
    else if (govern_args_flag(&a, "public-outputs"))
        rc = public_outputs(inv);
    else if (govern_args_flag(&a, "commands"))
        for (size_t i = 0; i < govern_registry_command_count(inv->registry) && !rc; i++)
            rc = govern_buf_printf(inv->out, "%s\n",
                                   govern_registry_command_at(inv->registry, i)->name);
    else if (name)
        rc = one_command(inv->out, inv->registry, name);
    else
        rc = cli_help_overview(inv->out, inv->registry);
    govern_args_free(&a);
    return rc;
}

const struct govern_command cmd_help = {
    .name = "help",
    .summary = "list the commands, or explain one",
    .usage = "govern help [COMMAND] [--man]\n"
             "       govern help --completion bash|zsh\n"
             "       govern help --json|--commands|--public-outputs",
    .help = "Also available as 'govern COMMAND --help'. --man writes the man page govern(1),\n"
            "or govern-COMMAND(1), generated from the same table as this help; 'meson install'\n"
            "installs them, and the completion scripts, the same way. --completion writes the\n"
            "shell completion script (commands, subcommands, options, committee slugs and\n"
            "meeting ids); regenerate it after installing a plugin. --public-outputs lists every\n"
            "output registered as public (one invocation and format a line, with placeholders\n"
            "such as {meeting}): the suite runs each on a store full of exempt and private\n"
            "markers (docs/plugins.md).",
    .options = opts,
    .flags = 0,
    .run = run,
};
