#!/usr/bin/env bash
# While govern.yaml fails validation (what `govern check` rejects), every
# write is refused with a message naming the file and line, and nothing is
# written: whether the broken file is a hand edit in the work tree or is
# committed.  Reads go on working.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Test Council"
expect_ok committee add cds --name "Crime and Disorder Scrutiny"
expect_ok meeting new cds --date 2021-06-14
M=cds/2021-06-14
cp govern.yaml "$TEST_TMP/good.yaml"

writes=(
    "committee add new --name New"
    "member add cds Someone"
    "meeting new cds --date 2021-06-21"
    "agenda add $M Item"
    "agenda publish $M --date 2021-06-01"
    "minutes draft $M"
    "action add $M Thing --owner Bob"
    "decision new --maker cds --date 2021-06-14 --title T --part Agree."
)

# all_refused WHERE: every write fails naming govern.yaml:LINE and WHERE.
all_refused() {
    local w
    for w in "${writes[@]}"; do
        # shellcheck disable=SC2086
        expect_refused 1 --as-of 2021-06-01 $w
        err_has "govern.yaml:$LINE:"
        err_has "($1); nothing is written while govern.yaml is invalid"
    done
}

section "an invalid notice rule, edited by hand and not committed"
sed -i 's/^notice_days: .*/notice_days: lots/' govern.yaml
LINE=$(grep -n '^notice_days' govern.yaml | cut -d: -f1)
expect_fail 1 check --as-of 2021-06-01
out_has "govern.yaml:$LINE:"
all_refused "in the work tree"
expect_ok meeting list
expect_ok agenda show $M

section "a duplicate key, committed"
cp "$TEST_TMP/good.yaml" govern.yaml
echo "body: Other Council" >>govern.yaml
LINE=$(wc -l <govern.yaml)
git_commit_all "broken govern.yaml"
all_refused "in the work tree"
section "... and fixed in the work tree only: the commit a write builds on is still invalid"
cp "$TEST_TMP/good.yaml" govern.yaml
all_refused "as committed (HEAD)"

section "once fixed and committed, writes work again"
git_commit_all "fix govern.yaml"
expect_ok member add cds Someone
expect_ok check --as-of 2021-06-01

finish
