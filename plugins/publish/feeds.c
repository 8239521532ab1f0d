/*
 * The site's feeds: iCalendar feeds of all meetings, of each committee's
 * and of each member's (made by the calendar plugin's registered public
 * output, `govern calendar --feeds`, with the URL of each meeting's page),
 * and Atom feeds, one per committee and one for the council, announcing
 * agendas published, minutes, decisions and cancellations.  Entry ids and dates
 * come from the store only, so the same store gives the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <govern/minutes.h>
#include "publish.h"

#define ATOM_LIMIT 100

/* Every calendar feed, by the calendar plugin's public output `calendar
 * --feeds DIR --no-index` into the site's feeds/ (one run: one load of the
 * store), each file it wrote then kept in the site's manifest. */
static int calendars(struct site *s)
{
    struct govern_buf dir = GOVERN_BUF_INIT, out = GOVERN_BUF_INIT;
    int rc = govern_buf_printf(&dir, "%s/feeds", govern_outdir_path(s->out));
    const char *argv[6] = {"calendar", "--feeds", dir.ptr, "--no-index"};
    int argc = 4;
    if (s->base_url) {
        argv[argc++] = "--base-url";
        argv[argc++] = s->base_url;
    }
    if (!rc)
        rc = site_run(&out, s, NULL, argc, argv);
    if (rc == GOVERN_ENOTFOUND && !govern_registry_command(s->inv->registry, "calendar", NULL))
        rc = 0; /* no calendar plugin: no calendars */
    for (char *line = out.ptr, *nl; !rc && line && (nl = strchr(line, '\n')); line = nl + 1) {
        *nl = '\0';
        if (!strncmp(line, dir.ptr, dir.len) && line[dir.len] == '/')
            rc = govern_outdir_keep(s->out, line + dir.len - strlen("feeds"));
    }
    govern_buf_free(&dir);
    govern_buf_free(&out);
    return rc;
}

struct entry {
    govern_date updated;
    char *id;    /* the entry's id: its page's address and a fragment */
    char *title; /* plain text */
    char *href;  /* site-relative address of its page */
    const char *committee;
};

struct entries {
    struct entry *e;
    size_t n, cap;
};

static int add(struct entries *l, govern_date when, const char *committee, const char *href,
               const char *frag, const char *fmt, const char *a, const char *b)
{
    int grow = govern_array_grow(&l->e, &l->cap, l->n + 1, sizeof(*l->e));
    if (grow)
        return grow;
    struct govern_buf t = GOVERN_BUF_INIT, id = GOVERN_BUF_INIT;
    int rc = govern_buf_printf(&t, fmt, a, b);
    if (!rc)
        rc = govern_buf_printf(&id, "%s#%s", href, frag);
    struct entry *e = &l->e[l->n];
    e->updated = when;
    e->committee = committee;
    e->title = govern_buf_detach(&t);
    e->id = govern_buf_detach(&id);
    e->href = govern_strdup(href);
    if (!rc && (!e->title || !e->id || !e->href))
        rc = govern_oom();
    l->n++;
    return rc;
}

static void entries_free(struct entries *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->e[i].id);
        free(l->e[i].title);
        free(l->e[i].href);
    }
    free(l->e);
}

static int newest_first(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    if (x->updated != y->updated)
        return x->updated > y->updated ? -1 : 1;
    return strcmp(x->id, y->id);
}

static int meeting_entries(struct site *s, struct entries *l)
{
    int rc = 0;
    for (size_t i = 0; i < s->m->n_meetings && !rc; i++) {
        const struct govern_meeting *mt = s->m->meetings[i];
        const struct govern_committee *c = govern_model_committee(s->m, mt->committee);
        const struct govern_agenda *a = s->m->agendas ? s->m->agendas[i] : NULL;
        const struct govern_minutes *mn = s->m->minutes ? s->m->minutes[i] : NULL;
        char d[40], href[300];
        site_date(d, mt->date);
        snprintf(href, sizeof(href), "%s/", mt->id);
        const char *name = c ? c->name : mt->committee;
        if (mt->status == GOVERN_STATUS_CANCELLED)
            rc = add(l, mt->date, mt->committee, href, "cancelled", "Meeting cancelled: %s, %s",
                     name, d);
        if (!rc && a && a->published != GOVERN_DATE_NONE)
            rc = add(l, a->published, mt->committee, href, "agenda", "Agenda published: %s, %s",
                     name, d);
        if (!rc && mn && mn->status == GOVERN_MINUTES_DRAFT)
            rc = add(l, mt->date, mt->committee, href, "minutes-draft", "Draft minutes: %s, %s",
                     name, d);
        if (!rc && mn && mn->status == GOVERN_MINUTES_APPROVED)
            rc = add(l, mn->approved.date != GOVERN_DATE_NONE ? mn->approved.date : mt->date,
                     mt->committee, href, "minutes", "Minutes confirmed: %s, %s", name, d);
    }
    size_t i;
    json_t *dj;
    json_array_foreach(s->decisions, i, dj)
    {
        govern_date when;
        const char *pub = site_json_str(dj, "published");
        if (rc || !pub || govern_date_parse(&when, pub))
            continue;
        char href[300];
        snprintf(href, sizeof(href), "decisions/%s/", site_json_str(dj, "id"));
        rc = add(l, when, site_json_str(dj, "committee"), href, "published", "Decision: %s%s",
                 site_json_str(dj, "title"), "");
    }
    govern_error_clear();
    return rc;
}

static int url(struct site *s, struct govern_buf *b, const char *href)
{
    if (s->base_url)
        return govern_buf_printf(b, "%s/%s", s->base_url, href);
    return govern_buf_printf(b, "../%s", href);
}

static int atom(struct site *s, const struct entries *l, const char *committee, const char *title,
                const char *rel)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    char d[11];
    govern_date newest = GOVERN_DATE_NONE;
    for (size_t i = 0; i < l->n && newest == GOVERN_DATE_NONE; i++)
        if (!committee || (l->e[i].committee && !strcmp(l->e[i].committee, committee)))
            newest = l->e[i].updated;
    govern_date_format(d, newest == GOVERN_DATE_NONE ? s->as_of : newest);
    int rc = govern_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                 "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>");
    if (!rc)
        rc = site_esc(&b, title);
    if (!rc)
        rc = govern_buf_puts(&b, "</title>\n<id>");
    if (!rc)
        rc = url(s, &b, rel);
    if (!rc)
        rc = govern_buf_printf(&b, "</id>\n<updated>%sT00:00:00Z</updated>\n<author><name>", d);
    if (!rc)
        rc = site_esc(&b, s->m->config->body);
    if (!rc)
        rc = govern_buf_puts(&b, "</name></author>\n<link rel=\"alternate\" href=\"");
    if (!rc)
        rc = url(s, &b, committee ? committee : "");
    if (!rc)
        rc = govern_buf_puts(&b, committee ? "/\"/>\n" : "\"/>\n");
    size_t shown = 0;
    for (size_t i = 0; i < l->n && shown < ATOM_LIMIT && !rc; i++) {
        const struct entry *e = &l->e[i];
        if (committee && (!e->committee || strcmp(e->committee, committee)))
            continue;
        shown++;
        govern_date_format(d, e->updated);
        rc = govern_buf_puts(&b, "<entry>\n<title>");
        if (!rc)
            rc = site_esc(&b, e->title);
        if (!rc)
            rc = govern_buf_puts(&b, "</title>\n<id>");
        if (!rc)
            rc = url(s, &b, e->id);
        if (!rc)
            rc = govern_buf_printf(&b, "</id>\n<updated>%sT00:00:00Z</updated>\n<link href=\"", d);
        if (!rc)
            rc = url(s, &b, e->href);
        if (!rc)
            rc = govern_buf_puts(&b, "\"/>\n<summary>");
        if (!rc)
            rc = site_esc(&b, e->title);
        if (!rc)
            rc = govern_buf_puts(&b, "</summary>\n</entry>\n");
    }
    if (!rc)
        rc = govern_buf_puts(&b, "</feed>\n");
    if (!rc)
        rc = site_page_write(s, rel, &b);
    govern_buf_free(&b);
    return rc;
}

static int feed_item(struct site *s, struct govern_buf *b, const char *href, const char *text)
{
    int rc = govern_buf_printf(b, "<li><a href=\"%s", href);
    if (!rc)
        rc = govern_buf_puts(b, "\">");
    if (!rc)
        rc = site_esc(b, text);
    return rc ? rc : govern_buf_puts(b, "</a></li>\n");
}

static int index_page(struct site *s)
{
    struct govern_buf b = GOVERN_BUF_INIT, h = GOVERN_BUF_INIT;
    int rc = site_page_begin(s, &b, "../", "Calendars and news feeds", "feeds/council.atom");
    if (!rc)
        rc = govern_buf_puts(&b, "<p>Subscribe to a calendar (iCalendar) to have meetings in "
                                 "your own calendar, or to a news feed (Atom) to hear when "
                                 "papers, minutes and decisions are published.</p>\n<h2>All "
                                 "meetings</h2>\n<ul>\n");
    if (!rc)
        rc = feed_item(s, &b, "all.ics", "All meetings (iCalendar)");
    if (!rc)
        rc = feed_item(s, &b, "council.atom", "All news (Atom)");
    if (!rc)
        rc = govern_buf_puts(&b, "</ul>\n<h2>Committees</h2>\n<ul>\n");
    for (size_t i = 0; i < s->m->n_committees && !rc; i++) {
        const struct govern_committee *c = s->m->committees[i];
        govern_buf_clear(&h);
        rc = govern_buf_printf(&h, "committee-%s.ics", c->slug);
        if (!rc)
            rc = feed_item(s, &b, h.ptr, c->name);
        govern_buf_clear(&h);
        if (!rc)
            rc = govern_buf_printf(&h, "%s.atom", c->slug);
        if (!rc)
            rc = feed_item(s, &b, h.ptr, "News (Atom)");
    }
    if (!rc)
        rc = govern_buf_puts(&b, "</ul>\n<h2>Members</h2>\n<ul>\n");
    for (size_t i = 0; i < s->n_members && !rc; i++) {
        govern_buf_clear(&h);
        rc = govern_buf_printf(&h, "member-%s.ics", s->members[i].slug);
        if (!rc)
            rc = feed_item(s, &b, h.ptr, s->members[i].name);
    }
    if (!rc)
        rc = govern_buf_puts(&b, "</ul>\n");
    if (!rc)
        rc = site_page_finish(s, &b, "feeds/index.html");
    govern_buf_free(&b);
    govern_buf_free(&h);
    return rc;
}

int site_feeds(struct site *s)
{
    char rel[300];
    /* the index first: it makes feeds/ a directory of the site's own */
    int rc = index_page(s);
    if (!rc)
        rc = calendars(s);
    struct entries l = {0};
    if (!rc)
        rc = meeting_entries(s, &l);
    if (!rc && l.n)
        qsort(l.e, l.n, sizeof(*l.e), newest_first);
    struct govern_buf t = GOVERN_BUF_INIT;
    if (!rc && !(rc = govern_buf_printf(&t, "%s: meetings and decisions", s->m->config->body)))
        rc = atom(s, &l, NULL, t.ptr, "feeds/council.atom");
    for (size_t i = 0; i < s->m->n_committees && !rc; i++) {
        const struct govern_committee *c = s->m->committees[i];
        govern_buf_clear(&t);
        snprintf(rel, sizeof(rel), "feeds/%s.atom", c->slug);
        if (!(rc = govern_buf_printf(&t, "%s: %s", s->m->config->body, c->name)))
            rc = atom(s, &l, c->slug, t.ptr, rel);
    }
    govern_buf_free(&t);
    entries_free(&l);
    return rc;
}
