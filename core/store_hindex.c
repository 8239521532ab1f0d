/*
 * The history index: for every commit reachable from the branch head, in
 * the order a history walk meets them (topological, newest first), its id,
 * author time, whether it changed the store, and which "SLUG/NAME" entries
 * it changed under the top-level names indexed so far (store_history.c
 * fills a record; store_commit_keys).  Kept through the store's cache
 * service (cache "history", include/govern/cache.h: atomic, checksummed,
 * mapped), and never trusted blindly: it is rebuilt when missing, damaged,
 * made for another store, when its newest commit is gone or when it does
 * not index a top-level name asked for.  On use it is extended from its newest commit
 * to the one asked for when the commits between have one parent each
 * (govern's own writes), read from the middle for an older commit of a
 * linear history, and rebuilt otherwise (a merge, history rewritten).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <git2.h>
#include "govern/cache.h"
#include "govern/error.h"
#include "govern/store.h"
#include "store_priv.h"

#define HX_MAGIC "GVHIST01" /* the payload's format */

void store_hindex_free(struct store_hindex *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->n_keys; i++)
        free(ix->keys[i]);
    free(ix->keys);
    free(ix->recs);
    govern_strlist_free(&ix->slugs);
    memset(ix, 0, sizeof(*ix));
}

static int hx_add_key(const char *key, size_t len, void *vix)
{
    struct store_hindex *ix = vix;
    int rc = govern_array_grow(&ix->keys, &ix->cap_keys, ix->n_keys + 1, sizeof(*ix->keys));
    if (!rc && !(ix->keys[ix->n_keys] = strndup(key, len)))
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
    if (!rc)
        ix->n_keys++;
    return rc;
}

static int hx_add_rec(struct store_hindex *ix, const struct store_hrec *r)
{
    int rc = govern_array_grow(&ix->recs, &ix->cap, ix->n + 1, sizeof(*ix->recs));
    if (!rc)
        ix->recs[ix->n++] = *r;
    return rc;
}

/* Appends the record of commit id. */
static int hx_add_commit(struct store_hindex *ix, struct govern_store *s, const git_oid *id)
{
    git_commit *c = NULL;
    if (git_commit_lookup(&c, s->repo, id) != 0)
        return store_git_fail("cannot read a commit");
    struct store_hrec r = {.first_key = ix->n_keys};
    git_oid_cpy(&r.id, id);
    if (git_commit_parentcount(c) > 1)
        ix->linear = false;
    int rc = store_commit_keys(&r.store_changed, &r.time, s, c, &ix->slugs, hx_add_key, ix);
    git_commit_free(c);
    r.n_keys = ix->n_keys - r.first_key;
    return rc ? rc : hx_add_rec(ix, &r);
}

/* The commits reachable from from (and not from hide, when given), in
 * walk order, newest first; *n of them. */
static int hx_revs(git_oid **out, size_t *n, struct govern_store *s, const git_oid *from,
                   const git_oid *hide)
{
    git_revwalk *rw = NULL;
    git_oid id, *ids = NULL;
    size_t cap = 0;
    int rc = 0;
    *out = NULL;
    *n = 0;
    if (git_revwalk_new(&rw, s->repo) != 0 ||
        git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) != 0 ||
        git_revwalk_push(rw, from) != 0 || (hide && git_revwalk_hide(rw, hide) != 0)) {
        git_revwalk_free(rw);
        return store_git_fail("cannot walk the history");
    }
    while (!rc && git_revwalk_next(&id, rw) == 0)
        if (!(rc = govern_array_grow(&ids, &cap, *n + 1, sizeof(*ids))))
            git_oid_cpy(&ids[(*n)++], &id);
    git_revwalk_free(rw);
    git_error_clear();
    if (rc)
        free(ids);
    else
        *out = ids;
    return rc;
}

/* --- the file --- */

/* The cache's name ("history", or "history-PREFIX" with PREFIX in
 * [a-z0-9-]) and key: one index per store of the repository. */
static void hx_name(char name[GOVERN_CACHE_NAME_MAX + 1], char *key, size_t kn,
                    const struct govern_store *s)
{
    size_t k =
        (size_t)snprintf(name, GOVERN_CACHE_NAME_MAX + 1, "history%s", *s->prefix ? "-" : "");
    for (const char *p = s->prefix; *p && k < GOVERN_CACHE_NAME_MAX; p++)
        name[k++] = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ? *p : '-';
    name[k] = '\0';
    snprintf(key, kn, "%s store=%.150s", HX_MAGIC, s->prefix);
}

static int put_str(struct govern_buf *b, const char *str)
{
    uint32_t l = (uint32_t)strlen(str);
    return govern_buf_put(b, (const char *)&l, 4) || govern_buf_put(b, str, l);
}

/* Writes the index; a failure is ignored (it is rebuilt next time). */
static void hx_save(const struct store_hindex *ix, const struct govern_store *s)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    uint32_t flags = ix->linear, ns = (uint32_t)ix->slugs.count;
    uint64_t n = ix->n;
    bool bad = govern_buf_put(&b, HX_MAGIC, 8) || govern_buf_put(&b, (const char *)&flags, 4) ||
               put_str(&b, s->prefix) || govern_buf_put(&b, (const char *)&ns, 4);
    for (size_t i = 0; !bad && i < ix->slugs.count; i++)
        bad = put_str(&b, ix->slugs.items[i]);
    bad = bad || govern_buf_put(&b, (const char *)&n, 8);
    for (size_t i = 0; !bad && i < ix->n; i++) {
        const struct store_hrec *r = &ix->recs[i];
        uint32_t nk = (uint32_t)r->n_keys;
        uint8_t changed = r->store_changed;
        bad = govern_buf_put(&b, (const char *)r->id.id, GIT_OID_RAWSZ) ||
              govern_buf_put(&b, (const char *)&r->time, 8) ||
              govern_buf_put(&b, (const char *)&changed, 1) ||
              govern_buf_put(&b, (const char *)&nk, 4);
        for (size_t k = 0; !bad && k < r->n_keys; k++)
            bad = put_str(&b, ix->keys[r->first_key + k]);
    }
    char name[GOVERN_CACHE_NAME_MAX + 1], key[200];
    struct govern_snapshot wt;
    store_snapshot_worktree(&wt, (struct govern_store *)s);
    hx_name(name, key, sizeof(key), s);
    if (bad || govern_cache_write(&wt, name, key, b.ptr, b.len))
        govern_error_clear();
    govern_buf_free(&b);
}

/* A bounds-checked reader of the file's bytes. */
struct rd {
    const char *p, *end;
    bool bad;
};

static const char *take(struct rd *r, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = true;
        return NULL;
    }
    const char *at = r->p;
    r->p += n;
    return at;
}

static uint64_t take_u(struct rd *r, size_t n)
{
    uint64_t v = 0;
    const char *at = take(r, n);
    if (at)
        memcpy(&v, at, n); /* little-endian hosts: the file is a local cache */
    return v;
}

static int take_str(struct rd *r, const char **s, size_t *len)
{
    *len = (size_t)take_u(r, 4);
    *s = take(r, *len);
    return r->bad ? -1 : 0;
}

static int hx_parse_recs(struct store_hindex *ix, struct rd *r)
{
    uint64_t n = take_u(r, 8);
    if (n > (uint64_t)(r->end - r->p) / 33)
        r->bad = true;
    for (uint64_t i = 0; !r->bad && i < n; i++) {
        struct store_hrec rec = {.first_key = ix->n_keys};
        const char *id = take(r, GIT_OID_RAWSZ);
        if (id)
            git_oid_fromraw(&rec.id, (const unsigned char *)id);
        rec.time = (int64_t)take_u(r, 8);
        rec.store_changed = take_u(r, 1) != 0;
        rec.n_keys = (size_t)take_u(r, 4);
        for (size_t k = 0; !r->bad && k < rec.n_keys; k++) {
            const char *key;
            size_t len;
            if (!take_str(r, &key, &len) && hx_add_key(key, len, ix))
                return GOVERN_ENOMEM;
        }
        if (!r->bad && hx_add_rec(ix, &rec))
            return GOVERN_ENOMEM;
    }
    return r->bad || r->p != r->end || ix->n == 0 ? -1 : 0;
}

/* Reads and checks the index file: 0, or non-zero (no error set) when it
 * is absent, damaged, another store's, or its newest commit is gone. */
static int hx_load(struct store_hindex *ix, struct govern_store *s)
{
    char name[GOVERN_CACHE_NAME_MAX + 1], key[200];
    struct govern_snapshot wt;
    struct govern_cache *c = NULL;
    size_t n = 0;
    memset(ix, 0, sizeof(*ix));
    store_snapshot_worktree(&wt, s);
    hx_name(name, key, sizeof(key), s);
    int rc = govern_cache_read(&c, &wt, name, key) || !c ? -1 : 0;
    const char *data = c ? govern_cache_data(c, &n) : NULL;
    struct rd r = {data, data ? data + n : NULL, false};
    const char *magic = rc ? NULL : take(&r, 8);
    if (!magic || memcmp(magic, HX_MAGIC, 8))
        rc = -1;
    const char *str;
    size_t len;
    if (!rc) {
        ix->linear = take_u(&r, 4) & 1;
        rc = take_str(&r, &str, &len) || len != strlen(s->prefix) || memcmp(str, s->prefix, len);
    }
    uint32_t ns = rc ? 0 : (uint32_t)take_u(&r, 4);
    for (uint32_t i = 0; !rc && i < ns; i++) {
        char one[512];
        rc = take_str(&r, &str, &len) || len >= sizeof(one);
        if (!rc) {
            memcpy(one, str, len);
            one[len] = '\0';
            rc = govern_strlist_add(&ix->slugs, one);
        }
    }
    if (!rc)
        rc = hx_parse_recs(ix, &r);
    git_odb *odb = NULL;
    if (!rc && (git_repository_odb(&odb, s->repo) != 0 || !git_odb_exists(odb, &ix->recs[0].id)))
        rc = -1;
    git_odb_free(odb);
    govern_cache_free(c);
    govern_error_clear();
    if (rc)
        store_hindex_free(ix);
    return rc;
}

/* --- keeping it up to date --- */

/* Extends ix (whose newest commit is an ancestor of to) with the commits
 * after it: 1 (nothing done) unless they form one line of single-parent
 * commits down to ix's newest. */
static int hx_extend(struct store_hindex *ix, struct govern_store *s, const git_oid *to)
{
    git_oid *ids = NULL;
    size_t n = 0;
    int rc = hx_revs(&ids, &n, s, to, &ix->recs[0].id);
    git_commit *c = NULL;
    for (size_t i = 0; !rc && i < n; i++) {
        const git_oid *want = i + 1 < n ? &ids[i + 1] : &ix->recs[0].id;
        if (git_commit_lookup(&c, s->repo, &ids[i]) != 0 || git_commit_parentcount(c) != 1 ||
            !git_oid_equal(git_commit_parent_id(c, 0), want))
            rc = 1;
        git_commit_free(c);
        c = NULL;
    }
    if (!rc && n == 0)
        rc = 1;
    struct store_hindex fresh = {.linear = ix->linear};
    for (size_t i = 0; !rc && i < ix->slugs.count; i++)
        rc = govern_strlist_add(&fresh.slugs, ix->slugs.items[i]);
    for (size_t i = 0; !rc && i < n; i++)
        rc = hx_add_commit(&fresh, s, &ids[i]);
    /* then the old records, whose keys move over */
    size_t base = fresh.n_keys;
    for (size_t i = 0; !rc && i < ix->n_keys; i++)
        rc = hx_add_key(ix->keys[i], strlen(ix->keys[i]), &fresh);
    for (size_t i = 0; !rc && i < ix->n; i++) {
        struct store_hrec r = ix->recs[i];
        r.first_key += base;
        rc = hx_add_rec(&fresh, &r);
    }
    free(ids);
    git_error_clear();
    if (rc) {
        store_hindex_free(&fresh);
        return rc;
    }
    store_hindex_free(ix);
    *ix = fresh;
    return 0;
}

/* The top-level names of dirs ("SLUG/DIR"), and those ix already has. */
static int hx_slugs(struct govern_strlist *out, const struct store_hindex *old,
                    const char *const *dirs, size_t n)
{
    int rc = 0;
    for (size_t i = 0; !rc && old && i < old->slugs.count; i++)
        rc = govern_strlist_add(out, old->slugs.items[i]);
    for (size_t i = 0; !rc && i < n; i++) {
        const char *slash = strchr(dirs[i], '/');
        char one[512];
        size_t l = slash ? (size_t)(slash - dirs[i]) : 0;
        if (!l || l >= sizeof(one))
            continue; /* not "SLUG/DIR": nothing to index */
        memcpy(one, dirs[i], l);
        one[l] = '\0';
        if (!govern_strlist_contains(out, one))
            rc = govern_strlist_add(out, one);
    }
    if (!rc)
        govern_strlist_sort(out);
    return rc;
}

static bool hx_covers(const struct store_hindex *ix, const struct govern_strlist *need)
{
    for (size_t i = 0; i < need->count; i++)
        if (!govern_strlist_contains(&ix->slugs, need->items[i]))
            return false;
    return true;
}

/* A fresh index of everything reachable from to. */
static int hx_build(struct store_hindex *ix, struct govern_store *s, const git_oid *to)
{
    git_oid *ids = NULL;
    size_t n = 0;
    ix->linear = true;
    int rc = hx_revs(&ids, &n, s, to, NULL);
    for (size_t i = 0; !rc && i < n; i++)
        rc = hx_add_commit(ix, s, &ids[i]);
    free(ids);
    ix->how = STORE_HX_REBUILT;
    return rc;
}

/* Uses the index as loaded when it can answer for commit to; 1 when not. */
static int hx_reuse(struct store_hindex *ix, size_t *start, struct govern_store *s,
                    const git_oid *to)
{
    if (git_oid_equal(&ix->recs[0].id, to)) {
        ix->how = STORE_HX_LOADED;
        return 0;
    }
    int rc = hx_extend(ix, s, to);
    if (rc == 0) {
        ix->how = STORE_HX_EXTENDED;
        hx_save(ix, s);
        return 0;
    }
    if (rc != 1 || !ix->linear)
        return rc;
    for (size_t i = 1; i < ix->n; i++)
        if (git_oid_equal(&ix->recs[i].id, to)) {
            *start = i;
            ix->how = STORE_HX_POSITIONED;
            return 0;
        }
    return 1;
}

int store_hindex_get(struct store_hindex *out, size_t *start, struct govern_store *s,
                     const char *rev, const char *const *dirs, size_t n)
{
    git_object *obj = NULL;
    *start = 0;
    memset(out, 0, sizeof(*out));
    int rc = store_revparse(&obj, s, rev, "commit");
    if (rc)
        return rc;
    git_oid to;
    git_oid_cpy(&to, git_object_id(obj));
    git_object_free(obj);
    struct store_hindex old;
    bool have = hx_load(&old, s) == 0;
    struct govern_strlist need = GOVERN_STRLIST_INIT;
    rc = hx_slugs(&need, NULL, dirs, n);
    if (!rc && have && hx_covers(&old, &need)) {
        rc = hx_reuse(&old, start, s, &to);
        if (rc == 0) {
            *out = old;
            govern_strlist_free(&need);
            return 0;
        }
        if (rc == 1)
            rc = 0;
    }
    govern_strlist_free(&need);
    if (!rc)
        rc = hx_slugs(&out->slugs, have ? &old : NULL, dirs, n);
    if (!rc)
        rc = hx_build(out, s, &to);
    /* an index for HEAD is kept; one for another revision only when there
     * was none (so that --rev does not evict the head's) */
    if (!rc && (!rev || !have))
        hx_save(out, s);
    if (have)
        store_hindex_free(&old);
    if (rc)
        store_hindex_free(out);
    return rc;
}
