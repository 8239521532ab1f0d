#!/usr/bin/env bash
# Packing loose objects (issue 16 item 4): once a store holds more loose
# objects than git's gc.auto, the write that crosses it packs every loose
# object (reachable or not) into one pack and removes the loose copies;
# git fsck is clean and nothing is lost (every commit, blob and a dangling
# object made by hand are still there); gc.auto 0 turns it off, and a
# store below the threshold is left alone.
. "$(dirname "$0")/lib.sh"

loose() { find .git/objects -path .git/objects/pack -prune -o -type f -print | grep -c . || true; }
packs() { find .git/objects/pack -name 'pack-*.pack' | grep -c . || true; }

new_store "$TEST_TMP/store" --body "Hart District Council"
export GOVERN_COMMIT_TIME=1600000000
git config gc.auto 0
expect_ok committee add cdjsc --name "Crime and Disorder JSC" --quorum 1

section "gc.auto 0: nothing is ever packed"
for i in 1 2 3 4 5 6; do expect_ok member add cdjsc "Councillor Number$i"; done
assert_eq "$(packs)" "0" "no pack with gc.auto 0"
before=$(loose)
[ "$before" -gt 20 ] && pass || fail "loose objects pile up ($before)"

section "below the threshold: left alone"
git config gc.auto 100000
expect_ok member add cdjsc "Councillor Below"
assert_eq "$(packs)" "0" "no pack below gc.auto"

section "over the threshold: one pack, nothing lost"
dangling=$(echo "a clerk's scratch blob" | git hash-object -w --stdin)
git config gc.auto 10
objects_before=$(git cat-file --batch-all-objects --batch-check | sort)
expect_ok member add cdjsc "Councillor Over"
assert_eq "$(packs)" "1" "one pack"
assert_eq "$(loose)" "0" "no loose object left"
objects_after=$(git cat-file --batch-all-objects --batch-check | sort)
# every object there before is still there (the new commit adds a few)
missing=$(comm -23 <(echo "$objects_before") <(echo "$objects_after"))
assert_eq "$missing" "" "no object lost"
git cat-file -e "$dangling" && pass || fail "the dangling blob is kept"
git fsck --full --no-dangling >"$TEST_TMP/fsck" 2>&1 && pass || fail "git fsck: $(cat "$TEST_TMP/fsck")"
assert_eq "$(git log --format=%s | grep -c 'Councillor')" "8" "every commit readable"
expect_ok check --as-of 2020-10-01
expect_ok log cdjsc -n 3
out_has "Councillor Over"
assert_clean_worktree

section "the next writes add loose objects again, packed once over the threshold"
expect_ok member add cdjsc "Councillor Again"
[ "$(loose)" -gt 0 ] && [ "$(loose)" -le 10 ] && pass || fail "a few loose objects ($(loose))"
for i in 1 2 3; do expect_ok member add cdjsc "Councillor More$i"; done
assert_eq "$(packs)" "2" "a second pack"
[ "$(loose)" -le 10 ] && pass || fail "never more loose objects than gc.auto after a write ($(loose))"
git fsck --full --no-dangling >"$TEST_TMP/fsck" 2>&1 && pass || fail "git fsck: $(cat "$TEST_TMP/fsck")"
expect_ok fsck
expect_ok help fsck
out_has "packs the loose objects once there are more than git's gc.auto"
finish
