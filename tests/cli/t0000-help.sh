#!/usr/bin/env bash
# help for every command, usage errors (exit 2), --version, and colour:
# never with NO_COLOR or when stdout is not a terminal, forced by --color.
. "$(dirname "$0")/lib.sh"

section "govern help lists the commands"
expect_ok help
out_has "Commands:"
out_plain
core_cmds="init committee member meeting agenda check log help plugins"
for c in $core_cmds; do
    grep -qE "^  $c +[^ ]" "$OUT" && pass || fail "'govern help' does not list $c"
done
# every command listed, including those of built-in plugins
cmds=$(sed -n '/^Commands:/,/^$/p' "$OUT" | sed -n 's/^  \([a-z][a-z0-9-]*\) .*/\1/p')
[ -n "$cmds" ] && pass || fail "could not read the command list"

section "govern help CMD, govern CMD --help, govern CMD -h"
for c in $cmds; do
    expect_ok help "$c" && out_has "Usage: govern $c" && out_plain
    cp "$OUT" "$TEST_TMP/help-$c"
    expect_ok "$c" --help && out_has "Usage: govern $c"
    _expect_text "$OUT" "$TEST_TMP/help-$c" "'govern $c --help' (vs 'govern help $c')"
    expect_ok "$c" -h && out_has "Usage: govern $c"
done
# options are documented
expect_ok help agenda
out_has "--exempt"
out_has "--public"
expect_ok help check
out_has "FILE:LINE: [RULE] message"
expect_ok --help
out_has "Commands:"

section "--version"
expect_ok --version
grep -qE '^govern [0-9]+\.[0-9]+\.[0-9]+ \(plugin ABI [0-9]+\)$' "$OUT" && pass ||
    fail "unexpected --version output: $(cat "$OUT")"

section "usage errors exit 2 with a message"
expect_fail 2
err_has "usage: govern"
expect_fail 2 frobnicate
err_has "'frobnicate' is not a govern command"
expect_fail 2 help frobnicate
expect_message
expect_fail 2 --bogus help
expect_message
expect_fail 2 -C
expect_message
expect_fail 2 help a b
expect_message

new_store "$TEST_TMP/store" --body "Help Council"
expect_ok committee add audit --name "Audit Committee" --quorum 2
expect_ok member add audit "Cllr Ann Archer" --role chair
expect_ok meeting new audit --date 2021-06-01
for args in "meeting" "meeting frob" "agenda" "agenda frob x" "committee" "member" \
    "meeting new audit" "meeting new" "meeting list --bogus" "committee add" \
    "committee add x" "member add audit" "agenda add audit/2021-06-01" \
    "agenda move audit/2021-06-01 1" "agenda remove audit/2021-06-01 zero" \
    "meeting cancel audit/2021-06-01" "check extra" "log a b" "plugins extra" \
    "init a b" "committee list --format yaml" "agenda show audit/2021-06-01 --format pdf" \
    "--as-of 2021-02-30 check" "--as-of yesterday meeting list" "member add audit X --voting --non-voting"; do
    # shellcheck disable=SC2086
    expect_refused 2 $args
done

section "colour: never when stdout is not a terminal"
expect_ok committee list
out_plain
expect_ok log
out_plain
expect_ok meeting list
out_plain
expect_ok --no-color committee list
out_plain

section "colour: --color forces it"
expect_ok --color committee list
out_coloured
expect_ok committee list --color
out_coloured
expect_ok --color log
out_coloured

section "colour: NO_COLOR without --color"
NO_COLOR=1 run committee list
out_plain
section "colour: an explicit --color wins over NO_COLOR"
NO_COLOR=1 run --color committee list
out_coloured

# On a terminal (a pseudo-terminal from script(1)) colour is automatic, but
# never with NO_COLOR or TERM=dumb.
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
    pty() { # ENV... -- runs govern committee list on a pty, output in $OUT
        env "$@" script -qec "'$GOVERN' committee list" /dev/null >"$OUT" 2>"$ERR" </dev/null
        RC=$?
        LAST_CMD="committee list (on a terminal: $*)"
        cp "$OUT" "$ERR" # script(1) merges the two
        check_sanitizers
    }
    pty TERM=xterm
    assert_eq "$RC" 0 "exit status on a terminal"
    out_coloured
    pty TERM=xterm NO_COLOR=1
    out_plain
    out_has "Audit Committee"
    pty TERM=dumb
    out_plain
else
    echo "# script(1) cannot make a terminal here: terminal colour checks skipped"
fi

finish
