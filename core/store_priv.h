/*
 * What the store's own files (core/store*.c) share and nothing else sees:
 * the store, snapshot and change-set structs, the snapshot backends' table,
 * the transaction's guards, the history index, and the pieces of crash
 * safety.  The files, libgit2-style, one concern each: store.c (discovery,
 * opening, init), store_snapshot.c (the snapshot interface),
 * store_worktree.c and store_tree.c (its two backends), store_stamp.c (the
 * work tree's clean stamps), store_change.c (change sets), store_txn.c (the
 * transaction), store_history.c (log, tags, directory times),
 * store_hindex.c (the history index), store_undo.c, store_pack.c (packing
 * loose objects), store_lock.c, store_journal.c, store_fsck.c.
 *  A write holds $GIT_DIR/govern.lock (an flock
 * whose file names the holder), records what it is about to commit in a
 * journal ($GIT_DIR/govern/journal) before it moves the branch, and removes
 * the journal once the work tree and index have caught up.  Whatever a
 * killed writer leaves (a holder record, git's *.lock files, a journal,
 * temporary files) is recognised by the next writer, by any command that
 * opens the store, and by govern fsck.
 */
#ifndef GOVERN_STORE_PRIV_H
#define GOVERN_STORE_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <git2.h>
#include "govern/store.h"
#include "govern/buf.h"

struct govern_store {
    git_repository *repo;
    char *prefix;  /* "" or "meetings" (no trailing slash) */
    char *workdir; /* absolute store directory in the work tree, NULL when bare */
    char *gitdir;  /* ends in '/' */
    bool bare;
};

struct change_entry {
    char *path;
    char *data; /* NULL: delete */
    size_t len;
    /* govern_change_adopt: the work tree must still hold exactly these bytes
     * (instead of matching the head) when the commit is made */
    char *expect;
    size_t expect_len;
    bool adopt;
    bool skip_worktree; /* the work tree changed again after the commit: leave it */
};

struct change_tag {
    char *name, *message;
};

struct govern_change {
    struct change_entry *entries;
    size_t count, cap;
    char *message;
    struct change_tag *tags;
    size_t n_tags;
};

/* --- snapshots: one interface, two backends (work tree, commit tree) ---
 * The public govern_snapshot_* functions check their arguments and call
 * the backend through this table; no function branches on the backend. */
struct store_snapshot_ops {
    bool is_commit;
    int (*read)(struct govern_buf *out, struct govern_snapshot *snap, const char *path);
    bool (*exists)(struct govern_snapshot *snap, const char *path);
    int (*list)(struct govern_strlist *out, struct govern_snapshot *snap, const char *dir,
                unsigned types);
    int (*entry_kind)(const char **kind, struct govern_snapshot *snap, const char *path);
    /* buf: one buffer reused for every file */
    int (*each_file)(struct govern_snapshot *snap, const char *dir, govern_file_fn fn, void *ctx,
                     struct govern_buf *buf);
    /* fp: dir's path in the repository (store prefix included) */
    int (*tree_id)(char out[41], bool *clean, struct govern_snapshot *snap, const char *dir,
                   const char *fp);
};

struct govern_snapshot {
    const struct store_snapshot_ops *ops;
    struct govern_store *store;
    git_tree *tree; /* the commit's tree (owned by whoever made the snapshot) */
};

extern const struct store_snapshot_ops store_worktree_ops; /* store_worktree.c */
extern const struct store_snapshot_ops store_tree_ops;     /* store_tree.c */

/* A snapshot on the caller's stack: the work tree, or tree (not owned). */
void store_snapshot_worktree(struct govern_snapshot *out, struct govern_store *s);
void store_snapshot_tree(struct govern_snapshot *out, struct govern_store *s, git_tree *tree);

/* store.c */
int store_git_fail(const char *what);
char *store_full_path(const struct govern_store *s, const char *path);
/* rev (NULL: HEAD) peeled to peel ("commit", "tree"); GOVERN_ENOTFOUND
 * "unknown revision" when there is none. */
int store_revparse(git_object **out, struct govern_store *s, const char *rev, const char *peel);
/* HEAD's tree. */
int store_head_tree(git_tree **out, git_repository *repo);
/* Writes $GIT_DIR/govern/NAME atomically (temporary file, then rename);
 * the directory is made when missing. */
int store_private_write(const struct govern_store *s, const char *name, const char *data,
                        size_t len);

/* store_worktree.c */
int store_worktree_put(const struct govern_store *s, const char *path, const char *data,
                       size_t len);
void store_worktree_delete(const struct govern_store *s, const char *path);
/* Reads a work-tree file of the store (as a work-tree snapshot would). */
int store_worktree_read(struct govern_buf *out, struct govern_store *s, const char *path);
/* Opens path under root without following any symlink on the way. */
int store_open_nofollow(const char *root, const char *path, int flags);
/* Opens directory dir of the store's work tree ("" its root). */
int store_workdir_open(const struct govern_store *s, const char *dir);

/* store_stamp.c: the work tree's side of govern_snapshot_tree_id */
int store_worktree_tree_id(char out[41], bool *clean, struct govern_snapshot *snap, const char *dir,
                           const char *fp);
/* The tree id of dir in the snapshot's commit (HEAD for the work tree)
 * and whether reading dir gives exactly its files: the key of the cache
 * service (govern_cache_dir_key in include/govern/cache.h, which says
 * more).  The git directory of the store, ending in '/'. */
int govern_snapshot_tree_id(char out[41], bool *clean, struct govern_snapshot *snap,
                            const char *dir);
const char *govern_snapshot_gitdir(const struct govern_snapshot *snap);

/* Is this a whole, undamaged work-tree stamp file (a cache)? */
bool store_stamp_intact(const char *data, size_t len);

/* store_change.c */
void store_change_free(struct govern_change *c);

/* --- store_txn.c: the transaction --- */

int store_transact(struct govern_commit_info *info, struct govern_store *s, govern_txn_fn fn,
                   void *ctx, bool allow_unborn);
/* The branch HEAD points at ("refs/heads/main"); caller frees. */
int store_head_branch(char **out, git_repository *repo);

/* --- store_hindex.c: the history index --- */

/* What the directory walk of store_history.c needs from one commit. */
struct store_hrec {
    git_oid id;
    int64_t time;             /* author time */
    bool store_changed;       /* the store's tree differs from the first parent's */
    size_t first_key, n_keys; /* into the index's keys: "SLUG/NAME" changed */
};

struct store_hindex {
    struct store_hrec *recs; /* walk order (newest first) */
    size_t n, cap;
    char **keys;
    size_t n_keys, cap_keys;
    struct govern_strlist slugs; /* the top-level names whose entries are indexed */
    bool linear;                 /* no commit has more than one parent */
    /* what store_hindex_get did (for tests and bench): */
    enum { STORE_HX_LOADED, STORE_HX_EXTENDED, STORE_HX_POSITIONED, STORE_HX_REBUILT } how;
};

/* The index of the history reachable from rev (NULL: HEAD) covering at
 * least the top-level names of dirs; *start: the record of rev's commit.
 * GOVERN_ENOTFOUND (no error set) when no index can answer for rev (a rev
 * off the indexed line): the caller walks the history itself. */
int store_hindex_get(struct store_hindex *out, size_t *start, struct govern_store *s,
                     const char *rev, const char *const *dirs, size_t n);
void store_hindex_free(struct store_hindex *ix);
/* store_history.c: the keys of dirs' top-level names that the commit's
 * store tree changed against its first parent's, passed to fn */
typedef int (*store_key_fn)(const char *key, size_t len, void *ctx);
int store_commit_keys(bool *store_changed, int64_t *time, struct govern_store *s,
                      const git_commit *c, const struct govern_strlist *slugs, store_key_fn fn,
                      void *ctx);

/* --- store_pack.c --- */

/* After a commit: packs the loose objects when there are more than git's
 * gc.auto threshold (default 6700), as git gc --auto would; a failure is
 * not the commit's (the objects stay loose). */
void store_pack_auto(struct govern_store *s);

/* Test-only fault injection: when GOVERN_TEST_CRASH_AT names this point,
 * the process kills itself with SIGKILL there (as kill -9 would), so tests
 * can leave exactly the state a crash at that instant leaves.  Points:
 * holding-lock, after-journal, after-ref-update, after-worktree. */
void store_crash_point(const char *name);

/* --- store_lock.c: govern.lock and git's lock files --- */

struct store_lock {
    int fd;
    bool prev_dead; /* the previous holder died holding the lock */
    long prev_pid;  /* its pid and host, from its record */
    char prev_host[128];
    bool prev_local; /* ... on this host (so its pid means something here) */
    int64_t since;   /* start of the oldest write not yet recovered */
    bool readonly;   /* report only (govern fsck): leave the record as it was */
};

/* Takes govern.lock, waiting up to timeout seconds (negative:
 * GOVERN_LOCK_TIMEOUT, default 60) for a live holder, then failing
 * (GOVERN_ECONFLICT) with its pid, host and age.  Unless readonly, writes
 * this process's record into it. */
int store_lock_take(struct store_lock *l, const struct govern_store *s, bool readonly,
                    double timeout);
/* Rewrites the record once what a dead holder left has been dealt with. */
void store_lock_recovered(struct store_lock *l);
void store_lock_release(struct store_lock *l);

struct store_git_lock {
    char path[4096]; /* absolute */
    double age;      /* seconds since its last change */
    long holder;     /* a process that has it open, 0 when none is seen */
    bool ours;       /* left by the dead govern writer that held govern.lock */
};

/* Looks at $GIT_DIR/REL (e.g. "index.lock"): 0 when absent or removed as a
 * dead govern writer's leftover; GOVERN_ECONFLICT with a message naming the
 * file and the remedy when it must stay.  l may be NULL. */
int store_git_lock_check(const struct govern_store *s, const char *rel, const struct store_lock *l);
/* Fills *gl for $GIT_DIR/REL; false when there is no such file. */
bool store_git_lock_stat(struct store_git_lock *gl, const struct govern_store *s, const char *rel,
                         const struct store_lock *l);
/* Every *.lock git could have left: index.lock, HEAD.lock, packed-refs.lock,
 * config.lock and anything under refs/ (paths relative to $GIT_DIR). */
int store_git_locks_list(struct govern_strlist *out, const struct govern_store *s);
/* The pid in a temporary file's name (NAME.PID.tmp with marker ".",
 * .NAME.govern-PID.tmp with marker ".govern-"); 0 when it is not one. */
long store_temp_pid(const char *name, const char *marker);
/* Is process pid alive on this host? */
bool store_pid_alive(long pid);

/* --- store_journal.c --- */

/* Writes the journal of a commit about to move branch from parent (NULL:
 * unborn) to commit. */
int store_journal_write(struct govern_store *s, const char *branch, const git_oid *parent,
                        const git_oid *commit, const struct govern_change *c);
void store_journal_remove(const struct govern_store *s);
bool store_journal_exists(const struct govern_store *s);
/* Completes or discards the journal left by a dead writer (the caller holds
 * govern.lock); *what (may be NULL) says what was done; caller frees. */
int store_journal_replay(struct govern_store *s, char **what, bool dry_run);
/* Under govern.lock: clears what a dead holder left (its git lock files,
 * temporary files) and replays the journal. */
int store_recover_locked(struct govern_store *s, struct store_lock *l);

#endif
