/*
 * Unit tests of the history index (core/store_hindex.c, kept through the
 * cache service as cache-history.bin) behind
 * govern_history_dir_times and govern_store_dir_commits: built on first
 * use, extended (not rebuilt) after new commits, rebuilt after the file is
 * damaged, after the branch is reset or rewritten, and when a new
 * top-level name is asked for; read from the middle for an older commit.
 * Every answer is compared with the answer of an index rebuilt from
 * scratch (the file removed) and with the commits the test made.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <git2.h>
#include "helpers.h"
#include "govern/cache.h"
#include "govern/history.h"
#include "store_priv.h"

struct fixture {
    char root[64];
    char store[96];
    char index[160]; /* the index file */
    struct govern_store *s;
};

static long commit_time = 1600000000;

/* A store with one commit (govern.yaml) in a fresh temporary directory. */
static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    strcpy(f->root, "/tmp/govern-hindex-XXXXXX");
    assert_non_null(mkdtemp(f->root));
    snprintf(f->store, sizeof(f->store), "%s/store", f->root);
    snprintf(f->index, sizeof(f->index), "%s/.git/govern/cache-history.bin", f->store);
    setenv("GOVERN_AUTHOR_NAME", "Test Clerk", 1);
    setenv("GOVERN_AUTHOR_EMAIL", "clerk@example.gov.uk", 1);
    assert_ok(govern_store_init(&f->s, f->store, "format: 1\nbody: Test Council\n", "init"));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    govern_store_free(f->s);
    test_remove_tree(f->root);
    free(f);
    return 0;
}

struct put {
    const char *path, *data;
};

static int put_fn(struct govern_change *chg, struct govern_snapshot *head, void *ctx)
{
    (void)head;
    const struct put *p = ctx;
    int rc = govern_change_put(chg, p->path, p->data, strlen(p->data));
    return rc ? rc : govern_change_message(chg, "write %s", p->path);
}

/* Commits data at path one minute after the previous commit; the id. */
static void commit(char id[41], struct fixture *f, const char *path, const char *data)
{
    char t[32];
    struct govern_commit_info info;
    struct put p = {path, data};
    snprintf(t, sizeof(t), "%ld", commit_time += 60);
    setenv("GOVERN_COMMIT_TIME", t, 1);
    assert_ok(govern_store_transact(&info, f->s, put_fn, &p));
    assert_int_equal(strlen(info.id), 40);
    if (id)
        memcpy(id, info.id, 41);
}

static const char *dirs[] = {"csg/2021-01-01", "csg/2021-02-01", "csp/2021-03-01", "csg/none"};
#define N_DIRS 4

/* The index's answer for rev, and what store_hindex_get did. */
static int times_of(int64_t *times, int64_t *head, struct fixture *f, const char *rev)
{
    struct store_hindex ix;
    size_t start;
    assert_ok(store_hindex_get(&ix, &start, f->s, rev, dirs, N_DIRS));
    int how = (int)ix.how;
    store_hindex_free(&ix);
    assert_ok(govern_history_dir_times(times, head, f->s, rev, dirs, N_DIRS));
    return how;
}

/* The same answer from an index rebuilt from nothing. */
static void assert_as_rebuilt(struct fixture *f, const char *rev, const int64_t *times,
                              int64_t head)
{
    int64_t fresh[N_DIRS], fresh_head;
    char saved[200];
    snprintf(saved, sizeof(saved), "%s.saved", f->index);
    assert_int_equal(rename(f->index, saved), 0);
    assert_ok(govern_history_dir_times(fresh, &fresh_head, f->s, rev, dirs, N_DIRS));
    assert_int_equal(rename(saved, f->index), 0);
    assert_int_equal(fresh_head, head);
    for (int i = 0; i < N_DIRS; i++)
        assert_int_equal(fresh[i], times[i]);
}

static bool file_intact(const char *path)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    FILE *fp = fopen(path, "rb");
    char tmp[4096];
    size_t n;
    while (fp && (n = fread(tmp, 1, sizeof(tmp), fp)) > 0)
        govern_buf_put(&b, tmp, n);
    if (fp)
        fclose(fp);
    bool ok = fp && b.len && govern_cache_intact(b.ptr, b.len);
    govern_buf_free(&b);
    return ok;
}

static void test_hindex__extends_after_new_commits(void **state)
{
    struct fixture *f = *state;
    int64_t t[N_DIRS], head;
    commit(NULL, f, "csg/2021-01-01/meeting.md", "a");
    long t1 = commit_time;
    assert_int_equal(times_of(t, &head, f, NULL), STORE_HX_REBUILT);
    assert_true(file_intact(f->index));
    assert_int_equal(t[0], t1);
    assert_int_equal(t[1], 0);
    assert_int_equal(times_of(t, &head, f, NULL), STORE_HX_LOADED);
    commit(NULL, f, "actions/A-1.md", "x");
    commit(NULL, f, "csg/2021-02-01/meeting.md", "b");
    long t3 = commit_time;
    commit(NULL, f, "csp/2021-03-01/agenda.md", "c");
    long t4 = commit_time;
    assert_int_equal(times_of(t, &head, f, NULL), STORE_HX_EXTENDED);
    assert_int_equal(t[0], t1);
    assert_int_equal(t[1], t3);
    assert_int_equal(t[2], t4);
    assert_int_equal(t[3], 0);
    assert_int_equal(head, t4);
    assert_as_rebuilt(f, NULL, t, head);
    /* the commits of one directory, newest first, from the same index */
    struct govern_log logs[N_DIRS];
    assert_ok(govern_store_dir_commits(logs, f->s, NULL, dirs, N_DIRS));
    assert_int_equal(logs[0].count, 1);
    assert_int_equal(logs[0].entries[0].time, t1);
    assert_int_equal(logs[2].count, 1);
    for (int i = 0; i < N_DIRS; i++)
        govern_log_free(&logs[i]);
    /* an older commit of this linear history is read from the middle */
    assert_int_equal(times_of(t, &head, f, "HEAD~2"), STORE_HX_POSITIONED);
    assert_int_equal(t[1], 0);
    assert_int_equal(head, t1 + 60); /* the action's commit changed the store */
    assert_as_rebuilt(f, "HEAD~2", t, head);
}

static void test_hindex__rebuilt_after_corruption(void **state)
{
    struct fixture *f = *state;
    int64_t t[N_DIRS], head;
    commit(NULL, f, "csg/2021-01-01/meeting.md", "a");
    commit(NULL, f, "csp/2021-03-01/meeting.md", "b");
    assert_int_equal(times_of(t, &head, f, NULL), STORE_HX_REBUILT);
    /* one byte flipped in the middle of the file */
    int fd = open(f->index, O_RDWR);
    assert_true(fd >= 0);
    struct stat st;
    assert_int_equal(fstat(fd, &st), 0);
    char c;
    assert_int_equal(pread(fd, &c, 1, st.st_size / 2), 1);
    c ^= 0x20;
    assert_int_equal(pwrite(fd, &c, 1, st.st_size / 2), 1);
    close(fd);
    assert_false(file_intact(f->index));
    assert_int_equal(times_of(t, &head, f, NULL), STORE_HX_REBUILT);
    assert_true(file_intact(f->index));
    assert_as_rebuilt(f, NULL, t, head);
    /* cut short */
    assert_int_equal(truncate(f->index, 20), 0);
    assert_int_equal(times_of(t, &head, f, NULL), STORE_HX_REBUILT);
    assert_int_equal(t[2], commit_time);
    /* a new top-level name asked for: rebuilt to cover it too */
    const char *other[] = {"new-body/2021-05-01"};
    struct store_hindex ix;
    size_t start;
    assert_ok(store_hindex_get(&ix, &start, f->s, NULL, other, 1));
    assert_int_equal(ix.how, STORE_HX_REBUILT);
    assert_int_equal(ix.slugs.count, 3);
    store_hindex_free(&ix);
    assert_int_equal(times_of(t, &head, f, NULL), STORE_HX_LOADED);
}

/* Moves the branch to rev, as git reset --soft would. */
static void reset_to(struct fixture *f, const char *rev)
{
    git_repository *r = NULL;
    git_object *o = NULL;
    git_reference *ref = NULL;
    assert_int_equal(git_repository_open(&r, f->store), 0);
    assert_int_equal(git_revparse_single(&o, r, rev), 0);
    assert_int_equal(git_reference_create(&ref, r, "refs/heads/main", git_object_id(o), 1, "reset"),
                     0);
    git_reference_free(ref);
    git_object_free(o);
    git_repository_free(r);
}

static void test_hindex__correct_after_reset_and_rewrite(void **state)
{
    struct fixture *f = *state;
    int64_t t[N_DIRS], head;
    char first[41];
    commit(first, f, "csg/2021-01-01/meeting.md", "a");
    long t1 = commit_time;
    commit(NULL, f, "csg/2021-02-01/meeting.md", "b");
    commit(NULL, f, "csp/2021-03-01/meeting.md", "c");
    assert_int_equal(times_of(t, &head, f, NULL), STORE_HX_REBUILT);
    assert_true(t[2] > 0);
    /* reset back: the newest commits are no longer in the history */
    reset_to(f, first);
    /* the work tree still holds the later files: make it match the head */
    char path[256];
    snprintf(path, sizeof(path), "%s/csg/2021-02-01/meeting.md", f->store);
    unlink(path);
    snprintf(path, sizeof(path), "%s/csp/2021-03-01/meeting.md", f->store);
    unlink(path);
    assert_int_equal(times_of(t, &head, f, NULL), STORE_HX_POSITIONED);
    assert_int_equal(t[0], t1);
    assert_int_equal(t[1], 0);
    assert_int_equal(t[2], 0);
    assert_int_equal(head, t1);
    /* history rewritten: a different commit on top of the old one */
    commit(NULL, f, "csp/2021-03-01/minutes.md", "d");
    long t5 = commit_time;
    assert_int_equal(times_of(t, &head, f, NULL), STORE_HX_REBUILT);
    assert_int_equal(t[0], t1);
    assert_int_equal(t[1], 0);
    assert_int_equal(t[2], t5);
    assert_as_rebuilt(f, NULL, t, head);
    /* then extended again */
    commit(NULL, f, "csg/2021-02-01/agenda.md", "e");
    assert_int_equal(times_of(t, &head, f, NULL), STORE_HX_EXTENDED);
    assert_int_equal(t[1], commit_time);
    assert_as_rebuilt(f, NULL, t, head);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_hindex__extends_after_new_commits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hindex__rebuilt_after_corruption, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hindex__correct_after_reset_and_rewrite, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
