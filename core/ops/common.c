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
    int rc = govern_store_transact(&info, s, fn, ctx);
    if (rc)
        return rc;
    memcpy(out->commit, info.id, sizeof(out->commit));
    return 0;
}

int ops_version_check(unsigned got, unsigned want, const char *what)
{
    if (got == want)
        return 0;
    return govern_error_set(GOVERN_EINVAL,
                            "%s: request version %u, but this libgovern knows version %u", what,
                            got, want);
}

void ops_result_init(struct govern_ops_result *out)
{
    if (out)
        memset(out, 0, sizeof(*out));
}

int ops_set_text(char **field, const char *value)
{
    if (!value)
        return 0;
    free(*field);
    *field = *value ? strdup(value) : NULL;
    return *value && !*field ? govern_error_set(GOVERN_ENOMEM, "out of memory") : 0;
}

void govern_ops_result_free(struct govern_ops_result *r)
{
    if (r)
        govern_buf_free(&r->warnings);
}
