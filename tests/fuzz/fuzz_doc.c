/*
 * Fuzz target for core/doc.c: the input is parsed as a front-matter document
 * (govern_doc_parse) and as plain YAML (govern_doc_parse_yaml).  Whatever
 * parses must survive the emitter: emit -> parse gives the same tree (and
 * body), and emitting that again gives the same bytes.
 */
#include "fuzz.h"

#define TARGET "fuzz_doc"

static void round_trip(const struct govern_doc *d, bool front_matter)
{
    struct govern_buf out = GOVERN_BUF_INIT, again = GOVERN_BUF_INIT;
    struct govern_doc *d2 = NULL;
    int rc =
        front_matter ? govern_doc_emit(&out, d->meta, d->body) : govern_yaml_emit(&out, d->meta);
    if (rc)
        fuzz_fail(TARGET, "a parsed tree cannot be emitted", NULL);
    /* escapes can make the text longer than the parser's limit: not a bug here */
    if (out.len > GOVERN_DOC_MAX_BYTES || fuzz_skip_known(out.ptr))
        goto out;
    rc = front_matter ? govern_doc_parse(&d2, "rt.md", out.ptr, out.len)
                      : govern_doc_parse_yaml(&d2, "rt.yaml", out.ptr, out.len);
    if (rc)
        fuzz_fail(TARGET, "emitted text does not parse", out.ptr);
    if (!govern_node_equal(d->meta, d2->meta, false))
        fuzz_fail(TARGET, "the tree changed in emit -> parse", out.ptr);
    if (front_matter && strcmp(d->body, d2->body) != 0)
        fuzz_fail(TARGET, "the body changed in emit -> parse", out.ptr);
    rc = front_matter ? govern_doc_emit(&again, d2->meta, d2->body)
                      : govern_yaml_emit(&again, d2->meta);
    if (rc)
        fuzz_fail(TARGET, "second emit failed", out.ptr);
    if (again.len != out.len || memcmp(again.ptr, out.ptr, out.len) != 0)
        fuzz_fail(TARGET, "emitting is not stable", again.ptr);
out:
    govern_doc_free(d2);
    govern_buf_free(&out);
    govern_buf_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct govern_doc *d = NULL;
    if (govern_doc_parse(&d, "fuzz.md", text, size) == 0) {
        if (!d->meta || d->meta->kind != GOVERN_NODE_MAP || !d->body)
            fuzz_fail(TARGET, "parse succeeded without a map and a body", NULL);
        round_trip(d, true);
        govern_doc_free(d);
    } else if (!strchr(govern_error_last(), ':')) {
        fuzz_fail(TARGET, "error message without path:line", NULL);
    }
    d = NULL;
    if (govern_doc_parse_yaml(&d, "fuzz.yaml", text, size) == 0) {
        round_trip(d, false);
        govern_doc_free(d);
    }
    return 0;
}
