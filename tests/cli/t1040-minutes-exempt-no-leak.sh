#!/usr/bin/env bash
# Security: the text of an exempt minute (Schedule 12A) never reaches the
# public form of the minutes, in any format (md, text, html, json), from the
# work tree or a commit; the number, title and paragraph remain.  A private
# meeting's public minutes show titles only.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cabinet --name "Cabinet" --kind executive
expect_ok meeting new cabinet --date 2021-03-08 --time 10:00
M=cabinet/2021-03-08
F=$M/minutes.md
expect_ok agenda add $M "Open budget item"
expect_ok agenda add $M "Award of the CCTV maintenance contract" --exempt 3 --purpose "SECRET-PURPOSE-1"
expect_ok minutes draft $M
python3 - "$F" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("## 5/20 Open budget item\n", "## 5/20 Open budget item\n\nOPEN-MINUTE-7a7a was agreed.\n")
s = s.replace("## 6/20 Award of the CCTV maintenance contract\n",
"""## 6/20 Award of the CCTV maintenance contract

SECRET-MINUTE-5b5b the bidders and their prices: 1,234,567.

<b>SECRET-HTML-2c2c</b>

RESOLVED:

1. SECRET-RESOLUTION-9f9f That the contract be awarded to the lowest bidder.
""")
open(p, "w", encoding="utf-8").write(s)
PY
expect_ok minutes draft $M
SECRETS=(SECRET-MINUTE-5b5b SECRET-HTML-2c2c SECRET-RESOLUTION-9f9f "1,234,567" "lowest bidder" SECRET-PURPOSE-1)

section "the full minutes have it (the markers are real)"
expect_ok minutes show $M
out_has SECRET-MINUTE-5b5b
expect_ok minutes show $M --format json
out_has SECRET-RESOLUTION-9f9f

check_public() {
    local f s
    for f in md text html json; do
        run "$@" minutes show $M --public --format $f
        assert_eq "$RC" 0 "exit status of the public $f minutes"
        cp "$OUT" "$TEST_TMP/public.$f"
        for s in "${SECRETS[@]}"; do
            file_lacks "$TEST_TMP/public.$f" "$s"
        done
        file_has "$TEST_TMP/public.$f" "Award of the CCTV maintenance contract"
        file_has "$TEST_TMP/public.$f" "OPEN-MINUTE-7a7a"
    done
    for f in md text html; do
        file_has "$TEST_TMP/public.$f" "paragraph 3 of Part 1 of Schedule 12A"
        file_has "$TEST_TMP/public.$f" "6/20"
    done
    python3 -m json.tool "$TEST_TMP/public.json" >/dev/null && pass || fail "public JSON does not parse"
    python3 - "$TEST_TMP/public.html" <<'PY' && pass || fail "public HTML does not parse"
import sys
from html.parser import HTMLParser
HTMLParser().feed(open(sys.argv[1], encoding="utf-8").read())
PY
    cp "$TEST_TMP/public.json" "$OUT"
    json_expect 'j["public"] is True'
    json_expect '[set(i) for i in j["items"] if i["exempt"]] == [{"number", "ref", "title", "exempt"}]'
    json_expect '[i["exempt"] for i in j["items"] if i["title"] == "Award of the CCTV maintenance contract"] == [3]'
}

section "public minutes of the work tree"
check_public
section "public minutes from a commit"
check_public --rev HEAD
section "after approval"
expect_ok meeting new cabinet --date 2021-04-12
expect_ok meeting held cabinet/2021-04-12 --as-of 2021-04-12
expect_ok minutes attend $M "Cllr Present" --present
expect_ok minutes approve $M --at cabinet/2021-04-12
check_public

section "a private meeting: titles only"
expect_ok meeting new cabinet --date 2021-05-10 --private
P=cabinet/2021-05-10
expect_ok minutes draft $P
sed -i 's/^## 1\/21 Appointment of Chair$/## 1\/21 Appointment of Chair\n\nPRIVATE-TEXT-1d1d/' $P/minutes.md
expect_ok minutes draft $P
for f in md html json; do
    run minutes show $P --public --format $f
    assert_eq "$RC" 0 "exit status"
    out_lacks PRIVATE-TEXT-1d1d
    out_has "Appointment of Chair"
done

finish
