/*
 * Fuzz target for govern_markdown_to_html (cmark-gfm with raw HTML omitted):
 * the output may only hold the tags cmark-gfm itself writes, never a link or
 * image to a javascript:, vbscript:, file: or data: URL (other than cmark-gfm's
 * safe data:image/png|gif|jpeg|webp), and must
 * be valid UTF-8 when the input is.
 */
#include <ctype.h>
#include "fuzz.h"

#define TARGET "fuzz_markdown"

static const char *const allowed_tags[] = {
    "p",     "h1",    "h2",   "h3", "h4", "h5",  "h6",     "blockquote", "ul",  "ol",
    "li",    "pre",   "code", "hr", "br", "em",  "strong", "a",          "img", "table",
    "thead", "tbody", "tr",   "th", "td", "del", "input",  NULL,
};

static bool valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t k = c < 0x80                   ? 1
                   : (c >= 0xC2 && c <= 0xDF) ? 2
                   : (c >= 0xE0 && c <= 0xEF) ? 3
                   : (c >= 0xF0 && c <= 0xF4) ? 4
                                              : 0;
        if (!k || i + k > n)
            return false;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
        if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) ||
            (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F))
            return false;
        i += k;
    }
    return true;
}

static void check_url(const char *html, const char *attr)
{
    size_t alen = strlen(attr);
    for (const char *p = strstr(html, attr); p; p = strstr(p + 1, attr)) {
        const char *v = p + alen;
        char scheme[16];
        size_t n = 0;
        while (v[n] && v[n] != '"' && n < sizeof(scheme) - 1) {
            scheme[n] = (char)tolower((unsigned char)v[n]);
            n++;
        }
        scheme[n] = '\0';
        if (!strncmp(scheme, "javascript:", 11) || !strncmp(scheme, "vbscript:", 9) ||
            !strncmp(scheme, "file:", 5))
            fuzz_fail(TARGET, "unsafe URL in the output", html);
        if (!strncmp(scheme, "data:", 5)) {
            /* cmark-gfm's safe list (any case), for links and images alike */
            bool ok =
                !strncmp(scheme, "data:image/png", 14) || !strncmp(scheme, "data:image/gif", 14) ||
                !strncmp(scheme, "data:image/jpeg", 15) || !strncmp(scheme, "data:image/webp", 15);
            if (!ok)
                fuzz_fail(TARGET, "data: URL in the output", html);
        }
    }
}

static const char *const allowed_attrs[] = {
    "href", "title",   "src",      "alt",   "start", "class",
    "type", "checked", "disabled", "align", "lang",  NULL,
};

static bool in_list(const char *const *list, const char *name)
{
    for (const char *const *t = list; *t; t++)
        if (strcmp(*t, name) == 0)
            return true;
    return false;
}

/* Reads [a-z0-9-]* at *q into name; returns its length. */
static size_t read_name(const char **q, char *name, size_t cap)
{
    size_t n = 0;
    while (((**q >= 'a' && **q <= 'z') || (**q >= '0' && **q <= '9') || **q == '-') && n < cap - 1)
        name[n++] = *(*q)++;
    name[n] = '\0';
    return n;
}

/* Every '<' in cmark's output starts a tag it wrote (text and attribute values are
 * escaped): check the tag and each attribute against what cmark-gfm writes. */
static void check_html(const char *html, size_t len, bool input_utf8)
{
    /* cmark-gfm 0.29 passes invalid UTF-8 through as it is; govern only gives it text
     * that passed govern_utf8_check, so the property is: valid in, valid out */
    if (input_utf8 && !valid_utf8((const unsigned char *)html, len))
        fuzz_fail(TARGET, "output is not valid UTF-8", NULL);
    for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
        if (!strncmp(p, "<!-- raw HTML omitted -->", 25))
            continue;
        const char *q = p + 1;
        if (*q == '/')
            q++;
        char name[32];
        read_name(&q, name, sizeof(name));
        if (!in_list(allowed_tags, name))
            fuzz_fail(TARGET, "a tag that cmark-gfm does not write reached the output", p);
        for (;;) {
            while (*q == ' ')
                q++;
            if (*q == '>' || (q[0] == '/' && q[1] == '>'))
                break;
            if (!read_name(&q, name, sizeof(name)) || !in_list(allowed_attrs, name))
                fuzz_fail(TARGET, "an unexpected attribute reached the output", p);
            if (*q == '=') {
                if (q[1] != '"')
                    fuzz_fail(TARGET, "an unquoted attribute value", p);
                const char *close = strchr(q + 2, '"');
                if (!close)
                    fuzz_fail(TARGET, "an unterminated attribute value", p);
                q = close + 1;
            }
        }
    }
    check_url(html, "href=\"");
    check_url(html, "src=\"");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct govern_buf out = GOVERN_BUF_INIT;
    int rc = govern_markdown_to_html(&out, text);
    if (rc == 0)
        check_html(out.ptr ? out.ptr : "", out.len,
                   valid_utf8((const unsigned char *)text, strlen(text)));
    else if (strlen(text) <= 256 * 1024)
        fuzz_fail(TARGET, "Markdown under the size cap was refused", NULL);
    govern_buf_free(&out);
    free(text);
    return 0;
}
