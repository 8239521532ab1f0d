#!/usr/bin/env bash
# What a crash leaves, case by case (GOVERN_TEST_CRASH_AT makes govern kill
# itself with SIGKILL at a named point of a write): a stale ref lock, a stale
# index.lock, a govern.lock naming a dead writer or held by a live one, the
# index and work tree behind HEAD, an unfinished write that never committed,
# temporary files and a damaged cache; govern fsck reports and repairs each.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Crash Council"
expect_ok committee add alpha --name "Alpha Committee" --short-name ALPHA
expect_ok meeting new alpha --date 2022-01-10
M=alpha/2022-01-10
AGENDA=$M/agenda.md
GITDIR=$PWD/.git

now_ms() { date +%s%3N; }

# crash POINT ARGS...: runs govern, which must kill itself at POINT.
crash() {
    local point=$1
    shift
    LAST_CMD="(GOVERN_TEST_CRASH_AT=$point) $*"
    { (GOVERN_TEST_CRASH_AT=$point exec "$GOVERN" "$@" >"$OUT" 2>"$ERR" </dev/null); } 2>/dev/null
    RC=$?
    assert_eq "$RC" 137 "exit status of a write killed at $point"
}

# timed ARGS...: run, and $MS is how long it took.
timed() {
    local t0
    t0=$(now_ms)
    run "$@"
    MS=$(($(now_ms) - t0))
}

section "a stale ref lock of a killed git: refused at once, named, with the remedy"
git rev-parse HEAD >"$GITDIR/refs/heads/main.lock"
touch -d '10 minutes ago' "$GITDIR/refs/heads/main.lock"
before=$(commit_count)
timed agenda add $M "Refused item"
assert_eq "$RC" 1 "exit status"
err_has "$GITDIR/refs/heads/main.lock"
err_has "govern fsck --repair"
err_lacks "another program keeps changing"
[ "$MS" -lt 3000 ] && pass || fail "refusing took $MS ms"
assert_eq "$(commit_count)" "$before" "commits"
expect_fail 1 fsck
out_has "git-lock $GITDIR/refs/heads/main.lock: left by a git program that was killed"
assert_file_exists "$GITDIR/refs/heads/main.lock"
expect_ok fsck --repair
out_has ": removed"
assert_file_absent "$GITDIR/refs/heads/main.lock"
expect_ok agenda add $M "Item after the ref lock"
expect_ok fsck

section "a ref lock left by a killed govern write is cleared by the next write"
crash after-journal agenda add $M "Killed before the branch moved"
# (the ref lock a kill inside the branch update leaves)
git rev-parse HEAD >"$GITDIR/refs/heads/main.lock"
timed agenda add $M "Item after the killed write"
assert_eq "$RC" 0 "exit status"
[ "$MS" -lt 1000 ] && pass || fail "the next write took $MS ms"
assert_file_absent "$GITDIR/refs/heads/main.lock"
file_has $AGENDA "Item after the killed write"
file_lacks $AGENDA "Killed before the branch moved"
assert_eq "$(git grep -c 'Killed before' HEAD -- . | wc -l)" 0 "killed write in HEAD"
assert_clean_worktree
assert_git_healthy

section "a stale index.lock of a killed git: refused before committing"
touch -d '10 minutes ago' "$GITDIR/index.lock"
before=$(commit_count)
timed agenda add $M "Refused for the index"
assert_eq "$RC" 1 "exit status"
err_has "$GITDIR/index.lock"
err_has "govern fsck --repair"
assert_eq "$(commit_count)" "$before" "commits (nothing committed)"
[ "$MS" -lt 3000 ] && pass || fail "refusing took $MS ms"
expect_ok fsck --repair
assert_file_absent "$GITDIR/index.lock"
expect_ok agenda add $M "Item after the index lock"
assert_clean_worktree

section "an index.lock left by a killed govern write: the next write completes both"
crash after-worktree agenda add $M "Killed before the index"
touch "$GITDIR/index.lock"
expect_ok agenda add $M "Item after the index kill"
assert_file_absent "$GITDIR/index.lock"
file_has $AGENDA "Killed before the index"
git grep -q "Killed before the index" HEAD -- $AGENDA && pass || fail "the killed write is not in HEAD"
assert_clean_worktree

section "govern.lock naming a writer that died: reported, then taken over"
crash holding-lock agenda add $M "Killed holding the lock"
dead=$(sed -n 's/^pid //p' "$GITDIR/govern.lock")
[ -n "$dead" ] && pass || fail "govern.lock records no pid"
expect_fail 1 fsck
out_has "lock $GITDIR/govern.lock: names govern process $dead on $(hostname), which died while writing"
timed agenda add $M "Item after the dead holder"
assert_eq "$RC" 0 "exit status"
[ "$MS" -lt 1000 ] && pass || fail "the next write took $MS ms"
assert_eq "$(wc -c <"$GITDIR/govern.lock")" 0 "govern.lock after a clean write"
expect_ok fsck

section "govern.lock held by a live writer: waited for, then named"
flock "$GITDIR/govern.lock" sh -c \
    'printf "govern-lock 1\npid %s\nhost %s\nsince %s\n" $$ "$(hostname)" "$(date +%s)" >"$1"; sleep 4' \
    sh "$GITDIR/govern.lock" &
holder=$!
sleep 0.5
GOVERN_LOCK_TIMEOUT=0.5 timed agenda add $M "Waits for the live writer"
assert_eq "$RC" 1 "exit status"
err_has "waiting for $GITDIR/govern.lock: govern process"
err_has "$(hostname)"
[ "$MS" -lt 2500 ] && pass || fail "giving up took $MS ms"
timed agenda add $M "Queued behind the live writer"
assert_eq "$RC" 0 "exit status of a write that waits"
[ "$MS" -ge 1500 ] && pass || fail "the write did not wait for the holder ($MS ms)"
wait "$holder"

section "index and work tree behind HEAD after a kill: reads and writes bring them forward"
crash after-ref-update agenda add $M "Committed before the kill"
git grep -q "Committed before the kill" HEAD -- $AGENDA && pass || fail "not committed"
file_lacks $AGENDA "Committed before the kill"
assert_eq "$(git status --porcelain -- $AGENDA)" "M  $AGENDA" "status after the kill"
expect_fail 1 fsck
out_has "journal $GITDIR/govern/journal: unfinished write: write of commit"
out_has "was committed; to bring forward: 1 work-tree file and 1 index entry"
assert_eq "$(git status --porcelain -- $AGENDA)" "M  $AGENDA" "status after fsck (reports only)"
expect_ok agenda show $M --format json
out_has "Committed before the kill"
assert_clean_worktree
assert_file_absent "$GITDIR/govern/journal"
expect_ok agenda add $M "Writes again"

section "a clerk's edit made after the kill is kept"
crash after-ref-update agenda add $M "Committed under an edit"
printf '\nA clerk wrote this.\n' >>$AGENDA
cp $AGENDA "$TEST_TMP/clerk"
expect_ok fsck --repair
out_has "brought forward 0 work-tree files and 1 index entry"
_expect_text $AGENDA "$TEST_TMP/clerk" "the clerk's edit"
assert_eq "$(git diff --cached --name-only)" "" "staged changes"
assert_eq "$(git status --porcelain -- $AGENDA)" " M $AGENDA" "status"
git checkout -q -- $AGENDA
file_has $AGENDA "Committed under an edit"

section "a write killed before the branch moved left nothing committed"
before=$(git rev-parse HEAD)
crash after-journal meeting new alpha --date 2022-02-14
expect_fail 1 fsck --format json
json_expect 'j["problems"][1]["kind"] == "journal" and "never reached refs/heads/main" in j["problems"][1]["message"]'
expect_ok fsck --repair
assert_eq "$(git rev-parse HEAD)" "$before" "HEAD"
assert_file_absent alpha/2022-02-14
expect_ok meeting new alpha --date 2022-02-14
assert_clean_worktree

section "approval killed before the branch moved: its tag goes too, and it can be approved again"
expect_ok member add alpha "Councillor P Miller" --role chair
expect_ok meeting new alpha --date 2022-03-14
expect_ok meeting held alpha/2022-03-14
expect_ok meeting held $M
expect_ok minutes draft $M
expect_ok minutes attend $M "Councillor P Miller" --present
before=$(git rev-parse HEAD)
crash after-journal minutes approve $M --at alpha/2022-03-14
assert_eq "$(git tag -l 'minutes/*' | wc -l)" 1 "tags left by the killed approval"
expect_fail 1 fsck
out_has "never reached refs/heads/main: nothing was committed; its tags are to be removed"
expect_ok fsck --repair
assert_eq "$(git tag -l 'minutes/*' | wc -l)" 0 "tags after the repair"
assert_eq "$(git rev-parse HEAD)" "$before" "HEAD"
expect_ok minutes approve $M --at alpha/2022-03-14
assert_eq "$(git tag -l 'minutes/*' | wc -l)" 1 "tags after the approval"
assert_clean_worktree

section "temporary files of dead processes and a damaged cache"
: >"$M/.agenda.md.govern-4194300.tmp"
mkdir -p "$GITDIR/govern"
: >"$GITDIR/govern/worktree-x.stamp.4194300.tmp"
expect_ok --as-of 2022-01-11 action add $M "An action" --owner "Officer"
expect_ok --as-of 2022-01-11 actions
cache=$(ls "$GITDIR"/govern/cache-actions.bin | head -1)
[ -n "$cache" ] && pass || fail "no register cache was written"
printf 'X' | dd of="$cache" bs=1 seek=100 conv=notrunc 2>/dev/null
expect_fail 1 fsck
out_has "temp $PWD/$M/.agenda.md.govern-4194300.tmp"
out_has "temp $GITDIR/govern/worktree-x.stamp.4194300.tmp"
out_has "cache $cache: cache fails its checksum"
expect_ok fsck --repair
assert_file_absent "$M/.agenda.md.govern-4194300.tmp"
assert_file_absent "$cache"
expect_ok fsck
expect_ok --as-of 2022-01-11 actions
out_has "An action"
cache=$(ls "$GITDIR"/govern/cache-actions.bin | head -1)
# a record that names no process takes nothing else with it
printf 'garbage\n' >"$GITDIR/govern.lock"
expect_ok agenda add $M "Item after a garbled record"
assert_file_exists "$cache"
assert_git_healthy
assert_clean_worktree

section "govern help lists fsck"
expect_ok help
out_has "fsck"
expect_ok help fsck
out_has "--repair"
out_has "Exit code 0"
finish
