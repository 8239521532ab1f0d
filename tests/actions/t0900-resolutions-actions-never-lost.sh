#!/usr/bin/env bash
# Resolutions and actions are never silently lost: seed 002's layout
# (RESOLVED:, a blank line, "That the Select Committee:", the numbered list),
# "RESOLVED: That ..." and "RESOLVED that ..." are parsed into resolutions;
# "- [ ] Action: ..." in any case is registered like "ACTION:"; a line that
# looks like a resolution or an action and is not understood refuses the
# save naming minutes.md:LINE, and check reports it too.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add prsc --name "Policy and Resources Select Committee" --short-name PRSC
expect_ok member add prsc "Councillor A" --role chair
expect_ok meeting new prsc --date 2019-07-16
expect_ok agenda add prsc/2019-07-16 "Hampshire County Strategy Group for Community Safety"
expect_ok agenda add prsc/2019-07-16 "Work programme"
expect_ok meeting held prsc/2019-07-16 --as-of 2019-07-16
expect_ok minutes draft prsc/2019-07-16
M=prsc/2019-07-16/minutes.md
cp $M "$TEST_TMP/blank.md"

section "seed 002's layout, RESOLVED: That, RESOLVED that"
python3 - "$M" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = re.sub(r"(## \d+/19 Hampshire County Strategy Group for Community Safety\n)", lambda m: m.group(1) + """

RESOLVED:

That the Select Committee:

1.    Note the establishment of the Hampshire County Strategy Group for Community Safety.

2.    Request a further update earlier than the next annual update.

- [ ] Action: Bring the further update @{Hampshire County Council} due:2020-03-31
- [ ] action: Send the strategic assessment @Clerk
""", s, count=1)
s = re.sub(r"(## \d+/19 Work programme\n)", lambda m: m.group(1) + """

RESOLVED: That the work programme be agreed.

RESOLVED that the next meeting consider
the annual report.
""", s, count=1)
open(p, "w", encoding="utf-8").write(s)
PY
expect_ok minutes draft prsc/2019-07-16
expect_ok minutes show prsc/2019-07-16 --format json
json_expect '[r for i in j["items"] for r in i["resolutions"]] == ["Note the establishment of the Hampshire County Strategy Group for Community Safety.", "Request a further update earlier than the next annual update.", "That the work programme be agreed.", "that the next meeting consider the annual report."]'
file_has $M "- [ ] ACTION PRSC-2019-001: Bring the further update @{Hampshire County Council} due:2020-03-31"
file_has $M "- [ ] ACTION PRSC-2019-002: Send the strategic assessment @{Clerk}"
assert_file_exists actions/PRSC-2019-002.md
expect_ok check --as-of 2019-07-17

section "a RESOLVED line with nothing understood after it: refused at its line"
printf '\nRESOLVED:\n\nThat the Select Committee:\n\nThe meeting ended at 12.30 pm.\n' >>$M
L=$(grep -n -x 'RESOLVED:' $M | tail -1 | cut -d: -f1)
snapshot_repo .
expect_fail 1 minutes draft prsc/2019-07-16
err_has "$M:$L: the RESOLVED block's introduction ends with ':' but no list follows"
expect_fail 1 check --as-of 2019-07-17
out_has "$M:$L: [parse] the RESOLVED block's introduction ends with ':' but no list follows"
git checkout -q -- $M

section "a line that looks like an action and is not understood: refused at its line"
for line in "- [ ] Action - ring the partners @Clerk" "- [ ] ACTIONS: two things @Clerk" "ACTION: Ring the partners @Clerk" \
    "- Action: Ring the partners @Clerk"; do
    printf '\n%s\n' "$line" >>$M
    L=$(grep -n -F -x -- "$line" $M | cut -d: -f1)
    snapshot_repo .
    expect_fail 1 minutes draft prsc/2019-07-16
    err_has "$M:$L: "
    assert_repo_unchanged .
    git checkout -q -- $M
done
finish
