/*
 * Change sets: what a transaction's callback puts, adopts or deletes, with
 * the commit message and tags.  Every byte is checked here (size, UTF-8, no
 * NUL) so that nothing is committed that no parser would read back.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/store.h"
#include "store_priv.h"

void store_change_free(struct govern_change *c)
{
    for (size_t i = 0; i < c->count; i++) {
        free(c->entries[i].path);
        free(c->entries[i].data);
        free(c->entries[i].expect);
    }
    free(c->entries);
    for (size_t i = 0; i < c->n_tags; i++) {
        free(c->tags[i].name);
        free(c->tags[i].message);
    }
    free(c->tags);
    free(c->message);
    memset(c, 0, sizeof(*c));
}

static struct change_entry *change_find(struct govern_change *c, const char *path)
{
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->entries[i].path, path) == 0)
            return &c->entries[i];
    return NULL;
}

static int change_set(struct govern_change *c, const char *path, const char *data, size_t len,
                      bool del)
{
    int rc = govern_path_check_relative("path", path);
    if (rc)
        return rc;
    char *copy = NULL;
    if (!del) {
        if (len > GOVERN_DOC_MAX_BYTES)
            return govern_error_set(GOVERN_EINVAL, "%s: content too large", path);
        /* the last line of defence: nothing is committed that no parser
         * would read back (every record is UTF-8 text without NUL) */
        if ((rc = govern_utf8_check(path, data ? data : "", len)))
            return govern_error_prefix(rc, "refusing to write it");
        copy = malloc(len + 1);
        if (!copy)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        memcpy(copy, data, len);
        copy[len] = '\0';
    }
    struct change_entry *e = change_find(c, path);
    if (e) {
        free(e->data);
        e->data = copy;
        e->len = len;
        return 0; /* a put after an adopt keeps the adoption's expected bytes */
    }
    if (c->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 8;
        struct change_entry *n = realloc(c->entries, cap * sizeof(*n));
        if (!n) {
            free(copy);
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        }
        c->entries = n;
        c->cap = cap;
    }
    e = &c->entries[c->count];
    if (!(e->path = strdup(path))) {
        free(copy);
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    e->data = copy;
    e->len = len;
    e->expect = NULL;
    e->expect_len = 0;
    e->adopt = false;
    e->skip_worktree = false;
    c->count++;
    return 0;
}

int govern_change_put(struct govern_change *c, const char *path, const char *data, size_t len)
{
    return change_set(c, path, data, len, false);
}

int govern_change_adopt(struct govern_change *c, const char *path, const char *data, size_t len,
                        const char *expected, size_t expected_len)
{
    if (!expected)
        return govern_error_set(GOVERN_EINVAL, "internal error: adopting %s without its bytes",
                                path ? path : "");
    if (expected_len > GOVERN_DOC_MAX_BYTES)
        return govern_error_set(GOVERN_EINVAL, "%s: content too large", path);
    int rc = change_set(c, path, data, len, false);
    if (rc)
        return rc;
    struct change_entry *e = change_find(c, path);
    char *copy = malloc(expected_len + 1);
    if (!copy)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    memcpy(copy, expected, expected_len);
    copy[expected_len] = '\0';
    free(e->expect);
    e->expect = copy;
    e->expect_len = expected_len;
    e->adopt = true;
    return 0;
}

int govern_change_delete(struct govern_change *c, const char *path)
{
    return change_set(c, path, NULL, 0, true);
}

const char *govern_change_get(struct govern_change *c, const char *path, bool *touched)
{
    struct change_entry *e = change_find(c, path);
    if (touched)
        *touched = e != NULL;
    return e ? e->data : NULL;
}

int govern_change_message(struct govern_change *c, const char *fmt, ...)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    char tmp[4096];
    vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    int rc = govern_buf_puts(&b, tmp);
    if (rc)
        return rc;
    free(c->message);
    c->message = govern_buf_detach(&b);
    return 0;
}

int govern_change_tag(struct govern_change *c, const char *name, const char *message)
{
    struct change_tag *t = realloc(c->tags, (c->n_tags + 1) * sizeof(*t));
    if (!t)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    c->tags = t;
    t[c->n_tags].name = strdup(name);
    t[c->n_tags].message = strdup(message);
    if (!t[c->n_tags].name || !t[c->n_tags].message) {
        free(t[c->n_tags].name);
        free(t[c->n_tags].message);
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    c->n_tags++;
    return 0;
}

size_t govern_change_count(const struct govern_change *c)
{
    return c ? c->count : 0;
}

int govern_change_entry(const char **path, const char **data, size_t *len,
                        const struct govern_change *c, size_t i)
{
    if (!c || i >= c->count)
        return govern_error_set(GOVERN_EINVAL, "no change %zu in this change set", i);
    *path = c->entries[i].path;
    *data = c->entries[i].data;
    *len = c->entries[i].len;
    return 0;
}
