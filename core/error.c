/*
 * The thread-local last error behind govern_error_set() and friends.
 */
#include <stdio.h>
#include <string.h>
#include "govern/error.h"

static _Thread_local char last_msg[2048];
static _Thread_local int last_code;

int govern_error_setv(int code, const char *fmt, va_list ap)
{
    /* formatted aside first: an argument may be govern_error_last() itself */
    char msg[sizeof(last_msg)];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    memcpy(last_msg, msg, sizeof(msg));
    last_code = code;
    return code;
}

int govern_error_set(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    govern_error_setv(code, fmt, ap);
    va_end(ap);
    return code;
}

int govern_error_prefix(int code, const char *fmt, ...)
{
    char prefix[1024], old[sizeof(last_msg)];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof(prefix), fmt, ap);
    va_end(ap);
    memcpy(old, last_msg, sizeof(old));
    snprintf(last_msg, sizeof(last_msg), "%s: %s", prefix, old);
    last_code = code;
    return code;
}

const char *govern_error_last(void)
{
    return last_msg;
}

int govern_error_last_code(void)
{
    return last_code;
}

void govern_error_clear(void)
{
    last_msg[0] = '\0';
    last_code = 0;
}

int govern_oom(void)
{
    return govern_error_set(GOVERN_ENOMEM, "out of memory");
}
