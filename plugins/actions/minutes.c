/*
 * Actions written in minutes, and actions carried onto agendas.
 *
 * A clerk writes `- [ ] ACTION: TEXT @OWNER due:YYYY-MM-DD` (or
 * `@{several words}`; `[x]` for one already done) anywhere in a minute's
 * `## N/YY Title` section.  When minutes are drafted or approved, the hook
 * registers each such line as actions/ID.md (raised in that meeting and
 * minute) and rewrites the line as `- [ ] ACTION ID: ...` in the same commit,
 * so a line is registered once.  Lines inside fenced code are ignored.
 *
 * The agenda contributor adds a standing "Action log" item to a committee's
 * new agenda listing its outstanding actions (its own and those referred to
 * it) as they stand on the day the agenda is made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "actions.h"
#include "govern/minutes.h"

void actions_minutes_scan_free(struct actions_minutes_scan *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++) {
        free(s->items[i].id);
        free(s->items[i].text);
        free(s->items[i].owner);
    }
    free(s->items);
    s->items = NULL;
    s->count = 0;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static char *trimmed(const char *s, size_t n)
{
    while (n && is_space(*s))
        s++, n--;
    while (n && is_space(s[n - 1]))
        n--;
    return strndup(s, n);
}

/* A fence line (``` or ~~~, up to 3 spaces in): its character and length. */
static size_t fence_of(const char *p, const char *e, char *ch)
{
    int sp = 0;
    while (p < e && *p == ' ' && sp < 4)
        p++, sp++;
    if (sp > 3 || p >= e || (*p != '`' && *p != '~'))
        return 0;
    size_t n = 0;
    while (p + n < e && p[n] == *p)
        n++;
    if (n < 3)
        return 0;
    *ch = *p;
    return n;
}

/* `## N/YY Title` (up to 3 spaces in): the label "N/YY". */
static bool minute_heading(const char *p, const char *e, char label[16])
{
    int sp = 0;
    while (p < e && *p == ' ' && sp < 4)
        p++, sp++;
    if (sp > 3 || e - p < 7 || memcmp(p, "## ", 3))
        return false;
    p += 3;
    while (p < e && *p == ' ')
        p++;
    const char *n0 = p;
    while (p < e && *p >= '0' && *p <= '9')
        p++;
    size_t nd = (size_t)(p - n0);
    if (nd == 0 || nd > 6 || *n0 == '0' || p + 3 > e || *p != '/' || p[1] < '0' || p[1] > '9' ||
        p[2] < '0' || p[2] > '9' || (p + 3 < e && !is_space(p[3])))
        return false;
    snprintf(label, 16, "%.*s/%c%c", (int)nd, n0, p[1], p[2]);
    return true;
}

static int line_error(const char *path, int line, const char *msg, const char *arg)
{
    return govern_error_set(GOVERN_EINVAL, "%s:%d: %s%s", path, line, msg, arg ? arg : "");
}

/* Parses "TEXT @OWNER due:DATE" (owner and due in either order at the end). */
static int parse_payload(struct actions_minutes_item *it, const char *path, const char *s, size_t n)
{
    const char *e = s + n;
    it->due = GOVERN_DATE_NONE;
    for (int round = 0; round < 2; round++) {
        while (e > s && is_space(e[-1]))
            e--;
        if (e > s && e[-1] == '}' && !it->owner) {
            const char *o = e - 1;
            while (o > s && !(o[-1] == '@' && o[0] == '{'))
                o--;
            if (o > s && o[-1] == '@' && (o - 1 == s || is_space(o[-2]))) {
                if (!(it->owner = trimmed(o + 1, (size_t)(e - 1 - (o + 1)))))
                    return govern_oom();
                if (!*it->owner || strchr(it->owner, '{') || strchr(it->owner, '}'))
                    return line_error(path, it->line, "the owner in @{...} is empty or malformed",
                                      NULL);
                e = o - 1;
                continue;
            }
        }
        const char *t = e;
        while (t > s && !is_space(t[-1]))
            t--;
        if (e - t > 4 && !memcmp(t, "due:", 4) && it->due == GOVERN_DATE_NONE) {
            char date[32];
            snprintf(date, sizeof(date), "%.*s", (int)(e - t - 4), t + 4);
            if (govern_date_parse(&it->due, date)) {
                char why[256];
                snprintf(why, sizeof(why), "%s", govern_error_last());
                return govern_error_set(GOVERN_EINVAL, "%s:%d: due date '%s': %s", path, it->line,
                                        date, why);
            }
            e = t;
            continue;
        }
        if (e - t > 1 && *t == '@' && t[1] != '{' && !it->owner) {
            if (!(it->owner = trimmed(t + 1, (size_t)(e - t - 1))))
                return govern_oom();
            e = t;
            continue;
        }
    }
    if (!it->owner)
        return line_error(path, it->line,
                          "the action has no owner (end it with @OWNER or @{several words})", NULL);
    if (!(it->text = trimmed(s, (size_t)(e - s))))
        return govern_oom();
    if (!*it->text)
        return line_error(path, it->line, "the action has no text", NULL);
    return 0;
}

/* The text of a task item that starts with "action" (any case: "Action -",
 * "ACTIONS:") but did not parse as one: an error rather than a dropped
 * action. */
static bool looks_like_action(const char *r, const char *le)
{
    return le - r >= 6 && !strncasecmp(r, "action", 6);
}

/* "ACTION: ..." (any case) as a paragraph or a bullet without "[ ]". */
static bool untasked_action(const char *q, const char *le)
{
    if (le - q >= 2 && (*q == '-' || *q == '*' || *q == '+') && q[1] == ' ') {
        q += 2;
        while (q < le && is_space(*q))
            q++;
        if (q < le && *q == '[')
            return false;
    }
    while (q < le && (*q == '*' || *q == '_'))
        q++;
    return le - q >= 7 && !strncasecmp(q, "action", 6) && q[6] == ':';
}

int actions_minutes_scan(struct actions_minutes_scan *out, const char *path, const char *text)
{
    memset(out, 0, sizeof(*out));
    size_t cap = 0;
    char label[16] = "";
    char fch = 0;
    size_t flen = 0; /* open fence length, 0 when outside */
    int line = 0, rc = 0;
    for (const char *p = text; *p && !rc; line++) {
        const char *nl = strchr(p, '\n');
        const char *e = nl ? nl : p + strlen(p);
        const char *le = (e > p && e[-1] == '\r') ? e - 1 : e;
        const char *next = nl ? nl + 1 : e;
        char ch;
        size_t f = fence_of(p, le, &ch);
        if (flen) {
            if (f >= flen && ch == fch) {
                const char *q = p;
                while (*q == ' ' || *q == ch)
                    q++;
                if (q >= le)
                    flen = 0;
            }
            p = next;
            continue;
        }
        if (f) {
            fch = ch;
            flen = f;
            p = next;
            continue;
        }
        char lab[16];
        if (minute_heading(p, le, lab)) {
            memcpy(label, lab, sizeof(label));
            p = next;
            continue;
        }
        /* a task item: INDENT BULLET " [ ] " */
        const char *q = p;
        while (q < le && is_space(*q))
            q++;
        if (*label && untasked_action(q, le)) /* outside a minute: the clerk's notes */
            return line_error(path, line + 1,
                              "an action is written as a task item, '- [ ] ACTION: TEXT @OWNER "
                              "due:YYYY-MM-DD', so that it is registered",
                              NULL);
        if (le - q >= 6 && (*q == '-' || *q == '*' || *q == '+') && q[1] == ' ' && q[2] == '[' &&
            (q[3] == ' ' || q[3] == 'x' || q[3] == 'X') && q[4] == ']' && q[5] == ' ') {
            const char *r = q + 6;
            while (r < le && *r == ' ')
                r++;
            const char *payload = NULL;
            char *id = NULL;
            if (le - r >= 7 && !strncasecmp(r, "ACTION:", 7)) {
                payload = r + 7;
            } else if (le - r > 8 && !strncasecmp(r, "ACTION ", 7)) {
                const char *i0 = r + 7, *i1 = i0;
                while (i1 < le && *i1 != ':' && !is_space(*i1))
                    i1++;
                if (i1 < le && *i1 == ':') {
                    char buf[96];
                    snprintf(buf, sizeof(buf), "%.*s", (int)(i1 - i0), i0);
                    if (govern_action_id_valid(buf)) {
                        payload = i1 + 1;
                        if (!(id = strdup(buf)))
                            return govern_oom();
                    }
                }
            }
            if (!payload && looks_like_action(r, le)) {
                free(id);
                return line_error(path, line + 1,
                                  "this looks like an action but is not understood: write '- [ ] "
                                  "ACTION: TEXT @OWNER due:YYYY-MM-DD'",
                                  NULL);
            }
            if (payload) {
                if ((rc = govern_array_grow(&out->items, &cap, out->count + 1,
                                            sizeof(*out->items)))) {
                    free(id);
                    return rc;
                }
                struct actions_minutes_item *it = &out->items[out->count++];
                memset(it, 0, sizeof(*it));
                it->line = line + 1;
                it->id = id;
                it->done = q[3] != ' ';
                it->start = (size_t)(p - text);
                it->end = (size_t)(le - text);
                it->indent = (size_t)(q - p);
                it->bullet = *q;
                memcpy(it->minute_label, label, sizeof(label));
                if (!*label)
                    rc = line_error(path, it->line,
                                    "an action must be inside a minute (after a '## N/YY Title' "
                                    "heading)",
                                    NULL);
                else if (!id)
                    rc = parse_payload(it, path, payload, (size_t)(le - payload));
            }
        }
        p = next;
    }
    if (rc)
        actions_minutes_scan_free(out);
    return rc;
}

int actions_minutes_rewrite(struct govern_buf *out, const char *text,
                            const struct actions_minutes_scan *s, char *const *ids)
{
    size_t pos = 0;
    int rc = 0;
    for (size_t i = 0; i < s->count && !rc; i++) {
        const struct actions_minutes_item *it = &s->items[i];
        if (!ids[i])
            continue;
        rc = govern_buf_put(out, text + pos, it->start - pos);
        if (!rc)
            rc = govern_buf_printf(out, "%.*s%c [%c] ACTION %s: %s @{%s}", (int)it->indent,
                                   text + it->start, it->bullet, it->done ? 'x' : ' ', ids[i],
                                   it->text, it->owner);
        if (!rc && it->due != GOVERN_DATE_NONE) {
            char d[11];
            govern_date_format(d, it->due);
            rc = govern_buf_printf(out, " due:%s", d);
        }
        pos = it->end;
    }
    if (!rc)
        rc = govern_buf_puts(out, text + pos);
    return rc;
}

/* ------------------------------------------------------------- hook */

int actions_minutes_hook(enum govern_event event, const char *subject, struct govern_change *chg,
                         struct govern_snapshot *head, govern_date as_of, void *state)
{
    (void)event;
    (void)as_of;
    (void)state;
    int rc = govern_meeting_id_check(subject);
    if (rc)
        return rc;
    char *path = govern_meeting_path(subject, "minutes.md");
    if (!path)
        return govern_oom();
    struct govern_buf text = GOVERN_BUF_INIT, file = GOVERN_BUF_INIT, minutes = GOVERN_BUF_INIT;
    struct actions_minutes_scan scan = {0};
    struct govern_committee *c = NULL;
    struct govern_action_register reg;
    govern_action_register_init(&reg);
    char **ids = NULL, *prefix = NULL;
    bool touched = false;
    const char *in_change = govern_change_get(chg, path, &touched);
    if (touched) {
        if (!in_change)
            goto out; /* deleted in this write */
        rc = govern_buf_puts(&text, in_change);
    } else {
        rc = govern_snapshot_read(&text, head, path);
        if (rc == GOVERN_ENOTFOUND) {
            rc = 0;
            goto out;
        }
    }
    if (rc || (rc = govern_utf8_check(path, text.ptr ? text.ptr : "", text.len)) ||
        (rc = actions_minutes_scan(&scan, path, text.ptr ? text.ptr : "")))
        goto out;
    size_t fresh = 0;
    for (size_t i = 0; i < scan.count; i++)
        fresh += !scan.items[i].id;
    if (!fresh)
        goto out;
    char slug[80];
    snprintf(slug, sizeof(slug), "%.*s", (int)(strchr(subject, '/') - subject), subject);
    govern_date mdate;
    const char *ds = strchr(subject, '/') + 1;
    char dbuf[11];
    snprintf(dbuf, sizeof(dbuf), "%.10s", ds);
    if ((rc = govern_date_parse(&mdate, dbuf)) || (rc = govern_committee_load(&c, head, slug)))
        goto out;
    if (!(prefix = govern_action_prefix(c)) || !(ids = calloc(scan.count, sizeof(*ids)))) {
        rc = govern_oom();
        goto out;
    }
    int y, mo, d;
    govern_date_to_ymd(mdate, &y, &mo, &d);
    for (size_t i = 0; i < scan.count && !rc; i++) {
        struct actions_minutes_item *it = &scan.items[i];
        if (it->id)
            continue;
        if ((rc = govern_action_next_id(&ids[i], head, chg, prefix, y)))
            break;
        struct govern_action a = {
            .id = ids[i],
            .committee = slug,
            .meeting = subject,
            .minute = it->minute_label,
            .owner = it->owner,
            .due = it->due,
            .status = it->done ? GOVERN_ACTION_DONE : GOVERN_ACTION_OPEN,
            .created = mdate,
            .updated = mdate,
            .text = it->text,
        };
        char apath[160];
        snprintf(apath, sizeof(apath), "%s/%s.md", GOVERN_ACTIONS_DIR, ids[i]);
        govern_buf_clear(&file);
        if ((rc = govern_action_serialize(&file, &a)))
            break;
        /* the file must read back as an action: same rules as by hand */
        struct govern_buf copy = GOVERN_BUF_INIT;
        rc = govern_buf_put(&copy, file.ptr, file.len);
        if (!rc && (rc = govern_action_parse(&reg, apath, copy.ptr, copy.len)))
            rc = govern_error_prefix(rc, "%s:%d", path, it->line);
        govern_buf_free(&copy);
        if (!rc)
            rc = govern_change_put(chg, apath, file.ptr, file.len);
    }
    if (!rc)
        rc = actions_minutes_rewrite(&minutes, text.ptr, &scan, ids);
    if (!rc)
        rc = govern_change_put(chg, path, minutes.ptr, minutes.len);
out:
    if (ids)
        for (size_t i = 0; i < scan.count; i++)
            free(ids[i]);
    free(ids);
    free(prefix);
    free(path);
    actions_minutes_scan_free(&scan);
    govern_committee_free(c);
    govern_action_register_clear(&reg);
    govern_buf_free(&text);
    govern_buf_free(&file);
    govern_buf_free(&minutes);
    return rc;
}

/* ------------------------------------------------------------- agenda */

struct for_committee {
    const char *slug;
};

static bool keep_for(struct govern_action *a, void *vctx)
{
    const struct for_committee *fc = vctx;
    if (!govern_action_outstanding(a))
        return false;
    if (!strcmp(a->committee, fc->slug))
        return true;
    for (size_t i = 0; i < a->n_referred; i++)
        if (!strcmp(a->referred_to[i], fc->slug))
            return true;
    return false;
}

int actions_agenda_contribute(struct govern_agenda *agenda, const struct govern_meeting *meeting,
                              const struct govern_committee *committee,
                              struct govern_snapshot *head, const struct govern_config *config,
                              govern_date as_of, void *state)
{
    (void)meeting;
    (void)config;
    (void)state;
    struct govern_action_register reg;
    govern_action_register_init(&reg);
    struct for_committee fc = {committee->slug};
    struct govern_buf body = GOVERN_BUF_INIT;
    struct govern_public *view = NULL;
    int rc = govern_action_load_all(&reg, head, keep_for, &fc, NULL);
    /* the public form of the register: the agenda is public */
    if (rc || reg.count == 0 || (rc = govern_public_open(&view, head, as_of)) ||
        (rc = govern_action_register_public(&reg, view)))
        goto out;
    char d[11];
    govern_date_format(d, as_of);
    rc = govern_buf_printf(&body, "Outstanding actions on %s:\n\n", d);
    for (size_t i = 0; i < reg.count && !rc; i++) {
        const struct govern_action *a = &reg.items[i];
        int over;
        enum govern_action_rag rag = govern_action_rag(a, as_of, &over);
        char due[11] = "none";
        if (a->due != GOVERN_DATE_NONE)
            govern_date_format(due, a->due);
        /* the text on one line */
        struct govern_buf t = GOVERN_BUF_INIT;
        for (const char *p = a->text; *p && !rc; p++)
            rc = govern_buf_putc(&t, *p == '\n' || *p == '\r' ? ' ' : *p);
        if (!rc)
            rc = govern_buf_printf(
                &body, "- %s (%s, %s): %s Owner: %s. Due: %s", a->id, govern_action_rag_name(rag),
                govern_action_status_name(a->status), t.ptr ? t.ptr : "", a->owner, due);
        if (!rc && over)
            rc = govern_buf_printf(&body, " (%d day%s overdue)", over, over == 1 ? "" : "s");
        if (!rc && strcmp(a->committee, committee->slug))
            rc = govern_buf_printf(&body, ". Referred by %s", a->committee);
        if (!rc)
            rc = govern_buf_puts(&body, ".\n");
        govern_buf_free(&t);
    }
    if (rc)
        goto out;
    while (body.len && body.ptr[body.len - 1] == '\n')
        body.ptr[--body.len] = '\0';
    struct govern_agenda_item it = {
        .title = (char *)"Action log",
        .purpose = (char *)"To review progress on the actions agreed at previous meetings and "
                           "referred to the committee.",
        .body = body.ptr,
    };
    rc = govern_agenda_append(agenda, &it);
out:
    govern_public_free(view);
    govern_buf_free(&body);
    govern_action_register_clear(&reg);
    return rc;
}
