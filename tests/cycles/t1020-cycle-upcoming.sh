#!/usr/bin/env bash
# cycle upcoming: reports falling due in the next N months, the receiving
# body's meeting each should go to (or "no meeting scheduled"), and the
# agenda publication deadline of that meeting.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/setup.sh"
setup_store

section "text"
expect_ok cycle upcoming --as-of 2022-06-10
expect_stdout_trimmed <<'EOF'
DUE         CYCLE  PERIOD  TO       MEETING               AGENDA BY
2022-09-30  csp    2022    cdjsc    no meeting scheduled
2022-12-06  cab    2022    cabinet  cabinet/2022-12-06    2022-11-29
EOF
expect_ok cycle upcoming --as-of 2022-06-10 --months 4
expect_stdout_trimmed <<'EOF'
DUE         CYCLE  PERIOD  TO     MEETING               AGENDA BY
2022-09-30  csp    2022    cdjsc  no meeting scheduled
EOF
expect_ok meeting new cdjsc --date 2022-09-26
expect_ok meeting new cdjsc --date 2022-09-12
expect_ok cycle upcoming --as-of 2022-06-10 --months 4
expect_stdout_trimmed <<'EOF'
DUE         CYCLE  PERIOD  TO     MEETING           AGENDA BY
2022-09-30  csp    2022    cdjsc  cdjsc/2022-09-26  2022-09-19
EOF
expect_ok agenda add cdjsc/2022-09-12 "CSP annual review 2021-22" --fulfils csp
expect_ok cycle upcoming --as-of 2022-06-10 --months 4
expect_stdout_trimmed <<'EOF'
DUE         CYCLE  PERIOD  TO     MEETING                           AGENDA BY
2022-09-30  csp    2022    cdjsc  cdjsc/2022-09-12 (on the agenda)  2022-09-05
EOF
expect_ok cycle upcoming --as-of 2022-06-10 --months 1
expect_stdout <<'EOF'
No reports fall due from 2022-06-10 to 2022-07-10.
EOF
# fulfilled reports are not upcoming
expect_ok cycle upcoming --as-of 2021-12-07 --months 1
expect_stdout <<'EOF'
No reports fall due from 2021-12-07 to 2022-01-07.
EOF

section "JSON"
expect_ok cycle upcoming --as-of 2022-06-10 --format json
json_valid
json_expect 'j["from"] == "2022-06-10" and j["to"] == "2022-12-10"'
json_expect '[(u["cycle"], u["period"], u["due"], u["meeting"], u["planned"]) for u in j["upcoming"]] == [("csp", "2022", "2022-09-30", "cdjsc/2022-09-12", True), ("cab", "2022", "2022-12-06", "cabinet/2022-12-06", False)]'
jq -e '.upcoming[1].due_source == "meeting" and .upcoming[0].due_source == "fixed"' "$OUT" >/dev/null && pass || fail jq

section "bad --months"
for n in 0 61 x -1 ""; do
    expect_refused 2 cycle upcoming --months "$n"
done

finish
