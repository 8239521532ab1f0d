/*
 * Members' pages: every person named on a committee, with the bodies they
 * sit on (role, organisation, voting right, dates) and their attendance at
 * each body's meetings (cancelled and postponed meetings left out), from
 * the public minutes.
 */
#include <stdlib.h>
#include <string.h>
#include <govern/minutes.h>
#include <govern/names.h>
#include "publish.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct site_member *)a)->name, ((const struct site_member *)b)->name);
}

const struct site_member *site_member(const struct site *s, const char *name)
{
    struct site_member key = {(char *)name, NULL};
    return bsearch(&key, s->members, s->n_members, sizeof(key), by_name);
}

int site_members_load(struct site *s)
{
    size_t cap = 0;
    for (size_t i = 0; i < s->m->n_committees; i++)
        cap += s->m->committees[i]->n_members;
    s->members = calloc(cap ? cap : 1, sizeof(*s->members));
    if (!s->members)
        return govern_oom();
    for (size_t i = 0; i < s->m->n_committees; i++)
        for (size_t k = 0; k < s->m->committees[i]->n_members; k++)
            s->members[s->n_members++].name = s->m->committees[i]->members[k].name;
    if (s->n_members)
        qsort(s->members, s->n_members, sizeof(*s->members), by_name);
    size_t w = 0; /* unique names, each its own copy */
    for (size_t r = 0; r < s->n_members; r++) {
        if (w && !strcmp(s->members[w - 1].name, s->members[r].name))
            continue;
        s->members[w++].name = s->members[r].name;
    }
    s->n_members = w;
    for (size_t i = 0; i < w; i++)
        if (!(s->members[i].name = govern_strdup(s->members[i].name))) {
            s->n_members = i;
            return govern_oom();
        }
    struct govern_strlist used = GOVERN_STRLIST_INIT;
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < s->n_members && !rc; i++) {
        govern_buf_clear(&b);
        govern_name_slug(&b, s->members[i].name);
        if (!b.len)
            govern_buf_puts(&b, "member");
        size_t stem = b.len;
        for (int k = 2; govern_strlist_contains(&used, b.ptr); k++) {
            b.len = stem;
            govern_buf_printf(&b, "-%d", k);
        }
        if ((rc = govern_strlist_add(&used, b.ptr)))
            break;
        s->members[i].slug = govern_buf_detach(&b);
    }
    govern_buf_free(&b);
    govern_strlist_free(&used);
    return rc;
}

void site_members_free(struct site *s)
{
    for (size_t i = 0; i < s->n_members; i++) {
        free(s->members[i].name);
        free(s->members[i].slug);
    }
    free(s->members);
    s->members = NULL;
    s->n_members = 0;
}

static bool listed(const struct govern_people *p, const char *name)
{
    for (size_t i = 0; i < p->count; i++)
        if (!strcmp(p->items[i].name, name))
            return true;
    return false;
}

/* Attendance of name at c's meetings while a member (mb): meetings with
 * minutes, and those at which name is listed present. */
static int attendance(struct site *s, struct govern_buf *b, const struct govern_committee *c,
                      const struct govern_member *mb, const char *name)
{
    size_t recorded = 0, present = 0;
    struct govern_buf rows = GOVERN_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < s->m->n_meetings && !rc; i++) {
        const struct govern_meeting *mt = s->m->meetings[i];
        const struct govern_minutes *mn = s->m->minutes ? s->m->minutes[i] : NULL;
        if (strcmp(mt->committee, c->slug) || mt->status == GOVERN_STATUS_CANCELLED ||
            mt->status == GOVERN_STATUS_POSTPONED || !mn || !govern_member_active(mb, mt->date))
            continue;
        recorded++;
        bool here = listed(&mn->people[GOVERN_PRESENT], name);
        bool apol = listed(&mn->people[GOVERN_APOLOGIES], name);
        present += here;
        rc = govern_buf_puts(&rows, "<tr><td>");
        if (!rc)
            rc = site_meeting_link(s, &rows, mt);
        if (!rc)
            rc = govern_buf_printf(&rows, "</td><td>%s</td></tr>\n",
                                   here   ? "Present"
                                   : apol ? "Apologies"
                                          : "Absent");
    }
    if (!rc && recorded)
        rc = govern_buf_printf(b,
                               "<p>Attended %zu of %zu meetings with minutes (%zu%%).</p>\n"
                               "<div class=\"table\"><table>\n<thead><tr><th scope=\"col\">"
                               "Meeting</th><th scope=\"col\">Attendance</th></tr></thead>\n"
                               "<tbody>\n%s</tbody></table></div>\n",
                               present, recorded, (present * 100 + recorded / 2) / recorded,
                               rows.ptr);
    else if (!rc)
        rc = govern_buf_puts(b, "<p>No minutes of its meetings yet.</p>\n");
    govern_buf_free(&rows);
    return rc;
}

static int member_page(struct site *s, struct govern_buf *b, const struct site_member *p)
{
    int rc = site_page_begin(s, b, "../../", p->name, NULL);
    char rel[300];
    for (size_t i = 0; i < s->m->n_committees && !rc; i++) {
        const struct govern_committee *c = s->m->committees[i];
        for (size_t k = 0; k < c->n_members && !rc; k++) {
            const struct govern_member *mb = &c->members[k];
            if (strcmp(mb->name, p->name))
                continue;
            snprintf(rel, sizeof(rel), "%s/", c->slug);
            rc = govern_buf_puts(b, "<h2>");
            if (!rc)
                rc = site_link(s, b, rel, c->name);
            if (!rc)
                rc = govern_buf_printf(b, "</h2>\n<p>%s%s", govern_role_name(mb->role),
                                       mb->voting ? ", voting" : ", non-voting");
            if (!rc && mb->organisation) {
                rc = govern_buf_puts(b, ", representing ");
                if (!rc)
                    rc = site_esc(b, mb->organisation);
            }
            char d[40];
            if (!rc && mb->from != GOVERN_DATE_NONE) {
                site_date(d, mb->from);
                rc = govern_buf_printf(b, ", from %s", d);
            }
            if (!rc && mb->to != GOVERN_DATE_NONE) {
                site_date(d, mb->to);
                rc = govern_buf_printf(b, ", until %s", d);
            }
            if (!rc)
                rc = govern_buf_puts(b, ".</p>\n");
            if (!rc)
                rc = attendance(s, b, c, mb, p->name);
        }
    }
    if (!rc)
        rc = govern_buf_printf(b,
                               "<p><a href=\"../../feeds/member-%s.ics\">Calendar of %s's "
                               "meetings</a> (iCalendar).</p>\n",
                               p->slug, "this member");
    if (!rc)
        rc = site_page_end(s, b);
    snprintf(rel, sizeof(rel), "members/%s/index.html", p->slug);
    return rc ? rc : site_page_write(s, rel, b);
}

int site_member_pages(struct site *s)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = site_page_begin(s, &b, "../", "Members", NULL);
    if (!rc)
        rc = govern_buf_puts(&b, "<ul>\n");
    char rel[300];
    for (size_t i = 0; i < s->n_members && !rc; i++) {
        snprintf(rel, sizeof(rel), "members/%s/", s->members[i].slug);
        rc = site_link_li(s, &b, rel, s->members[i].name);
    }
    if (!rc)
        rc = govern_buf_puts(&b, "</ul>\n");
    if (!rc)
        rc = site_page_finish(s, &b, "members/index.html");
    for (size_t i = 0; i < s->n_members && !rc; i++)
        rc = member_page(s, &b, &s->members[i]);
    govern_buf_free(&b);
    return rc;
}
