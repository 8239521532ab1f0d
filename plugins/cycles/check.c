/*
 * The `govern check` rules of the reporting-cycles plugin, run as one
 * registered rule that adds diagnostics under several names:
 *   parse              a cycle file that does not parse
 *   cycle-body         a cycle naming a committee the store does not hold
 *   cycle-overdue      the current period is past due and not fulfilled
 *   cycle-missed       a period (since `since`, up to `until`) ended unfulfilled
 *   crime-and-disorder a crime and disorder committee that went more than
 *                      twelve months without reviewing its partnership, anywhere
 *                      in the record
 *   cycle-fulfils      an agenda item names a cycle that does not exist
 * (the agenda command is core and does not know cycles, hence a check).
 */
#include <stdlib.h>
#include <string.h>
#include "cycles.h"

static int check_bodies(struct govern_check_ctx *ctx, const struct cycle *c)
{
    const struct govern_model *m = ctx->model;
    struct {
        const char *slug, *what;
        int line;
    } refs[] = {{c->owner, "owner", c->line_owner},
                {c->to, "to", c->line_to},
                {c->due.body, "due", c->line_due},
                {c->review_of, "review_of", c->line_review_of}};
    for (size_t i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
        if (!refs[i].slug || govern_model_committee(m, refs[i].slug))
            continue;
        int rc = govern_diags_add(ctx->diags, c->path, refs[i].line, "cycle-body",
                                  "'%s' names '%s', which is not a committee in this store",
                                  refs[i].what, refs[i].slug);
        if (rc)
            return rc;
    }
    return 0;
}

static int check_periods(struct govern_check_ctx *ctx, const struct cycle *c)
{
    const struct govern_model *m = ctx->model;
    int first = cycle_first_period(c, m, ctx->as_of);
    int last = cycle_period_at(c, m, ctx->as_of);
    if (c->until >= 0 && last > c->until)
        last = c->until;
    for (int p = first; p <= last; p++) {
        struct cycle_period pd;
        char due[11];
        cycle_period_compute(&pd, c, m, p, ctx->as_of);
        govern_date_format(due, pd.due);
        int rc = 0;
        if (pd.state == CYCLE_MISSED) {
            char end[11];
            govern_date_format(end, pd.end);
            rc = govern_diags_add(ctx->diags, c->path, c->line_due, "cycle-missed",
                                  "period %s: the report to %s due on %s was never made (the "
                                  "period ended on %s)",
                                  pd.label, c->to, due, end);
        } else if (pd.state == CYCLE_OVERDUE) {
            rc = govern_diags_add(ctx->diags, c->path, c->line_due, "cycle-overdue",
                                  "period %s: the report to %s was due on %s and has not been "
                                  "made",
                                  pd.label, c->to, due);
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* d moved by one year (29 February becomes 28 February). */
static govern_date year_after(govern_date d, int years)
{
    int y, mo, day;
    govern_date out;
    govern_date_to_ymd(d, &y, &mo, &day);
    if (govern_date_from_ymd(&out, y + years, mo, day))
        govern_date_from_ymd(&out, y + years, mo, 28);
    govern_error_clear();
    return out;
}

/* Does an agenda item's `fulfils` name cycle c (or CYCLE-PERIOD of it)? */
static bool fulfils_cycle(const char *f, const struct cycle *c)
{
    size_t n = strlen(c->slug);
    int serial;
    bool yes = f && !strncmp(f, c->slug, n) &&
               (!f[n] || (f[n] == '-' && !cycle_period_parse(&serial, f + n + 1, c->kind)));
    govern_error_clear();
    return yes;
}

/* One gap of more than twelve months: from `from` (a review, or the start of
 * the tracking when first) to `to` (the next review, or the check date when
 * last). */
static int report_gap(struct govern_check_ctx *ctx, const struct cycle *c, govern_date from,
                      govern_date to, bool first, bool last)
{
    const char *reviewed = c->review_of ? c->review_of : c->owner;
    char d1[11], d2[11];
    govern_date_format(d1, from);
    govern_date_format(d2, to);
    if (last)
        return govern_diags_add(
            ctx->diags, c->path, c->line_review_of, "crime-and-disorder",
            "%s has not reviewed %s in the twelve months before %s (last review: %s); the crime "
            "and disorder committee must review the partnership at least once in every twelve "
            "months",
            c->to, reviewed, d2, first ? "never" : d1);
    return govern_diags_add(ctx->diags, c->path, c->line_review_of, "crime-and-disorder",
                            "%s did not review %s for more than twelve months, from %s%s to the "
                            "review of %s; the crime and disorder committee must review the "
                            "partnership at least once in every twelve months (s19 Police and "
                            "Justice Act 2006)",
                            c->to, reviewed,
                            first ? "the start of the record on " : "the review of ", d1, d2);
}

/* s19 Police and Justice Act 2006: the crime and disorder committee reviews
 * the partnership at least once in every twelve months.  Every gap in the
 * record counts: from the start of the tracking (the first period's start)
 * to the first review, between reviews, and from the last review to the
 * check date (the earlier of --as-of and the end of the `until` period).
 * A cycle tracked for less than twelve months is not judged. */
static int check_crime_and_disorder(struct govern_check_ctx *ctx, const struct cycle *c)
{
    const struct govern_model *m = ctx->model;
    if (!c->statutory)
        return 0;
    govern_date on = ctx->as_of;
    if (c->until >= 0) {
        struct cycle_period last;
        cycle_period_compute(&last, c, m, c->until, ctx->as_of);
        if (last.end < on)
            on = last.end;
    }
    struct cycle_period first;
    cycle_period_compute(&first, c, m, cycle_first_period(c, m, ctx->as_of), ctx->as_of);
    if (first.start > year_after(on, -1))
        return 0;
    govern_date prev = first.start;
    bool none = true;
    int rc = 0;
    for (size_t i = 0; i < m->n_meetings && !rc; i++) {
        const struct govern_meeting *mt = m->meetings[i];
        const struct govern_agenda *a = m->agendas[i];
        if (!a || mt->date > on || mt->date < first.start ||
            mt->status == GOVERN_STATUS_CANCELLED || mt->status == GOVERN_STATUS_POSTPONED)
            continue;
        bool review = false;
        for (size_t k = 0; k < a->n_items && !review; k++)
            review = fulfils_cycle(a->items[k].fulfils, c);
        if (!review)
            continue;
        if (mt->date > year_after(prev, 1))
            rc = report_gap(ctx, c, prev, mt->date, none, false);
        prev = mt->date;
        none = false;
    }
    if (!rc && on > year_after(prev, 1))
        rc = report_gap(ctx, c, prev, on, none, true);
    return rc;
}

static int check_fulfils(struct govern_check_ctx *ctx, const struct cycle_list *l)
{
    const struct govern_model *m = ctx->model;
    for (size_t i = 0; i < m->n_meetings; i++) {
        const struct govern_agenda *a = m->agendas[i];
        for (size_t k = 0; a && k < a->n_items; k++) {
            const struct cycle *c;
            int serial;
            if (!a->items[k].fulfils)
                continue;
            cycle_resolve_fulfils(&c, &serial, l, a->items[k].fulfils);
            if (c)
                continue;
            int rc = govern_diags_add(ctx->diags, a->path, a->items[k].line, "cycle-fulfils",
                                      "item %zu fulfils '%s', which is not a cycle in %s/ (nor "
                                      "CYCLE-PERIOD of one)",
                                      k + 1, a->items[k].fulfils, CYCLES_DIR);
            if (rc)
                return rc;
        }
    }
    return 0;
}

static int run(struct govern_check_ctx *ctx, void *state)
{
    struct cycle_list l;
    int rc = cycle_list_load(&l, ctx->snap, ctx->diags);
    if (rc)
        return rc;
    if ((rc = cycle_list_index(&l, ctx->model))) {
        cycle_list_free(&l);
        return rc;
    }
    for (size_t i = 0; !rc && i < l.count; i++) {
        const struct cycle *c = l.items[i];
        if (!(rc = check_bodies(ctx, c)) && !(rc = check_periods(ctx, c)))
            rc = check_crime_and_disorder(ctx, c);
    }
    /* A store that keeps no cycle does not use this plugin: its `fulfils`
     * fields are left alone. */
    struct govern_strlist files = GOVERN_STRLIST_INIT;
    if (!rc)
        rc = govern_snapshot_list(&files, ctx->snap, CYCLES_DIR, GOVERN_ENTRY_FILE);
    if (!rc && files.count)
        rc = check_fulfils(ctx, &l);
    govern_strlist_free(&files);
    cycle_list_free(&l);
    return rc;
}

const struct govern_check_rule cycles_check_rule = {
    "cycles",
    "reporting cycles: overdue and missed reports, crime and disorder reviews, unknown bodies "
    "and cycles",
    run,
};
