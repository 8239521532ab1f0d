/*
 * The `interest-register` rule of `govern check`: the register of members'
 * interests against the minutes.  For every member present at a meeting
 * who holds, on its day, a disclosable pecuniary interest whose matters
 * name a minute (a `matter` word or phrase in the minute's title or the
 * title of its agenda item, whole words, any case):
 *
 *   - no declaration by that member for that minute: reported (the member
 *     took part without declaring it);
 *   - declared as another kind and taken part in without a dispensation:
 *     reported (a pecuniary interest declared as pecuniary is the core
 *     `interest` rule's).
 *
 * The register files themselves are checked here too (rule "parse").
 */
#include <stdio.h>
#include <string.h>
#include "interests.h"

static const struct interest_register *find(const struct interests_all *a, const char *member)
{
    for (size_t i = 0; i < a->count; i++)
        if (!strcmp(a->items[i]->member, member))
            return a->items[i];
    return NULL;
}

static const struct govern_declaration *declared(const struct govern_minutes *mn,
                                                 const char *member, int minute)
{
    for (size_t i = 0; i < mn->n_declarations; i++)
        if (mn->declarations[i].minute == minute && !strcmp(mn->declarations[i].member, member))
            return &mn->declarations[i];
    return NULL;
}

/* The matter of it that the minute names, or NULL. */
static const char *named(const struct interest *it, const struct govern_minute *min,
                         const struct govern_agenda *a)
{
    const char *agenda_title = NULL;
    if (a && min->agenda_item > 0 && (size_t)min->agenda_item <= a->n_items)
        agenda_title = a->items[min->agenda_item - 1].title;
    for (size_t k = 0; k < it->matter.count; k++)
        if (interests_matter_in(it->matter.items[k], min->title) ||
            interests_matter_in(it->matter.items[k], agenda_title))
            return it->matter.items[k];
    return NULL;
}

static int one_minute(struct govern_diags *g, const struct govern_minutes *mn,
                      const struct govern_minute *min, const struct interest_register *r,
                      const struct interest *it, const char *matter)
{
    const char *R = "interest-register";
    const struct govern_declaration *d = declared(mn, r->member, min->number);
    char label[24];
    snprintf(label, sizeof(label), "%d/%02d", min->number, mn->year % 100);
    if (!d)
        return govern_diags_add(g, mn->path, min->line, R,
                                "%s took part in minute %s '%s' without declaring the "
                                "disclosable pecuniary interest in the register (%s:%d, '%s', "
                                "matter '%s'): declare it, and leave unless a dispensation is "
                                "granted (Localism Act 2011 s31)",
                                r->member, label, min->title, r->path, it->line, it->interest,
                                matter);
    if (d->kind != GOVERN_INTEREST_PECUNIARY && d->took_part &&
        !govern_dispensation_granted(d->dispensation))
        return govern_diags_add(
            g, mn->path, d->line, R,
            "%s declared the interest in minute %s as %s and took part without a "
            "dispensation, but the register records a disclosable pecuniary "
            "interest (%s:%d, '%s')",
            r->member, label, govern_interest_kind_name(d->kind), r->path, it->line, it->interest);
    return 0;
}

static int one_meeting(struct govern_diags *g, const struct govern_model *m, size_t mi,
                       const struct interests_all *all)
{
    const struct govern_minutes *mn = m->minutes[mi];
    const struct govern_people *present = &mn->people[GOVERN_PRESENT];
    govern_date day = m->meetings[mi]->date;
    int rc = 0;
    for (size_t p = 0; !rc && p < present->count; p++) {
        const struct interest_register *r = find(all, present->items[p].name);
        for (size_t k = 0; !rc && r && k < r->count; k++) {
            const struct interest *it = &r->items[k];
            if (it->kind != GOVERN_INTEREST_PECUNIARY || !interest_held(it, day))
                continue;
            for (size_t n = 0; !rc && n < mn->n_items; n++) {
                const char *matter = named(it, &mn->items[n], m->agendas[mi]);
                if (matter)
                    rc = one_minute(g, mn, &mn->items[n], r, it, matter);
            }
        }
    }
    return rc;
}

static int check_run(struct govern_check_ctx *ctx, void *state)
{
    (void)state;
    struct interests_all all;
    int rc = interests_load_all(&all, ctx->snap, ctx->diags);
    if (rc)
        return rc;
    const struct govern_model *m = ctx->model;
    for (size_t i = 0; !rc && m->minutes && i < m->n_meetings; i++)
        if (m->minutes[i])
            rc = one_meeting(ctx->diags, m, i, &all);
    interests_all_free(&all);
    return rc;
}

const struct govern_check_rule interests_check_rule = {
    "interest-register",
    "members present with a registered pecuniary interest in a minute's matter who did not "
    "declare it, or declared it as another kind and took part without a dispensation",
    check_run,
};
