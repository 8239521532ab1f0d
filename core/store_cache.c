/*
 * The store's cache service (include/govern/cache.h): derived files in
 * $GIT_DIR/govern/cache-NAME.bin, one key each, written atomically
 * (temporary file, then rename), checked with XXH3 and read by mmap.
 *
 * Layout, in the host's byte order (a file from a host of the other order
 * fails the byte-order mark and is a miss):
 *
 *   0  "GVCACHE1"
 *   8  u32 0x01020304 (byte order)
 *  12  u32 key length K
 *  16  u64 payload length P
 *  24  u64 XXH3-64 of everything from offset 32 to the end
 *  32  the key, NUL-padded to a multiple of 16 bytes
 *  32 + pad16(K)  the payload (so 16-byte aligned in the mapping)
 *
 * The file's size must be exactly 32 + pad16(K) + P.  No fsync: after a
 * crash a cache may be short or zeroed, which its checksum turns into a
 * miss, and a miss costs only a rebuild.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <xxhash.h>
#include "govern/cache.h"
#include "govern/error.h"
#include "store_priv.h"

#define MAGIC "GVCACHE1"
#define ENDIAN 0x01020304u
#define HEAD 32

struct govern_cache {
    void *map;
    size_t map_len;
    const char *data;
    size_t len;
};

static size_t pad16(size_t n)
{
    return (n + 15) & ~(size_t)15;
}

bool govern_cache_disabled(void)
{
    const char *v = getenv("GOVERN_NO_CACHE");
    return v && *v && strcmp(v, "0");
}

static int check_name(const char *name, const char *key)
{
    size_t n = name ? strlen(name) : 0;
    if (!n || n > GOVERN_CACHE_NAME_MAX ||
        strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
        return govern_error_set(GOVERN_EINVAL, "invalid cache name '%s' ([a-z0-9-], 1-%d bytes)",
                                name ? name : "", GOVERN_CACHE_NAME_MAX);
    if (!key || strlen(key) > GOVERN_CACHE_KEY_MAX)
        return govern_error_set(GOVERN_EINVAL, "invalid key for cache '%s' (at most %d bytes)",
                                name, GOVERN_CACHE_KEY_MAX);
    return 0;
}

static void cache_path(char *out, size_t n, const struct govern_snapshot *snap, const char *name)
{
    snprintf(out, n, "%sgovern/" GOVERN_CACHE_PREFIX "%s" GOVERN_CACHE_SUFFIX,
             govern_snapshot_gitdir(snap), name);
}

/* The payload of a whole, undamaged file (NULL when it is not one); *key
 * and *klen: the key it holds. */
static const char *check_file(const char *data, size_t len, const char **key, size_t *klen,
                              size_t *plen)
{
    uint32_t endian, kl;
    uint64_t pl, sum;
    if (len < HEAD || memcmp(data, MAGIC, 8))
        return NULL;
    memcpy(&endian, data + 8, 4);
    memcpy(&kl, data + 12, 4);
    memcpy(&pl, data + 16, 8);
    memcpy(&sum, data + 24, 8);
    if (endian != ENDIAN || kl > GOVERN_CACHE_KEY_MAX || len < HEAD + pad16(kl) ||
        len - HEAD - pad16(kl) != pl)
        return NULL;
    if (XXH3_64bits(data + HEAD, len - HEAD) != sum)
        return NULL;
    *key = data + HEAD;
    *klen = kl;
    *plen = (size_t)pl;
    return data + HEAD + pad16(kl);
}

bool govern_cache_intact(const char *data, size_t len)
{
    const char *key;
    size_t klen, plen;
    return data && check_file(data, len, &key, &klen, &plen) != NULL;
}

int govern_cache_read(struct govern_cache **out, struct govern_snapshot *snap, const char *name,
                      const char *key)
{
    *out = NULL;
    int rc = check_name(name, key);
    if (rc || govern_cache_disabled())
        return rc;
    char path[PATH_MAX];
    cache_path(path, sizeof(path), snap, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat st;
    if (fd < 0)
        return 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < HEAD ||
        (uint64_t)st.st_size > SIZE_MAX / 2) {
        close(fd);
        return 0;
    }
    size_t len = (size_t)st.st_size;
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return 0;
    const char *k, *payload;
    size_t klen, plen;
    struct govern_cache *c = NULL;
    payload = check_file(map, len, &k, &klen, &plen);
    if (!payload || klen != strlen(key) || memcmp(k, key, klen) || !(c = malloc(sizeof(*c)))) {
        munmap(map, len);
        return 0; /* a miss; so is running out of memory for the handle */
    }
    c->map = map;
    c->map_len = len;
    c->data = payload;
    c->len = plen;
    *out = c;
    return 0;
}

const void *govern_cache_data(const struct govern_cache *c, size_t *len)
{
    *len = c ? c->len : 0;
    return c ? c->data : NULL;
}

void govern_cache_free(struct govern_cache *c)
{
    if (!c)
        return;
    munmap(c->map, c->map_len);
    free(c);
}

static int write_all(int fd, struct iovec *iov, int n)
{
    while (n > 0) {
        ssize_t w = writev(fd, iov, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        size_t left = (size_t)w;
        while (n > 0 && left >= iov->iov_len) {
            left -= iov->iov_len;
            iov++;
            n--;
        }
        if (n > 0) {
            iov->iov_base = (char *)iov->iov_base + left;
            iov->iov_len -= left;
        }
    }
    return 0;
}

int govern_cache_write(struct govern_snapshot *snap, const char *name, const char *key,
                       const void *data, size_t len)
{
    int rc = check_name(name, key);
    if (rc || govern_cache_disabled())
        return rc;
    size_t klen = strlen(key);
    char head[HEAD + GOVERN_CACHE_KEY_MAX + 16];
    uint32_t endian = ENDIAN, kl = (uint32_t)klen;
    uint64_t pl = len;
    memset(head, 0, sizeof(head));
    memcpy(head, MAGIC, 8);
    memcpy(head + 8, &endian, 4);
    memcpy(head + 12, &kl, 4);
    memcpy(head + 16, &pl, 8);
    memcpy(head + HEAD, key, klen);
    XXH3_state_t *st = XXH3_createState();
    if (!st)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    XXH3_64bits_reset(st);
    XXH3_64bits_update(st, head + HEAD, pad16(klen));
    XXH3_64bits_update(st, data, len);
    uint64_t sum = XXH3_64bits_digest(st);
    XXH3_freeState(st);
    memcpy(head + 24, &sum, 8);

    char path[PATH_MAX], tmp[PATH_MAX + 32];
    snprintf(path, sizeof(path), "%sgovern", govern_snapshot_gitdir(snap));
    mkdir(path, 0777);
    cache_path(path, sizeof(path), snap, name);
    snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return govern_error_set(GOVERN_EIO, "cannot write cache %s: %s", tmp, strerror(errno));
    struct iovec iov[2] = {{head, HEAD + pad16(klen)}, {(void *)data, len}};
    int werr = write_all(fd, iov, len ? 2 : 1) ? errno : 0;
    if (close(fd) != 0 && !werr)
        werr = errno;
    if (!werr && rename(tmp, path) != 0)
        werr = errno;
    if (werr) {
        unlink(tmp);
        return govern_error_set(GOVERN_EIO, "cannot write cache %s: %s", path, strerror(werr));
    }
    return 0;
}

int govern_cache_dir_key(char out[41], bool *clean, struct govern_snapshot *snap, const char *dir)
{
    return govern_snapshot_tree_id(out, clean, snap, dir);
}
