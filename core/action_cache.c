/*
 * The whole action register (govern_action_load_all) and its cache in the
 * store's cache service (include/govern/cache.h), so that reading an
 * unchanged register neither opens nor parses its files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "action_priv.h"
#include "govern/cache.h"

struct load_ctx {
    struct govern_action_register *r;
    govern_action_keep_fn keep;
    void *ctx;
    struct govern_diags *diags;
    bool failed; /* a file did not parse (reported in diags) */
    char path[600];
};

static int load_one(const char *name, char *data, size_t len, void *vctx)
{
    struct load_ctx *lc = vctx;
    size_t n = strlen(name);
    if (n < 4 || strcmp(name + n - 3, ".md"))
        return 0;
    snprintf(lc->path, sizeof(lc->path), "%s/%s", GOVERN_ACTIONS_DIR, name);
    struct govern_action_register *r = lc->r;
    struct action_mark mk = action_arena_mark(r->arena);
    int rc = govern_action_parse(r, lc->path, data, len);
    if (rc) {
        if (!lc->diags || rc == GOVERN_ENOMEM)
            return rc;
        lc->failed = true;
        return govern_diags_add_error(lc->diags, lc->path);
    }
    if (lc->keep && !lc->keep(&r->items[r->count - 1], lc->ctx)) {
        r->count--;
        action_arena_reset(r->arena, mk);
    }
    return 0;
}

static int action_cmp(const void *a, const void *b)
{
    return action_cmp_id(((const struct govern_action *)a)->id,
                         ((const struct govern_action *)b)->id);
}

/* ------------------------------------------------------- the cache */

/*
 * The cache "actions" of the store's cache service: a derived, disposable
 * copy of the parsed register, keyed by CACHE_FORMAT and the id of the
 * tree of actions/ in the commit read (HEAD for the work tree, used only
 * when the store says the work tree's actions/ is identical to it).  It
 * holds every action that parsed, in id order, and is written only when
 * every file parsed.  The payload (host byte order; the service rejects a
 * file from a host of the other order):
 *
 *   COUNT(u64), then one record per action: fixed 32-bit integers, then
 *   strings as a u32 length (UINT32_MAX: NULL), the bytes and a NUL.
 *
 * A hit is read where the service mapped it: the register's strings point
 * into the mapping (kept until the register is cleared), only the arrays
 * of pointers (items, referrals, log entries) are built.  Anything wrong
 * (a record out of bounds, a value out of range) is a miss: the register
 * is read from the files and the cache rewritten.
 */
#define CACHE_NAME "actions"
#define CACHE_FORMAT "register-4"
#define CACHE_INTS 12

static int put_u32(struct govern_buf *b, uint32_t v)
{
    return govern_buf_put(b, (const char *)&v, 4);
}

static int put_i32(struct govern_buf *b, int32_t v)
{
    return govern_buf_put(b, (const char *)&v, 4);
}

static int put_str(struct govern_buf *b, const char *s)
{
    if (!s)
        return put_u32(b, UINT32_MAX);
    size_t n = strlen(s);
    int rc = put_u32(b, (uint32_t)n);
    return rc ? rc : govern_buf_put(b, s, n + 1);
}

static int cache_encode(struct govern_buf *b, const struct govern_action *a)
{
    int rc = 0;
    int32_t ints[CACHE_INTS] = {a->due,
                                a->created,
                                a->updated,
                                (int32_t)a->status,
                                a->line_id,
                                a->line_committee,
                                a->line_meeting,
                                a->line_status,
                                a->line_referred,
                                (int32_t)a->n_referred,
                                (int32_t)a->n_log,
                                a->line_priority};
    rc = govern_buf_put(b, (const char *)ints, sizeof(ints));
    const char *strs[] = {a->id,   a->committee, a->meeting, a->minute,  a->owner,
                          a->kind, a->text,      a->path,    a->priority};
    for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]) && !rc; i++)
        rc = put_str(b, strs[i]);
    for (size_t i = 0; i < a->n_referred && !rc; i++)
        rc = put_str(b, a->referred_to[i]);
    for (size_t i = 0; i < a->n_log && !rc; i++) {
        const struct govern_action_log_entry *e = &a->log[i];
        if (!(rc = put_i32(b, e->date)) && !(rc = put_i32(b, e->status)) &&
            !(rc = put_i32(b, e->due)) && !(rc = put_i32(b, e->line)) && !(rc = put_str(b, e->by)))
            rc = put_str(b, e->note);
    }
    return rc;
}

struct cursor {
    const char *p, *end;
    bool bad;
};

static int32_t get_i32(struct cursor *c)
{
    int32_t v = 0;
    if (c->end - c->p < 4) {
        c->bad = true;
        return 0;
    }
    memcpy(&v, c->p, 4);
    c->p += 4;
    return v;
}

/* A string of the mapping (NULL for a NULL; c->bad when it overruns). */
static const char *get_str(struct cursor *c)
{
    uint32_t n;
    if (c->end - c->p < 4) {
        c->bad = true;
        return NULL;
    }
    memcpy(&n, c->p, 4);
    c->p += 4;
    if (n == UINT32_MAX)
        return NULL;
    if ((size_t)(c->end - c->p) <= n || c->p[n] != '\0') {
        c->bad = true;
        return NULL;
    }
    const char *s = c->p;
    c->p += n + 1;
    return s;
}

/* One record into a; false when it is out of bounds or out of range. */
static bool cache_decode(struct govern_action *a, struct govern_action_arena *ar, struct cursor *c)
{
    int32_t v[CACHE_INTS];
    if (c->end - c->p < (ptrdiff_t)sizeof(v))
        return false;
    memcpy(v, c->p, sizeof(v));
    c->p += sizeof(v);
    if (v[3] < 0 || v[3] >= GOVERN_ACTION_N_STATUS || v[9] < 0 || v[9] > ACTION_MAX_REFERRED ||
        v[10] < 0 || v[10] > ACTION_MAX_LOG)
        return false;
    a->due = v[0];
    a->created = v[1];
    a->updated = v[2];
    a->status = (enum govern_action_status)v[3];
    a->line_id = v[4];
    a->line_committee = v[5];
    a->line_meeting = v[6];
    a->line_status = v[7];
    a->line_referred = v[8];
    a->n_referred = (size_t)v[9];
    a->n_log = (size_t)v[10];
    a->line_priority = v[11];
    const char **strs[] = {&a->id,   &a->committee, &a->meeting, &a->minute,  &a->owner,
                           &a->kind, &a->text,      &a->path,    &a->priority};
    for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
        *strs[i] = get_str(c);
    if (c->bad || !a->id || !a->committee || !a->owner || !a->text || !a->path)
        return false;
    a->referred_to = a->n_referred ? action_arena_alloc(ar, a->n_referred * sizeof(char *)) : NULL;
    a->log = a->n_log ? action_arena_alloc(ar, a->n_log * sizeof(*a->log)) : NULL;
    if ((a->n_referred && !a->referred_to) || (a->n_log && !a->log))
        return false;
    for (size_t k = 0; k < a->n_referred; k++)
        if (!(a->referred_to[k] = get_str(c)))
            return false;
    for (size_t k = 0; k < a->n_log && !c->bad; k++) {
        struct govern_action_log_entry *e = &a->log[k];
        int32_t v4[4];
        for (size_t i = 0; i < 4; i++)
            v4[i] = get_i32(c);
        e->date = v4[0], e->status = v4[1], e->due = v4[2], e->line = v4[3];
        e->by = get_str(c);
        e->note = get_str(c);
        if (!e->by || e->status < -1 || e->status >= GOVERN_ACTION_N_STATUS)
            return false;
    }
    return !c->bad;
}

/* 1: loaded from the cache (filtered by keep, sorted); 0: a miss (r is
 * left empty). */
static int cache_load(struct govern_action_register *r, struct govern_snapshot *snap,
                      const char *key, govern_action_keep_fn keep, void *ctx)
{
    struct govern_cache *cache = NULL;
    if (govern_cache_read(&cache, snap, CACHE_NAME, key) || !cache) {
        govern_error_clear();
        return 0;
    }
    size_t len;
    struct cursor c = {govern_cache_data(cache, &len), NULL, false};
    uint64_t count;
    c.end = c.p + len;
    if (len < 8 || (memcpy(&count, c.p, 8), count > (len - 8) / 40)) {
        govern_cache_free(cache);
        return 0;
    }
    c.p += 8;
    struct action_mark mk = action_arena_mark(r->arena);
    struct govern_action *items = count ? calloc((size_t)count, sizeof(*items)) : NULL;
    size_t kept = 0;
    bool ok = !count || items;
    for (uint64_t i = 0; i < count && ok; i++) {
        struct action_mark am = action_arena_mark(r->arena);
        ok = cache_decode(&items[kept], r->arena, &c);
        if (ok && keep && !keep(&items[kept], ctx))
            action_arena_reset(r->arena, am);
        else
            kept++;
    }
    if (!ok || c.p != c.end) {
        free(items);
        action_arena_reset(r->arena, mk);
        govern_cache_free(cache);
        return 0;
    }
    free(r->items);
    r->items = items;
    r->count = kept;
    r->cap = (size_t)count;
    r->arena->cache = cache; /* the strings point into it */
    return 1;
}

/* Writes the cache of a whole register; failures are ignored: the cache
 * is an optimisation, and the repository may be read-only. */
static void cache_store(const struct govern_action_register *r, struct govern_snapshot *snap,
                        const char *key)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    uint64_t count = r->count;
    int rc = govern_buf_grow(&b, 8 + r->count * 256);
    if (!rc)
        rc = govern_buf_put(&b, (const char *)&count, 8);
    for (size_t i = 0; i < r->count && !rc; i++)
        rc = cache_encode(&b, &r->items[i]);
    if (!rc)
        govern_cache_write(snap, CACHE_NAME, key, b.ptr, b.len);
    govern_error_clear();
    govern_buf_free(&b);
}

/* Keeps the actions keep accepts (in order), dropping the others. */
static void filter_items(struct govern_action_register *r, govern_action_keep_fn keep, void *ctx)
{
    size_t k = 0;
    for (size_t i = 0; i < r->count; i++)
        if (keep(&r->items[i], ctx))
            r->items[k++] = r->items[i];
    r->count = k;
}

int govern_action_load_all(struct govern_action_register *r, struct govern_snapshot *snap,
                           govern_action_keep_fn keep, void *ctx, struct govern_diags *diags)
{
    int rc = action_ensure_arena(r);
    if (rc)
        return rc;
    char tree[41] = "", key[64] = "";
    bool clean = false;
    bool use_cache = !govern_cache_disabled() && r->count == 0 && !r->arena->cache;
    if (use_cache) {
        if (govern_cache_dir_key(tree, &clean, snap, GOVERN_ACTIONS_DIR) != 0) {
            govern_error_clear();
            clean = false; /* no actions/ in the commit: nothing worth caching */
        }
        use_cache = clean;
        snprintf(key, sizeof(key), "%s %s", CACHE_FORMAT, tree);
    }
    if (use_cache && cache_load(r, snap, key, keep, ctx))
        return 0;
    /* with a cache to write, every action is kept and filtered afterwards */
    struct load_ctx lc = {.r = r, .keep = use_cache ? NULL : keep, .ctx = ctx, .diags = diags};
    if ((rc = govern_snapshot_each_file(snap, GOVERN_ACTIONS_DIR, load_one, &lc)))
        return rc;
    if (r->count > 1)
        qsort(r->items, r->count, sizeof(*r->items), action_cmp);
    if (use_cache && !lc.failed)
        cache_store(r, snap, key);
    if (use_cache && keep)
        filter_items(r, keep, ctx);
    return 0;
}
