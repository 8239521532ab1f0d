#!/usr/bin/env bash
# Rules where a clerk acts, each with its lawful twin: a dispensation must
# record a grant (rule interest); the reason for an urgent item must be a
# reason, not "Yes" or "not applicable" (rule urgent, core and the decisions
# plugin alike); `member end` without --role is refused for a person with
# several roles, and a person holding two voting roles counts once against
# the quorum; `meeting held` is refused before the meeting's day, a past
# meeting still scheduled is a warning (rule meeting-held), and `agenda
# publish` on short notice warns, naming the deadline, but publishes.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Hart District Council"
expect_ok committee add cds --name "Crime and Disorder Scrutiny" --quorum 2
expect_ok member add cds "Cllr A" --role member --from 2019-05-01
expect_ok member add cds "Cllr A" --role chair --from 2019-05-01
expect_ok member add cds "Cllr B" --from 2019-05-01

section "a person holding two voting roles counts once"
expect_ok check --as-of 2019-06-01
expect_ok member end cds "Cllr B" --date 2019-05-31
expect_fail 1 check --as-of 2019-06-01
out_has "[quorum] quorum 2 is more than the 1 voting member serving"

section "member end without --role: refused when several roles are held"
expect_refused 2 member end cds "Cllr A" --date 2019-06-30
err_has "Cllr A holds 2 current roles on cds (member, chair): say which one ends with --role ROLE"
expect_ok member end cds "Cllr A" --role chair --date 2019-06-30
file_has cds/committee.md "role: chair"
expect_ok member list cds --as-of 2019-07-01
out_has "Cllr A"
# one role left: --role is not needed
expect_ok member end cds "Cllr A" --date 2019-07-31
expect_ok member add cds "Cllr A" --role chair --from 2019-08-01
expect_ok member add cds "Cllr B" --from 2019-08-01

section "meeting held: not before its day; past meetings still scheduled are a warning"
expect_ok meeting new cds --date 2019-09-16
M=cds/2019-09-16
expect_ok agenda publish $M --date 2019-09-01
expect_refused 1 meeting held $M --as-of 2019-09-15
err_has "rule meeting-held: meeting $M is on 2019-09-16, after today (2019-09-15)"
expect_ok check --as-of 2019-09-16
expect_fail 1 check --as-of 2019-09-17
out_has "$M/meeting.md:"
out_has "[meeting-held] warning: meeting $M of 2019-09-16 is still 'scheduled' after its day"
expect_ok meeting held $M --as-of 2019-09-16
expect_ok check --as-of 2019-09-17
# held by hand in the future
expect_ok meeting new cds --date 2019-12-16
sed -i 's/^status: scheduled/status: held/' cds/2019-12-16/meeting.md
expect_fail 1 check --as-of 2019-12-01
out_has "[meeting-held] meeting cds/2019-12-16 is recorded as held but its day (2019-12-16) is after today (2019-12-01)"
git checkout -q -- cds/2019-12-16/meeting.md

section "agenda publish on short notice: a warning naming the deadline, and published"
expect_ok agenda publish cds/2019-12-16 --date 2019-12-12
err_has "warning: rule notice: the agenda of cds/2019-12-16 gives 2 clear days (s243 LGA 1972) before the meeting; 5 needed (publish by 2019-12-09"
file_has cds/2019-12-16/agenda.md "published: 2019-12-12"
expect_fail 1 check --as-of 2019-12-13
out_has "[notice] agenda published on 2019-12-12 gives 2 clear days"
git reset -q --hard HEAD~1
expect_ok agenda publish cds/2019-12-16 --date 2019-12-09
err_lacks "warning"

section "urgent items need a reason"
for word in Yes yes TRUE "not applicable" "N/A" none "No."; do
    expect_refused 1 agenda add cds/2019-12-16 "Flood plan" --urgent "$word"
    err_has "rule urgent: --urgent takes the reason for urgency"
done
expect_ok agenda add cds/2019-12-16 "Flood plan" --urgent "The plan must be agreed before the river season"
A=cds/2019-12-16/agenda.md
expect_ok check --as-of 2019-12-13
sed -i 's/^  urgent: The plan.*/  urgent: Not applicable/' $A
expect_fail 1 check --as-of 2019-12-13
out_has "[urgent] item 5 'Flood plan' is urgent but gives no reason"
git checkout -q -- $A
expect_refused 1 decision new --maker cds --date 2019-12-16 --title T --part "Agree." --urgency Yes
err_has "--urgency takes the reason for urgency, not 'Yes'"
expect_refused 1 decision new --maker cds --date 2019-12-16 --title T --part "Agree." --urgency "Not Applicable"

section "a dispensation must record a grant"
expect_ok meeting held cds/2019-12-16 --as-of 2019-12-16
expect_ok minutes draft cds/2019-12-16
F=cds/2019-12-16/minutes.md
expect_ok minutes attend cds/2019-12-16 "Cllr A" --present
expect_ok minutes attend cds/2019-12-16 "Cllr B" --present
for word in "None granted" none "n/a" no "Not granted"; do
    expect_refused 1 minutes declare cds/2019-12-16 --member "Cllr A" --minute 2 --kind pecuniary \
        --took-part --dispensation "$word"
    err_has "rule interest: --dispensation records a dispensation that was granted and starts with 'Granted'"
done
expect_ok minutes declare cds/2019-12-16 --member "Cllr A" --minute 2 --kind pecuniary --took-part \
    --dispensation "Granted by the Monitoring Officer on 1 December 2019"
expect_ok check --as-of 2019-12-17
sed -i "s/^  dispensation: .*/  dispensation: None granted/" $F
expect_fail 1 check --as-of 2019-12-17
out_has "[interest] Cllr A declared a disclosable pecuniary interest in minute 2/19 and took part without a dispensation ('None granted' is not a grant)"
expect_refused 1 minutes draft cds/2019-12-16
err_has "$F:"
err_has "rule interest: dispensation 'None granted' of Cllr A does not record a grant"
sed -i "s/^  dispensation: .*/  dispensation: ''/" $F
expect_fail 1 check --as-of 2019-12-17
out_has "took part without a dispensation ('' is not a grant)"
sed -i "/^  took_part: true/d" $F
expect_fail 1 check --as-of 2019-12-17
out_has "[interest] warning: the dispensation '' of Cllr A does not record a grant"
git checkout -q -- $F
expect_ok check --as-of 2019-12-17
finish
