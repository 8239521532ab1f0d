#!/usr/bin/env bash
# Strategic priorities end to end: govern priorities (co-sponsors, tagged
# risks by rating, reports), the missing quarterly report in govern check,
# the cycle report's priorities sections drafted from the record, and
# meetings/ rebuilding seed 003's log with govern risks --format md.
. "$(dirname "$0")/../cli/lib.sh"
SRC=$(cd "$(dirname "$0")/../.." && pwd)

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add csg --name "County Strategy Group" --short-name CSG --kind partnership
expect_ok committee add cabinet --name "Cabinet" --kind executive
expect_ok meeting new csg --date 2021-12-20
expect_ok meeting new csg --date 2022-03-21
expect_ok meeting new csg --date 2022-09-19
expect_ok meeting new cabinet --date 2022-12-06
mkdir -p priorities
cat >priorities/csg-2021-23.md <<'EOT'
---
committee: csg
period: 2021-23
from: 2021-12-20
to: 2023-12-31
agreed: csg/2021-12-20
areas_of_focus:
- Trauma informed approaches
priorities:
- number: 1
  title: Exploitation and serious violence
  co_sponsors:
  - name: Chief Superintendent
    organisation: Hampshire Constabulary
  focus:
  - county lines
  reports:
  - quarter: 2022-Q1
    received: csg/2022-03-21
- number: 2
  title: Violence against women and girls
  reports:
  - quarter: 2022-Q1
    received: csg/2022-03-21
---
EOT
git_commit_all "priorities"

section "risks tagged with a priority; govern priorities"
expect_ok --as-of 2022-01-10 risk add csg "County lines recruitment" --impact H --probability M --priority csg-2021-23/1
expect_ok --as-of 2022-01-10 risk add csg "Capacity" --impact M --probability L --priority csg-2021-23/1
expect_ok --as-of 2022-05-01 priorities
out_has "1. Exploitation and serious violence  [csg-2021-23/1]"
out_has "Co-sponsors:    Chief Superintendent (Hampshire Constabulary)"
out_has "Open risks:     High: CSG-R-001; Medium: CSG-R-002"
out_has "2022-Q1 (due 2022-03-31): received at csg/2022-03-21"
out_has "2022-Q2 (due 2022-06-30): not yet due"
out_has "Co-sponsors:    not recorded"
expect_ok --as-of 2022-05-01 priorities --format json
json_valid
out_has '"High": ['
expect_ok --as-of 2022-05-01 priorities --format md
out_has "### 1. Exploitation and serious violence"
expect_refused 2 priorities --format csv

section "check: a quarterly report not received by its due date"
expect_ok meeting held csg/2021-12-20 --as-of 2021-12-20
expect_ok meeting held csg/2022-03-21 --as-of 2022-03-21
expect_ok check --as-of 2022-06-30
expect_fail 1 check --as-of 2022-07-01
out_has "[priority-report] priority 1 (Exploitation and serious violence): the co-sponsors' quarterly report for 2022-Q2, due 2022-06-30, has not been received"
out_has "priority 2 (Violence against women and girls): the co-sponsors' quarterly report for 2022-Q2"
sed -i 's/^- number: 2$/- number: 1/' priorities/csg-2021-23.md
expect_fail 1 check --as-of 2022-06-30
out_has "priorities/csg-2021-23.md:20: [parse] priority number 1 is used twice"
git checkout -q priorities/csg-2021-23.md
sed -i 's#received: csg/2022-03-21#received: csg/2022-03-22#' priorities/csg-2021-23.md
expect_fail 1 check --as-of 2022-06-30
out_has "received at unknown meeting 'csg/2022-03-22'"
git checkout -q priorities/csg-2021-23.md
expect_ok --as-of 2022-01-10 action add --committee csg "Map the support services." \
    --owner "Community Safety Manager" --priority csg-2021-23/2
out_has "CSG-2022-001"
expect_ok --as-of 2022-01-10 action add --committee csg "Untagged" --owner "Community Safety Manager"
expect_ok --as-of 2022-05-01 priorities
out_has "Open actions:   CSG-2022-001"
out_lacks "CSG-2022-002"
expect_ok --as-of 2022-02-01 action update CSG-2022-002 --priority csg-2021-23/1
expect_ok --as-of 2022-05-01 priorities
out_has "Open actions:   CSG-2022-002"
expect_ok --as-of 2022-03-01 action update CSG-2022-002 --status done
expect_ok --as-of 2022-05-01 priorities
out_lacks "CSG-2022-002"

section "the report to Cabinet drafts its priorities from the record"
expect_ok cycle add csg-cabinet --name "Annual report to Cabinet" --owner csg --to cabinet \
    --period annual --due "first meeting of cabinet in December"
expect_ok --as-of 2022-11-01 cycle report csg-cabinet --period 2022
out_has "## Priorities and co-sponsors"
out_has "The strategic priorities for 2021-23, from the record (priorities/csg-2021-23.md), agreed at the meeting of 20 December 2021 (csg/2021-12-20)."
out_has "1. **Exploitation and serious violence**"
out_has "   Co-sponsors: Chief Superintendent (Hampshire Constabulary)."
out_has "   - county lines"
out_has "- Trauma informed approaches"
out_lacks "For the author: list the body's strategic priorities"
out_lacks "For the author: the areas of focus"

section "meetings/: seed 003's log, rebuilt"
cd "$SRC/meetings" || exit 1
expect_ok risks --format md
out_has "| 1. Inform, consult and involve all partners in the formulation of the Community Safety Agreement \[CSA\] | H | L | M | 12 February 2008: Phase 1 - First draft to Community Safety Practitioners Forum; 26 February 2008: Phase 2 - Second draft to County Strategy Group for Crime and Disorder; 22 May 2008: Phase 3 - Community Safety workshop |"
out_has "| 9. Mapping Community Safety Report |  |  |  |"
out_has "| 13. Performance Sub-Group Terms of Reference | L | L | L |"
out_has "| 15. Information Sharing Agreement | L | L | L |"
assert_eq "$(grep -c '^| [0-9]*\. ' "$OUT")" 15 "fifteen entries"
assert_eq "$(grep -c '| M | L | M |\|| H | L | M |' "$OUT")" 12 "twelve rated Medium"
# seed 003's five next steps, with their states on the day of the log
expect_ok --as-of 2008-06-10 actions --committee hcssg --status all --format csv
assert_eq "$(grep -c '^HCSSG-2008-00[1-5],hcssg,' "$OUT")" 5 "five next steps"
assert_eq "$(grep -c ',done,green,' "$OUT")" 4 "four done"
out_has "HCSSG-2008-004,hcssg,,,That good practice in performance management systems to support partnerships at all levels is considered.,County Strategy Group for Crime and Disorder,,open,"
expect_ok --as-of 2021-11-20 cycle report hcssg-cabinet-report --period 2021
out_has "1. **Exploitation, serious violence and drug related harm through organised crime**"
out_has "due to be agreed at the meeting of 20 December 2021 (hcssg/2021-12-20)"
out_has "- Build capability and capacity to deal with on-line threats."

finish
