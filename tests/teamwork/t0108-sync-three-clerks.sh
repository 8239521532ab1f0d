#!/usr/bin/env bash
# Three clerks on clones of one hub each raise 20 actions (some from ACTION
# lines in their own meeting's minutes) and sync in a random order: every
# action is present exactly once, ids are unique and match their files, the
# ACTION lines in minutes cite the renumbered ids, and all clones end equal.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-hub.sh"

make_hub
for c in c1 c2 c3; do clerk $c; done
RANDOM=8

# add CLERK N: one action, every fifth from an ACTION line in the minutes of
# the clerk's own meeting (so minutes cite an id allocated on both sides).
add() {
    local c=$1 n=$2 day
    day=2026-01-1${c#c}
    cd "$TEST_TMP/$c" || exit 1
    if [ $((n % 5)) -eq 0 ]; then
        echo "- [ ] ACTION: $c action $n @{Owner $c} due:2026-03-31" >>cdjsc/$day/minutes.md
        expect_ok --as-of $day minutes draft cdjsc/$day
    else
        expect_ok --as-of $day action add cdjsc/$day "$c action $n" --owner "Owner $c"
    fi
}

section "20 actions each, syncs in a random order"
declare -A next=([c1]=1 [c2]=1 [c3]=1)
while [ "${next[c1]}" -le 20 ] || [ "${next[c2]}" -le 20 ] || [ "${next[c3]}" -le 20 ]; do
    c=c$((RANDOM % 3 + 1))
    k=$((RANDOM % 4 + 1))
    while [ $k -gt 0 ] && [ "${next[$c]}" -le 20 ]; do
        add $c "${next[$c]}"
        next[$c]=$((next[$c] + 1))
        k=$((k - 1))
    done
    if [ $((RANDOM % 2)) -eq 0 ]; then
        at "$TEST_TMP/$c" expect_ok sync
    fi
done
for c in c3 c1 c2 c3 c1; do at "$TEST_TMP/$c" expect_ok sync; done

section "every action once, unique ids, files named by their ids"
cd "$TEST_TMP/c1" || exit 1
assert_eq "$(ls actions | wc -l)" 60 "60 actions"
for f in actions/*.md; do
    id=$(sed -n 's/^id: //p' "$f")
    [ "actions/$id.md" = "$f" ] && pass || fail "$f has id $id"
done
assert_eq "$(sed -n 's/^id: //p' actions/*.md | sort -u | wc -l)" 60 "unique ids"
for c in c1 c2 c3; do
    for n in $(seq 1 20); do
        k=$(grep -lx "$c action $n" actions/*.md | wc -l)
        [ "$k" -eq 1 ] && pass || fail "'$c action $n' is in $k files"
    done
done

section "ACTION lines in minutes cite the action raised from them"
for c in c1 c2 c3; do
    m=cdjsc/2026-01-1${c#c}/minutes.md
    for n in 5 10 15 20; do
        id=$(sed -n "s/^- \[ \] ACTION \([A-Z0-9-]*\): $c action $n .*/\1/p" "$m")
        [ -n "$id" ] && grep -qx "$c action $n" "actions/$id.md" && pass ||
            fail "$m: '$c action $n' cites '$id', which is not that action"
    done
done
expect_ok check --as-of 2026-01-14
assert_clean_worktree

section "all clones and the hub agree; nothing left to sync"
head=$(git rev-parse HEAD)
for c in c2 c3; do assert_eq "$(git -C "$TEST_TMP/$c" rev-parse HEAD)" "$head" "$c at the same commit"; done
assert_eq "$(git -C "$TEST_TMP/hub.git" rev-parse main)" "$head" "the hub too"
for c in c1 c2 c3; do at "$TEST_TMP/$c" assert_clean_worktree; done
expect_ok status --offline
out_has "0 commits here not pushed to origin; 0 commits there not here."
expect_ok sync
out_has "Already in step with origin"
assert_git_healthy
finish
