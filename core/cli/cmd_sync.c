/*
 * govern sync: brings this clone and the council's remote together in one
 * command that either finishes or changes nothing (core/sync.c): fetch,
 * replay the unpushed commits onto the remote's branch renumbering ids the
 * remote allocated too, push, then move the branch and the work tree.
 * --setup only configures the clone's merge driver for plain git.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "govern/teamwork.h"

static const struct govern_opt opts[] = {
    {"setup", 0, GOVERN_OPT_FLAG, NULL,
     "configure git in this clone to merge records with govern merge-file; nothing else"},
    {NULL, 0, 0, NULL, NULL},
};

int cli_setup_merge(struct govern_store *store)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0)
        return govern_error_set(GOVERN_EIO, "cannot find the govern executable's path");
    self[n] = '\0';
    return govern_store_setup_merge(store, self);
}

static void print_report(struct govern_buf *out, const struct govern_sync_report *r)
{
    for (size_t i = 0; i < r->renumbered.count; i++) {
        const char *line = r->renumbered.items[i], *sp = strchr(line, ' ');
        govern_buf_printf(out, "Renumbered %.*s as %s (the remote had it already)\n",
                          (int)(sp - line), line, sp + 1);
    }
    if (!strcmp(r->old_head, r->new_head) && !r->pushed) {
        govern_buf_printf(out, "Already in step with %s (%.10s)\n", r->remote, r->new_head);
        return;
    }
    govern_buf_printf(out, "Synced with %s: %zu commit%s from there", r->remote, r->received,
                      r->received == 1 ? "" : "s");
    if (r->pushed)
        govern_buf_printf(out, ", %zu of yours pushed", r->replayed);
    if (r->skipped)
        govern_buf_printf(out, " (%zu already there)", r->skipped);
    govern_buf_printf(out, "; now at %.10s\n", r->new_head);
}

static int run(struct govern_invocation *inv)
{
    struct govern_args a;
    struct govern_sync_report r;
    int rc = govern_args_parse(&a, opts, inv->argc, inv->argv);
    if (rc)
        return rc;
    memset(&r, 0, sizeof(r));
    if ((rc = govern_args_positional(&a, 0, 1, cmd_sync.usage)))
        goto out;
    if (inv->rev) {
        rc = govern_error_set(GOVERN_EUSAGE, "--rev is for reading; sync changes the branch");
        goto out;
    }
    if (govern_args_flag(&a, "setup")) {
        if (!(rc = cli_setup_merge(inv->store)))
            govern_buf_printf(inv->out, "git in this clone now merges records with govern "
                                        "merge-file\n");
        goto out;
    }
    rc = govern_store_sync(&r, inv->store, a.positional.count ? a.positional.items[0] : NULL);
    if (!rc)
        print_report(inv->out, &r);
out:
    govern_sync_report_clear(&r);
    govern_args_free(&a);
    return rc;
}

const struct govern_command cmd_sync = {
    .name = "sync",
    .summary = "bring this clone and the council's remote together (fetch, replay, push)",
    .usage = "govern sync [REMOTE] [--setup]",
    .help = "Fetches REMOTE (default origin), replays this clone's commits that the remote\n"
            "lacks onto the remote's branch, pushes, and only then moves this clone's branch\n"
            "and work tree. Ids both sides allocated (actions, risks: any DIR/PREFIX-NNN.md)\n"
            "are renumbered on this side, and every mention of them (ACTION lines in minutes,\n"
            "referrals, logs, commit messages) is rewritten in the same commits; each\n"
            "renumbering is printed. A record both sides changed merges field by field; a\n"
            "field both set differently, approved minutes changed or cited ids renumbered, or\n"
            "a change to a file with uncommitted edits stops the sync with a message naming\n"
            "the file, the field and both commits, and nothing is changed. No network: says\n"
            "so and changes nothing. Interrupted (kill -9) at any point: the store is as\n"
            "before or as after; the next sync completes a push that was made.\n"
            "--setup configures git in this clone to merge records with 'govern merge-file'\n"
            "(for clerks who use git pull); govern init does it for a new store.\n"
            "See docs/teamwork.md.",
    .options = opts,
    .flags = GOVERN_CMD_STORE | GOVERN_CMD_WRITES,
    .run = run,
};
