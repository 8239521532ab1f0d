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
    {"purpose", 0, GOVERN_OPT_TEXT, "TEXT", "what the item is for (add)"},
    {"report", 0, GOVERN_OPT_VALUE, "FILE", "a Markdown report to attach (add)"},
    {"exempt", 0, GOVERN_OPT_VALUE, "PARAGRAPH",
     "exempt information: Schedule 12A paragraph 1-7 (add)"},
    {"urgent", 0, GOVERN_OPT_TEXT, "REASON", "an urgent item and why (add)"},
    {"fulfils", 0, GOVERN_OPT_VALUE, "CYCLE", "the reporting cycle this item fulfils (add)"},
    {"position", 0, GOVERN_OPT_VALUE, "N", "insert at item N instead of at the end (add)"},
    {"date", 0, GOVERN_OPT_VALUE, "DATE", "when the agenda went public (publish; default --as-of)"},
    {"public", 0, GOVERN_OPT_FLAG, NULL,
     "show: the public form, exempt items by title and paragraph only; edit: make the item open"},
    {"title", 0, GOVERN_OPT_VALUE, "TEXT", "the item's new title (edit)"},
    {"text", 0, GOVERN_OPT_VALUE, "TEXT", "more text for the item, '' to remove it (add, edit)"},
    {"pages", 0, GOVERN_OPT_VALUE, "A-B",
     "page reference in the printed pack, e.g. 9-52 or 5; '' to remove it (add, edit)"},
    {"from", 0, GOVERN_OPT_VALUE, "FILE", "add several items from a YAML file (add)"},
    {NULL, 0, 0, NULL, NULL},
};

static const char *const subs[] = {"add",  "move", "remove",  "publish",
                                   "show", "edit", "refresh", NULL};
#define USAGE "govern agenda add|move|remove|publish|show|edit|refresh ID ..."
#define REPORT_MAX (512 * 1024)

enum op { OP_ADD, OP_MOVE, OP_REMOVE, OP_PUBLISH, OP_SHOW, OP_EDIT, OP_REFRESH };

/* agenda edit: NULL leaves a field as it is, "" removes it */
struct item_edit {
    const char *title, *purpose, *text, *pages, *fulfils, *urgent;
    int exempt; /* -1: unchanged, 0: open, 1-7 */
};

struct agenda_ctx {
    enum op op;
    const char *id;
    struct govern_invocation *inv;
    struct govern_agenda_item item; /* add */
    struct govern_agenda *many;     /* add --from */
    size_t position;                /* add: 0 = end, else 1-based */
    char *report_text;              /* add, edit */
    size_t from, to;                /* move (1-based); remove and edit use from */
    govern_date date;               /* publish */
    struct item_edit edit;
    char summary[300];
    char warning[400]; /* publish: short notice, printed after the commit */
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

/* Puts a report for an item: its existing file when it has one, else a new
 * file named after the title. */
static int put_report(struct govern_change *chg, struct govern_snapshot *head,
                      struct agenda_ctx *ctx, struct govern_agenda_item *it)
{
    char name[80], path[400];
    if (it->report) {
        snprintf(name, sizeof(name), "%.79s", it->report);
    } else {
        report_name(name, sizeof(name), it->title, head, ctx->id);
        if (!(it->report = strdup(name)))
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    snprintf(path, sizeof(path), "%s/reports/%s", ctx->id, name);
    return govern_change_put(chg, path, ctx->report_text, strlen(ctx->report_text));
}

static int add_one(struct govern_change *chg, struct govern_snapshot *head, struct agenda_ctx *ctx,
                   struct govern_agenda *a)
{
    int rc = govern_agenda_append(a, &ctx->item);
    if (!rc && ctx->report_text)
        rc = put_report(chg, head, ctx, &a->items[a->n_items - 1]);
    if (rc)
        return rc;
    if (ctx->position) {
        if (ctx->position > a->n_items)
            return govern_error_set(GOVERN_EINVAL, "--position %zu: the agenda has %zu items",
                                    ctx->position, a->n_items - 1);
        if ((rc = govern_agenda_move(a, a->n_items - 1, ctx->position - 1)))
            return rc;
    }
    snprintf(ctx->summary, sizeof(ctx->summary), "Add item %zu to the agenda of %s: %s%s",
             ctx->position ? ctx->position : a->n_items, ctx->id, ctx->item.title,
             ctx->item.exempt ? " (exempt)" : "");
    return 0;
}

/* agenda add --from FILE: every item of the file, in order, at the end (or
 * from --position on). */
static int add_many(struct agenda_ctx *ctx, struct govern_agenda *a)
{
    size_t first = a->n_items;
    int rc = 0;
    if (ctx->position > first + 1)
        return govern_error_set(GOVERN_EINVAL, "--position %zu: the agenda has %zu items",
                                ctx->position, first);
    for (size_t i = 0; i < ctx->many->n_items && !rc; i++) {
        rc = govern_agenda_append(a, &ctx->many->items[i]);
        if (!rc && ctx->position)
            rc = govern_agenda_move(a, a->n_items - 1, ctx->position - 1 + i);
    }
    size_t at = ctx->position ? ctx->position : first + 1;
    if (!rc)
        snprintf(ctx->summary, sizeof(ctx->summary),
                 "Add items %zu to %zu to the agenda of %s (%zu items)", at,
                 at + ctx->many->n_items - 1, ctx->id, ctx->many->n_items);
    return rc;
}

static int edit_item(struct govern_change *chg, struct govern_snapshot *head,
                     struct agenda_ctx *ctx, struct govern_agenda *a)
{
    const struct item_edit *e = &ctx->edit;
    if (ctx->from > a->n_items)
        return govern_error_set(GOVERN_EINVAL, "no item %zu on the agenda of %s (it has %zu)",
                                ctx->from, ctx->id, a->n_items);
    struct govern_agenda_item *it = &a->items[ctx->from - 1];
    int rc;
    if ((rc = cli_set_text(&it->title, e->title)) ||
        (rc = cli_set_text(&it->purpose, e->purpose)) || (rc = cli_set_text(&it->body, e->text)) ||
        (rc = cli_set_text(&it->pages, e->pages)) ||
        (rc = cli_set_text(&it->fulfils, e->fulfils)) ||
        (rc = cli_set_text(&it->urgent, e->urgent)))
        return rc;
    if (e->exempt >= 0)
        it->exempt = e->exempt;
    if (ctx->report_text && (rc = put_report(chg, head, ctx, it)))
        return rc;
    snprintf(ctx->summary, sizeof(ctx->summary), "Edit agenda item %zu of %s: %s", ctx->from,
             ctx->id, it->title);
    return 0;
}

/* Where the items of source start in a (or a->n_items), after removing them. */
static size_t take_out_source(struct govern_agenda *a, const char *source)
{
    size_t at = a->n_items;
    for (size_t i = a->n_items; i-- > 0;)
        if (a->items[i].source && !strcmp(a->items[i].source, source)) {
            govern_agenda_remove(a, i);
            at = i;
        }
    return at < a->n_items ? at : a->n_items;
}

/* agenda refresh: the items plugins add to a new agenda (the Action log),
 * made again as of --as-of, replace the ones the agenda holds. */
static int refresh_items(struct govern_snapshot *head, struct agenda_ctx *ctx,
                         const struct govern_meeting *m, struct govern_agenda *a)
{
    struct govern_committee *c = NULL;
    struct govern_config *cfg = NULL;
    struct govern_agenda fresh = {0};
    struct govern_strlist sources = GOVERN_STRLIST_INIT;
    fresh.meeting = m->id;
    fresh.path = a->path;
    int rc;
    if ((rc = govern_config_load(&cfg, head)) ||
        (rc = govern_committee_load(&c, head, m->committee)) ||
        (rc = govern_registry_contribute_agenda(ctx->inv->registry, &fresh, m, c, head, cfg,
                                                ctx->inv->as_of)))
        goto out;
    for (size_t i = 0; i < a->n_items && !rc; i++)
        if (a->items[i].source && !govern_strlist_contains(&sources, a->items[i].source))
            rc = govern_strlist_add(&sources, a->items[i].source);
    for (size_t i = 0; i < fresh.n_items && !rc; i++)
        if (!govern_strlist_contains(&sources, fresh.items[i].source))
            rc = govern_strlist_add(&sources, fresh.items[i].source);
    for (size_t k = 0; k < sources.count && !rc; k++) {
        size_t at = take_out_source(a, sources.items[k]);
        for (size_t i = 0; i < fresh.n_items && !rc; i++) {
            if (strcmp(fresh.items[i].source, sources.items[k]))
                continue;
            if (!(rc = govern_agenda_append(a, &fresh.items[i])))
                rc = govern_agenda_move(a, a->n_items - 1, at++);
        }
    }
    char d[11];
    govern_date_format(d, ctx->inv->as_of);
    if (!rc && !sources.count)
        rc = govern_error_set(GOVERN_EINVAL,
                              "the agenda of %s has no standing items to refresh, and no plugin "
                              "adds one as of %s (the Action log appears once the committee has "
                              "actions)",
                              ctx->id, d);
    if (!rc)
        snprintf(ctx->summary, sizeof(ctx->summary), "Refresh the standing items of %s as of %s",
                 ctx->id, d);
out:
    for (size_t i = 0; i < fresh.n_items; i++)
        govern_agenda_item_clear(&fresh.items[i]);
    free(fresh.items);
    govern_strlist_free(&sources);
    govern_committee_free(c);
    govern_config_free(cfg);
    return rc;
}

static int remove_item(struct govern_change *chg, struct govern_snapshot *head,
                       struct agenda_ctx *ctx, struct govern_agenda *a)
{
    if (ctx->from < 1 || ctx->from > a->n_items)
        return govern_agenda_remove(a, ctx->from - 1);
    char title[200];
    snprintf(title, sizeof(title), "%s", a->items[ctx->from - 1].title);
    char *report = a->items[ctx->from - 1].report ? strdup(a->items[ctx->from - 1].report) : NULL;
    int rc = govern_agenda_remove(a, ctx->from - 1);
    if (!rc && report) {
        char path[400];
        bool still_used = false;
        for (size_t i = 0; i < a->n_items; i++)
            if (a->items[i].report && !strcmp(a->items[i].report, report))
                still_used = true;
        snprintf(path, sizeof(path), "%s/reports/%s", ctx->id, report);
        if (!still_used && govern_snapshot_exists(head, path))
            rc = govern_change_delete(chg, path);
    }
    free(report);
    if (!rc)
        snprintf(ctx->summary, sizeof(ctx->summary), "Remove agenda item %zu of %s: %s", ctx->from,
                 ctx->id, title);
    return rc;
}

/* The law lets a meeting go ahead on short notice (the agenda is still
 * published), but the clerk is told at once, in the words of check. */
static int notice_warning(struct agenda_ctx *ctx, struct govern_snapshot *head,
                          const struct govern_meeting *m)
{
    struct govern_config *cfg = NULL;
    ctx->warning[0] = '\0';
    int rc = govern_config_load(&cfg, head);
    if (rc)
        return rc;
    int clear = govern_date_clear_days(ctx->date, m->date, cfg->notice_counting, &cfg->holidays);
    if (ctx->date >= m->date || clear < cfg->notice_days) {
        char deadline[11];
        govern_date_format(deadline,
                           govern_date_notice_deadline(m->date, cfg->notice_days,
                                                       cfg->notice_counting, &cfg->holidays));
        snprintf(ctx->warning, sizeof(ctx->warning),
                 "warning: rule notice: the agenda of %s gives %d %s before the meeting; %d "
                 "needed (publish by %s, s100B LGA 1972); govern check will report it",
                 ctx->id, clear < 0 ? 0 : clear,
                 cfg->notice_counting == GOVERN_NOTICE_WORKING ? "clear working days"
                                                               : "clear days (s243 LGA 1972)",
                 cfg->notice_days, deadline);
    }
    govern_config_free(cfg);
    return 0;
}

static int publish(struct agenda_ctx *ctx, struct govern_snapshot *head,
                   const struct govern_meeting *m, struct govern_agenda *a)
{
    char d[40];
    if (a->published != GOVERN_DATE_NONE) {
        govern_date_format(d, a->published);
        return govern_error_set(GOVERN_EINVAL, "the agenda of %s was already published on %s",
                                ctx->id, d);
    }
    if (ctx->date > m->date)
        return govern_error_set(GOVERN_EINVAL, "--date is after the meeting");
    a->published = ctx->date;
    int rc = notice_warning(ctx, head, m);
    if (rc)
        return rc;
    govern_date_format_long(d, ctx->date);
    snprintf(ctx->summary, sizeof(ctx->summary), "Publish the agenda of %s on %s", ctx->id, d);
    return 0;
}

static int apply(struct govern_change *chg, struct govern_snapshot *head, struct agenda_ctx *ctx,
                 const struct govern_meeting *m, struct govern_agenda *a)
{
    switch (ctx->op) {
    case OP_ADD:
        return ctx->many ? add_many(ctx, a) : add_one(chg, head, ctx, a);
    case OP_MOVE:
        snprintf(ctx->summary, sizeof(ctx->summary), "Move agenda item %zu of %s to %zu", ctx->from,
                 ctx->id, ctx->to);
        return govern_agenda_move(a, ctx->from - 1, ctx->to - 1);
    case OP_REMOVE:
        return remove_item(chg, head, ctx, a);
    case OP_PUBLISH:
        return publish(ctx, head, m, a);
    case OP_EDIT:
        return edit_item(chg, head, ctx, a);
    case OP_REFRESH:
        return refresh_items(head, ctx, m, a);
    case OP_SHOW:
        break;
    }
    return 0;
}

static int agenda_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct agenda_ctx *ctx = vctx;
    struct govern_meeting *m = NULL;
    struct govern_agenda *a = NULL, *check = NULL;
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
    if ((rc = apply(chg, head, ctx, m, a)) || (rc = govern_agenda_serialize(&text, a)))
        goto out;
    /* the same rules as a hand-written file */
    if ((rc = govern_agenda_parse(&check, ctx->id, text.ptr, text.len)))
        goto out;
    if (!(rc = govern_change_put(chg, a->path, text.ptr, text.len)))
        rc = govern_change_message(chg, "%s", ctx->summary);
out:
    govern_agenda_free(check);
    govern_buf_free(&text);
    govern_agenda_free(a);
    govern_meeting_free(m);
    return rc;
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
            json_object_set_new(j, "pages", str_or_null(it->pages));
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

static int parse_exempt(int *out, const char *v)
{
    if (strlen(v) != 1 || v[0] < '1' || v[0] > '7')
        return govern_error_set(
            GOVERN_EINVAL, "--exempt must be a Schedule 12A paragraph from 1 to 7, not '%s'", v);
    *out = v[0] - '0';
    return 0;
}

/* Checks option values shared by add and edit ("" allowed where edit removes). */
static int check_values(const struct item_edit *e, bool editing)
{
    if (e->title && (!*e->title || strchr(e->title, '\n') || strchr(e->title, '\r')))
        return govern_error_set(GOVERN_EINVAL, "the title must be one line of text");
    if (e->urgent && (*e->urgent || !editing) && !govern_reason_stated(e->urgent))
        return govern_error_set(GOVERN_EINVAL,
                                "rule urgent: --urgent takes the reason for urgency (the special "
                                "circumstances, s100B(4) LGA 1972), not '%s'; leave it out when "
                                "the item is not urgent",
                                e->urgent);
    if (e->fulfils && *e->fulfils && govern_path_check_segment("--fulfils", e->fulfils))
        return GOVERN_EINVAL;
    if (e->pages && *e->pages && govern_pages_check(e->pages))
        return govern_error_prefix(GOVERN_EINVAL, "--pages");
    const char *texts[] = {e->title, e->purpose, e->text, e->urgent};
    for (size_t i = 0; i < 4; i++)
        if (texts[i] && govern_utf8_check("option", texts[i], strlen(texts[i])))
            return GOVERN_EINVAL;
    return 0;
}

static int read_items(struct agenda_ctx *ctx, const char *file)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = govern_text_file_read(&b, "--from", file, GOVERN_DOC_MAX_BYTES);
    if (!rc)
        rc = govern_agenda_parse_items(&ctx->many, ctx->id, file, b.ptr ? b.ptr : "", b.len);
    for (size_t i = 0; !rc && i < ctx->many->n_items; i++) {
        const struct govern_agenda_item *it = &ctx->many->items[i];
        struct item_edit e = {it->title,   it->purpose, it->body, it->pages,
                              it->fulfils, it->urgent,  -1};
        if ((rc = check_values(&e, false)))
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
    struct item_edit e = {a->positional.items[2],
                          govern_args_get(a, "purpose"),
                          govern_args_get(a, "text"),
                          govern_args_get(a, "pages"),
                          govern_args_get(a, "fulfils"),
                          govern_args_get(a, "urgent"),
                          -1};
    if ((rc = check_values(&e, false)))
        return rc;
    it->title = (char *)e.title;
    it->purpose = (char *)e.purpose;
    it->body = e.text && *e.text ? (char *)e.text : NULL;
    it->pages = e.pages && *e.pages ? (char *)e.pages : NULL;
    it->fulfils = e.fulfils && *e.fulfils ? (char *)e.fulfils : NULL;
    it->urgent = (char *)e.urgent;
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
    struct item_edit *e = &ctx->edit;
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
    if ((rc = check_values(e, true)))
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

static int run(struct govern_invocation *inv)
{
    size_t sub;
    struct govern_args a;
    int rc = govern_subcommand_parse(&sub, &a, subs, opts, inv->argc, inv->argv, USAGE);
    if (rc)
        return rc;
    struct agenda_ctx ctx;
    memset(&ctx, 0, sizeof(ctx));
    ctx.op = (enum op)sub;
    ctx.inv = inv;
    char cid[41];
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
    if (!(rc = cli_commit(inv, agenda_fn, &ctx, cid)))
        {
        govern_buf_printf(inv->out, "%s\n", cid[0] ? ctx.summary : "Nothing changed");
        if (ctx.warning[0])
            govern_buf_printf(inv->err, "%s\n", ctx.warning);
    }
out:
    govern_agenda_free(ctx.many);
    free(ctx.report_text);
    govern_args_free(&a);
    return rc;
}

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
    .options = opts,
    .flags = GOVERN_CMD_STORE,
    .run = run,
};
