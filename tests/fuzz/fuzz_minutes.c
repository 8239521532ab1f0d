/*
 * Fuzz target for core/minutes.c: the input is parsed as minutes.md.
 * Whatever parses must serialise, parse back and serialise to the same bytes
 * (serialize(parse(x)) is a fixed point); its public form must hold no text
 * or resolutions for an exempt minute; validation must not crash.
 */
#include "fuzz.h"

#define TARGET "fuzz_minutes"
#define MEETING_ID "cdjsc/2019-12-16"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct govern_minutes *m = NULL, *m2 = NULL, *pub = NULL;
    if (govern_minutes_parse(&m, MEETING_ID, (const char *)data, size) != 0)
        return 0;
    (void)govern_minutes_validate(m);
    struct govern_buf s1 = GOVERN_BUF_INIT, s2 = GOVERN_BUF_INIT;
    if (govern_minutes_serialize(&s1, m))
        fuzz_fail(TARGET, "govern_minutes_serialize failed on parsed minutes", NULL);
    if (s1.len <= GOVERN_DOC_MAX_BYTES && !fuzz_skip_known(s1.ptr)) {
        if (govern_minutes_parse(&m2, MEETING_ID, s1.ptr, s1.len))
            fuzz_fail(TARGET, "serialised minutes do not parse back", s1.ptr);
        if (govern_minutes_serialize(&s2, m2))
            fuzz_fail(TARGET, "govern_minutes_serialize failed the second time", s1.ptr);
        if (s1.len != s2.len || memcmp(s1.ptr, s2.ptr, s1.len) != 0) {
            fprintf(stderr, "---- first ----\n%s\n", s1.ptr);
            fuzz_fail(TARGET, "govern_minutes_serialize is not stable", s2.ptr);
        }
    }
    if (govern_minutes_public(&pub, m))
        fuzz_fail(TARGET, "govern_minutes_public failed", NULL);
    for (size_t i = 0; i < pub->n_items; i++)
        if (pub->items[i].exempt && (pub->items[i].text || pub->items[i].resolutions.count))
            fuzz_fail(TARGET, "an exempt minute kept its text in the public form", NULL);
    govern_buf_free(&s1);
    govern_buf_free(&s2);
    govern_minutes_free(pub);
    govern_minutes_free(m2);
    govern_minutes_free(m);
    return 0;
}
