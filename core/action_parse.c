/*
 * Reading one action file (include/govern/action.h, docs/actions.md) into
 * the register: the document parser (core/doc.c, whose fast path reads the
 * canonical form govern writes without libyaml) gives a tree, which becomes
 * a "raw" record (text and line per field); one validator turns the raw
 * record into an action, with messages naming file and line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "action_priv.h"
#include "govern/doc.h"
#include "govern/meeting.h"
#include "govern/names.h"
#include "testing.h"

/* ------------------------------------------------------- raw records */

struct raw {
    const char *s; /* NULL: absent or null */
    int line;
};

struct raw_log {
    int line;
    struct raw date, by, status, due, note;
};

struct raw_action {
    struct raw id, committee, meeting, minute, owner, kind, due, status, created, updated, priority;
    struct raw referred[ACTION_MAX_REFERRED];
    size_t n_referred;
    int line_referred;
    struct raw_log *log;
    size_t n_log, cap_log;
    const char *body;
    int body_line;
};

static struct raw_log *raw_add_log(struct raw_action *ra, int line)
{
    if (ra->n_log == ra->cap_log) {
        size_t cap = ra->cap_log ? ra->cap_log * 2 : 8;
        struct raw_log *l = realloc(ra->log, cap * sizeof(*l));
        if (!l)
            return NULL;
        ra->log = l;
        ra->cap_log = cap;
    }
    struct raw_log *e = &ra->log[ra->n_log++];
    memset(e, 0, sizeof(*e));
    e->line = line;
    return e;
}

static const char *const top_keys[] = {"id",     "committee", "raised_in",   "owner",   "due",
                                       "status", "kind",      "referred_to", "created", "updated",
                                       "log",    "priority",  NULL};
static const char *const raised_keys[] = {"meeting", "minute", NULL};
static const char *const log_keys[] = {"date", "by", "status", "due", "note", NULL};

static struct raw *top_field(struct raw_action *ra, const char *key)
{
    static const size_t offs[] = {
        offsetof(struct raw_action, id),
        offsetof(struct raw_action, committee),
        SIZE_MAX,
        offsetof(struct raw_action, owner),
        offsetof(struct raw_action, due),
        offsetof(struct raw_action, status),
        offsetof(struct raw_action, kind),
        SIZE_MAX,
        offsetof(struct raw_action, created),
        offsetof(struct raw_action, updated),
        SIZE_MAX,
        offsetof(struct raw_action, priority),
    };
    for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++)
        if (offs[i] != SIZE_MAX && !strcmp(top_keys[i], key))
            return (struct raw *)((char *)ra + offs[i]);
    return NULL;
}

static struct raw *log_field(struct raw_log *e, const char *key)
{
    if (!strcmp(key, "date"))
        return &e->date;
    if (!strcmp(key, "by"))
        return &e->by;
    if (!strcmp(key, "status"))
        return &e->status;
    if (!strcmp(key, "due"))
        return &e->due;
    if (!strcmp(key, "note"))
        return &e->note;
    return NULL;
}

/* ------------------------------------------------------- document path */

static int scalar_at(struct raw *out, const struct govern_doc *doc, const struct govern_node *map,
                     size_t i)
{
    const struct govern_node *v = map->items[i];
    if (v->kind == GOVERN_NODE_NULL)
        return 0;
    if (v->kind != GOVERN_NODE_SCALAR)
        return govern_doc_error(doc, map->key_lines[i], "field '%s' must be a single value",
                                map->keys[i]);
    out->s = v->scalar;
    out->line = map->key_lines[i];
    return 0;
}

static int tree_to_raw(struct raw_action *ra, const struct govern_doc *doc)
{
    const struct govern_node *m = doc->meta;
    int rc = govern_node_check_keys(doc, m, top_keys);
    for (size_t i = 0; i < m->n && !rc; i++) {
        const char *k = m->keys[i];
        const struct govern_node *v = m->items[i];
        struct raw *f = top_field(ra, k);
        if (f) {
            rc = scalar_at(f, doc, m, i);
        } else if (!strcmp(k, "raised_in")) {
            if (v->kind == GOVERN_NODE_NULL)
                continue;
            if (v->kind != GOVERN_NODE_MAP)
                return govern_doc_error(doc, m->key_lines[i],
                                        "field 'raised_in' must be a map (meeting, minute)");
            if ((rc = govern_node_check_keys(doc, v, raised_keys)))
                return rc;
            for (size_t j = 0; j < v->n && !rc; j++)
                rc = scalar_at(!strcmp(v->keys[j], "meeting") ? &ra->meeting : &ra->minute, doc, v,
                               j);
        } else if (!strcmp(k, "referred_to")) {
            ra->line_referred = m->key_lines[i];
            if (v->kind == GOVERN_NODE_NULL)
                continue;
            if (v->kind != GOVERN_NODE_SEQ)
                return govern_doc_error(doc, m->key_lines[i],
                                        "field 'referred_to' must be a list of committees");
            if (v->n > ACTION_MAX_REFERRED)
                return govern_doc_error(doc, v->line, "more than %d committees in 'referred_to'",
                                        ACTION_MAX_REFERRED);
            for (size_t j = 0; j < v->n; j++) {
                const struct govern_node *it = v->items[j];
                if (it->kind != GOVERN_NODE_SCALAR)
                    return govern_doc_error(doc, it->line,
                                            "each entry of 'referred_to' must be a committee slug");
                ra->referred[ra->n_referred].s = it->scalar;
                ra->referred[ra->n_referred++].line = it->line;
            }
        } else if (!strcmp(k, "log")) {
            if (v->kind == GOVERN_NODE_NULL)
                continue;
            if (v->kind != GOVERN_NODE_SEQ)
                return govern_doc_error(doc, m->key_lines[i], "field 'log' must be a list");
            for (size_t j = 0; j < v->n && !rc; j++) {
                const struct govern_node *it = v->items[j];
                if (it->kind != GOVERN_NODE_MAP)
                    return govern_doc_error(doc, it->line,
                                            "each log entry must be a map (date, by, ...)");
                if ((rc = govern_node_check_keys(doc, it, log_keys)))
                    return rc;
                struct raw_log *e = raw_add_log(ra, it->line);
                if (!e)
                    return govern_oom();
                for (size_t q = 0; q < it->n && !rc; q++)
                    rc = scalar_at(log_field(e, it->keys[q]), doc, it, q);
            }
        }
    }
    ra->body = doc->body;
    ra->body_line = doc->body_line;
    return rc;
}

/* ------------------------------------------------------- validation */

static int ferr(const char *path, int line, const char *field, const char *msg)
{
    char copy[512]; /* msg may be the last error itself */
    snprintf(copy, sizeof(copy), "%s", msg);
    return govern_error_set(GOVERN_EINVAL, "%s:%d: field '%s': %s", path, line, field, copy);
}

static int need(const char *path, int line, const struct raw *r, const char *field)
{
    if (!r->s)
        return govern_error_set(GOVERN_EINVAL, "%s:%d: missing field '%s'", path, line, field);
    if (!*r->s)
        return ferr(path, r->line, field, "must not be empty");
    return 0;
}

static int one_line(const char *path, const struct raw *r, const char *field)
{
    if (r->s && (strchr(r->s, '\n') || strchr(r->s, '\r')))
        return ferr(path, r->line, field, "must be one line");
    return 0;
}

static int date_field(govern_date *out, const char *path, const struct raw *r, const char *field)
{
    *out = GOVERN_DATE_NONE;
    if (!r->s)
        return 0;
    if (govern_date_parse(out, r->s))
        return ferr(path, r->line, field, govern_error_last());
    return 0;
}

static bool minute_valid(const char *s)
{
    const char *slash = strchr(s, '/');
    if (!slash || slash == s || slash - s > 6 || strlen(slash + 1) != 2)
        return false;
    for (const char *p = s; *p; p++)
        if (p != slash && (*p < '0' || *p > '9'))
            return false;
    return s[0] != '0';
}

static const char *dup_or_null(struct govern_action_arena *a, const char *s)
{
    return s ? action_arena_strndup(a, s, strlen(s)) : NULL;
}

static int validate(struct govern_action *a, struct govern_action_arena *ar, const char *path,
                    const struct raw_action *ra)
{
    int rc;
    memset(a, 0, sizeof(*a));
    if ((rc = need(path, 1, &ra->id, "id")))
        return rc;
    if (!govern_action_id_valid(ra->id.s))
        return ferr(path, ra->id.line, "id",
                    "not an action id (SHORT-YYYY-NNN, e.g. CSG-2021-004)");
    if ((rc = need(path, 1, &ra->committee, "committee")))
        return rc;
    if (govern_slug_check(ra->committee.s))
        return ferr(path, ra->committee.line, "committee", govern_error_last());
    if (ra->meeting.s && govern_meeting_id_check(ra->meeting.s))
        return ferr(path, ra->meeting.line, "meeting", govern_error_last());
    if (ra->minute.s && !minute_valid(ra->minute.s))
        return ferr(path, ra->minute.line, "minute", "must be N/YY, e.g. 6/19");
    if ((rc = need(path, 1, &ra->owner, "owner")) || (rc = one_line(path, &ra->owner, "owner")))
        return rc;
    if (ra->kind.s && strcmp(ra->kind.s, "return"))
        return ferr(path, ra->kind.line, "kind", "must be 'return' when given");
    if (ra->priority.s && !govern_action_priority_id_valid(ra->priority.s))
        return ferr(path, ra->priority.line, "priority",
                    "not a priority id (SET/N, e.g. hcssg-2021-23/1)");
    if ((rc = date_field(&a->due, path, &ra->due, "due")))
        return rc;
    if ((rc = need(path, 1, &ra->status, "status")))
        return rc;
    if (govern_action_status_parse(&a->status, ra->status.s))
        return ferr(path, ra->status.line, "status", govern_error_last());
    if ((rc = need(path, 1, &ra->created, "created")) ||
        (rc = date_field(&a->created, path, &ra->created, "created")) ||
        (rc = date_field(&a->updated, path, &ra->updated, "updated")))
        return rc;
    for (size_t i = 0; i < ra->n_referred; i++) {
        if (govern_slug_check(ra->referred[i].s))
            return ferr(path, ra->referred[i].line, "referred_to", govern_error_last());
        for (size_t j = 0; j < i; j++)
            if (!strcmp(ra->referred[i].s, ra->referred[j].s))
                return govern_error_set(GOVERN_EINVAL, "%s:%d: referred_to: '%s' is listed twice",
                                        path, ra->referred[i].line, ra->referred[i].s);
    }
    /* the body, without blank lines around it */
    const char *b = ra->body ? ra->body : "";
    int body_line = ra->body_line;
    while (*b == '\n' || *b == ' ' || *b == '\t' || *b == '\r') {
        if (*b == '\n')
            body_line++;
        b++;
    }
    size_t bl = strlen(b);
    while (bl && (b[bl - 1] == '\n' || b[bl - 1] == ' ' || b[bl - 1] == '\t' || b[bl - 1] == '\r'))
        bl--;
    if (!bl)
        return govern_error_set(GOVERN_EINVAL,
                                "%s:%d: the action has no text (write it after the front matter)",
                                path, body_line > 0 ? body_line : 1);

    a->log = ra->n_log ? action_arena_alloc(ar, ra->n_log * sizeof(*a->log)) : NULL;
    if (ra->n_log && !a->log)
        return govern_oom();
    govern_date latest = a->created;
    for (size_t i = 0; i < ra->n_log; i++) {
        const struct raw_log *r = &ra->log[i];
        struct govern_action_log_entry *e = &a->log[i];
        e->line = r->line;
        e->status = -1;
        e->note = NULL; /* the arena is not zeroed */
        if ((rc = need(path, r->line, &r->date, "date")) ||
            (rc = date_field(&e->date, path, &r->date, "date")) ||
            (rc = need(path, r->line, &r->by, "by")) || (rc = one_line(path, &r->by, "by")) ||
            (rc = date_field(&e->due, path, &r->due, "due")))
            return rc;
        if (r->status.s) {
            enum govern_action_status st;
            if (govern_action_status_parse(&st, r->status.s))
                return ferr(path, r->status.line, "status", govern_error_last());
            e->status = (int)st;
        }
        if (!(e->by = dup_or_null(ar, r->by.s)) ||
            (r->note.s && !(e->note = dup_or_null(ar, r->note.s))))
            return govern_oom();
        if (e->date > latest)
            latest = e->date;
    }
    a->n_log = ra->n_log;
    if (a->updated == GOVERN_DATE_NONE)
        a->updated = latest;
    if (ra->n_referred) {
        a->referred_to = action_arena_alloc(ar, ra->n_referred * sizeof(*a->referred_to));
        if (!a->referred_to)
            return govern_oom();
        for (size_t i = 0; i < ra->n_referred; i++)
            if (!(a->referred_to[i] = dup_or_null(ar, ra->referred[i].s)))
                return govern_oom();
        a->n_referred = ra->n_referred;
    }
    a->line_id = ra->id.line;
    a->line_committee = ra->committee.line;
    a->line_meeting = ra->meeting.line;
    a->line_status = ra->status.line;
    a->line_referred = ra->line_referred;
    a->line_priority = ra->priority.line;
    if ((ra->priority.s && !(a->priority = dup_or_null(ar, ra->priority.s))) ||
        !(a->id = dup_or_null(ar, ra->id.s)) ||
        !(a->committee = dup_or_null(ar, ra->committee.s)) ||
        (ra->meeting.s && !(a->meeting = dup_or_null(ar, ra->meeting.s))) ||
        (ra->minute.s && !(a->minute = dup_or_null(ar, ra->minute.s))) ||
        !(a->owner = dup_or_null(ar, ra->owner.s)) ||
        (ra->kind.s && !(a->kind = dup_or_null(ar, ra->kind.s))) ||
        !(a->text = action_arena_strndup(ar, b, bl)) || !(a->path = dup_or_null(ar, path)))
        return govern_oom();
    return 0;
}

/* mode: 0 fast path when possible, 1 document parser only, 2 fast path only
 * (GOVERN_ENOTFOUND when the file is not in canonical form): for tests. */
/* The test seam of core/testing.h: mode chooses the document parser's path. */
int govern_action_parse_mode(struct govern_action_register *r, const char *path, char *text,
                             size_t len, enum govern_parse_mode mode)
{
    int rc;
    if ((rc = action_ensure_arena(r)))
        return rc;
    struct raw_action ra;
    memset(&ra, 0, sizeof(ra));
    struct govern_doc *doc = NULL;
    if ((rc = govern_doc_parse_mode(&doc, path, text, len, mode)) || (rc = tree_to_raw(&ra, doc)))
        goto out;
    if (r->count == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        struct govern_action *it = realloc(r->items, cap * sizeof(*it));
        if (!it) {
            rc = govern_oom();
            goto out;
        }
        r->items = it;
        r->cap = cap;
    }
    struct action_mark mk = action_arena_mark(r->arena);
    rc = validate(&r->items[r->count], r->arena, path, &ra);
    if (rc)
        action_arena_reset(r->arena, mk);
    else
        r->count++;
out:
    free(ra.log);
    govern_doc_free(doc);
    return rc;
}

int govern_action_parse(struct govern_action_register *r, const char *path, char *text, size_t len)
{
    return govern_action_parse_mode(r, path, text, len, GOVERN_PARSE_AUTO);
}

/* ------------------------------------------------------- loading */

static int id_path(char *out, size_t n, const char *id)
{
    if (!govern_action_id_valid(id))
        return govern_error_set(GOVERN_EINVAL,
                                "'%s' is not an action id (SHORT-YYYY-NNN, e.g. CSG-2021-004)", id);
    snprintf(out, n, "%s/%s.md", GOVERN_ACTIONS_DIR, id);
    return 0;
}

int govern_action_load(struct govern_action_register *r, struct govern_snapshot *snap,
                       const char *id)
{
    char path[128];
    int rc = id_path(path, sizeof(path), id);
    if (rc)
        return rc;
    struct govern_buf b = GOVERN_BUF_INIT;
    rc = govern_snapshot_read(&b, snap, path);
    if (rc == GOVERN_ENOTFOUND)
        rc = govern_error_set(GOVERN_ENOTFOUND, "unknown action '%s' (no %s)", id, path);
    if (!rc)
        rc = govern_action_parse(r, path, b.ptr ? b.ptr : (char *)"", b.len);
    if (!rc && strcmp(r->items[r->count - 1].id, id))
        rc = govern_error_set(GOVERN_EINVAL, "%s:%d: id '%s' does not match the file name", path,
                              r->items[r->count - 1].line_id, r->items[r->count - 1].id);
    govern_buf_free(&b);
    return rc;
}
