/*
 * What the action register's files share (action.c, action_parse.c,
 * action_cache.c) and nothing else sees: the arena that owns every string
 * of a register (so tens of thousands of actions cost a handful of
 * allocations, and an action a filter rejects gives its memory back at
 * once), and the cache mapping whose strings a register read from the
 * cache points into.
 */
#ifndef GOVERN_ACTION_PRIV_H
#define GOVERN_ACTION_PRIV_H

#include <stddef.h>
#include "govern/action.h"
#include "govern/cache.h"
#include "govern/error.h"

#define ACTION_MAX_REFERRED 64
#define ACTION_MAX_LOG 10000

struct action_chunk {
    struct action_chunk *next;
    size_t used, cap;
    _Alignas(max_align_t) char data[];
};

struct govern_action_arena {
    struct action_chunk *head;
    struct govern_cache *cache; /* the cache the register was read from, or NULL */
};

struct action_mark {
    struct action_chunk *chunk;
    size_t used;
};

int action_ensure_arena(struct govern_action_register *r);
void *action_arena_alloc(struct govern_action_arena *a, size_t n);
const char *action_arena_strndup(struct govern_action_arena *a, const char *s, size_t n);
struct action_mark action_arena_mark(struct govern_action_arena *a);
/* Frees everything allocated after m. */
void action_arena_reset(struct govern_action_arena *a, struct action_mark m);
/* Orders ids by prefix, year, then serial as a number (…-999 before …-1000). */
int action_cmp_id(const char *a, const char *b);

#endif
