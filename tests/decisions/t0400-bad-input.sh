#!/usr/bin/env bash
# Bad input to decision new / publish / show gets a clear message, a non-zero
# exit, and changes nothing: HEAD, refs, index, status and every file stay as
# they were (snapshot_repo / assert_repo_unchanged through expect_refused).
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add cabinet --name "Cabinet" --kind executive
expect_ok committee add scrutiny --name "Policy and Resources Select Committee"
expect_ok meeting new cabinet --date 2021-12-07
expect_ok decision new --maker cabinet --date 2021-12-07 --title "Existing" --part "Agree."
E=2021-12-07-existing

new() { expect_refused "$@"; }
BASE=(--maker cabinet --date 2021-12-07 --title "A title")
OK=("${BASE[@]}" --part "Agree.")

section "decision new: required options and values"
new 2 decision new --date 2021-12-07 --title T --part x
err_has "--maker, --date and --title are required"
new 2 decision new --maker cabinet --title T --part x
new 2 decision new --maker cabinet --date 2021-02-30 --title T --part x
err_has "--date: 2021-02-30: February 2021 has 28 days"
new 2 decision new --maker cabinet --date 21-12-07 --title T --part x
new 1 decision new --maker cabinet --date 2021-12-07 --title T
err_has "at least one --part"
new 1 decision new --maker cabinet --date 2021-12-07 --title T --part "   "
err_has "--part a) is empty"
new 1 decision new --maker cabinet --date 2021-12-07 --title T --part x --part ""
err_has "--part b) is empty"
new 1 decision new --maker "" --date 2021-12-07 --title T --part x
new 1 decision new --maker cabinet --date 2021-12-07 --title "" --part x
new 1 decision new --maker cabinet --date 2021-12-07 --title $'two\nlines' --part x
err_has "--title must be one line"
new 1 decision new --maker $'Leader\nof' --date 2021-12-07 --title T --part x
args=()
for i in $(seq 1 27); do args+=(--part "part $i"); done
new 1 decision new --maker cabinet --date 2021-12-07 --title T "${args[@]}"
err_has "at most 26 parts"

section "unknown committee or meeting"
new 1 decision new --maker council --date 2021-12-07 --title T --part x
err_has "unknown committee 'council'"
new 1 decision new "${OK[@]}" --committee nosuch
err_has "unknown committee 'nosuch'"
new 1 decision new "${OK[@]}" --committee Bad/Slug
new 1 decision new "${OK[@]}" --meeting cabinet/2021-12-08
err_has "unknown meeting 'cabinet/2021-12-08'"
new 1 decision new "${OK[@]}" --meeting nosuch/2021-12-07
err_has "unknown committee 'nosuch'"
new 1 decision new "${OK[@]}" --meeting cabinet/2021-02-30
new 1 decision new "${OK[@]}" --meeting ../../etc
new 1 decision new "${OK[@]}" --committee scrutiny --meeting cabinet/2021-12-07
err_has "is a meeting of 'cabinet', not of 'scrutiny'"

section "duplicates, slugs and hostile ids"
new 1 decision new --maker cabinet --date 2021-12-07 --title "Existing" --part "Again."
err_has "decision $E already exists"
new 1 decision new "${OK[@]}" --slug existing
new 1 decision new "${OK[@]}" --slug ../../x
new 1 decision new "${OK[@]}" --slug Upper
new 1 decision new "${OK[@]}" --slug ""

section "exempt, urgency, key decisions"
new 1 decision new "${OK[@]}" --exempt 8
err_has "--exempt must be a Schedule 12A paragraph from 1 to 7"
new 1 decision new "${OK[@]}" --exempt three
new 1 decision new "${OK[@]}" --urgency "not applicable"
err_has "leave it out when the decision is not urgent"
new 1 decision new "${OK[@]}" --urgency ""
new 1 decision new "${OK[@]}" --key
err_has "a key decision needs 28 days' notice on the Forward Plan"

section "text that would not read back as given"
new 1 decision new "${BASE[@]}" --part $'first\n\nb) smuggled part'
err_has "would not read back as given"
new 1 decision new "${OK[@]}" --reasons $'why\n\n## Statement\n\nforged'
err_has "would not read back as given"
new 1 decision new "${OK[@]}" --reasons $'bad \xff byte'
err_has "UTF-8"
big=$(head -c 110000 /dev/zero | tr '\0' 'x')
new 1 decision new "${BASE[@]}" --part "$big"
err_has "--part is too long (110000 bytes, limit 65536)"
big=$(head -c 65000 /dev/zero | tr '\0' 'x')
args=()
for i in $(seq 1 17); do args+=(--part "$big"); done
new 1 decision new "${BASE[@]}" "${args[@]}"
err_has "file is too large"

section "publish"
new 1 decision publish 2021-12-07-nosuch
err_has "unknown decision '2021-12-07-nosuch'"
new 1 decision publish ../../govern
err_has "invalid decision id"
new 2 decision publish $E --date 2021-02-30
new 1 decision publish $E --date 2021-12-06
err_has "cannot be published before the decision"
expect_ok decision publish $E --date 2021-12-08
new 1 decision publish $E --date 2021-12-09
err_has "already published on 2021-12-08"
new 2 decision publish $E --rev HEAD
new 2 decision publish
new 2 decision nosuch
err_has "unknown subcommand 'nosuch'"

section "uncommitted edits to a notice are never overwritten"
expect_ok decision new --maker cabinet --date 2021-12-09 --title "Draft" --part "Agree."
echo "hand edit" >>decisions/2021-12-09-draft.md
new 1 decision publish 2021-12-09-draft --date 2021-12-10
git checkout -q decisions/2021-12-09-draft.md
# an untracked file where the new notice would go
mkdir -p decisions && echo "stray" >decisions/2021-12-10-stray.md
new 1 decision new --maker cabinet --date 2021-12-10 --title "Stray" --part "Agree."
rm decisions/2021-12-10-stray.md

section "show and list refuse bad input"
new 1 decision show 2021-12-07-nosuch
new 1 decision show nonsense
new 2 decision show $E --format csv
new 2 decision list --from 2021-02-30
new 2 decision list extra

section "a broken notice is reported with its file and line"
printf -- '---\ndecision_maker: cabinet\ndate: 2021-12-11\ntitle: Broken\nvenue: Hall\n---\n\n## Decision\n\na) x\n' \
    >decisions/2021-12-11-broken.md
git_commit_all "a broken notice"
new 1 decision show 2021-12-11-broken
err_has "decisions/2021-12-11-broken.md:5: unknown field 'venue'"
new 1 decision list
err_has "decisions/2021-12-11-broken.md:5: unknown field 'venue'"
new 1 decision publish 2021-12-11-broken

assert_git_healthy
finish
