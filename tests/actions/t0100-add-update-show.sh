#!/usr/bin/env bash
# govern action add/update/show: ids SHORT-YYYY-NNN from the register, raised
# in a meeting and minute or by a committee, referrals, dated log entries by
# the commit's author, and bad input refused with nothing changed.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee" --short-name CDJSC
expect_ok committee add hcssg --name "Hampshire Community Safety Strategy Group"
expect_ok meeting new cdjsc --date 2019-12-16 --time 18:30

section "add: raised in a meeting and a minute, referred to another committee"
expect_ok --as-of 2019-12-17 action add cdjsc/2019-12-16 "Circulate the list of agencies." \
    --owner "Safer North Hampshire CSP" --due 2020-03-31 --item 6 --refer-to hcssg
expect_stdout <<'EOF2'
CDJSC-2019-001
EOF2
assert_file_exists actions/CDJSC-2019-001.md
cat >"$TEST_TMP/expected" <<'EOF2'
---
id: CDJSC-2019-001
committee: cdjsc
raised_in:
  meeting: cdjsc/2019-12-16
  minute: 6/19
owner: Safer North Hampshire CSP
due: 2020-03-31
status: open
referred_to:
- hcssg
created: 2019-12-17
updated: 2019-12-17
---

Circulate the list of agencies.
EOF2
_expect_text actions/CDJSC-2019-001.md "$TEST_TMP/expected" "actions/CDJSC-2019-001.md"
assert_eq "$(git log -1 --format=%s)" "Add action CDJSC-2019-001: Circulate the list of agencies." "commit message"
assert_clean_worktree

section "ids go on from the register; a committee raises one outside a meeting"
expect_ok --as-of 2019-12-18 action add cdjsc/2019-12-16 "Second" --owner "Chief Constable"
expect_stdout <<<"CDJSC-2019-002"
expect_ok --as-of 2021-02-01 action add --committee hcssg "Chase partners' returns" --owner "Hart DC" --return
expect_stdout <<<"HCSSG-2021-001"
file_lacks actions/HCSSG-2021-001.md "raised_in"
file_has actions/HCSSG-2021-001.md "kind: return"

section "update: status, note, due; log entry by the commit's author on --as-of"
GOVERN_AUTHOR_NAME="Carrie Ryan" expect_ok --as-of 2020-01-10 action update CDJSC-2019-001 \
    --status in-progress --note "Chased by email" --due 2020-04-30
file_has actions/CDJSC-2019-001.md "updated: 2020-01-10"
file_has actions/CDJSC-2019-001.md "- date: 2020-01-10
  by: Carrie Ryan
  status: in-progress
  due: 2020-04-30
  note: Chased by email"
file_has actions/CDJSC-2019-001.md "due: 2020-04-30"
expect_ok --as-of 2020-02-01 action update CDJSC-2019-002 --refer-to hcssg
file_has actions/CDJSC-2019-002.md "note: Referred to hcssg"
assert_eq "$(git log -1 --format=%an)" "Test Clerk" "author"

section "show: text and JSON"
expect_ok --as-of 2020-05-01 action show CDJSC-2019-001
out_has "Raised in:   cdjsc/2019-12-16, minute 6/19"
out_has "RAG:         red (1 day overdue)"
out_has "2020-01-10  Carrie Ryan  status: in-progress  due: 2020-04-30  note: Chased by email"
expect_ok --as-of 2020-05-01 action show CDJSC-2019-001 --format json
json_valid
json_expect 'j["id"] == "CDJSC-2019-001" and j["raised_in"] == {"meeting": "cdjsc/2019-12-16", "minute": "6/19"}'
json_expect 'j["log"][0]["by"] == "Carrie Ryan" and j["rag"] == "red" and j["days_overdue"] == 1'

section "bad input: clear message, non-zero exit, nothing changed"
expect_refused 1 action update CDJSC-2019-099 --status done
err_has "unknown action 'CDJSC-2019-099'"
expect_refused 1 action update CDJSC-2019-001 --status finished
err_has "invalid status 'finished'"
expect_refused 2 action update CDJSC-2019-001 --due 2021-02-30
err_has "2021-02-30"
expect_refused 2 action add cdjsc/2019-12-16 "X" --owner Y --due 2021-02-30
expect_refused 1 action add nosuch/2019-12-16 "X" --owner Y
err_has "unknown committee 'nosuch'"
expect_refused 1 action add cdjsc/2019-12-17 "X" --owner Y
err_has "unknown meeting 'cdjsc/2019-12-17'"
expect_refused 1 action add cdjsc/2019-12-16 "X" --owner Y --refer-to nosuch
expect_refused 1 action add cdjsc/2019-12-16 "X" --owner Y --refer-to cdjsc
expect_refused 1 action add cdjsc/2019-12-16 "   " --owner Y
expect_refused 1 action add cdjsc/2019-12-16 "X" --owner "two
lines"
expect_refused 2 action add cdjsc/2019-12-16 "X"
expect_refused 1 action show ../../etc/passwd
expect_refused 1 --as-of 2019-12-01 action update CDJSC-2019-001 --note "before the last entry"
err_has "before its latest entry"
# an unknown minute number when the minutes exist
mkdir -p cdjsc/2019-12-16 && printf -- '---\nmeeting: cdjsc/2019-12-16\n---\n\n## 1/19 Chair\n\n## 6/19 Review\n' >cdjsc/2019-12-16/minutes.md
git_commit_all "minutes by hand"
expect_refused 1 action add cdjsc/2019-12-16 "X" --owner Y --item 7
err_has "has no minute 7"
expect_ok action add cdjsc/2019-12-16 "X" --owner Y --item 6
# a clerk's uncommitted edit is never overwritten
echo "hand edit" >>actions/CDJSC-2019-001.md
expect_refused 1 action update CDJSC-2019-001 --status done
git checkout -q actions/CDJSC-2019-001.md

finish
