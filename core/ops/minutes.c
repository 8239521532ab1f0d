/*
 * The minutes operations (include/govern/ops.h): a meeting's minutes from
 * the agenda to the approved record.  `draft` creates minutes.md from the
 * agenda, or saves the clerk's hand edits of a draft (validated, put in
 * canonical form and committed through govern_change_adopt, so an edit made
 * meanwhile is never lost); attend, declare, add, text and vote edit a
 * draft; `approve` confirms it at a later meeting, links that meeting's
 * "minutes" agenda item and tags the commit.  Approved minutes are refused
 * here with the reason (and by the store whatever the caller).  The
 * MINUTES_DRAFTED and MINUTES_APPROVED hooks run inside the same change set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/check.h"
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/plugin.h"
#include "ops_priv.h"

enum op { OP_DRAFT, OP_ATTEND, OP_DECLARE, OP_ADD, OP_TEXT, OP_APPROVE, OP_VOTE };

struct minutes_job {
    enum op op;
    const char *id;
    const struct govern_ops_minutes *r;
    struct govern_ops_result *out;
    char summary[512];
};

static int frozen_error(const struct govern_minutes *m)
{
    return govern_error_set(GOVERN_EFROZEN,
                            "%s: the minutes of %s were approved at %s and are the legal record: "
                            "they never change; a correction is a new minute at a later meeting",
                            m->path, m->meeting, m->approved.at ? m->approved.at : "a meeting");
}

/* Serialises m, checks the result reads back under the same rules as a
 * hand-written file, and puts it (or adopts the work-tree bytes). */
int ops_minutes_write(struct govern_change *chg, const struct govern_minutes *m,
                      const char *expected, size_t expected_len)
{
    struct govern_buf text = GOVERN_BUF_INIT;
    struct govern_minutes *check = NULL;
    int rc = govern_minutes_serialize(&text, m);
    if (!rc)
        rc = govern_minutes_parse(&check, m->meeting, text.ptr, text.len);
    govern_minutes_free(check);
    if (!rc && expected)
        rc = govern_change_adopt(chg, m->path, text.ptr, text.len, expected, expected_len);
    else if (!rc)
        rc = govern_change_put(chg, m->path, text.ptr, text.len);
    govern_buf_free(&text);
    return rc;
}

static int refuse_later(struct govern_snapshot *head, const struct govern_config *cfg,
                        const struct govern_meeting *mt, const char *what)
{
    char *later = NULL;
    int rc = govern_minutes_later(&later, head, cfg, mt);
    if (!rc && later) {
        rc = govern_error_set(GOVERN_EINVAL,
                              "cannot %s for %s: %s, a later meeting in the same municipal year, "
                              "already has minutes, and minute numbers run on through the year",
                              what, mt->id, later);
    }
    free(later);
    return rc;
}

/* A new draft from the agenda. */
static int draft_new(struct govern_change *chg, struct govern_snapshot *head,
                     struct minutes_job *ctx, const struct govern_meeting *mt,
                     const struct govern_config *cfg)
{
    struct govern_agenda *a = NULL;
    struct govern_minutes *m = NULL;
    int rc = 0, next = 0;
    if (mt->status == GOVERN_STATUS_CANCELLED || mt->status == GOVERN_STATUS_POSTPONED)
        return govern_error_set(GOVERN_EINVAL, "meeting %s is %s: it has no minutes", mt->id,
                                govern_meeting_status_name(mt->status));
    if ((rc = govern_agenda_load(&a, head, mt->id)))
        return rc;
    if ((rc = refuse_later(head, cfg, mt, "draft minutes")) ||
        (rc = govern_minutes_next_number(&next, head, cfg, mt)))
        goto out;
    if (!(m = calloc(1, sizeof(*m)))) {
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        goto out;
    }
    int y = 0;
    if ((rc = govern_minutes_year(&y, head, cfg, mt)))
        goto out;
    m->meeting = strdup(mt->id);
    m->path = govern_minutes_path(mt->id);
    m->year = y;
    m->status = GOVERN_MINUTES_DRAFT;
    m->started = m->ended = GOVERN_TIME_NONE;
    m->approved.date = GOVERN_DATE_NONE;
    if (!m->meeting || !m->path) {
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < a->n_items && !rc; i++) {
        if (a->items[i].exempt < 0) {
            rc = govern_error_set(GOVERN_EINVAL,
                                  "%s:%d: item %zu has an invalid exempt paragraph (1-7); correct "
                                  "the agenda first",
                                  a->path, a->items[i].line, i + 1);
            break;
        }
        rc = govern_minutes_append(m, next + (int)i, a->items[i].title, (int)i + 1,
                                   a->items[i].exempt);
    }
    if (!rc)
        rc = ops_minutes_write(chg, m, NULL, 0);
    if (!rc)
        snprintf(ctx->summary, sizeof(ctx->summary), "Draft the minutes of %s (%d/%02d to %d/%02d)",
                 mt->id, next, y % 100, next + (int)a->n_items - 1, y % 100);
out:
    govern_minutes_free(m);
    govern_agenda_free(a);
    return rc;
}

/* The clerk's edited draft from the work tree, validated and normalised. */
static int draft_save(struct govern_change *chg, struct govern_snapshot *head,
                      struct minutes_job *ctx)
{
    struct govern_minutes *m = NULL, *old = NULL;
    /* absent, or a committed draft that does not parse: the work tree replaces it
     * (approved minutes are refused by the store whatever their state) */
    int rc = govern_minutes_load(&old, head, ctx->id);
    if (rc) {
        govern_error_clear();
        old = NULL;
    }
    if (old && old->status == GOVERN_MINUTES_APPROVED) {
        rc = frozen_error(old);
        goto out;
    }
    if ((rc = govern_minutes_parse(&m, ctx->id, ctx->r->worktree_text, ctx->r->worktree_len)))
        goto out;
    if (m->status == GOVERN_MINUTES_APPROVED) {
        rc = govern_error_set(GOVERN_EINVAL,
                              "%s:%d: status approved is set only by 'govern minutes approve'",
                              m->path, m->status_line);
        goto out;
    }
    if ((rc = govern_minutes_validate(m)) ||
        (rc = ops_minutes_write(chg, m, ctx->r->worktree_text, ctx->r->worktree_len)))
        goto out;
    snprintf(ctx->summary, sizeof(ctx->summary), "Save the draft minutes of %s", ctx->id);
out:
    govern_minutes_free(old);
    govern_minutes_free(m);
    return rc;
}

/* The later meeting's "minutes" agenda item now names these minutes. */
static int link_agenda(struct govern_change *chg, struct govern_snapshot *head,
                       const struct govern_meeting *later, const char *id)
{
    struct govern_agenda *a = NULL;
    struct govern_buf text = GOVERN_BUF_INIT;
    int rc = govern_agenda_load(&a, head, later->id);
    if (rc)
        return rc;
    struct govern_agenda_item *it = NULL;
    for (size_t i = 0; i < a->n_items && !it; i++)
        if (a->items[i].standard && !strcmp(a->items[i].standard, "minutes") &&
            a->items[i].minutes_of && !strcmp(a->items[i].minutes_of, id))
            it = &a->items[i];
    for (size_t i = 0; i < a->n_items && !it; i++)
        if (a->items[i].standard && !strcmp(a->items[i].standard, "minutes") &&
            !a->items[i].minutes_of)
            it = &a->items[i];
    if (!it) {
        rc = govern_error_set(GOVERN_EINVAL,
                              "%s has no free 'minutes' item (standard: minutes) to confirm the "
                              "minutes of %s; add one to its agenda first",
                              a->path, id);
        goto out;
    }
    if (!it->minutes_of && !(it->minutes_of = strdup(id))) {
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        goto out;
    }
    if (!(rc = govern_agenda_serialize(&text, a)))
        rc = govern_change_put(chg, a->path, text.ptr, text.len);
out:
    govern_buf_free(&text);
    govern_agenda_free(a);
    return rc;
}

/* The approval rule of govern_minutes_approval_problem, judged on the
 * committee's meetings and agendas as committed. */
static int approval_allowed(struct govern_snapshot *head, const struct govern_minutes *m,
                            const struct govern_meeting *mt, const struct govern_meeting *later,
                            govern_date as_of)
{
    struct govern_strlist slugs = GOVERN_STRLIST_INIT;
    struct govern_meeting_list l = {0};
    struct govern_agenda **agendas = NULL;
    char *why = NULL;
    struct govern_meeting_filter f = {&slugs, GOVERN_DATE_NONE, GOVERN_DATE_NONE};
    int rc = govern_strlist_add(&slugs, mt->committee);
    if (!rc)
        rc = govern_meeting_list_load(&l, head, &f);
    if (!rc && !(agendas = calloc(l.count + 1, sizeof(*agendas))))
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < l.count; i++)
        if ((rc = govern_agenda_load(&agendas[i], head, l.items[i]->id)) == GOVERN_ENOTFOUND) {
            govern_error_clear();
            rc = 0;
        }
    if (!rc)
        rc = govern_minutes_approval_problem(&why, m, mt, later, l.items, agendas, l.count, as_of);
    if (!rc && why)
        rc = govern_error_set(GOVERN_EINVAL, "%s", why);
    for (size_t i = 0; agendas && i < l.count; i++)
        govern_agenda_free(agendas[i]);
    free(agendas);
    free(why);
    govern_meeting_list_free(&l);
    govern_strlist_free(&slugs);
    return rc;
}

/* Only voting members present vote (a substitute in place of one). */
static int voter_check(const struct govern_minutes *m, const struct govern_committee *c,
                       const struct govern_meeting *mt, const char *name)
{
    const struct govern_person *p = NULL;
    for (size_t j = 0; j < m->people[GOVERN_PRESENT].count; j++)
        if (!strcmp(m->people[GOVERN_PRESENT].items[j].name, name))
            p = &m->people[GOVERN_PRESENT].items[j];
    if (!p)
        return govern_error_set(GOVERN_EINVAL,
                                "rule vote: '%s' is not listed as present at %s: record the "
                                "attendance first (govern minutes attend %s NAME --present)",
                                name, mt->id, mt->id);
    const char *seat = p->substitute_for ? p->substitute_for : name;
    for (size_t i = 0; i < c->n_members; i++) {
        const struct govern_member *o = &c->members[i];
        if (!strcmp(o->name, seat) && govern_member_active(o, mt->date) && o->voting &&
            o->role != GOVERN_ROLE_SUBSTITUTE)
            return 0;
    }
    return govern_error_set(GOVERN_EINVAL,
                            "rule vote: '%s' has no vote on %s on that day (co-opted non-voting "
                            "members, officers and guests do not vote)",
                            name, c->slug);
}

static int record_vote(struct minutes_job *ctx, struct govern_minutes *m,
                       const struct govern_committee *c, const struct govern_meeting *mt)
{
    int rc;
    if (!govern_minutes_item(m, ctx->r->minute))
        return govern_error_set(GOVERN_EINVAL, "the minutes of %s have no minute %d/%02d", ctx->id,
                                ctx->r->minute, m->year % 100);
    if ((rc = govern_vote_validate(ctx->r->vote, "--for/--against/--abstain", 0)))
        return rc;
    const struct govern_strlist *lists[] = {&ctx->r->vote->for_, &ctx->r->vote->against,
                                            &ctx->r->vote->abstain};
    for (int a = 0; a < 3; a++)
        for (size_t i = 0; i < lists[a]->count; i++)
            if ((rc = voter_check(m, c, mt, lists[a]->items[i])))
                return rc;
    if ((rc = govern_minutes_vote(m, ctx->r->minute, ctx->r->vote)))
        return rc;
    int outcome = govern_vote_outcome(ctx->r->vote);
    snprintf(ctx->summary, sizeof(ctx->summary),
             "Minutes of %s: vote on minute %d/%02d, %zu for, %zu against, %zu abstained: %s%s",
             ctx->id, ctx->r->minute, m->year % 100, ctx->r->vote->for_.count,
             ctx->r->vote->against.count, ctx->r->vote->abstain.count,
             outcome > 0 ? "carried" : "lost",
             ctx->r->vote->casting != GOVERN_CASTING_NONE ? " on the chair's casting vote" : "");
    return 0;
}

static int member_serving(const struct govern_committee *c, const char *name, govern_date d)
{
    for (size_t i = 0; i < c->n_members; i++)
        if (!strcmp(c->members[i].name, name) && govern_member_active(&c->members[i], d))
            return 1;
    return 0;
}

/* minutes attend with lists: every name to its list, and with
 * --all-members the members serving on the day who are in no list present.
 * A name in present, apologies or absent that is not a member serving on
 * the day gets a warning (govern check reports the same). */
static int attend_many(struct minutes_job *ctx, struct govern_minutes *m,
                       const struct govern_committee *c, const struct govern_meeting *mt)
{
    int rc = 0;
    size_t n = 0;
    char d[11];
    govern_date_format(d, mt->date);
    for (int l = 0; ctx->r->names && l < GOVERN_ATTENDANCE_LISTS && !rc; l++)
        for (size_t i = 0; i < ctx->r->names[l].count && !rc; i++, n++) {
            const char *name = ctx->r->names[l].items[i];
            if (l != GOVERN_ALSO_PRESENT && !member_serving(c, name, mt->date))
                govern_buf_printf(&ctx->out->warnings,
                                  "govern: warning: %s is not a member of %s serving on %s "
                                  "(officers and guests go in --also-present)\n",
                                  name, c->slug, d);
            rc = govern_minutes_attend(m, (enum govern_attendance)l, name, NULL, NULL);
        }
    for (size_t i = 0; ctx->r->all_members && i < c->n_members && !rc; i++) {
        const struct govern_member *mb = &c->members[i];
        bool listed = false;
        if (!govern_member_active(mb, mt->date) || mb->role == GOVERN_ROLE_OFFICER ||
            mb->role == GOVERN_ROLE_SUBSTITUTE)
            continue;
        for (int l = 0; l < GOVERN_ATTENDANCE_LISTS && !listed; l++)
            for (size_t k = 0; k < m->people[l].count && !listed; k++)
                listed = !strcmp(m->people[l].items[k].name, mb->name);
        if (!listed && !(rc = govern_minutes_attend(m, GOVERN_PRESENT, mb->name, NULL, NULL)))
            n++;
    }
    if (!rc && !n)
        rc = govern_error_set(GOVERN_EINVAL,
                              "nobody to record: every member serving on %s is "
                              "already in the attendance",
                              d);
    if (!rc)
        snprintf(ctx->summary, sizeof(ctx->summary), "Minutes of %s: attendance of %zu %s", ctx->id,
                 n, n == 1 ? "person" : "people");
    return rc;
}

/* minutes text: the Markdown of minute N (replaced, or appended as a new
 * paragraph); ops_minutes_write reads the result back, so a `## ` heading in
 * the text is refused with its line. */
static int set_minute_text(struct minutes_job *ctx, struct govern_minutes *m)
{
    struct govern_minute *it = NULL;
    for (size_t i = 0; i < m->n_items && !it; i++)
        if (m->items[i].number == ctx->r->minute)
            it = &m->items[i];
    if (!it)
        return govern_error_set(GOVERN_EINVAL, "the minutes of %s have no minute %d/%02d", ctx->id,
                                ctx->r->minute, m->year % 100);
    char *text = NULL;
    size_t n = strlen(ctx->r->text);
    while (n && (ctx->r->text[n - 1] == '\n' || ctx->r->text[n - 1] == ' '))
        n--;
    if (!n && ctx->r->append)
        return govern_error_set(GOVERN_EUSAGE, "nothing to add: TEXT is empty");
    if (n &&
        (ctx->r->append && it->text ? asprintf(&text, "%s\n\n%.*s", it->text, (int)n, ctx->r->text)
                                    : asprintf(&text, "%.*s", (int)n, ctx->r->text)) < 0)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    free(it->text);
    it->text = text; /* NULL: TEXT '' empties the minute */
    snprintf(ctx->summary, sizeof(ctx->summary), "Minutes of %s: %s the text of minute %d/%02d",
             ctx->id, ctx->r->append ? "add to" : "write", ctx->r->minute, m->year % 100);
    return 0;
}

/* attend ID NAME --present|...: one person, with a title or as a substitute. */
static int attend_one(struct minutes_job *ctx, struct govern_minutes *m,
                      const struct govern_committee *c, const struct govern_meeting *mt)
{
    if (ctx->r->substitute_for) {
        if (ctx->r->list != GOVERN_PRESENT)
            return govern_error_set(GOVERN_EUSAGE, "--substitute-for goes with --present");
        if (!member_serving(c, ctx->r->substitute_for, mt->date))
            return govern_error_set(GOVERN_EINVAL,
                                    "'%s' is not a member of %s on %s, so nobody can substitute "
                                    "for them (see 'govern member list %s')",
                                    ctx->r->substitute_for, c->slug, ctx->id + strlen(c->slug) + 1,
                                    c->slug);
        if (!strcmp(ctx->r->substitute_for, ctx->r->name))
            return govern_error_set(GOVERN_EINVAL, "a member cannot substitute for themselves");
    }
    int rc =
        govern_minutes_attend(m, ctx->r->list, ctx->r->name, ctx->r->title, ctx->r->substitute_for);
    if (rc)
        return rc;
    snprintf(ctx->summary, sizeof(ctx->summary), "Minutes of %s: %.200s %s%s%.200s", ctx->id,
             ctx->r->name,
             ctx->r->list == GOVERN_PRESENT     ? "present"
             : ctx->r->list == GOVERN_APOLOGIES ? "sent apologies"
             : ctx->r->list == GOVERN_ABSENT    ? "absent"
                                                : "also present",
             ctx->r->substitute_for ? " as substitute for " : "",
             ctx->r->substitute_for ? ctx->r->substitute_for : "");
    return 0;
}

static int declare(struct minutes_job *ctx, struct govern_minutes *m)
{
    const struct govern_declaration *d = ctx->r->decl;
    if (!govern_minutes_item(m, d->minute))
        return govern_error_set(GOVERN_EINVAL, "the minutes of %s have no minute %d/%02d", ctx->id,
                                d->minute, m->year % 100);
    int rc = govern_minutes_declare(m, d);
    if (rc)
        return rc;
    snprintf(ctx->summary, sizeof(ctx->summary),
             "Minutes of %s: %.200s declares a %s interest in minute %d/%02d", ctx->id, d->member,
             govern_interest_kind_name(d->kind), d->minute, m->year % 100);
    return 0;
}

static int add_minute(struct minutes_job *ctx, struct govern_minutes *m,
                      struct govern_snapshot *head, const struct govern_config *cfg,
                      const struct govern_meeting *mt)
{
    int next, rc;
    if ((rc = refuse_later(head, cfg, mt, "add a minute")))
        return rc;
    if (m->n_items)
        next = m->items[m->n_items - 1].number + 1;
    else if ((rc = govern_minutes_next_number(&next, head, cfg, mt)))
        return rc;
    if ((rc = govern_minutes_append(m, next, ctx->r->add_title, 0, 0)))
        return rc;
    snprintf(ctx->summary, sizeof(ctx->summary), "Minutes of %s: add minute %d/%02d %.200s",
             ctx->id, next, m->year % 100, ctx->r->add_title);
    return 0;
}

static int approve(struct minutes_job *ctx, struct govern_minutes *m, struct govern_change *chg,
                   struct govern_snapshot *head, const struct govern_meeting *mt)
{
    struct govern_meeting *later = NULL;
    int rc;
    if ((rc = govern_minutes_validate(m)) || (rc = govern_meeting_load(&later, head, ctx->r->at)) ||
        (rc = approval_allowed(head, m, mt, later, ctx->r->as_of)) ||
        (rc = link_agenda(chg, head, later, mt->id)))
        goto out;
    m->status = GOVERN_MINUTES_APPROVED;
    if (!(m->approved.at = strdup(later->id)) ||
        (ctx->r->presiding && !(m->approved.presiding = strdup(ctx->r->presiding)))) {
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        goto out;
    }
    m->approved.date = later->date;
    char *tag = govern_minutes_tag(mt->id);
    char msg[600];
    snprintf(msg, sizeof(msg), "Minutes of %s confirmed as a correct record at %s", mt->id,
             later->id);
    rc = tag ? govern_change_tag(chg, tag, msg) : govern_error_set(GOVERN_ENOMEM, "out of memory");
    free(tag);
    if (!rc)
        snprintf(ctx->summary, sizeof(ctx->summary), "Approve the minutes of %s at %s", mt->id,
                 later->id);
out:
    govern_meeting_free(later);
    return rc;
}

/* draft: a new draft from the agenda, or the clerk's work-tree draft saved. */
static int draft(struct minutes_job *ctx, struct govern_change *chg, struct govern_snapshot *head,
                 const struct govern_meeting *mt, const struct govern_config *cfg)
{
    char *path = govern_minutes_path(ctx->id);
    bool committed = path && govern_snapshot_exists(head, path);
    free(path);
    if (ctx->r->worktree_exists)
        return draft_save(chg, head, ctx);
    if (committed)
        return govern_error_set(GOVERN_EDIRTY,
                                "%s/minutes.md is committed but missing from the work tree; "
                                "restore it (git checkout -- it) before saving the draft",
                                ctx->id);
    return draft_new(chg, head, ctx, mt, cfg);
}

/* Every operation but draft: the committed minutes, edited and put back. */
static int edit_minutes(struct minutes_job *ctx, struct govern_change *chg,
                        struct govern_snapshot *head, const struct govern_meeting *mt,
                        const struct govern_config *cfg, const struct govern_committee *c)
{
    struct govern_minutes *m = NULL;
    int rc = govern_minutes_load(&m, head, ctx->id);
    if (rc == GOVERN_ENOTFOUND)
        rc = govern_error_set(GOVERN_ENOTFOUND,
                              "%s has no minutes yet: start them with 'govern minutes draft %s'",
                              ctx->id, ctx->id);
    if (rc)
        goto out;
    if (m->status == GOVERN_MINUTES_APPROVED) {
        rc = frozen_error(m);
        goto out;
    }
    switch (ctx->op) {
    case OP_ATTEND:
        rc = ctx->r->name ? attend_one(ctx, m, c, mt) : attend_many(ctx, m, c, mt);
        break;
    case OP_DECLARE:
        rc = declare(ctx, m);
        break;
    case OP_ADD:
        rc = add_minute(ctx, m, head, cfg, mt);
        break;
    case OP_TEXT:
        rc = set_minute_text(ctx, m);
        break;
    case OP_APPROVE:
        rc = approve(ctx, m, chg, head, mt);
        break;
    case OP_VOTE:
        rc = record_vote(ctx, m, c, mt);
        break;
    case OP_DRAFT:
        break;
    }
    if (!rc)
        rc = ops_minutes_write(chg, m, NULL, 0);
out:
    govern_minutes_free(m);
    return rc;
}

static int minutes_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct minutes_job *ctx = vctx;
    struct govern_meeting *mt = NULL;
    struct govern_config *cfg = NULL;
    struct govern_committee *c = NULL;
    int rc;
    ctx->summary[0] = '\0';
    govern_buf_clear(&ctx->out->warnings);
    if ((rc = govern_config_load(&cfg, head)) || (rc = govern_meeting_load(&mt, head, ctx->id)) ||
        (rc = govern_committee_load(&c, head, mt->committee)))
        goto out;
    rc = ctx->op == OP_DRAFT ? draft(ctx, chg, head, mt, cfg)
                             : edit_minutes(ctx, chg, head, mt, cfg, c);
    if (!rc)
        rc = govern_change_message(chg, "%s", ctx->summary);
    /* plugins add to the same commit (e.g. the actions register) */
    if (!rc && ctx->r->registry &&
        (ctx->op == OP_DRAFT || ctx->op == OP_APPROVE || ctx->op == OP_TEXT))
        rc = govern_registry_fire(ctx->r->registry,
                                  ctx->op == OP_APPROVE ? GOVERN_EVENT_MINUTES_APPROVED
                                                        : GOVERN_EVENT_MINUTES_DRAFTED,
                                  ctx->id, chg, head, ctx->r->as_of);
out:
    govern_meeting_free(mt);
    govern_committee_free(c);
    govern_config_free(cfg);
    return rc;
}

/* What each operation needs, and the rules its values meet, before anything
 * is read. */
static int check_request(const struct minutes_job *j)
{
    const struct govern_ops_minutes *r = j->r;
    int rc;
    switch (j->op) {
    case OP_DRAFT:
        if (r->worktree_exists && !r->worktree_text)
            return govern_error_set(GOVERN_EINVAL, "a draft to save needs its text");
        return 0;
    case OP_ATTEND:
        if (r->name || r->all_members || r->names)
            return 0;
        return govern_error_set(GOVERN_EUSAGE, "give names: --present A,B --apologies C ... or "
                                               "--all-members");
    case OP_DECLARE:
        if (!r->decl || !r->decl->member)
            return govern_error_set(GOVERN_EUSAGE, "declare needs --member, --minute and --kind");
        if (r->decl->dispensation && !govern_dispensation_granted(r->decl->dispensation))
            return govern_error_set(GOVERN_EINVAL,
                                    "rule interest: --dispensation records a dispensation that "
                                    "was granted and starts with 'Granted' (as in 'Granted by "
                                    "the Monitoring Officer on 1 December 2019'), not '%s'; "
                                    "leave it out when none was granted",
                                    r->decl->dispensation);
        return 0;
    case OP_ADD:
        return r->add_title && *r->add_title
                   ? 0
                   : govern_error_set(GOVERN_EUSAGE, "TITLE must not be empty");
    case OP_TEXT:
        if (!r->text)
            return govern_error_set(GOVERN_EUSAGE, "no TEXT");
        if (govern_utf8_check("TEXT", r->text, strlen(r->text)))
            return GOVERN_EINVAL;
        if (strlen(r->text) > 256 * 1024)
            return govern_error_set(GOVERN_EINVAL, "TEXT is longer than 256 KiB");
        return 0;
    case OP_APPROVE:
        if (!r->at)
            return govern_error_set(GOVERN_EUSAGE, "approve needs --at LATER-ID: the meeting "
                                                   "that confirmed the minutes");
        if ((rc = govern_meeting_id_check(r->at)))
            return govern_error_prefix(rc, "--at");
        return 0;
    case OP_VOTE:
        if (!r->vote || (!r->vote->for_.count && !r->vote->against.count))
            return govern_error_set(GOVERN_EUSAGE, "a vote needs --for or --against");
        return 0;
    }
    return 0;
}

static int run(struct govern_ops_result *out, struct govern_store *s,
               const struct govern_ops_minutes *r, enum op op)
{
    ops_result_init(out);
    if (!r || !r->meeting || !out)
        return govern_error_set(GOVERN_EINVAL, "a minutes operation needs a result and a meeting");
    if (ops_version_check(r->version, GOVERN_OPS_MINUTES_VERSION, "minutes"))
        return GOVERN_EINVAL;
    struct minutes_job j = {.op = op, .id = r->meeting, .r = r, .out = out};
    int rc = govern_meeting_id_check(r->meeting);
    if (!rc)
        rc = check_request(&j);
    if (!rc)
        rc = ops_transact(out, s, minutes_fn, &j);
    if (!rc)
        snprintf(out->summary, sizeof(out->summary), "%s", j.summary);
    return rc;
}

int govern_ops_minutes_draft(struct govern_ops_result *out, struct govern_store *s,
                             const struct govern_ops_minutes *req)
{
    return run(out, s, req, OP_DRAFT);
}

int govern_ops_minutes_attend(struct govern_ops_result *out, struct govern_store *s,
                              const struct govern_ops_minutes *req)
{
    return run(out, s, req, OP_ATTEND);
}

int govern_ops_minutes_declare(struct govern_ops_result *out, struct govern_store *s,
                               const struct govern_ops_minutes *req)
{
    return run(out, s, req, OP_DECLARE);
}

int govern_ops_minutes_add(struct govern_ops_result *out, struct govern_store *s,
                           const struct govern_ops_minutes *req)
{
    return run(out, s, req, OP_ADD);
}

int govern_ops_minutes_text(struct govern_ops_result *out, struct govern_store *s,
                            const struct govern_ops_minutes *req)
{
    return run(out, s, req, OP_TEXT);
}

int govern_ops_minutes_approve(struct govern_ops_result *out, struct govern_store *s,
                               const struct govern_ops_minutes *req)
{
    return run(out, s, req, OP_APPROVE);
}

int govern_ops_minutes_vote(struct govern_ops_result *out, struct govern_store *s,
                            const struct govern_ops_minutes *req)
{
    return run(out, s, req, OP_VOTE);
}
