/*
 * Every meeting's DTSTAMP and LAST-MODIFIED: the author time of the newest
 * commit whose change (against its first parent) touches anything in the
 * meeting's directory, and for meetings no commit has touched (work-tree
 * edits) the time of the newest commit that changed the store.  They come
 * from the history service (govern_history_dir_times, answered from the
 * store's history index, so the time does not grow with the number of
 * commits); tests/ical/ical_test.py (group stamps) checks them over
 * renames, deletions, merges, a bare clone and a store in a subdirectory.
 */
#include <stdlib.h>
#include <string.h>
#include "govern/history.h"
#include "ical.h"

int ical_load_stamps(struct ical_ctx *ctx)
{
    size_t n = ctx->model->n_meetings;
    for (size_t i = 0; i < n; i++)
        ctx->stamps[i] = 0;
    ctx->head_time = 0;
    if (!ctx->store || !n)
        return 0;
    char **dirs = calloc(n, sizeof(*dirs));
    if (!dirs)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const char *path = ctx->model->meetings[i]->path; /* SLUG/DIR/meeting.md */
        const char *slash = strrchr(path, '/');
        if (!(dirs[i] = strndup(path, slash ? (size_t)(slash - path) : strlen(path))))
            rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    int64_t head = 0;
    if (!rc)
        rc = govern_history_dir_times(ctx->stamps, &head, ctx->store, ctx->rev,
                                      (const char *const *)dirs, n);
    if (!rc) {
        ctx->head_time = head;
        for (size_t i = 0; i < n; i++)
            if (!ctx->stamps[i])
                ctx->stamps[i] = head;
    }
    for (size_t i = 0; i < n; i++)
        free(dirs[i]);
    free(dirs);
    return rc;
}
