/*
 * The write journal ($GIT_DIR/govern/journal): written under govern.lock
 * just before a write moves the branch, removed once the work tree and index
 * hold what it committed.  A journal found later means its writer died (or
 * could not update the index) in between; replaying it, under govern.lock:
 *
 *  - if the commit never reached the branch, nothing was committed: the tags
 *    made for it are deleted and the journal dropped;
 *  - if it did, each path whose committed version is still the branch's is
 *    brought forward in the work tree and in the index, but only where they
 *    still hold the version from before the write (a clerk's edit since then
 *    is never overwritten; it simply shows as an uncommitted change).
 *
 * Format (text, one item a line): "govern-journal 1", "pid N", "prefix P",
 * "branch REF", "parent HEX", "commit HEX", then "tag NAME" and
 * "put|del NEW OLD-WORKTREE OLD-INDEX PATH" lines (ids in hex, zeros for
 * absent; PATH relative to the store, last on the line).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "govern/error.h"
#include "store_priv.h"

struct jentry {
    bool put;
    git_oid new_id, wt_old, idx_old;
    char *path;
};

struct journal {
    long pid;
    char *prefix, *branch;
    git_oid parent, commit;
    struct govern_strlist tags;
    struct jentry *entries;
    size_t count;
};

static void journal_path(char *out, size_t n, const struct govern_store *s, const char *suffix)
{
    snprintf(out, n, "%sgovern/journal%s", s->gitdir, suffix);
}

bool store_journal_exists(const struct govern_store *s)
{
    char path[PATH_MAX];
    journal_path(path, sizeof(path), s, "");
    return access(path, F_OK) == 0;
}

void store_journal_remove(const struct govern_store *s)
{
    char path[PATH_MAX];
    journal_path(path, sizeof(path), s, "");
    unlink(path);
}

/* The blob id of path in tree (zero when absent). */
static void tree_blob(git_oid *out, git_tree *tree, const char *fp)
{
    git_tree_entry *te = NULL;
    memset(out, 0, sizeof(*out));
    if (tree && git_tree_entry_bypath(&te, tree, fp) == 0) {
        git_oid_cpy(out, git_tree_entry_id(te));
        git_tree_entry_free(te);
    }
}

/* The id the index has for fp (zero when none). */
static void index_blob(git_oid *out, git_index *idx, const char *fp)
{
    const git_index_entry *ie = idx ? git_index_get_bypath(idx, fp, 0) : NULL;
    if (ie)
        git_oid_cpy(out, &ie->id);
    else
        memset(out, 0, sizeof(*out));
}

static int journal_entry(struct govern_buf *b, struct govern_store *s, git_tree *parent,
                         git_index *idx, const struct change_entry *ce)
{
    char *fp = store_full_path(s, ce->path);
    if (!fp)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    git_oid nid, wt, ix;
    char h1[GIT_OID_HEXSZ + 1], h2[GIT_OID_HEXSZ + 1], h3[GIT_OID_HEXSZ + 1];
    memset(&nid, 0, sizeof(nid));
    if (ce->data)
        git_odb_hash(&nid, ce->data, ce->len, GIT_OBJECT_BLOB);
    tree_blob(&wt, parent, fp);
    ix = wt;
    if (ce->adopt) {
        git_odb_hash(&wt, ce->expect, ce->expect_len, GIT_OBJECT_BLOB);
        index_blob(&ix, idx, fp);
    }
    free(fp);
    git_oid_tostr(h1, sizeof(h1), &nid);
    git_oid_tostr(h2, sizeof(h2), &wt);
    git_oid_tostr(h3, sizeof(h3), &ix);
    return govern_buf_printf(b, "%s %s %s %s %s\n", ce->data ? "put" : "del", h1, h2, h3, ce->path);
}

static int write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wbe");
    if (!f)
        return -1;
    bool ok = fwrite(data, 1, len, f) == len;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

int store_journal_write(struct govern_store *s, const char *branch, const git_oid *parent,
                        const git_oid *commit, const struct govern_change *c)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    char hp[GIT_OID_HEXSZ + 1], hc[GIT_OID_HEXSZ + 1], path[PATH_MAX], tmp[PATH_MAX];
    git_oid zero;
    git_commit *pc = NULL;
    git_tree *pt = NULL;
    git_index *idx = NULL;
    int rc = 0;
    memset(&zero, 0, sizeof(zero));
    git_oid_tostr(hp, sizeof(hp), parent ? parent : &zero);
    git_oid_tostr(hc, sizeof(hc), commit);
    if (parent && (git_commit_lookup(&pc, s->repo, parent) != 0 || git_commit_tree(&pt, pc) != 0))
        rc = store_git_fail("cannot read the head commit");
    for (size_t i = 0; i < c->count && !rc && !s->bare; i++)
        if (c->entries[i].adopt && !idx &&
            (git_repository_index(&idx, s->repo) != 0 || git_index_read(idx, 1) != 0))
            rc = store_git_fail("cannot read the index");
    if (!rc)
        rc = govern_buf_printf(&b,
                               "govern-journal 1\npid %ld\nprefix %s\nbranch %s\nparent %s\n"
                               "commit %s\n",
                               (long)getpid(), s->prefix, branch, hp, hc);
    for (size_t i = 0; i < c->n_tags && !rc; i++)
        rc = govern_buf_printf(&b, "tag %s\n", c->tags[i].name);
    for (size_t i = 0; i < c->count && !rc; i++)
        rc = journal_entry(&b, s, pt, idx, &c->entries[i]);
    git_index_free(idx);
    git_tree_free(pt);
    git_commit_free(pc);
    if (!rc) {
        snprintf(path, sizeof(path), "%sgovern", s->gitdir);
        mkdir(path, 0777);
        journal_path(path, sizeof(path), s, "");
        journal_path(tmp, sizeof(tmp), s, ".tmp");
        if (write_file(tmp, b.ptr, b.len) != 0 || rename(tmp, path) != 0) {
            rc = govern_error_set(GOVERN_EIO, "cannot write %s: %s", path, strerror(errno));
            unlink(tmp);
        }
    }
    govern_buf_free(&b);
    return rc;
}

static void journal_free(struct journal *j)
{
    for (size_t i = 0; i < j->count; i++)
        free(j->entries[i].path);
    free(j->entries);
    free(j->prefix);
    free(j->branch);
    govern_strlist_free(&j->tags);
    memset(j, 0, sizeof(*j));
}

static int parse_entry(struct journal *j, char *line)
{
    char h[3][GIT_OID_HEXSZ + 1];
    int off = 0;
    bool put = !strncmp(line, "put ", 4);
    if (sscanf(line + 4, "%40s %40s %40s %n", h[0], h[1], h[2], &off) != 3 || !off ||
        !line[4 + off])
        return -1;
    struct jentry *n = realloc(j->entries, (j->count + 1) * sizeof(*n));
    if (!n)
        return -1;
    j->entries = n;
    struct jentry *e = &n[j->count];
    if (git_oid_fromstr(&e->new_id, h[0]) || git_oid_fromstr(&e->wt_old, h[1]) ||
        git_oid_fromstr(&e->idx_old, h[2]) || !(e->path = strdup(line + 4 + off)))
        return -1;
    e->put = put;
    j->count++;
    return 0;
}

static int journal_read(struct journal *j, const struct govern_store *s)
{
    char path[PATH_MAX];
    struct govern_buf b = GOVERN_BUF_INIT;
    memset(j, 0, sizeof(*j));
    journal_path(path, sizeof(path), s, "");
    FILE *f = fopen(path, "rbe");
    if (!f)
        return govern_error_set(GOVERN_ENOTFOUND, "no journal");
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        if (govern_buf_put(&b, chunk, n))
            break;
    fclose(f);
    int bad = !b.ptr || strncmp(b.ptr, "govern-journal 1\n", 17) != 0;
    bool have_commit = false;
    for (char *line = b.ptr, *nl; !bad && line && *line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (!strncmp(line, "pid ", 4))
            j->pid = strtol(line + 4, NULL, 10);
        else if (!strncmp(line, "prefix ", 7) || !strcmp(line, "prefix"))
            bad = !(j->prefix = strdup(line[6] ? line + 7 : ""));
        else if (!strncmp(line, "branch ", 7))
            bad = !(j->branch = strdup(line + 7));
        else if (!strncmp(line, "parent ", 7))
            bad = git_oid_fromstr(&j->parent, line + 7) != 0;
        else if (!strncmp(line, "commit ", 7))
            bad = git_oid_fromstr(&j->commit, line + 7) != 0, have_commit = true;
        else if (!strncmp(line, "tag ", 4))
            bad = govern_strlist_add(&j->tags, line + 4) != 0;
        else if (!strncmp(line, "put ", 4) || !strncmp(line, "del ", 4))
            bad = parse_entry(j, line) != 0;
    }
    govern_buf_free(&b);
    govern_error_clear();
    if (bad || !have_commit || !j->branch || !j->prefix) {
        journal_free(j);
        return govern_error_set(GOVERN_EINVAL, "%s is damaged (it is only written by govern)",
                                path);
    }
    return 0;
}

/* Did the journal's commit reach the branch (it is the tip or behind it)? */
static bool landed(git_oid *tip, struct govern_store *s, const struct journal *j)
{
    if (git_reference_name_to_id(tip, s->repo, j->branch) != 0)
        return false;
    return git_oid_equal(tip, &j->commit) || git_graph_descendant_of(s->repo, tip, &j->commit) == 1;
}

static void drop_tags(struct govern_store *s, const struct journal *j, bool dry_run, int *n)
{
    for (size_t i = 0; i < j->tags.count; i++) {
        char ref[600];
        git_object *o = NULL, *peeled = NULL;
        snprintf(ref, sizeof(ref), "refs/tags/%s", j->tags.items[i]);
        if (git_revparse_single(&o, s->repo, ref) == 0 &&
            git_object_peel(&peeled, o, GIT_OBJECT_COMMIT) == 0 &&
            git_oid_equal(git_object_id(peeled), &j->commit)) {
            (*n)++;
            if (!dry_run)
                git_reference_remove(s->repo, ref);
        }
        git_object_free(peeled);
        git_object_free(o);
    }
    git_error_clear();
}

/* The blob id of the work-tree file (zero when absent); false when it
 * cannot be read as a regular file. */
static bool worktree_blob(git_oid *out, struct govern_store *s, const char *path)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = store_worktree_read(&b, s, path);
    bool ok = true;
    memset(out, 0, sizeof(*out));
    if (!rc)
        git_odb_hash(out, b.ptr ? b.ptr : "", b.len, GIT_OBJECT_BLOB);
    else if (rc != GOVERN_ENOTFOUND)
        ok = false;
    govern_buf_free(&b);
    govern_error_clear();
    return ok;
}

/* Brings one path's work-tree file forward to target; 1 when it did. */
static int forward_worktree(struct govern_store *s, const struct jentry *e, const git_oid *target,
                            bool dry_run, bool *at_target)
{
    git_oid cur;
    *at_target = false;
    if (!worktree_blob(&cur, s, e->path))
        return 0;
    if (git_oid_equal(&cur, target)) {
        *at_target = true;
        return 0;
    }
    if (!git_oid_equal(&cur, &e->wt_old))
        return 0; /* a clerk's edit: keep it */
    *at_target = true;
    if (dry_run)
        return 1;
    if (!e->put) {
        store_worktree_delete(s, e->path);
        return 1;
    }
    git_blob *blob = NULL;
    if (git_blob_lookup(&blob, s->repo, target) != 0)
        return store_git_fail("cannot read a committed file");
    int rc =
        store_worktree_put(s, e->path, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
    git_blob_free(blob);
    return rc ? rc : 1;
}

/* Brings one path's index entry forward; 1 when it did. */
static int forward_index(struct govern_store *s, git_index *idx, const struct jentry *e,
                         const git_oid *target, bool wt_at_target, bool dry_run)
{
    char *fp = store_full_path(s, e->path);
    if (!fp)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    git_oid cur;
    int rc = 0, g = 0;
    index_blob(&cur, idx, fp);
    if (git_oid_equal(&cur, target) || !git_oid_equal(&cur, &e->idx_old)) {
        free(fp);
        return 0;
    }
    if (!dry_run) {
        if (!e->put) {
            g = git_index_remove_bypath(idx, fp);
        } else if (wt_at_target) {
            g = git_index_add_bypath(idx, fp);
        } else {
            git_index_entry ie;
            memset(&ie, 0, sizeof(ie));
            ie.mode = GIT_FILEMODE_BLOB;
            ie.path = fp;
            git_oid_cpy(&ie.id, target);
            g = git_index_add(idx, &ie);
        }
    }
    free(fp);
    if (g)
        rc = store_git_fail("cannot update the index");
    return rc ? rc : 1;
}

/* Temporary files of dead processes beside the paths the journal names
 * (.NAME.govern-PID.tmp: the writer's, or a killed replay's). */
static void remove_worktree_temps(struct govern_store *s, const struct journal *j)
{
    for (size_t i = 0; i < j->count; i++) {
        const char *path = j->entries[i].path, *slash = strrchr(path, '/');
        const char *name = slash ? slash + 1 : path;
        char dir[PATH_MAX], prefix[PATH_MAX];
        snprintf(dir, sizeof(dir), "%s/%.*s", s->workdir, slash ? (int)(slash - path) : 0, path);
        snprintf(prefix, sizeof(prefix), ".%s.govern-", name);
        DIR *d = opendir(dir);
        if (!d)
            continue;
        size_t pl = strlen(prefix);
        struct dirent *de;
        while ((de = readdir(d))) {
            long pid = strncmp(de->d_name, prefix, pl) ? 0 : store_temp_pid(de->d_name, ".govern-");
            if (pid && !store_pid_alive(pid))
                unlinkat(dirfd(d), de->d_name, 0);
        }
        closedir(d);
    }
}

static int forward(struct govern_store *s, const struct journal *j, const git_oid *tip,
                   bool dry_run, int *n_wt, int *n_idx)
{
    git_commit *c = NULL;
    git_tree *tree = NULL;
    git_index *idx = NULL;
    bool *at = calloc(j->count + 1, sizeof(*at));
    git_oid *target = calloc(j->count + 1, sizeof(*target));
    int rc = 0;
    if (!at || !target)
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
    else if (git_commit_lookup(&c, s->repo, tip) != 0 || git_commit_tree(&tree, c) != 0 ||
             git_repository_index(&idx, s->repo) != 0 || git_index_read(idx, 1) != 0)
        rc = store_git_fail("cannot read the branch, or the index");
    for (size_t i = 0; i < j->count && !rc; i++) {
        char *fp = store_full_path(s, j->entries[i].path);
        if (!fp)
            rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        else
            tree_blob(&target[i], tree, fp);
        free(fp);
    }
    for (size_t i = 0; i < j->count && !rc; i++) {
        const struct jentry *e = &j->entries[i];
        /* the branch has moved on for this path since: not ours to finish */
        at[i] = false;
        if (!git_oid_equal(&target[i], &e->new_id))
            continue;
        int r = forward_worktree(s, e, &target[i], dry_run, &at[i]);
        rc = r < 0 ? r : 0;
        *n_wt += r > 0;
    }
    for (size_t i = 0; i < j->count && !rc; i++) {
        if (!git_oid_equal(&target[i], &j->entries[i].new_id))
            continue;
        int r = forward_index(s, idx, &j->entries[i], &target[i], at[i], dry_run);
        rc = r < 0 ? r : 0;
        *n_idx += r > 0;
    }
    if (!rc && !dry_run && *n_idx && git_index_write(idx) != 0)
        rc = store_git_fail("cannot write the index");
    free(at);
    free(target);
    git_index_free(idx);
    git_tree_free(tree);
    git_commit_free(c);
    return rc;
}

int store_journal_replay(struct govern_store *s, char **what, bool dry_run)
{
    struct journal j;
    git_oid tip;
    char hex[GIT_OID_HEXSZ + 1];
    int rc = journal_read(&j, s), n_wt = 0, n_idx = 0, n_tags = 0;
    if (what)
        *what = NULL;
    if (rc)
        return rc;
    if (strcmp(j.prefix, s->prefix)) {
        rc = govern_error_set(GOVERN_EINVAL,
                              "the unfinished write in %sgovern/journal is for the store at '%s'"
                              ": run govern fsck --repair with --store '%s'",
                              s->gitdir, j.prefix, j.prefix);
        journal_free(&j); /* after the message, which quotes j.prefix */
        return rc;
    }
    git_oid_tostr(hex, 8, &j.commit);
    struct govern_buf b = GOVERN_BUF_INIT;
    if (landed(&tip, s, &j)) {
        if (!s->bare)
            rc = forward(s, &j, &tip, dry_run, &n_wt, &n_idx);
        if (!rc)
            rc = govern_buf_printf(&b,
                                   "write of commit %s was committed; %s %d work-tree file%s and "
                                   "%d index entr%s",
                                   hex, dry_run ? "to bring forward:" : "brought forward", n_wt,
                                   n_wt == 1 ? "" : "s", n_idx, n_idx == 1 ? "y" : "ies");
    } else {
        drop_tags(s, &j, dry_run, &n_tags);
        rc = govern_buf_printf(
            &b, "write of commit %s never reached %s: nothing was committed%s", hex, j.branch,
            n_tags ? (dry_run ? "; its tags are to be removed" : "; its tags were removed") : "");
    }
    if (!rc && !dry_run) {
        if (!s->bare)
            remove_worktree_temps(s, &j);
        store_journal_remove(s);
    }
    if (!rc && what)
        *what = b.ptr, b.ptr = NULL;
    govern_buf_free(&b);
    journal_free(&j);
    return rc;
}

/* A dead writer's temporary files in $GIT_DIR/govern/ (journal.tmp, cache
 * files being written: NAME.PID.tmp). */
static void remove_gitdir_temps(const struct govern_store *s, long pid)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof(dir), "%sgovern", s->gitdir);
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d)))
        if (!strcmp(de->d_name, "journal.tmp") ||
            (pid > 0 && store_temp_pid(de->d_name, ".") == pid))
            unlinkat(dirfd(d), de->d_name, 0);
    closedir(d);
}

int store_recover_locked(struct govern_store *s, struct store_lock *l)
{
    int rc = 0;
    if (l->prev_dead) {
        struct govern_strlist locks = GOVERN_STRLIST_INIT;
        rc = store_git_locks_list(&locks, s);
        for (size_t i = 0; i < locks.count && !rc; i++) {
            struct store_git_lock gl;
            if (store_git_lock_stat(&gl, s, locks.items[i], l) && gl.ours)
                store_git_lock_check(s, locks.items[i], l);
        }
        govern_strlist_free(&locks);
        govern_error_clear();
        if (l->prev_local && l->prev_pid > 0 && !store_pid_alive(l->prev_pid))
            remove_gitdir_temps(s, l->prev_pid);
    }
    if (!rc && store_journal_exists(s)) {
        if (!s->bare && (rc = store_git_lock_check(s, "index.lock", l)))
            return govern_error_prefix(rc, "an earlier write was interrupted and cannot be "
                                           "completed");
        if ((rc = store_journal_replay(s, NULL, false)))
            return govern_error_prefix(rc, "an earlier write was interrupted and cannot be "
                                           "completed");
    }
    if (!rc)
        store_lock_recovered(l);
    return rc;
}
