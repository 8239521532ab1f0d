#!/usr/bin/env bash
# committee add/list/show in text, JSON and CSV; member add/end/list;
# co-opted members without a vote; the quorum against voting members.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Safer North Hampshire"

section "committee add"
expect_ok committee add csp --name "Safer North Hampshire CSP" --short-name SNH \
    --kind partnership --quorum 3 --cadence quarterly
expect_stdout <<'EOF'
Added committee csp (Safer North Hampshire CSP)
EOF
expect_ok committee add scrutiny --name "Crime and Disorder Joint Scrutiny Committee"
expect_ok committee add perf --name "Performance Sub-Group" --kind sub-committee --parent csp
assert_eq "$(git log -1 --format=%s)" "Add committee perf: Performance Sub-Group" "commit message"
assert_eq "$(commit_count)" 4 "one commit per committee"
assert_clean_worktree
cat >"$TEST_TMP/expected" <<'EOF'
---
name: Safer North Hampshire CSP
short_name: SNH
kind: partnership
quorum: 3
cadence: quarterly
---
EOF
_expect_text csp/committee.md "$TEST_TMP/expected" csp/committee.md

section "committee add refuses duplicates, bad slugs, bad kinds and missing parents"
expect_refused 1 committee add csp --name "Again"
err_has "already exists"
for slug in "Bad" "a/b" ".." "../x" "/abs" ".hidden" "a b" "" "govern.yaml"; do
    expect_refused 1 committee add "$slug" --name X
done
expect_refused 1 committee add q --name Q --kind cabal
expect_refused 1 committee add q --name Q --parent nosuch
err_has "nosuch"
expect_refused 2 committee add q --name Q --quorum 0
expect_refused 2 committee add q --name Q --quorum many
expect_refused 2 committee add q
assert_file_absent q

section "member add, co-opted members without a vote"
expect_ok member add csp "Cllr Ken Muschamp" --role chair --organisation "Rushmoor Borough Council" \
    --from 2019-05-01
expect_stdout <<'EOF'
Added Cllr Ken Muschamp to csp as chair
EOF
expect_ok member add csp "Cllr Sara Kinnell" --role vice-chair --organisation "Hart District Council"
expect_ok member add csp "Insp. Andy Sharp" --organisation "Hampshire Constabulary" \
    --title "District Commander"
expect_ok member add csp "Lt Col Jo Smith" --role co-opted --organisation "Army"
assert_eq "$(git log -1 --format=%s)" "Add Lt Col Jo Smith to csp as co-opted (non-voting)" \
    "commit message for a co-opted member"
expect_ok member add csp "Station Manager Al Reid" --role co-opted --organisation "Fire" --non-voting
expect_ok member add csp "Ms Pat Lee" --role officer --organisation "Hart District Council"
expect_ok member add csp "Cllr Vote Coopted" --role co-opted --voting --from 2020-01-01
expect_ok member add csp "Cllr Sub Stitute" --role substitute --non-voting
expect_refused 1 member add csp "Cllr Ken Muschamp" --role chair
err_has "already a chair"
expect_refused 1 member add csp "Someone" --role king
expect_refused 1 member add nosuch "Someone"
err_has "nosuch"
expect_refused 2 member add csp "Someone" --from 2021-02-30
err_has "2021-02-30"
expect_refused 1 member add csp "Someone" --from 2021-05-01 --to 2021-04-01
expect_refused 2 member add csp "Someone" --voting --non-voting
expect_refused 2 member add csp "Line
Break"

section "member list (text, JSON, CSV)"
expect_ok member list csp --as-of 2021-06-01
expect_stdout_trimmed <<'EOF'
NAME                     ROLE        TITLE               ORGANISATION              VOTING  FROM        TO
Cllr Ken Muschamp        chair                           Rushmoor Borough Council  yes     2019-05-01
Cllr Sara Kinnell        vice-chair                      Hart District Council     yes
Insp. Andy Sharp         member      District Commander  Hampshire Constabulary    yes
Lt Col Jo Smith          co-opted                        Army                      no
Station Manager Al Reid  co-opted                        Fire                      no
Ms Pat Lee               officer                         Hart District Council     no
Cllr Vote Coopted        co-opted                                                  yes     2020-01-01
Cllr Sub Stitute         substitute                                                no
EOF
# before the co-opted voter joined
expect_ok member list csp --as-of 2019-12-31
out_lacks "Cllr Vote Coopted"
expect_ok member list csp --as-of 2021-06-01 --format csv
head -2 "$OUT" >"$TEST_TMP/csv"
printf 'name,role,title,organisation,voting,from,to\r\nCllr Ken Muschamp,chair,,Rushmoor Borough Council,yes,2019-05-01,\r\n' \
    >"$TEST_TMP/expected"
_expect_text "$TEST_TMP/csv" "$TEST_TMP/expected" "member CSV"
assert_eq "$(wc -l <"$OUT")" 9 "CSV lines"
expect_ok member list csp --as-of 2021-06-01 --format json
json_valid
json_expect 'j["committee"] == "csp" and len(j["members"]) == 8'
json_expect '[m["voting"] for m in j["members"]] == [True, True, True, False, False, False, True, False]'
json_expect 'j["members"][3] == {"name": "Lt Col Jo Smith", "role": "co-opted", "title": None, "organisation": "Army", "voting": False, "from": None, "to": None}'

section "voting members and the quorum"
# voting: chair, vice-chair, member, co-opted with --voting = 4 (substitute --non-voting)
expect_ok committee show csp --as-of 2021-06-01
out_has "Voting members on 2021-06-01: 4"
out_has "Quorum:   3"
expect_ok committee show csp --as-of 2019-06-01
out_has "Voting members on 2019-06-01: 3"
expect_ok check --as-of 2021-06-01
expect_ok committee show csp --as-of 2021-06-01 --format json
json_valid
json_expect 'j["voting_members"] == 4 and j["quorum"] == 3 and j["kind"] == "partnership"'
json_expect 'j["short_name"] == "SNH" and j["cadence"] == "quarterly" and j["parent"] is None'

section "member end keeps history"
expect_ok member end csp "Insp. Andy Sharp" --date 2021-03-31
expect_stdout <<'EOF'
Ended Insp. Andy Sharp's membership of csp
EOF
file_has csp/committee.md "to: 2021-03-31"
file_has csp/committee.md "Insp. Andy Sharp"
expect_ok member list csp --as-of 2021-06-01
out_lacks "Andy Sharp"
expect_ok member list csp --as-of 2021-06-01 --all
out_has "Insp. Andy Sharp"
out_has "2021-03-31"
expect_ok member list csp --as-of 2021-03-31
out_has "Andy Sharp"
expect_refused 1 member end csp "Insp. Andy Sharp" --date 2021-04-30
err_has "no current membership"
expect_refused 1 member end csp "Nobody Here"
expect_refused 1 member end csp "Cllr Ken Muschamp" --date 2019-01-01
expect_refused 2 member end csp "Cllr Ken Muschamp" --date 2021-13-01
# the quorum (3) is now more than the voting members serving after more leave
expect_ok member end csp "Cllr Sara Kinnell" --date 2021-04-30
expect_ok member end csp "Cllr Vote Coopted" --date 2021-04-30
expect_ok committee show csp --as-of 2021-06-01
out_has "Voting members on 2021-06-01: 1"
expect_fail 1 check --as-of 2021-06-01
expect_stdout <<'EOF'
csp/committee.md:5: [quorum] quorum 3 is more than the 1 voting member serving
EOF
# but not at a date when they still served
expect_ok check --as-of 2021-01-01
# a second term is a new membership
expect_ok member add csp "Cllr Sara Kinnell" --role vice-chair --from 2021-05-01
expect_ok member list csp --as-of 2021-06-01 --all --format json
json_expect 'sum(1 for m in j["members"] if m["name"] == "Cllr Sara Kinnell") == 2'

section "committee list (text, JSON, CSV) and show"
expect_ok committee list --as-of 2021-06-01
expect_stdout_trimmed <<'EOF'
SLUG      NAME                                         KIND           PARENT  QUORUM  VOTING MEMBERS
csp       Safer North Hampshire CSP                    partnership            3       2
perf      Performance Sub-Group                        sub-committee  csp             0
scrutiny  Crime and Disorder Joint Scrutiny Committee  committee                      0
EOF
expect_ok committee list --as-of 2021-06-01 --format csv
printf 'slug,name,kind,parent,quorum,voting_members\r\ncsp,Safer North Hampshire CSP,partnership,,3,2\r\nperf,Performance Sub-Group,sub-committee,csp,,0\r\nscrutiny,Crime and Disorder Joint Scrutiny Committee,committee,,,0\r\n' \
    >"$TEST_TMP/expected"
_expect_text "$OUT" "$TEST_TMP/expected" "committee CSV"
expect_ok committee list --format json
json_valid
json_expect '[c["slug"] for c in j["committees"]] == ["csp", "perf", "scrutiny"]'
json_expect 'j["committees"][1]["parent"] == "csp" and j["committees"][1]["kind"] == "sub-committee"'
expect_ok committee show perf
out_has "Performance Sub-Group (perf)"
out_has "Parent:   csp"
expect_refused 1 committee show nosuch
err_has "nosuch"
expect_refused 1 committee show ../csp
expect_refused 2 committee show
expect_refused 2 committee list --format xml

section "names with commas, quotes and non-ASCII survive CSV and JSON"
expect_ok member add scrutiny 'Cllr Zoë "Zed" O'\''Brien, MBE' --organisation "Hart, DC"
expect_ok member list scrutiny --format csv
out_has '"Cllr Zoë ""Zed"" O'\''Brien, MBE",member,,"Hart, DC",yes,,'
expect_ok member list scrutiny --format json
json_valid
json_expect 'j["members"][0]["name"] == "Cllr Zoë \"Zed\" O'\''Brien, MBE"'
expect_ok check --as-of 2021-01-01

assert_clean_worktree
assert_git_healthy
finish
