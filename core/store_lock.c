/*
 * Locks a killed writer can leave behind.
 *
 * govern.lock ($GIT_DIR/govern.lock) is an flock: the kernel releases it
 * when its holder dies, so it can never be stale as a lock.  While held, the
 * file records the holder (pid, host, start); a clean release empties it, so
 * a record found by the next holder means the previous one died in the
 * middle of a write, and "since" (carried over until recovery is done) is
 * when that write began.
 *
 * git's own lock files (refs/heads/main.lock, index.lock, ...) do not say
 * who made them.  While govern holds govern.lock no other govern writer can
 * be making one, so a lock file is either a dead govern writer's leftover or
 * a live git program's.  It is taken as the dead writer's (and removed) only
 * when a dead holder was recorded, the file was made after that holder's
 * write began, it belongs to this user and no process on this host has it
 * open; otherwise the caller gets an error naming the file and the remedy,
 * at once, instead of retrying for seconds.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "govern/error.h"
#include "store_priv.h"

void store_crash_point(const char *name)
{
    const char *at = getenv("GOVERN_TEST_CRASH_AT");
    if (at && !strcmp(at, name))
        raise(SIGKILL);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool store_pid_alive(long pid)
{
    return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* The pid in a temporary file's name: NAME.PID.tmp or .NAME.govern-PID.tmp. */
long store_temp_pid(const char *name, const char *marker)
{
    size_t n = strlen(name);
    if (n < 5 || strcmp(name + n - 4, ".tmp"))
        return 0;
    const char *end = name + n - 4, *p = end;
    while (p > name && p[-1] >= '0' && p[-1] <= '9')
        p--;
    size_t ml = strlen(marker);
    if (p == end || (size_t)(p - name) < ml || strncmp(p - ml, marker, ml))
        return 0;
    return strtol(p, NULL, 10);
}

static double lock_timeout(void)
{
    const char *v = getenv("GOVERN_LOCK_TIMEOUT");
    char *end;
    double t = v && *v ? strtod(v, &end) : 60;
    return v && *v && (*end || t < 0) ? 60 : t;
}

/* The record's fields; false when there is none (the lock was released). */
static bool record_read(int fd, long *pid, char *host, size_t hn, int64_t *since)
{
    char buf[512];
    ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    struct stat st;
    *pid = 0;
    *since = fstat(fd, &st) == 0 ? (int64_t)st.st_mtime : 0;
    snprintf(host, hn, "?");
    for (char *line = buf, *nl; line && *line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (!strncmp(line, "pid ", 4))
            *pid = strtol(line + 4, NULL, 10);
        else if (!strncmp(line, "host ", 5))
            snprintf(host, hn, "%s", line + 5);
        else if (!strncmp(line, "since ", 6))
            *since = strtoll(line + 6, NULL, 10);
    }
    return true;
}

static void record_write(int fd, int64_t since)
{
    char host[128] = "", buf[512];
    gethostname(host, sizeof(host) - 1);
    int n = snprintf(buf, sizeof(buf), "govern-lock 1\npid %ld\nhost %s\nsince %lld\n",
                     (long)getpid(), host, (long long)since);
    if (ftruncate(fd, 0) == 0 && pwrite(fd, buf, (size_t)n, 0) != n)
        (void)ftruncate(fd, 0);
}

static int lock_busy(int fd, const char *path, double waited)
{
    long pid = 0;
    char host[128];
    int64_t since = 0;
    if (!record_read(fd, &pid, host, sizeof(host), &since))
        return govern_error_set(GOVERN_ECONFLICT,
                                "gave up after %.0f s waiting for %s: another govern command is "
                                "writing to this store; run the command again when it is done",
                                waited, path);
    return govern_error_set(GOVERN_ECONFLICT,
                            "gave up after %.0f s waiting for %s: govern process %ld on %s has "
                            "been writing to this store for %lld s; run the command again when "
                            "it is done (if that process hangs, stop it: the lock is released "
                            "when it exits)",
                            waited, path, pid, host, (long long)(time(NULL) - since));
}

int store_lock_take(struct store_lock *l, const struct govern_store *s, bool readonly,
                    double timeout)
{
    char path[PATH_MAX];
    memset(l, 0, sizeof(*l));
    l->fd = -1;
    l->readonly = readonly;
    snprintf(path, sizeof(path), "%sgovern.lock", s->gitdir);
    int fd = open(path, readonly ? O_RDONLY | O_CLOEXEC : O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 && readonly && errno == ENOENT)
        return 0; /* nothing was ever written here */
    if (fd < 0)
        return govern_error_set(GOVERN_EIO, "cannot open %s: %s", path, strerror(errno));
    double start = now_seconds(), limit = timeout < 0 ? lock_timeout() : timeout;
    long pause_ms = 2;
    while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR)
            continue;
        double waited = now_seconds() - start;
        if (errno != EWOULDBLOCK || waited >= limit) {
            int rc = errno == EWOULDBLOCK ? lock_busy(fd, path, waited)
                                          : govern_error_set(GOVERN_EIO, "cannot lock %s: %s", path,
                                                             strerror(errno));
            close(fd);
            return rc;
        }
        struct timespec ts = {0, pause_ms * 1000 * 1000};
        nanosleep(&ts, NULL);
        if (pause_ms < 25)
            pause_ms++;
    }
    l->fd = fd;
    l->since = (int64_t)time(NULL);
    int64_t since;
    if (record_read(fd, &l->prev_pid, l->prev_host, sizeof(l->prev_host), &since)) {
        char host[128] = "";
        gethostname(host, sizeof(host) - 1);
        l->prev_dead = true;
        l->prev_local = !strcmp(host, l->prev_host);
        l->since = since;
    }
    if (!readonly) {
        record_write(fd, l->since);
        store_crash_point("holding-lock");
    }
    return 0;
}

void store_lock_recovered(struct store_lock *l)
{
    if (l->fd < 0 || l->readonly)
        return;
    l->prev_dead = false;
    l->since = (int64_t)time(NULL);
    record_write(l->fd, l->since);
}

void store_lock_release(struct store_lock *l)
{
    if (l->fd < 0)
        return;
    if (!l->readonly)
        (void)ftruncate(l->fd, 0);
    close(l->fd);
    l->fd = -1;
}

/* A process (other than this one) that has the file (dev, ino) open; 0 when
 * none is seen.  Processes whose descriptors this user cannot read are not
 * seen: a lock file of another user is never removed (see the caller). */
static long open_by(dev_t dev, ino_t ino)
{
    DIR *proc = opendir("/proc");
    long found = 0, self = (long)getpid();
    if (!proc)
        return 0;
    struct dirent *de;
    while (!found && (de = readdir(proc))) {
        char *end;
        long pid = strtol(de->d_name, &end, 10);
        if (*end || pid <= 0 || pid == self)
            continue;
        char fds[64];
        snprintf(fds, sizeof(fds), "/proc/%ld/fd", pid);
        int dfd = open(fds, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
        if (!d) {
            if (dfd >= 0)
                close(dfd);
            continue;
        }
        struct dirent *fe;
        struct stat st;
        while ((fe = readdir(d)))
            if (fe->d_name[0] != '.' && fstatat(dirfd(d), fe->d_name, &st, 0) == 0 &&
                st.st_dev == dev && st.st_ino == ino) {
                found = pid;
                break;
            }
        closedir(d);
    }
    closedir(proc);
    return found;
}

bool store_git_lock_stat(struct store_git_lock *gl, const struct govern_store *s, const char *rel,
                         const struct store_lock *l)
{
    struct stat st;
    memset(gl, 0, sizeof(*gl));
    snprintf(gl->path, sizeof(gl->path), "%s%s", s->gitdir, rel);
    if (lstat(gl->path, &st) != 0)
        return false;
    double mtime = (double)st.st_mtim.tv_sec + (double)st.st_mtim.tv_nsec / 1e9;
    gl->age = now_seconds() - mtime;
    gl->holder = open_by(st.st_dev, st.st_ino);
    gl->ours = l && l->prev_dead && l->prev_local && !gl->holder && S_ISREG(st.st_mode) &&
               st.st_uid == getuid() && mtime >= (double)l->since - 2;
    return true;
}

int store_git_lock_check(const struct govern_store *s, const char *rel, const struct store_lock *l)
{
    struct store_git_lock gl;
    if (!store_git_lock_stat(&gl, s, rel, l))
        return 0;
    if (gl.ours && gl.age < 0.1) {
        /* made a moment ago: look again once a live git would be done */
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
        if (!store_git_lock_stat(&gl, s, rel, l))
            return 0;
    }
    if (gl.ours && unlink(gl.path) == 0)
        return 0;
    if (gl.holder)
        return govern_error_set(GOVERN_ECONFLICT,
                                "%s is held by process %ld, another git program using this "
                                "repository: run the command again when it is done",
                                gl.path, gl.holder);
    return govern_error_set(GOVERN_ECONFLICT,
                            "%s exists (last changed %.0f s ago, no process has it open): a git "
                            "program was killed or is still running; if none is running, remove "
                            "it (rm '%s', or 'govern fsck --repair') and run the command again",
                            gl.path, gl.age, gl.path);
}

static int list_refs(struct govern_strlist *out, const struct govern_store *s, const char *rel,
                     int depth)
{
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s%s", s->gitdir, rel);
    DIR *d = opendir(path);
    if (!d)
        return 0;
    int rc = 0;
    struct dirent *de;
    while (!rc && (de = readdir(d))) {
        char sub[PATH_MAX];
        struct stat st;
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        snprintf(sub, sizeof(sub), "%s/%s", rel, de->d_name);
        if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        size_t n = strlen(de->d_name);
        if (S_ISDIR(st.st_mode) && depth < 16)
            rc = list_refs(out, s, sub, depth + 1);
        else if (n > 5 && !strcmp(de->d_name + n - 5, ".lock"))
            rc = govern_strlist_add(out, sub);
    }
    closedir(d);
    return rc;
}

int store_git_locks_list(struct govern_strlist *out, const struct govern_store *s)
{
    static const char *const fixed[] = {"index.lock", "HEAD.lock", "packed-refs.lock",
                                        "config.lock", NULL};
    int rc = 0;
    for (size_t i = 0; fixed[i] && !rc; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof(path), "%s%s", s->gitdir, fixed[i]);
        if (access(path, F_OK) == 0)
            rc = govern_strlist_add(out, fixed[i]);
    }
    return rc ? rc : list_refs(out, s, "refs", 0);
}
