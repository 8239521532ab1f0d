/*
 * Internal interface of the iCalendar plugin: the feed writer (feed.c), the
 * clash checks (clash.c), the commit times of the meetings (stamps.c) and the
 * `govern calendar` command (plugin.c).
 */
#ifndef GOVERN_PLUGIN_ICAL_H
#define GOVERN_PLUGIN_ICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "govern/plugin.h"

/* What every feed of one run shares: the model, and the commit times that
 * give each event its DTSTAMP and LAST-MODIFIED (looked up once each). */
struct ical_ctx {
    const struct govern_model *model;
    struct govern_store *store; /* for commit times */
    const char *rev;            /* --rev or NULL */
    int64_t *stamps;            /* per model->meetings index, valid once head_time is set */
    int64_t head_time;          /* newest commit time of the store (HEAD or rev);
                                   INT64_MIN: history not walked yet (one walk fills both) */
    const char *base_url;       /* --base-url, or NULL: the config's */
};

int ical_ctx_init(struct ical_ctx *ctx, const struct govern_model *model,
                  struct govern_store *store, const char *rev);
void ical_ctx_clear(struct ical_ctx *ctx);
/* Fills ctx->stamps and ctx->head_time from the store's history (stamps.c). */
int ical_load_stamps(struct ical_ctx *ctx);

/* Renders one VCALENDAR named name holding the meetings model->meetings[idx[i]]
 * (any order: events come out sorted by date, then id) into out. */
int ical_feed_render(struct govern_buf *out, struct ical_ctx *ctx, const char *name,
                     const size_t *idx, size_t n);

/* What `calendar --feeds` selects from (feed_index.c): every committee's
 * meetings and every member's committees, built once. */
struct member_ref;
struct ical_feed_index {
    const struct govern_model *model;
    size_t **by_committee; /* per model->committees index: meeting indices, ascending */
    size_t *n_by_committee;
    struct member_ref *refs; /* (member name, committee) sorted */
    size_t n_refs;
};
int ical_feed_index_build(struct ical_feed_index *x, const struct govern_model *m);
/* The meetings of committee slug (NULL, 0 when unknown); owned by x. */
int ical_feed_index_committee(const size_t **idx, size_t *n, const struct ical_feed_index *x,
                              const char *slug);
/* The meetings of every committee name is listed on, ascending (caller
 * frees *out); whether they sat on the day is for the caller to check. */
int ical_feed_index_member(size_t **out, size_t *n, const struct ical_feed_index *x,
                           const char *name);
void ical_feed_index_free(struct ical_feed_index *x);

/* A set of strings (the feeds' file names), hashed. */
struct ical_name_set {
    char **slots;
    size_t count, cap;
};
bool ical_name_set_contains(const struct ical_name_set *set, const char *s);
int ical_name_set_add(struct ical_name_set *set, const char *s);
void ical_name_set_free(struct ical_name_set *set);

/* RFC 5545 text escaping (backslash, semicolon, comma, newline). */
int ical_escape_text(struct govern_buf *out, const char *s);
/* Appends one content line folded at 75 octets (never inside a UTF-8
 * sequence), ending in CRLF. */
int ical_fold_line(struct govern_buf *out, const char *line, size_t len);

/* A meeting's span in minutes since the epoch, local wall time: untimed
 * meetings take the whole day; no end means two hours. */
void ical_meeting_span(const struct govern_meeting *m, int64_t *start, int64_t *end);
#define ICAL_DEFAULT_MINUTES 120

/* `govern schedule` (schedule.c). */
extern const struct govern_command ical_cmd_schedule;

/* `govern calendar import FILE.ics` (import.c): its options, and the run
 * of the subcommand (a write, but for --dry-run). */
extern const struct govern_opt ical_import_opts[];
int ical_import_run(struct govern_invocation *inv, struct govern_args *args);

/* The check rules (clash.c). */
extern const struct govern_check_rule ical_check_committee_overlap;
extern const struct govern_check_rule ical_check_member_overlap;

#endif
