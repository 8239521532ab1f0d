#!/usr/bin/env bash
# decision new refuses text that is not UTF-8 (a Latin-1 "Caf\xe9") in any
# option before it reaches the YAML emitter: exit 1, the option named, the
# repository unchanged and the lock free (the next write succeeds at once).
# A Latin-1 --title used to abort in a double free inside libyaml.
. "$(dirname "$0")/../cli/lib.sh"

L1=$(printf 'Caf\xe9')
new_store "$TEST_TMP/store" --body "Test Council"
expect_ok committee add cabinet --name "Cabinet" --kind executive
expect_ok meeting new cabinet --date 2021-12-07
BASE=(--maker cabinet --date 2021-12-07)

for opt in title maker reference forward-plan part reasons statement notes; do
    args=("${BASE[@]}" --title "T $opt" --part "Agree.")
    args+=("--$opt" "$L1")
    snapshot_repo .
    LAST_CMD="decision new --$opt (Latin-1)"
    timeout 10 "$GOVERN" decision new "${args[@]}" >"$OUT" 2>"$ERR" </dev/null
    RC=$?
    check_sanitizers
    assert_eq "$RC" 1 "exit of decision new --$opt Latin-1"
    err_has "--$opt is not UTF-8 (byte 0xe9 at byte 4)"
    assert_repo_unchanged .
    LAST_CMD="decision new (after --$opt)"
    timeout 5 "$GOVERN" decision new "${BASE[@]}" --title "After $opt" --part "Agree." \
        >"$OUT" 2>"$ERR" </dev/null
    assert_eq "$?" 0 "a write right after the refused one"
done
expect_ok decision list --format json
json_expect 'len(j["decisions"]) == 8'
assert_git_healthy

finish
