/*
 * govern undo: reverts the last change govern made from this clone, as a
 * new commit (like git revert), so history keeps both the mistake and its
 * correction.  Which change that is comes from the branch's reflog (see
 * govern_store_undo_find); a change already pushed is refused unless
 * --force, and the store refuses to touch approved minutes whatever asks.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const struct govern_opt opts[] = {
    {"force", 0, GOVERN_OPT_FLAG, NULL, "undo a change that was already pushed"},
    {"dry-run", 'n', GOVERN_OPT_FLAG, NULL, "say what would be undone; change nothing"},
    {NULL, 0, 0, NULL, NULL},
};

static int run(struct govern_invocation *inv)
{
    struct govern_args a;
    struct govern_undo u = {0};
    struct govern_commit_info info;
    int rc = govern_args_parse(&a, opts, inv->argc, inv->argv);
    if (rc)
        return rc;
    if ((rc = govern_args_positional(&a, 0, 0, cmd_undo.usage)))
        goto out;
    if ((rc = govern_store_undo_find(&u, inv->store)))
        goto out;
    if (u.first) {
        rc = govern_error_set(GOVERN_EINVAL,
                              "%.10s (%s) started the store: there is nothing "
                              "before it to go back to",
                              u.id, u.summary);
        goto out;
    }
    if (u.pushed && !govern_args_flag(&a, "force")) {
        rc = govern_error_set(GOVERN_EINVAL,
                              "%.10s (%s) has been pushed: others may have it. Undo it anyway "
                              "with --force (a new commit that reverts it), or correct the "
                              "record with the commands that edit it",
                              u.id, u.summary);
        goto out;
    }
    if (govern_args_flag(&a, "dry-run")) {
        govern_buf_printf(inv->out, "Would undo %.10s: %s\n", u.id, u.summary);
        goto out;
    }
    if ((rc = govern_store_revert(&info, inv->store, u.id)))
        goto out;
    govern_buf_printf(inv->out, "Undid %.10s: %s (commit %.10s)\n", u.id, u.summary, info.id);
out:
    govern_undo_clear(&u);
    govern_args_free(&a);
    return rc;
}

const struct govern_command cmd_undo = {
    .name = "undo",
    .summary = "undo the last change govern made from this clone (a new commit)",
    .usage = "govern undo [--dry-run] [--force]",
    .help = "Reverts the last change made with govern in this clone, as a new commit whose\n"
            "message says which commit it reverts; history keeps both. Run it again to undo\n"
            "the change before that. 'govern log' marks the change 'govern undo' would revert.\n"
            "The change is found in the branch's reflog (kept by git in each clone, never\n"
            "pushed): changes made by git itself, by govern in another clone, or already\n"
            "undone are skipped. Refused: a change that was pushed (reachable from a\n"
            "remote-tracking branch) unless --force; one that later changes overlap; one whose\n"
            "files have uncommitted edits; and one that would change approved minutes, which\n"
            "are the legal record (Sch 12 para 41 LGA 1972): the remedy is a new minute at a\n"
            "later meeting.",
    .options = opts,
    .flags = GOVERN_CMD_STORE | GOVERN_CMD_WRITES,
    .run = run,
};
