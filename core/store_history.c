/*
 * History: the log of a path, tags, a file as of a commit, and which
 * directories each commit changed.  The last is what commands need from
 * the history (a meeting's last change for DTSTAMP, the commits that
 * changed minutes when tags are missing): it comes from the history index
 * (store_hindex.c), which this file fills one commit at a time with
 * store_commit_keys: first-parent diffs of the store's tree, two levels
 * down, only under the top-level names asked for (a change elsewhere, such
 * as the action register's 50,000 files, is never read).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <git2.h>
#include "govern/error.h"
#include "govern/history.h"
#include "govern/store.h"
#include "store_priv.h"

/* --- history --- */

static int entry_id(git_oid *out, git_tree *tree, const char *path)
{
    if (!*path) {
        git_oid_cpy(out, git_tree_id(tree));
        return 0;
    }
    git_tree_entry *e = NULL;
    if (git_tree_entry_bypath(&e, tree, path) != 0)
        return GIT_ENOTFOUND;
    git_oid_cpy(out, git_tree_entry_id(e));
    git_tree_entry_free(e);
    return 0;
}

static int diff_paths(struct govern_strlist *out, struct govern_store *s, git_tree *old_tree,
                      git_tree *new_tree, const char *fp)
{
    git_diff_options o;
    git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
    char *spec = (char *)fp;
    if (*fp) {
        o.pathspec.strings = &spec;
        o.pathspec.count = 1;
    }
    git_diff *diff = NULL;
    if (git_diff_tree_to_tree(&diff, s->repo, old_tree, new_tree, &o) != 0)
        return store_git_fail("cannot compare commits");
    size_t pl = strlen(s->prefix);
    int rc = 0;
    for (size_t i = 0; i < git_diff_num_deltas(diff) && !rc; i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        const char *p = d->new_file.path ? d->new_file.path : d->old_file.path;
        if (pl && strncmp(p, s->prefix, pl) == 0 && p[pl] == '/')
            p += pl + 1;
        rc = govern_strlist_add(out, p);
    }
    git_diff_free(diff);
    return rc;
}

int govern_store_log(struct govern_log *out, struct govern_store *s, const char *rev,
                     const char *path, size_t limit)
{
    memset(out, 0, sizeof(*out));
    int rc = 0;
    if (*path && (rc = govern_path_check_relative("path", path)))
        return rc;
    char *fp = store_full_path(s, path);
    if (!fp)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    git_revwalk *walk = NULL;
    git_object *start = NULL;
    if ((rc = store_revparse(&start, s, rev, "commit"))) {
        free(fp);
        return rc;
    }
    if (git_revwalk_new(&walk, s->repo) != 0 ||
        git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) != 0 ||
        git_revwalk_push(walk, git_object_id(start)) != 0) {
        rc = store_git_fail("cannot walk the history");
        goto out;
    }
    git_oid id;
    while (!rc && git_revwalk_next(&id, walk) == 0) {
        if (limit && out->count >= limit)
            break;
        git_commit *c = NULL;
        git_tree *tree = NULL, *ptree = NULL;
        git_commit *parent = NULL;
        if (git_commit_lookup(&c, s->repo, &id) != 0 || git_commit_tree(&tree, c) != 0) {
            git_commit_free(c);
            rc = store_git_fail("cannot read a commit");
            break;
        }
        git_oid now, before;
        int has_now = entry_id(&now, tree, fp) == 0, has_before = 0;
        if (git_commit_parentcount(c) > 0 && git_commit_parent(&parent, c, 0) == 0 &&
            git_commit_tree(&ptree, parent) == 0)
            has_before = entry_id(&before, ptree, fp) == 0;
        bool changed = has_now != has_before || (has_now && !git_oid_equal(&now, &before));
        if (changed) {
            struct govern_log_entry *ents = realloc(out->entries, (out->count + 1) * sizeof(*ents));
            if (!ents) {
                rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
            } else {
                out->entries = ents;
                struct govern_log_entry *le = &ents[out->count];
                memset(le, 0, sizeof(*le));
                git_oid_tostr(le->id, sizeof(le->id), &id);
                const git_signature *a = git_commit_author(c);
                struct govern_buf b = GOVERN_BUF_INIT;
                govern_buf_printf(&b, "%s <%s>", a->name, a->email);
                le->author = govern_buf_detach(&b);
                le->time = a->when.time;
                le->tz_offset = a->when.offset;
                const char *sum = git_commit_summary(c);
                le->summary = strdup(sum ? sum : "");
                out->count++;
                rc = diff_paths(&le->paths, s, ptree, tree, fp);
            }
        }
        git_tree_free(ptree);
        git_commit_free(parent);
        git_tree_free(tree);
        git_commit_free(c);
    }
out:
    git_revwalk_free(walk);
    git_object_free(start);
    free(fp);
    if (rc)
        govern_log_free(out);
    return rc;
}

void govern_log_free(struct govern_log *log)
{
    if (!log)
        return;
    for (size_t i = 0; i < log->count; i++) {
        free(log->entries[i].author);
        free(log->entries[i].summary);
        govern_strlist_free(&log->entries[i].paths);
    }
    free(log->entries);
    memset(log, 0, sizeof(*log));
}

int govern_store_tag_count(size_t *out, struct govern_store *s, const char *pattern)
{
    git_strarray names = {0};
    *out = 0;
    if (git_tag_list_match(&names, pattern, s->repo) != 0)
        return store_git_fail("cannot list tags");
    *out = names.count;
    git_strarray_dispose(&names);
    return 0;
}

int govern_store_tag_list(struct govern_strlist *out, struct govern_store *s, const char *pattern)
{
    git_strarray names = {0};
    int rc = 0;
    if (git_tag_list_match(&names, pattern, s->repo) != 0)
        return store_git_fail("cannot list tags");
    for (size_t i = 0; i < names.count && !rc; i++)
        rc = govern_strlist_add(out, names.strings[i]);
    git_strarray_dispose(&names);
    if (!rc)
        govern_strlist_sort(out);
    return rc;
}

int govern_store_read_at(struct govern_buf *out, struct govern_store *s, const char *rev,
                         const char *path)
{
    struct govern_snapshot *snap = NULL;
    int rc = govern_store_snapshot(&snap, s, rev);
    if (rc)
        return rc;
    /* a snapshot of a rev always reads from its tree */
    if (!govern_snapshot_is_commit(snap)) {
        govern_snapshot_free(snap);
        return govern_error_set(GOVERN_EINVAL, "no revision given");
    }
    rc = govern_snapshot_read(out, snap, path);
    govern_snapshot_free(snap);
    return rc;
}

/* --- which directories a commit changed --- */

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
        return git_tree_dup(out, tree) ? store_git_fail("cannot read a tree") : 0;
    }
    git_tree_entry *e = NULL;
    if (git_tree_entry_bypath(&e, tree, path) != 0)
        return 0;
    git_oid_cpy(id, git_tree_entry_id(e));
    *exists = true;
    int rc = 0;
    if (git_tree_entry_type(e) == GIT_OBJECT_TREE && git_tree_lookup(out, repo, id) != 0)
        rc = store_git_fail("cannot read a tree");
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
    return git_tree_lookup(out, repo, git_tree_entry_id(e)) ? store_git_fail("cannot read a tree")
                                                            : 0;
}

/* Calls fn(new_entry, old_entry) once for every name whose entries in new
 * and old differ (either tree may be NULL; an absent entry is NULL). */
typedef int (*changed_fn)(const git_tree_entry *now, const git_tree_entry *before, void *ctx);

static int each_changed(git_tree *old, git_tree *new, changed_fn fn, void *ctx)
{
    int rc = 0;
    for (int side = 0; side < 2 && !rc; side++) {
        git_tree *a = side ? old : new, *b = side ? new : old;
        size_t count = a ? git_tree_entrycount(a) : 0;
        for (size_t i = 0; i < count && !rc; i++) {
            const git_tree_entry *e = git_tree_entry_byindex(a, i);
            const git_tree_entry *o = b ? git_tree_entry_byname(b, git_tree_entry_name(e)) : NULL;
            if (entry_same(e, o) || (side && o))
                continue; /* unchanged, or changed and already seen from the new side */
            rc = side ? fn(NULL, e, ctx) : fn(e, o, ctx);
        }
    }
    return rc;
}

struct slug_ctx {
    char key[512]; /* "SLUG/" then the name */
    size_t sl;     /* bytes of "SLUG/" */
    const struct govern_strlist *slugs;
    git_repository *repo;
    store_key_fn fn;
    void *ctx;
};

/* An entry of a top-level directory changed: its key goes to the caller. */
static int slug_entry(const git_tree_entry *now, const git_tree_entry *before, void *vctx)
{
    struct slug_ctx *c = vctx;
    const char *name = git_tree_entry_name(now ? now : before);
    size_t nl = strlen(name);
    if (c->sl + nl >= sizeof(c->key))
        return 0;
    memcpy(c->key + c->sl, name, nl + 1);
    return c->fn(c->key, c->sl + nl, c->ctx);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A top-level entry of the store changed: when it is one of the (sorted)
 * slugs asked for, its own entries that changed (a change elsewhere, such
 * as the action register, is never read). */
static int store_entry(const git_tree_entry *now, const git_tree_entry *before, void *vctx)
{
    struct slug_ctx *c = vctx;
    const char *slug = git_tree_entry_name(now ? now : before);
    size_t sl = strlen(slug);
    if (!bsearch(&slug, c->slugs->items, c->slugs->count, sizeof(*c->slugs->items), cmp_str) ||
        sl + 2 >= sizeof(c->key))
        return 0; /* not asked for (slugs are 64 bytes at most) */
    git_tree *tn = NULL, *tb = NULL;
    int rc = tree_of(&tn, c->repo, now);
    if (!rc)
        rc = tree_of(&tb, c->repo, before);
    if (!rc && (tn || tb)) {
        memcpy(c->key, slug, sl);
        c->key[sl] = '/';
        c->sl = sl + 1;
        rc = each_changed(tb, tn, slug_entry, c);
    }
    git_tree_free(tn);
    git_tree_free(tb);
    return rc;
}

int store_commit_keys(bool *store_changed, int64_t *time, struct govern_store *s,
                      const git_commit *c, const struct govern_strlist *slugs, store_key_fn fn,
                      void *ctx)
{
    git_repository *repo = s->repo;
    git_commit *parent = NULL;
    git_tree *tree = NULL, *ptree = NULL, *now = NULL, *before = NULL;
    git_oid now_id, before_id;
    bool has_now = false, has_before = false;
    int rc = 0;
    *store_changed = false;
    *time = git_commit_author(c)->when.time;
    if (git_commit_tree(&tree, c) != 0 ||
        (git_commit_parentcount(c) > 0 &&
         (git_commit_parent(&parent, c, 0) != 0 || git_commit_tree(&ptree, parent) != 0)))
        rc = store_git_fail("cannot read a commit");
    if (!rc)
        rc = subtree(&now, &now_id, &has_now, repo, tree, s->prefix);
    if (!rc)
        rc = subtree(&before, &before_id, &has_before, repo, ptree, s->prefix);
    if (!rc && (has_now != has_before || (has_now && !git_oid_equal(&now_id, &before_id)))) {
        struct slug_ctx sc = {.slugs = slugs, .repo = repo, .fn = fn, .ctx = ctx};
        *store_changed = true;
        rc = each_changed(before, now, store_entry, &sc);
    }
    git_tree_free(now);
    git_tree_free(before);
    git_tree_free(ptree);
    git_tree_free(tree);
    git_commit_free(parent);
    return rc;
}

/* --- answering from the index --- */

struct dir_index {
    const char *dir; /* "SLUG/DIR" */
    size_t len;
    size_t index; /* in the caller's array */
};

static int dir_cmp(const void *a, const void *b)
{
    const struct dir_index *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->dir, y->dir, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* The directories asked for, sorted (the same one may be asked twice). */
static int dirs_sorted(struct dir_index **out, const char *const *dirs, size_t n)
{
    struct dir_index *ix = malloc((n ? n : 1) * sizeof(*ix));
    if (!ix)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        ix[i].dir = dirs[i];
        ix[i].len = strlen(dirs[i]);
        ix[i].index = i;
    }
    qsort(ix, n, sizeof(*ix), dir_cmp);
    *out = ix;
    return 0;
}

/* Calls hit(i) for every directory i asked for that equals key. */
static void each_asked(const struct dir_index *ix, size_t n, const char *key,
                       void (*hit)(size_t i, const struct store_hrec *r, void *ctx),
                       const struct store_hrec *r, void *ctx)
{
    struct dir_index k = {key, strlen(key), 0};
    const struct dir_index *p = bsearch(&k, ix, n, sizeof(*ix), dir_cmp);
    for (; p && p > ix && !dir_cmp(p - 1, &k); p--)
        ;
    for (; p && p < ix + n && !dir_cmp(p, &k); p++)
        hit(p->index, r, ctx);
}

/* Every record from rev's commit on, in walk order: fn(record, key index)
 * for each key changed, with head_time the newest commit that changed the
 * store. */
static int answer(struct govern_store *s, const char *rev, const char *const *dirs, size_t n,
                  int64_t *head_time, void (*hit)(size_t i, const struct store_hrec *r, void *ctx),
                  void *ctx)
{
    struct store_hindex hx;
    struct dir_index *ix = NULL;
    size_t start = 0;
    int rc = dirs_sorted(&ix, dirs, n);
    if (!rc)
        rc = store_hindex_get(&hx, &start, s, rev, dirs, n);
    if (rc) {
        free(ix);
        return rc;
    }
    bool first = true;
    for (size_t r = start; r < hx.n; r++) {
        const struct store_hrec *rec = &hx.recs[r];
        if (!rec->store_changed)
            continue;
        if (first && head_time)
            *head_time = rec->time;
        first = false;
        for (size_t k = 0; k < rec->n_keys; k++)
            each_asked(ix, n, hx.keys[rec->first_key + k], hit, rec, ctx);
    }
    store_hindex_free(&hx);
    free(ix);
    return 0;
}

struct times_ctx {
    int64_t *times;
    bool *seen;
};

static void hit_time(size_t i, const struct store_hrec *r, void *vctx)
{
    struct times_ctx *c = vctx;
    if (!c->seen[i]) {
        c->seen[i] = true;
        c->times[i] = r->time;
    }
}

int govern_history_dir_times(int64_t *times, int64_t *head_time, struct govern_store *s,
                             const char *rev, const char *const *dirs, size_t n)
{
    *head_time = 0;
    for (size_t i = 0; i < n; i++)
        times[i] = 0;
    if (!n)
        return 0;
    struct times_ctx c = {times, calloc(n, sizeof(bool))};
    int rc = c.seen ? answer(s, rev, dirs, n, head_time, hit_time, &c)
                    : govern_error_set(GOVERN_ENOMEM, "out of memory");
    free(c.seen);
    return rc;
}

struct logs_ctx {
    struct govern_log *logs;
    int rc;
};

static void hit_log(size_t i, const struct store_hrec *r, void *vctx)
{
    struct logs_ctx *c = vctx;
    struct govern_log *l = &c->logs[i];
    if (c->rc)
        return;
    struct govern_log_entry *e = realloc(l->entries, (l->count + 1) * sizeof(*e));
    if (!e) {
        c->rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        return;
    }
    l->entries = e;
    memset(&e[l->count], 0, sizeof(*e));
    git_oid_tostr(e[l->count].id, sizeof(e[l->count].id), &r->id);
    e[l->count++].time = r->time;
}

int govern_store_dir_commits(struct govern_log *logs, struct govern_store *s, const char *rev,
                             const char *const *dirs, size_t n)
{
    memset(logs, 0, n * sizeof(*logs));
    if (!n)
        return 0;
    struct logs_ctx c = {logs, 0};
    int rc = answer(s, rev, dirs, n, NULL, hit_log, &c);
    if (!rc)
        rc = c.rc;
    for (size_t i = 0; rc && i < n; i++)
        govern_log_free(&logs[i]);
    return rc;
}
