/*
 * Everything govern says about itself, generated from the one command table
 * (core and plugin commands alike) so that it cannot drift from --help: the
 * command list of `govern help`, the global options and exit codes, man
 * pages (roff), the table as JSON, and the bash and zsh completion scripts.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "govern-config.h"

const struct cli_global cli_globals[] = {
    {"-C", "DIR", "run as if govern was started in DIR"},
    {"--rev", "REV", "read the store as it was at commit REV (read-only commands)"},
    {"--store", "PATH", "the store's directory inside the repository (a bare repository)"},
    {"--as-of", "DATE", "the day taken as today (YYYY-MM-DD)"},
    {"--format", "FMT", "output format: text, json, csv, xlsx, md or html, as the command lists"},
    {"-o, --output", "FILE", "write the output to FILE (needed for xlsx on a terminal)"},
    {"--color, --no-color", NULL, "colour on a terminal, or never (NO_COLOR is honoured)"},
    {"--no-pager", NULL, "never page the output"},
    {"-h, --help", NULL, "explain the command"},
    {"-V, --version", NULL, "print the version"},
    {NULL, NULL, NULL},
};

const struct cli_exit_code cli_exit_codes[] = {
    {0, "success; for check, no problems found"},
    {1, "failure: a record is missing or invalid, the store refused the change (uncommitted "
        "edits, approved minutes), a file could not be read or written; for check, problems "
        "found"},
    {2, "usage error: an unknown command, subcommand or option, a missing or extra argument, an "
        "option value of the wrong form (a date, a time, a format), a -C directory that cannot "
        "be entered"},
    {-1, NULL},
};

/* Words of text from the current column (indent), lines up to width. */
static int wrap(struct govern_buf *o, const char *text, size_t indent, size_t width)
{
    size_t col = indent;
    int rc = govern_buf_printf(o, "%*s", (int)(indent - 3), "");
    for (const char *p = text; *p && !rc;) {
        size_t len = strcspn(p, " ");
        if (col > indent && col + 1 + len > width) {
            rc = govern_buf_printf(o, "\n%*s", (int)indent, "");
            col = indent;
        } else if (col > indent) {
            rc = govern_buf_putc(o, ' ');
            col++;
        }
        if (!rc)
            rc = govern_buf_printf(o, "%.*s", (int)len, p);
        col += len;
        p += len;
        while (*p == ' ')
            p++;
    }
    return rc ? rc : govern_buf_putc(o, '\n');
}

int cli_help_overview(struct govern_buf *o, const struct govern_registry *reg)
{
    int rc = govern_buf_puts(o, "govern: meeting governance and minutes, kept as Markdown in "
                                "git.\n\nUsage: govern [GLOBAL OPTIONS] COMMAND [ARGS]\n\n"
                                "Commands:\n");
    size_t n = govern_registry_command_count(reg);
    for (size_t i = 0; i < n && !rc; i++) {
        const struct govern_command *c = govern_registry_command_at(reg, i);
        rc = govern_buf_printf(o, "  %-12s %s\n", c->name, c->summary ? c->summary : "");
    }
    if (!rc)
        rc = govern_buf_puts(o, "\nGlobal options (before or after the command):\n");
    for (const struct cli_global *g = cli_globals; g->names && !rc; g++) {
        char left[64];
        snprintf(left, sizeof(left), "%s%s%s", g->names, g->metavar ? " " : "",
                 g->metavar ? g->metavar : "");
        rc = govern_buf_printf(o, "  %-22s %s\n", left, g->help);
    }
    if (!rc)
        rc = govern_buf_puts(o, "\nExit codes:\n");
    for (const struct cli_exit_code *e = cli_exit_codes; e->text && !rc; e++) {
        rc = govern_buf_printf(o, "  %d", e->code);
        rc = rc ? rc : wrap(o, e->text, 5, 78);
    }
    if (!rc)
        rc = govern_buf_puts(o, "\nRun 'govern help COMMAND' for a command's options; "
                                "'man govern-COMMAND' where installed.\n");
    return rc;
}

/* ------------------------------------------------------------ usage parsing */

/* The usage entries of a command: lines starting "govern ", with any
 * continuation lines joined on. */
int cli_usage_entries(struct govern_strlist *out, const char *usage)
{
    struct govern_buf cur = GOVERN_BUF_INIT;
    int rc = 0;
    for (const char *p = usage ? usage : ""; *p && !rc;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        while (len && (*p == ' ' || *p == '\t'))
            p++, len--;
        if (len >= 7 && !strncmp(p, "govern ", 7) && cur.len) {
            rc = govern_strlist_add(out, cur.ptr);
            govern_buf_clear(&cur);
        }
        if (!rc)
            rc = govern_buf_printf(&cur, "%s%.*s", cur.len ? " " : "", (int)len, p);
        p += len;
        if (*p == '\n')
            p++;
    }
    if (!rc && cur.len)
        rc = govern_strlist_add(out, cur.ptr);
    govern_buf_free(&cur);
    return rc;
}

static bool is_sub_word(const char *w)
{
    if (!islower((unsigned char)w[0]))
        return false;
    for (const char *p = w; *p; p++)
        if (!islower((unsigned char)*p) && *p != '-')
            return false;
    return true;
}

/* What a placeholder names, for completion: slug, meeting, file, dir,
 * command, or NULL. */
static const char *kind_of(const char *w, size_t len)
{
    static const struct {
        const char *word, *kind;
    } kinds[] = {{"SLUG", "slug"},  {"COMMITTEE", "slug"},     {"BODY", "slug"},
                 {"ID", "meeting"}, {"MEETING-ID", "meeting"}, {"LATER-ID", "meeting"},
                 {"FILE", "file"},  {"FILE.ics", "file"},      {"PATH", "file"},
                 {"DIR", "dir"},    {"COMMAND", "command"}};
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (strlen(kinds[i].word) == len && !strncmp(kinds[i].word, w, len))
            return kinds[i].kind;
    return NULL;
}

/* The kinds of the alternatives in "MEETING-ID|COMMITTEE|PATH", space-separated. */
static void kinds_of(char *out, size_t cap, const char *w)
{
    out[0] = '\0';
    while (*w) {
        size_t len = strcspn(w, "|");
        const char *k = kind_of(w, len);
        if (k && !strstr(out, k))
            snprintf(out + strlen(out), cap - strlen(out), "%s%s", *out ? " " : "", k);
        w += len;
        if (*w == '|')
            w++;
    }
}

/* Reads "govern CMD [SUB] WORD [--opt VALUE] [OPTIONAL]..." */
void cli_usage_shape(struct cli_usage_shape *s, const char *entry)
{
    memset(s, 0, sizeof(*s));
    char copy[1024];
    snprintf(copy, sizeof(copy), "%s", entry);
    char *save = NULL, *w = strtok_r(copy, " ", &save);
    int idx = 0;
    bool after_opt = false;
    for (; w; w = strtok_r(NULL, " ", &save), idx++) {
        if (idx < 2)
            continue; /* govern CMD */
        if (idx == 2 && is_sub_word(w)) {
            snprintf(s->sub, sizeof(s->sub), "%s", w);
            continue;
        }
        bool bracket = w[0] == '[', opt = w[bracket] == '-' || w[bracket] == '(';
        if (opt) {
            after_opt = !strchr(w, ']') && !strchr(w, '=');
            continue;
        }
        if (after_opt || strstr(w, "...") == w) {
            after_opt = false;
            continue;
        }
        char word[64];
        snprintf(word, sizeof(word), "%s", w + bracket);
        word[strcspn(word, "]")] = '\0';
        if (!isupper((unsigned char)word[0]) || s->n_positional >= 8)
            continue;
        kinds_of(s->positional[s->n_positional++], sizeof(s->positional[0]), word);
    }
}

/* ------------------------------------------------------------ JSON */

static json_t *option_json(const struct govern_opt *o)
{
    json_t *j = json_object();
    char sh[2] = {o->short_name, 0};
    json_object_set_new(j, "name", json_string(o->name));
    json_object_set_new(j, "short", o->short_name ? json_string(sh) : json_null());
    json_object_set_new(j, "kind", json_string(govern_opt_kind_name(o->kind)));
    json_object_set_new(j, "metavar", o->metavar ? json_string(o->metavar) : json_null());
    json_object_set_new(j, "help", json_string(o->help ? o->help : ""));
    return j;
}

static json_t *options_json(const struct govern_opt *o)
{
    json_t *arr = json_array();
    for (; o && o->name; o++)
        json_array_append_new(arr, option_json(o));
    return arr;
}

/* Every option of a command, its own and its subcommands', each name once. */
static json_t *all_options_json(const struct govern_command *c)
{
    json_t *arr = options_json(c->options);
    for (const struct govern_subcommand *sc = c->subcommands; sc && sc->name; sc++)
        for (const struct govern_opt *o = sc->options; o && o->name; o++) {
            bool seen = false;
            for (size_t k = 0; k < json_array_size(arr) && !seen; k++)
                seen = !strcmp(json_string_value(json_object_get(json_array_get(arr, k), "name")),
                               o->name);
            if (!seen)
                json_array_append_new(arr, option_json(o));
        }
    return arr;
}

/* The subcommands' own tables: name, summary, usage, options, flags. */
static json_t *subcommands_json(const struct govern_command *c)
{
    json_t *arr = json_array();
    for (const struct govern_subcommand *sc = c->subcommands; sc && sc->name; sc++) {
        json_t *j = json_object();
        json_object_set_new(j, "name", json_string(sc->name));
        json_object_set_new(j, "summary", sc->summary ? json_string(sc->summary) : json_null());
        json_object_set_new(j, "usage", sc->usage ? json_string(sc->usage) : json_null());
        json_object_set_new(j, "options", options_json(sc->options));
        json_object_set_new(j, "store", json_boolean(sc->flags & GOVERN_CMD_STORE));
        json_object_set_new(j, "writes", json_boolean(sc->flags & GOVERN_CMD_WRITES));
        json_array_append_new(arr, j);
    }
    return arr;
}

int cli_subcommand_names(struct govern_strlist *out, const struct govern_command *c)
{
    int rc = 0;
    if (c->subcommands) {
        for (const struct govern_subcommand *sc = c->subcommands; sc->name && !rc; sc++)
            rc = govern_strlist_add(out, sc->name);
        return rc;
    }
    struct govern_strlist entries = GOVERN_STRLIST_INIT;
    rc = cli_usage_entries(&entries, c->usage);
    for (size_t k = 0; k < entries.count && !rc; k++) {
        struct cli_usage_shape s;
        cli_usage_shape(&s, entries.items[k]);
        bool seen = false;
        for (size_t i = 0; i < out->count && !seen; i++)
            seen = !strcmp(out->items[i], s.sub);
        if (*s.sub && !seen)
            rc = govern_strlist_add(out, s.sub);
    }
    govern_strlist_free(&entries);
    return rc;
}

int cli_table_json(struct govern_buf *out, const struct govern_registry *reg)
{
    json_t *root = json_object(), *cmds = json_array(), *globals = json_array();
    size_t n = govern_registry_command_count(reg);
    for (size_t i = 0; i < n; i++) {
        const struct govern_command *c = govern_registry_command_at(reg, i);
        json_t *j = json_object(), *subs = json_array();
        struct govern_strlist names = GOVERN_STRLIST_INIT;
        cli_subcommand_names(&names, c);
        for (size_t k = 0; k < names.count; k++)
            json_array_append_new(subs, json_string(names.items[k]));
        govern_strlist_free(&names);
        json_object_set_new(j, "name", json_string(c->name));
        json_object_set_new(j, "summary", json_string(c->summary ? c->summary : ""));
        json_object_set_new(j, "usage", json_string(c->usage ? c->usage : ""));
        json_object_set_new(j, "help", json_string(c->help ? c->help : ""));
        json_object_set_new(j, "subcommands", subs);
        json_object_set_new(j, "options", all_options_json(c));
        json_object_set_new(j, "subcommand_table", subcommands_json(c));
        json_array_append_new(cmds, j);
    }
    for (const struct cli_global *g = cli_globals; g->names; g++) {
        json_t *j = json_object();
        json_object_set_new(j, "names", json_string(g->names));
        json_object_set_new(j, "metavar", g->metavar ? json_string(g->metavar) : json_null());
        json_object_set_new(j, "help", json_string(g->help));
        json_array_append_new(globals, j);
    }
    json_object_set_new(root, "version", json_string(GOVERN_VERSION));
    json_object_set_new(root, "commands", cmds);
    json_object_set_new(root, "global_options", globals);
    return govern_json_write(out, root, 0);
}

/* ------------------------------------------------------------ man pages */

static const char environment_man[] =
    ".SH ENVIRONMENT\n"
    ".TP\n.B GOVERN_PAGER, PAGER\n"
    "The pager for output longer than the terminal (default \\fBless \\-FRX\\fR); "
    "empty or \\fBcat\\fR for none. Output that is not a terminal is never paged.\n"
    ".TP\n.B COLUMNS\n"
    "The terminal's width for text tables (otherwise asked of the terminal).\n"
    ".TP\n.B NO_COLOR\n"
    "No colour unless \\-\\-color is given.\n"
    ".TP\n.B GOVERN_AUTHOR_NAME, GOVERN_AUTHOR_EMAIL\n"
    "The author of govern's commits (otherwise git's user.name and user.email).\n"
    ".TP\n.B XDG_DATA_HOME\n"
    "User plugins are loaded from \\fI$XDG_DATA_HOME/govern/plugins\\fR "
    "(default \\fI~/.local/share/govern/plugins\\fR).\n"
    ".TP\n.B GOVERN_NO_CACHE\n"
    "Set to 1 to bypass the action register's cache.\n"
    ".SH FILES\n"
    ".TP\n.I " GOVERN_SYSTEM_PLUGIN_DIR "\n"
    "System plugins (shared objects).\n"
    ".SH SEE ALSO\n\\fBgit\\fR(1), and the documentation installed with govern.\n";

/* Text for roff: backslashes and leading dots or quotes escaped, '-' as \-. */
static int roff_text(struct govern_buf *o, const char *s, size_t len, bool fill)
{
    int rc = 0;
    bool bol = true;
    for (size_t i = 0; i < len && !rc; i++) {
        char c = s[i];
        if (bol && (c == '.' || c == '\''))
            rc = govern_buf_puts(o, "\\&");
        if (!rc && c == '\\')
            rc = govern_buf_puts(o, "\\e");
        else if (!rc && c == '-')
            rc = govern_buf_puts(o, "\\-");
        else if (!rc && c == '\n' && fill)
            rc = govern_buf_putc(o, '\n');
        else if (!rc)
            rc = govern_buf_putc(o, c);
        bol = c == '\n';
    }
    return rc;
}

static int roff_puts(struct govern_buf *o, const char *s)
{
    return roff_text(o, s, strlen(s), true);
}

/* ".TP" with a bold tag (and an italic value), then the text. */
static int man_item(struct govern_buf *o, const char *bold, const char *italic, const char *text)
{
    int rc = govern_buf_puts(o, ".TP\n\\fB");
    if (!rc)
        rc = roff_puts(o, bold);
    if (!rc)
        rc = govern_buf_puts(o, italic ? "\\fR \\fI" : "");
    if (!rc && italic)
        rc = roff_puts(o, italic);
    if (!rc)
        rc = govern_buf_puts(o, "\\fR\n");
    if (!rc)
        rc = roff_puts(o, text ? text : "");
    return rc ? rc : govern_buf_putc(o, '\n');
}

static int man_options(struct govern_buf *o, const struct govern_opt *opt)
{
    int rc = 0;
    for (; opt && opt->name && !rc; opt++) {
        char tag[96], help[1024];
        snprintf(tag, sizeof(tag), "%s%c%s--%s", opt->short_name ? "-" : "",
                 opt->short_name ? opt->short_name : ' ', opt->short_name ? ", " : "", opt->name);
        snprintf(help, sizeof(help), "%s%s", opt->help ? opt->help : "",
                 govern_opt_repeatable(opt->kind) ? " (repeatable)" : "");
        rc = man_item(o, tag + (opt->short_name ? 0 : 1),
                      opt->kind != GOVERN_OPT_FLAG ? opt->metavar : NULL, help);
    }
    return rc;
}

/* OPTIONS: the command's own, then each subcommand's under its name. */
static int man_all_options(struct govern_buf *o, const struct govern_command *c)
{
    bool any = c->options && c->options->name;
    for (const struct govern_subcommand *sc = c->subcommands; sc && sc->name; sc++)
        any = any || (sc->options && sc->options->name);
    int rc = any ? govern_buf_puts(o, "\n.SH OPTIONS\n") : 0;
    if (!rc)
        rc = man_options(o, c->options);
    for (const struct govern_subcommand *sc = c->subcommands; sc && sc->name && !rc; sc++) {
        if (!sc->options || !sc->options->name)
            continue;
        rc = govern_buf_printf(o, ".SS %s %s\n", c->name, sc->name);
        if (!rc)
            rc = man_options(o, sc->options);
    }
    return rc;
}

static int man_header(struct govern_buf *o, const char *name, const char *summary)
{
    int rc = govern_buf_puts(o, ".\\\" generated by 'govern help --man' from the command table; "
                                "do not edit\n.TH ");
    for (const char *p = name; *p && !rc; p++)
        rc = govern_buf_putc(o, (char)toupper((unsigned char)*p));
    if (!rc)
        rc = govern_buf_printf(o, " 1 \"\" \"govern %s\" \"govern manual\"\n.SH NAME\n",
                               GOVERN_VERSION);
    if (!rc)
        rc = roff_puts(o, name);
    if (!rc)
        rc = govern_buf_puts(o, " \\- ");
    if (!rc)
        rc = roff_puts(o, summary ? summary : "");
    return rc ? rc : govern_buf_putc(o, '\n');
}

static int man_command(struct govern_buf *o, const struct govern_command *c,
                       const struct govern_registry *reg)
{
    char name[80];
    snprintf(name, sizeof(name), "govern-%s", c->name);
    int rc = man_header(o, name, c->summary);
    if (!rc)
        rc = govern_buf_puts(o, ".SH SYNOPSIS\n");
    struct govern_strlist entries = GOVERN_STRLIST_INIT;
    if (!rc)
        rc = cli_usage_entries(&entries, c->usage ? c->usage : c->name);
    for (size_t i = 0; i < entries.count && !rc; i++) {
        rc = govern_buf_puts(o, ".PP\n");
        if (!rc)
            rc = roff_puts(o, entries.items[i]);
        if (!rc)
            rc = govern_buf_putc(o, '\n');
    }
    govern_strlist_free(&entries);
    if (!rc)
        rc = govern_buf_puts(o, ".SH DESCRIPTION\n");
    if (!rc)
        rc = roff_puts(o, c->help ? c->help : c->summary ? c->summary : "");
    if (!rc)
        rc = man_all_options(o, c);
    if (!rc && !strcmp(c->name, "check") && govern_registry_check_count(reg))
        rc = govern_buf_puts(o, ".SH RULES FROM PLUGINS\n");
    for (size_t i = 0; !strcmp(c->name, "check") && i < govern_registry_check_count(reg) && !rc;
         i++) {
        const struct govern_check_rule *r = govern_registry_check_at(reg, i);
        rc = man_item(o, r->name, NULL, r->summary);
    }
    if (!rc)
        rc = govern_buf_puts(o, "\n.SH GLOBAL OPTIONS\nThe global options of \\fBgovern\\fR(1) "
                                "(\\-C, \\-\\-rev, \\-\\-as\\-of, \\-\\-format, ...) apply.\n"
                                ".SH SEE ALSO\n\\fBgovern\\fR(1)\n");
    return rc;
}

static int man_main(struct govern_buf *o, const struct govern_registry *reg)
{
    int rc = man_header(o, "govern", "meeting governance and minutes, kept as Markdown in git");
    if (!rc)
        rc = govern_buf_puts(o, ".SH SYNOPSIS\n\\fBgovern\\fR [\\fIGLOBAL OPTIONS\\fR] "
                                "\\fICOMMAND\\fR [\\fIARGS\\fR]\n.SH DESCRIPTION\n"
                                "govern keeps a council's committee business (committees, "
                                "members, meetings, agendas, minutes, decisions, actions) as "
                                "Markdown files with YAML front matter in a git repository; "
                                "every change is one commit.\n.SH COMMANDS\n");
    size_t n = govern_registry_command_count(reg);
    for (size_t i = 0; i < n && !rc; i++) {
        const struct govern_command *c = govern_registry_command_at(reg, i);
        char page[80];
        snprintf(page, sizeof(page), "govern-%s(1)", c->name);
        rc = man_item(o, page, NULL, c->summary);
    }
    if (!rc)
        rc = govern_buf_puts(o, ".SH GLOBAL OPTIONS\n");
    for (const struct cli_global *g = cli_globals; g->names && !rc; g++)
        rc = man_item(o, g->names, g->metavar, g->help);
    if (!rc)
        rc = govern_buf_puts(o, ".SH EXIT STATUS\n");
    for (const struct cli_exit_code *e = cli_exit_codes; e->text && !rc; e++) {
        char code[8];
        snprintf(code, sizeof(code), "%d", e->code);
        rc = man_item(o, code, NULL, e->text);
    }
    if (!rc)
        rc = govern_buf_puts(o, environment_man);
    return rc;
}

int cli_man_page(struct govern_buf *out, const struct govern_registry *reg, const char *command)
{
    if (!command)
        return man_main(out, reg);
    const struct govern_command *c = govern_registry_command(reg, command, NULL);
    if (!c)
        return govern_error_set(GOVERN_EUSAGE, "'%s' is not a govern command", command);
    return man_command(out, c, reg);
}
