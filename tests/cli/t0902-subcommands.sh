#!/usr/bin/env bash
# Subcommands in the command ABI (issue 10, item 3): every subcommand, core
# or plugin, has its own option table and its own store/write flags, and
# the CLI dispatches them in one place.  An option given to the wrong
# subcommand is a usage error naming it, with nothing written; a write under
# --rev is refused for every writing subcommand (read from `govern help
# --json`, so a new one is covered too); help, man pages and completion
# show each subcommand's options; a plugin built for the ABI before
# subcommands is refused.
. "$(dirname "$0")/lib.sh"

: "${HELLO_OLD_ABI_PLUGIN:?set HELLO_OLD_ABI_PLUGIN to hello-old-abi.so}"
case $HELLO_OLD_ABI_PLUGIN in /*) ;; *) HELLO_OLD_ABI_PLUGIN=$PWD/$HELLO_OLD_ABI_PLUGIN ;; esac

new_store "$TEST_TMP/store" --body "Test Council"
expect_ok committee add audit --name "Audit Committee" --short-name AUD
expect_ok committee add cabinet --name "Cabinet" --kind executive
expect_ok meeting new audit --date 2021-06-01
expect_ok agenda add audit/2021-06-01 "First item"
expect_ok agenda add audit/2021-06-01 "Second item"

section "an option of another subcommand is a usage error, and nothing is written"
expect_refused 2 agenda move audit/2021-06-01 1 2 --purpose x --report /nonexistent
err_has "agenda move: unknown option '--purpose'"
expect_refused 2 agenda publish audit/2021-06-01 --public
err_has "unknown option '--public'"
expect_refused 2 meeting show audit/2021-06-01 --reason x
err_has "meeting show: unknown option '--reason'"
expect_refused 2 meeting held audit/2021-06-01 --reason x
expect_refused 2 member list audit --role chair
expect_refused 2 minutes draft audit/2021-06-01 --at audit/2021-07-01
# the same in plugin commands
expect_refused 2 decision publish x --title T
err_has "decision publish: unknown option '--title'"
expect_refused 2 risk add audit "A risk" --impact H --probability L --close
err_has "risk add: unknown option '--close'"
expect_refused 2 action show AUD-2021-001 --owner someone
expect_refused 2 actions report --overdue
err_has "actions report: unknown option '--overdue'"
expect_refused 2 actions --from 2021-01-01
err_has "unknown option '--from'"
expect_refused 2 cycle list --months 3
expect_refused 2 interests list --all
# an option of the subcommand still works
expect_ok agenda move audit/2021-06-01 1 2
expect_ok meeting show audit/2021-06-01 --format json

section "a missing or unknown subcommand: usage error with the nearest name"
expect_fail 2 decision
err_has "missing subcommand; usage: govern decision new|publish|show|list"
expect_fail 2 risk shwo x
err_has "unknown subcommand 'shwo'; did you mean 'show'?"
expect_fail 2 calendar imprt x.ics
err_has "did you mean 'import'?"
# a command with a form of its own keeps it without a subcommand
expect_ok forward-plan --months 2
expect_ok actions --status all
expect_ok calendar --committee audit
out_has "BEGIN:VCALENDAR"

section "every writing subcommand is refused under --rev, core and plugins alike"
expect_ok help --json
cp "$OUT" "$TEST_TMP/table.json"
python3 -c '
import json, sys
t = json.load(open(sys.argv[1], encoding="utf-8"))
for c in t["commands"]:
    for s in c["subcommand_table"]:
        if s["writes"]:
            print(c["name"], s["name"])' "$TEST_TMP/table.json" >"$TEST_TMP/writes.txt"
for want in "agenda add" "agenda move" "minutes draft" "meeting new" "member add" "config set" \
    "decision new" "action add" "risk update" "forward-plan add" "interests end" "cycle add" \
    "calendar import"; do
    grep -qx "$want" "$TEST_TMP/writes.txt" && pass || fail "'$want' is not marked as a write"
done
for read in "agenda show" "minutes show" "decision list" "action show" "cycle report"; do
    grep -qx "$read" "$TEST_TMP/writes.txt" && fail "'$read' is marked as a write" || pass
done
while read -r cmd sub; do
    expect_refused 2 --rev HEAD "$cmd" "$sub"
    err_has "'$cmd $sub' changes the store: --rev is only for reading"
done <"$TEST_TMP/writes.txt"
[ "$(wc -l <"$TEST_TMP/writes.txt")" -ge 30 ] && pass ||
    fail "only $(wc -l <"$TEST_TMP/writes.txt") writing subcommands listed"
# commands without subcommands keep their own flags
expect_refused 2 --rev HEAD schedule audit --rule FREQ=MONTHLY --from 2021-07-01 --dry-run
expect_refused 2 --rev HEAD undo
# reads under --rev still work
expect_ok --rev HEAD agenda show audit/2021-06-01 --format json
expect_ok --rev HEAD decision list
# a subcommand that writes only with an option, or reads only with one
expect_ok cycle add rep --name "Annual report" --owner audit --to cabinet --period annual --due 06-30
expect_ok meeting new cabinet --date 2022-06-01
expect_refused 2 --rev HEAD cycle report rep --period 2021 --meeting cabinet/2022-06-01 --commit
err_has "'cycle report' changes the store"
expect_ok --rev HEAD cycle report rep --period 2021
cat >"$TEST_TMP/one.ics" <<'EOF'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:one@example.org
DTSTAMP:20210101T000000Z
DTSTART;VALUE=DATE:20210915
SUMMARY:Audit
END:VEVENT
END:VCALENDAR
EOF
snapshot_repo .
expect_ok --rev HEAD calendar import "$TEST_TMP/one.ics" --committee audit --dry-run
out_has "one@example.org"
assert_repo_unchanged .
expect_refused 2 --rev HEAD calendar import "$TEST_TMP/one.ics" --committee audit

section "help, man pages and the JSON table show each subcommand's own options"
expect_ok help agenda
out_has "Options of 'agenda edit':"
out_has "Options of 'agenda add':"
out_lacks "Options of 'agenda move':"
sed -n "/^Options of 'agenda show':/,/^$/p" "$OUT" >"$TEST_TMP/show-opts"
file_has "$TEST_TMP/show-opts" "--public"
file_lacks "$TEST_TMP/show-opts" "--purpose"
expect_ok help forward-plan
out_has "--months N"
out_has "Options of 'forward-plan update':"
expect_ok help --man agenda
out_has ".SS agenda edit"
expect_ok help --json
json_expect '[s for c in j["commands"] if c["name"] == "agenda" for s in c["subcommand_table"] if s["name"] == "move"][0]["options"] == []'
json_expect '[s["name"] for c in j["commands"] if c["name"] == "calendar" for s in c["subcommand_table"]] == ["import"]'
json_expect '"months" in [o["name"] for c in j["commands"] if c["name"] == "forward-plan" for o in c["options"]]'

section "completion offers the options of the subcommand typed"
expect_ok help --completion bash
cp "$OUT" "$TEST_TMP/govern.bash"
assert_eq "$(complete_words "$GOVERN" agenda add audit/2021-06-01 --pu | tr '\n' ' ')" "--purpose " "agenda add --pu<TAB>"
assert_eq "$(complete_words "$GOVERN" agenda edit audit/2021-06-01 1 --pu | tr '\n' ' ')" "--purpose --public " "agenda edit --pu<TAB>"
assert_eq "$(complete_words "$GOVERN" agenda show audit/2021-06-01 --pu | tr '\n' ' ')" "--public " "agenda show --pu<TAB>"
assert_eq "$(complete_words "$GOVERN" forward-plan --mo | tr '\n' ' ')" "--months " "forward-plan --mo<TAB>"
assert_eq "$(complete_words "$GOVERN" action add --comm | tr '\n' ' ')" "--committee " "action add --comm<TAB>"
assert_eq "$(complete_words "$GOVERN" action update --comm | tr -d "\n")" "" "action update --comm<TAB>"

section "a plugin built for the ABI before subcommands is refused"
ABI=$("$GOVERN" --version | sed -n 's/.*(plugin ABI \([0-9]*\)).*/\1/p')
OLDDIR=$TEST_TMP/old/govern/plugins
mkdir -p "$OLDDIR"
cp "$HELLO_OLD_ABI_PLUGIN" "$OLDDIR/hello-old-abi.so"
XDG_DATA_HOME=$TEST_TMP/old run plugins
assert_eq "$RC" 0 "govern plugins with an old plugin installed"
out_lacks "hello"
err_has "$OLDDIR/hello-old-abi.so: plugin ABI version $((ABI - 1)), but this govern needs $ABI"
err_has "rebuild the plugin"
XDG_DATA_HOME=$TEST_TMP/old run hello
assert_eq "$RC" 2 "the old plugin's command is not there"
XDG_DATA_HOME=$TEST_TMP/old run agenda show audit/2021-06-01
assert_eq "$RC" 0 "govern still works beside an old plugin"

finish
