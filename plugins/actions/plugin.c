/*
 * The built-in actions plugin: the action register across all committees.
 *
 *   govern action add|update|show     one action (one commit per write)
 *   govern actions [report]           the register, filtered; the report
 *   check rule "actions"              cross-references in the register
 *   agenda contributor "Action log"   outstanding actions on a new agenda
 *   hooks on minutes drafted/approved register `- [ ] ACTION:` lines
 *
 * Like every plugin it never prints: output goes to inv->out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "actions.h"
#include "govern/output.h"
#include "govern/priority.h"

#define TEXT_MAX (64 * 1024)

static int opt_date(govern_date *out, const char *opt, const char *v)
{
    *out = GOVERN_DATE_NONE;
    if (v && govern_date_parse(out, v))
        return govern_error_prefix(GOVERN_EUSAGE, "--%s", opt);
    return 0;
}

static int committee_exists(struct govern_snapshot *snap, const char *slug)
{
    int rc = govern_slug_check(slug);
    if (rc)
        return rc;
    char path[128];
    snprintf(path, sizeof(path), "%s/committee.md", slug);
    if (govern_reserved_name(slug) || !govern_snapshot_exists(snap, path))
        return govern_committee_unknown(snap, slug);
    return 0;
}

/* Checks --priority: the form of an id, then that it is a priority of a set
 * in priorities/ of head (the core's priority API). */
static int priority_exists(struct govern_snapshot *head, const char *id)
{
    if (!govern_action_priority_id_valid(id))
        return govern_error_set(
            GOVERN_EINVAL, "--priority '%s' is not a priority id (SET/N, e.g. hcssg-2021-23/1)",
            id);
    struct govern_priority_sets s;
    int rc = govern_priority_sets_load(&s, head, NULL);
    if (rc)
        return govern_error_prefix(rc, "--priority %s: reading priorities/", id);
    if (!govern_priority_find(&s, id, NULL))
        rc = govern_error_set(GOVERN_ENOTFOUND,
                              "--priority: unknown priority '%s' (see govern priorities; ids are "
                              "SET/N, e.g. hcssg-2021-23/1)",
                              id);
    govern_priority_sets_free(&s);
    return rc;
}

/* Trimmed copy of the action text. */
static char *trim_text(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return strndup(s, n);
}

/* Serialises a, checks that it reads back, and puts it in the change set. */
static int put_action(struct govern_change *chg, const struct govern_action *a)
{
    struct govern_buf b = GOVERN_BUF_INIT, copy = GOVERN_BUF_INIT;
    struct govern_action_register tmp;
    govern_action_register_init(&tmp);
    char path[160];
    snprintf(path, sizeof(path), "%s/%s.md", GOVERN_ACTIONS_DIR, a->id);
    int rc = govern_action_serialize(&b, a);
    if (!rc)
        rc = govern_buf_put(&copy, b.ptr, b.len);
    if (!rc)
        rc = govern_action_parse(&tmp, path, copy.ptr, copy.len);
    if (!rc)
        rc = govern_change_put(chg, path, b.ptr, b.len);
    govern_buf_free(&b);
    govern_buf_free(&copy);
    govern_action_register_clear(&tmp);
    return rc;
}

/* A short one-line summary of text for a commit message. */
static void summary(char out[72], const char *text)
{
    size_t k = 0;
    for (const char *p = text; *p && k < 68; p++)
        out[k++] = (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p;
    /* do not cut a UTF-8 sequence */
    while (k && ((unsigned char)out[k - 1] & 0xC0) == 0x80 && text[k] &&
           ((unsigned char)text[k] & 0xC0) == 0x80)
        k--;
    if (k && ((unsigned char)out[k - 1] & 0xC0) == 0xC0)
        k--;
    out[k] = '\0';
    if (strlen(text) > k)
        strcat(out, "...");
}

/* ------------------------------------------------------------- add */

/* The options of action add and update, each written once. */
/* clang-format off */
#define OPT_DUE {"due", 0, GOVERN_OPT_VALUE, "DATE", "due date"}
#define OPT_REFER_TO {"refer-to", 0, GOVERN_OPT_MULTI, "SLUG", "refer it to another committee"}
#define OPT_PRIORITY {"priority", 0, GOVERN_OPT_VALUE, "ID", \
    "the strategic priority it serves, SET/N (priorities/)"}
#define OPT_END {NULL, 0, 0, NULL, NULL}
/* clang-format on */

static const struct govern_opt add_opts[] = {
    {"owner", 0, GOVERN_OPT_VALUE, "WHO", "who must do it: a person or an organisation"},
    OPT_DUE,
    {"item", 0, GOVERN_OPT_VALUE, "N", "the minute number N (as in N/YY) it was raised under"},
    OPT_REFER_TO,
    {"committee", 0, GOVERN_OPT_VALUE, "SLUG", "raised by this committee outside a meeting"},
    {"return", 0, GOVERN_OPT_FLAG, NULL, "the action is a partner's return (kind: return)"},
    {"from", 0, GOVERN_OPT_VALUE, "FILE", "add every action of a YAML file, one commit"},
    OPT_PRIORITY,
    OPT_END,
};

static const struct govern_opt update_opts[] = {
    OPT_DUE,
    OPT_REFER_TO,
    {"status", 0, GOVERN_OPT_VALUE, "STATUS", "open, in-progress, done or dropped"},
    {"note", 0, GOVERN_OPT_VALUE, "TEXT", "a note for the log"},
    OPT_PRIORITY,
    OPT_END,
};

struct add_ctx {
    struct govern_invocation *inv;
    const char *meeting; /* or NULL */
    const char *committee;
    const char *text, *owner, *priority;
    govern_date due;
    int item;
    const struct govern_strlist *refer;
    bool is_return;
    char *id;
};

/* "N/YY" for minute n of meeting id: from its minutes when they exist. */
static int minute_label(char out[16], struct govern_snapshot *head, const char *meeting, int n,
                        govern_date mdate)
{
    char *path = govern_meeting_path(meeting, "minutes.md");
    struct govern_buf b = GOVERN_BUF_INIT;
    if (!path)
        return govern_oom();
    int rc = govern_snapshot_read(&b, head, path);
    if (rc == GOVERN_ENOTFOUND) {
        struct govern_config *cfg = NULL;
        if (!(rc = govern_config_load(&cfg, head))) {
            int y, m, d;
            govern_date_to_ymd(govern_config_year_start(cfg, mdate), &y, &m, &d);
            snprintf(out, 16, "%d/%02d", n, y % 100);
        }
        govern_config_free(cfg);
        goto out;
    }
    if (rc)
        goto out;
    rc = govern_error_set(GOVERN_ENOTFOUND, "%s has no minute %d (no '## %d/YY' heading)", path, n,
                          n);
    char want[24];
    int wl = snprintf(want, sizeof(want), "## %d/", n);
    bool fence = false;
    for (const char *p = b.ptr; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len >= 3 && (!strncmp(p, "```", 3) || !strncmp(p, "~~~", 3)))
            fence = !fence;
        else if (!fence && len >= (size_t)wl + 2 && !strncmp(p, want, (size_t)wl) && p[wl] >= '0' &&
                 p[wl] <= '9' && p[wl + 1] >= '0' && p[wl + 1] <= '9' &&
                 (len == (size_t)wl + 2 || p[wl + 2] == ' ')) {
            snprintf(out, 16, "%d/%c%c", n, p[wl], p[wl + 1]);
            rc = 0;
            govern_error_clear();
            break;
        }
        p = nl ? nl + 1 : p + len;
    }
out:
    free(path);
    govern_buf_free(&b);
    return rc;
}

/* Puts one new action in the change set; sum gets its short summary. */
static int add_one(struct govern_change *chg, struct govern_snapshot *head, struct add_ctx *ctx,
                   char sum[72])
{
    struct govern_committee *c = NULL;
    struct govern_meeting *m = NULL;
    char *prefix = NULL, *text = NULL;
    int rc;
    free(ctx->id);
    ctx->id = NULL;
    if ((rc = committee_exists(head, ctx->committee)) ||
        (rc = govern_committee_load(&c, head, ctx->committee)) ||
        (ctx->priority && (rc = priority_exists(head, ctx->priority))))
        goto out;
    govern_date year_of = ctx->inv->as_of;
    char label[16] = "";
    if (ctx->meeting) {
        rc = govern_meeting_load(&m, head, ctx->meeting);
        if (rc == GOVERN_ENOTFOUND)
            rc = govern_error_set(GOVERN_ENOTFOUND, "unknown meeting '%s'", ctx->meeting);
        if (rc)
            goto out;
        year_of = m->date;
        if (ctx->item && (rc = minute_label(label, head, ctx->meeting, ctx->item, m->date)))
            goto out;
    }
    for (size_t i = 0; ctx->refer && i < ctx->refer->count; i++) {
        if ((rc = committee_exists(head, ctx->refer->items[i])))
            goto out;
        if (!strcmp(ctx->refer->items[i], ctx->committee)) {
            rc = govern_error_set(GOVERN_EINVAL,
                                  "--refer-to %s: an action cannot be referred to "
                                  "the committee that raised it",
                                  ctx->committee);
            goto out;
        }
    }
    int y, mo, d;
    govern_date_to_ymd(year_of, &y, &mo, &d);
    if (!(prefix = govern_action_prefix(c)) || !(text = trim_text(ctx->text))) {
        rc = govern_oom();
        goto out;
    }
    if ((rc = govern_action_next_id(&ctx->id, head, chg, prefix, y)))
        goto out;
    const char *refs[64];
    size_t nref = 0;
    for (size_t i = 0; ctx->refer && i < ctx->refer->count && nref < 64; i++) {
        bool have = false;
        for (size_t k = 0; k < nref; k++)
            have = have || !strcmp(refs[k], ctx->refer->items[i]);
        if (!have)
            refs[nref++] = ctx->refer->items[i];
    }
    struct govern_action a = {
        .id = ctx->id,
        .committee = ctx->committee,
        .meeting = ctx->meeting,
        .minute = label[0] ? label : NULL,
        .owner = ctx->owner,
        .kind = ctx->is_return ? "return" : NULL,
        .priority = ctx->priority,
        .due = ctx->due,
        .status = GOVERN_ACTION_OPEN,
        .referred_to = refs,
        .n_referred = nref,
        .created = ctx->inv->as_of,
        .updated = ctx->inv->as_of,
        .text = text,
    };
    summary(sum, text);
    rc = put_action(chg, &a);
out:
    free(prefix);
    free(text);
    govern_meeting_free(m);
    govern_committee_free(c);
    return rc;
}

static int add_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct add_ctx *ctx = vctx;
    char sum[72];
    int rc = add_one(chg, head, ctx, sum);
    return rc ? rc : govern_change_message(chg, "Add action %s: %s", ctx->id, sum);
}

struct add_many_ctx {
    struct add_ctx *items;
    size_t count;
};

static int add_many_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct add_many_ctx *ctx = vctx;
    struct govern_buf body = GOVERN_BUF_INIT;
    char sum[72];
    int rc = 0;
    for (size_t i = 0; i < ctx->count && !rc; i++)
        if (!(rc = add_one(chg, head, &ctx->items[i], sum)))
            rc = govern_buf_printf(&body, "%s: %s\n", ctx->items[i].id, sum);
    if (!rc)
        rc =
            govern_change_message(chg, "Add actions %s to %s (%zu actions)\n\n%s", ctx->items[0].id,
                                  ctx->items[ctx->count - 1].id, ctx->count, body.ptr);
    govern_buf_free(&body);
    return rc;
}

/* action add ID --from FILE: every action of the file, one commit. */
static int add_from_file(struct govern_invocation *inv, struct govern_args *a,
                         const struct add_ctx *base, const char *file)
{
    static const char *const one[] = {"owner", "due", "item", "refer-to", "return", "priority"};
    for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++)
        if (govern_args_flag(a, one[i]) ||
            (govern_args_multi(a, one[i]) && govern_args_multi(a, one[i])->count))
            return govern_error_set(
                GOVERN_EUSAGE, "--%s is for one action: with --from, write it in the file", one[i]);
    struct actions_file f;
    int rc = actions_file_parse(&f, file);
    if (rc)
        return rc;
    struct add_many_ctx ctx = {calloc(f.count, sizeof(struct add_ctx)), f.count};
    if (!ctx.items)
        rc = govern_oom();
    for (size_t i = 0; !rc && i < f.count; i++) {
        const struct actions_file_entry *e = &f.items[i];
        struct add_ctx *c = &ctx.items[i];
        *c = *base;
        c->text = e->text;
        c->owner = e->owner;
        c->due = e->due;
        c->item = e->item;
        c->refer = &e->refer;
        c->is_return = e->is_return;
        if (c->item && !c->meeting)
            rc = govern_error_set(GOVERN_EUSAGE, "item needs a meeting id");
        if (!rc && !(rc = govern_text_field_check("the action text", c->text, TEXT_MAX, false)))
            rc = govern_text_field_check("the owner", c->owner, TEXT_MAX, true);
        if (rc)
            govern_error_prefix(rc, "%s:%d", file, e->line);
    }
    struct govern_commit_info info;
    if (!rc && !(rc = govern_store_transact(&info, inv->store, add_many_fn, &ctx)))
        for (size_t i = 0; i < ctx.count && !rc; i++)
            rc = govern_buf_printf(inv->out, "%s\n", ctx.items[i].id);
    for (size_t i = 0; ctx.items && i < ctx.count; i++)
        free(ctx.items[i].id);
    free(ctx.items);
    actions_file_free(&f);
    return rc;
}

static int do_add(struct govern_invocation *inv, struct govern_args *a)
{
    const char *committee = govern_args_get(a, "committee"), *file = govern_args_get(a, "from");
    /* positional[0] is "add" */
    size_t np = (committee ? 2 : 3) - (file ? 1 : 0);
    int rc = govern_args_positional(
        a, np, np,
        "govern action add MEETING-ID TEXT --owner WHO [--due DATE] [--item N] [--refer-to "
        "SLUG]... [--priority ID]\n       govern action add --committee SLUG TEXT --owner WHO ...\n"
        "       govern action add MEETING-ID|--committee SLUG --from FILE");
    if (rc)
        return rc;
    struct add_ctx ctx = {.inv = inv, .refer = govern_args_multi(a, "refer-to")};
    ctx.text = file ? NULL : a->positional.items[np - 1];
    ctx.owner = govern_args_get(a, "owner");
    ctx.priority = govern_args_get(a, "priority");
    ctx.is_return = govern_args_flag(a, "return");
    char slug[80];
    if (committee) {
        ctx.committee = committee;
        if (govern_args_get(a, "item"))
            return govern_error_set(GOVERN_EUSAGE, "--item needs a meeting id");
    } else {
        ctx.meeting = a->positional.items[1];
        if ((rc = govern_meeting_id_check(ctx.meeting)))
            return rc;
        snprintf(slug, sizeof(slug), "%.*s", (int)(strchr(ctx.meeting, '/') - ctx.meeting),
                 ctx.meeting);
        ctx.committee = slug;
    }
    if (file)
        return add_from_file(inv, a, &ctx, file);
    if (!ctx.owner)
        return govern_error_set(GOVERN_EUSAGE, "--owner WHO is required");
    if ((rc = govern_text_field_check("the action text", ctx.text, TEXT_MAX, false)) ||
        (rc = govern_text_field_check("--owner", ctx.owner, TEXT_MAX, true)) ||
        (ctx.priority &&
         (rc = govern_text_field_check("--priority", ctx.priority, TEXT_MAX, true))) ||
        (rc = opt_date(&ctx.due, "due", govern_args_get(a, "due"))))
        return rc;
    const char *item = govern_args_get(a, "item");
    if (item) {
        char *end;
        long n = strtol(item, &end, 10);
        if (*end || end == item || n < 1 || n > 99999)
            return govern_error_set(GOVERN_EINVAL, "--item '%s' is not a minute number", item);
        ctx.item = (int)n;
    }
    struct govern_commit_info info;
    rc = govern_store_transact(&info, inv->store, add_fn, &ctx);
    if (!rc)
        rc = govern_buf_printf(inv->out, "%s\n", ctx.id);
    free(ctx.id);
    return rc;
}

/* ------------------------------------------------------------- update */

struct update_ctx {
    struct govern_invocation *inv;
    const char *id, *status, *note, *by, *priority;
    govern_date due;
    const struct govern_strlist *refer;
    enum govern_action_status new_status;
};

/* The log records each new due date; before the first change the due
 * date in force is the one the action was recorded with, which the change
 * would lose.  So the first update that changes it logs that date first, on
 * the day the action was created, so that the register can be replayed on
 * any past day (`govern actions --as-of`). */
static int keep_first_due(struct govern_action_register *reg, struct govern_action *a,
                          const struct update_ctx *ctx)
{
    if (ctx->due == GOVERN_DATE_NONE || a->due == GOVERN_DATE_NONE || ctx->due == a->due)
        return 0;
    for (size_t i = 0; i < a->n_log; i++)
        if (a->log[i].due != GOVERN_DATE_NONE)
            return 0;
    struct govern_action_log_entry e = {
        .date = a->created,
        .by = ctx->by,
        .status = -1,
        .due = a->due,
        .note = "Due date when the action was recorded",
    };
    govern_date updated = a->updated;
    int rc = govern_action_add_log(reg, a, &e);
    if (rc)
        return rc;
    struct govern_action_log_entry first = a->log[a->n_log - 1];
    memmove(a->log + 1, a->log, (a->n_log - 1) * sizeof(*a->log));
    a->log[0] = first;
    a->updated = updated;
    return 0;
}

static int update_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct update_ctx *ctx = vctx;
    struct govern_action_register reg;
    govern_action_register_init(&reg);
    int rc = govern_action_load(&reg, head, ctx->id);
    if (rc)
        goto out;
    struct govern_action *a = &reg.items[0];
    govern_date today = ctx->inv->as_of;
    govern_date last = a->created;
    for (size_t i = 0; i < a->n_log; i++)
        if (a->log[i].date > last)
            last = a->log[i].date;
    if (today < last) {
        char d1[11], d2[11];
        govern_date_format(d1, today);
        govern_date_format(d2, last);
        rc = govern_error_set(GOVERN_EINVAL,
                              "%s: cannot log an update on %s, before its latest entry (%s)",
                              a->path, d1, d2);
        goto out;
    }
    /* referrals: new committees only */
    size_t nref = a->n_referred;
    const char **refs = nref || (ctx->refer && ctx->refer->count)
                            ? calloc(nref + (ctx->refer ? ctx->refer->count : 0), sizeof(*refs))
                            : NULL;
    if ((nref || (ctx->refer && ctx->refer->count)) && !refs) {
        rc = govern_oom();
        goto out;
    }
    if (nref)
        memcpy(refs, a->referred_to, nref * sizeof(*refs));
    struct govern_buf note = GOVERN_BUF_INIT;
    for (size_t i = 0; ctx->refer && i < ctx->refer->count && !rc; i++) {
        const char *s = ctx->refer->items[i];
        if ((rc = committee_exists(head, s)))
            break;
        if (!strcmp(s, a->committee)) {
            rc = govern_error_set(GOVERN_EINVAL,
                                  "--refer-to %s: an action cannot be referred to "
                                  "the committee that raised it",
                                  s);
            break;
        }
        bool have = false;
        for (size_t k = 0; k < nref; k++)
            have = have || !strcmp(refs[k], s);
        if (have)
            continue;
        refs[nref++] = s;
        rc = govern_buf_printf(&note, "%sReferred to %s", note.len ? "; " : "", s);
    }
    bool retag = ctx->priority && (!a->priority || strcmp(a->priority, ctx->priority));
    if (!rc && ctx->priority)
        rc = priority_exists(head, ctx->priority);
    if (!rc && retag)
        rc = govern_buf_printf(&note, "%sPriority %s", note.len ? "; " : "", ctx->priority);
    if (!rc && ctx->note)
        rc = govern_buf_printf(&note, "%s%s", note.len ? ". " : "", ctx->note);
    if (!rc)
        rc = keep_first_due(&reg, a, ctx);
    if (!rc) {
        struct govern_action_log_entry e = {
            .date = today,
            .by = ctx->by,
            .status = ctx->status ? (int)ctx->new_status : -1,
            .due = ctx->due,
            .note = note.len ? note.ptr : NULL,
        };
        if (ctx->status)
            a->status = ctx->new_status;
        if (ctx->due != GOVERN_DATE_NONE)
            a->due = ctx->due;
        if (ctx->priority)
            a->priority = ctx->priority;
        a->referred_to = refs;
        a->n_referred = nref;
        rc = govern_action_add_log(&reg, a, &e);
        a->updated = today;
    }
    if (!rc)
        rc = put_action(chg, a);
    if (!rc)
        rc = govern_change_message(chg, "Update action %s: %s", a->id,
                                   govern_action_status_name(a->status));
    govern_buf_free(&note);
    free(refs);
out:
    govern_action_register_clear(&reg);
    return rc;
}

static int do_update(struct govern_invocation *inv, struct govern_args *a)
{
    int rc = govern_args_positional(a, 2, 2,
                                    "govern action update ACTION-ID [--status STATUS] [--note "
                                    "TEXT] [--due DATE] [--refer-to SLUG]... [--priority ID]");
    if (rc)
        return rc;
    struct update_ctx ctx = {.inv = inv,
                             .id = a->positional.items[1],
                             .status = govern_args_get(a, "status"),
                             .note = govern_args_get(a, "note"),
                             .refer = govern_args_multi(a, "refer-to"),
                             .priority = govern_args_get(a, "priority")};
    if (!govern_action_id_valid(ctx.id))
        return govern_error_set(
            GOVERN_EINVAL, "'%s' is not an action id (SHORT-YYYY-NNN, e.g. CSG-2021-004)", ctx.id);
    if (!ctx.status && !ctx.note && !ctx.priority && !govern_args_get(a, "due") &&
        !(ctx.refer && ctx.refer->count))
        return govern_error_set(
            GOVERN_EUSAGE,
            "nothing to update: give --status, --note, --due, --refer-to or --priority");
    if (ctx.status && govern_action_status_parse(&ctx.new_status, ctx.status))
        return govern_error_prefix(GOVERN_EINVAL, "--status");
    if ((ctx.note && (rc = govern_text_field_check("--note", ctx.note, TEXT_MAX, true))) ||
        (ctx.priority &&
         (rc = govern_text_field_check("--priority", ctx.priority, TEXT_MAX, true))) ||
        (rc = opt_date(&ctx.due, "due", govern_args_get(a, "due"))))
        return rc;
    char *by = NULL;
    if ((rc = govern_store_author(&by, inv->store)))
        return rc;
    ctx.by = by;
    struct govern_commit_info info;
    rc = govern_store_transact(&info, inv->store, update_fn, &ctx);
    if (!rc)
        rc = govern_buf_printf(inv->out, "%s\n", ctx.id);
    free(by);
    return rc;
}

static int do_show(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const formats[] = {"text", "json", NULL};
    const char *fmt = NULL;
    int rc = govern_args_positional(a, 2, 2, "govern action show ACTION-ID [--format text|json]");
    if (rc || (rc = govern_output_format(&fmt, inv->format, "text", formats)))
        return rc;
    struct govern_action_register reg;
    govern_action_register_init(&reg);
    rc = govern_action_load(&reg, inv->snap, a->positional.items[1]);
    if (!rc)
        rc = actions_render_one(inv->out, &reg.items[0], inv->as_of, fmt);
    govern_action_register_clear(&reg);
    return rc;
}

#define WRITE (GOVERN_CMD_STORE | GOVERN_CMD_WRITES)
static const struct govern_subcommand action_subs[] = {
    {"add", "add actions to the register", NULL, add_opts, WRITE, do_add, NULL, NULL},
    {"update", "change an action's status, due date or referrals", NULL, update_opts, WRITE,
     do_update, NULL, NULL},
    {"show", "one action and its log", NULL, NULL, GOVERN_CMD_STORE, do_show, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

/* ------------------------------------------------------------- actions */

/* clang-format off */
#define OPT_COMMITTEES {"committee", 0, GOVERN_OPT_MULTI, "SLUG", \
    "actions raised by or referred to this committee"}
#define OPT_PUBLIC {"public", 0, GOVERN_OPT_FLAG, NULL, "the form for publication: actions raised in exempt minutes or private meetings by " "id, \
    " "status and dates only"}
/* clang-format on */

/* actions without a subcommand: the register */
static const struct govern_opt list_opts[] = {
    OPT_COMMITTEES,
    {"owner", 0, GOVERN_OPT_VALUE, "TEXT", "owner contains TEXT (any case)"},
    {"status", 0, GOVERN_OPT_VALUE, "STATUS",
     "open, in-progress, done, dropped or all (default: open and in-progress)"},
    {"overdue", 0, GOVERN_OPT_FLAG, NULL, "only actions past their due date (red)"},
    {"due-before", 0, GOVERN_OPT_VALUE, "DATE", "only actions due before DATE"},
    OPT_PUBLIC,
    OPT_END,
};

static const struct govern_opt report_opts[] = {
    {"from", 0, GOVERN_OPT_VALUE, "DATE", "start of the period (default: a year before --to)"},
    {"to", 0, GOVERN_OPT_VALUE, "DATE", "end of the period (default: --as-of)"},
    OPT_COMMITTEES,
    OPT_PUBLIC,
    OPT_END,
};

struct filter {
    const struct govern_strlist *committees;
    const char *owner;
    int status; /* -1 outstanding, -2 all, else a status */
    bool overdue;
    govern_date due_before, as_of;
};

/* Every action is judged as it stood on --as-of (rebuilt from its log):
 * one created later is not listed. */
static bool keep_action(struct govern_action *a, void *vctx)
{
    const struct filter *f = vctx;
    if (!govern_action_rewind(a, f->as_of))
        return false;
    if (f->status == -1 && !govern_action_outstanding(a))
        return false;
    if (f->status >= 0 && (int)a->status != f->status)
        return false;
    if (f->overdue && govern_action_rag(a, f->as_of, NULL) != GOVERN_RAG_RED)
        return false;
    if (f->due_before != GOVERN_DATE_NONE &&
        (a->due == GOVERN_DATE_NONE || a->due >= f->due_before))
        return false;
    if (f->owner && !strcasestr(a->owner, f->owner))
        return false;
    if (f->committees && f->committees->count) {
        bool in = govern_strlist_contains(f->committees, a->committee);
        for (size_t i = 0; !in && i < a->n_referred; i++)
            in = govern_strlist_contains(f->committees, a->referred_to[i]);
        if (!in)
            return false;
    }
    return true;
}

/* Slugs and names of every committee, for headings. */
static int committee_names(struct govern_strlist *slugs, struct govern_strlist *names,
                           struct govern_snapshot *snap)
{
    int rc = govern_committee_slugs(slugs, snap);
    for (size_t i = 0; i < slugs->count && !rc; i++) {
        struct govern_committee *c = NULL;
        if (govern_committee_load(&c, snap, slugs->items[i]) == 0) {
            rc = govern_strlist_add(names, c->name);
        } else {
            govern_error_clear();
            rc = govern_strlist_add(names, slugs->items[i]);
        }
        govern_committee_free(c);
    }
    return rc;
}

/* The listing is written out as it is made (every file has been read and
 * checked by then): peak memory does not grow with the register. */
static int flush_inv(void *ctx)
{
    struct govern_invocation *inv = ctx;
    return inv->flush ? inv->flush(inv) : 0;
}

/* The register (list_opts), or the tracking report (report_opts, with
 * "report" its first positional argument). */
static int actions_listing(struct govern_invocation *inv, const struct govern_args *args,
                           bool report)
{
    struct govern_args a = *args; /* freed by the caller */
    int rc = 0;
    struct govern_strlist slugs = GOVERN_STRLIST_INIT, names = GOVERN_STRLIST_INIT;
    struct govern_action_register reg;
    govern_action_register_init(&reg);
    struct filter f = {.committees = govern_args_multi(&a, "committee"),
                       .owner = govern_args_get(&a, "owner"),
                       .status = report ? -2 : -1,
                       .overdue = govern_args_flag(&a, "overdue"),
                       .as_of = inv->as_of};
    const char *fmt = NULL;
    static const char *const list_formats[] = {"text", "json", "csv", "xlsx", "md", "html", NULL};
    static const char *const report_formats[] = {"md", "html", NULL};
    if ((rc = govern_args_positional(&a, report, report,
                                     report ? "govern actions report [--from DATE] [--to DATE]"
                                            : "govern actions [OPTIONS]")) ||
        (rc = govern_output_format(&fmt, inv->format, report ? "md" : "text",
                                   report ? report_formats : list_formats)) ||
        (rc = opt_date(&f.due_before, "due-before", govern_args_get(&a, "due-before"))))
        goto out;
    const char *st = govern_args_get(&a, "status");
    if (st && !strcmp(st, "all")) {
        f.status = -2;
    } else if (st) {
        enum govern_action_status s;
        if (govern_action_status_parse(&s, st)) {
            rc = govern_error_prefix(GOVERN_EINVAL, "--status (or 'all')");
            goto out;
        }
        f.status = (int)s;
    }
    if ((rc = committee_names(&slugs, &names, inv->snap)))
        goto out;
    for (size_t i = 0; f.committees && i < f.committees->count; i++)
        if (!govern_strlist_contains(&slugs, f.committees->items[i])) {
            rc = govern_error_set(GOVERN_ENOTFOUND, "unknown committee '%s'",
                                  f.committees->items[i]);
            goto out;
        }
    if ((rc = govern_action_load_all(&reg, inv->snap, keep_action, &f, NULL)))
        goto out;
    if (govern_args_flag(&a, "public")) {
        struct govern_public *view = NULL;
        if (!(rc = govern_public_open(&view, inv->snap, inv->as_of))) {
            rc = govern_action_register_public(&reg, view);
            if (!rc)
                rc = govern_public_put_warnings(inv->err, view);
        }
        govern_public_free(view);
        if (rc)
            goto out;
    }
    struct actions_listing l = {
        .as_of = inv->as_of, .committees = f.committees, .slugs = &slugs, .names = &names};
    if (report) {
        govern_date from, to;
        if ((rc = opt_date(&to, "to", govern_args_get(&a, "to"))) ||
            (rc = opt_date(&from, "from", govern_args_get(&a, "from"))))
            goto out;
        if (to == GOVERN_DATE_NONE)
            to = inv->as_of;
        if (from == GOVERN_DATE_NONE)
            from = to - 364;
        if (from > to) {
            rc = govern_error_set(GOVERN_EINVAL, "--from is after --to");
            goto out;
        }
        rc = actions_render_report(inv->out, &reg, &l, from, to, fmt);
    } else if (!strcmp(fmt, "json")) {
        struct actions_sink sink = {flush_inv, inv};
        rc = actions_render_json(inv->out, &reg, inv->as_of, &sink);
    } else if (!strcmp(fmt, "csv")) {
        struct actions_sink sink = {flush_inv, inv};
        rc = actions_render_csv(inv->out, &reg, inv->as_of, &sink);
    } else if (!strcmp(fmt, "xlsx")) {
        rc = actions_render_xlsx(inv->out, &reg, inv->as_of);
    } else {
        rc = actions_render_grouped(inv->out, &reg, &l, fmt, inv->color);
    }
out:
    govern_action_register_clear(&reg);
    govern_strlist_free(&slugs);
    govern_strlist_free(&names);
    return rc;
}

static int actions_run(struct govern_invocation *inv)
{
    struct govern_args a;
    int rc = govern_args_parse(&a, list_opts, inv->argc, inv->argv);
    if (!rc)
        rc = actions_listing(inv, &a, false);
    govern_args_free(&a);
    return rc;
}

static int actions_report(struct govern_invocation *inv, struct govern_args *a)
{
    return actions_listing(inv, a, true);
}

static const struct govern_subcommand actions_subs[] = {
    {"report", "the action tracking report", NULL, report_opts, GOVERN_CMD_STORE, actions_report,
     NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

/* ------------------------------------------------------------- registration */

static const struct govern_command action_cmd = {
    .name = "action",
    .summary = "add, update or show one action of the register",
    .usage = "govern action add MEETING-ID TEXT --owner WHO [--due DATE] [--item N] "
             "[--refer-to SLUG]... [--return] [--priority ID]\n"
             "       govern action add --committee SLUG TEXT --owner WHO [--due DATE] [--return] "
             "...\n"
             "       govern action add MEETING-ID|--committee SLUG --from FILE\n"
             "       govern action update ACTION-ID [--status STATUS] [--note TEXT] [--due DATE] "
             "[--refer-to SLUG]... [--priority ID]\n"
             "       govern action show ACTION-ID [--format text|json]",
    .help = "Actions live in actions/ID.md (see docs/actions.md). Ids are SHORT-YYYY-NNN: the\n"
            "committee's short_name, the year of the meeting (or of --as-of without one) and a\n"
            "serial that is never reused. `update` appends a dated log entry (the date is\n"
            "--as-of, the author is the commit's). `add --from FILE` adds every action of a\n"
            "YAML file (actions: a list of text, owner, due, item, refer_to, return) in one\n"
            "commit, after checking all of them. --priority tags the action with the\n"
            "strategic priority it serves (an id SET/N of priorities/, see docs/partnership.md);\n"
            "govern priorities lists each priority's open actions.",
    .subcommands = action_subs,
};

static const struct govern_command actions_cmd = {
    .name = "actions",
    .summary = "the action register across committees, and the action tracking report",
    .usage = "govern actions [--committee SLUG]... [--owner TEXT] [--status STATUS|all] "
             "[--overdue] [--due-before DATE] [--public] [--format text|json|csv|xlsx|md|html]\n"
             "       govern actions report [--from DATE] [--to DATE] [--committee SLUG]... "
             "[--public] [--format md|html]",
    .help = "Without options: outstanding (open and in-progress) actions of every committee.\n"
            "RAG on --as-of: red when overdue, amber when due within 14 days, green otherwise.\n"
            "The register is shown as it stood on --as-of, replayed from each action's log:\n"
            "actions created later are absent, status, due date and referrals are those of\n"
            "that day (also in the report).\n"
            "The JSON form is a documented contract (docs/actions.md). Use --public for\n"
            "anything published: actions raised in exempt minutes or private meetings then\n"
            "show neither their text nor their owner.",
    .options = list_opts,
    .flags = GOVERN_CMD_STORE,
    .run = actions_run,
    .subcommands = actions_subs,
};

static const struct govern_check_rule check_rule = {
    "actions", "the action register: committees, meetings, ids, referrals, log dates",
    actions_check};

static const struct govern_agenda_contributor contributor = {"action-log",
                                                             actions_agenda_contribute};

static const struct govern_event_hook hook_drafted = {
    "register-minuted-actions", GOVERN_EVENT_MINUTES_DRAFTED, actions_minutes_hook};
static const struct govern_event_hook hook_approved = {
    "register-minuted-actions", GOVERN_EVENT_MINUTES_APPROVED, actions_minutes_hook};

static int init(struct govern_registry *reg, void **state)
{
    (void)state;
    int rc = govern_register_command(reg, &action_cmd);
    if (!rc)
        rc = govern_register_command(reg, &actions_cmd);
    if (!rc)
        rc = govern_register_check(reg, &check_rule);
    if (!rc)
        rc = govern_register_agenda_contributor(reg, &contributor);
    if (!rc)
        rc = govern_register_hook(reg, &hook_drafted);
    if (!rc)
        rc = govern_register_hook(reg, &hook_approved);
    /* the Action log item is public through the agenda it is added to */
    static const struct govern_public_output publics[] = {
        {"actions", "--public --status all", "text json csv md html xlsx"},
        {"actions", "report --public --from 2000-01-01", "md html"},
        {NULL, NULL, NULL},
    };
    if (!rc)
        rc = govern_register_public_outputs(reg, publics);
    return rc;
}

const struct govern_plugin govern_builtin_actions = {
    .abi_version = GOVERN_PLUGIN_ABI,
    .name = "actions",
    .version = "1.0",
    .summary = "the action register: govern action, govern actions, Action log agenda item",
    .init = init,
};
