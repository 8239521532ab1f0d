/*
 * The action register, part of the model: actions/ID.md files
 * (docs/actions.md), parsed into plain structs, validated, serialised in
 * canonical form, with id allocation (SHORT-YYYY-NNN, never reused) and RAG
 * ratings.  The actions plugin's commands and the cycles plugin's reports
 * both read it through this header (core/action*.c); the whole register is
 * kept in the store's cache service (cache.h) between reads.
 *
 * A register owns every string of its actions in one arena, so loading tens
 * of thousands of actions costs a handful of allocations; an action that a
 * filter rejects while loading gives its memory back at once.
 */
#ifndef GOVERN_ACTION_H
#define GOVERN_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "check.h"
#include "date.h"
#include "error.h"
#include "model.h"
#include "public.h"
#include "store.h"

#define GOVERN_ACTIONS_DIR "actions"
#define GOVERN_ACTION_AMBER_DAYS 14 /* due within this many days: amber */

enum govern_action_status {
    GOVERN_ACTION_OPEN,
    GOVERN_ACTION_IN_PROGRESS,
    GOVERN_ACTION_DONE,
    GOVERN_ACTION_DROPPED,
};
#define GOVERN_ACTION_N_STATUS 4

enum govern_action_rag { GOVERN_RAG_GREEN, GOVERN_RAG_AMBER, GOVERN_RAG_RED };

struct govern_action_log_entry {
    govern_date date;
    const char *by;
    int status;      /* enum govern_action_status, or -1 when the entry sets none */
    govern_date due; /* a changed due date, or GOVERN_DATE_NONE */
    const char *note;
    int line;
};

struct govern_action {
    const char *id;        /* "CDJSC-2019-001" */
    const char *committee; /* slug of the body that raised it */
    const char *meeting;   /* raised_in.meeting or NULL */
    const char *minute;    /* raised_in.minute ("6/19") or NULL */
    const char *owner;
    const char *kind; /* NULL (an action) or "return" (a partner's return) */
    govern_date due;  /* GOVERN_DATE_NONE: no due date */
    enum govern_action_status status;
    const char **referred_to;
    size_t n_referred;
    govern_date created, updated; /* updated: latest log date, else created */
    struct govern_action_log_entry *log;
    size_t n_log;
    const char *text; /* the body, trimmed */
    const char *path; /* "actions/ID.md" */
    /* lines of fields, for diagnostics */
    int line_id, line_committee, line_meeting, line_status, line_referred;
    /* appended: the strategic priority it serves ("hcssg-2021-23/1"), or
     * NULL; its existence is checked against priorities/ by the commands
     * and by the partnership plugin's `priorities` check */
    const char *priority;
    int line_priority;
};

struct govern_action_arena;

struct govern_action_register {
    struct govern_action *items;
    size_t count, cap;
    struct govern_action_arena *arena;
};

/* Decides while loading whether an action is kept (NULL keeps all). */
typedef bool (*govern_action_keep_fn)(struct govern_action *a, void *ctx);

const char *govern_action_status_name(enum govern_action_status s);
int govern_action_status_parse(enum govern_action_status *out, const char *s);
bool govern_action_outstanding(const struct govern_action *a);
const char *govern_action_rag_name(enum govern_action_rag r);
/* Red: outstanding and due before as_of; amber: outstanding and due within
 * GOVERN_ACTION_AMBER_DAYS days of as_of (due == as_of included); green
 * otherwise (no due date, or done/dropped). *days_overdue: 0 unless red. */
enum govern_action_rag govern_action_rag(const struct govern_action *a, govern_date as_of,
                                         int *days_overdue);
/* --- the register on a past day, replayed from each action's dated log --- */

/* The status on day d, or -1 when the action did not exist yet (created
 * after d).  Before the first logged change of status it was open (or, with
 * no status ever logged, the status the file holds). */
int govern_action_status_on(const struct govern_action *a, govern_date d);
/* The day it became done, judged on day d (GOVERN_DATE_NONE: not done on d). */
govern_date govern_action_done_on(const struct govern_action *a, govern_date d);
/* The due date in force on day d: the last change logged on or before d;
 * before the first logged change, the first logged date (the register does
 * not keep a due date that was changed); without any, the field. */
govern_date govern_action_due_on(const struct govern_action *a, govern_date d);
/* Had the referral to a->referred_to[i] been made by the end of day d (it
 * is not recorded, as "Referred to SLUG", by a log entry after d)? */
bool govern_action_referred_on(const struct govern_action *a, size_t i, govern_date d);
/* Turns a into the action as it stood at the end of day d: its status and
 * due date then, the referrals logged after d ("Referred to SLUG" in a later
 * log entry) and the log entries after d removed, updated set to the last
 * entry kept.  Works in place (no allocation).  False when the action did
 * not exist yet on d (a is then left as it was). */
bool govern_action_rewind(struct govern_action *a, govern_date d);

/* Is this an action id (SHORT-YYYY-NNN)? */
bool govern_action_id_valid(const char *id);
/* Has it the form of a strategic priority's id (SET/N, N 1-99, e.g.
 * "hcssg-2021-23/1"; include/govern/priority.h)? */
bool govern_action_priority_id_valid(const char *id);
/* The id prefix of a committee: short_name, else the upper-cased slug. Caller frees. */
char *govern_action_prefix(const struct govern_committee *c);

void govern_action_register_init(struct govern_action_register *r);
void govern_action_register_clear(struct govern_action_register *r);
/* Copies s into the register's arena (NULL in, NULL out). */
const char *govern_action_register_strdup(struct govern_action_register *r, const char *s);

/* Parses one file's text (path "actions/ID.md" names it in errors) with the
 * document parser (govern_doc_parse) and appends the action to r.  text
 * must be NUL-terminated. */
int govern_action_parse(struct govern_action_register *r, const char *path, char *text, size_t len);
/* Loads actions/ID.md. GOVERN_ENOTFOUND names the id when absent. */
int govern_action_load(struct govern_action_register *r, struct govern_snapshot *snap,
                       const char *id);
/* Was a raised where the public may not see (govern_public_withheld): an
 * exempt minute (*para its Schedule 12A paragraph), a private meeting, or
 * anything that cannot be read or decided (*para 0)? */
bool govern_action_confidential(struct govern_public *view, const struct govern_action *a,
                                int *para);
/* The public form of a loaded register: the text and owner of confidential
 * actions replaced by a note saying why they are not for publication, their
 * progress notes removed; id, committee, dates and status stay. */
int govern_action_register_public(struct govern_action_register *r, struct govern_public *view);

/* Loads every action (sorted by id); keep filters while loading.  With diags,
 * files that fail to parse are reported there and skipped.  An unchanged
 * register is read from the cache (cache.h) instead of its files. */
int govern_action_load_all(struct govern_action_register *r, struct govern_snapshot *snap,
                           govern_action_keep_fn keep, void *ctx, struct govern_diags *diags);
/* Canonical form of an action (docs/actions.md). */
int govern_action_serialize(struct govern_buf *out, const struct govern_action *a);
/* Appends a log entry (copied into r's arena) and sets updated. */
int govern_action_add_log(struct govern_action_register *r, struct govern_action *a,
                          const struct govern_action_log_entry *e);

/* The next free id PREFIX-YEAR-NNN after every file in actions/ of head and
 * every action already put in chg (NULL: none).  Ids are never reused:
 * actions are never deleted.  Caller frees. */
int govern_action_next_id(char **out, struct govern_snapshot *head, struct govern_change *chg,
                          const char *prefix, int year);

#endif
