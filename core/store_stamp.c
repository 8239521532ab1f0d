/*
 * The work tree's side of govern_snapshot_tree_id: is a directory of the
 * work tree exactly the tree HEAD has there?  git status decides, and its
 * clean verdict is remembered in a stamp (below) so that the next read
 * costs one fstatat per file instead of a status.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <git2.h>
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/store.h"
#include "store_priv.h"

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

/* The stamp's file name in $GIT_DIR/govern/ for the directory fp. */
static void stamp_name(char *out, size_t n, const char *fp)
{
    char name[256];
    size_t k = 0;
    for (const char *p = *fp ? fp : "."; *p && k + 1 < sizeof(name); p++)
        name[k++] = (*p == '/' || *p == '.') ? '_' : *p;
    name[k] = '\0';
    snprintf(out, n, "worktree-%s.stamp", name);
}

static void stamp_path(char *out, size_t n, const struct govern_store *s, const char *fp)
{
    char name[300];
    stamp_name(name, sizeof(name), fp);
    snprintf(out, n, "%sgovern/%s", s->gitdir, name);
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
    if ((dfd = store_workdir_open(s, dir)) < 0 || fstat(dfd, &st) != 0)
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
    int dfd = store_workdir_open(s, dir);
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
    char name[300];
    uint64_t sum = govern_checksum64((const unsigned char *)b->ptr, b->len);
    stamp_name(name, sizeof(name), fp);
    if (govern_buf_put(b, (const char *)&sum, 8) != 0 ||
        store_private_write(s, name, b->ptr, b->len) != 0)
        govern_error_clear();
}

/* The tree id of full path fp in HEAD ("" when absent or not a tree). */
static int head_dir_id(char out[41], struct govern_store *s, const char *fp)
{
    git_tree *tree = NULL;
    git_tree_entry *e = NULL;
    out[0] = '\0';
    int rc = store_head_tree(&tree, s->repo);
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

/* git status of the work tree under fp: *clean when it shows nothing
 * (stamped when so); HEAD must not have moved meanwhile. */
static int status_clean(bool *clean, struct govern_store *s, const char *dir, const char *fp,
                        const char *hex)
{
    struct govern_buf stamp = GOVERN_BUF_INIT;
    bool stamped = stamp_take(&stamp, s, dir, fp, hex) == 0;
    git_status_options so;
    git_status_list *sl = NULL;
    char spec[PATH_MAX], again[41];
    char *specs[1] = {spec};
    int rc = 0;
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
        if (*clean && (rc = head_dir_id(again, s, fp)) == 0 && strcmp(again, hex))
            *clean = false;
        if (*clean && stamped)
            stamp_write(s, fp, &stamp);
    }
    govern_buf_free(&stamp);
    return rc;
}

int store_worktree_tree_id(char out[41], bool *clean, struct govern_snapshot *snap, const char *dir,
                           const char *fp)
{
    struct govern_store *s = snap->store;
    int rc = head_dir_id(out, s, fp);
    if (rc || !out[0])
        return rc;
    /* a valid stamp needs no filter check (which reads the whole index):
     * one is written only where no filter applied, and the files it
     * vouches for have not changed since, so their bytes are the blobs */
    if (stamp_valid(s, dir, fp, out)) {
        *clean = true;
        return 0;
    }
    if (worktree_may_filter(s, fp))
        return 0;
    return status_clean(clean, s, dir, fp, out);
}
