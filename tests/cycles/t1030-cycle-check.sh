#!/usr/bin/env bash
# govern check with cycles: overdue and missed periods, the crime and
# disorder committee's yearly review, cycles naming unknown committees,
# broken cycle files, and agenda items fulfilling an unknown cycle (agenda
# add is core and accepts any slug: the check finds it; nothing changes).
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/setup.sh"
setup_store

section "overdue and missed, crime and disorder"
run check --as-of 2021-12-07
out_lacks "cycles/cab.md"
expect_fail 1 check --as-of 2022-01-10
expect_stdout <<'EOF'
cycles/csp.md:3: [crime-and-disorder] cdjsc has not reviewed snh-csp in the twelve months before 2022-01-10 (last review: 2019-12-16); the crime and disorder committee must review the partnership at least once in every twelve months
cycles/csp.md:6: [cycle-missed] period 2020: the report to cdjsc due on 2020-09-30 was never made (the period ended on 2021-03-31)
cycles/csp.md:6: [cycle-overdue] period 2021: the report to cdjsc was due on 2021-09-30 and has not been made
EOF
expect_fail 1 check --as-of 2022-12-07 --format json
json_valid
json_expect '("cycles/cab.md", "cycle-overdue") in [(p["path"], p["rule"]) for p in j["problems"]]'
json_expect 'sum(p["rule"] == "cycle-missed" for p in j["problems"]) == 2'

section "a review within twelve months satisfies s19 (and fulfils 2020 late)"
expect_ok meeting new cdjsc --date 2020-12-16
expect_ok agenda add cdjsc/2020-12-16 "Performance review of the CSP 2019-20" --fulfils csp
expect_ok meeting held cdjsc/2020-12-16
expect_fail 1 check --as-of 2021-12-10
out_lacks "crime-and-disorder"
out_lacks "period 2020"
out_has "[cycle-overdue] period 2021"
expect_fail 1 check --as-of 2021-12-17
out_has "[crime-and-disorder] cdjsc has not reviewed snh-csp in the twelve months before 2021-12-17 (last review: 2020-12-16)"

section "s19: a gap anywhere in the record, not only before --as-of"
# a late review a year and a month after the last one, then a timely one:
# looking back from --as-of is satisfied, the gap in the middle is not
before_gap=$(git rev-parse HEAD)
expect_ok meeting new cdjsc --date 2022-01-20
expect_ok agenda add cdjsc/2022-01-20 "Performance review of the CSP 2020-21" --fulfils csp
expect_ok meeting held cdjsc/2022-01-20
expect_fail 1 check --as-of 2022-02-01
out_has "cycles/csp.md:3: [crime-and-disorder] cdjsc did not review snh-csp for more than twelve months, from the review of 2020-12-16 to the review of 2022-01-20"
grep -c "crime-and-disorder" "$OUT" >"$TEST_TMP/n"
assert_eq "$(cat "$TEST_TMP/n")" 1 "one s19 gap"
# the lawful twin: the same day a year later is within twelve months
sed -i 's/^date: 2022-01-20/date: 2021-12-16/' cdjsc/2022-01-20/meeting.md
expect_ok check --as-of 2022-02-01
out_lacks "crime-and-disorder"
git reset -q --hard "$before_gap"

section "until ends the tracking"
sed -i 's/^since: 2019$/since: 2019\nuntil: 2020/' cycles/csp.md
git_commit_all "csp tracked until 2020"
run check --as-of 2026-11-22
out_lacks "cycles/csp.md"

section "unknown cycle in fulfils: agenda add accepts it, check reports it"
snapshot_repo .
expect_ok agenda add cabinet/2022-12-06 "Some report" --fulfils no-such-cycle
expect_ok agenda add cabinet/2022-12-06 "Another report" --fulfils cab-2022-h1
expect_fail 1 check --as-of 2022-01-01
out_has "cabinet/2022-12-06/agenda.md:"
out_has "[cycle-fulfils] item 6 fulfils 'no-such-cycle', which is not a cycle in cycles/"
out_has "[cycle-fulfils] item 7 fulfils 'cab-2022-h1'"
expect_ok agenda remove cabinet/2022-12-06 7
expect_ok agenda remove cabinet/2022-12-06 6
run check --as-of 2022-01-01
out_lacks "cycle-fulfils"

section "cycles naming unknown committees; broken cycle files"
cat >cycles/bad.md <<'EOF'
---
name: Bad
owner: nobody
to: cabinet
period: annual
due: first meeting of ghost in May
statutory: crime-and-disorder
review_of: phantom
since: 2030
---
EOF
cat >cycles/broken.md <<'EOF'
---
name: Broken
owner: hcssg
to: cabinet
period: annual
due: 02-30
---
EOF
git_commit_all "hand-written cycles"
expect_fail 1 check --as-of 2022-01-01
expect_stdout <<'EOF'
cycles/bad.md:3: [cycle-body] 'owner' names 'nobody', which is not a committee in this store
cycles/bad.md:6: [cycle-body] 'due' names 'ghost', which is not a committee in this store
cycles/bad.md:8: [cycle-body] 'review_of' names 'phantom', which is not a committee in this store
cycles/broken.md:6: [parse] due date '02-30' is not a day of every year (MM-DD; 02-29 is not allowed)
EOF
expect_fail 1 cycle list
err_has "cycles/broken.md:6: due date '02-30'"

finish
