/*
 * The heart of `govern sync`: replaying the clerk's unpushed commits, one
 * by one, onto the remote's branch.  Each commit's changes are re-applied
 * on top of what the remote has: a record both sides changed is merged
 * field by field (merge_file.c); an id the remote also allocated (a file
 * DIR/PREFIX-NNN.md added on both sides: actions, risks, anything
 * numbered) is renumbered past the highest serial either side has used,
 * and every mention of it (ACTION lines in minutes, referrals, logs, the
 * commit message) is rewritten in the same commit.  Approved minutes are
 * never renumbered or changed: that is a conflict naming both commits.
 * Replayed commits keep their author, committer and times, so replaying
 * the same commits onto the same tip always gives the same ids.  Nothing
 * here moves a reference: the caller (sync.c) decides.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/teamwork.h"
#include "sync_priv.h"

void sync_renames_free(struct sync_renames *r)
{
    for (size_t i = 0; i < r->count; i++)
        free(r->old_id[i]), free(r->new_id[i]);
    free(r->old_id);
    free(r->new_id);
    memset(r, 0, sizeof(*r));
}

static int renames_add(struct sync_renames *r, const char *old_id, const char *new_id)
{
    char **o = realloc(r->old_id, (r->count + 1) * sizeof(*o));
    if (o)
        r->old_id = o;
    char **n = o ? realloc(r->new_id, (r->count + 1) * sizeof(*n)) : NULL;
    if (n)
        r->new_id = n;
    if (!o || !n)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    r->old_id[r->count] = govern_strdup(old_id);
    r->new_id[r->count] = govern_strdup(new_id);
    r->count++;
    return r->old_id[r->count - 1] && r->new_id[r->count - 1]
               ? 0
               : govern_error_set(GOVERN_ENOMEM, "out of memory");
}

static const char *renames_get(const struct sync_renames *r, const char *id, size_t len)
{
    for (size_t i = 0; i < r->count; i++)
        if (strlen(r->old_id[i]) == len && !memcmp(r->old_id[i], id, len))
            return r->new_id[i];
    return NULL;
}

/* Is name ("CDJSC-2026-001.md") a numbered record?  *serial_at: where its
 * final digits start. */
static bool numbered_name(const char *name, size_t *serial_at, size_t *id_len)
{
    size_t n = strlen(name);
    if (n < 4 || strcmp(name + n - 3, ".md"))
        return false;
    n -= 3;
    size_t d = n;
    while (d > 0 && isdigit((unsigned char)name[d - 1]))
        d--;
    if (n - d < 3 || d < 2 || name[d - 1] != '-')
        return false;
    for (size_t i = 0; i < d - 1; i++)
        if (!(isupper((unsigned char)name[i]) || isdigit((unsigned char)name[i]) || name[i] == '-'))
            return false;
    if (!isupper((unsigned char)name[0]))
        return false;
    *serial_at = d;
    *id_len = n;
    return true;
}

/* A path DIR/ID.md one level under the repository's store (or its root). */
static bool numbered_path(const char *path, const char **name, size_t *serial_at, size_t *id_len)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return false;
    *name = slash + 1;
    return numbered_name(*name, serial_at, id_len);
}

/* The highest serial of prefix (with its '-') among the names in tree's
 * directory dir. */
static long max_serial(git_repository *repo, git_tree *root, const char *dir, const char *prefix,
                       size_t plen)
{
    git_tree_entry *te = NULL;
    git_tree *t = NULL;
    long max = 0;
    if (git_tree_entry_bypath(&te, root, dir) != 0)
        return 0;
    if (git_tree_entry_type(te) == GIT_OBJECT_TREE &&
        git_tree_lookup(&t, repo, git_tree_entry_id(te)) == 0) {
        for (size_t i = 0; i < git_tree_entrycount(t); i++) {
            const char *nm = git_tree_entry_name(git_tree_entry_byindex(t, i));
            size_t sa, il;
            if (numbered_name(nm, &sa, &il) && sa == plen && !memcmp(nm, prefix, plen)) {
                long v = strtol(nm + sa, NULL, 10);
                if (v > max)
                    max = v;
            }
        }
    }
    git_tree_free(t);
    git_tree_entry_free(te);
    return max;
}

static bool id_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* text with every whole-token mention of a renamed id replaced. */
int sync_rewrite(struct govern_buf *out, const struct sync_renames *r, const char *text, size_t len)
{
    size_t i = 0, start = 0;
    int rc = 0;
    if (!r->count)
        return govern_buf_put(out, text, len);
    while (i < len && !rc) {
        bool boundary = i == 0 || !(id_char(text[i - 1]) || text[i - 1] == '-');
        if (!boundary || !isupper((unsigned char)text[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && (id_char(text[j]) || text[j] == '-'))
            j++;
        /* the token, without a trailing '-' */
        size_t k = j;
        while (k > i && text[k - 1] == '-')
            k--;
        const char *to = renames_get(r, text + i, k - i);
        if (to) {
            rc = govern_buf_put(out, text + start, i - start);
            if (!rc)
                rc = govern_buf_puts(out, to);
            start = k;
        }
        i = j;
    }
    if (!rc)
        rc = govern_buf_put(out, text + start, len - start);
    return rc;
}

static int blob_text(struct govern_buf *out, git_repository *repo, git_tree *tree, const char *path,
                     bool *exists)
{
    git_tree_entry *te = NULL;
    git_blob *b = NULL;
    *exists = false;
    if (!tree || git_tree_entry_bypath(&te, tree, path) != 0)
        return 0;
    int rc = 0;
    if (git_tree_entry_type(te) != GIT_OBJECT_BLOB)
        rc = govern_error_set(GOVERN_EINVAL, "%s is not a file", path);
    else if (git_blob_lookup(&b, repo, git_tree_entry_id(te)) != 0)
        rc = store_git_fail("cannot read a file of the history");
    else
        rc = govern_buf_put(out, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b)),
        *exists = true;
    git_blob_free(b);
    git_tree_entry_free(te);
    return rc;
}

bool sync_minutes_approved(const char *path, const char *text, size_t len)
{
    const char *a = strchr(path, '/');
    size_t n = strlen(path);
    if (!a || n < 11 || strcmp(path + n - 11, "/minutes.md"))
        return false;
    struct govern_doc *doc = NULL;
    bool approved = false;
    if (govern_doc_parse(&doc, path, text, len) == 0) {
        const struct govern_node *st = govern_node_get(doc->meta, "status");
        approved = st && st->kind == GOVERN_NODE_SCALAR && !strcmp(st->scalar, "approved");
    }
    govern_error_clear();
    govern_doc_free(doc);
    return approved;
}

/* One file of a local commit, re-applied onto cur. */
struct fchange {
    char *path; /* in cur (renamed) */
    struct govern_buf base, ours;
    bool base_exists, deleted;
};

/* Allocates new ids for the files commit c adds that the remote also has. */
static int renumber_added(struct sync_replay *rp, git_diff *diff, git_tree *cur_tree)
{
    int rc = 0;
    for (size_t i = 0; i < git_diff_num_deltas(diff) && !rc; i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        const char *path = d->new_file.path, *name;
        size_t sa, il;
        git_tree_entry *te = NULL;
        if (d->status != GIT_DELTA_ADDED || !numbered_path(path, &name, &sa, &il))
            continue;
        if (renames_get(&rp->renames, name, il))
            continue;
        if (git_tree_entry_bypath(&te, cur_tree, path) != 0)
            continue; /* the remote has no such file: the id is free */
        git_tree_entry_free(te);
        char dir[1024], prefix[256], id[300];
        snprintf(dir, sizeof(dir), "%.*s", (int)(name - path - 1), path);
        snprintf(prefix, sizeof(prefix), "%.*s", (int)sa, name);
        long m1 = max_serial(rp->repo, cur_tree, dir, prefix, sa);
        long m2 = max_serial(rp->repo, rp->local_tree, dir, prefix, sa);
        long next = (m1 > m2 ? m1 : m2) + 1;
        for (size_t k = 0; k < rp->renames.count; k++) {
            const char *nid = rp->renames.new_id[k];
            if (!strncmp(nid, prefix, sa) && strtol(nid + sa, NULL, 10) >= next)
                next = strtol(nid + sa, NULL, 10) + 1;
        }
        snprintf(id, sizeof(id), "%s%0*ld", prefix, (int)(il - sa), next);
        char old[300];
        snprintf(old, sizeof(old), "%.*s", (int)il, name);
        rc = renames_add(&rp->renames, old, id);
    }
    return rc;
}

static char *renamed_path(const struct sync_renames *r, const char *path)
{
    const char *name;
    size_t sa, il;
    if (numbered_path(path, &name, &sa, &il)) {
        const char *to = renames_get(r, name, il);
        if (to) {
            struct govern_buf b = GOVERN_BUF_INIT;
            if (govern_buf_printf(&b, "%.*s%s%s", (int)(name - path), path, to, name + il))
                return NULL;
            return govern_buf_detach(&b);
        }
    }
    return govern_strdup(path);
}

static int conflict(const struct sync_replay *rp, const git_commit *c, const char *what,
                    const char *path, const char *detail)
{
    char hc[11], hr[11];
    git_oid_tostr(hc, sizeof(hc), git_commit_id(c));
    git_oid_tostr(hr, sizeof(hr), &rp->remote_tip);
    return govern_error_set(GOVERN_ECONFLICT,
                            "%s: your commit %s (\"%s\") and the remote's branch (at %s) "
                            "disagree: %s%s; nothing was changed. Make the two agree (correct "
                            "the record on one side, or 'govern undo' yours), then sync again",
                            path, hc, git_commit_summary((git_commit *)c), hr, what,
                            detail ? detail : "");
}

/* The merged content of one changed file onto cur_tree, as a tree update. */
static int apply_one(struct sync_replay *rp, const git_commit *c, git_tree *cur_tree,
                     struct fchange *f, git_tree_update *up, bool *skip)
{
    struct govern_buf theirs = GOVERN_BUF_INIT;
    struct govern_merge_result mr;
    bool t_exists = false;
    int rc = blob_text(&theirs, rp->repo, cur_tree, f->path, &t_exists);
    const char *tp = theirs.ptr ? theirs.ptr : "", *op = f->ours.ptr ? f->ours.ptr : "";
    const char *bp = f->base.ptr ? f->base.ptr : "";
    memset(&mr, 0, sizeof(mr));
    *skip = false;
    if (rc)
        goto out;
    if (f->deleted) {
        if (!t_exists) {
            *skip = true;
        } else if (theirs.len != f->base.len || memcmp(tp, bp, theirs.len)) {
            rc = conflict(rp, c, "deleted here, changed on the remote", f->path, NULL);
        } else {
            up->action = GIT_TREE_UPDATE_REMOVE;
            up->path = f->path;
        }
        goto out;
    }
    if (!t_exists && f->base_exists) {
        rc = conflict(rp, c, "changed here, deleted on the remote", f->path, NULL);
        goto out;
    }
    if (t_exists && sync_minutes_approved(f->path, tp, theirs.len) &&
        (theirs.len != f->ours.len || memcmp(tp, op, theirs.len))) {
        rc = conflict(rp, c, "these minutes were approved on the remote and are the legal record",
                      f->path, ": they cannot change");
        goto out;
    }
    const char *text = op;
    size_t len = f->ours.len;
    if (t_exists) {
        if ((rc = govern_merge_text(&mr, f->path, f->base_exists ? bp : NULL, f->base.len, op,
                                    f->ours.len, tp, theirs.len)))
            goto out;
        if (mr.conflict) {
            char *nl = mr.message ? strchr(mr.message, '\n') : NULL;
            if (nl && !nl[1])
                *nl = '\0';
            rc = conflict(rp, c, "both changed it", f->path,
                          mr.message ? strchr(mr.message, ':') : NULL);
            goto out;
        }
        text = mr.text, len = mr.len;
        if (len == theirs.len && !memcmp(text, tp, len)) {
            *skip = true;
            goto out;
        }
    }
    git_oid bid;
    if (git_blob_create_from_buffer(&bid, rp->repo, text, len) != 0) {
        rc = store_git_fail("cannot write a file");
        goto out;
    }
    up->action = GIT_TREE_UPDATE_UPSERT;
    up->filemode = GIT_FILEMODE_BLOB;
    git_oid_cpy(&up->id, &bid);
    up->path = f->path;
out:
    govern_merge_result_clear(&mr);
    govern_buf_free(&theirs);
    return rc;
}

/* Reads the changes of commit c (against its parent), renamed and with the
 * renamed ids rewritten.  Approved minutes that would need rewriting are a
 * conflict. */
static int read_changes(struct sync_replay *rp, const git_commit *c, git_diff *diff,
                        git_tree *ptree, git_tree *ctree, struct fchange *fs, size_t n)
{
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        const char *path = d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path;
        struct govern_buf raw = GOVERN_BUF_INIT;
        bool exists;
        fs[i].path = renamed_path(&rp->renames, path);
        fs[i].deleted = d->status == GIT_DELTA_DELETED;
        if (!fs[i].path) {
            rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
            break;
        }
        rc = blob_text(&raw, rp->repo, ptree, path, &fs[i].base_exists);
        if (!rc && raw.len)
            rc = sync_rewrite(&fs[i].base, &rp->renames, raw.ptr, raw.len);
        govern_buf_clear(&raw);
        if (!rc && !fs[i].deleted)
            rc = blob_text(&raw, rp->repo, ctree, path, &exists);
        if (!rc && raw.len)
            rc = sync_rewrite(&fs[i].ours, &rp->renames, raw.ptr, raw.len);
        if (!rc && raw.len &&
            (fs[i].ours.len != raw.len || memcmp(fs[i].ours.ptr, raw.ptr, raw.len)) &&
            sync_minutes_approved(path, raw.ptr, raw.len))
            rc = conflict(rp, c,
                          "these approved minutes cite an id the remote allocated too, and "
                          "approved minutes are never renumbered",
                          path, NULL);
        govern_buf_free(&raw);
    }
    return rc;
}

static void fchanges_free(struct fchange *fs, size_t n)
{
    for (size_t i = 0; fs && i < n; i++) {
        free(fs[i].path);
        govern_buf_free(&fs[i].base);
        govern_buf_free(&fs[i].ours);
    }
    free(fs);
}

/* Replays commit c onto rp->cur (moving rp->cur to the new commit). */
static int replay_commit(struct sync_replay *rp, git_commit *c)
{
    git_commit *parent = NULL, *cur = NULL;
    git_tree *ptree = NULL, *ctree = NULL, *cur_tree = NULL, *new_tree = NULL;
    git_diff *diff = NULL;
    struct fchange *fs = NULL;
    git_tree_update *ups = NULL;
    struct govern_buf msg = GOVERN_BUF_INIT;
    size_t n = 0, n_up = 0;
    int rc = 0;
    if (git_commit_parentcount(c) != 1) {
        char h[11];
        git_oid_tostr(h, sizeof(h), git_commit_id(c));
        return govern_error_set(GOVERN_EINVAL,
                                "your commit %s is a merge: govern sync replays a line of "
                                "commits; rebase it with git first (git rebase), then sync",
                                h);
    }
    if (git_commit_parent(&parent, c, 0) != 0 || git_commit_tree(&ptree, parent) != 0 ||
        git_commit_tree(&ctree, c) != 0 || git_commit_lookup(&cur, rp->repo, &rp->cur) != 0 ||
        git_commit_tree(&cur_tree, cur) != 0 ||
        git_diff_tree_to_tree(&diff, rp->repo, ptree, ctree, NULL) != 0) {
        rc = store_git_fail("cannot read a commit to replay");
        goto out;
    }
    n = git_diff_num_deltas(diff);
    fs = calloc(n + 1, sizeof(*fs));
    ups = calloc(n + 1, sizeof(*ups));
    if (!fs || !ups) {
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        goto out;
    }
    if ((rc = renumber_added(rp, diff, cur_tree)) ||
        (rc = read_changes(rp, c, diff, ptree, ctree, fs, n)))
        goto out;
    for (size_t i = 0; i < n && !rc; i++) {
        bool skip;
        rc = apply_one(rp, c, cur_tree, &fs[i], &ups[n_up], &skip);
        if (!rc && !skip)
            n_up++;
    }
    if (rc)
        goto out;
    if (n_up == 0) { /* the remote already has all of it */
        rp->skipped++;
        goto out;
    }
    git_oid tid, cid;
    if (git_tree_create_updated(&tid, rp->repo, cur_tree, n_up, ups) != 0 ||
        git_tree_lookup(&new_tree, rp->repo, &tid) != 0) {
        rc = store_git_fail("cannot build the replayed tree");
        goto out;
    }
    const char *m = git_commit_message(c);
    if ((rc = sync_rewrite(&msg, &rp->renames, m, strlen(m))))
        goto out;
    const git_commit *parents[1] = {cur};
    if (git_commit_create(&cid, rp->repo, NULL, git_commit_author(c), git_commit_committer(c), NULL,
                          msg.ptr, new_tree, 1, parents) != 0) {
        rc = store_git_fail("cannot make the replayed commit");
        goto out;
    }
    git_oid_cpy(&rp->cur, &cid);
    rp->replayed++;
out:
    govern_buf_free(&msg);
    fchanges_free(fs, n);
    free(ups);
    git_diff_free(diff);
    git_tree_free(new_tree);
    git_tree_free(cur_tree);
    git_tree_free(ctree);
    git_tree_free(ptree);
    git_commit_free(cur);
    git_commit_free(parent);
    return rc;
}

static int replay_walk(struct sync_replay *rp, const git_oid *local, const git_oid *remote)
{
    git_revwalk *w = NULL;
    git_commit *lc = NULL;
    git_oid id;
    int rc = 0;
    git_oid_cpy(&rp->cur, remote);
    git_oid_cpy(&rp->remote_tip, remote);
    if (git_commit_lookup(&lc, rp->repo, local) != 0 || git_commit_tree(&rp->local_tree, lc) != 0 ||
        git_revwalk_new(&w, rp->repo) != 0 ||
        git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) != 0 ||
        git_revwalk_push(w, local) != 0 || git_revwalk_hide(w, remote) != 0)
        rc = store_git_fail("cannot walk the unpushed commits");
    while (!rc) {
        int e = git_revwalk_next(&id, w);
        if (e == GIT_ITEROVER)
            break;
        git_commit *c = NULL;
        if (e != 0 || git_commit_lookup(&c, rp->repo, &id) != 0) {
            rc = store_git_fail("cannot read an unpushed commit");
            break;
        }
        rc = replay_commit(rp, c);
        git_commit_free(c);
    }
    git_revwalk_free(w);
    git_commit_free(lc);
    git_tree_free(rp->local_tree);
    rp->local_tree = NULL;
    return rc;
}

/* Writes the objects the replay made (held in memory) as one pack. */
static int write_pack(git_repository *repo, git_odb *odb, git_odb_backend *mem)
{
    git_buf pack = {NULL, 0, 0};
    git_odb_writepack *wp = NULL;
    git_indexer_progress stats;
    memset(&stats, 0, sizeof(stats));
    int rc = 0;
    if (git_mempack_dump(&pack, repo, mem) != 0 || git_odb_write_pack(&wp, odb, NULL, NULL) != 0 ||
        wp->append(wp, pack.ptr, pack.size, &stats) != 0 || wp->commit(wp, &stats) != 0)
        rc = store_git_fail("cannot write the replayed commits");
    if (wp)
        wp->free(wp);
    git_buf_dispose(&pack);
    return rc;
}

int sync_replay_run(struct sync_replay *rp, const char *gitdir, const git_oid *local,
                    const git_oid *remote)
{
    git_odb *odb = NULL;
    git_odb_backend *mem = NULL;
    int rc = 0;
    /* a handle of its own, whose new objects stay in memory until they are
     * written as one pack (hundreds of loose objects cost seconds on a busy
     * disk); nothing is left behind if the replay fails */
    if (git_repository_open(&rp->repo, gitdir) != 0 || git_repository_odb(&odb, rp->repo) != 0 ||
        git_mempack_new(&mem) != 0 || git_odb_add_backend(odb, mem, 1000) != 0) {
        if (mem && !odb)
            mem->free(mem);
        rc = store_git_fail("cannot open the repository for the replay");
    }
    if (!rc)
        rc = replay_walk(rp, local, remote);
    if (!rc && rp->replayed)
        rc = write_pack(rp->repo, odb, mem);
    git_odb_free(odb);
    git_repository_free(rp->repo);
    rp->repo = NULL;
    return rc;
}

void sync_replay_free(struct sync_replay *rp)
{
    sync_renames_free(&rp->renames);
}
