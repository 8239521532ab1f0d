/*
 * Growable buffers and sorted string lists.  A buffer's first error sticks
 * (b->error): later appends do nothing and return it, so callers may append
 * unchecked and test govern_buf_error() once.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>
#include "govern/buf.h"
#include "govern/error.h"

#define BUF_MAX ((size_t)1 << 40)

/* Remembers rc as the buffer's error when it is the first; returns rc. */
static int fail(struct govern_buf *b, int rc)
{
    if (!b->error)
        b->error = rc;
    return rc;
}

int govern_buf_grow(struct govern_buf *b, size_t extra)
{
    if (b->error)
        return b->error;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    /* no buffer of govern's comes near 1 TiB: a larger request is a bug or
     * an overflow, refused here rather than handed to the allocator */
    if (extra > BUF_MAX - b->len)
        return fail(b, govern_error_set(GOVERN_ENOMEM, "out of memory"));
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->ptr, cap);
    if (!p)
        return fail(b, govern_error_set(GOVERN_ENOMEM, "out of memory"));
    b->ptr = p;
    b->cap = cap;
    return 0;
}

int govern_buf_put(struct govern_buf *b, const char *data, size_t len)
{
    int rc = govern_buf_grow(b, len);
    if (rc)
        return rc;
    if (len)
        memcpy(b->ptr + b->len, data, len);
    b->len += len;
    b->ptr[b->len] = '\0';
    return 0;
}

int govern_buf_puts(struct govern_buf *b, const char *s)
{
    return govern_buf_put(b, s ? s : "", s ? strlen(s) : 0);
}

int govern_buf_putc(struct govern_buf *b, char c)
{
    return govern_buf_put(b, &c, 1);
}

int govern_buf_printf(struct govern_buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = b->error ? 0 : vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(ap2);
        return fail(b, govern_error_set(GOVERN_EINVAL, "bad format"));
    }
    int rc = govern_buf_grow(b, (size_t)n);
    if (rc) {
        va_end(ap2);
        return rc;
    }
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    b->len += (size_t)n;
    return 0;
}

int govern_buf_error(const struct govern_buf *b)
{
    return b ? b->error : 0;
}

void govern_buf_clear(struct govern_buf *b)
{
    b->len = 0;
    b->error = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

char *govern_buf_detach(struct govern_buf *b)
{
    if (b->error) {
        int rc = b->error;
        govern_buf_free(b);
        govern_error_set(rc, "%s", rc == GOVERN_ENOMEM ? "out of memory" : "bad format");
        return NULL;
    }
    char *p = b->ptr;
    if (!p && !(p = calloc(1, 1)))
        govern_oom();
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->error = 0;
    return p;
}

void govern_buf_free(struct govern_buf *b)
{
    if (!b)
        return;
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->error = 0;
}

char *govern_strdup(const char *s)
{
    if (!s)
        return NULL;
    char *p = strdup(s);
    if (!p)
        govern_error_set(GOVERN_ENOMEM, "out of memory");
    return p;
}

int govern_array_grow(void *items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > ((size_t)-1) / 2 / (size ? size : 1))
            return govern_oom();
        n *= 2;
    }
    void *old;
    memcpy(&old, items, sizeof(old));
    void *p = realloc(old, n * size);
    if (!p)
        return govern_oom();
    memcpy(items, &p, sizeof(p));
    *cap = n;
    return 0;
}

int govern_strlist_add(struct govern_strlist *l, const char *s)
{
    int rc = govern_array_grow(&l->items, &l->cap, l->count + 1, sizeof(*l->items));
    if (rc)
        return rc;
    char *copy = govern_strdup(s);
    if (!copy)
        return GOVERN_ENOMEM;
    l->items[l->count++] = copy;
    return 0;
}

bool govern_strlist_contains(const struct govern_strlist *l, const char *s)
{
    for (size_t i = 0; l && i < l->count; i++)
        if (strcmp(l->items[i], s) == 0)
            return true;
    return false;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void govern_strlist_sort(struct govern_strlist *l)
{
    if (l->count > 1)
        qsort(l->items, l->count, sizeof(*l->items), cmp_str);
}

void govern_strlist_free(struct govern_strlist *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = l->cap = 0;
}

uint64_t govern_checksum64(const unsigned char *p, size_t n)
{
    return XXH3_64bits(p, n);
}
