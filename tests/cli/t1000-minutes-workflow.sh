#!/usr/bin/env bash
# Minutes from agenda to approved record: draft from the agenda, the clerk
# writes the minutes by hand, draft again commits exactly that (normalised),
# attendance and declarations, approval at a later meeting (status, approved
# block, the later agenda's minutes item linked, tag, one commit); then every
# change is refused (EFROZEN, nothing written) and a hand edit committed with
# git is caught by `govern check` (rule frozen).
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Basingstoke and Deane Borough Council"
export GOVERN_COMMIT_TIME=1576500000
expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee" --quorum 2
for m in "Councillor P Miller" "Councillor R Gardiner" "Councillor P Collings"; do
    expect_ok member add cdjsc "$m"
done
expect_ok member add cdjsc "Carrie Ryan" --role officer
expect_ok meeting new cdjsc --date 2019-12-16 --time 18:30
M=cdjsc/2019-12-16
F=$M/minutes.md
expect_ok agenda add $M "Performance review of Safer North Hampshire CSP 2018-19"

section "nothing before a draft"
expect_refused 1 minutes attend $M "Councillor P Miller" --present
err_has "has no minutes yet: start them with 'govern minutes draft $M'"
expect_refused 1 minutes show $M

section "draft from the agenda"
before=$(commit_count)
expect_ok minutes draft $M
out_has "Draft the minutes of $M (1/19 to 5/19)"
assert_eq "$(commit_count)" "$((before + 1))" "one commit"
assert_clean_worktree
file_has $F "meeting: $M"
file_has $F "status: draft"
file_has $F "year: 2019"
file_has $F "apologies: []"
file_has $F "## 1/19 Appointment of Chair"
file_has $F "## 5/19 Performance review of Safer North Hampshire CSP 2018-19"
file_has $F "  agenda_item: 5"
expect_fail 1 check --as-of 2019-12-01
out_has "$F:1: [minutes] minutes of a meeting that is scheduled, not held"
out_has "$F:5: [quorum] 0 voting members present, fewer than the quorum of 2"
# a second draft with nothing edited commits nothing
before=$(commit_count)
expect_ok minutes draft $M
out_has "unchanged: nothing to commit"
assert_eq "$(commit_count)" "$before" "no commit"

section "the clerk writes the minutes by hand; draft commits them"
python3 - "$F" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("year: 2019\n", "year: 2019\nstarted: '18:30'\nended: '20:38'\n")
s = s.replace("## 1/19 Appointment of Chair\n", "## 1/19 Appointment of Chair\n\nCouncillor Miller was elected as Chair.\n")
s = s.replace("## 5/19 Performance review of Safer North Hampshire CSP 2018-19\n",
"""## 5/19 Performance review of Safer North Hampshire CSP 2018-19



CLERK-TEXT-5e1f: the committee received the review.

RESOLVED:

1. That the committee is satisfied with the review.
2. That the comments be considered by the respective councils.

- [ ] ACTION: Circulate the list of agencies @{Safer North Hampshire CSP} due:2020-03-31
""")
open(p, "w", encoding="utf-8").write(s)
PY
git status --porcelain >"$TEST_TMP/st"
file_has "$TEST_TMP/st" " M $F"
before=$(commit_count)
expect_ok minutes draft $M
out_has "Save the draft minutes of $M"
assert_eq "$(commit_count)" "$((before + 1))" "one commit"
assert_clean_worktree
git show HEAD:$F >"$TEST_TMP/committed"
file_has "$TEST_TMP/committed" "CLERK-TEXT-5e1f"
file_has "$TEST_TMP/committed" "started: 18:30"
file_has "$TEST_TMP/committed" "Councillor Miller was elected as Chair."
# normalised: the three blank lines after the heading became one
if grep -Pzq '2018-19\n\n\nCLERK' "$TEST_TMP/committed"; then fail "not normalised"; else pass; fi
git log -1 --format=%s >"$TEST_TMP/msg"
file_has "$TEST_TMP/msg" "Save the draft minutes of $M"
expect_ok minutes show $M --format json
json_expect 'j["items"][4]["resolutions"] == ["That the committee is satisfied with the review.", "That the comments be considered by the respective councils."]'
json_expect 'j["started"] == "18:30" and j["status"] == "draft"'

section "a broken hand edit is refused with its line, nothing committed"
cp $F "$TEST_TMP/good"
sed -i 's/^## 5\/19 Performance review/## 7\/19 Performance review/' $F
L=$(grep -n '^## 7/19' $F | cut -d: -f1)
expect_refused 1 minutes draft $M
err_has "govern: $F:$L: heading '## 7/19 Performance review"
cp "$TEST_TMP/good" $F

section "attendance and declarations"
expect_ok minutes attend $M "Councillor P Miller" --present
expect_ok minutes attend $M "Councillor Q Sub" --present --substitute-for "Councillor P Collings"
expect_ok minutes attend $M "Councillor R Gardiner" --apologies
expect_ok minutes attend $M "Carrie Ryan" --also-present --title "Community Safety Manager"
# moving a person between lists
expect_ok minutes attend $M "Councillor R Gardiner" --present
expect_ok minutes show $M --format json
json_expect 'j["apologies"] == [] and [p["name"] for p in j["present"]] == ["Councillor P Miller", "Councillor Q Sub", "Councillor R Gardiner"]'
expect_refused 1 minutes attend $M "Councillor X" --present --substitute-for "Councillor Nobody"
err_has "'Councillor Nobody' is not a member of cdjsc"
expect_refused 2 minutes attend $M "Councillor X" --present --absent
expect_ok minutes declare $M --member "Councillor P Miller" --minute 5 --kind other-registrable \
    --interest "Trustee of a partner charity"
expect_refused 1 minutes declare $M --member "Councillor P Miller" --minute 9 --kind pecuniary
err_has "no minute 9/19"
expect_ok minutes show $M
out_has "**Present:** Councillor P Miller; Councillor Q Sub, substitute for Councillor P Collings; Councillor R Gardiner"
out_has "Councillor P Miller, minute 5/19: other-registrable interest (Trustee of a partner charity); did not take part"
expect_ok meeting held $M
expect_ok check --as-of 2019-12-20

section "approve at a later meeting"
expect_ok meeting new cdjsc --date 2020-09-21
L2=cdjsc/2020-09-21
expect_ok meeting new cdjsc --date 2019-10-01
expect_ok meeting cancel cdjsc/2019-10-01 --reason "Not quorate"
expect_refused 1 minutes approve $M --at cdjsc/2019-10-01
err_has "is not a later meeting"
expect_refused 1 minutes approve $M --at $M
expect_refused 1 minutes approve $M --at cdjsc/2021-01-01
err_has "unknown meeting 'cdjsc/2021-01-01'"
expect_refused 2 minutes approve $M
expect_ok meeting held $L2 --as-of 2020-09-21
before=$(commit_count)
expect_ok minutes approve $M --at $L2 --presiding "Councillor P Miller"
out_has "Approve the minutes of $M at $L2"
assert_eq "$(commit_count)" "$((before + 1))" "one commit"
assert_clean_worktree
file_has $F "status: approved"
file_has $F "approved:
  at: $L2
  date: 2020-09-21
  presiding: Councillor P Miller"
file_has $L2/agenda.md "  standard: minutes
  minutes_of: $M"
git show --stat --format= HEAD >"$TEST_TMP/stat"
file_has "$TEST_TMP/stat" "$F"
file_has "$TEST_TMP/stat" "$L2/agenda.md"
assert_eq "$(git cat-file -t minutes/$M)" "tag" "the tag is annotated"
assert_eq "$(git rev-parse minutes/$M^{commit})" "$(git rev-parse HEAD)" "the tag is the approval commit"
git tag -n >"$TEST_TMP/tags"
file_has "$TEST_TMP/tags" "minutes/$M"
file_has "$TEST_TMP/tags" "confirmed as a correct record at $L2"
expect_ok minutes show $M
out_has "Confirmed as a correct record at the meeting of Monday 21 September 2020 ($L2), signed by Councillor P Miller."
expect_ok agenda show $L2 --format json
expect_ok check --as-of 2020-09-22

section "approved minutes never change"
for cmd in "minutes attend $M Someone --absent" "minutes declare $M --member X --minute 5 --kind pecuniary" \
    "minutes add $M Correction" "minutes approve $M --at $L2" "minutes draft $M"; do
    # shellcheck disable=SC2086
    expect_refused 1 $cmd
    err_has "a correction is a new minute at a later meeting"
done
# a hand edit in the work tree: draft refuses it, nothing committed
echo "A late addition." >>$F
snapshot_repo .
expect_fail 1 minutes draft $M
err_has "a correction is a new minute at a later meeting"
assert_repo_unchanged .
expect_fail 1 check --as-of 2020-09-22
out_has "$F:1: [frozen] approved minutes were changed after their approval (tag minutes/$M)"
# committed behind govern's back with git: still caught
git_commit_all "Sneaky edit"
expect_fail 1 check --as-of 2020-09-22
out_has "$F:1: [frozen]"
# no other write can touch it either (the store refuses centrally)
expect_refused 1 minutes draft $M
git revert --no-edit HEAD >/dev/null
expect_ok check --as-of 2020-09-22
# approved by hand, without a tag
expect_ok minutes draft $L2
sed -i "s|^status: draft\$|status: approved\napproved:\n  at: $M\n  date: 2019-12-16|" $L2/minutes.md
git_commit_all "Approved by hand"
expect_fail 1 check --as-of 2020-09-22
out_has "$L2/minutes.md:3: [frozen] approved minutes without the tag minutes/$L2"
out_has "[minutes] approved at $M, which is not a later meeting"
assert_git_healthy .

finish
