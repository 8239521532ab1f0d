/*
 * govern config get|set: the settings in govern.yaml without a text editor.
 * `set` writes the new value into a copy of the parsed file and reads that
 * copy back with the same parser as every command (so a bad value is
 * refused with the rule it breaks, and nothing is written), then commits
 * the file in canonical form.  Maps (holidays, plugins) are shown by `get`
 * and kept by `set`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* The keys of govern.yaml in the order govern writes them. */
static const char *const keys[] = {
    "format",       "body",     "timezone", "year_start", "notice_days", "notice_counting",
    "call_in_days", "base_url", "holidays", "plugins",    NULL};
/* The keys `config set` may change (format is govern's own). */
static const char *const settable[] = {
    "body",         "timezone", "year_start", "notice_days", "notice_counting",
    "call_in_days", "base_url", NULL};

static bool in(const char *const *list, const char *k)
{
    for (; *list; list++)
        if (!strcmp(*list, k))
            return true;
    return false;
}

static int unknown_key(const char *k)
{
    return govern_error_set(GOVERN_EUSAGE,
                            "'%s' is not a setting govern config can change (body, timezone, "
                            "year_start, notice_days, notice_counting, call_in_days, base_url)",
                            k);
}

/* The value of a scalar key as govern reads it (defaults included). */
static void value_of(char *out, size_t n, const struct govern_config *c, const char *k)
{
    if (!strcmp(k, "format"))
        snprintf(out, n, "%d", c->format);
    else if (!strcmp(k, "body"))
        snprintf(out, n, "%s", c->body);
    else if (!strcmp(k, "timezone"))
        snprintf(out, n, "%s", c->timezone);
    else if (!strcmp(k, "year_start"))
        snprintf(out, n, "%02d-%02d", c->year_start_month, c->year_start_day);
    else if (!strcmp(k, "notice_days"))
        snprintf(out, n, "%d", c->notice_days);
    else if (!strcmp(k, "notice_counting"))
        snprintf(out, n, "%s", c->notice_counting == GOVERN_NOTICE_WORKING ? "working" : "s243");
    else if (!strcmp(k, "call_in_days"))
        snprintf(out, n, "%d", c->call_in_days);
    else if (!strcmp(k, "base_url"))
        snprintf(out, n, "%s", c->base_url ? c->base_url : "");
}

static int do_get(struct govern_invocation *inv, struct govern_args *a)
{
    int rc = govern_args_positional(a, 1, 2, "govern config get [KEY]");
    struct govern_config *c = NULL;
    if (rc || (rc = govern_config_load(&c, inv->snap)))
        return rc;
    if (a->positional.count == 1) {
        struct govern_buf text = GOVERN_BUF_INIT;
        if (!(rc = govern_config_serialize(&text, c)))
            rc = govern_buf_put(inv->out, text.ptr, text.len);
        govern_buf_free(&text);
    } else {
        const char *k = a->positional.items[1];
        char v[1200];
        if (!in(settable, k) && strcmp(k, "format"))
            rc = in(keys, k) ? govern_error_set(GOVERN_EUSAGE,
                                                "'%s' is a map: 'govern config get' shows it", k)
                             : unknown_key(k);
        else
            value_of(v, sizeof(v), c, k), rc = govern_buf_printf(inv->out, "%s\n", v);
    }
    govern_config_free(c);
    return rc;
}

struct set_ctx {
    const char *key, *value;
    char summary[300];
};

/* govern.yaml as it is, with key set to value ("" leaves it out: its
 * default, or not set). */
static int with_value(struct govern_buf *out, const struct govern_config *c, const char *key,
                      const char *value)
{
    const struct govern_node *meta = c->doc->meta;
    struct govern_node *m = govern_node_new_map();
    int rc = m ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (const char *const *k = keys; *k && !rc; k++) {
        const struct govern_node *n = govern_node_get(meta, *k);
        if (!strcmp(*k, key)) {
            if (*value && !govern_node_add_str(m, key, value))
                rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        } else if (n) {
            rc = govern_node_add_copy(m, *k, n);
        }
    }
    if (!rc)
        rc = govern_yaml_emit(out, m);
    govern_node_free(m);
    return rc;
}

static int set_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct set_ctx *ctx = vctx;
    struct govern_config *c = NULL, *next = NULL;
    struct govern_buf draft = GOVERN_BUF_INIT, text = GOVERN_BUF_INIT;
    int rc = govern_config_load(&c, head);
    /* read back under the rules every command applies to govern.yaml */
    if (!rc && !(rc = with_value(&draft, c, ctx->key, ctx->value)))
        if ((rc = govern_config_parse(&next, GOVERN_CONFIG_FILE, draft.ptr, draft.len)))
            govern_error_prefix(rc, "%s '%.200s' refused (nothing written)", ctx->key, ctx->value);
    if (!rc && !(rc = govern_config_serialize(&text, next)))
        rc = govern_change_put(chg, GOVERN_CONFIG_FILE, text.ptr, text.len);
    if (!rc) {
        char v[1200];
        value_of(v, sizeof(v), next, ctx->key);
        snprintf(ctx->summary, sizeof(ctx->summary), "Set %s to %.200s%s", ctx->key,
                 *v ? v : "nothing", *ctx->value ? "" : " (not set)");
        rc = govern_change_message(chg, "%s", ctx->summary);
    }
    govern_buf_free(&draft);
    govern_buf_free(&text);
    govern_config_free(next);
    govern_config_free(c);
    return rc;
}

static int do_set(struct govern_invocation *inv, struct govern_args *a)
{
    int rc = govern_args_positional(a, 3, 3, "govern config set KEY VALUE");
    if (rc)
        return rc;
    struct set_ctx ctx = {a->positional.items[1], a->positional.items[2], ""};
    if (!in(settable, ctx.key))
        return unknown_key(ctx.key);
    if (govern_utf8_check("VALUE", ctx.value, strlen(ctx.value)))
        return GOVERN_EINVAL;
    char id[41];
    if (!(rc = cli_commit(inv, set_fn, &ctx, id)))
        govern_buf_printf(inv->out, "%s\n", id[0] ? ctx.summary : "Nothing changed");
    return rc;
}

static const struct govern_subcommand subs[] = {
    {"get", "govern.yaml as govern reads it, or one setting", NULL, NULL, GOVERN_CMD_STORE, do_get,
     NULL, NULL},
    {"set", "change one setting", NULL, NULL, GOVERN_CMD_STORE | GOVERN_CMD_WRITES, do_set, NULL,
     NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

const struct govern_command cmd_config = {
    .name = "config",
    .summary = "show and change the settings in govern.yaml",
    .usage = "govern config get [KEY]\n"
             "       govern config set KEY VALUE",
    .help = "'config get' prints govern.yaml as govern reads it, or the value of one KEY\n"
            "(defaults included). 'config set' changes one setting in one commit: body,\n"
            "timezone, year_start (MM-DD), notice_days (0-60), notice_counting (s243 or\n"
            "working), call_in_days (0-60) or base_url; VALUE '' returns it to its default\n"
            "(base_url: not set). The new file is read back under the rules of govern check\n"
            "and refused, with nothing written, when a value breaks them. The holidays and\n"
            "plugins maps are kept as they are (docs/format.md).",
    .subcommands = subs,
};
