#!/usr/bin/env bash
# govern check on minutes: quorum counts voting members present (a
# substitute for the member named in substitute_for; co-opted non-voting,
# officers, observers and also_present do not count), a pecuniary interest
# with took_part and no dispensation, and the minutes rule (people listed
# twice, present names that are not members, declarations of minutes that
# do not exist, minutes of a meeting that is not held); each at its line.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Rushmoor Borough Council"
expect_ok committee add csp --name "Safer North Hampshire CSP" --quorum 3
expect_ok member add csp "Cllr A" --role chair
expect_ok member add csp "Cllr B"
expect_ok member add csp "Cllr C"
expect_ok member add csp "Cllr Gone" --to 2019-01-01
expect_ok member add csp "Army" --role co-opted
expect_ok member add csp "Cllr Sub" --role substitute
expect_ok member add csp "Officer" --role officer
expect_ok meeting new csp --date 2019-12-16
M=csp/2019-12-16
F=$M/minutes.md
expect_ok minutes draft $M
expect_ok meeting held $M

section "quorum: 2 voting members present of 3 needed"
expect_ok minutes attend $M "Cllr A" --present
expect_ok minutes attend $M "Army" --present
expect_ok minutes attend $M "Officer" --present
expect_ok minutes attend $M "Cllr Sub" --present
expect_ok minutes attend $M "Cllr Gone" --present
expect_ok minutes attend $M "Cllr C" --also-present
expect_ok minutes attend $M "Cllr Q" --present --substitute-for "Cllr B"
expect_fail 1 check --as-of 2020-01-01
L=$(grep -n '^present:' $F | cut -d: -f1)
out_has "$F:$L: [quorum] 2 voting members present, fewer than the quorum of 3 for Safer North Hampshire CSP"
LG=$(grep -n '^- name: Cllr Gone' $F | cut -d: -f1)
out_has "$F:$LG: [minutes] warning: 'Cllr Gone' is listed as present but is not a member of csp on that day"
LO=$(grep -n '^- name: Officer' $F | cut -d: -f1)
out_lacks "$F:$LO:"
section "a substitute for a member already present does not count twice"
expect_ok minutes attend $M "Cllr Q2" --present --substitute-for "Cllr A"
expect_fail 1 check --as-of 2020-01-01
out_has "[quorum] 2 voting members present"
section "quorate once Cllr C is present"
expect_ok minutes attend $M "Cllr C" --present
expect_fail 1 check --as-of 2020-01-01
out_lacks "[quorum]"

section "interest: pecuniary, took part, no dispensation"
expect_ok minutes declare $M --member "Cllr A" --minute 2 --kind pecuniary --interest "Employed by a partner" --took-part
expect_ok minutes declare $M --member "Cllr B" --minute 2 --kind pecuniary --took-part --dispensation "Granted 1 December 2019"
expect_ok minutes declare $M --member "Cllr C" --minute 2 --kind pecuniary
expect_ok minutes declare $M --member "Cllr C" --minute 3 --kind non-registrable --took-part
expect_fail 1 check --as-of 2020-01-01
LD=$(grep -n '^- member: Cllr A' $F | cut -d: -f1)
out_has "$F:$LD: [interest] Cllr A declared a disclosable pecuniary interest in minute 2/19 and took part without a dispensation"
grep -c '\[interest\]' "$OUT" >"$TEST_TMP/n"
assert_eq "$(cat "$TEST_TMP/n")" 1 "one interest problem"

section "minutes rule on hand edits"
python3 - "$F" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("absent: []\n", "")
s = s.replace("apologies: []\n", "apologies:\n- name: Cllr A\n")
s = s.replace("  minute: 3\n", "  minute: 42\n")
open(p, "w", encoding="utf-8").write(s)
PY
expect_fail 1 check --as-of 2020-01-01
LA=$(grep -n '^- name: Cllr A' $F | tail -1 | cut -d: -f1)
out_has "$F:$LA: [minutes] 'Cllr A' is listed twice (in present and apologies)"
L42=$(grep -n '^- member: Cllr C' $F | tail -1 | cut -d: -f1)
out_has "$F:$L42: [minutes] the declaration of Cllr C names minute 42/19, which these minutes do not have"
LD=$(grep -n '^- member: Cllr A' $F | cut -d: -f1)
run check --format json --as-of 2020-01-01
json_valid
json_expect 'any(p["rule"] == "interest" and p["line"] == '"$LD"' for p in j["problems"])'
# and the draft command refuses to save them, naming the line
expect_refused 1 minutes draft $M
err_has "govern: $F:$LA: 'Cllr A' is listed twice"
git checkout -q -- $F

section "minutes of a meeting that is not held"
expect_ok meeting new csp --date 2020-03-01
expect_ok minutes draft csp/2020-03-01
expect_fail 1 check --as-of 2020-01-01
out_has "csp/2020-03-01/minutes.md:1: [minutes] minutes of a meeting that is scheduled, not held"

finish
