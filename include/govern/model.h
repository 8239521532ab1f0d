/*
 * The model: the store's configuration, committees with their members,
 * meetings and agendas as plain C structs, parsed from and serialised to
 * Markdown files with YAML front matter (see docs/format.md).  Loading
 * validates every field and names the file and line of what is wrong.
 *
 * Layout (paths relative to the store):
 *   govern.yaml                       configuration
 *   SLUG/committee.md                 a committee and its members
 *   SLUG/DATE[-N]/meeting.md          a meeting; its id is "SLUG/DATE[-N]"
 *   SLUG/DATE[-N]/agenda.md           its agenda
 *   SLUG/DATE[-N]/reports/NAME.md     reports attached to agenda items
 * Top-level names that are not committees are reserved (govern_reserved_name).
 */
#ifndef GOVERN_MODEL_H
#define GOVERN_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "date.h"
#include "doc.h"
#include "store.h"

#define GOVERN_CONFIG_FILE "govern.yaml"
#define GOVERN_FORMAT_VERSION 1

struct govern_config {
    int format;                           /* GOVERN_FORMAT_VERSION */
    char *body;                           /* "Hampshire County Council" */
    char *timezone;                       /* IANA name, "Europe/London" */
    int year_start_month, year_start_day; /* municipal year start, default 5-1 */
    int notice_days;                      /* clear days of agenda notice, default 5 */
    enum govern_notice_counting notice_counting;
    int call_in_days; /* working days of call-in after a decision is published, default 5 */
    char *base_url;   /* where published agendas live (optional) */
    struct govern_holidays holidays;
    struct govern_doc *doc; /* the parsed file; plugins read their section with
                               govern_config_plugin() */
};

/* The `plugins: NAME:` map of the config for a plugin, or NULL. */
const struct govern_node *govern_config_plugin(const struct govern_config *c, const char *name);

int govern_config_load(struct govern_config **out, struct govern_snapshot *snap);
int govern_config_parse(struct govern_config **out, const char *path, const char *text, size_t len);
int govern_config_serialize(struct govern_buf *out, const struct govern_config *c);
/* A config with the defaults and the given body and time zone. */
int govern_config_new(struct govern_config **out, const char *body, const char *tz);
void govern_config_free(struct govern_config *c);
/* The first day of the municipal year that contains d. */
govern_date govern_config_year_start(const struct govern_config *c, govern_date d);
/* The start of the municipal year of a committee that contains day d, and
 * its label (the year it starts in: 2019 for 2019/20, minutes N/19).  A
 * year starts at the committee's annual meeting (a meeting with `annual:
 * true`, not cancelled or postponed, belonging to the year whose configured
 * start is nearest to it), or, in a year without one, at the configured
 * year_start; numbering therefore restarts at the committee's first meeting
 * on or after either.  meetings may hold other committees' meetings. */
struct govern_meeting;
govern_date govern_municipal_year_start(int *label, const struct govern_config *cfg,
                                        struct govern_meeting *const *meetings, size_t n,
                                        const char *committee, govern_date d);
/* Validates an IANA time zone name known to libical. */
int govern_timezone_check(const char *tz);

/* --- committees and members --- */

enum govern_committee_kind {
    GOVERN_KIND_COMMITTEE,
    GOVERN_KIND_SUB_COMMITTEE,
    GOVERN_KIND_PARTNERSHIP,
    GOVERN_KIND_EXECUTIVE,
};

enum govern_role {
    GOVERN_ROLE_CHAIR,
    GOVERN_ROLE_VICE_CHAIR,
    GOVERN_ROLE_MEMBER,
    GOVERN_ROLE_CO_OPTED,
    GOVERN_ROLE_SUBSTITUTE,
    GOVERN_ROLE_OBSERVER,
    GOVERN_ROLE_OFFICER,
};

struct govern_member {
    char *name;
    enum govern_role role;
    char *title;        /* "Director of Adults' Health and Care" (optional) */
    char *organisation; /* body represented (optional) */
    bool voting;        /* default: true for chair, vice-chair, member, substitute */
    govern_date from;   /* GOVERN_DATE_NONE: since the start */
    govern_date to;     /* GOVERN_DATE_NONE: still serving */
    int line;           /* where it is written, for messages */
};

/* A standard or template agenda item a committee starts each agenda with. */
struct govern_template_item {
    char *title;
    char *purpose;
    char *standard; /* "chair", "apologies", "declarations", "urgent", "minutes" or NULL */
};

struct govern_committee {
    char *slug; /* directory name, stable id */
    char *name;
    char *short_name; /* "HCSSG": prefix for ids such as action numbers */
    enum govern_committee_kind kind;
    char *parent; /* slug or NULL */
    int quorum;   /* 0 when not set */
    char *cadence;
    char *description; /* Markdown body */
    struct govern_member *members;
    size_t n_members;
    struct govern_template_item *template_items; /* NULL: the standard items */
    size_t n_template;
    bool has_template;
    char *path; /* "SLUG/committee.md" */
    struct govern_field_lines lines;
};

const char *govern_kind_name(enum govern_committee_kind k);
int govern_kind_parse(enum govern_committee_kind *out, const char *s);
const char *govern_role_name(enum govern_role r);
int govern_role_parse(enum govern_role *out, const char *s);
bool govern_role_votes_by_default(enum govern_role r);
/* Is the member serving on d? */
bool govern_member_active(const struct govern_member *m, govern_date d);
/* Voting members serving on d. */
int govern_committee_voting_count(const struct govern_committee *c, govern_date d);

bool govern_reserved_name(const char *name);
int govern_slug_check(const char *slug);

int govern_committee_load(struct govern_committee **out, struct govern_snapshot *snap,
                          const char *slug);
int govern_committee_parse(struct govern_committee **out, const char *slug, const char *text,
                           size_t len);
int govern_committee_serialize(struct govern_buf *out, const struct govern_committee *c);
/* Slugs of every committee (directories holding committee.md), sorted. */
int govern_committee_slugs(struct govern_strlist *out, struct govern_snapshot *snap);
/* Sets and returns GOVERN_ENOTFOUND "unknown committee 'slug'", with the
 * nearest slug of the snapshot when one is close ("did you mean"). */
int govern_committee_unknown(struct govern_snapshot *snap, const char *slug);
int govern_committee_add_member(struct govern_committee *c, const struct govern_member *m);
void govern_committee_free(struct govern_committee *c);

/* --- meetings --- */

enum govern_meeting_status {
    GOVERN_STATUS_SCHEDULED,
    GOVERN_STATUS_HELD,
    GOVERN_STATUS_CANCELLED,
    GOVERN_STATUS_POSTPONED,
};

struct govern_meeting {
    char *id;        /* "SLUG/DATE[-N]": stable, never changes */
    char *committee; /* slug */
    char *uid;       /* calendar UID: stable, never changes */
    char *title;     /* optional, e.g. "Annual meeting" */
    govern_date date;
    govern_time time; /* GOVERN_TIME_NONE when not set */
    govern_time end;
    char *location;
    enum govern_meeting_status status;
    int sequence;  /* goes up whenever the time or status changes */
    char *reason;  /* why cancelled or postponed */
    bool private_; /* the whole meeting is held in private */
    char *notes;   /* Markdown body */
    char *path;    /* "SLUG/DIR/meeting.md" */
    struct govern_field_lines lines;
    bool annual; /* the annual meeting: starts the committee's municipal year (ABI 3) */
};

const char *govern_meeting_status_name(enum govern_meeting_status s);
int govern_meeting_status_parse(enum govern_meeting_status *out, const char *s);
/* Checks a meeting id's shape ("slug/YYYY-MM-DD[-N]") and splits it. */
int govern_meeting_id_check(const char *id);

int govern_meeting_load(struct govern_meeting **out, struct govern_snapshot *snap, const char *id);
int govern_meeting_parse(struct govern_meeting **out, const char *id, const char *text, size_t len);
int govern_meeting_serialize(struct govern_buf *out, const struct govern_meeting *m);
void govern_meeting_free(struct govern_meeting *m);
/* Frees what m holds and zeroes it, but not m itself (a meeting held by
 * value, as in an array); NULL-safe. */
void govern_meeting_clear(struct govern_meeting *m);
/* A fresh calendar UID (random, with the store's domain-free suffix "@govern"). */
int govern_meeting_new_uid(char **out);

struct govern_meeting_filter {
    const struct govern_strlist *committees; /* NULL or empty: all */
    govern_date from, to;                    /* GOVERN_DATE_NONE: open */
};

struct govern_meeting_list {
    struct govern_meeting **items; /* sorted by date, time, id */
    size_t count;
};

int govern_meeting_list_load(struct govern_meeting_list *out, struct govern_snapshot *snap,
                             const struct govern_meeting_filter *f);
void govern_meeting_list_free(struct govern_meeting_list *l);
/* Ids of a committee's meetings (directory names), sorted. */
int govern_meeting_ids(struct govern_strlist *out, struct govern_snapshot *snap, const char *slug);

/* --- agendas --- */

struct govern_agenda_item {
    char *title;
    char *purpose;  /* public text unless exempt */
    char *report;   /* file name under the meeting's reports/ (optional) */
    int exempt;     /* Schedule 12A paragraph 1-7, 0 when open */
    char *urgent;   /* reason for urgency (special circumstances), NULL when not urgent */
    char *standard; /* which standard item this is, or NULL */
    char *fulfils;  /* reporting cycle this item fulfils (optional) */
    char *source;   /* the plugin that added it (optional) */
    char *body;     /* extra Markdown text of the item (optional; private if exempt) */
    int line;
    char *minutes_of; /* a "minutes" item: the meeting id whose minutes it confirms (optional) */
    char *pages;      /* page reference in the printed pack: "9-52" or "5" (optional) */
};

struct govern_agenda {
    char *meeting;         /* meeting id */
    govern_date published; /* GOVERN_DATE_NONE until published */
    struct govern_agenda_item *items;
    size_t n_items;
    char *notes; /* Markdown body */
    char *path;
    struct govern_field_lines lines;
};

int govern_agenda_load(struct govern_agenda **out, struct govern_snapshot *snap,
                       const char *meeting_id);
int govern_agenda_parse(struct govern_agenda **out, const char *meeting_id, const char *text,
                        size_t len);
int govern_agenda_serialize(struct govern_buf *out, const struct govern_agenda *a);
/* Items to add from a file the clerk wrote (govern agenda add --from): plain
 * YAML (no fences) with one key, `items:`, a list of items written as in
 * agenda.md; `report`, `source` and `minutes_of` are refused.  Errors name
 * path and line. */
int govern_agenda_parse_items(struct govern_agenda **out, const char *meeting_id, const char *path,
                              const char *text, size_t len);
/* Appends a copy of item. */
int govern_agenda_append(struct govern_agenda *a, const struct govern_agenda_item *item);
int govern_agenda_remove(struct govern_agenda *a, size_t index);
int govern_agenda_move(struct govern_agenda *a, size_t from, size_t to);
/* The public form: exempt items keep their title and paragraph only. */
int govern_agenda_public(struct govern_agenda **out, const struct govern_agenda *a);
void govern_agenda_free(struct govern_agenda *a);
void govern_agenda_item_clear(struct govern_agenda_item *it);
/* Checks a page reference ("9-52" or "5": whole numbers 1-99999, the first
 * not after the second). */
int govern_pages_check(const char *pages);
/* Formats it as the printed agenda does: "Pages 9 - 52" or "Page 5". */
void govern_pages_format(char *out, size_t n, const char *pages);
/* The Schedule 12A paragraph's short description (1..7). */
const char *govern_exempt_paragraph_text(int paragraph);

/* A new meeting's agenda from the committee's template (or the standard
 * items): "appointment of chair" only at the first meeting of the municipal
 * year (first_of_year), "minutes" only when there is a previous meeting
 * (previous may be NULL). */
int govern_agenda_from_template(struct govern_agenda **out, const struct govern_committee *c,
                                const struct govern_meeting *m,
                                const struct govern_meeting *previous, bool first_of_year,
                                const struct govern_config *cfg);

/* Path helpers: "SLUG/DIR/meeting.md" etc. Caller frees. */
char *govern_meeting_path(const char *id, const char *file);

#endif
