/*
 * Approved minutes are the legal record: the frozen-minutes rule, a guard
 * that this file registers with every transaction when libgovern is
 * loaded (govern_store_guard_add), so the store commits nothing that
 * changes or deletes a SLUG/DIR/minutes.md whose committed version has
 * status: approved, whichever command or plugin hook writes it.  Writing
 * the same bytes again is not a change.
 */
#include <stdio.h>
#include <string.h>
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/store.h"

/* Is path a meeting's minutes.md ("SLUG/DIR/minutes.md")? */
static bool minutes_path(const char *path)
{
    const char *a = strchr(path, '/');
    const char *b = a ? strchr(a + 1, '/') : NULL;
    return b && !strchr(b + 1, '/') && !strcmp(b + 1, "minutes.md");
}

/* Were the committed minutes (b) approved?  *at: " at WHEN" when known. */
static bool approved_at(char *at, size_t n, const char *path, const struct govern_buf *b)
{
    struct govern_doc *doc = NULL;
    bool approved = false;
    at[0] = '\0';
    if (govern_doc_parse(&doc, path, b->ptr ? b->ptr : "", b->len) == 0) {
        const struct govern_node *st = govern_node_get(doc->meta, "status");
        approved = st && st->kind == GOVERN_NODE_SCALAR && !strcmp(st->scalar, "approved");
        const struct govern_node *ap = govern_node_get(doc->meta, "approved");
        const struct govern_node *an = govern_node_get(ap, "at");
        if (an && an->kind == GOVERN_NODE_SCALAR)
            snprintf(at, n, " at %.150s", an->scalar);
    }
    govern_error_clear();
    govern_doc_free(doc);
    return approved;
}

static int refuse_frozen(struct govern_snapshot *head, const struct govern_change *c, void *ctx)
{
    (void)ctx;
    for (size_t i = 0; i < govern_change_count(c); i++) {
        const char *path, *data;
        size_t len;
        if (govern_change_entry(&path, &data, &len, c, i) != 0)
            return GOVERN_EINVAL;
        if (!minutes_path(path))
            continue;
        struct govern_buf b = GOVERN_BUF_INIT;
        if (govern_snapshot_read(&b, head, path) != 0) {
            govern_error_clear();
            govern_buf_free(&b);
            continue;
        }
        bool same = data && b.len == len && (!b.len || !memcmp(b.ptr, data, b.len));
        char at[200] = "";
        bool approved = !same && approved_at(at, sizeof(at), path, &b);
        govern_buf_free(&b);
        if (approved)
            return govern_error_set(GOVERN_EFROZEN,
                                    "%s: these minutes were approved%s and are the legal record: "
                                    "they cannot be %s; a correction is a new minute at a later "
                                    "meeting",
                                    path, at, data ? "changed" : "deleted");
    }
    return 0;
}

__attribute__((constructor)) static void register_frozen_guard(void)
{
    govern_store_guard_add(refuse_frozen, NULL);
}
