#!/usr/bin/env bash
# The council's server enforces the rules: govern hook install puts the
# pre-receive hook in the hub; a push that edits approved minutes, breaks a
# file, deletes an action or rewrites history is refused with the reasons
# shown to the clerk, and the hub keeps its branch; a good push is accepted.
# Over file:// (git push) and, when git daemon is installed, over git://
# (git push and govern sync: libgit2 pushes to a file:// remote without
# running the server's hooks, see docs/teamwork.md).
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-hub.sh"

make_hub
guard_hub
clerk a
cd "$TEST_TMP/a" || exit 1
M=cdjsc/2026-01-11/minutes.md
good=$(git -C "$TEST_TMP/hub.git" rev-parse main)

section "a good push is accepted"
expect_ok --as-of 2026-01-13 action add cdjsc/2026-01-13 "Write to partners" --owner "Hart DC"
expect_ok sync
assert_eq "$(git -C "$TEST_TMP/hub.git" rev-parse main)" "$(git rev-parse HEAD)" "the hub took it"
good=$(git rev-parse HEAD)

refused_push() { # LABEL: git push must fail, the hub stays at $good
    if git push origin main >"$TEST_TMP/push.out" 2>&1; then
        fail "$1: the push was accepted"
    else
        pass
    fi
    assert_eq "$(git -C "$TEST_TMP/hub.git" rev-parse main)" "$good" "$1: the hub is unchanged"
}

section "an edit of approved minutes, made with git, is refused at the server"
echo "A sentence added after approval." >>$M
git_commit_all "Edit approved minutes"
refused_push "approved minutes"
file_has "$TEST_TMP/push.out" "$M: approved minutes are the legal record and cannot be changed"
file_has "$TEST_TMP/push.out" "[frozen]"
git reset -q --hard "$good"

section "a malformed record and a deleted action are refused, with each reason"
printf -- '---\nid: CDJSC-2026-001\nstatus: open\n' >actions/CDJSC-2026-001.md
git rm -q actions/CDJSC-2026-002.md 2>/dev/null || true
git_commit_all "Break things"
refused_push "malformed"
file_has "$TEST_TMP/push.out" "actions/CDJSC-2026-001.md"
git reset -q --hard "$good"
git rm -q actions/CDJSC-2026-001.md
git commit -q -m "Delete an action"
refused_push "deleted action"
file_has "$TEST_TMP/push.out" "actions/CDJSC-2026-001.md: deleted; records are never deleted"
git reset -q --hard "$good"

section "history rewritten (a forced push) is refused; tags never move"
git commit -q --amend -m "Rewritten"
if git push -f origin main >"$TEST_TMP/push.out" 2>&1; then fail "forced push accepted"; else pass; fi
file_has "$TEST_TMP/push.out" "not a fast-forward"
git reset -q --hard "$good"
tag=$(git tag -l | head -1)
git tag -f -a -m moved "$tag" HEAD >/dev/null
if git push -f origin "refs/tags/$tag" >"$TEST_TMP/push.out" 2>&1; then fail "moved tag accepted"; else pass; fi
file_has "$TEST_TMP/push.out" "tags record approvals"

section "over git:// (git daemon), when installed"
if git daemon --help >/dev/null 2>&1 && command -v git-daemon >/dev/null 2>&1 ||
    [ -x "$(git --exec-path)/git-daemon" ]; then
    port=$((20000 + $$ % 20000))
    touch "$TEST_TMP/hub.git/git-daemon-export-ok"
    git -C "$TEST_TMP/hub.git" config daemon.receivepack true
    git daemon --reuseaddr --listen=127.0.0.1 --port=$port --base-path="$TEST_TMP" \
        --enable=receive-pack --pid-file="$TEST_TMP/daemon.pid" "$TEST_TMP" &
    for _ in $(seq 1 50); do git ls-remote "git://127.0.0.1:$port/hub.git" >/dev/null 2>&1 && break; sleep 0.1; done
    git remote add daemon "git://127.0.0.1:$port/hub.git"
    echo "Another sentence." >>$M
    git_commit_all "Edit approved minutes again"
    if git push daemon main >"$TEST_TMP/push.out" 2>&1; then fail "accepted over git://"; else pass; fi
    file_has "$TEST_TMP/push.out" "approved minutes are the legal record"
    # govern sync's own push (libgit2) meets the same hook over git://
    snapshot_repo .
    expect_fail 1 sync daemon
    err_has "refused the push"
    assert_eq "$(git -C "$TEST_TMP/hub.git" rev-parse main)" "$good" "sync refused: the hub is unchanged"
    git reset -q --hard "$good"
    expect_ok --as-of 2026-01-13 action add cdjsc/2026-01-13 "Over the daemon" --owner "Hart DC"
    expect_ok sync daemon
    assert_eq "$(git -C "$TEST_TMP/hub.git" rev-parse main)" "$(git rev-parse HEAD)" "synced over git://"
    kill "$(cat "$TEST_TMP/daemon.pid")" 2>/dev/null
    wait 2>/dev/null
else
    echo "# git daemon not installed: skipped"
fi
finish
