/*
 * Teamwork: several clerks on clones of one store, and the council's git
 * server between them (docs/teamwork.md).  A three-way merge that knows
 * govern's files (front matter merged field by field, lists by identity,
 * bodies by line), `govern sync` (fetch, replay the clerk's unpushed
 * commits onto the remote branch renumbering ids both sides allocated,
 * push; all or nothing), `govern status` against the remote, and what the
 * server's pre-receive hook needs to look at a push.
 */
#ifndef GOVERN_TEAMWORK_H
#define GOVERN_TEAMWORK_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "store.h"

/* --- the three-way merge of one file --- */

struct govern_merge_result {
    char *text; /* the merged file; with a conflict, the text with conflict markers */
    size_t len;
    bool conflict;
    /* with a conflict: one line per conflict, "PATH: field 'KEY': ours 'X', theirs 'Y'" */
    char *message;
};

/* Merges ours and theirs, both changed from base (NULL: the file did not
 * exist there).  A govern document (front matter then Markdown) is merged
 * field by field; list entries by identity (their id, slug, name or date
 * field, else the whole entry); `updated` takes the later date; the body by
 * line, a conflict when both sides changed the same lines.  govern.yaml is
 * merged as YAML; anything else by line.  path names the file in messages. */
int govern_merge_text(struct govern_merge_result *out, const char *path, const char *base,
                      size_t base_len, const char *ours, size_t ours_len, const char *theirs,
                      size_t theirs_len);
void govern_merge_result_clear(struct govern_merge_result *r);

/* Configures the clone's git (merge.govern.driver and merge.default) so
 * that git merge, pull, rebase and cherry-pick merge every file of the
 * repository with `COMMAND merge-file %O %A %B %P`.  command: the govern
 * executable (absolute path). */
int govern_store_setup_merge(struct govern_store *s, const char *command);

/* --- sync --- */

struct govern_sync_report {
    char remote[128];
    char old_head[41], new_head[41];  /* the local branch before and after */
    size_t replayed;                  /* local commits replayed onto the remote branch */
    size_t skipped;                   /* local commits the remote already had (an earlier sync) */
    size_t received;                  /* remote commits the store did not have */
    bool pushed;                      /* the remote's branch was moved */
    struct govern_strlist renumbered; /* "OLD NEW" for each id renumbered */
};

/* Fetches remote (NULL: "origin"), replays the store branch's commits the
 * remote lacks onto the remote's branch (renumbering ids the remote
 * allocated too and rewriting every reference to them in the same
 * commits; merging concurrent edits field by field), pushes, and only then
 * moves the local branch and brings the work tree forward.  Holds the
 * store's lock throughout.  Fails, changing nothing, when the remote cannot
 * be reached, a file both sides changed conflicts (the message names the
 * file, the field, both values and both commits), approved minutes would
 * change, a path to change has uncommitted edits, or the remote moved
 * during the push. */
int govern_store_sync(struct govern_sync_report *out, struct govern_store *s, const char *remote);
void govern_sync_report_clear(struct govern_sync_report *r);

/* --- status --- */

struct govern_status_record {
    char *path;    /* the record (file) */
    char *commits; /* "ID summary" of the commits that changed it, newest first, "; " between */
};

struct govern_status_list {
    struct govern_status_record *items;
    size_t count;
};

struct govern_status {
    char remote[128];
    bool fetched;      /* the remote was reached now (else: as of the last fetch) */
    char *fetch_error; /* why not, when not */
    bool has_remote_branch;
    size_t ahead, behind;                    /* commits only here, only there */
    struct govern_status_list unpushed;      /* records changed by commits only here */
    struct govern_status_list changed_there; /* records changed by commits only there */
    struct govern_strlist approved_there;    /* meetings whose minutes were approved there */
    bool sync_pending;                       /* a sync was interrupted after its push */
};

/* What git would not say: compares the store's branch with the remote's
 * (fetched first unless offline; an unreachable remote falls back to the
 * last fetch and says so). */
int govern_store_status(struct govern_status *out, struct govern_store *s, const char *remote,
                        bool offline);
void govern_status_clear(struct govern_status *st);

/* --- the server's hook --- */

/* In a pre-receive hook, git keeps the pushed objects in a quarantine
 * directory (GIT_OBJECT_DIRECTORY / GIT_QUARANTINE_PATH): makes them
 * readable through the store.  Nothing to do outside a hook. */
int govern_store_quarantine(struct govern_store *s);
/* The store branch's full ref name ("refs/heads/main"). */
int govern_store_branch(char **out, struct govern_store *s);
/* Paths (relative to the store) that differ between two commits (40 hex
 * digits; old may be all zeros: everything in new), sorted. */
int govern_store_diff_paths(struct govern_strlist *out, struct govern_store *s, const char *old_id,
                            const char *new_id);
/* Is commit a (hex) an ancestor of, or equal to, b? */
int govern_store_is_ancestor(bool *out, struct govern_store *s, const char *a, const char *b);

#endif
