/*
 * The plugin registry: descriptors handed in by the CLI (its built-in table), external shared
 * objects from the system and user plugin directories (never from inside a store), ABI checks, and
 * dispatch of commands, check rules, agenda contributors and event hooks to the plugin that
 * registered them, with that plugin's state.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern-config.h"
#include "govern/error.h"
#include "govern/plugin.h"
#include "govern/sys/registry.h"

struct loaded {
    const struct govern_plugin *plugin;
    char *origin; /* "built-in" or the .so path */
    void *state;
    void *handle; /* dlopen handle or NULL */
    bool initialised;
};

struct reg_command {
    const struct govern_command *cmd;
    size_t plugin;
};
struct reg_check {
    const struct govern_check_rule *rule;
    size_t plugin;
};
struct reg_contrib {
    const struct govern_agenda_contributor *c;
    size_t plugin;
};
struct reg_hook {
    const struct govern_event_hook *h;
    size_t plugin;
};
struct reg_public {
    const struct govern_public_output *o;
    size_t plugin;
};

struct govern_registry {
    struct loaded *plugins;
    size_t n_plugins;
    size_t current; /* plugin being initialised */
    struct reg_command *commands;
    size_t n_commands;
    struct reg_check *checks;
    size_t n_checks;
    struct reg_contrib *contribs;
    size_t n_contribs;
    struct reg_hook *hooks;
    size_t n_hooks;
    const struct govern_cache_kind **caches;
    size_t n_caches;
    struct reg_public *publics;
    size_t n_publics;
};

#define GROW(arr, n)                                                                               \
    do {                                                                                           \
        void *p_ = realloc((arr), ((n) + 1) * sizeof(*(arr)));                                     \
        if (!p_)                                                                                   \
            return govern_error_set(GOVERN_ENOMEM, "out of memory");                               \
        (arr) = p_;                                                                                \
    } while (0)

int govern_registry_new(struct govern_registry **out)
{
    *out = calloc(1, sizeof(**out));
    return *out ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
}

int govern_register_command(struct govern_registry *reg, const struct govern_command *cmd)
{
    if (!cmd || !cmd->name || (!cmd->run && !cmd->subcommands))
        return govern_error_set(GOVERN_EPLUGIN,
                                "a command needs a name and a run function or subcommands");
    for (const struct govern_subcommand *sc = cmd->subcommands; sc && sc->name; sc++)
        if (!*sc->name || sc->name[0] == '-' || !sc->run)
            return govern_error_set(GOVERN_EPLUGIN,
                                    "command '%s': subcommand '%s' needs a name that is not an "
                                    "option and a run function",
                                    cmd->name, sc->name);
    for (size_t i = 0; i < reg->n_commands; i++)
        if (!strcmp(reg->commands[i].cmd->name, cmd->name))
            return govern_error_set(GOVERN_EPLUGIN, "command '%s' is already registered",
                                    cmd->name);
    GROW(reg->commands, reg->n_commands);
    reg->commands[reg->n_commands++] = (struct reg_command){cmd, reg->current};
    return 0;
}

int govern_register_check(struct govern_registry *reg, const struct govern_check_rule *rule)
{
    if (!rule || !rule->name || !rule->run)
        return govern_error_set(GOVERN_EPLUGIN, "a check rule needs a name and a run function");
    GROW(reg->checks, reg->n_checks);
    reg->checks[reg->n_checks++] = (struct reg_check){rule, reg->current};
    return 0;
}

int govern_register_agenda_contributor(struct govern_registry *reg,
                                       const struct govern_agenda_contributor *c)
{
    if (!c || !c->name || !c->contribute)
        return govern_error_set(GOVERN_EPLUGIN,
                                "an agenda contributor needs a name and a function");
    GROW(reg->contribs, reg->n_contribs);
    reg->contribs[reg->n_contribs++] = (struct reg_contrib){c, reg->current};
    return 0;
}

int govern_register_hook(struct govern_registry *reg, const struct govern_event_hook *hook)
{
    if (!hook || !hook->name || !hook->run)
        return govern_error_set(GOVERN_EPLUGIN, "a hook needs a name and a run function");
    GROW(reg->hooks, reg->n_hooks);
    reg->hooks[reg->n_hooks++] = (struct reg_hook){hook, reg->current};
    return 0;
}

const char *govern_version(void)
{
    return GOVERN_VERSION;
}

int govern_register_cache(struct govern_registry *reg, const struct govern_cache_kind *kind)
{
    if (!kind || !kind->prefix || !kind->suffix || !kind->intact)
        return govern_error_set(GOVERN_EPLUGIN,
                                "a cache kind needs a prefix, a suffix and an intact function");
    GROW(reg->caches, reg->n_caches);
    reg->caches[reg->n_caches++] = kind;
    return 0;
}

const struct govern_cache_kind *const *govern_registry_caches(const struct govern_registry *reg,
                                                              size_t *n)
{
    *n = reg->n_caches;
    return reg->caches;
}

int govern_register_public_output(struct govern_registry *reg,
                                  const struct govern_public_output *out)
{
    if (!out || !out->command || !*out->command || !out->args)
        return govern_error_set(GOVERN_EPLUGIN, "a public output needs a command and arguments");
    GROW(reg->publics, reg->n_publics);
    reg->publics[reg->n_publics++] = (struct reg_public){out, reg->current};
    return 0;
}

int govern_register_public_outputs(struct govern_registry *reg,
                                   const struct govern_public_output *list)
{
    int rc = 0;
    for (size_t i = 0; list && list[i].command && !rc; i++)
        rc = govern_register_public_output(reg, &list[i]);
    return rc;
}

size_t govern_registry_public_output_count(const struct govern_registry *reg)
{
    return reg->n_publics;
}

const struct govern_public_output *
govern_registry_public_output_at(const struct govern_registry *reg, size_t i)
{
    return i < reg->n_publics ? reg->publics[i].o : NULL;
}

/* Drops what a plugin registered before its init failed. */
static void unregister_from(struct govern_registry *reg, size_t plugin)
{
#define DROP(arr, n)                                                                               \
    do {                                                                                           \
        size_t k_ = 0;                                                                             \
        for (size_t i_ = 0; i_ < (n); i_++)                                                        \
            if ((arr)[i_].plugin != plugin)                                                        \
                (arr)[k_++] = (arr)[i_];                                                           \
        (n) = k_;                                                                                  \
    } while (0)
    DROP(reg->commands, reg->n_commands);
    DROP(reg->checks, reg->n_checks);
    DROP(reg->contribs, reg->n_contribs);
    DROP(reg->hooks, reg->n_hooks);
    DROP(reg->publics, reg->n_publics);
#undef DROP
}

static int add_plugin(struct govern_registry *reg, const struct govern_plugin *p,
                      const char *origin, void *handle)
{
    if (!p)
        return govern_error_set(GOVERN_EPLUGIN, "%s: no plugin descriptor", origin);
    if (p->abi_version != GOVERN_PLUGIN_ABI)
        return govern_error_set(GOVERN_EPLUGIN,
                                "%s: plugin ABI version %u, but this govern needs %u: rebuild the "
                                "plugin against this version of govern",
                                origin, (unsigned)p->abi_version, (unsigned)GOVERN_PLUGIN_ABI);
    if (!p->name || !*p->name)
        return govern_error_set(GOVERN_EPLUGIN, "%s: plugin has no name", origin);
    for (size_t i = 0; i < reg->n_plugins; i++)
        if (!strcmp(reg->plugins[i].plugin->name, p->name))
            return govern_error_set(GOVERN_EPLUGIN,
                                    "%s: a plugin named '%s' is already loaded (%s)", origin,
                                    p->name, reg->plugins[i].origin);
    GROW(reg->plugins, reg->n_plugins);
    struct loaded *l = &reg->plugins[reg->n_plugins];
    memset(l, 0, sizeof(*l));
    l->plugin = p;
    l->handle = handle;
    if (!(l->origin = strdup(origin)))
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    reg->current = reg->n_plugins;
    reg->n_plugins++;
    if (p->init) {
        int rc = p->init(reg, &l->state);
        if (rc) {
            unregister_from(reg, reg->current);
            free(l->origin);
            reg->n_plugins--;
            return govern_error_prefix(GOVERN_EPLUGIN, "%s: plugin '%s' failed to start", origin,
                                       p->name);
        }
    }
    l->initialised = true;
    return 0;
}

int govern_registry_add(struct govern_registry *reg, const struct govern_plugin *p,
                        const char *origin)
{
    return add_plugin(reg, p, origin, NULL);
}

int govern_registry_load_file(struct govern_registry *reg, const char *path)
{
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return govern_error_set(GOVERN_EPLUGIN, "%s: cannot load: %s", path, dlerror());
    const struct govern_plugin *p = dlsym(h, GOVERN_PLUGIN_SYMBOL);
    if (!p) {
        dlclose(h);
        return govern_error_set(GOVERN_EPLUGIN, "%s: not a govern plugin (no symbol %s)", path,
                                GOVERN_PLUGIN_SYMBOL);
    }
    int rc = add_plugin(reg, p, path, h);
    if (rc)
        dlclose(h);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int govern_registry_load_dir(struct govern_registry *reg, const char *dir,
                             const char *forbidden_root, struct govern_strlist *warnings)
{
    char real[PATH_MAX];
    if (!realpath(dir, real))
        return 0; /* no such directory: no plugins */
    if (forbidden_root && *forbidden_root) {
        size_t n = strlen(forbidden_root);
        if (strncmp(real, forbidden_root, n) == 0 && (real[n] == '/' || real[n] == '\0')) {
            char msg[PATH_MAX + 128];
            snprintf(msg, sizeof(msg),
                     "plugin directory %s is inside the repository: not loaded (a store must "
                     "never run code)",
                     real);
            return warnings ? govern_strlist_add(warnings, msg) : 0;
        }
    }
    DIR *d = opendir(real);
    if (!d)
        return 0;
    struct govern_strlist names = GOVERN_STRLIST_INIT;
    struct dirent *de;
    int rc = 0;
    while (!rc && (de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] != '.' && l > 3 && !strcmp(de->d_name + l - 3, ".so"))
            rc = govern_strlist_add(&names, de->d_name);
    }
    closedir(d);
    if (names.count > 1)
        qsort(names.items, names.count, sizeof(char *), cmp_str);
    for (size_t i = 0; !rc && i < names.count; i++) {
        char path[PATH_MAX * 2];
        snprintf(path, sizeof(path), "%s/%s", real, names.items[i]);
        if (govern_registry_load_file(reg, path) && warnings)
            rc = govern_strlist_add(warnings, govern_error_last());
    }
    govern_strlist_free(&names);
    return rc;
}

void govern_registry_free(struct govern_registry *reg)
{
    if (!reg)
        return;
    for (size_t i = reg->n_plugins; i-- > 0;) {
        struct loaded *l = &reg->plugins[i];
        if (l->initialised && l->plugin->fini)
            l->plugin->fini(l->state);
        free(l->origin);
    }
    /* shared objects stay mapped until exit: their strings may be referenced */
    free(reg->plugins);
    free(reg->commands);
    free(reg->checks);
    free(reg->contribs);
    free(reg->hooks);
    free(reg->caches);
    free(reg->publics);
    free(reg);
}

const struct govern_command *govern_registry_command(const struct govern_registry *reg,
                                                     const char *name, void **state)
{
    for (size_t i = 0; i < reg->n_commands; i++)
        if (!strcmp(reg->commands[i].cmd->name, name)) {
            if (state)
                *state = reg->plugins[reg->commands[i].plugin].state;
            return reg->commands[i].cmd;
        }
    return NULL;
}

size_t govern_registry_command_count(const struct govern_registry *reg)
{
    return reg->n_commands;
}

const struct govern_command *govern_registry_command_at(const struct govern_registry *reg, size_t i)
{
    return i < reg->n_commands ? reg->commands[i].cmd : NULL;
}

size_t govern_registry_plugin_count(const struct govern_registry *reg)
{
    return reg->n_plugins;
}

const struct govern_plugin *govern_registry_plugin_at(const struct govern_registry *reg, size_t i,
                                                      const char **origin)
{
    if (i >= reg->n_plugins)
        return NULL;
    if (origin)
        *origin = reg->plugins[i].origin;
    return reg->plugins[i].plugin;
}

size_t govern_registry_check_count(const struct govern_registry *reg)
{
    return reg->n_checks;
}

const struct govern_check_rule *govern_registry_check_at(const struct govern_registry *reg,
                                                         size_t i)
{
    return i < reg->n_checks ? reg->checks[i].rule : NULL;
}

int govern_registry_run_checks(struct govern_registry *reg, struct govern_check_ctx *ctx)
{
    for (size_t i = 0; i < reg->n_checks; i++) {
        int rc = reg->checks[i].rule->run(ctx, reg->plugins[reg->checks[i].plugin].state);
        if (rc)
            return govern_error_prefix(rc, "check '%s'", reg->checks[i].rule->name);
    }
    return 0;
}

int govern_registry_contribute_agenda(struct govern_registry *reg, struct govern_agenda *agenda,
                                      const struct govern_meeting *meeting,
                                      const struct govern_committee *committee,
                                      struct govern_snapshot *head,
                                      const struct govern_config *config, govern_date as_of)
{
    for (size_t i = 0; i < reg->n_contribs; i++) {
        size_t before = agenda->n_items;
        const struct loaded *l = &reg->plugins[reg->contribs[i].plugin];
        int rc = reg->contribs[i].c->contribute(agenda, meeting, committee, head, config, as_of,
                                                l->state);
        if (rc)
            return govern_error_prefix(rc, "agenda contributor '%s'", reg->contribs[i].c->name);
        for (size_t k = before; k < agenda->n_items; k++) {
            if (!agenda->items[k].source && !(agenda->items[k].source = strdup(l->plugin->name)))
                return govern_error_set(GOVERN_ENOMEM, "out of memory");
        }
    }
    return 0;
}

int govern_registry_fire(struct govern_registry *reg, enum govern_event event, const char *subject,
                         struct govern_change *chg, struct govern_snapshot *head, govern_date as_of)
{
    for (size_t i = 0; i < reg->n_hooks; i++) {
        if (reg->hooks[i].h->event != event)
            continue;
        int rc = reg->hooks[i].h->run(event, subject, chg, head, as_of,
                                      reg->plugins[reg->hooks[i].plugin].state);
        if (rc)
            return govern_error_prefix(rc, "hook '%s'", reg->hooks[i].h->name);
    }
    return 0;
}
