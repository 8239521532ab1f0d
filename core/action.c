/*
 * The action register's model (include/govern/action.h, docs/actions.md):
 * the arena that owns a register's strings, statuses and RAG ratings, the
 * register replayed on a past day, ids (SHORT-YYYY-NNN, never reused), the
 * canonical form written back through the document emitter, and the public
 * form of a register.  Reading files is action_parse.c; the whole register
 * and its cache, action_cache.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "action_priv.h"
#include "govern/doc.h"
#include "govern/names.h"

/* ------------------------------------------------------------- arena */

void *action_arena_alloc(struct govern_action_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (!a->head || a->head->used + n > a->head->cap) {
        size_t cap = n > 65536 ? n : 65536;
        struct action_chunk *c = malloc(sizeof(*c) + cap);
        if (!c)
            return NULL;
        c->next = a->head;
        c->used = 0;
        c->cap = cap;
        a->head = c;
    }
    void *p = a->head->data + a->head->used;
    a->head->used += n;
    return p;
}

const char *action_arena_strndup(struct govern_action_arena *a, const char *s, size_t n)
{
    char *p = action_arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

struct action_mark action_arena_mark(struct govern_action_arena *a)
{
    struct action_mark m = {a->head, a->head ? a->head->used : 0};
    return m;
}

void action_arena_reset(struct govern_action_arena *a, struct action_mark m)
{
    while (a->head && a->head != m.chunk) {
        struct action_chunk *n = a->head->next;
        free(a->head);
        a->head = n;
    }
    if (a->head)
        a->head->used = m.used;
}

void govern_action_register_init(struct govern_action_register *r)
{
    memset(r, 0, sizeof(*r));
}

void govern_action_register_clear(struct govern_action_register *r)
{
    if (!r)
        return;
    if (r->arena) {
        action_arena_reset(r->arena, (struct action_mark){NULL, 0});
        govern_cache_free(r->arena->cache);
        free(r->arena);
    }
    free(r->items);
    memset(r, 0, sizeof(*r));
}

int action_ensure_arena(struct govern_action_register *r)
{
    if (!r->arena && !(r->arena = calloc(1, sizeof(*r->arena))))
        return govern_oom();
    return 0;
}

const char *govern_action_register_strdup(struct govern_action_register *r, const char *s)
{
    if (!s || action_ensure_arena(r))
        return NULL;
    return action_arena_strndup(r->arena, s, strlen(s));
}

/* ------------------------------------------------------- small things */

static const char *const status_names[] = {"open", "in-progress", "done", "dropped"};

const char *govern_action_status_name(enum govern_action_status s)
{
    return (unsigned)s < GOVERN_ACTION_N_STATUS ? status_names[s] : "?";
}

int govern_action_status_parse(enum govern_action_status *out, const char *s)
{
    for (int i = 0; i < GOVERN_ACTION_N_STATUS; i++)
        if (!strcmp(s, status_names[i])) {
            *out = (enum govern_action_status)i;
            return 0;
        }
    return govern_error_set(GOVERN_EINVAL,
                            "invalid status '%s' (open, in-progress, done or dropped)", s);
}

bool govern_action_outstanding(const struct govern_action *a)
{
    return a->status == GOVERN_ACTION_OPEN || a->status == GOVERN_ACTION_IN_PROGRESS;
}

const char *govern_action_rag_name(enum govern_action_rag r)
{
    return r == GOVERN_RAG_RED ? "red" : r == GOVERN_RAG_AMBER ? "amber" : "green";
}

enum govern_action_rag govern_action_rag(const struct govern_action *a, govern_date as_of,
                                         int *days_overdue)
{
    if (days_overdue)
        *days_overdue = 0;
    if (!govern_action_outstanding(a) || a->due == GOVERN_DATE_NONE)
        return GOVERN_RAG_GREEN;
    if (a->due < as_of) {
        if (days_overdue)
            *days_overdue = as_of - a->due;
        return GOVERN_RAG_RED;
    }
    return a->due - as_of <= GOVERN_ACTION_AMBER_DAYS ? GOVERN_RAG_AMBER : GOVERN_RAG_GREEN;
}

int govern_action_status_on(const struct govern_action *a, govern_date d)
{
    if (a->created > d)
        return -1;
    int st = -1;
    bool later = false;
    for (size_t i = 0; i < a->n_log; i++) {
        if (a->log[i].status < 0)
            continue;
        if (a->log[i].date <= d)
            st = a->log[i].status;
        else
            later = true;
    }
    if (st >= 0)
        return st;
    return later ? GOVERN_ACTION_OPEN : (int)a->status;
}

govern_date govern_action_done_on(const struct govern_action *a, govern_date d)
{
    if (govern_action_status_on(a, d) != GOVERN_ACTION_DONE)
        return GOVERN_DATE_NONE;
    govern_date on = a->created;
    for (size_t i = 0; i < a->n_log; i++)
        if (a->log[i].status >= 0 && a->log[i].date <= d)
            on = a->log[i].date;
    return on;
}

govern_date govern_action_due_on(const struct govern_action *a, govern_date d)
{
    govern_date due = GOVERN_DATE_NONE, first = GOVERN_DATE_NONE;
    for (size_t i = 0; i < a->n_log; i++) {
        if (a->log[i].due == GOVERN_DATE_NONE)
            continue;
        if (first == GOVERN_DATE_NONE)
            first = a->log[i].due;
        if (a->log[i].date <= d)
            due = a->log[i].due;
    }
    if (due != GOVERN_DATE_NONE)
        return due;
    return first != GOVERN_DATE_NONE ? first : a->due;
}

/* Does note (as `action update` writes it: "Referred to a; Referred to b.
 * note") record the referral to slug? */
static bool note_refers(const char *note, const char *slug)
{
    static const char lead[] = "Referred to ";
    size_t n = strlen(slug);
    for (const char *p = note; p && (p = strstr(p, lead)); p++) {
        const char *s = p + sizeof(lead) - 1;
        if (!strncmp(s, slug, n) && (s[n] == '\0' || s[n] == ';' || s[n] == '.'))
            return true;
    }
    return false;
}

bool govern_action_referred_on(const struct govern_action *a, size_t i, govern_date d)
{
    for (size_t k = 0; k < a->n_log; k++)
        if (a->log[k].date > d && a->log[k].note && note_refers(a->log[k].note, a->referred_to[i]))
            return false;
    return true;
}

bool govern_action_rewind(struct govern_action *a, govern_date d)
{
    int st = govern_action_status_on(a, d);
    if (st < 0)
        return false;
    govern_date due = govern_action_due_on(a, d);
    size_t keep = 0;
    for (size_t i = 0; i < a->n_referred; i++)
        if (govern_action_referred_on(a, i, d))
            a->referred_to[keep++] = a->referred_to[i];
    a->n_referred = keep;
    keep = 0;
    a->updated = a->created;
    for (size_t i = 0; i < a->n_log; i++)
        if (a->log[i].date <= d) {
            a->log[keep++] = a->log[i];
            if (a->log[i].date > a->updated)
                a->updated = a->log[i].date;
        }
    a->n_log = keep;
    a->status = (enum govern_action_status)st;
    a->due = due;
    return true;
}

bool govern_action_id_valid(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n < 10 || n > 80)
        return false;
    const char *last = strrchr(id, '-');
    if (!last || last - id < 6)
        return false;
    size_t digits = strlen(last + 1);
    if (digits < 3 || digits > 9)
        return false;
    for (const char *p = last + 1; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    const char *year = last - 4;
    if (year[-1] != '-')
        return false;
    for (int i = 0; i < 4; i++)
        if (year[i] < '0' || year[i] > '9')
            return false;
    const char *pe = year - 1; /* the '-' after the prefix */
    if (pe == id || id[0] == '-' || pe[-1] == '-')
        return false;
    for (const char *p = id; p < pe; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return true;
}

bool govern_action_priority_id_valid(const char *id)
{
    const char *slash = id ? strrchr(id, '/') : NULL;
    if (!slash || slash == id || slash - id > 200 || !slash[1] || slash[1] == '0' ||
        (slash[2] && slash[3]))
        return false;
    for (const char *p = slash + 1; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    for (const char *p = id; p < slash; p++)
        if ((unsigned char)*p <= ' ' || *p == '/' || *p == 0x7f)
            return false;
    return true;
}

char *govern_action_prefix(const struct govern_committee *c)
{
    char *p = govern_strdup(c->short_name && *c->short_name ? c->short_name : c->slug);
    for (char *q = p; q && *q; q++)
        if (*q >= 'a' && *q <= 'z')
            *q = (char)(*q - 'a' + 'A');
    return p;
}

/* Orders ids by prefix, year, then serial as a number (…-999 before …-1000). */
int action_cmp_id(const char *a, const char *b)
{
    const char *da = strrchr(a, '-'), *db = strrchr(b, '-');
    if (!da || !db)
        return strcmp(a, b);
    size_t pa = (size_t)(da - a), pb = (size_t)(db - b);
    int c = strncmp(a, b, pa < pb ? pa : pb);
    if (c || pa != pb)
        return c ? c : (pa < pb ? -1 : 1);
    size_t la = strlen(da + 1), lb = strlen(db + 1);
    if (la != lb)
        return la < lb ? -1 : 1;
    return strcmp(da + 1, db + 1);
}

/* ------------------------------------------------------- writing */

int govern_action_serialize(struct govern_buf *out, const struct govern_action *a)
{
    struct govern_node *m = govern_node_new_map(), *n;
    if (!m)
        return govern_oom();
    bool ok =
        govern_node_add_str(m, "id", a->id) && govern_node_add_str(m, "committee", a->committee);
    if (ok && (a->meeting || a->minute)) {
        ok = (n = govern_node_add_map(m, "raised_in")) &&
             govern_node_add_str(n, "meeting", a->meeting) &&
             govern_node_add_str(n, "minute", a->minute);
    }
    ok = ok && govern_node_add_str(m, "owner", a->owner);
    if (ok && a->due != GOVERN_DATE_NONE)
        ok = govern_node_add_date(m, "due", a->due);
    ok = ok && govern_node_add_str(m, "status", govern_action_status_name(a->status)) &&
         govern_node_add_str(m, "kind", a->kind) && govern_node_add_str(m, "priority", a->priority);
    if (ok && a->n_referred) {
        ok = (n = govern_node_add_seq(m, "referred_to"));
        for (size_t i = 0; ok && i < a->n_referred; i++)
            ok = govern_node_add_str(n, NULL, a->referred_to[i]);
    }
    ok = ok && govern_node_add_date(m, "created", a->created) &&
         govern_node_add_date(m, "updated",
                              a->updated != GOVERN_DATE_NONE ? a->updated : a->created);
    if (ok && a->n_log) {
        ok = (n = govern_node_add_seq(m, "log"));
        for (size_t i = 0; ok && i < a->n_log; i++) {
            const struct govern_action_log_entry *e = &a->log[i];
            struct govern_node *en = govern_node_add_map(n, NULL);
            ok = en && govern_node_add_date(en, "date", e->date) &&
                 govern_node_add_str(en, "by", e->by);
            if (ok && e->status >= 0)
                ok = govern_node_add_str(en, "status", govern_action_status_name(e->status));
            if (ok && e->due != GOVERN_DATE_NONE)
                ok = govern_node_add_date(en, "due", e->due);
            ok = ok && govern_node_add_str(en, "note", e->note);
        }
    }
    int rc = 0;
    if (!ok) {
        rc = govern_oom();
    } else {
        struct govern_buf body = GOVERN_BUF_INIT;
        rc = govern_buf_printf(&body, "\n%s\n", a->text);
        if (!rc)
            rc = govern_doc_emit(out, m, body.ptr);
        govern_buf_free(&body);
    }
    govern_node_free(m);
    return rc;
}

int govern_action_add_log(struct govern_action_register *r, struct govern_action *a,
                          const struct govern_action_log_entry *e)
{
    int rc = action_ensure_arena(r);
    if (rc)
        return rc;
    struct govern_action_log_entry *l = action_arena_alloc(r->arena, (a->n_log + 1) * sizeof(*l));
    if (!l)
        return govern_oom();
    if (a->n_log)
        memcpy(l, a->log, a->n_log * sizeof(*l));
    l[a->n_log] = *e;
    if (!(l[a->n_log].by = govern_action_register_strdup(r, e->by)) ||
        (e->note && !(l[a->n_log].note = govern_action_register_strdup(r, e->note))))
        return govern_oom();
    a->log = l;
    a->n_log++;
    if (a->updated == GOVERN_DATE_NONE || e->date > a->updated)
        a->updated = e->date;
    return 0;
}

int govern_action_next_id(char **out, struct govern_snapshot *head, struct govern_change *chg,
                          const char *prefix, int year)
{
    struct govern_strlist names = GOVERN_STRLIST_INIT;
    /* every entry counts, whatever its type and wherever it is: a committed
     * symbolic link or an untracked file at actions/ID.md holds its id too */
    int rc = govern_snapshot_list(&names, head, GOVERN_ACTIONS_DIR,
                                  GOVERN_ENTRY_FILE | GOVERN_ENTRY_DIR | GOVERN_ENTRY_OTHER |
                                      GOVERN_ENTRY_WORKTREE);
    if (rc)
        return rc;
    char stem[96];
    snprintf(stem, sizeof(stem), "%s-%04d-", prefix, year);
    size_t sl = strlen(stem);
    long max = 0;
    for (size_t i = 0; i < names.count; i++) {
        const char *nm = names.items[i];
        if (strncmp(nm, stem, sl))
            continue;
        char *end;
        long v = strtol(nm + sl, &end, 10);
        if (end != nm + sl && !strcmp(end, ".md") && v > max)
            max = v;
    }
    govern_strlist_free(&names);
    char id[128], path[160];
    for (long s = max + 1;; s++) {
        snprintf(id, sizeof(id), "%s%03ld", stem, s);
        snprintf(path, sizeof(path), "%s/%s.md", GOVERN_ACTIONS_DIR, id);
        bool touched = false;
        if (chg)
            govern_change_get(chg, path, &touched);
        if (!touched)
            break;
    }
    *out = govern_strdup(id);
    return *out ? 0 : GOVERN_ENOMEM;
}

/* Was the action raised where the public may not see: asked of the public
 * view, which answers "withheld" for anything it cannot prove public. */
bool govern_action_confidential(struct govern_public *view, const struct govern_action *a,
                                int *para)
{
    return govern_public_withheld(view, a->meeting, a->minute, para);
}

int govern_action_register_public(struct govern_action_register *r, struct govern_public *view)
{
    for (size_t i = 0; i < r->count; i++) {
        struct govern_action *a = &r->items[i];
        int para;
        if (!govern_action_confidential(view, a, &para))
            continue;
        char text[200];
        if (para)
            snprintf(
                text, sizeof(text),
                "Not for publication: raised in exempt minute %s (Schedule 12A, paragraph %d).",
                a->minute, para);
        else if (a->minute)
            snprintf(text, sizeof(text),
                     "Not for publication: raised in minute %s, in private or exempt.", a->minute);
        else
            snprintf(text, sizeof(text),
                     "Not for publication: raised at a meeting held in private.");
        const char *t = govern_action_register_strdup(r, text);
        const char *o = govern_action_register_strdup(r, "Not for publication");
        if (!t || !o)
            return govern_oom();
        a->text = t;
        a->owner = o;
        a->priority = NULL; /* fail closed: nothing of it beyond the id and dates */
        for (size_t k = 0; k < a->n_log; k++)
            a->log[k].note = NULL; /* progress notes speak of the same matter */
    }
    return 0;
}
