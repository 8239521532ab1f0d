/*
 * Fuzz target for core/model.c and core/standard.c: the input is parsed as a
 * committee, a meeting, an agenda and a configuration.  Whatever parses must
 * serialise, parse back, and serialise to the same bytes (serialize(parse(x))
 * is a fixed point).  Agendas also go through govern_agenda_public (exempt
 * items keep only their title and paragraph), committees through the agenda
 * template and the voting count.
 */
#include "fuzz.h"

#define TARGET "fuzz_model"
#define SLUG "csg"
#define MEETING_ID "csg/2021-03-01"

/*
 * The fixed-point check for one record type: s1 = serialize(obj) must parse
 * back (PARSE_S1 parses s1.ptr/s1.len into o2) and serialise to s1 again.
 */
#define CHECK_FIXED_POINT(type, serialize_fn, free_fn, obj, PARSE_S1)                              \
    do {                                                                                           \
        struct govern_buf s1 = GOVERN_BUF_INIT, s2 = GOVERN_BUF_INIT;                              \
        struct type *o2 = NULL;                                                                    \
        if (serialize_fn(&s1, obj))                                                                \
            fuzz_fail(TARGET, #serialize_fn " failed on a parsed record", NULL);                   \
        if (s1.len <= GOVERN_DOC_MAX_BYTES && !fuzz_skip_known(s1.ptr)) {                          \
            if (PARSE_S1)                                                                          \
                fuzz_fail(TARGET, #serialize_fn " output does not parse back", s1.ptr);            \
            if (serialize_fn(&s2, o2))                                                             \
                fuzz_fail(TARGET, #serialize_fn " failed the second time", s1.ptr);                \
            if (s1.len != s2.len || memcmp(s1.ptr, s2.ptr, s1.len) != 0) {                         \
                fprintf(stderr, "---- first ----\n%s\n", s1.ptr);                                  \
                fuzz_fail(TARGET, #serialize_fn " is not stable", s2.ptr);                         \
            }                                                                                      \
        }                                                                                          \
        free_fn(o2);                                                                               \
        govern_buf_free(&s1);                                                                      \
        govern_buf_free(&s2);                                                                      \
    } while (0)

static const struct govern_meeting *fixed_meeting(void)
{
    static struct govern_meeting m;
    if (!m.id) {
        m.id = (char *)MEETING_ID;
        m.committee = (char *)SLUG;
        m.uid = (char *)"fuzz@govern";
        m.date = 18687; /* 2021-03-01 */
        m.time = GOVERN_TIME_NONE;
        m.end = GOVERN_TIME_NONE;
    }
    return &m;
}

static void committee(const char *text, size_t len)
{
    struct govern_committee *c = NULL;
    if (govern_committee_parse(&c, SLUG, text, len))
        return;
    CHECK_FIXED_POINT(govern_committee, govern_committee_serialize, govern_committee_free, c,
                      govern_committee_parse(&o2, SLUG, s1.ptr, s1.len));
    int voting = govern_committee_voting_count(c, 18687);
    if (voting < 0 || (size_t)voting > c->n_members)
        fuzz_fail(TARGET, "voting count out of range", NULL);
    struct govern_meeting prev = *fixed_meeting();
    prev.date -= 90;
    for (int first = 0; first < 2; first++) {
        struct govern_agenda *a = NULL;
        if (govern_agenda_from_template(&a, c, fixed_meeting(), first ? &prev : NULL, first, NULL))
            fuzz_fail(TARGET, "agenda_from_template failed", NULL);
        struct govern_buf b = GOVERN_BUF_INIT;
        if (govern_agenda_serialize(&b, a))
            fuzz_fail(TARGET, "a template agenda does not serialise", NULL);
        struct govern_agenda *back = NULL;
        if (b.len <= GOVERN_DOC_MAX_BYTES && !fuzz_skip_known(b.ptr) &&
            govern_agenda_parse(&back, MEETING_ID, b.ptr, b.len))
            fuzz_fail(TARGET, "a template agenda does not parse back", b.ptr);
        govern_agenda_free(back);
        govern_buf_free(&b);
        govern_agenda_free(a);
    }
    govern_committee_free(c);
}

static void meeting(const char *text, size_t len)
{
    struct govern_meeting *m = NULL;
    if (govern_meeting_parse(&m, MEETING_ID, text, len))
        return;
    CHECK_FIXED_POINT(govern_meeting, govern_meeting_serialize, govern_meeting_free, m,
                      govern_meeting_parse(&o2, MEETING_ID, s1.ptr, s1.len));
    govern_meeting_free(m);
}

static void agenda(const char *text, size_t len)
{
    struct govern_agenda *a = NULL, *p = NULL;
    if (govern_agenda_parse(&a, MEETING_ID, text, len))
        return;
    CHECK_FIXED_POINT(govern_agenda, govern_agenda_serialize, govern_agenda_free, a,
                      govern_agenda_parse(&o2, MEETING_ID, s1.ptr, s1.len));
    if (govern_agenda_public(&p, a))
        fuzz_fail(TARGET, "govern_agenda_public failed", NULL);
    if (p->n_items != a->n_items)
        fuzz_fail(TARGET, "the public agenda lost items", NULL);
    for (size_t i = 0; i < p->n_items; i++) {
        const struct govern_agenda_item *it = &p->items[i];
        if (!it->exempt)
            continue;
        if (it->purpose || it->report || it->urgent || it->standard || it->fulfils || it->source ||
            it->body)
            fuzz_fail(TARGET, "an exempt item keeps more than its title in public", NULL);
        if (!it->title || strcmp(it->title, a->items[i].title) != 0)
            fuzz_fail(TARGET, "an exempt item lost its title in public", NULL);
    }
    /* a moved and shortened agenda still serialises */
    if (a->n_items > 1) {
        if (govern_agenda_move(a, 0, a->n_items - 1) || govern_agenda_remove(a, 0))
            fuzz_fail(TARGET, "move/remove failed within bounds", NULL);
    }
    if (govern_agenda_move(a, a->n_items, 0) != GOVERN_EINVAL)
        fuzz_fail(TARGET, "move out of bounds accepted", NULL);
    struct govern_buf b = GOVERN_BUF_INIT;
    if (govern_agenda_serialize(&b, a))
        fuzz_fail(TARGET, "an edited agenda does not serialise", NULL);
    govern_buf_free(&b);
    govern_agenda_free(p);
    govern_agenda_free(a);
}

static void config(const char *text, size_t len)
{
    struct govern_config *c = NULL;
    if (govern_config_parse(&c, "govern.yaml", text, len))
        return;
    CHECK_FIXED_POINT(govern_config, govern_config_serialize, govern_config_free, c,
                      govern_config_parse(&o2, "govern.yaml", s1.ptr, s1.len));
    govern_date start = govern_config_year_start(c, 18687);
    if (start > 18687 || start < 18687 - 366)
        fuzz_fail(TARGET, "municipal year start out of range", NULL);
    /* the configured holidays feed the notice rules */
    govern_date d =
        govern_date_notice_deadline(18687, c->notice_days, c->notice_counting, &c->holidays);
    if (govern_date_clear_days(d, 18687, c->notice_counting, &c->holidays) != c->notice_days)
        fuzz_fail(TARGET, "notice deadline inconsistent with clear days", NULL);
    govern_config_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    committee(text, size);
    meeting(text, size);
    agenda(text, size);
    config(text, size);
    return 0;
}
