/*
 * The "actions" rule of govern check: every action file parses, its
 * committee and the committees it is referred to exist, the meeting it was
 * raised in exists, its id matches its file name and its committee's prefix
 * and is used once, and its log runs forward in time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "actions.h"

static int cmp_idx(const void *x, const void *y, void *vr)
{
    const struct govern_action_register *r = vr;
    return strcmp(r->items[*(const size_t *)x].id, r->items[*(const size_t *)y].id);
}

int actions_check(struct govern_check_ctx *ctx, void *state)
{
    (void)state;
    const struct govern_model *m = ctx->model;
    struct govern_action_register reg;
    govern_action_register_init(&reg);
    int rc = govern_action_load_all(&reg, ctx->snap, NULL, NULL, ctx->diags);
    for (size_t i = 0; i < reg.count && !rc; i++) {
        const struct govern_action *a = &reg.items[i];
        const struct govern_committee *c = govern_model_committee(m, a->committee);
        char want[160];
        snprintf(want, sizeof(want), "%s/%s.md", GOVERN_ACTIONS_DIR, a->id);
        if (strcmp(want, a->path))
            rc = govern_diags_add(ctx->diags, a->path, a->line_id, "actions",
                                  "id '%s' does not match the file name", a->id);
        if (!rc && !c)
            rc = govern_diags_add(ctx->diags, a->path, a->line_committee, "actions",
                                  "unknown committee '%s'", a->committee);
        if (!rc && c) {
            char *prefix = govern_action_prefix(c);
            size_t pl = prefix ? strlen(prefix) : 0;
            if (!prefix)
                rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
            else if (strncmp(a->id, prefix, pl) || a->id[pl] != '-' || strlen(a->id + pl + 1) < 8 ||
                     a->id[pl + 5] != '-')
                rc = govern_diags_add(ctx->diags, a->path, a->line_id, "actions",
                                      "id '%s' does not start with %s-YYYY-, the prefix of "
                                      "committee '%s'",
                                      a->id, prefix, a->committee);
            free(prefix);
        }
        for (size_t k = 0; k < a->n_referred && !rc; k++) {
            if (!govern_model_committee(m, a->referred_to[k]))
                rc = govern_diags_add(ctx->diags, a->path, a->line_referred, "actions",
                                      "referred to unknown committee '%s'", a->referred_to[k]);
            else if (!strcmp(a->referred_to[k], a->committee))
                rc = govern_diags_add(ctx->diags, a->path, a->line_referred, "actions",
                                      "referred to the committee that raised it");
        }
        if (!rc && a->meeting) {
            size_t sl = strlen(a->committee);
            if (govern_model_meeting_index(m, a->meeting) < 0)
                rc = govern_diags_add(ctx->diags, a->path, a->line_meeting, "actions",
                                      "raised in meeting '%s', which does not exist", a->meeting);
            else if (strncmp(a->meeting, a->committee, sl) || a->meeting[sl] != '/')
                rc = govern_diags_add(ctx->diags, a->path, a->line_meeting, "actions",
                                      "raised in meeting '%s' of another committee than '%s'",
                                      a->meeting, a->committee);
        }
        govern_date prev = a->created;
        for (size_t k = 0; k < a->n_log && !rc; k++) {
            if (a->log[k].date < prev) {
                char d1[11], d2[11];
                govern_date_format(d1, a->log[k].date);
                govern_date_format(d2, prev);
                rc = govern_diags_add(ctx->diags, a->path, a->log[k].line, "actions",
                                      "log entry dated %s comes before %s (%s)", d1, d2,
                                      k ? "the entry above it" : "the action was created");
            }
            if (a->log[k].date > prev)
                prev = a->log[k].date;
        }
    }
    /* the same id in two files */
    size_t *idx = reg.count ? malloc(reg.count * sizeof(*idx)) : NULL;
    if (reg.count && !idx && !rc)
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; idx && i < reg.count; i++)
        idx[i] = i;
    if (idx && !rc) {
        qsort_r(idx, reg.count, sizeof(*idx), cmp_idx, &reg);
        for (size_t i = 1; i < reg.count && !rc; i++)
            if (!strcmp(reg.items[idx[i]].id, reg.items[idx[i - 1]].id))
                rc = govern_diags_add(ctx->diags, reg.items[idx[i]].path, reg.items[idx[i]].line_id,
                                      "actions", "duplicate id '%s' (also in %s)",
                                      reg.items[idx[i]].id, reg.items[idx[i - 1]].path);
    }
    free(idx);
    govern_action_register_clear(&reg);
    return rc;
}
