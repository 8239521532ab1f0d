/*
 * govern plugins: which plugins are loaded, from where, and what they add.
 */
#include <jansson.h>
#include <string.h>
#include "cli.h"

static int run(struct govern_invocation *inv)
{
    static const char *const fmts[] = {"text", "json", NULL};
    const char *fmt;
    int rc;
    if (inv->argc)
        return govern_error_set(GOVERN_EUSAGE, "usage: %s", cmd_plugins.usage);
    if ((rc = cli_format(&fmt, inv, "text", fmts)))
        return rc;
    size_t n = govern_registry_plugin_count(inv->registry);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const char *origin;
        const struct govern_plugin *p = govern_registry_plugin_at(inv->registry, i, &origin);
        if (!strcmp(fmt, "json")) {
            json_t *j = json_object();
            json_object_set_new(j, "name", json_string(p->name));
            json_object_set_new(j, "version",
                                json_string(p->version ? p->version : govern_version()));
            json_object_set_new(j, "origin", json_string(origin));
            json_object_set_new(j, "summary", json_string(p->summary ? p->summary : ""));
            json_array_append_new(arr, j);
        } else {
            govern_buf_printf(inv->out, "%-10s %-8s %-10s %s\n", p->name,
                              p->version ? p->version : govern_version(),
                              origin[0] == '/' ? "external" : origin, p->summary ? p->summary : "");
            if (origin[0] == '/')
                govern_buf_printf(inv->out, "           from %s\n", origin);
        }
    }
    if (!strcmp(fmt, "json")) {
        json_t *root = json_object();
        json_object_set_new(root, "abi", json_integer(GOVERN_PLUGIN_ABI));
        json_object_set_new(root, "plugins", arr);
        return govern_json_write(inv->out, root, 0);
    }
    json_decref(arr);
    return 0;
}

const struct govern_command cmd_plugins = {
    .name = "plugins",
    .summary = "list the loaded plugins",
    .usage = "govern plugins [--format text|json]",
    .help = "Built-in plugins are linked into govern. External plugins are shared objects in\n"
            "the system plugin directory and in $XDG_DATA_HOME/govern/plugins (default\n"
            "~/.local/share/govern/plugins); never from inside a governance store. See\n"
            "docs/plugins.md.",
    .options = NULL,
    .flags = 0,
    .run = run,
};
