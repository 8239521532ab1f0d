/*
 * govern agenda add|move|remove|publish|show|edit|refresh: the items of a
 * meeting's agenda.  The writing subcommands read their options and call
 * the agenda operations (include/govern/ops.h).  The public form (--public,
 * in every format) is rendered from the public view (govern/public.h):
 * exempt items keep their title and paragraph only, a private meeting's
 * items their titles, and an agenda never published has no public form.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "govern/output.h"

/* The options, each written once, in the tables of the subcommands taking them. */
/* clang-format off */
#define OPT_PURPOSE {"purpose", 0, GOVERN_OPT_TEXT, "TEXT", "what the item is for"}
#define OPT_REPORT {"report", 0, GOVERN_OPT_VALUE, "FILE", "a Markdown report to attach"}
#define OPT_EXEMPT {"exempt", 0, GOVERN_OPT_VALUE, "PARAGRAPH", \
    "exempt information: Schedule 12A paragraph 1-7"}
#define OPT_URGENT {"urgent", 0, GOVERN_OPT_TEXT, "REASON", "an urgent item and why"}
#define OPT_FULFILS {"fulfils", 0, GOVERN_OPT_VALUE, "CYCLE", \
    "the reporting cycle this item fulfils"}
#define OPT_TEXT {"text", 0, GOVERN_OPT_VALUE, "TEXT", "more text for the item, '' to remove it"}
#define OPT_PAGES {"pages", 0, GOVERN_OPT_VALUE, "A-B", \
    "page reference in the printed pack, e.g. 9-52 or 5; '' to remove it"}
#define OPT_END {NULL, 0, 0, NULL, NULL}
/* clang-format on */

static const struct govern_opt add_opts[] = {
    OPT_PURPOSE,
    OPT_REPORT,
    OPT_EXEMPT,
    OPT_URGENT,
    OPT_FULFILS,
    {"position", 0, GOVERN_OPT_VALUE, "N", "insert at item N instead of at the end"},
    OPT_TEXT,
    OPT_PAGES,
    {"from", 0, GOVERN_OPT_VALUE, "FILE", "add several items from a YAML file"},
    OPT_END,
};

static const struct govern_opt edit_opts[] = {
    {"title", 0, GOVERN_OPT_VALUE, "TEXT", "the item's new title"},
    OPT_PURPOSE,
    OPT_TEXT,
    OPT_PAGES,
    OPT_REPORT,
    OPT_EXEMPT,
    {"public", 0, GOVERN_OPT_FLAG, NULL, "make the item open"},
    OPT_URGENT,
    OPT_FULFILS,
    OPT_END,
};

static const struct govern_opt publish_opts[] = {
    {"date", 0, GOVERN_OPT_VALUE, "DATE", "when the agenda went public (default --as-of)"},
    OPT_END,
};

static const struct govern_opt show_opts[] = {
    {"public", 0, GOVERN_OPT_FLAG, NULL,
     "the public form, exempt items by title and paragraph only"},
    OPT_END,
};

/* in the order of enum op */
static const char *const subs[] = {"add",  "move", "remove",  "publish",
                                   "show", "edit", "refresh", NULL};
#define REPORT_MAX (512 * 1024)

enum op { OP_ADD, OP_MOVE, OP_REMOVE, OP_PUBLISH, OP_SHOW, OP_EDIT, OP_REFRESH };

struct agenda_ctx {
    enum op op;
    const char *id;
    struct govern_invocation *inv;
    struct govern_agenda_item item; /* add */
    struct govern_agenda *many;     /* add --from */
    size_t position;                /* add: 0 = end, else 1-based */
    char *report_text;              /* add, edit */
    size_t from, to;                /* move (1-based); remove uses from */
    govern_date date;               /* publish */
    struct govern_ops_agenda_edit edit;
    struct govern_ops_result res;
};

static int parse_index(size_t *out, const char *s, const char *what)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 1 || v > 10000 || errno)
        return govern_error_set(GOVERN_EUSAGE, "%s must be an item number, not '%s'", what, s);
    *out = (size_t)v;
    return 0;
}

/* Runs the operation the options asked for (libgovern's ops layer). */
static int commit_op(struct agenda_ctx *ctx)
{
    struct govern_invocation *inv = ctx->inv;
    if (ctx->op == OP_ADD) {
        struct govern_ops_agenda_add r = {GOVERN_OPS_AGENDA_ADD_VERSION,
                                          ctx->id,
                                          ctx->many ? ctx->many->items : &ctx->item,
                                          ctx->many ? ctx->many->n_items : 1,
                                          ctx->many != NULL,
                                          ctx->position,
                                          ctx->report_text};
        return govern_ops_agenda_add(&ctx->res, inv->store, &r);
    }
    if (ctx->op == OP_EDIT) {
        ctx->edit.meeting = ctx->id;
        ctx->edit.item = ctx->from;
        ctx->edit.report_text = ctx->report_text;
        return govern_ops_agenda_edit(&ctx->res, inv->store, &ctx->edit);
    }
    struct govern_ops_agenda_change r = {GOVERN_OPS_AGENDA_CHANGE_VERSION,
                                         ctx->id,
                                         ctx->from,
                                         ctx->to,
                                         ctx->date,
                                         inv->registry,
                                         inv->as_of};
    switch (ctx->op) {
    case OP_MOVE:
        return govern_ops_agenda_move(&ctx->res, inv->store, &r);
    case OP_REMOVE:
        return govern_ops_agenda_remove(&ctx->res, inv->store, &r);
    case OP_PUBLISH:
        return govern_ops_agenda_publish(&ctx->res, inv->store, &r);
    case OP_REFRESH:
        return govern_ops_agenda_refresh(&ctx->res, inv->store, &r);
    default:
        return 0;
    }
}

static int read_report(char **out, const char *file)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = govern_text_file_read(&b, "--report", file, REPORT_MAX);
    if (!rc && b.len == 0)
        rc = govern_error_set(GOVERN_EINVAL, "--report %s: the file is empty", file);
    if (rc) {
        govern_buf_free(&b);
        return rc;
    }
    *out = govern_buf_detach(&b);
    return 0;
}

/* ---------------------------------------------------------------- show */

static int render_md(struct govern_buf *o, const struct govern_committee *c,
                     const struct govern_meeting *m, const struct govern_agenda *a,
                     struct govern_snapshot *snap)
{
    char d[40], t[6];
    govern_date_format_long(d, m->date);
    govern_buf_printf(o, "# %s\n\n", c->name);
    govern_buf_printf(o, "%s%s", d, m->time != GOVERN_TIME_NONE ? " at " : "");
    if (m->time != GOVERN_TIME_NONE) {
        govern_time_format(t, m->time);
        govern_buf_puts(o, t);
    }
    if (m->location) {
        govern_buf_puts(o, ", ");
        govern_md_escape(o, m->location);
    }
    govern_buf_puts(o, "\n\n");
    if (m->status == GOVERN_STATUS_CANCELLED || m->status == GOVERN_STATUS_POSTPONED)
        govern_buf_printf(o, "**This meeting has been %s.**\n\n",
                          govern_meeting_status_name(m->status));
    if (a->published != GOVERN_DATE_NONE) {
        char p[40];
        govern_date_format_long(p, a->published);
        govern_buf_printf(o, "Published %s\n\n", p);
    }
    govern_buf_puts(o, "## Agenda\n\n");
    if (a->notes)
        govern_buf_printf(o, "%s\n", a->notes);
    for (size_t i = 0; i < a->n_items; i++) {
        const struct govern_agenda_item *it = &a->items[i];
        govern_buf_printf(o, "### %zu. ", i + 1);
        govern_md_escape(o, it->title);
        if (it->pages) {
            char pages[40];
            govern_pages_format(pages, sizeof(pages), it->pages);
            govern_buf_printf(o, " (%s)", pages);
        }
        govern_buf_puts(o, "\n\n");
        if (it->exempt > 0) {
            govern_buf_printf(o,
                              "*Exempt information: not for publication by virtue of paragraph "
                              "%d of Part 1 of Schedule 12A to the Local Government Act 1972 "
                              "(%s).*\n\n",
                              it->exempt, govern_exempt_paragraph_text(it->exempt));
        } else if (it->exempt < 0) {
            govern_buf_puts(o, "*Not for publication (its exempt status could not be "
                               "decided).*\n\n");
        }
        if (it->urgent)
            govern_buf_printf(o, "*Urgent item. Special circumstances: %s*\n\n", it->urgent);
        if (it->purpose)
            govern_buf_printf(o, "%s\n\n", it->purpose);
        if (it->body)
            govern_buf_printf(o, "%s\n\n", it->body);
        if (it->report) {
            char path[400];
            struct govern_buf r = GOVERN_BUF_INIT;
            snprintf(path, sizeof(path), "%s/reports/%s", a->meeting, it->report);
            int rc = govern_snapshot_read(&r, snap, path);
            if (rc) {
                govern_buf_free(&r);
                return rc;
            }
            /* the report's own headings go under "Report" */
            govern_buf_printf(o, "#### Report: %s\n\n", it->report);
            rc = govern_md_nest_headings(o, r.ptr ? r.ptr : "", 5);
            govern_buf_free(&r);
            if (rc)
                return rc;
            govern_buf_puts(o, "\n\n");
        }
    }
    return 0;
}

static int render_json(struct govern_buf *o, const struct govern_committee *c,
                       const struct govern_meeting *m, const struct govern_agenda *a, bool public)
{
    json_t *root = json_object();
    char d[11], t[6];
    json_object_set_new(root, "meeting", json_string(m->id));
    json_object_set_new(root, "committee", json_string(c->slug));
    json_object_set_new(root, "committee_name", json_string(c->name));
    govern_date_format(d, m->date);
    json_object_set_new(root, "date", json_string(d));
    if (m->time != GOVERN_TIME_NONE) {
        govern_time_format(t, m->time);
        json_object_set_new(root, "time", json_string(t));
    } else {
        json_object_set_new(root, "time", json_null());
    }
    json_object_set_new(root, "location", govern_json_str(m->location));
    json_object_set_new(root, "status", json_string(govern_meeting_status_name(m->status)));
    if (a->published != GOVERN_DATE_NONE) {
        govern_date_format(d, a->published);
        json_object_set_new(root, "published", json_string(d));
    } else {
        json_object_set_new(root, "published", json_null());
    }
    json_object_set_new(root, "public", json_boolean(public));
    json_t *items = json_array();
    for (size_t i = 0; i < a->n_items; i++) {
        const struct govern_agenda_item *it = &a->items[i];
        json_t *j = json_object();
        json_object_set_new(j, "number", json_integer((json_int_t)i + 1));
        json_object_set_new(j, "title", json_string(it->title));
        json_object_set_new(j, "exempt", it->exempt > 0 ? json_integer(it->exempt) : json_null());
        if (it->exempt < 0)
            json_object_set_new(j, "withheld", json_true());
        if (!(public && it->exempt)) {
            json_object_set_new(j, "standard", govern_json_str(it->standard));
            json_object_set_new(j, "purpose", govern_json_str(it->purpose));
            json_object_set_new(j, "text", govern_json_str(it->body));
            json_object_set_new(j, "pages", govern_json_str(it->pages));
            json_object_set_new(j, "report", govern_json_str(it->report));
            json_object_set_new(j, "urgent", govern_json_str(it->urgent));
            json_object_set_new(j, "fulfils", govern_json_str(it->fulfils));
        }
        json_array_append_new(items, j);
    }
    json_object_set_new(root, "items", items);
    return govern_json_write(o, root, 0);
}

/* The public form: the public view's agenda (a draft has none). */
static int load_public(const struct govern_agenda **a, const struct govern_meeting **m,
                       struct govern_public *view, const char *id, govern_date as_of)
{
    const struct govern_public_meeting *pm;
    int rc = govern_public_meeting(&pm, view, id);
    if (rc)
        return rc;
    if (!pm->agenda && !pm->draft) {
        /* none, or one that cannot be read: the same error as without --public */
        struct govern_agenda *full = NULL;
        rc = govern_agenda_load(&full, govern_public_snapshot(view), id);
        govern_agenda_free(full);
        return rc ? rc
                  : govern_error_set(GOVERN_EINVAL, "the agenda of %s cannot be published", id);
    }
    if (!pm->agenda) {
        char d[11];
        govern_date_format(d, as_of);
        return govern_error_set(GOVERN_ENOTFOUND,
                                "the agenda of %s is not published (as of %s): it has no public "
                                "form",
                                id, d);
    }
    *a = pm->agenda;
    *m = pm->meeting;
    return 0;
}

static int do_show(struct govern_invocation *inv, struct govern_args *args)
{
    static const char *const fmts[] = {"md", "text", "html", "json", NULL};
    const char *fmt;
    int rc = govern_args_positional(args, 2, 2, "govern agenda show ID [--public]");
    if (rc || (rc = cli_format(&fmt, inv, "md", fmts)))
        return rc;
    bool public = govern_args_flag(args, "public");
    struct govern_meeting *full_m = NULL;
    struct govern_committee *c = NULL;
    struct govern_agenda *full = NULL;
    struct govern_public *view = NULL;
    const struct govern_meeting *m = NULL;
    const struct govern_agenda *a = NULL;
    if (public) {
        if (!(rc = govern_public_open(&view, inv->snap, inv->as_of)))
            rc = load_public(&a, &m, view, args->positional.items[1], inv->as_of);
        if (view)
            govern_public_put_warnings(inv->err, view);
    } else if (!(rc = govern_meeting_load(&full_m, inv->snap, args->positional.items[1])) &&
               !(rc = govern_agenda_load(&full, inv->snap, full_m->id))) {
        m = full_m;
        a = full;
    }
    if (rc || (rc = govern_committee_load(&c, inv->snap, m->committee)))
        goto out;
    if (!strcmp(fmt, "json")) {
        rc = render_json(inv->out, c, m, a, public);
    } else if (!strcmp(fmt, "html")) {
        struct govern_buf md = GOVERN_BUF_INIT;
        char title[300];
        snprintf(title, sizeof(title), "Agenda: %s", c->name);
        if (!(rc = render_md(&md, c, m, a, inv->snap)))
            rc = govern_markdown_page(inv->out, title, md.ptr);
        govern_buf_free(&md);
    } else {
        rc = render_md(inv->out, c, m, a, inv->snap);
    }
out:
    govern_public_free(view);
    govern_agenda_free(full);
    govern_committee_free(c);
    govern_meeting_free(full_m);
    return rc;
}

static int parse_exempt(int *out, const char *v)
{
    if (strlen(v) != 1 || v[0] < '1' || v[0] > '7')
        return govern_error_set(
            GOVERN_EINVAL, "--exempt must be a Schedule 12A paragraph from 1 to 7, not '%s'", v);
    *out = v[0] - '0';
    return 0;
}

static int read_items(struct agenda_ctx *ctx, const char *file)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = govern_text_file_read(&b, "--from", file, GOVERN_DOC_MAX_BYTES);
    if (!rc)
        rc = govern_agenda_parse_items(&ctx->many, ctx->id, file, b.ptr ? b.ptr : "", b.len);
    for (size_t i = 0; !rc && i < ctx->many->n_items; i++) {
        if ((rc = govern_ops_agenda_item_check(&ctx->many->items[i])))
            govern_error_prefix(rc, "%s: item %zu", file, i + 1);
    }
    govern_buf_free(&b);
    return rc;
}

static int parse_add(struct agenda_ctx *ctx, struct govern_args *a)
{
    const char *v = govern_args_get(a, "from");
    int rc = govern_args_positional(a, v ? 2 : 3, v ? 2 : 3,
                                    "govern agenda add ID TITLE [...] | add ID --from FILE");
    if (rc)
        return rc;
    if ((v = govern_args_get(a, "position")) && (rc = parse_index(&ctx->position, v, "--position")))
        return rc;
    if ((v = govern_args_get(a, "from"))) {
        static const char *const one[] = {"purpose", "report", "exempt", "urgent",
                                          "fulfils", "text",   "pages"};
        for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++)
            if (govern_args_get(a, one[i]))
                return govern_error_set(GOVERN_EUSAGE,
                                        "--%s is for one item: with --from, write "
                                        "it in the file",
                                        one[i]);
        return read_items(ctx, v);
    }
    struct govern_agenda_item *it = &ctx->item;
    const char *text = govern_args_get(a, "text"), *pages = govern_args_get(a, "pages");
    const char *fulfils = govern_args_get(a, "fulfils");
    it->title = (char *)a->positional.items[2];
    it->purpose = (char *)govern_args_get(a, "purpose");
    it->body = text && *text ? (char *)text : NULL;
    it->pages = pages && *pages ? (char *)pages : NULL;
    it->fulfils = fulfils && *fulfils ? (char *)fulfils : NULL;
    it->urgent = (char *)govern_args_get(a, "urgent");
    if ((rc = govern_ops_agenda_item_check(it)))
        return rc;
    if ((v = govern_args_get(a, "exempt")) && (rc = parse_exempt(&it->exempt, v)))
        return rc;
    if ((v = govern_args_get(a, "report")))
        rc = read_report(&ctx->report_text, v);
    return rc;
}

static int parse_edit(struct agenda_ctx *ctx, struct govern_args *a)
{
    int rc = govern_args_positional(a, 3, 3, "govern agenda edit ID N [--title TEXT] ...");
    if (rc || (rc = parse_index(&ctx->from, a->positional.items[2], "N")))
        return rc;
    struct govern_ops_agenda_edit *e = &ctx->edit;
    e->version = GOVERN_OPS_AGENDA_EDIT_VERSION;
    e->title = govern_args_get(a, "title");
    e->purpose = govern_args_get(a, "purpose");
    e->text = govern_args_get(a, "text");
    e->pages = govern_args_get(a, "pages");
    e->fulfils = govern_args_get(a, "fulfils");
    e->urgent = govern_args_get(a, "urgent");
    e->exempt = -1;
    const char *v = govern_args_get(a, "exempt");
    if (v && govern_args_flag(a, "public"))
        return govern_error_set(GOVERN_EUSAGE, "--exempt and --public contradict");
    if (v && (rc = parse_exempt(&e->exempt, v)))
        return rc;
    if (govern_args_flag(a, "public"))
        e->exempt = 0;
    if ((rc = govern_ops_agenda_edit_check(e)))
        return rc;
    if ((v = govern_args_get(a, "report")) && (rc = read_report(&ctx->report_text, v)))
        return rc;
    if (!e->title && !e->purpose && !e->text && !e->pages && !e->fulfils && !e->urgent &&
        e->exempt < 0 && !ctx->report_text)
        return govern_error_set(GOVERN_EUSAGE, "nothing to change: give --title, --purpose, "
                                               "--text, --pages, --report, --exempt, --public, "
                                               "--urgent or --fulfils");
    return 0;
}

static int parse_op(struct agenda_ctx *ctx, struct govern_invocation *inv, struct govern_args *a)
{
    const char *v;
    int rc;
    switch (ctx->op) {
    case OP_ADD:
        return parse_add(ctx, a);
    case OP_MOVE:
        if ((rc = govern_args_positional(a, 4, 4, "govern agenda move ID FROM TO")) ||
            (rc = parse_index(&ctx->from, a->positional.items[2], "FROM")))
            return rc;
        return parse_index(&ctx->to, a->positional.items[3], "TO");
    case OP_REMOVE:
        if ((rc = govern_args_positional(a, 3, 3, "govern agenda remove ID N")))
            return rc;
        return parse_index(&ctx->from, a->positional.items[2], "N");
    case OP_PUBLISH:
        ctx->date = inv->as_of;
        if ((rc = govern_args_positional(a, 2, 2, "govern agenda publish ID [--date DATE]")))
            return rc;
        if ((v = govern_args_get(a, "date")))
            return cli_date(&ctx->date, "date", v);
        return 0;
    case OP_EDIT:
        return parse_edit(ctx, a);
    case OP_REFRESH:
        return govern_args_positional(a, 2, 2, "govern agenda refresh ID");
    case OP_SHOW:
        break;
    }
    return 0;
}

/* Every subcommand: its options parsed by the CLI, a->positional[0] its name. */
static int run_sub(struct govern_invocation *inv, struct govern_args *args)
{
    struct govern_args a = *args; /* the CLI frees it */
    int rc = 0;
    size_t sub = 0;
    while (subs[sub] && strcmp(subs[sub], a.positional.items[0]))
        sub++;
    struct agenda_ctx ctx;
    memset(&ctx, 0, sizeof(ctx));
    ctx.op = (enum op)sub;
    ctx.inv = inv;
    if (ctx.op == OP_SHOW) {
        rc = do_show(inv, &a);
        goto out;
    }
    if (a.positional.count < 2) {
        rc = govern_error_set(GOVERN_EUSAGE, "missing meeting id; usage: %s", cmd_agenda.usage);
        goto out;
    }
    ctx.id = a.positional.items[1];
    if ((rc = govern_meeting_id_check(ctx.id)) || (rc = parse_op(&ctx, inv, &a)))
        goto out;
    if (!(rc = commit_op(&ctx))) {
        govern_buf_printf(inv->out, "%s\n",
                          ctx.res.commit[0] ? ctx.res.summary : "Nothing changed");
        if (ctx.res.warnings.len)
            govern_buf_puts(inv->err, ctx.res.warnings.ptr);
    }
out:
    govern_ops_result_free(&ctx.res);
    govern_agenda_free(ctx.many);
    free(ctx.report_text);
    return rc;
}

#define WRITE (GOVERN_CMD_STORE | GOVERN_CMD_WRITES)
static const struct govern_subcommand sub_table[] = {
    {"add", "add items", NULL, add_opts, WRITE, run_sub, NULL, NULL},
    {"edit", "change one item", NULL, edit_opts, WRITE, run_sub, NULL, NULL},
    {"refresh", "add the standing items plugins contribute again", NULL, NULL, WRITE, run_sub, NULL,
     NULL},
    {"move", "move an item to another place", NULL, NULL, WRITE, run_sub, NULL, NULL},
    {"remove", "remove an item", NULL, NULL, WRITE, run_sub, NULL, NULL},
    {"publish", "record the day the agenda went public", NULL, publish_opts, WRITE, run_sub, NULL,
     NULL},
    {"show", "the agenda as Markdown, HTML or JSON", NULL, show_opts, GOVERN_CMD_STORE, run_sub,
     NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

const struct govern_command cmd_agenda = {
    .name = "agenda",
    .summary = "add, move, remove and publish agenda items; show an agenda",
    .usage = "govern agenda add ID TITLE [--purpose TEXT] [--text TEXT] [--pages A-B] "
             "[--report FILE] [--exempt PARAGRAPH] [--urgent REASON] [--fulfils CYCLE] "
             "[--position N]\n"
             "       govern agenda add ID --from FILE [--position N]\n"
             "       govern agenda edit ID N [--title TEXT] [--purpose TEXT] [--text TEXT] "
             "[--pages A-B] [--report FILE] [--exempt PARAGRAPH|--public] [--urgent REASON] "
             "[--fulfils CYCLE]\n"
             "       govern agenda refresh ID\n"
             "       govern agenda move ID FROM TO\n"
             "       govern agenda remove ID N\n"
             "       govern agenda publish ID [--date DATE]\n"
             "       govern agenda show ID [--format md|html|json] [--public]",
    .help = "Items are numbered from 1 in agenda order. An exempt item carries its Schedule\n"
            "12A paragraph (1-7); its public form shows the title and paragraph only, never its\n"
            "purpose, text or report. A private meeting's public agenda lists titles only.\n"
            "'agenda edit' changes one item ('' removes a field; --public makes it open;\n"
            "--report replaces or attaches its report); --pages gives the page reference the\n"
            "printed agenda shows as '(Pages 9 - 52)'. 'agenda add --from FILE' adds every\n"
            "item of a YAML file with one key, items:, a list written as in agenda.md (see\n"
            "docs/format.md). 'agenda refresh' makes the standing items plugins add (the\n"
            "Action log) again as of --as-of. 'agenda publish' records the day the agenda\n"
            "went public; govern check compares it with the notice rule in govern.yaml.\n"
            "Each command is one commit; the result is checked as govern check reads files.",
    .subcommands = sub_table,
};
