/*
 * govern action add --from FILE: several actions written by the clerk in a
 * small YAML file, checked whole (every error names the file and line)
 * before anything is committed.  The format is in docs/actions.md:
 *
 *   actions:
 *   - text: Circulate the list of agencies on the operational group
 *     owner: Safer North Hampshire CSP
 *     due: 2020-03-31
 *     item: 6
 *     refer_to: [snh-csp]
 *     return: false
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "actions.h"

#define FILE_MAX (1024 * 1024)

static int parse_refer(struct actions_file_entry *e, const struct govern_doc *doc,
                       const struct govern_node *m)
{
    const struct govern_node *r = govern_node_get(m, "refer_to");
    if (!r || r->kind == GOVERN_NODE_NULL)
        return 0;
    if (r->kind != GOVERN_NODE_SEQ)
        return govern_doc_error(doc, r->line, "field 'refer_to' must be a list of committees");
    for (size_t i = 0; i < r->n; i++) {
        const struct govern_node *s = r->items[i];
        if (s->kind != GOVERN_NODE_SCALAR || govern_slug_check(s->scalar))
            return govern_doc_error(doc, s->line, "refer_to: not a committee slug");
        if (govern_strlist_add(&e->refer, s->scalar))
            return GOVERN_ENOMEM;
    }
    return 0;
}

static int parse_entry(struct actions_file_entry *e, const struct govern_doc *doc,
                       const struct govern_node *m)
{
    static const char *const keys[] = {"text", "owner", "due", "item", "refer_to", "return", NULL};
    int rc, item = 0;
    e->line = m->line;
    e->due = GOVERN_DATE_NONE;
    if (m->kind != GOVERN_NODE_MAP)
        return govern_doc_error(doc, m->line, "each action must be a map with text and owner");
    if ((rc = govern_node_check_keys(doc, m, keys)) ||
        (rc = govern_node_str(&e->text, doc, m, "text", true)) ||
        (rc = govern_node_str(&e->owner, doc, m, "owner", true)) ||
        (rc = govern_node_one_line(doc, m, "owner", e->owner)) ||
        (rc = govern_node_date(&e->due, doc, m, "due", false)) ||
        (rc = govern_node_int(&item, doc, m, "item", false, 1, 99999)) ||
        (rc = govern_node_bool(&e->is_return, doc, m, "return", false)))
        return rc;
    e->item = item;
    return parse_refer(e, doc, m);
}

int actions_file_parse(struct actions_file *out, const char *path)
{
    static const char *const keys[] = {"actions", NULL};
    struct govern_buf b = GOVERN_BUF_INIT;
    struct govern_doc *doc = NULL;
    memset(out, 0, sizeof(*out));
    int rc = govern_text_file_read(&b, "--from", path, FILE_MAX);
    if (!rc)
        rc = govern_doc_parse_yaml(&doc, path, b.ptr ? b.ptr : "", b.len);
    if (!rc)
        rc = govern_node_check_keys(doc, doc->meta, keys);
    const struct govern_node *list = rc ? NULL : govern_node_get(doc->meta, "actions");
    if (!rc && (!list || list->kind != GOVERN_NODE_SEQ || !list->n))
        rc = govern_error_set(GOVERN_EINVAL, "%s: no actions (write 'actions:' and a list of them)",
                              path);
    if (!rc && !(out->items = calloc(list->n, sizeof(*out->items))))
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
    /* count: entries allocated (each zeroed until parsed), freed whatever happens */
    for (size_t i = 0; !rc && i < list->n; i++) {
        out->count++;
        rc = parse_entry(&out->items[i], doc, list->items[i]);
    }
    govern_doc_free(doc);
    govern_buf_free(&b);
    if (rc)
        actions_file_free(out);
    return rc;
}

void actions_file_free(struct actions_file *f)
{
    for (size_t i = 0; f->items && i < f->count; i++) {
        free(f->items[i].text);
        free(f->items[i].owner);
        govern_strlist_free(&f->items[i].refer);
    }
    free(f->items);
    memset(f, 0, sizeof(*f));
}
