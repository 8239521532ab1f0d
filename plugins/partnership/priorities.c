/*
 * `govern priorities`: for each strategic priority of each body, its
 * co-sponsors, the open actions and open risks tagged with it, its risks by
 * rating, and the quarterly reports its co-sponsors owe (received, missing,
 * not yet due).  Actions are read from the front matter of the files in actions/
 * (id, status, priority) through the document parser: this plugin does not
 * link the actions plugin.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "partnership.h"
#include "govern/output.h"

struct tag_ctx {
    struct tagged_actions *out;
};

static int tag_one(const char *name, char *data, size_t len, void *vctx)
{
    struct tag_ctx *c = vctx;
    size_t n = strlen(name);
    if (n < 4 || strcmp(name + n - 3, ".md") || !strstr(data, "\npriority:"))
        return 0; /* untagged (a tag is a top-level field, so it starts a line) */
    char path[300];
    snprintf(path, sizeof(path), "actions/%s", name);
    struct govern_doc *doc = NULL;
    char *id = NULL, *st = NULL, *pr = NULL;
    int rc = govern_doc_parse(&doc, path, data, len);
    if (!rc && !(rc = govern_node_str(&id, doc, doc->meta, "id", true)) &&
        !(rc = govern_node_str(&st, doc, doc->meta, "status", true)))
        rc = govern_node_str(&pr, doc, doc->meta, "priority", false);
    int line = rc ? 0 : govern_node_key_line(doc->meta, "priority");
    govern_doc_free(doc);
    char *file = !rc && pr ? govern_strdup(path) : NULL;
    if (!rc && pr) {
        struct tagged_action *t =
            file ? realloc(c->out->items, (c->out->count + 1) * sizeof(*t)) : NULL;
        if (!t) {
            rc = govern_oom();
        } else {
            c->out->items = t;
            t[c->out->count++] = (struct tagged_action){
                id, pr, st, !strcmp(st, "open") || !strcmp(st, "in-progress"), line, file};
            return 0;
        }
    }
    free(id);
    free(st);
    free(pr);
    free(file);
    return rc;
}

int tagged_actions_load(struct tagged_actions *out, struct govern_snapshot *snap)
{
    memset(out, 0, sizeof(*out));
    struct tag_ctx c = {out};
    int rc = govern_snapshot_each_file(snap, "actions", tag_one, &c);
    if (rc)
        tagged_actions_free(out);
    return rc;
}

void tagged_actions_free(struct tagged_actions *t)
{
    for (size_t i = 0; t && i < t->count; i++) {
        free(t->items[i].id);
        free(t->items[i].priority);
        free(t->items[i].status);
        free(t->items[i].path);
    }
    if (t) {
        free(t->items);
        memset(t, 0, sizeof(*t));
    }
}

/* ------------------------------------------------------------ facts */

enum report_state { REPORT_RECEIVED, REPORT_MISSING, REPORT_NOT_DUE };

static enum report_state report_state(const struct govern_report_due *r, govern_date as_of)
{
    if (r->entry && r->entry->received)
        return REPORT_RECEIVED;
    return r->due < as_of ? REPORT_MISSING : REPORT_NOT_DUE;
}

struct args {
    const struct risk_list *risks;
    const struct tagged_actions *acts;
    const struct risk_matrix *m;
    const struct govern_model *model;
    govern_date as_of;
};

/* "HCSSG-R-001, HCSSG-R-004" of the open risks of p rated r. */
static int risks_rated(struct govern_buf *out, const struct args *x, const char *pid, int rating)
{
    int rc = 0;
    for (size_t i = 0; i < x->risks->count && !rc; i++) {
        const struct risk *k = x->risks->items[i];
        if (k->status == RISK_OPEN && k->priority && !strcmp(k->priority, pid) &&
            k->rating == rating)
            rc = govern_buf_printf(out, "%s%s", out->len ? ", " : "", k->id);
    }
    return rc;
}

static int open_actions(struct govern_buf *out, const struct args *x, const char *pid)
{
    int rc = 0;
    for (size_t i = 0; i < x->acts->count && !rc; i++)
        if (x->acts->items[i].open && !strcmp(x->acts->items[i].priority, pid))
            rc = govern_buf_printf(out, "%s%s", out->len ? ", " : "", x->acts->items[i].id);
    return rc;
}

static int sponsors(struct govern_buf *out, const struct govern_priority *p)
{
    int rc = 0;
    for (size_t i = 0; i < p->n_co_sponsors && !rc; i++) {
        rc = govern_buf_printf(out, "%s%s", i ? "; " : "", p->co_sponsors[i].name);
        if (!rc && p->co_sponsors[i].organisation)
            rc = govern_buf_printf(out, " (%s)", p->co_sponsors[i].organisation);
    }
    return rc;
}

static const char *committee_name(const struct args *x, const char *slug)
{
    const struct govern_committee *c = x->model ? govern_model_committee(x->model, slug) : NULL;
    return c ? c->name : slug;
}

/* ------------------------------------------------------------ text and md */

static int report_lines(struct govern_buf *out, const struct args *x,
                        const struct govern_priority_set *s, const struct govern_priority *p,
                        bool md)
{
    struct govern_report_due *r = NULL;
    size_t n = 0;
    int rc = govern_priority_reports_owed(&r, &n, s, p);
    const char *lead = md ? "  - " : "                  ";
    if (!rc && !n)
        rc = govern_buf_puts(out, md ? "  - none owed\n" : "none owed\n");
    for (size_t i = 0; i < n && !rc; i++) {
        char due[11];
        govern_date_format(due, r[i].due);
        enum report_state st = report_state(&r[i], x->as_of);
        rc = govern_buf_printf(out, "%s%d-Q%d (due %s): %s%s\n", md || i ? lead : "", r[i].year,
                               r[i].quarter, due,
                               st == REPORT_RECEIVED  ? "received at "
                               : st == REPORT_MISSING ? "missing"
                                                      : "not yet due",
                               st == REPORT_RECEIVED ? r[i].entry->received : "");
    }
    free(r);
    return rc;
}

static int text_priority(struct govern_buf *out, const struct args *x,
                         const struct govern_priority_set *s, const struct govern_priority *p,
                         bool md)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = md ? govern_buf_printf(out, "### %d. ", p->number)
                : govern_buf_printf(out, "\n%d. ", p->number);
    if (!rc)
        rc = md ? govern_md_escape(out, p->title) : govern_buf_puts(out, p->title);
    if (!rc)
        rc = govern_buf_printf(out, md ? " (`%s`)\n\n" : "  [%s]\n", p->id);
    if (!rc && !(rc = sponsors(&b, p)))
        rc = govern_buf_printf(out, "%sCo-sponsors:    %s\n", md ? "- " : "   ",
                               b.len ? b.ptr : "not recorded");
    govern_buf_clear(&b);
    if (!rc && !(rc = open_actions(&b, x, p->id)))
        rc = govern_buf_printf(out, "%sOpen actions:   %s\n", md ? "- " : "   ",
                               b.len ? b.ptr : "none");
    if (!rc)
        rc = govern_buf_printf(out, "%sOpen risks:     ", md ? "- " : "   ");
    bool any = false;
    for (size_t k = x->m->n_ratings; k-- > 0 && !rc;) {
        govern_buf_clear(&b);
        if ((rc = risks_rated(&b, x, p->id, (int)k)) || !b.len)
            continue;
        rc = govern_buf_printf(out, "%s%s: %s", any ? "; " : "", x->m->rating_name[k], b.ptr);
        any = true;
    }
    if (!rc)
        rc = govern_buf_puts(out, any ? "\n" : "none\n");
    if (!rc)
        rc = govern_buf_printf(out, "%sReports:        %s", md ? "- " : "   ", md ? "\n" : "");
    if (!rc)
        rc = report_lines(out, x, s, p, md);
    if (!rc && md)
        rc = govern_buf_putc(out, '\n');
    govern_buf_free(&b);
    return rc;
}

static int text_set(struct govern_buf *out, const struct args *x,
                    const struct govern_priority_set *s, bool md)
{
    char f[11], t[11];
    govern_date_format(f, s->from);
    govern_date_format(t, s->to);
    int rc = govern_buf_printf(out, "%s%s (%s): strategic priorities %s\n", md ? "## " : "",
                               committee_name(x, s->committee), s->committee, s->period);
    if (!rc)
        rc =
            govern_buf_printf(out, "%sFrom %s to %s%s%s (%s).\n", md ? "\n" : "", f, t,
                              s->agreed ? ", agreed at " : "", s->agreed ? s->agreed : "", s->path);
    for (size_t i = 0; i < s->count && !rc; i++)
        rc = text_priority(out, x, s, &s->items[i], md);
    if (!rc && s->areas.count)
        rc = govern_buf_puts(out, md ? "### Key areas of focus\n\n" : "\nKey areas of focus:\n");
    for (size_t i = 0; i < s->areas.count && !rc; i++) {
        rc = govern_buf_puts(out, md ? "- " : "  - ");
        if (!rc)
            rc = md ? govern_md_escape(out, s->areas.items[i])
                    : govern_buf_puts(out, s->areas.items[i]);
        if (!rc)
            rc = govern_buf_putc(out, '\n');
    }
    return rc ? rc : govern_buf_putc(out, '\n');
}

/* ------------------------------------------------------------ json */

static json_t *strlist_json(const struct govern_strlist *l)
{
    json_t *a = json_array();
    for (size_t i = 0; i < l->count; i++)
        json_array_append_new(a, json_string(l->items[i]));
    return a;
}

static json_t *ids_json(const char *csv)
{
    json_t *a = json_array();
    for (const char *p = csv; p && *p;) {
        const char *e = strstr(p, ", ");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        json_array_append_new(a, json_stringn(p, n));
        p = e ? e + 2 : p + n;
    }
    return a;
}

static json_t *priority_json(const struct args *x, const struct govern_priority_set *s,
                             const struct govern_priority *p)
{
    json_t *o = json_object(), *cs = json_array(), *risks = json_object(), *reps = json_array();
    struct govern_buf b = GOVERN_BUF_INIT;
    json_object_set_new(o, "id", json_string(p->id));
    json_object_set_new(o, "number", json_integer(p->number));
    json_object_set_new(o, "title", json_string(p->title));
    for (size_t i = 0; i < p->n_co_sponsors; i++) {
        json_t *c = json_object();
        json_object_set_new(c, "name", json_string(p->co_sponsors[i].name));
        json_object_set_new(c, "organisation",
                            p->co_sponsors[i].organisation
                                ? json_string(p->co_sponsors[i].organisation)
                                : json_null());
        json_array_append_new(cs, c);
    }
    json_object_set_new(o, "co_sponsors", cs);
    json_object_set_new(o, "focus", strlist_json(&p->focus));
    open_actions(&b, x, p->id);
    json_object_set_new(o, "open_actions", ids_json(b.ptr));
    for (size_t k = x->m->n_ratings; k-- > 0;) {
        govern_buf_clear(&b);
        risks_rated(&b, x, p->id, (int)k);
        json_object_set_new(risks, x->m->rating_name[k], ids_json(b.ptr));
    }
    json_object_set_new(o, "open_risks", risks);
    struct govern_report_due *r = NULL;
    size_t n = 0;
    govern_priority_reports_owed(&r, &n, s, p);
    for (size_t i = 0; i < n; i++) {
        json_t *j = json_object();
        char q[16], due[11];
        snprintf(q, sizeof(q), "%d-Q%d", r[i].year, r[i].quarter);
        govern_date_format(due, r[i].due);
        enum report_state st = report_state(&r[i], x->as_of);
        json_object_set_new(j, "quarter", json_string(q));
        json_object_set_new(j, "due", json_string(due));
        json_object_set_new(
            j, "received", st == REPORT_RECEIVED ? json_string(r[i].entry->received) : json_null());
        json_object_set_new(j, "status",
                            json_string(st == REPORT_RECEIVED  ? "received"
                                        : st == REPORT_MISSING ? "missing"
                                                               : "not yet due"));
        json_array_append_new(reps, j);
    }
    free(r);
    json_object_set_new(o, "reports", reps);
    govern_buf_free(&b);
    return o;
}

static json_t *set_json(const struct args *x, const struct govern_priority_set *s)
{
    json_t *o = json_object(), *items = json_array();
    char f[11], t[11];
    govern_date_format(f, s->from);
    govern_date_format(t, s->to);
    json_object_set_new(o, "set", json_string(s->id));
    json_object_set_new(o, "committee", json_string(s->committee));
    json_object_set_new(o, "period", json_string(s->period));
    json_object_set_new(o, "from", json_string(f));
    json_object_set_new(o, "to", json_string(t));
    json_object_set_new(o, "agreed", s->agreed ? json_string(s->agreed) : json_null());
    json_object_set_new(o, "areas_of_focus", strlist_json(&s->areas));
    for (size_t i = 0; i < s->count; i++)
        json_array_append_new(items, priority_json(x, s, &s->items[i]));
    json_object_set_new(o, "priorities", items);
    return o;
}

int priorities_render(struct govern_buf *out, const struct govern_priority_sets *s,
                      const struct risk_list *risks, const struct tagged_actions *acts,
                      const struct risk_matrix *m, const struct govern_model *model,
                      govern_date as_of, const char *format)
{
    struct args x = {risks, acts, m, model, as_of};
    int rc = 0;
    if (!strcmp(format, "json")) {
        json_t *root = json_object(), *sets = json_array();
        char d[11];
        govern_date_format(d, as_of);
        json_object_set_new(root, "as_of", json_string(d));
        for (size_t i = 0; i < s->count; i++)
            json_array_append_new(sets, set_json(&x, s->items[i]));
        json_object_set_new(root, "priority_sets", sets);
        return govern_json_write(out, root, 0);
    }
    if (!s->count)
        return govern_buf_puts(out, "No strategic priorities (see docs/partnership.md).\n");
    for (size_t i = 0; i < s->count && !rc; i++)
        rc = text_set(out, &x, s->items[i], !strcmp(format, "md"));
    return rc;
}
