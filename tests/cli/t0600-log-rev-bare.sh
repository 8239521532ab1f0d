#!/usr/bin/env bash
# govern log (whole store, a meeting, a committee, a path; text and JSON),
# --rev reading an older state, and a bare clone read with and without --rev.
. "$(dirname "$0")/lib.sh"

# fixed commit times: each write one minute after the last
T=1623664800 # 2021-06-14 10:00:00 UTC
tick() { T=$((T + 60)); export GOVERN_COMMIT_TIME=$T; }

cd "$TEST_TMP" || exit 1
git init -q big && echo "code" >big/main.c && git -C big add main.c &&
    git -C big commit -q -m "Code outside the store" || exit 1
tick
expect_ok -C big init meetings --body "Hart District Council"
cd big/meetings || exit 1
tick; expect_ok committee add audit --name "Audit Committee"
tick; expect_ok member add audit "Cllr Bea Brown" --role chair
tick; expect_ok meeting new audit --date 2021-07-05
tick; expect_ok agenda add audit/2021-07-05 "Internal audit plan" --purpose "To approve the plan."
# a commit outside the store is not part of its history
echo "more code" >>../main.c && git -C .. commit -q -am "More code" || exit 1
tick; expect_ok meeting new audit --date 2021-09-06
tick; expect_ok meeting reschedule audit/2021-07-05 --time 18:30

mask() { sed -E 's/^[0-9a-f]{10}  /COMMIT  /' "$OUT" >"$TEST_TMP/masked"; cp "$TEST_TMP/masked" "$OUT"; }

section "log of the whole store"
expect_ok log
mask
expect_stdout <<'EOF'
COMMIT  2021-06-14 10:07 +0000  Test Clerk <clerk@example.org>  (govern undo reverts this)
    Reschedule meeting audit/2021-07-05 to Monday 5 July 2021
      audit/2021-07-05/meeting.md
COMMIT  2021-06-14 10:06 +0000  Test Clerk <clerk@example.org>
    Schedule Audit Committee meeting on Monday 6 September 2021
      audit/2021-09-06/agenda.md
      audit/2021-09-06/meeting.md
COMMIT  2021-06-14 10:05 +0000  Test Clerk <clerk@example.org>
    Add item 5 to the agenda of audit/2021-07-05: Internal audit plan
      audit/2021-07-05/agenda.md
COMMIT  2021-06-14 10:04 +0000  Test Clerk <clerk@example.org>
    Schedule Audit Committee meeting on Monday 5 July 2021
      audit/2021-07-05/agenda.md
      audit/2021-07-05/meeting.md
COMMIT  2021-06-14 10:03 +0000  Test Clerk <clerk@example.org>
    Add Cllr Bea Brown to audit as chair
      audit/committee.md
COMMIT  2021-06-14 10:02 +0000  Test Clerk <clerk@example.org>
    Add committee audit: Audit Committee
      audit/committee.md
COMMIT  2021-06-14 10:01 +0000  Test Clerk <clerk@example.org>
    Start the governance store of Hart District Council
      govern.yaml
EOF
out_lacks "code"
expect_ok log --limit 2
assert_eq "$(grep -c '^[0-9a-f]\{10\}  ' "$OUT")" 2 "entries with --limit 2"
expect_ok log -n 1
assert_eq "$(grep -c '^[0-9a-f]\{10\}  ' "$OUT")" 1 "entries with -n 1"
expect_refused 2 log --limit 0
expect_refused 2 log --limit x

section "log of a meeting, a committee, a path"
expect_ok log audit/2021-07-05
mask
expect_stdout <<'EOF'
COMMIT  2021-06-14 10:07 +0000  Test Clerk <clerk@example.org>  (govern undo reverts this)
    Reschedule meeting audit/2021-07-05 to Monday 5 July 2021
      audit/2021-07-05/meeting.md
COMMIT  2021-06-14 10:05 +0000  Test Clerk <clerk@example.org>
    Add item 5 to the agenda of audit/2021-07-05: Internal audit plan
      audit/2021-07-05/agenda.md
COMMIT  2021-06-14 10:04 +0000  Test Clerk <clerk@example.org>
    Schedule Audit Committee meeting on Monday 5 July 2021
      audit/2021-07-05/agenda.md
      audit/2021-07-05/meeting.md
EOF
expect_ok log audit
mask
expect_stdout <<'EOF'
COMMIT  2021-06-14 10:03 +0000  Test Clerk <clerk@example.org>
    Add Cllr Bea Brown to audit as chair
      audit/committee.md
COMMIT  2021-06-14 10:02 +0000  Test Clerk <clerk@example.org>
    Add committee audit: Audit Committee
      audit/committee.md
EOF
expect_ok log govern.yaml
assert_eq "$(grep -c '^[0-9a-f]\{10\}  ' "$OUT")" 1 "entries for govern.yaml"
expect_ok log audit/2021-07-05/agenda.md
assert_eq "$(grep -c '^[0-9a-f]\{10\}  ' "$OUT")" 2 "entries for an agenda file"
# from a nested directory and with -C the subjects are still store paths
at audit/2021-07-05 expect_ok log audit/2021-07-05
assert_eq "$(grep -c '^[0-9a-f]\{10\}  ' "$OUT")" 3 "entries from a nested directory"

section "log --format json"
expect_ok log audit/2021-07-05 --format json
json_valid
json_expect 'j["subject"] == "audit/2021-07-05" and len(j["changes"]) == 3'
json_expect '[c["summary"] for c in j["changes"]][0] == "Reschedule meeting audit/2021-07-05 to Monday 5 July 2021"'
json_expect 'j["changes"][2]["paths"] == ["audit/2021-07-05/agenda.md", "audit/2021-07-05/meeting.md"]'
json_expect 'all(len(c["commit"]) == 40 for c in j["changes"]) and j["changes"][0]["author"] == "Test Clerk <clerk@example.org>"'
json_expect 'j["changes"][0]["date"] == "2021-06-14T10:07:00+00:00"'
head_id=$(git rev-parse HEAD)
json_expect "j['changes'][0]['commit'] == '$head_id'"
expect_ok log --format json
json_valid
json_expect 'len(j["changes"]) == 7'

section "log refuses unknown subjects and bad paths"
expect_refused 1 log nosuch
err_has "nosuch"
expect_refused 1 log audit/2021-07-06
expect_refused 1 log ../main.c
expect_refused 1 log /etc/passwd
expect_refused 2 log --format csv

section "--rev reads an older state"
# HEAD~2 is the commit outside the store (after the agenda item was added,
# before the second meeting and the reschedule); HEAD~3 added the item,
# HEAD~4 the first meeting, HEAD~5 the chair, HEAD~6 the committee
expect_ok --rev HEAD~2 meeting list
sed -n '2,$p' "$OUT" | awk '{print $1, $3}' >"$TEST_TMP/t"
printf 'audit/2021-07-05 Audit\n' >"$TEST_TMP/expected"
_expect_text "$TEST_TMP/t" "$TEST_TMP/expected" "meetings at HEAD~2"
expect_ok --rev HEAD~2 meeting show audit/2021-07-05 --format json
json_expect 'j["time"] is None and j["sequence"] == 0'
expect_ok meeting show audit/2021-07-05 --format json
json_expect 'j["time"] == "18:30" and j["sequence"] == 1'
expect_ok meeting list --rev HEAD~3
assert_eq "$(sed -n '2,$p' "$OUT" | wc -l)" 1 "meetings at HEAD~3"
expect_ok --rev HEAD~6 committee show audit --format json
json_expect 'j["members"] == []'
expect_ok --rev HEAD~5 committee show audit --format json
json_expect '[m["name"] for m in j["members"]] == ["Cllr Bea Brown"]'
expect_ok --rev HEAD~4 agenda show audit/2021-07-05 --format json
json_expect 'len(j["items"]) == 4'
expect_ok --rev HEAD~3 agenda show audit/2021-07-05 --format json
json_expect 'len(j["items"]) == 5'
expect_refused 1 --rev HEAD~7 committee show audit
expect_ok --rev "$head_id" agenda show audit/2021-07-05 --format json
json_expect 'len(j["items"]) == 5'
expect_ok --rev HEAD~1 log --format json
json_expect 'len(j["changes"]) == 6'
expect_ok --rev HEAD~2 check --as-of 2021-06-14
# the work tree's uncommitted edits are not seen with --rev
echo "garbage" >audit/committee.md
expect_ok --rev HEAD committee show audit
out_has "Audit Committee (audit)"
expect_fail 1 committee show audit
git checkout -q -- audit/committee.md
# --rev is for reading only
expect_refused 2 --rev HEAD~1 meeting new audit --date 2021-10-04
expect_refused 2 --rev HEAD member add audit "Someone"
expect_refused 1 --rev no-such-rev meeting list
expect_refused 1 --rev HEAD~99 meeting list
git tag v-july HEAD~2
expect_ok --rev v-july meeting list
assert_eq "$(sed -n '2,$p' "$OUT" | wc -l)" 1 "meetings at a tag"

section "a bare clone"
cd "$TEST_TMP" || exit 1
git clone -q --bare big x.git || exit 1
expect_ok -C x.git --rev HEAD meeting list
sed -n '2,$p' "$OUT" | awk '{print $1}' >"$TEST_TMP/t"
printf 'audit/2021-07-05\naudit/2021-09-06\n' >"$TEST_TMP/expected"
_expect_text "$TEST_TMP/t" "$TEST_TMP/expected" "meetings in the bare clone (--rev HEAD)"
# without --rev a bare repository reads HEAD
expect_ok -C x.git meeting list
sed -n '2,$p' "$OUT" | awk '{print $1}' >"$TEST_TMP/t"
_expect_text "$TEST_TMP/t" "$TEST_TMP/expected" "meetings in the bare clone"
expect_ok -C x.git --rev HEAD~2 meeting list
assert_eq "$(sed -n '2,$p' "$OUT" | wc -l)" 1 "meetings in the bare clone at HEAD~2"
expect_ok -C x.git committee show audit
out_has "Cllr Bea Brown"
expect_ok -C x.git agenda show audit/2021-07-05 --format json
json_valid
expect_fail 1 -C x.git agenda show audit/2021-07-05 --public
err_has "is not published"
expect_ok -C x.git log audit/2021-07-05
assert_eq "$(grep -c '^[0-9a-f]\{10\}  ' "$OUT")" 3 "log in the bare clone"
expect_ok -C x.git check --as-of 2021-06-14
cd x.git || exit 1
expect_ok meeting list
expect_ok --rev HEAD~1 check --as-of 2021-06-14
cd "$TEST_TMP" || exit 1
# and the clone is still a good repository
assert_git_healthy x.git

finish
