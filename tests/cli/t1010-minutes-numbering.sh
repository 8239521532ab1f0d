#!/usr/bin/env bash
# Minute numbers run on through a committee's meetings within the municipal
# year (govern.yaml year_start) and restart at 1 in a new year; each
# committee has its own numbers; a draft or an added minute is refused when
# a later meeting of the year already has minutes; cancelled and postponed
# meetings and meetings without an agenda get no minutes.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Hart District Council"
expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee"
expect_ok committee add hcssg --name "Community Safety Strategy Group"
expect_ok meeting new cdjsc --date 2019-06-10
expect_ok meeting new cdjsc --date 2019-12-16
expect_ok meeting new cdjsc --date 2020-04-20
expect_ok meeting new cdjsc --date 2020-06-01
expect_ok meeting new hcssg --date 2019-12-16

section "first meeting of the year: 1/19 on"
expect_ok minutes draft cdjsc/2019-06-10
out_has "(1/19 to 4/19)"
section "the next meeting runs on"
expect_ok minutes draft cdjsc/2019-12-16
out_has "(5/19 to 8/19)"
file_has cdjsc/2019-12-16/minutes.md "## 5/19 Apologies for absence and substitutions"
section "a minute not on the agenda continues the meeting's numbers"
expect_ok minutes add cdjsc/2019-12-16 "Tribute to a former member"
out_has "add minute 9/19 Tribute to a former member"
file_has cdjsc/2019-12-16/minutes.md "## 9/19 Tribute to a former member"
if grep -A2 'title: Tribute to a former member' cdjsc/2019-12-16/minutes.md | grep -q agenda_item; then
    fail "an added minute has no agenda item"
else pass; fi
expect_ok minutes draft cdjsc/2020-04-20
out_has "(10/19 to 13/19)"
section "another committee has its own numbers"
expect_ok minutes draft hcssg/2019-12-16
out_has "(1/19 to"
section "a new municipal year (1 May) starts again"
expect_ok minutes draft cdjsc/2020-06-01
out_has "(1/20 to"
file_has cdjsc/2020-06-01/minutes.md "year: 2020"
file_has cdjsc/2020-06-01/minutes.md "## 1/20 Appointment of Chair"
expect_ok minutes show cdjsc/2020-04-20 --format json
json_expect '[i["ref"] for i in j["items"]] == ["10/19", "11/19", "12/19", "13/19"]'

section "numbering would break: refused, nothing changed"
rm cdjsc/2019-12-16/minutes.md
git_commit_all "Remove the minutes of 2019-12-16 (test)"
expect_refused 1 minutes draft cdjsc/2019-12-16
err_has "cdjsc/2020-04-20, a later meeting in the same municipal year, already has minutes"
expect_refused 1 minutes add cdjsc/2019-06-10 "Late item"
err_has "a later meeting in the same municipal year, already has minutes"
# the gap is reported by check
expect_fail 1 check --as-of 2020-07-01
out_has "cdjsc/2020-04-20/minutes.md:"
out_has "[minutes] minute 10/19 leaves a gap: the municipal year's next number is 5"

section "cancelled, postponed, no agenda"
expect_ok meeting new cdjsc --date 2020-07-01
expect_ok meeting cancel cdjsc/2020-07-01 --reason "No business"
expect_refused 1 minutes draft cdjsc/2020-07-01
err_has "meeting cdjsc/2020-07-01 is cancelled: it has no minutes"
expect_ok meeting new cdjsc --date 2020-08-01
expect_ok meeting postpone cdjsc/2020-08-01 --reason "Illness"
expect_refused 1 minutes draft cdjsc/2020-08-01
err_has "is postponed"
expect_ok meeting new cdjsc --date 2020-09-01
git rm -q cdjsc/2020-09-01/agenda.md && git commit -qm "No agenda (test)"
expect_refused 1 minutes draft cdjsc/2020-09-01
err_has "meeting 'cdjsc/2020-09-01' has no agenda"

section "a custom year start"
new_store "$TEST_TMP/store2" --body "Test"
sed -i 's/^year_start: .*/year_start: 09-01/' govern.yaml
git_commit_all "Year from September"
expect_ok committee add csp --name "CSP"
expect_ok meeting new csp --date 2020-08-31
expect_ok meeting new csp --date 2020-09-01
expect_ok minutes draft csp/2020-08-31
out_has "(1/19 to"
expect_ok minutes draft csp/2020-09-01
out_has "(1/20 to"

finish
