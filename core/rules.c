/*
 * Small predicates of the rules of the trade that several commands, the
 * core checks and plugins must apply alike, so that a word refused in one
 * place is refused everywhere: whether a text states a reason (for an urgent
 * item or an urgent decision) and whether a dispensation records a grant.
 */
#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>
#include "govern/check.h"

/* s without leading and trailing blanks and a trailing full stop: [*b, *e). */
static void trim(const char *s, const char **b, const char **e)
{
    const char *p = s, *q = s + strlen(s);
    while (p < q && isspace((unsigned char)*p))
        p++;
    while (q > p && (isspace((unsigned char)q[-1]) || q[-1] == '.'))
        q--;
    *b = p;
    *e = q;
}

bool govern_reason_stated(const char *s)
{
    /* words that answer "is it urgent?" or "why?" without giving a reason */
    static const char *const words[] = {"none",      "n/a",        "na",        "not applicable",
                                        "no",        "-",          "yes",       "y",
                                        "true",      "false",      "nil",       "urgent",
                                        "tbc",       "tba",        "unknown",   "none given",
                                        "no reason", "not urgent", "see above", "null",
                                        "?",         NULL};
    if (!s)
        return false;
    const char *b, *e;
    trim(s, &b, &e);
    if (b == e)
        return false;
    for (const char *const *w = words; *w; w++)
        if ((size_t)(e - b) == strlen(*w) && !strncasecmp(b, *w, (size_t)(e - b)))
            return false;
    return true;
}

bool govern_dispensation_granted(const char *s)
{
    if (!s)
        return false;
    const char *b, *e;
    trim(s, &b, &e);
    if (e - b < 7 || strncasecmp(b, "granted", 7) != 0)
        return false;
    /* the word itself, not "grantedness": end, a blank or punctuation */
    return e - b == 7 || !isalnum((unsigned char)b[7]);
}
