/*
 * The built-in reporting-cycles plugin: `govern cycle add|list|status|
 * upcoming` over the cycle files in cycles/, and the check rules of check.c.
 * Like every plugin it never prints: output goes to the invocation's buffer.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/action.h"
#include "govern/ops.h"
#include "govern/priority.h"
#include "cycles.h"
#include "govern/output.h"

static const struct govern_opt add_opts[] = {
    {"name", 0, GOVERN_OPT_VALUE, "TEXT", "name of the report"},
    {"owner", 0, GOVERN_OPT_VALUE, "BODY", "committee that owes the report"},
    {"to", 0, GOVERN_OPT_VALUE, "BODY", "committee the report goes to"},
    {"period", 0, GOVERN_OPT_VALUE, "PERIOD", "annual, six-monthly or quarterly"},
    {"due", 0, GOVERN_OPT_VALUE, "RULE", "MM-DD, or 'first meeting of BODY in MONTH'"},
    {"basis", 0, GOVERN_OPT_VALUE, "TEXT", "statutory or other basis"},
    {"statutory", 0, GOVERN_OPT_VALUE, "DUTY",
     "crime-and-disorder: 'to' reviews the partnership yearly"},
    {"review-of", 0, GOVERN_OPT_VALUE, "BODY", "the partnership reviewed (default --owner)"},
    {"since", 0, GOVERN_OPT_VALUE, "PERIOD", "first period tracked, e.g. 2021"},
    {"until", 0, GOVERN_OPT_VALUE, "PERIOD", "last period tracked"},
    {"reporting-year", 0, GOVERN_OPT_VALUE, "YEAR",
     "municipal, financial or calendar: the year a report covers (annual only; default: "
     "the twelve months before the due date)"},
    {NULL, 0, 0, NULL, NULL},
};

static const struct govern_opt status_opts[] = {
    {"all", 0, GOVERN_OPT_FLAG, NULL, "every period since the first tracked"},
    {NULL, 0, 0, NULL, NULL},
};

static const struct govern_opt upcoming_opts[] = {
    {"months", 0, GOVERN_OPT_VALUE, "N", "how far ahead to look, 1-60 (default 6)"},
    {NULL, 0, 0, NULL, NULL},
};

static const struct govern_opt report_opts[] = {
    {"period", 0, GOVERN_OPT_VALUE, "LABEL", "the period's label, e.g. 2021"},
    {"meeting", 0, GOVERN_OPT_VALUE, "ID", "the receiving body's meeting it is drafted for"},
    {"commit", 0, GOVERN_OPT_FLAG, NULL,
     "save the draft as a new agenda item's report at --meeting"},
    {NULL, 0, 0, NULL, NULL},
};

#define USAGE                                                                                      \
    "govern cycle add SLUG --name TEXT --owner BODY --to BODY\n"                                   \
    "                 --period annual|six-monthly|quarterly --due RULE [--basis TEXT]\n"           \
    "                 [--statutory crime-and-disorder [--review-of BODY]]\n"                       \
    "                 [--since PERIOD] [--until PERIOD] [--reporting-year YEAR]\n"                 \
    "       govern cycle list [--format text|json|csv|xlsx]\n"                                     \
    "       govern cycle status [--all] [--format text|json|csv|xlsx]\n"                           \
    "       govern cycle upcoming [--months N] [--format text|json|csv|xlsx]\n"                    \
    "       govern cycle report CYCLE --period LABEL [--format md|html]\n"                         \
    "                 [--meeting ID [--commit]]"

/* what the listing commands write */
static const char *const table_formats[] = {"text", "json", "csv", "xlsx", NULL};

/* ---------------------------------------------------------------- add */

struct add_ctx {
    struct cycle *c;
};

static int need_committee(struct govern_snapshot *head, const char *opt, const char *slug)
{
    struct govern_committee *c = NULL;
    int rc = govern_committee_load(&c, head, slug);
    govern_committee_free(c);
    if (rc == GOVERN_ENOTFOUND)
        return govern_error_set(GOVERN_ENOTFOUND, "%s: unknown committee '%s'", opt, slug);
    return rc;
}

static int add_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct cycle *c = ((struct add_ctx *)vctx)->c;
    int rc;
    if (govern_snapshot_exists(head, c->path))
        return govern_error_set(GOVERN_EEXISTS, "cycle '%s' already exists (%s)", c->slug, c->path);
    if ((rc = need_committee(head, "--owner", c->owner)) ||
        (rc = need_committee(head, "--to", c->to)) ||
        (c->due.body && (rc = need_committee(head, "--due", c->due.body))) ||
        (c->review_of && (rc = need_committee(head, "--review-of", c->review_of))))
        return rc;
    struct govern_buf text = GOVERN_BUF_INIT;
    if (!(rc = cycle_serialize(&text, c)) &&
        !(rc = govern_change_put(chg, c->path, text.ptr, text.len)))
        rc = govern_change_message(chg, "Add reporting cycle %s: %s", c->slug, c->name);
    govern_buf_free(&text);
    return rc;
}

static int opt_period(int *out, const struct govern_args *a, const char *name, enum cycle_kind kind)
{
    const char *v = govern_args_get(a, name);
    *out = -1;
    if (v && cycle_period_parse(out, v, kind))
        return govern_error_prefix(GOVERN_EINVAL, "--%s", name);
    return 0;
}

static int do_add(struct govern_invocation *inv, struct govern_args *a)
{
    int rc = govern_args_positional(a, 2, 2, "govern cycle add SLUG --name TEXT ...");
    if (rc)
        return rc;
    const char *slug = a->positional.items[1];
    static const char *const required[] = {"name", "owner", "to", "period", "due", NULL};
    for (const char *const *r = required; *r; r++)
        if (!govern_args_get(a, *r) || !*govern_args_get(a, *r))
            return govern_error_set(GOVERN_EUSAGE, "cycle add needs --%s", *r);
    struct cycle *c = calloc(1, sizeof(*c));
    if (!c)
        return govern_oom();
    c->since = c->until = -1;
    const char *v;
    if ((rc = govern_path_check_segment("cycle slug", slug)))
        goto out;
    if (!(c->slug = govern_strdup(slug)) ||
        !(c->name = govern_strdup(govern_args_get(a, "name"))) ||
        !(c->owner = govern_strdup(govern_args_get(a, "owner"))) ||
        !(c->to = govern_strdup(govern_args_get(a, "to"))) ||
        ((v = govern_args_get(a, "basis")) && !(c->basis = govern_strdup(v)))) {
        rc = govern_oom();
        goto out;
    }
    if ((rc = govern_path_check_segment("--owner", c->owner)) ||
        (rc = govern_path_check_segment("--to", c->to)))
        goto out;
    if ((rc = cycle_kind_parse(&c->kind, govern_args_get(a, "period"))) ||
        (rc = cycle_due_parse(&c->due, govern_args_get(a, "due")))) {
        rc = govern_error_prefix(rc, "--%s", c->kind ? "due" : "period");
        goto out;
    }
    if ((v = govern_args_get(a, "statutory")) && !(c->statutory = govern_strdup(v))) {
        rc = govern_oom();
        goto out;
    }
    if ((v = govern_args_get(a, "reporting-year")) && !(c->reporting_year = govern_strdup(v))) {
        rc = govern_oom();
        goto out;
    }
    if ((v = govern_args_get(a, "review-of")) && !(c->review_of = govern_strdup(v))) {
        rc = govern_oom();
        goto out;
    }
    if ((rc = opt_period(&c->since, a, "since", c->kind)) ||
        (rc = opt_period(&c->until, a, "until", c->kind)))
        goto out;
    if (!(c->body = govern_strdup(cycle_default_body))) {
        rc = govern_oom();
        goto out;
    }
    {
        char path[200];
        snprintf(path, sizeof(path), CYCLES_DIR "/%.150s.md", slug);
        if (!(c->path = govern_strdup(path))) {
            rc = govern_oom();
            goto out;
        }
    }
    /* the same rules as a hand-written file: a round trip through the parser */
    struct govern_buf text = GOVERN_BUF_INIT;
    struct cycle *check = NULL;
    if (!(rc = cycle_serialize(&text, c)))
        rc = cycle_parse(&check, slug, text.ptr, text.len);
    cycle_free(check);
    govern_buf_free(&text);
    if (rc) {
        /* the message names the would-be file ("cycles/x.md:N: ..."): drop that */
        const char *msg = govern_error_last(), *p = strstr(msg, ".md:");
        if (p) {
            p += 4;
            while (*p >= '0' && *p <= '9')
                p++;
            if (*p == ':')
                p++;
            while (*p == ' ')
                p++;
            char copy[1024];
            snprintf(copy, sizeof(copy), "%s", p);
            rc = govern_error_set(rc, "invalid cycle: %s", copy);
        }
        goto out;
    }
    struct add_ctx ctx = {c};
    struct govern_commit_info info;
    if (!(rc = govern_store_transact(&info, inv->store, add_fn, &ctx)))
        rc = govern_buf_printf(inv->out, "Added cycle %s (%s)\n", c->slug, c->name);
out:
    cycle_free(c);
    return rc;
}

/* --------------------------------------------------------------- list */

static json_t *cycle_json(const struct cycle *c)
{
    struct govern_buf due = GOVERN_BUF_INIT;
    char since[16], until[16];
    cycle_due_format(&due, &c->due);
    if (c->since >= 0)
        cycle_period_label(since, c->since, c->kind);
    if (c->until >= 0)
        cycle_period_label(until, c->until, c->kind);
    json_t *o = json_object();
    json_object_set_new(o, "slug", json_string(c->slug));
    json_object_set_new(o, "name", json_string(c->name));
    json_object_set_new(o, "owner", json_string(c->owner));
    json_object_set_new(o, "to", json_string(c->to));
    json_object_set_new(o, "period", json_string(cycle_kind_name(c->kind)));
    json_object_set_new(o, "due", json_string(due.ptr ? due.ptr : ""));
    json_object_set_new(o, "basis", govern_json_str(c->basis));
    json_object_set_new(o, "statutory", govern_json_str(c->statutory));
    json_object_set_new(o, "reporting_year", govern_json_str(c->reporting_year));
    json_object_set_new(o, "review_of", govern_json_str(c->review_of));
    json_object_set_new(o, "since", govern_json_str(c->since >= 0 ? since : NULL));
    json_object_set_new(o, "until", govern_json_str(c->until >= 0 ? until : NULL));
    govern_buf_free(&due);
    return o;
}

static int do_list(struct govern_invocation *inv, struct govern_args *a, struct cycle_list *l)
{
    const char *fmt;
    int rc = govern_args_positional(a, 1, 1, "govern cycle list");
    if (rc || (rc = govern_output_format(&fmt, inv->format, "text", table_formats)))
        return rc;
    if (!strcmp(fmt, "json")) {
        json_t *arr = json_array();
        for (size_t i = 0; i < l->count; i++)
            json_array_append_new(arr, cycle_json(l->items[i]));
        json_t *o = json_object();
        json_object_set_new(o, "cycles", arr);
        return govern_json_write(inv->out, o, 0);
    }
    if (!l->count && !strcmp(fmt, "text"))
        return govern_buf_puts(inv->out, "No reporting cycles.\n");
    static const char *const hdr[] = {"SLUG", "PERIOD", "OWNER", "TO", "DUE", "NAME"};
    struct govern_table *t = NULL;
    if ((rc = govern_table_new(&t, 6, hdr)))
        return rc;
    for (size_t i = 0; !rc && i < l->count; i++) {
        const struct cycle *c = l->items[i];
        struct govern_buf due = GOVERN_BUF_INIT;
        if (!(rc = cycle_due_format(&due, &c->due))) {
            const char *row[] = {c->slug, cycle_kind_name(c->kind), c->owner, c->to, due.ptr,
                                 c->name};
            rc = govern_table_row(t, row);
        }
        govern_buf_free(&due);
    }
    if (!rc)
        rc = govern_table_render_as(inv->out, t, fmt, inv->color, "cycles");
    govern_table_free(t);
    return rc;
}

/* ------------------------------------------------------------- status */

static const char *item_title(const struct govern_model *m, const struct cycle_item_ref *r)
{
    return m->agendas[r->meeting]->items[r->item].title;
}

static json_t *ref_json(const struct govern_model *m, const struct cycle_item_ref *r)
{
    if (r->meeting < 0)
        return json_null();
    const struct govern_meeting *mt = m->meetings[r->meeting];
    json_t *o = json_object();
    json_object_set_new(o, "meeting", json_string(mt->id));
    json_object_set_new(o, "date", govern_json_date(mt->date));
    json_object_set_new(o, "item", json_integer((json_int_t)r->item + 1));
    json_object_set_new(o, "title", json_string(item_title(m, r)));
    json_object_set_new(o, "explicit_period", json_boolean(r->explicit_period));
    return o;
}

static json_t *period_json(const struct govern_model *m, const struct cycle_period *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "period", json_string(p->label));
    json_object_set_new(o, "start", govern_json_date(p->start));
    json_object_set_new(o, "end", govern_json_date(p->end));
    json_object_set_new(o, "due", govern_json_date(p->due));
    json_object_set_new(o, "due_source", json_string(cycle_due_source_name(p->due_source)));
    json_object_set_new(o, "due_meeting",
                        p->due_meeting >= 0 ? json_string(m->meetings[p->due_meeting]->id)
                                            : json_null());
    json_object_set_new(o, "status", json_string(cycle_state_name(p->state)));
    json_object_set_new(o, "fulfilled_by", ref_json(m, &p->fulfilled));
    json_object_set_new(o, "planned", ref_json(m, &p->planned));
    return o;
}

/* "meeting cabinet/2021-12-07", "no cabinet meeting in December: 1st", "fixed" */
static int due_from_text(struct govern_buf *b, const struct govern_model *m, const struct cycle *c,
                         const struct cycle_period *p)
{
    if (p->due_source == CYCLE_DUE_MEETING)
        return govern_buf_printf(b, "first meeting %s", m->meetings[p->due_meeting]->id);
    if (p->due_source == CYCLE_DUE_FALLBACK)
        return govern_buf_printf(b, "no %s meeting: 1st of month", c->due.body);
    return govern_buf_puts(b, "fixed date");
}

static int ref_text(struct govern_buf *b, const struct govern_model *m,
                    const struct cycle_period *p)
{
    const struct cycle_item_ref *r = p->fulfilled.meeting >= 0 ? &p->fulfilled : &p->planned;
    if (r->meeting < 0)
        return 0;
    return govern_buf_printf(b, "%s%s item %zu", r == &p->planned ? "planned: " : "",
                             m->meetings[r->meeting]->id, r->item + 1);
}

static int do_status(struct govern_invocation *inv, struct govern_args *a,
                     const struct cycle_list *l, const struct govern_model *m)
{
    const char *fmt;
    int rc = govern_args_positional(a, 1, 1, "govern cycle status");
    if (rc || (rc = govern_output_format(&fmt, inv->format, "text", table_formats)))
        return rc;
    bool all = govern_args_flag(a, "all");
    bool json = !strcmp(fmt, "json");
    static const char *const hdr[] = {"CYCLE",    "PERIOD", "DUE",
                                      "DUE FROM", "STATUS", "FULFILLED BY"};
    struct govern_table *t = NULL;
    json_t *arr = json_array();
    if (!json && ((rc = govern_table_new(&t, 6, hdr)) || (rc = govern_table_types(t, "ttdttt"))))
        goto out;
    for (size_t i = 0; !rc && i < l->count; i++) {
        const struct cycle *c = l->items[i];
        int cur = cycle_current_period(c, m, inv->as_of);
        int from = all ? cycle_first_period(c, m, inv->as_of) : cur;
        if (!all && cur - 1 >= (c->since >= 0 ? c->since : cycle_first_period(c, m, inv->as_of))) {
            /* the previous period too, when it was missed */
            struct cycle_period prev;
            cycle_period_compute(&prev, c, m, cur - 1, inv->as_of);
            if (prev.state == CYCLE_MISSED)
                from = cur - 1;
        }
        json_t *periods = json_array();
        for (int p = from; !rc && p <= cur; p++) {
            struct cycle_period pd;
            cycle_period_compute(&pd, c, m, p, inv->as_of);
            if (json) {
                json_array_append_new(periods, period_json(m, &pd));
                continue;
            }
            struct govern_buf df = GOVERN_BUF_INIT, by = GOVERN_BUF_INIT;
            char due[11];
            govern_date_format(due, pd.due);
            if (!(rc = due_from_text(&df, m, c, &pd)) && !(rc = ref_text(&by, m, &pd))) {
                const char *row[] = {c->slug, pd.label, due, df.ptr, cycle_state_name(pd.state),
                                     by.ptr};
                rc = govern_table_row(t, row);
            }
            govern_buf_free(&df);
            govern_buf_free(&by);
        }
        if (json) {
            json_t *o = cycle_json(c);
            json_object_set_new(o, "periods", periods);
            json_array_append_new(arr, o);
        } else {
            json_decref(periods);
        }
    }
    if (rc)
        goto out;
    if (json) {
        json_t *o = json_object();
        json_object_set_new(o, "as_of", govern_json_date(inv->as_of));
        json_object_set_new(o, "cycles", arr);
        arr = NULL;
        rc = govern_json_write(inv->out, o, 0);
    } else if (!l->count && !strcmp(fmt, "text")) {
        rc = govern_buf_puts(inv->out, "No reporting cycles.\n");
    } else {
        rc = govern_table_render_as(inv->out, t, fmt, inv->color, "status");
    }
out:
    json_decref(arr);
    govern_table_free(t);
    return rc;
}

/* ----------------------------------------------------------- upcoming */

struct upcoming {
    const struct cycle *c;
    struct cycle_period p;
    long meeting; /* where it should go: planned, else the receiving body's
                     last scheduled meeting on or before the due date */
    govern_date agenda_by;
};

static int upcoming_cmp(const void *x, const void *y)
{
    const struct upcoming *a = x, *b = y;
    if (a->p.due != b->p.due)
        return a->p.due < b->p.due ? -1 : 1;
    return strcmp(a->c->slug, b->c->slug);
}

static int do_upcoming(struct govern_invocation *inv, struct govern_args *a,
                       const struct cycle_list *l, const struct govern_model *m)
{
    const char *fmt, *v = govern_args_get(a, "months");
    int rc = govern_args_positional(a, 1, 1, "govern cycle upcoming [--months N]");
    if (rc || (rc = govern_output_format(&fmt, inv->format, "text", table_formats)))
        return rc;
    long months = 6;
    if (v) {
        char *end;
        months = strtol(v, &end, 10);
        if (!*v || *end || months < 1 || months > 60)
            return govern_error_set(GOVERN_EUSAGE, "--months must be a number from 1 to 60");
    }
    govern_date until = govern_date_add_months(inv->as_of, (int)months);
    struct upcoming *u = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < l->count; i++) {
        const struct cycle *c = l->items[i];
        int p0 = cycle_period_at(c, m, inv->as_of) - 1, p1 = cycle_period_at(c, m, until) + 1;
        for (int p = p0; p <= p1; p++) {
            if ((c->since >= 0 && p < c->since) || (c->until >= 0 && p > c->until))
                continue;
            struct cycle_period pd;
            cycle_period_compute(&pd, c, m, p, inv->as_of);
            if (pd.due < inv->as_of || pd.due > until || pd.fulfilled.meeting >= 0)
                continue;
            if ((rc = govern_array_grow(&u, &cap, n + 1, sizeof(*u)))) {
                free(u);
                return rc;
            }
            struct upcoming *e = &u[n++];
            e->c = c;
            e->p = pd;
            e->meeting = pd.planned.meeting;
            for (size_t k = 0; pd.planned.meeting < 0 && k < m->n_meetings; k++) {
                const struct govern_meeting *mt = m->meetings[k];
                if (mt->date >= inv->as_of && mt->date <= pd.due &&
                    mt->status == GOVERN_STATUS_SCHEDULED && !strcmp(mt->committee, c->to))
                    e->meeting = (long)k; /* sorted by date: the last one wins */
            }
            e->agenda_by = GOVERN_DATE_NONE;
            if (e->meeting >= 0) {
                const struct govern_config *cfg = m->config;
                e->agenda_by =
                    govern_date_notice_deadline(m->meetings[e->meeting]->date, cfg->notice_days,
                                                cfg->notice_counting, &cfg->holidays);
            }
        }
    }
    if (n > 1)
        qsort(u, n, sizeof(*u), upcoming_cmp);
    char from_s[11], to_s[11];
    govern_date_format(from_s, inv->as_of);
    govern_date_format(to_s, until);
    if (!strcmp(fmt, "json")) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *o = json_object();
            json_object_set_new(o, "cycle", json_string(u[i].c->slug));
            json_object_set_new(o, "name", json_string(u[i].c->name));
            json_object_set_new(o, "to", json_string(u[i].c->to));
            json_object_set_new(o, "period", json_string(u[i].p.label));
            json_object_set_new(o, "due", govern_json_date(u[i].p.due));
            json_object_set_new(o, "due_source",
                                json_string(cycle_due_source_name(u[i].p.due_source)));
            json_object_set_new(o, "status", json_string(cycle_state_name(u[i].p.state)));
            json_object_set_new(o, "meeting",
                                u[i].meeting >= 0 ? json_string(m->meetings[u[i].meeting]->id)
                                                  : json_null());
            json_object_set_new(o, "planned", json_boolean(u[i].p.planned.meeting >= 0));
            json_object_set_new(o, "agenda_by", govern_json_date(u[i].agenda_by));
            json_array_append_new(arr, o);
        }
        json_t *o = json_object();
        json_object_set_new(o, "from", json_string(from_s));
        json_object_set_new(o, "to", json_string(to_s));
        json_object_set_new(o, "upcoming", arr);
        rc = govern_json_write(inv->out, o, 0);
    } else if (!n && !strcmp(fmt, "text")) {
        rc = govern_buf_printf(inv->out, "No reports fall due from %s to %s.\n", from_s, to_s);
    } else {
        static const char *const hdr[] = {"DUE", "CYCLE", "PERIOD", "TO", "MEETING", "AGENDA BY"};
        struct govern_table *t = NULL;
        if (!(rc = govern_table_new(&t, 6, hdr)))
            rc = govern_table_types(t, "dttttd");
        for (size_t i = 0; !rc && i < n; i++) {
            char due[11], by[11] = "";
            struct govern_buf mt = GOVERN_BUF_INIT;
            govern_date_format(due, u[i].p.due);
            if (u[i].agenda_by != GOVERN_DATE_NONE)
                govern_date_format(by, u[i].agenda_by);
            if (u[i].meeting < 0)
                rc = govern_buf_puts(&mt, "no meeting scheduled");
            else
                rc = govern_buf_printf(&mt, "%s%s", m->meetings[u[i].meeting]->id,
                                       u[i].p.planned.meeting >= 0 ? " (on the agenda)" : "");
            const char *row[] = {due, u[i].c->slug, u[i].p.label, u[i].c->to, mt.ptr, by};
            if (!rc)
                rc = govern_table_row(t, row);
            govern_buf_free(&mt);
        }
        if (!rc)
            rc = govern_table_render_as(inv->out, t, fmt, inv->color, "upcoming");
        govern_table_free(t);
    }
    free(u);
    return rc;
}

/* ------------------------------------------------------------- report */

struct report_ctx {
    const struct cycle *c;
    const char *meeting; /* id */
    const char *label;
    const char *text; /* the draft */
    char file[200];   /* "SLUG-LABEL.md", the report's name under reports/ */
    char fulfils[200];
    size_t item; /* 1-based, set by report_fn */
};

/* The draft goes on the agenda through the agenda operation (the same
 * paragraph guard and re-parse as `govern agenda add`), as a new item whose
 * report is the draft; an existing report file is never overwritten. */
static int report_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct report_ctx *x = vctx;
    struct govern_meeting *mt = NULL;
    struct govern_agenda *a = NULL;
    char path[512], purpose[600];
    int rc;
    snprintf(path, sizeof(path), "%s/reports/%s", x->meeting, x->file);
    if ((rc = govern_meeting_load(&mt, head, x->meeting)))
        goto out;
    if ((rc = govern_agenda_load(&a, head, x->meeting))) {
        if (rc == GOVERN_ENOTFOUND)
            rc = govern_error_set(rc, "%s has no agenda to add the report to", x->meeting);
        goto out;
    }
    if (govern_snapshot_exists(head, path)) {
        rc = govern_error_set(GOVERN_EEXISTS,
                              "%s already exists: a draft report is never overwritten (edit that "
                              "one, or remove its agenda item and file first)",
                              path);
        goto out;
    }
    snprintf(purpose, sizeof(purpose),
             "Draft report for period %s of the cycle %s, drafted by govern from the record; "
             "the author completes it before publication.",
             x->label, x->c->slug);
    struct govern_agenda_item it = {0};
    it.title = x->c->name;
    it.purpose = purpose;
    it.report = x->file;
    it.fulfils = x->fulfils;
    it.source = "cycles";
    struct govern_ops_agenda_add req = {
        GOVERN_OPS_AGENDA_ADD_VERSION, x->meeting, &it, 1, false, 0, x->text};
    struct govern_ops_result res;
    rc = govern_ops_agenda_add_in(&res, chg, head, &req);
    x->item = res.item;
    govern_ops_result_free(&res);
    if (rc)
        goto out;
    rc = govern_change_message(chg,
                               "Add the draft report of %s for %s to the agenda of %s (item %zu)",
                               x->c->slug, x->label, x->meeting, x->item);
out:
    govern_agenda_free(a);
    govern_meeting_free(mt);
    return rc;
}

/* The draft is meant for publication: m is the public view's model and the
 * register is put in its public form before anything is drafted. */
static int do_report(struct govern_invocation *inv, struct govern_args *a,
                     const struct cycle_list *l, const struct govern_model *m,
                     struct govern_public *view)
{
    int rc = govern_args_positional(a, 2, 2,
                                    "govern cycle report CYCLE --period LABEL [--format md|html] "
                                    "[--meeting ID [--commit]]");
    if (rc)
        return rc;
    const char *slug = a->positional.items[1], *label = govern_args_get(a, "period");
    static const char *const report_formats[] = {"md", "html", NULL};
    const char *mid = govern_args_get(a, "meeting"), *fmt = NULL;
    bool commit = govern_args_flag(a, "commit");
    if ((rc = govern_output_format(&fmt, inv->format, "md", report_formats)))
        return rc;
    if (!label || !*label)
        return govern_error_set(GOVERN_EUSAGE, "cycle report needs --period LABEL (e.g. 2021)");
    if (commit && !mid)
        return govern_error_set(GOVERN_EUSAGE, "--commit needs --meeting ID (the receiving "
                                               "body's meeting whose agenda gets the report)");
    if (commit && strcmp(fmt, "md"))
        return govern_error_set(GOVERN_EUSAGE, "--commit saves Markdown: --format html is for "
                                               "printing only");
    const struct cycle *c = cycle_list_find(l, slug);
    if (!c)
        return govern_error_set(GOVERN_ENOTFOUND, "unknown cycle '%s' (see govern cycle list)",
                                slug);
    int serial;
    if (cycle_period_parse(&serial, label, c->kind))
        return govern_error_prefix(GOVERN_EINVAL, "--period");
    long mi = -1;
    if (mid) {
        if ((mi = govern_model_meeting_index(m, mid)) < 0)
            return govern_error_set(GOVERN_ENOTFOUND, "--meeting: unknown meeting '%s'", mid);
        const struct govern_meeting *mt = m->meetings[mi];
        if (strcmp(mt->committee, c->to))
            return govern_error_set(GOVERN_EINVAL,
                                    "--meeting %s is a meeting of %s: the report of %s goes to %s",
                                    mid, mt->committee, c->slug, c->to);
        if (mt->status == GOVERN_STATUS_CANCELLED || mt->status == GOVERN_STATUS_POSTPONED)
            return govern_error_set(GOVERN_EINVAL, "--meeting %s is %s", mid,
                                    govern_meeting_status_name(mt->status));
    }
    struct govern_action_register r;
    struct govern_priority_sets prio = {NULL, 0};
    struct govern_buf md = GOVERN_BUF_INIT;
    govern_action_register_init(&r);
    if (!(rc = govern_action_load_all(&r, inv->snap, NULL, NULL, NULL)) &&
        !(rc = govern_priority_sets_load(&prio, inv->snap, NULL)) &&
        !(rc = govern_action_register_public(&r, view)))
        rc = cycle_report_draft(&md, c, m, &r, &prio, serial, inv->as_of, mi);
    govern_action_register_clear(&r);
    govern_priority_sets_free(&prio);
    if (rc)
        goto out;
    char canon[16];
    cycle_period_label(canon, serial, c->kind);
    if (commit) {
        struct report_ctx x = {c, mid, canon, md.ptr, "", "", 0};
        snprintf(x.fulfils, sizeof(x.fulfils), "%s-%s", c->slug, canon);
        snprintf(x.file, sizeof(x.file), "%s.md", x.fulfils);
        for (char *p = x.file; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        struct govern_commit_info info;
        if (!(rc = govern_store_transact(&info, inv->store, report_fn, &x)))
            rc = govern_buf_printf(inv->out,
                                   "Added item %zu to the agenda of %s with the draft report "
                                   "%s/reports/%s (fulfils %s)\n",
                                   x.item, mid, mid, x.file, x.fulfils);
    } else if (!strcmp(fmt, "html")) {
        struct govern_buf title = GOVERN_BUF_INIT;
        if (!(rc = govern_buf_printf(&title, "%s: %s", c->name, canon)) &&
            !(rc = govern_html_page_begin(inv->out, title.ptr)) &&
            !(rc = govern_markdown_to_html(inv->out, md.ptr)))
            rc = govern_html_page_end(inv->out);
        govern_buf_free(&title);
    } else {
        rc = govern_buf_puts(inv->out, md.ptr);
    }
out:
    govern_buf_free(&md);
    return rc;
}

/* ------------------------------------------------------------ command */

/* list, status, upcoming and report: the cycles, and what each reads. */
static int run_read(struct govern_invocation *inv, struct govern_args *args)
{
    static const char *const subs[] = {"add", "list", "status", "upcoming", "report", NULL};
    struct govern_args a = *args; /* the CLI frees it */
    size_t sub = 0;
    while (subs[sub] && strcmp(subs[sub], a.positional.items[0]))
        sub++;
    int rc = 0;
    struct cycle_list l = {0};
    struct govern_model *m = NULL;
    struct govern_public *view = NULL;
    const struct govern_model *pm = NULL;
    /* status and upcoming read agendas only; the draft is for publication,
     * so a report reads the public view's model */
    struct govern_model_opts mo = GOVERN_MODEL_OPTS_INIT;
    mo.parts = GOVERN_MODEL_AGENDAS;
    rc = cycle_list_load(&l, inv->snap, NULL);
    if (!rc && (sub == 2 || sub == 3))
        rc = govern_model_load_opts(&m, inv->snap, NULL, &mo);
    else if (!rc && sub == 4 && !(rc = govern_public_open(&view, inv->snap, inv->as_of)))
        rc = govern_public_model(&pm, view);
    if (!rc && (m || pm))
        rc = cycle_list_index(&l, m ? m : pm);
    if (!rc)
        rc = sub == 1   ? do_list(inv, &a, &l)
             : sub == 2 ? do_status(inv, &a, &l, m)
             : sub == 3 ? do_upcoming(inv, &a, &l, m)
                        : do_report(inv, &a, &l, pm, view);
    if (view && govern_public_put_warnings(inv->err, view) && !rc)
        rc = GOVERN_ENOMEM;
    govern_public_free(view);
    govern_model_free(m);
    cycle_list_free(&l);
    return rc;
}

static const struct govern_subcommand subs[] = {
    {"add", "add a reporting cycle", NULL, add_opts, GOVERN_CMD_STORE | GOVERN_CMD_WRITES, do_add,
     NULL, NULL},
    {"list", "the cycles", NULL, NULL, GOVERN_CMD_STORE, run_read, NULL, NULL},
    {"status", "each cycle's current period", NULL, status_opts, GOVERN_CMD_STORE, run_read, NULL,
     NULL},
    {"upcoming", "reports falling due", NULL, upcoming_opts, GOVERN_CMD_STORE, run_read, NULL,
     NULL},
    /* --commit puts the draft on an agenda: then a write */
    {"report", "draft a period's report", NULL, report_opts, GOVERN_CMD_STORE, run_read, "commit",
     NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

static const struct govern_command cmd_cycle = {
    .name = "cycle",
    .summary = "reporting cycles: reports owed to Cabinet and scrutiny, due and late",
    .usage = USAGE,
    .help = "A cycle is a report one body owes another every year, half-year or quarter\n"
            "(cycles/SLUG.md). An agenda item fulfils a period with `fulfils: SLUG` (it\n"
            "counts for the period whose due date is nearest the meeting) or\n"
            "`fulfils: SLUG-PERIOD` (e.g. csp-review-2019, sa-2021-h2).\n"
            "status shows each cycle's current period (and the previous one when it was\n"
            "missed): due date, where it comes from, the fulfilling item, and one of\n"
            "not yet due, due soon (28 days), overdue, missed, on time, fulfilled late.\n"
            "upcoming lists reports falling due in the next N months with the meeting\n"
            "of the receiving body each should go to.\n"
            "report drafts a period's report (the structure of the annual report to\n"
            "Cabinet) with meetings, attendance, resolutions, actions, referrals and\n"
            "partner returns counted from the record beside the previous period's;\n"
            "--meeting ID --commit adds it to that meeting's agenda as a report, in one\n"
            "commit. See docs/cycles.md.",
    .subcommands = subs,
};

static int cycles_init(struct govern_registry *reg, void **state)
{
    /* the draft is for publication; --commit puts it on an agenda, which
     * `agenda show --public` then covers */
    static const struct govern_public_output publics[] = {
        {"cycle", "report {cycle} --period {period}", "md html"},
        {NULL, NULL, NULL},
    };
    *state = NULL;
    int rc = govern_register_command(reg, &cmd_cycle);
    if (!rc)
        rc = govern_register_check(reg, &cycles_check_rule);
    if (!rc)
        rc = govern_register_public_outputs(reg, publics);
    return rc;
}

const struct govern_plugin govern_builtin_cycles = {
    .abi_version = GOVERN_PLUGIN_ABI,
    .name = "cycles",
    .version = NULL, /* govern's own (govern_version()) */
    .summary = "annual reporting cycles (govern cycle) and their checks",
    .init = cycles_init,
    .fini = NULL,
};
