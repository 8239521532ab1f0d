/*
 * The snapshot backend of a commit's tree (--rev, bare repositories, the
 * head a transaction builds on): files are blobs looked up by path from
 * the tree, which libgit2 keeps in memory; symbolic links and submodules
 * are entries of another kind and never read.
 */
#include <stdlib.h>
#include <string.h>
#include <git2.h>
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/store.h"
#include "store_priv.h"

static int tree_entry_at(git_tree_entry **out, struct govern_snapshot *snap, const char *path)
{
    char *fp = store_full_path(snap->store, path);
    if (!fp)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    int e = git_tree_entry_bypath(out, snap->tree, fp);
    free(fp);
    return e;
}

static bool blob_mode(git_filemode_t mode)
{
    return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

static int tree_read(struct govern_buf *out, struct govern_snapshot *snap, const char *path)
{
    git_tree_entry *e = NULL;
    if (tree_entry_at(&e, snap, path) != 0)
        return govern_error_set(GOVERN_ENOTFOUND, "%s: no such file", path);
    if (!blob_mode(git_tree_entry_filemode(e))) {
        git_tree_entry_free(e);
        return govern_error_set(GOVERN_EINVAL, "%s: not a regular file", path);
    }
    git_blob *blob = NULL;
    int g = git_blob_lookup(&blob, snap->store->repo, git_tree_entry_id(e));
    git_tree_entry_free(e);
    if (g != 0)
        return store_git_fail(path);
    git_object_size_t size = git_blob_rawsize(blob);
    if (size > GOVERN_DOC_MAX_BYTES) {
        git_blob_free(blob);
        return govern_error_set(GOVERN_EINVAL, "%s:1: file is too large (%llu bytes, limit %d)",
                                path, (unsigned long long)size, GOVERN_DOC_MAX_BYTES);
    }
    int rc = govern_buf_put(out, git_blob_rawcontent(blob), (size_t)size);
    git_blob_free(blob);
    return rc;
}

static bool tree_exists(struct govern_snapshot *snap, const char *path)
{
    git_tree_entry *e = NULL;
    if (tree_entry_at(&e, snap, path) != 0)
        return false;
    git_tree_entry_free(e);
    return true;
}

/* The tree of dir (relative to the store): *out NULL, and 0, when dir is
 * absent or not a directory; *own says whether the caller frees *out (the
 * snapshot's own tree is not freed). */
static int subtree_at(git_tree **out, bool *own, struct govern_snapshot *snap, const char *dir)
{
    *out = NULL;
    *own = false;
    if (!*dir && !*snap->store->prefix) {
        *out = snap->tree;
        return 0;
    }
    git_tree_entry *e = NULL;
    if (tree_entry_at(&e, snap, dir) != 0)
        return 0;
    if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
        git_tree_entry_free(e);
        return 0;
    }
    int g = git_tree_lookup(out, snap->store->repo, git_tree_entry_id(e));
    git_tree_entry_free(e);
    if (g != 0) {
        *out = NULL;
        return store_git_fail(dir);
    }
    *own = true;
    return 0;
}

/* With GOVERN_ENTRY_WORKTREE: adds what the work tree's dir holds too
 * (untracked entries of any type). */
static int list_worktree_too(struct govern_strlist *out, struct govern_snapshot *snap,
                             const char *dir, unsigned types)
{
    struct govern_snapshot wt;
    struct govern_strlist more = GOVERN_STRLIST_INIT;
    store_snapshot_worktree(&wt, snap->store);
    int rc = govern_snapshot_list(&more, &wt, dir, types & ~(unsigned)GOVERN_ENTRY_WORKTREE);
    for (size_t i = 0; !rc && i < more.count; i++)
        if (!govern_strlist_contains(out, more.items[i]))
            rc = govern_strlist_add(out, more.items[i]);
    govern_strlist_free(&more);
    return rc;
}

typedef int (*entry_fn)(const git_tree_entry *e, const char *name, void *ctx);

/* Calls fn for every entry of dir (not hidden), in the tree's (bytewise)
 * order; an absent dir calls nothing. */
static int each_entry(struct govern_snapshot *snap, const char *dir, entry_fn fn, void *ctx)
{
    git_tree *sub;
    bool own;
    int rc = subtree_at(&sub, &own, snap, dir);
    size_t n = sub ? git_tree_entrycount(sub) : 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const git_tree_entry *e = git_tree_entry_byindex(sub, i);
        const char *name = git_tree_entry_name(e);
        if (name[0] != '.')
            rc = fn(e, name, ctx);
    }
    if (own)
        git_tree_free(sub);
    return rc;
}

struct list_ctx {
    struct govern_strlist *out;
    unsigned types;
};

static int list_entry(const git_tree_entry *e, const char *name, void *vctx)
{
    struct list_ctx *c = vctx;
    git_filemode_t mode = git_tree_entry_filemode(e);
    unsigned t = mode == GIT_FILEMODE_TREE ? GOVERN_ENTRY_DIR
                 : blob_mode(mode)         ? GOVERN_ENTRY_FILE
                                           : GOVERN_ENTRY_OTHER; /* a link, a submodule */
    return (t & c->types) ? govern_strlist_add(c->out, name) : 0;
}

static int tree_list(struct govern_strlist *out, struct govern_snapshot *snap, const char *dir,
                     unsigned types)
{
    struct list_ctx c = {out, types};
    int rc = each_entry(snap, dir, list_entry, &c);
    if (!rc && (types & GOVERN_ENTRY_WORKTREE) && !snap->store->bare)
        rc = list_worktree_too(out, snap, dir, types);
    govern_strlist_sort(out);
    return rc;
}

static int tree_entry_kind(const char **kind, struct govern_snapshot *snap, const char *path)
{
    git_tree_entry *e = NULL;
    if (tree_entry_at(&e, snap, path) != 0)
        return govern_error_set(GOVERN_ENOTFOUND, "%s: no such file", path);
    git_filemode_t mode = git_tree_entry_filemode(e);
    git_tree_entry_free(e);
    if (mode == GIT_FILEMODE_LINK)
        *kind = "a symbolic link";
    else if (mode == GIT_FILEMODE_COMMIT)
        *kind = "a submodule";
    return 0;
}

struct file_ctx {
    struct govern_snapshot *snap;
    const char *dir;
    govern_file_fn fn;
    void *ctx;
    struct govern_buf *buf;
};

static int file_entry(const git_tree_entry *e, const char *name, void *vctx)
{
    struct file_ctx *c = vctx;
    git_blob *blob = NULL;
    int rc = 0;
    if (!blob_mode(git_tree_entry_filemode(e)))
        return 0;
    if (git_blob_lookup(&blob, c->snap->store->repo, git_tree_entry_id(e)) != 0)
        return store_git_fail(name);
    git_object_size_t size = git_blob_rawsize(blob);
    if (size > GOVERN_DOC_MAX_BYTES)
        rc = govern_error_set(GOVERN_EINVAL, "%s/%s:1: file is too large (%llu bytes, limit %d)",
                              c->dir, name, (unsigned long long)size, GOVERN_DOC_MAX_BYTES);
    govern_buf_clear(c->buf);
    if (!rc)
        rc = govern_buf_put(c->buf, git_blob_rawcontent(blob), (size_t)size);
    git_blob_free(blob);
    if (!rc)
        rc = c->fn(name, c->buf->ptr ? c->buf->ptr : (char *)"", c->buf->len, c->ctx);
    return rc;
}

static int tree_each_file(struct govern_snapshot *snap, const char *dir, govern_file_fn fn,
                          void *ctx, struct govern_buf *buf)
{
    struct file_ctx c = {snap, dir, fn, ctx, buf};
    return each_entry(snap, dir, file_entry, &c);
}

/* A commit's files are always exactly its tree's. */
static int tree_tree_id(char out[41], bool *clean, struct govern_snapshot *snap, const char *dir,
                        const char *fp)
{
    (void)dir;
    git_tree_entry *e = NULL;
    if (!*fp)
        git_oid_tostr(out, 41, git_tree_id(snap->tree));
    else if (git_tree_entry_bypath(&e, snap->tree, fp) == 0 &&
             git_tree_entry_type(e) == GIT_OBJECT_TREE)
        git_oid_tostr(out, 41, git_tree_entry_id(e));
    git_tree_entry_free(e);
    *clean = true;
    return 0;
}

const struct store_snapshot_ops store_tree_ops = {
    .is_commit = true,
    .read = tree_read,
    .exists = tree_exists,
    .list = tree_list,
    .entry_kind = tree_entry_kind,
    .each_file = tree_each_file,
    .tree_id = tree_tree_id,
};
