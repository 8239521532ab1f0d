/*
 * The public view (include/govern/public.h): meetings, agendas and minutes
 * with exempt and private content removed before any renderer sees them,
 * and the one answer to "may what was raised here be published?".  Each
 * meeting is read once and kept, sorted by id; whatever cannot be read or
 * decided is withheld and leaves a warning naming the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/error.h"
#include "govern/public.h"
#include "model_priv.h"

struct entry {
    char *id;
    char *error; /* why the meeting could not be read, or NULL */
    int rc;      /* its error code, 0 when read */
    struct govern_meeting *meeting;
    struct govern_agenda *agenda;   /* public form, or NULL */
    struct govern_minutes *minutes; /* public form, or NULL */
    struct govern_public_meeting view;
    bool minutes_unread; /* taken from a model loaded without minutes: read on demand */
};

struct govern_public {
    struct govern_snapshot *snap;
    govern_date as_of;
    struct entry **entries; /* sorted by id */
    size_t n, cap;
    struct govern_strlist warnings;
    struct govern_model *model; /* owns config and committees; the rest is the entries' */
    unsigned parts;             /* the GOVERN_MODEL_* parts model holds */
};

int govern_public_open(struct govern_public **out, struct govern_snapshot *snap, govern_date as_of)
{
    struct govern_public *p = calloc(1, sizeof(*p));
    if (!p)
        return govern_oom();
    p->snap = snap;
    p->as_of = as_of;
    *out = p;
    return 0;
}

static void entry_free(struct entry *e)
{
    if (!e)
        return;
    free(e->id);
    free(e->error);
    govern_meeting_free(e->meeting);
    govern_agenda_free(e->agenda);
    govern_minutes_free(e->minutes);
    free(e);
}

void govern_public_free(struct govern_public *p)
{
    if (!p)
        return;
    if (p->model) {
        govern_config_free(p->model->config);
        for (size_t i = 0; i < p->model->n_committees; i++)
            govern_committee_free(p->model->committees[i]);
        free(p->model->committees);
        free(p->model->meetings);
        free(p->model->agendas);
        free(p->model->minutes);
        free(p->model->meeting_by_id);
        free(p->model);
    }
    for (size_t i = 0; i < p->n; i++)
        entry_free(p->entries[i]);
    free(p->entries);
    govern_strlist_free(&p->warnings);
    free(p);
}

struct govern_snapshot *govern_public_snapshot(const struct govern_public *p)
{
    return p->snap;
}

const struct govern_strlist *govern_public_warnings(const struct govern_public *p)
{
    return &p->warnings;
}

int govern_public_put_warnings(struct govern_buf *err, const struct govern_public *p)
{
    int rc = 0;
    for (size_t i = 0; i < p->warnings.count && !rc; i++)
        rc = govern_buf_printf(err, "govern: warning: %s\n", p->warnings.items[i]);
    return rc;
}

static int warn(struct govern_public *p, const char *fmt, const char *a, const char *b)
{
    char line[1200];
    snprintf(line, sizeof(line), fmt, a, b ? b : "");
    if (govern_strlist_contains(&p->warnings, line))
        return 0;
    return govern_strlist_add(&p->warnings, line) ? govern_oom() : 0;
}

/* Index of id in the first n entries, or where it would go (*found false). */
static size_t find_in(const struct govern_public *p, size_t n, const char *id, bool *found)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(p->entries[mid]->id, id);
        if (!c) {
            *found = true;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = false;
    return lo;
}

static size_t find(const struct govern_public *p, const char *id, bool *found)
{
    return find_in(p, p->n, id, found);
}

static int insert(struct govern_public *p, size_t at, struct entry *e)
{
    int rc = govern_array_grow(&p->entries, &p->cap, p->n + 1, sizeof(*p->entries));
    if (rc)
        return rc;
    memmove(&p->entries[at + 1], &p->entries[at], (p->n - at) * sizeof(*p->entries));
    p->entries[at] = e;
    p->n++;
    return 0;
}

/* --------------------------------------------------------- the union */

/* Marks each minute with the union of its own flag and its agenda item's
 * (the agenda is authoritative); a minute whose agenda item cannot be
 * found is withheld. */
static int minutes_union(struct govern_public *p, struct govern_minutes *mn,
                         const struct govern_agenda *a, bool agenda_known)
{
    for (size_t i = 0; i < mn->n_items; i++) {
        struct govern_minute *it = &mn->items[i];
        if (it->exempt < 0 || it->exempt > 7)
            it->exempt = GOVERN_WITHHELD;
        if (it->exempt || it->agenda_item <= 0)
            continue;
        if (!agenda_known || !a || (size_t)it->agenda_item > a->n_items) {
            it->exempt = GOVERN_WITHHELD;
            int rc = warn(p,
                          "%s: a minute is taken under an agenda item that cannot be found in "
                          "%s; withheld from public outputs",
                          mn->path, a ? a->path : "its agenda");
            if (rc)
                return rc;
            continue;
        }
        int ex = a->items[it->agenda_item - 1].exempt;
        if (ex)
            it->exempt = ex > 0 && ex <= 7 ? ex : GOVERN_WITHHELD;
    }
    return 0;
}

/* A meeting held in private: titles only. */
static int private_agenda(struct govern_agenda *a)
{
    for (size_t i = 0; i < a->n_items; i++) {
        struct govern_agenda_item *it = &a->items[i];
        free(it->purpose);
        free(it->body);
        free(it->report);
        free(it->urgent);
        free(it->fulfils);
        it->purpose = it->body = it->report = it->urgent = it->fulfils = NULL;
    }
    free(a->notes);
    return (a->notes = strdup("This meeting is held in private.\n")) ? 0 : govern_oom();
}

static int private_minutes(struct govern_minutes *m)
{
    for (size_t i = 0; i < m->n_items; i++) {
        free(m->items[i].text);
        m->items[i].text = NULL;
        govern_strlist_free(&m->items[i].resolutions);
    }
    free(m->preamble);
    return (m->preamble = strdup("This meeting was held in private.")) ? 0 : govern_oom();
}

/* The public agenda from the full one (read: 0, or the error reading it). */
static int public_agenda(struct govern_public *p, struct entry *e, const struct govern_agenda *a)
{
    if (!a)
        return 0;
    for (size_t i = 0; i < a->n_items; i++)
        if (a->items[i].exempt < 0 || a->items[i].exempt > 7) {
            char where[600];
            snprintf(where, sizeof(where), "%s:%d", a->path, a->items[i].line);
            int rc = warn(p,
                          "%s: exempt is not a Schedule 12A paragraph from 1 to 7; the item "
                          "and its minute are withheld from public outputs",
                          where, NULL);
            if (rc)
                return rc;
        }
    if (a->published == GOVERN_DATE_NONE || a->published > p->as_of) {
        e->view.draft = true;
        return 0;
    }
    int rc = govern_agenda_public(&e->agenda, a);
    if (!rc && e->meeting->private_)
        rc = private_agenda(e->agenda);
    return rc;
}

/* e's public minutes from the full ones (NULL: none) and the full agenda
 * (agenda_known: it was read), for the union of their exempt flags. */
static int public_minutes(struct govern_public *p, struct entry *e, struct govern_minutes *mn,
                          const struct govern_agenda *a, bool agenda_known)
{
    int rc = 0;
    if (mn && !(rc = minutes_union(p, mn, a, agenda_known)))
        rc = govern_minutes_public(&e->minutes, mn);
    if (!rc && e->minutes && e->meeting->private_)
        rc = private_minutes(e->minutes);
    e->view.minutes = e->minutes;
    return rc;
}

/* Builds e's public records from what was read (the full records are
 * consumed; a NULL agenda or minutes with its *_rc tells why). */
static int build(struct govern_public *p, struct entry *e, struct govern_agenda *a, int a_rc,
                 struct govern_minutes *mn, int mn_rc, const char *why_a, const char *why_mn)
{
    int rc = 0;
    free(e->meeting->notes); /* the clerk's working notes */
    e->meeting->notes = NULL;
    if (a_rc && a_rc != GOVERN_ENOTFOUND && why_a)
        rc = warn(p, "%s; its minutes are withheld from public outputs", why_a, NULL);
    if (!rc && mn_rc && mn_rc != GOVERN_ENOTFOUND && why_mn)
        rc = warn(p, "%s; withheld from public outputs", why_mn, NULL);
    if (!rc)
        rc = public_agenda(p, e, a);
    if (!rc)
        rc = public_minutes(p, e, mn, a, a_rc == 0);
    govern_agenda_free(a);
    govern_minutes_free(mn);
    e->view.meeting = e->meeting;
    e->view.agenda = e->agenda;
    return rc;
}

/* ------------------------------------------------------ one meeting */

static char *last_error(void)
{
    const char *m = govern_error_last();
    return strdup(m && *m ? m : "cannot be read");
}

/* A meeting's three files as texts (NULL: absent), for a view without a
 * store (govern_public_open_texts); NULL: read them from the snapshot. */
struct texts {
    const char *meeting, *agenda, *minutes;
    size_t n_meeting, n_agenda, n_minutes;
};

static int read_meeting(struct govern_public *p, struct entry *e, const struct texts *t)
{
    if (!t)
        return govern_meeting_load(&e->meeting, p->snap, e->id);
    if (!t->meeting)
        return govern_error_set(GOVERN_ENOTFOUND, "unknown meeting '%s'", e->id);
    return govern_meeting_parse(&e->meeting, e->id, t->meeting, t->n_meeting);
}

static int read_agenda(struct govern_agenda **a, struct govern_public *p, const char *id,
                       const struct texts *t)
{
    if (!t)
        return govern_agenda_load(a, p->snap, id);
    if (!t->agenda)
        return govern_error_set(GOVERN_ENOTFOUND, "no agenda");
    return govern_agenda_parse(a, id, t->agenda, t->n_agenda);
}

static int read_minutes(struct govern_minutes **mn, struct govern_public *p, const char *id,
                        const struct texts *t)
{
    if (!t)
        return govern_minutes_load(mn, p->snap, id);
    if (!t->minutes)
        return govern_error_set(GOVERN_ENOTFOUND, "no minutes");
    return govern_minutes_parse(mn, id, t->minutes, t->n_minutes);
}

static int load_entry(struct govern_public *p, struct entry *e, const struct texts *t)
{
    struct govern_agenda *a = NULL;
    struct govern_minutes *mn = NULL;
    char *why_a = NULL, *why_mn = NULL;
    int rc = read_meeting(p, e, t);
    if (rc == GOVERN_ENOMEM)
        return rc;
    if (rc) {
        e->rc = rc;
        if (!(e->error = last_error()))
            return govern_oom();
        return warn(p, "%s; the meeting is withheld from public outputs", e->error, NULL);
    }
    int a_rc = read_agenda(&a, p, e->id, t);
    if (a_rc == GOVERN_ENOMEM)
        return a_rc;
    if (a_rc && !(why_a = last_error()))
        return govern_oom();
    int mn_rc = read_minutes(&mn, p, e->id, t);
    if (mn_rc && mn_rc != GOVERN_ENOMEM && !(why_mn = last_error()))
        mn_rc = GOVERN_ENOMEM;
    if (mn_rc == GOVERN_ENOMEM) {
        govern_agenda_free(a);
        free(why_a);
        return mn_rc;
    }
    govern_error_clear();
    rc = build(p, e, a, a_rc, mn, mn_rc, why_a, why_mn);
    free(why_a);
    free(why_mn);
    return rc;
}

/* A new entry for id, read and inserted at. */
static int add_entry(struct govern_public *p, size_t at, const char *id, const struct texts *t,
                     struct entry **out)
{
    struct entry *e = calloc(1, sizeof(*e));
    if (!e || !(e->id = strdup(id))) {
        free(e);
        return govern_oom();
    }
    int rc = load_entry(p, e, t);
    if (!rc)
        rc = insert(p, at, e);
    if (rc) {
        entry_free(e);
        return rc;
    }
    *out = e;
    return 0;
}

/* Reads the minutes of an entry taken from a model loaded without them,
 * with its full agenda again for the union (the entry kept only the
 * public one); what cannot be read is withheld, with a warning. */
static int read_unread_minutes(struct govern_public *p, struct entry *e)
{
    if (!e->minutes_unread)
        return 0;
    e->minutes_unread = false;
    if (e->rc)
        return 0;
    struct govern_agenda *a = NULL;
    struct govern_minutes *mn = NULL;
    int rc = 0, a_rc = govern_agenda_load(&a, p->snap, e->id);
    int mn_rc = a_rc == GOVERN_ENOMEM ? a_rc : govern_minutes_load(&mn, p->snap, e->id);
    if (mn_rc == GOVERN_ENOMEM) {
        govern_agenda_free(a);
        return mn_rc;
    }
    if (mn_rc && mn_rc != GOVERN_ENOTFOUND) {
        char *why = last_error();
        rc = why ? warn(p, "%s; withheld from public outputs", why, NULL) : govern_oom();
        free(why);
    }
    govern_error_clear();
    if (!rc)
        rc = public_minutes(p, e, mn, a, a_rc == 0);
    govern_agenda_free(a);
    govern_minutes_free(mn);
    return rc;
}

int govern_public_open_texts(struct govern_public **out, const char *meeting_id,
                             const char *meeting_md, size_t n_meeting, const char *agenda_md,
                             size_t n_agenda, const char *minutes_md, size_t n_minutes,
                             govern_date as_of)
{
    struct texts t = {meeting_md, agenda_md, minutes_md, n_meeting, n_agenda, n_minutes};
    struct entry *e;
    int rc = govern_public_open(out, NULL, as_of);
    if (!rc && (rc = add_entry(*out, 0, meeting_id, &t, &e))) {
        govern_public_free(*out);
        *out = NULL;
    }
    return rc;
}

int govern_public_meeting(const struct govern_public_meeting **out, struct govern_public *p,
                          const char *meeting_id)
{
    bool found;
    size_t at = find(p, meeting_id, &found);
    struct entry *e;
    if (found)
        e = p->entries[at];
    else if (!p->snap)
        return govern_error_set(GOVERN_ENOTFOUND, "unknown meeting '%s'", meeting_id);
    else {
        int rc = add_entry(p, at, meeting_id, NULL, &e);
        if (rc)
            return rc;
    }
    if (e->rc)
        return govern_error_set(e->rc, "%s", e->error);
    int rc = read_unread_minutes(p, e);
    if (rc)
        return rc;
    *out = &e->view;
    return 0;
}

bool govern_public_withheld(struct govern_public *p, const char *meeting_id, const char *minute,
                            int *para)
{
    const struct govern_public_meeting *pm;
    *para = 0;
    if (!meeting_id)
        return false; /* not raised at a meeting */
    if (!p || govern_public_meeting(&pm, p, meeting_id)) {
        govern_error_clear();
        return true;
    }
    if (pm->meeting->private_)
        return true;
    if (!minute)
        return false;
    char *end;
    long n = strtol(minute, &end, 10);
    if (n <= 0 || n > 100000 || end == minute || (*end && *end != '/'))
        return true;
    if (!pm->minutes)
        return true;
    if (*end == '/' && strtol(end + 1, NULL, 10) != pm->minutes->year % 100)
        return true; /* another year's minute: not this meeting's */
    const struct govern_minute *it = govern_minutes_item(pm->minutes, (int)n);
    if (!it)
        return true;
    if (it->exempt) {
        *para = it->exempt > 0 ? it->exempt : 0;
        return true;
    }
    return false;
}

/* ------------------------------------------------------- the whole store */

/* Why a record the model left out (NULL) was not read: not there, or a
 * file that cannot be read or does not parse (its diagnostic says why). */
static int absent_rc(struct govern_public *p, const char *id, const char *file)
{
    char *path = govern_meeting_path(id, file);
    if (!path)
        return GOVERN_ENOMEM;
    bool there = govern_snapshot_exists(p->snap, path);
    free(path);
    return there ? GOVERN_EINVAL : GOVERN_ENOTFOUND;
}

/* Takes meeting i of full (its records move into an entry): an entry that
 * is not among the first n (sorted) is appended, and model_from sorts the
 * entries once at the end instead of inserting each in place. */
static int adopt(struct govern_public *p, size_t n, struct govern_model *full, size_t i,
                 struct entry **out)
{
    struct govern_meeting *m = full->meetings[i];
    bool found;
    size_t at = find_in(p, n, m->id, &found);
    if (found) {
        *out = p->entries[at];
        return 0;
    }
    struct entry *e = calloc(1, sizeof(*e));
    if (!e || !(e->id = strdup(m->id))) {
        free(e);
        return govern_oom();
    }
    struct govern_minutes *mn = full->minutes ? full->minutes[i] : NULL;
    int a_rc = full->agendas[i] ? 0 : absent_rc(p, m->id, "agenda.md");
    int mn_rc = mn || !full->minutes ? 0 : absent_rc(p, m->id, GOVERN_MINUTES_FILE);
    e->meeting = m;
    e->minutes_unread = !full->minutes;
    full->meetings[i] = NULL;
    int rc = a_rc == GOVERN_ENOMEM || mn_rc == GOVERN_ENOMEM
                 ? govern_oom()
                 : build(p, e, full->agendas[i], a_rc, mn, mn_rc, NULL, NULL);
    full->agendas[i] = NULL;
    if (full->minutes)
        full->minutes[i] = NULL;
    if (!rc)
        rc = insert(p, p->n, e);
    if (rc) {
        entry_free(e);
        return rc;
    }
    *out = e;
    return 0;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp((*(struct entry *const *)a)->id, (*(struct entry *const *)b)->id);
}

static int model_from(struct govern_public *p, struct govern_model *full)
{
    struct govern_model *m = calloc(1, sizeof(*m));
    size_t n = full->n_meetings ? full->n_meetings : 1;
    if (!m)
        return govern_oom();
    p->model = m;
    m->meetings = calloc(n, sizeof(*m->meetings));
    m->agendas = calloc(n, sizeof(*m->agendas));
    if (full->minutes && !(m->minutes = calloc(n, sizeof(*m->minutes))))
        return govern_oom();
    if (!m->meetings || !m->agendas)
        return govern_oom();
    m->config = full->config;
    m->committees = full->committees;
    m->n_committees = full->n_committees;
    full->config = NULL;
    full->committees = NULL;
    full->n_committees = 0;
    size_t before = p->n;
    int rc = 0;
    for (size_t i = 0; i < full->n_meetings && !rc; i++) {
        struct entry *e = NULL;
        if ((rc = adopt(p, before, full, i, &e)) || e->rc)
            continue;
        m->meetings[m->n_meetings] = e->meeting;
        m->agendas[m->n_meetings] = e->agenda;
        if (m->minutes)
            m->minutes[m->n_meetings] = e->minutes;
        m->n_meetings++;
    }
    if (p->n > before) /* the appended entries, sorted in with the rest */
        qsort(p->entries, p->n, sizeof(*p->entries), cmp_entry);
    /* looked up as a loaded model is: meetings by id, committees by slug */
    return rc ? rc : govern_model_index(m);
}

/* The minutes of a model loaded without them, read now for every meeting. */
static int model_add_minutes(struct govern_public *p)
{
    struct govern_model *m = p->model;
    if (!(m->minutes = calloc(m->n_meetings ? m->n_meetings : 1, sizeof(*m->minutes))))
        return govern_oom();
    for (size_t i = 0; i < m->n_meetings; i++) {
        bool found;
        struct entry *e = p->entries[find(p, m->meetings[i]->id, &found)];
        int rc = found ? read_unread_minutes(p, e) : GOVERN_EINVAL;
        if (rc)
            return rc;
        m->minutes[i] = e->minutes;
    }
    return 0;
}

int govern_public_model_opts(const struct govern_model **out, struct govern_public *p,
                             const struct govern_model_opts *opts)
{
    if (!p->snap)
        return govern_error_set(GOVERN_EINVAL, "a view of texts has no store to read");
    /* agendas are always read: the union of exempt flags needs them */
    struct govern_model_opts o = GOVERN_MODEL_OPTS_INIT;
    o.parts = GOVERN_MODEL_AGENDAS | (opts ? opts->parts & GOVERN_MODEL_MINUTES : o.parts);
    if (p->model) {
        int rc = (o.parts & ~p->parts) & GOVERN_MODEL_MINUTES ? model_add_minutes(p) : 0;
        if (rc)
            return rc;
        p->parts |= o.parts;
        *out = p->model;
        return 0;
    }
    struct govern_diags diags = {0};
    struct govern_model *full = NULL;
    int rc = govern_model_load_opts(&full, p->snap, &diags, &o);
    for (size_t i = 0; !rc && i < diags.count; i++) {
        const struct govern_diag *d = &diags.items[i];
        char where[600];
        if (d->line)
            snprintf(where, sizeof(where), "%s:%d", d->path ? d->path : "", d->line);
        else
            snprintf(where, sizeof(where), "%s", d->path ? d->path : "");
        rc = warn(p, "%s: %s; withheld from public outputs", where, d->message);
    }
    govern_diags_free(&diags);
    if (!rc)
        rc = model_from(p, full);
    govern_model_free(full);
    if (rc)
        return rc;
    p->parts = o.parts;
    *out = p->model;
    return 0;
}

int govern_public_model(const struct govern_model **out, struct govern_public *p)
{
    return govern_public_model_opts(out, p, NULL);
}
