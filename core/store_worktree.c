/*
 * The snapshot backend of the work tree: what a clerk edits by hand, read
 * with plain system calls under the store's directory.  Nothing is ever
 * read or written through a symbolic link (openat2 RESOLVE_NO_SYMLINKS, or
 * O_NOFOLLOW per component), and a FIFO, socket or device is reported,
 * never opened.  Also the transaction's side of the work tree: committed
 * paths written atomically, deleted paths removed with the directories
 * they leave empty.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <git2.h>
#include <linux/openat2.h>
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/store.h"
#include "store_priv.h"

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
int store_open_nofollow(const char *root, const char *path, int flags)
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

int store_workdir_open(const struct govern_store *s, const char *dir)
{
    return *dir ? store_open_nofollow(s->workdir, dir, O_RDONLY | O_DIRECTORY)
                : open(s->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static int worktree_read(struct govern_buf *out, struct govern_snapshot *snap, const char *path)
{
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
    int fd = store_open_nofollow(snap->store->workdir, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
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
    int rc = govern_buf_grow(out, (size_t)st.st_size);
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

int store_worktree_read(struct govern_buf *out, struct govern_store *s, const char *path)
{
    struct govern_snapshot wt;
    store_snapshot_worktree(&wt, s);
    return govern_snapshot_read(out, &wt, path);
}

/* Any entry exists, whatever its type: a record replaced by a symbolic
 * link, a FIFO or a device is reported when it is read (which refuses it,
 * naming the file) rather than ignored.  Nothing is opened.  A linked
 * directory on the way is not followed: nothing below it exists. */
static bool worktree_exists(struct govern_snapshot *snap, const char *path)
{
    struct stat st;
    if (worktree_lstat(snap->store, path, &st) != 0)
        return false;
    const char *slash = strrchr(path, '/');
    if (!slash)
        return true;
    char *dir = strndup(path, (size_t)(slash - path));
    if (!dir)
        return false;
    int dfd = store_open_nofollow(snap->store->workdir, dir, O_RDONLY | O_DIRECTORY);
    free(dir);
    if (dfd < 0)
        return false;
    close(dfd);
    return true;
}

/* A stream of the work tree's directory dir: *d NULL, and 0, when there
 * is none. */
static int open_dir(DIR **d, const struct govern_store *s, const char *dir)
{
    int fd = store_workdir_open(s, dir);
    *d = fd < 0 ? NULL : fdopendir(fd);
    if (fd >= 0 && !*d) {
        close(fd);
        return govern_error_set(GOVERN_EIO, "%s: %s", dir, strerror(errno));
    }
    return 0;
}

static int worktree_list(struct govern_strlist *out, struct govern_snapshot *snap, const char *dir,
                         unsigned types)
{
    DIR *d = NULL;
    int rc = open_dir(&d, snap->store, dir);
    if (rc || !d)
        return rc;
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
    govern_strlist_sort(out);
    return rc;
}

static int worktree_entry_kind(const char **kind, struct govern_snapshot *snap, const char *path)
{
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

static int worktree_each_file(struct govern_snapshot *snap, const char *dir, govern_file_fn fn,
                              void *ctx, struct govern_buf *buf)
{
    DIR *d = NULL;
    int rc = open_dir(&d, snap->store, dir);
    if (rc || !d)
        return rc;
    struct name_pool pool = {0};
    struct dirent *de;
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

const struct store_snapshot_ops store_worktree_ops = {
    .is_commit = false,
    .read = worktree_read,
    .exists = worktree_exists,
    .list = worktree_list,
    .entry_kind = worktree_entry_kind,
    .each_file = worktree_each_file,
    .tree_id = store_worktree_tree_id,
};

/* --- the transaction's writes into the work tree --- */

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
        dfd = store_open_nofollow(s->workdir, dir, O_RDONLY | O_DIRECTORY);
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
