#!/usr/bin/env bash
# govern forward-plan: add, update, publish, show and the listing in every
# format; one commit per write; bad input refused with nothing written.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cabinet --name Cabinet --kind executive
expect_ok meeting new cabinet --date 2021-12-07
expect_ok meeting new cabinet --date 2022-03-15

section "add: one commit, the id from the date and title, the date from the meeting"
c0=$(commit_count)
expect_ok forward-plan add --title "Hampshire Community Safety Strategy Group annual report" \
    --maker cabinet --meeting cabinet/2021-12-07 --reference FP2021/045 \
    --documents "Report of the Director of Adults' Health and Care" --contact "Democratic Services"
ID=2021-12-07-hampshire-community-safety-strategy-group
out_has "$ID"
assert_eq "$(commit_count)" "$((c0 + 1))" "one commit"
file_has forward-plan/$ID.md "date: 2021-12-07"
file_has forward-plan/$ID.md "key: true"
file_lacks forward-plan/$ID.md "first_published"
git log -1 --format=%s | grep -q "Add Forward Plan entry $ID" && pass || fail "commit message"

section "publish: the first publication, once"
expect_ok forward-plan publish $ID --date 2021-11-01
err_lacks "warning"
file_has forward-plan/$ID.md "first_published: 2021-11-01"
expect_refused 1 forward-plan publish $ID --date 2021-11-02
err_has "was first published on 2021-11-01; that date never changes"

section "update: fields change, the id and first publication do not"
expect_ok forward-plan update $ID --private 3 --private-reason "Contract prices"
file_has forward-plan/$ID.md "private: 3"
expect_ok forward-plan update $ID --private 0
file_lacks forward-plan/$ID.md "private"
expect_refused 2 forward-plan update $ID --id other
expect_refused 1 forward-plan update nope --title X
err_has "unknown Forward Plan entry 'nope'"

section "a private decision that is not key, published late: warned at publish"
expect_ok forward-plan add --title "CCTV maintenance contract" --maker "Executive Member for Commercial Strategy" \
    --date 2022-03-15 --not-key --private 3 --private-reason "SECRET-REASON-7a7a" --id cctv
expect_ok forward-plan publish cctv --date 2022-03-01
err_has "warning: only 13 clear days before the decision on 2022-03-15: a private meeting needs 28 (SI 2012/2089 reg 5)"

section "the listing: the next four months from --as-of, by date"
expect_ok --as-of 2021-11-15 forward-plan
out_has "Forward Plan of Hampshire County Council: decisions from 2021-11-15 to 2022-03-14"
out_has "2021-12-07  $ID"
out_lacks "cctv"
expect_ok --as-of 2021-11-15 forward-plan --months 5
out_has "cctv"
out_has "paragraph 3"
expect_ok --as-of 2021-12-08 forward-plan --months 6
out_lacks "$ID"
for f in md html json csv; do
    expect_ok --as-of 2021-11-15 forward-plan --months 5 --format $f
done
expect_ok --as-of 2021-11-15 forward-plan --months 5 --format json
json_expect '[e["id"] for e in j["entries"]] == ["'$ID'", "cctv"]'
json_expect 'j["entries"][0]["decision_maker_name"] == "Cabinet" and j["entries"][0]["first_published"] == "2021-11-01"'
json_expect 'j["entries"][1]["private"] == 3 and j["entries"][1]["key"] is False and j["entries"][1]["draft"] is True'
expect_ok --as-of 2021-11-15 forward-plan --months 5 --format csv
out_has "$ID,FP2021/045,2021-12-07,Hampshire Community Safety Strategy Group annual report,Cabinet,yes,,2021-11-01,cabinet/2021-12-07,"
expect_ok --as-of 2021-11-15 forward-plan --months 5 --format md
out_has "## Tuesday 7 December 2021: Hampshire Community Safety Strategy Group annual report"
out_has "| First published on the plan | Monday 1 November 2021 |"
expect_ok forward-plan show cctv --format json
json_expect 'j["entries"][0]["private_reason"] == "SECRET-REASON-7a7a"'

section "bad input: refused, nothing written"
snapshot_repo .
expect_refused 1 forward-plan add --title "X" --maker cabinet --meeting cabinet/2030-01-01
err_has "unknown meeting 'cabinet/2030-01-01'"
expect_refused 1 forward-plan add --title "X" --maker policy --date 2022-01-01
err_has "decision maker 'policy' is written as a committee slug, but there is no such committee"
expect_refused 1 forward-plan add --title "X" --maker cabinet --date 2022-02-30
expect_refused 1 forward-plan add --title "X" --maker cabinet --date 2022-01-01 --private 9
expect_refused 2 forward-plan add --title "X" --maker cabinet
expect_refused 1 forward-plan add --title "X" --maker cabinet --date 2022-01-01 --id ../x
expect_refused 1 forward-plan add --title "$(printf 'a\nb')" --maker cabinet --date 2022-01-01
expect_refused 1 forward-plan add --title "X" --maker cabinet --meeting cabinet/2021-12-07 --id cctv
err_has "already exists"
expect_refused 1 forward-plan publish cctv2
expect_refused 2 forward-plan --months 0
expect_refused 2 forward-plan --format yaml
expect_refused 2 --rev HEAD forward-plan add --title X --maker cabinet --date 2022-01-01
assert_repo_unchanged .

section "a hand edit that does not parse is reported by check, naming the line"
printf -- '---\ntitle: X\ndecision_maker: cabinet\ndate: 2022-01-10\nvenue: Hall\n---\n' >forward-plan/bad.md
git_commit_all "bad entry"
expect_fail 1 --as-of 2021-11-15 check
out_has "forward-plan/bad.md:5: [parse] unknown field 'venue'"
git rm -q forward-plan/bad.md && git commit -qm "remove"
finish
