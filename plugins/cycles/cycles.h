/*
 * Internal interface of the reporting-cycles plugin.  A cycle (a report one
 * body owes another every year, half-year or quarter) is a file
 * cycles/SLUG.md (cycle.c parses and writes it); schedule.c turns a cycle and
 * the loaded model into periods with due dates, fulfilments and a status,
 * the facts every command (status, upcoming, check, report) is built on;
 * report.c drafts a period's report; check.c holds the `govern check` rules
 * and plugin.c the `govern cycle` command.
 */
#ifndef GOVERN_PLUGIN_CYCLES_H
#define GOVERN_PLUGIN_CYCLES_H

#include <stdbool.h>
#include <stddef.h>
#include "govern/plugin.h"

#define CYCLES_DIR "cycles"
#define CYCLES_DUE_SOON_DAYS 28

/* Periods per year: the value is how many periods a year holds. */
enum cycle_kind {
    CYCLE_ANNUAL = 1,
    CYCLE_SIX_MONTHLY = 2,
    CYCLE_QUARTERLY = 4,
};

/* When a period's report falls due: a fixed day (month, day) or the first
 * meeting of a body in a month (body != NULL, day 0).  month is the month of
 * one period; the others follow every 12 / kind months. */
struct cycle_due {
    int month, day;
    char *body;
};

struct cycle {
    char *slug; /* file name without .md */
    char *name;
    char *owner; /* committee slug: the body that owes the report */
    char *to;    /* committee slug: the body it goes to */
    enum cycle_kind kind;
    struct cycle_due due;
    char *basis;     /* statutory or other basis (optional) */
    char *statutory; /* "crime-and-disorder" or NULL */
    char *review_of; /* committee reviewed under `statutory` (default: owner) */
    int since;       /* first period tracked (serial), or -1 */
    int until;       /* last period tracked (serial), or -1 */
    char *body;      /* Markdown body: notes, then the template */
    /* The year a report covers: "municipal", "financial", "calendar", or
     * NULL for the twelve months up to the due date (annual cycles only). */
    char *reporting_year;
    char *path; /* "cycles/SLUG.md" */
    /* lines of fields, for check messages */
    int line_owner, line_to, line_due, line_review_of, line_since;
    /* The agenda items that may fulfil this cycle (their `fulfils` names it),
     * in model order, once cycle_list_index has run (indexed); periods are
     * then computed from these instead of every meeting's agenda. */
    struct cycle_ref *refs;
    size_t n_refs;
    bool indexed;
};

struct cycle_ref {
    size_t meeting, item; /* model->meetings index, agenda item index */
};

/* --- cycle.c: the file format --- */

int cycle_kind_parse(enum cycle_kind *out, const char *s);
const char *cycle_kind_name(enum cycle_kind k);
/* "12-01" or "first meeting of BODY in MONTH"; BODY is checked as a slug
 * only (whether it exists is the caller's business). */
int cycle_due_parse(struct cycle_due *out, const char *s);
/* The canonical form of a due rule. */
int cycle_due_format(struct govern_buf *out, const struct cycle_due *d);
/* A period label ("2021", "2021-H1", "2021-Q3"; h and q in either case) of
 * the kind given, as a serial number (year * kind + index). */
int cycle_period_parse(int *serial, const char *s, enum cycle_kind kind);
/* Writes the label of a serial (at least 16 bytes). */
void cycle_period_label(char out[16], int serial, enum cycle_kind kind);

int cycle_parse(struct cycle **out, const char *slug, const char *text, size_t len);
int cycle_serialize(struct govern_buf *out, const struct cycle *c);
void cycle_free(struct cycle *c);
/* The report template: the body after the line "## Report template", or ""
 * when the body has none. */
const char *cycle_template(const struct cycle *c);
/* The default body `govern cycle add` writes (the structure of seed 001). */
extern const char cycle_default_body[];

struct cycle_list {
    struct cycle **items; /* sorted by slug */
    size_t count;
};

/* Loads every cycles/SLUG.md.  With diags, files that fail are reported
 * there (rule "parse") and skipped; without, the first failure is returned. */
int cycle_list_load(struct cycle_list *out, struct govern_snapshot *snap,
                    struct govern_diags *diags);
void cycle_list_free(struct cycle_list *l);
/* Fills every cycle's refs from the model's agendas: one pass over them. */
int cycle_list_index(struct cycle_list *l, const struct govern_model *m);
const struct cycle *cycle_list_find(const struct cycle_list *l, const char *slug);

/* --- schedule.c: periods, due dates, fulfilments, status --- */

enum cycle_state {
    CYCLE_NOT_DUE,  /* not fulfilled, due more than 28 days after as_of */
    CYCLE_DUE_SOON, /* not fulfilled, due within 28 days (or today) */
    CYCLE_OVERDUE,  /* not fulfilled, past due, the period still open */
    CYCLE_MISSED,   /* not fulfilled, the period is over */
    CYCLE_ON_TIME,  /* fulfilled on or before the due date */
    CYCLE_LATE,     /* fulfilled after the due date */
};
const char *cycle_state_name(enum cycle_state s);

enum cycle_due_source {
    CYCLE_DUE_FIXED,    /* a fixed day of the year */
    CYCLE_DUE_MEETING,  /* the first meeting of the body in the month */
    CYCLE_DUE_FALLBACK, /* no such meeting: the first day of the month */
};
const char *cycle_due_source_name(enum cycle_due_source s);

/* An agenda item that names a cycle in `fulfils`. */
struct cycle_item_ref {
    long meeting;         /* index in model->meetings, -1 when none */
    size_t item;          /* 0-based index in the meeting's agenda */
    bool explicit_period; /* written as fulfils: CYCLE-PERIOD */
};

struct cycle_period {
    int serial;
    char label[16];
    govern_date due;
    enum cycle_due_source due_source;
    long due_meeting;                /* index in model->meetings (CYCLE_DUE_MEETING), else -1 */
    govern_date start, end;          /* the dates whose nearest due date is this one's */
    struct cycle_item_ref fulfilled; /* the first held fulfilment on or before as_of */
    struct cycle_item_ref planned;   /* the first one after as_of (when not fulfilled) */
    enum cycle_state state;
};

/* The due date of a period (and where it comes from). */
void cycle_due_date(govern_date *due, enum cycle_due_source *src, long *meeting,
                    const struct cycle *c, const struct govern_model *m, int serial);
/* The period whose due date is nearest to d (the later one at equal
 * distance): the period a fulfilment on d counts for, and the period
 * "current" on d. */
int cycle_period_at(const struct cycle *c, const struct govern_model *m, govern_date d);
/* Everything about one period as of a date. */
void cycle_period_compute(struct cycle_period *out, const struct cycle *c,
                          const struct govern_model *m, int serial, govern_date as_of);
/* The period status shows on as_of: the current one, kept within since and
 * until. */
int cycle_current_period(const struct cycle *c, const struct govern_model *m, govern_date as_of);
/* The first period tracked: since, else the period of the earliest
 * fulfilment, else the current one. */
int cycle_first_period(const struct cycle *c, const struct govern_model *m, govern_date as_of);

/* Which cycle (and period, for CYCLE-PERIOD) an agenda item's `fulfils`
 * names: *cycle NULL when none; *serial -1 for no explicit period. */
void cycle_resolve_fulfils(const struct cycle **cycle, int *serial, const struct cycle_list *l,
                           const char *fulfils);

/* What the report of period serial covers: the period before it falls due,
 * whenever it is drafted.  Without reporting_year, the 12 / kind months up
 * to the day before the due date; with it, the last whole reporting year
 * (municipal from the store's year_start, financial from 1 April, calendar)
 * that ends before the due date. */
void cycle_report_window(govern_date *start, govern_date *end, const struct cycle *c,
                         const struct govern_model *m, int serial);

/* --- report.c: the report drafter --- */

struct govern_action_register;
struct govern_priority_sets;
/* Drafts the report of period serial in Markdown (docs/cycles.md, "Drafting
 * a report"): the structure of seed 001, the figures of the period counted
 * from the model and the action register (r may be NULL: no actions) beside
 * the previous period's, and the owner's strategic priorities whose period
 * overlaps (prio may be NULL: none; govern/priority.h).  meeting: index in m->meetings of the
 * meeting it is drafted for (its date is the report's), or -1.  GOVERN_ENOTFOUND when the owning
 * body and its sub-committees have no meeting in the period. */
int cycle_report_draft(struct govern_buf *out, const struct cycle *c, const struct govern_model *m,
                       const struct govern_action_register *r,
                       const struct govern_priority_sets *prio, int serial, govern_date as_of,
                       long meeting);

/* --- check.c --- */

extern const struct govern_check_rule cycles_check_rule;

#endif
