#!/usr/bin/env bash
# What a cycle's report covers (issue 11): the period before it falls due,
# whenever it is drafted.  An annual report due at Cabinet's first December
# meeting covers the twelve months up to that meeting (so the March meeting
# is in, the January one after the report is out), and the figures do not
# change with the day it is drafted; reporting_year names a municipal,
# financial or calendar year instead.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cabinet --name Cabinet --kind executive
expect_ok committee add hcssg --name "Hampshire Community Safety Strategy Group" --short-name HCSSG --kind partnership
expect_ok cycle add csg --name "Strategy Group annual report" --owner hcssg --to cabinet \
    --period annual --due "first meeting of cabinet in December" --since 2024
expect_ok meeting new cabinet --date 2024-12-10
expect_ok meeting new cabinet --date 2025-12-09
for d in 2024-11-07 2025-03-06 2025-06-05 2025-10-02 2026-01-15 2026-03-05; do
    expect_ok --as-of "$d" meeting new hcssg --date "$d"
    expect_ok --as-of "$d" meeting held "hcssg/$d"
done
git_commit_all "fixture" >/dev/null 2>&1 || true

meetings_of() { # the meeting ids in the report's Meetings table
    grep -oE '^\| [0-9-]+ \| hcssg/[0-9-]+ ' "$OUT" | awk '{print $4}' | tr '\n' ' '
}

section "the twelve months up to the due date (Cabinet, 9 December 2025: from 9 December 2024)"
expect_ok --as-of 2026-07-01 cycle report csg --period 2025
out_has "> Draft for period 2025 (2024-12-09 to 2025-12-08), drafted by govern from the record on 2026-07-01."
assert_eq "$(meetings_of)" "hcssg/2025-03-06 hcssg/2025-06-05 hcssg/2025-10-02 " "meetings of 2025"

section "a referral counts from the day it was logged"
expect_ok --as-of 2025-06-06 action add --committee hcssg "Send the strategic assessment" --owner "Hart DC"
expect_ok --as-of 2025-06-06 action add --committee hcssg "Brief the Cabinet member" --owner "Hart DC"
expect_ok --as-of 2025-07-01 action update HCSSG-2025-001 --refer-to cabinet
expect_ok --as-of 2026-01-20 action update HCSSG-2025-002 --refer-to cabinet
expect_ok --as-of 2026-07-01 cycle report csg --period 2025
out_has "| Referrals between bodies | 0 | 1 |"
sed 's/drafted by govern from the record on [0-9-]*/drafted on X/' "$OUT" >"$TEST_TMP/late"

section "the same whenever it is drafted after the due date"
expect_ok --as-of 2025-12-20 cycle report csg --period 2025
sed 's/drafted by govern from the record on [0-9-]*/drafted on X/' "$OUT" >"$TEST_TMP/early"
cmp -s "$TEST_TMP/early" "$TEST_TMP/late" && pass || fail "the 2025 report changes with the day it is drafted"

section "drafted before the due date: only what has happened"
expect_ok --as-of 2025-07-01 cycle report csg --period 2025
out_has "(2024-12-09 to 2025-07-01, the period not over: the record up to that day)"
assert_eq "$(meetings_of)" "hcssg/2025-03-06 hcssg/2025-06-05 " "meetings up to July"

section "the previous period: the twelve months before Cabinet's December 2024 meeting"
expect_ok --as-of 2026-07-01 cycle report csg --period 2024
out_has "(2023-12-10 to 2024-12-09)"
assert_eq "$(meetings_of)" "hcssg/2024-11-07 " "meetings of 2024"

section "reporting_year: the last whole year before the due date"
sed -i 's/^since: 2024$/since: 2024\nreporting_year: financial/' cycles/csg.md
git_commit_all "financial year" >/dev/null
expect_ok --as-of 2026-07-01 cycle report csg --period 2025
out_has "(2024-04-01 to 2025-03-31)"
assert_eq "$(meetings_of)" "hcssg/2024-11-07 hcssg/2025-03-06 " "financial year 2024-25"
sed -i 's/^reporting_year: financial$/reporting_year: municipal/' cycles/csg.md
git_commit_all "municipal year" >/dev/null
expect_ok --as-of 2026-07-01 cycle report csg --period 2025
out_has "(2024-05-01 to 2025-04-30)"
sed -i 's/^reporting_year: municipal$/reporting_year: calendar/' cycles/csg.md
git_commit_all "calendar year" >/dev/null
expect_ok --as-of 2026-07-01 cycle report csg --period 2025
out_has "(2024-01-01 to 2024-12-31)"
expect_ok cycle list --format json
json_expect 'j["cycles"][0]["reporting_year"] == "calendar"'

section "bad reporting years are refused, naming the line"
sed -i 's/^reporting_year: calendar$/reporting_year: academic/' cycles/csg.md
expect_fail 1 --as-of 2026-07-01 cycle report csg --period 2025
err_has "cycles/csg.md:8: unknown reporting_year 'academic' (municipal, financial or calendar)"
git checkout -q cycles/csg.md
expect_refused 1 cycle add half --name Half --owner hcssg --to cabinet --period six-monthly \
    --due 06-01 --reporting-year financial
err_has "for annual cycles only"
expect_ok cycle add fin --name Fin --owner hcssg --to cabinet --period annual --due 09-01 \
    --reporting-year financial
file_has cycles/fin.md "reporting_year: financial"
finish
