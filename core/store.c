/*
 * The store: the only code that calls libgit2.
 *
 * Reads come from a snapshot, either the work tree (what a clerk edits by
 * hand) or the tree of a commit (--rev; bare repositories).  Writes are
 * transactions: under an flock on $GIT_DIR/govern.lock (so govern writers
 * queue instead of racing), the caller's callback builds a change set
 * against the branch head; the paths it touches must have no uncommitted
 * edits; blobs and a tree derived from the parent's tree with only those
 * paths make one commit, and the branch moves by compare-and-swap (a writer
 * outside govern, e.g. git itself, makes it retry).  Only after the branch
 * has moved are the work-tree files (written atomically, never through a
 * symlink) and the index entries of those paths updated.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <git2.h>
#include <linux/openat2.h>
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/model.h"
#include "govern/store.h"
#include "store_priv.h"

struct govern_snapshot {
    struct govern_store *store;
    git_tree *tree; /* NULL: the work tree */
};

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

static int head_tree(git_tree **out, git_repository *repo)
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
    int rc = head_tree(&tree, s->repo);
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

/* --- snapshots --- */

int govern_store_snapshot(struct govern_snapshot **out, struct govern_store *s, const char *rev)
{
    struct govern_snapshot *snap = calloc(1, sizeof(*snap));
    if (!snap)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    snap->store = s;
    if (rev || s->bare) {
        git_object *obj = NULL;
        char spec[512];
        snprintf(spec, sizeof(spec), "%s^{tree}", rev ? rev : "HEAD");
        if (git_revparse_single(&obj, s->repo, spec) != 0) {
            free(snap);
            return govern_error_set(GOVERN_ENOTFOUND, "unknown revision '%s'", rev ? rev : "HEAD");
        }
        snap->tree = (git_tree *)obj;
    }
    *out = snap;
    return 0;
}

void govern_snapshot_free(struct govern_snapshot *snap)
{
    if (!snap)
        return;
    git_tree_free(snap->tree);
    free(snap);
}

bool govern_snapshot_is_commit(const struct govern_snapshot *snap)
{
    return snap->tree != NULL;
}

const char *govern_file_kind(unsigned mode)
{
    mode_t m = (mode_t)mode;
    return S_ISREG(m)    ? NULL
           : S_ISDIR(m)  ? NULL
           : S_ISLNK(m)  ? "a symbolic link"
           : S_ISFIFO(m) ? "a FIFO"
           : S_ISSOCK(m) ? "a socket"
           : S_ISCHR(m)  ? "a character device"
           : S_ISBLK(m)  ? "a block device"
                         : "not a regular file";
}

/* lstat() of path in the store's work tree: the type of the entry itself,
 * never of what a link at its end points to.  Reading checks this before it
 * opens anything, so a FIFO, socket or device is never opened (a FIFO would
 * block the reader for ever); a link on the way is followed here, and
 * refused when the file is opened. */
static int worktree_lstat(const struct govern_store *s, const char *path, struct stat *st)
{
    size_t wl = strlen(s->workdir), l = strlen(path);
    char *fp = malloc(wl + l + 2);
    if (!fp) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(fp, s->workdir, wl);
    fp[wl] = '/';
    memcpy(fp + wl + 1, path, l + 1);
    int r = lstat(fp, st);
    int e = errno;
    free(fp);
    errno = e;
    return r;
}

/* Opens path under root without following any symlink on the way: one
 * openat2(RESOLVE_NO_SYMLINKS) where the kernel has it (Linux 5.6), else
 * one openat(O_NOFOLLOW) per component.  Either way a link anywhere on the
 * path fails with ELOOP. */
static int open_nofollow(const char *root, const char *path, int flags)
{
    int dfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return -1;
#ifdef SYS_openat2
    static volatile int no_openat2; /* set once the kernel (or a sandbox) refuses it */
    if (!no_openat2) {
        struct open_how how = {
            .flags = (uint64_t)(unsigned)(flags | O_NOFOLLOW | O_CLOEXEC),
            .mode = (flags & O_CREAT) ? 0666 : 0,
            .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
        };
        int fd = (int)syscall(SYS_openat2, dfd, path, &how, sizeof(how));
        if (fd >= 0 || (errno != ENOSYS && errno != EPERM)) {
            int e = errno;
            close(dfd);
            errno = e;
            return fd;
        }
        no_openat2 = 1;
    }
#endif
    char *copy = strdup(path), *save = NULL;
    if (!copy) {
        close(dfd);
        return -1;
    }
    int fd = -1;
    char *part = strtok_r(copy, "/", &save);
    while (part) {
        char *next = strtok_r(NULL, "/", &save);
        int f = next ? (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                     : (flags | O_NOFOLLOW | O_CLOEXEC);
        fd = openat(dfd, part, f, 0666);
        close(dfd);
        if (fd < 0)
            break;
        dfd = fd;
        part = next;
    }
    free(copy);
    return fd;
}

static int tree_entry_at(git_tree_entry **out, struct govern_snapshot *snap, const char *path)
{
    char *fp = store_full_path(snap->store, path);
    if (!fp)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    int e = git_tree_entry_bypath(out, snap->tree, fp);
    free(fp);
    return e;
}

int govern_snapshot_read(struct govern_buf *out, struct govern_snapshot *snap, const char *path)
{
    int rc = govern_path_check_relative("path", path);
    if (rc)
        return rc;
    govern_buf_clear(out);
    if (snap->tree) {
        git_tree_entry *e = NULL;
        if (tree_entry_at(&e, snap, path) != 0)
            return govern_error_set(GOVERN_ENOTFOUND, "%s: no such file", path);
        if (git_tree_entry_filemode(e) != GIT_FILEMODE_BLOB &&
            git_tree_entry_filemode(e) != GIT_FILEMODE_BLOB_EXECUTABLE) {
            git_tree_entry_free(e);
            return govern_error_set(GOVERN_EINVAL, "%s: not a regular file", path);
        }
        git_blob *blob = NULL;
        int g = git_blob_lookup(&blob, snap->store->repo, git_tree_entry_id(e));
        git_tree_entry_free(e);
        if (g != 0)
            return store_git_fail(path);
        git_object_size_t size = git_blob_rawsize(blob);
        if (size > GOVERN_DOC_MAX_BYTES) {
            git_blob_free(blob);
            return govern_error_set(GOVERN_EINVAL, "%s:1: file is too large (%llu bytes, limit %d)",
                                    path, (unsigned long long)size, GOVERN_DOC_MAX_BYTES);
        }
        rc = govern_buf_put(out, git_blob_rawcontent(blob), (size_t)size);
        git_blob_free(blob);
        return rc;
    }
    struct stat st;
    if (worktree_lstat(snap->store, path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return govern_error_set(GOVERN_ENOTFOUND, "%s: no such file", path);
        return govern_error_set(GOVERN_EIO, "%s: %s", path, strerror(errno));
    }
    if (S_ISLNK(st.st_mode))
        return govern_error_set(GOVERN_EINVAL, "%s: is a symbolic link (refused)", path);
    if (!S_ISREG(st.st_mode))
        return govern_error_set(GOVERN_EINVAL, "%s: is %s, not a regular file (refused)", path,
                                S_ISDIR(st.st_mode) ? "a directory" : govern_file_kind(st.st_mode));
    /* O_NONBLOCK: should it have become a FIFO since, the open must not hang */
    int fd = open_nofollow(snap->store->workdir, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return govern_error_set(GOVERN_ENOTFOUND, "%s: no such file", path);
        if (errno == ELOOP)
            return govern_error_set(GOVERN_EINVAL, "%s: is a symbolic link (refused)", path);
        return govern_error_set(GOVERN_EIO, "%s: %s", path, strerror(errno));
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return govern_error_set(GOVERN_EINVAL, "%s: not a regular file", path);
    }
    if (st.st_size > GOVERN_DOC_MAX_BYTES) {
        close(fd);
        return govern_error_set(GOVERN_EINVAL, "%s:1: file is too large (%lld bytes, limit %d)",
                                path, (long long)st.st_size, GOVERN_DOC_MAX_BYTES);
    }
    rc = govern_buf_grow(out, (size_t)st.st_size);
    while (!rc) {
        char tmp[16384];
        ssize_t n = read(fd, tmp, sizeof(tmp));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = govern_error_set(GOVERN_EIO, "%s: %s", path, strerror(errno));
            break;
        }
        if (n == 0)
            break;
        if (out->len + (size_t)n > GOVERN_DOC_MAX_BYTES) {
            rc = govern_error_set(GOVERN_EINVAL, "%s:1: file is too large", path);
            break;
        }
        rc = govern_buf_put(out, tmp, (size_t)n);
    }
    close(fd);
    return rc;
}

int govern_snapshot_read_record(struct govern_buf *out, struct govern_snapshot *snap,
                                const char *path, const char *fmt, ...)
{
    int rc = govern_snapshot_read(out, snap, path);
    if (rc != GOVERN_ENOTFOUND)
        return rc;
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    return govern_error_set(GOVERN_ENOTFOUND, "%s (no %s)", what, path);
}

bool govern_snapshot_exists(struct govern_snapshot *snap, const char *path)
{
    if (govern_path_check_relative("path", path))
        return false;
    if (snap->tree) {
        git_tree_entry *e = NULL;
        if (tree_entry_at(&e, snap, path) != 0)
            return false;
        git_tree_entry_free(e);
        return true;
    }
    /* Any entry exists, whatever its type: a record replaced by a symbolic
     * link, a FIFO or a device is reported when it is read (which refuses
     * it, naming the file) rather than ignored.  Nothing is opened.  A
     * linked directory on the way is not followed: nothing below it exists. */
    struct stat st;
    if (worktree_lstat(snap->store, path, &st) != 0)
        return false;
    const char *slash = strrchr(path, '/');
    if (!slash)
        return true;
    char *dir = strndup(path, (size_t)(slash - path));
    if (!dir)
        return false;
    int dfd = open_nofollow(snap->store->workdir, dir, O_RDONLY | O_DIRECTORY);
    free(dir);
    if (dfd < 0)
        return false;
    close(dfd);
    return true;
}

/* The tree of dir (relative to the store) in a snapshot of a commit: *out
 * NULL, and 0, when dir is absent or not a directory; *own says whether the
 * caller frees *out (the snapshot's own tree is not freed). */
static int subtree_at(git_tree **out, bool *own, struct govern_snapshot *snap, const char *dir)
{
    *out = NULL;
    *own = false;
    if (!*dir && !*snap->store->prefix) {
        *out = snap->tree;
        return 0;
    }
    git_tree_entry *e = NULL;
    if (tree_entry_at(&e, snap, dir) != 0)
        return 0;
    if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
        git_tree_entry_free(e);
        return 0;
    }
    int g = git_tree_lookup(out, snap->store->repo, git_tree_entry_id(e));
    git_tree_entry_free(e);
    if (g != 0) {
        *out = NULL;
        return store_git_fail(dir);
    }
    *own = true;
    return 0;
}

int govern_snapshot_list(struct govern_strlist *out, struct govern_snapshot *snap, const char *dir,
                         unsigned types)
{
    int rc = 0;
    if (*dir && (rc = govern_path_check_relative("directory", dir)))
        return rc;
    if (snap->tree) {
        git_tree *sub;
        bool own;
        if ((rc = subtree_at(&sub, &own, snap, dir)) || !sub)
            return rc;
        size_t n = git_tree_entrycount(sub);
        for (size_t i = 0; i < n && !rc; i++) {
            const git_tree_entry *e = git_tree_entry_byindex(sub, i);
            const char *name = git_tree_entry_name(e);
            if (name[0] == '.')
                continue;
            git_filemode_t mode = git_tree_entry_filemode(e);
            unsigned t = mode == GIT_FILEMODE_TREE ? GOVERN_ENTRY_DIR
                         : (mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE)
                             ? GOVERN_ENTRY_FILE
                             : GOVERN_ENTRY_OTHER; /* a symbolic link, a submodule */
            if (t & types)
                rc = govern_strlist_add(out, name);
        }
        if (own)
            git_tree_free(sub);
        if (!rc && (types & GOVERN_ENTRY_WORKTREE) && !snap->store->bare) {
            /* what the work tree holds too (untracked entries of any type) */
            struct govern_snapshot wt = {snap->store, NULL};
            struct govern_strlist more = GOVERN_STRLIST_INIT;
            rc = govern_snapshot_list(&more, &wt, dir, types & ~(unsigned)GOVERN_ENTRY_WORKTREE);
            for (size_t i = 0; !rc && i < more.count; i++)
                if (!govern_strlist_contains(out, more.items[i]))
                    rc = govern_strlist_add(out, more.items[i]);
            govern_strlist_free(&more);
        }
    } else {
        int fd = *dir ? open_nofollow(snap->store->workdir, dir, O_RDONLY | O_DIRECTORY)
                      : open(snap->store->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
            return 0;
        DIR *d = fdopendir(fd);
        if (!d) {
            close(fd);
            return govern_error_set(GOVERN_EIO, "%s: %s", dir, strerror(errno));
        }
        struct dirent *de;
        while (!rc && (de = readdir(d))) {
            if (de->d_name[0] == '.')
                continue;
            struct stat st;
            if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
                continue;
            unsigned t = S_ISDIR(st.st_mode)   ? GOVERN_ENTRY_DIR
                         : S_ISREG(st.st_mode) ? GOVERN_ENTRY_FILE
                                               : GOVERN_ENTRY_OTHER;
            if (t & types)
                rc = govern_strlist_add(out, de->d_name);
        }
        closedir(d);
    }
    govern_strlist_sort(out);
    return rc;
}

int govern_snapshot_entry_kind(const char **kind, struct govern_snapshot *snap, const char *path)
{
    *kind = NULL;
    int rc = govern_path_check_relative("path", path);
    if (rc)
        return rc;
    if (snap->tree) {
        git_tree_entry *e = NULL;
        if (tree_entry_at(&e, snap, path) != 0)
            return govern_error_set(GOVERN_ENOTFOUND, "%s: no such file", path);
        git_filemode_t mode = git_tree_entry_filemode(e);
        git_tree_entry_free(e);
        if (mode == GIT_FILEMODE_LINK)
            *kind = "a symbolic link";
        else if (mode == GIT_FILEMODE_COMMIT)
            *kind = "a submodule";
        return 0;
    }
    struct stat st;
    if (worktree_lstat(snap->store, path, &st) != 0)
        return govern_error_set(errno == ENOENT ? GOVERN_ENOTFOUND : GOVERN_EIO, "%s: %s", path,
                                strerror(errno));
    *kind = govern_file_kind(st.st_mode);
    return 0;
}

/* Names in a work-tree directory that are regular files (not hidden), in one
 * block: offsets into a single string pool, sorted bytewise. */
struct name_pool {
    char *chars;
    size_t len, cap;
    size_t *offs;
    size_t n, ncap;
};

static int pool_add(struct name_pool *p, const char *name)
{
    size_t l = strlen(name) + 1;
    if (p->len + l > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 4096;
        while (cap < p->len + l)
            cap *= 2;
        char *c = realloc(p->chars, cap);
        if (!c)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        p->chars = c;
        p->cap = cap;
    }
    if (p->n == p->ncap) {
        size_t cap = p->ncap ? p->ncap * 2 : 256;
        size_t *o = realloc(p->offs, cap * sizeof(*o));
        if (!o)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        p->offs = o;
        p->ncap = cap;
    }
    memcpy(p->chars + p->len, name, l);
    p->offs[p->n++] = p->len;
    p->len += l;
    return 0;
}

static int cmp_pool(const void *a, const void *b, void *chars)
{
    return strcmp((const char *)chars + *(const size_t *)a,
                  (const char *)chars + *(const size_t *)b);
}

static int each_file_worktree(struct govern_snapshot *snap, const char *dir, govern_file_fn fn,
                              void *ctx, struct govern_buf *buf)
{
    int fd = *dir ? open_nofollow(snap->store->workdir, dir, O_RDONLY | O_DIRECTORY)
                  : open(snap->store->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return govern_error_set(GOVERN_EIO, "%s: %s", dir, strerror(errno));
    }
    struct name_pool pool = {0};
    struct dirent *de;
    int rc = 0;
    while (!rc && (de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        unsigned char t = de->d_type;
        if (t == DT_UNKNOWN) {
            struct stat st;
            if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
                continue;
            t = S_ISREG(st.st_mode) ? DT_REG : DT_DIR;
        }
        if (t == DT_REG)
            rc = pool_add(&pool, de->d_name);
    }
    if (!rc && pool.n > 1)
        qsort_r(pool.offs, pool.n, sizeof(*pool.offs), cmp_pool, pool.chars);
    for (size_t i = 0; i < pool.n && !rc; i++) {
        const char *name = pool.chars + pool.offs[i];
        int f = openat(dirfd(d), name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (f < 0) {
            if (errno == ENOENT)
                continue; /* removed meanwhile */
            rc = govern_error_set(GOVERN_EIO, "%s/%s: %s", dir, name, strerror(errno));
            break;
        }
        struct stat st;
        if (fstat(f, &st) != 0 || !S_ISREG(st.st_mode)) {
            close(f);
            continue;
        }
        if (st.st_size > GOVERN_DOC_MAX_BYTES) {
            close(f);
            rc =
                govern_error_set(GOVERN_EINVAL, "%s/%s:1: file is too large (%lld bytes, limit %d)",
                                 dir, name, (long long)st.st_size, GOVERN_DOC_MAX_BYTES);
            break;
        }
        govern_buf_clear(buf);
        rc = govern_buf_grow(buf, (size_t)st.st_size + 1);
        if (!rc)
            buf->ptr[0] = '\0';
        while (!rc) {
            size_t room = buf->cap - buf->len - 1;
            if (room == 0 && (rc = govern_buf_grow(buf, 4096)))
                break;
            room = buf->cap - buf->len - 1;
            ssize_t n = read(f, buf->ptr + buf->len, room);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                rc = govern_error_set(GOVERN_EIO, "%s/%s: %s", dir, name, strerror(errno));
                break;
            }
            if (n == 0)
                break;
            buf->len += (size_t)n;
            buf->ptr[buf->len] = '\0';
            if (buf->len > GOVERN_DOC_MAX_BYTES)
                rc = govern_error_set(GOVERN_EINVAL, "%s/%s:1: file is too large", dir, name);
        }
        close(f);
        if (!rc)
            rc = fn(name, buf->ptr, buf->len, ctx);
    }
    closedir(d);
    free(pool.chars);
    free(pool.offs);
    return rc;
}

static int each_file_tree(struct govern_snapshot *snap, const char *dir, govern_file_fn fn,
                          void *ctx, struct govern_buf *buf)
{
    git_tree *sub;
    bool own;
    int rc = subtree_at(&sub, &own, snap, dir);
    if (rc || !sub)
        return rc;
    size_t n = git_tree_entrycount(sub);
    for (size_t i = 0; i < n && !rc; i++) {
        const git_tree_entry *e = git_tree_entry_byindex(sub, i);
        const char *name = git_tree_entry_name(e);
        git_filemode_t mode = git_tree_entry_filemode(e);
        if (name[0] == '.' || (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE))
            continue;
        git_blob *blob = NULL;
        if (git_blob_lookup(&blob, snap->store->repo, git_tree_entry_id(e)) != 0) {
            rc = store_git_fail(name);
            break;
        }
        git_object_size_t size = git_blob_rawsize(blob);
        if (size > GOVERN_DOC_MAX_BYTES)
            rc =
                govern_error_set(GOVERN_EINVAL, "%s/%s:1: file is too large (%llu bytes, limit %d)",
                                 dir, name, (unsigned long long)size, GOVERN_DOC_MAX_BYTES);
        govern_buf_clear(buf);
        if (!rc)
            rc = govern_buf_put(buf, git_blob_rawcontent(blob), (size_t)size);
        git_blob_free(blob);
        if (!rc)
            rc = fn(name, buf->ptr ? buf->ptr : (char *)"", buf->len, ctx);
    }
    if (own)
        git_tree_free(sub);
    return rc;
}

int govern_snapshot_each_file(struct govern_snapshot *snap, const char *dir, govern_file_fn fn,
                              void *ctx)
{
    int rc = 0;
    if (*dir && (rc = govern_path_check_relative("directory", dir)))
        return rc;
    struct govern_buf buf = GOVERN_BUF_INIT;
    if ((rc = govern_buf_grow(&buf, 4096)))
        return rc;
    rc = snap->tree ? each_file_tree(snap, dir, fn, ctx, &buf)
                    : each_file_worktree(snap, dir, fn, ctx, &buf);
    govern_buf_free(&buf);
    return rc;
}

const char *govern_snapshot_gitdir(const struct govern_snapshot *snap)
{
    return snap->store->gitdir;
}

/* Could the work-tree bytes of a file in dir differ from its blob while git
 * status calls it unmodified (end-of-line conversion, ident, filter
 * drivers)?  Conservative: any attributes file in the repository or in
 * $GIT_DIR/info, or a filter on a representative path, says "maybe". */
static bool worktree_may_filter(struct govern_store *s, const char *full_dir)
{
    char path[PATH_MAX];
    struct stat st;
    snprintf(path, sizeof(path), "%sinfo/attributes", s->gitdir);
    if (stat(path, &st) == 0)
        return true;
    /* .gitattributes in the work tree's root and every directory down to dir */
    const char *wd = git_repository_workdir(s->repo);
    size_t k = 0;
    for (;;) {
        snprintf(path, sizeof(path), "%s%.*s%s.gitattributes", wd, (int)k, full_dir, k ? "/" : "");
        if (lstat(path, &st) == 0)
            return true;
        if (!full_dir[k])
            break;
        const char *slash = strchr(full_dir + k + 1, '/');
        k = slash ? (size_t)(slash - full_dir) : strlen(full_dir);
    }
    git_filter_list *fl = NULL;
    snprintf(path, sizeof(path), "%s/X-0000-000.md", full_dir);
    if (git_filter_list_load(&fl, s->repo, NULL, path, GIT_FILTER_TO_WORKTREE,
                             GIT_FILTER_DEFAULT) != 0)
        return true;
    bool any = fl != NULL;
    git_filter_list_free(fl);
    return any;
}

/* A "clean stamp": after git status has found dir identical to HEAD, the
 * stat data of dir and of every file each_file would read, with the tree id
 * it was checked against, in $GIT_DIR/govern/.  While HEAD still has that
 * tree, dir's own stat data is unchanged (no name added, removed or
 * renamed) and every file's size, inode, mtime and ctime are unchanged, the
 * files are still those git status saw, so the check costs one fstatat per
 * file instead of a status.  Like git's index, it trusts only timestamps
 * older than the moment the stat data was taken (minus a second of slack
 * for coarse file-system clocks): a file changed in the same clock tick as
 * its previous change could keep its timestamps, so a stamp with a recent
 * timestamp is not written (the next read runs git status again). */
struct stamp_stat {
    uint64_t ino, dev;
    int64_t size, mtime_s, mtime_ns, ctime_s, ctime_ns;
    uint32_t mode, pad;
};

#define STAMP_MAGIC "GVSTAMP1"

static void stamp_of(struct stamp_stat *o, const struct stat *st)
{
    memset(o, 0, sizeof(*o));
    o->ino = st->st_ino;
    o->dev = st->st_dev;
    o->size = st->st_size;
    o->mtime_s = st->st_mtim.tv_sec;
    o->mtime_ns = st->st_mtim.tv_nsec;
    o->ctime_s = st->st_ctim.tv_sec;
    o->ctime_ns = st->st_ctim.tv_nsec;
    o->mode = st->st_mode;
}

static void stamp_path(char *out, size_t n, const struct govern_store *s, const char *fp)
{
    char name[256];
    size_t k = 0;
    for (const char *p = *fp ? fp : "."; *p && k + 1 < sizeof(name); p++)
        name[k++] = (*p == '/' || *p == '.') ? '_' : *p;
    name[k] = '\0';
    snprintf(out, n, "%sgovern/worktree-%s.stamp", s->gitdir, name);
}

static int open_workdir_dir(const struct govern_store *s, const char *dir)
{
    return *dir ? open_nofollow(s->workdir, dir, O_RDONLY | O_DIRECTORY)
                : open(s->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

bool store_stamp_intact(const char *data, size_t len)
{
    uint64_t sum;
    if (len < 80 || memcmp(data, STAMP_MAGIC, 8))
        return false;
    memcpy(&sum, data + len - 8, 8);
    return sum == govern_checksum64((const unsigned char *)data, len - 8);
}

/* Does the stamp vouch that the files of dir are still those of tree hex? */
static bool stamp_valid(const struct govern_store *s, const char *dir, const char *fp,
                        const char *hex)
{
    char path[PATH_MAX];
    stamp_path(path, sizeof(path), s, fp);
    struct govern_buf b = GOVERN_BUF_INIT;
    bool ok = false;
    int fd = open(path, O_RDONLY | O_CLOEXEC), dfd = -1;
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < 80 || st.st_size > (1 << 30) ||
        govern_buf_grow(&b, (size_t)st.st_size + 1) != 0)
        goto out;
    while (b.len < (size_t)st.st_size) {
        ssize_t n = read(fd, b.ptr + b.len, (size_t)st.st_size - b.len);
        if (n <= 0)
            goto out;
        b.len += (size_t)n;
    }
    const unsigned char *p = (const unsigned char *)b.ptr, *end = p + b.len - 8;
    uint64_t sum, count;
    uint32_t plen;
    memcpy(&sum, end, 8);
    if (sum != govern_checksum64(p, b.len - 8) || memcmp(p, STAMP_MAGIC, 8) ||
        memcmp(p + 8, hex, 40))
        goto out;
    p += 48;
    memcpy(&count, p, 8);
    memcpy(&plen, p + 8, 4);
    p += 12;
    if ((size_t)(end - p) < plen || plen != strlen(fp) || memcmp(p, fp, plen))
        goto out;
    p += plen;
    if ((dfd = open_workdir_dir(s, dir)) < 0 || fstat(dfd, &st) != 0)
        goto out;
    struct stamp_stat now, was;
    stamp_of(&now, &st);
    if ((size_t)(end - p) < sizeof(was))
        goto out;
    memcpy(&was, p, sizeof(was));
    p += sizeof(was);
    if (memcmp(&now, &was, sizeof(now)))
        goto out; /* a name was added, removed or renamed */
    for (uint64_t i = 0; i < count; i++) {
        uint16_t nl;
        if ((size_t)(end - p) < 2)
            goto out;
        memcpy(&nl, p, 2);
        p += 2;
        if ((size_t)(end - p) < (size_t)nl + 1 + sizeof(was) || p[nl] != '\0')
            goto out;
        const char *name = (const char *)p;
        p += nl + 1;
        memcpy(&was, p, sizeof(was));
        p += sizeof(was);
        if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            goto out;
        stamp_of(&now, &st);
        if (memcmp(&now, &was, sizeof(now)))
            goto out;
    }
    ok = p == end;
out:
    if (fd >= 0)
        close(fd);
    if (dfd >= 0)
        close(dfd);
    govern_buf_free(&b);
    return ok;
}

/* The stat data of dir and its files, taken before git status runs; NULL
 * (no stamp) when anything is too recent to be trusted or cannot be read. */
static int stamp_take(struct govern_buf *out, const struct govern_store *s, const char *dir,
                      const char *fp, const char *hex)
{
    struct timespec t0;
    clock_gettime(CLOCK_REALTIME, &t0);
    int64_t limit = (int64_t)t0.tv_sec - 1;
    int dfd = open_workdir_dir(s, dir);
    if (dfd < 0)
        return -1;
    DIR *d = fdopendir(dfd);
    if (!d) {
        close(dfd);
        return -1;
    }
    struct stat st;
    struct stamp_stat ss;
    uint64_t count = 0;
    uint32_t plen = (uint32_t)strlen(fp);
    int rc = -1;
    if (fstat(dirfd(d), &st) != 0 || st.st_ctim.tv_sec >= limit || st.st_mtim.tv_sec >= limit)
        goto out;
    stamp_of(&ss, &st);
    if (govern_buf_put(out, STAMP_MAGIC, 8) || govern_buf_put(out, hex, 40) ||
        govern_buf_put(out, (const char *)&count, 8) ||
        govern_buf_put(out, (const char *)&plen, 4) || govern_buf_put(out, fp, plen) ||
        govern_buf_put(out, (const char *)&ss, sizeof(ss)))
        goto out;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            goto out;
        if (!S_ISREG(st.st_mode))
            continue;
        if (st.st_ctim.tv_sec >= limit || st.st_mtim.tv_sec >= limit)
            goto out;
        size_t nl = strlen(de->d_name);
        uint16_t nl16 = (uint16_t)nl;
        stamp_of(&ss, &st);
        if (nl > 4000 || govern_buf_put(out, (const char *)&nl16, 2) ||
            govern_buf_put(out, de->d_name, nl + 1) ||
            govern_buf_put(out, (const char *)&ss, sizeof(ss)))
            goto out;
        count++;
    }
    memcpy(out->ptr + 48, &count, 8);
    rc = 0;
out:
    closedir(d);
    govern_error_clear();
    return rc;
}

/* Writes a finished stamp atomically; failures are ignored (it is a cache). */
static void stamp_write(const struct govern_store *s, const char *fp, struct govern_buf *b)
{
    char path[PATH_MAX], tmp[PATH_MAX + 32];
    uint64_t sum = govern_checksum64((const unsigned char *)b->ptr, b->len);
    if (govern_buf_put(b, (const char *)&sum, 8) != 0) {
        govern_error_clear();
        return;
    }
    snprintf(path, sizeof(path), "%sgovern", s->gitdir);
    mkdir(path, 0777);
    stamp_path(path, sizeof(path), s, fp);
    snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    size_t off = 0;
    while (off < b->len) {
        ssize_t n = write(fd, b->ptr + off, b->len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    if (close(fd) != 0 || off != b->len || rename(tmp, path) != 0)
        unlink(tmp);
}

/* The tree id of full path fp in HEAD ("" when absent or not a tree). */
static int head_dir_id(char out[41], struct govern_store *s, const char *fp)
{
    git_tree *tree = NULL;
    git_tree_entry *e = NULL;
    out[0] = '\0';
    int rc = head_tree(&tree, s->repo);
    if (rc)
        return rc;
    if (!*fp)
        git_oid_tostr(out, 41, git_tree_id(tree));
    else if (git_tree_entry_bypath(&e, tree, fp) == 0 && git_tree_entry_type(e) == GIT_OBJECT_TREE)
        git_oid_tostr(out, 41, git_tree_entry_id(e));
    git_tree_entry_free(e);
    git_tree_free(tree);
    return 0;
}

int govern_snapshot_tree_id(char out[41], bool *clean, struct govern_snapshot *snap,
                            const char *dir)
{
    int rc = 0;
    out[0] = '\0';
    *clean = false;
    if (*dir && (rc = govern_path_check_relative("directory", dir)))
        return rc;
    struct govern_store *s = snap->store;
    char *fp = store_full_path(s, dir);
    if (!fp)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    if (snap->tree) {
        git_tree_entry *e = NULL;
        if (!*fp)
            git_oid_tostr(out, 41, git_tree_id(snap->tree));
        else if (git_tree_entry_bypath(&e, snap->tree, fp) == 0 &&
                 git_tree_entry_type(e) == GIT_OBJECT_TREE)
            git_oid_tostr(out, 41, git_tree_entry_id(e));
        git_tree_entry_free(e);
        *clean = true;
    } else if (!(rc = head_dir_id(out, s, fp)) && out[0] && !worktree_may_filter(s, fp)) {
        if (stamp_valid(s, dir, fp, out)) {
            *clean = true;
        } else {
            /* git status decides; its verdict is stamped when it is clean */
            struct govern_buf stamp = GOVERN_BUF_INIT;
            bool stamped = stamp_take(&stamp, s, dir, fp, out) == 0;
            git_status_options so;
            git_status_list *sl = NULL;
            char spec[PATH_MAX], again[41];
            char *specs[1] = {spec};
            git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
            snprintf(spec, sizeof(spec), "%s/", fp);
            so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
            so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_INCLUDE_IGNORED |
                       GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
            so.pathspec.strings = specs;
            so.pathspec.count = *fp ? 1 : 0;
            if (git_status_list_new(&sl, s->repo, &so) != 0) {
                rc = store_git_fail("cannot read the status of the work tree");
            } else {
                *clean = git_status_list_entrycount(sl) == 0;
                git_status_list_free(sl);
                /* HEAD must not have moved while status ran */
                if (*clean && (rc = head_dir_id(again, s, fp)) == 0 && strcmp(again, out))
                    *clean = false;
                if (*clean && stamped)
                    stamp_write(s, fp, &stamp);
            }
            govern_buf_free(&stamp);
        }
    }
    if (!rc && !out[0])
        rc = govern_error_set(GOVERN_ENOTFOUND, "no directory '%s' in the tree", dir);
    if (rc)
        *clean = false;
    free(fp);
    return rc;
}

/* --- change sets --- */

static void change_free(struct govern_change *c)
{
    for (size_t i = 0; i < c->count; i++) {
        free(c->entries[i].path);
        free(c->entries[i].data);
        free(c->entries[i].expect);
    }
    free(c->entries);
    for (size_t i = 0; i < c->n_tags; i++) {
        free(c->tags[i].name);
        free(c->tags[i].message);
    }
    free(c->tags);
    free(c->message);
    memset(c, 0, sizeof(*c));
}

static struct change_entry *change_find(struct govern_change *c, const char *path)
{
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->entries[i].path, path) == 0)
            return &c->entries[i];
    return NULL;
}

static int change_set(struct govern_change *c, const char *path, const char *data, size_t len,
                      bool del)
{
    int rc = govern_path_check_relative("path", path);
    if (rc)
        return rc;
    char *copy = NULL;
    if (!del) {
        if (len > GOVERN_DOC_MAX_BYTES)
            return govern_error_set(GOVERN_EINVAL, "%s: content too large", path);
        /* the last line of defence: nothing is committed that no parser
         * would read back (every record is UTF-8 text without NUL) */
        if ((rc = govern_utf8_check(path, data ? data : "", len)))
            return govern_error_prefix(rc, "refusing to write it");
        copy = malloc(len + 1);
        if (!copy)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        memcpy(copy, data, len);
        copy[len] = '\0';
    }
    struct change_entry *e = change_find(c, path);
    if (e) {
        free(e->data);
        e->data = copy;
        e->len = len;
        return 0; /* a put after an adopt keeps the adoption's expected bytes */
    }
    if (c->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 8;
        struct change_entry *n = realloc(c->entries, cap * sizeof(*n));
        if (!n) {
            free(copy);
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        }
        c->entries = n;
        c->cap = cap;
    }
    e = &c->entries[c->count];
    if (!(e->path = strdup(path))) {
        free(copy);
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    e->data = copy;
    e->len = len;
    e->expect = NULL;
    e->expect_len = 0;
    e->adopt = false;
    e->skip_worktree = false;
    c->count++;
    return 0;
}

int govern_change_put(struct govern_change *c, const char *path, const char *data, size_t len)
{
    return change_set(c, path, data, len, false);
}

int govern_change_adopt(struct govern_change *c, const char *path, const char *data, size_t len,
                        const char *expected, size_t expected_len)
{
    if (!expected)
        return govern_error_set(GOVERN_EINVAL, "internal error: adopting %s without its bytes",
                                path ? path : "");
    if (expected_len > GOVERN_DOC_MAX_BYTES)
        return govern_error_set(GOVERN_EINVAL, "%s: content too large", path);
    int rc = change_set(c, path, data, len, false);
    if (rc)
        return rc;
    struct change_entry *e = change_find(c, path);
    char *copy = malloc(expected_len + 1);
    if (!copy)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    memcpy(copy, expected, expected_len);
    copy[expected_len] = '\0';
    free(e->expect);
    e->expect = copy;
    e->expect_len = expected_len;
    e->adopt = true;
    return 0;
}

int govern_change_delete(struct govern_change *c, const char *path)
{
    return change_set(c, path, NULL, 0, true);
}

const char *govern_change_get(struct govern_change *c, const char *path, bool *touched)
{
    struct change_entry *e = change_find(c, path);
    if (touched)
        *touched = e != NULL;
    return e ? e->data : NULL;
}

int govern_change_message(struct govern_change *c, const char *fmt, ...)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    char tmp[4096];
    vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    int rc = govern_buf_puts(&b, tmp);
    if (rc)
        return rc;
    free(c->message);
    c->message = govern_buf_detach(&b);
    return 0;
}

int govern_change_tag(struct govern_change *c, const char *name, const char *message)
{
    struct change_tag *t = realloc(c->tags, (c->n_tags + 1) * sizeof(*t));
    if (!t)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    c->tags = t;
    t[c->n_tags].name = strdup(name);
    t[c->n_tags].message = strdup(message);
    if (!t[c->n_tags].name || !t[c->n_tags].message) {
        free(t[c->n_tags].name);
        free(t[c->n_tags].message);
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    c->n_tags++;
    return 0;
}

/* --- writing --- */

static int signature(git_signature **out, git_repository *repo)
{
    const char *name = getenv("GOVERN_AUTHOR_NAME"), *email = getenv("GOVERN_AUTHOR_EMAIL");
    const char *when = getenv("GOVERN_COMMIT_TIME");
    git_signature *def = NULL;
    if (!name || !*name || !email || !*email) {
        if (git_signature_default(&def, repo) != 0)
            return govern_error_set(GOVERN_EINVAL,
                                    "no author for the commit: set git config user.name and "
                                    "user.email, or GOVERN_AUTHOR_NAME and GOVERN_AUTHOR_EMAIL");
        if (!name || !*name)
            name = def->name;
        if (!email || !*email)
            email = def->email;
    }
    int e;
    if (when && *when) {
        char *end;
        long long t = strtoll(when, &end, 10);
        if (*end || t < 0)
            e = -1;
        else
            e = git_signature_new(out, name, email, (git_time_t)t, 0);
    } else {
        e = git_signature_now(out, name, email);
    }
    git_signature_free(def);
    if (e != 0)
        return store_git_fail("cannot make the commit's signature");
    return 0;
}

int govern_store_author(char **name, struct govern_store *s)
{
    git_signature *sig = NULL;
    int rc = signature(&sig, s->repo);
    if (rc)
        return rc;
    *name = strdup(sig->name);
    git_signature_free(sig);
    return *name ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
}

int store_worktree_read(struct govern_buf *out, struct govern_store *s, const char *path)
{
    struct govern_snapshot wt = {s, NULL};
    return govern_snapshot_read(out, &wt, path);
}

/* Does the work-tree file at path hold exactly these bytes? */
static bool worktree_holds(const struct govern_store *s, const char *path, const char *bytes,
                           size_t len)
{
    struct govern_snapshot wt = {(struct govern_store *)s, NULL};
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = govern_snapshot_read(&b, &wt, path);
    bool same = !rc && b.len == len && (len == 0 || memcmp(b.ptr, bytes, len) == 0);
    govern_buf_free(&b);
    govern_error_clear();
    return same;
}

/* Refuses paths whose work-tree or index state differs from HEAD; an adopted
 * path must instead still hold the bytes the command read from it. */
static int check_clean(struct govern_store *s, const struct govern_change *c)
{
    if (s->bare)
        return 0;
    for (size_t i = 0; i < c->count; i++) {
        if (c->entries[i].adopt) {
            if (!worktree_holds(s, c->entries[i].path, c->entries[i].expect,
                                c->entries[i].expect_len))
                return govern_error_set(GOVERN_EDIRTY,
                                        "%s changed in the work tree while govern was reading it; "
                                        "nothing was committed: run the command again",
                                        c->entries[i].path);
            continue;
        }
        char *fp = store_full_path(s, c->entries[i].path);
        unsigned int flags = 0;
        if (!fp)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        int e = git_status_file(&flags, s->repo, fp);
        if (e == GIT_ENOTFOUND) {
            flags = 0;
        } else if (e != 0) {
            free(fp);
            return store_git_fail("cannot read the status of the work tree");
        }
        if (flags & ~(unsigned)GIT_STATUS_CURRENT) {
            const char *what = (flags & GIT_STATUS_WT_NEW)    ? "is new and not committed"
                               : (flags & GIT_STATUS_IGNORED) ? "is ignored by git"
                               : (flags & (GIT_STATUS_INDEX_NEW | GIT_STATUS_INDEX_MODIFIED |
                                           GIT_STATUS_INDEX_DELETED))
                                   ? "has staged changes"
                                   : "has uncommitted edits";
            govern_error_set(GOVERN_EDIRTY,
                             "%s %s; commit or discard them first (govern never overwrites "
                             "uncommitted work)",
                             fp, what);
            free(fp);
            return GOVERN_EDIRTY;
        }
        free(fp);
    }
    return 0;
}

static int mkdirs_nofollow(const char *root, const char *rel_dir)
{
    int dfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return -1;
    char *copy = strdup(rel_dir), *save = NULL;
    if (!copy) {
        close(dfd);
        return -1;
    }
    for (char *part = strtok_r(copy, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
        if (mkdirat(dfd, part, 0777) != 0 && errno != EEXIST)
            goto fail;
        int fd = openat(dfd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            goto fail;
        close(dfd);
        dfd = fd;
    }
    free(copy);
    return dfd;
fail:
    free(copy);
    close(dfd);
    return -1;
}

/* Writes one committed path into the work tree, atomically, never through a symlink. */
int store_worktree_put(const struct govern_store *s, const char *path, const char *data, size_t len)
{
    char *dir = strdup(path);
    if (!dir)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    char *slash = strrchr(dir, '/');
    const char *name = slash ? path + (slash - dir) + 1 : path;
    int dfd;
    if (slash) {
        *slash = '\0';
        dfd = mkdirs_nofollow(s->workdir, dir);
    } else {
        dfd = open(s->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    }
    free(dir);
    if (dfd < 0)
        return govern_error_set(GOVERN_EIO, "cannot write %s: %s", path, strerror(errno));
    char tmp[300];
    snprintf(tmp, sizeof(tmp), ".%s.govern-%ld.tmp", name, (long)getpid());
    int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    int rc = 0;
    if (fd < 0) {
        rc = govern_error_set(GOVERN_EIO, "cannot write %s: %s", path, strerror(errno));
    } else {
        size_t off = 0;
        while (off < len) {
            ssize_t n = write(fd, data + off, len - off);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                rc = govern_error_set(GOVERN_EIO, "cannot write %s: %s", path, strerror(errno));
                break;
            }
            off += (size_t)n;
        }
        if (close(fd) != 0 && !rc)
            rc = govern_error_set(GOVERN_EIO, "cannot write %s: %s", path, strerror(errno));
        if (!rc && renameat(dfd, tmp, dfd, name) != 0)
            rc = govern_error_set(GOVERN_EIO, "cannot write %s: %s", path, strerror(errno));
        if (rc)
            unlinkat(dfd, tmp, 0);
    }
    close(dfd);
    return rc;
}

void store_worktree_delete(const struct govern_store *s, const char *path)
{
    char *dir = strdup(path);
    if (!dir)
        return;
    char *slash = strrchr(dir, '/');
    int dfd;
    const char *name = path;
    if (slash) {
        *slash = '\0';
        name = path + (slash - dir) + 1;
        dfd = open_nofollow(s->workdir, dir, O_RDONLY | O_DIRECTORY);
    } else {
        dfd = open(s->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    }
    if (dfd >= 0) {
        unlinkat(dfd, name, 0);
        close(dfd);
    }
    /* remove directories left empty, up to the store */
    while (slash) {
        char full[PATH_MAX];
        snprintf(full, sizeof(full), "%s/%s", s->workdir, dir);
        if (rmdir(full) != 0)
            break;
        slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
    }
    free(dir);
}

/* Waits up to a second for git's lock file rel ($GIT_DIR-relative) to go: a
 * live git holds its locks for moments.  A dead govern writer's is removed
 * at once; one that nobody has open and that is older than two seconds is
 * reported at once, naming the file and the remedy. */
static int wait_git_lock(struct govern_store *s, const char *rel, const struct store_lock *l)
{
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        int rc = store_git_lock_check(s, rel, l);
        if (!rc)
            return 0;
        struct store_git_lock gl;
        clock_gettime(CLOCK_MONOTONIC, &t);
        if (t.tv_sec - t0.tv_sec + (t.tv_nsec - t0.tv_nsec) / 1e9 >= 1 ||
            (store_git_lock_stat(&gl, s, rel, l) && !gl.holder && gl.age > 2))
            return rc;
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

static int update_index(struct govern_store *s, const struct govern_change *c,
                        const struct store_lock *l)
{
    git_index *idx = NULL;
    if (git_repository_index(&idx, s->repo) != 0)
        return store_git_fail("cannot open the index");
    int rc = 0;
    for (int attempt = 0; attempt < 100; attempt++) {
        rc = 0;
        if (git_index_read(idx, 1) != 0) {
            rc = store_git_fail("cannot read the index");
            break;
        }
        for (size_t i = 0; i < c->count && !rc; i++) {
            if (c->entries[i].skip_worktree)
                continue;
            char *fp = store_full_path(s, c->entries[i].path);
            if (!fp) {
                rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
                break;
            }
            int e = c->entries[i].data ? git_index_add_bypath(idx, fp)
                                       : git_index_remove_bypath(idx, fp);
            free(fp);
            if (e != 0)
                rc = store_git_fail("cannot update the index");
        }
        if (rc)
            break;
        int e = git_index_write(idx);
        if (e == 0)
            break;
        if (e != GIT_ELOCKED) {
            rc = store_git_fail("cannot write the index");
            break;
        }
        if ((rc = wait_git_lock(s, "index.lock", l)))
            break;
    }
    git_index_free(idx);
    return rc;
}

static int empty_tree(git_tree **out, git_repository *repo)
{
    git_treebuilder *tb = NULL;
    git_oid id;
    if (git_treebuilder_new(&tb, repo, NULL) != 0 || git_treebuilder_write(&id, tb) != 0) {
        git_treebuilder_free(tb);
        return store_git_fail("cannot make an empty tree");
    }
    git_treebuilder_free(tb);
    if (git_tree_lookup(out, repo, &id) != 0)
        return store_git_fail("cannot read the empty tree");
    return 0;
}

/* The branch HEAD points at ("refs/heads/main"). */
static int head_branch(char **out, git_repository *repo)
{
    git_reference *head = NULL;
    if (git_reference_lookup(&head, repo, "HEAD") != 0)
        return store_git_fail("cannot read HEAD");
    if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
        git_reference_free(head);
        return govern_error_set(GOVERN_EINVAL,
                                "HEAD is detached: check out a branch before writing");
    }
    *out = strdup(git_reference_symbolic_target(head));
    git_reference_free(head);
    return *out ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
}

static int create_tags(git_repository *repo, const git_oid *commit_id, const git_signature *sig,
                       const struct govern_change *c, size_t *made)
{
    git_object *target = NULL;
    *made = 0;
    if (git_object_lookup(&target, repo, commit_id, GIT_OBJECT_COMMIT) != 0)
        return store_git_fail("cannot read the new commit");
    int rc = 0;
    for (size_t i = 0; i < c->n_tags && !rc; i++) {
        git_oid tag_id;
        char ref[512];
        git_reference *r = NULL;
        if (git_tag_annotation_create(&tag_id, repo, c->tags[i].name, target, sig,
                                      c->tags[i].message) != 0) {
            rc = store_git_fail("cannot make a tag");
            break;
        }
        snprintf(ref, sizeof(ref), "refs/tags/%s", c->tags[i].name);
        int e = git_reference_create(&r, repo, ref, &tag_id, 0, "govern: tag");
        git_reference_free(r);
        if (e == GIT_EEXISTS)
            rc = govern_error_set(GOVERN_EEXISTS, "tag '%s' already exists", c->tags[i].name);
        else if (e != 0)
            rc = store_git_fail("cannot make a tag");
        else
            (*made)++;
    }
    git_object_free(target);
    return rc;
}

static void delete_tags(git_repository *repo, const struct govern_change *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char ref[512];
        snprintf(ref, sizeof(ref), "refs/tags/%s", c->tags[i].name);
        git_reference_remove(repo, ref);
    }
}

/* Is path a meeting's minutes.md ("SLUG/DIR/minutes.md")? */
static bool minutes_path(const char *path)
{
    const char *a = strchr(path, '/');
    const char *b = a ? strchr(a + 1, '/') : NULL;
    return b && !strchr(b + 1, '/') && !strcmp(b + 1, "minutes.md");
}

/* Approved minutes are the legal record: every write goes through here, so
 * this is the one place that refuses to change or delete them (commands and
 * plugin hooks alike).  Writing the same bytes again is not a change. */
static int refuse_frozen(struct govern_snapshot *head, const struct govern_change *c)
{
    for (size_t i = 0; i < c->count; i++) {
        const struct change_entry *e = &c->entries[i];
        if (!minutes_path(e->path))
            continue;
        struct govern_buf b = GOVERN_BUF_INIT;
        struct govern_doc *doc = NULL;
        if (govern_snapshot_read(&b, head, e->path) != 0) {
            govern_error_clear();
            govern_buf_free(&b);
            continue;
        }
        bool same = e->data && b.len == e->len && (!b.len || !memcmp(b.ptr, e->data, b.len));
        bool approved = false;
        char at[200] = "";
        if (!same && govern_doc_parse(&doc, e->path, b.ptr ? b.ptr : "", b.len) == 0) {
            const struct govern_node *st = govern_node_get(doc->meta, "status");
            approved = st && st->kind == GOVERN_NODE_SCALAR && !strcmp(st->scalar, "approved");
            const struct govern_node *ap = govern_node_get(doc->meta, "approved");
            const struct govern_node *an = govern_node_get(ap, "at");
            if (an && an->kind == GOVERN_NODE_SCALAR)
                snprintf(at, sizeof(at), " at %.150s", an->scalar);
        }
        govern_error_clear();
        govern_doc_free(doc);
        govern_buf_free(&b);
        if (approved)
            return govern_error_set(GOVERN_EFROZEN,
                                    "%s: these minutes were approved%s and are the legal record: "
                                    "they cannot be %s; a correction is a new minute at a later "
                                    "meeting",
                                    e->path, at, e->data ? "changed" : "deleted");
    }
    return 0;
}

/* Builds the new tree from the parent's tree and the change set. */
static int build_tree(git_oid *tree_id, struct govern_store *s, git_tree *base,
                      const struct govern_change *chg)
{
    git_tree_update *ups = calloc(chg->count + 1, sizeof(*ups));
    if (!ups)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    size_t nups = 0;
    int rc = 0;
    for (size_t i = 0; i < chg->count; i++) {
        const struct change_entry *ce = &chg->entries[i];
        char *fp = store_full_path(s, ce->path);
        if (!fp) {
            rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
            break;
        }
        if (ce->data) {
            if (git_blob_create_from_buffer(&ups[nups].id, s->repo, ce->data, ce->len) != 0) {
                free(fp);
                rc = store_git_fail("cannot write a blob");
                break;
            }
            ups[nups].action = GIT_TREE_UPDATE_UPSERT;
            ups[nups].filemode = GIT_FILEMODE_BLOB;
        } else {
            git_tree_entry *te = NULL;
            if (git_tree_entry_bypath(&te, base, fp) != 0) {
                free(fp); /* deleting what is not there: nothing to do */
                continue;
            }
            git_tree_entry_free(te);
            ups[nups].action = GIT_TREE_UPDATE_REMOVE;
        }
        ups[nups].path = fp;
        nups++;
    }
    if (!rc && git_tree_create_updated(tree_id, s->repo, base, nups, ups) != 0)
        rc = store_git_fail("cannot build the new tree");
    for (size_t i = 0; i < nups; i++)
        free((char *)ups[i].path);
    free(ups);
    return rc;
}

/* Moves branch from head_id (NULL: unborn) to commit_id under git's ref
 * lock: 0 moved, 1 retry (another program moved it or holds its lock for a
 * moment), or an error. */
static int move_branch(struct govern_store *s, const char *branch, const git_oid *head_id,
                       const git_oid *commit_id, const char *message, const struct store_lock *l,
                       int attempt)
{
    git_reference *ref = NULL;
    char reflog[256], lock[600];
    snprintf(reflog, sizeof(reflog), "govern: %.200s", message);
    char *nl = strchr(reflog, '\n');
    if (nl)
        *nl = '\0';
    int e = head_id ? git_reference_create_matching(&ref, s->repo, branch, commit_id, 1, head_id,
                                                    reflog)
                    : git_reference_create(&ref, s->repo, branch, commit_id, 0, reflog);
    git_reference_free(ref);
    if (e == 0)
        return 0;
    if (e == GIT_ELOCKED) {
        snprintf(lock, sizeof(lock), "%s.lock", branch);
        int rc = wait_git_lock(s, lock, l);
        return rc ? rc : 1;
    }
    if (e != GIT_EMODIFIED && !(!head_id && e == GIT_EEXISTS))
        return store_git_fail("cannot move the branch");
    if (attempt >= 200)
        return govern_error_set(GOVERN_ECONFLICT,
                                "gave up after %d attempts: another program keeps changing %s",
                                attempt + 1, branch);
    struct timespec ts = {0, (long)(1 + attempt % 20) * 5 * 1000 * 1000};
    nanosleep(&ts, NULL);
    return 1;
}

/* Committed: brings the work tree and index up to date for these paths,
 * then drops the journal (kept when this fails, for the next command). */
static int finish_commit(struct govern_store *s, struct govern_change *chg, const char *id,
                         const struct store_lock *l)
{
    int rc = 0;
    store_crash_point("after-ref-update");
    if (s->bare) {
        store_journal_remove(s);
        return 0;
    }
    for (size_t i = 0; i < chg->count && !rc; i++) {
        struct change_entry *ce = &chg->entries[i];
        /* an adopted file edited again since it was read: keep the
         * newer edit (it shows as uncommitted against the new commit) */
        if (ce->adopt && !worktree_holds(s, ce->path, ce->expect, ce->expect_len)) {
            ce->skip_worktree = true;
            continue;
        }
        if (ce->data)
            rc = store_worktree_put(s, ce->path, ce->data, ce->len);
        else
            store_worktree_delete(s, ce->path);
    }
    store_crash_point("after-worktree");
    if (!rc)
        rc = update_index(s, chg, l);
    if (rc) {
        char why[1024];
        snprintf(why, sizeof(why), "%s", govern_error_last());
        return govern_error_set(rc,
                                "committed %s, but could not bring the work tree and index up to "
                                "date: %s; the next govern command (or 'govern fsck --repair') "
                                "completes it",
                                id, why);
    }
    store_journal_remove(s);
    return 0;
}

/* One attempt: fn builds the change set against the branch head, which is
 * committed and the branch moved.  *retry: another writer got there first. */
static int attempt_commit(struct govern_commit_info *info, struct govern_store *s,
                          const char *branch, govern_txn_fn fn, void *ctx, bool allow_unborn,
                          const struct store_lock *l, int attempt, bool *retry)
{
    struct govern_change chg;
    struct govern_snapshot snap = {s, NULL};
    git_oid head_id, tree_id, commit_id;
    git_commit *head = NULL;
    git_tree *base = NULL, *newtree = NULL;
    git_signature *sig = NULL;
    bool unborn = false;
    size_t tags_made = 0;
    int rc = 0;
    memset(&chg, 0, sizeof(chg));
    *retry = false;

    int e = git_reference_name_to_id(&head_id, s->repo, branch);
    if (e == GIT_ENOTFOUND && allow_unborn) {
        unborn = true;
        rc = empty_tree(&base, s->repo);
    } else if (e != 0) {
        rc = e == GIT_ENOTFOUND
                 ? govern_error_set(GOVERN_ENOTFOUND,
                                    "branch %s has no commits: run 'govern init' first", branch)
                 : store_git_fail("cannot read the branch");
    } else if (git_commit_lookup(&head, s->repo, &head_id) != 0 ||
               git_commit_tree(&base, head) != 0) {
        rc = store_git_fail("cannot read the head commit");
    }
    if (rc)
        goto out;
    snap.tree = base;
    if ((rc = fn(&chg, &snap, ctx)) || chg.count == 0)
        goto out;
    if (!chg.message) {
        rc = govern_error_set(GOVERN_EINVAL, "internal error: a change without a message");
        goto out;
    }
    if ((rc = refuse_frozen(&snap, &chg)) || (rc = check_clean(s, &chg)) ||
        (rc = build_tree(&tree_id, s, base, &chg)))
        goto out;
    if (git_oid_equal(&tree_id, git_tree_id(base)) && !unborn)
        goto out; /* the change changes nothing */
    if ((rc = signature(&sig, s->repo)))
        goto out;
    if (git_tree_lookup(&newtree, s->repo, &tree_id) != 0) {
        rc = store_git_fail("cannot read the new tree");
        goto out;
    }
    const git_commit *parents[1] = {head};
    if (git_commit_create(&commit_id, s->repo, NULL, sig, sig, NULL, chg.message, newtree,
                          unborn ? 0 : 1, parents) != 0) {
        rc = store_git_fail("cannot make the commit");
        goto out;
    }
    if ((rc = store_journal_write(s, branch, unborn ? NULL : &head_id, &commit_id, &chg)))
        goto out;
    if ((rc = create_tags(s->repo, &commit_id, sig, &chg, &tags_made)))
        goto undo;
    store_crash_point("after-journal");
    rc = move_branch(s, branch, unborn ? NULL : &head_id, &commit_id, chg.message, l, attempt);
    if (rc == 1)
        *retry = true, rc = 0;
    if (rc || *retry)
        goto undo;
    if (info)
        git_oid_tostr(info->id, sizeof(info->id), &commit_id);
    rc = finish_commit(s, &chg, info ? info->id : "", l);
    goto out;
undo:
    delete_tags(s->repo, &chg, tags_made);
    store_journal_remove(s);
out:
    git_signature_free(sig);
    git_tree_free(newtree);
    git_tree_free(base);
    git_commit_free(head);
    change_free(&chg);
    return rc;
}

static int transact(struct govern_commit_info *info, struct govern_store *s, govern_txn_fn fn,
                    void *ctx, bool allow_unborn)
{
    struct store_lock l;
    char *branch = NULL, lock[600];
    int rc;
    if (info)
        info->id[0] = '\0';
    if ((rc = store_lock_take(&l, s, false, -1)))
        return rc;
    if ((rc = store_recover_locked(s, &l)) || (rc = head_branch(&branch, s->repo)))
        goto out;
    snprintf(lock, sizeof(lock), "%s.lock", branch);
    if ((rc = wait_git_lock(s, lock, &l)) ||
        (!s->bare && (rc = wait_git_lock(s, "index.lock", &l))))
        goto out;
    for (int attempt = 0;; attempt++) {
        bool retry = false;
        rc = attempt_commit(info, s, branch, fn, ctx, allow_unborn, &l, attempt, &retry);
        if (rc || !retry)
            break;
    }
out:
    free(branch);
    store_lock_release(&l);
    return rc;
}

/* Completes what an interrupted write left (see store_priv.h); only takes
 * govern.lock when there is something to do.  A writer that keeps the lock
 * for over a second will complete the journal itself: the reader then goes
 * on without waiting longer. */
int govern_store_recover(struct govern_store *s)
{
    if (!store_journal_exists(s))
        return 0;
    struct store_lock l;
    int rc = store_lock_take(&l, s, false, 1);
    if (rc == GOVERN_ECONFLICT) {
        govern_error_clear();
        return 0;
    }
    if (!rc)
        rc = store_recover_locked(s, &l);
    store_lock_release(&l);
    return rc;
}

/* govern.yaml of one snapshot parses and validates (what `govern check`
 * would otherwise report); an absent one is left to the command. */
static int config_valid_in(struct govern_snapshot *snap, const char *which)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    struct govern_config *cfg = NULL;
    int rc = govern_snapshot_read(&b, snap, GOVERN_CONFIG_FILE);
    if (rc == GOVERN_ENOTFOUND) {
        govern_error_clear();
        rc = 0;
    } else if (!rc) {
        rc = govern_config_parse(&cfg, GOVERN_CONFIG_FILE, b.ptr ? b.ptr : "", b.len);
    }
    govern_config_free(cfg);
    govern_buf_free(&b);
    if (!rc || rc == GOVERN_ENOMEM)
        return rc;
    char why[1024];
    snprintf(why, sizeof(why), "%s", govern_error_last());
    return govern_error_set(GOVERN_EINVAL,
                            "%s (%s); nothing is written while %s is invalid: fix it first "
                            "('govern check' lists the problems)",
                            why, which, GOVERN_CONFIG_FILE);
}

/* Writes refuse while govern.yaml fails validation, in the work tree (what
 * the clerk sees and `govern check` reads) or in the commit a write builds
 * on: every command's rules (notice days, the municipal year) come from it. */
static int config_valid(struct govern_store *s)
{
    int rc = 0;
    if (!s->bare) {
        struct govern_snapshot wt = {s, NULL};
        rc = config_valid_in(&wt, "in the work tree");
    }
    git_tree *tree = NULL;
    if (!rc && git_revparse_single((git_object **)&tree, s->repo, "HEAD^{tree}") == 0) {
        struct govern_snapshot head = {s, tree};
        rc = config_valid_in(&head, "as committed (HEAD)");
    }
    git_tree_free(tree);
    return rc;
}

int govern_store_transact(struct govern_commit_info *info, struct govern_store *s, govern_txn_fn fn,
                          void *ctx)
{
    int rc = config_valid(s);
    return rc ? rc : transact(info, s, fn, ctx, false);
}

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
    if ((rc = transact(&info, s, init_fn, &ic, true)))
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

/* --- history --- */

static int entry_id(git_oid *out, git_tree *tree, const char *path)
{
    if (!*path) {
        git_oid_cpy(out, git_tree_id(tree));
        return 0;
    }
    git_tree_entry *e = NULL;
    if (git_tree_entry_bypath(&e, tree, path) != 0)
        return GIT_ENOTFOUND;
    git_oid_cpy(out, git_tree_entry_id(e));
    git_tree_entry_free(e);
    return 0;
}

static int diff_paths(struct govern_strlist *out, struct govern_store *s, git_tree *old_tree,
                      git_tree *new_tree, const char *fp)
{
    git_diff_options o;
    git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
    char *spec = (char *)fp;
    if (*fp) {
        o.pathspec.strings = &spec;
        o.pathspec.count = 1;
    }
    git_diff *diff = NULL;
    if (git_diff_tree_to_tree(&diff, s->repo, old_tree, new_tree, &o) != 0)
        return store_git_fail("cannot compare commits");
    size_t pl = strlen(s->prefix);
    int rc = 0;
    for (size_t i = 0; i < git_diff_num_deltas(diff) && !rc; i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        const char *p = d->new_file.path ? d->new_file.path : d->old_file.path;
        if (pl && strncmp(p, s->prefix, pl) == 0 && p[pl] == '/')
            p += pl + 1;
        rc = govern_strlist_add(out, p);
    }
    git_diff_free(diff);
    return rc;
}

int govern_store_log(struct govern_log *out, struct govern_store *s, const char *rev,
                     const char *path, size_t limit)
{
    memset(out, 0, sizeof(*out));
    int rc = 0;
    if (*path && (rc = govern_path_check_relative("path", path)))
        return rc;
    char *fp = store_full_path(s, path);
    if (!fp)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    git_revwalk *walk = NULL;
    git_object *start = NULL;
    char spec[512];
    snprintf(spec, sizeof(spec), "%s^{commit}", rev ? rev : "HEAD");
    if (git_revparse_single(&start, s->repo, spec) != 0) {
        free(fp);
        return govern_error_set(GOVERN_ENOTFOUND, "unknown revision '%s'", rev ? rev : "HEAD");
    }
    if (git_revwalk_new(&walk, s->repo) != 0 ||
        git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) != 0 ||
        git_revwalk_push(walk, git_object_id(start)) != 0) {
        rc = store_git_fail("cannot walk the history");
        goto out;
    }
    git_oid id;
    while (!rc && git_revwalk_next(&id, walk) == 0) {
        if (limit && out->count >= limit)
            break;
        git_commit *c = NULL;
        git_tree *tree = NULL, *ptree = NULL;
        git_commit *parent = NULL;
        if (git_commit_lookup(&c, s->repo, &id) != 0 || git_commit_tree(&tree, c) != 0) {
            git_commit_free(c);
            rc = store_git_fail("cannot read a commit");
            break;
        }
        git_oid now, before;
        int has_now = entry_id(&now, tree, fp) == 0, has_before = 0;
        if (git_commit_parentcount(c) > 0 && git_commit_parent(&parent, c, 0) == 0 &&
            git_commit_tree(&ptree, parent) == 0)
            has_before = entry_id(&before, ptree, fp) == 0;
        bool changed = has_now != has_before || (has_now && !git_oid_equal(&now, &before));
        if (changed) {
            struct govern_log_entry *ents = realloc(out->entries, (out->count + 1) * sizeof(*ents));
            if (!ents) {
                rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
            } else {
                out->entries = ents;
                struct govern_log_entry *le = &ents[out->count];
                memset(le, 0, sizeof(*le));
                git_oid_tostr(le->id, sizeof(le->id), &id);
                const git_signature *a = git_commit_author(c);
                struct govern_buf b = GOVERN_BUF_INIT;
                govern_buf_printf(&b, "%s <%s>", a->name, a->email);
                le->author = govern_buf_detach(&b);
                le->time = a->when.time;
                le->tz_offset = a->when.offset;
                const char *sum = git_commit_summary(c);
                le->summary = strdup(sum ? sum : "");
                out->count++;
                rc = diff_paths(&le->paths, s, ptree, tree, fp);
            }
        }
        git_tree_free(ptree);
        git_commit_free(parent);
        git_tree_free(tree);
        git_commit_free(c);
    }
out:
    git_revwalk_free(walk);
    git_object_free(start);
    free(fp);
    if (rc)
        govern_log_free(out);
    return rc;
}

void govern_log_free(struct govern_log *log)
{
    if (!log)
        return;
    for (size_t i = 0; i < log->count; i++) {
        free(log->entries[i].author);
        free(log->entries[i].summary);
        govern_strlist_free(&log->entries[i].paths);
    }
    free(log->entries);
    memset(log, 0, sizeof(*log));
}

int govern_store_tag_count(size_t *out, struct govern_store *s, const char *pattern)
{
    git_strarray names = {0};
    *out = 0;
    if (git_tag_list_match(&names, pattern, s->repo) != 0)
        return store_git_fail("cannot list tags");
    *out = names.count;
    git_strarray_dispose(&names);
    return 0;
}

int govern_store_tag_list(struct govern_strlist *out, struct govern_store *s, const char *pattern)
{
    git_strarray names = {0};
    int rc = 0;
    if (git_tag_list_match(&names, pattern, s->repo) != 0)
        return store_git_fail("cannot list tags");
    for (size_t i = 0; i < names.count && !rc; i++)
        rc = govern_strlist_add(out, names.strings[i]);
    git_strarray_dispose(&names);
    if (!rc)
        govern_strlist_sort(out);
    return rc;
}

int govern_store_read_at(struct govern_buf *out, struct govern_store *s, const char *rev,
                         const char *path)
{
    struct govern_snapshot *snap = NULL;
    int rc = govern_store_snapshot(&snap, s, rev);
    if (rc)
        return rc;
    /* a snapshot of a rev always reads from its tree */
    if (!snap->tree) {
        govern_snapshot_free(snap);
        return govern_error_set(GOVERN_EINVAL, "no revision given");
    }
    rc = govern_snapshot_read(out, snap, path);
    govern_snapshot_free(snap);
    return rc;
}

/* --- when directories last changed (one walk of the history) --- */

struct dir_index {
    const char *dir; /* "SLUG/DIR" */
    size_t len;
    size_t index; /* in the caller's array */
};

static int dir_cmp(const void *a, const void *b)
{
    const struct dir_index *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->dir, y->dir, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

struct walk {
    int64_t *times;
    struct dir_index *ix;
    size_t n;
    bool *seen;
    size_t remaining;        /* meetings without a time yet */
    struct govern_log *logs; /* govern_store_dir_commits: every change, no early stop */
    const git_oid *commit;   /* the commit being looked at */
    int rc;
};

/* Appends the walk's current commit to the log of directory i. */
static void log_commit(struct walk *w, size_t i, int64_t t)
{
    struct govern_log *l = &w->logs[i];
    if (w->rc)
        return;
    struct govern_log_entry *e = realloc(l->entries, (l->count + 1) * sizeof(*e));
    if (!e) {
        w->rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        return;
    }
    l->entries = e;
    memset(&e[l->count], 0, sizeof(*e));
    git_oid_tostr(e[l->count].id, sizeof(e[l->count].id), w->commit);
    e[l->count++].time = t;
}

/* The commit at time t changed the directory key (len bytes). */
static void mark(struct walk *w, const char *key, size_t len, int64_t t)
{
    struct dir_index k = {key, len, 0};
    struct dir_index *hit = bsearch(&k, w->ix, w->n, sizeof(*w->ix), dir_cmp);
    /* the same directory may be asked for twice */
    for (; hit && hit > w->ix && !dir_cmp(hit - 1, &k); hit--)
        ;
    for (; hit && hit < w->ix + w->n && !dir_cmp(hit, &k); hit++)
        if (w->logs)
            log_commit(w, hit->index, t);
        else if (!w->seen[hit->index]) {
            w->seen[hit->index] = true;
            w->times[hit->index] = t;
            w->remaining--;
        }
}

/* The tree at path in tree (path "" is tree itself); NULL when absent or
 * not a tree.  *id gets the entry's id, *exists whether there is one. */
static int subtree(git_tree **out, git_oid *id, bool *exists, git_repository *repo, git_tree *tree,
                   const char *path)
{
    *out = NULL;
    *exists = false;
    if (!tree)
        return 0;
    if (!*path) {
        git_oid_cpy(id, git_tree_id(tree));
        *exists = true;
        return git_tree_dup(out, tree) ? store_git_fail("cannot read a tree") : 0;
    }
    git_tree_entry *e = NULL;
    if (git_tree_entry_bypath(&e, tree, path) != 0)
        return 0;
    git_oid_cpy(id, git_tree_entry_id(e));
    *exists = true;
    int rc = 0;
    if (git_tree_entry_type(e) == GIT_OBJECT_TREE && git_tree_lookup(out, repo, id) != 0)
        rc = store_git_fail("cannot read a tree");
    git_tree_entry_free(e);
    return rc;
}

static bool entry_same(const git_tree_entry *a, const git_tree_entry *b)
{
    return a && b && git_tree_entry_filemode(a) == git_tree_entry_filemode(b) &&
           git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b));
}

static int tree_of(git_tree **out, git_repository *repo, const git_tree_entry *e)
{
    *out = NULL;
    if (!e || git_tree_entry_type(e) != GIT_OBJECT_TREE)
        return 0;
    return git_tree_lookup(out, repo, git_tree_entry_id(e)) ? store_git_fail("cannot read a tree")
                                                            : 0;
}

/* Marks the entries of a committee directory (SLUG) that differ between the
 * old and the new tree (either may be NULL: added or deleted). */
static void diff_slug(struct walk *w, const char *slug, git_tree *old, git_tree *new, int64_t t)
{
    char key[512];
    size_t sl = strlen(slug);
    if (sl + 2 >= sizeof(key))
        return; /* cannot be a committee's directory (slugs are 64 bytes at most) */
    memcpy(key, slug, sl);
    key[sl] = '/';
    for (int side = 0; side < 2; side++) {
        git_tree *a = side ? old : new, *b = side ? new : old;
        size_t count = a ? git_tree_entrycount(a) : 0;
        for (size_t i = 0; i < count && w->remaining; i++) {
            const git_tree_entry *e = git_tree_entry_byindex(a, i);
            const char *name = git_tree_entry_name(e);
            const git_tree_entry *o = b ? git_tree_entry_byname(b, name) : NULL;
            if (entry_same(e, o) || (side && o))
                continue; /* unchanged, or changed and already seen from the new side */
            size_t nl = strlen(name);
            if (sl + 1 + nl < sizeof(key)) {
                memcpy(key + sl + 1, name, nl);
                mark(w, key, sl + 1 + nl, t);
            }
        }
    }
}

/* Does any directory asked for lie under the top-level name slug?  A
 * change elsewhere (the action register's 50,000 files) is never read. */
static bool asked_slug(const struct walk *w, const char *slug)
{
    char key[512];
    size_t kl = strlen(slug) + 1, lo = 0, hi = w->n;
    if (kl >= sizeof(key))
        return false; /* cannot be a committee's directory */
    memcpy(key, slug, kl - 1);
    key[kl - 1] = '/';
    struct dir_index k = {key, kl, 0};
    while (lo < hi) { /* the first dir not before "SLUG/" */
        size_t mid = lo + (hi - lo) / 2;
        if (dir_cmp(&w->ix[mid], &k) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < w->n && w->ix[lo].len >= kl && !memcmp(w->ix[lo].dir, key, kl);
}

/* The store directories of old and new that differ, two levels down. */
static int diff_store(struct walk *w, git_repository *repo, git_tree *old, git_tree *new, int64_t t)
{
    int rc = 0;
    for (int side = 0; side < 2 && !rc; side++) {
        git_tree *a = side ? old : new, *b = side ? new : old;
        size_t count = a ? git_tree_entrycount(a) : 0;
        for (size_t i = 0; i < count && !rc && w->remaining; i++) {
            const git_tree_entry *e = git_tree_entry_byindex(a, i);
            const git_tree_entry *o = b ? git_tree_entry_byname(b, git_tree_entry_name(e)) : NULL;
            if (entry_same(e, o) || (side && o) || !asked_slug(w, git_tree_entry_name(e)))
                continue;
            git_tree *te = NULL, *to = NULL;
            if (!(rc = tree_of(&te, repo, e)) && !(rc = tree_of(&to, repo, o)) && (te || to))
                diff_slug(w, git_tree_entry_name(e), side ? te : to, side ? to : te, t);
            git_tree_free(te);
            git_tree_free(to);
        }
    }
    return rc;
}

/* The walk: first-parent diffs of the store's tree, two levels down. */
static int dir_walk(struct walk *w, int64_t *head_time, struct govern_store *s, const char *rev)
{
    const char *prefix = s->prefix;
    git_repository *repo = s->repo;
    git_revwalk *rw = NULL;
    git_object *start = NULL;
    int rc = 0;
    char spec[512];
    snprintf(spec, sizeof(spec), "%s^{commit}", rev ? rev : "HEAD");
    if (git_revparse_single(&start, repo, spec) != 0) {
        rc = govern_error_set(GOVERN_ENOTFOUND, "unknown revision '%s'", rev ? rev : "HEAD");
        goto out;
    }
    if (git_revwalk_new(&rw, repo) != 0 ||
        git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) != 0 ||
        git_revwalk_push(rw, git_object_id(start)) != 0) {
        rc = store_git_fail("cannot walk the history");
        goto out;
    }
    bool first = true;
    git_oid id;
    while (!rc && w->remaining && git_revwalk_next(&id, rw) == 0) {
        git_commit *c = NULL, *parent = NULL;
        git_tree *tree = NULL, *ptree = NULL, *now = NULL, *before = NULL;
        git_oid now_id, before_id;
        bool has_now, has_before = false;
        if (git_commit_lookup(&c, repo, &id) != 0 || git_commit_tree(&tree, c) != 0) {
            rc = store_git_fail("cannot read a commit");
        } else if (git_commit_parentcount(c) > 0 && git_commit_parent(&parent, c, 0) == 0 &&
                   git_commit_tree(&ptree, parent) != 0) {
            rc = store_git_fail("cannot read a commit");
        }
        if (!rc)
            rc = subtree(&now, &now_id, &has_now, repo, tree, prefix);
        if (!rc)
            rc = subtree(&before, &before_id, &has_before, repo, ptree, prefix);
        if (!rc && (has_now != has_before || (has_now && !git_oid_equal(&now_id, &before_id)))) {
            int64_t t = git_commit_author(c)->when.time;
            w->commit = &id;
            if (first)
                *head_time = t;
            first = false;
            rc = diff_store(w, repo, before, now, t);
            if (!rc)
                rc = w->rc;
        }
        git_tree_free(now);
        git_tree_free(before);
        git_tree_free(ptree);
        git_tree_free(tree);
        git_commit_free(parent);
        git_commit_free(c);
    }
out:
    git_revwalk_free(rw);
    git_object_free(start);
    return rc;
}

/* Sorts the directories asked for into w (NULL arrays on failure). */
static int walk_init(struct walk *w, const char *const *dirs, size_t n)
{
    w->n = n;
    w->remaining = n;
    w->ix = malloc(n * sizeof(struct dir_index));
    w->seen = calloc(n, sizeof(bool));
    if (!w->ix || !w->seen) {
        free(w->ix);
        free(w->seen);
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        w->ix[i].dir = dirs[i];
        w->ix[i].len = strlen(dirs[i]);
        w->ix[i].index = i;
    }
    qsort(w->ix, n, sizeof(*w->ix), dir_cmp);
    return 0;
}

int govern_store_dir_times(int64_t *times, int64_t *head_time, struct govern_store *s,
                           const char *rev, const char *const *dirs, size_t n)
{
    *head_time = 0;
    for (size_t i = 0; i < n; i++)
        times[i] = 0;
    if (!n)
        return 0;
    struct walk w = {0};
    int rc = walk_init(&w, dirs, n);
    if (rc)
        return rc;
    w.times = times;
    rc = dir_walk(&w, head_time, s, rev);
    free(w.ix);
    free(w.seen);
    return rc;
}

/* --- undo ---
 *
 * "The last change made from this clone" is read from the reflog of the
 * current branch: every commit a govern transaction makes moves the branch
 * with a reflog message starting "govern: ", and a reflog is local to a
 * clone (never pushed, fetched or cloned).  Undo commits carry the line
 * "This reverts commit ID." so the walk skips them and the commits they
 * reverted: each `govern undo` goes one change further back.  Commits no
 * longer in the branch's history (the branch was reset) are skipped. */

#define UNDO_MARK "This reverts commit "

/* The commit an undo commit reverted, from its message (false when none). */
static bool reverted_id(git_oid *out, const git_commit *c)
{
    const char *msg = git_commit_message(c), *p = msg ? strstr(msg, UNDO_MARK) : NULL;
    return p && git_oid_fromstrn(out, p + strlen(UNDO_MARK), GIT_OID_HEXSZ) == 0;
}

static bool in_list(const git_oid *ids, size_t n, const git_oid *id)
{
    for (size_t i = 0; i < n; i++)
        if (git_oid_equal(&ids[i], id))
            return true;
    return false;
}

/* Is id the branch head or an ancestor of it? */
static bool in_history(git_repository *repo, const git_oid *head, const git_oid *id)
{
    return git_oid_equal(head, id) || git_graph_descendant_of(repo, head, id) == 1;
}

/* Is id reachable from a remote-tracking ref (refs/remotes/)? */
static bool pushed(git_repository *repo, const git_oid *id)
{
    git_reference_iterator *it = NULL;
    git_reference *ref = NULL;
    bool found = false;
    if (git_reference_iterator_glob_new(&it, repo, "refs/remotes/*") != 0)
        return false;
    while (!found && git_reference_next(&ref, it) == 0) {
        git_object *o = NULL;
        if (git_reference_peel(&o, ref, GIT_OBJECT_COMMIT) == 0)
            found = in_history(repo, git_object_id(o), id);
        git_object_free(o);
        git_reference_free(ref);
    }
    git_reference_iterator_free(it);
    git_error_clear();
    return found;
}

static int fill_undo(struct govern_undo *out, git_repository *repo, const git_commit *c)
{
    const char *summary = git_commit_summary((git_commit *)c);
    git_oid_tostr(out->id, sizeof(out->id), git_commit_id(c));
    out->pushed = pushed(repo, git_commit_id(c));
    out->first = git_commit_parentcount(c) == 0;
    out->summary = strdup(summary ? summary : "");
    return out->summary ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
}

/* Walks the reflog, newest first, for the first govern change not undone. */
static int walk_reflog(struct govern_undo *out, git_repository *repo, git_reflog *log,
                       const git_oid *head)
{
    size_t n = git_reflog_entrycount(log), n_undone = 0;
    git_oid *undone = calloc(n ? n : 1, sizeof(*undone));
    int rc = undone ? GOVERN_ENOTFOUND : govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; i < n && rc == GOVERN_ENOTFOUND; i++) {
        const git_reflog_entry *e = git_reflog_entry_byindex(log, i);
        const char *msg = git_reflog_entry_message(e);
        const git_oid *id = git_reflog_entry_id_new(e);
        git_commit *c = NULL;
        if (!msg || strncmp(msg, "govern: ", 8) || in_list(undone, n_undone, id) ||
            !in_history(repo, head, id) || git_commit_lookup(&c, repo, id) != 0)
            continue;
        if (reverted_id(&undone[n_undone], c))
            n_undone++;
        else
            rc = fill_undo(out, repo, c);
        git_commit_free(c);
    }
    free(undone);
    git_error_clear();
    return rc;
}

int govern_store_undo_find(struct govern_undo *out, struct govern_store *s)
{
    char *branch = NULL;
    git_reflog *log = NULL;
    git_oid head;
    memset(out, 0, sizeof(*out));
    int rc = head_branch(&branch, s->repo);
    if (rc)
        return rc;
    if (git_reference_name_to_id(&head, s->repo, branch) != 0)
        rc = govern_error_set(GOVERN_ENOTFOUND, "branch %s has no commits", branch);
    else if (git_reflog_read(&log, s->repo, branch) != 0)
        rc = store_git_fail("cannot read the branch's reflog");
    else
        rc = walk_reflog(out, s->repo, log, &head);
    if (rc == GOVERN_ENOTFOUND)
        rc = govern_error_set(GOVERN_ENOTFOUND,
                              "nothing to undo: no change made by govern from this clone is left "
                              "on %s (govern undo reads the branch's reflog, which is local to "
                              "each clone)",
                              branch);
    git_reflog_free(log);
    free(branch);
    return rc;
}

void govern_undo_clear(struct govern_undo *u)
{
    if (u)
        free(u->summary), u->summary = NULL;
}

/* Puts into chg what reverting target on top of ours changes in the store. */
static int revert_changes(struct govern_change *chg, struct govern_store *s, git_tree *ours,
                          git_tree *result)
{
    git_diff *diff = NULL;
    int rc = 0;
    if (git_diff_tree_to_tree(&diff, s->repo, ours, result, NULL) != 0)
        return store_git_fail("cannot compare the trees");
    size_t plen = strlen(s->prefix);
    for (size_t i = 0; i < git_diff_num_deltas(diff) && !rc; i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        const char *path = d->new_file.path ? d->new_file.path : d->old_file.path;
        if (plen && (strncmp(path, s->prefix, plen) || path[plen] != '/')) {
            rc = govern_error_set(GOVERN_EINVAL, "that change touched %s, outside the store", path);
            break;
        }
        const char *rel = plen ? path + plen + 1 : path;
        git_blob *b = NULL;
        if (d->status == GIT_DELTA_DELETED)
            rc = govern_change_delete(chg, rel);
        else if (git_blob_lookup(&b, s->repo, &d->new_file.id) != 0)
            rc = store_git_fail("cannot read a file to restore");
        else
            rc = govern_change_put(chg, rel, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
        git_blob_free(b);
    }
    git_diff_free(diff);
    return rc;
}

struct revert_ctx {
    git_oid target;
};

static int revert_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct revert_ctx *ctx = vctx;
    struct govern_store *s = head->store;
    git_commit *target = NULL, *ours = NULL;
    git_index *index = NULL;
    git_tree *result = NULL;
    char *branch = NULL;
    git_oid head_id, tree_id;
    int rc = head_branch(&branch, s->repo);
    if (!rc && (git_reference_name_to_id(&head_id, s->repo, branch) != 0 ||
                git_commit_lookup(&ours, s->repo, &head_id) != 0 ||
                git_commit_lookup(&target, s->repo, &ctx->target) != 0))
        rc = store_git_fail("cannot read the commits");
    if (!rc && git_revert_commit(&index, s->repo, target, ours, 0, NULL) != 0)
        rc = store_git_fail("cannot revert the commit");
    if (!rc && git_index_has_conflicts(index))
        rc = govern_error_set(GOVERN_ECONFLICT,
                              "later changes touched the same lines: undo them first, or "
                              "correct the record with the commands that edit it");
    if (!rc && (git_index_write_tree_to(&tree_id, index, s->repo) != 0 ||
                git_tree_lookup(&result, s->repo, &tree_id) != 0))
        rc = store_git_fail("cannot build the reverted tree");
    if (!rc)
        rc = revert_changes(chg, s, head->tree, result);
    if (!rc) {
        char id[GIT_OID_HEXSZ + 1];
        git_oid_tostr(id, sizeof(id), &ctx->target);
        rc = govern_change_message(chg, "Undo: %s\n\n" UNDO_MARK "%s.", git_commit_summary(target),
                                   id);
    }
    git_tree_free(result);
    git_index_free(index);
    git_commit_free(target);
    git_commit_free(ours);
    free(branch);
    return rc;
}

int govern_store_revert(struct govern_commit_info *info, struct govern_store *s, const char *id)
{
    struct revert_ctx ctx;
    if (git_oid_fromstrn(&ctx.target, id, GIT_OID_HEXSZ) != 0 || strlen(id) != GIT_OID_HEXSZ)
        return govern_error_set(GOVERN_EINVAL, "'%s' is not a commit id", id);
    int rc = govern_store_transact(info, s, revert_fn, &ctx);
    if (!rc && !info->id[0])
        rc = govern_error_set(GOVERN_EINVAL, "undoing %.10s changes nothing", id);
    return rc;
}

int govern_store_dir_commits(struct govern_log *logs, struct govern_store *s, const char *rev,
                             const char *const *dirs, size_t n)
{
    memset(logs, 0, n * sizeof(*logs));
    if (!n)
        return 0;
    struct walk w = {0};
    int64_t head = 0, *times = calloc(n, sizeof(*times));
    int rc = times ? walk_init(&w, dirs, n) : govern_error_set(GOVERN_ENOMEM, "out of memory");
    if (!rc) {
        w.times = times;
        w.logs = logs;
        rc = dir_walk(&w, &head, s, rev);
    }
    free(w.ix);
    free(w.seen);
    free(times);
    for (size_t i = 0; rc && i < n; i++)
        govern_log_free(&logs[i]);
    return rc;
}
