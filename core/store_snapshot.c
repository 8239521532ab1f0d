/*
 * The snapshot interface: what every reader of the store sees, whichever
 * backend holds the files (the work tree, store_worktree.c, or the tree of
 * a commit, store_tree.c).  These functions check their arguments and call
 * the snapshot's backend through its table (store_priv.h); nothing here
 * knows which backend it is.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <git2.h>
#include "govern/error.h"
#include "govern/store.h"
#include "store_priv.h"

void store_snapshot_worktree(struct govern_snapshot *out, struct govern_store *s)
{
    out->ops = &store_worktree_ops;
    out->store = s;
    out->tree = NULL;
}

void store_snapshot_tree(struct govern_snapshot *out, struct govern_store *s, git_tree *tree)
{
    out->ops = &store_tree_ops;
    out->store = s;
    out->tree = tree;
}

int govern_store_snapshot(struct govern_snapshot **out, struct govern_store *s, const char *rev)
{
    struct govern_snapshot *snap = calloc(1, sizeof(*snap));
    if (!snap)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    if (!rev && !s->bare) {
        store_snapshot_worktree(snap, s);
        *out = snap;
        return 0;
    }
    git_object *obj = NULL;
    int rc = store_revparse(&obj, s, rev, "tree");
    if (rc) {
        free(snap);
        return rc;
    }
    store_snapshot_tree(snap, s, (git_tree *)obj);
    *out = snap;
    return 0;
}

void govern_snapshot_free(struct govern_snapshot *snap)
{
    if (!snap)
        return;
    git_tree_free(snap->tree);
    free(snap);
}

bool govern_snapshot_is_commit(const struct govern_snapshot *snap)
{
    return snap->ops->is_commit;
}

const char *govern_file_kind(unsigned mode)
{
    mode_t m = (mode_t)mode;
    return S_ISREG(m)    ? NULL
           : S_ISDIR(m)  ? NULL
           : S_ISLNK(m)  ? "a symbolic link"
           : S_ISFIFO(m) ? "a FIFO"
           : S_ISSOCK(m) ? "a socket"
           : S_ISCHR(m)  ? "a character device"
           : S_ISBLK(m)  ? "a block device"
                         : "not a regular file";
}

int govern_snapshot_read(struct govern_buf *out, struct govern_snapshot *snap, const char *path)
{
    int rc = govern_path_check_relative("path", path);
    if (rc)
        return rc;
    govern_buf_clear(out);
    return snap->ops->read(out, snap, path);
}

int govern_snapshot_read_record(struct govern_buf *out, struct govern_snapshot *snap,
                                const char *path, const char *fmt, ...)
{
    int rc = govern_snapshot_read(out, snap, path);
    if (rc != GOVERN_ENOTFOUND)
        return rc;
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    return govern_error_set(GOVERN_ENOTFOUND, "%s (no %s)", what, path);
}

bool govern_snapshot_exists(struct govern_snapshot *snap, const char *path)
{
    if (govern_path_check_relative("path", path))
        return false;
    return snap->ops->exists(snap, path);
}

int govern_snapshot_list(struct govern_strlist *out, struct govern_snapshot *snap, const char *dir,
                         unsigned types)
{
    int rc = 0;
    if (*dir && (rc = govern_path_check_relative("directory", dir)))
        return rc;
    return snap->ops->list(out, snap, dir, types);
}

int govern_snapshot_entry_kind(const char **kind, struct govern_snapshot *snap, const char *path)
{
    *kind = NULL;
    int rc = govern_path_check_relative("path", path);
    return rc ? rc : snap->ops->entry_kind(kind, snap, path);
}

int govern_snapshot_each_file(struct govern_snapshot *snap, const char *dir, govern_file_fn fn,
                              void *ctx)
{
    int rc = 0;
    if (*dir && (rc = govern_path_check_relative("directory", dir)))
        return rc;
    struct govern_buf buf = GOVERN_BUF_INIT;
    if ((rc = govern_buf_grow(&buf, 4096)))
        return rc;
    rc = snap->ops->each_file(snap, dir, fn, ctx, &buf);
    govern_buf_free(&buf);
    return rc;
}

const char *govern_snapshot_gitdir(const struct govern_snapshot *snap)
{
    return snap->store->gitdir;
}

int govern_snapshot_tree_id(char out[41], bool *clean, struct govern_snapshot *snap,
                            const char *dir)
{
    int rc = 0;
    out[0] = '\0';
    *clean = false;
    if (*dir && (rc = govern_path_check_relative("directory", dir)))
        return rc;
    char *fp = store_full_path(snap->store, dir);
    if (!fp)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    rc = snap->ops->tree_id(out, clean, snap, dir, fp);
    if (!rc && !out[0])
        rc = govern_error_set(GOVERN_ENOTFOUND, "no directory '%s' in the tree", dir);
    if (rc)
        *clean = false;
    free(fp);
    return rc;
}
