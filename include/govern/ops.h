/*
 * Operations: the edits a clerk makes to the record (agenda items, meetings,
 * minutes), each a library function that validates its request, edits the
 * model inside one change set, fires its hooks and returns what a caller
 * needs to report.  The govern command and plugins call the same
 * functions, so the rules (the paragraph guard, the re-parse of what is
 * written, the notice warning, the approval rule) live in one place.
 *
 * govern_ops_X(out, store, req) makes one commit of its own (or nothing).
 * Where a plugin builds a larger commit (agenda add, meeting new) there is
 * also govern_ops_X_in(out, ..., chg, head, req), which adds to the
 * caller's change set inside its transaction callback (agenda add sets the
 * change's message, which the caller may replace; meeting new does not).
 * Each request struct starts with its version (set it to the struct's
 * _VERSION macro); a request of another version is refused, never misread.
 * Errors are returned as govern_error codes with the message in the
 * thread's error slot (error.h); nothing is written when one is returned.
 */
#ifndef GOVERN_OPS_H
#define GOVERN_OPS_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "date.h"
#include "minutes.h"
#include "model.h"
#include "store.h"

struct govern_registry;

/* What an operation did.  Every operation overwrites it whole (free it
 * with govern_ops_result_free before reusing it). */
struct govern_ops_result {
    char commit[41];   /* the new commit's id; "" when nothing changed (or _in) */
    char summary[512]; /* one line saying what was done (the commit message) */
    /* notices for the clerk, each a line ending in "\n" ("" or NULL when
     * none): short notice of an agenda, a name that is not a serving
     * member.  Kept when the operation fails, for what it found first. */
    struct govern_buf warnings;
    size_t item;       /* agenda add: the number (from 1) of the first item added */
    char meeting[160]; /* meeting new: the new meeting's id */
};
void govern_ops_result_free(struct govern_ops_result *r);

/* --- agenda --- */

struct govern_ops_agenda_add {
    unsigned version;
    const char *meeting;                    /* its id */
    const struct govern_agenda_item *items; /* copied; report: see report_text */
    size_t n_items;
    bool batch;              /* items from a file: the summary counts them */
    size_t position;         /* 0: at the end; else the number of the first */
    const char *report_text; /* one item: its report (Markdown), or NULL; put
                              * under reports/ as items->report when that is
                              * set, else a free name made from the title */
};
#define GOVERN_OPS_AGENDA_ADD_VERSION 1

/* A change to one item: NULL leaves a field as it is, "" removes it. */
struct govern_ops_agenda_edit {
    unsigned version;
    const char *meeting;
    size_t item; /* from 1 */
    const char *title, *purpose, *text, *pages, *fulfils, *urgent;
    int exempt;              /* -1: unchanged, 0: open, 1-7 */
    const char *report_text; /* replaces or attaches the item's report */
};
#define GOVERN_OPS_AGENDA_EDIT_VERSION 1

/* move, remove, publish and refresh */
struct govern_ops_agenda_change {
    unsigned version;
    const char *meeting;
    size_t from, to;                  /* move: item numbers from 1; remove: from */
    govern_date date;                 /* publish: the day the agenda went public */
    struct govern_registry *registry; /* refresh: the contributors; NULL: none */
    govern_date as_of;                /* refresh: today */
};
#define GOVERN_OPS_AGENDA_CHANGE_VERSION 1

/* The rules for an item's text fields (what `agenda add` and `agenda edit`
 * take): one-line title, a stated reason for urgency, a fulfils name that
 * is a path segment, a page reference, UTF-8.  The edit form allows ""
 * where an edit removes a field. */
int govern_ops_agenda_item_check(const struct govern_agenda_item *it);
int govern_ops_agenda_edit_check(const struct govern_ops_agenda_edit *req);

int govern_ops_agenda_add(struct govern_ops_result *out, struct govern_store *s,
                          const struct govern_ops_agenda_add *req);
int govern_ops_agenda_add_in(struct govern_ops_result *out, struct govern_change *chg,
                             struct govern_snapshot *head, const struct govern_ops_agenda_add *req);
int govern_ops_agenda_edit(struct govern_ops_result *out, struct govern_store *s,
                           const struct govern_ops_agenda_edit *req);
int govern_ops_agenda_move(struct govern_ops_result *out, struct govern_store *s,
                           const struct govern_ops_agenda_change *req);
/* Removes item req->from, and its report when no other item names it. */
int govern_ops_agenda_remove(struct govern_ops_result *out, struct govern_store *s,
                             const struct govern_ops_agenda_change *req);
/* Records req->date as the day the agenda went public; out->warnings says
 * when that gives less notice than govern.yaml's rule. */
int govern_ops_agenda_publish(struct govern_ops_result *out, struct govern_store *s,
                              const struct govern_ops_agenda_change *req);
/* The items contributors add to a new agenda, made again as of req->as_of,
 * replace the ones the agenda holds from the same source. */
int govern_ops_agenda_refresh(struct govern_ops_result *out, struct govern_store *s,
                              const struct govern_ops_agenda_change *req);

/* --- meetings --- */

struct govern_ops_meeting_new {
    unsigned version;
    const char *committee; /* slug */
    govern_date date;
    govern_time time, end;        /* GOVERN_TIME_NONE: not set */
    const char *location, *title; /* NULL: none */
    bool private_, annual;
    struct govern_registry *registry; /* contributors and MEETING_CREATED hooks */
    govern_date as_of;
    /* what a calendar feed says (govern calendar import); a new meeting is
     * scheduled, with sequence 0, no reason and a new UID (uid NULL) */
    const char *uid, *reason;
    enum govern_meeting_status status;
    int sequence;
    /* the _in form, many meetings in one change set: as in
     * govern_meeting_create_opts (meeting.h) */
    const struct govern_meeting *const *pending;
    size_t n_pending;
    bool pending_is_all;
};
#define GOVERN_OPS_MEETING_NEW_VERSION 1

/* Which fields of a govern_ops_meeting_change were given. */
enum {
    GOVERN_OPS_GIVEN_DATE = 1 << 0,
    GOVERN_OPS_GIVEN_TIME = 1 << 1,
    GOVERN_OPS_GIVEN_END = 1 << 2, /* end GOVERN_TIME_NONE: removed (set) */
    GOVERN_OPS_GIVEN_LOCATION = 1 << 3,
    GOVERN_OPS_GIVEN_TITLE = 1 << 4,
    GOVERN_OPS_GIVEN_STARTED = 1 << 5, /* set: in the minutes; NONE removes */
    GOVERN_OPS_GIVEN_ENDED = 1 << 6,
};

/* cancel, postpone, reschedule, held and set */
struct govern_ops_meeting_change {
    unsigned version;
    const char *meeting;
    const char *reason; /* cancel, postpone: required; reschedule: optional */
    unsigned given;     /* GOVERN_OPS_GIVEN_* */
    govern_date date;
    govern_time time, end, started, ended;
    const char *location, *title; /* set: "" removes */
    govern_date as_of;            /* held: today */
};
#define GOVERN_OPS_MEETING_CHANGE_VERSION 1

/* A new meeting (govern_meeting_create: id, template agenda, contributors,
 * hooks) with a new calendar UID; out->meeting is its id. */
int govern_ops_meeting_new(struct govern_ops_result *out, struct govern_store *s,
                           const struct govern_ops_meeting_new *req);
/* The same in a caller's change set (`govern schedule`, `govern calendar
 * import`): m (the caller's, zeroed or from an earlier call) is set from
 * req and becomes the new meeting (id, path, committee); the change's
 * message is left to the caller, who writes one for the whole change. */
int govern_ops_meeting_new_in(struct govern_ops_result *out, struct govern_meeting *m,
                              struct govern_change *chg, struct govern_snapshot *head,
                              const struct govern_ops_meeting_new *req);
/* Status changes: each goes up the meeting's sequence, so calendars update. */
int govern_ops_meeting_cancel(struct govern_ops_result *out, struct govern_store *s,
                              const struct govern_ops_meeting_change *req);
int govern_ops_meeting_postpone(struct govern_ops_result *out, struct govern_store *s,
                                const struct govern_ops_meeting_change *req);
/* A new date, time, end or location; a time without an end moves the end
 * with it.  The meeting becomes scheduled again. */
int govern_ops_meeting_reschedule(struct govern_ops_result *out, struct govern_store *s,
                                  const struct govern_ops_meeting_change *req);
/* Records a scheduled meeting on or before as_of as held. */
int govern_ops_meeting_held(struct govern_ops_result *out, struct govern_store *s,
                            const struct govern_ops_meeting_change *req);
/* Title, location, time and end in meeting.md; started and ended in the
 * minutes. */
int govern_ops_meeting_set(struct govern_ops_result *out, struct govern_store *s,
                           const struct govern_ops_meeting_change *req);

/* --- minutes --- */

/* The request of every minutes operation; each uses the fields named. */
struct govern_ops_minutes {
    unsigned version;
    const char *meeting;
    struct govern_registry *registry; /* MINUTES_* hooks (draft, text, approve) */
    govern_date as_of;
    /* draft: the clerk's minutes.md from the work tree, when there is one:
     * saved (validated, canonical, adopted) instead of a new draft */
    const char *worktree_text;
    size_t worktree_len;
    bool worktree_exists;
    /* attend: one name (with title, substitute_for) on list, or names:
     * GOVERN_ATTENDANCE_LISTS lists of names (NULL: none) and all_members */
    enum govern_attendance list;
    const char *name, *title, *substitute_for;
    const struct govern_strlist *names;
    bool all_members;
    const struct govern_declaration *decl; /* declare */
    const char *add_title;                 /* add */
    int minute;                            /* text, vote: N of N/YY */
    const char *text;                      /* text: "" empties the minute */
    bool append;                           /* text: add after the minute's text */
    const char *at, *presiding;            /* approve: the later meeting, who signed */
    const struct govern_vote *vote;        /* vote */
};
#define GOVERN_OPS_MINUTES_VERSION 1

/* A new draft from the agenda (numbered on through the municipal year), or
 * the clerk's edited draft saved; fires MINUTES_DRAFTED. */
int govern_ops_minutes_draft(struct govern_ops_result *out, struct govern_store *s,
                             const struct govern_ops_minutes *req);
/* Attendance; a name in a members' list who is not a member serving on the
 * day gets a line in out->warnings. */
int govern_ops_minutes_attend(struct govern_ops_result *out, struct govern_store *s,
                              const struct govern_ops_minutes *req);
int govern_ops_minutes_declare(struct govern_ops_result *out, struct govern_store *s,
                               const struct govern_ops_minutes *req);
int govern_ops_minutes_add(struct govern_ops_result *out, struct govern_store *s,
                           const struct govern_ops_minutes *req);
/* The text of a minute; fires MINUTES_DRAFTED (plugins read ACTION lines). */
int govern_ops_minutes_text(struct govern_ops_result *out, struct govern_store *s,
                            const struct govern_ops_minutes *req);
/* Confirms the minutes at a later meeting (the approval rule), links its
 * "minutes" agenda item, tags the commit; fires MINUTES_APPROVED. */
int govern_ops_minutes_approve(struct govern_ops_result *out, struct govern_store *s,
                               const struct govern_ops_minutes *req);
/* A vote on a minute: only voting members present vote. */
int govern_ops_minutes_vote(struct govern_ops_result *out, struct govern_store *s,
                            const struct govern_ops_minutes *req);

#endif
