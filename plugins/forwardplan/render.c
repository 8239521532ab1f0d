/*
 * The Forward Plan as councils publish it: one entry per key decision (and
 * per decision to be taken in private), by date, in text, Markdown, HTML,
 * JSON and CSV.  Every renderer prints views (view.c), never entries, so the
 * public form holds only what may be published.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "forwardplan.h"
#include "govern/output.h"

static void iso(char out[11], govern_date d)
{
    if (d == GOVERN_DATE_NONE)
        out[0] = '\0';
    else
        govern_date_format(out, d);
}

static const char *maker_of(const struct fp_view *v)
{
    return v->maker_name ? v->maker_name : v->maker;
}

/* "yes", "paragraph 3", or "" for the PRIVATE column. */
static void private_cell(char out[32], const struct fp_view *v)
{
    if (v->private_)
        snprintf(out, 32, "paragraph %d", v->private_);
    else
        snprintf(out, 32, "%s", v->withheld ? "yes" : "");
}

int fp_render_text(struct govern_buf *out, const struct fp_plan *p)
{
    static const char *const hdr[] = {"DATE",           "ID",    "KEY", "PRIVATE", "PUBLISHED",
                                      "DECISION MAKER", "MATTER"};
    char from[11], to[11];
    iso(from, p->from);
    iso(to, p->to);
    int rc = govern_buf_printf(out, "Forward Plan of %s: decisions from %s to %s%s\n", p->body,
                               from, to, p->public_ ? " (public)" : "");
    if (rc)
        return rc;
    if (!p->count)
        return govern_buf_puts(out, "No entries.\n");
    struct govern_table *t = NULL;
    if ((rc = govern_table_new(&t, 7, hdr)))
        return rc;
    for (size_t i = 0; i < p->count && !rc; i++) {
        const struct fp_view *v = &p->views[i];
        char d[11], pub[11], priv[32];
        iso(d, v->date);
        if (v->draft)
            snprintf(pub, sizeof(pub), "draft");
        else
            iso(pub, v->first_published);
        private_cell(priv, v);
        const char *cells[] = {d, v->id, v->key ? "yes" : "no", priv, pub, maker_of(v), v->title};
        rc = govern_table_row(t, cells);
    }
    if (!rc)
        rc = govern_buf_putc(out, '\n');
    if (!rc)
        rc = govern_table_render(out, t, false);
    govern_table_free(t);
    return rc;
}

static int md_row(struct govern_buf *out, const char *label, const char *value)
{
    if (!value)
        return 0;
    int rc = govern_buf_printf(out, "| %s | ", label);
    struct govern_buf one = GOVERN_BUF_INIT;
    /* a table cell is one line */
    for (const char *s = value; !rc && *s; s++)
        rc = govern_buf_putc(&one, (*s == '\n' || *s == '\r') ? ' ' : *s);
    if (!rc)
        rc = govern_md_escape(out, one.ptr ? one.ptr : "");
    govern_buf_free(&one);
    return rc ? rc : govern_buf_puts(out, " |\n");
}

static int md_date_row(struct govern_buf *out, const char *label, govern_date d)
{
    char s[40];
    if (d == GOVERN_DATE_NONE)
        return 0;
    govern_date_format_long(s, d);
    return md_row(out, label, s);
}

static int md_entry(struct govern_buf *out, const struct fp_view *v)
{
    char when[40];
    govern_date_format_long(when, v->date);
    int rc = govern_buf_printf(out, "## %s: ", when);
    if (!rc)
        rc = govern_md_escape(out, v->title);
    if (!rc)
        rc = govern_buf_puts(out, "\n\n| | |\n|---|---|\n");
    if (!rc)
        rc = md_row(out, "Reference", v->reference ? v->reference : v->id);
    if (!rc)
        rc = md_row(out, "Decision maker", maker_of(v));
    if (!rc)
        rc = md_row(out, "Key decision", v->key ? "Yes" : "No");
    if (!rc)
        rc = md_date_row(out, "First published on the plan",
                         v->draft ? GOVERN_DATE_NONE : v->first_published);
    if (!rc && v->draft)
        rc = md_row(out, "Status", "Draft: not yet published");
    struct govern_buf priv = GOVERN_BUF_INIT;
    if (!rc && (v->private_ || v->withheld) && !(rc = fp_private_notice(&priv, v->private_)))
        rc = md_row(out, "Private", priv.ptr);
    govern_buf_free(&priv);
    if (!rc && !v->private_ && !v->withheld)
        rc = md_row(out, "Private", "No: to be taken in public");
    if (!rc)
        rc = md_row(out, "Meeting", v->meeting);
    if (!rc && v->exception)
        rc = md_row(out, "Exception",
                    v->exception == FP_GENERAL_EXCEPTION ? "General exception (SI 2012/2089 reg 10)"
                                                         : "Special urgency (SI 2012/2089 reg 11)");
    if (!rc)
        rc = md_row(out, "Chair of scrutiny", v->scrutiny_chair);
    if (!rc)
        rc = md_date_row(out, "Chair informed", v->informed);
    if (!rc)
        rc = md_date_row(out, "Urgency agreed", v->agreed);
    if (!rc)
        rc = md_row(out, "Why 28 days' notice could not be given", v->urgency_reason);
    if (!rc)
        rc = md_row(out, "Documents", v->documents);
    if (!rc)
        rc = md_row(out, "Contact", v->contact);
    if (!rc)
        rc = md_row(out, "Reason for privacy (clerk)", v->private_reason);
    if (!rc)
        rc = md_row(out, "Notes (clerk)", v->notes);
    if (!rc && v->body)
        rc = govern_buf_printf(out, "\n%s", v->body);
    if (!rc && v->body && v->body[strlen(v->body) - 1] != '\n')
        rc = govern_buf_putc(out, '\n');
    return rc ? rc : govern_buf_putc(out, '\n');
}

int fp_render_md(struct govern_buf *out, const struct fp_plan *p)
{
    char from[40], to[40], as_of[40];
    govern_date_format_long(from, p->from);
    govern_date_format_long(to, p->to);
    govern_date_format_long(as_of, p->as_of);
    int rc = govern_buf_puts(out, "# Forward Plan: ");
    if (!rc)
        rc = govern_md_escape(out, p->body);
    if (!rc)
        rc = govern_buf_printf(out,
                               "\n\nKey decisions to be taken, and decisions to be taken in "
                               "private, from %s to %s, as published on %s (the Local "
                               "Authorities (Executive Arrangements) (Meetings and Access to "
                               "Information) (England) Regulations 2012, regs 5 and 9).\n\n",
                               from, to, as_of);
    if (!rc && !p->count)
        rc = govern_buf_puts(out, "No entries.\n");
    for (size_t i = 0; i < p->count && !rc; i++)
        rc = md_entry(out, &p->views[i]);
    return rc;
}

int fp_render_html(struct govern_buf *out, const struct fp_plan *p)
{
    struct govern_buf md = GOVERN_BUF_INIT, title = GOVERN_BUF_INIT;
    int rc = fp_render_md(&md, p);
    if (!rc)
        rc = govern_buf_printf(&title, "Forward Plan: %s", p->body);
    if (!rc)
        rc = govern_markdown_page(out, title.ptr, md.ptr);
    govern_buf_free(&md);
    govern_buf_free(&title);
    return rc;
}

static int json_entry(json_t *arr, const struct fp_view *v, bool public_)
{
    json_t *o = json_object();
    if (!o)
        return govern_oom();
    json_object_set_new(o, "id", json_string(v->id));
    json_object_set_new(o, "reference", govern_json_str(v->reference));
    json_object_set_new(o, "title", json_string(v->title));
    json_object_set_new(o, "decision_maker", json_string(v->maker));
    json_object_set_new(o, "decision_maker_name", govern_json_str(v->maker_name));
    json_object_set_new(o, "date", govern_json_date(v->date));
    json_object_set_new(o, "key", json_boolean(v->key));
    json_object_set_new(o, "private", v->private_ ? json_integer(v->private_) : json_null());
    json_object_set_new(o, "first_published",
                        govern_json_date(v->draft ? GOVERN_DATE_NONE : v->first_published));
    if (!public_)
        json_object_set_new(o, "draft", json_boolean(v->draft));
    if (v->withheld) {
        struct govern_buf n = GOVERN_BUF_INIT;
        if (fp_private_notice(&n, v->private_)) {
            json_decref(o);
            return govern_oom();
        }
        json_object_set_new(o, "private_notice", json_string(n.ptr));
        govern_buf_free(&n);
        return json_array_append_new(arr, o) ? govern_oom() : 0;
    }
    json_object_set_new(o, "meeting", govern_json_str(v->meeting));
    json_object_set_new(o, "exception",
                        v->exception ? json_string(fp_exception_name(v->exception)) : json_null());
    json_object_set_new(o, "scrutiny_chair", govern_json_str(v->scrutiny_chair));
    json_object_set_new(o, "informed", govern_json_date(v->informed));
    json_object_set_new(o, "agreed", govern_json_date(v->agreed));
    json_object_set_new(o, "urgency_reason", govern_json_str(v->urgency_reason));
    json_object_set_new(o, "documents", govern_json_str(v->documents));
    json_object_set_new(o, "contact", govern_json_str(v->contact));
    json_object_set_new(o, "description", govern_json_str(v->body));
    if (!public_) {
        json_object_set_new(o, "private_reason", govern_json_str(v->private_reason));
        json_object_set_new(o, "notes", govern_json_str(v->notes));
    }
    return json_array_append_new(arr, o) ? govern_oom() : 0;
}

int fp_render_json(struct govern_buf *out, const struct fp_plan *p)
{
    json_t *root = json_object(), *arr = json_array();
    int rc = root && arr ? 0 : govern_oom();
    if (!rc) {
        json_object_set_new(root, "body", json_string(p->body));
        json_object_set_new(root, "as_of", govern_json_date(p->as_of));
        json_object_set_new(root, "from", govern_json_date(p->from));
        json_object_set_new(root, "to", govern_json_date(p->to));
        json_object_set_new(root, "public", json_boolean(p->public_));
    }
    for (size_t i = 0; i < p->count && !rc; i++)
        rc = json_entry(arr, &p->views[i], p->public_);
    if (!rc) {
        json_object_set(root, "entries", arr);
        rc = govern_json_write(out, json_incref(root), GOVERN_JSON_ASCII);
    }
    json_decref(arr);
    json_decref(root);
    return rc;
}

int fp_render_csv(struct govern_buf *out, const struct fp_plan *p, const char *format)
{
    static const char *const hdr[] = {
        "id",      "reference",       "date",    "title",    "decision_maker", "key",
        "private", "first_published", "meeting", "exception"};
    struct govern_table *t = NULL;
    int rc = govern_table_new(&t, 10, hdr);
    if (!rc)
        rc = govern_table_types(t, "ttdttttdtt"); /* date and first_published typed */
    for (size_t i = 0; i < p->count && !rc; i++) {
        const struct fp_view *v = &p->views[i];
        char d[11], pub[11], priv[32];
        iso(d, v->date);
        iso(pub, v->draft ? GOVERN_DATE_NONE : v->first_published);
        private_cell(priv, v);
        const char *cells[] = {v->id,
                               v->reference ? v->reference : "",
                               d,
                               v->title,
                               maker_of(v),
                               v->key ? "yes" : "no",
                               priv,
                               pub,
                               v->meeting ? v->meeting : "",
                               v->exception ? fp_exception_name(v->exception) : ""};
        rc = govern_table_row(t, cells);
    }
    if (!rc)
        rc = govern_table_render_as(out, t, format, false, "forward plan");
    govern_table_free(t);
    return rc;
}
