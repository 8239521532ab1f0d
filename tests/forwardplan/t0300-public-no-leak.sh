#!/usr/bin/env bash
# govern forward-plan --public: only what the law lets be published.  A
# private entry shows its matter, decision maker, date and Schedule 12A
# paragraph, nothing else; an entry for a meeting held in private is
# withheld the same way even if it does not say private (fail closed); an
# entry not yet published is not shown at all; the clerk's notes never are.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cabinet --name Cabinet --kind executive
expect_ok meeting new cabinet --date 2022-02-08
expect_ok meeting new cabinet --date 2022-02-15
sed -i 's/^sequence: 0$/sequence: 0\nprivate: true/' cabinet/2022-02-15/meeting.md
git_commit_all "in private" >/dev/null

expect_ok forward-plan add --id open --title "Community safety strategy" --maker cabinet \
    --meeting cabinet/2022-02-08 --documents "Report OPEN-DOC-1a1a" --contact "OPEN-CONTACT-2b2b" \
    --description "OPEN-DESC-3c3c" --notes "SECRET-NOTE-0000"
expect_ok forward-plan publish open --date 2022-01-05
expect_ok forward-plan add --id land --title "Disposal of land at Winchester" --maker cabinet \
    --meeting cabinet/2022-02-08 --private 3 --private-reason "SECRET-REASON-4d4d" \
    --documents "SECRET-DOC-5e5e" --contact "SECRET-CONTACT-6f6f" --description "SECRET-DESC-7a7a" \
    --notes "SECRET-NOTE-8b8b"
expect_ok forward-plan update land --exception special-urgency --scrutiny-chair "SECRET-CHAIR-9c9c" \
    --agreed 2022-02-01 --urgency-reason "SECRET-URGENCY-0d0d"
expect_ok forward-plan publish land --date 2022-01-05
expect_ok forward-plan add --id unmarked --title "Staffing review" --maker cabinet \
    --meeting cabinet/2022-02-15 --documents "SECRET-DOC-1e1e" --description "SECRET-DESC-2f2f"
expect_ok forward-plan publish unmarked --date 2022-01-05
expect_ok forward-plan add --id draft --title "SECRET-DRAFT-TITLE-3a3a" --maker cabinet --date 2022-02-08
expect_ok forward-plan add --id later --title "SECRET-LATER-TITLE-4b4b" --maker cabinet --date 2022-02-08
expect_ok forward-plan publish later --date 2022-01-20

secrets="SECRET-NOTE-0000 SECRET-REASON-4d4d SECRET-DOC-5e5e SECRET-CONTACT-6f6f SECRET-DESC-7a7a
SECRET-NOTE-8b8b SECRET-CHAIR-9c9c SECRET-URGENCY-0d0d SECRET-DOC-1e1e SECRET-DESC-2f2f
SECRET-DRAFT-TITLE-3a3a SECRET-LATER-TITLE-4b4b"

section "every public format"
for f in text md html json csv; do
    expect_ok --as-of 2022-01-10 forward-plan --public --format $f
    for s in $secrets; do out_lacks "$s"; done
    out_has "Community safety strategy"
    out_has "Disposal of land at Winchester"
    out_has "Staffing review"
done
expect_ok --as-of 2022-01-10 forward-plan --public --format md
out_has "OPEN-DOC-1a1a"
out_has "OPEN-DESC-3c3c"
out_has "| Private | To be taken in private: not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972 |"
out_has "| Private | To be taken in private: not for publication (the meeting is held in private) |"
expect_ok --as-of 2022-01-10 forward-plan --public --format json
json_expect '[e["id"] for e in j["entries"]] == ["land", "open", "unmarked"]'
json_expect 'set(j["entries"][0]) == {"id", "reference", "title", "decision_maker", "decision_maker_name", "date", "key", "private", "first_published", "private_notice"}'
json_expect 'j["entries"][0]["private"] == 3 and j["entries"][2]["private"] is None'
json_expect '"notes" not in j["entries"][1] and "draft" not in j["entries"][1]'

section "show --public: a private entry withheld, an unpublished one refused"
for f in md html json; do
    expect_ok --as-of 2022-01-10 forward-plan show land --public --format $f
    for s in $secrets; do out_lacks "$s"; done
    out_has "Disposal of land at Winchester"
done
expect_refused 1 --as-of 2022-01-10 forward-plan show draft --public
err_has "Forward Plan entry 'draft' is not published on 2022-01-10"
expect_refused 1 --as-of 2022-01-10 forward-plan show later --public

section "the clerk's view has it all (the markers are real)"
expect_ok --as-of 2022-01-10 forward-plan --format json
for s in SECRET-NOTE-8b8b SECRET-REASON-4d4d SECRET-DRAFT-TITLE-3a3a SECRET-CHAIR-9c9c; do out_has "$s"; done
expect_ok --as-of 2022-01-25 forward-plan --public
out_has "SECRET-LATER-TITLE-4b4b"
finish
