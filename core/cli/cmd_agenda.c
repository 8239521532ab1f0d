/*
 * govern agenda add|move|remove|publish|show: the items of a meeting's
 * agenda.  The public form (--public, in every format) is rendered from the
 * public view (govern/public.h): exempt items keep their title and
 * paragraph only, a private meeting's items their titles, and an agenda
 * never published has no public form.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static const struct govern_opt opts[] = {
    {"purpose", 0, GOVERN_OPT_VALUE, "TEXT", "what the item is for (add)"},
    {"report", 0, GOVERN_OPT_VALUE, "FILE", "a Markdown report to attach (add)"},
    {"exempt", 0, GOVERN_OPT_VALUE, "PARAGRAPH",
     "exempt information: Schedule 12A paragraph 1-7 (add)"},
    {"urgent", 0, GOVERN_OPT_VALUE, "REASON", "an urgent item and why (add)"},
    {"fulfils", 0, GOVERN_OPT_VALUE, "CYCLE", "the reporting cycle this item fulfils (add)"},
    {"position", 0, GOVERN_OPT_VALUE, "N", "insert at item N instead of at the end (add)"},
    {"date", 0, GOVERN_OPT_VALUE, "DATE", "when the agenda went public (publish; default --as-of)"},
    {"public", 0, GOVERN_OPT_FLAG, NULL,
     "the public form: exempt items by title and paragraph only"},
    {NULL, 0, 0, NULL, NULL},
};

static const char *const subs[] = {"add", "move", "remove", "publish", "show", NULL};
#define USAGE "govern agenda add|move|remove|publish|show ID ..."
#define REPORT_MAX (512 * 1024)

enum op { OP_ADD, OP_MOVE, OP_REMOVE, OP_PUBLISH };

struct agenda_ctx {
    enum op op;
    const char *id;
    struct govern_agenda_item item; /* add */
    size_t position;                /* add: 0 = end, else 1-based */
    char *report_text;              /* add */
    size_t from, to;                /* move (1-based); remove uses from */
    govern_date date;               /* publish */
    char summary[300];
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

/* A file name for a report: the slug of the item's title. */
static void report_name(char *out, size_t n, const char *title, struct govern_snapshot *head,
                        const char *id)
{
    char base[48];
    size_t k = 0;
    bool dash = false;
    for (const char *p = title; *p && k < sizeof(base) - 1; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            base[k++] = c;
            dash = false;
        } else if (!dash && k) {
            base[k++] = '-';
            dash = true;
        }
    }
    while (k && base[k - 1] == '-')
        k--;
    base[k] = '\0';
    if (!k)
        snprintf(base, sizeof(base), "report");
    for (int i = 1;; i++) {
        char path[400];
        if (i == 1)
            snprintf(out, n, "%s.md", base);
        else
            snprintf(out, n, "%s-%d.md", base, i);
        snprintf(path, sizeof(path), "%s/reports/%s", id, out);
        if (!govern_snapshot_exists(head, path))
            return;
    }
}

static int agenda_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct agenda_ctx *ctx = vctx;
    struct govern_meeting *m = NULL;
    struct govern_agenda *a = NULL;
    struct govern_buf text = GOVERN_BUF_INIT;
    int rc;
    if ((rc = govern_meeting_load(&m, head, ctx->id)) ||
        (rc = govern_agenda_load(&a, head, ctx->id)))
        goto out;
    for (size_t i = 0; i < a->n_items; i++)
        if (a->items[i].exempt < 0) {
            /* never rewrite a value the clerk must correct by hand */
            rc = govern_error_set(GOVERN_EINVAL,
                                  "%s:%d: item %zu has an invalid exempt paragraph (1-7); correct "
                                  "the file first",
                                  a->path, a->items[i].line, i + 1);
            goto out;
        }
    switch (ctx->op) {
    case OP_ADD: {
        char name[80];
        if (ctx->report_text) {
            report_name(name, sizeof(name), ctx->item.title, head, ctx->id);
            char path[400];
            snprintf(path, sizeof(path), "%s/reports/%s", ctx->id, name);
            if ((rc = govern_change_put(chg, path, ctx->report_text, strlen(ctx->report_text))))
                goto out;
            ctx->item.report = name;
        }
        rc = govern_agenda_append(a, &ctx->item);
        ctx->item.report = NULL;
        if (rc)
            goto out;
        if (ctx->position) {
            if (ctx->position > a->n_items) {
                rc = govern_error_set(GOVERN_EINVAL, "--position %zu: the agenda has %zu items",
                                      ctx->position, a->n_items - 1);
                goto out;
            }
            if ((rc = govern_agenda_move(a, a->n_items - 1, ctx->position - 1)))
                goto out;
        }
        snprintf(ctx->summary, sizeof(ctx->summary), "Add item %zu to the agenda of %s: %s%s",
                 ctx->position ? ctx->position : a->n_items, ctx->id, ctx->item.title,
                 ctx->item.exempt ? " (exempt)" : "");
        break;
    }
    case OP_MOVE:
        if ((rc = govern_agenda_move(a, ctx->from - 1, ctx->to - 1)))
            goto out;
        snprintf(ctx->summary, sizeof(ctx->summary), "Move agenda item %zu of %s to %zu", ctx->from,
                 ctx->id, ctx->to);
        break;
    case OP_REMOVE: {
        if (ctx->from < 1 || ctx->from > a->n_items) {
            rc = govern_agenda_remove(a, ctx->from - 1);
            goto out;
        }
        char title[200];
        snprintf(title, sizeof(title), "%s", a->items[ctx->from - 1].title);
        char *report =
            a->items[ctx->from - 1].report ? strdup(a->items[ctx->from - 1].report) : NULL;
        if ((rc = govern_agenda_remove(a, ctx->from - 1))) {
            free(report);
            goto out;
        }
        if (report) {
            char path[400];
            bool still_used = false;
            for (size_t i = 0; i < a->n_items; i++)
                if (a->items[i].report && !strcmp(a->items[i].report, report))
                    still_used = true;
            snprintf(path, sizeof(path), "%s/reports/%s", ctx->id, report);
            if (!still_used && govern_snapshot_exists(head, path))
                rc = govern_change_delete(chg, path);
            free(report);
            if (rc)
                goto out;
        }
        snprintf(ctx->summary, sizeof(ctx->summary), "Remove agenda item %zu of %s: %s", ctx->from,
                 ctx->id, title);
        break;
    }
    case OP_PUBLISH: {
        if (a->published != GOVERN_DATE_NONE) {
            char d[11];
            govern_date_format(d, a->published);
            rc = govern_error_set(GOVERN_EINVAL, "the agenda of %s was already published on %s",
                                  ctx->id, d);
            goto out;
        }
        if (ctx->date > m->date) {
            rc = govern_error_set(GOVERN_EINVAL, "--date is after the meeting");
            goto out;
        }
        a->published = ctx->date;
        char d[40];
        govern_date_format_long(d, ctx->date);
        snprintf(ctx->summary, sizeof(ctx->summary), "Publish the agenda of %s on %s", ctx->id, d);
        break;
    }
    }
    if ((rc = govern_agenda_serialize(&text, a)))
        goto out;
    {
        /* the same rules as a hand-written file */
        struct govern_agenda *check = NULL;
        rc = govern_agenda_parse(&check, ctx->id, text.ptr, text.len);
        govern_agenda_free(check);
        if (rc)
            goto out;
    }
    if (!(rc = govern_change_put(chg, a->path, text.ptr, text.len)))
        rc = govern_change_message(chg, "%s", ctx->summary);
out:
    govern_buf_free(&text);
    govern_agenda_free(a);
    govern_meeting_free(m);
    return rc;
}

static int read_report(char **out, const char *file)
{
    FILE *f = fopen(file, "rb");
    if (!f)
        return govern_error_set(GOVERN_EINVAL, "--report %s: %s", file, strerror(errno));
    struct govern_buf b = GOVERN_BUF_INIT;
    char tmp[8192];
    size_t n;
    int rc = 0;
    while (!rc && (n = fread(tmp, 1, sizeof(tmp), f)) > 0) {
        if (b.len + n > REPORT_MAX)
            rc = govern_error_set(GOVERN_EINVAL, "--report %s: larger than %d KiB", file,
                                  REPORT_MAX / 1024);
        else
            rc = govern_buf_put(&b, tmp, n);
    }
    if (!rc && ferror(f))
        rc = govern_error_set(GOVERN_EIO, "--report %s: read error", file);
    fclose(f);
    if (!rc)
        rc = govern_utf8_check(file, b.ptr ? b.ptr : "", b.len);
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

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
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
    json_object_set_new(root, "location", str_or_null(m->location));
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
            json_object_set_new(j, "standard", str_or_null(it->standard));
            json_object_set_new(j, "purpose", str_or_null(it->purpose));
            json_object_set_new(j, "text", str_or_null(it->body));
            json_object_set_new(j, "report", str_or_null(it->report));
            json_object_set_new(j, "urgent", str_or_null(it->urgent));
            json_object_set_new(j, "fulfils", str_or_null(it->fulfils));
        }
        json_array_append_new(items, j);
    }
    json_object_set_new(root, "items", items);
    return cli_json_out(o, root);
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

static int run(struct govern_invocation *inv)
{
    size_t sub;
    struct govern_args a;
    int rc = govern_subcommand_parse(&sub, &a, subs, opts, inv->argc, inv->argv, USAGE);
    if (rc)
        return rc;
    struct agenda_ctx ctx;
    memset(&ctx, 0, sizeof(ctx));
    const char *v;
    char cid[41];
    if (sub == 4) {
        rc = do_show(inv, &a);
        goto out;
    }
    if (a.positional.count < 2) {
        rc = govern_error_set(GOVERN_EUSAGE, "missing meeting id; usage: %s", cmd_agenda.usage);
        goto out;
    }
    ctx.id = a.positional.items[1];
    if ((rc = govern_meeting_id_check(ctx.id)))
        goto out;
    switch (sub) {
    case 0:
        ctx.op = OP_ADD;
        if ((rc = govern_args_positional(&a, 3, 3, "govern agenda add ID TITLE [...]")))
            goto out;
        ctx.item.title = a.positional.items[2];
        if (!*ctx.item.title || strchr(ctx.item.title, '\n')) {
            rc = govern_error_set(GOVERN_EINVAL, "the title must be one line of text");
            goto out;
        }
        ctx.item.purpose = (char *)govern_args_get(&a, "purpose");
        ctx.item.urgent = (char *)govern_args_get(&a, "urgent");
        if (ctx.item.urgent && !*ctx.item.urgent) {
            rc = govern_error_set(GOVERN_EINVAL, "--urgent needs the reason (the special "
                                                 "circumstances)");
            goto out;
        }
        ctx.item.fulfils = (char *)govern_args_get(&a, "fulfils");
        if (ctx.item.fulfils && (rc = govern_path_check_segment("--fulfils", ctx.item.fulfils)))
            goto out;
        if ((v = govern_args_get(&a, "exempt"))) {
            if (strlen(v) != 1 || v[0] < '1' || v[0] > '7') {
                rc = govern_error_set(GOVERN_EINVAL,
                                      "--exempt must be a Schedule 12A paragraph from 1 to 7, not "
                                      "'%s'",
                                      v);
                goto out;
            }
            ctx.item.exempt = v[0] - '0';
        }
        if ((v = govern_args_get(&a, "position")) &&
            (rc = parse_index(&ctx.position, v, "--position")))
            goto out;
        if ((v = govern_args_get(&a, "report")) && (rc = read_report(&ctx.report_text, v)))
            goto out;
        break;
    case 1:
        ctx.op = OP_MOVE;
        if ((rc = govern_args_positional(&a, 4, 4, "govern agenda move ID FROM TO")) ||
            (rc = parse_index(&ctx.from, a.positional.items[2], "FROM")) ||
            (rc = parse_index(&ctx.to, a.positional.items[3], "TO")))
            goto out;
        break;
    case 2:
        ctx.op = OP_REMOVE;
        if ((rc = govern_args_positional(&a, 3, 3, "govern agenda remove ID N")) ||
            (rc = parse_index(&ctx.from, a.positional.items[2], "N")))
            goto out;
        break;
    case 3:
        ctx.op = OP_PUBLISH;
        ctx.date = inv->as_of;
        if ((rc = govern_args_positional(&a, 2, 2, "govern agenda publish ID [--date DATE]")))
            goto out;
        if ((v = govern_args_get(&a, "date")) && (rc = cli_date(&ctx.date, "date", v)))
            goto out;
        break;
    }
    if (!(rc = cli_commit(inv, agenda_fn, &ctx, cid)))
        govern_buf_printf(inv->out, "%s\n", ctx.summary);
out:
    free(ctx.report_text);
    govern_args_free(&a);
    return rc;
}

const struct govern_command cmd_agenda = {
    .name = "agenda",
    .summary = "add, move, remove and publish agenda items; show an agenda",
    .usage = "govern agenda add ID TITLE [--purpose TEXT] [--report FILE] [--exempt PARAGRAPH] "
             "[--urgent REASON] [--fulfils CYCLE] [--position N]\n"
             "       govern agenda move ID FROM TO\n"
             "       govern agenda remove ID N\n"
             "       govern agenda publish ID [--date DATE]\n"
             "       govern agenda show ID [--format md|html|json] [--public]",
    .help = "Items are numbered from 1 in agenda order. An exempt item carries its Schedule\n"
            "12A paragraph (1-7); its public form shows the title and paragraph only, never its\n"
            "purpose, text or report. A private meeting's public agenda lists titles only.\n"
            "'agenda publish' records the day the agenda went public; govern check compares it\n"
            "with the notice rule in govern.yaml.",
    .options = opts,
    .flags = GOVERN_CMD_STORE,
    .run = run,
};
