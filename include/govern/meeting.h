/*
 * Creating meetings: the one place that turns a new meeting into files
 * (meeting.md and an agenda started from the committee's template, with
 * the plugins' agenda contributions and MEETING_CREATED hooks), shared by
 * `govern meeting new` and plugins that create many meetings in one commit
 * (`govern schedule`, `govern calendar import`).
 */
#ifndef GOVERN_MEETING_H
#define GOVERN_MEETING_H

#include <stdbool.h>
#include <stddef.h>
#include "date.h"
#include "model.h"
#include "store.h"

struct govern_registry;

/* Versioned, not covered by the plugin ABI: start from
 * GOVERN_MEETING_CREATE_OPTS_INIT; an unknown version is refused
 * (docs/plugins.md). */
struct govern_meeting_create_opts {
    unsigned version;                 /* GOVERN_MEETING_CREATE_OPTS_VERSION */
    struct govern_registry *registry; /* contributors and hooks to run; NULL: none */
    govern_date as_of;                /* today, for contributors and hooks */
    /* Meetings of the same committee created earlier in the same change set
     * (not in head yet): they take part in choosing the id, the previous
     * meeting (for the "minutes" item) and the first meeting of the year. */
    const struct govern_meeting *const *pending;
    size_t n_pending;
    /* true: pending holds every meeting of the committee, head's included,
     * so head's meetings are not loaded again (for callers creating many). */
    bool pending_is_all;
};
#define GOVERN_MEETING_CREATE_OPTS_VERSION 1
#define GOVERN_MEETING_CREATE_OPTS_INIT                                                            \
    {                                                                                              \
        GOVERN_MEETING_CREATE_OPTS_VERSION, NULL, GOVERN_DATE_NONE, NULL, 0, false                 \
    }

/* Adds meeting m of committee slug to chg, exactly as `govern meeting new`
 * does: sets m->id ("SLUG/DATE", "-2", "-3"... when taken), m->path and
 * m->committee; puts meeting.md and agenda.md; runs the agenda contributors
 * and fires GOVERN_EVENT_MEETING_CREATED.  m->uid and m->date must be set.
 * Sets no commit message: the caller writes one for the whole change. */
int govern_meeting_create(struct govern_meeting *m, struct govern_change *chg,
                          struct govern_snapshot *head, const char *slug,
                          const struct govern_meeting_create_opts *opts);

#endif
