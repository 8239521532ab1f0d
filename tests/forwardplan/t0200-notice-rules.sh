#!/usr/bin/env bash
# govern check and the Forward Plan (SI 2012/2089): each breach with its
# lawful twin, in one store, judged on one day.
#   reg 9   key decisions: 28 clear days on the plan (entries and key
#           decision notices of the decisions plugin)
#   reg 5   private meetings of the executive: 28 clear days' notice
#   reg 10  general exception: the scrutiny chair informed, 5 clear days
#   reg 11  special urgency: the chair's agreement recorded, before
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cabinet --name Cabinet --kind executive
expect_ok committee add policy --name "Policy and Resources Select Committee"
fp() { expect_ok forward-plan "$@"; }
key() { # ID DATE PUBLISHED: a key decision of Cabinet
    fp add --id "$1" --title "Matter $1" --maker cabinet --date "$2"
    [ -z "${3:-}" ] || fp publish "$1" --date "$3"
}

section "reg 9: 27 clear days is a breach, 28 is lawful"
key key27 2022-01-20 2021-12-23
key key28 2022-01-20 2021-12-22

section "reg 9: an unpublished key decision, too late and in good time"
key late 2022-04-08
key early 2022-06-30

section "key decision notices: no entry, an unknown entry, an entry by reference"
expect_ok decision new --maker cabinet --date 2022-01-25 --title "No plan" --part "Agree." \
    --key --urgency "The grant deadline"
expect_ok decision new --maker cabinet --date 2022-01-25 --title "Unknown plan" --part "Agree." \
    --key --forward-plan FP/99
fp add --id byref --title "By reference" --maker cabinet --date 2022-01-31 --reference FP/1
fp publish byref --date 2021-12-20
expect_ok decision new --maker cabinet --date 2022-01-25 --title "By reference" --part "Agree." \
    --key --forward-plan FP/1
# taken earlier than planned: 26 clear days before the notice's date
fp add --id early-taken --title "Taken early" --maker cabinet --date 2022-02-28
fp publish early-taken --date 2022-01-01
expect_ok decision new --maker cabinet --date 2022-01-28 --title "Taken early" --part "Agree." \
    --key --forward-plan early-taken

section "reg 10: general exception"
key gen4 2022-02-10 2022-02-01
fp update gen4 --exception general-exception --scrutiny-chair "Councillor Keast" \
    --informed 2022-02-05 --urgency-reason "Grant conditions"
key gen5 2022-02-10 2022-02-01
fp update gen5 --exception general-exception --scrutiny-chair "Councillor Keast" \
    --informed 2022-02-04 --urgency-reason "Grant conditions"
key gen-nochair 2022-02-10 2022-02-01
fp update gen-nochair --exception general-exception --informed 2022-02-01 --urgency-reason "Grant"

section "reg 11: special urgency"
key su-ok 2022-02-10
fp update su-ok --exception special-urgency --scrutiny-chair "Councillor Keast" \
    --agreed 2022-02-09 --urgency-reason "Court order"
key su-late 2022-02-10
fp update su-late --exception special-urgency --scrutiny-chair "Councillor Keast" \
    --agreed 2022-02-11 --urgency-reason "Court order"
key su-none 2022-02-10
fp update su-none --exception special-urgency --urgency-reason "Court order"

section "reg 5: private meetings of the executive"
private_meeting() { # DATE
    expect_ok meeting new cabinet --date "$1"
    sed -i 's/^sequence: 0$/sequence: 0\nprivate: true/' "cabinet/$1/meeting.md"
    git_commit_all "cabinet/$1 in private" >/dev/null
}
private_meeting 2022-02-01
fp add --id p5 --title "Staffing" --maker cabinet --meeting cabinet/2022-02-01 --not-key --private 1
fp publish p5 --date 2022-01-26
private_meeting 2022-02-08
fp add --id p30 --title "Land sale" --maker cabinet --meeting cabinet/2022-02-08 --not-key --private 3
fp publish p30 --date 2022-01-09
expect_ok meeting new cabinet --date 2022-02-15
expect_ok agenda add cabinet/2022-02-15 "Contract award" --exempt 3
private_meeting 2022-02-22
fp add --id p-urgent --title "Injunction" --maker cabinet --meeting cabinet/2022-02-22 --not-key --private 5
fp update p-urgent --exception special-urgency --scrutiny-chair "Councillor Keast" \
    --agreed 2022-02-20 --urgency-reason "Court timetable"
private_meeting 2022-03-01
fp add --id p-general --title "Lease" --maker cabinet --meeting cabinet/2022-03-01 --not-key --private 3
fp update p-general --exception general-exception --scrutiny-chair "Councillor Keast" \
    --informed 2022-02-20 --urgency-reason "Landlord's deadline"
expect_ok meeting new policy --date 2022-02-02
sed -i 's/^sequence: 0$/sequence: 0\nprivate: true/' policy/2022-02-02/meeting.md
git_commit_all "policy in private" >/dev/null

section "check"
expect_fail 1 --as-of 2022-03-20 check
grep -E '\[(key-decision-notice|private-meeting-notice|general-exception|special-urgency|forward-plan)\]' "$OUT" >"$TEST_TMP/mine"
cat "$TEST_TMP/mine"
mine_has() { _has "$TEST_TMP/mine" "findings" "$1"; }
mine_lacks() { _lacks "$TEST_TMP/mine" "findings" "$1"; }
mine_has "forward-plan/key27.md:6: [key-decision-notice] key decision with only 27 clear days on the Forward Plan (first published 2021-12-23, decision 2022-01-20): it needs 28 (SI 2012/2089 reg 9)"
mine_lacks "forward-plan/key28.md"
mine_has "forward-plan/late.md:4: [key-decision-notice] key decision on 2022-04-08 not published on the Forward Plan"
mine_lacks "forward-plan/early.md"
mine_has "decisions/2022-01-25-no-plan.md:6: [key-decision-notice] key decision with no entry on the Forward Plan"
mine_has "decisions/2022-01-25-unknown-plan.md:6: [key-decision-notice] forward_plan_ref 'FP/99' is not an entry of the Forward Plan"
mine_lacks "by-reference"
mine_lacks "byref"
mine_has "forward-plan/early-taken.md:6: [key-decision-notice] key decision with only 26 clear days on the Forward Plan (first published 2022-01-01, decision 2022-01-28)"
mine_has "forward-plan/gen4.md:9: [general-exception] only 4 clear days between informing the scrutiny chair (2022-02-05) and the decision on 2022-02-10: a general exception needs 5"
mine_lacks "forward-plan/gen5.md"
mine_has "forward-plan/gen-nochair.md:7: [general-exception] general exception without scrutiny_chair"
mine_lacks "forward-plan/su-ok.md"
mine_has "forward-plan/su-late.md:8: [special-urgency] the chair agreed on 2022-02-11, after the decision on 2022-02-10"
mine_has "forward-plan/su-none.md:6: [special-urgency] special urgency without the chair who agreed (scrutiny_chair)"
mine_has "cabinet/2022-02-01/meeting.md:6: [private-meeting-notice] meeting of the executive on 2022-02-01 held in private with only 5 clear days' notice of the intention to meet in private: it needs 28 (SI 2012/2089 reg 5)"
mine_lacks "cabinet/2022-02-08"
mine_has "cabinet/2022-02-15/agenda.md:14: [private-meeting-notice]"
mine_has "[private-meeting-notice] meeting of the executive on 2022-02-15 held in private without notice of the intention to meet in private"
mine_lacks "cabinet/2022-02-22"
mine_lacks "p-urgent"
mine_has "forward-plan/p-general.md:8: [general-exception] a general exception (reg 10) is for key decisions"
mine_lacks "policy/"
assert_eq "$(wc -l <"$TEST_TMP/mine")" 12 "findings of the Forward Plan rules"

section "a private meeting still far off is not yet late"
expect_ok meeting new cabinet --date 2022-06-01
sed -i 's/^sequence: 0$/sequence: 0\nprivate: true/' cabinet/2022-06-01/meeting.md
git_commit_all "June in private" >/dev/null
expect_fail 1 --as-of 2022-03-20 check
out_lacks "cabinet/2022-06-01/meeting.md:6: [private-meeting-notice]"
expect_fail 1 --as-of 2022-05-20 check
out_has "cabinet/2022-06-01/meeting.md:6: [private-meeting-notice]"
finish
