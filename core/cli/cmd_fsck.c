/*
 * govern fsck [--repair]: what a crash (kill -9, power cut) can leave in a
 * store, in the spirit of git fsck: a lock naming a writer that died, git
 * lock files, an unfinished write (committed but the work tree and index
 * not brought forward, or never committed), temporary files, caches that
 * fail their checksum.  --repair repairs them.  Exit 0: nothing found, or
 * everything found was repaired; 1: something remains.  See docs/fsck.md.
 */
#include <jansson.h>
#include <string.h>
#include "cli.h"

static const char *kind_name(enum govern_fsck_kind k)
{
    switch (k) {
    case GOVERN_FSCK_LOCK:
        return "lock";
    case GOVERN_FSCK_GIT_LOCK:
        return "git-lock";
    case GOVERN_FSCK_JOURNAL:
        return "journal";
    case GOVERN_FSCK_TEMP:
        return "temp";
    case GOVERN_FSCK_CACHE:
        return "cache";
    }
    return "?";
}

static int print_json(struct govern_invocation *inv, const struct govern_fsck_report *r)
{
    json_t *root = json_object(), *arr = json_array();
    for (size_t i = 0; i < r->count; i++) {
        json_t *j = json_object();
        json_object_set_new(j, "kind", json_string(kind_name(r->items[i].kind)));
        json_object_set_new(j, "path", json_string(r->items[i].path));
        json_object_set_new(j, "message", json_string(r->items[i].message));
        json_object_set_new(j, "repaired", json_boolean(r->items[i].repaired));
        json_array_append_new(arr, j);
    }
    json_object_set_new(root, "problems", arr);
    return govern_json_write(inv->out, root, 0);
}

static const struct govern_opt opts[] = {
    {"repair", 0, GOVERN_OPT_FLAG, NULL, "repair what was found"},
    {NULL, 0, 0, NULL, NULL},
};

static int run(struct govern_invocation *inv)
{
    static const char *const fmts[] = {"text", "json", NULL};
    const char *fmt;
    struct govern_args a;
    int rc = govern_args_parse(&a, opts, inv->argc, inv->argv);
    if (rc)
        return rc;
    bool repair = govern_args_flag(&a, "repair");
    rc = govern_args_positional(&a, 0, 0, cmd_fsck.usage);
    govern_args_free(&a);
    if (rc || (rc = cli_format(&fmt, inv, "text", fmts)))
        return rc;
    size_t n_caches;
    const struct govern_cache_kind *const *caches =
        govern_registry_caches(inv->registry, &n_caches);
    struct govern_fsck_report r;
    if ((rc = govern_store_fsck(&r, inv->store, repair, caches, n_caches)))
        return rc;
    size_t left = 0;
    for (size_t i = 0; i < r.count; i++)
        left += !r.items[i].repaired;
    if (!strcmp(fmt, "json")) {
        rc = print_json(inv, &r);
    } else {
        for (size_t i = 0; i < r.count; i++)
            govern_buf_printf(inv->out, "%s %s: %s\n", kind_name(r.items[i].kind), r.items[i].path,
                              r.items[i].message);
        govern_buf_printf(inv->err, "%zu problem%s found, %zu repaired%s\n", r.count,
                          r.count == 1 ? "" : "s", r.count - left,
                          left && !repair ? " (run 'govern fsck --repair')" : "");
    }
    govern_fsck_report_free(&r);
    return rc ? rc : left > 0;
}

const struct govern_command cmd_fsck = {
    .name = "fsck",
    .summary = "find and repair what a crashed write left in the store",
    .usage = "govern fsck [--repair] [--format text|json]",
    .help = "Looks for what a killed or crashed govern (or git) can leave, one line each:\n"
            "KIND PATH: message.  Kinds: lock (govern.lock names a writer that died), git-lock\n"
            "(a git *.lock file: removed when no process has it open and it is not brand new),\n"
            "journal (a write that committed but did not bring the work tree and index\n"
            "forward, or never committed), temp (a dead process's temporary file), cache (a\n"
            "cache in $GIT_DIR/govern/ that fails its checksum).  --repair repairs them;\n"
            "files a clerk edited since are never overwritten.  It waits for a running write.\n"
            "Exit code 0 when nothing was found or everything found was repaired, 1 when\n"
            "something remains, 2 on a usage error.  Every other command already completes an\n"
            "unfinished write first, and every write clears what a killed govern left.\n"
            "Every write also packs the loose objects once there are more than git's gc.auto\n"
            "(default 6700; 0 turns it off), as git gc --auto does, and nothing is lost.",
    .options = opts,
    .flags = GOVERN_CMD_STORE | GOVERN_CMD_WRITES | GOVERN_CMD_RAW,
    .run = run,
};
