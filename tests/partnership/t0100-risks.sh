#!/usr/bin/env bash
# The risk log end to end: govern risk add|update|show, govern risks in
# every format, the history of a rating, a configured 5x5 matrix, the Risk
# log agenda item, check rules, bad input (nothing written), and no exempt
# risk's content in any public output.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add csg --name "County Strategy Group" --short-name CSG
expect_ok committee add panel --name "Conduct Panel"

section "add, update, show: the rating moves and the history says how"
expect_ok --as-of 2008-01-01 risk add csg "Inform, consult and involve all partners" \
    --impact H --probability L --counter "Phased consultation" --owner "Alistair Sackley"
expect_stdout <<'EOF'
CSG-R-001
EOF
file_has risks/CSG-R-001.md "rating: Medium"
expect_ok --as-of 2008-02-12 risk update CSG-R-001 --progress "Phase 1 - First draft to the CSPF"
expect_ok --as-of 2008-06-06 risk update CSG-R-001 --probability M --state "Agreed on 6 June"
expect_ok risk show CSG-R-001
out_has "Rating:      High (impact H, probability M)"
out_has "2008-01-01  Test Clerk: rating Medium (impact H, probability L)"
out_has "2008-02-12  Test Clerk: progress: Phase 1 - First draft to the CSPF"
out_has "2008-06-06  Test Clerk: rating Medium -> High (impact H, probability M); state: Agreed on 6 June"
expect_ok risk show CSG-R-001 --format json
json_valid
out_has '"rating": "High"'
expect_ok --as-of 2008-01-01 risk add csg "Mapping report"
expect_ok --as-of 2008-01-01 risk add panel "Low matter" --impact L --probability L
expect_ok --as-of 2008-07-01 risk add csg "Old risk" --impact M --probability M
expect_ok --as-of 2008-07-02 risk update CSG-R-003 --close
assert_eq "$(git log --format=%s -1)" "Update risk CSG-R-003: closed" "one commit per write"

section "govern risks: the seed's columns in Markdown, filters, every format"
expect_ok risks --format md --committee csg
expect_stdout <<'EOF'
## County Strategy Group (csg)

| Description | Impact ¹ | Probability | Risk rating | Counter measure and progress |
|---|---|---|---|---|
| 1. Inform, consult and involve all partners | H | M | H | Phased consultation; 12 February 2008: Phase 1 - First draft to the CSPF; State: Agreed on 6 June |
| 2. Mapping report |  |  |  |  |

¹ **Impact Probability Rating** - High High Unacceptable; High Medium High; High Low Medium; Medium High High; Medium Medium Medium; Medium Low Medium; Low High Medium; Low Medium Medium; Low Low Low

EOF
expect_ok risks --all --rating Medium
out_has "CSG-R-001"
out_has "CSG-R-003"
out_lacks "PANEL-R-001"
expect_ok risks
out_lacks "CSG-R-003"
out_has "PANEL-R-001"
expect_ok risks --format json --all
json_valid
out_has '"status": "closed"'
expect_ok risks --format csv
out_has "id,committee,description,impact,probability,rating,counter_and_progress"
expect_ok risks --format html
out_has '<tr class="rating-H"><td>CSG-R-001</td>'

section "bad input: refused with a message, nothing written"
expect_refused 1 risk add nobody "Text" --impact H --probability L
expect_refused 1 risk add csg "Text" --impact X --probability L
expect_refused 2 risk add csg "Text" --impact H
expect_refused 1 risk add csg "Text" --impact H --probability L --exempt 8
expect_refused 1 risk add csg "   " --impact H --probability L
expect_refused 1 risk add csg "$(printf 'Caf\xe9')" --impact H --probability L
expect_refused 1 risk add csg "Text" --impact H --probability L --owner "$(printf 'a\nb')"
expect_refused 1 risk add csg "Text" --impact H --probability L --priority nope/1
expect_refused 2 risk add csg "Text" --impact H --probability L --progress "x"
expect_refused 1 --as-of 2008-01-01 risk update CSG-R-001 --state "Backdated"
expect_refused 2 risk update CSG-R-001
expect_refused 1 risk update CSG-R-009 --state x
expect_refused 1 risk update "../x" --state x
expect_refused 1 --as-of 2008-07-03 risk update CSG-R-003 --close
expect_refused 1 --as-of 2008-07-03 risk update CSG-R-002 --impact H
expect_refused 1 risks --rating Severe
expect_refused 2 risks --format xml
echo "edited" >>risks/CSG-R-001.md
expect_refused 1 --as-of 2008-07-03 risk update CSG-R-001 --state "In place"
git checkout -q risks/CSG-R-001.md

section "exempt: only the id and the rating reach public outputs"
expect_ok --as-of 2008-07-01 risk add csg "SECRET-DESC-5f1e grievance of a named officer" \
    --impact H --probability H --exempt 1 --owner "SECRET-OWNER-77aa" --counter "SECRET-COUNTER-3c3c" \
    --state "SECRET-STATE-9d9d"
expect_ok --as-of 2008-07-02 risk update CSG-R-004 --progress "SECRET-PROGRESS-2b2b"
for f in text md html json csv; do
    expect_ok risks --public --format $f
    [ $f = md ] || out_has "CSG-R-004"
    for s in SECRET-DESC-5f1e SECRET-OWNER-77aa SECRET-COUNTER-3c3c SECRET-STATE-9d9d \
        SECRET-PROGRESS-2b2b; do
        out_lacks "$s"
    done
done
expect_ok risks --public --format md
out_has "| 4. Exempt information: not for publication by virtue of paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972. |  |  | U |"
expect_ok risks --format text
out_has "SECRET-DESC-5f1e"

section "the Risk log agenda item: open risks above the threshold, exempt ones by id and rating"
expect_ok --as-of 2008-07-10 meeting new csg --date 2008-07-20
A=csg/2008-07-20/agenda.md
file_has $A "title: Risk log"
file_has $A "source: partnership"
file_has $A "- CSG-R-001 (High; impact H, probability M): Inform, consult and involve all partners. Counter measure: Phased consultation. State: Agreed on 6 June. Owner: Alistair Sackley."
file_has $A "- CSG-R-004 (Unacceptable): Exempt information"
file_lacks $A "Mapping report"
file_lacks $A "Old risk"
for s in SECRET-DESC-5f1e SECRET-OWNER-77aa SECRET-COUNTER-3c3c SECRET-STATE-9d9d; do
    file_lacks $A "$s"
done
expect_ok --as-of 2008-07-10 meeting new panel --date 2008-07-20
file_lacks panel/2008-07-20/agenda.md "Risk log"

section "a configured 5x5 matrix and threshold"
cat >>govern.yaml <<'EOF'
plugins:
  partnership:
    levels: {1: Rare, 2: Unlikely, 3: Possible, 4: Likely, 5: Almost certain}
    ratings: {L: Low, M: Medium, H: High, E: Extreme}
    matrix:
      1: {1: L, 2: L, 3: L, 4: M, 5: M}
      2: {1: L, 2: L, 3: M, 4: M, 5: H}
      3: {1: L, 2: M, 3: M, 4: H, 5: H}
      4: {1: M, 2: M, 3: H, 4: H, 5: E}
      5: {1: M, 2: H, 3: H, 4: E, 5: E}
    risk_log_above: High
EOF
git_commit_all "5x5 matrix"
expect_refused 1 --as-of 2009-01-01 risk add panel "Five by five" --impact 4 --probability Almost-certain
expect_ok --as-of 2009-01-01 risk add panel "Five by five" --impact 4 --probability "almost certain"
expect_ok risk show PANEL-R-002
out_has "Rating:      Extreme (impact 4, probability 5)"
# the csg risks' H/M/L are not levels of this matrix: nothing public can be
# proved, so a new agenda is refused rather than written without them
expect_refused 1 meeting new panel --as-of 2009-01-02 --date 2009-01-20
err_has "risks/CSG-R-001.md:4: field 'impact'"

section "check: a risk's level unknown to the matrix, a bad file, an unknown priority"
expect_fail 1 check --as-of 2009-01-02
out_has "risks/CSG-R-001.md:4: [parse] field 'impact' must be one of the matrix's levels (1, 2, 3, 4, 5), not 'H'"
expect_refused 1 risks --public
git reset -q --hard HEAD~2
sed -i 's/^status: open$/status: shut/' risks/PANEL-R-001.md
echo "SECRET-BROKEN-1a1a" >>risks/PANEL-R-001.md
expect_fail 1 check --as-of 2009-01-02
out_has "risks/PANEL-R-001.md:"
expect_refused 1 risks --public
err_has "risks/PANEL-R-001.md"
out_lacks "SECRET"
git checkout -q risks/PANEL-R-001.md
sed -i 's/^status: open$/status: open\npriority: csg-2021-23\/9/' risks/PANEL-R-001.md
expect_fail 1 check --as-of 2009-01-02
out_has "[risks] unknown priority 'csg-2021-23/9'"
git checkout -q risks/PANEL-R-001.md

finish
