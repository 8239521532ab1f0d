/*
 * The agenda operations (include/govern/ops.h): add, edit, move, remove,
 * publish and refresh.  Each loads the meeting and its agenda from the
 * branch head, refuses an agenda holding an exempt paragraph the clerk must
 * correct by hand, applies one edit, and writes the agenda back only after
 * it parses again by the rules a hand-written file meets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/check.h"
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/ops.h"
#include "govern/plugin.h"
#include "ops_priv.h"

enum agenda_op { OP_ADD, OP_EDIT, OP_MOVE, OP_REMOVE, OP_PUBLISH, OP_REFRESH };

struct agenda_job {
    enum agenda_op op;
    const char *id;
    const struct govern_ops_agenda_add *add;
    const struct govern_ops_agenda_edit *edit;
    const struct govern_ops_agenda_change *change;
    struct govern_ops_result *out;
};

static int check_fields(const char *title, const char *purpose, const char *text, const char *pages,
                        const char *fulfils, const char *urgent, bool editing)
{
    if (title && (!*title || strchr(title, '\n') || strchr(title, '\r')))
        return govern_error_set(GOVERN_EINVAL, "the title must be one line of text");
    if (urgent && (*urgent || !editing) && !govern_reason_stated(urgent))
        return govern_error_set(GOVERN_EINVAL,
                                "rule urgent: --urgent takes the reason for urgency (the special "
                                "circumstances, s100B(4) LGA 1972), not '%s'; leave it out when "
                                "the item is not urgent",
                                urgent);
    if (fulfils && *fulfils && govern_path_check_segment("--fulfils", fulfils))
        return GOVERN_EINVAL;
    if (pages && *pages && govern_pages_check(pages))
        return govern_error_prefix(GOVERN_EINVAL, "--pages");
    const char *texts[] = {title, purpose, text, urgent};
    for (size_t i = 0; i < 4; i++)
        if (texts[i] && govern_utf8_check("option", texts[i], strlen(texts[i])))
            return GOVERN_EINVAL;
    return 0;
}

int govern_ops_agenda_item_check(const struct govern_agenda_item *it)
{
    if (!it)
        return govern_error_set(GOVERN_EINVAL, "no agenda item");
    return check_fields(it->title, it->purpose, it->body, it->pages, it->fulfils, it->urgent,
                        false);
}

int govern_ops_agenda_edit_check(const struct govern_ops_agenda_edit *e)
{
    if (!e)
        return govern_error_set(GOVERN_EINVAL, "no agenda edit");
    if (ops_version_check(e->version, GOVERN_OPS_AGENDA_EDIT_VERSION, "agenda edit"))
        return GOVERN_EINVAL;
    if (e->exempt > 7 || e->exempt < -1)
        return govern_error_set(GOVERN_EINVAL,
                                "exempt must be a Schedule 12A paragraph from 1 to 7, not %d",
                                e->exempt);
    return check_fields(e->title, e->purpose, e->text, e->pages, e->fulfils, e->urgent, true);
}

/* A file name for a report: the slug of the item's title, free in head. */
static void report_name(char *out, size_t n, const char *title, struct govern_snapshot *head,
                        const char *id)
{
    char base[48];
    size_t k = 0;
    bool dash = false;
    for (const char *p = title; *p && k < sizeof(base) - 1; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            base[k++] = c;
            dash = false;
        } else if (!dash && k) {
            base[k++] = '-';
            dash = true;
        }
    }
    while (k && base[k - 1] == '-')
        k--;
    base[k] = '\0';
    if (!k)
        snprintf(base, sizeof(base), "report");
    for (int i = 1;; i++) {
        char path[400];
        if (i == 1)
            snprintf(out, n, "%s.md", base);
        else
            snprintf(out, n, "%s-%d.md", base, i);
        snprintf(path, sizeof(path), "%s/reports/%s", id, out);
        if (!govern_snapshot_exists(head, path))
            return;
    }
}

/* Puts a report for an item: its existing file when it has one, else a new
 * file named after the title. */
static int put_report(struct govern_change *chg, struct govern_snapshot *head, const char *id,
                      struct govern_agenda_item *it, const char *text)
{
    char name[80], path[400];
    if (it->report) {
        snprintf(name, sizeof(name), "%.79s", it->report);
    } else {
        report_name(name, sizeof(name), it->title, head, id);
        if (!(it->report = strdup(name)))
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    snprintf(path, sizeof(path), "%s/reports/%s", id, name);
    return govern_change_put(chg, path, text, strlen(text));
}

static int add_one(struct govern_change *chg, struct govern_snapshot *head, struct agenda_job *j,
                   struct govern_agenda *a)
{
    const struct govern_ops_agenda_add *r = j->add;
    int rc = govern_agenda_append(a, &r->items[0]);
    if (!rc && r->report_text)
        rc = put_report(chg, head, j->id, &a->items[a->n_items - 1], r->report_text);
    if (rc)
        return rc;
    j->out->item = a->n_items;
    if (r->position) {
        if (r->position > a->n_items)
            return govern_error_set(GOVERN_EINVAL, "--position %zu: the agenda has %zu items",
                                    r->position, a->n_items - 1);
        if ((rc = govern_agenda_move(a, a->n_items - 1, r->position - 1)))
            return rc;
        j->out->item = r->position;
    }
    snprintf(j->out->summary, sizeof(j->out->summary), "Add item %zu to the agenda of %s: %s%s",
             j->out->item, j->id, r->items[0].title, r->items[0].exempt ? " (exempt)" : "");
    return 0;
}

/* Several items (agenda add --from): in order, at the end or from position. */
static int add_many(struct agenda_job *j, struct govern_agenda *a)
{
    const struct govern_ops_agenda_add *r = j->add;
    size_t first = a->n_items;
    int rc = 0;
    if (r->position > first + 1)
        return govern_error_set(GOVERN_EINVAL, "--position %zu: the agenda has %zu items",
                                r->position, first);
    for (size_t i = 0; i < r->n_items && !rc; i++) {
        rc = govern_agenda_append(a, &r->items[i]);
        if (!rc && r->position)
            rc = govern_agenda_move(a, a->n_items - 1, r->position - 1 + i);
    }
    size_t at = r->position ? r->position : first + 1;
    j->out->item = at;
    if (!rc)
        snprintf(j->out->summary, sizeof(j->out->summary),
                 "Add items %zu to %zu to the agenda of %s (%zu items)", at, at + r->n_items - 1,
                 j->id, r->n_items);
    return rc;
}

static int edit_item(struct govern_change *chg, struct govern_snapshot *head, struct agenda_job *j,
                     struct govern_agenda *a)
{
    const struct govern_ops_agenda_edit *e = j->edit;
    if (e->item < 1 || e->item > a->n_items)
        return govern_error_set(GOVERN_EINVAL, "no item %zu on the agenda of %s (it has %zu)",
                                e->item, j->id, a->n_items);
    struct govern_agenda_item *it = &a->items[e->item - 1];
    int rc;
    if ((rc = ops_set_text(&it->title, e->title)) ||
        (rc = ops_set_text(&it->purpose, e->purpose)) || (rc = ops_set_text(&it->body, e->text)) ||
        (rc = ops_set_text(&it->pages, e->pages)) ||
        (rc = ops_set_text(&it->fulfils, e->fulfils)) ||
        (rc = ops_set_text(&it->urgent, e->urgent)))
        return rc;
    if (e->exempt >= 0)
        it->exempt = e->exempt;
    if (e->report_text && (rc = put_report(chg, head, j->id, it, e->report_text)))
        return rc;
    j->out->item = e->item;
    snprintf(j->out->summary, sizeof(j->out->summary), "Edit agenda item %zu of %s: %s", e->item,
             j->id, it->title);
    return 0;
}

/* Where the items of source start in a (or a->n_items), after removing them. */
static size_t take_out_source(struct govern_agenda *a, const char *source)
{
    size_t at = a->n_items;
    for (size_t i = a->n_items; i-- > 0;)
        if (a->items[i].source && !strcmp(a->items[i].source, source)) {
            govern_agenda_remove(a, i);
            at = i;
        }
    return at < a->n_items ? at : a->n_items;
}

/* Replaces each source's items in a by those in fresh, where the first of
 * them was (or at the end). */
static int replace_sources(struct govern_agenda *a, const struct govern_agenda *fresh,
                           struct govern_strlist *sources)
{
    int rc = 0;
    for (size_t i = 0; i < a->n_items && !rc; i++)
        if (a->items[i].source && !govern_strlist_contains(sources, a->items[i].source))
            rc = govern_strlist_add(sources, a->items[i].source);
    for (size_t i = 0; i < fresh->n_items && !rc; i++)
        if (!govern_strlist_contains(sources, fresh->items[i].source))
            rc = govern_strlist_add(sources, fresh->items[i].source);
    for (size_t k = 0; k < sources->count && !rc; k++) {
        size_t at = take_out_source(a, sources->items[k]);
        for (size_t i = 0; i < fresh->n_items && !rc; i++) {
            if (strcmp(fresh->items[i].source, sources->items[k]))
                continue;
            if (!(rc = govern_agenda_append(a, &fresh->items[i])))
                rc = govern_agenda_move(a, a->n_items - 1, at++);
        }
    }
    return rc;
}

static int refresh_items(struct govern_snapshot *head, struct agenda_job *j,
                         const struct govern_meeting *m, struct govern_agenda *a)
{
    const struct govern_ops_agenda_change *r = j->change;
    struct govern_committee *c = NULL;
    struct govern_config *cfg = NULL;
    struct govern_agenda fresh = {0};
    struct govern_strlist sources = GOVERN_STRLIST_INIT;
    fresh.meeting = m->id;
    fresh.path = a->path;
    int rc;
    if ((rc = govern_config_load(&cfg, head)) ||
        (rc = govern_committee_load(&c, head, m->committee)) ||
        (r->registry &&
         (rc = govern_registry_contribute_agenda(r->registry, &fresh, m, c, head, cfg, r->as_of))))
        goto out;
    rc = replace_sources(a, &fresh, &sources);
    char d[11];
    govern_date_format(d, r->as_of);
    if (!rc && !sources.count)
        rc = govern_error_set(GOVERN_EINVAL,
                              "the agenda of %s has no standing items to refresh, and no plugin "
                              "adds one as of %s (the Action log appears once the committee has "
                              "actions)",
                              j->id, d);
    if (!rc)
        snprintf(j->out->summary, sizeof(j->out->summary),
                 "Refresh the standing items of %s as of %s", j->id, d);
out:
    for (size_t i = 0; i < fresh.n_items; i++)
        govern_agenda_item_clear(&fresh.items[i]);
    free(fresh.items);
    govern_strlist_free(&sources);
    govern_committee_free(c);
    govern_config_free(cfg);
    return rc;
}

static int remove_item(struct govern_change *chg, struct govern_snapshot *head,
                       struct agenda_job *j, struct govern_agenda *a)
{
    size_t n = j->change->from;
    if (n < 1 || n > a->n_items)
        return govern_agenda_remove(a, n - 1);
    char title[200];
    snprintf(title, sizeof(title), "%s", a->items[n - 1].title);
    char *report = a->items[n - 1].report ? strdup(a->items[n - 1].report) : NULL;
    if (a->items[n - 1].report && !report)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    int rc = govern_agenda_remove(a, n - 1);
    if (!rc && report) {
        char path[400];
        bool still_used = false;
        for (size_t i = 0; i < a->n_items; i++)
            if (a->items[i].report && !strcmp(a->items[i].report, report))
                still_used = true;
        snprintf(path, sizeof(path), "%s/reports/%s", j->id, report);
        if (!still_used && govern_snapshot_exists(head, path))
            rc = govern_change_delete(chg, path);
    }
    free(report);
    if (!rc)
        snprintf(j->out->summary, sizeof(j->out->summary), "Remove agenda item %zu of %s: %s", n,
                 j->id, title);
    return rc;
}

/* The law lets a meeting go ahead on short notice (the agenda is still
 * published), but the clerk is told at once, in the words of check. */
static int notice_warning(struct agenda_job *j, struct govern_snapshot *head,
                          const struct govern_meeting *m)
{
    struct govern_config *cfg = NULL;
    govern_date date = j->change->date;
    int rc = govern_config_load(&cfg, head);
    if (rc)
        return rc;
    int clear = govern_date_clear_days(date, m->date, cfg->notice_counting, &cfg->holidays);
    if (date >= m->date || clear < cfg->notice_days) {
        char deadline[11];
        govern_date_format(deadline,
                           govern_date_notice_deadline(m->date, cfg->notice_days,
                                                       cfg->notice_counting, &cfg->holidays));
        rc = govern_buf_printf(
            &j->out->warnings,
            "warning: rule notice: the agenda of %s gives %d %s before the meeting; %d "
            "needed (publish by %s, s100B LGA 1972); govern check will report it\n",
            j->id, clear < 0 ? 0 : clear,
            cfg->notice_counting == GOVERN_NOTICE_WORKING ? "clear working days"
                                                          : "clear days (s243 LGA 1972)",
            cfg->notice_days, deadline);
    }
    govern_config_free(cfg);
    return rc;
}

static int publish(struct agenda_job *j, struct govern_snapshot *head,
                   const struct govern_meeting *m, struct govern_agenda *a)
{
    char d[40];
    govern_date date = j->change->date;
    if (a->published != GOVERN_DATE_NONE) {
        govern_date_format(d, a->published);
        return govern_error_set(GOVERN_EINVAL, "the agenda of %s was already published on %s",
                                j->id, d);
    }
    if (date == GOVERN_DATE_NONE)
        return govern_error_set(GOVERN_EINVAL, "publishing the agenda of %s needs a date", j->id);
    if (date > m->date)
        return govern_error_set(GOVERN_EINVAL, "--date is after the meeting");
    a->published = date;
    int rc = notice_warning(j, head, m);
    if (rc)
        return rc;
    govern_date_format_long(d, date);
    snprintf(j->out->summary, sizeof(j->out->summary), "Publish the agenda of %s on %s", j->id, d);
    return 0;
}

static int apply(struct govern_change *chg, struct govern_snapshot *head, struct agenda_job *j,
                 const struct govern_meeting *m, struct govern_agenda *a)
{
    switch (j->op) {
    case OP_ADD:
        return j->add->batch ? add_many(j, a) : add_one(chg, head, j, a);
    case OP_EDIT:
        return edit_item(chg, head, j, a);
    case OP_MOVE:
        snprintf(j->out->summary, sizeof(j->out->summary), "Move agenda item %zu of %s to %zu",
                 j->change->from, j->id, j->change->to);
        return govern_agenda_move(a, j->change->from - 1, j->change->to - 1);
    case OP_REMOVE:
        return remove_item(chg, head, j, a);
    case OP_PUBLISH:
        return publish(j, head, m, a);
    case OP_REFRESH:
        return refresh_items(head, j, m, a);
    }
    return 0;
}

/* Never rewrite a value the clerk must correct by hand. */
static int paragraph_guard(const struct govern_agenda *a)
{
    for (size_t i = 0; i < a->n_items; i++)
        if (a->items[i].exempt < 0)
            return govern_error_set(GOVERN_EINVAL,
                                    "%s:%d: item %zu has an invalid exempt paragraph (1-7); "
                                    "correct the file first",
                                    a->path, a->items[i].line, i + 1);
    return 0;
}

static int agenda_in(struct govern_change *chg, struct govern_snapshot *head, struct agenda_job *j)
{
    struct govern_meeting *m = NULL;
    struct govern_agenda *a = NULL, *check = NULL;
    struct govern_buf text = GOVERN_BUF_INIT;
    int rc;
    j->out->summary[0] = '\0';
    govern_buf_clear(&j->out->warnings);
    if ((rc = govern_meeting_load(&m, head, j->id)) || (rc = govern_agenda_load(&a, head, j->id)) ||
        (rc = paragraph_guard(a)))
        goto out;
    if ((rc = apply(chg, head, j, m, a)) || (rc = govern_agenda_serialize(&text, a)))
        goto out;
    /* the same rules as a hand-written file */
    if ((rc = govern_agenda_parse(&check, j->id, text.ptr, text.len)))
        goto out;
    if (!(rc = govern_change_put(chg, a->path, text.ptr, text.len)))
        rc = govern_change_message(chg, "%s", j->out->summary);
out:
    govern_agenda_free(check);
    govern_buf_free(&text);
    govern_agenda_free(a);
    govern_meeting_free(m);
    return rc;
}

static int agenda_fn(struct govern_change *chg, struct govern_snapshot *head, void *ctx)
{
    return agenda_in(chg, head, ctx);
}

static int run(struct govern_ops_result *out, struct govern_store *s, struct agenda_job *j)
{
    j->out = out;
    int rc = j->id ? govern_meeting_id_check(j->id)
                   : govern_error_set(GOVERN_EINVAL, "an agenda operation needs a meeting");
    return rc ? rc : ops_transact(out, s, agenda_fn, j);
}

static int add_check(const struct govern_ops_agenda_add *req)
{
    if (!req || !req->items || !req->n_items)
        return govern_error_set(GOVERN_EINVAL, "no agenda item to add");
    if (ops_version_check(req->version, GOVERN_OPS_AGENDA_ADD_VERSION, "agenda add"))
        return GOVERN_EINVAL;
    if (req->report_text && req->n_items != 1)
        return govern_error_set(GOVERN_EINVAL, "a report is for one item");
    for (size_t i = 0; i < req->n_items; i++) {
        int rc = govern_ops_agenda_item_check(&req->items[i]);
        if (rc)
            return req->n_items > 1 ? govern_error_prefix(rc, "item %zu", i + 1) : rc;
    }
    return 0;
}

int govern_ops_agenda_add(struct govern_ops_result *out, struct govern_store *s,
                          const struct govern_ops_agenda_add *req)
{
    struct agenda_job j = {.op = OP_ADD, .id = req ? req->meeting : NULL, .add = req};
    ops_result_init(out);
    int rc = add_check(req);
    return rc ? rc : run(out, s, &j);
}

int govern_ops_agenda_add_in(struct govern_ops_result *out, struct govern_change *chg,
                             struct govern_snapshot *head, const struct govern_ops_agenda_add *req)
{
    struct agenda_job j = {.op = OP_ADD, .id = req ? req->meeting : NULL, .add = req, .out = out};
    ops_result_init(out);
    int rc = add_check(req);
    if (rc)
        return rc;
    if (!out || !chg || !head || !j.id)
        return govern_error_set(GOVERN_EINVAL, "an agenda operation needs a result, a change "
                                               "set, a snapshot and a meeting");
    if ((rc = govern_meeting_id_check(j.id)))
        return rc;
    return agenda_in(chg, head, &j);
}

int govern_ops_agenda_edit(struct govern_ops_result *out, struct govern_store *s,
                           const struct govern_ops_agenda_edit *req)
{
    struct agenda_job j = {.op = OP_EDIT, .id = req ? req->meeting : NULL, .edit = req};
    ops_result_init(out);
    int rc = govern_ops_agenda_edit_check(req);
    return rc ? rc : run(out, s, &j);
}

static int change_op(struct govern_ops_result *out, struct govern_store *s,
                     const struct govern_ops_agenda_change *req, enum agenda_op op)
{
    ops_result_init(out);
    if (!req)
        return govern_error_set(GOVERN_EINVAL, "no agenda operation");
    if (ops_version_check(req->version, GOVERN_OPS_AGENDA_CHANGE_VERSION, "agenda"))
        return GOVERN_EINVAL;
    struct agenda_job j = {.op = op, .id = req->meeting, .change = req};
    return run(out, s, &j);
}

int govern_ops_agenda_move(struct govern_ops_result *out, struct govern_store *s,
                           const struct govern_ops_agenda_change *req)
{
    return change_op(out, s, req, OP_MOVE);
}

int govern_ops_agenda_remove(struct govern_ops_result *out, struct govern_store *s,
                             const struct govern_ops_agenda_change *req)
{
    return change_op(out, s, req, OP_REMOVE);
}

int govern_ops_agenda_publish(struct govern_ops_result *out, struct govern_store *s,
                              const struct govern_ops_agenda_change *req)
{
    return change_op(out, s, req, OP_PUBLISH);
}

int govern_ops_agenda_refresh(struct govern_ops_result *out, struct govern_store *s,
                              const struct govern_ops_agenda_change *req)
{
    return change_op(out, s, req, OP_REFRESH);
}
