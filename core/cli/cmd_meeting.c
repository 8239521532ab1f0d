/*
 * govern meeting new|list|show|cancel|postpone|reschedule|held|set: meetings
 * with a stable id (COMMITTEE/DATE) and calendar UID, a status, and a
 * sequence number that goes up whenever the time or status changes.  The
 * writing subcommands read their options and call the meeting operations
 * (include/govern/ops.h).
 */
#include <jansson.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* The options, each written once, in the tables of the subcommands taking them. */
/* clang-format off */
#define OPT_DATE {"date", 0, GOVERN_OPT_VALUE, "DATE", "day of the meeting (YYYY-MM-DD)"}
#define OPT_TIME {"time", 0, GOVERN_OPT_VALUE, "HH:MM", "start time"}
#define OPT_END_TIME {"end", 0, GOVERN_OPT_VALUE, "HH:MM", "end time"}
#define OPT_LOCATION {"location", 0, GOVERN_OPT_VALUE, "TEXT", "where it is held"}
#define OPT_TITLE {"title", 0, GOVERN_OPT_VALUE, "TEXT", \
    "a name for the meeting, e.g. Annual meeting"}
#define OPT_REASON {"reason", 0, GOVERN_OPT_TEXT, "TEXT", "why it is cancelled or postponed"}
#define OPT_END {NULL, 0, 0, NULL, NULL}
/* clang-format on */

static const struct govern_opt new_opts[] = {
    OPT_DATE,
    OPT_TIME,
    OPT_END_TIME,
    OPT_LOCATION,
    OPT_TITLE,
    {"private", 0, GOVERN_OPT_FLAG, NULL, "the whole meeting is held in private"},
    {"annual", 0, GOVERN_OPT_FLAG, NULL,
     "the annual meeting: starts the committee's municipal year"},
    OPT_END,
};

static const struct govern_opt list_opts[] = {
    {"committee", 0, GOVERN_OPT_MULTI, "SLUG", "only these committees"},
    {"from", 0, GOVERN_OPT_VALUE, "DATE", "meetings on or after"},
    {"to", 0, GOVERN_OPT_VALUE, "DATE", "meetings on or before"},
    OPT_END,
};

static const struct govern_opt reason_opts[] = {OPT_REASON, OPT_END};

static const struct govern_opt reschedule_opts[] = {
    OPT_DATE, OPT_TIME, OPT_END_TIME, OPT_LOCATION, OPT_END,
};

static const struct govern_opt set_opts[] = {
    OPT_TITLE,
    OPT_LOCATION,
    OPT_TIME,
    OPT_END_TIME,
    {"started", 0, GOVERN_OPT_VALUE, "HH:MM", "when the meeting actually started (minutes)"},
    {"ended", 0, GOVERN_OPT_VALUE, "HH:MM", "when the meeting actually ended (minutes)"},
    OPT_END,
};

/* ------------------------------------------------------------ writing */

/* --date, --time, --end, --location, --title and --started/--ended as given
 * (a time "" removes it where allow_empty). */
static int parse_change(struct govern_ops_meeting_change *r, const struct govern_args *a,
                        bool allow_empty)
{
    static const struct {
        const char *name;
        unsigned bit;
        size_t off;
    } times[] = {
        {"time", GOVERN_OPS_GIVEN_TIME, offsetof(struct govern_ops_meeting_change, time)},
        {"end", GOVERN_OPS_GIVEN_END, offsetof(struct govern_ops_meeting_change, end)},
        {"started", GOVERN_OPS_GIVEN_STARTED, offsetof(struct govern_ops_meeting_change, started)},
        {"ended", GOVERN_OPS_GIVEN_ENDED, offsetof(struct govern_ops_meeting_change, ended)},
    };
    const char *v;
    int rc;
    if ((v = govern_args_get(a, "date"))) {
        if ((rc = cli_date(&r->date, "date", v)))
            return rc;
        r->given |= GOVERN_OPS_GIVEN_DATE;
    }
    for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
        govern_time *t = (govern_time *)((char *)r + times[i].off);
        if (!(v = govern_args_get(a, times[i].name)))
            continue;
        r->given |= times[i].bit;
        if (allow_empty && !*v && strcmp(times[i].name, "time"))
            *t = GOVERN_TIME_NONE;
        else if ((rc = cli_time(t, times[i].name, v)))
            return rc;
    }
    if ((r->location = govern_args_get(a, "location")))
        r->given |= GOVERN_OPS_GIVEN_LOCATION;
    if ((r->title = govern_args_get(a, "title")))
        r->given |= GOVERN_OPS_GIVEN_TITLE;
    return 0;
}

static int do_new(struct govern_invocation *inv, struct govern_args *a)
{
    int rc = govern_args_positional(a, 2, 2, "govern meeting new SLUG --date DATE");
    if (rc)
        return rc;
    struct govern_ops_meeting_new r = {.version = GOVERN_OPS_MEETING_NEW_VERSION,
                                       .committee = a->positional.items[1]};
    struct govern_ops_meeting_change when = {.version = GOVERN_OPS_MEETING_CHANGE_VERSION};
    when.time = when.end = GOVERN_TIME_NONE;
    if ((rc = govern_slug_check(r.committee)))
        return rc;
    if (!govern_args_get(a, "date"))
        return govern_error_set(GOVERN_EUSAGE, "--date YYYY-MM-DD is required");
    if ((rc = parse_change(&when, a, false)))
        return rc;
    r.date = when.date;
    r.time = when.time;
    r.end = when.end;
    r.location = when.location;
    r.title = when.title;
    r.private_ = govern_args_flag(a, "private");
    r.annual = govern_args_flag(a, "annual");
    r.registry = inv->registry;
    r.as_of = inv->as_of;
    struct govern_ops_result res;
    if (!(rc = govern_ops_meeting_new(&res, inv->store, &r)))
        govern_buf_printf(inv->out, "%s\n", res.meeting);
    return rc;
}

/* ------------------------------------------------------- status changes */

enum change_kind { CH_CANCEL, CH_POSTPONE, CH_RESCHEDULE, CH_HELD };

static int do_change(struct govern_invocation *inv, struct govern_args *a, enum change_kind k)
{
    static int (*const ops[])(struct govern_ops_result *, struct govern_store *,
                              const struct govern_ops_meeting_change *) = {
        govern_ops_meeting_cancel, govern_ops_meeting_postpone, govern_ops_meeting_reschedule,
        govern_ops_meeting_held};
    int rc = govern_args_positional(a, 2, 2, "govern meeting cancel|postpone|reschedule ID");
    if (rc)
        return rc;
    struct govern_ops_meeting_change r = {.version = GOVERN_OPS_MEETING_CHANGE_VERSION,
                                          .meeting = a->positional.items[1],
                                          .reason = govern_args_get(a, "reason")};
    r.as_of = inv->as_of;
    if ((rc = govern_meeting_id_check(r.meeting)))
        return rc;
    if ((k == CH_CANCEL || k == CH_POSTPONE) && (!r.reason || !*r.reason))
        return govern_error_set(GOVERN_EUSAGE, "--reason TEXT is required");
    if (k == CH_RESCHEDULE && (rc = parse_change(&r, a, false)))
        return rc;
    struct govern_ops_result res;
    if (!(rc = ops[k](&res, inv->store, &r)))
        govern_buf_printf(inv->out, "%s\n", res.summary);
    return rc;
}

/* ------------------------------------------------------------------ set */

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
    struct govern_ops_meeting_change r = {.version = GOVERN_OPS_MEETING_CHANGE_VERSION,
                                          .meeting = a->positional.items[1]};
    struct govern_ops_result res;
    if (!(rc = parse_change(&r, a, true)) && !(rc = govern_ops_meeting_set(&res, inv->store, &r)))
        govern_buf_printf(inv->out, "%s\n", res.commit[0] ? res.summary : "Nothing changed");
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
        rc = govern_json_write(inv->out, o, 0);
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
        rc = govern_json_write(inv->out, meeting_json(m, c), 0);
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

static int do_cancel(struct govern_invocation *inv, struct govern_args *a)
{
    return do_change(inv, a, CH_CANCEL);
}

static int do_postpone(struct govern_invocation *inv, struct govern_args *a)
{
    return do_change(inv, a, CH_POSTPONE);
}

static int do_reschedule(struct govern_invocation *inv, struct govern_args *a)
{
    return do_change(inv, a, CH_RESCHEDULE);
}

static int do_held(struct govern_invocation *inv, struct govern_args *a)
{
    return do_change(inv, a, CH_HELD);
}

#define READ GOVERN_CMD_STORE
#define WRITE (GOVERN_CMD_STORE | GOVERN_CMD_WRITES)
static const struct govern_subcommand subs[] = {
    {"new", "schedule a meeting", NULL, new_opts, WRITE, do_new, NULL, NULL},
    {"list", "the meetings, by date", NULL, list_opts, READ, do_list, NULL, NULL},
    {"show", "one meeting", NULL, NULL, READ, do_show, NULL, NULL},
    {"cancel", "cancel a meeting", NULL, reason_opts, WRITE, do_cancel, NULL, NULL},
    {"postpone", "postpone a meeting to a day not yet known", NULL, reason_opts, WRITE, do_postpone,
     NULL, NULL},
    {"reschedule", "move a meeting", NULL, reschedule_opts, WRITE, do_reschedule, NULL, NULL},
    {"held", "record that a meeting took place", NULL, NULL, WRITE, do_held, NULL, NULL},
    {"set", "correct a meeting's details", NULL, set_opts, WRITE, do_set, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

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
    .subcommands = subs,
};
