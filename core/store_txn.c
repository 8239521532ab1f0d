/*
 * The transaction: the only way anything is written.  Under an flock on
 * $GIT_DIR/govern.lock (so govern writers queue instead of racing), the
 * caller's callback builds a change set against the branch head; the
 * registered guards (the frozen-minutes rule) see it; the paths it touches
 * must have no uncommitted edits; blobs and a tree derived from the
 * parent's tree with only those paths make one commit, and the branch
 * moves by compare-and-swap (a writer outside govern, e.g. git itself,
 * makes it retry).  Only after the branch has moved are the work-tree
 * files (written atomically, never through a symlink) and the index
 * entries of those paths updated; then loose objects are packed when they
 * pile up (store_pack.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <git2.h>
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/model.h"
#include "govern/store.h"
#include "store_priv.h"

/* --- writing --- */

static int signature(git_signature **out, git_repository *repo)
{
    const char *name = getenv("GOVERN_AUTHOR_NAME"), *email = getenv("GOVERN_AUTHOR_EMAIL");
    const char *when = getenv("GOVERN_COMMIT_TIME");
    git_signature *def = NULL;
    if (!name || !*name || !email || !*email) {
        if (git_signature_default(&def, repo) != 0)
            return govern_error_set(GOVERN_EINVAL,
                                    "no author for the commit: set git config user.name and "
                                    "user.email, or GOVERN_AUTHOR_NAME and GOVERN_AUTHOR_EMAIL");
        if (!name || !*name)
            name = def->name;
        if (!email || !*email)
            email = def->email;
    }
    int e;
    if (when && *when) {
        char *end;
        long long t = strtoll(when, &end, 10);
        if (*end || t < 0)
            e = -1;
        else
            e = git_signature_new(out, name, email, (git_time_t)t, 0);
    } else {
        e = git_signature_now(out, name, email);
    }
    git_signature_free(def);
    if (e != 0)
        return store_git_fail("cannot make the commit's signature");
    return 0;
}

int govern_store_author(char **name, struct govern_store *s)
{
    git_signature *sig = NULL;
    int rc = signature(&sig, s->repo);
    if (rc)
        return rc;
    *name = strdup(sig->name);
    git_signature_free(sig);
    return *name ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
}

/* Does the work-tree file at path hold exactly these bytes? */
static bool worktree_holds(const struct govern_store *s, const char *path, const char *bytes,
                           size_t len)
{
    struct govern_snapshot wt;
    store_snapshot_worktree(&wt, (struct govern_store *)s);
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = govern_snapshot_read(&b, &wt, path);
    bool same = !rc && b.len == len && (len == 0 || memcmp(b.ptr, bytes, len) == 0);
    govern_buf_free(&b);
    govern_error_clear();
    return same;
}

/* Refuses paths whose work-tree or index state differs from HEAD; an adopted
 * path must instead still hold the bytes the command read from it. */
static int check_clean(struct govern_store *s, const struct govern_change *c)
{
    if (s->bare)
        return 0;
    for (size_t i = 0; i < c->count; i++) {
        if (c->entries[i].adopt) {
            if (!worktree_holds(s, c->entries[i].path, c->entries[i].expect,
                                c->entries[i].expect_len))
                return govern_error_set(GOVERN_EDIRTY,
                                        "%s changed in the work tree while govern was reading it; "
                                        "nothing was committed: run the command again",
                                        c->entries[i].path);
            continue;
        }
        char *fp = store_full_path(s, c->entries[i].path);
        unsigned int flags = 0;
        if (!fp)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        int e = git_status_file(&flags, s->repo, fp);
        if (e == GIT_ENOTFOUND) {
            flags = 0;
        } else if (e != 0) {
            free(fp);
            return store_git_fail("cannot read the status of the work tree");
        }
        if (flags & ~(unsigned)GIT_STATUS_CURRENT) {
            const char *what = (flags & GIT_STATUS_WT_NEW)    ? "is new and not committed"
                               : (flags & GIT_STATUS_IGNORED) ? "is ignored by git"
                               : (flags & (GIT_STATUS_INDEX_NEW | GIT_STATUS_INDEX_MODIFIED |
                                           GIT_STATUS_INDEX_DELETED))
                                   ? "has staged changes"
                                   : "has uncommitted edits";
            govern_error_set(GOVERN_EDIRTY,
                             "%s %s; commit or discard them first (govern never overwrites "
                             "uncommitted work)",
                             fp, what);
            free(fp);
            return GOVERN_EDIRTY;
        }
        free(fp);
    }
    return 0;
}

static int wait_git_lock(struct govern_store *s, const char *rel, const struct store_lock *l)
{
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        int rc = store_git_lock_check(s, rel, l);
        if (!rc)
            return 0;
        struct store_git_lock gl;
        clock_gettime(CLOCK_MONOTONIC, &t);
        if (t.tv_sec - t0.tv_sec + (t.tv_nsec - t0.tv_nsec) / 1e9 >= 1 ||
            (store_git_lock_stat(&gl, s, rel, l) && !gl.holder && gl.age > 2))
            return rc;
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

static int update_index(struct govern_store *s, const struct govern_change *c,
                        const struct store_lock *l)
{
    git_index *idx = NULL;
    if (git_repository_index(&idx, s->repo) != 0)
        return store_git_fail("cannot open the index");
    int rc = 0;
    for (int attempt = 0; attempt < 100; attempt++) {
        rc = 0;
        if (git_index_read(idx, 1) != 0) {
            rc = store_git_fail("cannot read the index");
            break;
        }
        for (size_t i = 0; i < c->count && !rc; i++) {
            if (c->entries[i].skip_worktree)
                continue;
            char *fp = store_full_path(s, c->entries[i].path);
            if (!fp) {
                rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
                break;
            }
            int e = c->entries[i].data ? git_index_add_bypath(idx, fp)
                                       : git_index_remove_bypath(idx, fp);
            free(fp);
            if (e != 0)
                rc = store_git_fail("cannot update the index");
        }
        if (rc)
            break;
        int e = git_index_write(idx);
        if (e == 0)
            break;
        if (e != GIT_ELOCKED) {
            rc = store_git_fail("cannot write the index");
            break;
        }
        if ((rc = wait_git_lock(s, "index.lock", l)))
            break;
    }
    git_index_free(idx);
    return rc;
}

static int empty_tree(git_tree **out, git_repository *repo)
{
    git_treebuilder *tb = NULL;
    git_oid id;
    if (git_treebuilder_new(&tb, repo, NULL) != 0 || git_treebuilder_write(&id, tb) != 0) {
        git_treebuilder_free(tb);
        return store_git_fail("cannot make an empty tree");
    }
    git_treebuilder_free(tb);
    if (git_tree_lookup(out, repo, &id) != 0)
        return store_git_fail("cannot read the empty tree");
    return 0;
}

/* The branch HEAD points at ("refs/heads/main"). */
int store_head_branch(char **out, git_repository *repo)
{
    git_reference *head = NULL;
    if (git_reference_lookup(&head, repo, "HEAD") != 0)
        return store_git_fail("cannot read HEAD");
    if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
        git_reference_free(head);
        return govern_error_set(GOVERN_EINVAL,
                                "HEAD is detached: check out a branch before writing");
    }
    *out = strdup(git_reference_symbolic_target(head));
    git_reference_free(head);
    return *out ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
}

static int create_tags(git_repository *repo, const git_oid *commit_id, const git_signature *sig,
                       const struct govern_change *c, size_t *made)
{
    git_object *target = NULL;
    *made = 0;
    if (git_object_lookup(&target, repo, commit_id, GIT_OBJECT_COMMIT) != 0)
        return store_git_fail("cannot read the new commit");
    int rc = 0;
    for (size_t i = 0; i < c->n_tags && !rc; i++) {
        git_oid tag_id;
        char ref[512];
        git_reference *r = NULL;
        if (git_tag_annotation_create(&tag_id, repo, c->tags[i].name, target, sig,
                                      c->tags[i].message) != 0) {
            rc = store_git_fail("cannot make a tag");
            break;
        }
        snprintf(ref, sizeof(ref), "refs/tags/%s", c->tags[i].name);
        int e = git_reference_create(&r, repo, ref, &tag_id, 0, "govern: tag");
        git_reference_free(r);
        if (e == GIT_EEXISTS)
            rc = govern_error_set(GOVERN_EEXISTS, "tag '%s' already exists", c->tags[i].name);
        else if (e != 0)
            rc = store_git_fail("cannot make a tag");
        else
            (*made)++;
    }
    git_object_free(target);
    return rc;
}

static void delete_tags(git_repository *repo, const struct govern_change *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char ref[512];
        snprintf(ref, sizeof(ref), "refs/tags/%s", c->tags[i].name);
        git_reference_remove(repo, ref);
    }
}

/* --- pre-commit guards --- */

#define MAX_GUARDS 16

static struct {
    govern_txn_guard_fn fn;
    void *ctx;
} guards[MAX_GUARDS];
static size_t n_guards;

int govern_store_guard_add(govern_txn_guard_fn fn, void *ctx)
{
    for (size_t i = 0; i < n_guards; i++)
        if (guards[i].fn == fn && guards[i].ctx == ctx)
            return 0;
    if (!fn || n_guards == MAX_GUARDS)
        return govern_error_set(GOVERN_EINVAL, "cannot add a transaction guard (%d at most)",
                                MAX_GUARDS);
    guards[n_guards].fn = fn;
    guards[n_guards].ctx = ctx;
    n_guards++;
    return 0;
}

/* Every guard sees the change set against the head before anything is
 * written; the first refusal refuses the commit. */
static int run_guards(struct govern_snapshot *head, const struct govern_change *c)
{
    int rc = 0;
    for (size_t i = 0; i < n_guards && !rc; i++)
        rc = guards[i].fn(head, c, guards[i].ctx);
    return rc;
}

/* Builds the new tree from the parent's tree and the change set. */
static int build_tree(git_oid *tree_id, struct govern_store *s, git_tree *base,
                      const struct govern_change *chg)
{
    git_tree_update *ups = calloc(chg->count + 1, sizeof(*ups));
    if (!ups)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    size_t nups = 0;
    int rc = 0;
    for (size_t i = 0; i < chg->count; i++) {
        const struct change_entry *ce = &chg->entries[i];
        char *fp = store_full_path(s, ce->path);
        if (!fp) {
            rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
            break;
        }
        if (ce->data) {
            if (git_blob_create_from_buffer(&ups[nups].id, s->repo, ce->data, ce->len) != 0) {
                free(fp);
                rc = store_git_fail("cannot write a blob");
                break;
            }
            ups[nups].action = GIT_TREE_UPDATE_UPSERT;
            ups[nups].filemode = GIT_FILEMODE_BLOB;
        } else {
            git_tree_entry *te = NULL;
            if (git_tree_entry_bypath(&te, base, fp) != 0) {
                free(fp); /* deleting what is not there: nothing to do */
                continue;
            }
            git_tree_entry_free(te);
            ups[nups].action = GIT_TREE_UPDATE_REMOVE;
        }
        ups[nups].path = fp;
        nups++;
    }
    if (!rc && git_tree_create_updated(tree_id, s->repo, base, nups, ups) != 0)
        rc = store_git_fail("cannot build the new tree");
    for (size_t i = 0; i < nups; i++)
        free((char *)ups[i].path);
    free(ups);
    return rc;
}

/* Moves branch from head_id (NULL: unborn) to commit_id under git's ref
 * lock: 0 moved, 1 retry (another program moved it or holds its lock for a
 * moment), or an error. */
static int move_branch(struct govern_store *s, const char *branch, const git_oid *head_id,
                       const git_oid *commit_id, const char *message, const struct store_lock *l,
                       int attempt)
{
    git_reference *ref = NULL;
    char reflog[256], lock[600];
    snprintf(reflog, sizeof(reflog), "govern: %.200s", message);
    char *nl = strchr(reflog, '\n');
    if (nl)
        *nl = '\0';
    int e = head_id ? git_reference_create_matching(&ref, s->repo, branch, commit_id, 1, head_id,
                                                    reflog)
                    : git_reference_create(&ref, s->repo, branch, commit_id, 0, reflog);
    git_reference_free(ref);
    if (e == 0)
        return 0;
    if (e == GIT_ELOCKED) {
        snprintf(lock, sizeof(lock), "%s.lock", branch);
        int rc = wait_git_lock(s, lock, l);
        return rc ? rc : 1;
    }
    if (e != GIT_EMODIFIED && !(!head_id && e == GIT_EEXISTS))
        return store_git_fail("cannot move the branch");
    if (attempt >= 200)
        return govern_error_set(GOVERN_ECONFLICT,
                                "gave up after %d attempts: another program keeps changing %s",
                                attempt + 1, branch);
    struct timespec ts = {0, (long)(1 + attempt % 20) * 5 * 1000 * 1000};
    nanosleep(&ts, NULL);
    return 1;
}

/* Committed: brings the work tree and index up to date for these paths,
 * then drops the journal (kept when this fails, for the next command). */
static int finish_commit(struct govern_store *s, struct govern_change *chg, const char *id,
                         const struct store_lock *l)
{
    int rc = 0;
    store_crash_point("after-ref-update");
    if (s->bare) {
        store_journal_remove(s);
        return 0;
    }
    for (size_t i = 0; i < chg->count && !rc; i++) {
        struct change_entry *ce = &chg->entries[i];
        /* an adopted file edited again since it was read: keep the
         * newer edit (it shows as uncommitted against the new commit) */
        if (ce->adopt && !worktree_holds(s, ce->path, ce->expect, ce->expect_len)) {
            ce->skip_worktree = true;
            continue;
        }
        if (ce->data)
            rc = store_worktree_put(s, ce->path, ce->data, ce->len);
        else
            store_worktree_delete(s, ce->path);
    }
    store_crash_point("after-worktree");
    if (!rc)
        rc = update_index(s, chg, l);
    if (rc) {
        char why[1024];
        snprintf(why, sizeof(why), "%s", govern_error_last());
        return govern_error_set(rc,
                                "committed %s, but could not bring the work tree and index up to "
                                "date: %s; the next govern command (or 'govern fsck --repair') "
                                "completes it",
                                id, why);
    }
    store_journal_remove(s);
    return 0;
}

/* One attempt: fn builds the change set against the branch head, which is
 * committed and the branch moved.  *retry: another writer got there first. */
static int attempt_commit(struct govern_commit_info *info, struct govern_store *s,
                          const char *branch, govern_txn_fn fn, void *ctx, bool allow_unborn,
                          const struct store_lock *l, int attempt, bool *retry)
{
    struct govern_change chg;
    struct govern_snapshot snap;
    git_oid head_id, tree_id, commit_id;
    git_commit *head = NULL;
    git_tree *base = NULL, *newtree = NULL;
    git_signature *sig = NULL;
    bool unborn = false;
    size_t tags_made = 0;
    int rc = 0;
    memset(&chg, 0, sizeof(chg));
    *retry = false;

    int e = git_reference_name_to_id(&head_id, s->repo, branch);
    if (e == GIT_ENOTFOUND && allow_unborn) {
        unborn = true;
        rc = empty_tree(&base, s->repo);
    } else if (e != 0) {
        rc = e == GIT_ENOTFOUND
                 ? govern_error_set(GOVERN_ENOTFOUND,
                                    "branch %s has no commits: run 'govern init' first", branch)
                 : store_git_fail("cannot read the branch");
    } else if (git_commit_lookup(&head, s->repo, &head_id) != 0 ||
               git_commit_tree(&base, head) != 0) {
        rc = store_git_fail("cannot read the head commit");
    }
    if (rc)
        goto out;
    store_snapshot_tree(&snap, s, base);
    if ((rc = fn(&chg, &snap, ctx)) || chg.count == 0)
        goto out;
    if (!chg.message) {
        rc = govern_error_set(GOVERN_EINVAL, "internal error: a change without a message");
        goto out;
    }
    if ((rc = run_guards(&snap, &chg)) || (rc = check_clean(s, &chg)) ||
        (rc = build_tree(&tree_id, s, base, &chg)))
        goto out;
    if (git_oid_equal(&tree_id, git_tree_id(base)) && !unborn)
        goto out; /* the change changes nothing */
    if ((rc = signature(&sig, s->repo)))
        goto out;
    if (git_tree_lookup(&newtree, s->repo, &tree_id) != 0) {
        rc = store_git_fail("cannot read the new tree");
        goto out;
    }
    const git_commit *parents[1] = {head};
    if (git_commit_create(&commit_id, s->repo, NULL, sig, sig, NULL, chg.message, newtree,
                          unborn ? 0 : 1, parents) != 0) {
        rc = store_git_fail("cannot make the commit");
        goto out;
    }
    if ((rc = store_journal_write(s, branch, unborn ? NULL : &head_id, &commit_id, &chg)))
        goto out;
    if ((rc = create_tags(s->repo, &commit_id, sig, &chg, &tags_made)))
        goto undo;
    store_crash_point("after-journal");
    rc = move_branch(s, branch, unborn ? NULL : &head_id, &commit_id, chg.message, l, attempt);
    if (rc == 1)
        *retry = true, rc = 0;
    if (rc || *retry)
        goto undo;
    if (info)
        git_oid_tostr(info->id, sizeof(info->id), &commit_id);
    rc = finish_commit(s, &chg, info ? info->id : "", l);
    goto out;
undo:
    delete_tags(s->repo, &chg, tags_made);
    store_journal_remove(s);
out:
    git_signature_free(sig);
    git_tree_free(newtree);
    git_tree_free(base);
    git_commit_free(head);
    store_change_free(&chg);
    return rc;
}

int store_transact(struct govern_commit_info *info, struct govern_store *s, govern_txn_fn fn,
                   void *ctx, bool allow_unborn)
{
    struct store_lock l;
    struct govern_commit_info local;
    char *branch = NULL, lock[600];
    int rc;
    if (!info)
        info = &local;
    info->id[0] = '\0';
    if ((rc = store_lock_take(&l, s, false, -1)))
        return rc;
    if ((rc = store_recover_locked(s, &l)) || (rc = store_head_branch(&branch, s->repo)))
        goto out;
    snprintf(lock, sizeof(lock), "%s.lock", branch);
    if ((rc = wait_git_lock(s, lock, &l)) ||
        (!s->bare && (rc = wait_git_lock(s, "index.lock", &l))))
        goto out;
    for (int attempt = 0;; attempt++) {
        bool retry = false;
        rc = attempt_commit(info, s, branch, fn, ctx, allow_unborn, &l, attempt, &retry);
        if (rc || !retry)
            break;
    }
    if (!rc && info->id[0])
        store_pack_auto(s);
out:
    free(branch);
    store_lock_release(&l);
    return rc;
}

/* Completes what an interrupted write left (see store_priv.h); only takes
 * govern.lock when there is something to do.  A writer that keeps the lock
 * for over a second will complete the journal itself: the reader then goes
 * on without waiting longer. */
int govern_store_recover(struct govern_store *s)
{
    if (!store_journal_exists(s))
        return 0;
    struct store_lock l;
    int rc = store_lock_take(&l, s, false, 1);
    if (rc == GOVERN_ECONFLICT) {
        govern_error_clear();
        return 0;
    }
    if (!rc)
        rc = store_recover_locked(s, &l);
    store_lock_release(&l);
    return rc;
}

/* govern.yaml of one snapshot parses and validates (what `govern check`
 * would otherwise report); an absent one is left to the command. */
static int config_valid_in(struct govern_snapshot *snap, const char *which)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    struct govern_config *cfg = NULL;
    int rc = govern_snapshot_read(&b, snap, GOVERN_CONFIG_FILE);
    if (rc == GOVERN_ENOTFOUND) {
        govern_error_clear();
        rc = 0;
    } else if (!rc) {
        rc = govern_config_parse(&cfg, GOVERN_CONFIG_FILE, b.ptr ? b.ptr : "", b.len);
    }
    govern_config_free(cfg);
    govern_buf_free(&b);
    if (!rc || rc == GOVERN_ENOMEM)
        return rc;
    char why[1024];
    snprintf(why, sizeof(why), "%s", govern_error_last());
    return govern_error_set(GOVERN_EINVAL,
                            "%s (%s); nothing is written while %s is invalid: fix it first "
                            "('govern check' lists the problems)",
                            why, which, GOVERN_CONFIG_FILE);
}

/* Writes refuse while govern.yaml fails validation, in the work tree (what
 * the clerk sees and `govern check` reads) or in the commit a write builds
 * on: every command's rules (notice days, the municipal year) come from it. */
static int config_valid(struct govern_store *s)
{
    int rc = 0;
    if (!s->bare) {
        struct govern_snapshot wt;
        store_snapshot_worktree(&wt, s);
        rc = config_valid_in(&wt, "in the work tree");
    }
    git_tree *tree = NULL;
    if (!rc && git_revparse_single((git_object **)&tree, s->repo, "HEAD^{tree}") == 0) {
        struct govern_snapshot head;
        store_snapshot_tree(&head, s, tree);
        rc = config_valid_in(&head, "as committed (HEAD)");
    }
    git_tree_free(tree);
    return rc;
}

int govern_store_transact(struct govern_commit_info *info, struct govern_store *s, govern_txn_fn fn,
                          void *ctx)
{
    int rc = config_valid(s);
    return rc ? rc : store_transact(info, s, fn, ctx, false);
}
