/*
 * Shared pieces of the govern command-line tool (the only layer that talks
 * to the user): the core command table, output format checks, and the glue
 * between commands and store transactions.
 */
#ifndef GOVERN_CLI_H
#define GOVERN_CLI_H

#include <stdio.h>
#include "govern/govern.h"
#include "govern/sys/registry.h"

/* Each core command lives in its own cmd_*.c file. */
extern const struct govern_command cmd_init, cmd_committee, cmd_member, cmd_meeting, cmd_agenda,
    cmd_check, cmd_log, cmd_help, cmd_plugins, cmd_minutes, cmd_fsck, cmd_config, cmd_undo;
/* Teamwork (docs/teamwork.md). */
extern const struct govern_command cmd_sync, cmd_status, cmd_hook, cmd_merge_file;
/* Configures the clone's git to merge with this executable's merge-file
 * (cmd_sync.c; govern init and govern sync --setup). */
int cli_setup_merge(struct govern_store *store);

/* The "core" plugin: registers the commands above. */
extern const struct govern_plugin cli_core_plugin;

/* govern check's diagnostics for snap, sorted (cmd_check.c; the hook
 * compares two commits with it).  *m: the model (NULL when govern.yaml
 * itself is broken, which is then a diagnostic). */
int cli_check_collect(struct govern_diags *d, struct govern_model **m, struct govern_registry *reg,
                      struct govern_snapshot *snap, struct govern_store *store, govern_date as_of);

/* Registers the built-in plugins (generated table, builtin.c). */
int cli_add_builtins(struct govern_registry *reg);

/* Refuses a --format that is not in the NULL-terminated list; returns the
 * format to use (dflt when none given). */
int cli_format(const char **out, const struct govern_invocation *inv, const char *dflt,
               const char *const *allowed);

/* Runs a transaction (the CLI has refused --rev for a WRITES subcommand);
 * prints nothing.  On success *id holds the commit id
 * ("" when nothing changed). */
int cli_commit(struct govern_invocation *inv, govern_txn_fn fn, void *ctx, char id[41]);

/* Parses a --date style option value, naming the option in errors. */
int cli_date(govern_date *out, const char *option, const char *value);
int cli_time(govern_time *out, const char *option, const char *value);

/* For commands that change a record: *field becomes a copy of value, or
 * NULL when value is "" (the field is removed); value NULL changes nothing. */
int cli_set_text(char **field, const char *value);
/* Checks the text options named (NULL-terminated) that were given: UTF-8,
 * and one line except the one named multi_line (may be NULL); *any says
 * whether any was given. */
int cli_text_options(bool *any, const struct govern_args *a, const char *const *names,
                     const char *multi_line);

/* The global options and exit codes, for help, man pages and completion. */
struct cli_global {
    const char *names, *metavar, *help;
};
extern const struct cli_global cli_globals[]; /* ends with a NULL names */
struct cli_exit_code {
    int code;
    const char *text;
};
extern const struct cli_exit_code cli_exit_codes[]; /* ends with a NULL text */

/* docgen.c: `govern help`, its man pages (roff; command NULL for govern(1))
 * and the command table as JSON. */
int cli_help_overview(struct govern_buf *out, const struct govern_registry *reg);
int cli_man_page(struct govern_buf *out, const struct govern_registry *reg, const char *command);
int cli_table_json(struct govern_buf *out, const struct govern_registry *reg);

/* A usage string read back: its entries ("govern CMD ..." lines with their
 * continuations) and, for each, the subcommand and what each positional
 * argument names ("slug", "meeting", "file", "dir", "command", space-separated). */
struct cli_usage_shape {
    char sub[32];
    char positional[8][48];
    size_t n_positional;
};
int cli_usage_entries(struct govern_strlist *out, const char *usage);
/* The names of a command's subcommands: its table's, or (a command without
 * one) those its usage entries name. */
int cli_subcommand_names(struct govern_strlist *out, const struct govern_command *c);
void cli_usage_shape(struct cli_usage_shape *s, const char *entry);

/* output.c: where standard output goes (stdout, --output FILE, a pager). */
struct cli_output {
    char path[4096], tmp[4200]; /* --output, absolute; its temporary file */
    FILE *f;
    bool started, pager, no_pager;
};
/* path relative to base (the directory govern started in). */
int cli_output_init(struct cli_output *o, const char *path, const char *base, bool no_pager);
/* Writes b; final when it is the whole output (decides on paging). */
int cli_output_write(struct cli_output *o, const struct govern_buf *b, bool final);
/* Ends the output; a file is put in place only when keep. */
int cli_output_close(struct cli_output *o, bool keep);
/* The width of the terminal stdout is (COLUMNS first), 0 when not one. */
size_t cli_terminal_columns(void);

/* completion.c: the bash or zsh completion script. */
int cli_completion(struct govern_buf *out, const struct govern_registry *reg, const char *shell);

#endif
