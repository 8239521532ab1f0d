#!/usr/bin/env bash
# The minutes and the register together: ACTION task items a clerk writes in
# draft minutes become register entries in the same commit as the minutes
# (raised in that meeting and minute, owner and due date from the line, [x]
# already done); a line is registered once; a bad line refuses the whole
# save naming minutes.md and the line; approval registers lines added since
# and freezes the file; the register then answers `govern actions`.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee" \
    --short-name CDJSC --quorum 2
expect_ok member add cdjsc "Councillor P Miller" --role chair
expect_ok member add cdjsc "Councillor R Gardiner" --role member
expect_ok committee add hcssg --name "Hampshire Community Safety Strategy Group" --short-name HCSSG
expect_ok meeting new cdjsc --date 2019-12-16
expect_ok meeting new cdjsc --date 2020-09-21
expect_ok meeting held cdjsc/2019-12-16
expect_ok minutes draft cdjsc/2019-12-16
M=cdjsc/2019-12-16/minutes.md

section "a hand-written draft with actions is saved with its register entries in one commit"
cat >>$M <<'EOF'

There were no urgent matters.

- [ ] ACTION: Circulate the list of agencies in the Vulnerabilities Operational Group @{Safer North Hampshire CSP} due:2020-03-31
- [x] ACTION: Write to the partners whose returns are missing @Chair-of-the-CSP
- [ ] Not an action: an ordinary task item stays as written
EOF
before=$(commit_count)
expect_ok minutes draft cdjsc/2019-12-16
assert_eq "$(commit_count)" "$((before + 1))" "one commit for the minutes and the actions"
assert_eq "$(git show --name-only --format= HEAD | sort | tr '\n' ' ')" \
    "actions/CDJSC-2019-001.md actions/CDJSC-2019-002.md $M " "files of the commit"
assert_clean_worktree
file_has $M "- [ ] ACTION CDJSC-2019-001: Circulate the list of agencies in the Vulnerabilities Operational Group @{Safer North Hampshire CSP} due:2020-03-31"
file_has $M "- [x] ACTION CDJSC-2019-002: Write to the partners whose returns are missing @{Chair-of-the-CSP}"
file_has $M "- [ ] Not an action: an ordinary task item stays as written"
file_has actions/CDJSC-2019-001.md "minute: 4/19"
file_has actions/CDJSC-2019-001.md "meeting: cdjsc/2019-12-16"
file_has actions/CDJSC-2019-002.md "status: done"

expect_ok --as-of 2020-04-01 actions --format json
json_expect 'j["as_of"] == "2020-04-01"'
json_expect '[a["id"] for a in j["actions"]] == ["CDJSC-2019-001"]'
json_expect 'j["actions"][0]["raised_in"] == {"meeting": "cdjsc/2019-12-16", "minute": "4/19"}'
json_expect 'j["actions"][0]["owner"] == "Safer North Hampshire CSP" and j["actions"][0]["due"] == "2020-03-31"'
json_expect 'j["actions"][0]["rag"] == "red" and j["actions"][0]["days_overdue"] == 1'
expect_ok --as-of 2020-04-01 actions --status all --format json
json_expect '[(a["id"], a["status"]) for a in j["actions"]] == [("CDJSC-2019-001", "open"), ("CDJSC-2019-002", "done")]'

section "saving again registers nothing twice"
before=$(commit_count)
expect_ok minutes draft cdjsc/2019-12-16
assert_eq "$(commit_count)" "$before" "nothing new to commit"
assert_eq "$(ls actions | wc -l)" 2 "still two actions"

section "a bad action line refuses the whole save, naming the file and line"
echo "- [ ] ACTION: Report back @{Safer North Hampshire CSP} due:2021-02-30" >>$M
L=$(grep -n -m1 'due:2021-02-30' $M | cut -d: -f1)
expect_refused 1 minutes draft cdjsc/2019-12-16
err_has "$M:$L"
assert_file_absent actions/CDJSC-2019-003.md
file_has $M "due:2021-02-30" # the clerk's edit is still there
sed -i 's/due:2021-02-30/due:2020-06-30/' $M
expect_ok minutes draft cdjsc/2019-12-16
file_has actions/CDJSC-2019-003.md "due: 2020-06-30"

section "approval registers the lines added since, freezes the file and tags it"
expect_ok minutes attend cdjsc/2019-12-16 "Councillor P Miller" --present
expect_ok minutes attend cdjsc/2019-12-16 "Councillor R Gardiner" --present
echo "- [ ] ACTION: Added just before approval @{Hampshire County Council} due:2020-10-31" >>$M
git_commit_all "Hand edit committed with git"
expect_ok meeting held cdjsc/2020-09-21 --as-of 2020-09-21
expect_ok minutes approve cdjsc/2019-12-16 --at cdjsc/2020-09-21 --presiding "Councillor P Miller"
assert_file_exists actions/CDJSC-2019-004.md
file_has $M "ACTION CDJSC-2019-004: Added just before approval"
file_has $M "status: approved"
assert_eq "$(git cat-file -t minutes/cdjsc/2019-12-16)" tag "annotated tag"
assert_eq "$(git show --name-only --format= HEAD | grep -c '^actions/')" 1 "the action is in the approval commit"

section "approved minutes are frozen; the register is not"
echo "- [ ] ACTION: Too late @X" >>$M
expect_fail 1 minutes draft cdjsc/2019-12-16
err_has "correction"
git checkout -q -- $M
expect_ok --as-of 2020-09-22 action update CDJSC-2019-001 --status done --note "List circulated"
expect_ok --as-of 2020-09-22 actions --format csv
python3 - "$OUT" <<'EOF' && pass || fail "CSV of outstanding actions"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
ids = [r[0] for r in rows[1:]]
assert ids == ["CDJSC-2019-003", "CDJSC-2019-004"], ids
EOF
expect_ok check --as-of 2020-09-22
assert_git_healthy

finish
