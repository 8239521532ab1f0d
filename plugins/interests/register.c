/*
 * The register of a member's interests on disk: interests/SLUG.md.  The
 * front matter names the member and lists the interests (kind, what, the
 * matters it touches, from, to); the body is notes.  Read through the doc
 * model (unknown fields refused, errors naming file and line), written in
 * canonical form.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "interests.h"
#include "govern/records.h"

int interests_slug(struct govern_buf *out, const char *member)
{
    bool dash = false;
    size_t start = out->len;
    for (const unsigned char *p = (const unsigned char *)member; *p; p++) {
        int c = tolower(*p);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            dash = out->len > start;
            continue;
        }
        if (out->len - start >= 60)
            break;
        if ((dash && govern_buf_putc(out, '-')) || govern_buf_putc(out, (char)c))
            return govern_oom();
        dash = false;
    }
    if (out->len == start)
        return govern_error_set(GOVERN_EINVAL,
                                "'%s' has no letters or digits to name a register file", member);
    return 0;
}

bool interest_held(const struct interest *i, govern_date d)
{
    return (i->from == GOVERN_DATE_NONE || i->from <= d) &&
           (i->to == GOVERN_DATE_NONE || d <= i->to);
}

void interests_free(struct interest_register *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].interest);
        govern_strlist_free(&r->items[i].matter);
    }
    free(r->items);
    free(r->slug);
    free(r->path);
    free(r->member);
    free(r->notes);
    free(r);
}

static int parse_matter(struct interest *it, const struct govern_doc *doc,
                        const struct govern_node *n)
{
    if (n->kind != GOVERN_NODE_SEQ)
        return govern_doc_error(doc, n->line, "field 'matter' must be a list of words or phrases");
    for (size_t k = 0; k < n->n; k++) {
        const struct govern_node *v = n->items[k];
        if (v->kind != GOVERN_NODE_SCALAR || !*v->scalar || strchr(v->scalar, '\n'))
            return govern_doc_error(doc, v->line, "a matter is one line of text");
        if (govern_strlist_add(&it->matter, v->scalar))
            return govern_oom();
    }
    return 0;
}

static int parse_item(struct interest *it, const struct govern_doc *doc,
                      const struct govern_node *m)
{
    static const char *const keys[] = {"kind", "interest", "matter", "from", "to", NULL};
    char *kind = NULL;
    it->line = m->line;
    if (m->kind != GOVERN_NODE_MAP)
        return govern_doc_error(doc, m->line, "an interest is a map (kind, interest, ...)");
    int rc = govern_node_check_keys(doc, m, keys);
    if (!rc)
        rc = govern_node_str(&kind, doc, m, "kind", true);
    if (!rc && govern_interest_kind_parse(&it->kind, kind))
        rc = govern_doc_error(doc, govern_node_key_line(m, "kind"), "%s", govern_error_last());
    free(kind);
    if (!rc)
        rc = govern_node_str(&it->interest, doc, m, "interest", true);
    if (!rc)
        rc = govern_node_one_line(doc, m, "interest", it->interest);
    if (!rc && !*it->interest)
        rc = govern_doc_error(doc, govern_node_key_line(m, "interest"),
                              "field 'interest' may not be empty");
    const struct govern_node *mt = govern_node_get(m, "matter");
    if (!rc && mt && mt->kind != GOVERN_NODE_NULL)
        rc = parse_matter(it, doc, mt);
    if (!rc)
        rc = govern_node_date(&it->from, doc, m, "from", true);
    if (!rc)
        rc = govern_node_date(&it->to, doc, m, "to", false);
    if (!rc && it->to != GOVERN_DATE_NONE && it->to < it->from)
        rc = govern_doc_error(doc, govern_node_key_line(m, "to"), "'to' is before 'from'");
    return rc;
}

static int parse_meta(struct interest_register *r, const struct govern_doc *doc)
{
    static const char *const keys[] = {"member", "interests", NULL};
    const struct govern_node *m = doc->meta;
    int rc = govern_node_check_keys(doc, m, keys);
    if (!rc)
        rc = govern_node_str(&r->member, doc, m, "member", true);
    if (!rc)
        rc = govern_node_one_line(doc, m, "member", r->member);
    struct govern_buf slug = GOVERN_BUF_INIT;
    if (!rc && !(rc = interests_slug(&slug, r->member)) && strcmp(slug.ptr, r->slug))
        rc = govern_doc_error(doc, govern_node_key_line(m, "member"),
                              "the register of '%s' belongs in %s/%s.md", r->member, INTERESTS_DIR,
                              slug.ptr);
    govern_buf_free(&slug);
    const struct govern_node *list = govern_node_get(m, "interests");
    if (rc || !list || list->kind == GOVERN_NODE_NULL)
        return rc;
    if (list->kind != GOVERN_NODE_SEQ)
        return govern_doc_error(doc, list->line, "field 'interests' must be a list");
    if (list->n > INTERESTS_MAX)
        return govern_doc_error(doc, list->line, "more than %d interests", INTERESTS_MAX);
    if (list->n && !(r->items = calloc(list->n, sizeof(*r->items))))
        return govern_oom();
    for (size_t i = 0; !rc && i < list->n; i++) {
        r->count++;
        rc = parse_item(&r->items[i], doc, list->items[i]);
    }
    return rc;
}

int interests_parse(struct interest_register **out, const char *slug, const char *text, size_t len)
{
    *out = NULL;
    struct interest_register *r = calloc(1, sizeof(*r));
    struct govern_buf path = GOVERN_BUF_INIT;
    struct govern_doc *doc = NULL;
    int rc = r ? govern_buf_printf(&path, "%s/%s.md", INTERESTS_DIR, slug) : govern_oom();
    if (!rc && govern_path_check_segment("register name", slug))
        rc = govern_error_prefix(GOVERN_EINVAL, "%s", path.ptr);
    if (!rc && (!(r->slug = govern_strdup(slug)) || !(r->path = govern_strdup(path.ptr))))
        rc = govern_oom();
    if (!rc)
        rc = govern_doc_parse(&doc, path.ptr, text, len);
    if (!rc)
        rc = parse_meta(r, doc);
    if (!rc && doc->body) {
        const char *b = doc->body;
        while (*b == '\n')
            b++;
        if (*b && !(r->notes = govern_strdup(b)))
            rc = govern_oom();
    }
    govern_doc_free(doc);
    govern_buf_free(&path);
    if (rc) {
        interests_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

int interests_load(struct interest_register **out, struct govern_snapshot *snap, const char *slug)
{
    struct govern_buf b = GOVERN_BUF_INIT, path = GOVERN_BUF_INIT;
    int rc = govern_buf_printf(&path, "%s/%s.md", INTERESTS_DIR, slug);
    if (!rc)
        rc = govern_snapshot_read_record(&b, snap, path.ptr, "no register of interests '%s'", slug);
    if (!rc)
        rc = interests_parse(out, slug, b.ptr, b.len);
    govern_buf_free(&b);
    govern_buf_free(&path);
    return rc;
}

int interests_serialize(struct govern_buf *out, const struct interest_register *r)
{
    struct govern_node *m = govern_node_new_map(), *list = NULL;
    bool ok = m && govern_node_add_str(m, "member", r->member) &&
              (list = govern_node_add_seq(m, "interests"));
    for (size_t i = 0; ok && i < r->count; i++) {
        const struct interest *it = &r->items[i];
        struct govern_node *e = govern_node_add_map(list, NULL), *mt = NULL;
        ok = e && govern_node_add_str(e, "kind", govern_interest_kind_name(it->kind)) &&
             govern_node_add_str(e, "interest", it->interest);
        if (ok && it->matter.count)
            ok = (mt = govern_node_add_seq(e, "matter")) != NULL;
        for (size_t k = 0; ok && k < it->matter.count; k++)
            ok = govern_node_add_str(mt, NULL, it->matter.items[k]) != NULL;
        ok = ok && govern_node_add_date(e, "from", it->from) &&
             (it->to == GOVERN_DATE_NONE || govern_node_add_date(e, "to", it->to));
    }
    int rc = ok ? govern_doc_emit_text(out, m, r->notes) : govern_oom();
    govern_node_free(m);
    return rc;
}

static int parse_one(void **out, const char *slug, const char *path, const char *data, size_t len,
                     void *ctx)
{
    struct interest_register *r = NULL;
    int rc = interests_parse(&r, slug, data, len);
    *out = r;
    return rc;
}

static void free_one(void *r)
{
    interests_free(r);
}

static const struct govern_record_type interest_records = {INTERESTS_DIR, parse_one, free_one};

int interests_load_all(struct interests_all *out, struct govern_snapshot *snap,
                       struct govern_diags *diags)
{
    return govern_records_load(&out->items, &out->count, snap, &interest_records, NULL, diags);
}

void interests_all_free(struct interests_all *a)
{
    if (a)
        govern_records_free(&a->items, &a->count, free_one);
}

static bool word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

bool interests_matter_in(const char *matter, const char *text)
{
    size_t n = strlen(matter);
    if (!n || !text)
        return false;
    for (const char *p = text; *p; p++) {
        if (strncasecmp(p, matter, n))
            continue;
        bool before = p == text || !word_char((unsigned char)p[-1]);
        bool after = !word_char((unsigned char)p[n]);
        if (before && after)
            return true;
    }
    return false;
}
