/*
 * The records other plugins keep (decision notices, the action register,
 * the Forward Plan), read through the public outputs those plugins register
 * (their JSON form), never by linking them: publish sees exactly what their
 * own public outputs show.  A plugin that is not loaded leaves its part of
 * the site empty.
 */
#include <stdlib.h>
#include <string.h>
#include "publish.h"

const char *site_json_str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

int site_run(struct govern_buf *out, struct site *s, const char *format, int argc,
             const char **argv)
{
    void *state = NULL;
    const struct govern_command *cmd = govern_registry_command(s->inv->registry, argv[0], &state);
    if (!cmd)
        return GOVERN_ENOTFOUND;
    struct govern_invocation sub = *s->inv;
    struct govern_buf err = GOVERN_BUF_INIT;
    sub.argc = argc - 1;
    sub.argv = (char **)(argv + 1);
    sub.format = format;
    sub.color = false;
    sub.out = out;
    sub.err = &err;
    sub.state = state;
    sub.flush = NULL;
    /* as the CLI dispatches it: a subcommand (ABI 4) with its own options */
    const struct govern_subcommand *sc = NULL;
    int rc = govern_command_subcommand(&sc, cmd, sub.argc, sub.argv);
    if (!rc && sc) {
        struct govern_args args;
        if (!(rc = govern_args_parse(&args, sc->options, sub.argc, sub.argv))) {
            rc = sc->run(&sub, &args);
            govern_args_free(&args);
        }
    } else if (!rc) {
        rc = cmd->run ? cmd->run(&sub) : GOVERN_EUSAGE;
    }
    /* its warnings, each once: most are the public view's, said already */
    for (char *line = err.ptr, *nl; line && *line; line = nl + 1) {
        if (!(nl = strchr(line, '\n')))
            break;
        *nl = '\0';
        struct govern_buf *e = s->inv->err;
        if (!e->ptr || !strstr(e->ptr, line)) {
            *nl = '\n';
            govern_buf_put(e, line, (size_t)(nl - line + 1));
        }
    }
    govern_buf_free(&err);
    if (rc > 0)
        rc = govern_error_set(GOVERN_EPLUGIN, "govern %s found problems", argv[0]);
    return rc ? govern_error_prefix(rc, "publish: govern %s", argv[0]) : 0;
}

/* site_run with --format json; *out the parsed result, or NULL when no
 * plugin has the command. */
static int run_public(json_t **out, struct site *s, int argc, const char **argv)
{
    *out = NULL;
    struct govern_buf buf = GOVERN_BUF_INIT;
    int rc = site_run(&buf, s, "json", argc, argv);
    if (rc == GOVERN_ENOTFOUND && !govern_registry_command(s->inv->registry, argv[0], NULL))
        rc = 0;
    else if (!rc) {
        json_error_t e;
        if (!(*out = json_loadb(buf.ptr ? buf.ptr : "", buf.len, 0, &e)))
            rc = govern_error_set(GOVERN_EPLUGIN, "publish: govern %s --format json: %s", argv[0],
                                  e.text);
    }
    govern_buf_free(&buf);
    return rc;
}

static int by_date_desc(const void *a, const void *b)
{
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    const char *dx = site_json_str(x, "date"), *dy = site_json_str(y, "date");
    int c = strcmp(dy ? dy : "", dx ? dx : "");
    return c ? c : strcmp(site_json_str(x, "id"), site_json_str(y, "id"));
}

static int load_decisions(struct site *s)
{
    struct govern_strlist ids = GOVERN_STRLIST_INIT;
    int rc =
        govern_snapshot_list(&ids, govern_public_snapshot(s->view), "decisions", GOVERN_ENTRY_FILE);
    size_t n = 0;
    json_t **all = calloc(ids.count ? ids.count : 1, sizeof(*all));
    if (!all)
        rc = govern_oom();
    for (size_t i = 0; i < ids.count && !rc; i++) {
        size_t len = strlen(ids.items[i]);
        if (len < 4 || strcmp(ids.items[i] + len - 3, ".md"))
            continue;
        ids.items[i][len - 3] = '\0';
        const char *argv[] = {"decision", "show", ids.items[i], "--public"};
        json_t *d = NULL;
        rc = run_public(&d, s, 4, argv);
        if (rc == GOVERN_ENOMEM)
            break;
        if (rc && rc != GOVERN_ENOTFOUND) /* not published: ENOTFOUND, no public form */
            rc = govern_buf_printf(s->inv->err,
                                   "govern: warning: decisions/%s.md: %s; withheld from the "
                                   "site\n",
                                   ids.items[i], govern_error_last());
        else
            rc = 0;
        govern_error_clear();
        if (rc)
            break;
        if (d && site_json_str(d, "id"))
            all[n++] = d;
        else
            json_decref(d);
    }
    if (n)
        qsort(all, n, sizeof(*all), by_date_desc);
    s->decisions = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(s->decisions, all[i]);
    free(all);
    govern_strlist_free(&ids);
    return rc;
}

static const char *raised_at(const json_t *a)
{
    return site_json_str(json_object_get(a, "raised_in"), "meeting");
}

static int by_meeting(const void *x, const void *y)
{
    const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    int c = strcmp(raised_at(a), raised_at(b));
    const char *ia = site_json_str(a, "id"), *ib = site_json_str(b, "id");
    return c ? c : strcmp(ia ? ia : "", ib ? ib : ""); /* then by id: the same order every run */
}

/* The actions raised at meetings, sorted by meeting id: one binary search a
 * meeting page, not a pass over the register. */
static int index_actions(struct site *s)
{
    size_t n = json_array_size(s->actions), k = 0, i;
    json_t *a;
    if (!n)
        return 0;
    if (!(s->actions_by_meeting = malloc(n * sizeof(*s->actions_by_meeting))))
        return govern_oom();
    json_array_foreach(s->actions, i, a)
    {
        if (raised_at(a))
            s->actions_by_meeting[k++] = a;
    }
    s->n_actions_by_meeting = k;
    qsort(s->actions_by_meeting, k, sizeof(*s->actions_by_meeting), by_meeting);
    return 0;
}

int site_data_load(struct site *s)
{
    json_t *j = NULL;
    const char *act[] = {"actions", "--public", "--status", "all"};
    int rc = run_public(&j, s, 4, act);
    if (!rc && j) {
        s->actions = json_incref(json_object_get(j, "actions"));
        json_decref(j);
    }
    const char *fp[] = {"forward-plan", "--public", "--months", "24"};
    if (!rc && !(rc = run_public(&j, s, 4, fp)) && j) {
        s->fplan = json_incref(json_object_get(j, "entries"));
        json_decref(j);
    }
    if (!rc)
        rc = index_actions(s);
    if (!rc)
        rc = load_decisions(s);
    return rc;
}

void site_data_free(struct site *s)
{
    json_decref(s->actions);
    json_decref(s->decisions);
    json_decref(s->fplan);
    free(s->actions_by_meeting);
    s->actions_by_meeting = NULL;
    s->actions = s->decisions = s->fplan = NULL;
}

json_t *site_decisions_at(const struct site *s, const char *meeting_id)
{
    json_t *out = json_array(), *d;
    size_t i;
    json_array_foreach(s->decisions, i, d)
    {
        const char *m = site_json_str(d, "meeting");
        if (m && !strcmp(m, meeting_id))
            json_array_append(out, d);
    }
    return out;
}

json_t *site_actions_of(const struct site *s, const char *committee, const char *meeting_id)
{
    json_t *out = json_array(), *a;
    size_t i;
    if (meeting_id) { /* the first raised there, then those after it */
        size_t lo = 0, hi = s->n_actions_by_meeting;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(raised_at(s->actions_by_meeting[mid]), meeting_id) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < s->n_actions_by_meeting &&
               !strcmp(raised_at(s->actions_by_meeting[lo]), meeting_id);
             lo++)
            json_array_append(out, s->actions_by_meeting[lo]);
        return out;
    }
    json_array_foreach(s->actions, i, a)
    {
        const char *c = site_json_str(a, "committee");
        if (committee && c && !strcmp(c, committee))
            json_array_append(out, a);
    }
    return out;
}
