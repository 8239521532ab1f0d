/*
 * Internal interface of the actions plugin: the minutes scanner and the
 * hook that registers actions written in minutes (minutes.c), the listing
 * and report renderers (render.c), the check rule (check.c) and the commands
 * (plugin.c).  The register itself is the core's (govern/action.h).
 */
#ifndef GOVERN_PLUGIN_ACTIONS_H
#define GOVERN_PLUGIN_ACTIONS_H

#include "govern/action.h"
#include "govern/plugin.h"

/* One `- [ ] ACTION...: TEXT @OWNER due:DATE` task item found in minutes. */
struct actions_minutes_item {
    int line;              /* 1-based line in minutes.md */
    char minute_label[16]; /* "6/19" from the section's `## 6/19 Title` heading */
    bool done;             /* [x] */
    char *id;              /* already registered (ACTION ID:), else NULL */
    char *text, *owner;
    govern_date due;   /* GOVERN_DATE_NONE when not given */
    size_t start, end; /* byte range of the line, without its line break */
    size_t indent;     /* bytes of indentation before the bullet */
    char bullet;       /* '-', '*' or '+' */
};

struct actions_minutes_scan {
    struct actions_minutes_item *items;
    size_t count;
};

/* Finds the action items of minutes text (path names it in errors): only in
 * `## N/YY Title` sections, never inside fenced code.  A bad line (no owner,
 * no text, an invalid due date, an action outside any minute) is an error
 * naming path and line. */
int actions_minutes_scan(struct actions_minutes_scan *out, const char *path, const char *text);
void actions_minutes_scan_free(struct actions_minutes_scan *s);
/* The text with every item i for which ids[i] is non-NULL rewritten as
 * `- [ ] ACTION ID: TEXT @{OWNER} due:DATE` (indentation, bullet and check
 * state kept). */
int actions_minutes_rewrite(struct govern_buf *out, const char *text,
                            const struct actions_minutes_scan *s, char *const *ids);

/* The hook on MINUTES_DRAFTED / MINUTES_APPROVED (subject: meeting id). */
int actions_minutes_hook(enum govern_event event, const char *subject, struct govern_change *chg,
                         struct govern_snapshot *head, govern_date as_of, void *state);

/* The agenda contributor: a standing "Action log" item. */
int actions_agenda_contribute(struct govern_agenda *agenda, const struct govern_meeting *meeting,
                              const struct govern_committee *committee,
                              struct govern_snapshot *head, const struct govern_config *config,
                              govern_date as_of, void *state);

/* The check rule "actions". */
int actions_check(struct govern_check_ctx *ctx, void *state);

/* --- rendering (render.c) --- */

struct actions_view {
    const struct govern_action *a;
    const char *group; /* the committee it is listed under (its own or a referral) */
    enum govern_action_rag rag;
    int days_overdue;
};

struct actions_listing {
    govern_date as_of;
    const struct govern_strlist *committees; /* filter given with --committee (or NULL) */
    const struct govern_strlist *slugs;      /* known committees, sorted ... */
    const struct govern_strlist *names;      /* ... and their names */
};

/* Where a long listing goes while it is being written: fn(ctx) is called
 * whenever out holds more than ACTIONS_FLUSH_BYTES, to write it out and
 * empty it, so that peak memory does not grow with the register. */
struct actions_sink {
    int (*fn)(void *ctx);
    void *ctx;
};
#define ACTIONS_FLUSH_BYTES (256 * 1024)

/* One action per entry of r (JSON, CSV) or one per committee it is listed
 * under (text, md, html).  sink may be NULL (out holds everything). */
int actions_render_json(struct govern_buf *out, const struct govern_action_register *r,
                        govern_date as_of, const struct actions_sink *sink);
int actions_render_csv(struct govern_buf *out, const struct govern_action_register *r,
                       govern_date as_of, const struct actions_sink *sink);
/* The same rows as an xlsx workbook (dates typed, minute numbers text). */
int actions_render_xlsx(struct govern_buf *out, const struct govern_action_register *r,
                        govern_date as_of);
int actions_render_grouped(struct govern_buf *out, const struct govern_action_register *r,
                           const struct actions_listing *l, const char *format, bool color);
int actions_render_report(struct govern_buf *out, const struct govern_action_register *r,
                          const struct actions_listing *l, govern_date from, govern_date to,
                          const char *format);
/* One action (govern action show). */
int actions_render_one(struct govern_buf *out, const struct govern_action *a, govern_date as_of,
                       const char *format);

/* govern action add --from FILE (from_file.c): the actions of a YAML file
 * with one key, `actions:`, each a map of text and owner (required), due,
 * item, refer_to (a list of committees) and return (boolean). */
struct actions_file_entry {
    char *text, *owner;
    govern_date due; /* GOVERN_DATE_NONE when not given */
    int item;        /* 0 when not given */
    struct govern_strlist refer;
    bool is_return;
    int line;
};

struct actions_file {
    struct actions_file_entry *items;
    size_t count;
};

/* Reads and checks the whole file; errors name path and line. */
int actions_file_parse(struct actions_file *out, const char *path);
void actions_file_free(struct actions_file *f);

#endif
