/*
 * Test seams of libgovern: entry points that exist so that the test suite
 * can reach one path of a function directly.  Not part of the API (not
 * installed, not for plugins); tests include it as "core/testing.h".
 */
#ifndef GOVERN_CORE_TESTING_H
#define GOVERN_CORE_TESTING_H

#include <stddef.h>
#include "govern/action.h"
#include "govern/doc.h"

/* How the document parser reads front matter. */
enum govern_parse_mode {
    GOVERN_PARSE_AUTO = 0,      /* the fast path when the text allows it, else libyaml */
    GOVERN_PARSE_LIBYAML = 1,   /* libyaml only */
    GOVERN_PARSE_FAST_ONLY = 2, /* the fast path only: GOVERN_ENOTFOUND when the text is not
                                 * in the canonical form */
};

/* govern_doc_parse with the path chosen (core/doc.c). */
int govern_doc_parse_mode(struct govern_doc **out, const char *path, const char *text, size_t len,
                          enum govern_parse_mode mode);
/* govern_action_parse with the document parser's path chosen (core/action_parse.c). */
int govern_action_parse_mode(struct govern_action_register *r, const char *path, char *text,
                             size_t len, enum govern_parse_mode mode);

#endif
