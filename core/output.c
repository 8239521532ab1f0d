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

/* ------------------------------------------------------------ streaming */

void govern_json_stream_init(struct govern_json_stream *s, struct govern_buf *out)
{
    memset(s, 0, sizeof(*s));
    s->out = out;
    s->empty[0] = true;
}

/* A string as jansson writes it without JSON_ENSURE_ASCII: quote,
 * backslash and control characters escaped, all else (UTF-8) as it is. */
static void put_string(struct govern_buf *out, const char *v)
{
    govern_buf_putc(out, '"');
    const char *run = v;
    for (const char *p = v;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        govern_buf_put(out, run, (size_t)(p - run));
        if (!c)
            break;
        run = p + 1;
        const char *esc = c == '"'    ? "\\\""
                          : c == '\\' ? "\\\\"
                          : c == '\b' ? "\\b"
                          : c == '\f' ? "\\f"
                          : c == '\n' ? "\\n"
                          : c == '\r' ? "\\r"
                          : c == '\t' ? "\\t"
                                      : NULL;
        if (esc)
            govern_buf_puts(out, esc);
        else
            govern_buf_printf(out, "\\u%04X", c);
    }
    govern_buf_putc(out, '"');
}

/* Two spaces a level, as JSON_INDENT(2) */
static void indent(struct govern_buf *out, int depth)
{
    static const char spaces[2 * GOVERN_JSON_MAX_DEPTH + 1] = "                                ";
    govern_buf_put(out, spaces, 2 * (size_t)depth);
}

/* What comes before a value at the current depth: the separator, the new
 * line and indent, and the key. */
static void member(struct govern_json_stream *s, const char *key)
{
    if (s->depth > 0) {
        govern_buf_puts(s->out, s->empty[s->depth] ? "\n" : ",\n");
        indent(s->out, s->depth);
    }
    s->empty[s->depth] = false;
    if (key) {
        put_string(s->out, key);
        govern_buf_put(s->out, ": ", 2);
    }
}

static void begin(struct govern_json_stream *s, const char *key, char open)
{
    if (s->depth == GOVERN_JSON_MAX_DEPTH) {
        if (!s->error)
            s->error = govern_error_set(GOVERN_EINVAL, "JSON nested more than %d deep",
                                        GOVERN_JSON_MAX_DEPTH);
        return;
    }
    member(s, key);
    govern_buf_putc(s->out, open);
    s->empty[++s->depth] = true;
}

static void end(struct govern_json_stream *s, char close)
{
    if (s->depth == 0) {
        if (!s->error)
            s->error = govern_error_set(GOVERN_EINVAL, "JSON closed more than it opened");
        return;
    }
    if (!s->empty[s->depth--]) {
        govern_buf_putc(s->out, '\n');
        indent(s->out, s->depth);
    }
    govern_buf_putc(s->out, close);
}

void govern_json_begin_object(struct govern_json_stream *s, const char *key)
{
    begin(s, key, '{');
}

void govern_json_begin_array(struct govern_json_stream *s, const char *key)
{
    begin(s, key, '[');
}

void govern_json_end_object(struct govern_json_stream *s)
{
    end(s, '}');
}

void govern_json_end_array(struct govern_json_stream *s)
{
    end(s, ']');
}

void govern_json_put_str(struct govern_json_stream *s, const char *key, const char *value)
{
    member(s, key);
    if (value)
        put_string(s->out, value);
    else
        govern_buf_put(s->out, "null", 4);
}

void govern_json_put_date(struct govern_json_stream *s, const char *key, govern_date d)
{
    char v[11];
    if (d != GOVERN_DATE_NONE)
        govern_date_format(v, d);
    govern_json_put_str(s, key, d != GOVERN_DATE_NONE ? v : NULL);
}

void govern_json_put_int(struct govern_json_stream *s, const char *key, long value)
{
    char v[24], *p = v + sizeof(v);
    unsigned long u = value < 0 ? 0ul - (unsigned long)value : (unsigned long)value;
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (value < 0)
        *--p = '-';
    member(s, key);
    govern_buf_put(s->out, p, (size_t)(v + sizeof(v) - p));
}

int govern_json_stream_end(struct govern_json_stream *s)
{
    if (!s->error && s->depth)
        s->error = govern_error_set(GOVERN_EINVAL, "JSON ended with %d values open", s->depth);
    if (!s->error)
        govern_buf_putc(s->out, '\n');
    return s->error ? s->error : govern_buf_error(s->out);
}
