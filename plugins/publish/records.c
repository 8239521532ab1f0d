/*
 * Pages of the records other plugins keep, from their public JSON: a page
 * per decision notice and their index, the Forward Plan and the public
 * action register.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "publish.h"

/* A definition list row of a JSON string field, when it is set. */
static int field(struct govern_buf *b, const json_t *o, const char *key, const char *label)
{
    const char *v = site_json_str(o, key);
    if (!v || !*v)
        return 0;
    int rc = govern_buf_printf(b, "<dt>%s</dt><dd>", label);
    if (!rc)
        rc = site_esc(b, v);
    return rc ? rc : govern_buf_puts(b, "</dd>\n");
}

static int decision_text(struct site *s, struct govern_buf *b, const json_t *d)
{
    const json_t *dec = json_object_get(d, "decision");
    int rc = govern_buf_puts(b, "<h2>Decision</h2>\n");
    if (!json_is_object(dec))
        return rc ? rc : govern_buf_puts(b, "<p class=\"exempt\">Not for publication.</p>\n");
    if (!rc)
        rc = site_markdown(s, b, site_json_str(dec, "preamble"), 3);
    size_t i;
    json_t *p;
    if (!rc && json_array_size(json_object_get(dec, "parts")))
        rc = govern_buf_puts(b, "<ol type=\"a\">\n");
    json_array_foreach(json_object_get(dec, "parts"), i, p)
    {
        if (!rc)
            rc = govern_buf_puts(b, "<li>");
        if (!rc)
            rc = site_markdown(s, b, site_json_str(p, "text"), 3);
        if (!rc)
            rc = govern_buf_puts(b, "</li>\n");
    }
    if (!rc && json_array_size(json_object_get(dec, "parts")))
        rc = govern_buf_puts(b, "</ol>\n");
    static const char *const prose[][2] = {
        {"reasons", "Reasons"},
        {"rejected", "Alternatives considered and rejected"},
        {"statement", "Statement"},
    };
    for (size_t k = 0; k < 3 && !rc; k++)
        if (site_json_str(d, prose[k][0])) {
            rc = govern_buf_printf(b, "<h2>%s</h2>\n", prose[k][1]);
            if (!rc)
                rc = site_markdown(s, b, site_json_str(d, prose[k][0]), 3);
        }
    return rc;
}

static int decision_page(struct site *s, struct govern_buf *b, const json_t *d)
{
    char rel[300];
    int rc = site_page_begin(s, b, "../../", site_json_str(d, "title"), "feeds/council.atom");
    if (!rc)
        rc = govern_buf_puts(b, "<dl>\n");
    static const char *const fields[][2] = {
        {"decision_maker_name", "Decision maker"},
        {"date", "Date of decision"},
        {"published", "Published"},
        {"status_text", "Status"},
        {"call_in_end", "Call-in period ends"},
        {"forward_plan_ref", "Forward Plan reference"},
        {"urgency", "Urgency"},
        {"conflicts", "Conflicts of interest"},
        {"dispensation", "Dispensation"},
    };
    for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]) && !rc; k++)
        rc = field(b, d, fields[k][0], fields[k][1]);
    if (!rc && json_is_true(json_object_get(d, "key")))
        rc = govern_buf_puts(b, "<dt>Key decision</dt><dd>Yes</dd>\n");
    const char *mid = site_json_str(d, "meeting");
    long at = mid ? govern_model_meeting_index(s->m, mid) : -1;
    if (!rc && at >= 0) {
        rc = govern_buf_puts(b, "<dt>Meeting</dt><dd>");
        if (!rc)
            rc = site_meeting_link(s, b, s->m->meetings[at]);
        if (!rc)
            rc = govern_buf_puts(b, "</dd>\n");
    }
    if (!rc)
        rc = govern_buf_puts(b, "</dl>\n");
    if (!rc && !json_is_null(json_object_get(d, "exempt")) && json_object_get(d, "exempt"))
        rc = govern_buf_puts(b, "<p class=\"exempt\">The decision's details are exempt "
                                "information and not for publication.</p>\n");
    if (!rc)
        rc = decision_text(s, b, d);
    if (!rc)
        rc = site_page_end(s, b);
    snprintf(rel, sizeof(rel), "decisions/%s/index.html", site_json_str(d, "id"));
    return rc ? rc : site_page_write(s, rel, b);
}

int site_decision_pages(struct site *s)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = site_page_begin(s, &b, "../", "Decisions", "feeds/council.atom");
    if (!rc && !json_array_size(s->decisions))
        rc = govern_buf_puts(&b, "<p>No decision notices have been published.</p>\n");
    else if (!rc)
        rc = site_decision_list(s, &b, s->decisions);
    if (!rc)
        rc = site_page_finish(s, &b, "decisions/index.html");
    size_t i;
    json_t *d;
    json_array_foreach(s->decisions, i, d)
    {
        if (rc)
            break;
        rc = decision_page(s, &b, d);
    }
    govern_buf_free(&b);
    return rc;
}

int site_forward_plan(struct site *s)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = site_page_begin(s, &b, "../", "Forward Plan", NULL);
    if (!rc)
        rc = govern_buf_puts(&b, "<p>Key decisions and decisions to be taken in private in the "
                                 "next 24 months.</p>\n");
    if (!rc && !json_array_size(s->fplan))
        rc = govern_buf_puts(&b, "<p>There are no entries.</p>\n");
    size_t i;
    json_t *e;
    json_array_foreach(s->fplan, i, e)
    {
        if (rc)
            break;
        rc = govern_buf_puts(&b, "<section class=\"item\" id=\"");
        if (!rc)
            rc = site_esc(&b, site_json_str(e, "id"));
        if (!rc)
            rc = govern_buf_puts(&b, "\">\n<h2>");
        if (!rc)
            rc = site_esc(&b, site_json_str(e, "title"));
        if (!rc)
            rc = govern_buf_puts(&b, "</h2>\n<dl>\n");
        static const char *const fields[][2] = {
            {"reference", "Reference"},
            {"decision_maker_name", "Decision maker"},
            {"date", "Expected date"},
            {"first_published", "First published"},
            {"private_reason", "Taken in private"},
            {"documents", "Documents"},
            {"contact", "Contact"},
        };
        for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]) && !rc; k++)
            rc = field(&b, e, fields[k][0], fields[k][1]);
        if (!rc)
            rc = govern_buf_puts(&b, "</dl>\n");
        if (!rc)
            rc = site_markdown(s, &b, site_json_str(e, "description"), 3);
        if (!rc)
            rc = govern_buf_puts(&b, "</section>\n");
    }
    if (!rc)
        rc = site_page_finish(s, &b, "forward-plan/index.html");
    govern_buf_free(&b);
    return rc;
}

int site_actions_page(struct site *s)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = site_page_begin(s, &b, "../", "Action register", NULL);
    if (!rc)
        rc = govern_buf_puts(&b, "<p>Actions agreed at meetings, with their progress. RAG: "
                                 "red is overdue, amber due within 14 days, green on track.</p>\n");
    if (!rc && !json_array_size(s->actions))
        rc = govern_buf_puts(&b, "<p>There are no actions.</p>\n");
    else if (!rc)
        rc = site_action_table(s, &b, s->actions);
    if (!rc)
        rc = site_page_finish(s, &b, "actions/index.html");
    govern_buf_free(&b);
    return rc;
}
