/*
 * govern merge-file: git's merge driver for a governance store.  git runs
 * it as `govern merge-file %O %A %B %P` (configured by govern init and
 * govern sync --setup): BASE, OURS and THEIRS are temporary files, and the
 * merged result replaces OURS.  Front matter merges field by field, list
 * entries by identity, the text by line (core/merge_file.c).  Exit 0 when
 * merged, 1 with a conflict (OURS then holds conflict markers and the
 * fields in conflict are named on standard error), as git expects.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "govern/teamwork.h"

/* The bytes of a file git hands over (any content: a driver merges what
 * it is given). */
static int read_all(struct govern_buf *out, const char *path)
{
    FILE *f = fopen(path, "rbe");
    if (!f)
        return govern_error_set(GOVERN_EIO, "cannot read %s: %s", path, strerror(errno));
    char chunk[65536];
    size_t n;
    int rc = 0;
    while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        rc = govern_buf_put(out, chunk, n);
    if (!rc && ferror(f))
        rc = govern_error_set(GOVERN_EIO, "cannot read %s: %s", path, strerror(errno));
    fclose(f);
    if (!rc && out->len > 4 * GOVERN_DOC_MAX_BYTES)
        rc = govern_error_set(GOVERN_EINVAL, "%s: too large to merge", path);
    return rc;
}

static int write_all(const char *path, const char *data, size_t len)
{
    char tmp[4200];
    snprintf(tmp, sizeof(tmp), "%s.govern-merge.tmp", path);
    FILE *f = fopen(tmp, "wbe");
    bool ok = f && fwrite(data, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        return govern_error_set(GOVERN_EIO, "cannot write %s: %s", path, strerror(e));
    }
    return 0;
}

static int run(struct govern_invocation *inv)
{
    struct govern_args a;
    struct govern_buf b = GOVERN_BUF_INIT, o = GOVERN_BUF_INIT, t = GOVERN_BUF_INIT;
    struct govern_merge_result mr = {0};
    int rc = govern_args_parse(&a, NULL, inv->argc, inv->argv);
    if (rc)
        return rc;
    if ((rc = govern_args_positional(&a, 3, 4, cmd_merge_file.usage)))
        goto out;
    const char *const *p = (const char *const *)a.positional.items;
    const char *name = a.positional.count > 3 ? p[3] : p[1];
    if ((rc = read_all(&b, p[0])) || (rc = read_all(&o, p[1])) || (rc = read_all(&t, p[2])))
        goto out;
    if ((rc = govern_merge_text(&mr, name, b.ptr ? b.ptr : "", b.len, o.ptr ? o.ptr : "", o.len,
                                t.ptr ? t.ptr : "", t.len)))
        goto out;
    if ((rc = write_all(p[1], mr.text, mr.len)))
        goto out;
    if (mr.conflict) {
        govern_buf_printf(inv->err, "govern: conflict: %s", mr.message ? mr.message : "\n");
        rc = 1;
    }
out:
    govern_merge_result_clear(&mr);
    govern_buf_free(&b);
    govern_buf_free(&o);
    govern_buf_free(&t);
    govern_args_free(&a);
    return rc;
}

const struct govern_command cmd_merge_file = {
    .name = "merge-file",
    .summary = "merge three versions of a record (git's merge driver)",
    .usage = "govern merge-file BASE OURS THEIRS [PATH]",
    .help = "Merges the changes from BASE to THEIRS into OURS and writes the result to OURS,\n"
            "as a git merge driver does (git runs it as 'govern merge-file %O %A %B %P' once\n"
            "govern init or 'govern sync --setup' has configured the clone). A record's front\n"
            "matter merges field by field: two clerks who change different fields both keep\n"
            "their change; list entries (log entries, referrals, members) merge by identity, so\n"
            "entries added on both sides are all kept; 'updated' takes the later date. The text\n"
            "after the front matter merges by line. A field both sides set to different values,\n"
            "or lines both sides changed, is a conflict: OURS then holds git's conflict markers,\n"
            "the fields are named on standard error, and the exit code is 1. Other files merge\n"
            "by line. PATH names the file in messages. See docs/teamwork.md.",
    .options = NULL,
    .flags = 0,
    .run = run,
};
