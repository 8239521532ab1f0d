/*
 * Growable byte buffers and string lists: the currency for file contents,
 * rendered output and sorted directory listings.
 *
 * A buffer remembers its first error, as libgit2's git_str does: once an
 * append has failed (out of memory, a bad format), every later append is a
 * no-op returning that same error, so a chain of appends can be written
 * without a check after each one and checked once at the end with
 * govern_buf_error().  govern_buf_clear() and govern_buf_free() forget it.
 */
#ifndef GOVERN_BUF_H
#define GOVERN_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

struct govern_buf {
    char *ptr;  /* always NUL-terminated when non-NULL */
    size_t len; /* bytes used, not counting the NUL */
    size_t cap;
    int error; /* the first append's error (a GOVERN_E* code), 0 while all went well */
};

#define GOVERN_BUF_INIT                                                                            \
    {                                                                                              \
        NULL, 0, 0, 0                                                                              \
    }

int govern_buf_grow(struct govern_buf *b, size_t extra);
int govern_buf_put(struct govern_buf *b, const char *data, size_t len);
int govern_buf_puts(struct govern_buf *b, const char *s);
int govern_buf_putc(struct govern_buf *b, char c);
int govern_buf_printf(struct govern_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* 0, or the error of the first append that failed since the buffer was
 * made, cleared or freed (the thread's last error then still says why,
 * unless something else has failed since). */
int govern_buf_error(const struct govern_buf *b);
void govern_buf_clear(struct govern_buf *b);
/* Hands the string to the caller (who frees it); the buffer becomes empty.
 * NULL (the buffer freed, the last error set) when an append had failed or
 * when out of memory, so a caller checks the result as it would strdup's. */
char *govern_buf_detach(struct govern_buf *b);
void govern_buf_free(struct govern_buf *b);

struct govern_strlist {
    char **items;
    size_t count;
    size_t cap;
};

#define GOVERN_STRLIST_INIT                                                                        \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

int govern_strlist_add(struct govern_strlist *l, const char *s);
bool govern_strlist_contains(const struct govern_strlist *l, const char *s);
void govern_strlist_sort(struct govern_strlist *l);
void govern_strlist_free(struct govern_strlist *l);

/* Makes room in a growable array for need elements of size bytes each:
 * *items (an array pointer, passed as its address) is reallocated, doubling
 * from 8, when *cap is less than need; *cap is updated.  On failure
 * (GOVERN_ENOMEM) the array and *cap are unchanged.  So a list appends with
 *     if ((rc = govern_array_grow(&l->items, &l->cap, l->count + 1, sizeof(*l->items))))
 *         return rc;
 *     l->items[l->count++] = x; */
int govern_array_grow(void *items, size_t *cap, size_t need, size_t size);

/* A fast 64-bit checksum of n bytes (XXH3), for telling a damaged cache file
 * from a good one (not cryptographic: caches are rebuilt, never trusted for
 * more). */
uint64_t govern_checksum64(const unsigned char *p, size_t n);

/* strdup that sets GOVERN_ENOMEM; NULL in, NULL out. */
char *govern_strdup(const char *s);

#endif
