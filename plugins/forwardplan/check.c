/*
 * The Forward Plan's rules of `govern check` (SI 2012/2089):
 *
 *   key-decision-notice     a key decision (a decision notice with key: true,
 *                           or a plan entry) has 28 clear days on the plan
 *                           before it is taken (reg 9)
 *   private-meeting-notice  a meeting of the executive held in private (or
 *                           with exempt items) has 28 clear days' notice of
 *                           the intention to meet in private (reg 5)
 *   general-exception       reg 10: the scrutiny chair informed and the
 *                           notice available 5 clear days before
 *   special-urgency         reg 11 (and reg 5(6)): the agreement of the
 *                           scrutiny chair (or the chair of the council)
 *   forward-plan            entries name existing meetings and committees,
 *                           exceptions are complete
 *
 * Clear days here are calendar days, the day of publication and the day of
 * the decision not counted: s243 LGA 1972 governs periods under that Act,
 * and the 2012 Regulations define none of their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "forwardplan.h"

/* A key decision notice of the decisions plugin, read from its front matter
 * (the decisions rule reports notices that do not parse). */
struct key_notice {
    char path[300];
    int line;
    govern_date date;
    char *ref;
};

struct notices {
    struct key_notice *items;
    size_t count;
};

static int read_notice(const char *name, char *data, size_t len, void *vctx)
{
    struct notices *ns = vctx;
    size_t n = strlen(name);
    if (n < 4 || strcmp(name + n - 3, ".md"))
        return 0;
    struct key_notice k = {.date = GOVERN_DATE_NONE};
    snprintf(k.path, sizeof(k.path), "decisions/%s", name);
    struct govern_doc *doc = NULL;
    bool key = false;
    int rc = govern_doc_parse(&doc, k.path, data, len);
    if (!rc)
        rc = govern_node_bool(&key, doc, doc->meta, "key", false);
    if (!rc && key)
        rc = govern_node_date(&k.date, doc, doc->meta, "date", true);
    if (!rc && key)
        rc = govern_node_str(&k.ref, doc, doc->meta, "forward_plan_ref", false);
    k.line = doc ? govern_node_key_line(doc->meta, "key") : 0;
    govern_doc_free(doc);
    if (rc || !key) {
        free(k.ref);
        if (rc == GOVERN_ENOMEM)
            return rc;
        govern_error_clear();
        return 0;
    }
    struct key_notice *items = realloc(ns->items, (ns->count + 1) * sizeof(*items));
    if (!items) {
        free(k.ref);
        return govern_oom();
    }
    ns->items = items;
    items[ns->count++] = k;
    return 0;
}

static void notices_free(struct notices *ns)
{
    for (size_t i = 0; i < ns->count; i++)
        free(ns->items[i].ref);
    free(ns->items);
}

struct fp_check {
    struct govern_check_ctx *ctx;
    struct fp_list plan;
    struct notices notices;
};

static int line_of(const struct fp_entry *e, const char *key)
{
    return govern_field_line(&e->lines, key);
}

/* --- the exceptions --- */

/* Does the exception recorded on e cover a decision (or, private_meeting,
 * a private meeting) on day d?  What is missing is reported. */
static int exception_covers(bool *ok, struct fp_check *c, const struct fp_entry *e, govern_date d,
                            bool private_meeting)
{
    struct govern_diags *g = c->ctx->diags;
    char ds[11], xs[11];
    govern_date_format(ds, d);
    *ok = false;
    if (e->exception == FP_GENERAL_EXCEPTION) {
        const char *R = "general-exception";
        if (private_meeting)
            return govern_diags_add(g, e->path, line_of(e, "exception"), R,
                                    "a general exception (reg 10) is for key decisions; a "
                                    "meeting in private without 28 days' notice needs the "
                                    "agreement of the scrutiny chair (reg 5(6)): special-urgency");
        if (!e->scrutiny_chair || e->informed == GOVERN_DATE_NONE || !e->urgency_reason)
            return govern_diags_add(g, e->path, line_of(e, "exception"), R,
                                    "general exception without %s: reg 10 needs the chair of "
                                    "the relevant scrutiny committee informed in writing "
                                    "(scrutiny_chair, informed) and the reasons made public "
                                    "(urgency_reason)",
                                    !e->scrutiny_chair                ? "scrutiny_chair"
                                    : e->informed == GOVERN_DATE_NONE ? "the date the chair was "
                                                                        "informed (informed)"
                                                                      : "urgency_reason");
        int cd = fp_clear_days(e->informed, d);
        if (cd < FP_EXCEPTION_DAYS) {
            govern_date_format(xs, e->informed);
            return govern_diags_add(g, e->path, line_of(e, "informed"), R,
                                    "only %d clear days between informing the scrutiny chair "
                                    "(%s) and the decision on %s: a general exception needs %d "
                                    "(SI 2012/2089 reg 10); otherwise special urgency (reg 11)",
                                    cd < 0 ? 0 : cd, xs, ds, FP_EXCEPTION_DAYS);
        }
        *ok = true;
        return 0;
    }
    const char *R = "special-urgency";
    if (!e->scrutiny_chair || e->agreed == GOVERN_DATE_NONE || !e->urgency_reason)
        return govern_diags_add(g, e->path, line_of(e, "exception"), R,
                                "special urgency without %s: reg 11 needs the agreement of the "
                                "chair of the relevant scrutiny committee (or of the council) "
                                "that the matter is urgent and cannot reasonably be deferred "
                                "(scrutiny_chair, agreed) and the reasons (urgency_reason)",
                                !e->scrutiny_chair              ? "the chair who agreed "
                                                                  "(scrutiny_chair)"
                                : e->agreed == GOVERN_DATE_NONE ? "the date of the agreement "
                                                                  "(agreed)"
                                                                : "urgency_reason");
    if (e->agreed > d) {
        govern_date_format(xs, e->agreed);
        return govern_diags_add(g, e->path, line_of(e, "agreed"), R,
                                "the chair agreed on %s, after the %s on %s: the agreement must "
                                "come first (SI 2012/2089 %s)",
                                xs, private_meeting ? "meeting" : "decision", ds,
                                private_meeting ? "reg 5(6)" : "reg 11");
    }
    *ok = true;
    return 0;
}

/* --- key decisions (reg 9) --- */

static int key_decision(struct fp_check *c, const struct fp_entry *e, govern_date d)
{
    struct govern_diags *g = c->ctx->diags;
    const char *R = "key-decision-notice";
    char ds[11], ps[11];
    govern_date_format(ds, d);
    bool ok = false;
    int rc = 0;
    if (e->first_published != GOVERN_DATE_NONE) {
        int cd = fp_clear_days(e->first_published, d);
        if (cd >= FP_NOTICE_DAYS)
            return 0;
        if (e->exception)
            return exception_covers(&ok, c, e, d, false);
        govern_date_format(ps, e->first_published);
        return govern_diags_add(g, e->path, line_of(e, "first_published"), R,
                                "key decision with only %d clear days on the Forward Plan "
                                "(first published %s, decision %s): it needs %d (SI 2012/2089 "
                                "reg 9), or a general exception (reg 10) or special urgency "
                                "(reg 11) recorded",
                                cd < 0 ? 0 : cd, ps, ds, FP_NOTICE_DAYS);
    }
    if (e->exception)
        return exception_covers(&ok, c, e, d, false);
    if (fp_clear_days(c->ctx->as_of, d) >= FP_NOTICE_DAYS)
        return 0; /* there is still time to publish it */
    rc = govern_diags_add(g, e->path, line_of(e, "date"), R,
                          "key decision on %s not published on the Forward Plan: 28 clear days' "
                          "notice (SI 2012/2089 reg 9) can no longer be given; record a general "
                          "exception (reg 10) or special urgency (reg 11)",
                          ds);
    return rc;
}

/* The day the entry's decision is taken: that of a key decision notice
 * that names it, else its own date. */
static govern_date decision_day(const struct fp_check *c, const struct fp_entry *e)
{
    for (size_t i = 0; i < c->notices.count; i++)
        if (fp_list_find(&c->plan, c->notices.items[i].ref) == e)
            return c->notices.items[i].date;
    return e->date;
}

static int check_notices(struct fp_check *c)
{
    const char *R = "key-decision-notice";
    int rc = 0;
    for (size_t i = 0; !rc && i < c->notices.count; i++) {
        const struct key_notice *k = &c->notices.items[i];
        const struct fp_entry *e = fp_list_find(&c->plan, k->ref);
        if (!k->ref)
            rc = govern_diags_add(c->ctx->diags, k->path, k->line, R,
                                  "key decision with no entry on the Forward Plan "
                                  "(forward_plan_ref): 28 clear days' notice (SI 2012/2089 reg "
                                  "9) or an exception (regs 10, 11) cannot be shown");
        else if (!e)
            rc = govern_diags_add(c->ctx->diags, k->path, k->line, R,
                                  "forward_plan_ref '%s' is not an entry of the Forward Plan "
                                  "(forward-plan/ID.md, by id or reference): its 28 clear days "
                                  "cannot be shown",
                                  k->ref);
        else if (!e->key)
            rc = govern_diags_add(c->ctx->diags, e->path, line_of(e, "key"), R,
                                  "entry for the key decision %s is not marked key: true", k->path);
    }
    return rc;
}

/* --- entries --- */

static int check_entry(struct fp_check *c, const struct fp_entry *e)
{
    const struct govern_model *m = c->ctx->model;
    struct govern_diags *g = c->ctx->diags;
    const char *R = "forward-plan";
    int rc = 0;
    bool slug = !govern_slug_check(e->maker);
    govern_error_clear();
    if (slug && !govern_model_committee(m, e->maker))
        rc = govern_diags_add(g, e->path, line_of(e, "decision_maker"), R,
                              "decision maker '%s' is written as a committee slug, but there is "
                              "no such committee",
                              e->maker);
    if (!rc && e->meeting) {
        long i = govern_model_meeting_index(m, e->meeting);
        char a[11], b[11];
        if (i < 0) {
            rc = govern_diags_add(g, e->path, line_of(e, "meeting"), R, "unknown meeting '%s'",
                                  e->meeting);
        } else if (m->meetings[i]->date != e->date) {
            govern_date_format(a, m->meetings[i]->date);
            govern_date_format(b, e->date);
            rc = govern_diags_add(g, e->path, line_of(e, "date"), R,
                                  "the meeting %s is on %s, the entry says %s: update the "
                                  "entry's date",
                                  e->meeting, a, b);
        }
    }
    if (!rc && e->first_published != GOVERN_DATE_NONE && e->first_published > e->date)
        rc = govern_diags_add(g, e->path, line_of(e, "first_published"), R,
                              "first published after the decision it gives notice of");
    if (!rc && e->key)
        rc = key_decision(c, e, decision_day(c, e));
    return rc;
}

/* --- private meetings of the executive (reg 5) --- */

static bool executive(const struct govern_model *m, const char *slug)
{
    for (int depth = 0; slug && depth < 16; depth++) {
        const struct govern_committee *c = govern_model_committee(m, slug);
        if (!c)
            return false;
        if (c->kind == GOVERN_KIND_EXECUTIVE)
            return true;
        slug = c->parent;
    }
    return false;
}

/* The line that makes the meeting private (0: it is not). */
static int private_line(const struct govern_meeting *mt, const struct govern_agenda *a)
{
    if (mt->private_)
        return govern_field_line(&mt->lines, "private");
    for (size_t i = 0; a && i < a->n_items; i++)
        if (a->items[i].exempt)
            return a->items[i].line;
    return 0;
}

static int private_meeting(struct fp_check *c, long mi)
{
    const struct govern_model *m = c->ctx->model;
    const struct govern_meeting *mt = m->meetings[mi];
    const struct govern_agenda *a = m->agendas[mi];
    if (mt->status == GOVERN_STATUS_CANCELLED || mt->status == GOVERN_STATUS_POSTPONED ||
        !executive(m, mt->committee))
        return 0;
    int line = private_line(mt, a);
    if (!line)
        return 0;
    const char *path = mt->private_ ? mt->path : a->path;
    int best = -1;
    const struct fp_entry *urgent = NULL;
    for (size_t i = 0; i < c->plan.count; i++) {
        const struct fp_entry *e = c->plan.items[i];
        if (!e->meeting || strcmp(e->meeting, mt->id) || !e->private_)
            continue;
        if (e->first_published != GOVERN_DATE_NONE) {
            int cd = fp_clear_days(e->first_published, mt->date);
            best = cd > best ? cd : best;
        }
        if (e->exception && (!urgent || e->exception == FP_SPECIAL_URGENCY))
            urgent = e; /* a general exception is reported as not applying */
    }
    if (best >= FP_NOTICE_DAYS)
        return 0;
    bool ok = false;
    if (urgent)
        return exception_covers(&ok, c, urgent, mt->date, true);
    if (best < 0 && fp_clear_days(c->ctx->as_of, mt->date) >= FP_NOTICE_DAYS)
        return 0; /* there is still time */
    char ds[11];
    govern_date_format(ds, mt->date);
    if (best < 0)
        return govern_diags_add(c->ctx->diags, path, line, "private-meeting-notice",
                                "meeting of the executive on %s held in private without notice "
                                "of the intention to meet in private on the Forward Plan (an "
                                "entry with this meeting and 'private'): 28 clear days (SI "
                                "2012/2089 reg 5), or the scrutiny chair's agreement (reg 5(6))",
                                ds);
    return govern_diags_add(c->ctx->diags, path, line, "private-meeting-notice",
                            "meeting of the executive on %s held in private with only %d clear "
                            "days' notice of the intention to meet in private: it needs %d (SI "
                            "2012/2089 reg 5), or the scrutiny chair's agreement (reg 5(6))",
                            ds, best < 0 ? 0 : best, FP_NOTICE_DAYS);
}

static int check_run(struct govern_check_ctx *ctx, void *state)
{
    (void)state;
    struct fp_check c = {.ctx = ctx};
    int rc = fp_list_load(&c.plan, ctx->snap, ctx->diags);
    if (!rc)
        rc = govern_snapshot_each_file(ctx->snap, "decisions", read_notice, &c.notices);
    if (rc == GOVERN_ENOTFOUND)
        rc = 0;
    if (!rc)
        rc = check_notices(&c);
    for (size_t i = 0; !rc && i < c.plan.count; i++)
        rc = check_entry(&c, c.plan.items[i]);
    for (size_t i = 0; !rc && i < ctx->model->n_meetings; i++)
        rc = private_meeting(&c, (long)i);
    fp_list_free(&c.plan);
    notices_free(&c.notices);
    return rc;
}

const struct govern_check_rule fp_check_rule = {
    "forward-plan",
    "the Forward Plan: key decisions and private executive meetings with 28 clear days' "
    "notice, the general exception and special urgency (SI 2012/2089 regs 5, 9, 10, 11)",
    check_run,
};
