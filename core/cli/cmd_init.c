/*
 * govern init: make (or adopt) a git repository as a governance store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static const struct govern_opt opts[] = {
    {"body", 0, GOVERN_OPT_VALUE, "NAME", "the council or body that owns the store"},
    {"timezone", 0, GOVERN_OPT_VALUE, "TZ", "IANA time zone of the meetings (Europe/London)"},
    {"year-start", 0, GOVERN_OPT_VALUE, "MM-DD", "first day of the municipal year (05-01)"},
    {"notice-days", 0, GOVERN_OPT_VALUE, "N", "clear days of agenda notice (5)"},
    {"notice-counting", 0, GOVERN_OPT_VALUE, "RULE",
     "s243 (Sundays, Christmas, Easter and bank holidays skipped) or working"},
    {NULL, 0, 0, NULL, NULL},
};

static int run(struct govern_invocation *inv)
{
    struct govern_args a;
    struct govern_config *cfg = NULL;
    struct govern_store *store = NULL;
    struct govern_buf text = GOVERN_BUF_INIT;
    int rc = govern_args_parse(&a, opts, inv->argc, inv->argv);
    if (rc)
        return rc;
    if ((rc = govern_args_positional(&a, 0, 1, cmd_init.usage)))
        goto out;
    const char *dir = a.positional.count ? a.positional.items[0] : ".";
    const char *body = govern_args_get(&a, "body");
    const char *tz = govern_args_get(&a, "timezone");
    bool named = body != NULL;
    if (!body)
        body = "Governance store"; /* govern.yaml needs one; 'govern config set body' fixes it */
    if (!tz)
        tz = "Europe/London";
    if ((rc = govern_timezone_check(tz))) {
        govern_error_prefix(GOVERN_EUSAGE, "--timezone");
        rc = GOVERN_EUSAGE;
        goto out;
    }
    if ((rc = govern_config_new(&cfg, body, tz)))
        goto out;
    const char *ys = govern_args_get(&a, "year-start");
    if (ys) {
        int m = 0, d = 0;
        char tail;
        if (strlen(ys) != 5 || sscanf(ys, "%2d-%2d%c", &m, &d, &tail) != 2 || m < 1 || m > 12 ||
            d < 1 || d > govern_date_days_in_month(2001, m)) {
            rc = govern_error_set(GOVERN_EUSAGE, "--year-start must be MM-DD, not '%s'", ys);
            goto out;
        }
        cfg->year_start_month = m;
        cfg->year_start_day = d;
    }
    const char *nd = govern_args_get(&a, "notice-days");
    if (nd) {
        char *end;
        long v = strtol(nd, &end, 10);
        if (!*nd || *end || v < 0 || v > 60) {
            rc = govern_error_set(GOVERN_EUSAGE, "--notice-days must be 0 to 60, not '%s'", nd);
            goto out;
        }
        cfg->notice_days = (int)v;
    }
    const char *nc = govern_args_get(&a, "notice-counting");
    if (nc) {
        if (!strcmp(nc, "working"))
            cfg->notice_counting = GOVERN_NOTICE_WORKING;
        else if (strcmp(nc, "s243")) {
            rc = govern_error_set(GOVERN_EUSAGE, "--notice-counting must be s243 or working");
            goto out;
        }
    }
    if ((rc = govern_config_serialize(&text, cfg)))
        goto out;
    char msg[600];
    snprintf(msg, sizeof(msg), "Start the governance store of %s\n\nCreated by govern init.", body);
    if ((rc = govern_store_init(&store, dir, text.ptr, msg)))
        goto out;
    /* git merges records field by field from the start (docs/teamwork.md) */
    if (cli_setup_merge(store)) {
        govern_buf_printf(inv->err, "govern: warning: %s; run govern sync --setup\n",
                          govern_error_last());
        govern_error_clear();
    }
    if (named)
        govern_buf_printf(inv->out, "Initialised the governance store of %s in %s\n", body,
                          govern_store_workdir(store));
    else
        govern_buf_printf(inv->out,
                          "Initialised a governance store in %s\n"
                          "Name the body that keeps it with: govern config set body NAME\n",
                          govern_store_workdir(store));
out:
    govern_store_free(store);
    govern_buf_free(&text);
    govern_config_free(cfg);
    govern_args_free(&a);
    return rc;
}

const struct govern_command cmd_init = {
    .name = "init",
    .summary = "make a git repository (or a directory in one) a governance store",
    .usage = "govern init [DIR] [--body NAME] [--timezone TZ] [--year-start MM-DD] "
             "[--notice-days N] [--notice-counting s243|working]",
    .help = "Creates govern.yaml in DIR (default: the current directory) and commits it.\n"
            "Creates the git repository first when DIR is not in one; when DIR is inside an\n"
            "existing repository the store lives in that subdirectory (as meetings/ does in\n"
            "govern's own repository). Refuses a directory that is already a store.\n"
            "Configures git in the clone to merge records with 'govern merge-file' (as\n"
            "'govern sync --setup' does for other clones; docs/teamwork.md).",
    .options = opts,
    .flags = 0,
    .run = run,
};
