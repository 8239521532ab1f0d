/*
 * The output module: the --format choice and the one JSON layout that the
 * CLI and the plugins share (see include/govern/output.h), so a command
 * never spells its own "unsupported --format" message or json_dumps flags.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "govern/error.h"
#include "govern/output.h"

int govern_output_format(const char **out, const char *given, const char *dflt,
                         const char *const *allowed)
{
    const char *f = given ? given : dflt;
    for (const char *const *a = allowed; *a; a++)
        if (f && !strcmp(*a, f)) {
            *out = *a;
            return 0;
        }
    struct govern_buf list = GOVERN_BUF_INIT;
    for (const char *const *a = allowed; *a; a++)
        govern_buf_printf(&list, "%s%s", *a, a[1] ? ", " : "");
    int rc = govern_buf_error(&list);
    if (!rc)
        rc = govern_error_set(GOVERN_EUSAGE, "unsupported --format '%s' (this command writes %s)",
                              f ? f : "", list.ptr ? list.ptr : "");
    govern_buf_free(&list);
    return rc;
}

int govern_json_write(struct govern_buf *out, struct json_t *value, unsigned flags)
{
    if (!value)
        return govern_oom();
    size_t jflags = JSON_INDENT(2) | JSON_PRESERVE_ORDER;
    if (flags & GOVERN_JSON_ASCII)
        jflags |= JSON_ENSURE_ASCII;
    char *s = json_dumps(value, jflags);
    json_decref(value);
    if (!s)
        return govern_oom();
    govern_buf_puts(out, s);
    govern_buf_putc(out, '\n');
    free(s);
    return govern_buf_error(out);
}

struct json_t *govern_json_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

struct json_t *govern_json_date(govern_date d)
{
    char b[11];
    if (d == GOVERN_DATE_NONE)
        return json_null();
    govern_date_format(b, d);
    return json_string(b);
}
