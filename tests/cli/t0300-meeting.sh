#!/usr/bin/env bash
# meeting new (ids, -2 for a second meeting on a day), list and show with
# filters and formats, cancel/postpone/reschedule (sequence goes up, uid and
# id never change), and the standard items a new agenda starts with.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add csg --name "Community Safety Strategy Group" --kind partnership
expect_ok committee add scrutiny --name "Policy and Resources Select Committee"

std_titles() { # the titles of an agenda, one per line
    sed -n 's/^- title: //p' "$1"
}

section "meeting new prints the id; a second meeting on the same day gets -2"
expect_ok meeting new csg --date 2019-06-10 --time 10:00 --end 12:00 --location "EII Court, Winchester" \
    --title "Annual meeting"
expect_stdout <<'EOF'
csg/2019-06-10
EOF
expect_ok meeting new csg --date 2019-06-10 --time 14:00
expect_stdout <<'EOF'
csg/2019-06-10-2
EOF
expect_ok meeting new csg --date 2019-06-10 --time 16:00
expect_stdout <<'EOF'
csg/2019-06-10-3
EOF
assert_file_exists csg/2019-06-10/meeting.md
assert_file_exists csg/2019-06-10-2/agenda.md
assert_eq "$(git log -1 --format=%s)" "Schedule Community Safety Strategy Group meeting on Monday 10 June 2019" \
    "commit message"
assert_eq "$(git show --stat --format= HEAD | grep -c '|')" 2 "a new meeting commits meeting.md and agenda.md"
expect_ok meeting new csg --date 2019-09-16 --time 10:00
expect_ok meeting new csg --date 2019-12-16 --time 10:00
expect_ok meeting new csg --date 2020-03-16 --time 10:00
expect_ok meeting new csg --date 2020-06-15 --time 10:00
expect_ok meeting new scrutiny --date 2019-07-18 --time 10:00 --private
assert_clean_worktree

section "agenda of the first meeting of the municipal year (05-01): chair, no minutes"
std_titles csg/2019-06-10/agenda.md >"$TEST_TMP/t"
cat >"$TEST_TMP/expected" <<'EOF'
Appointment of Chair
Apologies for absence and substitutions
Declarations of interest
Urgent matters
EOF
_expect_text "$TEST_TMP/t" "$TEST_TMP/expected" "first agenda of 2019/20"
file_has csg/2019-06-10/agenda.md "To appoint a Chair of the Community Safety Strategy Group for the 2019/20 municipal year."
file_has csg/2019-06-10/agenda.md "standard: apologies"
file_has csg/2019-06-10/agenda.md "standard: declarations"
file_has csg/2019-06-10/agenda.md "standard: urgent"

section "later meetings: minutes of the previous meeting, no chair"
std_titles csg/2019-09-16/agenda.md >"$TEST_TMP/t"
cat >"$TEST_TMP/expected" <<'EOF'
Apologies for absence and substitutions
Declarations of interest
Urgent matters
Minutes of the meeting held on 10 June 2019
EOF
_expect_text "$TEST_TMP/t" "$TEST_TMP/expected" "agenda of the second meeting"
std_titles csg/2020-03-16/agenda.md >"$TEST_TMP/t"
grep -qx "Minutes of the meeting held on 16 December 2019" "$TEST_TMP/t" && pass ||
    fail "minutes item names the previous meeting"
file_lacks csg/2020-03-16/agenda.md "Appointment of Chair"

section "the first meeting after 1 May opens a new municipal year"
std_titles csg/2020-06-15/agenda.md >"$TEST_TMP/t"
cat >"$TEST_TMP/expected" <<'EOF'
Appointment of Chair
Apologies for absence and substitutions
Declarations of interest
Urgent matters
Minutes of the meeting held on 16 March 2020
EOF
_expect_text "$TEST_TMP/t" "$TEST_TMP/expected" "first agenda of 2020/21"
file_has csg/2020-06-15/agenda.md "for the 2020/21 municipal year."

section "the municipal year starts on 1 May by default (30 April / 1 May boundary)"
cd "$TEST_TMP" || exit 1
new_store "$TEST_TMP/may"
expect_ok committee add edge --name "Boundary Committee"
expect_ok meeting new edge --date 2021-03-01
expect_ok meeting new edge --date 2021-04-30
expect_ok meeting new edge --date 2021-05-01
file_has edge/2021-03-01/agenda.md "for the 2020/21 municipal year."
file_lacks edge/2021-04-30/agenda.md "Appointment of Chair"
file_has edge/2021-04-30/agenda.md "Minutes of the meeting held on 1 March 2021"
file_has edge/2021-05-01/agenda.md "To appoint a Chair of the Boundary Committee for the 2021/22 municipal year."
file_has edge/2021-05-01/agenda.md "Minutes of the meeting held on 30 April 2021"
cd "$TEST_TMP/store" || exit 1

section "a cancelled meeting is not the previous meeting"
expect_ok meeting new scrutiny --date 2019-10-17
expect_ok meeting cancel scrutiny/2019-10-17 --reason "No business"
expect_ok meeting new scrutiny --date 2019-11-21
file_has scrutiny/2019-11-21/agenda.md "Minutes of the meeting held on 18 July 2019"

section "a store whose municipal year starts on 04-01"
cd "$TEST_TMP" || exit 1
new_store "$TEST_TMP/april" --year-start 04-01
expect_ok committee add board --name "Board"
expect_ok meeting new board --date 2021-03-15
expect_ok meeting new board --date 2021-04-12
file_has board/2021-04-12/agenda.md "Appointment of Chair"
file_has board/2021-04-12/agenda.md "for the 2021/22 municipal year."
file_has board/2021-04-12/agenda.md "Minutes of the meeting held on 15 March 2021"
file_has board/2021-03-15/agenda.md "for the 2020/21 municipal year."
cd "$TEST_TMP/store" || exit 1

section "meeting list, filters and formats"
ids() { sed -n '2,$p' "$OUT" | awk '{print $1}'; }
expect_ok meeting list
ids >"$TEST_TMP/t"
cat >"$TEST_TMP/expected" <<'EOF'
csg/2019-06-10
csg/2019-06-10-2
csg/2019-06-10-3
scrutiny/2019-07-18
csg/2019-09-16
scrutiny/2019-10-17
scrutiny/2019-11-21
csg/2019-12-16
csg/2020-03-16
csg/2020-06-15
EOF
_expect_text "$TEST_TMP/t" "$TEST_TMP/expected" "meetings in date order"
head -1 "$OUT" | grep -q '^ID  *DATE  *TIME  *COMMITTEE  *STATUS  *LOCATION' && pass || fail "table header"
grep -q '^csg/2019-06-10 .* 10:00-12:00 .*EII Court, Winchester' "$OUT" && pass || fail "time range and location"
grep -q '^scrutiny/2019-10-17 .*cancelled' "$OUT" && pass || fail "cancelled status"
expect_ok meeting list --committee scrutiny
ids >"$TEST_TMP/t"
printf 'scrutiny/2019-07-18\nscrutiny/2019-10-17\nscrutiny/2019-11-21\n' >"$TEST_TMP/expected"
_expect_text "$TEST_TMP/t" "$TEST_TMP/expected" "--committee filter"
expect_ok meeting list --from 2019-09-01 --to 2019-12-31
ids >"$TEST_TMP/t"
printf 'csg/2019-09-16\nscrutiny/2019-10-17\nscrutiny/2019-11-21\ncsg/2019-12-16\n' >"$TEST_TMP/expected"
_expect_text "$TEST_TMP/t" "$TEST_TMP/expected" "--from/--to filter (inclusive)"
expect_ok meeting list --committee csg --committee scrutiny --from 2020-01-01
ids >"$TEST_TMP/t"
printf 'csg/2020-03-16\ncsg/2020-06-15\n' >"$TEST_TMP/expected"
_expect_text "$TEST_TMP/t" "$TEST_TMP/expected" "combined filters"
expect_ok meeting list --from 2030-01-01
assert_eq "$(wc -l <"$OUT")" 1 "an empty list has only the header"
expect_ok meeting list --committee csg --format csv
head -2 "$OUT" >"$TEST_TMP/t"
printf 'id,committee,committee_name,date,time,end,status,location,title,private,sequence,uid\r\ncsg/2019-06-10,csg,Community Safety Strategy Group,2019-06-10,10:00,12:00,scheduled,"EII Court, Winchester",Annual meeting,false,0,%s\r\n' \
    "$(git show HEAD:csg/2019-06-10/meeting.md | sed -n 's/^uid: //p')" \
    >"$TEST_TMP/expected"
_expect_text "$TEST_TMP/t" "$TEST_TMP/expected" "meeting CSV"
expect_ok meeting list --format json --committee scrutiny
json_valid
json_expect '[m["id"] for m in j["meetings"]] == ["scrutiny/2019-07-18", "scrutiny/2019-10-17", "scrutiny/2019-11-21"]'
json_expect 'j["meetings"][0]["private"] is True and j["meetings"][1]["status"] == "cancelled"'
json_expect 'j["meetings"][1]["reason"] == "No business" and j["meetings"][1]["sequence"] == 1'
expect_refused 1 meeting list --committee ../etc
expect_refused 2 meeting list --from 2019-02-29
expect_refused 1 meeting list --committee nosuch
err_has "unknown committee 'nosuch'"

section "meeting show"
expect_ok meeting show csg/2019-06-10
out_has "Community Safety Strategy Group: Annual meeting"
out_has "Id:        csg/2019-06-10"
out_has "Date:      Monday 10 June 2019"
out_has "Time:      10:00 to 12:00"
out_has "Location:  EII Court, Winchester"
out_has "Status:    scheduled"
out_has "Sequence:  0"
expect_ok meeting show scrutiny/2019-07-18
out_has "Private:   yes"
expect_ok meeting show csg/2019-06-10 --format json
json_valid
json_expect 'j["id"] == "csg/2019-06-10" and j["date"] == "2019-06-10" and j["time"] == "10:00" and j["end"] == "12:00"'
json_expect 'j["uid"].endswith("@govern") and len(j["uid"]) > 10 and j["title"] == "Annual meeting"'
expect_refused 1 meeting show csg/2019-06-11
err_has "csg/2019-06-11"
expect_refused 1 meeting show csg
expect_refused 1 meeting show csg/../scrutiny/2019-07-18
expect_refused 1 meeting show /etc/passwd

section "reschedule, postpone, cancel: sequence goes up, uid and id never change"
M=csg/2019-09-16
expect_ok meeting show $M --format json
uid=$(json_get 'j["uid"]')
[ -n "$uid" ] && pass || fail "no uid"
seq_of() { run meeting show "$1" --format json && json_get 'j["sequence"]'; }
uid_of() { run meeting show "$1" --format json && json_get 'j["uid"]'; }
expect_ok meeting reschedule $M --time 14:00
expect_stdout <<'EOF'
Reschedule meeting csg/2019-09-16 to Monday 16 September 2019
EOF
assert_eq "$(seq_of $M)" 1 "sequence after reschedule"
expect_ok meeting reschedule $M --date 2019-09-23 --location "Ashburton Hall"
assert_eq "$(seq_of $M)" 2 "sequence after a second reschedule"
expect_ok meeting show $M --format json
json_expect 'j["id"] == "csg/2019-09-16" and j["date"] == "2019-09-23" and j["time"] == "14:00" and j["location"] == "Ashburton Hall"'
assert_file_exists csg/2019-09-16/meeting.md
assert_file_absent csg/2019-09-23
expect_ok meeting postpone $M --reason "Chair unwell"
expect_stdout <<'EOF'
Postpone meeting csg/2019-09-16 of Monday 23 September 2019
EOF
assert_eq "$(seq_of $M)" 3 "sequence after postpone"
expect_ok meeting show $M
out_has "Status:    postponed (Chair unwell)"
expect_refused 1 meeting postpone $M --reason "Again"
expect_ok meeting reschedule $M --date 2019-09-30
assert_eq "$(seq_of $M)" 4 "sequence after rescheduling a postponed meeting"
expect_ok meeting show $M --format json
json_expect 'j["status"] == "scheduled" and j["reason"] is None and j["date"] == "2019-09-30"'
expect_ok meeting cancel $M --reason "Business moved to December"
assert_eq "$(seq_of $M)" 5 "sequence after cancel"
assert_eq "$(uid_of $M)" "$uid" "uid after all changes"
expect_refused 1 meeting cancel $M --reason "Twice"
err_has "already cancelled"
expect_refused 1 meeting reschedule $M --date 2019-10-07
expect_refused 1 meeting reschedule csg/2019-12-16
err_has "nothing to change"
expect_refused 2 meeting cancel csg/2019-12-16
expect_refused 2 meeting postpone csg/2019-12-16 --reason ""
expect_refused 2 meeting reschedule csg/2019-12-16 --date 2019-12-32
expect_refused 2 meeting reschedule csg/2019-12-16 --time 25:00
expect_refused 1 meeting reschedule csg/2019-12-16 --time 10:00 --end 09:00
expect_refused 1 meeting cancel csg/2099-01-01 --reason "No such meeting"
# every uid is different
expect_ok meeting list --format json
json_expect 'len(set(m["uid"] for m in j["meetings"])) == len(j["meetings"])'
# the history of the meeting shows each change
expect_ok log $M
assert_eq "$(grep -c '^    [^ ]' "$OUT")" 6 "changes in the meeting's log"

section "meeting new refuses bad input"
expect_refused 2 meeting new csg
expect_refused 2 meeting new csg --date 2019-02-29
expect_refused 2 meeting new csg --date 2020-02-30
expect_refused 2 meeting new csg --date 2021-13-01
expect_refused 2 meeting new csg --date 2021-1-1
expect_refused 2 meeting new csg --date 2021-06-01 --time 9am
expect_refused 1 meeting new csg --date 2021-06-01 --end 10:00
expect_refused 1 meeting new nosuch --date 2021-06-01
err_has "nosuch"
expect_refused 1 meeting new ../csg --date 2021-06-01
expect_refused 1 meeting new csg/x --date 2021-06-01
expect_refused 1 meeting new /tmp --date 2021-06-01
expect_refused 1 meeting new csg --date 2021-06-01 --location "two
lines"
# a leap day is fine
expect_ok meeting new csg --date 2024-02-29
expect_stdout <<'EOF'
csg/2024-02-29
EOF

assert_clean_worktree
assert_git_healthy
finish
