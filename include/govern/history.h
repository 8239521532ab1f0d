/*
 * The history service: what commands need from the history of the store
 * without walking it.  Answers come from an index of the history kept in
 * $GIT_DIR/govern/ (one record per commit: which directories it changed
 * against its first parent, and when), extended from its last commit to
 * the one asked for on use, checksummed, and rebuilt when it is missing,
 * damaged, or no longer describes the branch (history rewritten or
 * reset), so a command's time does not grow with the number of commits.
 * govern_store_dir_commits (store.h) is answered from the same index.
 */
#ifndef GOVERN_HISTORY_H
#define GOVERN_HISTORY_H

#include <stddef.h>
#include <stdint.h>
#include "store.h"

/* When each of n directories (paths relative to the store, two levels
 * deep: "SLUG/DIR") last changed: times[i] is the author time of the newest
 * commit reachable from rev (NULL: HEAD) whose change against its first
 * parent touches anything under dirs[i], 0 when none did; *head_time is the
 * newest commit that changed the store.  Works in bare repositories. */
int govern_history_dir_times(int64_t *times, int64_t *head_time, struct govern_store *s,
                             const char *rev, const char *const *dirs, size_t n);

#endif
