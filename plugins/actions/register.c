/*
 * The action register (see register.h and docs/actions.md): actions/ID.md
 * files read into structs whose strings live in one arena per register,
 * validated field by field with messages naming file and line, written back
 * in canonical form through the document emitter, ids allocated from the
 * files already there.
 *
 * Reading has two paths that meet in one validator.  The fast path reads
 * the canonical form govern itself writes (plain scalars, block lists, the
 * fixed nesting of raised_in and log) line by line, in place, and gives up
 * on anything else: quotes, comments, flow style, nulls, unknown or repeated
 * keys, CR, unusual line breaks.  The document parser (libyaml) then reads
 * the file.  Both fill the same "raw" record (text and line per field), and
 * one validator turns it into an action, so the result and every message
 * are the same whichever path read the file.  tests/actions/test_register.c
 * checks that the two paths agree.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "register.h"
#include "govern/minutes.h"

/* ------------------------------------------------------------- arena */

struct chunk {
    struct chunk *next;
    size_t used, cap;
    _Alignas(max_align_t) char data[];
};

struct govern_action_arena {
    struct chunk *head;
};

struct arena_mark {
    struct chunk *chunk;
    size_t used;
};

static void *arena_alloc(struct govern_action_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (!a->head || a->head->used + n > a->head->cap) {
        size_t cap = n > 65536 ? n : 65536;
        struct chunk *c = malloc(sizeof(*c) + cap);
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

static const char *arena_strndup(struct govern_action_arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static struct arena_mark arena_mark(struct govern_action_arena *a)
{
    struct arena_mark m = {a->head, a->head ? a->head->used : 0};
    return m;
}

static void arena_reset(struct govern_action_arena *a, struct arena_mark m)
{
    while (a->head && a->head != m.chunk) {
        struct chunk *n = a->head->next;
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
        arena_reset(r->arena, (struct arena_mark){NULL, 0});
        free(r->arena);
    }
    free(r->items);
    memset(r, 0, sizeof(*r));
}

static int ensure_arena(struct govern_action_register *r)
{
    if (!r->arena && !(r->arena = calloc(1, sizeof(*r->arena))))
        return govern_oom();
    return 0;
}

const char *govern_action_register_strdup(struct govern_action_register *r, const char *s)
{
    if (!s || ensure_arena(r))
        return NULL;
    return arena_strndup(r->arena, s, strlen(s));
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
static int cmp_id(const char *a, const char *b)
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

/* ------------------------------------------------------- raw records */

struct raw {
    const char *s; /* NULL: absent or null */
    int line;
};

struct raw_log {
    int line;
    struct raw date, by, status, due, note;
};

#define MAX_REFERRED 64
#define MAX_LOG 10000

struct raw_action {
    struct raw id, committee, meeting, minute, owner, kind, due, status, created, updated, priority;
    struct raw referred[MAX_REFERRED];
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

/* ------------------------------------------------------- fast path */

/* A value the fast path may take as written: what libyaml reads as the same
 * plain text, and not a null. */
static bool plain_safe(const char *v)
{
    static const char indicators[] = "-?:,[]{}#&*!|>'\"%@`";
    if (!*v || strchr(indicators, *v) || *v == ' ')
        return false;
    if (!strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL"))
        return false;
    const unsigned char *p = (const unsigned char *)v;
    for (; *p; p++) {
        if (*p == '\t' || *p == '\r')
            return false;
        if (*p == ':' && (p[1] == ' ' || !p[1]))
            return false;
        if (*p == ' ' && (p[1] == '#' || !p[1]))
            return false;
        if (*p == 0xC2 && p[1] == 0x85) /* NEL */
            return false;
        if (*p == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
            return false;
        if (*p == 0xEF && p[1] == 0xBB && p[2] == 0xBF) /* BOM */
            return false;
    }
    return true;
}

/* Splits "key: value" / "key:" in place; false when the line is not that. */
static bool split_kv(char *p, char **key, char **val)
{
    char *k = p;
    while ((*p >= 'a' && *p <= 'z') || *p == '_')
        p++;
    if (p == k || *p != ':')
        return false;
    *p++ = '\0';
    *key = k;
    if (!*p) {
        *val = p;
        return true;
    }
    if (*p != ' ')
        return false;
    *val = p + 1;
    return true;
}

static int key_index(const char *const *keys, const char *k)
{
    for (int i = 0; keys[i]; i++)
        if (!strcmp(keys[i], k))
            return i;
    return -1;
}

/* 1: read; 0: not the canonical form (use the document parser); <0: error. */
static int fast_parse(struct raw_action *ra, char *text, size_t len)
{
    if (len < 4 || memcmp(text, "---\n", 4) != 0)
        return 0;
    enum { TOP, RAISED, REFERRED, LOG } ctx = TOP;
    unsigned seen = 0, seen_sub = 0;
    size_t n_sub = 0;
    char *p = text + 4;
    int line = 2;
    for (char *next = p;; line++) {
        p = next;
        char *nl = strchr(p, '\n');
        if (!nl)
            return 0;
        *nl = '\0';
        next = nl + 1;
        if (nl > p && nl[-1] == '\r')
            return 0;
        if (!strcmp(p, "---")) {
            if (ctx != TOP && n_sub == 0)
                return 0;
            ra->body = nl + 1;
            ra->body_line = line + 1;
            return 1;
        }
        char *key, *val;
        if (p[0] == ' ') {
            if (p[1] != ' ' || p[2] == ' ' || (ctx != RAISED && ctx != LOG) ||
                (ctx == LOG && n_sub == 0) || !split_kv(p + 2, &key, &val) || !plain_safe(val))
                return 0;
            if (ctx == RAISED) {
                int i = key_index(raised_keys, key);
                if (i < 0 || (seen_sub & (1u << i)))
                    return 0;
                seen_sub |= 1u << i;
                struct raw *f = i == 0 ? &ra->meeting : &ra->minute;
                f->s = val;
                f->line = line;
                n_sub++;
            } else {
                int i = key_index(log_keys, key);
                if (i < 0 || (seen_sub & (1u << i)))
                    return 0;
                seen_sub |= 1u << i;
                struct raw *f = log_field(&ra->log[ra->n_log - 1], key);
                f->s = val;
                f->line = line;
            }
            continue;
        }
        if (p[0] == '-' && p[1] == ' ') {
            if (ctx == REFERRED) {
                if (!plain_safe(p + 2) || ra->n_referred == MAX_REFERRED)
                    return 0;
                ra->referred[ra->n_referred].s = p + 2;
                ra->referred[ra->n_referred++].line = line;
                n_sub++;
            } else if (ctx == LOG) {
                if (ra->n_log == MAX_LOG || !split_kv(p + 2, &key, &val) || !plain_safe(val))
                    return 0;
                int i = key_index(log_keys, key);
                if (i < 0)
                    return 0;
                struct raw_log *e = raw_add_log(ra, line);
                if (!e)
                    return govern_oom();
                seen_sub = 1u << i;
                struct raw *f = log_field(e, key);
                f->s = val;
                f->line = line;
                n_sub++;
            } else {
                return 0;
            }
            continue;
        }
        if (ctx != TOP && n_sub == 0)
            return 0; /* "raised_in:" with nothing under it is a null */
        ctx = TOP;
        if (!split_kv(p, &key, &val))
            return 0;
        int i = key_index(top_keys, key);
        if (i < 0 || (seen & (1u << i)))
            return 0;
        seen |= 1u << i;
        if (!strcmp(key, "raised_in") || !strcmp(key, "referred_to") || !strcmp(key, "log")) {
            if (!strcmp(val, "[]")) {
                if (!strcmp(key, "raised_in"))
                    return 0; /* not a map: the parser says so */
                if (key[0] == 'r')
                    ra->line_referred = line;
                continue;
            }
            if (*val)
                return 0;
            ctx = key[0] == 'l' ? LOG : key[2] == 'i' ? RAISED : REFERRED;
            if (ctx == REFERRED)
                ra->line_referred = line;
            n_sub = 0;
            seen_sub = 0;
            continue;
        }
        if (!plain_safe(val))
            return 0;
        struct raw *f = top_field(ra, key);
        f->s = val;
        f->line = line;
    }
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
            if (v->n > MAX_REFERRED)
                return govern_doc_error(doc, v->line, "more than %d committees in 'referred_to'",
                                        MAX_REFERRED);
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
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
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

    a->log = ra->n_log ? arena_alloc(ar, ra->n_log * sizeof(*a->log)) : NULL;
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
        a->referred_to = arena_alloc(ar, ra->n_referred * sizeof(*a->referred_to));
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
        !(a->text = arena_strndup(ar, b, bl)) || !(a->path = dup_or_null(ar, path)))
        return govern_oom();
    return 0;
}

/* mode: 0 fast path when possible, 1 document parser only, 2 fast path only
 * (GOVERN_ENOTFOUND when the file is not in canonical form): for tests. */
int govern_action_parse_mode(struct govern_action_register *r, const char *path, char *text,
                             size_t len, int mode);

int govern_action_parse_mode(struct govern_action_register *r, const char *path, char *text,
                             size_t len, int mode)
{
    int rc;
    if ((rc = ensure_arena(r)))
        return rc;
    if (len > GOVERN_DOC_MAX_BYTES)
        return govern_error_set(GOVERN_EINVAL, "%s:1: file is too large (%zu bytes, limit %d)",
                                path, len, GOVERN_DOC_MAX_BYTES);
    if ((rc = govern_utf8_check(path, text, len)))
        return rc;
    struct raw_action ra;
    memset(&ra, 0, sizeof(ra));
    struct govern_doc *doc = NULL;
    char *copy = NULL;
    int fast = 0;
    if (mode != 1) {
        /* the fast path writes into the text: keep a copy for the parser */
        if (mode == 0 && !(copy = malloc(len + 1))) {
            rc = govern_oom();
            goto out;
        }
        if (copy)
            memcpy(copy, text, len + 1);
        fast = fast_parse(&ra, text, len);
        if (fast < 0) {
            rc = fast;
            goto out;
        }
    }
    if (!fast) {
        if (mode == 2) {
            rc = govern_error_set(GOVERN_ENOTFOUND, "%s: not in canonical form", path);
            goto out;
        }
        free(ra.log);
        memset(&ra, 0, sizeof(ra));
        if ((rc = govern_doc_parse(&doc, path, copy ? copy : text, len)) ||
            (rc = tree_to_raw(&ra, doc)))
            goto out;
    }
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
    struct arena_mark mk = arena_mark(r->arena);
    rc = validate(&r->items[r->count], r->arena, path, &ra);
    if (rc)
        arena_reset(r->arena, mk);
    else
        r->count++;
out:
    free(ra.log);
    free(copy);
    govern_doc_free(doc);
    return rc;
}

int govern_action_parse(struct govern_action_register *r, const char *path, char *text, size_t len)
{
    return govern_action_parse_mode(r, path, text, len, 0);
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

struct load_ctx {
    struct govern_action_register *r;
    govern_action_keep_fn keep;
    void *ctx;
    struct govern_diags *diags;
    bool failed; /* a file did not parse (reported in diags) */
    char path[600];
};

static int load_one(const char *name, char *data, size_t len, void *vctx)
{
    struct load_ctx *lc = vctx;
    size_t n = strlen(name);
    if (n < 4 || strcmp(name + n - 3, ".md"))
        return 0;
    snprintf(lc->path, sizeof(lc->path), "%s/%s", GOVERN_ACTIONS_DIR, name);
    struct govern_action_register *r = lc->r;
    struct arena_mark mk = arena_mark(r->arena);
    int rc = govern_action_parse(r, lc->path, data, len);
    if (rc) {
        if (!lc->diags || rc == GOVERN_ENOMEM)
            return rc;
        lc->failed = true;
        return govern_diags_add_error(lc->diags, lc->path);
    }
    if (lc->keep && !lc->keep(&r->items[r->count - 1], lc->ctx)) {
        r->count--;
        arena_reset(r->arena, mk);
    }
    return 0;
}

static int cmp_action(const void *a, const void *b)
{
    return cmp_id(((const struct govern_action *)a)->id, ((const struct govern_action *)b)->id);
}

/* ------------------------------------------------------- the cache */

/*
 * A derived, disposable copy of the parsed register, so that reading an
 * unchanged register does not open and parse every file:
 * $GIT_DIR/govern/actions-TREEID.cache, keyed by the id of the tree of
 * actions/ in the commit read (HEAD for the work tree, used only when the
 * store says the work tree's actions/ is identical to it).  It holds every
 * action that parsed, in id order, and is written only when every file
 * parsed.  Layout (host byte order; the header names the word size and byte
 * order, and a cache from another build is simply not used):
 *
 *   "GVACTC" VERSION(2 bytes) ENDIAN(u32) TREEID(40) COUNT(u64)
 *   PAYLOAD_LEN(u64) CHECKSUM(u64, of the payload)  PAYLOAD
 *
 * The payload is one record per action: fixed integers, then strings as a
 * u32 length (UINT32_MAX: NULL), the bytes and a NUL.  Loading reads the
 * file into the register's arena and points the strings into it.  Anything
 * wrong (missing, short, another tree, a bad checksum, a record out of
 * bounds) is a miss: the register is read from the files and the cache
 * rewritten.  GOVERN_NO_CACHE=1 (any non-empty value but "0") neither reads
 * nor writes it.
 */
#define CACHE_MAGIC "GVACTC03"
#define CACHE_HEADER 76
#define CACHE_ENDIAN 0x01020304u

static bool cache_disabled(void)
{
    const char *v = getenv("GOVERN_NO_CACHE");
    return v && *v && strcmp(v, "0");
}

static int put_u32(struct govern_buf *b, uint32_t v)
{
    return govern_buf_put(b, (const char *)&v, 4);
}

static int put_i32(struct govern_buf *b, int32_t v)
{
    return govern_buf_put(b, (const char *)&v, 4);
}

static int put_str(struct govern_buf *b, const char *s)
{
    if (!s)
        return put_u32(b, UINT32_MAX);
    size_t n = strlen(s);
    int rc = put_u32(b, (uint32_t)n);
    return rc ? rc : govern_buf_put(b, s, n + 1);
}

static int cache_encode(struct govern_buf *b, const struct govern_action *a)
{
    int rc = 0;
    int32_t ints[] = {a->due,
                      a->created,
                      a->updated,
                      (int32_t)a->status,
                      a->line_id,
                      a->line_committee,
                      a->line_meeting,
                      a->line_status,
                      a->line_referred,
                      (int32_t)a->n_referred,
                      (int32_t)a->n_log,
                      a->line_priority};
    for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]) && !rc; i++)
        rc = put_i32(b, ints[i]);
    const char *strs[] = {a->id,   a->committee, a->meeting, a->minute,  a->owner,
                          a->kind, a->text,      a->path,    a->priority};
    for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]) && !rc; i++)
        rc = put_str(b, strs[i]);
    for (size_t i = 0; i < a->n_referred && !rc; i++)
        rc = put_str(b, a->referred_to[i]);
    for (size_t i = 0; i < a->n_log && !rc; i++) {
        const struct govern_action_log_entry *e = &a->log[i];
        if (!(rc = put_i32(b, e->date)) && !(rc = put_i32(b, e->status)) &&
            !(rc = put_i32(b, e->due)) && !(rc = put_i32(b, e->line)) && !(rc = put_str(b, e->by)))
            rc = put_str(b, e->note);
    }
    return rc;
}

struct cursor {
    char *p, *end;
    bool bad;
};

static int32_t get_i32(struct cursor *c)
{
    int32_t v = 0;
    if (c->end - c->p < 4) {
        c->bad = true;
        return 0;
    }
    memcpy(&v, c->p, 4);
    c->p += 4;
    return v;
}

static const char *get_str(struct cursor *c)
{
    uint32_t n;
    if (c->end - c->p < 4) {
        c->bad = true;
        return NULL;
    }
    memcpy(&n, c->p, 4);
    c->p += 4;
    if (n == UINT32_MAX)
        return NULL;
    if ((size_t)(c->end - c->p) <= n || c->p[n] != '\0' || memchr(c->p, '\0', n)) {
        c->bad = true;
        return NULL;
    }
    const char *s = c->p;
    c->p += n + 1;
    return s;
}

bool govern_action_cache_intact(const char *data, size_t len)
{
    uint64_t plen, sum;
    uint32_t endian;
    if (len < CACHE_HEADER || memcmp(data, CACHE_MAGIC, 8))
        return false;
    memcpy(&endian, data + 8, 4);
    memcpy(&plen, data + 60, 8);
    memcpy(&sum, data + 68, 8);
    return endian == CACHE_ENDIAN && plen == len - CACHE_HEADER &&
           govern_checksum64((const unsigned char *)data + CACHE_HEADER, (size_t)plen) == sum;
}

static void cache_file(char *out, size_t n, struct govern_snapshot *snap, const char *tree)
{
    snprintf(out, n, "%sgovern/actions-%s.cache", govern_snapshot_gitdir(snap), tree);
}

/* 1: loaded from the cache (filtered by keep, sorted); 0: a miss (r is
 * left empty). */
static int cache_load(struct govern_action_register *r, const char *file, const char *tree,
                      govern_action_keep_fn keep, void *ctx)
{
    FILE *f = fopen(file, "rbe");
    if (!f)
        return 0;
    unsigned char h[CACHE_HEADER];
    uint64_t count, plen, sum;
    uint32_t endian;
    int hit = 0;
    if (fread(h, 1, sizeof(h), f) != sizeof(h) || memcmp(h, CACHE_MAGIC, 8))
        goto out;
    memcpy(&endian, h + 8, 4);
    memcpy(&count, h + 52, 8);
    memcpy(&plen, h + 60, 8);
    memcpy(&sum, h + 68, 8);
    if (endian != CACHE_ENDIAN || memcmp(h + 12, tree, 40) || plen > ((uint64_t)1 << 34) ||
        count > plen / 40)
        goto out;
    struct arena_mark mk = arena_mark(r->arena);
    char *data = arena_alloc(r->arena, (size_t)plen + 1);
    struct govern_action *items = count ? calloc((size_t)count, sizeof(*items)) : NULL;
    if (!data || (count && !items) || fread(data, 1, (size_t)plen, f) != plen || fgetc(f) != EOF ||
        govern_checksum64((const unsigned char *)data, (size_t)plen) != sum) {
        free(items);
        arena_reset(r->arena, mk);
        goto out;
    }
    struct cursor c = {data, data + plen, false};
    size_t kept = 0;
    for (uint64_t i = 0; i < count && !c.bad; i++) {
        struct govern_action *a = &items[kept];
        int32_t v[12];
        for (size_t k = 0; k < 12; k++)
            v[k] = get_i32(&c);
        if (c.bad || v[3] < 0 || v[3] >= GOVERN_ACTION_N_STATUS || v[9] < 0 ||
            v[9] > MAX_REFERRED || v[10] < 0 || v[10] > MAX_LOG) {
            c.bad = true;
            break;
        }
        a->due = v[0];
        a->created = v[1];
        a->updated = v[2];
        a->status = (enum govern_action_status)v[3];
        a->line_id = v[4];
        a->line_committee = v[5];
        a->line_meeting = v[6];
        a->line_status = v[7];
        a->line_referred = v[8];
        a->n_referred = (size_t)v[9];
        a->n_log = (size_t)v[10];
        a->line_priority = v[11];
        a->id = get_str(&c);
        a->committee = get_str(&c);
        a->meeting = get_str(&c);
        a->minute = get_str(&c);
        a->owner = get_str(&c);
        a->kind = get_str(&c);
        a->text = get_str(&c);
        a->path = get_str(&c);
        a->priority = get_str(&c);
        if (!a->id || !a->committee || !a->owner || !a->text || !a->path)
            c.bad = true;
        if (c.bad)
            break;
        struct arena_mark am = arena_mark(r->arena);
        a->referred_to =
            a->n_referred ? arena_alloc(r->arena, a->n_referred * sizeof(char *)) : NULL;
        a->log = a->n_log ? arena_alloc(r->arena, a->n_log * sizeof(*a->log)) : NULL;
        if ((a->n_referred && !a->referred_to) || (a->n_log && !a->log)) {
            c.bad = true;
            break;
        }
        for (size_t k = 0; k < a->n_referred; k++)
            if (!(a->referred_to[k] = get_str(&c)))
                c.bad = true;
        for (size_t k = 0; k < a->n_log && !c.bad; k++) {
            struct govern_action_log_entry *e = &a->log[k];
            e->date = get_i32(&c);
            e->status = get_i32(&c);
            e->due = get_i32(&c);
            e->line = get_i32(&c);
            e->by = get_str(&c);
            e->note = get_str(&c);
            if (!e->by || e->status < -1 || e->status >= GOVERN_ACTION_N_STATUS)
                c.bad = true;
        }
        if (c.bad)
            break;
        if (keep && !keep(a, ctx))
            arena_reset(r->arena, am);
        else
            kept++;
    }
    if (c.bad || c.p != c.end) {
        free(items);
        arena_reset(r->arena, mk);
        goto out;
    }
    free(r->items);
    r->items = items;
    r->count = kept;
    r->cap = (size_t)count;
    hit = 1;
out:
    fclose(f);
    return hit;
}

/* Writes the cache of a whole register, atomically; failures are ignored:
 * the cache is an optimisation, and the repository may be read-only. */
static void cache_store(const struct govern_action_register *r, struct govern_snapshot *snap,
                        const char *tree)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    char file[4200], tmp[4300], dir[4200];
    int rc = govern_buf_grow(&b, CACHE_HEADER + r->count * 256);
    if (!rc)
        b.len = CACHE_HEADER;
    for (size_t i = 0; i < r->count && !rc; i++)
        rc = cache_encode(&b, &r->items[i]);
    if (rc) {
        govern_error_clear();
        govern_buf_free(&b);
        return;
    }
    uint64_t count = r->count, plen = b.len - CACHE_HEADER;
    uint64_t sum = govern_checksum64((const unsigned char *)b.ptr + CACHE_HEADER, (size_t)plen);
    uint32_t endian = CACHE_ENDIAN;
    memcpy(b.ptr, CACHE_MAGIC, 8);
    memcpy(b.ptr + 8, &endian, 4);
    memcpy(b.ptr + 12, tree, 40);
    memcpy(b.ptr + 52, &count, 8);
    memcpy(b.ptr + 60, &plen, 8);
    memcpy(b.ptr + 68, &sum, 8);
    snprintf(dir, sizeof(dir), "%sgovern", govern_snapshot_gitdir(snap));
    mkdir(dir, 0777);
    cache_file(file, sizeof(file), snap, tree);
    snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", file, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd >= 0) {
        size_t off = 0;
        while (off < b.len) {
            ssize_t n = write(fd, b.ptr + off, b.len - off);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            off += (size_t)n;
        }
        if (close(fd) != 0 || off != b.len || rename(tmp, file) != 0) {
            unlink(tmp);
        } else {
            /* one register cache per repository: drop the others (older trees) */
            DIR *d = opendir(dir);
            struct dirent *de;
            const char *base = strrchr(file, '/') + 1;
            while (d && (de = readdir(d)))
                if (!strncmp(de->d_name, "actions-", 8) && strcmp(de->d_name, base) &&
                    (strstr(de->d_name, ".cache")))
                    unlinkat(dirfd(d), de->d_name, 0);
            if (d)
                closedir(d);
        }
    }
    govern_buf_free(&b);
}

/* Keeps the actions keep accepts (in order), dropping the others. */
static void filter_items(struct govern_action_register *r, govern_action_keep_fn keep, void *ctx)
{
    size_t k = 0;
    for (size_t i = 0; i < r->count; i++)
        if (keep(&r->items[i], ctx))
            r->items[k++] = r->items[i];
    r->count = k;
}

int govern_action_load_all(struct govern_action_register *r, struct govern_snapshot *snap,
                           govern_action_keep_fn keep, void *ctx, struct govern_diags *diags)
{
    int rc = ensure_arena(r);
    if (rc)
        return rc;
    char tree[41] = "", file[4200];
    bool clean = false, use_cache = !cache_disabled() && r->count == 0;
    if (use_cache) {
        if (govern_snapshot_tree_id(tree, &clean, snap, GOVERN_ACTIONS_DIR) != 0) {
            govern_error_clear();
            clean = false; /* no actions/ in the commit: nothing worth caching */
        }
        use_cache = clean;
    }
    if (use_cache) {
        cache_file(file, sizeof(file), snap, tree);
        if (cache_load(r, file, tree, keep, ctx))
            return 0;
    }
    /* with a cache to write, every action is kept and filtered afterwards */
    struct load_ctx lc = {.r = r, .keep = use_cache ? NULL : keep, .ctx = ctx, .diags = diags};
    if ((rc = govern_snapshot_each_file(snap, GOVERN_ACTIONS_DIR, load_one, &lc)))
        return rc;
    if (r->count > 1)
        qsort(r->items, r->count, sizeof(*r->items), cmp_action);
    if (use_cache && !lc.failed)
        cache_store(r, snap, tree);
    if (use_cache && keep)
        filter_items(r, keep, ctx);
    return 0;
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
    int rc = ensure_arena(r);
    if (rc)
        return rc;
    struct govern_action_log_entry *l = arena_alloc(r->arena, (a->n_log + 1) * sizeof(*l));
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
