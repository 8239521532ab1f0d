/*
 * The output directory: where a command writes files outside the store (a
 * published site, calendar feeds).  Plugins may not touch the file system,
 * so they write through this service.  Each file is written whole (a
 * temporary file beside it, renamed over it); a file whose bytes are
 * unchanged is left alone, so its modification time (and a web server's
 * ETag) holds.  Paths are relative to the directory: absolute paths, "..",
 * empty or dot-file components and symbolic links anywhere below the
 * directory are refused.  govern_outdir_prune removes what a previous run
 * wrote and this one did not, from a manifest kept in the directory
 * (GOVERN_OUTDIR_MANIFEST).
 */
#ifndef GOVERN_OUTDIR_H
#define GOVERN_OUTDIR_H

#include <stddef.h>

#define GOVERN_OUTDIR_MANIFEST ".govern-manifest"

struct govern_outdir;

struct govern_outdir_stats {
    size_t written;   /* files created or changed */
    size_t unchanged; /* files whose bytes were already there */
    size_t removed;   /* files pruned */
    size_t kept;      /* files another writer made this run (govern_outdir_keep) */
};

/* Opens (and creates, with its parents, if missing) the directory dir. */
int govern_outdir_open(struct govern_outdir **out, const char *dir);
/* Writes relpath ("a/b.html"; parent directories are created) with len
 * bytes of data, unless it already holds exactly them. */
int govern_outdir_write(struct govern_outdir *d, const char *relpath, const void *data, size_t len);
/* Counts relpath, a regular file another writer made in the directory
 * during this run (a command run for its output), as written by this run,
 * so that prune keeps it.  Refused like a write: a bad path, a symbolic
 * link on it, or no such regular file. */
int govern_outdir_keep(struct govern_outdir *d, const char *relpath);
/* Removes each file the manifest lists that this run did not write (and
 * directories left empty by that), then writes the new manifest: the files
 * written by this run, sorted. */
int govern_outdir_prune(struct govern_outdir *d);
void govern_outdir_stats(struct govern_outdir_stats *out, const struct govern_outdir *d);
/* The directory as given to open. */
const char *govern_outdir_path(const struct govern_outdir *d);
void govern_outdir_free(struct govern_outdir *d);

#endif
