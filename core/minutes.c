/*
 * Minutes (SLUG/DIR/minutes.md): parse and serialise the record of a meeting,
 * with the body split into one section per minute ("## N/YY Title", matched
 * against the front matter's `items` in order, headings inside fenced code
 * ignored) and the numbered parts of RESOLVED blocks picked out; the public
 * form; and minute numbering through a committee's municipal year.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "govern/error.h"
#include "govern/minutes.h"

#define CHECK(x)                                                                                   \
    do {                                                                                           \
        if ((rc = (x)))                                                                            \
            goto fail;                                                                             \
    } while (0)

#define MAX_NUMBER 9999

static const char *const list_names[GOVERN_ATTENDANCE_LISTS] = {"present", "apologies", "absent",
                                                                "also_present"};
static const char *const kind_names[] = {"pecuniary", "other-registrable", "non-registrable"};

const char *govern_attendance_name(enum govern_attendance a)
{
    return (unsigned)a < GOVERN_ATTENDANCE_LISTS ? list_names[a] : "present";
}

const char *govern_interest_kind_name(enum govern_interest_kind k)
{
    return (unsigned)k < 3 ? kind_names[k] : "pecuniary";
}

int govern_interest_kind_parse(enum govern_interest_kind *out, const char *s)
{
    for (int i = 0; i < 3; i++)
        if (s && !strcmp(s, kind_names[i])) {
            *out = (enum govern_interest_kind)i;
            return 0;
        }
    return govern_error_set(GOVERN_EINVAL,
                            "invalid kind '%s' (pecuniary, other-registrable or non-registrable)",
                            s ? s : "");
}

char *govern_minutes_path(const char *meeting_id)
{
    return govern_meeting_path(meeting_id, GOVERN_MINUTES_FILE);
}

char *govern_minutes_tag(const char *meeting_id)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    if (govern_buf_printf(&b, "minutes/%s", meeting_id))
        return NULL;
    return govern_buf_detach(&b);
}

/* ------------------------------------------------------------------ freeing */

static void person_clear(struct govern_person *p)
{
    free(p->name);
    free(p->title);
    free(p->substitute_for);
    memset(p, 0, sizeof(*p));
}

static void decl_clear(struct govern_declaration *d)
{
    free(d->member);
    free(d->interest);
    free(d->dispensation);
    memset(d, 0, sizeof(*d));
}

static void vote_free(struct govern_vote *v)
{
    if (!v)
        return;
    govern_strlist_free(&v->for_);
    govern_strlist_free(&v->against);
    govern_strlist_free(&v->abstain);
    free(v);
}

static void minute_clear(struct govern_minute *it)
{
    vote_free(it->vote);
    free(it->title);
    free(it->text);
    govern_strlist_free(&it->resolutions);
    memset(it, 0, sizeof(*it));
}

void govern_minutes_free(struct govern_minutes *m)
{
    if (!m)
        return;
    free(m->meeting);
    free(m->path);
    for (int l = 0; l < GOVERN_ATTENDANCE_LISTS; l++) {
        for (size_t i = 0; i < m->people[l].count; i++)
            person_clear(&m->people[l].items[i]);
        free(m->people[l].items);
    }
    for (size_t i = 0; i < m->n_declarations; i++)
        decl_clear(&m->declarations[i]);
    free(m->declarations);
    free(m->approved.at);
    free(m->approved.presiding);
    for (size_t i = 0; i < m->n_items; i++)
        minute_clear(&m->items[i]);
    free(m->items);
    free(m->preamble);
    free(m);
}

/* ------------------------------------------------------------------ parsing */

static int parse_person(struct govern_person *p, const struct govern_doc *doc,
                        const struct govern_node *n, bool present)
{
    static const char *const keys[] = {"name", "title", "substitute_for", NULL};
    int rc = 0;
    memset(p, 0, sizeof(*p));
    p->line = n->line;
    if (n->kind != GOVERN_NODE_MAP)
        return govern_doc_error(doc, n->line, "each person must be a map with a name");
    CHECK(govern_node_check_keys(doc, n, keys));
    CHECK(govern_node_str(&p->name, doc, n, "name", true));
    CHECK(govern_node_one_line(doc, n, "name", p->name));
    CHECK(govern_node_str(&p->title, doc, n, "title", false));
    CHECK(govern_node_one_line(doc, n, "title", p->title));
    CHECK(govern_node_str(&p->substitute_for, doc, n, "substitute_for", false));
    CHECK(govern_node_one_line(doc, n, "substitute_for", p->substitute_for));
    if (p->substitute_for && !present) {
        rc = govern_doc_error(doc, govern_node_key_line(n, "substitute_for"),
                              "'substitute_for' is only for people present");
        goto fail;
    }
    return 0;
fail:
    person_clear(p);
    return rc;
}

static int parse_people(struct govern_people *out, const struct govern_doc *doc,
                        const struct govern_node *meta, enum govern_attendance which)
{
    const char *key = list_names[which];
    const struct govern_node *seq = govern_node_get(meta, key);
    out->line = seq ? govern_node_key_line(meta, key) : 0;
    if (!seq || seq->kind == GOVERN_NODE_NULL)
        return 0;
    if (seq->kind != GOVERN_NODE_SEQ)
        return govern_doc_error(doc, out->line, "field '%s' must be a list of people", key);
    out->items = calloc(seq->n ? seq->n : 1, sizeof(*out->items));
    if (!out->items)
        return govern_oom();
    for (size_t i = 0; i < seq->n; i++) {
        int rc = parse_person(&out->items[i], doc, seq->items[i], which == GOVERN_PRESENT);
        if (rc)
            return rc;
        out->count++;
    }
    return 0;
}

static int parse_declaration(struct govern_declaration *d, const struct govern_doc *doc,
                             const struct govern_node *n)
{
    static const char *const keys[] = {"member",       "minute",    "kind", "interest",
                                       "dispensation", "took_part", NULL};
    char *kind = NULL;
    int rc = 0;
    memset(d, 0, sizeof(*d));
    d->line = n->line;
    if (n->kind != GOVERN_NODE_MAP)
        return govern_doc_error(doc, n->line,
                                "each declaration must be a map with member, minute and kind");
    CHECK(govern_node_check_keys(doc, n, keys));
    CHECK(govern_node_str(&d->member, doc, n, "member", true));
    CHECK(govern_node_one_line(doc, n, "member", d->member));
    CHECK(govern_node_int(&d->minute, doc, n, "minute", true, 1, MAX_NUMBER));
    CHECK(govern_node_str(&kind, doc, n, "kind", true));
    if (govern_interest_kind_parse(&d->kind, kind)) {
        rc = govern_doc_error(doc, govern_node_key_line(n, "kind"), "%s", govern_error_last());
        goto fail;
    }
    CHECK(govern_node_str(&d->interest, doc, n, "interest", false));
    CHECK(govern_node_str(&d->dispensation, doc, n, "dispensation", false));
    CHECK(govern_node_bool(&d->took_part, doc, n, "took_part", false));
    free(kind);
    return 0;
fail:
    free(kind);
    decl_clear(d);
    return rc;
}

int govern_vote_outcome(const struct govern_vote *v)
{
    if (v->for_.count != v->against.count)
        return v->for_.count > v->against.count ? 1 : -1;
    return v->casting == GOVERN_CASTING_FOR ? 1 : v->casting == GOVERN_CASTING_AGAINST ? -1 : 0;
}

int govern_vote_validate(const struct govern_vote *v, const char *path, int line)
{
    const struct govern_strlist *lists[] = {&v->for_, &v->against, &v->abstain};
    for (int a = 0; a < 3; a++)
        for (size_t i = 0; i < lists[a]->count; i++) {
            const char *name = lists[a]->items[i];
            if (!*name || strchr(name, '\n'))
                return govern_error_set(GOVERN_EINVAL, "%s:%d: a voter's name must be one line",
                                        path, line);
            for (int b = 0; b <= a; b++)
                for (size_t k = 0; k < (b == a ? i : lists[b]->count); k++)
                    if (!strcmp(lists[b]->items[k], name))
                        return govern_error_set(GOVERN_EINVAL, "%s:%d: '%s' votes twice", path,
                                                line, name);
        }
    bool tie = v->for_.count == v->against.count;
    if (v->casting != GOVERN_CASTING_NONE && !tie)
        return govern_error_set(GOVERN_EINVAL,
                                "%s:%d: a casting vote is given only when the votes are equal "
                                "(%zu for, %zu against)",
                                path, line, v->for_.count, v->against.count);
    if (tie && v->casting == GOVERN_CASTING_NONE)
        return govern_error_set(GOVERN_EINVAL,
                                "%s:%d: the vote is tied (%zu for, %zu against): record the "
                                "chair's casting vote (casting: for or against)",
                                path, line, v->for_.count, v->against.count);
    return 0;
}

static int parse_names(struct govern_strlist *out, const struct govern_doc *doc,
                       const struct govern_node *map, const char *key)
{
    const struct govern_node *n = govern_node_get(map, key);
    if (!n || n->kind == GOVERN_NODE_NULL)
        return 0;
    if (n->kind != GOVERN_NODE_SEQ)
        return govern_doc_error(doc, govern_node_key_line(map, key),
                                "field '%s' must be a list of names", key);
    for (size_t i = 0; i < n->n; i++) {
        if (n->items[i]->kind != GOVERN_NODE_SCALAR)
            return govern_doc_error(doc, n->items[i]->line, "each name in '%s' must be text", key);
        if (govern_strlist_add(out, n->items[i]->scalar))
            return govern_oom();
    }
    return 0;
}

static int parse_vote(struct govern_vote **out, const struct govern_doc *doc,
                      const struct govern_node *item)
{
    static const char *const keys[] = {"for", "against", "abstain", "recorded", "casting", NULL};
    const struct govern_node *n = govern_node_get(item, "vote");
    if (!n || n->kind == GOVERN_NODE_NULL)
        return 0;
    int line = govern_node_key_line(item, "vote");
    if (n->kind != GOVERN_NODE_MAP)
        return govern_doc_error(doc, line,
                                "field 'vote' must be a map (for, against, abstain, "
                                "recorded, casting)");
    struct govern_vote *v = calloc(1, sizeof(*v));
    char *casting = NULL;
    int rc = v ? govern_node_check_keys(doc, n, keys) : govern_oom();
    if (!rc && !(rc = parse_names(&v->for_, doc, n, "for")) &&
        !(rc = parse_names(&v->against, doc, n, "against")) &&
        !(rc = parse_names(&v->abstain, doc, n, "abstain")) &&
        !(rc = govern_node_bool(&v->recorded, doc, n, "recorded", false)))
        rc = govern_node_str(&casting, doc, n, "casting", false);
    if (!rc && casting) {
        if (!strcmp(casting, "for"))
            v->casting = GOVERN_CASTING_FOR;
        else if (!strcmp(casting, "against"))
            v->casting = GOVERN_CASTING_AGAINST;
        else
            rc = govern_doc_error(doc, govern_node_key_line(n, "casting"),
                                  "casting must be 'for' or 'against', not '%s'", casting);
    }
    free(casting);
    if (!rc) {
        v->line = line;
        *out = v;
        return 0;
    }
    vote_free(v);
    return rc;
}

static void serialize_vote(struct govern_node *item, const struct govern_vote *v)
{
    struct govern_node *n = govern_node_add_map(item, "vote");
    const struct govern_strlist *lists[] = {&v->for_, &v->against, &v->abstain};
    static const char *const names[] = {"for", "against", "abstain"};
    for (int a = 0; n && a < 3; a++) {
        struct govern_node *s = govern_node_add_seq(n, names[a]);
        for (size_t i = 0; s && i < lists[a]->count; i++)
            govern_node_add_str(s, NULL, lists[a]->items[i]);
    }
    if (n && v->recorded)
        govern_node_add_bool(n, "recorded", true);
    if (n && v->casting != GOVERN_CASTING_NONE)
        govern_node_add_str(n, "casting", v->casting == GOVERN_CASTING_FOR ? "for" : "against");
}

static int copy_names(struct govern_strlist *out, const struct govern_strlist *in)
{
    for (size_t i = 0; i < in->count; i++)
        if (govern_strlist_add(out, in->items[i]))
            return govern_oom();
    return 0;
}

static int vote_copy(struct govern_vote **out, const struct govern_vote *v)
{
    struct govern_vote *c = calloc(1, sizeof(*c));
    int rc = c ? 0 : govern_oom();
    if (!rc && !(rc = copy_names(&c->for_, &v->for_)) &&
        !(rc = copy_names(&c->against, &v->against)))
        rc = copy_names(&c->abstain, &v->abstain);
    if (rc) {
        vote_free(c);
        return rc;
    }
    c->recorded = v->recorded;
    c->casting = v->casting;
    c->line = v->line;
    *out = c;
    return 0;
}

int govern_minutes_vote(struct govern_minutes *m, int n, const struct govern_vote *v)
{
    for (size_t i = 0; i < m->n_items; i++)
        if (m->items[i].number == n) {
            struct govern_vote *c = NULL;
            int rc = vote_copy(&c, v);
            if (rc)
                return rc;
            vote_free(m->items[i].vote);
            m->items[i].vote = c;
            return 0;
        }
    return govern_error_set(GOVERN_ENOTFOUND, "the minutes of %s have no minute %d", m->meeting, n);
}

static int parse_item(struct govern_minute *it, const struct govern_doc *doc,
                      const struct govern_node *n)
{
    static const char *const keys[] = {"number", "title", "agenda_item", "exempt", "vote", NULL};
    int rc = 0;
    memset(it, 0, sizeof(*it));
    it->line = n->line;
    if (n->kind != GOVERN_NODE_MAP)
        return govern_doc_error(doc, n->line, "each item must be a map with number and title");
    CHECK(govern_node_check_keys(doc, n, keys));
    CHECK(govern_node_int(&it->number, doc, n, "number", true, 1, MAX_NUMBER));
    CHECK(govern_node_str(&it->title, doc, n, "title", true));
    CHECK(govern_node_one_line(doc, n, "title", it->title));
    CHECK(govern_node_int(&it->agenda_item, doc, n, "agenda_item", false, 1, 10000));
    CHECK(govern_node_int(&it->exempt, doc, n, "exempt", false, 1, 7));
    CHECK(parse_vote(&it->vote, doc, n));
    return 0;
fail:
    minute_clear(it);
    return rc;
}

/* --- the body --- */

struct line {
    const char *p;
    size_t len; /* without the newline and any CR before it */
};

static int split_lines(struct line **out, size_t *n, const char *text)
{
    size_t cap = 0, count = 0;
    struct line *l = NULL;
    int rc = govern_array_grow(&l, &cap, 16, sizeof(*l));
    if (rc)
        return rc;
    const char *p = text;
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if ((rc = govern_array_grow(&l, &cap, count + 1, sizeof(*l)))) {
            free(l);
            return rc;
        }
        l[count].p = p;
        while (len && p[len - 1] == '\r')
            len--; /* CRLF (and stray CRs at the end of a line) */
        l[count].len = len;
        count++;
        p = nl ? nl + 1 : NULL;
    }
    *out = l;
    *n = count;
    return 0;
}

static bool blank(const struct line *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (l->p[i] != ' ' && l->p[i] != '\t')
            return false;
    return true;
}

/* Tracks fenced code blocks (``` or ~~~, indented at most 3 spaces).
 * Returns true when the line is part of a fence (the fence lines included). */
struct fence {
    char ch;
    size_t n;
};

static bool in_fence(struct fence *f, const struct line *l)
{
    size_t i = 0;
    while (i < l->len && i < 3 && l->p[i] == ' ')
        i++;
    char c = i < l->len ? l->p[i] : 0;
    size_t run = 0;
    if (c == '`' || c == '~')
        while (i + run < l->len && l->p[i + run] == c)
            run++;
    if (f->ch) {
        if (c == f->ch && run >= f->n) {
            bool rest_blank = true;
            for (size_t k = i + run; k < l->len; k++)
                if (l->p[k] != ' ' && l->p[k] != '\t')
                    rest_blank = false;
            if (rest_blank)
                f->ch = 0;
        }
        return true;
    }
    if (run >= 3) {
        if (c == '`' && memchr(l->p + i + run, '`', l->len - i - run))
            return false; /* not a fence: backquotes in the info string */
        f->ch = c;
        f->n = run;
        return true;
    }
    return false;
}

/* A level-2 ATX heading: "## text" with at most 3 spaces before. */
static bool h2(const struct line *l, const char **text, size_t *tlen)
{
    size_t i = 0;
    while (i < l->len && i < 3 && l->p[i] == ' ')
        i++;
    if (l->len < i + 2 || l->p[i] != '#' || l->p[i + 1] != '#')
        return false;
    i += 2;
    if (i < l->len && l->p[i] != ' ' && l->p[i] != '\t')
        return false;
    while (i < l->len && (l->p[i] == ' ' || l->p[i] == '\t'))
        i++;
    size_t end = l->len;
    while (end > i && (l->p[end - 1] == ' ' || l->p[end - 1] == '\t'))
        end--;
    *text = l->p + i;
    *tlen = end - i;
    return true;
}

/* Lines [from, to) trimmed of blank lines at both ends, joined with "\n";
 * NULL when nothing is left. */
static int join_lines(char **out, const struct line *l, size_t from, size_t to)
{
    *out = NULL;
    while (from < to && blank(&l[from]))
        from++;
    while (to > from && blank(&l[to - 1]))
        to--;
    if (from >= to)
        return 0;
    struct govern_buf b = GOVERN_BUF_INIT;
    int rc = 0;
    for (size_t i = from; i < to && !rc; i++) {
        rc = govern_buf_put(&b, l[i].p, l[i].len);
        if (!rc && i + 1 < to)
            rc = govern_buf_putc(&b, '\n');
    }
    if (rc) {
        govern_buf_free(&b);
        return rc;
    }
    *out = govern_buf_detach(&b);
    return *out ? 0 : govern_oom();
}

/* Does this paragraph line open a resolution: "RESOLVED", "RESOLVED:",
 * "**Resolved:**", "RESOLVED: That ...", "RESOLVED that ..." (any case)?
 * *text is then the offset of the resolution written on the same line, or
 * l->len when there is none.  "Resolved issues ..." is prose, not one. */
static bool resolved_line(const struct line *l, size_t *text)
{
    size_t i = 0;
    while (i < l->len && i < 3 && l->p[i] == ' ')
        i++;
    while (i < l->len && (l->p[i] == '*' || l->p[i] == '_'))
        i++;
    if (l->len - i < 8 || strncasecmp(l->p + i, "resolved", 8) != 0)
        return false;
    i += 8;
    size_t k = i;
    bool colon = false;
    while (i < l->len && strchr("*_: \t", l->p[i])) {
        colon = colon || l->p[i] == ':';
        i++;
    }
    *text = i;
    if (i >= l->len)
        return true;
    if (i == k) /* "Resolvedness": not the keyword */
        return false;
    return colon || (l->len - i > 5 && !strncasecmp(l->p + i, "that", 4) &&
                     (l->p[i + 4] == ' ' || l->p[i + 4] == '\t'));
}

/* An ordered list marker: up to 3 spaces, 1-9 digits, '.' or ')', a space.
 * Returns the offset of the item's text, or 0. */
static size_t ordered_marker(const struct line *l)
{
    size_t i = 0;
    while (i < l->len && i < 3 && l->p[i] == ' ')
        i++;
    size_t d = 0;
    while (i + d < l->len && d < 10 && l->p[i + d] >= '0' && l->p[i + d] <= '9')
        d++;
    if (d == 0 || d > 9 || i + d >= l->len || (l->p[i + d] != '.' && l->p[i + d] != ')'))
        return 0;
    size_t j = i + d + 1;
    if (j < l->len && l->p[j] != ' ' && l->p[j] != '\t')
        return 0;
    while (j < l->len && (l->p[j] == ' ' || l->p[j] == '\t'))
        j++;
    return j;
}

/* A list item of a RESOLVED block: "1. ", "1) ", or a bullet "- " / "* " /
 * "+ " with an optional number or letter "1) ", "a) ", "1. " (seed 004's
 * "- 1) That ...").  Returns the offset of the item's text, or 0. */
static size_t item_marker(const struct line *l)
{
    size_t m = ordered_marker(l);
    if (m)
        return m;
    size_t i = 0;
    while (i < l->len && i < 3 && l->p[i] == ' ')
        i++;
    if (i + 1 >= l->len || !strchr("-*+", l->p[i]) || (l->p[i + 1] != ' ' && l->p[i + 1] != '\t'))
        return 0;
    i += 2;
    while (i < l->len && (l->p[i] == ' ' || l->p[i] == '\t'))
        i++;
    if (l->len - i >= 3 && l->p[i] == '[' && l->p[i + 2] == ']')
        return 0; /* a task item (an action), not a resolution */
    struct line rest = {l->p + i, l->len - i};
    size_t k = 0;
    if ((m = ordered_marker(&rest)))
        return i + m;
    if (rest.len > 2 && ((rest.p[0] >= 'a' && rest.p[0] <= 'z') && rest.p[1] == ')') &&
        rest.p[2] == ' ')
        for (k = 3; k < rest.len && rest.p[k] == ' ';)
            k++;
    return i + k;
}

static size_t indent_of(const struct line *l)
{
    size_t i = 0;
    while (i < l->len && l->p[i] == ' ')
        i++;
    return i;
}

static int add_part(struct govern_strlist *parts, struct govern_buf *cur)
{
    if (!cur->len)
        return 0;
    int rc = govern_strlist_add(parts, cur->ptr);
    govern_buf_clear(cur);
    return rc;
}

/* The items of the list starting at line j, each one part; *end is the
 * first line after the list. */
static int list_parts(struct govern_strlist *parts, const struct line *l, size_t j, size_t to,
                      size_t *end)
{
    struct govern_buf cur = GOVERN_BUF_INIT;
    size_t item_indent = 0;
    bool gap = false, ordered = ordered_marker(&l[j]) != 0;
    int rc = 0;
    for (; j < to && !rc; j++) {
        size_t m = item_marker(&l[j]);
        if (m && (ordered_marker(&l[j]) != 0) != ordered)
            break; /* another kind of list: not this block's */
        if (m) {
            rc = add_part(parts, &cur);
            if (!rc)
                rc = govern_buf_put(&cur, l[j].p + m, l[j].len - m);
            item_indent = m;
            gap = false;
        } else if (blank(&l[j])) {
            gap = true;
        } else if (indent_of(&l[j]) >= item_indent || (!gap && indent_of(&l[j]) > 0)) {
            /* a continuation of the part */
            size_t k = indent_of(&l[j]);
            rc = govern_buf_putc(&cur, gap ? '\n' : ' ');
            if (!rc && gap)
                rc = govern_buf_putc(&cur, '\n');
            if (!rc)
                rc = govern_buf_put(&cur, l[j].p + k, l[j].len - k);
            gap = false;
        } else if (!gap) {
            /* a lazy continuation line */
            rc = govern_buf_putc(&cur, ' ');
            if (!rc)
                rc = govern_buf_put(&cur, l[j].p, l[j].len);
        } else {
            break; /* the list ended */
        }
    }
    if (!rc)
        rc = add_part(parts, &cur);
    govern_buf_free(&cur);
    *end = j;
    return rc;
}

/* The paragraph from line j (from offset `at` on its first line) joined
 * into cur; *end is the first line after it (a blank line or a list). */
static int paragraph(struct govern_buf *cur, const struct line *l, size_t j, size_t at, size_t to,
                     size_t *end)
{
    int rc = govern_buf_put(cur, l[j].p + at, l[j].len - at);
    for (j++; j < to && !rc && !blank(&l[j]) && !item_marker(&l[j]); j++) {
        size_t k = indent_of(&l[j]);
        rc = govern_buf_putc(cur, ' ');
        if (!rc)
            rc = govern_buf_put(cur, l[j].p + k, l[j].len - k);
    }
    *end = j;
    return rc;
}

/* An ATX heading ("#" after up to 3 spaces): no resolution there. */
static bool heading_like(const struct line *l)
{
    size_t i = indent_of(l);
    return i < 4 && i < l->len && l->p[i] == '#';
}

static size_t skip_blank(const struct line *l, size_t j, size_t to)
{
    while (j < to && blank(&l[j]))
        j++;
    return j;
}

/* One RESOLVED block at line i: the resolution on the same line or in the
 * paragraph after it, or the list after either (an introduction such as
 * "That the Select Committee:" ends with ':').  *end is the line after it.
 * Nothing recognisable after the keyword is an error at the keyword's line:
 * a resolution is never dropped silently. */
static int resolved_block(struct govern_strlist *parts, const struct line *l, size_t i, size_t at,
                          size_t to, size_t *end, const struct govern_doc *doc, int line0)
{
    struct govern_buf intro = GOVERN_BUF_INIT;
    size_t j = i + 1;
    int rc = 0;
    if (at < l[i].len) {
        rc = paragraph(&intro, l, i, at, to, &j);
    } else {
        j = skip_blank(l, j, to);
        if (j < to && !item_marker(&l[j]) && !heading_like(&l[j]))
            rc = paragraph(&intro, l, j, indent_of(&l[j]), to, &j);
    }
    bool lead_in = intro.len && intro.ptr[intro.len - 1] == ':';
    if (!rc && (lead_in || !intro.len)) {
        size_t k = skip_blank(l, j, to);
        if (k < to && item_marker(&l[k]))
            rc = list_parts(parts, l, k, to, &j);
        else
            rc =
                govern_doc_error(doc, line0 + (int)i,
                                 "%s: nothing after it is understood as the resolution: write "
                                 "'RESOLVED: That ...' or 'RESOLVED:' followed by a paragraph or "
                                 "a numbered list",
                                 lead_in ? "the RESOLVED block's introduction ends with ':' but no "
                                           "list follows"
                                         : "a RESOLVED line with no resolution");
    } else if (!rc) {
        rc = add_part(parts, &intro);
    }
    govern_buf_free(&intro);
    *end = j;
    return rc;
}

/* The parts of every RESOLVED block in a section's lines [from, to); line0
 * is the file line of l[0]. */
static int find_resolutions(struct govern_strlist *parts, const struct line *l, size_t from,
                            size_t to, const struct govern_doc *doc, int line0)
{
    struct fence f = {0, 0};
    int rc = 0;
    bool prev_blank = true;
    for (size_t i = from; i < to && !rc; i++) {
        if (in_fence(&f, &l[i])) {
            prev_blank = false;
            continue;
        }
        size_t at = 0, end = i + 1;
        bool is_resolved = prev_blank && resolved_line(&l[i], &at);
        prev_blank = blank(&l[i]);
        if (!is_resolved)
            continue;
        rc = resolved_block(parts, l, i, at, to, &end, doc, line0);
        i = end - 1;
        prev_blank = end > 0 && blank(&l[end - 1]);
    }
    return rc;
}

/* Splits the body into the preamble and one section per item, checking the
 * headings against the items. */
static int parse_body(struct govern_minutes *m, const struct govern_doc *doc)
{
    struct line *l = NULL;
    size_t n = 0;
    int rc = split_lines(&l, &n, doc->body ? doc->body : "");
    if (rc)
        return rc;
    struct fence f = {0, 0};
    size_t item = 0, start = 0;
    bool in_section = false;
    for (size_t i = 0; i <= n && !rc; i++) {
        const char *t = NULL;
        size_t tlen = 0;
        bool heading = i < n && !in_fence(&f, &l[i]) && h2(&l[i], &t, &tlen);
        if (i < n && !heading)
            continue;
        /* close the previous block */
        if (!in_section) {
            rc = join_lines(&m->preamble, l, start, i);
        } else {
            struct govern_minute *it = &m->items[item - 1];
            rc = join_lines(&it->text, l, start, i);
            if (!rc)
                rc = find_resolutions(&it->resolutions, l, start, i, doc, doc->body_line);
        }
        if (rc || i == n)
            break;
        int line = doc->body_line + (int)i;
        /* "N/YY Title" */
        size_t k = 0;
        int num = 0, yy = 0;
        while (k < tlen && k < 5 && t[k] >= '0' && t[k] <= '9')
            num = num * 10 + (t[k++] - '0');
        bool ok = k > 0 && k < tlen && t[k] == '/' && k + 3 < tlen && t[k + 1] >= '0' &&
                  t[k + 1] <= '9' && t[k + 2] >= '0' && t[k + 2] <= '9' && t[k + 3] == ' ';
        if (!ok) {
            rc = govern_doc_error(doc, line,
                                  "a level-2 heading must be '## N/YY Title' for one of the "
                                  "items, not '## %.*s'",
                                  (int)(tlen > 200 ? 200 : tlen), t);
            break;
        }
        yy = (t[k + 1] - '0') * 10 + (t[k + 2] - '0');
        const char *title = t + k + 4;
        size_t title_len = tlen - k - 4;
        while (title_len && (*title == ' ' || *title == '\t'))
            title++, title_len--;
        if (item >= m->n_items) {
            rc = govern_doc_error(doc, line,
                                  "heading '## %.*s' has no entry in 'items' (there are %zu)",
                                  (int)(tlen > 200 ? 200 : tlen), t, m->n_items);
            break;
        }
        struct govern_minute *it = &m->items[item];
        if (num != it->number || yy != m->year % 100 || strlen(it->title) != title_len ||
            memcmp(it->title, title, title_len) != 0) {
            rc = govern_doc_error(doc, line,
                                  "heading '## %.*s' does not match item %zu of 'items' (line "
                                  "%d): expected '## %d/%02d %s'",
                                  (int)(tlen > 200 ? 200 : tlen), t, item + 1, it->line, it->number,
                                  m->year % 100, it->title);
            break;
        }
        it->heading_line = line;
        item++;
        in_section = true;
        start = i + 1;
    }
    if (!rc && item < m->n_items)
        rc = govern_doc_error(doc, m->items[item].line,
                              "item %d/%02d '%s' has no heading '## %d/%02d %s' in the body",
                              m->items[item].number, m->year % 100, m->items[item].title,
                              m->items[item].number, m->year % 100, m->items[item].title);
    free(l);
    return rc;
}

/* The fields 'meeting' (must name the meeting these are the minutes of)
 * and 'status' (draft when absent). */
static int parse_status(struct govern_minutes *m, const struct govern_doc *doc,
                        const struct govern_node *f, const char *meeting_id)
{
    char *status = NULL, *meeting = NULL;
    int rc = 0;
    CHECK(govern_node_str(&meeting, doc, f, "meeting", true));
    if (strcmp(meeting, meeting_id) != 0) {
        rc = govern_doc_error(doc, govern_node_key_line(f, "meeting"),
                              "field 'meeting' is '%s' but these are the minutes of '%s'", meeting,
                              meeting_id);
        goto fail;
    }
    CHECK(govern_node_str(&status, doc, f, "status", false));
    m->status_line = govern_node_key_line(f, "status");
    if (!status || !strcmp(status, "draft")) {
        m->status = GOVERN_MINUTES_DRAFT;
    } else if (!strcmp(status, "approved")) {
        m->status = GOVERN_MINUTES_APPROVED;
    } else {
        rc = govern_doc_error(doc, govern_node_key_line(f, "status"),
                              "field 'status' must be draft or approved, not '%s'", status);
    }
fail:
    free(status);
    free(meeting);
    return rc;
}

/* The 'declarations' list of interests declared at the meeting. */
static int parse_declarations(struct govern_minutes *m, const struct govern_doc *doc,
                              const struct govern_node *f)
{
    const struct govern_node *decls = govern_node_get(f, "declarations");
    m->declarations_line = decls ? govern_node_key_line(f, "declarations") : 0;
    if (!decls || decls->kind == GOVERN_NODE_NULL)
        return 0;
    if (decls->kind != GOVERN_NODE_SEQ)
        return govern_doc_error(doc, m->declarations_line, "field 'declarations' must be a list");
    m->declarations = calloc(decls->n ? decls->n : 1, sizeof(*m->declarations));
    if (!m->declarations)
        return govern_oom();
    for (size_t i = 0; i < decls->n; i++) {
        int rc = parse_declaration(&m->declarations[i], doc, decls->items[i]);
        if (rc)
            return rc;
        m->n_declarations++;
    }
    return 0;
}

/* The 'approved' block (at, date, presiding), which must be there exactly
 * when the status is approved. */
static int parse_approved(struct govern_minutes *m, const struct govern_doc *doc,
                          const struct govern_node *f)
{
    static const char *const akeys[] = {"at", "date", "presiding", NULL};
    const struct govern_node *ap = govern_node_get(f, "approved");
    int rc = 0;
    if (ap && ap->kind != GOVERN_NODE_NULL) {
        m->approved.line = govern_node_key_line(f, "approved");
        if (ap->kind != GOVERN_NODE_MAP)
            return govern_doc_error(doc, m->approved.line,
                                    "field 'approved' must be a map with at, date and presiding");
        CHECK(govern_node_check_keys(doc, ap, akeys));
        CHECK(govern_node_str(&m->approved.at, doc, ap, "at", true));
        if (govern_meeting_id_check(m->approved.at))
            return govern_doc_error(doc, govern_node_key_line(ap, "at"), "%s", govern_error_last());
        CHECK(govern_node_date(&m->approved.date, doc, ap, "date", true));
        CHECK(govern_node_str(&m->approved.presiding, doc, ap, "presiding", false));
        CHECK(govern_node_one_line(doc, ap, "presiding", m->approved.presiding));
    }
    if (m->status == GOVERN_MINUTES_APPROVED && !m->approved.at)
        return govern_doc_error(doc, m->status_line,
                                "approved minutes need an 'approved' block (govern minutes "
                                "approve writes both)");
    if (m->status == GOVERN_MINUTES_DRAFT && m->approved.at)
        return govern_doc_error(doc, m->approved.line,
                                "draft minutes cannot have an 'approved' block (only govern "
                                "minutes approve sets it)");
fail:
    return rc;
}

/* The 'items' list: one entry a minute, matched against the body's
 * headings by parse_body(). */
static int parse_items(struct govern_minutes *m, const struct govern_doc *doc,
                       const struct govern_node *f)
{
    const struct govern_node *items = govern_node_get(f, "items");
    if (!items || items->kind == GOVERN_NODE_NULL)
        return 0;
    if (items->kind != GOVERN_NODE_SEQ)
        return govern_doc_error(doc, govern_node_key_line(f, "items"),
                                "field 'items' must be a list");
    m->items = calloc(items->n ? items->n : 1, sizeof(*m->items));
    if (!m->items)
        return govern_oom();
    for (size_t i = 0; i < items->n; i++) {
        int rc = parse_item(&m->items[i], doc, items->items[i]);
        if (rc)
            return rc;
        m->n_items++;
    }
    return 0;
}

int govern_minutes_parse(struct govern_minutes **out, const char *meeting_id, const char *text,
                         size_t len)
{
    static const char *const keys[] = {
        "meeting", "status",       "year",         "started",  "ended", "present", "apologies",
        "absent",  "also_present", "declarations", "approved", "items", NULL};
    struct govern_minutes *m = calloc(1, sizeof(*m));
    struct govern_doc *doc = NULL;
    int rc = 0;
    if (!m)
        return govern_oom();
    m->approved.date = GOVERN_DATE_NONE;
    m->meeting = strdup(meeting_id);
    m->path = govern_minutes_path(meeting_id);
    if (!m->meeting || !m->path) {
        rc = govern_oom();
        goto fail;
    }
    CHECK(govern_doc_parse(&doc, m->path, text, len));
    const struct govern_node *f = doc->meta;
    CHECK(govern_node_check_keys(doc, f, keys));
    CHECK(parse_status(m, doc, f, meeting_id));
    CHECK(govern_node_int(&m->year, doc, f, "year", true, 1900, 2999));
    CHECK(govern_node_time(&m->started, doc, f, "started", false));
    CHECK(govern_node_time(&m->ended, doc, f, "ended", false));
    for (int l = 0; l < GOVERN_ATTENDANCE_LISTS; l++)
        CHECK(parse_people(&m->people[l], doc, f, (enum govern_attendance)l));
    CHECK(parse_declarations(m, doc, f));
    CHECK(parse_approved(m, doc, f));
    CHECK(parse_items(m, doc, f));
    CHECK(parse_body(m, doc));
    govern_doc_free(doc);
    *out = m;
    return 0;
fail:
    govern_doc_free(doc);
    govern_minutes_free(m);
    return rc;
}

int govern_minutes_load(struct govern_minutes **out, struct govern_snapshot *snap,
                        const char *meeting_id)
{
    int rc = govern_meeting_id_check(meeting_id);
    if (rc)
        return rc;
    char *path = govern_minutes_path(meeting_id);
    if (!path)
        return govern_oom();
    struct govern_buf b = GOVERN_BUF_INIT;
    rc = govern_snapshot_read_record(&b, snap, path, "meeting '%s' has no minutes", meeting_id);
    if (!rc)
        rc = govern_minutes_parse(out, meeting_id, b.ptr ? b.ptr : "", b.len);
    govern_buf_free(&b);
    free(path);
    return rc;
}

/* -------------------------------------------------------------- serialising */

static int minutes_emit(struct govern_buf *out, const struct govern_minutes *m)
{
    struct govern_node *f = govern_node_new_map();
    struct govern_buf body = GOVERN_BUF_INIT;
    int rc = 0;
    if (!f)
        return govern_oom();
    govern_node_add_str(f, "meeting", m->meeting);
    govern_node_add_str(f, "status", m->status == GOVERN_MINUTES_APPROVED ? "approved" : "draft");
    govern_node_add_int(f, "year", m->year);
    govern_node_add_time(f, "started", m->started);
    govern_node_add_time(f, "ended", m->ended);
    for (int l = 0; l < GOVERN_ATTENDANCE_LISTS; l++) {
        const struct govern_people *pl = &m->people[l];
        if (!pl->count && l != GOVERN_PRESENT && l != GOVERN_APOLOGIES)
            continue;
        struct govern_node *seq = govern_node_add_seq(f, list_names[l]);
        for (size_t i = 0; seq && i < pl->count; i++) {
            struct govern_node *e = govern_node_add_map(seq, NULL);
            if (!e)
                break;
            govern_node_add_str(e, "name", pl->items[i].name);
            govern_node_add_str(e, "title", pl->items[i].title);
            govern_node_add_str(e, "substitute_for", pl->items[i].substitute_for);
        }
    }
    struct govern_node *ds = govern_node_add_seq(f, "declarations");
    for (size_t i = 0; ds && i < m->n_declarations; i++) {
        const struct govern_declaration *d = &m->declarations[i];
        struct govern_node *e = govern_node_add_map(ds, NULL);
        if (!e)
            break;
        govern_node_add_str(e, "member", d->member);
        govern_node_add_int(e, "minute", d->minute);
        govern_node_add_str(e, "kind", govern_interest_kind_name(d->kind));
        govern_node_add_str(e, "interest", d->interest);
        govern_node_add_str(e, "dispensation", d->dispensation);
        if (d->took_part)
            govern_node_add_bool(e, "took_part", true);
    }
    if (m->approved.at) {
        struct govern_node *a = govern_node_add_map(f, "approved");
        if (a) {
            govern_node_add_str(a, "at", m->approved.at);
            govern_node_add_date(a, "date", m->approved.date);
            govern_node_add_str(a, "presiding", m->approved.presiding);
        }
    }
    struct govern_node *items = govern_node_add_seq(f, "items");
    for (size_t i = 0; items && i < m->n_items; i++) {
        const struct govern_minute *it = &m->items[i];
        struct govern_node *e = govern_node_add_map(items, NULL);
        if (!e)
            break;
        govern_node_add_int(e, "number", it->number);
        govern_node_add_str(e, "title", it->title);
        if (it->agenda_item)
            govern_node_add_int(e, "agenda_item", it->agenda_item);
        if (it->exempt)
            govern_node_add_int(e, "exempt", it->exempt);
        if (it->vote)
            serialize_vote(e, it->vote);
    }
    /* the body: "\n" then preamble and sections, separated by blank lines */
    rc = govern_buf_putc(&body, '\n');
    bool first = true;
    if (!rc && m->preamble) {
        rc = govern_buf_printf(&body, "%s\n", m->preamble);
        first = false;
    }
    for (size_t i = 0; i < m->n_items && !rc; i++) {
        const struct govern_minute *it = &m->items[i];
        rc = govern_buf_printf(&body, "%s## %d/%02d %s\n", first ? "" : "\n", it->number,
                               m->year % 100, it->title);
        if (!rc && it->text)
            rc = govern_buf_printf(&body, "\n%s\n", it->text);
        first = false;
    }
    if (!rc)
        rc = govern_doc_emit(out, f, body.len > 1 ? body.ptr : NULL);
    govern_buf_free(&body);
    govern_node_free(f);
    return rc;
}

/* The text written must read back through govern_minutes_parse, which
 * refuses what no minutes.md may hold: nothing is written that govern could
 * not read. */
int govern_minutes_serialize(struct govern_buf *out, const struct govern_minutes *m)
{
    size_t start = out->len;
    int rc = minutes_emit(out, m);
    if (rc)
        return rc;
    struct govern_minutes *back = NULL;
    rc = govern_minutes_parse(&back, m->meeting ? m->meeting : "x/2000-01-01",
                              out->ptr ? out->ptr + start : "", out->len - start);
    govern_minutes_free(back);
    return govern_doc_read_back(out, start, rc);
}

/* ------------------------------------------------------------- editing */

int govern_minutes_append(struct govern_minutes *m, int number, const char *title, int agenda_item,
                          int exempt)
{
    struct govern_minute *n = realloc(m->items, (m->n_items + 1) * sizeof(*n));
    if (!n)
        return govern_oom();
    m->items = n;
    struct govern_minute *it = &n[m->n_items];
    memset(it, 0, sizeof(*it));
    it->number = number;
    it->agenda_item = agenda_item;
    it->exempt = exempt;
    if (!(it->title = strdup(title)))
        return govern_oom();
    m->n_items++;
    return 0;
}

static char *dup_or_null(const char *s, bool *failed)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *failed = true;
    return d;
}

int govern_minutes_attend(struct govern_minutes *m, enum govern_attendance list, const char *name,
                          const char *title, const char *substitute_for)
{
    if ((unsigned)list >= GOVERN_ATTENDANCE_LISTS)
        return govern_error_set(GOVERN_EINVAL, "no such attendance list");
    for (int l = 0; l < GOVERN_ATTENDANCE_LISTS; l++) {
        struct govern_people *pl = &m->people[l];
        for (size_t i = 0; i < pl->count;) {
            if (!strcmp(pl->items[i].name, name)) {
                person_clear(&pl->items[i]);
                memmove(&pl->items[i], &pl->items[i + 1], (pl->count - i - 1) * sizeof(*pl->items));
                pl->count--;
            } else {
                i++;
            }
        }
    }
    struct govern_people *pl = &m->people[list];
    struct govern_person *n = realloc(pl->items, (pl->count + 1) * sizeof(*n));
    if (!n)
        return govern_oom();
    pl->items = n;
    struct govern_person *p = &n[pl->count];
    memset(p, 0, sizeof(*p));
    bool failed = false;
    p->name = dup_or_null(name, &failed);
    p->title = dup_or_null(title, &failed);
    p->substitute_for = dup_or_null(substitute_for, &failed);
    if (failed || !p->name) {
        person_clear(p);
        return govern_oom();
    }
    pl->count++;
    return 0;
}

int govern_minutes_declare(struct govern_minutes *m, const struct govern_declaration *d)
{
    struct govern_declaration *n = realloc(m->declarations, (m->n_declarations + 1) * sizeof(*n));
    if (!n)
        return govern_oom();
    m->declarations = n;
    struct govern_declaration *e = &n[m->n_declarations];
    *e = *d;
    bool failed = false;
    e->member = dup_or_null(d->member, &failed);
    e->interest = dup_or_null(d->interest, &failed);
    e->dispensation = dup_or_null(d->dispensation, &failed);
    if (failed || !e->member) {
        decl_clear(e);
        return govern_oom();
    }
    m->n_declarations++;
    return 0;
}

const struct govern_minute *govern_minutes_item(const struct govern_minutes *m, int n)
{
    for (size_t i = 0; i < m->n_items; i++)
        if (m->items[i].number == n)
            return &m->items[i];
    return NULL;
}

int govern_minutes_validate(const struct govern_minutes *m)
{
    for (int l = 0; l < GOVERN_ATTENDANCE_LISTS; l++)
        for (size_t i = 0; i < m->people[l].count; i++) {
            const struct govern_person *p = &m->people[l].items[i];
            for (int l2 = 0; l2 <= l; l2++)
                for (size_t j = 0; j < (l2 == l ? i : m->people[l2].count); j++)
                    if (!strcmp(m->people[l2].items[j].name, p->name))
                        return govern_error_set(
                            GOVERN_EINVAL, "%s:%d: '%s' is listed twice (in '%s' and '%s')",
                            m->path, p->line, p->name, list_names[l2], list_names[l]);
        }
    for (size_t i = 1; i < m->n_items; i++)
        if (m->items[i].number != m->items[i - 1].number + 1)
            return govern_error_set(GOVERN_EINVAL,
                                    "%s:%d: minute number %d should be %d: minutes are numbered on "
                                    "without gaps (govern sets the numbers)",
                                    m->path, m->items[i].line, m->items[i].number,
                                    m->items[i - 1].number + 1);
    for (size_t i = 0; i < m->n_declarations; i++) {
        const struct govern_declaration *d = &m->declarations[i];
        if (!govern_minutes_item(m, d->minute))
            return govern_error_set(GOVERN_EINVAL,
                                    "%s:%d: the declaration of %s names minute %d, which these "
                                    "minutes do not have",
                                    m->path, d->line, d->member, d->minute);
        if (d->dispensation && !govern_dispensation_granted(d->dispensation))
            return govern_error_set(
                GOVERN_EINVAL,
                "%s:%d: rule interest: dispensation '%s' of %s does not record "
                "a grant; write 'Granted by WHOM on DATE' when one was granted, "
                "or leave it out",
                m->path, d->line, d->dispensation, d->member);
    }
    for (size_t i = 0; i < m->n_items; i++) {
        const struct govern_vote *v = m->items[i].vote;
        int rc = v ? govern_vote_validate(v, m->path, v->line) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

/* ------------------------------------------------------------- public form */

int govern_minutes_public(struct govern_minutes **out, const struct govern_minutes *m)
{
    struct govern_minutes *p = calloc(1, sizeof(*p));
    bool failed = false;
    if (!p)
        return govern_oom();
    p->meeting = dup_or_null(m->meeting, &failed);
    p->path = dup_or_null(m->path, &failed);
    p->status = m->status;
    p->year = m->year;
    p->started = m->started;
    p->ended = m->ended;
    p->status_line = m->status_line;
    p->declarations_line = m->declarations_line;
    p->preamble = dup_or_null(m->preamble, &failed);
    p->approved.at = dup_or_null(m->approved.at, &failed);
    p->approved.date = m->approved.date;
    p->approved.presiding = dup_or_null(m->approved.presiding, &failed);
    p->approved.line = m->approved.line;
    for (int l = 0; l < GOVERN_ATTENDANCE_LISTS && !failed; l++) {
        p->people[l].line = m->people[l].line;
        for (size_t i = 0; i < m->people[l].count && !failed; i++) {
            const struct govern_person *s = &m->people[l].items[i];
            if (govern_minutes_attend(p, (enum govern_attendance)l, s->name, s->title,
                                      s->substitute_for))
                failed = true;
            else
                p->people[l].items[p->people[l].count - 1].line = s->line;
        }
    }
    for (size_t i = 0; i < m->n_declarations && !failed; i++)
        if (govern_minutes_declare(p, &m->declarations[i]))
            failed = true;
    for (size_t i = 0; i < m->n_items && !failed; i++) {
        const struct govern_minute *s = &m->items[i];
        if (govern_minutes_append(p, s->number, s->title, s->agenda_item, s->exempt)) {
            failed = true;
            break;
        }
        struct govern_minute *d = &p->items[p->n_items - 1];
        d->line = s->line;
        d->heading_line = s->heading_line;
        if (s->exempt)
            continue; /* exempt: number, title and paragraph, nothing else */
        if (s->vote && vote_copy(&d->vote, s->vote))
            failed = true;
        d->text = dup_or_null(s->text, &failed);
        for (size_t k = 0; k < s->resolutions.count && !failed; k++)
            if (govern_strlist_add(&d->resolutions, s->resolutions.items[k]))
                failed = true;
    }
    if (failed) {
        govern_minutes_free(p);
        return govern_oom();
    }
    *out = p;
    return 0;
}

/* ------------------------------------------------------------- numbering */

static int meeting_cmp(const struct govern_meeting *a, const struct govern_meeting *b)
{
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* Calls fn for each other meeting of the committee in the same municipal
 * year that has minutes, with before = whether it comes earlier. */
typedef int (*year_fn)(const struct govern_meeting *other, const struct govern_minutes *mins,
                       bool before, void *ctx);

/* Every meeting of one committee (for its annual meetings). */
static int committee_meetings(struct govern_meeting_list *l, struct govern_snapshot *snap,
                              const char *slug)
{
    struct govern_strlist slugs = GOVERN_STRLIST_INIT;
    struct govern_meeting_filter f = {&slugs, GOVERN_DATE_NONE, GOVERN_DATE_NONE};
    int rc = govern_strlist_add(&slugs, slug);
    if (!rc)
        rc = govern_meeting_list_load(l, snap, &f);
    govern_strlist_free(&slugs);
    return rc;
}

static int each_in_year(struct govern_snapshot *snap, const struct govern_config *cfg,
                        const struct govern_meeting *meeting, year_fn fn, void *ctx)
{
    struct govern_meeting_list l = {0};
    int rc = committee_meetings(&l, snap, meeting->committee);
    govern_date start =
        govern_municipal_year_start(NULL, cfg, l.items, l.count, meeting->committee, meeting->date);
    for (size_t i = 0; i < l.count && !rc; i++) {
        const struct govern_meeting *o = l.items[i];
        if (!strcmp(o->id, meeting->id))
            continue;
        char *path = govern_minutes_path(o->id);
        if (!path) {
            rc = govern_oom();
            break;
        }
        bool has = govern_snapshot_exists(snap, path);
        free(path);
        if (!has || govern_municipal_year_start(NULL, cfg, l.items, l.count, meeting->committee,
                                                o->date) != start)
            continue;
        struct govern_minutes *mins = NULL;
        rc = govern_minutes_load(&mins, snap, o->id);
        if (!rc)
            rc = fn(o, mins, meeting_cmp(o, meeting) < 0, ctx);
        govern_minutes_free(mins);
    }
    govern_meeting_list_free(&l);
    return rc;
}

int govern_minutes_year(int *out, struct govern_snapshot *snap, const struct govern_config *cfg,
                        const struct govern_meeting *meeting)
{
    struct govern_meeting_list l = {0};
    int rc = committee_meetings(&l, snap, meeting->committee);
    if (!rc)
        govern_municipal_year_start(out, cfg, l.items, l.count, meeting->committee, meeting->date);
    govern_meeting_list_free(&l);
    return rc;
}

static int max_fn(const struct govern_meeting *o, const struct govern_minutes *mins, bool before,
                  void *ctx)
{
    (void)o;
    int *max = ctx;
    if (before)
        for (size_t i = 0; i < mins->n_items; i++)
            if (mins->items[i].number > *max)
                *max = mins->items[i].number;
    return 0;
}

int govern_minutes_next_number(int *out, struct govern_snapshot *snap,
                               const struct govern_config *cfg,
                               const struct govern_meeting *meeting)
{
    int max = 0;
    int rc = each_in_year(snap, cfg, meeting, max_fn, &max);
    if (!rc)
        *out = max + 1;
    return rc;
}

struct later_ctx {
    const struct govern_meeting *best;
    char *id;
};

static int later_fn(const struct govern_meeting *o, const struct govern_minutes *mins, bool before,
                    void *vctx)
{
    (void)mins;
    struct later_ctx *c = vctx;
    if (before || c->id)
        return 0;
    c->id = strdup(o->id);
    return c->id ? 0 : govern_oom();
}

int govern_minutes_later(char **out, struct govern_snapshot *snap, const struct govern_config *cfg,
                         const struct govern_meeting *meeting)
{
    struct later_ctx c = {NULL, NULL};
    int rc = each_in_year(snap, cfg, meeting, later_fn, &c);
    if (rc) {
        free(c.id);
        return rc;
    }
    *out = c.id;
    return 0;
}
