/*
 * Internal interface of the register of members' interests: one file per
 * member, interests/SLUG.md (register.c parses and writes it), listing the
 * member's disclosable pecuniary, other registrable and non-registrable
 * interests with the dates they were held; the `govern interests` command
 * (plugin.c) and the `interest-register` rule of `govern check` (check.c),
 * which compares the register with the declarations in minutes.  See
 * docs/interests.md.
 */
#ifndef GOVERN_PLUGIN_INTERESTS_H
#define GOVERN_PLUGIN_INTERESTS_H

#include <stdbool.h>
#include <stddef.h>
#include "govern/minutes.h"
#include "govern/plugin.h"

#define INTERESTS_DIR "interests"
#define INTERESTS_MAX 1000 /* entries in one member's register */

struct interest {
    enum govern_interest_kind kind;
    char *interest;               /* what it is (one line) */
    struct govern_strlist matter; /* words or phrases naming the matters it touches */
    govern_date from, to;         /* to: GOVERN_DATE_NONE while held */
    int line;
};

struct interest_register {
    char *slug;   /* the file name without .md */
    char *path;   /* "interests/SLUG.md" */
    char *member; /* the member's name, as in committee.md and minutes */
    struct interest *items;
    size_t count;
    char *notes; /* Markdown body */
};

/* The file slug of a member's name: lower case, '-' between words. */
int interests_slug(struct govern_buf *out, const char *member);
int interests_parse(struct interest_register **out, const char *slug, const char *text, size_t len);
int interests_load(struct interest_register **out, struct govern_snapshot *snap, const char *slug);
int interests_serialize(struct govern_buf *out, const struct interest_register *r);
void interests_free(struct interest_register *r);
/* Is the entry held on day d? */
bool interest_held(const struct interest *i, govern_date d);

struct interests_all {
    struct interest_register **items; /* sorted by slug */
    size_t count;
};
/* Every interests/SLUG.md; with diags, files that fail are reported there
 * and skipped. */
int interests_load_all(struct interests_all *out, struct govern_snapshot *snap,
                       struct govern_diags *diags);
void interests_all_free(struct interests_all *a);

/* Does a matter word or phrase occur in text as whole words, ignoring case? */
bool interests_matter_in(const char *matter, const char *text);

extern const struct govern_check_rule interests_check_rule;

#endif
