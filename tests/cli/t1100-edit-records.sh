#!/usr/bin/env bash
# Every record edited from the CLI, each one commit, each read back under the
# parser's rules (issue 15 item 1): agenda edit (title, purpose, text, pages,
# report, exempt/public, urgent, fulfils), agenda refresh of the Action log,
# committee set, meeting set (meeting.md and the minutes' started/ended),
# member set (undoing a mistaken end), config get/set.  Bad values are
# refused with nothing written.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Basingstoke and Deane Borough Council"
export GOVERN_COMMIT_TIME=1600000000
expect_ok committee add cdjsc --name "Crime and Disorder JSC" --quorum 1 --short-name CDJSC
expect_ok committee add snh-csp --name "Safer North Hampshire CSP"
expect_ok member add cdjsc "Councillor P Miller" --role chair --organisation "Basingstoke and Deane BC"
expect_ok meeting new cdjsc --date 2020-09-21 --time 18:00
M=cdjsc/2020-09-21
A=$M/agenda.md

section "agenda edit: page references, printed as the seed prints them"
before=$(commit_count)
expect_ok agenda edit $M 4 --pages 1-8 --purpose "The Chair will move that the minutes be taken as a correct record."
assert_eq "$(commit_count)" "$((before + 1))" "one commit"
file_has $A "  pages: 1-8"
assert_clean_worktree
expect_ok agenda show $M
out_has "### 4. Urgent matters (Pages 1 - 8)"
out_has "The Chair will move that the minutes be taken as a correct record."
expect_ok agenda edit $M 4 --pages 5
expect_ok agenda show $M
out_has "### 4. Urgent matters (Page 5)"
expect_ok agenda show $M --format json
json_expect 'j["items"][3]["pages"] == "5"'
expect_ok check --as-of 2020-09-01

section "agenda edit: title, text, fulfils, urgent, report, exempt and back to public"
expect_ok agenda add $M "Performance review" --pages 9-52
echo "# Review" >review.md
expect_ok agenda edit $M 5 --title "Performance review of the CSP 2019-20" --text "Appendix 3: partner returns" \
    --fulfils snh-csp-review --report review.md
file_has $A "title: Performance review of the CSP 2019-20"
file_has $A "  text: 'Appendix 3: partner returns'"
file_has $A "  fulfils: snh-csp-review"
file_has $A "  report: performance-review-of-the-csp-2019-20.md"
assert_file_exists $M/reports/performance-review-of-the-csp-2019-20.md
echo "# Review, revised" >review.md
expect_ok agenda edit $M 5 --report review.md
file_has $M/reports/performance-review-of-the-csp-2019-20.md "# Review, revised"
expect_ok agenda edit $M 5 --exempt 3
# the public form is of a published agenda
expect_ok agenda publish $M --date 2020-09-11
expect_ok agenda show $M --public
out_lacks "Appendix 3"
out_lacks "9 - 52"
out_has "paragraph 3 of Part 1 of Schedule 12A"
expect_ok agenda edit $M 5 --public --fulfils ''
file_lacks $A "exempt:"
file_lacks $A "fulfils:"
expect_ok agenda show $M --public
out_has "Appendix 3"

section "agenda edit refuses bad values and writes nothing"
expect_refused 1 agenda edit $M 5 --pages 52-9
err_has "a page reference is a page (5) or a range (9-52)"
expect_refused 1 agenda edit $M 5 --pages x
expect_refused 1 agenda edit $M 5 --exempt 8
expect_refused 2 agenda edit $M 5 --exempt 3 --public
expect_refused 1 agenda edit $M 9 --title X
err_has "no item 9"
expect_refused 1 agenda edit $M 5 --title ''
expect_refused 1 agenda edit $M 5 --fulfils ../x
expect_refused 2 agenda edit $M 5
err_has "nothing to change"
expect_refused 1 agenda edit $M 5 --title "$(printf 'two\nlines')"
printf '\377\376' >bad.md
expect_refused 1 agenda edit $M 5 --report bad.md
expect_refused 1 agenda edit $M 5 --report missing.md
# a hand edit not yet committed is never overwritten
echo "notes" >>$A
expect_refused 1 agenda edit $M 5 --pages 3
git checkout -q -- $A

section "agenda refresh: the Action log as of --as-of"
expect_ok action add $M "Circulate the list of agencies" --owner "Safer North Hampshire CSP" --due 2020-10-01
expect_ok --as-of 2020-09-10 agenda refresh $M
out_has "Refresh the standing items of $M as of 2020-09-10"
file_has $A "title: Action log"
file_has $A "Outstanding actions on 2020-09-10"
n_items=$(grep -c '^- title:' $A)
expect_ok --as-of 2020-10-05 agenda refresh $M
file_has $A "Outstanding actions on 2020-10-05"
file_has $A "(4 days overdue)"
assert_eq "$(grep -c '^- title:' $A)" "$n_items" "the Action log replaced, not added again"
expect_ok action update CDJSC-2020-001 --status done
expect_ok --as-of 2020-10-06 agenda refresh $M
file_lacks $A "Action log"
expect_refused 1 --as-of 2020-10-06 agenda refresh $M
err_has "no standing items to refresh"

section "committee set"
before=$(commit_count)
expect_ok committee set cdjsc --name "Crime and Disorder Joint Scrutiny Committee" --quorum 2 \
    --description "A joint committee of three councils." --cadence annual
assert_eq "$(commit_count)" "$((before + 1))" "one commit"
file_has cdjsc/committee.md "name: Crime and Disorder Joint Scrutiny Committee"
file_has cdjsc/committee.md "quorum: 2"
file_has cdjsc/committee.md "A joint committee of three councils."
expect_ok committee set snh-csp --parent cdjsc --kind partnership
file_has snh-csp/committee.md "parent: cdjsc"
expect_ok committee set snh-csp --parent ''
file_lacks snh-csp/committee.md "parent:"
expect_refused 1 committee set cdjsc --parent cdjsc
expect_refused 1 committee set cdjsc --parent nowhere
expect_refused 2 committee set cdjsc --quorum 0
expect_refused 1 committee set cdjsc --kind club
expect_refused 1 committee set cdjsc --short-name lower
expect_refused 2 committee set cdjsc --name ''
expect_refused 2 committee set cdjsc
expect_refused 1 committee set nowhere --quorum 2

section "meeting set: details in meeting.md, the sequence goes up"
expect_ok meeting set $M --location "Remote meeting" --end 20:00
file_has $M/meeting.md "location: Remote meeting"
file_has $M/meeting.md "end: 20:00"
file_has $M/meeting.md "sequence: 1"
expect_ok meeting set $M --end ''
file_lacks $M/meeting.md "end:"
expect_refused 1 meeting set $M --end 17:00
expect_refused 2 meeting set $M --time 25:00
expect_refused 1 meeting set $M --location "$(printf 'a\nb')"
expect_refused 2 meeting set $M

section "meeting set --started/--ended: the minutes' record, also for a held meeting"
expect_ok meeting held $M
expect_refused 1 meeting set $M --started 18:05
err_has "govern minutes draft $M"
expect_ok minutes draft $M
expect_ok meeting set $M --started 18:05 --ended 19:40 --location "Council Chamber"
file_has $M/minutes.md "started: 18:05"
file_has $M/minutes.md "ended: 19:40"
file_has $M/meeting.md "location: Council Chamber"
expect_refused 1 meeting set $M --ended 18:00
err_has "--ended must come after --started"

section "member set: organisation, vote, dates; --to '' undoes a mistaken end"
expect_ok member add cdjsc "Councillor S Forster"
expect_ok member end cdjsc "Councillor S Forster" --date 2020-01-31
expect_ok member set cdjsc "Councillor S Forster" --to '' --organisation "Hart DC" --from 2019-05-20
file_has cdjsc/committee.md "organisation: Hart DC"
file_has cdjsc/committee.md "from: 2019-05-20"
expect_ok member list cdjsc --format json
json_expect '[m for m in j["members"] if m["name"] == "Councillor S Forster"][0]["to"] is None'
expect_ok member set cdjsc "Councillor S Forster" --non-voting
file_has cdjsc/committee.md "voting: false"
expect_ok member add cdjsc "Councillor S Forster" --role vice-chair
expect_refused 1 member set cdjsc "Councillor S Forster" --title X
err_has "say which with --role"
expect_ok member set cdjsc "Councillor S Forster" --role vice-chair --title "Vice-chair"
expect_refused 1 member set cdjsc "Councillor S Forster" --role vice-chair --from 2020-01-01 --to 2019-01-01
expect_refused 1 member set cdjsc "Nobody" --title X
expect_refused 2 member set cdjsc "Councillor P Miller" --from 2020-02-30
expect_refused 2 member set cdjsc "Councillor P Miller" --voting --non-voting

section "config get and set"
expect_ok config get notice_days
expect_stdout <<'OUT'
5
OUT
expect_ok config get base_url
expect_stdout <<'OUT'

OUT
expect_ok config set notice_counting working
file_has govern.yaml "notice_counting: working"
expect_ok config set base_url https://democracy.example.org
expect_ok config get base_url
out_has "https://democracy.example.org"
expect_ok config set base_url ''
file_lacks govern.yaml "base_url"
expect_ok config set body "Hart District Council"
expect_ok config get
out_has "body: Hart District Council"
expect_refused 1 config set notice_days 61
err_has "govern.yaml:"
expect_refused 1 config set timezone Mars/Olympus
expect_refused 1 config set year_start 02-30
expect_refused 1 config set notice_counting fortnightly
expect_refused 1 config set body ''
expect_refused 2 config set format 2
expect_refused 2 config set colour blue

finish
