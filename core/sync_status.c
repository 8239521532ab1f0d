/*
 * What a clerk and the council's server need to know about a store and its
 * remote, besides syncing: `govern status` (records changed here and not
 * pushed, records changed there since the last sync, minutes approved
 * there), the pieces of the pre-receive hook (the pushed objects in git's
 * quarantine, the paths a push changes), and the merge driver's git
 * configuration.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/error.h"
#include "govern/teamwork.h"
#include "sync_priv.h"

static int list_add(struct govern_status_list *l, const char *path, const char *commit)
{
    for (size_t i = 0; i < l->count; i++) {
        if (strcmp(l->items[i].path, path))
            continue;
        struct govern_buf b = GOVERN_BUF_INIT;
        if (govern_buf_printf(&b, "%s; %s", l->items[i].commits, commit))
            return GOVERN_ENOMEM;
        free(l->items[i].commits);
        l->items[i].commits = govern_buf_detach(&b);
        return 0;
    }
    struct govern_status_record *n = realloc(l->items, (l->count + 1) * sizeof(*n));
    if (!n)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    l->items = n;
    n[l->count].path = govern_strdup(path);
    n[l->count].commits = govern_strdup(commit);
    l->count++;
    return n[l->count - 1].path && n[l->count - 1].commits
               ? 0
               : govern_error_set(GOVERN_ENOMEM, "out of memory");
}

static int cmp_record(const void *a, const void *b)
{
    return strcmp(((const struct govern_status_record *)a)->path,
                  ((const struct govern_status_record *)b)->path);
}

/* The paths a diff touches under the store's prefix, relative to it. */
static int paths_under(struct govern_strlist *out, git_diff *diff, const char *prefix)
{
    size_t plen = strlen(prefix);
    int rc = 0;
    for (size_t i = 0; !rc && i < git_diff_num_deltas(diff); i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        const char *path = d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path;
        if (plen && (strncmp(path, prefix, plen) || path[plen] != '/'))
            continue;
        rc = govern_strlist_add(out, path + (plen ? plen + 1 : 0));
    }
    return rc;
}

static int diff_commit(struct govern_strlist *out, git_repository *repo, git_commit *c,
                       const char *prefix)
{
    git_commit *p = NULL;
    git_tree *pt = NULL, *ct = NULL;
    git_diff *diff = NULL;
    int rc = 0;
    if ((git_commit_parentcount(c) && (git_commit_parent(&p, c, 0) || git_commit_tree(&pt, p))) ||
        git_commit_tree(&ct, c) != 0 || git_diff_tree_to_tree(&diff, repo, pt, ct, NULL) != 0)
        rc = store_git_fail("cannot read a commit");
    if (!rc)
        rc = paths_under(out, diff, prefix);
    git_diff_free(diff);
    git_tree_free(pt);
    git_tree_free(ct);
    git_commit_free(p);
    return rc;
}

/* Records changed by the commits from reaches that hide does not. */
static int walk_records(struct govern_status_list *out, size_t *count, struct govern_store *s,
                        const git_oid *from, const git_oid *hide)
{
    git_revwalk *w = NULL;
    git_oid id;
    int rc = 0;
    *count = 0;
    if (git_revwalk_new(&w, s->repo) != 0 || git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL) != 0 ||
        git_revwalk_push(w, from) != 0 || (hide && git_revwalk_hide(w, hide) != 0))
        rc = store_git_fail("cannot walk the history");
    while (!rc && git_revwalk_next(&id, w) == 0) {
        git_commit *c = NULL;
        struct govern_strlist paths = GOVERN_STRLIST_INIT;
        char line[300], hex[11];
        if (git_commit_lookup(&c, s->repo, &id) != 0) {
            rc = store_git_fail("cannot read a commit");
            break;
        }
        (*count)++;
        git_oid_tostr(hex, sizeof(hex), &id);
        snprintf(line, sizeof(line), "%s %.200s", hex, git_commit_summary(c));
        rc = diff_commit(&paths, s->repo, c, s->prefix);
        for (size_t i = 0; !rc && i < paths.count; i++)
            rc = list_add(out, paths.items[i], line);
        govern_strlist_free(&paths);
        git_commit_free(c);
    }
    git_revwalk_free(w);
    if (out->count)
        qsort(out->items, out->count, sizeof(*out->items), cmp_record);
    return rc;
}

static bool approved_at(struct govern_store *s, const git_oid *commit, const char *path)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof(hex), commit);
    bool yes = govern_store_read_at(&b, s, hex, path) == 0 &&
               sync_minutes_approved(path, b.ptr ? b.ptr : "", b.len);
    govern_error_clear();
    govern_buf_free(&b);
    return yes;
}

static int status_compare(struct govern_status *out, struct govern_store *s, struct sync_refs *r)
{
    git_oid local, remote, p_old, p_new;
    if (git_reference_name_to_id(&local, s->repo, r->branch) != 0)
        return govern_error_set(GOVERN_ENOTFOUND, "%s has no commits", r->branch);
    out->has_remote_branch = git_reference_name_to_id(&remote, s->repo, r->tracking) == 0;
    out->sync_pending = sync_pending_read(s, &p_old, &p_new);
    int rc = walk_records(&out->unpushed, &out->ahead, s, &local,
                          out->has_remote_branch ? &remote : NULL);
    if (rc || !out->has_remote_branch)
        return rc;
    if ((rc = walk_records(&out->changed_there, &out->behind, s, &remote, &local)))
        return rc;
    for (size_t i = 0; i < out->changed_there.count && !rc; i++) {
        const char *p = out->changed_there.items[i].path;
        size_t n = strlen(p);
        if (n > 11 && !strcmp(p + n - 11, "/minutes.md") && approved_at(s, &remote, p) &&
            !approved_at(s, &local, p)) {
            char meeting[600];
            snprintf(meeting, sizeof(meeting), "%.*s", (int)(n - 11), p);
            rc = govern_strlist_add(&out->approved_there, meeting);
        }
    }
    return rc;
}

int govern_store_status(struct govern_status *out, struct govern_store *s, const char *remote,
                        bool offline)
{
    struct sync_refs r;
    memset(out, 0, sizeof(*out));
    int rc = sync_refs_open(&r, s, remote);
    if (!rc) {
        snprintf(out->remote, sizeof(out->remote), "%s", r.name);
        if (!offline) {
            if (sync_fetch(&r) == 0) {
                out->fetched = true;
            } else {
                out->fetch_error = govern_strdup(govern_error_last());
                govern_error_clear();
            }
        }
        rc = status_compare(out, s, &r);
    }
    sync_refs_close(&r);
    return rc;
}

static void list_clear(struct govern_status_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].path);
        free(l->items[i].commits);
    }
    free(l->items);
    memset(l, 0, sizeof(*l));
}

void govern_status_clear(struct govern_status *st)
{
    if (!st)
        return;
    free(st->fetch_error);
    list_clear(&st->unpushed);
    list_clear(&st->changed_there);
    govern_strlist_free(&st->approved_there);
    memset(st, 0, sizeof(*st));
}

/* --- the server's hook --- */

int govern_store_quarantine(struct govern_store *s)
{
    const char *dir = getenv("GIT_QUARANTINE_PATH");
    if (!dir || !*dir)
        dir = getenv("GIT_OBJECT_DIRECTORY");
    if (!dir || !*dir)
        return 0;
    git_odb *odb = NULL;
    int rc = 0;
    if (git_repository_odb(&odb, s->repo) != 0 || git_odb_add_disk_alternate(odb, dir) != 0)
        rc = store_git_fail("cannot read the pushed objects");
    git_odb_free(odb);
    return rc;
}

int govern_store_branch(char **out, struct govern_store *s)
{
    git_reference *head = NULL;
    *out = NULL;
    if (git_reference_lookup(&head, s->repo, "HEAD") != 0)
        return store_git_fail("cannot read HEAD");
    const char *t = git_reference_type(head) == GIT_REFERENCE_SYMBOLIC
                        ? git_reference_symbolic_target(head)
                        : "HEAD";
    *out = govern_strdup(t);
    git_reference_free(head);
    return *out ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
}

static int commit_tree(git_tree **out, struct govern_store *s, const char *hex)
{
    git_oid id;
    git_commit *c = NULL;
    *out = NULL;
    if (git_oid_fromstr(&id, hex) != 0)
        return govern_error_set(GOVERN_EINVAL, "'%s' is not a commit id", hex);
    if (git_oid_is_zero(&id))
        return 0;
    int rc = 0;
    if (git_commit_lookup(&c, s->repo, &id) != 0 || git_commit_tree(out, c) != 0)
        rc = store_git_fail("cannot read the pushed commit");
    git_commit_free(c);
    return rc;
}

int govern_store_diff_paths(struct govern_strlist *out, struct govern_store *s, const char *old_id,
                            const char *new_id)
{
    git_tree *a = NULL, *b = NULL;
    git_diff *diff = NULL;
    int rc = commit_tree(&a, s, old_id);
    if (!rc)
        rc = commit_tree(&b, s, new_id);
    if (!rc && git_diff_tree_to_tree(&diff, s->repo, a, b, NULL) != 0)
        rc = store_git_fail("cannot compare the two commits");
    if (!rc)
        rc = paths_under(out, diff, s->prefix);
    govern_strlist_sort(out);
    git_diff_free(diff);
    git_tree_free(a);
    git_tree_free(b);
    return rc;
}

int govern_store_is_ancestor(bool *out, struct govern_store *s, const char *a, const char *b)
{
    git_oid ia, ib;
    if (git_oid_fromstr(&ia, a) != 0 || git_oid_fromstr(&ib, b) != 0)
        return govern_error_set(GOVERN_EINVAL, "not a commit id");
    *out = git_oid_equal(&ia, &ib) || git_graph_descendant_of(s->repo, &ib, &ia) == 1;
    return 0;
}

/* --- the merge driver --- */

int govern_store_setup_merge(struct govern_store *s, const char *command)
{
    git_config *cfg = NULL, *local = NULL;
    struct govern_buf drv = GOVERN_BUF_INIT;
    int rc = 0;
    if (strchr(command, '\'') || strchr(command, '\n'))
        return govern_error_set(GOVERN_EINVAL, "cannot use '%s' as the merge driver's path",
                                command);
    if (govern_buf_printf(&drv, "'%s' merge-file %%O %%A %%B %%P", command))
        return GOVERN_ENOMEM;
    if (git_repository_config(&cfg, s->repo) != 0 ||
        git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) != 0 ||
        git_config_set_string(local, "merge.govern.name",
                              "govern: records merged field by field") != 0 ||
        git_config_set_string(local, "merge.govern.driver", drv.ptr) != 0 ||
        git_config_set_string(local, "merge.default", "govern") != 0)
        rc = store_git_fail("cannot configure the merge driver");
    govern_buf_free(&drv);
    git_config_free(local);
    git_config_free(cfg);
    return rc;
}
