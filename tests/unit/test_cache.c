/*
 * Unit tests of the store's cache service (include/govern/cache.h): a hit
 * gives back exactly what was written, aligned and mapped; another key, a
 * damaged or short file and a disabled service are misses; a write is
 * atomic (a reader keeps what it mapped; no temporary file is left);
 * govern fsck finds a damaged cache and --repair removes it; the key of a
 * directory is clean only while the work tree matches HEAD.
 */
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "helpers.h"

struct fixture {
    char root[64];
    char store[96];
    char file[200]; /* the cache file of the name "reg" */
    struct govern_store *s;
    struct govern_snapshot *snap;
};

static int put_actions(struct govern_change *chg, struct govern_snapshot *head, void *ctx)
{
    (void)head;
    const char *text = ctx;
    int rc = govern_change_put(chg, "actions/A-2020-001.md", text, strlen(text));
    return rc ? rc : govern_change_message(chg, "Add an action");
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    strcpy(f->root, "/tmp/govern-cache-XXXXXX");
    if (!mkdtemp(f->root)) {
        free(f);
        return -1;
    }
    snprintf(f->store, sizeof(f->store), "%s/store", f->root);
    snprintf(f->file, sizeof(f->file), "%s/.git/govern/cache-reg.bin", f->store);
    setenv("GOVERN_AUTHOR_NAME", "Test Clerk", 1);
    setenv("GOVERN_AUTHOR_EMAIL", "clerk@example.gov.uk", 1);
    setenv("GOVERN_COMMIT_TIME", "1600000000", 1);
    unsetenv("GOVERN_NO_CACHE");
    struct govern_commit_info info;
    if (govern_store_init(&f->s, f->store, "format: 1\nbody: Test Council\n", "Create") ||
        govern_store_transact(&info, f->s, put_actions, (void *)"---\nid: x\n---\n") ||
        govern_store_snapshot(&f->snap, f->s, NULL)) {
        print_error("setup: %s\n", govern_error_last());
        return -1;
    }
    *state = f;
    return 0;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    govern_snapshot_free(f->snap);
    govern_store_free(f->s);
    nftw(f->root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    free(f);
    return 0;
}

/* The payload of a hit as a string (NULL on a miss); frees the handle. */
static char *read_payload(struct fixture *f, const char *key)
{
    struct govern_cache *c = NULL;
    assert_ok(govern_cache_read(&c, f->snap, "reg", key));
    if (!c)
        return NULL;
    size_t len;
    const char *p = govern_cache_data(c, &len);
    assert_int_equal((uintptr_t)p % 16, 0);
    char *s = strndup(p, len);
    govern_cache_free(c);
    return s;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* Flips one byte of the file at off (from the end when negative). */
static void flip_byte(const char *path, long off)
{
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    if (off < 0)
        off += file_size(path);
    unsigned char c;
    assert_int_equal(pread(fd, &c, 1, off), 1);
    c ^= 0x20;
    assert_int_equal(pwrite(fd, &c, 1, off), 1);
    close(fd);
}

static void test_cache__hit_gives_back_what_was_written(void **state)
{
    struct fixture *f = *state;
    assert_null(read_payload(f, "k1"));
    assert_ok(govern_cache_write(f->snap, "reg", "k1", "hello, register", 15));
    char *s = read_payload(f, "k1");
    assert_string_equal(s, "hello, register");
    free(s);
    /* an empty payload is a hit too */
    assert_ok(govern_cache_write(f->snap, "reg", "k2", "", 0));
    struct govern_cache *c = NULL;
    assert_ok(govern_cache_read(&c, f->snap, "reg", "k2"));
    assert_non_null(c);
    size_t len = 99;
    govern_cache_data(c, &len);
    assert_int_equal(len, 0);
    govern_cache_free(c);
    govern_cache_free(NULL);
}

static void test_cache__another_key_is_a_miss(void **state)
{
    struct fixture *f = *state;
    assert_ok(govern_cache_write(f->snap, "reg", "tree-aaaa", "A", 1));
    assert_null(read_payload(f, "tree-bbbb"));
    assert_null(read_payload(f, "tree-aaa"));
    assert_null(read_payload(f, ""));
    /* one key per name: the last written replaces the first */
    assert_ok(govern_cache_write(f->snap, "reg", "tree-bbbb", "B", 1));
    assert_null(read_payload(f, "tree-aaaa"));
    char *s = read_payload(f, "tree-bbbb");
    assert_string_equal(s, "B");
    free(s);
}

static void test_cache__damaged_file_is_a_miss(void **state)
{
    struct fixture *f = *state;
    static const char payload[] = "0123456789abcdef0123456789abcdef";
    long offsets[] = {0, 9, 13, 17, 25, 33, -1, -16};
    for (size_t i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
        assert_ok(govern_cache_write(f->snap, "reg", "k", payload, sizeof(payload) - 1));
        flip_byte(f->file, offsets[i]);
        assert_null(read_payload(f, "k"));
    }
    /* short: cut anywhere */
    for (long cut = 0; cut < 90; cut += 7) {
        assert_ok(govern_cache_write(f->snap, "reg", "k", payload, sizeof(payload) - 1));
        assert_int_equal(truncate(f->file, cut), 0);
        assert_null(read_payload(f, "k"));
    }
    /* a byte too many */
    assert_ok(govern_cache_write(f->snap, "reg", "k", payload, sizeof(payload) - 1));
    FILE *fp = fopen(f->file, "ab");
    assert_non_null(fp);
    fputc('x', fp);
    fclose(fp);
    assert_null(read_payload(f, "k"));
    /* and a good one reads again */
    assert_ok(govern_cache_write(f->snap, "reg", "k", payload, sizeof(payload) - 1));
    char *s = read_payload(f, "k");
    assert_string_equal(s, payload);
    free(s);
}

static void test_cache__write_is_atomic(void **state)
{
    struct fixture *f = *state;
    assert_ok(govern_cache_write(f->snap, "reg", "k", "first", 5));
    struct govern_cache *old = NULL;
    assert_ok(govern_cache_read(&old, f->snap, "reg", "k"));
    assert_non_null(old);
    long ino_before = 0;
    struct stat st;
    assert_int_equal(stat(f->file, &st), 0);
    ino_before = (long)st.st_ino;
    assert_ok(govern_cache_write(f->snap, "reg", "k", "second", 6));
    /* a new file took the name; the reader still has the old one whole */
    assert_int_equal(stat(f->file, &st), 0);
    assert_true((long)st.st_ino != ino_before);
    size_t len;
    const char *p = govern_cache_data(old, &len);
    assert_int_equal(len, 5);
    assert_memory_equal(p, "first", 5);
    govern_cache_free(old);
    char *s = read_payload(f, "k");
    assert_string_equal(s, "second");
    free(s);
    /* no temporary file left behind */
    char dir[200];
    snprintf(dir, sizeof(dir), "%s/.git/govern", f->store);
    struct govern_fsck_report r;
    assert_ok(govern_store_fsck(&r, f->s, false, NULL, 0));
    assert_int_equal(r.count, 0);
    govern_fsck_report_free(&r);
    /* a write that cannot be made is an error, and leaves the old file */
    assert_int_equal(chmod(dir, 0500), 0);
    if (access(dir, W_OK) != 0) { /* (root writes anyway) */
        assert_err(govern_cache_write(f->snap, "reg", "k", "third", 5), GOVERN_EIO, "cache-reg");
        s = read_payload(f, "k");
        assert_string_equal(s, "second");
        free(s);
    }
    assert_int_equal(chmod(dir, 0755), 0);
}

static void test_cache__fsck_finds_and_removes_a_damaged_cache(void **state)
{
    struct fixture *f = *state;
    assert_ok(govern_cache_write(f->snap, "reg", "k", "payload", 7));
    struct govern_fsck_report r;
    assert_ok(govern_store_fsck(&r, f->s, false, NULL, 0));
    assert_int_equal(r.count, 0);
    govern_fsck_report_free(&r);
    flip_byte(f->file, -2);
    assert_ok(govern_store_fsck(&r, f->s, false, NULL, 0));
    assert_int_equal(r.count, 1);
    assert_int_equal(r.items[0].kind, GOVERN_FSCK_CACHE);
    assert_contains(r.items[0].path, "cache-reg.bin");
    govern_fsck_report_free(&r);
    assert_true(file_size(f->file) > 0);
    assert_ok(govern_store_fsck(&r, f->s, true, NULL, 0));
    assert_int_equal(r.count, 1);
    assert_true(r.items[0].repaired);
    govern_fsck_report_free(&r);
    assert_int_equal(file_size(f->file), -1);
}

static void test_cache__disabled_reads_and_writes_nothing(void **state)
{
    struct fixture *f = *state;
    assert_ok(govern_cache_write(f->snap, "reg", "k", "kept", 4));
    setenv("GOVERN_NO_CACHE", "1", 1);
    assert_true(govern_cache_disabled());
    assert_null(read_payload(f, "k"));
    assert_ok(govern_cache_write(f->snap, "reg", "k", "new", 3));
    setenv("GOVERN_NO_CACHE", "0", 1);
    assert_false(govern_cache_disabled());
    char *s = read_payload(f, "k");
    assert_string_equal(s, "kept");
    free(s);
    unsetenv("GOVERN_NO_CACHE");
}

static void test_cache__names_and_keys_are_checked(void **state)
{
    struct fixture *f = *state;
    struct govern_cache *c = NULL;
    assert_err(govern_cache_read(&c, f->snap, "../x", "k"), GOVERN_EINVAL, "invalid cache name");
    assert_err(govern_cache_write(f->snap, "", "k", "x", 1), GOVERN_EINVAL, "invalid cache name");
    assert_err(govern_cache_write(f->snap, "Reg", "k", "x", 1), GOVERN_EINVAL, "cache name");
    char key[GOVERN_CACHE_KEY_MAX + 2];
    memset(key, 'k', sizeof(key) - 1);
    key[sizeof(key) - 1] = '\0';
    assert_err(govern_cache_write(f->snap, "reg", key, "x", 1), GOVERN_EINVAL, "invalid key");
    key[GOVERN_CACHE_KEY_MAX] = '\0'; /* the longest key works */
    assert_ok(govern_cache_write(f->snap, "reg", key, "x", 1));
    char *s = read_payload(f, key);
    assert_string_equal(s, "x");
    free(s);
    assert_false(govern_cache_intact(NULL, 0));
    assert_false(govern_cache_intact("GVCACHE1", 8));
}

static void test_cache__dir_key_is_clean_only_while_the_files_match(void **state)
{
    struct fixture *f = *state;
    char key[41], again[41];
    bool clean = false;
    assert_ok(govern_cache_dir_key(key, &clean, f->snap, "actions"));
    assert_int_equal(strlen(key), 40);
    assert_true(clean);
    assert_err(govern_cache_dir_key(again, &clean, f->snap, "nothing-here"), GOVERN_ENOTFOUND,
               "nothing-here");
    assert_false(clean);
    /* a clerk's edit behind the cache's back */
    char path[200];
    snprintf(path, sizeof(path), "%s/actions/A-2020-001.md", f->store);
    FILE *fp = fopen(path, "a");
    assert_non_null(fp);
    fputs("edited\n", fp);
    fclose(fp);
    assert_ok(govern_cache_dir_key(again, &clean, f->snap, "actions"));
    assert_string_equal(again, key); /* still HEAD's tree ... */
    assert_false(clean);             /* ... but not what the work tree holds */
    /* a commit's snapshot is always clean */
    struct govern_snapshot *head = NULL;
    assert_ok(govern_store_snapshot(&head, f->s, "HEAD"));
    assert_ok(govern_cache_dir_key(again, &clean, head, "actions"));
    assert_string_equal(again, key);
    assert_true(clean);
    govern_snapshot_free(head);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_cache__hit_gives_back_what_was_written, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_cache__another_key_is_a_miss, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache__damaged_file_is_a_miss, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache__write_is_atomic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache__fsck_finds_and_removes_a_damaged_cache, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_cache__disabled_reads_and_writes_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_cache__names_and_keys_are_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache__dir_key_is_clean_only_while_the_files_match,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
