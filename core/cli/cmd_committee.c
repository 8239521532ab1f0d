/*
 * govern committee add|list|show: the bodies a store governs.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* add and set: the details of a committee */
static const struct govern_opt opts[] = {
    {"name", 0, GOVERN_OPT_VALUE, "NAME", "full name of the committee"},
    {"short-name", 0, GOVERN_OPT_VALUE, "ABBR", "capitals used in ids, e.g. HCSSG"},
    {"kind", 0, GOVERN_OPT_VALUE, "KIND", "committee, sub-committee, partnership or executive"},
    {"parent", 0, GOVERN_OPT_VALUE, "SLUG", "the body a sub-committee reports to"},
    {"quorum", 0, GOVERN_OPT_VALUE, "N", "voting members needed for a quorum"},
    {"cadence", 0, GOVERN_OPT_VALUE, "TEXT", "how often it meets, e.g. quarterly"},
    {"description", 0, GOVERN_OPT_VALUE, "TEXT",
     "the description (Markdown) shown by 'committee show'"},
    {NULL, 0, 0, NULL, NULL},
};

struct add_ctx {
    struct govern_committee *c;
};

static int add_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct add_ctx *ctx = vctx;
    struct govern_committee *c = ctx->c;
    struct govern_buf text = GOVERN_BUF_INIT;
    struct govern_committee *existing = NULL;
    int rc = govern_committee_load(&existing, head, c->slug);
    govern_committee_free(existing);
    if (rc == 0)
        return govern_error_set(GOVERN_EEXISTS, "committee '%s' already exists", c->slug);
    if (rc != GOVERN_ENOTFOUND)
        return rc;
    if (govern_snapshot_exists(head, c->slug) || govern_snapshot_exists(head, c->path))
        return govern_error_set(GOVERN_EEXISTS, "'%s' already exists in the store", c->slug);
    if (c->parent) {
        struct govern_committee *p = NULL;
        if ((rc = govern_committee_load(&p, head, c->parent)))
            return govern_error_prefix(rc, "--parent");
        govern_committee_free(p);
    }
    if ((rc = govern_committee_serialize(&text, c)))
        return rc;
    rc = govern_change_put(chg, c->path, text.ptr, text.len);
    if (!rc)
        rc = govern_change_message(chg, "Add committee %s: %s", c->slug, c->name);
    govern_buf_free(&text);
    return rc;
}

static int parse_quorum(int *out, const char *v)
{
    char *end;
    long q = strtol(v, &end, 10);
    if (!*v || *end || q < 1 || q > 1000)
        return govern_error_set(GOVERN_EUSAGE, "--quorum must be a number from 1 to 1000");
    *out = (int)q;
    return 0;
}

/* committee set: what to change (NULL: keep; "" removes an optional field) */
struct set_ctx {
    const char *slug;
    const struct govern_args *args;
    char summary[300];
};

static int apply_set(struct govern_committee *c, struct govern_snapshot *head,
                     const struct govern_args *a)
{
    const char *v;
    int rc = 0;
    if ((v = govern_args_get(a, "name")) && !*v)
        return govern_error_set(GOVERN_EUSAGE, "--name cannot be empty");
    if ((rc = cli_set_text(&c->name, govern_args_get(a, "name"))) ||
        (rc = cli_set_text(&c->short_name, govern_args_get(a, "short-name"))) ||
        (rc = cli_set_text(&c->cadence, govern_args_get(a, "cadence"))))
        return rc;
    if ((v = govern_args_get(a, "description"))) {
        size_t n = strlen(v);
        bool nl = n && v[n - 1] == '\n';
        free(c->description);
        c->description = NULL;
        if (n && asprintf(&c->description, "%s%s", v, nl ? "" : "\n") < 0)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    if ((v = govern_args_get(a, "kind")) && (rc = govern_kind_parse(&c->kind, v)))
        return rc;
    if ((v = govern_args_get(a, "quorum")))
        rc = *v ? parse_quorum(&c->quorum, v) : (c->quorum = 0);
    if (rc || !(v = govern_args_get(a, "parent")) || !*v)
        return rc ? rc : cli_set_text(&c->parent, v);
    struct govern_committee *p = NULL;
    if ((rc = govern_slug_check(v)))
        return rc;
    if (!strcmp(v, c->slug))
        return govern_error_set(GOVERN_EINVAL, "--parent: a committee cannot report to itself");
    if ((rc = govern_committee_load(&p, head, v)))
        return govern_error_prefix(rc, "--parent");
    govern_committee_free(p);
    return cli_set_text(&c->parent, v);
}

static int set_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct set_ctx *ctx = vctx;
    struct govern_committee *c = NULL, *check = NULL;
    struct govern_buf text = GOVERN_BUF_INIT;
    int rc = govern_committee_load(&c, head, ctx->slug);
    if (!rc)
        rc = apply_set(c, head, ctx->args);
    /* the same rules as a hand-written file */
    if (!rc && !(rc = govern_committee_serialize(&text, c)))
        rc = govern_committee_parse(&check, c->slug, text.ptr, text.len);
    if (!rc)
        rc = govern_change_put(chg, c->path, text.ptr, text.len);
    if (!rc) {
        snprintf(ctx->summary, sizeof(ctx->summary), "Change the details of committee %s (%s)",
                 c->slug, c->name);
        rc = govern_change_message(chg, "%s", ctx->summary);
    }
    govern_buf_free(&text);
    govern_committee_free(check);
    govern_committee_free(c);
    return rc;
}

static int do_set(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const keys[] = {"name",   "short-name", "kind",        "parent",
                                       "quorum", "cadence",    "description", NULL};
    int rc = govern_args_positional(a, 2, 2, "govern committee set SLUG [--name NAME] ...");
    if (rc || (rc = govern_slug_check(a->positional.items[1])))
        return rc;
    bool any;
    if ((rc = cli_text_options(&any, a, keys, "description")))
        return rc;
    if (!any)
        return govern_error_set(GOVERN_EUSAGE, "nothing to change: give --name, --short-name, "
                                               "--kind, --parent, --quorum, --cadence or "
                                               "--description");
    struct set_ctx ctx = {a->positional.items[1], a, ""};
    char id[41];
    if (!(rc = cli_commit(inv, set_fn, &ctx, id)))
        govern_buf_printf(inv->out, "%s\n", id[0] ? ctx.summary : "Nothing changed");
    return rc;
}

static int do_add(struct govern_invocation *inv, struct govern_args *a)
{
    int rc = govern_args_positional(a, 2, 2, "govern committee add SLUG --name NAME");
    if (rc)
        return rc;
    const char *slug = a->positional.items[1];
    if ((rc = govern_slug_check(slug)))
        return rc;
    const char *name = govern_args_get(a, "name");
    if (!name || !*name)
        return govern_error_set(GOVERN_EUSAGE, "committee add needs --name NAME");
    struct govern_committee *c = calloc(1, sizeof(*c));
    if (!c)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    c->slug = strdup(slug);
    c->name = strdup(name);
    c->path = govern_meeting_path(slug, "committee.md");
    const char *v;
    if ((v = govern_args_get(a, "short-name")))
        c->short_name = strdup(v);
    if ((v = govern_args_get(a, "kind")) && (rc = govern_kind_parse(&c->kind, v)))
        goto out;
    if ((v = govern_args_get(a, "parent"))) {
        if ((rc = govern_slug_check(v)))
            goto out;
        c->parent = strdup(v);
    }
    if ((v = govern_args_get(a, "quorum")) && (rc = parse_quorum(&c->quorum, v)))
        goto out;
    if ((v = govern_args_get(a, "cadence")))
        c->cadence = strdup(v);
    if ((v = govern_args_get(a, "description")) && *v &&
        asprintf(&c->description, "%s%s", v, v[strlen(v) - 1] == '\n' ? "" : "\n") < 0) {
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        goto out;
    }
    /* validate by a round trip through the parser: the same rules as a hand-written file */
    struct govern_buf text = GOVERN_BUF_INIT;
    struct govern_committee *check = NULL;
    if (!(rc = govern_committee_serialize(&text, c)))
        rc = govern_committee_parse(&check, slug, text.ptr, text.len);
    govern_committee_free(check);
    govern_buf_free(&text);
    if (rc)
        goto out;
    struct add_ctx ctx = {c};
    char id[41];
    if (!(rc = cli_commit(inv, add_fn, &ctx, id)))
        govern_buf_printf(inv->out, "Added committee %s (%s)\n", slug, name);
out:
    govern_committee_free(c);
    return rc;
}

static json_t *committee_json(const struct govern_committee *c, govern_date as_of)
{
    json_t *o = json_object();
    json_object_set_new(o, "slug", json_string(c->slug));
    json_object_set_new(o, "name", json_string(c->name));
    json_object_set_new(o, "short_name", c->short_name ? json_string(c->short_name) : json_null());
    json_object_set_new(o, "kind", json_string(govern_kind_name(c->kind)));
    json_object_set_new(o, "parent", c->parent ? json_string(c->parent) : json_null());
    json_object_set_new(o, "quorum", c->quorum ? json_integer(c->quorum) : json_null());
    json_object_set_new(o, "cadence", c->cadence ? json_string(c->cadence) : json_null());
    json_object_set_new(o, "voting_members", json_integer(govern_committee_voting_count(c, as_of)));
    json_t *ms = json_array();
    for (size_t i = 0; i < c->n_members; i++) {
        const struct govern_member *m = &c->members[i];
        json_t *j = json_object();
        char d[11];
        json_object_set_new(j, "name", json_string(m->name));
        json_object_set_new(j, "role", json_string(govern_role_name(m->role)));
        json_object_set_new(j, "title", m->title ? json_string(m->title) : json_null());
        json_object_set_new(j, "organisation",
                            m->organisation ? json_string(m->organisation) : json_null());
        json_object_set_new(j, "voting", json_boolean(m->voting));
        if (m->from != GOVERN_DATE_NONE) {
            govern_date_format(d, m->from);
            json_object_set_new(j, "from", json_string(d));
        } else {
            json_object_set_new(j, "from", json_null());
        }
        if (m->to != GOVERN_DATE_NONE) {
            govern_date_format(d, m->to);
            json_object_set_new(j, "to", json_string(d));
        } else {
            json_object_set_new(j, "to", json_null());
        }
        json_object_set_new(j, "active", json_boolean(govern_member_active(m, as_of)));
        json_array_append_new(ms, j);
    }
    json_object_set_new(o, "members", ms);
    return o;
}

static int do_list(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const fmts[] = {"text", "json", "csv", "xlsx", NULL};
    const char *fmt;
    int rc = govern_args_positional(a, 1, 1, "govern committee list");
    if (rc || (rc = cli_format(&fmt, inv, "text", fmts)))
        return rc;
    struct govern_strlist slugs = GOVERN_STRLIST_INIT;
    if ((rc = govern_committee_slugs(&slugs, inv->snap)))
        return rc;
    /* CSV and xlsx name the columns as the JSON fields, in snake_case */
    static const char *const hdr[] = {"SLUG", "NAME", "KIND", "PARENT", "QUORUM", "VOTING MEMBERS"};
    struct govern_table *t = NULL;
    json_t *arr = json_array();
    if (strcmp(fmt, "json") && !(rc = govern_table_new(&t, 6, hdr)))
        rc = govern_table_types(t, "ttttnn");
    for (size_t i = 0; i < slugs.count && !rc; i++) {
        struct govern_committee *c = NULL;
        if ((rc = govern_committee_load(&c, inv->snap, slugs.items[i])))
            break;
        char q[16] = "", v[16];
        if (c->quorum)
            snprintf(q, sizeof(q), "%d", c->quorum);
        snprintf(v, sizeof(v), "%d", govern_committee_voting_count(c, inv->as_of));
        const char *row[] = {c->slug, c->name, govern_kind_name(c->kind), c->parent, q, v};
        if (t)
            rc = govern_table_row(t, row);
        else
            json_array_append_new(arr, committee_json(c, inv->as_of));
        govern_committee_free(c);
    }
    if (!rc && t)
        rc = govern_table_render_as(inv->out, t, fmt, inv->color, "committees");
    if (!rc && !strcmp(fmt, "json")) {
        json_t *o = json_object();
        json_object_set_new(o, "committees", arr);
        arr = NULL;
        rc = govern_json_write(inv->out, o, 0);
    }
    json_decref(arr);
    govern_table_free(t);
    govern_strlist_free(&slugs);
    return rc;
}

static int do_show(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const fmts[] = {"text", "json", NULL};
    const char *fmt;
    int rc = govern_args_positional(a, 2, 2, "govern committee show SLUG");
    if (rc || (rc = cli_format(&fmt, inv, "text", fmts)))
        return rc;
    struct govern_committee *c = NULL;
    if ((rc = govern_committee_load(&c, inv->snap, a->positional.items[1])))
        return rc;
    if (!strcmp(fmt, "json")) {
        rc = govern_json_write(inv->out, committee_json(c, inv->as_of), 0);
        govern_committee_free(c);
        return rc;
    }
    struct govern_buf *o = inv->out;
    govern_buf_printf(o, "%s (%s)\n", c->name, c->slug);
    govern_buf_printf(o, "Kind:     %s\n", govern_kind_name(c->kind));
    if (c->short_name)
        govern_buf_printf(o, "Short:    %s\n", c->short_name);
    if (c->parent)
        govern_buf_printf(o, "Parent:   %s\n", c->parent);
    if (c->cadence)
        govern_buf_printf(o, "Meets:    %s\n", c->cadence);
    if (c->quorum)
        govern_buf_printf(o, "Quorum:   %d\n", c->quorum);
    char asof[11];
    govern_date_format(asof, inv->as_of);
    govern_buf_printf(o, "Voting members on %s: %d\n\n", asof,
                      govern_committee_voting_count(c, inv->as_of));
    static const char *const hdr[] = {"NAME", "ROLE", "ORGANISATION", "VOTE", "FROM", "TO"};
    struct govern_table *t = NULL;
    if (!(rc = govern_table_new(&t, 6, hdr))) {
        for (size_t i = 0; i < c->n_members && !rc; i++) {
            const struct govern_member *m = &c->members[i];
            char f[11] = "", to[11] = "";
            if (m->from != GOVERN_DATE_NONE)
                govern_date_format(f, m->from);
            if (m->to != GOVERN_DATE_NONE)
                govern_date_format(to, m->to);
            const char *row[] = {
                m->name, govern_role_name(m->role), m->organisation, m->voting ? "yes" : "no", f,
                to};
            rc = govern_table_row(t, row);
        }
        if (!rc)
            rc = govern_table_render(o, t, inv->color);
    }
    if (!rc && c->description)
        rc = govern_buf_printf(o, "\n%s", c->description);
    govern_table_free(t);
    govern_committee_free(c);
    return rc;
}

#define WRITE (GOVERN_CMD_STORE | GOVERN_CMD_WRITES)
static const struct govern_subcommand subs[] = {
    {"add", "add a committee", NULL, opts, WRITE, do_add, NULL, NULL},
    {"set", "change a committee's details", NULL, opts, WRITE, do_set, NULL, NULL},
    {"list", "the committees", NULL, NULL, GOVERN_CMD_STORE, do_list, NULL, NULL},
    {"show", "one committee and its members", NULL, NULL, GOVERN_CMD_STORE, do_show, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

const struct govern_command cmd_committee = {
    .name = "committee",
    .summary = "add, list and show committees",
    .usage = "govern committee add SLUG --name NAME [--short-name ABBR] [--kind KIND] "
             "[--parent SLUG] [--quorum N] [--cadence TEXT] [--description TEXT]\n"
             "       govern committee set SLUG [--name NAME] [--short-name ABBR] [--kind KIND] "
             "[--parent SLUG] [--quorum N] [--cadence TEXT] [--description TEXT]\n"
             "       govern committee list [--format text|json|csv|xlsx]\n"
             "       govern committee show SLUG [--format text|json]",
    .help = "A committee is a directory SLUG/ holding committee.md. SLUG is its stable id:\n"
            "lower-case letters, digits and '-'. Kinds: committee, sub-committee, partnership,\n"
            "executive. The quorum is checked against the voting members serving (govern check).\n"
            "'committee set' changes the details of a committee in one commit; '' removes an\n"
            "optional field (--parent '', --quorum ''). The slug never changes.",
    .subcommands = subs,
};
