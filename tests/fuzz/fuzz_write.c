/*
 * Fuzz target for the writers (core/doc.c's emitter and the serialisers of
 * core/model.c and core/minutes.c), where the other targets start from the
 * parsers.  Three parts, all on every input:
 *
 *  1. parse -> serialise -> parse: the input read as a front-matter
 *     document, a committee, a meeting, an agenda and minutes; whatever
 *     parses must serialise, and the second parse must equal the first (the
 *     same tree and body for documents; for records, the same record, seen
 *     through its canonical serialisation).
 *  2. arbitrary trees: the input drives the building of a node tree whose
 *     keys and scalars are arbitrary bytes (invalid UTF-8, NUL cut, control
 *     characters, line breaks).  Emitting it never crashes: it returns
 *     GOVERN_EINVAL with a message, or text that parses back to the same tree.
 *  3. arbitrary records: meetings, committees (with a member) and agendas
 *     whose text fields are arbitrary bytes.  Serialising returns an error,
 *     or text that parses back to a record holding the very same texts.
 */
#include "fuzz.h"

#define TARGET "fuzz_write"
#define MEETING_ID "csg/2021-03-01"

/* --- 1. round trips ---------------------------------------------------- */

static void doc_round_trip(const char *text, size_t size)
{
    struct govern_doc *d1 = NULL, *d2 = NULL;
    if (govern_doc_parse(&d1, "fuzz.md", text, size))
        return;
    struct govern_buf out = GOVERN_BUF_INIT;
    if (govern_doc_emit(&out, d1->meta, d1->body))
        fuzz_fail(TARGET, "a parsed document cannot be written", NULL);
    if (out.len <= GOVERN_DOC_MAX_BYTES) {
        if (govern_doc_parse(&d2, "fuzz.md", out.ptr, out.len))
            fuzz_fail(TARGET, "a written document does not parse", out.ptr);
        if (!govern_node_equal(d1->meta, d2->meta, false) || strcmp(d1->body, d2->body))
            fuzz_fail(TARGET, "the second parse differs from the first", out.ptr);
    }
    govern_buf_free(&out);
    govern_doc_free(d2);
    govern_doc_free(d1);
}

/* parse(text) = r1; serialise(r1) = s1; parse(s1) = r2; serialise(r2) = s2:
 * s1 == s2, i.e. r2 equals r1 in everything a record holds. */
#define RECORD_ROUND_TRIP(type, parse_call, parse_s1, serialize_fn, free_fn)                       \
    do {                                                                                           \
        struct type *r1 = NULL, *r2 = NULL;                                                        \
        struct govern_buf s1 = GOVERN_BUF_INIT, s2 = GOVERN_BUF_INIT;                              \
        if (parse_call)                                                                            \
            break;                                                                                 \
        int rc1 = serialize_fn(&s1, r1);                                                           \
        if (rc1 && govern_error_last_code() != GOVERN_EINVAL)                                      \
            fuzz_fail(TARGET, #serialize_fn " failed on a parsed record", NULL);                   \
        if (!rc1) {                                                                                \
            if (parse_s1)                                                                          \
                fuzz_fail(TARGET, #serialize_fn ": the second parse failed", s1.ptr);              \
            if (serialize_fn(&s2, r2) || s1.len != s2.len || memcmp(s1.ptr, s2.ptr, s1.len))       \
                fuzz_fail(TARGET, #serialize_fn ": the second parse differs", s1.ptr);             \
        }                                                                                          \
        free_fn(r2);                                                                               \
        free_fn(r1);                                                                               \
        govern_buf_free(&s1);                                                                      \
        govern_buf_free(&s2);                                                                      \
    } while (0)

static void records_round_trip(const char *text, size_t size)
{
    RECORD_ROUND_TRIP(govern_committee, govern_committee_parse(&r1, "csg", text, size),
                      govern_committee_parse(&r2, "csg", s1.ptr, s1.len),
                      govern_committee_serialize, govern_committee_free);
    RECORD_ROUND_TRIP(govern_meeting, govern_meeting_parse(&r1, MEETING_ID, text, size),
                      govern_meeting_parse(&r2, MEETING_ID, s1.ptr, s1.len),
                      govern_meeting_serialize, govern_meeting_free);
    RECORD_ROUND_TRIP(govern_agenda, govern_agenda_parse(&r1, MEETING_ID, text, size),
                      govern_agenda_parse(&r2, MEETING_ID, s1.ptr, s1.len), govern_agenda_serialize,
                      govern_agenda_free);
    RECORD_ROUND_TRIP(govern_minutes, govern_minutes_parse(&r1, MEETING_ID, text, size),
                      govern_minutes_parse(&r2, MEETING_ID, s1.ptr, s1.len),
                      govern_minutes_serialize, govern_minutes_free);
}

/* --- 2. arbitrary trees ------------------------------------------------ */

struct input {
    const unsigned char *p;
    size_t n;
};

static unsigned take_byte(struct input *in)
{
    if (!in->n)
        return 0;
    in->n--;
    return *in->p++;
}

/* A string of up to 31 arbitrary bytes (a NUL ends it early). */
static void take_text(char out[32], struct input *in)
{
    size_t len = take_byte(in) % 32, k = 0;
    while (k < len && in->n)
        out[k++] = (char)take_byte(in);
    out[k] = '\0';
}

static void build(struct govern_node *parent, struct input *in, int depth)
{
    size_t count = take_byte(in) % 5;
    for (size_t i = 0; i < count && in->n; i++) {
        char key[32], val[32];
        take_text(key, in);
        if (parent->kind == GOVERN_NODE_MAP && govern_node_get(parent, key))
            continue; /* keys are unique in any file govern reads */
        const char *k = parent->kind == GOVERN_NODE_MAP ? key : NULL;
        unsigned op = take_byte(in) % 4;
        struct govern_node *child = NULL;
        if (op == 0 || depth >= GOVERN_DOC_MAX_DEPTH - 1) {
            take_text(val, in);
            child = govern_node_add_str(parent, k, val);
        } else if (op == 1) {
            child = govern_node_add_map(parent, k);
        } else if (op == 2) {
            child = govern_node_add_seq(parent, k);
        } else {
            take_text(val, in);
            child = govern_node_add_str(parent, k, val);
        }
        if (!child)
            fuzz_fail(TARGET, "out of memory building a tree", NULL);
        if (child->kind == GOVERN_NODE_MAP || child->kind == GOVERN_NODE_SEQ)
            build(child, in, depth + 1);
    }
}

static void check_emit(const struct govern_node *tree, const char *body)
{
    struct govern_buf out = GOVERN_BUF_INIT;
    struct govern_doc *d = NULL;
    if (govern_doc_emit(&out, tree, body)) {
        if (govern_error_last_code() != GOVERN_EINVAL || !*govern_error_last())
            fuzz_fail(TARGET, "emitting failed without a clear error", NULL);
        govern_buf_free(&out);
        return;
    }
    if (govern_doc_parse(&d, "tree.md", out.ptr, out.len))
        fuzz_fail(TARGET, "an emitted tree does not parse back", out.ptr);
    if (!govern_node_equal(tree, d->meta, false))
        fuzz_fail(TARGET, "an emitted tree reads back different", out.ptr);
    if (body && strcmp(body, d->body))
        fuzz_fail(TARGET, "an emitted body reads back different", out.ptr);
    govern_doc_free(d);
    govern_buf_free(&out);
}

static void trees(const unsigned char *data, size_t size)
{
    struct input in = {data, size};
    struct govern_node *root = govern_node_new_map();
    if (!root)
        fuzz_fail(TARGET, "out of memory", NULL);
    build(root, &in, 0);
    char body[32];
    take_text(body, &in);
    check_emit(root, body);
    govern_node_free(root);
}

/* --- 3. arbitrary records ---------------------------------------------- */

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static void meeting_of(const char *t1, const char *t2, const char *t3)
{
    struct govern_meeting m = {0}, *back = NULL;
    m.id = (char *)MEETING_ID;
    m.committee = (char *)"csg";
    m.uid = (char *)"fuzz@govern";
    m.date = 18687;
    m.time = GOVERN_TIME_NONE;
    m.end = GOVERN_TIME_NONE;
    m.title = (char *)t1;
    m.location = (char *)t2;
    m.reason = (char *)t3;
    struct govern_buf b = GOVERN_BUF_INIT;
    if (!govern_meeting_serialize(&b, &m)) {
        if (govern_meeting_parse(&back, MEETING_ID, b.ptr, b.len))
            fuzz_fail(TARGET, "a written meeting does not parse", b.ptr);
        if (!same(back->title, t1) || !same(back->location, t2) || !same(back->reason, t3))
            fuzz_fail(TARGET, "a written meeting reads back different", b.ptr);
    } else if (govern_error_last_code() != GOVERN_EINVAL) {
        fuzz_fail(TARGET, "govern_meeting_serialize failed without a clear error", NULL);
    }
    govern_meeting_free(back);
    govern_buf_free(&b);
}

static void committee_of(const char *t1, const char *t2, const char *t3)
{
    struct govern_member mem = {0};
    struct govern_committee c = {0}, *back = NULL;
    mem.name = (char *)t1;
    mem.title = (char *)t2;
    mem.organisation = (char *)t3;
    mem.role = GOVERN_ROLE_MEMBER;
    mem.voting = true;
    mem.from = mem.to = GOVERN_DATE_NONE;
    c.slug = (char *)"csg";
    c.name = (char *)t3;
    c.cadence = (char *)t2;
    c.members = &mem;
    c.n_members = 1;
    struct govern_buf b = GOVERN_BUF_INIT;
    if (!govern_committee_serialize(&b, &c)) {
        if (govern_committee_parse(&back, "csg", b.ptr, b.len))
            fuzz_fail(TARGET, "a written committee does not parse", b.ptr);
        if (back->n_members != 1 || !same(back->members[0].name, t1) ||
            !same(back->members[0].title, t2) || !same(back->members[0].organisation, t3) ||
            !same(back->cadence, t2))
            fuzz_fail(TARGET, "a written committee reads back different", b.ptr);
    } else if (govern_error_last_code() != GOVERN_EINVAL) {
        fuzz_fail(TARGET, "govern_committee_serialize failed without a clear error", NULL);
    }
    govern_committee_free(back);
    govern_buf_free(&b);
}

static void agenda_of(const char *t1, const char *t2, const char *t3)
{
    struct govern_agenda_item it = {0};
    struct govern_agenda a = {0}, *back = NULL;
    it.title = (char *)t1;
    it.purpose = (char *)t2;
    it.body = (char *)t3;
    a.meeting = (char *)MEETING_ID;
    a.published = GOVERN_DATE_NONE;
    a.items = &it;
    a.n_items = 1;
    struct govern_buf b = GOVERN_BUF_INIT;
    if (!govern_agenda_serialize(&b, &a)) {
        if (govern_agenda_parse(&back, MEETING_ID, b.ptr, b.len))
            fuzz_fail(TARGET, "a written agenda does not parse", b.ptr);
        if (back->n_items != 1 || !same(back->items[0].title, t1) ||
            !same(back->items[0].purpose, t2) || !same(back->items[0].body, t3))
            fuzz_fail(TARGET, "a written agenda reads back different", b.ptr);
    } else if (govern_error_last_code() != GOVERN_EINVAL) {
        fuzz_fail(TARGET, "govern_agenda_serialize failed without a clear error", NULL);
    }
    govern_agenda_free(back);
    govern_buf_free(&b);
}

static void records(const unsigned char *data, size_t size)
{
    struct input in = {data, size};
    char t1[32], t2[32], t3[32];
    take_text(t1, &in);
    take_text(t2, &in);
    take_text(t3, &in);
    /* a required title may not be empty; absent (NULL) texts are tried too */
    meeting_of(t1, *t2 ? t2 : NULL, *t3 ? t3 : NULL);
    committee_of(t1, *t2 ? t2 : NULL, t3);
    agenda_of(t1, *t2 ? t2 : NULL, *t3 ? t3 : NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    doc_round_trip((const char *)data, size);
    records_round_trip((const char *)data, size);
    trees(data, size);
    records(data, size);
    return 0;
}
