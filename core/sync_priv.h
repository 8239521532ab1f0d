/*
 * What the files of `govern sync` share (sync.c, sync_replay.c,
 * sync_status.c) and nothing else sees.
 */
#ifndef GOVERN_SYNC_PRIV_H
#define GOVERN_SYNC_PRIV_H

#include <stdbool.h>
#include <git2.h>
#include "govern/buf.h"
#include "store_priv.h"

/* Ids renumbered during one replay: old_id[i] became new_id[i]. */
struct sync_renames {
    char **old_id, **new_id;
    size_t count;
};

struct sync_replay {
    git_repository *repo;
    git_tree *local_tree; /* the tip of the local commits (for their own serials) */
    git_oid remote_tip;   /* where the replay started */
    git_oid cur;          /* the last commit made (or remote_tip) */
    size_t replayed, skipped;
    struct sync_renames renames;
};

/* Replays the commits local has and remote lacks onto remote, in the
 * repository at gitdir (through a handle of its own, rp->repo while it
 * runs); rp->cur is the new tip.  Moves no reference. */
int sync_replay_run(struct sync_replay *rp, const char *gitdir, const git_oid *local,
                    const git_oid *remote);
void sync_replay_free(struct sync_replay *rp);
void sync_renames_free(struct sync_renames *r);
/* text with every mention of a renamed id rewritten (appended to out). */
int sync_rewrite(struct govern_buf *out, const struct sync_renames *r, const char *text,
                 size_t len);
/* Is this SLUG/DIR/minutes.md text approved minutes? */
bool sync_minutes_approved(const char *path, const char *text, size_t len);

/* sync.c: the remote (NULL: "origin"), the store branch's full name and
 * its remote-tracking ref (refs/remotes/REMOTE/BRANCH). */
struct sync_refs {
    git_remote *remote;
    char name[128];
    char *branch;
    char tracking[512];
};
int sync_refs_open(struct sync_refs *r, struct govern_store *s, const char *remote);
void sync_refs_close(struct sync_refs *r);
/* Fetches the branch (into the tracking ref) and the tags. */
int sync_fetch(struct sync_refs *r);
/* $GIT_DIR/govern/sync-pending: a sync that pushed new_tip but may not
 * have moved the branch from old_head yet. */
bool sync_pending_read(const struct govern_store *s, git_oid *old_head, git_oid *new_tip);

#endif
