#!/usr/bin/env bash
# Security: nothing exempt reaches a public output.  An exempt item's purpose,
# text, urgency reason, reporting cycle and report are absent from every
# public form of the agenda (Markdown, text, HTML, JSON; work tree and --rev);
# the public agenda of a private meeting has titles only.  Unique marker
# strings are planted and grepped for.
. "$(dirname "$0")/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cabinet --name "Cabinet" --kind executive
expect_ok meeting new cabinet --date 2021-03-08 --time 10:00
M=cabinet/2021-03-08

# Open items, whose content is public.
expect_ok agenda add $M "Open budget item" --purpose "OPEN-PURPOSE-c41d: to agree the budget."
printf '# Open report\n\nOPEN-REPORT-88e2 figures.\n' >"$TEST_TMP/open.md"
expect_ok agenda add $M "Open report item" --report "$TEST_TMP/open.md"

# The exempt items.
printf '# Confidential\n\nSECRET-REPORT-5b7e tender prices: 1,234,567.\n\n<b>SECRET-REPORT-HTML-2c9a</b>\n' \
    >"$TEST_TMP/tender.md"
expect_ok agenda add $M "Award of the CCTV maintenance contract" --exempt 3 \
    --purpose "SECRET-PURPOSE-9f1c: the bidders and their prices." \
    --report "$TEST_TMP/tender.md" --fulfils secret-fulfils-d00d
expect_ok agenda add $M "Staffing matter" --exempt 1 \
    --urgent "SECRET-URGENT-4e4e: the officer leaves on Friday" \
    --purpose "SECRET-PURPOSE-1a2b about a named officer"
# Published: a draft agenda has no public form (t0430).
expect_ok agenda publish $M --date 2021-02-26
# Extra item text, written by hand (there is no option for it), and an item
# whose exempt paragraph is invalid (8): it must fail safe, as exempt.
python3 - "$M/agenda.md" <<'EOF'
import sys
p = sys.argv[1]
lines = open(p, encoding="utf-8").read().split("\n")
out = []
for l in lines:
    out.append(l)
    if l == "- title: Award of the CCTV maintenance contract":
        out.append("  text: SECRET-TEXT-77aa more detail of the tender evaluation")
    if l == "- title: Open budget item":
        out.append("  text: OPEN-TEXT-3d3d public detail")
i = out.index("---", 1)
out[i:i] = ["- title: Hand-written item with a bad paragraph",
            "  purpose: SECRET-PURPOSE-BADPARA-6c6c",
            "  text: SECRET-TEXT-BADPARA-6d6d",
            "  exempt: 8"]
open(p, "w", encoding="utf-8").write("\n".join(out))
EOF
git_commit_all "Hand-edit the agenda"
expect_fail 1 check --as-of 2021-01-01
out_has "[exempt] item 9 'Hand-written item with a bad paragraph'"

SECRETS=(SECRET-PURPOSE-9f1c SECRET-PURPOSE-1a2b SECRET-TEXT-77aa SECRET-URGENT-4e4e SECRET-REPORT-5b7e
    SECRET-REPORT-HTML-2c9a secret-fulfils-d00d SECRET-PURPOSE-BADPARA-6c6c SECRET-TEXT-BADPARA-6d6d
    "1,234,567" "the bidders" "the officer leaves" "tender evaluation" "Confidential")

section "the private (full) agenda has everything: the markers are real"
expect_ok agenda show $M
for s in SECRET-PURPOSE-9f1c SECRET-PURPOSE-1a2b SECRET-TEXT-77aa SECRET-URGENT-4e4e SECRET-REPORT-5b7e; do
    out_has "$s"
done
expect_ok agenda show $M --format json
out_has "secret-fulfils-d00d"
out_has "SECRET-TEXT-77aa"

public_views() { # runs every public form; each output is checked by the caller
    local args=("$@")
    local f
    for f in md text html json; do
        run "${args[@]}" agenda show $M --public --format "$f"
        cp "$OUT" "$TEST_TMP/public.$f"
        assert_eq "$RC" 0 "exit status of the public $f agenda"
    done
    run "${args[@]}" agenda show $M --public
    cp "$OUT" "$TEST_TMP/public.default"
}

check_public() { # label
    local f s
    for f in md text html json default; do
        for s in "${SECRETS[@]}"; do
            file_lacks "$TEST_TMP/public.$f" "$s" || echo "  (leak in the public $f agenda, $1)"
        done
        # titles and the paragraph remain
        file_has "$TEST_TMP/public.$f" "Award of the CCTV maintenance contract"
        file_has "$TEST_TMP/public.$f" "Staffing matter"
        file_has "$TEST_TMP/public.$f" "Hand-written item with a bad paragraph"
        file_has "$TEST_TMP/public.$f" "OPEN-PURPOSE-c41d"
        file_has "$TEST_TMP/public.$f" "OPEN-TEXT-3d3d"
    done
    for f in md text html default; do
        file_has "$TEST_TMP/public.$f" "paragraph 3 of Part 1 of Schedule 12A"
        file_has "$TEST_TMP/public.$f" "paragraph 1 of Part 1 of Schedule 12A"
        file_has "$TEST_TMP/public.$f" "OPEN-REPORT-88e2"
    done
    json_valid "$TEST_TMP/public.json"
    cp "$TEST_TMP/public.json" "$OUT"
    json_expect 'j["public"] is True'
    json_expect '[i["exempt"] for i in j["items"] if i["title"] == "Award of the CCTV maintenance contract"] == [3]'
    json_expect 'all(set(i) <= {"number", "title", "exempt"} for i in j["items"] if i["exempt"])'
    json_expect 'all(i.get(k) is None for i in j["items"] if i["title"] in ("Award of the CCTV maintenance contract", "Staffing matter", "Hand-written item with a bad paragraph") for k in ("purpose", "text", "report", "urgent", "fulfils"))'
}

section "public agenda of the work tree"
public_views
check_public "work tree"

section "public agenda read from a commit (--rev) and with -C"
public_views --rev HEAD
check_public "--rev HEAD"
cd "$TEST_TMP" || exit 1
public_views -C store
check_public "-C"
cd "$TEST_TMP/store" || exit 1

section "public agenda after reordering"
# a write refuses an agenda with an invalid paragraph, naming the line
L=$(grep -n -m1 '^- title: Hand-written item with a bad paragraph$' $M/agenda.md | cut -d: -f1)
expect_refused 1 agenda move $M 9 1
err_has "govern: $M/agenda.md:$L:"
# so correct it by hand to paragraph 7 first
sed -i 's/^  exempt: 8$/  exempt: 7/' $M/agenda.md
git_commit_all "Paragraph 7"
expect_ok agenda move $M 9 1
public_views
check_public "reordered"

# (a private meeting's public agenda: t0420)

finish
