/*
 * Dates as day numbers (days since 1970-01-01), strict parsing, England and
 * Wales bank holidays, and the clear-day counting rules for agenda notice:
 * s243 Local Government Act 1972 (Sundays, the Christmas and Easter breaks
 * and bank holidays are disregarded) or clear working days.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "govern/date.h"
#include "govern/error.h"

/* Howard Hinnant's days_from_civil / civil_from_days. */
static govern_date days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int)doe - 719468;
}

void govern_date_to_ymd(govern_date z, int *y, int *m, int *d)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int yy = (int)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
    const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (mm <= 2);
    *m = (int)mm;
    *d = (int)dd;
}

bool govern_date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int govern_date_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && govern_date_is_leap(y) ? 29 : days[m - 1];
}

govern_date govern_date_add_months(govern_date d, int n)
{
    int y, mo, day;
    govern_date_to_ymd(d, &y, &mo, &day);
    long total = (long)y * 12 + (mo - 1) + n;
    if (total < 1900L * 12 || total > 2999L * 12 + 11) {
        govern_date edge;
        govern_date_from_ymd(&edge, total < 1900L * 12 ? 1900 : 2999, total < 1900L * 12 ? 1 : 12,
                             total < 1900L * 12 ? 1 : 31);
        return edge;
    }
    y = (int)(total / 12);
    mo = (int)(total % 12) + 1;
    int last = govern_date_days_in_month(y, mo);
    govern_date out;
    govern_date_from_ymd(&out, y, mo, day < last ? day : last);
    return out;
}

int govern_date_from_ymd(govern_date *out, int y, int m, int d)
{
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > govern_date_days_in_month(y, m))
        return govern_error_set(GOVERN_EINVAL, "invalid date %04d-%02d-%02d", y, m, d);
    *out = days_from_civil(y, m, d);
    return 0;
}

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

int govern_date_parse(govern_date *out, const char *s)
{
    if (!s || strlen(s) != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
        !digits(s + 8, 2))
        return govern_error_set(GOVERN_EINVAL, "invalid date '%s' (expected YYYY-MM-DD)",
                                s ? s : "");
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1900 || y > 2999)
        return govern_error_set(GOVERN_EINVAL, "%s: the year must be between 1900 and 2999", s);
    if (m < 1 || m > 12)
        return govern_error_set(GOVERN_EINVAL, "%s: there is no month %02d (01 to 12)", s, m);
    int last = govern_date_days_in_month(y, m);
    if (d < 1 || d > last)
        return govern_error_set(GOVERN_EINVAL, "%s: %s %d has %d days", s, month_names[m - 1], y,
                                last);
    *out = days_from_civil(y, m, d);
    return 0;
}

static void put_digits(char *out, unsigned v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

void govern_date_format(char out[11], govern_date d)
{
    int y, m, day;
    govern_date_to_ymd(d, &y, &m, &day);
    put_digits(out, (unsigned)y % 10000, 4);
    out[4] = '-';
    put_digits(out + 5, (unsigned)m, 2);
    out[7] = '-';
    put_digits(out + 8, (unsigned)day, 2);
    out[10] = '\0';
}

void govern_date_format_long(char out[40], govern_date d)
{
    static const char *const wd[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};
    int y, m, day;
    govern_date_to_ymd(d, &y, &m, &day);
    snprintf(out, 40, "%s %d %s %04d", wd[govern_date_weekday(d)], day, month_names[m - 1],
             y % 10000);
}

void govern_date_format_text(char out[40], govern_date d)
{
    int y, m, day;
    govern_date_to_ymd(d, &y, &m, &day);
    snprintf(out, 40, "%d %s %d", day, month_names[m - 1], y);
}

const char *govern_month_name(int m)
{
    return m >= 1 && m <= 12 ? month_names[m - 1] : NULL;
}

int govern_date_weekday(govern_date d)
{
    /* 1970-01-01 was a Thursday (3). */
    int w = (int)((d % 7 + 7) % 7);
    return (w + 3) % 7;
}

govern_date govern_date_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

govern_date govern_date_easter(int year)
{
    /* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return days_from_civil(year, month, day);
}

int govern_time_parse(govern_time *out, const char *s)
{
    if (!s || strlen(s) != 5 || !digits(s, 2) || s[2] != ':' || !digits(s + 3, 2))
        return govern_error_set(GOVERN_EINVAL, "invalid time '%s' (expected HH:MM)", s ? s : "");
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 23 || m > 59)
        return govern_error_set(GOVERN_EINVAL, "%s: %s", s,
                                h > 23 ? "hours run from 00 to 23" : "minutes run from 00 to 59");
    *out = h * 60 + m;
    return 0;
}

void govern_time_format(char out[6], govern_time t)
{
    put_digits(out, (unsigned)(t / 60) % 100, 2);
    out[2] = ':';
    put_digits(out + 3, (unsigned)(t % 60), 2);
    out[5] = '\0';
}

/* --- bank holidays --- */

static govern_date nth_weekday(int y, int m, int weekday, int n)
{
    govern_date first = days_from_civil(y, m, 1);
    int delta = (weekday - govern_date_weekday(first) + 7) % 7;
    return first + delta + 7 * (n - 1);
}

static govern_date last_weekday(int y, int m, int weekday)
{
    govern_date last = days_from_civil(y, m, govern_date_days_in_month(y, m));
    int delta = (govern_date_weekday(last) - weekday + 7) % 7;
    return last - delta;
}

/* One-off changes by royal proclamation (England and Wales). */
struct special {
    int y, m, d;
    int moved_from_m, moved_from_d; /* 0 when an extra day */
};
static const struct special specials[] = {
    {1995, 5, 8, 5, 1},   /* VE Day 50th: early May moved */
    {1999, 12, 31, 0, 0}, /* Millennium */
    {2002, 6, 3, 0, 0},   /* Golden Jubilee */
    {2002, 6, 4, 5, 27},  /* spring moved */
    {2011, 4, 29, 0, 0},  /* Royal wedding */
    {2012, 6, 4, 5, 28},  /* spring moved */
    {2012, 6, 5, 0, 0},   /* Diamond Jubilee */
    {2020, 5, 8, 5, 4},   /* VE Day 75th: early May moved */
    {2022, 6, 2, 5, 30},  /* spring moved */
    {2022, 6, 3, 0, 0},   /* Platinum Jubilee */
    {2022, 9, 19, 0, 0},  /* State funeral of Queen Elizabeth II */
    {2023, 5, 8, 0, 0},   /* Coronation of King Charles III */
};

static bool rule_holiday(govern_date d)
{
    int y, m, day;
    govern_date_to_ymd(d, &y, &m, &day);
    for (size_t i = 0; i < sizeof(specials) / sizeof(specials[0]); i++) {
        const struct special *s = &specials[i];
        if (s->y != y)
            continue;
        if (s->m == m && s->d == day)
            return true;
        if (s->moved_from_m == m && s->moved_from_d == day)
            return false;
    }
    int wd = govern_date_weekday(d);
    /* New Year's Day, or the Monday after when it falls at a weekend. */
    govern_date ny = days_from_civil(y, 1, 1);
    int nyw = govern_date_weekday(ny);
    govern_date ny_obs = nyw == 5 ? ny + 2 : nyw == 6 ? ny + 1 : ny;
    if (d == ny_obs)
        return true;
    govern_date easter = govern_date_easter(y);
    if (d == easter - 2 || d == easter + 1)
        return true;
    if (y >= 1978 && d == nth_weekday(y, 5, 0, 1))
        return true;
    if (d == last_weekday(y, 5, 0) || d == last_weekday(y, 8, 0))
        return true;
    /* Christmas and Boxing Day with substitute days. */
    if (m == 12 && day >= 25 && day <= 28) {
        govern_date xmas = days_from_civil(y, 12, 25);
        int xw = govern_date_weekday(xmas);
        govern_date a = xmas, b = xmas + 1;
        if (xw == 5) { /* Saturday: Monday and Tuesday */
            a = xmas + 2;
            b = xmas + 3;
        } else if (xw == 6) { /* Sunday: Boxing Day Monday, Christmas Tuesday */
            a = xmas + 1;
            b = xmas + 2;
        } else if (xw == 4) { /* Friday: Boxing Day on Saturday, substitute Monday */
            b = xmas + 3;
        }
        (void)wd;
        return d == a || d == b;
    }
    return false;
}

bool govern_date_is_bank_holiday(govern_date d, const struct govern_holidays *h)
{
    if (h) {
        for (int i = 0; i < h->n_removed; i++)
            if (h->removed[i] == d)
                return false;
        for (int i = 0; i < h->n_extra; i++)
            if (h->extra[i] == d)
                return true;
    }
    return rule_holiday(d);
}

static bool weekday_not_sat_sun(govern_date d)
{
    return govern_date_weekday(d) < 5;
}

/* s243(4): the Christmas break runs from the last week day before Christmas
 * Day to the first week day after it that is not a bank holiday; the Easter
 * break from the Thursday before Easter Day to the Tuesday after. */
static bool in_christmas_break(govern_date d, const struct govern_holidays *h)
{
    int y, m, day;
    govern_date_to_ymd(d, &y, &m, &day);
    int year = m == 12 ? y : y - 1;
    if (!(m == 12 || (m == 1 && day <= 10)))
        return false;
    govern_date xmas = days_from_civil(year, 12, 25);
    govern_date start = xmas - 1;
    while (!weekday_not_sat_sun(start))
        start--;
    govern_date end = xmas + 1;
    while (!weekday_not_sat_sun(end) || govern_date_is_bank_holiday(end, h))
        end++;
    return d >= start && d <= end;
}

static bool in_easter_break(govern_date d)
{
    int y, m, day;
    govern_date_to_ymd(d, &y, &m, &day);
    govern_date easter = govern_date_easter(y);
    return d >= easter - 3 && d <= easter + 2;
}

bool govern_date_counts(govern_date d, enum govern_notice_counting rule,
                        const struct govern_holidays *h)
{
    int wd = govern_date_weekday(d);
    if (govern_date_is_bank_holiday(d, h))
        return false;
    if (rule == GOVERN_NOTICE_WORKING)
        return wd < 5;
    if (wd == 6)
        return false;
    return !in_christmas_break(d, h) && !in_easter_break(d);
}

int govern_date_clear_days(govern_date a, govern_date b, enum govern_notice_counting rule,
                           const struct govern_holidays *h)
{
    int n = 0;
    for (govern_date d = a + 1; d < b; d++)
        if (govern_date_counts(d, rule, h))
            n++;
    return n;
}

govern_date govern_date_notice_deadline(govern_date meeting, int n,
                                        enum govern_notice_counting rule,
                                        const struct govern_holidays *h)
{
    govern_date d = meeting - 1;
    int clear = 0;
    while (clear < n) {
        if (govern_date_counts(d, rule, h))
            clear++;
        d--;
    }
    return d;
}

govern_date govern_date_add_working_days(govern_date d, int n, const struct govern_holidays *h)
{
    while (n > 0) {
        d++;
        if (govern_date_counts(d, GOVERN_NOTICE_WORKING, h))
            n--;
    }
    return d;
}
