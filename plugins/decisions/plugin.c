/*
 * The built-in decisions plugin: `govern decision new|publish|show|list`
 * keeps executive decision notices (decisions/ID.md, see decision.c and
 * docs/decisions.md) and the `decisions` rule of `govern check` holds them
 * to the rules of the trade: a key decision needs a Forward Plan reference
 * or a reason for urgency, a named meeting or committee must exist, a
 * notice is not published before the decision, and the recorded end of
 * call-in is call_in_days working days after publication (none when urgent).
 *
 * Like every plugin it never prints: output goes to inv->out, and every
 * write is one commit through govern_store_transact().
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "decisions.h"
#include "govern/output.h"

/* The options, each written once, in the tables of the subcommands taking them. */
/* clang-format off */
#define OPT_MAKER {"maker", 0, GOVERN_OPT_VALUE, "TEXT", \
    "decision maker: a committee slug (cabinet) or a named person"}
#define OPT_END {NULL, 0, 0, NULL, NULL}
/* clang-format on */

static const struct govern_opt new_opts[] = {
    OPT_MAKER,
    {"date", 0, GOVERN_OPT_VALUE, "DATE", "day of the decision"},
    {"title", 0, GOVERN_OPT_VALUE, "TEXT", "title of the decision"},
    {"committee", 0, GOVERN_OPT_VALUE, "SLUG", "the body the decision belongs to"},
    {"meeting", 0, GOVERN_OPT_VALUE, "ID", "the meeting it was taken at"},
    {"key", 0, GOVERN_OPT_FLAG, NULL, "a key decision"},
    {"forward-plan", 0, GOVERN_OPT_VALUE, "REF", "Forward Plan reference of a key decision"},
    {"reference", 0, GOVERN_OPT_VALUE, "TEXT", "the council's reference for the decision"},
    {"part", 0, GOVERN_OPT_MULTI_TEXT, "TEXT", "a part of the decision: a), b), ... in order"},
    {"preamble", 0, GOVERN_OPT_TEXT, "TEXT", "text before part a), e.g. 'That Cabinet:'"},
    {"reasons", 0, GOVERN_OPT_TEXT, "TEXT", "reasons for the decision"},
    {"rejected", 0, GOVERN_OPT_TEXT, "TEXT", "other options considered and rejected"},
    {"conflicts", 0, GOVERN_OPT_TEXT, "TEXT", "conflicts declared by the decision maker"},
    {"consulted-conflicts", 0, GOVERN_OPT_TEXT, "TEXT", "conflicts declared by members consulted"},
    {"dispensation", 0, GOVERN_OPT_TEXT, "TEXT", "dispensation granted"},
    {"urgency", 0, GOVERN_OPT_TEXT, "TEXT",
     "reason for urgency: the decision is then not subject to call-in"},
    {"exempt", 0, GOVERN_OPT_VALUE, "N", "Schedule 12A paragraph 1-7 (0: open)"},
    {"statement", 0, GOVERN_OPT_TEXT, "TEXT", "statement from the decision maker"},
    {"notes", 0, GOVERN_OPT_TEXT, "TEXT", "the clerk's notes, never public"},
    {"slug", 0, GOVERN_OPT_VALUE, "SLUG", "the id's slug (default: from the title)"},
    OPT_END,
};

static const struct govern_opt publish_opts[] = {
    {"date", 0, GOVERN_OPT_VALUE, "DATE", "day of publication (default --as-of)"},
    OPT_END,
};

static const struct govern_opt show_opts[] = {
    {"public", 0, GOVERN_OPT_FLAG, NULL, "the public form"},
    OPT_END,
};

static const struct govern_opt list_opts[] = {
    {"key", 0, GOVERN_OPT_FLAG, NULL, "only key decisions"},
    {"from", 0, GOVERN_OPT_VALUE, "DATE", "decisions taken on or after DATE"},
    {"to", 0, GOVERN_OPT_VALUE, "DATE", "decisions taken on or before DATE"},
    OPT_MAKER,
    OPT_END,
};

#define USAGE                                                                                      \
    "govern decision new --maker TEXT --date DATE --title TEXT --part TEXT... [--key] "            \
    "[--forward-plan REF] [--reference TEXT] [--committee SLUG] [--meeting ID] "                   \
    "[--preamble TEXT] [--reasons TEXT] [--rejected TEXT] [--conflicts TEXT] "                     \
    "[--consulted-conflicts TEXT] [--dispensation TEXT] [--urgency TEXT] [--exempt N] "            \
    "[--statement TEXT] [--notes TEXT] [--slug SLUG]\n"                                            \
    "       govern decision publish ID [--date DATE]\n"                                            \
    "       govern decision show ID [--public] [--format md|text|html|json]\n"                     \
    "       govern decision list [--key] [--from DATE] [--to DATE] [--maker TEXT] "                \
    "[--format text|json|csv|xlsx]"

static int opt_date(govern_date *out, const char *opt, const char *v)
{
    if (govern_date_parse(out, v))
        return govern_error_prefix(GOVERN_EUSAGE, "--%s", opt);
    return 0;
}

/* Does a committee with this slug exist in the snapshot? */
static bool committee_exists(struct govern_snapshot *snap, const char *slug)
{
    struct govern_buf p = GOVERN_BUF_INIT;
    bool ok = !govern_slug_check(slug) && !govern_buf_printf(&p, "%s/committee.md", slug) &&
              govern_snapshot_exists(snap, p.ptr);
    govern_buf_free(&p);
    govern_error_clear();
    return ok;
}

/* Is the maker written as a committee slug (rather than a person's name)? */
static bool slug_shaped(const char *s)
{
    bool ok = !govern_slug_check(s);
    govern_error_clear();
    return ok;
}

/* ------------------------------------------------------------------ new */

struct new_ctx {
    struct decision *d; /* filled from the options; committee settled in the transaction */
    const char *committee_opt;
    char summary[400];
};

static int new_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct new_ctx *ctx = vctx;
    struct decision *d = ctx->d, *back = NULL;
    struct govern_meeting *m = NULL;
    struct govern_buf text = GOVERN_BUF_INIT;
    int rc = 0;
    free(d->committee);
    d->committee = NULL;
    if (ctx->committee_opt) {
        if (!committee_exists(head, ctx->committee_opt)) {
            rc = govern_error_set(GOVERN_ENOTFOUND, "unknown committee '%s'", ctx->committee_opt);
            goto out;
        }
        d->committee = strdup(ctx->committee_opt);
    }
    if (slug_shaped(d->maker)) {
        if (!committee_exists(head, d->maker)) {
            rc = govern_error_set(GOVERN_ENOTFOUND,
                                  "unknown committee '%s' (--maker takes a committee slug or a "
                                  "person's name, such as 'Executive Member for Adult Social "
                                  "Care')",
                                  d->maker);
            goto out;
        }
        if (!d->committee)
            d->committee = strdup(d->maker);
    }
    if (d->meeting) {
        if ((rc = govern_meeting_load(&m, head, d->meeting)))
            goto out;
        if (d->committee && strcmp(d->committee, m->committee)) {
            rc = govern_error_set(GOVERN_EINVAL, "meeting %s is a meeting of '%s', not of '%s'",
                                  d->meeting, m->committee, d->committee);
            goto out;
        }
        if (!d->committee)
            d->committee = strdup(m->committee);
    }
    if (govern_snapshot_exists(head, d->path)) {
        rc = govern_error_set(
            GOVERN_EEXISTS, "decision %s already exists (%s); give another --slug", d->id, d->path);
        goto out;
    }
    if ((rc = decision_serialize(&text, d)))
        goto out;
    /* what is written must read back as the same record */
    if ((rc = decision_parse(&back, d->id, text.ptr, text.len)))
        goto out;
    if (!decision_equal(d, back)) {
        rc = govern_error_set(GOVERN_EINVAL,
                              "the decision's text would not read back as given: a line "
                              "starting with '## ' or with the next part's letter ('b) ') "
                              "inside a part or section starts a new one");
        goto out;
    }
    if ((rc = govern_change_put(chg, d->path, text.ptr, text.len)))
        goto out;
    char when[40];
    govern_date_format_long(when, d->date);
    rc = govern_change_message(chg, "Record decision of %s on %s: %s\n\nDecision %s.", d->maker,
                               when, d->title, d->id);
out:
    govern_meeting_free(m);
    decision_free(back);
    govern_buf_free(&text);
    return rc;
}

/* An option's text, refused when empty (or on several lines when one_line). */
static int text_opt(char **dst, const struct govern_args *a, const char *name, bool one_line)
{
    const char *v = govern_args_get(a, name);
    if (!v)
        return 0;
    if (!*v)
        return govern_error_set(GOVERN_EINVAL, "--%s may not be empty", name);
    if (one_line && (strchr(v, '\n') || strchr(v, '\r')))
        return govern_error_set(GOVERN_EINVAL, "--%s must be one line", name);
    /* trailing newlines are not kept */
    size_t n = strlen(v);
    while (n && (v[n - 1] == '\n' || v[n - 1] == '\r'))
        n--;
    if (!one_line && n == 0)
        return govern_error_set(GOVERN_EINVAL, "--%s may not be empty", name);
    free(*dst);
    *dst = strndup(v, n);
    return *dst ? 0 : govern_oom();
}

/* Body text is kept with one final newline. */
static int body_opt(char **dst, const struct govern_args *a, const char *name)
{
    int rc = text_opt(dst, a, name, false);
    if (rc || !*dst)
        return rc;
    struct govern_buf b = GOVERN_BUF_INIT;
    if (govern_buf_printf(&b, "%s\n", *dst))
        return govern_oom();
    free(*dst);
    *dst = govern_buf_detach(&b);
    return 0;
}

/* The required options and the texts of the notice, each checked. */
static int new_read_texts(struct decision *d, const struct govern_args *a)
{
    int rc;
    if (!govern_args_get(a, "maker") || !govern_args_get(a, "date") || !govern_args_get(a, "title"))
        return govern_error_set(GOVERN_EUSAGE, "--maker, --date and --title are required");
    if ((rc = text_opt(&d->maker, a, "maker", true)) ||
        (rc = opt_date(&d->date, "date", govern_args_get(a, "date"))) ||
        (rc = text_opt(&d->title, a, "title", true)) ||
        (rc = text_opt(&d->forward_plan_ref, a, "forward-plan", true)) ||
        (rc = text_opt(&d->reference, a, "reference", true)) ||
        (rc = text_opt(&d->urgency, a, "urgency", false)) ||
        (rc = text_opt(&d->conflicts, a, "conflicts", false)) ||
        (rc = text_opt(&d->consulted, a, "consulted-conflicts", false)) ||
        (rc = text_opt(&d->dispensation, a, "dispensation", false)) ||
        (rc = body_opt(&d->preamble, a, "preamble")) ||
        (rc = body_opt(&d->reasons, a, "reasons")) ||
        (rc = body_opt(&d->rejected, a, "rejected")) ||
        (rc = body_opt(&d->statement, a, "statement")) || (rc = body_opt(&d->notes, a, "notes")))
        return rc;
    return 0;
}

/* --key, --exempt N and the reason given with --urgency. */
static int new_read_status(struct decision *d, const struct govern_args *a)
{
    const char *v;
    d->key = govern_args_flag(a, "key");
    if ((v = govern_args_get(a, "exempt"))) {
        if (strlen(v) != 1 || v[0] < '0' || v[0] > '7')
            return govern_error_set(GOVERN_EINVAL,
                                    "--exempt must be a Schedule 12A paragraph from 1 to 7 (or 0: "
                                    "open), not '%s'",
                                    v);
        d->exempt = v[0] - '0';
    }
    if (d->urgency && !govern_reason_stated(d->urgency))
        return govern_error_set(GOVERN_EINVAL,
                                "--urgency takes the reason for urgency, not '%s'; leave it out "
                                "when the decision is not urgent",
                                d->urgency);
    return 0;
}

/* The lettered parts a), b), ...: each trimmed, none empty, each kept with
 * one final newline. */
static int new_read_parts(struct decision *d, const struct govern_args *a)
{
    const struct govern_strlist *parts = govern_args_multi(a, "part");
    if (!parts || parts->count == 0)
        return govern_error_set(GOVERN_EINVAL,
                                "a decision needs at least one --part (the decision itself, in "
                                "lettered parts a), b), ...)");
    if (parts->count > DECISION_MAX_PARTS)
        return govern_error_set(GOVERN_EINVAL, "at most %d parts (a) to z))", DECISION_MAX_PARTS);
    d->parts = calloc(parts->count, sizeof(*d->parts));
    if (!d->parts)
        return govern_oom();
    for (size_t i = 0; i < parts->count; i++) {
        const char *p = parts->items[i];
        size_t n = strlen(p);
        while (n && (p[n - 1] == '\n' || p[n - 1] == '\r' || p[n - 1] == ' '))
            n--;
        while (n && (*p == ' ' || *p == '\n' || *p == '\r')) {
            p++;
            n--;
        }
        if (!n)
            return govern_error_set(GOVERN_EINVAL, "--part %c) is empty", (char)('a' + i));
        struct govern_buf b = GOVERN_BUF_INIT;
        if (govern_buf_put(&b, p, n) || govern_buf_putc(&b, '\n')) {
            govern_buf_free(&b);
            return govern_oom();
        }
        d->parts[i] = govern_buf_detach(&b);
        d->n_parts++;
    }
    return 0;
}

/* The id (the date, then --slug or a slug made from the title) and its path. */
static int new_make_id(struct decision *d, const struct govern_args *a)
{
    struct govern_buf id = GOVERN_BUF_INIT;
    const char *v;
    char date[11];
    int rc;
    govern_date_format(date, d->date);
    if ((rc = govern_buf_printf(&id, "%s-", date)))
        goto out;
    if ((v = govern_args_get(a, "slug"))) {
        if ((rc = govern_slug_check(v)) || (rc = govern_buf_puts(&id, v)))
            goto out;
    } else if ((rc = decision_title_slug(&id, d->title))) {
        goto out;
    }
    d->id = govern_buf_detach(&id);
    if (!d->id || !(d->path = decision_path(d->id))) {
        rc = govern_oom();
        goto out;
    }
    rc = decision_id_check(d->id);
out:
    govern_buf_free(&id);
    return rc;
}

static int do_new(struct govern_invocation *inv, struct govern_args *a)
{
    int rc = govern_args_positional(a, 1, 1,
                                    "govern decision new --maker TEXT --date DATE "
                                    "--title TEXT --part TEXT...");
    if (rc)
        return rc;
    struct new_ctx ctx;
    memset(&ctx, 0, sizeof(ctx));
    struct decision *d = calloc(1, sizeof(*d));
    if (!d)
        return govern_oom();
    ctx.d = d;
    d->published = d->call_in_end = GOVERN_DATE_NONE;
    const char *v;
    if ((rc = new_read_texts(d, a)) || (rc = new_read_status(d, a)) || (rc = new_read_parts(d, a)))
        goto out;
    if (d->key && !d->forward_plan_ref && !d->urgency) {
        rc = govern_error_set(GOVERN_EINVAL,
                              "a key decision needs 28 days' notice on the Forward Plan: give "
                              "--forward-plan REF, or --urgency REASON when it could not be "
                              "given");
        goto out;
    }
    if ((v = govern_args_get(a, "meeting"))) {
        if ((rc = govern_meeting_id_check(v)))
            goto out;
        d->meeting = strdup(v);
    }
    ctx.committee_opt = govern_args_get(a, "committee");
    if (ctx.committee_opt && (rc = govern_slug_check(ctx.committee_opt)))
        goto out;
    if ((rc = new_make_id(d, a)))
        goto out;
    struct govern_commit_info info;
    if (!(rc = govern_store_transact(&info, inv->store, new_fn, &ctx)))
        rc = govern_buf_printf(inv->out, "%s\n", d->id);
out:
    decision_free(d);
    return rc;
}

/* -------------------------------------------------------------- publish */

struct publish_ctx {
    const char *id;
    govern_date date;
    char summary[300];
};

static int publish_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct publish_ctx *ctx = vctx;
    struct decision *d = NULL;
    struct govern_config *cfg = NULL;
    struct govern_buf text = GOVERN_BUF_INIT;
    char pub[40], when[40];
    int rc;
    if ((rc = govern_config_load(&cfg, head)) || (rc = decision_load(&d, head, ctx->id)))
        goto out;
    if (d->published != GOVERN_DATE_NONE) {
        char was[11];
        govern_date_format(was, d->published);
        rc = govern_error_set(GOVERN_EINVAL, "decision %s was already published on %s", d->id, was);
        goto out;
    }
    if (ctx->date < d->date) {
        govern_date_format_long(when, d->date);
        rc = govern_error_set(GOVERN_EINVAL,
                              "a notice cannot be published before the decision (%s)", when);
        goto out;
    }
    d->published = ctx->date;
    govern_date_format_long(pub, d->published);
    if (d->urgency) {
        d->call_in_end = GOVERN_DATE_NONE;
        snprintf(ctx->summary, sizeof(ctx->summary),
                 "Published decision %s on %s; urgent: not subject to call-in", d->id, pub);
    } else {
        d->call_in_end = decision_call_in_end(d->published, cfg->call_in_days, &cfg->holidays);
        govern_date_format_long(when, d->call_in_end);
        snprintf(ctx->summary, sizeof(ctx->summary), "Published decision %s on %s; call-in ends %s",
                 d->id, pub, when);
    }
    if ((rc = decision_serialize(&text, d)) ||
        (rc = govern_change_put(chg, d->path, text.ptr, text.len)))
        goto out;
    rc = govern_change_message(chg, "Publish decision notice %s\n\n%s.", d->id, ctx->summary);
out:
    govern_buf_free(&text);
    decision_free(d);
    govern_config_free(cfg);
    return rc;
}

static int do_publish(struct govern_invocation *inv, struct govern_args *a)
{
    int rc = govern_args_positional(a, 2, 2, "govern decision publish ID [--date DATE]");
    if (rc)
        return rc;
    struct publish_ctx ctx = {a->positional.items[1], inv->as_of, ""};
    const char *v;
    if ((rc = decision_id_check(ctx.id)))
        return rc;
    if ((v = govern_args_get(a, "date")) && (rc = opt_date(&ctx.date, "date", v)))
        return rc;
    struct govern_commit_info info;
    if (!(rc = govern_store_transact(&info, inv->store, publish_fn, &ctx)))
        rc = govern_buf_printf(inv->out, "%s\n", ctx.summary);
    return rc;
}

/* ----------------------------------------------------------------- show */

static int maker_name(char **out, struct govern_snapshot *snap, const char *maker)
{
    *out = NULL;
    if (!slug_shaped(maker) || !committee_exists(snap, maker))
        return 0;
    struct govern_committee *c = NULL;
    int rc = govern_committee_load(&c, snap, maker);
    if (!rc && !(*out = strdup(c->name)))
        rc = govern_oom();
    govern_committee_free(c);
    return rc;
}

static int do_show(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const fmts[] = {"md", "text", "html", "json", NULL};
    const char *fmt = NULL;
    int rc = govern_args_positional(a, 2, 2, "govern decision show ID [--public]");
    if (rc || (rc = govern_output_format(&fmt, inv->format, "md", fmts)))
        return rc;
    struct decision *full = NULL, *pub = NULL;
    struct govern_config *cfg = NULL;
    struct govern_public *view = NULL;
    char *mname = NULL;
    bool public_ = govern_args_flag(a, "public");
    if ((rc = govern_config_load(&cfg, inv->snap)) ||
        (rc = decision_load(&full, inv->snap, a->positional.items[1])))
        goto out;
    struct decision_view v = {full, NULL, public_, DECISION_DRAFT, GOVERN_DATE_NONE};
    decision_status(&v.state, &v.when, full, inv->as_of, &cfg->holidays);
    if (public_) {
        if ((rc = govern_public_open(&view, inv->snap, inv->as_of)) ||
            (rc = decision_public(&pub, full, view, inv->as_of)) ||
            (rc = govern_public_put_warnings(inv->err, view)))
            goto out;
        if (!pub) {
            char d[11];
            govern_date_format(d, inv->as_of);
            rc = govern_error_set(GOVERN_ENOTFOUND,
                                  "decision %s is not published (as of %s): it has no public "
                                  "form",
                                  full->id, d);
            goto out;
        }
        v.d = pub;
    }
    if ((rc = maker_name(&mname, inv->snap, full->maker)))
        goto out;
    v.maker_name = mname;
    if (!strcmp(fmt, "json"))
        rc = decision_render_json(inv->out, &v);
    else if (!strcmp(fmt, "html"))
        rc = decision_render_html(inv->out, &v);
    else if (!strcmp(fmt, "text"))
        rc = decision_render_text(inv->out, &v);
    else
        rc = decision_render_md(inv->out, &v);
out:
    govern_public_free(view);
    free(mname);
    decision_free(pub);
    decision_free(full);
    govern_config_free(cfg);
    return rc;
}

/* ----------------------------------------------------------------- list */

/* Which decisions `decision list` shows. */
struct list_filter {
    govern_date from, to;
    const char *maker;
    bool key_only;
};

/* The options of `decision list`: --from, --to, --maker and --key. */
static int list_read_filter(struct list_filter *f, const struct govern_args *a)
{
    const char *v;
    int rc;
    f->from = f->to = GOVERN_DATE_NONE;
    if ((v = govern_args_get(a, "from")) && (rc = opt_date(&f->from, "from", v)))
        return rc;
    if ((v = govern_args_get(a, "to")) && (rc = opt_date(&f->to, "to", v)))
        return rc;
    if (f->from != GOVERN_DATE_NONE && f->to != GOVERN_DATE_NONE && f->to < f->from)
        return govern_error_set(GOVERN_EUSAGE, "--to is before --from");
    f->maker = govern_args_get(a, "maker");
    f->key_only = govern_args_flag(a, "key");
    return 0;
}

/* Loads the decisions the filter lets through into ds (room for every id),
 * counting them in *n: the caller frees ds[0..*n) even on error. */
static int list_load(struct decision **ds, size_t *n, struct govern_snapshot *snap,
                     const struct govern_strlist *ids, const struct list_filter *f)
{
    int rc;
    for (size_t i = 0; i < ids->count; i++) {
        struct decision *d = NULL;
        if ((rc = decision_load(&d, snap, ids->items[i])))
            return rc;
        if ((f->key_only && !d->key) || (f->from != GOVERN_DATE_NONE && d->date < f->from) ||
            (f->to != GOVERN_DATE_NONE && d->date > f->to) ||
            (f->maker && strcmp(d->maker, f->maker))) {
            decision_free(d);
            continue;
        }
        ds[(*n)++] = d;
    }
    return 0;
}

/* Where the rows go: one of the text table, the sheet (csv, xlsx) or the
 * JSON array, made by list_open() for the format. */
struct list_out {
    struct govern_table *t, *sheet;
    json_t *arr;
};

static int list_open(struct list_out *o, const char *fmt)
{
    static const char *const hdr[] = {"ID", "DATE", "DECISION MAKER", "KEY", "STATUS", "TITLE"};
    static const char *const csv_hdr[] = {
        "id",     "date",   "decision_maker", "committee",   "meeting", "title",      "key",
        "exempt", "urgent", "published",      "call_in_end", "status",  "status_date"};
    int rc = 0;
    if (!strcmp(fmt, "text"))
        rc = govern_table_new(&o->t, 6, hdr);
    else if (strcmp(fmt, "json") && !(rc = govern_table_new(&o->sheet, 13, csv_hdr)))
        rc = govern_table_types(o->sheet, "tdttttttndddd");
    else if (!strcmp(fmt, "json") && !(o->arr = json_array()))
        rc = govern_oom();
    return rc;
}

/* One decision's status and dates as the rows show them ("" when not set). */
struct list_cells {
    enum decision_state st;
    govern_date when;
    struct govern_buf status; /* the status in words */
    char date[11], pub[11], end[11], sd[11], ex[4];
};

/* The JSON object of one decision. */
static void list_add_json(json_t *arr, const struct decision *d, const struct list_cells *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(d->id));
    json_object_set_new(o, "date", json_string(c->date));
    json_object_set_new(o, "decision_maker", json_string(d->maker));
    json_object_set_new(o, "committee", d->committee ? json_string(d->committee) : json_null());
    json_object_set_new(o, "meeting", d->meeting ? json_string(d->meeting) : json_null());
    json_object_set_new(o, "title", json_string(d->title));
    json_object_set_new(o, "key", json_boolean(d->key));
    json_object_set_new(o, "exempt", d->exempt ? json_integer(d->exempt) : json_null());
    json_object_set_new(o, "urgent", json_boolean(d->urgency != NULL));
    json_object_set_new(o, "published", govern_json_date(d->published));
    json_object_set_new(o, "call_in_end", govern_json_date(d->call_in_end));
    json_object_set_new(o, "status", json_string(decision_state_name(c->st)));
    json_object_set_new(o, "status_date", govern_json_date(c->when));
    json_object_set_new(o, "status_text", json_string(c->status.ptr));
    json_array_append_new(arr, o);
}

/* One decision's row in the table, the sheet or the JSON array. */
static int list_add(struct list_out *o, const struct decision *d, govern_date as_of,
                    const struct govern_config *cfg)
{
    struct list_cells c = {.status = GOVERN_BUF_INIT, .pub = "", .end = "", .sd = "", .ex = ""};
    int rc;
    decision_status(&c.st, &c.when, d, as_of, &cfg->holidays);
    govern_date_format(c.date, d->date);
    if (d->published != GOVERN_DATE_NONE)
        govern_date_format(c.pub, d->published);
    if (d->call_in_end != GOVERN_DATE_NONE)
        govern_date_format(c.end, d->call_in_end);
    if (c.when != GOVERN_DATE_NONE)
        govern_date_format(c.sd, c.when);
    if (d->exempt)
        snprintf(c.ex, sizeof(c.ex), "%d", d->exempt);
    if ((rc = decision_status_text(&c.status, c.st, c.when))) {
        govern_buf_free(&c.status);
        return rc;
    }
    if (o->t) {
        const char *row[] = {d->id, c.date, d->maker, d->key ? "key" : "", c.status.ptr, d->title};
        const char *color = c.st == DECISION_DRAFT ? "2" : c.st == DECISION_CALL_IN ? "33" : NULL;
        rc = govern_table_row_color(o->t, row, color);
    } else if (!o->arr) {
        const char *row[] = {d->id,
                             c.date,
                             d->maker,
                             d->committee,
                             d->meeting,
                             d->title,
                             d->key ? "yes" : "no",
                             c.ex,
                             d->urgency ? "yes" : "no",
                             c.pub,
                             c.end,
                             decision_state_name(c.st),
                             c.sd};
        rc = govern_table_row(o->sheet, row);
    } else {
        list_add_json(o->arr, d, &c);
    }
    govern_buf_free(&c.status);
    return rc;
}

/* Writes the table, the sheet or the JSON document (which takes the array). */
static int list_render(struct govern_invocation *inv, struct list_out *o, const char *fmt)
{
    int rc = 0;
    if (o->t)
        rc = govern_table_render(inv->out, o->t, inv->color);
    if (!rc && o->sheet)
        rc = govern_table_render_as(inv->out, o->sheet, fmt, false, "decisions");
    if (!rc && o->arr) {
        json_t *root = json_object();
        char asof[11];
        govern_date_format(asof, inv->as_of);
        json_object_set_new(root, "as_of", json_string(asof));
        json_object_set_new(root, "decisions", o->arr);
        o->arr = NULL;
        rc = govern_json_write(inv->out, root, 0);
    }
    return rc;
}

static int do_list(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const fmts[] = {"text", "json", "csv", "xlsx", NULL};
    const char *fmt = NULL;
    struct list_filter f;
    int rc = govern_args_positional(a, 1, 1, "govern decision list [--key] [--from DATE] ...");
    if (rc || (rc = govern_output_format(&fmt, inv->format, "text", fmts)) ||
        (rc = list_read_filter(&f, a)))
        return rc;

    struct govern_config *cfg = NULL;
    struct govern_strlist ids = GOVERN_STRLIST_INIT;
    struct decision **ds = NULL;
    size_t n = 0;
    struct list_out o = {NULL, NULL, NULL};
    if ((rc = govern_config_load(&cfg, inv->snap)) || (rc = decision_ids(&ids, NULL, inv->snap)))
        goto out;
    if (!(ds = calloc(ids.count ? ids.count : 1, sizeof(*ds)))) {
        rc = govern_oom();
        goto out;
    }
    if ((rc = list_load(ds, &n, inv->snap, &ids, &f)))
        goto out;
    /* ids sort by date, then slug: the files' names order them already */
    rc = list_open(&o, fmt);
    for (size_t i = 0; i < n && !rc; i++)
        rc = list_add(&o, ds[i], inv->as_of, cfg);
    if (!rc)
        rc = list_render(inv, &o, fmt);
out:
    json_decref(o.arr);
    govern_table_free(o.t);
    govern_table_free(o.sheet);
    for (size_t i = 0; i < n; i++)
        decision_free(ds[i]);
    free(ds);
    govern_strlist_free(&ids);
    govern_config_free(cfg);
    return rc;
}

/* ------------------------------------------------------------- dispatch */

#define WRITE (GOVERN_CMD_STORE | GOVERN_CMD_WRITES)
static const struct govern_subcommand subs[] = {
    {"new", "record a decision notice", NULL, new_opts, WRITE, do_new, NULL, NULL},
    {"publish", "record the day the notice went public", NULL, publish_opts, WRITE, do_publish,
     NULL, NULL},
    {"show", "one decision notice", NULL, show_opts, GOVERN_CMD_STORE, do_show, NULL, NULL},
    {"list", "the decisions and their call-in", NULL, list_opts, GOVERN_CMD_STORE, do_list, NULL,
     NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

static const struct govern_command cmd_decision = {
    .name = "decision",
    .summary = "record, publish, show and list executive decision notices",
    .usage = USAGE,
    .help = "A decision notice is decisions/YYYY-MM-DD-SLUG.md: the decision maker, date,\n"
            "title, the decision in lettered parts a), b), ..., reasons, options rejected,\n"
            "conflicts of interest, dispensation, reason for urgency and a statement.\n"
            "'decision publish' records the day the notice went public and the end of the\n"
            "call-in period: call_in_days (govern.yaml) working days later, weekends and\n"
            "bank holidays skipped; the decision may be implemented from the next working\n"
            "day. An urgent decision (--urgency REASON) is not subject to call-in.\n"
            "'show --public' prints nothing of an unpublished notice, and of an exempt one\n"
            "(--exempt N) only its title, decision maker, date and Schedule 12A paragraph.\n"
            "See docs/decisions.md.",
    .subcommands = subs,
};

/* ----------------------------------------------------------- the check */

static int check_one(struct govern_check_ctx *ctx, const struct decision *d)
{
    struct govern_diags *g = ctx->diags;
    const struct govern_model *m = ctx->model;
    const struct govern_config *cfg = m->config;
    const char *p = d->path;
    const char *R = "decisions";
    char a[11], b[11];
    int rc = 0;
    if (d->key && !d->forward_plan_ref && !d->urgency)
        rc = govern_diags_add(g, p, d->line_key, R,
                              "key decision without a Forward Plan reference "
                              "(forward_plan_ref) or a reason for urgency (urgency)");
    if (!rc && d->committee && !govern_model_committee(m, d->committee))
        rc = govern_diags_add(g, p, d->line_committee, R, "unknown committee '%s'", d->committee);
    if (!rc && !d->committee && slug_shaped(d->maker) && !govern_model_committee(m, d->maker))
        rc = govern_diags_add(g, p, d->line_maker, R,
                              "decision maker '%s' is written as a committee slug, but there "
                              "is no such committee",
                              d->maker);
    if (!rc && d->meeting) {
        long i = govern_model_meeting_index(m, d->meeting);
        if (i < 0)
            rc = govern_diags_add(g, p, d->line_meeting, R, "unknown meeting '%s'", d->meeting);
        else if (d->committee && strcmp(m->meetings[i]->committee, d->committee))
            rc = govern_diags_add(g, p, d->line_meeting, R,
                                  "meeting %s is a meeting of '%s', not of '%s'", d->meeting,
                                  m->meetings[i]->committee, d->committee);
    }
    if (!rc && d->published != GOVERN_DATE_NONE && d->published < d->date) {
        govern_date_format(a, d->published);
        govern_date_format(b, d->date);
        rc = govern_diags_add(g, p, d->line_published, R,
                              "published on %s, before the decision was taken (%s)", a, b);
    }
    if (rc)
        return rc;
    /* call-in */
    if (d->call_in_end != GOVERN_DATE_NONE && d->published == GOVERN_DATE_NONE)
        return govern_diags_add(g, p, d->line_call_in_end, R,
                                "call_in_end is set but the notice is not published");
    if (d->published == GOVERN_DATE_NONE)
        return 0;
    if (d->urgency) {
        if (d->call_in_end != GOVERN_DATE_NONE)
            return govern_diags_add(g, p, d->line_call_in_end, R,
                                    "an urgent decision is not subject to call-in: remove "
                                    "call_in_end");
        return 0;
    }
    govern_date want = decision_call_in_end(d->published, cfg->call_in_days, &cfg->holidays);
    govern_date_format(a, want);
    if (d->call_in_end == GOVERN_DATE_NONE)
        return govern_diags_add(g, p, d->line_published, R,
                                "published without the end of call-in: call_in_end should be "
                                "%s (%d working days after publication)",
                                a, cfg->call_in_days);
    if (d->call_in_end != want) {
        govern_date_format(b, d->call_in_end);
        return govern_diags_add(g, p, d->line_call_in_end, R,
                                "call_in_end %s does not match the rule: %d working days after "
                                "publication is %s",
                                b, cfg->call_in_days, a);
    }
    return 0;
}

static int check_run(struct govern_check_ctx *ctx, void *state)
{
    struct govern_strlist ids = GOVERN_STRLIST_INIT, bad = GOVERN_STRLIST_INIT;
    int rc = decision_ids(&ids, &bad, ctx->snap);
    for (size_t i = 0; !rc && i < bad.count; i++) {
        struct govern_buf p = GOVERN_BUF_INIT;
        if (!(rc = govern_buf_printf(&p, "%s/%s", DECISIONS_DIR, bad.items[i])))
            rc = govern_diags_add(ctx->diags, p.ptr, 0, "decisions",
                                  "not a decision notice name (YYYY-MM-DD-SLUG.md): govern "
                                  "ignores this file");
        govern_buf_free(&p);
    }
    for (size_t i = 0; !rc && i < ids.count; i++) {
        struct decision *d = NULL;
        int r = decision_load(&d, ctx->snap, ids.items[i]);
        if (r == GOVERN_ENOMEM) {
            rc = r;
        } else if (r) {
            char *path = decision_path(ids.items[i]);
            rc = path ? govern_diags_add_error(ctx->diags, path) : govern_oom();
            free(path);
        } else {
            rc = check_one(ctx, d);
        }
        decision_free(d);
    }
    govern_strlist_free(&ids);
    govern_strlist_free(&bad);
    return rc;
}

const struct govern_check_rule decisions_check_rule = {
    "decisions",
    "decision notices: Forward Plan or urgency for key decisions, known meetings, "
    "publication after the decision, the end of call-in",
    check_run,
};

static int decisions_init(struct govern_registry *reg, void **state)
{
    static const struct govern_public_output publics[] = {
        {"decision", "show {decision} --public", "md text html json"},
        {NULL, NULL, NULL},
    };
    *state = NULL;
    int rc = govern_register_command(reg, &cmd_decision);
    if (!rc)
        rc = govern_register_check(reg, &decisions_check_rule);
    return rc ? rc : govern_register_public_outputs(reg, publics);
}

const struct govern_plugin govern_builtin_decisions = {
    .abi_version = GOVERN_PLUGIN_ABI,
    .name = "decisions",
    .version = NULL, /* govern's own (govern_version()) */
    .summary = "executive decision notices (govern decision) and their call-in period",
    .init = decisions_init,
    .fini = NULL,
};
