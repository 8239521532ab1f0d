/*
 * The risk log: one file per risk, risks/ID.md (docs/partnership.md), with
 * its impact, probability, counter measure, state and a dated log of every
 * change of rating, state and progress.  The rating is not stored: it is
 * read from the matrix in govern.yaml whenever a risk is loaded, while each
 * log entry keeps the rating as it was recorded, so the history shows how
 * the rating moved even after a council changes its matrix.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "partnership.h"
#include "govern/records.h"

static const char *const top_keys[] = {"id",      "committee", "impact", "probability", "owner",
                                       "counter", "priority",  "exempt", "state",       "status",
                                       "created", "updated",   "log",    NULL};
static const char *const log_keys[] = {"date",  "by",       "impact", "probability", "rating",
                                       "state", "progress", "status", NULL};

bool risk_id_valid(const char *s)
{
    const char *r = s ? strstr(s, "-R-") : NULL;
    if (!r || r == s)
        return false;
    for (const char *p = s; p < r; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    const char *d = r + 3;
    size_t n = strlen(d);
    if (n < 3 || n > 6)
        return false;
    for (; *d; d++)
        if (*d < '0' || *d > '9')
            return false;
    return true;
}

void risk_prefix(char out[80], const struct govern_committee *c)
{
    const char *s = c->short_name ? c->short_name : c->slug;
    size_t k = 0;
    for (; *s && k < 79; s++)
        out[k++] = (*s >= 'a' && *s <= 'z') ? (char)(*s - 'a' + 'A') : *s;
    out[k] = '\0';
}

static int status_parse(int *out, const struct govern_doc *doc, const struct govern_node *map)
{
    char *s = NULL;
    int rc = govern_node_str(&s, doc, map, "status", false);
    *out = -1;
    if (!rc && s) {
        if (!strcmp(s, "open"))
            *out = RISK_OPEN;
        else if (!strcmp(s, "closed"))
            *out = RISK_CLOSED;
        else
            rc = govern_doc_error(doc, govern_node_key_line(map, "status"),
                                  "field 'status' must be open or closed, not '%s'", s);
    }
    free(s);
    return rc;
}

/* A one-line text field. */
static int line_field(char **out, const struct govern_doc *doc, const struct govern_node *map,
                      const char *key, bool required)
{
    int rc = govern_node_str(out, doc, map, key, required);
    return rc ? rc : govern_node_one_line(doc, map, key, *out);
}

/* A level code of the matrix (impact or probability). */
static int level_field(char **out, const struct govern_doc *doc, const struct govern_node *map,
                       const char *key, const struct risk_matrix *m)
{
    int rc = govern_node_str(out, doc, map, key, false);
    if (rc || !*out)
        return rc;
    int i = risk_level_find(m, *out);
    if (i < 0) {
        struct govern_buf b = GOVERN_BUF_INIT;
        for (size_t k = 0; k < m->n_levels; k++)
            govern_buf_printf(&b, "%s%s", k ? ", " : "", m->levels[k]);
        rc = govern_doc_error(doc, govern_node_key_line(map, key),
                              "field '%s' must be one of the matrix's levels (%s), not '%s'", key,
                              b.ptr ? b.ptr : "", *out);
        govern_buf_free(&b);
        return rc;
    }
    free(*out);
    return (*out = strdup(m->levels[i])) ? 0 : govern_oom();
}

static int parse_log(struct risk *r, const struct govern_doc *doc, const struct risk_matrix *m)
{
    const struct govern_node *v = govern_node_get(doc->meta, "log");
    if (!v || v->kind == GOVERN_NODE_NULL)
        return 0;
    if (v->kind != GOVERN_NODE_SEQ)
        return govern_doc_error(doc, govern_node_key_line(doc->meta, "log"),
                                "field 'log' must be a list");
    if (v->n && !(r->log = calloc(v->n, sizeof(*r->log))))
        return govern_oom();
    govern_date latest = r->created;
    for (size_t i = 0; i < v->n; i++) {
        const struct govern_node *it = v->items[i];
        struct risk_log_entry *e = &r->log[r->n_log++];
        int rc;
        e->line = it->line;
        if (it->kind != GOVERN_NODE_MAP)
            return govern_doc_error(doc, it->line, "each log entry must be a map (date, by, ...)");
        if ((rc = govern_node_check_keys(doc, it, log_keys)) ||
            (rc = govern_node_date(&e->date, doc, it, "date", true)) ||
            (rc = line_field(&e->by, doc, it, "by", true)) ||
            (rc = level_field(&e->impact, doc, it, "impact", m)) ||
            (rc = level_field(&e->probability, doc, it, "probability", m)) ||
            (rc = line_field(&e->rating, doc, it, "rating", false)) ||
            (rc = line_field(&e->state, doc, it, "state", false)) ||
            (rc = line_field(&e->progress, doc, it, "progress", false)) ||
            (rc = status_parse(&e->status, doc, it)))
            return rc;
        if (e->date < latest)
            return govern_doc_error(doc, it->line,
                                    "log entries must not go back in time (%s is before an "
                                    "earlier entry or the created date)",
                                    govern_node_get(it, "date")->scalar);
        latest = e->date;
    }
    if (r->updated == GOVERN_DATE_NONE)
        r->updated = latest;
    return 0;
}

static int parse_fields(struct risk *r, const struct govern_doc *doc, const struct risk_matrix *m)
{
    const struct govern_node *t = doc->meta;
    int rc, st;
    if ((rc = govern_node_check_keys(doc, t, top_keys)) ||
        (rc = line_field(&r->id, doc, t, "id", true)) ||
        (rc = line_field(&r->committee, doc, t, "committee", true)) ||
        (rc = level_field(&r->impact, doc, t, "impact", m)) ||
        (rc = level_field(&r->probability, doc, t, "probability", m)) ||
        (rc = line_field(&r->owner, doc, t, "owner", false)) ||
        (rc = govern_node_str(&r->counter, doc, t, "counter", false)) ||
        (rc = line_field(&r->priority, doc, t, "priority", false)) ||
        (rc = govern_node_int(&r->exempt, doc, t, "exempt", false, 1, 7)) ||
        (rc = line_field(&r->state, doc, t, "state", false)) || (rc = status_parse(&st, doc, t)) ||
        (rc = govern_node_date(&r->created, doc, t, "created", true)) ||
        (rc = govern_node_date(&r->updated, doc, t, "updated", false)))
        return rc;
    if (!risk_id_valid(r->id))
        return govern_doc_error(doc, govern_node_key_line(t, "id"),
                                "field 'id': not a risk id (PREFIX-R-NNN, e.g. HCSSG-R-001)");
    if (govern_slug_check(r->committee))
        return govern_doc_error(doc, govern_node_key_line(t, "committee"), "field 'committee': %s",
                                govern_error_last());
    if (st < 0)
        return govern_doc_error(doc, 1, "missing field 'status'");
    if (!r->impact != !r->probability)
        return govern_doc_error(doc, govern_node_key_line(t, r->impact ? "impact" : "probability"),
                                "a risk has both 'impact' and 'probability', or neither");
    r->status = (enum risk_status)st;
    r->rating = r->impact ? risk_rating_of(m, risk_level_find(m, r->impact),
                                           risk_level_find(m, r->probability))
                          : -1;
    r->line_committee = govern_node_key_line(t, "committee");
    r->line_priority = govern_node_key_line(t, "priority");
    r->line_impact = govern_node_key_line(t, "impact");
    return parse_log(r, doc, m);
}

/* The description: the body without blank lines around it. */
static int take_text(struct risk *r, const struct govern_doc *doc)
{
    const char *b = doc->body ? doc->body : "";
    int line = doc->body_line;
    while (*b == '\n' || *b == ' ' || *b == '\t' || *b == '\r')
        line += *b++ == '\n';
    size_t n = strlen(b);
    while (n && strchr(" \t\r\n", b[n - 1]))
        n--;
    if (!n)
        return govern_doc_error(doc, line > 0 ? line : 1,
                                "the risk has no description (write it after the front matter)");
    return (r->text = strndup(b, n)) ? 0 : govern_oom();
}

int risk_parse(struct risk **out, const char *path, const char *text, size_t len,
               const struct risk_matrix *m)
{
    *out = NULL;
    struct risk *r = calloc(1, sizeof(*r));
    struct govern_doc *doc = NULL;
    if (!r)
        return govern_oom();
    r->rating = -1;
    int rc = (r->path = strdup(path)) ? 0 : govern_oom();
    if (!rc && !(rc = govern_doc_parse(&doc, path, text, len)) && !(rc = parse_fields(r, doc, m)))
        rc = take_text(r, doc);
    if (!rc) {
        char want[160];
        snprintf(want, sizeof(want), "%s/%s.md", RISKS_DIR, r->id);
        if (strcmp(want, path))
            rc = govern_doc_error(doc, govern_node_key_line(doc->meta, "id"),
                                  "field 'id': the risk %s must be in %s", r->id, want);
    }
    govern_doc_free(doc);
    if (rc)
        risk_free(r);
    else
        *out = r;
    return rc;
}

int risk_load(struct risk **out, struct govern_snapshot *snap, const char *id,
              const struct risk_matrix *m)
{
    *out = NULL;
    if (!risk_id_valid(id))
        return govern_error_set(GOVERN_EINVAL, "'%s' is not a risk id (e.g. HCSSG-R-001)", id);
    char path[160];
    snprintf(path, sizeof(path), "%s/%s.md", RISKS_DIR, id);
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = govern_snapshot_read_record(&b, snap, path, "unknown risk '%s'", id);
    if (!rc)
        rc = risk_parse(out, path, b.ptr ? b.ptr : "", b.len, m);
    govern_buf_free(&b);
    return rc;
}

static int parse_one(void **out, const char *id, const char *path, const char *data, size_t len,
                     void *m)
{
    struct risk *r = NULL;
    int rc = risk_parse(&r, path, data, len, m);
    *out = r;
    return rc;
}

static void free_one(void *r)
{
    risk_free(r);
}

static const struct govern_record_type risk_records = {RISKS_DIR, parse_one, free_one};

/* By prefix, then serial as a number. */
static int by_id(const void *a, const void *b)
{
    const char *x = (*(struct risk *const *)a)->id, *y = (*(struct risk *const *)b)->id;
    const char *rx = strstr(x, "-R-"), *ry = strstr(y, "-R-");
    size_t px = (size_t)(rx - x), py = (size_t)(ry - y);
    int c = strncmp(x, y, px < py ? px : py);
    if (c || px != py)
        return c ? c : (px < py ? -1 : 1);
    long nx = strtol(rx + 3, NULL, 10), ny = strtol(ry + 3, NULL, 10);
    return (nx > ny) - (nx < ny);
}

int risk_load_all(struct risk_list *out, struct govern_snapshot *snap, const struct risk_matrix *m,
                  struct govern_diags *diags)
{
    int rc = govern_records_load(&out->items, &out->count, snap, &risk_records, (void *)m, diags);
    if (rc)
        return rc;
    if (out->count)
        qsort(out->items, out->count, sizeof(*out->items), by_id);
    return 0;
}

int risk_next_id(char **out, struct govern_snapshot *head, const char *prefix)
{
    struct govern_strlist names = GOVERN_STRLIST_INIT;
    /* every entry holds its id, whatever its type (a committed symbolic
     * link) and wherever it is (an untracked file in the work tree) */
    int rc = govern_snapshot_list(&names, head, RISKS_DIR,
                                  GOVERN_ENTRY_FILE | GOVERN_ENTRY_DIR | GOVERN_ENTRY_OTHER |
                                      GOVERN_ENTRY_WORKTREE);
    long max = 0;
    size_t pl = strlen(prefix);
    for (size_t i = 0; !rc && i < names.count; i++) {
        const char *s = names.items[i];
        if (!strncmp(s, prefix, pl) && !strncmp(s + pl, "-R-", 3)) {
            long v = strtol(s + pl + 3, NULL, 10);
            if (v > max)
                max = v;
        }
    }
    govern_strlist_free(&names);
    if (rc)
        return rc;
    char id[120];
    snprintf(id, sizeof(id), "%s-R-%03ld", prefix, max + 1);
    return (*out = strdup(id)) ? 0 : govern_oom();
}

static void entry_clear(struct risk_log_entry *e)
{
    free(e->by);
    free(e->impact);
    free(e->probability);
    free(e->rating);
    free(e->state);
    free(e->progress);
}

void risk_free(struct risk *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_log; i++)
        entry_clear(&r->log[i]);
    free(r->log);
    free(r->id);
    free(r->committee);
    free(r->impact);
    free(r->probability);
    free(r->owner);
    free(r->counter);
    free(r->priority);
    free(r->state);
    free(r->text);
    free(r->path);
    free(r);
}

void risk_list_free(struct risk_list *l)
{
    if (l)
        govern_records_free(&l->items, &l->count, free_one);
}

static char *dup_opt(const char *s, bool *ok)
{
    char *p = s ? strdup(s) : NULL;
    if (s && !p)
        *ok = false;
    return p;
}

int risk_add_log(struct risk *r, const struct risk_log_entry *e)
{
    struct risk_log_entry *l = realloc(r->log, (r->n_log + 1) * sizeof(*l));
    if (!l)
        return govern_oom();
    r->log = l;
    struct risk_log_entry *n = &l[r->n_log];
    bool ok = true;
    *n = (struct risk_log_entry){.date = e->date, .status = e->status, .line = 0};
    n->by = dup_opt(e->by, &ok);
    n->impact = dup_opt(e->impact, &ok);
    n->probability = dup_opt(e->probability, &ok);
    n->rating = dup_opt(e->rating, &ok);
    n->state = dup_opt(e->state, &ok);
    n->progress = dup_opt(e->progress, &ok);
    r->n_log++;
    if (!ok)
        return govern_oom();
    r->updated = e->date;
    return 0;
}

int risk_public(struct risk **out, const struct risk *r)
{
    bool ok = true;
    struct risk *p = calloc(1, sizeof(*p));
    if (!p)
        return govern_oom();
    p->id = dup_opt(r->id, &ok);
    p->committee = dup_opt(r->committee, &ok);
    p->path = dup_opt(r->path, &ok);
    p->rating = r->rating;
    p->status = r->status;
    p->exempt = r->exempt;
    p->created = r->created;
    p->updated = r->updated;
    if (!r->exempt) {
        p->impact = dup_opt(r->impact, &ok);
        p->probability = dup_opt(r->probability, &ok);
        p->owner = dup_opt(r->owner, &ok);
        p->counter = dup_opt(r->counter, &ok);
        p->priority = dup_opt(r->priority, &ok);
        p->state = dup_opt(r->state, &ok);
        p->text = dup_opt(r->text, &ok);
        for (size_t i = 0; ok && i < r->n_log; i++)
            ok = !risk_add_log(p, &r->log[i]);
        p->updated = r->updated;
    } else {
        char t[160];
        snprintf(t, sizeof(t),
                 "Exempt information: not for publication by virtue of paragraph %d of Part 1 "
                 "of Schedule 12A to the Local Government Act 1972.",
                 r->exempt);
        p->text = dup_opt(t, &ok);
    }
    if (!ok) {
        risk_free(p);
        return govern_oom();
    }
    *out = p;
    return 0;
}

static bool add_entry(struct govern_node *seq, const struct risk_log_entry *e)
{
    struct govern_node *n = govern_node_add_map(seq, NULL);
    return n && govern_node_add_date(n, "date", e->date) && govern_node_add_str(n, "by", e->by) &&
           govern_node_add_str(n, "impact", e->impact) &&
           govern_node_add_str(n, "probability", e->probability) &&
           govern_node_add_str(n, "rating", e->rating) &&
           govern_node_add_str(n, "state", e->state) &&
           govern_node_add_str(n, "progress", e->progress) &&
           (e->status < 0 ||
            govern_node_add_str(n, "status", e->status == RISK_CLOSED ? "closed" : "open"));
}

int risk_serialize(struct govern_buf *out, const struct risk *r)
{
    struct govern_node *m = govern_node_new_map(), *n;
    if (!m)
        return govern_oom();
    bool ok = govern_node_add_str(m, "id", r->id) &&
              govern_node_add_str(m, "committee", r->committee) &&
              govern_node_add_str(m, "impact", r->impact) &&
              govern_node_add_str(m, "probability", r->probability) &&
              govern_node_add_str(m, "owner", r->owner) &&
              govern_node_add_str(m, "counter", r->counter) &&
              govern_node_add_str(m, "priority", r->priority) &&
              (!r->exempt || govern_node_add_int(m, "exempt", r->exempt)) &&
              govern_node_add_str(m, "state", r->state) &&
              govern_node_add_str(m, "status", r->status == RISK_CLOSED ? "closed" : "open") &&
              govern_node_add_date(m, "created", r->created) &&
              govern_node_add_date(m, "updated",
                                   r->updated != GOVERN_DATE_NONE ? r->updated : r->created);
    if (ok && r->n_log) {
        ok = (n = govern_node_add_seq(m, "log"));
        for (size_t i = 0; ok && i < r->n_log; i++)
            ok = add_entry(n, &r->log[i]);
    }
    int rc = ok ? 0 : govern_oom();
    if (!rc) {
        struct govern_buf body = GOVERN_BUF_INIT;
        rc = govern_buf_printf(&body, "\n%s\n", r->text ? r->text : "");
        if (!rc)
            rc = govern_doc_emit(out, m, body.ptr);
        govern_buf_free(&body);
    }
    govern_node_free(m);
    return rc;
}
