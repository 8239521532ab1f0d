/*
 * Shared by the fuzz targets: a loud failure (abort, so libFuzzer and the
 * replay driver both report it) and the switch for known, reported bugs.
 */
#ifndef GOVERN_FUZZ_H
#define GOVERN_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/govern.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints what went wrong (and the text involved) and aborts. */
__attribute__((noreturn)) static inline void fuzz_fail(const char *target, const char *what,
                                                       const char *text)
{
    fprintf(stderr, "%s: %s\n(last error: %s)\n", target, what, govern_error_last());
    if (text)
        fprintf(stderr, "---- text ----\n%s\n---- end ----\n", text);
    abort();
}

/*
 * GOVERN_FUZZ_SKIP_KNOWN=1 in the environment skips inputs that hit an
 * already reported bug, so that a fuzzing session can look for new ones.
 * Without it (the replay tests) every known bug still fails loudly.
 *
 * Known: libyaml ends a document with "..." when a block scalar kept
 * trailing blank lines ("|+"); govern_doc_parse takes that line as the
 * closing fence, so the real "---" fence becomes part of the body.
 */
static inline bool fuzz_skip_known(const char *emitted)
{
    static int skip = -1;
    if (skip < 0) {
        const char *e = getenv("GOVERN_FUZZ_SKIP_KNOWN");
        skip = e && *e == '1';
    }
    return skip && emitted && strstr(emitted, "\n...\n") != NULL;
}

#endif
