/*
 * hello: a minimal external govern plugin, built by the tests and loaded
 * from $XDG_DATA_HOME/govern/plugins by tests/cli/t0900-plugin.sh.
 *
 * It registers one of each kind of extension a plugin can make:
 *   - a command, `govern hello [NAME]`, that writes a greeting to inv->out;
 *   - a check rule, `hello-cadence`, reporting committees with no cadence;
 *   - an agenda contributor adding a standing item to every new agenda.
 *
 * Built a second time with -DHELLO_WRONG_ABI (a newer ABI) and a third with
 * -DHELLO_OLD_ABI (the one before), it declares the wrong ABI version and
 * must be refused by the loader.
 */
#include <stdlib.h>
#include <string.h>
#include "govern/govern.h"

#ifdef HELLO_WRONG_ABI
#define HELLO_ABI (GOVERN_PLUGIN_ABI + 1)
#elif defined(HELLO_OLD_ABI)
#define HELLO_ABI (GOVERN_PLUGIN_ABI - 1)
#else
#define HELLO_ABI GOVERN_PLUGIN_ABI
#endif

#define HELLO_ITEM_TITLE "Hello standing item"
#define HELLO_ITEM_PURPOSE "Added by the hello test plugin to every new agenda."

struct hello_state {
    unsigned magic; /* proves the state from init reaches every callback */
};
#define HELLO_MAGIC 0x4e110u

static int hello_run(struct govern_invocation *inv)
{
    const struct hello_state *st = inv->state;
    if (!st || st->magic != HELLO_MAGIC)
        return govern_error_set(GOVERN_EPLUGIN, "hello: lost its state");
    if (inv->argc > 1)
        return govern_error_set(GOVERN_EUSAGE, "usage: govern hello [NAME]");
    return govern_buf_printf(inv->out, "Hello, %s! (from the hello plugin)\n",
                             inv->argc == 1 ? inv->argv[0] : "world");
}

static const struct govern_command hello_cmd = {
    .name = "hello",
    .summary = "say hello (external test plugin)",
    .usage = "govern hello [NAME]",
    .help = "Prints a greeting. Exists to prove that external plugins load.",
    .options = NULL,
    .flags = 0,
    .run = hello_run,
};

static int hello_check(struct govern_check_ctx *ctx, void *state)
{
    const struct hello_state *st = state;
    if (!st || st->magic != HELLO_MAGIC)
        return govern_error_set(GOVERN_EPLUGIN, "hello: lost its state");
    for (size_t i = 0; i < ctx->model->n_committees; i++) {
        const struct govern_committee *c = ctx->model->committees[i];
        if (!c->cadence) {
            int rc = govern_diags_add(ctx->diags, c->path, 1, "hello-cadence",
                                      "committee '%s' has no cadence (hello plugin)", c->slug);
            if (rc)
                return rc;
        }
    }
    return 0;
}

static const struct govern_check_rule hello_rule = {
    .name = "hello-cadence",
    .summary = "every committee says how often it meets (hello test plugin)",
    .run = hello_check,
};

static int hello_contribute(struct govern_agenda *agenda, const struct govern_meeting *meeting,
                            const struct govern_committee *committee,
                            struct govern_snapshot *head, const struct govern_config *config,
                            govern_date as_of, void *state)
{
    (void)meeting;
    (void)committee;
    (void)head;
    (void)config;
    (void)as_of;
    const struct hello_state *st = state;
    if (!st || st->magic != HELLO_MAGIC)
        return govern_error_set(GOVERN_EPLUGIN, "hello: lost its state");
    struct govern_agenda_item it;
    memset(&it, 0, sizeof(it));
    it.title = (char *)HELLO_ITEM_TITLE;
    it.purpose = (char *)HELLO_ITEM_PURPOSE;
    return govern_agenda_append(agenda, &it);
}

static const struct govern_agenda_contributor hello_contributor = {
    .name = "hello-standing-item",
    .contribute = hello_contribute,
};

static int hello_init(struct govern_registry *reg, void **state)
{
    struct hello_state *st = calloc(1, sizeof(*st));
    if (!st)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    st->magic = HELLO_MAGIC;
    *state = st;
    int rc = govern_register_command(reg, &hello_cmd);
    if (!rc)
        rc = govern_register_check(reg, &hello_rule);
    if (!rc)
        rc = govern_register_agenda_contributor(reg, &hello_contributor);
    if (rc) {
        free(st);
        *state = NULL;
    }
    return rc;
}

static void hello_fini(void *state)
{
    free(state);
}

extern const struct govern_plugin govern_plugin_entry;
const struct govern_plugin govern_plugin_entry = {
    .abi_version = HELLO_ABI,
    .name = "hello",
    .version = "1.0",
    .summary = "external test plugin: a command, a check rule, an agenda item",
    .init = hello_init,
    .fini = hello_fini,
};
