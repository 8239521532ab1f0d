#!/usr/bin/env bash
# Regression tests of issue 9's leaks, one store:
#   1. an action raised in an exempt minute whose minutes.md no longer parses
#      (`status: drafty`) was public in `actions --public` and in the next
#      agenda's Action log (the confidentiality check failed open);
#   2. `cycle report` printed the owner of an action raised in an exempt
#      minute, and its --commit draft reached `agenda show --public`;
#   3. a minute of an exempt agenda item whose minutes.md lacks the exempt:
#      line was published by `minutes show --public`, in every format;
#   4. `agenda show --public` printed an agenda that was never published.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/public-store.sh"

new_store "$TEST_TMP/store" --body "Test Council"
expect_ok committee add grp --name "Strategy Group" --short-name GRP
expect_ok committee add cabinet --name Cabinet --kind executive
expect_ok member add grp "Alice Chair" --role chair --from 2020-01-01
expect_ok cycle add rep --name "Strategy Group annual report" --owner grp --to cabinet \
    --period annual --due 12-01 --since 2020

section "3. a minute of an exempt agenda item without its exempt: line"
pub_minuted grp/2021-07-01 "Staffing" "SECRET-NOLINE-MINUTE
$(printf -- '- [ ] ACTION: SECRET-NOLINE-ACTION @{SECRET-NOLINE-OWNER} due:2022-03-31')" --exempt 1
pub_edit grp/2021-07-01/minutes.md exempt "Staffing" ""
git_commit_all "The exempt line lost by hand"
expect_ok minutes show grp/2021-07-01
out_has SECRET-NOLINE-MINUTE
for f in md text html json; do
    expect_ok minutes show grp/2021-07-01 --public --format $f
    out_lacks SECRET-NOLINE-MINUTE
    out_lacks SECRET-NOLINE-ACTION
    out_has Staffing
done
expect_ok minutes show grp/2021-07-01 --public
out_has "paragraph 1 of Part 1 of Schedule 12A"
expect_ok actions --public --status all
out_lacks SECRET-NOLINE-OWNER

section "1. minutes that do not parse: their actions are not public"
pub_minuted grp/2021-09-01 "Contract" "SECRET-DRAFTY-MINUTE
$(printf -- '- [ ] ACTION: SECRET-DRAFTY-ACTION @{SECRET-DRAFTY-OWNER} due:2022-03-31')" --exempt 3
expect_ok actions --public --status all
out_lacks SECRET-DRAFTY-ACTION
pub_edit grp/2021-09-01/minutes.md status drafty
for f in text json csv md html; do
    expect_ok actions --public --status all --format $f
    out_lacks SECRET-DRAFTY-ACTION
    out_lacks SECRET-DRAFTY-OWNER
    out_has GRP-2021-002
done
err_has "grp/2021-09-01/minutes.md"
expect_ok actions report --public --from 2021-01-01 --to 2021-12-31
out_lacks SECRET-DRAFTY-ACTION
out_lacks SECRET-DRAFTY-OWNER
git_commit_all "drafty"
expect_ok --as-of 2021-11-20 meeting new grp --date 2021-12-01
file_has grp/2021-12-01/agenda.md "Action log"
file_has grp/2021-12-01/agenda.md GRP-2021-002
file_lacks grp/2021-12-01/agenda.md SECRET-DRAFTY-ACTION
file_lacks grp/2021-12-01/agenda.md SECRET-DRAFTY-OWNER
file_lacks grp/2021-12-01/agenda.md SECRET-NOLINE-OWNER
expect_ok agenda publish grp/2021-12-01 --date 2021-11-24
expect_ok agenda show grp/2021-12-01 --public
out_lacks SECRET-DRAFTY
out_has "Action log"

section "2. cycle report: no owner of an action raised in an exempt minute"
# minutes that parse again, so the report can count them
pub_edit grp/2021-09-01/minutes.md status draft
git_commit_all "status draft again"
for f in md html; do
    expect_ok --as-of 2022-07-01 cycle report rep --period 2021 --format $f
    out_lacks SECRET-DRAFTY-OWNER
    out_lacks SECRET-NOLINE-OWNER
    out_lacks SECRET-DRAFTY-ACTION
    out_has GRP-2021-002
done
expect_ok meeting new cabinet --date 2021-12-07
expect_ok --as-of 2021-11-20 cycle report rep --period 2021 --meeting cabinet/2021-12-07 --commit
file_lacks cabinet/2021-12-07/reports/rep-2021.md SECRET-DRAFTY-OWNER
file_lacks cabinet/2021-12-07/reports/rep-2021.md SECRET-NOLINE-OWNER
expect_ok agenda publish cabinet/2021-12-07 --date 2021-11-30
expect_ok agenda show cabinet/2021-12-07 --public
out_has "Strategy Group annual report"
out_lacks SECRET

section "4. an agenda never published has no public form"
expect_ok meeting new grp --date 2022-02-01
expect_ok agenda add grp/2022-02-01 "Draft item" --purpose "SECRET-DRAFT-PURPOSE"
for f in md text html json; do
    expect_fail 1 agenda show grp/2022-02-01 --public --format $f
    out_lacks SECRET-DRAFT-PURPOSE
    err_has "is not published"
done
# published after --as-of: not yet public on that day
expect_ok agenda publish grp/2022-02-01 --date 2022-01-20
expect_fail 1 --as-of 2022-01-19 agenda show grp/2022-02-01 --public
expect_ok --as-of 2022-01-20 agenda show grp/2022-02-01 --public
out_has SECRET-DRAFT-PURPOSE

finish
