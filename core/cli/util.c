/*
 * Helpers shared by the core commands: format selection, dates from
 * options, JSON output and commits.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

int cli_format(const char **out, const struct govern_invocation *inv, const char *dflt,
               const char *const *allowed)
{
    return govern_output_format(out, inv->format, dflt, allowed);
}

int cli_commit(struct govern_invocation *inv, govern_txn_fn fn, void *ctx, char id[41])
{
    struct govern_commit_info info;
    int rc = govern_store_transact(&info, inv->store, fn, ctx);
    if (!rc && id)
        memcpy(id, info.id, sizeof(info.id));
    return rc;
}

int cli_date(govern_date *out, const char *option, const char *value)
{
    if (govern_date_parse(out, value))
        return govern_error_prefix(GOVERN_EUSAGE, "--%s", option);
    return 0;
}

int cli_time(govern_time *out, const char *option, const char *value)
{
    if (govern_time_parse(out, value))
        return govern_error_prefix(GOVERN_EUSAGE, "--%s", option);
    return 0;
}

int cli_set_text(char **field, const char *value)
{
    if (!value)
        return 0;
    free(*field);
    *field = *value ? strdup(value) : NULL;
    return *value && !*field ? govern_error_set(GOVERN_ENOMEM, "out of memory") : 0;
}

int cli_text_options(bool *any, const struct govern_args *a, const char *const *names,
                     const char *multi_line)
{
    *any = false;
    for (const char *const *k = names; *k; k++) {
        const char *v = govern_args_get(a, *k);
        if (!v)
            continue;
        *any = true;
        bool one_line = !multi_line || strcmp(*k, multi_line);
        if (govern_utf8_check(*k, v, strlen(v)) ||
            (one_line && (strchr(v, '\n') || strchr(v, '\r'))))
            return govern_error_set(GOVERN_EINVAL, "--%s must be %sUTF-8 text", *k,
                                    one_line ? "one line of " : "");
    }
    return 0;
}
