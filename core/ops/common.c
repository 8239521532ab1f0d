/*
 * Helpers every operation uses (core/ops/ops_priv.h).
 */
#include <stdlib.h>
#include <string.h>
#include "govern/error.h"
#include "ops_priv.h"

int ops_transact(struct govern_ops_result *out, struct govern_store *s, govern_txn_fn fn, void *ctx)
{
    struct govern_commit_info info;
    if (!out || !s)
        return govern_error_set(GOVERN_EINVAL, "an operation needs a result and a store");
    memset(out, 0, sizeof(*out));
    int rc = govern_store_transact(&info, s, fn, ctx);
    if (rc) {
        out->warning[0] = '\0';
        return rc;
    }
    memcpy(out->commit, info.id, sizeof(out->commit));
    return 0;
}

int ops_set_text(char **field, const char *value)
{
    if (!value)
        return 0;
    free(*field);
    *field = *value ? strdup(value) : NULL;
    return *value && !*field ? govern_error_set(GOVERN_ENOMEM, "out of memory") : 0;
}
