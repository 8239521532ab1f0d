/*
 * Strategic priorities (include/govern/priority.h, docs/partnership.md):
 * priorities/COMMITTEE-PERIOD.md parsed, validated and written in canonical
 * form, and the quarterly reports each priority's co-sponsors owe.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/error.h"
#include "govern/model.h"
#include "govern/priority.h"
#include "govern/records.h"

int govern_quarter_parse(int *year, int *quarter, const char *s)
{
    int y, q;
    char tail;
    if (!s || strlen(s) != 7 || sscanf(s, "%4d-Q%1d%c", &y, &q, &tail) != 2 || y < 1900 ||
        y > 2999 || q < 1 || q > 4 || s[0] < '0' || s[0] > '9')
        return govern_error_set(GOVERN_EINVAL, "'%s' is not a quarter (YYYY-QN, e.g. 2022-Q1)",
                                s ? s : "");
    *year = y;
    *quarter = q;
    return 0;
}

void govern_quarter_range(govern_date *start, govern_date *end, int year, int quarter)
{
    int m = (quarter - 1) * 3 + 1;
    govern_date_from_ymd(start, year, m, 1);
    govern_date_from_ymd(end, year, m + 2, govern_date_days_in_month(year, m + 2));
}

/* A list of one-line texts. */
static int text_list(struct govern_strlist *out, const struct govern_doc *doc,
                     const struct govern_node *map, const char *key)
{
    const struct govern_node *v = govern_node_get(map, key);
    if (!v || v->kind == GOVERN_NODE_NULL)
        return 0;
    if (v->kind != GOVERN_NODE_SEQ)
        return govern_doc_error(doc, govern_node_key_line(map, key),
                                "field '%s' must be a list of one-line texts", key);
    for (size_t i = 0; i < v->n; i++) {
        const struct govern_node *it = v->items[i];
        if (it->kind != GOVERN_NODE_SCALAR || !*it->scalar)
            return govern_doc_error(doc, it->line, "each entry of '%s' must be a text", key);
        if (strchr(it->scalar, '\n') || strchr(it->scalar, '\r'))
            return govern_doc_error(doc, it->line, "each entry of '%s' must be on one line", key);
        if (govern_strlist_add(out, it->scalar))
            return govern_oom();
    }
    return 0;
}

/* A required or optional meeting id field. */
static int meeting_field(char **out, const struct govern_doc *doc, const struct govern_node *map,
                         const char *key)
{
    int rc = govern_node_str(out, doc, map, key, false);
    if (!rc && *out && govern_meeting_id_check(*out))
        rc = govern_doc_error(doc, govern_node_key_line(map, key), "field '%s': %s", key,
                              govern_error_last());
    return rc;
}

static const char *const sponsor_keys[] = {"name", "organisation", NULL};
static const char *const report_keys[] = {"quarter", "due", "received", NULL};
static const char *const item_keys[] = {"number", "title", "co_sponsors", "focus", "reports", NULL};
static const char *const set_keys[] = {"committee", "period",         "from",       "to", "agreed",
                                       "until",     "areas_of_focus", "priorities", NULL};

static int parse_sponsors(struct govern_priority *p, const struct govern_doc *doc,
                          const struct govern_node *map)
{
    const struct govern_node *v = govern_node_get(map, "co_sponsors");
    if (!v || v->kind == GOVERN_NODE_NULL)
        return 0;
    if (v->kind != GOVERN_NODE_SEQ)
        return govern_doc_error(doc, govern_node_key_line(map, "co_sponsors"),
                                "field 'co_sponsors' must be a list (name, organisation)");
    if (v->n && !(p->co_sponsors = calloc(v->n, sizeof(*p->co_sponsors))))
        return govern_oom();
    for (size_t i = 0; i < v->n; i++) {
        const struct govern_node *it = v->items[i];
        struct govern_co_sponsor *c = &p->co_sponsors[p->n_co_sponsors++];
        int rc;
        if (it->kind != GOVERN_NODE_MAP)
            return govern_doc_error(doc, it->line,
                                    "each co-sponsor must be a map (name, organisation)");
        if ((rc = govern_node_check_keys(doc, it, sponsor_keys)) ||
            (rc = govern_node_str(&c->name, doc, it, "name", true)) ||
            (rc = govern_node_one_line(doc, it, "name", c->name)) ||
            (rc = govern_node_str(&c->organisation, doc, it, "organisation", false)) ||
            (rc = govern_node_one_line(doc, it, "organisation", c->organisation)))
            return rc;
    }
    return 0;
}

static int parse_reports(struct govern_priority *p, const struct govern_doc *doc,
                         const struct govern_node *map)
{
    const struct govern_node *v = govern_node_get(map, "reports");
    if (!v || v->kind == GOVERN_NODE_NULL)
        return 0;
    if (v->kind != GOVERN_NODE_SEQ)
        return govern_doc_error(doc, govern_node_key_line(map, "reports"),
                                "field 'reports' must be a list (quarter, due, received)");
    if (v->n && !(p->reports = calloc(v->n, sizeof(*p->reports))))
        return govern_oom();
    for (size_t i = 0; i < v->n; i++) {
        const struct govern_node *it = v->items[i];
        struct govern_priority_report *r = &p->reports[p->n_reports++];
        char *q = NULL;
        int rc;
        r->line = it->line;
        if (it->kind != GOVERN_NODE_MAP)
            return govern_doc_error(doc, it->line,
                                    "each report must be a map (quarter, due, received)");
        if ((rc = govern_node_check_keys(doc, it, report_keys)) ||
            (rc = govern_node_str(&q, doc, it, "quarter", true)))
            return rc;
        if (govern_quarter_parse(&r->year, &r->quarter, q))
            rc = govern_doc_error(doc, govern_node_key_line(it, "quarter"), "field 'quarter': %s",
                                  govern_error_last());
        free(q);
        if (rc || (rc = govern_node_date(&r->due, doc, it, "due", false)) ||
            (rc = meeting_field(&r->received, doc, it, "received")))
            return rc;
        for (size_t j = 0; j + 1 < p->n_reports; j++)
            if (p->reports[j].year == r->year && p->reports[j].quarter == r->quarter)
                return govern_doc_error(doc, it->line, "the report for %d-Q%d is listed twice",
                                        r->year, r->quarter);
    }
    return 0;
}

static int parse_item(struct govern_priority_set *s, struct govern_priority *p,
                      const struct govern_doc *doc, const struct govern_node *it)
{
    int rc;
    p->line = it->line;
    if (it->kind != GOVERN_NODE_MAP)
        return govern_doc_error(doc, it->line, "each priority must be a map (number, title, ...)");
    if ((rc = govern_node_check_keys(doc, it, item_keys)) ||
        (rc = govern_node_int(&p->number, doc, it, "number", true, 1, GOVERN_PRIORITY_MAX)) ||
        (rc = govern_node_str(&p->title, doc, it, "title", true)) ||
        (rc = govern_node_one_line(doc, it, "title", p->title)) ||
        (rc = parse_sponsors(p, doc, it)) || (rc = text_list(&p->focus, doc, it, "focus")) ||
        (rc = parse_reports(p, doc, it)))
        return rc;
    for (size_t j = 0; j < s->count; j++)
        if (s->items[j].number == p->number)
            return govern_doc_error(doc, govern_node_key_line(it, "number"),
                                    "priority number %d is used twice", p->number);
    char id[160];
    snprintf(id, sizeof(id), "%s/%d", s->id, p->number);
    return (p->id = strdup(id)) ? 0 : govern_oom();
}

static int parse_items(struct govern_priority_set *s, const struct govern_doc *doc)
{
    const struct govern_node *v = govern_node_get(doc->meta, "priorities");
    if (!v || v->kind == GOVERN_NODE_NULL || (v->kind == GOVERN_NODE_SEQ && v->n == 0))
        return govern_doc_error(doc, govern_node_key_line(doc->meta, "priorities"),
                                "missing field 'priorities' (at least one priority)");
    if (v->kind != GOVERN_NODE_SEQ)
        return govern_doc_error(doc, govern_node_key_line(doc->meta, "priorities"),
                                "field 'priorities' must be a list");
    if (v->n > GOVERN_PRIORITY_MAX)
        return govern_doc_error(doc, v->line, "more than %d priorities", GOVERN_PRIORITY_MAX);
    if (!(s->items = calloc(v->n, sizeof(*s->items))))
        return govern_oom();
    for (size_t i = 0; i < v->n; i++) {
        int rc = parse_item(s, &s->items[s->count], doc, v->items[i]);
        s->count++;
        if (rc)
            return rc;
    }
    return 0;
}

/* committee, period, dates, until: the set's own fields. */
static int parse_head(struct govern_priority_set *s, const struct govern_doc *doc)
{
    const struct govern_node *m = doc->meta;
    char *until = NULL;
    int rc;
    if ((rc = govern_node_check_keys(doc, m, set_keys)) ||
        (rc = govern_node_str(&s->committee, doc, m, "committee", true)) ||
        (rc = govern_node_str(&s->period, doc, m, "period", true)) ||
        (rc = govern_node_date(&s->from, doc, m, "from", true)) ||
        (rc = govern_node_date(&s->to, doc, m, "to", true)) ||
        (rc = meeting_field(&s->agreed, doc, m, "agreed")) ||
        (rc = govern_node_str(&until, doc, m, "until", false)))
        return rc;
    if (govern_slug_check(s->committee))
        rc = govern_doc_error(doc, govern_node_key_line(m, "committee"), "field 'committee': %s",
                              govern_error_last());
    else if (govern_path_check_segment("period", s->period))
        rc = govern_doc_error(doc, govern_node_key_line(m, "period"), "field 'period': %s",
                              govern_error_last());
    else if (s->to < s->from)
        rc = govern_doc_error(doc, govern_node_key_line(m, "to"),
                              "field 'to' is before field 'from'");
    else if (until && govern_quarter_parse(&s->until_year, &s->until_quarter, until))
        rc = govern_doc_error(doc, govern_node_key_line(m, "until"), "field 'until': %s",
                              govern_error_last());
    free(until);
    if (rc)
        return rc;
    char want[200];
    snprintf(want, sizeof(want), "%s-%s", s->committee, s->period);
    if (strcmp(want, s->id))
        return govern_doc_error(doc, 1, "the file of the priorities of %s for %s must be %s/%s.md",
                                s->committee, s->period, GOVERN_PRIORITIES_DIR, want);
    return text_list(&s->areas, doc, m, "areas_of_focus");
}

int govern_priority_set_parse(struct govern_priority_set **out, const char *id, const char *text,
                              size_t len)
{
    *out = NULL;
    struct govern_priority_set *s = calloc(1, sizeof(*s));
    struct govern_doc *doc = NULL;
    char path[200];
    int rc;
    if (!s)
        return govern_oom();
    snprintf(path, sizeof(path), "%s/%s.md", GOVERN_PRIORITIES_DIR, id);
    if (!(s->id = strdup(id)) || !(s->path = strdup(path))) {
        rc = govern_oom();
        goto out;
    }
    if ((rc = govern_path_check_segment("priorities id", id)) ||
        (rc = govern_doc_parse(&doc, path, text, len)) || (rc = parse_head(s, doc)) ||
        (rc = parse_items(s, doc)) || (rc = govern_field_lines_set(&s->lines, doc->meta)))
        goto out;
    const char *body = doc->body ? doc->body : "";
    while (*body == '\n' || *body == '\r')
        body++; /* the blank line after the fence */
    if (*body && !(s->notes = strdup(body)))
        rc = govern_oom();
out:
    govern_doc_free(doc);
    if (rc)
        govern_priority_set_free(s);
    else
        *out = s;
    return rc;
}

int govern_priority_set_load(struct govern_priority_set **out, struct govern_snapshot *snap,
                             const char *id)
{
    *out = NULL;
    int rc = govern_path_check_segment("priorities id", id);
    if (rc)
        return rc;
    char path[200];
    snprintf(path, sizeof(path), "%s/%s.md", GOVERN_PRIORITIES_DIR, id);
    struct govern_buf b = GOVERN_BUF_INIT;
    rc = govern_snapshot_read_record(&b, snap, path, "unknown priorities '%s'", id);
    if (!rc)
        rc = govern_priority_set_parse(out, id, b.ptr ? b.ptr : "", b.len);
    govern_buf_free(&b);
    return rc;
}

static int parse_one(void **out, const char *id, const char *path, const char *data, size_t len,
                     void *ctx)
{
    struct govern_priority_set *s = NULL;
    int rc = govern_priority_set_parse(&s, id, data, len);
    *out = s;
    return rc;
}

static void free_one(void *s)
{
    govern_priority_set_free(s);
}

static const struct govern_record_type priority_records = {GOVERN_PRIORITIES_DIR, parse_one,
                                                           free_one};

int govern_priority_sets_load(struct govern_priority_sets *out, struct govern_snapshot *snap,
                              struct govern_diags *diags)
{
    /* name order: sorted by id */
    return govern_records_load(&out->items, &out->count, snap, &priority_records, NULL, diags);
}

static void priority_clear(struct govern_priority *p)
{
    free(p->id);
    free(p->title);
    for (size_t i = 0; i < p->n_co_sponsors; i++) {
        free(p->co_sponsors[i].name);
        free(p->co_sponsors[i].organisation);
    }
    free(p->co_sponsors);
    govern_strlist_free(&p->focus);
    for (size_t i = 0; i < p->n_reports; i++)
        free(p->reports[i].received);
    free(p->reports);
}

void govern_priority_set_free(struct govern_priority_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        priority_clear(&s->items[i]);
    free(s->items);
    free(s->id);
    free(s->committee);
    free(s->period);
    free(s->agreed);
    govern_strlist_free(&s->areas);
    free(s->notes);
    free(s->path);
    govern_field_lines_clear(&s->lines);
    free(s);
}

void govern_priority_sets_free(struct govern_priority_sets *s)
{
    if (s)
        govern_records_free(&s->items, &s->count, free_one);
}

const struct govern_priority *govern_priority_find(const struct govern_priority_sets *s,
                                                   const char *id,
                                                   const struct govern_priority_set **set)
{
    for (size_t i = 0; s && id && i < s->count; i++)
        for (size_t j = 0; j < s->items[i]->count; j++)
            if (!strcmp(s->items[i]->items[j].id, id)) {
                if (set)
                    *set = s->items[i];
                return &s->items[i]->items[j];
            }
    return NULL;
}

int govern_priority_reports_owed(struct govern_report_due **out, size_t *n,
                                 const struct govern_priority_set *s,
                                 const struct govern_priority *p)
{
    *out = NULL;
    *n = 0;
    int y, m, d;
    govern_date_to_ymd(s->from, &y, &m, &d);
    int q = (m - 1) / 3 + 1;
    govern_date start, end;
    govern_quarter_range(&start, &end, y, q);
    if (start < s->from && ++q > 4) {
        q = 1;
        y++;
    }
    size_t cap = 0;
    for (;; q == 4 ? (q = 1, y++) : q++) {
        govern_quarter_range(&start, &end, y, q);
        if (end > s->to || (s->until_year && (y * 4 + q > s->until_year * 4 + s->until_quarter)))
            break;
        int rc = govern_array_grow(out, &cap, *n + 1, sizeof(**out));
        if (rc) {
            free(*out);
            *out = NULL;
            return rc;
        }
        struct govern_report_due *r = &(*out)[(*n)++];
        r->year = y;
        r->quarter = q;
        r->due = end;
        r->entry = NULL;
        for (size_t i = 0; i < p->n_reports; i++)
            if (p->reports[i].year == y && p->reports[i].quarter == q) {
                r->entry = &p->reports[i];
                if (p->reports[i].due != GOVERN_DATE_NONE)
                    r->due = p->reports[i].due;
            }
    }
    return 0;
}

static bool serialize_item(struct govern_node *seq, const struct govern_priority *p)
{
    struct govern_node *it = govern_node_add_map(seq, NULL), *n;
    bool ok = it && govern_node_add_int(it, "number", p->number) &&
              govern_node_add_str(it, "title", p->title);
    if (ok && p->n_co_sponsors) {
        ok = (n = govern_node_add_seq(it, "co_sponsors"));
        for (size_t i = 0; ok && i < p->n_co_sponsors; i++) {
            struct govern_node *c = govern_node_add_map(n, NULL);
            ok = c && govern_node_add_str(c, "name", p->co_sponsors[i].name) &&
                 govern_node_add_str(c, "organisation", p->co_sponsors[i].organisation);
        }
    }
    if (ok && p->focus.count) {
        ok = (n = govern_node_add_seq(it, "focus"));
        for (size_t i = 0; ok && i < p->focus.count; i++)
            ok = govern_node_add_str(n, NULL, p->focus.items[i]);
    }
    if (ok && p->n_reports) {
        ok = (n = govern_node_add_seq(it, "reports"));
        for (size_t i = 0; ok && i < p->n_reports; i++) {
            const struct govern_priority_report *r = &p->reports[i];
            struct govern_node *c = govern_node_add_map(n, NULL);
            char q[16];
            snprintf(q, sizeof(q), "%d-Q%d", r->year, r->quarter);
            ok = c && govern_node_add_str(c, "quarter", q) &&
                 (r->due == GOVERN_DATE_NONE || govern_node_add_date(c, "due", r->due)) &&
                 govern_node_add_str(c, "received", r->received);
        }
    }
    return ok;
}

int govern_priority_set_serialize(struct govern_buf *out, const struct govern_priority_set *s)
{
    struct govern_node *m = govern_node_new_map(), *n;
    if (!m)
        return govern_oom();
    bool ok = govern_node_add_str(m, "committee", s->committee) &&
              govern_node_add_str(m, "period", s->period) &&
              govern_node_add_date(m, "from", s->from) && govern_node_add_date(m, "to", s->to) &&
              govern_node_add_str(m, "agreed", s->agreed);
    if (ok && s->until_year) {
        char q[16];
        snprintf(q, sizeof(q), "%d-Q%d", s->until_year, s->until_quarter);
        ok = govern_node_add_str(m, "until", q);
    }
    if (ok && s->areas.count) {
        ok = (n = govern_node_add_seq(m, "areas_of_focus"));
        for (size_t i = 0; ok && i < s->areas.count; i++)
            ok = govern_node_add_str(n, NULL, s->areas.items[i]);
    }
    ok = ok && (n = govern_node_add_seq(m, "priorities"));
    for (size_t i = 0; ok && i < s->count; i++)
        ok = serialize_item(n, &s->items[i]);
    int rc = ok ? 0 : govern_oom();
    if (!rc) {
        struct govern_buf body = GOVERN_BUF_INIT;
        if (s->notes && *s->notes)
            rc = govern_buf_printf(&body, "\n%s", s->notes);
        if (!rc)
            rc = govern_doc_emit(out, m, body.ptr);
        govern_buf_free(&body);
    }
    govern_node_free(m);
    return rc;
}
