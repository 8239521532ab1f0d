/*
 * Unit tests of core/store.c, each in a fresh temporary directory: init,
 * transactions (one commit with only the changed paths, nothing to commit,
 * refusal of paths with uncommitted edits, a retry when another program
 * moves the branch), snapshots of the work tree and of revisions, history by
 * path, tags, a store in a subdirectory, a bare repository, and symlinks in
 * the work tree.  Commits are checked independently through libgit2.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <git2.h>
#include "helpers.h"

static const char config_text[] = "format: 1\nbody: Rushmoor Borough Council\n";

struct fixture {
    char root[64];  /* the temporary directory */
    char store[96]; /* root/store */
    struct govern_store *s;
};

static long commit_time = 1600000000;

static void next_time(void)
{
    char t[32];
    snprintf(t, sizeof(t), "%ld", commit_time += 60);
    setenv("GOVERN_COMMIT_TIME", t, 1);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    strcpy(f->root, "/tmp/govern-unit-XXXXXX");
    if (!mkdtemp(f->root)) {
        free(f);
        return -1;
    }
    snprintf(f->store, sizeof(f->store), "%s/store", f->root);
    setenv("GOVERN_AUTHOR_NAME", "Test Clerk", 1);
    setenv("GOVERN_AUTHOR_EMAIL", "clerk@example.gov.uk", 1);
    next_time();
    git_libgit2_init();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    govern_store_free(f->s);
    test_remove_tree(f->root);
    git_libgit2_shutdown();
    free(f);
    return 0;
}

/* ------------------------------------------------------------- helpers */

static void write_file(const char *dir, const char *rel, const char *content)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    for (char *p = path + strlen(dir) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0777);
            *p = '/';
        }
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(content, fp);
    fclose(fp);
}

static char *read_file(const char *dir, const char *rel)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    FILE *fp = fopen(path, "r");
    if (!fp)
        return NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    char tmp[4096];
    size_t n;
    while ((n = fread(tmp, 1, sizeof(tmp), fp)) > 0)
        govern_buf_put(&b, tmp, n);
    fclose(fp);
    return govern_buf_detach(&b);
}

static bool exists(const char *dir, const char *rel)
{
    char path[512];
    struct stat st;
    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    return lstat(path, &st) == 0;
}

/* A transaction that puts and deletes fixed paths. */
struct edit {
    const char *path;
    const char *data; /* NULL: delete */
};

struct txn {
    const struct edit *edits;
    const char *message;
    const char *tag, *tag_message;
    int calls;
    bool head_was_commit;
    void (*on_first_call)(void *);
    void *on_first_ctx;
};

static int txn_fn(struct govern_change *chg, struct govern_snapshot *head, void *ctx)
{
    struct txn *t = ctx;
    t->calls++;
    t->head_was_commit = govern_snapshot_is_commit(head);
    if (t->calls == 1 && t->on_first_call)
        t->on_first_call(t->on_first_ctx);
    int rc = 0;
    for (const struct edit *e = t->edits; e && e->path && !rc; e++)
        rc = e->data ? govern_change_put(chg, e->path, e->data, strlen(e->data))
                     : govern_change_delete(chg, e->path);
    if (!rc && t->message)
        rc = govern_change_message(chg, "%s", t->message);
    if (!rc && t->tag)
        rc = govern_change_tag(chg, t->tag, t->tag_message);
    return rc;
}

static int apply(struct govern_store *s, struct govern_commit_info *info, const struct edit *edits,
                 const char *message)
{
    struct txn t = {0};
    t.edits = edits;
    t.message = message;
    next_time();
    return govern_store_transact(info, s, txn_fn, &t);
}

/* The id of HEAD's commit in the repository at dir ("" when unborn). */
static void head_id(char out[41], const char *dir)
{
    git_repository *r = NULL;
    git_oid id;
    assert_int_equal(git_repository_open_ext(&r, dir, 0, NULL), 0);
    if (git_reference_name_to_id(&id, r, "HEAD") == 0)
        git_oid_tostr(out, 41, &id);
    else
        out[0] = '\0';
    git_repository_free(r);
}

/* Paths (repository-relative) changed by commit rev against its first parent, sorted
 * and joined with spaces. */
static char *changed_paths(const char *dir, const char *rev)
{
    git_repository *r = NULL;
    git_object *obj = NULL;
    git_commit *c = NULL, *parent = NULL;
    git_tree *tree = NULL, *ptree = NULL;
    git_diff *diff = NULL;
    assert_int_equal(git_repository_open_ext(&r, dir, 0, NULL), 0);
    assert_int_equal(git_revparse_single(&obj, r, rev), 0);
    assert_int_equal(git_commit_lookup(&c, r, git_object_id(obj)), 0);
    assert_int_equal(git_commit_tree(&tree, c), 0);
    if (git_commit_parentcount(c) > 0) {
        assert_int_equal(git_commit_parent(&parent, c, 0), 0);
        assert_int_equal(git_commit_tree(&ptree, parent), 0);
    }
    assert_int_equal(git_diff_tree_to_tree(&diff, r, ptree, tree, NULL), 0);
    struct govern_strlist l = GOVERN_STRLIST_INIT;
    for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        govern_strlist_add(&l, d->new_file.path ? d->new_file.path : d->old_file.path);
    }
    govern_strlist_sort(&l);
    struct govern_buf b = GOVERN_BUF_INIT;
    for (size_t i = 0; i < l.count; i++)
        govern_buf_printf(&b, "%s%s", i ? " " : "", l.items[i]);
    govern_strlist_free(&l);
    git_diff_free(diff);
    git_tree_free(tree);
    git_tree_free(ptree);
    git_commit_free(parent);
    git_commit_free(c);
    git_object_free(obj);
    git_repository_free(r);
    return govern_buf_detach(&b);
}

/* Number of entries git status reports for the whole repository. */
static size_t status_count(const char *dir)
{
    git_repository *r = NULL;
    git_status_list *l = NULL;
    git_status_options o;
    git_status_options_init(&o, GIT_STATUS_OPTIONS_VERSION);
    o.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
    assert_int_equal(git_repository_open_ext(&r, dir, 0, NULL), 0);
    assert_int_equal(git_status_list_new(&l, r, &o), 0);
    size_t n = git_status_list_entrycount(l);
    for (size_t i = 0; i < n; i++) {
        const git_status_entry *e = git_status_byindex(l, i);
        const git_diff_delta *d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
        print_message("status: %s %x\n", d ? d->new_file.path : "?", e->status);
    }
    git_status_list_free(l);
    git_repository_free(r);
    return n;
}

static struct govern_store *init_store(struct fixture *f)
{
    assert_ok(govern_store_init(&f->s, f->store, config_text, "Create the store"));
    static const struct edit files[] = {
        {"snh-csp/committee.md", "---\nname: Safer North Hampshire CSP\n---\n"},
        {"snh-csp/2020-01-16/meeting.md", "---\nuid: a@govern\ndate: 2020-01-16\n---\n"},
        {"csg/committee.md", "---\nname: Community Safety Strategy Group\n---\n"},
        {NULL, NULL},
    };
    struct govern_commit_info info;
    assert_ok(apply(f->s, &info, files, "Add committees"));
    assert_int_equal(strlen(info.id), 40);
    return f->s;
}

/* ------------------------------------------------------------------ init */

static void test_store__init_creates_repository_and_commits_config(void **state)
{
    struct fixture *f = *state;
    assert_ok(govern_store_init(&f->s, f->store, config_text, "Create the store"));
    assert_false(govern_store_is_bare(f->s));
    assert_string_equal(govern_store_prefix(f->s), "");
    char real[PATH_MAX];
    assert_non_null(realpath(f->store, real));
    assert_string_equal(govern_store_workdir(f->s), real);
    /* one commit on main holding govern.yaml, in the work tree too, and a clean status */
    git_repository *r = NULL;
    git_reference *head = NULL;
    git_commit *c = NULL;
    git_oid id;
    assert_int_equal(git_repository_open(&r, f->store), 0);
    assert_int_equal(git_reference_lookup(&head, r, "HEAD"), 0);
    assert_string_equal(git_reference_symbolic_target(head), "refs/heads/main");
    assert_int_equal(git_reference_name_to_id(&id, r, "HEAD"), 0);
    assert_int_equal(git_commit_lookup(&c, r, &id), 0);
    assert_int_equal(git_commit_parentcount(c), 0);
    assert_string_equal(git_commit_summary(c), "Create the store");
    assert_string_equal(git_commit_author(c)->name, "Test Clerk");
    assert_string_equal(git_commit_author(c)->email, "clerk@example.gov.uk");
    assert_int_equal(git_commit_time(c), commit_time);
    git_commit_free(c);
    git_reference_free(head);
    git_repository_free(r);
    char *paths = changed_paths(f->store, "HEAD");
    assert_string_equal(paths, "govern.yaml");
    free(paths);
    char *cfg = read_file(f->store, "govern.yaml");
    assert_string_equal(cfg, config_text);
    free(cfg);
    assert_int_equal(status_count(f->store), 0);
    /* the snapshot reads it; a second init is refused */
    struct govern_snapshot *snap = NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_store_snapshot(&snap, f->s, NULL));
    assert_false(govern_snapshot_is_commit(snap));
    assert_ok(govern_snapshot_read(&b, snap, "govern.yaml"));
    assert_string_equal(b.ptr, config_text);
    govern_snapshot_free(snap);
    govern_buf_free(&b);
    struct govern_store *again = NULL;
    char before[41], after[41];
    head_id(before, f->store);
    assert_err(govern_store_init(&again, f->store, config_text, "Again"), GOVERN_EEXISTS,
               "already a governance store");
    assert_null(again);
    head_id(after, f->store);
    assert_string_equal(before, after);
}

static void test_store__open_discovers_the_store(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    struct govern_store *s = NULL;
    char sub[256];
    snprintf(sub, sizeof(sub), "%s/snh-csp/2020-01-16", f->store);
    assert_ok(govern_store_open(&s, sub, NULL));
    assert_string_equal(govern_store_prefix(s), "");
    struct govern_snapshot *snap = NULL;
    assert_ok(govern_store_snapshot(&snap, s, NULL));
    assert_true(govern_snapshot_exists(snap, "csg/committee.md"));
    govern_snapshot_free(snap);
    govern_store_free(s);
    /* not a repository; a repository without govern.yaml */
    assert_err(govern_store_open(&s, f->root, NULL), GOVERN_ENOTFOUND, "not in a git repository");
    char plain[256];
    snprintf(plain, sizeof(plain), "%s/plain", f->root);
    git_repository *r = NULL;
    assert_int_equal(git_repository_init(&r, plain, 0), 0);
    git_repository_free(r);
    assert_err(govern_store_open(&s, plain, NULL), GOVERN_ENOTFOUND, "govern.yaml");
}

/* ---------------------------------------------------------- transactions */

static void test_store__transact_commits_only_changed_paths(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    char before[41], after[41];
    head_id(before, f->store);
    static const struct edit edits[] = {
        {"snh-csp/committee.md", "---\nname: Safer North Hampshire CSP\nquorum: 5\n---\n"},
        {"csg/committee.md", "---\nname: Community Safety Strategy Group\n---\n"}, /* same */
        {"csg/2021-03-01/meeting.md", "---\nuid: b@govern\ndate: 2021-03-01\n---\n"},
        {NULL, NULL},
    };
    struct govern_commit_info info;
    struct txn t = {0};
    t.edits = edits;
    t.message = "Set the quorum and add a meeting\n\nLonger explanation.";
    next_time();
    assert_ok(govern_store_transact(&info, f->s, txn_fn, &t));
    assert_int_equal(t.calls, 1);
    assert_true(t.head_was_commit); /* the callback sees the branch head, not the work tree */
    head_id(after, f->store);
    assert_string_equal(info.id, after);
    assert_string_not_equal(before, after);
    /* one commit on top of the previous head */
    char *paths = changed_paths(f->store, "HEAD");
    assert_string_equal(paths, "csg/2021-03-01/meeting.md snh-csp/committee.md");
    free(paths);
    git_repository *r = NULL;
    git_object *parent = NULL;
    assert_int_equal(git_repository_open(&r, f->store), 0);
    assert_int_equal(git_revparse_single(&parent, r, "HEAD~1"), 0);
    char pid[41];
    git_oid_tostr(pid, sizeof(pid), git_object_id(parent));
    assert_string_equal(pid, before);
    git_object_free(parent);
    git_repository_free(r);
    /* work tree and index follow */
    char *text = read_file(f->store, "csg/2021-03-01/meeting.md");
    assert_string_equal(text, edits[2].data);
    free(text);
    text = read_file(f->store, "snh-csp/committee.md");
    assert_string_equal(text, edits[0].data);
    free(text);
    assert_int_equal(status_count(f->store), 0);
}

static int nothing_fn(struct govern_change *chg, struct govern_snapshot *head, void *ctx)
{
    (void)chg;
    (void)head;
    (*(int *)ctx)++;
    return 0;
}

static void test_store__nothing_to_commit(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    char before[41], after[41];
    head_id(before, f->store);
    struct govern_commit_info info;
    int calls = 0;
    strcpy(info.id, "garbage");
    assert_ok(govern_store_transact(&info, f->s, nothing_fn, &calls));
    assert_int_equal(calls, 1);
    assert_string_equal(info.id, "");
    /* writing identical content is nothing to commit either */
    static const struct edit same[] = {
        {"csg/committee.md", "---\nname: Community Safety Strategy Group\n---\n"},
        {"csg/absent.md", NULL}, /* deleting what is not there */
        {NULL, NULL},
    };
    assert_ok(apply(f->s, &info, same, "No-op"));
    assert_string_equal(info.id, "");
    head_id(after, f->store);
    assert_string_equal(before, after);
    /* a callback error aborts without a commit */
    assert_err(
        apply(f->s, &info, (const struct edit[]){{"../escape.md", "x"}, {NULL, NULL}}, "Escape"),
        GOVERN_EINVAL, "../escape.md");
    head_id(after, f->store);
    assert_string_equal(before, after);
    assert_false(exists(f->root, "escape.md"));
}

static void test_store__refuses_path_with_uncommitted_edits(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    char before[41], after[41];
    head_id(before, f->store);
    const char *edited = "---\nname: Edited by hand, not committed\n---\n";
    write_file(f->store, "csg/committee.md", edited);
    struct govern_commit_info info;
    static const struct edit touch[] = {
        {"snh-csp/committee.md", "---\nname: X\n---\n"},
        {"csg/committee.md", "---\nname: Overwrite\n---\n"},
        {NULL, NULL},
    };
    assert_err(apply(f->s, &info, touch, "Overwrite"), GOVERN_EDIRTY, "csg/committee.md");
    assert_contains(govern_error_last(), "uncommitted edits");
    head_id(after, f->store);
    assert_string_equal(before, after);
    assert_string_equal(info.id, "");
    /* nothing was written: the hand edit and the other path are as they were */
    char *text = read_file(f->store, "csg/committee.md");
    assert_string_equal(text, edited);
    free(text);
    text = read_file(f->store, "snh-csp/committee.md");
    assert_string_equal(text, "---\nname: Safer North Hampshire CSP\n---\n");
    free(text);
    /* deleting a path with edits is refused too */
    assert_err(apply(f->s, &info, (const struct edit[]){{"csg/committee.md", NULL}, {NULL, NULL}},
                     "Delete"),
               GOVERN_EDIRTY, "csg/committee.md");
    /* edits elsewhere do not block other paths, and survive the transaction */
    static const struct edit other[] = {{"snh-csp/committee.md", "---\nname: Y\n---\n"},
                                        {NULL, NULL}};
    assert_ok(apply(f->s, &info, other, "Other path"));
    assert_int_equal(strlen(info.id), 40);
    text = read_file(f->store, "csg/committee.md");
    assert_string_equal(text, edited);
    free(text);
    /* an untracked file in the way */
    write_file(f->store, "csg/2021-03-01/meeting.md", "untracked\n");
    head_id(before, f->store);
    assert_err(apply(f->s, &info,
                     (const struct edit[]){{"csg/2021-03-01/meeting.md", "new"}, {NULL, NULL}},
                     "New meeting"),
               GOVERN_EDIRTY, "is new and not committed");
    head_id(after, f->store);
    assert_string_equal(before, after);
    text = read_file(f->store, "csg/2021-03-01/meeting.md");
    assert_string_equal(text, "untracked\n");
    free(text);
}

static void test_store__refuses_path_with_staged_edits(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    /* stage an edit, then put the file back as committed: only the index differs */
    const char *committed = "---\nname: Community Safety Strategy Group\n---\n";
    write_file(f->store, "csg/committee.md", "staged\n");
    git_repository *r = NULL;
    git_index *idx = NULL;
    assert_int_equal(git_repository_open(&r, f->store), 0);
    assert_int_equal(git_repository_index(&idx, r), 0);
    assert_int_equal(git_index_add_bypath(idx, "csg/committee.md"), 0);
    assert_int_equal(git_index_write(idx), 0);
    git_index_free(idx);
    git_repository_free(r);
    write_file(f->store, "csg/committee.md", committed);
    char before[41], after[41];
    head_id(before, f->store);
    struct govern_commit_info info;
    assert_err(
        apply(f->s, &info,
              (const struct edit[]){{"csg/committee.md", "---\nname: Z\n---\n"}, {NULL, NULL}},
              "Overwrite"),
        GOVERN_EDIRTY, "has staged changes");
    head_id(after, f->store);
    assert_string_equal(before, after);
}

static void test_store__delete_removes_file_and_empty_directories(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    struct govern_commit_info info;
    static const struct edit del[] = {{"snh-csp/2020-01-16/meeting.md", NULL}, {NULL, NULL}};
    assert_ok(apply(f->s, &info, del, "Remove the meeting"));
    assert_int_equal(strlen(info.id), 40);
    char *paths = changed_paths(f->store, "HEAD");
    assert_string_equal(paths, "snh-csp/2020-01-16/meeting.md");
    free(paths);
    assert_false(exists(f->store, "snh-csp/2020-01-16/meeting.md"));
    assert_false(exists(f->store, "snh-csp/2020-01-16"));
    assert_true(exists(f->store, "snh-csp/committee.md"));
    assert_int_equal(status_count(f->store), 0);
}

static int change_get_fn(struct govern_change *chg, struct govern_snapshot *head, void *ctx)
{
    (void)head;
    (void)ctx;
    bool touched = true;
    assert_null(govern_change_get(chg, "a.md", &touched));
    assert_false(touched);
    assert_ok(govern_change_put(chg, "a.md", "first", 5));
    assert_ok(govern_change_put(chg, "a.md", "A", 1)); /* the last put wins */
    assert_string_equal(govern_change_get(chg, "a.md", &touched), "A");
    assert_true(touched);
    assert_ok(govern_change_delete(chg, "csg/committee.md"));
    assert_null(govern_change_get(chg, "csg/committee.md", &touched));
    assert_true(touched);
    assert_null(govern_change_get(chg, "b.md", NULL));
    assert_err(govern_change_put(chg, "/abs.md", "x", 1), GOVERN_EINVAL, NULL);
    return govern_change_message(chg, "Put %s, delete %s", "a.md", "csg/committee.md");
}

static void test_store__change_get_and_message(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    struct govern_commit_info info;
    next_time();
    assert_ok(govern_store_transact(&info, f->s, change_get_fn, NULL));
    char *paths = changed_paths(f->store, "HEAD");
    assert_string_equal(paths, "a.md csg/committee.md");
    free(paths);
    char *text = read_file(f->store, "a.md");
    assert_string_equal(text, "A");
    free(text);
    struct govern_log log;
    assert_ok(govern_store_log(&log, f->s, NULL, "", 1));
    assert_string_equal(log.entries[0].summary, "Put a.md, delete csg/committee.md");
    govern_log_free(&log);
    /* a change without a message is an internal error, and nothing is committed */
    char before[41], after[41];
    head_id(before, f->store);
    assert_err(apply(f->s, &info, (const struct edit[]){{"b.md", "B"}, {NULL, NULL}}, NULL),
               GOVERN_EINVAL, "without a message");
    head_id(after, f->store);
    assert_string_equal(before, after);
    assert_false(exists(f->store, "b.md"));
}

/* Another program (git itself) commits while govern's callback runs. */
struct outside {
    const char *repo;
    const char *path, *data;
};

static void outside_commit(void *ctx)
{
    struct outside *o = ctx;
    git_repository *r = NULL;
    git_oid head, blob, tree_id, cid;
    git_commit *parent = NULL;
    git_tree *base = NULL, *tree = NULL;
    git_signature *sig = NULL;
    assert_int_equal(git_repository_open(&r, o->repo), 0);
    assert_int_equal(git_reference_name_to_id(&head, r, "HEAD"), 0);
    assert_int_equal(git_commit_lookup(&parent, r, &head), 0);
    assert_int_equal(git_commit_tree(&base, parent), 0);
    assert_int_equal(git_blob_create_from_buffer(&blob, r, o->data, strlen(o->data)), 0);
    git_tree_update up = {.action = GIT_TREE_UPDATE_UPSERT,
                          .id = blob,
                          .filemode = GIT_FILEMODE_BLOB,
                          .path = o->path};
    assert_int_equal(git_tree_create_updated(&tree_id, r, base, 1, &up), 0);
    assert_int_equal(git_tree_lookup(&tree, r, &tree_id), 0);
    assert_int_equal(git_signature_new(&sig, "Outside", "outside@example.org", 1600000000, 0), 0);
    const git_commit *parents[] = {parent};
    assert_int_equal(
        git_commit_create(&cid, r, "HEAD", sig, sig, NULL, "Outside commit", tree, 1, parents), 0);
    git_signature_free(sig);
    git_tree_free(tree);
    git_tree_free(base);
    git_commit_free(parent);
    git_repository_free(r);
}

static void test_store__retries_when_branch_moves(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    struct outside o = {f->store, "outside.md", "from elsewhere\n"};
    static const struct edit edits[] = {{"csg/notes.md", "govern\n"}, {NULL, NULL}};
    struct txn t = {0};
    t.edits = edits;
    t.message = "Govern's change";
    t.on_first_call = outside_commit;
    t.on_first_ctx = &o;
    struct govern_commit_info info;
    next_time();
    assert_ok(govern_store_transact(&info, f->s, txn_fn, &t));
    assert_int_equal(t.calls, 2); /* rebuilt on the new head */
    /* govern's commit sits on top of the outside one and keeps it */
    char *paths = changed_paths(f->store, "HEAD");
    assert_string_equal(paths, "csg/notes.md");
    free(paths);
    paths = changed_paths(f->store, "HEAD~1");
    assert_string_equal(paths, "outside.md");
    free(paths);
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_store_read_at(&b, f->s, "HEAD", "outside.md"));
    assert_string_equal(b.ptr, "from elsewhere\n");
    govern_buf_free(&b);
}

/* ------------------------------------------------------------- snapshots */

static void test_store__snapshot_work_tree_versus_rev(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    struct govern_commit_info info;
    static const struct edit v2[] = {{"csg/committee.md", "---\nname: CSG v2\n---\n"},
                                     {NULL, NULL}};
    assert_ok(apply(f->s, &info, v2, "v2"));
    write_file(f->store, "csg/committee.md", "---\nname: CSG work tree\n---\n");

    struct govern_snapshot *wt = NULL, *head = NULL, *prev = NULL, *byid = NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_store_snapshot(&wt, f->s, NULL));
    assert_ok(govern_store_snapshot(&head, f->s, "HEAD"));
    assert_ok(govern_store_snapshot(&prev, f->s, "HEAD~1"));
    assert_ok(govern_store_snapshot(&byid, f->s, info.id));
    assert_false(govern_snapshot_is_commit(wt));
    assert_true(govern_snapshot_is_commit(head));
    assert_ok(govern_snapshot_read(&b, wt, "csg/committee.md"));
    assert_string_equal(b.ptr, "---\nname: CSG work tree\n---\n");
    assert_ok(govern_snapshot_read(&b, head, "csg/committee.md"));
    assert_string_equal(b.ptr, "---\nname: CSG v2\n---\n");
    assert_ok(govern_snapshot_read(&b, byid, "csg/committee.md"));
    assert_string_equal(b.ptr, "---\nname: CSG v2\n---\n");
    assert_ok(govern_snapshot_read(&b, prev, "csg/committee.md"));
    assert_string_equal(b.ptr, "---\nname: Community Safety Strategy Group\n---\n");
    /* absent files, directories, bad paths */
    assert_err(govern_snapshot_read(&b, wt, "nope.md"), GOVERN_ENOTFOUND, "nope.md");
    assert_err(govern_snapshot_read(&b, head, "nope.md"), GOVERN_ENOTFOUND, "nope.md");
    assert_err(govern_snapshot_read(&b, head, "csg"), GOVERN_EINVAL, "not a regular file");
    assert_err(govern_snapshot_read(&b, wt, "csg"), GOVERN_EINVAL, "not a regular file");
    assert_err(govern_snapshot_read(&b, wt, "../outside"), GOVERN_EINVAL, NULL);
    assert_err(govern_snapshot_read(&b, wt, "/etc/passwd"), GOVERN_EINVAL, NULL);
    assert_err(govern_snapshot_read(&b, head, ".git/config"), GOVERN_EINVAL, NULL);
    /* a record's file: an absent one named as the record, a bad path as before */
    assert_ok(govern_snapshot_read_record(&b, head, "csg/committee.md", "unknown committee"));
    assert_string_equal(b.ptr, "---\nname: CSG v2\n---\n");
    assert_err(govern_snapshot_read_record(&b, head, "nope/committee.md", "unknown committee '%s'",
                                           "nope"),
               GOVERN_ENOTFOUND, "unknown committee 'nope' (no nope/committee.md)");
    assert_err(govern_snapshot_read_record(&b, wt, "csg", "x"), GOVERN_EINVAL,
               "not a regular file");
    assert_true(govern_snapshot_exists(head, "snh-csp/2020-01-16/meeting.md"));
    assert_false(govern_snapshot_exists(head, "snh-csp/2020-01-17/meeting.md"));
    /* a file only in the work tree */
    write_file(f->store, "draft/committee.md", "draft");
    assert_true(govern_snapshot_exists(wt, "draft/committee.md"));
    assert_false(govern_snapshot_exists(head, "draft/committee.md"));
    /* listings: sorted, by type, hidden names skipped, absent directory empty */
    write_file(f->store, ".hidden/x", "x");
    struct govern_strlist l = GOVERN_STRLIST_INIT;
    assert_ok(govern_snapshot_list(&l, wt, "", GOVERN_ENTRY_DIR));
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0], "csg");
    assert_string_equal(l.items[1], "draft");
    assert_string_equal(l.items[2], "snh-csp");
    govern_strlist_free(&l);
    assert_ok(govern_snapshot_list(&l, head, "", GOVERN_ENTRY_DIR | GOVERN_ENTRY_FILE));
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0], "csg");
    assert_string_equal(l.items[1], "govern.yaml");
    assert_string_equal(l.items[2], "snh-csp");
    govern_strlist_free(&l);
    assert_ok(govern_snapshot_list(&l, head, "snh-csp", GOVERN_ENTRY_FILE));
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0], "committee.md");
    govern_strlist_free(&l);
    assert_ok(govern_snapshot_list(&l, head, "nothing-here", GOVERN_ENTRY_FILE));
    assert_int_equal(l.count, 0);
    govern_strlist_free(&l);
    /* unknown revisions */
    struct govern_snapshot *bad = NULL;
    assert_err(govern_store_snapshot(&bad, f->s, "no-such-branch"), GOVERN_ENOTFOUND,
               "no-such-branch");
    assert_null(bad);
    assert_err(govern_store_read_at(&b, f->s, "HEAD~99", "csg/committee.md"), GOVERN_ENOTFOUND,
               NULL);
    assert_err(govern_store_read_at(&b, f->s, NULL, "csg/committee.md"), GOVERN_EINVAL, NULL);
    govern_buf_free(&b);
    govern_snapshot_free(wt);
    govern_snapshot_free(head);
    govern_snapshot_free(prev);
    govern_snapshot_free(byid);
}

static void test_store__snapshot_refuses_oversize_files(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    char *big = malloc(GOVERN_DOC_MAX_BYTES + 2);
    assert_non_null(big);
    memset(big, 'x', GOVERN_DOC_MAX_BYTES + 1);
    big[GOVERN_DOC_MAX_BYTES + 1] = '\0';
    write_file(f->store, "big.md", big);
    free(big);
    struct govern_snapshot *wt = NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_store_snapshot(&wt, f->s, NULL));
    assert_err(govern_snapshot_read(&b, wt, "big.md"), GOVERN_EINVAL,
               "big.md:1: file is too large");
    govern_buf_free(&b);
    govern_snapshot_free(wt);
}

static void test_store__snapshot_refuses_symlinks(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    char link[512], dirlink[512];
    /* a file that is a symlink: to a file outside the store, and to one inside it */
    snprintf(link, sizeof(link), "%s/csg/secret.md", f->store);
    assert_int_equal(symlink("/etc/passwd", link), 0);
    snprintf(link, sizeof(link), "%s/csg/config.md", f->store);
    assert_int_equal(symlink("../govern.yaml", link), 0);
    /* a directory that is a symlink */
    snprintf(dirlink, sizeof(dirlink), "%s/etc", f->store);
    assert_int_equal(symlink("/etc", dirlink), 0);
    snprintf(dirlink, sizeof(dirlink), "%s/alias", f->store);
    assert_int_equal(symlink("csg", dirlink), 0);

    struct govern_snapshot *wt = NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_store_snapshot(&wt, f->s, NULL));
    assert_err(govern_snapshot_read(&b, wt, "csg/secret.md"), GOVERN_EINVAL, "symbolic link");
    assert_null(b.ptr ? strstr(b.ptr, "root") : NULL);
    assert_err(govern_snapshot_read(&b, wt, "csg/config.md"), GOVERN_EINVAL, "symbolic link");
    assert_int_equal(b.len, 0);
    /* through a symlinked directory: refused (whatever the code), nothing read */
    assert_true(govern_snapshot_read(&b, wt, "etc/passwd") < 0);
    assert_int_equal(b.len, 0);
    assert_true(govern_snapshot_read(&b, wt, "alias/committee.md") < 0);
    assert_int_equal(b.len, 0);
    /* a link is an entry (so a record replaced by one is reported, not
     * ignored); nothing exists below a linked directory */
    assert_true(govern_snapshot_exists(wt, "csg/secret.md"));
    assert_false(govern_snapshot_exists(wt, "alias/committee.md"));
    /* listings skip symlinks */
    struct govern_strlist l = GOVERN_STRLIST_INIT;
    assert_ok(govern_snapshot_list(&l, wt, "", GOVERN_ENTRY_DIR | GOVERN_ENTRY_FILE));
    assert_false(govern_strlist_contains(&l, "etc"));
    assert_false(govern_strlist_contains(&l, "alias"));
    govern_strlist_free(&l);
    assert_ok(govern_snapshot_list(&l, wt, "csg", GOVERN_ENTRY_FILE));
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0], "committee.md");
    govern_strlist_free(&l);
    assert_ok(govern_snapshot_list(&l, wt, "alias", GOVERN_ENTRY_FILE));
    assert_int_equal(l.count, 0);
    govern_strlist_free(&l);
    govern_buf_free(&b);
    govern_snapshot_free(wt);
}

/* --------------------------------------------------------------- history */

static void test_store__log_by_path(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    struct govern_commit_info c1, c2, c3;
    assert_ok(apply(f->s, &c1, (const struct edit[]){{"csg/committee.md", "v2"}, {NULL, NULL}},
                    "CSG: version 2"));
    assert_ok(apply(f->s, &c2, (const struct edit[]){{"snh-csp/committee.md", "v2"}, {NULL, NULL}},
                    "SNH: version 2"));
    assert_ok(apply(f->s, &c3,
                    (const struct edit[]){{"csg/committee.md", "v3"},
                                          {"csg/2021-03-01/meeting.md", "m"},
                                          {NULL, NULL}},
                    "CSG: version 3 and a meeting\n\nBody of the message."));
    struct govern_log log;
    assert_ok(govern_store_log(&log, f->s, NULL, "csg/committee.md", 0));
    assert_int_equal(log.count, 3); /* c3, c1 and "Add committees" */
    assert_string_equal(log.entries[0].id, c3.id);
    assert_string_equal(log.entries[0].summary, "CSG: version 3 and a meeting");
    assert_string_equal(log.entries[0].author, "Test Clerk <clerk@example.gov.uk>");
    assert_int_equal(log.entries[0].time, commit_time);
    assert_int_equal(log.entries[0].tz_offset, 0);
    assert_int_equal(log.entries[0].paths.count, 1);
    assert_string_equal(log.entries[0].paths.items[0], "csg/committee.md");
    assert_string_equal(log.entries[1].id, c1.id);
    assert_string_equal(log.entries[2].summary, "Add committees");
    govern_log_free(&log);
    /* a directory */
    assert_ok(govern_store_log(&log, f->s, NULL, "csg", 0));
    assert_int_equal(log.count, 3);
    assert_int_equal(log.entries[0].paths.count, 2);
    govern_log_free(&log);
    /* the whole store, with a limit */
    assert_ok(govern_store_log(&log, f->s, NULL, "", 0));
    assert_int_equal(log.count, 5);
    assert_string_equal(log.entries[4].summary, "Create the store");
    govern_log_free(&log);
    assert_ok(govern_store_log(&log, f->s, NULL, "", 2));
    assert_int_equal(log.count, 2);
    assert_string_equal(log.entries[1].id, c2.id);
    govern_log_free(&log);
    /* from an older revision; a path never written */
    assert_ok(govern_store_log(&log, f->s, c2.id, "csg/committee.md", 0));
    assert_int_equal(log.count, 2);
    assert_string_equal(log.entries[0].id, c1.id);
    govern_log_free(&log);
    assert_ok(govern_store_log(&log, f->s, NULL, "never/written.md", 0));
    assert_int_equal(log.count, 0);
    govern_log_free(&log);
    assert_err(govern_store_log(&log, f->s, NULL, "../x", 0), GOVERN_EINVAL, NULL);
    assert_err(govern_store_log(&log, f->s, "no-such-rev", "", 0), GOVERN_ENOTFOUND, "no-such-rev");
}

/* Every commit that changed each directory, from one walk; a commit
 * touching only other top-level directories (an action register) is no
 * change of a meeting directory, and one touching two directories is in
 * both logs. */
static void test_store__dir_commits(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    struct govern_commit_info c1, c2, c3;
    assert_ok(apply(f->s, &c1,
                    (const struct edit[]){{"csg/2021-03-01/meeting.md", "m"}, {NULL, NULL}},
                    "CSG: a meeting"));
    assert_ok(apply(f->s, &c2, (const struct edit[]){{"actions/X-2021-001.md", "a"}, {NULL, NULL}},
                    "An action"));
    assert_ok(apply(f->s, &c3,
                    (const struct edit[]){{"csg/2021-03-01/minutes.md", "mn"},
                                          {"snh-csp/2021-04-01/meeting.md", "m"},
                                          {NULL, NULL}},
                    "Minutes and another meeting"));
    const char *dirs[] = {"snh-csp/2021-04-01", "csg/2021-03-01", "csg/2099-01-01",
                          "csg/2021-03-01"};
    struct govern_log logs[4];
    assert_ok(govern_store_dir_commits(logs, f->s, NULL, dirs, 4));
    assert_int_equal(logs[0].count, 1);
    assert_string_equal(logs[0].entries[0].id, c3.id);
    assert_int_equal(logs[0].entries[0].time, commit_time);
    assert_int_equal(logs[1].count, 2); /* newest first, not the action */
    assert_string_equal(logs[1].entries[0].id, c3.id);
    assert_string_equal(logs[1].entries[1].id, c1.id);
    assert_int_equal(logs[2].count, 0);
    assert_int_equal(logs[3].count, 2); /* asked twice: both get it */
    for (int i = 0; i < 4; i++)
        govern_log_free(&logs[i]);
    /* from an older revision */
    assert_ok(govern_store_dir_commits(logs, f->s, c2.id, dirs, 2));
    assert_int_equal(logs[0].count, 0);
    assert_int_equal(logs[1].count, 1);
    assert_string_equal(logs[1].entries[0].id, c1.id);
    govern_log_free(&logs[0]);
    govern_log_free(&logs[1]);
    assert_err(govern_store_dir_commits(logs, f->s, "no-such-rev", dirs, 2), GOVERN_ENOTFOUND,
               "no-such-rev");
}

static void test_store__tags(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    const char *minutes = "---\nitems: []\n---\nApproved minutes.\n";
    struct txn t = {0};
    t.edits = (const struct edit[]){{"snh-csp/2020-01-16/minutes.md", minutes}, {NULL, NULL}};
    t.message = "Approve the minutes of snh-csp/2020-01-16";
    t.tag = "minutes/snh-csp/2020-01-16";
    t.tag_message = "Minutes approved as a correct record";
    struct govern_commit_info info;
    next_time();
    assert_ok(govern_store_transact(&info, f->s, txn_fn, &t));
    /* an annotated tag pointing at the new commit */
    git_repository *r = NULL;
    git_tag *tag = NULL;
    git_oid id;
    assert_int_equal(git_repository_open(&r, f->store), 0);
    assert_int_equal(git_reference_name_to_id(&id, r, "refs/tags/minutes/snh-csp/2020-01-16"), 0);
    assert_int_equal(git_tag_lookup(&tag, r, &id), 0);
    char target[41];
    git_oid_tostr(target, sizeof(target), git_tag_target_id(tag));
    assert_string_equal(target, info.id);
    assert_string_equal(git_tag_message(tag), "Minutes approved as a correct record");
    git_tag_free(tag);
    git_repository_free(r);
    /* the tagged content stays readable after later changes */
    assert_ok(
        apply(f->s, &info,
              (const struct edit[]){{"snh-csp/2020-01-16/minutes.md", "changed\n"}, {NULL, NULL}},
              "Change the minutes"));
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_store_read_at(&b, f->s, "minutes/snh-csp/2020-01-16",
                                   "snh-csp/2020-01-16/minutes.md"));
    assert_string_equal(b.ptr, minutes);
    govern_buf_free(&b);
    /* a tag that exists already: refused, and nothing is committed */
    char before[41], after[41];
    head_id(before, f->store);
    t.calls = 0;
    t.edits = (const struct edit[]){{"snh-csp/2020-01-16/minutes.md", "again\n"}, {NULL, NULL}};
    next_time();
    assert_true(govern_store_transact(&info, f->s, txn_fn, &t) < 0);
    head_id(after, f->store);
    assert_string_equal(before, after);
    char *text = read_file(f->store, "snh-csp/2020-01-16/minutes.md");
    assert_string_equal(text, "changed\n");
    free(text);
}

/* ------------------------------------------------ other repository shapes */

static void test_store__store_in_a_subdirectory(void **state)
{
    struct fixture *f = *state;
    char repo[256], store[300], deep[320];
    snprintf(repo, sizeof(repo), "%s/project", f->root);
    snprintf(store, sizeof(store), "%s/meetings", repo);
    git_repository *r = NULL;
    assert_int_equal(git_repository_init(&r, repo, 0), 0);
    git_repository_free(r);
    write_file(repo, "README.md", "The project's own files\n");
    assert_ok(govern_store_init(&f->s, store, config_text, "Create the store"));
    assert_string_equal(govern_store_prefix(f->s), "meetings");
    char *paths = changed_paths(repo, "HEAD");
    assert_string_equal(paths, "meetings/govern.yaml");
    free(paths);
    struct govern_commit_info info;
    assert_ok(
        apply(f->s, &info,
              (const struct edit[]){{"csg/committee.md", "---\nname: CSG\n---\n"}, {NULL, NULL}},
              "Add CSG"));
    paths = changed_paths(repo, "HEAD");
    assert_string_equal(paths, "meetings/csg/committee.md");
    free(paths);
    assert_true(exists(store, "csg/committee.md"));
    assert_false(exists(repo, "csg"));
    /* the project's untracked README is left alone */
    char *text = read_file(repo, "README.md");
    assert_string_equal(text, "The project's own files\n");
    free(text);
    /* opening from inside the store finds it; from the repository root it does not,
     * unless the path is given */
    struct govern_store *s = NULL;
    snprintf(deep, sizeof(deep), "%s/csg", store);
    assert_ok(govern_store_open(&s, deep, NULL));
    assert_string_equal(govern_store_prefix(s), "meetings");
    struct govern_snapshot *snap = NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_store_snapshot(&snap, s, "HEAD"));
    assert_ok(govern_snapshot_read(&b, snap, "csg/committee.md"));
    assert_string_equal(b.ptr, "---\nname: CSG\n---\n");
    assert_ok(govern_snapshot_read(&b, snap, "govern.yaml"));
    assert_err(govern_snapshot_read(&b, snap, "README.md"), GOVERN_ENOTFOUND, NULL);
    struct govern_strlist l = GOVERN_STRLIST_INIT;
    assert_ok(govern_snapshot_list(&l, snap, "", GOVERN_ENTRY_DIR | GOVERN_ENTRY_FILE));
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0], "csg");
    assert_string_equal(l.items[1], "govern.yaml");
    govern_strlist_free(&l);
    govern_snapshot_free(snap);
    struct govern_log log;
    assert_ok(govern_store_log(&log, s, NULL, "csg/committee.md", 0));
    assert_int_equal(log.count, 1);
    assert_string_equal(log.entries[0].paths.items[0], "csg/committee.md");
    govern_log_free(&log);
    govern_store_free(s);
    s = NULL;
    assert_err(govern_store_open(&s, repo, NULL), GOVERN_ENOTFOUND, "govern.yaml");
    struct govern_store_opts o = GOVERN_STORE_OPTS_INIT;
    o.store_path = "meetings";
    assert_ok(govern_store_open(&s, repo, &o));
    assert_string_equal(govern_store_prefix(s), "meetings");
    govern_store_free(s);
    govern_buf_free(&b);
}

/* Makes a bare repository whose main branch holds meetings/govern.yaml. */
static void make_bare(const char *path)
{
    git_repository *r = NULL;
    git_repository_init_options io;
    git_repository_init_options_init(&io, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
    io.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
    io.initial_head = "main";
    assert_int_equal(git_repository_init_ext(&r, path, &io), 0);
    git_oid blob, tree_id, cid;
    git_tree *empty = NULL, *tree = NULL;
    git_treebuilder *tb = NULL;
    git_oid empty_id;
    assert_int_equal(git_treebuilder_new(&tb, r, NULL), 0);
    assert_int_equal(git_treebuilder_write(&empty_id, tb), 0);
    git_treebuilder_free(tb);
    assert_int_equal(git_tree_lookup(&empty, r, &empty_id), 0);
    assert_int_equal(git_blob_create_from_buffer(&blob, r, config_text, strlen(config_text)), 0);
    git_tree_update up = {.action = GIT_TREE_UPDATE_UPSERT,
                          .id = blob,
                          .filemode = GIT_FILEMODE_BLOB,
                          .path = "meetings/govern.yaml"};
    assert_int_equal(git_tree_create_updated(&tree_id, r, empty, 1, &up), 0);
    assert_int_equal(git_tree_lookup(&tree, r, &tree_id), 0);
    git_signature *sig = NULL;
    assert_int_equal(git_signature_new(&sig, "Setup", "setup@example.org", 1600000000, 0), 0);
    assert_int_equal(
        git_commit_create(&cid, r, "HEAD", sig, sig, NULL, "Bare store", tree, 0, NULL), 0);
    git_signature_free(sig);
    git_tree_free(tree);
    git_tree_free(empty);
    git_repository_free(r);
}

static void test_store__bare_repository(void **state)
{
    struct fixture *f = *state;
    char bare[256];
    snprintf(bare, sizeof(bare), "%s/store.git", f->root);
    make_bare(bare);
    assert_ok(govern_store_open(&f->s, bare, NULL));
    assert_true(govern_store_is_bare(f->s));
    assert_null(govern_store_workdir(f->s));
    assert_string_equal(govern_store_prefix(f->s), "meetings");
    /* the default snapshot is HEAD */
    struct govern_snapshot *snap = NULL;
    struct govern_buf b = GOVERN_BUF_INIT;
    assert_ok(govern_store_snapshot(&snap, f->s, NULL));
    assert_true(govern_snapshot_is_commit(snap));
    assert_ok(govern_snapshot_read(&b, snap, "govern.yaml"));
    assert_string_equal(b.ptr, config_text);
    govern_snapshot_free(snap);
    /* and writing works without a work tree */
    struct govern_commit_info info;
    assert_ok(
        apply(f->s, &info,
              (const struct edit[]){{"csg/committee.md", "---\nname: CSG\n---\n"}, {NULL, NULL}},
              "Add CSG"));
    char *paths = changed_paths(bare, "HEAD");
    assert_string_equal(paths, "meetings/csg/committee.md");
    free(paths);
    assert_ok(govern_store_read_at(&b, f->s, "HEAD", "csg/committee.md"));
    assert_string_equal(b.ptr, "---\nname: CSG\n---\n");
    govern_buf_free(&b);
}

/* ------------------------------------------------------------ path checks */

static void test_store__path_checks(void **state)
{
    (void)state;
    assert_ok(govern_path_check_segment("slug", "crime-and-disorder"));
    assert_ok(govern_path_check_segment("slug", "2021-03-01"));
    char long_slug[66];
    memset(long_slug, 'a', 65);
    long_slug[65] = '\0';
    const char *const bad_segments[] = {"",   "..",    "a/b",  "/abs", ".hidden", "-x",
                                        "UP", "sp ce", "a..b", "é",    "a_b",     long_slug};
    for (size_t i = 0; i < sizeof(bad_segments) / sizeof(bad_segments[0]); i++)
        if (govern_path_check_segment("slug", bad_segments[i]) != GOVERN_EINVAL) {
            print_error("accepted segment '%s'\n", bad_segments[i]);
            fail();
        }
    assert_int_equal(govern_path_check_segment("slug", NULL), GOVERN_EINVAL);
    assert_ok(govern_path_check_relative("path", "csg/2021-03-01/reports/annual review.md"));
    static const char *const bad_paths[] = {
        "",          "/etc/passwd", "../x",      "a/../b", "a//b", "a/./b", "./a", ".git/config",
        "a/.hidden", "a\\b",        "tab\there", ".",      "a/",   "a/b/"};
    for (size_t i = 0; i < sizeof(bad_paths) / sizeof(bad_paths[0]); i++)
        if (govern_path_check_relative("path", bad_paths[i]) != GOVERN_EINVAL) {
            print_error("accepted path '%s'\n", bad_paths[i]);
            fail();
        }
}

/* --------------------------------------------------------------- adopt */

struct adopt_txn {
    const char *path, *data, *expected;
    void (*during)(void *);
    void *during_ctx;
};

static int adopt_fn(struct govern_change *chg, struct govern_snapshot *head, void *ctx)
{
    (void)head;
    struct adopt_txn *t = ctx;
    int rc = govern_change_adopt(chg, t->path, t->data, strlen(t->data), t->expected,
                                 strlen(t->expected));
    if (!rc)
        rc = govern_change_message(chg, "Adopt %s", t->path);
    if (!rc && t->during)
        t->during(t->during_ctx);
    return rc;
}

struct rewrite {
    const char *dir, *path, *text;
};

static void rewrite_file(void *ctx)
{
    struct rewrite *r = ctx;
    write_file(r->dir, r->path, r->text);
}

static void test_store__adopt_commits_the_edit_that_was_read(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    struct govern_commit_info info;
    char before[41], after[41];
    const char *edited = "---\nname: Edited by hand\n---\n";
    write_file(f->store, "csg/committee.md", edited);
    /* the edit the command read is still there: committed (normalised) */
    struct adopt_txn t = {"csg/committee.md", "---\nname: Edited by hand (normalised)\n---\n",
                          edited, NULL, NULL};
    next_time();
    assert_ok(govern_store_transact(&info, f->s, adopt_fn, &t));
    assert_int_equal(strlen(info.id), 40);
    char *text = read_file(f->store, "csg/committee.md");
    assert_string_equal(text, t.data);
    free(text);
    assert_int_equal(status_count(f->store), 0);
    char *paths = changed_paths(f->store, "HEAD");
    assert_string_equal(paths, "csg/committee.md");
    free(paths);

    /* the file changed between reading and committing: nothing is committed */
    write_file(f->store, "csg/committee.md", "---\nname: Read\n---\n");
    head_id(before, f->store);
    struct adopt_txn stale = {"csg/committee.md", "---\nname: Read\n---\n",
                              "---\nname: Something older\n---\n", NULL, NULL};
    next_time();
    assert_err(govern_store_transact(&info, f->s, adopt_fn, &stale), GOVERN_EDIRTY,
               "csg/committee.md changed in the work tree");
    head_id(after, f->store);
    assert_string_equal(before, after);
    text = read_file(f->store, "csg/committee.md");
    assert_string_equal(text, "---\nname: Read\n---\n");
    free(text);

    /* saved again while the command ran (before its check): refused too */
    struct rewrite rw = {f->store, "csg/committee.md", "---\nname: Saved meanwhile\n---\n"};
    struct adopt_txn racing = {"csg/committee.md", "---\nname: Read\n---\n",
                               "---\nname: Read\n---\n", rewrite_file, &rw};
    next_time();
    assert_err(govern_store_transact(&info, f->s, adopt_fn, &racing), GOVERN_EDIRTY, "changed");
    text = read_file(f->store, "csg/committee.md");
    assert_string_equal(text, rw.text);
    free(text);
    head_id(after, f->store);
    assert_string_equal(before, after);

    /* an untracked file can be adopted (a clerk's first hand-written file) */
    write_file(f->store, "csg/notes.md", "hand\n");
    struct adopt_txn untracked = {"csg/notes.md", "hand\n", "hand\n", NULL, NULL};
    next_time();
    assert_ok(govern_store_transact(&info, f->s, adopt_fn, &untracked));
    assert_int_equal(strlen(info.id), 40);
    /* a plain put of a dirty path is still refused */
    write_file(f->store, "csg/notes.md", "hand 2\n");
    assert_err(apply(f->s, &info, (const struct edit[]){{"csg/notes.md", "x\n"}, {NULL, NULL}},
                     "Overwrite"),
               GOVERN_EDIRTY, "uncommitted edits");
}

static void test_store__approved_minutes_are_frozen(void **state)
{
    struct fixture *f = *state;
    init_store(f);
    struct govern_commit_info info;
    const char *draft = "---\nmeeting: csg/2020-01-16\nstatus: draft\n---\n";
    const char *approved = "---\nmeeting: csg/2020-01-16\nstatus: approved\napproved:\n  at: "
                           "csg/2020-04-16\n---\n";
    assert_ok(apply(f->s, &info,
                    (const struct edit[]){{"csg/2020-01-16/minutes.md", draft}, {NULL, NULL}},
                    "Draft"));
    /* a draft may change, and may become approved */
    assert_ok(apply(f->s, &info,
                    (const struct edit[]){{"csg/2020-01-16/minutes.md", approved}, {NULL, NULL}},
                    "Approve"));
    char before[41], after[41];
    head_id(before, f->store);
    /* then neither a change nor a delete goes through, whoever asks */
    assert_err(apply(f->s, &info,
                     (const struct edit[]){{"csg/2020-01-16/minutes.md", draft},
                                           {"csg/committee.md", "---\nname: Z\n---\n"},
                                           {NULL, NULL}},
                     "Change"),
               GOVERN_EFROZEN,
               "csg/2020-01-16/minutes.md: these minutes were approved at "
               "csg/2020-04-16");
    assert_contains(govern_error_last(), "a correction is a new minute at a later meeting");
    assert_err(apply(f->s, &info,
                     (const struct edit[]){{"csg/2020-01-16/minutes.md", NULL}, {NULL, NULL}},
                     "Delete"),
               GOVERN_EFROZEN, "cannot be deleted");
    head_id(after, f->store);
    assert_string_equal(before, after);
    char *text = read_file(f->store, "csg/committee.md");
    assert_string_equal(text, "---\nname: Community Safety Strategy Group\n---\n");
    free(text);
    /* the same bytes again are not a change; other files named minutes.md
     * elsewhere are not minutes */
    assert_ok(apply(f->s, &info,
                    (const struct edit[]){{"csg/2020-01-16/minutes.md", approved},
                                          {"csg/minutes.md", approved},
                                          {NULL, NULL}},
                    "Same"));
    assert_ok(apply(f->s, &info, (const struct edit[]){{"csg/minutes.md", draft}, {NULL, NULL}},
                    "Not minutes"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_store__init_creates_repository_and_commits_config),
        T(test_store__open_discovers_the_store),
        T(test_store__transact_commits_only_changed_paths),
        T(test_store__nothing_to_commit),
        T(test_store__refuses_path_with_uncommitted_edits),
        T(test_store__refuses_path_with_staged_edits),
        T(test_store__delete_removes_file_and_empty_directories),
        T(test_store__change_get_and_message),
        T(test_store__retries_when_branch_moves),
        T(test_store__snapshot_work_tree_versus_rev),
        T(test_store__snapshot_refuses_oversize_files),
        T(test_store__snapshot_refuses_symlinks),
        T(test_store__log_by_path),
        T(test_store__dir_commits),
        T(test_store__tags),
        T(test_store__store_in_a_subdirectory),
        T(test_store__bare_repository),
        T(test_store__path_checks),
        T(test_store__adopt_commits_the_edit_that_was_read),
        T(test_store__approved_minutes_are_frozen),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
