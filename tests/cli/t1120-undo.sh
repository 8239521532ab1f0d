#!/usr/bin/env bash
# govern undo (issue 15 item 2): the last change govern made from this clone
# is reverted as a new commit; again goes one further back; changes made by
# git itself are skipped; a pushed change is refused unless --force; approved
# minutes are refused with the remedy (a new minute at a later meeting);
# uncommitted edits and overlapping later changes are refused; a fresh clone
# has nothing to undo; govern log marks the change undo would revert.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Hart District Council"
export GOVERN_COMMIT_TIME=1600000000
expect_ok committee add cdjsc --name "Crime and Disorder JSC" --quorum 1
expect_ok member add cdjsc "Councillor P Miller" --role chair
expect_ok member add cdjsc "Councillor R Gardiner"

section "a mistaken member end is undone by a new commit"
expect_ok member end cdjsc "Councillor R Gardiner" --date 2020-01-31
mistake=$(git rev-parse HEAD)
expect_ok log -n 1
out_has "<clerk@example.org>  (govern undo reverts this)"
expect_ok log --format json -n 2
json_expect 'j["changes"][0]["undo"] is True and j["changes"][1]["undo"] is False'
expect_ok undo --dry-run
out_has "Would undo ${mistake:0:10}: End Councillor R Gardiner's membership of cdjsc on 2020-01-31"
assert_eq "$(git rev-parse HEAD)" "$mistake" "dry run changes nothing"
before=$(commit_count)
expect_ok undo
out_has "Undid ${mistake:0:10}: End Councillor R Gardiner's membership"
assert_eq "$(commit_count)" "$((before + 1))" "one new commit"
assert_eq "$(git rev-parse HEAD~1)" "$mistake" "the mistake stays in history"
file_lacks cdjsc/committee.md "to: 2020-01-31"
assert_clean_worktree
git log -1 --format=%B | grep -q "This reverts commit $mistake." && pass || fail "the message names the reverted commit"
assert_eq "$(git diff HEAD~2 HEAD -- cdjsc/committee.md)" "" "back to the state before"

section "undo again goes one change further back, skipping git's own commits"
echo "notes" >NOTES.txt && git add NOTES.txt && git commit -q -m "Clerk's notes, by git"
expect_ok undo
out_has "Add Councillor R Gardiner to cdjsc"
file_lacks cdjsc/committee.md "Councillor R Gardiner"
assert_file_exists NOTES.txt
expect_ok undo -n
out_has "Add Councillor P Miller to cdjsc"

section "the first commit of the store is not undone"
git init -q "$TEST_TMP/s2" && (cd "$TEST_TMP/s2" && "$GOVERN" init --body X >/dev/null)
at "$TEST_TMP/s2" expect_refused 1 undo
at "$TEST_TMP/s2" err_has "started the store"

section "uncommitted edits to a file the undo would touch are refused"
expect_ok member add cdjsc "Councillor S Forster"
echo "# edited" >>cdjsc/committee.md
expect_refused 1 undo
git checkout -q -- cdjsc/committee.md

section "an undo that later changes overlap is refused"
expect_ok meeting new cdjsc --date 2020-09-21 --time 18:00
expect_ok meeting set cdjsc/2020-09-21 --location "Remote meeting"
expect_ok undo
out_has "Change the details of meeting cdjsc/2020-09-21"
# the remaining one, meeting new, is touched by nothing later: undone cleanly
expect_ok undo
assert_file_absent cdjsc/2020-09-21/meeting.md
# a change whose lines a later commit (a hand edit, by git) changed again: refused
expect_ok meeting new cdjsc --date 2020-09-21 --time 18:00
expect_ok meeting set cdjsc/2020-09-21 --location "Deanes"
sed -i 's/^location: Deanes$/location: Deanes, Basingstoke/' cdjsc/2020-09-21/meeting.md
git commit -q -am "Location corrected by hand"
expect_refused 1 undo
err_has "later changes touched the same lines"
# a govern change no longer on the branch (reset away) is skipped
expect_ok agenda edit cdjsc/2020-09-21 1 --purpose "By govern"
git reset -q --hard HEAD~1
expect_ok undo -n
out_has "Change the details of meeting cdjsc/2020-09-21"

section "approved minutes stay as they are: the remedy is a new minute"
expect_ok meeting held cdjsc/2020-09-21
expect_ok minutes draft cdjsc/2020-09-21
expect_ok minutes attend cdjsc/2020-09-21 --all-members
expect_ok meeting new cdjsc --date 2021-09-20 --time 18:00
expect_ok meeting held cdjsc/2021-09-20
expect_ok minutes approve cdjsc/2020-09-21 --at cdjsc/2021-09-20
expect_refused 1 undo
err_has "approved"
err_has "a correction is a new minute at a later meeting"

section "a pushed change is refused unless --force"
git init -q --bare "$TEST_TMP/remote.git"
git remote add origin "$TEST_TMP/remote.git"
expect_ok meeting set cdjsc/2021-09-20 --location "Council Chamber"
git push -q origin main
expect_refused 1 undo
err_has "has been pushed"
expect_ok undo --force
out_has "Change the details of meeting cdjsc/2021-09-20"
file_lacks cdjsc/2021-09-20/meeting.md "Council Chamber"

section "a fresh clone has nothing of its own to undo"
git clone -q "$TEST_TMP/remote.git" "$TEST_TMP/clone"
at "$TEST_TMP/clone" expect_refused 1 undo
at "$TEST_TMP/clone" err_has "nothing to undo"
at "$TEST_TMP/clone" expect_ok log -n 1
at "$TEST_TMP/clone" out_lacks "govern undo"

section "usage"
expect_refused 2 undo extra
expect_refused 2 --rev HEAD undo
assert_git_healthy

finish
