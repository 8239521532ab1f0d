/*
 * Names: ASCII transliteration with ICU's transliterator, slugs for file
 * names, and case- and accent-insensitive look-ups (see govern/names.h).
 * The transliterator is built once per process (it is costly to build) and
 * used under a lock.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include "govern/args.h"
#include "govern/error.h"
#include "govern/names.h"

#define NAME_MAX_BYTES 4096

static pthread_mutex_t trans_lock = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator *trans;
static bool trans_failed;

static UTransliterator *transliterator(void)
{
    if (!trans && !trans_failed) {
        UErrorCode e = U_ZERO_ERROR;
        static const UChar id[] = u"Any-Latin; Latin-ASCII";
        trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
        if (U_FAILURE(e)) {
            trans = NULL;
            trans_failed = true;
        }
    }
    return trans;
}

/* ASCII bytes of s kept as they are, the rest dropped: when ICU cannot help. */
static int ascii_only(struct govern_buf *out, const char *s)
{
    int rc = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && !rc; p++)
        if (*p < 0x80)
            rc = govern_buf_putc(out, (char)*p);
    return rc;
}

int govern_text_ascii(struct govern_buf *out, const char *utf8)
{
    size_t len = utf8 ? strlen(utf8) : 0;
    if (len > NAME_MAX_BYTES)
        return govern_error_set(GOVERN_EINVAL, "text longer than %d bytes", NAME_MAX_BYTES);
    bool plain = true;
    for (size_t i = 0; i < len && plain; i++)
        plain = (unsigned char)utf8[i] < 0x80;
    if (plain)
        return govern_buf_puts(out, utf8 ? utf8 : "");
    /* every UTF-8 byte is at most one UTF-16 unit; transliteration may grow it */
    int32_t cap = (int32_t)len * 4 + 16, n = 0, limit;
    UChar *u = malloc((size_t)cap * sizeof(*u));
    char *back = malloc((size_t)cap * 3 + 1);
    UErrorCode e = U_ZERO_ERROR;
    int rc = 0;
    if (!u || !back) {
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        goto out;
    }
    u_strFromUTF8Lenient(u, cap, &n, utf8, (int32_t)len, &e);
    pthread_mutex_lock(&trans_lock);
    UTransliterator *t = U_SUCCESS(e) ? transliterator() : NULL;
    limit = n;
    if (t)
        utrans_transUChars(t, u, &n, cap, 0, &limit, &e);
    pthread_mutex_unlock(&trans_lock);
    int32_t blen = 0;
    if (t && U_SUCCESS(e))
        u_strToUTF8(back, cap * 3 + 1, &blen, u, n, &e);
    rc = t && U_SUCCESS(e) ? ascii_only(out, (back[blen] = '\0', back)) : ascii_only(out, utf8);
out:
    free(u);
    free(back);
    return rc;
}

static int slug_with(struct govern_buf *out, const char *text, char sep)
{
    struct govern_buf a = GOVERN_BUF_INIT;
    int rc = govern_text_ascii(&a, text);
    bool gap = false;
    size_t start = out->len;
    for (const char *p = a.ptr ? a.ptr : ""; *p && !rc; p++) {
        char c = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            gap = true;
            continue;
        }
        if (gap && out->len > start)
            rc = govern_buf_putc(out, sep);
        if (!rc)
            rc = govern_buf_putc(out, c);
        gap = false;
    }
    govern_buf_free(&a);
    return rc;
}

int govern_name_slug(struct govern_buf *out, const char *text)
{
    return slug_with(out, text, '-');
}

int govern_name_fold(struct govern_buf *out, const char *text)
{
    return slug_with(out, text, ' ');
}

/* "A, B or C" of the names at idx[0..k). */
static void list_names(char *out, size_t cap, const char *const *names, const size_t *idx, size_t k)
{
    out[0] = '\0';
    for (size_t i = 0; i < k; i++)
        snprintf(out + strlen(out), cap - strlen(out), "%s'%s'",
                 !i           ? ""
                 : i + 1 == k ? " or "
                              : ", ",
                 names[idx[i]]);
}

static int not_found(const char *const *names, size_t n, const char *name, const char *what)
{
    const char *near = govern_suggest(name, names, n);
    if (near)
        return govern_error_set(GOVERN_ENOTFOUND, "unknown %s '%s'; did you mean '%s'?", what, name,
                                near);
    return govern_error_set(GOVERN_ENOTFOUND, "unknown %s '%s'", what, name);
}

int govern_name_find(size_t *index, const char *const *names, size_t n, const char *name,
                     const char *what)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(names[i], name)) {
            *index = i;
            return 0;
        }
    struct govern_buf want = GOVERN_BUF_INIT, have = GOVERN_BUF_INIT;
    size_t found[8], k = 0;
    int rc = govern_name_fold(&want, name);
    for (size_t i = 0; i < n && !rc && want.len; i++) {
        govern_buf_clear(&have);
        if ((rc = govern_name_fold(&have, names[i])))
            break;
        if (have.len && !strcmp(have.ptr, want.ptr) && k < 8)
            found[k++] = i;
    }
    govern_buf_free(&want);
    govern_buf_free(&have);
    if (rc)
        return rc;
    if (k == 1) {
        *index = found[0];
        return 0;
    }
    if (k == 0)
        return not_found(names, n, name, what);
    char list[1024];
    list_names(list, sizeof(list), names, found, k);
    return govern_error_set(GOVERN_EINVAL,
                            "%s '%s' is ambiguous: it could be %s; give the name "
                            "exactly",
                            what, name, list);
}
