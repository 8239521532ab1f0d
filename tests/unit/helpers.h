/*
 * Shared helpers for the cmocka unit tests: assertions that print govern's
 * last error message when they fail, so a failing test says why.
 */
#ifndef GOVERN_TEST_HELPERS_H
#define GOVERN_TEST_HELPERS_H

#include <ftw.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "govern/govern.h"

/* expr must return 0. */
#define assert_ok(expr)                                                                            \
    do {                                                                                           \
        int rc_ = (expr);                                                                          \
        if (rc_ != 0) {                                                                            \
            print_error("%s returned %d: %s\n", #expr, rc_, govern_error_last());                  \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

/* expr must return code, and the last error message must contain needle. */
#define assert_err(expr, code, needle)                                                             \
    do {                                                                                           \
        int rc_ = (expr);                                                                          \
        const char *needle_ = (needle);                                                            \
        if (rc_ != (code) || (needle_ && !strstr(govern_error_last(), needle_))) {                 \
            print_error("%s: expected %d with a message containing '%s', got %d: '%s'\n", #expr,   \
                        (int)(code), needle_ ? needle_ : "", rc_, govern_error_last());            \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

/* haystack must contain needle. */
#define assert_contains(haystack, needle)                                                          \
    do {                                                                                           \
        const char *h_ = (haystack), *n_ = (needle);                                               \
        if (!h_ || !strstr(h_, n_)) {                                                              \
            print_error("expected to find '%s' in:\n%s\n", n_, h_ ? h_ : "(null)");                \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

#define assert_not_contains(haystack, needle)                                                      \
    do {                                                                                           \
        const char *h_ = (haystack), *n_ = (needle);                                               \
        if (h_ && strstr(h_, n_)) {                                                                \
            print_error("did not expect '%s' in:\n%s\n", n_, h_);                                  \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

/* A date from numbers, failing the test when it does not exist. */
static inline govern_date ymd(int y, int m, int d)
{
    govern_date out = GOVERN_DATE_NONE;
    if (govern_date_from_ymd(&out, y, m, d) != 0) {
        print_error("no such date %04d-%02d-%02d\n", y, m, d);
        fail();
    }
    return out;
}

/* Compares strings, tolerating NULL on both sides. */
static inline int str_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

#define assert_str_eq_null(a, b)                                                                   \
    do {                                                                                           \
        const char *a_ = (a), *b_ = (b);                                                           \
        if (!str_eq(a_, b_)) {                                                                     \
            print_error("'%s' != '%s'\n", a_ ? a_ : "(null)", b_ ? b_ : "(null)");                 \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

static inline int test_remove_entry_(const char *path, const struct stat *st, int flag,
                                     struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* Removes a test's temporary directory and everything in it (never
 * following a symbolic link). */
static inline void test_remove_tree(const char *dir)
{
    nftw(dir, test_remove_entry_, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
