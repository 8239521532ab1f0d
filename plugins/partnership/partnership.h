/*
 * Internal interface of the partnership plugin (docs/partnership.md): the
 * risk rating matrix read from govern.yaml (matrix.c), the risk log files
 * risks/ID.md (risk.c), their renderers (render.c), the priorities view
 * (priorities.c) and the commands, check rules and the "Risk log" agenda
 * item (plugin.c).  The priorities file itself is core (govern/priority.h),
 * because the cycles plugin reads it too.
 */
#ifndef GOVERN_PLUGIN_PARTNERSHIP_H
#define GOVERN_PLUGIN_PARTNERSHIP_H

#include <stdbool.h>
#include <stddef.h>
#include "govern/plugin.h"
#include "govern/priority.h"

#define RISK_PLUGIN "partnership"
#define RISKS_DIR "risks"
#define RISK_MAX_LEVELS 5
#define RISK_MAX_RATINGS 8
#define RISK_CODE_MAX 16
#define RISK_NAME_MAX 48

/* --- the matrix (matrix.c) --- */

struct risk_matrix {
    size_t n_levels;                                 /* 3 or 5: impact and probability share them */
    char levels[RISK_MAX_LEVELS][RISK_CODE_MAX];     /* codes, lowest first: L, M, H */
    char level_name[RISK_MAX_LEVELS][RISK_NAME_MAX]; /* Low, Medium, High */
    size_t n_ratings;
    char rating_code[RISK_MAX_RATINGS][RISK_CODE_MAX]; /* lowest first: L, M, H, U */
    char rating_name[RISK_MAX_RATINGS][RISK_NAME_MAX]; /* Low, Medium, High, Unacceptable */
    int cell[RISK_MAX_LEVELS][RISK_MAX_LEVELS];        /* [impact][probability]: rating index */
    int agenda_above; /* the Risk log item lists risks rated above this rating index */
};

/* Seed 003's footnote, with Medium-Medium rated Medium (docs/partnership.md). */
void risk_matrix_default(struct risk_matrix *m);
/* The matrix of `plugins: partnership:` in govern.yaml (defaults where the
 * section or its matrix is absent); errors name govern.yaml and the line. */
int risk_matrix_from_config(struct risk_matrix *m, const struct govern_config *cfg);
/* Index of a level given by code or name (case-insensitive), or -1. */
int risk_level_find(const struct risk_matrix *m, const char *s);
/* Index of a rating given by code or name (case-insensitive), or -1. */
int risk_rating_find(const struct risk_matrix *m, const char *s);
/* The rating index of impact i and probability p (level indexes). */
int risk_rating_of(const struct risk_matrix *m, int impact, int probability);

/* --- the risk log (risk.c) --- */

enum risk_status { RISK_OPEN, RISK_CLOSED };

struct risk_log_entry {
    govern_date date;
    char *by;
    char *impact, *probability; /* level codes when changed, else NULL */
    char *rating;               /* the rating name recorded then, else NULL */
    char *state;                /* one line, else NULL */
    char *progress;             /* one line, else NULL */
    int status;                 /* enum risk_status, or -1 */
    int line;
};

struct risk {
    char *id;                   /* "HCSSG-R-001" */
    char *committee;            /* slug */
    char *impact, *probability; /* level codes, or NULL (not assessed) */
    int rating;                 /* rating index from the matrix, -1 when not assessed */
    char *owner, *counter, *priority, *state;
    int exempt; /* Schedule 12A paragraph 1-7, 0 when open */
    enum risk_status status;
    govern_date created, updated;
    struct risk_log_entry *log;
    size_t n_log;
    char *text; /* the description (body), trimmed */
    char *path;
    int line_committee, line_priority, line_impact;
};

struct risk_list {
    struct risk **items; /* sorted by id (prefix, then serial as a number) */
    size_t count;
};

int risk_parse(struct risk **out, const char *path, const char *text, size_t len,
               const struct risk_matrix *m);
int risk_load(struct risk **out, struct govern_snapshot *snap, const char *id,
              const struct risk_matrix *m);
/* Every file in risks/; with diags, bad files are reported there and skipped. */
int risk_load_all(struct risk_list *out, struct govern_snapshot *snap, const struct risk_matrix *m,
                  struct govern_diags *diags);
int risk_serialize(struct govern_buf *out, const struct risk *r);
void risk_free(struct risk *r);
void risk_list_free(struct risk_list *l);
/* Appends a log entry (fields copied) and sets updated. */
int risk_add_log(struct risk *r, const struct risk_log_entry *e);
/* Is s a risk id (PREFIX-R-NNN)? */
bool risk_id_valid(const char *s);
/* The id prefix of a committee (short_name, else the slug in capitals). */
void risk_prefix(char out[80], const struct govern_committee *c);
/* The next free PREFIX-R-NNN in risks/ of head. Caller frees. */
int risk_next_id(char **out, struct govern_snapshot *head, const char *prefix);
/* The public form of a risk: an exempt risk keeps only its id, committee,
 * status and rating; everything else is dropped, not hidden. */
int risk_public(struct risk **out, const struct risk *r);

/* --- output (render.c) --- */

struct risk_view {
    const struct risk_matrix *m;
    const struct govern_model *model; /* committee names */
    bool public_;                     /* exempt risks already reduced (risk_public) */
};

int risk_render_list(struct govern_buf *out, const struct risk_list *l, const struct risk_view *v,
                     const char *format);
int risk_render_one(struct govern_buf *out, const struct risk *r, const struct risk_view *v,
                    const char *format);
/* "High High Unacceptable; High Medium High; ..." (seed 003's footnote). */
int risk_matrix_text(struct govern_buf *out, const struct risk_matrix *m);

/* --- priorities (priorities.c) --- */

/* Open actions tagged with a priority, read from the front matter of
 * each file of actions/ (id, status, priority) without the actions plugin. */
struct tagged_action {
    char *id, *priority, *status;
    bool open;
    int line;   /* of the priority field, for the check */
    char *path; /* "actions/NAME.md" */
};
struct tagged_actions {
    struct tagged_action *items;
    size_t count;
};
int tagged_actions_load(struct tagged_actions *out, struct govern_snapshot *snap);
void tagged_actions_free(struct tagged_actions *t);

int priorities_render(struct govern_buf *out, const struct govern_priority_sets *s,
                      const struct risk_list *risks, const struct tagged_actions *acts,
                      const struct risk_matrix *m, const struct govern_model *model,
                      govern_date as_of, const char *format);

/* --- check rules and the agenda item (check.c) --- */

int risks_check(struct govern_check_ctx *ctx, void *state);
int priorities_check(struct govern_check_ctx *ctx, void *state);
int risk_agenda_contribute(struct govern_agenda *agenda, const struct govern_meeting *meeting,
                           const struct govern_committee *committee, struct govern_snapshot *head,
                           const struct govern_config *config, govern_date as_of, void *state);

#endif
