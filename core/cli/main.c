/*
 * govern's entry point: global options (-C, --rev, --store, --as-of,
 * --format, colour), the registry of commands (core and plugins), store
 * discovery for commands that need one, and the mapping from errors to
 * messages and exit codes (0 ok, 1 failure or problems found, 2 usage).
 * This file and the cmd_*.c files are the only code that prints.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "govern-config.h"

static int core_init(struct govern_registry *reg, void **state)
{
    const struct govern_command *cmds[] = {
        &cmd_init, &cmd_committee, &cmd_member,  &cmd_meeting, &cmd_agenda,    &cmd_check,
        &cmd_log,  &cmd_help,      &cmd_plugins, &cmd_minutes, &cmd_fsck,      &cmd_config,
        &cmd_undo, &cmd_sync,      &cmd_status,  &cmd_hook,    &cmd_merge_file};
    *state = NULL;
    /* the public forms of agendas and minutes (from the public view) */
    static const struct govern_public_output publics[] = {
        {"agenda", "show {meeting} --public", "md text html json"},
        {"minutes", "show {meeting} --public", "md text html json"},
        {NULL, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        int rc = govern_register_command(reg, cmds[i]);
        if (rc)
            return rc;
    }
    return govern_register_public_outputs(reg, publics);
}

const struct govern_plugin cli_core_plugin = {
    .abi_version = GOVERN_PLUGIN_ABI,
    .name = "core",
    .version = GOVERN_VERSION,
    .summary = "committees, members, meetings, agendas, minutes, checks and history",
    .init = core_init,
};

static void usage_line(FILE *f)
{
    fputs("usage: govern [-C DIR] [--rev REV] [--store PATH] [--as-of DATE] [--format FMT]\n"
          "              [--color|--no-color] COMMAND [ARGS]\n"
          "Run 'govern help' for the commands, 'govern help COMMAND' for one.\n",
          f);
}

static int exit_code(int rc)
{
    if (rc >= 0)
        return rc;
    return rc == GOVERN_EUSAGE ? 2 : 1;
}

static void print_error(int rc)
{
    const char *msg = govern_error_last();
    fprintf(stderr, "govern: %s\n", *msg ? msg : "failed");
    if (rc == GOVERN_EUSAGE)
        fputs("(run 'govern help' for usage)\n", stderr);
}

/* Options that every command accepts, wherever they appear before "--". */
struct globals {
    const char *dir, *rev, *store, *as_of, *format, *output;
    int color; /* -1 auto, 0 never, 1 always */
    bool help, version, no_pager;
};

static int take_value(const char **out, int *i, int argc, char **argv, const char *name)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (a[n] == '=') {
        *out = a + n + 1;
        return 1;
    }
    if (*i + 1 >= argc) {
        govern_error_set(GOVERN_EUSAGE, "option '%s' needs a value", name);
        return -1;
    }
    *out = argv[++*i];
    return 1;
}

static bool is_opt(const char *a, const char *name)
{
    size_t n = strlen(name);
    return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

/* An option before the command that is not a global one. */
static int unknown_global(const char *a)
{
    static const char *const names[] = {"--rev",    "--store",    "--as-of",   "--format",
                                        "--color",  "--no-color", "--version", "--help",
                                        "--output", "--no-pager"};
    const char *near = govern_suggest(a, names, sizeof(names) / sizeof(names[0]));
    if (near)
        govern_error_set(GOVERN_EUSAGE,
                         "unknown option '%s' before the command; did you mean '%s'?", a, near);
    else
        govern_error_set(GOVERN_EUSAGE, "unknown option '%s' before the command", a);
    return -1;
}

/* Consumes global options from argv (in place); returns the new argc or -1. */
static int parse_globals(struct globals *g, int argc, char **argv, bool before_command)
{
    int out = 0;
    bool done = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int r = 0;
        if (done || a[0] != '-') {
            argv[out++] = argv[i];
            if (before_command)
                done = true;
            continue;
        }
        if (!strcmp(a, "--")) {
            done = true;
            argv[out++] = argv[i];
            continue;
        }
        if (before_command && !strcmp(a, "-C"))
            r = take_value(&g->dir, &i, argc, argv, "-C");
        else if (is_opt(a, "--rev"))
            r = take_value(&g->rev, &i, argc, argv, "--rev");
        else if (is_opt(a, "--store"))
            r = take_value(&g->store, &i, argc, argv, "--store");
        else if (is_opt(a, "--as-of"))
            r = take_value(&g->as_of, &i, argc, argv, "--as-of");
        else if (is_opt(a, "--format"))
            r = take_value(&g->format, &i, argc, argv, "--format");
        else if (!strcmp(a, "--color") || !strcmp(a, "--colour"))
            g->color = 1, r = 1;
        else if (!strcmp(a, "--no-color") || !strcmp(a, "--no-colour"))
            g->color = 0, r = 1;
        else if (!strcmp(a, "--no-pager"))
            g->no_pager = true, r = 1;
        else if (before_command && (!strcmp(a, "-o") || is_opt(a, "--output")))
            r = take_value(&g->output, &i, argc, argv, a[1] == 'o' ? "-o" : "--output");
        else if (!strcmp(a, "--help") || !strcmp(a, "-h"))
            g->help = true, r = 1;
        else if (before_command && (!strcmp(a, "--version") || !strcmp(a, "-V")))
            g->version = true, r = 1;
        if (r < 0)
            return -1;
        if (r == 0) {
            if (before_command)
                return unknown_global(a);
            argv[out++] = argv[i];
        }
    }
    return out;
}

static void load_external_plugins(struct govern_registry *reg, const char *repo_root)
{
    struct govern_strlist warnings = GOVERN_STRLIST_INIT;
    char user[PATH_MAX];
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    govern_registry_load_dir(reg, GOVERN_SYSTEM_PLUGIN_DIR, repo_root, &warnings);
    if (xdg && *xdg)
        snprintf(user, sizeof(user), "%s/govern/plugins", xdg);
    else if (home && *home)
        snprintf(user, sizeof(user), "%s/.local/share/govern/plugins", home);
    else
        user[0] = '\0';
    if (*user)
        govern_registry_load_dir(reg, user, repo_root, &warnings);
    for (size_t i = 0; i < warnings.count; i++)
        fprintf(stderr, "govern: warning: %s\n", warnings.items[i]);
    govern_strlist_free(&warnings);
}

/* The top of the git work tree containing dir (to refuse plugin dirs inside it). */
static void repo_root_of(char *out, size_t n, const char *dir)
{
    char real[PATH_MAX];
    out[0] = '\0';
    if (!realpath(dir, real))
        return;
    for (;;) {
        char probe[PATH_MAX + 8];
        snprintf(probe, sizeof(probe), "%s/.git", real);
        if (access(probe, F_OK) == 0) {
            snprintf(out, n, "%s", real);
            return;
        }
        char *slash = strrchr(real, '/');
        if (!slash || slash == real)
            return;
        *slash = '\0';
    }
}

/* "'x' is not a govern command", with the nearest command's name. */
static void unknown_command(const struct govern_registry *reg, const char *name)
{
    size_t n = govern_registry_command_count(reg);
    const char **names = calloc(n ? n : 1, sizeof(*names));
    for (size_t i = 0; names && i < n; i++)
        names[i] = govern_registry_command_at(reg, i)->name;
    const char *near = names ? govern_suggest(name, names, n) : NULL;
    if (near)
        fprintf(stderr, "govern: '%s' is not a govern command; did you mean '%s'?\n", name, near);
    else
        fprintf(stderr, "govern: '%s' is not a govern command; see 'govern help'\n", name);
    free(names);
}

/* -o/--output after the command is global unless the command has an
 * --output of its own (calendar): takes it out of argv. */
static int take_output(struct globals *g, const struct govern_opt *options, int argc, char **argv)
{
    for (const struct govern_opt *o = options; o && o->name; o++)
        if (!strcmp(o->name, "output"))
            return argc;
    int out = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--"))
            break;
        if (!strcmp(a, "-o") || is_opt(a, "--output")) {
            if (take_value(&g->output, &i, argc, argv, a[1] == 'o' ? "-o" : "--output") < 0)
                return -1;
            continue;
        }
        argv[out++] = argv[i];
    }
    for (int i = out; i < argc && out < argc; i++)
        if (!strcmp(argv[i], "--"))
            while (i < argc)
                argv[out++] = argv[i++];
    return out;
}

static struct cli_output sink;

/* inv->flush: what the command has written so far goes out now. */
static int flush_out(struct govern_invocation *inv)
{
    int rc = cli_output_write(&sink, inv->out, false);
    govern_buf_clear(inv->out);
    return rc;
}

/* The core's commands, the built-in plugins and the external ones (never
 * from inside the repository of dir). */
static int load_registry(struct govern_registry **reg, const char *dir)
{
    char repo_root[PATH_MAX];
    repo_root_of(repo_root, sizeof(repo_root), dir);
    int rc;
    if ((rc = govern_registry_new(reg)) ||
        (rc = govern_registry_add(*reg, &cli_core_plugin, "built-in")) ||
        (rc = cli_add_builtins(*reg)))
        return rc;
    load_external_plugins(*reg, repo_root);
    return 0;
}

/* Colour: --color, or automatic on a terminal unless NO_COLOR or TERM=dumb. */
static bool use_color(const struct globals *g)
{
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    bool color = g->color == 1 || (g->color == -1 && isatty(STDOUT_FILENO) &&
                                   !(no_color && *no_color) && !(term && !strcmp(term, "dumb")));
    /* NO_COLOR turns off the automatic choice; an explicit --color wins */
    if (no_color && *no_color && g->color != 1)
        color = false;
    return color;
}

/* The one place every command and subcommand is run: a subcommand's own
 * options parsed (any other is a usage error), a write refused under
 * --rev, the store opened when the flags ask for it. */
static int dispatch(struct govern_invocation *inv, const struct globals *g,
                    const struct govern_command *cmd, const struct govern_subcommand *sub,
                    struct govern_store **store, struct govern_snapshot **snap)
{
    struct govern_args args = {0};
    int rc = 0;
    if (sub && (rc = govern_args_parse(&args, sub->options, inv->argc, inv->argv))) {
        govern_error_prefix(rc, "%s %s", cmd->name, sub->name);
        goto out;
    }
    unsigned flags = govern_command_flags(cmd, sub, &args);
    if ((flags & GOVERN_CMD_WRITES) && g->rev) {
        rc =
            govern_error_set(GOVERN_EUSAGE, "'%s%s%s' changes the store: --rev is only for reading",
                             cmd->name, sub ? " " : "", sub ? sub->name : "");
        goto out;
    }
    if (flags & GOVERN_CMD_STORE) {
        struct govern_store_opts o = GOVERN_STORE_OPTS_INIT;
        o.store_path = g->store;
        if ((rc = govern_store_open(store, ".", &o)))
            goto out;
        /* a write that a crash interrupted is completed before anything
         * reads the work tree (govern fsck sees the store as it is) */
        if (!(flags & GOVERN_CMD_RAW) && govern_store_recover(*store))
            fprintf(stderr, "govern: warning: %s\n", govern_error_last());
        if ((rc = govern_store_snapshot(snap, *store, g->rev)))
            goto out;
        inv->store = *store;
        inv->snap = *snap;
    }
    rc = sub ? sub->run(inv, &args) : cmd->run(inv);
out:
    govern_args_free(&args);
    return rc;
}

int main(int argc, char **argv)
{
    struct globals g = {.color = -1};
    struct govern_registry *reg = NULL;
    struct govern_store *store = NULL;
    struct govern_snapshot *snap = NULL;
    struct govern_buf out = GOVERN_BUF_INIT, err = GOVERN_BUF_INIT;
    int rc = 0, n = parse_globals(&g, argc - 1, ++argv, true);
    if (n < 0) {
        print_error(GOVERN_EUSAGE);
        return 2;
    }
    if (g.version) {
        printf("govern %s (plugin ABI %d)\n", GOVERN_VERSION, GOVERN_PLUGIN_ABI);
        return 0;
    }
    if (n == 0) {
        if (g.help) {
            argv[0] = "help";
            n = 1;
            g.help = false;
        } else {
            usage_line(stderr);
            return 2;
        }
    }
    const char *name = argv[0];
    int cargc = parse_globals(&g, n - 1, argv + 1, false);
    if (cargc < 0) {
        print_error(GOVERN_EUSAGE);
        return 2;
    }
    char cwd0[PATH_MAX]; /* --output is relative to where govern started, not -C */
    if (!getcwd(cwd0, sizeof(cwd0)))
        cwd0[0] = '\0';
    if (g.dir && chdir(g.dir) != 0) {
        fprintf(stderr, "govern: -C %s: %s\n(run 'govern help' for usage)\n", g.dir,
                strerror(errno));
        return 2;
    }

    if ((rc = load_registry(&reg, "."))) {
        print_error(rc);
        govern_registry_free(reg);
        return 1;
    }

    void *state = NULL;
    const struct govern_command *cmd = govern_registry_command(reg, name, &state);
    if (!cmd) {
        unknown_command(reg, name);
        govern_registry_free(reg);
        return 2;
    }
    /* the one place a subcommand is chosen (after --help: `govern agenda
     * --help` explains the command) */
    const struct govern_subcommand *sub = NULL;
    if ((!g.help && govern_command_subcommand(&sub, cmd, cargc, argv + 1)) ||
        (cargc = take_output(&g, sub ? sub->options : cmd->options, cargc, argv + 1)) < 0 ||
        cli_output_init(&sink, g.output, cwd0, g.no_pager)) {
        print_error(GOVERN_EUSAGE);
        govern_registry_free(reg);
        return 2;
    }
    if (g.format && !strcmp(g.format, "xlsx") && !g.output && isatty(STDOUT_FILENO)) {
        rc = govern_error_set(GOVERN_EUSAGE, "--format xlsx writes a binary workbook: give "
                                             "--output FILE.xlsx, or redirect the output");
        goto done;
    }
    if (!g.output)
        govern_table_set_terminal_width(cli_terminal_columns());
    if (g.help) { /* `govern CMD --help` is `govern help CMD` */
        struct govern_invocation hinv = {
            .argc = 1, .argv = (char **)&name, .out = &out, .err = &err, .registry = reg};
        rc = cmd_help.run(&hinv);
        goto done;
    }

    struct govern_invocation inv = {
        .argc = cargc,
        .argv = argv + 1,
        .rev = g.rev,
        .format = g.format,
        .out = &out,
        .err = &err,
        .registry = reg,
        .state = state,
        .flush = flush_out,
    };
    inv.color = use_color(&g);
    inv.as_of = govern_date_today();
    if (g.as_of && govern_date_parse(&inv.as_of, g.as_of)) {
        govern_error_prefix(GOVERN_EUSAGE, "--as-of");
        rc = GOVERN_EUSAGE;
        goto done;
    }
    rc = dispatch(&inv, &g, cmd, sub, &store, &snap);
done:
    if (out.len || sink.started || (*sink.path && rc >= 0)) {
        int wrc = cli_output_write(&sink, &out, true);
        int crc = cli_output_close(&sink, rc >= 0 && !wrc);
        if ((wrc || crc) && rc >= 0)
            rc = wrc ? wrc : crc;
    }
    if (err.len)
        fwrite(err.ptr, 1, err.len, stderr);
    fflush(stdout);
    if (rc < 0)
        print_error(rc);
    int code = exit_code(rc);
    govern_buf_free(&out);
    govern_buf_free(&err);
    govern_snapshot_free(snap);
    govern_store_free(store);
    govern_registry_free(reg);
    return code;
}
