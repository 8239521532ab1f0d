/*
 * The table-driven option parser every command uses (see govern/args.h),
 * and the choice of a command's subcommand (govern_command_subcommand,
 * plugin.h) that the CLI dispatches on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/args.h"
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/plugin.h"

/* Levenshtein distance between a[0..la) and b (at most 63 bytes each). */
static size_t edit_distance(const char *a, size_t la, const char *b)
{
    size_t lb = strlen(b), row[64];
    if (la > 63 || lb > 63)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}

const char *govern_suggest(const char *word, const char *const *cands, size_t n)
{
    size_t len = word ? strlen(word) : 0, best = (size_t)-1, limit = len < 6 ? 2 : len / 3;
    const char *pick = NULL;
    for (size_t i = 0; len && i < n; i++) {
        if (!cands[i])
            continue;
        size_t d = edit_distance(word, len, cands[i]);
        /* a prefix of one candidate ("ag" for "agenda") counts as close */
        if (d > limit && !strncmp(cands[i], word, len) && len >= 2)
            d = limit;
        if (d <= limit && d < best) {
            best = d;
            pick = cands[i];
        }
    }
    return pick;
}

/* British and American spellings of an option name compare equal:
 * --organization is --organisation, --color is --colour. */
static void canon_spelling(char *out, size_t cap, const char *s, size_t len)
{
    static const char *const pairs[][2] = {
        {"ization", "isation"},    {"izing", "ising"},        {"ize", "ise"},
        {"colour", "color"},       {"behaviour", "behavior"}, {"centre", "center"},
        {"cancelled", "canceled"}, {"licence", "license"},    {"programme", "program"},
    };
    size_t o = 0;
    for (size_t i = 0; i < len && o + 1 < cap;) {
        size_t k = 0;
        for (; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
            size_t pl = strlen(pairs[k][0]), ql = strlen(pairs[k][1]);
            if (i + pl <= len && !strncmp(s + i, pairs[k][0], pl) && o + ql < cap) {
                memcpy(out + o, pairs[k][1], ql);
                o += ql;
                i += pl;
                break;
            }
        }
        if (k == sizeof(pairs) / sizeof(pairs[0]))
            out[o++] = s[i++];
    }
    out[o] = '\0';
}

static long find_long(const struct govern_opt *spec, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(spec[i].name) == len && strncmp(spec[i].name, name, len) == 0)
            return (long)i;
    return -1;
}

/* find_long, accepting the other spelling (British or American) of a name. */
static long find_long_variant(const struct govern_opt *spec, size_t n, const char *name, size_t len)
{
    char want[128], have[128];
    canon_spelling(want, sizeof(want), name, len);
    for (size_t i = 0; i < n; i++) {
        canon_spelling(have, sizeof(have), spec[i].name, strlen(spec[i].name));
        if (!strcmp(want, have))
            return (long)i;
    }
    return -1;
}

/* "unknown option '--x'", with the closest option of spec when there is one. */
static int unknown_option(const struct govern_opt *spec, size_t n, const char *name, size_t len)
{
    char word[128];
    const char *cands[128];
    snprintf(word, sizeof(word), "%.*s", (int)len, name);
    size_t k = 0;
    for (; k < n && k < 128; k++)
        cands[k] = spec[k].name;
    const char *s = govern_suggest(word, cands, k);
    if (s)
        return govern_error_set(GOVERN_EUSAGE, "unknown option '--%s'; did you mean '--%s'?", word,
                                s);
    return govern_error_set(GOVERN_EUSAGE, "unknown option '--%s'", word);
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

bool govern_opt_repeatable(enum govern_opt_kind k)
{
    return k == GOVERN_OPT_MULTI || k == GOVERN_OPT_MULTI_TEXT || k == GOVERN_OPT_OPTIONAL;
}

const char *govern_opt_kind_name(enum govern_opt_kind k)
{
    switch (k) {
    case GOVERN_OPT_FLAG:
        return "flag";
    case GOVERN_OPT_VALUE:
        return "value";
    case GOVERN_OPT_MULTI:
        return "multi";
    case GOVERN_OPT_OPTIONAL:
        return "optional";
    case GOVERN_OPT_TEXT:
        return "text";
    case GOVERN_OPT_MULTI_TEXT:
        return "multi-text";
    }
    return "value";
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
    if (a->spec[i].kind == GOVERN_OPT_OPTIONAL && *v && govern_strlist_add(&a->multi[i], v))
        return GOVERN_ENOMEM;
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
            if (idx < 0)
                idx = find_long_variant(spec, n, name, len);
            if (idx < 0) {
                rc = unknown_option(spec, n, name, len);
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
        if (spec[idx].kind == GOVERN_OPT_OPTIONAL && !value) {
            /* the next argument is its value unless it is an option */
            bool takes = i + 1 < argc && argv[i + 1][0] != '-' && !only_positional;
            rc = store_value(out, (size_t)idx, takes ? argv[++i] : "");
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

/* The usage error for a subcommand missing from argv or not in names. */
static int bad_subcommand(int argc, char **argv, const char *usage, const char *const *names,
                          size_t n)
{
    if (argc < 1)
        return govern_error_set(GOVERN_EUSAGE, "missing subcommand; usage: %s", usage);
    const char *s = govern_suggest(argv[0], names, n);
    if (s)
        return govern_error_set(GOVERN_EUSAGE, "unknown subcommand '%s'; did you mean '%s'?",
                                argv[0], s);
    return govern_error_set(GOVERN_EUSAGE, "unknown subcommand '%s'; usage: %s", argv[0], usage);
}

int govern_command_subcommand(const struct govern_subcommand **out,
                              const struct govern_command *cmd, int argc, char **argv)
{
    *out = NULL;
    if (!cmd->subcommands)
        return 0;
    if (cmd->run && (argc < 1 || argv[0][0] == '-'))
        return 0;
    const char *names[64];
    size_t n = 0;
    char usage[512]; /* "govern agenda add|edit|... ..." */
    int len = snprintf(usage, sizeof(usage), "govern %s ", cmd->name);
    for (const struct govern_subcommand *sc = cmd->subcommands; sc->name; sc++) {
        if (argc > 0 && !strcmp(sc->name, argv[0])) {
            *out = sc;
            return 0;
        }
        if (n < sizeof(names) / sizeof(names[0]))
            names[n++] = sc->name;
        if (len > 0 && (size_t)len < sizeof(usage))
            len += snprintf(usage + len, sizeof(usage) - (size_t)len, "%s%s", n > 1 ? "|" : "",
                            sc->name);
    }
    if (len > 0 && (size_t)len < sizeof(usage))
        snprintf(usage + len, sizeof(usage) - (size_t)len, " ... (govern help %s)", cmd->name);
    return bad_subcommand(argc, argv, usage, names, n);
}

unsigned govern_command_flags(const struct govern_command *cmd, const struct govern_subcommand *sub,
                              const struct govern_args *args)
{
    if (!sub)
        return cmd->flags;
    unsigned f = sub->flags;
    if (args && sub->writes_with && govern_args_flag(args, sub->writes_with))
        f |= GOVERN_CMD_WRITES;
    if (args && sub->reads_with && govern_args_flag(args, sub->reads_with))
        f &= ~(unsigned)GOVERN_CMD_WRITES;
    return f;
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

int govern_args_date(govern_date *out, const struct govern_args *a, const char *name)
{
    const char *v = govern_args_get(a, name);
    if (v && govern_date_parse(out, v))
        return govern_error_prefix(GOVERN_EINVAL, "--%s", name);
    return 0;
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
    return govern_args_help_titled(out, spec, "Options");
}

int govern_args_help_titled(struct govern_buf *out, const struct govern_opt *spec,
                            const char *title)
{
    int rc = 0;
    if (!spec || !spec[0].name)
        return 0;
    rc = govern_buf_printf(out, "\n%s:\n", title);
    for (size_t i = 0; spec[i].name && !rc; i++) {
        char left[96];
        const struct govern_opt *o = &spec[i];
        const char *sep = o->kind == GOVERN_OPT_FLAG       ? ""
                          : o->kind == GOVERN_OPT_OPTIONAL ? " ["
                                                           : " ";
        const char *mv = o->kind == GOVERN_OPT_FLAG ? "" : o->metavar;
        const char *end = o->kind == GOVERN_OPT_OPTIONAL ? "]" : "";
        if (o->short_name)
            snprintf(left, sizeof(left), "-%c, --%s%s%s%s", o->short_name, o->name, sep, mv, end);
        else
            snprintf(left, sizeof(left), "    --%s%s%s%s", o->name, sep, mv, end);
        rc = govern_buf_printf(out, "  %-30s %s%s\n", left, o->help ? o->help : "",
                               govern_opt_repeatable(o->kind) ? " (repeatable)" : "");
    }
    return rc;
}
