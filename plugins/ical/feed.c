/*
 * The feed writer: one RFC 5545 VCALENDAR per call, written line by line.
 *
 * Every TEXT value is escaped here and every line is folded here, at 75
 * octets and never inside a UTF-8 sequence, with CRLF ends: a feed is only
 * as good as its worst line (Google drops a whole feed for one bad fold),
 * and libical 3.0.16 leaves ',' and ';' unescaped in X- properties
 * (X-WR-CALNAME carries committee names).  The feed used to be built as a
 * libical component tree and serialized by our own writer; writing the
 * same lines directly gives the same bytes (tests/ical/golden) without a
 * tree of 5,000 events, and lets the caller stream them to a file.  libical
 * still converts times for stores outside Europe/London (written in UTC).
 *
 * The output depends only on the store's state: DTSTAMP and LAST-MODIFIED are
 * the time of the last commit that changed the meeting's directory (HEAD's
 * when it has none yet; stamps.c), events are sorted by date then id, and the
 * time zone is our own compact Europe/London VTIMEZONE (not libical's
 * tzdata-dependent /freeassociation.sourceforge.net/ one).
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ical.h"

#define ICAL_PRODID "-//govern//govern calendar//EN"
#define LONDON "Europe/London"

/* The current rules of Europe/London (since 1996): BST from 01:00 UTC on the
 * last Sunday of March to 01:00 UTC on the last Sunday of October (RRULE
 * parts in the order libical wrote them when it serialized this zone). */
static const char london_vtimezone[] = "BEGIN:VTIMEZONE\r\n"
                                       "TZID:Europe/London\r\n"
                                       "BEGIN:DAYLIGHT\r\n"
                                       "TZOFFSETFROM:+0000\r\n"
                                       "TZOFFSETTO:+0100\r\n"
                                       "TZNAME:BST\r\n"
                                       "DTSTART:19700329T010000\r\n"
                                       "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
                                       "END:DAYLIGHT\r\n"
                                       "BEGIN:STANDARD\r\n"
                                       "TZOFFSETFROM:+0100\r\n"
                                       "TZOFFSETTO:+0000\r\n"
                                       "TZNAME:GMT\r\n"
                                       "DTSTART:19701025T020000\r\n"
                                       "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
                                       "END:STANDARD\r\n"
                                       "END:VTIMEZONE\r\n";

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
        return govern_oom();
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
    const char *run = s; /* the bytes copied as they are since the last special one */
    for (const char *p = s; *p && !rc; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '\\' && c != ';' && c != ',' && c != 0x7f)
            continue;
        if (c == '\t')
            continue;
        rc = govern_buf_put(out, run, (size_t)(p - run));
        run = p + 1;
        switch (c) {
        case '\\':
        case ';':
        case ',':
            if (!rc && !(rc = govern_buf_putc(out, '\\')))
                rc = govern_buf_putc(out, (char)c);
            break;
        case '\n':
            if (!rc)
                rc = govern_buf_put(out, "\\n", 2);
            break;
        case '\r':
            if (!rc && p[1] != '\n')
                rc = govern_buf_put(out, "\\n", 2);
            break;
        default:
            break; /* other controls are not allowed in TEXT (HTAB is) */
        }
    }
    if (!rc)
        rc = govern_buf_puts(out, run);
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

/* v in decimal, zero-padded to width digits (printf's "%0*lu" without printf,
 * which was a good part of writing 5,000 events). */
static int put_uint(struct govern_buf *b, unsigned long v, int width)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[sizeof(tmp) - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v && n < (int)sizeof(tmp));
    while (n < width && n < (int)sizeof(tmp))
        tmp[sizeof(tmp) - 1 - n++] = '0';
    return govern_buf_put(b, tmp + sizeof(tmp) - n, (size_t)n);
}

/* "YYYYMMDD", "YYYYMMDDTHHMMSS" (local, with TZID) or "...Z" (UTC). */
static int put_date(struct govern_buf *b, govern_date d)
{
    int y, mo, da;
    govern_date_to_ymd(d, &y, &mo, &da);
    if (y < 0 || y > 9999)
        return govern_buf_printf(b, "%04d%02d%02d", y, mo, da);
    int rc = put_uint(b, (unsigned long)y, 4);
    if (!rc)
        rc = put_uint(b, (unsigned long)mo, 2);
    return rc ? rc : put_uint(b, (unsigned long)da, 2);
}

static int put_utc(struct govern_buf *b, int64_t t)
{
    int64_t days = t / 86400, secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    int rc = put_date(b, (govern_date)days);
    if (!rc)
        rc = govern_buf_putc(b, 'T');
    if (!rc)
        rc = put_uint(b, (unsigned long)(secs / 3600), 2);
    if (!rc)
        rc = put_uint(b, (unsigned long)(secs / 60 % 60), 2);
    if (!rc)
        rc = put_uint(b, (unsigned long)(secs % 60), 2);
    return rc ? rc : govern_buf_putc(b, 'Z');
}

/* DTSTART or DTEND (name) of day d at minute m of local time: a DATE when
 * m is GOVERN_TIME_NONE, a local time with TZID=Europe/London when zone is
 * NULL, otherwise the UTC time of that wall time in zone. */
static int put_when(struct govern_buf *out, const char *name, govern_date d, int m,
                    icaltimezone *zone)
{
    struct govern_buf *b = out;
    int rc;
    if (m == GOVERN_TIME_NONE) {
        if (!(rc = govern_buf_printf(b, "%s;VALUE=DATE:", name)))
            rc = put_date(b, d);
        return rc ? rc : govern_buf_puts(b, "\r\n");
    }
    d += m / 1440; /* an end after midnight */
    m %= 1440;
    if (!zone) {
        if (!(rc = govern_buf_puts(b, name)) && !(rc = govern_buf_puts(b, ";TZID=" LONDON ":")) &&
            !(rc = put_date(b, d)) && !(rc = govern_buf_putc(b, 'T')) &&
            !(rc = put_uint(b, (unsigned long)(m / 60), 2)) &&
            !(rc = put_uint(b, (unsigned long)(m % 60), 2)))
            rc = govern_buf_put(b, "00\r\n", 4);
        return rc;
    }
    struct icaltimetype t = icaltime_null_time();
    int y, mo, da;
    govern_date_to_ymd(d, &y, &mo, &da);
    t.year = y;
    t.month = mo;
    t.day = da;
    t.hour = m / 60;
    t.minute = m % 60;
    t.zone = zone;
    struct icaltimetype u = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
    return govern_buf_printf(b, "%s:%04d%02d%02dT%02d%02d%02dZ\r\n", name, u.year, u.month, u.day,
                             u.hour, u.minute, u.second);
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
    /* agenda is the public view's: NULL while a draft */
    if (!agenda || !agenda->n_items)
        return govern_buf_puts(d, "The agenda has not been published yet.");
    /* each item by its title, and an exempt one by its paragraph: what the
     * public view keeps of it */
    rc = govern_buf_puts(d, "Agenda:");
    for (size_t i = 0; i < agenda->n_items && !rc; i++) {
        const struct govern_agenda_item *it = &agenda->items[i];
        if (!(rc = govern_buf_putc(d, '\n')) && !(rc = put_uint(d, i + 1, 1)) &&
            !(rc = govern_buf_put(d, ". ", 2)))
            rc = govern_buf_puts(d, it->title);
        if (!rc && it->exempt > 0)
            rc = govern_buf_printf(d,
                                   " (exempt: Schedule 12A paragraph %d, not for "
                                   "publication)",
                                   it->exempt);
        else if (!rc && it->exempt)
            rc = govern_buf_puts(d, " (not for publication)");
    }
    return rc;
}

/* One content line "name:value", the value escaped as TEXT when text is
 * true (else written as is: a URI), folded.  line is scratch space. */
static int put_line(struct govern_buf *out, struct govern_buf *line, const char *name,
                    const char *value, bool text)
{
    govern_buf_clear(line);
    int rc = govern_buf_puts(line, name);
    if (!rc)
        rc = govern_buf_putc(line, ':');
    if (!rc)
        rc = text ? ical_escape_text(line, value) : govern_buf_puts(line, value);
    if (!rc)
        rc = ical_fold_line(out, line->ptr, line->len);
    return rc;
}

/* One VEVENT, written straight into out (the bytes libical's component
 * tree gave through write_component before; tests/ical/golden). */
static int write_event(struct govern_buf *out, struct govern_buf *line, struct govern_buf *s,
                       struct ical_ctx *ctx, size_t i, icaltimezone *zone)
{
    const struct govern_model *mod = ctx->model;
    const struct govern_meeting *m = mod->meetings[i];
    const struct govern_committee *c = govern_model_committee(mod, m->committee);
    int64_t stamp = 0;
    int rc = meeting_stamp(&stamp, ctx, i);
    if (!rc)
        rc = govern_buf_puts(out, "BEGIN:VEVENT\r\n");
    if (!rc)
        rc = put_line(out, line, "UID", m->uid, true);
    if (!rc && !(rc = govern_buf_puts(out, "DTSTAMP:")) && !(rc = put_utc(out, stamp)))
        rc = govern_buf_puts(out, "\r\n");
    if (!rc)
        rc = put_when(out, "DTSTART", m->date, m->time, zone);
    if (!rc) {
        if (m->time == GOVERN_TIME_NONE)
            rc = put_when(out, "DTEND", m->date + 1, GOVERN_TIME_NONE, zone);
        else if (m->end != GOVERN_TIME_NONE && m->end > m->time)
            rc = put_when(out, "DTEND", m->date, m->end, zone);
        else
            rc = put_when(out, "DTEND", m->date, m->time + ICAL_DEFAULT_MINUTES, zone);
    }
    if (!rc) {
        govern_buf_clear(s);
        rc = govern_buf_puts(s, c ? c->name : m->committee);
        if (!rc && m->title)
            rc = govern_buf_printf(s, ": %s", m->title);
        if (!rc)
            rc = put_line(out, line, "SUMMARY", s->ptr, true);
    }
    if (!rc && m->location)
        rc = put_line(out, line, "LOCATION", m->location, true);
    if (!rc) {
        govern_buf_clear(s);
        rc = describe(s, m, mod->agendas ? mod->agendas[i] : NULL);
        if (!rc)
            rc = put_line(out, line, "DESCRIPTION", s->ptr ? s->ptr : "", true);
    }
    const char *base = ctx->base_url ? ctx->base_url : mod->config->base_url;
    if (!rc && base && *base) {
        size_t n = strlen(base);
        while (n && base[n - 1] == '/')
            n--;
        govern_buf_clear(s);
        rc = govern_buf_printf(s, "%.*s/%s/", (int)n, base, m->id);
        if (!rc)
            rc = put_line(out, line, "URL", s->ptr, false);
    }
    if (!rc)
        rc = govern_buf_puts(out, m->status == GOVERN_STATUS_CANCELLED   ? "STATUS:CANCELLED\r\n"
                                  : m->status == GOVERN_STATUS_POSTPONED ? "STATUS:TENTATIVE\r\n"
                                                                         : "STATUS:CONFIRMED\r\n");
    if (!rc && m->sequence < 0)
        rc = govern_buf_printf(out, "SEQUENCE:%d", m->sequence);
    else if (!rc && !(rc = govern_buf_puts(out, "SEQUENCE:")))
        rc = put_uint(out, (unsigned long)m->sequence, 1);
    if (!rc)
        rc = govern_buf_puts(out, "\r\nLAST-MODIFIED:");
    if (!rc && !(rc = put_utc(out, stamp)))
        rc = govern_buf_puts(out, "\r\nEND:VEVENT\r\n");
    return rc;
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
        return govern_oom();
    if (n)
        memcpy(order, idx, n * sizeof(*order));
    sort_model = ctx->model;
    qsort(order, n, sizeof(*order), by_date_id);

    struct govern_buf line = GOVERN_BUF_INIT, s = GOVERN_BUF_INIT;
    int rc = govern_buf_puts(out, "BEGIN:VCALENDAR\r\n"
                                  "PRODID:" ICAL_PRODID "\r\n"
                                  "VERSION:2.0\r\n"
                                  "CALSCALE:GREGORIAN\r\n"
                                  "METHOD:PUBLISH\r\n");
    if (!rc)
        rc = put_line(out, &line, "NAME", name, true);
    if (!rc)
        rc = put_line(out, &line, "X-WR-CALNAME", name, true);
    if (!rc)
        rc = put_line(out, &line, "X-WR-TIMEZONE", cfg->timezone, true);
    if (!rc)
        rc = govern_buf_puts(out, "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"
                                  "X-PUBLISHED-TTL:PT1H\r\n");
    if (!rc && london)
        rc = govern_buf_puts(out, london_vtimezone);
    for (size_t i = 0; i < n && !rc; i++)
        rc = write_event(out, &line, &s, ctx, order[i], zone);
    if (!rc)
        rc = govern_buf_puts(out, "END:VCALENDAR\r\n");
    govern_buf_free(&line);
    govern_buf_free(&s);
    free(order);
    return rc;
}
