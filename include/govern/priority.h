/*
 * Strategic priorities: a body's priorities for a period (priorities/ID.md,
 * docs/partnership.md), each with its co-sponsors, the areas of focus it
 * encompasses and the quarterly reports its co-sponsors owe, and the body's
 * cross-cutting key areas of focus.  In the core because two plugins read
 * them: the partnership plugin (`govern priorities`, risks tagged with a
 * priority, the missing-report check) and the cycles plugin (the priorities
 * section of a report to Cabinet); plugins never link each other.
 *
 * A set's id is its file name without ".md" and is always COMMITTEE-PERIOD
 * ("hcssg-2021-23"); a priority's id is SET/NUMBER ("hcssg-2021-23/1").
 */
#ifndef GOVERN_PRIORITY_H
#define GOVERN_PRIORITY_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "check.h"
#include "date.h"
#include "doc.h"
#include "store.h"

#define GOVERN_PRIORITIES_DIR "priorities"
#define GOVERN_PRIORITY_MAX 99 /* priorities in one set */

struct govern_co_sponsor {
    char *name;         /* a person, a post or an organisation */
    char *organisation; /* optional */
};

/* A quarterly report a priority's co-sponsors owe, as recorded. */
struct govern_priority_report {
    int year, quarter; /* 2022, 1 for "2022-Q1" */
    govern_date due;   /* GOVERN_DATE_NONE: the last day of the quarter */
    char *received;    /* meeting id where it was received, or NULL */
    int line;
};

struct govern_priority {
    int number;  /* 1, 2, ...: unique in its set */
    char *id;    /* "hcssg-2021-23/1" */
    char *title; /* one line */
    struct govern_co_sponsor *co_sponsors;
    size_t n_co_sponsors;
    struct govern_strlist focus; /* what the priority encompasses, one line each */
    struct govern_priority_report *reports;
    size_t n_reports;
    int line;
};

struct govern_priority_set {
    char *id;        /* "hcssg-2021-23" (file name) */
    char *committee; /* slug */
    char *period;    /* "2021-23" */
    govern_date from, to;
    char *agreed;                  /* meeting id, or NULL */
    int until_year, until_quarter; /* reports tracked up to this quarter; 0: to `to` */
    struct govern_strlist areas;   /* the body's key areas of focus */
    struct govern_priority *items; /* in file order */
    size_t count;
    char *notes; /* Markdown body */
    char *path;  /* "priorities/ID.md" */
    struct govern_field_lines lines;
};

struct govern_priority_sets {
    struct govern_priority_set **items; /* sorted by id */
    size_t count;
};

/* "2022-Q1" -> 2022, 1. */
int govern_quarter_parse(int *year, int *quarter, const char *s);
/* First and last day of a quarter. */
void govern_quarter_range(govern_date *start, govern_date *end, int year, int quarter);

int govern_priority_set_parse(struct govern_priority_set **out, const char *id, const char *text,
                              size_t len);
int govern_priority_set_load(struct govern_priority_set **out, struct govern_snapshot *snap,
                             const char *id);
/* Every file of priorities/.  With diags, files that fail to parse are
 * reported there and skipped; without, the first failure is returned. */
int govern_priority_sets_load(struct govern_priority_sets *out, struct govern_snapshot *snap,
                              struct govern_diags *diags);
int govern_priority_set_serialize(struct govern_buf *out, const struct govern_priority_set *s);
void govern_priority_set_free(struct govern_priority_set *s);
void govern_priority_sets_free(struct govern_priority_sets *s);
/* The priority with id "SET/N", or NULL; *set (may be NULL) gets its set. */
const struct govern_priority *govern_priority_find(const struct govern_priority_sets *s,
                                                   const char *id,
                                                   const struct govern_priority_set **set);

/* One quarterly report owed on a priority: every quarter that lies wholly
 * within the set's from..to (and not after `until`). */
struct govern_report_due {
    int year, quarter;
    govern_date due;                            /* the entry's due, else the quarter's end */
    const struct govern_priority_report *entry; /* the recorded entry, or NULL */
};
/* The reports owed on p, oldest first; caller frees *out. */
int govern_priority_reports_owed(struct govern_report_due **out, size_t *n,
                                 const struct govern_priority_set *s,
                                 const struct govern_priority *p);

#endif
