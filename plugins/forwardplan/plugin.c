/*
 * The built-in Forward Plan plugin:
 *
 *   govern forward-plan [--months N] [--public]   the plan as published
 *   govern forward-plan add|update|publish|show   one entry (one commit per write)
 *   check rule "forward-plan"                     28 clear days (regs 5, 9) and
 *                                                 the urgency exceptions (regs 10, 11)
 *
 * Like every plugin it never prints: output goes to inv->out, warnings to
 * inv->err.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "forwardplan.h"
#include "govern/output.h"

#define TEXT_MAX (64 * 1024)
#define ID_SLUG_MAX 40

/* The options of add and update, each written once. */
/* clang-format off */
#define OPT_TITLE {"title", 0, GOVERN_OPT_VALUE, "TEXT", "the matter to be decided"}
#define OPT_MAKER {"maker", 0, GOVERN_OPT_VALUE, "TEXT", \
    "decision maker: a committee slug (cabinet) or a named person"}
#define OPT_DATE {"date", 0, GOVERN_OPT_VALUE, "DATE", \
    "day of the decision (default the meeting's)"}
#define OPT_MEETING {"meeting", 0, GOVERN_OPT_VALUE, "ID", "the meeting it will be taken at"}
#define OPT_REFERENCE {"reference", 0, GOVERN_OPT_VALUE, "TEXT", "the council's reference"}
#define OPT_PRIVATE {"private", 0, GOVERN_OPT_VALUE, "N", \
    "to be taken in private under Schedule 12A paragraph N (1-7; 0: in public)"}
#define OPT_PRIVATE_REASON {"private-reason", 0, GOVERN_OPT_TEXT, "TEXT", \
    "why it is taken in private; never public"}
#define OPT_DOCUMENTS {"documents", 0, GOVERN_OPT_TEXT, "TEXT", "documents for the decision maker"}
#define OPT_CONTACT {"contact", 0, GOVERN_OPT_VALUE, "TEXT", "whom to ask for details"}
#define OPT_DESCRIPTION {"description", 0, GOVERN_OPT_TEXT, "TEXT", "the matter described"}
#define OPT_NOTES {"notes", 0, GOVERN_OPT_TEXT, "TEXT", "the clerk's notes, never public"}
#define OPT_PUBLIC {"public", 0, GOVERN_OPT_FLAG, NULL, \
    "the form for publication: published entries only; private ones by matter, decision " "maker, date and paragraph only"}
#define OPT_END {NULL, 0, 0, NULL, NULL}
/* clang-format on */

static const struct govern_opt add_opts[] = {
    OPT_TITLE,
    OPT_MAKER,
    OPT_DATE,
    OPT_MEETING,
    OPT_REFERENCE,
    {"not-key", 0, GOVERN_OPT_FLAG, NULL,
     "not a key decision: listed because it is taken in private"},
    OPT_PRIVATE,
    OPT_PRIVATE_REASON,
    OPT_DOCUMENTS,
    OPT_CONTACT,
    OPT_DESCRIPTION,
    OPT_NOTES,
    {"id", 0, GOVERN_OPT_VALUE, "ID", "the entry's id (default DATE-SLUG of the title)"},
    OPT_END,
};

static const struct govern_opt update_opts[] = {
    OPT_TITLE,
    OPT_MAKER,
    OPT_DATE,
    OPT_MEETING,
    OPT_REFERENCE,
    {"key", 0, GOVERN_OPT_VALUE, "yes|no", "a key decision or not"},
    OPT_PRIVATE,
    OPT_PRIVATE_REASON,
    {"exception", 0, GOVERN_OPT_VALUE, "KIND",
     "general-exception (reg 10) or special-urgency (reg 11); 'none' removes it"},
    {"scrutiny-chair", 0, GOVERN_OPT_VALUE, "NAME",
     "the chair of scrutiny informed (reg 10) or who agreed (reg 11)"},
    {"informed", 0, GOVERN_OPT_VALUE, "DATE",
     "general exception: the day the chair was informed and the notice published"},
    {"agreed", 0, GOVERN_OPT_VALUE, "DATE", "special urgency: the day the chair agreed"},
    {"urgency-reason", 0, GOVERN_OPT_TEXT, "TEXT", "why 28 clear days' notice could not be given"},
    OPT_DOCUMENTS,
    OPT_CONTACT,
    OPT_DESCRIPTION,
    OPT_NOTES,
    OPT_END,
};

static const struct govern_opt publish_opts[] = {
    {"date", 0, GOVERN_OPT_VALUE, "DATE", "day of publication (default --as-of)"},
    OPT_END,
};

static const struct govern_opt show_opts[] = {OPT_PUBLIC, OPT_END};

/* the listing: forward-plan without a subcommand */
static const struct govern_opt list_opts[] = {
    {"months", 0, GOVERN_OPT_VALUE, "N", "how many months ahead the plan lists (1-24; default 4)"},
    OPT_PUBLIC,
    OPT_END,
};

#define USAGE                                                                                      \
    "govern forward-plan [--months N] [--public] [--format text|md|html|json|csv|xlsx]\n"          \
    "       govern forward-plan add --title TEXT --maker TEXT (--date DATE | --meeting ID) "       \
    "[--not-key] [--reference TEXT] [--private N [--private-reason TEXT]] [--documents TEXT] "     \
    "[--contact TEXT] [--description TEXT] [--notes TEXT] [--id ID]\n"                             \
    "       govern forward-plan update ID [--title ...] [--key yes|no] [--exception KIND] "        \
    "[--scrutiny-chair NAME] [--informed DATE] [--agreed DATE] [--urgency-reason TEXT] ...\n"      \
    "       govern forward-plan publish ID [--date DATE]\n"                                        \
    "       govern forward-plan show ID [--public] [--format md|html|json]"

/* Sets *dst to a copy of option name's value when it is given. */
static int text_opt(char **dst, const struct govern_args *a, const char *name, bool one_line)
{
    const char *v = govern_args_get(a, name);
    if (!v)
        return 0;
    char what[64];
    snprintf(what, sizeof(what), "--%s", name);
    int rc = govern_text_field_check(what, v, TEXT_MAX, one_line);
    if (rc)
        return rc;
    free(*dst);
    return (*dst = govern_strdup(v)) ? 0 : govern_oom();
}

/* Does a committee with this slug exist in the snapshot? */
static bool committee_exists(struct govern_snapshot *snap, const char *slug)
{
    struct govern_buf p = GOVERN_BUF_INIT;
    bool ok = !govern_slug_check(slug) && !govern_reserved_name(slug) &&
              !govern_buf_printf(&p, "%s/committee.md", slug) &&
              govern_snapshot_exists(snap, p.ptr);
    govern_buf_free(&p);
    govern_error_clear();
    return ok;
}

static bool slug_shaped(const char *s)
{
    bool ok = !govern_slug_check(s);
    govern_error_clear();
    return ok;
}

/* "YYYY-MM-DD-words-of-the-title", cut after a whole word. */
static int default_id(struct govern_buf *out, govern_date date, const char *title)
{
    char d[11];
    govern_date_format(d, date);
    int rc = govern_buf_printf(out, "%s", d);
    size_t start = out->len, word = out->len;
    bool dash = true;
    for (const unsigned char *p = (const unsigned char *)title; !rc && *p; p++) {
        char c = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : (char)*p;
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            dash = true;
            continue;
        }
        if (dash) {
            word = out->len;
            if (out->len - start >= ID_SLUG_MAX)
                break;
            rc = govern_buf_putc(out, '-');
            dash = false;
        }
        if (!rc)
            rc = govern_buf_putc(out, c);
        if (!rc && out->len - start > ID_SLUG_MAX + 20) {
            out->len = word;
            out->ptr[word] = '\0';
            break;
        }
    }
    return rc;
}

/* ------------------------------------------------------------ add, update */

struct write_ctx {
    struct govern_invocation *inv;
    struct govern_args *args;
    const char *id; /* update, publish */
    bool is_add;
    govern_date published; /* publish */
    char *new_id;
    struct govern_buf warning;
};

/* Applies the options common to add and update to e. */
static int apply_opts(struct fp_entry *e, const struct govern_args *a, bool is_add)
{
    int rc;
    if ((rc = text_opt(&e->title, a, "title", true)) ||
        (rc = text_opt(&e->maker, a, "maker", true)) ||
        (rc = text_opt(&e->meeting, a, "meeting", true)) ||
        (rc = text_opt(&e->reference, a, "reference", true)) ||
        (rc = text_opt(&e->private_reason, a, "private-reason", false)) ||
        (rc = text_opt(&e->documents, a, "documents", false)) ||
        (rc = text_opt(&e->contact, a, "contact", true)) ||
        (rc = text_opt(&e->body, a, "description", false)) ||
        (rc = text_opt(&e->notes, a, "notes", false)) ||
        (rc = govern_args_date(&e->date, a, "date")))
        return rc;
    if (e->meeting && (rc = govern_meeting_id_check(e->meeting)))
        return govern_error_prefix(rc, "--meeting");
    const char *v = govern_args_get(a, "private");
    if (v) {
        char *end;
        long n = strtol(v, &end, 10);
        if (*end || end == v || n < 0 || n > 7)
            return govern_error_set(
                GOVERN_EINVAL, "--private '%s': a Schedule 12A paragraph 1-7 (0: in public)", v);
        e->private_ = (int)n;
        if (!n) {
            free(e->private_reason);
            e->private_reason = NULL;
        }
    }
    if (is_add)
        return 0;
    if ((v = govern_args_get(a, "key"))) {
        if (strcmp(v, "yes") && strcmp(v, "no"))
            return govern_error_set(GOVERN_EINVAL, "--key '%s': yes or no", v);
        e->key = !strcmp(v, "yes");
    }
    if ((v = govern_args_get(a, "exception"))) {
        if (!strcmp(v, "none"))
            e->exception = FP_EXCEPTION_NONE;
        else if (fp_exception_parse(&e->exception, v))
            return govern_error_prefix(GOVERN_EINVAL, "--exception");
    }
    if ((rc = text_opt(&e->scrutiny_chair, a, "scrutiny-chair", true)) ||
        (rc = text_opt(&e->urgency_reason, a, "urgency-reason", false)) ||
        (rc = govern_args_date(&e->informed, a, "informed")) ||
        (rc = govern_args_date(&e->agreed, a, "agreed")))
        return rc;
    return 0;
}

/* Checks an entry against the store before it is written. */
static int validate(struct fp_entry *e, struct govern_snapshot *head, bool date_given)
{
    if (slug_shaped(e->maker) && !committee_exists(head, e->maker))
        return govern_error_set(GOVERN_ENOTFOUND,
                                "decision maker '%s' is written as a committee slug, but there is "
                                "no such committee",
                                e->maker);
    if (e->meeting) {
        struct govern_meeting *m = NULL;
        int rc = govern_meeting_load(&m, head, e->meeting);
        if (rc == GOVERN_ENOTFOUND)
            return govern_error_set(GOVERN_ENOTFOUND, "unknown meeting '%s'", e->meeting);
        if (rc)
            return rc;
        if (!date_given && e->date == GOVERN_DATE_NONE)
            e->date = m->date;
        govern_meeting_free(m);
    }
    if (e->date == GOVERN_DATE_NONE)
        return govern_error_set(GOVERN_EUSAGE, "give --date DATE or --meeting ID");
    if (e->private_reason && !e->private_)
        return govern_error_set(GOVERN_EINVAL, "--private-reason needs --private N");
    if (e->first_published != GOVERN_DATE_NONE && e->first_published > e->date)
        return govern_error_set(GOVERN_EINVAL, "the decision would be before its first "
                                               "publication on the plan");
    return 0;
}

/* Serialises e, checks that it reads back, puts it in the change set. */
static int put_entry(struct govern_change *chg, const struct fp_entry *e)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    struct fp_entry *back = NULL;
    int rc = fp_serialize(&b, e);
    if (!rc)
        rc = fp_parse(&back, e->id, b.ptr, b.len);
    if (!rc)
        rc = govern_change_put(chg, e->path, b.ptr, b.len);
    fp_free(back);
    govern_buf_free(&b);
    return rc;
}

static int add_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct write_ctx *x = vctx;
    struct fp_entry *e = calloc(1, sizeof(*e));
    struct govern_buf id = GOVERN_BUF_INIT;
    int rc = e ? 0 : govern_oom();
    if (rc)
        return rc;
    e->date = e->first_published = e->informed = e->agreed = GOVERN_DATE_NONE;
    e->key = !govern_args_flag(x->args, "not-key");
    if ((rc = apply_opts(e, x->args, true)) ||
        (rc = validate(e, head, govern_args_get(x->args, "date") != NULL)))
        goto out;
    const char *given = govern_args_get(x->args, "id");
    if (given)
        rc = govern_buf_puts(&id, given);
    else
        rc = default_id(&id, e->date, e->title);
    if (rc || (rc = fp_id_check(id.ptr)))
        goto out;
    if (!(e->id = govern_strdup(id.ptr)) || !(e->path = fp_path(id.ptr))) {
        rc = govern_oom();
        goto out;
    }
    if (govern_snapshot_exists(head, e->path)) {
        rc = govern_error_set(GOVERN_EEXISTS,
                              "Forward Plan entry '%s' already exists (give another --id)", e->id);
        goto out;
    }
    if (!(rc = put_entry(chg, e)))
        rc = govern_change_message(chg, "Add Forward Plan entry %s: %s", e->id, e->title);
    free(x->new_id);
    x->new_id = rc ? NULL : govern_strdup(e->id);
out:
    govern_buf_free(&id);
    fp_free(e);
    return rc;
}

static int update_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct write_ctx *x = vctx;
    struct fp_entry *e = NULL;
    int rc = fp_load(&e, head, x->id);
    if (!rc)
        rc = apply_opts(e, x->args, false);
    if (!rc)
        rc = validate(e, head, true);
    if (!rc)
        rc = put_entry(chg, e);
    if (!rc)
        rc = govern_change_message(chg, "Update Forward Plan entry %s", e->id);
    fp_free(e);
    return rc;
}

/* The warning a clerk gets when an entry goes on the plan too late. */
static int late_warning(struct govern_buf *w, const struct fp_entry *e)
{
    int cd = fp_clear_days(e->first_published, e->date);
    if (cd >= FP_NOTICE_DAYS || e->exception)
        return 0;
    char d[11];
    govern_date_format(d, e->date);
    govern_buf_clear(w);
    return govern_buf_printf(
        w,
        "warning: only %d clear days before the decision on %s: %s needs %d (SI 2012/2089 %s); "
        "record a general exception (reg 10) or special urgency (reg 11) with `govern "
        "forward-plan update %s --exception ...`\n",
        cd < 0 ? 0 : cd, d, e->key ? "a key decision" : "a private meeting", FP_NOTICE_DAYS,
        e->key ? "reg 9" : "reg 5", e->id);
}

static int publish_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct write_ctx *x = vctx;
    struct fp_entry *e = NULL;
    char d[11];
    int rc = fp_load(&e, head, x->id);
    if (rc)
        return rc;
    if (e->first_published != GOVERN_DATE_NONE) {
        govern_date_format(d, e->first_published);
        rc = govern_error_set(GOVERN_EEXISTS,
                              "%s was first published on %s; that date never changes", e->path, d);
    } else if (x->published > e->date) {
        rc = govern_error_set(GOVERN_EINVAL, "%s: published after the decision it gives notice of",
                              e->path);
    }
    if (!rc) {
        e->first_published = x->published;
        govern_date_format(d, x->published);
        if (!(rc = put_entry(chg, e)) && !(rc = late_warning(&x->warning, e)))
            rc = govern_change_message(chg, "Publish Forward Plan entry %s on %s", e->id, d);
    }
    fp_free(e);
    return rc;
}

static int run_write(struct govern_invocation *inv, govern_txn_fn fn, struct write_ctx *x)
{
    struct govern_commit_info info;
    int rc = govern_store_transact(&info, inv->store, fn, x);
    if (!rc && x->warning.len)
        rc = govern_buf_puts(inv->err, x->warning.ptr);
    if (!rc)
        rc = govern_buf_printf(inv->out, "%s\n", x->new_id ? x->new_id : x->id);
    free(x->new_id);
    govern_buf_free(&x->warning);
    return rc;
}

static int do_add(struct govern_invocation *inv, struct govern_args *a)
{
    int rc = govern_args_positional(a, 1, 1, USAGE);
    if (rc)
        return rc;
    for (const char *const *r = (const char *const[]){"title", "maker", NULL}; *r; r++)
        if (!govern_args_get(a, *r))
            return govern_error_set(GOVERN_EUSAGE, "forward-plan add needs --%s", *r);
    struct write_ctx x = {.inv = inv, .args = a, .is_add = true};
    return run_write(inv, add_fn, &x);
}

static int do_update(struct govern_invocation *inv, struct govern_args *a)
{
    int rc = govern_args_positional(a, 2, 2, USAGE);
    if (rc)
        return rc;
    struct write_ctx x = {.inv = inv, .args = a, .id = a->positional.items[1]};
    return run_write(inv, update_fn, &x);
}

static int do_publish(struct govern_invocation *inv, struct govern_args *a)
{
    int rc = govern_args_positional(a, 2, 2, "govern forward-plan publish ID [--date DATE]");
    if (rc)
        return rc;
    struct write_ctx x = {.inv = inv, .args = a, .id = a->positional.items[1]};
    x.published = inv->as_of;
    if ((rc = govern_args_date(&x.published, a, "date")))
        return rc;
    return run_write(inv, publish_fn, &x);
}

/* --------------------------------------------------------------- listing */

/* What the listing needs of an entry's store context. */
struct ctx_info {
    bool meeting_private;
    char *maker_name;
};

static int entry_info(struct ctx_info *ci, const struct fp_entry *e, struct govern_snapshot *snap,
                      struct govern_public *view)
{
    int para;
    memset(ci, 0, sizeof(*ci));
    /* the public view's answer: private, or a meeting that cannot be read */
    ci->meeting_private = e->meeting && govern_public_withheld(view, e->meeting, NULL, &para);
    if (slug_shaped(e->maker) && committee_exists(snap, e->maker)) {
        struct govern_committee *c = NULL;
        if (!govern_committee_load(&c, snap, e->maker))
            ci->maker_name = govern_strdup(c->name);
        govern_error_clear();
        govern_committee_free(c);
    }
    return 0;
}

static int render(struct govern_buf *out, const struct fp_plan *p, const char *fmt)
{
    if (!strcmp(fmt, "text"))
        return fp_render_text(out, p);
    if (!strcmp(fmt, "md"))
        return fp_render_md(out, p);
    if (!strcmp(fmt, "html"))
        return fp_render_html(out, p);
    if (!strcmp(fmt, "json"))
        return fp_render_json(out, p);
    return fp_render_csv(out, p, fmt);
}

static int cmp_view(const void *a, const void *b)
{
    const struct fp_view *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* The plan (or, with only, one entry) as fmt. */
static int show_plan(struct govern_invocation *inv, bool public_, govern_date from, govern_date to,
                     const char *only, const char *fmt)
{
    struct govern_config *cfg = NULL;
    struct fp_list l;
    struct fp_view *views = NULL;
    char **names = NULL;
    size_t n = 0;
    struct govern_public *view = NULL;
    int rc = govern_config_load(&cfg, inv->snap);
    if (rc)
        return rc;
    if ((rc = fp_list_load(&l, inv->snap, NULL))) {
        govern_config_free(cfg);
        return rc;
    }
    if ((rc = govern_public_open(&view, inv->snap, inv->as_of))) {
        fp_list_free(&l);
        govern_config_free(cfg);
        return rc;
    }
    views = calloc(l.count + 1, sizeof(*views));
    names = calloc(l.count + 1, sizeof(*names));
    if (!views || !names)
        rc = govern_oom();
    for (size_t i = 0; !rc && i < l.count; i++) {
        const struct fp_entry *e = l.items[i];
        bool published = e->first_published != GOVERN_DATE_NONE && e->first_published <= inv->as_of;
        if (only ? strcmp(only, e->id) : (e->date < from || e->date > to))
            continue;
        if (public_ && !published) {
            char d[11];
            govern_date_format(d, inv->as_of);
            if (only)
                rc = govern_error_set(GOVERN_ENOTFOUND,
                                      "Forward Plan entry '%s' is not published on %s", only, d);
            continue;
        }
        struct ctx_info ci;
        if ((rc = entry_info(&ci, e, inv->snap, view)))
            break;
        names[n] = ci.maker_name;
        fp_view_make(&views[n++], e, public_, ci.meeting_private, ci.maker_name, inv->as_of);
    }
    if (!rc && only && !n)
        rc = govern_error_set(GOVERN_ENOTFOUND, "unknown Forward Plan entry '%s'", only);
    if (!rc && n > 1)
        qsort(views, n, sizeof(*views), cmp_view);
    struct fp_plan p = {cfg->body, inv->as_of, from, to, public_, views, n};
    if (!rc)
        rc = render(inv->out, &p, fmt);
    if (!rc && public_)
        rc = govern_public_put_warnings(inv->err, view);
    govern_public_free(view);
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
    free(views);
    fp_list_free(&l);
    govern_config_free(cfg);
    return rc;
}

static int do_list(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const fmts[] = {"text", "md", "html", "json", "csv", "xlsx", NULL};
    const char *fmt = NULL, *v = govern_args_get(a, "months");
    int rc = govern_args_positional(a, 0, 0, USAGE);
    if (rc || (rc = govern_output_format(&fmt, inv->format, "text", fmts)))
        return rc;
    long months = 4;
    if (v) {
        char *end;
        months = strtol(v, &end, 10);
        if (*end || end == v || months < 1 || months > 24)
            return govern_error_set(GOVERN_EUSAGE, "--months '%s': a number of months, 1-24", v);
    }
    govern_date to = govern_date_add_months(inv->as_of, (int)months) - 1;
    return show_plan(inv, govern_args_flag(a, "public"), inv->as_of, to, NULL, fmt);
}

static int do_show(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const fmts[] = {"md", "html", "json", NULL};
    const char *fmt = NULL;
    int rc = govern_args_positional(a, 2, 2, USAGE);
    if (rc || (rc = govern_output_format(&fmt, inv->format, "md", fmts)) ||
        (rc = fp_id_check(a->positional.items[1])))
        return rc;
    return show_plan(inv, govern_args_flag(a, "public"), GOVERN_DATE_NONE, GOVERN_DATE_NONE,
                     a->positional.items[1], fmt);
}

/* ------------------------------------------------------------- dispatch */

#define WRITE (GOVERN_CMD_STORE | GOVERN_CMD_WRITES)
static const struct govern_subcommand subs[] = {
    {"add", "add an entry to the plan", NULL, add_opts, WRITE, do_add, NULL, NULL},
    {"update", "change an entry", NULL, update_opts, WRITE, do_update, NULL, NULL},
    {"publish", "record the day an entry was first published", NULL, publish_opts, WRITE,
     do_publish, NULL, NULL},
    {"show", "one entry", NULL, show_opts, GOVERN_CMD_STORE, do_show, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

/* Without a subcommand: the listing. */
static int run(struct govern_invocation *inv)
{
    struct govern_args a;
    int rc = govern_args_parse(&a, list_opts, inv->argc, inv->argv);
    if (rc)
        return rc;
    rc = do_list(inv, &a);
    govern_args_free(&a);
    return rc;
}

static const struct govern_command cmd = {
    .name = "forward-plan",
    .summary = "the Forward Plan: key decisions and private meetings with 28 days' notice",
    .usage = USAGE,
    .help = "The Forward Plan (SI 2012/2089): one file per entry, forward-plan/ID.md: the matter,\n"
            "the decision maker, the day (or meeting) of the decision, whether it is a key\n"
            "decision, whether it will be taken in private (the Schedule 12A paragraph), and the\n"
            "day it was first published on the plan ('publish', which never changes). Without a\n"
            "subcommand: the entries whose decision falls in the next --months (default 4)\n"
            "from --as-of. --public: only entries published by --as-of, and of a private one\n"
            "only the matter, decision maker, date and paragraph. `govern check` reports key\n"
            "decisions and private meetings with fewer than 28 clear days on the plan, unless a\n"
            "general exception (reg 10: the scrutiny chair informed, 5 clear days) or special\n"
            "urgency (reg 11: the chair's agreement) is recorded. See docs/forward-plan.md.",
    .options = list_opts,
    .flags = GOVERN_CMD_STORE,
    .run = run,
    .subcommands = subs,
};

static int init(struct govern_registry *reg, void **state)
{
    static const struct govern_public_output publics[] = {
        {"forward-plan", "--public --months 24", "text md html json csv xlsx"},
        {"forward-plan", "show {forward-plan} --public", "md html json"},
        {NULL, NULL, NULL},
    };
    *state = NULL;
    int rc = govern_register_command(reg, &cmd);
    if (!rc)
        rc = govern_register_check(reg, &fp_check_rule);
    return rc ? rc : govern_register_public_outputs(reg, publics);
}

const struct govern_plugin govern_builtin_forwardplan = {
    .abi_version = GOVERN_PLUGIN_ABI,
    .name = "forwardplan",
    .version = NULL, /* govern's own (govern_version()) */
    .summary = "the Forward Plan (govern forward-plan) and its 28-day rules",
    .init = init,
    .fini = NULL,
};
