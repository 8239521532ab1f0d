/*
 * The three-way merge of one govern file, for `govern sync` and for
 * `govern merge-file` as git's merge driver.  Front matter is a tree, not
 * text: two clerks who change different fields of one record (one the
 * status of an action, the other its due date) both keep their change.
 * Maps merge key by key; lists merge by identity (an entry's id, slug,
 * name or date field, else the whole entry), so entries added on both
 * sides are all kept; `updated` takes the later date; a field both sides
 * set to different values is a conflict naming the field and both values.
 * The Markdown body merges by line (libgit2's xdiff merge): both sides
 * changing the same lines is a conflict.  Files that are not govern
 * documents merge by line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <git2.h>
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/model.h"
#include "govern/teamwork.h"

struct mctx {
    const char *path;
    struct govern_buf conflicts;
    int rc; /* an error other than a conflict */
};

static void note_conflict(struct mctx *m, const char *field, const struct govern_node *ours,
                          const struct govern_node *theirs)
{
    const char *o = !ours ? "(removed)" : ours->kind == GOVERN_NODE_SCALAR ? ours->scalar : "...";
    const char *t = !theirs                              ? "(removed)"
                    : theirs->kind == GOVERN_NODE_SCALAR ? theirs->scalar
                                                         : "...";
    if (!m->rc)
        m->rc = govern_buf_printf(&m->conflicts, "%s: field '%s': ours '%s', theirs '%s'\n",
                                  m->path, field, o, t);
}

static bool same(const struct govern_node *a, const struct govern_node *b)
{
    return govern_node_equal(a, b, false);
}

static bool is_date(const struct govern_node *n)
{
    const char *s = n && n->kind == GOVERN_NODE_SCALAR ? n->scalar : NULL;
    return s && strlen(s) == 10 && s[4] == '-' && s[7] == '-';
}

/* The identity of a list entry: its id-like field, else NULL (the whole
 * entry is its identity). */
static const char *entry_key(const struct govern_node *n)
{
    static const char *const keys[] = {"id", "slug", "uid", "name", "member", NULL};
    if (!n || n->kind != GOVERN_NODE_MAP)
        return NULL;
    for (size_t k = 0; keys[k]; k++) {
        const struct govern_node *v = govern_node_get(n, keys[k]);
        if (v && v->kind == GOVERN_NODE_SCALAR)
            return v->scalar;
    }
    return NULL;
}

/* Index of the entry of seq with the identity of n, or -1. */
static long find_entry(const struct govern_node *seq, const struct govern_node *n)
{
    const char *k = entry_key(n);
    for (size_t i = 0; seq && i < seq->n; i++) {
        const char *ki = entry_key(seq->items[i]);
        if (k ? (ki && !strcmp(k, ki)) : (!ki && same(seq->items[i], n)))
            return (long)i;
    }
    return -1;
}

static int merge_node(struct govern_node *parent, const char *key, const struct govern_node *base,
                      const struct govern_node *ours, const struct govern_node *theirs,
                      struct mctx *m);

static const char *entry_date(const struct govern_node *n)
{
    const struct govern_node *d = n->kind == GOVERN_NODE_MAP ? govern_node_get(n, "date") : NULL;
    return is_date(d) ? d->scalar : NULL;
}

/* A dated log (every entry a map with a date) stays oldest first after
 * entries from both sides were put together: a stable insertion sort. */
static void sort_dated(struct govern_node *seq)
{
    for (size_t i = 0; i < seq->n; i++)
        if (!entry_date(seq->items[i]))
            return;
    for (size_t i = 1; i < seq->n; i++) {
        struct govern_node *x = seq->items[i];
        size_t j = i;
        while (j > 0 && strcmp(entry_date(seq->items[j - 1]), entry_date(x)) > 0) {
            seq->items[j] = seq->items[j - 1];
            j--;
        }
        seq->items[j] = x;
    }
}

static int add_copy(struct govern_node *parent, const char *key, const struct govern_node *n)
{
    return n ? govern_node_add_copy(parent, key, n) : 0;
}

/* A list merged by identity: base entries both sides kept (merged), then
 * entries ours added, then entries theirs added. */
static int merge_seq(struct govern_node *parent, const char *key, const struct govern_node *base,
                     const struct govern_node *ours, const struct govern_node *theirs,
                     struct mctx *m)
{
    struct govern_node *seq = govern_node_add_seq(parent, key);
    int rc = seq ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; base && i < base->n && !rc; i++) {
        long o = find_entry(ours, base->items[i]), t = find_entry(theirs, base->items[i]);
        const struct govern_node *on = o < 0 ? NULL : ours->items[o];
        const struct govern_node *tn = t < 0 ? NULL : theirs->items[t];
        if (!on || !tn) {
            /* removed on one side: a conflict when the other changed it */
            const struct govern_node *kept = on ? on : tn;
            if (kept && !same(kept, base->items[i]))
                note_conflict(m, key, on, tn);
            continue;
        }
        rc = merge_node(seq, NULL, base->items[i], on, tn, m);
    }
    for (size_t i = 0; ours && i < ours->n && !rc; i++) {
        if (find_entry(base, ours->items[i]) >= 0)
            continue;
        long t = find_entry(theirs, ours->items[i]);
        if (t >= 0) /* added on both sides with one identity */
            rc = merge_node(seq, NULL, NULL, ours->items[i], theirs->items[t], m);
        else
            rc = add_copy(seq, NULL, ours->items[i]);
    }
    for (size_t i = 0; theirs && i < theirs->n && !rc; i++)
        if (find_entry(base, theirs->items[i]) < 0 && find_entry(ours, theirs->items[i]) < 0)
            rc = add_copy(seq, NULL, theirs->items[i]);
    if (!rc)
        sort_dated(seq);
    return rc;
}

static int merge_map(struct govern_node *parent, const char *key, const struct govern_node *base,
                     const struct govern_node *ours, const struct govern_node *theirs,
                     struct mctx *m)
{
    struct govern_node *map =
        (key || parent->kind == GOVERN_NODE_SEQ) ? govern_node_add_map(parent, key) : parent;
    int rc = map ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
    /* ours' keys in ours' order, then keys only theirs has */
    for (size_t i = 0; i < ours->n && !rc; i++) {
        const char *k = ours->keys[i];
        rc = merge_node(map, k, base ? govern_node_get(base, k) : NULL, ours->items[i],
                        govern_node_get(theirs, k), m);
    }
    for (size_t i = 0; i < theirs->n && !rc; i++) {
        const char *k = theirs->keys[i];
        if (!govern_node_get(ours, k))
            rc = merge_node(map, k, base ? govern_node_get(base, k) : NULL, NULL, theirs->items[i],
                            m);
    }
    return rc;
}

static int merge_node(struct govern_node *parent, const char *key, const struct govern_node *base,
                      const struct govern_node *ours, const struct govern_node *theirs,
                      struct mctx *m)
{
    if (same(ours, theirs) || same(base, theirs))
        return add_copy(parent, key, ours);
    if (same(base, ours))
        return add_copy(parent, key, theirs);
    if (ours && theirs && ours->kind == theirs->kind && (!base || base->kind == ours->kind)) {
        if (ours->kind == GOVERN_NODE_MAP)
            return merge_map(parent, key, base, ours, theirs, m);
        if (ours->kind == GOVERN_NODE_SEQ)
            return merge_seq(parent, key, base, ours, theirs, m);
    }
    /* `updated` is the date of the latest change: the later one wins */
    if (key && !strcmp(key, "updated") && is_date(ours) && is_date(theirs))
        return add_copy(parent, key, strcmp(ours->scalar, theirs->scalar) >= 0 ? ours : theirs);
    note_conflict(m, key ? key : "(list entry)", ours, theirs);
    return add_copy(parent, key, ours);
}

/* The line merge of plain text; *conflict when both sides changed the same
 * lines (the text then holds git's conflict markers). */
static int line_merge(struct govern_buf *out, bool *conflict, const char *path, const char *base,
                      size_t blen, const char *ours, size_t olen, const char *theirs, size_t tlen)
{
    git_merge_file_input in_b, in_o, in_t;
    git_merge_file_options opts;
    git_merge_file_result res;
    memset(&res, 0, sizeof(res));
    git_merge_file_input_init(&in_b, GIT_MERGE_FILE_INPUT_VERSION);
    git_merge_file_input_init(&in_o, GIT_MERGE_FILE_INPUT_VERSION);
    git_merge_file_input_init(&in_t, GIT_MERGE_FILE_INPUT_VERSION);
    git_merge_file_options_init(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
    in_b.ptr = base ? base : "", in_b.size = base ? blen : 0, in_b.path = path;
    in_o.ptr = ours, in_o.size = olen, in_o.path = path;
    in_t.ptr = theirs, in_t.size = tlen, in_t.path = path;
    opts.ancestor_label = "base";
    opts.our_label = "ours";
    opts.their_label = "theirs";
    git_libgit2_init();
    int rc = 0;
    if (git_merge_file(&res, &in_b, &in_o, &in_t, &opts) != 0) {
        const git_error *e = git_error_last();
        rc = govern_error_set(GOVERN_EGIT, "%s: cannot merge: %s", path, e ? e->message : "?");
    } else {
        *conflict = !res.automergeable;
        rc = govern_buf_put(out, res.ptr ? res.ptr : "", res.len);
    }
    git_merge_file_result_free(&res);
    git_libgit2_shutdown();
    return rc;
}

static bool is_yaml_file(const char *path)
{
    const char *slash = strrchr(path, '/');
    return !strcmp(slash ? slash + 1 : path, GOVERN_CONFIG_FILE);
}

static int parse3(struct govern_doc **d, const char *path, bool yaml, const char *const *texts,
                  const size_t *lens)
{
    for (int i = 0; i < 3; i++) {
        if (!texts[i])
            continue;
        int rc = yaml ? govern_doc_parse_yaml(&d[i], path, texts[i], lens[i])
                      : govern_doc_parse(&d[i], path, texts[i], lens[i]);
        if (rc)
            return rc;
    }
    return 0;
}

/* The structured merge; *handled false when a version is not a govern
 * document (the caller merges by line). */
static int doc_merge(struct govern_buf *out, struct mctx *m, bool *handled,
                     const char *const *texts, const size_t *lens)
{
    struct govern_doc *d[3] = {NULL, NULL, NULL};
    bool yaml = is_yaml_file(m->path);
    struct govern_node *meta = govern_node_new_map();
    struct govern_buf body = GOVERN_BUF_INIT;
    bool body_conflict = false;
    int rc = meta ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
    *handled = false;
    if (rc || parse3(d, m->path, yaml, texts, lens)) {
        govern_error_clear();
        goto out;
    }
    *handled = true;
    rc = merge_map(meta, NULL, d[0] ? d[0]->meta : NULL, d[1]->meta, d[2]->meta, m);
    if (!rc && !yaml) {
        const char *bb = d[0] ? d[0]->body : "", *ob = d[1]->body, *tb = d[2]->body;
        rc = line_merge(&body, &body_conflict, m->path, bb, strlen(bb), ob, strlen(ob), tb,
                        strlen(tb));
        if (!rc && body_conflict)
            rc = govern_buf_printf(&m->conflicts,
                                   "%s: the text after the front matter: both sides changed the "
                                   "same lines\n",
                                   m->path);
    }
    if (!rc)
        rc = m->rc;
    if (!rc)
        rc = yaml ? govern_yaml_emit(out, meta)
                  : govern_doc_emit(out, meta, body.ptr ? body.ptr : "");
out:
    govern_buf_free(&body);
    govern_node_free(meta);
    for (int i = 0; i < 3; i++)
        govern_doc_free(d[i]);
    return rc;
}

int govern_merge_text(struct govern_merge_result *out, const char *path, const char *base,
                      size_t base_len, const char *ours, size_t ours_len, const char *theirs,
                      size_t theirs_len)
{
    struct mctx m = {path, GOVERN_BUF_INIT, 0};
    struct govern_buf res = GOVERN_BUF_INIT;
    const char *texts[3] = {base, ours, theirs};
    size_t lens[3] = {base_len, ours_len, theirs_len};
    bool handled = false, conflict = false;
    int rc = 0;
    memset(out, 0, sizeof(*out));
    if (ours_len == theirs_len && !memcmp(ours, theirs, ours_len)) {
        rc = govern_buf_put(&res, ours, ours_len);
    } else if (base && base_len == ours_len && !memcmp(base, ours, ours_len)) {
        rc = govern_buf_put(&res, theirs, theirs_len);
    } else if (base && base_len == theirs_len && !memcmp(base, theirs, theirs_len)) {
        rc = govern_buf_put(&res, ours, ours_len);
    } else {
        rc = doc_merge(&res, &m, &handled, texts, lens);
        if (!rc && (!handled || m.conflicts.len)) {
            /* not a govern document, or a conflict: the line merge, whose
             * markers show the clerk where */
            govern_buf_clear(&res);
            rc = line_merge(&res, &conflict, path, base, base_len, ours, ours_len, theirs,
                            theirs_len);
            if (!rc && !handled && conflict)
                rc = govern_buf_printf(&m.conflicts, "%s: both sides changed the same lines\n",
                                       path);
        }
    }
    if (rc) {
        govern_buf_free(&res);
        govern_buf_free(&m.conflicts);
        return rc;
    }
    out->conflict = m.conflicts.len > 0;
    out->len = res.len;
    out->text = res.ptr ? govern_buf_detach(&res) : govern_strdup("");
    out->message = m.conflicts.len ? govern_buf_detach(&m.conflicts) : NULL;
    govern_buf_free(&res);
    govern_buf_free(&m.conflicts);
    if (!out->text)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    return 0;
}

void govern_merge_result_clear(struct govern_merge_result *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->message);
    memset(r, 0, sizeof(*r));
}
