/*
 * The built-in interests plugin: the register of members' interests.
 *
 *   govern interests add|end      one entry (one commit per write)
 *   govern interests show|list    a member's register; every member's
 *   check rule "interest-register"  the register against the minutes
 *
 * Like every plugin it never prints: output goes to inv->out.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "interests.h"
#include "govern/output.h"

#define TEXT_MAX 4096

static const struct govern_opt add_opts[] = {
    {"kind", 0, GOVERN_OPT_VALUE, "KIND", "pecuniary, other-registrable or non-registrable"},
    {"interest", 0, GOVERN_OPT_VALUE, "TEXT", "what the interest is"},
    {"matter", 0, GOVERN_OPT_MULTI, "WORDS",
     "a word or phrase naming the matters it touches, as agenda titles name them"},
    {"from", 0, GOVERN_OPT_VALUE, "DATE", "held from (default --as-of)"},
    {NULL, 0, 0, NULL, NULL},
};

static const struct govern_opt end_opts[] = {
    {"to", 0, GOVERN_OPT_VALUE, "DATE", "held until, inclusive (default --as-of)"},
    {NULL, 0, 0, NULL, NULL},
};

static const struct govern_opt show_opts[] = {
    {"all", 0, GOVERN_OPT_FLAG, NULL, "every entry, also those no longer held"},
    {NULL, 0, 0, NULL, NULL},
};

#define USAGE                                                                                      \
    "govern interests add NAME --kind KIND --interest TEXT [--matter WORDS]... [--from DATE]\n"    \
    "       govern interests end NAME N [--to DATE]\n"                                             \
    "       govern interests show NAME [--all] [--format text|json]\n"                             \
    "       govern interests list [--format text|json|csv|xlsx]"

static int check_line(const char *what, const char *s)
{
    size_t n = strlen(s);
    if (govern_utf8_check(what, s, n))
        return govern_error_prefix(GOVERN_EINVAL, "%s is not valid text", what);
    const char *p = s;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p)
        return govern_error_set(GOVERN_EINVAL, "%s is empty", what);
    if (n > TEXT_MAX)
        return govern_error_set(GOVERN_EINVAL, "%s is too long (%zu bytes, limit %d)", what, n,
                                TEXT_MAX);
    if (strchr(s, '\n') || strchr(s, '\r'))
        return govern_error_set(GOVERN_EINVAL, "%s must be one line", what);
    return 0;
}

/* Is name a member (in any role, at any time) of a committee? */
static int known_member(struct govern_snapshot *snap, const char *name)
{
    struct govern_strlist slugs = GOVERN_STRLIST_INIT;
    bool found = false;
    int rc = govern_committee_slugs(&slugs, snap);
    for (size_t i = 0; !rc && !found && i < slugs.count; i++) {
        struct govern_committee *c = NULL;
        if ((rc = govern_committee_load(&c, snap, slugs.items[i])))
            break;
        for (size_t k = 0; k < c->n_members && !found; k++)
            found = !strcmp(c->members[k].name, name);
        govern_committee_free(c);
    }
    govern_strlist_free(&slugs);
    if (!rc && !found)
        rc = govern_error_set(GOVERN_ENOTFOUND,
                              "'%s' is not a member of any committee (govern member add first; "
                              "the name must be written as in committee.md)",
                              name);
    return rc;
}

/* The register of name in snap, or a new empty one (*fresh). */
static int register_of(struct interest_register **out, bool *fresh, struct govern_snapshot *snap,
                       const char *name)
{
    struct govern_buf slug = GOVERN_BUF_INIT;
    int rc = interests_slug(&slug, name);
    *fresh = false;
    if (!rc)
        rc = interests_load(out, snap, slug.ptr);
    if (rc == GOVERN_ENOTFOUND) {
        govern_error_clear();
        struct interest_register *r = calloc(1, sizeof(*r));
        struct govern_buf path = GOVERN_BUF_INIT;
        *fresh = true;
        rc = r ? govern_buf_printf(&path, "%s/%s.md", INTERESTS_DIR, slug.ptr) : govern_oom();
        if (!rc && (!(r->slug = govern_strdup(slug.ptr)) || !(r->member = govern_strdup(name))))
            rc = govern_oom();
        if (!rc)
            r->path = govern_buf_detach(&path);
        govern_buf_free(&path);
        if (rc)
            interests_free(r);
        else
            *out = r;
    }
    govern_buf_free(&slug);
    return rc;
}

static int put_register(struct govern_change *chg, const struct interest_register *r)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    struct interest_register *back = NULL;
    int rc = interests_serialize(&b, r);
    if (!rc)
        rc = interests_parse(&back, r->slug, b.ptr, b.len);
    if (!rc)
        rc = govern_change_put(chg, r->path, b.ptr, b.len);
    interests_free(back);
    govern_buf_free(&b);
    return rc;
}

struct write_ctx {
    struct govern_invocation *inv;
    struct govern_args *args;
    const char *name;
    long n; /* end: the entry, 1-based */
    int added;
};

static int add_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct write_ctx *x = vctx;
    struct interest_register *r = NULL;
    bool fresh;
    int rc = known_member(head, x->name);
    if (!rc)
        rc = register_of(&r, &fresh, head, x->name);
    if (rc)
        return rc;
    struct interest *items = realloc(r->items, (r->count + 1) * sizeof(*items));
    if (!items) {
        interests_free(r);
        return govern_oom();
    }
    r->items = items;
    struct interest *it = &items[r->count++];
    memset(it, 0, sizeof(*it));
    it->from = x->inv->as_of;
    it->to = GOVERN_DATE_NONE;
    const struct govern_strlist *matter = govern_args_multi(x->args, "matter");
    if (govern_interest_kind_parse(&it->kind, govern_args_get(x->args, "kind")))
        rc = govern_error_prefix(GOVERN_EINVAL, "--kind");
    if (!rc && !(it->interest = govern_strdup(govern_args_get(x->args, "interest"))))
        rc = govern_oom();
    for (size_t i = 0; !rc && matter && i < matter->count; i++)
        rc = govern_strlist_add(&it->matter, matter->items[i]);
    if (!rc)
        rc = govern_args_date(&it->from, x->args, "from");
    if (!rc && r->count > INTERESTS_MAX)
        rc = govern_error_set(GOVERN_EINVAL, "%s: more than %d interests", r->path, INTERESTS_MAX);
    if (!rc)
        rc = put_register(chg, r);
    if (!rc)
        rc = govern_change_message(chg, "Register interest of %s: %s", r->member, it->interest);
    x->added = (int)r->count;
    interests_free(r);
    return rc;
}

static int end_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct write_ctx *x = vctx;
    struct interest_register *r = NULL;
    struct govern_buf slug = GOVERN_BUF_INIT;
    int rc = interests_slug(&slug, x->name);
    if (!rc)
        rc = interests_load(&r, head, slug.ptr);
    govern_buf_free(&slug);
    if (rc)
        return rc;
    govern_date to = x->inv->as_of;
    char d[11];
    if (x->n < 1 || (size_t)x->n > r->count)
        rc = govern_error_set(GOVERN_ENOTFOUND, "%s has no interest %ld (1 to %zu)", r->path, x->n,
                              r->count);
    struct interest *it = rc ? NULL : &r->items[x->n - 1];
    if (!rc)
        rc = govern_args_date(&to, x->args, "to");
    if (!rc && it->to != GOVERN_DATE_NONE) {
        govern_date_format(d, it->to);
        rc = govern_error_set(GOVERN_EINVAL, "%s: interest %ld already ended on %s", r->path, x->n,
                              d);
    }
    if (!rc && to < it->from)
        rc = govern_error_set(GOVERN_EINVAL, "--to is before the interest was held (from)");
    if (!rc) {
        it->to = to;
        govern_date_format(d, to);
        if (!(rc = put_register(chg, r)))
            rc = govern_change_message(chg, "End interest %ld of %s on %s", x->n, r->member, d);
    }
    interests_free(r);
    return rc;
}

static int run_write(struct govern_invocation *inv, govern_txn_fn fn, struct write_ctx *x)
{
    int rc = check_line("NAME", x->name);
    struct govern_commit_info info;
    if (!rc)
        rc = govern_store_transact(&info, inv->store, fn, x);
    if (!rc && x->added)
        rc = govern_buf_printf(inv->out, "%s #%d\n", x->name, x->added);
    return rc;
}

static int do_add(struct govern_invocation *inv, struct govern_args *a)
{
    int rc = govern_args_positional(a, 2, 2, USAGE);
    if (rc)
        return rc;
    if (!govern_args_get(a, "kind") || !govern_args_get(a, "interest"))
        return govern_error_set(GOVERN_EUSAGE, "interests add needs --kind and --interest");
    if ((rc = check_line("--interest", govern_args_get(a, "interest"))))
        return rc;
    const struct govern_strlist *m = govern_args_multi(a, "matter");
    for (size_t i = 0; m && i < m->count; i++)
        if ((rc = check_line("--matter", m->items[i])))
            return rc;
    struct write_ctx x = {.inv = inv, .args = a, .name = a->positional.items[1]};
    return run_write(inv, add_fn, &x);
}

static int do_end(struct govern_invocation *inv, struct govern_args *a)
{
    int rc = govern_args_positional(a, 3, 3, USAGE);
    if (rc)
        return rc;
    const char *n = a->positional.items[2];
    char *e;
    long v = strtol(n, &e, 10);
    if (*e || e == n)
        return govern_error_set(GOVERN_EUSAGE,
                                "'%s' is not an entry number (as `interests show` "
                                "numbers them)",
                                n);
    struct write_ctx x = {.inv = inv, .args = a, .name = a->positional.items[1], .n = v};
    rc = run_write(inv, end_fn, &x);
    if (!rc)
        rc = govern_buf_printf(inv->out, "%s #%ld ended\n", x.name, v);
    return rc;
}

/* ------------------------------------------------------------ reading */

static int show_text(struct govern_buf *out, const struct interest_register *r, bool all,
                     govern_date as_of)
{
    static const char *const hdr[] = {"#", "KIND", "FROM", "TO", "INTEREST", "MATTER"};
    char day[40];
    govern_date_format_long(day, as_of);
    int rc =
        all ? govern_buf_printf(out, "Register of interests of %s (every entry)\n\n", r->member)
            : govern_buf_printf(out, "Register of interests of %s on %s\n\n", r->member, day);
    struct govern_table *t = NULL;
    if (!rc)
        rc = govern_table_new(&t, 6, hdr);
    for (size_t i = 0; !rc && i < r->count; i++) {
        const struct interest *it = &r->items[i];
        if (!all && !interest_held(it, as_of))
            continue;
        char n[16], from[11], to[11] = "";
        struct govern_buf m = GOVERN_BUF_INIT;
        snprintf(n, sizeof(n), "%zu", i + 1);
        govern_date_format(from, it->from);
        if (it->to != GOVERN_DATE_NONE)
            govern_date_format(to, it->to);
        for (size_t k = 0; !rc && k < it->matter.count; k++)
            rc = govern_buf_printf(&m, "%s%s", k ? "; " : "", it->matter.items[k]);
        const char *cells[] = {
            n, govern_interest_kind_name(it->kind), from, to, it->interest, m.ptr ? m.ptr : ""};
        if (!rc)
            rc = govern_table_row(t, cells);
        govern_buf_free(&m);
    }
    if (!rc && !govern_table_rows(t))
        rc = govern_buf_puts(out, "No interests registered.\n");
    else if (!rc)
        rc = govern_table_render(out, t, false);
    govern_table_free(t);
    return rc;
}

static int show_json(struct govern_buf *out, const struct interest_register *r, bool all,
                     govern_date as_of)
{
    json_t *root = json_object(), *arr = json_array();
    if (!root || !arr) {
        json_decref(root);
        json_decref(arr);
        return govern_oom();
    }
    json_object_set_new(root, "member", json_string(r->member));
    json_object_set_new(root, "as_of", govern_json_date(as_of));
    for (size_t i = 0; i < r->count; i++) {
        const struct interest *it = &r->items[i];
        if (!all && !interest_held(it, as_of))
            continue;
        json_t *o = json_object(), *m = json_array();
        for (size_t k = 0; k < it->matter.count; k++)
            json_array_append_new(m, json_string(it->matter.items[k]));
        json_object_set_new(o, "number", json_integer((json_int_t)(i + 1)));
        json_object_set_new(o, "kind", json_string(govern_interest_kind_name(it->kind)));
        json_object_set_new(o, "interest", json_string(it->interest));
        json_object_set_new(o, "matter", m);
        json_object_set_new(o, "from", govern_json_date(it->from));
        json_object_set_new(o, "to", govern_json_date(it->to));
        json_object_set_new(o, "held", json_boolean(interest_held(it, as_of)));
        json_array_append_new(arr, o);
    }
    json_object_set_new(root, "interests", arr);
    return govern_json_write(out, root, GOVERN_JSON_ASCII);
}

static int do_show(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const fmts[] = {"text", "json", NULL};
    const char *fmt = NULL;
    int rc = govern_args_positional(a, 2, 2, USAGE);
    if (rc || (rc = govern_output_format(&fmt, inv->format, fmts[0], fmts)))
        return rc;
    struct interest_register *r = NULL;
    struct govern_buf slug = GOVERN_BUF_INIT;
    rc = interests_slug(&slug, a->positional.items[1]);
    if (!rc)
        rc = interests_load(&r, inv->snap, slug.ptr);
    govern_buf_free(&slug);
    if (!rc && strcmp(r->member, a->positional.items[1]))
        rc = govern_error_set(GOVERN_ENOTFOUND, "%s is the register of '%s'", r->path, r->member);
    bool all = govern_args_flag(a, "all");
    if (!rc)
        rc = !strcmp(fmt, "json") ? show_json(inv->out, r, all, inv->as_of)
                                  : show_text(inv->out, r, all, inv->as_of);
    interests_free(r);
    return rc;
}

/* Entries of each kind held on d. */
static void counts(size_t n[3], const struct interest_register *r, govern_date d)
{
    n[0] = n[1] = n[2] = 0;
    for (size_t i = 0; i < r->count; i++)
        if (interest_held(&r->items[i], d))
            n[r->items[i].kind]++;
}

static int do_list(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const fmts[] = {"text", "json", "csv", "xlsx", NULL};
    const char *fmt = NULL;
    int rc = govern_args_positional(a, 1, 1, USAGE);
    if (rc || (rc = govern_output_format(&fmt, inv->format, fmts[0], fmts)))
        return rc;
    struct interests_all all;
    if ((rc = interests_load_all(&all, inv->snap, NULL)))
        return rc;
    static const char *const hdr[] = {"MEMBER", "PECUNIARY", "OTHER REGISTRABLE", "NON-REGISTRABLE",
                                      "FILE"};
    static const char *const csv_hdr[] = {"member", "pecuniary", "other_registrable",
                                          "non_registrable", "file"};
    struct govern_table *t = NULL, *sheet = NULL;
    json_t *arr = NULL;
    if (!strcmp(fmt, "text"))
        rc = govern_table_new(&t, 5, hdr);
    else if (strcmp(fmt, "json") && !(rc = govern_table_new(&sheet, 5, csv_hdr)))
        rc = govern_table_types(sheet, "tnnnt");
    else if (!strcmp(fmt, "json") && !(arr = json_array()))
        rc = govern_oom();
    for (size_t i = 0; !rc && i < all.count; i++) {
        const struct interest_register *r = all.items[i];
        size_t n[3];
        char c[3][24];
        counts(n, r, inv->as_of);
        for (int k = 0; k < 3; k++)
            snprintf(c[k], sizeof(c[k]), "%zu", n[k]);
        const char *cells[] = {r->member, c[0], c[1], c[2], r->path};
        if (t)
            rc = govern_table_row(t, cells);
        else if (sheet)
            rc = govern_table_row(sheet, cells);
        else {
            json_t *o = json_object();
            json_object_set_new(o, "member", json_string(r->member));
            json_object_set_new(o, "pecuniary", json_integer((json_int_t)n[0]));
            json_object_set_new(o, "other_registrable", json_integer((json_int_t)n[1]));
            json_object_set_new(o, "non_registrable", json_integer((json_int_t)n[2]));
            json_object_set_new(o, "file", json_string(r->path));
            json_array_append_new(arr, o);
        }
    }
    if (!rc && t)
        rc = all.count ? govern_table_render(inv->out, t, false)
                       : govern_buf_puts(inv->out, "No registers of interests.\n");
    if (!rc && sheet)
        rc = govern_table_render_as(inv->out, sheet, fmt, false, "interests");
    govern_table_free(sheet);
    if (!rc && arr) {
        json_t *root = json_object();
        json_object_set_new(root, "as_of", govern_json_date(inv->as_of));
        json_object_set(root, "members", arr);
        rc = govern_json_write(inv->out, root, GOVERN_JSON_ASCII);
    }
    json_decref(arr);
    govern_table_free(t);
    interests_all_free(&all);
    return rc;
}

/* ------------------------------------------------------------- dispatch */

#define WRITE (GOVERN_CMD_STORE | GOVERN_CMD_WRITES)
static const struct govern_subcommand subs[] = {
    {"add", "register an interest", NULL, add_opts, WRITE, do_add, NULL, NULL},
    {"end", "record the last day an interest was held", NULL, end_opts, WRITE, do_end, NULL, NULL},
    {"show", "one member's register", NULL, show_opts, GOVERN_CMD_STORE, do_show, NULL, NULL},
    {"list", "every member's register", NULL, NULL, GOVERN_CMD_STORE, do_list, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

static const struct govern_command cmd = {
    .name = "interests",
    .summary = "the register of members' interests: add, end, show, list",
    .usage = USAGE,
    .help = "One register per member, interests/SLUG.md: disclosable pecuniary (Localism Act\n"
            "2011 s30-31), other registrable and non-registrable interests, each with the day\n"
            "it was registered (--from) and, once ended, the last day it was held (end --to).\n"
            "Entries are never deleted. --matter names the words or phrases of agenda titles\n"
            "the interest touches: `govern check` (rule interest-register) reports a member\n"
            "present at a minute whose title (or its agenda item's) holds such a word, with a\n"
            "pecuniary interest held that day, who did not declare it, or declared it as\n"
            "another kind and took part without a dispensation. See docs/interests.md.",
    .subcommands = subs,
};

static int init(struct govern_registry *reg, void **state)
{
    *state = NULL;
    int rc = govern_register_command(reg, &cmd);
    return rc ? rc : govern_register_check(reg, &interests_check_rule);
}

const struct govern_plugin govern_builtin_interests = {
    .abi_version = GOVERN_PLUGIN_ABI,
    .name = "interests",
    .version = NULL, /* govern's own (govern_version()) */
    .summary = "the register of members' interests (govern interests) and its check",
    .init = init,
    .fini = NULL,
};
