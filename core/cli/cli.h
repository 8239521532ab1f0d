/*
 * Shared pieces of the govern command-line tool (the only layer that talks
 * to the user): the core command table, output format checks, and the glue
 * between commands and store transactions.
 */
#ifndef GOVERN_CLI_H
#define GOVERN_CLI_H

#include "govern/govern.h"

/* Each core command lives in its own cmd_*.c file. */
extern const struct govern_command cmd_init, cmd_committee, cmd_member, cmd_meeting, cmd_agenda,
    cmd_check, cmd_log, cmd_help, cmd_plugins, cmd_minutes, cmd_fsck, cmd_config, cmd_undo;

/* The "core" plugin: registers the commands above. */
extern const struct govern_plugin cli_core_plugin;

/* Registers the built-in plugins (generated table, builtin.c). */
int cli_add_builtins(struct govern_registry *reg);

/* Refuses a --format that is not in the NULL-terminated list; returns the
 * format to use (dflt when none given). */
int cli_format(const char **out, const struct govern_invocation *inv, const char *dflt,
               const char *const *allowed);

/* Runs a transaction; prints nothing.  On success *id holds the commit id
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

/* Writes a JSON value (jansson) to the output buffer, with a final newline. */
struct json_t;
int cli_json_out(struct govern_buf *out, struct json_t *value);

#endif
