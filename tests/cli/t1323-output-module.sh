#!/usr/bin/env bash
# The output module seen from the command line: every command, core or
# plugin, refuses a --format it does not write with the same message (exit 2,
# nothing written), and the JSON of the core and the plugins has one layout:
# what a JSON library writes again after reading it (two-space indent, keys
# in order, a final newline), also for the streamed action register.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Test Council"
expect_ok committee add cds --name "Crime and Disorder Scrutiny" --short-name CDS
expect_ok member add cds "Cllr Zoë Archer" --role chair
expect_ok meeting new cds --date 2020-04-01
expect_ok --as-of 2020-04-01 action add cds/2020-04-01 'Text with "quotes", a back\slash and é' \
    --owner "Chief Constable" --due 2020-05-01
expect_ok --as-of 2020-04-01 action add cds/2020-04-01 "No due date" --owner "Hart DC"
expect_ok --as-of 2020-04-20 action update CDS-2020-002 --status done --note "Sent"

section "one message for a format a command does not write"
refused() { # WRITES COMMAND...
    local writes=$1
    shift
    snapshot_repo
    expect_fail 2 "$@" --format pdf || return
    err_has "govern: unsupported --format 'pdf' (this command writes $writes)"
    [ -s "$OUT" ] && fail "$*: wrote to stdout" || pass
    assert_repo_unchanged
}
refused "text, json, csv, xlsx" committee list
refused "text, json, csv, xlsx" member list cds
refused "md, text, html, json" agenda show cds/2020-04-01
refused "text, json, csv, xlsx, md, html" actions
refused "text, json" action show CDS-2020-001
refused "text, json, csv, xlsx" interests list
refused "text, md, html, json, csv, xlsx" forward-plan
refused "text, json, csv, xlsx" decision list
refused "text, json, csv, xlsx" cycle list
refused "md, html" cycle report x --period 2021
refused "text, json, csv, xlsx, md, html" risks

section "one JSON layout"
same_layout() { # the JSON on stdout is byte for byte what python writes again
    json_valid || return
    if python3 -c '
import json, sys
t = open(sys.argv[1], encoding="utf-8").read()
sys.exit(0 if json.dumps(json.loads(t), indent=2, ensure_ascii=False) + "\n" == t else 1)' "$OUT"; then
        pass
    else
        fail "JSON layout differs: govern ${LAST_CMD:-}"
        head -20 "$OUT" | sed 's/^/  | /'
    fi
}
for cmd in "committee list" "member list cds" "meeting list" "agenda show cds/2020-04-01" \
    "actions --status all" "action show CDS-2020-001" "action show CDS-2020-002" "cycle list" \
    "decision list" "risks"; do
    # shellcheck disable=SC2086
    expect_ok --as-of 2020-05-01 $cmd --format json && same_layout
done
expect_ok --as-of 2020-05-01 actions --status all --format json
json_expect 'j["actions"][0]["text"] == "Text with \"quotes\", a back\\slash and é"'
json_expect 'j["actions"][1]["status"] == "done" and j["actions"][1]["referred_to"] == []'
expect_ok --as-of 2020-05-01 action show CDS-2020-002 --format json
json_expect '[(e["status"], e["note"]) for e in j["log"]] == [("done", "Sent")]'

finish
