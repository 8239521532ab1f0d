#!/usr/bin/env bash
# Votes on a minute: `minutes vote ID N --for --against --abstain
# [--recorded] [--casting]` records who voted; the outcome follows the counts
# and, in a tie, the chair's casting vote; only voting members present vote
# (a substitute for one does; co-opted non-voting members do not); shown in
# md, html, text and json (names only for a recorded vote in public); check
# reports a vote edited by hand that breaks these rules (rule vote).
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Rushmoor Borough Council"
expect_ok committee add csp --name "Safer North Hampshire CSP"
for m in "Cllr A" "Cllr B" "Cllr C" "Cllr D"; do expect_ok member add csp "$m"; done
expect_ok member add csp "Army" --role co-opted
expect_ok meeting new csp --date 2019-12-16
M=csp/2019-12-16
F=$M/minutes.md
expect_ok agenda add $M "CCTV" 
expect_ok meeting held $M --as-of 2019-12-16
expect_ok minutes draft $M
for p in "Cllr A" "Cllr B" "Cllr C" "Army"; do expect_ok minutes attend $M "$p" --present; done
expect_ok minutes attend $M "Cllr Q" --present --substitute-for "Cllr D"

section "refused: non-voting, absent, twice, a tie without the casting vote, a casting vote without a tie"
expect_refused 1 minutes vote $M 4 --for "Cllr A,Army" --against "Cllr B"
err_has "rule vote: 'Army' has no vote on csp"
expect_refused 1 minutes vote $M 4 --for "Cllr A,Cllr Z" --against "Cllr B"
err_has "rule vote: 'Cllr Z' is not listed as present"
expect_refused 1 minutes vote $M 4 --for "Cllr A" --against "Cllr A"
err_has "'Cllr A' votes twice"
expect_refused 1 minutes vote $M 4 --for "Cllr A" --against "Cllr B"
err_has "the vote is tied (1 for, 1 against): record the chair's casting vote"
expect_refused 1 minutes vote $M 4 --for "Cllr A,Cllr C" --against "Cllr B" --casting for
err_has "a casting vote is given only when the votes are equal"
expect_refused 1 minutes vote $M 9 --for "Cllr A"
expect_refused 2 minutes vote $M 4 --casting sideways --for "Cllr A" --against "Cllr B"

section "lawful: counts decide; a tie by the casting vote; a substitute votes"
expect_ok minutes vote $M 4 --for "Cllr A, Cllr Q" --against "Cllr B" --abstain "Cllr C"
out_has "vote on minute 4/19, 2 for, 1 against, 1 abstained: carried"
file_has $F "  vote:
    for:
    - Cllr A
    - Cllr Q
    against:
    - Cllr B
    abstain:
    - Cllr C"
expect_ok minutes show $M
out_has "**Vote:** 2 for, 1 against, 1 abstention: carried."
out_lacks "Cllr Q;"
expect_ok minutes vote $M 4 --for "Cllr A" --against "Cllr B" --abstain "Cllr C" --casting against --recorded
out_has "1 for, 1 against, 1 abstained: lost on the chair's casting vote"
expect_ok minutes show $M --public
out_has "**Vote (recorded):** 1 for, 1 against, 1 abstention: lost on the chair's casting vote against."
out_has "For: Cllr A"
out_has "Against: Cllr B"
out_has "Abstained: Cllr C"
expect_ok minutes show $M --public --format html
out_has "For: Cllr A"
expect_ok minutes show $M --format text
out_has "lost on the chair's casting vote against"
expect_ok minutes show $M --public --format json
json_expect '[i["vote"] for i in j["items"] if i["vote"]] == [{"for": 1, "against": 1, "abstain": 1, "recorded": True, "casting": "against", "outcome": "lost", "names": {"for": ["Cllr A"], "against": ["Cllr B"], "abstain": ["Cllr C"]}}]'
expect_ok check --as-of 2019-12-17
expect_stdout </dev/null

section "check: votes edited by hand"
sed -i 's/^    - Cllr A$/    - Army/' $F
expect_fail 1 check --as-of 2019-12-17
out_has "[vote] 'Army' votes on minute 4/19 but has no vote on csp"
git checkout -q -- $F
sed -i '/^    casting: against$/d' $F
expect_fail 1 check --as-of 2019-12-17
out_has "[vote] the vote is tied (1 for, 1 against)"
expect_fail 1 minutes draft $M
err_has "$F:"
git checkout -q -- $F
expect_ok check --as-of 2019-12-17
finish
