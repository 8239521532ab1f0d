/*
 * govern member add|end|list: who sits on a committee, in what role, for
 * which organisation, with or without a vote, and from when to when.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* The options, each written once, in the tables of the subcommands taking them. */
/* clang-format off */
#define OPT_ROLE {"role", 0, GOVERN_OPT_VALUE, "ROLE", \
    "chair, vice-chair, member, co-opted, substitute, observer or officer"}
#define OPT_ORGANISATION {"organisation", 0, GOVERN_OPT_VALUE, "ORG", \
    "the body the member represents"}
#define OPT_TITLE {"title", 0, GOVERN_OPT_VALUE, "TEXT", \
    "job title, e.g. Director of Public Health"}
#define OPT_NON_VOTING {"non-voting", 0, GOVERN_OPT_FLAG, NULL, \
    "no vote (co-opted members usually)"}
#define OPT_VOTING {"voting", 0, GOVERN_OPT_FLAG, NULL, \
    "has a vote (for a role that has none by default)"}
#define OPT_FROM {"from", 0, GOVERN_OPT_VALUE, "DATE", "first day of membership"}
#define OPT_TO {"to", 0, GOVERN_OPT_VALUE, "DATE", "last day of membership"}
#define OPT_END {NULL, 0, 0, NULL, NULL}
/* clang-format on */

/* add and set */
static const struct govern_opt add_opts[] = {
    OPT_ROLE, OPT_ORGANISATION, OPT_TITLE, OPT_NON_VOTING, OPT_VOTING, OPT_FROM, OPT_TO, OPT_END,
};

static const struct govern_opt end_opts[] = {
    {"date", 0, GOVERN_OPT_VALUE, "DATE", "last day of membership (default --as-of)"},
    {"role", 0, GOVERN_OPT_VALUE, "ROLE", "only the membership in this role"},
    OPT_END,
};

static const struct govern_opt list_opts[] = {
    {"all", 0, GOVERN_OPT_FLAG, NULL, "list past members too"},
    OPT_END,
};

#define USAGE                                                                                      \
    "govern member add SLUG NAME --role ROLE [...] | end SLUG NAME | set SLUG NAME [...] | list "  \
    "SLUG"

struct member_ctx {
    const char *slug;
    struct govern_member m; /* add */
    govern_date end;        /* end */
    enum govern_role role;  /* end, set: only this role when has_role */
    bool has_role;
    const struct govern_args *args; /* set */
    char name[512];                 /* end: the name as the committee writes it */
};

/* The member NAME stands for: any case and accents ("llyr wyn" for
 * "Llŷr Ŵyn"), refused when unknown or ambiguous. */
static int find_member(char *out, size_t n, const struct govern_committee *c, const char *name)
{
    const char **names = calloc(c->n_members ? c->n_members : 1, sizeof(*names));
    if (!names)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; i < c->n_members; i++)
        names[i] = c->members[i].name;
    size_t at = 0;
    int rc = govern_name_find(&at, names, c->n_members, name, "member");
    if (rc)
        govern_error_prefix(rc, "%s", c->slug);
    else
        snprintf(out, n, "%s", names[at]);
    free(names);
    return rc;
}

static int write_committee(struct govern_change *chg, struct govern_committee *c)
{
    struct govern_buf text = GOVERN_BUF_INIT;
    struct govern_committee *check = NULL;
    int rc = govern_committee_serialize(&text, c);
    if (!rc)
        rc = govern_committee_parse(&check, c->slug, text.ptr, text.len);
    if (!rc)
        rc = govern_change_put(chg, c->path, text.ptr, text.len);
    govern_committee_free(check);
    govern_buf_free(&text);
    return rc;
}

static int add_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct member_ctx *ctx = vctx;
    struct govern_committee *c = NULL;
    int rc = govern_committee_load(&c, head, ctx->slug);
    if (rc)
        return rc;
    govern_date probe = ctx->m.from != GOVERN_DATE_NONE ? ctx->m.from : GOVERN_DATE_NONE;
    for (size_t i = 0; i < c->n_members; i++) {
        const struct govern_member *o = &c->members[i];
        bool overlap =
            probe == GOVERN_DATE_NONE ? o->to == GOVERN_DATE_NONE : govern_member_active(o, probe);
        if (!strcmp(o->name, ctx->m.name) && o->role == ctx->m.role && overlap) {
            rc = govern_error_set(GOVERN_EEXISTS, "%s is already a %s of %s", ctx->m.name,
                                  govern_role_name(o->role), ctx->slug);
            goto out;
        }
    }
    if ((rc = govern_committee_add_member(c, &ctx->m)))
        goto out;
    if ((rc = write_committee(chg, c)))
        goto out;
    rc = govern_change_message(chg, "Add %s to %s as %s%s%s", ctx->m.name, ctx->slug,
                               govern_role_name(ctx->m.role), ctx->m.voting ? "" : " (non-voting)",
                               "");
out:
    govern_committee_free(c);
    return rc;
}

/* Ending a membership without --role is refused when the person holds
 * more than one current role: a chair who stays a member must not lose
 * both by accident. */
static int one_role_only(const struct govern_committee *c, const char *name, const char *slug)
{
    char roles[200] = "";
    size_t n = 0;
    for (size_t i = 0; i < c->n_members; i++) {
        const struct govern_member *o = &c->members[i];
        if (strcmp(o->name, name) || o->to != GOVERN_DATE_NONE)
            continue;
        size_t len = strlen(roles);
        snprintf(roles + len, sizeof(roles) - len, "%s%s", n ? ", " : "",
                 govern_role_name(o->role));
        n++;
    }
    if (n < 2)
        return 0;
    return govern_error_set(GOVERN_EUSAGE,
                            "%s holds %zu current roles on %s (%s): say which one ends with "
                            "--role ROLE (run it once per role to end them all)",
                            name, n, slug, roles);
}

static int end_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct member_ctx *ctx = vctx;
    struct govern_committee *c = NULL;
    char who[sizeof(ctx->name)];
    int rc = govern_committee_load(&c, head, ctx->slug);
    if (!rc && !(rc = find_member(who, sizeof(who), c, ctx->m.name))) {
        memcpy(ctx->name, who, sizeof(who)); /* a retried transaction finds it again */
        ctx->m.name = ctx->name;
    }
    if (rc)
        goto out;
    size_t ended = 0;
    if (!ctx->has_role && (rc = one_role_only(c, ctx->m.name, ctx->slug)))
        goto out;
    for (size_t i = 0; i < c->n_members; i++) {
        struct govern_member *o = &c->members[i];
        if (strcmp(o->name, ctx->m.name) || o->to != GOVERN_DATE_NONE)
            continue;
        if (ctx->has_role && o->role != ctx->role)
            continue;
        if (o->from != GOVERN_DATE_NONE && ctx->end < o->from) {
            char d[11];
            govern_date_format(d, o->from);
            rc = govern_error_set(GOVERN_EINVAL, "%s only joined %s on %s", o->name, ctx->slug, d);
            goto out;
        }
        o->to = ctx->end;
        ended++;
    }
    if (!ended) {
        rc = govern_error_set(GOVERN_ENOTFOUND, "%s has no current membership of %s", ctx->m.name,
                              ctx->slug);
        goto out;
    }
    char d[11];
    govern_date_format(d, ctx->end);
    if (!(rc = write_committee(chg, c)))
        rc = govern_change_message(chg, "End %s's membership of %s on %s", ctx->m.name, ctx->slug,
                                   d);
out:
    govern_committee_free(c);
    return rc;
}

/* member set: the one membership of NAME (of --role when given; the
 * current one when there are several) */
static int find_membership(struct govern_member **out, struct govern_committee *c,
                           const struct member_ctx *ctx)
{
    struct govern_member *any = NULL, *cur = NULL;
    size_t n = 0, current = 0;
    for (size_t i = 0; i < c->n_members; i++) {
        struct govern_member *o = &c->members[i];
        if (strcmp(o->name, ctx->m.name) || (ctx->has_role && o->role != ctx->role))
            continue;
        n++;
        any = o;
        if (o->to == GOVERN_DATE_NONE) {
            current++;
            cur = o;
        }
    }
    struct govern_member *found = n == 1 ? any : current == 1 ? cur : NULL;
    if (!n)
        return govern_error_set(GOVERN_ENOTFOUND, "%s has no membership of %s%s%s", ctx->m.name,
                                ctx->slug, ctx->has_role ? " as " : "",
                                ctx->has_role ? govern_role_name(ctx->role) : "");
    if (!found)
        return govern_error_set(GOVERN_EINVAL,
                                "%s has %zu memberships of %s: say which with --role (see 'govern "
                                "member list %s --all')",
                                ctx->m.name, n, ctx->slug, ctx->slug);
    *out = found;
    return 0;
}

static int set_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct member_ctx *ctx = vctx;
    struct govern_committee *c = NULL;
    struct govern_member *o = NULL;
    const struct govern_args *a = ctx->args;
    const char *v;
    int rc = govern_committee_load(&c, head, ctx->slug);
    if (rc || (rc = find_membership(&o, c, ctx)))
        goto out;
    if ((rc = cli_set_text(&o->organisation, govern_args_get(a, "organisation"))) ||
        (rc = cli_set_text(&o->title, govern_args_get(a, "title"))))
        goto out;
    if (govern_args_flag(a, "voting") || govern_args_flag(a, "non-voting"))
        o->voting = govern_args_flag(a, "voting");
    if ((v = govern_args_get(a, "from")))
        o->from = ctx->m.from;
    if ((v = govern_args_get(a, "to")))
        o->to = ctx->m.to;
    if (o->from != GOVERN_DATE_NONE && o->to != GOVERN_DATE_NONE && o->to < o->from) {
        rc = govern_error_set(GOVERN_EINVAL, "the membership would end before it starts");
        goto out;
    }
    if (!(rc = write_committee(chg, c)))
        rc = govern_change_message(chg, "Change %s's membership of %s (%s)", o->name, ctx->slug,
                                   govern_role_name(o->role));
out:
    govern_committee_free(c);
    return rc;
}

static int do_set(struct govern_invocation *inv, struct govern_args *a, struct member_ctx *ctx)
{
    static const char *const keys[] = {"organisation", "title", "from", "to", NULL};
    const char *v;
    int rc = 0;
    bool any;
    if (govern_args_flag(a, "voting") && govern_args_flag(a, "non-voting"))
        return govern_error_set(GOVERN_EUSAGE, "--voting and --non-voting contradict");
    if ((rc = cli_text_options(&any, a, keys, NULL)))
        return rc;
    any = any || govern_args_flag(a, "voting") || govern_args_flag(a, "non-voting");
    if (!any)
        return govern_error_set(GOVERN_EUSAGE, "nothing to change: give --organisation, --title, "
                                               "--voting, --non-voting, --from or --to");
    if ((v = govern_args_get(a, "role"))) {
        if ((rc = govern_role_parse(&ctx->role, v)))
            return rc;
        ctx->has_role = true;
    }
    /* '' removes a date: since the start, still serving */
    if ((v = govern_args_get(a, "from")) && *v && (rc = cli_date(&ctx->m.from, "from", v)))
        return rc;
    if ((v = govern_args_get(a, "to")) && *v && (rc = cli_date(&ctx->m.to, "to", v)))
        return rc;
    ctx->args = a;
    char id[41];
    if (!(rc = cli_commit(inv, set_fn, ctx, id)))
        govern_buf_printf(inv->out, "%s %s's membership of %s\n",
                          id[0] ? "Changed" : "Nothing changed in", ctx->m.name, ctx->slug);
    return rc;
}

static int do_list(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const fmts[] = {"text", "json", "csv", "xlsx", NULL};
    const char *fmt;
    int rc = govern_args_positional(a, 2, 2, "govern member list SLUG [--all]");
    if (rc || (rc = cli_format(&fmt, inv, "text", fmts)))
        return rc;
    struct govern_committee *c = NULL;
    if ((rc = govern_committee_load(&c, inv->snap, a->positional.items[1])))
        return rc;
    bool all = govern_args_flag(a, "all");
    static const char *const hdr[] = {"NAME",   "ROLE", "TITLE", "ORGANISATION",
                                      "VOTING", "FROM", "TO"};
    struct govern_table *t = NULL;
    json_t *arr = json_array();
    if (strcmp(fmt, "json") && !(rc = govern_table_new(&t, 7, hdr)))
        rc = govern_table_types(t, "tttttdd");
    for (size_t i = 0; i < c->n_members && !rc; i++) {
        const struct govern_member *m = &c->members[i];
        if (!all && !govern_member_active(m, inv->as_of))
            continue;
        char f[11] = "", to[11] = "";
        if (m->from != GOVERN_DATE_NONE)
            govern_date_format(f, m->from);
        if (m->to != GOVERN_DATE_NONE)
            govern_date_format(to, m->to);
        const char *row[] = {m->name,
                             govern_role_name(m->role),
                             m->title,
                             m->organisation,
                             m->voting ? "yes" : "no",
                             f,
                             to};
        if (t) {
            rc = govern_table_row(t, row);
        } else {
            json_t *j = json_object();
            json_object_set_new(j, "name", json_string(m->name));
            json_object_set_new(j, "role", json_string(govern_role_name(m->role)));
            json_object_set_new(j, "title", m->title ? json_string(m->title) : json_null());
            json_object_set_new(j, "organisation",
                                m->organisation ? json_string(m->organisation) : json_null());
            json_object_set_new(j, "voting", json_boolean(m->voting));
            json_object_set_new(j, "from", *f ? json_string(f) : json_null());
            json_object_set_new(j, "to", *to ? json_string(to) : json_null());
            json_array_append_new(arr, j);
        }
    }
    if (!rc && t)
        rc = govern_table_render_as(inv->out, t, fmt, inv->color, "members");
    if (!rc && !strcmp(fmt, "json")) {
        json_t *o = json_object();
        json_object_set_new(o, "committee", json_string(c->slug));
        json_object_set_new(o, "members", arr);
        arr = NULL;
        rc = govern_json_write(inv->out, o, 0);
    }
    json_decref(arr);
    govern_table_free(t);
    govern_committee_free(c);
    return rc;
}

/* add, end and set: their options parsed by the CLI, a->positional[0] the name. */
static int run_sub(struct govern_invocation *inv, struct govern_args *args)
{
    static const char *const subs[] = {"add", "end", "list", "set", NULL};
    struct govern_args a = *args; /* the CLI frees it */
    size_t sub = 0;
    while (subs[sub] && strcmp(subs[sub], a.positional.items[0]))
        sub++;
    int rc = 0;
    struct member_ctx ctx;
    memset(&ctx, 0, sizeof(ctx));
    ctx.m.from = ctx.m.to = GOVERN_DATE_NONE;
    char id[41];
    const char *v;
    if (sub == 2) {
        rc = do_list(inv, &a);
        goto out;
    }
    if ((rc = govern_args_positional(&a, 3, 3, USAGE)))
        goto out;
    ctx.slug = a.positional.items[1];
    ctx.m.name = a.positional.items[2];
    if ((rc = govern_slug_check(ctx.slug)))
        goto out;
    if (!*ctx.m.name || strchr(ctx.m.name, '\n')) {
        rc = govern_error_set(GOVERN_EUSAGE, "the member's name must be one line of text");
        goto out;
    }
    if (sub == 3) {
        rc = do_set(inv, &a, &ctx);
    } else if (sub == 0) {
        ctx.m.role = GOVERN_ROLE_MEMBER;
        if ((v = govern_args_get(&a, "role")) && (rc = govern_role_parse(&ctx.m.role, v)))
            goto out;
        ctx.m.voting = govern_role_votes_by_default(ctx.m.role);
        if (govern_args_flag(&a, "non-voting") && govern_args_flag(&a, "voting")) {
            rc = govern_error_set(GOVERN_EUSAGE, "--voting and --non-voting contradict");
            goto out;
        }
        if (govern_args_flag(&a, "non-voting"))
            ctx.m.voting = false;
        if (govern_args_flag(&a, "voting"))
            ctx.m.voting = true;
        ctx.m.organisation = (char *)govern_args_get(&a, "organisation");
        ctx.m.title = (char *)govern_args_get(&a, "title");
        if ((v = govern_args_get(&a, "from")) && (rc = cli_date(&ctx.m.from, "from", v)))
            goto out;
        if ((v = govern_args_get(&a, "to")) && (rc = cli_date(&ctx.m.to, "to", v)))
            goto out;
        if (ctx.m.from != GOVERN_DATE_NONE && ctx.m.to != GOVERN_DATE_NONE &&
            ctx.m.to < ctx.m.from) {
            rc = govern_error_set(GOVERN_EINVAL, "--to is before --from");
            goto out;
        }
        if (!(rc = cli_commit(inv, add_fn, &ctx, id)))
            govern_buf_printf(inv->out, "Added %s to %s as %s\n", ctx.m.name, ctx.slug,
                              govern_role_name(ctx.m.role));
    } else {
        ctx.end = inv->as_of;
        if ((v = govern_args_get(&a, "date")) && (rc = cli_date(&ctx.end, "date", v)))
            goto out;
        if ((v = govern_args_get(&a, "role"))) {
            if ((rc = govern_role_parse(&ctx.role, v)))
                goto out;
            ctx.has_role = true;
        }
        if (!(rc = cli_commit(inv, end_fn, &ctx, id)))
            govern_buf_printf(inv->out, "Ended %s's membership of %s\n", ctx.m.name, ctx.slug);
    }
out:
    return rc;
}

#define WRITE (GOVERN_CMD_STORE | GOVERN_CMD_WRITES)
static const struct govern_subcommand sub_table[] = {
    {"add", "add a member to a committee", NULL, add_opts, WRITE, run_sub, NULL, NULL},
    {"end", "record the last day of a membership", NULL, end_opts, WRITE, run_sub, NULL, NULL},
    {"set", "correct one membership", NULL, add_opts, WRITE, run_sub, NULL, NULL},
    {"list", "a committee's members", NULL, list_opts, GOVERN_CMD_STORE, run_sub, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

const struct govern_command cmd_member = {
    .name = "member",
    .summary = "add, end and list the members of a committee",
    .usage = "govern member add SLUG NAME [--role ROLE] [--organisation ORG] [--title TEXT] "
             "[--non-voting|--voting] [--from DATE] [--to DATE]\n"
             "       govern member end SLUG NAME [--date DATE] [--role ROLE]\n"
             "       govern member set SLUG NAME [--role ROLE] [--organisation ORG] [--title TEXT] "
             "[--voting|--non-voting] [--from DATE] [--to DATE]\n"
             "       govern member list SLUG [--all] [--format text|json|csv|xlsx]",
    .help = "Roles: chair, vice-chair, member, co-opted, substitute, observer, officer.\n"
            "Chairs, vice-chairs, members and substitutes vote unless --non-voting; co-opted\n"
            "members, observers and officers do not unless --voting. A membership is never\n"
            "deleted: 'member end' records its last day, so history stays true. 'member set'\n"
            "corrects one membership (the current one, or the one of --role): '' removes the\n"
            "organisation, title or a date (--to '' undoes a mistaken 'member end').",
    .subcommands = sub_table,
};
