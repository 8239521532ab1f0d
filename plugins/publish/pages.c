/*
 * The site's index pages: home, the calendar by month, a page per
 * committee, the decision notices, the Forward Plan and the public action
 * register.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <govern/minutes.h>
#include "publish.h"

static int meeting_row(struct site *s, struct govern_buf *b, const struct govern_meeting *mt,
                       bool committee)
{
    const struct govern_committee *c = govern_model_committee(s->m, mt->committee);
    char d[40], t[6] = "";
    site_date(d, mt->date);
    if (mt->time != GOVERN_TIME_NONE)
        govern_time_format(t, mt->time);
    char rel[300];
    snprintf(rel, sizeof(rel), "%s/", mt->id);
    int rc = govern_buf_puts(b, "<tr><td>");
    if (!rc)
        rc = site_link(s, b, rel, d);
    if (!rc)
        rc = govern_buf_printf(b, "</td><td>%s</td>", t);
    if (!rc && committee) {
        snprintf(rel, sizeof(rel), "%s/", mt->committee);
        rc = govern_buf_puts(b, "<td>");
        if (!rc)
            rc = site_link(s, b, rel, c ? c->name : mt->committee);
        if (!rc)
            rc = govern_buf_puts(b, "</td>");
    }
    if (!rc)
        rc = govern_buf_printf(b, "<td class=\"status%s\">%s",
                               mt->status == GOVERN_STATUS_CANCELLED ? " cancelled" : "",
                               govern_meeting_status_name(mt->status));
    if (!rc && mt->reason) {
        rc = govern_buf_puts(b, ": ");
        if (!rc)
            rc = site_esc(b, mt->reason);
    }
    return rc ? rc : govern_buf_puts(b, "</td></tr>\n");
}

static int meeting_table_begin(struct govern_buf *b, bool committee)
{
    return govern_buf_printf(b,
                             "<div class=\"table\"><table>\n<thead><tr><th scope=\"col\">Date"
                             "</th><th scope=\"col\">Time</th>%s<th scope=\"col\">Status</th>"
                             "</tr></thead>\n<tbody>\n",
                             committee ? "<th scope=\"col\">Committee</th>" : "");
}

static const char table_end[] = "</tbody></table></div>\n";

int site_decision_list(struct site *s, struct govern_buf *b, json_t *list)
{
    int rc = govern_buf_puts(b, "<ul>\n");
    size_t i;
    json_t *d;
    json_array_foreach(list, i, d)
    {
        char rel[300];
        snprintf(rel, sizeof(rel), "decisions/%s/", site_json_str(d, "id"));
        if (!rc)
            rc = govern_buf_puts(b, "<li>");
        if (!rc)
            rc = site_link(s, b, rel, site_json_str(d, "title"));
        if (!rc)
            rc = govern_buf_puts(b, " (");
        if (!rc)
            rc = site_esc(b, site_json_str(d, "decision_maker_name"));
        if (!rc)
            rc = govern_buf_puts(b, ", ");
        if (!rc)
            rc = site_esc(b, site_json_str(d, "date"));
        if (!rc)
            rc = govern_buf_puts(b, ")</li>\n");
    }
    return rc ? rc : govern_buf_puts(b, "</ul>\n");
}

int site_action_table(struct site *s, struct govern_buf *b, json_t *list)
{
    int rc = govern_buf_puts(b, "<div class=\"table\"><table>\n<thead><tr><th scope=\"col\">"
                                "Action</th><th scope=\"col\">RAG</th><th scope=\"col\">Status"
                                "</th><th scope=\"col\">Due</th><th scope=\"col\">Owner</th>"
                                "<th scope=\"col\">Raised at</th></tr></thead>\n<tbody>\n");
    size_t i;
    json_t *a;
    json_array_foreach(list, i, a)
    {
        const char *f[] = {site_json_str(a, "id"), site_json_str(a, "text"),
                           site_json_str(a, "status"), site_json_str(a, "due"),
                           site_json_str(a, "owner")};
        if (rc)
            break;
        rc = govern_buf_puts(b, "<tr><th scope=\"row\" id=\"");
        if (!rc)
            rc = site_esc(b, f[0]);
        if (!rc)
            rc = govern_buf_puts(b, "\">");
        if (!rc)
            rc = site_esc(b, f[0]);
        if (!rc)
            rc = govern_buf_puts(b, "<br>");
        if (!rc)
            rc = site_esc(b, f[1]);
        if (!rc)
            rc = govern_buf_puts(b, "</th><td>");
        if (!rc)
            rc = site_rag(b, site_json_str(a, "rag"));
        for (int k = 2; k < 5 && !rc; k++) {
            rc = govern_buf_puts(b, "</td><td>");
            if (!rc)
                rc = site_esc(b, f[k]);
        }
        if (!rc)
            rc = govern_buf_puts(b, "</td><td>");
        const char *mid = site_json_str(json_object_get(a, "raised_in"), "meeting");
        long at = mid ? govern_model_meeting_index(s->m, mid) : -1;
        if (!rc && at >= 0)
            rc = site_meeting_link(s, b, s->m->meetings[at]);
        if (!rc)
            rc = govern_buf_puts(b, "</td></tr>\n");
    }
    return rc ? rc : govern_buf_puts(b, table_end);
}

/* ------------------------------------------------------------ home */

static int home_papers(struct site *s, struct govern_buf *b)
{
    /* the newest published agendas and minutes, newest meeting first */
    int rc = govern_buf_puts(b, "<h2>Latest papers</h2>\n<ul>\n");
    size_t shown = 0;
    for (size_t k = s->m->n_meetings; k-- > 0 && shown < 10 && !rc;) {
        const struct govern_meeting *mt = s->m->meetings[k];
        bool ag = s->m->agendas && s->m->agendas[k];
        bool mn = s->m->minutes && s->m->minutes[k];
        if (!ag && !mn)
            continue;
        shown++;
        rc = govern_buf_puts(b, "<li>");
        if (!rc)
            rc = site_meeting_link(s, b, mt);
        if (!rc)
            rc = govern_buf_printf(
                b, ": %s%s%s</li>\n", ag ? "agenda" : "", ag && mn ? " and " : "",
                !mn                                                ? ""
                : s->m->minutes[k]->status == GOVERN_MINUTES_DRAFT ? "draft minutes"
                                                                   : "minutes");
    }
    return rc ? rc : govern_buf_puts(b, "</ul>\n");
}

int site_home(struct site *s)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = site_page_begin(s, &b, "", "Meetings, agendas, minutes and decisions",
                             "feeds/council.atom");
    size_t lo, hi;
    govern_model_meeting_range(&lo, &hi, s->m, s->as_of, GOVERN_DATE_NONE);
    if (!rc)
        rc = govern_buf_puts(&b, "<h2>Upcoming meetings</h2>\n");
    if (!rc && lo == hi)
        rc = govern_buf_puts(&b, "<p>No meetings are scheduled.</p>\n");
    else if (!rc)
        rc = meeting_table_begin(&b, true);
    for (size_t i = lo; i < hi && i < lo + 10 && !rc; i++)
        rc = meeting_row(s, &b, s->m->meetings[i], true);
    if (!rc && lo < hi)
        rc = govern_buf_puts(&b, table_end);
    if (!rc)
        rc = home_papers(s, &b);
    if (!rc)
        rc = govern_buf_puts(&b, "<h2>Latest decisions</h2>\n");
    json_t *latest = json_array();
    for (size_t i = 0; i < json_array_size(s->decisions) && i < 10; i++)
        json_array_append(latest, json_array_get(s->decisions, i));
    if (!rc)
        rc = site_decision_list(s, &b, latest);
    json_decref(latest);
    if (!rc)
        rc = govern_buf_puts(&b, "<h2>Committees</h2>\n<ul>\n");
    for (size_t i = 0; i < s->m->n_committees && !rc; i++) {
        char rel[300];
        snprintf(rel, sizeof(rel), "%s/", s->m->committees[i]->slug);
        rc = site_link_li(s, &b, rel, s->m->committees[i]->name);
    }
    if (!rc)
        rc = govern_buf_puts(&b, "</ul>\n");
    if (!rc)
        rc = site_page_finish(s, &b, "index.html");
    govern_buf_free(&b);
    return rc;
}

/* -------------------------------------------------------- calendar */

static int month_page(struct site *s, struct govern_buf *b, size_t lo, size_t hi, int y, int mo)
{
    char title[64], rel[64];
    snprintf(title, sizeof(title), "Meetings in %s %d", govern_month_name(mo), y);
    int rc = site_page_begin(s, b, "../../", title, NULL);
    if (!rc)
        rc = meeting_table_begin(b, true);
    for (size_t i = lo; i < hi && !rc; i++)
        rc = meeting_row(s, b, s->m->meetings[i], true);
    if (!rc)
        rc = govern_buf_puts(b, table_end);
    if (!rc)
        rc = site_link(s, b, "calendar/", "All months");
    if (!rc)
        rc = site_page_end(s, b);
    snprintf(rel, sizeof(rel), "calendar/%04d-%02d/index.html", y, mo);
    return rc ? rc : site_page_write(s, rel, b);
}

int site_calendar(struct site *s)
{
    struct govern_buf b = GOVERN_BUF_INIT, idx = GOVERN_BUF_INIT;
    int rc = site_page_begin(s, &idx, "../", "Calendar of meetings", "feeds/council.atom");
    if (!rc)
        rc = govern_buf_puts(&idx, "<p><a href=\"../feeds/all.ics\">All meetings as a calendar "
                                   "(iCalendar)</a></p>\n");
    int last_year = 0;
    for (size_t i = 0; i < s->m->n_meetings && !rc;) {
        int y, mo, d;
        govern_date_to_ymd(s->m->meetings[i]->date, &y, &mo, &d);
        size_t j = i;
        for (int y2, m2, d2; j < s->m->n_meetings; j++) {
            govern_date_to_ymd(s->m->meetings[j]->date, &y2, &m2, &d2);
            if (y2 != y || m2 != mo)
                break;
        }
        if (y != last_year)
            rc = govern_buf_printf(&idx, "%s<h2>%d</h2>\n<ul>\n", last_year ? "</ul>\n" : "", y);
        last_year = y;
        char rel[64], label[64];
        snprintf(rel, sizeof(rel), "calendar/%04d-%02d/", y, mo);
        snprintf(label, sizeof(label), "%s %d (%zu meeting%s)", govern_month_name(mo), y, j - i,
                 j - i == 1 ? "" : "s");
        if (!rc)
            rc = govern_buf_puts(&idx, "<li>");
        if (!rc)
            rc = site_link(s, &idx, rel, label);
        if (!rc)
            rc = govern_buf_puts(&idx, "</li>\n");
        if (!rc)
            rc = month_page(s, &b, i, j, y, mo);
        s->root = "../";
        i = j;
    }
    if (!rc && last_year)
        rc = govern_buf_puts(&idx, "</ul>\n");
    if (!rc)
        rc = site_page_end(s, &idx);
    if (!rc)
        rc = site_page_write(s, "calendar/index.html", &idx);
    govern_buf_free(&b);
    govern_buf_free(&idx);
    return rc;
}
