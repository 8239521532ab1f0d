/*
 * Minutes: SLUG/DIR/minutes.md, the record of what a meeting did.  The front
 * matter holds the attendance, declarations of interest, the approval and
 * one entry per minute; the body holds one "## N/YY Title" section per
 * minute, in the same order, with the minute's text (RESOLVED blocks,
 * action lines).  Numbers run on through a committee's meetings within the
 * municipal year and are set by govern only.  Approved minutes are the
 * legal record: the store refuses any write that would change them.
 */
#ifndef GOVERN_MINUTES_H
#define GOVERN_MINUTES_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "check.h"
#include "date.h"
#include "model.h"
#include "store.h"

#define GOVERN_MINUTES_FILE "minutes.md"

enum govern_minutes_status { GOVERN_MINUTES_DRAFT, GOVERN_MINUTES_APPROVED };

enum govern_interest_kind {
    GOVERN_INTEREST_PECUNIARY,         /* disclosable pecuniary (Localism Act 2011 s31) */
    GOVERN_INTEREST_OTHER_REGISTRABLE, /* other registrable */
    GOVERN_INTEREST_NON_REGISTRABLE,
};

/* The four attendance lists, in the order they are written. */
enum govern_attendance {
    GOVERN_PRESENT,
    GOVERN_APOLOGIES,
    GOVERN_ABSENT,
    GOVERN_ALSO_PRESENT,
};
#define GOVERN_ATTENDANCE_LISTS 4

struct govern_person {
    char *name;           /* one line, required */
    char *title;          /* optional */
    char *substitute_for; /* the member this person replaces (present only), or NULL */
    int line;
};

struct govern_people {
    struct govern_person *items;
    size_t count;
    int line; /* line of the list's key (0 when absent) */
};

struct govern_declaration {
    char *member;
    int minute; /* N of the minute N/YY it concerns */
    enum govern_interest_kind kind;
    char *interest;     /* optional */
    char *dispensation; /* optional */
    bool took_part;     /* default false */
    int line;
};

/* A vote on a minute (Sch 12 para 39 LGA 1972: decided by a majority of
 * those present and voting; the person presiding has a second, casting vote
 * in a tie).  The names are kept; a recorded vote (requested at the
 * meeting) shows them, otherwise outputs show the counts only. */
enum govern_vote_casting { GOVERN_CASTING_NONE, GOVERN_CASTING_FOR, GOVERN_CASTING_AGAINST };

struct govern_vote {
    struct govern_strlist for_, against, abstain; /* names, as in `present` */
    bool recorded;                                /* a recorded vote: names are published */
    enum govern_vote_casting casting;             /* the chair's casting vote in a tie */
    int line;
};

/* 1 carried, -1 lost, 0 tied without a casting vote (not a valid record). */
int govern_vote_outcome(const struct govern_vote *v);

struct govern_minute {
    int number; /* N in N/YY, >= 1 */
    char *title;
    int agenda_item; /* 1-based agenda item, 0 for a minute not on the agenda */
    int exempt;      /* Schedule 12A paragraph 1-7, 0 when open */
    int line;        /* of the entry in `items` */
    int heading_line;
    char *text;                        /* the section's Markdown (no heading), NULL when empty */
    struct govern_strlist resolutions; /* the numbered parts of RESOLVED blocks, in order */
    struct govern_vote *vote;          /* NULL: no vote recorded (ABI 3) */
};

struct govern_minutes {
    char *meeting; /* meeting id */
    char *path;    /* "SLUG/DIR/minutes.md" */
    enum govern_minutes_status status;
    int year; /* municipal year (its start year) */
    govern_time started, ended;
    struct govern_people people[GOVERN_ATTENDANCE_LISTS];
    struct govern_declaration *declarations;
    size_t n_declarations;
    int declarations_line;
    struct {
        char *at; /* the later meeting that confirmed them; NULL while a draft */
        govern_date date;
        char *presiding;
        int line;
    } approved;
    struct govern_minute *items;
    size_t n_items;
    char *preamble; /* Markdown before the first heading, or NULL */
    int status_line;
};

const char *govern_attendance_name(enum govern_attendance a); /* "present", "also_present" */
const char *govern_interest_kind_name(enum govern_interest_kind k);
int govern_interest_kind_parse(enum govern_interest_kind *out, const char *s);

/* "SLUG/DIR/minutes.md" for a meeting id (caller frees). */
char *govern_minutes_path(const char *meeting_id);

int govern_minutes_parse(struct govern_minutes **out, const char *meeting_id, const char *text,
                         size_t len);
/* GOVERN_ENOTFOUND when the meeting has no minutes. */
int govern_minutes_load(struct govern_minutes **out, struct govern_snapshot *snap,
                        const char *meeting_id);
/* The canonical file: parse(serialize(m)) == m, and serialize is idempotent. */
int govern_minutes_serialize(struct govern_buf *out, const struct govern_minutes *m);
/* The public form: exempt minutes keep number, title and paragraph only. */
int govern_minutes_public(struct govern_minutes **out, const struct govern_minutes *m);
void govern_minutes_free(struct govern_minutes *m);

/* A new, empty minute at the end (number and title copied). */
int govern_minutes_append(struct govern_minutes *m, int number, const char *title, int agenda_item,
                          int exempt);
/* Adds a person to a list after removing the name from every list. */
int govern_minutes_attend(struct govern_minutes *m, enum govern_attendance list, const char *name,
                          const char *title, const char *substitute_for);
int govern_minutes_declare(struct govern_minutes *m, const struct govern_declaration *d);
/* Records (or replaces) the vote on minute n; the vote is copied. */
int govern_minutes_vote(struct govern_minutes *m, int n, const struct govern_vote *v);
/* The vote's own rules, errors naming path:line: nobody votes twice, a
 * casting vote only in a tie and a tie needs one. */
int govern_vote_validate(const struct govern_vote *v, const char *path, int line);
/* The minute numbered n, or NULL. */
const struct govern_minute *govern_minutes_item(const struct govern_minutes *m, int n);
/* Structural rules a write insists on: people listed once, declarations
 * naming minutes that exist, a substitute only among those present.
 * Errors name path:line. */
int govern_minutes_validate(const struct govern_minutes *m);

/* The next minute number for meeting: one more than the highest number in
 * the minutes of the committee's earlier meetings in the same municipal year
 * (govern_municipal_year_start: the annual meeting or config year_start),
 * or 1. */
int govern_minutes_next_number(int *out, struct govern_snapshot *snap,
                               const struct govern_config *cfg,
                               const struct govern_meeting *meeting);
/* The label of the committee's municipal year holding meeting (2019 for
 * 2019/20), as govern_municipal_year_start gives it from the store. */
int govern_minutes_year(int *out, struct govern_snapshot *snap, const struct govern_config *cfg,
                        const struct govern_meeting *meeting);
/* The id of a later meeting of the same committee in the same municipal year
 * that already has minutes (caller frees), or *out NULL. */
int govern_minutes_later(char **out, struct govern_snapshot *snap, const struct govern_config *cfg,
                         const struct govern_meeting *meeting);
/* The annotated tag made when minutes are approved: "minutes/SLUG/DIR". */
char *govern_minutes_tag(const char *meeting_id);

/* Sch 12 para 41 LGA 1972: minutes are confirmed at the next suitable
 * meeting of the same body.  Is `at` the meeting where the minutes mn of
 * meeting `of` may be confirmed, as of the day as_of?  meetings/agendas are
 * the store's meetings sorted by date with their agendas (agendas may be
 * NULL or hold NULL); only those of the committee count.  Returns 0 with
 * *why NULL when lawful, or 0 with *why a message naming the rule and the
 * remedy (caller frees).  Refused: another committee's meeting, not later,
 * cancelled or postponed, not held or after as_of, a held meeting of the
 * committee in between whose agenda could have confirmed them (not the next
 * suitable meeting), minutes recording nobody present. */
int govern_minutes_approval_problem(char **why, const struct govern_minutes *mn,
                                    const struct govern_meeting *of,
                                    const struct govern_meeting *at,
                                    struct govern_meeting *const *meetings,
                                    struct govern_agenda *const *agendas, size_t n,
                                    govern_date as_of);

/* The minutes rules of govern check: quorum (voting members present),
 * interest (pecuniary interest without dispensation and took part), minutes
 * (numbering, declarations, people, meeting status, approval) and, with a
 * store, frozen (approved minutes unchanged since their tag). */
int govern_check_minutes(struct govern_diags *out, const struct govern_model *m,
                         struct govern_snapshot *snap, struct govern_store *store,
                         govern_date as_of);

#endif
