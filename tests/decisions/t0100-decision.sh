#!/usr/bin/env bash
# decision new / publish / show / list: a notice recorded with the commands
# (one commit each), its file in canonical form, the status through the
# call-in period, the formats of show and list (JSON read by python's json,
# CSV by python's csv, HTML by html.parser), the filters, --rev and -C, and
# byte-identical output for the same store.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cabinet --name "Cabinet" --kind executive
# the Forward Plan entry of the key decision recorded below, published 28
# clear days before it (govern check requires one)
expect_ok forward-plan add --id residential-care-fees --reference "FP/2022/0117" \
    --title "Residential care fees, 2022/23" --maker "Executive Member for Adult Social Care" \
    --date 2022-03-01
expect_ok forward-plan publish residential-care-fees --date 2022-01-31
expect_ok meeting new cabinet --date 2021-12-07 --time 10:00
expect_ok meeting held cabinet/2021-12-07 --as-of 2021-12-07
ID=2021-12-07-hampshire-community-safety-strategy-group

section "decision new writes one file in one commit and prints the id"
before=$(commit_count)
expect_ok decision new --maker cabinet --date 2021-12-07 --meeting cabinet/2021-12-07 \
    --title "Hampshire Community Safety Strategy Group" \
    --preamble "That Cabinet:" \
    --part "Note the establishment of the Hampshire County Strategy Group for Community Safety and the current work programme." \
    --part $'Note the work undertaken to develop the Strategic Assessment of Community Safety, including:\n\n- The threat of serious organised crime\n- The continuing threat of radical extremism' \
    --part "Establish an annual cycle of reporting to Cabinet." \
    --reasons "The purpose of this paper is to outline the current position." \
    --rejected "None" --conflicts "None" --consulted-conflicts "Not applicable" \
    --dispensation "none" --statement "I have considered the report." \
    --notes "Clerk: CLERK-NOTE-71c2"
expect_stdout <<END
$ID
END
assert_eq "$(commit_count)" "$((before + 1))" "one commit"
assert_eq "$(git show --name-only --format= HEAD)" "decisions/$ID.md" "the commit holds the notice only"
assert_eq "$(git log -1 --format=%s)" \
    "Record decision of cabinet on Tuesday 7 December 2021: Hampshire Community Safety Strategy Group" \
    "commit message"
assert_clean_worktree
cat >"$TEST_TMP/expected" <<'END'
---
decision_maker: cabinet
committee: cabinet
meeting: cabinet/2021-12-07
date: 2021-12-07
title: Hampshire Community Safety Strategy Group
key: false
conflicts: None
members_consulted_conflicts: Not applicable
dispensation: none
---

## Decision

That Cabinet:

a) Note the establishment of the Hampshire County Strategy Group for Community Safety and the current work programme.

b) Note the work undertaken to develop the Strategic Assessment of Community Safety, including:

- The threat of serious organised crime
- The continuing threat of radical extremism

c) Establish an annual cycle of reporting to Cabinet.

## Reasons

The purpose of this paper is to outline the current position.

## Other options considered and rejected

None

## Statement

I have considered the report.

## Notes

Clerk: CLERK-NOTE-71c2
END
_expect_text "decisions/$ID.md" "$TEST_TMP/expected" "decisions/$ID.md"
expect_ok check --as-of 2021-12-08

section "a draft: status, and no public form"
expect_ok decision list --as-of 2021-12-08
expect_stdout_trimmed <<END
ID                                                    DATE        DECISION MAKER  KEY  STATUS  TITLE
$ID  2021-12-07  cabinet              draft   Hampshire Community Safety Strategy Group
END
expect_fail 1 decision show $ID --public --as-of 2021-12-08
err_has "is not published"
out_lacks "Cabinet"

section "publish sets published and the end of call-in (5 working days)"
before=$(commit_count)
expect_ok decision publish $ID --date 2021-12-09
expect_stdout <<END
Published decision $ID on Thursday 9 December 2021; call-in ends Thursday 16 December 2021
END
assert_eq "$(commit_count)" "$((before + 1))" "one commit"
file_has decisions/$ID.md "published: 2021-12-09"
file_has decisions/$ID.md "call_in_end: 2021-12-16"
assert_eq "$(sed -n '/^dispensation:/{n;p}' decisions/$ID.md)" "published: 2021-12-09" "field order"
expect_ok check --as-of 2021-12-10

section "status through call-in"
status_on() { # DATE -> the status text
    run decision list --format json --as-of "$1"
    json_get 'j["decisions"][0]["status_text"]'
}
assert_eq "$(status_on 2021-12-08)" "draft"
assert_eq "$(status_on 2021-12-09)" "call-in open until 2021-12-16"
assert_eq "$(status_on 2021-12-16)" "call-in open until 2021-12-16"
assert_eq "$(status_on 2021-12-17)" "implementable from 2021-12-17"
assert_eq "$(status_on 2022-06-01)" "implementable from 2021-12-17"

section "show: md (default), text, html, json"
expect_ok decision show $ID --as-of 2021-12-10
out_has "# Decision: Hampshire Community Safety Strategy Group"
out_has "**Decision maker:** Cabinet"
out_has "**Status:** call-in open until 2021-12-16"
out_has "## 1. The decision"
out_has "a) Note the establishment"
out_has "c) Establish an annual cycle of reporting to Cabinet."
out_has "- Conflicts of interest declared by the decision maker: None"
out_has "Not applicable."
out_has "CLERK-NOTE-71c2"
cp "$OUT" "$TEST_TMP/md1"
expect_ok decision show $ID --as-of 2021-12-10 --format md
_expect_text "$OUT" "$TEST_TMP/md1" "the same store gives the same bytes"
expect_ok decision show $ID --as-of 2021-12-10 --format text
out_has "Decision maker: Cabinet"
out_has "Call-in ends:   Thursday 16 December 2021"
out_has "Status:         call-in open until 2021-12-16"
expect_ok decision show $ID --as-of 2021-12-10 --format html
out_has "<h2>1. The decision</h2>"
python3 - "$OUT" <<'END' || fail "the HTML does not parse as expected"
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
p.close()
assert "h1" in p.tags and p.tags.count("h2") >= 6, p.tags
END
expect_ok decision show $ID --as-of 2021-12-10 --format json
json_valid
json_expect 'j["id"] == "'$ID'" and j["public"] is False'
json_expect 'j["decision_maker"] == "cabinet" and j["decision_maker_name"] == "Cabinet"'
json_expect 'j["published"] == "2021-12-09" and j["call_in_end"] == "2021-12-16"'
json_expect 'j["status"] == "call-in" and j["status_date"] == "2021-12-16"'
json_expect '[p["part"] for p in j["decision"]["parts"]] == ["a", "b", "c"]'
json_expect 'j["decision"]["preamble"] == "That Cabinet:\n"'
json_expect 'j["notes"] == "Clerk: CLERK-NOTE-71c2\n"'
json_expect 'j["key"] is False and j["exempt"] is None and j["call_in"] is True'

section "the public form of an open notice has everything but the clerk's notes"
for f in md text html json; do
    expect_ok decision show $ID --public --as-of 2021-12-10 --format $f
    out_has "Establish an annual cycle of reporting to Cabinet"
    out_lacks "CLERK-NOTE-71c2"
done
json_expect 'j["public"] is True and "notes" not in j'

section "more decisions, list filters and formats"
expect_ok decision new --maker "Executive Member for Adult Social Care" --date 2022-03-01 \
    --title "Residential care fees, 2022/23" --key --forward-plan "FP/2022/0117" \
    --part "Approve the fees." --reference "ASC-22-01"
expect_stdout <<'END'
2022-03-01-residential-care-fees-2022-23
END
expect_ok decision new --maker cabinet --date 2022-02-08 --title "Budget, \"2022\", and council tax" \
    --part "Recommend the budget." --slug budget
expect_stdout <<'END'
2022-02-08-budget
END
expect_ok decision list --as-of 2022-03-02
expect_stdout_trimmed <<END
ID                                                    DATE        DECISION MAKER                          KEY  STATUS                         TITLE
$ID  2021-12-07  cabinet                                      implementable from 2021-12-17  Hampshire Community Safety Strategy Group
2022-02-08-budget                                     2022-02-08  cabinet                                      draft                          Budget, "2022", and council tax
2022-03-01-residential-care-fees-2022-23              2022-03-01  Executive Member for Adult Social Care  key  draft                          Residential care fees, 2022/23
END
expect_ok decision list --key --format json --as-of 2022-03-02
json_expect '[d["id"] for d in j["decisions"]] == ["2022-03-01-residential-care-fees-2022-23"]'
json_expect 'j["as_of"] == "2022-03-02"'
expect_ok decision list --from 2022-01-01 --to 2022-02-28 --format json
json_expect '[d["id"] for d in j["decisions"]] == ["2022-02-08-budget"]'
expect_ok decision list --maker "Executive Member for Adult Social Care" --format json
json_expect '[d["decision_maker"] for d in j["decisions"]] == ["Executive Member for Adult Social Care"]'
expect_ok decision list --maker nobody --format json
json_expect 'j["decisions"] == []'
expect_ok decision list --format csv --as-of 2022-03-02
python3 - "$OUT" "$ID" <<'END' || fail "CSV check failed"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
assert rows[0] == ["id", "date", "decision_maker", "committee", "meeting", "title", "key", "exempt",
                   "urgent", "published", "call_in_end", "status", "status_date"], rows[0]
assert len(rows) == 4, rows
assert all(len(r) == 13 for r in rows)
by = {r[0]: r for r in rows[1:]}
assert by["2022-02-08-budget"][5] == 'Budget, "2022", and council tax', by["2022-02-08-budget"]
r = by[sys.argv[2]]
assert r[3:5] == ["cabinet", "cabinet/2021-12-07"], r
assert r[9:] == ["2021-12-09", "2021-12-16", "implementable", "2021-12-17"], r
assert by["2022-03-01-residential-care-fees-2022-23"][6] == "yes"
END
expect_fail 2 decision list --to 2021-01-01 --from 2022-01-01
expect_fail 2 decision list --format html
expect_ok check --as-of 2022-03-02

section "read from a commit (--rev) and from elsewhere (-C)"
expect_ok decision show $ID --rev HEAD~2 --as-of 2021-12-10 --format json
json_expect 'j["published"] == "2021-12-09"'
expect_ok decision list --rev HEAD~3 --format json
json_expect 'j["decisions"][0]["published"] is None'
cd "$TEST_TMP" || exit 1
expect_ok -C store decision list --format json
json_expect 'len(j["decisions"]) == 3'
cd "$TEST_TMP/store" || exit 1

section "help"
expect_ok help decision
out_has "govern decision publish ID [--date DATE]"
out_has "call_in_days"
expect_ok plugins
out_has "decisions"

finish
