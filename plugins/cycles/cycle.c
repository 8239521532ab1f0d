/*
 * The cycle file, cycles/SLUG.md: parsing through the doc model (every error
 * names the file and line), the canonical serialisation, the due rule
 * ("12-01" or "first meeting of BODY in MONTH") and period labels ("2021",
 * "2021-H1", "2021-Q3").  See docs/cycles.md.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cycles.h"

const char cycle_default_body[] =
    "Notes on this cycle (its origin, assumptions) go here, above the template.\n"
    "\n"
    "## Report template\n"
    "\n"
    "Decision maker, date, title, report from, contact.\n"
    "\n"
    "### Purpose of this report\n"
    "\n"
    "### Recommendation\n"
    "\n"
    "### Executive summary\n"
    "\n"
    "### Contextual information\n"
    "\n"
    "### Membership\n"
    "\n"
    "### Priorities and co-sponsors\n"
    "\n"
    "### Key areas of focus\n"
    "\n"
    "### Meetings, attendance, resolutions and actions in the period\n"
    "\n"
    "### Required corporate and legal information\n"
    "\n"
    "### Climate change and equalities impact assessments\n";

int cycle_kind_parse(enum cycle_kind *out, const char *s)
{
    if (!strcmp(s, "annual"))
        *out = CYCLE_ANNUAL;
    else if (!strcmp(s, "six-monthly"))
        *out = CYCLE_SIX_MONTHLY;
    else if (!strcmp(s, "quarterly"))
        *out = CYCLE_QUARTERLY;
    else
        return govern_error_set(GOVERN_EINVAL,
                                "unknown period '%s' (annual, six-monthly or quarterly)", s);
    return 0;
}

const char *cycle_kind_name(enum cycle_kind k)
{
    switch (k) {
    case CYCLE_SIX_MONTHLY:
        return "six-monthly";
    case CYCLE_QUARTERLY:
        return "quarterly";
    default:
        return "annual";
    }
}

static int two_digits(const char *s)
{
    if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
        return -1;
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Splits s at single spaces into at most max words (copied into buf). */
static size_t split_words(char **words, size_t max, char *buf)
{
    size_t n = 0;
    char *save = NULL;
    for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        if (n == max)
            return max + 1;
        words[n++] = w;
    }
    return n;
}

int cycle_due_parse(struct cycle_due *out, const char *s)
{
    memset(out, 0, sizeof(*out));
    if (strlen(s) == 5 && s[2] == '-') {
        int mo = two_digits(s), d = two_digits(s + 3);
        /* a day that exists every year: 02-29 would be missing three years in four */
        if (mo < 1 || mo > 12 || d < 1 || d > govern_date_days_in_month(2001, mo))
            return govern_error_set(GOVERN_EINVAL,
                                    "due date '%s' is not a day of every year (MM-DD; 02-29 is "
                                    "not allowed)",
                                    s);
        out->month = mo;
        out->day = d;
        return 0;
    }
    if (strlen(s) > 200)
        return govern_error_set(GOVERN_EINVAL, "due rule is too long");
    char buf[256], *w[8];
    snprintf(buf, sizeof(buf), "%s", s);
    size_t n = split_words(w, 7, buf);
    if (n != 6 || strcasecmp(w[0], "first") || strcasecmp(w[1], "meeting") ||
        strcasecmp(w[2], "of") || strcasecmp(w[4], "in"))
        return govern_error_set(GOVERN_EINVAL,
                                "due rule '%s' is neither a date in the year (MM-DD, e.g. 12-01) "
                                "nor 'first meeting of BODY in MONTH'",
                                s);
    int month = 0;
    for (int i = 1; i <= 12; i++)
        if (!strcasecmp(w[5], govern_month_name(i)))
            month = i;
    if (!month)
        return govern_error_set(
            GOVERN_EINVAL, "due rule '%s': '%s' is not a month (January ... December)", s, w[5]);
    for (char *q = w[3]; *q; q++) /* "Cabinet" names the committee cabinet */
        *q = (char)tolower((unsigned char)*q);
    if (govern_path_check_segment("due rule body", w[3]))
        return govern_error_prefix(GOVERN_EINVAL, "due rule '%s'", s);
    if (!(out->body = govern_strdup(w[3])))
        return GOVERN_ENOMEM;
    out->month = month;
    return 0;
}

int cycle_due_format(struct govern_buf *out, const struct cycle_due *d)
{
    if (d->body)
        return govern_buf_printf(out, "first meeting of %s in %s", d->body,
                                 govern_month_name(d->month));
    return govern_buf_printf(out, "%02d-%02d", d->month, d->day);
}

int cycle_period_parse(int *serial, const char *s, enum cycle_kind kind)
{
    size_t len = strlen(s);
    int y = -1, idx = 0;
    if (len >= 4 && isdigit((unsigned char)s[0]) && two_digits(s) >= 0 && two_digits(s + 2) >= 0)
        y = two_digits(s) * 100 + two_digits(s + 2);
    bool ok = y >= 1900 && y <= 2999;
    if (ok && kind == CYCLE_ANNUAL)
        ok = len == 4;
    else if (ok) {
        char letter = kind == CYCLE_SIX_MONTHLY ? 'h' : 'q';
        ok = len == 7 && s[4] == '-' && tolower((unsigned char)s[5]) == letter && s[6] >= '1' &&
             s[6] < '1' + (int)kind;
        idx = ok ? s[6] - '1' : 0;
    }
    if (!ok) {
        const char *ex = kind == CYCLE_ANNUAL        ? "YYYY, e.g. 2021"
                         : kind == CYCLE_SIX_MONTHLY ? "YYYY-H1 or YYYY-H2"
                                                     : "YYYY-Q1 ... YYYY-Q4";
        return govern_error_set(GOVERN_EINVAL, "'%s' is not %s %s period (%s)", s,
                                kind == CYCLE_ANNUAL ? "an" : "a", cycle_kind_name(kind), ex);
    }
    *serial = y * (int)kind + idx;
    return 0;
}

void cycle_period_label(char out[16], int serial, enum cycle_kind kind)
{
    int y = serial / (int)kind, idx = serial % (int)kind;
    if (kind == CYCLE_ANNUAL)
        snprintf(out, 16, "%04d", y);
    else
        snprintf(out, 16, "%04d-%c%d", y, kind == CYCLE_SIX_MONTHLY ? 'H' : 'Q', idx + 1);
}

/* Would fulfils: PREFIX-REST read REST as a period label?  Such slugs are
 * refused so that "CYCLE-PERIOD" is never ambiguous. */
static bool ends_like_period(const char *slug)
{
    static const enum cycle_kind kinds[] = {CYCLE_ANNUAL, CYCLE_SIX_MONTHLY, CYCLE_QUARTERLY};
    for (const char *p = strchr(slug, '-'); p; p = strchr(p + 1, '-'))
        for (size_t k = 0; k < 3; k++) {
            int serial;
            if (!cycle_period_parse(&serial, p + 1, kinds[k]))
                return true;
        }
    govern_error_clear();
    return false;
}

void cycle_free(struct cycle *c)
{
    if (!c)
        return;
    free(c->slug);
    free(c->name);
    free(c->owner);
    free(c->to);
    free(c->due.body);
    free(c->basis);
    free(c->statutory);
    free(c->review_of);
    free(c->reporting_year);
    free(c->refs);
    free(c->body);
    free(c->path);
    free(c);
}

static int key_line(const struct govern_node *map, const char *key)
{
    for (size_t i = 0; i < map->n; i++)
        if (!strcmp(map->keys[i], key))
            return map->key_lines[i];
    return map->line;
}

#define CHECK(x)                                                                                   \
    do {                                                                                           \
        if ((rc = (x)))                                                                            \
            goto out;                                                                              \
    } while (0)

static int one_line(const struct govern_doc *doc, const struct govern_node *m, const char *key,
                    const char *v)
{
    if (v && strpbrk(v, "\r\n"))
        return govern_doc_error(doc, key_line(m, key), "field '%s' must be one line", key);
    return 0;
}

static int slug_field(char **out, const struct govern_doc *doc, const struct govern_node *m,
                      const char *key, bool required)
{
    int rc = govern_node_str(out, doc, m, key, required);
    if (!rc && *out && govern_path_check_segment(key, *out))
        rc = govern_doc_error(doc, key_line(m, key), "field '%s': %s", key, govern_error_last());
    return rc;
}

static int period_field(int *out, const struct govern_doc *doc, const struct govern_node *m,
                        const char *key, enum cycle_kind kind)
{
    char *s = NULL;
    *out = -1;
    int rc = govern_node_str(&s, doc, m, key, false);
    if (!rc && s && cycle_period_parse(out, s, kind))
        rc = govern_doc_error(doc, key_line(m, key), "field '%s': %s", key, govern_error_last());
    free(s);
    return rc;
}

int cycle_parse(struct cycle **out, const char *slug, const char *text, size_t len)
{
    static const char *const keys[] = {
        "name",      "owner", "to",    "period",         "due", "basis", "statutory",
        "review_of", "since", "until", "reporting_year", NULL};
    struct govern_doc *doc = NULL;
    struct cycle *c = NULL;
    char *s = NULL;
    char path[200];
    int rc;
    *out = NULL;
    snprintf(path, sizeof(path), CYCLES_DIR "/%.150s.md", slug);
    if (govern_path_check_segment("cycle slug", slug))
        return govern_error_prefix(GOVERN_EINVAL, "%s", path);
    if (ends_like_period(slug))
        return govern_error_set(GOVERN_EINVAL,
                                "%s: a cycle slug may not end like a period ('-2021', '-2021-h1', "
                                "'-2021-q3'): fulfils: SLUG-PERIOD would be ambiguous",
                                path);
    if ((rc = govern_doc_parse(&doc, path, text, len)))
        return rc;
    const struct govern_node *m = doc->meta;
    if (!(c = calloc(1, sizeof(*c))) || !(c->slug = govern_strdup(slug)) ||
        !(c->path = govern_strdup(path))) {
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        goto out;
    }
    c->since = c->until = -1;
    CHECK(govern_node_check_keys(doc, m, keys));
    CHECK(govern_node_str(&c->name, doc, m, "name", true));
    CHECK(one_line(doc, m, "name", c->name));
    CHECK(slug_field(&c->owner, doc, m, "owner", true));
    CHECK(slug_field(&c->to, doc, m, "to", true));
    CHECK(govern_node_str(&s, doc, m, "period", true));
    if (cycle_kind_parse(&c->kind, s)) {
        rc = govern_doc_error(doc, key_line(m, "period"), "%s", govern_error_last());
        goto out;
    }
    free(s);
    s = NULL;
    CHECK(govern_node_str(&s, doc, m, "due", true));
    if (cycle_due_parse(&c->due, s)) {
        rc = govern_doc_error(doc, key_line(m, "due"), "%s", govern_error_last());
        goto out;
    }
    CHECK(govern_node_str(&c->basis, doc, m, "basis", false));
    CHECK(one_line(doc, m, "basis", c->basis));
    CHECK(govern_node_str(&c->statutory, doc, m, "statutory", false));
    if (c->statutory && strcmp(c->statutory, "crime-and-disorder")) {
        rc = govern_doc_error(doc, key_line(m, "statutory"),
                              "unknown statutory duty '%s' (crime-and-disorder)", c->statutory);
        goto out;
    }
    CHECK(slug_field(&c->review_of, doc, m, "review_of", false));
    if (c->review_of && !c->statutory) {
        rc = govern_doc_error(doc, key_line(m, "review_of"),
                              "field 'review_of' needs 'statutory: crime-and-disorder'");
        goto out;
    }
    CHECK(period_field(&c->since, doc, m, "since", c->kind));
    CHECK(period_field(&c->until, doc, m, "until", c->kind));
    if (c->since >= 0 && c->until >= 0 && c->until < c->since) {
        rc = govern_doc_error(doc, key_line(m, "until"), "'until' is before 'since'");
        goto out;
    }
    CHECK(govern_node_str(&c->reporting_year, doc, m, "reporting_year", false));
    if (c->reporting_year && strcmp(c->reporting_year, "municipal") &&
        strcmp(c->reporting_year, "financial") && strcmp(c->reporting_year, "calendar")) {
        rc = govern_doc_error(doc, key_line(m, "reporting_year"),
                              "unknown reporting_year '%s' (municipal, financial or calendar)",
                              c->reporting_year);
        goto out;
    }
    if (c->reporting_year && c->kind != CYCLE_ANNUAL) {
        rc = govern_doc_error(doc, key_line(m, "reporting_year"),
                              "field 'reporting_year' is for annual cycles only");
        goto out;
    }
    const char *body = doc->body ? doc->body : "";
    while (*body == '\n' || (*body == '\r' && body[1] == '\n'))
        body += *body == '\r' ? 2 : 1;
    if (!(c->body = govern_strdup(body))) {
        rc = GOVERN_ENOMEM;
        goto out;
    }
    c->line_owner = key_line(m, "owner");
    c->line_to = key_line(m, "to");
    c->line_due = key_line(m, "due");
    c->line_review_of = c->review_of ? key_line(m, "review_of") : c->line_owner;
    c->line_since = key_line(m, "since");
out:
    free(s);
    govern_doc_free(doc);
    if (rc) {
        cycle_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

int cycle_serialize(struct govern_buf *out, const struct cycle *c)
{
    struct govern_node *m = govern_node_new_map();
    struct govern_buf due = GOVERN_BUF_INIT;
    char since[16], until[16];
    int rc = m ? cycle_due_format(&due, &c->due) : govern_error_set(GOVERN_ENOMEM, "out of memory");
    if (rc)
        goto out;
    if (c->since >= 0)
        cycle_period_label(since, c->since, c->kind);
    if (c->until >= 0)
        cycle_period_label(until, c->until, c->kind);
    if (!govern_node_add_str(m, "name", c->name) || !govern_node_add_str(m, "owner", c->owner) ||
        !govern_node_add_str(m, "to", c->to) ||
        !govern_node_add_str(m, "period", cycle_kind_name(c->kind)) ||
        !govern_node_add_str(m, "due", due.ptr) || !govern_node_add_str(m, "basis", c->basis) ||
        !govern_node_add_str(m, "statutory", c->statutory) ||
        !govern_node_add_str(m, "review_of", c->review_of) ||
        !govern_node_add_str(m, "since", c->since >= 0 ? since : NULL) ||
        !govern_node_add_str(m, "until", c->until >= 0 ? until : NULL) ||
        !govern_node_add_str(m, "reporting_year", c->reporting_year)) {
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        goto out;
    }
    rc = govern_doc_emit_text(out, m, c->body);
out:
    govern_node_free(m);
    govern_buf_free(&due);
    return rc;
}

const char *cycle_template(const struct cycle *c)
{
    static const char marker[] = "## Report template";
    bool fenced = false;
    for (const char *p = c->body ? c->body : ""; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n >= 3 && (!strncmp(p, "```", 3) || !strncmp(p, "~~~", 3)))
            fenced = !fenced;
        else if (!fenced && n >= sizeof(marker) - 1 && !strncmp(p, marker, sizeof(marker) - 1)) {
            size_t rest = n - (sizeof(marker) - 1);
            const char *q = p + sizeof(marker) - 1;
            while (rest && (*q == ' ' || *q == '\t' || *q == '\r'))
                q++, rest--;
            if (!rest) {
                p = nl ? nl + 1 : p + n;
                while (*p == '\n' || *p == '\r')
                    p++;
                return p;
            }
        }
        p = nl ? nl + 1 : p + n;
    }
    return "";
}

/* ------------------------------------------------------------ the list */

void cycle_list_free(struct cycle_list *l)
{
    for (size_t i = 0; l && i < l->count; i++)
        cycle_free(l->items[i]);
    if (l) {
        free(l->items);
        l->items = NULL;
        l->count = 0;
    }
}

static int add_ref(struct cycle *c, size_t meeting, size_t item)
{
    struct cycle_ref *r = realloc(c->refs, (c->n_refs + 1) * sizeof(*r));
    if (!r)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    c->refs = r;
    r[c->n_refs++] = (struct cycle_ref){meeting, item};
    return 0;
}

int cycle_list_index(struct cycle_list *l, const struct govern_model *m)
{
    int rc = 0;
    for (size_t i = 0; i < m->n_meetings && !rc; i++) {
        const struct govern_agenda *a = m->agendas[i];
        for (size_t k = 0; a && k < a->n_items && !rc; k++) {
            const char *f = a->items[k].fulfils;
            for (size_t j = 0; f && j < l->count && !rc; j++) {
                struct cycle *c = l->items[j];
                size_t n = strlen(c->slug);
                /* the same test as the period's: SLUG or SLUG-PERIOD */
                if (!strncmp(f, c->slug, n) && (!f[n] || f[n] == '-'))
                    rc = add_ref(c, i, k);
            }
        }
    }
    for (size_t j = 0; j < l->count && !rc; j++)
        l->items[j]->indexed = true;
    return rc;
}

const struct cycle *cycle_list_find(const struct cycle_list *l, const char *slug)
{
    for (size_t i = 0; l && slug && i < l->count; i++)
        if (!strcmp(l->items[i]->slug, slug))
            return l->items[i];
    return NULL;
}

int cycle_list_load(struct cycle_list *out, struct govern_snapshot *snap,
                    struct govern_diags *diags)
{
    struct govern_strlist names = GOVERN_STRLIST_INIT;
    struct govern_buf text = GOVERN_BUF_INIT;
    memset(out, 0, sizeof(*out));
    int rc = govern_snapshot_list(&names, snap, CYCLES_DIR, GOVERN_ENTRY_FILE);
    if (!rc && names.count && !(out->items = calloc(names.count, sizeof(*out->items))))
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < names.count; i++) {
        const char *name = names.items[i];
        size_t n = strlen(name);
        if (n <= 3 || strcmp(name + n - 3, ".md"))
            continue;
        char slug[256], path[300];
        snprintf(slug, sizeof(slug), "%.*s", (int)(n - 3 < 255 ? n - 3 : 255), name);
        snprintf(path, sizeof(path), CYCLES_DIR "/%s", name);
        struct cycle *c = NULL;
        govern_buf_clear(&text);
        rc = govern_snapshot_read(&text, snap, path);
        if (!rc)
            rc = cycle_parse(&c, slug, text.ptr ? text.ptr : "", text.len);
        if (rc && diags && rc != GOVERN_ENOMEM) {
            rc = govern_diags_add_error(diags, path);
            continue;
        }
        if (!rc)
            out->items[out->count++] = c;
    }
    govern_buf_free(&text);
    govern_strlist_free(&names);
    if (rc)
        cycle_list_free(out);
    return rc;
}
