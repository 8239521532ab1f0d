/*
 * The model's records: govern.yaml, committees with members, meetings and
 * agendas.  Each parse function validates every field against a fixed
 * schema (unknown fields are refused, so a typo never passes silently) and
 * names the file and line of the first problem; each serialise function
 * writes the canonical form, so a file govern rewrites reads back the same.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>
#include <libical/ical.h>
#include "govern/args.h"
#include "govern/error.h"
#include "govern/model.h"
#include "model_priv.h"

#define CHECK(x)                                                                                   \
    do {                                                                                           \
        if ((rc = (x)))                                                                            \
            goto fail;                                                                             \
    } while (0)

static char *body_or_null(const char *body)
{
    /* Store the Markdown body without the blank line that follows the fence. */
    if (!body)
        return NULL;
    while (*body == '\n')
        body++;
    return *body ? strdup(body) : NULL;
}

/* Text fields of records must be one line unless they are prose. */
static int one_line(const struct govern_doc *doc, const struct govern_node *map, const char *key,
                    const char *v)
{
    if (v && (strchr(v, '\n') || strchr(v, '\r')))
        return govern_doc_error(doc, govern_node_get(map, key)->line,
                                "field '%s' must be on one line", key);
    return 0;
}

static int emit_to(struct govern_buf *out, struct govern_node *meta, const char *body, bool yaml)
{
    int rc;
    if (!meta)
        return govern_oom();
    if (yaml) {
        rc = govern_yaml_emit(out, meta);
    } else {
        struct govern_buf b = GOVERN_BUF_INIT;
        if (body && *body) {
            rc = govern_buf_putc(&b, '\n');
            if (!rc)
                rc = govern_buf_puts(&b, body);
            if (!rc && b.ptr[b.len - 1] != '\n')
                rc = govern_buf_putc(&b, '\n');
            if (rc) {
                govern_buf_free(&b);
                govern_node_free(meta);
                return rc;
            }
        }
        rc = govern_doc_emit(out, meta, b.ptr);
        govern_buf_free(&b);
    }
    govern_node_free(meta);
    return rc;
}

/* The id a record without one (not yet placed) is read back under. */
#define PLACEHOLDER_ID "x/2000-01-01"

/* govern_TYPE_serialize: TYPE_emit, then the text must read back through
 * PARSE (back, text, len in scope), see govern_doc_read_back. */
#define SERIALIZE_READ_BACK(TYPE, VAR, PARSE)                                                      \
    int govern_##TYPE##_serialize(struct govern_buf *out, const struct govern_##TYPE *VAR)         \
    {                                                                                              \
        size_t start = out->len;                                                                   \
        int rc = TYPE##_emit(out, VAR);                                                            \
        if (rc)                                                                                    \
            return rc;                                                                             \
        struct govern_##TYPE *back = NULL;                                                         \
        const char *text = out->ptr ? out->ptr + start : "";                                       \
        size_t len = out->len - start;                                                             \
        rc = PARSE;                                                                                \
        govern_##TYPE##_free(back);                                                                \
        return govern_doc_read_back(out, start, rc);                                               \
    }

/* ------------------------------------------------------------------ config */

int govern_timezone_check(const char *tz)
{
    if (!tz || !*tz)
        return govern_error_set(GOVERN_EINVAL, "empty time zone");
    if (strcmp(tz, "UTC") == 0)
        return 0;
    icaltimezone *z = icaltimezone_get_builtin_timezone(tz);
    if (!z)
        return govern_error_set(GOVERN_EINVAL,
                                "unknown time zone '%s' (use an IANA name such as "
                                "Europe/London)",
                                tz);
    return 0;
}

static int parse_date_list(govern_date **out, int *n, const struct govern_doc *doc,
                           const struct govern_node *seq)
{
    if (!seq || seq->kind == GOVERN_NODE_NULL)
        return 0;
    if (seq->kind != GOVERN_NODE_SEQ)
        return govern_doc_error(doc, seq->line, "expected a list of dates");
    *out = calloc(seq->n ? seq->n : 1, sizeof(**out));
    if (!*out)
        return govern_oom();
    for (size_t i = 0; i < seq->n; i++) {
        const struct govern_node *it = seq->items[i];
        if (it->kind != GOVERN_NODE_SCALAR || govern_date_parse(&(*out)[i], it->scalar))
            return govern_doc_error(doc, it->line, "invalid date '%s' (expected YYYY-MM-DD)",
                                    it->kind == GOVERN_NODE_SCALAR ? it->scalar : "");
        (*n)++;
    }
    return 0;
}

int govern_config_parse(struct govern_config **out, const char *path, const char *text, size_t len)
{
    static const char *const keys[] = {
        "format",       "body",     "timezone", "year_start", "notice_days", "notice_counting",
        "call_in_days", "base_url", "holidays", "plugins",    NULL};
    static const char *const hol_keys[] = {"add", "remove", NULL};
    struct govern_config *c = calloc(1, sizeof(*c));
    char *ys = NULL, *counting = NULL;
    int rc = 0;
    if (!c)
        return govern_oom();
    CHECK(govern_doc_parse_yaml(&c->doc, path, text, len));
    const struct govern_doc *doc = c->doc;
    const struct govern_node *m = doc->meta;
    CHECK(govern_node_check_keys(doc, m, keys));
    c->format = GOVERN_FORMAT_VERSION;
    CHECK(govern_node_int(&c->format, doc, m, "format", false, 1, 1000));
    if (c->format != GOVERN_FORMAT_VERSION) {
        rc = govern_doc_error(doc, govern_node_get(m, "format")->line,
                              "store format %d is not supported by this govern (it reads %d)",
                              c->format, GOVERN_FORMAT_VERSION);
        goto fail;
    }
    CHECK(govern_node_str(&c->body, doc, m, "body", true));
    CHECK(one_line(doc, m, "body", c->body));
    CHECK(govern_node_str(&c->timezone, doc, m, "timezone", false));
    if (!c->timezone && !(c->timezone = strdup("Europe/London"))) {
        rc = govern_oom();
        goto fail;
    }
    if (govern_timezone_check(c->timezone)) {
        rc = govern_doc_error(doc, govern_node_get(m, "timezone")->line, "%s", govern_error_last());
        goto fail;
    }
    c->year_start_month = 5;
    c->year_start_day = 1;
    CHECK(govern_node_str(&ys, doc, m, "year_start", false));
    if (ys) {
        int mm, dd;
        char extra;
        if (sscanf(ys, "%2d-%2d%c", &mm, &dd, &extra) != 2 || strlen(ys) != 5 || mm < 1 ||
            mm > 12 || dd < 1 || dd > govern_date_days_in_month(2001, mm)) {
            rc = govern_doc_error(doc, govern_node_get(m, "year_start")->line,
                                  "field 'year_start' must be MM-DD (e.g. 05-01), not '%s'", ys);
            goto fail;
        }
        c->year_start_month = mm;
        c->year_start_day = dd;
    }
    c->notice_days = 5;
    CHECK(govern_node_int(&c->notice_days, doc, m, "notice_days", false, 0, 60));
    CHECK(govern_node_str(&counting, doc, m, "notice_counting", false));
    c->notice_counting = GOVERN_NOTICE_S243;
    if (counting) {
        if (!strcmp(counting, "working"))
            c->notice_counting = GOVERN_NOTICE_WORKING;
        else if (strcmp(counting, "s243") != 0) {
            rc = govern_doc_error(doc, govern_node_get(m, "notice_counting")->line,
                                  "field 'notice_counting' must be s243 or working, not '%s'",
                                  counting);
            goto fail;
        }
    }
    c->call_in_days = 5;
    CHECK(govern_node_int(&c->call_in_days, doc, m, "call_in_days", false, 0, 60));
    CHECK(govern_node_str(&c->base_url, doc, m, "base_url", false));
    CHECK(one_line(doc, m, "base_url", c->base_url));
    const struct govern_node *h = govern_node_get(m, "holidays");
    if (h && h->kind != GOVERN_NODE_NULL) {
        if (h->kind != GOVERN_NODE_MAP) {
            rc = govern_doc_error(doc, h->line,
                                  "field 'holidays' must have 'add' and 'remove' "
                                  "lists");
            goto fail;
        }
        CHECK(govern_node_check_keys(doc, h, hol_keys));
        CHECK(parse_date_list(&c->holidays.extra, &c->holidays.n_extra, doc,
                              govern_node_get(h, "add")));
        CHECK(parse_date_list(&c->holidays.removed, &c->holidays.n_removed, doc,
                              govern_node_get(h, "remove")));
    }
    const struct govern_node *p = govern_node_get(m, "plugins");
    if (p && p->kind != GOVERN_NODE_NULL && p->kind != GOVERN_NODE_MAP) {
        rc = govern_doc_error(doc, p->line, "field 'plugins' must be a map of plugin names");
        goto fail;
    }
    free(ys);
    free(counting);
    *out = c;
    return 0;
fail:
    free(ys);
    free(counting);
    govern_config_free(c);
    return rc;
}

const struct govern_node *govern_config_plugin(const struct govern_config *c, const char *name)
{
    if (!c || !c->doc)
        return NULL;
    return govern_node_get(govern_node_get(c->doc->meta, "plugins"), name);
}

int govern_config_load(struct govern_config **out, struct govern_snapshot *snap)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = govern_snapshot_read(&b, snap, GOVERN_CONFIG_FILE);
    if (!rc)
        rc = govern_config_parse(out, GOVERN_CONFIG_FILE, b.ptr ? b.ptr : "", b.len);
    govern_buf_free(&b);
    return rc;
}

int govern_config_new(struct govern_config **out, const char *body, const char *tz)
{
    struct govern_config *c = calloc(1, sizeof(*c));
    if (!c)
        return govern_oom();
    c->format = GOVERN_FORMAT_VERSION;
    c->body = strdup(body);
    c->timezone = strdup(tz);
    c->year_start_month = 5;
    c->year_start_day = 1;
    c->notice_days = 5;
    c->notice_counting = GOVERN_NOTICE_S243;
    c->call_in_days = 5;
    if (!c->body || !c->timezone) {
        govern_config_free(c);
        return govern_oom();
    }
    *out = c;
    return 0;
}

static int config_emit(struct govern_buf *out, const struct govern_config *c)
{
    struct govern_node *m = govern_node_new_map();
    if (!m)
        return govern_oom();
    char ys[8];
    snprintf(ys, sizeof(ys), "%02d-%02d", c->year_start_month % 100, c->year_start_day % 100);
    govern_node_add_int(m, "format", c->format);
    govern_node_add_str(m, "body", c->body);
    govern_node_add_str(m, "timezone", c->timezone);
    govern_node_add_str(m, "year_start", ys);
    govern_node_add_int(m, "notice_days", c->notice_days);
    govern_node_add_str(m, "notice_counting",
                        c->notice_counting == GOVERN_NOTICE_WORKING ? "working" : "s243");
    govern_node_add_int(m, "call_in_days", c->call_in_days);
    govern_node_add_str(m, "base_url", c->base_url);
    if (c->holidays.n_extra || c->holidays.n_removed) {
        struct govern_node *h = govern_node_add_map(m, "holidays");
        if (h && c->holidays.n_extra) {
            struct govern_node *a = govern_node_add_seq(h, "add");
            for (int i = 0; a && i < c->holidays.n_extra; i++)
                govern_node_add_date(a, NULL, c->holidays.extra[i]);
        }
        if (h && c->holidays.n_removed) {
            struct govern_node *a = govern_node_add_seq(h, "remove");
            for (int i = 0; a && i < c->holidays.n_removed; i++)
                govern_node_add_date(a, NULL, c->holidays.removed[i]);
        }
    }
    /* plugins' own settings are kept as they were written */
    const struct govern_node *plugins = c->doc ? govern_node_get(c->doc->meta, "plugins") : NULL;
    if (plugins && plugins->kind == GOVERN_NODE_MAP &&
        govern_node_add_copy(m, "plugins", plugins)) {
        govern_node_free(m);
        return GOVERN_ENOMEM;
    }
    return emit_to(out, m, NULL, true);
}

SERIALIZE_READ_BACK(config, c, govern_config_parse(&back, GOVERN_CONFIG_FILE, text, len))

void govern_config_free(struct govern_config *c)
{
    if (!c)
        return;
    free(c->body);
    free(c->timezone);
    free(c->base_url);
    free(c->holidays.extra);
    free(c->holidays.removed);
    govern_doc_free(c->doc);
    free(c);
}

govern_date govern_config_year_start(const struct govern_config *c, govern_date d)
{
    int y, m, day;
    govern_date_to_ymd(d, &y, &m, &day);
    govern_date start;
    int sm = c ? c->year_start_month : 5, sd = c ? c->year_start_day : 1;
    if (govern_date_from_ymd(&start, y, sm, sd))
        return d;
    if (start > d)
        govern_date_from_ymd(&start, y - 1, sm, sd);
    return start;
}

static int year_of(govern_date d)
{
    int y, m, day;
    govern_date_to_ymd(d, &y, &m, &day);
    return y;
}

/* The configured start of the municipal year labelled y. */
static govern_date configured_start(const struct govern_config *c, int y)
{
    govern_date s;
    if (govern_date_from_ymd(&s, y, c ? c->year_start_month : 5, c ? c->year_start_day : 1))
        s = GOVERN_DATE_NONE;
    return s;
}

/* The year an annual meeting on day a starts: the one whose configured start
 * is nearest (an annual meeting moved a week before 1 May still starts the
 * year that begins on 1 May). */
static int annual_label(const struct govern_config *c, govern_date a)
{
    govern_date ys = govern_config_year_start(c, a);
    int y = year_of(ys);
    govern_date next = configured_start(c, y + 1);
    return next != GOVERN_DATE_NONE && next - a < a - ys ? y + 1 : y;
}

/* When the year labelled y starts for a committee: the earliest of its
 * annual meetings (not cancelled or postponed) that starts that year, else
 * the configured start.  ctx is what the caller looks the meetings up in. */
typedef govern_date (*year_begins_fn)(const void *ctx, const char *committee, int y);

struct meeting_span {
    const struct govern_config *cfg;
    struct govern_meeting *const *meetings;
    size_t n;
};

static bool starts_a_year(const struct govern_meeting *o)
{
    return o->annual && o->status != GOVERN_STATUS_CANCELLED &&
           o->status != GOVERN_STATUS_POSTPONED;
}

/* year_begins_fn over every meeting, one pass. */
static govern_date year_begins(const void *ctx, const char *committee, int y)
{
    const struct meeting_span *sp = ctx;
    govern_date best = GOVERN_DATE_NONE;
    for (size_t i = 0; i < sp->n; i++) {
        const struct govern_meeting *o = sp->meetings[i];
        if (!starts_a_year(o) || strcmp(o->committee, committee) != 0 ||
            annual_label(sp->cfg, o->date) != y)
            continue;
        if (best == GOVERN_DATE_NONE || o->date < best)
            best = o->date;
    }
    return best != GOVERN_DATE_NONE ? best : configured_start(sp->cfg, y);
}

static govern_date year_start_by(int *label, const struct govern_config *cfg, year_begins_fn begins,
                                 const void *ctx, const char *committee, govern_date d)
{
    int y = year_of(govern_config_year_start(cfg, d));
    govern_date s;
    /* an annual meeting before the configured start begins the next year
     * early; one after it leaves the days between in the previous year */
    for (int k = y + 1; k >= y - 1; k--) {
        s = begins(ctx, committee, k);
        if (s != GOVERN_DATE_NONE && s <= d) {
            if (label)
                *label = k;
            return s;
        }
    }
    if (label)
        *label = y;
    return govern_config_year_start(cfg, d);
}

govern_date govern_municipal_year_start(int *label, const struct govern_config *cfg,
                                        struct govern_meeting *const *meetings, size_t n,
                                        const char *committee, govern_date d)
{
    struct meeting_span sp = {cfg, meetings, n};
    return year_start_by(label, cfg, year_begins, &sp, committee, d);
}

/* ------------------------------------------------ the index of the years */

unsigned long govern_lookup_steps;

struct year_key {
    const char *committee; /* the meeting's string: the index lives no longer */
    int label;
    govern_date start;
};

/* One committee's years: start[y - first] for the labels first .. first +
 * n - 1 (GOVERN_DATE_NONE: no annual meeting starts that year). */
struct year_row {
    const char *committee; /* the meeting's string: the index lives no longer */
    int first, n;
    govern_date *start;
};

struct govern_year_index {
    const struct govern_config *cfg;
    struct year_row *rows; /* sorted by committee */
    size_t n;
};

static int cmp_year_key(const void *a, const void *b)
{
    const struct year_key *x = a, *y = b;
    int c = strcmp(x->committee, y->committee);
    if (c)
        return c;
    if (x->label != y->label)
        return x->label < y->label ? -1 : 1;
    return (x->start > y->start) - (x->start < y->start);
}

/* The rows from keys sorted by committee, label and start (the first key
 * of a (committee, label) is its earliest start). */
static int year_rows(struct govern_year_index *ix, const struct year_key *keys, size_t n)
{
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && !strcmp(keys[j].committee, keys[i].committee); j++)
            ;
        struct year_row *r = &ix->rows[ix->n++];
        r->committee = keys[i].committee;
        r->first = keys[i].label;
        r->n = keys[j - 1].label - keys[i].label + 1;
        if (!(r->start = malloc((size_t)r->n * sizeof(*r->start))))
            return govern_oom();
        for (int k = 0; k < r->n; k++)
            r->start[k] = GOVERN_DATE_NONE;
        for (size_t k = j; k-- > i;) /* backwards: the earliest start wins */
            r->start[keys[k].label - r->first] = keys[k].start;
    }
    return 0;
}

int govern_year_index_build(struct govern_year_index **out, const struct govern_config *cfg,
                            struct govern_meeting *const *meetings, size_t n)
{
    struct govern_year_index *ix = calloc(1, sizeof(*ix));
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += starts_a_year(meetings[i]);
    struct year_key *keys = malloc((k ? k : 1) * sizeof(*keys));
    if (!ix || !keys || !(ix->rows = calloc(k ? k : 1, sizeof(*ix->rows)))) {
        free(keys);
        govern_year_index_free(ix);
        return govern_oom();
    }
    ix->cfg = cfg;
    k = 0;
    for (size_t i = 0; i < n; i++)
        if (starts_a_year(meetings[i]))
            keys[k++] = (struct year_key){meetings[i]->committee,
                                          annual_label(cfg, meetings[i]->date), meetings[i]->date};
    qsort(keys, k, sizeof(*keys), cmp_year_key);
    int rc = year_rows(ix, keys, k);
    free(keys);
    if (rc) {
        govern_year_index_free(ix);
        return rc;
    }
    *out = ix;
    return 0;
}

/* year_begins_fn over the index: a binary search among the committees (as
 * many as the store has, however long its history), then the year by its
 * place in the row. */
static govern_date indexed_begins(const void *ctx, const char *committee, int y)
{
    const struct govern_year_index *ix = ctx;
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct year_row *r = &ix->rows[mid];
        int c = strcmp(r->committee, committee);
        govern_lookup_steps++;
        if (c < 0) {
            lo = mid + 1;
        } else if (c > 0) {
            hi = mid;
        } else {
            if (y >= r->first && y - r->first < r->n && r->start[y - r->first] != GOVERN_DATE_NONE)
                return r->start[y - r->first];
            break;
        }
    }
    return configured_start(ix->cfg, y);
}

govern_date govern_year_index_start(int *label, const struct govern_year_index *ix,
                                    const char *committee, govern_date d)
{
    return year_start_by(label, ix->cfg, indexed_begins, ix, committee, d);
}

void govern_year_index_free(struct govern_year_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; ix->rows && i < ix->n; i++)
        free(ix->rows[i].start);
    free(ix->rows);
    free(ix);
}

/* -------------------------------------------------------------- committees */

static const char *const kind_names[] = {"committee", "sub-committee", "partnership", "executive"};
static const char *const role_names[] = {"chair",      "vice-chair", "member", "co-opted",
                                         "substitute", "observer",   "officer"};

const char *govern_kind_name(enum govern_committee_kind k)
{
    return (unsigned)k < 4 ? kind_names[k] : "committee";
}

int govern_kind_parse(enum govern_committee_kind *out, const char *s)
{
    for (int i = 0; i < 4; i++)
        if (s && !strcmp(s, kind_names[i])) {
            *out = (enum govern_committee_kind)i;
            return 0;
        }
    return govern_error_set(GOVERN_EINVAL,
                            "invalid kind '%s' (committee, sub-committee, partnership or "
                            "executive)",
                            s ? s : "");
}

const char *govern_role_name(enum govern_role r)
{
    return (unsigned)r < 7 ? role_names[r] : "member";
}

int govern_role_parse(enum govern_role *out, const char *s)
{
    for (int i = 0; i < 7; i++)
        if (s && !strcmp(s, role_names[i])) {
            *out = (enum govern_role)i;
            return 0;
        }
    return govern_error_set(GOVERN_EINVAL,
                            "invalid role '%s' (chair, vice-chair, member, co-opted, substitute, "
                            "observer or officer)",
                            s ? s : "");
}

bool govern_role_votes_by_default(enum govern_role r)
{
    return r == GOVERN_ROLE_CHAIR || r == GOVERN_ROLE_VICE_CHAIR || r == GOVERN_ROLE_MEMBER ||
           r == GOVERN_ROLE_SUBSTITUTE;
}

bool govern_member_active(const struct govern_member *m, govern_date d)
{
    if (m->from != GOVERN_DATE_NONE && d < m->from)
        return false;
    if (m->to != GOVERN_DATE_NONE && d > m->to)
        return false;
    return true;
}

int govern_committee_voting_count(const struct govern_committee *c, govern_date d)
{
    int n = 0;
    for (size_t i = 0; i < c->n_members; i++) {
        const struct govern_member *m = &c->members[i];
        if (!m->voting || m->role == GOVERN_ROLE_SUBSTITUTE || !govern_member_active(m, d))
            continue;
        /* one person holding two voting roles (member and chair) has one vote */
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) {
            const struct govern_member *o = &c->members[j];
            seen = o->voting && o->role != GOVERN_ROLE_SUBSTITUTE && govern_member_active(o, d) &&
                   !strcmp(o->name, m->name);
        }
        if (!seen)
            n++;
    }
    return n;
}

bool govern_reserved_name(const char *name)
{
    static const char *const reserved[] = {"actions",      "cycles",    "decisions", "plugins",
                                           "templates",    "reports",   "feeds",     "public",
                                           "data",         "govern",    "risks",     "priorities",
                                           "forward-plan", "interests", NULL};
    for (const char *const *r = reserved; *r; r++)
        if (!strcmp(*r, name))
            return true;
    return false;
}

int govern_slug_check(const char *slug)
{
    int rc = govern_path_check_segment("committee slug", slug);
    if (rc)
        return rc;
    if (govern_reserved_name(slug))
        return govern_error_set(GOVERN_EINVAL, "'%s' is a reserved name and cannot be a committee",
                                slug);
    return 0;
}

static void member_clear(struct govern_member *m)
{
    free(m->name);
    free(m->title);
    free(m->organisation);
}

void govern_committee_free(struct govern_committee *c)
{
    if (!c)
        return;
    free(c->slug);
    free(c->name);
    free(c->short_name);
    free(c->parent);
    free(c->cadence);
    free(c->description);
    for (size_t i = 0; i < c->n_members; i++)
        member_clear(&c->members[i]);
    free(c->members);
    for (size_t i = 0; i < c->n_template; i++) {
        free(c->template_items[i].title);
        free(c->template_items[i].purpose);
        free(c->template_items[i].standard);
    }
    free(c->template_items);
    free(c->path);
    govern_field_lines_clear(&c->lines);
    free(c);
}

static bool valid_standard(const char *s)
{
    static const char *const std[] = {"chair",  "apologies", "declarations",
                                      "urgent", "minutes",   NULL};
    for (const char *const *p = std; *p; p++)
        if (!strcmp(*p, s))
            return true;
    return false;
}

static int parse_member(struct govern_member *mem, const struct govern_doc *doc,
                        const struct govern_node *m)
{
    static const char *const keys[] = {"name",   "role", "title", "organisation",
                                       "voting", "from", "to",    NULL};
    char *role = NULL;
    int rc = 0;
    memset(mem, 0, sizeof(*mem));
    mem->line = m->line;
    if (m->kind != GOVERN_NODE_MAP)
        return govern_doc_error(doc, m->line, "each member must be a map with name and role");
    CHECK(govern_node_check_keys(doc, m, keys));
    CHECK(govern_node_str(&mem->name, doc, m, "name", true));
    CHECK(one_line(doc, m, "name", mem->name));
    CHECK(govern_node_str(&role, doc, m, "role", false));
    mem->role = GOVERN_ROLE_MEMBER;
    if (role && govern_role_parse(&mem->role, role)) {
        rc = govern_doc_error(doc, govern_node_get(m, "role")->line, "%s", govern_error_last());
        goto fail;
    }
    CHECK(govern_node_str(&mem->title, doc, m, "title", false));
    CHECK(one_line(doc, m, "title", mem->title));
    CHECK(govern_node_str(&mem->organisation, doc, m, "organisation", false));
    CHECK(one_line(doc, m, "organisation", mem->organisation));
    CHECK(
        govern_node_bool(&mem->voting, doc, m, "voting", govern_role_votes_by_default(mem->role)));
    CHECK(govern_node_date(&mem->from, doc, m, "from", false));
    CHECK(govern_node_date(&mem->to, doc, m, "to", false));
    if (mem->from != GOVERN_DATE_NONE && mem->to != GOVERN_DATE_NONE && mem->to < mem->from) {
        rc = govern_doc_error(doc, govern_node_get(m, "to")->line,
                              "member '%s' ends before starting", mem->name);
        goto fail;
    }
    free(role);
    return 0;
fail:
    free(role);
    member_clear(mem);
    return rc;
}

int govern_committee_parse(struct govern_committee **out, const char *slug, const char *text,
                           size_t len)
{
    static const char *const keys[] = {"name",    "short_name",      "kind",
                                       "parent",  "quorum",          "cadence",
                                       "members", "agenda_template", NULL};
    static const char *const tkeys[] = {"title", "purpose", "standard", NULL};
    struct govern_committee *c = calloc(1, sizeof(*c));
    struct govern_doc *doc = NULL;
    char *kind = NULL;
    int rc = 0;
    if (!c)
        return govern_oom();
    c->slug = strdup(slug);
    c->path = govern_meeting_path(slug, "committee.md");
    if (!c->slug || !c->path) {
        rc = govern_oom();
        goto fail;
    }
    CHECK(govern_doc_parse(&doc, c->path, text, len));
    const struct govern_node *m = doc->meta;
    CHECK(govern_node_check_keys(doc, m, keys));
    CHECK(govern_node_str(&c->name, doc, m, "name", true));
    CHECK(one_line(doc, m, "name", c->name));
    CHECK(govern_node_str(&c->short_name, doc, m, "short_name", false));
    CHECK(one_line(doc, m, "short_name", c->short_name));
    if (c->short_name) {
        for (const char *p = c->short_name; *p; p++)
            if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) {
                rc = govern_doc_error(doc, govern_node_get(m, "short_name")->line,
                                      "field 'short_name' may hold only capital letters and "
                                      "digits, not '%s'",
                                      c->short_name);
                goto fail;
            }
    }
    CHECK(govern_node_str(&kind, doc, m, "kind", false));
    if (kind && govern_kind_parse(&c->kind, kind)) {
        rc = govern_doc_error(doc, govern_node_get(m, "kind")->line, "%s", govern_error_last());
        goto fail;
    }
    CHECK(govern_node_str(&c->parent, doc, m, "parent", false));
    if (c->parent && govern_slug_check(c->parent)) {
        rc = govern_doc_error(doc, govern_node_get(m, "parent")->line, "%s", govern_error_last());
        goto fail;
    }
    CHECK(govern_node_int(&c->quorum, doc, m, "quorum", false, 1, 1000));
    CHECK(govern_node_str(&c->cadence, doc, m, "cadence", false));
    CHECK(one_line(doc, m, "cadence", c->cadence));
    const struct govern_node *mem = govern_node_get(m, "members");
    if (mem && mem->kind != GOVERN_NODE_NULL) {
        if (mem->kind != GOVERN_NODE_SEQ) {
            rc = govern_doc_error(doc, mem->line, "field 'members' must be a list");
            goto fail;
        }
        c->members = calloc(mem->n ? mem->n : 1, sizeof(*c->members));
        if (!c->members) {
            rc = govern_oom();
            goto fail;
        }
        for (size_t i = 0; i < mem->n; i++) {
            CHECK(parse_member(&c->members[i], doc, mem->items[i]));
            c->n_members++;
        }
    }
    const struct govern_node *t = govern_node_get(m, "agenda_template");
    if (t && t->kind != GOVERN_NODE_NULL) {
        if (t->kind != GOVERN_NODE_SEQ) {
            rc = govern_doc_error(doc, t->line, "field 'agenda_template' must be a list");
            goto fail;
        }
        c->has_template = true;
        c->template_items = calloc(t->n ? t->n : 1, sizeof(*c->template_items));
        if (!c->template_items) {
            rc = govern_oom();
            goto fail;
        }
        for (size_t i = 0; i < t->n; i++) {
            const struct govern_node *it = t->items[i];
            struct govern_template_item *ti = &c->template_items[i];
            if (it->kind != GOVERN_NODE_MAP) {
                rc = govern_doc_error(doc, it->line, "each template item must be a map");
                goto fail;
            }
            c->n_template++;
            CHECK(govern_node_check_keys(doc, it, tkeys));
            CHECK(govern_node_str(&ti->title, doc, it, "title", true));
            CHECK(one_line(doc, it, "title", ti->title));
            CHECK(govern_node_str(&ti->purpose, doc, it, "purpose", false));
            CHECK(govern_node_str(&ti->standard, doc, it, "standard", false));
            if (ti->standard && !valid_standard(ti->standard)) {
                rc = govern_doc_error(doc, govern_node_get(it, "standard")->line,
                                      "unknown standard item '%s' (chair, apologies, "
                                      "declarations, urgent or minutes)",
                                      ti->standard);
                goto fail;
            }
        }
    }
    c->description = body_or_null(doc->body);
    CHECK(govern_field_lines_set(&c->lines, m));
    free(kind);
    govern_doc_free(doc);
    *out = c;
    return 0;
fail:
    free(kind);
    govern_doc_free(doc);
    govern_committee_free(c);
    return rc;
}

int govern_committee_unknown(struct govern_snapshot *snap, const char *slug)
{
    struct govern_strlist slugs = GOVERN_STRLIST_INIT;
    const char *near = NULL;
    if (snap && !govern_committee_slugs(&slugs, snap))
        near = govern_suggest(slug, (const char *const *)slugs.items, slugs.count);
    if (near)
        govern_error_set(GOVERN_ENOTFOUND, "unknown committee '%s'; did you mean '%s'?", slug,
                         near);
    else
        govern_error_set(GOVERN_ENOTFOUND, "unknown committee '%s'", slug);
    govern_strlist_free(&slugs);
    return GOVERN_ENOTFOUND;
}

int govern_committee_load(struct govern_committee **out, struct govern_snapshot *snap,
                          const char *slug)
{
    int rc = govern_slug_check(slug);
    if (rc)
        return rc;
    char *path = govern_meeting_path(slug, "committee.md");
    if (!path)
        return govern_oom();
    struct govern_buf b = GOVERN_BUF_INIT;
    rc = govern_snapshot_read_record(&b, snap, path, "unknown committee '%s'", slug);
    if (rc == GOVERN_ENOTFOUND)
        rc = govern_committee_unknown(snap, slug);
    if (!rc)
        rc = govern_committee_parse(out, slug, b.ptr ? b.ptr : "", b.len);
    govern_buf_free(&b);
    free(path);
    return rc;
}

static int committee_emit(struct govern_buf *out, const struct govern_committee *c)
{
    struct govern_node *m = govern_node_new_map();
    if (!m)
        return govern_oom();
    govern_node_add_str(m, "name", c->name);
    govern_node_add_str(m, "short_name", c->short_name);
    govern_node_add_str(m, "kind", govern_kind_name(c->kind));
    govern_node_add_str(m, "parent", c->parent);
    if (c->quorum)
        govern_node_add_int(m, "quorum", c->quorum);
    govern_node_add_str(m, "cadence", c->cadence);
    if (c->n_members) {
        struct govern_node *seq = govern_node_add_seq(m, "members");
        for (size_t i = 0; seq && i < c->n_members; i++) {
            const struct govern_member *mem = &c->members[i];
            struct govern_node *e = govern_node_add_map(seq, NULL);
            if (!e)
                break;
            govern_node_add_str(e, "name", mem->name);
            govern_node_add_str(e, "role", govern_role_name(mem->role));
            govern_node_add_str(e, "title", mem->title);
            govern_node_add_str(e, "organisation", mem->organisation);
            if (mem->voting != govern_role_votes_by_default(mem->role))
                govern_node_add_bool(e, "voting", mem->voting);
            govern_node_add_date(e, "from", mem->from);
            govern_node_add_date(e, "to", mem->to);
        }
    }
    if (c->has_template) {
        struct govern_node *seq = govern_node_add_seq(m, "agenda_template");
        for (size_t i = 0; seq && i < c->n_template; i++) {
            struct govern_node *e = govern_node_add_map(seq, NULL);
            if (!e)
                break;
            govern_node_add_str(e, "title", c->template_items[i].title);
            govern_node_add_str(e, "purpose", c->template_items[i].purpose);
            govern_node_add_str(e, "standard", c->template_items[i].standard);
        }
    }
    return emit_to(out, m, c->description, false);
}

SERIALIZE_READ_BACK(committee, c, govern_committee_parse(&back, c->slug ? c->slug : "x", text, len))

int govern_committee_slugs(struct govern_strlist *out, struct govern_snapshot *snap)
{
    struct govern_strlist dirs = GOVERN_STRLIST_INIT;
    int rc = govern_snapshot_list(&dirs, snap, "", GOVERN_ENTRY_DIR);
    for (size_t i = 0; !rc && i < dirs.count; i++) {
        const char *d = dirs.items[i];
        if (govern_reserved_name(d) || govern_path_check_segment("slug", d))
            continue;
        char path[128];
        snprintf(path, sizeof(path), "%s/committee.md", d);
        if (govern_snapshot_exists(snap, path))
            rc = govern_strlist_add(out, d);
    }
    govern_strlist_free(&dirs);
    return rc;
}

int govern_committee_add_member(struct govern_committee *c, const struct govern_member *m)
{
    struct govern_member *mem = realloc(c->members, (c->n_members + 1) * sizeof(*mem));
    if (!mem)
        return govern_oom();
    c->members = mem;
    struct govern_member *n = &mem[c->n_members];
    *n = *m;
    n->name = strdup(m->name);
    n->title = m->title ? strdup(m->title) : NULL;
    n->organisation = m->organisation ? strdup(m->organisation) : NULL;
    if (!n->name || (m->title && !n->title) || (m->organisation && !n->organisation)) {
        member_clear(n);
        return govern_oom();
    }
    c->n_members++;
    return 0;
}

/* ---------------------------------------------------------------- meetings */

static const char *const status_names[] = {"scheduled", "held", "cancelled", "postponed"};

const char *govern_meeting_status_name(enum govern_meeting_status s)
{
    return (unsigned)s < 4 ? status_names[s] : "scheduled";
}

int govern_meeting_status_parse(enum govern_meeting_status *out, const char *s)
{
    for (int i = 0; i < 4; i++)
        if (s && !strcmp(s, status_names[i])) {
            *out = (enum govern_meeting_status)i;
            return 0;
        }
    return govern_error_set(
        GOVERN_EINVAL, "invalid status '%s' (scheduled, held, cancelled or postponed)", s ? s : "");
}

char *govern_meeting_path(const char *id, const char *file)
{
    size_t il = strlen(id), fl = strlen(file);
    char *p = malloc(il + fl + 2); /* no printf: twice per meeting read */
    if (!p) {
        govern_error_set(GOVERN_ENOMEM, "out of memory");
        return NULL;
    }
    memcpy(p, id, il);
    p[il] = '/';
    memcpy(p + il + 1, file, fl + 1);
    return p;
}

int govern_meeting_id_check(const char *id)
{
    if (!id || !*id)
        return govern_error_set(GOVERN_EINVAL, "empty meeting id");
    const char *slash = strchr(id, '/');
    if (!slash || strchr(slash + 1, '/'))
        return govern_error_set(GOVERN_EINVAL,
                                "invalid meeting id '%s' (expected COMMITTEE/YYYY-MM-DD, as "
                                "'govern meeting list' shows)",
                                id);
    char slug[80];
    size_t sl = (size_t)(slash - id);
    if (sl >= sizeof(slug))
        return govern_error_set(GOVERN_EINVAL, "invalid meeting id '%s'", id);
    memcpy(slug, id, sl);
    slug[sl] = '\0';
    int rc = govern_slug_check(slug);
    if (rc)
        return rc;
    const char *dir = slash + 1;
    if (govern_path_check_segment("meeting id", dir))
        return govern_error_set(GOVERN_EINVAL, "invalid meeting id '%s'", id);
    char date[11];
    govern_date d;
    if (strlen(dir) < 10)
        return govern_error_set(GOVERN_EINVAL,
                                "invalid meeting id '%s' (expected COMMITTEE/YYYY-MM-DD)", id);
    memcpy(date, dir, 10);
    date[10] = '\0';
    if (govern_date_parse(&d, date))
        return govern_error_prefix(GOVERN_EINVAL, "invalid meeting id '%s'", id);
    if (dir[10]) {
        if (dir[10] != '-' || !dir[11])
            return govern_error_set(GOVERN_EINVAL, "invalid meeting id '%s'", id);
        for (const char *p = dir + 11; *p; p++)
            if (*p < '0' || *p > '9')
                return govern_error_set(GOVERN_EINVAL, "invalid meeting id '%s'", id);
    }
    return 0;
}

void govern_meeting_clear(struct govern_meeting *m)
{
    if (!m)
        return;
    free(m->id);
    free(m->committee);
    free(m->uid);
    free(m->title);
    free(m->location);
    free(m->reason);
    free(m->notes);
    free(m->path);
    govern_field_lines_clear(&m->lines);
    memset(m, 0, sizeof(*m));
}

void govern_meeting_free(struct govern_meeting *m)
{
    govern_meeting_clear(m);
    free(m);
}

int govern_meeting_parse(struct govern_meeting **out, const char *id, const char *text, size_t len)
{
    static const char *const keys[] = {"uid",    "title",    "date",   "time",
                                       "end",    "location", "status", "sequence",
                                       "reason", "private",  "annual", NULL};
    struct govern_meeting *m = calloc(1, sizeof(*m));
    struct govern_doc *doc = NULL;
    char *status = NULL;
    int rc = 0;
    if (!m)
        return govern_oom();
    m->id = strdup(id);
    m->path = govern_meeting_path(id, "meeting.md");
    const char *slash = strchr(id, '/');
    m->committee = slash ? strndup(id, (size_t)(slash - id)) : NULL;
    if (!m->id || !m->path || !m->committee) {
        rc = govern_oom();
        goto fail;
    }
    CHECK(govern_doc_parse(&doc, m->path, text, len));
    const struct govern_node *f = doc->meta;
    CHECK(govern_node_check_keys(doc, f, keys));
    CHECK(govern_node_str(&m->uid, doc, f, "uid", true));
    CHECK(one_line(doc, f, "uid", m->uid));
    for (const char *p = m->uid; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == ';' || *p == ',' || *p == '\\' || *p == '"') {
            rc = govern_doc_error(doc, govern_node_get(f, "uid")->line,
                                  "field 'uid' may not hold spaces or , ; \\ \"");
            goto fail;
        }
    CHECK(govern_node_str(&m->title, doc, f, "title", false));
    CHECK(one_line(doc, f, "title", m->title));
    CHECK(govern_node_date(&m->date, doc, f, "date", true));
    CHECK(govern_node_time(&m->time, doc, f, "time", false));
    CHECK(govern_node_time(&m->end, doc, f, "end", false));
    if (m->end != GOVERN_TIME_NONE && (m->time == GOVERN_TIME_NONE || m->end <= m->time)) {
        rc = govern_doc_error(doc, govern_node_get(f, "end")->line,
                              "the end time must come after the start time");
        goto fail;
    }
    CHECK(govern_node_str(&m->location, doc, f, "location", false));
    CHECK(one_line(doc, f, "location", m->location));
    CHECK(govern_node_str(&status, doc, f, "status", false));
    m->status = GOVERN_STATUS_SCHEDULED;
    if (status && govern_meeting_status_parse(&m->status, status)) {
        rc = govern_doc_error(doc, govern_node_get(f, "status")->line, "%s", govern_error_last());
        goto fail;
    }
    CHECK(govern_node_int(&m->sequence, doc, f, "sequence", false, 0, 1000000));
    CHECK(govern_node_str(&m->reason, doc, f, "reason", false));
    CHECK(govern_node_bool(&m->private_, doc, f, "private", false));
    CHECK(govern_node_bool(&m->annual, doc, f, "annual", false));
    m->notes = body_or_null(doc->body);
    CHECK(govern_field_lines_set(&m->lines, f));
    free(status);
    govern_doc_free(doc);
    *out = m;
    return 0;
fail:
    free(status);
    govern_doc_free(doc);
    govern_meeting_free(m);
    return rc;
}

int govern_meeting_load(struct govern_meeting **out, struct govern_snapshot *snap, const char *id)
{
    int rc = govern_meeting_id_check(id);
    if (rc)
        return rc;
    char *path = govern_meeting_path(id, "meeting.md");
    if (!path)
        return govern_oom();
    struct govern_buf b = GOVERN_BUF_INIT;
    rc = govern_snapshot_read(&b, snap, path);
    if (rc == GOVERN_ENOTFOUND) {
        char slug[80];
        snprintf(slug, sizeof(slug), "%.*s", (int)(strchr(id, '/') - id), id);
        char cpath[100];
        snprintf(cpath, sizeof(cpath), "%s/committee.md", slug);
        if (!govern_snapshot_exists(snap, cpath))
            rc = govern_committee_unknown(snap, slug);
        else
            rc = govern_error_set(GOVERN_ENOTFOUND, "unknown meeting '%s' (no %s)", id, path);
    }
    if (!rc)
        rc = govern_meeting_parse(out, id, b.ptr ? b.ptr : "", b.len);
    govern_buf_free(&b);
    free(path);
    return rc;
}

static int meeting_emit(struct govern_buf *out, const struct govern_meeting *m)
{
    struct govern_node *f = govern_node_new_map();
    if (!f)
        return govern_oom();
    govern_node_add_str(f, "uid", m->uid);
    govern_node_add_str(f, "title", m->title);
    govern_node_add_date(f, "date", m->date);
    govern_node_add_time(f, "time", m->time);
    govern_node_add_time(f, "end", m->end);
    govern_node_add_str(f, "location", m->location);
    govern_node_add_str(f, "status", govern_meeting_status_name(m->status));
    govern_node_add_int(f, "sequence", m->sequence);
    govern_node_add_str(f, "reason", m->reason);
    if (m->private_)
        govern_node_add_bool(f, "private", true);
    if (m->annual)
        govern_node_add_bool(f, "annual", true);
    return emit_to(out, f, m->notes, false);
}

SERIALIZE_READ_BACK(meeting, m,
                    govern_meeting_parse(&back, m->id ? m->id : PLACEHOLDER_ID, text, len))

int govern_meeting_new_uid(char **out)
{
    unsigned char r[16];
    size_t got = 0;
    while (got < sizeof(r)) {
        ssize_t n = getrandom(r + got, sizeof(r) - got, 0);
        if (n < 0)
            return govern_error_set(GOVERN_EIO, "no randomness for a UID");
        got += (size_t)n;
    }
    r[6] = (unsigned char)((r[6] & 0x0F) | 0x40);
    r[8] = (unsigned char)((r[8] & 0x3F) | 0x80);
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = 0;
    for (int i = 0; i < 16 && !rc; i++)
        rc = govern_buf_printf(&b, "%s%02x", (i == 4 || i == 6 || i == 8 || i == 10) ? "-" : "",
                               r[i]);
    if (!rc)
        rc = govern_buf_puts(&b, "@govern");
    if (rc) {
        govern_buf_free(&b);
        return rc;
    }
    *out = govern_buf_detach(&b);
    return 0;
}

int govern_meeting_ids(struct govern_strlist *out, struct govern_snapshot *snap, const char *slug)
{
    struct govern_strlist dirs = GOVERN_STRLIST_INIT;
    int rc = govern_snapshot_list(&dirs, snap, slug, GOVERN_ENTRY_DIR);
    for (size_t i = 0; !rc && i < dirs.count; i++) {
        char id[160];
        snprintf(id, sizeof(id), "%s/%s", slug, dirs.items[i]);
        if (govern_meeting_id_check(id))
            continue;
        char path[200];
        snprintf(path, sizeof(path), "%s/meeting.md", id);
        if (govern_snapshot_exists(snap, path))
            rc = govern_strlist_add(out, id);
    }
    govern_strlist_free(&dirs);
    govern_error_clear();
    return rc;
}

static int cmp_meeting(const void *a, const void *b)
{
    const struct govern_meeting *x = *(struct govern_meeting *const *)a;
    const struct govern_meeting *y = *(struct govern_meeting *const *)b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    return strcmp(x->id, y->id);
}

int govern_meeting_list_load(struct govern_meeting_list *out, struct govern_snapshot *snap,
                             const struct govern_meeting_filter *f)
{
    struct govern_strlist slugs = GOVERN_STRLIST_INIT;
    size_t cap = 0;
    int rc = 0;
    memset(out, 0, sizeof(*out));
    if (f && f->committees && f->committees->count) {
        for (size_t i = 0; i < f->committees->count && !rc; i++) {
            struct govern_committee *c = NULL;
            rc = govern_committee_load(&c, snap, f->committees->items[i]);
            govern_committee_free(c);
            if (!rc)
                rc = govern_strlist_add(&slugs, f->committees->items[i]);
        }
    } else {
        rc = govern_committee_slugs(&slugs, snap);
    }
    for (size_t i = 0; i < slugs.count && !rc; i++) {
        struct govern_strlist ids = GOVERN_STRLIST_INIT;
        rc = govern_meeting_ids(&ids, snap, slugs.items[i]);
        for (size_t j = 0; j < ids.count && !rc; j++) {
            struct govern_meeting *m = NULL;
            if ((rc = govern_meeting_load(&m, snap, ids.items[j])))
                break;
            if (f && ((f->from != GOVERN_DATE_NONE && m->date < f->from) ||
                      (f->to != GOVERN_DATE_NONE && m->date > f->to))) {
                govern_meeting_free(m);
                continue;
            }
            if ((rc = govern_array_grow(&out->items, &cap, out->count + 1, sizeof(*out->items)))) {
                govern_meeting_free(m);
                break;
            }
            out->items[out->count++] = m;
        }
        govern_strlist_free(&ids);
    }
    govern_strlist_free(&slugs);
    if (rc) {
        govern_meeting_list_free(out);
        return rc;
    }
    if (out->count > 1)
        qsort(out->items, out->count, sizeof(*out->items), cmp_meeting);
    return 0;
}

void govern_meeting_list_free(struct govern_meeting_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        govern_meeting_free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

/* ----------------------------------------------------------------- agendas */

const char *govern_exempt_paragraph_text(int p)
{
    static const char *const text[] = {
        "Information relating to any individual",
        "Information which is likely to reveal the identity of an individual",
        "Information relating to the financial or business affairs of any particular person "
        "(including the authority holding that information)",
        "Information relating to any consultations or negotiations, or contemplated "
        "consultations or negotiations, in connection with any labour relations matter",
        "Information in respect of which a claim to legal professional privilege could be "
        "maintained in legal proceedings",
        "Information which reveals that the authority proposes to give a notice or to make an "
        "order or direction",
        "Information relating to any action taken or to be taken in connection with the "
        "prevention, investigation or prosecution of crime",
    };
    return p >= 1 && p <= 7 ? text[p - 1] : "";
}

static int page_number(long *out, const char *s, const char **end)
{
    char *e;
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    *out = strtol(s, &e, 10);
    *end = e;
    return errno || *out < 1 || *out > 99999 ? -1 : 0;
}

int govern_pages_check(const char *pages)
{
    long a, b;
    const char *e;
    if (page_number(&a, pages, &e) == 0) {
        if (!*e)
            return 0;
        if (*e == '-' && page_number(&b, e + 1, &e) == 0 && !*e && a <= b)
            return 0;
    }
    return govern_error_set(GOVERN_EINVAL,
                            "a page reference is a page (5) or a range (9-52), not '%s'", pages);
}

void govern_pages_format(char *out, size_t n, const char *pages)
{
    const char *dash = strchr(pages, '-');
    if (dash)
        snprintf(out, n, "Pages %.*s - %s", (int)(dash - pages), pages, dash + 1);
    else
        snprintf(out, n, "Page %s", pages);
}

void govern_agenda_item_clear(struct govern_agenda_item *it)
{
    free(it->title);
    free(it->purpose);
    free(it->report);
    free(it->urgent);
    free(it->standard);
    free(it->fulfils);
    free(it->source);
    free(it->body);
    free(it->minutes_of);
    free(it->pages);
    memset(it, 0, sizeof(*it));
}

void govern_agenda_free(struct govern_agenda *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n_items; i++)
        govern_agenda_item_clear(&a->items[i]);
    free(a->items);
    free(a->meeting);
    free(a->notes);
    free(a->path);
    govern_field_lines_clear(&a->lines);
    free(a);
}

static int parse_item(struct govern_agenda_item *it, const struct govern_doc *doc,
                      const struct govern_node *m)
{
    static const char *const keys[] = {"title",  "purpose",    "report",  "exempt",
                                       "urgent", "standard",   "fulfils", "source",
                                       "text",   "minutes_of", "pages",   NULL};
    int rc = 0;
    memset(it, 0, sizeof(*it));
    it->line = m->line;
    if (m->kind != GOVERN_NODE_MAP)
        return govern_doc_error(doc, m->line, "each agenda item must be a map with a title");
    CHECK(govern_node_check_keys(doc, m, keys));
    CHECK(govern_node_str(&it->title, doc, m, "title", true));
    CHECK(one_line(doc, m, "title", it->title));
    CHECK(govern_node_str(&it->purpose, doc, m, "purpose", false));
    CHECK(govern_node_str(&it->report, doc, m, "report", false));
    if (it->report && govern_path_check_relative("report", it->report)) {
        rc = govern_doc_error(doc, govern_node_get(m, "report")->line, "%s", govern_error_last());
        goto fail;
    }
    /* exempt: a paragraph number; check reports values outside 1-7 with their line */
    const struct govern_node *ex = govern_node_get(m, "exempt");
    if (ex && ex->kind == GOVERN_NODE_SCALAR) {
        char *end;
        long v = strtol(ex->scalar, &end, 10);
        it->exempt = (*ex->scalar && !*end && v >= 1 && v <= 7) ? (int)v : -1;
    } else if (ex && ex->kind != GOVERN_NODE_NULL) {
        it->exempt = -1;
    }
    CHECK(govern_node_str(&it->urgent, doc, m, "urgent", false));
    CHECK(govern_node_str(&it->standard, doc, m, "standard", false));
    if (it->standard && !valid_standard(it->standard)) {
        rc = govern_doc_error(doc, govern_node_get(m, "standard")->line,
                              "unknown standard item '%s' (chair, apologies, declarations, "
                              "urgent or minutes)",
                              it->standard);
        goto fail;
    }
    CHECK(govern_node_str(&it->fulfils, doc, m, "fulfils", false));
    if (it->fulfils && govern_path_check_segment("field 'fulfils'", it->fulfils)) {
        rc = govern_doc_error(doc, govern_node_get(m, "fulfils")->line, "%s", govern_error_last());
        goto fail;
    }
    CHECK(govern_node_str(&it->source, doc, m, "source", false));
    CHECK(govern_node_str(&it->body, doc, m, "text", false));
    CHECK(govern_node_str(&it->pages, doc, m, "pages", false));
    if (it->pages && govern_pages_check(it->pages)) {
        rc = govern_doc_error(doc, govern_node_get(m, "pages")->line, "field 'pages': %s",
                              govern_error_last());
        goto fail;
    }
    CHECK(govern_node_str(&it->minutes_of, doc, m, "minutes_of", false));
    if (it->minutes_of && govern_meeting_id_check(it->minutes_of)) {
        rc = govern_doc_error(doc, govern_node_get(m, "minutes_of")->line, "field 'minutes_of': %s",
                              govern_error_last());
        goto fail;
    }
    return 0;
fail:
    govern_agenda_item_clear(it);
    return rc;
}

static int parse_items(struct govern_agenda *a, const struct govern_doc *doc,
                       const struct govern_node *items)
{
    if (!items || items->kind == GOVERN_NODE_NULL)
        return 0;
    if (items->kind != GOVERN_NODE_SEQ)
        return govern_doc_error(doc, items->line, "field 'items' must be a list");
    a->items = calloc(items->n ? items->n : 1, sizeof(*a->items));
    if (!a->items)
        return govern_oom();
    for (size_t i = 0; i < items->n; i++) {
        int rc = parse_item(&a->items[i], doc, items->items[i]);
        if (rc)
            return rc;
        a->n_items++;
    }
    return 0;
}

int govern_agenda_parse_items(struct govern_agenda **out, const char *meeting_id, const char *path,
                              const char *text, size_t len)
{
    static const char *const keys[] = {"items", NULL};
    struct govern_agenda *a = calloc(1, sizeof(*a));
    struct govern_doc *doc = NULL;
    int rc = 0;
    if (!a)
        return govern_oom();
    a->meeting = strdup(meeting_id);
    a->path = strdup(path);
    if (!a->meeting || !a->path) {
        rc = govern_oom();
        goto fail;
    }
    CHECK(govern_doc_parse_yaml(&doc, path, text, len));
    CHECK(govern_node_check_keys(doc, doc->meta, keys));
    CHECK(parse_items(a, doc, govern_node_get(doc->meta, "items")));
    for (size_t i = 0; i < a->n_items; i++) {
        const struct govern_agenda_item *it = &a->items[i];
        const char *bad = it->report       ? "report"
                          : it->source     ? "source"
                          : it->minutes_of ? "minutes_of"
                                           : NULL;
        if (bad) {
            rc = govern_doc_error(doc, it->line, "field '%s' cannot be given here%s", bad,
                                  it->report ? " (attach a report with 'govern agenda edit ID N "
                                               "--report FILE')"
                                             : "");
            goto fail;
        }
        if (it->exempt < 0) {
            const struct govern_node *list = govern_node_get(doc->meta, "items");
            rc = govern_doc_error(doc, govern_node_key_line(list->items[i], "exempt"),
                                  "field 'exempt' must be a paragraph from 1 to 7");
            goto fail;
        }
    }
    if (!a->n_items) {
        rc = govern_error_set(GOVERN_EINVAL, "%s: no items (write 'items:' and a list of them)",
                              path);
        goto fail;
    }
    govern_doc_free(doc);
    *out = a;
    return 0;
fail:
    govern_doc_free(doc);
    govern_agenda_free(a);
    return rc;
}

int govern_agenda_parse(struct govern_agenda **out, const char *meeting_id, const char *text,
                        size_t len)
{
    static const char *const keys[] = {"published", "items", NULL};
    struct govern_agenda *a = calloc(1, sizeof(*a));
    struct govern_doc *doc = NULL;
    int rc = 0;
    if (!a)
        return govern_oom();
    a->meeting = strdup(meeting_id);
    a->path = govern_meeting_path(meeting_id, "agenda.md");
    if (!a->meeting || !a->path) {
        rc = govern_oom();
        goto fail;
    }
    CHECK(govern_doc_parse(&doc, a->path, text, len));
    const struct govern_node *f = doc->meta;
    CHECK(govern_node_check_keys(doc, f, keys));
    CHECK(govern_node_date(&a->published, doc, f, "published", false));
    CHECK(parse_items(a, doc, govern_node_get(f, "items")));
    a->notes = body_or_null(doc->body);
    CHECK(govern_field_lines_set(&a->lines, f));
    govern_doc_free(doc);
    *out = a;
    return 0;
fail:
    govern_doc_free(doc);
    govern_agenda_free(a);
    return rc;
}

int govern_agenda_load(struct govern_agenda **out, struct govern_snapshot *snap,
                       const char *meeting_id)
{
    int rc = govern_meeting_id_check(meeting_id);
    if (rc)
        return rc;
    char *path = govern_meeting_path(meeting_id, "agenda.md");
    if (!path)
        return govern_oom();
    struct govern_buf b = GOVERN_BUF_INIT;
    rc = govern_snapshot_read_record(&b, snap, path, "meeting '%s' has no agenda", meeting_id);
    if (!rc)
        rc = govern_agenda_parse(out, meeting_id, b.ptr ? b.ptr : "", b.len);
    govern_buf_free(&b);
    free(path);
    return rc;
}

static int agenda_emit(struct govern_buf *out, const struct govern_agenda *a)
{
    struct govern_node *f = govern_node_new_map();
    if (!f)
        return govern_oom();
    govern_node_add_date(f, "published", a->published);
    struct govern_node *seq = govern_node_add_seq(f, "items");
    for (size_t i = 0; seq && i < a->n_items; i++) {
        const struct govern_agenda_item *it = &a->items[i];
        struct govern_node *e = govern_node_add_map(seq, NULL);
        if (!e)
            break;
        govern_node_add_str(e, "title", it->title);
        govern_node_add_str(e, "standard", it->standard);
        govern_node_add_str(e, "minutes_of", it->minutes_of);
        govern_node_add_str(e, "purpose", it->purpose);
        govern_node_add_str(e, "text", it->body);
        govern_node_add_str(e, "pages", it->pages);
        govern_node_add_str(e, "report", it->report);
        if (it->exempt)
            govern_node_add_int(e, "exempt", it->exempt);
        govern_node_add_str(e, "urgent", it->urgent);
        govern_node_add_str(e, "fulfils", it->fulfils);
        govern_node_add_str(e, "source", it->source);
    }
    return emit_to(out, f, a->notes, false);
}

SERIALIZE_READ_BACK(agenda, a,
                    govern_agenda_parse(&back, a->meeting ? a->meeting : PLACEHOLDER_ID, text, len))

static int item_copy(struct govern_agenda_item *dst, const struct govern_agenda_item *src)
{
    memset(dst, 0, sizeof(*dst));
    dst->exempt = src->exempt;
    dst->line = src->line;
#define DUP(f)                                                                                     \
    if (src->f && !(dst->f = strdup(src->f)))                                                      \
        goto fail;
    DUP(title)
    DUP(purpose)
    DUP(report)
    DUP(urgent)
    DUP(standard)
    DUP(fulfils)
    DUP(source)
    DUP(body)
    DUP(minutes_of)
    DUP(pages)
#undef DUP
    return 0;
fail:
    govern_agenda_item_clear(dst);
    return govern_oom();
}

int govern_agenda_append(struct govern_agenda *a, const struct govern_agenda_item *item)
{
    struct govern_agenda_item *n = realloc(a->items, (a->n_items + 1) * sizeof(*n));
    if (!n)
        return govern_oom();
    a->items = n;
    int rc = item_copy(&n[a->n_items], item);
    if (!rc)
        a->n_items++;
    return rc;
}

int govern_agenda_remove(struct govern_agenda *a, size_t index)
{
    if (index >= a->n_items)
        return govern_error_set(GOVERN_EINVAL, "no item %zu on the agenda of %s (it has %zu)",
                                index + 1, a->meeting, a->n_items);
    govern_agenda_item_clear(&a->items[index]);
    memmove(&a->items[index], &a->items[index + 1], (a->n_items - index - 1) * sizeof(*a->items));
    a->n_items--;
    return 0;
}

int govern_agenda_move(struct govern_agenda *a, size_t from, size_t to)
{
    if (from >= a->n_items || to >= a->n_items)
        return govern_error_set(GOVERN_EINVAL, "no item %zu on the agenda of %s (it has %zu)",
                                (from >= a->n_items ? from : to) + 1, a->meeting, a->n_items);
    struct govern_agenda_item tmp = a->items[from];
    if (from < to)
        memmove(&a->items[from], &a->items[from + 1], (to - from) * sizeof(tmp));
    else if (from > to)
        memmove(&a->items[to + 1], &a->items[to], (from - to) * sizeof(tmp));
    a->items[to] = tmp;
    return 0;
}

int govern_agenda_public(struct govern_agenda **out, const struct govern_agenda *a)
{
    struct govern_agenda *p = calloc(1, sizeof(*p));
    if (!p)
        return govern_oom();
    p->meeting = strdup(a->meeting);
    p->path = strdup(a->path);
    p->published = a->published;
    p->notes = a->notes ? strdup(a->notes) : NULL;
    p->items = calloc(a->n_items ? a->n_items : 1, sizeof(*p->items));
    if (!p->meeting || !p->path || !p->items || (a->notes && !p->notes)) {
        govern_agenda_free(p);
        return govern_oom();
    }
    for (size_t i = 0; i < a->n_items; i++) {
        const struct govern_agenda_item *src = &a->items[i];
        struct govern_agenda_item *dst = &p->items[i];
        if (src->exempt) {
            /* exempt: the title and the paragraph, nothing else */
            memset(dst, 0, sizeof(*dst));
            dst->exempt = src->exempt;
            dst->line = src->line;
            if (!(dst->title = strdup(src->title))) {
                govern_agenda_free(p);
                return govern_oom();
            }
        } else if (item_copy(dst, src)) {
            govern_agenda_free(p);
            return GOVERN_ENOMEM;
        }
        p->n_items++;
    }
    *out = p;
    return 0;
}
