/*
 * Record directories: a directory of the store that holds one Markdown
 * record per file (forward-plan/ID.md, interests/SLUG.md, risks/ID.md,
 * priorities/ID.md), loaded into a caller's array of record pointers with
 * the same rules everywhere: only NAME.md files, in name order; a record
 * that does not parse either stops the load (its error returned) or, with
 * diagnostics, is reported there and skipped; out of memory always stops.
 */
#ifndef GOVERN_RECORDS_H
#define GOVERN_RECORDS_H

#include <stddef.h>

struct govern_snapshot;
struct govern_diags;

/* Parses one file into a record: id is the file name without ".md", path
 * the file's path in the store ("DIR/NAME.md"); *out the new record. */
typedef int (*govern_record_parse_fn)(void **out, const char *id, const char *path,
                                      const char *data, size_t len, void *ctx);

struct govern_record_dir {
    const char *dir;              /* the directory, relative to the store */
    govern_record_parse_fn parse; /* one file into one record */
    void (*free)(void *record);   /* frees a record the array could not take */
    void *ctx;                    /* passed to parse */
    struct govern_diags *diags;   /* NULL: the first bad record stops the load */
};

/* Appends every record of d->dir to *items (the address of the caller's
 * "struct T **items" array, grown one by one) and *count.  On failure the
 * records loaded so far stay in the array for the caller to free. */
int govern_record_dir_load(void *items, size_t *count, struct govern_snapshot *snap,
                           const struct govern_record_dir *d);

#endif
