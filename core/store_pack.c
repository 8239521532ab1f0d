/*
 * Packing loose objects when they pile up, as `git gc --auto` does: every
 * govern write adds a handful of loose objects (blobs, trees, a commit),
 * and a store written for years would otherwise hold hundreds of thousands
 * of small files that every history read has to open one by one.  After a
 * commit (under govern.lock), when there are more loose objects than
 * gc.auto (git's setting, default 6700; 0 turns it off), every loose
 * object (reachable or not: nothing is ever lost) goes into one new pack
 * written with git_packbuilder; the pack and its index are flushed to disk
 * and each object is checked to be in the new pack before its loose file
 * is removed.  A crash at any point leaves either the loose objects, or
 * the pack and some of them (both readable): git and govern read either.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <git2.h>
#include <git2/sys/odb_backend.h>
#include "govern/error.h"
#include "govern/store.h"
#include "store_priv.h"

#define GC_AUTO_DEFAULT 6700

/* gc.auto, as git reads it (0 or less: never). */
static int gc_auto(git_repository *repo)
{
    git_config *cfg = NULL, *snap = NULL;
    int32_t v = GC_AUTO_DEFAULT;
    if (git_repository_config(&cfg, repo) == 0 && git_config_snapshot(&snap, cfg) == 0 &&
        git_config_get_int32(&v, snap, "gc.auto") != 0)
        v = GC_AUTO_DEFAULT;
    git_config_free(snap);
    git_config_free(cfg);
    git_error_clear();
    return v;
}

static bool is_hex(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
            return false;
    return p[n] == '\0';
}

/* Adds the loose objects of objects/XX (the XX of the index i) to ids
 * (NULL: only counts them). */
static size_t loose_in(const struct govern_store *s, unsigned i, git_oid **ids, size_t *cap,
                       size_t n)
{
    char dir[PATH_MAX], hex[GIT_OID_HEXSZ + 1];
    snprintf(dir, sizeof(dir), "%sobjects/%02x", s->gitdir, i);
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t found = 0;
    while (d && (de = readdir(d))) {
        if (!is_hex(de->d_name, GIT_OID_HEXSZ - 2))
            continue;
        found++;
        if (!ids)
            continue;
        if (n == *cap) {
            size_t c = *cap ? *cap * 2 : 1024;
            git_oid *m = realloc(*ids, c * sizeof(*m));
            if (!m)
                break;
            *ids = m;
            *cap = c;
        }
        snprintf(hex, sizeof(hex), "%02x%s", i, de->d_name);
        if (git_oid_fromstr(&(*ids)[n], hex) == 0)
            n++;
    }
    if (d)
        closedir(d);
    return ids ? n : found;
}

/* Are there more loose objects than limit?  Like git: one directory of
 * 256 stands for all of them, unless the limit is small enough to count. */
static bool too_many_loose(const struct govern_store *s, int limit)
{
    if (limit >= 256 * 10)
        return loose_in(s, 0x17, NULL, NULL, 0) > (size_t)(limit + 255) / 256;
    size_t n = 0;
    for (unsigned i = 0; i < 256; i++)
        n += loose_in(s, i, NULL, NULL, 0);
    return n > (size_t)limit;
}

static int flush_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int rc = fd < 0 || fsync(fd) != 0 ? -1 : 0;
    if (fd >= 0)
        close(fd);
    return rc;
}

/* Removes the loose copies of ids that the pack (its .idx at idx) holds. */
static int drop_packed(const struct govern_store *s, const char *idx, const git_oid *ids, size_t n,
                       size_t *dropped)
{
    git_odb *odb = NULL;
    git_odb_backend *pack = NULL;
    if (git_odb_new(&odb) != 0 || git_odb_backend_one_pack(&pack, idx) != 0 ||
        git_odb_add_backend(odb, pack, 1) != 0) {
        if (pack && odb && !git_odb_num_backends(odb))
            pack->free(pack);
        git_odb_free(odb);
        return store_git_fail("cannot read the new pack");
    }
    for (size_t i = 0; i < n; i++) {
        char hex[GIT_OID_HEXSZ + 1], path[PATH_MAX];
        if (!git_odb_exists(odb, &ids[i]))
            continue; /* not in the pack: the loose object stays */
        git_oid_tostr(hex, sizeof(hex), &ids[i]);
        snprintf(path, sizeof(path), "%sobjects/%.2s/%s", s->gitdir, hex, hex + 2);
        if (unlink(path) == 0)
            (*dropped)++;
    }
    git_odb_free(odb);
    for (unsigned i = 0; i < 256; i++) {
        char dir[PATH_MAX];
        snprintf(dir, sizeof(dir), "%sobjects/%02x", s->gitdir, i);
        rmdir(dir); /* only when empty */
    }
    return 0;
}

/* Writes ids into one new pack, flushed to disk; *idx gets its .idx. */
static int write_pack(char *idx, size_t idx_n, struct govern_store *s, const git_oid *ids, size_t n)
{
    git_packbuilder *pb = NULL;
    char dir[PATH_MAX], path[PATH_MAX];
    int rc = 0;
    snprintf(dir, sizeof(dir), "%sobjects/pack", s->gitdir);
    if (git_packbuilder_new(&pb, s->repo) != 0)
        return store_git_fail("cannot pack objects");
    git_packbuilder_set_threads(pb, 1);
    for (size_t i = 0; i < n && !rc; i++)
        if (git_packbuilder_insert(pb, &ids[i], NULL) != 0)
            rc = store_git_fail("cannot pack an object");
    if (!rc && git_packbuilder_write(pb, dir, 0, NULL, NULL) != 0)
        rc = store_git_fail("cannot write the pack");
    if (!rc) {
        const char *name = git_packbuilder_name(pb);
        snprintf(path, sizeof(path), "%s/pack-%s.pack", dir, name);
        snprintf(idx, idx_n, "%s/pack-%s.idx", dir, name);
        if (flush_file(path) || flush_file(idx) || flush_file(dir))
            rc = govern_error_set(GOVERN_EIO, "cannot flush the new pack %s to disk", path);
    }
    git_packbuilder_free(pb);
    return rc;
}

/* Packs every loose object; *packed: how many loose files were removed. */
static int pack_loose(struct govern_store *s, size_t *packed)
{
    git_oid *ids = NULL;
    size_t n = 0, cap = 0;
    char idx[PATH_MAX];
    *packed = 0;
    for (unsigned i = 0; i < 256; i++)
        n = loose_in(s, i, &ids, &cap, n);
    int rc = n ? write_pack(idx, sizeof(idx), s, ids, n) : 0;
    if (!rc && n)
        rc = drop_packed(s, idx, ids, n, packed);
    git_odb *odb = NULL;
    if (git_repository_odb(&odb, s->repo) == 0)
        git_odb_refresh(odb);
    git_odb_free(odb);
    free(ids);
    return rc;
}

void store_pack_auto(struct govern_store *s)
{
    int limit = gc_auto(s->repo);
    size_t packed = 0;
    if (limit > 0 && too_many_loose(s, limit) && pack_loose(s, &packed) != 0)
        govern_error_clear();
}
