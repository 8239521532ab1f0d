/*
 * The host's side of the plugin registry: creating it, loading built-in and
 * external plugins, and running what they registered (commands, checks,
 * agenda contributors, hooks, public outputs, cache kinds).  For the
 * govern CLI and other programs that embed libgovern, never for plugins:
 * a plugin only registers (govern/plugin.h) and is called back.
 */
#ifndef GOVERN_SYS_REGISTRY_H
#define GOVERN_SYS_REGISTRY_H

#include <stddef.h>
#include "../plugin.h"

int govern_registry_new(struct govern_registry **out);
/* Loads a plugin descriptor (built-in or from a shared object). */
int govern_registry_add(struct govern_registry *reg, const struct govern_plugin *p,
                        const char *origin);
/* Loads *.so from dir (absent dir: nothing); refuses dirs inside forbidden_root
 * (the store's repository).  Failures are collected in warnings. */
int govern_registry_load_dir(struct govern_registry *reg, const char *dir,
                             const char *forbidden_root, struct govern_strlist *warnings);
/* Loads one shared object. */
int govern_registry_load_file(struct govern_registry *reg, const char *path);
void govern_registry_free(struct govern_registry *reg);

size_t govern_registry_command_count(const struct govern_registry *reg);
const struct govern_command *govern_registry_command_at(const struct govern_registry *reg,
                                                        size_t i);
size_t govern_registry_plugin_count(const struct govern_registry *reg);
const struct govern_plugin *govern_registry_plugin_at(const struct govern_registry *reg, size_t i,
                                                      const char **origin);
size_t govern_registry_public_output_count(const struct govern_registry *reg);
const struct govern_public_output *
govern_registry_public_output_at(const struct govern_registry *reg, size_t i);
/* Runs every registered check rule. */
int govern_registry_run_checks(struct govern_registry *reg, struct govern_check_ctx *ctx);
size_t govern_registry_check_count(const struct govern_registry *reg);
const struct govern_check_rule *govern_registry_check_at(const struct govern_registry *reg,
                                                         size_t i);
/* The cache kinds plugins registered (NULL-free array, valid while reg
 * lives). */
const struct govern_cache_kind *const *govern_registry_caches(const struct govern_registry *reg,
                                                              size_t *n);
/* Runs every agenda contributor on a new agenda. */
int govern_registry_contribute_agenda(struct govern_registry *reg, struct govern_agenda *agenda,
                                      const struct govern_meeting *meeting,
                                      const struct govern_committee *committee,
                                      struct govern_snapshot *head,
                                      const struct govern_config *config, govern_date as_of);
/* Runs the hooks registered for event. */
int govern_registry_fire(struct govern_registry *reg, enum govern_event event, const char *subject,
                         struct govern_change *chg, struct govern_snapshot *head,
                         govern_date as_of);

#endif
