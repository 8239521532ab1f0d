/*
 * Every meeting's DTSTAMP and LAST-MODIFIED: the author time of the newest
 * commit whose change (against its first parent) touches anything in the
 * meeting's directory, and for meetings no commit has touched (work-tree
 * edits) the time of the newest commit that changed the store.  These are
 * exactly the commits and paths that govern_store_log() lists.
 *
 * One walk of the history for all meetings.  In a store with a work tree
 * the walk reads the commits' trees with libgit2 down to the meeting
 * directories only (SLUG/DIR: a changed directory is one whose tree id
 * differs) and stops as soon as every meeting has its time, instead of
 * diffing every file of every commit: for 5,000 meetings that diff was a
 * fifth of `govern calendar`'s time (bench/ical).  A bare store, whose
 * repository the store API does not name, uses govern_store_log();
 * tests/ical/ical_test.py (group stamps) checks that both give the same
 * feed over renames, deletions, merges and a store in a subdirectory.
 */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ical.h"

static int oom(void)
{
    return govern_error_set(GOVERN_ENOMEM, "out of memory");
}

struct dir_index {
    const char *dir; /* "SLUG/DIR" */
    size_t len;
    size_t meeting;
};

static int dir_cmp(const void *a, const void *b)
{
    const struct dir_index *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->dir, y->dir, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

struct walk {
    struct ical_ctx *ctx;
    struct dir_index *ix;
    size_t n;
    bool *seen;
    size_t remaining; /* meetings without a time yet */
};

/* The commit at time t changed the meeting directory key (len bytes). */
static void mark(struct walk *w, const char *key, size_t len, int64_t t)
{
    struct dir_index k = {key, len, 0};
    struct dir_index *hit = bsearch(&k, w->ix, w->n, sizeof(*w->ix), dir_cmp);
    /* several meetings never share a directory, but be exact anyway */
    for (; hit && hit > w->ix && !dir_cmp(hit - 1, &k); hit--)
        ;
    for (; hit && hit < w->ix + w->n && !dir_cmp(hit, &k); hit++)
        if (!w->seen[hit->meeting]) {
            w->seen[hit->meeting] = true;
            w->ctx->stamps[hit->meeting] = t;
            w->remaining--;
        }
}

/* The walk through govern_store_log(): every changed path of every commit. */
static int walk_log(struct walk *w)
{
    struct govern_log log;
    int rc = govern_store_log(&log, w->ctx->store, w->ctx->rev, "", 0);
    if (rc)
        return rc;
    if (log.count)
        w->ctx->head_time = log.entries[0].time;
    for (size_t e = 0; e < log.count && w->remaining; e++) { /* newest first */
        const struct govern_strlist *ps = &log.entries[e].paths;
        for (size_t k = 0; k < ps->count; k++) {
            /* the meeting directory is the path's first two segments */
            const char *p = ps->items[k], *a = strchr(p, '/');
            const char *b = a ? strchr(a + 1, '/') : NULL;
            mark(w, p, b ? (size_t)(b - p) : strlen(p), log.entries[e].time);
        }
    }
    govern_log_free(&log);
    return 0;
}

static int git_failed(const char *what)
{
    const git_error *e = git_error_last();
    return govern_error_set(GOVERN_EIO, "%s: %s", what, e && e->message ? e->message : "git error");
}

/* The tree at path in tree (path "" is tree itself); NULL when absent or
 * not a tree.  *id gets the entry's id, *exists whether there is one. */
static int subtree(git_tree **out, git_oid *id, bool *exists, git_repository *repo, git_tree *tree,
                   const char *path)
{
    *out = NULL;
    *exists = false;
    if (!tree)
        return 0;
    if (!*path) {
        git_oid_cpy(id, git_tree_id(tree));
        *exists = true;
        return git_tree_dup(out, tree) ? git_failed("cannot read a tree") : 0;
    }
    git_tree_entry *e = NULL;
    if (git_tree_entry_bypath(&e, tree, path) != 0)
        return 0;
    git_oid_cpy(id, git_tree_entry_id(e));
    *exists = true;
    int rc = 0;
    if (git_tree_entry_type(e) == GIT_OBJECT_TREE && git_tree_lookup(out, repo, id) != 0)
        rc = git_failed("cannot read a tree");
    git_tree_entry_free(e);
    return rc;
}

static bool entry_same(const git_tree_entry *a, const git_tree_entry *b)
{
    return a && b && git_tree_entry_filemode(a) == git_tree_entry_filemode(b) &&
           git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b));
}

static int tree_of(git_tree **out, git_repository *repo, const git_tree_entry *e)
{
    *out = NULL;
    if (!e || git_tree_entry_type(e) != GIT_OBJECT_TREE)
        return 0;
    return git_tree_lookup(out, repo, git_tree_entry_id(e)) ? git_failed("cannot read a tree") : 0;
}

/* Marks the entries of a committee directory (SLUG) that differ between the
 * old and the new tree (either may be NULL: added or deleted). */
static void diff_slug(struct walk *w, const char *slug, git_tree *old, git_tree *new, int64_t t)
{
    char key[512];
    size_t sl = strlen(slug);
    if (sl + 2 >= sizeof(key))
        return; /* cannot be a committee's directory (slugs are 64 bytes at most) */
    memcpy(key, slug, sl);
    key[sl] = '/';
    for (int side = 0; side < 2; side++) {
        git_tree *a = side ? old : new, *b = side ? new : old;
        size_t count = a ? git_tree_entrycount(a) : 0;
        for (size_t i = 0; i < count && w->remaining; i++) {
            const git_tree_entry *e = git_tree_entry_byindex(a, i);
            const char *name = git_tree_entry_name(e);
            const git_tree_entry *o = b ? git_tree_entry_byname(b, name) : NULL;
            if (entry_same(e, o) || (side && o))
                continue; /* unchanged, or changed and already seen from the new side */
            size_t nl = strlen(name);
            if (sl + 1 + nl < sizeof(key)) {
                memcpy(key + sl + 1, name, nl);
                mark(w, key, sl + 1 + nl, t);
            }
        }
    }
}

/* The store directories of old and new that differ, two levels down. */
static int diff_store(struct walk *w, git_repository *repo, git_tree *old, git_tree *new, int64_t t)
{
    int rc = 0;
    for (int side = 0; side < 2 && !rc; side++) {
        git_tree *a = side ? old : new, *b = side ? new : old;
        size_t count = a ? git_tree_entrycount(a) : 0;
        for (size_t i = 0; i < count && !rc && w->remaining; i++) {
            const git_tree_entry *e = git_tree_entry_byindex(a, i);
            const git_tree_entry *o = b ? git_tree_entry_byname(b, git_tree_entry_name(e)) : NULL;
            if (entry_same(e, o) || (side && o))
                continue;
            git_tree *te = NULL, *to = NULL;
            if (!(rc = tree_of(&te, repo, e)) && !(rc = tree_of(&to, repo, o)) && (te || to))
                diff_slug(w, git_tree_entry_name(e), side ? te : to, side ? to : te, t);
            git_tree_free(te);
            git_tree_free(to);
        }
    }
    return rc;
}

/* The walk through the repository of a store with a work tree. */
static int walk_trees(struct walk *w, const char *workdir)
{
    struct ical_ctx *ctx = w->ctx;
    const char *prefix = govern_store_prefix(ctx->store);
    git_repository *repo = NULL;
    git_revwalk *rw = NULL;
    git_object *start = NULL;
    int rc = 0;
    char spec[512];
    snprintf(spec, sizeof(spec), "%s^{commit}", ctx->rev ? ctx->rev : "HEAD");
    if (git_repository_open_ext(&repo, workdir, 0, NULL) != 0)
        return git_failed("cannot open the store's repository");
    if (git_revparse_single(&start, repo, spec) != 0) {
        rc = govern_error_set(GOVERN_ENOTFOUND, "unknown revision '%s'",
                              ctx->rev ? ctx->rev : "HEAD");
        goto out;
    }
    if (git_revwalk_new(&rw, repo) != 0 ||
        git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) != 0 ||
        git_revwalk_push(rw, git_object_id(start)) != 0) {
        rc = git_failed("cannot walk the history");
        goto out;
    }
    bool first = true;
    git_oid id;
    while (!rc && w->remaining && git_revwalk_next(&id, rw) == 0) {
        git_commit *c = NULL, *parent = NULL;
        git_tree *tree = NULL, *ptree = NULL, *now = NULL, *before = NULL;
        git_oid now_id, before_id;
        bool has_now, has_before = false;
        if (git_commit_lookup(&c, repo, &id) != 0 || git_commit_tree(&tree, c) != 0) {
            rc = git_failed("cannot read a commit");
        } else if (git_commit_parentcount(c) > 0 && git_commit_parent(&parent, c, 0) == 0 &&
                   git_commit_tree(&ptree, parent) != 0) {
            rc = git_failed("cannot read a commit");
        }
        if (!rc)
            rc = subtree(&now, &now_id, &has_now, repo, tree, prefix);
        if (!rc)
            rc = subtree(&before, &before_id, &has_before, repo, ptree, prefix);
        if (!rc && (has_now != has_before || (has_now && !git_oid_equal(&now_id, &before_id)))) {
            int64_t t = git_commit_author(c)->when.time;
            if (first)
                ctx->head_time = t;
            first = false;
            rc = diff_store(w, repo, before, now, t);
        }
        git_tree_free(now);
        git_tree_free(before);
        git_tree_free(ptree);
        git_tree_free(tree);
        git_commit_free(parent);
        git_commit_free(c);
    }
out:
    git_revwalk_free(rw);
    git_object_free(start);
    git_repository_free(repo);
    return rc;
}

int ical_load_stamps(struct ical_ctx *ctx)
{
    size_t n = ctx->model->n_meetings;
    for (size_t i = 0; i < n; i++)
        ctx->stamps[i] = 0;
    ctx->head_time = 0;
    if (!ctx->store || !n)
        return 0;
    struct walk w = {ctx, malloc(n * sizeof(*w.ix)), n, calloc(n, sizeof(bool)), n};
    if (!w.ix || !w.seen) {
        free(w.ix);
        free(w.seen);
        return oom();
    }
    for (size_t i = 0; i < n; i++) {
        const char *path = ctx->model->meetings[i]->path;
        const char *slash = strrchr(path, '/');
        w.ix[i].dir = path;
        w.ix[i].len = slash ? (size_t)(slash - path) : strlen(path);
        w.ix[i].meeting = i;
    }
    qsort(w.ix, n, sizeof(*w.ix), dir_cmp);
    const char *workdir = govern_store_workdir(ctx->store);
    int rc = workdir && !govern_store_is_bare(ctx->store) ? walk_trees(&w, workdir) : walk_log(&w);
    for (size_t i = 0; i < n && !rc; i++)
        if (!w.seen[i])
            ctx->stamps[i] = ctx->head_time;
    free(w.ix);
    free(w.seen);
    return rc;
}
