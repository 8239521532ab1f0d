/*
 * A page per committee: purpose, members (role, organisation, voting
 * right), its meetings, its entries in the Forward Plan, its open actions
 * in public form, and its calendar and news feeds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "publish.h"

static int members(struct site *s, struct govern_buf *b, const struct govern_committee *c)
{
    size_t serving = 0;
    for (size_t k = 0; k < c->n_members; k++)
        serving += govern_member_active(&c->members[k], s->as_of);
    if (!serving)
        return govern_buf_puts(b, "<h2>Members</h2>\n<p>No members are listed.</p>\n");
    int rc = govern_buf_puts(b, "<h2>Members</h2>\n<div class=\"table\"><table>\n<thead><tr>"
                                "<th scope=\"col\">Name</th><th scope=\"col\">Role</th>"
                                "<th scope=\"col\">Organisation</th><th scope=\"col\">Voting"
                                "</th></tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < c->n_members && !rc; k++) {
        const struct govern_member *mb = &c->members[k];
        if (!govern_member_active(mb, s->as_of))
            continue;
        const struct site_member *sm = site_member(s, mb->name);
        char rel[300];
        snprintf(rel, sizeof(rel), "members/%s/", sm ? sm->slug : "");
        rc = govern_buf_puts(b, "<tr><th scope=\"row\">");
        if (!rc)
            rc = sm ? site_link(s, b, rel, mb->name) : site_esc(b, mb->name);
        if (!rc)
            rc = govern_buf_printf(b, "</th><td>%s", govern_role_name(mb->role));
        if (!rc && mb->title) {
            rc = govern_buf_puts(b, " (");
            if (!rc)
                rc = site_esc(b, mb->title);
            if (!rc)
                rc = govern_buf_puts(b, ")");
        }
        if (!rc)
            rc = govern_buf_puts(b, "</td><td>");
        if (!rc)
            rc = site_esc(b, mb->organisation);
        if (!rc)
            rc = govern_buf_printf(b, "</td><td>%s</td></tr>\n", mb->voting ? "Yes" : "No");
    }
    return rc ? rc : govern_buf_puts(b, "</tbody></table></div>\n");
}

static int meetings(struct site *s, struct govern_buf *b, const struct govern_committee *c)
{
    size_t n = 0;
    for (size_t k = 0; k < s->m->n_meetings; k++)
        n += !strcmp(s->m->meetings[k]->committee, c->slug);
    if (!n)
        return govern_buf_puts(b, "<h2>Meetings</h2>\n<p>No meetings yet.</p>\n");
    int rc = govern_buf_puts(b, "<h2>Meetings</h2>\n<ul>\n");
    for (size_t k = s->m->n_meetings; k-- > 0 && !rc;) {
        const struct govern_meeting *mt = s->m->meetings[k];
        if (strcmp(mt->committee, c->slug))
            continue;
        char rel[300], d[40];
        snprintf(rel, sizeof(rel), "%s/", mt->id);
        site_date(d, mt->date);
        rc = govern_buf_puts(b, "<li>");
        if (!rc)
            rc = site_link(s, b, rel, d);
        if (!rc && mt->status != GOVERN_STATUS_HELD && mt->status != GOVERN_STATUS_SCHEDULED)
            rc = govern_buf_printf(b, " (%s)", govern_meeting_status_name(mt->status));
        if (!rc && s->m->agendas && s->m->agendas[k])
            rc = govern_buf_puts(b, ": agenda");
        if (!rc && s->m->minutes && s->m->minutes[k])
            rc = govern_buf_puts(b, ", minutes");
        if (!rc)
            rc = govern_buf_puts(b, "</li>\n");
    }
    return rc ? rc : govern_buf_puts(b, "</ul>\n");
}

static int forward_plan(struct site *s, struct govern_buf *b, const struct govern_committee *c)
{
    int rc = 0, n = 0;
    size_t i;
    json_t *e;
    json_array_foreach(s->fplan, i, e)
    {
        const char *maker = site_json_str(e, "decision_maker");
        if (rc || !maker || strcmp(maker, c->slug))
            continue;
        if (!n++)
            rc = govern_buf_puts(b, "<h2>In the Forward Plan</h2>\n<ul>\n");
        if (!rc)
            rc = govern_buf_puts(b, "<li>");
        if (!rc)
            rc = site_link(s, b, "forward-plan/", site_json_str(e, "title"));
        if (!rc && site_json_str(e, "date")) {
            rc = govern_buf_puts(b, " (");
            if (!rc)
                rc = site_esc(b, site_json_str(e, "date"));
            if (!rc)
                rc = govern_buf_puts(b, ")");
        }
        if (!rc)
            rc = govern_buf_puts(b, "</li>\n");
    }
    return rc || !n ? rc : govern_buf_puts(b, "</ul>\n");
}

static int open_actions(struct site *s, struct govern_buf *b, const struct govern_committee *c)
{
    json_t *all = site_actions_of(s, c->slug, NULL), *open = json_array(), *a;
    size_t i;
    json_array_foreach(all, i, a)
    {
        const char *st = site_json_str(a, "status");
        if (st && strcmp(st, "done") && strcmp(st, "closed") && strcmp(st, "dropped"))
            json_array_append(open, a);
    }
    int rc = 0;
    if (json_array_size(open)) {
        rc = govern_buf_puts(b, "<h2>Open actions</h2>\n");
        if (!rc)
            rc = site_action_table(s, b, open);
    }
    json_decref(all);
    json_decref(open);
    return rc;
}

static int committee_page(struct site *s, struct govern_buf *b, const struct govern_committee *c)
{
    char rel[300];
    snprintf(rel, sizeof(rel), "feeds/%s.atom", c->slug);
    int rc = site_page_begin(s, b, "../", c->name, rel);
    if (!rc)
        rc = govern_buf_printf(b, "<p>%s", govern_kind_name(c->kind));
    const struct govern_committee *parent =
        c->parent ? govern_model_committee(s->m, c->parent) : NULL;
    if (!rc && parent) {
        snprintf(rel, sizeof(rel), "%s/", parent->slug);
        rc = govern_buf_puts(b, " of ");
        if (!rc)
            rc = site_link(s, b, rel, parent->name);
    }
    if (!rc && c->cadence) {
        rc = govern_buf_puts(b, "; meets ");
        if (!rc)
            rc = site_esc(b, c->cadence);
    }
    if (!rc)
        rc = govern_buf_puts(b, ".</p>\n");
    if (!rc)
        rc = site_markdown(s, b, c->description, 2);
    if (!rc)
        rc = govern_buf_printf(b,
                               "<p><a href=\"../feeds/committee-%s.ics\">Meetings as a calendar "
                               "(iCalendar)</a> · <a href=\"../feeds/%s.atom\">News feed "
                               "(Atom)</a></p>\n",
                               c->slug, c->slug);
    if (!rc)
        rc = members(s, b, c);
    if (!rc)
        rc = meetings(s, b, c);
    if (!rc)
        rc = forward_plan(s, b, c);
    if (!rc)
        rc = open_actions(s, b, c);
    if (!rc)
        rc = site_page_end(s, b);
    snprintf(rel, sizeof(rel), "%s/index.html", c->slug);
    return rc ? rc : site_page_write(s, rel, b);
}

int site_committee_pages(struct site *s)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < s->m->n_committees && !rc; i++)
        rc = committee_page(s, &b, s->m->committees[i]);
    govern_buf_free(&b);
    return rc;
}
