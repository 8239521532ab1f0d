/*
 * govern log [ID|SLUG|PATH]: the history of a record from git: when, who,
 * what changed.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"

static const struct govern_opt opts[] = {
    {"limit", 'n', GOVERN_OPT_VALUE, "N", "show at most N changes"},
    {NULL, 0, 0, NULL, NULL},
};

/* "2021-06-01 10:00 +0100" for people; RFC 3339 ("2021-06-01T10:00:00+01:00") for JSON. */
static void format_time(char *out, size_t n, int64_t t, int tz, bool rfc3339)
{
    time_t local = (time_t)(t + (int64_t)tz * 60);
    struct tm tm;
    gmtime_r(&local, &tm);
    char buf[32];
    strftime(buf, sizeof(buf), rfc3339 ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d %H:%M", &tm);
    snprintf(out, n, "%s%s%c%02d%s%02d", buf, rfc3339 ? "" : " ", tz < 0 ? '-' : '+', abs(tz) / 60,
             rfc3339 ? ":" : "", abs(tz) % 60);
}

static int run(struct govern_invocation *inv)
{
    static const char *const fmts[] = {"text", "json", NULL};
    const char *fmt;
    struct govern_args a;
    int rc = govern_args_parse(&a, opts, inv->argc, inv->argv);
    if (rc)
        return rc;
    size_t limit = 0;
    const char *v;
    struct govern_log log = {0};
    struct govern_undo undo = {0};
    bool have_undo = false;
    char path[1100] = "";
    if ((rc = govern_args_positional(&a, 0, 1, cmd_log.usage)) ||
        (rc = cli_format(&fmt, inv, "text", fmts)))
        goto out;
    if ((v = govern_args_get(&a, "limit"))) {
        char *end;
        long l = strtol(v, &end, 10);
        if (!*v || *end || l < 1) {
            rc = govern_error_set(GOVERN_EUSAGE, "--limit must be a positive number");
            goto out;
        }
        limit = (size_t)l;
    }
    if (a.positional.count) {
        const char *subject = a.positional.items[0];
        govern_error_clear();
        if (strchr(subject, '/') && govern_meeting_id_check(subject) == 0) {
            snprintf(path, sizeof(path), "%s", subject); /* a meeting: its whole directory */
        } else if (!strchr(subject, '/') && govern_slug_check(subject) == 0) {
            snprintf(path, sizeof(path), "%s/committee.md", subject);
            struct govern_committee *c = NULL;
            if ((rc = govern_committee_load(&c, inv->snap, subject)) == GOVERN_ENOTFOUND)
                snprintf(path, sizeof(path), "%s", subject); /* a directory such as actions */
            govern_committee_free(c);
            rc = 0;
        } else {
            if ((rc = govern_path_check_relative("path", subject)))
                goto out;
            snprintf(path, sizeof(path), "%s", subject);
        }
    }
    if ((rc = govern_store_log(&log, inv->store, inv->rev, path, limit)))
        goto out;
    /* the change 'govern undo' would revert (none when reading another revision) */
    have_undo = !inv->rev && govern_store_undo_find(&undo, inv->store) == 0;
    govern_error_clear();
    if (a.positional.count && log.count == 0) {
        rc = govern_error_set(GOVERN_ENOTFOUND, "no history for '%s'", a.positional.items[0]);
        goto out;
    }
    if (!strcmp(fmt, "json")) {
        json_t *arr = json_array();
        for (size_t i = 0; i < log.count; i++) {
            const struct govern_log_entry *e = &log.entries[i];
            json_t *j = json_object(), *paths = json_array();
            char when[40];
            format_time(when, sizeof(when), e->time, e->tz_offset, true);
            json_object_set_new(j, "commit", json_string(e->id));
            json_object_set_new(j, "date", json_string(when));
            json_object_set_new(j, "author", json_string(e->author));
            json_object_set_new(j, "summary", json_string(e->summary));
            json_object_set_new(j, "undo", json_boolean(have_undo && !strcmp(undo.id, e->id)));
            for (size_t k = 0; k < e->paths.count; k++)
                json_array_append_new(paths, json_string(e->paths.items[k]));
            json_object_set_new(j, "paths", paths);
            json_array_append_new(arr, j);
        }
        json_t *root = json_object();
        json_object_set_new(root, "subject", json_string(path));
        json_object_set_new(root, "changes", arr);
        rc = govern_json_write(inv->out, root, 0);
        goto out;
    }
    for (size_t i = 0; i < log.count; i++) {
        const struct govern_log_entry *e = &log.entries[i];
        char when[40];
        format_time(when, sizeof(when), e->time, e->tz_offset, false);
        bool last = have_undo && !strcmp(undo.id, e->id);
        govern_buf_printf(inv->out, "%s%.10s%s  %s  %s%s\n    %s\n", inv->color ? "\033[33m" : "",
                          e->id, inv->color ? "\033[0m" : "", when, e->author,
                          last ? "  (govern undo reverts this)" : "", e->summary);
        for (size_t k = 0; k < e->paths.count; k++)
            govern_buf_printf(inv->out, "      %s\n", e->paths.items[k]);
    }
out:
    govern_undo_clear(&undo);
    govern_log_free(&log);
    govern_args_free(&a);
    return rc;
}

const struct govern_command cmd_log = {
    .name = "log",
    .summary = "show the history of a record from git",
    .usage = "govern log [MEETING-ID|COMMITTEE|PATH] [--limit N] [--format text|json]",
    .help = "Without an argument, the history of the whole store. A meeting id gives the\n"
            "history of its directory (meeting, agenda, minutes, reports); a committee slug the\n"
            "history of its committee.md; any other path inside the store its own history.\n"
            "Each change shows the commit, when, who, the summary and the files it touched;\n"
            "the change 'govern undo' would revert is marked (JSON: \"undo\": true).",
    .options = opts,
    .flags = GOVERN_CMD_STORE,
    .run = run,
};
