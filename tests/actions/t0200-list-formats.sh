#!/usr/bin/env bash
# govern actions: outstanding by default, filters, RAG boundaries at --as-of,
# JSON checked against the contract, CSV with awkward text through python's
# csv module, HTML through html.parser, text grouping and order, referrals
# under both committees, byte-stable output.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cdjsc --name "Crime and Disorder Joint Scrutiny Committee" --short-name CDJSC
expect_ok committee add hcssg --name "Hampshire Community Safety Strategy Group" --short-name HCSSG
expect_ok meeting new cdjsc --date 2020-04-01

A() { expect_ok --as-of 2020-04-01 action add "$@"; }
# as of 2020-05-01: due 04-30 red (1 day), 05-01 amber, 05-15 amber (+14), 05-16 green (+15)
A cdjsc/2020-04-01 "Due on the day" --owner "Director of Public Health" --due 2020-05-01        # 001
A cdjsc/2020-04-01 "Fourteen days" --owner "Chief Constable" --due 2020-05-15                   # 002
A cdjsc/2020-04-01 "Fifteen days" --owner "Chief Constable" --due 2020-05-16                    # 003
A cdjsc/2020-04-01 'Text with, commas "quotes"
and a second line <b>bold</b> & more' --owner "Safer North Hampshire CSP" --due 2020-04-30 --refer-to hcssg  # 004
A cdjsc/2020-04-01 "No due date" --owner "Hart DC"                                              # 005
A --committee hcssg "Strategy group action" --owner "Head of Finance" --due 2020-03-01          # HCSSG 001
A cdjsc/2020-04-01 "Finished" --owner "Chief Constable" --due 2020-04-10                        # 006
expect_ok --as-of 2020-04-20 action update CDJSC-2020-006 --status done --note "Sent"
A cdjsc/2020-04-01 "Abandoned" --owner "Chief Constable"                                         # 007
expect_ok --as-of 2020-04-21 action update CDJSC-2020-007 --status dropped

section "JSON: the contract"
expect_ok --as-of 2020-05-01 actions --format json
json_valid
cp "$OUT" "$TEST_TMP/a.json"
python3 - "$OUT" <<'PY' && pass || fail "JSON contract"
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
assert list(j) == ["as_of", "actions"], list(j)
assert j["as_of"] == "2020-05-01"
keys = ["id", "committee", "raised_in", "text", "owner", "due", "status", "rag",
        "days_overdue", "referred_to", "updated"]
by = {a["id"]: a for a in j["actions"]}
for a in j["actions"]:
    assert list(a) == keys, list(a)
    assert list(a["raised_in"]) == ["meeting", "minute"]
    assert a["rag"] in ("red", "amber", "green")
    assert isinstance(a["days_overdue"], int)
    assert a["status"] in ("open", "in-progress")
assert sorted(by) == ["CDJSC-2020-001", "CDJSC-2020-002", "CDJSC-2020-003", "CDJSC-2020-004",
                      "CDJSC-2020-005", "HCSSG-2020-001"], sorted(by)
assert by["CDJSC-2020-001"]["rag"] == "amber" and by["CDJSC-2020-001"]["days_overdue"] == 0
assert by["CDJSC-2020-002"]["rag"] == "amber"
assert by["CDJSC-2020-003"]["rag"] == "green"
assert by["CDJSC-2020-004"]["rag"] == "red" and by["CDJSC-2020-004"]["days_overdue"] == 1
assert by["CDJSC-2020-004"]["referred_to"] == ["hcssg"]
assert by["CDJSC-2020-004"]["text"].startswith('Text with, commas "quotes"\nand a second')
assert by["CDJSC-2020-005"]["due"] is None and by["CDJSC-2020-005"]["rag"] == "green"
h = by["HCSSG-2020-001"]
assert h["raised_in"] == {"meeting": None, "minute": None} and h["days_overdue"] == 61
assert by["CDJSC-2020-001"]["raised_in"] == {"meeting": "cdjsc/2020-04-01", "minute": None}
PY

section "byte-stable"
expect_ok --as-of 2020-05-01 actions --format json
cmp -s "$OUT" "$TEST_TMP/a.json" && pass || fail "two runs differ"

section "status filters"
expect_ok --as-of 2020-05-01 actions --status all --format json
json_expect 'len(j["actions"]) == 8'
expect_ok --as-of 2020-05-01 actions --status done --format json
json_expect '[a["id"] for a in j["actions"]] == ["CDJSC-2020-006"] and j["actions"][0]["rag"] == "green"'
expect_ok --as-of 2020-05-01 actions --overdue --format json
json_expect '[a["id"] for a in j["actions"]] == ["CDJSC-2020-004", "HCSSG-2020-001"]'
expect_ok --as-of 2020-05-01 actions --due-before 2020-05-15 --format json
json_expect '[a["id"] for a in j["actions"]] == ["CDJSC-2020-001", "CDJSC-2020-004", "HCSSG-2020-001"]'
expect_ok --as-of 2020-05-01 actions --owner "chief CONST" --format json
json_expect '[a["id"] for a in j["actions"]] == ["CDJSC-2020-002", "CDJSC-2020-003"]'
expect_ok --as-of 2020-05-01 actions --committee hcssg --format json
json_expect '[a["id"] for a in j["actions"]] == ["CDJSC-2020-004", "HCSSG-2020-001"]'
expect_fail 1 actions --committee nosuch
err_has "unknown committee 'nosuch'"
expect_fail 1 actions --status finished
expect_fail 2 actions --due-before 2021-02-30
expect_fail 2 actions --format xml

section "text: grouped by committee, overdue first, then due date, then id; referral under both"
expect_ok --as-of 2020-05-01 actions
out_plain
expect_stdout_trimmed <<'EOF2'
Crime and Disorder Joint Scrutiny Committee (cdjsc)
ID              RAG    DUE         OVERDUE  STATUS  OWNER                      ACTION
CDJSC-2020-004  red    2020-04-30  1        open    Safer North Hampshire CSP  Text with, commas "quotes" and a second line <b>bold</b> & more
CDJSC-2020-001  amber  2020-05-01           open    Director of Public Health  Due on the day
CDJSC-2020-002  amber  2020-05-15           open    Chief Constable            Fourteen days
CDJSC-2020-003  green  2020-05-16           open    Chief Constable            Fifteen days
CDJSC-2020-005  green  -                    open    Hart DC                    No due date

Hampshire Community Safety Strategy Group (hcssg)
ID              RAG  DUE         OVERDUE  STATUS  OWNER                      ACTION
HCSSG-2020-001  red  2020-03-01  61       open    Head of Finance            Strategy group action
CDJSC-2020-004  red  2020-04-30  1        open    Safer North Hampshire CSP  [referred by cdjsc] Text with, commas "quotes" and a second line <b>bold</b> & more
EOF2
expect_ok --color --as-of 2020-05-01 actions
out_coloured

section "CSV: RFC 4180, one header row, one row per action"
expect_ok --as-of 2020-05-01 actions --format csv
python3 - "$OUT" <<'PY' && pass || fail "CSV"
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert b"\r\n" in raw
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0] == ["id", "committee", "meeting", "minute", "text", "owner", "due", "status", "rag",
                   "days_overdue", "referred_to", "updated"], rows[0]
assert len(rows) == 7, len(rows)
r = {row[0]: row for row in rows[1:]}
assert r["CDJSC-2020-004"][4] == 'Text with, commas "quotes"\nand a second line <b>bold</b> & more'
assert r["CDJSC-2020-004"][8:11] == ["red", "1", "hcssg"]
assert r["HCSSG-2020-001"][2] == "" and r["CDJSC-2020-005"][6] == ""
PY

section "HTML: escaped, parses"
expect_ok --as-of 2020-05-01 actions --format html
out_lacks "<b>bold</b>"
out_has "&lt;b&gt;bold&lt;/b&gt; &amp; more"
python3 - "$OUT" <<'PY' && pass || fail "HTML"
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.rows = 0; self.text = []; self.h2 = 0
    def handle_starttag(self, tag, attrs):
        if tag == "tr": self.rows += 1
        if tag == "h2": self.h2 += 1
        assert tag != "b"
    def handle_data(self, d): self.text.append(d)
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); p.close()
assert p.h2 == 2, p.h2
assert p.rows == 2 + 7, p.rows   # a header row per table, 7 rows
assert any("<b>bold</b> & more" in t for t in p.text)
PY

section "Markdown"
expect_ok --as-of 2020-05-01 actions --format md
out_has "## Hampshire Community Safety Strategy Group (hcssg)"
out_has "| CDJSC-2020-004 | red | 2020-04-30 | 1 | open | Safer North Hampshire CSP | \\[referred by cdjsc\\] Text with, commas"

section "an empty register"
new_store "$TEST_TMP/empty"
expect_ok actions --format json --as-of 2020-01-01
json_expect 'j == {"as_of": "2020-01-01", "actions": []}'
expect_ok actions --as-of 2020-01-01
expect_stdout <<<"No actions."

finish
