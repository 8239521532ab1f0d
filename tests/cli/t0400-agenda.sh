#!/usr/bin/env bash
# agenda add (--purpose, --report, --exempt, --urgent, --fulfils, --position),
# move, remove, publish, and show as Markdown, HTML and JSON.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Rushmoor Borough Council"
expect_ok committee add cds --name "Crime and Disorder Joint Scrutiny Committee"
expect_ok meeting new cds --date 2019-06-24 --time 19:00 --location "Council Offices, Farnborough"
expect_ok meeting new cds --date 2019-12-16 --time 19:00
M=cds/2019-12-16
titles() { run agenda show "$M" --format json && json_get '"\n".join(i["title"] for i in j["items"])'; }

section "the new agenda"
titles >"$TEST_TMP/t"
cat >"$TEST_TMP/expected" <<'EOF'
Apologies for absence and substitutions
Declarations of interest
Urgent matters
Minutes of the meeting held on 24 June 2019
EOF
_expect_text "$TEST_TMP/t" "$TEST_TMP/expected" "standard items"

section "agenda add"
cat >"$TEST_TMP/review.md" <<'EOF'
# Annual review of the Safer North Hampshire CSP

The partnership met its priorities for **2019/20**.

| Priority | Status |
|---|---|
| ASB | green |
EOF
expect_ok agenda add $M "Safer North Hampshire CSP annual review" \
    --purpose "To scrutinise the work of the partnership (s19 Police and Justice Act 2006)." \
    --report "$TEST_TMP/review.md" --fulfils csp-annual-review
expect_stdout <<'EOF'
Add item 5 to the agenda of cds/2019-12-16: Safer North Hampshire CSP annual review
EOF
assert_eq "$(git log -1 --format=%s)" "Add item 5 to the agenda of cds/2019-12-16: Safer North Hampshire CSP annual review" "commit message"
assert_file_exists $M/reports/safer-north-hampshire-csp-annual-review.md
cmp -s "$TEST_TMP/review.md" $M/reports/safer-north-hampshire-csp-annual-review.md && pass ||
    fail "the report is committed byte for byte"
assert_eq "$(git ls-files $M/reports)" "$M/reports/safer-north-hampshire-csp-annual-review.md" "report tracked"
expect_ok agenda add $M "Work programme" --purpose "To agree the work programme."
expect_ok agenda add $M "Exempt: CCTV contract" --exempt 3 --purpose "Commercial terms."
expect_stdout <<'EOF'
Add item 7 to the agenda of cds/2019-12-16: Exempt: CCTV contract (exempt)
EOF
expect_ok agenda add $M "Flooding response" --urgent "The response plan must be agreed before the next meeting" \
    --position 4
expect_stdout <<'EOF'
Add item 4 to the agenda of cds/2019-12-16: Flooding response
EOF
# a second report with the same title gets its own file
cp "$TEST_TMP/review.md" "$TEST_TMP/review2.md"
echo "Appendix." >>"$TEST_TMP/review2.md"
expect_ok agenda add $M "Safer North Hampshire CSP annual review" --report "$TEST_TMP/review2.md"
assert_file_exists $M/reports/safer-north-hampshire-csp-annual-review-2.md
titles >"$TEST_TMP/t"
cat >"$TEST_TMP/expected" <<'EOF'
Apologies for absence and substitutions
Declarations of interest
Urgent matters
Flooding response
Minutes of the meeting held on 24 June 2019
Safer North Hampshire CSP annual review
Work programme
Exempt: CCTV contract
Safer North Hampshire CSP annual review
EOF
_expect_text "$TEST_TMP/t" "$TEST_TMP/expected" "items after adding"
assert_clean_worktree
expect_ok meeting held cds/2019-06-24 --as-of 2019-06-24
expect_ok check --as-of 2019-11-01

section "agenda add refuses bad input"
for p in 0 8 9 -1 x 12 ""; do
    expect_refused 1 agenda add $M "Item" --exempt "$p"
done
expect_refused 1 agenda add $M "Item" --urgent ""
expect_refused 2 agenda add $M "Item" --position 0
expect_refused 1 agenda add $M "Item" --position 11
expect_refused 2 agenda add $M "Item" --position two
expect_refused 1 agenda add $M "Item" --report "$TEST_TMP/no-such-file.md"
err_has "no-such-file.md"
: >"$TEST_TMP/empty.md"
expect_refused 1 agenda add $M "Item" --report "$TEST_TMP/empty.md"
printf 'bad \xff byte\n' >"$TEST_TMP/latin1.md"
expect_refused 1 agenda add $M "Item" --report "$TEST_TMP/latin1.md"
err_has "latin1.md"
head -c 600000 /dev/zero | tr '\0' 'a' >"$TEST_TMP/huge.md"
expect_refused 1 agenda add $M "Item" --report "$TEST_TMP/huge.md"
expect_refused 1 agenda add $M "Item" --fulfils ../x
expect_refused 1 agenda add $M ""
expect_refused 1 agenda add $M "Two
lines"
expect_refused 1 agenda add cds/2019-12-17 "Item"
expect_refused 1 agenda add cds "Item"
expect_refused 1 agenda add ../cds/2019-12-16 "Item"
expect_refused 2 agenda add $M

section "agenda move"
expect_ok agenda move $M 9 6
expect_stdout <<'EOF'
Move agenda item 9 of cds/2019-12-16 to 6
EOF
expect_ok agenda move $M 1 2
titles >"$TEST_TMP/t"
cat >"$TEST_TMP/expected" <<'EOF'
Declarations of interest
Apologies for absence and substitutions
Urgent matters
Flooding response
Minutes of the meeting held on 24 June 2019
Safer North Hampshire CSP annual review
Safer North Hampshire CSP annual review
Work programme
Exempt: CCTV contract
EOF
_expect_text "$TEST_TMP/t" "$TEST_TMP/expected" "items after moving"
expect_ok agenda move $M 2 1
expect_refused 1 agenda move $M 1 10
expect_refused 1 agenda move $M 10 1
expect_refused 2 agenda move $M 0 1
expect_refused 2 agenda move $M 1

section "agenda remove deletes a report no other item uses"
expect_ok agenda remove $M 6
expect_stdout <<'EOF'
Remove agenda item 6 of cds/2019-12-16: Safer North Hampshire CSP annual review
EOF
assert_file_absent $M/reports/safer-north-hampshire-csp-annual-review-2.md
assert_file_exists $M/reports/safer-north-hampshire-csp-annual-review.md
assert_eq "$(git ls-files $M/reports | wc -l)" 1 "reports tracked after remove"
assert_clean_worktree
expect_refused 1 agenda remove $M 9
expect_refused 2 agenda remove $M 0
expect_ok agenda show $M --format json
json_expect 'len(j["items"]) == 8 and j["items"][5]["report"] == "safer-north-hampshire-csp-annual-review.md"'
json_expect 'j["items"][3]["urgent"] == "The response plan must be agreed before the next meeting"'
json_expect 'j["items"][5]["fulfils"] == "csp-annual-review" and j["items"][7]["exempt"] == 3'
json_expect '[i["number"] for i in j["items"]] == list(range(1, 9))'
json_expect 'j["published"] is None and j["public"] is False and j["time"] == "19:00"'

section "agenda show (Markdown)"
expect_ok agenda show $M
out_has "# Crime and Disorder Joint Scrutiny Committee"
out_has "Monday 16 December 2019 at 19:00"
out_has "### 4. Flooding response"
out_has "*Urgent item. Special circumstances: The response plan must be agreed before the next meeting*"
out_has "### 6. Safer North Hampshire CSP annual review"
out_has "To scrutinise the work of the partnership (s19 Police and Justice Act 2006)."
out_has "The partnership met its priorities for **2019/20**."
out_has "### 8. Exempt: CCTV contract"
out_has "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"
# the full (private) agenda shows the exempt item's purpose
out_has "Commercial terms."
expect_ok agenda show $M --format text
out_has "### 6. Safer North Hampshire CSP annual review"

section "agenda show (HTML)"
expect_ok agenda show $M --format html
head -1 "$OUT" | grep -qi '^<!DOCTYPE html>' && pass || fail "HTML starts with a doctype"
out_has "<title>Agenda: Crime and Disorder Joint Scrutiny Committee</title>"
out_has "<h3>4. Flooding response</h3>"
out_has "<strong>2019/20</strong>"
out_has "<table>"
tail -1 "$OUT" | grep -q '</html>' && pass || fail "HTML ends with </html>"

section "Markdown and HTML in titles and purposes are escaped"
expect_ok agenda add $M "<script>alert(1)</script> & *stars*" --purpose "<img src=x onerror=alert(2)> [link](javascript:alert(3))"
expect_ok agenda show $M --format html
out_lacks "<script>"
out_lacks "<img"
out_lacks "javascript:"
out_has "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *stars*"
expect_ok agenda show $M
out_has '### 9. \<script\>alert'
out_has '\</script\> & \*stars\*'
expect_ok agenda remove $M 9

section "agenda publish"
expect_ok agenda publish $M --date 2019-12-06
expect_stdout <<'EOF'
Publish the agenda of cds/2019-12-16 on Friday 6 December 2019
EOF
file_has $M/agenda.md "published: 2019-12-06"
expect_ok agenda show $M
out_has "Published Friday 6 December 2019"
expect_ok agenda show $M --format json
json_expect 'j["published"] == "2019-12-06"'
expect_refused 1 agenda publish $M --date 2019-12-07
err_has "already published"
expect_refused 1 agenda publish cds/2019-06-24 --date 2019-06-25
err_has "after the meeting"
expect_refused 2 agenda publish cds/2019-06-24 --date 2019-06-31
# the default date is --as-of
expect_ok --as-of 2019-06-14 agenda publish cds/2019-06-24
file_has cds/2019-06-24/agenda.md "published: 2019-06-14"
expect_ok check --as-of 2019-12-16

section "agenda show refuses bad input"
expect_refused 1 agenda show cds/2019-12-17
expect_refused 1 agenda show nosuch/2019-12-16
expect_refused 2 agenda show $M --format pdf
expect_refused 2 agenda show

assert_clean_worktree
assert_git_healthy
finish
