/*
 * A page per meeting: when and where (or why it was cancelled), the public
 * agenda with each public report under its item, the minutes (draft, or
 * confirmed as a correct record and where), attendance, declarations,
 * votes, and the decisions and actions that came out of it.  Everything
 * comes from the public model: exempt items and minutes arrive as a title
 * and a paragraph, a private meeting's as titles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <govern/minutes.h>
#include "publish.h"

static int exempt_note(struct govern_buf *b, int exempt)
{
    if (exempt > 0)
        return govern_buf_printf(b,
                                 "<p class=\"exempt\">Not for publication: exempt information "
                                 "under paragraph %d of Part 1 of Schedule 12A to the Local "
                                 "Government Act 1972 (%s).</p>\n",
                                 exempt, govern_exempt_paragraph_text(exempt));
    if (exempt < 0)
        return govern_buf_puts(b, "<p class=\"exempt\">Not for publication.</p>\n");
    return 0;
}

/* The report's title: its first heading (ATX "# T" or underlined), or NULL;
 * *rest: the text after that heading. */
static char *report_title(const char *md, const char **rest)
{
    *rest = md;
    for (const char *p = md; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *next = nl ? nl + 1 : p + len;
        if (len && *p == '#') {
            size_t h = 0;
            while (h < len && p[h] == '#')
                h++;
            while (h < len && p[h] == ' ')
                h++;
            *rest = next;
            return strndup(p + h, len - h);
        }
        if (len && (*next == '=' || *next == '-') && strspn(next, "=-") >= 3) {
            const char *nl2 = strchr(next, '\n');
            *rest = nl2 ? nl2 + 1 : next + strlen(next);
            return strndup(p, len);
        }
        if (len && strspn(p, " \t\r") < len)
            return NULL; /* text before any heading */
        p = next;
    }
    return NULL;
}

static int report(struct site *s, struct govern_buf *b, const char *meeting,
                  const struct govern_agenda_item *it)
{
    struct govern_buf r = GOVERN_BUF_INIT;
    char path[600];
    snprintf(path, sizeof(path), "%s/reports/%s", meeting, it->report);
    int rc = govern_snapshot_read(&r, govern_public_snapshot(s->view), path);
    if (rc) {
        govern_buf_free(&r);
        return rc;
    }
    const char *rest;
    char *title = report_title(r.ptr ? r.ptr : "", &rest);
    rc = govern_buf_puts(b, "<section class=\"report\">\n<h4>Report: ");
    if (!rc)
        rc = site_esc(b, title ? title : it->title);
    if (!rc)
        rc = govern_buf_puts(b, "</h4>\n");
    if (!rc)
        rc = site_markdown(s, b, rest, 5);
    if (!rc)
        rc = govern_buf_puts(b, "</section>\n");
    free(title);
    govern_buf_free(&r);
    return rc;
}

static int agenda(struct site *s, struct govern_buf *b, const struct govern_meeting *mt,
                  const struct govern_agenda *a)
{
    int rc = govern_buf_puts(b, "<h2 id=\"agenda\">Agenda</h2>\n");
    if (!a)
        return rc ? rc : govern_buf_puts(b, "<p>The agenda has not been published yet.</p>\n");
    char d[40];
    if (!rc && a->published != GOVERN_DATE_NONE) {
        site_date(d, a->published);
        rc = govern_buf_printf(b, "<p>Published %s.</p>\n", d);
    }
    if (!rc)
        rc = site_markdown(s, b, a->notes, 3);
    for (size_t i = 0; i < a->n_items && !rc; i++) {
        const struct govern_agenda_item *it = &a->items[i];
        rc = govern_buf_printf(b, "<section class=\"item\" id=\"item-%zu\">\n<h3>%zu. ", i + 1,
                               i + 1);
        if (!rc)
            rc = site_esc(b, it->title);
        if (!rc && it->pages) {
            char pages[64];
            govern_pages_format(pages, sizeof(pages), it->pages);
            rc = govern_buf_printf(b, " (%s)", pages);
        }
        if (!rc)
            rc = govern_buf_puts(b, "</h3>\n");
        if (!rc)
            rc = exempt_note(b, it->exempt);
        if (!rc && it->urgent) {
            rc = govern_buf_puts(b, "<p><strong>Urgent item.</strong> Special circumstances: ");
            if (!rc)
                rc = site_esc(b, it->urgent);
            if (!rc)
                rc = govern_buf_puts(b, "</p>\n");
        }
        if (!rc)
            rc = site_markdown(s, b, it->purpose, 4);
        if (!rc)
            rc = site_markdown(s, b, it->body, 4);
        if (!rc && it->report)
            rc = report(s, b, mt->id, it);
        if (!rc)
            rc = govern_buf_puts(b, "</section>\n");
    }
    return rc;
}

static int people(struct site *s, struct govern_buf *b, const struct govern_minutes *mn)
{
    static const char *const heads[] = {"Present", "Apologies", "Absent", "Also present"};
    int rc = govern_buf_puts(b, "<h3>Attendance</h3>\n");
    for (int l = 0; l < GOVERN_ATTENDANCE_LISTS && !rc; l++) {
        const struct govern_people *p = &mn->people[l];
        if (!p->count)
            continue;
        rc = govern_buf_printf(b, "<h4>%s</h4>\n<ul>\n", heads[l]);
        for (size_t i = 0; i < p->count && !rc; i++) {
            const struct site_member *sm = site_member(s, p->items[i].name);
            char rel[300];
            rc = govern_buf_puts(b, "<li>");
            if (!rc && sm) {
                snprintf(rel, sizeof(rel), "members/%s/", sm->slug);
                rc = site_link(s, b, rel, p->items[i].name);
            } else if (!rc) {
                rc = site_esc(b, p->items[i].name);
            }
            if (!rc && p->items[i].title) {
                rc = govern_buf_puts(b, ", ");
                if (!rc)
                    rc = site_esc(b, p->items[i].title);
            }
            if (!rc && p->items[i].substitute_for) {
                rc = govern_buf_puts(b, " (substitute for ");
                if (!rc)
                    rc = site_esc(b, p->items[i].substitute_for);
                if (!rc)
                    rc = govern_buf_puts(b, ")");
            }
            if (!rc)
                rc = govern_buf_puts(b, "</li>\n");
        }
        if (!rc)
            rc = govern_buf_puts(b, "</ul>\n");
    }
    return rc;
}

static int declarations(struct site *s, struct govern_buf *b, const struct govern_minutes *mn)
{
    if (!mn->n_declarations)
        return govern_buf_puts(b, "<h3>Declarations of interest</h3>\n<p>None.</p>\n");
    int rc = govern_buf_puts(b, "<h3>Declarations of interest</h3>\n<div class=\"table\"><table>\n"
                                "<thead><tr><th scope=\"col\">Member</th><th scope=\"col\">"
                                "Minute</th><th scope=\"col\">Interest</th><th scope=\"col\">"
                                "Took part</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < mn->n_declarations && !rc; i++) {
        const struct govern_declaration *d = &mn->declarations[i];
        rc = govern_buf_puts(b, "<tr><td>");
        if (!rc)
            rc = site_esc(b, d->member);
        if (!rc)
            rc = govern_buf_printf(b, "</td><td>%d/%02d</td><td>%s", d->minute, mn->year % 100,
                                   govern_interest_kind_name(d->kind));
        if (!rc && d->interest) {
            rc = govern_buf_puts(b, ": ");
            if (!rc)
                rc = site_esc(b, d->interest);
        }
        if (!rc && d->dispensation) {
            rc = govern_buf_puts(b, " (dispensation: ");
            if (!rc)
                rc = site_esc(b, d->dispensation);
            if (!rc)
                rc = govern_buf_puts(b, ")");
        }
        if (!rc)
            rc = govern_buf_printf(b, "</td><td>%s</td></tr>\n", d->took_part ? "Yes" : "No");
    }
    return rc ? rc : govern_buf_puts(b, "</tbody></table></div>\n");
}

static int names(struct govern_buf *b, const char *label, const struct govern_strlist *l)
{
    int rc = govern_buf_printf(b, "<li>%s: %zu", label, l->count);
    for (size_t i = 0; i < l->count && !rc; i++) {
        rc = govern_buf_puts(b, i ? ", " : " (");
        if (!rc)
            rc = site_esc(b, l->items[i]);
    }
    if (!rc && l->count)
        rc = govern_buf_puts(b, ")");
    return rc ? rc : govern_buf_puts(b, "</li>\n");
}

static int vote(struct govern_buf *b, const struct govern_vote *v)
{
    int out = govern_vote_outcome(v);
    int rc = govern_buf_printf(b, "<p>%s vote: %s.</p>\n<ul>\n", v->recorded ? "Recorded" : "Vote",
                               out > 0   ? "carried"
                               : out < 0 ? "lost"
                                         : "tied");
    if (v->recorded) {
        if (!rc)
            rc = names(b, "For", &v->for_);
        if (!rc)
            rc = names(b, "Against", &v->against);
        if (!rc)
            rc = names(b, "Abstained", &v->abstain);
    } else if (!rc) {
        rc = govern_buf_printf(b,
                               "<li>For: %zu</li>\n<li>Against: %zu</li>\n"
                               "<li>Abstained: %zu</li>\n",
                               v->for_.count, v->against.count, v->abstain.count);
    }
    if (!rc && v->casting != GOVERN_CASTING_NONE)
        rc = govern_buf_printf(b, "<li>The chair's casting vote: %s</li>\n",
                               v->casting == GOVERN_CASTING_FOR ? "for" : "against");
    return rc ? rc : govern_buf_puts(b, "</ul>\n");
}

static int approval(struct site *s, struct govern_buf *b, const struct govern_minutes *mn)
{
    if (mn->status != GOVERN_MINUTES_APPROVED)
        return govern_buf_puts(b, "<p class=\"draft\"><strong>Draft minutes</strong>: not yet "
                                  "confirmed as a correct record.</p>\n");
    int rc = govern_buf_puts(b, "<p class=\"confirmed\">Confirmed as a correct record");
    long at = mn->approved.at ? govern_model_meeting_index(s->m, mn->approved.at) : -1;
    if (!rc && at >= 0) {
        rc = govern_buf_puts(b, " at the meeting of ");
        if (!rc)
            rc = site_meeting_link(s, b, s->m->meetings[at]);
    } else if (!rc && mn->approved.date != GOVERN_DATE_NONE) {
        char d[40];
        site_date(d, mn->approved.date);
        rc = govern_buf_printf(b, " on %s", d);
    }
    if (!rc && mn->approved.presiding) {
        rc = govern_buf_puts(b, ", signed by ");
        if (!rc)
            rc = site_esc(b, mn->approved.presiding);
    }
    return rc ? rc : govern_buf_puts(b, ".</p>\n");
}

static int minutes(struct site *s, struct govern_buf *b, const struct govern_minutes *mn)
{
    int rc = govern_buf_puts(b, "<h2 id=\"minutes\">Minutes</h2>\n");
    if (!rc)
        rc = approval(s, b, mn);
    if (!rc)
        rc = site_markdown(s, b, mn->preamble, 3);
    if (!rc)
        rc = people(s, b, mn);
    if (!rc)
        rc = declarations(s, b, mn);
    for (size_t i = 0; i < mn->n_items && !rc; i++) {
        const struct govern_minute *it = &mn->items[i];
        rc = govern_buf_printf(b, "<section class=\"item\" id=\"minute-%d\">\n<h3>%d/%02d ",
                               it->number, it->number, mn->year % 100);
        if (!rc)
            rc = site_esc(b, it->title);
        if (!rc)
            rc = govern_buf_puts(b, "</h3>\n");
        if (!rc)
            rc = exempt_note(b, it->exempt);
        if (!rc && !it->exempt)
            rc = site_markdown(s, b, it->text, 4);
        if (!rc && !it->exempt && it->vote)
            rc = vote(b, it->vote);
        if (!rc)
            rc = govern_buf_puts(b, "</section>\n");
    }
    return rc;
}

static int header(struct site *s, struct govern_buf *b, size_t i)
{
    const struct govern_meeting *mt = s->m->meetings[i];
    const struct govern_committee *c = govern_model_committee(s->m, mt->committee);
    char rel[300], d[40], t[6];
    snprintf(rel, sizeof(rel), "%s/", mt->committee);
    site_date(d, mt->date);
    int rc = govern_buf_puts(b, "<ul>\n<li>Committee: ");
    if (!rc)
        rc = site_link(s, b, rel, c ? c->name : mt->committee);
    if (!rc)
        rc = govern_buf_printf(b, "</li>\n<li>Date: %s", d);
    if (!rc && mt->time != GOVERN_TIME_NONE) {
        govern_time_format(t, mt->time);
        rc = govern_buf_printf(b, ", %s", t);
    }
    if (!rc && mt->location) {
        rc = govern_buf_puts(b, "</li>\n<li>Place: ");
        if (!rc)
            rc = site_esc(b, mt->location);
    }
    if (!rc)
        rc = govern_buf_printf(b, "</li>\n<li>Status: <span class=\"status%s\">%s</span>",
                               mt->status == GOVERN_STATUS_CANCELLED ? " cancelled" : "",
                               govern_meeting_status_name(mt->status));
    if (!rc && mt->reason) {
        rc = govern_buf_puts(b, " (");
        if (!rc)
            rc = site_esc(b, mt->reason);
        if (!rc)
            rc = govern_buf_puts(b, ")");
    }
    if (!rc && mt->private_)
        rc = govern_buf_puts(b, "</li>\n<li>Held in private");
    if (!rc)
        rc = govern_buf_printf(b,
                               "</li>\n<li><a href=\"../../feeds/committee-%s.ics\">Add "
                               "the committee's meetings to your calendar</a></li>\n</ul>\n",
                               mt->committee);
    /* the committee's previous and next meetings */
    for (int dir = -1; dir <= 1 && !rc; dir += 2)
        for (long k = (long)i + dir; k >= 0 && (size_t)k < s->m->n_meetings; k += dir)
            if (!strcmp(s->m->meetings[k]->committee, mt->committee)) {
                rc = govern_buf_puts(b, dir < 0 ? "<p>Previous meeting: " : "<p>Next meeting: ");
                if (!rc)
                    rc = site_meeting_link(s, b, s->m->meetings[k]);
                if (!rc)
                    rc = govern_buf_puts(b, "</p>\n");
                break;
            }
    return rc;
}

static int meeting_page(struct site *s, struct govern_buf *b, size_t i)
{
    const struct govern_meeting *mt = s->m->meetings[i];
    const struct govern_committee *c = govern_model_committee(s->m, mt->committee);
    char d[40], rel[300];
    site_date(d, mt->date);
    struct govern_buf title = GOVERN_BUF_INIT;
    int rc = govern_buf_printf(&title, "%s, %s%s%s", c ? c->name : mt->committee, d,
                               mt->title ? ": " : "", mt->title ? mt->title : "");
    snprintf(rel, sizeof(rel), "feeds/%s.atom", mt->committee);
    if (!rc)
        rc = site_page_begin(s, b, "../../", title.ptr, rel);
    if (!rc)
        rc = header(s, b, i);
    if (!rc && mt->status != GOVERN_STATUS_CANCELLED)
        rc = agenda(s, b, mt, s->m->agendas ? s->m->agendas[i] : NULL);
    if (!rc && s->m->minutes && s->m->minutes[i])
        rc = minutes(s, b, s->m->minutes[i]);
    json_t *dec = site_decisions_at(s, mt->id), *act = site_actions_of(s, NULL, mt->id);
    if (!rc && json_array_size(dec)) {
        rc = govern_buf_puts(b, "<h2 id=\"decisions\">Decisions</h2>\n");
        if (!rc)
            rc = site_decision_list(s, b, dec);
    }
    if (!rc && json_array_size(act)) {
        rc = govern_buf_puts(b, "<h2 id=\"actions\">Actions raised</h2>\n");
        if (!rc)
            rc = site_action_table(s, b, act);
    }
    json_decref(dec);
    json_decref(act);
    if (!rc)
        rc = site_page_end(s, b);
    snprintf(rel, sizeof(rel), "%s/index.html", mt->id);
    govern_buf_free(&title);
    return rc ? rc : site_page_write(s, rel, b);
}

int site_meeting_pages(struct site *s)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < s->m->n_meetings && !rc; i++)
        rc = meeting_page(s, &b, i);
    govern_buf_free(&b);
    return rc;
}
