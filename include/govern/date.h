/*
 * Calendar dates and times as plain integers, with strict parsing
 * (2021-02-30 is refused), the England and Wales bank holidays, and the
 * "clear days" counting rules used for agenda notice.
 */
#ifndef GOVERN_DATE_H
#define GOVERN_DATE_H

#include <stdbool.h>
#include <stdint.h>

/* Days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t govern_date;
#define GOVERN_DATE_NONE INT32_MIN

/* Minutes since midnight, or GOVERN_TIME_NONE. */
typedef int32_t govern_time;
#define GOVERN_TIME_NONE (-1)

int govern_date_parse(govern_date *out, const char *s);
int govern_date_from_ymd(govern_date *out, int y, int m, int d);
void govern_date_to_ymd(govern_date d, int *y, int *m, int *day);
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void govern_date_format(char out[11], govern_date d);
/* "Monday 21 September 2020" (at least 40 bytes). */
void govern_date_format_long(char out[40], govern_date d);
/* "21 September 2020", the date in running text (at least 40 bytes). */
void govern_date_format_text(char out[40], govern_date d);
/* "January" ... "December" for 1 ... 12; NULL for any other number. */
const char *govern_month_name(int m);
/* 0 = Monday ... 6 = Sunday. */
int govern_date_weekday(govern_date d);
govern_date govern_date_today(void);
bool govern_date_is_leap(int y);
int govern_date_days_in_month(int y, int m);
govern_date govern_date_easter(int year);

/* The same day n months later (n < 0: earlier), or the last day of that
 * month when it is shorter (31 January + 1 month = 28 or 29 February).
 * A result outside the years 1900-2999 stops at 1900-01-01 or 2999-12-31. */
govern_date govern_date_add_months(govern_date d, int n);

int govern_time_parse(govern_time *out, const char *s);
/* "HH:MM" (at least 6 bytes). */
void govern_time_format(char out[6], govern_time t);

/* Extra holidays a store declares (config `holidays:`), sorted. */
struct govern_holidays {
    govern_date *extra;
    int n_extra;
    govern_date *removed; /* shipped holidays that did not happen */
    int n_removed;
};

/* England and Wales bank holidays (rules plus the one-off changes since 1995). */
bool govern_date_is_bank_holiday(govern_date d, const struct govern_holidays *h);

enum govern_notice_counting {
    GOVERN_NOTICE_S243 =
        0,                 /* s243 LGA 1972: skip Sundays, Christmas and Easter breaks, bank hols */
    GOVERN_NOTICE_WORKING, /* skip Saturdays, Sundays and bank holidays */
};

/* Does day d count as a clear day under the rule? */
bool govern_date_counts(govern_date d, enum govern_notice_counting rule,
                        const struct govern_holidays *h);
/* Clear days strictly between a (publication) and b (meeting). */
int govern_date_clear_days(govern_date a, govern_date b, enum govern_notice_counting rule,
                           const struct govern_holidays *h);
/* The latest publication date that still gives n clear days before the meeting. */
govern_date govern_date_notice_deadline(govern_date meeting, int n,
                                        enum govern_notice_counting rule,
                                        const struct govern_holidays *h);
/* The date n working days after d (Saturdays, Sundays, bank holidays skipped). */
govern_date govern_date_add_working_days(govern_date d, int n, const struct govern_holidays *h);

#endif
