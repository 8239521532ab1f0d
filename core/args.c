/*
 * The table-driven option parser every command uses (see govern/args.h),
 * and the subcommand dispatch built on it (govern_subcommand_run, plugin.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/args.h"
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/plugin.h"

static long find_long(const struct govern_opt *spec, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(spec[i].name) == len && strncmp(spec[i].name, name, len) == 0)
            return (long)i;
    return -1;
}

static long find_short(const struct govern_opt *spec, size_t n, char c)
{
    for (size_t i = 0; i < n; i++)
        if (spec[i].short_name && spec[i].short_name == c)
            return (long)i;
    return -1;
}

/* "argument 3 ('Caf\xe9')": where a positional argument is and how it
 * starts, bytes outside printable ASCII escaped. */
static void arg_name(char *out, size_t cap, size_t n, const char *arg)
{
    size_t k = (size_t)snprintf(out, cap, "argument %zu ('", n);
    for (const unsigned char *p = (const unsigned char *)arg; *p && k + 8 < cap; p++) {
        if (p - (const unsigned char *)arg >= 40) {
            k += (size_t)snprintf(out + k, cap - k, "...");
            break;
        }
        if (*p >= 0x20 && *p < 0x7f)
            out[k++] = (char)*p;
        else
            k += (size_t)snprintf(out + k, cap - k, "\\x%02x", *p);
    }
    snprintf(out + k, cap - k, "')");
}

/* The text rules for one argument (see args.h); a usage error naming it. */
static int check_arg(const char *what, const char *v, unsigned flags)
{
    int rc = govern_text_check(what, v, strlen(v), flags, GOVERN_TEXT_MAX);
    return rc;
}

static int store_value(struct govern_args *a, size_t i, const char *v)
{
    char what[80];
    snprintf(what, sizeof(what), "--%s", a->spec[i].name);
    enum govern_opt_kind k = a->spec[i].kind;
    bool prose = k == GOVERN_OPT_TEXT || k == GOVERN_OPT_MULTI_TEXT;
    int rc = check_arg(what, v, prose ? GOVERN_TEXT_LINES : 0);
    if (rc)
        return rc;
    if (k == GOVERN_OPT_MULTI || k == GOVERN_OPT_MULTI_TEXT)
        return govern_strlist_add(&a->multi[i], v);
    free(a->values[i]);
    a->values[i] = strdup(v);
    return a->values[i] ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
}

int govern_args_parse(struct govern_args *out, const struct govern_opt *spec, int argc, char **argv)
{
    memset(out, 0, sizeof(*out));
    size_t n = 0;
    while (spec && spec[n].name)
        n++;
    out->spec = spec;
    out->n_spec = n;
    out->values = calloc(n ? n : 1, sizeof(*out->values));
    out->multi = calloc(n ? n : 1, sizeof(*out->multi));
    if (!out->values || !out->multi) {
        govern_args_free(out);
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    int rc = 0;
    bool only_positional = false;
    for (int i = 0; i < argc && !rc; i++) {
        const char *arg = argv[i];
        if (only_positional || arg[0] != '-' || arg[1] == '\0') {
            char what[200];
            arg_name(what, sizeof(what), out->positional.count + 1, arg);
            if (!(rc = check_arg(what, arg, GOVERN_TEXT_LINES)))
                rc = govern_strlist_add(&out->positional, arg);
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_positional = true;
            continue;
        }
        long idx;
        const char *value = NULL;
        if (arg[1] == '-') {
            const char *name = arg + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            idx = find_long(spec, n, name, len);
            if (idx < 0) {
                rc = govern_error_set(GOVERN_EUSAGE, "unknown option '--%.*s'", (int)len, name);
                break;
            }
            if (eq)
                value = eq + 1;
            if (spec[idx].kind == GOVERN_OPT_FLAG && eq) {
                rc =
                    govern_error_set(GOVERN_EUSAGE, "option '--%s' takes no value", spec[idx].name);
                break;
            }
        } else {
            idx = find_short(spec, n, arg[1]);
            if (idx < 0 || arg[2]) {
                rc = govern_error_set(GOVERN_EUSAGE, "unknown option '%s'", arg);
                break;
            }
        }
        if (spec[idx].kind == GOVERN_OPT_FLAG) {
            rc = store_value(out, (size_t)idx, "1");
            continue;
        }
        if (!value) {
            if (i + 1 >= argc) {
                rc = govern_error_set(GOVERN_EUSAGE, "option '--%s' needs a value (%s)",
                                      spec[idx].name, spec[idx].metavar ? spec[idx].metavar : "");
                break;
            }
            value = argv[++i];
        }
        rc = store_value(out, (size_t)idx, value);
    }
    if (rc)
        govern_args_free(out);
    return rc;
}

static long index_of(const struct govern_args *a, const char *name)
{
    long i = find_long(a->spec, a->n_spec, name, strlen(name));
    return i;
}

/* The usage error for a subcommand missing from argv or not in the table. */
static int bad_subcommand(int argc, char **argv, const char *usage)
{
    if (argc < 1)
        return govern_error_set(GOVERN_EUSAGE, "missing subcommand; usage: %s", usage);
    return govern_error_set(GOVERN_EUSAGE, "unknown subcommand '%s'; usage: %s", argv[0], usage);
}

int govern_subcommand_parse(size_t *index, struct govern_args *out, const char *const *names,
                            const struct govern_opt *spec, int argc, char **argv, const char *usage)
{
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; argc > 0 && names[i]; i++)
        if (!strcmp(names[i], argv[0])) {
            *index = i;
            return govern_args_parse(out, spec, argc, argv);
        }
    return bad_subcommand(argc, argv, usage);
}

int govern_subcommand_run(struct govern_invocation *inv, const struct govern_subcommand *subs,
                          const struct govern_opt *spec, const char *usage)
{
    for (const struct govern_subcommand *sc = subs; inv->argc > 0 && sc->name; sc++)
        if (!strcmp(sc->name, inv->argv[0])) {
            struct govern_args a;
            int rc = govern_args_parse(&a, spec, inv->argc, inv->argv);
            if (rc)
                return rc;
            rc = sc->run(inv, &a);
            govern_args_free(&a);
            return rc;
        }
    return bad_subcommand(inv->argc, inv->argv, usage);
}

const char *govern_args_get(const struct govern_args *a, const char *name)
{
    long i = index_of(a, name);
    return i < 0 ? NULL : a->values[i];
}

bool govern_args_flag(const struct govern_args *a, const char *name)
{
    return govern_args_get(a, name) != NULL;
}

const struct govern_strlist *govern_args_multi(const struct govern_args *a, const char *name)
{
    long i = index_of(a, name);
    return i < 0 ? NULL : &a->multi[i];
}

int govern_args_positional(const struct govern_args *a, size_t min, size_t max, const char *usage)
{
    if (a->positional.count < min)
        return govern_error_set(GOVERN_EUSAGE, "missing argument; usage: %s", usage);
    if (a->positional.count > max)
        return govern_error_set(GOVERN_EUSAGE, "unexpected argument '%s'; usage: %s",
                                a->positional.items[max], usage);
    return 0;
}

void govern_args_free(struct govern_args *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n_spec; i++) {
        if (a->values)
            free(a->values[i]);
        if (a->multi)
            govern_strlist_free(&a->multi[i]);
    }
    free(a->values);
    free(a->multi);
    govern_strlist_free(&a->positional);
    memset(a, 0, sizeof(*a));
}

int govern_args_help(struct govern_buf *out, const struct govern_opt *spec)
{
    int rc = 0;
    if (!spec || !spec[0].name)
        return 0;
    rc = govern_buf_puts(out, "\nOptions:\n");
    for (size_t i = 0; spec[i].name && !rc; i++) {
        char left[96];
        const struct govern_opt *o = &spec[i];
        if (o->short_name)
            snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name, o->name,
                     o->kind == GOVERN_OPT_FLAG ? "" : " ",
                     o->kind == GOVERN_OPT_FLAG ? "" : o->metavar);
        else
            snprintf(left, sizeof(left), "    --%s%s%s", o->name,
                     o->kind == GOVERN_OPT_FLAG ? "" : " ",
                     o->kind == GOVERN_OPT_FLAG ? "" : o->metavar);
        rc = govern_buf_printf(
            out, "  %-30s %s%s\n", left, o->help ? o->help : "",
            o->kind == GOVERN_OPT_MULTI || o->kind == GOVERN_OPT_MULTI_TEXT ? " (repeatable)" : "");
    }
    return rc;
}
