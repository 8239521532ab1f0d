/*
 * The arithmetic of reporting cycles over the loaded model: the due date of
 * each period (a fixed day, or the first meeting of a body in a month with
 * the first of the month as the fallback), the window of dates whose nearest
 * due date is a period's (which decides both which period an agenda item
 * marked `fulfils: CYCLE` counts for and when an unfulfilled period is
 * missed), the fulfilling and planned items, and the status.  Pure functions
 * of (cycle, model, date): status, upcoming, check and a report drafter all
 * read the same facts from here.
 */
#include <stdlib.h>
#include <string.h>
#include "cycles.h"

const char *cycle_state_name(enum cycle_state s)
{
    switch (s) {
    case CYCLE_NOT_DUE:
        return "not yet due";
    case CYCLE_DUE_SOON:
        return "due soon";
    case CYCLE_OVERDUE:
        return "overdue";
    case CYCLE_MISSED:
        return "missed";
    case CYCLE_ON_TIME:
        return "on time";
    case CYCLE_LATE:
        return "fulfilled late";
    }
    return "?";
}

const char *cycle_due_source_name(enum cycle_due_source s)
{
    switch (s) {
    case CYCLE_DUE_MEETING:
        return "meeting";
    case CYCLE_DUE_FALLBACK:
        return "fallback";
    default:
        return "fixed";
    }
}

static bool counts(const struct govern_meeting *mt)
{
    return mt->status == GOVERN_STATUS_SCHEDULED || mt->status == GOVERN_STATUS_HELD;
}

void cycle_due_date(govern_date *due, enum cycle_due_source *src, long *meeting,
                    const struct cycle *c, const struct govern_model *m, int serial)
{
    int per = (int)c->kind, step = 12 / per;
    int year = serial / per, idx = serial % per;
    int month = (c->due.month - 1) % step + 1 + idx * step;
    *meeting = -1;
    if (!c->due.body) {
        int dim = govern_date_days_in_month(year, month);
        govern_date_from_ymd(due, year, month, c->due.day < dim ? c->due.day : dim);
        *src = CYCLE_DUE_FIXED;
        return;
    }
    govern_date first, last;
    govern_date_from_ymd(&first, year, month, 1);
    govern_date_from_ymd(&last, year, month, govern_date_days_in_month(year, month));
    size_t lo = 0, hi = 0;
    if (m)
        govern_model_meeting_range(&lo, &hi, m, first, last);
    for (size_t i = lo; i < hi; i++) {
        const struct govern_meeting *mt = m->meetings[i];
        if (mt->date >= first && mt->date <= last && counts(mt) &&
            !strcmp(mt->committee, c->due.body)) {
            *due = mt->date;
            *src = CYCLE_DUE_MEETING;
            *meeting = (long)i;
            return;
        }
    }
    *due = first;
    *src = CYCLE_DUE_FALLBACK;
}

static govern_date due_of(const struct cycle *c, const struct govern_model *m, int serial)
{
    govern_date d;
    enum cycle_due_source src;
    long mt;
    cycle_due_date(&d, &src, &mt, c, m, serial);
    return d;
}

static int floor_half(long v)
{
    return (int)(v >= 0 ? v / 2 : -((-v + 1) / 2));
}

/* First date counted for serial: the midpoint between the previous due date
 * and this one, rounded up (equal distance goes to the later period). */
static govern_date window_start(const struct cycle *c, const struct govern_model *m, int serial)
{
    long a = due_of(c, m, serial - 1), b = due_of(c, m, serial);
    return (govern_date)floor_half(a + b + 1);
}

int cycle_period_at(const struct cycle *c, const struct govern_model *m, govern_date d)
{
    int y, mo, day;
    govern_date_to_ymd(d, &y, &mo, &day);
    int per = (int)c->kind;
    int p = y * per + (mo - 1) / (12 / per);
    while (window_start(c, m, p + 1) <= d)
        p++;
    while (window_start(c, m, p) > d)
        p--;
    return p;
}

/* The period an item counts for, or -1 when it names another cycle. */
static int item_period(const struct cycle *c, const struct govern_model *m,
                       const struct govern_agenda_item *it, govern_date date, bool *explicit_)
{
    *explicit_ = false;
    if (!it->fulfils)
        return -1;
    if (!strcmp(it->fulfils, c->slug))
        return cycle_period_at(c, m, date);
    size_t n = strlen(c->slug);
    int serial;
    if (!strncmp(it->fulfils, c->slug, n) && it->fulfils[n] == '-' &&
        !cycle_period_parse(&serial, it->fulfils + n + 1, c->kind)) {
        *explicit_ = true;
        return serial;
    }
    govern_error_clear();
    return -1;
}

/* Item k of meeting i's agenda, if it fulfils the period (the first one
 * in model order held by then, or else planned, wins). */
static void consider(struct cycle_period *out, const struct cycle *c, const struct govern_model *m,
                     size_t i, size_t k, int serial, govern_date as_of)
{
    const struct govern_meeting *mt = m->meetings[i];
    bool ex;
    if (!counts(mt) || item_period(c, m, &m->agendas[i]->items[k], mt->date, &ex) != serial)
        return;
    struct cycle_item_ref *ref = mt->date <= as_of ? &out->fulfilled : &out->planned;
    if (ref->meeting < 0) {
        ref->meeting = (long)i;
        ref->item = k;
        ref->explicit_period = ex;
    }
}

void cycle_period_compute(struct cycle_period *out, const struct cycle *c,
                          const struct govern_model *m, int serial, govern_date as_of)
{
    memset(out, 0, sizeof(*out));
    out->serial = serial;
    cycle_period_label(out->label, serial, c->kind);
    cycle_due_date(&out->due, &out->due_source, &out->due_meeting, c, m, serial);
    out->start = window_start(c, m, serial);
    out->end = window_start(c, m, serial + 1) - 1;
    out->fulfilled.meeting = out->planned.meeting = -1;
    if (c->indexed) {
        for (size_t r = 0; r < c->n_refs; r++)
            consider(out, c, m, c->refs[r].meeting, c->refs[r].item, serial, as_of);
    } else {
        for (size_t i = 0; i < m->n_meetings; i++)
            for (size_t k = 0; m->agendas[i] && k < m->agendas[i]->n_items; k++)
                consider(out, c, m, i, k, serial, as_of);
    }
    if (out->fulfilled.meeting >= 0) {
        out->planned.meeting = -1;
        out->state =
            m->meetings[out->fulfilled.meeting]->date <= out->due ? CYCLE_ON_TIME : CYCLE_LATE;
    } else if (as_of > out->end) {
        out->state = CYCLE_MISSED;
    } else if (as_of > out->due) {
        out->state = CYCLE_OVERDUE;
    } else if (out->due - as_of <= CYCLES_DUE_SOON_DAYS) {
        out->state = CYCLE_DUE_SOON;
    } else {
        out->state = CYCLE_NOT_DUE;
    }
}

int cycle_current_period(const struct cycle *c, const struct govern_model *m, govern_date as_of)
{
    int p = cycle_period_at(c, m, as_of);
    if (c->until >= 0 && p > c->until)
        p = c->until;
    if (c->since >= 0 && p < c->since)
        p = c->since;
    return p;
}

/* first, or the period item k of meeting i's agenda fulfils if earlier. */
static int earlier(const struct cycle *c, const struct govern_model *m, size_t i, size_t k,
                   int first)
{
    bool ex;
    if (!counts(m->meetings[i]))
        return first;
    int p = item_period(c, m, &m->agendas[i]->items[k], m->meetings[i]->date, &ex);
    return p >= 0 && p < first ? p : first;
}

int cycle_first_period(const struct cycle *c, const struct govern_model *m, govern_date as_of)
{
    if (c->since >= 0)
        return c->since;
    int first = cycle_current_period(c, m, as_of);
    for (size_t i = 0; !c->indexed && i < m->n_meetings; i++)
        for (size_t k = 0; m->agendas[i] && k < m->agendas[i]->n_items; k++)
            first = earlier(c, m, i, k, first);
    for (size_t r = 0; c->indexed && r < c->n_refs; r++)
        first = earlier(c, m, c->refs[r].meeting, c->refs[r].item, first);
    return first;
}

void cycle_resolve_fulfils(const struct cycle **cycle, int *serial, const struct cycle_list *l,
                           const char *fulfils)
{
    *cycle = NULL;
    *serial = -1;
    if (!fulfils)
        return;
    if ((*cycle = cycle_list_find(l, fulfils)))
        return;
    for (size_t i = 0; i < l->count; i++) {
        const struct cycle *c = l->items[i];
        size_t n = strlen(c->slug);
        if (!strncmp(fulfils, c->slug, n) && fulfils[n] == '-' &&
            !cycle_period_parse(serial, fulfils + n + 1, c->kind)) {
            *cycle = c;
            return;
        }
    }
    govern_error_clear();
    *serial = -1;
}

/* The first day of the reporting year that holds d. */
static govern_date year_start_of(const struct cycle *c, const struct govern_model *m, govern_date d)
{
    int y, mo, day;
    govern_date_to_ymd(d, &y, &mo, &day);
    govern_date out;
    if (!strcmp(c->reporting_year, "municipal"))
        return govern_config_year_start(m->config, d);
    if (!strcmp(c->reporting_year, "financial"))
        govern_date_from_ymd(&out, mo >= 4 ? y : y - 1, 4, 1);
    else
        govern_date_from_ymd(&out, y, 1, 1);
    return out;
}

void cycle_report_window(govern_date *start, govern_date *end, const struct cycle *c,
                         const struct govern_model *m, int serial)
{
    govern_date due = due_of(c, m, serial);
    if (!c->reporting_year) {
        *start = govern_date_add_months(due, -12 / (int)c->kind);
        *end = due - 1;
        return;
    }
    govern_date ys = year_start_of(c, m, due);
    *end = ys - 1;
    *start = year_start_of(c, m, ys - 1);
}
