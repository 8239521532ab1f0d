/*
 * Loading a directory of records (include/govern/records.h): the walk that
 * the forward plan, the register of interests, the risks and the strategic
 * priorities each wrote for themselves, written once.
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
    const struct govern_record_dir *d;
};

/* Stores rec as the array's next element: the array holds pointers to one
 * struct type, and every object pointer has the representation of void *. */
static int append(struct walk *w, void *rec)
{
    char *arr;
    memcpy(&arr, w->items, sizeof(arr));
    char *grown = realloc(arr, (*w->count + 1) * sizeof(void *));
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
    const struct govern_record_dir *d = w->d;
    size_t n = strlen(name);
    if (n < 4 || strcmp(name + n - 3, ".md"))
        return 0;
    char id[256], path[512];
    snprintf(id, sizeof(id), "%.*s", (int)(n - 3), name);
    snprintf(path, sizeof(path), "%s/%s", d->dir, name);
    void *rec = NULL;
    int rc = d->parse(&rec, id, path, data, len, d->ctx);
    if (rc) {
        if (!d->diags || rc == GOVERN_ENOMEM)
            return rc;
        return govern_diags_add_error(d->diags, path);
    }
    if ((rc = append(w, rec)))
        d->free(rec);
    return rc;
}

int govern_record_dir_load(void *items, size_t *count, struct govern_snapshot *snap,
                           const struct govern_record_dir *d)
{
    struct walk w = {items, count, d};
    return govern_snapshot_each_file(snap, d->dir, load_one, &w);
}
