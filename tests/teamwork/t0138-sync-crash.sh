#!/usr/bin/env bash
# All or nothing: sync with no network says so and changes nothing; a sync
# killed (kill -9) at each point of its work leaves the clone as it was or
# as it would be after, never between, and the next sync finishes the job
# without duplicating a commit or an action.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-hub.sh"

make_hub
clerk a
clerk b

section "no network: says so, changes nothing"
cd "$TEST_TMP/b" || exit 1
expect_ok --as-of 2026-01-12 action add cdjsc/2026-01-12 "Offline action" --owner "Hart DC"
git remote add away "file://$TEST_TMP/no-such-server.git"
snapshot_repo .
expect_fail 1 sync away
err_has "cannot fetch from remote 'away'"
err_has "nothing was changed"
assert_repo_unchanged .
expect_ok sync

n=0
for point in holding-lock sync-after-push sync-after-journal sync-after-ref-update; do
    n=$((n + 1))
    section "killed at $point"
    at "$TEST_TMP/a" expect_ok --as-of 2026-01-11 action add cdjsc/2026-01-11 "A $point" --owner "Hart DC"
    at "$TEST_TMP/a" expect_ok sync
    cd "$TEST_TMP/b" || exit 1
    expect_ok --as-of 2026-01-12 action add cdjsc/2026-01-12 "B $point" --owner "Rushmoor BC"
    before=$(git rev-parse HEAD)
    GOVERN_TEST_CRASH_AT=$point run sync
    assert_eq "$RC" 137 "killed at $point"
    now=$(git rev-parse HEAD)
    if [ "$now" = "$before" ]; then
        pass # as before
    else
        git merge-base --is-ancestor "$(git -C "$TEST_TMP/hub.git" rev-parse main)" "$now" &&
            pass || fail "HEAD moved to something that is not the synced tip"
    fi
    expect_ok sync
    expect_ok sync
    out_has "Already in step"
    assert_eq "$(git rev-parse HEAD)" "$(git -C "$TEST_TMP/hub.git" rev-parse main)" "in step with the hub"
    assert_eq "$(grep -lx "B $point" actions/*.md | wc -l)" 1 "'B $point' once"
    assert_eq "$(grep -lx "A $point" actions/*.md | wc -l)" 1 "'A $point' once"
    assert_eq "$(git log --format=%s | grep -c "B $point")" 1 "one commit for 'B $point'"
    assert_eq "$(ls actions | wc -l)" "$((1 + 2 * n))" "every action"
    assert_eq "$(sed -n 's/^id: //p' actions/*.md | sort -u | wc -l)" "$((1 + 2 * n))" "unique ids"
    assert_clean_worktree
    assert_git_healthy
    expect_ok fsck
done
finish
