/*
 * Record directories: a directory of the store that holds one Markdown
 * record per file (forward-plan/ID.md, interests/SLUG.md, risks/ID.md,
 * priorities/ID.md), loaded into a caller's array of record pointers with
 * the same rules everywhere: only NAME.md files, in name order; a record
 * that does not parse either stops the load (its error returned) or, with
 * diagnostics, is reported there and skipped; out of memory always stops.
 *
 * The array is the caller's own "struct T **items; size_t count;" pair,
 * passed as &items and &count (every object pointer has the representation
 * of void *, which is how the array is handled here).
 */
#ifndef GOVERN_RECORDS_H
#define GOVERN_RECORDS_H

#include <stddef.h>

struct govern_snapshot;
struct govern_diags;

/* Parses one file into a record: id is the file name without ".md", path
 * the file's path in the store ("DIR/NAME.md"), ctx the load's ctx; *out
 * the new record. */
typedef int (*govern_record_parse_fn)(void **out, const char *id, const char *path,
                                      const char *data, size_t len, void *ctx);

/* A kind of record: where its files are, how one is parsed and freed. */
struct govern_record_type {
    const char *dir; /* the directory, relative to the store */
    govern_record_parse_fn parse;
    void (*free)(void *record);
};

/* Loads every record of t->dir into a new array: *items and *count are
 * set (an empty array when the directory is absent).  diags NULL: the
 * first bad record stops the load.  On failure nothing is kept: *items is
 * NULL and *count 0. */
int govern_records_load(void *items, size_t *count, struct govern_snapshot *snap,
                        const struct govern_record_type *t, void *ctx, struct govern_diags *diags);

/* Frees every record of the array with free_fn, then the array; *items
 * becomes NULL and *count 0.  NULL-safe in items. */
void govern_records_free(void *items, size_t *count, void (*free_fn)(void *record));

#endif
