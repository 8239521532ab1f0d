/*
 * The standard opening items of an agenda (appointment of chair, apologies
 * and substitutions, declarations of interest, urgent matters, minutes of
 * the previous meeting), worded as councils word them (seed 004), and the
 * committee's own template when it has one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govern/error.h"
#include "govern/model.h"

struct std_item {
    const char *standard, *title, *purpose;
};

static const struct std_item standard_items[] = {
    {"chair", "Appointment of Chair", NULL},
    {"apologies", "Apologies for absence and substitutions", NULL},
    {"declarations", "Declarations of interest",
     "To enable Members to disclose to the meeting any disclosable pecuniary, other registrable "
     "or non-registrable interests they may have in any matter to be considered at the meeting."},
    {"urgent", "Urgent matters",
     "To consider any items of business, other than those shown on this agenda and which, by "
     "reason of special circumstances to be stated at the meeting, in the opinion of the Chair, "
     "should be considered at the meeting as a matter of urgency."},
    {"minutes", "Minutes of the previous meeting",
     "The Chair will move that the minutes of the meeting be taken as a correct record. Minutes "
     "can only be discussed in terms of accuracy."},
};

static int add(struct govern_agenda *a, const char *standard, const char *title,
               const char *purpose)
{
    struct govern_agenda_item it;
    memset(&it, 0, sizeof(it));
    it.standard = (char *)standard;
    it.title = (char *)title;
    it.purpose = (char *)purpose;
    return govern_agenda_append(a, &it);
}

static void year_label(char *out, size_t n, const struct govern_config *cfg, govern_date d)
{
    int y, m, day;
    govern_date_to_ymd(govern_config_year_start(cfg, d), &y, &m, &day);
    snprintf(out, n, "%d/%02d", y, (y + 1) % 100);
}

int govern_agenda_from_template(struct govern_agenda **out, const struct govern_committee *c,
                                const struct govern_meeting *m,
                                const struct govern_meeting *previous, bool first_of_year,
                                const struct govern_config *cfg)
{
    struct govern_agenda *a = calloc(1, sizeof(*a));
    if (!a)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    a->meeting = strdup(m->id);
    a->path = govern_meeting_path(m->id, "agenda.md");
    a->published = GOVERN_DATE_NONE;
    if (!a->meeting || !a->path) {
        govern_agenda_free(a);
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    int rc = 0;
    size_t n = c->has_template ? c->n_template : sizeof(standard_items) / sizeof(standard_items[0]);
    for (size_t i = 0; i < n && !rc; i++) {
        const char *std, *title, *purpose;
        if (c->has_template) {
            std = c->template_items[i].standard;
            title = c->template_items[i].title;
            purpose = c->template_items[i].purpose;
        } else {
            std = standard_items[i].standard;
            title = standard_items[i].title;
            purpose = standard_items[i].purpose;
        }
        if (std && !strcmp(std, "chair")) {
            if (!first_of_year)
                continue;
            char p[512], yl[16];
            year_label(yl, sizeof(yl), cfg, m->date);
            if (!purpose) {
                snprintf(p, sizeof(p), "To appoint a Chair of the %s for the %s municipal year.",
                         c->name, yl);
                purpose = p;
            }
            rc = add(a, std, title, purpose);
            continue;
        }
        if (std && !strcmp(std, "minutes")) {
            if (!previous)
                continue;
            char t[256], d[40];
            (void)title; /* the minutes item always names the meeting it confirms */
            govern_date_format_long(d, previous->date);
            /* "Minutes of the meeting held on 16 December 2019" (without the weekday) */
            const char *space = strchr(d, ' ');
            snprintf(t, sizeof(t), "Minutes of the meeting held on %s", space ? space + 1 : d);
            rc = add(a, std, t, purpose);
            continue;
        }
        rc = add(a, std, title, purpose);
    }
    if (rc) {
        govern_agenda_free(a);
        return rc;
    }
    *out = a;
    return 0;
}
