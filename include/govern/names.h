/*
 * People's names and other free text turned into file names and compared
 * the way a clerk would: transliterated to ASCII with ICU ("Llŷr Ŵyn" ->
 * "Llyr Wyn"), slugs for file names ("llyr-wyn"), and look-ups that ignore
 * case, accents and punctuation, refusing an ambiguous name.
 */
#ifndef GOVERN_NAMES_H
#define GOVERN_NAMES_H

#include <stddef.h>
#include "buf.h"

/* Appends the ASCII transliteration of UTF-8 text (ICU "Any-Latin;
 * Latin-ASCII"; a character with none is dropped). */
int govern_text_ascii(struct govern_buf *out, const char *utf8);
/* Appends a slug of text: lower-case ASCII letters and digits, words joined
 * by single '-' ("Cllr Zoë O'Brien" -> "cllr-zoe-o-brien"); may append
 * nothing. */
int govern_name_slug(struct govern_buf *out, const char *text);
/* Appends the form names are compared in: the slug with spaces for '-'. */
int govern_name_fold(struct govern_buf *out, const char *text);
/* Finds name among names[0..n): the exact name, else the one name equal to
 * it ignoring case, accents and punctuation.  Sets *index.  None:
 * GOVERN_ENOTFOUND "unknown WHAT 'name'" (with the nearest name when one is
 * close); several: GOVERN_EINVAL naming them.  what: "member". */
int govern_name_find(size_t *index, const char *const *names, size_t n, const char *name,
                     const char *what);

#endif
