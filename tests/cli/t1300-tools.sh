#!/usr/bin/env bash
# govern as a Unix tool (issue 15, items 4-7): one message per error with
# its reason; "did you mean"; British and American option spellings; exit 2
# for every usage error; help and usage strings checked against the option
# tables (plugins included); CSV without formulas and with snake_case
# headers; xlsx read back with openpyxl; RFC 3339 in log JSON; names
# transliterated and looked up ignoring case and accents; man pages, bash
# completion, the pager and the terminal width.
. "$(dirname "$0")/lib.sh"

: "${HELLO_PLUGIN:?set HELLO_PLUGIN to hello.so}"
case $HELLO_PLUGIN in /*) ;; *) HELLO_PLUGIN=$PWD/$HELLO_PLUGIN ;; esac
CHECK=$(cd "$(dirname "$0")" && pwd)/tools_check.py
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

new_store "$TEST_TMP/store" --body "Test Council"
S=$PWD
expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee" --short-name CDJSC
expect_ok committee add cabinet --name "Cabinet" --kind executive
expect_ok member add cdjsc "Councillor P Miller" --role chair --organization "Basingstoke and Deane BC"
expect_ok member add cdjsc "Llŷr Ŵyn" --organisation "=HYPERLINK(\"http://x\")"
expect_ok member add cdjsc "=2+3" --organisation "-2"
expect_ok meeting new cdjsc --date 2021-03-01 --time 18:00 --end 20:00 --location "Room 1"

section "one message per error, with the reason"
expect_fail 1 meeting show cdjsc/2021-02-30
expect_stderr <<'EOF'
govern: invalid meeting id 'cdjsc/2021-02-30': 2021-02-30: February 2021 has 28 days
EOF
expect_fail 2 meeting new cdjsc --date 2021-13-01
err_has "--date: 2021-13-01: there is no month 13"
expect_fail 2 meeting new cdjsc --date 2021-03-02 --time 24:00
err_has "--time: 24:00: hours run from 00 to 23"

section "reschedule --time keeps the length; --end is never blamed when not given"
expect_ok meeting reschedule cdjsc/2021-03-01 --time 19:00
expect_ok meeting show cdjsc/2021-03-01 --format json
json_expect 'j["time"] == "19:00" and j["end"] == "21:00"'
expect_fail 2 meeting reschedule cdjsc/2021-03-01 --time 23:00
err_has "ends at 21:00"
err_has "give --end as well"
expect_ok meeting reschedule cdjsc/2021-03-01 --time 18:00 --end 19:30
expect_ok meeting show cdjsc/2021-03-01 --format json
json_expect 'j["time"] == "18:00" and j["end"] == "19:30"'

section "did you mean: commands, subcommands, options, committees, members"
expect_fail 2 meting list
err_has "'meting' is not a govern command; did you mean 'meeting'?"
expect_fail 2 meeting shwo cdjsc/2021-03-01
err_has "unknown subcommand 'shwo'; did you mean 'show'?"
expect_fail 2 action ad x
err_has "did you mean 'add'?"
expect_fail 2 cycle lst
err_has "did you mean 'list'?"
expect_fail 2 meeting list --comittee cdjsc
err_has "unknown option '--comittee'; did you mean '--committee'?"
expect_fail 2 --verison
err_has "did you mean '--version'?"
expect_fail 1 meeting new cdjcs --date 2021-05-01
err_has "unknown committee 'cdjcs'; did you mean 'cdjsc'?"
expect_fail 1 member end cdjsc "Councillor P Millar"
err_has "unknown member 'Councillor P Millar'; did you mean 'Councillor P Miller'?"
expect_fail 2 zzzzzzzz
err_lacks "did you mean"

section "British and American spellings of options"
expect_ok member list cdjsc --format json
json_expect '[m["organisation"] for m in j["members"]][0] == "Basingstoke and Deane BC"'
expect_ok --colour --no-colour help

section "usage errors exit 2 everywhere"
expect_fail 2 meeting list --from 2021-02-30
expect_fail 2 meeting list --to 2021-13-01
expect_fail 2 actions --due-before 2021-02-30
expect_fail 2 calendar --from 2021-02-30
expect_fail 2 --as-of 2021-02-30 check
expect_fail 2 -C "$TEST_TMP/no-such-dir" meeting list
err_has "-C $TEST_TMP/no-such-dir: No such file or directory"
expect_fail 2 meeting list --format xml
expect_ok help
out_has "Exit codes:"
out_has "  2  usage error"

section "version"
expect_ok --version
grep -qE '^govern [0-9]+\.[0-9]+\.[0-9]+ \(plugin ABI [0-9]+\)$' "$OUT" && pass || fail "--version: $(cat "$OUT")"
expect_ok -V
grep -qE '^govern [0-9]' "$OUT" && pass || fail "-V"

section "help: every global option; usage against the option tables (plugins too)"
expect_ok help
for o in "-C DIR" "--rev REV" "--store PATH" "--as-of DATE" "--format FMT" "--output FILE" \
    "--color, --no-color" "--no-pager" "--version"; do
    out_has "$o"
done
mkdir -p "$XDG_DATA_HOME/govern/plugins"
cp "$HELLO_PLUGIN" "$XDG_DATA_HOME/govern/plugins/hello.so"
expect_ok help --json
json_expect '"hello" in [c["name"] for c in j["commands"]] and "cycle" in [c["name"] for c in j["commands"]]'
json_expect '[c["subcommands"] for c in j["commands"] if c["name"] == "meeting"][0][:3] == ["new", "list", "show"]'
cp "$OUT" "$TEST_TMP/table.json"
if "$PY" "$CHECK" usage "$TEST_TMP/table.json" >"$TEST_TMP/usage.txt"; then pass; else
    fail "usage strings omit options: $(cat "$TEST_TMP/usage.txt")"
fi
"$PY" "$CHECK" usage-selftest && pass || fail "the usage check does not catch an omission"
expect_ok help --commands
for c in $(cat "$OUT"); do
    run help "$c"
    if grep -q "(repeatable) (repeatable)" "$OUT"; then fail "help $c says (repeatable) twice"; else pass; fi
done
rm "$XDG_DATA_HOME/govern/plugins/hello.so"
expect_ok help action
out_has "[--return]"

section "CSV: snake_case headers, no formulas, the whole meeting"
expect_ok member list cdjsc --format csv
printf '%s\r\n' 'name,role,title,organisation,voting,from,to' \
    'Councillor P Miller,chair,,Basingstoke and Deane BC,yes,,' \
    'Llŷr Ŵyn,member,,"'"'"'=HYPERLINK(""http://x"")",yes,,' \
    '"'"'"'=2+3",member,,-2,yes,,' >"$TEST_TMP/expected"
_expect_text "$OUT" "$TEST_TMP/expected" "member CSV"
expect_ok committee list --format csv
head -1 "$OUT" | grep -qx $'slug,name,kind,parent,quorum,voting_members\r' && pass || fail "committee CSV header"
expect_ok meeting list --format csv
uid=$(git show HEAD:cdjsc/2021-03-01/meeting.md | sed -n 's/^uid: //p')
printf 'id,committee,committee_name,date,time,end,status,location,title,private,sequence,uid\r\ncdjsc/2021-03-01,cdjsc,Crime and Disorder Joint Scrutiny Committee,2021-03-01,18:00,19:30,scheduled,Room 1,,false,2,%s\r\n' "$uid" >"$TEST_TMP/expected"
_expect_text "$OUT" "$TEST_TMP/expected" "meeting CSV"

section "xlsx: typed dates, minute numbers as text, frozen header"
expect_ok --as-of 2021-03-02 action add cdjsc/2021-03-01 "Report back" --owner "=cmd|' /C calc'!A0" --due 2021-06-30 --item 6
expect_ok decision new --maker cabinet --date 2021-03-04 --title "Café Ŵyn budget" --part "Agree."
out_has "2021-03-04-cafe-wyn-budget"
expect_ok --as-of 2021-04-01 actions --format xlsx --output "$TEST_TMP/actions.xlsx"
cat >"$TEST_TMP/actions.json" <<'EOF'
[["id", "committee", "meeting", "minute", "text", "owner", "due", "status", "rag", "days_overdue", "referred_to", "updated"],
 ["CDJSC-2021-001", "cdjsc", "cdjsc/2021-03-01", "6/20", "Report back", "=cmd|' /C calc'!A0", "date:2021-06-30", "open", "green", "num:0", "", "date:2021-03-02"]]
EOF
"$PY" "$CHECK" xlsx "$TEST_TMP/actions.xlsx" actions "$TEST_TMP/actions.json" 2>"$TEST_TMP/py.err" && pass ||
    fail "actions.xlsx: $(tail -3 "$TEST_TMP/py.err")"
# to a pipe or a file without --output; the same store gives the same bytes
"$GOVERN" member list cdjsc --format xlsx >"$TEST_TMP/members.xlsx" && pass || fail "xlsx to a file"
cat >"$TEST_TMP/members.json" <<'EOF'
[["name", "role", "title", "organisation", "voting", "from", "to"],
 ["Councillor P Miller", "chair", "", "Basingstoke and Deane BC", "yes", "", ""],
 ["Llŷr Ŵyn", "member", "", "=HYPERLINK(\"http://x\")", "yes", "", ""],
 ["=2+3", "member", "", "-2", "yes", "", ""]]
EOF
"$PY" "$CHECK" xlsx "$TEST_TMP/members.xlsx" members "$TEST_TMP/members.json" 2>"$TEST_TMP/py.err" && pass ||
    fail "members.xlsx: $(tail -3 "$TEST_TMP/py.err")"
sleep 1
"$GOVERN" member list cdjsc --format xlsx | cmp -s - "$TEST_TMP/members.xlsx" && pass || fail "xlsx bytes differ between runs"
for c in "committee list" "meeting list" "decision list"; do
    # shellcheck disable=SC2086
    expect_ok $c --format xlsx -o "$TEST_TMP/x.xlsx"
    "$PY" -c 'import openpyxl, sys; ws = openpyxl.load_workbook(sys.argv[1]).active; assert ws.freeze_panes == "A2" and ws.max_row >= 2' "$TEST_TMP/x.xlsx" && pass || fail "$c xlsx"
done
"$PY" -c '
import openpyxl, sys, datetime
ws = openpyxl.load_workbook(sys.argv[1]).active
row = [c.value for c in ws[2]]
assert row[0] == "2021-03-04-cafe-wyn-budget" and row[1] == datetime.datetime(2021, 3, 4), row' "$TEST_TMP/x.xlsx" && pass || fail "decision xlsx row"
for c in "forward-plan" "interests list" "risks" "cycle status" "cycle list" "cycle upcoming"; do
    # shellcheck disable=SC2086
    expect_ok $c --format xlsx -o "$TEST_TMP/y.xlsx"
    "$PY" -c 'import openpyxl, sys; ws = openpyxl.load_workbook(sys.argv[1]).active; assert ws.freeze_panes == "A2" and ws.max_row >= 1' "$TEST_TMP/y.xlsx" && pass || fail "$c xlsx"
done
expect_fail 1 meeting show cdjsc/2021-03-09 --output "$TEST_TMP/nothing.txt"
[ ! -e "$TEST_TMP/nothing.txt" ] && pass || fail "a failed command left its --output file"
ls "$TEST_TMP" | grep -q 'govern-' && fail "a temporary file was left" || pass

section "log --format json: RFC 3339"
expect_ok log --format json -n 2
json_expect 'all(__import__("re").fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", c["date"]) for c in j["changes"])'

section "names: transliterated file names, look-ups ignoring case and accents"
expect_ok calendar --feeds "$TEST_TMP/feeds"
[ -f "$TEST_TMP/feeds/member-llyr-wyn.ics" ] && pass || fail "no member-llyr-wyn.ics: $(ls "$TEST_TMP/feeds")"
expect_ok calendar --member "LLYR WYN"
out_has "BEGIN:VEVENT"
expect_ok calendar --member "councillor p. miller"
out_has "BEGIN:VEVENT"
expect_ok member add cabinet "Ann Smith"
expect_ok member add cdjsc "ann smith" --role observer
expect_fail 1 calendar --member "ANN SMITH"
err_has "member 'ANN SMITH' is ambiguous: it could be 'Ann Smith' or 'ann smith'"
expect_ok calendar --member "Ann Smith"
expect_ok member end cdjsc "llyr wyn" --date 2021-12-31
out_has "Ended Llŷr Ŵyn's membership of cdjsc"

section "man pages from the command table"
expect_ok help --man agenda
out_has ".TH GOVERN-AGENDA 1"
man -l "$OUT" 2>/dev/null >"$TEST_TMP/man.txt"
grep -qE "govern-agenda +- +add, +move, +remove" "$TEST_TMP/man.txt" && pass || fail "man -l govern-agenda"
grep -q -- "--position N" "$TEST_TMP/man.txt" && pass || fail "the man page lacks an option of the table"
expect_ok help --man
out_has ".SH EXIT STATUS"
out_has "GOVERN_PAGER"

section "bash completion: commands, subcommands, options, committee slugs"
expect_ok help --completion bash
cp "$OUT" "$TEST_TMP/govern.bash"
assert_eq "$(complete_words "$GOVERN" ag)" "agenda" "govern ag<TAB>"
assert_eq "$(complete_words "$GOVERN" meeting "" | tr '\n' ' ')" "new list show cancel postpone reschedule held set " "meeting <TAB>"
assert_eq "$(complete_words "$GOVERN" meeting new "" | tr '\n' ' ')" "cabinet cdjsc " "meeting new <TAB>"
assert_eq "$(complete_words "$GOVERN" meeting list --committee c | tr '\n' ' ')" "cabinet cdjsc " "--committee <TAB>"
assert_eq "$(cd "$TEST_TMP" && complete_words "$GOVERN" -C "$S" committee show cd)" "cdjsc" "-C DIR committee show cd<TAB>"
assert_eq "$(complete_words "$GOVERN" meeting show cd)" "cdjsc/2021-03-01" "meeting show <TAB>"
assert_eq "$(complete_words "$GOVERN" member list cdjsc --a)" "--as-of
--all" "member list --a<TAB>"
expect_ok help --completion zsh
out_has "#compdef govern"

section "pager and width: only on a terminal"
tty_run() { # runs govern on a pseudo-terminal (script(1)), output in $OUT
    script -qec "$(printf '%q ' "$GOVERN" "$@")" /dev/null >"$OUT" 2>&1 </dev/null
    RC=$?
    tr -d '\r' <"$OUT" >"$OUT.t" && mv "$OUT.t" "$OUT"
}
for i in 1 2 3 4; do expect_ok meeting new cabinet --date 2021-0$i-10 --location "The Council Chamber, Elizabeth II Court North, Winchester"; done
export GOVERN_PAGER='sed s/^/PAGED:/' LINES=4 COLUMNS=60
tty_run --no-color meeting list
out_has "PAGED:ID"
sed 's/^PAGED://' "$OUT" | awk 'length($0) > 60 { bad = 1 } END { exit bad }' && pass ||
    fail "lines wider than COLUMNS: $(cat "$OUT")"
out_has "~"
tty_run --no-color --no-pager meeting list
out_lacks "PAGED:"
LINES=50 tty_run --no-color meeting list
out_lacks "PAGED:"
tty_run committee list --format xlsx
assert_eq "$RC" 2 "xlsx refused on a terminal"
out_has "--format xlsx writes a binary workbook"
expect_ok meeting list
out_lacks "PAGED:"
out_lacks "~"
awk 'length($0) > 60 { long = 1 } END { exit !long }' "$OUT" && pass || fail "not a terminal: the table was cut"
unset GOVERN_PAGER LINES COLUMNS

finish
