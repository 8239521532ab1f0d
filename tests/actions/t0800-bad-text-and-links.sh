#!/usr/bin/env bash
# action add/update refuse text that is not UTF-8 before anything is written
# (the lock stays free), and the register survives entries that are not
# regular files: a committed symbolic link at actions/ID.md is reported by
# check and its id is never handed out again (nor that of an untracked file
# or FIFO in the work tree); a FIFO there never hangs a read.
. "$(dirname "$0")/../cli/lib.sh"

L1=$(printf 'Caf\xe9')
new_store "$TEST_TMP/store" --body "Test Council"
expect_ok committee add cds --name "Crime and Disorder Scrutiny" --short-name CDS
expect_ok meeting new cds --date 2021-06-14
M=cds/2021-06-14
A=(--as-of 2021-06-14)

section "Latin-1 text, owner and note are refused; the next write works at once"
expect_ok "${A[@]}" action add $M "First action" --owner "Bob"
assert_eq "$(cat "$OUT")" "CDS-2021-001" "first id"
for args in "action add $M $L1 --owner Bob" "action add $M Thing --owner $L1" \
    "action update CDS-2021-001 --note $L1"; do
    snapshot_repo .
    # shellcheck disable=SC2086
    expect_in_time 1 "${A[@]}" $args
    err_has "is not UTF-8"
    assert_repo_unchanged .
done
expect_in_time 0 "${A[@]}" action add $M "Second action" --owner "Bob"
assert_eq "$(cat "$OUT")" "CDS-2021-002" "second id"

section "a committed symbolic link at actions/ID.md keeps its id"
echo "OUTSIDE-SECRET-5a5a" >"$TEST_TMP/outside.md"
git rm -q actions/CDS-2021-002.md
ln -s "$TEST_TMP/outside.md" actions/CDS-2021-002.md
git_commit_all "a link in place of an action"
expect_in_time 1 check "${A[@]}"
out_has "actions/CDS-2021-002.md:0: [filetype] a symbolic link"
expect_in_time 1 --rev HEAD check "${A[@]}"
out_has "actions/CDS-2021-002.md:0: [filetype] a symbolic link"
expect_in_time 0 "${A[@]}" action add $M "Third action" --owner "Bob"
assert_eq "$(cat "$OUT")" "CDS-2021-003" "the link's id is not reused"
expect_in_time 0 actions "${A[@]}" --format json
out_lacks "OUTSIDE-SECRET"

section "untracked entries in the work tree keep their ids too"
echo "draft" >actions/CDS-2021-004.md
mkfifo actions/CDS-2021-005.md
expect_in_time 0 "${A[@]}" action add $M "Fourth action" --owner "Bob"
assert_eq "$(cat "$OUT")" "CDS-2021-006" "ids of the untracked file and the FIFO are not reused"
rm actions/CDS-2021-004.md
expect_in_time 0 actions "${A[@]}"
out_has "CDS-2021-006"
expect_in_time 1 check "${A[@]}"
out_has "actions/CDS-2021-005.md:0: [filetype] a FIFO"
rm actions/CDS-2021-005.md
assert_git_healthy

finish
