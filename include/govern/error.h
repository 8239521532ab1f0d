/*
 * Errors: every libgovern function returns 0 on success or a negative
 * govern_error_code, and leaves a message (naming the file and line where
 * there is one) in a thread-local slot that the CLI prints.  Library code
 * never prints and never exits.
 */
#ifndef GOVERN_ERROR_H
#define GOVERN_ERROR_H

#include <stdarg.h>

enum govern_error_code {
    GOVERN_OK = 0,
    GOVERN_EINVAL = -1,    /* bad input: a date, a field, a file's content */
    GOVERN_ENOTFOUND = -2, /* unknown committee, meeting, path, revision */
    GOVERN_EEXISTS = -3,   /* the thing to create is already there */
    GOVERN_EDIRTY = -4,    /* uncommitted edits in a path a write would touch */
    GOVERN_ECONFLICT = -5, /* concurrent writers: gave up after retries */
    GOVERN_EIO = -6,       /* the file system */
    GOVERN_EGIT = -7,      /* libgit2 failed */
    GOVERN_EUSAGE = -8,    /* command-line usage (exit code 2) */
    GOVERN_EFROZEN = -9,   /* approved minutes or another frozen record */
    GOVERN_EPLUGIN = -10,  /* a plugin was refused or failed */
    GOVERN_ENOMEM = -11,
};

/* Sets the thread's last error and returns code (so: return govern_error_set(...)). */
int govern_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int govern_error_setv(int code, const char *fmt, va_list ap);

/* Prepends "prefix: " to the last message (adds context while unwinding). */
int govern_error_prefix(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sets the last error to GOVERN_ENOMEM "out of memory" and returns it. */
int govern_oom(void);

/* The last message ("" when none); valid until the next error on this thread. */
const char *govern_error_last(void);
int govern_error_last_code(void);
void govern_error_clear(void);

#endif
