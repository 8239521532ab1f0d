/*
 * govern meeting new|list|show|cancel|postpone|reschedule: meetings with a
 * stable id (COMMITTEE/DATE) and calendar UID, a status, and a sequence
 * number that goes up whenever the time or status changes.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static const struct govern_opt opts[] = {
    {"date", 0, GOVERN_OPT_VALUE, "DATE", "day of the meeting (YYYY-MM-DD)"},
    {"time", 0, GOVERN_OPT_VALUE, "HH:MM", "start time"},
    {"end", 0, GOVERN_OPT_VALUE, "HH:MM", "end time"},
    {"location", 0, GOVERN_OPT_VALUE, "TEXT", "where it is held"},
    {"title", 0, GOVERN_OPT_VALUE, "TEXT", "a name for the meeting, e.g. Annual meeting"},
    {"private", 0, GOVERN_OPT_FLAG, NULL, "the whole meeting is held in private"},
    {"annual", 0, GOVERN_OPT_FLAG, NULL,
     "the annual meeting: starts the committee's municipal year (new)"},
    {"reason", 0, GOVERN_OPT_TEXT, "TEXT", "why it is cancelled or postponed"},
    {"committee", 0, GOVERN_OPT_MULTI, "SLUG", "only these committees (list)"},
    {"from", 0, GOVERN_OPT_VALUE, "DATE", "meetings on or after (list)"},
    {"to", 0, GOVERN_OPT_VALUE, "DATE", "meetings on or before (list)"},
    {"started", 0, GOVERN_OPT_VALUE, "HH:MM", "when the meeting actually started (set; minutes)"},
    {"ended", 0, GOVERN_OPT_VALUE, "HH:MM", "when the meeting actually ended (set; minutes)"},
    {NULL, 0, 0, NULL, NULL},
};

static const char *const subs[] = {"new",        "list", "show", "cancel", "postpone",
                                   "reschedule", "held", "set",  NULL};
#define USAGE "govern meeting new|list|show|cancel|postpone|reschedule|held|set ..."

/* ------------------------------------------------------------------ new */

struct new_ctx {
    struct govern_invocation *inv;
    const char *slug;
    struct govern_meeting m; /* id filled in the transaction */
    char id[160];
};

static int new_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct new_ctx *ctx = vctx;
    struct govern_committee *c = NULL;
    struct govern_meeting_create_opts o = GOVERN_MEETING_CREATE_OPTS_INIT;
    o.registry = ctx->inv->registry;
    o.as_of = ctx->inv->as_of;
    int rc;
    if ((rc = govern_committee_load(&c, head, ctx->slug)) ||
        (rc = govern_meeting_create(&ctx->m, chg, head, ctx->slug, &o)))
        goto out;
    snprintf(ctx->id, sizeof(ctx->id), "%s", ctx->m.id);
    char when[40];
    govern_date_format_long(when, ctx->m.date);
    rc = govern_change_message(chg, "Schedule %s meeting on %s\n\nMeeting %s, uid %s.", c->name,
                               when, ctx->id, ctx->m.uid);
out:
    govern_committee_free(c);
    return rc;
}

/* reschedule --time without --end: the meeting keeps its length, so the end
 * moves with the start (rather than --end, never given, being blamed). */
static int move_end(struct govern_meeting *m, const struct govern_args *a, govern_time old_time)
{
    if (govern_args_get(a, "end") || !govern_args_get(a, "time") || m->end == GOVERN_TIME_NONE ||
        old_time == GOVERN_TIME_NONE)
        return 0;
    govern_time end = m->end + (m->time - old_time);
    if (end >= 24 * 60) {
        char t[6];
        govern_time_format(t, m->end);
        return govern_error_set(GOVERN_EUSAGE,
                                "the meeting ends at %s; started at --time %s it would run past "
                                "midnight: give --end as well",
                                t, govern_args_get(a, "time"));
    }
    m->end = end;
    return 0;
}

static int parse_when(struct govern_meeting *m, const struct govern_args *a, bool need_date)
{
    const char *v;
    int rc = 0;
    govern_time old_time = m->time;
    if ((v = govern_args_get(a, "date"))) {
        if ((rc = cli_date(&m->date, "date", v)))
            return rc;
    } else if (need_date) {
        return govern_error_set(GOVERN_EUSAGE, "--date YYYY-MM-DD is required");
    }
    if ((v = govern_args_get(a, "time")) && (rc = cli_time(&m->time, "time", v)))
        return rc;
    if ((v = govern_args_get(a, "end")) && (rc = cli_time(&m->end, "end", v)))
        return rc;
    if ((rc = move_end(m, a, old_time)))
        return rc;
    if (m->end != GOVERN_TIME_NONE && (m->time == GOVERN_TIME_NONE || m->end <= m->time))
        return govern_error_set(GOVERN_EINVAL, "--end must come after --time");
    if ((v = govern_args_get(a, "location"))) {
        if (strchr(v, '\n'))
            return govern_error_set(GOVERN_EINVAL, "--location must be one line");
        free(m->location);
        m->location = strdup(v);
    }
    return 0;
}

static int do_new(struct govern_invocation *inv, struct govern_args *a)
{
    int rc = govern_args_positional(a, 2, 2, "govern meeting new SLUG --date DATE");
    if (rc)
        return rc;
    struct new_ctx ctx;
    memset(&ctx, 0, sizeof(ctx));
    ctx.inv = inv;
    ctx.slug = a->positional.items[1];
    ctx.m.time = ctx.m.end = GOVERN_TIME_NONE;
    ctx.m.status = GOVERN_STATUS_SCHEDULED;
    if ((rc = govern_slug_check(ctx.slug)) || (rc = parse_when(&ctx.m, a, true)))
        goto out;
    const char *v;
    if ((v = govern_args_get(a, "title")))
        ctx.m.title = strdup(v);
    ctx.m.private_ = govern_args_flag(a, "private");
    ctx.m.annual = govern_args_flag(a, "annual");
    if ((rc = govern_meeting_new_uid(&ctx.m.uid)))
        goto out;
    char cid[41];
    if (!(rc = cli_commit(inv, new_fn, &ctx, cid)))
        govern_buf_printf(inv->out, "%s\n", ctx.id);
out:
    ctx.m.notes = NULL;
    free(ctx.m.id);
    free(ctx.m.path);
    free(ctx.m.committee);
    free(ctx.m.uid);
    free(ctx.m.title);
    free(ctx.m.location);
    return rc;
}

/* ------------------------------------------------------- status changes */

enum change_kind { CH_CANCEL, CH_POSTPONE, CH_RESCHEDULE, CH_HELD };

struct change_ctx {
    const char *id;
    enum change_kind kind;
    const char *reason;
    const struct govern_args *args;
    char summary[200];
    govern_date as_of; /* held: "today" */
};

static int change_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct change_ctx *ctx = vctx;
    struct govern_meeting *m = NULL;
    struct govern_buf text = GOVERN_BUF_INIT;
    int rc = govern_meeting_load(&m, head, ctx->id);
    if (rc)
        return rc;
    char before[40], after[40];
    govern_date_format_long(before, m->date);
    switch (ctx->kind) {
    case CH_CANCEL:
        if (m->status == GOVERN_STATUS_CANCELLED) {
            rc = govern_error_set(GOVERN_EINVAL, "meeting %s is already cancelled", ctx->id);
            goto out;
        }
        if (m->status == GOVERN_STATUS_HELD) {
            rc = govern_error_set(GOVERN_EINVAL, "meeting %s was held: it cannot be cancelled",
                                  ctx->id);
            goto out;
        }
        m->status = GOVERN_STATUS_CANCELLED;
        snprintf(ctx->summary, sizeof(ctx->summary), "Cancel meeting %s of %s", ctx->id, before);
        break;
    case CH_POSTPONE:
        if (m->status != GOVERN_STATUS_SCHEDULED) {
            rc = govern_error_set(GOVERN_EINVAL,
                                  "meeting %s is %s: only a scheduled meeting can "
                                  "be postponed",
                                  ctx->id, govern_meeting_status_name(m->status));
            goto out;
        }
        m->status = GOVERN_STATUS_POSTPONED;
        snprintf(ctx->summary, sizeof(ctx->summary), "Postpone meeting %s of %s", ctx->id, before);
        break;
    case CH_HELD:
        if (m->status != GOVERN_STATUS_SCHEDULED) {
            rc = govern_error_set(GOVERN_EINVAL,
                                  "meeting %s is %s: only a scheduled meeting can "
                                  "be recorded as held",
                                  ctx->id, govern_meeting_status_name(m->status));
            goto out;
        }
        if (m->date > ctx->as_of) {
            char today[11], day[11];
            govern_date_format(day, m->date);
            govern_date_format(today, ctx->as_of);
            rc = govern_error_set(GOVERN_EINVAL,
                                  "rule meeting-held: meeting %s is on %s, after today (%s): a "
                                  "meeting is recorded as held once it has taken place; run this "
                                  "on or after its day (or give --as-of)",
                                  ctx->id, day, today);
            goto out;
        }
        m->status = GOVERN_STATUS_HELD;
        snprintf(ctx->summary, sizeof(ctx->summary), "Record meeting %s of %s as held", ctx->id,
                 before);
        break;
    case CH_RESCHEDULE: {
        if (m->status == GOVERN_STATUS_HELD || m->status == GOVERN_STATUS_CANCELLED) {
            rc = govern_error_set(GOVERN_EINVAL, "meeting %s is %s: it cannot be rescheduled",
                                  ctx->id, govern_meeting_status_name(m->status));
            goto out;
        }
        struct govern_meeting old = *m;
        if ((rc = parse_when(m, ctx->args, false)))
            goto out;
        if (old.date == m->date && old.time == m->time && old.end == m->end &&
            m->status == GOVERN_STATUS_SCHEDULED && !govern_args_get(ctx->args, "location")) {
            rc = govern_error_set(GOVERN_EINVAL, "nothing to change: give a new --date, --time, "
                                                 "--end or --location");
            goto out;
        }
        m->status = GOVERN_STATUS_SCHEDULED;
        free(m->reason);
        m->reason = NULL;
        govern_date_format_long(after, m->date);
        snprintf(ctx->summary, sizeof(ctx->summary), "Reschedule meeting %s to %s", ctx->id, after);
        break;
    }
    }
    if (ctx->reason) {
        free(m->reason);
        m->reason = strdup(ctx->reason);
    }
    m->sequence++;
    if (!(rc = govern_meeting_serialize(&text, m)) &&
        !(rc = govern_change_put(chg, m->path, text.ptr, text.len)))
        rc = govern_change_message(chg, "%s%s%s", ctx->summary, ctx->reason ? "\n\nReason: " : "",
                                   ctx->reason ? ctx->reason : "");
out:
    govern_buf_free(&text);
    govern_meeting_free(m);
    return rc;
}

static int do_change(struct govern_invocation *inv, struct govern_args *a, enum change_kind k)
{
    int rc = govern_args_positional(a, 2, 2, "govern meeting cancel|postpone|reschedule ID");
    if (rc)
        return rc;
    struct change_ctx ctx = {
        a->positional.items[1], k, govern_args_get(a, "reason"), a, "", inv->as_of};
    if ((rc = govern_meeting_id_check(ctx.id)))
        return rc;
    if ((k == CH_CANCEL || k == CH_POSTPONE) && (!ctx.reason || !*ctx.reason))
        return govern_error_set(GOVERN_EUSAGE, "--reason TEXT is required");
    char cid[41];
    if (!(rc = cli_commit(inv, change_fn, &ctx, cid)))
        govern_buf_printf(inv->out, "%s\n", ctx.summary);
    return rc;
}

/* ------------------------------------------------------------------ set */

struct set_ctx {
    const char *id;
    const struct govern_args *args;
    char summary[300];
};

static int apply_set(struct govern_meeting *m, const struct govern_args *a)
{
    const char *v;
    int rc = 0;
    if ((v = govern_args_get(a, "time")) && (rc = cli_time(&m->time, "time", v)))
        return rc;
    if ((v = govern_args_get(a, "end")) && !*v)
        m->end = GOVERN_TIME_NONE;
    else if (v && (rc = cli_time(&m->end, "end", v)))
        return rc;
    if (m->end != GOVERN_TIME_NONE && (m->time == GOVERN_TIME_NONE || m->end <= m->time))
        return govern_error_set(GOVERN_EINVAL, "the end (%s) must come after the start time",
                                govern_args_get(a, "end") ? "--end" : "in meeting.md");
    if ((rc = cli_set_text(&m->title, govern_args_get(a, "title"))))
        return rc;
    return cli_set_text(&m->location, govern_args_get(a, "location"));
}

/* meeting.md: title, location, time and end; a visible change goes up the
 * sequence so calendars update. */
static int set_meeting(struct govern_change *chg, struct govern_snapshot *head, struct set_ctx *ctx)
{
    const struct govern_args *a = ctx->args;
    if (!govern_args_get(a, "title") && !govern_args_get(a, "location") &&
        !govern_args_get(a, "time") && !govern_args_get(a, "end"))
        return 0;
    struct govern_meeting *m = NULL, *check = NULL;
    struct govern_buf text = GOVERN_BUF_INIT;
    int rc = govern_meeting_load(&m, head, ctx->id);
    if (!rc && !(rc = apply_set(m, a))) {
        m->sequence++;
        if (!(rc = govern_meeting_serialize(&text, m)))
            rc = govern_meeting_parse(&check, ctx->id, text.ptr, text.len);
    }
    if (!rc)
        rc = govern_change_put(chg, m->path, text.ptr, text.len);
    govern_buf_free(&text);
    govern_meeting_free(check);
    govern_meeting_free(m);
    return rc;
}

/* minutes.md: when the meeting actually started and ended. */
static int set_times(struct govern_change *chg, struct govern_snapshot *head, struct set_ctx *ctx)
{
    const char *st = govern_args_get(ctx->args, "started"),
               *en = govern_args_get(ctx->args, "ended");
    if (!st && !en)
        return 0;
    struct govern_minutes *m = NULL, *check = NULL;
    struct govern_buf text = GOVERN_BUF_INIT;
    int rc = govern_minutes_load(&m, head, ctx->id);
    if (rc == GOVERN_ENOTFOUND)
        return govern_error_set(GOVERN_ENOTFOUND,
                                "--started and --ended are recorded in the minutes: start them "
                                "with 'govern minutes draft %s'",
                                ctx->id);
    if (!rc && st)
        rc = *st ? cli_time(&m->started, "started", st) : (m->started = GOVERN_TIME_NONE, 0);
    if (!rc && en)
        rc = *en ? cli_time(&m->ended, "ended", en) : (m->ended = GOVERN_TIME_NONE, 0);
    if (!rc && m->started != GOVERN_TIME_NONE && m->ended != GOVERN_TIME_NONE &&
        m->ended <= m->started)
        rc = govern_error_set(GOVERN_EINVAL, "--ended must come after --started");
    if (!rc && !(rc = govern_minutes_serialize(&text, m)))
        rc = govern_minutes_parse(&check, ctx->id, text.ptr, text.len);
    if (!rc)
        rc = govern_change_put(chg, m->path, text.ptr, text.len);
    govern_buf_free(&text);
    govern_minutes_free(check);
    govern_minutes_free(m);
    return rc;
}

static int set_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct set_ctx *ctx = vctx;
    int rc = set_meeting(chg, head, ctx);
    if (!rc)
        rc = set_times(chg, head, ctx);
    if (!rc) {
        snprintf(ctx->summary, sizeof(ctx->summary), "Change the details of meeting %s", ctx->id);
        rc = govern_change_message(chg, "%s", ctx->summary);
    }
    return rc;
}

static int do_set(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const keys[] = {"title",   "location", "time", "end",
                                       "started", "ended",    NULL};
    int rc = govern_args_positional(a, 2, 2, "govern meeting set ID [--location TEXT] ...");
    if (rc || (rc = govern_meeting_id_check(a->positional.items[1])))
        return rc;
    bool any;
    if ((rc = cli_text_options(&any, a, keys, NULL)))
        return rc;
    if (!any)
        return govern_error_set(GOVERN_EUSAGE, "nothing to change: give --title, --location, "
                                               "--time, --end, --started or --ended");
    struct set_ctx ctx = {a->positional.items[1], a, ""};
    char id[41];
    if (!(rc = cli_commit(inv, set_fn, &ctx, id)))
        govern_buf_printf(inv->out, "%s\n", id[0] ? ctx.summary : "Nothing changed");
    return rc;
}

/* ---------------------------------------------------------- list, show */

static json_t *meeting_json(const struct govern_meeting *m, const struct govern_committee *c)
{
    json_t *o = json_object();
    char d[11], t[6];
    json_object_set_new(o, "id", json_string(m->id));
    json_object_set_new(o, "committee", json_string(m->committee));
    json_object_set_new(o, "committee_name", c ? json_string(c->name) : json_null());
    json_object_set_new(o, "uid", json_string(m->uid));
    json_object_set_new(o, "title", m->title ? json_string(m->title) : json_null());
    govern_date_format(d, m->date);
    json_object_set_new(o, "date", json_string(d));
    if (m->time != GOVERN_TIME_NONE) {
        govern_time_format(t, m->time);
        json_object_set_new(o, "time", json_string(t));
    } else {
        json_object_set_new(o, "time", json_null());
    }
    if (m->end != GOVERN_TIME_NONE) {
        govern_time_format(t, m->end);
        json_object_set_new(o, "end", json_string(t));
    } else {
        json_object_set_new(o, "end", json_null());
    }
    json_object_set_new(o, "location", m->location ? json_string(m->location) : json_null());
    json_object_set_new(o, "status", json_string(govern_meeting_status_name(m->status)));
    json_object_set_new(o, "sequence", json_integer(m->sequence));
    json_object_set_new(o, "reason", m->reason ? json_string(m->reason) : json_null());
    json_object_set_new(o, "private", json_boolean(m->private_));
    return o;
}

/* A meeting's row of the CSV and xlsx list: every field of meeting_json. */
static int sheet_row(struct govern_table *sheet, const struct govern_meeting *m,
                     const struct govern_committee *c)
{
    char d[11], tm[6] = "", end[6] = "", seq[16];
    govern_date_format(d, m->date);
    if (m->time != GOVERN_TIME_NONE)
        govern_time_format(tm, m->time);
    if (m->end != GOVERN_TIME_NONE)
        govern_time_format(end, m->end);
    snprintf(seq, sizeof(seq), "%d", m->sequence);
    const char *row[] = {m->id,
                         m->committee,
                         c ? c->name : "",
                         d,
                         tm,
                         end,
                         govern_meeting_status_name(m->status),
                         m->location,
                         m->title,
                         m->private_ ? "true" : "false",
                         seq,
                         m->uid};
    return govern_table_row(sheet, row);
}

static int do_list(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const fmts[] = {"text", "json", "csv", "xlsx", NULL};
    const char *fmt, *v;
    int rc = govern_args_positional(a, 1, 1, "govern meeting list [--committee SLUG]...");
    if (rc || (rc = cli_format(&fmt, inv, "text", fmts)))
        return rc;
    struct govern_meeting_filter f = {govern_args_multi(a, "committee"), GOVERN_DATE_NONE,
                                      GOVERN_DATE_NONE};
    for (size_t i = 0; f.committees && i < f.committees->count; i++)
        if ((rc = govern_slug_check(f.committees->items[i])))
            return rc;
    if ((v = govern_args_get(a, "from")) && (rc = cli_date(&f.from, "from", v)))
        return rc;
    if ((v = govern_args_get(a, "to")) && (rc = cli_date(&f.to, "to", v)))
        return rc;
    struct govern_meeting_list l;
    if ((rc = govern_meeting_list_load(&l, inv->snap, &f)))
        return rc;
    static const char *const hdr[] = {"ID", "DATE", "TIME", "COMMITTEE", "STATUS", "LOCATION"};
    /* CSV and xlsx: every field, named as in the JSON */
    static const char *const sheet_hdr[] = {"id",    "committee", "committee_name", "date",
                                            "time",  "end",       "status",         "location",
                                            "title", "private",   "sequence",       "uid"};
    struct govern_table *t = NULL, *sheet = NULL;
    json_t *arr = json_array();
    if (!strcmp(fmt, "text"))
        rc = govern_table_new(&t, 6, hdr);
    else if (strcmp(fmt, "json") && !(rc = govern_table_new(&sheet, 12, sheet_hdr)))
        rc = govern_table_types(sheet, "tttdttttttnt");
    /* committee names, loaded once each */
    struct govern_committee *cache = NULL;
    for (size_t i = 0; i < l.count && !rc; i++) {
        const struct govern_meeting *m = l.items[i];
        if (!cache || strcmp(cache->slug, m->committee)) {
            govern_committee_free(cache);
            cache = NULL;
            if ((rc = govern_committee_load(&cache, inv->snap, m->committee)))
                break;
        }
        char d[11], tm[14] = "";
        govern_date_format(d, m->date);
        if (m->time != GOVERN_TIME_NONE) {
            govern_time_format(tm, m->time);
            if (m->end != GOVERN_TIME_NONE) {
                tm[5] = '-';
                govern_time_format(tm + 6, m->end);
            }
        }
        const char *row[] = {m->id,      d, tm, cache->name, govern_meeting_status_name(m->status),
                             m->location};
        if (t) {
            const char *color = m->status == GOVERN_STATUS_CANCELLED   ? "9"
                                : m->status == GOVERN_STATUS_POSTPONED ? "33"
                                                                       : NULL;
            rc = govern_table_row_color(t, row, color);
        } else if (sheet) {
            rc = sheet_row(sheet, m, cache);
        } else {
            json_array_append_new(arr, meeting_json(m, cache));
        }
    }
    govern_committee_free(cache);
    if (!rc && t)
        rc = govern_table_render(inv->out, t, inv->color);
    if (!rc && sheet)
        rc = govern_table_render_as(inv->out, sheet, fmt, false, "meetings");
    govern_table_free(sheet);
    if (!rc && !strcmp(fmt, "json")) {
        json_t *o = json_object();
        json_object_set_new(o, "meetings", arr);
        arr = NULL;
        rc = cli_json_out(inv->out, o);
    }
    json_decref(arr);
    govern_table_free(t);
    govern_meeting_list_free(&l);
    return rc;
}

static int do_show(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const fmts[] = {"text", "json", NULL};
    const char *fmt;
    int rc = govern_args_positional(a, 2, 2, "govern meeting show ID");
    if (rc || (rc = cli_format(&fmt, inv, "text", fmts)))
        return rc;
    struct govern_meeting *m = NULL;
    struct govern_committee *c = NULL;
    if ((rc = govern_meeting_load(&m, inv->snap, a->positional.items[1])) ||
        (rc = govern_committee_load(&c, inv->snap, m->committee)))
        goto out;
    if (!strcmp(fmt, "json")) {
        rc = cli_json_out(inv->out, meeting_json(m, c));
        goto out;
    }
    char d[40], t[6];
    struct govern_buf *o = inv->out;
    govern_date_format_long(d, m->date);
    govern_buf_printf(o, "%s%s%s\n", c->name, m->title ? ": " : "", m->title ? m->title : "");
    govern_buf_printf(o, "Id:        %s\n", m->id);
    govern_buf_printf(o, "Date:      %s\n", d);
    if (m->time != GOVERN_TIME_NONE) {
        govern_time_format(t, m->time);
        govern_buf_printf(o, "Time:      %s", t);
        if (m->end != GOVERN_TIME_NONE) {
            govern_time_format(t, m->end);
            govern_buf_printf(o, " to %s", t);
        }
        govern_buf_puts(o, "\n");
    }
    if (m->location)
        govern_buf_printf(o, "Location:  %s\n", m->location);
    govern_buf_printf(o, "Status:    %s%s%s%s\n", govern_meeting_status_name(m->status),
                      m->reason ? " (" : "", m->reason ? m->reason : "", m->reason ? ")" : "");
    if (m->private_)
        govern_buf_puts(o, "Private:   yes (held in private)\n");
    govern_buf_printf(o, "UID:       %s\nSequence:  %d\n", m->uid, m->sequence);
    if (m->notes)
        govern_buf_printf(o, "\n%s", m->notes);
out:
    govern_committee_free(c);
    govern_meeting_free(m);
    return rc;
}

static int run(struct govern_invocation *inv)
{
    size_t sub;
    struct govern_args a;
    int rc = govern_subcommand_parse(&sub, &a, subs, opts, inv->argc, inv->argv, USAGE);
    if (rc)
        return rc;
    switch (sub) {
    case 0:
        rc = do_new(inv, &a);
        break;
    case 1:
        rc = do_list(inv, &a);
        break;
    case 2:
        rc = do_show(inv, &a);
        break;
    case 3:
        rc = do_change(inv, &a, CH_CANCEL);
        break;
    case 4:
        rc = do_change(inv, &a, CH_POSTPONE);
        break;
    case 5:
        rc = do_change(inv, &a, CH_RESCHEDULE);
        break;
    case 6:
        rc = do_change(inv, &a, CH_HELD);
        break;
    default:
        rc = do_set(inv, &a);
        break;
    }
    govern_args_free(&a);
    return rc;
}

const struct govern_command cmd_meeting = {
    .name = "meeting",
    .summary = "schedule, list, show, cancel, postpone, reschedule meetings; record them held",
    .usage = "govern meeting new SLUG --date DATE [--time HH:MM] [--end HH:MM] [--location TEXT] "
             "[--title TEXT] [--private] [--annual]\n"
             "       govern meeting list [--committee SLUG]... [--from DATE] [--to DATE] "
             "[--format text|json|csv|xlsx]\n"
             "       govern meeting show ID [--format text|json]\n"
             "       govern meeting cancel ID --reason TEXT\n"
             "       govern meeting postpone ID --reason TEXT\n"
             "       govern meeting reschedule ID [--date DATE] [--time HH:MM] [--end HH:MM] "
             "[--location TEXT]\n"
             "       govern meeting held ID\n"
             "       govern meeting set ID [--title TEXT] [--location TEXT] [--time HH:MM] "
             "[--end HH:MM] [--started HH:MM] [--ended HH:MM]",
    .help = "'meeting new' prints the new meeting's id (COMMITTEE/DATE, with -2, -3... for a\n"
            "second meeting on the same day) and starts its agenda from the committee's\n"
            "template. The id and the calendar UID never change, even when the meeting is\n"
            "rescheduled; the sequence number goes up on every change of time or status.\n"
            "'meeting set' corrects a meeting's details, held or not, in one commit: --title,\n"
            "--location, --time and --end in meeting.md (the sequence goes up; '' removes the\n"
            "title or end), --started and --ended (when it actually started and ended) in its\n"
            "minutes, which must be drafted and not yet approved.\n"
            "'reschedule --time' without --end keeps the meeting's length: its end moves too.\n"

            "--annual marks the annual meeting: the committee's municipal year, and its minute\n"
            "numbering, start there even when it moves before or after year_start. 'meeting\n"
            "held' is refused before the meeting's day.",
    .options = opts,
    .flags = GOVERN_CMD_STORE,
    .run = run,
};
