/*
 * Command-line options, declared as a table and parsed the same way by every
 * command (core or plugin): --name VALUE, --name=VALUE, -x VALUE, flags,
 * repeatable options, "--" ending options.  Errors are GOVERN_EUSAGE.
 *
 * Every value and positional argument is checked here, before any command
 * sees it (govern_text_check in doc.h): at most GOVERN_TEXT_MAX bytes,
 * UTF-8, no control characters but TAB.  A VALUE or MULTI option is one
 * line; a TEXT or MULTI_TEXT option is prose and may span lines (LF);
 * positional arguments may span lines (the command, and the parser of what
 * it writes, decide).
 */
#ifndef GOVERN_ARGS_H
#define GOVERN_ARGS_H

#include <stdbool.h>
#include "buf.h"
#include "date.h"

enum govern_opt_kind {
    GOVERN_OPT_FLAG,  /* --flag */
    GOVERN_OPT_VALUE, /* --name VALUE (last one wins) */
    GOVERN_OPT_MULTI, /* --name VALUE, repeatable */
    /* --name alone (a flag: the value is "") or --name VALUE when the next
     * argument does not start with '-', or --name=VALUE; repeatable: every
     * value given is also in govern_args_multi() */
    GOVERN_OPT_OPTIONAL,
    /* added in plugin ABI 3: */
    GOVERN_OPT_TEXT,       /* as VALUE, but prose: the value may span lines */
    GOVERN_OPT_MULTI_TEXT, /* as MULTI, each value prose */
};

/* May an option of kind k be given more than once (MULTI, MULTI_TEXT,
 * OPTIONAL)? */
bool govern_opt_repeatable(enum govern_opt_kind k);
/* "flag", "value", "multi", "optional", "text" or "multi-text". */
const char *govern_opt_kind_name(enum govern_opt_kind k);

struct govern_opt {
    const char *name; /* long name without dashes; NULL ends the table */
    char short_name;  /* 0 for none */
    enum govern_opt_kind kind;
    const char *metavar; /* "DATE" */
    const char *help;
};

struct govern_args {
    const struct govern_opt *spec;
    size_t n_spec;
    char **values;                /* per spec entry: VALUE (or "1" for a set flag), NULL */
    struct govern_strlist *multi; /* per spec entry: MULTI values */
    struct govern_strlist positional;
};

/* Parses argv[0..argc) (argv[0] is the first argument, not the command). */
int govern_args_parse(struct govern_args *out, const struct govern_opt *spec, int argc,
                      char **argv);
const char *govern_args_get(const struct govern_args *a, const char *name);
bool govern_args_flag(const struct govern_args *a, const char *name);
/* An option the table lacks gives NULL (get, multi) or false (flag). */
const struct govern_strlist *govern_args_multi(const struct govern_args *a, const char *name);
/* Option name's value as a date (YYYY-MM-DD) into *out; *out is left as it
 * is when the option is not given.  A bad date is GOVERN_EINVAL "--NAME: ...". */
int govern_args_date(govern_date *out, const struct govern_args *a, const char *name);
/* Refuses fewer than min or more than max positional arguments. */
int govern_args_positional(const struct govern_args *a, size_t min, size_t max, const char *usage);
void govern_args_free(struct govern_args *a);
/* The candidate closest to word (edit distance, or word a prefix of it), or
 * NULL when none is close enough: for "did you mean" in usage errors. */
const char *govern_suggest(const char *word, const char *const *cands, size_t n);
/* Appends an "Options:" block describing spec. */
int govern_args_help(struct govern_buf *out, const struct govern_opt *spec);
/* The same block headed "TITLE:" ("Options of 'agenda add'"). */
int govern_args_help_titled(struct govern_buf *out, const struct govern_opt *spec,
                            const char *title);

#endif
