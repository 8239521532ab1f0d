/*
 * The publish plugin's shared state: one site being written, the public
 * model it is made from, the other plugins' public records (read through
 * their registered public outputs, as JSON) and the page helpers.
 */
#ifndef PUBLISH_H
#define PUBLISH_H

#include <jansson.h>
#include <govern/outdir.h>
#include <govern/plugin.h>

struct site_member {
    char *name;
    char *slug; /* members/SLUG/ */
};

struct site {
    struct govern_invocation *inv;
    struct govern_public *view;
    const struct govern_model *m;
    struct govern_outdir *out;
    const char *base_url; /* without a trailing '/', or NULL */
    govern_date as_of;
    struct site_member *members; /* sorted by name */
    size_t n_members;
    json_t *actions;             /* the public action register (array), or NULL */
    json_t **actions_by_meeting; /* the actions raised at a meeting, sorted by its id */
    size_t n_actions_by_meeting;
    json_t *decisions; /* public decision notices, newest first (array) */
    json_t *fplan;     /* Forward Plan entries (array), or NULL */
    const char *root;  /* the current page's way back to the site's root: "../../" */
};

/* data.c: the other plugins' public records */
/* Runs the registered command argv[0] (a public output) with argv[1..] in
 * format (NULL: its default), its output appended to out;
 * GOVERN_ENOTFOUND when no plugin has it. */
int site_run(struct govern_buf *out, struct site *s, const char *format, int argc,
             const char **argv);
int site_data_load(struct site *s);
void site_data_free(struct site *s);
/* Decisions (objects) taken at meeting_id, in order; json_decref the result. */
json_t *site_decisions_at(const struct site *s, const char *meeting_id);
/* Public actions raised by a committee (slug) or at a meeting (id). */
json_t *site_actions_of(const struct site *s, const char *committee, const char *meeting_id);
/* A string member of a JSON object, or NULL. */
const char *site_json_str(const json_t *o, const char *key);

/* page.c */
int site_page_begin(struct site *s, struct govern_buf *b, const char *root, const char *title,
                    const char *atom);
int site_page_end(struct site *s, struct govern_buf *b);
/* Ends the page in b and writes it as rel. */
int site_page_finish(struct site *s, struct govern_buf *b, const char *rel);
/* Writes b as rel and empties it. */
int site_page_write(struct site *s, const char *rel, struct govern_buf *b);
int site_esc(struct govern_buf *b, const char *text);
/* <a href="ROOT+target">text</a> */
int site_link(struct site *s, struct govern_buf *b, const char *target, const char *text);
/* Markdown from the store as HTML for readers: the clerk's action lines
 * as "Action: text — owner, due date", meeting ids as links to their
 * pages, headings moved down so that the highest is level top (0: as is). */
int site_markdown(struct site *s, struct govern_buf *b, const char *md, int top);
/* The same in a list item. */
int site_link_li(struct site *s, struct govern_buf *b, const char *target, const char *text);
/* "Thursday 14 March 2024" */
void site_date(char out[40], govern_date d);
/* "<a>Committee name, 14 March 2024</a>" for a meeting index. */
int site_meeting_link(struct site *s, struct govern_buf *b, const struct govern_meeting *mt);
const struct site_member *site_member(const struct site *s, const char *name);
int site_stylesheet(struct site *s);
int site_not_found(struct site *s);
/* The class and label of a RAG rating ("red" -> "rag-red", "Red"). */
int site_rag(struct govern_buf *b, const char *rag);

/* meeting.c */
int site_meeting_pages(struct site *s);
/* pages.c */
/* A list of decision notices (objects of `decision show --json`) linked to
 * their pages. */
int site_decision_list(struct site *s, struct govern_buf *b, json_t *list);
/* A table of public actions, RAG shown by colour and word. */
int site_action_table(struct site *s, struct govern_buf *b, json_t *list);
int site_home(struct site *s);
int site_calendar(struct site *s);
int site_committee_pages(struct site *s);
int site_decision_pages(struct site *s);
int site_forward_plan(struct site *s);
int site_actions_page(struct site *s);
/* people.c */
int site_members_load(struct site *s);
void site_members_free(struct site *s);
int site_member_pages(struct site *s);
/* feeds.c */
int site_feeds(struct site *s);

#endif
