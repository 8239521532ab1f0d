/*
 * The approval of minutes (Sch 12 para 41 LGA 1972): the minutes of a
 * meeting are confirmed as a correct record, and signed by the person
 * presiding, at the next suitable meeting of the same body.  One function
 * judges a proposed (or recorded) approval, so `govern minutes approve`
 * refuses exactly what `govern check` reports on a store edited by hand.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/error.h"
#include "govern/minutes.h"

static int say(char **why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int say(char **why, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !(*why = malloc((size_t)n + 1)))
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    va_start(ap, fmt);
    vsnprintf(*why, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return 0;
}

/* Could meeting c (of the committee, after `of`) have confirmed the minutes
 * of `of`?  Yes when it was held and its agenda has a "minutes" item that
 * confirms them or no other minutes; a held meeting without an agenda
 * record is taken to be suitable (fail closed). */
static bool suitable(const struct govern_meeting *c, const struct govern_agenda *a, const char *of)
{
    if (c->status != GOVERN_STATUS_HELD)
        return false;
    if (!a)
        return true;
    bool any = false;
    for (size_t i = 0; i < a->n_items; i++) {
        const struct govern_agenda_item *it = &a->items[i];
        if (!it->standard || strcmp(it->standard, "minutes") != 0)
            continue;
        any = true;
        if (!it->minutes_of || !strcmp(it->minutes_of, of))
            return true;
    }
    return !any;
}

static bool later(const struct govern_meeting *b, const struct govern_meeting *a)
{
    return b->date > a->date || (b->date == a->date && strcmp(b->id, a->id) > 0);
}

static int before_problems(char **why, const struct govern_minutes *mn,
                           const struct govern_meeting *of, const struct govern_meeting *at,
                           govern_date as_of)
{
    char d1[11], d2[11];
    govern_date_format(d1, at->date);
    govern_date_format(d2, as_of);
    if (strcmp(of->committee, at->committee) != 0)
        return say(why,
                   "rule approval: %s is a meeting of %s, not of %s: minutes are confirmed at a "
                   "later meeting of the body that took them (Sch 12 para 41 LGA 1972); give "
                   "--at a meeting of %s",
                   at->id, at->committee, of->committee, of->committee);
    if (!later(at, of)) {
        char d3[11];
        govern_date_format(d3, of->date);
        return say(why,
                   "rule approval: %s (%s) is not a later meeting than %s (%s): minutes are "
                   "confirmed at a later meeting",
                   at->id, d1, of->id, d3);
    }
    if (at->status == GOVERN_STATUS_CANCELLED || at->status == GOVERN_STATUS_POSTPONED)
        return say(why,
                   "rule approval: %s is %s: minutes are confirmed at a meeting that took "
                   "place; give --at the next meeting of %s that was held",
                   at->id, govern_meeting_status_name(at->status), of->committee);
    if (at->date > as_of)
        return say(why,
                   "rule approval: %s is on %s, after today (%s): minutes are confirmed at a "
                   "meeting that has taken place; approve them on or after its day",
                   at->id, d1, d2);
    if (at->status != GOVERN_STATUS_HELD)
        return say(why,
                   "rule approval: %s is %s, not held: minutes are confirmed at a meeting that "
                   "took place; record it first with 'govern meeting held %s'",
                   at->id, govern_meeting_status_name(at->status), at->id);
    if (mn && mn->people[GOVERN_PRESENT].count == 0)
        return say(why,
                   "rule approval: the minutes of %s record nobody present, so they are not a "
                   "record of a meeting; record the attendance (govern minutes attend %s NAME "
                   "--present) before they are confirmed",
                   of->id, of->id);
    return 0;
}

int govern_minutes_approval_problem(char **why, const struct govern_minutes *mn,
                                    const struct govern_meeting *of,
                                    const struct govern_meeting *at,
                                    struct govern_meeting *const *meetings,
                                    struct govern_agenda *const *agendas, size_t n,
                                    govern_date as_of)
{
    *why = NULL;
    int rc = before_problems(why, mn, of, at, as_of);
    if (rc || *why)
        return rc;
    /* the next suitable meeting: none of the committee's held meetings on a
     * later day than `of` and before `at` could have confirmed them */
    for (size_t i = 0; i < n; i++) {
        const struct govern_meeting *c = meetings[i];
        if (strcmp(c->committee, of->committee) != 0 || c->date <= of->date || !later(at, c) ||
            !suitable(c, agendas ? agendas[i] : NULL, of->id))
            continue;
        char d[11];
        govern_date_format(d, c->date);
        return say(why,
                   "rule approval: %s is not the next suitable meeting: %s, held on %s, could "
                   "have confirmed the minutes of %s (Sch 12 para 41 LGA 1972: at the next "
                   "suitable meeting); approve them --at %s",
                   at->id, c->id, d, of->id, c->id);
    }
    return 0;
}
