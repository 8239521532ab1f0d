/*
 * Unit tests of core/date.c: strict parsing, day numbers, weekdays, Easter,
 * the England and Wales bank holidays (checked day by day against the
 * official lists for 2019-2026), and clear-day counting for agenda notice
 * under s243 LGA 1972 and under the working-days rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include "helpers.h"

/* ------------------------------------------------------------- parsing */

static void test_date__parse_accepts_valid_dates(void **state)
{
    (void)state;
    govern_date d;
    int y, m, day;
    assert_ok(govern_date_parse(&d, "2021-03-15"));
    govern_date_to_ymd(d, &y, &m, &day);
    assert_int_equal(y, 2021);
    assert_int_equal(m, 3);
    assert_int_equal(day, 15);
    assert_ok(govern_date_parse(&d, "1970-01-01"));
    assert_int_equal(d, 0);
    assert_ok(govern_date_parse(&d, "1900-01-01"));
    assert_ok(govern_date_parse(&d, "2999-12-31"));
}

static void test_date__parse_rejects_feb_30(void **state)
{
    (void)state;
    govern_date d = 12345;
    assert_err(govern_date_parse(&d, "2021-02-30"), GOVERN_EINVAL, "2021-02-30");
    assert_int_equal(d, 12345); /* untouched on failure */
    assert_err(govern_date_parse(&d, "2020-02-30"), GOVERN_EINVAL,
               "2020-02-30: February 2020 has 29 days");
    /* the reason once, not the value twice */
    assert_string_equal(govern_error_last(), "2020-02-30: February 2020 has 29 days");
    assert_err(govern_date_parse(&d, "2021-13-01"), GOVERN_EINVAL, "there is no month 13");
}

/* an error message built from the last one is not garbled (it was: the
 * message was formatted into the buffer it was read from) */
static void test_date__meeting_id_error_says_why_once(void **state)
{
    (void)state;
    assert_err(govern_meeting_id_check("cdjsc/2021-02-30"), GOVERN_EINVAL,
               "invalid meeting id 'cdjsc/2021-02-30': 2021-02-30: February 2021 has 28 days");
    govern_error_set(GOVERN_EINVAL, "first");
    govern_error_set(GOVERN_EINVAL, "%s and %s", govern_error_last(), "second");
    assert_string_equal(govern_error_last(), "first and second");
}

static void test_date__parse_rejects_month_13(void **state)
{
    (void)state;
    govern_date d;
    assert_err(govern_date_parse(&d, "2021-13-01"), GOVERN_EINVAL, "2021-13-01");
    assert_err(govern_date_parse(&d, "2021-00-10"), GOVERN_EINVAL, NULL);
    assert_err(govern_date_parse(&d, "2021-01-00"), GOVERN_EINVAL, NULL);
    assert_err(govern_date_parse(&d, "2021-04-31"), GOVERN_EINVAL, NULL);
    assert_err(govern_date_parse(&d, "2021-01-32"), GOVERN_EINVAL, NULL);
}

static void test_date__parse_leap_days(void **state)
{
    (void)state;
    govern_date d;
    assert_ok(govern_date_parse(&d, "2020-02-29"));
    assert_ok(govern_date_parse(&d, "2000-02-29")); /* divisible by 400 */
    assert_ok(govern_date_parse(&d, "2024-02-29"));
    assert_err(govern_date_parse(&d, "2021-02-29"), GOVERN_EINVAL, NULL);
    assert_err(govern_date_parse(&d, "1900-02-29"), GOVERN_EINVAL, NULL); /* century */
    assert_err(govern_date_parse(&d, "2100-02-29"), GOVERN_EINVAL, NULL);
}

static void test_date__parse_rejects_junk(void **state)
{
    (void)state;
    static const char *const junk[] = {
        "",           "2021",           "2021-1-01",   "2021-01-1",
        "2021/01/01", " 2021-01-01",    "2021-01-01 ", "2021-01-01T10",
        "abcd-ef-gh", "+021-01-01",     "2021-01-0a",  "2021--01-01",
        "20210101",   "2021-01-01\n",   "1899-12-31",  "3000-01-01",
        "0000-01-01", "２０２１-01-01", "2021-0１-01",
    };
    govern_date d;
    for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
        if (govern_date_parse(&d, junk[i]) != GOVERN_EINVAL) {
            print_error("accepted '%s'\n", junk[i]);
            fail();
        }
    }
    assert_err(govern_date_parse(&d, NULL), GOVERN_EINVAL, "expected YYYY-MM-DD");
}

static void test_date__from_ymd_checks_range(void **state)
{
    (void)state;
    govern_date d;
    assert_err(govern_date_from_ymd(&d, 2021, 2, 29), GOVERN_EINVAL, "2021-02-29");
    assert_err(govern_date_from_ymd(&d, 2021, 0, 1), GOVERN_EINVAL, NULL);
    assert_err(govern_date_from_ymd(&d, 1899, 12, 31), GOVERN_EINVAL, NULL);
    assert_ok(govern_date_from_ymd(&d, 2020, 2, 29));
}

static void test_date__ymd_round_trip_over_wide_range(void **state)
{
    (void)state;
    govern_date first = ymd(1900, 1, 1), last = ymd(2999, 12, 31);
    int py = 1899, pm = 12, pd = 31;
    for (govern_date d = first; d <= last; d++) {
        int y, m, day;
        govern_date_to_ymd(d, &y, &m, &day);
        /* each day follows the previous one */
        bool next_day =
            (y == py && m == pm && day == pd + 1) ||
            (y == py && m == pm + 1 && day == 1 && pd == govern_date_days_in_month(py, pm)) ||
            (y == py + 1 && m == 1 && day == 1 && pm == 12 && pd == 31);
        if (!next_day) {
            print_error("day %d is %04d-%02d-%02d after %04d-%02d-%02d\n", (int)d, y, m, day, py,
                        pm, pd);
            fail();
        }
        govern_date back;
        assert_ok(govern_date_from_ymd(&back, y, m, day));
        assert_int_equal(back, d);
        char s[11];
        govern_date_format(s, d);
        assert_ok(govern_date_parse(&back, s));
        assert_int_equal(back, d);
        py = y;
        pm = m;
        pd = day;
    }
    assert_int_equal(py, 2999);
    assert_int_equal(last - first + 1, 365 * 1100 + 267); /* 267 leap days in 1900-2999 */
}

static void test_date__format(void **state)
{
    (void)state;
    char s[11], l[40];
    govern_date_format(s, ymd(2019, 12, 16));
    assert_string_equal(s, "2019-12-16");
    govern_date_format_long(l, ymd(2020, 9, 21));
    assert_string_equal(l, "Monday 21 September 2020");
    govern_date_format_long(l, ymd(2019, 12, 16));
    assert_string_equal(l, "Monday 16 December 2019");
    govern_date_format_long(l, ymd(2022, 6, 3));
    assert_string_equal(l, "Friday 3 June 2022");
    govern_date_format_text(l, ymd(2021, 12, 7));
    assert_string_equal(l, "7 December 2021");
    govern_date_format_text(l, ymd(2008, 6, 6));
    assert_string_equal(l, "6 June 2008");
    assert_string_equal(govern_month_name(1), "January");
    assert_string_equal(govern_month_name(12), "December");
    assert_null(govern_month_name(0));
    assert_null(govern_month_name(13));
}

static void test_date__weekday(void **state)
{
    (void)state;
    assert_int_equal(govern_date_weekday(0), 3); /* 1970-01-01 Thursday */
    assert_int_equal(govern_date_weekday(-1), 2);
    assert_int_equal(govern_date_weekday(ymd(1900, 1, 1)), 0);
    assert_int_equal(govern_date_weekday(ymd(2000, 1, 1)), 5);
    assert_int_equal(govern_date_weekday(ymd(2020, 9, 21)), 0);
    assert_int_equal(govern_date_weekday(ymd(2024, 2, 29)), 3);
    assert_int_equal(govern_date_weekday(ymd(2021, 12, 25)), 5);
    assert_int_equal(govern_date_weekday(ymd(2022, 12, 25)), 6);
    assert_int_equal(govern_date_weekday(ymd(2999, 12, 31)), 1);
    /* consecutive days cycle through the week */
    for (govern_date d = ymd(1969, 1, 1); d < ymd(1972, 1, 1); d++)
        assert_int_equal(govern_date_weekday(d + 1), (govern_date_weekday(d) + 1) % 7);
}

static void test_date__leap_and_month_lengths(void **state)
{
    (void)state;
    assert_true(govern_date_is_leap(2000));
    assert_true(govern_date_is_leap(2024));
    assert_false(govern_date_is_leap(1900));
    assert_false(govern_date_is_leap(2023));
    assert_int_equal(govern_date_days_in_month(2020, 2), 29);
    assert_int_equal(govern_date_days_in_month(2021, 2), 28);
    assert_int_equal(govern_date_days_in_month(2021, 4), 30);
    assert_int_equal(govern_date_days_in_month(2021, 12), 31);
    assert_int_equal(govern_date_days_in_month(2021, 0), 0);
    assert_int_equal(govern_date_days_in_month(2021, 13), 0);
}

static void test_date__time_parse_and_format(void **state)
{
    (void)state;
    govern_time t;
    char s[6];
    assert_ok(govern_time_parse(&t, "10:00"));
    assert_int_equal(t, 600);
    assert_ok(govern_time_parse(&t, "00:00"));
    assert_int_equal(t, 0);
    assert_ok(govern_time_parse(&t, "23:59"));
    assert_int_equal(t, 23 * 60 + 59);
    govern_time_format(s, 14 * 60 + 5);
    assert_string_equal(s, "14:05");
    static const char *const bad[] = {"24:00",  "10:60", "9:00",  "10:0",  "10.00",
                                      "10:00 ", "",      "ab:cd", "-1:00", "10:00am"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(govern_time_parse(&t, bad[i]), GOVERN_EINVAL);
    assert_int_equal(govern_time_parse(&t, NULL), GOVERN_EINVAL);
}

/* -------------------------------------------------------------- months */

static void test_date__add_months(void **state)
{
    (void)state;
    assert_int_equal(govern_date_add_months(ymd(2025, 12, 9), -12), ymd(2024, 12, 9));
    assert_int_equal(govern_date_add_months(ymd(2021, 11, 15), 4), ymd(2022, 3, 15));
    assert_int_equal(govern_date_add_months(ymd(2022, 1, 31), 1), ymd(2022, 2, 28));
    assert_int_equal(govern_date_add_months(ymd(2024, 3, 31), -1), ymd(2024, 2, 29));
    assert_int_equal(govern_date_add_months(ymd(2021, 8, 31), -6), ymd(2021, 2, 28));
    assert_int_equal(govern_date_add_months(ymd(2999, 6, 1), 24), ymd(2999, 12, 31));
    assert_int_equal(govern_date_add_months(ymd(1900, 3, 1), -12), ymd(1900, 1, 1));
}

/* -------------------------------------------------------------- Easter */

static void test_date__easter_known_dates(void **state)
{
    (void)state;
    static const int known[][3] = {
        {1900, 4, 15}, {1961, 4, 2},  {2000, 4, 23}, {2008, 3, 23}, {2011, 4, 24}, {2019, 4, 21},
        {2020, 4, 12}, {2021, 4, 4},  {2022, 4, 17}, {2023, 4, 9},  {2024, 3, 31}, {2025, 4, 20},
        {2026, 4, 5},  {2027, 3, 28}, {2038, 4, 25}, {2285, 3, 22},
    };
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        govern_date e = govern_date_easter(known[i][0]);
        if (e != ymd(known[i][0], known[i][1], known[i][2])) {
            char s[11];
            govern_date_format(s, e);
            print_error("Easter %d: got %s\n", known[i][0], s);
            fail();
        }
        assert_int_equal(govern_date_weekday(e), 6);
    }
}

/* -------------------------------------------------------- bank holidays */

/* gov.uk, England and Wales, 2019-2026. */
static const int official_holidays[][3] = {
    /* 2019 */
    {2019, 1, 1},
    {2019, 4, 19},
    {2019, 4, 22},
    {2019, 5, 6},
    {2019, 5, 27},
    {2019, 8, 26},
    {2019, 12, 25},
    {2019, 12, 26},
    /* 2020: early May moved to Friday 8 May (VE Day 75); Boxing Day substitute */
    {2020, 1, 1},
    {2020, 4, 10},
    {2020, 4, 13},
    {2020, 5, 8},
    {2020, 5, 25},
    {2020, 8, 31},
    {2020, 12, 25},
    {2020, 12, 28},
    /* 2021: Christmas on a Saturday: substitutes on 27 and 28 */
    {2021, 1, 1},
    {2021, 4, 2},
    {2021, 4, 5},
    {2021, 5, 3},
    {2021, 5, 31},
    {2021, 8, 30},
    {2021, 12, 27},
    {2021, 12, 28},
    /* 2022: New Year substitute; spring moved to 2 June; Platinum Jubilee; state funeral;
       Christmas on a Sunday: Boxing Day 26 and Christmas substitute 27 */
    {2022, 1, 3},
    {2022, 4, 15},
    {2022, 4, 18},
    {2022, 5, 2},
    {2022, 6, 2},
    {2022, 6, 3},
    {2022, 8, 29},
    {2022, 9, 19},
    {2022, 12, 26},
    {2022, 12, 27},
    /* 2023: New Year substitute; coronation */
    {2023, 1, 2},
    {2023, 4, 7},
    {2023, 4, 10},
    {2023, 5, 1},
    {2023, 5, 8},
    {2023, 5, 29},
    {2023, 8, 28},
    {2023, 12, 25},
    {2023, 12, 26},
    /* 2024 */
    {2024, 1, 1},
    {2024, 3, 29},
    {2024, 4, 1},
    {2024, 5, 6},
    {2024, 5, 27},
    {2024, 8, 26},
    {2024, 12, 25},
    {2024, 12, 26},
    /* 2025 */
    {2025, 1, 1},
    {2025, 4, 18},
    {2025, 4, 21},
    {2025, 5, 5},
    {2025, 5, 26},
    {2025, 8, 25},
    {2025, 12, 25},
    {2025, 12, 26},
    /* 2026: Boxing Day on a Saturday: substitute Monday 28 */
    {2026, 1, 1},
    {2026, 4, 3},
    {2026, 4, 6},
    {2026, 5, 4},
    {2026, 5, 25},
    {2026, 8, 31},
    {2026, 12, 25},
    {2026, 12, 28},
};

static bool in_official_list(govern_date d)
{
    for (size_t i = 0; i < sizeof(official_holidays) / sizeof(official_holidays[0]); i++)
        if (ymd(official_holidays[i][0], official_holidays[i][1], official_holidays[i][2]) == d)
            return true;
    return false;
}

static void test_date__bank_holidays_2019_to_2026_match_official_lists(void **state)
{
    (void)state;
    int count = 0;
    for (govern_date d = ymd(2019, 1, 1); d <= ymd(2026, 12, 31); d++) {
        bool want = in_official_list(d), got = govern_date_is_bank_holiday(d, NULL);
        if (want != got) {
            char s[40];
            govern_date_format_long(s, d);
            print_error("%s: expected %s\n", s, want ? "a bank holiday" : "no bank holiday");
            fail();
        }
        count += got;
    }
    assert_int_equal(count, 8 * 8 + 2 + 1); /* 2022 has 10, 2023 has 9 */
}

static void test_date__bank_holidays_one_offs(void **state)
{
    (void)state;
    /* moved days are no longer holidays */
    assert_false(govern_date_is_bank_holiday(ymd(2020, 5, 4), NULL));
    assert_false(govern_date_is_bank_holiday(ymd(2022, 5, 30), NULL));
    assert_false(govern_date_is_bank_holiday(ymd(2012, 5, 28), NULL));
    assert_false(govern_date_is_bank_holiday(ymd(2002, 5, 27), NULL));
    /* extra days */
    assert_true(govern_date_is_bank_holiday(ymd(2020, 5, 8), NULL));
    assert_true(govern_date_is_bank_holiday(ymd(2022, 6, 2), NULL));
    assert_true(govern_date_is_bank_holiday(ymd(2022, 6, 3), NULL));
    assert_true(govern_date_is_bank_holiday(ymd(2022, 9, 19), NULL));
    assert_true(govern_date_is_bank_holiday(ymd(2023, 5, 8), NULL));
    assert_true(govern_date_is_bank_holiday(ymd(2023, 5, 1), NULL)); /* still there */
    assert_true(govern_date_is_bank_holiday(ymd(2011, 4, 29), NULL));
    assert_true(govern_date_is_bank_holiday(ymd(2012, 6, 4), NULL));
    assert_true(govern_date_is_bank_holiday(ymd(2012, 6, 5), NULL));
    assert_true(govern_date_is_bank_holiday(ymd(1999, 12, 31), NULL));
    /* Christmas substitutes in other years */
    assert_true(govern_date_is_bank_holiday(ymd(2016, 12, 27), NULL)); /* Christmas on Sunday */
    assert_true(govern_date_is_bank_holiday(ymd(2010, 12, 28), NULL)); /* Christmas on Saturday */
    assert_true(govern_date_is_bank_holiday(ymd(2015, 12, 28), NULL)); /* Boxing Day Saturday */
    assert_false(govern_date_is_bank_holiday(ymd(2015, 12, 26), NULL));
}

static void test_date__extra_and_removed_holidays(void **state)
{
    (void)state;
    govern_date extra[] = {ymd(2021, 3, 10)};
    govern_date removed[] = {ymd(2021, 12, 27)};
    struct govern_holidays h = {extra, 1, removed, 1};
    assert_true(govern_date_is_bank_holiday(ymd(2021, 3, 10), &h));
    assert_false(govern_date_is_bank_holiday(ymd(2021, 3, 10), NULL));
    assert_false(govern_date_is_bank_holiday(ymd(2021, 12, 27), &h));
    assert_true(govern_date_is_bank_holiday(ymd(2021, 12, 28), &h));
    /* an extra holiday is not a clear day */
    assert_false(govern_date_counts(ymd(2021, 3, 10), GOVERN_NOTICE_S243, &h));
    assert_false(govern_date_counts(ymd(2021, 3, 10), GOVERN_NOTICE_WORKING, &h));
    assert_true(govern_date_counts(ymd(2021, 3, 10), GOVERN_NOTICE_WORKING, NULL));
    /* Wed 3 - Mon 15 March 2021: Thu 4 .. Sat 13 without Sundays = 9, minus the extra day */
    assert_int_equal(
        govern_date_clear_days(ymd(2021, 3, 3), ymd(2021, 3, 15), GOVERN_NOTICE_S243, NULL), 9);
    assert_int_equal(
        govern_date_clear_days(ymd(2021, 3, 3), ymd(2021, 3, 15), GOVERN_NOTICE_S243, &h), 8);
    /* a removed holiday becomes a working day */
    struct govern_holidays h2 = {NULL, 0, removed, 1};
    assert_int_equal(govern_date_add_working_days(ymd(2021, 12, 24), 1, &h2), ymd(2021, 12, 27));
    assert_int_equal(govern_date_add_working_days(ymd(2021, 12, 24), 1, NULL), ymd(2021, 12, 29));
}

/* ------------------------------------------------------------ clear days */

static void test_date__counts_s243_and_working(void **state)
{
    (void)state;
    govern_date sat = ymd(2021, 3, 13), sun = ymd(2021, 3, 14), mon = ymd(2021, 3, 15);
    assert_true(govern_date_counts(sat, GOVERN_NOTICE_S243, NULL)); /* only Sundays go */
    assert_false(govern_date_counts(sun, GOVERN_NOTICE_S243, NULL));
    assert_true(govern_date_counts(mon, GOVERN_NOTICE_S243, NULL));
    assert_false(govern_date_counts(sat, GOVERN_NOTICE_WORKING, NULL));
    assert_false(govern_date_counts(sun, GOVERN_NOTICE_WORKING, NULL));
    assert_true(govern_date_counts(mon, GOVERN_NOTICE_WORKING, NULL));
    /* bank holidays never count */
    assert_false(govern_date_counts(ymd(2021, 5, 31), GOVERN_NOTICE_S243, NULL));
    assert_false(govern_date_counts(ymd(2021, 5, 31), GOVERN_NOTICE_WORKING, NULL));
}

static void test_date__clear_days_exclude_both_ends(void **state)
{
    (void)state;
    /* Mon 8 -> Mon 15 March 2021: Tue..Sat count under s243 (5), Tue..Fri working (4) */
    assert_int_equal(
        govern_date_clear_days(ymd(2021, 3, 8), ymd(2021, 3, 15), GOVERN_NOTICE_S243, NULL), 5);
    assert_int_equal(
        govern_date_clear_days(ymd(2021, 3, 8), ymd(2021, 3, 15), GOVERN_NOTICE_WORKING, NULL), 4);
    assert_int_equal(
        govern_date_clear_days(ymd(2021, 3, 14), ymd(2021, 3, 15), GOVERN_NOTICE_S243, NULL), 0);
    assert_int_equal(
        govern_date_clear_days(ymd(2021, 3, 15), ymd(2021, 3, 15), GOVERN_NOTICE_S243, NULL), 0);
}

static void test_date__notice_deadline_s243_skips_sundays(void **state)
{
    (void)state;
    /* a Monday meeting: Tue-Sat give five clear days, so publish the Monday before */
    assert_int_equal(govern_date_notice_deadline(ymd(2021, 3, 15), 5, GOVERN_NOTICE_S243, NULL),
                     ymd(2021, 3, 8));
    /* working days: Mon 8 - Fri 12 are the five, so the latest day is Sunday 7 (a
     * publication on the weekend before loses nothing) */
    assert_int_equal(govern_date_notice_deadline(ymd(2021, 3, 15), 5, GOVERN_NOTICE_WORKING, NULL),
                     ymd(2021, 3, 7));
    assert_int_equal(
        govern_date_clear_days(ymd(2021, 3, 5), ymd(2021, 3, 15), GOVERN_NOTICE_WORKING, NULL), 5);
    /* a Thursday meeting (seed 004: Thursday 16 January 2020) */
    assert_int_equal(govern_date_notice_deadline(ymd(2020, 1, 16), 5, GOVERN_NOTICE_S243, NULL),
                     ymd(2020, 1, 9));
    assert_int_equal(govern_date_notice_deadline(ymd(2020, 1, 16), 5, GOVERN_NOTICE_WORKING, NULL),
                     ymd(2020, 1, 8));
}

static void test_date__notice_deadline_skips_bank_holidays(void **state)
{
    (void)state;
    /* Tue 1 June 2021 after the spring bank holiday (Mon 31 May): Sat 29 back to Tue 25 */
    assert_int_equal(govern_date_notice_deadline(ymd(2021, 6, 1), 5, GOVERN_NOTICE_S243, NULL),
                     ymd(2021, 5, 24));
    /* 2022: Mon 30 May is an ordinary day; Thu 2 and Fri 3 June are holidays */
    assert_int_equal(govern_date_notice_deadline(ymd(2022, 6, 7), 5, GOVERN_NOTICE_S243, NULL),
                     ymd(2022, 5, 29));
    assert_int_equal(govern_date_notice_deadline(ymd(2022, 6, 7), 5, GOVERN_NOTICE_WORKING, NULL),
                     ymd(2022, 5, 26));
    /* Thursday 22 September 2022, after the state funeral on Monday 19 */
    assert_int_equal(govern_date_notice_deadline(ymd(2022, 9, 22), 5, GOVERN_NOTICE_WORKING, NULL),
                     ymd(2022, 9, 13));
}

static void test_date__notice_deadline_christmas_break(void **state)
{
    (void)state;
    /* Christmas 2020 was a Friday: the break runs Thu 24 to Tue 29 December (Mon 28 is
     * the Boxing Day substitute); Fri 1 January is a bank holiday.  A meeting on Tue 5
     * January 2021 counts Mon 4, Sat 2, Thu 31, Wed 30 and Wed 23 December. */
    assert_int_equal(govern_date_notice_deadline(ymd(2021, 1, 5), 5, GOVERN_NOTICE_S243, NULL),
                     ymd(2020, 12, 22));
    assert_int_equal(
        govern_date_clear_days(ymd(2020, 12, 22), ymd(2021, 1, 5), GOVERN_NOTICE_S243, NULL), 5);
    assert_int_equal(
        govern_date_clear_days(ymd(2020, 12, 23), ymd(2021, 1, 5), GOVERN_NOTICE_S243, NULL), 4);
    for (govern_date d = ymd(2020, 12, 24); d <= ymd(2020, 12, 29); d++)
        assert_false(govern_date_counts(d, GOVERN_NOTICE_S243, NULL));
    assert_true(govern_date_counts(ymd(2020, 12, 23), GOVERN_NOTICE_S243, NULL));
    assert_true(govern_date_counts(ymd(2020, 12, 30), GOVERN_NOTICE_S243, NULL));
    /* the working-days rule has no Christmas break: Tue 29 and Wed 23 both count */
    assert_true(govern_date_counts(ymd(2020, 12, 29), GOVERN_NOTICE_WORKING, NULL));
    assert_int_equal(govern_date_notice_deadline(ymd(2021, 1, 5), 5, GOVERN_NOTICE_WORKING, NULL),
                     ymd(2020, 12, 23));
    /* Christmas 2021 on a Saturday: break Fri 24 to Wed 29 (27 and 28 are holidays) */
    for (govern_date d = ymd(2021, 12, 24); d <= ymd(2021, 12, 29); d++)
        assert_false(govern_date_counts(d, GOVERN_NOTICE_S243, NULL));
    assert_true(govern_date_counts(ymd(2021, 12, 23), GOVERN_NOTICE_S243, NULL));
    assert_true(govern_date_counts(ymd(2021, 12, 30), GOVERN_NOTICE_S243, NULL));
    /* Christmas 2022 on a Sunday: break Fri 23 to Wed 28 */
    assert_true(govern_date_counts(ymd(2022, 12, 22), GOVERN_NOTICE_S243, NULL));
    assert_false(govern_date_counts(ymd(2022, 12, 23), GOVERN_NOTICE_S243, NULL));
    assert_false(govern_date_counts(ymd(2022, 12, 28), GOVERN_NOTICE_S243, NULL));
    assert_true(govern_date_counts(ymd(2022, 12, 29), GOVERN_NOTICE_S243, NULL));
}

static void test_date__notice_deadline_easter_break(void **state)
{
    (void)state;
    /* Easter 2021 = 4 April: the break runs Thu 1 to Tue 6 April (Saturday included) */
    for (govern_date d = ymd(2021, 4, 1); d <= ymd(2021, 4, 6); d++)
        assert_false(govern_date_counts(d, GOVERN_NOTICE_S243, NULL));
    assert_true(govern_date_counts(ymd(2021, 3, 31), GOVERN_NOTICE_S243, NULL));
    assert_true(govern_date_counts(ymd(2021, 4, 7), GOVERN_NOTICE_S243, NULL));
    /* a Friday 9 April meeting: Thu 8, Wed 7, Wed 31, Tue 30, Mon 29 March */
    assert_int_equal(govern_date_notice_deadline(ymd(2021, 4, 9), 5, GOVERN_NOTICE_S243, NULL),
                     ymd(2021, 3, 28));
    /* working days: Tue 6 and Thu 1 April are ordinary working days */
    assert_true(govern_date_counts(ymd(2021, 4, 6), GOVERN_NOTICE_WORKING, NULL));
    assert_int_equal(govern_date_notice_deadline(ymd(2021, 4, 9), 5, GOVERN_NOTICE_WORKING, NULL),
                     ymd(2021, 3, 30));
}

static void test_date__notice_deadline_is_latest_possible(void **state)
{
    (void)state;
    /* for every meeting day in 2019-2026 and several notice lengths: the deadline gives
     * exactly n clear days and one day later gives n - 1 */
    const struct govern_holidays *h = NULL;
    for (govern_date m = ymd(2019, 1, 1); m <= ymd(2026, 12, 31); m++) {
        for (int n = 1; n <= 28; n += 3) {
            for (int rule = 0; rule < 2; rule++) {
                govern_date p = govern_date_notice_deadline(m, n, rule, h);
                assert_true(p < m);
                assert_int_equal(govern_date_clear_days(p, m, rule, h), n);
                assert_int_equal(govern_date_clear_days(p + 1, m, rule, h), n - 1);
            }
        }
    }
}

static void test_date__add_working_days(void **state)
{
    (void)state;
    /* Fri 27 May 2022 + 5: Mon 30, Tue 31, Wed 1, (Thu 2, Fri 3 holidays), Mon 6, Tue 7 */
    assert_int_equal(govern_date_add_working_days(ymd(2022, 5, 27), 5, NULL), ymd(2022, 6, 7));
    /* Thu 23 December 2021 + 1 = Fri 24; + 2 skips the weekend and two substitutes */
    assert_int_equal(govern_date_add_working_days(ymd(2021, 12, 23), 1, NULL), ymd(2021, 12, 24));
    assert_int_equal(govern_date_add_working_days(ymd(2021, 12, 23), 2, NULL), ymd(2021, 12, 29));
    /* from a Saturday */
    assert_int_equal(govern_date_add_working_days(ymd(2021, 3, 13), 1, NULL), ymd(2021, 3, 15));
    /* over Easter 2023: Thu 6 + 1 = Tue 11 (Good Friday and Easter Monday) */
    assert_int_equal(govern_date_add_working_days(ymd(2023, 4, 6), 1, NULL), ymd(2023, 4, 11));
    /* zero days: the same day */
    assert_int_equal(govern_date_add_working_days(ymd(2021, 3, 13), 0, NULL), ymd(2021, 3, 13));
    /* a long stretch: 253 working days in 2019 (261 weekdays, 8 holidays) */
    assert_int_equal(govern_date_add_working_days(ymd(2018, 12, 31), 253, NULL), ymd(2019, 12, 31));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date__parse_accepts_valid_dates),
        cmocka_unit_test(test_date__parse_rejects_feb_30),
        cmocka_unit_test(test_date__parse_rejects_month_13),
        cmocka_unit_test(test_date__meeting_id_error_says_why_once),
        cmocka_unit_test(test_date__parse_leap_days),
        cmocka_unit_test(test_date__parse_rejects_junk),
        cmocka_unit_test(test_date__from_ymd_checks_range),
        cmocka_unit_test(test_date__ymd_round_trip_over_wide_range),
        cmocka_unit_test(test_date__format),
        cmocka_unit_test(test_date__weekday),
        cmocka_unit_test(test_date__leap_and_month_lengths),
        cmocka_unit_test(test_date__time_parse_and_format),
        cmocka_unit_test(test_date__easter_known_dates),
        cmocka_unit_test(test_date__bank_holidays_2019_to_2026_match_official_lists),
        cmocka_unit_test(test_date__bank_holidays_one_offs),
        cmocka_unit_test(test_date__extra_and_removed_holidays),
        cmocka_unit_test(test_date__counts_s243_and_working),
        cmocka_unit_test(test_date__clear_days_exclude_both_ends),
        cmocka_unit_test(test_date__notice_deadline_s243_skips_sundays),
        cmocka_unit_test(test_date__notice_deadline_skips_bank_holidays),
        cmocka_unit_test(test_date__notice_deadline_christmas_break),
        cmocka_unit_test(test_date__notice_deadline_easter_break),
        cmocka_unit_test(test_date__notice_deadline_is_latest_possible),
        cmocka_unit_test(test_date__add_working_days),
        cmocka_unit_test(test_date__add_months),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
