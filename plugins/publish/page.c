/*
 * The site's page frame and helpers: one stylesheet, a header with the
 * site's navigation, <main>, relative links (the site works at any address
 * and from a file), and Markdown from the store rendered for readers (the
 * clerk's action lines and meeting ids rewritten, headings moved down).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "publish.h"

static const char css[] =
    "/* govern publish: the site's one stylesheet */\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%}\n"
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;line-height:1.5;"
    "margin:0;color:#1b1b1b;background:#fff}\n"
    "a{color:#1d4f91}a:focus{outline:3px solid #fd0;background:#fd0;color:#000}\n"
    ".skip{position:absolute;left:-999px}.skip:focus{left:1em;top:1em}\n"
    "header{background:#1d3557;color:#fff;padding:.75em 1em}\n"
    "header a{color:#fff}header .site{font-weight:bold;font-size:1.2em;text-decoration:none}\n"
    "nav ul{list-style:none;margin:.5em 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25em 1em}\n"
    "main{max-width:60em;margin:0 auto;padding:1em}\n"
    "footer{max-width:60em;margin:2em auto;padding:1em;border-top:1px solid #ccc;"
    "font-size:.9em}\n"
    "h1{font-size:1.7em;line-height:1.2}h2{font-size:1.35em}h3{font-size:1.15em}\n"
    "h4,h5,h6{font-size:1em}\n"
    "img{max-width:100%}pre{overflow-x:auto;white-space:pre-wrap}\n"
    ".table{overflow-x:auto}\n"
    "table{border-collapse:collapse;margin:.5em 0}\n"
    "th,td{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top}\n"
    "th{background:#eef}\n"
    "p,li,td{overflow-wrap:anywhere}\n"
    ".status{font-weight:bold}.cancelled{color:#8a1c1c}\n"
    ".exempt{color:#555;font-style:italic}\n"
    ".draft{background:#fff4ce;padding:.5em;border-left:4px solid #b58900}\n"
    ".confirmed{background:#e6f4ea;padding:.5em;border-left:4px solid #1e7b34}\n"
    ".rag{font-weight:bold;padding:0 .4em;border-radius:.2em;white-space:nowrap}\n"
    ".rag-red{background:#b00020;color:#fff}.rag-amber{background:#f0a500;color:#000}\n"
    ".rag-green{background:#1e7b34;color:#fff}.rag-done{background:#555;color:#fff}\n"
    ".item{margin:1em 0}.report{border-left:3px solid #ccd;padding-left:1em}\n"
    "@media print{header nav,.skip,footer{display:none}header{background:none;color:#000}"
    "header a{color:#000}a{color:#000}.rag{border:1px solid #000}"
    "main{max-width:none}}\n";

int site_stylesheet(struct site *s)
{
    return govern_outdir_write(s->out, "style.css", css, sizeof(css) - 1);
}

int site_esc(struct govern_buf *b, const char *text)
{
    return govern_html_escape(b, text ? text : "");
}

int site_link(struct site *s, struct govern_buf *b, const char *target, const char *text)
{
    int rc = govern_buf_printf(b, "<a href=\"%s", s->root);
    if (!rc)
        rc = site_esc(b, target);
    if (!rc)
        rc = govern_buf_puts(b, "\">");
    if (!rc)
        rc = site_esc(b, text);
    return rc ? rc : govern_buf_puts(b, "</a>");
}

int site_link_li(struct site *s, struct govern_buf *b, const char *target, const char *text)
{
    int rc = govern_buf_puts(b, "<li>");
    if (!rc)
        rc = site_link(s, b, target, text);
    return rc ? rc : govern_buf_puts(b, "</li>\n");
}

void site_date(char out[40], govern_date d)
{
    govern_date_format_long(out, d);
}

int site_meeting_link(struct site *s, struct govern_buf *b, const struct govern_meeting *mt)
{
    const struct govern_committee *c = govern_model_committee(s->m, mt->committee);
    char d[40], target[300];
    site_date(d, mt->date);
    snprintf(target, sizeof(target), "%s/", mt->id);
    struct govern_buf t = GOVERN_BUF_INIT;
    int rc = govern_buf_printf(&t, "%s, %s", c ? c->name : mt->committee, d);
    if (!rc)
        rc = site_link(s, b, target, t.ptr);
    govern_buf_free(&t);
    return rc;
}

int site_page_begin(struct site *s, struct govern_buf *b, const char *root, const char *title,
                    const char *atom)
{
    s->root = root;
    int rc = govern_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
                                  "<meta charset=\"utf-8\">\n"
                                  "<meta name=\"viewport\" content=\"width=device-width, "
                                  "initial-scale=1\">\n<title>");
    if (!rc)
        rc = site_esc(b, title);
    if (!rc)
        rc = govern_buf_puts(b, " - ");
    if (!rc)
        rc = site_esc(b, s->m->config->body);
    if (!rc)
        rc = govern_buf_printf(b, "</title>\n<link rel=\"stylesheet\" href=\"%sstyle.css\">\n",
                               root);
    if (!rc && atom)
        rc = govern_buf_printf(b,
                               "<link rel=\"alternate\" type=\"application/atom+xml\" "
                               "href=\"%s%s\" title=\"News feed\">\n",
                               root, atom);
    if (!rc)
        rc = govern_buf_printf(b,
                               "</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to "
                               "content</a>\n<header>\n<a class=\"site\" href=\"%s\">",
                               *root ? root : "./");
    if (!rc)
        rc = site_esc(b, s->m->config->body);
    if (!rc)
        rc = govern_buf_puts(b, "</a>\n<nav aria-label=\"Site\"><ul>\n");
    static const char *const nav[][2] = {
        {"", "Home"},
        {"calendar/", "Calendar"},
        {"members/", "Members"},
        {"decisions/", "Decisions"},
        {"forward-plan/", "Forward Plan"},
        {"actions/", "Actions"},
        {"feeds/", "Feeds"},
    };
    for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]) && !rc; i++) {
        rc = site_link_li(s, b, *nav[i][0] || *root ? nav[i][0] : "./", nav[i][1]);
    }
    if (!rc)
        rc = govern_buf_puts(b, "</ul></nav>\n</header>\n<main id=\"main\">\n<h1>");
    if (!rc)
        rc = site_esc(b, title);
    return rc ? rc : govern_buf_puts(b, "</h1>\n");
}

int site_page_end(struct site *s, struct govern_buf *b)
{
    char d[40];
    site_date(d, s->as_of);
    int rc = govern_buf_puts(b, "</main>\n<footer>\n<p>");
    if (!rc)
        rc = site_esc(b, s->m->config->body);
    if (!rc)
        rc = govern_buf_printf(b, ". Published as of %s. ", d);
    if (!rc)
        rc = site_link(s, b, "feeds/", "Calendars and news feeds");
    return rc ? rc : govern_buf_puts(b, ".</p>\n</footer>\n</body>\n</html>\n");
}

int site_page_write(struct site *s, const char *rel, struct govern_buf *b)
{
    int rc = govern_outdir_write(s->out, rel, b->ptr ? b->ptr : "", b->len);
    govern_buf_clear(b);
    return rc;
}

int site_page_finish(struct site *s, struct govern_buf *b, const char *rel)
{
    int rc = site_page_end(s, b);
    return rc ? rc : site_page_write(s, rel, b);
}

int site_not_found(struct site *s)
{
    struct govern_buf b = GOVERN_BUF_INIT, root = GOVERN_BUF_INIT;
    /* served for any address (nginx's error_page, docs/publishing.md):
     * links from the site's address, or the server's root */
    int rc = govern_buf_printf(&root, "%s/", s->base_url ? s->base_url : "");
    if (!rc)
        rc = site_page_begin(s, &b, root.ptr, "Page not found", NULL);
    if (!rc)
        rc = govern_buf_puts(&b, "<p>There is no page at this address. The meetings, "
                                 "committees and decisions are listed from the ");
    if (!rc)
        rc = site_link(s, &b, "", "home page");
    if (!rc)
        rc = govern_buf_puts(&b, ".</p>\n");
    if (!rc)
        rc = site_page_finish(s, &b, "404.html");
    govern_buf_free(&b);
    govern_buf_free(&root);
    return rc;
}

int site_rag(struct govern_buf *b, const char *rag)
{
    if (!rag || !*rag)
        return 0;
    char label[32];
    snprintf(label, sizeof(label), "%s", rag);
    label[0] = (char)toupper((unsigned char)label[0]);
    int rc = govern_buf_puts(b, "<span class=\"rag rag-");
    if (!rc)
        rc = site_esc(b, rag);
    if (!rc)
        rc = govern_buf_puts(b, "\">");
    if (!rc)
        rc = site_esc(b, label);
    return rc ? rc : govern_buf_puts(b, "</span>");
}

/* ------------------------------------------------ the clerk's markup */

/* "- [ ] ACTION ID: text @{owner} due:DATE" as "- Action: text — owner,
 * due 21 September 2020" (done: "(done)").  false when line is not one. */
static bool action_line(struct govern_buf *o, const char *line, size_t len)
{
    char buf[4096];
    if (len >= sizeof(buf))
        return false;
    memcpy(buf, line, len);
    buf[len] = '\0';
    char *p = buf;
    while (*p == ' ' || *p == '\t')
        p++;
    size_t indent = (size_t)(p - buf);
    if ((*p != '-' && *p != '*' && *p != '+') || p[1] != ' ')
        return false;
    p += 2;
    bool done = false;
    if (!strncmp(p, "[ ] ", 4) || !strncmp(p, "[x] ", 4) || !strncmp(p, "[X] ", 4)) {
        done = p[1] != ' ';
        p += 4;
    }
    if (strncmp(p, "ACTION", 6) || (p[6] != ' ' && p[6] != ':'))
        return false;
    char *colon = strchr(p, ':');
    if (!colon)
        return false;
    char *text = colon + 1, *due = NULL, *owner = NULL;
    while (*text == ' ')
        text++;
    char *end = text + strlen(text);
    for (int k = 0; k < 2; k++) { /* owner and due: at the end, either order */
        while (end > text && end[-1] == ' ')
            *--end = '\0';
        char *sp = end;
        if (end > text && end[-1] == '}') {
            char *open = strstr(text, "@{");
            for (char *q = open; q; q = strstr(q + 1, "@{"))
                open = q;
            if (open && open > text && !owner) {
                end[-1] = '\0';
                owner = open + 2;
                *open = '\0';
                end = open;
                continue;
            }
        }
        while (sp > text && sp[-1] != ' ')
            sp--;
        if (!strncmp(sp, "due:", 4) && !due) {
            due = sp + 4;
            *sp = '\0';
            end = sp;
        } else if (*sp == '@' && !owner && sp > text) {
            owner = sp + 1;
            *sp = '\0';
            end = sp;
        }
    }
    while (end > text && end[-1] == ' ')
        *--end = '\0';
    govern_buf_put(o, buf, indent);
    govern_buf_puts(o, "- **Action:** ");
    govern_md_escape(o, text);
    if (owner) {
        govern_buf_puts(o, " — ");
        govern_md_escape(o, owner);
    }
    govern_date d;
    if (due && !govern_date_parse(&d, due)) {
        char ds[40];
        site_date(ds, d);
        govern_buf_printf(o, ", due %s", ds);
    }
    if (done)
        govern_buf_puts(o, " (done)");
    govern_buf_putc(o, '\n');
    return true;
}

/* Meeting ids in parentheses, "(cdjsc/2020-09-21)", as links to their
 * pages named by committee and date; other text as it is. */
static int meeting_refs(struct site *s, struct govern_buf *o, const char *line, size_t len)
{
    int rc = 0;
    const char *p = line, *end = line + len;
    while (p < end && !rc) {
        const char *open = memchr(p, '(', (size_t)(end - p));
        const char *close = open ? memchr(open, ')', (size_t)(end - open)) : NULL;
        if (!open || !close) {
            rc = govern_buf_put(o, p, (size_t)(end - p));
            break;
        }
        char id[200];
        size_t n = (size_t)(close - open - 1);
        long at = -1;
        if (n < sizeof(id)) {
            memcpy(id, open + 1, n);
            id[n] = '\0';
            if (strchr(id, '/') && !strchr(id, ' '))
                at = govern_model_meeting_index(s->m, id);
        }
        rc = govern_buf_put(o, p, (size_t)(open - p + 1));
        if (!rc && at >= 0) {
            const struct govern_meeting *mt = s->m->meetings[at];
            const struct govern_committee *c = govern_model_committee(s->m, mt->committee);
            char d[40];
            site_date(d, mt->date);
            rc = govern_buf_puts(o, "[");
            if (!rc)
                rc = govern_md_escape(o, c ? c->name : mt->committee);
            if (!rc)
                rc = govern_buf_printf(o, ", %s](%s%s/)", d, s->root, mt->id);
        } else if (!rc) {
            rc = govern_buf_put(o, open + 1, (size_t)(close - open - 1));
        }
        if (!rc)
            rc = govern_buf_putc(o, ')');
        p = close + 1;
    }
    return rc;
}

static int reader_markdown(struct site *s, struct govern_buf *o, const char *md)
{
    int rc = 0;
    bool fence = false;
    for (const char *p = md; *p && !rc;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *q = p;
        while (*q == ' ')
            q++;
        if (!strncmp(q, "```", 3) || !strncmp(q, "~~~", 3))
            fence = !fence;
        if (fence || !action_line(o, p, len)) {
            rc = fence ? govern_buf_put(o, p, len) : meeting_refs(s, o, p, len);
            if (!rc)
                rc = govern_buf_putc(o, '\n');
        }
        p += len + (nl ? 1 : 0);
    }
    return rc;
}

/* cmark's output for the site: every <hN> moved down so that h1 becomes
 * h<top> (top 0 or 1: as it is), and table headers given their scope. */
static int for_site(struct govern_buf *o, const char *html, int top)
{
    int rc = 0;
    const char *p = html;
    for (const char *t; !rc && (t = strchr(p, '<'));) {
        rc = govern_buf_put(o, p, (size_t)(t - p));
        p = t;
        if (!rc && (!strncmp(t, "<th>", 4) || !strncmp(t, "<th ", 4))) {
            rc = govern_buf_puts(o, "<th scope=\"col\"");
            p = t + 3;
            continue;
        }
        const char *digit = t[1] == '/' ? t + 3 : t + 2;
        bool heading = (t[1] == 'h' || (t[1] == '/' && t[2] == 'h')) && *digit >= '1' &&
                       *digit <= '6' && (digit[1] == '>' || digit[1] == ' ');
        if (!rc && heading && top > 1) {
            int level = *digit - '0' + top - 1;
            rc = govern_buf_put(o, t, (size_t)(digit - t));
            if (!rc)
                rc = govern_buf_putc(o, (char)('0' + (level > 6 ? 6 : level)));
            p = digit + 1;
            continue;
        }
        if (!rc)
            rc = govern_buf_putc(o, '<');
        p = t + 1;
    }
    return rc ? rc : govern_buf_puts(o, p);
}

int site_markdown(struct site *s, struct govern_buf *b, const char *md, int top)
{
    if (!md || !*md)
        return 0;
    struct govern_buf r = GOVERN_BUF_INIT, h = GOVERN_BUF_INIT;
    int rc = reader_markdown(s, &r, md);
    if (!rc)
        rc = govern_markdown_to_html(&h, r.ptr ? r.ptr : "");
    if (!rc)
        rc = for_site(b, h.ptr ? h.ptr : "", top);
    govern_buf_free(&r);
    govern_buf_free(&h);
    return rc;
}
