/*
 * What an output may show of a Forward Plan entry.  The public form is
 * built by copying, field by field, only what may be published; a private
 * entry (or one whose meeting is held in private, even if the entry does
 * not say so: fail closed) keeps the matter, the decision maker, the date,
 * whether it is a key decision and the Schedule 12A paragraph, nothing else.
 */
#include <stdio.h>
#include <string.h>
#include "forwardplan.h"

void fp_view_make(struct fp_view *v, const struct fp_entry *e, bool public_, bool meeting_private,
                  const char *maker_name, govern_date as_of)
{
    memset(v, 0, sizeof(*v));
    v->id = e->id;
    v->title = e->title;
    v->maker = e->maker;
    v->maker_name = maker_name;
    v->reference = e->reference;
    v->date = e->date;
    v->key = e->key;
    v->private_ = e->private_;
    v->first_published = e->first_published;
    v->informed = v->agreed = GOVERN_DATE_NONE;
    v->draft = e->first_published == GOVERN_DATE_NONE || e->first_published > as_of;
    if (public_ && (e->private_ || meeting_private)) {
        v->withheld = true;
        return;
    }
    v->meeting = e->meeting;
    v->documents = e->documents;
    v->contact = e->contact;
    v->body = e->body;
    v->exception = e->exception;
    v->scrutiny_chair = e->scrutiny_chair;
    v->urgency_reason = e->urgency_reason;
    v->informed = e->informed;
    v->agreed = e->agreed;
    if (public_)
        return;
    v->private_reason = e->private_reason;
    v->notes = e->notes;
}

int fp_private_notice(struct govern_buf *out, int paragraph)
{
    if (paragraph <= 0)
        return govern_buf_puts(out, "To be taken in private: not for publication (the meeting is "
                                    "held in private)");
    return govern_buf_printf(out,
                             "To be taken in private: not for publication by virtue of paragraph "
                             "%d of Part 1 of Schedule 12A to the Local Government Act 1972",
                             paragraph);
}
