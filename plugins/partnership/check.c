/*
 * The partnership plugin's rules for `govern check` (risks, priorities and
 * the quarterly reports owed on them) and the standing "Risk log" item it
 * adds to a new agenda.  The agenda is public, so the item is written from
 * the public form of each risk (risk_public): an exempt risk shows its id
 * and rating only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "partnership.h"

static bool meeting_exists(const struct govern_model *m, const char *id)
{
    return id && govern_model_meeting_index(m, id) >= 0;
}

static void check_risk(struct govern_check_ctx *ctx, const struct risk *r,
                       const struct govern_priority_sets *sets)
{
    const struct govern_committee *c = govern_model_committee(ctx->model, r->committee);
    if (!c) {
        govern_diags_add(ctx->diags, r->path, r->line_committee, "risks", "unknown committee '%s'",
                         r->committee);
    } else {
        char prefix[80], want[90];
        risk_prefix(prefix, c);
        snprintf(want, sizeof(want), "%s-R-", prefix);
        if (strncmp(r->id, want, strlen(want)))
            govern_diags_add(ctx->diags, r->path, 1, "risks",
                             "the id of a risk of %s starts with %s", r->committee, want);
    }
    if (r->priority && !govern_priority_find(sets, r->priority, NULL))
        govern_diags_add(ctx->diags, r->path, r->line_priority, "risks",
                         "unknown priority '%s' (priorities/*.md)", r->priority);
}

int risks_check(struct govern_check_ctx *ctx, void *state)
{
    (void)state;
    struct risk_matrix m;
    struct risk_list l = {NULL, 0};
    struct govern_priority_sets sets = {NULL, 0};
    struct govern_diags ignored = {NULL, 0, 0}; /* reported by the priorities rule */
    if (risk_matrix_from_config(&m, ctx->model->config))
        return govern_diags_add_error(ctx->diags, GOVERN_CONFIG_FILE);
    int rc = risk_load_all(&l, ctx->snap, &m, ctx->diags);
    if (!rc)
        rc = govern_priority_sets_load(&sets, ctx->snap, &ignored);
    for (size_t i = 0; !rc && i < l.count; i++)
        check_risk(ctx, l.items[i], &sets);
    risk_list_free(&l);
    govern_priority_sets_free(&sets);
    govern_diags_free(&ignored);
    return rc;
}

/* The quarterly reports owed on p: recorded ones that are not owed, and
 * owed ones missing on --as-of. */
static int check_reports(struct govern_check_ctx *ctx, const struct govern_priority_set *s,
                         const struct govern_priority *p)
{
    struct govern_report_due *r = NULL;
    size_t n = 0;
    int rc = govern_priority_reports_owed(&r, &n, s, p);
    for (size_t i = 0; !rc && i < p->n_reports; i++) {
        const struct govern_priority_report *e = &p->reports[i];
        bool owed = false;
        for (size_t k = 0; k < n; k++)
            owed |= r[k].entry == e;
        if (!owed)
            govern_diags_add(ctx->diags, s->path, e->line, "priorities",
                             "priority %d: %d-Q%d is not a quarter of %s (%s, whole quarters "
                             "only)",
                             p->number, e->year, e->quarter, s->period, "from..to and until");
        if (e->received && !meeting_exists(ctx->model, e->received))
            govern_diags_add(ctx->diags, s->path, e->line, "priorities",
                             "priority %d: report %d-Q%d received at unknown meeting '%s'",
                             p->number, e->year, e->quarter, e->received);
    }
    for (size_t k = 0; !rc && k < n; k++) {
        if ((r[k].entry && r[k].entry->received) || r[k].due >= ctx->as_of)
            continue;
        char due[11];
        govern_date_format(due, r[k].due);
        govern_diags_add(ctx->diags, s->path, r[k].entry ? r[k].entry->line : p->line,
                         "priority-report",
                         "priority %d (%s): the co-sponsors' quarterly report for %d-Q%d, due "
                         "%s, has not been received",
                         p->number, p->title, r[k].year, r[k].quarter, due);
    }
    free(r);
    return rc;
}

/* An action tagged with a priority no set holds, reported at its file and line. */
static void action_unknown(struct govern_check_ctx *ctx, const struct tagged_action *t)
{
    govern_diags_add(ctx->diags, t->path, t->line, "priorities", "action %s: unknown priority '%s'",
                     t->id, t->priority);
}

int priorities_check(struct govern_check_ctx *ctx, void *state)
{
    (void)state;
    struct govern_priority_sets sets = {NULL, 0};
    struct tagged_actions acts = {NULL, 0};
    int rc = govern_priority_sets_load(&sets, ctx->snap, ctx->diags);
    for (size_t i = 0; !rc && i < sets.count; i++) {
        const struct govern_priority_set *s = sets.items[i];
        if (!govern_model_committee(ctx->model, s->committee))
            govern_diags_add(ctx->diags, s->path, govern_field_line(&s->lines, "committee"),
                             "priorities", "unknown committee '%s'", s->committee);
        if (s->agreed && !meeting_exists(ctx->model, s->agreed))
            govern_diags_add(ctx->diags, s->path, govern_field_line(&s->lines, "agreed"),
                             "priorities", "unknown meeting '%s'", s->agreed);
        for (size_t j = 0; !rc && j < s->count; j++)
            rc = check_reports(ctx, s, &s->items[j]);
    }
    /* an action file that does not read is reported by the actions rule */
    if (!rc && !tagged_actions_load(&acts, ctx->snap))
        for (size_t i = 0; i < acts.count; i++)
            if (!govern_priority_find(&sets, acts.items[i].priority, NULL))
                action_unknown(ctx, &acts.items[i]);
    govern_error_clear();
    tagged_actions_free(&acts);
    govern_priority_sets_free(&sets);
    return rc;
}

/* One line of the item, from the public form of the risk. */
static int log_line(struct govern_buf *b, const struct risk *p, const struct risk_matrix *m)
{
    int rc = govern_buf_printf(b, "- %s (%s", p->id, m->rating_name[p->rating]);
    if (!rc && p->impact)
        rc = govern_buf_printf(b, "; impact %s, probability %s", p->impact, p->probability);
    if (!rc)
        rc = govern_buf_puts(b, "): ");
    for (const char *s = p->text; !rc && *s; s++)
        rc = govern_buf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
    if (!rc && !strchr(".!?", p->text[strlen(p->text) - 1]))
        rc = govern_buf_putc(b, '.');
    if (!rc && p->counter) {
        rc = govern_buf_puts(b, " Counter measure: ");
        for (const char *s = p->counter; !rc && *s; s++)
            rc = govern_buf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
        if (!rc && !strchr(".!?", p->counter[strlen(p->counter) - 1]))
            rc = govern_buf_putc(b, '.');
    }
    if (!rc && p->state)
        rc = govern_buf_printf(b, " State: %s.", p->state);
    if (!rc && p->owner)
        rc = govern_buf_printf(b, " Owner: %s.", p->owner);
    return rc ? rc : govern_buf_putc(b, '\n');
}

int risk_agenda_contribute(struct govern_agenda *agenda, const struct govern_meeting *meeting,
                           const struct govern_committee *committee, struct govern_snapshot *head,
                           const struct govern_config *config, govern_date as_of, void *state)
{
    (void)meeting;
    (void)state;
    struct risk_matrix m;
    struct risk_list l = {NULL, 0};
    struct govern_buf body = GOVERN_BUF_INIT;
    char d[11];
    /* every file must read: one that does not cannot be proved public */
    int rc = risk_matrix_from_config(&m, config);
    if (rc || (rc = risk_load_all(&l, head, &m, NULL)))
        goto out;
    govern_date_format(d, as_of);
    for (size_t i = 0; i < l.count && !rc; i++) {
        const struct risk *r = l.items[i];
        struct risk *p = NULL;
        if (strcmp(r->committee, committee->slug) || r->status != RISK_OPEN ||
            r->rating <= m.agenda_above)
            continue;
        if (!body.len)
            rc = govern_buf_printf(&body, "Open risks rated above %s on %s:\n\n",
                                   m.rating_name[m.agenda_above], d);
        if (!rc && !(rc = risk_public(&p, r)))
            rc = log_line(&body, p, &m);
        risk_free(p);
    }
    if (rc || !body.len)
        goto out;
    body.ptr[--body.len] = '\0';
    struct govern_agenda_item it = {
        .title = (char *)"Risk log",
        .purpose = (char *)"To review the body's open risks, their ratings and the progress of "
                           "their counter measures.",
        .body = body.ptr,
    };
    rc = govern_agenda_append(agenda, &it);
out:
    govern_buf_free(&body);
    risk_list_free(&l);
    return rc;
}
