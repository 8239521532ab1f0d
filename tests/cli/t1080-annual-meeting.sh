#!/usr/bin/env bash
# The annual meeting starts the municipal year: minute numbers restart at the
# committee's meeting marked `annual: true` (meeting new --annual), even when
# it moves before or after year_start (1 May here), and at the first meeting
# on or after year_start in a year without one, as seed 004's 1/19 does.
# check agrees with what draft numbers: no false alarm when the annual
# meeting moves; without the mark, the same numbering is reported.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Rushmoor Borough Council"
expect_ok committee add cds --name "Crime and Disorder Scrutiny"
expect_ok member add cds "Cllr A" --role chair

# meet DATE [--annual]: a meeting with one item of business, held, minutes drafted
meet() {
    local d=$1
    shift
    expect_ok meeting new cds --date "$d" "$@"
    expect_ok agenda add "cds/$d" "Business of $d"
    expect_ok meeting held "cds/$d" --as-of "$d"
    expect_ok minutes draft "cds/$d"
}
# the first and last minute numbers of a meeting
headings() {
    grep '^## ' "cds/$1/minutes.md" | cut -d' ' -f2 | sed -n '1p;$p' | tr '\n' ' '
}

section "without an annual meeting: the first meeting on or after year_start"
meet 2020-03-02
assert_eq "$(headings 2020-03-02)" "1/19 5/19 " "March 2020 is in 2019/20"
meet 2020-06-01
assert_eq "$(headings 2020-06-01)" "1/20 6/20 " "the first meeting after 1 May 2020 starts 2020/21"

section "an annual meeting moved before year_start starts the year early"
meet 2021-03-01
assert_eq "$(headings 2021-03-01)" "7/20 11/20 " "numbers run on"
meet 2021-04-26 --annual
file_has cds/2021-04-26/meeting.md "annual: true"
file_has cds/2021-04-26/agenda.md "Appointment of Chair"
assert_eq "$(headings 2021-04-26)" "1/21 6/21 " "the annual meeting of 26 April 2021 starts 2021/22"
file_has cds/2021-04-26/minutes.md "year: 2021"
meet 2021-06-14
file_lacks cds/2021-06-14/agenda.md "Appointment of Chair"
assert_eq "$(headings 2021-06-14)" "7/21 11/21 " "and 2021/22 runs on after 1 May"
expect_ok check --as-of 2022-01-01
expect_stdout </dev/null

section "an annual meeting moved after year_start: the days between are the old year"
expect_ok meeting new cds --date 2022-05-23 --annual
meet 2022-05-09
assert_eq "$(headings 2022-05-09)" "12/21 16/21 " "9 May 2022 is before the annual meeting of 23 May"
expect_ok agenda add cds/2022-05-23 "Business of 2022-05-23"
expect_ok meeting held cds/2022-05-23 --as-of 2022-05-23
expect_ok minutes draft cds/2022-05-23
assert_eq "$(headings 2022-05-23)" "1/22 6/22 " "the annual meeting starts 2022/23"
expect_ok check --as-of 2022-06-01
expect_stdout </dev/null

section "without the mark, the same numbering is reported"
sed -i '/^annual: true/d' cds/2021-04-26/meeting.md
expect_fail 1 check --as-of 2022-06-01
out_has "cds/2021-04-26/minutes.md:"
out_has "[minutes] year 2021 is not the municipal year of the meeting (2020)"
git checkout -q -- cds/2021-04-26/meeting.md
expect_ok check --as-of 2022-06-01
# a cancelled annual meeting starts nothing
expect_ok meeting new cds --date 2023-04-24 --annual
expect_ok meeting cancel cds/2023-04-24 --reason "Moved"
meet 2023-04-27
assert_eq "$(headings 2023-04-27)" "7/22 11/22 " "a cancelled annual meeting does not start the year"
finish
