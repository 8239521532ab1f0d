/*
 * Internal interface of the Forward Plan plugin.  The Forward Plan is the
 * executive's published notice of the key decisions it will take (SI
 * 2012/2089 reg 9: 28 clear days before) and of its meetings to be held in
 * private (reg 5), kept as one file per entry, forward-plan/ID.md (entry.c
 * parses and writes it).  view.c makes what an output may show of an entry
 * (the public form withholds by construction), render.c prints the plan,
 * check.c holds the `govern check` rules and plugin.c the `govern
 * forward-plan` command.  See docs/forward-plan.md for the format.
 */
#ifndef GOVERN_PLUGIN_FORWARDPLAN_H
#define GOVERN_PLUGIN_FORWARDPLAN_H

#include <stdbool.h>
#include <stddef.h>
#include "govern/plugin.h"

#define FP_DIR "forward-plan"
#define FP_NOTICE_DAYS 28   /* reg 9 (key decisions) and reg 5 (private meetings) */
#define FP_EXCEPTION_DAYS 5 /* reg 10: general exception */

enum fp_exception {
    FP_EXCEPTION_NONE,
    FP_GENERAL_EXCEPTION, /* reg 10: scrutiny chair informed, 5 clear days */
    FP_SPECIAL_URGENCY,   /* reg 11 (and reg 5(6)): the chair's agreement */
};

struct fp_entry {
    char *id;   /* file name without .md: a slug, never changes */
    char *path; /* "forward-plan/ID.md" */

    char *title;                 /* the matter to be decided (public) */
    char *maker;                 /* decision maker: a committee slug or a named person */
    char *meeting;               /* meeting id or NULL */
    govern_date date;            /* the day the decision is to be taken */
    bool key;                    /* a key decision (default true) */
    char *reference;             /* the council's own reference, or NULL */
    govern_date first_published; /* NONE while a draft */
    int private_;                /* Schedule 12A paragraph when taken in private, else 0 */
    char *private_reason;        /* why (never in the public form) */
    enum fp_exception exception;
    char *scrutiny_chair; /* the chair informed (reg 10) or who agreed (reg 11) */
    govern_date informed; /* reg 10: chair informed and notice available */
    govern_date agreed;   /* reg 11 / reg 5(6): the agreement given */
    char *urgency_reason; /* why 28 days' notice could not be given */
    char *documents;      /* documents to be submitted to the decision maker */
    char *contact;        /* whom to ask */
    char *notes;          /* the clerk's notes: never public */
    char *body;           /* Markdown: the matter described (public unless private) */

    struct govern_field_lines lines;
};

const char *fp_exception_name(enum fp_exception e);
int fp_exception_parse(enum fp_exception *out, const char *s);
/* An entry id: a slug ([a-z0-9-], 1-64). */
int fp_id_check(const char *id);
/* "forward-plan/ID.md" (caller frees). */
char *fp_path(const char *id);

int fp_parse(struct fp_entry **out, const char *id, const char *text, size_t len);
int fp_load(struct fp_entry **out, struct govern_snapshot *snap, const char *id);
int fp_serialize(struct govern_buf *out, const struct fp_entry *e);
void fp_free(struct fp_entry *e);

struct fp_list {
    struct fp_entry **items; /* sorted by id */
    size_t count;
};
/* Every forward-plan/ID.md.  With diags, files that fail to parse (or whose
 * names are not ids) are reported there and skipped; without, the first
 * failure is returned. */
int fp_list_load(struct fp_list *out, struct govern_snapshot *snap, struct govern_diags *diags);
void fp_list_free(struct fp_list *l);
/* The entry a decision notice's forward_plan_ref names: by id or by
 * reference; NULL when none. */
const struct fp_entry *fp_list_find(const struct fp_list *l, const char *ref);

/* Clear days between two days under SI 2012/2089: the calendar days
 * strictly between them (negative when b is not after a). */
int fp_clear_days(govern_date a, govern_date b);

/* --- view.c: what an output shows of an entry --- */

/* An entry as one output may show it.  The public form is made by copying
 * only what the law lets be published; every renderer prints a view, never
 * an entry, so nothing else can reach a public output. */
struct fp_view {
    const char *id, *title, *maker, *maker_name, *reference;
    govern_date date, first_published;
    bool key;
    int private_;  /* paragraph, 0 when open */
    bool withheld; /* public form of a private entry: only the fields above */
    bool draft;    /* not published on as_of (clerk's view only) */
    const char *meeting, *documents, *contact, *body;
    enum fp_exception exception;
    const char *scrutiny_chair, *urgency_reason;
    govern_date informed, agreed;
    const char *private_reason, *notes; /* clerk's view only */
};

/* meeting_private: the entry's meeting is held in private (private: true):
 * then the public form withholds its detail even if the entry does not say
 * private (fail closed).  maker_name: the committee's name or NULL. */
void fp_view_make(struct fp_view *v, const struct fp_entry *e, bool public_, bool meeting_private,
                  const char *maker_name, govern_date as_of);
/* "not for publication by virtue of paragraph N of Part 1 of Schedule 12A" */
int fp_private_notice(struct govern_buf *out, int paragraph);

/* --- render.c --- */

struct fp_plan {
    const char *body; /* the store's body (govern.yaml) */
    govern_date as_of, from, to;
    bool public_;
    const struct fp_view *views;
    size_t count;
};
int fp_render_text(struct govern_buf *out, const struct fp_plan *p);
int fp_render_md(struct govern_buf *out, const struct fp_plan *p);
int fp_render_html(struct govern_buf *out, const struct fp_plan *p);
int fp_render_json(struct govern_buf *out, const struct fp_plan *p);
/* format: "csv" or "xlsx" (dates typed). */
int fp_render_csv(struct govern_buf *out, const struct fp_plan *p, const char *format);

/* --- check.c --- */

extern const struct govern_check_rule fp_check_rule;

#endif
