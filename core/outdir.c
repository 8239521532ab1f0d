/*
 * The output directory service (include/govern/outdir.h): files written
 * whole below one directory, never through a symbolic link, left alone when
 * their bytes are unchanged, and a manifest so that the next run can remove
 * what it no longer writes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "govern/buf.h"
#include "govern/error.h"
#include "govern/outdir.h"

#define PATH_LIMIT 4096

struct govern_outdir {
    char *path;
    int fd;
    struct govern_strlist written; /* relative paths, in the order written */
    struct govern_outdir_stats stats;
};

static int io_error(const char *what, const char *dir, const char *rel, int e)
{
    return govern_error_set(GOVERN_EIO, "cannot %s '%s/%s': %s", what, dir, rel, strerror(e));
}

/* mkdir -p for the directory given by the user (symbolic links allowed
 * here: it is the user's own path, as for any output file). */
static int make_dirs(const char *dir)
{
    char *p = govern_strdup(dir);
    if (!p)
        return govern_oom();
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            free(p);
            return govern_error_set(GOVERN_EIO, "cannot create '%s': %s", dir, strerror(e));
        }
        *s = '/';
    }
    int rc = 0;
    if (mkdir(p, 0777) != 0 && errno != EEXIST)
        rc = govern_error_set(GOVERN_EIO, "cannot create '%s': %s", dir, strerror(errno));
    free(p);
    return rc;
}

int govern_outdir_open(struct govern_outdir **out, const char *dir)
{
    *out = NULL;
    if (!dir || !*dir)
        return govern_error_set(GOVERN_EUSAGE, "no output directory given");
    int rc = make_dirs(dir);
    if (rc)
        return rc;
    struct govern_outdir *d = calloc(1, sizeof(*d));
    if (!d || !(d->path = govern_strdup(dir))) {
        free(d);
        return govern_oom();
    }
    d->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d->fd < 0) {
        rc = govern_error_set(GOVERN_EIO, "cannot open '%s': %s", dir, strerror(errno));
        free(d->path);
        free(d);
        return rc;
    }
    *out = d;
    return 0;
}

void govern_outdir_free(struct govern_outdir *d)
{
    if (!d)
        return;
    if (d->fd >= 0)
        close(d->fd);
    free(d->path);
    govern_strlist_free(&d->written);
    free(d);
}

const char *govern_outdir_path(const struct govern_outdir *d)
{
    return d->path;
}

void govern_outdir_stats(struct govern_outdir_stats *out, const struct govern_outdir *d)
{
    *out = d->stats;
}

/* A relative path of non-empty components, none "." or ".." or starting
 * with a dot (the manifest and temporary files are dot files). */
static int check_rel(const char *rel)
{
    size_t n = rel ? strlen(rel) : 0;
    if (!n || n >= PATH_LIMIT || rel[0] == '/')
        return govern_error_set(GOVERN_EINVAL, "'%s': not a relative path", rel ? rel : "");
    for (const char *c = rel; *c;) {
        const char *e = strchr(c, '/');
        size_t len = e ? (size_t)(e - c) : strlen(c);
        if (!len || c[0] == '.')
            return govern_error_set(GOVERN_EINVAL,
                                    "'%s': empty, '..' or dot-file component refused", rel);
        c += len + (e ? 1 : 0);
        if (e && !*c)
            return govern_error_set(GOVERN_EINVAL, "'%s': ends in '/'", rel);
    }
    return 0;
}

/* Opens the directory holding rel, one component at a time and never
 * following a symbolic link; creates missing ones when create.  *leaf
 * points into rel.  ENOENT without create: *out -1 and 0. */
static int open_parent(int *out, const char **leaf, struct govern_outdir *d, const char *rel,
                       bool create)
{
    int fd = dup(d->fd);
    if (fd < 0)
        return io_error("open", d->path, "", errno);
    const char *c = rel;
    char comp[PATH_LIMIT];
    for (const char *e; (e = strchr(c, '/')); c = e + 1) {
        memcpy(comp, c, (size_t)(e - c));
        comp[e - c] = '\0';
        int nfd = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (nfd < 0 && errno == ENOENT && create) {
            if (mkdirat(fd, comp, 0777) != 0 && errno != EEXIST) {
                int e2 = errno;
                close(fd);
                return io_error("create a directory for", d->path, rel, e2);
            }
            nfd = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        int e2 = errno;
        close(fd);
        if (nfd < 0 && e2 == ENOENT && !create) {
            *out = -1;
            return 0;
        }
        if (nfd < 0)
            return govern_error_set(
                GOVERN_EIO, "cannot write '%s/%s': %s on the path", d->path, rel,
                e2 == ELOOP || e2 == ENOTDIR ? "a symbolic link or a file" : strerror(e2));
        fd = nfd;
    }
    *leaf = c;
    *out = fd;
    return 0;
}

/* Does the regular file name in dfd hold exactly data? */
static bool same_bytes(int dfd, const char *name, const void *data, size_t len)
{
    struct stat st;
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
        (size_t)st.st_size != len)
        return false;
    int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buf[65536];
    size_t off = 0;
    bool same = true;
    while (same) {
        ssize_t r = read(fd, buf, sizeof(buf));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            same = r == 0 && off == len;
            break;
        }
        same = off + (size_t)r <= len && !memcmp(buf, (const char *)data + off, (size_t)r);
        off += (size_t)r;
    }
    close(fd);
    return same;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Writes name in dfd through a temporary file renamed over it. */
static int replace(struct govern_outdir *d, int dfd, const char *name, const char *rel,
                   const void *data, size_t len)
{
    struct stat st;
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode))
        return govern_error_set(GOVERN_EIO, "cannot write '%s/%s': not a regular file", d->path,
                                rel);
    struct govern_buf tmp = GOVERN_BUF_INIT;
    if (govern_buf_printf(&tmp, ".%s.govern-%ld.tmp", name, (long)getpid()))
        return govern_oom();
    int rc = 0;
    int fd = openat(dfd, tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0) {
        rc = io_error("write", d->path, rel, errno);
    } else {
        int e = write_all(fd, data, len) ? errno : 0;
        if (close(fd) != 0 && !e)
            e = errno;
        if (!e && renameat(dfd, tmp.ptr, dfd, name) != 0)
            e = errno;
        if (e) {
            unlinkat(dfd, tmp.ptr, 0);
            rc = io_error("write", d->path, rel, e);
        }
    }
    govern_buf_free(&tmp);
    return rc;
}

int govern_outdir_write(struct govern_outdir *d, const char *relpath, const void *data, size_t len)
{
    int rc = check_rel(relpath);
    int dfd = -1;
    const char *leaf = NULL;
    if (!rc)
        rc = open_parent(&dfd, &leaf, d, relpath, true);
    if (rc)
        return rc;
    if (same_bytes(dfd, leaf, data ? data : "", len))
        d->stats.unchanged++;
    else if (!(rc = replace(d, dfd, leaf, relpath, data ? data : "", len)))
        d->stats.written++;
    close(dfd);
    if (!rc && govern_strlist_add(&d->written, relpath))
        rc = govern_oom();
    return rc;
}

int govern_outdir_keep(struct govern_outdir *d, const char *relpath)
{
    int rc = check_rel(relpath);
    int dfd = -1;
    const char *leaf = NULL;
    if (!rc)
        rc = open_parent(&dfd, &leaf, d, relpath, false);
    if (rc)
        return rc;
    struct stat st;
    if (dfd < 0 || fstatat(dfd, leaf, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
        rc = govern_error_set(GOVERN_EIO, "'%s/%s': not a regular file", d->path, relpath);
    if (dfd >= 0)
        close(dfd);
    if (!rc && govern_strlist_add(&d->written, relpath))
        rc = govern_oom();
    if (!rc)
        d->stats.kept++;
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Removes rel (a regular file only) and the directories it leaves empty. */
static int remove_stale(struct govern_outdir *d, const char *rel)
{
    if (check_rel(rel)) {
        govern_error_clear();
        return 0; /* not a line this service wrote: left alone */
    }
    int dfd;
    const char *leaf;
    int rc = open_parent(&dfd, &leaf, d, rel, false);
    if (rc || dfd < 0)
        return rc;
    struct stat st;
    if (fstatat(dfd, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
        if (unlinkat(dfd, leaf, 0) != 0)
            rc = io_error("remove", d->path, rel, errno);
        else
            d->stats.removed++;
    }
    close(dfd);
    /* parents, deepest first; a directory still holding anything stays */
    char buf[PATH_LIMIT];
    snprintf(buf, sizeof(buf), "%s", rel);
    for (char *slash; !rc && (slash = strrchr(buf, '/'));) {
        *slash = '\0';
        if (unlinkat(d->fd, buf, AT_REMOVEDIR) != 0)
            break;
    }
    return rc;
}

int govern_outdir_prune(struct govern_outdir *d)
{
    struct govern_buf old = GOVERN_BUF_INIT, man = GOVERN_BUF_INIT;
    int rc = 0;
    int fd = openat(d->fd, GOVERN_OUTDIR_MANIFEST, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0) {
        char buf[65536];
        ssize_t r;
        while (!rc && ((r = read(fd, buf, sizeof(buf))) > 0 || (r < 0 && errno == EINTR)))
            if (r > 0)
                rc = govern_buf_put(&old, buf, (size_t)r);
        close(fd);
    } else if (errno != ENOENT) {
        rc = io_error("read", d->path, GOVERN_OUTDIR_MANIFEST, errno);
    }
    char **w = d->written.items;
    size_t n = d->written.count;
    if (n)
        qsort(w, n, sizeof(*w), cmp_str);
    for (char *line = old.ptr; !rc && line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (*line && !(n && bsearch(&line, w, n, sizeof(*w), cmp_str)))
            rc = remove_stale(d, line);
        line = nl ? nl + 1 : NULL;
    }
    for (size_t i = 0; i < n && !rc; i++)
        if (!i || strcmp(w[i - 1], w[i]))
            rc = govern_buf_printf(&man, "%s\n", w[i]);
    if (!rc && !same_bytes(d->fd, GOVERN_OUTDIR_MANIFEST, man.ptr ? man.ptr : "", man.len))
        rc = replace(d, d->fd, GOVERN_OUTDIR_MANIFEST, GOVERN_OUTDIR_MANIFEST,
                     man.ptr ? man.ptr : "", man.len);
    govern_buf_free(&old);
    govern_buf_free(&man);
    return rc;
}
