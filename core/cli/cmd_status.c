/*
 * govern status: what git would not say about a clerk's clone and the
 * council's remote: the records changed here and not pushed yet, the
 * records changed on the remote since the last sync, and the minutes
 * approved there.  Fetches first (--offline: as of the last fetch).
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "govern/teamwork.h"

static const struct govern_opt opts[] = {
    {"offline", 0, GOVERN_OPT_FLAG, NULL, "do not fetch: compare with the last fetch"},
    {NULL, 0, 0, NULL, NULL},
};

static json_t *list_json(const struct govern_status_list *l)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < l->count; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "path", json_string(l->items[i].path));
        json_object_set_new(o, "commits", json_string(l->items[i].commits));
        json_array_append_new(arr, o);
    }
    return arr;
}

static int print_json(struct govern_buf *out, const struct govern_status *st)
{
    json_t *root = json_object(), *ap = json_array();
    json_object_set_new(root, "remote", json_string(st->remote));
    json_object_set_new(root, "fetched", json_boolean(st->fetched));
    json_object_set_new(root, "fetch_error",
                        st->fetch_error ? json_string(st->fetch_error) : json_null());
    json_object_set_new(root, "ahead", json_integer((json_int_t)st->ahead));
    json_object_set_new(root, "behind", json_integer((json_int_t)st->behind));
    json_object_set_new(root, "unpushed", list_json(&st->unpushed));
    json_object_set_new(root, "remote_changed", list_json(&st->changed_there));
    for (size_t i = 0; i < st->approved_there.count; i++)
        json_array_append_new(ap, json_string(st->approved_there.items[i]));
    json_object_set_new(root, "approved_on_remote", ap);
    json_object_set_new(root, "sync_pending", json_boolean(st->sync_pending));
    return govern_json_write(out, root, 0);
}

static void print_list(struct govern_buf *out, const char *title,
                       const struct govern_status_list *l)
{
    if (!l->count)
        return;
    govern_buf_printf(out, "%s\n", title);
    for (size_t i = 0; i < l->count; i++)
        govern_buf_printf(out, "  %s  (%s)\n", l->items[i].path, l->items[i].commits);
}

static void print_text(struct govern_buf *out, struct govern_buf *err,
                       const struct govern_status *st)
{
    if (!st->fetched && st->fetch_error)
        govern_buf_printf(err, "govern: warning: %s; showing the remote as of the last fetch\n",
                          st->fetch_error);
    if (!st->has_remote_branch)
        govern_buf_printf(out,
                          "The remote %s has no copy of this branch yet: govern sync "
                          "pushes it.\n",
                          st->remote);
    govern_buf_printf(out, "%zu commit%s here not pushed to %s; %zu commit%s there not here.\n",
                      st->ahead, st->ahead == 1 ? "" : "s", st->remote, st->behind,
                      st->behind == 1 ? "" : "s");
    print_list(out, "Not pushed (govern sync sends them):", &st->unpushed);
    print_list(out, "Changed on the remote since the last sync (govern sync brings them):",
               &st->changed_there);
    if (st->approved_there.count) {
        govern_buf_printf(out, "Minutes approved on the remote:\n");
        for (size_t i = 0; i < st->approved_there.count; i++)
            govern_buf_printf(out, "  %s\n", st->approved_there.items[i]);
    }
    if (st->sync_pending)
        govern_buf_printf(out, "An interrupted sync pushed changes this clone has not taken "
                               "yet: run govern sync.\n");
}

static int run(struct govern_invocation *inv)
{
    static const char *const fmts[] = {"text", "json", NULL};
    const char *fmt;
    struct govern_args a;
    struct govern_status st;
    int rc = govern_args_parse(&a, opts, inv->argc, inv->argv);
    if (rc)
        return rc;
    memset(&st, 0, sizeof(st));
    if ((rc = govern_args_positional(&a, 0, 1, cmd_status.usage)) ||
        (rc = cli_format(&fmt, inv, "text", fmts)))
        goto out;
    if ((rc =
             govern_store_status(&st, inv->store, a.positional.count ? a.positional.items[0] : NULL,
                                 govern_args_flag(&a, "offline"))))
        goto out;
    if (!strcmp(fmt, "json"))
        rc = print_json(inv->out, &st);
    else
        print_text(inv->out, inv->err, &st);
out:
    govern_status_clear(&st);
    govern_args_free(&a);
    return rc;
}

const struct govern_command cmd_status = {
    .name = "status",
    .summary = "records changed here and not pushed, and changed on the remote",
    .usage = "govern status [REMOTE] [--offline] [--format text|json]",
    .help = "Compares this clone's branch with REMOTE's (default origin), fetching first\n"
            "(--offline, or no network: as of the last fetch, with a warning). Lists the\n"
            "records changed by commits not pushed yet, the records changed on the remote\n"
            "since the last sync, each with the commits that changed them, and the meetings\n"
            "whose minutes were approved on the remote but not here; and says when an\n"
            "interrupted sync is waiting to be completed. Changes nothing in the store (a\n"
            "fetch updates only the remote-tracking branch). See docs/teamwork.md.",
    .options = opts,
    .flags = GOVERN_CMD_STORE,
    .run = run,
};
