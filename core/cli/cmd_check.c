/*
 * govern check: every file parses, and the rules of the trade hold (core
 * rules plus every rule a plugin registers).  Exit 0 clean, 1 problems.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"

/* Reports an agenda item's report file that is not there. */
static int check_reports(struct govern_diags *d, const struct govern_model *m,
                         struct govern_snapshot *snap)
{
    int rc = 0;
    for (size_t i = 0; i < m->n_meetings && !rc; i++) {
        const struct govern_agenda *a = m->agendas[i];
        for (size_t j = 0; a && j < a->n_items && !rc; j++) {
            const struct govern_agenda_item *it = &a->items[j];
            if (!it->report)
                continue;
            char path[1200];
            snprintf(path, sizeof(path), "%s/reports/%s", a->meeting, it->report);
            if (!govern_snapshot_exists(snap, path))
                rc =
                    govern_diags_add(d, a->path, it->line, "report",
                                     "item %zu '%s': report %s is missing", j + 1, it->title, path);
        }
    }
    return rc;
}

/* Directories govern would silently ignore: a top-level directory that is
 * neither reserved nor a committee, a directory in a committee that is not a
 * meeting id, a meeting directory without meeting.md. */
static int check_layout(struct govern_diags *d, struct govern_snapshot *snap)
{
    struct govern_strlist top = GOVERN_STRLIST_INIT;
    int rc = govern_snapshot_list(&top, snap, "", GOVERN_ENTRY_DIR);
    for (size_t i = 0; !rc && i < top.count; i++) {
        const char *name = top.items[i];
        char path[1200];
        if (govern_reserved_name(name))
            continue;
        snprintf(path, sizeof(path), "%s/committee.md", name);
        if (!govern_snapshot_exists(snap, path)) {
            rc = govern_diags_add(d, name, 0, "layout",
                                  "directory '%s' is not a committee (no committee.md): govern "
                                  "ignores it",
                                  name);
            continue;
        }
        if (govern_slug_check(name)) {
            rc = govern_diags_add(d, path, 0, "layout", "'%s' is not a valid committee slug: %s",
                                  name, govern_error_last());
            continue;
        }
        struct govern_strlist sub = GOVERN_STRLIST_INIT;
        rc = govern_snapshot_list(&sub, snap, name, GOVERN_ENTRY_DIR);
        for (size_t j = 0; !rc && j < sub.count; j++) {
            char id[600];
            snprintf(id, sizeof(id), "%s/%s", name, sub.items[j]);
            if (govern_meeting_id_check(id))
                rc = govern_diags_add(d, id, 0, "layout",
                                      "directory '%s' is not a meeting id (COMMITTEE/YYYY-MM-DD): "
                                      "govern ignores it",
                                      id);
            else {
                snprintf(path, sizeof(path), "%s/meeting.md", id);
                if (!govern_snapshot_exists(snap, path))
                    rc = govern_diags_add(d, id, 0, "layout",
                                          "meeting directory without meeting.md: govern ignores "
                                          "it");
            }
        }
        govern_strlist_free(&sub);
    }
    govern_strlist_free(&top);
    return rc;
}

/* Entries govern never reads: a symbolic link, FIFO, socket or device (or,
 * in a commit, a submodule) anywhere in the store's directories, named with
 * their path.  Three levels deep: SLUG/DIR/reports/ is the deepest record. */
static int check_filetypes(struct govern_diags *d, struct govern_snapshot *snap, const char *dir,
                           int depth)
{
    struct govern_strlist names = GOVERN_STRLIST_INIT;
    int rc = govern_snapshot_list(&names, snap, dir, GOVERN_ENTRY_OTHER | GOVERN_ENTRY_DIR);
    for (size_t i = 0; !rc && i < names.count; i++) {
        char path[1200];
        const char *kind = NULL;
        snprintf(path, sizeof(path), "%s%s%s", dir, *dir ? "/" : "", names.items[i]);
        if ((rc = govern_snapshot_entry_kind(&kind, snap, path)))
            break;
        if (kind)
            rc = govern_diags_add(d, path, 0, "filetype",
                                  "%s, not a regular file: govern never reads it (replace it "
                                  "with the file itself)",
                                  kind);
        else if (depth < 3)
            rc = check_filetypes(d, snap, path, depth + 1);
    }
    govern_strlist_free(&names);
    return rc;
}

int cli_check_collect(struct govern_diags *d, struct govern_model **mp, struct govern_registry *reg,
                      struct govern_snapshot *snap, struct govern_store *store, govern_date as_of)
{
    struct govern_model *m = NULL;
    int rc = govern_model_load(&m, snap, d);
    *mp = NULL;
    if (rc == GOVERN_EINVAL) {
        /* govern.yaml itself is broken: report it as a problem found */
        if ((rc = govern_diags_add_error(d, GOVERN_CONFIG_FILE)))
            govern_diags_free(d);
        return rc;
    } else if (rc) {
        govern_diags_free(d);
        return rc;
    }
    struct govern_check_ctx ctx = {m, snap, store, as_of, d};
    if (!(rc = govern_check_core(d, m, as_of)) &&
        !(rc = govern_check_minutes(d, m, snap, store, as_of)) &&
        !(rc = check_reports(d, m, snap)) && !(rc = check_layout(d, snap)) &&
        !(rc = check_filetypes(d, snap, "", 0)))
        rc = govern_registry_run_checks(reg, &ctx);
    if (rc) {
        govern_diags_free(d);
        govern_model_free(m);
        return rc;
    }
    govern_diags_sort(d);
    *mp = m;
    return 0;
}

static int run(struct govern_invocation *inv)
{
    static const char *const fmts[] = {"text", "json", NULL};
    const char *fmt;
    struct govern_args a;
    int rc = govern_args_parse(&a, NULL, inv->argc, inv->argv);
    if (rc)
        return rc;
    if ((rc = govern_args_positional(&a, 0, 0, cmd_check.usage)) ||
        (rc = cli_format(&fmt, inv, "text", fmts))) {
        govern_args_free(&a);
        return rc;
    }
    govern_args_free(&a);
    struct govern_diags d = {0};
    struct govern_model *m = NULL;
    if ((rc = cli_check_collect(&d, &m, inv->registry, inv->snap, inv->store, inv->as_of)))
        return rc;
    if (!strcmp(fmt, "json")) {
        json_t *root = json_object(), *arr = json_array();
        for (size_t i = 0; i < d.count; i++) {
            json_t *j = json_object();
            json_object_set_new(j, "path",
                                d.items[i].path ? json_string(d.items[i].path) : json_null());
            json_object_set_new(j, "line", json_integer(d.items[i].line));
            json_object_set_new(j, "rule", json_string(d.items[i].rule));
            json_object_set_new(j, "message", json_string(d.items[i].message));
            json_array_append_new(arr, j);
        }
        json_object_set_new(root, "problems", arr);
        rc = govern_json_write(inv->out, root, 0);
    } else {
        for (size_t i = 0; i < d.count; i++)
            govern_buf_printf(inv->out, "%s:%d: [%s] %s\n",
                              d.items[i].path ? d.items[i].path : GOVERN_CONFIG_FILE,
                              d.items[i].line, d.items[i].rule, d.items[i].message);
        if (m)
            govern_buf_printf(inv->err, "%zu problem%s in %zu committee%s and %zu meeting%s\n",
                              d.count, d.count == 1 ? "" : "s", m->n_committees,
                              m->n_committees == 1 ? "" : "s", m->n_meetings,
                              m->n_meetings == 1 ? "" : "s");
    }
    int problems = d.count > 0;
    govern_diags_free(&d);
    govern_model_free(m);
    return rc ? rc : problems;
}

const struct govern_command cmd_check = {
    .name = "check",
    .summary = "validate every file and the rules of the trade",
    .usage = "govern check [--format text|json] [--as-of DATE] [--rev REV]",
    .help = "Prints one line per problem: FILE:LINE: [RULE] message. Exit code 0 when the\n"
            "store is clean, 1 when problems were found.\n"
            "Core rules: every file parses (fields, dates, UTF-8, limits); agenda published\n"
            "at least the configured clear days before the meeting (and, for a scheduled\n"
            "meeting past its deadline, published at all); standard items present; exempt\n"
            "items name a Schedule 12A paragraph 1-7; urgent items give a reason; quorum not\n"
            "above the voting members serving; parent committees exist; calendar UIDs unique;\n"
            "attached reports exist; no symbolic link, FIFO, socket or device anywhere in\n"
            "the store (filetype: govern never reads them). Minutes: voting members present\n"
            "reach the quorum\n"
            "(quorum), no pecuniary interest without dispensation by a member who took part\n"
            "(interest), numbering, declarations and attendance (minutes), approved minutes\n"
            "unchanged since their tag (frozen), approved at the next suitable meeting\n"
            "(approval), votes (vote); meetings recorded as held (meeting-held). Plugins add\n"
            "rules of their own ('govern plugins'). Every rule, its law and its finding:\n"
            "docs/rules.md.",
    .options = NULL,
    .flags = GOVERN_CMD_STORE,
    .run = run,
};
