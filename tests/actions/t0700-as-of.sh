#!/usr/bin/env bash
# `govern actions --as-of` and `actions report --as-of` show the register as
# it stood that day, rebuilt from each action's dated log (issue 11): an
# action created later is absent, one open then is listed open with its due
# date then, and a referral logged later is not in the report.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee" --short-name CDJSC
expect_ok committee add hcssg --name "Hampshire Community Safety Strategy Group" --short-name HCSSG
expect_ok meeting new cdjsc --date 2020-03-02

expect_ok --as-of 2020-03-03 action add cdjsc/2020-03-02 "Circulate the list of agencies" \
    --owner "Safer North Hampshire CSP" --due 2020-04-30
expect_ok --as-of 2020-06-10 action update CDJSC-2020-001 --due 2020-09-30 --note "Extended"
expect_ok --as-of 2020-07-01 action update CDJSC-2020-001 --status done
expect_ok --as-of 2020-07-02 action update CDJSC-2020-001 --refer-to hcssg
expect_ok --as-of 2020-09-14 action add cdjsc/2020-03-02 "Raised in September" --owner "Hart DC"

section "today: the first is done, the September one open"
expect_ok --as-of 2020-10-01 actions --status all --format csv
out_has "CDJSC-2020-001,cdjsc,cdjsc/2020-03-02,,Circulate the list of agencies,Safer North Hampshire CSP,2020-09-30,done,green,0,hcssg,2020-07-02"
out_has "CDJSC-2020-002"

section "on 1 May 2020: the first open (due 30 April, red), the September one absent"
expect_ok --as-of 2020-05-01 actions
out_has "CDJSC-2020-001"
out_lacks "CDJSC-2020-002"
expect_ok --as-of 2020-05-01 actions --format csv
out_has "CDJSC-2020-001,cdjsc,cdjsc/2020-03-02,,Circulate the list of agencies,Safer North Hampshire CSP,2020-04-30,open,red,1,,2020-03-03"
out_lacks "hcssg"
expect_ok --as-of 2020-05-01 actions --format json
json_expect 'len(j["actions"]) == 1'
json_expect 'j["actions"][0]["status"] == "open" and j["actions"][0]["due"] == "2020-04-30"'
json_expect 'j["actions"][0]["referred_to"] == [] and j["actions"][0]["rag"] == "red"'
expect_ok --as-of 2020-05-01 actions --overdue --committee cdjsc
out_has "CDJSC-2020-001"
expect_ok --as-of 2020-05-01 actions --status done
out_lacks "CDJSC-2020-001"

section "on 20 June: the extended due date, still open"
expect_ok --as-of 2020-06-20 actions --format csv
out_has "2020-09-30,open,green,0,,2020-06-10"

section "report: no referral logged after the date"
expect_ok --as-of 2020-06-30 actions report --from 2020-01-01
out_lacks "referred to hcssg"
out_lacks "referred by cdjsc"
out_lacks "CDJSC-2020-002"
expect_ok --as-of 2020-07-31 actions report --from 2020-01-01
out_has "- CDJSC-2020-001 referred to hcssg (done)"

section "the cache gives the same"
GOVERN_NO_CACHE=1 run --as-of 2020-05-01 actions --format csv
cp "$OUT" "$TEST_TMP/nocache"
expect_ok --as-of 2020-05-01 actions --format csv
cmp -s "$OUT" "$TEST_TMP/nocache" && pass || fail "cache and no cache differ"
finish
