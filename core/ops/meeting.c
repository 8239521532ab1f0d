/*
 * The meeting operations (include/govern/ops.h): a new meeting, its status
 * changes (cancel, postpone, reschedule, held) and its details (set).  A
 * change a calendar shows goes up the meeting's sequence; what is written
 * is parsed again before it is put in the change set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/error.h"
#include "govern/meeting.h"
#include "govern/minutes.h"
#include "ops_priv.h"

enum change_kind { CH_CANCEL, CH_POSTPONE, CH_RESCHEDULE, CH_HELD, CH_SET };

struct meeting_job {
    enum change_kind kind;
    const struct govern_ops_meeting_change *req;
    const struct govern_ops_meeting_new *new_req;
    struct govern_meeting m; /* new */
    struct govern_ops_result *out;
};

static int check_when(govern_time time, govern_time end, const char *location)
{
    if (end != GOVERN_TIME_NONE && (time == GOVERN_TIME_NONE || end <= time))
        return govern_error_set(GOVERN_EINVAL, "--end must come after --time");
    if (location && strchr(location, '\n'))
        return govern_error_set(GOVERN_EINVAL, "--location must be one line");
    return 0;
}

static void create_opts(struct govern_meeting_create_opts *o,
                        const struct govern_ops_meeting_new *r)
{
    o->registry = r->registry;
    o->as_of = r->as_of;
    o->pending = r->pending;
    o->n_pending = r->n_pending;
    o->pending_is_all = r->pending_is_all;
}

static int new_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct meeting_job *j = vctx;
    const struct govern_ops_meeting_new *r = j->new_req;
    struct govern_committee *c = NULL;
    struct govern_meeting_create_opts o = GOVERN_MEETING_CREATE_OPTS_INIT;
    create_opts(&o, r);
    int rc;
    if ((rc = govern_committee_load(&c, head, r->committee)) ||
        (rc = govern_meeting_create(&j->m, chg, head, r->committee, &o)))
        goto out;
    snprintf(j->out->meeting, sizeof(j->out->meeting), "%s", j->m.id);
    char when[40];
    govern_date_format_long(when, j->m.date);
    snprintf(j->out->summary, sizeof(j->out->summary), "Schedule %s meeting on %s", c->name, when);
    rc = govern_change_message(chg, "%s\n\nMeeting %s, uid %s.", j->out->summary, j->out->meeting,
                               j->m.uid);
out:
    govern_committee_free(c);
    return rc;
}

/* *field becomes a copy of value (NULL: none; "" stays ""). */
static int copy_text(char **field, const char *value)
{
    free(*field);
    *field = value ? strdup(value) : NULL;
    return value && !*field ? govern_error_set(GOVERN_ENOMEM, "out of memory") : 0;
}

/* The request's checks, then m set from it (m's own strings replaced). */
static int new_meeting(struct govern_meeting *m, const struct govern_ops_meeting_new *r)
{
    int rc;
    if (!r || !r->committee)
        return govern_error_set(GOVERN_EINVAL, "a new meeting needs a committee");
    if (ops_version_check(r->version, GOVERN_OPS_MEETING_NEW_VERSION, "meeting new"))
        return GOVERN_EINVAL;
    if ((rc = govern_slug_check(r->committee)))
        return rc;
    if (r->date == GOVERN_DATE_NONE)
        return govern_error_set(GOVERN_EUSAGE, "--date YYYY-MM-DD is required");
    if ((rc = check_when(r->time, r->end, r->location)))
        return rc;
    m->date = r->date;
    m->time = r->time;
    m->end = r->end;
    m->status = r->status;
    m->sequence = r->sequence;
    m->private_ = r->private_;
    m->annual = r->annual;
    if ((rc = copy_text(&m->location, r->location)) || (rc = copy_text(&m->title, r->title)) ||
        (rc = copy_text(&m->reason, r->reason)))
        return rc;
    if (!r->uid)
        return govern_meeting_new_uid(&m->uid);
    free(m->uid);
    return (m->uid = strdup(r->uid)) ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
}

int govern_ops_meeting_new(struct govern_ops_result *out, struct govern_store *s,
                           const struct govern_ops_meeting_new *r)
{
    ops_result_init(out);
    struct meeting_job j = {.new_req = r, .out = out};
    int rc = new_meeting(&j.m, r);
    if (!rc)
        rc = ops_transact(out, s, new_fn, &j);
    free(j.m.id);
    free(j.m.path);
    free(j.m.committee);
    free(j.m.uid);
    free(j.m.title);
    free(j.m.location);
    free(j.m.reason);
    return rc;
}

int govern_ops_meeting_new_in(struct govern_ops_result *out, struct govern_meeting *m,
                              struct govern_change *chg, struct govern_snapshot *head,
                              const struct govern_ops_meeting_new *r)
{
    ops_result_init(out);
    if (!out || !m || !chg || !head)
        return govern_error_set(GOVERN_EINVAL, "a new meeting needs a result, a meeting, a change "
                                               "set and a snapshot");
    struct govern_meeting_create_opts o = GOVERN_MEETING_CREATE_OPTS_INIT;
    int rc = new_meeting(m, r);
    if (rc)
        return rc;
    create_opts(&o, r);
    if ((rc = govern_meeting_create(m, chg, head, r->committee, &o)))
        return rc;
    snprintf(out->meeting, sizeof(out->meeting), "%s", m->id);
    return 0;
}

/* reschedule --time without --end: the meeting keeps its length, so the end
 * moves with the start (rather than --end, never given, being blamed). */
static int move_end(struct govern_meeting *m, const struct govern_ops_meeting_change *r,
                    govern_time old_time)
{
    if ((r->given & GOVERN_OPS_GIVEN_END) || !(r->given & GOVERN_OPS_GIVEN_TIME) ||
        m->end == GOVERN_TIME_NONE || old_time == GOVERN_TIME_NONE)
        return 0;
    govern_time end = m->end + (m->time - old_time);
    if (end >= 24 * 60) {
        char t[6], start[6];
        govern_time_format(t, m->end);
        govern_time_format(start, m->time);
        return govern_error_set(GOVERN_EUSAGE,
                                "the meeting ends at %s; started at --time %s it would run past "
                                "midnight: give --end as well",
                                t, start);
    }
    m->end = end;
    return 0;
}

static int reschedule(struct meeting_job *j, struct govern_meeting *m)
{
    const struct govern_ops_meeting_change *r = j->req;
    const char *id = r->meeting;
    if (m->status == GOVERN_STATUS_HELD || m->status == GOVERN_STATUS_CANCELLED)
        return govern_error_set(GOVERN_EINVAL, "meeting %s is %s: it cannot be rescheduled", id,
                                govern_meeting_status_name(m->status));
    struct govern_meeting old = *m;
    if (r->given & GOVERN_OPS_GIVEN_DATE)
        m->date = r->date;
    if (r->given & GOVERN_OPS_GIVEN_TIME)
        m->time = r->time;
    if (r->given & GOVERN_OPS_GIVEN_END)
        m->end = r->end;
    bool where = (r->given & GOVERN_OPS_GIVEN_LOCATION) && r->location;
    int rc = move_end(m, r, old.time);
    if (rc || (rc = check_when(m->time, m->end, where ? r->location : NULL)))
        return rc;
    if (where) {
        free(m->location);
        if (!(m->location = strdup(r->location)))
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    if (old.date == m->date && old.time == m->time && old.end == m->end &&
        m->status == GOVERN_STATUS_SCHEDULED && !where)
        return govern_error_set(GOVERN_EINVAL, "nothing to change: give a new --date, --time, "
                                               "--end or --location");
    m->status = GOVERN_STATUS_SCHEDULED;
    free(m->reason);
    m->reason = NULL;
    char after[40];
    govern_date_format_long(after, m->date);
    snprintf(j->out->summary, sizeof(j->out->summary), "Reschedule meeting %s to %s", id, after);
    return 0;
}

static int held(struct meeting_job *j, struct govern_meeting *m, const char *before)
{
    const char *id = j->req->meeting;
    if (m->status != GOVERN_STATUS_SCHEDULED)
        return govern_error_set(GOVERN_EINVAL,
                                "meeting %s is %s: only a scheduled meeting can "
                                "be recorded as held",
                                id, govern_meeting_status_name(m->status));
    if (m->date > j->req->as_of) {
        char today[11], day[11];
        govern_date_format(day, m->date);
        govern_date_format(today, j->req->as_of);
        return govern_error_set(GOVERN_EINVAL,
                                "rule meeting-held: meeting %s is on %s, after today (%s): a "
                                "meeting is recorded as held once it has taken place; run this "
                                "on or after its day (or give --as-of)",
                                id, day, today);
    }
    m->status = GOVERN_STATUS_HELD;
    snprintf(j->out->summary, sizeof(j->out->summary), "Record meeting %s of %s as held", id,
             before);
    return 0;
}

static int status_change(struct meeting_job *j, struct govern_meeting *m)
{
    const char *id = j->req->meeting;
    char before[40];
    govern_date_format_long(before, m->date);
    switch (j->kind) {
    case CH_CANCEL:
        if (m->status == GOVERN_STATUS_CANCELLED)
            return govern_error_set(GOVERN_EINVAL, "meeting %s is already cancelled", id);
        if (m->status == GOVERN_STATUS_HELD)
            return govern_error_set(GOVERN_EINVAL, "meeting %s was held: it cannot be cancelled",
                                    id);
        m->status = GOVERN_STATUS_CANCELLED;
        snprintf(j->out->summary, sizeof(j->out->summary), "Cancel meeting %s of %s", id, before);
        return 0;
    case CH_POSTPONE:
        if (m->status != GOVERN_STATUS_SCHEDULED)
            return govern_error_set(GOVERN_EINVAL,
                                    "meeting %s is %s: only a scheduled meeting can "
                                    "be postponed",
                                    id, govern_meeting_status_name(m->status));
        m->status = GOVERN_STATUS_POSTPONED;
        snprintf(j->out->summary, sizeof(j->out->summary), "Postpone meeting %s of %s", id, before);
        return 0;
    case CH_HELD:
        return held(j, m, before);
    case CH_RESCHEDULE:
        return reschedule(j, m);
    case CH_SET:
        break;
    }
    return 0;
}

static int change_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct meeting_job *j = vctx;
    const char *reason = j->req->reason;
    struct govern_meeting *m = NULL;
    struct govern_buf text = GOVERN_BUF_INIT;
    int rc = govern_meeting_load(&m, head, j->req->meeting);
    if (rc || (rc = status_change(j, m)))
        goto out;
    if (reason) {
        free(m->reason);
        if (!(m->reason = strdup(reason))) {
            rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
            goto out;
        }
    }
    m->sequence++;
    if (!(rc = govern_meeting_serialize(&text, m)) &&
        !(rc = govern_change_put(chg, m->path, text.ptr, text.len)))
        rc = govern_change_message(chg, "%s%s%s", j->out->summary, reason ? "\n\nReason: " : "",
                                   reason ? reason : "");
out:
    govern_buf_free(&text);
    govern_meeting_free(m);
    return rc;
}

/* ------------------------------------------------------------------ set */

static int apply_set(struct govern_meeting *m, const struct govern_ops_meeting_change *r)
{
    int rc;
    if (r->given & GOVERN_OPS_GIVEN_TIME)
        m->time = r->time;
    if (r->given & GOVERN_OPS_GIVEN_END)
        m->end = r->end;
    if (m->end != GOVERN_TIME_NONE && (m->time == GOVERN_TIME_NONE || m->end <= m->time))
        return govern_error_set(GOVERN_EINVAL, "the end (%s) must come after the start time",
                                (r->given & GOVERN_OPS_GIVEN_END) ? "--end" : "in meeting.md");
    if ((r->given & GOVERN_OPS_GIVEN_TITLE) && (rc = ops_set_text(&m->title, r->title)))
        return rc;
    if (r->given & GOVERN_OPS_GIVEN_LOCATION)
        return ops_set_text(&m->location, r->location);
    return 0;
}

/* meeting.md: title, location, time and end; a visible change goes up the
 * sequence so calendars update. */
static int set_meeting(struct govern_change *chg, struct govern_snapshot *head,
                       const struct govern_ops_meeting_change *r)
{
    if (!(r->given & (GOVERN_OPS_GIVEN_TITLE | GOVERN_OPS_GIVEN_LOCATION | GOVERN_OPS_GIVEN_TIME |
                      GOVERN_OPS_GIVEN_END)))
        return 0;
    struct govern_meeting *m = NULL, *check = NULL;
    struct govern_buf text = GOVERN_BUF_INIT;
    int rc = govern_meeting_load(&m, head, r->meeting);
    if (!rc && !(rc = apply_set(m, r))) {
        m->sequence++;
        if (!(rc = govern_meeting_serialize(&text, m)))
            rc = govern_meeting_parse(&check, r->meeting, text.ptr, text.len);
    }
    if (!rc)
        rc = govern_change_put(chg, m->path, text.ptr, text.len);
    govern_buf_free(&text);
    govern_meeting_free(check);
    govern_meeting_free(m);
    return rc;
}

/* minutes.md: when the meeting actually started and ended. */
static int set_times(struct govern_change *chg, struct govern_snapshot *head,
                     const struct govern_ops_meeting_change *r)
{
    bool st = r->given & GOVERN_OPS_GIVEN_STARTED, en = r->given & GOVERN_OPS_GIVEN_ENDED;
    if (!st && !en)
        return 0;
    struct govern_minutes *m = NULL;
    int rc = govern_minutes_load(&m, head, r->meeting);
    if (rc == GOVERN_ENOTFOUND)
        return govern_error_set(GOVERN_ENOTFOUND,
                                "--started and --ended are recorded in the minutes: start them "
                                "with 'govern minutes draft %s'",
                                r->meeting);
    if (!rc && st)
        m->started = r->started;
    if (!rc && en)
        m->ended = r->ended;
    if (!rc && m->started != GOVERN_TIME_NONE && m->ended != GOVERN_TIME_NONE &&
        m->ended <= m->started)
        rc = govern_error_set(GOVERN_EINVAL, "--ended must come after --started");
    if (!rc)
        rc = ops_minutes_write(chg, m, NULL, 0);
    govern_minutes_free(m);
    return rc;
}

static int set_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct meeting_job *j = vctx;
    int rc = set_meeting(chg, head, j->req);
    if (!rc)
        rc = set_times(chg, head, j->req);
    if (!rc) {
        snprintf(j->out->summary, sizeof(j->out->summary), "Change the details of meeting %s",
                 j->req->meeting);
        rc = govern_change_message(chg, "%s", j->out->summary);
    }
    return rc;
}

static int change_op(struct govern_ops_result *out, struct govern_store *s,
                     const struct govern_ops_meeting_change *r, enum change_kind kind)
{
    ops_result_init(out);
    if (!r || !r->meeting)
        return govern_error_set(GOVERN_EINVAL, "a meeting operation needs a meeting");
    if (ops_version_check(r->version, GOVERN_OPS_MEETING_CHANGE_VERSION, "meeting"))
        return GOVERN_EINVAL;
    struct meeting_job j = {.kind = kind, .req = r, .out = out};
    int rc = govern_meeting_id_check(r->meeting);
    if (rc)
        return rc;
    if ((kind == CH_CANCEL || kind == CH_POSTPONE) && (!r->reason || !*r->reason))
        return govern_error_set(GOVERN_EUSAGE, "--reason TEXT is required");
    return ops_transact(out, s, kind == CH_SET ? set_fn : change_fn, &j);
}

int govern_ops_meeting_cancel(struct govern_ops_result *out, struct govern_store *s,
                              const struct govern_ops_meeting_change *req)
{
    return change_op(out, s, req, CH_CANCEL);
}

int govern_ops_meeting_postpone(struct govern_ops_result *out, struct govern_store *s,
                                const struct govern_ops_meeting_change *req)
{
    return change_op(out, s, req, CH_POSTPONE);
}

int govern_ops_meeting_reschedule(struct govern_ops_result *out, struct govern_store *s,
                                  const struct govern_ops_meeting_change *req)
{
    return change_op(out, s, req, CH_RESCHEDULE);
}

int govern_ops_meeting_held(struct govern_ops_result *out, struct govern_store *s,
                            const struct govern_ops_meeting_change *req)
{
    return change_op(out, s, req, CH_HELD);
}

int govern_ops_meeting_set(struct govern_ops_result *out, struct govern_store *s,
                           const struct govern_ops_meeting_change *req)
{
    return change_op(out, s, req, CH_SET);
}
