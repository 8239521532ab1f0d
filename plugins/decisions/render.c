/*
 * Renderers of one decision notice: Markdown (the notice as published, with
 * the numbered headings of a council's decision record), plain text, HTML
 * (the Markdown through govern_markdown_page, raw HTML dropped) and JSON.
 * They print what the record they are given holds: for a public output the
 * caller passes the public form (decision_public), so an exempt notice has
 * nothing but its title, maker, date and paragraph to print.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "decisions.h"
#include "govern/output.h"

#define EXEMPT_NOTE                                                                                \
    "Exempt information: not for publication by virtue of paragraph %d of Part 1 of "              \
    "Schedule 12A to the Local Government Act 1972 (%s)."

/* The note an exempt notice carries: its paragraph, or (GOVERN_WITHHELD)
 * why it is withheld without one. */
static const char *exempt_note(char *buf, size_t n, int exempt)
{
    if (exempt > 0)
        snprintf(buf, n, EXEMPT_NOTE, exempt, govern_exempt_paragraph_text(exempt));
    else
        snprintf(buf, n,
                 "Not for publication: taken at a meeting held in private, or at a "
                 "meeting whose record cannot be read.");
    return buf;
}

static const char *maker_display(const struct decision_view *v)
{
    return v->maker_name ? v->maker_name : v->d->maker;
}

static int put_text(struct govern_buf *o, const char *text, const char *dflt)
{
    const char *t = text ? text : dflt;
    int rc = govern_buf_puts(o, t);
    if (!rc && *t && t[strlen(t) - 1] != '\n')
        rc = govern_buf_putc(o, '\n');
    return rc;
}

/*
 * The two styles of a notice share its body (sections 1 to 7 and the notes);
 * they differ in their heading of fields, in how a numbered heading and a
 * one-line free-text field look, and in the conflicts section.
 */
struct notice_style {
    /* the fields before section 1, ending with the exempt note where the
     * notice is exempt and public (nothing follows it then) */
    int (*head)(struct govern_buf *o, const struct decision_view *v);
    const char *heading; /* before the text of a section's heading */
    /* a one-line free-text field (dispensation, urgency), value or dflt, with
     * its end of line */
    int (*line)(struct govern_buf *o, const char *value, const char *dflt);
    int (*conflicts)(struct govern_buf *o, const struct decision *d);
    const char *urgent_note; /* after the reason for urgency, or NULL */
};

static int heading(struct govern_buf *o, const struct notice_style *st, bool blank_before,
                   const char *title)
{
    return govern_buf_printf(o, "%s%s%s\n\n", blank_before ? "\n" : "", st->heading, title);
}

static int render_notice(struct govern_buf *o, const struct decision_view *v,
                         const struct notice_style *st)
{
    const struct decision *d = v->d;
    int rc = st->head(o, v);
    if (rc || (d->exempt && v->public_))
        return rc;
    rc = heading(o, st, true, "1. The decision");
    if (!rc && d->preamble)
        rc = govern_buf_printf(o, "%s\n", d->preamble);
    for (size_t i = 0; i < d->n_parts && !rc; i++) {
        rc = govern_buf_printf(o, "%c) ", (char)('a' + i));
        if (!rc)
            rc = put_text(o, d->parts[i], "");
        if (!rc)
            rc = govern_buf_putc(o, '\n');
    }
    if (!rc)
        rc = heading(o, st, false, "2. Reasons for the decision");
    if (!rc)
        rc = put_text(o, d->reasons, "None given.");
    if (!rc)
        rc = heading(o, st, true, "3. Other options considered and rejected");
    if (!rc)
        rc = put_text(o, d->rejected, "None.");
    if (!rc)
        rc = heading(o, st, true, "4. Conflicts of interest");
    if (!rc)
        rc = st->conflicts(o, d);
    if (!rc)
        rc = heading(o, st, true, "5. Dispensation granted");
    if (!rc)
        rc = st->line(o, d->dispensation, "None");
    if (!rc)
        rc = heading(o, st, true, "6. Reason for urgency");
    if (!rc)
        rc = st->line(o, d->urgency, "Not applicable.");
    if (!rc && d->urgency && st->urgent_note)
        rc = govern_buf_puts(o, st->urgent_note);
    if (!rc && d->statement) {
        rc = heading(o, st, true, "7. Statement from the decision maker");
        if (!rc)
            rc = put_text(o, d->statement, "");
    }
    if (!rc && d->notes && !v->public_) {
        rc = heading(o, st, true, "Notes (not for publication)");
        if (!rc)
            rc = put_text(o, d->notes, "");
    }
    return rc;
}

/* ---------------------------------------------------------------- Markdown */

static int md_field(struct govern_buf *o, const char *label, const char *value)
{
    if (!value)
        return 0;
    int rc = govern_buf_printf(o, "**%s:** ", label);
    if (!rc)
        rc = govern_md_escape(o, value);
    return rc ? rc : govern_buf_puts(o, "  \n");
}

/* A free-text front-matter field (conflicts, dispensation...): one line in
 * the notice; line breaks become spaces. */
static int md_line(struct govern_buf *o, const char *value, const char *dflt)
{
    int rc = govern_md_escape(o, value ? value : dflt);
    return rc ? rc : govern_buf_putc(o, '\n');
}

static int md_head(struct govern_buf *o, const struct decision_view *v)
{
    const struct decision *d = v->d;
    char date[40], pub[40];
    govern_date_format_long(date, d->date);
    int rc = govern_buf_puts(o, "# Decision: ");
    if (!rc)
        rc = govern_md_escape(o, d->title);
    if (!rc)
        rc = govern_buf_puts(o, "\n\n");
    if (!rc)
        rc = md_field(o, "Decision maker", maker_display(v));
    if (!rc)
        rc = md_field(o, "Date", date);
    if (!rc)
        rc = md_field(o, "Title", d->title);
    if (!rc && d->exempt && v->public_) {
        char note[512];
        return govern_buf_printf(o, "\n*%s*\n", exempt_note(note, sizeof(note), d->exempt));
    }
    if (!rc)
        rc = md_field(o, "Key decision", d->key ? "Yes" : "No");
    if (!rc)
        rc = md_field(o, "Forward Plan reference", d->forward_plan_ref);
    if (!rc)
        rc = md_field(o, "Reference", d->reference);
    if (!rc)
        rc = md_field(o, "Meeting", d->meeting);
    if (!rc && d->published != GOVERN_DATE_NONE) {
        govern_date_format_long(pub, d->published);
        rc = md_field(o, "Published", pub);
    }
    if (!rc) {
        struct govern_buf s = GOVERN_BUF_INIT;
        rc = decision_status_text(&s, v->state, v->when);
        if (!rc)
            rc = md_field(o, "Status", s.ptr);
        govern_buf_free(&s);
    }
    if (!rc && d->exempt) {
        char note[512];
        rc = govern_buf_printf(o, "\n*%s*\n", exempt_note(note, sizeof(note), d->exempt));
    }
    return rc;
}

static int md_conflicts(struct govern_buf *o, const struct decision *d)
{
    int rc = govern_buf_puts(o, "- Conflicts of interest declared by the decision maker: ");
    if (!rc)
        rc = md_line(o, d->conflicts, "None");
    if (!rc)
        rc = govern_buf_puts(o, "- Conflicts of interest declared by other members consulted: ");
    if (!rc)
        rc = md_line(o, d->consulted, "Not applicable");
    return rc;
}

static const struct notice_style md_style = {
    .head = md_head,
    .heading = "## ",
    .line = md_line,
    .conflicts = md_conflicts,
    .urgent_note = "\nThis decision was taken as a matter of urgency: it is not subject to "
                   "call-in.\n",
};

int decision_render_md(struct govern_buf *o, const struct decision_view *v)
{
    return render_notice(o, v, &md_style);
}

/* ------------------------------------------------------------------- text */

static int text_field(struct govern_buf *o, const char *label, const char *value)
{
    if (!value)
        return 0;
    int rc = govern_buf_printf(o, "%-16s", label);
    /* continuation lines of a multi-line value are indented under the value */
    for (const char *p = value; *p && !rc; p++) {
        rc = govern_buf_putc(o, *p);
        if (!rc && *p == '\n' && p[1])
            rc = govern_buf_printf(o, "%-16s", "");
    }
    if (!rc && value[strlen(value) - 1] != '\n')
        rc = govern_buf_putc(o, '\n');
    return rc;
}

static int text_head(struct govern_buf *o, const struct decision_view *v)
{
    const struct decision *d = v->d;
    char date[40], pub[40];
    govern_date_format_long(date, d->date);
    int rc = govern_buf_printf(o, "Decision: %s\n", d->title);
    if (!rc)
        rc = text_field(o, "Id:", d->id);
    if (!rc)
        rc = text_field(o, "Decision maker:", maker_display(v));
    if (!rc)
        rc = text_field(o, "Date:", date);
    if (!rc && d->exempt && v->public_) {
        char note[512];
        return govern_buf_printf(o, "\n%s\n", exempt_note(note, sizeof(note), d->exempt));
    }
    if (!rc)
        rc = text_field(o, "Key decision:", d->key ? "yes" : "no");
    if (!rc)
        rc = text_field(o, "Forward Plan:", d->forward_plan_ref);
    if (!rc)
        rc = text_field(o, "Reference:", d->reference);
    if (!rc)
        rc = text_field(o, "Committee:", d->committee);
    if (!rc)
        rc = text_field(o, "Meeting:", d->meeting);
    if (!rc && d->exempt) {
        char ex[16];
        if (d->exempt > 0)
            snprintf(ex, sizeof(ex), "paragraph %d", d->exempt);
        else
            snprintf(ex, sizeof(ex), "withheld");
        rc = text_field(o, "Exempt:", ex);
    }
    if (!rc && d->published != GOVERN_DATE_NONE) {
        govern_date_format_long(pub, d->published);
        rc = text_field(o, "Published:", pub);
    }
    if (!rc && d->call_in_end != GOVERN_DATE_NONE) {
        govern_date_format_long(pub, d->call_in_end);
        rc = text_field(o, "Call-in ends:", pub);
    }
    if (!rc && d->urgency)
        rc = text_field(o, "Call-in:", "none: urgent decision, not subject to call-in");
    if (!rc) {
        struct govern_buf s = GOVERN_BUF_INIT;
        rc = decision_status_text(&s, v->state, v->when);
        if (!rc)
            rc = text_field(o, "Status:", s.ptr);
        govern_buf_free(&s);
    }
    return rc;
}

static int text_conflicts(struct govern_buf *o, const struct decision *d)
{
    int rc = text_field(o, "Decision maker:", d->conflicts ? d->conflicts : "None");
    if (!rc)
        rc = text_field(o, "Consulted:", d->consulted ? d->consulted : "Not applicable");
    return rc;
}

static const struct notice_style text_style = {
    .head = text_head,
    .heading = "",
    .line = put_text,
    .conflicts = text_conflicts,
    .urgent_note = NULL,
};

int decision_render_text(struct govern_buf *o, const struct decision_view *v)
{
    return render_notice(o, v, &text_style);
}

/* ------------------------------------------------------------------- HTML */

int decision_render_html(struct govern_buf *o, const struct decision_view *v)
{
    struct govern_buf md = GOVERN_BUF_INIT, title = GOVERN_BUF_INIT;
    int rc = decision_render_md(&md, v);
    if (!rc)
        rc = govern_buf_printf(&title, "Decision: %s", v->d->title);
    if (!rc)
        rc = govern_markdown_page(o, title.ptr, md.ptr);
    govern_buf_free(&md);
    govern_buf_free(&title);
    return rc;
}

/* ------------------------------------------------------------------- JSON */

int decision_render_json(struct govern_buf *o, const struct decision_view *v)
{
    const struct decision *d = v->d;
    json_t *r = json_object();
    if (!r)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    json_object_set_new(r, "id", json_string(d->id));
    json_object_set_new(r, "public", json_boolean(v->public_));
    json_object_set_new(r, "decision_maker", json_string(d->maker));
    json_object_set_new(r, "decision_maker_name", json_string(maker_display(v)));
    json_object_set_new(r, "date", govern_json_date(d->date));
    json_object_set_new(r, "title", json_string(d->title));
    json_object_set_new(r, "exempt", d->exempt > 0 ? json_integer(d->exempt) : json_null());
    if (d->exempt && v->public_) {
        char note[512];
        json_object_set_new(r, "exempt_notice",
                            json_string(exempt_note(note, sizeof(note), d->exempt)));
    } else {
        struct govern_buf s = GOVERN_BUF_INIT;
        decision_status_text(&s, v->state, v->when);
        json_object_set_new(r, "committee", govern_json_str(d->committee));
        json_object_set_new(r, "meeting", govern_json_str(d->meeting));
        json_object_set_new(r, "key", json_boolean(d->key));
        json_object_set_new(r, "forward_plan_ref", govern_json_str(d->forward_plan_ref));
        json_object_set_new(r, "reference", govern_json_str(d->reference));
        json_object_set_new(r, "urgency", govern_json_str(d->urgency));
        json_object_set_new(r, "call_in", json_boolean(!d->urgency));
        json_object_set_new(r, "conflicts", govern_json_str(d->conflicts));
        json_object_set_new(r, "members_consulted_conflicts", govern_json_str(d->consulted));
        json_object_set_new(r, "dispensation", govern_json_str(d->dispensation));
        json_object_set_new(r, "published", govern_json_date(d->published));
        json_object_set_new(r, "call_in_end", govern_json_date(d->call_in_end));
        json_object_set_new(r, "status", json_string(decision_state_name(v->state)));
        json_object_set_new(r, "status_date", govern_json_date(v->when));
        json_object_set_new(r, "status_text", json_string(s.ptr ? s.ptr : ""));
        govern_buf_free(&s);
        json_t *dec = json_object(), *parts = json_array();
        json_object_set_new(dec, "preamble", govern_json_str(d->preamble));
        for (size_t i = 0; i < d->n_parts; i++) {
            json_t *p = json_object();
            char letter[2] = {(char)('a' + i), '\0'};
            json_object_set_new(p, "part", json_string(letter));
            json_object_set_new(p, "text", json_string(d->parts[i]));
            json_array_append_new(parts, p);
        }
        json_object_set_new(dec, "parts", parts);
        json_object_set_new(r, "decision", dec);
        json_object_set_new(r, "reasons", govern_json_str(d->reasons));
        json_object_set_new(r, "rejected", govern_json_str(d->rejected));
        json_object_set_new(r, "statement", govern_json_str(d->statement));
        if (!v->public_)
            json_object_set_new(r, "notes", govern_json_str(d->notes));
    }
    return govern_json_write(o, r, 0);
}
