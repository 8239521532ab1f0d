/*
 * Indexes the model's own files share (model.c, check.c, check_minutes.c,
 * approval.c, public.c) and the unit tests see, nothing else: the municipal
 * years of every committee built once per command, and the test seam that
 * counts lookup steps so that a test can prove a lookup path linear without
 * timing it.
 */
#ifndef GOVERN_MODEL_PRIV_H
#define GOVERN_MODEL_PRIV_H

#include <stddef.h>
#include "govern/check.h"
#include "govern/model.h"

/* Steps taken by the indexed lookups (one per comparison of a binary
 * search, one per record a bounded scan looks at).  A test seam: tests
 * reset it, run a command's path on n and 4n records and compare. */
extern unsigned long govern_lookup_steps;

/* Builds m->meeting_by_id (what govern_model_load does), so that a model
 * built by hand (tests) is looked up as a loaded one is: its committees
 * must be sorted by slug and its meetings by date, time and id. */
int govern_model_index(struct govern_model *m);

/* Where each committee's municipal years start, from its annual meetings,
 * built once: govern_year_index_start answers what govern_municipal_year_start
 * does over the same meetings, with three binary searches instead of three
 * passes over every meeting. */
struct govern_year_index;

int govern_year_index_build(struct govern_year_index **out, const struct govern_config *cfg,
                            struct govern_meeting *const *meetings, size_t n);
govern_date govern_year_index_start(int *label, const struct govern_year_index *ix,
                                    const char *committee, govern_date d);
void govern_year_index_free(struct govern_year_index *ix);

#endif
