#!/usr/bin/env bash
# Security: the public agenda of a private meeting (meeting new --private)
# has titles only: no purpose, text, report, reason for urgency, reporting
# cycle or notes of any item, exempt or not, in Markdown, text, HTML or JSON.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cabinet --name "Cabinet" --kind executive
expect_ok meeting new cabinet --date 2021-03-08 --time 10:00

section "a private meeting's public agenda has titles only"
expect_ok meeting new cabinet --date 2021-04-12 --private
P=cabinet/2021-04-12
printf '# Private report\n\nPRIV-REPORT-0b0b\n' >"$TEST_TMP/priv.md"
expect_ok agenda add $P "Property disposal" --purpose "PRIV-PURPOSE-1c1c" --report "$TEST_TMP/priv.md" \
    --fulfils priv-fulfils-2d2d
expect_ok agenda add $P "Emergency repairs" --urgent "PRIV-URGENT-3e3e roof collapse"
expect_ok agenda add $P "Legal advice" --exempt 5 --purpose "PRIV-EXEMPT-4f4f"
printf 'PRIV-NOTES-5a5a: notes for members only.\n' >>$P/agenda.md
git_commit_all "Notes"
expect_ok agenda publish $P --date 2021-04-01
expect_ok agenda show $P
out_has "PRIV-PURPOSE-1c1c"
out_has "PRIV-NOTES-5a5a"
for f in md text html json; do
    run agenda show $P --public --format "$f"
    assert_eq "$RC" 0 "exit status (private meeting, $f)"
    for s in PRIV-PURPOSE-1c1c PRIV-REPORT-0b0b PRIV-URGENT-3e3e PRIV-EXEMPT-4f4f PRIV-NOTES-5a5a \
        priv-fulfils-2d2d "roof collapse" "To enable Members to disclose"; do
        out_lacks "$s" || echo "  (leak in the public $f agenda of a private meeting)"
    done
    for t in "Property disposal" "Emergency repairs" "Legal advice" "Declarations of interest"; do
        out_has "$t"
    done
done
run agenda show $P --public --format json
json_expect 'all(i.get(k) is None for i in j["items"] for k in ("purpose", "text", "report", "urgent", "fulfils"))'

finish
