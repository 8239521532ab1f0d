/*
 * What the store's own files share (store.c, store_lock.c, store_journal.c,
 * store_fsck.c) and nothing else sees: the store and change-set structs, and
 * the pieces of crash safety.  A write holds $GIT_DIR/govern.lock (an flock
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

/* store.c */
int store_git_fail(const char *what);
char *store_full_path(const struct govern_store *s, const char *path);
int store_worktree_put(const struct govern_store *s, const char *path, const char *data,
                       size_t len);
void store_worktree_delete(const struct govern_store *s, const char *path);
/* Reads a work-tree file of the store (as a work-tree snapshot would). */
int store_worktree_read(struct govern_buf *out, struct govern_store *s, const char *path);

/* The tree id of dir in the snapshot's commit (HEAD for the work tree)
 * and whether reading dir gives exactly its files: the key of the cache
 * service (govern_cache_dir_key in include/govern/cache.h, which says
 * more).  The git directory of the store, ending in '/'. */
int govern_snapshot_tree_id(char out[41], bool *clean, struct govern_snapshot *snap,
                            const char *dir);
const char *govern_snapshot_gitdir(const struct govern_snapshot *snap);

/* Is this a whole, undamaged work-tree stamp file (a cache)? */
bool store_stamp_intact(const char *data, size_t len);

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
