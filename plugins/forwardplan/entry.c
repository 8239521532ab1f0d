/*
 * Forward Plan entries on disk: forward-plan/ID.md, front matter read
 * through the doc model (unknown fields refused, every error naming the
 * file and line) and a Markdown body describing the matter.  Serialisation
 * is canonical, so parse(serialize(e)) gives e back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "forwardplan.h"
#include "govern/records.h"

static const char *const exception_names[] = {NULL, "general-exception", "special-urgency"};

const char *fp_exception_name(enum fp_exception e)
{
    return e == FP_GENERAL_EXCEPTION ? exception_names[1]
           : e == FP_SPECIAL_URGENCY ? exception_names[2]
                                     : "none";
}

int fp_exception_parse(enum fp_exception *out, const char *s)
{
    for (int i = 1; i <= 2; i++)
        if (!strcmp(s, exception_names[i])) {
            *out = (enum fp_exception)i;
            return 0;
        }
    return govern_error_set(GOVERN_EINVAL,
                            "unknown exception '%s' (general-exception or special-urgency)", s);
}

int fp_id_check(const char *id)
{
    if (govern_slug_check(id))
        return govern_error_set(GOVERN_EINVAL,
                                "invalid Forward Plan entry id '%s' (lower-case letters, digits "
                                "and '-', as 'govern forward-plan' shows)",
                                id);
    return 0;
}

char *fp_path(const char *id)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    if (govern_buf_printf(&b, "%s/%s.md", FP_DIR, id))
        return NULL;
    return govern_buf_detach(&b);
}

int fp_clear_days(govern_date a, govern_date b)
{
    return (int)(b - a - 1);
}

void fp_free(struct fp_entry *e)
{
    if (!e)
        return;
    char **s[] = {&e->id,
                  &e->path,
                  &e->title,
                  &e->maker,
                  &e->meeting,
                  &e->reference,
                  &e->private_reason,
                  &e->scrutiny_chair,
                  &e->urgency_reason,
                  &e->documents,
                  &e->contact,
                  &e->notes,
                  &e->body};
    for (size_t i = 0; i < sizeof(s) / sizeof(*s); i++)
        free(*s[i]);
    govern_field_lines_clear(&e->lines);
    free(e);
}

/* A text field that must be on one line (or absent). */
static int one_line_str(char **out, const struct govern_doc *doc, const struct govern_node *m,
                        const char *key, bool required)
{
    int rc = govern_node_str(out, doc, m, key, required);
    if (!rc)
        rc = govern_node_one_line(doc, m, key, *out);
    if (!rc && *out && !**out)
        rc =
            govern_doc_error(doc, govern_node_key_line(m, key), "field '%s' may not be empty", key);
    return rc;
}

static int parse_meta(struct fp_entry *e, const struct govern_doc *doc)
{
    static const char *const keys[] = {
        "title",          "decision_maker",  "meeting", "date",           "key",
        "reference",      "first_published", "private", "private_reason", "exception",
        "scrutiny_chair", "informed",        "agreed",  "urgency_reason", "documents",
        "contact",        "notes",           NULL};
    const struct govern_node *m = doc->meta;
    char *ex = NULL;
    int rc = govern_node_check_keys(doc, m, keys);
    if (!rc)
        rc = one_line_str(&e->title, doc, m, "title", true);
    if (!rc)
        rc = one_line_str(&e->maker, doc, m, "decision_maker", true);
    if (!rc)
        rc = one_line_str(&e->meeting, doc, m, "meeting", false);
    if (!rc && e->meeting && govern_meeting_id_check(e->meeting))
        rc = govern_doc_error(doc, govern_node_key_line(m, "meeting"), "field 'meeting': %s",
                              govern_error_last());
    if (!rc)
        rc = govern_node_date(&e->date, doc, m, "date", true);
    if (!rc)
        rc = govern_node_bool(&e->key, doc, m, "key", true);
    if (!rc)
        rc = one_line_str(&e->reference, doc, m, "reference", false);
    if (!rc)
        rc = govern_node_date(&e->first_published, doc, m, "first_published", false);
    if (!rc)
        rc = govern_node_int(&e->private_, doc, m, "private", false, 1, 7);
    if (!rc)
        rc = govern_node_str(&e->private_reason, doc, m, "private_reason", false);
    if (!rc)
        rc = govern_node_str(&ex, doc, m, "exception", false);
    if (!rc && ex && fp_exception_parse(&e->exception, ex))
        rc = govern_doc_error(doc, govern_node_key_line(m, "exception"), "%s", govern_error_last());
    free(ex);
    if (!rc)
        rc = one_line_str(&e->scrutiny_chair, doc, m, "scrutiny_chair", false);
    if (!rc)
        rc = govern_node_date(&e->informed, doc, m, "informed", false);
    if (!rc)
        rc = govern_node_date(&e->agreed, doc, m, "agreed", false);
    if (!rc)
        rc = govern_node_str(&e->urgency_reason, doc, m, "urgency_reason", false);
    if (!rc)
        rc = govern_node_str(&e->documents, doc, m, "documents", false);
    if (!rc)
        rc = one_line_str(&e->contact, doc, m, "contact", false);
    if (!rc)
        rc = govern_node_str(&e->notes, doc, m, "notes", false);
    if (!rc && e->private_reason && !e->private_)
        rc = govern_doc_error(doc, govern_node_key_line(m, "private_reason"),
                              "field 'private_reason' needs 'private' (the Schedule 12A "
                              "paragraph)");
    return rc;
}

int fp_parse(struct fp_entry **out, const char *id, const char *text, size_t len)
{
    *out = NULL;
    char *path = fp_path(id);
    if (!path)
        return govern_oom();
    if (fp_id_check(id)) {
        int rc = govern_error_prefix(GOVERN_EINVAL, "%s", path);
        free(path);
        return rc;
    }
    struct govern_doc *doc = NULL;
    struct fp_entry *e = calloc(1, sizeof(*e));
    int rc = e ? govern_doc_parse(&doc, path, text, len) : govern_oom();
    if (rc) {
        free(path);
        free(e);
        return rc;
    }
    e->path = path;
    e->date = e->first_published = e->informed = e->agreed = GOVERN_DATE_NONE;
    if (!(e->id = govern_strdup(id)))
        rc = govern_oom();
    if (!rc)
        rc = parse_meta(e, doc);
    if (!rc)
        rc = govern_field_lines_set(&e->lines, doc->meta);
    if (!rc && doc->body) {
        const char *b = doc->body;
        while (*b == '\n')
            b++;
        if (*b && !(e->body = govern_strdup(b)))
            rc = govern_oom();
    }
    govern_doc_free(doc);
    if (rc) {
        fp_free(e);
        return rc;
    }
    *out = e;
    return 0;
}

int fp_load(struct fp_entry **out, struct govern_snapshot *snap, const char *id)
{
    *out = NULL;
    int rc = fp_id_check(id);
    if (rc)
        return rc;
    char *path = fp_path(id);
    struct govern_buf b = GOVERN_BUF_INIT;
    if (!path)
        return govern_oom();
    rc = govern_snapshot_read_record(&b, snap, path, "unknown Forward Plan entry '%s'", id);
    if (!rc)
        rc = fp_parse(out, id, b.ptr, b.len);
    govern_buf_free(&b);
    free(path);
    return rc;
}

static bool add_date(struct govern_node *m, const char *key, govern_date d)
{
    return d == GOVERN_DATE_NONE || govern_node_add_date(m, key, d);
}

int fp_serialize(struct govern_buf *out, const struct fp_entry *e)
{
    struct govern_node *m = govern_node_new_map();
    if (!m)
        return govern_oom();
    bool ok = govern_node_add_str(m, "title", e->title) &&
              govern_node_add_str(m, "decision_maker", e->maker) &&
              govern_node_add_str(m, "meeting", e->meeting) && add_date(m, "date", e->date) &&
              govern_node_add_bool(m, "key", e->key) &&
              govern_node_add_str(m, "reference", e->reference) &&
              add_date(m, "first_published", e->first_published) &&
              (!e->private_ || govern_node_add_int(m, "private", e->private_)) &&
              govern_node_add_str(m, "private_reason", e->private_reason) &&
              govern_node_add_str(m, "exception",
                                  e->exception ? fp_exception_name(e->exception) : NULL) &&
              govern_node_add_str(m, "scrutiny_chair", e->scrutiny_chair) &&
              add_date(m, "informed", e->informed) && add_date(m, "agreed", e->agreed) &&
              govern_node_add_str(m, "urgency_reason", e->urgency_reason) &&
              govern_node_add_str(m, "documents", e->documents) &&
              govern_node_add_str(m, "contact", e->contact) &&
              govern_node_add_str(m, "notes", e->notes);
    int rc = ok ? govern_doc_emit_text(out, m, e->body) : govern_oom();
    govern_node_free(m);
    return rc;
}

static int parse_one(void **out, const char *id, const char *path, const char *data, size_t len,
                     void *ctx)
{
    struct fp_entry *e = NULL;
    int rc = fp_parse(&e, id, data, len);
    *out = e;
    return rc;
}

static void free_one(void *e)
{
    fp_free(e);
}

static const struct govern_record_type fp_records = {FP_DIR, parse_one, free_one};

int fp_list_load(struct fp_list *out, struct govern_snapshot *snap, struct govern_diags *diags)
{
    return govern_records_load(&out->items, &out->count, snap, &fp_records, NULL, diags);
}

void fp_list_free(struct fp_list *l)
{
    if (l)
        govern_records_free(&l->items, &l->count, free_one);
}

const struct fp_entry *fp_list_find(const struct fp_list *l, const char *ref)
{
    for (size_t i = 0; ref && i < l->count; i++)
        if (!strcmp(l->items[i]->id, ref) ||
            (l->items[i]->reference && !strcmp(l->items[i]->reference, ref)))
            return l->items[i];
    return NULL;
}
