/*
 * Front matter documents: splitting "---" fences, UTF-8 validation, a
 * libyaml event parser with limits (size, depth, node count; no anchors,
 * aliases, tags or duplicate keys) into a line-numbered tree, typed field
 * accessors whose errors name the file and line, and a deterministic
 * emitter for the same tree (libyaml's emitter; key order as built).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>
#include "govern/date.h"
#include "govern/doc.h"
#include "govern/error.h"
#include "govern/store.h"
#include "testing.h"

#define MAX_COLLECTION 10000

/* The length of the UTF-8 sequence at s[i] (1 to 4), or 0 when it is not
 * UTF-8 (a bad lead byte, a truncated or overlong sequence, a surrogate, a
 * code point past U+10FFFF); *why says which. */
static size_t utf8_seq(const unsigned char *s, size_t len, size_t i, const char **why)
{
    unsigned c = s[i], cp;
    size_t n;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        *why = "byte";
        return 0;
    }
    if (i + n > len) {
        *why = "truncated sequence";
        return 0;
    }
    for (size_t k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80) {
            *why = "bad continuation byte";
            return 0;
        }
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        *why = "invalid code point";
        return 0;
    }
    return n;
}

int govern_utf8_check(const char *path, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    int line = 1;
    for (size_t i = 0; i < len;) {
        while (i < len && s[i] >= 0x20 && s[i] < 0x80)
            i++; /* printable ASCII (and DEL) needs no more than this */
        if (i == len)
            break;
        unsigned c = s[i];
        if (c == '\n') {
            line++;
            i++;
            continue;
        }
        if (c < 0x80) {
            if (c == 0)
                return govern_error_set(GOVERN_EINVAL, "%s:%d: NUL byte in text", path, line);
            if (c < 0x20 && c != '\t' && c != '\r')
                return govern_error_set(GOVERN_EINVAL, "%s:%d: control character 0x%02x in text",
                                        path, line, c);
            i++;
            continue;
        }
        const char *why = "";
        size_t n = utf8_seq(s, len, i, &why);
        if (!n && !strcmp(why, "byte"))
            return govern_error_set(GOVERN_EINVAL, "%s:%d: not UTF-8 (byte 0x%02x)", path, line, c);
        if (!n)
            return govern_error_set(GOVERN_EINVAL, "%s:%d: not UTF-8 (%s)", path, line, why);
        i += n;
    }
    return 0;
}

int govern_text_check(const char *what, const char *text, size_t len, unsigned flags, size_t max)
{
    const unsigned char *s = (const unsigned char *)text;
    if (max && len > max)
        return govern_error_set(GOVERN_EINVAL, "%s is too long (%zu bytes, limit %zu)", what, len,
                                max);
    for (size_t i = 0; i < len;) {
        unsigned c = s[i];
        if (c >= 0x20 && c < 0x7f) {
            i++;
            continue;
        }
        if (c == 0)
            return govern_error_set(GOVERN_EINVAL, "%s holds a NUL byte (at byte %zu)", what,
                                    i + 1);
        if ((c == '\n' || c == '\r') && !(flags & GOVERN_TEXT_LINES))
            return govern_error_set(GOVERN_EINVAL, "%s must be one line", what);
        if (c == '\r' && !(flags & GOVERN_TEXT_CR))
            return govern_error_set(GOVERN_EINVAL,
                                    "%s holds a carriage return (at byte %zu): use plain line "
                                    "breaks",
                                    what, i + 1);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            return govern_error_set(
                GOVERN_EINVAL, "%s holds control character 0x%02x (at byte %zu)", what, c, i + 1);
        if (c < 0x80) {
            i++;
            continue;
        }
        const char *why = "";
        size_t n = utf8_seq(s, len, i, &why);
        if (!n)
            return govern_error_set(GOVERN_EINVAL,
                                    "%s is not UTF-8 (byte 0x%02x at byte %zu): re-type it or "
                                    "convert it, e.g. with iconv -f latin1 -t utf-8",
                                    what, c, i + 1);
        i += n;
    }
    return 0;
}

int govern_text_field_check(const char *what, const char *s, size_t max, bool one_line)
{
    if (!s)
        return 0;
    size_t n = strlen(s);
    if (govern_utf8_check(what, s, n))
        return govern_error_prefix(GOVERN_EINVAL, "%s is not valid text", what);
    const char *p = s + strspn(s, " \t\n\r");
    if (!*p)
        return govern_error_set(GOVERN_EINVAL, "%s is empty", what);
    if (n > max)
        return govern_error_set(GOVERN_EINVAL, "%s is too long (%zu bytes, limit %zu)", what, n,
                                max);
    if (one_line && (strchr(s, '\n') || strchr(s, '\r')))
        return govern_error_set(GOVERN_EINVAL, "%s must be one line", what);
    return 0;
}

int govern_text_file_read(struct govern_buf *out, const char *what, const char *path, size_t max)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return govern_error_set(errno == ENOENT ? GOVERN_ENOTFOUND : GOVERN_EIO,
                                "%s: cannot read '%s': %s", what, path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return govern_error_set(GOVERN_EINVAL, "%s %s: %s, not a regular file (refused)", what,
                                path,
                                S_ISDIR(st.st_mode) ? "a directory" : govern_file_kind(st.st_mode));
    /* O_NONBLOCK: should it have become a FIFO since, opening must not hang */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return govern_error_set(GOVERN_EIO, "%s: cannot read '%s': %s", what, path,
                                strerror(errno));
    int rc = 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        rc = govern_error_set(GOVERN_EINVAL, "%s %s: not a regular file (refused)", what, path);
    govern_buf_clear(out);
    while (!rc) {
        char tmp[16384];
        ssize_t n = read(fd, tmp, sizeof(tmp));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            rc = govern_error_set(GOVERN_EIO, "%s %s: %s", what, path, strerror(errno));
        else if (n == 0)
            break;
        else if (out->len + (size_t)n > max)
            rc = govern_error_set(GOVERN_EINVAL, "%s %s: larger than the limit of %zu bytes", what,
                                  path, max);
        else
            rc = govern_buf_put(out, tmp, (size_t)n);
    }
    close(fd);
    if (!rc)
        rc = govern_utf8_check(path, out->ptr ? out->ptr : "", out->len);
    return rc;
}

/* --- tree --- */

static struct govern_node *node_new(enum govern_node_kind kind, int line)
{
    struct govern_node *n = calloc(1, sizeof(*n));
    if (!n) {
        govern_error_set(GOVERN_ENOMEM, "out of memory");
        return NULL;
    }
    n->kind = kind;
    n->line = line;
    return n;
}

void govern_node_free(struct govern_node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++) {
        govern_node_free(n->items[i]);
        if (n->keys)
            free(n->keys[i]);
    }
    free(n->items);
    free(n->keys);
    free(n->key_lines);
    free(n->scalar);
    free(n);
}

static int node_append(struct govern_node *parent, char *key, int key_line,
                       struct govern_node *child)
{
    if (parent->n >= MAX_COLLECTION)
        return govern_error_set(GOVERN_EINVAL, "more than %d entries in one list or map",
                                MAX_COLLECTION);
    size_t n = parent->n + 1;
    struct govern_node **items = realloc(parent->items, n * sizeof(*items));
    if (!items)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    parent->items = items;
    if (parent->kind == GOVERN_NODE_MAP) {
        char **keys = realloc(parent->keys, n * sizeof(*keys));
        if (!keys)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        parent->keys = keys;
        int *kl = realloc(parent->key_lines, n * sizeof(*kl));
        if (!kl)
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        parent->key_lines = kl;
        keys[parent->n] = key;
        kl[parent->n] = key_line;
    }
    items[parent->n] = child;
    parent->n = n;
    return 0;
}

/* --- parsing --- */

struct frame {
    struct govern_node *node;
    char *pending_key; /* MAP: key waiting for its value */
    int pending_line;
};

static bool is_null_plain(const char *s)
{
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

static int cmp_key_index(const void *a, const void *b, void *keys)
{
    char **k = keys;
    return strcmp(k[*(const size_t *)a], k[*(const size_t *)b]);
}

static int check_duplicates(const char *path, struct govern_node *map)
{
    if (map->n < 2)
        return 0;
    size_t *idx = malloc(map->n * sizeof(*idx));
    if (!idx)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; i < map->n; i++)
        idx[i] = i;
    qsort_r(idx, map->n, sizeof(*idx), cmp_key_index, map->keys);
    int rc = 0;
    for (size_t i = 1; i < map->n; i++) {
        if (strcmp(map->keys[idx[i - 1]], map->keys[idx[i]]) == 0) {
            size_t later = idx[i] > idx[i - 1] ? idx[i] : idx[i - 1];
            rc = govern_error_set(GOVERN_EINVAL, "%s:%d: duplicate key '%s'", path,
                                  map->key_lines[later], map->keys[later]);
            break;
        }
    }
    free(idx);
    return rc;
}

/* The state of building a tree from libyaml's events: the open collections
 * (innermost last), the node count so far, the documents seen, the root. */
struct build {
    const char *path;
    struct frame stack[GOVERN_DOC_MAX_DEPTH + 1];
    int depth, nodes, documents;
    struct govern_node *root;
};

/* A scalar event's node: NULL for an unquoted null ("", ~, null), else the
 * text; control characters and NUL are refused (escapes in quoted scalars,
 * "\e" or "\0", can make them). */
static int build_scalar(struct govern_node **out, const char *path, int line,
                        const yaml_event_t *ev)
{
    const char *v = (const char *)ev->data.scalar.value;
    bool quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
    struct govern_node *node;
    for (const unsigned char *c = (const unsigned char *)v; *c; c++)
        if ((*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r') || *c == 0x7f)
            return govern_error_set(GOVERN_EINVAL, "%s:%d: control character 0x%02x in a value",
                                    path, line, *c);
    if (ev->data.scalar.length != strlen(v))
        return govern_error_set(GOVERN_EINVAL, "%s:%d: NUL character in a value", path, line);
    if (!quoted && is_null_plain(v)) {
        node = node_new(GOVERN_NODE_NULL, line);
    } else {
        node = node_new(GOVERN_NODE_SCALAR, line);
        if (node) {
            node->scalar = strdup(v);
            node->quoted = quoted;
            if (!node->scalar) {
                govern_node_free(node);
                node = NULL;
            }
        }
    }
    if (!node)
        return GOVERN_ENOMEM;
    *out = node;
    return 0;
}

/* Attaches a finished node (a scalar, or a collection just closed) to the
 * innermost open collection: appended to a list; in a map, a key waiting
 * for its value or the value of the waiting key.  Takes the node. */
static int build_attach(struct build *b, struct govern_node *node, int line)
{
    int rc = 0;
    if (b->depth == 0) {
        /* a scalar document: only allowed as an empty document */
        if (node->kind != GOVERN_NODE_NULL)
            rc = govern_error_set(GOVERN_EINVAL, "%s:%d: front matter must be a map of fields",
                                  b->path, line);
        govern_node_free(node);
        return rc;
    }
    struct frame *f = &b->stack[b->depth - 1];
    if (f->node->kind == GOVERN_NODE_SEQ) {
        rc = node_append(f->node, NULL, 0, node);
        if (rc) {
            govern_node_free(node);
            govern_error_prefix(rc, "%s:%d", b->path, line);
        }
    } else if (!f->pending_key) {
        if (node->kind != GOVERN_NODE_SCALAR) {
            rc = govern_error_set(GOVERN_EINVAL, "%s:%d: map keys must be plain text", b->path,
                                  line);
            govern_node_free(node);
        } else {
            f->pending_key = node->scalar;
            f->pending_line = node->line;
            node->scalar = NULL;
            govern_node_free(node);
        }
    } else {
        rc = node_append(f->node, f->pending_key, f->pending_line, node);
        if (rc) {
            govern_node_free(node);
            free(f->pending_key);
            govern_error_prefix(rc, "%s:%d", b->path, line);
        }
        f->pending_key = NULL;
    }
    return rc;
}

/* Opens a new list or map within the depth limit; a collection cannot be a
 * map key.  Takes the node. */
static int build_open(struct build *b, struct govern_node *node, int line)
{
    int rc = 0;
    if (b->depth >= GOVERN_DOC_MAX_DEPTH)
        rc = govern_error_set(GOVERN_EINVAL, "%s:%d: nesting deeper than %d levels", b->path, line,
                              GOVERN_DOC_MAX_DEPTH);
    else if (b->depth > 0 && b->stack[b->depth - 1].node->kind == GOVERN_NODE_MAP &&
             !b->stack[b->depth - 1].pending_key)
        rc = govern_error_set(GOVERN_EINVAL, "%s:%d: map keys must be plain text", b->path, line);
    if (rc) {
        govern_node_free(node);
        return rc;
    }
    b->stack[b->depth].node = node;
    b->stack[b->depth].pending_key = NULL;
    b->depth++;
    return 0;
}

/* Closes the innermost collection (a map is checked for duplicate keys):
 * the outermost becomes the root, any other is attached to its parent. */
static int build_close(struct build *b, int line)
{
    struct govern_node *fin = b->stack[b->depth - 1].node;
    int rc = 0;
    if (fin->kind == GOVERN_NODE_MAP)
        rc = check_duplicates(b->path, fin);
    b->depth--;
    if (!rc && b->depth == 0) {
        b->root = fin;
    } else if (!rc) {
        rc = build_attach(b, fin, line);
    } else {
        if (b->depth == 0)
            b->root = fin;
        else
            govern_node_free(fin);
    }
    return rc;
}

/* A new node within the node limit: a collection is opened, a scalar
 * attached.  Takes the node. */
static int build_add(struct build *b, struct govern_node *node, int line)
{
    if (++b->nodes > GOVERN_DOC_MAX_NODES) {
        int rc = govern_error_set(GOVERN_EINVAL, "%s:%d: too many YAML nodes (limit %d)", b->path,
                                  line, GOVERN_DOC_MAX_NODES);
        govern_node_free(node);
        return rc;
    }
    if (node->kind == GOVERN_NODE_SEQ || node->kind == GOVERN_NODE_MAP)
        return build_open(b, node, line);
    return build_attach(b, node, line);
}

/* One libyaml event at file line `line`: one document only, no aliases,
 * anchors or tags. */
static int build_event(struct build *b, const yaml_event_t *ev, int line)
{
    struct govern_node *node = NULL;
    const char *anchor = NULL, *tag = NULL;
    int rc = 0;
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++b->documents > 1)
            return govern_error_set(GOVERN_EINVAL, "%s:%d: more than one YAML document", b->path,
                                    line);
        return 0;
    case YAML_ALIAS_EVENT:
        return govern_error_set(GOVERN_EINVAL, "%s:%d: YAML aliases are not allowed", b->path,
                                line);
    case YAML_SCALAR_EVENT:
        anchor = (const char *)ev->data.scalar.anchor;
        tag = (const char *)ev->data.scalar.tag;
        if (!anchor && !tag)
            rc = build_scalar(&node, b->path, line, ev);
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
        anchor =
            (const char *)(seq ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor);
        tag = (const char *)(seq ? ev->data.sequence_start.tag : ev->data.mapping_start.tag);
        if (!anchor && !tag && !(node = node_new(seq ? GOVERN_NODE_SEQ : GOVERN_NODE_MAP, line)))
            rc = GOVERN_ENOMEM;
        break;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return build_close(b, line);
    default:
        return 0;
    }
    if (anchor)
        return govern_error_set(GOVERN_EINVAL, "%s:%d: YAML anchors are not allowed", b->path,
                                line);
    if (tag)
        return govern_error_set(GOVERN_EINVAL, "%s:%d: YAML tags are not allowed (%s)", b->path,
                                line, tag);
    if (rc || !node)
        return rc;
    return build_add(b, node, line);
}

static int parse_yaml(struct govern_node **out, const char *path, const char *text, size_t len,
                      int line_offset)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    struct build b;
    int rc = 0;
    bool done = false;

    if (!yaml_parser_initialize(&parser))
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    memset(&b, 0, sizeof(b));
    b.path = path;

    while (!done) {
        if (!yaml_parser_parse(&parser, &ev)) {
            int line = (int)parser.problem_mark.line + 1 + line_offset;
            rc = govern_error_set(GOVERN_EINVAL, "%s:%d: invalid YAML: %s", path, line,
                                  parser.problem ? parser.problem : "syntax error");
            break;
        }
        done = ev.type == YAML_STREAM_END_EVENT;
        rc = build_event(&b, &ev, (int)ev.start_mark.line + 1 + line_offset);
        yaml_event_delete(&ev);
        if (rc)
            break;
    }
    for (int i = b.depth - 1; i >= 0; i--) {
        free(b.stack[i].pending_key);
        if (b.stack[i].node != b.root)
            govern_node_free(b.stack[i].node);
    }
    yaml_parser_delete(&parser);
    struct govern_node *root = b.root;
    if (rc) {
        govern_node_free(root);
        return rc;
    }
    if (!root) {
        root = node_new(GOVERN_NODE_MAP, 1 + line_offset);
        if (!root)
            return GOVERN_ENOMEM;
    }
    if (root->kind != GOVERN_NODE_MAP) {
        int line = root->line;
        govern_node_free(root);
        return govern_error_set(GOVERN_EINVAL, "%s:%d: front matter must be a map of fields", path,
                                line);
    }
    *out = root;
    return 0;
}

/* --- the canonical form's fast path ---
 *
 * govern writes front matter in one form: block maps and lists, plain
 * scalars, one field a line.  For text in that form (and only that form)
 * fast_yaml() builds the same tree as parse_yaml() without libyaml, which
 * was most of the time of reading a store of 5,000 meetings (bench/ical).
 * Anything else -- quotes, comments, blank lines, flow style, nulls, tabs,
 * CR, multi-line scalars, repeated keys, anything near a limit -- makes it
 * give up, and libyaml reads the file: every error message, and every
 * tree, comes from the same rules as before.  tests/ical/test_doc_fast.c
 * checks that both paths give the same tree, line numbers included. */

struct fast {
    const char *p, *end; /* the line being looked at */
    int line;
    int nodes;
};

/* A byte libyaml's reader refuses (DEL, C1 controls but NEL, U+FFFE/F), a
 * line break it knows beyond LF (NEL, LS, PS), the BOM, a tab or CR: not in
 * the fast path's text.  s points into UTF-8 checked by govern_utf8_check. */
static bool fast_bad_byte(const unsigned char *s)
{
    if (s[0] < 0x20 || s[0] == 0x7f)
        return true;
    if (s[0] == 0xC2 && s[1] < 0xA0)
        return true;
    if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9))
        return true;
    if (s[0] == 0xEF && ((s[1] == 0xBB && s[2] == 0xBF) || (s[1] == 0xBF && s[2] >= 0xBE)))
        return true;
    return false;
}

/* A value libyaml reads as this same plain text, and not as a null. */
static bool fast_plain(const char *v, size_t n)
{
    static const char indicators[] = "-?:,[]{}#&*!|>'\"%@`~ ";
    if (!n || strchr(indicators, *v))
        return false;
    if ((n == 4 && (!memcmp(v, "null", 4) || !memcmp(v, "Null", 4) || !memcmp(v, "NULL", 4))))
        return false;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *c = (const unsigned char *)v + i;
        if (*c > ' ' && *c < 0x7f && *c != ':')
            continue; /* most of the text */
        if (fast_bad_byte(c))
            return false;
        if (*c == ':' && (i + 1 == n || c[1] == ' '))
            return false;
        if (*c == ' ' && (i + 1 == n || c[1] == '#'))
            return false;
    }
    return true;
}

/* The current line: its indentation and text (without the LF). */
static bool fast_line(const struct fast *f, int *indent, const char **text, size_t *len)
{
    if (f->p >= f->end)
        return false;
    const char *nl = memchr(f->p, '\n', (size_t)(f->end - f->p));
    const char *e = nl ? nl : f->end;
    const char *t = f->p;
    while (t < e && *t == ' ')
        t++;
    *indent = (int)(t - f->p);
    *text = t;
    *len = (size_t)(e - t);
    return true;
}

static void fast_next(struct fast *f)
{
    const char *nl = memchr(f->p, '\n', (size_t)(f->end - f->p));
    f->p = nl ? nl + 1 : f->end;
    f->line++;
}

/* "key: value" or "key:" at t: the key's length and where the value starts
 * (*val_len 0: nothing after the colon). */
static bool fast_key(const char *t, size_t len, size_t *key_len, const char **val, size_t *val_len)
{
    size_t k = 0;
    while (k < len && ((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= '0' && t[k] <= '9') || t[k] == '_'))
        k++;
    if (!k || k > 128 || k >= len || t[k] != ':')
        return false;
    if ((k == 4 && !memcmp(t, "null", 4)))
        return false;
    *key_len = k;
    if (k + 1 == len) {
        *val = t + len;
        *val_len = 0;
        return true;
    }
    if (t[k + 1] != ' ')
        return false;
    *val = t + k + 2;
    *val_len = len - k - 2;
    return *val_len > 0;
}

static int fast_scalar(struct govern_node **out, struct fast *f, const char *v, size_t n)
{
    if (!fast_plain(v, n) || ++f->nodes > GOVERN_DOC_MAX_NODES)
        return 0;
    struct govern_node *node = node_new(GOVERN_NODE_SCALAR, f->line);
    if (!node || !(node->scalar = strndup(v, n))) {
        govern_node_free(node);
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    *out = node;
    return 1;
}

static int fast_map(struct govern_node **out, struct fast *f, int indent, const char *t, size_t len,
                    int depth);

/* A block list whose first "- " is on the current line at indent. */
static int fast_seq(struct govern_node **out, struct fast *f, int indent, int depth)
{
    if (depth >= GOVERN_DOC_MAX_DEPTH || ++f->nodes > GOVERN_DOC_MAX_NODES)
        return 0;
    struct govern_node *seq = node_new(GOVERN_NODE_SEQ, f->line);
    if (!seq)
        return GOVERN_ENOMEM;
    int rc = 1, in;
    const char *t;
    size_t len;
    while (rc == 1 && fast_line(f, &in, &t, &len) && in >= indent) {
        if (in > indent || len < 2 || t[0] != '-' || t[1] != ' ') {
            if (in > indent)
                rc = 0; /* a continuation, a deeper list...: not ours */
            break;
        }
        if (seq->n + 1 >= MAX_COLLECTION) {
            rc = 0;
            break;
        }
        struct govern_node *item = NULL;
        size_t kl, vl;
        const char *v;
        if (fast_key(t + 2, len - 2, &kl, &v, &vl)) {
            rc = fast_map(&item, f, indent + 2, t + 2, len - 2, depth + 1);
        } else {
            rc = fast_scalar(&item, f, t + 2, len - 2);
            if (rc == 1)
                fast_next(f);
        }
        if (rc == 1 && node_append(seq, NULL, 0, item)) {
            govern_node_free(item);
            rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        }
    }
    if (rc != 1) {
        govern_node_free(seq);
        return rc;
    }
    *out = seq;
    return 1;
}

/* A block map at indent whose first "key: ..." is t (len bytes) on the
 * current line (after a "- " when the map is a list item). */
static int fast_map(struct govern_node **out, struct fast *f, int indent, const char *t, size_t len,
                    int depth)
{
    if (depth >= GOVERN_DOC_MAX_DEPTH || ++f->nodes > GOVERN_DOC_MAX_NODES)
        return 0;
    struct govern_node *map = node_new(GOVERN_NODE_MAP, f->line);
    if (!map)
        return GOVERN_ENOMEM;
    int rc = 1, in = indent;
    for (bool first = true; rc == 1; first = false) {
        if (!first) {
            if (!fast_line(f, &in, &t, &len) || in < indent)
                break;
            if (in > indent) {
                rc = 0;
                break;
            }
        }
        size_t kl, vl;
        const char *v;
        if (!fast_key(t, len, &kl, &v, &vl) || map->n + 1 >= MAX_COLLECTION) {
            rc = 0;
            break;
        }
        for (size_t i = 0; i < map->n; i++)
            if (strlen(map->keys[i]) == kl && !memcmp(map->keys[i], t, kl))
                rc = 0; /* a repeated key: the parser names it */
        if (rc != 1)
            break;
        int key_line = f->line;
        struct govern_node *value = NULL;
        if (vl) {
            if ((rc = fast_scalar(&value, f, v, vl)) == 1)
                fast_next(f);
        } else {
            fast_next(f);
            int vin;
            const char *vt;
            size_t vlen, k2, v2l;
            const char *v2;
            if (!fast_line(f, &vin, &vt, &vlen) || vin < indent)
                rc = 0; /* a null */
            else if (vlen >= 2 && vt[0] == '-' && vt[1] == ' ')
                rc = fast_seq(&value, f, vin, depth + 1);
            else if (vin > indent && fast_key(vt, vlen, &k2, &v2, &v2l))
                rc = fast_map(&value, f, vin, vt, vlen, depth + 1);
            else
                rc = 0;
        }
        if (rc != 1)
            break;
        char *key = strndup(t, kl);
        if (!key || node_append(map, key, key_line, value)) {
            free(key);
            govern_node_free(value);
            rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        }
    }
    if (rc != 1) {
        govern_node_free(map);
        return rc;
    }
    *out = map;
    return 1;
}

/* 1: *out is the tree of text (front matter starting on line first_line);
 * 0: not in the canonical form; <0: out of memory. */
static int fast_yaml(struct govern_node **out, const char *text, size_t len, int first_line)
{
    struct fast f = {text, text + len, first_line, 0};
    int indent;
    const char *t;
    size_t n, kl, vl;
    const char *v;
    if (!len || text[len - 1] != '\n' || !fast_line(&f, &indent, &t, &n) || indent ||
        !fast_key(t, n, &kl, &v, &vl))
        return 0;
    struct govern_node *root = NULL;
    int rc = fast_map(&root, &f, 0, t, n, 0);
    if (rc == 1 && f.p < f.end) {
        govern_node_free(root); /* a line the map did not take */
        return 0;
    }
    if (rc == 1)
        *out = root;
    return rc;
}

static int doc_new(struct govern_doc **out, const char *path)
{
    struct govern_doc *d = calloc(1, sizeof(*d));
    if (!d || !(d->path = strdup(path))) {
        free(d);
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    *out = d;
    return 0;
}

static int precheck(const char *path, const char *text, size_t len)
{
    if (len > GOVERN_DOC_MAX_BYTES)
        return govern_error_set(GOVERN_EINVAL, "%s:1: file is too large (%zu bytes, limit %d)",
                                path, len, GOVERN_DOC_MAX_BYTES);
    return govern_utf8_check(path, text, len);
}

/* Is the line starting at p exactly the fence (followed by \n, \r\n or the end)? */
static size_t fence_len(const char *p, const char *end, const char *fence)
{
    size_t n = strlen(fence);
    if ((size_t)(end - p) < n || memcmp(p, fence, n) != 0)
        return 0;
    const char *q = p + n;
    while (q < end && (*q == ' ' || *q == '\t'))
        q++;
    if (q == end)
        return (size_t)(q - p);
    if (*q == '\n')
        return (size_t)(q - p) + 1;
    if (*q == '\r' && q + 1 < end && q[1] == '\n')
        return (size_t)(q - p) + 2;
    return 0;
}

int govern_doc_parse(struct govern_doc **out, const char *path, const char *text, size_t len)
{
    return govern_doc_parse_mode(out, path, text, len, GOVERN_PARSE_AUTO);
}

/* The test seam of core/testing.h (tests/ical/test_doc_fast.c). */
int govern_doc_parse_mode(struct govern_doc **out, const char *path, const char *text, size_t len,
                          enum govern_parse_mode mode)
{
    int rc = precheck(path, text, len);
    if (rc)
        return rc;
    const char *end = text + len;
    size_t open = fence_len(text, end, "---");
    if (!open)
        return govern_error_set(
            GOVERN_EINVAL, "%s:1: no front matter (the file must start with a line '---')", path);
    const char *yaml_start = text + open, *p = yaml_start;
    int line = 2, close_line = 0;
    const char *yaml_end = NULL, *body = NULL;
    while (p < end) {
        size_t f = fence_len(p, end, "---");
        if (!f)
            f = fence_len(p, end, "...");
        if (f) {
            yaml_end = p;
            body = p + f;
            close_line = line;
            break;
        }
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        p = nl + 1;
        line++;
    }
    if (!yaml_end)
        return govern_error_set(GOVERN_EINVAL,
                                "%s:1: front matter is not closed (no line '---' after it)", path);
    struct govern_doc *d = NULL;
    if ((rc = doc_new(&d, path)))
        return rc;
    size_t ylen = (size_t)(yaml_end - yaml_start);
    int fast = mode == GOVERN_PARSE_LIBYAML ? 0 : fast_yaml(&d->meta, yaml_start, ylen, 2);
    if (fast < 0)
        rc = fast;
    else if (!fast && mode == GOVERN_PARSE_FAST_ONLY)
        rc = govern_error_set(GOVERN_ENOTFOUND, "%s: not in the canonical form", path);
    else if (!fast)
        rc = parse_yaml(&d->meta, path, yaml_start, ylen, 1);
    if (!rc) {
        size_t blen = (size_t)(end - body);
        d->body = malloc(blen + 1);
        if (!d->body) {
            rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
        } else {
            memcpy(d->body, body, blen);
            d->body[blen] = '\0';
            d->body_line = close_line + 1;
        }
    }
    if (rc) {
        govern_doc_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

int govern_doc_parse_yaml(struct govern_doc **out, const char *path, const char *text, size_t len)
{
    int rc = precheck(path, text, len);
    if (rc)
        return rc;
    struct govern_doc *d = NULL;
    if ((rc = doc_new(&d, path)))
        return rc;
    rc = parse_yaml(&d->meta, path, text, len, 0);
    if (!rc && !(d->body = calloc(1, 1)))
        rc = govern_error_set(GOVERN_ENOMEM, "out of memory");
    if (rc) {
        govern_doc_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

void govern_doc_free(struct govern_doc *doc)
{
    if (!doc)
        return;
    free(doc->path);
    govern_node_free(doc->meta);
    free(doc->body);
    free(doc);
}

/* --- field access --- */

int govern_doc_error(const struct govern_doc *doc, int line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return govern_error_set(GOVERN_EINVAL, "%s:%d: %s", doc->path, line, msg);
}

const struct govern_node *govern_node_get(const struct govern_node *map, const char *key)
{
    if (!map || map->kind != GOVERN_NODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->keys[i], key) == 0)
            return map->items[i];
    return NULL;
}

int govern_node_check_keys(const struct govern_doc *doc, const struct govern_node *map,
                           const char *const *allowed)
{
    for (size_t i = 0; i < map->n; i++) {
        bool ok = false;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, map->keys[i]) == 0) {
                ok = true;
                break;
            }
        if (!ok)
            return govern_doc_error(doc, map->key_lines[i], "unknown field '%s'", map->keys[i]);
    }
    return 0;
}

int govern_node_key_line(const struct govern_node *map, const char *key)
{
    for (size_t i = 0; map && i < map->n; i++)
        if (strcmp(map->keys[i], key) == 0)
            return map->key_lines[i];
    return map ? map->line : 0;
}

int govern_node_one_line(const struct govern_doc *doc, const struct govern_node *map,
                         const char *key, const char *value)
{
    if (value && (strchr(value, '\n') || strchr(value, '\r')))
        return govern_doc_error(doc, govern_node_key_line(map, key),
                                "field '%s' must be on one line", key);
    return 0;
}

static int scalar_of(const char **out, const struct govern_doc *doc, const struct govern_node *map,
                     const char *key, bool required)
{
    const struct govern_node *v = govern_node_get(map, key);
    *out = NULL;
    if (!v || v->kind == GOVERN_NODE_NULL) {
        if (required)
            return govern_doc_error(doc, v ? v->line : map->line, "missing field '%s'", key);
        return 0;
    }
    if (v->kind != GOVERN_NODE_SCALAR)
        return govern_doc_error(doc, govern_node_key_line(map, key),
                                "field '%s' must be a single value", key);
    *out = v->scalar;
    return 0;
}

int govern_node_str(char **out, const struct govern_doc *doc, const struct govern_node *map,
                    const char *key, bool required)
{
    const char *s;
    int rc = scalar_of(&s, doc, map, key, required);
    *out = NULL;
    if (rc || !s)
        return rc;
    if (required && !*s)
        return govern_doc_error(doc, govern_node_key_line(map, key), "field '%s' is empty", key);
    if (!(*out = strdup(s)))
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    return 0;
}

int govern_node_int(int *out, const struct govern_doc *doc, const struct govern_node *map,
                    const char *key, bool required, int min, int max)
{
    const char *s;
    int rc = scalar_of(&s, doc, map, key, required);
    if (rc || !s)
        return rc;
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < min || v > max)
        return govern_doc_error(doc, govern_node_key_line(map, key),
                                "field '%s' must be a whole number from %d to %d, not '%s'", key,
                                min, max, s);
    *out = (int)v;
    return 0;
}

int govern_node_bool(bool *out, const struct govern_doc *doc, const struct govern_node *map,
                     const char *key, bool dflt)
{
    const char *s;
    int rc = scalar_of(&s, doc, map, key, false);
    *out = dflt;
    if (rc || !s)
        return rc;
    if (!strcmp(s, "true") || !strcmp(s, "yes"))
        *out = true;
    else if (!strcmp(s, "false") || !strcmp(s, "no"))
        *out = false;
    else
        return govern_doc_error(doc, govern_node_key_line(map, key),
                                "field '%s' must be true or false, not '%s'", key, s);
    return 0;
}

int govern_node_date(int *out, const struct govern_doc *doc, const struct govern_node *map,
                     const char *key, bool required)
{
    const char *s;
    int rc = scalar_of(&s, doc, map, key, required);
    *out = GOVERN_DATE_NONE;
    if (rc || !s)
        return rc;
    govern_date d;
    if (govern_date_parse(&d, s))
        return govern_doc_error(doc, govern_node_key_line(map, key), "field '%s': %s", key,
                                govern_error_last());
    *out = d;
    return 0;
}

int govern_node_time(int *out, const struct govern_doc *doc, const struct govern_node *map,
                     const char *key, bool required)
{
    const char *s;
    int rc = scalar_of(&s, doc, map, key, required);
    *out = GOVERN_TIME_NONE;
    if (rc || !s)
        return rc;
    govern_time t;
    if (govern_time_parse(&t, s))
        return govern_doc_error(doc, govern_node_key_line(map, key), "field '%s': %s", key,
                                govern_error_last());
    *out = t;
    return 0;
}

/* --- building --- */

struct govern_node *govern_node_new_map(void)
{
    return node_new(GOVERN_NODE_MAP, 0);
}

struct govern_node *govern_node_new_seq(void)
{
    return node_new(GOVERN_NODE_SEQ, 0);
}

/* Remembers the first failed add into parent (for the emitter); NULL. */
static struct govern_node *add_failed(struct govern_node *parent, int rc)
{
    if (!parent->error)
        parent->error = rc;
    return NULL;
}

static struct govern_node *add_child(struct govern_node *parent, const char *key,
                                     struct govern_node *child)
{
    if (!child)
        return add_failed(parent, GOVERN_ENOMEM);
    char *k = NULL;
    int rc = 0;
    if (parent->kind == GOVERN_NODE_MAP && !(k = strdup(key)))
        rc = govern_oom();
    if (rc || (rc = node_append(parent, k, 0, child))) {
        free(k);
        govern_node_free(child);
        return add_failed(parent, rc);
    }
    return child;
}

struct govern_node *govern_node_add_str(struct govern_node *parent, const char *key,
                                        const char *value)
{
    if (!parent || !value)
        return parent;
    struct govern_node *n = node_new(GOVERN_NODE_SCALAR, 0);
    if (n && !(n->scalar = strdup(value))) {
        free(n);
        n = NULL;
        govern_oom();
    }
    return add_child(parent, key, n);
}

struct govern_node *govern_node_add_int(struct govern_node *parent, const char *key, long v)
{
    char tmp[32];
    snprintf(tmp, sizeof(tmp), "%ld", v);
    return govern_node_add_str(parent, key, tmp);
}

struct govern_node *govern_node_add_bool(struct govern_node *parent, const char *key, bool v)
{
    return govern_node_add_str(parent, key, v ? "true" : "false");
}

struct govern_node *govern_node_add_date(struct govern_node *parent, const char *key, int date)
{
    if (date == GOVERN_DATE_NONE)
        return parent;
    char tmp[11];
    govern_date_format(tmp, date);
    return govern_node_add_str(parent, key, tmp);
}

struct govern_node *govern_node_add_time(struct govern_node *parent, const char *key, int time)
{
    if (time == GOVERN_TIME_NONE)
        return parent;
    char tmp[6];
    govern_time_format(tmp, time);
    return govern_node_add_str(parent, key, tmp);
}

struct govern_node *govern_node_add_map(struct govern_node *parent, const char *key)
{
    return parent ? add_child(parent, key, node_new(GOVERN_NODE_MAP, 0)) : NULL;
}

struct govern_node *govern_node_add_seq(struct govern_node *parent, const char *key)
{
    return parent ? add_child(parent, key, node_new(GOVERN_NODE_SEQ, 0)) : NULL;
}

int govern_node_add_copy(struct govern_node *parent, const char *key, const struct govern_node *n)
{
    struct govern_node *child = NULL;
    switch (n->kind) {
    case GOVERN_NODE_NULL:
        child = govern_node_add_str(parent, key, "");
        if (child && child != parent) {
            free(child->scalar);
            child->scalar = NULL;
            child->kind = GOVERN_NODE_NULL;
        }
        return child ? 0 : govern_error_set(GOVERN_ENOMEM, "out of memory");
    case GOVERN_NODE_SCALAR:
        return govern_node_add_str(parent, key, n->scalar)
                   ? 0
                   : govern_error_set(GOVERN_ENOMEM, "out of memory");
    case GOVERN_NODE_SEQ:
        child = govern_node_add_seq(parent, key);
        break;
    case GOVERN_NODE_MAP:
        child = govern_node_add_map(parent, key);
        break;
    }
    if (!child)
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    for (size_t i = 0; i < n->n; i++) {
        int rc = govern_node_add_copy(child, n->kind == GOVERN_NODE_MAP ? n->keys[i] : NULL,
                                      n->items[i]);
        if (rc)
            return rc;
    }
    return 0;
}

/* --- emitting --- */

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
    return govern_buf_put(data, (const char *)buffer, size) == 0;
}

/* Every key and scalar of the tree must be text that the parser takes back
 * (parse_yaml: UTF-8, no control character but TAB, LF and CR, no DEL): so
 * libyaml never sees bytes it refuses, and nothing is written that govern
 * could not read.  where names the field in the error ("items.2.title"). */
static int emit_check(const struct govern_node *n, char *where, size_t cap)
{
    size_t at = strlen(where);
    if (n->error)
        return govern_error_set(n->error, "cannot write '%s': a field could not be added (%s)",
                                *where ? where : "(top)",
                                n->error == GOVERN_ENOMEM ? "out of memory" : "too many entries");
    if (n->kind == GOVERN_NODE_SCALAR) {
        char what[300];
        snprintf(what, sizeof(what), "field '%s'", *where ? where : "(top)");
        return govern_text_check(what, n->scalar ? n->scalar : "",
                                 n->scalar ? strlen(n->scalar) : 0,
                                 GOVERN_TEXT_LINES | GOVERN_TEXT_CR, GOVERN_DOC_MAX_BYTES);
    }
    int rc = 0;
    for (size_t i = 0; i < n->n && !rc; i++) {
        if (n->kind == GOVERN_NODE_MAP) {
            const char *k = n->keys[i] ? n->keys[i] : "";
            char what[300];
            snprintf(what, sizeof(what), "a field name in '%s'", *where ? where : "(top)");
            if ((rc = govern_text_check(what, k, strlen(k), GOVERN_TEXT_LINES | GOVERN_TEXT_CR,
                                        GOVERN_DOC_MAX_BYTES)))
                break;
            snprintf(where + at, cap - at, "%s%.*s", at ? "." : "", 64, k);
        } else {
            snprintf(where + at, cap - at, "%s%zu", at ? "." : "", i + 1);
        }
        rc = emit_check(n->items[i], where, cap);
        where[at] = '\0';
    }
    return rc;
}

/* yaml_*_event_initialize() returns 0 and leaves the event untouched when it
 * refuses its input: the event must then never reach yaml_emitter_emit(),
 * which would free a previous event's strings a second time (or spin). */
static int emit_event(yaml_emitter_t *em, yaml_event_t *ev, int initialized)
{
    if (!initialized)
        return 0;
    return yaml_emitter_emit(em, ev);
}

static int emit_scalar(yaml_emitter_t *em, const char *s, bool is_key)
{
    yaml_event_t ev;
    yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
    if (is_null_plain(s))
        style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    else if (!is_key && strchr(s, '\n'))
        style = YAML_LITERAL_SCALAR_STYLE;
    return emit_event(em, &ev,
                      yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
                                                   (int)strlen(s), 1, 1, style));
}

static int emit_node(yaml_emitter_t *em, const struct govern_node *n)
{
    yaml_event_t ev;
    switch (n->kind) {
    case GOVERN_NODE_NULL:
        return emit_event(em, &ev,
                          yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)"", 0, 1, 1,
                                                       YAML_PLAIN_SCALAR_STYLE));
    case GOVERN_NODE_SCALAR:
        return emit_scalar(em, n->scalar, false);
    case GOVERN_NODE_SEQ:
        if (!emit_event(em, &ev,
                        yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                                             YAML_BLOCK_SEQUENCE_STYLE)))
            return 0;
        for (size_t i = 0; i < n->n; i++)
            if (!emit_node(em, n->items[i]))
                return 0;
        return emit_event(em, &ev, yaml_sequence_end_event_initialize(&ev));
    case GOVERN_NODE_MAP:
        if (!emit_event(
                em, &ev,
                yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE)))
            return 0;
        for (size_t i = 0; i < n->n; i++)
            if (!emit_scalar(em, n->keys[i], true) || !emit_node(em, n->items[i]))
                return 0;
        return emit_event(em, &ev, yaml_mapping_end_event_initialize(&ev));
    }
    return 0;
}

int govern_yaml_emit(struct govern_buf *out, const struct govern_node *meta)
{
    char where[512] = "";
    int rc = meta ? emit_check(meta, where, sizeof(where)) : 0;
    if (rc)
        return rc;
    if (!meta)
        return govern_error_set(GOVERN_EINVAL, "cannot write YAML: no tree");
    yaml_emitter_t em;
    yaml_event_t ev;
    if (!yaml_emitter_initialize(&em))
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    yaml_emitter_set_output(&em, write_handler, out);
    yaml_emitter_set_unicode(&em, 1);
    yaml_emitter_set_width(&em, -1);
    yaml_emitter_set_indent(&em, 2);
    int ok = emit_event(&em, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
    ok = ok && emit_event(&em, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
    if (meta->kind == GOVERN_NODE_MAP && meta->n == 0) {
        ok = ok && emit_event(&em, &ev,
                              yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                                                  YAML_FLOW_MAPPING_STYLE));
        ok = ok && emit_event(&em, &ev, yaml_mapping_end_event_initialize(&ev));
    } else {
        ok = ok && emit_node(&em, meta);
    }
    ok = ok && emit_event(&em, &ev, yaml_document_end_event_initialize(&ev, 1));
    ok = ok && emit_event(&em, &ev, yaml_stream_end_event_initialize(&ev));
    if (!ok)
        rc = govern_error_set(GOVERN_EINVAL, "cannot write YAML: %s",
                              em.problem ? em.problem : "emitter error");
    yaml_emitter_delete(&em);
    /* libyaml ends a document whose last scalar keeps trailing blank lines
     * with "..."; in a front-matter file that line would close the fence
     * early, so the real "---" would slide into the body on every save. */
    if (!rc && out->len >= 4 && !memcmp(out->ptr + out->len - 4, "...\n", 4) &&
        (out->len == 4 || out->ptr[out->len - 5] == '\n')) {
        out->len -= 4;
        out->ptr[out->len] = '\0';
    }
    return rc;
}

int govern_doc_emit(struct govern_buf *out, const struct govern_node *meta, const char *body)
{
    /* the body is Markdown, not YAML: the rules of the whole file apply */
    int rc = body ? govern_utf8_check("the text after the front matter", body, strlen(body)) : 0;
    if (!rc)
        rc = govern_buf_puts(out, "---\n");
    if (!rc)
        rc = govern_yaml_emit(out, meta);
    if (!rc)
        rc = govern_buf_puts(out, "---\n");
    if (!rc && body && *body)
        rc = govern_buf_puts(out, body);
    return rc;
}

int govern_doc_emit_text(struct govern_buf *out, const struct govern_node *meta, const char *text)
{
    struct govern_buf body = GOVERN_BUF_INIT;
    int rc = 0;
    if (text && *text) {
        rc = govern_buf_printf(&body, "\n%s", text);
        if (!rc && body.ptr[body.len - 1] != '\n')
            rc = govern_buf_putc(&body, '\n');
    }
    if (!rc)
        rc = govern_doc_emit(out, meta, body.ptr);
    govern_buf_free(&body);
    return rc;
}

int govern_doc_read_back(struct govern_buf *out, size_t start, int rc)
{
    if (!rc)
        return 0;
    out->len = start;
    if (out->ptr)
        out->ptr[start] = '\0';
    return govern_error_prefix(rc == GOVERN_ENOMEM ? rc : GOVERN_EINVAL,
                               "not written, it would not read back");
}

int govern_field_lines_set(struct govern_field_lines *out, const struct govern_node *map)
{
    govern_field_lines_clear(out);
    if (!map || map->kind != GOVERN_NODE_MAP || map->n == 0)
        return 0;
    out->keys = calloc(map->n, sizeof(*out->keys));
    out->lines = calloc(map->n, sizeof(*out->lines));
    if (!out->keys || !out->lines) {
        govern_field_lines_clear(out);
        return govern_error_set(GOVERN_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < map->n; i++) {
        out->keys[i] = strdup(map->keys[i]);
        if (!out->keys[i]) {
            out->count = i;
            govern_field_lines_clear(out);
            return govern_error_set(GOVERN_ENOMEM, "out of memory");
        }
        out->lines[i] = map->key_lines ? map->key_lines[i] : map->line;
    }
    out->count = map->n;
    return 0;
}

int govern_field_line(const struct govern_field_lines *f, const char *key)
{
    for (size_t i = 0; f && i < f->count; i++)
        if (strcmp(f->keys[i], key) == 0)
            return f->lines[i];
    return 1;
}

void govern_field_lines_clear(struct govern_field_lines *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->count; i++)
        free(f->keys[i]);
    free(f->keys);
    free(f->lines);
    f->keys = NULL;
    f->lines = NULL;
    f->count = 0;
}

bool govern_node_equal(const struct govern_node *a, const struct govern_node *b, bool exact)
{
    if (!a || !b)
        return a == b;
    if (a->kind != b->kind || a->n != b->n)
        return false;
    if (exact && (a->line != b->line || a->quoted != b->quoted))
        return false;
    if ((a->scalar == NULL) != (b->scalar == NULL) || (a->scalar && strcmp(a->scalar, b->scalar)))
        return false;
    for (size_t i = 0; i < a->n; i++) {
        if (a->kind == GOVERN_NODE_MAP &&
            (strcmp(a->keys[i], b->keys[i]) || (exact && (a->key_lines ? a->key_lines[i] : 0) !=
                                                             (b->key_lines ? b->key_lines[i] : 0))))
            return false;
        if (!govern_node_equal(a->items[i], b->items[i], exact))
            return false;
    }
    return true;
}
