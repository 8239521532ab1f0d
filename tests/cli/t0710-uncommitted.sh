#!/usr/bin/env bash
# Uncommitted work is never overwritten: a hand edit (in the work tree or
# staged), an uncommitted deletion, or an untracked file at a path govern
# would write makes the write refuse with a message and leaves everything
# byte for byte as it was; edits elsewhere survive a write untouched, and a
# govern commit never sweeps up what the user had staged.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Test Council"
echo "# Our minutes" >README.md && git_commit_all "Readme"
expect_ok committee add cds --name "Crime and Disorder Scrutiny"
expect_ok member add cds "Cllr Ann Archer" --role chair
expect_ok meeting new cds --date 2021-06-14
expect_ok meeting new cds --date 2021-07-12
A=cds/2021-06-14/agenda.md

section "a hand edit of agenda.md, not committed, blocks agenda add"
printf '\nA note typed by hand, not yet committed. \xe2\x80\x94 Clerk\n' >>$A
sha_before=$(sha256sum <$A)
expect_refused 1 agenda add cds/2021-06-14 "New item" --purpose "X"
err_has "$A"
err_has "uncommitted"
assert_eq "$(sha256sum <$A)" "$sha_before" "the hand edit is byte-identical"
for c in "agenda move cds/2021-06-14 1 2" "agenda remove cds/2021-06-14 1" \
    "agenda publish cds/2021-06-14 --date 2021-06-01"; do
    # shellcheck disable=SC2086
    expect_refused 1 $c
    err_has "$A"
done
assert_eq "$(sha256sum <$A)" "$sha_before" "the hand edit is still byte-identical"
# other meetings can still be changed, and the edit survives that
expect_ok agenda add cds/2021-07-12 "Other item"
assert_eq "$(sha256sum <$A)" "$sha_before" "the hand edit survives a write elsewhere"
assert_eq "$(git status --porcelain)" " M $A" "only the hand edit is uncommitted"

section "the same edit, staged but not committed"
git add $A
expect_refused 1 agenda add cds/2021-06-14 "New item"
err_has "$A"
assert_eq "$(git status --porcelain)" "M  $A" "the staged edit stays staged"
git reset -q -- $A
git checkout -q -- $A

section "an uncommitted deletion is not undone"
rm $A
expect_refused 1 agenda add cds/2021-06-14 "New item"
assert_file_absent $A
git checkout -q -- $A
git rm -q --cached $A
expect_refused 1 agenda add cds/2021-06-14 "New item"
git reset -q -- $A
assert_clean_worktree

section "a hand edit of committee.md blocks member add but not meeting new"
C=cds/committee.md
printf 'Description typed by hand.\n' >>$C
sha_c=$(sha256sum <$C)
expect_refused 1 member add cds "Cllr Bob Baker"
err_has "$C"
expect_refused 1 member end cds "Cllr Ann Archer" --date 2021-06-30
assert_eq "$(sha256sum <$C)" "$sha_c" "committee.md is byte-identical"
head_before=$(git rev-parse HEAD)
expect_ok meeting new cds --date 2021-09-13
assert_eq "$(git rev-parse HEAD~1)" "$head_before" "meeting new committed on top"
assert_eq "$(git show --format= --name-only HEAD | sort | tr '\n' ' ')" \
    "cds/2021-09-13/agenda.md cds/2021-09-13/meeting.md " "the commit has only the new meeting"
assert_eq "$(sha256sum <$C)" "$sha_c" "committee.md is byte-identical after meeting new"
assert_eq "$(git status --porcelain)" " M $C" "only the hand edit is uncommitted"
git checkout -q -- $C

section "an untracked file where govern would write is not overwritten"
mkdir -p cds/2021-10-11
printf 'my own draft\n' >cds/2021-10-11/meeting.md
run meeting new cds --date 2021-10-11
assert_eq "$(cat cds/2021-10-11/meeting.md)" "my own draft" "the untracked meeting.md"
if [ "$RC" -eq 0 ]; then
    out_lacks "cds/2021-10-11" # then it must have chosen another id
else
    assert_eq "$RC" 1 "exit status"
    expect_message
fi
assert_eq "$(git status --porcelain --untracked-files=all | grep '^??')" "?? cds/2021-10-11/meeting.md" \
    "the draft is still untracked"
rm -r cds/2021-10-11
# an untracked report at the path a new report would take
mkdir -p cds/2021-07-12/reports
printf 'my draft report\n' >cds/2021-07-12/reports/annual-review.md
printf 'the real report\n' >"$TEST_TMP/report.md"
run agenda add cds/2021-07-12 "Annual review" --report "$TEST_TMP/report.md"
assert_eq "$(cat cds/2021-07-12/reports/annual-review.md)" "my draft report" "the untracked report"
if [ "$RC" -ne 0 ]; then
    assert_eq "$RC" 1 "exit status"
    expect_message
fi
rm -r cds/2021-07-12/reports
# an untracked committee directory
mkdir -p audit && printf 'notes\n' >audit/committee.md
run committee add audit --name "Audit"
assert_eq "$(cat audit/committee.md)" "notes" "the untracked committee.md"
[ "$RC" -ne 0 ] && pass || fail "committee add over an untracked committee.md succeeded"
rm -r audit
assert_clean_worktree

section "what the user staged is not swept into a govern commit"
echo "More readme" >>README.md
git add README.md
staged=$(git ls-files -s README.md)
expect_ok member add cds "Cllr Bob Baker"
assert_eq "$(git show --format= --name-only HEAD)" "$C" "the commit has only committee.md"
assert_eq "$(git ls-files -s README.md)" "$staged" "README.md is still staged"
assert_eq "$(git status --porcelain)" "M  README.md" "status after the write"
git reset -q --hard HEAD

section "a failed command leaves HEAD, the index and the work tree as they were"
echo "scratch" >scratch.txt            # untracked
echo "edit" >>README.md                # modified
echo "x" >staged.txt && git add staged.txt # staged
for c in "meeting new cds --date 2021-02-30" "agenda add cds/2021-06-14 Item --exempt 9" \
    "member add nosuch X" "meeting cancel cds/2021-06-14" "agenda move cds/2021-06-14 1 99" \
    "committee add cds --name Again" "meeting reschedule cds/2021-06-14"; do
    snapshot_repo .
    # shellcheck disable=SC2086
    run $c
    [ "$RC" -ne 0 ] && pass || fail "'govern $c' should fail"
    assert_repo_unchanged .
done

assert_git_healthy
finish
