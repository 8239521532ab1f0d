/*
 * The feed writer: one RFC 5545 VCALENDAR per call, built as a libical
 * component tree and written out by our own serializer.
 *
 * Why our own serializer: libical 3.0.16 leaves ',' and ';' unescaped in X-
 * properties (X-WR-CALNAME carries committee names) and folds in its own way;
 * a feed is only as good as its worst line (Google drops a whole feed for one
 * bad fold), so every TEXT value is escaped here and every line is folded
 * here, at 75 octets and never inside a UTF-8 sequence, with CRLF ends.
 * Non-text values (dates, durations, recurrence rules, status) are written by
 * libical.
 *
 * The output depends only on the store's state: DTSTAMP and LAST-MODIFIED are
 * the time of the last commit that changed the meeting's directory (HEAD's
 * when it has none yet), events are sorted by date then id, and the time zone
 * is our own compact Europe/London VTIMEZONE (not libical's tzdata-dependent
 * /freeassociation.sourceforge.net/ one).  Other zones are written in UTC.
 */
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include "ical.h"

#define ICAL_PRODID "-//govern//govern calendar//EN"
#define LONDON "Europe/London"

/* The current rules of Europe/London (since 1996): BST from 01:00 UTC on the
 * last Sunday of March to 01:00 UTC on the last Sunday of October. */
static const char london_vtimezone[] = "BEGIN:VTIMEZONE\r\n"
                                       "TZID:Europe/London\r\n"
                                       "BEGIN:DAYLIGHT\r\n"
                                       "TZOFFSETFROM:+0000\r\n"
                                       "TZOFFSETTO:+0100\r\n"
                                       "TZNAME:BST\r\n"
                                       "DTSTART:19700329T010000\r\n"
                                       "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                                       "END:DAYLIGHT\r\n"
                                       "BEGIN:STANDARD\r\n"
                                       "TZOFFSETFROM:+0100\r\n"
                                       "TZOFFSETTO:+0000\r\n"
                                       "TZNAME:GMT\r\n"
                                       "DTSTART:19701025T020000\r\n"
                                       "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
                                       "END:STANDARD\r\n"
                                       "END:VTIMEZONE\r\n";

static int oom(void)
{
    return govern_error_set(GOVERN_ENOMEM, "out of memory");
}

/* ------------------------------------------------------------ context */

int ical_ctx_init(struct ical_ctx *ctx, const struct govern_model *model,
                  struct govern_store *store, const char *rev)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->model = model;
    ctx->store = store;
    ctx->rev = rev;
    ctx->head_time = INT64_MIN;
    ctx->stamps = malloc((model->n_meetings ? model->n_meetings : 1) * sizeof(*ctx->stamps));
    if (!ctx->stamps)
        return oom();
    for (size_t i = 0; i < model->n_meetings; i++)
        ctx->stamps[i] = INT64_MIN;
    return 0;
}

void ical_ctx_clear(struct ical_ctx *ctx)
{
    free(ctx->stamps);
    ctx->stamps = NULL;
}

static int meeting_stamp(int64_t *out, struct ical_ctx *ctx, size_t i)
{
    if (ctx->head_time == INT64_MIN) {
        int rc = ical_load_stamps(ctx);
        if (rc)
            return rc;
    }
    *out = ctx->stamps[i];
    return 0;
}

/* ----------------------------------------------------------- writing */

int ical_escape_text(struct govern_buf *out, const char *s)
{
    int rc = 0;
    for (const char *p = s; *p && !rc; p++) {
        unsigned char c = (unsigned char)*p;
        switch (c) {
        case '\\':
            rc = govern_buf_puts(out, "\\\\");
            break;
        case ';':
            rc = govern_buf_puts(out, "\\;");
            break;
        case ',':
            rc = govern_buf_puts(out, "\\,");
            break;
        case '\n':
            rc = govern_buf_puts(out, "\\n");
            break;
        case '\r':
            if (p[1] != '\n')
                rc = govern_buf_puts(out, "\\n");
            break;
        default:
            /* other controls are not allowed in TEXT (HTAB is) */
            if ((c < 0x20 && c != '\t') || c == 0x7f)
                break;
            rc = govern_buf_putc(out, (char)c);
        }
    }
    return rc;
}

int ical_fold_line(struct govern_buf *out, const char *line, size_t len)
{
    size_t pos = 0, limit = 75; /* octets on this line, CRLF not counted */
    int rc = 0;
    while (!rc && len - pos > limit) {
        size_t cut = pos + limit;
        while (cut > pos && ((unsigned char)line[cut] & 0xC0) == 0x80)
            cut--; /* never split a UTF-8 sequence */
        if (cut == pos)
            cut = pos + limit; /* not UTF-8 at all: cannot happen with checked input */
        if (!(rc = govern_buf_put(out, line + pos, cut - pos)))
            rc = govern_buf_puts(out, "\r\n ");
        pos = cut;
        limit = 74; /* the leading space counts */
    }
    if (!rc)
        rc = govern_buf_put(out, line + pos, len - pos);
    if (!rc)
        rc = govern_buf_puts(out, "\r\n");
    return rc;
}

static int put_owned(struct govern_buf *b, char *s)
{
    if (!s)
        return oom();
    int rc = govern_buf_puts(b, s);
    free(s);
    return rc;
}

static int write_property(struct govern_buf *out, icalproperty *p)
{
    struct govern_buf line = GOVERN_BUF_INIT;
    int rc = govern_buf_puts(&line, icalproperty_get_property_name(p));
    for (icalparameter *par = icalproperty_get_first_parameter(p, ICAL_ANY_PARAMETER); par && !rc;
         par = icalproperty_get_next_parameter(p, ICAL_ANY_PARAMETER)) {
        if (!(rc = govern_buf_putc(&line, ';')))
            rc = put_owned(&line, icalparameter_as_ical_string_r(par));
    }
    if (!rc)
        rc = govern_buf_putc(&line, ':');
    icalvalue *v = icalproperty_get_value(p);
    if (!rc && v) {
        icalvalue_kind k = icalvalue_isa(v);
        if (k == ICAL_TEXT_VALUE)
            rc = ical_escape_text(&line, icalvalue_get_text(v));
        else if (k == ICAL_X_VALUE)
            rc = ical_escape_text(&line, icalvalue_get_x(v));
        else
            rc = put_owned(&line, icalvalue_as_ical_string_r(v));
    }
    if (!rc)
        rc = ical_fold_line(out, line.ptr, line.len);
    govern_buf_free(&line);
    return rc;
}

static int write_component(struct govern_buf *out, icalcomponent *c)
{
    const char *kind = icalcomponent_kind_to_string(icalcomponent_isa(c));
    int rc = govern_buf_printf(out, "BEGIN:%s\r\n", kind);
    for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p && !rc;
         p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY))
        rc = write_property(out, p);
    for (icalcomponent *s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s && !rc;
         s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        rc = write_component(out, s);
    if (!rc)
        rc = govern_buf_printf(out, "END:%s\r\n", kind);
    return rc;
}

/* ------------------------------------------------------------ events */

void ical_meeting_span(const struct govern_meeting *m, int64_t *start, int64_t *end)
{
    int64_t day = (int64_t)m->date * 1440;
    if (m->time == GOVERN_TIME_NONE) {
        *start = day;
        *end = day + 1440;
        return;
    }
    *start = day + m->time;
    *end = m->end != GOVERN_TIME_NONE && m->end > m->time ? day + m->end
                                                          : *start + ICAL_DEFAULT_MINUTES;
}

static struct icaltimetype local_time(govern_date d, govern_time t)
{
    struct icaltimetype it = icaltime_null_time();
    int y, mo, da;
    govern_date_to_ymd(d, &y, &mo, &da);
    it.year = y;
    it.month = mo;
    it.day = da;
    if (t == GOVERN_TIME_NONE) {
        it.is_date = 1;
    } else {
        it.hour = t / 60;
        it.minute = t % 60;
    }
    return it;
}

/* DTSTART or DTEND: a DATE, a local time with TZID=Europe/London, or UTC. */
static icalproperty *when_property(bool is_start, struct icaltimetype t, icaltimezone *zone)
{
    icalproperty *p;
    if (t.is_date) {
        p = is_start ? icalproperty_new_dtstart(t) : icalproperty_new_dtend(t);
        if (p)
            icalproperty_add_parameter(p, icalparameter_new_value(ICAL_VALUE_DATE));
        return p;
    }
    if (!zone) {
        p = is_start ? icalproperty_new_dtstart(t) : icalproperty_new_dtend(t);
        if (p)
            icalproperty_add_parameter(p, icalparameter_new_tzid(LONDON));
        return p;
    }
    t.zone = zone;
    struct icaltimetype u = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
    return is_start ? icalproperty_new_dtstart(u) : icalproperty_new_dtend(u);
}

static int describe(struct govern_buf *d, const struct govern_meeting *m,
                    const struct govern_agenda *agenda)
{
    int rc = 0;
    if (m->private_)
        return govern_buf_puts(d, "This meeting is held in private.");
    if (m->status == GOVERN_STATUS_CANCELLED || m->status == GOVERN_STATUS_POSTPONED) {
        rc = govern_buf_printf(d, "%s%s%s\n\n",
                               m->status == GOVERN_STATUS_CANCELLED ? "Cancelled" : "Postponed",
                               m->reason ? ": " : ".", m->reason ? m->reason : "");
    }
    if (rc)
        return rc;
    if (!agenda || agenda->published == GOVERN_DATE_NONE || !agenda->n_items)
        return govern_buf_puts(d, "The agenda has not been published yet.");
    struct govern_agenda *pub = NULL;
    if ((rc = govern_agenda_public(&pub, agenda)))
        return rc;
    rc = govern_buf_puts(d, "Agenda:");
    for (size_t i = 0; i < pub->n_items && !rc; i++) {
        const struct govern_agenda_item *it = &pub->items[i];
        rc = govern_buf_printf(d, "\n%zu. %s", i + 1, it->title);
        if (!rc && it->exempt)
            rc = govern_buf_printf(d,
                                   " (exempt: Schedule 12A paragraph %d, not for "
                                   "publication)",
                                   it->exempt);
    }
    govern_agenda_free(pub);
    return rc;
}

static int add_text(icalcomponent *ev, icalproperty *p)
{
    if (!p)
        return oom();
    icalcomponent_add_property(ev, p);
    return 0;
}

static int make_event(icalcomponent **out, struct ical_ctx *ctx, size_t i, icaltimezone *zone)
{
    const struct govern_model *mod = ctx->model;
    const struct govern_meeting *m = mod->meetings[i];
    const struct govern_committee *c = govern_model_committee(mod, m->committee);
    struct govern_buf s = GOVERN_BUF_INIT;
    int64_t stamp;
    int rc = meeting_stamp(&stamp, ctx, i);
    if (rc)
        return rc;
    icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    if (!ev)
        return oom();
    icaltimezone *utc = icaltimezone_get_utc_timezone();
    struct icaltimetype ts = icaltime_from_timet_with_zone((time_t)stamp, 0, utc);
    struct icaltimetype start = local_time(m->date, m->time), end = start;
    if (m->time == GOVERN_TIME_NONE) {
        icaltime_adjust(&end, 1, 0, 0, 0);
    } else if (m->end != GOVERN_TIME_NONE && m->end > m->time) {
        end = local_time(m->date, m->end);
    } else {
        icaltime_adjust(&end, 0, 0, ICAL_DEFAULT_MINUTES, 0);
    }

    rc = add_text(ev, icalproperty_new_uid(m->uid));
    if (!rc)
        rc = add_text(ev, icalproperty_new_dtstamp(ts));
    if (!rc)
        rc = add_text(ev, when_property(true, start, zone));
    if (!rc)
        rc = add_text(ev, when_property(false, end, zone));
    if (!rc) {
        rc = govern_buf_puts(&s, c ? c->name : m->committee);
        if (!rc && m->title)
            rc = govern_buf_printf(&s, ": %s", m->title);
        if (!rc)
            rc = add_text(ev, icalproperty_new_summary(s.ptr));
    }
    if (!rc && m->location)
        rc = add_text(ev, icalproperty_new_location(m->location));
    if (!rc) {
        govern_buf_clear(&s);
        rc = describe(&s, m, mod->agendas ? mod->agendas[i] : NULL);
        if (!rc)
            rc = add_text(ev, icalproperty_new_description(s.ptr));
    }
    const char *base = mod->config->base_url;
    if (!rc && base && *base) {
        size_t n = strlen(base);
        while (n && base[n - 1] == '/')
            n--;
        govern_buf_clear(&s);
        rc = govern_buf_printf(&s, "%.*s/%s/", (int)n, base, m->id);
        if (!rc)
            rc = add_text(ev, icalproperty_new_url(s.ptr));
    }
    if (!rc) {
        enum icalproperty_status st = m->status == GOVERN_STATUS_CANCELLED ? ICAL_STATUS_CANCELLED
                                      : m->status == GOVERN_STATUS_POSTPONED
                                          ? ICAL_STATUS_TENTATIVE
                                          : ICAL_STATUS_CONFIRMED;
        rc = add_text(ev, icalproperty_new_status(st));
    }
    if (!rc)
        rc = add_text(ev, icalproperty_new_sequence(m->sequence));
    if (!rc)
        rc = add_text(ev, icalproperty_new_lastmodified(ts));
    govern_buf_free(&s);
    if (rc) {
        icalcomponent_free(ev);
        return rc;
    }
    *out = ev;
    return 0;
}

/* ---------------------------------------------------------- calendar */

static const struct govern_model *sort_model; /* qsort has no context argument */

static int by_date_id(const void *a, const void *b)
{
    const struct govern_meeting *x = sort_model->meetings[*(const size_t *)a];
    const struct govern_meeting *y = sort_model->meetings[*(const size_t *)b];
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return strcmp(x->id, y->id);
}

static icalproperty *x_property(const char *name, const char *value)
{
    icalproperty *p = icalproperty_new_x(value);
    if (p)
        icalproperty_set_x_name(p, name);
    return p;
}

int ical_feed_render(struct govern_buf *out, struct ical_ctx *ctx, const char *name,
                     const size_t *idx, size_t n)
{
    const struct govern_config *cfg = ctx->model->config;
    bool london = !strcmp(cfg->timezone, LONDON);
    icaltimezone *zone = NULL;
    if (!london && !(zone = icaltimezone_get_builtin_timezone(cfg->timezone)))
        return govern_error_set(GOVERN_EINVAL, "unknown time zone '%s'", cfg->timezone);
    size_t *order = malloc((n ? n : 1) * sizeof(*order));
    if (!order)
        return oom();
    if (n)
        memcpy(order, idx, n * sizeof(*order));
    sort_model = ctx->model;
    qsort(order, n, sizeof(*order), by_date_id);

    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    int rc = cal ? 0 : oom();
    icalproperty *refresh = NULL;
    if (!rc)
        rc = add_text(cal, icalproperty_new_prodid(ICAL_PRODID));
    if (!rc)
        rc = add_text(cal, icalproperty_new_version("2.0"));
    if (!rc)
        rc = add_text(cal, icalproperty_new_calscale("GREGORIAN"));
    if (!rc)
        rc = add_text(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    if (!rc)
        rc = add_text(cal, icalproperty_new_name(name));
    if (!rc)
        rc = add_text(cal, x_property("X-WR-CALNAME", name));
    if (!rc)
        rc = add_text(cal, x_property("X-WR-TIMEZONE", cfg->timezone));
    if (!rc) {
        refresh = icalproperty_new_refreshinterval(icaldurationtype_from_string("PT1H"));
        if (refresh)
            icalproperty_add_parameter(refresh, icalparameter_new_value(ICAL_VALUE_DURATION));
        rc = add_text(cal, refresh);
    }
    if (!rc)
        rc = add_text(cal, x_property("X-PUBLISHED-TTL", "PT1H"));
    if (!rc && london) {
        icalcomponent *tz = icalcomponent_new_from_string(london_vtimezone);
        if (!tz)
            rc = govern_error_set(GOVERN_EINVAL, "cannot build the Europe/London VTIMEZONE");
        else
            icalcomponent_add_component(cal, tz);
    }
    for (size_t i = 0; i < n && !rc; i++) {
        icalcomponent *ev = NULL;
        if (!(rc = make_event(&ev, ctx, order[i], zone)))
            icalcomponent_add_component(cal, ev);
    }
    if (!rc)
        rc = write_component(out, cal);
    if (cal)
        icalcomponent_free(cal);
    free(order);
    return rc;
}
