/*
 * govern hook: the council's server enforcing the rules.  `govern hook
 * pre-receive` is run by git on the server (hooks/pre-receive, which
 * `govern hook install` writes) with one "OLD NEW REF" line per updated
 * ref on standard input.  It refuses the whole push, naming every reason,
 * when the store's branch would: be deleted or rewritten (not a
 * fast-forward); change or delete approved minutes; delete a numbered
 * record (ids are never reused); or gain a problem that govern check
 * reports as an error (a file that does not parse, a broken reference, an
 * exempt item without its paragraph, ...) that the old tip did not have.
 * Tags that exist never move.  Only the paths the push changes are
 * compared for the first three; check compares the two tips.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "govern/teamwork.h"

static const char ZERO[] = "0000000000000000000000000000000000000000";

static bool is_zero(const char *id)
{
    return !strcmp(id, ZERO);
}

static bool approved(struct govern_store *s, const char *rev, const char *path)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    struct govern_doc *doc = NULL;
    bool yes = false;
    if (govern_store_read_at(&b, s, rev, path) == 0 &&
        govern_doc_parse(&doc, path, b.ptr ? b.ptr : "", b.len) == 0) {
        const struct govern_node *st = govern_node_get(doc->meta, "status");
        yes = st && st->kind == GOVERN_NODE_SCALAR && !strcmp(st->scalar, "approved");
    }
    govern_error_clear();
    govern_doc_free(doc);
    govern_buf_free(&b);
    return yes;
}

static bool exists_at(struct govern_store *s, const char *rev, const char *path)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    bool yes = govern_store_read_at(&b, s, rev, path) == 0;
    govern_error_clear();
    govern_buf_free(&b);
    return yes;
}

static bool numbered_dir(const char *path)
{
    return !strncmp(path, "actions/", 8) || !strncmp(path, "risks/", 6);
}

/* The rules that look at the paths a push changes. */
static int check_paths(struct govern_buf *why, struct govern_store *s, const char *old,
                       const char *new)
{
    struct govern_strlist paths = GOVERN_STRLIST_INIT;
    int rc = govern_store_diff_paths(&paths, s, old, new);
    for (size_t i = 0; !rc && i < paths.count; i++) {
        const char *p = paths.items[i];
        size_t n = strlen(p);
        bool gone = !exists_at(s, new, p);
        if (n > 11 && !strcmp(p + n - 11, "/minutes.md") && approved(s, old, p))
            rc = govern_buf_printf(why,
                                   "%s: approved minutes are the legal record and cannot be %s "
                                   "(a correction is a new minute at a later meeting)\n",
                                   p, gone ? "deleted" : "changed");
        else if (gone && numbered_dir(p))
            rc = govern_buf_printf(why,
                                   "%s: deleted; records are never deleted and their ids never "
                                   "reused (use status dropped)\n",
                                   p);
    }
    govern_strlist_free(&paths);
    return rc;
}

static bool diag_in(const struct govern_diags *d, const struct govern_diag *x)
{
    for (size_t i = 0; i < d->count; i++) {
        const struct govern_diag *y = &d->items[i];
        if (!strcmp(x->rule, y->rule) && !strcmp(x->message, y->message) &&
            (x->path ? y->path && !strcmp(x->path, y->path) : !y->path))
            return true;
    }
    return false;
}

static int collect(struct govern_diags *d, struct govern_invocation *inv, struct govern_store *s,
                   const char *rev)
{
    struct govern_snapshot *snap = NULL;
    struct govern_model *m = NULL;
    int rc = govern_store_snapshot(&snap, s, rev);
    if (!rc)
        rc = cli_check_collect(d, &m, inv->registry, snap, s, inv->as_of);
    govern_model_free(m);
    govern_snapshot_free(snap);
    return rc;
}

/* govern check's errors at new that old did not have. */
static int check_rules(struct govern_buf *why, struct govern_invocation *inv,
                       struct govern_store *s, const char *old, const char *new)
{
    struct govern_diags dn = {0}, dold = {0};
    int rc = collect(&dn, inv, s, new);
    bool errors = false;
    for (size_t i = 0; !rc && i < dn.count; i++)
        errors |= strncmp(dn.items[i].message, "warning:", 8) != 0;
    /* the old tip is checked only to tell new problems from old ones */
    if (!rc && errors && !is_zero(old))
        rc = collect(&dold, inv, s, old);
    for (size_t i = 0; !rc && i < dn.count; i++) {
        const struct govern_diag *x = &dn.items[i];
        if (!strncmp(x->message, "warning:", 8) || diag_in(&dold, x))
            continue;
        rc = govern_buf_printf(why, "%s:%d: [%s] %s\n", x->path ? x->path : GOVERN_CONFIG_FILE,
                               x->line, x->rule, x->message);
    }
    govern_diags_free(&dn);
    govern_diags_free(&dold);
    return rc;
}

static int check_update(struct govern_buf *why, struct govern_invocation *inv,
                        struct govern_store *s, const char *branch, const char *old,
                        const char *new, const char *ref)
{
    if (!strncmp(ref, "refs/tags/", 10)) {
        if (!is_zero(old))
            return govern_buf_printf(why, "%s: tags record approvals and never move or go\n", ref);
        return 0;
    }
    if (strcmp(ref, branch))
        return 0;
    if (is_zero(new))
        return govern_buf_printf(why, "%s: the store's branch cannot be deleted\n", ref);
    bool ff = true;
    int rc = is_zero(old) ? 0 : govern_store_is_ancestor(&ff, s, old, new);
    if (rc)
        return rc;
    if (!ff)
        return govern_buf_printf(why,
                                 "%s: the push rewrites history others have (not a "
                                 "fast-forward): run govern sync, which replays your changes\n",
                                 ref);
    if (!is_zero(old) && (rc = check_paths(why, s, old, new)))
        return rc;
    return check_rules(why, inv, s, old, new);
}

static int pre_receive(struct govern_invocation *inv, struct govern_args *a)
{
    struct govern_store *s = NULL;
    struct govern_buf why = GOVERN_BUF_INIT;
    char *branch = NULL, line[2048];
    (void)a;
    int rc = govern_store_open(&s, ".", NULL);
    if (rc) {
        /* an empty repository holds no store yet: nothing to protect */
        govern_buf_printf(inv->err, "govern: no store on this server yet (%s): push accepted\n",
                          govern_error_last());
        govern_error_clear();
        return 0;
    }
    if (!(rc = govern_store_quarantine(s)))
        rc = govern_store_branch(&branch, s);
    while (!rc && fgets(line, sizeof(line), stdin)) {
        char old[64], new[64], ref[1024];
        if (sscanf(line, "%63s %63s %1023s", old, new, ref) != 3 || strlen(old) != 40 ||
            strlen(new) != 40) {
            rc = govern_error_set(GOVERN_EINVAL, "standard input: not 'OLD NEW REF': %s", line);
            break;
        }
        rc = check_update(&why, inv, s, branch, old, new, ref);
    }
    if (!rc && why.len) {
        govern_buf_printf(inv->err, "govern: push refused: it breaks the store's rules:\n%s",
                          why.ptr);
        rc = 1;
    }
    govern_buf_free(&why);
    free(branch);
    govern_store_free(s);
    return rc;
}

static int install(struct govern_invocation *inv, struct govern_args *a)
{
    char self[PATH_MAX], path[PATH_MAX + 32], tmp[PATH_MAX + 48];
    if (a->positional.count != 2)
        return govern_error_set(GOVERN_EUSAGE, "usage: %s", cmd_hook.usage);
    const char *dir = a->positional.items[1];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0)
        return govern_error_set(GOVERN_EIO, "cannot find the govern executable's path");
    self[n] = '\0';
    if (strchr(self, '\''))
        return govern_error_set(GOVERN_EINVAL, "cannot quote the path '%s'", self);
    snprintf(path, sizeof(path), "%s/hooks", dir);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
        (snprintf(tmp, sizeof(tmp), "%s/objects", dir), stat(tmp, &st) != 0))
        return govern_error_set(GOVERN_ENOTFOUND, "%s is not a git directory", dir);
    mkdir(path, 0777);
    snprintf(path, sizeof(path), "%s/hooks/pre-receive", dir);
    snprintf(tmp, sizeof(tmp), "%s/hooks/.pre-receive.govern.tmp", dir);
    FILE *f = fopen(tmp, "we");
    bool ok = f && fprintf(f,
                           "#!/bin/sh\n# Installed by govern hook install: refuses pushes that "
                           "break the store's rules.\nexec '%s' hook pre-receive\n",
                           self) > 0;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok || chmod(tmp, 0755) != 0 || rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        return govern_error_set(GOVERN_EIO, "cannot write %s: %s", path, strerror(e));
    }
    govern_buf_printf(inv->out, "Installed %s\n", path);
    return 0;
}

static const struct govern_subcommand subs[] = {
    {"pre-receive", "check a push (git runs it on the server, OLD NEW REF lines on stdin)", NULL,
     NULL, 0, pre_receive, NULL, NULL},
    {"install", "write GIT-DIR/hooks/pre-receive to run govern hook pre-receive", NULL, NULL, 0,
     install, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

const struct govern_command cmd_hook = {
    .name = "hook",
    .summary = "the council's server: refuse pushes that break the store's rules",
    .usage = "govern hook pre-receive\n"
             "       govern hook install GIT-DIR",
    .help = "'govern hook install GIT-DIR' writes GIT-DIR/hooks/pre-receive (GIT-DIR: the\n"
            "server's bare repository) to run 'govern hook pre-receive', which git runs with\n"
            "one 'OLD NEW REF' line per ref a push updates. The push is refused, with every\n"
            "reason shown to the clerk who pushed, when the store's branch would be deleted\n"
            "or rewritten (not a fast-forward), approved minutes would change or go, a record\n"
            "of actions/ or risks/ would be deleted (ids are never reused), or govern check\n"
            "would report an error the old tip did not have (a file that does not parse, a\n"
            "broken reference, an exempt item without its paragraph, ...; warnings pass);\n"
            "and when a tag that exists would move or go. Exit 0 accepts, 1 refuses. See\n"
            "docs/teamwork.md.",
    .subcommands = subs,
};
