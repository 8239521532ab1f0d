/*
 * The store's cache service: named, derived, disposable files that a
 * command or a plugin keeps so that the next read need not redo its work
 * (the action register parsed, a directory's last-change times).  The
 * store keeps them in its git directory (never the work tree), writes
 * each atomically (a reader sees the old file or the new, never half of
 * one), checksums the payload with xxHash (XXH3, 64 bits) and hands a hit
 * back mapped read-only, so nothing is copied on the way in.
 *
 * A cache is never trusted blindly: a missing file, another key, a short
 * or damaged file, a checksum that does not match, another build's byte
 * order all read as a miss, and the caller rebuilds from the files.  A
 * cache is keyed by whatever the caller computes (e.g. the tree id that
 * govern_cache_dir_key gives for a directory, with the caller's format
 * version in front); one name holds one key at a time, the last written.
 * govern fsck checks every cache file of the service and, with --repair,
 * removes damaged ones.  GOVERN_NO_CACHE=1 (any non-empty value but "0")
 * turns every read into a miss and every write into nothing.
 */
#ifndef GOVERN_CACHE_H
#define GOVERN_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include "store.h"

/* Longest key, in bytes (a key is a NUL-free string). */
#define GOVERN_CACHE_KEY_MAX 200
/* Longest name; a name is [a-z0-9-], not empty. */
#define GOVERN_CACHE_NAME_MAX 64

/* A cache read: its payload, mapped read-only, valid until it is freed. */
struct govern_cache;

/* A key for what is read from dir (relative to the store): the id of its
 * tree (40 hex digits) in the snapshot's commit, or, for a work-tree
 * snapshot, in HEAD.  *clean says whether reading dir from this snapshot
 * gives exactly that tree's files: always for a commit; for the work tree,
 * only when nothing under dir differs from HEAD (found by a stat of every
 * file against a stamp that git status vouched for, or by git status).  A
 * cache of what dir holds may be used only when *clean.  GOVERN_ENOTFOUND
 * when dir is not a directory there. */
int govern_cache_dir_key(char out[41], bool *clean, struct govern_snapshot *snap, const char *dir);

/* Reads cache name for key.  A hit: 0 and *out, to be freed with
 * govern_cache_free.  A miss (absent, another key, damaged, disabled): 0
 * and *out NULL.  Errors only for a bad name or key. */
int govern_cache_read(struct govern_cache **out, struct govern_snapshot *snap, const char *name,
                      const char *key);
/* The payload of a hit: 16-byte aligned, len bytes, read-only. */
const void *govern_cache_data(const struct govern_cache *c, size_t *len);
void govern_cache_free(struct govern_cache *c);

/* Writes cache name for key with this payload, atomically, replacing what
 * the name held.  Fails (e.g. a read-only repository) without harm:
 * callers that only optimise may ignore the error.  Does nothing when
 * caches are disabled. */
int govern_cache_write(struct govern_snapshot *snap, const char *name, const char *key,
                       const void *data, size_t len);

/* Are caches turned off (GOVERN_NO_CACHE)? */
bool govern_cache_disabled(void);

/* Is data a whole, undamaged cache file of the service (for govern fsck,
 * which checks the files named GOVERN_CACHE_PREFIX*GOVERN_CACHE_SUFFIX in
 * $GIT_DIR/govern/)? */
bool govern_cache_intact(const char *data, size_t len);
#define GOVERN_CACHE_PREFIX "cache-"
#define GOVERN_CACHE_SUFFIX ".bin"

#endif
