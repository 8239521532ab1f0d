#!/usr/bin/env bash
# govern check, rule interest-register: a member present at a minute whose
# title names the matter of a disclosable pecuniary interest registered for
# that day must have declared it; declared as another kind, they may not
# take part without a dispensation ("None granted" is none).  Each breach
# beside its lawful twin.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Basingstoke and Deane Borough Council"
expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee" --quorum 1
for m in "Councillor A Crawford" "Councillor B Other"; do
    expect_ok member add cdjsc "$m" --from 2019-01-01
done
expect_ok interests add "Councillor A Crawford" --kind pecuniary \
    --interest "Employed by Hampshire Constabulary" --matter constabulary --matter "police" --from 2019-05-01
expect_ok interests end "Councillor A Crawford" 1 --to 2021-05-06
expect_ok interests add "Councillor A Crawford" --kind other-registrable \
    --interest "Trustee of a youth charity" --matter "youth" --from 2019-05-01

# meeting DATE: a held meeting with the items "Hampshire Constabulary funding"
# and "Housing policies", both members present
meeting() {
    expect_ok --as-of "$1" meeting new cdjsc --date "$1"
    expect_ok agenda add "cdjsc/$1" "Hampshire Constabulary funding"
    expect_ok agenda add "cdjsc/$1" "Housing policies"
    expect_ok --as-of "$1" meeting held "cdjsc/$1"
    expect_ok --as-of "$1" minutes draft "cdjsc/$1"
    for m in "Councillor A Crawford" "Councillor B Other"; do
        expect_ok minutes attend "cdjsc/$1" "$m" --present
    done
}
n_of() { # ID TITLE: the minute number
    grep -B0 -E "^## [0-9]+/[0-9]+ $2\$" "$1/minutes.md" | sed -E 's|^## ([0-9]+)/.*|\1|'
}

section "breach: present, the register names the matter, nothing declared"
meeting 2019-09-02
N1=$(n_of cdjsc/2019-09-02 "Hampshire Constabulary funding")
section "twin: declared, did not take part"
meeting 2019-10-07
N2=$(n_of cdjsc/2019-10-07 "Hampshire Constabulary funding")
expect_ok minutes declare cdjsc/2019-10-07 --member "Councillor A Crawford" --minute "$N2" \
    --kind pecuniary --interest "Employed by Hampshire Constabulary"
section "breach: declared as other-registrable, took part, 'None granted'"
meeting 2019-11-04
N3=$(n_of cdjsc/2019-11-04 "Hampshire Constabulary funding")
# the command refuses a dispensation that is no grant; the clerk writes it by hand
expect_fail 1 minutes declare cdjsc/2019-11-04 --member "Councillor A Crawford" --minute "$N3" \
    --kind other-registrable --interest "Police employment" --dispensation "None granted" --took-part
expect_ok minutes declare cdjsc/2019-11-04 --member "Councillor A Crawford" --minute "$N3" \
    --kind other-registrable --interest "Police employment" --took-part
sed -i 's/^  took_part: true$/  dispensation: None granted\n  took_part: true/' cdjsc/2019-11-04/minutes.md
git_commit_all "A dispensation written by hand"
section "twin: the same with a dispensation granted"
meeting 2019-12-02
N4=$(n_of cdjsc/2019-12-02 "Hampshire Constabulary funding")
expect_ok minutes declare cdjsc/2019-12-02 --member "Councillor A Crawford" --minute "$N4" \
    --kind other-registrable --interest "Police employment" \
    --dispensation "Granted by the Monitoring Officer on 1 December 2019" --took-part
section "twin: the interest had ended by the day of the meeting"
meeting 2021-06-07
section "twin: sent apologies"
expect_ok --as-of 2020-01-06 meeting new cdjsc --date 2020-01-06
expect_ok agenda add cdjsc/2020-01-06 "Hampshire Constabulary funding"
expect_ok --as-of 2020-01-06 meeting held cdjsc/2020-01-06
expect_ok --as-of 2020-01-06 minutes draft cdjsc/2020-01-06
expect_ok minutes attend cdjsc/2020-01-06 "Councillor B Other" --present
expect_ok minutes attend cdjsc/2020-01-06 "Councillor A Crawford" --apologies

expect_fail 1 --as-of 2021-07-01 check
grep -F '[interest-register]' "$OUT" >"$TEST_TMP/mine"
cat "$TEST_TMP/mine"
mine_has() { _has "$TEST_TMP/mine" "findings" "$1"; }
mine_has "cdjsc/2019-09-02/minutes.md:"
mine_has "[interest-register] Councillor A Crawford took part in minute $N1/19 'Hampshire Constabulary funding' without declaring the disclosable pecuniary interest in the register (interests/councillor-a-crawford.md:4, 'Employed by Hampshire Constabulary', matter 'constabulary')"
mine_has "cdjsc/2019-11-04/minutes.md:"
mine_has "[interest-register] Councillor A Crawford declared the interest in minute $N3/19 as other-registrable and took part without a dispensation, but the register records a disclosable pecuniary interest"
_lacks "$TEST_TMP/mine" findings "2019-10-07"
_lacks "$TEST_TMP/mine" findings "2019-12-02"
_lacks "$TEST_TMP/mine" findings "2021-06-07"
_lacks "$TEST_TMP/mine" findings "2020-01-06"
_lacks "$TEST_TMP/mine" findings "Housing"
_lacks "$TEST_TMP/mine" findings "Councillor B Other"
assert_eq "$(wc -l <"$TEST_TMP/mine")" 2 "interest-register findings"

section "whole words only: 'police' is not in 'policies'"
grep -q "Housing policies" cdjsc/2019-09-02/agenda.md && pass || fail "fixture"
finish
