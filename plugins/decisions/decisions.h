/*
 * Internal interface of the decisions plugin: executive decision notices
 * kept as decisions/YYYY-MM-DD-SLUG.md (front matter plus fixed Markdown
 * sections), parsed and written by decision.c, rendered by render.c, and
 * driven by the `govern decision` command and the `decisions` check rule
 * (plugin.c).  See docs/decisions.md for the format.
 */
#ifndef GOVERN_PLUGIN_DECISIONS_H
#define GOVERN_PLUGIN_DECISIONS_H

#include <stdbool.h>
#include <stddef.h>
#include "govern/plugin.h"

#define DECISIONS_DIR "decisions"
#define DECISION_MAX_PARTS 26 /* a) ... z) */
#define DECISION_SLUG_MAX 47  /* characters of a slug made from a title */

struct decision {
    char *id;   /* "YYYY-MM-DD-SLUG": the file name without .md; never changes */
    char *path; /* "decisions/ID.md" */

    char *maker;     /* decision_maker: a committee slug or a named person (one line) */
    char *committee; /* slug or NULL */
    char *meeting;   /* meeting id or NULL */
    govern_date date;
    char *title;
    bool key;
    char *forward_plan_ref; /* NULL when not set */
    char *reference;
    int exempt;              /* Schedule 12A paragraph 1-7, 0 when open */
    char *urgency;           /* reason for urgency, NULL when not urgent */
    char *conflicts;         /* declared by the decision maker */
    char *consulted;         /* members_consulted_conflicts */
    char *dispensation;      /* dispensation granted */
    govern_date published;   /* GOVERN_DATE_NONE while a draft */
    govern_date call_in_end; /* set by `decision publish`; NONE when urgent or unpublished */

    /* body */
    char *preamble; /* text of "## Decision" before part a) ("That Cabinet:"), or NULL */
    char **parts;   /* parts[0] is a), ... each without its letter */
    size_t n_parts;
    char *reasons;   /* "## Reasons" */
    char *rejected;  /* "## Other options considered and rejected" */
    char *statement; /* "## Statement" */
    char *notes;     /* "## Notes": the clerk's notes, never public */

    /* lines of fields, for messages (the front matter's when absent) */
    int line_maker, line_committee, line_meeting, line_date, line_key, line_published,
        line_call_in_end, line_urgency;
};

/* Checks an id's shape: a real date, '-', a slug. */
int decision_id_check(const char *id);
/* "decisions/ID.md" (caller frees), NULL on ENOMEM. */
char *decision_path(const char *id);
/* A slug from a title: lower case, - between words, at most DECISION_SLUG_MAX
 * characters, a long title cut after a whole word. */
int decision_title_slug(struct govern_buf *out, const char *title);

int decision_parse(struct decision **out, const char *id, const char *text, size_t len);
int decision_load(struct decision **out, struct govern_snapshot *snap, const char *id);
int decision_serialize(struct govern_buf *out, const struct decision *d);
/* Do a and b hold the same record (every field and section)? */
bool decision_equal(const struct decision *a, const struct decision *b);
void decision_free(struct decision *d);

/* The public form: NULL in *out (and 0) when the notice is not public on
 * as_of (unpublished, or published later); an exempt notice keeps only its
 * id, title, maker, date and paragraph; an open one loses its notes.  A
 * notice of a meeting the public view withholds (held in private, or its
 * meeting.md cannot be read) is exempt too, with exempt GOVERN_WITHHELD. */
int decision_public(struct decision **out, const struct decision *d, struct govern_public *view,
                    govern_date as_of);

/* Ids of every decisions/ID.md file whose name is a valid id, sorted; names
 * that are not valid ids go to bad (may be NULL). */
int decision_ids(struct govern_strlist *out, struct govern_strlist *bad,
                 struct govern_snapshot *snap);

/* Status on a day. */
enum decision_state {
    DECISION_DRAFT,         /* not published (on that day) */
    DECISION_PUBLISHED,     /* published, but no call-in end recorded */
    DECISION_CALL_IN,       /* call-in open until `when` */
    DECISION_IMPLEMENTABLE, /* may be implemented from `when` */
};
void decision_status(enum decision_state *st, govern_date *when, const struct decision *d,
                     govern_date as_of, const struct govern_holidays *h);
/* "draft", "published", "call-in open until 2022-01-04", "implementable from 2022-01-05". */
int decision_status_text(struct govern_buf *out, enum decision_state st, govern_date when);
const char *decision_state_name(enum decision_state st);
/* The end of call-in for a notice published on `published`: call_in_days
 * working days later (bank holidays and weekends skipped). */
govern_date decision_call_in_end(govern_date published, int call_in_days,
                                 const struct govern_holidays *h);

/* Renderers (render.c).  maker_name: the committee's name when the maker is a
 * committee slug, else NULL.  d must already be the public form when public. */
struct decision_view {
    const struct decision *d;
    const char *maker_name;
    bool public_;
    enum decision_state state;
    govern_date when;
};
int decision_render_md(struct govern_buf *out, const struct decision_view *v);
int decision_render_text(struct govern_buf *out, const struct decision_view *v);
int decision_render_html(struct govern_buf *out, const struct decision_view *v);
int decision_render_json(struct govern_buf *out, const struct decision_view *v);

/* The check rule (plugin.c). */
extern const struct govern_check_rule decisions_check_rule;

#endif
