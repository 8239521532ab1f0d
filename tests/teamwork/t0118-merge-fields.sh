#!/usr/bin/env bash
# Concurrent edits of one record: different fields merge (by govern sync
# and, through the merge driver govern init configures, by plain git pull);
# log entries from both sides are all kept, oldest first; one field set to
# different values is a conflict naming the file, the field and both values,
# and sync then changes nothing.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-hub.sh"

make_hub
clerk a
clerk b
A=actions/CDJSC-2026-001.md
at "$TEST_TMP/a" expect_ok --as-of 2026-01-11 action add cdjsc/2026-01-11 "Circulate the list" --owner "Hart DC"
at "$TEST_TMP/a" expect_ok sync
at "$TEST_TMP/b" expect_ok sync

section "sync: one clerk changes the status, the other the due date"
at "$TEST_TMP/a" expect_ok --as-of 2026-01-12 action update CDJSC-2026-001 --status in-progress --note "Chased"
at "$TEST_TMP/b" expect_ok --as-of 2026-01-13 action update CDJSC-2026-001 --due 2026-04-30
at "$TEST_TMP/a" expect_ok sync
at "$TEST_TMP/b" expect_ok sync
cd "$TEST_TMP/b" || exit 1
file_has $A "status: in-progress"
file_has $A "due: 2026-04-30"
file_has $A "updated: 2026-01-13"
file_has $A "log:
- date: 2026-01-12
  by: Test Clerk
  status: in-progress
  note: Chased"
file_has $A "- date: 2026-01-13
  by: Test Clerk
  due: 2026-04-30"
expect_ok check --as-of 2026-01-14
assert_clean_worktree

section "plain git pull merges by field through govern merge-file"
at "$TEST_TMP/a" expect_ok sync
at "$TEST_TMP/a" expect_ok --as-of 2026-01-14 action update CDJSC-2026-001 --note "From A"
at "$TEST_TMP/a" expect_ok sync
cd "$TEST_TMP/b" || exit 1
expect_ok --as-of 2026-01-15 action update CDJSC-2026-001 --status done
git pull -q --no-rebase --no-edit origin main && pass || fail "git pull did not merge"
file_has $A "status: done"
file_has $A "note: From A"
file_has $A "updated: 2026-01-15"
expect_ok check --as-of 2026-01-16
expect_ok sync

section "merge-file by hand: the same field set to two values is a conflict"
printf -- '---\nid: X\nowner: A\ndue: 2026-01-01\n---\n\nText\n' >"$TEST_TMP/base"
printf -- '---\nid: X\nowner: B\ndue: 2026-01-01\n---\n\nText\n' >"$TEST_TMP/ours"
printf -- '---\nid: X\nowner: C\ndue: 2026-02-02\n---\n\nText\n' >"$TEST_TMP/theirs"
expect_fail 1 merge-file "$TEST_TMP/base" "$TEST_TMP/ours" "$TEST_TMP/theirs" actions/X.md
err_has "actions/X.md: field 'owner': ours 'B', theirs 'C'"
file_has "$TEST_TMP/ours" "<<<<<<<"
printf -- '---\nid: X\nowner: B\ndue: 2026-01-01\n---\n\nText\n' >"$TEST_TMP/ours"
printf -- '---\nid: X\nowner: A\ndue: 2026-02-02\n---\n\nText\n' >"$TEST_TMP/theirs"
expect_ok merge-file "$TEST_TMP/base" "$TEST_TMP/ours" "$TEST_TMP/theirs" actions/X.md
assert_eq "$(cat "$TEST_TMP/ours")" "$(printf -- '---\nid: X\nowner: B\ndue: 2026-02-02\n---\n\nText')" "merged by field"

section "sync: a true conflict names the file, the field and both values; nothing changes"
at "$TEST_TMP/a" expect_ok sync
at "$TEST_TMP/a" expect_ok --as-of 2026-01-20 action update CDJSC-2026-001 --status dropped
at "$TEST_TMP/a" expect_ok sync
cd "$TEST_TMP/b" || exit 1
expect_ok --as-of 2026-01-20 action update CDJSC-2026-001 --status open
git fetch -q origin # what sync fetches first: only the remote-tracking branch moves
snapshot_repo .
hub_before=$(git -C "$TEST_TMP/hub.git" rev-parse main)
expect_fail 1 sync
err_has "$A"
err_has "field 'status': ours 'open', theirs 'dropped'"
err_has "nothing was changed"
assert_eq "$(git -C "$TEST_TMP/hub.git" rev-parse main)" "$hub_before" "the hub is unchanged"
assert_repo_unchanged .
finish
