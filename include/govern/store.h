/*
 * The store: a governance store is a directory holding govern.yaml inside a
 * git repository (at its root or in a subdirectory, e.g. this project's
 * meetings/).  This header is the only door to libgit2.
 *
 * Reading goes through a snapshot: the work tree, or the tree of any commit
 * (--rev), which also works in a bare repository.  Writing goes through a
 * transaction: a callback builds a change set against the snapshot of the
 * branch head; the store writes blobs, makes one commit from the parent's
 * tree with only the changed paths, and moves the branch by compare-and-swap
 * (retrying on a concurrent writer).  Only then are the work tree and index
 * updated, for exactly those paths.  A path with uncommitted edits is
 * refused before anything is written.
 */
#ifndef GOVERN_STORE_H
#define GOVERN_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "buf.h"

struct govern_store;
struct govern_snapshot;
struct govern_change;

/* Versioned, not covered by the plugin ABI: start from
 * GOVERN_STORE_OPTS_INIT; an unknown version is refused (docs/plugins.md). */
struct govern_store_opts {
    unsigned version;       /* GOVERN_STORE_OPTS_VERSION */
    const char *store_path; /* path of the store inside the repository; NULL: discover */
};
#define GOVERN_STORE_OPTS_VERSION 1
#define GOVERN_STORE_OPTS_INIT                                                                     \
    {                                                                                              \
        GOVERN_STORE_OPTS_VERSION, NULL                                                            \
    }

/* Opens the store that dir is in (or, in a bare repository, at store_path). */
int govern_store_open(struct govern_store **out, const char *dir,
                      const struct govern_store_opts *opts);
/* Makes dir a store: creates the repository if there is none, writes
 * govern.yaml (config_text) and commits it.  Refuses an existing store. */
int govern_store_init(struct govern_store **out, const char *dir, const char *config_text,
                      const char *message);
void govern_store_free(struct govern_store *s);

/* Is the repository bare (no work tree)? */
bool govern_store_is_bare(const struct govern_store *s);
/* The store's path inside the repository ("" at the root). */
const char *govern_store_prefix(const struct govern_store *s);
/* Absolute path of the store directory in the work tree (NULL when bare). */
const char *govern_store_workdir(const struct govern_store *s);

/* --- reading --- */

/* rev NULL: the work tree (or HEAD in a bare repository). */
int govern_store_snapshot(struct govern_snapshot **out, struct govern_store *s, const char *rev);
void govern_snapshot_free(struct govern_snapshot *snap);
/* Is this a view of a commit (as opposed to the work tree)? */
bool govern_snapshot_is_commit(const struct govern_snapshot *snap);
/* Reads a file (path relative to the store); GOVERN_ENOTFOUND when absent.
 * Refuses files over GOVERN_DOC_MAX_BYTES. */
int govern_snapshot_read(struct govern_buf *out, struct govern_snapshot *snap, const char *path);
/* Reads a record's file for its *_load function: as govern_snapshot_read,
 * but an absent file is GOVERN_ENOTFOUND with the message fmt (printf-style,
 * e.g. "unknown committee '%s'") followed by " (no PATH)". */
int govern_snapshot_read_record(struct govern_buf *out, struct govern_snapshot *snap,
                                const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
bool govern_snapshot_exists(struct govern_snapshot *snap, const char *path);

/* Calls fn(name, data, len, ctx) for every regular file directly in dir
 * (relative to the store), in bytewise name order, hidden names skipped;
 * an absent directory calls nothing.  For large directories (the action
 * register): one directory handle, no per-file path walk, one reused
 * buffer.  data is NUL-terminated, may be modified by fn and is valid only
 * during the call.  Files over GOVERN_DOC_MAX_BYTES are refused, naming the
 * file.  A non-zero return from fn stops the walk and is returned. */
typedef int (*govern_file_fn)(const char *name, char *data, size_t len, void *ctx);
int govern_snapshot_each_file(struct govern_snapshot *snap, const char *dir, govern_file_fn fn,
                              void *ctx);

enum govern_entry_type {
    GOVERN_ENTRY_FILE = 1,
    GOVERN_ENTRY_DIR = 2,
    /* anything else: a symbolic link, FIFO, socket or device (work tree), a
     * symbolic link or submodule (commit); never read (added in ABI 3) */
    GOVERN_ENTRY_OTHER = 4,
    /* not a type: with a commit's snapshot of a store with a work tree, the
     * names in the work tree's directory too (to hand out an id that is
     * free in both); ignored for a work-tree snapshot */
    GOVERN_ENTRY_WORKTREE = 8,
};
/* Names in a directory, sorted bytewise, filtered by type mask; an absent
 * directory gives an empty list. Hidden names (".x") are skipped.  An id
 * allocator must count every entry whatever its type (GOVERN_ENTRY_FILE |
 * GOVERN_ENTRY_DIR | GOVERN_ENTRY_OTHER | GOVERN_ENTRY_WORKTREE). */
int govern_snapshot_list(struct govern_strlist *out, struct govern_snapshot *snap, const char *dir,
                         unsigned types);
/* *kind: NULL for a regular file or a directory, else what the entry at
 * path is ("a symbolic link", "a FIFO", "a socket", "a character device",
 * "a block device", "a submodule"), found without opening it. */
int govern_snapshot_entry_kind(const char **kind, struct govern_snapshot *snap, const char *path);
/* What a file of this st_mode is when it is not a regular file or a
 * directory ("a FIFO", ...); NULL for those two. */
const char *govern_file_kind(unsigned mode);

/* --- writing --- */

typedef int (*govern_txn_fn)(struct govern_change *chg, struct govern_snapshot *head, void *ctx);

struct govern_commit_info {
    char id[41]; /* the new commit's id */
};

/* Runs fn against the head of the current branch and commits what it puts in
 * the change set (nothing to commit is not an error: info->id is then "").
 * fn may be called more than once when another writer gets there first. */
int govern_store_transact(struct govern_commit_info *info, struct govern_store *s, govern_txn_fn fn,
                          void *ctx);
/* A pre-commit guard: every transaction calls it with the change set and
 * the snapshot of the branch head it was built against, after the
 * callback and before anything is written; a non-zero return (with the
 * error set) refuses the commit and is the transaction's.  Guards hold for
 * every transaction of the process (commands, plugin hooks, undo alike);
 * adding the same fn and ctx twice adds it once.  The minutes code
 * registers the frozen-minutes rule this way when libgovern is loaded:
 * every transaction refuses (GOVERN_EFROZEN) to change or delete a
 * SLUG/DIR/minutes.md whose committed version has status: approved. */
typedef int (*govern_txn_guard_fn)(struct govern_snapshot *head, const struct govern_change *chg,
                                   void *ctx);
int govern_store_guard_add(govern_txn_guard_fn fn, void *ctx);

int govern_change_put(struct govern_change *c, const char *path, const char *data, size_t len);
/* Commits data at path where the work tree holds a clerk's edit that this
 * command read (expected: the exact work-tree bytes it read, possibly with
 * uncommitted edits, or an untracked file).  Instead of refusing the path as
 * dirty, the store checks, under its lock, that the work tree still holds
 * exactly expected (compare-and-swap): if someone saved the file again
 * meanwhile, nothing is committed (GOVERN_EDIRTY); if they save it again
 * after the commit, their newer bytes are left in the work tree. */
int govern_change_adopt(struct govern_change *c, const char *path, const char *data, size_t len,
                        const char *expected, size_t expected_len);
int govern_change_delete(struct govern_change *c, const char *path);
/* The name of the author a commit made now would carry (GOVERN_AUTHOR_NAME,
 * else git's user.name); caller frees. */
int govern_store_author(char **name, struct govern_store *s);

/* The commit message (required when anything changed). */
int govern_change_message(struct govern_change *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Also make an annotated tag pointing at the new commit. */
int govern_change_tag(struct govern_change *c, const char *name, const char *message);
/* The content a path will have after this change (NULL when deleted or untouched). */
const char *govern_change_get(struct govern_change *c, const char *path, bool *touched);
/* How many paths the change set touches, and the i-th of them (in the
 * order they were first touched): its path, and its new bytes (*data NULL
 * when it is deleted). */
size_t govern_change_count(const struct govern_change *c);
int govern_change_entry(const char **path, const char **data, size_t *len,
                        const struct govern_change *c, size_t i);

/* --- history --- */

struct govern_log_entry {
    char id[41];
    char *author;  /* "Name <email>" */
    int64_t time;  /* seconds since the epoch */
    int tz_offset; /* minutes east of UTC */
    char *summary; /* first line of the message */
    struct govern_strlist
        paths; /* paths (relative to the store) this commit changed under the subject */
};

struct govern_log {
    struct govern_log_entry *entries; /* newest first */
    size_t count;
};

/* History of a path (file or directory, relative to the store; "" = whole store). */
int govern_store_log(struct govern_log *out, struct govern_store *s, const char *rev,
                     const char *path, size_t limit);
void govern_log_free(struct govern_log *log);

/* How many tags match a glob pattern (fnmatch, e.g. every tag under minutes/). */
int govern_store_tag_count(size_t *out, struct govern_store *s, const char *pattern);
/* The names of the tags matching a glob pattern, sorted (appended to out). */
int govern_store_tag_list(struct govern_strlist *out, struct govern_store *s, const char *pattern);
/* Every commit reachable from rev (NULL: HEAD) whose change against its
 * first parent touches anything under dirs[i] ("SLUG/DIR", as for
 * govern_history_dir_times in history.h), newest first, in logs[i] (n
 * logs; entries carry id and time only: author and summary NULL, no
 * paths).  Answered from the history index (history.h), never one walk per
 * directory; the caller frees each log with govern_log_free. */
int govern_store_dir_commits(struct govern_log *logs, struct govern_store *s, const char *rev,
                             const char *const *dirs, size_t n);
/* Bytes of path as of an annotated tag or commit (for frozen-record checks). */
int govern_store_read_at(struct govern_buf *out, struct govern_store *s, const char *rev,
                         const char *path);

/* Validates a path segment chosen by a user (slug, id): no '/', no "..",
 * not absolute, not hidden, [a-z0-9-] only. */
int govern_path_check_segment(const char *what, const char *s);
/* Validates a relative path inside the store given by a user or a file. */
int govern_path_check_relative(const char *what, const char *s);

/* --- crash safety (docs/fsck.md) --- */

/* Completes a write that a crash interrupted after it committed (brings the
 * work tree and index forward where they still hold the older version) or
 * discards one that never committed.  Takes the store's write lock only
 * when there is something to do, waiting at most a second for a running
 * write (which completes it itself); the CLI calls it before every command
 * but govern fsck. */
int govern_store_recover(struct govern_store *s);

/* A cache a plugin keeps in $GIT_DIR/govern/ (files named PREFIX*SUFFIX)
 * and how to tell an intact one, for govern fsck (registered with
 * govern_register_cache). */
struct govern_cache_kind {
    const char *prefix, *suffix;
    bool (*intact)(const char *data, size_t len);
};

enum govern_fsck_kind {
    GOVERN_FSCK_LOCK = 1, /* govern.lock names a writer that died */
    GOVERN_FSCK_GIT_LOCK, /* a git *.lock file */
    GOVERN_FSCK_JOURNAL,  /* an unfinished write */
    GOVERN_FSCK_TEMP,     /* a dead process's temporary file */
    GOVERN_FSCK_CACHE,    /* a cache file that fails its checksum */
};

struct govern_fsck_item {
    enum govern_fsck_kind kind;
    char *path;    /* the file concerned (absolute) */
    char *message; /* what is wrong, or what was done */
    bool repaired;
};

struct govern_fsck_report {
    struct govern_fsck_item *items;
    size_t count;
};

/* Looks for what a crash can leave (govern fsck); with repair, repairs it.
 * Waits for a running write as writers do. */
int govern_store_fsck(struct govern_fsck_report *out, struct govern_store *s, bool repair,
                      const struct govern_cache_kind *const *caches, size_t n_caches);
void govern_fsck_report_free(struct govern_fsck_report *r);

/* --- undo --- */

struct govern_undo {
    char id[41];   /* the commit to revert */
    char *summary; /* its first line */
    bool pushed;   /* reachable from a remote-tracking ref (refs/remotes/) */
    bool first;    /* the store's first commit (no parent) */
};

/* The last change govern made from this clone that is not undone yet: the
 * newest entry of the current branch's reflog written by a govern
 * transaction (reflogs are local to a clone) whose commit is still in the
 * branch's history, skipping undo commits and the commits they reverted.
 * GOVERN_ENOTFOUND when there is none (also without a reflog, as in a bare
 * repository). */
int govern_store_undo_find(struct govern_undo *out, struct govern_store *s);
void govern_undo_clear(struct govern_undo *u);
/* Reverts commit id (40 hex digits) in one new commit on the branch, with
 * the message "Undo: SUMMARY" and the line "This reverts commit ID." (like
 * git revert).  Refused, with nothing written, when later changes touched
 * the same lines (GOVERN_ECONFLICT), when a touched file has uncommitted
 * edits, or when it would change approved minutes (GOVERN_EFROZEN), as is
 * every write. */
int govern_store_revert(struct govern_commit_info *info, struct govern_store *s, const char *id);

#endif
