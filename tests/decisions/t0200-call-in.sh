#!/usr/bin/env bash
# The call-in period: call_in_days working days after publication, skipping
# weekends and bank holidays (Christmas 2021: both days fall on a weekend, so
# Monday 27 and Tuesday 28 December and Monday 3 January are substitutes);
# call_in_days and holidays from govern.yaml; urgent decisions have no
# call-in; and the `decisions` rule of govern check on hand-edited notices.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cabinet --name "Cabinet" --kind executive

section "published on Thursday 23 December 2021: call-in ends Tuesday 4 January 2022"
expect_ok decision new --maker cabinet --date 2021-12-21 --title "Winter grants" --part "Approve the grants."
W=2021-12-21-winter-grants
expect_ok decision publish $W --date 2021-12-23
expect_stdout <<END
Published decision $W on Thursday 23 December 2021; call-in ends Tuesday 4 January 2022
END
file_has decisions/$W.md "call_in_end: 2022-01-04"
for d in 2021-12-23 2021-12-24 2021-12-27 2021-12-31 2022-01-03 2022-01-04; do
    run decision list --format json --as-of $d
    assert_eq "$(json_get 'j["decisions"][0]["status_text"]')" "call-in open until 2022-01-04" "status on $d"
done
run decision list --format json --as-of 2022-01-05
assert_eq "$(json_get 'j["decisions"][0]["status_text"]')" "implementable from 2022-01-05" "status on 2022-01-05"
expect_ok check --as-of 2022-01-05

section "publish defaults to --as-of; a Saturday publication counts from Monday"
expect_ok decision new --maker cabinet --date 2022-05-27 --title "Spring grants" --part "Approve."
S=2022-05-27-spring-grants
# Saturday 28 May 2022: 30, 31 May, 1 June, (2 and 3 June: jubilee holidays), 6, 7 June
expect_ok decision publish $S --as-of 2022-05-28
expect_stdout <<END
Published decision $S on Saturday 28 May 2022; call-in ends Tuesday 7 June 2022
END

section "call_in_days and holidays come from govern.yaml"
sed -i 's/^call_in_days: 5$/call_in_days: 3/' govern.yaml
cat >>govern.yaml <<'END'
holidays:
  add:
  - 2022-03-09
END
git_commit_all "Constitution: three working days of call-in; a local holiday"
expect_ok decision new --maker cabinet --date 2022-03-07 --title "Road repairs" --part "Approve."
R=2022-03-07-road-repairs
expect_ok decision publish $R --date 2022-03-07
expect_stdout <<END
Published decision $R on Monday 7 March 2022; call-in ends Friday 11 March 2022
END
# the older notices were published under five days: check now reports them
expect_fail 1 check --as-of 2022-03-08
out_has "decisions/$W.md:"
out_has "[decisions] call_in_end 2022-01-04 does not match the rule: 3 working days after publication is 2021-12-30"
out_lacks "decisions/$R.md"
sed -i 's/^call_in_days: 3$/call_in_days: 5/' govern.yaml
git_commit_all "back to five days"
expect_fail 1 check --as-of 2022-03-08
out_has "decisions/$R.md:8: [decisions] call_in_end 2022-03-11 does not match the rule"
out_has "5 working days after publication is 2022-03-15"
out_lacks "decisions/$W.md"

section "urgent decisions are not subject to call-in"
expect_ok decision new --maker "Leader of the Council" --date 2022-04-01 --title "Emergency accommodation" \
    --part "Procure emergency accommodation." --urgency "Families arrive on 4 April; a delay would leave them without shelter."
U=2022-04-01-emergency-accommodation
expect_ok decision publish $U --date 2022-04-01
expect_stdout <<END
Published decision $U on Friday 1 April 2022; urgent: not subject to call-in
END
file_lacks decisions/$U.md "call_in_end"
expect_ok decision show $U --as-of 2022-04-01
out_has "not subject to call-in"
out_has "Families arrive on 4 April"
expect_ok decision show $U --as-of 2022-04-01 --format text
out_has "Call-in:        none: urgent decision, not subject to call-in"
out_has "Status:         implementable from 2022-04-01"
expect_ok decision show $U --as-of 2022-04-01 --format json
json_expect 'j["call_in"] is False and j["call_in_end"] is None and j["status"] == "implementable"'
# a key decision with a reason for urgency needs no Forward Plan reference
expect_ok decision new --maker cabinet --date 2022-04-02 --title "Urgent key decision" --key \
    --part "Agree." --urgency "Special urgency: the Chair of scrutiny agreed on 1 April."

section "the check rule on hand-edited notices"
git rm -q decisions/$R.md && git commit -qm "drop road repairs"
mkdir -p decisions
printf -- '---\ndecision_maker: cabinet\ncommittee: cabinet\nmeeting: cabinet/2022-01-10\ndate: 2022-01-10\ntitle: Hand written\nkey: true\npublished: 2022-01-07\ncall_in_end: 2022-01-20\n---\n\n## Decision\n\na) Something.\n' \
    >decisions/2022-01-10-hand-written.md
printf -- '---\ndecision_maker: policy\ndate: 2022-01-10\ntitle: Unknown maker\nurgency: The roof fell in.\npublished: 2022-01-10\ncall_in_end: 2022-01-17\n---\n\n## Decision\n\na) Mend it.\n' \
    >decisions/2022-01-10-unknown-maker.md
printf -- '---\ndecision_maker: Leader\ndate: 2022-01-11\ntitle: Draft with end\ncall_in_end: 2022-01-17\n---\n\n## Decision\n\na) x\n' \
    >decisions/2022-01-11-draft-with-end.md
printf -- '---\ndecision_maker: Leader\ndate: 2022-01-12\ntitle: No end\npublished: 2022-01-12\n---\n\n## Decision\n\na) x\n' \
    >decisions/2022-01-12-no-end.md
printf -- '---\ndecision_maker: Leader\ndate: 2022-02-30\ntitle: Bad date\n---\n\n## Decision\n\na) x\n' \
    >decisions/2022-01-13-bad-date.md
printf 'not a notice\n' >decisions/README.md
printf 'ignored\n' >decisions/notes.txt
git_commit_all "hand-written notices"
expect_fail 1 check --as-of 2022-03-08
out_has "decisions/2022-01-10-hand-written.md:7: [decisions] key decision without a Forward Plan reference (forward_plan_ref) or a reason for urgency (urgency)"
out_has "decisions/2022-01-10-hand-written.md:4: [decisions] unknown meeting 'cabinet/2022-01-10'"
out_has "decisions/2022-01-10-hand-written.md:8: [decisions] published on 2022-01-07, before the decision was taken (2022-01-10)"
out_has "decisions/2022-01-10-unknown-maker.md:2: [decisions] decision maker 'policy' is written as a committee slug, but there is no such committee"
out_has "decisions/2022-01-10-unknown-maker.md:7: [decisions] an urgent decision is not subject to call-in: remove call_in_end"
out_has "decisions/2022-01-11-draft-with-end.md:5: [decisions] call_in_end is set but the notice is not published"
out_has "decisions/2022-01-12-no-end.md:5: [decisions] published without the end of call-in: call_in_end should be 2022-01-19 (5 working days after publication)"
out_has "decisions/2022-01-13-bad-date.md:3: [parse] field 'date': 2022-02-30: February 2022 has 28 days"
out_has "decisions/README.md:0: [decisions] not a decision notice name"
out_lacks "notes.txt"
expect_fail 1 check --format json --as-of 2022-03-08
json_valid

finish
