#!/usr/bin/env bash
# cycle add (one commit, canonical file) and list (text and JSON); bad input
# (unknown bodies, impossible due dates, bad month names, bad periods)
# changes nothing.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cabinet --name Cabinet --kind executive
expect_ok committee add hcssg --name "Hampshire Community Safety Strategy Group" --kind partnership
expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee"
expect_ok committee add snh-csp --name "Safer North Hampshire CSP" --kind partnership

section "add"
before=$(commit_count)
expect_ok cycle add hcssg-cabinet-report --name "Annual report of the HCSSG to Cabinet" \
    --owner hcssg --to cabinet --period annual --due "first meeting of Cabinet in DECEMBER" \
    --basis "Cabinet decision (c): annual cycle of reporting"
expect_stdout <<'EOF'
Added cycle hcssg-cabinet-report (Annual report of the HCSSG to Cabinet)
EOF
assert_eq "$(commit_count)" "$((before + 1))" "one commit"
assert_eq "$(git log -1 --format=%s)" "Add reporting cycle hcssg-cabinet-report: Annual report of the HCSSG to Cabinet" "message"
assert_clean_worktree
head -9 cycles/hcssg-cabinet-report.md >"$TEST_TMP/head"
cat >"$TEST_TMP/expected" <<'EOF'
---
name: Annual report of the HCSSG to Cabinet
owner: hcssg
to: cabinet
period: annual
due: first meeting of cabinet in December
basis: 'Cabinet decision (c): annual cycle of reporting'
---

EOF
_expect_text "$TEST_TMP/head" "$TEST_TMP/expected" "cycle file"
file_has cycles/hcssg-cabinet-report.md "## Report template"
file_has cycles/hcssg-cabinet-report.md "### Executive summary"

expect_ok cycle add snh-csp-review --name "CSP annual performance review" --owner snh-csp \
    --to cdjsc --period annual --due 09-30 --statutory crime-and-disorder --since 2019
expect_ok cycle add sa-review --name "Strategic assessment and six-month review" --owner hcssg \
    --to hcssg --period six-monthly --due "first meeting of hcssg in september" --since 2021-H2 --until 2030-h1
file_has cycles/sa-review.md "since: 2021-H2"
file_has cycles/sa-review.md "until: 2030-H1"

section "list"
expect_ok cycle list
expect_stdout <<'EOF'
SLUG                  PERIOD       OWNER    TO       DUE                                   NAME
hcssg-cabinet-report  annual       hcssg    cabinet  first meeting of cabinet in December  Annual report of the HCSSG to Cabinet
sa-review             six-monthly  hcssg    hcssg    first meeting of hcssg in September   Strategic assessment and six-month review
snh-csp-review        annual       snh-csp  cdjsc    09-30                                 CSP annual performance review
EOF
expect_ok cycle list --format json
json_valid
json_expect '[c["slug"] for c in j["cycles"]] == ["hcssg-cabinet-report", "sa-review", "snh-csp-review"]'
json_expect 'j["cycles"][2] == {"slug": "snh-csp-review", "name": "CSP annual performance review", "owner": "snh-csp", "to": "cdjsc", "period": "annual", "due": "09-30", "basis": None, "statutory": "crime-and-disorder", "review_of": None, "since": "2019", "until": None, "reporting_year": None}'
run cycle list --format json
jq -e '.cycles[0].basis == "Cabinet decision (c): annual cycle of reporting"' "$OUT" >/dev/null && pass || fail "jq: basis"
expect_ok cycle list --format csv
head -1 "$OUT" | grep -qx $'slug,period,owner,to,due,name\r' && pass || fail "cycle list CSV header"
expect_fail 2 cycle list --format html

section "bad input changes nothing"
add() { expect_refused "$1" cycle add newcycle --name "New" "${@:2}"; }
add 1 --owner nobody --to cabinet --period annual --due 12-01
err_has "--owner: unknown committee 'nobody'"
add 1 --owner hcssg --to nobody --period annual --due 12-01
err_has "--to: unknown committee 'nobody'"
add 1 --owner hcssg --to cabinet --period annual --due "first meeting of nobody in May"
err_has "--due: unknown committee 'nobody'"
add 1 --owner hcssg --to cabinet --period annual --due 02-30
err_has "due date '02-30' is not a day of every year"
add 1 --owner hcssg --to cabinet --period annual --due 02-29
add 1 --owner hcssg --to cabinet --period annual --due 13-01
add 1 --owner hcssg --to cabinet --period annual --due 2021-12-01
add 1 --owner hcssg --to cabinet --period annual --due "first meeting of cabinet in Decembr"
err_has "'Decembr' is not a month"
add 1 --owner hcssg --to cabinet --period annual --due "first meeting of ../cabinet in May"
add 1 --owner hcssg --to cabinet --period weekly --due 12-01
err_has "unknown period 'weekly'"
add 1 --owner hcssg --to cabinet --period annual --due 12-01 --since 2021-H1
err_has "--since"
add 1 --owner hcssg --to cabinet --period annual --due 12-01 --since 2022 --until 2021
add 1 --owner hcssg --to cabinet --period annual --due 12-01 --statutory health
add 1 --owner hcssg --to cabinet --period annual --due 12-01 --basis "$(printf 'two\nlines')"
add 2 --owner hcssg --to cabinet --period annual
err_has "needs --due"
add 1 --owner ../hcssg --to cabinet --period annual --due 12-01
expect_refused 1 cycle add ../evil --name X --owner hcssg --to cabinet --period annual --due 12-01
expect_refused 1 cycle add report-2021 --name X --owner hcssg --to cabinet --period annual --due 12-01
err_has "may not end like a period"
expect_refused 1 cycle add hcssg-cabinet-report --name X --owner hcssg --to cabinet --period annual --due 12-01
err_has "already exists"
expect_refused 2 cycle frobnicate

finish
