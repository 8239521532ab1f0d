/*
 * Unit tests of core/outdir.c: files written whole below one directory,
 * unchanged bytes left alone (same inode and mtime), paths that could
 * escape refused, symbolic links never followed, and pruning by manifest.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "helpers.h"

static char *tmpdir(void)
{
    char tmpl[] = "/tmp/govern-outdir-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return strdup(d);
}

static void rm_rf(const char *dir)
{
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static char *slurp(const char *dir, const char *rel)
{
    char p[600];
    snprintf(p, sizeof(p), "%s/%s", dir, rel);
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void stat_of(struct stat *st, const char *dir, const char *rel)
{
    char p[600];
    snprintf(p, sizeof(p), "%s/%s", dir, rel);
    assert_int_equal(lstat(p, st), 0);
}

static void test_outdir__writes_and_leaves_unchanged_alone(void **state)
{
    (void)state;
    char *dir = tmpdir();
    char sub[600];
    snprintf(sub, sizeof(sub), "%s/new/site", dir);
    struct govern_outdir *d;
    assert_ok(govern_outdir_open(&d, sub)); /* created with its parents */
    assert_ok(govern_outdir_write(d, "a/b/index.html", "one", 3));
    assert_ok(govern_outdir_write(d, "empty.txt", NULL, 0));
    assert_string_equal(slurp(sub, "a/b/index.html"), "one");
    assert_string_equal(slurp(sub, "empty.txt"), "");
    struct stat before, after;
    stat_of(&before, sub, "a/b/index.html");
    assert_ok(govern_outdir_write(d, "a/b/index.html", "one", 3));
    stat_of(&after, sub, "a/b/index.html");
    assert_int_equal(before.st_ino, after.st_ino);
    assert_int_equal(before.st_mtim.tv_nsec, after.st_mtim.tv_nsec);
    assert_ok(govern_outdir_write(d, "a/b/index.html", "two", 3));
    assert_string_equal(slurp(sub, "a/b/index.html"), "two");
    struct govern_outdir_stats st;
    govern_outdir_stats(&st, d);
    assert_int_equal(st.written, 3);
    assert_int_equal(st.unchanged, 1);
    govern_outdir_free(d);
    govern_outdir_free(NULL);
    rm_rf(dir);
    free(dir);
}

static void test_outdir__refuses_escapes_and_symlinks(void **state)
{
    (void)state;
    char *dir = tmpdir();
    char outside[600], link[600];
    snprintf(outside, sizeof(outside), "%s/outside", dir);
    assert_int_equal(mkdir(outside, 0777), 0);
    struct govern_outdir *d;
    char site[600];
    snprintf(site, sizeof(site), "%s/site", dir);
    assert_ok(govern_outdir_open(&d, site));
    assert_err(govern_outdir_write(d, "/etc/x", "x", 1), GOVERN_EINVAL, "relative");
    assert_err(govern_outdir_write(d, "../x", "x", 1), GOVERN_EINVAL, "'..'");
    assert_err(govern_outdir_write(d, "a/../../x", "x", 1), GOVERN_EINVAL, "'..'");
    assert_err(govern_outdir_write(d, "a//x", "x", 1), GOVERN_EINVAL, "empty");
    assert_err(govern_outdir_write(d, "a/", "x", 1), GOVERN_EINVAL, "");
    assert_err(govern_outdir_write(d, ".govern-manifest", "x", 1), GOVERN_EINVAL, "dot");
    assert_err(govern_outdir_write(d, "", "x", 1), GOVERN_EINVAL, "relative");
    /* a link to a directory outside, and a link where the file goes */
    snprintf(link, sizeof(link), "%s/sub", site);
    assert_int_equal(symlink(outside, link), 0);
    assert_err(govern_outdir_write(d, "sub/x.html", "x", 1), GOVERN_EIO, "symbolic link");
    snprintf(link, sizeof(link), "%s/f.html", site);
    snprintf(outside, sizeof(outside), "%s/outside/target", dir);
    assert_int_equal(symlink(outside, link), 0);
    assert_err(govern_outdir_write(d, "f.html", "x", 1), GOVERN_EIO, "not a regular file");
    assert_null(slurp(dir, "outside/x.html"));
    assert_null(slurp(dir, "outside/target"));
    govern_outdir_free(d);
    rm_rf(dir);
    free(dir);
}

static void test_outdir__prune_removes_only_what_it_wrote(void **state)
{
    (void)state;
    char *dir = tmpdir();
    struct govern_outdir *d;
    assert_ok(govern_outdir_open(&d, dir));
    assert_ok(govern_outdir_write(d, "keep.html", "k", 1));
    assert_ok(govern_outdir_write(d, "old/deep/page.html", "o", 1));
    assert_ok(govern_outdir_write(d, "old/other.html", "o", 1));
    assert_ok(govern_outdir_prune(d));
    assert_string_equal(slurp(dir, GOVERN_OUTDIR_MANIFEST),
                        "keep.html\nold/deep/page.html\nold/other.html\n");
    govern_outdir_free(d);
    /* a file of the user's own, and a second run writing less */
    char own[600];
    snprintf(own, sizeof(own), "%s/robots.txt", dir);
    FILE *f = fopen(own, "w");
    assert_non_null(f);
    fputs("mine", f);
    fclose(f);
    assert_ok(govern_outdir_open(&d, dir));
    assert_ok(govern_outdir_write(d, "keep.html", "k", 1));
    /* another writer's file, kept: counted as this run's */
    assert_ok(govern_outdir_keep(d, "old/other.html"));
    assert_err(govern_outdir_keep(d, "robots-missing.txt"), GOVERN_EIO, "not a regular file");
    assert_err(govern_outdir_keep(d, "../x"), GOVERN_EINVAL, "'..'");
    assert_ok(govern_outdir_prune(d));
    struct govern_outdir_stats st;
    govern_outdir_stats(&st, d);
    assert_int_equal(st.removed, 1);
    assert_int_equal(st.unchanged, 1);
    assert_int_equal(st.kept, 1);
    assert_null(slurp(dir, "old/deep/page.html"));
    struct stat sb;
    char deep[600];
    snprintf(deep, sizeof(deep), "%s/old/deep", dir);
    assert_int_not_equal(lstat(deep, &sb), 0); /* the emptied directory went too */
    assert_string_equal(slurp(dir, "robots.txt"), "mine");
    assert_string_equal(slurp(dir, GOVERN_OUTDIR_MANIFEST), "keep.html\nold/other.html\n");
    govern_outdir_free(d);
    rm_rf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outdir__writes_and_leaves_unchanged_alone),
        cmocka_unit_test(test_outdir__refuses_escapes_and_symlinks),
        cmocka_unit_test(test_outdir__prune_removes_only_what_it_wrote),
    };
    return cmocka_run_group_tests_name("outdir", tests, NULL, NULL);
}
