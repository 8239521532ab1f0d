/*
 * What the operations (core/ops/) share and do not export: running one
 * transaction into a result, and replacing a text field from a request.
 */
#ifndef GOVERN_OPS_PRIV_H
#define GOVERN_OPS_PRIV_H

#include "govern/ops.h"

/* Clears out, runs fn in one transaction and copies the commit id into
 * out->commit; on failure out->warning is cleared too (nothing happened). */
int ops_transact(struct govern_ops_result *out, struct govern_store *s, govern_txn_fn fn,
                 void *ctx);
/* *field becomes a copy of value, or NULL when value is ""; value NULL
 * changes nothing. */
int ops_set_text(char **field, const char *value);

#endif
