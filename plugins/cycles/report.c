/*
 * The report drafter of the cycles plugin (`govern cycle report`): a draft
 * in the structure of seed 001 (the annual report of the Hampshire Community
 * Safety Strategy Group to Cabinet) whose factual parts are counted from the
 * record of one period: the owning body's meetings (and its sub-committees'),
 * attendance from minutes.md, resolutions, the action register (read through
 * the core's govern/action.h), referrals and partner returns, beside the
 * previous period's figures.  Parts only the author can write are headings
 * with an instruction line.  Every counting rule is in docs/cycles.md.  The
 * draft is meant for publication: the model is the public view's and the
 * register its public form (plugin.c), so exempt minutes, exempt agenda
 * items and meetings held in private contribute their titles only, and
 * actions raised there their ids.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/action.h"
#include "govern/minutes.h"
#include "govern/priority.h"
#include "cycles.h"

/* ------------------------------------------------------------ output */

struct out {
    struct govern_buf *b;
    int rc;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
    if (o->rc)
        return;
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(ap2);
        o->rc = govern_error_set(GOVERN_EINVAL, "cannot format report text");
        return;
    }
    if ((o->rc = govern_buf_grow(o->b, (size_t)n + 1))) {
        va_end(ap2);
        return;
    }
    vsnprintf(o->b->ptr + o->b->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    o->b->len += (size_t)n;
}

/* Text from the record, escaped for Markdown, on one line. */
static void esc(struct out *o, const char *s)
{
    if (!o->rc)
        o->rc = govern_md_escape(o->b, s ? s : "");
}

static void author(struct out *o, const char *what)
{
    put(o, "*For the author: %s*\n\n", what);
}

static void date_iso(char out[11], govern_date d)
{
    if (d == GOVERN_DATE_NONE)
        snprintf(out, 11, "-");
    else
        govern_date_format(out, d);
}

/* "2/3 (67%)", rounded half up; "-" when nothing was expected. */
static void rate_text(char out[48], size_t num, size_t den)
{
    if (!den)
        snprintf(out, 48, "-");
    else
        snprintf(out, 48, "%zu/%zu (%zu%%)", num, den, (200 * num + den) / (2 * den));
}

/* ------------------------------------------------------------- facts */

struct idx_list {
    size_t *v;
    size_t n, cap;
};

static int idx_add(struct idx_list *l, size_t i)
{
    int rc = govern_array_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
    if (rc)
        return rc;
    l->v[l->n++] = i;
    return 0;
}

struct att_row {
    const char *name, *org;
    size_t expected, present, apologies, substituted;
};

struct sub_row {
    size_t meeting;
    const char *name, *for_;
};

struct facts {
    govern_date start, end;            /* the period's window, end cut at as_of */
    bool cut;                          /* end was cut at as_of */
    struct idx_list meetings, minuted; /* model indices: in the period; held with minutes */
    struct att_row *att;
    size_t n_att, cap_att;
    struct sub_row *subs;
    size_t n_subs, cap_subs;
    /* register indices */
    struct idx_list raised, completed, outstanding, overdue, referrals, returns;
    size_t held, cancelled, postponed, scheduled;
    size_t expected, present, apologies;
    size_t res_minutes, res_parts;
};

static void facts_free(struct facts *f)
{
    struct idx_list *ls[] = {&f->meetings,    &f->minuted, &f->raised,    &f->completed,
                             &f->outstanding, &f->overdue, &f->referrals, &f->returns};
    for (size_t i = 0; i < sizeof(ls) / sizeof(ls[0]); i++)
        free(ls[i]->v);
    free(f->att);
    free(f->subs);
    memset(f, 0, sizeof(*f));
}

struct ctx {
    const struct cycle *c;
    const struct govern_model *m;
    const struct govern_action_register *r;
    struct govern_strlist bodies; /* owner and its sub-committees (by parent), in that order */
    govern_date as_of;
};

static bool is_body(const struct ctx *x, const char *slug)
{
    for (size_t i = 0; slug && i < x->bodies.count; i++)
        if (!strcmp(x->bodies.items[i], slug))
            return true;
    return false;
}

/* The owner, then every committee whose parent is already in the list. */
static int collect_bodies(struct ctx *x)
{
    int rc = govern_strlist_add(&x->bodies, x->c->owner);
    for (size_t k = 0; !rc && k < x->bodies.count; k++)
        for (size_t i = 0; !rc && i < x->m->n_committees; i++) {
            const struct govern_committee *c = x->m->committees[i];
            if (c->parent && !strcmp(c->parent, x->bodies.items[k]) && !is_body(x, c->slug))
                rc = govern_strlist_add(&x->bodies, c->slug);
        }
    return rc;
}

static const char *committee_name(const struct govern_model *m, const char *slug)
{
    const struct govern_committee *c = govern_model_committee(m, slug);
    return c ? c->name : slug;
}

/* Is a minute withheld from the report?  m is the public view's model, in
 * which a minute's exempt already holds the union of its own flag and its
 * agenda item's (GOVERN_WITHHELD when undecidable); a private meeting's
 * minutes are withheld too.  *para: the Schedule 12A paragraph, or 0. */
static bool minute_withheld(const struct govern_model *m, size_t mi, int exempt, int *para)
{
    *para = exempt > 0 ? exempt : 0;
    return exempt != 0 || m->meetings[mi]->private_;
}

static bool person_in(const struct govern_people *p, const char *name)
{
    for (size_t i = 0; i < p->count; i++)
        if (!strcmp(p->items[i].name, name))
            return true;
    return false;
}

static bool substituted(const struct govern_people *p, const char *name)
{
    for (size_t i = 0; i < p->count; i++)
        if (p->items[i].substitute_for && !strcmp(p->items[i].substitute_for, name))
            return true;
    return false;
}

static bool member_counts(const struct govern_member *mb, govern_date d)
{
    return govern_member_active(mb, d) &&
           (mb->role == GOVERN_ROLE_CHAIR || mb->role == GOVERN_ROLE_VICE_CHAIR ||
            mb->role == GOVERN_ROLE_MEMBER || mb->role == GOVERN_ROLE_CO_OPTED);
}

static struct att_row *att_row(struct facts *f, const struct govern_member *mb)
{
    for (size_t i = 0; i < f->n_att; i++)
        if (!strcmp(f->att[i].name, mb->name))
            return &f->att[i];
    if (f->n_att == f->cap_att) {
        size_t cap = f->cap_att ? f->cap_att * 2 : 16;
        struct att_row *n = realloc(f->att, cap * sizeof(*n));
        if (!n)
            return NULL;
        f->att = n;
        f->cap_att = cap;
    }
    struct att_row *r = &f->att[f->n_att++];
    memset(r, 0, sizeof(*r));
    r->name = mb->name;
    r->org = mb->organisation;
    return r;
}

static int attendance(struct facts *f, const struct govern_model *m, size_t mi)
{
    const struct govern_minutes *mn = m->minutes[mi];
    const struct govern_meeting *mt = m->meetings[mi];
    const struct govern_committee *c = govern_model_committee(m, mt->committee);
    const struct govern_people *present = &mn->people[GOVERN_PRESENT];
    for (size_t i = 0; c && i < c->n_members; i++) {
        const struct govern_member *mb = &c->members[i];
        if (!member_counts(mb, mt->date))
            continue;
        struct att_row *r = att_row(f, mb);
        if (!r)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        r->expected++;
        f->expected++;
        if (person_in(present, mb->name)) {
            r->present++;
            f->present++;
        } else if (person_in(&mn->people[GOVERN_APOLOGIES], mb->name)) {
            r->apologies++;
            f->apologies++;
        }
        if (substituted(present, mb->name))
            r->substituted++;
    }
    for (size_t i = 0; i < present->count; i++) {
        if (!present->items[i].substitute_for)
            continue;
        if (f->n_subs == f->cap_subs) {
            size_t cap = f->cap_subs ? f->cap_subs * 2 : 8;
            struct sub_row *n = realloc(f->subs, cap * sizeof(*n));
            if (!n)
                return govern_error_set(GOVERN_ENOMEM, "out of memory");
            f->subs = n;
            f->cap_subs = cap;
        }
        f->subs[f->n_subs++] =
            (struct sub_row){mi, present->items[i].name, present->items[i].substitute_for};
    }
    return 0;
}

/* --- actions at a date: the register keeps the current state and a dated
 * log, so the state on a past day is replayed from the log --- */

/* The day an action was raised: its meeting's date, else its creation. */
static govern_date raised_on(const struct govern_model *m, const struct govern_action *a)
{
    long mi = a->meeting ? govern_model_meeting_index(m, a->meeting) : -1;
    return mi >= 0 ? m->meetings[mi]->date : a->created;
}

/* Had a been referred anywhere by day d? */
static bool referred_any(const struct govern_action *a, govern_date d)
{
    for (size_t i = 0; i < a->n_referred; i++)
        if (govern_action_referred_on(a, i, d))
            return true;
    return false;
}

/* Was a referred to one of the bodies by day d? */
static bool refers_to_body(const struct ctx *x, const struct govern_action *a, govern_date d)
{
    for (size_t i = 0; i < a->n_referred; i++)
        if (is_body(x, a->referred_to[i]) && govern_action_referred_on(a, i, d))
            return true;
    return false;
}

static bool outstanding_status(int st)
{
    return st == GOVERN_ACTION_OPEN || st == GOVERN_ACTION_IN_PROGRESS;
}

static int compute(struct facts *f, const struct ctx *x, int serial)
{
    const struct govern_model *m = x->m;
    int rc = 0;
    memset(f, 0, sizeof(*f));
    cycle_report_window(&f->start, &f->end, x->c, m, serial);
    if (x->as_of < f->end) {
        f->end = x->as_of;
        f->cut = true;
    }
    size_t lo, hi; /* the meetings of the period: two binary searches */
    govern_model_meeting_range(&lo, &hi, m, f->start, f->end);
    for (size_t i = lo; !rc && i < hi; i++) {
        const struct govern_meeting *mt = m->meetings[i];
        if (mt->date < f->start || mt->date > f->end || !is_body(x, mt->committee))
            continue;
        rc = idx_add(&f->meetings, i);
        switch (mt->status) {
        case GOVERN_STATUS_HELD:
            f->held++;
            break;
        case GOVERN_STATUS_CANCELLED:
            f->cancelled++;
            break;
        case GOVERN_STATUS_POSTPONED:
            f->postponed++;
            break;
        default:
            f->scheduled++;
        }
        if (rc || mt->status != GOVERN_STATUS_HELD || !m->minutes[i])
            continue;
        if ((rc = idx_add(&f->minuted, i)) || (rc = attendance(f, m, i)))
            break;
        const struct govern_minutes *mn = m->minutes[i];
        for (size_t k = 0; k < mn->n_items; k++) {
            int para;
            const struct govern_minute *it = &mn->items[k];
            if (!it->resolutions.count || minute_withheld(m, i, it->exempt, &para))
                continue;
            f->res_minutes++;
            f->res_parts += it->resolutions.count;
        }
    }
    for (size_t i = 0; !rc && x->r && i < x->r->count; i++) {
        const struct govern_action *a = &x->r->items[i];
        bool own = is_body(x, a->committee);
        if (!own && !refers_to_body(x, a, f->end))
            continue; /* before the meeting look-up: most of a large register */
        govern_date raised = raised_on(m, a);
        bool in_period = raised >= f->start && raised <= f->end;
        if (in_period &&
            ((own && referred_any(a, f->end)) || (!own && refers_to_body(x, a, f->end))))
            rc = idx_add(&f->referrals, i);
        if (!own || rc)
            continue;
        if (in_period && (rc = idx_add(&f->raised, i)))
            break;
        govern_date done = govern_action_done_on(a, f->end);
        if (done != GOVERN_DATE_NONE && done >= f->start && (rc = idx_add(&f->completed, i)))
            break;
        if (raised > f->end || !outstanding_status(govern_action_status_on(a, f->end)))
            continue;
        govern_date due = govern_action_due_on(a, f->end);
        if ((rc = idx_add(&f->outstanding, i)))
            break;
        if (due != GOVERN_DATE_NONE && due < f->end && (rc = idx_add(&f->overdue, i)))
            break;
        if (a->kind && !strcmp(a->kind, "return") && (due == GOVERN_DATE_NONE || due <= f->end))
            rc = idx_add(&f->returns, i);
    }
    return rc;
}

/* ----------------------------------------------------------- render */

static void period_range(char out[64], const struct facts *f)
{
    char a[11], b[11];
    date_iso(a, f->start);
    date_iso(b, f->end);
    snprintf(out, 64, "%s to %s", a, b);
}

/* The action's text, or a note when it was raised in a withheld minute. */
static void action_text(struct out *o, const struct govern_model *m, const struct govern_action *a)
{
    long mi = a->meeting ? govern_model_meeting_index(m, a->meeting) : -1;
    if (mi >= 0) {
        int n = a->minute ? atoi(a->minute) : 0, para = 0;
        bool withheld = m->meetings[mi]->private_;
        const struct govern_minutes *mn = m->minutes[mi];
        const struct govern_minute *it = mn && n > 0 ? govern_minutes_item(mn, n) : NULL;
        if (it && !withheld)
            withheld = minute_withheld(m, (size_t)mi, it->exempt, &para);
        if (withheld) {
            put(o, "(raised in an exempt minute%s%s: text not included)", a->minute ? " " : "",
                a->minute ? a->minute : "");
            return;
        }
    }
    esc(o, a->text);
}

enum action_cols { COL_DUE = 1, COL_STATUS = 2, COL_DONE = 4, COL_REFER = 8 };

static void action_table(struct out *o, const struct ctx *x, const struct facts *f,
                         const struct idx_list *l, unsigned cols, const char *none)
{
    if (!l->n) {
        put(o, "%s\n\n", none);
        return;
    }
    put(o, "| ID | Raised | Owner |%s%s%s%s Action |\n|---|---|---|%s%s%s%s---|\n",
        cols & COL_REFER ? " From | To |" : "", cols & COL_DUE ? " Due |" : "",
        cols & COL_DONE ? " Completed |" : "", cols & COL_STATUS ? " Status |" : "",
        cols & COL_REFER ? "---|---|" : "", cols & COL_DUE ? "---|" : "",
        cols & COL_DONE ? "---|" : "", cols & COL_STATUS ? "---|" : "");
    for (size_t k = 0; k < l->n; k++) {
        const struct govern_action *a = &x->r->items[l->v[k]];
        char raised[11], due[11], done[11];
        date_iso(raised, raised_on(x->m, a));
        date_iso(due, govern_action_due_on(a, f->end));
        date_iso(done, govern_action_done_on(a, f->end));
        put(o, "| %s | %s", a->id, raised);
        if (a->meeting) {
            put(o, " (");
            esc(o, a->meeting);
            if (a->minute)
                put(o, ", minute %s", a->minute);
            put(o, ")");
        }
        put(o, " | ");
        esc(o, a->owner);
        put(o, " |");
        if (cols & COL_REFER) {
            put(o, " ");
            esc(o, a->committee);
            put(o, " |");
            bool first = true;
            for (size_t i = 0; i < a->n_referred; i++) {
                if (!govern_action_referred_on(a, i, f->end))
                    continue;
                put(o, first ? " " : ", ");
                esc(o, a->referred_to[i]);
                first = false;
            }
            put(o, " |");
        }
        if (cols & COL_DUE)
            put(o, " %s |", due);
        if (cols & COL_DONE)
            put(o, " %s |", done);
        if (cols & COL_STATUS) {
            int st = govern_action_status_on(a, f->end);
            put(o, " %s |", st >= 0 ? govern_action_status_name(st) : "-");
        }
        put(o, " ");
        action_text(o, x->m, a);
        put(o, " |\n");
    }
    put(o, "\n");
}

static void meetings_section(struct out *o, const struct ctx *x, const struct facts *f)
{
    const struct govern_model *m = x->m;
    put(o, "### Meetings\n\n");
    put(o,
        "Meetings of %s in the period: %zu held, %zu cancelled, %zu postponed, %zu not recorded "
        "as held; minutes for %zu.\n\n",
        x->bodies.count > 1 ? "the body and its sub-committees" : "the body", f->held, f->cancelled,
        f->postponed, f->scheduled, f->minuted.n);
    put(o, "| Date | Meeting | Body | Status | Minutes | Note |\n|---|---|---|---|---|---|\n");
    for (size_t k = 0; k < f->meetings.n; k++) {
        size_t i = f->meetings.v[k];
        const struct govern_meeting *mt = m->meetings[i];
        const struct govern_minutes *mn = m->minutes[i];
        char d[11];
        date_iso(d, mt->date);
        put(o, "| %s | ", d);
        esc(o, mt->id);
        put(o, " | ");
        esc(o, committee_name(m, mt->committee));
        put(o, " | %s | %s | ", govern_meeting_status_name(mt->status),
            !mn                                     ? "none"
            : mn->status == GOVERN_MINUTES_APPROVED ? "approved"
                                                    : "draft");
        if (mt->status == GOVERN_STATUS_CANCELLED || mt->status == GOVERN_STATUS_POSTPONED) {
            if (mt->reason)
                esc(o, mt->reason);
            else
                put(o, "no reason recorded");
        } else if (mt->private_) {
            put(o, "held in private");
        }
        put(o, " |\n");
    }
    put(o, "\n");
}

static void attendance_section(struct out *o, const struct ctx *x, const struct facts *f)
{
    const struct govern_model *m = x->m;
    char rate[48];
    put(o, "### Attendance\n\n");
    if (!f->minuted.n) {
        put(o, "No minutes of a held meeting in the period: attendance is not recorded.\n\n");
        return;
    }
    rate_text(rate, f->present, f->expected);
    put(o,
        "From the minutes of the %zu held meetings with minutes. Members present: %s; "
        "apologies: %zu; substitutions: %zu.\n\n",
        f->minuted.n, rate, f->apologies, f->n_subs);
    put(o, "#### By member\n\n| Member | Organisation | Meetings | Present | Apologies | "
           "Substituted | Absent | Rate |\n|---|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < f->n_att; i++) {
        const struct att_row *r = &f->att[i];
        rate_text(rate, r->present, r->expected);
        put(o, "| ");
        esc(o, r->name);
        put(o, " | ");
        esc(o, r->org ? r->org : "-");
        put(o, " | %zu | %zu | %zu | %zu | %zu | %s |\n", r->expected, r->present, r->apologies,
            r->substituted, r->expected - r->present - r->apologies, rate);
    }
    put(o, "\n#### By organisation\n\n| Organisation | Members | Meetings | Present | Apologies | "
           "Rate |\n|---|---|---|---|---|---|\n");
    /* organisations in the order they first appear; members without one last */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < f->n_att; i++) {
            const char *org = f->att[i].org;
            if ((pass == 0) != (org != NULL))
                continue;
            bool seen = false;
            for (size_t j = 0; j < i && !seen; j++)
                seen = (org == NULL) == (f->att[j].org == NULL) &&
                       (!org || !strcmp(org, f->att[j].org));
            if (seen)
                continue;
            size_t n = 0, e = 0, p = 0, a = 0;
            for (size_t j = i; j < f->n_att; j++)
                if ((org == NULL) == (f->att[j].org == NULL) &&
                    (!org || !strcmp(org, f->att[j].org))) {
                    n++;
                    e += f->att[j].expected;
                    p += f->att[j].present;
                    a += f->att[j].apologies;
                }
            rate_text(rate, p, e);
            put(o, "| ");
            esc(o, org ? org : "(no organisation recorded)");
            put(o, " | %zu | %zu | %zu | %zu | %s |\n", n, e, p, a, rate);
        }
    put(o, "\n#### Substitutes\n\n");
    if (!f->n_subs) {
        put(o, "None.\n\n");
        return;
    }
    put(o, "| Meeting | Substitute | For |\n|---|---|---|\n");
    for (size_t i = 0; i < f->n_subs; i++) {
        put(o, "| ");
        esc(o, m->meetings[f->subs[i].meeting]->id);
        put(o, " | ");
        esc(o, f->subs[i].name);
        put(o, " | ");
        esc(o, f->subs[i].for_);
        put(o, " |\n");
    }
    put(o, "\n");
}

/* A resolution part: Markdown from the minutes, its later lines indented
 * under the list item. */
static void part_text(struct out *o, const char *s)
{
    for (const char *p = s; *p && !o->rc; p++) {
        if (*p == '\r')
            continue;
        if (!(o->rc = govern_buf_putc(o->b, *p)) && *p == '\n' && p[1])
            o->rc = govern_buf_puts(o->b, "   ");
    }
}

static int resolutions_section(struct out *o, const struct ctx *x, const struct facts *f)
{
    const struct govern_model *m = x->m;
    put(o, "### Resolutions\n\n");
    put(o, "%zu minute%s with resolutions, %zu resolved part%s in all.\n\n", f->res_minutes,
        f->res_minutes == 1 ? "" : "s", f->res_parts, f->res_parts == 1 ? "" : "s");
    size_t withheld = 0;
    for (size_t k = 0; k < f->minuted.n && !o->rc; k++) {
        size_t i = f->minuted.v[k];
        struct govern_minutes *pub = NULL;
        /* the public form first: exempt minutes lose text and resolutions */
        if ((o->rc = govern_minutes_public(&pub, m->minutes[i])))
            return o->rc;
        for (size_t n = 0; n < pub->n_items; n++) {
            const struct govern_minute *it = &pub->items[n];
            int para;
            if (minute_withheld(m, i, it->exempt, &para)) {
                withheld++;
                continue;
            }
            if (!it->resolutions.count)
                continue;
            put(o, "**%d/%02d ", it->number, pub->year % 100);
            esc(o, it->title);
            put(o, "** (");
            esc(o, m->meetings[i]->id);
            put(o, "): RESOLVED\n\n");
            for (size_t r = 0; r < it->resolutions.count; r++) {
                put(o, "%zu. ", r + 1);
                part_text(o, it->resolutions.items[r]);
                put(o, "\n");
            }
            put(o, "\n");
        }
        govern_minutes_free(pub);
    }
    if (withheld) {
        put(o, "Minutes not included (exempt information under Schedule 12A, or a meeting held in "
               "private):\n\n");
        for (size_t k = 0; k < f->minuted.n; k++) {
            size_t i = f->minuted.v[k];
            const struct govern_minutes *mn = m->minutes[i];
            for (size_t n = 0; n < mn->n_items; n++) {
                const struct govern_minute *it = &mn->items[n];
                int para;
                if (!minute_withheld(m, i, it->exempt, &para))
                    continue;
                put(o, "- %d/%02d ", it->number, mn->year % 100);
                esc(o, it->title);
                put(o, " (");
                esc(o, m->meetings[i]->id);
                if (para)
                    put(o, "; exempt, paragraph %d", para);
                else if (m->meetings[i]->private_)
                    put(o, "; held in private");
                else
                    put(o, "; not for publication");
                put(o, ")\n");
            }
        }
        put(o, "\n");
    }
    return o->rc;
}

static void trend_row(struct out *o, const char *label, size_t prev, size_t cur)
{
    put(o, "| %s | %zu | %zu |\n", label, prev, cur);
}

static void trend_section(struct out *o, const struct ctx *x, const struct facts *pf,
                          const struct facts *f, const char *prev_label, const char *label)
{
    char pr[64], cr[64], a[48], b[48];
    period_range(pr, pf);
    period_range(cr, f);
    put(o, "### This period beside the previous one\n\n");
    put(o, "| Figure | %s (%s) | %s (%s) |\n|---|---|---|\n", prev_label, pr, label, cr);
    trend_row(o, "Meetings held", pf->held, f->held);
    trend_row(o, "Meetings cancelled", pf->cancelled, f->cancelled);
    trend_row(o, "Held meetings with minutes", pf->minuted.n, f->minuted.n);
    rate_text(a, pf->present, pf->expected);
    rate_text(b, f->present, f->expected);
    put(o, "| Members present | %s | %s |\n", a, b);
    trend_row(o, "Apologies", pf->apologies, f->apologies);
    trend_row(o, "Substitutions", pf->n_subs, f->n_subs);
    trend_row(o, "Minutes with resolutions", pf->res_minutes, f->res_minutes);
    trend_row(o, "Resolved parts", pf->res_parts, f->res_parts);
    trend_row(o, "Actions raised", pf->raised.n, f->raised.n);
    trend_row(o, "Actions completed", pf->completed.n, f->completed.n);
    trend_row(o, "Actions outstanding at the end", pf->outstanding.n, f->outstanding.n);
    trend_row(o, "Actions overdue at the end", pf->overdue.n, f->overdue.n);
    trend_row(o, "Referrals between bodies", pf->referrals.n, f->referrals.n);
    trend_row(o, "Partner returns not received", pf->returns.n, f->returns.n);
    put(o,
        "\nThe previous period's figures are counted by the same rules; `govern cycle report %s "
        "--period %s` lists what they count.\n\n",
        x->c->slug, prev_label);
}

static void membership_section(struct out *o, const struct ctx *x, govern_date on)
{
    const struct govern_committee *c = govern_model_committee(x->m, x->c->owner);
    char d[40];
    govern_date_format_text(d, on);
    put(o, "## Membership of the ");
    esc(o, committee_name(x->m, x->c->owner));
    put(o, "\n\nMembers serving on %s, from the record:\n\n", d);
    put(o, "| Name | Role | Organisation |\n|---|---|---|\n");
    for (size_t i = 0; c && i < c->n_members; i++) {
        const struct govern_member *mb = &c->members[i];
        if (!govern_member_active(mb, on))
            continue;
        put(o, "| ");
        esc(o, mb->name);
        put(o, " | %s | ", govern_role_name(mb->role));
        esc(o, mb->organisation ? mb->organisation : "-");
        put(o, " |\n");
    }
    put(o, "\n");
    if (x->bodies.count > 1) {
        put(o, "Sub-committees whose meetings this report counts:");
        for (size_t i = 1; i < x->bodies.count; i++) {
            put(o, i > 1 ? "; " : " ");
            esc(o, committee_name(x->m, x->bodies.items[i]));
            put(o, " (%s)", x->bodies.items[i]);
        }
        put(o, ".\n\n");
    }
    author(o, "describe who chairs and attends the body and which partners it draws together, "
              "in prose, checking the table above.");
}

static const char *chair_of(const struct govern_model *m, const char *slug, govern_date on)
{
    const struct govern_committee *c = govern_model_committee(m, slug);
    for (size_t i = 0; c && i < c->n_members; i++)
        if (c->members[i].role == GOVERN_ROLE_CHAIR && govern_member_active(&c->members[i], on))
            return c->members[i].name;
    return NULL;
}

/* One priority: its title, co-sponsors, what it encompasses and the
 * quarterly reports received in the period. */
static void priority_item(struct out *o, const struct govern_priority *p, govern_date from,
                          govern_date to, const struct govern_model *m)
{
    put(o, "%d. **", p->number);
    esc(o, p->title);
    put(o, "**\n   Co-sponsors: ");
    for (size_t i = 0; i < p->n_co_sponsors; i++) {
        put(o, "%s", i ? "; " : "");
        esc(o, p->co_sponsors[i].name);
        if (p->co_sponsors[i].organisation) {
            put(o, " (");
            esc(o, p->co_sponsors[i].organisation);
            put(o, ")");
        }
    }
    put(o, "%s.\n", p->n_co_sponsors ? "" : "not recorded");
    if (p->focus.count)
        put(o, "   This priority encompasses:\n");
    for (size_t i = 0; i < p->focus.count; i++) {
        put(o, "   - ");
        esc(o, p->focus.items[i]);
        put(o, "\n");
    }
    bool any = false;
    for (size_t i = 0; i < p->n_reports; i++) {
        const struct govern_priority_report *r = &p->reports[i];
        long k = r->received ? govern_model_meeting_index(m, r->received) : -1;
        if (k < 0 || m->meetings[k]->date < from || m->meetings[k]->date > to)
            continue;
        char when[40];
        govern_date_format_text(when, m->meetings[k]->date);
        put(o, "%s%d-Q%d report received on %s (%s)",
            any ? "; " : "   Quarterly reports: ", r->year, r->quarter, when, r->received);
        any = true;
    }
    put(o, "%s\n", any ? ".\n" : "");
}

/* The priorities and key areas of focus of the owner's priority sets whose
 * period overlaps the report period's whole window p (priorities/, read
 * through the core's govern/priority.h; proposed priorities count, as in
 * seed 001, even when the draft is written before they are agreed); without
 * any, the sections are left for the author.  Reports received are those at
 * meetings within f's (possibly cut) period. */
static void priorities_section(struct out *o, const struct ctx *x,
                               const struct govern_priority_sets *sets, const struct facts *f,
                               const struct cycle_period *p, govern_date report_date)
{
    size_t shown = 0;
    put(o, "## Priorities and co-sponsors\n\n");
    for (size_t i = 0; sets && i < sets->count; i++) {
        const struct govern_priority_set *s = sets->items[i];
        if (strcmp(s->committee, x->c->owner) || s->to < p->start || s->from > p->end)
            continue;
        long k = s->agreed ? govern_model_meeting_index(x->m, s->agreed) : -1;
        char when[40] = "";
        if (k >= 0)
            govern_date_format_text(when, x->m->meetings[k]->date);
        put(o, "The strategic priorities for %s, from the record (%s)", s->period, s->path);
        if (k >= 0)
            put(o, ", %s at the meeting of %s (%s)",
                x->m->meetings[k]->date > report_date ? "due to be agreed" : "agreed", when,
                s->agreed);
        put(o, ". Each priority's co-sponsors report on it every quarter.\n\n");
        for (size_t j = 0; j < s->count; j++)
            priority_item(o, &s->items[j], f->start, f->end, x->m);
        shown++;
    }
    if (!shown)
        author(o, "list the body's strategic priorities and the co-sponsor responsible for each.");
    put(o, "## Key areas of focus\n\n");
    size_t areas = 0;
    for (size_t i = 0; sets && i < sets->count; i++) {
        const struct govern_priority_set *s = sets->items[i];
        if (strcmp(s->committee, x->c->owner) || s->to < p->start || s->from > p->end ||
            !s->areas.count)
            continue;
        put(o, "The key areas of focus recorded with the priorities for %s (%s):\n\n", s->period,
            s->path);
        for (size_t j = 0; j < s->areas.count; j++) {
            put(o, "- ");
            esc(o, s->areas.items[j]);
            put(o, "\n");
        }
        put(o, "\n");
        areas++;
    }
    if (!areas)
        author(o, "the areas of focus for continual development that underpin the priorities.");
}

/* The error when the period holds no meeting of the body: nothing to report. */
static int no_meetings_error(const struct ctx *x, const struct facts *f, const char *label)
{
    char range[64];
    period_range(range, f);
    return govern_error_set(
        GOVERN_ENOTFOUND, "cycle '%s' period %s: no meeting of %s%s from %s: nothing to report",
        x->c->slug, label, x->c->owner, x->bodies.count > 1 ? " or its sub-committees" : "", range);
}

/* The title, the draft's note and the cover table (decision maker, date,
 * title, who the report is from). */
static void cover(struct out *o, const struct ctx *x, const struct facts *f, const char *label,
                  const char *range, const char *when, bool at_meeting)
{
    const struct cycle *c = x->c;
    const struct govern_model *m = x->m;
    const char *owner_name = committee_name(m, c->owner), *chair = chair_of(m, c->owner, f->end);
    char today[11];
    date_iso(today, x->as_of);
    put(o, "# ");
    esc(o, c->name);
    put(o, ": %s\n\n", label);
    put(o,
        "> Draft for period %s (%s%s), drafted by govern from the record on %s. Figures "
        "are counted from the record; sections marked *For the author* are for the report's "
        "author to write before the report is published.\n\n",
        label, range, f->cut ? ", the period not over: the record up to that day" : "", today);
    put(o, "| | |\n|---|---|\n| Decision maker | ");
    esc(o, committee_name(m, c->to));
    put(o, " |\n| Date | %s%s |\n| Title | ", when,
        at_meeting ? "" : " (the due date of the period)");
    esc(o, owner_name);
    put(o, " |\n| Report from | ");
    if (chair) {
        esc(o, chair);
        put(o, " (chair of the ");
        esc(o, owner_name);
        put(o, ")");
    } else {
        put(o, "*For the author: the officer presenting the report*");
    }
    put(o, " |\n| Contact | *For the author: name, telephone and email* |\n\n");
}

/* Purpose, recommendation and the executive summary's counted sentence. */
static void summary_sections(struct out *o, const struct ctx *x, const struct facts *f,
                             const char *range)
{
    const char *owner_name = committee_name(x->m, x->c->owner);
    put(o, "## Purpose of this report\n\nThe purpose of this report is to provide an update on "
           "the work of the ");
    esc(o, owner_name);
    put(o, " from %s.\n\n", range);
    put(o, "## Recommendation\n\n");
    author(o, "the recommendation to the decision maker (for example, that it notes the "
              "progress of the body's work).");

    put(o, "## Executive summary\n\n");
    char rate[48];
    rate_text(rate, f->present, f->expected);
    put(o, "From %s the ", range);
    esc(o, owner_name);
    put(o, "%s held %zu meeting%s (%zu cancelled). ",
        x->bodies.count > 1 ? " and its sub-committees" : "", f->held, f->held == 1 ? "" : "s",
        f->cancelled);
    if (f->expected)
        put(o, "Members were present at %s of the meetings they were expected at. ", rate);
    else
        put(o, "No minutes record attendance. ");
    put(o,
        "%zu minute%s recorded resolutions. %zu action%s raised and "
        "%zu completed; at the end of the period %zu %s outstanding, %zu of them overdue.\n\n",
        f->res_minutes, f->res_minutes == 1 ? "" : "s", f->raised.n,
        f->raised.n == 1 ? " was" : "s were", f->completed.n, f->outstanding.n,
        f->outstanding.n == 1 ? "was" : "were", f->overdue.n);
    author(o, "summarise the progress of the body's work in the period.");
}

/* The actions, referrals and partner returns of the period, from the
 * register. */
static void actions_section(struct out *o, const struct ctx *x, const struct facts *f)
{
    char end[11];
    date_iso(end, f->end);
    put(o, "### Actions\n\n");
    put(o,
        "From the action register: actions raised by the body%s. Status and due dates "
        "as they stood on %s.\n\n",
        x->bodies.count > 1 ? " and its sub-committees" : "", end);
    put(o, "#### Raised in the period (%zu)\n\n", f->raised.n);
    action_table(o, x, f, &f->raised, COL_DUE | COL_STATUS, "None.");
    put(o, "#### Completed in the period (%zu)\n\n", f->completed.n);
    action_table(o, x, f, &f->completed, COL_DONE, "None.");
    put(o, "#### Outstanding at the end of the period (%zu)\n\n", f->outstanding.n);
    action_table(o, x, f, &f->outstanding, COL_DUE | COL_STATUS, "None.");
    put(o, "#### Overdue at the end of the period (%zu)\n\n", f->overdue.n);
    action_table(o, x, f, &f->overdue, COL_DUE | COL_STATUS, "None.");
    put(o, "### Referrals between bodies (%zu)\n\n", f->referrals.n);
    action_table(o, x, f, &f->referrals, COL_REFER, "None.");
    put(o, "### Partner returns not received (%zu)\n\n", f->returns.n);
    action_table(o, x, f, &f->returns, COL_DUE, "None.");
}

/* The closing sections only the author can write, and the one fact the
 * record gives them (the background documents). */
static void closing_sections(struct out *o)
{
    put(o, "## Required corporate and legal information\n\n");
    put(o, "### Links to the Strategic Plan\n\n");
    author(o, "say which aims of the Strategic Plan the report supports (yes or no for each).");
    put(o, "### Section 100D, Local Government Act 1972: background documents\n\n");
    put(o, "The agendas and minutes of the meetings listed under *Meetings* above (exempt "
           "documents excluded).\n\n");
    author(o, "add the other documents relied upon, with where they can be found.");
    put(o, "## Climate change impact assessment\n\n");
    author(o, "the assessment, or why none was undertaken.");
    put(o, "## Equalities impact assessment\n\n");
    author(o, "the equality duty and the assessment of this report's proposals.");
    put(o, "## Conclusion\n\n");
    author(o, "what the report demonstrates.");
}

int cycle_report_draft(struct govern_buf *out, const struct cycle *c, const struct govern_model *m,
                       const struct govern_action_register *r,
                       const struct govern_priority_sets *prio, int serial, govern_date as_of,
                       long meeting)
{
    struct ctx x = {c, m, r, GOVERN_STRLIST_INIT, as_of};
    struct facts f, pf;
    struct cycle_period p;
    struct out o = {out, 0};
    char label[16], prev_label[16], range[64], when[40];
    memset(&f, 0, sizeof(f));
    memset(&pf, 0, sizeof(pf));
    cycle_period_label(label, serial, c->kind);
    cycle_period_label(prev_label, serial - 1, c->kind);
    if ((o.rc = collect_bodies(&x)) || (o.rc = compute(&f, &x, serial)))
        goto done;
    if (!f.meetings.n) {
        o.rc = no_meetings_error(&x, &f, label);
        goto done;
    }
    if ((o.rc = compute(&pf, &x, serial - 1)))
        goto done;
    cycle_period_compute(&p, c, m, serial, as_of);
    period_range(range, &f);
    govern_date report_date = meeting >= 0 ? m->meetings[meeting]->date : p.due;
    govern_date_format_text(when, report_date);

    cover(&o, &x, &f, label, range, when, meeting >= 0);
    summary_sections(&o, &x, &f, range);

    put(&o, "## Contextual information\n\n");
    if (c->basis) {
        put(&o, "Basis of this report: ");
        esc(&o, c->basis);
        put(&o, ".\n\n");
    }
    author(&o, "when and why the body was established, how often it meets, and what it is "
               "required to do.");
    membership_section(&o, &x, f.end);
    priorities_section(&o, &x, prio, &f, &p, report_date);

    put(&o, "## The record of the period\n\n");
    put(&o,
        "Counted from the store's record for %s by the rules in docs/cycles.md (`govern "
        "cycle report`).\n\n",
        range);
    trend_section(&o, &x, &pf, &f, prev_label, label);
    meetings_section(&o, &x, &f);
    attendance_section(&o, &x, &f);
    if (o.rc || resolutions_section(&o, &x, &f))
        goto done;
    actions_section(&o, &x, &f);
    closing_sections(&o);
    /* one trailing newline */
    while (!o.rc && out->len >= 2 && out->ptr[out->len - 1] == '\n' &&
           out->ptr[out->len - 2] == '\n')
        out->ptr[--out->len] = '\0';
done:
    facts_free(&f);
    facts_free(&pf);
    govern_strlist_free(&x.bodies);
    return o.rc;
}
