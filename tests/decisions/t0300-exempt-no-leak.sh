#!/usr/bin/env bash
# Security: an exempt decision notice (Schedule 12A) never reaches a public
# output.  Its public form in every format (md, text, html, json; work tree
# and --rev) has the title, decision maker, date and paragraph only; an
# unpublished notice has no public form at all; the clerk's notes are never
# public.  Unique marker strings are planted and looked for; the JSON is read
# with python's json and the HTML's text with html.parser.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cabinet --name "Cabinet" --kind executive
expect_ok meeting new cabinet --date 2021-03-08

ID=2021-03-08-award-of-the-cctv-maintenance-contract
expect_ok decision new --maker cabinet --date 2021-03-08 --meeting cabinet/2021-03-08 \
    --title "Award of the CCTV maintenance contract" --exempt 3 --key --forward-plan "SECRET-FP-0d0d" \
    --reference "SECRET-REF-1e1e" \
    --preamble "SECRET-PREAMBLE-2f2f" \
    --part "SECRET-PART-A-3a3a award to Bidder Ltd at 1,234,567." \
    --part $'SECRET-PART-B-4b4b\n\n<script>alert(1)</script>' \
    --reasons "SECRET-REASONS-5c5c the lowest price." \
    --rejected "SECRET-REJECTED-6d6d" \
    --conflicts "SECRET-CONFLICTS-7e7e" --consulted-conflicts "SECRET-CONSULTED-8f8f" \
    --dispensation "SECRET-DISPENSATION-9a9a" \
    --statement "SECRET-STATEMENT-0b0b" --notes "SECRET-NOTES-1c1c"
SECRETS=(SECRET-FP-0d0d SECRET-REF-1e1e SECRET-PREAMBLE-2f2f SECRET-PART-A-3a3a SECRET-PART-B-4b4b
    "1,234,567" "Bidder Ltd" "alert(1)" SECRET-REASONS-5c5c SECRET-REJECTED-6d6d SECRET-CONFLICTS-7e7e
    SECRET-CONSULTED-8f8f SECRET-DISPENSATION-9a9a SECRET-STATEMENT-0b0b SECRET-NOTES-1c1c
    "call-in" "cabinet/2021-03-08")

section "the full notice has everything: the markers are real"
expect_ok decision show $ID --format json
for s in SECRET-PART-A-3a3a SECRET-REASONS-5c5c SECRET-NOTES-1c1c SECRET-CONFLICTS-7e7e; do
    out_has "$s"
done
expect_ok decision show $ID
out_has "not for publication by virtue of paragraph 3"

section "unpublished: no public form in any format"
for f in md text html json; do
    expect_fail 1 decision show $ID --public --format $f --as-of 2021-03-20
    err_has "is not published"
    for s in "${SECRETS[@]}" "CCTV"; do
        out_lacks "$s"
        err_lacks "$s"
    done
done
expect_ok decision publish $ID --date 2021-03-10
# published later than --as-of: still not public on that day
expect_fail 1 decision show $ID --public --as-of 2021-03-09

public_views() {
    local f
    for f in md text html json; do
        run "$@" decision show $ID --public --format "$f" --as-of 2021-03-20
        assert_eq "$RC" 0 "exit status of the public $f notice"
        cp "$OUT" "$TEST_TMP/public.$f"
    done
}

check_public() { # LABEL
    local f s
    for f in md text html json; do
        for s in "${SECRETS[@]}"; do
            file_lacks "$TEST_TMP/public.$f" "$s" || echo "  (leak in the public $f notice, $1)"
        done
        file_has "$TEST_TMP/public.$f" "Award of the CCTV maintenance contract"
        file_has "$TEST_TMP/public.$f" "Cabinet"
        file_has "$TEST_TMP/public.$f" "paragraph 3 of Part 1 of Schedule 12A"
    done
    file_has "$TEST_TMP/public.md" "Monday 8 March 2021"
    cp "$TEST_TMP/public.json" "$OUT"
    json_valid
    json_expect 'j["public"] is True and j["exempt"] == 3'
    json_expect 'set(j) == {"id", "public", "decision_maker", "decision_maker_name", "date", "title", "exempt", "exempt_notice"}'
    json_expect 'j["date"] == "2021-03-08" and j["title"] == "Award of the CCTV maintenance contract"'
    python3 - "$TEST_TMP/public.html" <<'END' || fail "public HTML ($1): unexpected text"
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text = []
        self.tags = set()
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
    def handle_data(self, d):
        self.text.append(d)
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
text = "".join(p.text)
assert "script" not in p.tags
assert "Award of the CCTV maintenance contract" in text
assert "SECRET" not in text
# nothing but the heading, the maker, the date, the title and the paragraph
assert "h2" not in p.tags, p.tags
END
}

section "published: the public form has title, maker, date and paragraph only"
public_views
check_public "work tree"

section "the same from a commit (--rev) and with -C"
public_views --rev HEAD
check_public "--rev HEAD"
cd "$TEST_TMP" || exit 1
public_views -C store
check_public "-C"
cd "$TEST_TMP/store" || exit 1

section "an open notice's public form never shows the clerk's notes"
expect_ok decision new --maker cabinet --date 2021-03-08 --title "Open decision" --part "OPEN-PART-2d2d" \
    --notes "SECRET-NOTES-3e3e"
expect_ok decision publish 2021-03-08-open-decision --date 2021-03-09
for f in md text html json; do
    expect_ok decision show 2021-03-08-open-decision --public --format $f --as-of 2021-03-20
    out_has "OPEN-PART-2d2d"
    out_lacks "SECRET-NOTES-3e3e"
    out_lacks "Notes"
done

finish
