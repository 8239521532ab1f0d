#!/usr/bin/env bash
# Text that is not UTF-8 (a Latin-1 "Caf\xe9"), control characters, line
# breaks where one line is required and over-long values, in any argument of
# any write command, are refused before anything reaches the YAML emitter:
# exit 1, a message naming the option or argument, the repository unchanged,
# and the store's lock free (the next write succeeds at once).  Before the
# fix, libyaml's emitter freed an event twice (abort) or spun at 100% CPU
# holding the lock.
. "$(dirname "$0")/lib.sh"

L1=$(printf 'Caf\xe9')
new_store "$TEST_TMP/store" --body "Test Council"
expect_ok committee add cds --name "Crime and Disorder Scrutiny"
expect_ok meeting new cds --date 2021-06-14
M=cds/2021-06-14
NEXT=0

# refused CODE MESSAGE ARGS...: govern (under a timeout: a spinning emitter
# must fail the test, not hang it) exits CODE with MESSAGE on stderr and
# leaves the repository as it was; then a write succeeds within 5 s.
refused() {
    local code=$1 msg=$2
    shift 2
    snapshot_repo .
    expect_in_time "$code" "$@"
    err_has "$msg"
    assert_repo_unchanged .
    NEXT=$((NEXT + 1))
    LAST_CMD="member add (the lock is free)"
    timeout 5 "$GOVERN" member add cds "Member $NEXT" >"$OUT" 2>"$ERR" </dev/null
    RC=$?
    assert_eq "$RC" 0 "a write right after the refused one"
}

section "Latin-1 in each command that used to crash"
refused 1 "--name is not UTF-8 (byte 0xe9 at byte 4)" committee add caf --name "$L1"
refused 1 "argument 3 ('Caf\\xe9') is not UTF-8" member add cds "$L1"
refused 1 "--location is not UTF-8" meeting new cds --date 2021-06-21 --location "$L1"
refused 1 "argument 3 ('Caf\\xe9') is not UTF-8" agenda add $M "$L1"
refused 1 "--purpose is not UTF-8" agenda add $M "Item" --purpose "$L1"
refused 1 "--title is not UTF-8" meeting new cds --date 2021-06-28 --title "$L1"
refused 1 "--cadence is not UTF-8" committee add q --name Q --cadence "$L1"
refused 1 "--title is not UTF-8" member add cds "Someone" --title "$L1"
refused 1 "not UTF-8" minutes attend $M "$L1"
refused 1 "not UTF-8" meeting cancel $M --reason "$L1"
# other kinds of bad UTF-8: a truncated sequence, an overlong form, a surrogate
refused 1 "is not UTF-8" member add cds "$(printf 'Caf\xc3')"
refused 1 "is not UTF-8" member add cds "$(printf '\xc0\xaf')"
refused 1 "is not UTF-8" member add cds "$(printf '\xed\xa0\x80')"

section "control characters, line breaks, length"
refused 1 "--location holds control character 0x1b" meeting new cds --date 2021-07-05 \
    --location "$(printf 'Room\033[31m 1')"
refused 1 "control character 0x7f" committee add q --name "$(printf 'Q\177')"
refused 1 "--location must be one line" meeting new cds --date 2021-07-05 --location $'Room 1\nRoom 2'
refused 1 "--name must be one line" committee add q --name $'Q\rR'
refused 2 "must be one line" member add cds $'Two\nLines'
refused 1 "must be one line" agenda add $M $'Two\nLines'
refused 1 "--purpose holds a carriage return" agenda add $M "Item" --purpose $'a\r\nb'
big=$(head -c 65537 /dev/zero | tr '\0' 'x')
refused 1 "--purpose is too long (65537 bytes, limit 65536)" agenda add $M "Item" --purpose "$big"
refused 1 "is too long (65537 bytes, limit 65536)" agenda add $M "$big"

section "prose options keep their line breaks"
expect_ok agenda add $M "Item" --purpose $'First line.\nSecond line.'
expect_ok agenda show $M --format json
json_expect 'j["items"][-1]["purpose"] == "First line.\nSecond line."'

section "a file given as --report is checked the same way"
printf 'Caf\xe9 report\n' >"$TEST_TMP/latin1.md"
refused 1 "latin1.md:1: not UTF-8" agenda add $M "Item" --report "$TEST_TMP/latin1.md"
printf 'ok\nbell \a here\n' >"$TEST_TMP/bell.md"
refused 1 "bell.md:2: control character 0x07" agenda add $M "Item" --report "$TEST_TMP/bell.md"

section "the store is healthy and every refused write left nothing behind"
assert_git_healthy
assert_clean_worktree
expect_ok check --as-of 2021-06-01

finish
