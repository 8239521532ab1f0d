#!/usr/bin/env bash
# Approved minutes stay frozen in a clone without tags (git clone --no-tags,
# a branch pushed without its tags) and in a copy of the store: the check
# falls back to the commit that approved them, and still catches an edit
# made after approval.  With tags present, an approval without its tag is
# reported (t1000).
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Basingstoke and Deane Borough Council"
export GOVERN_COMMIT_TIME=1576500000
expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee" --quorum 1
expect_ok member add cdjsc "Councillor P Miller" --role chair
expect_ok meeting new cdjsc --date 2019-12-16
expect_ok meeting new cdjsc --date 2020-09-21
expect_ok meeting held cdjsc/2019-12-16
expect_ok minutes draft cdjsc/2019-12-16
expect_ok minutes attend cdjsc/2019-12-16 "Councillor P Miller" --present
expect_ok meeting held cdjsc/2020-09-21 --as-of 2020-09-21
expect_ok minutes approve cdjsc/2019-12-16 --at cdjsc/2020-09-21
F=cdjsc/2019-12-16/minutes.md
approval=$(git rev-parse HEAD)
expect_ok check --as-of 2020-09-22

section "a clone without tags: still frozen, checked against the approving commit"
git clone -q --no-tags "$TEST_TMP/store" "$TEST_TMP/clone"
cd "$TEST_TMP/clone" || exit 1
assert_eq "$(git tag -l | wc -l)" 0 "no tags in the clone"
expect_ok check --as-of 2020-09-22
expect_refused 1 minutes attend cdjsc/2019-12-16 "Councillor P Miller" --apologies
err_has "correction"
echo "A sentence added after approval." >>$F
git_commit_all "Edit approved minutes with git"
expect_fail 1 check --as-of 2020-09-22
out_has "$F:1: [frozen] approved minutes were changed after their approval (commit $approval)"

section "a copy of the store in a new repository: its first commit is the baseline"
mkdir "$TEST_TMP/copy"
cp -r "$TEST_TMP/store/." "$TEST_TMP/copy/"
rm -rf "$TEST_TMP/copy/.git"
cd "$TEST_TMP/copy" || exit 1
git init -q . && git_commit_all "copy"
expect_ok check --as-of 2020-09-22
echo "Another sentence." >>$F
git_commit_all "Edit approved minutes in the copy"
expect_fail 1 check --as-of 2020-09-22
out_has "$F:1: [frozen] approved minutes were changed after their approval (commit"

finish
