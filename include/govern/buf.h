/*
 * Growable byte buffers and string lists: the currency for file contents,
 * rendered output and sorted directory listings.
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
};

#define GOVERN_BUF_INIT                                                                            \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

int govern_buf_grow(struct govern_buf *b, size_t extra);
int govern_buf_put(struct govern_buf *b, const char *data, size_t len);
int govern_buf_puts(struct govern_buf *b, const char *s);
int govern_buf_putc(struct govern_buf *b, char c);
int govern_buf_printf(struct govern_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void govern_buf_clear(struct govern_buf *b);
/* Hands the string to the caller (who frees it); the buffer becomes empty. */
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

/* A fast 64-bit checksum of n bytes (XXH3), for telling a damaged cache file
 * from a good one (not cryptographic: caches are rebuilt, never trusted for
 * more). */
uint64_t govern_checksum64(const unsigned char *p, size_t n);

/* strdup that sets GOVERN_ENOMEM; NULL in, NULL out. */
char *govern_strdup(const char *s);

#endif
