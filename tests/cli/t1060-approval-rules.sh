#!/usr/bin/env bash
# Sch 12 para 41 LGA 1972: minutes are confirmed at the next suitable meeting
# of the same body.  `minutes approve A --at B` is refused (naming the rule
# and the remedy) for another committee's meeting, a meeting not held or
# after --as-of, a meeting that is not the next suitable one, and minutes
# recording nobody present; `check` reports the same on a store edited by
# hand (rule approval).  Minutes unfrozen by hand (status draft again, or
# minutes.md deleted) are reported (rule frozen) while their tag exists.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Rushmoor Borough Council"
expect_ok committee add cds --name "Crime and Disorder Scrutiny"
expect_ok committee add other --name "Licensing Committee"
expect_ok member add cds "Cllr A" --role chair
expect_ok member add other "Cllr Z" --role chair
A=cds/2019-06-24
C=cds/2019-09-16
B=cds/2019-12-16
O=other/2019-09-20
for m in $A $C $B $O; do
    expect_ok meeting new "${m%%/*}" --date "${m#*/}"
    expect_ok meeting held $m --as-of "${m#*/}"
done
expect_ok minutes draft $A
F=$A/minutes.md

section "minutes recording nobody present are not confirmed"
expect_refused 1 minutes approve $A --at $C --as-of 2019-09-16
err_has "rule approval: the minutes of $A record nobody present"
err_has "govern minutes attend $A NAME --present"
expect_ok minutes attend $A "Cllr A" --present

section "another committee's meeting"
expect_refused 1 minutes approve $A --at $O --as-of 2019-09-20
err_has "rule approval: $O is a meeting of other, not of cds"
err_has "give --at a meeting of cds"

section "a meeting not held, or after --as-of"
expect_ok meeting new cds --date 2019-11-01
expect_refused 1 minutes approve $A --at cds/2019-11-01 --as-of 2019-11-02
err_has "rule approval: cds/2019-11-01 is scheduled, not held"
err_has "govern meeting held cds/2019-11-01"
expect_ok meeting cancel cds/2019-11-01 --reason "No business"
expect_refused 1 minutes approve $A --at $C --as-of 2019-09-10
err_has "rule approval: $C is on 2019-09-16, after today (2019-09-10)"
expect_refused 1 meeting held cds/2019-11-01 --as-of 2019-10-01

section "not the next suitable meeting"
expect_refused 1 minutes approve $A --at $B --as-of 2019-12-16
err_has "rule approval: $B is not the next suitable meeting: $C, held on 2019-09-16, could have confirmed the minutes of $A"
err_has "approve them --at $C"

section "the lawful twin: the next suitable meeting, held"
expect_ok minutes approve $A --at $C --as-of 2019-09-16 --presiding "Cllr A"
expect_ok check --as-of 2019-12-17
expect_stdout </dev/null

section "check reports approvals edited by hand"
edit_at() { # NEW-AT: rewrite approved.at in the committed file
    sed -i "s|^  at: .*|  at: $1|" $F
}
edit_at $O
expect_fail 1 check --as-of 2019-12-17
out_has "[approval] approved at $O: $O is a meeting of other, not of cds"
edit_at $B
expect_fail 1 check --as-of 2019-12-17
out_has "[approval] approved at $B: $B is not the next suitable meeting: $C"
git checkout -q -- $F
expect_fail 1 check --as-of 2019-09-10
out_has "[approval] approved at $C: $C is on 2019-09-16, after today (2019-09-10)"
sed -i '/^present:/,/^apologies:\|^declarations:/{/^present:/d;/^- name: Cllr A/d}' $F
expect_fail 1 check --as-of 2019-12-17
out_has "[approval] approved at $C: the minutes of $A record nobody present"
git checkout -q -- $F
sed -i 's/^status: held/status: scheduled/' $C/meeting.md
expect_fail 1 check --as-of 2019-12-17
out_has "[approval] approved at $C: $C is scheduled, not held"
git checkout -q -- $C/meeting.md
expect_ok check --as-of 2019-12-17

section "frozen: approved minutes marked draft again by hand"
sed -i -e 's/^status: approved/status: draft/' -e '/^approved:/,/^  presiding:/d' $F
grep -q '^approved:' $F && fail "the approved block is still there"
expect_fail 1 check --as-of 2019-12-17
out_has "$F:3: [frozen] the minutes of $A were approved (minutes/$A) and are now marked draft"
out_has "git checkout minutes/$A -- $F"
git_commit_all "Unfreeze by hand"
expect_fail 1 check --as-of 2019-12-17
out_has "[frozen] the minutes of $A were approved"
git revert --no-edit HEAD >/dev/null
expect_ok check --as-of 2019-12-17

section "frozen: approved minutes deleted"
rm $F
expect_fail 1 check --as-of 2019-12-17
out_has "$F:0: [frozen] the approved minutes of $A (tag minutes/$A) were deleted"
git checkout -q -- $F
expect_ok check --as-of 2019-12-17

section "frozen: a clone without tags still knows the approving commit"
git clone -q --no-tags . "$TEST_TMP/clone"
cd "$TEST_TMP/clone" || exit 1
expect_ok check --as-of 2019-12-17
sed -i -e 's/^status: approved/status: draft/' -e '/^approved:/,/^  presiding:/d' $F
expect_fail 1 check --as-of 2019-12-17
out_has "[frozen] the minutes of $A were approved ("
finish
