/*
 * Growable buffers and sorted string lists.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>
#include "govern/buf.h"
#include "govern/error.h"

int govern_buf_grow(struct govern_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        cap *= 2;
    }
    char *p = realloc(b->ptr, cap);
    if (!p)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
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
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(ap2);
        return govern_error_set(GOVERN_EINVAL, "bad format");
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

void govern_buf_clear(struct govern_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

char *govern_buf_detach(struct govern_buf *b)
{
    char *p = b->ptr;
    if (!p)
        p = calloc(1, 1);
    b->ptr = NULL;
    b->len = b->cap = 0;
    return p;
}

void govern_buf_free(struct govern_buf *b)
{
    if (!b)
        return;
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
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

int govern_strlist_add(struct govern_strlist *l, const char *s)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        char **items = realloc(l->items, cap * sizeof(*items));
        if (!items)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        l->items = items;
        l->cap = cap;
    }
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
