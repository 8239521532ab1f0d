/*
 * govern fsck's library half: finds what a crash can leave in a store and,
 * when asked, repairs it (docs/fsck.md).  It holds govern.lock while it
 * looks, so a running govern write is waited for rather than mistaken for a
 * crashed one; in report-only mode it changes nothing, not even the lock's
 * record.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "govern/error.h"
#include "govern/cache.h"
#include "store_priv.h"

static int add_item(struct govern_fsck_report *r, enum govern_fsck_kind kind, const char *path,
                    bool repaired, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int add_item(struct govern_fsck_report *r, enum govern_fsck_kind kind, const char *path,
                    bool repaired, const char *fmt, ...)
{
    struct govern_fsck_item *n = realloc(r->items, (r->count + 1) * sizeof(*n));
    if (!n)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    r->items = n;
    va_list ap;
    va_start(ap, fmt);
    char msg[2048];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    n[r->count].kind = kind;
    n[r->count].repaired = repaired;
    n[r->count].path = strdup(path);
    n[r->count].message = strdup(msg);
    if (!n[r->count].path || !n[r->count].message) {
        free(n[r->count].path);
        free(n[r->count].message);
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    r->count++;
    return 0;
}

void govern_fsck_report_free(struct govern_fsck_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].path);
        free(r->items[i].message);
    }
    free(r->items);
    r->items = NULL;
    r->count = 0;
}

static int fsck_git_locks(struct govern_fsck_report *r, struct govern_store *s,
                          const struct store_lock *l, bool repair)
{
    struct govern_strlist locks = GOVERN_STRLIST_INIT;
    int rc = store_git_locks_list(&locks, s);
    for (size_t i = 0; i < locks.count && !rc; i++) {
        struct store_git_lock gl;
        if (!store_git_lock_stat(&gl, s, locks.items[i], l))
            continue;
        if (gl.holder) {
            rc = add_item(r, GOVERN_FSCK_GIT_LOCK, gl.path, false,
                          "held by process %ld, a running git program: left alone", gl.holder);
        } else if (gl.ours || gl.age >= 1) {
            bool done = repair && unlink(gl.path) == 0;
            rc = add_item(r, GOVERN_FSCK_GIT_LOCK, gl.path, done,
                          "%s (last changed %.0f s ago, no process has it open)%s",
                          gl.ours ? "left by the govern write that was killed"
                                  : "left by a git program that was killed",
                          gl.age, done ? ": removed" : "");
        } else {
            rc = add_item(r, GOVERN_FSCK_GIT_LOCK, gl.path, false,
                          "made a moment ago, probably by a running git program: left alone; "
                          "run govern fsck again");
        }
    }
    govern_strlist_free(&locks);
    return rc;
}

static int fsck_journal(struct govern_fsck_report *r, struct govern_store *s,
                        const struct store_lock *l, bool repair)
{
    char path[PATH_MAX], *what = NULL;
    snprintf(path, sizeof(path), "%sgovern/journal", s->gitdir);
    if (!store_journal_exists(s))
        return 0;
    int rc = 0;
    if (repair && !s->bare)
        rc = store_git_lock_check(s, "index.lock", l);
    if (!rc)
        rc = store_journal_replay(s, &what, !repair);
    if (rc == GOVERN_EINVAL && repair) {
        char why[1024];
        snprintf(why, sizeof(why), "%s", govern_error_last());
        rc = add_item(r, GOVERN_FSCK_JOURNAL, path, unlink(path) == 0, "%s: removed", why);
    } else if (rc && rc != GOVERN_ENOMEM) {
        char why[1024];
        snprintf(why, sizeof(why), "%s", govern_error_last());
        rc = add_item(r, GOVERN_FSCK_JOURNAL, path, false, "unfinished write: %s", why);
    } else if (!rc) {
        rc = add_item(r, GOVERN_FSCK_JOURNAL, path, repair, "unfinished write: %s", what);
    }
    free(what);
    return rc;
}

static int fsck_dir_temps(struct govern_fsck_report *r, const char *dir, const char *marker,
                          bool hidden_only, bool repair, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int rc = 0;
    struct dirent *de;
    while (!rc && (de = readdir(d))) {
        char path[PATH_MAX];
        struct stat st;
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") || !strcmp(de->d_name, ".git"))
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (depth > 0 && de->d_name[0] != '.')
                rc = fsck_dir_temps(r, path, marker, hidden_only, repair, depth - 1);
            continue;
        }
        long pid = store_temp_pid(de->d_name, marker);
        bool journal_tmp = !strcmp(de->d_name, "journal.tmp");
        if (!S_ISREG(st.st_mode) || (hidden_only && de->d_name[0] != '.') ||
            (!journal_tmp && (!pid || store_pid_alive(pid))))
            continue;
        bool done = repair && unlinkat(dirfd(d), de->d_name, 0) == 0;
        rc = add_item(r, GOVERN_FSCK_TEMP, path, done,
                      "temporary file of a govern process that is gone%s", done ? ": removed" : "");
    }
    closedir(d);
    return rc;
}

static bool cache_intact(const char *path, const struct govern_cache_kind *k)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    FILE *f = fopen(path, "rbe");
    bool ok = false;
    if (f) {
        char chunk[65536];
        size_t n;
        int rc = 0;
        while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
            rc = govern_buf_put(&b, chunk, n);
        ok = !rc && !ferror(f) && k->intact(b.ptr ? b.ptr : "", b.len);
        fclose(f);
    }
    govern_buf_free(&b);
    govern_error_clear();
    return ok;
}

static bool name_matches(const char *name, const struct govern_cache_kind *k)
{
    size_t n = strlen(name), pl = strlen(k->prefix), sl = strlen(k->suffix);
    return n >= pl + sl && !strncmp(name, k->prefix, pl) && !strcmp(name + n - sl, k->suffix);
}

static int fsck_caches(struct govern_fsck_report *r, struct govern_store *s, bool repair,
                       const struct govern_cache_kind *const *caches, size_t n_caches)
{
    static const struct govern_cache_kind stamp = {"worktree-", ".stamp", store_stamp_intact};
    static const struct govern_cache_kind service = {GOVERN_CACHE_PREFIX, GOVERN_CACHE_SUFFIX,
                                                     govern_cache_intact};
    char dir[PATH_MAX];
    snprintf(dir, sizeof(dir), "%sgovern", s->gitdir);
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int rc = 0;
    struct dirent *de;
    while (!rc && (de = readdir(d))) {
        const struct govern_cache_kind *k = name_matches(de->d_name, &stamp)     ? &stamp
                                            : name_matches(de->d_name, &service) ? &service
                                                                                 : NULL;
        for (size_t i = 0; !k && i < n_caches; i++)
            if (name_matches(de->d_name, caches[i]))
                k = caches[i];
        char path[PATH_MAX];
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        if (!k || cache_intact(path, k))
            continue;
        bool done = repair && unlink(path) == 0;
        rc = add_item(r, GOVERN_FSCK_CACHE, path, done,
                      "cache fails its checksum (a derived file: govern rebuilds it)%s",
                      done ? ": removed" : "");
    }
    closedir(d);
    return rc;
}

int govern_store_fsck(struct govern_fsck_report *out, struct govern_store *s, bool repair,
                      const struct govern_cache_kind *const *caches, size_t n_caches)
{
    struct store_lock l;
    char path[PATH_MAX];
    memset(out, 0, sizeof(*out));
    int rc = store_lock_take(&l, s, !repair, -1);
    if (rc)
        return rc;
    snprintf(path, sizeof(path), "%sgovern.lock", s->gitdir);
    if (l.prev_dead)
        rc = add_item(out, GOVERN_FSCK_LOCK, path, repair,
                      "names govern process %ld on %s, which died while writing%s", l.prev_pid,
                      l.prev_host, repair ? ": cleared" : "");
    if (!rc)
        rc = fsck_git_locks(out, s, &l, repair);
    if (!rc)
        rc = fsck_journal(out, s, &l, repair);
    snprintf(path, sizeof(path), "%sgovern", s->gitdir);
    if (!rc)
        rc = fsck_dir_temps(out, path, ".", false, repair, 0);
    if (!rc && !s->bare)
        rc = fsck_dir_temps(out, s->workdir, ".govern-", true, repair, 8);
    if (!rc)
        rc = fsck_caches(out, s, repair, caches, n_caches);
    if (!rc && repair)
        store_lock_recovered(&l);
    store_lock_release(&l);
    if (rc)
        govern_fsck_report_free(out);
    return rc;
}
