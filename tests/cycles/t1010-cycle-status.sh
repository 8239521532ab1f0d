#!/usr/bin/env bash
# cycle status at fixed dates: every status at its boundary, the due date
# from "first meeting of BODY in MONTH" (and the first of the month when there
# is none), the fulfilling item, --all, JSON read by python and jq.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/setup.sh"
setup_store

# status of one cycle's rows: "PERIOD STATUS" lines
st() { # CYCLE AS-OF
    run cycle status --as-of "$2" --format json
    python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
for c in j["cycles"]:
    if c["slug"] == sys.argv[2]:
        print(" ".join(p["period"] + ":" + p["status"] for p in c["periods"]))' "$OUT" "$1"
}

section "the whole table at fixed dates"
expect_ok cycle status --as-of 2021-11-08
expect_stdout_trimmed <<'EOF'
CYCLE  PERIOD  DUE         DUE FROM                          STATUS       FULFILLED BY
cab    2021    2021-12-07  first meeting cabinet/2021-12-07  not yet due  planned: cabinet/2021-12-07 item 5
csp    2020    2020-09-30  fixed date                        missed
csp    2021    2021-09-30  fixed date                        overdue
EOF
expect_ok cycle status --as-of 2023-06-04
expect_stdout_trimmed <<'EOF'
CYCLE  PERIOD  DUE         DUE FROM                          STATUS       FULFILLED BY
cab    2022    2022-12-06  first meeting cabinet/2022-12-06  missed
cab    2023    2023-12-01  no cabinet meeting: 1st of month  not yet due
csp    2022    2022-09-30  fixed date                        missed
csp    2023    2023-09-30  fixed date                        not yet due
EOF
expect_ok cycle status --as-of 2021-03-31 --all
expect_stdout_trimmed <<'EOF'
CYCLE  PERIOD  DUE         DUE FROM                          STATUS          FULFILLED BY
cab    2021    2021-12-07  first meeting cabinet/2021-12-07  not yet due     planned: cabinet/2021-12-07 item 5
csp    2019    2019-09-30  fixed date                        fulfilled late  cdjsc/2019-12-16 item 5
csp    2020    2020-09-30  fixed date                        overdue
EOF

section "boundaries: 28 days, due day, end of the period"
assert_eq "$(st cab 2021-11-08)" "2021:not yet due" "29 days before"
assert_eq "$(st cab 2021-11-09)" "2021:due soon" "28 days before"
assert_eq "$(st cab 2021-12-06)" "2021:due soon" "the day before"
assert_eq "$(st cab 2021-12-07)" "2021:on time" "fulfilled on the due day"
assert_eq "$(st cab 2022-11-07)" "2022:not yet due" "29 days before 2022"
assert_eq "$(st cab 2022-11-08)" "2022:due soon" "28 days before 2022"
assert_eq "$(st cab 2022-12-06)" "2022:due soon" "due today, not held yet"
assert_eq "$(st cab 2022-12-07)" "2022:overdue" "the day after"
# 2022-12-06 to 2023-12-01 (fallback) is 360 days: 2023 starts 180 days on
assert_eq "$(st cab 2023-06-03)" "2022:overdue" "last day of the 2022 period"
assert_eq "$(st cab 2023-06-04)" "2022:missed 2023:not yet due" "first day after it"
assert_eq "$(st csp 2020-01-01)" "2019:fulfilled late" "late"
assert_eq "$(st csp 2021-03-31)" "2020:overdue" "csp 2020 still open"
assert_eq "$(st csp 2021-04-01)" "2020:missed 2021:not yet due" "csp 2020 over"

section "first meeting of BODY in MONTH follows the schedule"
expect_ok meeting new cabinet --date 2023-12-05
# 2022-12-06 to 2023-12-05 is 364 days: the 2023 period now starts 182 days on
assert_eq "$(st cab 2023-06-05)" "2022:overdue"
assert_eq "$(st cab 2023-06-06)" "2022:missed 2023:not yet due"
run cycle status --as-of 2023-06-06 --format json
json_expect '[p for c in j["cycles"] if c["slug"] == "cab" for p in c["periods"]][1]["due"] == "2023-12-05"'
json_expect '[p for c in j["cycles"] if c["slug"] == "cab" for p in c["periods"]][1]["due_meeting"] == "cabinet/2023-12-05"'
expect_ok meeting cancel cabinet/2023-12-05 --reason "No business"
run cycle status --as-of 2023-06-06 --format json
json_expect '[p for c in j["cycles"] if c["slug"] == "cab" for p in c["periods"]][1]["due"] == "2023-12-01"'
json_expect '[p for c in j["cycles"] if c["slug"] == "cab" for p in c["periods"]][1]["due_source"] == "fallback"'
json_expect '[p for c in j["cycles"] if c["slug"] == "cab" for p in c["periods"]][1]["due_meeting"] is None'

section "JSON"
expect_ok cycle status --as-of 2021-12-07 --format json
json_valid
json_expect 'j["as_of"] == "2021-12-07"'
json_expect 'j["cycles"][0]["periods"] == [{"period": "2021", "start": "2021-06-05", "end": "2022-06-06", "due": "2021-12-07", "due_source": "meeting", "due_meeting": "cabinet/2021-12-07", "status": "on time", "fulfilled_by": {"meeting": "cabinet/2021-12-07", "date": "2021-12-07", "item": 5, "title": "Hampshire Community Safety Strategy Group", "explicit_period": False}, "planned": None}]'
jq -e '.cycles[1].slug == "csp" and .cycles[1].statutory == "crime-and-disorder"' "$OUT" >/dev/null && pass || fail "jq"
expect_ok cycle status --format csv
head -1 "$OUT" | grep -qx $'cycle,period,due,due_from,status,fulfilled_by\r' && pass || fail "cycle status CSV header"
expect_fail 2 cycle status --format html

section "a fulfilment naming its period: fulfils: CYCLE-PERIOD"
expect_ok meeting new cdjsc --date 2021-06-01
expect_ok agenda add cdjsc/2021-06-01 "Performance review of the CSP 2019-20" --fulfils csp-2020
assert_eq "$(st csp 2021-06-02)" "2021:not yet due"
expect_ok cycle status --as-of 2021-06-02 --all
expect_stdout_trimmed <<'EOF'
CYCLE  PERIOD  DUE         DUE FROM                          STATUS          FULFILLED BY
cab    2021    2021-12-07  first meeting cabinet/2021-12-07  not yet due     planned: cabinet/2021-12-07 item 5
csp    2019    2019-09-30  fixed date                        fulfilled late  cdjsc/2019-12-16 item 5
csp    2020    2020-09-30  fixed date                        fulfilled late  cdjsc/2021-06-01 item 6
csp    2021    2021-09-30  fixed date                        not yet due
EOF

section "reading commands change nothing; same bytes twice"
snapshot_repo .
expect_ok cycle status --as-of 2022-01-01 --all
cp "$OUT" "$TEST_TMP/first"
expect_ok cycle status --as-of 2022-01-01 --all
cmp -s "$OUT" "$TEST_TMP/first" && pass || fail "output differs between runs"
assert_repo_unchanged .

finish
