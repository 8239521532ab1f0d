/*
 * `govern calendar import FILE.ics --committee SLUG`: meetings from another
 * system's calendar.  Each VEVENT becomes a meeting of SLUG that keeps the
 * event's UID, so importing the same file again (or a later export of the
 * same calendar) updates those meetings instead of adding new ones.
 *
 * The file is checked twice before anything is written.  A scan of the
 * content lines (ours: libical's parser accepts almost anything and gives no
 * line numbers) refuses what is not iCalendar, with FILE:LINE: size, UTF-8,
 * line syntax, BEGIN/END nesting, and remembers where each component and
 * property starts.  Then libical parses the values (times, durations, time
 * zones); the X-LIC-ERROR properties it leaves behind are refused too.
 * Times with a TZID (resolved through the file's VTIMEZONE, else libical's
 * zone of that name) or in UTC are converted to the store's time zone;
 * floating times are taken as the store's local time.
 *
 * Everything goes into one commit, or nothing does.
 */
#include <errno.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "govern/ops.h"
#include "ical.h"

#define IMPORT_MAX_BYTES (8 * 1024 * 1024) /* a bigger .ics is refused */
#define IMPORT_MAX_LINE (64 * 1024)        /* one unfolded content line */
#define IMPORT_MAX_EVENTS 10000
#define IMPORT_MAX_DEPTH 8
#define IMPORT_MAX_COMPONENTS 50000
#define IMPORT_MAX_UID 255
#define IMPORT_MAX_TEXT 1000 /* title, location, reason */

const struct govern_opt ical_import_opts[] = {
    {"committee", 0, GOVERN_OPT_VALUE, "SLUG", "the committee the meetings belong to"},
    {"dry-run", 'n', GOVERN_OPT_FLAG, NULL, "print what would change; change nothing"},
    {NULL, 0, 0, NULL, NULL},
};

#define USAGE "govern calendar import FILE.ics --committee SLUG [--dry-run]"

/* ------------------------------------------------------- the line scan */

struct comp_pos {
    char name[32]; /* "VEVENT" (upper case, truncated) */
    int line;      /* of its BEGIN */
};

struct prop_pos {
    size_t comp; /* index into comps (preorder) */
    char name[32];
    int line;
};

struct scan {
    const char *file;
    struct comp_pos *comps;
    size_t n_comps;
    struct prop_pos *props;
    size_t n_props, cap_props;
    size_t n_events;
};

static void scan_free(struct scan *s)
{
    free(s->comps);
    free(s->props);
}

static int scan_error(const struct scan *s, int line, const char *fmt, const char *arg)
{
    return govern_error_set(GOVERN_EINVAL, "%s:%d: %s%s", s->file, line, fmt, arg ? arg : "");
}

static bool name_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static void upper_copy(char out[32], const char *s, size_t n)
{
    size_t k = n < 31 ? n : 31;
    for (size_t i = 0; i < k; i++)
        out[i] = (char)((s[i] >= 'a' && s[i] <= 'z') ? s[i] - 'a' + 'A' : s[i]);
    out[k] = 0;
}

/* One unfolded content line: NAME *(";" param) ":" value. */
static int scan_line(struct scan *s, const char *l, size_t len, int line, size_t *stack,
                     size_t *depth, bool *done)
{
    size_t n = 0;
    while (n < len && name_char(l[n]))
        n++;
    if (n == 0 || n >= len || (l[n] != ';' && l[n] != ':'))
        return scan_error(s, line, "not an iCalendar content line (NAME:VALUE)", NULL);
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)l[i] < 0x20 && l[i] != '\t') || l[i] == 0x7f)
            return scan_error(s, line, "control character in a content line", NULL);
    /* parameters: name=value or "quoted", up to the first ':' outside quotes */
    size_t p = n;
    while (p < len && l[p] == ';') {
        size_t q = ++p;
        while (p < len && name_char(l[p]))
            p++;
        if (p == q || p >= len || l[p] != '=')
            return scan_error(s, line, "malformed parameter", NULL);
        do {
            p++;
            if (p < len && l[p] == '"') {
                const char *close = memchr(l + p + 1, '"', len - p - 1);
                if (!close)
                    return scan_error(s, line, "unterminated quoted parameter value", NULL);
                p = (size_t)(close - l) + 1;
            } else {
                while (p < len && l[p] != ',' && l[p] != ';' && l[p] != ':' && l[p] != '"')
                    p++;
            }
        } while (p < len && l[p] == ',');
    }
    if (p >= len || l[p] != ':')
        return scan_error(s, line, "no ':' after the property name and parameters", NULL);
    char name[32];
    upper_copy(name, l, n);
    const char *value = l + p + 1;
    size_t vlen = len - p - 1;
    if (*done)
        return scan_error(s, line, "content after END:VCALENDAR", NULL);
    if (!strcmp(name, "BEGIN")) {
        if (vlen == 0 || vlen > 30)
            return scan_error(s, line, "BEGIN needs a component name", NULL);
        for (size_t i = 0; i < vlen; i++)
            if (!name_char(value[i]))
                return scan_error(s, line, "bad component name after BEGIN", NULL);
        if (*depth == 0 && strncasecmp(value, "VCALENDAR", vlen))
            return scan_error(s, line, "the file must start with BEGIN:VCALENDAR", NULL);
        if (*depth >= IMPORT_MAX_DEPTH)
            return scan_error(s, line, "components nested too deeply", NULL);
        if (s->n_comps >= IMPORT_MAX_COMPONENTS)
            return scan_error(s, line, "too many components", NULL);
        struct comp_pos *c = &s->comps[s->n_comps];
        upper_copy(c->name, value, vlen);
        c->line = line;
        if (*depth == 1 && !strcmp(c->name, "VEVENT") && ++s->n_events > IMPORT_MAX_EVENTS)
            return govern_error_set(GOVERN_EINVAL, "%s:%d: more than %d events", s->file, line,
                                    IMPORT_MAX_EVENTS);
        stack[(*depth)++] = s->n_comps++;
        return 0;
    }
    if (*depth == 0)
        return scan_error(s, line, "the file must start with BEGIN:VCALENDAR", NULL);
    if (!strcmp(name, "END")) {
        char want[32];
        upper_copy(want, value, vlen);
        if (vlen > 30 || strcmp(want, s->comps[stack[*depth - 1]].name)) {
            char msg[80];
            snprintf(msg, sizeof(msg), "END does not match BEGIN:%s of line %d",
                     s->comps[stack[*depth - 1]].name, s->comps[stack[*depth - 1]].line);
            return scan_error(s, line, msg, NULL);
        }
        if (--*depth == 0)
            *done = true;
        return 0;
    }
    int rc = govern_array_grow(&s->props, &s->cap_props, s->n_props + 1, sizeof(*s->props));
    if (rc)
        return rc;
    if (!strcmp(name, "DTSTART") || !strcmp(name, "DTEND")) {
        /* DATE (8 digits) or DATE-TIME (8 digits, T, 6 digits, optional Z):
         * libical also takes forms such as 2024-07-18 that RFC 5545 does not */
        bool ok = vlen == 8 || vlen == 15 || (vlen == 16 && value[15] == 'Z');
        for (size_t i = 0; ok && i < vlen && i < 15; i++)
            ok = i == 8 ? value[i] == 'T' : (value[i] >= '0' && value[i] <= '9');
        if (!ok)
            return scan_error(s, line, "not an RFC 5545 date or date-time: ", name);
    }
    struct prop_pos *pp = &s->props[s->n_props++];
    pp->comp = stack[*depth - 1];
    memcpy(pp->name, name, sizeof(name));
    pp->line = line;
    return 0;
}

static int scan_text(struct scan *s, const char *text, size_t len)
{
    int rc = govern_utf8_check(s->file, text, len);
    if (rc)
        return rc;
    s->comps = calloc(IMPORT_MAX_COMPONENTS, sizeof(*s->comps));
    struct govern_buf cur = GOVERN_BUF_INIT;
    if (!s->comps)
        return govern_oom();
    size_t stack[IMPORT_MAX_DEPTH], depth = 0;
    bool done = false, have = false;
    int line = 0, cur_line = 0;
    for (size_t pos = 0; pos < len && !rc;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t l = end - pos;
        if (l && text[pos + l - 1] == '\r')
            l--;
        line++;
        const char *p = text + pos;
        pos = nl ? end + 1 : len;
        if (memchr(p, '\r', l)) {
            rc = scan_error(s, line, "stray carriage return", NULL);
            break;
        }
        if (l && (p[0] == ' ' || p[0] == '\t')) { /* a folded continuation */
            if (!have) {
                rc = scan_error(s, line, "continuation line without a line to continue", NULL);
                break;
            }
            if (cur.len + l - 1 > IMPORT_MAX_LINE) {
                rc = scan_error(s, cur_line, "content line too long", NULL);
                break;
            }
            rc = govern_buf_put(&cur, p + 1, l - 1);
            continue;
        }
        if (have)
            rc = scan_line(s, cur.ptr ? cur.ptr : "", cur.len, cur_line, stack, &depth, &done);
        govern_buf_clear(&cur);
        have = false;
        if (rc || l == 0) /* blank lines are tolerated */
            continue;
        if (l > IMPORT_MAX_LINE) {
            rc = scan_error(s, line, "content line too long", NULL);
            break;
        }
        rc = govern_buf_put(&cur, p, l);
        have = true;
        cur_line = line;
    }
    if (!rc && have)
        rc = scan_line(s, cur.ptr ? cur.ptr : "", cur.len, cur_line, stack, &depth, &done);
    govern_buf_free(&cur);
    if (!rc && !done) {
        if (depth)
            rc = scan_error(s, s->comps[stack[depth - 1]].line,
                            "component is never closed: ", s->comps[stack[depth - 1]].name);
        else
            rc = scan_error(s, line ? line : 1, "not an iCalendar file (no BEGIN:VCALENDAR)", NULL);
    }
    return rc;
}

/* Line of the first property name of component comp, or the component's. */
static int prop_line(const struct scan *s, size_t comp, const char *name)
{
    for (size_t i = 0; i < s->n_props; i++)
        if (s->props[i].comp == comp && !strcmp(s->props[i].name, name))
            return s->props[i].line;
    return s->comps[comp].line;
}

/* ------------------------------------------------------ the events */

enum ev_action { EV_CREATE, EV_UPDATE, EV_UNCHANGED, EV_STALE, EV_HELD };

struct event {
    int line;                /* BEGIN:VEVENT */
    size_t comp;             /* preorder index */
    struct govern_meeting m; /* uid, title, date, time, end, location, status, sequence,
                                reason, private_ as the file says */
    enum ev_action action;
    char *id; /* the meeting it became or matched */
    int old_sequence;
};

struct import {
    const char *file;
    const char *slug;
    bool dry_run;
    struct govern_invocation *inv;
    struct event *ev;
    size_t n_ev;
    size_t counts[5];
    char committee_name[200];
};

static void import_clear(struct import *im)
{
    for (size_t i = 0; i < im->n_ev; i++) {
        govern_meeting_clear(&im->ev[i].m);
        free(im->ev[i].id);
    }
    free(im->ev);
}

static void preorder(icalcomponent **out, size_t *n, size_t max, icalcomponent *c)
{
    if (*n < max)
        out[*n] = c;
    (*n)++;
    for (icalcomponent *k = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); k;
         k = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        preorder(out, n, max, k);
}

/* A text value on one line: newlines become sep, surrounding space goes. */
static int one_line_text(char **out, const struct scan *s, int line, const char *what,
                         const char *v, const char *sep)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    while (*v == ' ' || *v == '\n' || *v == '\r' || *v == '\t')
        v++;
    for (const char *p = v; *p; p++) {
        if (*p == '\r')
            continue;
        if (*p == '\n') {
            while (p[1] == '\n' || p[1] == '\r' || p[1] == ' ')
                p++;
            if (p[1])
                govern_buf_puts(&b, sep);
            continue;
        }
        govern_buf_putc(&b, *p == '\t' ? ' ' : *p);
    }
    while (b.len && b.ptr[b.len - 1] == ' ')
        b.ptr[--b.len] = 0;
    if (b.len > IMPORT_MAX_TEXT) {
        govern_buf_free(&b);
        return scan_error(s, line, what, " is too long");
    }
    *out = b.len ? govern_buf_detach(&b) : NULL;
    govern_buf_free(&b);
    return 0;
}

/* Resolves the time zone of a DTSTART/DTEND property. */
static int prop_time(struct icaltimetype *out, icalproperty *p, icalcomponent *root,
                     const struct scan *s, int line)
{
    struct icaltimetype t = icalproperty_isa(p) == ICAL_DTSTART_PROPERTY
                                ? icalproperty_get_dtstart(p)
                                : icalproperty_get_dtend(p);
    if (icaltime_is_null_time(t) || !icaltime_is_valid_time(t))
        return scan_error(s, line, "not a valid date or date-time", NULL);
    icalparameter *tzp = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    if (tzp && !t.is_date && !icaltime_is_utc(t)) {
        const char *tzid = icalparameter_get_tzid(tzp);
        icaltimezone *z = tzid ? icalcomponent_get_timezone(root, tzid) : NULL;
        if (!z && tzid)
            z = icaltimezone_get_builtin_timezone(tzid);
        if (!z && tzid)
            z = icaltimezone_get_builtin_timezone_from_tzid(tzid);
        icalerror_clear_errno();
        if (!z)
            return scan_error(s, line,
                              "unknown time zone (no VTIMEZONE for it): ", tzid ? tzid : "");
        t = icaltime_set_timezone(&t, z);
    }
    *out = t;
    return 0;
}

static int local_date_time(govern_date *d, govern_time *tm, struct icaltimetype t,
                           icaltimezone *local, const struct scan *s, int line)
{
    if (!t.is_date && t.zone && local)
        t = icaltime_convert_to_zone(t, local);
    if (govern_date_from_ymd(d, t.year, t.month, t.day) || t.year < 1900 || t.year > 2200)
        return scan_error(s, line, "date out of range", NULL);
    *tm = GOVERN_TIME_NONE;
    if (!t.is_date) {
        if (t.second)
            return scan_error(s, line, "meeting times are whole minutes", NULL);
        *tm = t.hour * 60 + t.minute;
    }
    return 0;
}

static int check_uid(const char *uid, const struct scan *s, int line)
{
    size_t n = strlen(uid);
    if (n == 0)
        return scan_error(s, line, "empty UID", NULL);
    if (n > IMPORT_MAX_UID)
        return scan_error(s, line, "UID longer than 255 bytes", NULL);
    for (const char *p = uid; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == ';' || *p == ',' || *p == '\\' || *p == '"' ||
            *p == 0x7f)
            return scan_error(s, line, "a UID govern can keep has no spaces or , ; \\ \": ", uid);
    return 0;
}

static bool prefix_is(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

/* Refuses a property given twice and a recurring event. */
static int check_properties(icalcomponent *ev, const struct scan *s, size_t c)
{
    static const struct {
        icalproperty_kind kind;
        const char *name;
    } single[] = {
        {ICAL_UID_PROPERTY, "UID"},
        {ICAL_DTSTART_PROPERTY, "DTSTART"},
        {ICAL_DTEND_PROPERTY, "DTEND"},
        {ICAL_DURATION_PROPERTY, "DURATION"},
        {ICAL_SUMMARY_PROPERTY, "SUMMARY"},
        {ICAL_LOCATION_PROPERTY, "LOCATION"},
        {ICAL_STATUS_PROPERTY, "STATUS"},
        {ICAL_SEQUENCE_PROPERTY, "SEQUENCE"},
        {ICAL_DESCRIPTION_PROPERTY, "DESCRIPTION"},
    };
    static const struct {
        icalproperty_kind kind;
        const char *name;
    } recurring[] = {
        {ICAL_RRULE_PROPERTY, "RRULE"},
        {ICAL_RDATE_PROPERTY, "RDATE"},
        {ICAL_EXDATE_PROPERTY, "EXDATE"},
        {ICAL_RECURRENCEID_PROPERTY, "RECURRENCE-ID"},
    };
    for (size_t i = 0; i < sizeof(single) / sizeof(single[0]); i++)
        if (icalcomponent_count_properties(ev, single[i].kind) > 1)
            return scan_error(s, prop_line(s, c, single[i].name), "more than one ", single[i].name);
    for (size_t i = 0; i < sizeof(recurring) / sizeof(recurring[0]); i++)
        if (icalcomponent_get_first_property(ev, recurring[i].kind))
            return scan_error(s, prop_line(s, c, recurring[i].name),
                              "recurring events cannot be imported (use govern schedule, or "
                              "export the single occurrences): ",
                              recurring[i].name);
    return 0;
}

/* The UID, checked, into m->uid. */
static int read_uid(struct govern_meeting *m, icalcomponent *ev, const struct event *e,
                    const struct scan *s)
{
    icalproperty *p = icalcomponent_get_first_property(ev, ICAL_UID_PROPERTY);
    const char *uid = p ? icalproperty_get_uid(p) : NULL;
    int rc;
    if (!uid)
        return scan_error(s, e->line, "VEVENT without a UID", NULL);
    if ((rc = check_uid(uid, s, prop_line(s, e->comp, "UID"))))
        return rc;
    if (!(m->uid = strdup(uid)))
        return govern_oom();
    return 0;
}

/* DTSTART and the end (DTEND, or DTSTART + DURATION; null without either),
 * with the lines to blame for each. */
static int read_span(struct icaltimetype *start, int *sline, struct icaltimetype *end, int *eline,
                     icalcomponent *ev, icalcomponent *root, const struct event *e,
                     const struct scan *s)
{
    size_t c = e->comp;
    icalproperty *p;
    int rc;
    *end = icaltime_null_time();
    *sline = prop_line(s, c, "DTSTART");
    if (!(p = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY)))
        return scan_error(s, e->line, "VEVENT without a DTSTART", NULL);
    if ((rc = prop_time(start, p, root, s, *sline)))
        return rc;
    *eline = prop_line(s, c, "DTEND");
    if ((p = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY))) {
        if (icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY))
            return scan_error(s, *eline, "both DTEND and DURATION", NULL);
        if ((rc = prop_time(end, p, root, s, *eline)))
            return rc;
        if (end->is_date != start->is_date)
            return scan_error(s, *eline, "DTEND and DTSTART must both be dates or date-times",
                              NULL);
    } else if ((p = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY))) {
        *eline = prop_line(s, c, "DURATION");
        struct icaldurationtype d = icalproperty_get_duration(p);
        if (icaldurationtype_is_bad_duration(d) || d.is_neg)
            return scan_error(s, *eline, "bad DURATION", NULL);
        *end = icaltime_add(*start, d);
    }
    return 0;
}

/* Start and end into m's date, time and end, in the store's zone: one day
 * at most, the end not before the start, a zero length recording no end. */
static int local_span(struct govern_meeting *m, struct icaltimetype start, int sline,
                      struct icaltimetype end, int eline, icaltimezone *local, const struct scan *s)
{
    govern_date sd, ed = GOVERN_DATE_NONE;
    govern_time et = GOVERN_TIME_NONE;
    int rc;
    if ((rc = local_date_time(&sd, &m->time, start, local, s, sline)))
        return rc;
    m->date = sd;
    m->end = GOVERN_TIME_NONE;
    if (icaltime_is_null_time(end))
        return 0;
    if ((rc = local_date_time(&ed, &et, end, local, s, eline)))
        return rc;
    if (start.is_date) {
        if (ed != sd + 1 && ed != sd)
            return scan_error(s, eline, "a meeting lasts one day at most", NULL);
    } else if (ed == sd && et == m->time) {
        /* zero length: no end recorded */
    } else if (ed != sd || et < m->time) {
        return scan_error(s, eline,
                          "a meeting ends after it starts, on the same day (in the "
                          "store's time zone)",
                          NULL);
    } else {
        m->end = et;
    }
    return 0;
}

/* SUMMARY (without the committee's name our feed puts first) and LOCATION. */
static int read_text(struct govern_meeting *m, icalcomponent *ev, size_t c, const struct scan *s,
                     const char *committee_name)
{
    icalproperty *p;
    const char *v;
    int rc;
    if ((p = icalcomponent_get_first_property(ev, ICAL_SUMMARY_PROPERTY)) &&
        (v = icalproperty_get_summary(p))) {
        size_t cn = strlen(committee_name);
        if (!strcmp(v, committee_name))
            v = "";
        else if (!strncmp(v, committee_name, cn) && v[cn] == ':' && v[cn + 1] == ' ')
            v += cn + 2;
        if ((rc = one_line_text(&m->title, s, prop_line(s, c, "SUMMARY"), "SUMMARY", v, " ")))
            return rc;
    }
    if ((p = icalcomponent_get_first_property(ev, ICAL_LOCATION_PROPERTY)) &&
        (v = icalproperty_get_location(p)) &&
        (rc = one_line_text(&m->location, s, prop_line(s, c, "LOCATION"), "LOCATION", v, ", ")))
        return rc;
    return 0;
}

/* STATUS into m->status (TENTATIVE is postponed) and SEQUENCE. */
static int read_status(struct govern_meeting *m, icalcomponent *ev, size_t c, const struct scan *s)
{
    icalproperty *p;
    m->status = GOVERN_STATUS_SCHEDULED;
    if ((p = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY))) {
        enum icalproperty_status st = icalproperty_get_status(p);
        if (st == ICAL_STATUS_CANCELLED)
            m->status = GOVERN_STATUS_CANCELLED;
        else if (st == ICAL_STATUS_TENTATIVE)
            m->status = GOVERN_STATUS_POSTPONED;
        else if (st != ICAL_STATUS_CONFIRMED)
            return scan_error(s, prop_line(s, c, "STATUS"),
                              "STATUS of an event is CONFIRMED, TENTATIVE or CANCELLED", NULL);
    }
    m->sequence = 0;
    if ((p = icalcomponent_get_first_property(ev, ICAL_SEQUENCE_PROPERTY))) {
        int seq = icalproperty_get_sequence(p);
        if (seq < 0 || seq > 1000000)
            return scan_error(s, prop_line(s, c, "SEQUENCE"), "SEQUENCE out of range", NULL);
        m->sequence = seq;
    }
    return 0;
}

/* What govern's own feed says first in DESCRIPTION: that the meeting is
 * held in private, and why it was cancelled or postponed. */
static int read_description(struct govern_meeting *m, icalcomponent *ev, size_t c,
                            const struct scan *s)
{
    icalproperty *p = icalcomponent_get_first_property(ev, ICAL_DESCRIPTION_PROPERTY);
    const char *v = p ? icalproperty_get_description(p) : NULL;
    if (!v)
        return 0;
    int dline = prop_line(s, c, "DESCRIPTION");
    if (prefix_is(v, "This meeting is held in private."))
        m->private_ = true;
    const char *why = NULL;
    if (m->status == GOVERN_STATUS_CANCELLED && prefix_is(v, "Cancelled: "))
        why = v + strlen("Cancelled: ");
    else if (m->status == GOVERN_STATUS_POSTPONED && prefix_is(v, "Postponed: "))
        why = v + strlen("Postponed: ");
    if (!why)
        return 0;
    const char *nl = strchr(why, '\n');
    char *first = nl ? strndup(why, (size_t)(nl - why)) : strdup(why);
    if (!first)
        return govern_oom();
    int rc = one_line_text(&m->reason, s, dline, "DESCRIPTION", first, " ");
    free(first);
    return rc;
}

/* What we write must read back. */
static int check_reads_back(const struct govern_meeting *m, const struct event *e,
                            const struct scan *s)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    struct govern_meeting *back = NULL;
    char id[40];
    int rc;
    govern_date_format(id + 2, m->date);
    id[0] = 'x';
    id[1] = '/';
    if (!(rc = govern_meeting_serialize(&b, m)))
        rc = govern_meeting_parse(&back, id, b.ptr, b.len);
    govern_meeting_free(back);
    govern_buf_free(&b);
    if (rc)
        return govern_error_prefix(GOVERN_EINVAL, "%s:%d", s->file, e->line);
    return 0;
}

/* One VEVENT into e->m (as the file says). */
static int read_event(struct event *e, icalcomponent *ev, icalcomponent *root, icaltimezone *local,
                      const struct scan *s, const char *committee_name)
{
    struct govern_meeting *m = &e->m;
    struct icaltimetype start = icaltime_null_time(), end = icaltime_null_time();
    int sline = 0, eline = 0, rc;
    if ((rc = check_properties(ev, s, e->comp)) || (rc = read_uid(m, ev, e, s)) ||
        (rc = read_span(&start, &sline, &end, &eline, ev, root, e, s)) ||
        (rc = local_span(m, start, sline, end, eline, local, s)) ||
        (rc = read_text(m, ev, e->comp, s, committee_name)) ||
        (rc = read_status(m, ev, e->comp, s)) || (rc = read_description(m, ev, e->comp, s)))
        return rc;
    return check_reads_back(m, e, s);
}

/* Reads and checks the whole file into im->ev; the store is not looked at. */
static int parse_file(struct import *im, const struct govern_config *cfg)
{
    struct govern_buf text = GOVERN_BUF_INIT;
    struct scan s = {0};
    s.file = im->file;
    icalcomponent *root = NULL, **comps = NULL;
    int rc = govern_text_file_read(&text, "calendar import", im->file, IMPORT_MAX_BYTES);
    if (!rc && (rc = scan_text(&s, text.ptr ? text.ptr : "", text.len)))
        goto out;
    if (rc)
        goto out;
    icalerror_clear_errno();
    root = icalparser_parse_string(text.ptr);
    icalerror_clear_errno();
    if (!root || icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
        rc = scan_error(&s, 1, "libical could not read the calendar", NULL);
        goto out;
    }
    size_t n = 0;
    if (!(comps = calloc(s.n_comps ? s.n_comps : 1, sizeof(*comps)))) {
        rc = govern_oom();
        goto out;
    }
    preorder(comps, &n, s.n_comps, root);
    if (n != s.n_comps) {
        rc = scan_error(&s, 1, "libical read a different structure than the file shows", NULL);
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        icalproperty *err = icalcomponent_get_first_property(comps[i], ICAL_XLICERROR_PROPERTY);
        if (err) {
            const char *msg = icalproperty_get_xlicerror(err);
            rc = scan_error(&s, s.comps[i].line,
                            "malformed content in this component: ", msg ? msg : "");
            goto out;
        }
    }
    icaltimezone *local = icaltimezone_get_builtin_timezone(cfg->timezone);
    icalerror_clear_errno();
    if (!(im->ev = calloc(s.n_events ? s.n_events : 1, sizeof(*im->ev)))) {
        rc = govern_oom();
        goto out;
    }
    for (size_t i = 0; i < n && !rc; i++) {
        if (icalcomponent_isa(comps[i]) != ICAL_VEVENT_COMPONENT ||
            icalcomponent_get_parent(comps[i]) != root)
            continue;
        struct event *e = &im->ev[im->n_ev++];
        e->m.time = e->m.end = GOVERN_TIME_NONE;
        e->comp = i;
        e->line = s.comps[i].line;
        rc = read_event(e, comps[i], root, local, &s, im->committee_name);
        for (size_t k = 0; !rc && k + 1 < im->n_ev; k++)
            if (!strcmp(im->ev[k].m.uid, e->m.uid)) {
                char msg[60];
                snprintf(msg, sizeof(msg),
                         "UID already used by the VEVENT of line %d: ", im->ev[k].line);
                rc = scan_error(&s, prop_line(&s, i, "UID"), msg, e->m.uid);
            }
    }
    icalerror_clear_errno();
out:
    free(comps);
    if (root)
        icalcomponent_free(root);
    scan_free(&s);
    govern_buf_free(&text);
    return rc;
}

/* ------------------------------------------------------- the commit */

static int by_date(const void *a, const void *b)
{
    const struct event *x = *(const struct event *const *)a, *y = *(const struct event *const *)b;
    if (x->m.date != y->m.date)
        return x->m.date < y->m.date ? -1 : 1;
    if (x->m.time != y->m.time)
        return x->m.time < y->m.time ? -1 : 1;
    return x->line - y->line;
}

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static int set_str(char **dst, const char *src)
{
    if (same_str(*dst, src))
        return 0;
    free(*dst);
    *dst = src ? strdup(src) : NULL;
    return src && !*dst ? govern_oom() : 0;
}

static const char *const action_names[] = {"created", "updated", "unchanged", "stale", "held"};

/* The events to create, in date order, through the operation of `meeting
 * new`: each made meeting goes into made (freed by the caller) and, for the
 * next ones, into pend after its n_mine meetings of the committee. */
static int create_new(struct import *im, struct event **order, struct govern_meeting **made,
                      size_t *n_made, const struct govern_meeting **pend, size_t n_mine,
                      struct govern_change *chg, struct govern_snapshot *head)
{
    struct govern_ops_meeting_new r = {.version = GOVERN_OPS_MEETING_NEW_VERSION,
                                       .committee = im->slug,
                                       .registry = im->inv->registry,
                                       .as_of = im->inv->as_of,
                                       .pending = pend,
                                       .pending_is_all = true};
    struct govern_ops_result res;
    int rc = 0;
    for (size_t i = 0; i < im->n_ev && !rc; i++) {
        struct event *e = order[i];
        if (e->action != EV_CREATE)
            continue;
        struct govern_meeting *m = calloc(1, sizeof(*m));
        if (!m)
            return govern_oom();
        made[(*n_made)++] = m;
        r.date = e->m.date;
        r.time = e->m.time;
        r.end = e->m.end;
        r.status = e->m.status;
        r.sequence = e->m.sequence;
        r.private_ = e->m.private_;
        r.uid = e->m.uid;
        r.title = e->m.title;
        r.location = e->m.location;
        r.reason = e->m.reason;
        r.n_pending = n_mine;
        rc = govern_ops_meeting_new_in(&res, m, chg, head, &r);
        govern_ops_result_free(&res);
        if (rc)
            break;
        pend[n_mine++] = m;
        if (!(e->id = strdup(m->id)))
            rc = govern_oom();
        im->counts[EV_CREATE]++;
    }
    return rc;
}

static int import_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct import *im = vctx;
    struct govern_meeting_list all = {0};
    struct govern_meeting **made = NULL;
    const struct govern_meeting **pend = NULL;
    struct event **order = NULL;
    struct govern_buf text = GOVERN_BUF_INIT, msg = GOVERN_BUF_INIT;
    size_t n_made = 0, n_mine = 0;
    int rc = govern_meeting_list_load(&all, head, NULL);
    memset(im->counts, 0, sizeof(im->counts));
    if (rc)
        goto out;
    made = calloc(im->n_ev + 1, sizeof(*made));
    pend = calloc(all.count + im->n_ev + 1, sizeof(*pend));
    order = calloc(im->n_ev + 1, sizeof(*order));
    if (!made || !pend || !order) {
        rc = govern_oom();
        goto out;
    }
    for (size_t i = 0; i < all.count; i++)
        if (!strcmp(all.items[i]->committee, im->slug))
            pend[n_mine++] = all.items[i];
    for (size_t i = 0; i < im->n_ev; i++)
        order[i] = &im->ev[i];
    qsort(order, im->n_ev, sizeof(*order), by_date);

    /* existing meetings first: updates */
    for (size_t i = 0; i < im->n_ev && !rc; i++) {
        struct event *e = order[i];
        free(e->id);
        e->id = NULL;
        struct govern_meeting *old = NULL;
        for (size_t k = 0; k < all.count && !old; k++)
            if (!strcmp(all.items[k]->uid, e->m.uid))
                old = all.items[k];
        e->action = EV_CREATE;
        if (!old)
            continue;
        if (strcmp(old->committee, im->slug)) {
            rc = govern_error_set(GOVERN_EINVAL,
                                  "%s:%d: UID %s belongs to meeting %s of another committee",
                                  im->file, e->line, e->m.uid, old->id);
            break;
        }
        if (!(e->id = strdup(old->id))) {
            rc = govern_oom();
            break;
        }
        e->old_sequence = old->sequence;
        const struct govern_meeting *n = &e->m;
        bool timing = old->date != n->date || old->time != n->time || old->end != n->end ||
                      old->status != n->status;
        bool other = !same_str(old->location, n->location) || !same_str(old->title, n->title) ||
                     !same_str(old->reason, n->reason) || old->private_ != n->private_;
        if (old->status == GOVERN_STATUS_HELD) {
            e->action = EV_HELD;
        } else if (n->sequence < old->sequence) {
            e->action = EV_STALE;
        } else if (!timing && !other && n->sequence == old->sequence) {
            e->action = EV_UNCHANGED;
        } else {
            e->action = EV_UPDATE;
            old->date = n->date;
            old->time = n->time;
            old->end = n->end;
            old->status = n->status;
            old->private_ = n->private_;
            if ((rc = set_str(&old->location, n->location)) ||
                (rc = set_str(&old->title, n->title)) || (rc = set_str(&old->reason, n->reason)))
                break;
            int seq = old->sequence + (timing ? 1 : 0);
            old->sequence = n->sequence > seq ? n->sequence : seq;
            govern_buf_clear(&text);
            if ((rc = govern_meeting_serialize(&text, old)) ||
                (rc = govern_change_put(chg, old->path, text.ptr, text.len)))
                break;
        }
        im->counts[e->action]++;
    }
    /* then the new ones, in date order, through the operation of `meeting new` */
    if (!rc)
        rc = create_new(im, order, made, &n_made, pend, n_mine, chg, head);
    if (rc || (!im->counts[EV_CREATE] && !im->counts[EV_UPDATE]))
        goto out;
    const char *base = strrchr(im->file, '/');
    base = base ? base + 1 : im->file;
    rc = govern_buf_printf(&msg,
                           "Import %s meetings from %s\n\n%zu created, %zu updated, %zu "
                           "unchanged, %zu stale, %zu held (left alone).\n",
                           im->committee_name, base, im->counts[EV_CREATE], im->counts[EV_UPDATE],
                           im->counts[EV_UNCHANGED], im->counts[EV_STALE], im->counts[EV_HELD]);
    for (size_t i = 0; i < im->n_ev && !rc; i++)
        if (order[i]->action == EV_CREATE || order[i]->action == EV_UPDATE)
            rc = govern_buf_printf(&msg, "\n%s %s uid %s", action_names[order[i]->action],
                                   order[i]->id, order[i]->m.uid);
    if (!rc)
        rc = govern_change_message(chg, "%s", msg.ptr);
out:
    for (size_t i = 0; i < n_made; i++)
        govern_meeting_free(made[i]);
    free(made);
    free(pend);
    free(order);
    govern_buf_free(&text);
    govern_buf_free(&msg);
    govern_meeting_list_free(&all);
    return rc;
}

/* Dry run: the same decisions against the read view, without writing. */
static int plan_only(struct import *im, struct govern_snapshot *snap)
{
    struct govern_meeting_list all = {0};
    int rc = govern_meeting_list_load(&all, snap, NULL);
    memset(im->counts, 0, sizeof(im->counts));
    for (size_t i = 0; i < im->n_ev && !rc; i++) {
        struct event *e = &im->ev[i];
        const struct govern_meeting *old = NULL;
        for (size_t k = 0; k < all.count && !old; k++)
            if (!strcmp(all.items[k]->uid, e->m.uid))
                old = all.items[k];
        e->action = EV_CREATE;
        if (old && strcmp(old->committee, im->slug)) {
            rc = govern_error_set(GOVERN_EINVAL,
                                  "%s:%d: UID %s belongs to meeting %s of another committee",
                                  im->file, e->line, e->m.uid, old->id);
            break;
        }
        if (old) {
            const struct govern_meeting *n = &e->m;
            bool same = old->date == n->date && old->time == n->time && old->end == n->end &&
                        old->status == n->status && same_str(old->location, n->location) &&
                        same_str(old->title, n->title) && same_str(old->reason, n->reason) &&
                        old->private_ == n->private_ && n->sequence == old->sequence;
            e->action = old->status == GOVERN_STATUS_HELD ? EV_HELD
                        : n->sequence < old->sequence     ? EV_STALE
                        : same                            ? EV_UNCHANGED
                                                          : EV_UPDATE;
            if (!(e->id = strdup(old->id)))
                rc = govern_oom();
        }
        im->counts[e->action]++;
    }
    govern_meeting_list_free(&all);
    return rc;
}

static int report(struct import *im, const char *commit)
{
    struct govern_buf *out = im->inv->out;
    int rc = 0;
    for (size_t i = 0; i < im->n_ev && !rc; i++) {
        const struct event *e = &im->ev[i];
        char d[11];
        govern_date_format(d, e->m.date);
        const char *what = action_names[e->action];
        if (im->dry_run && e->action == EV_CREATE)
            what = "create";
        else if (im->dry_run && e->action == EV_UPDATE)
            what = "update";
        rc = govern_buf_printf(out, "%-9s %s %s", what, e->id ? e->id : d, e->m.uid);
        if (!rc && e->action == EV_STALE)
            rc = govern_buf_printf(out, " (SEQUENCE %d < %d)", e->m.sequence, e->old_sequence);
        if (!rc)
            rc = govern_buf_putc(out, '\n');
    }
    if (!rc && commit && *commit)
        rc = govern_buf_printf(out, "%zu created, %zu updated in commit %.12s\n",
                               im->counts[EV_CREATE], im->counts[EV_UPDATE], commit);
    else if (!rc && !im->dry_run)
        rc = govern_buf_puts(out, "nothing to change\n");
    return rc;
}

int ical_import_run(struct govern_invocation *inv, struct govern_args *args)
{
    struct govern_args a = *args; /* the CLI frees it; positional[0] is "import" */
    int rc = 0;
    struct import im;
    memset(&im, 0, sizeof(im));
    im.inv = inv;
    im.dry_run = govern_args_flag(&a, "dry-run");
    im.slug = govern_args_get(&a, "committee");
    struct govern_config *cfg = NULL;
    struct govern_committee *c = NULL;
    if ((rc = govern_args_positional(&a, 2, 2, USAGE)))
        goto out;
    im.file = a.positional.items[1];
    if (!im.slug) {
        rc = govern_error_set(GOVERN_EUSAGE, "--committee SLUG is required; usage: %s", USAGE);
        goto out;
    }
    if ((rc = govern_slug_check(im.slug)) || (rc = govern_config_load(&cfg, inv->snap)) ||
        (rc = govern_committee_load(&c, inv->snap, im.slug)))
        goto out;
    snprintf(im.committee_name, sizeof(im.committee_name), "%s", c->name);
    if ((rc = parse_file(&im, cfg)))
        goto out;
    if (im.dry_run) {
        if (!(rc = plan_only(&im, inv->snap)))
            rc = report(&im, NULL);
        goto out;
    }
    struct govern_commit_info info;
    if (!(rc = govern_store_transact(&info, inv->store, import_fn, &im)))
        rc = report(&im, info.id);
out:
    govern_committee_free(c);
    govern_config_free(cfg);
    import_clear(&im);
    return rc;
}
