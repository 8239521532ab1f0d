#!/usr/bin/env bash
# govern interests add|end|show|list: one commit per write, entries never
# deleted, show on --as-of, bad input refused with nothing written.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Basingstoke and Deane Borough Council"
expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee"
expect_ok member add cdjsc "Councillor A Crawford" --organisation "Basingstoke and Deane Borough Council"

section "add: the member's file, one commit each"
c0=$(commit_count)
expect_ok interests add "Councillor A Crawford" --kind pecuniary \
    --interest "Employed by Hampshire Constabulary" --matter constabulary --matter "police and crime" \
    --from 2019-05-01
out_has "Councillor A Crawford #1"
expect_ok interests add "Councillor A Crawford" --kind other-registrable \
    --interest "Trustee of Basingstoke Voluntary Action" --from 2019-05-01
out_has "Councillor A Crawford #2"
expect_ok --as-of 2020-02-01 interests add "Councillor A Crawford" --kind non-registrable \
    --interest "Spouse volunteers at a food bank"
assert_eq "$(commit_count)" "$((c0 + 3))" "one commit per add"
cat >"$TEST_TMP/want" <<'X'
---
member: Councillor A Crawford
interests:
- kind: pecuniary
  interest: Employed by Hampshire Constabulary
  matter:
  - constabulary
  - police and crime
  from: 2019-05-01
- kind: other-registrable
  interest: Trustee of Basingstoke Voluntary Action
  from: 2019-05-01
- kind: non-registrable
  interest: Spouse volunteers at a food bank
  from: 2020-02-01
---
X
cmp -s "$TEST_TMP/want" interests/councillor-a-crawford.md && pass || { fail "file"; diff "$TEST_TMP/want" interests/councillor-a-crawford.md; }

section "end: the last day held; never twice, never before it began"
expect_ok interests end "Councillor A Crawford" 2 --to 2021-05-06
file_has interests/councillor-a-crawford.md "  to: 2021-05-06"
expect_refused 1 interests end "Councillor A Crawford" 2 --to 2021-06-01
err_has "already ended on 2021-05-06"
expect_refused 1 interests end "Councillor A Crawford" 1 --to 2019-01-01
expect_refused 1 interests end "Councillor A Crawford" 9
expect_refused 2 interests end "Councillor A Crawford" two

section "show: what is held on --as-of; --all every entry"
expect_ok --as-of 2020-06-01 interests show "Councillor A Crawford"
out_has "Register of interests of Councillor A Crawford on Monday 1 June 2020"
out_has "Trustee of Basingstoke Voluntary Action"
out_has "constabulary; police and crime"
expect_ok --as-of 2022-01-01 interests show "Councillor A Crawford"
out_lacks "Trustee"
expect_ok --as-of 2022-01-01 interests show "Councillor A Crawford" --all
out_has "Trustee"
expect_ok --as-of 2019-06-01 interests show "Councillor A Crawford" --format json
json_expect '[i["number"] for i in j["interests"]] == [1, 2]'
json_expect 'j["interests"][0]["matter"] == ["constabulary", "police and crime"] and j["interests"][1]["to"] == "2021-05-06"'

section "list"
expect_ok --as-of 2020-06-01 interests list --format csv
out_has "Councillor A Crawford,1,1,1,interests/councillor-a-crawford.md"
expect_ok --as-of 2020-06-01 interests list --format json
json_expect 'j["members"][0]["pecuniary"] == 1'
expect_ok interests list

section "bad input: refused, nothing written"
snapshot_repo .
expect_refused 1 interests add "Councillor Z Nobody" --kind pecuniary --interest X
err_has "is not a member of any committee"
expect_refused 1 interests add "Councillor A Crawford" --kind financial --interest X
expect_refused 2 interests add "Councillor A Crawford" --kind pecuniary
expect_refused 1 interests add "Councillor A Crawford" --kind pecuniary --interest X --from 2021-02-30
expect_refused 1 interests add "Councillor A Crawford" --kind pecuniary --interest "$(printf 'a\nb')"
expect_refused 1 interests show "Councillor Z Nobody"
expect_refused 2 --rev HEAD interests add "Councillor A Crawford" --kind pecuniary --interest X
assert_repo_unchanged .

section "hand edits that do not parse are reported by check, naming the line"
sed -i 's/^  to: 2021-05-06$/  to: 2018-01-01/' interests/councillor-a-crawford.md
git_commit_all "bad dates" >/dev/null
expect_fail 1 check
out_has "interests/councillor-a-crawford.md:13: [parse] 'to' is before 'from'"
printf -- '---\nmember: Councillor B Other\n---\n' >interests/someone-else.md
git_commit_all "misfiled" >/dev/null
expect_fail 1 check
out_has "interests/someone-else.md:2: [parse] the register of 'Councillor B Other' belongs in interests/councillor-b-other.md"
finish
