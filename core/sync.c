/*
 * `govern sync`: one command that brings a clerk's clone and the council's
 * remote together, all or nothing.  Under the store's write lock:
 *
 *  1. fetch the remote's branch and tags (no network: fail, nothing done);
 *  2. replay the local commits the remote lacks onto its branch
 *     (sync_replay.c), as new objects only;
 *  3. refuse if a path that would change has uncommitted edits;
 *  4. record $GIT_DIR/govern/sync-pending (old head, new tip), push the new
 *     tip (compare-and-swap on the server: a push that is not a fast-forward
 *     is refused, so a clerk who pushed meanwhile is never overwritten);
 *  5. write the store's journal, move the local branch by compare-and-swap,
 *     bring the work tree and index forward, drop the journal and the
 *     pending record.
 *
 * A kill -9 before 4 leaves the store as it was.  One between the push and
 * the branch move leaves the local branch as it was and the remote ahead:
 * the pending record lets the next sync see that the remote already holds
 * these commits (and fast-forward) instead of replaying them twice.  One
 * after the branch move is completed by the store's journal (any next
 * command).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "govern/error.h"
#include "govern/teamwork.h"
#include "sync_priv.h"

#define SYNC_TIP_REF "refs/govern/sync-tip"

int sync_refs_open(struct sync_refs *r, struct govern_store *s, const char *remote)
{
    git_reference *head = NULL;
    memset(r, 0, sizeof(*r));
    snprintf(r->name, sizeof(r->name), "%s", remote ? remote : "origin");
    if (git_repository_head(&head, s->repo) != 0 &&
        git_reference_lookup(&head, s->repo, "HEAD") != 0)
        return store_git_fail("cannot read HEAD");
    const char *bn = git_reference_type(head) == GIT_REFERENCE_SYMBOLIC
                         ? git_reference_symbolic_target(head)
                         : git_reference_name(head);
    if (strncmp(bn, "refs/heads/", 11)) {
        git_reference_free(head);
        return govern_error_set(GOVERN_EINVAL,
                                "HEAD is not on a branch: check out the store's branch first");
    }
    r->branch = govern_strdup(bn);
    snprintf(r->tracking, sizeof(r->tracking), "refs/remotes/%s/%s", r->name, bn + 11);
    git_reference_free(head);
    if (!r->branch)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    int e = git_remote_lookup(&r->remote, s->repo, r->name);
    if (e == GIT_ENOTFOUND || e == GIT_EINVALIDSPEC)
        return govern_error_set(GOVERN_ENOTFOUND,
                                "no remote '%s': add the council's server with 'git remote add "
                                "%s URL'",
                                r->name, r->name);
    if (e != 0)
        return store_git_fail("cannot read the remote");
    return 0;
}

void sync_refs_close(struct sync_refs *r)
{
    git_remote_free(r->remote);
    free(r->branch);
    memset(r, 0, sizeof(*r));
}

static int net_fail(struct sync_refs *r, const char *what)
{
    const git_error *e = git_error_last();
    return govern_error_set(GOVERN_EIO, "cannot %s remote '%s' (%s): %s; nothing was changed", what,
                            r->name, git_remote_url(r->remote) ? git_remote_url(r->remote) : "",
                            e && e->message ? e->message : "unknown error");
}

int sync_fetch(struct sync_refs *r)
{
    char spec[700];
    snprintf(spec, sizeof(spec), "+%s:%s", r->branch, r->tracking);
    char *specs[1] = {spec};
    git_strarray refspecs = {specs, 1};
    git_fetch_options fo;
    git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
    fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL;
    fo.prune = GIT_FETCH_NO_PRUNE;
    if (git_remote_fetch(r->remote, &refspecs, &fo, "govern sync: fetch") != 0)
        return net_fail(r, "fetch from");
    return 0;
}

static void pending_path(char *out, size_t n, const struct govern_store *s, const char *suffix)
{
    snprintf(out, n, "%sgovern/sync-pending%s", s->gitdir, suffix);
}

bool sync_pending_read(const struct govern_store *s, git_oid *old_head, git_oid *new_tip)
{
    char path[PATH_MAX], a[GIT_OID_HEXSZ + 1], b[GIT_OID_HEXSZ + 1];
    pending_path(path, sizeof(path), s, "");
    FILE *f = fopen(path, "re");
    if (!f)
        return false;
    bool ok = fscanf(f, "govern-sync 1 %40s %40s", a, b) == 2 && !git_oid_fromstr(old_head, a) &&
              !git_oid_fromstr(new_tip, b);
    fclose(f);
    return ok;
}

static int pending_write(const struct govern_store *s, const git_oid *old_head,
                         const git_oid *new_tip)
{
    char path[PATH_MAX], tmp[PATH_MAX], a[GIT_OID_HEXSZ + 1], b[GIT_OID_HEXSZ + 1];
    snprintf(path, sizeof(path), "%sgovern", s->gitdir);
    mkdir(path, 0777);
    pending_path(path, sizeof(path), s, "");
    char suffix[64];
    snprintf(suffix, sizeof(suffix), ".%ld.tmp", (long)getpid()); /* fsck knows NAME.PID.tmp */
    pending_path(tmp, sizeof(tmp), s, suffix);
    git_oid_tostr(a, sizeof(a), old_head);
    git_oid_tostr(b, sizeof(b), new_tip);
    FILE *f = fopen(tmp, "we");
    bool ok = f && fprintf(f, "govern-sync 1 %s %s\n", a, b) > 0;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return govern_error_set(GOVERN_EIO, "cannot write %s: %s", path, strerror(errno));
    }
    return 0;
}

static void pending_remove(const struct govern_store *s)
{
    char path[PATH_MAX];
    pending_path(path, sizeof(path), s, "");
    unlink(path);
}

struct push_state {
    char *refused; /* the server's reason, or NULL */
};

static int push_update(const char *refname, const char *status, void *payload)
{
    struct push_state *ps = payload;
    if (status && !ps->refused) {
        struct govern_buf b = GOVERN_BUF_INIT;
        govern_buf_printf(&b, "%s: %s", refname, status);
        ps->refused = govern_buf_detach(&b);
    }
    return 0;
}

/* Tags here that the remote (as listed by the fetch) lacks. */
static int missing_tags(struct govern_strlist *out, struct govern_store *s, struct sync_refs *r)
{
    const git_remote_head **heads = NULL;
    size_t n = 0;
    git_strarray tags = {NULL, 0};
    if (git_remote_ls(&heads, &n, r->remote) != 0)
        n = 0;
    if (git_tag_list(&tags, s->repo) != 0)
        return store_git_fail("cannot list the tags");
    int rc = 0;
    for (size_t i = 0; i < tags.count && !rc; i++) {
        char ref[600];
        bool there = false;
        snprintf(ref, sizeof(ref), "refs/tags/%s", tags.strings[i]);
        for (size_t k = 0; k < n && !there; k++)
            there = !strcmp(heads[k]->name, ref);
        if (!there) {
            char spec[1300];
            snprintf(spec, sizeof(spec), "%s:%s", ref, ref);
            rc = govern_strlist_add(out, spec);
        }
    }
    git_strarray_dispose(&tags);
    return rc;
}

static int push(struct govern_store *s, struct sync_refs *r, const git_oid *tip)
{
    git_reference *tmp = NULL;
    struct govern_strlist specs = GOVERN_STRLIST_INIT;
    struct push_state ps = {NULL};
    char spec[700];
    int rc = 0;
    if (git_reference_create(&tmp, s->repo, SYNC_TIP_REF, tip, 1, "govern sync: to push") != 0)
        return store_git_fail("cannot record the commits to push");
    git_reference_free(tmp);
    snprintf(spec, sizeof(spec), SYNC_TIP_REF ":%s", r->branch);
    if ((rc = govern_strlist_add(&specs, spec)) || (rc = missing_tags(&specs, s, r)))
        goto out;
    git_push_options po;
    git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
    po.callbacks.push_update_reference = push_update;
    po.callbacks.payload = &ps;
    git_strarray arr = {specs.items, specs.count};
    if (git_remote_push(r->remote, &arr, &po) != 0) {
        const git_error *e = git_error_last();
        rc = govern_error_set(GOVERN_EIO,
                              "the push to remote '%s' failed: %s; nothing was changed here "
                              "(run govern sync again)",
                              r->name, e && e->message ? e->message : "unknown error");
    } else if (ps.refused) {
        rc = govern_error_set(GOVERN_ECONFLICT,
                              "remote '%s' refused the push (%s); nothing was changed here. If "
                              "another clerk pushed meanwhile, run govern sync again; if the "
                              "server's rules refused it, correct the records and sync again",
                              r->name, ps.refused);
    }
out:
    free(ps.refused);
    govern_strlist_free(&specs);
    git_reference_remove(s->repo, SYNC_TIP_REF);
    return rc;
}

/* The change set that takes the work tree from old to new (for the store's
 * journal and the work-tree update); paths relative to the store. */
static int change_between(struct govern_change *chg, struct govern_store *s, const git_oid *old,
                          const git_oid *new)
{
    git_commit *a = NULL, *b = NULL;
    git_tree *ta = NULL, *tb = NULL;
    git_diff *diff = NULL;
    int rc = 0;
    size_t plen = strlen(s->prefix);
    if (git_commit_lookup(&a, s->repo, old) != 0 || git_commit_lookup(&b, s->repo, new) != 0 ||
        git_commit_tree(&ta, a) != 0 || git_commit_tree(&tb, b) != 0 ||
        git_diff_tree_to_tree(&diff, s->repo, ta, tb, NULL) != 0)
        rc = store_git_fail("cannot compare the branch with the synced tip");
    for (size_t i = 0; !rc && i < git_diff_num_deltas(diff); i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        bool del = d->status == GIT_DELTA_DELETED;
        const char *path = del ? d->old_file.path : d->new_file.path;
        if (plen && (strncmp(path, s->prefix, plen) || path[plen] != '/')) {
            rc =
                govern_error_set(GOVERN_EINVAL, "%s is outside the store at '%s': sync it with git",
                                 path, s->prefix);
            break;
        }
        const char *rel = path + (plen ? plen + 1 : 0);
        if (del) {
            rc = govern_change_delete(chg, rel);
            continue;
        }
        git_blob *blob = NULL;
        if (git_blob_lookup(&blob, s->repo, &d->new_file.id) != 0) {
            rc = store_git_fail("cannot read a synced file");
            break;
        }
        rc = govern_change_put(chg, rel, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
        git_blob_free(blob);
    }
    git_diff_free(diff);
    git_tree_free(ta);
    git_tree_free(tb);
    git_commit_free(a);
    git_commit_free(b);
    return rc;
}

/* Refuses, before anything is written, paths with a clerk's edits: one
 * status of exactly these paths (not one per path, which would re-read the
 * index each time). */
static int refuse_dirty(struct govern_store *s, const struct govern_change *chg)
{
    if (!chg->count)
        return 0;
    char **paths = calloc(chg->count, sizeof(*paths));
    git_status_list *list = NULL;
    git_status_options so;
    int rc = paths ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < chg->count; i++)
        if (!(paths[i] = store_full_path(s, chg->entries[i].path)))
            rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
    git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
    so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
               GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
    so.pathspec.strings = paths;
    so.pathspec.count = chg->count;
    if (!rc && git_status_list_new(&list, s->repo, &so) != 0)
        rc = store_git_fail("cannot read the status of the work tree");
    if (!rc && git_status_list_entrycount(list) > 0) {
        const git_status_entry *e = git_status_byindex(list, 0);
        const git_diff_delta *d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
        rc = govern_error_set(GOVERN_EDIRTY,
                              "%s has uncommitted edits (or is staged, or new) and sync would "
                              "change it; commit or discard them first (govern never overwrites "
                              "uncommitted work); nothing was changed",
                              d ? d->new_file.path : "a file");
    }
    git_status_list_free(list);
    for (size_t i = 0; paths && i < chg->count; i++)
        free(paths[i]);
    free(paths);
    return rc;
}

static void change_clear(struct govern_change *c)
{
    for (size_t i = 0; i < c->count; i++) {
        free(c->entries[i].path);
        free(c->entries[i].data);
        free(c->entries[i].expect);
    }
    free(c->entries);
    free(c->message);
    memset(c, 0, sizeof(*c));
}

/* The index entry of a file just written to the work tree: its blob is
 * known (git_index_add_bypath would hash the file and write the blob again,
 * a loose object per file), its stat data taken now. */
static int index_entry(struct govern_store *s, git_index *idx, const struct change_entry *ce)
{
    char *fp = store_full_path(s, ce->path);
    char abs[PATH_MAX];
    struct stat st;
    int rc = 0;
    if (!fp)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    if (!ce->data) {
        if (git_index_remove_bypath(idx, fp) != 0)
            rc = store_git_fail("cannot update the index");
        free(fp);
        return rc;
    }
    git_index_entry e;
    memset(&e, 0, sizeof(e));
    snprintf(abs, sizeof(abs), "%s/%s", s->workdir, ce->path);
    if (lstat(abs, &st) != 0) {
        rc = govern_error_set(GOVERN_EIO, "cannot read %s: %s", abs, strerror(errno));
    } else {
        e.path = fp;
        e.mode = GIT_FILEMODE_BLOB;
        e.file_size = (uint32_t)st.st_size;
        e.ctime.seconds = (int32_t)st.st_ctim.tv_sec;
        e.ctime.nanoseconds = (uint32_t)st.st_ctim.tv_nsec;
        e.mtime.seconds = (int32_t)st.st_mtim.tv_sec;
        e.mtime.nanoseconds = (uint32_t)st.st_mtim.tv_nsec;
        e.dev = (uint32_t)st.st_dev;
        e.ino = (uint32_t)st.st_ino;
        e.uid = st.st_uid;
        e.gid = st.st_gid;
        if (git_odb_hash(&e.id, ce->data, ce->len, GIT_OBJECT_BLOB) != 0 ||
            git_index_add(idx, &e) != 0)
            rc = store_git_fail("cannot update the index");
    }
    free(fp);
    return rc;
}

/* Moves the local branch from old to new and brings the work tree and
 * index forward for the paths of chg (journalled, as a transaction does). */
static int move_local(struct govern_store *s, const char *branch, const git_oid *old,
                      const git_oid *new, const struct govern_change *chg, const char *remote)
{
    git_reference *ref = NULL;
    char msg[300];
    int rc = store_journal_write(s, branch, old, new, chg);
    if (rc)
        return rc;
    store_crash_point("sync-after-journal");
    snprintf(msg, sizeof(msg), "govern: sync with %s", remote);
    if (git_reference_create_matching(&ref, s->repo, branch, new, 1, old, msg) != 0) {
        store_journal_remove(s);
        return govern_error_set(GOVERN_ECONFLICT,
                                "%s moved while syncing (a git program?): run govern sync again",
                                branch);
    }
    git_reference_free(ref);
    store_crash_point("sync-after-ref-update");
    for (size_t i = 0; i < chg->count && !rc; i++) {
        if (chg->entries[i].data)
            rc = store_worktree_put(s, chg->entries[i].path, chg->entries[i].data,
                                    chg->entries[i].len);
        else
            store_worktree_delete(s, chg->entries[i].path);
    }
    git_index *idx = NULL;
    if (!rc && (git_repository_index(&idx, s->repo) != 0 || git_index_read(idx, 1) != 0))
        rc = store_git_fail("cannot read the index");
    for (size_t i = 0; i < chg->count && !rc; i++)
        rc = index_entry(s, idx, &chg->entries[i]);
    if (!rc && git_index_write(idx) != 0)
        rc = store_git_fail("cannot write the index");
    git_index_free(idx);
    if (rc)
        return govern_error_prefix(rc, "synced, but could not bring the work tree and index up "
                                       "to date (the next govern command completes it)");
    store_journal_remove(s);
    return 0;
}

/* Where the local branch should go, given the local head, the remote tip
 * and a pending record; *push: whether the remote must be moved too. */
static int plan(struct govern_sync_report *out, struct sync_replay *rp, struct govern_store *s,
                const git_oid *local, const git_oid *remote, bool has_remote, git_oid *target,
                bool *need_push)
{
    git_oid eff = *local, p_old, p_new;
    *need_push = false;
    if (has_remote && sync_pending_read(s, &p_old, &p_new) && git_oid_equal(&p_old, local) &&
        (git_oid_equal(&p_new, remote) || git_graph_descendant_of(s->repo, remote, &p_new) == 1))
        eff = p_new; /* an interrupted sync did push these */
    if (!has_remote) {
        *target = eff, *need_push = true;
        return 0;
    }
    size_t ahead = 0, behind = 0;
    if (git_graph_ahead_behind(&ahead, &behind, s->repo, &eff, remote) != 0)
        return store_git_fail("cannot compare the branch with the remote's");
    out->received = behind;
    if (!ahead) {
        *target = *remote;
        return 0;
    }
    *need_push = true;
    if (!behind) {
        *target = eff;
        out->replayed = ahead;
        return 0;
    }
    int rc = sync_replay_run(rp, s->gitdir, &eff, remote);
    if (rc)
        return rc;
    *target = rp->cur;
    out->replayed = rp->replayed;
    out->skipped = rp->skipped;
    for (size_t i = 0; i < rp->renames.count && !rc; i++) {
        char line[700];
        snprintf(line, sizeof(line), "%s %s", rp->renames.old_id[i], rp->renames.new_id[i]);
        rc = govern_strlist_add(&out->renumbered, line);
    }
    return rc;
}

static int sync_locked(struct govern_sync_report *out, struct govern_store *s, struct sync_refs *r)
{
    struct sync_replay rp;
    struct govern_change chg;
    git_oid local, remote, target;
    bool need_push = false;
    memset(&rp, 0, sizeof(rp));
    memset(&chg, 0, sizeof(chg));
    if (git_reference_name_to_id(&local, s->repo, r->branch) != 0)
        return govern_error_set(GOVERN_ENOTFOUND, "%s has no commits", r->branch);
    bool has_remote = git_reference_name_to_id(&remote, s->repo, r->tracking) == 0;
    int rc = plan(out, &rp, s, &local, &remote, has_remote, &target, &need_push);
    git_oid_tostr(out->old_head, sizeof(out->old_head), &local);
    if (!rc && !git_oid_equal(&local, &target))
        rc = change_between(&chg, s, &local, &target);
    if (!rc)
        rc = refuse_dirty(s, &chg);
    if (!rc && need_push) {
        if (!(rc = pending_write(s, &local, &target)))
            rc = push(s, r, &target);
        if (rc) {
            pending_remove(s);
        } else {
            out->pushed = true;
            git_reference *t = NULL;
            if (git_reference_create(&t, s->repo, r->tracking, &target, 1, "govern sync: push") ==
                0)
                git_reference_free(t);
            store_crash_point("sync-after-push");
        }
    }
    if (!rc && !git_oid_equal(&local, &target))
        rc = move_local(s, r->branch, &local, &target, &chg, r->name);
    if (!rc) {
        pending_remove(s);
        git_oid_tostr(out->new_head, sizeof(out->new_head), &target);
    }
    change_clear(&chg);
    sync_replay_free(&rp);
    return rc;
}

int govern_store_sync(struct govern_sync_report *out, struct govern_store *s, const char *remote)
{
    struct sync_refs r;
    struct store_lock l;
    memset(out, 0, sizeof(*out));
    if (s->bare)
        return govern_error_set(GOVERN_EINVAL,
                                "sync works in a clerk's clone (with a work tree), not in a bare "
                                "repository");
    int rc = sync_refs_open(&r, s, remote);
    if (!rc)
        snprintf(out->remote, sizeof(out->remote), "%s", r.name);
    if (!rc && !(rc = store_lock_take(&l, s, false, -1))) {
        if (!(rc = store_recover_locked(s, &l)) && !(rc = sync_fetch(&r)))
            rc = sync_locked(out, s, &r);
        store_lock_release(&l);
    }
    sync_refs_close(&r);
    return rc;
}

void govern_sync_report_clear(struct govern_sync_report *r)
{
    if (r)
        govern_strlist_free(&r->renumbered);
}
