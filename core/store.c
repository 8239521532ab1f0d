/*
 * The store's discovery and opening: finding the repository and the
 * directory holding govern.yaml in it (at the root, in a subdirectory, or
 * in a bare repository's HEAD), making a new store (govern init), the
 * paths users and files may name, and the store's private files under
 * $GIT_DIR/govern/ (derived, disposable: caches and indexes).  Reading is
 * store_snapshot.c's, writing store_txn.c's, history store_history.c's.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <git2.h>
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/model.h"
#include "govern/store.h"
#include "store_priv.h"

int store_git_fail(const char *what)
{
    const git_error *e = git_error_last();
    return govern_error_set(GOVERN_EGIT, "%s: %s", what,
                            e && e->message ? e->message : "git error");
}

/* prefix + "/" + path, or path when the store is at the root. */
char *store_full_path(const struct govern_store *s, const char *path)
{
    size_t pl = strlen(s->prefix), l = strlen(path);
    char *p = malloc(pl + l + 2);
    if (!p)
        return NULL;
    if (pl == 0) {
        memcpy(p, path, l + 1);
    } else if (l == 0) {
        memcpy(p, s->prefix, pl + 1);
    } else {
        memcpy(p, s->prefix, pl);
        p[pl] = '/';
        memcpy(p + pl + 1, path, l + 1);
    }
    return p;
}

int govern_path_check_segment(const char *what, const char *s)
{
    if (!s || !*s)
        return govern_error_set(GOVERN_EINVAL, "%s is empty", what);
    if (strlen(s) > 64)
        return govern_error_set(GOVERN_EINVAL, "%s '%.64s...' is too long (64 characters at most)",
                                what, s);
    if (s[0] == '/' || strstr(s, "..") || strchr(s, '/'))
        return govern_error_set(GOVERN_EINVAL,
                                "%s '%s' is not allowed: no '/', '..' or absolute paths", what, s);
    if (s[0] == '-' || s[0] == '.')
        return govern_error_set(GOVERN_EINVAL, "%s '%s' must start with a letter or digit", what,
                                s);
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return govern_error_set(
                GOVERN_EINVAL, "%s '%s' may hold only lower-case letters, digits and '-'", what, s);
    return 0;
}

int govern_path_check_relative(const char *what, const char *s)
{
    if (!s || !*s)
        return govern_error_set(GOVERN_EINVAL, "%s is empty", what);
    if (s[0] == '/')
        return govern_error_set(GOVERN_EINVAL, "%s '%s' must not be an absolute path", what, s);
    const char *p = s;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.') ||
            p[0] == '.')
            return govern_error_set(GOVERN_EINVAL,
                                    "%s '%s' is not allowed: no empty, '.', '..' or hidden parts",
                                    what, s);
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)p[i] < 0x20 || p[i] == '\\')
                return govern_error_set(GOVERN_EINVAL, "%s '%s' has a forbidden character", what,
                                        s);
        p += n;
        if (*p == '/' && !*++p)
            return govern_error_set(GOVERN_EINVAL, "%s '%s' must not end with '/'", what, s);
    }
    if (strlen(s) > 1024)
        return govern_error_set(GOVERN_EINVAL, "%s is too long", what);
    return 0;
}

/* --- opening --- */

static void store_free_fields(struct govern_store *s)
{
    git_repository_free(s->repo);
    free(s->prefix);
    free(s->workdir);
    free(s->gitdir);
}

void govern_store_free(struct govern_store *s)
{
    if (!s)
        return;
    store_free_fields(s);
    free(s);
    git_libgit2_shutdown();
}

static bool tree_has_config(git_tree *tree, const char *prefix)
{
    char path[PATH_MAX];
    git_tree_entry *e = NULL;
    snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "/" : "", GOVERN_CONFIG_FILE);
    if (git_tree_entry_bypath(&e, tree, path) != 0)
        return false;
    bool ok = git_tree_entry_type(e) == GIT_OBJECT_BLOB;
    git_tree_entry_free(e);
    return ok;
}

int store_head_tree(git_tree **out, git_repository *repo)
{
    git_object *obj = NULL;
    if (git_revparse_single(&obj, repo, "HEAD^{tree}") != 0)
        return store_git_fail("cannot read HEAD");
    *out = (git_tree *)obj;
    return 0;
}

/* In a bare repository: the store is at store_path, at the root, or in the
 * one top-level directory that holds govern.yaml. */
static int find_bare_prefix(struct govern_store *s, const char *store_path)
{
    git_tree *tree = NULL;
    int rc = store_head_tree(&tree, s->repo);
    if (rc)
        return rc;
    if (store_path) {
        if (*store_path && (rc = govern_path_check_relative("store path", store_path)))
            goto out;
        s->prefix = strdup(store_path);
        if (!tree_has_config(tree, store_path))
            rc = govern_error_set(GOVERN_ENOTFOUND, "no %s at '%s' in HEAD", GOVERN_CONFIG_FILE,
                                  store_path);
        goto out;
    }
    if (tree_has_config(tree, "")) {
        s->prefix = strdup("");
        goto out;
    }
    size_t n = git_tree_entrycount(tree), found = 0;
    for (size_t i = 0; i < n; i++) {
        const git_tree_entry *e = git_tree_entry_byindex(tree, i);
        if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
            continue;
        if (tree_has_config(tree, git_tree_entry_name(e))) {
            if (!found++)
                s->prefix = strdup(git_tree_entry_name(e));
        }
    }
    if (found != 1)
        rc = govern_error_set(GOVERN_ENOTFOUND,
                              found ? "more than one store in this repository: say which with "
                                      "--store PATH"
                                    : "not a governance store: no %s in this repository",
                              GOVERN_CONFIG_FILE);
out:
    git_tree_free(tree);
    return rc;
}

int govern_store_open(struct govern_store **out, const char *dir,
                      const struct govern_store_opts *opts)
{
    if (opts && (opts->version < 1 || opts->version > GOVERN_STORE_OPTS_VERSION))
        return govern_error_set(GOVERN_EINVAL,
                                "struct govern_store_opts version %u, but this govern reads %u: "
                                "start from GOVERN_STORE_OPTS_INIT",
                                opts->version, (unsigned)GOVERN_STORE_OPTS_VERSION);
    const char *store_path = opts ? opts->store_path : NULL;
    git_libgit2_init();
    /* libgit2 caches only trees under 4 KiB: a committee's tree of a
     * thousand meetings was inflated again for every path read through it */
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)1 << 20);
    struct govern_store *s = calloc(1, sizeof(*s));
    if (!s) {
        git_libgit2_shutdown();
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    int rc = 0;
    if (git_repository_open_ext(&s->repo, dir, 0, NULL) != 0) {
        rc = govern_error_set(GOVERN_ENOTFOUND,
                              "not a governance store: '%s' is not in a git repository (run "
                              "'govern init')",
                              dir);
        goto fail;
    }
    s->bare = git_repository_is_bare(s->repo);
    s->gitdir = strdup(git_repository_path(s->repo));
    if (s->bare) {
        if ((rc = find_bare_prefix(s, store_path)))
            goto fail;
    } else {
        const char *wd = git_repository_workdir(s->repo);
        char real_wd[PATH_MAX], real_dir[PATH_MAX];
        if (!realpath(wd, real_wd) || !realpath(dir, real_dir)) {
            rc = govern_error_set(GOVERN_EIO, "cannot resolve '%s': %s", dir, strerror(errno));
            goto fail;
        }
        size_t wl = strlen(real_wd);
        char cand[PATH_MAX];
        if (store_path) {
            if (*store_path && (rc = govern_path_check_relative("store path", store_path)))
                goto fail;
            snprintf(cand, sizeof(cand), "%s%s%s", real_wd, *store_path ? "/" : "", store_path);
        } else {
            /* walk up from dir to the work tree's root looking for govern.yaml */
            snprintf(cand, sizeof(cand), "%s", real_dir);
            for (;;) {
                char cfg[PATH_MAX + 16];
                struct stat st;
                snprintf(cfg, sizeof(cfg), "%s/%s", cand, GOVERN_CONFIG_FILE);
                if (lstat(cfg, &st) == 0 && S_ISREG(st.st_mode))
                    break;
                if (strlen(cand) <= wl) {
                    rc = govern_error_set(GOVERN_ENOTFOUND,
                                          "not a governance store: no %s in '%s' or above it "
                                          "(run 'govern init')",
                                          GOVERN_CONFIG_FILE, dir);
                    goto fail;
                }
                char *slash = strrchr(cand, '/');
                if (!slash || slash == cand) {
                    rc = govern_error_set(GOVERN_ENOTFOUND, "not a governance store: '%s'", dir);
                    goto fail;
                }
                *slash = '\0';
            }
        }
        if (strncmp(cand, real_wd, wl) != 0) {
            rc = govern_error_set(GOVERN_EINVAL, "store '%s' is outside the repository", cand);
            goto fail;
        }
        const char *rel = cand + wl;
        while (*rel == '/')
            rel++;
        s->prefix = strdup(rel);
        s->workdir = strdup(cand);
        if (!s->prefix || !s->workdir) {
            rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
            goto fail;
        }
    }
    *out = s;
    return 0;
fail:
    govern_store_free(s);
    return rc;
}

bool govern_store_is_bare(const struct govern_store *s)
{
    return s->bare;
}

const char *govern_store_prefix(const struct govern_store *s)
{
    return s->prefix;
}

const char *govern_store_workdir(const struct govern_store *s)
{
    return s->workdir;
}

int store_revparse(git_object **out, struct govern_store *s, const char *rev, const char *peel)
{
    char spec[512];
    snprintf(spec, sizeof(spec), "%s^{%s}", rev ? rev : "HEAD", peel);
    if (git_revparse_single(out, s->repo, spec) != 0)
        return govern_error_set(GOVERN_ENOTFOUND, "unknown revision '%s'", rev ? rev : "HEAD");
    return 0;
}

/* --- private files: $GIT_DIR/govern/NAME --- */

int store_private_write(const struct govern_store *s, const char *name, const char *data,
                        size_t len)
{
    char path[PATH_MAX], tmp[PATH_MAX + 32];
    snprintf(path, sizeof(path), "%sgovern", s->gitdir);
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return govern_error_set(GOVERN_EIO, "cannot create %s: %s", path, strerror(errno));
    snprintf(path, sizeof(path), "%sgovern/%s", s->gitdir, name);
    snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return govern_error_set(GOVERN_EIO, "cannot write %s: %s", tmp, strerror(errno));
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    if (close(fd) != 0 || off != len || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return govern_error_set(GOVERN_EIO, "cannot write %s: %s", path, strerror(e));
    }
    return 0;
}

/* --- making a store --- */

struct init_ctx {
    const char *config_text;
    const char *message;
};

static int init_fn(struct govern_change *c, struct govern_snapshot *head, void *ctx)
{
    struct init_ctx *ic = ctx;
    if (govern_snapshot_exists(head, GOVERN_CONFIG_FILE))
        return govern_error_set(GOVERN_EEXISTS, "already a governance store (%s is committed)",
                                GOVERN_CONFIG_FILE);
    int rc = govern_change_put(c, GOVERN_CONFIG_FILE, ic->config_text, strlen(ic->config_text));
    if (!rc)
        rc = govern_change_message(c, "%s", ic->message);
    return rc;
}

/* Without a repository yet: is there an author for the first commit (the
 * environment, or user.name and user.email in the global git config)?
 * Checked before anything is created, so a failed init leaves nothing. */
static int identity_known(void)
{
    const char *name = getenv("GOVERN_AUTHOR_NAME"), *email = getenv("GOVERN_AUTHOR_EMAIL");
    git_config *cfg = NULL, *snap = NULL;
    const char *v = NULL;
    bool has_name = name && *name, has_email = email && *email;
    if ((!has_name || !has_email) && git_config_open_default(&cfg) == 0 &&
        git_config_snapshot(&snap, cfg) == 0) {
        has_name = has_name || (git_config_get_string(&v, snap, "user.name") == 0 && *v);
        has_email = has_email || (git_config_get_string(&v, snap, "user.email") == 0 && *v);
    }
    git_config_free(snap);
    git_config_free(cfg);
    git_error_clear();
    if (has_name && has_email)
        return 0;
    return govern_error_set(GOVERN_EINVAL, "no author for the first commit: set git config "
                                           "--global user.name and user.email, or "
                                           "GOVERN_AUTHOR_NAME and GOVERN_AUTHOR_EMAIL; nothing "
                                           "was created");
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* Removes what a failed init created: the new directory, or the new .git. */
static void init_undo(const char *dir, bool made_dir, const char *gitdir)
{
    if (made_dir)
        nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    else if (gitdir)
        nftw(gitdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int govern_store_init(struct govern_store **out, const char *dir, const char *config_text,
                      const char *message)
{
    git_libgit2_init();
    struct govern_store *s = calloc(1, sizeof(*s));
    int rc = 0;
    bool made_dir = false;
    char *made_git = NULL;
    if (!s) {
        git_libgit2_shutdown();
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    if (mkdir(dir, 0777) == 0) {
        made_dir = true;
    } else if (errno != EEXIST) {
        rc = govern_error_set(GOVERN_EIO, "cannot create '%s': %s", dir, strerror(errno));
        goto fail;
    }
    if (git_repository_open_ext(&s->repo, dir, 0, NULL) != 0) {
        git_error_clear();
        if ((rc = identity_known()))
            goto fail;
        git_repository_init_options o;
        git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
        o.flags = GIT_REPOSITORY_INIT_MKPATH;
        o.initial_head = "main";
        if (git_repository_init_ext(&s->repo, dir, &o) != 0) {
            rc = store_git_fail("cannot create the repository");
            goto fail;
        }
        if (!(made_git = strdup(git_repository_path(s->repo)))) {
            rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
            goto fail;
        }
    }
    if (git_repository_is_bare(s->repo)) {
        rc = govern_error_set(GOVERN_EINVAL, "cannot init a store in a bare repository");
        goto fail;
    }
    char real_wd[PATH_MAX], real_dir[PATH_MAX];
    if (!realpath(git_repository_workdir(s->repo), real_wd) || !realpath(dir, real_dir)) {
        rc = govern_error_set(GOVERN_EIO, "cannot resolve '%s': %s", dir, strerror(errno));
        goto fail;
    }
    size_t wl = strlen(real_wd);
    const char *rel = real_dir + wl;
    while (*rel == '/')
        rel++;
    s->prefix = strdup(rel);
    s->workdir = strdup(real_dir);
    s->gitdir = strdup(git_repository_path(s->repo));
    if (!s->prefix || !s->workdir || !s->gitdir) {
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        goto fail;
    }
    struct init_ctx ic = {config_text, message};
    struct govern_commit_info info;
    if ((rc = store_transact(&info, s, init_fn, &ic, true)))
        goto fail;
    free(made_git);
    *out = s;
    return 0;
fail:
    govern_store_free(s);
    if (made_dir || made_git)
        init_undo(dir, made_dir, made_git);
    free(made_git);
    return rc;
}
