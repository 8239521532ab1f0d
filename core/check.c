/*
 * `govern check`'s engine: loading the whole model (reporting files that do
 * not parse instead of stopping), diagnostics, and the core rules of the
 * trade: agenda notice in clear days, standard items, exempt paragraphs,
 * reasons for urgency, quorum against voting members, unique UIDs, links
 * between committees and to reports.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/check.h"
#include "model_priv.h"
#include "govern/error.h"
#include "govern/minutes.h"

int govern_diags_add(struct govern_diags *d, const char *path, int line, const char *rule,
                     const char *fmt, ...)
{
    int rc = govern_array_grow(&d->items, &d->cap, d->count + 1, sizeof(*d->items));
    if (rc)
        return rc;
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    struct govern_diag *g = &d->items[d->count];
    g->path = path ? strdup(path) : NULL;
    g->line = line;
    g->rule = strdup(rule);
    g->message = strdup(msg);
    if ((path && !g->path) || !g->rule || !g->message) {
        free(g->path);
        free(g->rule);
        free(g->message);
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    d->count++;
    return 0;
}

static int cmp_diag(const void *a, const void *b)
{
    const struct govern_diag *x = a, *y = b;
    int c = strcmp(x->path ? x->path : "", y->path ? y->path : "");
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if ((c = strcmp(x->rule, y->rule)))
        return c;
    return strcmp(x->message, y->message);
}

void govern_diags_sort(struct govern_diags *d)
{
    if (d->count > 1)
        qsort(d->items, d->count, sizeof(*d->items), cmp_diag);
}

void govern_diags_free(struct govern_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].path);
        free(d->items[i].rule);
        free(d->items[i].message);
    }
    free(d->items);
    memset(d, 0, sizeof(*d));
}

int govern_diags_add_error(struct govern_diags *d, const char *fallback_path)
{
    const char *msg = govern_error_last();
    char path[512];
    int line = 0;
    const char *colon = strchr(msg, ':');
    if (colon && (size_t)(colon - msg) < sizeof(path) && colon[1] >= '0' && colon[1] <= '9') {
        memcpy(path, msg, (size_t)(colon - msg));
        path[colon - msg] = '\0';
        char *end;
        line = (int)strtol(colon + 1, &end, 10);
        if (*end == ':') {
            const char *rest = end + 1;
            while (*rest == ' ')
                rest++;
            return govern_diags_add(d, path, line, "parse", "%s", rest);
        }
    }
    /* "path: message" without a line: keep the path when it names a file */
    if (colon && colon[1] == ' ' && (size_t)(colon - msg) < sizeof(path) &&
        !memchr(msg, ' ', (size_t)(colon - msg)) && memchr(msg, '.', (size_t)(colon - msg))) {
        memcpy(path, msg, (size_t)(colon - msg));
        path[colon - msg] = '\0';
        return govern_diags_add(d, path, 0, "parse", "%s", colon + 2);
    }
    return govern_diags_add(d, fallback_path, 0, "parse", "%s", msg);
}

void govern_model_free(struct govern_model *m)
{
    if (!m)
        return;
    govern_config_free(m->config);
    for (size_t i = 0; i < m->n_committees; i++)
        govern_committee_free(m->committees[i]);
    free(m->committees);
    for (size_t i = 0; i < m->n_meetings; i++) {
        govern_meeting_free(m->meetings[i]);
        govern_agenda_free(m->agendas ? m->agendas[i] : NULL);
        govern_minutes_free(m->minutes ? m->minutes[i] : NULL);
    }
    free(m->meetings);
    free(m->agendas);
    free(m->minutes);
    free(m->meeting_by_id);
    free(m);
}

struct pair {
    struct govern_meeting *m;
    struct govern_agenda *a;
    struct govern_minutes *mn;
};

static int cmp_meeting_id(const void *a, const void *b, void *meetings)
{
    struct govern_meeting *const *mt = meetings;
    const size_t *x = a, *y = b;
    return strcmp(mt[*x]->id, mt[*y]->id);
}

/* Builds m->meeting_by_id, the meetings' indices sorted by id. */
int govern_model_index(struct govern_model *m)
{
    m->meeting_by_id = malloc((m->n_meetings ? m->n_meetings : 1) * sizeof(size_t));
    if (!m->meeting_by_id)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; i < m->n_meetings; i++)
        m->meeting_by_id[i] = i;
    qsort_r(m->meeting_by_id, m->n_meetings, sizeof(size_t), cmp_meeting_id, m->meetings);
    return 0;
}

static int cmp_pair(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    if (x->m->date != y->m->date)
        return x->m->date < y->m->date ? -1 : 1;
    if (x->m->time != y->m->time)
        return x->m->time < y->m->time ? -1 : 1;
    return strcmp(x->m->id, y->m->id);
}

/* A meeting's agenda and minutes may be missing; a broken one is a
 * diagnostic when diags collects them (rc is what the load returned). */
static int optional_record(int rc, struct govern_diags *diags, const char *meeting_id)
{
    if (rc == GOVERN_ENOTFOUND)
        return 0;
    if (rc == GOVERN_EINVAL && diags)
        return govern_diags_add_error(diags, meeting_id);
    return rc;
}

struct pairs {
    struct pair *items;
    size_t count, cap;
};

/* Loads one meeting with the parts opts asks for into ps (a meeting that
 * fails to parse is a diagnostic when diags collects them). */
static int load_meeting(struct pairs *ps, struct govern_snapshot *snap, const char *id,
                        struct govern_diags *diags, const struct govern_model_opts *o)
{
    struct govern_meeting *mt = NULL;
    struct govern_agenda *ag = NULL;
    struct govern_minutes *mn = NULL;
    int rc = govern_meeting_load(&mt, snap, id);
    if (rc == GOVERN_EINVAL && diags)
        return govern_diags_add_error(diags, id);
    if (rc)
        return rc;
    if (o->parts & GOVERN_MODEL_AGENDAS)
        rc = optional_record(govern_agenda_load(&ag, snap, id), diags, id);
    if (!rc && (o->parts & GOVERN_MODEL_MINUTES))
        rc = optional_record(govern_minutes_load(&mn, snap, id), diags, id);
    if (!rc)
        rc = govern_array_grow(&ps->items, &ps->cap, ps->count + 1, sizeof(*ps->items));
    if (rc) {
        govern_meeting_free(mt);
        govern_agenda_free(ag);
        govern_minutes_free(mn);
        return rc;
    }
    ps->items[ps->count++] = (struct pair){mt, ag, mn};
    return 0;
}

/* Moves the loaded meetings, sorted, into m. */
static int take_pairs(struct govern_model *m, struct pairs *ps, const struct govern_model_opts *o)
{
    size_t n = ps->count;
    if (n > 1)
        qsort(ps->items, n, sizeof(*ps->items), cmp_pair);
    m->meetings = calloc(n ? n : 1, sizeof(*m->meetings));
    m->agendas = calloc(n ? n : 1, sizeof(*m->agendas));
    if (o->parts & GOVERN_MODEL_MINUTES)
        m->minutes = calloc(n ? n : 1, sizeof(*m->minutes));
    if (!m->meetings || !m->agendas || ((o->parts & GOVERN_MODEL_MINUTES) && !m->minutes))
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        m->meetings[i] = ps->items[i].m;
        m->agendas[i] = ps->items[i].a;
        if (m->minutes)
            m->minutes[i] = ps->items[i].mn;
    }
    m->n_meetings = n;
    ps->count = 0;
    return govern_model_index(m);
}

/* Loads committee slug (a broken one is a diagnostic when diags collects
 * them) and its meetings. */
static int load_committee(struct govern_model *m, struct pairs *ps, struct govern_snapshot *snap,
                          const char *slug, struct govern_diags *diags,
                          const struct govern_model_opts *o)
{
    struct govern_committee *c = NULL;
    int rc = govern_committee_load(&c, snap, slug);
    if (rc == GOVERN_EINVAL && diags)
        rc = govern_diags_add_error(diags, slug);
    else if (!rc)
        m->committees[m->n_committees++] = c;
    if (rc)
        return rc;
    struct govern_strlist ids = GOVERN_STRLIST_INIT;
    rc = govern_meeting_ids(&ids, snap, slug);
    for (size_t j = 0; !rc && j < ids.count; j++)
        rc = load_meeting(ps, snap, ids.items[j], diags, o);
    govern_strlist_free(&ids);
    return rc;
}

int govern_model_load_opts(struct govern_model **out, struct govern_snapshot *snap,
                           struct govern_diags *diags, const struct govern_model_opts *opts)
{
    static const struct govern_model_opts all = GOVERN_MODEL_OPTS_INIT;
    const struct govern_model_opts *o = opts ? opts : &all;
    if (o->version < 1 || o->version > GOVERN_MODEL_OPTS_VERSION)
        return govern_error_set(GOVERN_EINVAL,
                                "struct govern_model_opts version %u, but this govern reads %u: "
                                "start from GOVERN_MODEL_OPTS_INIT",
                                o->version, (unsigned)GOVERN_MODEL_OPTS_VERSION);
    struct govern_model *m = calloc(1, sizeof(*m));
    struct govern_strlist slugs = GOVERN_STRLIST_INIT;
    struct pairs ps = {0};
    int rc;
    if (!m)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    if ((rc = govern_config_load(&m->config, snap)))
        goto fail; /* without a config nothing else can be checked */
    if ((rc = govern_committee_slugs(&slugs, snap)))
        goto fail;
    m->committees = calloc(slugs.count ? slugs.count : 1, sizeof(*m->committees));
    if (!m->committees) {
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        goto fail;
    }
    for (size_t i = 0; !rc && i < slugs.count; i++)
        rc = load_committee(m, &ps, snap, slugs.items[i], diags, o);
    if (!rc)
        rc = take_pairs(m, &ps, o);
    if (rc)
        goto fail;
    free(ps.items);
    govern_strlist_free(&slugs);
    *out = m;
    return 0;
fail:
    for (size_t i = 0; i < ps.count; i++) {
        govern_meeting_free(ps.items[i].m);
        govern_agenda_free(ps.items[i].a);
        govern_minutes_free(ps.items[i].mn);
    }
    free(ps.items);
    govern_strlist_free(&slugs);
    govern_model_free(m);
    return rc;
}

int govern_model_load(struct govern_model **out, struct govern_snapshot *snap,
                      struct govern_diags *diags)
{
    return govern_model_load_opts(out, snap, diags, NULL);
}

/* A loaded model has its committees in slug order (govern_committee_slugs
 * sorts them bytewise), so a binary search finds one; a model built by hand
 * (no meeting_by_id) is searched linearly. */
const struct govern_committee *govern_model_committee(const struct govern_model *m,
                                                      const char *slug)
{
    if (!m->meeting_by_id) {
        for (size_t i = 0; i < m->n_committees; i++)
            if (!strcmp(m->committees[i]->slug, slug))
                return m->committees[i];
        return NULL;
    }
    size_t lo = 0, hi = m->n_committees;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(m->committees[mid]->slug, slug);
        if (!c)
            return m->committees[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The first index whose meeting is dated after d (after) or on or after d
 * (!after). */
static size_t date_bound(const struct govern_model *m, govern_date d, bool after)
{
    size_t lo = 0, hi = m->n_meetings;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        govern_date x = m->meetings[mid]->date;
        if (after ? x <= d : x < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void govern_model_meeting_range(size_t *lo, size_t *hi, const struct govern_model *m,
                                govern_date from, govern_date to)
{
    *lo = from == GOVERN_DATE_NONE ? 0 : date_bound(m, from, false);
    *hi = to == GOVERN_DATE_NONE ? m->n_meetings : date_bound(m, to, true);
    if (*hi < *lo)
        *hi = *lo;
}

long govern_model_meeting_index(const struct govern_model *m, const char *id)
{
    if (m->meeting_by_id) {
        size_t lo = 0, hi = m->n_meetings;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int c = strcmp(m->meetings[m->meeting_by_id[mid]]->id, id);
            if (!c)
                return (long)m->meeting_by_id[mid];
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return -1;
    }
    for (size_t i = 0; i < m->n_meetings; i++)
        if (!strcmp(m->meetings[i]->id, id))
            return (long)i;
    return -1;
}

static bool has_standard(const struct govern_agenda *a, const char *std)
{
    for (size_t i = 0; i < a->n_items; i++)
        if (a->items[i].standard && !strcmp(a->items[i].standard, std))
            return true;
    return false;
}

/* Is there a meeting of the same committee on an earlier day that was not
 * cancelled?  Minutes cannot be ready for confirmation on the day they were
 * taken, so a second meeting the same day has no "minutes" item; `meeting
 * new` applies the same rule. */
static bool has_previous(const struct govern_model *m, size_t idx)
{
    const struct govern_meeting *me = m->meetings[idx];
    /* backwards from idx, the meetings being sorted by date: the previous
     * meeting of the committee is usually a few places back */
    for (size_t i = idx; i-- > 0;) {
        const struct govern_meeting *o = m->meetings[i];
        if (!strcmp(o->committee, me->committee) && o->date < me->date &&
            o->status != GOVERN_STATUS_CANCELLED && o->status != GOVERN_STATUS_POSTPONED)
            return true;
    }
    return false;
}

static int check_agenda(struct govern_diags *out, const struct govern_model *m, size_t idx,
                        govern_date as_of)
{
    const struct govern_meeting *mt = m->meetings[idx];
    const struct govern_agenda *a = m->agendas[idx];
    const struct govern_config *cfg = m->config;
    int rc = 0;
    char d1[11], d2[11];
    if (!a) {
        if (mt->status != GOVERN_STATUS_SCHEDULED)
            return 0;
        /* an agenda.md that failed to parse is already reported */
        char apath[200];
        snprintf(apath, sizeof(apath), "%s/agenda.md", mt->id);
        for (size_t i = 0; i < out->count; i++)
            if (out->items[i].path && !strcmp(out->items[i].path, apath))
                return 0;
        return govern_diags_add(out, mt->path, 1, "agenda", "meeting %s has no agenda.md", mt->id);
    }
    for (size_t i = 0; i < a->n_items && !rc; i++) {
        const struct govern_agenda_item *it = &a->items[i];
        if (it->exempt < 0)
            rc = govern_diags_add(out, a->path, it->line, "exempt",
                                  "item %zu '%s': exempt must be a Schedule 12A paragraph from 1 "
                                  "to 7",
                                  i + 1, it->title);
        if (!rc && it->urgent && !govern_reason_stated(it->urgent))
            rc = govern_diags_add(out, a->path, it->line, "urgent",
                                  "item %zu '%s' is urgent but gives no reason (the special "
                                  "circumstances must be stated)",
                                  i + 1, it->title);
    }
    if (rc || mt->status == GOVERN_STATUS_CANCELLED || mt->status == GOVERN_STATUS_POSTPONED)
        return rc;
    static const char *const std[] = {"apologies", "declarations", "urgent"};
    for (size_t i = 0; i < 3 && !rc; i++)
        if (!has_standard(a, std[i]))
            rc = govern_diags_add(out, a->path, govern_field_line(&a->lines, "items"),
                                  "standard-items", "the agenda has no '%s' item (standard: %s)",
                                  std[i],
                                  std[i][0] == 'a'   ? "apologies for absence and substitutions"
                                  : std[i][0] == 'd' ? "declarations of interest"
                                                     : "urgent matters");
    if (!rc && has_previous(m, idx) && !has_standard(a, "minutes"))
        rc = govern_diags_add(out, a->path, govern_field_line(&a->lines, "items"), "standard-items",
                              "the agenda has no 'minutes' item (minutes of the previous meeting)");
    if (rc)
        return rc;
    govern_date deadline = govern_date_notice_deadline(mt->date, cfg->notice_days,
                                                       cfg->notice_counting, &cfg->holidays);
    govern_date_format(d2, deadline);
    const char *how = cfg->notice_counting == GOVERN_NOTICE_WORKING ? "clear working days"
                                                                    : "clear days (s243 LGA 1972)";
    if (a->published != GOVERN_DATE_NONE) {
        int clear =
            govern_date_clear_days(a->published, mt->date, cfg->notice_counting, &cfg->holidays);
        govern_date_format(d1, a->published);
        if (a->published >= mt->date)
            rc = govern_diags_add(out, a->path, govern_field_line(&a->lines, "published"), "notice",
                                  "agenda published on %s, not before the meeting", d1);
        else if (clear < cfg->notice_days)
            rc = govern_diags_add(out, a->path, govern_field_line(&a->lines, "published"), "notice",
                                  "agenda published on %s gives %d %s before the meeting; %d "
                                  "needed (publish by %s)",
                                  d1, clear, how, cfg->notice_days, d2);
    } else if (mt->status == GOVERN_STATUS_SCHEDULED && as_of > deadline && as_of <= mt->date) {
        rc = govern_diags_add(out, a->path, 1, "notice",
                              "agenda not published and the deadline for %d %s was %s",
                              cfg->notice_days, how, d2);
    }
    return rc;
}

/* A meeting is recorded as held once it has taken place: held in the
 * future is an error, still scheduled after its day a warning. */
static int check_held(struct govern_diags *out, const struct govern_meeting *mt, govern_date as_of)
{
    char d[11], today[11];
    govern_date_format(d, mt->date);
    govern_date_format(today, as_of);
    int line = govern_field_line(&mt->lines, "status");
    if (mt->status == GOVERN_STATUS_HELD && mt->date > as_of)
        return govern_diags_add(out, mt->path, line ? line : 1, "meeting-held",
                                "meeting %s is recorded as held but its day (%s) is after today "
                                "(%s)",
                                mt->id, d, today);
    if (mt->status == GOVERN_STATUS_SCHEDULED && mt->date < as_of)
        return govern_diags_add(out, mt->path, line ? line : 1, "meeting-held",
                                "warning: meeting %s of %s is still 'scheduled' after its day: "
                                "record it with 'govern meeting held %s', or cancel or postpone "
                                "it",
                                mt->id, d, mt->id);
    return 0;
}

static int cmp_uid(const void *a, const void *b, void *meetings)
{
    struct govern_meeting *const *mt = meetings;
    const long *x = a, *y = b;
    int c = strcmp(mt[*x]->uid, mt[*y]->uid);
    return c ? c : (*x > *y) - (*x < *y);
}

/* (*out)[i]: the first meeting in model order with meetings[i]'s uid (i
 * itself when none comes before it), from one sort instead of comparing
 * every pair. */
static int first_with_uid(long **out, const struct govern_model *m)
{
    size_t n = m->n_meetings;
    long *order = malloc((n ? n : 1) * sizeof(long)), *first = malloc((n ? n : 1) * sizeof(long));
    if (!order || !first) {
        free(order);
        free(first);
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (long)i;
    qsort_r(order, n, sizeof(long), cmp_uid, m->meetings);
    for (size_t k = 0; k < n; k++)
        first[order[k]] = k && !strcmp(m->meetings[order[k]]->uid, m->meetings[order[k - 1]]->uid)
                              ? first[order[k - 1]]
                              : order[k];
    free(order);
    *out = first;
    return 0;
}

int govern_check_core(struct govern_diags *out, const struct govern_model *m, govern_date as_of)
{
    int rc = 0;
    for (size_t i = 0; i < m->n_committees && !rc; i++) {
        const struct govern_committee *c = m->committees[i];
        if (c->parent && !govern_model_committee(m, c->parent))
            rc = govern_diags_add(out, c->path, govern_field_line(&c->lines, "parent"), "committee",
                                  "parent '%s' is not a committee", c->parent);
        if (!rc && c->parent && !strcmp(c->parent, c->slug))
            rc = govern_diags_add(out, c->path, govern_field_line(&c->lines, "parent"), "committee",
                                  "a committee cannot be its own parent");
        if (!rc && c->kind == GOVERN_KIND_SUB_COMMITTEE && !c->parent)
            rc = govern_diags_add(out, c->path, govern_field_line(&c->lines, "kind"), "committee",
                                  "a sub-committee needs a parent committee");
        /* a chain of parents must end: a loop means no body is at the top */
        const struct govern_committee *p = c;
        for (size_t steps = 0; !rc && p && p->parent; steps++) {
            p = govern_model_committee(m, p->parent);
            if (steps > m->n_committees) {
                rc = govern_diags_add(
                    out, c->path, govern_field_line(&c->lines, "parent"), "committee",
                    "parent committees form a loop (%s reports to itself)", c->slug);
                break;
            }
        }
        int voting = govern_committee_voting_count(c, as_of);
        if (!rc && c->quorum && c->quorum > voting)
            rc = govern_diags_add(out, c->path, govern_field_line(&c->lines, "quorum"), "quorum",
                                  "quorum %d is more than the %d voting member%s serving",
                                  c->quorum, voting, voting == 1 ? "" : "s");
        for (size_t j = 0; j < c->n_members && !rc; j++)
            for (size_t k = 0; k < j && !rc; k++)
                if (!strcmp(c->members[j].name, c->members[k].name) &&
                    c->members[j].role == c->members[k].role &&
                    c->members[j].from == c->members[k].from)
                    rc = govern_diags_add(out, c->path, c->members[j].line, "member",
                                          "member '%s' is listed twice", c->members[j].name);
    }
    long *first_uid = NULL;
    if (!rc && (rc = first_with_uid(&first_uid, m)))
        return rc;
    for (size_t i = 0; i < m->n_meetings && !rc; i++) {
        const struct govern_meeting *mt = m->meetings[i];
        if (!govern_model_committee(m, mt->committee))
            continue;
        long j = first_uid[i];
        if ((size_t)j != i)
            rc = govern_diags_add(out, mt->path, govern_field_line(&mt->lines, "uid"), "uid",
                                  "uid %s is also the uid of %s (uids must be unique)", mt->uid,
                                  m->meetings[j]->id);
        if (!rc &&
            (mt->status == GOVERN_STATUS_CANCELLED || mt->status == GOVERN_STATUS_POSTPONED) &&
            !mt->reason)
            rc = govern_diags_add(out, mt->path, govern_field_line(&mt->lines, "status"), "meeting",
                                  "a %s meeting should give a reason",
                                  govern_meeting_status_name(mt->status));
        if (!rc)
            rc = check_held(out, mt, as_of);
        if (!rc)
            rc = check_agenda(out, m, i, as_of);
    }
    free(first_uid);
    return rc;
}
