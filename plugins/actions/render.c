/*
 * Output of the actions plugin: `govern actions` as JSON (the contract in
 * docs/actions.md), CSV (RFC 4180), and text, Markdown and HTML grouped by
 * committee; `govern action show`; and `govern actions report`.
 *
 * JSON and CSV list each action once; the grouped forms list an action under
 * the committee that raised it and under every committee it was referred to.
 * Both JSON forms stream one contract object per action through the
 * output module's writer (govern/output.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "actions.h"
#include "govern/output.h"

static void fmt_date(char out[11], govern_date d)
{
    if (d == GOVERN_DATE_NONE)
        out[0] = '\0';
    else
        govern_date_format(out, d);
}

/* The contract object of one action; full adds kind, created and log. */
static void action_put(struct govern_json_stream *js, const struct govern_action *a,
                       govern_date as_of, bool full)
{
    int over;
    enum govern_action_rag rag = govern_action_rag(a, as_of, &over);
    govern_json_begin_object(js, NULL);
    govern_json_put_str(js, "id", a->id);
    govern_json_put_str(js, "committee", a->committee);
    govern_json_begin_object(js, "raised_in");
    govern_json_put_str(js, "meeting", a->meeting);
    govern_json_put_str(js, "minute", a->minute);
    govern_json_end_object(js);
    govern_json_put_str(js, "text", a->text);
    govern_json_put_str(js, "owner", a->owner);
    govern_json_put_date(js, "due", a->due);
    govern_json_put_str(js, "status", govern_action_status_name(a->status));
    govern_json_put_str(js, "rag", govern_action_rag_name(rag));
    govern_json_put_int(js, "days_overdue", over);
    govern_json_begin_array(js, "referred_to");
    for (size_t k = 0; k < a->n_referred; k++)
        govern_json_put_str(js, NULL, a->referred_to[k]);
    govern_json_end_array(js);
    if (a->priority) /* only when tagged: the contract of untagged actions is unchanged */
        govern_json_put_str(js, "priority", a->priority);
    govern_json_put_date(js, "updated", a->updated);
    if (full) {
        govern_json_put_str(js, "kind", a->kind ? a->kind : "action");
        govern_json_put_date(js, "created", a->created);
        govern_json_begin_array(js, "log");
        for (size_t i = 0; i < a->n_log; i++) {
            const struct govern_action_log_entry *e = &a->log[i];
            govern_json_begin_object(js, NULL);
            govern_json_put_date(js, "date", e->date);
            govern_json_put_str(js, "by", e->by);
            govern_json_put_str(js, "status",
                                e->status >= 0 ? govern_action_status_name(e->status) : NULL);
            govern_json_put_date(js, "due", e->due);
            govern_json_put_str(js, "note", e->note);
            govern_json_end_object(js);
        }
        govern_json_end_array(js);
    }
    govern_json_end_object(js);
}

static int sink_maybe(struct govern_buf *out, const struct actions_sink *sink)
{
    return sink && sink->fn && out->len >= ACTIONS_FLUSH_BYTES ? sink->fn(sink->ctx) : 0;
}

/* The listing streams through the output module's JSON writer (the bytes
 * jansson would write): building a jansson object per action was a quarter
 * of the time of `govern actions --format json` on a large register
 * (tests/actions/test_register.c checks the bytes against jansson). */
int actions_render_json(struct govern_buf *out, const struct govern_action_register *r,
                        govern_date as_of, const struct actions_sink *sink)
{
    struct govern_json_stream js;
    govern_json_stream_init(&js, out);
    govern_json_begin_object(&js, NULL);
    govern_json_put_date(&js, "as_of", as_of);
    govern_json_begin_array(&js, "actions");
    int rc = 0;
    for (size_t i = 0; i < r->count && !rc; i++) {
        action_put(&js, &r->items[i], as_of, false);
        if (!(rc = govern_buf_error(out)))
            rc = sink_maybe(out, sink);
    }
    govern_json_end_array(&js);
    govern_json_end_object(&js);
    int end = govern_json_stream_end(&js);
    return rc ? rc : end;
}

static int join_referred(struct govern_buf *b, const struct govern_action *a, const char *sep)
{
    int rc = 0;
    for (size_t i = 0; i < a->n_referred && !rc; i++)
        rc = govern_buf_printf(b, "%s%s", i ? sep : "", a->referred_to[i]);
    return rc;
}

static const char *const sheet_head[] = {"id",   "committee",    "meeting",     "minute",
                                         "text", "owner",        "due",         "status",
                                         "rag",  "days_overdue", "referred_to", "updated"};

/* One action's cells of the CSV and xlsx listing (scratch holds the dates). */
struct sheet_scratch {
    char due[11], upd[11], days[16];
    struct govern_buf refs;
};

static int sheet_cells(const char *row[12], struct sheet_scratch *x, const struct govern_action *a,
                       govern_date as_of)
{
    int over;
    enum govern_action_rag rag = govern_action_rag(a, as_of, &over);
    fmt_date(x->due, a->due);
    fmt_date(x->upd, a->updated);
    snprintf(x->days, sizeof(x->days), "%d", over);
    govern_buf_clear(&x->refs);
    int rc = join_referred(&x->refs, a, " ");
    const char *cells[] = {a->id,
                           a->committee,
                           a->meeting ? a->meeting : "",
                           a->minute ? a->minute : "",
                           a->text,
                           a->owner,
                           x->due,
                           govern_action_status_name(a->status),
                           govern_action_rag_name(rag),
                           x->days,
                           x->refs.ptr ? x->refs.ptr : "",
                           x->upd};
    memcpy(row, cells, sizeof(cells));
    return rc;
}

int actions_render_csv(struct govern_buf *out, const struct govern_action_register *r,
                       govern_date as_of, const struct actions_sink *sink)
{
    int rc = govern_csv_row(out, 12, sheet_head);
    struct sheet_scratch x = {.refs = GOVERN_BUF_INIT};
    for (size_t i = 0; i < r->count && !rc; i++) {
        const char *row[12];
        if (!(rc = sheet_cells(row, &x, &r->items[i], as_of)))
            rc = govern_csv_row(out, 12, row);
        if (!rc)
            rc = sink_maybe(out, sink);
    }
    govern_buf_free(&x.refs);
    return rc;
}

int actions_render_xlsx(struct govern_buf *out, const struct govern_action_register *r,
                        govern_date as_of)
{
    struct govern_table *t = NULL;
    struct sheet_scratch x = {.refs = GOVERN_BUF_INIT};
    int rc = govern_table_new(&t, 12, sheet_head);
    if (!rc)
        rc = govern_table_types(t, "ttttttdttntd"); /* minute numbers (6/19) stay text */
    for (size_t i = 0; i < r->count && !rc; i++) {
        const char *row[12];
        if (!(rc = sheet_cells(row, &x, &r->items[i], as_of)))
            rc = govern_table_row(t, row);
    }
    if (!rc)
        rc = govern_table_render_xlsx(out, t, "actions");
    govern_table_free(t);
    govern_buf_free(&x.refs);
    return rc;
}

/* ------------------------------------------------------------- grouped */

static const char *name_of(const struct actions_listing *l, const char *slug)
{
    for (size_t i = 0; l->slugs && i < l->slugs->count; i++)
        if (!strcmp(l->slugs->items[i], slug))
            return l->names->items[i];
    return NULL;
}

static int cmp_view(const void *x, const void *y)
{
    const struct actions_view *a = x, *b = y;
    int c = strcmp(a->group, b->group);
    if (c)
        return c;
    if ((a->rag == GOVERN_RAG_RED) != (b->rag == GOVERN_RAG_RED))
        return a->rag == GOVERN_RAG_RED ? -1 : 1;
    govern_date da = a->a->due, db = b->a->due;
    if (da != db) {
        if (da == GOVERN_DATE_NONE)
            return 1;
        if (db == GOVERN_DATE_NONE)
            return -1;
        return da < db ? -1 : 1;
    }
    c = strcmp(a->a->id, b->a->id);
    if (c)
        return c;
    return 0;
}

static bool wanted(const struct actions_listing *l, const char *slug)
{
    return !l->committees || !l->committees->count || govern_strlist_contains(l->committees, slug);
}

static int make_views(struct actions_view **out, size_t *n, const struct govern_action_register *r,
                      const struct actions_listing *l)
{
    size_t cap = r->count + 16, k = 0;
    struct actions_view *v = malloc(cap * sizeof(*v));
    if (!v)
        return govern_oom();
    for (size_t i = 0; i < r->count; i++) {
        const struct govern_action *a = &r->items[i];
        int over;
        enum govern_action_rag rag = govern_action_rag(a, l->as_of, &over);
        for (size_t g = 0; g <= a->n_referred; g++) {
            const char *grp = g == 0 ? a->committee : a->referred_to[g - 1];
            if (!wanted(l, grp))
                continue;
            int rc = govern_array_grow(&v, &cap, k + 1, sizeof(*v));
            if (rc) {
                free(v);
                return rc;
            }
            v[k++] = (struct actions_view){a, grp, rag, over};
        }
    }
    if (k > 1)
        qsort(v, k, sizeof(*v), cmp_view);
    *out = v;
    *n = k;
    return 0;
}

/* The text of an action on one line. */
static int one_line(struct govern_buf *b, const struct actions_view *v)
{
    govern_buf_clear(b);
    int rc = 0;
    if (strcmp(v->group, v->a->committee))
        rc = govern_buf_printf(b, "[referred by %s] ", v->a->committee);
    bool space = false;
    for (const char *p = v->a->text; *p && !rc; p++) {
        if (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t') {
            space = true;
            continue;
        }
        if (space)
            rc = govern_buf_putc(b, ' ');
        space = false;
        if (!rc)
            rc = govern_buf_putc(b, *p);
    }
    if (!rc && !b->ptr)
        rc = govern_buf_puts(b, "");
    return rc;
}

static const char *rag_sgr(enum govern_action_rag r)
{
    return r == GOVERN_RAG_RED ? "31" : r == GOVERN_RAG_AMBER ? "33" : "32";
}

static int group_title(struct govern_buf *out, const struct actions_listing *l, const char *slug)
{
    const char *nm = name_of(l, slug);
    return nm ? govern_buf_printf(out, "%s (%s)", nm, slug) : govern_buf_puts(out, slug);
}

static int render_text(struct govern_buf *out, const struct actions_view *v, size_t n,
                       const struct actions_listing *l, bool color)
{
    static const char *const head[] = {"ID", "RAG", "DUE", "OVERDUE", "STATUS", "OWNER", "ACTION"};
    struct govern_buf line = GOVERN_BUF_INIT, title = GOVERN_BUF_INIT;
    struct govern_table *t = NULL;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        if (i == 0 || strcmp(v[i].group, v[i - 1].group)) {
            govern_buf_clear(&title);
            if ((rc = group_title(&title, l, v[i].group)) ||
                (rc = govern_buf_printf(out, "%s%s\n", i ? "\n" : "", title.ptr)) ||
                (rc = govern_table_new(&t, 7, head)))
                break;
        }
        char due[11], days[16] = "";
        fmt_date(due, v[i].a->due);
        if (v[i].days_overdue)
            snprintf(days, sizeof(days), "%d", v[i].days_overdue);
        if ((rc = one_line(&line, &v[i])))
            break;
        const char *row[] = {
            v[i].a->id, govern_action_rag_name(v[i].rag),          due[0] ? due : "-",
            days,       govern_action_status_name(v[i].a->status), v[i].a->owner,
            line.ptr};
        rc = color ? govern_table_row_color(t, row, rag_sgr(v[i].rag)) : govern_table_row(t, row);
        if (!rc && (i + 1 == n || strcmp(v[i].group, v[i + 1].group))) {
            rc = govern_table_render(out, t, color);
            govern_table_free(t);
            t = NULL;
        }
    }
    govern_table_free(t);
    govern_buf_free(&line);
    govern_buf_free(&title);
    return rc;
}

static int render_md(struct govern_buf *out, const struct actions_view *v, size_t n,
                     const struct actions_listing *l)
{
    char d[11];
    govern_date_format(d, l->as_of);
    int rc = govern_buf_printf(out, "# Actions at %s\n", d);
    struct govern_buf line = GOVERN_BUF_INIT, title = GOVERN_BUF_INIT;
    for (size_t i = 0; i < n && !rc; i++) {
        if (i == 0 || strcmp(v[i].group, v[i - 1].group)) {
            govern_buf_clear(&title);
            if ((rc = group_title(&title, l, v[i].group)) || (rc = govern_buf_puts(out, "\n## ")) ||
                (rc = govern_md_escape(out, title.ptr)) ||
                (rc = govern_buf_puts(out, "\n\n| ID | RAG | Due | Days overdue | Status | Owner "
                                           "| Action |\n|---|---|---|---|---|---|---|\n")))
                break;
        }
        char due[11];
        fmt_date(due, v[i].a->due);
        if ((rc = one_line(&line, &v[i])))
            break;
        rc = govern_buf_printf(out, "| %s | %s | %s | %d | %s | ", v[i].a->id,
                               govern_action_rag_name(v[i].rag), due[0] ? due : "-",
                               v[i].days_overdue, govern_action_status_name(v[i].a->status));
        if (!rc)
            rc = govern_md_escape(out, v[i].a->owner);
        if (!rc)
            rc = govern_buf_puts(out, " | ");
        if (!rc)
            rc = govern_md_escape(out, line.ptr);
        if (!rc)
            rc = govern_buf_puts(out, " |\n");
    }
    if (!rc && n == 0)
        rc = govern_buf_puts(out, "\nNo actions.\n");
    govern_buf_free(&line);
    govern_buf_free(&title);
    return rc;
}

static int esc_put(struct govern_buf *out, const char *pre, const char *s, const char *post)
{
    int rc = govern_buf_puts(out, pre);
    if (!rc)
        rc = govern_html_escape(out, s);
    if (!rc)
        rc = govern_buf_puts(out, post);
    return rc;
}

static int render_html(struct govern_buf *out, const struct actions_view *v, size_t n,
                       const struct actions_listing *l)
{
    char d[11], title[64];
    govern_date_format(d, l->as_of);
    snprintf(title, sizeof(title), "Actions at %s", d);
    int rc = govern_html_page_begin(out, title);
    if (!rc)
        rc = esc_put(out, "<h1>", title, "</h1>\n");
    struct govern_buf line = GOVERN_BUF_INIT, gt = GOVERN_BUF_INIT;
    for (size_t i = 0; i < n && !rc; i++) {
        if (i == 0 || strcmp(v[i].group, v[i - 1].group)) {
            govern_buf_clear(&gt);
            if ((i && (rc = govern_buf_puts(out, "</tbody>\n</table>\n"))) ||
                (rc = group_title(&gt, l, v[i].group)) ||
                (rc = esc_put(out, "<h2>", gt.ptr, "</h2>\n")) ||
                (rc = govern_buf_puts(out, "<table>\n<thead><tr><th>ID</th><th>RAG</th><th>Due</th>"
                                           "<th>Days overdue</th><th>Status</th><th>Owner</th>"
                                           "<th>Action</th></tr></thead>\n<tbody>\n")))
                break;
        }
        char due[11];
        fmt_date(due, v[i].a->due);
        const char *rag = govern_action_rag_name(v[i].rag);
        if ((rc = one_line(&line, &v[i])))
            break;
        rc = govern_buf_printf(out, "<tr class=\"rag-%s\"><td>", rag);
        if (!rc)
            rc = govern_html_escape(out, v[i].a->id);
        if (!rc)
            rc = govern_buf_printf(out, "</td><td>%s</td><td>%s</td><td>%d</td><td>%s</td>", rag,
                                   due[0] ? due : "-", v[i].days_overdue,
                                   govern_action_status_name(v[i].a->status));
        if (!rc)
            rc = esc_put(out, "<td>", v[i].a->owner, "</td>");
        if (!rc)
            rc = esc_put(out, "<td>", line.ptr, "</td></tr>\n");
    }
    if (!rc)
        rc = govern_buf_puts(out, n ? "</tbody>\n</table>\n" : "<p>No actions.</p>\n");
    if (!rc)
        rc = govern_html_page_end(out);
    govern_buf_free(&line);
    govern_buf_free(&gt);
    return rc;
}

int actions_render_grouped(struct govern_buf *out, const struct govern_action_register *r,
                           const struct actions_listing *l, const char *format, bool color)
{
    struct actions_view *v = NULL;
    size_t n = 0;
    int rc = make_views(&v, &n, r, l);
    if (rc)
        return rc;
    if (!strcmp(format, "md"))
        rc = render_md(out, v, n, l);
    else if (!strcmp(format, "html"))
        rc = render_html(out, v, n, l);
    else if (n == 0)
        rc = govern_buf_puts(out, "No actions.\n");
    else
        rc = render_text(out, v, n, l, color);
    free(v);
    return rc;
}

/* ------------------------------------------------------------- one */

int actions_render_one(struct govern_buf *out, const struct govern_action *a, govern_date as_of,
                       const char *format)
{
    if (!strcmp(format, "json")) {
        struct govern_json_stream js;
        govern_json_stream_init(&js, out);
        action_put(&js, a, as_of, true);
        return govern_json_stream_end(&js);
    }
    int over;
    enum govern_action_rag rag = govern_action_rag(a, as_of, &over);
    char due[11], cr[11], up[11];
    fmt_date(due, a->due);
    fmt_date(cr, a->created);
    fmt_date(up, a->updated);
    int rc = govern_buf_printf(out, "%s\nCommittee:   %s\n", a->id, a->committee);
    if (!rc && a->meeting)
        rc = govern_buf_printf(out, "Raised in:   %s%s%s\n", a->meeting,
                               a->minute ? ", minute " : "", a->minute ? a->minute : "");
    if (!rc)
        rc = govern_buf_printf(out, "Owner:       %s\n", a->owner);
    if (!rc && a->kind)
        rc = govern_buf_printf(out, "Kind:        %s\n", a->kind);
    if (!rc && a->priority)
        rc = govern_buf_printf(out, "Priority:    %s\n", a->priority);
    if (!rc)
        rc = govern_buf_printf(out, "Due:         %s\nStatus:      %s\nRAG:         %s",
                               due[0] ? due : "-", govern_action_status_name(a->status),
                               govern_action_rag_name(rag));
    if (!rc && over)
        rc = govern_buf_printf(out, " (%d day%s overdue)", over, over == 1 ? "" : "s");
    if (!rc && a->n_referred) {
        rc = govern_buf_puts(out, "\nReferred to: ");
        if (!rc)
            rc = join_referred(out, a, ", ");
    }
    if (!rc)
        rc = govern_buf_printf(out, "\nCreated:     %s\nUpdated:     %s\n\n%s\n", cr, up, a->text);
    if (!rc && a->n_log)
        rc = govern_buf_puts(out, "\nLog:\n");
    for (size_t i = 0; i < a->n_log && !rc; i++) {
        const struct govern_action_log_entry *e = &a->log[i];
        char d[11], dd[11];
        fmt_date(d, e->date);
        rc = govern_buf_printf(out, "  %s  %s", d, e->by);
        if (!rc && e->status >= 0)
            rc = govern_buf_printf(out, "  status: %s", govern_action_status_name(e->status));
        if (!rc && e->due != GOVERN_DATE_NONE) {
            fmt_date(dd, e->due);
            rc = govern_buf_printf(out, "  due: %s", dd);
        }
        if (!rc && e->note)
            rc = govern_buf_printf(out, "  note: %s", e->note);
        if (!rc)
            rc = govern_buf_putc(out, '\n');
    }
    return rc;
}

/* ------------------------------------------------------------- report */

/* The day an action was completed: its last log entry setting done, else
 * (done without a log entry, e.g. ticked in the minutes) its creation. */
static govern_date completed_on(const struct govern_action *a)
{
    if (a->status != GOVERN_ACTION_DONE)
        return GOVERN_DATE_NONE;
    for (size_t i = a->n_log; i-- > 0;)
        if (a->log[i].status == GOVERN_ACTION_DONE)
            return a->log[i].date;
    return a->created;
}

static bool involves(const struct govern_action *a, const char *slug)
{
    if (!strcmp(a->committee, slug))
        return true;
    for (size_t i = 0; i < a->n_referred; i++)
        if (!strcmp(a->referred_to[i], slug))
            return true;
    return false;
}

static int md_cell(struct govern_buf *out, const char *s)
{
    int rc = govern_buf_puts(out, " ");
    if (!rc)
        rc = govern_md_escape(out, s);
    if (!rc)
        rc = govern_buf_puts(out, " |");
    return rc;
}

static int report_committee(struct govern_buf *md, const struct govern_action_register *r,
                            const struct actions_listing *l, const char *slug, govern_date from,
                            govern_date to)
{
    size_t st[GOVERN_ACTION_N_STATUS] = {0}, rag[3] = {0};
    for (size_t i = 0; i < r->count; i++) {
        const struct govern_action *a = &r->items[i];
        if (strcmp(a->committee, slug))
            continue;
        st[a->status]++;
        if (govern_action_outstanding(a))
            rag[govern_action_rag(a, l->as_of, NULL)]++;
    }
    struct govern_buf title = GOVERN_BUF_INIT;
    int rc = group_title(&title, l, slug);
    if (!rc)
        rc = govern_buf_puts(md, "\n## ");
    if (!rc)
        rc = govern_md_escape(md, title.ptr);
    govern_buf_free(&title);
    if (!rc)
        rc = govern_buf_printf(md,
                               "\n\nActions raised: %zu open, %zu in progress, %zu done, %zu "
                               "dropped. Outstanding: %zu red, %zu amber, %zu green.\n",
                               st[0], st[1], st[2], st[3], rag[GOVERN_RAG_RED],
                               rag[GOVERN_RAG_AMBER], rag[GOVERN_RAG_GREEN]);
    /* overdue: its own and referred to it */
    size_t k = 0;
    for (size_t i = 0; i < r->count && !rc; i++) {
        const struct govern_action *a = &r->items[i];
        int over;
        if (!involves(a, slug) || govern_action_rag(a, l->as_of, &over) != GOVERN_RAG_RED)
            continue;
        if (k++ == 0)
            rc = govern_buf_puts(md, "\n### Overdue\n\n| ID | Owner | Due | Days overdue | Action "
                                     "|\n|---|---|---|---|---|\n");
        char due[11];
        fmt_date(due, a->due);
        if (!rc)
            rc = govern_buf_printf(md, "| %s |", a->id);
        if (!rc)
            rc = md_cell(md, a->owner);
        if (!rc)
            rc = govern_buf_printf(md, " %s | %d |", due, over);
        if (!rc)
            rc = md_cell(md, a->text);
        if (!rc)
            rc = govern_buf_putc(md, '\n');
    }
    if (!rc && !k)
        rc = govern_buf_puts(md, "\n### Overdue\n\nNone.\n");
    k = 0;
    for (size_t i = 0; i < r->count && !rc; i++) {
        const struct govern_action *a = &r->items[i];
        govern_date c = completed_on(a);
        if (!involves(a, slug) || c == GOVERN_DATE_NONE || c < from || c > to)
            continue;
        if (k++ == 0)
            rc = govern_buf_puts(md, "\n### Completed in the period\n\n| ID | Owner | Completed | "
                                     "Action |\n|---|---|---|---|\n");
        char cd[11];
        fmt_date(cd, c);
        if (!rc)
            rc = govern_buf_printf(md, "| %s |", a->id);
        if (!rc)
            rc = md_cell(md, a->owner);
        if (!rc)
            rc = govern_buf_printf(md, " %s |", cd);
        if (!rc)
            rc = md_cell(md, a->text);
        if (!rc)
            rc = govern_buf_putc(md, '\n');
    }
    if (!rc && !k)
        rc = govern_buf_puts(md, "\n### Completed in the period\n\nNone.\n");
    k = 0;
    for (size_t i = 0; i < r->count && !rc; i++) {
        const struct govern_action *a = &r->items[i];
        if (!a->n_referred || !involves(a, slug))
            continue;
        if (k++ == 0)
            rc = govern_buf_puts(md, "\n### Referrals\n\n");
        if (!rc && !strcmp(a->committee, slug)) {
            rc = govern_buf_printf(md, "- %s referred to ", a->id);
            if (!rc)
                rc = join_referred(md, a, ", ");
        } else if (!rc) {
            rc = govern_buf_printf(md, "- %s referred by %s", a->id, a->committee);
        }
        if (!rc)
            rc = govern_buf_printf(md, " (%s): ", govern_action_status_name(a->status));
        if (!rc)
            rc = govern_md_escape(md, a->text);
        if (!rc)
            rc = govern_buf_putc(md, '\n');
    }
    k = 0;
    for (size_t i = 0; i < r->count && !rc; i++) {
        const struct govern_action *a = &r->items[i];
        int over;
        if (!a->kind || strcmp(a->kind, "return") || strcmp(a->committee, slug) ||
            govern_action_rag(a, l->as_of, &over) != GOVERN_RAG_RED)
            continue;
        if (k++ == 0)
            rc = govern_buf_puts(md, "\n### Returns missing\n\n| Partner | ID | Due | Days "
                                     "overdue | Return |\n|---|---|---|---|---|\n");
        char due[11];
        fmt_date(due, a->due);
        if (!rc)
            rc = govern_buf_puts(md, "|");
        if (!rc)
            rc = md_cell(md, a->owner);
        if (!rc)
            rc = govern_buf_printf(md, " %s | %s | %d |", a->id, due, over);
        if (!rc)
            rc = md_cell(md, a->text);
        if (!rc)
            rc = govern_buf_putc(md, '\n');
    }
    return rc;
}

int actions_render_report(struct govern_buf *out, const struct govern_action_register *r,
                          const struct actions_listing *l, govern_date from, govern_date to,
                          const char *format)
{
    struct govern_strlist groups = GOVERN_STRLIST_INIT;
    int rc = 0;
    for (size_t i = 0; i < r->count && !rc; i++) {
        const struct govern_action *a = &r->items[i];
        for (size_t g = 0; g <= a->n_referred && !rc; g++) {
            const char *s = g ? a->referred_to[g - 1] : a->committee;
            if (wanted(l, s) && !govern_strlist_contains(&groups, s))
                rc = govern_strlist_add(&groups, s);
        }
    }
    govern_strlist_sort(&groups);
    struct govern_buf md = GOVERN_BUF_INIT;
    char f[11], t[11], a[11];
    govern_date_format(f, from);
    govern_date_format(t, to);
    govern_date_format(a, l->as_of);
    if (!rc)
        rc = govern_buf_printf(&md,
                               "# Action tracking report\n\nCompleted actions from %s to %s; "
                               "position as at %s.\n",
                               f, t, a);
    for (size_t i = 0; i < groups.count && !rc; i++)
        rc = report_committee(&md, r, l, groups.items[i], from, to);
    if (!rc && !groups.count)
        rc = govern_buf_puts(&md, "\nNo actions.\n");
    if (!rc) {
        if (!strcmp(format, "html")) {
            char title[64];
            snprintf(title, sizeof(title), "Action tracking report %s", a);
            rc = govern_html_page_begin(out, title);
            if (!rc)
                rc = govern_markdown_to_html(out, md.ptr);
            if (!rc)
                rc = govern_html_page_end(out);
        } else {
            rc = govern_buf_put(out, md.ptr, md.len);
        }
    }
    govern_buf_free(&md);
    govern_strlist_free(&groups);
    return rc;
}
