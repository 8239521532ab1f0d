/*
 * Output of the risk log: `govern risks` as text, Markdown (seed 003's
 * columns: description, impact, probability, risk rating, counter measure
 * and progress, with the matrix as its footnote), HTML, JSON and CSV, and
 * `govern risk show` with the history of the rating.  Renderers print what
 * they are given: for public output they are given risks already reduced
 * by risk_public().
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "partnership.h"
#include "govern/output.h"

static const char *rating_name(const struct risk_view *v, const struct risk *r)
{
    return r->rating >= 0 ? v->m->rating_name[r->rating] : "";
}

static const char *rating_code(const struct risk_view *v, const struct risk *r)
{
    return r->rating >= 0 ? v->m->rating_code[r->rating] : "";
}

static const char *committee_name(const struct risk_view *v, const char *slug)
{
    const struct govern_committee *c = v->model ? govern_model_committee(v->model, slug) : NULL;
    return c ? c->name : slug;
}

/* Text on one line: line breaks become spaces. */
static int flat(struct govern_buf *out, const char *s)
{
    int rc = 0;
    for (const char *p = s ? s : ""; *p && !rc; p++)
        rc = govern_buf_putc(out, *p == '\n' || *p == '\r' ? ' ' : *p);
    return rc;
}

/* The serial of an id: 1 for HCSSG-R-001. */
static long serial(const char *id)
{
    const char *r = strstr(id, "-R-");
    return r ? strtol(r + 3, NULL, 10) : 0;
}

/* After a part that ends a sentence a space, else "; ". */
static const char *next_sep(const struct govern_buf *b)
{
    return b->len && strchr(".!?", b->ptr[b->len - 1]) ? " " : "; ";
}

/* "Counter measure; 12 February 2008: progress; ... State: agreed." */
static int counter_progress(struct govern_buf *out, const struct risk *r)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = r->counter ? flat(&b, r->counter) : 0;
    for (size_t i = 0; i < r->n_log && !rc; i++) {
        if (!r->log[i].progress)
            continue;
        char d[40];
        govern_date_format_text(d, r->log[i].date);
        rc = govern_buf_printf(&b, "%s%s: ", b.len ? next_sep(&b) : "", d);
        if (!rc)
            rc = flat(&b, r->log[i].progress);
    }
    if (!rc && r->state) {
        rc = govern_buf_printf(&b, "%sState: ", b.len ? next_sep(&b) : "");
        if (!rc)
            rc = flat(&b, r->state);
    }
    if (!rc && r->status == RISK_CLOSED)
        rc = govern_buf_printf(&b, "%s(closed)", b.len ? " " : "");
    if (!rc && b.len)
        rc = govern_buf_put(out, b.ptr, b.len);
    govern_buf_free(&b);
    return rc;
}

int risk_matrix_text(struct govern_buf *out, const struct risk_matrix *m)
{
    int rc = 0;
    for (size_t i = m->n_levels; i-- > 0 && !rc;)
        for (size_t j = m->n_levels; j-- > 0 && !rc;)
            rc = govern_buf_printf(
                out, "%s%s %s %s", i == m->n_levels - 1 && j == m->n_levels - 1 ? "" : "; ",
                m->level_name[i], m->level_name[j], m->rating_name[m->cell[i][j]]);
    return rc;
}

/* Calls fn for each committee in the list, in order of first appearance
 * (the list is sorted by id, so a committee's risks are together). */
typedef int (*group_fn)(struct govern_buf *out, const struct risk_list *l, size_t from, size_t to,
                        const struct risk_view *v);

static int each_group(struct govern_buf *out, const struct risk_list *l, const struct risk_view *v,
                      group_fn fn)
{
    struct govern_strlist done = GOVERN_STRLIST_INIT;
    int rc = 0;
    for (size_t i = 0; i < l->count && !rc; i++) {
        const char *slug = l->items[i]->committee;
        if (govern_strlist_contains(&done, slug))
            continue;
        rc = govern_strlist_add(&done, slug);
        /* the group: every risk of that committee (ids share its prefix) */
        struct risk_list g = {NULL, 0};
        for (size_t j = i; j < l->count && !rc; j++)
            if (!strcmp(l->items[j]->committee, slug)) {
                struct risk **p = realloc(g.items, (g.count + 1) * sizeof(*p));
                if (!p) {
                    rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
                    break;
                }
                g.items = p;
                g.items[g.count++] = l->items[j];
            }
        if (!rc)
            rc = fn(out, &g, 0, g.count, v);
        free(g.items);
    }
    govern_strlist_free(&done);
    return rc;
}

static int text_group(struct govern_buf *out, const struct risk_list *l, size_t from, size_t to,
                      const struct risk_view *v)
{
    static const char *const h[] = {"ID",    "RATING", "I",        "P",
                                    "STATE", "OWNER",  "PRIORITY", "DESCRIPTION"};
    struct govern_table *t = NULL;
    int rc = govern_table_new(&t, 8, h);
    if (!rc)
        rc = govern_buf_printf(out, "%s%s (%s)\n", out->len ? "\n" : "",
                               committee_name(v, l->items[from]->committee),
                               l->items[from]->committee);
    for (size_t i = from; i < to && !rc; i++) {
        const struct risk *r = l->items[i];
        struct govern_buf d = GOVERN_BUF_INIT, st = GOVERN_BUF_INIT;
        rc = flat(&d, r->text);
        if (!rc)
            rc = govern_buf_printf(&st, "%s%s", r->status == RISK_CLOSED ? "closed" : "",
                                   r->status == RISK_CLOSED && r->state ? ": " : "");
        if (!rc && r->state)
            rc = flat(&st, r->state);
        const char *cells[] = {r->id,  rating_name(v, r), r->impact,   r->probability,
                               st.ptr, r->owner,          r->priority, d.ptr};
        if (!rc)
            rc = govern_table_row(t, cells);
        govern_buf_free(&d);
        govern_buf_free(&st);
    }
    if (!rc)
        rc = govern_table_render(out, t, false);
    govern_table_free(t);
    return rc;
}

static int md_cell(struct govern_buf *out, const char *s)
{
    struct govern_buf f = GOVERN_BUF_INIT;
    int rc = flat(&f, s);
    if (!rc)
        rc = govern_md_escape(out, f.ptr ? f.ptr : "");
    govern_buf_free(&f);
    return rc;
}

static int md_group(struct govern_buf *out, const struct risk_list *l, size_t from, size_t to,
                    const struct risk_view *v)
{
    int rc = govern_buf_puts(out, "## ");
    if (!rc)
        rc = md_cell(out, committee_name(v, l->items[from]->committee));
    if (!rc)
        rc = govern_buf_printf(out,
                               " (%s)\n\n| Description | Impact ¹ | Probability | Risk rating | "
                               "Counter measure and progress |\n|---|---|---|---|---|\n",
                               l->items[from]->committee);
    for (size_t i = from; i < to && !rc; i++) {
        const struct risk *r = l->items[i];
        struct govern_buf cp = GOVERN_BUF_INIT;
        rc = govern_buf_printf(out, "| %ld. ", serial(r->id));
        if (!rc)
            rc = md_cell(out, r->text);
        if (!rc)
            rc = govern_buf_printf(out, " | %s | %s | %s | ", r->impact ? r->impact : "",
                                   r->probability ? r->probability : "", rating_code(v, r));
        if (!rc)
            rc = counter_progress(&cp, r);
        if (!rc)
            rc = md_cell(out, cp.ptr);
        if (!rc)
            rc = govern_buf_puts(out, " |\n");
        govern_buf_free(&cp);
    }
    if (!rc)
        rc = govern_buf_puts(out, "\n¹ **Impact Probability Rating** - ");
    if (!rc)
        rc = risk_matrix_text(out, v->m);
    return rc ? rc : govern_buf_puts(out, "\n\n");
}

static int html_group(struct govern_buf *out, const struct risk_list *l, size_t from, size_t to,
                      const struct risk_view *v)
{
    int rc = govern_buf_puts(out, "<h2>");
    if (!rc)
        rc = govern_html_escape(out, committee_name(v, l->items[from]->committee));
    if (!rc)
        rc = govern_buf_puts(out, "</h2>\n<table>\n<thead><tr><th>ID</th><th>Description</th>"
                                  "<th>Impact</th><th>Probability</th><th>Risk rating</th>"
                                  "<th>Counter measure and progress</th></tr></thead>\n<tbody>\n");
    for (size_t i = from; i < to && !rc; i++) {
        const struct risk *r = l->items[i];
        struct govern_buf cp = GOVERN_BUF_INIT;
        rc = govern_buf_printf(out, "<tr class=\"rating-%s\"><td>", rating_code(v, r));
        if (!rc)
            rc = govern_html_escape(out, r->id);
        if (!rc)
            rc = govern_buf_puts(out, "</td><td>");
        if (!rc)
            rc = govern_html_escape(out, r->text);
        if (!rc)
            rc = govern_buf_puts(out, "</td><td>");
        if (!rc)
            rc = govern_html_escape(out, r->impact);
        if (!rc)
            rc = govern_buf_puts(out, "</td><td>");
        if (!rc)
            rc = govern_html_escape(out, r->probability);
        if (!rc)
            rc = govern_buf_puts(out, "</td><td>");
        if (!rc)
            rc = govern_html_escape(out, rating_name(v, r));
        if (!rc)
            rc = govern_buf_puts(out, "</td><td>");
        if (!rc)
            rc = counter_progress(&cp, r);
        if (!rc)
            rc = govern_html_escape(out, cp.ptr);
        if (!rc)
            rc = govern_buf_puts(out, "</td></tr>\n");
        govern_buf_free(&cp);
    }
    return rc ? rc : govern_buf_puts(out, "</tbody>\n</table>\n");
}

static json_t *risk_json(const struct risk *r, const struct risk_view *v)
{
    json_t *o = json_object(), *log = json_array();
    json_object_set_new(o, "id", json_string(r->id));
    json_object_set_new(o, "committee", json_string(r->committee));
    json_object_set_new(o, "description", govern_json_str(r->text));
    json_object_set_new(o, "impact", govern_json_str(r->impact));
    json_object_set_new(o, "probability", govern_json_str(r->probability));
    json_object_set_new(o, "rating", r->rating >= 0 ? json_string(rating_name(v, r)) : json_null());
    json_object_set_new(o, "rating_code",
                        r->rating >= 0 ? json_string(rating_code(v, r)) : json_null());
    json_object_set_new(o, "counter", govern_json_str(r->counter));
    json_object_set_new(o, "owner", govern_json_str(r->owner));
    json_object_set_new(o, "priority", govern_json_str(r->priority));
    json_object_set_new(o, "state", govern_json_str(r->state));
    json_object_set_new(o, "status", json_string(r->status == RISK_CLOSED ? "closed" : "open"));
    json_object_set_new(o, "exempt", r->exempt ? json_integer(r->exempt) : json_null());
    json_object_set_new(o, "created", govern_json_date(r->created));
    json_object_set_new(o, "updated", govern_json_date(r->updated));
    for (size_t i = 0; i < r->n_log; i++) {
        const struct risk_log_entry *e = &r->log[i];
        json_t *j = json_object();
        json_object_set_new(j, "date", govern_json_date(e->date));
        json_object_set_new(j, "by", govern_json_str(e->by));
        json_object_set_new(j, "impact", govern_json_str(e->impact));
        json_object_set_new(j, "probability", govern_json_str(e->probability));
        json_object_set_new(j, "rating", govern_json_str(e->rating));
        json_object_set_new(j, "state", govern_json_str(e->state));
        json_object_set_new(j, "progress", govern_json_str(e->progress));
        json_object_set_new(j, "status",
                            e->status < 0
                                ? json_null()
                                : json_string(e->status == RISK_CLOSED ? "closed" : "open"));
        json_array_append_new(log, j);
    }
    json_object_set_new(o, "log", log);
    return o;
}

/* The CSV or xlsx register: one row a risk, every field. */
static int sheet_list(struct govern_buf *out, const struct risk_list *l, const struct risk_view *v,
                      const char *format)
{
    static const char *const h[] = {"id",
                                    "committee",
                                    "description",
                                    "impact",
                                    "probability",
                                    "rating",
                                    "counter_and_progress",
                                    "owner",
                                    "priority",
                                    "state",
                                    "status",
                                    "exempt",
                                    "updated"};
    struct govern_table *t = NULL;
    int rc = govern_table_new(&t, 13, h);
    if (!rc)
        rc = govern_table_types(t, "tttttttttttnd");
    for (size_t i = 0; i < l->count && !rc; i++) {
        const struct risk *r = l->items[i];
        struct govern_buf cp = GOVERN_BUF_INIT;
        char upd[11] = "", ex[4] = "";
        if (r->updated != GOVERN_DATE_NONE)
            govern_date_format(upd, r->updated);
        if (r->exempt)
            snprintf(ex, sizeof(ex), "%d", r->exempt);
        rc = counter_progress(&cp, r);
        const char *f[] = {r->id,
                           r->committee,
                           r->text,
                           r->impact,
                           r->probability,
                           rating_name(v, r),
                           cp.ptr,
                           r->owner,
                           r->priority,
                           r->state,
                           r->status == RISK_CLOSED ? "closed" : "open",
                           ex,
                           upd};
        if (!rc)
            rc = govern_table_row(t, f);
        govern_buf_free(&cp);
    }
    if (!rc)
        rc = govern_table_render_as(out, t, format, false, "risks");
    govern_table_free(t);
    return rc;
}

int risk_render_list(struct govern_buf *out, const struct risk_list *l, const struct risk_view *v,
                     const char *format)
{
    if (!strcmp(format, "json")) {
        json_t *root = json_object(), *arr = json_array();
        for (size_t i = 0; i < l->count; i++)
            json_array_append_new(arr, risk_json(l->items[i], v));
        json_object_set_new(root, "risks", arr);
        return govern_json_write(out, root, 0);
    }
    if (!strcmp(format, "csv") || !strcmp(format, "xlsx"))
        return sheet_list(out, l, v, format);
    if (!l->count)
        return !strcmp(format, "text") ? govern_buf_puts(out, "No risks.\n")
               : !strcmp(format, "md") ? govern_buf_puts(out, "No risks.\n")
                                       : govern_markdown_page(out, "Risk log", "No risks.");
    if (!strcmp(format, "md"))
        return each_group(out, l, v, md_group);
    if (!strcmp(format, "html")) {
        int rc = govern_html_page_begin(out, "Risk log");
        if (!rc)
            rc = each_group(out, l, v, html_group);
        return rc ? rc : govern_html_page_end(out);
    }
    return each_group(out, l, v, text_group);
}

/* The history: one line per log entry, with the rating as it moved. */
static int history_text(struct govern_buf *out, const struct risk *r)
{
    const char *prev = NULL;
    int rc = govern_buf_puts(out, "\nHistory:\n");
    for (size_t i = 0; i < r->n_log && !rc; i++) {
        const struct risk_log_entry *e = &r->log[i];
        char d[11];
        govern_date_format(d, e->date);
        const char *sep = "";
        rc = govern_buf_printf(out, "  %s  %s: ", d, e->by);
        if (!rc && e->rating) {
            if (prev && strcmp(prev, e->rating))
                rc = govern_buf_printf(out, "rating %s -> %s", prev, e->rating);
            else
                rc = govern_buf_printf(out, "rating %s", e->rating);
            prev = e->rating;
            sep = "; ";
        }
        if (!rc && e->impact)
            rc = govern_buf_printf(out, " (impact %s, probability %s)", e->impact,
                                   e->probability ? e->probability : "?");
        if (!rc && e->state) {
            rc = govern_buf_printf(out, "%sstate: %s", sep, e->state);
            sep = "; ";
        }
        if (!rc && e->status >= 0) {
            rc = govern_buf_printf(out, "%s%s", sep,
                                   e->status == RISK_CLOSED ? "closed" : "reopened");
            sep = "; ";
        }
        if (!rc && e->progress)
            rc = govern_buf_printf(out, "%sprogress: %s", sep, e->progress);
        if (!rc)
            rc = govern_buf_putc(out, '\n');
    }
    return rc;
}

int risk_render_one(struct govern_buf *out, const struct risk *r, const struct risk_view *v,
                    const char *format)
{
    if (!strcmp(format, "json"))
        return govern_json_write(out, risk_json(r, v), 0);
    char c[11], u[11];
    govern_date_format(c, r->created);
    govern_date_format(u, r->updated);
    int rc = govern_buf_printf(out, "%s  %s (%s)\n\n", r->id, committee_name(v, r->committee),
                               r->committee);
    if (!rc)
        rc = govern_buf_printf(out, "%s\n\n", r->text);
    if (!rc && r->rating >= 0)
        rc = govern_buf_printf(out, "Rating:      %s (impact %s, probability %s)\n",
                               rating_name(v, r), r->impact, r->probability);
    else if (!rc)
        rc = govern_buf_puts(out, "Rating:      not assessed\n");
    if (!rc && r->counter)
        rc = govern_buf_printf(out, "Counter:     %s\n", r->counter);
    if (!rc && r->owner)
        rc = govern_buf_printf(out, "Owner:       %s\n", r->owner);
    if (!rc && r->priority)
        rc = govern_buf_printf(out, "Priority:    %s\n", r->priority);
    if (!rc && r->state)
        rc = govern_buf_printf(out, "State:       %s\n", r->state);
    if (!rc && r->exempt)
        rc = govern_buf_printf(out, "Exempt:      paragraph %d of Schedule 12A\n", r->exempt);
    if (!rc)
        rc = govern_buf_printf(out, "Status:      %s\nCreated:     %s\nUpdated:     %s\n",
                               r->status == RISK_CLOSED ? "closed" : "open", c, u);
    return rc ? rc : history_text(out, r);
}
