/*
 * The public view: the only source of anything meant for the public.  From
 * a snapshot it yields meetings, agendas and minutes with exempt (Schedule
 * 12A) and private content already removed, and answers for the plugins'
 * records (actions, decisions) whether what was raised at a meeting or in a
 * minute may be published.  Renderers of public outputs take what it gives
 * and have no flag to remember.
 *
 * What is withheld is the union of every source:
 *   - an agenda item with `exempt:` (any value that is not "open": 1-7, and
 *     anything else a hand may write, such as 8, "3" or true);
 *   - a minute with `exempt:`, or taken under an agenda item that is exempt
 *     (the agenda's flag is authoritative even when minutes.md lacks it);
 *   - every item and minute of a meeting held in private (titles only);
 *   - a draft agenda: one not published on or before as_of is absent.
 * Whatever cannot be decided fails closed: a meeting.md, agenda.md or
 * minutes.md that does not parse, cannot be read (a symbolic link, not a
 * regular file) or is missing where a record names it counts as withheld,
 * and a warning naming the file is kept (govern_public_warnings).
 */
#ifndef GOVERN_PUBLIC_H
#define GOVERN_PUBLIC_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "check.h"
#include "date.h"
#include "minutes.h"
#include "model.h"
#include "store.h"

/* The exempt value of an agenda item or minute withheld without a known
 * Schedule 12A paragraph (a value that is not 1-7, or a status that could
 * not be decided).  Renderers print "not for publication" for it. */
#define GOVERN_WITHHELD (-1)

/* One meeting as the public may see it. */
struct govern_public_meeting {
    const struct govern_meeting *meeting; /* without its notes (the clerk's) */
    /* The public agenda; NULL when there is none or it was not published on
     * or before as_of (draft is then true). */
    const struct govern_agenda *agenda;
    bool draft;
    /* The public minutes; NULL when there are none or they could not be
     * read (every minute then counts as withheld). */
    const struct govern_minutes *minutes;
};

struct govern_public;

/* A view of snap as on as_of.  Nothing is read until asked for. */
int govern_public_open(struct govern_public **out, struct govern_snapshot *snap, govern_date as_of);
/* A view of one meeting given as the texts of its meeting.md, agenda.md
 * and minutes.md (NULL: the file is absent), with no store behind it: the
 * same rules, for tests and fuzzing (tests/fuzz/fuzz_public.c). */
int govern_public_open_texts(struct govern_public **out, const char *meeting_id,
                             const char *meeting_md, size_t n_meeting, const char *agenda_md,
                             size_t n_agenda, const char *minutes_md, size_t n_minutes,
                             govern_date as_of);
void govern_public_free(struct govern_public *p);
/* The snapshot the view reads. */
struct govern_snapshot *govern_public_snapshot(const struct govern_public *p);

/* One meeting's public form (read once, then kept).  GOVERN_ENOTFOUND when
 * the meeting does not exist; a meeting.md that cannot be read is an error
 * too (nothing of it is public), and a warning. */
int govern_public_meeting(const struct govern_public_meeting **out, struct govern_public *p,
                          const char *meeting_id);

/* The whole store in public form, in the shape govern_model_load gives:
 * meetings sorted by date, agendas[i] NULL unless published, minutes[i]
 * public.  Files that cannot be read are left out, with a warning.  The
 * model belongs to p. */
int govern_public_model(const struct govern_model **out, struct govern_public *p);
/* govern_public_model reading only the parts opts names (struct
 * govern_model_opts of check.h; NULL: everything).  Agendas are always
 * read (the public form of minutes needs them); without
 * GOVERN_MODEL_MINUTES no minutes.md is read or parsed and model->minutes
 * is NULL, so a calendar feed never parses minutes.  The view still
 * answers for minutes: govern_public_meeting and govern_public_withheld
 * read a meeting's minutes when first asked, and a later call asking for
 * them fills the model in. */
int govern_public_model_opts(const struct govern_model **out, struct govern_public *p,
                             const struct govern_model_opts *opts);

/* May what was raised at meeting_id, in the minute `minute` ("3", "3/21";
 * NULL: at the meeting, not in a minute), be published?  true when it is
 * withheld: the meeting is private or cannot be read, or the minute is
 * exempt (either source), missing, or its minutes cannot be read.  *para:
 * the Schedule 12A paragraph when known, else 0.  Never fails open: an
 * error (even out of memory), or no view (p NULL), answers true for
 * anything raised at a meeting. */
bool govern_public_withheld(struct govern_public *p, const char *meeting_id, const char *minute,
                            int *para);

/* One line per file that could not be decided ("PATH: why; withheld from
 * public outputs"), in the order met; the CLI prints them as warnings. */
const struct govern_strlist *govern_public_warnings(const struct govern_public *p);
/* Appends them to err as "govern: warning: LINE" lines (a command's
 * inv->err), so that every public output says what it withheld unread. */
int govern_public_put_warnings(struct govern_buf *err, const struct govern_public *p);

#endif
