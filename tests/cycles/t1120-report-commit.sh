#!/usr/bin/env bash
# govern cycle report --meeting ID --commit: the draft becomes the report of
# a new agenda item of the receiving body's meeting (fulfils: CYCLE-PERIOD,
# report: FILE) in one commit, and cycle status sees the period planned; a
# second run is refused (never overwrite), as are a meeting of another body,
# a cancelled meeting, an agenda with uncommitted edits, --commit without
# --meeting and --commit with --format html.  Refusals change nothing.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/report-setup.sh"
setup_report_store

section "one commit: agenda item and report"
expect_ok --as-of 2021-11-20 cycle report rep --period 2021 --meeting cabinet/2021-12-07
cp "$OUT" "$TEST_TMP/printed"
before=$(commit_count)
expect_ok --as-of 2021-11-20 cycle report rep --period 2021 --meeting cabinet/2021-12-07 --commit
expect_stdout <<'X'
Added item 5 to the agenda of cabinet/2021-12-07 with the draft report cabinet/2021-12-07/reports/rep-2021.md (fulfils rep-2021)
X
assert_eq "$(commit_count)" "$((before + 1))" "commits"
assert_eq "$(git show --name-only --format=%s HEAD)" "Add the draft report of rep for 2021 to the agenda of cabinet/2021-12-07 (item 5)

cabinet/2021-12-07/agenda.md
cabinet/2021-12-07/reports/rep-2021.md"
assert_clean_worktree
assert_git_healthy
cmp -s cabinet/2021-12-07/reports/rep-2021.md "$TEST_TMP/printed" && pass || fail "the committed draft is not the printed one"
file_has cabinet/2021-12-07/reports/rep-2021.md "| Date | 7 December 2021 |"
python3 - cabinet/2021-12-07/agenda.md <<'PY' && pass || fail "agenda item"
import sys
s = open(sys.argv[1], encoding="utf-8").read()
item = s.split("- title: Strategy Group annual report\n", 1)[1].split("\n- title:", 1)[0].split("\n---", 1)[0]
assert "  report: rep-2021.md" in item, item
assert "  fulfils: rep-2021" in item, item
assert "  source: cycles" in item, item
PY
expect_ok agenda show cabinet/2021-12-07
out_has "#### Report: rep-2021.md"
expect_ok cycle status --as-of 2021-11-20 --format json
json_expect '[p for p in j["cycles"][0]["periods"] if p["period"] == "2021"][0]["planned"]["item"] == 5'
run check --as-of 2021-11-20
out_lacks "cabinet/2021-12-07/agenda.md"

section "a second time: refused, nothing overwritten"
expect_refused 1 --as-of 2021-11-21 cycle report rep --period 2021 --meeting cabinet/2021-12-07 --commit
err_has "cabinet/2021-12-07/reports/rep-2021.md already exists"

section "other refusals change nothing"
expect_ok meeting new cabinet --date 2022-12-06
expect_refused 1 --as-of 2022-11-01 cycle report rep --period 2021 --meeting other/2021-12-08 --commit
err_has "--meeting other/2021-12-08 is a meeting of other: the report of rep goes to cabinet"
expect_refused 1 cycle report rep --period 2021 --meeting cabinet/2099-01-01 --commit
err_has "unknown meeting 'cabinet/2099-01-01'"
expect_refused 2 cycle report rep --period 2021 --commit
err_has "--commit needs --meeting ID"
expect_refused 2 cycle report rep --period 2021 --meeting cabinet/2022-12-06 --commit --format html
expect_refused 2 --rev HEAD cycle report rep --period 2021 --meeting cabinet/2022-12-06 --commit
# a clerk's uncommitted edit of the agenda is never overwritten
echo "" >>cabinet/2022-12-06/agenda.md
expect_refused 1 --as-of 2022-11-01 cycle report rep --period 2021 --meeting cabinet/2022-12-06 --commit
git checkout -q -- cabinet/2022-12-06/agenda.md
# an untracked file in the way is refused too
mkdir -p cabinet/2022-12-06/reports && echo "mine" >cabinet/2022-12-06/reports/rep-2021.md
expect_refused 1 --as-of 2022-11-01 cycle report rep --period 2021 --meeting cabinet/2022-12-06 --commit
rm -r cabinet/2022-12-06/reports
expect_ok meeting cancel cabinet/2022-12-06 --reason "Moved"
expect_refused 1 --as-of 2022-11-01 cycle report rep --period 2021 --meeting cabinet/2022-12-06 --commit
err_has "is cancelled"

finish
