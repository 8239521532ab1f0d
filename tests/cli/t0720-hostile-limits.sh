#!/usr/bin/env bash
# Hostile files at the parser's limits must still be reported with their file
# and line, and `govern check` must never pass over a file it cannot read:
#  - a list or map of more than 10000 entries (the collection limit);
#  - a committee.md that is a symbolic link (refused by every command, so
#    check must report it rather than skip the committee and its meetings).
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Test Council"
expect_ok committee add cds --name "Crime and Disorder Scrutiny"
expect_ok meeting new cds --date 2021-06-14
BASE=$(git rev-parse HEAD)
C=cds/committee.md

section "a list over the 10000-entry limit names the file and line"
printf -- "---\nname: C\ncadence: [$(printf '1,%.0s' $(seq 1 12000))1]\n---\n" >$C
git_commit_all "12000-entry list"
for c in "committee show cds" "member add cds Someone" "meeting list"; do
    # shellcheck disable=SC2086
    expect_refused 1 $c
    err_has "govern: $C:3:"
done
expect_fail 1 check --as-of 2021-01-01
expect_stdout <<EOF
$C:3: [parse] more than 10000 entries in one list or map
EOF
git reset -q --hard "$BASE"
{
    printf -- '---\nname: C\nmembers:\n'
    for _ in $(seq 1 10001); do printf -- '- name: M\n'; done
    printf -- '---\n'
} >$C
git_commit_all "10001 members"
expect_refused 1 committee show cds
err_has "govern: $C:"
expect_fail 1 check --as-of 2021-01-01
out_has "$C:"

section "check reports a committee.md that is a symbolic link"
git reset -q --hard "$BASE"
echo "OUTSIDE-SECRET-0e0e" >"$TEST_TMP/outside.txt"
rm $C && ln -s "$TEST_TMP/outside.txt" $C && git_commit_all "symlink"
expect_refused 1 committee show cds
err_has "$C"
expect_fail 1 check --as-of 2021-01-01
out_has "$C:"
out_lacks "OUTSIDE-SECRET"
expect_fail 1 --rev HEAD check --as-of 2021-01-01
out_has "$C:"

finish
