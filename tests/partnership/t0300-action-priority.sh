#!/usr/bin/env bash
# Actions tagged with the strategic priority they serve (priority: in
# actions/ID.md, docs/actions.md): action add/update --priority validated
# against priorities/ (unknown, malformed, non-UTF-8: refused, nothing
# written), the field read, shown, listed in JSON and kept by the register
# cache, a malformed field in a hand-edited file reported with its line,
# and untagged actions written and listed exactly as before.
. "$(dirname "$0")/../cli/lib.sh"

new_store "$TEST_TMP/store" --body "Hampshire County Council"
expect_ok committee add hcssg --name "Hampshire Community Safety Strategy Group" --short-name HCSSG
expect_ok meeting new hcssg --date 2021-12-20
expect_ok meeting held hcssg/2021-12-20
mkdir -p priorities
cat >priorities/hcssg-2021-23.md <<'EOT'
---
committee: hcssg
period: 2021-23
from: 2021-12-20
to: 2023-12-31
priorities:
- number: 1
  title: Exploitation and serious violence
- number: 2
  title: Violence against women and girls
---
EOT
git_commit_all "priorities"

section "bad --priority: refused, nothing written"
expect_refused 1 --as-of 2022-01-10 action add hcssg/2021-12-20 "Map services" --owner "CSM" --priority hcssg-2021-23/3
err_has "unknown priority 'hcssg-2021-23/3'"
expect_refused 1 --as-of 2022-01-10 action add hcssg/2021-12-20 "Map services" --owner "CSM" --priority nope-2021-23/1
expect_refused 1 --as-of 2022-01-10 action add hcssg/2021-12-20 "Map services" --owner "CSM" --priority "hcssg 2021/1"
err_has "not a priority id"
expect_refused 1 --as-of 2022-01-10 action add hcssg/2021-12-20 "Map services" --owner "CSM" --priority hcssg-2021-23/01
expect_refused 1 --as-of 2022-01-10 action add hcssg/2021-12-20 "Map services" --owner "CSM" --priority "$(printf 'hcssg-2021-23\xe9/1')"
err_has "--priority is not UTF-8"
expect_refused 1 --as-of 2022-01-10 action add hcssg/2021-12-20 "Map services" --owner "CSM" --priority "$(printf 'hcssg-2021-23/1\nx')"

section "untagged actions: the same bytes as before"
expect_ok --as-of 2022-01-10 action add hcssg/2021-12-20 "Untagged" --owner "CSM"
out_has "HCSSG-2021-001"
file_lacks actions/HCSSG-2021-001.md "priority"
expect_ok --as-of 2022-01-11 actions --format json
out_lacks '"priority"'
expect_ok --as-of 2022-01-11 action show HCSSG-2021-001
out_lacks "Priority:"

section "add and update --priority"
expect_ok --as-of 2022-01-10 action add hcssg/2021-12-20 "Map services" --owner "CSM" --priority hcssg-2021-23/2
out_has "HCSSG-2021-002"
file_has actions/HCSSG-2021-002.md "priority: hcssg-2021-23/2"
expect_ok --as-of 2022-01-11 action show HCSSG-2021-002
out_has "Priority:    hcssg-2021-23/2"
expect_ok --as-of 2022-01-11 action show HCSSG-2021-002 --format json
json_expect 'j["priority"] == "hcssg-2021-23/2"'
expect_ok --as-of 2022-01-11 actions --format json
json_valid
json_expect 'j["actions"][1]["priority"] == "hcssg-2021-23/2"'
json_expect '"priority" not in j["actions"][0]'
# the cache (written by the run above) gives the same bytes as the files
cp "$OUT" "$TEST_TMP/json-cached"
GOVERN_NO_CACHE=1 expect_ok --as-of 2022-01-11 actions --format json
assert_eq "$(cmp -s "$OUT" "$TEST_TMP/json-cached" && echo same)" same "cache keeps the priority"
expect_ok --as-of 2022-01-11 action show HCSSG-2021-002
out_has "Priority:    hcssg-2021-23/2"

expect_refused 1 --as-of 2022-02-01 action update HCSSG-2021-001 --priority hcssg-2021-23/9
err_has "unknown priority 'hcssg-2021-23/9'"
expect_refused 1 --as-of 2022-02-01 action update HCSSG-2021-001 --priority "$(printf '\xff/1')"
expect_ok --as-of 2022-02-01 action update HCSSG-2021-001 --priority hcssg-2021-23/1 --note "Serves priority 1"
file_has actions/HCSSG-2021-001.md "priority: hcssg-2021-23/1"
file_has actions/HCSSG-2021-001.md "note: Priority hcssg-2021-23/1. Serves priority 1"
expect_ok --as-of 2022-02-02 priorities
out_has "Open actions:   HCSSG-2021-001"
out_has "Open actions:   HCSSG-2021-002"
expect_ok --as-of 2022-02-02 check
assert_clean_worktree

section "a hand-edited priority field"
sed -i 's#^priority: hcssg-2021-23/1$#priority: not an id#' actions/HCSSG-2021-001.md
expect_fail 1 --as-of 2022-02-02 check
out_has "actions/HCSSG-2021-001.md:8: [parse] field 'priority': not a priority id"
sed -i 's#^priority: not an id$#priority: hcssg-2021-23/7#' actions/HCSSG-2021-001.md
expect_fail 1 --as-of 2022-02-02 check
out_has "actions/HCSSG-2021-001.md:8: [priorities] action HCSSG-2021-001: unknown priority 'hcssg-2021-23/7'"
git checkout -q actions/HCSSG-2021-001.md
expect_ok --as-of 2022-02-02 check

finish
