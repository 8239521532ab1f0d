#!/usr/bin/env bash
# govern cycle report never lets exempt content out: an exempt minute, a
# minute whose agenda item is exempt, a meeting held in private and an action
# written in an exempt minute carry secret markers; neither the Markdown nor
# the HTML draft contains one, nor does a committed draft.  The HTML is one
# well-formed page (python's html.parser) with the report's tables.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/report-setup.sh"
setup_report_store

section "the markers are in the record"
grep -rq SECRET-MINUTE grp/2021-10-01/minutes.md && grep -rq SECRET-AGENDA grp/2021-07-01/minutes.md &&
    grep -rq SECRET-PRIVATE sub/2021-09-01/minutes.md && grep -rq SECRET-ACTION actions/GRP-2021-005.md &&
    pass || fail "the fixture lacks a marker"

section "Markdown: titles only"
for d in 2021-10-01 2021-11-15 2022-07-01; do
    expect_ok cycle report rep --period 2021 --as-of $d
    out_lacks SECRET
done
expect_ok cycle report rep --period 2021 --as-of 2022-07-01
out_has "- 14/21 Contract (grp/2021-10-01; exempt, paragraph 3)"
out_has "- 8/21 Staffing (grp/2021-07-01; exempt, paragraph 1)"
out_has "- 5/21 Performance (sub/2021-09-01; held in private)"
out_has "(raised in an exempt minute 14/21: text not included)"

section "HTML: escaped, well formed, no marker"
expect_ok cycle report rep --period 2021 --as-of 2022-07-01 --format html
out_lacks SECRET
python3 - "$OUT" <<'PY' && pass || fail "HTML check"
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.tables, self.text, self.h = [], 0, [], []
    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "br", "hr", "img", "link", "input"):
            self.stack.append(tag)
        if tag == "table":
            self.tables += 1
    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()
    def handle_data(self, d):
        self.text.append(d)
        if self.stack and self.stack[-1] in ("h1", "h2", "h3"):
            self.h.append(d)
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
p.close()
assert not p.stack, p.stack
text = "".join(p.text)
assert "SECRET" not in text
assert "Strategy Group annual report: 2021" in p.h, p.h
assert "Attendance" in p.h and "Resolutions" in p.h and "Equalities impact assessment" in p.h, p.h
assert p.tables >= 10, p.tables
assert "Cabinet decision, part (c)" in text
assert "5/8 (63%)" in text
PY

section "a hostile name is escaped in both forms"
expect_ok member add grp "<script>alert(1)</script> Zed" --from 2020-01-01
expect_ok cycle report rep --period 2021 --as-of 2022-07-01 --format html
out_lacks "<script>"
expect_ok cycle report rep --period 2021 --as-of 2022-07-01
out_has '\<script\>alert(1)\</script\> Zed'

section "a committed draft holds no marker either"
expect_ok --as-of 2021-11-20 cycle report rep --period 2021 --meeting cabinet/2021-12-07 --commit
file_lacks cabinet/2021-12-07/reports/rep-2021.md SECRET
expect_ok agenda publish cabinet/2021-12-07 --date 2021-11-30
expect_ok agenda show cabinet/2021-12-07 --public
out_lacks SECRET

finish
