/*
 * Checks: `govern check` loads the whole model, runs the core rules and every
 * rule that plugins register, and collects diagnostics (file, line, rule,
 * message) in a stable order.
 */
#ifndef GOVERN_CHECK_H
#define GOVERN_CHECK_H

#include <stdbool.h>
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

/* Which parts of the model a command needs: a command that never looks at
 * minutes (a calendar feed, cycle status) does not read or parse them. */
enum {
    GOVERN_MODEL_AGENDAS = 1u << 0, /* m->agendas[i] (else every entry NULL) */
    GOVERN_MODEL_MINUTES = 1u << 1, /* m->minutes (else m->minutes is NULL) */
};
/* Versioned, not covered by the plugin ABI: start from
 * GOVERN_MODEL_OPTS_INIT; an unknown version is refused (docs/plugins.md). */
struct govern_model_opts {
    unsigned version; /* GOVERN_MODEL_OPTS_VERSION */
    unsigned parts;   /* GOVERN_MODEL_* bits */
};
#define GOVERN_MODEL_OPTS_VERSION 1
#define GOVERN_MODEL_OPTS_INIT                                                                     \
    {                                                                                              \
        GOVERN_MODEL_OPTS_VERSION, GOVERN_MODEL_AGENDAS | GOVERN_MODEL_MINUTES                     \
    }
/* govern_model_load, reading only the parts opts names (NULL: everything). */
int govern_model_load_opts(struct govern_model **out, struct govern_snapshot *snap,
                           struct govern_diags *diags, const struct govern_model_opts *opts);
void govern_model_free(struct govern_model *m);
const struct govern_committee *govern_model_committee(const struct govern_model *m,
                                                      const char *slug);
/* Index of a meeting in m->meetings, or -1: O(log n) on a loaded model. */
long govern_model_meeting_index(const struct govern_model *m, const char *id);
/* The meetings dated within [from, to] (GOVERN_DATE_NONE: open) are
 * m->meetings[*lo .. *hi - 1]: two binary searches (meetings are sorted by
 * date). */
void govern_model_meeting_range(size_t *lo, size_t *hi, const struct govern_model *m,
                                govern_date from, govern_date to);

/* Does s state a reason (for an urgent item or decision)?  False for NULL,
 * blank text and the words that answer "is it urgent?" instead of saying why
 * ("yes", "true", "none", "n/a", "not applicable", ...), in any case, with or
 * without a final full stop.  Used by every command and check alike. */
bool govern_reason_stated(const char *s);
/* Does s record a dispensation that was granted?  True only when the text
 * starts with the word "Granted" (any case), as in "Granted by the Monitoring
 * Officer on 1 December 2019"; "None granted", "none", "n/a" and "" are not
 * grants (docs/rules.md). */
bool govern_dispensation_granted(const char *s);

/* The core rules (notice, standard items, exempt, urgent, quorum size, ...). */
int govern_check_core(struct govern_diags *out, const struct govern_model *m, govern_date as_of);

#endif
