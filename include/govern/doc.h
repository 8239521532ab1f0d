/*
 * Documents: a Markdown file with YAML front matter, the format of every
 * record in a store.  The front matter is parsed with libyaml into a small
 * tree of maps, sequences and scalars that remembers line numbers, under
 * hard limits: size, nesting depth, node count; anchors, aliases, tags and
 * duplicate keys are refused; text must be UTF-8.  Scalars stay strings:
 * the model decides what a field means, so `10:00` or `no` never change type.
 */
#ifndef GOVERN_DOC_H
#define GOVERN_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"

#define GOVERN_DOC_MAX_BYTES (1024 * 1024) /* a record larger than 1 MiB is refused */
#define GOVERN_DOC_MAX_DEPTH 6             /* map > seq > map > seq > map > scalar */
#define GOVERN_DOC_MAX_NODES 100000

enum govern_node_kind { GOVERN_NODE_NULL, GOVERN_NODE_SCALAR, GOVERN_NODE_SEQ, GOVERN_NODE_MAP };

struct govern_node {
    enum govern_node_kind kind;
    int line;                   /* 1-based line in the file */
    char *scalar;               /* SCALAR: the text; map keys too */
    bool quoted;                /* SCALAR: written in quotes (so "null" is a string) */
    size_t n;                   /* SEQ/MAP: number of children */
    struct govern_node **items; /* SEQ: n values; MAP: n values */
    char **keys;                /* MAP: n keys */
    int *key_lines;             /* MAP: line of each key */
    int error;                  /* built trees: the first govern_node_add_* into this node that
                                   failed (GOVERN_ENOMEM...); emitting the tree returns it */
};

struct govern_doc {
    char *path;               /* for messages: path relative to the store */
    struct govern_node *meta; /* front matter (a MAP), never NULL after parse */
    char *body;               /* Markdown after the closing ---, verbatim */
    int body_line;            /* line number of the body's first line */
};

/* Parses text (len bytes) as a front-matter document; path names it in errors. */
int govern_doc_parse(struct govern_doc **out, const char *path, const char *text, size_t len);
/* Parses a plain YAML file (no --- fences), e.g. govern.yaml. */
int govern_doc_parse_yaml(struct govern_doc **out, const char *path, const char *text, size_t len);
void govern_doc_free(struct govern_doc *doc);

/* Checks that text is valid UTF-8 without NUL bytes; names path and line. */
int govern_utf8_check(const char *path, const char *text, size_t len);

/* A text given to govern (a command-line argument, a field about to be
 * written): at most max bytes (0: no limit), UTF-8, no NUL, no control
 * character but TAB, no line break unless GOVERN_TEXT_LINES (LF), no CR
 * unless GOVERN_TEXT_CR too.  Errors are GOVERN_EINVAL naming what:
 * "--location is not UTF-8 (byte 0xe9 at byte 4): ...". */
#define GOVERN_TEXT_LINES 1u        /* line breaks (LF) allowed */
#define GOVERN_TEXT_CR 2u           /* carriage returns allowed too (with GOVERN_TEXT_LINES) */
#define GOVERN_TEXT_MAX (64 * 1024) /* the limit for one command-line text */
int govern_text_check(const char *what, const char *text, size_t len, unsigned flags, size_t max);
/* A text a user gives for a record's field (--title TEXT, an owner's name):
 * UTF-8 ("WHAT is not valid text: ..."), not blank ("WHAT is empty"), at
 * most max bytes ("WHAT is too long (N bytes, limit MAX)"), and with
 * one_line no line break ("WHAT must be one line").  GOVERN_EINVAL.  A NULL
 * s (an option not given) passes. */
int govern_text_field_check(const char *what, const char *s, size_t max, bool one_line);

/* Reads a file a user names on the command line (--report FILE, calendar
 * import FILE) as text: it must be a regular file (its type is checked
 * before it is opened, so a FIFO or a device is refused, never read), at
 * most max bytes, UTF-8 as govern_utf8_check says ("FILE:LINE: ...").
 * what names it in errors ("--report"). */
int govern_text_file_read(struct govern_buf *out, const char *what, const char *path, size_t max);

/* --- reading fields, with errors that name path:line --- */

const struct govern_node *govern_node_get(const struct govern_node *map, const char *key);
/* Refuses keys of map that are not in allowed (a NULL-terminated list). */
int govern_node_check_keys(const struct govern_doc *doc, const struct govern_node *map,
                           const char *const *allowed);
/* A scalar field as a string; *out stays NULL when absent or null. */
int govern_node_str(char **out, const struct govern_doc *doc, const struct govern_node *map,
                    const char *key, bool required);
int govern_node_int(int *out, const struct govern_doc *doc, const struct govern_node *map,
                    const char *key, bool required, int min, int max);
int govern_node_bool(bool *out, const struct govern_doc *doc, const struct govern_node *map,
                     const char *key, bool dflt);
int govern_node_date(int *out, const struct govern_doc *doc, const struct govern_node *map,
                     const char *key, bool required);
int govern_node_time(int *out, const struct govern_doc *doc, const struct govern_node *map,
                     const char *key, bool required);
/* The line where key is written in map; map's own line when it has no such
 * key; 0 when map is NULL. */
int govern_node_key_line(const struct govern_node *map, const char *key);
/* Refuses a field that must be on one line (a title, a name) when value holds
 * a line break: "path:line: field 'KEY' must be on one line", at the line of
 * key in map.  A NULL value passes. */
int govern_node_one_line(const struct govern_doc *doc, const struct govern_node *map,
                         const char *key, const char *value);
/* An error at node's line: "path:line: message". */
int govern_doc_error(const struct govern_doc *doc, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Are two trees the same: kinds, keys and scalars, recursively?  With
 * exact, also every line, key line and whether scalars were quoted (two
 * parses of one text); without, only the content (a text and its
 * re-serialisation). */
bool govern_node_equal(const struct govern_node *a, const struct govern_node *b, bool exact);

/* Where each top-level field of a record is written, kept after parsing so
 * that checks on a field can name its line. */
struct govern_field_lines {
    char **keys;
    int *lines;
    size_t count;
};
/* Copies the keys and key lines of map (a MAP node; anything else: none). */
int govern_field_lines_set(struct govern_field_lines *out, const struct govern_node *map);
/* The line of key, or 1 (the front matter) when the field is not written. */
int govern_field_line(const struct govern_field_lines *f, const char *key);
void govern_field_lines_clear(struct govern_field_lines *f);

/* --- writing: a deterministic emitter for the same tree --- */

struct govern_node *govern_node_new_map(void);
struct govern_node *govern_node_new_seq(void);
/* Adds to a MAP (key) or SEQ (key NULL); returns the new child or NULL (ENOMEM).
 * Value NULL adds nothing and returns the map (absent fields are not written).
 * A failed add is remembered in parent->error and govern_yaml_emit /
 * govern_doc_emit of the tree return it, so a serialiser may add its fields
 * unchecked and check the emit alone; a NULL parent (a failed add_map or
 * add_seq) adds nothing and returns NULL. */
struct govern_node *govern_node_add_str(struct govern_node *parent, const char *key,
                                        const char *value);
struct govern_node *govern_node_add_int(struct govern_node *parent, const char *key, long v);
struct govern_node *govern_node_add_bool(struct govern_node *parent, const char *key, bool v);
struct govern_node *govern_node_add_date(struct govern_node *parent, const char *key, int date);
struct govern_node *govern_node_add_time(struct govern_node *parent, const char *key, int time);
/* Adds an empty MAP or SEQ child. */
struct govern_node *govern_node_add_map(struct govern_node *parent, const char *key);
struct govern_node *govern_node_add_seq(struct govern_node *parent, const char *key);
void govern_node_free(struct govern_node *n);
/* Adds a deep copy of n (a parsed subtree) to parent under key. */
int govern_node_add_copy(struct govern_node *parent, const char *key, const struct govern_node *n);

/* "---\n<yaml>---\n<body>" (body may be NULL). */
int govern_doc_emit(struct govern_buf *out, const struct govern_node *meta, const char *body);
/* As govern_doc_emit, for a record whose body is free Markdown text (notes,
 * a template): when text is not empty, one blank line after the front
 * matter, then text, ending in a newline. */
int govern_doc_emit_text(struct govern_buf *out, const struct govern_node *meta, const char *text);
/* Plain YAML (no fences). */
int govern_yaml_emit(struct govern_buf *out, const struct govern_node *meta);
/* A serialiser's last step: rc is what its parser said of the text it wrote
 * (from start in out).  On failure out is cut back to start and the error
 * reads "not written, it would not read back: <the parser's message>", so
 * that nothing is written that govern could not read. */
int govern_doc_read_back(struct govern_buf *out, size_t start, int rc);

#endif
