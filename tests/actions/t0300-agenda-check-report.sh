#!/usr/bin/env bash
# The "Action log" item on a new agenda (own and referred actions, nothing
# when there are none), the "actions" check rule, and `govern actions report`.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee" --short-name CDJSC
expect_ok committee add hcssg --name "Hampshire Community Safety Strategy Group" --short-name HCSSG
expect_ok committee add cabinet --name "Cabinet"
expect_ok meeting new cdjsc --date 2019-12-16

section "no outstanding actions: no Action log item"
expect_ok --as-of 2020-01-05 meeting new hcssg --date 2020-01-20
file_lacks hcssg/2020-01-20/agenda.md "Action log"

expect_ok --as-of 2019-12-17 action add cdjsc/2019-12-16 "Circulate the list of agencies" \
    --owner "Safer North Hampshire CSP" --due 2020-03-31 --refer-to hcssg
expect_ok --as-of 2019-12-17 action add cdjsc/2019-12-16 "Done already" --owner "X"
expect_ok --as-of 2019-12-18 action update CDJSC-2019-002 --status done
expect_ok --as-of 2020-02-01 action add --committee hcssg "Return of 2019-20 figures" --owner "Hart DC" \
    --due 2020-03-01 --return

section "Action log on the next agenda of the raising and the referred committee"
expect_ok --as-of 2020-04-02 meeting new cdjsc --date 2020-06-15
file_has cdjsc/2020-06-15/agenda.md "- title: Action log"
file_has cdjsc/2020-06-15/agenda.md "source: actions"
file_has cdjsc/2020-06-15/agenda.md "CDJSC-2019-001"
file_has cdjsc/2020-06-15/agenda.md "red"
file_lacks cdjsc/2020-06-15/agenda.md "CDJSC-2019-002"
file_lacks cdjsc/2020-06-15/agenda.md "HCSSG-2020-001"
expect_ok --as-of 2020-04-02 meeting new hcssg --date 2020-04-20
file_has hcssg/2020-04-20/agenda.md "CDJSC-2019-001"
file_has hcssg/2020-04-20/agenda.md "Referred by cdjsc"
file_has hcssg/2020-04-20/agenda.md "HCSSG-2020-001"
expect_ok --as-of 2020-04-02 meeting new cabinet --date 2020-04-21
file_lacks cabinet/2020-04-21/agenda.md "Action log"

section "report"
expect_ok --as-of 2020-04-02 actions report --from 2019-12-01 --to 2020-03-31
out_has "# Action tracking report"
out_has "## Crime and Disorder Joint Scrutiny Committee (cdjsc)"
out_has "Actions raised: 1 open, 0 in progress, 1 done, 0 dropped. Outstanding: 1 red, 0 amber, 0 green."
out_has "| CDJSC-2019-002 | X | 2019-12-18 |"
out_has "- CDJSC-2019-001 referred to hcssg (open)"
out_has "- CDJSC-2019-001 referred by cdjsc (open)"
out_has "### Returns missing"
out_has "| Hart DC | HCSSG-2020-001 | 2020-03-01 | 32 |"
expect_ok --as-of 2020-04-02 actions report --from 2020-01-01 --to 2020-03-31
out_lacks "| CDJSC-2019-002 | X | 2019-12-18 |"
expect_ok --as-of 2020-04-02 actions report --format html
python3 -c '
import sys
from html.parser import HTMLParser
HTMLParser().feed(open(sys.argv[1], encoding="utf-8").read())' "$OUT" && pass || fail "report HTML"
out_has "<h2>Crime and Disorder Joint Scrutiny Committee (cdjsc)</h2>"
expect_fail 2 actions report --format csv
expect_fail 2 actions report --from 2021-02-30

section "check: the actions rule"
expect_ok meeting held cdjsc/2019-12-16 --as-of 2019-12-16
expect_ok meeting held hcssg/2020-01-20 --as-of 2020-01-20
expect_ok check --as-of 2020-04-02
# hand edits: unknown referral, missing meeting, wrong prefix, log going backwards, duplicate id
sed -i 's/- hcssg/- nosuch/' actions/CDJSC-2019-001.md
sed -i 's#  meeting: cdjsc/2019-12-16#  meeting: cdjsc/2019-12-15#' actions/CDJSC-2019-002.md
cat >actions/HCSSG-2020-002.md <<'EOF2'
---
id: CDJSC-2020-009
committee: hcssg
owner: Someone
status: open
created: 2020-03-01
log:
- date: 2020-03-05
  by: Test Clerk
- date: 2020-03-02
  by: Test Clerk
---

Backwards.
EOF2
cp actions/HCSSG-2020-002.md actions/CDJSC-2020-009.md
sed -i 's/^status: open/status: closed/' actions/HCSSG-2020-001.md
run check --as-of 2020-04-02
assert_eq "$RC" 1 "check exit"
out_has "actions/CDJSC-2019-001.md:"
out_has "[actions] referred to unknown committee 'nosuch'"
out_has "[actions] raised in meeting 'cdjsc/2019-12-15', which does not exist"
out_has "actions/HCSSG-2020-002.md:2: [actions] id 'CDJSC-2020-009' does not match the file name"
out_has "[actions] id 'CDJSC-2020-009' does not start with HCSSG-YYYY-"
out_has "actions/CDJSC-2020-009.md:10: [actions] log entry dated 2020-03-02 comes before 2020-03-05"
out_has "[actions] duplicate id 'CDJSC-2020-009'"
out_has "actions/HCSSG-2020-001.md:6:"
out_has "invalid status 'closed'"

finish
