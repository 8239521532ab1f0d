/*
 * The index `calendar --feeds` selects from: each committee's meetings (in
 * model order) and, for every member, the committees they are listed on, so
 * that each of the hundreds of feeds looks only at its own meetings instead
 * of scanning every meeting of the store (the feeds' total time grows with
 * the events written, not with feeds times meetings).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ical.h"

struct member_ref {
    const char *name;
    size_t committee; /* index in model->committees */
};

static int cmp_ref(const void *a, const void *b)
{
    const struct member_ref *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->committee > y->committee) - (x->committee < y->committee);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* Index of slug in model->committees (a loaded model's are sorted by
 * slug), or n_committees. */
static size_t committee_index(const struct govern_model *m, const char *slug)
{
    size_t lo = 0, hi = m->n_committees;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(m->committees[mid]->slug, slug);
        if (!c)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return m->n_committees;
}

static int index_members(struct ical_feed_index *x, const struct govern_model *m)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n_committees; i++)
        n += m->committees[i]->n_members;
    x->refs = malloc((n ? n : 1) * sizeof(*x->refs));
    if (!x->refs)
        return govern_oom();
    for (size_t i = 0; i < m->n_committees; i++)
        for (size_t k = 0; k < m->committees[i]->n_members; k++)
            x->refs[x->n_refs++] = (struct member_ref){m->committees[i]->members[k].name, i};
    qsort(x->refs, x->n_refs, sizeof(*x->refs), cmp_ref);
    return 0;
}

int ical_feed_index_build(struct ical_feed_index *x, const struct govern_model *m)
{
    memset(x, 0, sizeof(*x));
    size_t nc = m->n_committees;
    x->model = m;
    x->by_committee = calloc(nc ? nc : 1, sizeof(*x->by_committee));
    x->n_by_committee = calloc(nc ? nc : 1, sizeof(*x->n_by_committee));
    size_t *at = malloc((m->n_meetings ? m->n_meetings : 1) * sizeof(*at));
    int rc = (!x->by_committee || !x->n_by_committee || !at) ? govern_oom() : 0;
    for (size_t i = 0; !rc && i < m->n_meetings; i++)
        if ((at[i] = committee_index(m, m->meetings[i]->committee)) < nc)
            x->n_by_committee[at[i]]++;
    for (size_t c = 0; !rc && c < nc; c++)
        if (!(x->by_committee[c] = malloc((x->n_by_committee[c] + 1) * sizeof(size_t))))
            rc = govern_oom();
    for (size_t c = 0; !rc && c < nc; c++)
        x->n_by_committee[c] = 0;
    for (size_t i = 0; !rc && i < m->n_meetings; i++)
        if (at[i] < nc)
            x->by_committee[at[i]][x->n_by_committee[at[i]]++] = i;
    free(at);
    if (!rc)
        rc = index_members(x, m);
    if (rc)
        ical_feed_index_free(x);
    return rc;
}

int ical_feed_index_committee(const size_t **idx, size_t *n, const struct ical_feed_index *x,
                              const char *slug)
{
    size_t c = committee_index(x->model, slug);
    *idx = c < x->model->n_committees ? x->by_committee[c] : NULL;
    *n = *idx ? x->n_by_committee[c] : 0;
    return 0;
}

int ical_feed_index_member(size_t **out, size_t *n, const struct ical_feed_index *x,
                           const char *name)
{
    struct member_ref key = {name, 0};
    size_t lo = 0, hi = x->n_refs, total = 0;
    while (lo < hi) { /* the first ref of name */
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_ref(&x->refs[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    for (; end < x->n_refs && !strcmp(x->refs[end].name, name); end++)
        if (end == lo || x->refs[end].committee != x->refs[end - 1].committee)
            total += x->n_by_committee[x->refs[end].committee];
    size_t *idx = malloc((total ? total : 1) * sizeof(*idx));
    if (!idx)
        return govern_oom();
    *n = 0;
    for (size_t r = lo; r < end; r++) {
        size_t c = x->refs[r].committee;
        if (r == lo || c != x->refs[r - 1].committee) {
            memcpy(idx + *n, x->by_committee[c], x->n_by_committee[c] * sizeof(*idx));
            *n += x->n_by_committee[c];
        }
    }
    qsort(idx, *n, sizeof(*idx), cmp_size); /* model order */
    *out = idx;
    return 0;
}

void ical_feed_index_free(struct ical_feed_index *x)
{
    if (!x)
        return;
    for (size_t c = 0; x->by_committee && x->model && c < x->model->n_committees; c++)
        free(x->by_committee[c]);
    free(x->by_committee);
    free(x->n_by_committee);
    free(x->refs);
    memset(x, 0, sizeof(*x));
}

/* ------------------------------------------------ a set of file names */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

bool ical_name_set_contains(const struct ical_name_set *set, const char *s)
{
    if (!set->cap)
        return false;
    for (size_t i = hash_str(s) & (set->cap - 1); set->slots[i]; i = (i + 1) & (set->cap - 1))
        if (!strcmp(set->slots[i], s))
            return true;
    return false;
}

static int grow(struct ical_name_set *set)
{
    size_t cap = set->cap ? set->cap * 2 : 64;
    char **slots = calloc(cap, sizeof(*slots));
    if (!slots)
        return govern_oom();
    for (size_t k = 0; k < set->cap; k++) {
        if (!set->slots[k])
            continue;
        size_t i = hash_str(set->slots[k]) & (cap - 1);
        while (slots[i])
            i = (i + 1) & (cap - 1);
        slots[i] = set->slots[k];
    }
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
    return 0;
}

int ical_name_set_add(struct ical_name_set *set, const char *s)
{
    if ((set->count + 1) * 2 > set->cap && grow(set))
        return GOVERN_ENOMEM;
    size_t i = hash_str(s) & (set->cap - 1);
    for (; set->slots[i]; i = (i + 1) & (set->cap - 1))
        if (!strcmp(set->slots[i], s))
            return 0;
    if (!(set->slots[i] = strdup(s)))
        return govern_oom();
    set->count++;
    return 0;
}

void ical_name_set_free(struct ical_name_set *set)
{
    for (size_t i = 0; set && i < set->cap; i++)
        free(set->slots[i]);
    if (set) {
        free(set->slots);
        memset(set, 0, sizeof(*set));
    }
}
