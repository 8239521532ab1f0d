#!/usr/bin/env bash
# govern cycle report: bad input gets a clear message and a non-zero exit
# and changes nothing: an unknown cycle, a malformed or wrong-kind period
# label, a period without any meeting of the owning body, an unknown format,
# a missing --period, a broken action file.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/report-setup.sh"
setup_report_store
expect_ok cycle add half --name "Half-yearly" --owner grp --to cabinet --period six-monthly --due 03-01

section "unknown cycle, malformed period"
expect_refused 1 cycle report nope --period 2021
err_has "unknown cycle 'nope'"
for bad in 21 2021-13 2021-H1 2021x 99999 -2021; do
    expect_refused 1 cycle report rep --period "$bad" --as-of 2022-07-01
done
expect_refused 1 cycle report rep --period 2021-H1
err_has "--period"
expect_refused 1 cycle report half --period 2021
err_has "--period"
expect_refused 1 cycle report half --period 2021-H3
expect_refused 2 cycle report rep
err_has "needs --period"
expect_refused 2 cycle report rep --period 2021 --format json
expect_refused 2 cycle report rep a b --period 2021

section "a period with no data at all"
expect_refused 1 cycle report rep --period 2019 --as-of 2022-07-01
err_has "cycle 'rep' period 2019: no meeting of grp or its sub-committees from 2018-12-01 to 2019-11-30: nothing to report"
expect_refused 1 cycle report rep --period 2025 --as-of 2022-07-01
expect_ok cycle report half --period 2021-H2 --as-of 2022-07-01
expect_refused 1 cycle report half --period 2020-H1 --as-of 2022-07-01
err_has "nothing to report"

section "a broken action file is reported, not skipped"
printf -- '---\nid: GRP-2021-009\nstatus: sideways\n---\n\nx\n' >actions/GRP-2021-009.md
git_commit_all "broken action"
expect_refused 1 cycle report rep --period 2021 --as-of 2022-07-01
err_has "actions/GRP-2021-009.md"

finish
