/*
 * The built-in publish plugin: `govern publish DIR` writes the council's
 * public website from one snapshot, through the public view only: home,
 * calendar, a page per committee, member, meeting and decision, the
 * Forward Plan, the action register, and calendar and Atom feeds.  Files go
 * through the host's output directory service, so a page whose bytes are
 * unchanged keeps its modification time and pages no longer made are
 * removed.
 */
#include <stdlib.h>
#include <string.h>
#include "publish.h"

static const struct govern_opt opts[] = {
    {"base-url", 0, GOVERN_OPT_VALUE, "URL",
     "the address the site is served at (default: base_url in govern.yaml)"},
    {NULL, 0, 0, NULL, NULL},
};

#define USAGE "govern publish DIR [--base-url URL]"

/* Site directories that a committee's slug (its pages' directory) must not
 * take. */
static const char *const site_dirs[] = {"calendar", "members", "style.css", "404.html", NULL};

static int check_slugs(const struct govern_model *m)
{
    for (size_t i = 0; i < m->n_committees; i++)
        for (const char *const *d = site_dirs; *d; d++)
            if (!strcmp(m->committees[i]->slug, *d))
                return govern_error_set(GOVERN_EINVAL,
                                        "%s: the committee '%s' has the name of a directory "
                                        "of the site; rename it to publish",
                                        m->committees[i]->path, *d);
    return 0;
}

static int build(struct site *s)
{
    int rc = site_members_load(s);
    if (!rc)
        rc = site_data_load(s);
    if (!rc)
        rc = site_stylesheet(s);
    if (!rc)
        rc = site_not_found(s);
    if (!rc)
        rc = site_home(s);
    if (!rc)
        rc = site_calendar(s);
    if (!rc)
        rc = site_committee_pages(s);
    if (!rc)
        rc = site_meeting_pages(s);
    if (!rc)
        rc = site_member_pages(s);
    if (!rc)
        rc = site_decision_pages(s);
    if (!rc)
        rc = site_forward_plan(s);
    if (!rc)
        rc = site_actions_page(s);
    if (!rc)
        rc = site_feeds(s);
    return rc;
}

static int run(struct govern_invocation *inv)
{
    struct govern_args a;
    int rc = govern_args_parse(&a, opts, inv->argc, inv->argv);
    if (rc)
        return rc;
    struct site s = {0};
    struct govern_buf base = GOVERN_BUF_INIT;
    s.inv = inv;
    s.as_of = inv->as_of;
    if ((rc = govern_args_positional(&a, 1, 1, USAGE)))
        goto out;
    if ((rc = govern_public_open(&s.view, inv->snap, inv->as_of)) ||
        (rc = govern_public_model(&s.m, s.view)) || (rc = check_slugs(s.m)))
        goto out;
    const char *url = govern_args_get(&a, "base-url");
    if (!url)
        url = s.m->config->base_url;
    if (url && *url) {
        size_t n = strlen(url);
        while (n && url[n - 1] == '/')
            n--;
        if ((rc = govern_buf_put(&base, url, n)))
            goto out;
        s.base_url = base.ptr;
    }
    if ((rc = govern_outdir_open(&s.out, a.positional.items[0])))
        goto out;
    if (!(rc = build(&s)) && !(rc = govern_outdir_prune(s.out))) {
        struct govern_outdir_stats st;
        govern_outdir_stats(&st, s.out);
        rc =
            govern_buf_printf(inv->out,
                              "published %s: %zu files written, %zu unchanged, %zu removed; "
                              "%zu calendar feeds\n",
                              a.positional.items[0], st.written, st.unchanged, st.removed, st.kept);
    }
    /* the view's warnings, unless a public output run for the site said them */
    const struct govern_strlist *w = s.view ? govern_public_warnings(s.view) : NULL;
    for (size_t i = 0; !rc && w && i < w->count; i++)
        if (!inv->err->ptr || !strstr(inv->err->ptr, w->items[i]))
            rc = govern_buf_printf(inv->err, "govern: warning: %s\n", w->items[i]);
out:
    site_data_free(&s);
    site_members_free(&s);
    govern_outdir_free(s.out);
    govern_public_free(s.view);
    govern_buf_free(&base);
    govern_args_free(&a);
    return rc;
}

static const struct govern_command cmd_publish = {
    .name = "publish",
    .summary = "write the public website (pages, calendars, Atom feeds) into a directory",
    .usage = USAGE,
    .help = "Writes a static site into DIR from the store (the work tree, or --rev REV; a bare\n"
            "repository always reads its HEAD) through the public view only: exempt items show\n"
            "their title and Schedule 12A paragraph, private meetings their titles, drafts\n"
            "nothing. Pages: home, calendar by month, each committee (members, meetings,\n"
            "Forward Plan entries, open actions), each member (bodies, attendance rates), each\n"
            "meeting (agenda with its reports, minutes, attendance, declarations, votes,\n"
            "decisions, actions), decisions, the Forward Plan and the action register.\n"
            "Feeds: feeds/all.ics, feeds/committee-SLUG.ics, feeds/member-NAME.ics (each event\n"
            "with the URL of its page when a base URL is known) and Atom feeds\n"
            "feeds/council.atom and feeds/SLUG.atom. A file whose bytes are unchanged is\n"
            "left alone (its time and ETag hold); files an earlier run wrote and this one did\n"
            "not are removed (DIR/.govern-manifest lists them). --as-of fixes today. See\n"
            "docs/publishing.md for serving it with nginx and publishing on every push.",
    .options = opts,
    .flags = GOVERN_CMD_STORE,
    .run = run,
};

static int publish_init(struct govern_registry *reg, void **state)
{
    static const struct govern_public_output publics[] = {
        {"publish", "{dir}", NULL},
        {NULL, NULL, NULL},
    };
    *state = NULL;
    int rc = govern_register_command(reg, &cmd_publish);
    return rc ? rc : govern_register_public_outputs(reg, publics);
}

const struct govern_plugin govern_builtin_publish = {
    .abi_version = GOVERN_PLUGIN_ABI,
    .name = "publish",
    .version = "1.0",
    .summary = "the public website: pages, calendars and Atom feeds (govern publish)",
    .init = publish_init,
    .fini = NULL,
};
