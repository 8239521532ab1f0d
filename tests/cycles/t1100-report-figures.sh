#!/usr/bin/env bash
# govern cycle report: every figure of a store whose meetings, minutes,
# attendance and actions are known (report-setup.sh), compared exactly; the
# previous period's column is the previous period's own report; a period not
# over is counted to --as-of; the same state gives the same bytes.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/report-setup.sh"
# due on 2 June: the report of 2022 covers the twelve months before it,
# 2021-06-02..2022-06-01, which hold the fixture's "2021" events
REPORT_DUE=06-02 setup_report_store
R=$TEST_TMP/r2021.md

section "the 2022 report, drafted after the period"
snapshot_repo .
expect_ok cycle report rep --period 2022 --as-of 2022-07-01
cp "$OUT" "$R"
assert_repo_unchanged .
expect_section "$R" "### This period beside the previous one" <<'X'
### This period beside the previous one

| Figure | 2021 (2020-06-02 to 2021-06-01) | 2022 (2021-06-02 to 2022-06-01) |
|---|---|---|
| Meetings held | 1 | 4 |
| Meetings cancelled | 1 | 1 |
| Held meetings with minutes | 1 | 3 |
| Members present | 3/3 (100%) | 5/8 (63%) |
| Apologies | 0 | 3 |
| Substitutions | 0 | 1 |
| Minutes with resolutions | 1 | 1 |
| Resolved parts | 1 | 2 |
| Actions raised | 1 | 6 |
| Actions completed | 0 | 3 |
| Actions outstanding at the end | 1 | 4 |
| Actions overdue at the end | 1 | 3 |
| Referrals between bodies | 0 | 2 |
| Partner returns not received | 0 | 1 |

The previous period's figures are counted by the same rules; `govern cycle report rep --period 2021` lists what they count.
X
expect_section "$R" "### Meetings" <<'X'
### Meetings

Meetings of the body and its sub-committees in the period: 4 held, 1 cancelled, 0 postponed, 0 not recorded as held; minutes for 3.

| Date | Meeting | Body | Status | Minutes | Note |
|---|---|---|---|---|---|
| 2021-07-01 | grp/2021-07-01 | Strategy Group | held | draft |  |
| 2021-09-01 | sub/2021-09-01 | Performance Sub-Group | held | draft | held in private |
| 2021-10-01 | grp/2021-10-01 | Strategy Group | held | draft |  |
| 2022-01-10 | grp/2022-01-10 | Strategy Group | cancelled | none | No business |
| 2022-03-01 | grp/2022-03-01 | Strategy Group | held | none |  |
X
expect_section "$R" "### Attendance" <<'X'
### Attendance

From the minutes of the 3 held meetings with minutes. Members present: 5/8 (63%); apologies: 3; substitutions: 1.

#### By member

| Member | Organisation | Meetings | Present | Apologies | Substituted | Absent | Rate |
|---|---|---|---|---|---|---|---|
| Alice Chair | County Council | 3 | 2 | 1 | 0 | 0 | 2/3 (67%) |
| Bob Member | County Council | 2 | 1 | 1 | 1 | 0 | 1/2 (50%) |
| Carol Police | Constabulary | 2 | 1 | 1 | 0 | 0 | 1/2 (50%) |
| Frank Perf | Constabulary | 1 | 1 | 0 | 0 | 0 | 1/1 (100%) |

#### By organisation

| Organisation | Members | Meetings | Present | Apologies | Rate |
|---|---|---|---|---|---|
| County Council | 2 | 5 | 3 | 2 | 3/5 (60%) |
| Constabulary | 2 | 3 | 2 | 1 | 2/3 (67%) |

#### Substitutes

| Meeting | Substitute | For |
|---|---|---|
| grp/2021-10-01 | Eve Sub | Bob Member |
X
expect_section "$R" "### Resolutions" <<'X'
### Resolutions

1 minute with resolutions, 2 resolved parts in all.

**7/21 Plan** (grp/2021-07-01): RESOLVED

1. That the plan be approved.
2. That the chair write to partners.

Minutes not included (exempt information under Schedule 12A, or a meeting held in private):

- 8/21 Staffing (grp/2021-07-01; exempt, paragraph 1)
- 1/21 Appointment of Chair (sub/2021-09-01; held in private)
- 2/21 Apologies for absence and substitutions (sub/2021-09-01; held in private)
- 3/21 Declarations of interest (sub/2021-09-01; held in private)
- 4/21 Urgent matters (sub/2021-09-01; held in private)
- 5/21 Performance (sub/2021-09-01; held in private)
- 14/21 Contract (grp/2021-10-01; exempt, paragraph 3)
X
expect_section "$R" "### Actions" <<'X'
### Actions

From the action register: actions raised by the body and its sub-committees. Status and due dates as they stood on 2022-06-01.

#### Raised in the period (6)

| ID | Raised | Owner | Due | Status | Action |
|---|---|---|---|---|---|
| GRP-2021-001 | 2021-07-01 (grp/2021-07-01, minute 7/21) | Carol Police | 2021-09-30 | open | Circulate the plan |
| GRP-2021-002 | 2021-07-01 (grp/2021-07-01, minute 7/21) | Alice | - | done | Book the room |
| GRP-2021-003 | 2021-07-01 (grp/2021-07-01) | Alice Chair | 2022-12-31 | open | Write to the PCC |
| GRP-2021-004 | 2021-07-01 (grp/2021-07-01) | Bob Member | - | done | Refer to the board |
| GRP-2021-005 | 2021-10-01 (grp/2021-10-01, minute 14/21) | Not for publication | 2021-11-30 | open | (raised in an exempt minute 14/21: text not included) |
| GRP-2021-006 | 2021-11-01 | Hart DC | 2022-01-31 | open | Quarterly return |

#### Completed in the period (3)

| ID | Raised | Owner | Completed | Action |
|---|---|---|---|---|
| GRP-2020-001 | 2020-09-01 (grp/2020-09-01) | Bob Member | 2021-08-01 | Old action |
| GRP-2021-002 | 2021-07-01 (grp/2021-07-01, minute 7/21) | Alice | 2021-07-01 | Book the room |
| GRP-2021-004 | 2021-07-01 (grp/2021-07-01) | Bob Member | 2021-12-01 | Refer to the board |

#### Outstanding at the end of the period (4)

| ID | Raised | Owner | Due | Status | Action |
|---|---|---|---|---|---|
| GRP-2021-001 | 2021-07-01 (grp/2021-07-01, minute 7/21) | Carol Police | 2021-09-30 | open | Circulate the plan |
| GRP-2021-003 | 2021-07-01 (grp/2021-07-01) | Alice Chair | 2022-12-31 | open | Write to the PCC |
| GRP-2021-005 | 2021-10-01 (grp/2021-10-01, minute 14/21) | Not for publication | 2021-11-30 | open | (raised in an exempt minute 14/21: text not included) |
| GRP-2021-006 | 2021-11-01 | Hart DC | 2022-01-31 | open | Quarterly return |

#### Overdue at the end of the period (3)

| ID | Raised | Owner | Due | Status | Action |
|---|---|---|---|---|---|
| GRP-2021-001 | 2021-07-01 (grp/2021-07-01, minute 7/21) | Carol Police | 2021-09-30 | open | Circulate the plan |
| GRP-2021-005 | 2021-10-01 (grp/2021-10-01, minute 14/21) | Not for publication | 2021-11-30 | open | (raised in an exempt minute 14/21: text not included) |
| GRP-2021-006 | 2021-11-01 | Hart DC | 2022-01-31 | open | Quarterly return |
X
expect_section "$R" "### Referrals between bodies (2)" <<'X'
### Referrals between bodies (2)

| ID | Raised | Owner | From | To | Action |
|---|---|---|---|---|---|
| GRP-2021-004 | 2021-07-01 (grp/2021-07-01) | Bob Member | grp | other | Refer to the board |
| OTHER-2021-001 | 2021-08-01 (other/2021-08-01) | Alice Chair | other | grp | Board asks the group |
X
expect_section "$R" "### Partner returns not received (1)" <<'X'
### Partner returns not received (1)

| ID | Raised | Owner | Due | Action |
|---|---|---|---|---|
| GRP-2021-006 | 2021-11-01 | Hart DC | 2022-01-31 | Quarterly return |
X

section "the structure of seed 001, author's parts marked, header from the record"
head -n 11 "$R" >"$OUT"
expect_stdout <<'X'
# Strategy Group annual report: 2022

> Draft for period 2022 (2021-06-02 to 2022-06-01), drafted by govern from the record on 2022-07-01. Figures are counted from the record; sections marked *For the author* are for the report's author to write before the report is published.

| | |
|---|---|
| Decision maker | Cabinet |
| Date | 2 June 2022 (the due date of the period) |
| Title | Strategy Group |
| Report from | Alice Chair (chair of the Strategy Group) |
| Contact | *For the author: name, telephone and email* |
X
python3 - "$R" <<'PY' && pass || fail "headings of the draft"
import sys
heads = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if l.startswith("## ")]
want = ["## Purpose of this report", "## Recommendation", "## Executive summary",
        "## Contextual information", "## Membership of the Strategy Group",
        "## Priorities and co-sponsors", "## Key areas of focus", "## The record of the period",
        "## Required corporate and legal information", "## Climate change impact assessment",
        "## Equalities impact assessment", "## Conclusion"]
assert heads == want, heads
text = open(sys.argv[1], encoding="utf-8").read()
# the author's parts: an instruction line under the heading, nothing invented
for h in ["## Recommendation", "## Priorities and co-sponsors", "## Key areas of focus",
          "## Climate change impact assessment", "## Equalities impact assessment", "## Conclusion",
          "### Links to the Strategic Plan"]:
    body = text.split(h + "\n\n", 1)[1].split("\n\n", 1)[0].rstrip("\n")
    assert body.startswith("*For the author: ") and body.endswith("*"), (h, body)
PY
expect_section "$R" "## Executive summary" <<'X'
## Executive summary

From 2021-06-02 to 2022-06-01 the Strategy Group and its sub-committees held 4 meetings (1 cancelled). Members were present at 5/8 (63%) of the meetings they were expected at. 1 minute recorded resolutions. 6 actions were raised and 3 completed; at the end of the period 4 were outstanding, 3 of them overdue.

*For the author: summarise the progress of the body's work in the period.*
X

section "the previous period's column is that period's own report"
expect_ok cycle report rep --period 2021 --as-of 2022-07-01
cp "$OUT" "$TEST_TMP/r2020.md"
python3 - "$R" "$TEST_TMP/r2020.md" <<'PY' && pass || fail "trend columns disagree"
import sys
def rows(path):
    t = open(path, encoding="utf-8").read().split("### This period beside the previous one\n\n")[1]
    t = t.split("\n\n")[0].split("\n")[2:]
    return {r.split(" | ")[0][2:]: [c.strip(" |") for c in r.split(" | ")[1:]] for r in t}
a, b = rows(sys.argv[1]), rows(sys.argv[2])
assert len(a) == 14
for k in a:
    assert a[k][0] == b[k][1], (k, a[k], b[k])
PY
expect_section "$TEST_TMP/r2020.md" "#### Outstanding at the end of the period (1)" <<'X'
#### Outstanding at the end of the period (1)

| ID | Raised | Owner | Due | Status | Action |
|---|---|---|---|---|---|
| GRP-2020-001 | 2020-09-01 (grp/2020-09-01) | Bob Member | 2020-12-31 | open | Old action |
X

section "a period not over: counted to --as-of"
expect_ok cycle report rep --period 2022 --as-of 2021-11-15
out_has "> Draft for period 2022 (2021-06-02 to 2021-11-15, the period not over: the record up to that day)"
report_section "$OUT" "### This period beside the previous one" | grep -E '^\| (Meetings held|Actions raised|Actions completed|Actions overdue at the end|Partner returns not received) ' >"$TEST_TMP/cut"
assert_eq "$(cat "$TEST_TMP/cut")" "| Meetings held | 1 | 3 |
| Actions raised | 1 | 6 |
| Actions completed | 0 | 2 |
| Actions overdue at the end | 1 | 1 |
| Partner returns not received | 0 | 0 |"

section "a due date changed within the period counts from that day"
expect_ok --as-of 2022-01-20 action update GRP-2021-006 --due 2022-07-31 --note "Extended"
expect_ok cycle report rep --period 2022 --as-of 2022-07-01
report_section "$OUT" "### This period beside the previous one" | grep -E '^\| (Actions overdue at the end|Partner returns not received) ' >"$TEST_TMP/ext"
assert_eq "$(cat "$TEST_TMP/ext")" "| Actions overdue at the end | 1 | 2 |
| Partner returns not received | 0 | 0 |"

section "same state, same bytes; --rev reads history"
expect_ok cycle report rep --period 2022 --as-of 2022-07-01
cp "$OUT" "$TEST_TMP/again"
expect_ok cycle report rep --period 2022 --as-of 2022-07-01
cmp -s "$OUT" "$TEST_TMP/again" && pass || fail "output differs between runs"
expect_ok --rev HEAD~1 cycle report rep --period 2022 --as-of 2022-07-01
cmp -s "$OUT" "$R" && pass || fail "--rev HEAD~1 should give the report before the update"

finish
