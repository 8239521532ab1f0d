/*
 * Loading and freeing a directory of records (include/govern/records.h):
 * the walk that the forward plan, the register of interests, the risks and
 * the strategic priorities each wrote for themselves, written once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/check.h"
#include "govern/error.h"
#include "govern/records.h"
#include "govern/store.h"

struct walk {
    void *items; /* the address of the caller's array pointer */
    size_t *count;
    const struct govern_record_type *t;
    void *ctx;
    struct govern_diags *diags;
};

static char *array_of(void *items)
{
    char *arr;
    memcpy(&arr, items, sizeof(arr));
    return arr;
}

/* Stores rec as the array's next element. */
static int append(struct walk *w, void *rec)
{
    char *grown = realloc(array_of(w->items), (*w->count + 1) * sizeof(void *));
    if (!grown)
        return govern_oom();
    memcpy(w->items, &grown, sizeof(grown));
    memcpy(grown + *w->count * sizeof(void *), &rec, sizeof(rec));
    (*w->count)++;
    return 0;
}

static int load_one(const char *name, char *data, size_t len, void *vctx)
{
    struct walk *w = vctx;
    size_t n = strlen(name);
    if (n < 4 || strcmp(name + n - 3, ".md"))
        return 0;
    char id[256], path[512];
    snprintf(id, sizeof(id), "%.*s", (int)(n - 3), name);
    snprintf(path, sizeof(path), "%s/%s", w->t->dir, name);
    void *rec = NULL;
    int rc = w->t->parse(&rec, id, path, data, len, w->ctx);
    if (rc) {
        if (!w->diags || rc == GOVERN_ENOMEM)
            return rc;
        return govern_diags_add_error(w->diags, path);
    }
    if ((rc = append(w, rec)))
        w->t->free(rec);
    return rc;
}

int govern_records_load(void *items, size_t *count, struct govern_snapshot *snap,
                        const struct govern_record_type *t, void *ctx, struct govern_diags *diags)
{
    char *none = NULL;
    memcpy(items, &none, sizeof(none));
    *count = 0;
    struct walk w = {items, count, t, ctx, diags};
    int rc = govern_snapshot_each_file(snap, t->dir, load_one, &w);
    if (rc)
        govern_records_free(items, count, t->free);
    return rc;
}

void govern_records_free(void *items, size_t *count, void (*free_fn)(void *record))
{
    if (!items)
        return;
    char *arr = array_of(items);
    for (size_t i = 0; arr && i < *count; i++) {
        void *rec;
        memcpy(&rec, arr + i * sizeof(void *), sizeof(rec));
        free_fn(rec);
    }
    free(arr);
    arr = NULL;
    memcpy(items, &arr, sizeof(arr));
    *count = 0;
}
