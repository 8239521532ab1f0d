/*
 * The minutes rules of `govern check`: quorum (voting members present
 * against the committee's quorum, a substitute counting for the member
 * named in substitute_for), interest (a pecuniary interest, no dispensation,
 * and the member took part), minutes (numbering through the municipal year,
 * declarations that name real minutes, people listed once, members present,
 * minutes only of held meetings, approval at a later meeting) and frozen
 * (approved minutes byte for byte as they were tagged).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/error.h"
#include "govern/minutes.h"
#include "model_priv.h"

/* The member entry for name serving on d (any role), or NULL. */
static const struct govern_member *member_on(const struct govern_committee *c, const char *name,
                                             govern_date d)
{
    for (size_t i = 0; c && i < c->n_members; i++)
        if (!strcmp(c->members[i].name, name) && govern_member_active(&c->members[i], d))
            return &c->members[i];
    return NULL;
}

/* A voting seat held by name on d (substitutes only count in place of another). */
static const struct govern_member *voting_member(const struct govern_committee *c, const char *name,
                                                 govern_date d)
{
    for (size_t i = 0; c && i < c->n_members; i++) {
        const struct govern_member *m = &c->members[i];
        if (!strcmp(m->name, name) && govern_member_active(m, d) && m->voting &&
            m->role != GOVERN_ROLE_SUBSTITUTE)
            return m;
    }
    return NULL;
}

static int check_quorum(struct govern_diags *out, const struct govern_committee *c,
                        const struct govern_meeting *mt, const struct govern_minutes *mn)
{
    if (!c || !c->quorum)
        return 0;
    const struct govern_people *present = &mn->people[GOVERN_PRESENT];
    const struct govern_member **counted = calloc(present->count + 1, sizeof(*counted));
    if (!counted)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    int n = 0;
    for (size_t i = 0; i < present->count; i++) {
        const struct govern_person *p = &present->items[i];
        const struct govern_member *seat =
            voting_member(c, p->substitute_for ? p->substitute_for : p->name, mt->date);
        bool dup = false;
        for (int k = 0; k < n; k++)
            if (counted[k] == seat)
                dup = true;
        if (seat && !dup)
            counted[n++] = seat;
    }
    free(counted);
    if (n >= c->quorum)
        return 0;
    return govern_diags_add(out, mn->path, present->line ? present->line : 1, "quorum",
                            "%d voting member%s present, fewer than the quorum of %d for %s", n,
                            n == 1 ? "" : "s", c->quorum, c->name);
}

/* Recorded votes: the vote's own rules, and only voting members present
 * (or substitutes present for one) vote. */
static int check_votes(struct govern_diags *out, const struct govern_committee *c,
                       const struct govern_meeting *mt, const struct govern_minutes *mn)
{
    int rc = 0;
    for (size_t i = 0; i < mn->n_items && !rc; i++) {
        const struct govern_vote *v = mn->items[i].vote;
        if (!v)
            continue;
        if (govern_vote_validate(v, mn->path, v->line)) {
            const char *msg = govern_error_last(), *p = strstr(msg, ": ");
            rc = govern_diags_add(out, mn->path, v->line, "vote", "%s", p ? p + 2 : msg);
            govern_error_clear();
            continue;
        }
        const struct govern_strlist *lists[] = {&v->for_, &v->against, &v->abstain};
        for (int a = 0; a < 3 && !rc; a++)
            for (size_t k = 0; k < lists[a]->count && !rc; k++) {
                const char *name = lists[a]->items[k];
                const struct govern_person *p = NULL;
                for (size_t j = 0; j < mn->people[GOVERN_PRESENT].count; j++)
                    if (!strcmp(mn->people[GOVERN_PRESENT].items[j].name, name))
                        p = &mn->people[GOVERN_PRESENT].items[j];
                if (!p)
                    rc = govern_diags_add(out, mn->path, v->line, "vote",
                                          "'%s' votes on minute %d/%02d but is not listed as "
                                          "present",
                                          name, mn->items[i].number, mn->year % 100);
                else if (c &&
                         !voting_member(c, p->substitute_for ? p->substitute_for : name, mt->date))
                    rc = govern_diags_add(out, mn->path, v->line, "vote",
                                          "'%s' votes on minute %d/%02d but has no vote on %s "
                                          "(co-opted non-voting members, officers and guests "
                                          "do not vote)",
                                          name, mn->items[i].number, mn->year % 100, c->slug);
            }
    }
    return rc;
}

static int check_interests(struct govern_diags *out, const struct govern_minutes *mn)
{
    int rc = 0;
    for (size_t i = 0; i < mn->n_declarations && !rc; i++) {
        const struct govern_declaration *d = &mn->declarations[i];
        bool granted = govern_dispensation_granted(d->dispensation);
        if (d->kind == GOVERN_INTEREST_PECUNIARY && d->took_part && !granted)
            rc = govern_diags_add(
                out, mn->path, d->line, "interest",
                "%s declared a disclosable pecuniary interest in minute %d/%02d "
                "and took part without a dispensation%s%s%s",
                d->member, d->minute, mn->year % 100, d->dispensation ? " ('" : "",
                d->dispensation ? d->dispensation : "", d->dispensation ? "' is not a grant)" : "");
        else if (d->dispensation && !granted)
            rc = govern_diags_add(out, mn->path, d->line, "interest",
                                  "warning: the dispensation '%s' of %s does not record a grant "
                                  "(write 'Granted by WHOM on DATE', or leave it out)",
                                  d->dispensation, d->member);
    }
    return rc;
}

/* People listed twice, present names that are not members, substitutes,
 * declarations naming minutes that do not exist. */
static int check_people(struct govern_diags *out, const struct govern_committee *c,
                        const struct govern_meeting *mt, const struct govern_minutes *mn)
{
    int rc = 0;
    for (int l = 0; l < GOVERN_ATTENDANCE_LISTS && !rc; l++)
        for (size_t i = 0; i < mn->people[l].count && !rc; i++) {
            const struct govern_person *p = &mn->people[l].items[i];
            bool twice = false;
            for (int l2 = 0; l2 <= l && !twice; l2++)
                for (size_t j = 0; j < (l2 == l ? i : mn->people[l2].count); j++)
                    if (!strcmp(mn->people[l2].items[j].name, p->name)) {
                        rc = govern_diags_add(out, mn->path, p->line, "minutes",
                                              "'%s' is listed twice (in %s and %s)", p->name,
                                              govern_attendance_name((enum govern_attendance)l2),
                                              govern_attendance_name((enum govern_attendance)l));
                        twice = true;
                        break;
                    }
            if (rc || twice || !c)
                continue;
            if (l == GOVERN_PRESENT && p->substitute_for) {
                if (!member_on(c, p->substitute_for, mt->date))
                    rc = govern_diags_add(out, mn->path, p->line, "minutes",
                                          "'%s' substitutes for '%s', who is not a member of %s "
                                          "on %s",
                                          p->name, p->substitute_for, c->slug,
                                          mt->id + strlen(c->slug) + 1);
            } else if (l == GOVERN_PRESENT && !member_on(c, p->name, mt->date)) {
                rc = govern_diags_add(out, mn->path, p->line, "minutes",
                                      "warning: '%s' is listed as present but is not a member of "
                                      "%s on that day (list officers and guests under "
                                      "also_present)",
                                      p->name, c->slug);
            }
        }
    for (size_t i = 0; i < mn->n_declarations && !rc; i++) {
        const struct govern_declaration *d = &mn->declarations[i];
        if (!govern_minutes_item(mn, d->minute))
            rc = govern_diags_add(out, mn->path, d->line, "minutes",
                                  "the declaration of %s names minute %d/%02d, which these minutes "
                                  "do not have",
                                  d->member, d->minute, mn->year % 100);
    }
    return rc;
}

/* Sch 12 para 41: approved at the next suitable meeting of the same body,
 * held by --as-of, of minutes that record who was present. */
static int check_approval(struct govern_diags *out, const struct govern_model *m,
                          const struct govern_meeting *mt, const struct govern_minutes *mn,
                          const struct govern_meeting *at, govern_date as_of)
{
    char *why = NULL;
    /* only a meeting dated after mt's and not after at's can have been the
     * next suitable one: pass those (meetings are sorted by date) */
    size_t lo = 0, hi = 0;
    if (mt->date < at->date)
        govern_model_meeting_range(&lo, &hi, m, mt->date + 1, at->date);
    govern_lookup_steps += hi - lo;
    int rc = govern_minutes_approval_problem(&why, mn, mt, at, m->meetings + lo,
                                             m->agendas ? m->agendas + lo : NULL, hi - lo, as_of);
    if (!rc && why)
        rc = govern_diags_add(out, mn->path, mn->approved.line ? mn->approved.line : 1, "approval",
                              "approved at %s: %s", at->id,
                              why + (strncmp(why, "rule approval: ", 15) ? 0 : 15));
    free(why);
    return rc;
}

static int check_meeting(struct govern_diags *out, const struct govern_model *m, size_t idx,
                         const struct govern_minutes *mn, const struct govern_year_index *years,
                         govern_date as_of)
{
    const struct govern_meeting *mt = m->meetings[idx];
    int rc = 0, y = 0;
    govern_year_index_start(&y, years, mt->committee, mt->date);
    if (mt->status != GOVERN_STATUS_HELD)
        rc = govern_diags_add(out, mn->path, 1, "minutes",
                              "minutes of a meeting that is %s, not held (set 'status: held' in "
                              "%s once it has taken place)",
                              govern_meeting_status_name(mt->status), mt->path);
    if (!rc && mn->year != y)
        rc = govern_diags_add(out, mn->path, 1, "minutes",
                              "year %d is not the municipal year of the meeting (%d)", mn->year, y);
    if (!rc && mn->approved.at) {
        long later = govern_model_meeting_index(m, mn->approved.at);
        if (later < 0)
            rc = govern_diags_add(out, mn->path, mn->approved.line, "minutes",
                                  "approved at %s, which is not a meeting in this store",
                                  mn->approved.at);
        else if (m->meetings[later]->date <= mt->date || (size_t)later <= idx)
            rc = govern_diags_add(out, mn->path, mn->approved.line, "minutes",
                                  "approved at %s, which is not a later meeting", mn->approved.at);
        else
            rc = check_approval(out, m, mt, mn, m->meetings[later], as_of);
    }
    return rc;
}

/* Index of the committee slug in m->committees, or -1: a binary search in a
 * loaded model (committees sorted by slug, as govern_model_committee). */
static long committee_index(const struct govern_model *m, const char *slug)
{
    if (!m->meeting_by_id) { /* a model built by hand: committees in any order */
        for (size_t i = 0; i < m->n_committees; i++)
            if (!strcmp(m->committees[i]->slug, slug))
                return (long)i;
        return -1;
    }
    size_t lo = 0, hi = m->n_committees;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(m->committees[mid]->slug, slug);
        govern_lookup_steps++;
        if (!c)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Where each committee's numbering stands while the meetings are walked. */
struct numbering {
    govern_date year;
    int expect;
};

static int number_items(struct govern_diags *out, const struct govern_minutes *mn,
                        struct numbering *st)
{
    int rc = 0;
    for (size_t k = 0; k < mn->n_items && !rc; k++) {
        const struct govern_minute *it = &mn->items[k];
        if (it->number < st->expect)
            rc = govern_diags_add(out, mn->path, it->line, "minutes",
                                  "minute %d/%02d is numbered again (the municipal year's "
                                  "minutes had reached %d)",
                                  it->number, mn->year % 100, st->expect - 1);
        else if (it->number > st->expect)
            rc = govern_diags_add(out, mn->path, it->line, "minutes",
                                  "minute %d/%02d leaves a gap: the municipal year's next "
                                  "number is %d",
                                  it->number, mn->year % 100, st->expect);
        if (it->number >= st->expect)
            st->expect = it->number + 1;
    }
    return rc;
}

/* Numbers across a committee's minutes in each municipal year: 1, 2, 3...
 * in meeting order, no gaps and no duplicates.  One walk of the meetings,
 * each committee's place kept apart (meetings of a committee whose
 * committee.md did not load are not numbered). */
static int check_numbering(struct govern_diags *out, const struct govern_model *m,
                           const struct govern_year_index *years)
{
    struct numbering *st = calloc(m->n_committees + 1, sizeof(*st));
    int rc = st ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t c = 0; !rc && c < m->n_committees; c++)
        st[c] = (struct numbering){GOVERN_DATE_NONE, 1};
    for (size_t i = 0; i < m->n_meetings && !rc; i++) {
        const struct govern_meeting *mt = m->meetings[i];
        const struct govern_minutes *mn = m->minutes ? m->minutes[i] : NULL;
        long c = mn ? committee_index(m, mt->committee) : -1;
        if (c < 0)
            continue;
        govern_date ys = govern_year_index_start(NULL, years, mt->committee, mt->date);
        if (ys != st[c].year) {
            st[c].year = ys;
            st[c].expect = 1;
        }
        rc = number_items(out, mn, &st[c]);
    }
    free(st);
    return rc;
}

/* What check_frozen needs from the store, found once per check: how many
 * approval tags there are, and (only when there are none) the commits that
 * changed each meeting's directory, from one walk of the history for all
 * the approved minutes instead of one walk per minutes file. */
struct frozen_ctx {
    const struct govern_model *m;
    struct govern_store *store;
    size_t tags;             /* SIZE_MAX: not counted yet */
    struct govern_log *logs; /* per meeting index; NULL: not walked yet */
};

/* The history of every directory holding minutes, in one walk (approved
 * ones for their approval, drafts in case they were approved once). */
static int walk_history(struct frozen_ctx *f)
{
    const struct govern_model *m = f->m;
    size_t n = m->n_meetings;
    char **dirs = calloc(n ? n : 1, sizeof(*dirs));
    size_t *at = malloc((n ? n : 1) * sizeof(*at)), k = 0;
    struct govern_log *logs = calloc(n ? n : 1, sizeof(*logs)), *found = NULL;
    int rc = dirs && at && logs ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < n; i++) {
        const char *p = m->minutes[i] ? m->minutes[i]->path : NULL, *sl;
        if (!p || !(sl = strrchr(p, '/')))
            continue;
        if (!(dirs[k] = strndup(p, (size_t)(sl - p))))
            rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        else
            at[k++] = i;
    }
    if (!rc && !(found = calloc(k ? k : 1, sizeof(*found))))
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
    if (!rc)
        rc = govern_store_dir_commits(found, f->store, NULL, (const char *const *)dirs, k);
    for (size_t j = 0; !rc && j < k; j++)
        logs[at[j]] = found[j];
    for (size_t j = 0; dirs && j < k; j++)
        free(dirs[j]);
    free(dirs);
    free(at);
    free(found);
    if (rc) {
        free(logs);
        return rc;
    }
    f->logs = logs;
    return 0;
}

/* Did the commit change path against its first parent? */
static bool file_changed(struct govern_store *store, const char *commit, const char *path,
                         const struct govern_buf *now, int now_rc)
{
    char parent[64];
    struct govern_buf before = GOVERN_BUF_INIT;
    snprintf(parent, sizeof(parent), "%s^", commit);
    int e = govern_store_read_at(&before, store, parent, path);
    bool same =
        e == now_rc &&
        (e || (before.len == now->len && (!now->len || !memcmp(before.ptr, now->ptr, now->len))));
    govern_buf_free(&before);
    return !same;
}

/* The bytes of path when its minutes were first approved in the history
 * of the current branch (the commits that changed it, newest first, so the
 * last approved version seen is the earliest); ENOTFOUND when no commit
 * holds them approved. */
static int approved_in_history(struct govern_buf *out, char id[41], struct frozen_ctx *f, size_t mi)
{
    int rc = f->logs ? 0 : walk_history(f), found = 0;
    const struct govern_minutes *mn = f->m->minutes[mi];
    const struct govern_log *log = rc ? NULL : &f->logs[mi];
    for (size_t i = 0; !rc && i < log->count; i++) {
        struct govern_buf b = GOVERN_BUF_INIT;
        struct govern_minutes *old = NULL;
        int e = govern_store_read_at(&b, f->store, log->entries[i].id, mn->path);
        if (!file_changed(f->store, log->entries[i].id, mn->path, &b, e)) {
            govern_buf_free(&b); /* the directory changed, not the minutes */
            continue;
        }
        if (!e && !govern_minutes_parse(&old, mn->meeting, b.ptr ? b.ptr : "", b.len) &&
            old->status == GOVERN_MINUTES_APPROVED) {
            govern_buf_clear(out);
            rc = govern_buf_put(out, b.ptr ? b.ptr : "", b.len);
            memcpy(id, log->entries[i].id, 41);
            found = 1;
        } else if (found) {
            /* older versions were drafts: the one after is the approval */
            govern_minutes_free(old);
            govern_buf_free(&b);
            break;
        }
        govern_minutes_free(old);
        govern_buf_free(&b);
    }
    govern_error_clear();
    if (rc)
        return rc;
    return found ? 0 : GOVERN_ENOTFOUND;
}

/* Minutes marked draft again by hand (status and approved: edited) while
 * their approval's tag exists, or, in a clone without tags, while the
 * branch's history holds them approved. */
static int check_unfrozen(struct govern_diags *out, struct frozen_ctx *f, size_t mi)
{
    const struct govern_minutes *mn = f->m->minutes[mi];
    struct govern_store *store = f->store;
    char *tag = govern_minutes_tag(mn->meeting);
    if (!tag)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    struct govern_buf then = GOVERN_BUF_INIT;
    char rev[600], id[41] = "";
    snprintf(rev, sizeof(rev), "refs/tags/%s", tag);
    const char *baseline = tag;
    int e = govern_store_read_at(&then, store, rev, mn->path), rc = 0;
    if (e == GOVERN_ENOTFOUND && f->tags == SIZE_MAX) {
        int t = govern_store_tag_count(&f->tags, store, "minutes/*");
        if (t)
            e = t;
    }
    if (e == GOVERN_ENOTFOUND && f->tags == 0) {
        e = approved_in_history(&then, id, f, mi);
        baseline = id;
    }
    if (!e)
        rc = govern_diags_add(out, mn->path, mn->status_line ? mn->status_line : 1, "frozen",
                              "the minutes of %s were approved (%s) and are now marked draft: "
                              "approved minutes never change; restore them with 'git checkout "
                              "%s -- %s' and record a correction as a new minute at a later "
                              "meeting",
                              mn->meeting, baseline, baseline, mn->path);
    else if (e != GOVERN_ENOTFOUND)
        rc = e;
    if (!rc)
        govern_error_clear();
    govern_buf_free(&then);
    free(tag);
    return rc;
}

/* Approved minutes deleted from the store while their tag exists. */
static int check_deleted(struct govern_diags *out, struct govern_snapshot *snap,
                         struct govern_store *store)
{
    struct govern_strlist tags = GOVERN_STRLIST_INIT;
    int rc = govern_store_tag_list(&tags, store, "minutes/*");
    for (size_t i = 0; !rc && i < tags.count; i++) {
        const char *id = tags.items[i] + strlen("minutes/");
        char *path = govern_meeting_id_check(id) ? NULL : govern_minutes_path(id);
        govern_error_clear();
        if (!path || govern_snapshot_exists(snap, path)) {
            free(path);
            continue;
        }
        struct govern_buf then = GOVERN_BUF_INIT;
        char rev[600];
        snprintf(rev, sizeof(rev), "refs/tags/%s", tags.items[i]);
        int e = govern_store_read_at(&then, store, rev, path);
        if (!e)
            rc = govern_diags_add(out, path, 0, "frozen",
                                  "the approved minutes of %s (tag %s) were deleted: approved "
                                  "minutes never change; restore them with 'git checkout %s -- %s'",
                                  id, tags.items[i], tags.items[i], path);
        else if (e != GOVERN_ENOTFOUND)
            rc = e;
        else
            govern_error_clear();
        govern_buf_free(&then);
        free(path);
    }
    govern_strlist_free(&tags);
    return rc;
}

/* Approved minutes must keep the bytes they were approved with.  The
 * approval's tag holds them; a clone or copy without tags falls back to the
 * commit of the branch's history that approved them. */
static int check_frozen(struct govern_diags *out, struct frozen_ctx *f, size_t mi,
                        struct govern_snapshot *snap)
{
    const struct govern_minutes *mn = f->m->minutes[mi];
    struct govern_store *store = f->store;
    size_t *tags = &f->tags;
    if (mn->status != GOVERN_MINUTES_APPROVED && store)
        return check_unfrozen(out, f, mi);
    if (mn->status != GOVERN_MINUTES_APPROVED || !store)
        return 0;
    char *tag = govern_minutes_tag(mn->meeting);
    if (!tag)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    struct govern_buf now = GOVERN_BUF_INIT, then = GOVERN_BUF_INIT;
    char rev[600], id[41] = "";
    snprintf(rev, sizeof(rev), "refs/tags/%s", tag);
    const char *baseline = tag, *kind = "tag";
    int rc = govern_snapshot_read(&now, snap, mn->path);
    if (!rc) {
        int e = govern_store_read_at(&then, store, rev, mn->path);
        /* the tags are counted once per check, not once per minutes */
        if (e == GOVERN_ENOTFOUND && *tags == SIZE_MAX) {
            int t = govern_store_tag_count(tags, store, "minutes/*");
            if (t)
                e = t;
        }
        if (e == GOVERN_ENOTFOUND) {
            if (*tags == 0) {
                /* a clone or copy without tags: the history must do */
                e = approved_in_history(&then, id, f, mi);
                baseline = id;
                kind = "commit";
            } else {
                e = GOVERN_EEXISTS; /* other approvals are tagged, this one is not */
            }
        }
        if (e == GOVERN_EEXISTS)
            rc = govern_diags_add(out, mn->path, mn->status_line, "frozen",
                                  "approved minutes without the tag %s (or not in it): they were "
                                  "not approved by govern minutes approve",
                                  tag);
        else if (e == GOVERN_ENOTFOUND)
            rc = govern_diags_add(out, mn->path, mn->status_line, "frozen",
                                  "minutes marked approved but never approved with govern minutes "
                                  "approve (no tag %s and no approved version in the history)",
                                  tag);
        else if (e)
            rc = e;
        else if (then.len != now.len || (now.len && memcmp(then.ptr, now.ptr, now.len) != 0))
            rc = govern_diags_add(out, mn->path, 1, "frozen",
                                  "approved minutes were changed after their approval (%s %s); "
                                  "approved minutes never change: restore them with 'git "
                                  "checkout %s -- %s' and record a correction as a new minute at "
                                  "a later meeting",
                                  kind, baseline, baseline, mn->path);
    }
    if (!rc)
        govern_error_clear();
    govern_buf_free(&now);
    govern_buf_free(&then);
    free(tag);
    return rc;
}

int govern_check_minutes(struct govern_diags *out, const struct govern_model *m,
                         struct govern_snapshot *snap, struct govern_store *store,
                         govern_date as_of)
{
    int rc = 0;
    struct frozen_ctx f = {m, store, SIZE_MAX, NULL};
    if (!m->minutes)
        return 0;
    struct govern_year_index *years = NULL;
    if ((rc = govern_year_index_build(&years, m->config, m->meetings, m->n_meetings)))
        return rc;
    for (size_t i = 0; i < m->n_meetings && !rc; i++) {
        const struct govern_minutes *mn = m->minutes[i];
        if (!mn)
            continue;
        const struct govern_meeting *mt = m->meetings[i];
        const struct govern_committee *c = govern_model_committee(m, mt->committee);
        if (!(rc = check_meeting(out, m, i, mn, years, as_of)) &&
            !(rc = check_quorum(out, c, mt, mn)) && !(rc = check_interests(out, mn)) &&
            !(rc = check_people(out, c, mt, mn)) && !(rc = check_votes(out, c, mt, mn)))
            rc = check_frozen(out, &f, i, snap);
    }
    for (size_t i = 0; f.logs && i < m->n_meetings; i++)
        govern_log_free(&f.logs[i]);
    free(f.logs);
    if (!rc)
        rc = check_numbering(out, m, years);
    govern_year_index_free(years);
    if (!rc && store)
        rc = check_deleted(out, snap, store);
    return rc;
}
