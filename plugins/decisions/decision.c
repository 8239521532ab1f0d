/*
 * Decision notices on disk: decisions/YYYY-MM-DD-SLUG.md.  The front matter
 * is read through the doc model (unknown fields refused, every error naming
 * the file and line); the body is a fixed sequence of level-2 sections
 * (Decision, Reasons, Other options considered and rejected, Statement,
 * Notes), the Decision holding lettered parts a), b), ...  Serialisation is
 * canonical, so parse(serialize(d)) gives d back and govern's own writes
 * change only what they mean to change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "decisions.h"
#include "govern/names.h"

#define CHECK(x)                                                                                   \
    do {                                                                                           \
        if ((rc = (x)))                                                                            \
            goto fail;                                                                             \
    } while (0)

/* The body's sections, in the only order allowed. */
enum { SEC_DECISION, SEC_REASONS, SEC_REJECTED, SEC_STATEMENT, SEC_NOTES, SEC_COUNT };
static const char *const section_names[SEC_COUNT] = {
    "Decision", "Reasons", "Other options considered and rejected", "Statement", "Notes"};

/* ------------------------------------------------------------------ ids */

int decision_id_check(const char *id)
{
    if (!id || strlen(id) < 12 || id[10] != '-')
        return govern_error_set(GOVERN_EINVAL,
                                "invalid decision id '%s' (expected YYYY-MM-DD-SLUG, as "
                                "'govern decision list' shows)",
                                id ? id : "");
    char date[11];
    memcpy(date, id, 10);
    date[10] = '\0';
    govern_date d;
    if (govern_date_parse(&d, date))
        return govern_error_set(GOVERN_EINVAL, "invalid decision id '%s': %s", id,
                                govern_error_last());
    if (govern_slug_check(id + 11))
        return govern_error_set(GOVERN_EINVAL, "invalid decision id '%s': %s", id,
                                govern_error_last());
    return 0;
}

char *decision_path(const char *id)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    if (govern_buf_printf(&b, "%s/%s.md", DECISIONS_DIR, id))
        return NULL;
    return govern_buf_detach(&b);
}

/* The slug of an ASCII title (decision_title_slug transliterates first). */
static int ascii_title_slug(struct govern_buf *out, const char *title)
{
    size_t start = out->len;
    bool dash = false, cut = false;
    for (const unsigned char *p = (const unsigned char *)title; *p; p++) {
        char c = 0;
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
            c = (char)*p;
        else if (*p >= 'A' && *p <= 'Z')
            c = (char)(*p - 'A' + 'a');
        if (!c) {
            dash = true;
            continue;
        }
        if (out->len - start + (dash && out->len > start) >= DECISION_SLUG_MAX) {
            cut = !dash; /* stopped inside a word */
            break;
        }
        int rc = 0;
        if (dash && out->len > start)
            rc = govern_buf_putc(out, '-');
        if (!rc)
            rc = govern_buf_putc(out, c);
        if (rc)
            return rc;
        dash = false;
    }
    /* a long title is cut after its last whole word (unless that is its first) */
    if (cut) {
        size_t w = out->len;
        while (w > start && out->ptr[w - 1] != '-')
            w--;
        if (w > start + 1) {
            out->len = w - 1;
            out->ptr[out->len] = '\0';
        }
    }
    if (out->len == start)
        return govern_buf_puts(out, "decision");
    return 0;
}

int decision_title_slug(struct govern_buf *out, const char *title)
{
    struct govern_buf ascii = GOVERN_BUF_INIT; /* "Café Ŵyn" -> "Cafe Wyn" (ICU) */
    int rc = govern_text_ascii(&ascii, title);
    if (!rc)
        rc = ascii_title_slug(out, ascii.ptr ? ascii.ptr : "");
    govern_buf_free(&ascii);
    return rc;
}

int decision_ids(struct govern_strlist *out, struct govern_strlist *bad,
                 struct govern_snapshot *snap)
{
    struct govern_strlist files = GOVERN_STRLIST_INIT;
    int rc = govern_snapshot_list(&files, snap, DECISIONS_DIR, GOVERN_ENTRY_FILE);
    for (size_t i = 0; !rc && i < files.count; i++) {
        const char *f = files.items[i];
        size_t n = strlen(f);
        if (n < 4 || strcmp(f + n - 3, ".md"))
            continue;
        char *id = strndup(f, n - 3);
        if (!id) {
            rc = govern_oom();
            break;
        }
        if (!decision_id_check(id))
            rc = govern_strlist_add(out, id);
        else if (bad)
            rc = govern_strlist_add(bad, f);
        free(id);
    }
    govern_error_clear();
    govern_strlist_free(&files);
    return rc;
}

/* ------------------------------------------------------------ free, equal */

void decision_free(struct decision *d)
{
    if (!d)
        return;
    free(d->id);
    free(d->path);
    free(d->maker);
    free(d->committee);
    free(d->meeting);
    free(d->title);
    free(d->forward_plan_ref);
    free(d->reference);
    free(d->urgency);
    free(d->conflicts);
    free(d->consulted);
    free(d->dispensation);
    free(d->preamble);
    for (size_t i = 0; i < d->n_parts; i++)
        free(d->parts[i]);
    free(d->parts);
    free(d->reasons);
    free(d->rejected);
    free(d->statement);
    free(d->notes);
    free(d);
}

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

bool decision_equal(const struct decision *a, const struct decision *b)
{
    if (!same(a->id, b->id) || !same(a->maker, b->maker) || !same(a->committee, b->committee) ||
        !same(a->meeting, b->meeting) || a->date != b->date || !same(a->title, b->title) ||
        a->key != b->key || !same(a->forward_plan_ref, b->forward_plan_ref) ||
        !same(a->reference, b->reference) || a->exempt != b->exempt ||
        !same(a->urgency, b->urgency) || !same(a->conflicts, b->conflicts) ||
        !same(a->consulted, b->consulted) || !same(a->dispensation, b->dispensation) ||
        a->published != b->published || a->call_in_end != b->call_in_end ||
        !same(a->preamble, b->preamble) || a->n_parts != b->n_parts ||
        !same(a->reasons, b->reasons) || !same(a->rejected, b->rejected) ||
        !same(a->statement, b->statement) || !same(a->notes, b->notes))
        return false;
    for (size_t i = 0; i < a->n_parts; i++)
        if (!same(a->parts[i], b->parts[i]))
            return false;
    return true;
}

/* ----------------------------------------------------------- front matter */

static int parse_meta(struct decision *d, const struct govern_doc *doc)
{
    static const char *const keys[] = {
        "decision_maker", "committee", "meeting",          "date",
        "title",          "key",       "forward_plan_ref", "reference",
        "exempt",         "urgency",   "conflicts",        "members_consulted_conflicts",
        "dispensation",   "published", "call_in_end",      NULL};
    const struct govern_node *f = doc->meta;
    int rc = govern_node_check_keys(doc, f, keys);
    if (rc)
        return rc;
    if ((rc = govern_node_str(&d->maker, doc, f, "decision_maker", true)) ||
        (rc = govern_node_one_line(doc, f, "decision_maker", d->maker)))
        return rc;
    if ((rc = govern_node_str(&d->committee, doc, f, "committee", false)))
        return rc;
    if (d->committee && govern_slug_check(d->committee))
        return govern_doc_error(doc, govern_node_key_line(f, "committee"), "field 'committee': %s",
                                govern_error_last());
    if ((rc = govern_node_str(&d->meeting, doc, f, "meeting", false)))
        return rc;
    if (d->meeting && govern_meeting_id_check(d->meeting))
        return govern_doc_error(doc, govern_node_key_line(f, "meeting"), "field 'meeting': %s",
                                govern_error_last());
    if ((rc = govern_node_date(&d->date, doc, f, "date", true)) ||
        (rc = govern_node_str(&d->title, doc, f, "title", true)) ||
        (rc = govern_node_one_line(doc, f, "title", d->title)) ||
        (rc = govern_node_bool(&d->key, doc, f, "key", false)) ||
        (rc = govern_node_str(&d->forward_plan_ref, doc, f, "forward_plan_ref", false)) ||
        (rc = govern_node_one_line(doc, f, "forward_plan_ref", d->forward_plan_ref)) ||
        (rc = govern_node_str(&d->reference, doc, f, "reference", false)) ||
        (rc = govern_node_one_line(doc, f, "reference", d->reference)) ||
        (rc = govern_node_int(&d->exempt, doc, f, "exempt", false, 0, 7)) ||
        (rc = govern_node_str(&d->urgency, doc, f, "urgency", false)) ||
        (rc = govern_node_str(&d->conflicts, doc, f, "conflicts", false)) ||
        (rc = govern_node_str(&d->consulted, doc, f, "members_consulted_conflicts", false)) ||
        (rc = govern_node_str(&d->dispensation, doc, f, "dispensation", false)) ||
        (rc = govern_node_date(&d->published, doc, f, "published", false)) ||
        (rc = govern_node_date(&d->call_in_end, doc, f, "call_in_end", false)))
        return rc;
    if (!*d->maker)
        return govern_doc_error(doc, govern_node_key_line(f, "decision_maker"),
                                "field 'decision_maker' may not be empty");
    if (!*d->title)
        return govern_doc_error(doc, govern_node_key_line(f, "title"),
                                "field 'title' may not be empty");
    if (d->urgency && !govern_reason_stated(d->urgency))
        return govern_doc_error(doc, govern_node_key_line(f, "urgency"),
                                "field 'urgency' must state the reason for urgency, not '%s'; "
                                "leave it out when the decision is not urgent",
                                d->urgency);
    d->line_maker = govern_node_key_line(f, "decision_maker");
    d->line_committee = govern_node_key_line(f, "committee");
    d->line_meeting = govern_node_key_line(f, "meeting");
    d->line_date = govern_node_key_line(f, "date");
    d->line_key = govern_node_key_line(f, "key");
    d->line_published = govern_node_key_line(f, "published");
    d->line_call_in_end = govern_node_key_line(f, "call_in_end");
    d->line_urgency = govern_node_key_line(f, "urgency");
    return 0;
}

/* ------------------------------------------------------------------ body */

/* Lines [from, to) of the body joined, without leading and trailing blank
 * lines; NULL when nothing is left.  prefix_skip: bytes to drop from the
 * first line (the "a) " of a part). */
static int join_lines(char **out, char **lines, size_t from, size_t to, size_t prefix_skip)
{
    *out = NULL;
    bool first = true;
    struct govern_buf b = GOVERN_BUF_INIT;
    size_t end = to;
    while (end > from && !*lines[end - 1] && !(from == end - 1 && prefix_skip))
        end--;
    for (size_t i = from; i < end; i++) {
        const char *l = lines[i];
        if (i == from && prefix_skip)
            l += prefix_skip;
        if (first && !*l)
            continue; /* leading blank lines */
        if ((!first && govern_buf_putc(&b, '\n')) || govern_buf_puts(&b, l)) {
            govern_buf_free(&b);
            return govern_oom();
        }
        first = false;
    }
    if (b.len && govern_buf_putc(&b, '\n')) {
        govern_buf_free(&b);
        return govern_oom();
    }
    *out = b.len ? govern_buf_detach(&b) : NULL;
    govern_buf_free(&b);
    return 0;
}

/* Is the line an ATX heading?  Returns its level (0: not a heading) and the
 * heading's text in *text (without trailing #s or spaces), which the caller frees. */
static int heading(const char *l, char **text)
{
    int lv = 0;
    *text = NULL;
    while (l[lv] == '#')
        lv++;
    if (lv < 1 || lv > 6 || (l[lv] && l[lv] != ' ' && l[lv] != '\t'))
        return 0;
    const char *s = l + lv;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    while (n && s[n - 1] == '#')
        n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *text = strndup(s, n);
    return *text ? lv : -1;
}

/* Is the line a code fence opener/closer?  Returns the fence character or 0. */
static char fence(const char *l)
{
    int sp = 0;
    while (sp < 3 && l[sp] == ' ')
        sp++;
    if ((l[sp] == '`' || l[sp] == '~') && l[sp + 1] == l[sp] && l[sp + 2] == l[sp])
        return l[sp];
    return 0;
}

/* Is line the start of part `letter`: "x) text" or "x)"? */
static bool part_start(const char *l, char letter)
{
    return l[0] == letter && l[1] == ')' && (l[2] == '\0' || l[2] == ' ');
}

static int parse_decision_section(struct decision *d, const struct govern_doc *doc, char **lines,
                                  size_t from, size_t to, int heading_line)
{
    size_t starts[DECISION_MAX_PARTS + 1];
    size_t n = 0;
    char in_fence = 0;
    for (size_t i = from; i < to; i++) {
        char fc = fence(lines[i]);
        if (fc && (!in_fence || fc == in_fence)) {
            in_fence = in_fence ? 0 : fc;
            continue;
        }
        if (in_fence)
            continue;
        if (n < DECISION_MAX_PARTS && part_start(lines[i], (char)('a' + n)))
            starts[n++] = i;
        else if (n == DECISION_MAX_PARTS && part_start(lines[i], '{'))
            break;
    }
    if (n == 0)
        return govern_doc_error(doc, heading_line,
                                "the decision has no parts: write them as lines starting "
                                "'a) ', 'b) ', ... under '## Decision'");
    int rc = join_lines(&d->preamble, lines, from, starts[0], 0);
    if (rc)
        return rc;
    d->parts = calloc(n, sizeof(*d->parts));
    if (!d->parts)
        return govern_oom();
    d->n_parts = n;
    for (size_t k = 0; k < n; k++) {
        size_t end = k + 1 < n ? starts[k + 1] : to;
        size_t skip = lines[starts[k]][2] ? 3 : 2;
        if ((rc = join_lines(&d->parts[k], lines, starts[k], end, skip)))
            return rc;
        if (!d->parts[k])
            return govern_doc_error(doc, doc->body_line + (int)starts[k],
                                    "decision part %c) is empty", (char)('a' + k));
    }
    return 0;
}

static int parse_body(struct decision *d, const struct govern_doc *doc)
{
    /* split into lines (CR before LF dropped) */
    char *copy = strdup(doc->body ? doc->body : "");
    size_t n = 0, cap = 16;
    char **lines = malloc(cap * sizeof(*lines));
    int rc = 0;
    if (!copy || !lines) {
        free(copy);
        free(lines);
        return govern_oom();
    }
    for (char *p = copy; *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        size_t len = strlen(p);
        if (len && p[len - 1] == '\r')
            p[len - 1] = '\0';
        if (n == cap) {
            char **nw = realloc(lines, (cap *= 2) * sizeof(*lines));
            if (!nw) {
                rc = govern_oom();
                goto out;
            }
            lines = nw;
        }
        lines[n++] = p;
        if (!nl)
            break;
        p = nl + 1;
    }
    /* find the sections */
    size_t start[SEC_COUNT], end[SEC_COUNT];
    int hline[SEC_COUNT];
    bool seen[SEC_COUNT] = {false};
    int cur = -1;
    char in_fence = 0;
    for (size_t i = 0; i < n; i++) {
        int line = doc->body_line + (int)i;
        char fc = fence(lines[i]);
        if (fc && (!in_fence || fc == in_fence)) {
            in_fence = in_fence ? 0 : fc;
        } else if (!in_fence) {
            char *text = NULL;
            int lv = heading(lines[i], &text);
            if (lv < 0) {
                rc = govern_oom();
                goto out;
            }
            if (lv == 1 || lv == 2) {
                int s = -1;
                for (int k = 0; k < SEC_COUNT; k++)
                    if (lv == 2 && !strcmp(text, section_names[k]))
                        s = k;
                if (s < 0) {
                    rc = govern_doc_error(doc, line,
                                          "unknown section '%s %s' (the sections are '## "
                                          "Decision', '## Reasons', '## Other options "
                                          "considered and rejected', '## Statement' and '## "
                                          "Notes', in that order)",
                                          lv == 1 ? "#" : "##", text);
                    free(text);
                    goto out;
                }
                free(text);
                if (seen[s] || s <= cur) {
                    rc = govern_doc_error(doc, line,
                                          "section '## %s' %s (the sections are Decision, "
                                          "Reasons, Other options considered and rejected, "
                                          "Statement, Notes, in that order)",
                                          section_names[s],
                                          seen[s] ? "appears twice" : "is out of order");
                    goto out;
                }
                if (cur >= 0)
                    end[cur] = i;
                cur = s;
                seen[s] = true;
                start[s] = i + 1;
                hline[s] = line;
                continue;
            }
            free(text);
        }
        if (cur < 0 && *lines[i]) {
            rc = govern_doc_error(doc, line,
                                  "text before the first section: the body starts with "
                                  "'## Decision' (put notes under '## Notes')");
            goto out;
        }
    }
    if (cur >= 0)
        end[cur] = n;
    if (!seen[SEC_DECISION]) {
        rc = govern_doc_error(doc, doc->body_line > 0 ? doc->body_line : 1,
                              "no '## Decision' section: a decision notice records the "
                              "decision in lettered parts a), b), ...");
        goto out;
    }
    if ((rc = parse_decision_section(d, doc, lines, start[SEC_DECISION], end[SEC_DECISION],
                                     hline[SEC_DECISION])))
        goto out;
    char **dst[SEC_COUNT] = {NULL, &d->reasons, &d->rejected, &d->statement, &d->notes};
    for (int s = 1; s < SEC_COUNT && !rc; s++)
        if (seen[s])
            rc = join_lines(dst[s], lines, start[s], end[s], 0);
out:
    free(lines);
    free(copy);
    return rc;
}

int decision_parse(struct decision **out, const char *id, const char *text, size_t len)
{
    struct decision *d = calloc(1, sizeof(*d));
    struct govern_doc *doc = NULL;
    int rc = 0;
    if (!d)
        return govern_oom();
    d->published = d->call_in_end = GOVERN_DATE_NONE;
    d->id = strdup(id);
    d->path = decision_path(id);
    if (!d->id || !d->path) {
        rc = govern_oom();
        goto fail;
    }
    CHECK(govern_doc_parse(&doc, d->path, text, len));
    CHECK(parse_meta(d, doc));
    CHECK(parse_body(d, doc));
    govern_doc_free(doc);
    *out = d;
    return 0;
fail:
    govern_doc_free(doc);
    decision_free(d);
    return rc;
}

int decision_load(struct decision **out, struct govern_snapshot *snap, const char *id)
{
    int rc = decision_id_check(id);
    if (rc)
        return rc;
    char *path = decision_path(id);
    if (!path)
        return govern_oom();
    struct govern_buf b = GOVERN_BUF_INIT;
    rc = govern_snapshot_read_record(&b, snap, path, "unknown decision '%s'", id);
    if (!rc)
        rc = decision_parse(out, id, b.ptr ? b.ptr : "", b.len);
    govern_buf_free(&b);
    free(path);
    return rc;
}

/* ------------------------------------------------------------- serialise */

static int put_section(struct govern_buf *b, const char *name, const char *text)
{
    if (!text)
        return 0;
    int rc = govern_buf_printf(b, "\n## %s\n\n%s", name, text);
    if (!rc && text[0] && text[strlen(text) - 1] != '\n')
        rc = govern_buf_putc(b, '\n');
    return rc;
}

int decision_serialize(struct govern_buf *out, const struct decision *d)
{
    struct govern_node *f = govern_node_new_map();
    struct govern_buf body = GOVERN_BUF_INIT;
    if (!f)
        return govern_oom();
    govern_node_add_str(f, "decision_maker", d->maker);
    govern_node_add_str(f, "committee", d->committee);
    govern_node_add_str(f, "meeting", d->meeting);
    govern_node_add_date(f, "date", d->date);
    govern_node_add_str(f, "title", d->title);
    govern_node_add_bool(f, "key", d->key);
    govern_node_add_str(f, "forward_plan_ref", d->forward_plan_ref);
    govern_node_add_str(f, "reference", d->reference);
    if (d->exempt)
        govern_node_add_int(f, "exempt", d->exempt);
    govern_node_add_str(f, "urgency", d->urgency);
    govern_node_add_str(f, "conflicts", d->conflicts);
    govern_node_add_str(f, "members_consulted_conflicts", d->consulted);
    govern_node_add_str(f, "dispensation", d->dispensation);
    if (d->published != GOVERN_DATE_NONE)
        govern_node_add_date(f, "published", d->published);
    if (d->call_in_end != GOVERN_DATE_NONE)
        govern_node_add_date(f, "call_in_end", d->call_in_end);

    int rc = govern_buf_puts(&body, "\n## Decision\n");
    if (!rc && d->preamble)
        rc = govern_buf_printf(&body, "\n%s", d->preamble);
    for (size_t i = 0; i < d->n_parts && !rc; i++) {
        const char *p = d->parts[i] ? d->parts[i] : "";
        rc = govern_buf_printf(&body, "\n%c) %s", (char)('a' + i), p);
        if (!rc && (!*p || p[strlen(p) - 1] != '\n'))
            rc = govern_buf_putc(&body, '\n');
    }
    if (!rc)
        rc = put_section(&body, section_names[SEC_REASONS], d->reasons);
    if (!rc)
        rc = put_section(&body, section_names[SEC_REJECTED], d->rejected);
    if (!rc)
        rc = put_section(&body, section_names[SEC_STATEMENT], d->statement);
    if (!rc)
        rc = put_section(&body, section_names[SEC_NOTES], d->notes);
    if (!rc)
        rc = govern_doc_emit(out, f, body.ptr);
    govern_node_free(f);
    govern_buf_free(&body);
    return rc;
}

/* ---------------------------------------------------------- public form */

static int dup_field(char **dst, const char *src)
{
    if (!src)
        return 0;
    *dst = strdup(src);
    return *dst ? 0 : govern_oom();
}

int decision_public(struct decision **out, const struct decision *d, struct govern_public *view,
                    govern_date as_of)
{
    *out = NULL;
    if (d->published == GOVERN_DATE_NONE || d->published > as_of)
        return 0;
    struct decision *p = calloc(1, sizeof(*p));
    if (!p)
        return govern_oom();
    int para;
    p->date = d->date;
    p->exempt = d->exempt;
    /* the union: taken at a private meeting, or one that cannot be read */
    if (!p->exempt && d->meeting && govern_public_withheld(view, d->meeting, NULL, &para))
        p->exempt = GOVERN_WITHHELD;
    p->published = d->published;
    p->call_in_end = GOVERN_DATE_NONE;
    int rc = dup_field(&p->id, d->id);
    if (!rc)
        rc = dup_field(&p->path, d->path);
    if (!rc)
        rc = dup_field(&p->maker, d->maker);
    if (!rc)
        rc = dup_field(&p->title, d->title);
    if (!rc && p->exempt) {
        p->published = GOVERN_DATE_NONE; /* the exempt form: title, maker, date, paragraph */
        *out = p;
        return 0;
    }
    p->key = d->key;
    p->call_in_end = d->call_in_end;
    if (!rc)
        rc = dup_field(&p->committee, d->committee);
    if (!rc)
        rc = dup_field(&p->meeting, d->meeting);
    if (!rc)
        rc = dup_field(&p->forward_plan_ref, d->forward_plan_ref);
    if (!rc)
        rc = dup_field(&p->reference, d->reference);
    if (!rc)
        rc = dup_field(&p->urgency, d->urgency);
    if (!rc)
        rc = dup_field(&p->conflicts, d->conflicts);
    if (!rc)
        rc = dup_field(&p->consulted, d->consulted);
    if (!rc)
        rc = dup_field(&p->dispensation, d->dispensation);
    if (!rc)
        rc = dup_field(&p->preamble, d->preamble);
    if (!rc && d->n_parts) {
        p->parts = calloc(d->n_parts, sizeof(*p->parts));
        if (!p->parts)
            rc = govern_oom();
        else
            p->n_parts = d->n_parts;
    }
    for (size_t i = 0; i < d->n_parts && !rc; i++)
        rc = dup_field(&p->parts[i], d->parts[i]);
    if (!rc)
        rc = dup_field(&p->reasons, d->reasons);
    if (!rc)
        rc = dup_field(&p->rejected, d->rejected);
    if (!rc)
        rc = dup_field(&p->statement, d->statement);
    /* notes are the clerk's: never public */
    if (rc) {
        decision_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

/* --------------------------------------------------------------- status */

govern_date decision_call_in_end(govern_date published, int call_in_days,
                                 const struct govern_holidays *h)
{
    return govern_date_add_working_days(published, call_in_days, h);
}

void decision_status(enum decision_state *st, govern_date *when, const struct decision *d,
                     govern_date as_of, const struct govern_holidays *h)
{
    *when = GOVERN_DATE_NONE;
    if (d->published == GOVERN_DATE_NONE || d->published > as_of) {
        *st = DECISION_DRAFT;
    } else if (d->urgency) {
        *st = DECISION_IMPLEMENTABLE;
        *when = d->published;
    } else if (d->call_in_end == GOVERN_DATE_NONE) {
        *st = DECISION_PUBLISHED;
    } else if (as_of <= d->call_in_end) {
        *st = DECISION_CALL_IN;
        *when = d->call_in_end;
    } else {
        *st = DECISION_IMPLEMENTABLE;
        *when = govern_date_add_working_days(d->call_in_end, 1, h);
    }
}

const char *decision_state_name(enum decision_state st)
{
    switch (st) {
    case DECISION_DRAFT:
        return "draft";
    case DECISION_PUBLISHED:
        return "published";
    case DECISION_CALL_IN:
        return "call-in";
    default:
        return "implementable";
    }
}

int decision_status_text(struct govern_buf *out, enum decision_state st, govern_date when)
{
    char d[11];
    switch (st) {
    case DECISION_DRAFT:
    case DECISION_PUBLISHED:
        return govern_buf_puts(out, decision_state_name(st));
    case DECISION_CALL_IN:
        govern_date_format(d, when);
        return govern_buf_printf(out, "call-in open until %s", d);
    default:
        govern_date_format(d, when);
        return govern_buf_printf(out, "implementable from %s", d);
    }
}
