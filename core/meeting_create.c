/*
 * govern_meeting_create(): a new meeting's files in a change set.  The id is
 * the date (with -2, -3... when a meeting of that committee already has it,
 * in head or earlier in the same change set); the agenda starts from the
 * committee's template, with "minutes" when there is a previous meeting and
 * "appointment of chair" at the first meeting of the municipal year; then
 * the plugins add their items and the MEETING_CREATED hooks run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/error.h"
#include "govern/meeting.h"
#include "govern/plugin.h"
#include "govern/sys/registry.h"

/* Is id taken: in head (a directory of that name), in the pending list, or
 * by a meeting.md put earlier in this change set? */
static bool id_taken(const char *id, const struct govern_strlist *head_ids,
                     struct govern_snapshot *head, struct govern_change *chg,
                     const struct govern_meeting_create_opts *o)
{
    if (govern_strlist_contains(head_ids, id) || govern_snapshot_exists(head, id))
        return true;
    for (size_t i = 0; i < o->n_pending; i++)
        if (o->pending[i]->id && !strcmp(o->pending[i]->id, id))
            return true;
    char path[200];
    snprintf(path, sizeof(path), "%s/meeting.md", id);
    bool touched = false;
    return govern_change_get(chg, path, &touched) != NULL || touched;
}

/* Folds meeting o into the search for m's previous meeting and whether m
 * opens the municipal year (cancelled and postponed meetings do not count). */
static void consider(const struct govern_meeting *o, const struct govern_meeting *m,
                     govern_date year_start, const struct govern_meeting **prev,
                     bool *first_of_year)
{
    if (o == m || o->status == GOVERN_STATUS_CANCELLED || o->status == GOVERN_STATUS_POSTPONED)
        return;
    if (o->date < m->date && o->date >= year_start)
        *first_of_year = false;
    if (o->date < m->date && (!*prev || o->date > (*prev)->date))
        *prev = o;
}

int govern_meeting_create(struct govern_meeting *m, struct govern_change *chg,
                          struct govern_snapshot *head, const char *slug,
                          const struct govern_meeting_create_opts *opts)
{
    const struct govern_meeting_create_opts dflt = GOVERN_MEETING_CREATE_OPTS_INIT;
    const struct govern_meeting_create_opts *o = opts ? opts : &dflt;
    if (o->version < 1 || o->version > GOVERN_MEETING_CREATE_OPTS_VERSION)
        return govern_error_set(GOVERN_EINVAL,
                                "struct govern_meeting_create_opts version %u, but this govern "
                                "reads %u: start from GOVERN_MEETING_CREATE_OPTS_INIT",
                                o->version, (unsigned)GOVERN_MEETING_CREATE_OPTS_VERSION);
    struct govern_committee *c = NULL;
    struct govern_config *cfg = NULL;
    struct govern_agenda *ag = NULL;
    struct govern_strlist ids = GOVERN_STRLIST_INIT;
    struct govern_meeting **loaded = NULL;
    size_t n_loaded = 0;
    struct govern_buf mt = GOVERN_BUF_INIT, at = GOVERN_BUF_INIT;
    int rc;
    if (!m->uid || m->date == GOVERN_DATE_NONE)
        return govern_error_set(GOVERN_EINVAL, "a new meeting needs a uid and a date");
    if ((rc = govern_slug_check(slug)) || (rc = govern_config_load(&cfg, head)) ||
        (rc = govern_committee_load(&c, head, slug)))
        goto out;
    if ((rc = govern_meeting_ids(&ids, head, slug)))
        goto out;
    char date[11], id[160];
    govern_date_format(date, m->date);
    snprintf(id, sizeof(id), "%s/%s", slug, date);
    for (int n = 2; id_taken(id, &ids, head, chg, o); n++)
        snprintf(id, sizeof(id), "%s/%s-%d", slug, date, n);

    bool first_of_year = true;
    const struct govern_meeting *prev = NULL;
    if (!o->pending_is_all) {
        loaded = calloc(ids.count ? ids.count : 1, sizeof(*loaded));
        if (!loaded) {
            rc = govern_oom();
            goto out;
        }
        for (size_t i = 0; i < ids.count; i++, n_loaded++)
            if ((rc = govern_meeting_load(&loaded[n_loaded], head, ids.items[i])))
                goto out;
    }
    /* the year starts at the committee's annual meeting, or year_start */
    govern_date year_start =
        o->pending_is_all
            ? govern_municipal_year_start(NULL, cfg, (struct govern_meeting *const *)o->pending,
                                          o->n_pending, slug, m->date)
            : govern_municipal_year_start(NULL, cfg, loaded, n_loaded, slug, m->date);
    for (size_t i = 0; i < n_loaded; i++)
        consider(loaded[i], m, year_start, &prev, &first_of_year);
    for (size_t i = 0; i < o->n_pending; i++)
        consider(o->pending[i], m, year_start, &prev, &first_of_year);
    if (m->annual)
        first_of_year = true; /* the annual meeting starts the municipal year */

    free(m->id);
    free(m->path);
    free(m->committee);
    m->id = strdup(id);
    m->path = govern_meeting_path(id, "meeting.md");
    m->committee = strdup(slug);
    if (!m->id || !m->path || !m->committee) {
        rc = govern_oom();
        goto out;
    }
    if ((rc = govern_agenda_from_template(&ag, c, m, prev, first_of_year, cfg)))
        goto out;
    if (o->registry &&
        (rc = govern_registry_contribute_agenda(o->registry, ag, m, c, head, cfg, o->as_of)))
        goto out;
    if ((rc = govern_meeting_serialize(&mt, m)) || (rc = govern_agenda_serialize(&at, ag)))
        goto out;
    if ((rc = govern_change_put(chg, m->path, mt.ptr, mt.len)) ||
        (rc = govern_change_put(chg, ag->path, at.ptr, at.len)))
        goto out;
    if (o->registry)
        rc = govern_registry_fire(o->registry, GOVERN_EVENT_MEETING_CREATED, m->id, chg, head,
                                  o->as_of);
out:
    for (size_t i = 0; i < n_loaded; i++)
        govern_meeting_free(loaded[i]);
    free(loaded);
    govern_buf_free(&mt);
    govern_buf_free(&at);
    govern_strlist_free(&ids);
    govern_agenda_free(ag);
    govern_committee_free(c);
    govern_config_free(cfg);
    return rc;
}
