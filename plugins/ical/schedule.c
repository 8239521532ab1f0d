/*
 * `govern schedule`: a committee's meetings for a period from an RFC 5545
 * recurrence rule ("the third Thursday of every third month"), expanded
 * with libical.  Dates that fall on an England and Wales bank holiday
 * (the core's list plus the store's `holidays:`) and dates given with
 * --skip are left out, never moved: a clerk who wants a replacement date
 * adds it with `govern meeting new`.  A date that already has a meeting of
 * the committee (a meeting on that date, or one whose id carries it because
 * it was created for that date and rescheduled since) is not created
 * again, so running the same schedule twice creates nothing.  Every new
 * meeting is made by the operation of `govern meeting new`
 * (govern_ops_meeting_new_in), and all of them go into one commit.
 */
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include "govern/ops.h"
#include "ical.h"

#define SCHEDULE_MAX 500   /* meetings one rule may produce */
#define RULE_MAX_BYTES 512 /* a longer --rule is refused */

static const struct govern_opt opts[] = {
    {"rule", 0, GOVERN_OPT_VALUE, "RRULE",
     "RFC 5545 recurrence rule, e.g. FREQ=MONTHLY;INTERVAL=3;BYDAY=3TH"},
    {"from", 0, GOVERN_OPT_VALUE, "DATE", "the first day the rule counts from (its DTSTART)"},
    {"to", 0, GOVERN_OPT_VALUE, "DATE", "the last day (optional when the rule has COUNT or UNTIL)"},
    {"time", 0, GOVERN_OPT_VALUE, "HH:MM", "start time of every meeting"},
    {"end", 0, GOVERN_OPT_VALUE, "HH:MM", "end time of every meeting"},
    {"location", 0, GOVERN_OPT_VALUE, "TEXT", "where the meetings are held"},
    {"skip", 0, GOVERN_OPT_MULTI, "DATE", "leave this date out"},
    {"dry-run", 'n', GOVERN_OPT_FLAG, NULL, "print what would be created; change nothing"},
    {NULL, 0, 0, NULL, NULL},
};

#define USAGE                                                                                      \
    "govern schedule SLUG --rule RRULE --from DATE [--to DATE] [--time HH:MM] [--end HH:MM] "      \
    "[--location TEXT] [--skip DATE]... [--dry-run]"

enum outcome { OUT_CREATE, OUT_EXISTS, OUT_HOLIDAY, OUT_SKIP };

struct occurrence {
    govern_date date;
    enum outcome what;
    const char *existing; /* id of the meeting already there (OUT_EXISTS) */
    char *id;             /* the new meeting's id (OUT_CREATE, after creation) */
};

struct schedule {
    const char *slug;
    const char *rule_text;
    struct icalrecurrencetype rule;
    govern_date from, to; /* to: GOVERN_DATE_NONE when the rule ends itself */
    govern_time time, end;
    const char *location;
    govern_date *skips;
    size_t n_skips;
    bool dry_run;
    struct govern_invocation *inv;
    /* filled by plan() */
    struct occurrence *occ;
    size_t n_occ;
    size_t n_create;
    struct govern_meeting_list existing;
    char committee_name[200];
};

/* Parses --rule with libical and refuses what a meeting schedule cannot
 * mean (times of day come from --time). */
static int parse_rule(struct schedule *s, const char *text)
{
    if (strlen(text) > RULE_MAX_BYTES)
        return govern_error_set(GOVERN_EINVAL, "--rule: longer than %d bytes", RULE_MAX_BYTES);
    if (!strncasecmp(text, "RRULE:", 6))
        text += 6;
    s->rule_text = text;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p < 0x20 || *p >= 0x7f)
            return govern_error_set(GOVERN_EINVAL, "--rule: only printable ASCII is allowed");
    icalerror_clear_errno();
    s->rule = icalrecurrencetype_from_string(text);
    if (s->rule.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
        icalerror_clear_errno();
        return govern_error_set(GOVERN_EINVAL,
                                "--rule: invalid recurrence rule '%s' (RFC 5545 RRULE, e.g. "
                                "FREQ=MONTHLY;INTERVAL=3;BYDAY=3TH)",
                                text);
    }
    if (s->rule.freq == ICAL_SECONDLY_RECURRENCE || s->rule.freq == ICAL_MINUTELY_RECURRENCE ||
        s->rule.freq == ICAL_HOURLY_RECURRENCE)
        return govern_error_set(GOVERN_EINVAL,
                                "--rule: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY (the "
                                "time of day is --time)");
    if (s->rule.by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX ||
        s->rule.by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX ||
        s->rule.by_second[0] != ICAL_RECURRENCE_ARRAY_MAX)
        return govern_error_set(GOVERN_EINVAL,
                                "--rule: BYHOUR, BYMINUTE and BYSECOND are not allowed (the "
                                "time of day is --time)");
    if (s->to == GOVERN_DATE_NONE && s->rule.count == 0 && icaltime_is_null_time(s->rule.until))
        return govern_error_set(
            GOVERN_EUSAGE, "the schedule needs an end: --to DATE, or COUNT or UNTIL in --rule");
    return 0;
}

static govern_date icaltime_date(struct icaltimetype t)
{
    govern_date d = GOVERN_DATE_NONE;
    if (govern_date_from_ymd(&d, t.year, t.month, t.day))
        return GOVERN_DATE_NONE;
    return d;
}

static struct icaltimetype ical_date(govern_date d)
{
    int y, mo, day;
    govern_date_to_ymd(d, &y, &mo, &day);
    struct icaltimetype t = icaltime_null_time(); /* not icaltime_null_date(): its -1 hours
                                                     make the iterator repeat one day */
    t.year = y;
    t.month = mo;
    t.day = day;
    t.is_date = 1;
    return t;
}

/* The first date of the rule on or after from, ignoring COUNT and UNTIL. */
static govern_date first_match(struct icalrecurrencetype rule, govern_date from)
{
    rule.count = 0;
    rule.until = icaltime_null_time();
    icalrecur_iterator *it = icalrecur_iterator_new(rule, ical_date(from));
    govern_date d = GOVERN_DATE_NONE;
    if (it) {
        struct icaltimetype t = icalrecur_iterator_next(it);
        if (!icaltime_is_null_time(t))
            d = icaltime_date(t);
        icalrecur_iterator_free(it);
    }
    icalerror_clear_errno();
    return d;
}

/* The rule's dates from s->from up to s->to.  RFC 5545 counts DTSTART as
 * the first occurrence even when it does not match the rule (libical does
 * too, without returning it); a clerk's COUNT=4 means four meetings, so the
 * expansion starts from the first date that matches, which lies in the
 * rule's first period and so keeps INTERVAL's alignment. */
static int expand(struct schedule *s)
{
    govern_date first = first_match(s->rule, s->from);
    icalrecur_iterator *it =
        first == GOVERN_DATE_NONE ? NULL : icalrecur_iterator_new(s->rule, ical_date(first));
    if (!it) {
        icalerror_clear_errno();
        char f[11];
        govern_date_format(f, s->from);
        return govern_error_set(GOVERN_EINVAL, "--rule '%s' gives no date from %s", s->rule_text,
                                f);
    }
    size_t cap = 16;
    s->occ = calloc(cap, sizeof(*s->occ));
    int rc = s->occ ? 0 : govern_oom();
    int steps = 0;
    for (struct icaltimetype t; !rc && !icaltime_is_null_time(t = icalrecur_iterator_next(it));) {
        govern_date day = icaltime_date(t);
        if (day == GOVERN_DATE_NONE || (s->to != GOVERN_DATE_NONE && day > s->to))
            break;
        if (++steps > 100 * SCHEDULE_MAX) /* a date that does not advance: never loop */
            break;
        if (day < s->from || (s->n_occ && day <= s->occ[s->n_occ - 1].date))
            continue;
        if (s->n_occ == SCHEDULE_MAX) {
            rc = govern_error_set(GOVERN_EINVAL,
                                  "--rule gives more than %d meetings: use a shorter period",
                                  SCHEDULE_MAX);
            break;
        }
        if (s->n_occ == cap) {
            struct occurrence *p = realloc(s->occ, 2 * cap * sizeof(*p));
            if (!p) {
                rc = govern_oom();
                break;
            }
            memset(p + cap, 0, cap * sizeof(*p));
            s->occ = p;
            cap *= 2;
        }
        s->occ[s->n_occ++].date = day;
    }
    icalrecur_iterator_free(it);
    icalerror_clear_errno();
    if (!rc && !s->n_occ) {
        char f[11], t[11] = "";
        govern_date_format(f, s->from);
        if (s->to != GOVERN_DATE_NONE)
            govern_date_format(t, s->to);
        rc = govern_error_set(GOVERN_EINVAL, "--rule '%s' gives no date from %s%s%s", s->rule_text,
                              f, *t ? " to " : "", t);
    }
    return rc;
}

/* The date an id was made for: "slug/2024-01-18-2" -> 2024-01-18. */
static govern_date id_date(const char *id)
{
    const char *slash = strchr(id, '/');
    char buf[11];
    govern_date d;
    if (!slash || strlen(slash + 1) < 10)
        return GOVERN_DATE_NONE;
    memcpy(buf, slash + 1, 10);
    buf[10] = 0;
    return govern_date_parse(&d, buf) ? GOVERN_DATE_NONE : d;
}

/* Decides each date's fate against the store as seen by snap. */
static int plan(struct schedule *s, struct govern_snapshot *snap)
{
    struct govern_config *cfg = NULL;
    struct govern_committee *c = NULL;
    struct govern_strlist one = GOVERN_STRLIST_INIT;
    int rc;
    govern_meeting_list_free(&s->existing);
    if ((rc = govern_config_load(&cfg, snap)) || (rc = govern_committee_load(&c, snap, s->slug)) ||
        (rc = govern_strlist_add(&one, s->slug)))
        goto out;
    snprintf(s->committee_name, sizeof(s->committee_name), "%s", c->name);
    struct govern_meeting_filter f = {&one, GOVERN_DATE_NONE, GOVERN_DATE_NONE};
    if ((rc = govern_meeting_list_load(&s->existing, snap, &f)))
        goto out;
    s->n_create = 0;
    for (size_t i = 0; i < s->n_occ; i++) {
        struct occurrence *o = &s->occ[i];
        o->existing = NULL;
        for (size_t k = 0; k < s->existing.count && !o->existing; k++) {
            const struct govern_meeting *m = s->existing.items[k];
            if (m->date == o->date || id_date(m->id) == o->date)
                o->existing = m->id;
        }
        bool skipped = false;
        for (size_t k = 0; k < s->n_skips; k++)
            skipped = skipped || s->skips[k] == o->date;
        if (o->existing)
            o->what = OUT_EXISTS;
        else if (skipped)
            o->what = OUT_SKIP;
        else if (govern_date_is_bank_holiday(o->date, &cfg->holidays))
            o->what = OUT_HOLIDAY;
        else {
            o->what = OUT_CREATE;
            s->n_create++;
        }
    }
out:
    govern_strlist_free(&one);
    govern_committee_free(c);
    govern_config_free(cfg);
    return rc;
}

static void free_created(struct govern_meeting **made, size_t n)
{
    for (size_t i = 0; i < n; i++)
        govern_meeting_free(made[i]);
    free(made);
}

static int schedule_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct schedule *s = vctx;
    int rc = plan(s, head);
    if (rc || !s->n_create)
        return rc;
    /* every meeting of the committee: head's, then the new ones as made */
    size_t n_all = s->existing.count, n_made = 0;
    const struct govern_meeting **all = calloc(n_all + s->n_create, sizeof(*all));
    struct govern_meeting **made = calloc(s->n_create, sizeof(*made));
    struct govern_buf msg = GOVERN_BUF_INIT;
    if (!all || !made) {
        free(all);
        free(made);
        return govern_oom();
    }
    for (size_t i = 0; i < s->existing.count; i++)
        all[i] = s->existing.items[i];
    struct govern_ops_meeting_new r = {.version = GOVERN_OPS_MEETING_NEW_VERSION,
                                       .committee = s->slug,
                                       .time = s->time,
                                       .end = s->end,
                                       .location = s->location,
                                       .registry = s->inv->registry,
                                       .as_of = s->inv->as_of,
                                       .pending = all,
                                       .pending_is_all = true};
    struct govern_ops_result res;
    for (size_t i = 0; i < s->n_occ && !rc; i++) {
        struct occurrence *oc = &s->occ[i];
        free(oc->id);
        oc->id = NULL;
        if (oc->what != OUT_CREATE)
            continue;
        struct govern_meeting *m = calloc(1, sizeof(*m));
        if (!m) {
            rc = govern_oom();
            break;
        }
        made[n_made++] = m;
        r.date = oc->date;
        r.n_pending = n_all;
        rc = govern_ops_meeting_new_in(&res, m, chg, head, &r);
        govern_ops_result_free(&res);
        if (rc)
            break;
        all[n_all++] = m;
        if (!(oc->id = strdup(m->id)))
            rc = govern_oom();
    }
    if (!rc)
        rc = govern_buf_printf(&msg, "Schedule %zu meeting%s of %s\n\nRule %s from ", s->n_create,
                               s->n_create == 1 ? "" : "s", s->committee_name, s->rule_text);
    char d[11];
    govern_date_format(d, s->from);
    if (!rc)
        rc = govern_buf_puts(&msg, d);
    if (!rc && s->to != GOVERN_DATE_NONE) {
        govern_date_format(d, s->to);
        rc = govern_buf_printf(&msg, " to %s", d);
    }
    if (!rc)
        rc = govern_buf_puts(&msg, ".\n");
    for (size_t i = 0; i < s->n_occ && !rc; i++)
        if (s->occ[i].what == OUT_CREATE)
            rc = govern_buf_printf(&msg, "\n%s", s->occ[i].id);
    if (!rc)
        rc = govern_change_message(chg, "%s", msg.ptr);
    govern_buf_free(&msg);
    free(all);
    free_created(made, n_made);
    return rc;
}

static int report(struct schedule *s)
{
    struct govern_buf *out = s->inv->out;
    int rc = 0;
    for (size_t i = 0; i < s->n_occ && !rc; i++) {
        const struct occurrence *o = &s->occ[i];
        char d[11];
        govern_date_format(d, o->date);
        switch (o->what) {
        case OUT_CREATE:
            rc = govern_buf_printf(out, "%-8s %s\n", s->dry_run ? "create" : "created",
                                   o->id ? o->id : d);
            break;
        case OUT_EXISTS:
            rc = govern_buf_printf(out, "%-8s %s (%s)\n", "exists", d, o->existing);
            break;
        case OUT_HOLIDAY:
            rc = govern_buf_printf(out, "%-8s %s (bank holiday)\n", "skipped", d);
            break;
        case OUT_SKIP:
            rc = govern_buf_printf(out, "%-8s %s (--skip)\n", "skipped", d);
            break;
        }
    }
    return rc;
}

static int run(struct govern_invocation *inv)
{
    struct govern_args a;
    int rc = govern_args_parse(&a, opts, inv->argc, inv->argv);
    if (rc)
        return rc;
    struct schedule s;
    memset(&s, 0, sizeof(s));
    s.inv = inv;
    s.from = s.to = GOVERN_DATE_NONE;
    s.time = s.end = GOVERN_TIME_NONE;
    s.dry_run = govern_args_flag(&a, "dry-run");
    const char *v;
    const struct govern_strlist *skips = govern_args_multi(&a, "skip");
    if ((rc = govern_args_positional(&a, 1, 1, USAGE)))
        goto out;
    s.slug = a.positional.items[0];
    if ((rc = govern_slug_check(s.slug)))
        goto out;
    if (!(v = govern_args_get(&a, "from"))) {
        rc = govern_error_set(GOVERN_EUSAGE, "--from DATE is required; usage: %s", USAGE);
        goto out;
    }
    if (govern_date_parse(&s.from, v)) {
        rc = govern_error_prefix(GOVERN_EUSAGE, "--from");
        goto out;
    }
    if ((v = govern_args_get(&a, "to")) && govern_date_parse(&s.to, v)) {
        rc = govern_error_prefix(GOVERN_EUSAGE, "--to");
        goto out;
    }
    if (s.to != GOVERN_DATE_NONE && s.to < s.from) {
        rc = govern_error_set(GOVERN_EUSAGE, "--to is before --from");
        goto out;
    }
    if ((v = govern_args_get(&a, "time")) && govern_time_parse(&s.time, v)) {
        rc = govern_error_prefix(GOVERN_EUSAGE, "--time");
        goto out;
    }
    if ((v = govern_args_get(&a, "end")) && govern_time_parse(&s.end, v)) {
        rc = govern_error_prefix(GOVERN_EUSAGE, "--end");
        goto out;
    }
    if (s.end != GOVERN_TIME_NONE && (s.time == GOVERN_TIME_NONE || s.end <= s.time)) {
        rc = govern_error_set(GOVERN_EINVAL, "--end must come after --time");
        goto out;
    }
    if ((s.location = govern_args_get(&a, "location")) && strchr(s.location, '\n')) {
        rc = govern_error_set(GOVERN_EINVAL, "--location must be one line");
        goto out;
    }
    if (!(v = govern_args_get(&a, "rule"))) {
        rc = govern_error_set(GOVERN_EUSAGE, "--rule RRULE is required; usage: %s", USAGE);
        goto out;
    }
    if ((rc = parse_rule(&s, v)))
        goto out;
    if (skips && skips->count) {
        if (!(s.skips = calloc(skips->count, sizeof(*s.skips)))) {
            rc = govern_oom();
            goto out;
        }
        for (; s.n_skips < skips->count; s.n_skips++)
            if (govern_date_parse(&s.skips[s.n_skips], skips->items[s.n_skips])) {
                rc = govern_error_prefix(GOVERN_EUSAGE, "--skip");
                goto out;
            }
    }
    if ((rc = expand(&s)))
        goto out;
    for (size_t k = 0; k < s.n_skips; k++) {
        bool found = false;
        for (size_t i = 0; i < s.n_occ && !found; i++)
            found = s.occ[i].date == s.skips[k];
        if (!found)
            govern_buf_printf(inv->err, "warning: --skip %s is not a date of the rule\n",
                              skips->items[k]);
    }
    if (s.dry_run) {
        if (!(rc = plan(&s, inv->snap)))
            rc = report(&s);
        goto out;
    }
    struct govern_commit_info info;
    if ((rc = govern_store_transact(&info, inv->store, schedule_fn, &s)))
        goto out;
    if (!(rc = report(&s))) {
        if (s.n_create)
            rc = govern_buf_printf(inv->out, "%zu meeting%s created in commit %.12s\n", s.n_create,
                                   s.n_create == 1 ? "" : "s", info.id);
        else
            rc = govern_buf_puts(inv->out, "nothing to create\n");
    }
out:
    for (size_t i = 0; i < s.n_occ; i++)
        free(s.occ[i].id);
    free(s.occ);
    free(s.skips);
    govern_meeting_list_free(&s.existing);
    govern_args_free(&a);
    return rc;
}

const struct govern_command ical_cmd_schedule = {
    .name = "schedule",
    .summary = "create a committee's meetings from a recurrence rule",
    .usage = USAGE,
    .help = "Expands --rule (an RFC 5545 RRULE, e.g. FREQ=MONTHLY;INTERVAL=3;BYDAY=3TH for the\n"
            "third Thursday of every third month) from --from to --to (or to the rule's own\n"
            "COUNT or UNTIL) and creates a meeting of SLUG on each date, with an agenda\n"
            "started from the committee's template as 'govern meeting new' does, all in one\n"
            "commit. Dates on an England and Wales bank holiday (and the store's own\n"
            "'holidays:') and dates given with --skip are left out, not moved. A date that\n"
            "already has a meeting of the committee is left alone, so running the same\n"
            "schedule again creates nothing. --dry-run prints the plan and changes nothing.",
    .options = opts,
    .flags = GOVERN_CMD_STORE | GOVERN_CMD_WRITES,
    .run = run,
};
