/*
 * What the operations (core/ops/) share and do not export: running one
 * transaction into a result, and replacing a text field from a request.
 */
#ifndef GOVERN_OPS_PRIV_H
#define GOVERN_OPS_PRIV_H

#include "govern/ops.h"
#include "govern/sys/registry.h"

/* Runs fn in one transaction and copies the commit id into out->commit. */
int ops_transact(struct govern_ops_result *out, struct govern_store *s, govern_txn_fn fn,
                 void *ctx);
/* Refuses a request struct of another version than the one this library
 * was built with (its layout would be misread). */
int ops_version_check(unsigned got, unsigned want, const char *what);
/* Empties out (NULL: nothing), first thing in every operation, so that a
 * caller may free the result whatever is returned. */
void ops_result_init(struct govern_ops_result *out);
/* *field becomes a copy of value, or NULL when value is ""; value NULL
 * changes nothing. */
int ops_set_text(char **field, const char *value);
/* Serialises m, checks the result reads back under the same rules as a
 * hand-written file, and puts it; expected non-NULL: adopts it instead
 * (govern_change_adopt: the clerk's work-tree bytes the caller read). */
int ops_minutes_write(struct govern_change *chg, const struct govern_minutes *m,
                      const char *expected, size_t expected_len);

#endif
