/*
 * Fuzz target for core/public.c, the public view.  The input is a meeting's
 * meeting.md, agenda.md and minutes.md, separated by lines "=====" (a part
 * left out is an absent file).  Whatever the texts, the view must hold no
 * purpose, text, report, urgency or cycle of an item that is exempt (any
 * value) or of a private meeting, no text or resolutions of a minute that
 * is exempt by either source or of a private meeting, no agenda that was not
 * published by as_of, no meeting notes; and govern_public_withheld must
 * answer "withheld" for every such minute and for anything it cannot read.
 */
#include "fuzz.h"

#define TARGET "fuzz_public"
#define MEETING_ID "grp/2021-07-01"
#define SEPARATOR "\n=====\n"

struct parts {
    const char *p[3];
    size_t n[3];
};

static void split(struct parts *out, const char *data, size_t size)
{
    memset(out, 0, sizeof(*out));
    const char *at = data, *end = data + size;
    for (int i = 0; i < 3 && at; i++) {
        const char *sep = memmem(at, (size_t)(end - at), SEPARATOR, strlen(SEPARATOR));
        out->p[i] = at;
        out->n[i] = sep ? (size_t)(sep - at) + 1 : (size_t)(end - at);
        at = sep ? sep + strlen(SEPARATOR) : NULL;
    }
}

static bool item_bare(const struct govern_agenda_item *it)
{
    return !it->purpose && !it->body && !it->report && !it->urgent && !it->fulfils;
}

/* Must the minute be withheld: its flag, its agenda item's, or no way to
 * tell (an agenda that cannot be read, an item number not on it)? */
static bool expect_withheld(const struct govern_minute *it, const struct govern_agenda *full,
                            bool private_)
{
    if (private_ || it->exempt)
        return true;
    if (it->agenda_item <= 0)
        return false;
    if (!full || (size_t)it->agenda_item > full->n_items)
        return true;
    return full->items[it->agenda_item - 1].exempt != 0;
}

static void check_agenda(const struct govern_public_meeting *pm, const struct govern_agenda *full,
                         govern_date as_of)
{
    bool published = full && full->published != GOVERN_DATE_NONE && full->published <= as_of;
    if (!published && pm->agenda)
        fuzz_fail(TARGET, "an agenda not published by as_of has a public form", NULL);
    if (published && !pm->agenda)
        fuzz_fail(TARGET, "a published agenda has no public form", NULL);
    for (size_t i = 0; pm->agenda && i < pm->agenda->n_items; i++)
        if ((full->items[i].exempt || pm->meeting->private_) && !item_bare(&pm->agenda->items[i]))
            fuzz_fail(TARGET, "an exempt or private item kept its content", NULL);
}

static void check_minutes(struct govern_public *view, const struct govern_public_meeting *pm,
                          const struct govern_minutes *full, const struct govern_agenda *agenda)
{
    int para;
    if (!full) {
        if (pm->minutes)
            fuzz_fail(TARGET, "minutes that do not parse have a public form", NULL);
        if (!govern_public_withheld(view, MEETING_ID, "1", &para))
            fuzz_fail(TARGET, "a minute of unreadable minutes counts as public", NULL);
        return;
    }
    if (!pm->minutes || pm->minutes->n_items != full->n_items)
        fuzz_fail(TARGET, "parsed minutes lost in the public view", NULL);
    for (size_t i = 0; i < full->n_items; i++) {
        const struct govern_minute *f = &full->items[i], *p = &pm->minutes->items[i];
        char ref[24];
        snprintf(ref, sizeof(ref), "%d", f->number);
        bool withheld = govern_public_withheld(view, MEETING_ID, ref, &para);
        bool dup = govern_minutes_item(full, f->number) != f; /* a repeated number */
        if (expect_withheld(f, agenda, pm->meeting->private_)) {
            if (p->text || p->resolutions.count)
                fuzz_fail(TARGET, "a withheld minute kept its text", NULL);
            if (!withheld && !dup)
                fuzz_fail(TARGET, "govern_public_withheld says a withheld minute is public", NULL);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct parts t;
    split(&t, (const char *)data, size);
    govern_date as_of;
    struct govern_public *view = NULL;
    if (govern_date_from_ymd(&as_of, 2021, 7, 1))
        fuzz_fail(TARGET, "no date", NULL);
    if (govern_public_open_texts(&view, MEETING_ID, t.p[0], t.n[0], t.p[1], t.n[1], t.p[2], t.n[2],
                                 as_of))
        return 0; /* out of memory only */
    const struct govern_public_meeting *pm;
    int para;
    if (govern_public_meeting(&pm, view, MEETING_ID)) {
        if (!govern_public_withheld(view, MEETING_ID, NULL, &para))
            fuzz_fail(TARGET, "a meeting that cannot be read counts as public", NULL);
        govern_public_free(view);
        return 0;
    }
    if (pm->meeting->notes)
        fuzz_fail(TARGET, "the meeting's notes reached the public view", NULL);
    if (pm->meeting->private_ && !govern_public_withheld(view, MEETING_ID, NULL, &para))
        fuzz_fail(TARGET, "a private meeting counts as public", NULL);
    struct govern_agenda *agenda = NULL;
    struct govern_minutes *minutes = NULL;
    if (t.p[1] && govern_agenda_parse(&agenda, MEETING_ID, t.p[1], t.n[1]))
        agenda = NULL;
    if (t.p[2] && govern_minutes_parse(&minutes, MEETING_ID, t.p[2], t.n[2]))
        minutes = NULL;
    check_agenda(pm, agenda, as_of);
    if (t.p[2])
        check_minutes(view, pm, minutes, agenda);
    govern_agenda_free(agenda);
    govern_minutes_free(minutes);
    govern_public_free(view);
    return 0;
}
