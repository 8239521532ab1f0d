/*
 * govern undo: finds the last change govern made from this clone (the
 * branch's reflog) and reverts it in one new commit through a transaction,
 * so the guards (approved minutes stay frozen) and the dirty-path checks
 * apply to an undo as to every write.
 */
#include <stdlib.h>
#include <string.h>
#include <git2.h>
#include "govern/error.h"
#include "govern/store.h"
#include "store_priv.h"

#define UNDO_MARK "This reverts commit "

/* The commit an undo commit reverted, from its message (false when none). */
static bool reverted_id(git_oid *out, const git_commit *c)
{
    const char *msg = git_commit_message(c), *p = msg ? strstr(msg, UNDO_MARK) : NULL;
    return p && git_oid_fromstrn(out, p + strlen(UNDO_MARK), GIT_OID_HEXSZ) == 0;
}

static bool in_list(const git_oid *ids, size_t n, const git_oid *id)
{
    for (size_t i = 0; i < n; i++)
        if (git_oid_equal(&ids[i], id))
            return true;
    return false;
}

/* Is id the branch head or an ancestor of it? */
static bool in_history(git_repository *repo, const git_oid *head, const git_oid *id)
{
    return git_oid_equal(head, id) || git_graph_descendant_of(repo, head, id) == 1;
}

/* Is id reachable from a remote-tracking ref (refs/remotes/)? */
static bool pushed(git_repository *repo, const git_oid *id)
{
    git_reference_iterator *it = NULL;
    git_reference *ref = NULL;
    bool found = false;
    if (git_reference_iterator_glob_new(&it, repo, "refs/remotes/*") != 0)
        return false;
    while (!found && git_reference_next(&ref, it) == 0) {
        git_object *o = NULL;
        if (git_reference_peel(&o, ref, GIT_OBJECT_COMMIT) == 0)
            found = in_history(repo, git_object_id(o), id);
        git_object_free(o);
        git_reference_free(ref);
    }
    git_reference_iterator_free(it);
    git_error_clear();
    return found;
}

static int fill_undo(struct govern_undo *out, git_repository *repo, const git_commit *c)
{
    const char *summary = git_commit_summary((git_commit *)c);
    git_oid_tostr(out->id, sizeof(out->id), git_commit_id(c));
    out->pushed = pushed(repo, git_commit_id(c));
    out->first = git_commit_parentcount(c) == 0;
    out->summary = strdup(summary ? summary : "");
    return out->summary ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
}

/* Walks the reflog, newest first, for the first govern change not undone. */
static int walk_reflog(struct govern_undo *out, git_repository *repo, git_reflog *log,
                       const git_oid *head)
{
    size_t n = git_reflog_entrycount(log), n_undone = 0;
    git_oid *undone = calloc(n ? n : 1, sizeof(*undone));
    int rc = undone ? GOVERN_ENOTFOUND : govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; i < n && rc == GOVERN_ENOTFOUND; i++) {
        const git_reflog_entry *e = git_reflog_entry_byindex(log, i);
        const char *msg = git_reflog_entry_message(e);
        const git_oid *id = git_reflog_entry_id_new(e);
        git_commit *c = NULL;
        if (!msg || strncmp(msg, "govern: ", 8) || in_list(undone, n_undone, id) ||
            !in_history(repo, head, id) || git_commit_lookup(&c, repo, id) != 0)
            continue;
        if (reverted_id(&undone[n_undone], c))
            n_undone++;
        else
            rc = fill_undo(out, repo, c);
        git_commit_free(c);
    }
    free(undone);
    git_error_clear();
    return rc;
}

int govern_store_undo_find(struct govern_undo *out, struct govern_store *s)
{
    char *branch = NULL;
    git_reflog *log = NULL;
    git_oid head;
    memset(out, 0, sizeof(*out));
    int rc = store_head_branch(&branch, s->repo);
    if (rc)
        return rc;
    if (git_reference_name_to_id(&head, s->repo, branch) != 0)
        rc = govern_error_set(GOVERN_ENOTFOUND, "branch %s has no commits", branch);
    else if (git_reflog_read(&log, s->repo, branch) != 0)
        rc = store_git_fail("cannot read the branch's reflog");
    else
        rc = walk_reflog(out, s->repo, log, &head);
    if (rc == GOVERN_ENOTFOUND)
        rc = govern_error_set(GOVERN_ENOTFOUND,
                              "nothing to undo: no change made by govern from this clone is left "
                              "on %s (govern undo reads the branch's reflog, which is local to "
                              "each clone)",
                              branch);
    git_reflog_free(log);
    free(branch);
    return rc;
}

void govern_undo_clear(struct govern_undo *u)
{
    if (u)
        free(u->summary), u->summary = NULL;
}

/* Puts into chg what reverting target on top of ours changes in the store. */
static int revert_changes(struct govern_change *chg, struct govern_store *s, git_tree *ours,
                          git_tree *result)
{
    git_diff *diff = NULL;
    int rc = 0;
    if (git_diff_tree_to_tree(&diff, s->repo, ours, result, NULL) != 0)
        return store_git_fail("cannot compare the trees");
    size_t plen = strlen(s->prefix);
    for (size_t i = 0; i < git_diff_num_deltas(diff) && !rc; i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        const char *path = d->new_file.path ? d->new_file.path : d->old_file.path;
        if (plen && (strncmp(path, s->prefix, plen) || path[plen] != '/')) {
            rc = govern_error_set(GOVERN_EINVAL, "that change touched %s, outside the store", path);
            break;
        }
        const char *rel = plen ? path + plen + 1 : path;
        git_blob *b = NULL;
        if (d->status == GIT_DELTA_DELETED)
            rc = govern_change_delete(chg, rel);
        else if (git_blob_lookup(&b, s->repo, &d->new_file.id) != 0)
            rc = store_git_fail("cannot read a file to restore");
        else
            rc = govern_change_put(chg, rel, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
        git_blob_free(b);
    }
    git_diff_free(diff);
    return rc;
}

struct revert_ctx {
    git_oid target;
};

static int revert_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct revert_ctx *ctx = vctx;
    struct govern_store *s = head->store;
    git_commit *target = NULL, *ours = NULL;
    git_index *index = NULL;
    git_tree *result = NULL;
    char *branch = NULL;
    git_oid head_id, tree_id;
    int rc = store_head_branch(&branch, s->repo);
    if (!rc && (git_reference_name_to_id(&head_id, s->repo, branch) != 0 ||
                git_commit_lookup(&ours, s->repo, &head_id) != 0 ||
                git_commit_lookup(&target, s->repo, &ctx->target) != 0))
        rc = store_git_fail("cannot read the commits");
    if (!rc && git_revert_commit(&index, s->repo, target, ours, 0, NULL) != 0)
        rc = store_git_fail("cannot revert the commit");
    if (!rc && git_index_has_conflicts(index))
        rc = govern_error_set(GOVERN_ECONFLICT,
                              "later changes touched the same lines: undo them first, or "
                              "correct the record with the commands that edit it");
    if (!rc && (git_index_write_tree_to(&tree_id, index, s->repo) != 0 ||
                git_tree_lookup(&result, s->repo, &tree_id) != 0))
        rc = store_git_fail("cannot build the reverted tree");
    if (!rc)
        rc = revert_changes(chg, s, head->tree, result);
    if (!rc) {
        char id[GIT_OID_HEXSZ + 1];
        git_oid_tostr(id, sizeof(id), &ctx->target);
        rc = govern_change_message(chg, "Undo: %s\n\n" UNDO_MARK "%s.", git_commit_summary(target),
                                   id);
    }
    git_tree_free(result);
    git_index_free(index);
    git_commit_free(target);
    git_commit_free(ours);
    free(branch);
    return rc;
}

int govern_store_revert(struct govern_commit_info *info, struct govern_store *s, const char *id)
{
    struct revert_ctx ctx;
    if (git_oid_fromstrn(&ctx.target, id, GIT_OID_HEXSZ) != 0 || strlen(id) != GIT_OID_HEXSZ)
        return govern_error_set(GOVERN_EINVAL, "'%s' is not a commit id", id);
    int rc = govern_store_transact(info, s, revert_fn, &ctx);
    if (!rc && !info->id[0])
        rc = govern_error_set(GOVERN_EINVAL, "undoing %.10s changes nothing", id);
    return rc;
}
