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

/* A JSON string, or JSON null when s is NULL (NULL only when out of memory). */
struct json_t *govern_json_str(const char *s);
/* A date as a JSON "YYYY-MM-DD" string, or JSON null for GOVERN_DATE_NONE. */
struct json_t *govern_json_date(govern_date d);

#endif
