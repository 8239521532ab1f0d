#!/usr/bin/env bash
# The README's "A clerk's first session" runs as written (issue 15 item 8):
# the code block is taken from README.md itself, so the two cannot drift.
# Every line must succeed (set -e), then the store it leaves is checked.
. "$(dirname "$0")/lib.sh"

README=$(dirname "$0")/../../README.md
[ -f "$README" ] || { fail "no README.md at $README"; finish; }
awk '/^## A clerk.s first session/ { f = 1 } f && /^```sh/ { g = 1; next } g && /^```/ { exit } g' \
    "$README" >"$TEST_TMP/session.sh"
[ -s "$TEST_TMP/session.sh" ] && pass || fail "no code block under \"A clerk's first session\""
grep -q '^govern init' "$TEST_TMP/session.sh" && pass || fail "the block does not start a store"

mkdir -p "$TEST_TMP/bin" "$TEST_TMP/work"
ln -s "$GOVERN" "$TEST_TMP/bin/govern"
cd "$TEST_TMP/work" || exit 1
if PATH="$TEST_TMP/bin:$PATH" bash -euo pipefail -x "$TEST_TMP/session.sh" >"$OUT" 2>"$ERR"; then
    pass
else
    fail "the README's first session failed"
    tail -20 "$ERR" | sed 's/^/  | /'
fi
check_sanitizers

section "what the session leaves"
cd council || finish
assert_clean_worktree
assert_git_healthy
file_has ../agenda.html "Performance review of the CSP 2019-20 (Pages 9 - 52)"
file_has ../agenda.html "paragraph 3 of Part 1 of Schedule 12A"
file_has ../agenda.html "To review the partnership"
file_has cdjsc/2020-09-21/minutes.md "status: approved"
# the last line undid the action update: the action is open again
expect_ok action show CDJSC-2020-001 --format json
json_expect 'j["status"] == "open"'
expect_ok check --as-of 2021-09-21
finish
