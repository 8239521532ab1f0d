#!/usr/bin/env bash
# The project's own store (meetings/): the seeds' cycles with the right
# periods and due dates, and govern check clean on 2026-11-22.
. "$(dirname "$0")/../cli/lib.sh"
SRC=$(cd "$(dirname "$0")/../../meetings" && pwd)
mkdir -p "$TEST_TMP/repo"
cp -r "$SRC" "$TEST_TMP/repo/meetings"
cd "$TEST_TMP/repo" && git init -q . && git_commit_all "copy of meetings/"
cd meetings

section "list"
expect_ok cycle list
expect_stdout_trimmed <<'EOF'
SLUG                        PERIOD       OWNER    TO       DUE                                   NAME
hcssg-cabinet-report        annual       hcssg    cabinet  first meeting of cabinet in December  Annual report of the Hampshire Community Safety Strategy Group to Cabinet
hcssg-csa-review            annual       hcssg    hcssg    first meeting of hcssg in June        Review of the Hampshire Community Safety Agreement
hcssg-strategic-assessment  six-monthly  hcssg    hcssg    first meeting of hcssg in September   Hampshire Strategic Assessment for Community Safety: yearly refresh and six-month review of its priorities
snh-csp-review              annual       snh-csp  cdjsc    first meeting of cdjsc in September   Annual performance review of the Safer North Hampshire Strategic Community Safety Partnership
EOF

section "status: every period on record"
expect_ok cycle status --all --as-of 2026-11-22
expect_stdout_trimmed <<'EOF'
CYCLE                       PERIOD   DUE         DUE FROM                          STATUS          FULFILLED BY
hcssg-cabinet-report        2021     2021-12-07  first meeting cabinet/2021-12-07  on time         cabinet/2021-12-07 item 5
hcssg-csa-review            2008     2008-06-06  first meeting hcssg/2008-06-06    on time         hcssg/2008-06-06 item 5
hcssg-strategic-assessment  2021-H2  2021-09-20  first meeting hcssg/2021-09-20    on time         hcssg/2021-09-20 item 5
hcssg-strategic-assessment  2022-H1  2022-03-21  first meeting hcssg/2022-03-21    on time         hcssg/2022-03-21 item 6
snh-csp-review              2018     2018-09-01  no cdjsc meeting: 1st of month    fulfilled late  cdjsc/2018-10-11 item 5
snh-csp-review              2019     2019-09-01  no cdjsc meeting: 1st of month    fulfilled late  cdjsc/2019-12-16 item 6
snh-csp-review              2020     2020-09-21  first meeting cdjsc/2020-09-21    on time         cdjsc/2020-09-21 item 6
EOF
expect_ok cycle status --as-of 2021-11-20
expect_stdout_trimmed <<'EOF'
CYCLE                       PERIOD   DUE         DUE FROM                          STATUS    FULFILLED BY
hcssg-cabinet-report        2021     2021-12-07  first meeting cabinet/2021-12-07  due soon  planned: cabinet/2021-12-07 item 5
hcssg-csa-review            2008     2008-06-06  first meeting hcssg/2008-06-06    on time   hcssg/2008-06-06 item 5
hcssg-strategic-assessment  2021-H2  2021-09-20  first meeting hcssg/2021-09-20    on time   hcssg/2021-09-20 item 5
snh-csp-review              2020     2020-09-21  first meeting cdjsc/2020-09-21    on time   cdjsc/2020-09-21 item 6
EOF
expect_ok cycle status --as-of 2026-11-22 --format json
json_expect '[(c["slug"], [p["period"] + " " + p["status"] for p in c["periods"]]) for c in j["cycles"]] == [("hcssg-cabinet-report", ["2021 on time"]), ("hcssg-csa-review", ["2008 on time"]), ("hcssg-strategic-assessment", ["2022-H1 on time"]), ("snh-csp-review", ["2020 on time"])]'

section "check is clean but for the s19 gap of 2018-19, which is on the record"
expect_fail 1 check --as-of 2026-11-22
expect_stdout <<'EOF'
cycles/snh-csp-review.md:3: [crime-and-disorder] cdjsc did not review snh-csp for more than twelve months, from the review of 2018-10-11 to the review of 2019-12-16; the crime and disorder committee must review the partnership at least once in every twelve months (s19 Police and Justice Act 2006)
EOF
expect_ok cycle upcoming --as-of 2021-06-01 --months 12
expect_stdout_trimmed <<'EOF'
DUE         CYCLE                       PERIOD   TO       MEETING                             AGENDA BY
2021-09-20  hcssg-strategic-assessment  2021-H2  hcssg    hcssg/2021-09-20 (on the agenda)    2021-09-13
2021-12-07  hcssg-cabinet-report        2021     cabinet  cabinet/2021-12-07 (on the agenda)  2021-11-30
2022-03-21  hcssg-strategic-assessment  2022-H1  hcssg    hcssg/2022-03-21 (on the agenda)    2022-03-14
EOF

section "report: the draft of seed 001's header comes from the record"
expect_ok cycle report hcssg-cabinet-report --period 2021 --as-of 2021-11-20
out_has "| Decision maker | Cabinet |"
out_has "| Date | 7 December 2021 (the due date of the period) |"
out_has "| Title | Hampshire Community Safety Strategy Group |"
out_has "| Report from | Director of Adults' Health and Care (chair of the Hampshire Community Safety Strategy Group) |"
out_has "| 2021-09-20 | hcssg/2021-09-20 | Hampshire Community Safety Strategy Group | held |"

finish
