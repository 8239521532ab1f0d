/*
 * Output: what the CLI and every plugin share when they write a result.
 * The --format choice checked against what a command writes (one message
 * for all), JSON through one library (jansson) with one layout, and the
 * small value helpers every JSON writer needs.  Tables, CSV, Markdown and
 * the HTML page frame are in render.h; this header includes it so that one
 * include gives a command all of its output.  Nothing here decides what is
 * public: callers hand in the public view's records (public.h).
 */
#ifndef GOVERN_OUTPUT_H
#define GOVERN_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "date.h"
#include "render.h"

struct json_t; /* jansson's value type (jansson.h names it json_t) */

/* Picks the format for a command that writes the formats in allowed (a
 * NULL-terminated list): given (--format, NULL when not given) or dflt.
 * *out points into allowed.  A format not in the list is GOVERN_EUSAGE:
 * "unsupported --format 'X' (this command writes a, b, c)". */
int govern_output_format(const char **out, const char *given, const char *dflt,
                         const char *const *allowed);

/* How govern_json_write lays a value out: always two-space indents and keys
 * in the order they were added; GOVERN_JSON_ASCII escapes every non-ASCII
 * character as \uXXXX. */
#define GOVERN_JSON_ASCII 1u

/* Appends value as JSON and a final newline to out, then releases value
 * (the caller's reference is taken, also on failure).  A NULL value is the
 * out-of-memory of the call that built it: GOVERN_ENOMEM. */
int govern_json_write(struct govern_buf *out, struct json_t *value, unsigned flags);

/* A JSON writer that streams into a buffer, for an output too large to build
 * as a tree first (the action register): the bytes are those
 * govern_json_write gives for the same values without GOVERN_JSON_ASCII.
 * Calls return nothing: the buffer keeps its first error, and
 * govern_json_stream_end returns it.  key is the member's name inside an
 * object and NULL inside an array or for the top value. */
#define GOVERN_JSON_MAX_DEPTH 16
struct govern_json_stream {
    struct govern_buf *out;
    int depth;                             /* open objects and arrays */
    bool empty[GOVERN_JSON_MAX_DEPTH + 1]; /* nothing written yet at each depth */
    int error;                             /* nesting misuse: GOVERN_EINVAL */
};
void govern_json_stream_init(struct govern_json_stream *s, struct govern_buf *out);
void govern_json_begin_object(struct govern_json_stream *s, const char *key);
void govern_json_begin_array(struct govern_json_stream *s, const char *key);
void govern_json_end_object(struct govern_json_stream *s);
void govern_json_end_array(struct govern_json_stream *s);
/* A string, or null when value is NULL. */
void govern_json_put_str(struct govern_json_stream *s, const char *key, const char *value);
/* A date as "YYYY-MM-DD", or null for GOVERN_DATE_NONE. */
void govern_json_put_date(struct govern_json_stream *s, const char *key, govern_date d);
void govern_json_put_int(struct govern_json_stream *s, const char *key, long value);
/* Ends the top value with a newline; 0, or the first error of the stream
 * or its buffer. */
int govern_json_stream_end(struct govern_json_stream *s);

/* A JSON string, or JSON null when s is NULL (NULL only when out of memory). */
struct json_t *govern_json_str(const char *s);
/* A date as a JSON "YYYY-MM-DD" string, or JSON null for GOVERN_DATE_NONE. */
struct json_t *govern_json_date(govern_date d);

#endif
