/*
 * Calendar clash checks for `govern check`:
 *   calendar-overlap       two meetings of the same body at overlapping times;
 *   calendar-member-clash  a person who, on that date, sits on two bodies whose
 *                          meetings overlap.
 * Cancelled and postponed meetings take no time.  A meeting without a time
 * takes its whole day; one without an end takes two hours (as in the feed).
 * Substitutes are not counted for member clashes: they attend only in place
 * of someone else.
 */
#include <stdio.h>
#include <string.h>
#include "ical.h"

static bool takes_time(const struct govern_meeting *m)
{
    return m->status == GOVERN_STATUS_SCHEDULED || m->status == GOVERN_STATUS_HELD;
}

static void describe_when(char out[32], const struct govern_meeting *m)
{
    char d[11], t[6], e[6];
    govern_date_format(d, m->date);
    if (m->time == GOVERN_TIME_NONE) {
        snprintf(out, 32, "%s (all day)", d);
        return;
    }
    int64_t s, en;
    ical_meeting_span(m, &s, &en);
    govern_time_format(t, m->time);
    govern_time_format(e, (govern_time)(en - (int64_t)m->date * 1440) % 1440);
    snprintf(out, 32, "%s %s-%s", d, t, e);
}

/* Calls fn for every pair i < j of meetings that take time and overlap. */
static int each_overlap(struct govern_check_ctx *ctx,
                        int (*fn)(struct govern_check_ctx *ctx, size_t i, size_t j))
{
    const struct govern_model *m = ctx->model;
    for (size_t i = 0; i < m->n_meetings; i++) {
        const struct govern_meeting *a = m->meetings[i];
        if (!takes_time(a))
            continue;
        int64_t as, ae;
        ical_meeting_span(a, &as, &ae);
        for (size_t j = i + 1; j < m->n_meetings; j++) {
            const struct govern_meeting *b = m->meetings[j];
            if ((int64_t)b->date * 1440 >= ae)
                break; /* sorted by date: no later meeting can start before a ends */
            if (!takes_time(b))
                continue;
            int64_t bs, be;
            ical_meeting_span(b, &bs, &be);
            if (bs < ae && as < be) {
                int rc = fn(ctx, i, j);
                if (rc)
                    return rc;
            }
        }
    }
    return 0;
}

static int committee_pair(struct govern_check_ctx *ctx, size_t i, size_t j)
{
    const struct govern_meeting *a = ctx->model->meetings[i], *b = ctx->model->meetings[j];
    if (strcmp(a->committee, b->committee))
        return 0;
    char wa[32], wb[32];
    describe_when(wa, a);
    describe_when(wb, b);
    return govern_diags_add(ctx->diags, b->path, 0, "calendar-overlap",
                            "meeting %s (%s) overlaps meeting %s (%s) of the same body", b->id, wb,
                            a->id, wa);
}

static int committee_overlap(struct govern_check_ctx *ctx, void *state)
{
    return each_overlap(ctx, committee_pair);
}

/* The entry of name in c active on d (not a substitute), or NULL. */
static const struct govern_member *seat(const struct govern_committee *c, const char *name,
                                        govern_date d)
{
    for (size_t k = 0; k < c->n_members; k++) {
        const struct govern_member *mb = &c->members[k];
        if (mb->role != GOVERN_ROLE_SUBSTITUTE && !strcmp(mb->name, name) &&
            govern_member_active(mb, d))
            return mb;
    }
    return NULL;
}

static int member_pair(struct govern_check_ctx *ctx, size_t i, size_t j)
{
    const struct govern_model *m = ctx->model;
    const struct govern_meeting *a = m->meetings[i], *b = m->meetings[j];
    if (!strcmp(a->committee, b->committee))
        return 0; /* calendar-overlap reports those */
    const struct govern_committee *ca = govern_model_committee(m, a->committee);
    const struct govern_committee *cb = govern_model_committee(m, b->committee);
    if (!ca || !cb)
        return 0;
    for (size_t k = 0; k < ca->n_members; k++) {
        const struct govern_member *mb = &ca->members[k];
        if (seat(ca, mb->name, a->date) != mb)
            continue; /* not serving, a substitute, or an earlier entry already counted */
        if (!seat(cb, mb->name, b->date))
            continue;
        char wa[32], wb[32];
        describe_when(wa, a);
        describe_when(wb, b);
        int rc = govern_diags_add(ctx->diags, b->path, 0, "calendar-member-clash",
                                  "%s sits on %s and %s, whose meetings %s (%s) and %s (%s) "
                                  "overlap",
                                  mb->name, ca->name, cb->name, a->id, wa, b->id, wb);
        if (rc)
            return rc;
    }
    return 0;
}

static int member_overlap(struct govern_check_ctx *ctx, void *state)
{
    return each_overlap(ctx, member_pair);
}

const struct govern_check_rule ical_check_committee_overlap = {
    .name = "calendar-overlap",
    .summary = "two meetings of the same body at overlapping times",
    .run = committee_overlap,
};

const struct govern_check_rule ical_check_member_overlap = {
    .name = "calendar-member-clash",
    .summary = "a member of two bodies whose meetings overlap",
    .run = member_overlap,
};
