/*
 * The built-in iCalendar plugin: `govern calendar` writes RFC 5545 feeds of
 * the store's meetings (one calendar, or with --feeds a directory of feeds
 * per committee, per member and for everything, with an index), and two
 * `govern check` rules report clashing meetings (clash.c).
 *
 * Like every plugin it never prints: the calendar goes to the invocation's
 * output buffer, or to the files the user named (--output, --feeds), which
 * are outside the store and written through the host's output directory
 * service (govern/outdir.h: whole files, unchanged bytes left alone).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/names.h"
#include "govern/outdir.h"
#include "ical.h"

static const struct govern_opt opts[] = {
    {"committee", 0, GOVERN_OPT_MULTI, "SLUG", "only this committee's meetings"},
    {"member", 0, GOVERN_OPT_VALUE, "NAME",
     "meetings of every body NAME sits on, within their membership dates"},
    {"from", 0, GOVERN_OPT_VALUE, "DATE", "meetings on or after DATE"},
    {"to", 0, GOVERN_OPT_VALUE, "DATE", "meetings on or before DATE"},
    {"output", 'o', GOVERN_OPT_VALUE, "FILE", "write the calendar to FILE instead of stdout"},
    {"feeds", 0, GOVERN_OPT_VALUE, "DIR",
     "write every feed (all, per committee, per member) and an index into DIR"},
    {"base-url", 0, GOVERN_OPT_VALUE, "URL",
     "each meeting's URL is URL/ID/ (default: base_url in govern.yaml)"},
    {"no-index", 0, GOVERN_OPT_FLAG, NULL,
     "with --feeds: the feeds only, no index.html or index.json (a site links them)"},
    {NULL, 0, 0, NULL, NULL},
};

#define USAGE                                                                                      \
    "govern calendar [--committee SLUG]... [--member NAME] [--from DATE] [--to DATE] "             \
    "[--output FILE] [--base-url URL]\n"                                                           \
    "       govern calendar --feeds DIR [--from DATE] [--to DATE] [--base-url URL] [--no-index]\n" \
    "       govern calendar import FILE.ics --committee SLUG [--dry-run]"

/* ------------------------------------------------------------ selection */

struct selection {
    const struct govern_strlist *committees; /* NULL: all */
    const char *member;                      /* NULL: anyone */
    govern_date from, to;                    /* GOVERN_DATE_NONE: open */
    const size_t *cand; /* only these meetings (ascending) are candidates; NULL: all */
    size_t n_cand;
};

/* Does name sit on c on day d (any role)? */
static bool sits_on(const struct govern_committee *c, const char *name, govern_date d)
{
    for (size_t k = 0; c && k < c->n_members; k++)
        if (!strcmp(c->members[k].name, name) && govern_member_active(&c->members[k], d))
            return true;
    return false;
}

/* --member NAME as written in the store: any case, accents or none
 * ("llyr wyn" is "Llŷr Ŵyn"); an unknown or ambiguous name is refused. */
static int resolve_member(const char **out, const struct govern_model *m, const char *name)
{
    struct govern_strlist names = GOVERN_STRLIST_INIT;
    int rc = 0;
    for (size_t i = 0; i < m->n_committees && !rc; i++)
        for (size_t k = 0; k < m->committees[i]->n_members && !rc; k++) {
            const char *n = m->committees[i]->members[k].name;
            if (!govern_strlist_contains(&names, n))
                rc = govern_strlist_add(&names, n);
        }
    size_t at = 0;
    if (!rc && (rc = govern_name_find(&at, (const char *const *)names.items, names.count, name,
                                      "member")) == 0) {
        for (size_t i = 0; i < m->n_committees && !*out; i++)
            for (size_t k = 0; k < m->committees[i]->n_members && !*out; k++)
                if (!strcmp(m->committees[i]->members[k].name, names.items[at]))
                    *out = m->committees[i]->members[k].name;
    }
    govern_strlist_free(&names);
    return rc;
}

/* Indices of the selected meetings (caller frees *out). */
static int select_meetings(size_t **out, size_t *n, const struct govern_model *m,
                           const struct selection *s)
{
    size_t *idx = malloc((m->n_meetings ? m->n_meetings : 1) * sizeof(*idx));
    if (!idx)
        return govern_oom();
    *n = 0;
    size_t lo, hi; /* the meetings within the dates */
    govern_model_meeting_range(&lo, &hi, m, s->from, s->to);
    for (size_t k = s->cand ? 0 : lo; k < (s->cand ? s->n_cand : hi); k++) {
        size_t i = s->cand ? s->cand[k] : k;
        const struct govern_meeting *mt = m->meetings[i];
        if (s->from != GOVERN_DATE_NONE && mt->date < s->from)
            continue;
        if (s->to != GOVERN_DATE_NONE && mt->date > s->to)
            continue;
        if (s->committees && s->committees->count &&
            !govern_strlist_contains(s->committees, mt->committee))
            continue;
        if (s->member && !sits_on(govern_model_committee(m, mt->committee), s->member, mt->date))
            continue;
        idx[(*n)++] = i;
    }
    *out = idx;
    return 0;
}

static int render_selection(struct govern_buf *out, struct ical_ctx *ctx, const char *name,
                            const struct selection *s, size_t *count)
{
    size_t *idx = NULL, n = 0;
    int rc = select_meetings(&idx, &n, ctx->model, s);
    if (!rc)
        rc = ical_feed_render(out, ctx, name, idx, n);
    if (count)
        *count = n;
    free(idx);
    return rc;
}

/* ------------------------------------------------------------- files */

/* Writes the file rel of d: b, or with a selection the feed it selects. */
static int write_file(struct govern_outdir *d, const char *rel, const struct govern_buf *b,
                      struct ical_ctx *ctx, const char *name, const struct selection *s,
                      size_t *count)
{
    struct govern_buf cal = GOVERN_BUF_INIT;
    int rc = 0;
    if (s) {
        rc = render_selection(&cal, ctx, name, s, count);
        b = &cal;
    }
    if (!rc)
        rc = govern_outdir_write(d, rel, b->ptr, b->len);
    govern_buf_free(&cal);
    return rc;
}

/* --output FILE: the directory holding FILE and its name. */
static int write_output(const char *file, struct ical_ctx *ctx, const char *name,
                        const struct selection *s)
{
    const char *slash = strrchr(file, '/');
    struct govern_buf dir = GOVERN_BUF_INIT;
    struct govern_outdir *d = NULL;
    int rc = !slash          ? govern_buf_puts(&dir, ".")
             : slash == file ? govern_buf_puts(&dir, "/")
                             : govern_buf_put(&dir, file, (size_t)(slash - file));
    if (!rc && !(rc = govern_outdir_open(&d, dir.ptr)))
        rc = write_file(d, slash ? slash + 1 : file, NULL, ctx, name, s, NULL);
    govern_outdir_free(d);
    govern_buf_free(&dir);
    return rc;
}

/* A file-name slug of a person's name, transliterated by ICU:
 * "Cllr Zoë O'Brien" -> "cllr-zoe-o-brien", "Llŷr Ŵyn" -> "llyr-wyn". */
static void name_slug(struct govern_buf *out, const char *name)
{
    size_t start = out->len;
    govern_name_slug(out, name);
    if (out->len == start)
        govern_buf_puts(out, "member");
}

struct feed_entry {
    char *file;
    char *name;
    const char *kind; /* "all", "committee", "member" */
    const char *key;  /* committee slug or member name */
    size_t events;
};

static int write_index(struct govern_outdir *dir, const struct govern_config *cfg,
                       const struct feed_entry *fe, size_t n)
{
    struct govern_buf html = GOVERN_BUF_INIT, title = GOVERN_BUF_INIT;
    int rc = govern_buf_printf(&title, "%s: meeting calendars", cfg->body);
    json_t *root = json_object(), *arr = json_array();
    if (!root || !arr) {
        json_decref(root);
        json_decref(arr);
        return govern_oom();
    }
    json_object_set_new(root, "body", json_string(cfg->body));
    json_object_set_new(root, "timezone", json_string(cfg->timezone));
    if (!rc)
        rc = govern_html_page_begin(&html, title.ptr);
    if (!rc) {
        rc = govern_buf_puts(&html, "<h1>");
        if (!rc)
            rc = govern_html_escape(&html, title.ptr);
        if (!rc)
            rc = govern_buf_puts(&html, "</h1>\n<p>Subscribe to a calendar by its address "
                                        "(iCalendar, refreshed hourly).</p>\n");
    }
    const char *last_kind = NULL;
    for (size_t i = 0; i < n && !rc; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "file", json_string(fe[i].file));
        json_object_set_new(o, "kind", json_string(fe[i].kind));
        json_object_set_new(o, "name", json_string(fe[i].name));
        if (!strcmp(fe[i].kind, "committee"))
            json_object_set_new(o, "committee", json_string(fe[i].key));
        else if (!strcmp(fe[i].kind, "member"))
            json_object_set_new(o, "member", json_string(fe[i].key));
        json_object_set_new(o, "events", json_integer((json_int_t)fe[i].events));
        json_array_append_new(arr, o);

        if (!last_kind || strcmp(last_kind, fe[i].kind)) {
            const char *h = !strcmp(fe[i].kind, "all")         ? "All meetings"
                            : !strcmp(fe[i].kind, "committee") ? "Committees"
                                                               : "Members";
            rc = govern_buf_printf(&html, "%s<h2>%s</h2>\n<ul>\n", last_kind ? "</ul>\n" : "", h);
            last_kind = fe[i].kind;
        }
        if (!rc)
            rc = govern_buf_puts(&html, "<li><a href=\"");
        if (!rc)
            rc = govern_html_escape(&html, fe[i].file);
        if (!rc)
            rc = govern_buf_puts(&html, "\" type=\"text/calendar\">");
        if (!rc)
            rc = govern_html_escape(&html, fe[i].key ? fe[i].key : fe[i].name);
        if (!rc)
            rc = govern_buf_printf(&html, "</a> (%zu meeting%s)</li>\n", fe[i].events,
                                   fe[i].events == 1 ? "" : "s");
    }
    if (!rc && last_kind)
        rc = govern_buf_puts(&html, "</ul>\n");
    if (!rc)
        rc = govern_html_page_end(&html);
    json_object_set_new(root, "calendars", arr);
    char *js = rc ? NULL : json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (!rc && !js)
        rc = govern_oom();
    if (!rc)
        rc = write_file(dir, "index.html", &html, NULL, NULL, NULL, NULL);
    if (!rc) {
        struct govern_buf jb = GOVERN_BUF_INIT;
        if (!(rc = govern_buf_printf(&jb, "%s\n", js)))
            rc = write_file(dir, "index.json", &jb, NULL, NULL, NULL, NULL);
        govern_buf_free(&jb);
    }
    free(js);
    json_decref(root);
    govern_buf_free(&html);
    govern_buf_free(&title);
    return rc;
}

static int add_entry(struct feed_entry **fe, size_t *n, size_t *cap, const char *kind,
                     const char *key)
{
    int rc = govern_array_grow(fe, cap, *n + 1, sizeof(**fe));
    if (rc)
        return rc;
    struct feed_entry *e = &(*fe)[(*n)++];
    memset(e, 0, sizeof(*e));
    e->kind = kind;
    e->key = key;
    return 0;
}

/* Sorts l and drops repeated strings. */
static void unique_sorted(struct govern_strlist *l)
{
    govern_strlist_sort(l);
    size_t w = 0;
    for (size_t r = 0; r < l->count; r++) {
        if (w && !strcmp(l->items[w - 1], l->items[r]))
            free(l->items[r]);
        else
            l->items[w++] = l->items[r];
    }
    l->count = w;
}

static int do_feeds(struct govern_invocation *inv, struct ical_ctx *ctx, const char *dirname,
                    const struct selection *base, bool index)
{
    const struct govern_model *m = ctx->model;
    const struct govern_config *cfg = m->config;
    struct govern_outdir *dir = NULL;
    int rc = govern_outdir_open(&dir, dirname);
    if (rc)
        return rc;
    struct feed_entry *fe = NULL;
    size_t n = 0, cap = 0;
    struct govern_strlist names = GOVERN_STRLIST_INIT;
    struct ical_name_set files = {0};
    struct govern_buf b = GOVERN_BUF_INIT;
    struct ical_feed_index x;
    if ((rc = ical_feed_index_build(&x, m))) {
        govern_outdir_free(dir);
        return rc;
    }
    rc = add_entry(&fe, &n, &cap, "all", NULL);
    if (!rc) {
        fe[0].file = govern_strdup("all.ics");
        if (!(rc = govern_buf_printf(&b, "%s: all meetings", cfg->body)))
            fe[0].name = govern_buf_detach(&b);
    }
    for (size_t i = 0; i < m->n_committees && !rc; i++) {
        const struct govern_committee *c = m->committees[i];
        if (!(rc = add_entry(&fe, &n, &cap, "committee", c->slug)) &&
            !(rc = govern_buf_printf(&b, "committee-%s.ics", c->slug))) {
            fe[n - 1].file = govern_buf_detach(&b);
            if (!(rc = govern_buf_printf(&b, "%s: %s", cfg->body, c->name)))
                fe[n - 1].name = govern_buf_detach(&b);
        }
        for (size_t k = 0; k < c->n_members && !rc; k++)
            rc = govern_strlist_add(&names, c->members[k].name);
    }
    unique_sorted(&names);
    for (size_t i = 0; i < names.count && !rc; i++) {
        if ((rc = add_entry(&fe, &n, &cap, "member", names.items[i])))
            break;
        govern_buf_puts(&b, "member-");
        name_slug(&b, names.items[i]);
        size_t stem = b.len;
        govern_buf_puts(&b, ".ics");
        for (int k = 2; ical_name_set_contains(&files, b.ptr); k++) {
            b.len = stem;
            govern_buf_printf(&b, "-%d.ics", k);
        }
        if ((rc = ical_name_set_add(&files, b.ptr)))
            break;
        fe[n - 1].file = govern_buf_detach(&b);
        if (!(rc = govern_buf_printf(&b, "%s: meetings of %s", cfg->body, names.items[i])))
            fe[n - 1].name = govern_buf_detach(&b);
    }
    for (size_t i = 0; i < n && !rc; i++) {
        if (!fe[i].file || !fe[i].name) {
            rc = govern_oom();
            break;
        }
        struct govern_strlist one = GOVERN_STRLIST_INIT;
        struct selection s = *base;
        size_t *mine = NULL;
        if (!strcmp(fe[i].kind, "committee")) {
            rc = govern_strlist_add(&one, fe[i].key);
            s.committees = &one;
            ical_feed_index_committee(&s.cand, &s.n_cand, &x, fe[i].key);
        } else if (!strcmp(fe[i].kind, "member")) {
            s.member = fe[i].key;
            if (!(rc = ical_feed_index_member(&mine, &s.n_cand, &x, fe[i].key)))
                s.cand = mine;
        }
        if (!rc)
            rc = write_file(dir, fe[i].file, NULL, ctx, fe[i].name, &s, &fe[i].events);
        free(mine);
        govern_strlist_free(&one);
        if (!rc)
            rc = govern_buf_printf(inv->out, "%s/%s\n", dirname, fe[i].file);
    }
    if (!rc && index)
        rc = write_index(dir, cfg, fe, n);
    if (!rc && index)
        rc = govern_buf_printf(inv->out, "%s/index.html\n%s/index.json\n", dirname, dirname);
    govern_outdir_free(dir);
    for (size_t i = 0; i < n; i++) {
        free(fe[i].file);
        free(fe[i].name);
    }
    free(fe);
    govern_buf_free(&b);
    govern_strlist_free(&names);
    ical_name_set_free(&files);
    ical_feed_index_free(&x);
    return rc;
}

/* ------------------------------------------------------------ command */

static int parse_date(govern_date *out, const char *opt, const char *v)
{
    if (govern_date_parse(out, v))
        return govern_error_prefix(GOVERN_EUSAGE, "--%s", opt);
    return 0;
}

static int calendar_name(struct govern_buf *b, const struct govern_model *m,
                         const struct selection *s)
{
    int rc = govern_buf_printf(b, "%s: ", m->config->body);
    if (!rc && s->member)
        rc = govern_buf_printf(b, "meetings of %s", s->member);
    if (!rc && s->committees && s->committees->count) {
        for (size_t i = 0; i < s->committees->count && !rc; i++)
            rc = govern_buf_printf(b, "%s%s", i || s->member ? (i ? ", " : " (") : "",
                                   govern_model_committee(m, s->committees->items[i])->name);
        if (!rc && s->member)
            rc = govern_buf_putc(b, ')');
    }
    if (!rc && !s->member && !(s->committees && s->committees->count))
        rc = govern_buf_puts(b, "all meetings");
    return rc;
}

/* Without a subcommand: the feeds. */
static int run(struct govern_invocation *inv)
{
    struct govern_args a;
    int rc = govern_args_parse(&a, opts, inv->argc, inv->argv);
    if (rc)
        return rc;
    const struct govern_model *model = NULL;
    struct govern_public *view = NULL;
    struct ical_ctx ctx = {0};
    struct govern_buf name = GOVERN_BUF_INIT;
    struct selection s = {govern_args_multi(&a, "committee"),
                          govern_args_get(&a, "member"),
                          GOVERN_DATE_NONE,
                          GOVERN_DATE_NONE,
                          NULL,
                          0};
    const char *v, *output = govern_args_get(&a, "output"), *feeds = govern_args_get(&a, "feeds");
    if ((rc = govern_args_positional(&a, 0, 0, USAGE)))
        goto out;
    if ((v = govern_args_get(&a, "from")) && (rc = parse_date(&s.from, "from", v)))
        goto out;
    if ((v = govern_args_get(&a, "to")) && (rc = parse_date(&s.to, "to", v)))
        goto out;
    if (s.from != GOVERN_DATE_NONE && s.to != GOVERN_DATE_NONE && s.to < s.from) {
        rc = govern_error_set(GOVERN_EUSAGE, "--to is before --from");
        goto out;
    }
    if (!feeds && govern_args_flag(&a, "no-index")) {
        rc = govern_error_set(GOVERN_EUSAGE, "--no-index goes with --feeds");
        goto out;
    }
    if (feeds && (output || s.member || (s.committees && s.committees->count))) {
        rc = govern_error_set(GOVERN_EUSAGE, "--feeds writes every feed: it takes no --output, "
                                             "--committee or --member");
        goto out;
    }
    if (s.member && !*s.member) {
        rc = govern_error_set(GOVERN_EUSAGE, "--member needs a name");
        goto out;
    }
    /* a feed is public: the public view's model (drafts and notes absent);
     * a feed shows no minutes, so none are read */
    struct govern_model_opts mo = GOVERN_MODEL_OPTS_INIT;
    mo.parts = GOVERN_MODEL_AGENDAS;
    if ((rc = govern_public_open(&view, inv->snap, inv->as_of)) ||
        (rc = govern_public_model_opts(&model, view, &mo)) ||
        (rc = govern_public_put_warnings(inv->err, view)))
        goto out;
    for (size_t i = 0; s.committees && i < s.committees->count; i++) {
        const char *slug = s.committees->items[i];
        if (!govern_model_committee(model, slug)) {
            rc = govern_committee_unknown(inv->snap, slug);
            goto out;
        }
    }
    if (s.member) {
        const char *found = NULL;
        if ((rc = resolve_member(&found, model, s.member)))
            goto out;
        s.member = found;
    }
    if ((rc = ical_ctx_init(&ctx, model, inv->store, inv->rev)))
        goto out;
    ctx.base_url = govern_args_get(&a, "base-url");
    if (feeds) {
        rc = do_feeds(inv, &ctx, feeds, &s, !govern_args_flag(&a, "no-index"));
        goto out;
    }
    if ((rc = calendar_name(&name, model, &s)))
        goto out;
    if (output)
        rc = write_output(output, &ctx, name.ptr, &s);
    else
        rc = render_selection(inv->out, &ctx, name.ptr, &s, NULL);
out:
    ical_ctx_clear(&ctx);
    govern_buf_free(&name);
    govern_public_free(view);
    govern_args_free(&a);
    return rc;
}

static const struct govern_subcommand subs[] = {
    {"import", "make or update meetings from an iCalendar file", NULL, ical_import_opts,
     GOVERN_CMD_STORE | GOVERN_CMD_WRITES, ical_import_run, NULL, "dry-run"},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

static const struct govern_command cmd_calendar = {
    .name = "calendar",
    .summary = "write iCalendar (RFC 5545) feeds of meetings",
    .usage = USAGE,
    .help = "Writes one VEVENT per meeting: UID is the meeting's stored uid, times carry\n"
            "TZID=Europe/London with a VTIMEZONE (UTC for other zones), meetings without a\n"
            "time are all-day, and a meeting without an end lasts two hours. Cancelled\n"
            "meetings stay in the feed with STATUS:CANCELLED; postponed ones are TENTATIVE.\n"
            "The description lists the published agenda's public item titles (exempt items\n"
            "by title and Schedule 12A paragraph only; a private meeting says only that it\n"
            "is held in private). DTSTAMP and LAST-MODIFIED are the time of the last commit\n"
            "that changed the meeting, so the same store gives the same bytes.\n"
            "--member NAME gives the meetings of every body NAME sits on, within the dates\n"
            "of each membership. --feeds DIR writes all.ics, committee-SLUG.ics,\n"
            "member-NAME.ics, index.html and index.json (see docs/calendar.md); a file\n"
            "whose bytes are unchanged is left alone. --base-url URL gives each event the\n"
            "URL URL/ID/ (the page `govern publish` makes), instead of govern.yaml's base_url;\n"
            "--no-index leaves out index.html and index.json (a site links the feeds).\n"
            "'calendar import FILE.ics --committee SLUG' makes a meeting of SLUG of every\n"
            "VEVENT, keeping its UID: importing again updates those meetings (a lower\n"
            "SEQUENCE than the stored one is stale and left alone; held meetings are never\n"
            "changed). Times in UTC or with a TZID are converted to the store's time zone.\n"
            "A malformed file is refused with FILE:LINE and nothing changes; all changes\n"
            "are one commit. --dry-run prints what would change.",
    .options = opts,
    .flags = GOVERN_CMD_STORE,
    .run = run,
    .subcommands = subs,
};

static int ical_init(struct govern_registry *reg, void **state)
{
    static const struct govern_public_output publics[] = {
        {"calendar", "", NULL},
        {"calendar", "--committee {committee}", NULL},
        {"calendar", "--feeds {dir}", NULL},
        {NULL, NULL, NULL},
    };
    *state = NULL;
    int rc = govern_register_command(reg, &cmd_calendar);
    if (!rc)
        rc = govern_register_public_outputs(reg, publics);
    if (!rc)
        rc = govern_register_command(reg, &ical_cmd_schedule);
    if (!rc)
        rc = govern_register_check(reg, &ical_check_committee_overlap);
    if (!rc)
        rc = govern_register_check(reg, &ical_check_member_overlap);
    return rc;
}

const struct govern_plugin govern_builtin_ical = {
    .abi_version = GOVERN_PLUGIN_ABI,
    .name = "ical",
    .version = NULL, /* govern's own (govern_version()) */
    .summary = "iCalendar feeds of meetings (govern calendar) and clash checks",
    .init = ical_init,
    .fini = NULL,
};
