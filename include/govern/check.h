/*
 * Checks: `govern check` loads the whole model, runs the core rules and every
 * rule that plugins register, and collects diagnostics (file, line, rule,
 * message) in a stable order.
 */
#ifndef GOVERN_CHECK_H
#define GOVERN_CHECK_H

#include <stddef.h>
#include "date.h"
#include "model.h"

struct govern_diag {
    char *path; /* relative to the store, may be NULL */
    int line;   /* 0 when not known */
    char *rule; /* e.g. "notice", "quorum", "parse" */
    char *message;
};

struct govern_diags {
    struct govern_diag *items;
    size_t count, cap;
};

int govern_diags_add(struct govern_diags *d, const char *path, int line, const char *rule,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The last error ("path:line: message") as a "parse" diagnostic; fallback_path
 * names it when the message carries no path. */
int govern_diags_add_error(struct govern_diags *d, const char *fallback_path);
/* Sorts by path, line, rule, message. */
void govern_diags_sort(struct govern_diags *d);
void govern_diags_free(struct govern_diags *d);

struct govern_minutes;

/* Everything in a store, loaded once for checks and reports. */
struct govern_model {
    struct govern_config *config;
    struct govern_committee **committees; /* sorted by slug */
    size_t n_committees;
    struct govern_meeting **meetings; /* sorted by date, time, id */
    size_t n_meetings;
    struct govern_agenda **agendas; /* agendas[i] belongs to meetings[i]; NULL if none */
    /* minutes[i] belongs to meetings[i]; NULL if none (or if it failed to
     * parse, which is reported).  Added after the fields above (additive). */
    struct govern_minutes **minutes;
    /* Indices into meetings sorted by id, built by govern_model_load so that
     * govern_model_meeting_index is a binary search; NULL in a model built
     * by hand, which is then searched linearly.  Additive. */
    size_t *meeting_by_id;
};

/* Loads the model.  With diags, files that fail to parse are reported there
 * and skipped; without, the first failure is returned. */
int govern_model_load(struct govern_model **out, struct govern_snapshot *snap,
                      struct govern_diags *diags);
void govern_model_free(struct govern_model *m);
const struct govern_committee *govern_model_committee(const struct govern_model *m,
                                                      const char *slug);
/* Index of a meeting in m->meetings, or -1: O(log n) on a loaded model. */
long govern_model_meeting_index(const struct govern_model *m, const char *id);

/* The core rules (notice, standard items, exempt, urgent, quorum size, ...). */
int govern_check_core(struct govern_diags *out, const struct govern_model *m, govern_date as_of);

#endif
