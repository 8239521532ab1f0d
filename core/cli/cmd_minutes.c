/*
 * govern minutes draft|attend|declare|add|show|approve|text|vote: a
 * meeting's minutes from the agenda to the approved record.  The writing
 * subcommands read their options and call the minutes operations
 * (include/govern/ops.h, core/ops/minutes.c), which hold the workflow and
 * fire MINUTES_DRAFTED and MINUTES_APPROVED; `draft` hands them the clerk's
 * work-tree file, validated here first so its errors name file and line.
 * The public form (--public) is the public view's (govern/public.h): it
 * never holds the text of an exempt minute, of a minute under an exempt
 * agenda item, or of a private meeting.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "govern/output.h"

static const struct govern_opt attend_opts[] = {
    {"present", 0, GOVERN_OPT_OPTIONAL, "A,B,...", "attended as members"},
    {"apologies", 0, GOVERN_OPT_OPTIONAL, "A,B,...", "sent apologies"},
    {"absent", 0, GOVERN_OPT_OPTIONAL, "A,B,...", "absent without apologies"},
    {"also-present", 0, GOVERN_OPT_OPTIONAL, "A,B,...", "officers, partners or guests"},
    {"all-members", 0, GOVERN_OPT_FLAG, NULL,
     "every member serving on the day not named in another list is present"},
    {"substitute-for", 0, GOVERN_OPT_VALUE, "NAME", "the member this person replaced"},
    {"title", 0, GOVERN_OPT_VALUE, "TEXT", "the person's job or office"},
    {NULL, 0, 0, NULL, NULL},
};

static const struct govern_opt declare_opts[] = {
    {"member", 0, GOVERN_OPT_VALUE, "NAME", "who declared the interest"},
    {"minute", 0, GOVERN_OPT_VALUE, "N", "the minute number N (of N/YY) concerned"},
    {"kind", 0, GOVERN_OPT_VALUE, "KIND", "pecuniary, other-registrable or non-registrable"},
    {"interest", 0, GOVERN_OPT_VALUE, "TEXT", "the interest"},
    {"dispensation", 0, GOVERN_OPT_VALUE, "TEXT", "the dispensation granted"},
    {"took-part", 0, GOVERN_OPT_FLAG, NULL, "the member took part in the item"},
    {NULL, 0, 0, NULL, NULL},
};

static const struct govern_opt approve_opts[] = {
    {"at", 0, GOVERN_OPT_VALUE, "LATER-ID", "the later meeting that confirmed them"},
    {"presiding", 0, GOVERN_OPT_VALUE, "NAME", "who presided and signed them"},
    {NULL, 0, 0, NULL, NULL},
};

static const struct govern_opt vote_opts[] = {
    {"for", 0, GOVERN_OPT_VALUE, "A,B", "who voted for, comma-separated"},
    {"against", 0, GOVERN_OPT_VALUE, "A,B", "who voted against"},
    {"abstain", 0, GOVERN_OPT_VALUE, "A,B", "who abstained"},
    {"recorded", 0, GOVERN_OPT_FLAG, NULL, "a recorded vote was requested: names are published"},
    {"casting", 0, GOVERN_OPT_VALUE, "for|against", "the chair's casting vote in a tie"},
    {NULL, 0, 0, NULL, NULL},
};

static const struct govern_opt show_opts[] = {
    {"public", 0, GOVERN_OPT_FLAG, NULL,
     "the public form: exempt minutes by number, title and paragraph only"},
    {NULL, 0, 0, NULL, NULL},
};

static const struct govern_opt text_opts[] = {
    {"append", 0, GOVERN_OPT_FLAG, NULL, "add the text after the minute's text"},
    {NULL, 0, 0, NULL, NULL},
};

/* in the order of enum op */
static const char *const subs[] = {"draft",   "attend", "declare", "add", "show",
                                   "approve", "text",   "vote",    NULL};

enum op { OP_DRAFT, OP_ATTEND, OP_DECLARE, OP_ADD, OP_SHOW, OP_APPROVE, OP_TEXT, OP_VOTE };

struct minutes_ctx {
    enum op op;
    const char *id;
    struct govern_invocation *inv;
    /* draft: the work-tree file, when there is one */
    char *wt_text;
    size_t wt_len;
    bool wt_exists;
    /* attend: one NAME with its details, or lists of names */
    enum govern_attendance list;
    const char *name, *title, *substitute_for;
    struct govern_strlist names[GOVERN_ATTENDANCE_LISTS];
    bool all_members;
    /* declare */
    struct govern_declaration decl;
    /* add */
    const char *add_title;
    /* text */
    int minute;
    const char *text;
    bool append;
    /* approve */
    const char *at, *presiding;
    /* vote */
    struct govern_vote vote;
    int vote_minute;
};

static int one_line_arg(const char *what, const char *v)
{
    if (!v || !*v)
        return govern_error_set(GOVERN_EUSAGE, "%s must not be empty", what);
    if (strchr(v, '\n') || strchr(v, '\r'))
        return govern_error_set(GOVERN_EINVAL, "%s must be one line of text", what);
    if (strlen(v) > 500)
        return govern_error_set(GOVERN_EINVAL, "%s is too long (500 characters at most)", what);
    return govern_utf8_check(what, v, strlen(v));
}

static const char *const attend_flags[] = {"present", "apologies", "absent", "also-present"};

/* "A,B,C": names separated by commas, each one line, none empty. */
static int split_list(struct govern_strlist *out, const char *what, const char *v)
{
    if (!v)
        return 0;
    const char *p = v;
    for (;;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        while (n && (*p == ' ' || *p == '\t'))
            p++, n--;
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        char name[501];
        if (!n || n >= sizeof(name))
            return govern_error_set(GOVERN_EUSAGE, "%s: %s in '%s'", what,
                                    n ? "a name longer than 500 characters" : "an empty name", v);
        memcpy(name, p, n);
        name[n] = '\0';
        int rc = one_line_arg(what, name);
        if (!rc)
            rc = govern_strlist_add(out, name);
        if (rc)
            return rc;
        if (!e)
            return 0;
        p = e + 1;
    }
}

/* Adds the names of "A,B, C" to attendance list `list`, refusing a name
 * given twice in one command. */
static int split_names(struct minutes_ctx *ctx, int list, const char *value)
{
    struct govern_strlist names = GOVERN_STRLIST_INIT;
    char what[40];
    snprintf(what, sizeof(what), "--%s", attend_flags[list]);
    int rc = split_list(&names, what, value);
    for (size_t i = 0; i < names.count && !rc; i++) {
        for (int l = 0; l < GOVERN_ATTENDANCE_LISTS && !rc; l++)
            if (govern_strlist_contains(&ctx->names[l], names.items[i]))
                rc = govern_error_set(GOVERN_EUSAGE, "%s is named twice (--%s and --%s)",
                                      names.items[i], attend_flags[l], attend_flags[list]);
        if (!rc)
            rc = govern_strlist_add(&ctx->names[list], names.items[i]);
    }
    govern_strlist_free(&names);
    return rc;
}

static int parse_attend(struct minutes_ctx *ctx, struct govern_args *a)
{
    int rc = govern_args_positional(a, 2, 3,
                                    "govern minutes attend ID NAME --present|--apologies|--absent|"
                                    "--also-present, or attend ID --present A,B --apologies C ...");
    int n = 0;
    bool lists = false;
    for (int i = 0; i < 4 && !rc; i++) {
        if (!govern_args_flag(a, attend_flags[i]))
            continue;
        ctx->list = (enum govern_attendance)i;
        n++;
        const struct govern_strlist *vals = govern_args_multi(a, attend_flags[i]);
        for (size_t k = 0; vals && k < vals->count && !rc; k++, lists = true)
            rc = split_names(ctx, i, vals->items[k]);
    }
    ctx->all_members = govern_args_flag(a, "all-members");
    ctx->title = govern_args_get(a, "title");
    ctx->substitute_for = govern_args_get(a, "substitute-for");
    if (rc)
        return rc;
    if (a->positional.count == 3) {
        /* the one-person form: attend ID NAME --present */
        if (n != 1 || lists || ctx->all_members)
            return govern_error_set(GOVERN_EUSAGE, "with a NAME, say one of --present, "
                                                   "--apologies, --absent or --also-present");
        ctx->name = a->positional.items[2];
        if ((rc = one_line_arg("NAME", ctx->name)) ||
            (ctx->title && (rc = one_line_arg("--title", ctx->title))) ||
            (ctx->substitute_for && (rc = one_line_arg("--substitute-for", ctx->substitute_for))))
            return rc;
        return 0;
    }
    if (ctx->title || ctx->substitute_for)
        return govern_error_set(GOVERN_EUSAGE,
                                "--title and --substitute-for are for one person: "
                                "govern minutes attend ID NAME --present --title ...");
    if (!lists && !ctx->all_members)
        return govern_error_set(GOVERN_EUSAGE, "give names: --present A,B --apologies C ... or "
                                               "--all-members");
    return 0;
}

/* ---------------------------------------------------------------- show */

/* The committee's membership of name on day d (a serving one first), or NULL. */
static const struct govern_member *membership(const struct govern_committee *c, const char *name,
                                              govern_date d)
{
    const struct govern_member *any = NULL;
    for (size_t i = 0; i < c->n_members; i++) {
        if (strcmp(c->members[i].name, name))
            continue;
        if (govern_member_active(&c->members[i], d))
            return &c->members[i];
        any = &c->members[i];
    }
    return any;
}

/* What the printed minutes show beside a name, as seed 004 does: the title
 * recorded in the minutes, else the member's role (when not a plain member)
 * and organisation. */
static void beside(char *out, size_t n, const struct govern_person *p,
                   const struct govern_committee *c, govern_date d)
{
    const struct govern_member *mb = p->title ? NULL : membership(c, p->name, d);
    char role[40] = "";
    out[0] = '\0';
    if (p->title) {
        snprintf(out, n, "%s", p->title);
        return;
    }
    if (!mb)
        return;
    if (mb->role != GOVERN_ROLE_MEMBER) {
        snprintf(role, sizeof(role), "%s", govern_role_name(mb->role));
        role[0] = (char)(role[0] - 'a' + 'A');
    }
    snprintf(out, n, "%s%s%s", role, *role && mb->organisation ? ", " : "",
             mb->organisation ? mb->organisation : "");
}

static int put_people(struct govern_buf *o, const char *label, const struct govern_people *pl,
                      const struct govern_committee *c, govern_date d)
{
    if (!pl->count)
        return 0;
    int rc = govern_buf_printf(o, "**%s:** ", label);
    for (size_t i = 0; i < pl->count && !rc; i++) {
        const struct govern_person *p = &pl->items[i];
        char extra[600];
        beside(extra, sizeof(extra), p, c, d);
        if (i)
            rc = govern_buf_puts(o, "; ");
        if (!rc)
            rc = govern_md_escape(o, p->name);
        if (!rc && *extra) {
            rc = govern_buf_puts(o, " (");
            if (!rc)
                rc = govern_md_escape(o, extra);
            if (!rc)
                rc = govern_buf_puts(o, ")");
        }
        if (!rc && p->substitute_for) {
            rc = govern_buf_puts(o, ", substitute for ");
            if (!rc)
                rc = govern_md_escape(o, p->substitute_for);
        }
    }
    return rc ? rc : govern_buf_puts(o, "\n\n");
}

static void vote_names(struct govern_buf *o, const char *label, const struct govern_strlist *l)
{
    if (!l->count)
        return;
    govern_buf_printf(o, "%s: ", label);
    for (size_t i = 0; i < l->count; i++) {
        if (i)
            govern_buf_puts(o, "; ");
        govern_md_escape(o, l->items[i]);
    }
    govern_buf_puts(o, "\n");
}

/* "**Vote:** 5 for, 2 against, 1 abstention: carried." and, for a recorded
 * vote, who voted which way. */
static void render_vote(struct govern_buf *o, const struct govern_vote *v)
{
    int outcome = govern_vote_outcome(v);
    govern_buf_printf(o, "**Vote%s:** %zu for, %zu against, %zu abstention%s: %s%s.\n\n",
                      v->recorded ? " (recorded)" : "", v->for_.count, v->against.count,
                      v->abstain.count, v->abstain.count == 1 ? "" : "s",
                      outcome > 0   ? "carried"
                      : outcome < 0 ? "lost"
                                    : "tied",
                      v->casting == GOVERN_CASTING_FOR ? " on the chair's casting vote for"
                      : v->casting == GOVERN_CASTING_AGAINST
                          ? " on the chair's casting vote against"
                          : "");
    if (!v->recorded)
        return;
    vote_names(o, "For", &v->for_);
    if (v->for_.count && (v->against.count || v->abstain.count))
        govern_buf_puts(o, "\n");
    vote_names(o, "Against", &v->against);
    if (v->against.count && v->abstain.count)
        govern_buf_puts(o, "\n");
    vote_names(o, "Abstained", &v->abstain);
    govern_buf_puts(o, "\n");
}

static int render_md(struct govern_buf *o, const struct govern_committee *c,
                     const struct govern_meeting *mt, const struct govern_minutes *m)
{
    char d[40], t[6];
    int yy = m->year % 100;
    govern_buf_puts(o, "# Minutes: ");
    govern_md_escape(o, c->name);
    govern_date_format_long(d, mt->date);
    govern_buf_printf(o, "\n\n%s", d);
    if (m->started != GOVERN_TIME_NONE || mt->time != GOVERN_TIME_NONE) {
        govern_time_format(t, m->started != GOVERN_TIME_NONE ? m->started : mt->time);
        govern_buf_printf(o, ", %s", t);
        if (m->ended != GOVERN_TIME_NONE) {
            govern_time_format(t, m->ended);
            govern_buf_printf(o, " to %s", t);
        }
    }
    if (mt->location) {
        govern_buf_puts(o, ", ");
        govern_md_escape(o, mt->location);
    }
    govern_buf_puts(o, "\n\n");
    if (m->status == GOVERN_MINUTES_APPROVED) {
        govern_date_format_long(d, m->approved.date);
        govern_buf_printf(o, "*Confirmed as a correct record at the meeting of %s (%s)", d,
                          m->approved.at);
        if (m->approved.presiding) {
            govern_buf_puts(o, ", signed by ");
            govern_md_escape(o, m->approved.presiding);
        }
        govern_buf_puts(o, ".*\n\n");
    } else {
        govern_buf_puts(o, "**Draft: these minutes have not yet been approved.**\n\n");
    }
    put_people(o, "Present", &m->people[GOVERN_PRESENT], c, mt->date);
    put_people(o, "Apologies", &m->people[GOVERN_APOLOGIES], c, mt->date);
    put_people(o, "Absent", &m->people[GOVERN_ABSENT], c, mt->date);
    put_people(o, "Also present", &m->people[GOVERN_ALSO_PRESENT], c, mt->date);
    if (m->n_declarations) {
        govern_buf_puts(o, "**Declarations of interest:**\n\n");
        for (size_t i = 0; i < m->n_declarations; i++) {
            const struct govern_declaration *dl = &m->declarations[i];
            govern_buf_puts(o, "- ");
            govern_md_escape(o, dl->member);
            govern_buf_printf(o, ", minute %d/%02d: %s interest", dl->minute, yy,
                              govern_interest_kind_name(dl->kind));
            if (dl->interest) {
                govern_buf_puts(o, " (");
                govern_md_escape(o, dl->interest);
                govern_buf_puts(o, ")");
            }
            if (dl->dispensation) {
                govern_buf_puts(o, "; dispensation: ");
                govern_md_escape(o, dl->dispensation);
            }
            govern_buf_printf(o, "; %s\n", dl->took_part ? "took part" : "did not take part");
        }
        govern_buf_puts(o, "\n");
    }
    if (m->preamble)
        govern_buf_printf(o, "%s\n\n", m->preamble);
    for (size_t i = 0; i < m->n_items; i++) {
        const struct govern_minute *it = &m->items[i];
        govern_buf_printf(o, "## %d/%02d ", it->number, yy);
        govern_md_escape(o, it->title);
        govern_buf_puts(o, "\n\n");
        if (it->exempt > 0) {
            govern_buf_printf(o,
                              "*Exempt information: not for publication by virtue of paragraph "
                              "%d of Part 1 of Schedule 12A to the Local Government Act 1972 "
                              "(%s).*\n\n",
                              it->exempt, govern_exempt_paragraph_text(it->exempt));
        } else if (it->exempt < 0) {
            govern_buf_puts(o, "*Not for publication (its exempt status could not be "
                               "decided).*\n\n");
        }
        if (it->text)
            govern_buf_printf(o, "%s\n\n", it->text);
        if (it->vote)
            render_vote(o, it->vote);
    }
    return 0;
}

static json_t *people_json(const struct govern_people *pl, const struct govern_committee *c,
                           govern_date d)
{
    json_t *a = json_array();
    for (size_t i = 0; i < pl->count; i++) {
        json_t *p = json_object();
        const struct govern_member *mb = membership(c, pl->items[i].name, d);
        json_object_set_new(p, "name", json_string(pl->items[i].name));
        json_object_set_new(p, "title", govern_json_str(pl->items[i].title));
        json_object_set_new(p, "substitute_for", govern_json_str(pl->items[i].substitute_for));
        json_object_set_new(p, "role", mb ? json_string(govern_role_name(mb->role)) : json_null());
        json_object_set_new(p, "organisation", govern_json_str(mb ? mb->organisation : NULL));
        json_array_append_new(a, p);
    }
    return a;
}

static json_t *names_json(const struct govern_strlist *l)
{
    json_t *a = json_array();
    for (size_t i = 0; i < l->count; i++)
        json_array_append_new(a, json_string(l->items[i]));
    return a;
}

/* Counts and outcome; the names for a recorded vote, or for members and
 * officers (not public). */
static json_t *vote_json(const struct govern_vote *v, bool public)
{
    if (!v)
        return json_null();
    json_t *j = json_object();
    int outcome = govern_vote_outcome(v);
    json_object_set_new(j, "for", json_integer((json_int_t)v->for_.count));
    json_object_set_new(j, "against", json_integer((json_int_t)v->against.count));
    json_object_set_new(j, "abstain", json_integer((json_int_t)v->abstain.count));
    json_object_set_new(j, "recorded", json_boolean(v->recorded));
    json_object_set_new(j, "casting",
                        v->casting == GOVERN_CASTING_FOR       ? json_string("for")
                        : v->casting == GOVERN_CASTING_AGAINST ? json_string("against")
                                                               : json_null());
    json_object_set_new(j, "outcome",
                        json_string(outcome > 0   ? "carried"
                                    : outcome < 0 ? "lost"
                                                  : "tied"));
    if (v->recorded || !public) {
        json_t *n = json_object();
        json_object_set_new(n, "for", names_json(&v->for_));
        json_object_set_new(n, "against", names_json(&v->against));
        json_object_set_new(n, "abstain", names_json(&v->abstain));
        json_object_set_new(j, "names", n);
    }
    return j;
}

static int render_json(struct govern_buf *o, const struct govern_committee *c,
                       const struct govern_meeting *mt, const struct govern_minutes *m, bool public)
{
    json_t *root = json_object();
    char d[11], t[6];
    json_object_set_new(root, "meeting", json_string(mt->id));
    json_object_set_new(root, "committee", json_string(c->slug));
    json_object_set_new(root, "committee_name", json_string(c->name));
    govern_date_format(d, mt->date);
    json_object_set_new(root, "date", json_string(d));
    json_object_set_new(root, "status",
                        json_string(m->status == GOVERN_MINUTES_APPROVED ? "approved" : "draft"));
    json_object_set_new(root, "year", json_integer(m->year));
    json_object_set_new(root, "public", json_boolean(public));
    if (m->started != GOVERN_TIME_NONE) {
        govern_time_format(t, m->started);
        json_object_set_new(root, "started", json_string(t));
    } else {
        json_object_set_new(root, "started", json_null());
    }
    if (m->ended != GOVERN_TIME_NONE) {
        govern_time_format(t, m->ended);
        json_object_set_new(root, "ended", json_string(t));
    } else {
        json_object_set_new(root, "ended", json_null());
    }
    for (int l = 0; l < GOVERN_ATTENDANCE_LISTS; l++)
        json_object_set_new(root, govern_attendance_name((enum govern_attendance)l),
                            people_json(&m->people[l], c, mt->date));
    json_t *decls = json_array();
    for (size_t i = 0; i < m->n_declarations; i++) {
        const struct govern_declaration *dl = &m->declarations[i];
        json_t *j = json_object();
        json_object_set_new(j, "member", json_string(dl->member));
        json_object_set_new(j, "minute", json_integer(dl->minute));
        json_object_set_new(j, "kind", json_string(govern_interest_kind_name(dl->kind)));
        json_object_set_new(j, "interest", govern_json_str(dl->interest));
        json_object_set_new(j, "dispensation", govern_json_str(dl->dispensation));
        json_object_set_new(j, "took_part", json_boolean(dl->took_part));
        json_array_append_new(decls, j);
    }
    json_object_set_new(root, "declarations", decls);
    if (m->approved.at) {
        json_t *a = json_object();
        json_object_set_new(a, "at", json_string(m->approved.at));
        govern_date_format(d, m->approved.date);
        json_object_set_new(a, "date", json_string(d));
        json_object_set_new(a, "presiding", govern_json_str(m->approved.presiding));
        json_object_set_new(root, "approved", a);
    } else {
        json_object_set_new(root, "approved", json_null());
    }
    json_object_set_new(root, "preamble", govern_json_str(m->preamble));
    json_t *items = json_array();
    for (size_t i = 0; i < m->n_items; i++) {
        const struct govern_minute *it = &m->items[i];
        json_t *j = json_object();
        char ref[24];
        snprintf(ref, sizeof(ref), "%d/%02d", it->number, m->year % 100);
        json_object_set_new(j, "number", json_integer(it->number));
        json_object_set_new(j, "ref", json_string(ref));
        json_object_set_new(j, "title", json_string(it->title));
        json_object_set_new(j, "exempt", it->exempt > 0 ? json_integer(it->exempt) : json_null());
        if (it->exempt < 0)
            json_object_set_new(j, "withheld", json_true());
        if (!(public && it->exempt)) {
            json_object_set_new(j, "agenda_item",
                                it->agenda_item ? json_integer(it->agenda_item) : json_null());
            json_object_set_new(j, "text", govern_json_str(it->text));
            json_t *res = json_array();
            for (size_t k = 0; k < it->resolutions.count; k++)
                json_array_append_new(res, json_string(it->resolutions.items[k]));
            json_object_set_new(j, "resolutions", res);
            json_object_set_new(j, "vote", vote_json(it->vote, public));
        }
        json_array_append_new(items, j);
    }
    json_object_set_new(root, "items", items);
    return govern_json_write(o, root, 0);
}

/* The public view's minutes of a meeting. */
static int load_public(const struct govern_minutes **mn, const struct govern_meeting **mt,
                       struct govern_public *view, const char *id)
{
    const struct govern_public_meeting *pm;
    int rc = govern_public_meeting(&pm, view, id);
    if (rc)
        return rc;
    if (!pm->minutes) {
        /* none, or unreadable: the same error as without --public */
        struct govern_minutes *full = NULL;
        rc = govern_minutes_load(&full, govern_public_snapshot(view), id);
        govern_minutes_free(full);
        return rc ? rc
                  : govern_error_set(GOVERN_EINVAL, "the minutes of %s cannot be published", id);
    }
    *mn = pm->minutes;
    *mt = pm->meeting;
    return 0;
}

static int do_show(struct govern_invocation *inv, struct govern_args *args)
{
    static const char *const fmts[] = {"md", "text", "html", "json", NULL};
    const char *fmt;
    int rc = govern_args_positional(args, 2, 2, "govern minutes show ID [--public]");
    if (rc || (rc = cli_format(&fmt, inv, "md", fmts)))
        return rc;
    bool public = govern_args_flag(args, "public");
    struct govern_meeting *full_mt = NULL;
    struct govern_committee *c = NULL;
    struct govern_minutes *full = NULL;
    struct govern_public *view = NULL;
    const struct govern_meeting *mt = NULL;
    const struct govern_minutes *m = NULL;
    if (public) {
        if (!(rc = govern_public_open(&view, inv->snap, inv->as_of)))
            rc = load_public(&m, &mt, view, args->positional.items[1]);
        if (view)
            govern_public_put_warnings(inv->err, view);
    } else if (!(rc = govern_meeting_load(&full_mt, inv->snap, args->positional.items[1])) &&
               !(rc = govern_minutes_load(&full, inv->snap, full_mt->id))) {
        mt = full_mt;
        m = full;
    }
    if (rc || (rc = govern_committee_load(&c, inv->snap, mt->committee)))
        goto out;
    if (!strcmp(fmt, "json")) {
        rc = render_json(inv->out, c, mt, m, public);
    } else if (!strcmp(fmt, "html")) {
        struct govern_buf md = GOVERN_BUF_INIT;
        char title[300];
        snprintf(title, sizeof(title), "Minutes: %s", c->name);
        if (!(rc = render_md(&md, c, mt, m)))
            rc = govern_markdown_page(inv->out, title, md.ptr);
        govern_buf_free(&md);
    } else {
        rc = render_md(inv->out, c, mt, m);
    }
out:
    govern_public_free(view);
    govern_minutes_free(full);
    govern_committee_free(c);
    govern_meeting_free(full_mt);
    return rc;
}

/* ---------------------------------------------------------------- run */

/* The operation the options asked for (libgovern's ops layer). */
static int commit_op(struct govern_ops_result *res, struct minutes_ctx *ctx)
{
    static int (*const ops[])(struct govern_ops_result *, struct govern_store *,
                              const struct govern_ops_minutes *) = {
        [OP_DRAFT] = govern_ops_minutes_draft,     [OP_ATTEND] = govern_ops_minutes_attend,
        [OP_DECLARE] = govern_ops_minutes_declare, [OP_ADD] = govern_ops_minutes_add,
        [OP_APPROVE] = govern_ops_minutes_approve, [OP_TEXT] = govern_ops_minutes_text,
        [OP_VOTE] = govern_ops_minutes_vote};
    struct govern_invocation *inv = ctx->inv;
    bool lists = false;
    for (int l = 0; l < GOVERN_ATTENDANCE_LISTS; l++)
        lists = lists || ctx->names[l].count;
    struct govern_ops_minutes r = {.version = GOVERN_OPS_MINUTES_VERSION,
                                   .meeting = ctx->id,
                                   .registry = inv->registry,
                                   .as_of = inv->as_of,
                                   .worktree_text = ctx->wt_text,
                                   .worktree_len = ctx->wt_len,
                                   .worktree_exists = ctx->wt_exists,
                                   .list = ctx->list,
                                   .name = ctx->name,
                                   .title = ctx->title,
                                   .substitute_for = ctx->substitute_for,
                                   .names = lists ? ctx->names : NULL,
                                   .all_members = ctx->all_members,
                                   .decl = &ctx->decl,
                                   .add_title = ctx->add_title,
                                   .minute = ctx->op == OP_VOTE ? ctx->vote_minute : ctx->minute,
                                   .text = ctx->text,
                                   .append = ctx->append,
                                   .at = ctx->at,
                                   .presiding = ctx->presiding,
                                   .vote = &ctx->vote};
    int rc = ops[ctx->op](res, inv->store, &r);
    if (res->warnings.len)
        govern_buf_puts(inv->err, res->warnings.ptr);
    return rc;
}

static int read_worktree(struct minutes_ctx *ctx, struct govern_invocation *inv)
{
    char *path = govern_minutes_path(ctx->id);
    struct govern_buf b = GOVERN_BUF_INIT;
    if (!path)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    int rc = govern_snapshot_read(&b, inv->snap, path);
    free(path);
    if (rc == GOVERN_ENOTFOUND) {
        govern_error_clear();
        govern_buf_free(&b);
        return 0;
    }
    if (rc) {
        govern_buf_free(&b);
        return rc;
    }
    /* validate before anything else: clear file:line errors, nothing committed */
    struct govern_minutes *m = NULL;
    rc = govern_minutes_parse(&m, ctx->id, b.ptr ? b.ptr : "", b.len);
    if (!rc)
        rc = govern_minutes_validate(m);
    govern_minutes_free(m);
    if (rc) {
        govern_buf_free(&b);
        return rc;
    }
    ctx->wt_len = b.len;
    ctx->wt_text = b.ptr ? govern_buf_detach(&b) : strdup("");
    ctx->wt_exists = true;
    return ctx->wt_text ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
}

static int parse_vote_args(struct minutes_ctx *ctx, struct govern_args *a)
{
    int rc = govern_args_positional(a, 3, 3,
                                    "govern minutes vote ID N --for A,B --against C [--abstain D] "
                                    "[--recorded] [--casting for|against]");
    if (rc)
        return rc;
    char *end;
    const char *minute = a->positional.items[2];
    errno = 0;
    long n = strtol(minute, &end, 10);
    if (!*minute || *end || n < 1 || n > 9999 || errno)
        return govern_error_set(GOVERN_EUSAGE,
                                "the minute must be a number N (as in N/YY), not '%s'", minute);
    ctx->vote_minute = (int)n;
    if ((rc = split_list(&ctx->vote.for_, "--for", govern_args_get(a, "for"))) ||
        (rc = split_list(&ctx->vote.against, "--against", govern_args_get(a, "against"))) ||
        (rc = split_list(&ctx->vote.abstain, "--abstain", govern_args_get(a, "abstain"))))
        return rc;
    if (!ctx->vote.for_.count && !ctx->vote.against.count)
        return govern_error_set(GOVERN_EUSAGE, "a vote needs --for or --against");
    ctx->vote.recorded = govern_args_flag(a, "recorded");
    const char *casting = govern_args_get(a, "casting");
    if (casting && !strcmp(casting, "for"))
        ctx->vote.casting = GOVERN_CASTING_FOR;
    else if (casting && !strcmp(casting, "against"))
        ctx->vote.casting = GOVERN_CASTING_AGAINST;
    else if (casting)
        return govern_error_set(GOVERN_EUSAGE, "--casting is 'for' or 'against', not '%s'",
                                casting);
    return 0;
}

/* The options of each writing subcommand, read and checked. */
static int parse_op(struct minutes_ctx *ctx, struct govern_invocation *inv, struct govern_args *a)
{
    int rc = 0;
    switch (ctx->op) {
    case OP_DRAFT:
        if ((rc = govern_args_positional(a, 2, 2, "govern minutes draft ID")))
            return rc;
        if ((rc = read_worktree(ctx, inv)))
            return rc;
        break;
    case OP_ATTEND:
        if ((rc = parse_attend(ctx, a)))
            return rc;
        break;
    case OP_DECLARE: {
        if ((rc = govern_args_positional(a, 2, 2,
                                         "govern minutes declare ID --member NAME --minute N "
                                         "--kind KIND")))
            return rc;
        ctx->decl.member = (char *)govern_args_get(a, "member");
        const char *minute = govern_args_get(a, "minute"), *kind = govern_args_get(a, "kind");
        if (!ctx->decl.member || !minute || !kind)
            return govern_error_set(GOVERN_EUSAGE, "declare needs --member, --minute and --kind");
        if ((rc = one_line_arg("--member", ctx->decl.member)))
            return rc;
        char *end;
        errno = 0;
        long n = strtol(minute, &end, 10);
        if (!*minute || *end || n < 1 || n > 9999 || errno)
            return govern_error_set(
                GOVERN_EUSAGE, "--minute must be a minute number N (as in N/YY), not '%s'", minute);
        ctx->decl.minute = (int)n;
        if ((rc = govern_interest_kind_parse(&ctx->decl.kind, kind))) {
            govern_error_prefix(rc, "--kind");
            return rc;
        }
        ctx->decl.interest = (char *)govern_args_get(a, "interest");
        ctx->decl.dispensation = (char *)govern_args_get(a, "dispensation");
        if ((ctx->decl.interest && (rc = one_line_arg("--interest", ctx->decl.interest))) ||
            (ctx->decl.dispensation &&
             (rc = one_line_arg("--dispensation", ctx->decl.dispensation))))
            return rc;
        ctx->decl.took_part = govern_args_flag(a, "took-part");
        break;
    }
    case OP_TEXT: {
        if ((rc = govern_args_positional(a, 4, 4, "govern minutes text ID N TEXT [--append]")))
            return rc;
        const char *n = a->positional.items[2];
        char *end;
        errno = 0;
        long v = strtol(n, &end, 10);
        if (!*n || *end || v < 1 || v > 9999 || errno)
            return govern_error_set(GOVERN_EUSAGE,
                                    "N must be a minute number (as in N/YY), not '%s'", n);
        ctx->minute = (int)v;
        ctx->text = a->positional.items[3];
        ctx->append = govern_args_flag(a, "append");
        break;
    }
    case OP_ADD:
        if ((rc = govern_args_positional(a, 3, 3, "govern minutes add ID TITLE")))
            return rc;
        ctx->add_title = a->positional.items[2];
        if ((rc = one_line_arg("TITLE", ctx->add_title)))
            return rc;
        break;
    case OP_VOTE:
        if ((rc = parse_vote_args(ctx, a)))
            return rc;
        break;
    case OP_APPROVE:
        if ((rc = govern_args_positional(a, 2, 2,
                                         "govern minutes approve ID --at LATER-ID [--presiding "
                                         "NAME]")))
            return rc;
        if (!(ctx->at = govern_args_get(a, "at")))
            return govern_error_set(GOVERN_EUSAGE, "approve needs --at LATER-ID: the meeting that "
                                                   "confirmed the minutes");
        if ((rc = govern_meeting_id_check(ctx->at))) {
            govern_error_prefix(rc, "--at");
            return rc;
        }
        ctx->presiding = govern_args_get(a, "presiding");
        if (ctx->presiding && (rc = one_line_arg("--presiding", ctx->presiding)))
            return rc;
        break;
    default:
        break;
    }
    return rc;
}

/* Every subcommand: its options parsed by the CLI, a->positional[0] its name. */
static int run_sub(struct govern_invocation *inv, struct govern_args *args)
{
    struct govern_args a = *args; /* the CLI frees it */
    size_t sub = 0;
    while (subs[sub] && strcmp(subs[sub], a.positional.items[0]))
        sub++;
    int rc = 0;
    struct minutes_ctx ctx;
    memset(&ctx, 0, sizeof(ctx));
    ctx.inv = inv;
    ctx.op = (enum op)sub;
    struct govern_ops_result res = {0};
    if (ctx.op == OP_SHOW) {
        rc = do_show(inv, &a);
        goto out;
    }
    if (a.positional.count < 2) {
        rc = govern_error_set(GOVERN_EUSAGE, "missing meeting id; usage: %s", cmd_minutes.usage);
        goto out;
    }
    ctx.id = a.positional.items[1];
    if ((rc = govern_meeting_id_check(ctx.id)))
        goto out;
    if ((rc = parse_op(&ctx, inv, &a)))
        goto out;
    if (!(rc = commit_op(&res, &ctx))) {
        if (res.commit[0])
            govern_buf_printf(inv->out, "%s\n", res.summary);
        else
            govern_buf_printf(inv->out, "The minutes of %s are unchanged: nothing to commit\n",
                              ctx.id);
    }
out:
    govern_ops_result_free(&res);
    for (int l = 0; l < GOVERN_ATTENDANCE_LISTS; l++)
        govern_strlist_free(&ctx.names[l]);
    free(ctx.wt_text);
    govern_strlist_free(&ctx.vote.for_);
    govern_strlist_free(&ctx.vote.against);
    govern_strlist_free(&ctx.vote.abstain);
    return rc;
}

#define WRITE (GOVERN_CMD_STORE | GOVERN_CMD_WRITES)
static const struct govern_subcommand sub_table[] = {
    {"draft", "start the minutes from the agenda, or save the clerk's edits", NULL, NULL, WRITE,
     run_sub, NULL, NULL},
    {"attend", "record attendance", NULL, attend_opts, WRITE, run_sub, NULL, NULL},
    {"declare", "record a declaration of interest", NULL, declare_opts, WRITE, run_sub, NULL, NULL},
    {"add", "add a minute not on the agenda", NULL, NULL, WRITE, run_sub, NULL, NULL},
    {"show", "the minutes as Markdown, text, HTML or JSON", NULL, show_opts, GOVERN_CMD_STORE,
     run_sub, NULL, NULL},
    {"approve", "record that a later meeting confirmed them", NULL, approve_opts, WRITE, run_sub,
     NULL, NULL},
    {"text", "write the text of a minute", NULL, text_opts, WRITE, run_sub, NULL, NULL},
    {"vote", "record the vote on a minute", NULL, vote_opts, WRITE, run_sub, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

const struct govern_command cmd_minutes = {
    .name = "minutes",
    .summary = "draft, edit, show and approve a meeting's minutes",
    .usage = "govern minutes draft ID\n"
             "       govern minutes attend ID NAME (--present|--apologies|--absent|--also-present) "
             "[--substitute-for NAME] [--title TEXT]\n"
             "       govern minutes attend ID [--present A,B,...] [--apologies A,B,...] "
             "[--absent A,B,...] [--also-present A,B,...] [--all-members]\n"
             "       govern minutes declare ID --member NAME --minute N --kind "
             "pecuniary|other-registrable|non-registrable [--interest TEXT] [--dispensation "
             "TEXT] [--took-part]\n"
             "       govern minutes add ID TITLE\n"
             "       govern minutes show ID [--public] [--format md|text|html|json]\n"
             "       govern minutes approve ID --at LATER-ID [--presiding NAME]\n"
             "       govern minutes text ID N TEXT [--append]\n"

             "       govern minutes vote ID N --for A,B --against C [--abstain D] [--recorded] "
             "[--casting for|against]",
    .help = "'draft' starts SLUG/DIR/minutes.md from the agenda, one minute per item, numbered\n"
            "on from the committee's earlier minutes in the municipal year (N/YY). Write the\n"
            "minutes in that file by hand, then run 'draft' again: it checks the file, puts it\n"
            "in canonical form and commits it. 'attend', 'declare' and 'add' record attendance,\n"
            "(one person with a title or as a substitute, or lists of names separated by commas\n"
            "in one commit; --all-members puts every member serving on the day who is in no list\n"
            "among those present; officers and substitutes are left out),\n"
            "declarations of interest and a minute not on the agenda. 'approve' records that a\n"
            "later meeting confirmed them as a correct record, links that meeting's minutes\n"
            "item and tags the commit minutes/SLUG/DIR. Approved minutes never change: a\n"
            "correction is a new minute at a later meeting. The public form shows exempt\n"
            "minutes by number, title and Schedule 12A paragraph only. 'text' writes the\n"
            "Markdown text of minute N/YY (or adds a paragraph with --append) without opening\n"
            "the file: RESOLVED: blocks and ACTION lines work as when written by hand. 'vote'\n"
            "records the vote on minute N (names of voting members present; --recorded\n"
            "publishes the names; --casting is the chair's casting vote in a tie). See\n"
            "docs/minutes.md.",
    .subcommands = sub_table,
};
